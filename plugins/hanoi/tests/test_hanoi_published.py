"""Golden tests: Hà Nội 2013 published results.

Every row of tests/published/ (units.csv, band_counts.csv, each citing sources.csv) is
checked against the ranking of examples/hanoi_2013.csv (published classes, illustrative
scores), through :class:`ict_adoption.testing.PublishedResults`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.testing import PublishedResults, read_scores

HERE = Path(__file__).resolve().parent
EDITIONS_DIR = HERE.parent / "src" / "ict_adoption_hanoi" / "editions"
PUBLISHED = PublishedResults.read(
    HERE / "published",
    region="hanoi",
    tables={2013: HERE.parents[2] / "examples" / "hanoi_2013.csv"},
)
test_published_results = PUBLISHED.golden_test()

# Classes per bloc in 2013, as announced (written out here, independently of band_counts.csv).
EXPECTED_2013 = {
    "Sở, ngành": {"Tốt": 3, "Khá": 12, "Trung bình": 4, "Yếu": 1},
    "Quận / Thị xã": {"Tốt": 2, "Khá": 8, "Trung bình": 1, "Yếu": 0},
    "Huyện": {"Tốt": 0, "Khá": 7, "Trung bình": 9, "Yếu": 2},
    "Phường / Thị trấn": {"Tốt": 2, "Khá": 10, "Trung bình": 3, "Yếu": 0},
    "Xã": {"Tốt": 0, "Khá": 8, "Trung bình": 9, "Yếu": 0},
}


@pytest.mark.parametrize("how", ["file", "registry"])
def test_class_counts_2013_exactly(how: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / "2013.toml") if how == "file" else ia.rubric("hanoi", 2013)
    counts = ia.rank(rubric, read_scores(PUBLISHED.table_for(2013))).class_counts()
    by_name = {rubric.bloc(bloc_id).name: c for bloc_id, c in counts.items()}
    assert by_name == EXPECTED_2013


def test_example_table_holds_every_unit_counted() -> None:
    """81 units, as many as the announced class counts; the notes are checked by the golden test."""
    rows = read_scores(PUBLISHED.table_for(2013))
    assert len(rows) == sum(sum(c.values()) for c in EXPECTED_2013.values()) == 81
    assert all(Decimal(0) <= row["total"] <= Decimal(100) for row in rows)
