"""The reading core every file and in-memory reader shares.

A reader turns its input into :class:`Grid` objects — headings, columns of cells as
read, row labels — and :func:`build_table` does the rest the same way for all of them:
maps headings to columns (:class:`Headings`: NFC, any case and spacing, Vietnamese
aliases, the rubric's ids and names), parses each known column's cells by its rule
(:mod:`ict_adoption.io.cells`), drops padding rows and notes what was skipped, and
reports every bad cell at once, each located by file, sheet, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence, TypeAlias

import numpy as np

from ..errors import InputError
from ..problems import Problems, vi_location, warn
from ..table import RowLabels, Table
from ..text import name_key, nfc
from . import columns
from .byte_cells import CellBytes
from .cells import (
    CellError,
    PercentCell,
    blank_mask,
    column_kinds,
    is_blank,
    parse_cell,
    to_text,
    uses_decimal_comma,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

HEADER_SCAN_ROWS = 50
FORMATS = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".xlsb": "xlsx", ".xls": "xlsx", ".ods": "xlsx", ".json": "json",
}

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


#: characters nobody sees in a heading: zero-width spaces and joiners, BOM, soft hyphen
_HEADING_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


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
        key = name_key(_HEADING_INVISIBLE.sub("", heading))  # "Đơn\u200b vị" is 'Đơn vị'
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
    labels: Sequence[str]  # the row label of each data row (a list, or RowLabels)
    numbers: Sequence[int | None]  # the file's own number of each data row (for error locations)
    header_label: str | None = None  # "row 3" of the heading row, where there is one
    positions: list[str] | None = None  # column letters/numbers, for a column without heading
    bloc: str | None = None  # bloc id for rows whose bloc cell is blank (template sheets)
    notes: list[str] = field(default_factory=list)
    #: what a spreadsheet hides: column positions and data-row indices
    hidden_columns: set[int] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    #: (data row, column) → formula text, for formula cells without a saved value
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    #: the next row's texts when the headings take two rows (merged cells), for the message
    split_header: str | None = None
    #: (English, Vietnamese) warnings and (English, Vietnamese, kind, location) problems
    warnings: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)

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


def build_table(
    grids: list[Grid], rubric: "Rubric | None", origin: str | None, notes: list[str], on_error: str = "raise"
) -> Table:
    heads = Headings(rubric)
    kinds = column_kinds(rubric)
    problems = Problems()
    chunks: dict[str, list[tuple[int, Any]]] = {}
    typed_cells: dict[str, dict[int, str]] = {}
    col_kind: dict[str, str] = {}
    labels: list[str] = []
    text_arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    default_labels = False  # one grid, every row kept, its RowLabels ("row 2", "row 3", …) kept as they are
    all_mapped: list[list[tuple[int, str, str]]] = []
    for g, grid in enumerate(grids):
        notes.extend(grid.notes)
        for en, vi in grid.warnings:
            warn(en, vi, stacklevel=4)
            notes.append(en)
        for en, vi, kind, loc in grid.problems:
            problems.add(en, kind=kind, vi=vi, order=(0, g, loc.get("row") or 0), **loc)
        n = len(grid.labels)
        mapped: list[tuple[int, str, str]] = []
        seen: dict[str, str] = {}
        headless: list[str] = []
        for j, h in enumerate(grid.headings):
            text = to_text(h)
            if text is None:
                if not blank_mask(grid.columns[j]).all():
                    headless.append(grid.positions[j] if grid.positions else str(j + 1))
                continue
            canon = heads.canonical(text)
            if canon is None:
                notes.append(f"{grid.where(heading=text)}: row numbers, not read")
                continue
            if canon in seen:
                problems.add(
                    f"{grid.head_where()}: columns {seen[canon]!r} and {text!r} both give {canon!r}; keep one",
                    kind="heading",
                    vi=f"{vi_location(grid.head_where())}: hai cột {seen[canon]!r} và {text!r} cùng là {canon!r}; giữ một",
                    order=(0, g, -1), file=grid.origin, sheet=grid.sheet, column=canon,
                )
                continue
            seen[canon] = text
            mapped.append((j, text, canon))
        if headless:
            cols = ", ".join(headless)
            if grid.split_header:
                en = (
                    f"{grid.head_where()}: the headings take more than one row (merged cells?): "
                    f"column{'s' if len(headless) > 1 else ''} {cols} {'have' if len(headless) > 1 else 'has'} "
                    f"no heading in this row but the next row reads {grid.split_header}; "
                    "put one heading per column in one row"
                )
                vi = (
                    f"{vi_location(grid.head_where())}: tiêu đề cột chiếm nhiều dòng (ô gộp?): cột {cols} "
                    f"không có tiêu đề ở dòng này nhưng dòng sau ghi {grid.split_header}; "
                    "mỗi cột một tiêu đề, trên cùng một dòng"
                )
            else:
                en = f"{grid.head_where()}, column{'s' if len(headless) > 1 else ''} {cols}: a column with values has no heading"
                vi = f"{vi_location(grid.head_where())}, cột {cols}: cột có giá trị nhưng không có tiêu đề"
            problems.add(en, kind="heading", vi=vi, order=(0, g, -1), file=grid.origin, sheet=grid.sheet, column=headless[0])
        all_mapped.append(mapped)
    if any(grid.split_header for grid in grids):  # the row below is headings too: its cells are no data
        problems.raise_if_any(file=origin)
    # a column's convention (what "." and "," mean) comes from all its cells, on every sheet
    texts_of: dict[str, list[str]] = {}
    for grid, mapped in zip(grids if len(grids) > 1 else (), all_mapped):
        for j, _, canon in mapped:
            col = grid.columns[j]
            if kinds.get(canon, "auto") not in ("text", "yes_no") and not isinstance(col, np.ndarray):
                texts_of.setdefault(canon, []).extend(v for v in col if type(v) is str)
    conventions = {canon: columns.convention_of(t) for canon, t in texts_of.items()}
    for g, grid in enumerate(grids):
        mapped = all_mapped[g]
        n = len(grid.labels)
        hidden_cols = [text for j, text, _ in mapped if j in grid.hidden_columns]
        if hidden_cols:
            en = f"{grid.head_where()}: hidden column(s) {', '.join(map(repr, hidden_cols))} read; unhide them to check"
            vi = f"{vi_location(grid.head_where())}: đã đọc cột ẩn {', '.join(map(repr, hidden_cols))}; hãy bỏ ẩn để kiểm tra"
            warn(en, vi, stacklevel=4)
            notes.append(en)

        blank = np.ones(n, dtype=bool)
        for col in grid.columns:
            if not blank.any():
                break  # no row left that could be blank
            blank &= blank_mask(col)
        keep = np.flatnonzero(~blank)
        last = int(keep[-1]) if keep.size else -1
        skipped = [grid.labels[i] for i in np.flatnonzero(blank).tolist() if i < last]
        if skipped:
            where = grid.origin or "input"
            notes.append(
                f"{where}: skipped {len(skipped)} empty row{'s' if len(skipped) > 1 else ''} ({', '.join(skipped)})"
            )
        hidden_rows = [i for i in sorted(grid.hidden_rows) if i < n and not blank[i]]
        if hidden_rows:
            en = f"{grid.where()}: {len(hidden_rows)} hidden row(s) read ({columns.row_list(grid.labels, hidden_rows)}); unhide them to check"
            vi = f"{vi_location(grid.where())}: đã đọc {len(hidden_rows)} dòng ẩn ({vi_location(columns.row_list(grid.labels, hidden_rows))}); hãy bỏ ẩn để kiểm tra"
            warn(en, vi, stacklevel=4)
            notes.append(en)

        start = len(labels)
        every = len(keep) == n  # no padding row: columns taken as they are, not gathered
        default_labels = every and len(grids) == 1 and isinstance(grid.labels, RowLabels)
        labels.extend(() if default_labels else grid.labels if every else [grid.labels[i] for i in keep.tolist()])
        for j, text, canon in mapped:
            kind, tidy = kinds.get(canon, "auto"), False
            col = grid.columns[j]
            values: Column = col if every else col[keep] if isinstance(col, np.ndarray) else col.take(keep) if isinstance(col, CellBytes) else [col[i] for i in keep.tolist()]
            whole = columns.text_cells_of_array(values.numpy_text() if isinstance(values, CellBytes) else values) if kind == "text" else None
            if whole is not None:  # a numpy text column: read at once, kept as text for scoring
                text_arrays[canon] = whole[1]
            elif kind == "text":  # plain str cells (not numpy.str_), so the tidy-column fast path applies
                values, tidy = columns.text_cells(values)  # tidy: no zero-width character to strip, no cell to tidy
                changed = [] if tidy else columns.strip_invisible(values)
                if changed:
                    rows = [int(keep[k]) for k in changed]
                    notes.append(
                        f"{grid.where(heading=text)}: removed invisible characters (zero-width spaces) "
                        f"from {len(rows)} cell(s) ({columns.row_list(grid.labels, rows)})"
                    )
            result = whole[0] if whole is not None else columns.parse_column(values, kind, conventions.get(canon), tidy)
            suffix = " (a hidden column)" if j in grid.hidden_columns else ""
            for k, pkind, en, vi in result.errors:
                i = int(keep[k])
                formula = grid.formulas.get((i, j))
                if formula is not None:
                    en, vi, pkind = columns.formula_text(formula)
                where = grid.where(i, text, canon)
                problems.add(
                    f"{where}{suffix}: {en}", kind=pkind, vi=f"{vi_location(where)}: {vi}",
                    order=(0, g, grid.numbers[i] or i), file=grid.origin, sheet=grid.sheet, row=grid.numbers[i], column=canon,
                )
            if result.warnings:
                typed_cells.setdefault(canon, {}).update((start + k, typed) for k, typed, _ in result.warnings)
                shown = ", ".join(
                    f"{grid.labels[int(keep[k])]} {typed!r} → {reading}" for k, typed, reading in result.warnings[:5]
                ) + (f" … (+{len(result.warnings) - 5})" if len(result.warnings) > 5 else "")
                why_en, why_vi = result.why
                where = grid.where(heading=text, canon=canon)
                en = f"{where}: {len(result.warnings)} number(s) read as thousands because {why_en}: {shown}"
                vi = (
                    f"{vi_location(where)}: {len(result.warnings)} số được đọc là hàng nghìn vì {why_vi}: "
                    f"{vi_location(shown)}"
                )
                warn(en, vi, stacklevel=4)
                notes.append(en)
            if kind != "text":
                _formula_blanks(grid, j, keep, result.values, text, canon, problems, g)
            col_kind.setdefault(canon, kind)
            chunks.setdefault(canon, []).append((start, result.values))
        if grid.bloc is not None:
            if "bloc" not in chunks:
                chunks["bloc"] = []
                col_kind["bloc"] = "text"
            block: list[Any] = [grid.bloc] * ((n if default_labels else len(labels)) - start)
            for s0, vals in chunks["bloc"]:
                if s0 == start:
                    block = [grid.bloc if v is None else v for v in vals]
            chunks["bloc"] = [c for c in chunks["bloc"] if c[0] != start] + [(start, block)]
    cell_problems: list[tuple[str, str]] = []
    found = problems.report().problems
    if on_error == "collect" and all("row" in loc for _, loc in problems.items):
        # only bad cells: hand them to scoring, which lists them with its own problems
        cell_problems = [(str(p.location.get("column")), p.en) for p in found]
    else:
        problems.raise_if_any(file=origin)
        found = []

    total = len(grids[0].labels) if default_labels else len(labels)
    out: dict[str, np.ndarray] = {}
    for canon, parts in chunks.items():
        kind = col_kind[canon]
        whole_col = len(parts) == 1 and isinstance(parts[0][1], np.ndarray) and len(parts[0][1]) == total
        numeric = not whole_col and (kind not in ("text", "auto") or (kind == "auto" and columns.all_numbers(parts)))
        if whole_col:  # one column of every row (floats, or numpy text without a blank) as it is: no copy
            arr = parts[0][1]
        elif numeric:
            arr = np.full(total, np.nan)
            for s0, vals in parts:
                arr[s0 : s0 + len(vals)] = np.asarray([np.nan if v is None else v for v in vals], dtype=np.float64) if not isinstance(vals, np.ndarray) else vals
        else:
            arr = np.empty(total, dtype=object)
            for s0, vals in parts:
                arr[s0 : s0 + len(vals)] = list(vals) if not isinstance(vals, list) else vals
        out[canon] = arr
    read_for = "" if rubric is None else f"{rubric.region}:{rubric.edition}"
    return Table(out, origin=origin, rows=grids[0].labels if default_labels else labels, notes=notes, cell_problems=cell_problems,
                 problems=found, read_for=read_for, text_arrays=text_arrays if len(grids) == 1 and grids[0].bloc is None else {},
                 typed=typed_cells)


def _formula_blanks(
    grid: Grid, j: int, keep: np.ndarray, values: Any, text: str, canon: str, problems: Problems, g: int
) -> None:
    """A formula cell without a saved value reads as blank: an error naming it, never a blank."""
    if not grid.formulas:
        return
    for (i, jj), formula in grid.formulas.items():
        if jj != j:
            continue
        k = int(np.searchsorted(keep, i))
        if k >= len(keep) or keep[k] != i:
            continue
        v = values[k]
        if v is None or (isinstance(v, float) and np.isnan(v)):
            en, vi, kind = columns.formula_text(formula)
            where = grid.where(i, text, canon)
            problems.add(
                f"{where}: {en}", kind=kind, vi=f"{vi_location(where)}: {vi}",
                order=(0, g, grid.numbers[i] or i), file=grid.origin, sheet=grid.sheet, row=grid.numbers[i], column=canon,
            )


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
    padded = rows if set(map(len, rows)) <= {width} else [list(r) + [None] * (width - len(r)) for r in rows]
    data = padded[h + 1 :]
    prefix = f"sheet {sheet!r}, " if sheet is not None else ""
    numbers = range(first_number + h + 1, first_number + h + 1 + len(data))
    return Grid(
        origin=origin,
        sheet=sheet,
        headings=padded[h] if padded else [],
        columns=[list(c) for c in zip(*data)] if data else [[] for _ in range(width)],
        labels=RowLabels(len(data), first_number + h + 1, prefix),
        numbers=numbers,
        header_label=f"row {first_number + h}",
        positions=[positions(j) for j in range(width)] if positions else None,
    )
