"""A unit profile as sentences (in the style of the announcements), text, Markdown,
HTML and a plain dict (JSON). Vietnamese first; ``lang="en"`` for English. Every number
goes through the library's one decimal formatter (:func:`~ict_adoption.exact.format_scaled`);
Vietnamese uses a decimal comma in prose and tables alike (one convention in a Vietnamese
document, as the ranking tables), English a decimal point; JSON has plain numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from ..exact import format_scaled, unscale
from ..html_text import esc, simple_table
from ..views.markdown import md_escape
from ..words import check_lang

if TYPE_CHECKING:  # pragma: no cover
    from .profile_parts import Gap, Item, UnitProfile  # noqa: F401

__all__ = ["profile_dict", "profile_sentences", "profile_text", "profile_markdown", "profile_html", "pct"]

_HEAD = {
    "vi": ["Nhóm / tiêu chí", "Điểm", "Tối đa", "Mất", "Tỷ lệ", "Trung vị khối", "Hạng"],
    "en": ["Group / criterion", "Points", "Max", "Lost", "Share", "Bloc median", "Rank"],
}


def pct(share: float | None, lang: str, prose: bool = True) -> str:
    """``83,5%`` (Vietnamese prose) / ``83.5%`` (English, and every table); ``—`` when unknown."""
    if share is None:
        return "—"
    text = f"{share * 100:.1f}%"
    return text.replace(".", ",") if prose and lang == "vi" else text


def _num(value: int | None, p: int, lang: str, prose: bool = True) -> str:
    if value is None:
        return "—"
    return format_scaled(value, p, decimal_comma=prose and lang == "vi")


def _value(value: int | None, p: int) -> float | None:
    return None if value is None else float(unscale(value, p))


def _rank(it: "Item") -> str:
    if it.rank is None:
        return "—"
    r = f"{it.rank:g}" if isinstance(it.rank, float) else str(it.rank)
    return f"{r}{'=' if it.tied else ''}/{it.of}"


def _item_dict(it: "Item", p: int, lang: str) -> dict[str, Any]:
    return {
        "id": it.id,
        "name": it.label(lang),
        "kind": it.kind,
        "group": it.group,
        "points": _value(it.points, p),
        "max": _value(it.max, p),
        "lost": _value(it.lost, p),
        "share": None if it.share is None else round(it.share, 6),
        "rank": it.rank,
        "tied": it.tied,
        "of": it.of,
        "bloc_median_share": None if it.bloc_median is None else round(it.bloc_median, 6),
        "uniform_in_bloc": it.uniform,
    }


def _gap_dict(g: "Gap | None", p: int, prof: "UnitProfile", lang: str, kind: str) -> dict[str, Any] | None:
    if g is None:
        return None
    out: dict[str, Any] = {"points": _value(g.points, p), "threshold": _value(g.threshold, p)}
    if kind == "class":
        b = prof.rubric.bands[g.target]
        out["class"] = b.label if lang == "vi" else (b.label_en or b.label)
    else:
        out["units"] = list(g.units)
        out["rank"] = g.target
        out["points_to_tie"] = _value(g.points - 1, p)
    out["cheapest"] = [it.id for it in prof.cheapest_for(g)]
    return out


def profile_dict(prof: "UnitProfile", lang: str = "vi") -> dict[str, Any]:
    lang = check_lang(lang)
    p = prof.rubric.precision
    b = prof.bloc
    return {
        "unit": prof.unit,
        "bloc": b.id,
        "bloc_name": b.name if lang == "vi" else (b.name_en or b.name),
        "reported": prof.reported,
        "total": _value(prof.total, p) if prof.reported else None,
        "max": _value(prof.max, p),
        "share": None if prof.share is None else round(prof.share, 6),
        "rank": prof.rank if prof.reported else None,
        "rank_label": prof.rank_label,
        "tied": prof.tied,
        "of": prof.of,
        "band": prof.band_label(lang),
        "groups": [_item_dict(it, p, lang) for it in prof.groups],
        "criteria": [_item_dict(it, p, lang) for it in prof.criteria if it.kind == "criterion"],
        "strengths": [it.id for it in prof.strengths],
        "weaknesses": [it.id for it in prof.weaknesses],
        "cheapest": [{"id": it.id, "lost": _value(it.lost, p)} for it in prof.cheapest],
        "next_class": _gap_dict(prof.next_class, p, prof, lang, "class"),
        "above": _gap_dict(prof.above, p, prof, lang, "above"),
        "sentences": profile_sentences(prof, lang),
    }


def _list(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " và " if lang == "vi" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def profile_sentences(prof: "UnitProfile", lang: str = "vi") -> list[str]:
    """The profile in a few sentences, as the announcements word them."""
    lang = check_lang(lang)
    p = prof.rubric.precision
    vi = lang == "vi"
    bloc = prof.bloc.name if vi else (prof.bloc.name_en or prof.bloc.name)
    if not prof.reported:
        return [f"{prof.unit} không báo cáo; không được xếp hạng trong khối {bloc}." if vi
                else f"{prof.unit} sent no report and is not ranked in bloc {bloc}."]
    out = []
    band = prof.band_label(lang)
    tie = (" (đồng hạng)" if vi else " (tied)") if prof.tied else ""
    if vi:
        out.append(
            f"{prof.unit} đứng thứ {prof.rank_label.rstrip('=')}/{prof.of}{tie} khối {bloc} với "
            f"{_num(prof.total, p, lang)}/{_num(prof.max, p, lang)} điểm ({pct(prof.share, lang)} điểm tối đa), "
            f"xếp loại {band}."
        )
    else:
        out.append(
            f"{prof.unit} ranks {prof.rank_label.rstrip('=')} of {prof.of}{tie} in bloc {bloc} with "
            f"{_num(prof.total, p, lang)} of {_num(prof.max, p, lang)} points ({pct(prof.share, lang)} of the maximum), "
            f"class {band}."
        )
    def desc(it: "Item") -> str:
        med = pct(it.bloc_median, lang)
        return (f"{it.label(lang)} ({pct(it.share, lang)}, trung vị khối {med})" if vi
                else f"{it.label(lang)} ({pct(it.share, lang)}, bloc median {med})")

    if prof.strengths:
        out.append(("Điểm mạnh: " if vi else "Strengths: ") + _list([desc(i) for i in prof.strengths], lang) + ".")
    if prof.weaknesses:
        out.append(("Hạn chế: " if vi else "Weaknesses: ") + _list([desc(i) for i in prof.weaknesses], lang) + ".")
    if prof.level == 0:
        out.append("Bảng chỉ có tổng điểm: không có điểm từng nhóm, tiêu chí để phân tích." if vi
                   else "The table gives totals only: no group or criterion points to analyse.")
    elif not prof.strengths and not prof.weaknesses:
        out.append("Không có tiêu chí nào khác hẳn trung vị của khối." if vi
                   else "No criterion stands far from the bloc's median.")
    gaps: list[tuple[str, Gap]] = []
    if prof.next_class is not None:
        nb = prof.rubric.bands[prof.next_class.target]
        nb_label = nb.label if vi else (nb.label_en or nb.label)
        gaps.append(((f"còn thiếu {_num(prof.next_class.points, p, lang)} điểm để đạt loại {nb_label}" if vi
                      else f"it lacks {_num(prof.next_class.points, p, lang)} points for class {nb_label}"),
                     prof.next_class))
    elif prof.band == 0:
        out.append("Đơn vị đã ở loại cao nhất." if vi else "The unit is already in the highest class.")
    if prof.above is not None:
        names = _list(list(prof.above.units), lang)
        gaps.append(((f"cần thêm {_num(prof.above.points, p, lang)} điểm để vượt {names} (hạng {prof.above.target})" if vi
                      else f"it needs {_num(prof.above.points, p, lang)} more points to pass {names} (rank {prof.above.target})"),
                     prof.above))
    for text, gap in gaps:
        cheap = prof.cheapest_for(gap)
        got = sum(it.lost or 0 for it in cheap)
        if cheap and got >= gap.points:
            where = _list([f"{it.label(lang)} ({'mất' if vi else 'lost'} {_num(it.lost, p, lang)})" for it in cheap], lang)
            text += (f"; dễ tìm nhất ở {where}" if vi else f"; the cheapest places to find them: {where}")
        elif prof.level > 0:
            text += ("; số điểm bị mất ở các tiêu chí chưa đủ" if vi else "; the points lost on its criteria do not suffice")
        out.append(text[0].upper() + text[1:] + ".")
    return out


def _rows(prof: "UnitProfile", lang: str, prose: bool) -> list[list[str]]:
    p = prof.rubric.precision
    rows = []
    by_group = {g.id: [c for c in prof.criteria if c.kind == "criterion" and c.group == g.id] for g in prof.groups}
    for g in prof.groups:
        rows.append([g.label(lang), _num(g.points, p, lang, prose), _num(g.max, p, lang, prose), _num(g.lost, p, lang, prose),
                     pct(g.share, lang, prose), pct(g.bloc_median, lang, prose), _rank(g)])
        for c in by_group[g.id]:
            rows.append(["· " + c.label(lang), _num(c.points, p, lang, prose), _num(c.max, p, lang, prose),
                         _num(c.lost, p, lang, prose), pct(c.share, lang, prose), pct(c.bloc_median, lang, prose), _rank(c)])
    return rows


def profile_text(prof: "UnitProfile", lang: str = "vi") -> str:
    lang = check_lang(lang)
    body = "\n".join(profile_sentences(prof, lang))
    if prof.level == 0 or not prof.reported:
        return body
    return body + "\n\n" + tabulate(_rows(prof, lang, True), headers=_HEAD[lang], disable_numparse=True)


def profile_markdown(prof: "UnitProfile", lang: str = "vi") -> str:
    """The profile in Markdown: a ``###`` heading, the sentences, the table; every text
    escaped (:func:`~ict_adoption.views.markdown.md_escape`)."""
    lang = check_lang(lang)
    head = f"### {md_escape(prof.unit)}\n\n" + "\n".join(f"- {md_escape(s)}" for s in profile_sentences(prof, lang))
    if prof.level == 0 or not prof.reported:
        return head + "\n"
    rows = [[md_escape(c) for c in r] for r in _rows(prof, lang, True)]
    return head + "\n\n" + tabulate(rows, headers=_HEAD[lang], tablefmt="github", disable_numparse=True) + "\n"


def profile_html(prof: "UnitProfile", lang: str = "vi") -> str:
    lang = check_lang(lang)
    items = "".join(f"<li>{esc(s)}</li>" for s in profile_sentences(prof, lang))
    out = f'<section class="ict-profile" lang="{lang}"><h3>{esc(prof.unit)}</h3><ul>{items}</ul>'
    if prof.level > 0 and prof.reported:
        out += simple_table(_HEAD[lang], _rows(prof, lang, True), num_cols=range(1, 7))
    return out + "</section>"
