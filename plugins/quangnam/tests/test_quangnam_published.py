"""Golden tests: Quảng Nam published results.

2015: every row of tests/published/units.csv (citing sources.csv) is checked against
the ranking of examples/quangnam_2015.csv — the tie for second place (ranks 1, 2, 2, 2,
5) and Tam Kỳ's 98/100. 2021 (QĐ 3992/QĐ-UBND, as reported): the reported scores fall
in the reported classes under the 2018 edition.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.testing import PublishedResults, read_scores

HERE = Path(__file__).resolve().parent
EDITIONS_DIR = HERE.parent / "src" / "ict_adoption_quangnam" / "editions"
PUBLISHED = PublishedResults.read(
    HERE / "published",
    region="quangnam",
    tables={2015: HERE.parents[2] / "examples" / "quangnam_2015.csv"},
)
test_published_results = PUBLISHED.golden_test()

TIED_SECOND = {"Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông", "Sở Công Thương"}


@pytest.mark.parametrize("how", ["file", "registry"])
def test_2015_tie_for_second(how: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / "2015.toml") if how == "file" else ia.rubric("quangnam", 2015)
    records = ia.rank(rubric, read_scores(PUBLISHED.table_for(2015))).to_records()
    so = sorted(
        (r for r in records if r["bloc"] == rubric.bloc("Sở, Ban, ngành").id),
        key=lambda r: (r["rank"], r["unit"]),
    )
    assert len(so) == 31
    assert [r["rank"] for r in so[:5]] == [1, 2, 2, 2, 5]
    assert [r["tied"] for r in so[:5]] == [False, True, True, True, False]
    assert so[0]["unit"] == "Cục Thuế tỉnh Quảng Nam"
    assert {r["unit"] for r in so[1:4]} == TIED_SECOND
    assert so[1]["total"] == so[2]["total"] == so[3]["total"] < so[0]["total"]
    assert sum(r["tied"] for r in so) == 3  # no other tie in the bloc


@pytest.mark.parametrize("how", ["file", "registry"])
def test_2015_tam_ky_first_with_98(how: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / "2015.toml") if how == "file" else ia.rubric("quangnam", 2015)
    records = ia.rank(rubric, read_scores(PUBLISHED.table_for(2015))).to_records()
    districts = [r for r in records if r["bloc"] == rubric.bloc("Huyện, thành phố").id]
    assert len(districts) == 18
    [first] = [r for r in districts if r["rank"] == 1]
    assert first["unit"] == "Thành phố Tam Kỳ"
    assert Decimal(str(first["total"])) == Decimal(98)
    assert first["tied"] is False
    assert first["max"] == 100


def test_competition_ranking_on_a_bare_table() -> None:
    """The published tie pattern from totals alone, independent of the example file."""
    rubric = ia.rubric("quangnam", 2015)
    bloc = "Sở, Ban, ngành"
    data = {
        "unit": ["Cục Thuế tỉnh Quảng Nam", "Sở TN&MT", "Sở TT&TT", "Sở Công Thương", "Sở minh họa"],
        "bloc": [bloc] * 5,
        "total": [Decimal("90.5"), Decimal("88.25"), Decimal("88.25"), Decimal("88.25"), Decimal("88.24")],
    }
    records = {r["unit"]: r for r in ia.rank(rubric, data).to_records()}
    assert [(records[u]["rank"], records[u]["tied"]) for u in (
        "Cục Thuế tỉnh Quảng Nam",
        "Sở Tài nguyên và Môi trường",
        "Sở Thông tin và Truyền thông",
        "Sở Công Thương",
        "Sở minh họa",
    )] == [(1, False), (2, True), (2, True), (2, True), (5, False)]


# ----------------------------------------------------------------------------- 2021 (reported)

# Reported (QĐ 3992/QĐ-UBND on the 2021 round): unit, score, class, rank where it follows from the report.
REPORTED_2021 = [
    ("Sở Công Thương", "Sở, ban, ngành", "96.59", "Tốt", 1),
    ("Sở Ngoại vụ", "Sở, ban, ngành", "74.57", "Khá", 20),
    ("Thị xã Điện Bàn", "UBND huyện, thị xã, thành phố", "83.84", "Tốt", 1),
    ("Huyện Thăng Bình", "UBND huyện, thị xã, thành phố", "82.81", "Tốt", 3),
    ("Huyện Tây Giang", "UBND huyện, thị xã, thành phố", "71.51", "Khá", 18),
]


def _table_2021() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [
        {"unit": u, "bloc": b, "total": Decimal(s), "note": "reported: QĐ 3992"} for u, b, s, _, _ in REPORTED_2021
    ]
    # illustrative units, consistent with the report: 18 more Sở Tốt; 5 more districts
    # Tốt (one between Điện Bàn and Thăng Bình) and 10 Khá above Tây Giang
    so = [Decimal("95.80") - Decimal("0.85") * i for i in range(18)]  # 95.80 … 81.35
    rows += [{"unit": f"Sở minh họa {i:02d}", "bloc": "Sở, ban, ngành", "total": s, "note": "illustrative"} for i, s in enumerate(so, 2)]
    districts = [Decimal("83.20"), Decimal("82.50"), Decimal("81.70"), Decimal("80.90"), Decimal("80.05")]
    districts += [Decimal("79.60") - Decimal("0.80") * i for i in range(10)]  # 79.60 … 72.40
    rows += [
        {"unit": f"Huyện minh họa {i:02d}", "bloc": "UBND huyện, thị xã, thành phố", "total": s, "note": "illustrative"}
        for i, s in enumerate(districts, 2)
    ]
    return rows


@pytest.mark.parametrize("how", ["file", "registry"])
def test_2021_reported_results(how: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / "2018.toml") if how == "file" else ia.rubric("quangnam", 2021)
    ranking = ia.rank(rubric, _table_2021())
    records = {r["unit"]: r for r in ranking.to_records()}
    for unit, bloc, score, band, rank in REPORTED_2021:
        rec = records[unit]
        assert rec["bloc"] == rubric.bloc(bloc).id
        assert Decimal(str(rec["total"])) == Decimal(score)
        assert rec["band"] == band, unit
        assert rec["rank"] == rank, unit
    counts = ranking.class_counts()
    assert counts[rubric.bloc("Sở, ban, ngành").id] == {"Tốt": 19, "Khá": 1, "Trung bình": 0, "Yếu": 0}
    assert counts[rubric.bloc("UBND huyện, thị xã, thành phố").id] == {"Tốt": 7, "Khá": 11, "Trung bình": 0, "Yếu": 0}


def test_example_table_holds_both_blocs_whole() -> None:
    """31 Sở, ban, ngành and 18 districts, as the 2015 report counts them."""
    assert len(read_scores(PUBLISHED.table_for(2015))) == 31 + 18
