"""Text normalisation for whole columns: :mod:`ict_adoption.text`, vectorised.

For large inputs the functions here work on the code points of a numpy ``U`` array, in
blocks of rows; Python's own string functions (:func:`~ict_adoption.text.nfc`,
:func:`~ict_adoption.text.name_key`) run only on the rows that need them (decomposed
text, odd whitespace), never on every row. Results are the same as applying those
functions row by row (tests/test_text_arrays.py checks this).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .text import nfc

__all__ = ["text_array", "key_hashes", "factorize"]

_LOWER_LIMIT = 0x2000
_LOWER = np.array(
    [ord(ch.lower()) if len(ch.lower()) == 1 else ord(ch) for ch in map(chr, range(_LOWER_LIMIT))],
    dtype=np.uint32,
)
_LOWER64 = _LOWER.astype(np.uint64)
_HASH_MULT = np.uint64(0x100000001B3)
_HASH_SEED = np.uint64(0xCBF29CE484222325)
_CLASS = np.zeros(_LOWER_LIMIT + 1, dtype=np.uint8)
_CLASS[32] = 1
_CLASS[1:32] = 2
_CLASS[[0x85, 0xA0, 0x1680]] = 2
_CLASS[0x300:0x370] = 2  # combining diacritical marks (NFD Vietnamese)
_CLASS[_LOWER_LIMIT] = 2


def _codepoints(arr: npt.NDArray[np.str_]) -> npt.NDArray[np.uint32]:
    width = arr.dtype.itemsize // 4
    if width == 0:
        return np.zeros((len(arr), 1), dtype=np.uint32)
    return np.ascontiguousarray(arr).view(np.uint32).reshape(len(arr), width)


# Rows per block for work on the code-point matrix: about this many code points at a
# time, so that the temporaries of each step are small, stay in cache and are reused
# by the allocator, rather than fresh pages the size of the whole column.
_BLOCK_CODEPOINTS = 1 << 17


def _row_blocks(n: int, width: int) -> list[slice]:
    step = max(1, _BLOCK_CODEPOINTS // max(width, 1))
    return [slice(start, min(start + step, n)) for start in range(0, n, step)]


def text_array(
    values: npt.ArrayLike, *, copy: bool = True
) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.bool_]]:
    """``values`` as NFC, trimmed, single-spaced text (a numpy ``U`` array) + blank mask.

    Vectorised: rows are checked for combining marks and irregular whitespace with
    array operations, and only those rows go through :func:`nfc`. With
    ``copy=False`` a text array that needs no change comes back as a read-only view of
    ``values`` instead of a copy.
    """
    col = np.asarray(values)
    if col.dtype.kind == "O":
        missing = np.equal(col, np.asarray(None, dtype=object)) | (col != col)  # None or NaN
        col = np.where(missing, "", col)
    arr = col.astype(str, copy=copy)
    if arr is col:  # not copied: a view, so that a flag set on it stays on it
        arr = arr.view()
        arr.setflags(write=False)
    u = _codepoints(arr)
    slow = np.zeros(len(arr), dtype=bool)
    for rows in _row_blocks(len(arr), u.shape[1]):
        slow[rows] = _needs_python(u[rows])
    fix = np.flatnonzero(slow)
    if fix.size:
        fixed = [nfc(arr[i]) for i in fix.tolist()]
        width = max(arr.dtype.itemsize // 4, max((len(x) for x in fixed), default=1), 1)
        arr = arr.astype(f"<U{width}")  # always a copy: never write into ``values``
        arr[fix] = fixed
    return arr, arr == ""


# The characters of class 2 below U+2000, as (first, count) runs: a block holds one
# when ``u - first`` (wrapping below ``first``) is less than ``count`` somewhere.
_ODD_RUNS = ((1, 31), (0x85, 1), (0xA0, 1), (0x300, 0x70), (0x1680, 1))


def _has_odd_character(u: npt.NDArray[np.uint32]) -> bool:
    """Whether a block of code points holds a character of class 2 (see ``_CLASS``):
    a few subtractions and minima, cheaper than classifying every character."""
    if not u.size:
        return False
    if int(u.max()) >= _LOWER_LIMIT:
        return True
    buf = np.empty_like(u)
    for first, count in _ODD_RUNS:
        np.subtract(u, np.uint32(first), out=buf)
        if int(buf.min()) < count:
            return True
    return False


def _needs_python(u: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """Rows (of a block of code points) that :func:`nfc` must see.

    Those with a character of class 2 in ``_CLASS`` (control characters, odd spaces,
    combining marks, anything from U+2000 on), a leading or trailing space, or two
    spaces in a row. The block is checked as a whole first: most blocks have none.
    """
    if u.shape[1] and not _has_odd_character(u):
        space = u == 32
        # without control characters, "u <= 32" is a space or the padding after the text
        doubled = space[:, :-1] & (u[:, 1:] <= 32)
        if not (space[:, 0].any() or space[:, -1].any() or doubled.any()):
            return np.zeros(len(u), dtype=bool)
        return space[:, 0] | space[:, -1] | doubled.any(axis=1)
    cls = _CLASS.take(np.minimum(u, _LOWER_LIMIT))
    space = cls == 1
    # a space followed by another space or by the padding after the text
    doubled = space[:, :-1] & (space[:, 1:] | (u[:, 1:] == 0))
    if not (cls.max(initial=0) == 2 or space[:, 0].any() or space[:, -1].any() or doubled.any()):
        return np.zeros(len(u), dtype=bool)
    return (cls == 2).any(axis=1) | space[:, 0] | space[:, -1] | doubled.any(axis=1)


def key_hashes(arr: npt.NDArray[np.str_]) -> npt.NDArray[np.uint64] | None:
    """64-bit hashes of :func:`name_key` for each row (None if a row needs Python).

    Equal keys give equal hashes; equal hashes must be confirmed with :func:`name_key`.
    """
    u = _codepoints(arr)
    if u.size and int(u.max()) >= _LOWER_LIMIT:
        return None
    h = np.empty(len(arr), dtype=np.uint64)
    for rows in _row_blocks(len(arr), u.shape[1]):
        h[rows] = _key_hash_block(u[rows])
    return h


def _key_hash_block(u: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint64]:
    low = _LOWER64.take(u.T)  # one row per character position: contiguous columns
    keep = (low != 0) & (low != 32)
    h = np.full(len(u), _HASH_SEED, dtype=np.uint64)
    step = np.empty_like(h)
    for c in range(u.shape[1]):  # FNV-style, skipping spaces and padding
        kept = keep[c]
        if kept.all():  # a character in every row here (names of one pattern): no mask
            np.bitwise_xor(h, low[c], out=h)
            np.multiply(h, _HASH_MULT, out=h)
        elif kept.any():  # (a position where every row has a space or padding: nothing)
            np.bitwise_xor(h, low[c], out=step)
            np.multiply(step, _HASH_MULT, out=step)
            np.copyto(h, step, where=kept)
    return h


def factorize(arr: npt.NDArray[np.str_]) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.intp]]:
    """Distinct values (in order of first appearance) and each row's code; vectorised."""
    if len(arr) == 0:
        return arr, np.zeros(0, dtype=np.intp)
    u = _codepoints(arr)
    h = np.empty(len(arr), dtype=np.uint64)
    for rows in _row_blocks(len(arr), u.shape[1]):
        h[rows] = _text_hash_block(u[rows])
    first, inverse = _distinct_hashes(h)
    uniques = arr[first]
    if not np.array_equal(uniques[inverse], arr):  # a hash collision: exact fallback
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
    few ``values`` fall in distinct slots; tables up to 2^22 slots): one gather per row
    instead of a binary search. Without such a window, a binary search."""
    k = len(values)
    bits = min(22, max(8, (8 * k * k).bit_length()))
    mask = np.uint64((1 << bits) - 1)
    for shift in range(64 - bits, -1, -7):  # the high bits of a multiplicative hash first
        slots = (values >> np.uint64(shift)) & mask
        if len(np.unique(slots)) == k:
            table = np.full(1 << bits, -1, dtype=np.intp)
            table[slots] = np.arange(k)
            code = table[(h >> np.uint64(shift)) & mask]
            break
    else:
        code = np.minimum(np.searchsorted(values, h), k - 1)
    # a row whose slot is empty (-1) or holds another value is absent (values[-1] is in
    # another slot than that row's, so it cannot equal it)
    code[values[code] != h] = -1
    return code


def _text_hash_block(u: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint64]:
    h = np.zeros(len(u), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for c in range(u.shape[1]):
            h = (h ^ u[:, c].astype(np.uint64)) * _HASH_MULT
    return h
