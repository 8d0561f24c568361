"""Cell values as people type them: decimal commas, percents, thousands dots, có/không.

Every reader (CSV, Excel, JSON, DataFrame, dicts) passes each cell of a known column
through :func:`parse_cell` with the column's *kind*, so a value means the same thing
whatever the file format. The rules (also in ``docs/guide/readers.md``):

Numbers
    * Blank (empty text, spaces only, ``None``, NaN) is *missing*, never zero.
    * ``"93,94"``: a single comma is a decimal comma (Vietnamese style) → 93.94.
    * ``"6.477,5"`` / ``"6,477.5"``: when both separators appear, the *last* one is the
      decimal mark and the other groups thousands (groups of exactly three digits).
    * ``"1.234.567"`` / ``"1,234,567"`` / ``"1 234 567"``: the same separator twice or
      more (or spaces) groups thousands.
    * ``"93.94"``: a single dot is a decimal point — **except** when it is followed by
      exactly three digits (``"6.477"``) and either the column is a *count* criterion
      (a count is whole, so a decimal reading could never be valid) or another cell of
      the same column uses a decimal comma (the column is written Vietnamese style);
      then it groups thousands → 6477.
    * A leading ``+``/``-``/``−`` sign is allowed; nothing else (no units, no exponents).
Percents
    * ``"97%"`` (or an Excel cell formatted as a percent) is accepted only in a *share*
      column: ``share`` rule → 0.97, ``share`` rule with ``percent = true`` → 97.
      Anywhere else a percent sign is an error (points are not percents).
    * Without the sign, the number is taken as the rule reads it: 0–1 for a share,
      0–100 for a percent share.
Yes/no (``yes_no`` rule)
    * yes: ``có``, ``co``, ``x``, ``yes``, ``y``, ``true``, ``đạt``, ``1``, TRUE;
      no: ``không``, ``khong``, ``no``, ``n``, ``false``, ``không đạt``, ``chưa``,
      ``0``, FALSE — case-insensitive, NFC. Blank is missing, not "no".
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ..rules import CountRule, PointsRule, Rule, ShareRule, YesNoRule
from ..text import nfc
from ..text_arrays import blank_rows
from .byte_cells import CellBytes

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

__all__ = [
    "Kind",
    "KINDS",
    "CellError",
    "PercentCell",
    "is_blank",
    "blank_mask",
    "parse_number",
    "parse_cell",
    "to_text",
    "uses_decimal_comma",
    "rule_kind",
    "column_kinds",
    "YES",
    "NO",
]

Kind = Literal["text", "auto", "points", "number", "count", "share", "percent", "yes_no"]
KINDS: tuple[str, ...] = ("text", "auto", "points", "number", "count", "share", "percent", "yes_no")

EXPECTED: dict[str, str] = {
    "auto": "a number",
    "points": "a number",
    "number": "a number",
    "count": "a whole number",
    "share": "a share (0–1) or a percent such as '97%'",
    "percent": "a percent (0–100)",
    "yes_no": "yes or no (có/không, x, yes/no, 1/0)",
}

#: The same, in Vietnamese (the command line shows these unless ``--lang en``).
EXPECTED_VI: dict[str, str] = {
    "a number": "một số",
    "a whole number": "một số nguyên",
    "a share (0–1) or a percent such as '97%'": "một tỷ lệ (0–1) hoặc phần trăm như '97%'",
    "a percent (0–100)": "một phần trăm (0–100)",
    "yes or no (có/không, x, yes/no, 1/0)": "có hoặc không (có/không, x, 1/0)",
    "a finite number": "một số hữu hạn",
    "a finite whole number": "một số nguyên hữu hạn",
    "a finite percent (0–100)": "một phần trăm hữu hạn (0–100)",
    "a percent is only accepted for a share criterion": "phần trăm chỉ dùng cho tiêu chí tỷ lệ",
}

YES = frozenset({"có", "co", "x", "yes", "y", "true", "đạt", "dat", "1"})
NO = frozenset({"không", "khong", "no", "n", "false", "không đạt", "khong dat", "chưa", "chua", "0"})

_PERCENT_HINT = "a percent is only accepted for a share criterion"


def shown(value: Any, lang: str = "en") -> str:
    """A cell's value as the user typed or sees it, never in Python syntax: ``'141.6x'``,
    ``97%``, ``TRUE`` (an Excel yes/no cell), ``the date 09/05/2024``, ``12.5``."""
    if isinstance(value, PercentCell):
        return repr(value.text)
    if isinstance(value, (bool, np.bool_)):
        word = "TRUE" if value else "FALSE"
        return f"{word} (ô đúng/sai)" if lang == "vi" else f"{word} (a TRUE/FALSE cell)"
    if isinstance(value, _dt.datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        value = value.date()
    if isinstance(value, _dt.datetime):
        text = value.strftime("%d/%m/%Y %H:%M")
        return f"ngày giờ {text}" if lang == "vi" else f"the date and time {text}"
    if isinstance(value, _dt.date):
        text = value.strftime("%d/%m/%Y")
        return f"ngày {text}" if lang == "vi" else f"the date {text}"
    if isinstance(value, _dt.time):
        text = value.strftime("%H:%M:%S")
        return f"giờ {text}" if lang == "vi" else f"the time {text}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (int, float, Decimal, np.integer, np.floating)):
        f = float(value)
        return str(int(f)) if f.is_integer() else repr(f)
    return repr(value)


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; ``str()`` is the message tail
    (English), ``vi`` the same in Vietnamese."""

    def __init__(self, expected: str, value: Any, hint: str | None = None) -> None:
        message = f"expected {expected}, got {shown(value)}"
        vi = f"cần {EXPECTED_VI.get(expected, expected)}, nhận được {shown(value, 'vi')}"
        if hint:
            message += f" ({hint})"
            vi += f" ({EXPECTED_VI.get(hint, hint)})"
        super().__init__(message)
        self.expected = expected
        self.value = value
        self.vi = vi


@dataclass(frozen=True)
class PercentCell:
    """A number shown as a percent (an Excel cell formatted ``0%``): ``value`` is 97 for 97%."""

    value: Decimal

    @property
    def text(self) -> str:
        d = self.value.normalize()
        return f"{d:f}%"


def is_blank(value: Any) -> bool:
    """None, NaN, pandas NA/NaT and empty or whitespace-only text."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (float, np.floating)):
        return bool(np.isnan(value))
    return type(value).__name__ in ("NAType", "NaTType")


#: cell types whose blankness the vectorised branch of :func:`blank_mask` decides
_PLAIN_TYPES = frozenset({str, float, int, bool, type(None), np.str_, np.float64, np.int64})


def blank_mask(col: Any) -> np.ndarray:
    """Which cells of a column are blank, exactly as :func:`~ict_adoption.io.cells.is_blank`
    says cell by cell, but a whole column at once: numpy text arrays through
    ``np.strings``, columns of plain cells (text, numbers, None) through C-level maps;
    only a column holding other objects (dates, pandas NA, …) goes cell by cell."""
    n = len(col)
    if isinstance(col, CellBytes):  # a plain CSV's column, still bytes
        return col.blank_mask()
    if isinstance(col, np.ndarray):
        kind = col.dtype.kind
        if kind in "iub":
            return np.zeros(n, dtype=bool)
        if kind == "f":
            return np.isnan(col)
        if kind == "U" and col.dtype.byteorder != ">":
            return blank_rows(col)  # the string functions only where the first character is not plain
        if kind == "U":
            return (np.strings.str_len(col) == 0) | np.strings.isspace(col)
    seq = col.tolist() if isinstance(col, np.ndarray) and col.dtype.kind == "O" else col
    if not isinstance(seq, list):
        seq = list(seq)
    types = set(map(type, seq))
    if types <= {str}:
        return _blank_texts(seq)
    if types <= _PLAIN_TYPES:
        blank = np.zeros(n, dtype=bool)
        cells = np.array(seq, dtype=object)
        is_text = np.fromiter(map(isinstance, seq, itertools.repeat(str)), dtype=bool, count=n)
        if is_text.any():
            at = np.flatnonzero(is_text)
            blank[at] = _blank_texts(cells[at].tolist())
        other = ~is_text
        if other.any():
            rest = cells[other]
            # None, and NaN (the one value unequal to itself); ints and bools never blank
            blank[other] = np.equal(rest, np.asarray(None, dtype=object)) | np.not_equal(rest, rest)
        return blank
    return np.fromiter(map(is_blank, seq), dtype=bool, count=n)


def _blank_texts(texts: list[str]) -> np.ndarray:
    """Empty or whitespace-only, for a list of text cells (``not v.strip()``)."""
    n = len(texts)
    blank = np.fromiter(map(str.isspace, texts), dtype=bool, count=n)
    blank |= np.fromiter(map(len, texts), dtype=np.int64, count=n) == 0
    return blank


# ----------------------------------------------------------------------------- numbers

_GROUP_SPACE = re.compile(r"(\d{1,3}(?: \d{3})+)(?:([.,])(\d+))?")
_ONE_SEP = {sep: re.compile(rf"(\d*){re.escape(sep)}(\d+)") for sep in ".,"}
_GROUPED = {sep: re.compile(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+") for sep in ".,"}
_BOTH = {
    dec: re.compile(rf"(\d{{1,3}}(?:{re.escape(grp)}\d{{3}})*){re.escape(dec)}(\d+)")
    for dec, grp in ((".", ","), (",", "."))
}
#: a dot grouping thousands: the group before it cannot start with 0 ("0.500" is a half)
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def _clean(text: str) -> str:
    # NFKC: no-break and thin spaces become spaces, full-width digits ASCII digits
    s = unicodedata.normalize("NFKC", text).strip()
    return re.sub(r"\s+", " ", s)


def parse_number(text: str, *, thousands_dot: bool = False) -> Decimal:
    """Read a number as typed (see the module docstring); ValueError if it is not one.

    >>> parse_number("93,94"), parse_number("6.477,5"), parse_number("1.234.567")
    (Decimal('93.94'), Decimal('6477.5'), Decimal('1234567'))
    >>> parse_number("6.477"), parse_number("6.477", thousands_dot=True)
    (Decimal('6.477'), Decimal('6477'))
    """
    s = _clean(text)
    sign = ""
    if s[:1] in ("+", "-", "\u2212"):
        sign = "" if s[0] == "+" else "-"
        s = s[1:].lstrip()
    if not s:
        raise ValueError(text)
    if s.isdigit() and s.isascii():
        return Decimal(sign + s)
    if " " in s:
        m = _GROUP_SPACE.fullmatch(s)
        if not m:
            raise ValueError(text)
        return Decimal(sign + m[1].replace(" ", "") + (f".{m[3]}" if m[3] else ""))
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        m = _BOTH[dec].fullmatch(s)
        if not m:
            raise ValueError(text)
        return Decimal(sign + re.sub(r"[.,]", "", m[1]) + "." + m[2])
    if not dots and not commas:
        raise ValueError(text)
    sep = "." if dots else ","
    if dots + commas > 1:
        if not _GROUPED[sep].fullmatch(s):
            raise ValueError(text)
        return Decimal(sign + s.replace(sep, ""))
    m = _ONE_SEP[sep].fullmatch(s)
    if not m:
        raise ValueError(text)
    if sep == "." and thousands_dot and _THOUSANDS_DOT.fullmatch(s):
        return Decimal(sign + m[1] + m[2])
    return Decimal(sign + (m[1] or "0") + "." + m[2])


def uses_decimal_comma(value: Any) -> bool:
    """Whether a text cell is written with a decimal comma (``"93,94"``, ``"6.477,5"``)."""
    if not isinstance(value, str):
        return False
    s = _clean(value).rstrip("%").rstrip()
    if s.count(",") != 1:
        return False
    return bool(re.fullmatch(r"[+\-\u2212]?(\d{1,3}(\.\d{3})+|\d*),\d+", s))


def _yes_no(value: Any) -> float:
    if isinstance(value, str):
        key = nfc(value).casefold()
        if key in YES:
            return 1.0
        if key in NO:
            return 0.0
        try:
            return float(parse_number(value))
        except ValueError:
            raise CellError(EXPECTED["yes_no"], value) from None
    if isinstance(value, PercentCell):
        raise CellError(EXPECTED["yes_no"], value, _PERCENT_HINT)
    return _plain_number(value, "yes_no", bools=True)


def _plain_number(value: Any, kind: str, bools: bool = False) -> float:
    if isinstance(value, (bool, np.bool_)):
        if bools:
            return 1.0 if value else 0.0
        raise CellError(EXPECTED[kind], value)
    if isinstance(value, (int, float, Decimal, np.integer, np.floating)):
        f = float(value)
        if not math.isfinite(f):
            raise CellError(f"a finite {EXPECTED[kind].removeprefix('a ')}", value)
        return f
    raise CellError(EXPECTED[kind], value)


def _percent(value: Decimal, kind: str, shown: Any) -> float:
    if kind == "share":
        return float(value / 100)
    if kind == "percent":
        return float(value)
    raise CellError(EXPECTED[kind], shown, _PERCENT_HINT)


def parse_cell(value: Any, kind: str, *, decimal_comma_column: bool = False) -> float | None:
    """The number a cell stands for in a column of this kind; None when blank.

    Raises :class:`CellError` (message ``"expected …, got …"``) for anything else.
    ``decimal_comma_column``: another cell of the column uses a decimal comma, so a
    lone dot before three digits groups thousands.
    """
    if is_blank(value):
        return None
    if kind == "yes_no":
        return _yes_no(value)
    if isinstance(value, PercentCell):
        return _percent(value.value, kind, value)
    if isinstance(value, str):
        s = _clean(value)
        is_percent = s.endswith("%")
        body = s[:-1].rstrip() if is_percent else s
        try:
            number = parse_number(body, thousands_dot=kind == "count" or decimal_comma_column)
        except ValueError:
            raise CellError(EXPECTED[kind], value) from None
        if is_percent:
            return _percent(number, kind, value)
        return float(number)
    return _plain_number(value, kind)


def to_text(value: Any) -> str | None:
    """A text cell as NFC text (spaces trimmed and collapsed); None when blank.

    Whole numbers stored as floats (Excel) are written without ``.0``.
    """
    if is_blank(value):
        return None
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    if isinstance(value, PercentCell):
        value = value.text
    return nfc(str(value)) or None


# ----------------------------------------------------------------------------- kinds


def rule_kind(rule: "Rule") -> str:
    """The kind of input a rule reads.

    Built-in rules: ``points`` → "points", ``share`` → "share" (or "percent" with
    ``percent = true``), ``yes_no`` → "yes_no", ``count`` → "count", ``steps`` and
    ``share_of_best`` → "number". A plugin rule may declare ``input_kind`` (one of
    :data:`KINDS`); otherwise it reads plain numbers.
    """
    if isinstance(rule, PointsRule):
        return "points"
    if isinstance(rule, ShareRule):
        return "percent" if rule.percent else "share"
    if isinstance(rule, YesNoRule):
        return "yes_no"
    if isinstance(rule, CountRule):
        return "count"
    declared = getattr(rule, "input_kind", None)
    return declared if declared in KINDS else "number"


def column_kinds(rubric: "Rubric | None") -> dict[str, str]:
    """Column id → kind for the reserved columns and, given a rubric, its groups and criteria."""
    kinds = {"unit": "text", "bloc": "text", "note": "text", "total": "points"}
    if rubric is not None:
        for g in rubric.groups:
            kinds[g.id] = "points"
            for c in g.criteria:
                kinds[c.id] = rule_kind(c.rule)
    return kinds
