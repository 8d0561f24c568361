"""Fill-in templates: an .xlsx workbook made from a rubric, and reading it back.

:func:`write_template` writes one sheet per bloc — one row per roster unit (name and bloc
pre-filled), one column per scored criterion (or group without criteria) that applies
to the bloc, headed by its id, with a cell note giving the name, the maximum and how
points are given, and data validation of the range — plus a "Hướng dẫn" (how to fill)
sheet with the rubric's sources and what it assumes, and a hidden sheet recording
which sheet is which bloc.

A filled template is read back by :func:`ict_adoption.io.read_table` like any workbook:
it recognises the template and reads every bloc sheet (skipping the instructions),
concatenated in rubric order; a blank bloc cell takes the sheet's bloc.
:func:`read_template` does the same but insists that the file *is* a template of this
rubric. See ``docs/guide/templates.md``.
"""

from __future__ import annotations

import io
import os
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..words import bloc_label, check_lang, explain_text, item_text, vi_decimal
from ..rules import Rule, StepsRule
from ..table import Table
from .cells import rule_kind
from .files import atomic_write
from .readers import read_table
from .template_words import ENTER as _ENTER, INVALID as _INVALID, WORDS as _WORDS
from .template_layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    MARKER,
    META_SHEET,
    README_SHEET,
    SPARE_ROWS,
    VERSION,
    TemplateInfo,
    sheet_titles,
    template_info,
)
from .xlsx import openpyxl, put

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Bloc, Provenance, Rubric

__all__ = [
    "write_template",
    "read_template",
    "template_info",
    "sheet_titles",
    "TemplateInfo",
    "TemplateExistsError",
    "README_SHEET",
    "META_SHEET",
    "HEADER_ROW",
    "FIRST_DATA_ROW",
]

_AUTHOR = "ict-adoption"


class TemplateExistsError(InputError, FileExistsError):
    """The template's path exists and ``force=True`` was not given."""


def _fmt(d: Decimal) -> str:
    d = Decimal(d)
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


# ----------------------------------------------------------------------------- what to enter

def _validation(kind: str, rule: Any, max_points: Decimal, lang: str = "vi") -> dict[str, Any] | None:
    m = _fmt(max_points)
    error = _INVALID[lang].get(kind, "").format(max=vi_decimal(m) if lang == "vi" else m)
    if kind == "points":
        return dict(type="decimal", operator="between", formula1="0", formula2=m, error=error)
    if kind == "share":
        return dict(type="decimal", operator="between", formula1="0", formula2="1", error=error)
    if kind == "percent":
        return dict(type="decimal", operator="between", formula1="0", formula2="100", error=error)
    if kind == "yes_no":
        return dict(type="list", formula1='"có,không"', error=error)
    if kind == "count":
        return dict(type="whole", operator="greaterThanOrEqual", formula1="0", error=error)
    if kind == "number" and (not isinstance(rule, StepsRule) or min(a for a, _ in rule.thresholds) >= 0):
        return dict(type="decimal", operator="greaterThanOrEqual", formula1="0", error=error)
    return None


def _leaves(rubric: "Rubric", bloc: "Bloc") -> list[tuple[str, Any, Any]]:
    """(id, group, criterion or None) of the scored leaves that apply to ``bloc``."""
    out: list[tuple[str, Any, Any]] = []
    for g in rubric.groups:
        items = [(c.id, g, c) for c in g.criteria] if g.criteria else [(g.id, g, None)]
        out.extend(x for x in items if rubric.leaf_max(bloc.id, x[0]) is not None)
    return out


def _reason(prov: Any, lang: str) -> str | None:
    """Why a value is assumed, in ``lang`` (None: published)."""
    if prov is None:
        return "không ghi nguồn gốc" if lang == "vi" else "no provenance given"
    if prov.assumed is None:
        return None
    return str((prov.assumed_vi if lang == "vi" else None) or prov.assumed)


def _provenance_line(prov: Any, lang: str) -> str | None:
    reason = _reason(prov, lang) if prov is not None else None
    return f"{_w(lang)['assumed']}: {reason}" if reason else None


def _num(value: Decimal, lang: str) -> str:
    return vi_decimal(_fmt(value)) if lang == "vi" else _fmt(value)


# ----------------------------------------------------------------------------- writing

def _w(lang: str) -> dict[str, Any]:
    return _WORDS[check_lang(lang)]


def _bloc_sheet(ws: Any, rubric: "Rubric", bloc: "Bloc", spare_rows: int, lang: str = "vi") -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    w = _w(lang)
    leaves = _leaves(rubric, bloc)
    units = [u for u in rubric.units if u.bloc == bloc.id]
    spare = 0 if (bloc.roster_complete and units) else spare_rows
    n_rows = max(len(units) + spare, 1)
    last_row = FIRST_DATA_ROW + n_rows - 1
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")

    ws["A1"] = f"{rubric.title} — {bloc_label(bloc, lang)}"
    ws["A1"].font = Font(bold=True, size=13)
    unit_head, bloc_head, note_head = w["columns"]
    headers = [unit_head, bloc_head, *[x for x, _, _ in leaves], note_head]
    for j, h in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=j, value=h)
        cell.font = bold
        cell.fill = head_fill
    ws.cell(row=HEADER_ROW, column=1).comment = Comment(w["unit_note"], _AUTHOR, width=320, height=80)
    ws.cell(row=HEADER_ROW, column=2).comment = Comment(
        w["bloc_note"].format(id=bloc.id, name=bloc_label(bloc, lang)), _AUTHOR, width=320, height=80,
    )
    ws.cell(row=HEADER_ROW, column=len(headers)).comment = Comment(w["note_note"], _AUTHOR, width=320, height=60)

    # group names (row 2, merged over their columns) and criterion names (row 3)
    col = 3
    for g in rubric.groups:
        span = [x for x in leaves if x[1] is g]
        if not span:
            continue
        ws.cell(row=2, column=col, value=_name(g, lang)).font = bold
        if len(span) > 1:
            ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + len(span) - 1)
        for leaf, _, crit in span:
            m = rubric.leaf_max(bloc.id, leaf)
            assert m is not None
            name = _name(crit if crit is not None else g, lang)
            c3 = ws.cell(row=3, column=col, value=w["max_in"].format(name=name, max=_num(m, lang)))
            c3.alignment = Alignment(wrap_text=True, vertical="top")
            rule = crit.rule if crit is not None else None
            kind = rule_kind(rule) if rule is not None else "points"
            lines = [f"{leaf}: {name}"]
            if crit is not None:
                lines.append(f"{w['group']}: {_name(g, lang)}")
            lines += [
                f"{w['max']}: {_num(m, lang)} {w['points']}",
                f"{w['rule']}: {_explain(rule, m, lang)}",
                f"{w['enter']}: {_ENTER[lang].get(kind, _ENTER[lang]['number']).format(max=_num(m, lang))}",
            ]
            prov = (crit.provenance if crit is not None else None) or g.provenance or rubric.default_provenance
            line = _provenance_line(prov, lang)
            if line:
                lines.append(line)
            ws.cell(row=HEADER_ROW, column=col).comment = Comment("\n".join(lines), _AUTHOR, width=380, height=160)
            spec = _validation(kind, rule, m, lang)
            if spec is not None:
                error = spec.pop("error")
                dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle=leaf, error=error, **spec)
                letter = get_column_letter(col)
                dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
                ws.add_data_validation(dv)
            ws.column_dimensions[get_column_letter(col)].width = 16
            col += 1
    ws.row_dimensions[3].height = 45

    for i, u in enumerate(units):
        put(ws, FIRST_DATA_ROW + i, 1, u.name)
        ws.cell(row=FIRST_DATA_ROW + i, column=2, value=bloc.id)
    ws.column_dimensions["A"].width = max(24, min(60, max((len(u.name) for u in units), default=0) + 4))
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions[get_column_letter(len(headers))].width = 30
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3)


def _name(obj: Any, lang: str) -> str:
    return str(obj.name if lang == "vi" else (obj.name_en or obj.name))


def _explain(rule: Any, m: Decimal, lang: str) -> str:
    """How points are given, in ``lang`` (a plugin rule's own words as they are)."""
    text = rule.explain(m) if rule is not None else f"points given directly, 0 to {_fmt(m)}"
    return explain_text(text, lang)


def _readme(ws: Any, rubric: "Rubric", titles: dict[str, str], filename: str, lang: str = "vi") -> None:
    from openpyxl.styles import Alignment, Font

    w = _w(lang)
    bold = Font(bold=True)
    rows: list[tuple[Any, ...]] = []
    rows.append((w["title_dti" if rubric.assessment == "dti" else "title"],))
    title = rubric.title if lang == "vi" else (rubric.title_en or rubric.title)
    rows.append((w["rubric"].format(title=title, region=rubric.region, edition=rubric.edition,
                                    years=rubric.years_label),))
    for s in rubric.sources:
        rows.append((w["source"].format(citation=s.citation()),))
    rows.append(())
    rows.append((w["how"],))
    sheets = ", ".join(f"“{titles[b.id]}” ({b.id})" for b in rubric.blocs)
    spec = f"{rubric.region}:{rubric.years[0]}"
    for line in w["steps"]:
        rows.append((line.format(sheets=sheets, row=HEADER_ROW, spec=spec, file=filename),))
    rows.append(())
    rows.append((w["criteria"],))
    head = w["head"]
    rows.append((*head[:4], *[head[4].format(bloc=bloc_label(b, lang)) for b in rubric.blocs], head[5]))
    for g in rubric.groups:
        items: list[tuple[str, str, Rule | None, Provenance | None]] = [
            (c.id, _name(c, lang), c.rule, c.provenance or g.provenance) for c in g.criteria
        ] or [
            (g.id, _name(g, lang), None, g.provenance)
        ]
        for leaf, name, rule, prov in items:
            maxima = [rubric.leaf_max(b.id, leaf) for b in rubric.blocs]
            explain = _explain_all(rule, rubric, maxima, lang)
            reason = _reason(prov or rubric.default_provenance, lang)
            status = w["assumed_status"].format(reason=reason) if reason else w["published"]
            rows.append((leaf, name, _name(g, lang), explain, *["—" if m is None else _num(m, lang) for m in maxima],
                         status))
    rows.append(())
    assumed = [p for p in rubric.provenance(lang) if p["status"] == "assumed"]
    if assumed:
        rows.append((w["assumed_note"].format(n=len(assumed)),))
        for p in assumed:
            rows.append((f"  {item_text(p['item'], lang)}: {p.get('reason', '')}",))
    else:
        rows.append((w["all_published"],))

    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    ws["A1"].font = Font(bold=True, size=14)
    for r, row in enumerate(rows, start=1):
        if row and row[0] in (w["how"], w["criteria"], head[0]):
            for c in range(1, len(row) + 1):
                ws.cell(row=r, column=c).font = bold
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 20
    ws.column_dimensions["D"].width = 48
    for r in range(1, len(rows) + 1):
        ws.cell(row=r, column=1).alignment = Alignment(wrap_text=False, vertical="top")


def _explain_all(rule: Any, rubric: "Rubric", maxima: list[Decimal | None], lang: str = "vi") -> str:
    """The rule's explanation; per bloc where the blocs' maxima differ."""
    texts: dict[str, list[str]] = {}
    for b, m in zip(rubric.blocs, maxima):
        if m is None:
            continue
        texts.setdefault(_explain(rule, m, lang), []).append(bloc_label(b, lang))
    if len(texts) == 1:
        return next(iter(texts))
    return "; ".join(f"{', '.join(names)}: {text}" for text, names in texts.items())


def _meta(ws: Any, rubric: "Rubric", titles: dict[str, str]) -> None:
    ws.append([MARKER, VERSION])
    ws.append(["region", rubric.region])
    ws.append(["edition", rubric.edition])
    ws.append(["sheet", "bloc"])
    for b in rubric.blocs:
        ws.append([titles[b.id], b.id])
    ws.sheet_state = "hidden"


def write_template(
    rubric: "Rubric", path: str | os.PathLike[str], *, force: bool = False, spare_rows: int = SPARE_ROWS,
    lang: str = "vi",
) -> None:
    """Write an .xlsx fill-in workbook for ``rubric`` at ``path``.

    One sheet per bloc (named after the bloc, ≤ 31 characters, unique), one row per
    roster unit of the bloc (``unit`` and ``bloc`` pre-filled) plus ``spare_rows`` empty
    rows where the bloc's roster is not complete; one column per scored criterion (or
    group without criteria) that applies to the bloc, headed by its id in row 4; a
    ``note`` column; a "Hướng dẫn" sheet first. An existing file is replaced only with
    ``force=True`` (else :class:`TemplateExistsError`); the file is written to a
    temporary name in the same directory and moved into place, so a failure never
    leaves half a workbook.

    Every text of the workbook (instructions, heading notes, rule texts, validation
    messages, the reasons of assumed values) is in ``lang``: Vietnamese by default,
    English with ``lang="en"``; the column ids of row 4 are the same in both.
    """
    check_lang(lang)
    target = os.fspath(path)
    if os.path.splitext(target)[1].lower() != ".xlsx":
        raise InputError(f"{target}: a template is an .xlsx workbook; name it …/something.xlsx", file=target)
    if os.path.isdir(target):
        raise InputError(f"{target}: is a directory", file=target)
    if os.path.exists(target) and not force:
        raise TemplateExistsError(f"{target}: already exists; pass force=True to replace it", file=target)
    if spare_rows < 0:
        raise ValueError(f"spare_rows: expected >= 0, got {spare_rows}")
    wb = openpyxl("templates").Workbook()
    readme = wb.active
    readme.title = README_SHEET
    titles = sheet_titles(rubric)
    for b in rubric.blocs:
        _bloc_sheet(wb.create_sheet(titles[b.id]), rubric, b, spare_rows, lang)
    _readme(readme, rubric, titles, os.path.basename(target), lang)
    _meta(wb.create_sheet(META_SHEET), rubric, titles)
    wb.properties.creator = _AUTHOR
    wb.properties.title = f"{rubric.title} ({rubric.region}:{rubric.edition})"
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write(target, buf.getvalue(), force=True)


# ----------------------------------------------------------------------------- reading


def read_template(path: str | os.PathLike[str], rubric: "Rubric") -> Table:
    """Read a filled template of ``rubric``: every bloc sheet, concatenated.

    The same as ``read_table(path, rubric=rubric)``, but the file must be a template
    made by :func:`write_template` for this rubric (region and edition).
    """
    target = os.fspath(path)
    if not os.path.exists(target):
        raise InputError(f"{target}: no such file", file=target)
    try:
        wb = openpyxl("reading templates").load_workbook(target, read_only=True)
    except Exception as exc:
        raise InputError(f"{target}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})", file=target) from None
    try:
        info = template_info(wb)
    finally:
        wb.close()
    if info is None:
        raise InputError(
            f"{target}: not a template made by write_template (no {META_SHEET!r} sheet); "
            "read other workbooks with read_table",
            file=target,
        )
    return read_table(target, rubric=rubric, format="xlsx")
