"""A plain CSV cut into columns on its bytes: cells kept as byte ranges, never one
Python string per cell unless asked for.

:func:`split_plain` is :func:`~ict_adoption.io.csv_reader.plain_columns` on the file's
UTF-8 bytes: the same conditions (no quote, no NUL, no lone CR, every data line as wide
as the headings), checked with numpy over the whole buffer, and the same cells — each a
:class:`CellBytes` column of ``(start, end)`` offsets into the one shared buffer. (In
UTF-8 a delimiter, a quote, CR, LF and NUL are single bytes that never occur inside a
multi-byte character, so the bytes split exactly as the decoded text does.)

A column of numbers is then read straight from the bytes (:meth:`CellBytes.fast_numbers`:
the same cells as :func:`~ict_adoption.io.columns._fast_numbers` marks plain, converted to
the same doubles); only a column that needs text (names, blocs, a cell for the careful
rules) is decoded, at once (:meth:`CellBytes.texts`). A million-row file so keeps its
number columns as float arrays, not as millions of strings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import overload

import numpy as np

__all__ = ["CellBytes", "split_plain"]

#: rows per block when a column is gathered into a matrix (bounds the temporaries)
_BLOCK = 1 << 16
#: bytes per block when a file is searched for delimiters
_SCAN = 1 << 23
#: cells longer than this (bytes) are not read into the matrix: the text rules read them
_LONG = 32
#: a mantissa of at most 15 digits is below 2**53: exact as a double
_DIGITS = 15
#: 10**k is a double exactly for k <= 22, so m / 10**k is the correctly rounded m·10⁻ᵏ
_POW10 = np.array([float(10**i) for i in range(_DIGITS + 1)], dtype=np.float64)
#: the characters :meth:`str.isspace` calls whitespace beyond ASCII, in UTF-8: U+0085, U+00A0,
#: U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 (a test checks
#: :func:`starts_with_space` against every code point)
_ASCII_SPACE = np.zeros(256, dtype=bool)
_ASCII_SPACE[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True


def starts_with_space(c: np.ndarray) -> np.ndarray:
    """Whether the character that starts at each row of ``c`` (UTF-8 bytes, three columns:
    the character's first bytes, then anything) is whitespace (:meth:`str.isspace`)."""
    b0, b1, b2 = c[:, 0], c[:, 1], c[:, 2]
    e2 = (b0 == 0xE2) & (((b1 == 0x80) & ((b2 <= 0x8A) | (b2 == 0xA8) | (b2 == 0xA9) | (b2 == 0xAF)))
                         | ((b1 == 0x81) & (b2 == 0x9F)))
    return (
        _ASCII_SPACE[b0] | ((b0 == 0xC2) & ((b1 == 0x85) | (b1 == 0xA0))) | e2
        | ((b0 == 0xE1) & (b1 == 0x9A) & (b2 == 0x80)) | ((b0 == 0xE3) & (b1 == 0x80) & (b2 == 0x80))
    )

FastNumbers = Callable[[list[str]], "tuple[np.ndarray, np.ndarray] | None"]


class CellBytes(Sequence[str]):
    """One column of a plain CSV: cell ``i`` is ``buf[lo[i] + 1 : hi[i]]``, UTF-8.

    Indexing gives one cell as text (for a message); :meth:`texts` the whole column."""

    __slots__ = ("buf", "lo", "hi", "_texts")

    def __init__(self, buf: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> None:
        self.buf, self.lo, self.hi = buf, lo, hi
        self._texts: list[str] | None = None

    def __len__(self) -> int:
        return len(self.lo)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if self._texts is not None:
            return self._texts[i]
        return self.buf[int(self.lo[i]) + 1 : int(self.hi[i])].tobytes().decode("utf-8")

    def take(self, index: np.ndarray) -> "CellBytes":
        return CellBytes(self.buf, self.lo[index], self.hi[index])

    def lengths(self) -> np.ndarray:
        return (self.hi - self.lo - 1).astype(np.int64)

    def texts(self, keep: bool = False, look: Callable[[str], object] | None = None) -> list[str]:
        """Every cell as text (a new list); ``keep``: remember it for the next call. ``look``
        is called with the text of each block of cells as decoded, each cell followed by a
        line break (so the blocks joined are the cells joined by line breaks, and one more);
        it is not called when the cells were remembered."""
        if self._texts is not None:
            return list(self._texts)
        out: list[str] = []
        seen: dict[str, str] | None = None
        for a in range(0, len(self), _BLOCK):
            text = _decode(self.buf, self.lo[a : a + _BLOCK], self.hi[a : a + _BLOCK])
            if look is not None:
                look(text)
            cells = text.split("\n")
            cells.pop()
            if not a and len(cells) >= 1000 and len(set(cells[:1000])) <= 100:
                seen = {}  # few values again and again (blocs): one string each, not one per cell
            out.extend(cells if seen is None else map(seen.setdefault, cells, cells))
        if keep:
            self._texts = out
            return list(out)
        return out

    def numpy_text(self) -> np.ndarray:
        """Every cell as one numpy ``U`` array (``np.array(self.texts())``), with no Python
        string per cell. A block of ASCII cells is widened from its bytes; any other block
        is decoded at once, re-encoded as UTF-32, and each cell's code points copied into
        its row (a plain CSV has no NUL, so no cell loses a trailing one to the padding)."""
        n = len(self)
        parts: list[np.ndarray | tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        width = 1
        for a in range(0, n, _BLOCK):
            lo, hi = self.lo[a : a + _BLOCK], self.hi[a : a + _BLOCK]
            start = lo.astype(np.int64) + 1
            length = hi.astype(np.int64) - start
            wide = int(length.max(initial=0))
            if wide <= _LONG:  # short cells: their bytes side by side, padded with NUL
                c = _gather(self.buf, start, wide + 1)
                inside = np.arange(wide + 1) < length[:, None]
                c *= inside
                if c.max(initial=0) < 0x80:  # ASCII: each byte is its code point
                    parts.append(c)
                    width = max(width, wide)
                    continue
                c[np.arange(len(c)), length] = 10  # a line break after each cell, as _decode makes them
                inside[np.arange(len(c)), length] = True
                text = c[inside].tobytes().decode("utf-8")
            else:
                text = _decode(self.buf, lo, hi)
            points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            ends = np.flatnonzero(points == 10)  # each cell's line break (no cell holds one)
            size = np.diff(ends, prepend=-1) - 1
            parts.append((points, ends - size, size))
            width = max(width, int(size.max(initial=0)))
        out = np.empty((n, width), dtype=np.uint32)
        row = 0
        for part in parts:
            if isinstance(part, np.ndarray):
                k, w = part.shape
                out[row : row + k, : min(w, width)] = part[:, :width]
                out[row : row + k, w:] = 0
                row += k
                continue
            points, starts, size = part
            k = len(size)
            padded = np.zeros(len(points) + width, dtype=np.uint32)  # (the last cells' rows run past the text)
            padded[: len(points)] = points
            rows = out[row : row + k]
            # each cell's run of ``width`` code points as one record (records overlap: a view), taken at once
            runs = np.ndarray((len(points),), dtype=np.dtype((np.void, 4 * width)), buffer=padded, strides=(4,))
            rows[...] = runs[starts].view(np.uint32).reshape(k, width)
            rows *= np.arange(width, dtype=np.uint32) < size[:, None]  # the break and what follows: padding
            row += k
        return out.view(f"<U{width}").reshape(n)

    def blank_mask(self) -> np.ndarray:
        """Empty or whitespace-only (``not cell.strip()``), as :func:`~ict_adoption.io.cells.blank_mask`
        says of the decoded cells: a cell whose first character is not whitespace (told by its
        first bytes) is not blank; only the others are decoded."""
        n = len(self)
        length = self.lengths()
        blank = length == 0
        first = _gather(self.buf, self.lo.astype(np.int64) + 1, 3)  # (a multi-byte character's bytes are in its cell)
        at = np.flatnonzero(~blank & starts_with_space(first))
        if at.size * 8 > n:  # many to look at (a column of names): decode the column once
            texts = self.texts(keep=True)
            blank[at] = [texts[i].isspace() for i in at.tolist()]
        elif at.size:
            blank[at] = [self[i].isspace() for i in at.tolist()]
        return blank

    def fast_numbers(self, careful: FastNumbers) -> tuple[np.ndarray, np.ndarray]:
        """``(values, slow)`` exactly as ``careful`` (:func:`~ict_adoption.io.columns._fast_numbers`)
        gives them for :meth:`texts`, read from the bytes: the plain cells (ASCII digits,
        one ``.`` or ``,`` not last, a leading sign, not of the ambiguous shape ``1.234``)
        as doubles — a mantissa of up to 15 digits divided by a power of ten, both exact,
        so the quotient is the correctly rounded double Python's ``float()`` gives — and
        NaN for an empty cell. Longer cells (over 32 bytes, or 16 digits and more) go
        through ``careful`` itself."""
        n = len(self)
        values = np.full(n, np.nan)
        slow = np.zeros(n, dtype=bool)
        pending: list[np.ndarray] = []
        for a in range(0, n, _BLOCK):
            b = min(a + _BLOCK, n)
            v, s, p = _numbers_block(self.buf, self.lo[a:b], self.hi[a:b])
            values[a:b], slow[a:b] = v, s
            if p.size:
                pending.append(p + a)
        if pending:
            at = np.concatenate(pending)
            if at.size * 8 > n:  # many (a column of long numbers): decode the column once
                every = self.texts()
                cells = [every[i] for i in at.tolist()]
            else:
                cells = [self[i] for i in at.tolist()]
            got = careful(cells)
            if got is None:  # (never for these cells: no NUL in a plain CSV)
                values[at], slow[at] = np.nan, True
            else:
                values[at], slow[at] = got
        return values, slow


def _decode(buf: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> str:
    """The cells ``buf[lo + 1 : hi]`` as one text, a line break after each (no cell holds
    one): gathered into one buffer, decoded at once."""
    n = len(lo)
    if not n:
        return ""
    start = lo.astype(np.int64) + 1
    size = hi.astype(np.int64) - start + 1  # the cell and its line break
    ends = np.cumsum(size)
    total = int(ends[-1])
    width = int(size.max())
    if n * width <= 4 * total:  # cells of like lengths: rows of ``width`` bytes, then the cells' own
        c = _gather(buf, start, width)
        c[np.arange(n), size - 1] = 10
        return c[np.arange(width) < size[:, None]].tobytes().decode("utf-8")
    idx = np.arange(total, dtype=np.int64) - np.repeat(ends - size - start, size)
    np.minimum(idx, len(buf) - 1, out=idx)  # (the last cell's break is past the buffer)
    joined = buf[idx] if len(buf) else np.zeros(total, np.uint8)
    joined[ends - 1] = 10
    return joined.tobytes().decode("utf-8")


def _gather(buf: np.ndarray, start: np.ndarray, width: int) -> np.ndarray:
    """The ``width`` bytes from each ``start`` (past the end of ``buf``: NUL), an ``(n, width)`` copy."""
    window = np.lib.stride_tricks.sliding_window_view(buf, width) if len(buf) >= width else buf[:0].reshape(0, width)
    inside = start < len(window)
    if inside.all():
        return window[start]
    out = np.zeros((len(start), width), dtype=np.uint8)
    out[inside] = window[start[inside]]
    tail = np.zeros(2 * width, dtype=np.uint8)  # the last bytes, then NUL
    last = buf[max(len(buf) - width, 0) :]
    tail[: len(last)] = last
    at = np.flatnonzero(~inside)
    out[at] = np.lib.stride_tricks.sliding_window_view(tail, width)[start[at] - (len(buf) - len(last))]
    return out


def _numbers_block(
    buf: np.ndarray, lo: np.ndarray, hi: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, slow, pending) of a block of cells: ``pending`` the cells left to the text rules."""
    n = len(lo)
    start = lo.astype(np.int64) + 1
    length = hi.astype(np.int64) - start
    long_ = length > _LONG
    width = int(min(length.max(initial=0), _LONG))
    values = np.full(n, np.nan)
    if width == 0:
        return values, np.zeros(n, dtype=bool), np.flatnonzero(long_)
    # one row per byte position (rows of the column's cells): every test an operation on whole rows
    c = np.ascontiguousarray(_gather(buf, start, width).T)
    c *= np.arange(width)[:, None] < np.where(long_, 0, length)  # padded with NUL, as numpy text is
    digit = (c - np.uint8(48)) < 10  # (unsigned: below "0" wraps round to large)
    sep = (c == 46) | (c == 44)
    sign = (c[0] == 43) | (c[0] == 45)
    other = ~(digit | sep | (c == 0))
    other[0] &= ~sign
    seps = sep.sum(axis=0)
    has_sep = seps > 0
    # the separator's position, where there is one (with two or more the cell is slow anyway)
    at = (sep * np.arange(width, dtype=np.int64)[:, None]).sum(axis=0)
    before = at - sign
    first = np.where(sign, c[1], c[0]) if width > 1 else c[0]
    slow = other.any(axis=0) | (seps > 1) | (has_sep & (at == length - 1))
    slow |= ~digit.any(axis=0) & (length > 0)
    slow |= has_sep & (length - at - 1 == 3) & (before >= 1) & (before <= 3) & (first != 48)
    slow &= ~long_
    take = ~slow & ~long_ & (length > 0)
    exact = take & (digit.sum(axis=0) <= _DIGITS)
    mantissa = np.zeros(n, dtype=np.int64)
    for j in range(width):  # Horner over the digit positions (the others leave it as it is)
        mantissa = np.where(digit[j], mantissa * 10 + (c[j] - np.uint8(48)), mantissa)
    scale = np.where(has_sep, length - at - 1, 0)[exact]
    got = mantissa[exact].astype(np.float64) / _POW10[scale]
    values[exact] = np.where(c[0, exact] == 45, -got, got)
    pending = np.flatnonzero(long_ | (take & ~exact))
    return values, slow, pending


def split_plain(data: bytes, offset: int, delim: str, h: int, width: int) -> list[CellBytes] | None:
    """The data columns (rows below heading row ``h``) of a CSV's UTF-8 bytes
    ``data[offset:]`` (past a BOM or ``sep=`` line), exactly as
    :func:`~ict_adoption.io.csv_reader.plain_columns` cuts the decoded text, or None
    when it would decline (then the text is read with :mod:`csv`)."""
    if width < 2 or len(delim) != 1 or ord(delim) > 127:
        return None
    if data.find(b'"', offset) >= 0 or data.find(b"\x00", offset) >= 0:
        return None
    if data.find(b"\r", offset) >= 0:
        data, offset = data[offset:].replace(b"\r\n", b"\n"), 0
        if b"\r" in data:  # a lone CR ends a line for csv
            return None
    pos = offset - 1
    for _ in range(h + 1):
        pos = data.find(b"\n", pos + 1)
        if pos < 0:
            return None  # no data row
    begin, end = pos + 1, len(data)
    if end > begin and data[end - 1] == 10:
        end -= 1
    if end <= begin:
        return None
    part = np.frombuffer(data, dtype=np.uint8)[begin:end]  # a view: no copy of the file
    index = np.int32 if len(part) < 2**31 - 1 else np.int64
    found = []  # where each cell ends (a delimiter or a line break), found a block at a time
    for a in range(0, len(part), _SCAN):
        block = part[a : a + _SCAN]
        is_sep = block == ord(delim)
        is_sep |= block == 10
        found.append(np.flatnonzero(is_sep).astype(index) + a)
    del is_sep
    count = sum(map(len, found))
    if (count + 1) % width:
        return None
    ends = np.empty(count + 1, dtype=index)
    np.concatenate(found, out=ends[:-1])
    ends[-1] = len(part)
    del found
    lines = (count + 1) // width
    if np.count_nonzero(part[ends[:-1]] == 10) != lines - 1:
        return None
    grid = ends.reshape(lines, width)
    if lines > 1 and not (part[grid[:-1, -1]] == 10).all():
        return None  # a line wider or narrower than the headings
    starts = np.empty(lines, dtype=index)  # where each line starts, less one
    starts[0] = -1
    starts[1:] = grid[:-1, -1]
    return [CellBytes(part, grid[:, j - 1] if j else starts, grid[:, j]) for j in range(width)]
