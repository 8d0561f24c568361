"""Scoring: raw values → criterion points → group subtotals → totals, exactly.

All arithmetic is on int64 arrays of points at the rubric's precision (see
:mod:`ict_adoption.exact`), vectorised across units; Python loops run over columns
(criteria, groups), never over units, except to read text cells (names, blocs).

Levels of detail: an input may give criterion columns (raw indicators, turned into
points by each criterion's rule), group columns (points) and/or ``total``. For each
unit the finest *complete* level is used; where two complete levels are given they must
agree exactly, or the error names the unit, the level and both numbers.
"""

from __future__ import annotations

import difflib
import warnings
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from .errors import InputError, ScoringError
from .exact import format_scaled, scale_float_array
from .model import Rubric
from .rules import PointsRule, Rule, RuleInputError
from .table import Table, as_table, numeric_column, text_column
from .text import name_key

__all__ = ["ScoredTable", "score", "MissingPolicy", "RESERVED_COLUMNS", "LEVELS"]

MissingPolicy = Literal["error", "zero", "exclude"]
RESERVED_COLUMNS = ("unit", "bloc", "total", "note")
LEVELS = ("total", "groups", "criteria")
_MAX_LISTED = 25

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen(eq=False)
class ScoredTable:
    """Exact scores of every unit, and what they were made from.

    Arrays are aligned with ``units``; points are scaled integers (``rubric.scale``).
    ``reported`` is False for units not ranked under ``missing="exclude"``
    ("không báo cáo"). ``level`` says which level of detail gave the total (index into
    :data:`LEVELS`).
    """

    rubric: Rubric
    table: Table
    units: tuple[str, ...]
    bloc_codes: IntArray
    leaf_points: IntArray
    leaf_known: BoolArray
    group_points: IntArray
    group_known: BoolArray
    total: IntArray
    reported: BoolArray
    level: npt.NDArray[np.uint8]
    notes: tuple[str, ...] = ()
    comments: tuple[str | None, ...] | None = None

    def __len__(self) -> int:
        return len(self.units)

    @property
    def blocs(self) -> list[str]:
        """Bloc id of each unit."""
        ids = np.array([b.id for b in self.rubric.blocs], dtype=object)
        return list(ids[self.bloc_codes])


class _Problems:
    """Collects every problem so that one error reports them all at once."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.items: list[str] = []
        self.broken: set[str] = set()  # columns that could not be read at all

    def add_error(self, exc: InputError, column: str) -> None:
        self.items.extend(getattr(exc, "problems", [str(exc)]))
        self.broken.add(column)

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        where = self.table.where(row, column)
        self.items.append(f"{where}: {message}" if where else message)

    def add_rows(self, rows: npt.ArrayLike, column: str | None, message: Any) -> None:
        for i in np.asarray(rows).tolist():
            self.add(message(i) if callable(message) else message, i, column)

    def raise_if_any(self, cls: type[InputError] = ScoringError) -> None:
        if not self.items:
            return
        shown = self.items[:_MAX_LISTED]
        more = len(self.items) - len(shown)
        head = f"{len(self.items)} problem(s) in the assessment data:" if len(self.items) > 1 else ""
        lines = ([head] if head else []) + [f"  - {p}" if head else p for p in shown]
        if more:
            lines.append(f"  … and {more} more")
        err = cls("\n".join(lines), origin=self.table.origin)
        err.problems = list(self.items)  # type: ignore[attr-defined]
        raise err


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
    table = as_table(data)
    problems = _Problems(table)
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
    n = len(table)
    if n == 0:
        raise InputError(f"{table.where() or 'input'}: no units to score")

    units, bloc_codes = _units_and_blocs(rubric, table, problems, notes, check_roster)
    if bloc_codes is None:  # blank names or unknown blocs: nothing else can be checked
        problems.raise_if_any(InputError)
    assert bloc_codes is not None

    leaf_points, leaf_known = _leaf_points(rubric, table, bloc_codes, problems)
    group_points, group_known, group_applies, crit_any, crit_partial = _groups(
        rubric, table, bloc_codes, leaf_points, leaf_known, problems
    )
    total, reported, level = _totals(
        rubric, table, units, bloc_codes, group_points, group_known, group_applies,
        crit_any, crit_partial, leaf_known, missing, problems,
    )
    problems.raise_if_any()
    if "note" in table.columns:
        comments: tuple[str | None, ...] | None = tuple(text_column(table, "note"))
    else:
        comments = None
    for arr in (bloc_codes, leaf_points, leaf_known, group_points, group_known, total, reported, level):
        arr.setflags(write=False)
    return ScoredTable(
        rubric=rubric,
        table=table,
        units=tuple(units),
        bloc_codes=bloc_codes,
        leaf_points=leaf_points,
        leaf_known=leaf_known,
        group_points=group_points,
        group_known=group_known,
        total=total,
        reported=reported,
        level=level,
        notes=tuple(notes),
        comments=comments,
    )


# ----------------------------------------------------------------------------- units


def _units_and_blocs(
    rubric: Rubric, table: Table, problems: _Problems, notes: list[str], check_roster: bool
) -> tuple[list[str], IntArray | None]:
    names = text_column(table, "unit")
    bloc_text = text_column(table, "bloc")
    bloc_index = {b.id: i for i, b in enumerate(rubric.blocs)}
    code_of: dict[str, int] = {}
    for value in set(v for v in bloc_text if v is not None):
        try:
            code_of[value] = bloc_index[rubric.bloc(value).id]
        except KeyError:
            pass
    codes = np.empty(len(table), dtype=np.int64)
    for i, (name, b) in enumerate(zip(names, bloc_text)):
        if name is None:
            problems.add("unit name is blank", i, "unit")
        if b is None:
            problems.add("bloc is blank", i, "bloc")
        elif b not in code_of:
            problems.add(
                f"unknown bloc {b!r}; blocs of {rubric.region}:{rubric.edition}: "
                + "; ".join(f"{x.id} ({x.name})" for x in rubric.blocs),
                i,
                "bloc",
            )
        else:
            codes[i] = code_of[b]
    if problems.items:
        return [n or "" for n in names], None

    official: list[str] = []
    roster = rubric.units and check_roster
    for i, name in enumerate(names):
        assert name is not None
        if not roster:
            official.append(name)
            continue
        unit = rubric.find_unit(name)
        if unit is None:
            unit = rubric.find_unit_loose(name)
            if unit is not None:
                msg = (
                    f"{table.where(i, 'unit')}: {name!r} matched roster unit {unit.name!r} "
                    "only when diacritics are ignored"
                )
                notes.append(msg)
                warnings.warn(msg, UserWarning, stacklevel=4)
        bloc = rubric.blocs[codes[i]]
        if unit is None:
            if bloc.roster_complete:
                pool = [u.name for u in rubric.units if u.bloc == bloc.id]
                near = difflib.get_close_matches(name, pool, n=3, cutoff=0.5)
                hint = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
                problems.add(f"unknown unit {name!r} in bloc {bloc.id!r} ({bloc.name}){hint}", i, "unit")
            official.append(name)
            continue
        if unit.bloc != bloc.id:
            problems.add(
                f"unit {unit.name!r} belongs to bloc {unit.bloc!r} in the roster, not {bloc.id!r}", i, "bloc"
            )
        official.append(unit.name)

    first_row: dict[str, int] = {}
    for i, name in enumerate(official):
        key = name_key(name)
        if key in first_row:
            j = first_row[key]
            if codes[j] != codes[i]:
                problems.add(
                    f"unit {name!r} appears in two blocs ({rubric.blocs[codes[j]].id} in "
                    f"{table.row_label(j)}, {rubric.blocs[codes[i]].id} here)",
                    i,
                    "unit",
                )
            else:
                problems.add(f"unit {name!r} appears twice (also {table.row_label(j)})", i, "unit")
        else:
            first_row[key] = i
    return official, codes


# ----------------------------------------------------------------------------- points


def _leaf_rules(rubric: Rubric) -> list[Rule]:
    rules: list[Rule] = []
    for g in rubric.groups:
        if g.criteria:
            rules.extend(c.rule for c in g.criteria)
        else:
            rules.append(PointsRule())
    return rules


def _leaf_points(
    rubric: Rubric, table: Table, bloc_codes: IntArray, problems: _Problems
) -> tuple[IntArray, BoolArray]:
    n = len(table)
    leaf_ids = rubric.scored_ids
    maxima = rubric.leaf_max_matrix[bloc_codes]  # n × L
    points = np.zeros((n, len(leaf_ids)), dtype=np.int64)
    known = np.zeros((n, len(leaf_ids)), dtype=bool)
    for j, (leaf, rule) in enumerate(zip(leaf_ids, _leaf_rules(rubric))):
        if leaf not in table.columns:
            continue
        try:
            raw = numeric_column(table, leaf)
        except InputError as exc:
            problems.add_error(exc, leaf)
            continue
        given = ~np.isnan(raw)
        applies = maxima[:, j] >= 0
        bad = given & ~applies
        problems.add_rows(
            np.flatnonzero(bad), leaf,
            lambda i: f"{leaf!r} does not apply to bloc {rubric.blocs[bloc_codes[i]].id!r}; leave it blank",
        )
        rows = np.flatnonzero(given & applies)
        if rows.size == 0:
            continue
        try:
            pts = rule.points(raw[rows], maxima[rows, j], rubric.precision, bloc_codes[rows])
        except RuleInputError as exc:
            problems.broken.add(leaf)
            bad_rows = rows[exc.rows]
            problems.add_rows(
                bad_rows, leaf,
                lambda i: f"{exc} (got {raw[i]:g}; {rule.explain(rubric.leaf_max(rubric.blocs[bloc_codes[i]].id, leaf))})",
            )
            continue
        points[rows, j] = pts
        known[rows, j] = True
    return points, known


def _groups(
    rubric: Rubric,
    table: Table,
    bloc_codes: IntArray,
    leaf_points: IntArray,
    leaf_known: BoolArray,
    problems: _Problems,
) -> tuple[IntArray, BoolArray, BoolArray, BoolArray, BoolArray]:
    n = len(table)
    G = len(rubric.groups)
    leaf_group = rubric.leaf_group_index
    leaf_applies = rubric.leaf_max_matrix[bloc_codes] >= 0
    group_points = np.zeros((n, G), dtype=np.int64)
    group_known = np.zeros((n, G), dtype=bool)
    group_applies = np.zeros((n, G), dtype=bool)
    crit_any = np.zeros((n, G), dtype=bool)
    crit_partial = np.zeros((n, G), dtype=bool)
    for g_idx, g in enumerate(rubric.groups):
        cols = np.flatnonzero(leaf_group == g_idx)
        applies = leaf_applies[:, cols]
        kn = leaf_known[:, cols]
        group_applies[:, g_idx] = applies.any(axis=1)
        any_c = kn.any(axis=1)
        complete = any_c & np.all(kn | ~applies, axis=1)
        csum = np.where(kn, leaf_points[:, cols], 0).sum(axis=1)
        crit_any[:, g_idx] = any_c
        crit_partial[:, g_idx] = any_c & ~complete
        value, vknown = csum, complete
        if g.criteria and g.id in table.columns:
            gmax = np.where(applies, rubric.leaf_max_matrix[bloc_codes][:, cols], 0).sum(axis=1)
            gin, gin_known = _points_column(rubric, table, g.id, problems)
            na = gin_known & ~group_applies[:, g_idx]
            problems.add_rows(
                np.flatnonzero(na), g.id,
                lambda i: f"group {g.id!r} does not apply to bloc {rubric.blocs[bloc_codes[i]].id!r}; leave it blank",
            )
            gin_known &= group_applies[:, g_idx]
            over = gin_known & ((gin < 0) | (gin > gmax))
            problems.add_rows(
                np.flatnonzero(over), g.id,
                lambda i: f"group points {format_scaled(gin[i], rubric.precision)} outside "
                f"0..{format_scaled(gmax[i], rubric.precision)}",
            )
            clash = complete & gin_known & (csum != gin)
            problems.add_rows(
                np.flatnonzero(clash), g.id,
                lambda i: f"unit {_unit(table, i)!r}: group {g.id!r} is "
                f"{format_scaled(csum[i], rubric.precision)} from its criteria but "
                f"{format_scaled(gin[i], rubric.precision)} was given",
            )
            # complete criteria win (and must agree); otherwise the group column
            vknown = complete | gin_known
            value = np.where(complete | ~gin_known, csum, gin)
        # where unknown, the sum of the criteria that are known (0 if none): what
        # missing="zero" counts
        group_points[:, g_idx] = value
        group_known[:, g_idx] = vknown
    return group_points, group_known, group_applies, crit_any, crit_partial


def _unit(table: Table, i: int) -> str:
    names = text_column(table, "unit") if "unit" in table.columns else []
    return names[i] if i < len(names) and names[i] else f"row {i + 1}"


def _points_column(
    rubric: Rubric, table: Table, name: str, problems: _Problems
) -> tuple[IntArray, BoolArray]:
    try:
        raw = numeric_column(table, name)
    except InputError as exc:
        problems.add_error(exc, name)
        return np.zeros(len(table), dtype=np.int64), np.zeros(len(table), dtype=bool)
    known = ~np.isnan(raw)
    scaled, exact = scale_float_array(np.where(known, raw, 0.0), rubric.precision)
    problems.add_rows(
        np.flatnonzero(known & ~exact), name,
        lambda i: f"{float(raw[i])!r} has more than {rubric.precision} decimal place(s), the rubric's precision",
    )
    # an inexact value was given: it is reported above, and must not also count as missing
    return scaled, known


def _totals(
    rubric: Rubric,
    table: Table,
    units: list[str],
    bloc_codes: IntArray,
    group_points: IntArray,
    group_known: BoolArray,
    group_applies: BoolArray,
    crit_any: BoolArray,
    crit_partial: BoolArray,
    leaf_known: BoolArray,
    missing: MissingPolicy,
    problems: _Problems,
) -> tuple[IntArray, BoolArray, npt.NDArray[np.uint8]]:
    n = len(table)
    p = rubric.precision
    signs = rubric.group_signs
    has_criteria = np.array([bool(g.criteria) for g in rubric.groups])
    all_known = np.all(group_known | ~group_applies, axis=1)
    computed = (group_points * signs).sum(axis=1)

    bloc_max = rubric.bloc_max_scaled[bloc_codes]
    extra = np.zeros(len(rubric.blocs), dtype=np.int64)
    floor = np.zeros(len(rubric.blocs), dtype=np.int64)
    for bi, b in enumerate(rubric.blocs):
        for g in rubric.groups:
            m = rubric.group_max(b.id, g.id)
            if m is None:
                continue
            scaled = int(m.scaleb(p))
            if g.kind == "bonus":
                extra[bi] += scaled
            elif g.kind == "penalty":
                floor[bi] -= scaled
    hi = bloc_max + extra[bloc_codes]
    lo = floor[bloc_codes]

    if "total" in table.columns:
        given, tknown = _points_column(rubric, table, "total", problems)
    else:
        given, tknown = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    out_of_range = tknown & ((given < lo) | (given > hi))
    problems.add_rows(
        np.flatnonzero(out_of_range), "total",
        lambda i: f"unit {units[i]!r}: total {format_scaled(given[i], p)} outside "
        f"{format_scaled(lo[i], p)}..{format_scaled(hi[i], p)} for bloc {rubric.blocs[bloc_codes[i]].id!r}",
    )
    clash = all_known & tknown & (computed != given)
    problems.add_rows(
        np.flatnonzero(clash), "total",
        lambda i: f"unit {units[i]!r}: total is {format_scaled(computed[i], p)} from its "
        f"{'criteria' if (crit_any[i] & has_criteria).any() else 'groups'} but "
        f"{format_scaled(given[i], p)} was given",
    )
    total = np.where(all_known, computed, given)
    needs = ~all_known & ~tknown
    if problems.broken:  # unreadable columns: "missing" would only repeat their errors
        needs[:] = False
    reported = np.ones(n, dtype=bool)
    if needs.any():
        if missing == "error":
            group_ids = [g.id for g in rubric.groups]

            def what(i: int) -> str:
                lacking = [
                    group_ids[g] + (" (some criteria blank)" if crit_partial[i, g] else "")
                    for g in np.flatnonzero(~group_known[i] & group_applies[i])
                ]
                return (
                    f"unit {units[i]!r}: no total and missing points for {', '.join(lacking)}; "
                    "fill them in, or choose missing='zero' or missing='exclude'"
                )

            problems.add_rows(np.flatnonzero(needs), None, what)
        elif missing == "zero":
            total = np.where(needs, computed, total)
        else:
            reported = ~needs
            total = np.where(needs, 0, total)
    level = np.where(
        all_known & np.all(crit_any | ~group_applies, axis=1) & ~crit_partial.any(axis=1),
        2,
        np.where(all_known, 1, 0),
    ).astype(np.uint8)
    return total.astype(np.int64), reported, level
