"""Quảng Nam's 2023 DTI round: the edition in force for 2023, its published rosters and classes.

Published (Báo Quảng Nam, 02/02/2024; see the edition's source ``kq2023``): the order of
all 20 Sở and all 18 districts, the index as a percent with two decimals, the first and
last unit of each bloc with their index, and the classes (all Sở Tốt; 15 districts Tốt,
Nông Sơn, Đông Giang and Tây Giang Khá).
"""

from __future__ import annotations

import warnings

import pytest

import ict_adoption as ia

# the published order, names as the article writes them
SO_2023 = [
    "Sở NN&PTNT", "Sở TT-TT", "Sở Nội vụ", "Sở Công Thương", "Văn phòng UBND tỉnh", "Sở Tư pháp",
    "Thanh tra tỉnh", "Sở Tài chính", "Sở KH-CN", "Sở GTVT", "Sở VH-TT&DL", "Sở Xây dựng", "Sở GD-ĐT",
    "Ban Dân tộc", "Sở KH-ĐT", "Sở Y tế", "Sở LĐ-TB&XH", "Ban Quản lý các khu kinh tế và khu công nghiệp",
    "Sở TN&MT", "Sở Ngoại vụ",
]
HUYEN_2023 = [
    "Quế Sơn", "Tam Kỳ", "Núi Thành", "Thăng Bình", "Đại Lộc", "Bắc Trà My", "Duy Xuyên", "Hội An",
    "Phú Ninh", "Hiệp Đức", "Tiên Phước", "Nam Giang", "Điện Bàn", "Nam Trà My", "Phước Sơn",
    "Nông Sơn", "Đông Giang", "Tây Giang",
]
# (unit, bloc, published index in %, published class)
PUBLISHED = [
    ("Sở NN&PTNT", "Sở, ban, ngành", "95.26", "Tốt"),
    ("Sở Ngoại vụ", "Sở, ban, ngành", "90.33", "Tốt"),
    ("Quế Sơn", "UBND huyện, thị xã, thành phố", "93.16", "Tốt"),
    ("Tây Giang", "UBND huyện, thị xã, thành phố", "85.42", "Khá"),
]


def test_2023_is_the_dti_edition_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rubric = ia.rubric("quangnam", 2023)
    assert (rubric.edition, rubric.years, rubric.year_warning()) == ("2023", (2023, 2024), None)
    assert rubric.edition_label == "quangnam:2023"  # the rule of the index was not found: no number
    assert [g.id for g in rubric.groups] == ["dti"] and rubric.bloc_max("so_ban_nganh") == 100


def test_2022_and_2024_warn_naming_the_edition_used_and_2025_is_no_edition() -> None:
    with pytest.warns(ia.EditionYearWarning, match=r"2022: computed with edition quangnam:2018 \(QĐ 2683/QĐ-UBND\).*after 2021"):
        assert ia.rubric("quangnam", 2022).edition == "2018"
    with pytest.warns(ia.EditionYearWarning, match=r"2024: computed with edition quangnam:2023.*after 2023"):
        assert ia.rubric("quangnam", 2024).edition == "2023"
    with pytest.raises(ia.EditionNotFound, match="2025"):
        ia.rubric("quangnam", 2025)


def test_the_rosters_are_the_published_order_and_its_spellings() -> None:
    rubric = ia.rubric("quangnam", 2023)
    for bloc, names in (("so_ban_nganh", SO_2023), ("huyen_tx_tp", HUYEN_2023)):
        roster = [u.name for u in rubric.units if u.bloc == bloc]
        found = [rubric.find_unit(n) for n in names]
        assert all(u is not None for u in found), [n for n, u in zip(names, found) if u is None]
        assert [u.name for u in found] == roster  # the roster lists them in the published order
        assert rubric.bloc(bloc).roster_complete


def test_published_indices_fall_in_the_published_classes() -> None:
    rubric = ia.rubric("quangnam", 2023)
    data = {"unit": [p[0] for p in PUBLISHED], "bloc": [p[1] for p in PUBLISHED], "total": [p[2] for p in PUBLISHED]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the other roster units have no row here
        records = {r["unit"]: r for r in ia.rank(rubric, data).to_records()}
    for unit, _, total, band in PUBLISHED:
        rec = records[rubric.find_unit(unit).name]  # type: ignore[union-attr]
        assert (rec["total"], rec["band"]) == (float(total), band)
    assert records["Sở Nông nghiệp và Phát triển nông thôn"]["rank"] == 1 and records["Sở Ngoại vụ"]["rank"] == 2
    assert records["Huyện Quế Sơn"]["rank"] == 1 and records["Huyện Tây Giang"]["rank"] == 2


def test_every_assumed_threshold_says_why() -> None:
    prov = ia.rubric("quangnam", 2023).provenance()
    assumed = [p for p in prov if p["status"] == "assumed"]
    assert {p["item"] for p in assumed} >= {"band Tốt", "band Khá"}
    assert all(p["reason"] for p in assumed)
    assert "(85.42, 90.33]" in next(p["reason"] for p in assumed if p["item"] == "band Tốt")


def test_2023_is_titled_as_a_digital_transformation_ranking_and_2018_is_not() -> None:
    assert ia.rubric("quangnam", 2023).assessment == "dti"
    assert ia.rubric("quangnam", 2018).assessment == "ict"
