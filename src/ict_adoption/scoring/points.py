"""Points: each criterion's rule applied to its column, group subtotals (bonus and
penalty groups included), totals, and which level of detail gave each total."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..exact import ROW_BLOCK, float_limit, format_scaled, scale_float_array, scale_points_columns, smallest_int
from ..model import Rubric
from ..rules import PointsRule, Rule, RuleInputError
from ..table import Table, numeric_column, text_column
from ..words import explain_text  # the rules' explanations, shared with `ict-adoption rubric`
from .scored import (
    BoolArray,
    ColumnMatrix,
    IntArray,
    MissingPolicy,
    TableProblems,
    all_columns as _all_columns,
    any_columns as _any_columns,
    or_not as _or_not,
    typed_value as _typed,
    vi_number as _vi_number,
    vi_rule as _vi_rule,
)

# ----------------------------------------------------------------------------- points


def _leaf_rules(rubric: Rubric) -> list[Rule]:
    rules: list[Rule] = []
    for g in rubric.groups:
        if g.criteria:
            rules.extend(c.rule for c in g.criteria)
        else:
            rules.append(PointsRule())
    return rules


def _plain_points(rubric: Rubric, table: Table, sums: dict[int, IntArray] | None) -> dict[int, IntArray]:
    """Leaves given directly as points (:class:`PointsRule`) in a float64 column, applying
    in every bloc, scaled by :func:`~ict_adoption.exact.scale_points_columns` group by
    group against the smallest of their blocs' maxima: ``{leaf index: points}`` of the
    columns in which every value is well (the others, and a column with a value above
    some bloc's maximum, take the careful path, with its messages), and into ``sums``
    the sum of each group whose leaves are all such columns."""
    rules, ids = _leaf_rules(rubric), rubric.scored_ids
    lowest = rubric.leaf_max_matrix.min(axis=0) if len(rubric.blocs) else np.full(len(ids), -1)
    out: dict[int, IntArray] = {}
    for g in range(len(rubric.groups)):
        members = np.flatnonzero(rubric.leaf_group_index == g)
        take = [
            j for j in members.tolist()
            if type(rules[j]) is PointsRule and ids[j] in table.columns and table.columns[ids[j]].dtype == np.float64
            and lowest[j] >= 0
        ]
        if not take:
            continue
        every = sums is not None and len(take) == len(members)  # the group's sum is wanted
        got, total = scale_points_columns(
            [table.columns[ids[j]] for j in take], [int(lowest[j]) for j in take], rubric.precision, summed=every
        )
        out.update((j, c) for j, c in zip(take, got) if c is not None)
        whole = total if total is not None else got[0] if len(got) == 1 else None  # one leaf: its column
        if every and sums is not None and whole is not None:
            sums[g] = whole
    return out


def criterion_points(
    rubric: Rubric, table: Table, bloc_codes: IntArray, problems: TableProblems,
    sums: dict[int, IntArray] | None = None,
) -> tuple[ColumnMatrix, ColumnMatrix]:
    """Each leaf's points and where they are known; ``sums`` (when given) receives the
    criteria sums of the groups whose columns took the fast path (:func:`_plain_points`)."""
    n = len(table)
    leaf_ids = rubric.scored_ids
    zeros = np.zeros(n, dtype=np.int64)
    nothing = np.zeros(n, dtype=bool)
    everything = np.ones(n, dtype=bool)  # shared, like ``zeros``: the matrix is read-only
    points: list[IntArray] = [zeros] * len(leaf_ids)  # absent columns share one array
    known: list[BoolArray] = [nothing] * len(leaf_ids)
    plain = _plain_points(rubric, table, sums)
    for j, (leaf, rule) in enumerate(zip(leaf_ids, _leaf_rules(rubric))):
        if j in plain:  # every value well: in the smallest integer type already
            points[j], known[j] = plain[j], everything
            continue
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
                vi=lambda i: f"{leaf!r} không áp dụng cho khối {rubric.blocs[bloc_codes[i]].id!r}; để trống ô này",
            )
        every = bool(ok.all())
        rows: Any = slice(None) if every else np.flatnonzero(ok)
        if not every and rows.size == 0:
            continue
        pts = _rule_points(rubric, rule, leaf, raw, maxima, bloc_codes, rows, n, problems)
        if pts is None:
            continue
        if every:  # kept in the type the rule gave (exact.scale_float_array_if_exact: the smallest)
            points[j], known[j] = pts, everything
        else:
            points[j] = np.zeros(n, dtype=np.int64)
            points[j][rows] = pts
            known[j] = ok
    small: dict[int, np.ndarray] = {id(p): p for p in plain.values()}  # each column in the smallest type
    for p in points:
        if id(p) not in small:
            small[id(p)] = smallest_int(p)
    return ColumnMatrix([small[id(p)] for p in points], n, np.int64), ColumnMatrix(known, n, bool)


def _rule_points(
    rubric: Rubric, rule: Rule, leaf: str, raw: Any, maxima: Any, bloc_codes: IntArray,
    rows: Any, n: int, problems: TableProblems,
) -> IntArray | None:
    """``rule.points`` of the given rows, or None after reporting every value the rule
    refuses: a rule stops at the first kind of bad value, so the rows it names are set
    aside and the rule runs again on the rest, until it accepts them (each refused row
    is reported once, with the first condition it breaks)."""
    try:
        return rule.points(raw[rows], maxima[rows], rubric.precision, bloc_codes[rows])
    except RuleInputError as first:
        exc: RuleInputError | None = first
    problems.broken.add(leaf)
    left = np.arange(n)[rows]
    for _ in range(32):  # a rule has a handful of checks; the bound only guards a plugin's rule
        if exc is None or left.size == 0:
            break
        bad_rows = left[exc.rows]
        what = str(exc)
        what_vi = _vi_rule(what)
        # one explanation per bloc, one text per typed value: a systematic error over
        # 200,000 rows builds a handful of strings, not 200,000 of each
        how: dict[int, tuple[str, str]] = {}
        typed: dict[float, tuple[str, str]] = {}

        def texts(i: int) -> tuple[str, str, str, str]:
            code = int(bloc_codes[i])
            if code not in how:
                explained = rule.explain(_leaf_max(rubric, code, leaf))
                how[code] = (explained, explain_text(explained, "vi"))
            value = float(raw[i])
            if value not in typed:
                typed[value] = (_typed(value, "en"), _typed(value, "vi"))
            return (*how[code], *typed[value])

        def en(i: int, what: str = what) -> str:
            h_en, _, t_en, _ = texts(i)
            return f"{what} (got {t_en}; {h_en})"

        def vi(i: int, what_vi: str = what_vi) -> str:
            _, h_vi, _, t_vi = texts(i)
            return f"{what_vi} (nhận được {t_vi}; {h_vi})"

        problems.add_rows(bad_rows, leaf, en, kind="range", vi=vi)
        left = np.delete(left, exc.rows)
        exc = None
        if left.size:
            try:
                rule.points(raw[left], maxima[left], rubric.precision, bloc_codes[left])
            except RuleInputError as again:
                exc = again
    return None


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


def _sum_columns(columns: tuple[np.ndarray, ...], n: int, signs: tuple[int, ...] | None = None) -> IntArray:
    """Per row, the sum of the columns (each times its sign), row block by row block: a
    block's running sum stays in cache while every column adds to it. Columns of at most
    16 bits sum in 32 bits (fewer than 2^16 of them cannot overflow it), others in 64."""
    out = np.zeros(n, dtype=np.int64)
    narrow = all(c.dtype.itemsize <= 2 for c in columns) and len(columns) < 2**16
    acc = np.empty(min(n, ROW_BLOCK), dtype=np.int32) if narrow else None
    for start in range(0, n, ROW_BLOCK):
        o = out[start : start + ROW_BLOCK]
        a = o if acc is None else acc[: len(o)]
        a[...] = 0
        for c, sign in zip(columns, signs or (1,) * len(columns)):
            (np.add if sign > 0 else np.subtract)(a, c[start : start + ROW_BLOCK], out=a)
        if acc is not None:
            np.copyto(o, a)
    return out


def group_totals(
    rubric: Rubric,
    table: Table,
    bloc_codes: IntArray,
    leaf_points: ColumnMatrix,
    leaf_known: ColumnMatrix,
    problems: TableProblems,
    sums: dict[int, IntArray] | None = None,
) -> _GroupState:
    """Each group's points and where they are known; ``sums``: criteria sums already made
    (:func:`criterion_points`), by group index."""
    n = len(table)
    leaf_group = rubric.leaf_group_index
    applies_by_bloc = rubric.leaf_max_matrix >= 0
    gmax_by_bloc = rubric.group_max_matrix
    state = _GroupState([], [], [], [], [])
    full, empty = np.ones(n, dtype=bool), np.zeros(n, dtype=bool)  # shared by the groups they fit
    full.setflags(write=False)
    empty.setflags(write=False)
    for g_idx, g in enumerate(rubric.groups):
        cols = np.flatnonzero(leaf_group == g_idx).tolist()
        kn = [leaf_known.columns[j] for j in cols]
        if bool(applies_by_bloc[:, cols].all()):
            applies: list[BoolArray | None] = [None] * len(cols)  # applies everywhere: no mask
            g_applies = full
        else:
            masks = [applies_by_bloc[:, j][bloc_codes] for j in cols]
            applies = list(masks)
            g_applies = _any_columns(masks, n)
        if g_applies is full and all(k.all() for k in kn):  # every criterion known everywhere
            any_c, complete, partial = full, full, empty
        else:
            any_c = _any_columns(kn, n)
            complete = any_c.copy()
            for k, a in zip(kn, applies):
                if a is not None or not k.all():
                    complete &= k if a is None else (k | ~a)
            partial = any_c & ~complete
        csum = sums[g_idx] if sums and g_idx in sums else _sum_columns(tuple(leaf_points.columns[j] for j in cols), n)
        value, vknown = csum, complete
        if g.criteria and g.id in table.columns:
            gmax = gmax_by_bloc[:, g_idx][bloc_codes]
            gin, gin_known = _points_column(rubric, table, g.id, problems)
            na = gin_known & ~g_applies
            problems.add_rows(
                np.flatnonzero(na), g.id,
                lambda i: f"group {g.id!r} does not apply to bloc {rubric.blocs[bloc_codes[i]].id!r}; leave it blank",
                vi=lambda i: f"nhóm {g.id!r} không áp dụng cho khối {rubric.blocs[bloc_codes[i]].id!r}; để trống ô này",
            )
            gin_known &= g_applies
            over = gin_known & ((gin < 0) | (gin > gmax))
            problems.add_rows(
                np.flatnonzero(over), g.id,
                lambda i: f"group points {format_scaled(gin[i], rubric.precision)}{_as_typed(table, g.id, i, 'en')} "
                f"outside 0..{format_scaled(gmax[i], rubric.precision)}",
                kind="range",
                vi=lambda i: f"điểm nhóm {_vi_number(format_scaled(gin[i], rubric.precision))}{_as_typed(table, g.id, i, 'vi')} "
                f"nằm ngoài khoảng 0..{_vi_number(format_scaled(gmax[i], rubric.precision))}",
            )
            clash = complete & gin_known & (csum != gin)
            problems.add_rows(
                np.flatnonzero(clash), g.id,
                lambda i: f"unit {_unit(table, i)!r}: group {g.id!r} is "
                f"{format_scaled(csum[i], rubric.precision)} from its criteria but "
                f"{format_scaled(gin[i], rubric.precision)} was given",
                vi=lambda i: f"đơn vị {_unit(table, i)!r}: nhóm {g.id!r} tính từ các tiêu chí là "
                f"{_vi_number(format_scaled(csum[i], rubric.precision))} nhưng ghi "
                f"{_vi_number(format_scaled(gin[i], rubric.precision))}",
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


def _as_typed(table: Table, column: str, row: int, lang: str) -> str:
    """``" (typed '85.500')"`` when the reader decided how to read this cell, else ``""``."""
    typed = table.typed.get(column, {}).get(row)
    if typed is None:
        return ""
    return f" (gõ {typed!r})" if lang == "vi" else f" (typed {typed!r})"


def _points_column(
    rubric: Rubric, table: Table, name: str, problems: TableProblems
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
        kind="range",
        vi=lambda i: (
            f"{_typed(float(raw[i]), 'vi')} quá lớn để giữ chính xác với {rubric.precision} chữ số thập phân"
            if abs(raw[i]) >= limit
            else f"{_typed(float(raw[i]), 'vi')} có nhiều hơn {rubric.precision} chữ số thập phân (độ chính xác của bộ tiêu chí)"
        ),
    )
    # an inexact value was given: it is reported above, and must not also count as missing
    return scaled, known


def totals(
    rubric: Rubric,
    table: Table,
    units: npt.NDArray[np.str_],
    bloc_codes: IntArray,
    groups: _GroupState,
    missing: MissingPolicy,
    problems: TableProblems,
) -> tuple[IntArray, BoolArray, npt.NDArray[np.uint8]]:
    n = len(table)
    p = rubric.precision
    G = len(rubric.groups)
    settled = [_or_not(k, a) for k, a in zip(groups.known, groups.applies)]
    all_known = _all_columns(settled, n)
    computed = _sum_columns(tuple(groups.points), n, tuple(g.sign for g in rubric.groups))

    if "total" in table.columns:
        given, tknown = _points_column(rubric, table, "total", problems)
    else:
        given, tknown = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    given_at = np.flatnonzero(tknown)  # a unit's range, and the check, only where a total is given
    if given_at.size:
        from_criteria = _any_columns([groups.crit_any[g] for g in range(G) if rubric.groups[g].criteria], n)
        gmax = np.maximum(rubric.group_max_matrix, 0)  # blocs × groups
        kinds = np.array([g.kind for g in rubric.groups])
        hi_by_bloc = rubric.bloc_max_scaled + gmax[:, kinds == "bonus"].sum(axis=1)
        lo_by_bloc = -gmax[:, kinds == "penalty"].sum(axis=1)
        hi, lo = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        hi[given_at], lo[given_at] = hi_by_bloc[bloc_codes[given_at]], lo_by_bloc[bloc_codes[given_at]]
        out_of_range = tknown & ((given < lo) | (given > hi))
        problems.add_rows(
            np.flatnonzero(out_of_range), "total",
            lambda i: f"unit {str(units[i])!r}: total {format_scaled(given[i], p)}{_as_typed(table, 'total', i, 'en')} "
            f"outside {format_scaled(lo[i], p)}..{format_scaled(hi[i], p)} for bloc {rubric.blocs[bloc_codes[i]].id!r}",
            kind="range",
            vi=lambda i: f"đơn vị {str(units[i])!r}: tổng điểm {_vi_number(format_scaled(given[i], p))}"
            f"{_as_typed(table, 'total', i, 'vi')} nằm ngoài khoảng "
            f"{_vi_number(format_scaled(lo[i], p))}..{_vi_number(format_scaled(hi[i], p))} của khối {rubric.blocs[bloc_codes[i]].id!r}",
        )
        clash = all_known & tknown & (computed != given)
        problems.add_rows(
            np.flatnonzero(clash), "total",
            lambda i: f"unit {str(units[i])!r}: total is {format_scaled(computed[i], p)} from its "
            f"{'criteria' if from_criteria[i] else 'groups'} but "
            f"{format_scaled(given[i], p)} was given",
            vi=lambda i: f"đơn vị {str(units[i])!r}: tổng điểm tính từ các "
            f"{'tiêu chí' if from_criteria[i] else 'nhóm'} là {_vi_number(format_scaled(computed[i], p))} nhưng ghi "
            f"{_vi_number(format_scaled(given[i], p))}",
        )
    total = computed if all_known.all() else np.where(all_known, computed, given)
    needs = ~all_known & ~tknown
    if problems.broken:  # unreadable columns: "missing" would only repeat their errors
        needs[:] = False
    reported = np.ones(n, dtype=bool)
    if needs.any():
        if missing == "error":
            group_ids = [g.id for g in rubric.groups]

            def lacking(i: int, some: str) -> str:
                return ", ".join(
                    group_ids[g] + (some if groups.crit_partial[g][i] else "")
                    for g in range(G)
                    if groups.applies[g][i] and not groups.known[g][i]
                )

            def what(i: int) -> str:
                return (
                    f"unit {str(units[i])!r}: no total and missing points for {lacking(i, ' (some criteria blank)')}; "
                    "fill them in, or count blanks as zero or leave the unit unranked "
                    "(missing: zero or exclude; on the command line --missing zero or --missing exclude)"
                )

            def what_vi(i: int) -> str:
                return (
                    f"đơn vị {str(units[i])!r}: không có tổng điểm và thiếu điểm {lacking(i, ' (có tiêu chí để trống)')}; "
                    "hãy điền vào, hoặc tính ô trống là 0 hay không xếp hạng đơn vị này "
                    "(--missing zero hoặc --missing exclude)"
                )

            problems.add_rows(np.flatnonzero(needs), None, what, kind="missing", vi=what_vi)
        elif missing == "zero":
            total = np.where(needs, computed, total)
        else:
            reported = ~needs
            total = np.where(needs, 0, total)
    every_criterion = _all_columns([_or_not(c, a) for c, a in zip(groups.crit_any, groups.applies)], n)
    every_criterion &= ~_any_columns(groups.crit_partial, n)
    level = np.add(all_known.view(np.uint8), (all_known & every_criterion).view(np.uint8))  # 2, 1 or 0
    return total.astype(np.int64, copy=False), reported, level

