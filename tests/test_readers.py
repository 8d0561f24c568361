"""Readers and cell parsing: ict_adoption.io.read_table, ict_adoption.io.cells."""

from __future__ import annotations

import doctest
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.errors import InputError
from ict_adoption.io import read_table
from ict_adoption.io.cells import CellError, PercentCell, parse_cell, parse_number, uses_decimal_comma
from ict_adoption.table import Table

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"


@pytest.fixture
def mini() -> ia.Rubric:
    return ia.load_rubric(DATA / "rubric_minimal.toml")


@pytest.fixture
def messy() -> ia.Rubric:
    return ia.load_rubric(DATA / "messy" / "rubric_messy.toml")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path | str, text: str, encoding: str = "utf-8") -> str:
    Path(path).write_bytes(text.encode(encoding))
    return str(path)


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("93,94", "93.94"),
        ("93.94", "93.94"),
        ("6.477", "6.477"),  # one dot: a decimal point unless told otherwise
        ("6.477,5", "6477.5"),
        ("6,477.5", "6477.5"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("1 234 567", "1234567"),
        ("1\u00a0234,5", "1234.5"),  # no-break space groups thousands
        ("1.234.567,25", "1234567.25"),
        ("\u22125", "-5"),  # minus sign
        ("-0,5", "-0.5"),
        ("+3", "3"),
        (",5", "0.5"),
        (" 12 ", "12"),
        ("\uff11\uff12", "12"),  # full-width digits
        ("0", "0"),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["", "abc", "1.23.4", "1,2,3", "12,34.5", "5,", "1e3", "1..2", "9 99", "--5", "5 điểm", "1.234,5.6", "."]
)
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_thousands_dot_only_before_exactly_three_digits():
    assert parse_number("6.477", thousands_dot=True) == Decimal(6477)
    assert parse_number("16.477", thousands_dot=True) == Decimal(16477)
    assert parse_number("6.47", thousands_dot=True) == Decimal("6.47")
    assert parse_number("6.4771", thousands_dot=True) == Decimal("6.4771")
    assert parse_number("1234.567", thousands_dot=True) == Decimal("1234.567")  # not a valid group


@pytest.mark.parametrize(
    "value, expected",
    [("93,94", True), ("6.477,5", True), ("97,5%", True), ("93.94", False), ("1,234,567", False), (93.94, False)],
)
def test_uses_decimal_comma(value, expected):
    assert uses_decimal_comma(value) is expected


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_typed_numbers_read_back_exactly(d):
    plain = format(d, "f")
    vn = "{:,.2f}".format(d).replace(",", " ").replace(".", ",").replace(" ", ".")  # 1.234.567,89
    en = "{:,.2f}".format(d)  # 1,234,567.89
    assert parse_number(plain) == d
    assert parse_number(plain.replace(".", ",")) == d
    assert parse_number(vn) == d
    assert parse_number(en) == d
    assert parse_cell(vn, "points") == float(d)


# ----------------------------------------------------------------------------- cells by kind


@pytest.mark.parametrize(
    "value, kind, expected",
    [
        (None, "points", None),
        ("  ", "points", None),
        (float("nan"), "points", None),
        ("93,94", "points", 93.94),
        (12, "points", 12.0),
        (Decimal("12.5"), "points", 12.5),
        (np.int64(7), "points", 7.0),
        ("97%", "share", 0.97),
        ("97,5 %", "share", 0.975),
        ("0,97", "share", 0.97),
        ("97%", "percent", 97.0),
        ("97", "percent", 97.0),
        (PercentCell(Decimal("97.00")), "share", 0.97),
        (PercentCell(Decimal("97.5")), "percent", 97.5),
        ("6.477", "count", 6477.0),
        ("6.477", "points", 6.477),
        ("6.477", "number", 6.477),
        ("1.250.000", "number", 1250000.0),
        ("có", "yes_no", 1.0),
        ("CÓ", "yes_no", 1.0),
        ("co\u0301", "yes_no", 1.0),  # NFD
        ("x", "yes_no", 1.0),
        ("Yes", "yes_no", 1.0),
        ("đạt", "yes_no", 1.0),
        ("không", "yes_no", 0.0),
        ("Không đạt", "yes_no", 0.0),
        ("khong", "yes_no", 0.0),
        ("no", "yes_no", 0.0),
        ("0", "yes_no", 0.0),
        (True, "yes_no", 1.0),
        (False, "yes_no", 0.0),
        (1, "yes_no", 1.0),
        ("", "yes_no", None),
    ],
)
def test_parse_cell(value, kind, expected):
    assert parse_cell(value, kind) == expected


def test_a_lone_dot_groups_thousands_in_a_decimal_comma_column():
    assert parse_cell("1.000", "points", decimal_comma_column=True) == 1000.0
    assert parse_cell("1.000", "points") == 1.0


@pytest.mark.parametrize(
    "value, kind, message",
    [
        ("chín mươi", "points", "expected a number, got 'chín mươi'"),
        ("97%", "points", "expected a number, got '97%' (a percent is only accepted for a share criterion)"),
        ("97%", "count", "expected a whole number, got '97%' (a percent is only accepted for a share criterion)"),
        ("97%", "number", "expected a number, got '97%' (a percent is only accepted for a share criterion)"),
        (PercentCell(Decimal("97")), "points",
         "expected a number, got '97%' (a percent is only accepted for a share criterion)"),
        ("nhiều", "count", "expected a whole number, got 'nhiều'"),
        ("abc", "share", "expected a share (0–1) or a percent such as '97%', got 'abc'"),
        ("abc", "percent", "expected a percent (0–100), got 'abc'"),
        ("có lẽ", "yes_no", "expected yes or no (có/không, x, yes/no, 1/0), got 'có lẽ'"),
        ("97%", "yes_no",
         "expected yes or no (có/không, x, yes/no, 1/0), got '97%'"),
        (True, "points", "expected a number, got TRUE (a TRUE/FALSE cell)"),
        (float("inf"), "points", "expected a finite number, got inf"),
        ([1, 2], "points", "expected a number, got [1, 2]"),
    ],
)
def test_parse_cell_errors(value, kind, message):
    with pytest.raises(CellError) as exc:
        parse_cell(value, kind)
    assert str(exc.value) == message


# ----------------------------------------------------------------------------- headings


def test_headings_nfd_case_spaces_and_aliases(here):
    path = write("a.csv", "\u0110o\u031bn vi\u0323 ;KHỐI;  Tổng   Điểm ;GHI CHÚ\nSở A;so;90;\n".replace("Ố", "O\u0302\u0301"))
    t = read_table(path)
    assert list(t.columns) == ["unit", "bloc", "total", "note"]


def test_rubric_ids_any_case_and_names_as_headings(here, mini):
    path = write("a.csv", "unit;bloc;PCS;Họp;ỨNG DỤNG\nSở A;so;0,5;3;40\n")
    t = read_table(path, rubric=mini)
    assert list(t.columns) == ["unit", "bloc", "pcs", "meet", "app"]
    assert [t.columns[c].tolist() for c in ("pcs", "meet", "app")] == [[0.5], [3.0], [40.0]]


def test_without_rubric_other_headings_stay_as_they_are(here):
    path = write("a.csv", "unit;bloc;PCS;Họp\nSở A;so;0,5;97%\n")
    t = read_table(path)
    assert list(t.columns) == ["unit", "bloc", "PCS", "Họp"]
    assert t.columns["PCS"].tolist() == [0.5]  # read as a number where it is one
    assert t.columns["Họp"].tolist() == ["97%"]  # otherwise kept for score() to report


def test_two_headings_for_one_column(here):
    path = write("a.csv", "Đơn vị;unit;bloc\nSở A;Sở A;so\n")
    with pytest.raises(InputError) as exc:
        read_table(path)
    assert str(exc.value) == "a.csv, row 1: columns 'Đơn vị' and 'unit' both give 'unit'; keep one"


def test_a_column_with_values_needs_a_heading(here):
    path = write("a.csv", "unit;bloc;;total\nSở A;so;x;90\n")
    with pytest.raises(InputError) as exc:
        read_table(path)
    assert str(exc.value) == "a.csv, row 1, column 3: a column with values has no heading"


def test_an_empty_column_without_heading_is_padding(here):
    path = write("a.csv", "unit;bloc;total;;\nSở A;so;90;;\n")
    assert list(read_table(path).columns) == ["unit", "bloc", "total"]


def test_row_number_column_is_not_read_and_noted(here):
    path = write("a.csv", "STT;unit;bloc;total\n1;Sở A;so;90\n")
    t = read_table(path)
    assert list(t.columns) == ["unit", "bloc", "total"]
    assert t.notes == ("a.csv, column 'STT': row numbers, not read",)


# ----------------------------------------------------------------------------- CSV


def test_semicolon_with_unquoted_decimal_commas(here):
    t = read_table(write("a.csv", "unit;bloc;total\nSở A;so;93,94\nSở B;so;80\n"))
    assert t.columns["total"].tolist() == [93.94, 80.0]


def test_comma_with_quoted_decimal_commas(here):
    t = read_table(write("a.csv", 'unit,bloc,total\n"Sở A",so,"93,94"\nSở B,so,80\n'))
    assert t.columns["total"].tolist() == [93.94, 80.0]


def test_tab_separated_utf16_as_excel_unicode_text(here):
    path = here / "a.txt"
    path.write_bytes("unit\tbloc\ttotal\r\nSở A\tso\t93,94\r\n".encode("utf-16"))
    t = read_table(path)
    assert t.columns["unit"].tolist() == ["Sở A"]
    assert t.columns["total"].tolist() == [93.94]
    assert t.origin == str(path)


def test_excel_sep_hint_line(here):
    t = read_table(write("a.csv", "sep=,\nunit,bloc,total\nSở A,so,90\n"))
    assert t.rows == ("row 2",)
    assert t.columns["total"].tolist() == [90.0]


def test_vietnamese_style_total_column(here):
    t = read_table(write("a.csv", "unit;bloc;total\nA;so;1.000\nB;so;856,5\nC;so;9.394\n"))
    # the column uses a decimal comma, so "1.000" is a thousand (with a warning)
    assert t.columns["total"].tolist() == [1000.0, 856.5, 9394.0]


def test_a_column_with_both_decimal_marks_leaves_a_lone_dot_in_doubt(here):
    # "856,5" and "93.94" use both marks as decimals: "1.000" could be 1 or 1000
    with pytest.raises(InputError, match="'1.000' can be read as 1000"):
        read_table(write("a.csv", "unit;bloc;total\nA;so;1.000\nB;so;856,5\nC;so;93.94\n"))


def test_english_style_total_column(here):
    t = read_table(write("a.csv", "unit;bloc;total\nA;so;1.000\nB;so;856.5\n"))
    assert t.columns["total"].tolist() == [1.0, 856.5]


def test_many_bad_cells_are_reported_together(here, mini):
    path = write("a.csv", "unit;bloc;total;app\nSở A;so;chín mươi;40%\nSở B;so;80;x\n")
    with pytest.raises(InputError) as exc:
        read_table(path, rubric=mini)
    assert str(exc.value) == (
        "3 problem(s) in the assessment data:\n"
        "  - a.csv, row 2, column 'total': expected a number, got 'chín mươi'\n"
        "  - a.csv, row 2, column 'app': expected a number, got '40%' (a percent is only accepted for a share criterion)\n"
        "  - a.csv, row 3, column 'app': expected a number, got 'x'"
    )
    assert len(exc.value.problems) == 3
    assert exc.value.location == {"file": "a.csv"}


def test_at_most_25_problems_are_listed(here):
    body = "".join(f"U{i};so;bad\n" for i in range(30))
    with pytest.raises(InputError) as exc:
        read_table(write("a.csv", "unit;bloc;total\n" + body))
    lines = str(exc.value).splitlines()
    assert lines[0] == "30 problem(s) in the assessment data:"
    assert lines[-1] == "  … and 5 more"
    assert len(lines) == 27


def test_headings_only(here):
    t = read_table(write("a.csv", "unit;bloc;total\n"))
    assert len(t) == 0 and list(t.columns) == ["unit", "bloc", "total"]


def test_empty_file(here):
    with pytest.raises(InputError) as exc:
        read_table(write("a.csv", ""))
    assert str(exc.value) == "a.csv: no data (the file is empty)"


def test_text_columns_keep_text(here):
    t = read_table(write("a.csv", "unit;bloc;total;note\n123;so;90;  hai   dòng \n"))
    assert t.columns["unit"].tolist() == ["123"]
    assert t.columns["note"].tolist() == ["hai dòng"]


# ----------------------------------------------------------------------------- files: errors


def test_no_such_file(here):
    with pytest.raises(InputError) as exc:
        read_table("nope.csv")
    assert str(exc.value) == "nope.csv: no such file"


@pytest.mark.parametrize("name", ["d.csv", "d.json", "d.xlsx"])
def test_a_directory_is_not_a_file(here, name):
    Path(name).mkdir()
    with pytest.raises(InputError) as exc:
        read_table(name)
    assert str(exc.value) == f"{name}: is a directory, not a file"


@pytest.mark.parametrize(
    "name, message",
    [
        ("a.doc", "a.doc: cannot tell the format from '.doc'; expected .csv, .xlsx or .json, "
                  "or pass format='csv', 'xlsx' or 'json'"),
        ("scores", "scores: cannot tell the format from 'a name without suffix'; expected .csv, .xlsx or "
                   ".json, or pass format='csv', 'xlsx' or 'json'"),
    ],
)
def test_unknown_formats(here, name, message):
    with pytest.raises(InputError) as exc:
        read_table(name)
    assert str(exc.value) == message


def test_format_overrides_the_suffix(here):
    path = write("export.dat", "unit;bloc;total\nSở A;so;90\n")
    assert read_table(path, format="csv").columns["total"].tolist() == [90.0]
    with pytest.raises(ValueError, match="format: expected 'csv', 'xlsx' or 'json', got 'ods'"):
        read_table(path, format="ods")


def test_sheet_only_for_workbooks(here):
    path = write("a.csv", "unit;bloc;total\n")
    with pytest.raises(InputError) as exc:
        read_table(path, sheet="Sở")
    assert str(exc.value) == "a.csv: a sheet name applies only to spreadsheet workbooks"
    with pytest.raises(ValueError, match="apply only when reading a file"):
        read_table({"unit": []}, format="csv")


# ----------------------------------------------------------------------------- JSON


def test_json_list_of_objects(here, mini):
    Path("a.json").write_text(json.dumps([{"unit": "Sở A", "bloc": "so", "pcs": "97%", "meet": 4, "app": 45.5}]))
    t = read_table("a.json", rubric=mini)
    assert t.columns["pcs"].tolist() == [0.97]
    assert t.rows == ("record 1",)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"unit": "x"}', "a.json: expected a list of objects (one per unit), or {\"units\": [...]}; got dict with keys 'unit'"),
        ('[{"unit": "x"}, 3]', "a.json, record 2: expected an object (one per unit, heading → value), got int"),
        ('[{"unit": "x",]', "a.json: not valid JSON: expected a name in double quotes (line 1, column 15)"),
    ],
)
def test_json_errors(here, text, message):
    Path("a.json").write_text(text)
    with pytest.raises(InputError) as exc:
        read_table("a.json")
    assert str(exc.value) == message


# ----------------------------------------------------------------------------- in memory


def test_list_of_dicts(mini):
    t = read_table(
        [{"Đơn vị": "Sở A", "Khối": "so", "Máy tính": "97%", "meet": "4", "app": "45,5"}, {}], rubric=mini
    )
    assert t.columns["pcs"].tolist() == [0.97]
    assert t.rows == ("row 1",)
    assert t.notes == ()  # an empty last record is padding
    assert t.origin is None


def test_dict_of_columns_with_arrays(mini):
    t = read_table({"unit": ["Sở A", "Sở B"], "bloc": ["so", "so"], "total": np.array([93.94, np.nan])})
    assert t.columns["total"].dtype == np.float64
    assert np.isnan(t.columns["total"][1])
    with pytest.raises(InputError, match=r"columns have different lengths \(unit: 2, total: 1\)"):
        read_table({"unit": ["a", "b"], "total": [1]})


def test_dataframe(mini):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "Đơn vị": ["Sở A", "Sở B", None],
            "Khối": ["so", "so", None],
            "pcs": [0.97, np.nan, np.nan],
            "meet": pd.array([4, None, None], dtype="Int64"),
            "app": ["45,5", "40", None],
        }
    )
    t = read_table(df, rubric=mini)
    assert t.origin == "DataFrame"
    assert t.rows == ("row 1", "row 2")  # the empty last row is padding
    assert t.columns["pcs"].tolist()[0] == 0.97 and np.isnan(t.columns["pcs"][1])
    assert t.columns["meet"].tolist()[0] == 4.0 and np.isnan(t.columns["meet"][1])
    assert t.columns["app"].tolist() == [45.5, 40.0]


def test_dataframe_named_index(mini):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"bloc": ["so"], "total": [90.0]}, index=pd.Index(["Sở A"], name="Đơn vị"))
    t = read_table(df, rubric=mini)
    assert list(t.columns) == ["unit", "bloc", "total"]
    assert [r["unit"] for r in ia.rank(mini, t).to_records()] == ["Sở A"]


def test_dataframe_errors_name_the_row(mini):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"unit": ["Sở A"], "bloc": ["so"], "total": ["90 điểm"]})
    with pytest.raises(InputError) as exc:
        read_table(df, rubric=mini)
    assert str(exc.value) == "DataFrame, row 1, column 'total': expected a number, got '90 điểm'"


def test_a_table_is_reread_with_the_rubric(mini):
    raw = Table({"unit": ["Sở A"], "bloc": ["so"], "Máy tính": ["97%"], "meet": [4], "app": ["45,5"]}, origin="x")
    t = read_table(raw, rubric=mini)
    assert list(t.columns) == ["unit", "bloc", "pcs", "meet", "app"]
    assert t.columns["pcs"].tolist() == [0.97]
    assert t.origin == "x" and t.rows == ("row 1",)
    kept = read_table(Table({"unit": ["a"]}, rows=["sheet 'S', row 9"], notes=["earlier note"]))
    assert kept.rows == ("sheet 'S', row 9",) and kept.notes == ("earlier note",)


def test_unsupported_source():
    with pytest.raises(InputError, match="cannot read assessment data from int"):
        read_table(3)


# ----------------------------------------------------------------------------- Excel


def test_unknown_sheet_lists_sheets(here):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "Sở"
    wb.create_sheet("Huyện")
    wb.save("a.xlsx")
    with pytest.raises(InputError) as exc:
        read_table("a.xlsx", sheet="Xã")
    assert str(exc.value) == "a.xlsx: no sheet 'Xã'; sheets: 'Sở', 'Huyện'"


def test_sheet_without_heading(here):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "Sở"
    wb.active.append(["Khối", "Tổng điểm"])
    wb.save("a.xlsx")
    with pytest.raises(InputError) as exc:
        read_table("a.xlsx")
    assert str(exc.value) == (
        "a.xlsx, sheet 'Sở': no heading row: expected a column headed 'unit', 'Đơn vị', 'Tên đơn vị', "
        "'Cơ quan' (or another name for the unit) in the first 50 rows; row 1 reads 'Khối', 'Tổng điểm'"
    )
    assert exc.value.location == {"file": "a.xlsx", "sheet": "Sở"}


def test_not_a_workbook(here):
    pytest.importorskip("openpyxl")
    Path("a.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"^a\.xlsx: not a readable \.xlsx workbook \("):
        read_table("a.xlsx")


def test_excel_numbers_and_booleans(here, messy):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["unit", "bloc", "lan", "web", "docs"])
    ws.append(["Sở Công Thương", "so", True, 20.25, 1500])
    ws.append(["Sở TT&TT", "so", False, 3, "1.500"])
    wb.save("a.xlsx")
    t = read_table("a.xlsx", rubric=messy)
    assert t.columns["lan"].tolist() == [1.0, 0.0]
    assert t.columns["web"].tolist() == [20.25, 3.0]
    assert t.columns["docs"].tolist() == [1500.0, 1500.0]
    assert t.rows == ("sheet 'Sheet', row 2", "sheet 'Sheet', row 3")


def test_missing_openpyxl_says_how_to_install(here, monkeypatch):
    Path("a.xlsx").write_bytes(b"")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # neither reader installed
    with pytest.raises(ImportError) as exc:
        read_table("a.xlsx")
    assert str(exc.value) == "reading .xlsx files needs openpyxl: pip install 'ict-adoption[excel]'"


# ----------------------------------------------------------------------------- package


def test_importing_io_is_light():
    code = (
        "import sys, ict_adoption.io as io_; "
        "print(sorted(m for m in ('openpyxl', 'pandas', 'ict_adoption.io.writers', 'ict_adoption.io.template') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_names():
    import ict_adoption.io as io_

    from ict_adoption.io import template

    assert io_.write_template is template.write_template
    assert io_.read_template is template.read_template
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        io_.nope  # noqa: B018
    assert {"read_table", "write_ranking", "render", "atomic_write"} <= set(dir(io_))


def test_as_table_sends_paths_to_the_readers(here):
    """The table layer reads no file; a path given to it names the reader to use."""
    from ict_adoption.table import as_table

    path = write("a.csv", "unit;bloc;total\nSở A;so;93,94\n")
    with pytest.raises(ia.InputError, match="read_table"):
        as_table(path)
    assert ia.io.read_table(path).columns["total"].tolist() == [93.94]


# ----------------------------------------------------------------------------- the guide


FENCE = re.compile(r"```(?:pycon|python)\n(.*?)```", re.S)


def run_markdown_examples(page: Path) -> None:
    blocks = [b for b in FENCE.findall(page.read_text(encoding="utf-8")) if ">>>" in b]
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    runner.run(test, out=out.write)
    assert runner.tries > 10
    assert runner.failures == 0, out.getvalue()


def test_readers_guide_examples_run(here):
    run_markdown_examples(ROOT / "docs" / "guide" / "readers.md")
