"""Text normalisation for names: NFC on input, keys for forgiving matching."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "name_key", "ascii_key"]

_SPACE = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalise ``text`` and trim/collapse whitespace."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def name_key(text: str) -> str:
    """Key that ignores case and spacing (diacritics kept): ``"Sở  TT&TT"`` → ``"sởtt&tt"``.

    Lower-cases code point by code point (as :func:`key_hashes` does, vectorised).
    """
    return _SPACE.sub("", unicodedata.normalize("NFC", text).lower())


def ascii_key(text: str) -> str:
    """Key that also ignores diacritics (đ → d): the fallback match, which warns."""
    decomposed = unicodedata.normalize("NFD", name_key(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# ----------------------------------------------------------------------------- arrays
# Vectorised versions for large inputs: the Python functions above run only on the
# rows that need them (NFD text, odd whitespace), never on every row.

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

_LOWER_LIMIT = 0x2000
_LOWER = np.array(
    [ord(ch.lower()) if len(ch.lower()) == 1 else ord(ch) for ch in map(chr, range(_LOWER_LIMIT))],
    dtype=np.uint32,
)
_HASH_MULT = np.uint64(0x100000001B3)
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


def text_array(values: npt.ArrayLike) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.bool_]]:
    """``values`` as NFC, trimmed, single-spaced text (a numpy ``U`` array) + blank mask.

    Vectorised: rows are checked for combining marks and irregular whitespace with
    array operations, and only those rows go through :func:`nfc`.
    """
    col = np.asarray(values)
    if col.dtype.kind == "O":
        missing = np.equal(col, None) | (col != col)  # None or NaN
        col = np.where(missing, "", col)
    arr = col.astype(str)
    u = _codepoints(arr)
    # one table look-up per code point: 0 ordinary, 1 space, 2 needs Python (control
    # characters, odd spaces, combining marks, anything from U+2000 on)
    cls = _CLASS[np.minimum(u, _LOWER_LIMIT).astype(np.uint16)]  # uint16 indices: fast path
    space = cls == 1
    slow = (cls == 2).any(axis=1)
    lengths = np.count_nonzero(u, axis=1)
    slow |= space[:, 0]
    slow |= space[np.arange(len(arr)), np.maximum(lengths - 1, 0)]
    if u.shape[1] > 1:
        slow |= (space[:, 1:] & space[:, :-1]).any(axis=1)
    rows = np.flatnonzero(slow)
    if rows.size:
        fixed = [nfc(arr[i]) for i in rows.tolist()]
        width = max(arr.dtype.itemsize // 4, max((len(x) for x in fixed), default=1), 1)
        arr = arr.astype(f"<U{width}")
        arr[rows] = fixed
    return arr, arr == ""


def key_hashes(arr: npt.NDArray[np.str_]) -> npt.NDArray[np.uint64] | None:
    """64-bit hashes of :func:`name_key` for each row (None if a row needs Python).

    Equal keys give equal hashes; equal hashes must be confirmed with :func:`name_key`.
    """
    u = _codepoints(arr)
    if u.size and int(u.max()) >= _LOWER_LIMIT:
        return None
    low = _LOWER[u.astype(np.uint16)]
    h = np.full(len(arr), np.uint64(0xCBF29CE484222325), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for c in range(u.shape[1]):
            col = low[:, c]
            keep = (col != 0) & (col != 32)
            h = np.where(keep, (h ^ col.astype(np.uint64)) * _HASH_MULT, h)
    return h


def factorize(arr: npt.NDArray[np.str_]) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.intp]]:
    """Distinct values (in order of first appearance) and each row's code; vectorised."""
    if len(arr) == 0:
        return arr, np.zeros(0, dtype=np.intp)
    u = _codepoints(arr).astype(np.uint64)
    h = np.zeros(len(arr), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for c in range(u.shape[1]):
            h = (h ^ u[:, c]) * _HASH_MULT
    _, first, inverse = np.unique(h, return_index=True, return_inverse=True)
    uniques = arr[first]
    if not np.array_equal(uniques[inverse], arr):  # a hash collision: exact fallback
        uniques, first, inverse = np.unique(arr, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return uniques[order], rank[inverse.reshape(-1)]
