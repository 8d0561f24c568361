"""Quảng Nam editions: the 2015 round and QĐ 2683/QĐ-UBND (2018 onwards).

Structural tests run on the edition files loaded directly (``load_rubric``, no entry
points) and on what the installed plugin registers (``ict_adoption.rubric``).
Expected values come from the published 2015 report (tests/published/sources.csv) and
the regulations' reported content, never from the code.
"""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import as_file
from pathlib import Path

import pytest

import ict_adoption as ia

# the edition files, loaded directly (no entry point needed)
EDITIONS_DIR = Path(__file__).resolve().parents[1] / "src" / "ict_adoption_quangnam" / "editions"

CLASSES = ["Tốt", "Khá", "Trung bình", "Yếu"]
CLASSES_EN = ["Good", "Fair", "Average", "Weak"]

GROUPS_2015 = [
    "Hạ tầng kỹ thuật CNTT",
    "Hạ tầng nhân lực CNTT",
    "Ứng dụng CNTT",
    "Môi trường tổ chức – chính sách",
]
BLOCS_2015 = ["Sở, Ban, ngành", "Huyện, thành phố"]
GROUPS_2018 = [
    "Hạ tầng kỹ thuật CNTT và an toàn thông tin",
    "Ứng dụng CNTT trong hoạt động nội bộ",
    "Ứng dụng CNTT phục vụ người dân và doanh nghiệp",
    "Nguồn nhân lực CNTT",
    "Môi trường tổ chức và chính sách",
]
BLOCS_2018 = ["Sở, ban, ngành", "UBND huyện, thị xã, thành phố"]

# Administrative fact (the edition's source 'dvhc'): 18 district-level units.
DISTRICTS = {
    "Thành phố Tam Kỳ", "Thành phố Hội An", "Thị xã Điện Bàn", "Huyện Thăng Bình",
    "Huyện Quế Sơn", "Huyện Nông Sơn", "Huyện Duy Xuyên", "Huyện Đại Lộc", "Huyện Đông Giang",
    "Huyện Tây Giang", "Huyện Nam Giang", "Huyện Phước Sơn", "Huyện Hiệp Đức",
    "Huyện Tiên Phước", "Huyện Bắc Trà My", "Huyện Nam Trà My", "Huyện Núi Thành",
    "Huyện Phú Ninh",
}


@pytest.fixture(params=["file", "registry"])
def ed2015(request: pytest.FixtureRequest) -> ia.Rubric:
    if request.param == "file":
        return ia.load_rubric(EDITIONS_DIR / "2015.toml")
    return ia.rubric("quangnam", 2015)


@pytest.fixture(params=["file", "registry-2018", "registry-2021", "registry-2022"])
def ed2018(request: pytest.FixtureRequest) -> ia.Rubric:
    if request.param == "file":
        return ia.load_rubric(EDITIONS_DIR / "2018.toml")
    return ia.rubric("quangnam", int(request.param.rsplit("-", 1)[1]))


# ----------------------------------------------------------------------------- 2015


def test_rubric_2015_has_two_blocs_and_four_groups() -> None:
    rubric = ia.rubric("quangnam", 2015)
    assert len(rubric.blocs) == 2
    assert len(rubric.groups) == 4


def test_2015_identity(ed2015: ia.Rubric) -> None:
    assert (ed2015.region, ed2015.edition, ed2015.years) == ("quangnam", "2015", (2015, 2015))
    assert ed2015.precision == 2
    report = next(s for s in ed2015.sources if s.kind == "report")
    assert report.date == "2015-12-30"
    assert report.issuer == "Sở Thông tin và Truyền thông tỉnh Quảng Nam"
    assert ed2015.default_provenance is not None and ed2015.default_provenance.source == report.id


def test_2015_structure(ed2015: ia.Rubric) -> None:
    assert [g.name for g in ed2015.groups] == GROUPS_2015
    assert [b.name for b in ed2015.blocs] == BLOCS_2015
    assert all(x.name_en for x in (*ed2015.groups, *ed2015.blocs))
    assert [b.label for b in ed2015.bands] == CLASSES
    assert [b.label_en for b in ed2015.bands] == CLASSES_EN
    # 100-point scale: Tam Kỳ scored 98/100
    for b in ed2015.blocs:
        assert ed2015.bloc_max(b.id) == Decimal(100)


def test_2015_rosters(ed2015: ia.Rubric) -> None:
    so = ed2015.bloc("Sở, Ban, ngành")
    huyen = ed2015.bloc("Huyện, thành phố")
    assert not so.roster_complete  # 31 units, only 4 named
    assert {u.name for u in ed2015.units if u.bloc == so.id} == {
        "Cục Thuế tỉnh Quảng Nam",
        "Sở Tài nguyên và Môi trường",
        "Sở Thông tin và Truyền thông",
        "Sở Công Thương",
    }
    assert huyen.roster_complete
    assert {u.name for u in ed2015.units if u.bloc == huyen.id} == DISTRICTS


@pytest.mark.parametrize(
    "spelling, official",
    [
        ("Cục thuế tỉnh Quảng Nam", "Cục Thuế tỉnh Quảng Nam"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở Thông tin và truyền thông", "Sở Thông tin và Truyền thông"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Tam Kỳ", "Thành phố Tam Kỳ"),
    ],
)
def test_2015_published_spellings_resolve(ed2015: ia.Rubric, spelling: str, official: str) -> None:
    unit = ed2015.find_unit(spelling)
    assert unit is not None, spelling
    assert unit.name == official


def test_2015_complete_roster_rejects_unknown_district(ed2015: ia.Rubric) -> None:
    with pytest.raises(ia.InputError, match="Huyện Không Có Thật"):
        ia.rank(ed2015, [{"unit": "Huyện Không Có Thật", "bloc": "Huyện, thành phố", "total": Decimal(70)}])


def test_2015_values_not_published_are_assumed(ed2015: ia.Rubric) -> None:
    prov = {p["item"]: p for p in ed2015.provenance()}
    for g in ed2015.groups:
        assert prov[f"group {g.id}"]["status"] == "assumed"
    for b in ed2015.bands:
        assert prov[f"band {b.label}"]["status"] == "assumed"
        assert prov[f"band {b.label}"]["reason"].strip()
    for b in ed2015.blocs:
        assert prov[f"bloc {b.id}"]["status"] == "published"


# ----------------------------------------------------------------------------- no source for 2016–2017


@pytest.mark.parametrize("year", [2014, 2016, 2017])
def test_uncovered_years_raise_edition_not_found(year: int) -> None:
    with pytest.raises(ia.EditionNotFound) as info:
        ia.rubric("quangnam", year)
    message = str(info.value)
    assert str(year) in message
    assert "2015" in message and "2018" in message  # the editions are listed


# ----------------------------------------------------------------------------- QĐ 2683 (2018+)


def test_2018_identity(ed2018: ia.Rubric) -> None:
    assert (ed2018.region, ed2018.edition) == ("quangnam", "2018")
    assert ed2018.years == (2018, 2022)  # the 2023 round is the DTI edition
    assert ed2018.precision == 2
    qd = next(s for s in ed2018.sources if s.number == "2683/QĐ-UBND")
    assert qd.date == "2018-09-05"
    assert qd.issuer == "UBND tỉnh Quảng Nam"
    assert ed2018.default_provenance is not None and ed2018.default_provenance.source == qd.id


def test_2018_structure(ed2018: ia.Rubric) -> None:
    assert [g.name for g in ed2018.groups] == GROUPS_2018
    assert [b.name for b in ed2018.blocs] == BLOCS_2018
    assert all(x.name_en for x in (*ed2018.groups, *ed2018.blocs))
    assert [b.label for b in ed2018.bands] == CLASSES
    assert [b.label_en for b in ed2018.bands] == CLASSES_EN
    for b in ed2018.blocs:
        assert ed2018.bloc_max(b.id) == Decimal(100)


def test_2018_inferred_bounds_are_marked_assumed(ed2018: ia.Rubric) -> None:
    tot, kha = ed2018.bands[0], ed2018.bands[1]
    assert (tot.label, tot.min) == ("Tốt", Decimal(80))
    assert (kha.label, kha.min) == ("Khá", Decimal(70))
    # consistent with the 2021 results (QĐ 3992, reported)
    assert Decimal("74.57") < tot.min <= Decimal("82.81")
    assert kha.min <= Decimal("71.51")
    prov = {p["item"]: p for p in ed2018.provenance()}
    for label in ("Tốt", "Khá"):
        entry = prov[f"band {label}"]
        assert entry["status"] == "assumed"
        assert "inferred" in entry["reason"] and "2021" in entry["reason"]
    assert "74.57" in prov["band Tốt"]["reason"] and "82.81" in prov["band Tốt"]["reason"]
    assert "71.51" in prov["band Khá"]["reason"]


def test_2018_district_roster_listed_but_open(ed2018: ia.Rubric) -> None:
    huyen = ed2018.bloc("UBND huyện, thị xã, thành phố")
    assert {u.name for u in ed2018.units if u.bloc == huyen.id} == DISTRICTS
    assert not huyen.roster_complete


def test_region_is_registered() -> None:
    [info] = [r for r in ia.regions() if r.code == "quangnam"]
    assert info.name == "Tỉnh Quảng Nam"
    assert [e.edition for e in info.editions] == ["2015", "2018", "2023"]


def test_hook_returns_loadable_editions() -> None:
    import ict_adoption_quangnam

    [region] = ict_adoption_quangnam.ict_adoption_regions()
    assert region.code == "quangnam"
    loaded = []
    for item in region.editions:
        with as_file(item) as path:
            loaded.append(ia.load_rubric(path).edition)
    assert loaded == ["2015", "2018", "2023"]


@pytest.mark.parametrize("name", ["2015.toml", "2018.toml"])
def test_round_trip_to_toml(name: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / name)
    assert ia.loads_rubric(rubric.to_toml()) == rubric
