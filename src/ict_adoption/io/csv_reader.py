"""CSV files: encoding and delimiter found, the heading row found, rows checked for width.

A row with more values than headings (an unquoted decimal comma in a comma-separated
file, say) is an error naming the row, never a silent shift of columns.
"""

from __future__ import annotations

import csv
import io as _io
import re
from collections.abc import Iterator, Sequence
from itertools import repeat

from ..errors import InputError
from ..problems import Problems
from ..table import RowLabels
from .byte_cells import split_plain
from .grid import (
    HEADER_SCAN_ROWS,
    Grid,
    Headings,
    find_heading,
    grid_from_rows,
    no_heading,
    title_note,
)


def read_bytes(path: str, origin: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(f"{origin}: no such file", file=origin) from None
    except IsADirectoryError:
        raise InputError(f"{origin}: is a directory, not a file", file=origin) from None
    except PermissionError:
        raise InputError(f"{origin}: permission denied", file=origin) from None


def decode(data: bytes, origin: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin}: not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save it as 'CSV UTF-8' (Excel: File › Save As › CSV UTF-8)",
            file=origin,
        ) from None


#: one line as ``io.StringIO(text, newline="")`` gives it: up to and with ``\r\n``, ``\r`` or ``\n``
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def text_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as :class:`io.StringIO` with ``newline=""`` reads them, one at
    a time: the first rows of a large file are read without a copy of all of it."""
    return (m.group() for m in _LINE.finditer(text))


def _csv_records(text: str, delimiter: str, origin: str, limit: int | None = None) -> list[list[str]]:
    out: list[list[str]] = []
    lines = _io.StringIO(text, newline="") if limit is None else text_lines(text)
    try:
        for rec in csv.reader(lines, delimiter=delimiter):
            out.append(rec)
            if limit is not None and len(out) >= limit:
                break
    except csv.Error as exc:
        raise InputError(f"{origin}, row {len(out) + 1}: not valid CSV ({exc})", file=origin, row=len(out) + 1) from None
    return out


def read_csv(path: str, origin: str, heads: Headings) -> list[Grid]:
    data = read_bytes(path, origin)
    text = decode(data, origin)
    first_line = text[: text.find("\n")] if "\n" in text else text  # (not a copy of the rest)
    forced: str | None = None
    # where the text starts in the bytes (UTF-8: past its BOM); None: UTF-16, no byte path
    offset: int | None = None if data.startswith((b"\xff\xfe", b"\xfe\xff")) else 3 * data.startswith(b"\xef\xbb\xbf")
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        forced = first_line.strip()[4]  # Excel's "sep=;" hint line: not a row
        text = text[len(first_line) + 1 :]
        if offset is not None:
            offset = data.find(b"\n", offset) + 1 or len(data)
    candidates = [forced] if forced else [",", ";", "\t"]
    best: tuple[tuple[int, int], str, int | None, list[list[str]]] | None = None
    for d in candidates:
        sample = _csv_records(text, d, origin, HEADER_SCAN_ROWS)
        h = find_heading(sample, heads)
        width = sum(1 for v in sample[h] if v.strip()) if h is not None else 0
        if h is None:
            first = next((r for r in sample if any(v.strip() for v in r)), [])
            width = len(first)
        key = (int(h is not None), width)
        if best is None or key > best[0]:
            best = (key, d, h, sample)
    assert best is not None
    _, delim, h, sample = best

    def label(i: int) -> str:
        return f"row {i + 1}"

    if h is not None:
        width = len(sample[h])
        # every data row as wide as the headings, no quote: the columns at once, as bytes
        # (UTF-8) or as text (UTF-16)
        plain: Sequence[Sequence[str]] | None = None
        if offset is not None:
            del text  # (while the bytes are cut: the cells are read from them)
            plain = split_plain(data, offset, delim, h, width)
            text = decode(data, origin)[len(first_line) + 1 if forced else 0 :] if plain is None else ""
        else:
            plain = plain_columns(text, delim, h, width)
        if plain is not None:
            grid = Grid(
                origin=origin, sheet=None, headings=list(sample[h]), columns=plain,
                labels=RowLabels(len(plain[0]), h + 2), numbers=range(h + 2, h + 2 + len(plain[0])),
                header_label=f"row {h + 1}",
            )
            grid.notes.extend(title_note(origin, sample, h, label))
            return [grid]
    records = _csv_records(text, delim, origin)

    if h is None:
        raise no_heading(origin, records, label, origin)
    width = len(records[h])
    problems = Problems()
    for i in range(h + 1, len(records)):
        rec = records[i]
        if len(rec) > width and any(v.strip() for v in rec[width:]):
            hint = (
                "; a decimal comma in a comma-separated file must be quoted (\"93,94\"), "
                "or separate the columns with ';'"
                if delim == ","
                else ""
            )
            hint_vi = (
                "; dấu phẩy thập phân trong tệp phân cách bằng dấu phẩy phải đặt trong ngoặc kép (\"93,94\"), "
                "hoặc phân cách các cột bằng ';'"
                if delim == ","
                else ""
            )
            problems.add(
                f"{origin}, row {i + 1}: {len(rec)} values but {width} headings (row {h + 1}){hint}",
                kind="row_width",
                vi=f"{origin}, dòng {i + 1}: {len(rec)} giá trị nhưng {width} tiêu đề (dòng {h + 1}){hint_vi}",
                file=origin, row=i + 1,
            )
    if '"' in text:  # without a quote no cell can hold a line break
        _open_quotes(records, h, width, delim, origin, problems)
    problems.raise_if_any(file=origin)
    grid = grid_from_rows(records, h, origin=origin, sheet=None)  # csv gives lists already
    grid.notes.extend(title_note(origin, records, h, label))
    return [grid]


def plain_columns(text: str, delim: str, h: int, width: int) -> list[list[str]] | None:
    """The data columns (rows below heading row ``h``) of a CSV text, cut at C speed,
    exactly as :func:`csv.reader` reads them, when the text can be read without it: no
    quote and no NUL anywhere (so a cell never holds a delimiter or a line break),
    ``\n`` or ``\r\n`` line ends, and every data line holding ``width - 1``
    delimiters (no empty line, no row wider or narrower than the headings). Then each
    line is one record, and the cells of the text joined by delimiters, taken every
    ``width``-th, are the columns. None: read it with :mod:`csv` (the careful path,
    with its messages)."""
    if width < 2 or '"' in text or "\x00" in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:  # a lone CR ends a line for csv
            return None
    pos = -1
    for _ in range(h + 1):
        pos = text.find("\n", pos + 1)
        if pos < 0:
            return None  # no data row
    data = text[pos + 1 :]
    if data.endswith("\n"):
        data = data[:-1]
    if not data:
        return None
    lines = data.split("\n")
    if set(map(str.count, lines, repeat(delim))) != {width - 1}:
        return None
    del lines
    cells = data.replace("\n", delim).split(delim)
    return [cells[j::width] for j in range(width)]


def _open_quotes(
    records: list[list[str]], h: int, width: int, delim: str, origin: str, problems: Problems
) -> None:
    """A cell whose text runs over lines that look like rows of the table: a quote left
    open swallowed them (``"`` in a note, say). An error naming the row and column,
    never rows silently lost."""
    need = max(width - 1, 1)
    headings = records[h]
    for i in range(h + 1, len(records)):
        for j, value in enumerate(records[i]):
            if "\n" not in value:
                continue
            lines = value.split("\n")[1:]
            swallowed = sum(1 for line in lines if line.count(delim) >= need)
            if not swallowed:
                continue
            col = headings[j] if j < len(headings) and headings[j].strip() else str(j + 1)
            en = (
                f"{origin}, row {i + 1}, column {col!r}: a quote (\") opened in this cell is not closed where "
                f"the cell should end, so the next {swallowed} line(s) that look like rows were read into "
                "this one cell; close the quote, or double it (\"\") inside a quoted cell"
            )
            vi = (
                f"{origin}, dòng {i + 1}, cột {col!r}: dấu ngoặc kép (\") mở trong ô này không được đóng, nên "
                f"{swallowed} dòng tiếp theo (trông như các dòng của bảng) bị đọc vào một ô; hãy đóng dấu "
                "ngoặc kép, hoặc viết hai lần (\"\") bên trong ô có ngoặc kép"
            )
            problems.add(en, kind="csv_quote", vi=vi, file=origin, row=i + 1, column=col)


# JSON -------------------------------------------------------------------------


