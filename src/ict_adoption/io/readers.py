"""Readers: CSV, Excel (.xlsx), JSON, a pandas DataFrame, a list of dicts → :class:`Table`.

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

Excel needs the optional dependency openpyxl (``pip install 'ict-adoption[excel]'``),
imported only when an .xlsx file is read; pandas is never imported here.
"""

from __future__ import annotations

import csv
import io as _io
import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TypeAlias

import numpy as np

from ..errors import InputError
from ..table import Table
from ..text import name_key, nfc
from . import template_layout, xlsx
from .cells import CellError, PercentCell, column_kinds, is_blank, parse_cell, to_text, uses_decimal_comma

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

__all__ = ["read_table", "HEADING_ALIASES", "HEADER_SCAN_ROWS", "FORMATS"]

HEADER_SCAN_ROWS = 50
_MAX_LISTED = 25
FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json"}

#: Headings read as the reserved columns (matched ignoring case, spaces; NFC).
HEADING_ALIASES: dict[str, tuple[str, ...]] = {
    "unit": (
        "unit", "đơn vị", "tên đơn vị", "cơ quan", "tên cơ quan", "cơ quan, đơn vị",
        "tên cơ quan, đơn vị", "cơ quan/đơn vị", "đơn vị/cơ quan", "địa phương",
        "tên địa phương", "đơn vị, địa phương", "tên đơn vị, địa phương",
    ),
    "bloc": ("bloc", "khối", "nhóm", "khối/nhóm", "khối, nhóm", "nhóm đơn vị", "khối đơn vị"),
    "total": ("total", "tổng điểm", "tổng", "tổng cộng", "tổng số điểm", "điểm tổng", "điểm"),
    "note": ("note", "notes", "ghi chú"),
}
#: Row-number columns, not read (a note says so).
ROW_NUMBER_HEADINGS = frozenset(name_key(x) for x in ("STT", "TT", "Số TT", "Số thứ tự", "No.", "#"))
_RESERVED = tuple(HEADING_ALIASES)

#: One column of cells as read: a list, or a numpy array (DataFrame, Table, dict of arrays).
_Column: TypeAlias = Sequence[Any] | np.ndarray


# ----------------------------------------------------------------------------- headings


class _Headings:
    """Heading text → column id (or None for a row-number column)."""

    def __init__(self, rubric: "Rubric | None") -> None:
        self.exact = set(_RESERVED)
        keys: dict[str, str] = {}
        for canon, names in HEADING_ALIASES.items():
            for n in names:
                keys[name_key(n)] = canon
        if rubric is not None:
            by_name: dict[str, set[str]] = {}
            ids: list[str] = []
            for g in rubric.groups:
                items = [(g.id, g.name, g.name_en)] + [(c.id, c.name, c.name_en) for c in g.criteria]
                for ident, name, name_en in items:
                    ids.append(ident)
                    for label in (name, name_en):
                        if label:
                            by_name.setdefault(name_key(label), set()).add(ident)
            for key, found in by_name.items():
                if len(found) == 1:  # a name two items share stays unmapped
                    keys[key] = next(iter(found))
            for ident in ids:
                keys[name_key(ident)] = ident
            self.exact.update(ids)
        for r in _RESERVED:
            keys[r] = r
        self.keys = keys

    def canonical(self, heading: str) -> str | None:
        if heading in self.exact:
            return heading
        key = name_key(heading)
        if key in self.keys:
            return self.keys[key]
        if key in ROW_NUMBER_HEADINGS:
            return None
        return heading

    def is_unit(self, value: Any) -> bool:
        text = to_text(value)
        return text is not None and self.canonical(text) == "unit"


def _unit_examples() -> str:
    return ", ".join(repr(x) for x in ("unit", "Đơn vị", "Tên đơn vị", "Cơ quan"))


# ----------------------------------------------------------------------------- grids


@dataclass
class _Grid:
    """Cells as read, before headings are mapped and cells parsed."""

    origin: str | None
    sheet: str | None
    headings: list[Any]
    columns: Sequence[_Column]
    labels: list[str]  # the row label of each data row
    numbers: list[int | None]  # the file's own number of each data row (for error locations)
    header_label: str | None = None  # "row 3" of the heading row, where there is one
    positions: list[str] | None = None  # column letters/numbers, for a column without heading
    bloc: str | None = None  # bloc id for rows whose bloc cell is blank (template sheets)
    notes: list[str] = field(default_factory=list)

    def where(self, i: int | None = None, heading: str | None = None, canon: str | None = None) -> str:
        parts = [self.origin] if self.origin else []
        if i is not None:
            parts.append(self.labels[i])
        elif self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if heading is not None:
            col = f"column {heading!r}"
            if canon is not None and canon != heading:
                col += f" ({canon})"
            parts.append(col)
        return ", ".join(parts)

    def head_where(self) -> str:
        parts = [self.origin] if self.origin else []
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.header_label is not None:
            parts.append(self.header_label)
        return ", ".join(parts)


class _Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, dict[str, Any]]] = []

    def add(self, message: str, **location: Any) -> None:
        self.items.append((message, location))

    def raise_if_any(self, origin: str | None) -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            message, location = self.items[0]
            err = InputError(message, **location)
        else:
            shown = [m for m, _ in self.items[:_MAX_LISTED]]
            lines = [f"{len(self.items)} problem(s) in the assessment data:"] + [f"  - {m}" for m in shown]
            if len(self.items) > _MAX_LISTED:
                lines.append(f"  … and {len(self.items) - _MAX_LISTED} more")
            sheets = {loc.get("sheet") for _, loc in self.items}
            err = InputError("\n".join(lines), file=origin, sheet=sheets.pop() if len(sheets) == 1 else None)
        err.problems = [m for m, _ in self.items]  # type: ignore[attr-defined]
        raise err


def _blank_mask(col: _Column) -> np.ndarray:
    if isinstance(col, np.ndarray) and col.dtype.kind in "iub":
        return np.zeros(len(col), dtype=bool)
    if isinstance(col, np.ndarray) and col.dtype.kind == "f":
        return np.isnan(col)
    return np.fromiter((is_blank(v) for v in col), dtype=bool, count=len(col))


def _parse_column(values: _Column, kind: str) -> tuple[list[Any], list[tuple[int, str]]]:
    """Parsed values (float/None for numeric kinds) and (index, message) of bad cells."""
    if kind == "text":
        return [to_text(v) for v in values], []
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        arr = values.astype(np.float64)
        bad = np.flatnonzero(np.isinf(arr))
        errors: list[tuple[int, str]] = [(int(i), f"expected a finite number, got {float(arr[i])!r}") for i in bad]
        return [None if np.isnan(x) else float(x) for x in arr.tolist()], errors
    out: list[Any] = []
    errors = []
    if kind == "auto":
        comma = any(uses_decimal_comma(v) for v in values)
        for v in values:
            if is_blank(v):
                out.append(None)
            elif isinstance(v, str):
                try:
                    out.append(parse_cell(v, "number", decimal_comma_column=comma))
                except CellError:
                    out.append(nfc(v))  # kept: scoring reports it if the column is scored
            elif isinstance(v, PercentCell):
                out.append(v.text)
            elif isinstance(v, (int, float, Decimal, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)):
                out.append(float(v))
            else:
                out.append(v)
        return out, errors
    comma = any(uses_decimal_comma(v) for v in values)
    for i, v in enumerate(values):
        try:
            out.append(parse_cell(v, kind, decimal_comma_column=comma))
        except CellError as exc:
            errors.append((i, str(exc)))
            out.append(None)
    return out, errors


def _build(
    grids: list[_Grid], rubric: "Rubric | None", origin: str | None, notes: list[str], on_error: str = "raise"
) -> Table:
    heads = _Headings(rubric)
    kinds = column_kinds(rubric)
    problems = _Problems()
    cols: dict[str, list[Any]] = {}
    col_kind: dict[str, str] = {}
    labels: list[str] = []
    for grid in grids:
        notes.extend(grid.notes)
        n = len(grid.labels)
        mapped: list[tuple[int, str, str]] = []
        seen: dict[str, str] = {}
        for j, h in enumerate(grid.headings):
            text = to_text(h)
            if text is None:
                if not _blank_mask(grid.columns[j]).all():
                    pos = grid.positions[j] if grid.positions else str(j + 1)
                    problems.add(
                        f"{grid.head_where()}, column {pos}: a column with values has no heading",
                        file=grid.origin, sheet=grid.sheet, column=pos,
                    )
                continue
            canon = heads.canonical(text)
            if canon is None:
                notes.append(f"{grid.where(heading=text)}: row numbers, not read")
                continue
            if canon in seen:
                problems.add(
                    f"{grid.head_where()}: columns {seen[canon]!r} and {text!r} both give {canon!r}; keep one",
                    file=grid.origin, sheet=grid.sheet, column=canon,
                )
                continue
            seen[canon] = text
            mapped.append((j, text, canon))

        blank = np.ones(n, dtype=bool)
        for col in grid.columns:
            blank &= _blank_mask(col)
        keep = np.flatnonzero(~blank)
        last = int(keep[-1]) if keep.size else -1
        skipped = [grid.labels[i] for i in np.flatnonzero(blank).tolist() if i < last]
        if skipped:
            where = grid.origin or "input"
            notes.append(
                f"{where}: skipped {len(skipped)} empty row{'s' if len(skipped) > 1 else ''} ({', '.join(skipped)})"
            )

        start = len(labels)
        labels.extend(grid.labels[i] for i in keep.tolist())
        for j, text, canon in mapped:
            kind = kinds.get(canon, "auto")
            col = grid.columns[j]
            values: _Column = col[keep] if isinstance(col, np.ndarray) else [col[i] for i in keep.tolist()]
            parsed, errors = _parse_column(values, kind)
            for k, message in errors:
                i = int(keep[k])
                problems.add(
                    f"{grid.where(i, text, canon)}: {message}",
                    file=grid.origin, sheet=grid.sheet, row=grid.numbers[i], column=canon,
                )
            if canon not in cols:
                cols[canon] = [None] * start
                col_kind[canon] = kind
            cols[canon].extend(parsed)
        if grid.bloc is not None:
            if "bloc" not in cols:
                cols["bloc"] = [None] * start
                col_kind["bloc"] = "text"
            block = cols["bloc"]
            block.extend([None] * (len(labels) - len(block)))
            for r in range(start, len(labels)):
                if block[r] is None:
                    block[r] = grid.bloc
        for values in cols.values():
            values.extend([None] * (len(labels) - len(values)))
    cell_problems: list[tuple[str, str]] = []
    if on_error == "collect" and all("row" in loc for _, loc in problems.items):
        # only bad cells: hand them to scoring, which lists them with its own problems
        cell_problems = [(str(loc["column"]), message) for message, loc in problems.items]
    else:
        problems.raise_if_any(origin)

    columns: dict[str, np.ndarray] = {}
    for canon, values in cols.items():
        kind = col_kind[canon]
        numeric = kind not in ("text", "auto") or (
            kind == "auto" and all(v is None or isinstance(v, float) for v in values) and any(v is not None for v in values)
        )
        if numeric:
            columns[canon] = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        else:
            arr = np.empty(len(values), dtype=object)
            arr[:] = values
            columns[canon] = arr
    return Table(columns, origin=origin, rows=labels, notes=notes, cell_problems=cell_problems)


# ----------------------------------------------------------------------------- files


def _find_heading(rows: Sequence[Sequence[Any]], heads: _Headings) -> int | None:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if any(heads.is_unit(v) for v in row):
            return i
    return None


def _no_heading(
    where: str, rows: Sequence[Sequence[Any]], label: Any, origin: str, sheet: str | None = None
) -> InputError:
    first = next(((i, r) for i, r in enumerate(rows) if any(not is_blank(v) for v in r)), None)
    if first is None:
        return InputError(
            f"{where}: no data (the {'sheet' if sheet is not None else 'file'} is empty)", file=origin, sheet=sheet
        )
    i, row = first
    cells = [to_text(v) or "" for v in row]
    while cells and not cells[-1]:
        cells.pop()
    shown = ", ".join(repr(c) for c in cells[:8]) + (", …" if len(cells) > 8 else "")
    return InputError(
        f"{where}: no heading row: expected a column headed {_unit_examples()} (or another "
        f"name for the unit) in the first {HEADER_SCAN_ROWS} rows; {label(i)} reads {shown}",
        file=origin,
        sheet=sheet,
    )


def _title_note(where: str, rows: Sequence[Sequence[Any]], h: int, label: Any) -> list[str]:
    above = [i for i in range(h) if any(not is_blank(v) for v in rows[i])]
    if not above:
        return []
    span = label(above[0]) if len(above) == 1 else f"rows {above[0] + 1}–{above[-1] + 1}"
    return [f"{where}: headings in {label(h)}; {span} above them not read"]


def _grid_from_rows(
    rows: list[list[Any]],
    h: int,
    *,
    origin: str,
    sheet: str | None,
    first_number: int = 1,
    positions: Any = None,
) -> _Grid:
    width = max((len(r) for r in rows), default=0)
    padded = [list(r) + [None] * (width - len(r)) for r in rows]
    data = padded[h + 1 :]
    prefix = f"sheet {sheet!r}, " if sheet is not None else ""
    numbers = [first_number + h + 1 + k for k in range(len(data))]
    return _Grid(
        origin=origin,
        sheet=sheet,
        headings=padded[h] if padded else [],
        columns=[[r[j] for r in data] for j in range(width)],
        labels=[f"{prefix}row {n}" for n in numbers],
        numbers=list(numbers),
        header_label=f"row {first_number + h}",
        positions=[positions(j) for j in range(width)] if positions else None,
    )


# CSV --------------------------------------------------------------------------


def _read_bytes(path: str, origin: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(f"{origin}: no such file", file=origin) from None
    except IsADirectoryError:
        raise InputError(f"{origin}: is a directory, not a file", file=origin) from None
    except PermissionError:
        raise InputError(f"{origin}: permission denied", file=origin) from None


def _decode(data: bytes, origin: str) -> str:
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


def _csv_records(text: str, delimiter: str, origin: str, limit: int | None = None) -> list[list[str]]:
    out: list[list[str]] = []
    try:
        for rec in csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter):
            out.append(rec)
            if limit is not None and len(out) >= limit:
                break
    except csv.Error as exc:
        raise InputError(f"{origin}, row {len(out) + 1}: not valid CSV ({exc})", file=origin, row=len(out) + 1) from None
    return out


def _read_csv(path: str, origin: str, heads: _Headings) -> list[_Grid]:
    text = _decode(_read_bytes(path, origin), origin)
    first_line, _, rest = text.partition("\n")
    forced: str | None = None
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        forced = first_line.strip()[4]  # Excel's "sep=;" hint line: not a row
        text = rest
    candidates = [forced] if forced else [",", ";", "\t"]
    best: tuple[tuple[int, int], str, int | None] | None = None
    for d in candidates:
        sample = _csv_records(text, d, origin, HEADER_SCAN_ROWS)
        h = _find_heading(sample, heads)
        width = sum(1 for v in sample[h] if v.strip()) if h is not None else 0
        if h is None:
            first = next((r for r in sample if any(v.strip() for v in r)), [])
            width = len(first)
        key = (int(h is not None), width)
        if best is None or key > best[0]:
            best = (key, d, h)
    assert best is not None
    _, delim, h = best
    records = _csv_records(text, delim, origin)

    def label(i: int) -> str:
        return f"row {i + 1}"

    if h is None:
        raise _no_heading(origin, records, label, origin)
    width = len(records[h])
    problems = _Problems()
    for i in range(h + 1, len(records)):
        rec = records[i]
        if len(rec) > width and any(v.strip() for v in rec[width:]):
            hint = (
                "; a decimal comma in a comma-separated file must be quoted (\"93,94\"), "
                "or separate the columns with ';'"
                if delim == ","
                else ""
            )
            problems.add(
                f"{origin}, row {i + 1}: {len(rec)} values but {width} headings (row {h + 1}){hint}",
                file=origin, row=i + 1,
            )
    problems.raise_if_any(origin)
    grid = _grid_from_rows([list(r) for r in records], h, origin=origin, sheet=None)
    grid.notes.extend(_title_note(origin, records, h, label))
    return [grid]


# JSON -------------------------------------------------------------------------


def _records_grid(records: Sequence[Any], origin: str | None, word: str) -> _Grid:
    keys: dict[str, None] = {}
    for i, rec in enumerate(records):
        if not isinstance(rec, Mapping):
            where = f"{origin}, {word} {i + 1}" if origin else f"{word} {i + 1}"
            raise InputError(
                f"{where}: expected an object (one per unit, heading → value), got {type(rec).__name__}",
                file=origin, row=i + 1,
            )
        keys.update(dict.fromkeys(str(k) for k in rec))
    columns = [[_get(rec, k) for rec in records] for k in keys]
    return _Grid(
        origin=origin,
        sheet=None,
        headings=list(keys),
        columns=columns,
        labels=[f"{word} {i + 1}" for i in range(len(records))],
        numbers=list(range(1, len(records) + 1)),
    )


def _get(rec: Mapping[Any, Any], key: str) -> Any:
    if key in rec:
        return rec[key]
    for k, v in rec.items():
        if str(k) == key:
            return v
    return None


def _read_json(path: str, origin: str) -> list[_Grid]:
    data = _read_bytes(path, origin)
    try:
        obj = json.loads(_decode(data, origin))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{origin}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", file=origin
        ) from None
    if isinstance(obj, Mapping) and isinstance(obj.get("units"), list):
        records = obj["units"]
    elif isinstance(obj, list):
        records = obj
    else:
        raise InputError(
            f"{origin}: expected a list of objects (one per unit), or {{\"units\": [...]}}; "
            f"got {type(obj).__name__}" + (f" with keys {', '.join(map(repr, list(obj)[:8]))}" if isinstance(obj, Mapping) else ""),
            file=origin,
        )
    return [_records_grid(records, origin, "record")]


# Excel ------------------------------------------------------------------------


def _cell_value(cell: Any) -> Any:
    v = cell.value
    if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in (cell.number_format or ""):
        return PercentCell(Decimal(repr(v)) * 100)
    return v


def _sheet_rows(ws: Any) -> list[list[Any]]:
    rows = [[_cell_value(c) for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row)]
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    return rows


def _sheet_grid(
    ws: Any, origin: str, heads: _Headings, rubric: "Rubric | None", bloc: str | None, letter: Any
) -> _Grid:
    rows = _sheet_rows(ws)
    where = f"{origin}, sheet {ws.title!r}"

    def label(i: int) -> str:
        return f"row {i + 1}"

    h = _find_heading(rows, heads)
    if h is None:
        raise _no_heading(where, rows, label, origin, ws.title)
    grid = _grid_from_rows(rows, h, origin=origin, sheet=ws.title, positions=letter)
    if bloc is not None:  # a template sheet: the rows above the headings are its own titles
        grid.bloc = bloc
        return grid
    grid.notes.extend(_title_note(where, rows, h, label))
    if rubric is not None and not any(
        to_text(x) is not None and heads.canonical(to_text(x) or "") == "bloc" for x in grid.headings
    ):
        try:
            found = rubric.bloc(ws.title)
        except KeyError:
            pass
        else:
            grid.bloc = found.id
            grid.notes.append(
                f"{where}: no bloc column; its units are read as bloc {found.id!r} ({found.name}), "
                "from the sheet name"
            )
    return grid


def _find_sheet(wb: Any, name: str, origin: str) -> Any:
    if name in wb.sheetnames:
        return wb[name]
    matches = [t for t in wb.sheetnames if name_key(t) == name_key(name)]
    if len(matches) == 1:
        return wb[matches[0]]
    raise InputError(
        f"{origin}: no sheet {name!r}; sheets: {', '.join(map(repr, wb.sheetnames))}",
        file=origin, sheet=name,
    )


def _read_xlsx(path: str, origin: str, sheet: str | None, heads: _Headings, rubric: "Rubric | None") -> tuple[list[_Grid], list[str]]:
    openpyxl = xlsx.openpyxl("reading .xlsx files")
    from openpyxl.utils import get_column_letter

    if not os.path.exists(path):
        raise InputError(f"{origin}: no such file", file=origin)
    if os.path.isdir(path):
        raise InputError(f"{origin}: is a directory, not a file", file=origin)
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException …
        raise InputError(f"{origin}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})", file=origin) from None
    notes: list[str] = []
    try:
        meta = template_layout.template_info(wb)
        if meta is not None and rubric is not None and (meta.region, meta.edition) != (rubric.region, rubric.edition):
            raise InputError(
                f"{origin}: this template was made for rubric {meta.region}:{meta.edition}, "
                f"not {rubric.region}:{rubric.edition}",
                file=origin,
            )
        bloc_of = dict(meta.sheets) if meta is not None else {}
        skip = {template_layout.META_SHEET, template_layout.README_SHEET} if meta is not None else set()
        chosen: list[Any]
        if sheet is None and meta is not None:
            missing = [t for t, _ in meta.sheets if t not in wb.sheetnames]
            if missing:
                raise InputError(
                    f"{origin}: template sheet(s) {', '.join(map(repr, missing))} not found "
                    f"(renamed or deleted?); sheets: {', '.join(map(repr, wb.sheetnames))}",
                    file=origin,
                )
            chosen = [wb[t] for t, _ in meta.sheets]
        elif sheet == "*":
            chosen = [
                ws for ws in wb.worksheets
                if ws.title not in skip and ws.sheet_state == "visible" and _find_heading(_sheet_rows(ws), heads) is not None
            ]
            if not chosen:
                raise InputError(f"{origin}: no sheet has a heading row with a unit column", file=origin)
        elif sheet is None:
            visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"] or list(wb.worksheets)
            chosen = [visible[0]]
            others = [
                ws.title for ws in visible[1:] if _find_heading(_sheet_rows(ws), heads) is not None
            ]
            if others:
                notes.append(
                    f"{origin}: read sheet {visible[0].title!r} only; "
                    f"{', '.join(map(repr, others))} also hold{'s' if len(others) == 1 else ''} a table "
                    "(pass sheet='…', or sheet='*' for all)"
                )
        else:
            chosen = [_find_sheet(wb, sheet, origin)]
        grids = [
            _sheet_grid(ws, origin, heads, rubric, bloc_of.get(ws.title), lambda j: get_column_letter(j + 1))
            for ws in chosen
        ]
    finally:
        wb.close()
    return grids, notes


# ----------------------------------------------------------------------------- in memory


def _memory_grid(source: Any) -> _Grid:
    if isinstance(source, Table):
        n = len(source)
        return _Grid(
            origin=source.origin,
            sheet=None,
            headings=list(source.columns),
            columns=list(source.columns.values()),
            labels=[source.row_label(i) for i in range(n)],
            numbers=[None] * n,
            notes=list(source.notes),
        )
    if hasattr(source, "columns") and hasattr(source, "iloc") and hasattr(source, "index"):  # a DataFrame
        df = source
        headings = [str(c) for c in df.columns]
        columns: list[_Column] = [_column_array(df.iloc[:, j].to_numpy()) for j in range(df.shape[1])]
        index_name = getattr(df.index, "name", None)
        if index_name is not None and str(index_name) not in headings:
            headings.insert(0, str(index_name))
            columns.insert(0, _column_array(df.index.to_numpy()))
        n = len(df)
        return _Grid(
            origin="DataFrame",
            sheet=None,
            headings=headings,
            columns=columns,
            labels=[f"row {i + 1}" for i in range(n)],
            numbers=list(range(1, n + 1)),
        )
    if isinstance(source, Mapping):
        headings = [str(k) for k in source]
        columns = [_column_array(v) for v in source.values()]
        lengths = {len(c) for c in columns}
        if len(lengths) > 1:
            detail = ", ".join(f"{k}: {len(c)}" for k, c in zip(headings, columns))
            raise InputError(f"columns have different lengths ({detail})")
        n = lengths.pop() if lengths else 0
        return _Grid(
            origin=None,
            sheet=None,
            headings=headings,
            columns=columns,
            labels=[f"row {i + 1}" for i in range(n)],
            numbers=list(range(1, n + 1)),
        )
    if isinstance(source, (list, tuple)):
        return _records_grid(source, None, "row")
    raise InputError(
        f"cannot read assessment data from {type(source).__name__}; expected a path (.csv, .xlsx, "
        ".json), a pandas DataFrame, a list of dicts, a dict of columns or a Table"
    )


def _column_array(values: Any) -> _Column:
    if isinstance(values, np.ndarray):
        if values.ndim != 1:
            raise InputError(f"expected one value per row, got shape {values.shape}")
        return values
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise InputError(f"expected a sequence of values per column, got {type(values).__name__}")
    return list(values)


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
    ``.csv``/``.tsv``/``.txt``, ``.xlsx``/``.xlsm``, ``.json`` — or from ``format``:
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
    heads = _Headings(rubric)
    notes: list[str] = []
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        origin = str(path)
        fmt = (format or FORMATS.get(os.path.splitext(path)[1].lower(), "")).lower()
        if fmt == "excel":
            fmt = "xlsx"
        if not fmt:
            suffix = os.path.splitext(path)[1].lower()
            if suffix == ".xls":
                raise InputError(f"{origin}: the old .xls format is not read; save it as .xlsx", file=origin)
            raise InputError(
                f"{origin}: cannot tell the format from {suffix or 'a name without suffix'!r}; "
                "expected .csv, .xlsx or .json, or pass format='csv', 'xlsx' or 'json'",
                file=origin,
            )
        if fmt not in ("csv", "xlsx", "json"):
            raise ValueError(f"format: expected 'csv', 'xlsx' or 'json', got {format!r}")
        if sheet is not None and fmt != "xlsx":
            raise InputError(f"{origin}: sheet={sheet!r} applies only to .xlsx workbooks", file=origin)
        if fmt == "csv":
            grids = _read_csv(path, origin, heads)
        elif fmt == "json":
            grids = _read_json(path, origin)
        else:
            grids, notes = _read_xlsx(path, origin, sheet, heads, rubric)
        return _build(grids, rubric, origin, notes, errors)
    if format is not None or sheet is not None:
        raise ValueError("format= and sheet= apply only when reading a file")
    grid = _memory_grid(source)
    return _build([grid], rubric, grid.origin, notes, errors)
