"""CSV as UTF-8 bytes, made a block of rows at a time with no Python string per cell.

:func:`csv_byte_chunks` writes what :func:`~ict_adoption.views.csv_text.csv_text` writes,
encoded: ``b"".join(csv_byte_chunks(r)) == csv_text(r).encode("utf-8")``. Each coded
column's few distinct cells (:func:`~ict_adoption.views.csv_text.csv_codes`: a bloc's id
and name, a rank, a number of points) are encoded once into a fixed-width numpy byte
table; a block's rows are laid side by side in one byte matrix — the unit names (the
one column of per-row texts), then each column's cells taken from its table — and the
matrix with its padding (NUL bytes) removed is the block's text. No cell of a CSV holds
a NUL: a ranking whose texts do is written through the text path, as is one whose rows
would be very wide (a long note: the matrix would be mostly padding).
"""

from __future__ import annotations

from typing import Any, Iterator

import numpy as np
import numpy.typing as npt

from ..rows import HasRows, Rows
from ..text import FORMULA_PREFIXES, formula_safe
from .csv_text import _SPECIAL, Coded, _quoted, csv_chunks, csv_codes

__all__ = ["csv_byte_chunks", "WIDEST_ROW"]

#: a row wider than this (bytes, padding included) goes the text path
WIDEST_ROW = 2048


def csv_byte_chunks(ranking: "Rows | HasRows", rows_per_chunk: int = 1 << 12) -> Iterator[bytes]:
    """:func:`~ict_adoption.views.csv_text.csv_chunks` as UTF-8 bytes: the header, then
    pieces of at most ``rows_per_chunk`` rows, ``b"".join(...)`` the encoded
    :func:`~ict_adoption.views.csv_text.csv_text`. A name that cannot be encoded (a lone
    surrogate) raises :class:`UnicodeEncodeError`, as encoding the text does."""
    if rows_per_chunk < 1:
        raise ValueError(f"rows_per_chunk: expected at least 1, got {rows_per_chunk}")
    header, codes, units, n = csv_codes(ranking)
    tables = _byte_tables(codes) if n and units.dtype.kind == "U" else None
    if tables is None:
        yield from (piece.encode("utf-8") for piece in csv_chunks(ranking, rows_per_chunk))
        return
    words = [None if t is None else _words(t) for t in tables]
    yield header.encode("utf-8")
    for start in range(0, n, rows_per_chunk):
        stop = min(n, start + rows_per_chunk)
        got = _block(units[start:stop], codes, tables, words, start, stop)
        # (None: a NUL in a name, or rows too wide: this block through the text, the same bytes)
        yield got if got is not None else _text_block(units[start:stop], codes, start, stop)


def _byte_tables(codes: list[Coded]) -> list[npt.NDArray[np.bytes_] | None] | None:
    """Each coded column's texts as a fixed-width byte table (None for a column of one
    text per row, encoded a block at a time); None when a text holds a NUL."""
    out: list[npt.NDArray[np.bytes_] | None] = []
    for texts, index in codes:
        table = None if index is None else _encoded(texts)
        if index is not None and table is None:
            return None
        out.append(table)
    return out


def _words(table: npt.NDArray[np.bytes_]) -> list[npt.NDArray[np.uint64]]:
    """``table``'s cells as uint64 words (cell bytes ``8j:8j+8``, NUL-padded), one array
    per ``j``."""
    w = table.dtype.itemsize
    padded = np.zeros((len(table), -(-w // 8) * 8), dtype=np.uint8)
    padded[:, :w] = table.view(np.uint8).reshape(len(table), w)
    return [np.ascontiguousarray(col) for col in padded.view(np.uint64).T]


def _encoded(texts: list[str]) -> npt.NDArray[np.bytes_] | None:
    """``texts`` as one fixed-width byte array (UTF-8), encoded at once (joined by NUL and
    split again); None when a text holds a NUL."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return None
    table = np.array(joined.encode("utf-8").split(b"\x00"))
    return table if table.dtype.itemsize else table.astype("S1")


def _block(
    units: npt.NDArray[np.str_],
    codes: list[Coded],
    tables: list[npt.NDArray[np.bytes_] | None],
    words: list[list[npt.NDArray[np.uint64]] | None],
    start: int,
    stop: int,
) -> bytes | None:
    """The bytes of rows ``start:stop``, or None when this block goes the text path: one
    byte matrix, a row per unit, each column's cells taken straight into their place."""
    m = stop - start
    names = _NameRuns.of(units)
    if names is None:
        return None
    blocks: list[npt.NDArray[np.bytes_]] = []
    for (texts, index), table in zip(codes, tables):
        if table is None:  # one text per row (notes, fractional ranks): encoded here
            got = _encoded(texts[start:stop])
            if got is None:
                return None
            blocks.append(got)
        else:
            blocks.append(table)
    widths = [names.wide] + [t.dtype.itemsize for t in blocks]
    row = sum(widths)
    if row > WIDEST_ROW:
        return None
    # a keyed column is taken eight bytes at a time (a uint64 per word of its cell, at
    # its place in the row): a word's NUL padding spills over the next columns' start,
    # written after it; the last column's spills into the next row's names (written
    # last, at least eight bytes wide) or, for the last row, the buffer's eight spare bytes
    buffer = np.empty(m * row + 8, dtype=np.uint8)
    matrix = buffer[: m * row].reshape(m, row)
    at = names.wide
    for (_, index), table, w, cut in zip(codes, blocks, widths[1:], words):
        if index is None or cut is None:
            matrix[:, at : at + w].view(table.dtype)[:, 0] = table
        else:
            for j, word in enumerate(cut):
                place = np.ndarray((m,), dtype=np.uint64, buffer=buffer, offset=at + 8 * j, strides=(row,))
                np.take(word, index[start:stop], mode="clip", out=place)
        at += w
    names.fill(matrix[:, : names.wide])
    return matrix.tobytes().translate(None, b"\x00")  # (the padding out: faster than a mask)


class _NameRuns:
    """The names' CSV cells (what :func:`~ict_adoption.views.csv_text.unit_cells_changed`
    makes of them) as a byte block, :meth:`fill` laying it into a byte matrix.

    No Python string per name and no decoding: each code point becomes its UTF-8 bytes
    by a table lookup (the code point itself below U+0080; a ``uint16`` of two bytes
    below U+0800; a ``uint32`` of up to four bytes otherwise, the bytes an astral code
    point needs computed), so a name of ``w`` code points is ``w``, ``2w`` or ``4w``
    bytes, padded with NUL — which the matrix loses with the rest of its padding. Only
    a name the CSV changes (quoted, made formula-safe: found by its first code point,
    and by a search of the block's bytes for a comma, quote or line break) is made one
    by one, and written over its row."""

    __slots__ = ("block", "wide")
    block: npt.NDArray[np.uint8]
    wide: int

    @classmethod
    def of(cls, units: npt.NDArray[np.str_]) -> "_NameRuns | None":
        """None when a name holds a NUL or a lone surrogate (the text path then writes
        it, or raises as encoding the text does)."""
        arr = np.ascontiguousarray(units)
        m = len(arr)
        width = arr.dtype.itemsize // 4
        if arr.dtype.byteorder == ">":
            return None
        cp = arr.view(np.uint32).reshape(m, width) if width else np.zeros((m, 1), dtype=np.uint32)
        if width and np.count_nonzero(cp) != int(np.strings.str_len(arr).sum()):
            return None  # a NUL inside a name
        top = int(cp.max(initial=0))
        if top >= 0xD800 and np.count_nonzero((cp >= 0xD800) & (cp < 0xE000)):
            return None  # a lone surrogate
        if top < 0x80:
            block = cp.astype(np.uint8)
        elif top < 0x800:
            block = _utf8_table(0x800, np.uint16).take(cp).view(np.uint8).reshape(m, -1)
        else:
            codes = _utf8_table(0x10000, np.uint32).take(np.minimum(cp, 0xFFFF))
            if top >= 0x10000:
                codes = np.where(cp >= 0x10000, _astral(cp), codes)
            block = codes.view(np.uint8).reshape(m, -1)
        risky = np.zeros(m, dtype=bool)
        for p in FORMULA_PREFIXES:
            risky |= cp[:, 0] == ord(p)
        raw = block.tobytes()
        for c in _SPECIAL:
            if c.encode("ascii") in raw:
                risky |= (cp == ord(c)).any(axis=1)
        changed = np.flatnonzero(risky).tolist()
        cells = [_quoted(formula_safe(str(units[i]))).encode("utf-8") for i in changed]
        wide = max(block.shape[1], max(map(len, cells), default=0), 8)  # (8: csv_bytes._block)
        if wide > block.shape[1]:
            block = np.pad(block, ((0, 0), (0, wide - block.shape[1])))
        for i, cell in zip(changed, cells):  # (block is a new array: the astype, take or pad made it)
            block[i] = 0
            block[i, : len(cell)] = np.frombuffer(cell, dtype=np.uint8)
        self = cls()
        self.block, self.wide = block, wide
        return self

    def fill(self, place: npt.NDArray[np.uint8]) -> None:
        """Write the names into ``place``, an ``(m, wide)`` byte matrix, padded with NUL."""
        place[...] = self.block


_TABLES: dict[int, npt.NDArray[Any]] = {}


def _utf8_table(size: int, dtype: type[np.unsignedinteger[Any]]) -> npt.NDArray[Any]:
    """Code point -> its UTF-8 bytes packed little-endian (first byte lowest), NUL-padded,
    for every code point below ``size`` (surrogates included: they are refused before)."""
    got = _TABLES.get(size)
    if got is None:
        c = np.arange(size, dtype=np.uint32)
        two = (0xC0 | c >> 6) | (0x80 | c & 0x3F) << 8
        three = (0xE0 | c >> 12) | (0x80 | c >> 6 & 0x3F) << 8 | (0x80 | c & 0x3F) << 16
        got = np.where(c < 0x80, c, np.where(c < 0x800, two, three)).astype(dtype)
        _TABLES[size] = got
    return got


def _astral(c: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """The four UTF-8 bytes of code points from U+10000, packed little-endian."""
    return ((0xF0 | c >> 18) | (0x80 | c >> 12 & 0x3F) << 8 | (0x80 | c >> 6 & 0x3F) << 16
            | (0x80 | c & 0x3F) << 24).astype(np.uint32)


def _text_block(units: npt.NDArray[Any], codes: list[Coded], start: int, stop: int) -> bytes:
    """Rows ``start:stop`` as :func:`~ict_adoption.views.csv_text.csv_chunks` writes them, encoded."""
    from ..row_cells import joined_rows, lookup
    from .csv_text import _unit_cells

    cells: list[Any] = [_unit_cells(units)]
    for texts, index in codes:
        cells.append(texts[start:stop] if index is None else lookup(texts, index[start:stop]).tolist())
    return joined_rows(cells, stop - start).encode("utf-8")
