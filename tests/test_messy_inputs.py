"""The messy-input corpus (tests/data/messy/): each file as people send it, and exactly
what reading and ranking it gives — the records, or the error message word for word."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.errors import InputError, ScoringError
from ict_adoption.io import read_table

DATA = Path(__file__).parent / "data"
MESSY = DATA / "messy"


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch):
    # file names in messages are as given: read from inside the corpus directory
    monkeypatch.chdir(MESSY)


@pytest.fixture(scope="module")
def mini() -> ia.Rubric:
    return ia.load_rubric(DATA / "rubric_minimal.toml")


@pytest.fixture(scope="module")
def messy() -> ia.Rubric:
    return ia.load_rubric(MESSY / "rubric_messy.toml")


def summary(ranking: ia.Ranking) -> list[tuple]:
    return [
        (r["unit"], r["bloc"], r["total"], r["rank_label"], r["band"], r.get("criteria"))
        for r in ranking.to_records()
    ]


def error_of(exc_info) -> str:
    return str(exc_info.value)


# ----------------------------------------------------------------------------- corpus is current


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_corpus", MESSY / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_corpus_is_what_the_script_makes(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    made = _load_maker().build(tmp_path)
    assert len(made) == 17
    for path in made:
        committed = MESSY / path.name
        assert committed.exists(), f"{path.name} is not committed; run make_corpus.py"
        if path.suffix != ".xlsx":
            assert committed.read_bytes() == path.read_bytes(), path.name
            continue
        a, b = openpyxl.load_workbook(committed), openpyxl.load_workbook(path)
        assert a.sheetnames == b.sheetnames
        for wa, wb in zip(a.worksheets, b.worksheets):
            cells_a = [(c.coordinate, c.value, c.number_format) for row in wa.iter_rows() for c in row]
            cells_b = [(c.coordinate, c.value, c.number_format) for row in wb.iter_rows() for c in row]
            assert cells_a == cells_b, (path.name, wa.title)


# ----------------------------------------------------------------------------- files that read


def test_bom_comma_decimal_comma_nfd_trailing_spaces(mini):
    table = read_table("bom_comma_nfd.csv", rubric=mini)
    assert list(table.columns) == ["unit", "bloc", "total", "note"]
    assert table.columns["unit"].tolist() == ["Sở A", "Sở B", "Huyện Một", "Huyện Hai"]  # NFC, trimmed
    assert table.columns["total"].tolist() == [93.94, 80.5, 83.94, 71.25]
    assert table.columns["note"].tolist() == [None, "đã thẩm định", None, None]
    assert table.rows == ("row 2", "row 3", "row 4", "row 5")
    assert table.notes == ()
    assert summary(ia.rank(mini, table)) == [
        ("Sở A", "so", 93.94, "1", "Tốt", None),
        ("Sở B", "so", 80.5, "2", "Tốt", None),
        ("Huyện Một", "huyen", 83.94, "1", "Tốt", None),
        ("Huyện Hai", "huyen", 71.25, "2", "Khá", None),
    ]


def test_bom_file_also_ranks_through_a_plain_path(mini):
    # rank(rubric, path) reads without the rubric: reserved columns are enough here
    assert [r["total"] for r in ia.rank(mini, "bom_comma_nfd.csv").to_records()] == [93.94, 80.5, 83.94, 71.25]


def test_semicolon_title_row_names_as_headings_percent_strings_empty_rows(mini):
    table = read_table("semicolon_title.csv", rubric=mini)
    assert list(table.columns) == ["unit", "bloc", "pcs", "meet", "app"]
    assert table.columns["pcs"].tolist() == [0.97, 0.85, 0.855]
    assert table.columns["app"].tolist() == [45.5, 40.0, 30.0]
    assert table.rows == ("row 4", "row 6", "row 7")
    assert table.notes == (
        "semicolon_title.csv: headings in row 3; row 1 above them not read",
        "semicolon_title.csv: skipped 1 empty row (row 5)",
    )
    ranking = ia.rank(mini, table)
    assert summary(ranking) == [
        ("Sở A", "so", 94.6, "1", "Tốt", {"pcs": 29.1, "meet": 20.0}),
        ("Sở B", "so", 80.5, "2", "Tốt", {"pcs": 25.5, "meet": 15.0}),
        ("Huyện Một", "huyen", 57.1, "1", "Yếu", {"pcs": 17.1, "meet": 10.0}),
    ]
    assert ranking.scored.notes == table.notes  # the notes travel with the result


def test_percent_yes_no_and_thousands_dot_in_a_count(messy):
    table = read_table("percent_yesno_count.csv", rubric=messy)
    assert table.columns["pcs"].tolist() == [0.97, 0.9, 0.85, 0.75]  # share: "97%" → 0.97
    assert table.columns["net"].tolist() == [97.5, 88.0, 90.0, 80.0]  # percent share: "97,5%" → 97.5
    assert table.columns["lan"].tolist()[:3] == [1.0, 1.0, 0.0]  # có, x, KHÔNG
    assert table.columns["docs"].tolist() == [6477.0, 1250.0, 950.0, 2000.0]  # "6.477" in a count
    assert table.columns["web"].tolist() == [22.5, 20.0, 18.25, 27.5]
    assert summary(ia.rank(messy, table)) == [
        ("Sở Tài nguyên và Môi trường", "so", 96.8, "1", "Tốt",
         {"pcs": 14.55, "net": 9.75, "lan": 5.0, "meet": 10.0, "docs": 15.0, "web": 22.5}),
        ("Sở Thông tin và Truyền thông", "so", 80.8, "2", "Tốt",
         {"pcs": 13.5, "net": 8.8, "lan": 5.0, "meet": 6.0, "docs": 12.5, "web": 20.0}),
        ("Sở Công Thương", "so", 64.5, "3", "Trung bình",
         {"pcs": 12.75, "net": 9.0, "lan": 0.0, "meet": 3.0, "docs": 9.5, "web": 18.25}),
        ("Thành phố Tam Kỳ", "huyen", 84.75, "1", "Tốt",
         {"pcs": 11.25, "net": 8.0, "meet": 6.0, "docs": 15.0, "web": 27.5}),
    ]


def test_json_units_object_with_an_empty_record(mini):
    table = read_table("units.json", rubric=mini)
    assert table.rows == ("record 1", "record 3")
    assert table.notes == ("units.json: skipped 1 empty row (record 2)",)
    assert table.columns["total"].tolist() == [93.94, 80.5]
    assert summary(ia.rank(mini, table)) == [
        ("Sở A", "so", 93.94, "1", "Tốt", None),
        ("Sở B", "so", 80.5, "2", "Tốt", None),
    ]


def test_xlsx_title_rows_stt_percent_cells_empty_rows(mini):
    table = read_table("title_rows.xlsx", rubric=mini, sheet="Sở")
    assert list(table.columns) == ["unit", "bloc", "pcs", "meet", "app", "note"]
    assert table.rows == ("sheet 'Sở', row 4", "sheet 'Sở', row 6")
    assert table.columns["unit"].tolist() == ["Sở A", "Sở B"]
    assert table.columns["pcs"].tolist() == [0.97, 0.85]  # 97 % cell and "85%" text
    assert table.notes == (
        "title_rows.xlsx, sheet 'Sở': headings in row 3; rows 1–2 above them not read",
        "title_rows.xlsx, sheet 'Sở', column 'STT': row numbers, not read",
        "title_rows.xlsx: skipped 1 empty row (sheet 'Sở', row 5)",
    )
    assert summary(ia.rank(mini, table)) == [
        ("Sở A", "so", 94.6, "1", "Tốt", {"pcs": 29.1, "meet": 20.0}),
        ("Sở B", "so", 80.5, "2", "Tốt", {"pcs": 25.5, "meet": 15.0}),
    ]


@pytest.mark.parametrize("sheet", [None, "*"])
def test_xlsx_every_sheet(mini, sheet):
    # one sheet per bloc is the common layout: every sheet with a heading row is read by default
    table = read_table("title_rows.xlsx", rubric=mini, sheet=sheet)
    assert table.rows == ("sheet 'Sở', row 4", "sheet 'Sở', row 6", "sheet 'Huyện', row 2")
    assert table.columns["total"].tolist()[2] == 71.25
    assert [r["total"] for r in ia.rank(mini, table).to_records()] == [94.6, 80.5, 71.25]


def test_xlsx_one_named_sheet(mini):
    table = read_table("title_rows.xlsx", rubric=mini, sheet="huyện")  # case ignored
    assert table.rows == ("sheet 'Huyện', row 2",)
    assert table.notes == ()


def test_xlsx_percent_formatted_numbers_and_bloc_from_sheet_name(messy):
    table = read_table("percent_cells.xlsx", rubric=messy)
    assert table.columns["pcs"].tolist() == [0.75, 0.5]  # 75.0 % → share 0.75
    assert table.columns["net"].tolist() == [80.0, 65.5]  # 80 % → percent share 80
    assert table.columns["bloc"].tolist() == ["huyen", "huyen"]
    assert table.notes == (
        "percent_cells.xlsx, sheet 'Huyện': no bloc column; its units are read as bloc 'huyen' "
        "(Quận/Huyện/Thị xã [cấp huyện]: các đơn vị hành chính), from the sheet name",
    )
    assert summary(ia.rank(messy, table)) == [
        ("Thành phố Tam Kỳ", "huyen", 84.75, "1", "Tốt",
         {"pcs": 11.25, "net": 8.0, "meet": 6.0, "docs": 15.0, "web": 27.5}),
        ("Huyện Núi Thành", "huyen", 47.05, "2", "Yếu",
         {"pcs": 7.5, "net": 6.55, "meet": 0.0, "docs": 3.0, "web": 20.0}),
    ]


def test_unknown_column_is_an_error_unless_ignored(mini):
    table = read_table("unknown_column.csv", rubric=mini)
    assert table.columns["Xếp hạng"].tolist() == [1.0, 2.0]  # kept, read as numbers
    with pytest.raises(InputError) as exc:
        ia.rank(mini, table)
    assert error_of(exc) == (
        "unknown_column.csv: unknown column(s) 'Xếp hạng'; expected unit, bloc, total, note or a "
        "group/criterion id of demo:2015 (infra, app, pcs, meet)"
    )
    ranking = ia.rank(mini, table, unknown_columns="ignore")
    assert [(r["unit"], r["total"]) for r in ranking.to_records()] == [("Sở A", 93.94), ("Sở B", 80.5)]
    assert ranking.scored.notes == ("ignored column(s): Xếp hạng",)
    # and end to end from the path
    assert ia.rank(mini, "unknown_column.csv", unknown_columns="ignore").scored.notes == (
        "ignored column(s): Xếp hạng",
    )


# ----------------------------------------------------------------------------- reader errors


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "comma_unquoted.csv",
            "comma_unquoted.csv, row 2: 4 values but 3 headings (row 1); a decimal comma in a "
            "comma-separated file must be quoted (\"93,94\"), or separate the columns with ';'",
        ),
        (
            "percent_in_points.csv",
            "percent_in_points.csv, row 2, column 'app': expected a number, got '45%' "
            "(a percent is only accepted for a share criterion)",
        ),
        (
            "missing_unit_column.csv",
            "missing_unit_column.csv: no heading row: expected a column headed 'unit', 'Đơn vị', "
            "'Tên đơn vị', 'Cơ quan' (or another name for the unit) in the first 50 rows; "
            "row 1 reads 'Khối', 'Tổng điểm'",
        ),
        (
            "not_utf8.csv",
            "not_utf8.csv: not UTF-8 text (byte 0xd0 at position 0); save it as 'CSV UTF-8' "
            "(Excel: File › Save As › CSV UTF-8)",
        ),
        (
            "text_in_number.xlsx",
            "text_in_number.xlsx, sheet 'Điểm', row 5, column 'Tổng điểm' (total): expected a number, "
            "got 'chín mươi'",
        ),
    ],
)
def test_reader_errors(mini, name, message):
    with pytest.raises(InputError) as exc:
        read_table(name, rubric=mini)
    assert error_of(exc) == message


def test_reader_error_location(mini):
    with pytest.raises(InputError) as exc:
        read_table("text_in_number.xlsx", rubric=mini)
    assert exc.value.location == {"file": "text_in_number.xlsx", "sheet": "Điểm", "row": 5, "column": "total"}


def test_text_in_a_number_cell_without_rubric_is_reported_by_score(mini):
    # read without a rubric: 'total' is still known and parsed, with the same message
    with pytest.raises(InputError) as exc:
        ia.rank(mini, "text_in_number.xlsx")
    assert error_of(exc) == (
        "text_in_number.xlsx, sheet 'Điểm', row 5, column 'Tổng điểm' (total): expected a number, got 'chín mươi'"
    )


# ----------------------------------------------------------------------------- scoring errors


@pytest.mark.parametrize(
    "name, kwargs, message",
    [
        (
            "duplicate_unit.csv", {},
            "duplicate_unit.csv, row 3, column 'unit': unit 'Sở A' appears twice (also row 2)",
        ),
        (
            "unit_two_blocs.csv", {"check_roster": False},
            "unit_two_blocs.csv, row 3, column 'unit': unit 'Huyện Một' appears in two blocs "
            "(huyen in row 2, so here)",
        ),
        (
            "unit_two_blocs.csv", {},
            "2 problem(s) in the assessment data:\n"
            "  units not in the roster (1):\n"
            "  - unit_two_blocs.csv, row 3, column 'unit': unknown unit 'Huyện Một' in bloc 'so' (Sở, ngành)\n"
            "  duplicate units (1):\n"
            "  - unit_two_blocs.csv, row 3, column 'unit': unit 'Huyện Một' appears in two blocs "
            "(huyen in row 2, so here)",
        ),
        (
            "above_max.csv", {},
            "above_max.csv, row 2, column 'app': points above the criterion's maximum "
            "(got 55; points given directly, 0 to 50)",
        ),
        (
            "negative_points.csv", {},
            "negative_points.csv, row 2, column 'app': points must not be negative "
            "(got -5; points given directly, 0 to 50)",
        ),
        ("missing_bloc_column.csv", {}, "missing_bloc_column.csv: missing required column 'bloc'"),
    ],
)
def test_scoring_errors(mini, name, kwargs, message):
    table = read_table(name, rubric=mini)
    with pytest.raises(InputError) as exc:
        ia.rank(mini, table, **kwargs)
    assert error_of(exc) == message


def test_scoring_errors_are_scoring_errors(mini):
    with pytest.raises(ScoringError):
        ia.rank(mini, read_table("above_max.csv", rubric=mini))


def test_json_corpus_file_is_valid_json():
    obj = json.loads((MESSY / "units.json").read_text(encoding="utf-8"))
    assert [len(u) for u in obj["units"]] == [3, 0, 3]
