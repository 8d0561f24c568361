"""The display order of a ranking's rows, sorted at once: bloc, status, rank, name.

:func:`display_order` is the order :class:`~ict_adoption.rows.Rows` shows units in.
Names decide only among units that share bloc, status and rank; they are compared in
Vietnamese-aware order (:func:`~ict_adoption.ranks.name_order`). When every name is a
shared prefix followed by plain ASCII (``"Đơn vị số 000123"``), that order is the
code-point order of the names, read from their UTF-32 arrays (:func:`code_point_keys`),
and all keys go into one int64 that numpy sorts in a few milliseconds.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from .ranks import name_order
from .text import ascii_key

__all__ = ["display_order", "code_point_keys", "pack_columns"]

IntArray = npt.NDArray[np.int64]


def _tie_name_order(names: npt.NDArray[np.str_], *keys: npt.NDArray[Any]) -> IntArray:
    """:func:`~ict_adoption.ranks.name_order` where it decides anything: for the rows
    that share every key (bloc, reported, rank) with another row; 0 elsewhere. The
    order of names within a subset is their order in the whole, so sorting by this
    sorts as by the full name order."""
    n = len(names)
    out = np.zeros(n, dtype=np.int64)
    if n < 2:
        return out
    first = np.lexsort(keys[::-1])
    same = np.ones(n - 1, dtype=bool)
    for k in keys:
        ks = np.asarray(k)[first]
        same &= ks[1:] == ks[:-1]
    shared = np.zeros(n, dtype=bool)
    shared[1:] |= same
    shared[:-1] |= same
    rows = first[shared]
    if rows.size:
        words = code_point_keys(names[rows])
        if words is None:
            out[rows] = name_order(names[rows])
        elif len(words) == 1:
            out[rows] = words[0]
        elif words:  # the rank of each name among the subset, from its key words
            by = np.lexsort(words[::-1])
            new = np.ones(len(by), dtype=bool)
            new[1:] = np.any([w[by][1:] != w[by][:-1] for w in words], axis=0)
            out[rows[by]] = np.cumsum(new)
    return out


def display_order(names: npt.NDArray[np.str_], blocs: IntArray, unranked: IntArray, ranks: npt.NDArray[Any]) -> npt.NDArray[np.intp]:
    """Rows by bloc, reported first, rank, then name (:func:`_tie_name_order`); equal
    keys in input order. When the names have code-point keys (:func:`code_point_keys`)
    and the ranks are integers, all keys are packed into as few int64 as hold them and
    sorted at once."""
    words = code_point_keys(names) if ranks.dtype.kind in "iu" and len(names) > 1 else None
    if words is None:
        return np.lexsort((_tie_name_order(names, ranks, unranked, blocs), ranks, unranked, blocs))
    n = len(names)
    packed = pack_columns([blocs, unranked, ranks, *words, np.arange(n)])  # the row last: input order
    if len(packed) == 1:  # one int64 key, every key distinct: a plain sort, the row read back
        key = np.sort(packed[0])
        return key % n
    return np.lexsort(packed[::-1])


def _neutral_table() -> npt.NDArray[np.bool_]:
    """Which ASCII characters Vietnamese name order keeps as they are: not white space,
    not a capital; ``ascii_key`` and ``casefold`` leave them unchanged."""
    return np.array([ascii_key(c) == c == c.casefold() == c.lower() for c in map(chr, range(128))])


_NEUTRAL = _neutral_table()


def code_point_keys(names: npt.NDArray[np.str_]) -> list[IntArray] | None:
    """Integer keys (most significant first) that order ``names`` exactly as
    :func:`~ict_adoption.ranks.name_order` does, equal only for equal names; or None.

    When every name is a shared prefix ``P`` (no capital sigma) followed by *neutral*
    ASCII (see :func:`_neutral_table`: lower-case letters, digits, punctuation), the
    keys of ``name_order`` — ``ascii_key``, ``casefold`` and the name — are each a
    shared part followed by that same ASCII tail: every step of them (NFC, lower-casing,
    dropping white space, đ → d, NFD, dropping marks, case folding) acts on an ASCII
    starter by itself, and only lower-casing a capital sigma looks at its neighbours.
    Then the order is the code-point order of the tails, which is read from the names'
    UTF-32 code points, packed column by column into as few int64 as hold them.
    """
    arr = np.ascontiguousarray(names, dtype=np.str_).reshape(-1)
    n, width = len(arr), arr.dtype.itemsize // 4
    if n == 0 or width == 0:
        return []
    cp = arr.view(np.uint32).reshape(n, width)
    differs = np.flatnonzero((cp != cp[0]).any(axis=0) | (cp[0] == 0))
    p = int(differs[0]) if differs.size else width  # the shared prefix: real characters only
    prefix = "".join(map(chr, cp[0, :p].tolist()))
    if "\u03a3" in prefix:
        return None
    tail = cp[:, p:]
    if tail.size and (int(tail.max()) >= 128 or not _NEUTRAL[tail].all()):
        return None
    return pack_columns([tail[:, j] for j in range(tail.shape[1])])


def pack_columns(columns: list[npt.NDArray[Any]]) -> list[IntArray]:
    """Integer columns (most significant first) packed into as few int64 words as hold
    them, ordering rows the same (lexicographically): each column less its minimum is
    a digit whose radix is the column's span; a constant column is left out, one of a
    span wider than int64 kept as it is."""
    words: list[IntArray] = []
    word: IntArray | None = None
    room = 1
    for col in columns:
        c = np.asarray(col).astype(np.int64)
        lo, hi = int(c.min()), int(c.max())
        if lo == hi:
            continue
        radix = hi - lo + 1
        if radix > 2**63:  # a span wider than int64: the column as it is, a word alone
            words.append(c)
            word = None
            continue
        if word is None or room * radix > 2**63:
            word, room = c - lo, radix
            words.append(word)
        else:
            word *= radix
            word += c - lo
            room *= radix
    return words
