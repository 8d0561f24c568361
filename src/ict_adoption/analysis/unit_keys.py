"""Every key a unit name is known by, for whole columns of names at once (numpy).

A name's *keys* are its own key (:func:`~ict_adoption.text.name_key`: case and spacing
ignored) and, for each rubric whose roster lists it (by name or alias), the keys of every
name and alias of that roster unit. Two names are the same unit when their keys meet.

:func:`key_pairs` turns several columns of names into ``(row, key id)`` pairs in one
shared numbering of keys: the distinct raw names are found once
(:func:`~ict_adoption.text_arrays.factorize`), their keys hashed vectorised
(:func:`~ict_adoption.text_arrays.key_hashes`); :func:`~ict_adoption.text.name_key` runs in
Python only on the distinct names that share a hash (to confirm it) or that the
vectorised hash cannot take. The roster is joined by array look-up, not name by name.
``tests/test_analysis_matching.py`` checks the result against a plain loop over
:func:`~ict_adoption.analysis.matching.unit_keys`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np
import numpy.typing as npt

from ..text import name_key
from ..text_arrays import factorize, key_hashes

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

__all__ = ["key_ids", "key_pairs", "join_pairs"]

IntArray = npt.NDArray[np.intp]


def key_ids(names: npt.NDArray[np.str_]) -> IntArray:
    """A number per name: equal numbers exactly when the names' ``name_key`` is equal."""
    if len(names) == 0:
        return np.zeros(0, dtype=np.intp)
    uniques, codes = factorize(names)
    hashes = key_hashes(uniques)
    if hashes is None:  # characters the vectorised key does not cover: Python keys
        keys = [name_key(str(u)) for u in uniques]
        _, ids = np.unique(np.array(keys, dtype=str), return_inverse=True)
        return ids.reshape(-1)[codes]
    _, first, ids = np.unique(hashes, return_index=True, return_inverse=True)
    ids = ids.reshape(-1).astype(np.intp)
    counts = np.bincount(ids)
    shared = np.flatnonzero(counts[ids] > 1)  # distinct raw names with one hash: confirm
    if len(shared):
        next_id = len(first)
        seen: dict[tuple[int, str], int] = {}
        for k in shared.tolist():
            h = int(ids[k])
            key = name_key(str(uniques[k]))
            ref = name_key(str(uniques[first[h]]))
            if key != ref:  # a true collision: a number of its own
                ids[k] = seen.setdefault((h, key), next_id + len(seen))
    return ids[codes]


def _roster(rubric: "Rubric") -> tuple[list[str], IntArray]:
    """Every name and alias of the roster and the index of its unit."""
    names: list[str] = []
    owner: list[int] = []
    for u, unit in enumerate(rubric.units):
        for n in (unit.name, *unit.aliases):
            names.append(n)
            owner.append(u)
    return names, np.array(owner, dtype=np.intp)


def key_pairs(columns: Sequence[Sequence[str]], rubrics: Sequence["Rubric"]) -> list[tuple[IntArray, IntArray]]:
    """For each column of names, ``(rows, keys)``: every (row, key id) pair of its names'
    key sets (see the module docstring), key ids shared by all columns, no pair twice."""
    rosters = [_roster(r) for r in rubrics]
    parts = [np.asarray([str(x) for x in c], dtype=str) if len(c) else np.zeros(0, dtype="<U1") for c in columns]
    parts += [np.asarray(names, dtype=str) if names else np.zeros(0, dtype="<U1") for names, _ in rosters]
    sizes = [len(p) for p in parts]
    every = np.concatenate(parts) if sum(sizes) else np.zeros(0, dtype="<U1")
    ids = key_ids(every)
    bounds = np.cumsum([0, *sizes])
    n_keys = int(ids.max()) + 1 if len(ids) else 0
    col_ids = [ids[bounds[i]:bounds[i + 1]] for i in range(len(columns))]
    extra = []
    for r, (_, owner) in enumerate(rosters):
        k = len(columns) + r
        roster_ids = ids[bounds[k]:bounds[k + 1]]
        unit_of = np.full(n_keys, -1, dtype=np.intp)
        # a key listed twice: the last unit wins, as in Rubric.find_unit
        last, at = np.unique(roster_ids[::-1], return_index=True)
        unit_of[last] = owner[::-1][at]
        order = np.argsort(owner, kind="stable")
        n_units = int(owner.max()) + 1 if len(owner) else 0
        starts = np.searchsorted(owner[order], np.arange(n_units + 1))
        extra.append((unit_of, roster_ids[order], starts))
    out = []
    for cid in col_ids:
        rows = [np.arange(len(cid), dtype=np.intp)]
        keys = [cid]
        for unit_of, flat, starts in extra:
            unit = unit_of[cid] if len(cid) else np.zeros(0, dtype=np.intp)
            hit = np.flatnonzero(unit >= 0)
            if not len(hit):
                continue
            lo, hi = starts[unit[hit]], starts[unit[hit] + 1]
            n = hi - lo
            rows.append(np.repeat(hit, n))
            offsets = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
            keys.append(flat[np.repeat(lo, n) + offsets])
        out.append(_unique_pairs(np.concatenate(rows), np.concatenate(keys), max(n_keys, 1)))
    return out


def _unique_pairs(a: IntArray, b: IntArray, width: int) -> tuple[IntArray, IntArray]:
    """The distinct ``(a, b)`` pairs sorted by a then b (``0 <= b < width``)."""
    if not len(a):
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    code = np.unique(a.astype(np.int64) * width + b)
    return (code // width).astype(np.intp), (code % width).astype(np.intp)


def join_pairs(a: tuple[IntArray, IntArray], b: tuple[IntArray, IntArray]) -> tuple[IntArray, IntArray]:
    """``(rows of a, rows of b)``: every pair of rows whose key sets meet, each once,
    sorted by a's row then b's."""
    ra, ka = a
    rb, kb = b
    if not len(ka) or not len(kb):
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    order = np.argsort(kb, kind="stable")
    kb_sorted, rb_sorted = kb[order], rb[order]
    lo = np.searchsorted(kb_sorted, ka, "left")
    hi = np.searchsorted(kb_sorted, ka, "right")
    n = hi - lo
    ia = np.repeat(ra, n)
    offsets = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    ib = rb_sorted[np.repeat(lo, n) + offsets]
    return _unique_pairs(ia, ib, int(rb.max()) + 1)
