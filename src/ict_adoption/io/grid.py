"""The reading core every file and in-memory reader shares.

A reader turns its input into :class:`Grid` objects — headings, columns of cells as
read, row labels — and :func:`build_table` does the rest the same way for all of them:
maps headings to columns (:class:`Headings`: NFC, any case and spacing, Vietnamese
aliases, the rubric's ids and names), parses each known column's cells by its rule
(:mod:`ict_adoption.io.cells`), drops padding rows and notes what was skipped, and
reports every bad cell at once, each located by file, sheet, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Sequence, TypeAlias

import numpy as np

from ..errors import InputError
from ..problems import Problems
from ..table import Table
from ..text import name_key, nfc
from .cells import (
    CellError,
    PercentCell,
    column_kinds,
    is_blank,
    parse_cell,
    to_text,
    uses_decimal_comma,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

HEADER_SCAN_ROWS = 50
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
RESERVED = tuple(HEADING_ALIASES)

#: One column of cells as read: a list, or a numpy array (DataFrame, Table, dict of arrays).
Column: TypeAlias = Sequence[Any] | np.ndarray


# ----------------------------------------------------------------------------- headings


class Headings:
    """Heading text → column id (or None for a row-number column)."""

    def __init__(self, rubric: "Rubric | None") -> None:
        self.exact = set(RESERVED)
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
        for r in RESERVED:
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


def unit_examples() -> str:
    return ", ".join(repr(x) for x in ("unit", "Đơn vị", "Tên đơn vị", "Cơ quan"))


# ----------------------------------------------------------------------------- grids


@dataclass
class Grid:
    """Cells as read, before headings are mapped and cells parsed."""

    origin: str | None
    sheet: str | None
    headings: list[Any]
    columns: Sequence[Column]
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


def blank_mask(col: Column) -> np.ndarray:
    if isinstance(col, np.ndarray) and col.dtype.kind in "iub":
        return np.zeros(len(col), dtype=bool)
    if isinstance(col, np.ndarray) and col.dtype.kind == "f":
        return np.isnan(col)
    return np.fromiter((is_blank(v) for v in col), dtype=bool, count=len(col))


def parse_column(values: Column, kind: str) -> tuple[list[Any], list[tuple[int, str]]]:
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


def build_table(
    grids: list[Grid], rubric: "Rubric | None", origin: str | None, notes: list[str], on_error: str = "raise"
) -> Table:
    heads = Headings(rubric)
    kinds = column_kinds(rubric)
    problems = Problems()
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
                if not blank_mask(grid.columns[j]).all():
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
            blank &= blank_mask(col)
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
            values: Column = col[keep] if isinstance(col, np.ndarray) else [col[i] for i in keep.tolist()]
            parsed, errors = parse_column(values, kind)
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
        problems.raise_if_any(file=origin)

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


def find_heading(rows: Sequence[Sequence[Any]], heads: Headings) -> int | None:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if any(heads.is_unit(v) for v in row):
            return i
    return None


def no_heading(
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
        f"{where}: no heading row: expected a column headed {unit_examples()} (or another "
        f"name for the unit) in the first {HEADER_SCAN_ROWS} rows; {label(i)} reads {shown}",
        file=origin,
        sheet=sheet,
    )


def title_note(where: str, rows: Sequence[Sequence[Any]], h: int, label: Any) -> list[str]:
    above = [i for i in range(h) if any(not is_blank(v) for v in rows[i])]
    if not above:
        return []
    span = label(above[0]) if len(above) == 1 else f"rows {above[0] + 1}–{above[-1] + 1}"
    return [f"{where}: headings in {label(h)}; {span} above them not read"]


def grid_from_rows(
    rows: list[list[Any]],
    h: int,
    *,
    origin: str,
    sheet: str | None,
    first_number: int = 1,
    positions: Any = None,
) -> Grid:
    width = max((len(r) for r in rows), default=0)
    padded = [list(r) + [None] * (width - len(r)) for r in rows]
    data = padded[h + 1 :]
    prefix = f"sheet {sheet!r}, " if sheet is not None else ""
    numbers = [first_number + h + 1 + k for k in range(len(data))]
    return Grid(
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


