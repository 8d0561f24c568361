"""A rubric edition described for people and programs: ``ict-adoption rubric``.

:func:`rubric_summary` is the record of ``--format json`` (the machine-readable
contract); :func:`rubric_text` the text the command prints: structure, rules, blocs,
classes and the provenance of every value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Sequence

import attrs

from .rules import PointsRule
from .words import explain_text, item_text, vi_decimal

if TYPE_CHECKING:  # pragma: no cover
    from .model import Rubric

__all__ = ["rubric_summary", "rubric_text", "number"]


def number(value: Decimal | None) -> int | float | None:
    """A rubric value for JSON: an int when whole, else a float; None stays None."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def rubric_summary(rubric: "Rubric") -> dict[str, Any]:
    """The record of ``ict-adoption rubric … --format json`` (DESIGN.md contract).

    Keys: ``region``, ``edition``, ``title``, ``title_en``, ``years``, ``precision``,
    ``sources``, ``blocs`` (``id``, ``name``, ``max`` …), ``groups`` (``id``, ``name``,
    ``max``, ``criteria`` …), ``bands`` (``label``, ``min``, ``basis`` …),
    ``provenance`` (:meth:`Rubric.provenance`), ``assumed`` and ``published`` (their
    counts), ``published_share`` (0–1) and ``edition_info`` (:meth:`Rubric.edition_record`:
    region, edition, regulation number, supported years, the year warning).
    """
    r = rubric
    prov = r.provenance()
    return {
        "region": r.region,
        "edition": r.edition,
        "title": r.title,
        "title_en": r.title_en,
        "years": list(r.years),
        "precision": r.precision,
        "sources": [
            {**{k: v for k, v in attrs.asdict(s).items() if v is not None}, "citation": s.citation()}
            for s in r.sources
        ],
        "blocs": [
            {
                "id": b.id,
                "name": b.name,
                "name_en": b.name_en,
                "max": number(r.bloc_max(b.id)),
                "groups": {g.id: number(r.group_max(b.id, g.id)) for g in r.groups},
                "units": [u.name for u in r.units if u.bloc == b.id],
                "roster_complete": b.roster_complete,
            }
            for b in r.blocs
        ],
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "name_en": g.name_en,
                "kind": g.kind,
                "max": number(g.points_max),
                "criteria": [
                    {
                        "id": c.id,
                        "name": c.name,
                        "name_en": c.name_en,
                        "max": number(c.max),
                        "rule": c.rule.to_dict(),
                        "explain": c.rule.explain(c.max),
                    }
                    for c in g.criteria
                ],
            }
            for g in r.groups
        ],
        "bands": [
            {
                "label": b.label,
                "label_en": b.label_en,
                "min": number(b.min),
                "below": number(b.below),
                "basis": r.band_basis,
            }
            for b in r.bands
        ],
        "provenance": list(prov),
        "assumed": prov.assumed,
        "published": prov.published,
        "published_share": prov.share,
        "edition_info": r.edition_record(),
    }


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize() if value == value.to_integral_value() else value, "f")


#: The headings and fixed words of :func:`rubric_text`, per language.
_TEXT: dict[str, dict[str, Any]] = {
    "en": {
        "years": "assessment years {years}; points with {p} decimal(s); classes on the {basis}",
        "basis_total": "total", "basis_share": "share of the maximum",
        "classes_total": "points", "classes_share": "% of the bloc's maximum",
        "sources": "Sources", "sources_head": ["id", "citation"],
        "groups": "Groups and criteria", "groups_head": ["group", "criterion", "name", "max", "rule"],
        "bonus": "bonus: added, outside the maximum", "penalty": "penalty: subtracted, at most the max",
        "blocs": "Blocs", "blocs_head": ["bloc", "name", "max", "notes"],
        "leaf_max": "{k} max {v}", "only": "scores only {ids}",
        "listed": "{n} unit(s) listed", "complete": " (complete roster)",
        "classes": "Classes ({basis})", "classes_head": ["class", "English", "score"],
        "and_below": " and < {v}", "any": "any score",
        "provenance": "Provenance", "provenance_head": ["item", "status", "source or reason"],
        "assumed": "warning: {n} of {total} values of this edition are assumed, not published "
        "(listed above); replace them in the rubric data when the real ones are known.",
        "all_published": "All {total} values of this edition are published.",
        "published": "published", "assumed_status": "assumed",
    },
    "vi": {
        "years": "năm đánh giá {years}; điểm lấy {p} chữ số thập phân; xếp loại theo {basis}",
        "basis_total": "tổng điểm", "basis_share": "tỷ lệ so với điểm tối đa",
        "classes_total": "điểm", "classes_share": "% điểm tối đa của khối",
        "sources": "Nguồn", "sources_head": ["mã", "trích dẫn"],
        "groups": "Nhóm và tiêu chí", "groups_head": ["nhóm", "tiêu chí", "tên", "tối đa", "cách tính điểm"],
        "bonus": "điểm thưởng: cộng thêm, ngoài điểm tối đa", "penalty": "điểm trừ: trừ đi, tối đa bằng mức trừ",
        "blocs": "Khối", "blocs_head": ["khối", "tên", "tối đa", "ghi chú"],
        "leaf_max": "{k} tối đa {v}", "only": "chỉ chấm {ids}",
        "listed": "{n} đơn vị trong danh sách", "complete": " (danh sách đầy đủ)",
        "classes": "Xếp loại ({basis})", "classes_head": ["xếp loại", "tiếng Anh", "điểm"],
        "and_below": " và < {v}", "any": "mọi mức điểm",
        "provenance": "Nguồn gốc số liệu", "provenance_head": ["mục", "trạng thái", "nguồn hoặc lý do"],
        "assumed": "cảnh báo: {n}/{total} giá trị của bộ tiêu chí này là giả định, chưa được công bố "
        "(liệt kê ở trên); hãy thay bằng giá trị thật khi biết.",
        "all_published": "Cả {total} giá trị của bộ tiêu chí này đều đã được công bố.",
        "published": "đã công bố", "assumed_status": "giả định",
    },
}


def rubric_text(rubric: "Rubric", lang: str = "en") -> str:
    """The edition as ``ict-adoption rubric`` prints it: structure, rules, provenance,
    in ``lang`` ("vi": Vietnamese words, the built-in rules explained in Vietnamese,
    decimal commas; the rubric's own names and reasons as they are written)."""
    def table(rows: list[list[str]], headers: Sequence[str]) -> str:
        from tabulate import tabulate  # (its import costs every command ~0.07 s)

        return tabulate(rows, headers=list(headers), tablefmt="plain", disable_numparse=True)

    w = _TEXT["vi" if lang == "vi" else "en"]

    def num(value: Decimal | None) -> str:
        text = _fmt(value)
        return vi_decimal(text) if lang == "vi" else text

    r = rubric
    on_total = r.band_basis == "total"
    basis = w["classes_total"] if on_total else w["classes_share"]
    out = [
        f"{r.region}:{r.edition} — {r.title}" + (f" ({r.title_en})" if r.title_en and lang != "vi" else ""),
        w["years"].format(years=r.years_label, p=r.precision, basis=w["basis_total"] if on_total else w["basis_share"]),
    ]
    if r.sources:
        out += ["", w["sources"], table([[s.id, s.citation()] for s in r.sources], w["sources_head"])]

    rows = []
    for g in r.groups:
        kind = {"bonus": w["bonus"], "penalty": w["penalty"]}
        rule = kind.get(g.kind, "") if g.criteria else explain_text(PointsRule().explain(g.points_max), lang)
        if not g.criteria and g.kind != "regular":
            rule = f"{kind[g.kind]}; {rule}"
        rows.append([g.id, "", g.name, num(g.points_max), rule])
        rows += [["", c.id, c.name, num(c.max), explain_text(c.rule.explain(c.max), lang)] for c in g.criteria]
    out += ["", w["groups"], table(rows, w["groups_head"])]

    rows = []
    for b in r.blocs:
        details = [w["leaf_max"].format(k=k, v=num(v)) for k, v in b.maxima.items()]
        if b.applies:
            details.insert(0, w["only"].format(ids=", ".join(b.applies)))
        units = [u for u in r.units if u.bloc == b.id]
        if units:
            listed = w["listed"].format(n=len(units))
            if lang != "vi":
                listed = listed.replace("unit(s)", "unit" if len(units) == 1 else "units")
            details.append(listed + (w["complete"] if b.roster_complete else ""))
        rows.append([b.id, b.name, num(r.bloc_max(b.id)), "; ".join(details)])
    out += ["", w["blocs"], table(rows, w["blocs_head"])]

    rows = []
    for i, band in enumerate(r.bands):
        if band.min is not None:
            rule = f"≥ {num(band.min)}"
            upper = r.bands[i - 1].min if i else None
            if upper is not None:
                rule += w["and_below"].format(v=num(upper))
        else:
            rule = f"< {num(r.bands[i - 1].min)}" if i else w["any"]
        rows.append([band.label, band.label_en or "", rule])
    head = w["classes_head"]
    if any(b.label_en for b in r.bands):
        out += ["", w["classes"].format(basis=basis), table(rows, head)]
    else:
        out += ["", w["classes"].format(basis=basis), table([[x[0], x[2]] for x in rows], [head[0], head[2]])]

    prov = r.provenance(lang)
    citations = sorted(((s.citation(), s.id) for s in r.sources), key=lambda x: -len(x[0]))

    def short(citation: str | None) -> str | None:
        # the Sources table above gives each citation in full: refer to it by id
        for text, ident in citations:
            if citation is not None and citation.startswith(text):
                return f"{ident}{citation[len(text):]}"
        return citation

    status = {"published": w["published"], "assumed": w["assumed_status"]}
    rows = [
        [item_text(p["item"], lang), status.get(p["status"], p["status"]),
         "; ".join(x for x in (short(p.get("citation")), p.get("reason")) if x)]
        for p in prov
    ]
    out += ["", w["provenance"], table(rows, w["provenance_head"])]
    n = r.assumed_count
    if n:
        out += ["", w["assumed"].format(n=n, total=len(prov))]
    else:
        out += ["", w["all_published"].format(total=len(prov))]
    return "\n".join(out)
