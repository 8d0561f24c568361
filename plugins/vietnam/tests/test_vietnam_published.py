"""Golden tests: ranking the published national scores gives the published ranks.

The tables in ``published/`` are copied from public results (``published/sources.csv``
names each: title, issuer, date, address). Names are kept as the tables write them
(``TP. Đà Nẵng``, ``Thừa Thiên - Huế``), so the roster's aliases are tested too.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import ict_adoption as ia
import pytest
from ict_adoption.problems import InputWarning

HERE = Path(__file__).parent / "published"


def _rows(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _ranks_of(ranking: ia.Ranking) -> dict[str, tuple[int, bool]]:
    return {r["unit"]: (r["rank"], r["tied"]) for r in ranking.to_records() if r["status"] == "ranked"}


def test_egov_2017_ranks_and_shared_ranks_exactly() -> None:
    rows = _rows("egov_2017.csv")
    rubric = ia.rubric("vn-egov", 2017)
    data = {"unit": [r["unit"] for r in rows], "bloc": ["tinh"] * len(rows), "total": [r["total"] for r in rows]}
    with pytest.warns(InputWarning, match="10 of its 63 roster units have no row"):
        ranking = ia.rank(rubric, data)
    got = _ranks_of(ranking)
    roster = {u.name: u for u in rubric.units}
    by_name = {rubric.find_unit(r["unit"]).name: int(r["rank"]) for r in rows}  # type: ignore[union-attr]
    assert len(by_name) == len(rows) == 53 and set(by_name) <= set(roster)
    assert {name: rank for name, (rank, _) in got.items()} == by_name
    # "17, 17, 19": Thanh Hóa and Bà Rịa - Vũng Tàu share 17th, Phú Thọ is 19th
    assert got["Thanh Hóa"] == (17, True) and got["Bà Rịa - Vũng Tàu"] == (17, True)
    assert got["Phú Thọ"] == (19, False)
    assert got["Đắk Nông"] == got["Quảng Trị"] == (32, True) and got["Hà Nam"][0] == 34
    assert got["Ninh Thuận"] == got["Tuyên Quang"] == (40, True) and got["Quảng Ngãi"][0] == 42
    assert {r["band"] for r in ranking.to_records() if r["status"] == "ranked"} == {"Không xếp loại"}


def test_dti_2022_main_indices_weighted_by_qd922_give_the_published_dti() -> None:
    """The maxima of QĐ 922 (Bảng I.1) weight the published main indices to the published DTI.

    The main indices are published rounded to four decimals, so their weighted sum can
    differ from the published DTI by at most one unit of the fourth decimal (each term
    off by at most 0.00005 × its share of 1000); any other split of the 1000 points
    (e.g. 100 for Hoạt động xã hội số) misses by far more.
    """
    rubric = ia.rubric("vn-dti", 2022)
    maxima = {g.id: g.points_max for g in rubric.groups}
    assert sum(maxima.values()) == rubric.bloc_max("tinh") == 1000
    for row in _rows("dti_2022.csv"):
        points = sum(Decimal(row[g]) * m for g, m in maxima.items())
        assert abs(points / 1000 - Decimal(row["dti"])) <= Decimal("0.0001"), row["unit"]


def test_dti_2022_ranks_from_published_dti() -> None:
    rows = _rows("dti_2022.csv")
    rubric = ia.rubric("vn-dti", 2022)
    total = [str(Decimal(r["dti"]) * 1000) for r in rows]  # index → points on 1000
    with pytest.warns(InputWarning, match="58 of its 63"):
        ranking = ia.rank(rubric, {"unit": [r["unit"] for r in rows], "bloc": ["tinh"] * len(rows), "total": total})
    got = {n: rank for n, (rank, _) in _ranks_of(ranking).items()}
    assert got == {rubric.find_unit(r["unit"]).name: int(r["rank"]) for r in rows}  # type: ignore[union-attr]


def test_dti_2022_published_order_names_every_province_once() -> None:
    rows = _rows("dti_2022_order.csv")
    rubric = ia.rubric("vn-dti", 2022)
    names = [rubric.find_unit(r["unit"]) for r in rows]
    assert None not in names
    assert len({u.name for u in names if u}) == 63 == len(rubric.units)
    ranks = [int(r["rank"]) for r in rows]
    # a shared rank skips the next one: 15, 15, 17
    assert ranks[14:17] == [15, 15, 17]
    assert ranks == sorted(ranks)
