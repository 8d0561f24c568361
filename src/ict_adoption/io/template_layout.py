"""Where things are in a fill-in template: fixed sheets, rows, and the hidden sheet that
says which rubric and bloc each sheet is for. Shared by the template writer
(:mod:`ict_adoption.io.template`) and the workbook reader (:mod:`ict_adoption.io.readers`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .xlsx import RESERVED_SHEETS, sheet_title

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

__all__ = [
    "README_SHEET",
    "META_SHEET",
    "MARKER",
    "VERSION",
    "HEADER_ROW",
    "FIRST_DATA_ROW",
    "SPARE_ROWS",
    "TemplateInfo",
    "template_info",
    "sheet_titles",
]

README_SHEET = "Hướng dẫn"
META_SHEET = "_ict_adoption"
MARKER = "ict-adoption template"
VERSION = 1
HEADER_ROW = 4  # row 1 title, row 2 group names, row 3 criterion names, row 4 ids
FIRST_DATA_ROW = HEADER_ROW + 1
SPARE_ROWS = 20


@dataclass(frozen=True)
class TemplateInfo:
    """What the hidden sheet of a template records."""

    region: str
    edition: str
    version: int
    sheets: tuple[tuple[str, str], ...]  # (sheet title, bloc id), in rubric order


def sheet_titles(rubric: "Rubric") -> dict[str, str]:
    """Bloc id → the sheet name its template sheet gets (from the bloc's name)."""
    used = {README_SHEET.casefold(), META_SHEET.casefold(), *RESERVED_SHEETS}
    return {b.id: sheet_title(b.name, used) for b in rubric.blocs}


def template_info(wb: Any) -> TemplateInfo | None:
    """What an open openpyxl workbook records as a template, or None if it is not one."""
    if META_SHEET not in wb.sheetnames:
        return None
    ws = wb[META_SHEET]
    rows = [list(r) for r in ws.iter_rows(max_col=2, values_only=True)]
    if not rows or rows[0][0] != MARKER:
        return None
    fields = {str(r[0]): r[1] for r in rows[1:3] if r and r[0] is not None}
    sheets = tuple((str(r[0]), str(r[1])) for r in rows[4:] if r and r[0] is not None and r[1] is not None)
    return TemplateInfo(
        region=str(fields.get("region")),
        edition=str(fields.get("edition")),
        version=int(rows[0][1] or 0),
        sheets=sheets,
    )
