"""What every spreadsheet this library reads or writes shares: openpyxl on demand, one
sheet-name rule, and cells that can never become formulas.

openpyxl is an optional extra (``pip install 'ict-adoption[excel]'``), imported by
:func:`openpyxl` when a workbook is read or written, never on ``import ict_adoption``.
"""

from __future__ import annotations

import re
from typing import Any

from ..text import FORMULA_PREFIXES, nfc

__all__ = ["openpyxl", "sheet_title", "put", "number_format", "RESERVED_SHEETS"]

#: Names Excel keeps for itself (compared ignoring case).
RESERVED_SHEETS = frozenset({"history"})
_SHEET_CHARS = str.maketrans({"[": "(", "]": ")", ":": " -", "/": "-", "\\": "-", "*": "", "?": ""})
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def openpyxl(purpose: str) -> Any:
    """The openpyxl module, or an ImportError saying that ``purpose`` needs it and how
    to install it (``purpose``: "reading .xlsx files", "Excel output", …)."""
    try:
        import openpyxl as module  # an optional extra, imported only when a workbook is used
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(f"{purpose} needs openpyxl: pip install 'ict-adoption[excel]'") from None
    return module


def sheet_title(name: str, used: set[str], *, fallback: str = "Khối") -> str:
    """A valid, unique Excel sheet name for ``name``, recorded in ``used`` (casefolded).

    At most 31 characters; ``[ ] : / \\`` become ``( ) - - -``, ``* ?`` are dropped;
    no quote or punctuation at the edges; ``fallback`` when nothing is left; a clash
    with a name in ``used`` (Excel compares names ignoring case) gets " (2)", " (3)" ….
    Seed ``used`` with :data:`RESERVED_SHEETS` and any fixed sheet names first.
    """
    title = nfc(name.translate(_SHEET_CHARS)).strip("' ")
    title = title[:31].rstrip(" -,.;'") or fallback
    base, k = title, 2
    while title.casefold() in used:
        suffix = f" ({k})"
        title = base[: 31 - len(suffix)].rstrip() + suffix
        k += 1
    used.add(title.casefold())
    return title


def number_format(precision: int) -> str:
    """``"0.00"`` for two decimals, ``"0"`` for none: the rubric's digits in Excel."""
    return "0" if precision == 0 else "0." + "0" * precision


def put(ws: Any, row: int, col: int, value: Any, fmt: str | None = None, *, bold: bool = False) -> Any:
    """Write one cell; text is cleaned of control characters and never a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is stored
    as a string with Excel's quote prefix (the hidden leading apostrophe), so it is
    neither evaluated on opening nor when the cell is edited.
    """
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = _ILLEGAL.sub("\ufffd", value)
        cell.value = value
        if value.startswith(FORMULA_PREFIXES) or cell.data_type == "f":
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    if fmt is not None:
        cell.number_format = fmt
    if bold:
        from openpyxl.styles import Font

        cell.font = Font(bold=True)
    return cell
