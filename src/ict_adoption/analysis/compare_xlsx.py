"""A comparison of two assessments as an ``.xlsx`` workbook (openpyxl, the ``excel``
extra): a summary sheet (the sentences and warnings), one row per matched unit (numbers
as numbers, in the rubric's decimals), the change of each group, the units found on one
side only and, for a verification, the criteria cut most. Every cell goes through the
library's formula guard (:func:`~ict_adoption.io.xlsx.put`)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Sequence

from ..io.xlsx import RESERVED_SHEETS, number_format, openpyxl, put, sheet_title
from ..words import check_lang

if TYPE_CHECKING:  # pragma: no cover
    from .compare import Comparison

__all__ = ["comparison_workbook", "SHEETS"]

SHEETS = {
    "vi": {"summary": "Tóm tắt", "units": "Đơn vị", "groups": "Nhóm", "one_side": "Chỉ có ở một kỳ",
           "cut": "Tiêu chí bị cắt"},
    "en": {"summary": "Summary", "units": "Units", "groups": "Groups", "one_side": "One side only",
           "cut": "Criteria cut"},
}

_UNIT_HEAD = {
    "vi": ["Đơn vị", "Tên kỳ trước", "Khối", "Trước", "Sau", "Thay đổi", "Tỷ lệ trước", "Tỷ lệ sau",
           "Thay đổi tỷ lệ", "Hạng trước", "Hạng sau", "Loại trước", "Loại sau", "Đổi hạng", "Đổi loại"],
    "en": ["Unit", "Name before", "Bloc", "Before", "After", "Change", "Share before", "Share after",
           "Change of share", "Rank before", "Rank after", "Class before", "Class after", "Rank changed",
           "Class changed"],
}
_VERIFY = {"vi": ["Tự chấm", "Thẩm định", "Bị cắt"], "en": ["Claimed", "Verified", "Cut"]}


def _table(ws: Any, head: Sequence[str], rows: Sequence[Sequence[Any]], formats: dict[int, str]) -> None:
    for j, h in enumerate(head, start=1):
        put(ws, 1, j, h, bold=True)
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            if value is not None:
                put(ws, i, j, value, formats.get(j))
    for j, h in enumerate(head, start=1):
        width = max([len(str(h)), *(len(str(r[j - 1])) for r in rows if r[j - 1] is not None)] or [8])
        ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = min(60, width + 2)
    ws.freeze_panes = "A2"


def comparison_workbook(c: "Comparison", lang: str = "vi") -> bytes:
    """The comparison ``c`` as ``.xlsx`` bytes (see the module docstring)."""
    lang = check_lang(lang)
    xl = openpyxl("Excel output")
    names = SHEETS[lang]
    vi = lang == "vi"
    wb = xl.Workbook()
    used = set(RESERVED_SHEETS)
    ws = wb.active
    ws.title = sheet_title(names["summary"], used)
    lines = [*c.sentences(lang), "", *c.warnings]
    for k, line in enumerate(lines, start=1):
        put(ws, k, 1, line, bold=(k == 1))
    ws.column_dimensions["A"].width = 120
    p = c.new.rubric.precision
    pts, share = number_format(p), "0.0%"
    head = list(_UNIT_HEAD[lang])
    if c.kind == "verification":
        head[3:6] = _VERIFY[lang]
    rows = []
    for r in c.unit_records(lang):
        change = r["change"]
        if c.kind == "verification" and change is not None:
            change = -change + 0.0  # points cut, positive
        rows.append([r["unit"], r["old_name"], r["bloc_name"], r["old_total"], r["new_total"], change,
                     r["old_share"], r["new_share"], r["change_share"], r["old_rank"], r["new_rank"],
                     r["old_class"], r["new_class"], r["rank_changed"], r["class_changed"]])
    _table(wb.create_sheet(sheet_title(names["units"], used)), head, rows,
           {4: pts, 5: pts, 6: pts, 7: share, 8: share, 9: share})
    g_head = (["Nhóm", "Khối", "Số đơn vị", "Trước", "Sau", "Thay đổi"] if vi
              else ["Group", "Bloc", "Units", "Before", "After", "Change"])
    g_rows = [[g["name"], g["bloc_name"] or ("(tất cả)" if vi else "(all)"), g["units"], g["old_mean"],
               g["new_mean"], g["change"]] for g in c.group_changes(lang)]
    _table(wb.create_sheet(sheet_title(names["groups"], used)), g_head, g_rows, {4: share, 5: share, 6: share})
    side = [[u, "kỳ trước" if vi else "before"] for u in c.only_old] + [[u, "kỳ sau" if vi else "after"] for u in c.only_new]
    _table(wb.create_sheet(sheet_title(names["one_side"], used)),
           ["Đơn vị", "Chỉ có ở"] if vi else ["Unit", "Only in"], side, {})
    if c.kind == "verification":
        cut = [[x["id"], x["name"], x["cut"], x["units"]] for x in c.criteria_cut(lang)]
        _table(wb.create_sheet(sheet_title(names["cut"], used)),
               ["Mã", "Tiêu chí", "Bị cắt", "Số đơn vị"] if vi else ["Id", "Criterion", "Cut", "Units"], cut, {3: pts})
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
