"""Golden tests: Đà Nẵng published results (2018 and 2021 rounds).

Every row of tests/published/ (units.csv, band_counts.csv, each citing sources.csv) is
checked: 2021 against the ranking of examples/danang_2021.csv, 2018 against
tests/data/danang_2018.csv (published scores where published, illustrative values
elsewhere). Independently of those tables, the published scores alone are ranked and
must land in their published classes and ranks.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.testing import PublishedResults, read_scores

HERE = Path(__file__).resolve().parent
EDITIONS_DIR = HERE.parent / "src" / "ict_adoption_danang" / "editions"
PUBLISHED = PublishedResults.read(
    HERE / "published",
    region="danang",
    tables={2018: HERE / "data" / "danang_2018.csv", 2021: HERE.parents[2] / "examples" / "danang_2021.csv"},
)
test_published_results = PUBLISHED.golden_test()

# The leader of each bloc in 2018 with its score, as announced (danang-2018-results).
LEADERS_2018 = [
    ("Sở, ban, ngành", "Sở Thông tin và Truyền thông", "93.94"),
    ("Cơ quan Trung ương", "Cục Thuế thành phố", "91.3"),
    ("UBND quận, huyện", "UBND quận Thanh Khê", "91.93"),
    ("UBND phường, xã", "UBND phường Hòa Hiệp Bắc (quận Liên Chiểu)", "88.21"),
]

# Every published 2021 score, its rank and class (danang-2021-results).
SCORES_2021 = [
    ("Sở, ban, ngành có bộ thủ tục hành chính", "Sở Thông tin và Truyền thông", "99.87", 1, "Tốt"),
    ("Sở, ban, ngành có bộ thủ tục hành chính", "Sở Du lịch", "99.58", 2, "Tốt"),
    ("Sở, ban, ngành có bộ thủ tục hành chính", "Sở Nội vụ", "94.73", 3, "Tốt"),
    ("Đơn vị thuộc UBND thành phố không có bộ thủ tục hành chính", "Thanh tra thành phố", "83.06", 1, "Tốt"),
    ("Cơ quan Trung ương", "Cục Hải quan thành phố", "99.28", 1, "Tốt"),
    ("Cơ quan Trung ương", "Bảo hiểm xã hội thành phố", "98.97", 2, "Tốt"),
    ("UBND quận, huyện", "UBND quận Thanh Khê", "86.24", 1, "Tốt"),
    ("UBND quận, huyện", "UBND quận Sơn Trà", "85.73", 2, "Tốt"),
]


@pytest.mark.parametrize("how", ["file", "registry"])
def test_2018_leaders(how: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / "2016.toml") if how == "file" else ia.rubric("danang", 2018)
    records = ia.rank(rubric, read_scores(PUBLISHED.table_for(2018))).to_records()
    for bloc, unit, score in LEADERS_2018:
        bloc_id = rubric.bloc(bloc).id
        firsts = [r for r in records if r["bloc"] == bloc_id and r["rank"] == 1]
        assert len(firsts) == 1 and not firsts[0]["tied"], bloc
        assert firsts[0]["unit"] == rubric.find_unit(unit).name  # type: ignore[union-attr]
        assert Decimal(str(firsts[0]["total"])) == Decimal(score)


@pytest.mark.parametrize("how", ["file", "registry"])
def test_2018_six_good_departments_of_23(how: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / "2016.toml") if how == "file" else ia.rubric("danang", 2018)
    ranking = ia.rank(rubric, read_scores(PUBLISHED.table_for(2018)))
    counts = ranking.class_counts()[rubric.bloc("Sở, ban, ngành").id]
    assert counts["Tốt"] == 6 and sum(counts.values()) == 23
    good = {r["unit"] for r in ranking.to_records() if r["bloc"] == "so_ban_nganh" and r["band"] == "Tốt"}
    assert good == {
        "Sở Thông tin và Truyền thông",
        "Sở Giao thông vận tải",
        "Sở Nội vụ",
        "Sở Khoa học và Công nghệ",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Tài chính",
    }


@pytest.mark.parametrize("how", ["file", "registry"])
def test_2021_published_scores_alone(how: str) -> None:
    """Only the published scores, nothing illustrative: classes and ranks as published."""
    rubric = ia.load_rubric(EDITIONS_DIR / "2021.toml") if how == "file" else ia.rubric("danang", 2021)
    data = [{"unit": u, "bloc": b, "total": Decimal(s)} for b, u, s, _, _ in SCORES_2021]
    records = {r["unit"]: r for r in ia.rank(rubric, data).to_records()}
    for bloc, unit, score, rank, band in SCORES_2021:
        rec = records[rubric.find_unit(unit).name]  # type: ignore[union-attr]
        assert rec["bloc"] == rubric.bloc(bloc).id
        assert rec["rank"] == rank and rec["tied"] is False, unit
        assert rec["band"] == band, unit


def test_2021_no_unit_weak() -> None:
    rubric = ia.rubric("danang", 2021)
    counts = ia.rank(rubric, read_scores(PUBLISHED.table_for(2021))).class_counts()
    assert all(c["Yếu"] == 0 for c in counts.values())
