"""A column of cells read at once: a fast path for plain numbers, the careful per-cell
rules (:mod:`ict_adoption.io.cells`) only for the cells that need them.

A column of text cells is made one numpy text array and its code points tested at
once: cells that are plain numbers (``93.5``, ``93,5``, ``-2``, blank) are converted
together by numpy; only the others (also a number with spaces around it) — percents, thousands separators, có/không, typos,
*ambiguous* numbers — go through :func:`~ict_adoption.io.cells.parse_cell`, so every
message stays as precise as it is for one cell.

Ambiguous numbers
    A number with one separator followed by exactly three digits (``1.234``, ``1,000``,
    ``85.500``) reads either as a decimal or as thousands. The column decides when its
    other cells use the same separator unambiguously (``93.5``: a decimal point;
    ``1.234.567`` or ``1.234,5``: thousands). Otherwise:

    * a single **dot** is a decimal point — except in a *count* (a count is whole, so
      ``1.234`` is 1234) and in a column whose other cells use a decimal comma
      (``85.500`` beside ``93,5`` is 85500, Vietnamese style): both are read as
      thousands **with a warning** naming the cells, what was typed and the reading;
    * a single **comma** (``1,000``) is an **error**, unless other cells use a decimal
      point (then it groups thousands, English style, with a warning) or a decimal
      comma (then it is one): it is 1000 in English style and 1 in Vietnamese style.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any, Sequence

import numpy as np

from ..text_arrays import python_rows, text_array
from .byte_cells import CellBytes
from .text_cells import (  # noqa: F401 (the text rules of a column: there; these names kept here)
    _INVISIBLE_CHARS,
    _strip_invisible_cells,
    _texts,
    _tidy,
    strip_invisible,
    text_cells,
)
from .cells import (
    EXPECTED,
    EXPECTED_VI,
    CellError,
    PercentCell,
    _clean,
    is_blank,
    parse_cell,
    parse_number,
    to_text,
)

__all__ = ["ColumnResult", "parse_column", "Convention", "convention_of"]

#: one separator before exactly three digits: decimal or thousands?
_AMBIG = re.compile(r"[+\-\u2212]?([1-9]\d{0,2})([.,])(\d{3})")

# evidence of what each separator means in a column (on cleaned text, percent sign dropped)
_DECIMAL = {
    sep: re.compile(
        rf"(?m)^[ \t]*[+\-\u2212]?(?:\d*{e}(?:\d{{1,2}}|\d{{4,}})|\d{{4,}}{e}\d+|\d{{1,3}}(?:{o}\d{{3}})+{e}\d+)[ \t]*%?[ \t]*$"
    )
    for sep, e, o in ((".", r"\.", ","), (",", ",", r"\."))
}
_THOUSANDS = {
    sep: re.compile(rf"(?m)^[ \t]*[+\-\u2212]?\d{{1,3}}(?:(?:{e}\d{{3}}){{2,}}|(?:{e}\d{{3}})+{o}\d+)[ \t]*%?[ \t]*$")
    for sep, e, o in ((".", r"\.", ","), (",", ",", r"\."))
}


class Convention:
    """What the column's own cells say each separator means."""

    __slots__ = ("decimal", "thousands", "counted", "texts")

    def __init__(
        self, decimal: set[str], thousands: set[str], counted: set[str] | None = None, texts: Sequence[str] = ()
    ) -> None:
        self.texts = texts
        self.decimal = decimal
        self.thousands = thousands
        #: separators that group thousands in a count because some cell could not be a decimal
        self.counted = counted or set()


def convention_of(texts: Sequence[str]) -> Convention:
    joined = "\n".join(texts)
    decimal = {s for s in ".," if s in joined and _DECIMAL[s].search(joined)}
    thousands = {s for s in ".," if s in joined and _THOUSANDS[s].search(joined)}
    return Convention(decimal, thousands, texts=texts)


class ColumnResult:
    """Parsed values, bad cells and warnings of one column.

    ``values``: float64 array (NaN for blank) for numeric kinds, a list otherwise;
    ``errors``: ``(index, kind, English, Vietnamese)``; ``warnings``: ``(index, typed,
    reading)`` of ambiguous numbers read one way.
    """

    __slots__ = ("values", "errors", "warnings", "why")

    def __init__(self) -> None:
        self.values: Any = None
        self.errors: list[tuple[int, str, str, str]] = []
        self.warnings: list[tuple[int, str, str]] = []
        self.why: tuple[str, str] = ("", "")


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


def _ambiguous(value: str, kind: str, conv: Convention, out: ColumnResult, i: int) -> float | None:
    """The reading of an ambiguous cell, a warning or an error recorded; None: not ambiguous."""
    s = _clean(value)
    pct = s.endswith("%")
    body = s[:-1].rstrip() if pct else s
    m = _AMBIG.fullmatch(body)
    if m is None:
        return None
    sep = m[2]
    other = "," if sep == "." else "."
    sign = "-" if body[:1] in "-\u2212" else ""
    as_decimal = Decimal(f"{sign}{m[1]}.{m[3]}")
    as_thousands = Decimal(f"{sign}{m[1]}{m[3]}")
    reading: Decimal | None = None
    warn = False
    if sep in conv.decimal and sep not in conv.thousands and other not in conv.decimal:
        reading = as_decimal
    elif sep in conv.thousands and sep not in conv.decimal:
        reading = as_thousands
    elif sep in conv.decimal:  # both separators as decimal marks, or one used both ways
        pass
    elif sep in conv.counted:  # other cells of the count can only be thousands
        reading, warn = as_thousands, True
        out.why = ("a count is a whole number", "số lượng là số nguyên")
    elif other in conv.decimal and other not in conv.thousands:
        reading, warn = as_thousands, True
        out.why = (
            f"other cells of the column use {'a decimal comma' if other == ',' else 'a decimal point'}",
            f"các ô khác của cột dùng {'dấu phẩy' if other == ',' else 'dấu chấm'} thập phân",
        )
    elif kind == "count" and as_decimal != as_decimal.to_integral_value():
        reading, warn = as_thousands, True
        out.why = ("a count is a whole number", "số lượng là số nguyên")
    elif sep == "." and kind != "count":
        reading = as_decimal  # a decimal point, as software writes numbers
    if reading is None:
        en = (
            f"{value!r} can be read as {_fmt(as_thousands)} ({sep!r} groups thousands) or as "
            f"{_fmt(as_decimal)} ({sep!r} is the decimal mark); type the number without a thousands separator"
        )
        vi = (
            f"{value!r} có thể đọc là {_fmt(as_thousands)} ({sep!r} phân cách hàng nghìn) hoặc "
            f"{_fmt(as_decimal)} ({sep!r} là dấu thập phân); hãy ghi số không có dấu phân cách hàng nghìn"
        )
        out.errors.append((i, "ambiguous_number", en, vi))
        return float("nan")
    if warn:
        out.warnings.append((i, value, _fmt(reading)))
    if pct:
        if kind == "share":
            return float(reading / 100)
        if kind == "percent":
            return float(reading)
        err = CellError(EXPECTED.get(kind, "a number"), value, "a percent is only accepted for a share criterion")
        out.errors.append((i, "cell", str(err), err.vi))
        return float("nan")
    if kind == "count" and reading != reading.to_integral_value():
        return float(reading)  # the count rule reports it, with the criterion's maximum
    return float(reading)


def _fast_numbers(texts: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """(values, slow) for a column of text cells: plain numbers converted at once;
    ``slow`` marks the cells that need the careful rules. None: no fast path.

    A plain number is ASCII digits with at most one ``.`` or ``,`` (not last) and an
    optional leading sign, and not of the ambiguous shape ``1.234``; an empty cell is
    blank. The column is one numpy text array and the test is a few whole-array
    operations on its code points; every other cell (spaces, percents, words, …) goes
    through the careful per-cell rules, which read plain numbers the same way."""
    n = len(texts)
    arr = np.array(texts, dtype=str)
    if not n or not arr.dtype.itemsize:
        return np.full(n, np.nan), np.zeros(n, dtype=bool)  # every cell empty: blank
    length = np.strings.str_len(arr)
    if not np.array_equal(length, np.fromiter(map(len, texts), dtype=np.int64, count=n)):
        return None  # a cell ends in NUL, which numpy text drops: one cell at a time
    c = arr.view(np.uint32).reshape(n, -1)
    digit = (c - 48) < 10  # (unsigned: below "0" wraps round to large)
    sep = (c == 46) | (c == 44)
    sign = (c[:, 0] == 43) | (c[:, 0] == 45)
    other = ~(digit | sep | (c == 0))
    other[:, 0] &= ~sign
    at = sep.argmax(axis=1)  # the separator's position, where there is one
    has_sep = sep[np.arange(n), at]
    before = at - sign  # digits before it
    first = c[np.arange(n), np.minimum(sign, c.shape[1] - 1)]
    slow = other.any(axis=1) | (sep.sum(axis=1) > 1) | (has_sep & (at == length - 1))
    slow |= ~digit.any(axis=1) & (length > 0)  # a sign or a separator alone
    slow |= has_sep & (length - at - 1 == 3) & (before >= 1) & (before <= 3) & (first != 48)  # 1.234: ambiguous
    out = np.full(n, np.nan)
    take = ~slow & (length > 0)
    if take.any():  # (Python's float() of each str is faster here than numpy's text cast)
        cells = texts if take.all() else list(itertools.compress(texts, take.tolist()))
        if (c == 44).any():  # a decimal comma read as a point; no fast cell holds a line break
            cells = "\n".join(cells).replace(",", ".").split("\n")
        out[take] = np.array(cells, dtype=np.float64)
    return out, slow


def _plain_numbers(seq: list[Any], types: set[type]) -> tuple[np.ndarray, np.ndarray] | None:
    """(rows, values) of the number cells (``float``/``int``, as a spreadsheet gives them)
    of a column of numbers, text and blanks, converted at once; an infinity is left to
    the careful rule (its message), NaN is blank. None: no such cell."""
    if not types & {float, int} or not types <= {float, int, str, type(None)}:
        return None
    is_number = np.fromiter(map(isinstance, seq, itertools.repeat((float, int))), dtype=bool, count=len(seq))
    try:
        got = np.array(list(itertools.compress(seq, is_number.tolist())), dtype=np.float64)
    except OverflowError:  # an integer beyond any float: one cell at a time
        return None
    keep = ~np.isinf(got)
    return np.flatnonzero(is_number)[keep], got[keep]


def parse_column(
    values: Sequence[Any] | np.ndarray, kind: str, convention: Convention | None = None, tidy: bool = False
) -> ColumnResult:
    """Every cell of one column read as ``kind`` (see :mod:`ict_adoption.io.cells`);
    ``convention``: what the column's cells elsewhere (other sheets) say of "." and ",";
    ``tidy``: text cells known tidy (:func:`~ict_adoption.io.text_cells.text_cells`)."""
    out = ColumnResult()
    n = len(values)
    if kind == "text":
        out.values = _texts(values, tidy)
        return out
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        arr = values.astype(np.float64, copy=False)  # float64 data is not copied …
        finite = bool(np.isfinite(arr.sum()))  # one pass: the common column has no infinity
        if not finite and np.isinf(arr).any():
            arr = arr.copy()  # … unless an infinity is to be blanked
        for i in [] if finite else np.flatnonzero(np.isinf(arr)).tolist():
            err = CellError("a finite number", float(arr[i]))
            out.errors.append((int(i), "cell", str(err), err.vi))
            arr[i] = np.nan
        out.values = arr
        return out
    fast: tuple[np.ndarray, np.ndarray] | None = None
    if isinstance(values, CellBytes):  # a plain CSV's column: its numbers read from the bytes
        if kind == "yes_no" or not n:
            values = values.texts()
        else:
            fast = values.fast_numbers(_fast_numbers)
            if not fast[1].any():  # every cell a plain number or empty: no text needed (auto: as the careful path keeps them)
                out.values = [None if x != x else x for x in fast[0].tolist()] if kind == "auto" else fast[0]
                return out
            values = values.texts()  # the careful rules need the column's text
    if isinstance(values, np.ndarray) and values.dtype.kind in "bU":  # numpy text: plain str cells
        values = values.tolist()
    seq = values if isinstance(values, list) else list(values)
    types = set(map(type, seq))
    texts_at = range(n) if types == {str} else [i for i, v in enumerate(seq) if type(v) is str]
    texts = [seq[i] for i in texts_at] if len(texts_at) != n else seq
    result = np.full(n, np.nan)
    kept: list[Any] | None = [None] * n if kind == "auto" else None
    done = np.zeros(n, dtype=bool)  # cells read at once
    if fast is None:
        fast = _fast_numbers(texts) if kind != "yes_no" and texts else None
    if fast is not None:
        numbers, slow = fast
        idx = np.asarray(texts_at, dtype=np.intp) if len(texts_at) != n else np.arange(n)
        result[idx] = numbers
        done[idx[~slow]] = True
    plain = _plain_numbers(seq, types)
    if plain is not None:
        result[plain[0]] = plain[1]
        done[plain[0]] = True
    slow_idx: list[int] = np.flatnonzero(~done).tolist()
    if kept is not None and done.any():
        for i in np.flatnonzero(done).tolist():
            x = result[i]
            kept[i] = None if np.isnan(x) else float(x)
    # what the column's cells say of "." and ",": needed only by the cells read one at a time
    conv = Convention(set(), set())
    if slow_idx:
        if convention is not None:
            conv = Convention(set(convention.decimal), set(convention.thousands))
            every = convention.texts
        else:
            conv = convention_of(texts) if texts and any("." in t or "," in t for t in texts) else Convention(set(), set())
            every = texts
        if kind == "count":
            for t in every:
                m = _AMBIG.fullmatch(_clean(t).rstrip("%").rstrip()) if ("." in t or "," in t) else None
                if m is not None and m[3] != "000":
                    conv.counted.add(m[2])
    for i in slow_idx:
        v = seq[i]
        if is_blank(v):
            continue
        if isinstance(v, str) and kind != "yes_no":
            got = _ambiguous(v, "number" if kind == "auto" else kind, conv, out, i)
            if got is not None:
                if kind == "auto" and out.errors and out.errors[-1][0] == i:
                    out.errors.pop()
                    kept[i] = v  # type: ignore[index]
                    continue
                result[i] = got
                if kept is not None:
                    kept[i] = None if np.isnan(got) else got
                continue
        if kind == "auto":
            assert kept is not None
            if isinstance(v, str):
                try:
                    kept[i] = parse_cell(v, "number", decimal_comma_column="," in conv.decimal)
                except CellError:
                    kept[i] = to_text(v)  # kept: scoring reports it if the column is scored
            elif isinstance(v, PercentCell):
                kept[i] = v.text
            elif isinstance(v, (int, float, Decimal, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)):
                kept[i] = float(v)
            else:
                kept[i] = v
            continue
        try:
            got = parse_cell(v, kind, decimal_comma_column="," in conv.decimal)
        except CellError as exc:
            out.errors.append((i, "cell", str(exc), exc.vi))
            continue
        result[i] = np.nan if got is None else got
    out.values = kept if kept is not None else result
    return out


def all_numbers(parts: Sequence[tuple[int, Any]]) -> bool:
    """Whether the parts of an ``auto`` column (per sheet) hold numbers only, and one at least."""
    return all(all(v is None or isinstance(v, float) for v in vals) for _, vals in parts) and any(
        any(v is not None for v in vals) for _, vals in parts
    )


def expected_vi(kind: str) -> str:
    return EXPECTED_VI.get(EXPECTED.get(kind, "a number"), "một số")


_INVISIBLE_CODES = np.array([ord(c) for c in _INVISIBLE_CHARS], dtype=np.uint32)


def text_cells_of_array(values: Any) -> tuple[ColumnResult, tuple[np.ndarray, np.ndarray]] | None:
    """A numpy text column (``U``) read as text cells at once: ``(result, (text, blank))``,
    the result's values the cells as :func:`~ict_adoption.io.cells.to_text` reads each
    (NFC, trimmed, None for blank), and the same as a read-only ``U`` array with its
    blank mask (:func:`~ict_adoption.text_arrays.text_array`, vectorised). None for any
    other column, or when a cell holds an invisible character: the caller then strips
    them cell by cell, with its note."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "O" and len(values) and set(map(type, values)) == {str}:
        text = values.astype(str)  # a DataFrame's text column: one conversion, here
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        if not np.array_equal(np.strings.str_len(text), lengths):
            return None  # a cell ends in NUL, which numpy text drops: cell by cell
        values = text
    if not isinstance(values, np.ndarray) or values.dtype.kind != "U" or values.dtype.byteorder == ">":
        return None
    text, blank = text_array(values, copy=False)
    rows = python_rows(text)  # an invisible character is never plain: its row went through Python
    suspect = values if rows is None else values[rows]
    codes = np.ascontiguousarray(suspect).view(np.uint32) if suspect.dtype.itemsize else np.zeros(0, np.uint32)
    high = codes[codes >= 0x2000]  # the invisible characters but the soft hyphen are from U+2000 on
    # (one comparison per character, not np.isin: for few values it sorts through np.unique, which loads numpy.ma)
    if (codes == 0xAD).any() or any(bool((high == c).any()) for c in _INVISIBLE_CODES.tolist()):
        return None
    if text.flags.writeable:  # a fixed copy: read-only, as it is shared with the table
        text.setflags(write=False)
    out = ColumnResult()
    if blank.any():  # text cells with None for the blanks, as every reader gives them
        cells: list[str | None] = text.tolist()
        for i in np.flatnonzero(blank).tolist():
            cells[i] = None
        out.values = cells
    else:  # no blank: the numpy text itself (the table keeps it, read-only)
        out.values = text
    return out, (text, blank)


def row_list(labels: Sequence[str], rows: list[int], limit: int = 5) -> str:
    shown = ", ".join(labels[i] for i in rows[:limit])
    return shown + (f" … (+{len(rows) - limit})" if len(rows) > limit else "")


def formula_text(formula: str) -> tuple[str, str, str]:
    return (
        f"the formula {formula} has no saved value (the workbook was written by a program that "
        "does not calculate); open it in Excel or LibreOffice, save it, and read it again",
        f"công thức {formula} chưa có giá trị đã lưu (tệp do một chương trình không tính công thức tạo ra); "
        "hãy mở bằng Excel hoặc LibreOffice, lưu lại rồi đọc lại",
        "formula",
    )
