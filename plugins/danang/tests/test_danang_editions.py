"""Đà Nẵng editions: the 2016–2020 rule (number not found) and QĐ 448/QĐ-UBND (2021).

Structural tests run on the edition files loaded directly (``load_rubric``, no entry
points) and on what the installed plugin registers (``ict_adoption.rubric``).
Expected values come from the published results (tests/published/sources.csv) and
the regulations' reported content, never from the code.
"""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import as_file
from pathlib import Path

import pytest

import ict_adoption as ia

# the edition files, loaded directly (no entry point needed)
EDITIONS_DIR = Path(__file__).resolve().parents[1] / "src" / "ict_adoption_danang" / "editions"

CLASSES = ["Tốt", "Khá", "Trung bình", "Yếu"]
CLASSES_EN = ["Good", "Fair", "Average", "Weak"]
GROUPS_2016 = ["Hạ tầng kỹ thuật", "Ứng dụng", "Nhân lực", "Chính sách"]
BLOCS_2016 = ["Sở, ban, ngành", "Cơ quan Trung ương", "UBND quận, huyện", "UBND phường, xã"]
BLOCS_2021 = [
    "Sở, ban, ngành có bộ thủ tục hành chính",
    "Đơn vị thuộc UBND thành phố không có bộ thủ tục hành chính",
    "Cơ quan Trung ương",
    "UBND quận, huyện",
    "UBND phường, xã",
]
# Administrative fact (the editions' source 'dvhc').
DISTRICTS = {
    "UBND quận Hải Châu", "UBND quận Thanh Khê", "UBND quận Sơn Trà", "UBND quận Ngũ Hành Sơn",
    "UBND quận Liên Chiểu", "UBND quận Cẩm Lệ", "UBND huyện Hòa Vang", "UBND huyện Hoàng Sa",
}


@pytest.fixture(params=["file", "registry-2016", "registry-2018", "registry-2020"])
def ed2016(request: pytest.FixtureRequest) -> ia.Rubric:
    if request.param == "file":
        return ia.load_rubric(EDITIONS_DIR / "2016.toml")
    return ia.rubric("danang", int(request.param.rsplit("-", 1)[1]))


@pytest.fixture(params=["file", "registry"])
def ed2021(request: pytest.FixtureRequest) -> ia.Rubric:
    if request.param == "file":
        return ia.load_rubric(EDITIONS_DIR / "2021.toml")
    return ia.rubric("danang", 2021)


# ----------------------------------------------------------------------------- 2016–2020


def test_2016_identity(ed2016: ia.Rubric) -> None:
    assert (ed2016.region, ed2016.edition, ed2016.years) == ("danang", "2016", (2016, 2020))
    assert ed2016.precision == 2
    rule = ed2016.sources[0]
    assert rule.kind == "decision"
    assert rule.number is None  # the number was not found, and the file says so
    assert "not found" in (rule.note or "").lower()
    assert "chưa tìm thấy" in ed2016.title


def test_2016_structure(ed2016: ia.Rubric) -> None:
    assert [g.name for g in ed2016.groups] == GROUPS_2016
    assert [b.name for b in ed2016.blocs] == BLOCS_2016
    assert all(x.name_en for x in (*ed2016.groups, *ed2016.blocs))
    assert [b.label for b in ed2016.bands] == CLASSES
    assert [b.label_en for b in ed2016.bands] == CLASSES_EN
    for b in ed2016.blocs:
        assert ed2016.bloc_max(b.id) == Decimal(100)  # scores published out of 100


def test_2016_published_leader_is_good(ed2016: ia.Rubric) -> None:
    # Sở TT&TT, 93.94, was Tốt in 2018: the (assumed) bound must allow it
    assert ed2016.bands[0].label == "Tốt"
    assert ed2016.bands[0].min <= Decimal("93.94")


# ----------------------------------------------------------------------------- QĐ 448 (2021)


def test_rubric_2021_has_five_blocs() -> None:
    assert len(ia.rubric("danang", 2021).blocs) == 5


def test_2021_identity(ed2021: ia.Rubric) -> None:
    assert (ed2021.region, ed2021.edition, ed2021.years) == ("danang", "2021", (2021, 2021))
    assert ed2021.precision == 2
    qd = next(s for s in ed2021.sources if s.number == "448/QĐ-UBND")
    assert (qd.kind, qd.date, qd.issuer) == ("decision", "2022-02-09", "UBND thành phố Đà Nẵng")
    assert ed2021.default_provenance is not None and ed2021.default_provenance.source == qd.id


def test_2021_structure(ed2021: ia.Rubric) -> None:
    assert [b.name for b in ed2021.blocs] == BLOCS_2021
    assert all(b.name_en for b in ed2021.blocs)
    assert [b.label for b in ed2021.bands] == CLASSES
    assert [b.label_en for b in ed2021.bands] == CLASSES_EN
    for b in ed2021.blocs:
        assert ed2021.bloc_max(b.id) == Decimal(100)


def test_2021_bounds_agree_with_published(ed2021: ia.Rubric) -> None:
    tot = ed2021.bands[0]
    assert tot.label == "Tốt" and tot.min <= Decimal("83.06")  # Thanh tra thành phố: Tốt with 83.06
    prov = {p["item"]: p for p in ed2021.provenance()}
    for b in ed2021.bands:
        assert prov[f"band {b.label}"]["status"] == "assumed"
    assert "83.06" in prov["band Tốt"]["reason"]


def test_2021_groups_are_placeholders(ed2021: ia.Rubric) -> None:
    prov = {p["item"]: p for p in ed2021.provenance()}
    for g in ed2021.groups:
        entry = prov[f"group {g.id}"]
        assert entry["status"] == "assumed"
        assert "448" in entry["reason"] and "placeholder" in entry["reason"]
    for b in ed2021.blocs:
        assert prov[f"bloc {b.id}"]["status"] == "published"


# ----------------------------------------------------------------------------- rosters


@pytest.mark.parametrize("which", ["2016", "2021"])
def test_district_roster_complete(which: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / f"{which}.toml")
    bloc = rubric.bloc("UBND quận, huyện")
    assert bloc.roster_complete
    assert {u.name for u in rubric.units if u.bloc == bloc.id} == DISTRICTS
    with pytest.raises(ia.InputError, match="UBND quận Không Có Thật"):
        ia.rank(rubric, [{"unit": "UBND quận Không Có Thật", "bloc": "UBND quận, huyện", "total": Decimal(80)}])


@pytest.mark.parametrize(
    "which, spelling, official",
    [
        ("2016", "Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("2016", "Sở Lao động-Thương binh và xã hội", "Sở Lao động - Thương binh và Xã hội"),
        ("2016", "Cục Thuế thành phố", "Cục Thuế thành phố Đà Nẵng"),
        ("2016", "UBND phường Hòa Hiệp Bắc (quận Liên Chiểu)", "UBND phường Hòa Hiệp Bắc"),
        ("2021", "Cục Hải quan thành phố", "Cục Hải quan thành phố Đà Nẵng"),
        ("2021", "Bảo hiểm xã hội thành phố", "Bảo hiểm xã hội thành phố Đà Nẵng"),
        ("2021", "Thanh tra thành phố", "Thanh tra thành phố"),
        ("2021", "Thanh Khê", "UBND quận Thanh Khê"),
    ],
)
def test_published_spellings_resolve(which: str, spelling: str, official: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / f"{which}.toml")
    unit = rubric.find_unit(spelling)
    assert unit is not None, spelling
    assert unit.name == official


# ----------------------------------------------------------------------------- registry


@pytest.mark.parametrize("year", [2015, 2023, 2024])
def test_years_without_an_edition(year: int) -> None:
    with pytest.raises(ia.EditionNotFound) as info:
        ia.rubric("danang", year)
    message = str(info.value)
    assert all(e in message for e in ("2016", "2021", "2022", "2025"))


@pytest.mark.parametrize(
    "year, edition",
    [(2016, "2016"), (2020, "2016"), (2021, "2021"), (2022, "2022"), (2025, "2025"), (2027, "2025")],
)
def test_edition_by_year(year: int, edition: str) -> None:
    assert ia.rubric("danang", year).edition == edition


def test_region_is_registered() -> None:
    [info] = [r for r in ia.regions() if r.code == "danang"]
    assert info.name == "Thành phố Đà Nẵng"
    assert [e.edition for e in info.editions] == ["2016", "2021", "2022", "2025"]


def test_hook_returns_loadable_editions() -> None:
    import ict_adoption_danang

    [region] = ict_adoption_danang.ict_adoption_regions()
    assert region.code == "danang"
    loaded = []
    for item in region.editions:
        with as_file(item) as path:
            loaded.append(ia.load_rubric(path).edition)
    assert loaded == ["2016", "2021", "2022", "2025"]


# ----------------------------------------------------------------------------- optional editions


def test_2022_is_2021_carried_over_and_says_so() -> None:
    ed2022 = ia.load_rubric(EDITIONS_DIR / "2022.toml")
    ed2021 = ia.load_rubric(EDITIONS_DIR / "2021.toml")
    assert ed2022.years == (2022, 2022)
    qd73 = next(s for s in ed2022.sources if s.number == "73/QĐ-UBND")
    assert qd73.date == "2023-01-13"
    assert ed2022.default_provenance is not None and ed2022.default_provenance.source == qd73.id
    assert [b.name for b in ed2022.blocs] == BLOCS_2021
    assert [b.label for b in ed2022.bands] == CLASSES
    assert [(g.id, g.points_max) for g in ed2022.groups] == [(g.id, g.points_max) for g in ed2021.groups]
    for p in ed2022.provenance():
        if p["item"] != "rubric":
            assert p["status"] == "assumed", p["item"]
            assert "QĐ 73" in p["reason"], p["item"]


GROUPS_2025 = [
    ("Nhận thức số", "regular"),
    ("Thể chế số", "regular"),
    ("Hạ tầng số", "regular"),
    ("Ứng dụng công nghệ số", "regular"),
    ("Dịch vụ công trực tuyến", "regular"),
    ("Nhân lực số", "regular"),
    ("Xã hội số", "regular"),
    ("Điểm thưởng", "bonus"),
    ("Điểm trừ", "penalty"),
]


def test_2025_structure() -> None:
    ed = ia.load_rubric(EDITIONS_DIR / "2025.toml")
    assert ed.years == (2025, None)
    qd = next(s for s in ed.sources if s.number == "2386/QĐ-UBND")
    assert qd.date == "2025-11-05"
    assert [(g.name, g.kind) for g in ed.groups] == GROUPS_2025
    assert [b.name for b in ed.blocs] == ["Sở, ngành", "Cơ quan Trung ương", "UBND phường, xã"]
    assert not any("quận" in b.name.lower() for b in ed.blocs)  # no district level after 2025
    # Xã hội số is scored for phường/xã only
    assert ed.applies("phuong_xa", "xahoiso")
    assert not ed.applies("so_nganh", "xahoiso") and not ed.applies("trung_uong", "xahoiso")
    for b in ed.blocs:
        assert ed.bloc_max(b.id) == Decimal(100)
    assert [b.label for b in ed.bands] == ["Xuất sắc", "Tốt", "Khá", "Trung bình khá"]
    prov = {p["item"]: p for p in ed.provenance()}
    for g in ed.groups:
        assert prov[f"group {g.id}"]["status"] == "assumed"
    for b in ed.bands:
        assert prov[f"band {b.label}"]["status"] == "assumed"


def test_2025_bonus_added_penalty_subtracted() -> None:
    ed = ia.load_rubric(EDITIONS_DIR / "2025.toml")
    data = {
        "unit": ["Sở minh họa", "UBND phường minh họa"],
        "bloc": ["Sở, ngành", "UBND phường, xã"],
        "nhanthuc": [8, 9],
        "thiche": [7, 9],
        "hatang": [12, 14],
        "ungdung": [20, 18],
        "dvctt": [21, 17],
        "nhanluc": [11, 13],
        "xahoiso": [None, 8],
        "diemthuong": [Decimal("2.5"), 0],
        "diemtru": [1, Decimal("0.75")],
    }
    records = {r["unit"]: r for r in ia.rank(ed, data).to_records()}
    assert Decimal(str(records["Sở minh họa"]["total"])) == Decimal("80.5")  # 79 + 2.5 - 1
    assert Decimal(str(records["UBND phường minh họa"]["total"])) == Decimal("87.25")  # 88 - 0.75
    assert records["Sở minh họa"]["band"] == "Tốt"


@pytest.mark.parametrize("name", ["2016.toml", "2021.toml", "2022.toml", "2025.toml"])
def test_round_trip_to_toml(name: str) -> None:
    rubric = ia.load_rubric(EDITIONS_DIR / name)
    assert ia.loads_rubric(rubric.to_toml()) == rubric
