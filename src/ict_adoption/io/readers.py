"""Readers: CSV, spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods), JSON, a pandas DataFrame, a list of dicts → :class:`Table`.

One function, :func:`read_table`, reads every supported input into a
:class:`~ict_adoption.table.Table`; ``docs/guide/readers.md`` is the user's guide.

What every reader does the same way:

* **Headings** are matched NFC-normalised, ignoring case and spaces. The ids ``unit``,
  ``bloc``, ``total``, ``note`` and common Vietnamese headings (``Đơn vị``, ``Khối``,
  ``Tổng điểm``, ``Ghi chú`` … see :data:`HEADING_ALIASES`) are known; with a
  ``rubric``, so are its group/criterion ids (any case) and names. Other headings are
  kept as they are (unknown columns): :func:`~ict_adoption.score` rejects them unless
  told ``unknown_columns="ignore"``. A row-number column (``STT``, ``TT``) is not read,
  and a note says so.
* **The heading row** is the first row, within the first :data:`HEADER_SCAN_ROWS`, with
  a ``unit`` heading; rows above it (a title) are not read, and a note says so.
* **Cells** of known columns are parsed by :mod:`ict_adoption.io.cells` (decimal comma,
  percent, thousands dot, có/không); every bad cell is reported at once, each naming
  the file, sheet, row and column and what was expected.
* **Empty rows** are skipped; those between data rows are listed in ``Table.notes``;
  empty rows after the last data row (spreadsheet padding) are dropped.
* **Row labels** are the file's own numbers: ``"row 4"`` (CSV), ``"sheet 'Sở', row 4"``
  (Excel), ``"record 4"`` (JSON).

Spreadsheets need the optional dependency python-calamine (every format) or openpyxl
(.xlsx/.xlsm only) (``pip install 'ict-adoption[excel]'`` installs both), imported only
when a workbook is read; pandas is never imported here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..table import Table
from .csv_reader import read_csv
from .grid import (
    FORMATS,
    HEADER_SCAN_ROWS,
    HEADING_ALIASES,
    Headings,
    build_table,
)
from .json_reader import read_json
from .memory_reader import memory_grid

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

__all__ = ["read_table", "HEADING_ALIASES", "HEADER_SCAN_ROWS", "FORMATS"]


# ----------------------------------------------------------------------------- entry point


def read_table(
    source: Any,
    *,
    sheet: str | None = None,
    format: str | None = None,
    rubric: "Rubric | None" = None,
    errors: str = "raise",
) -> Table:
    """Read assessment data into a :class:`~ict_adoption.table.Table`.

    ``source``: a path (``str`` or ``os.PathLike``; the format comes from the suffix —
    ``.csv``/``.tsv``/``.txt``, ``.xlsx``/``.xlsm``/``.xlsb``/``.xls``/``.ods``, ``.json`` — or from ``format``:
    ``"csv"``, ``"xlsx"``, ``"json"``), a pandas DataFrame, a list of dicts (one per
    unit), a dict of columns, or a :class:`Table` (re-read with the rules below).

    ``sheet`` (Excel): a sheet name (case and spaces ignored); ``"*"`` for every sheet
    that holds a table, concatenated; default: the first visible sheet — or, for a
    workbook made by :func:`ict_adoption.io.template.write_template`, every bloc sheet.

    ``rubric``: recognise the rubric's group/criterion ids (any case) and names as
    headings, and read each criterion's cells as its rule expects (percent strings for
    share criteria, có/không for yes/no, thousands dots in counts). Without it, only the
    reserved columns are known and other columns are read as plain numbers where they
    can be (text that is not a number is kept for :func:`~ict_adoption.score` to report).

    Raises :class:`~ict_adoption.errors.InputError` listing every bad cell, each with the
    file, sheet, row and column and what was expected. With ``errors="collect"``, bad
    cells are left blank and their problems kept in ``Table.cell_problems`` for
    :func:`~ict_adoption.score` to report together with its own (a problem that is not
    about one cell — a missing heading, a duplicated column — is still raised here).
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors: expected 'raise' or 'collect', got {errors!r}")
    heads = Headings(rubric)
    notes: list[str] = []
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        origin = str(path)
        fmt = (format or FORMATS.get(os.path.splitext(path)[1].lower(), "")).lower()
        if fmt == "excel":
            fmt = "xlsx"
        if not fmt:
            suffix = os.path.splitext(path)[1].lower()
            raise InputError(
                f"{origin}: cannot tell the format from {suffix or 'a name without suffix'!r}; "
                "expected .csv, .xlsx or .json, or pass format='csv', 'xlsx' or 'json'",
                file=origin,
            )
        if fmt not in ("csv", "xlsx", "json"):
            raise ValueError(f"format: expected 'csv', 'xlsx' or 'json', got {format!r}")
        if sheet is not None and fmt != "xlsx":
            raise InputError(f"{origin}: a sheet name applies only to spreadsheet workbooks", file=origin)
        if fmt == "csv":
            grids = read_csv(path, origin, heads)
        elif fmt == "json":
            grids = read_json(path, origin)
        else:
            from .xlsx_reader import read_xlsx  # the zip and XML reading: only for workbooks

            grids, notes = read_xlsx(path, origin, sheet, heads, rubric)
        return build_table(grids, rubric, origin, notes, errors)
    if format is not None or sheet is not None:
        raise ValueError("format= and sheet= apply only when reading a file")
    grid = memory_grid(source)
    return build_table([grid], rubric, grid.origin, notes, errors)

