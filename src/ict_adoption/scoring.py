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
import os
import warnings
from decimal import Decimal
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from .errors import InputError, ScoringError
from .exact import float_limit, format_scaled, scale_float_array
from .model import Rubric
from .rules import PointsRule, Rule, RuleInputError
from .table import Table, as_table, numeric_column, text_column
from .text import name_key
from .text_arrays import factorize, key_hashes, text_array

__all__ = ["ScoredTable", "score", "MissingPolicy", "RESERVED_COLUMNS", "LEVELS"]

MissingPolicy = Literal["error", "zero", "exclude"]
RESERVED_COLUMNS = ("unit", "bloc", "total", "note")
LEVELS = ("total", "groups", "criteria")
_MAX_LISTED = 25

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class ColumnMatrix:
    """A units × columns matrix held as separate 1-D columns.

    Indexing works like a 2-D array for the forms the library uses (``m[i, j]``,
    ``m[rows, j]``, ``m[:, j]``); :meth:`to_array` builds the full array. Columns are
    kept apart because each is what a rule or a sum produced: no large matrix is
    allocated and copied while scoring a million units.
    """

    __slots__ = ("columns", "shape", "dtype")

    def __init__(self, columns: list[np.ndarray], n: int, dtype: Any) -> None:
        self.columns = tuple(columns)
        self.shape = (n, len(columns))
        self.dtype = np.dtype(dtype)
        for c in self.columns:
            c.setflags(write=False)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, tuple) and len(key) == 2:
            rows, col = key
            if isinstance(col, (int, np.integer)):
                return self.columns[col][rows]
            return self.to_array()[rows, col]
        return self.to_array()[key]

    def __len__(self) -> int:
        return self.shape[0]

    def to_array(self) -> np.ndarray:
        if not self.columns:
            return np.zeros(self.shape, dtype=self.dtype)
        return np.column_stack(self.columns).astype(self.dtype, copy=False)

    __array__ = to_array  # np.asarray(matrix) works

    def __repr__(self) -> str:
        return f"<ColumnMatrix {self.shape[0]}×{self.shape[1]} {self.dtype}>"


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
    units: npt.NDArray[np.str_]
    bloc_codes: IntArray
    leaf_points: ColumnMatrix
    leaf_known: ColumnMatrix
    group_points: ColumnMatrix
    group_known: ColumnMatrix
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
    if isinstance(data, (str, os.PathLike)):  # a file: read it knowing the rubric's columns
        from .io import read_table

        table = read_table(data, rubric=rubric, errors="collect")
    else:
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
    for column, message in table.cell_problems:  # cells a reader could not read
        problems.items.append(message)
        problems.broken.add(column)
    n = len(table)
    if n == 0:
        raise InputError(f"{table.where() or 'input'}: no units to score")

    units, bloc_codes = _units_and_blocs(rubric, table, problems, notes, check_roster)
    if bloc_codes is None:  # blank names or unknown blocs: nothing else can be checked
        problems.raise_if_any(InputError)
    assert bloc_codes is not None

    leaf_points, leaf_known = _leaf_points(rubric, table, bloc_codes, problems)
    groups = _groups(rubric, table, bloc_codes, leaf_points, leaf_known, problems)
    total, reported, level = _totals(rubric, table, units, bloc_codes, groups, missing, problems)
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


# ----------------------------------------------------------------------------- units


def _units_and_blocs(
    rubric: Rubric, table: Table, problems: _Problems, notes: list[str], check_roster: bool
) -> tuple[npt.NDArray[np.str_], IntArray | None]:
    """Normalised unit names and bloc codes, vectorised; Python runs per distinct value."""
    before = len(problems.items)
    names, blank_name = text_array(table.columns["unit"])
    blocs, blank_bloc = text_array(table.columns["bloc"], copy=False)  # only codes are kept
    for i in np.flatnonzero(blank_name).tolist():
        problems.add("unit name is blank", i, "unit")
    for i in np.flatnonzero(blank_bloc).tolist():
        problems.add("bloc is blank", i, "bloc")
    distinct, bloc_code = factorize(blocs)
    lut = np.full(len(distinct), -1, dtype=np.int64)
    index = {b.id: i for i, b in enumerate(rubric.blocs)}
    for k, value in enumerate(distinct.tolist()):
        if not value:
            continue
        try:
            lut[k] = index[rubric.bloc(value).id]
        except KeyError:
            listing = "; ".join(f"{x.id} ({x.name})" for x in rubric.blocs)
            problems.add_rows(
                np.flatnonzero(bloc_code == k), "bloc",
                f"unknown bloc {value!r}; blocs of {rubric.region}:{rubric.edition}: {listing}",
            )
    if len(problems.items) > before:  # blank names or unknown blocs
        return names, None
    codes = lut[bloc_code]
    if rubric.units and check_roster:
        names = _match_roster(rubric, table, names, codes, problems, notes)
    _check_duplicates(rubric, table, names, codes, problems)
    return names, codes


def _match_roster(
    rubric: Rubric,
    table: Table,
    names: npt.NDArray[np.str_],
    codes: IntArray,
    problems: _Problems,
    notes: list[str],
) -> npt.NDArray[np.str_]:
    """Official roster names for the input names (per distinct name)."""
    distinct, code = factorize(names)
    official = distinct.astype(object)
    for k, name in enumerate(distinct.tolist()):
        rows = None
        unit = rubric.find_unit(name)
        if unit is None:
            unit = rubric.find_unit_loose(name)
            if unit is not None:
                rows = np.flatnonzero(code == k)
                msg = (
                    f"{table.where(int(rows[0]), 'unit')}: {name!r} matched roster unit {unit.name!r} "
                    "only when diacritics are ignored"
                )
                notes.append(msg)
                warnings.warn(msg, UserWarning, stacklevel=5)
        if unit is not None:
            official[k] = unit.name
        rows = np.flatnonzero(code == k) if rows is None else rows
        for i in rows.tolist():
            bloc = rubric.blocs[codes[i]]
            if unit is None and bloc.roster_complete:
                pool = [u.name for u in rubric.units if u.bloc == bloc.id]
                near = difflib.get_close_matches(name, pool, n=3, cutoff=0.5)
                hint = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
                problems.add(f"unknown unit {name!r} in bloc {bloc.id!r} ({bloc.name}){hint}", i, "unit")
            elif unit is not None and unit.bloc != bloc.id:
                problems.add(
                    f"unit {unit.name!r} belongs to bloc {unit.bloc!r} in the roster, not {bloc.id!r}", i, "bloc"
                )
    return official.astype(str)[code]


def _check_duplicates(
    rubric: Rubric, table: Table, names: npt.NDArray[np.str_], codes: IntArray, problems: _Problems
) -> None:
    """A unit named twice (ignoring case and spacing) is an error naming both rows."""
    hashes = key_hashes(names)
    candidates: list[int] | range
    if hashes is None:
        candidates = range(len(names))
    else:  # only rows whose key hash occurs twice need a closer look
        ordered = np.sort(hashes)  # a sort without the order is several times faster
        if not (ordered[1:] == ordered[:-1]).any():
            return
        order = np.argsort(hashes, kind="stable")
        same = hashes[order][1:] == hashes[order][:-1]
        flagged = np.zeros(len(names), dtype=bool)
        flagged[order[1:][same]] = True
        flagged[order[:-1][same]] = True
        candidates = np.flatnonzero(flagged).tolist()
    first_row: dict[str, int] = {}
    for i in candidates:
        name = str(names[i])
        key = name_key(name)
        if key not in first_row:
            first_row[key] = i
            continue
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
) -> tuple[ColumnMatrix, ColumnMatrix]:
    n = len(table)
    leaf_ids = rubric.scored_ids
    zeros = np.zeros(n, dtype=np.int64)
    nothing = np.zeros(n, dtype=bool)
    everything = np.ones(n, dtype=bool)  # shared, like ``zeros``: the matrix is read-only
    points: list[IntArray] = [zeros] * len(leaf_ids)  # absent columns share one array
    known: list[BoolArray] = [nothing] * len(leaf_ids)
    for j, (leaf, rule) in enumerate(zip(leaf_ids, _leaf_rules(rubric))):
        if leaf not in table.columns:
            continue
        try:
            raw, blank = numeric_column(table, leaf)
        except InputError as exc:
            problems.add_error(exc, leaf)
            continue
        by_bloc = rubric.leaf_max_matrix[:, j]
        given = everything if blank is None else ~blank
        if (by_bloc == by_bloc[0]).all():  # one maximum everywhere: no per-unit copy
            maxima = np.broadcast_to(by_bloc[0], raw.shape)
            ok, bad = (given, nothing) if by_bloc[0] >= 0 else (nothing, given)
        else:
            maxima = by_bloc[bloc_codes]
            applies = maxima >= 0
            ok = given & applies
            bad = given & ~applies
        if bad.any():
            problems.add_rows(
                np.flatnonzero(bad), leaf,
                lambda i: f"{leaf!r} does not apply to bloc {rubric.blocs[bloc_codes[i]].id!r}; leave it blank",
            )
        every = bool(ok.all())
        rows: Any = slice(None) if every else np.flatnonzero(ok)
        if not every and rows.size == 0:
            continue
        try:
            pts = rule.points(raw[rows], maxima[rows], rubric.precision, bloc_codes[rows])
        except RuleInputError as exc:
            problems.broken.add(leaf)
            bad_rows = np.arange(n)[rows][exc.rows]
            problems.add_rows(
                bad_rows, leaf,
                lambda i: f"{exc} (got {raw[i]:g}; {rule.explain(_leaf_max(rubric, int(bloc_codes[i]), leaf))})",
            )
            continue
        if every:
            points[j], known[j] = pts.astype(np.int64, copy=False), everything
        else:
            points[j] = np.zeros(n, dtype=np.int64)
            points[j][rows] = pts
            known[j] = ok
    return ColumnMatrix(points, n, np.int64), ColumnMatrix(known, n, bool)


def _leaf_max(rubric: Rubric, bloc_code: int, leaf: str) -> Decimal:
    """The maximum of ``leaf`` in a bloc where it applies (rules only see such units)."""
    m = rubric.leaf_max(rubric.blocs[bloc_code].id, leaf)
    assert m is not None, f"{leaf!r} does not apply to bloc {rubric.blocs[bloc_code].id!r}"
    return m


@attrs.frozen
class _GroupState:
    """Per group, 1-D columns over units (lists indexed by group)."""

    points: list[IntArray]
    known: list[BoolArray]
    applies: list[BoolArray]
    crit_any: list[BoolArray]
    crit_partial: list[BoolArray]


def _sum_columns(columns: tuple[np.ndarray, ...], n: int) -> IntArray:
    out = np.zeros(n, dtype=np.int64)
    for c in columns:
        out += c
    return out


def _all_columns(columns: list[BoolArray], n: int) -> BoolArray:
    out = np.ones(n, dtype=bool)
    for c in columns:
        out &= c
    return out


def _any_columns(columns: list[BoolArray], n: int) -> BoolArray:
    out = np.zeros(n, dtype=bool)
    for c in columns:
        out |= c
    return out


def _groups(
    rubric: Rubric,
    table: Table,
    bloc_codes: IntArray,
    leaf_points: ColumnMatrix,
    leaf_known: ColumnMatrix,
    problems: _Problems,
) -> _GroupState:
    n = len(table)
    leaf_group = rubric.leaf_group_index
    applies_by_bloc = rubric.leaf_max_matrix >= 0
    gmax_by_bloc = rubric.group_max_matrix
    state = _GroupState([], [], [], [], [])
    for g_idx, g in enumerate(rubric.groups):
        cols = np.flatnonzero(leaf_group == g_idx).tolist()
        kn = [leaf_known.columns[j] for j in cols]
        if bool(applies_by_bloc[:, cols].all()):
            applies: list[BoolArray | None] = [None] * len(cols)  # applies everywhere: no mask
            g_applies = np.ones(n, dtype=bool)
        else:
            masks = [applies_by_bloc[:, j][bloc_codes] for j in cols]
            applies = list(masks)
            g_applies = _any_columns(masks, n)
        any_c = _any_columns(kn, n)
        complete = any_c.copy()
        for k, a in zip(kn, applies):
            complete &= k if a is None else (k | ~a)
        csum = _sum_columns(tuple(leaf_points.columns[j] for j in cols), n)  # unknown leaves hold 0
        partial = any_c & ~complete
        value, vknown = csum, complete
        if g.criteria and g.id in table.columns:
            gmax = gmax_by_bloc[:, g_idx][bloc_codes]
            gin, gin_known = _points_column(rubric, table, g.id, problems)
            na = gin_known & ~g_applies
            problems.add_rows(
                np.flatnonzero(na), g.id,
                lambda i: f"group {g.id!r} does not apply to bloc {rubric.blocs[bloc_codes[i]].id!r}; leave it blank",
            )
            gin_known &= g_applies
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
        # where unknown, value is the sum of the criteria that are known (0 if none):
        # what missing="zero" counts
        state.points.append(value)
        state.known.append(vknown)
        state.applies.append(g_applies)
        state.crit_any.append(any_c)
        state.crit_partial.append(partial)
    return state


def _unit(table: Table, i: int) -> str:
    names = text_column(table, "unit") if "unit" in table.columns else []
    name = names[i] if i < len(names) else None
    return name or f"row {i + 1}"


def _points_column(
    rubric: Rubric, table: Table, name: str, problems: _Problems
) -> tuple[IntArray, BoolArray]:
    try:
        raw, blank = numeric_column(table, name)
    except InputError as exc:
        problems.add_error(exc, name)
        return np.zeros(len(table), dtype=np.int64), np.zeros(len(table), dtype=bool)
    known = np.ones(len(raw), dtype=bool) if blank is None else ~blank
    scaled, exact = scale_float_array(raw if blank is None else np.where(blank, 0.0, raw), rubric.precision)
    limit = float_limit(rubric.precision)
    problems.add_rows(
        np.flatnonzero(known & ~exact), name,
        lambda i: (
            f"{float(raw[i])!r} is too large to hold exactly at {rubric.precision} decimal place(s)"
            if abs(raw[i]) >= limit
            else f"{float(raw[i])!r} has more than {rubric.precision} decimal place(s), the rubric's precision"
        ),
    )
    # an inexact value was given: it is reported above, and must not also count as missing
    return scaled, known


def _totals(
    rubric: Rubric,
    table: Table,
    units: npt.NDArray[np.str_],
    bloc_codes: IntArray,
    groups: _GroupState,
    missing: MissingPolicy,
    problems: _Problems,
) -> tuple[IntArray, BoolArray, npt.NDArray[np.uint8]]:
    n = len(table)
    p = rubric.precision
    G = len(rubric.groups)
    settled = [k | ~a for k, a in zip(groups.known, groups.applies)]
    all_known = _all_columns(settled, n)
    computed = np.zeros(n, dtype=np.int64)
    for g, grp in enumerate(rubric.groups):
        computed += groups.points[g] if grp.sign > 0 else -groups.points[g]
    from_criteria = _any_columns([groups.crit_any[g] for g in range(G) if rubric.groups[g].criteria], n)

    bloc_max = rubric.bloc_max_scaled[bloc_codes]
    gmax = np.maximum(rubric.group_max_matrix, 0)  # blocs × groups
    kinds = np.array([g.kind for g in rubric.groups])
    extra = gmax[:, kinds == "bonus"].sum(axis=1)
    floor = -gmax[:, kinds == "penalty"].sum(axis=1)
    hi = bloc_max + extra[bloc_codes]
    lo = floor[bloc_codes]

    if "total" in table.columns:
        given, tknown = _points_column(rubric, table, "total", problems)
    else:
        given, tknown = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    out_of_range = tknown & ((given < lo) | (given > hi))
    problems.add_rows(
        np.flatnonzero(out_of_range), "total",
        lambda i: f"unit {str(units[i])!r}: total {format_scaled(given[i], p)} outside "
        f"{format_scaled(lo[i], p)}..{format_scaled(hi[i], p)} for bloc {rubric.blocs[bloc_codes[i]].id!r}",
    )
    clash = all_known & tknown & (computed != given)
    problems.add_rows(
        np.flatnonzero(clash), "total",
        lambda i: f"unit {str(units[i])!r}: total is {format_scaled(computed[i], p)} from its "
        f"{'criteria' if from_criteria[i] else 'groups'} but "
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
                    group_ids[g] + (" (some criteria blank)" if groups.crit_partial[g][i] else "")
                    for g in range(G)
                    if groups.applies[g][i] and not groups.known[g][i]
                ]
                return (
                    f"unit {str(units[i])!r}: no total and missing points for {', '.join(lacking)}; "
                    "fill them in, or choose missing='zero' or missing='exclude' "
                    "(on the command line: --missing zero or --missing exclude)"
                )

            problems.add_rows(np.flatnonzero(needs), None, what)
        elif missing == "zero":
            total = np.where(needs, computed, total)
        else:
            reported = ~needs
            total = np.where(needs, 0, total)
    every_criterion = _all_columns(
        [c | ~a for c, a in zip(groups.crit_any, groups.applies)], n
    ) & ~_any_columns(groups.crit_partial, n)
    level = np.where(all_known & every_criterion, 2, np.where(all_known, 1, 0)).astype(np.uint8)
    return total.astype(np.int64), reported, level
