"""Spreadsheets opened for reading: every sheet's cells as rows of Python values.

Two engines, one result:

* **python-calamine** (the Rust calamine library), when installed: reads .xlsx, .xlsm,
  .xlsb, the old .xls and .ods, 8–9 times faster than openpyxl through ``read_table``
  on a 100k-row .xlsx (``benchmarks/readers.py``; figures in ``docs/guide/readers.md``);
* **openpyxl** in read-only mode otherwise (.xlsx and .xlsm only).

Whichever reads the values, what a sheet hides (hidden rows and columns, formulas
without a saved value, percent-formatted cells) comes from the workbook's XML
(:mod:`ict_adoption.io.sheet_facts`), so messages are the same. Blank cells are None;
a percent-formatted number is a :class:`~ict_adoption.io.cells.PercentCell`.
Writing stays with openpyxl (:mod:`ict_adoption.io.xlsx`).
"""

from __future__ import annotations

import codecs
import datetime as _dt
import itertools
import os
from decimal import Decimal
from typing import Any, Iterator

from ..errors import InputError
from ..messages import message
from .cells import PercentCell
from .sheet_facts import SheetFacts, sheet_facts

__all__ = ["Workbook", "open_workbook", "ENGINES", "SPREADSHEET_SUFFIXES"]

ENGINES = ("calamine", "openpyxl")
#: suffix → needs calamine (True) or is read by either engine (False)
SPREADSHEET_SUFFIXES = {".xlsx": False, ".xlsm": False, ".xlsb": True, ".xls": True, ".ods": True}


def _calamine() -> Any:
    try:
        import python_calamine  # optional: the fast reader
    except ImportError:
        return None
    return python_calamine


class _SheetRows:
    """What :func:`~ict_adoption.io.template_layout.template_info` reads of a sheet."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows

    def iter_rows(self, max_col: int | None = None, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
        for r in self.rows:
            yield tuple(r[:max_col] if max_col else r)


class Workbook:
    """An open workbook: ``sheetnames``, ``visible`` (name → bool), ``rows(name)``."""

    def __init__(self, path: str, origin: str, engine: str) -> None:
        self.path = path
        self.origin = origin
        self.engine = engine
        self.facts: dict[str, SheetFacts] = {}
        self._cache: dict[str, list[list[Any]]] = {}
        self._book: Any = None
        if engine == "calamine":
            pc = _calamine()
            self._book = pc.CalamineWorkbook.from_path(path)
            meta = self._book.sheets_metadata
            self.sheetnames = [m.name for m in meta]
            self.visible = {m.name: str(m.visible).endswith("Visible") and "Hidden" not in str(m.visible) for m in meta}
        else:
            from . import xlsx

            openpyxl = xlsx.openpyxl("reading .xlsx files")
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            self.sheetnames = list(self._book.sheetnames)
            self.visible = {ws.title: ws.sheet_state == "visible" for ws in self._book.worksheets}
        if os.path.splitext(path)[1].lower() in (".xlsx", ".xlsm") or engine == "openpyxl":
            self.facts = sheet_facts(path)

    def __getitem__(self, name: str) -> _SheetRows:
        return _SheetRows(self.rows(name))

    def rows(self, name: str) -> list[list[Any]]:
        """The sheet's cells from A1, row by row; blank cells None, trailing blank rows dropped."""
        if name in self._cache:
            return self._cache[name]
        facts = self.facts.get(name, SheetFacts())
        if self.engine == "calamine":
            rows = list(self._book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for i, r in enumerate(rows):  # a blank cell reads "": None (a row without one is kept as it is)
                if type(r) is not list or "" in r:
                    rows[i] = [None if v == "" else v for v in r]
        else:
            rows = []
            for r in self._book[name].iter_rows():
                rows.append([_openpyxl_value(c) for c in r])
        for (rn, cj) in facts.percent_cells:
            if rn - 1 < len(rows) and cj < len(rows[rn - 1]):
                v = rows[rn - 1][cj]
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    rows[rn - 1][cj] = PercentCell(Decimal(repr(float(v))) * 100)
        while rows and all(v is None or (isinstance(v, str) and not v.strip()) for v in rows[-1]):
            rows.pop()
        if self.engine == "calamine" and _dt.timedelta in set(map(type, itertools.chain.from_iterable(rows))):
            rows = [[_calamine_value(v) for v in r] for r in rows]  # (only a time of day changes)
        self._cache[name] = rows
        return rows

    def close(self) -> None:
        close = getattr(self._book, "close", None)
        if close is not None:
            close()


def _openpyxl_value(cell: Any) -> Any:
    v = getattr(cell, "value", None)
    if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in (getattr(cell, "number_format", "") or ""):
        return PercentCell(Decimal(repr(v)) * 100)  # read-only cells know their format too
    return v


def _calamine_value(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return v  # kept a float, as openpyxl gives whole numbers typed as numbers
    if isinstance(v, _dt.timedelta):
        return (_dt.datetime.min + v).time()
    return v


def open_workbook(path: str, origin: str, engine: str | None = None) -> Workbook:
    """Open ``path`` for reading with ``engine`` (default: calamine when installed)."""
    suffix = os.path.splitext(path)[1].lower()
    if not os.path.exists(path):
        raise InputError(f"{origin}: no such file", file=origin)
    if os.path.isdir(path):
        raise InputError(f"{origin}: is a directory, not a file", file=origin)
    if engine is None:
        engine = "calamine" if _calamine() is not None else "openpyxl"
    if engine == "openpyxl" and SPREADSHEET_SUFFIXES.get(suffix, False):
        raise InputError(
            f"{origin}: reading {suffix} workbooks needs python-calamine: pip install 'ict-adoption[excel]'",
            file=origin,
        )
    try:
        return Workbook(path, origin, engine)
    except InputError:
        raise
    except ImportError:
        raise
    except Exception as exc:  # zip, XML, calamine errors …
        hint = ""
        with open(path, "rb") as f:
            head = f.read(4096)
        if head and b"\0" not in head:
            try:
                codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
            except UnicodeDecodeError:
                pass
            else:  # text saved under a workbook's name
                hint = "text"
        detail = f"{type(exc).__name__}: {exc}"
        what = message("workbook.not_zip") if "zip" in detail.lower() else message("workbook.other", detail=detail)
        key = "file.text_as_workbook" if hint else "file.not_workbook"
        raise InputError(message(key, file=origin, suffix=suffix or "spreadsheet", what=what), file=origin) from None
