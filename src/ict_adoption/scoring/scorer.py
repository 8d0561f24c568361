"""score(): an assessment table checked and scored against a rubric, every problem at once.

Levels of detail: an input may give criterion columns (raw indicators, turned into
points by each criterion's rule), group columns (points) and/or ``total``. For each
unit the finest *complete* level is used; where two complete levels are given they must
agree exactly, or the error names the unit, the level and both numbers.
"""

from __future__ import annotations

import os
from typing import Any, Literal

import numpy as np

from ..errors import InputError
from ..io.readers import read_table
from ..model import Rubric
from ..table import as_table, text_column
from .points import (
    criterion_points,
    group_totals,
    totals,
)
from .scored import (
    RESERVED_COLUMNS,
    ColumnMatrix,
    MissingPolicy,
    ScoredTable,
    TableProblems,
)
from .units import (
    units_and_blocs,
)


def score(
    rubric: Rubric,
    data: Any,
    *,
    missing: MissingPolicy = "error",
    unknown_columns: Literal["error", "ignore"] = "error",
    check_roster: bool = True,
) -> ScoredTable:
    """Score an assessment table against ``rubric``.

    ``data``: a :class:`~ict_adoption.table.Table`, a path, a dict of columns, a list
    of dicts or a DataFrame, with columns ``unit``, ``bloc`` (id, name or alias) and
    any of ``total``, group ids, criterion ids (and an optional free-text ``note``).

    ``missing``: what a value needed for a total but left blank means — ``"error"``
    (default), ``"zero"`` (counts as 0), or ``"exclude"`` (the unit is not ranked:
    "không báo cáo"). Never a silent NaN.
    """
    if missing not in ("error", "zero", "exclude"):
        raise ValueError(f"missing: expected 'error', 'zero' or 'exclude', got {missing!r}")
    if isinstance(data, (str, os.PathLike)):  # a file: read it knowing the rubric's columns
        table = read_table(data, rubric=rubric, errors="collect")
    else:
        table = as_table(data)
    problems = TableProblems(table)
    notes = list(table.notes)

    leaf_ids = rubric.scored_ids
    group_ids = [g.id for g in rubric.groups]
    known_cols = set(RESERVED_COLUMNS) | set(leaf_ids) | set(group_ids)
    unknown = [c for c in table.columns if c not in known_cols]
    if unknown:
        if unknown_columns == "ignore":
            notes.append(f"ignored column(s): {', '.join(unknown)}")
        else:
            problems.add(
                f"unknown column(s) {', '.join(map(repr, unknown))}; expected unit, bloc, total, note "
                f"or a group/criterion id of {rubric.region}:{rubric.edition} "
                f"({', '.join(group_ids + [x for x in leaf_ids if x not in group_ids])})"
            )
    for col in ("unit", "bloc"):
        if col not in table.columns:
            problems.add(f"missing required column {col!r}")
    if not any(c in table.columns for c in ("total", *leaf_ids, *group_ids)):
        problems.add("no score column: expected 'total' and/or group or criterion columns")
    problems.raise_if_any(InputError)
    for column, message in table.cell_problems:  # cells a reader could not read
        problems.add_cell_problem(column, message)
    n = len(table)
    if n == 0:
        raise InputError(f"{table.where() or 'input'}: no units to score")

    units, bloc_codes = units_and_blocs(rubric, table, problems, notes, check_roster)
    if bloc_codes is None:  # blank names or unknown blocs: nothing else can be checked
        problems.raise_if_any(InputError)
    assert bloc_codes is not None

    leaf_points, leaf_known = criterion_points(rubric, table, bloc_codes, problems)
    groups = group_totals(rubric, table, bloc_codes, leaf_points, leaf_known, problems)
    total, reported, level = totals(rubric, table, units, bloc_codes, groups, missing, problems)
    problems.raise_if_any()
    if "note" in table.columns:
        comments: tuple[str | None, ...] | None = tuple(text_column(table, "note"))
    else:
        comments = None
    for arr in (units, bloc_codes, total, reported, level):
        arr.setflags(write=False)
    return ScoredTable(
        rubric=rubric,
        table=table,
        units=units,
        bloc_codes=bloc_codes,
        leaf_points=leaf_points,
        leaf_known=leaf_known,
        group_points=ColumnMatrix(groups.points, n, np.int64),
        group_known=ColumnMatrix(groups.known, n, bool),
        total=total,
        reported=reported,
        level=level,
        notes=tuple(notes),
        comments=comments,
    )


