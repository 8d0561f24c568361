"""ict_adoption.testing: the golden-test helpers plugins use against published results.

Checked on the fictional Song Lam edition and its example table (tests/fixtures), with
published-results folders written to a temporary directory, so that every check is seen
to pass on true rows and to fail, with both values named, on false ones, and every
malformed folder to be refused naming the file and the row.
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
    SOURCE_FIELDS,
    UNITS_FIELDS,
    PublishedResults,
    read_rows,
    read_scores,
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
SOURCES = (("fictional", "Báo Sông Lam (hư cấu), 12/3/2025"),)


@pytest.fixture(scope="module")
def rubric() -> ia.Rubric:
    return ia.load_rubric(EDITION)


def write_csv(path: Path, fields: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(fields)
        writer.writerows(rows)


def write_folder(
    root: Path,
    units: tuple[tuple[str, ...], ...] | None = UNITS,
    bands: tuple[tuple[str, ...], ...] | None = BANDS,
    sources: tuple[tuple[str, ...], ...] | None = SOURCES,
) -> Path:
    folder = root / "published"
    folder.mkdir(exist_ok=True)
    for name, fields, rows in (
        ("units.csv", UNITS_FIELDS, units),
        ("band_counts.csv", BAND_FIELDS, bands),
        ("sources.csv", SOURCE_FIELDS, sources),
    ):
        if rows is not None:
            write_csv(folder / name, fields, rows)
    return folder


def results(rubric: ia.Rubric, tmp: Path, **kw: object) -> PublishedResults:
    return PublishedResults.read(
        write_folder(tmp, **kw),  # type: ignore[arg-type]
        region="songlam",
        tables={2024: TABLE},
        rubric_for_year=lambda year: rubric,
    )


def with_value(row: dict[str, str], **changes: str) -> dict[str, str]:
    return {**row, **changes}


# ----------------------------------------------------------------------------- checks


def test_true_unit_rows_pass(rubric: ia.Rubric, tmp_path: Path) -> None:
    published = results(rubric, tmp_path)
    for row in published.units:
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
        published.check_unit_row(with_value(published.units[1], **change))


def test_published_bloc_must_match(rubric: ia.Rubric, tmp_path: Path) -> None:
    published = results(rubric, tmp_path)
    row = with_value(published.units[0], bloc="UBND huyện, thị xã, thành phố")
    with pytest.raises(AssertionError, match="bloc 'so', published 'UBND huyện, thị xã, thành phố' \\(huyen\\)"):
        published.check_unit_row(row)


def test_band_rows(rubric: ia.Rubric, tmp_path: Path) -> None:
    published = results(rubric, tmp_path)
    [row] = published.bands
    published.check_band_row(row)
    with pytest.raises(AssertionError, match="3 units Tốt, published 4"):
        published.check_band_row(with_value(row, count="4"))
    with pytest.raises(AssertionError, match="7 units ranked, published 8"):
        published.check_band_row(with_value(row, units="8"))
    with pytest.raises(AssertionError, match="class 'Xuất sắc' not in songlam:2024"):
        published.check_band_row(with_value(row, band="Xuất sắc"))


def test_default_edition_comes_from_the_registry(tmp_path: Path) -> None:
    published = PublishedResults(region="no-such-region", tables={})
    with pytest.raises(ia.RegionNotFound):
        published.rubric_for(2024)


# ----------------------------------------------------------------------------- the folder


def test_the_folder_is_read_whole(rubric: ia.Rubric, tmp_path: Path) -> None:
    published = results(rubric, tmp_path)
    assert [r["unit"] for r in published.units] == [u[3] for u in UNITS]
    assert published.bands[0]["count"] == "3"
    assert published.sources == {"fictional": "Báo Sông Lam (hư cấu), 12/3/2025"}

def test_band_counts_may_be_left_out(rubric: ia.Rubric, tmp_path: Path) -> None:
    """A region that published no class counts has no band_counts.csv."""
    published = results(rubric, tmp_path, bands=None)
    assert published.bands == () and len(published.units) == len(UNITS)


def test_the_golden_test_has_one_case_per_row(rubric: ia.Rubric, tmp_path: Path) -> None:
    test = results(rubric, tmp_path).golden_test()
    [mark] = test.pytestmark  # type: ignore[attr-defined]
    ids = [p.id for p in mark.args[1]]
    assert ids == [
        "unit-2024-So__ban__nganh-So_Thong_tin_va_Truyen_thong",
        "unit-2024-So__ban__nganh-So_Tai_chinh",
        "unit-2024-So__ban__nganh-So_Y_te",
        "band-2024-So__ban__nganh-Tot",
        "table-2024",
    ]
    for param in mark.args[1]:
        test(*param.values)  # every true row passes
    kind, row = mark.args[1][1].values
    with pytest.raises(AssertionError, match="rank 2, published 3"):
        test(kind, with_value(row, rank="3"))


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"sources": None}, "sources.csv: every published row needs its source cited here"),
        ({"units": None, "bands": None}, "neither units.csv nor band_counts.csv is there"),
        ({"units": (UNITS[0][:-1] + ("elsewhere",),)}, "units row 1: source 'elsewhere' has no citation \\(cited: fictional\\)"),
        ({"units": (("otherregion", *UNITS[0][1:]),)}, "units row 1: region 'otherregion', expected 'songlam'"),
        ({"bands": (("songlam", "2023", *BANDS[0][2:]),)}, "band counts row 1: no score table for songlam 2023"),
        ({"units": (UNITS[0][:-1],)}, "units.csv, row 2: 8 cells, expected 9"),
        ({"sources": (("fictional", ""),)}, "source 1: both id and citation are needed"),
        ({"sources": (SOURCES[0], SOURCES[0])}, "source 'fictional' is cited twice"),
    ],
)
def test_a_malformed_folder_is_refused_naming_file_and_row(
    rubric: ia.Rubric, tmp_path: Path, kw: dict[str, object], message: str
) -> None:
    with pytest.raises((ValueError, FileNotFoundError), match=message):
        results(rubric, tmp_path, **kw)


NOTED = """unit,bloc,total,note
Sở Thông tin và Truyền thông,so,91.50,published: fictional (rank 1)
Sở Tài chính,so,84.25,published: fictional (rank 2=)
Sở Kế hoạch và Đầu tư,so,84.25,illustrative
Sở Y tế,so,72.00,published: fictional (rank 4)
"""


def noted_results(rubric: ia.Rubric, tmp_path: Path, table: str) -> PublishedResults:
    path = tmp_path / "noted.csv"
    path.write_text(table, encoding="utf-8")
    return PublishedResults.read(
        write_folder(tmp_path), region="songlam", tables={2024: path}, rubric_for_year=lambda year: rubric
    )


def test_a_table_says_where_each_row_comes_from(rubric: ia.Rubric, tmp_path: Path) -> None:
    noted_results(rubric, tmp_path, NOTED).check_table({"year": "2024"})
    wrong = NOTED.replace("Sở Y tế,so,72.00,published: fictional", "Sở Y tế,so,72.00,illustrative")
    with pytest.raises(AssertionError, match=r"row 5 \(Sở Y tế\): note 'illustrative \(rank 4\)', expected 'published: fictional'"):
        noted_results(rubric, tmp_path, wrong).check_table({"year": "2024"})
    claimed = NOTED.replace("Sở Kế hoạch và Đầu tư,so,84.25,illustrative", "Sở Kế hoạch và Đầu tư,so,84.25,published: fictional")
    with pytest.raises(AssertionError, match="expected 'illustrative'"):
        noted_results(rubric, tmp_path, claimed).check_table({"year": "2024"})


def test_a_made_up_unit_must_say_so(tmp_path: Path) -> None:
    """Where a bloc has a roster, an illustrative unit off it must be named as made up."""
    text = EDITION.read_text(encoding="utf-8").replace(
        'aliases = ["Khối huyện"]', 'aliases = ["Khối huyện"]\nunits = [{ name = "Huyện Núi Hồng" }]'
    )
    rostered = ia.loads_rubric(text)
    made_up = NOTED + "Huyện Không Có,huyen,50,illustrative\n"
    with pytest.raises(AssertionError, match="'Huyện Không Có' is not on the roster of its bloc and not named as made up"):
        noted_results(rostered, tmp_path, made_up).check_table({"year": "2024"})
    noted_results(rostered, tmp_path, NOTED + "Huyện minh họa 01,huyen,50,illustrative\n").check_table({"year": "2024"})
    noted_results(rostered, tmp_path, NOTED + "Huyện Núi Hồng,huyen,50,illustrative\n").check_table({"year": "2024"})


def test_read_rows_checks_the_heading(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("region,year,bloc\nsonglam,2024,so\n", encoding="utf-8")
    with pytest.raises(ValueError, match="the heading must be region, year, bloc, unit"):
        read_rows(path, UNITS_FIELDS)
    path.write_text("id,citation\n\nx,  Báo  \n", encoding="utf-8")  # blank lines skipped, cells trimmed
    assert read_rows(path, SOURCE_FIELDS) == ({"id": "x", "citation": "Báo"},)


# ----------------------------------------------------------------------------- small pieces


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
