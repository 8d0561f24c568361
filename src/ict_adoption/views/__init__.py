"""Views of a ranking: narrative, HTML, Markdown, Excel — and what they share.

Every view is built from the ranking's own data (ranks, ``tied``, classes,
:meth:`~ict_adoption.ranking.Ranking.class_counts`), never from text that could
disagree with it. This module holds the pieces the views share: the rows of each bloc
in display order, the cell texts, the words of each language, the class colours. It
imports nothing heavy, so ``import ict_adoption.views`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..exact import format_scaled

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Band, Bloc, Rubric, Source
    from ..ranking import Ranking

__all__ = [
    "LANGS",
    "BlocSection",
    "bloc_sections",
    "check_lang",
    "words",
    "band_label",
    "bloc_label",
    "group_label",
    "score_text",
    "decimal_text",
    "table_rows",
    "band_colour",
    "counts_rows",
    "header_lines",
    "source_label",
    "assumed_items",
    "provenance_warning",
    "provenance_summary",
    "provenance_line",
    "method_text",
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
        "tied_note": "“2=” là đồng hạng.",
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
        "tied_note": "“2=” marks a tied rank.",
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


def words(lang: str) -> dict[str, str]:
    """The fixed words of the views in ``lang`` ("vi" or "en")."""
    return _WORDS[check_lang(lang)]


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
    return f"{name} ({decimal_text(gmax)})" if gmax is not None else name


def score_text(value: int, precision: int, lang: str = "en", *, prose: bool = False) -> str:
    """A scaled score with exactly the rubric's decimals.

    Tables use a decimal point in every language (as :meth:`Ranking.table` does);
    Vietnamese prose (``prose=True``) uses a decimal comma: ``99,87``.
    """
    return format_scaled(int(value), precision, decimal_comma=prose and lang == "vi")


# --------------------------------------------------------------------------- blocs


@dataclass(frozen=True)
class BlocSection:
    """One bloc of a ranking: its rows in display order and the groups known there.

    ``rows`` index ``ranking.units`` (ranked first by rank, then the units with no
    report); ``group_cols`` index ``rubric.groups`` (groups known for at least one unit
    of the bloc); ``counts`` is the bloc's entry of ``ranking.class_counts("vi")`` in
    band order; ``not_reported`` lists the rows of units not ranked.
    """

    bloc: "Bloc"
    code: int
    rows: tuple[int, ...]
    group_cols: tuple[int, ...]
    counts: tuple[int, ...]
    not_reported: tuple[int, ...] = field(default=())

    @property
    def ranked(self) -> tuple[int, ...]:
        nr = set(self.not_reported)
        return tuple(i for i in self.rows if i not in nr)


def bloc_sections(ranking: "Ranking", *, include_empty: bool = False) -> list[BlocSection]:
    """The blocs of ``ranking`` in rubric order (blocs with no unit skipped by default)."""
    rubric = ranking.rubric
    st = ranking.scored
    order = ranking.display_order.tolist()
    counts = ranking.class_counts("vi")
    out = []
    for code, bloc in enumerate(rubric.blocs):
        rows = tuple(i for i in order if st.bloc_codes[i] == code)
        if not rows and not include_empty:
            continue
        group_cols = tuple(g for g in range(len(rubric.groups)) if rows and bool(st.group_known[list(rows), g].any()))
        not_reported = tuple(i for i in rows if not st.reported[i])
        out.append(
            BlocSection(
                bloc=bloc,
                code=code,
                rows=rows,
                group_cols=group_cols,
                counts=tuple(counts[bloc.id].values()),
                not_reported=not_reported,
            )
        )
    return out


def table_rows(
    ranking: "Ranking", section: BlocSection, lang: str, *, group_names: bool = True
) -> tuple[list[str], list[list[str]], list[int]]:
    """``(headers, rows, band_index)`` of a bloc's table, all cells as text.

    Columns: rank (``"2="`` for a tie, ``"—"`` unranked), unit, total (the rubric's
    decimals, or "không báo cáo"), class, then the points of each known group.
    ``band_index`` gives each row's class (0 = highest, -1 = not ranked).
    """
    w = words(lang)
    rubric = ranking.rubric
    st = ranking.scored
    p = rubric.precision
    heads = [w["rank"], w["unit"], w["total"], w["class"]]
    heads += [
        group_label(rubric, section.bloc.id, g, lang) if group_names else rubric.groups[g].id
        for g in section.group_cols
    ]
    rows: list[list[str]] = []
    bands: list[int] = []
    for i in section.rows:
        ranked = bool(st.reported[i])
        b = int(ranking.band_index[i]) if ranked else -1
        rows.append(
            [
                ranking.rank_label(i),
                st.units[i],
                score_text(st.total[i], p) if ranked else w["not_reported"],
                band_label(rubric.bands[b], lang) if ranked else "",
            ]
            + [score_text(st.group_points[i, g], p) if st.group_known[i, g] else "" for g in section.group_cols]
        )
        bands.append(b)
    return heads, rows, bands


def counts_rows(ranking: "Ranking", section: BlocSection, lang: str) -> tuple[list[str], list[list[Any]]]:
    """``(headers, rows)``: units per class in the bloc (+ units with no report)."""
    w = words(lang)
    rows: list[list[Any]] = [
        [band_label(b, lang), n] for b, n in zip(ranking.rubric.bands, section.counts)
    ]
    if section.not_reported:
        rows.append([w["not_reported_head"], len(section.not_reported)])
    return [w["class"], w["count"]], rows


def band_colour(index: int, n: int) -> str:
    """A light background for class ``index`` of ``n``: green (best) … red (lowest)."""
    if index < 0:
        return "#eeeeee"
    hue = 120 if n <= 1 else round(120 - 120 * index / (n - 1))
    return f"hsl({hue}, 65%, 86%)"


# --------------------------------------------------------------------------- headers


def region_label(code: str, lang: str) -> str:
    """The region as a reader knows it: ``Thành phố Đà Nẵng (danang)`` when an installed
    plugin names the region, else the bare code (a rubric file with no plugin)."""
    from ict_adoption.errors import RegionNotFound
    from ict_adoption.registry import default_registry

    try:
        info = default_registry().region(code)
    except RegionNotFound:
        return code
    name = info.name if lang == "vi" else (info.name_en or info.name)
    return f"{name} ({code})"


def source_label(source: "Source", lang: str) -> str:
    """A source's label: "Căn cứ" / "Legal source" for a decision, else "Nguồn" / "Source"."""
    return words(lang)["source" if source.kind == "decision" else "source_other"]


def header_lines(ranking: "Ranking", lang: str) -> list[str]:
    """Lines under a report's title: rubric, region/edition/years, sources, method."""
    w = words(lang)
    r = ranking.rubric
    title = r.title if lang == "vi" else (r.title_en or r.title)
    lines = [
        title,
        f"{w['region']}: {region_label(r.region, lang)} · {w['edition']}: {r.edition} · {w['years']}: {r.years_label}",
    ]
    if r.sources:
        lines += [f"{source_label(s, lang)}: {s.citation()}" for s in r.sources]
    else:
        lines.append(f"{w['source']}: {w['no_source']}")
    lines.append(f"{w['method']}: {method_text(ranking.method, lang)}")
    return lines


def assumed_items(rubric: "Rubric") -> list[dict[str, str]]:
    return [p for p in rubric.provenance() if p["status"] == "assumed"]


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
