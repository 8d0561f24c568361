"""Editions that know the years their sources support, and a known successor."""

from __future__ import annotations

import json
import warnings

import ict_adoption as ia
import pytest
from ict_adoption import EditionNotFound, EditionYearWarning, Region, hookimpl, loads_rubric
from ict_adoption.region_plugins import Registry
from ict_adoption.model.edition_facts import ProvenanceList, years_supported

BASE = """
schema = 1
region = "xa"
edition = "2018"
title = "Quy định thử"
first_year = 2018
precision = 2
source = "qd"
{extra}

[[sources]]
id = "qd"
kind = "decision"
number = "12/QĐ-UBND"
issuer = "UBND"
title = "Quy định thử"

[[groups]]
id = "g"
name = "Nhóm"
max = 100
source = "qd"

[[blocs]]
id = "b"
name = "Khối"
source = "qd"

[[bands]]
label = "Tốt"
min = 80
source = "qd"

[[bands]]
label = "Khá"
assumed = "threshold not published"
"""


def _rubric(extra: str = ""):  # type: ignore[no-untyped-def]
    return loads_rubric(BASE.format(extra=extra), origin="test.toml")


def _registry(extra: str) -> Registry:
    class Plugin:
        @hookimpl
        def ict_adoption_regions(self) -> list[Region]:
            return [Region(code="xa", name="Xã thử", editions=[_rubric(extra)])]

    return Registry.from_plugins([("xa", Plugin())])


def test_supported_years() -> None:
    assert years_supported((2018, None), None) == 2018
    assert years_supported((2018, 2020), None) == 2020
    assert years_supported((2018, None), 2021) == 2021
    assert _rubric("supported_until = 2021").supported_last == 2021


def test_a_year_within_the_supported_years_gives_no_warning() -> None:
    reg = _registry("supported_until = 2021")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = reg.rubric("xa", 2021)
    assert r.asked_year is None and r.year_warning() is None and r.edition_record()["warning"] is None
    assert r is reg.rubric("xa", 2018)  # within the supported years: the edition itself


def test_a_later_year_warns_naming_edition_regulation_and_last_supported_year() -> None:
    reg = _registry("supported_until = 2021")
    with pytest.warns(EditionYearWarning, match=r"2023: computed with edition xa:2018 \(QĐ 12/QĐ-UBND\).*after 2021"):
        r = reg.rubric("xa", 2023)
    assert r == _rubric("supported_until = 2021")  # the asked year is display metadata
    vi = r.year_warning("vi")
    assert vi is not None and "năm đánh giá 2023" in vi and "xa:2018" in vi and "sau năm 2021" in vi
    rec = r.edition_record()
    assert rec["region"] == "xa" and rec["edition"] == "2018" and rec["regulation"] == "12/QĐ-UBND"
    assert rec["year"] == 2023 and rec["supported_until"] == 2021 and rec["warning"] == vi


def test_a_known_successor_is_an_error_not_a_fallback() -> None:
    reg = _registry('superseded_by = "QĐ 99/QĐ-UBND"\nsuperseded_from = 2024')
    with pytest.raises(EditionNotFound, match=r"2024 falls under QĐ 99/QĐ-UBND \(from 2024\).*not modelled"):
        reg.rubric("xa", 2024)
    with pytest.warns(EditionYearWarning):
        assert reg.rubric("xa", 2023).edition == "2018"


def test_a_known_predecessor_is_an_error_naming_it_not_a_bare_no_edition() -> None:
    reg = _registry('preceded_by = "QĐ 7/QĐ-UBND"\npreceded_from = 2015')
    for year in (2015, 2017):
        with pytest.raises(EditionNotFound, match=rf"{year} falls under QĐ 7/QĐ-UBND \(from 2015 to 2017\).*applies from 2018"):
            reg.rubric("xa", year)
    with pytest.raises(EditionNotFound, match="has no edition for the assessment year 2014"):
        reg.rubric("xa", 2014)  # before the predecessor: nothing is known
    rec = reg.rubric("xa", 2018).edition_record()
    assert (rec["preceded_by"], rec["preceded_from"]) == ("QĐ 7/QĐ-UBND", 2015)


def test_the_predecessor_message_is_in_vietnamese_on_the_command_line(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from ict_adoption.cli import main
    from ict_adoption.region_plugins import registry as registry_module

    monkeypatch.setattr(registry_module, "_default", _registry('preceded_by = "QĐ 7/QĐ-UBND"\npreceded_from = 2015'))
    assert main(["rubric", "xa:2016"]) == 4
    err = capsys.readouterr().err
    assert "năm đánh giá 2016 thuộc QĐ 7/QĐ-UBND (từ năm 2015 đến năm 2017)" in err and "áp dụng từ năm 2018" in err


@pytest.mark.parametrize(
    "extra, message",
    [
        ('preceded_by = "QĐ 1"', "preceded_by and preceded_from together"),
        ('preceded_by = "QĐ 1"\npreceded_from = 2018', "preceded_from 2018 must come before the edition's first year 2018"),
        ('preceded_by = "QĐ 1"\npreceded_from = "2016"', "preceded_from: expected a year"),
        ("supported_until = 2017", "supported_until 2017 lies outside"),
        ("last_year = 2019\nsupported_until = 2020", "supported_until 2020 lies outside"),
        ('superseded_by = "QĐ 1"', "superseded_by and superseded_from together"),
        ('superseded_by = "QĐ 1"\nsuperseded_from = 2018', "superseded_from 2018 must come after"),
        ('supported_until = "2020"', "supported_until: expected a year"),
    ],
)
def test_bad_year_fields_are_errors_naming_the_field(extra: str, message: str) -> None:
    with pytest.raises(ia.RubricError, match=message):
        _rubric(extra)


def test_year_fields_round_trip_through_the_file() -> None:
    r = _rubric('supported_until = 2021\nsuperseded_by = "QĐ 99"\nsuperseded_from = 2024\npreceded_by = "QĐ 7"\npreceded_from = 2016')
    assert loads_rubric(r.to_toml()) == r
    assert r.to_dict()["supported_until"] == 2021


def test_provenance_is_a_list_with_figures() -> None:
    prov = _rubric().provenance()
    assert isinstance(prov, ProvenanceList) and isinstance(prov, list)
    assert (len(prov), prov.published, prov.assumed) == (5, 4, 1)
    assert prov.share == 0.8
    assert prov.summary() == {"values": 5, "published": 4, "assumed": 1, "published_share": 0.8}
    assert ProvenanceList().share == 1.0


def test_rubric_json_has_the_share_and_the_edition(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ict_adoption.rubric_text import rubric_summary

    d = json.loads(json.dumps(rubric_summary(_rubric("supported_until = 2020")), default=str))
    assert d["published"] == 4 and d["assumed"] == 1 and d["published_share"] == 0.8
    assert d["edition_info"]["label"] == "xa:2018 (QĐ 12/QĐ-UBND)" and d["edition_info"]["supported_until"] == 2020


def test_regions_list_the_share_and_supported_years() -> None:
    info = _registry("supported_until = 2021").regions()[0].editions[0]
    assert (info.values, info.published, info.published_share, info.supported_until) == (5, 4, 0.8, 2021)
    assert info.to_dict()["published_share"] == info.published_share
