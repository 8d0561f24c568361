"""The per-bloc summary sentences: exact wording, and agreement with class_counts()."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.views.narrative import bloc_narrative, narrative

DATA = Path(__file__).parent / "data"
RUBRIC = ia.load_rubric(DATA / "rubric_report.toml")  # Tốt ≥ 80, Khá ≥ 65, Trung bình ≥ 50, Yếu


def ranking(rows: list[tuple[str, str, float | None]], **kw: object) -> ia.Ranking:
    units, blocs, totals = zip(*rows)
    return ia.rank(RUBRIC, {"unit": list(units), "bloc": list(blocs), "total": list(totals)}, missing="exclude", **kw)


def paragraphs(r: ia.Ranking, lang: str = "vi") -> list[str]:
    return narrative(r, lang=lang).split("\n\n")


# --------------------------------------------------------------------------- wording


def test_announcement_style_top_class_named_and_leaders():
    rows = [
        ("Sở Kế hoạch và Đầu tư", "so", 99.87),
        ("Sở Tài chính", "so", 95.5),
        ("Sở Thông tin và Truyền thông", "so", 90),
    ]
    rows += [(f"Sở K{k:02d}", "so", 79 - k) for k in range(12)]  # 79 … 68: Khá
    rows += [(f"Sở T{k}", "so", 60 - k) for k in range(4)]  # Trung bình
    rows += [("Sở Y", "so", 30)]
    r = ranking(rows)
    assert narrative(r) == (
        "Khối Sở, ngành có 3 đơn vị Tốt gồm Sở Kế hoạch và Đầu tư, Sở Tài chính, "
        "Sở Thông tin và Truyền thông; 12 đơn vị Khá; 4 đơn vị Trung bình và 1 đơn vị Yếu. "
        "Dẫn đầu là Sở Kế hoạch và Đầu tư với 99,87 điểm; đứng thứ 2 là Sở Tài chính với 95,50 điểm."
    )
    assert narrative(r, lang="en") == (
        "The Departments bloc has 3 units rated Good: Sở Kế hoạch và Đầu tư, Sở Tài chính, "
        "Sở Thông tin và Truyền thông; 12 Fair; 4 Average and 1 Weak. "
        "Sở Kế hoạch và Đầu tư leads with 99.87 points; Sở Tài chính is 2nd with 95.50 points."
    )
    # the method on Ranking delegates here
    assert r.narrative() == narrative(r)
    assert r.narrative("en") == narrative(r, lang="en")


def test_tie_at_first_place():
    r = ranking([("Sở B", "so", 95), ("Sở A", "so", 95), ("Sở C", "so", 70.25), ("Sở D", "so", 55)])
    assert narrative(r) == (
        "Khối Sở, ngành có 2 đơn vị Tốt gồm Sở A, Sở B; 1 đơn vị Khá và 1 đơn vị Trung bình; "
        "không có đơn vị Yếu. "
        "Sở A, Sở B là 2 đơn vị đồng hạng nhất với 95,00 điểm; đứng thứ 3 là Sở C với 70,25 điểm."
    )
    assert narrative(r, lang="en") == (
        "The Departments bloc has 2 units rated Good: Sở A, Sở B; 1 Fair and 1 Average; "
        "no unit rated Weak. "
        "Sở A and Sở B are tied 1st with 95.00 points; Sở C is 3rd with 70.25 points."
    )


def test_tie_at_second_place():
    r = ranking(
        [
            ("Sở Tài nguyên và Môi trường", "so", 88),
            ("Cục Thuế tỉnh", "so", 92.5),
            ("Sở TT&TT", "so", 88),
            ("Sở Công Thương", "so", 88),
            ("Sở Nội vụ", "so", 66),
        ]
    )
    assert narrative(r) == (
        "Khối Sở, ngành có 4 đơn vị Tốt gồm Cục Thuế tỉnh, Sở Công Thương, Sở Tài nguyên và Môi trường, "
        "Sở TT&TT; 1 đơn vị Khá; không có đơn vị Trung bình và Yếu. "
        "Dẫn đầu là Cục Thuế tỉnh với 92,50 điểm; Sở Công Thương, Sở Tài nguyên và Môi trường, "
        "Sở TT&TT là 3 đơn vị đồng hạng 2 với 88,00 điểm."
    )
    assert narrative(r, lang="en") == (
        "The Departments bloc has 4 units rated Good: Cục Thuế tỉnh, Sở Công Thương, "
        "Sở Tài nguyên và Môi trường, Sở TT&TT; 1 Fair; no unit rated Average or Weak. "
        "Cục Thuế tỉnh leads with 92.50 points; Sở Công Thương, Sở Tài nguyên và Môi trường and "
        "Sở TT&TT are tied 2nd with 88.00 points."
    )


def test_dense_ranking_names_the_next_place_as_ranked():
    r = ranking([("A", "so", 95), ("B", "so", 95), ("C", "so", 70)], method="dense")
    assert paragraphs(r)[0].endswith("A, B là 2 đơn vị đồng hạng nhất với 95,00 điểm; đứng thứ 2 là C với 70,00 điểm.")


def test_empty_top_class_opens_the_sentence_empty_lower_class_closes_it():
    r = ranking([("H1", "huyen", 75), ("H2", "huyen", 60), ("H3", "huyen", 55)])
    assert narrative(r) == (
        "Khối Huyện không có đơn vị Tốt; 1 đơn vị Khá và 2 đơn vị Trung bình; không có đơn vị Yếu. "
        "Dẫn đầu là H1 với 75,00 điểm; đứng thứ 2 là H2 với 60,00 điểm."
    )
    assert narrative(r, lang="en") == (
        "The Districts bloc has no unit rated Good; 1 unit rated Fair and 2 Average; no unit rated Weak. "
        "H1 leads with 75.00 points; H2 is 2nd with 60.00 points."
    )


def test_two_empty_top_classes():
    r = ranking([("H1", "huyen", 60), ("H2", "huyen", 20)])
    assert paragraphs(r)[0].startswith("Khối Huyện không có đơn vị Tốt và Khá; 1 đơn vị Trung bình và 1 đơn vị Yếu. ")
    assert paragraphs(r, "en")[0].startswith(
        "The Districts bloc has no unit rated Good or Fair; 1 unit rated Average and 1 Weak. "
    )


def test_all_units_in_one_class():
    r = ranking(
        [
            ("X1", "xa", 85), ("X2", "xa", 82), ("X3", "xa", 81),
            ("H1", "huyen", 70), ("H2", "huyen", 70), ("H3", "huyen", 66), ("H4", "huyen", 65),
        ]
    )
    vi = paragraphs(r)
    assert vi == [
        "Cả 4 đơn vị của khối Huyện đều xếp loại Khá. "
        "H1, H2 là 2 đơn vị đồng hạng nhất với 70,00 điểm; đứng thứ 3 là H3 với 66,00 điểm.",
        "Cả 3 đơn vị của khối Xã đều xếp loại Tốt: X1, X2, X3. "
        "Dẫn đầu là X1 với 85,00 điểm; đứng thứ 2 là X2 với 82,00 điểm.",
    ]
    assert paragraphs(r, "en") == [
        "All 4 units of the Districts bloc are rated Fair. "
        "H1 and H2 are tied 1st with 70.00 points; H3 is 3rd with 66.00 points.",
        "All 3 units of the Communes bloc are rated Good: X1, X2, X3. "
        "X1 leads with 85.00 points; X2 is 2nd with 82.00 points.",
    ]


def test_units_not_reported():
    r = ranking([("H1", "huyen", 75), ("H3", "huyen", None), ("H2", "huyen", 90), ("H4", "huyen", None)])
    assert narrative(r) == (
        "Khối Huyện có 1 đơn vị Tốt là H2; 1 đơn vị Khá; không có đơn vị Trung bình và Yếu. "
        "Dẫn đầu là H2 với 90,00 điểm; đứng thứ 2 là H1 với 75,00 điểm. "
        "Có 2 đơn vị không báo cáo nên không được xếp hạng: H3, H4."
    )
    assert narrative(r, lang="en") == (
        "The Districts bloc has 1 unit rated Good: H2; 1 Fair; no unit rated Average or Weak. "
        "H2 leads with 90.00 points; H1 is 2nd with 75.00 points. "
        "2 units did not report and are not ranked: H3, H4."
    )


def test_one_class_but_a_unit_without_report_is_not_called_all():
    r = ranking([("X1", "xa", 85), ("X2", "xa", 82), ("X3", "xa", None)])
    assert narrative(r) == (
        "Khối Xã có 2 đơn vị Tốt gồm X1, X2; không có đơn vị Khá, Trung bình và Yếu. "
        "Dẫn đầu là X1 với 85,00 điểm; đứng thứ 2 là X2 với 82,00 điểm. "
        "Có 1 đơn vị không báo cáo nên không được xếp hạng: X3."
    )
    assert narrative(r, lang="en").endswith("1 unit did not report and is not ranked: X3.")


def test_bloc_with_no_ranked_unit_and_single_unit_bloc():
    r = ranking([("X1", "xa", None), ("X2", "xa", None), ("Sở A", "so", 81)])
    assert paragraphs(r) == [
        "Khối Sở, ngành có 1 đơn vị Tốt là Sở A; không có đơn vị Khá, Trung bình và Yếu. Sở A đạt 81,00 điểm.",
        "Khối Xã không có đơn vị nào được xếp hạng. Có 2 đơn vị không báo cáo nên không được xếp hạng: X1, X2.",
    ]
    assert paragraphs(r, "en") == [
        "The Departments bloc has 1 unit rated Good: Sở A; no unit rated Fair, Average or Weak. "
        "Sở A scores 81.00 points.",
        "The Communes bloc has no ranked unit. 2 units did not report and are not ranked: X1, X2.",
    ]


def test_many_units_are_counted_not_named():
    rows = [(f"Sở {k}", "so", 90) for k in range(1, 7)] + [("Sở 7", "so", 70)]
    r = ranking(rows)
    assert narrative(r) == (
        "Khối Sở, ngành có 6 đơn vị Tốt và 1 đơn vị Khá; không có đơn vị Trung bình và Yếu. "
        "6 đơn vị đồng hạng nhất với 90,00 điểm; đứng thứ 7 là Sở 7 với 70,00 điểm."
    )
    assert narrative(r, lang="en") == (
        "The Departments bloc has 6 units rated Good and 1 Fair; no unit rated Average or Weak. "
        "6 units are tied 1st with 90.00 points; Sở 7 is 7th with 70.00 points."
    )
    # the limit is a parameter
    assert "gồm Sở 1, Sở 2, Sở 3, Sở 4, Sở 5, Sở 6;" in narrative(r, max_names=6)


def test_blocs_in_rubric_order_and_one_bloc_alone():
    r = ranking([("X1", "xa", 85), ("H1", "huyen", 70), ("Sở A", "so", 90)])
    paras = paragraphs(r)
    assert [re.split(r" (?:không )?có ", p)[0] for p in paras] == ["Khối Sở, ngành", "Khối Huyện", "Khối Xã"]
    assert bloc_narrative(r, "huyen") == paras[1]
    assert bloc_narrative(r, "Huyện", lang="en") == paragraphs(r, "en")[1]


def test_precision_and_decimal_comma():
    rubric = ia.loads_rubric(
        RUBRIC.to_toml().replace("precision = 2", "precision = 1").replace("min = 80", "min = 80.5")
    )
    r = ia.rank(rubric, {"unit": ["A", "B"], "bloc": ["so", "so"], "total": [80.5, 80.4]})
    assert narrative(r).endswith("Dẫn đầu là A với 80,5 điểm; đứng thứ 2 là B với 80,4 điểm.")
    assert narrative(r, lang="en").endswith("A leads with 80.5 points; B is 2nd with 80.4 points.")


def test_unknown_language():
    r = ranking([("A", "so", 90)])
    with pytest.raises(ValueError, match="lang: expected one of vi, en, got 'fr'"):
        narrative(r, lang="fr")


# --------------------------------------------------------------------------- property

LABELS_VI = [b.label for b in RUBRIC.bands]
LABELS_EN = [b.label_en for b in RUBRIC.bands]


def parse_counts(paragraph: str, labels: list[str], lang: str) -> dict[str, int]:
    """Read the class counts back out of a paragraph's first sentence."""
    alt = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    found: dict[str, int] = {}
    first = paragraph.split(". ")[0]
    if lang == "vi":
        nobody = "không có đơn vị nào được xếp hạng" in first
        m = re.match(rf"Cả (\d+) đơn vị của .* đều xếp loại ({alt})", first)
        pos = [(int(n), lab) for n, lab in re.findall(rf"(\d+) đơn vị ({alt})\b", first)]
        zero_lists = re.findall(r"không có đơn vị ((?:(?!nào)[^;.])+)", first)
        split = r", | và "
    else:
        nobody = "has no ranked unit" in first
        m = re.match(rf"All (\d+) units of .* are rated ({alt})", first)
        pos = [(int(n), lab) for n, lab in re.findall(rf"(\d+) (?:units? rated )?({alt})\b", first)]
        zero_lists = re.findall(r"no unit rated ([^;.]+)", first)
        split = r", | or "
    if nobody:
        return {lab: 0 for lab in labels}
    if m:
        return {lab: (int(m.group(1)) if lab == m.group(2) else 0) for lab in labels}
    for n, lab in pos:
        assert lab not in found, f"{lab} counted twice in {paragraph!r}"
        found[lab] = n
    for group in zero_lists:
        for lab in re.split(split, group):
            assert lab not in found, f"{lab} counted twice in {paragraph!r}"
            found[lab] = 0
    return found


blocs_data = st.lists(
    st.tuples(
        st.sampled_from(["so", "huyen", "xa"]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=10000)),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocs_data, st.sampled_from(["competition", "dense", "fractional", "ordinal"]))
def test_numbers_in_the_narrative_equal_class_counts(data, method):
    units = [f"U{k}" for k in range(len(data))]
    r = ia.rank(
        RUBRIC,
        {
            "unit": units,
            "bloc": [b for b, _ in data],
            "total": [None if t is None else t / 100 for _, t in data],
        },
        method=method,
        missing="exclude",
    )
    present = [b.id for b in RUBRIC.blocs if any(x == b.id for x, _ in data)]
    for lang, labels in (("vi", LABELS_VI), ("en", LABELS_EN)):
        counts = r.class_counts(lang)
        paras = narrative(r, lang=lang).split("\n\n")
        assert len(paras) == len(present)
        for bloc_id, para in zip(present, paras):
            assert parse_counts(para, labels, lang) == counts[bloc_id], para
            missing = sum(1 for b, t in data if b == bloc_id and t is None)
            if missing:
                word = "đơn vị không báo cáo" if lang == "vi" else "did not report"
                assert re.search(rf"\b{missing} (?:{word}|units? {word})", para), para
            else:
                assert ("không báo cáo" not in para) and ("did not report" not in para)
