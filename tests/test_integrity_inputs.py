"""Input integrity (issue 10): each case seen losing or changing data silently, asserted."""

from __future__ import annotations

import warnings

import pytest

import ict_adoption as ia
from ict_adoption.cli import main
from ict_adoption.errors import InputError
from ict_adoption.io import read_table
from ict_adoption.problems import InputWarning

RUBRIC = '''
region = "t"
edition = "1"
title = "T"
first_year = 2020
precision = 2
assumed = "test"
[[groups]]
id = "infra"
name = "Hạ tầng"
  [[groups.criteria]]
  id = "docs"
  name = "Văn bản"
  max = 50
  rule = { kind = "count", each = 0.01 }
[[groups]]
id = "app"
name = "Ứng dụng"
max = 50
[[blocs]]
id = "so"
name = "Sở"
[[blocs]]
id = "huyen"
name = "Huyện"
[[bands]]
label = "Tốt"
min = 50
[[bands]]
label = "Yếu"
'''


@pytest.fixture
def rubric():
    return ia.loads_rubric(RUBRIC)


def test_an_unclosed_quote_is_an_error_not_lost_rows(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('unit,bloc,note,total\nSở A,so,"oops,90\nSở B,so,x,80\nSở C,so,y,70\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"row 2, column 'note': a quote \(\"\) opened in this cell is not closed"):
        read_table(path)


def test_cli_validate_exits_non_zero_on_an_unclosed_quote(tmp_path, capsys):
    path = tmp_path / "q.csv"
    path.write_text('unit,bloc,note,app\nSở A,so,"oops,40\nSở B,so,x,30\n', encoding="utf-8")
    (tmp_path / "r.toml").write_text(RUBRIC, encoding="utf-8")
    assert main(["validate", str(tmp_path / "r.toml"), str(path)]) == 3
    assert "OK:" not in capsys.readouterr().out


@pytest.mark.parametrize("typed", ["1,000", "2.000"])
def test_an_ambiguous_count_is_an_error(rubric, typed):
    with pytest.raises(InputError, match=f"'{typed}' can be read as"):
        read_table({"unit": ["A"], "bloc": ["so"], "docs": [typed], "app": ["1"]}, rubric=rubric)


def test_a_thousands_dot_in_a_count_is_read_with_a_warning(rubric):
    with pytest.warns(InputWarning, match=r"row 1 '1.234' → 1234"):
        t = read_table({"unit": ["A"], "bloc": ["so"], "docs": ["1.234"], "app": ["1"]}, rubric=rubric)
    assert t.columns["docs"].tolist() == [1234.0]


def test_a_dot_beside_decimal_commas_is_read_with_a_warning_naming_what_was_typed(rubric):
    with pytest.warns(InputWarning, match=r"'85.500' → 85500"):
        read_table({"unit": ["A", "B"], "bloc": ["so", "so"], "total": ["85.500", "93,5"]}, rubric=rubric)


def test_a_total_read_as_thousands_and_out_of_range_shows_what_was_typed(rubric):
    # the error names the cell as typed ('85.500'), not only the number it was read as (85500)
    with pytest.warns(InputWarning), pytest.raises(InputError) as info:
        ia.rank(rubric, {"unit": ["A", "B"], "bloc": ["so", "so"], "total": ["93,5", "85.500"]})
    assert "row 2, column 'total': unit 'B': total 85500.00 (typed '85.500') outside" in str(info.value)
    vi = info.value.report.text("vi")
    assert "tổng điểm 85500,00 (gõ '85.500') nằm ngoài khoảng" in str(vi)
    # a total typed plainly says nothing more
    with pytest.raises(InputError) as info:
        ia.rank(rubric, {"unit": ["A"], "bloc": ["so"], "total": ["185"]})
    assert "total 185.00 outside" in str(info.value) and "typed" not in str(info.value)


def test_in_memory_data_goes_through_the_cell_reader(rubric, tmp_path):
    data = {"Đơn vị": ["Sở A", "Sở B"], "Khối": ["so", "so"], "Tổng điểm": ["41,6", "141.6"]}
    with pytest.raises(InputError, match=r"total 141.60 outside"):
        ia.rank(rubric, data)
    data["Tổng điểm"] = ["41,6", "14.6"]
    path = tmp_path / "a.csv"
    path.write_text("Đơn vị;Khối;Tổng điểm\nSở A;so;41,6\nSở B;so;14.6\n", encoding="utf-8")
    from_file = ia.rank(rubric, read_table(path, rubric=rubric)).to_records()
    from_dict = ia.rank(rubric, data).to_records()
    assert [(r["unit"], r["total"], r["rank"]) for r in from_dict] == [(r["unit"], r["total"], r["rank"]) for r in from_file]
    pd = pytest.importorskip("pandas")
    assert ia.rank(rubric, pd.DataFrame(data)).to_records()[0]["total"] == 41.6


def test_an_unknown_bloc_hides_no_other_problem(rubric):
    data = {"unit": ["A", "B", "B", "C"], "bloc": ["Quận", "so", "so", "so"], "app": [1, 2, 3, 80]}
    with pytest.raises(InputError) as exc:
        ia.rank(rubric, data)
    text = "\n".join(exc.value.problems)
    assert "unknown bloc 'Quận'" in text
    assert "appears twice" in text
    assert "row 4, column 'app'" in text  # the range problem of another row


def test_the_report_groups_problems_by_kind_with_counts(rubric):
    data = {"unit": [f"U{i}" for i in range(40)], "bloc": ["so"] * 40, "app": [99] * 40}
    with pytest.raises(InputError) as exc:
        ia.rank(rubric, data)
    assert len(exc.value.problems) == 40
    assert str(exc.value).count("\n  - ") == 25 and "… and 15 more" in str(exc.value)
    assert exc.value.report.counts() == {"range": 40}
    assert "vấn đề trong dữ liệu" in exc.value.report.text("vi")


def test_a_workbook_with_one_sheet_per_bloc_is_read_whole(tmp_path, rubric):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hướng dẫn"
    ws["A1"] = "Điền điểm vào các trang sau"
    for title, unit in (("Sở", "Sở A"), ("Huyện", "Huyện B")):
        s = wb.create_sheet(title)
        s.append(["Đơn vị", "Tổng điểm"])
        s.append([unit, 40])
    wb.save(tmp_path / "w.xlsx")
    t = read_table(tmp_path / "w.xlsx", rubric=rubric)
    assert t.columns["unit"].tolist() == ["Sở A", "Huyện B"]
    assert t.columns["bloc"].tolist() == ["so", "huyen"]
    assert any("'Hướng dẫn': no heading row" in n for n in t.notes)


def test_excel_realities(tmp_path, rubric):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sở"
    ws.append(["Đơn vị", "Khối", "Tổng điểm", "app"])
    ws.append(["A", "so", "=SUM(1,2)", 1])
    ws.append(["B", "so", datetime.datetime(2024, 5, 9), 2])
    ws.append(["C\u200b", "so", True, 3])
    ws.append(["C", "so", 4, 4])
    ws.column_dimensions["D"].hidden = True
    wb.save(tmp_path / "x.xlsx")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(InputError) as exc:
            ia.rank(rubric, read_table(tmp_path / "x.xlsx", rubric=rubric, errors="collect"))
    text = "\n".join(exc.value.problems)
    assert "the formula =SUM(1,2) has no saved value" in text
    assert "got the date 09/05/2024" in text and "datetime" not in text
    assert "got TRUE" in text
    assert "unit 'C' appears twice" in text  # a zero-width space does not make two units
    assert any("hidden column(s) 'app' read" in str(w.message) for w in seen)


def test_a_two_row_header_is_one_message(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Đơn vị", "Khối", "Hạ tầng", None, None])
    ws.append([None, None, "máy tính", "mạng", "web"])
    ws.append(["A", "so", 1, 2, 3])
    wb.save(tmp_path / "h.xlsx")
    with pytest.raises(InputError) as exc:
        read_table(tmp_path / "h.xlsx")
    assert len(exc.value.problems) == 1
    assert "the headings take more than one row" in str(exc.value)


def test_missing_units_of_a_complete_roster_and_empty_blocs_are_reported():
    rubric = ia.loads_rubric(RUBRIC.replace('[[blocs]]\nid = "huyen"', '[[blocs]]\nid = "huyen"\nroster_complete = true\nunits = ["H1", "H2", "H3"]', 1))
    data = {"unit": ["H1"], "bloc": ["huyen"], "total": [3]}
    with pytest.warns(InputWarning, match=r"2 of its 3 roster units have no row and are not ranked: 'H2', 'H3'"):
        scored = ia.score(rubric, data)
    assert any("not ranked" in n for n in scored.notes)


def test_validate_json_and_lang(tmp_path, capsys):
    (tmp_path / "r.toml").write_text(RUBRIC, encoding="utf-8")
    path = tmp_path / "a.csv"
    path.write_text("unit,bloc,app\nA,so,99\nB,xx,1\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "r.toml"), str(path), "--format", "json"]) == 3
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["problems"]["count"] == 2
    assert main(["validate", str(tmp_path / "r.toml"), str(path), "--lang", "vi"]) == 3
    err = capsys.readouterr().err
    assert "lỗi:" in err and "vấn đề trong dữ liệu" in err and "dòng 3" in err


def test_every_rule_problem_of_a_column_is_reported(tmp_path):
    """A rule stops at its first kind of bad value; scoring reports every row it refuses."""
    rubric = ia.load_rubric("tests/data/rubric_minimal.toml")
    data = tmp_path / "rules.csv"
    # app is points 0..50 at 2 decimals: one negative, one above the maximum, one with 3 decimals
    data.write_text(
        "unit,bloc,infra,app\nSở A,so,40,-1\nSở B,so,40,70\nHuyện X,huyen,30,10.125\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        ia.score(rubric, read_table(data, rubric=rubric, errors="collect"))
    text = "\n".join(exc.value.problems)
    assert "row 2, column 'app': points must not be negative" in text
    assert "row 3, column 'app': points above the criterion's maximum" in text
    assert "row 4, column 'app': points must have at most 2 decimal place(s)" in text
    vi = exc.value.report.text("vi")
    assert "dòng 2, cột 'app': điểm không được âm (nhận được -1; điểm ghi trực tiếp, từ 0 đến 50)" in vi
