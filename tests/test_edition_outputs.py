"""Every output of a ranking names the edition it was computed with and, when the
edition was looked up for a year past what its sources support, carries the year
warning: records and JSON, text, Markdown, HTML, Excel, the report, the CLI."""

from __future__ import annotations

import io
import json
import warnings
from typing import Any

import pytest

import ict_adoption as ia
from ict_adoption import EditionYearWarning, Region, hookimpl, loads_rubric
from ict_adoption.cli import main
from ict_adoption.io.writers import render
from ict_adoption.region_plugins import Registry
from ict_adoption.region_plugins import registry as registry_module
from ict_adoption.report import build_report
from ict_adoption.views.html import ranking_html
from ict_adoption.views.json_text import records_json

RUBRIC = """
schema = 1
region = "xa"
edition = "2018"
title = "Quy định thử"
first_year = 2018
supported_until = 2021
precision = 2
source = "qd"

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
label_en = "Good"
min = 80
source = "qd"

[[bands]]
label = "Khá"
label_en = "Fair"
source = "qd"
"""

DATA = {"unit": ["Sở A", "Sở B", "Sở C"], "bloc": ["b", "b", "b"], "g": [90, 70, 90]}
LABEL = "xa:2018 (QĐ 12/QĐ-UBND)"
VI = "năm đánh giá 2023: tính theo bộ tiêu chí xa:2018 (QĐ 12/QĐ-UBND)"
EN = "assessment year 2023: computed with edition xa:2018 (QĐ 12/QĐ-UBND)"


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    class Plugin:
        @hookimpl
        def ict_adoption_regions(self) -> list[Region]:
            return [Region(code="xa", name="Xã thử", editions=[loads_rubric(RUBRIC, origin="xa.toml")])]

    reg = Registry.from_plugins([("xa", Plugin())])
    monkeypatch.setattr(registry_module, "_default", reg)
    return reg


def _ranking(registry: Registry, year: int) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EditionYearWarning)
        return ia.rank(registry.rubric("xa", year), DATA)


@pytest.fixture
def past(registry: Registry) -> Any:
    """Ranked with the edition looked up for 2023, past its supported 2021."""
    return _ranking(registry, 2023)


@pytest.fixture
def within(registry: Registry) -> Any:
    return _ranking(registry, 2021)


def test_metadata_names_the_edition_and_the_warning_in_both_languages(past: Any, within: Any) -> None:
    vi, en = past.metadata(), past.metadata("en")
    for meta in (vi, en):
        assert meta["label"] == LABEL and meta["regulation"] == "12/QĐ-UBND" and meta["method"] == "competition"
        assert (meta["region"], meta["edition"], meta["year"], meta["supported_until"]) == ("xa", "2018", 2023, 2021)
    assert vi["warning"].startswith(VI) and "sau năm 2021" in vi["warning"]
    assert en["warning"].startswith(EN) and "after 2021" in en["warning"]
    inside = within.metadata("en")
    assert inside["warning"] is None and inside["year"] is None and inside["label"] == LABEL


def test_records_name_the_edition_and_carry_the_warning_only_past_the_supported_years(past: Any, within: Any) -> None:
    for rec in within.to_records():
        assert rec["edition"] == LABEL
        assert "edition_warning" not in rec and "edition_warning_en" not in rec
    for rec in past.to_records():
        assert rec["edition"] == LABEL
        assert rec["edition_warning"] == past.rubric.year_warning("vi")
        assert rec["edition_warning_en"] == past.rubric.year_warning("en")
    assert list(past.to_records()[0])[-3:] == ["edition", "edition_warning", "edition_warning_en"]


@pytest.mark.parametrize("which", ["past", "within"])
def test_json_is_json_dumps_of_the_records(which: str, request: pytest.FixtureRequest) -> None:
    ranking = request.getfixturevalue(which)
    text = records_json(ranking)
    assert text == json.dumps(ranking.to_records(), ensure_ascii=False, indent=2)
    assert render(ranking, "json") == text


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "xlsx"])
@pytest.mark.parametrize("lang, head, words", [("vi", "Cảnh báo: ", VI), ("en", "Warning: ", EN)])
def test_each_format_shows_the_warning_past_the_supported_years_only(
    past: Any, within: Any, fmt: str, lang: str, head: str, words: str
) -> None:
    def shown(ranking: Any) -> str:
        out = render(ranking, fmt, lang=lang)
        return _xlsx_text(out) if isinstance(out, bytes) else out

    assert head + words in shown(past)
    assert head + words not in shown(within)
    assert words not in shown(within)
    if fmt == "text":
        assert shown(past).startswith(head + words)
        assert shown(past).endswith(shown(within))  # the tables are unchanged


def test_the_workbook_shows_the_warning_in_bold_on_its_provenance_sheet(past: Any) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(past, "xlsx", lang="en")))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str) and EN in c.value]
    assert len(cells) == 1 and cells[0].font.bold and cells[0].value.startswith("Warning: ")


def test_the_notebook_view_and_the_table_show_the_warning(past: Any, within: Any) -> None:
    assert "Cảnh báo: " + VI in ranking_html(past) and VI not in ranking_html(within)
    assert past.table(lang="en").startswith("Warning: " + EN)
    assert "Warning" not in within.table(lang="en")


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_the_report_shows_the_warning_once(past: Any, within: Any, fmt: str) -> None:
    out = build_report(past, fmt, lang="en")
    assert isinstance(out, str) and out.count(EN) == 1
    assert EN not in str(build_report(within, fmt, lang="en"))


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_rank_on_the_command_line_carries_the_warning(
    registry: Registry, tmp_path: Any, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    scores = tmp_path / "scores.csv"
    scores.write_text("unit,bloc,g\nSở A,b,90\nSở B,b,70\n", encoding="utf-8")
    code, out, err = _cli(capsys, "rank", "xa:2023", str(scores), "--format", fmt, "--lang", "en")
    assert code == 0
    assert err.count(EN) == 1  # said once on stderr
    if fmt == "json":
        records = json.loads(out)
        assert {r["edition"] for r in records} == {LABEL}
        assert all(r["edition_warning_en"].startswith(EN) and r["edition_warning"].startswith(VI) for r in records)
    else:
        assert EN in out
    code, out, err = _cli(capsys, "rank", "xa:2021", str(scores), "--format", fmt, "--lang", "en")
    assert code == 0 and EN not in out and "assessment year" not in err
    if fmt == "json":
        assert all(r["edition"] == LABEL and "edition_warning" not in r for r in json.loads(out))


def test_rank_json_of_a_rubric_file_names_its_edition_and_has_no_year_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    data = Path(__file__).parent / "data"
    code, out, _ = _cli(capsys, "rank", str(data / "rubric_minimal.toml"), str(data / "cli_scores.csv"), "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert len(records) == 5
    assert all(r["edition"] == "demo:2015 (QĐ 1/QĐ)" and "edition_warning" not in r for r in records)
