"""The national editions: years and successors, provenance share, rosters."""

from __future__ import annotations

import warnings

import ict_adoption as ia
import pytest
from ict_adoption_vietnam.provinces import PROVINCES_34, PROVINCES_63, aliases_of


def test_dti_2022_structure_is_published() -> None:
    prov = ia.rubric("vn-dti", 2022).provenance()
    assert prov.share == 1.0 and prov.assumed == 0  # every row of Bảng I.1 read (xã hội số: 150)
    assert ia.rubric("vn-dti", 2022).group("xahoi").max == 150


def test_dti_2023_is_supported_without_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rubric = ia.rubric("vn-dti", 2023)
    assert rubric.year_warning() is None and rubric.edition_record()["regulation"] == "922/QĐ-BTTTT"


@pytest.mark.parametrize("year", [2024, 2025])
def test_dti_2024_on_is_an_error_naming_qd405(year: int) -> None:
    """The 2024 round was computed with QĐ 405's structure (8 main indices, 47 components)."""
    with pytest.raises(ia.EditionNotFound, match=rf"{year} falls under QĐ 405/QĐ-BKHCN.*vn-dti:2022 \(QĐ 922/QĐ-BTTTT\)"):
        ia.rubric("vn-dti", year)


@pytest.mark.parametrize("year", [2020, 2021])
def test_dti_2020_and_2021_are_an_error_naming_qd1726(year: int) -> None:
    with pytest.raises(ia.EditionNotFound, match=rf"{year} falls under QĐ 1726/QĐ-BTTTT.*applies from 2022"):
        ia.rubric("vn-dti", year)


def test_dti_2022_cites_the_rounds_that_support_its_years() -> None:
    rubric = ia.rubric("vn-dti", 2022)
    assert (rubric.years, rubric.supported_last, rubric.superseded_from, rubric.preceded_from) == ((2022, 2023), 2023, 2024, 2020)
    assert {"dti2022", "dti2023", "dti2024"} <= {s.id for s in rubric.sources}


def test_regions_list_gives_the_published_share() -> None:
    info = {r.code: r for r in ia.regions()}
    dti = info["vn-dti"].editions[0]
    assert dti.published_share >= 0.8 and dti.to_dict()["published_share"] == dti.published_share
    assert info["vn-egov"].editions[0].published_share == 1.0


@pytest.mark.parametrize("region, year", [("vn-dti", 2022), ("vn-egov", 2017)])
def test_rosters_are_the_63_provinces_with_aliases(region: str, year: int) -> None:
    rubric = ia.rubric(region, year)
    assert [u.name for u in rubric.units] == list(PROVINCES_63)
    for name in PROVINCES_63:
        for alias in aliases_of(name):
            assert rubric.find_unit(alias) is not None and rubric.find_unit(alias).name == name, alias  # type: ignore[union-attr]


def test_rosters_have_the_right_counts() -> None:
    assert len(set(PROVINCES_63)) == 63 and len(set(PROVINCES_34)) == 34
    merged_away = set(PROVINCES_63) - set(PROVINCES_34)
    assert len(merged_away) == 63 - 34 + 1  # Thừa Thiên Huế is now "Huế"
    assert "Huế" in PROVINCES_34 and "TP. Huế" in aliases_of("Huế", after_2025=True)


def test_the_dti_is_titled_as_digital_transformation_and_the_2017_ict_ranking_is_not() -> None:
    assert ia.rubric("vn-dti", 2022).assessment == "dti"
    assert ia.rubric("vn-egov", 2017).assessment == "ict"
