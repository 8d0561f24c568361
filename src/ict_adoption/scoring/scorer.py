"""score(): an assessment table checked and scored against a rubric, every problem at once.

Levels of detail: an input may give criterion columns (raw indicators, turned into
points by each criterion's rule), group columns (points) and/or ``total``. For each
unit the finest *complete* level is used; where two complete levels are given they must
agree exactly, or the error names the unit, the level and both numbers.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from ..errors import InputError
from ..exact import smallest_int
from ..io.readers import read_table
from ..model import Rubric
from ..table import Table, text_column
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
    roster_gaps,
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
    if isinstance(data, Table) and data.read_for == f"{rubric.region}:{rubric.edition}":
        table = data  # read already, knowing this rubric's columns
    else:  # a file, a DataFrame, dicts …: the same heading and cell rules, with the rubric
        table = read_table(data, rubric=rubric, errors="collect")
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
    problems.add_reader_problems(table)  # cells a reader could not read
    n = len(table)
    if n == 0:
        raise InputError(f"{table.where() or 'input'}: no units to score")

    units, bloc_codes = units_and_blocs(rubric, table, problems, notes, check_roster)
    unknown_bloc = bloc_codes < 0
    if unknown_bloc.any():  # rows without a known bloc: every other row is checked in full, then stop
        good = np.flatnonzero(~unknown_bloc)
        if good.size:
            sub = table.take(good)
            checks = TableProblems(sub, rows=good, collected=problems.collected)
            lp, lk = criterion_points(rubric, sub, bloc_codes[good], checks)
            gs = group_totals(rubric, sub, bloc_codes[good], lp, lk, checks)
            totals(rubric, sub, units[good], bloc_codes[good], gs, missing, checks)
        problems.raise_if_any(InputError)

    sums: dict[int, np.ndarray] = {}  # criteria sums of the groups made while scaling their columns
    leaf_points, leaf_known = criterion_points(rubric, table, bloc_codes, problems, sums)
    groups = group_totals(rubric, table, bloc_codes, leaf_points, leaf_known, problems, sums)
    total, reported, level = totals(rubric, table, units, bloc_codes, groups, missing, problems)
    problems.raise_if_any()
    if check_roster:
        roster_gaps(rubric, units, bloc_codes, notes)  # warnings only for a result that stands
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
        group_points=ColumnMatrix(_small_columns(groups.points), n, np.int64),
        group_known=ColumnMatrix(groups.known, n, bool),
        total=total,
        reported=reported,
        level=level,
        notes=tuple(notes),
        comments=comments,
    )


def _small_columns(columns: list[np.ndarray]) -> list[np.ndarray]:
    """Each column in the smallest integer type its values need (a shared one stays shared)."""
    small: dict[int, np.ndarray] = {}
    for c in columns:
        if id(c) not in small:
            small[id(c)] = smallest_int(c)
    return [small[id(c)] for c in columns]
