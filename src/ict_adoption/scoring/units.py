"""Units and blocs: names read and normalised, blocs resolved by id, name or alias, units
matched to the rubric's roster (a name without diacritics matches, with a note), and
duplicate units found."""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt

from ..messages import message
from ..model import Rubric
from ..problems import vi_location, warn
from ..table import Table
from ..text import name_key
from ..text_arrays import factorize, key_hashes
from .scored import (
    IntArray,
    TableProblems,
)

# ----------------------------------------------------------------------------- units


def units_and_blocs(
    rubric: Rubric, table: Table, problems: TableProblems, notes: list[str], check_roster: bool
) -> tuple[npt.NDArray[np.str_], IntArray]:
    """Normalised unit names and bloc codes (-1 where the bloc is blank or unknown),
    vectorised; Python runs per distinct value. Every row with a known bloc is still
    checked against the roster and for duplicates, so one bad bloc hides nothing."""
    names, blank_name = table.text_column("unit")
    hashes = key_hashes(names)  # remembered from the reader's pass over the names, if it made them
    names = names.copy()  # the ranking's own: never a view of the caller's array
    blocs, blank_bloc = table.text_column("bloc")  # only codes are kept
    for i in np.flatnonzero(blank_name).tolist():
        problems.add("unit name is blank", i, "unit", kind="blank_name", vi="tên đơn vị trống")
    for i in np.flatnonzero(blank_bloc).tolist():
        problems.add("bloc is blank", i, "bloc", kind="blank_bloc", vi="khối trống")
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
                kind="unknown_bloc",
                vi=f"khối {value!r} không có trong bộ tiêu chí {rubric.region}:{rubric.edition}; các khối: {listing}",
            )
    codes = lut.take(bloc_code)
    good = (codes >= 0) & ~blank_name
    if rubric.units and check_roster:
        official = _match_roster(rubric, table, names, codes, good, problems, notes)
        if not np.array_equal(official, names):
            names, hashes = official, None
    _check_duplicates(rubric, table, names, codes, problems, good, hashes)
    return names, codes


def roster_gaps(rubric: Rubric, names: npt.NDArray[np.str_], codes: IntArray, notes: list[str]) -> None:
    """Warn (and note) for each bloc of the roster with no row, and for the units of a
    complete roster that have no row: a unit or bloc never disappears from a result
    without a word. (A bloc the rubric lists no unit of may be assessed in another file:
    its warning says so.)"""
    known = codes >= 0
    counts = np.bincount(codes if known.all() else codes[known], minlength=len(rubric.blocs))
    with_roster = {u.bloc for u in rubric.units}
    for k, bloc in enumerate(rubric.blocs):
        if counts[k] == 0:  # a bloc never disappears from a result without a word
            key = "roster.bloc_without_rows" if bloc.id in with_roster else "roster.bloc_without_rows_or_roster"
            en = message(key, bloc=repr(bloc.id), name=bloc.name)
            notes.append(en)
            warn(en, stacklevel=5)
    if not rubric.units:
        return
    given = {name_key(str(x)) for x in set(names.tolist())}  # (not np.unique: it imports numpy.ma)
    for k, bloc in enumerate(rubric.blocs):
        if not bloc.roster_complete or counts[k] == 0:
            continue
        roster = [u.name for u in rubric.units if u.bloc == bloc.id]
        absent = [u for u in roster if name_key(u) not in given]
        if absent:
            shown = ", ".join(map(repr, absent[:10])) + (f" … (+{len(absent) - 10})" if len(absent) > 10 else "")
            en = message("roster.units_without_rows", bloc=repr(bloc.id), name=bloc.name,
                         absent=len(absent), size=len(roster), shown=shown)
            notes.append(en)
            warn(en, stacklevel=5)


def _match_roster(
    rubric: Rubric,
    table: Table,
    names: npt.NDArray[np.str_],
    codes: IntArray,
    good: npt.NDArray[np.bool_],
    problems: TableProblems,
    notes: list[str],
) -> npt.NDArray[np.str_]:
    """Official roster names for the input names (per distinct name).

    The rows of each distinct name come from one stable sort of the codes (O(n log n)),
    not from a scan of every row per name."""
    distinct, code = factorize(names)
    official = distinct.astype(object)
    order = np.argsort(code, kind="stable")
    bounds = np.searchsorted(code[order], np.arange(len(distinct) + 1))
    complete = np.array([b.roster_complete for b in rubric.blocs], dtype=bool)
    for k, name in enumerate(distinct.tolist()):
        unit = rubric.find_unit(name)
        rows = order[bounds[k] : bounds[k + 1]]
        if unit is None and name:
            unit = rubric.find_unit_loose(name)
            if unit is not None:
                msg = (
                    f"{table.where(int(rows[0]), 'unit')}: {name!r} matched roster unit {unit.name!r} "
                    "only when diacritics are ignored"
                )
                notes.append(msg)
                warnings.warn(msg, UserWarning, stacklevel=5)
        if unit is not None:
            official[k] = unit.name
        rows = rows[good[rows]]
        if not rows.size:
            continue
        row_codes = codes[rows]
        if unit is None:
            bad = rows[complete[row_codes]]
            if bad.size:
                import difflib  # (for the hint of an unknown unit: loaded only when there is one)

                by_bloc: dict[int, list[str]] = {}
                for i in bad.tolist():
                    bloc = rubric.blocs[codes[i]]
                    if codes[i] not in by_bloc:
                        pool = [u.name for u in rubric.units if u.bloc == bloc.id]
                        by_bloc[codes[i]] = difflib.get_close_matches(name, pool, n=3, cutoff=0.5)
                    near = by_bloc[codes[i]]
                    hint = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
                    hint_vi = f"; có phải {' hay '.join(map(repr, near))}?" if near else ""
                    problems.add(
                        f"unknown unit {name!r} in bloc {bloc.id!r} ({bloc.name}){hint}", i, "unit",
                        kind="unknown_unit",
                        vi=f"đơn vị {name!r} không có trong danh sách khối {bloc.id!r} ({bloc.name}){hint_vi}",
                    )
        else:
            home = next(j for j, b in enumerate(rubric.blocs) if b.id == unit.bloc) if unit.bloc else -1
            for i in rows[row_codes != home].tolist():
                bloc = rubric.blocs[codes[i]]
                problems.add(
                    f"unit {unit.name!r} belongs to bloc {unit.bloc!r} in the roster, not {bloc.id!r}", i, "bloc",
                    kind="wrong_bloc",
                    vi=f"đơn vị {unit.name!r} thuộc khối {unit.bloc!r} trong danh sách, không phải {bloc.id!r}",
                )
    return official.astype(str)[code]


#: the most bits of a key hash counted at once (a table of 2**22 counts: 32 MiB)
_BUCKET_BITS = 22


def _shared_hash_rows(hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.intp]:
    """The rows whose hash another row has too, in row order. A large column's hashes
    are first counted by their top bits (a table of at least four buckets per row), so
    only the rows that share a bucket — about a fifth of them — are sorted; a sort
    without the order is several times faster than one with it."""
    n = len(hashes)
    rows: npt.NDArray[np.intp] | None = None
    sub = hashes
    if n > 4096:
        bits = min(_BUCKET_BITS, (4 * n - 1).bit_length())
        bucket = (hashes >> np.uint64(64 - bits)).astype(np.intp)
        rows = np.flatnonzero(np.bincount(bucket, minlength=1 << bits)[bucket] > 1)
        sub = hashes[rows]
    ordered = np.sort(sub)
    same = ordered[1:] == ordered[:-1]
    if not same.any():
        return np.zeros(0, dtype=np.intp)
    shared = np.unique(ordered[1:][same])
    at = np.minimum(np.searchsorted(shared, sub), len(shared) - 1)
    found = np.flatnonzero(shared[at] == sub)
    return found if rows is None else rows[found]


def _check_duplicates(
    rubric: Rubric,
    table: Table,
    names: npt.NDArray[np.str_],
    codes: IntArray,
    problems: TableProblems,
    good: npt.NDArray[np.bool_] | None = None,
    hashes: npt.NDArray[np.uint64] | None = None,
) -> None:
    """A unit named twice (ignoring case and spacing) is an error naming both rows.

    Only rows whose key hash (:func:`~ict_adoption.text_arrays.key_hashes`; ``hashes``
    if given, of these ``names``) occurs twice are keyed by :func:`name_key`, in row
    order."""
    if hashes is None:
        hashes = key_hashes(names)
    candidates: list[int] | range
    if hashes is None:
        candidates = range(len(names))
    else:  # only rows whose key hash occurs twice need a closer look
        candidates = _shared_hash_rows(hashes).tolist()
        if not candidates:
            return
    first_row: dict[str, int] = {}
    for i in candidates:
        if good is not None and not good[i]:
            continue
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
                kind="duplicate",
                vi=f"đơn vị {name!r} có ở hai khối ({rubric.blocs[codes[j]].id} ở "
                f"{vi_location(table.row_label(j))}, {rubric.blocs[codes[i]].id} ở đây)",
            )
        else:
            problems.add(
                f"unit {name!r} appears twice (also {table.row_label(j)})", i, "unit",
                kind="duplicate", vi=f"đơn vị {name!r} xuất hiện hai lần (cả {vi_location(table.row_label(j))})",
            )


