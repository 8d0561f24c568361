"""Units and blocs: names read and normalised, blocs resolved by id, name or alias, units
matched to the rubric's roster (a name without diacritics matches, with a note), and
duplicate units found."""

from __future__ import annotations

import difflib
import warnings

import numpy as np
import numpy.typing as npt

from ..model import Rubric
from ..table import Table
from ..text import name_key
from ..text_arrays import factorize, key_hashes, text_array
from .scored import (
    IntArray,
    TableProblems,
)

# ----------------------------------------------------------------------------- units


def units_and_blocs(
    rubric: Rubric, table: Table, problems: TableProblems, notes: list[str], check_roster: bool
) -> tuple[npt.NDArray[np.str_], IntArray | None]:
    """Normalised unit names and bloc codes, vectorised; Python runs per distinct value."""
    before = len(problems)
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
    if len(problems) > before:  # blank names or unknown blocs
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
    problems: TableProblems,
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
    rubric: Rubric, table: Table, names: npt.NDArray[np.str_], codes: IntArray, problems: TableProblems
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


