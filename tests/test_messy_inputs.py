"""The messy-input corpus (tests/data/messy/): each file as people send it, and exactly
what reading and ranking it gives — the records, or the error message word for word."""

from __future__ import annotations

import importlib.util
import json
import re
import warnings
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
    maker = _load_maker()
    made = maker.build(tmp_path)
    assert len(made) == 58
    for path in made:
        committed = MESSY / path.name
        assert committed.exists(), f"{path.name} is not committed; run make_corpus.py"
        if path.name not in maker.XLSX:
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
    assert ranking.scored.notes == ("ignored column(s): Xếp hạng",
                                    "bloc 'huyen' (Huyện) of the rubric has no rows in the input; it is not ranked "
                                    "(if it is assessed in another file, rank that file on its own)")
    # and end to end from the path
    assert ia.rank(mini, "unknown_column.csv", unknown_columns="ignore").scored.notes == ranking.scored.notes


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


# ----------------------------------------------------------------------------- the whole corpus, API and CLI
#
# Each case: the file, the rubric, and the exact outcome. "read": the units ranked
# (unit, bloc, total), every one of them, and the warnings and notes that must be given;
# "refused": the error, which names the file, sheet, row and column and what is wrong.
# Each runs through the Python API (ia.rank) and the command line (validate and rank,
# English and Vietnamese): a refused file exits 3 with nothing on stdout, a read one
# exits 0 with every unit. Nothing is lost or changed without a word.

MINI = DATA / "rubric_minimal.toml"
MESSY_RUBRIC = MESSY / "rubric_messy.toml"
HUYEN_EMPTY = (
    "bloc 'huyen' (Quận/Huyện/Thị xã [cấp huyện]: các đơn vị hành chính) has no rows in the input; it is not ranked"
)
SO_TWO_ABSENT = (
    "bloc 'so' (Sở, Ban, ngành): 2 of its 3 roster units have no row and are not ranked: "
    "'Sở Tài nguyên và Môi trường', 'Sở Thông tin và Truyền thông'"
)
SHEETS_NOTES = (
    "{f}, sheet 'Hướng dẫn': no heading row with a unit column; not read (instructions or a cover sheet?)",
    "{f}: read 2 sheets: 'Sở', 'Huyện'",
    "{f}, sheet 'Sở': no bloc column; its units are read as bloc 'so' (Sở, ngành), from the sheet name "
    "(matched ignoring diacritics)",
    "{f}, sheet 'Huyện': no bloc column; its units are read as bloc 'huyen' (Huyện), from the sheet name",
)
SHEETS_UNITS = [("Sở A", "so", 93.94), ("Sở B", "so", 80.5), ("Huyện Một", "huyen", 71.25), ("Huyện Hai", "huyen", 60.0)]


def read(name, rubric, units, warns=(), notes=()):
    return pytest.param(name, rubric, "read", units, tuple(warns), tuple(notes), id=name)


def refused(name, rubric, *message, warns=()):
    """``message``: the error text exactly (one string), or fragments that must all appear."""
    return pytest.param(name, rubric, "refused", message, tuple(warns), (), id=name)


CORPUS = [
    # --- read, every unit, with what was done said
    read("bom_comma_nfd.csv", MINI, [("Sở A", "so", 93.94), ("Sở B", "so", 80.5), ("Huyện Một", "huyen", 83.94),
                                     ("Huyện Hai", "huyen", 71.25)]),
    read("semicolon_title.csv", MINI, [("Sở A", "so", 94.6), ("Sở B", "so", 80.5), ("Huyện Một", "huyen", 57.1)],
         notes=["semicolon_title.csv: headings in row 3; row 1 above them not read",
                "semicolon_title.csv: skipped 1 empty row (row 5)"]),
    read("percent_yesno_count.csv", MESSY_RUBRIC,
         [("Sở Tài nguyên và Môi trường", "so", 96.8), ("Sở Thông tin và Truyền thông", "so", 80.8),
          ("Sở Công Thương", "so", 64.5), ("Thành phố Tam Kỳ", "huyen", 84.75)],
         warns=["percent_yesno_count.csv, column 'Văn bản điện tử' (docs): 3 number(s) read as thousands because a "
                "count is a whole number: row 2 '6.477' → 6477, row 3 '1.250' → 1250, row 5 '2.000' → 2000"]),
    read("units.json", MINI, [("Sở A", "so", 93.94), ("Sở B", "so", 80.5)],
         notes=["units.json: skipped 1 empty row (record 2)"]),
    read("title_rows.xlsx", MINI, [("Sở A", "so", 94.6), ("Sở B", "so", 80.5), ("Huyện Một", "huyen", 71.25)],
         notes=["title_rows.xlsx, sheet 'Sở': headings in row 3; rows 1–2 above them not read",
                "title_rows.xlsx: read 2 sheets: 'Sở', 'Huyện'"]),
    read("percent_cells.xlsx", MESSY_RUBRIC, [("Thành phố Tam Kỳ", "huyen", 84.75), ("Huyện Núi Thành", "huyen", 47.05)]),
    read("incomplete_roster.csv", MESSY_RUBRIC,
         [("Sở Công Thương", "so", 70.0), ("Thành phố Tam Kỳ", "huyen", 60.0), ("Huyện Núi Thành", "huyen", 50.0)],
         warns=[SO_TWO_ABSENT]),
    read("empty_bloc.csv", MESSY_RUBRIC,
         [("Sở Tài nguyên và Môi trường", "so", 90.0), ("Sở Thông tin và Truyền thông", "so", 80.0),
          ("Sở Công Thương", "so", 70.0)], warns=[HUYEN_EMPTY]),
    read("count_dot_thousands.csv", MESSY_RUBRIC, [("Sở Công Thương", "so", 52.84)],
         warns=["count_dot_thousands.csv, column 'docs': 1 number(s) read as thousands because a count is a whole "
                "number: row 2 '1.234' → 1234", HUYEN_EMPTY, SO_TWO_ABSENT]),
    read("space_thousands.csv", MESSY_RUBRIC, [("Sở Công Thương", "so", 53.0)], warns=[HUYEN_EMPTY, SO_TWO_ABSENT]),
    read("invisible_headings.csv", MINI, [("Sở A", "so", 90.0), ("Sở B", "so", 80.0)]),
    read("utf16_tabs.csv", MINI, [("Sở A", "so", 90.5), ("Sở B", "so", 80.0)]),
    read("tabs.tsv", MINI, [("Sở A", "so", 90.5), ("Sở B", "so", 80.0)]),
    read("case_and_nbsp.csv", MINI, [("Sở A", "so", 93.5), ("Sở B", "so", 80.0)]),
    read("diacritics_only.csv", MINI, [("Sở A", "so", 90.0), ("Sở B", "so", 80.0)],
         warns=["diacritics_only.csv, row 2, column 'unit': 'So A' matched roster unit 'Sở A' only when diacritics "
                "are ignored"]),
    read("records_vi.json", MINI, [("Sở A", "so", 93.94), ("Sở B", "so", 80.0)]),
    read("sheet_per_bloc.xlsx", MINI, SHEETS_UNITS, notes=[n.format(f="sheet_per_bloc.xlsx") for n in SHEETS_NOTES]),
    read("sheet_per_bloc.xls", MINI, SHEETS_UNITS, notes=[n.format(f="sheet_per_bloc.xls") for n in SHEETS_NOTES]),
    read("sheet_per_bloc.ods", MINI, SHEETS_UNITS, notes=[n.format(f="sheet_per_bloc.ods") for n in SHEETS_NOTES]),
    read("hidden_column.xlsx", MINI, [("Sở A", "so", 85.0), ("Sở B", "so", 70.0)],
         warns=["hidden_column.xlsx, sheet 'Sở', row 1: hidden column(s) 'app' read; unhide them to check"]),
    read("hidden_row.xlsx", MINI, [("Sở A", "so", 90.0), ("Sở B", "so", 80.0)],
         warns=["hidden_row.xlsx, sheet 'Sở': 1 hidden row(s) read (sheet 'Sở', row 3); unhide them to check"]),
    read("hidden_sheet.xlsx", MINI, [("Sở A", "so", 90.0), ("Sở B", "so", 80.0)],
         notes=["hidden_sheet.xlsx, sheet 'Năm trước': a hidden sheet, not read (give --sheet to read it)"]),
    read("numbers_as_text.xlsx", MINI, [("Sở A", "so", 93.94), ("Sở B", "so", 80.0)]),
    # --- refused, naming the place and what is wrong
    refused("comma_unquoted.csv", MINI,
            "comma_unquoted.csv, row 2: 4 values but 3 headings (row 1); a decimal comma in a comma-separated file "
            "must be quoted (\"93,94\"), or separate the columns with ';'"),
    refused("percent_in_points.csv", MINI,
            "percent_in_points.csv, row 2, column 'app': expected a number, got '45%' (a percent is only accepted "
            "for a share criterion)"),
    refused("missing_unit_column.csv", MINI,
            "missing_unit_column.csv: no heading row: expected a column headed 'unit', 'Đơn vị', 'Tên đơn vị', "
            "'Cơ quan' (or another name for the unit) in the first 50 rows; row 1 reads 'Khối', 'Tổng điểm'"),
    refused("not_utf8.csv", MINI,
            "not_utf8.csv: not UTF-8 text (byte 0xd0 at position 0); save it as 'CSV UTF-8' "
            "(Excel: File › Save As › CSV UTF-8)"),
    refused("text_in_number.xlsx", MINI,
            "text_in_number.xlsx, sheet 'Điểm', row 5, column 'Tổng điểm' (total): expected a number, got 'chín mươi'"),
    refused("text_in_number.xls", MINI,
            "text_in_number.xls, sheet 'Điểm', row 3, column 'Tổng điểm' (total): expected a number, got 'chín mươi'"),
    refused("duplicate_unit.csv", MINI, "duplicate_unit.csv, row 3, column 'unit': unit 'Sở A' appears twice (also row 2)"),
    refused("unit_two_blocs.csv", MINI,
            "unit_two_blocs.csv, row 3, column 'unit': unknown unit 'Huyện Một' in bloc 'so' (Sở, ngành)",
            "unit_two_blocs.csv, row 3, column 'unit': unit 'Huyện Một' appears in two blocs (huyen in row 2, so here)"),
    refused("above_max.csv", MINI,
            "above_max.csv, row 2, column 'app': points above the criterion's maximum (got 55; points given "
            "directly, 0 to 50)"),
    refused("negative_points.csv", MINI,
            "negative_points.csv, row 2, column 'app': points must not be negative (got -5; points given directly, "
            "0 to 50)"),
    refused("missing_bloc_column.csv", MINI, "missing_bloc_column.csv: missing required column 'bloc'"),
    refused("unknown_column.csv", MINI,
            "unknown_column.csv: unknown column(s) 'Xếp hạng'; expected unit, bloc, total, note or a group/criterion "
            "id of demo:2015 (infra, app, pcs, meet)"),
    refused("unclosed_quote.csv", MINI,
            "unclosed_quote.csv, row 2, column 'note': a quote (\") opened in this cell is not closed where the cell "
            "should end, so the next 2 line(s) that look like rows were read into this one cell; close the quote, or "
            "double it (\"\") inside a quoted cell"),
    refused("count_comma_thousands.csv", MESSY_RUBRIC,
            "count_comma_thousands.csv, row 2, column 'docs': '1,000' can be read as 1000 (',' groups thousands) or "
            "as 1 (',' is the decimal mark); type the number without a thousands separator"),
    refused("mixed_decimal_marks.csv", MINI,
            "mixed_decimal_marks.csv, row 2, column 'total': unit 'Sở A': total 85500.00 (typed '85.500') "
            "outside 0.00..100.00 for bloc 'so'",
            warns=["mixed_decimal_marks.csv, column 'Tổng điểm' (total): 1 number(s) read as thousands because other "
                   "cells of the column use a decimal comma: row 2 '85.500' → 85500"]),
    refused("zero_width_duplicate.csv", MINI,
            "zero_width_duplicate.csv, row 3, column 'unit': unit 'Sở A' appears twice (also row 2)"),
    refused("zero_width_names.xlsx", MINI,
            "zero_width_names.xlsx, sheet 'Sở', row 3, column 'unit': unit 'Sở A' appears twice (also sheet 'Sở', row 2)"),
    refused("unknown_bloc.csv", MINI,
            "unknown_bloc.csv, row 2, column 'bloc': unknown bloc 'Quận'; blocs of demo:2015: so (Sở, ngành); "
            "huyen (Huyện)",
            "unknown_bloc.csv, row 3, column 'total': unit 'Sở B': total 180.00 outside 0.00..100.00 for bloc 'so'"),
    refused("blank_name.csv", MINI,
            "blank_name.csv, row 2, column 'unit': unit name is blank",
            "blank_name.csv, row 3, column 'total': unit 'Sở B': total 180.00 outside 0.00..100.00 for bloc 'so'"),
    refused("empty.csv", MINI, "empty.csv: no data (the file is empty)"),
    refused("headings_only.csv", MINI, "headings_only.csv: no units to score"),
    refused("duplicate_heading.csv", MINI,
            "duplicate_heading.csv, row 1: columns 'total' and 'Tổng điểm' both give 'total'; keep one"),
    refused("total_clash.csv", MINI,
            "total_clash.csv, row 2, column 'total': unit 'Sở A': total is 80.00 from its groups but 90.00 was given"),
    refused("too_many_decimals.csv", MINI,
            "too_many_decimals.csv, row 2, column 'total': 90.123 has more than 2 decimal place(s), the rubric's "
            "precision"),
    refused("share_over_100.csv", MINI,
            "share_over_100.csv, row 2, column 'pcs': a share must lie between 0 and 1 (got 1.2; share (0–1) × 30, "
            "rounded half away from zero)"),
    refused("unnamed_column.csv", MINI, "unnamed_column.csv, row 1, column 4: a column with values has no heading"),
    refused("na_and_dash.csv", MINI,
            "na_and_dash.csv, row 2, column 'total': expected a number, got 'N/A'",
            "na_and_dash.csv, row 3, column 'total': expected a number, got '-'"),
    refused("blank_score.csv", MINI,
            "blank_score.csv, row 2: unit 'Sở A': no total and missing points for infra, app; fill them in, or count "
            "blanks as zero or leave the unit unranked (missing: zero or exclude; on the command line --missing zero or "
            "--missing exclude)"),
    refused("not_a_workbook.xlsx", MINI,
            "not_a_workbook.xlsx: not a readable .xlsx workbook (the file is not a zip archive, as an .xlsx/.ods file "
            "must be); it is text, not a workbook: a CSV file renamed? give it the suffix .csv"),
    refused("truncated.json", MINI, "truncated.json: not valid JSON: expected a comma between the items (line 1, column 41)"),
    refused("systematic_error.csv", MINI,
            "300 problem",
            "systematic_error.csv, row 2, column 'app': points above the criterion's maximum (got 60; points given "
            "directly, 0 to 50)",
            "… and 275 more"),
    refused("scientific_count.csv", MESSY_RUBRIC,
            "scientific_count.csv, row 2, column 'docs': expected a whole number, got '1,23E+03'"),
    refused("words_in_points.csv", MINI, "words_in_points.csv, row 2, column 'app': expected a number, got 'có'"),
    refused("formula_no_value.xlsx", MINI,
            "formula_no_value.xlsx, sheet 'Sở', row 2, column 'Tổng điểm' (total): the formula =C2+D2 has no saved "
            "value (the workbook was written by a program that does not calculate); open it in Excel or "
            "LibreOffice, save it, and read it again"),
    refused("merged_header.xlsx", MINI,
            "merged_header.xlsx, sheet 'Sở', row 1: the headings take more than one row (merged cells?): column D "
            "has no heading in this row but the next row reads 'Họp'; put one heading per column in one row"),
    refused("date_bool.xlsx", MINI,
            "date_bool.xlsx, sheet 'Sở', row 2, column 'Tổng điểm' (total): expected a number, got the date 09/05/2024",
            "date_bool.xlsx, sheet 'Sở', row 3, column 'Tổng điểm' (total): expected a number, got TRUE (a TRUE/FALSE "
            "cell)"),
    refused("date_bool.ods", MINI,
            "date_bool.ods, sheet 'Sở', row 2, column 'Tổng điểm' (total): expected a number, got the date 09/05/2024",
            "date_bool.ods, sheet 'Sở', row 3, column 'Tổng điểm' (total): expected a number, got TRUE (a TRUE/FALSE "
            "cell)"),
    refused("no_bloc_sheet.xlsx", MINI,
            "no_bloc_sheet.xlsx, sheet 'Sheet1': no bloc column, and the sheet name is not a bloc of demo:2015 "
            "(so (Sở, ngành); huyen (Huyện)); add a bloc column (Khối) or name the sheet after its bloc"),
    refused("empty_workbook.xlsx", MINI, "empty_workbook.xlsx, sheet 'Sheet': no data (the sheet is empty)"),
]


def test_the_corpus_has_forty_kinds_and_every_file_is_a_case():
    names = {p.values[0] for p in CORPUS}
    assert len(names) == len(CORPUS) >= 40
    on_disk = {p.name for p in MESSY.iterdir() if p.suffix in (".csv", ".tsv", ".json", ".xlsx", ".xls", ".ods")}
    assert on_disk == names


def _warned(seen) -> list[str]:
    return [str(w.message) for w in seen if issubclass(w.category, UserWarning)]


def _check_message(text: str, message: tuple[str, ...]) -> None:
    if len(message) == 1 and "\n" not in text:
        assert text == message[0]
    for part in message:
        assert part in text


@pytest.mark.parametrize("name, rubric_path, outcome, expected, warns, notes", CORPUS)
def test_corpus_through_the_python_api(name, rubric_path, outcome, expected, warns, notes):
    rubric = ia.load_rubric(rubric_path)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        if outcome == "refused":
            with pytest.raises(InputError) as exc:
                ia.rank(rubric, name)
            _check_message(error_of(exc), expected)
            if "\n" in error_of(exc):  # several problems: listed, at most 25 of a kind, the rest counted
                assert error_of(exc).count("\n  - ") <= 25 * len(exc.value.report.counts())
        else:
            ranking = ia.rank(rubric, name)
            got = [(r["unit"], r["bloc"], r["total"]) for r in ranking.to_records()]
            assert sorted(got) == sorted(expected)  # every unit, every total as typed
            for note in notes:
                assert note in ranking.scored.notes
            for w in warns:
                assert w in ranking.scored.notes  # a warning is also kept on the result
    for w in warns:
        assert w in _warned(seen)


#: English words our messages use; none may reach a Vietnamese user
ENGLISH = re.compile(r"\b(the|not|read|no|and|expected|got|headings?|rows?|sheets?|columns?|units?|blocs?|"
                     r"warning|note|error|problems?|missing|unknown|hidden)\b")
QUOTED = re.compile(r"'[^'\n]*'|`[^`]*`|\S+\.(?:csv|tsv|json|xlsx|xls|ods|toml)\b|--\w+")
#: their messages carry a text of another library (Python's JSON decoder, calamine's zip reader)
ENGLISH_FROM_LIBRARIES: set[str] = set()  # none any more: the JSON decoder's and zip reader's texts are ours


def _cli(capsys, *args):
    from ict_adoption.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name, rubric_path, outcome, expected, warns, notes", CORPUS)
def test_corpus_through_the_command_line(capsys, name, rubric_path, outcome, expected, warns, notes):
    rubric = str(rubric_path)
    code, out, err = _cli(capsys, "validate", rubric, name, "--lang", "en")
    for w in warns:
        assert f"ict-adoption: warning: {w}\n" in err
    for note in notes:
        assert f"ict-adoption: note: {note}\n" in err
    if outcome == "refused":
        assert code == 3 and out == ""
        assert "Traceback" not in err
        text = err.split("ict-adoption: error: ", 1)[1].rstrip("\n")
        _check_message(text.replace("problems in the assessment data", "problem(s) in the assessment data"), expected)
        assert len(err.splitlines()) < 40  # bounded, however many rows share the error
    else:
        n, blocs = len(expected), len({b for _, b, _ in expected})
        assert code == 0
        assert out == f"OK: {n} unit{'s' * (n != 1)} in {blocs} bloc{'s' * (blocs != 1)}\n"
    # rank: the same verdict; a read file ranks every unit
    code_rank, out_rank, err_rank = _cli(capsys, "rank", rubric, name, "--lang", "en", "--format", "csv")
    assert code_rank == code
    if outcome == "read":
        lines = out_rank.splitlines()
        assert len(lines) == 1 + len(expected)
        for unit, _, _ in expected:
            assert sum(unit in line for line in lines) == 1
    else:
        assert out_rank == ""
    # and in Vietnamese (the default): the same status, the message in Vietnamese
    code_vi, out_vi, err_vi = _cli(capsys, "validate", rubric, name)
    assert code_vi == code
    if name not in ENGLISH_FROM_LIBRARIES:
        words = QUOTED.sub("", err_vi)  # names, ids, typed values, file names and options stay as they are
        assert not ENGLISH.findall(words), err_vi  # no English word in what a Vietnamese user reads
    if outcome == "refused":
        assert "ict-adoption: lỗi: " in err_vi and "error:" not in err_vi
    else:
        assert out_vi.startswith(f"Hợp lệ: {len(expected)} đơn vị")
        assert "warning:" not in err_vi and "note:" not in err_vi


def test_old_formats_hold_what_the_script_says():
    """The .xls and .ods files were made once with xlwt and odfpy (see README.md here):
    their cells, read by python-calamine, are the sheets the script declares."""
    pc = pytest.importorskip("python_calamine")
    maker = _load_maker()
    for name, sheets in maker.OLD_FORMATS.items():
        book = pc.CalamineWorkbook.from_path(str(MESSY / name))
        assert book.sheet_names == [title for title, _ in sheets], name
        for title, rows in sheets:
            got = book.get_sheet_by_name(title).to_python(skip_empty_area=False)
            want = [[float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in r] for r in rows]
            width = max(len(r) for r in rows)
            want = [r + [""] * (width - len(r)) for r in want]
            assert got == want, (name, title)


IN_MEMORY = ["bom_comma_nfd.csv", "percent_yesno_count.csv", "invisible_headings.csv", "case_and_nbsp.csv",
             "count_dot_thousands.csv", "space_thousands.csv", "tabs.tsv", "mixed_decimal_marks.csv",
             "count_comma_thousands.csv", "unknown_bloc.csv", "blank_name.csv", "na_and_dash.csv"]


def _strings(name: str) -> tuple[list[str], list[list[str]]]:
    import csv

    text = (MESSY / name).read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    rows = list(csv.reader(text.splitlines(), dialect))
    return rows[0], rows[1:]


@pytest.mark.parametrize("form", ["columns", "records", "dataframe"])
@pytest.mark.parametrize("name", IN_MEMORY)
def test_in_memory_data_reads_as_the_file_does(name, form):
    """The same cells, typed as strings under the same (Vietnamese) headings, as a dict of
    columns, a list of dicts or a DataFrame: the same units, totals, warnings, errors."""
    case = next(p for p in CORPUS if p.values[0] == name)
    rubric = ia.load_rubric(case.values[1])
    heads, rows = _strings(name)
    if form == "columns":
        data: object = {h: [r[j] for r in rows] for j, h in enumerate(heads)}
    elif form == "records":
        data = [dict(zip(heads, r)) for r in rows]
    else:
        data = pytest.importorskip("pandas").DataFrame(rows, columns=heads)

    def run(source):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            try:
                got = [(r["unit"], r["bloc"], r["total"]) for r in ia.rank(rubric, source).to_records()]
            except InputError as exc:
                got = exc.report.counts() if getattr(exc, "report", None) else {"one": 1}
        texts = [str(w.message).split(": ", 1)[-1].split(", column", 1)[0] for w in seen]
        return got, len(texts)

    assert run(data) == run(name)
