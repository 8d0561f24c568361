"""The words of every view, in Vietnamese and English, and the labels built from them.

Vietnamese is the default everywhere; ``lang="en"`` switches. Objects of the model
(bands, blocs, sources, rubrics) are read by their attributes only, so this module sits
below the model and the model's own notebook display can use it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from .exact import format_scaled

if TYPE_CHECKING:  # pragma: no cover
    from .model import Band, Bloc, Rubric, Source

__all__ = [
    "LANGS",
    "check_lang",
    "words",
    "method_text",
    "band_label",
    "bloc_label",
    "decimal_text",
    "group_label",
    "score_text",
    "region_label",
    "source_label",
    "assumed_items",
    "provenance_warning",
    "provenance_summary",
    "provenance_line",
    "vi_decimal",
    "explain_text",
    "item_text",
]

LANGS = ("vi", "en")

_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "rank": "Hạng",
        "unit": "Đơn vị",
        "total": "Tổng điểm",
        "class": "Xếp loại",
        "count": "Số đơn vị",
        "not_reported": "không báo cáo",
        "not_reported_head": "Không báo cáo",
        "all": "Tổng",
        "bloc": "Khối",
        "max": "tối đa",
        "max_head": "Điểm tối đa",
        "title": "Kết quả đánh giá, xếp hạng mức độ ứng dụng CNTT",
        "title_dti": "Kết quả đánh giá, xếp hạng chuyển đổi số",
        "region": "Địa phương",
        "edition": "Bộ tiêu chí",
        "years": "Năm đánh giá",
        "source": "Căn cứ",
        "source_other": "Nguồn",
        "no_source": "(không ghi căn cứ)",
        "method": "Phương pháp xếp hạng",
        "counts": "Số đơn vị theo xếp loại",
        "summary": "Nhận xét",
        "provenance": "Nguồn gốc số liệu của bộ tiêu chí",
        "item": "Mục",
        "status": "Tình trạng",
        "citation": "Trích dẫn",
        "reason": "Lý do giả định",
        "published": "đã công bố",
        "assumed": "giả định",
        "notes": "Ghi chú về dữ liệu đầu vào",
        "groups": "Nhóm tiêu chí",
        "criteria": "Tiêu chí",
        "blocs": "Khối",
        "bands": "Xếp loại",
        "id": "Mã",
        "name": "Tên",
        "kind": "Loại",
        "lower_bound": "Từ (≥)",
        "basis_total": "tổng điểm",
        "basis_share": "% điểm tối đa",
        "sheet_counts": "Xếp loại",
        "sheet_provenance": "Nguồn gốc",
        "sheet_report": "Báo cáo",
        "tied_note": "“{label}” là đồng hạng.",  # label: a tied rank shown, e.g. 1=
    },
    "en": {
        "rank": "Rank",
        "unit": "Unit",
        "total": "Total",
        "class": "Class",
        "count": "Units",
        "not_reported": "no report",
        "not_reported_head": "No report",
        "all": "All",
        "bloc": "Bloc",
        "max": "max",
        "max_head": "Max",
        "title": "IT-adoption assessment and ranking",
        "title_dti": "Digital-transformation assessment and ranking",
        "region": "Region",
        "edition": "Edition",
        "years": "Assessment years",
        "source": "Legal source",
        "source_other": "Source",
        "no_source": "(no source given)",
        "method": "Ranking method",
        "counts": "Units by class",
        "summary": "Summary",
        "provenance": "Provenance of the rubric",
        "item": "Item",
        "status": "Status",
        "citation": "Citation",
        "reason": "Why assumed",
        "published": "published",
        "assumed": "assumed",
        "notes": "Notes on the input data",
        "groups": "Groups of criteria",
        "criteria": "Criteria",
        "blocs": "Blocs",
        "bands": "Classes",
        "id": "Id",
        "name": "Name",
        "kind": "Kind",
        "lower_bound": "From (≥)",
        "basis_total": "total points",
        "basis_share": "% of the maximum",
        "sheet_counts": "Classes",
        "sheet_provenance": "Provenance",
        "sheet_report": "Report",
        "tied_note": "“{label}” marks a tied rank.",
    },
}

_METHODS = {
    "vi": {
        "competition": "cùng điểm thì đồng hạng, bỏ qua hạng kế tiếp (1, 2, 2, 4)",
        "dense": "cùng điểm thì đồng hạng, không bỏ hạng (1, 2, 2, 3)",
        "fractional": "cùng điểm nhận hạng trung bình (1, 2,5, 2,5, 4)",
        "ordinal": "không đồng hạng; cùng điểm xét theo thứ tự đã quy định",
    },
    "en": {
        "competition": "equal totals share a rank, the next rank is skipped (1, 2, 2, 4)",
        "dense": "equal totals share a rank, no rank is skipped (1, 2, 2, 3)",
        "fractional": "equal totals share the mean of their ranks (1, 2.5, 2.5, 4)",
        "ordinal": "no shared ranks; equal totals ordered by the declared tie-break",
    },
}


def check_lang(lang: str) -> str:
    """``lang`` if it is a supported language, else a ``ValueError`` naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"lang: expected one of {', '.join(LANGS)}, got {lang!r}")
    return lang


#: what an edition assesses (``Rubric.assessment``): IT adoption or digital transformation
ASSESSMENTS = ("ict", "dti")


def words(lang: str, assessment: str = "ict") -> dict[str, str]:
    """The fixed words of the views in ``lang`` ("vi" or "en"); ``assessment`` ("ict" or
    "dti", the edition's :attr:`~ict_adoption.model.Rubric.assessment`) picks the title:
    a digital-transformation (DTI) ranking is not titled an IT-adoption one."""
    w = _WORDS[check_lang(lang)]
    if assessment == "dti":
        return {**w, "title": w["title_dti"]}
    return w


def method_text(method: str, lang: str) -> str:
    return _METHODS[check_lang(lang)].get(method, method)


# --------------------------------------------------------------------------- labels


def band_label(band: "Band", lang: str) -> str:
    return band.label if lang == "vi" else (band.label_en or band.label)


def bloc_label(bloc: "Bloc", lang: str) -> str:
    return bloc.name if lang == "vi" else (bloc.name_en or bloc.name)


def decimal_text(value: Decimal | None) -> str:
    """A rubric maximum as plain text: ``50``, ``12.5`` (no exponent, no trailing zeros)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def group_label(rubric: "Rubric", bloc_id: str, g: int, lang: str) -> str:
    """``"Hạ tầng (50)"``: a group's name and its maximum in the bloc."""
    group = rubric.groups[g]
    name = group.name if lang == "vi" else (group.name_en or group.name)
    gmax = rubric.group_max(bloc_id, group.id)
    shown = decimal_text(gmax)
    return f"{name} ({vi_decimal(shown) if lang == 'vi' else shown})" if gmax is not None else name


def score_text(value: int, precision: int, lang: str = "en", *, prose: bool = False) -> str:
    """A scaled score with exactly the rubric's decimals.

    Vietnamese text uses a decimal comma (``99,87``) in prose (``prose=True``) as in the
    tables (:func:`ict_adoption.views.table_columns`); English, and machine formats
    (CSV, JSON), a decimal point.
    """
    return format_scaled(int(value), precision, decimal_comma=prose and lang == "vi")


def region_label(rubric: "Rubric", lang: str) -> str:
    """The region as a reader knows it: ``Thành phố Đà Nẵng (danang)`` when the rubric
    carries the region's name (the registry sets it from the plugin), else the bare code
    (a rubric read from a file). Never looks up installed plugins."""
    name = rubric.region_name if lang == "vi" else (rubric.region_name_en or rubric.region_name)
    return f"{name} ({rubric.region})" if name else rubric.region


def source_label(source: "Source", lang: str) -> str:
    """A source's label: "Căn cứ" / "Legal source" for a decision, else "Nguồn" / "Source"."""
    return words(lang)["source" if source.kind == "decision" else "source_other"]


def assumed_items(rubric: "Rubric", lang: str = "en") -> list[dict[str, str]]:
    """The assumed entries of ``rubric.provenance(lang)``: reasons in ``lang``."""
    return [p for p in rubric.provenance(lang) if p["status"] == "assumed"]


def provenance_warning(rubric: "Rubric", lang: str) -> str | None:
    """The warning line shown wherever assumed values are used (None if there are none)."""
    n = len(assumed_items(rubric))
    if not n:
        return None
    total = len(rubric.provenance())
    if lang == "vi":
        return (
            f"CẢNH BÁO: {n}/{total} giá trị của bộ tiêu chí {rubric.region}:{rubric.edition} là "
            "giả định, không phải số liệu đã công bố; kết quả chỉ để tham khảo."
        )
    return (
        f"WARNING: {n} of {total} values of the rubric {rubric.region}:{rubric.edition} are "
        "assumed, not published; treat the results as indicative."
    )


def provenance_summary(rubric: "Rubric", lang: str) -> str:
    n = len(assumed_items(rubric))
    total = len(rubric.provenance())
    if lang == "vi":
        if not n:
            return f"Cả {total} giá trị của bộ tiêu chí đều đã công bố."
        return f"{n}/{total} giá trị là giả định (chưa công bố); {total - n} giá trị đã công bố."
    if not n:
        return f"All {total} values of the rubric are published."
    return f"{n} of {total} values are assumed (not published); {total - n} are published."


def provenance_line(entry: dict[str, str], lang: str) -> str:
    """``"group infra: giả định — not public"`` for one entry of ``rubric.provenance()``."""
    w = words(lang)
    status = w[entry["status"]]
    parts = [f"{entry['item']}: {status}"]
    if entry.get("reason"):
        parts.append(entry["reason"])
    if entry.get("citation"):
        parts.append(entry["citation"])
    return " — ".join(parts)


# --------------------------------------------------------------------------- rule texts

#: The built-in rules' explanations (``Rule.explain``, English in rules.py) in Vietnamese.
EXPLAIN_VI = tuple((re.compile(p), r) for p, r in (
    (r"^points given directly, 0 to (.*)$", r"điểm ghi trực tiếp, từ 0 đến \1"),
    (r"^percent \(0–100\) × (.*), rounded half away from zero$", r"phần trăm (0–100) × \1, làm tròn nửa lên"),
    (r"^share \(0–1\) × (.*), rounded half away from zero$", r"tỉ lệ (0–1) × \1, làm tròn nửa lên"),
    (r"^steps: (.*), otherwise (.*)$", r"theo bậc: \1, còn lại \2"),
    (r"^yes → (.*), no → (.*)$", r"có → \1, không → \2"),
    (r"^(.*) per item, capped at (.*)$", r"\1 điểm mỗi mục, tối đa \2"),
    (r"^value ÷ best value in the bloc × (.*), rounded half away from zero$",
     r"giá trị ÷ giá trị cao nhất trong khối × \1, làm tròn nửa lên"),
    (r"^answers: (.*)$", r"câu trả lời: \1"),
))
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_ITEM_VI = {"rubric": "bộ tiêu chí", "group": "nhóm", "criterion": "tiêu chí", "bloc": "khối", "band": "xếp loại"}


def vi_decimal(text: str) -> str:
    """Every decimal point between digits written as the Vietnamese decimal comma:
    ``"0.01 per item"`` → ``"0,01 per item"``, ``"99.87"`` → ``"99,87"``."""
    return _DECIMAL_POINT.sub(",", text)


def explain_text(text: str, lang: str) -> str:
    """A rule's explanation (``rule.explain(max)``) in ``lang``: a built-in rule's known
    form in Vietnamese with decimal commas; a plugin rule's own words as they are."""
    if lang != "vi":
        return text
    for pattern, repl in EXPLAIN_VI:
        if pattern.match(text):
            return vi_decimal(pattern.sub(repl, text))
    return text


def item_text(item: str, lang: str) -> str:
    """A provenance item (``"group infra"``) in ``lang`` (``"nhóm infra"``)."""
    if lang != "vi":
        return item
    kind, _, rest = item.partition(" ")
    return f"{_ITEM_VI.get(kind, kind)} {rest}".strip()
