"""Text normalisation for whole columns: :mod:`ict_adoption.text`, vectorised.

For large inputs the functions here work on the code points of a numpy ``U`` array, in
blocks of rows; Python's own string functions (:func:`~ict_adoption.text.nfc`,
:func:`~ict_adoption.text.name_key`) run only on the rows that need them, never on
every row. Results are the same as applying those functions row by row
(tests/test_text_arrays.py checks this).

One pass over the code points does both jobs of a column of names: each code point is
looked up once in a table of *plain* characters (Latin, Vietnamese, Greek, Cyrillic
letters and signs that are NFC on their own, not white space, and lower-case to one
character), which gives its lower case, or marks it as needing Python; the same block
is then checked for irregular spacing and hashed by its name key. :func:`text_array`
remembers the hashes of the array it returns, so that :func:`key_hashes` of that array
costs nothing.
"""

from __future__ import annotations

import functools
import unicodedata
import weakref
from typing import Sequence

import numpy as np
import numpy.typing as npt

from .text import name_key, nfc

__all__ = ["text_array", "key_hashes", "python_rows", "blank_rows", "factorize", "reference_key_hash"]

#: code points from here on are never plain (the table's last entry stands for them all)
_TABLE_LIMIT = 0x2000
#: candidates for the plain table (each still checked: see :func:`_key_table`)
_PLAIN_RANGES = ((0x21, 0x7F), (0xA1, 0x300), (0x370, 0x483), (0x48A, 0x530), (0x1E00, 0x1F00))
#: table value of a character that is not plain (no character's :func:`_value`), so that
#: a row holding one goes through Python
_BAD = np.uint32(0xFFFFFFFF)
#: a character's value in the hash: its code point times this (odd: 0 only for NUL)
_SPREAD = 0x9E3779B1
_SEEDS = (0x811C9DC5, 0x3C6EF372)


def _value(code: int) -> int:
    """The hash value of a character of a key (non-zero but for NUL)."""
    return (_SPREAD * code) & 0xFFFFFFFF


@functools.cache
def _key_table() -> npt.NDArray[np.uint32]:
    """Code point → the hash value (:func:`_value`) of its lower case if plain, 0 for the
    space and the padding, else ``_BAD``.

    Plain: in ``_PLAIN_RANGES``, its own NFC, canonical combining class 0, not white
    space, lower case of one character (so a row of plain characters is NFC, and its
    :func:`name_key` is its characters lower-cased one by one, spaces dropped). The
    capital sigma is left out (its lower case depends on the next character), and the
    soft hyphen (so that every invisible character the readers strip is not plain).
    tests/test_text_arrays.py checks the table against every code point.
    """
    table = np.full(_TABLE_LIMIT + 1, _BAD, dtype=np.uint32)
    table[0] = table[32] = 0
    for lo, hi in _PLAIN_RANGES:
        for c in range(lo, hi):
            ch = chr(c)
            low = ch.lower()
            if (
                len(low) == 1
                and c not in (0x3A3, 0xAD)
                and not ch.isspace()
                and unicodedata.combining(ch) == 0
                and unicodedata.normalize("NFC", ch) == ch
            ):
                table[c] = _value(ord(low))
    table.setflags(write=False)
    return table


def _codepoints(arr: npt.NDArray[np.str_]) -> npt.NDArray[np.uint32]:
    width = arr.dtype.itemsize // 4
    if width == 0:
        return np.zeros((len(arr), 1), dtype=np.uint32)
    return np.ascontiguousarray(arr).view(np.uint32).reshape(len(arr), width)


# Rows per block for work on the code-point matrix: about this many code points at a
# time, so that the temporaries of each step are small, stay in cache and are reused,
# rather than fresh pages the size of the whole column.
_BLOCK_CODEPOINTS = 1 << 17


def _row_blocks(n: int, width: int) -> list[slice]:
    step = max(1, _BLOCK_CODEPOINTS // max(width, 1))
    return [slice(start, min(start + step, n)) for start in range(0, n, step)]


class _Buffers:
    """Scratch arrays for one block of rows, made once per column and reused."""

    def __init__(self, rows: int, width: int) -> None:
        self.low = np.empty((rows, width), dtype=np.uint32)
        self.x_t = np.empty((width, rows), dtype=np.uint32)
        self.v_t = np.empty((width, rows), dtype=np.uint32)
        self.space = np.empty((rows, width), dtype=bool)
        self.empty = np.empty((rows, width), dtype=bool)
        self.h = np.empty(rows, dtype=np.uint32)
        self.s = np.empty(rows, dtype=np.uint32)


def _scan(
    arr: npt.NDArray[np.str_], spacing: bool
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint64]]:
    """``(python, hashes)``: the rows Python must see, and each other row's key hash.

    ``python``: rows holding a character that is not plain, and (with ``spacing``) rows
    with a leading or trailing space or two spaces in a row. ``hashes``: for every row
    without a character that is not plain, :func:`reference_key_hash` of its
    :func:`name_key` (spacing does not change the key); other rows' values are
    meaningless.
    """
    n = len(arr)
    u = _codepoints(arr)
    width = u.shape[1]
    python = np.zeros(n, dtype=bool)
    hashes = np.empty(n, dtype=np.uint64)
    blocks = _row_blocks(n, width)
    if not blocks:
        return python, hashes
    table = _key_table()
    buf = _Buffers(blocks[0].stop - blocks[0].start, width)
    for rows in blocks:
        k = rows.stop - rows.start
        block = u[rows]
        low = table.take(block, mode="clip", out=buf.low[:k])
        if low.max() == _BAD:
            python[rows] = (low == _BAD).any(axis=1)
        if spacing:
            space = np.equal(block, 32, out=buf.space[:k])
            empty = np.equal(low, 0, out=buf.empty[:k])  # a space or the padding (plain rows)
            flat_space, flat_empty = space.reshape(-1), empty.reshape(-1)
            # a space followed by a space or the padding; a space first or last
            doubled = flat_space[:-1] & flat_empty[1:]
            if space[:, 0].any() or space[:, -1].any() or doubled.any():
                python[rows] |= space[:, 0] | space[:, -1] | (space[:, :-1] & empty[:, 1:]).any(axis=1)
        x_t = buf.x_t[:, :k]
        np.copyto(x_t, low.T)
        hashes[rows] = _hash_columns(x_t, buf, k)
    return python, hashes


def _hash_columns(x_t: npt.NDArray[np.uint32], buf: _Buffers, k: int) -> npt.NDArray[np.uint64]:
    """Per column of ``x_t`` (one row per character position, each a :func:`_value` or 0),
    over the positions: ``h = (h ^ x) * (x | 1)`` in the high half, ``g = (g + x) * (x | 1)``
    in the low half (32 bits each; a 0 changes neither, so spaces and padding are
    skipped without a mask)."""
    v_t = np.bitwise_or(x_t, np.uint32(1), out=buf.v_t[:, :k])
    h, s = buf.h[:k], buf.s[:k]
    h.fill(_SEEDS[0])
    s.fill(_SEEDS[1])
    for c in range(x_t.shape[0]):
        np.bitwise_xor(h, x_t[c], out=h)
        np.multiply(h, v_t[c], out=h)
        np.add(s, x_t[c], out=s)
        np.multiply(s, v_t[c], out=s)
    out = h.astype(np.uint64)
    out <<= np.uint64(32)
    out |= s
    return out


def reference_key_hash(key: str) -> int:
    """What :func:`key_hashes` gives a text whose :func:`name_key` is ``key`` (the plain
    definition): over the key's characters but NUL, with ``x`` the character's
    :func:`_value`, ``h = (h ^ x) * (x | 1)`` and ``g = (g + x) * (x | 1)`` (32 bits
    each); ``h`` in the high half."""
    h, g = _SEEDS
    for ch in key:
        x = _value(ord(ch))
        if x:
            h = ((h ^ x) * (x | 1)) & 0xFFFFFFFF
            g = ((g + x) * (x | 1)) & 0xFFFFFFFF
    return (h << 32) | g


def _python_key_hashes(texts: Sequence[str]) -> npt.NDArray[np.uint64]:
    """Key hashes through :func:`name_key` itself (the keys hashed vectorised)."""
    if not texts:
        return np.zeros(0, dtype=np.uint64)
    keys = np.array([name_key(t) for t in texts], dtype=str)
    u = _codepoints(keys)
    out = np.empty(len(keys), dtype=np.uint64)
    blocks = _row_blocks(len(keys), u.shape[1])
    buf = _Buffers(blocks[0].stop - blocks[0].start, u.shape[1])
    for rows in blocks:
        k = rows.stop - rows.start
        x_t = buf.x_t[:, :k]
        np.multiply(u[rows].T, np.uint32(_SPREAD), out=x_t)  # _value of each
        out[rows] = _hash_columns(x_t, buf, k)
    return out


# The key hashes of the arrays text_array returned, by id, while the array lives:
# (a weak reference to it, its hashes, the rows whose hash Python must still make, the
# rows that went through Python).
_REMEMBERED: dict[
    int, tuple[weakref.ref[np.ndarray], npt.NDArray[np.uint64], npt.NDArray[np.intp], npt.NDArray[np.intp]]
] = {}


def _remember(arr: np.ndarray, hashes: npt.NDArray[np.uint64], pending: npt.NDArray[np.intp]) -> None:
    key = id(arr)

    def forget(ref: "weakref.ref[np.ndarray]") -> None:
        if _REMEMBERED.get(key, (None,))[0] is ref:
            del _REMEMBERED[key]

    _REMEMBERED[key] = (weakref.ref(arr, forget), hashes, pending, pending)


def _remembered(arr: np.ndarray) -> npt.NDArray[np.uint64] | None:
    """The key hashes :func:`text_array` made for ``arr`` (Python's rows filled in now),
    or None: not an array it returned, or no longer read-only."""
    got = _REMEMBERED.get(id(arr))
    if got is None or got[0]() is not arr or arr.flags.writeable or len(got[1]) != len(arr):
        return None
    hashes, pending = got[1], got[2]
    if pending.size:
        hashes[pending] = _python_key_hashes([str(x) for x in arr[pending].tolist()])
        _REMEMBERED[id(arr)] = (got[0], hashes, pending[:0], got[3])
    return hashes


def text_array(
    values: npt.ArrayLike, *, copy: bool = True
) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.bool_]]:
    """``values`` as NFC, trimmed, single-spaced text (a numpy ``U`` array) + blank mask.

    Vectorised: rows are checked for characters that are not plain and irregular
    spacing with array operations, and only those rows go through :func:`nfc`. With
    ``copy=False`` the result is read-only: a text array that needs no change comes back
    as a view of ``values`` instead of a copy. The key hashes of a read-only result are
    remembered for :func:`key_hashes`.
    """
    col = np.asarray(values)
    if col.dtype.kind == "O":
        missing = np.equal(col, np.asarray(None, dtype=object)) | (col != col)  # None or NaN
        col = np.where(missing, "", col)
    arr = col.astype(str, copy=copy)
    if arr is col:  # not copied: a view, so that a flag set on it stays on it
        arr = arr.view()
    if not copy:
        arr.setflags(write=False)
    python, hashes = _scan(arr, spacing=True)
    fix = np.flatnonzero(python)
    if fix.size:
        before = arr[fix].tolist()
        fixed = [nfc(x) for x in before]
        changed = [j for j, (a, b) in enumerate(zip(before, fixed)) if a != b]
        if changed:
            width = max(arr.dtype.itemsize // 4, max((len(fixed[j]) for j in changed), default=1), 1)
            arr = arr.astype(f"<U{width}")  # always a copy: never write into ``values``
            arr[fix[changed]] = [fixed[j] for j in changed]
            arr.setflags(write=copy)  # read-only with copy=False, as the view would be
    if not arr.flags.writeable:  # nobody writes into it: its hashes stay right
        _remember(arr, hashes, fix)
    u0 = _codepoints(arr)[:, 0]
    blank = u0 == 0
    if blank.any():  # empty, not a text that starts with NUL
        rows = np.flatnonzero(blank)
        blank[rows] = arr[rows] == ""
    return arr, blank


def python_rows(arr: np.ndarray) -> npt.NDArray[np.intp] | None:
    """The rows of a read-only array :func:`text_array` returned that went through
    Python (a character that is not plain — every zero-width character and the soft
    hyphen among them —, or irregular spacing), or None for any other array. A row not
    listed holds only plain characters and single inner spaces."""
    got = _REMEMBERED.get(id(arr))
    if got is None or got[0]() is not arr or arr.flags.writeable:
        return None
    return got[3]


def blank_rows(values: npt.NDArray[np.str_]) -> npt.NDArray[np.bool_]:
    """Which rows of a numpy text array are empty or white space only: what
    ``(np.strings.str_len(values) == 0) | np.strings.isspace(values)`` gives, with the
    string functions run only on the rows whose first character is not plain."""
    u = _codepoints(values)
    out = np.zeros(len(values), dtype=bool)
    first = _key_table().take(u[:, 0], mode="clip")
    rows = np.flatnonzero((first == 0) | (first == _BAD))  # padding, a space or not plain
    if rows.size:
        some = values[rows]
        out[rows] = (np.strings.str_len(some) == 0) | np.strings.isspace(some)
    return out


def key_hashes(arr: npt.NDArray[np.str_]) -> npt.NDArray[np.uint64] | None:
    """64-bit hashes of :func:`name_key` for each row: :func:`reference_key_hash` of the key.

    Equal keys give equal hashes; equal hashes must be confirmed with :func:`name_key`.
    Rows with a character that is not plain are keyed by :func:`name_key` itself. (The
    hashes of a read-only array :func:`text_array` returned are remembered from its pass.)
    """
    remembered = _remembered(arr)
    if remembered is not None:
        return remembered
    python, hashes = _scan(arr, spacing=False)
    rows = np.flatnonzero(python)
    if rows.size:
        hashes[rows] = _python_key_hashes([str(x) for x in arr[rows].tolist()])
    return hashes


def factorize(arr: npt.NDArray[np.str_]) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.intp]]:
    """Distinct values (in order of first appearance) and each row's code; vectorised.

    Rows are numbered by a hash (the key hashes :func:`text_array` remembered for the
    array, else a hash of the exact text), and the numbering is confirmed against the
    text itself; if two texts share a hash (case variants share a key hash), by the
    exact hash, then by :func:`numpy.unique`."""
    if len(arr) == 0:
        return arr, np.zeros(0, dtype=np.intp)
    u = _codepoints(arr)
    remembered = _remembered(arr)
    for h in (remembered, None):
        if h is None:
            h = np.empty(len(arr), dtype=np.uint64)
            for rows in _row_blocks(len(arr), u.shape[1]):
                h[rows] = _text_hash_block(u[rows])
        first, inverse = _distinct_hashes(h)
        same = np.array_equal(_codepoints(arr[first]).take(inverse, axis=0), u)  # every row its value
        if same or remembered is None:
            break
        remembered = None
    if same:
        uniques = arr[first]
    else:  # a hash collision: exact fallback
        uniques, first, inverse = np.unique(arr, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return uniques[order], rank[inverse]


def _distinct_hashes(h: npt.NDArray[np.uint64]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """For each distinct hash, its first row; for each row, its distinct hash's number.

    Like ``np.unique(h, return_index=True, return_inverse=True)[1:]`` (numbered in
    another order), but faster for a column such as ``bloc`` that repeats a few values
    over many rows: the distinct hashes of the first rows code the column by binary
    search, and only rows they miss are sorted.
    """
    head = h[:_HEAD_ROWS]
    values, first = np.unique(head, return_index=True)
    if len(values) <= len(head) // 4:
        code = _lookup(values, h)
        missed = np.flatnonzero(code < 0)
        if len(missed) <= len(h) // 4:
            if len(missed):
                code = code.astype(np.intp)  # room for the numbers of the values found late
                _, more_first, more_code = np.unique(h[missed], return_index=True, return_inverse=True)
                code[missed] = len(values) + more_code.reshape(-1)
                first = np.concatenate([first, missed[more_first]])
            return first, code
    _, first, inverse = np.unique(h, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


_HEAD_ROWS = 4096


def _lookup(values: npt.NDArray[np.uint64], h: npt.NDArray[np.uint64]) -> npt.NDArray[np.intp]:
    """For each of ``h``, its position in ``values`` (sorted, distinct), or -1 if absent.

    A direct-address table indexed by a window of the hash bits (a window where the
    few ``values`` fall in distinct slots; tables up to 2^20 slots): one gather per row
    instead of a binary search. Without such a window, a binary search."""
    k = len(values)
    # k² to 2k² slots (a window is then free of clashes with odds of one in two or better),
    # of int16 where the codes fit: a table small enough to stay in cache
    bits = min(20, max(8, (k * k).bit_length()))
    mask = np.uint64((1 << bits) - 1)
    for shift in range(64 - bits, -1, -5):  # the high bits of a multiplicative hash first
        slots = (values >> np.uint64(shift)) & mask
        ordered = np.sort(slots)  # distinct slots? (a bare np.unique imports numpy.ma, ~15 ms)
        if not (ordered[1:] == ordered[:-1]).any():
            table = np.full(1 << bits, -1, dtype=np.int16 if k < 2**15 else np.int32)
            table[slots] = np.arange(k)
            code = table[(h >> np.uint64(shift)) & mask]
            break
    else:
        code = np.minimum(np.searchsorted(values, h), k - 1)
    # a row whose slot is empty (-1) or holds another value is absent (values[-1] is in
    # another slot than that row's, so it cannot equal it)
    code[values[code] != h] = -1
    return code


_HASH_MULT = np.uint64(0x100000001B3)


def _text_hash_block(u: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint64]:
    h = np.zeros(len(u), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for c in range(u.shape[1]):
            h = (h ^ u[:, c].astype(np.uint64)) * _HASH_MULT
    return h
