"""Excel workbooks (.xlsx) through openpyxl: the sheet chosen, the heading row found,
percent-formatted cells read as percents; a fill-in template is recognised and every
bloc sheet read, in rubric order."""

from __future__ import annotations

import os
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..text import name_key
from . import template_layout, xlsx
from .cells import (
    PercentCell,
    is_blank,
    to_text,
)
from .grid import (
    Grid,
    Headings,
    find_heading,
    grid_from_rows,
    no_heading,
    title_note,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

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
    ws: Any, origin: str, heads: Headings, rubric: "Rubric | None", bloc: str | None, letter: Any
) -> Grid:
    rows = _sheet_rows(ws)
    where = f"{origin}, sheet {ws.title!r}"

    def label(i: int) -> str:
        return f"row {i + 1}"

    h = find_heading(rows, heads)
    if h is None:
        raise no_heading(where, rows, label, origin, ws.title)
    grid = grid_from_rows(rows, h, origin=origin, sheet=ws.title, positions=letter)
    if bloc is not None:  # a template sheet: the rows above the headings are its own titles
        grid.bloc = bloc
        return grid
    grid.notes.extend(title_note(where, rows, h, label))
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


def read_xlsx(path: str, origin: str, sheet: str | None, heads: Headings, rubric: "Rubric | None") -> tuple[list[Grid], list[str]]:
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
                if ws.title not in skip and ws.sheet_state == "visible" and find_heading(_sheet_rows(ws), heads) is not None
            ]
            if not chosen:
                raise InputError(f"{origin}: no sheet has a heading row with a unit column", file=origin)
        elif sheet is None:
            visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"] or list(wb.worksheets)
            chosen = [visible[0]]
            others = [
                ws.title for ws in visible[1:] if find_heading(_sheet_rows(ws), heads) is not None
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


