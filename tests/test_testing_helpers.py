"""ict_adoption.testing: the golden-test helpers plugins use against published results.

Checked on the fictional Song Lam edition and its example table (tests/fixtures), with
published-results files written to a temporary directory, so that every check is seen
to pass on true rows and to fail, with both values named, on false ones.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.testing import (
    BAND_FIELDS,
    UNITS_FIELDS,
    PublishedResults,
    read_scores,
    rows_from_tuples,
    slug,
)

FIXTURE = Path(__file__).parent / "fixtures" / "ict-adoption-example"
EDITION = FIXTURE / "src" / "ict_adoption_songlam" / "editions" / "2024.toml"
TABLE = FIXTURE / "examples" / "songlam_2024.csv"

UNITS = (
    ("songlam", "2024", "Sở, ban, ngành", "Sở Thông tin và Truyền thông", "91.50", "1", "no", "Tốt", "fictional"),
    ("songlam", "2024", "Sở, ban, ngành", "Sở Tài chính", "84.25", "2", "yes", "Tốt", "fictional"),
    ("songlam", "2024", "Sở, ban, ngành", "Sở Y tế", "", "4", "", "", "fictional"),
)
BANDS = (("songlam", "2024", "Sở, ban, ngành", "7", "Tốt", "3", "fictional"),)


@pytest.fixture(scope="module")
def rubric() -> ia.Rubric:
    return ia.load_rubric(EDITION)


def results(rubric: ia.Rubric, tmp: Path, **kw: object) -> PublishedResults:
    args: dict[str, object] = {
        "region": "songlam",
        "tables": {2024: TABLE},
        "search_from": tmp,
        "units_copy": UNITS,
        "bands_copy": BANDS,
        "rubric_for_year": lambda year: rubric,
    }
    args.update(kw)
    return PublishedResults(**args)  # type: ignore[arg-type]


def write_shared(root: Path, units: tuple[tuple[str, ...], ...], bands: tuple[tuple[str, ...], ...]) -> Path:
    folder = root / "shared" / "reference" / "published"
    folder.mkdir(parents=True)
    for name, fields, rows in (("units.csv", UNITS_FIELDS, units), ("band_counts.csv", BAND_FIELDS, bands)):
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(fields)
            writer.writerows(rows)
            writer.writerow(("otherregion", *(["x"] * (len(fields) - 1))))  # another region's row is ignored
    return folder


def with_value(row: dict[str, str], **changes: str) -> dict[str, str]:
    return {**row, **changes}


# ----------------------------------------------------------------------------- checks


def test_true_unit_rows_pass(rubric: ia.Rubric, tmp_path: Path) -> None:
    published = results(rubric, tmp_path)
    for row in published.units_copy:
        published.check_unit_row(row)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"score": "84.26"}, "Sở Tài chính: total 84.25, published 84.26"),
        ({"rank": "3"}, "Sở Tài chính: rank 2, published 3"),
        ({"tied": "no"}, "Sở Tài chính: tied True, published no"),
        ({"tied": "maybe"}, "tied must be yes or no, not 'maybe'"),
        ({"band": "Khá"}, "Sở Tài chính: class 'Tốt', published 'Khá'"),
        ({"unit": "Sở Không Có"}, "'Sở Không Có' ('Sở Không Có') appears 0 times"),
    ],
)
def test_false_unit_rows_fail_naming_both_values(
    rubric: ia.Rubric, tmp_path: Path, change: dict[str, str], message: str
) -> None:
    published = results(rubric, tmp_path)
    with pytest.raises(AssertionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        published.check_unit_row(with_value(published.units_copy[1], **change))


def test_published_bloc_must_match(rubric: ia.Rubric, tmp_path: Path) -> None:
    published = results(rubric, tmp_path)
    row = with_value(published.units_copy[0], bloc="UBND huyện, thị xã, thành phố")
    with pytest.raises(AssertionError, match="bloc 'so', published 'UBND huyện, thị xã, thành phố' \\(huyen\\)"):
        published.check_unit_row(row)


def test_band_rows(rubric: ia.Rubric, tmp_path: Path) -> None:
    published = results(rubric, tmp_path)
    [row] = published.bands_copy
    published.check_band_row(row)
    with pytest.raises(AssertionError, match="3 units Tốt, published 4"):
        published.check_band_row(with_value(row, count="4"))
    with pytest.raises(AssertionError, match="7 units ranked, published 8"):
        published.check_band_row(with_value(row, units="8"))
    with pytest.raises(AssertionError, match="class 'Xuất sắc' not in songlam:2024"):
        published.check_band_row(with_value(row, band="Xuất sắc"))


def test_default_edition_comes_from_the_registry(tmp_path: Path) -> None:
    published = PublishedResults(region="no-such-region", tables={}, search_from=tmp_path)
    with pytest.raises(ia.RegionNotFound):
        published.rubric_for(2024)


# ----------------------------------------------------------------------------- shared files


def test_shared_files_found_upward_and_read_for_the_region(rubric: ia.Rubric, tmp_path: Path) -> None:
    folder = write_shared(tmp_path, UNITS, BANDS)
    deep = tmp_path / "main" / "plugins" / "songlam" / "tests"
    deep.mkdir(parents=True)
    published = results(rubric, deep)
    assert published.directory() == folder
    assert published.require_directory() == folder
    assert published.shared_rows("units.csv") == list(published.units_copy)
    published.check_copy()
    ids = [p.id for p in published.unit_params()]
    assert ids[0] == "shared-2024-So__ban__nganh-So_Thong_tin_va_Truyen_thong"
    assert len(ids) == 2 * len(UNITS) and ids[len(UNITS)].startswith("copy-")
    assert [p.values[0] for p in published.band_params()] == [*published.bands_copy, *published.bands_copy]


def test_environment_variable_wins(rubric: ia.Rubric, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = write_shared(tmp_path / "elsewhere", UNITS, BANDS)
    monkeypatch.setenv("ICT_ADOPTION_PUBLISHED", str(elsewhere))
    assert results(rubric, tmp_path / "nowhere").directory() == elsewhere


def test_a_drifted_copy_fails_naming_the_rows(rubric: ia.Rubric, tmp_path: Path) -> None:
    drifted = (UNITS[0], with_tuple(UNITS[1], 5, "3"), UNITS[2])
    write_shared(tmp_path, drifted, BANDS)
    with pytest.raises(AssertionError, match="copy of units.csv for songlam differs") as info:
        results(rubric, tmp_path).check_copy()
    assert "'rank': '3'" in str(info.value) and "'rank': '2'" in str(info.value)


def with_tuple(row: tuple[str, ...], index: int, value: str) -> tuple[str, ...]:
    return (*row[:index], value, *row[index + 1 :])


def test_missing_shared_files_fail_instead_of_running_less(
    rubric: ia.Rubric, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ICT_ADOPTION_PUBLISHED", raising=False)
    published = results(rubric, tmp_path, search_from=Path("/"))
    assert published.directory() is None
    assert published.shared_rows("units.csv") is None
    params = published.unit_params()
    assert (params[0].id, params[0].values) == ("shared-units-missing", (None,))
    for check in (published.check_unit_row, published.check_band_row):
        with pytest.raises(pytest.fail.Exception, match="set ICT_ADOPTION_PUBLISHED"):
            check(None)
    with pytest.raises(pytest.fail.Exception, match="published reference results not found"):
        published.check_copy()


# ----------------------------------------------------------------------------- small pieces


def test_rows_from_tuples_rejects_a_short_row() -> None:
    with pytest.raises(ValueError, match=r"row 2 has 2 values, expected 3 \(a, b, c\)"):
        rows_from_tuples(("a", "b", "c"), [("1", "2", "3"), ("1", "2")])
    with pytest.raises(ValueError, match="row 1 has 8 values, expected 9"):
        PublishedResults(region="x", tables={}, search_from=".", units_copy=[UNITS[0][:-1]])


def test_read_scores_is_exact_and_names_the_bad_row(tmp_path: Path) -> None:
    rows = read_scores(TABLE)
    assert str(rows[1]["total"]) == "84.25"
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,bloc,total\nA,so,90\nB,so,chín mươi\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.csv, row 3: total 'chín mươi' is not a number"):
        read_scores(bad)
    with pytest.raises(FileNotFoundError, match="score table not found"):
        read_scores(tmp_path / "absent.csv")


def test_table_for_an_unknown_year(rubric: ia.Rubric, tmp_path: Path) -> None:
    with pytest.raises(LookupError, match=r"no score table for songlam 2023; known years: \['2024'\]"):
        results(rubric, tmp_path).table_for(2023)


def test_slug() -> None:
    assert slug("Phường Đồng Xuân (quận Hoàn Kiếm)") == "Phuong_Dong_Xuan__quan_Hoan_Kiem"


def test_importing_the_helpers_needs_no_pytest() -> None:
    code = "import sys, ict_adoption.testing; print('pytest' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
