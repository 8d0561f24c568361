"""Hà Nội edition QĐ 5058/QĐ-BCĐ: structure as the sources give it.

Each structural test runs twice over: on the edition file loaded directly with
``load_rubric`` (no entry points needed) and on what the installed plugin registers
(``ict_adoption.rubric("hanoi", year)``). Expected values come from the sources
(the published 2013 results, tests/published/sources.csv, and the
regulation's reported content), never from the code.
"""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import as_file
from pathlib import Path

import pytest

import ict_adoption as ia

# the edition files, loaded directly (no entry point needed)
EDITIONS_DIR = Path(__file__).resolve().parents[1] / "src" / "ict_adoption_hanoi" / "editions"

# The four content groups, in order, as the 2013 results announcement lists them.
GROUPS = [
    "Hạ tầng kỹ thuật CNTT",
    "Ứng dụng CNTT trong hoạt động nội bộ và phục vụ người dân, doanh nghiệp",
    "Nguồn nhân lực CNTT",
    "Cơ chế, chính sách và quy định thúc đẩy ứng dụng CNTT",
]
BLOCS = ["Sở, ngành", "Quận / Thị xã", "Huyện", "Phường / Thị trấn", "Xã"]
CLASSES = ["Tốt", "Khá", "Trung bình", "Yếu"]
CLASSES_EN = ["Good", "Fair", "Average", "Weak"]

# Administrative facts (see the edition's source 'dvhc').
QUAN_2013 = {
    "Quận Ba Đình", "Quận Hoàn Kiếm", "Quận Tây Hồ", "Quận Long Biên", "Quận Cầu Giấy",
    "Quận Đống Đa", "Quận Hai Bà Trưng", "Quận Hoàng Mai", "Quận Thanh Xuân", "Quận Hà Đông",
    "Thị xã Sơn Tây",
}
QUAN_2014_NEW = {"Quận Bắc Từ Liêm", "Quận Nam Từ Liêm"}
HUYEN_2013 = {
    "Huyện Từ Liêm", "Huyện Thanh Trì", "Huyện Gia Lâm", "Huyện Đông Anh", "Huyện Sóc Sơn",
    "Huyện Mê Linh", "Huyện Ba Vì", "Huyện Phúc Thọ", "Huyện Đan Phượng", "Huyện Hoài Đức",
    "Huyện Quốc Oai", "Huyện Thạch Thất", "Huyện Chương Mỹ", "Huyện Thanh Oai",
    "Huyện Thường Tín", "Huyện Phú Xuyên", "Huyện Ứng Hòa", "Huyện Mỹ Đức",
}


@pytest.fixture(params=["file", "registry-2013", "registry-2014", "registry-2015"])
def edition(request: pytest.FixtureRequest) -> ia.Rubric:
    if request.param == "file":
        return ia.load_rubric(EDITIONS_DIR / "2013.toml")
    return ia.rubric("hanoi", int(request.param.rsplit("-", 1)[1]))


def test_identity(edition: ia.Rubric) -> None:
    assert edition.region == "hanoi"
    assert edition.edition == "2013"
    assert edition.years == (2013, 2015)  # 2015: Sở TT&TT Hà Nội, 08/12/2015, names QĐ 5058
    assert edition.precision == 2
    assert edition.band_basis == "total"
    assert edition.ranking.method == "competition"


def test_legal_source(edition: ia.Rubric) -> None:
    by_number = {s.number: s for s in edition.sources if s.number}
    qd = by_number["5058/QĐ-BCĐ"]
    assert qd.kind == "decision"
    assert qd.date == "2013-08-22"
    assert qd.issuer == "Ban Chỉ đạo Chương trình CNTT Thành phố Hà Nội"
    assert edition.default_provenance is not None
    assert edition.default_provenance.source == qd.id
    assert "5058/QĐ-BCĐ" in edition.title


def test_four_groups(edition: ia.Rubric) -> None:
    assert [g.name for g in edition.groups] == GROUPS
    assert all(g.name_en for g in edition.groups)
    assert all(g.kind == "regular" for g in edition.groups)
    for b in edition.blocs:
        assert edition.bloc_max(b.id) == Decimal(100)


def test_five_blocs(edition: ia.Rubric) -> None:
    assert [b.name for b in edition.blocs] == BLOCS
    assert all(b.name_en for b in edition.blocs)
    # the announcement's own wordings find the blocs
    assert edition.bloc("Quận/ Thị xã").name == "Quận / Thị xã"
    assert edition.bloc("Phường/ Thị trấn").name == "Phường / Thị trấn"


def test_classes(edition: ia.Rubric) -> None:
    assert [b.label for b in edition.bands] == CLASSES
    assert [b.label_en for b in edition.bands] == CLASSES_EN


def test_provenance_is_explicit(edition: ia.Rubric) -> None:
    prov = {p["item"]: p for p in edition.provenance()}
    assert not [p for p in prov.values() if p.get("reason") == "no provenance given"]
    # points and thresholds are not published: assumed, with a reason
    for g in edition.groups:
        assert prov[f"group {g.id}"]["status"] == "assumed"
        assert prov[f"group {g.id}"]["reason"].strip()
        assert "5058" in prov[f"group {g.id}"]["citation"]  # the structure is the decision's
    for b in edition.bands:
        assert prov[f"band {b.label}"]["status"] == "assumed"
        assert prov[f"band {b.label}"]["reason"].strip()
    # the blocs are published (hanoi-2013-results)
    for b in edition.blocs:
        assert prov[f"bloc {b.id}"]["status"] == "published"


def test_rosters(edition: ia.Rubric) -> None:
    def roster(name: str) -> set[str]:
        bloc = edition.bloc(name)
        return {u.name for u in edition.units if u.bloc == bloc.id}

    assert edition.bloc("Quận / Thị xã").roster_complete
    assert roster("Quận / Thị xã") == QUAN_2013 | QUAN_2014_NEW
    assert edition.bloc("Huyện").roster_complete
    assert roster("Huyện") == HUYEN_2013
    # only what the sources name; these rosters are not complete
    assert not edition.bloc("Sở, ngành").roster_complete
    assert roster("Sở, ngành") == {"Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Thông tin và Truyền thông"}
    assert not edition.bloc("Phường / Thị trấn").roster_complete
    assert not edition.bloc("Xã").roster_complete


@pytest.mark.parametrize(
    "spelling, official",
    [
        ("Long Biên", "Quận Long Biên"),
        ("Tây Hồ", "Quận Tây Hồ"),
        ("Phường Thượng Thanh (quận Long Biên)", "Phường Thượng Thanh"),
        ("Phường Gia Thụy (quận Long Biên)", "Phường Gia Thụy"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ],
)
def test_published_spellings_resolve(edition: ia.Rubric, spelling: str, official: str) -> None:
    unit = edition.find_unit(spelling)
    assert unit is not None, spelling
    assert unit.name == official


def test_complete_roster_rejects_unknown_district(edition: ia.Rubric) -> None:
    with pytest.raises(ia.InputError, match="Huyện Không Có Thật"):
        ia.rank(edition, [{"unit": "Huyện Không Có Thật", "bloc": "Huyện", "total": Decimal("60")}])


def test_incomplete_roster_accepts_unnamed_ward(edition: ia.Rubric) -> None:
    ranking = ia.rank(edition, [{"unit": "Phường minh họa 99", "bloc": "Phường / Thị trấn", "total": Decimal("72.5")}])
    [rec] = ranking.to_records()
    assert rec["unit"] == "Phường minh họa 99"
    assert rec["bloc"] == edition.bloc("Phường / Thị trấn").id


@pytest.mark.parametrize("year", [2012, 2016])
def test_years_outside_the_edition(year: int) -> None:
    with pytest.raises(ia.EditionNotFound):
        ia.rubric("hanoi", year)


def test_region_is_registered() -> None:
    found = [r for r in ia.regions() if r.code == "hanoi"]
    assert len(found) == 1
    assert found[0].name == "Thành phố Hà Nội"
    assert [e.edition for e in found[0].editions] == ["2013"]


def test_hook_returns_loadable_editions() -> None:
    import ict_adoption_hanoi

    [region] = ict_adoption_hanoi.ict_adoption_regions()
    assert region.code == "hanoi"
    assert region.name_en == "Hanoi"
    assert len(region.editions) == 1
    for item in region.editions:
        with as_file(item) as path:
            assert ia.load_rubric(path).region == "hanoi"


def test_round_trip_to_toml(edition: ia.Rubric) -> None:
    assert ia.loads_rubric(edition.to_toml()) == edition
