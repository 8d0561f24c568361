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
import re
from typing import TYPE_CHECKING, Any, Sequence

from . import (
    BlocSection,
    band_label,
    bloc_label,
    bloc_sections,
    check_lang,
    group_label,
    header_lines,
    provenance_summary,
    provenance_warning,
    words,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..ranking import Ranking

__all__ = ["ranking_workbook", "FORMULA_PREFIXES", "number_format"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "Excel output needs openpyxl, an optional extra: pip install 'ict-adoption[excel]'"
        ) from None
    return openpyxl


def number_format(precision: int) -> str:
    """``"0.00"`` for two decimals, ``"0"`` for none."""
    return "0" if precision == 0 else "0." + "0" * precision


def _put(ws: Any, row: int, col: int, value: Any, fmt: str | None = None, *, bold: bool = False) -> Any:
    """Write one cell; text is cleaned of control characters and never a formula."""
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


def _sheet_title(text: str, used: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub("-", text).strip("' ") or "Sheet"
    base = base[:31]
    title, k = base, 2
    while title.casefold() in used or title.casefold() == "history":
        suffix = f" ({k})"
        title = base[: 31 - len(suffix)] + suffix
        k += 1
    used.add(title.casefold())
    return title


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


def _bloc_sheet(ws: Any, ranking: "Ranking", section: BlocSection, lang: str) -> None:
    w = words(lang)
    r = ranking.rubric
    st = ranking.scored
    fmt = number_format(r.precision)
    has_notes = st.comments is not None and any(st.comments[i] for i in section.rows)
    heads = [w["rank"], w["unit"], w["total"], w["class"]]
    heads += [group_label(r, section.bloc.id, g, lang) for g in section.group_cols]
    if has_notes:
        heads.append("Ghi chú" if lang == "vi" else "Note")
    for j, h in enumerate(heads, start=1):
        _put(ws, 1, j, h, bold=True)
    rank_fmt = "0" if ranking.method != "fractional" else "General"
    for k, i in enumerate(section.rows, start=2):
        ranked = bool(st.reported[i])
        if ranked:
            rank_value: Any = float(ranking.ranks[i]) if ranking.method == "fractional" else int(ranking.ranks[i])
            tied = bool(ranking.tied[i])
            _put(ws, k, 1, rank_value, rank_fmt + ('"="' if tied else ""))
            _put(ws, k, 3, int(st.total[i]) / r.scale, fmt)
            _put(ws, k, 4, band_label(r.bands[int(ranking.band_index[i])], lang))
        else:
            _put(ws, k, 4, w["not_reported"])
        _put(ws, k, 2, st.units[i])
        for j, g in enumerate(section.group_cols, start=5):
            if st.group_known[i, g]:
                _put(ws, k, j, int(st.group_points[i, g]) / r.scale, fmt)
        if has_notes and st.comments is not None and st.comments[i]:
            _put(ws, k, len(heads), st.comments[i])
    ws.freeze_panes = "A2"
    _widths(ws)


def _counts_sheet(ws: Any, ranking: "Ranking", sections: Sequence[BlocSection], lang: str) -> None:
    w = words(lang)
    r = ranking.rubric
    heads = [w["bloc"], *(band_label(b, lang) for b in r.bands), w["not_reported_head"], w["all"]]
    for j, h in enumerate(heads, start=1):
        _put(ws, 1, j, h, bold=True)
    for k, s in enumerate(sections, start=2):
        _put(ws, k, 1, bloc_label(s.bloc, lang))
        for j, n in enumerate(s.counts, start=2):
            _put(ws, k, j, n, "0")
        _put(ws, k, len(r.bands) + 2, len(s.not_reported), "0")
        _put(ws, k, len(r.bands) + 3, len(s.rows), "0")
    ws.freeze_panes = "B2"
    _widths(ws)


def _provenance_sheet(ws: Any, ranking: "Ranking", lang: str) -> None:
    w = words(lang)
    r = ranking.rubric
    row = 1
    for line in header_lines(ranking, lang):
        _put(ws, row, 1, line)
        row += 1
    warn = provenance_warning(r, lang)
    if warn:
        _put(ws, row, 1, warn, bold=True)
        row += 1
    _put(ws, row, 1, provenance_summary(r, lang))
    row += 2
    for j, h in enumerate((w["item"], w["status"], w["citation"], w["reason"]), start=1):
        _put(ws, row, j, h, bold=True)
    for entry in r.provenance():
        row += 1
        _put(ws, row, 1, entry["item"])
        _put(ws, row, 2, w[entry["status"]])
        _put(ws, row, 3, entry.get("citation", ""))
        _put(ws, row, 4, entry.get("reason", ""))
    _widths(ws)


def ranking_workbook(ranking: "Ranking", *, lang: str = "vi", summary: Sequence[str] | None = None) -> bytes:
    """The ranking as ``.xlsx`` bytes: [summary sheet,] a sheet per bloc, counts, provenance.

    ``summary``: lines for a first sheet (a report's title, sources, sentences).
    """
    check_lang(lang)
    openpyxl = _openpyxl()
    w = words(lang)
    wb = openpyxl.Workbook()
    used: set[str] = set()
    first = wb.active
    sections = bloc_sections(ranking)
    if summary is not None:
        first.title = _sheet_title(w["sheet_report"], used)
        for k, line in enumerate(summary, start=1):
            _put(first, k, 1, line, bold=(k == 1))
        first.column_dimensions["A"].width = 120
        sheets_from = None
    else:
        sheets_from = first
    for s in sections:
        if sheets_from is not None:
            ws, sheets_from = sheets_from, None
            ws.title = _sheet_title(bloc_label(s.bloc, lang), used)
        else:
            ws = wb.create_sheet(_sheet_title(bloc_label(s.bloc, lang), used))
        _bloc_sheet(ws, ranking, s, lang)
    if sheets_from is not None:  # no bloc had a unit
        wb.remove(sheets_from)
    _counts_sheet(wb.create_sheet(_sheet_title(w["sheet_counts"], used)), ranking, sections, lang)
    _provenance_sheet(wb.create_sheet(_sheet_title(w["sheet_provenance"], used)), ranking, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

