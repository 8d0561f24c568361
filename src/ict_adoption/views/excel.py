"""Excel workbooks (``.xlsx``) through openpyxl, an optional extra.

A sheet per bloc (rank, unit, total, class, group points, note), a sheet of class counts
and a provenance sheet (published / assumed values, with the warning line); a report
adds a first sheet with the title, sources and summary sentences.

Numbers are written as numbers, with the rubric's decimals as their number format
(``0.00``); a tied rank is the number 2 shown as ``2=`` by its number format. Text cells
can never become formulas: text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is stored as a string with Excel's quote prefix (the hidden leading
apostrophe), so it is neither evaluated on opening nor when the cell is edited.
"""

from __future__ import annotations

import io
from typing import Any, Sequence

from . import (
    band_label,
    bloc_label,
    check_lang,
    group_label,
    header_lines,
    provenance_summary,
    provenance_warning,
    words,
    year_warning_line,
)
from ..io.xlsx import RESERVED_SHEETS, number_format, openpyxl, put, sheet_title
from ..rows import HasRows, Rows, Section, rows_of
from ..text import FORMULA_PREFIXES

__all__ = ["ranking_workbook", "FORMULA_PREFIXES", "number_format"]

def _widths(ws: Any) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            n = len(str(cell.value)) if not isinstance(cell.value, float) else 8
            widths[cell.column] = max(widths.get(cell.column, 0), n)
    for col, n in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, n + 2))


def _bloc_sheet(ws: Any, rows: Rows, section: Section, lang: str) -> None:
    w = words(lang)
    r = rows.rubric
    fmt = number_format(r.precision)
    s = slice(section.start, section.stop)
    notes = rows.notes[s] if rows.notes is not None else ()
    has_notes = any(notes)
    heads = [w["rank"], w["unit"], w["total"], w["class"]]
    heads += [group_label(r, section.bloc.id, g, lang) for g in section.group_cols]
    if has_notes:
        heads.append("Ghi chú" if lang == "vi" else "Note")
    for j, h in enumerate(heads, start=1):
        put(ws, 1, j, h, bold=True)
    rank_fmt = "0" if rows.method != "fractional" else "General"
    totals = rows.values(rows.total[s], rows.reported[s])
    groups = [rows.values(rows.group_points[s, g], rows.group_known[s, g]) for g in section.group_cols]
    labels = [band_label(b, lang) for b in r.bands]
    for k, pos in enumerate(section.rows):
        line = k + 2
        if rows.reported[pos]:
            put(ws, line, 1, rows.rank_values[pos], rank_fmt + ('"="' if rows.tied[pos] else ""))
            put(ws, line, 3, totals[k], fmt)
            put(ws, line, 4, labels[int(rows.band[pos])])
        else:
            put(ws, line, 4, w["not_reported"])
        put(ws, line, 2, str(rows.unit[pos]))
        for j, col in enumerate(groups, start=5):
            if col[k] is not None:
                put(ws, line, j, col[k], fmt)
        if has_notes and notes[k]:
            put(ws, line, len(heads), notes[k])
    ws.freeze_panes = "A2"
    _widths(ws)


def _counts_sheet(ws: Any, rows: Rows, sections: Sequence[Section], lang: str) -> None:
    w = words(lang)
    bands = rows.rubric.bands
    heads = [w["bloc"], *(band_label(b, lang) for b in bands), w["not_reported_head"], w["all"]]
    for j, h in enumerate(heads, start=1):
        put(ws, 1, j, h, bold=True)
    for k, s in enumerate(sections, start=2):
        put(ws, k, 1, bloc_label(s.bloc, lang))
        for j, n in enumerate(s.counts, start=2):
            put(ws, k, j, n, "0")
        put(ws, k, len(bands) + 2, len(s.not_reported), "0")
        put(ws, k, len(bands) + 3, len(s), "0")
    ws.freeze_panes = "B2"
    _widths(ws)


def _provenance_sheet(ws: Any, rows: Rows, lang: str) -> None:
    w = words(lang)
    r = rows.rubric
    row = 1
    year_warning = year_warning_line(r, lang)
    for line in header_lines(rows, lang):
        put(ws, row, 1, line, bold=line == year_warning)  # the edition used past its supported years
        row += 1
    warn = provenance_warning(r, lang)
    if warn:
        put(ws, row, 1, warn, bold=True)
        row += 1
    put(ws, row, 1, provenance_summary(r, lang))
    row += 2
    for j, h in enumerate((w["item"], w["status"], w["citation"], w["reason"]), start=1):
        put(ws, row, j, h, bold=True)
    for entry in r.provenance(lang):
        row += 1
        put(ws, row, 1, entry["item"])
        put(ws, row, 2, w[entry["status"]])
        put(ws, row, 3, entry.get("citation", ""))
        put(ws, row, 4, entry.get("reason", ""))
    _widths(ws)


def ranking_workbook(ranking: "Rows | HasRows", *, lang: str = "vi", summary: Sequence[str] | None = None) -> bytes:
    """The ranking as ``.xlsx`` bytes: [summary sheet,] a sheet per bloc, counts, provenance.

    ``summary``: lines for a first sheet (a report's title, sources, sentences).
    """
    check_lang(lang)
    rows = rows_of(ranking)
    xl = openpyxl("Excel output")
    w = words(lang)
    wb = xl.Workbook()
    used = set(RESERVED_SHEETS)
    first = wb.active
    sections = rows.filled_sections
    if summary is not None:
        first.title = sheet_title(w["sheet_report"], used, fallback="Sheet")
        for k, line in enumerate(summary, start=1):
            put(first, k, 1, line, bold=(k == 1))
        first.column_dimensions["A"].width = 120
        sheets_from = None
    else:
        sheets_from = first
    for s in sections:
        title = sheet_title(bloc_label(s.bloc, lang), used, fallback="Sheet")
        if sheets_from is not None:
            ws, sheets_from = sheets_from, None
            ws.title = title
        else:
            ws = wb.create_sheet(title)
        _bloc_sheet(ws, rows, s, lang)
    if sheets_from is not None:  # no bloc had a unit
        wb.remove(sheets_from)
    _counts_sheet(wb.create_sheet(sheet_title(w["sheet_counts"], used)), rows, sections, lang)
    _provenance_sheet(wb.create_sheet(sheet_title(w["sheet_provenance"], used)), rows, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
