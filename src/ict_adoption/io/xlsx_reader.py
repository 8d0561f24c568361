"""Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods; :mod:`ict_adoption.io.workbook`):
every sheet that holds a table read by default, the heading row found, percent-formatted
cells read as percents, hidden rows and columns and formulas without a value reported;
a fill-in template is recognised and every bloc sheet read, in rubric order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..text import ascii_key, name_key
from . import template_layout
from .cells import (
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
    unit_examples,
)
from .workbook import Workbook

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

def _sheet_grid(
    wb: Workbook, title: str, origin: str, heads: Headings, rubric: "Rubric | None", bloc: str | None, letter: Any
) -> Grid:
    rows = wb.rows(title)
    where = f"{origin}, sheet {title!r}"

    def label(i: int) -> str:
        return f"row {i + 1}"

    h = find_heading(rows, heads)
    if h is None:
        raise no_heading(where, rows, label, origin, title)
    grid = grid_from_rows(rows, h, origin=origin, sheet=title, positions=letter)
    facts = wb.facts.get(title)
    if facts is not None:
        grid.hidden_columns = set(facts.hidden_columns)
        first = h + 2  # the sheet's row number of the first data row
        grid.hidden_rows = {r - first for r in facts.hidden_rows if r >= first}
        grid.formulas = {(r - first, c): f for (r, c), f in facts.bare_formulas.items() if r >= first}
    _split_header(grid, rows, h)
    if bloc is not None:  # a template sheet: the rows above the headings are its own titles
        grid.bloc = bloc
        return grid
    grid.notes.extend(title_note(where, rows, h, label))
    if rubric is not None and not any(
        to_text(x) is not None and heads.canonical(to_text(x) or "") == "bloc" for x in grid.headings
    ):
        found, how = _bloc_of_sheet(rubric, title)
        if found is None:
            listing = "; ".join(f"{b.id} ({b.name})" for b in rubric.blocs)
            raise InputError(
                f"{where}: no bloc column, and the sheet name is not a bloc of "
                f"{rubric.region}:{rubric.edition} ({listing}); add a bloc column (Khối) or name "
                "the sheet after its bloc",
                file=origin, sheet=title,
            )
        grid.bloc = found.id
        grid.notes.append(
            f"{where}: no bloc column; its units are read as bloc {found.id!r} ({found.name}), "
            f"from the sheet name{how}"
        )
    return grid


def _bloc_of_sheet(rubric: "Rubric", title: str) -> tuple[Any, str]:
    """The bloc a sheet is named after: by id, name or alias (case and spaces ignored),
    else by one of them when diacritics are ignored too ('Sở' → so), said in the note."""
    try:
        return rubric.bloc(title), ""
    except KeyError:
        pass
    key = ascii_key(title)
    found = {b.id: b for b in rubric.blocs for n in (b.id, b.name, *b.aliases) if ascii_key(n) == key}
    if len(found) == 1:
        return next(iter(found.values())), " (matched ignoring diacritics)"
    return None, ""


def _split_header(grid: Grid, rows: list[list[Any]], h: int) -> None:
    """Headings over two rows (a merged group heading above its columns): say so once."""
    if h + 1 >= len(rows):
        return
    below = rows[h + 1]
    texts = []
    for j, head in enumerate(grid.headings):
        if to_text(head) is None and j < len(below) and isinstance(below[j], str) and below[j].strip():
            try:
                float(below[j].replace(",", "."))
            except ValueError:
                texts.append(repr(to_text(below[j])))
    if texts:
        grid.split_header = ", ".join(texts[:6]) + (", …" if len(texts) > 6 else "")


def _find_sheet(wb: Workbook, name: str, origin: str) -> str:
    if name in wb.sheetnames:
        return name
    matches = [t for t in wb.sheetnames if name_key(t) == name_key(name)]
    if len(matches) == 1:
        return matches[0]
    raise InputError(
        f"{origin}: no sheet {name!r}; sheets: {', '.join(map(repr, wb.sheetnames))}",
        file=origin, sheet=name,
    )


def read_xlsx(
    path: str, origin: str, sheet: str | None, heads: Headings, rubric: "Rubric | None", engine: str | None = None
) -> tuple[list[Grid], list[str]]:
    """Grids of the chosen sheets. Default: every visible sheet whose heading row is
    found (one sheet per bloc is the common layout), in workbook order; a sheet without
    a heading row (instructions, a cover) and a hidden sheet are not read, and a note
    names each. A template's bloc sheets, in rubric order."""
    from .workbook import open_workbook

    wb = open_workbook(path, origin, engine)
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
        chosen: list[str]
        if sheet is None and meta is not None:
            missing = [t for t, _ in meta.sheets if t not in wb.sheetnames]
            if missing:
                raise InputError(
                    f"{origin}: template sheet(s) {', '.join(map(repr, missing))} not found "
                    f"(renamed or deleted?); sheets: {', '.join(map(repr, wb.sheetnames))}",
                    file=origin,
                )
            chosen = [t for t, _ in meta.sheets]
        elif sheet is None or sheet == "*":
            chosen = []
            for title in wb.sheetnames:
                if title in skip:
                    continue
                if not wb.visible.get(title, True):
                    notes.append(f"{origin}, sheet {title!r}: a hidden sheet, not read (give --sheet to read it)")
                    continue
                if find_heading(wb.rows(title), heads) is None:
                    if any(any(not is_blank(v) for v in r) for r in wb.rows(title)):
                        notes.append(
                            f"{origin}, sheet {title!r}: no heading row with a unit column; not read "
                            "(instructions or a cover sheet?)"
                        )
                    continue
                chosen.append(title)
            if not chosen:
                visible = [t for t in wb.sheetnames if wb.visible.get(t, True)] or list(wb.sheetnames)
                if len(visible) == 1:
                    title = visible[0]
                    rows = wb.rows(title)
                    raise no_heading(f"{origin}, sheet {title!r}", rows, lambda i: f"row {i + 1}", origin, title)
                raise InputError(
                    f"{origin}: no sheet has a heading row with a unit column ({unit_examples()}); "
                    f"sheets: {', '.join(map(repr, wb.sheetnames))}",
                    file=origin,
                )
            if len(chosen) > 1:
                notes.append(f"{origin}: read {len(chosen)} sheets: {', '.join(map(repr, chosen))}")
        else:
            chosen = [_find_sheet(wb, sheet, origin)]
        grids = [
            _sheet_grid(wb, title, origin, heads, rubric, bloc_of.get(title), _letter)
            for title in chosen
        ]
    finally:
        wb.close()
    return grids, notes


def _letter(j: int) -> str:
    letters = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        letters = chr(65 + r) + letters
    return letters
