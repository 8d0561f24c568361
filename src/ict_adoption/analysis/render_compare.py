"""A comparison of two assessments as sentences (the announcements' wording), text,
Markdown, HTML and a plain dict (JSON); Vietnamese first, ``lang="en"`` for English."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from ..html_text import esc, simple_table
from ..views.markdown import md_escape
from ..words import check_lang
from .render_profile import pct

if TYPE_CHECKING:  # pragma: no cover
    from .compare import Comparison

__all__ = ["comparison_dict", "comparison_sentences", "comparison_text", "comparison_markdown",
           "comparison_html", "trend_sentence", "SLIGHT"]

#: A change of attainment smaller than this (in share of the maximum) is "slight" (nhẹ).
SLIGHT = 0.02


def _dec(value: float, precision: int, lang: str) -> str:
    text = f"{value:.{precision}f}"
    return text.replace(".", ",") if lang == "vi" else text


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" và " if lang == "vi" else " and ") + items[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def trend_sentence(changes: list[dict[str, Any]], lang: str = "vi") -> str | None:
    """"Chỉ số hạ tầng, ứng dụng và chính sách đều tăng; riêng nhân lực giảm nhẹ." from
    the overall rows of :meth:`Comparison.group_changes` (``bloc`` None)."""
    lang = check_lang(lang)
    rows = [c for c in changes if c["bloc"] is None]
    if not rows:
        return None
    vi = lang == "vi"
    up = [c for c in rows if c["change"] > 0]
    down = [c for c in rows if c["change"] < 0]
    flat = [c for c in rows if c["change"] == 0]

    def names(cs: list[dict[str, Any]]) -> str:
        return _join([_lower_first(c["name"]) for c in cs], lang)

    def slight(cs: list[dict[str, Any]]) -> bool:
        return all(abs(c["change"]) < SLIGHT for c in cs)

    parts = []
    if up:
        word = ("đều tăng" if len(up) > 1 else "tăng") if vi else ("all rose" if len(up) > 1 else "rose")
        parts.append((f"chỉ số {names(up)} {word}" if vi else f"the {names(up)} {'indices' if len(up) > 1 else 'index'} {word}")
                     + ((" nhẹ" if vi else " slightly") if slight(up) and len(up) == 1 else ""))
    if down:
        lead = ("riêng " if vi else "only ") if up and len(down) == 1 else ""
        verb = ("giảm" if vi else "fell") + ((" nhẹ" if vi else " slightly") if slight(down) else "")
        parts.append(f"{lead}{'' if up or not vi else 'chỉ số '}{names(down)} {verb}")
    if flat:
        parts.append(f"{names(flat)} {'không đổi' if vi else 'unchanged'}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _units_sentence(c: "Comparison", recs: list[dict[str, Any]], lang: str) -> str:
    vi = lang == "vi"
    key = "change" if c.basis == "points" else "change_share"
    up = sum(1 for r in recs if r[key] is not None and r[key] > 0)
    down = sum(1 for r in recs if r[key] is not None and r[key] < 0)
    n = len(recs)
    return (f"{n} đơn vị có mặt ở cả hai kỳ: {up} tăng điểm, {down} giảm điểm." if vi
            else f"{n} units are in both rounds: {up} scored higher, {down} lower.")


def comparison_sentences(c: "Comparison", lang: str = "vi") -> list[str]:
    lang = check_lang(lang)
    vi = lang == "vi"
    recs = c.unit_records(lang)
    out: list[str] = []
    if c.kind == "year":
        out.append(_units_sentence(c, recs, lang))
        trend = trend_sentence(c.group_changes(lang), lang)
        if trend:
            out.append(trend)
    moved = [r for r in recs if r["class_changed"]]
    if moved:
        items = [f"{r['unit']} ({r['old_class']} → {r['new_class']})" for r in moved]
        head = ("Thẩm định thay đổi xếp loại của" if c.kind == "verification" else "Đổi xếp loại:") if vi else \
            ("The verification changed the class of" if c.kind == "verification" else "Class changed:")
        out.append(f"{head} {_join(items, lang)}.")
    elif c.kind == "verification":
        out.append("Thẩm định không thay đổi xếp loại của đơn vị nào." if vi else "The verification changed no unit's class.")
    ranked = sum(1 for r in recs if r["rank_changed"])
    if c.kind == "verification":
        out.append(f"Thứ hạng thay đổi ở {ranked} đơn vị." if vi else f"The rank changed for {ranked} units.")
        cut = c.criteria_cut(lang)[:3]
        if cut:
            p = c.new.rubric.precision
            names = [f"{x['name']} ({_dec(x['cut'], p, lang)} {'điểm' if vi else 'points'}, {x['units']} {'đơn vị' if vi else 'units'})"
                     for x in cut]
            out.append(("Tiêu chí bị cắt điểm nhiều nhất: " if vi else "Claims were cut most on: ") + _join(names, lang) + ".")
    if c.only_old:
        out.append(("Chỉ có ở kỳ trước: " if vi else "Only in the earlier assessment: ") + "; ".join(c.only_old) + ".")
    if c.only_new:
        out.append(("Chỉ có ở kỳ sau: " if vi else "Only in the later assessment: ") + "; ".join(c.only_new) + ".")
    return out


def _comma(text: str, lang: str) -> str:
    """A number written with a decimal point, with a decimal comma in Vietnamese."""
    return text.replace(".", ",") if lang == "vi" else text


def _unit_rows(c: "Comparison", lang: str) -> tuple[list[str], list[list[str]]]:
    vi = lang == "vi"
    share = c.basis == "share"
    head = (["Đơn vị", "Khối", "Trước", "Sau", "Thay đổi", "Hạng trước", "Hạng sau", "Loại trước", "Loại sau"] if vi
            else ["Unit", "Bloc", "Before", "After", "Change", "Rank before", "Rank after", "Class before", "Class after"])
    if c.kind == "verification":
        head[2:5] = ["Tự chấm", "Thẩm định", "Bị cắt"] if vi else ["Claimed", "Verified", "Cut"]
    rows = []
    for r in c.unit_records(lang):
        if share:
            before, after = pct(r["old_share"], lang), pct(r["new_share"], lang)
            change = "—" if r["change_share"] is None else _comma(f"{r['change_share'] * 100:+.1f}", lang)
        else:
            before = "—" if r["old_total"] is None else _comma(f"{r['old_total']:.{c.new.rubric.precision}f}", lang)
            after = "—" if r["new_total"] is None else _comma(f"{r['new_total']:.{c.new.rubric.precision}f}", lang)
            change = "—" if r["change"] is None else f"{r['change']:+.{c.new.rubric.precision}f}"
            if c.kind == "verification" and r["change"] is not None:
                change = f"{0.0 - r['change'] + 0.0:.{c.new.rubric.precision}f}"
            change = _comma(change, lang)
        name = r["unit"] if r["old_name"] == r["unit"] else f"{r['unit']} ({r['old_name']})"
        rows.append([name, r["bloc_name"], before, after, change, r["old_rank"], r["new_rank"],
                     r["old_class"] or "—", r["new_class"] or "—"])
    return head, rows


def _group_rows(c: "Comparison", lang: str) -> tuple[list[str], list[list[str]]]:
    vi = lang == "vi"
    head = ["Nhóm", "Khối", "Số đơn vị", "Trước", "Sau", "Thay đổi"] if vi else ["Group", "Bloc", "Units", "Before", "After", "Change"]
    rows = [[g["name"], g["bloc_name"] or ("(tất cả)" if vi else "(all)"), str(g["units"]), pct(g["old_mean"], lang),
             pct(g["new_mean"], lang), _comma(f"{g['change'] * 100:+.1f}", lang)] for g in c.group_changes(lang)]
    return head, rows


def comparison_dict(c: "Comparison", lang: str = "vi") -> dict[str, Any]:
    lang = check_lang(lang)
    return {
        "kind": c.kind,
        "old": {"region": c.old.rubric.region, "edition": c.old.rubric.edition, "units": len(c.old)},
        "new": {"region": c.new.rubric.region, "edition": c.new.rubric.edition, "units": len(c.new)},
        "basis": c.basis,
        "warnings": list(c.warnings),
        "units": c.unit_records(lang),
        "only_old": list(c.only_old),
        "only_new": list(c.only_new),
        "matched_ignoring_diacritics": [list(x) for x in c.loose],
        "groups": c.group_changes(lang),
        "criteria_cut": c.criteria_cut(lang),
        "sentences": comparison_sentences(c, lang),
    }


def comparison_text(c: "Comparison", lang: str = "vi") -> str:
    lang = check_lang(lang)
    parts = [("Cảnh báo: " if lang == "vi" else "Warning: ") + w for w in c.warnings]
    parts += comparison_sentences(c, lang)
    head, rows = _unit_rows(c, lang)
    parts += ["", tabulate(rows, headers=head, disable_numparse=True)]
    gh, gr = _group_rows(c, lang)
    if gr and c.kind == "year":
        parts += ["", tabulate(gr, headers=gh, disable_numparse=True)]
    return "\n".join(parts)


def comparison_markdown(c: "Comparison", lang: str = "vi") -> str:
    lang = check_lang(lang)
    title = ("So sánh tự chấm điểm và thẩm định" if c.kind == "verification" else "So sánh hai kỳ đánh giá") if lang == "vi" \
        else ("Self-assessed vs verified" if c.kind == "verification" else "Comparison of two rounds")
    out = [f"## {title}", ""]
    out += [f"> **{'Cảnh báo' if lang == 'vi' else 'Warning'}:** {md_escape(w)}" for w in c.warnings]
    out += [f"- {md_escape(s)}" for s in comparison_sentences(c, lang)] + [""]
    head, rows = _unit_rows(c, lang)
    rows = [[md_escape(x) for x in r] for r in rows]
    out += [tabulate(rows, headers=head, tablefmt="github", disable_numparse=True), ""]
    gh, gr = _group_rows(c, lang)
    if gr and c.kind == "year":
        gr = [[md_escape(x) for x in r] for r in gr]
        out += [tabulate(gr, headers=gh, tablefmt="github", disable_numparse=True), ""]
    return "\n".join(out)


def comparison_html(c: "Comparison", lang: str = "vi") -> str:
    lang = check_lang(lang)
    warn = "".join(f'<p class="ict-warning"><strong>{"Cảnh báo" if lang == "vi" else "Warning"}:</strong> {esc(w)}</p>'
                   for w in c.warnings)
    items = "".join(f"<li>{esc(s)}</li>" for s in comparison_sentences(c, lang))
    head, rows = _unit_rows(c, lang)
    body = f'<section class="ict-comparison" lang="{lang}">{warn}<ul>{items}</ul>' + simple_table(head, rows, num_cols=(2, 3, 4))
    gh, gr = _group_rows(c, lang)
    if gr and c.kind == "year":
        body += simple_table(gh, gr, num_cols=(2, 3, 4, 5))
    return body + "</section>"
