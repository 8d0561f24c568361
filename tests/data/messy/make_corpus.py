"""Make the messy-input corpus: small CSV, JSON and .xlsx files as people really send them.

Run ``python tests/data/messy/make_corpus.py`` to (re)write the files next to this
script; ``tests/test_messy_inputs.py`` checks that the committed files are what this
script makes, and what reading each of them gives (exact values or exact messages).

Rubrics: ``tests/data/rubric_minimal.toml`` ("minimal": blocs so/huyen, criteria
pcs (share), meet (steps), group app (points)) and ``rubric_messy.toml`` here
("messy": one criterion of each rule kind).
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# Each CSV: file name → bytes exactly as written. Comments say what is messy about it.
CSV: dict[str, bytes | None] = {
    # minimal — should read and rank: UTF-8 BOM, comma separator, decimal commas in
    # quoted fields, every text NFD-decomposed, trailing and double spaces.
    "bom_comma_nfd.csv": (
        "\ufeff"
        + nfd(
            "Đơn vị ,Khối,Tổng điểm ,Ghi chú\r\n"
            '"Sở A  ",so,"93,94",\r\n'
            'Sở B ,"Sở, ngành","80,5",đã thẩm định\r\n'
            'Huyện Một,huyen,"83,94",\r\n'
            'Huyện  Hai,Huyện,"71,25",\r\n'
        )
    ).encode("utf-8"),
    # minimal — should read and rank: ';' separator, a title row, criterion *names* as
    # headings, unquoted decimal commas, percent strings for a share, an empty row
    # between units and empty rows at the end.
    "semicolon_title.csv": (
        "BẢNG TỔNG HỢP ĐIỂM ỨNG DỤNG CNTT NĂM 2015;;;;\n"
        ";;;;\n"
        "Tên đơn vị;Khối;Máy tính;Họp;Ứng dụng\n"
        "Sở A;so;97%;4;45,5\n"
        ";;;;\n"
        "Sở B;so;0,85;3;40\n"
        "Huyện Một;huyen;85,5%;2;30\n"
        ";;;;\n"
        ";;;;\n"
    ).encode("utf-8"),
    # messy — should read and rank: percent strings (share and percent share), có/x/
    # KHÔNG for yes/no, thousands dots in a count, a bloc alias, a unit alias.
    "percent_yesno_count.csv": (
        "Tên đơn vị;Khối;Tỷ lệ máy tính trên cán bộ;net;LAN;Số cuộc họp trực tuyến;Văn bản điện tử;web;hr;bonus\n"
        "Sở Tài nguyên và Môi trường;so;97%;97,5%;có;4;6.477;22,5;18;2\n"
        "Sở TT&TT;Khối Sở;0,9;88;x;3;1.250;20;15;0\n"
        "Sở Công Thương;so;85%;90%;KHÔNG;1;950;18,25;12;0\n"
        "Thành phố Tam Kỳ;huyen;0,75;80%;;2;2.000;27,5;16;1\n"
    ).encode("utf-8"),
    # minimal — error: comma separator with unquoted decimal commas.
    "comma_unquoted.csv": "unit,bloc,total\nSở A,so,93,94\nSở B,so,80\n".encode("utf-8"),
    # minimal — error: a percent in a points column.
    "percent_in_points.csv": "unit;bloc;app;infra\nSở A;so;45%;40\n".encode("utf-8"),
    # minimal — error (score): the same unit twice (case differs).
    "duplicate_unit.csv": "unit,bloc,total\nSở A,so,90\nSỞ A,so,85\n".encode("utf-8"),
    # minimal — error (score): a unit in two blocs.
    "unit_two_blocs.csv": "unit,bloc,total\nHuyện Một,huyen,70\nHuyện Một,so,75\n".encode("utf-8"),
    # minimal — error (score): points above the maximum of a group without criteria.
    "above_max.csv": "unit,bloc,infra,app\nSở A,so,45,55\n".encode("utf-8"),
    # minimal — error (score): negative points (typed with a Unicode minus sign).
    "negative_points.csv": "unit,bloc,infra,app\nSở A,so,40,\u22125\n".encode("utf-8"),
    # minimal — error (reader): no unit column, so no heading row.
    "missing_unit_column.csv": "Khối;Tổng điểm\nso;93,94\n".encode("utf-8"),
    # minimal — error (score): no bloc column.
    "missing_bloc_column.csv": "Đơn vị;Tổng điểm\nSở A;93,94\n".encode("utf-8"),
    # minimal — error (score) unless unknown_columns="ignore": a column the rubric lacks.
    "unknown_column.csv": "Đơn vị;Khối;Tổng điểm;Xếp hạng\nSở A;so;93,94;1\nSở B;so;80,5;2\n".encode("utf-8"),
    # minimal — error (reader): saved in the Windows Vietnamese code page, not UTF-8.
    "not_utf8.csv": None,  # made by cp1258() below
}


def _rows(n: int) -> str:
    return "".join(f"Huyện {i:03d},huyen,60,1\n" for i in range(1, n + 1))


# Added for issue 10 (input integrity): each file one kind of messy or wrong input.
CSV.update({
    # minimal — error (reader): a quote opened in a note and never closed swallows the rows below.
    "unclosed_quote.csv": 'unit,bloc,total,note\nSở A,so,90,"chưa đóng ngoặc\nSở B,so,80,x\nHuyện Một,huyen,70,y\n'.encode("utf-8"),
    # messy — warning: a bloc with a complete roster given 1 of its 3 units.
    "incomplete_roster.csv": (
        "Đơn vị;Khối;Tổng điểm\nSở Công Thương;so;70\nThành phố Tam Kỳ;huyen;60\nHuyện Núi Thành;huyen;50\n"
    ).encode("utf-8"),
    # messy — warning: a bloc of the rubric (huyen, with roster units) has no row at all.
    "empty_bloc.csv": (
        "Đơn vị;Khối;Tổng điểm\nSở Tài nguyên và Môi trường;so;90\nSở Thông tin và Truyền thông;so;80\n"
        "Sở Công Thương;so;70\n"
    ).encode("utf-8"),
    # messy — error: "1,000" in a count reads two ways (1000 or 1).
    "count_comma_thousands.csv": (
        "Đơn vị;Khối;pcs;net;lan;meet;docs;web;hr;bonus\nSở Công Thương;so;0,5;50;có;1;1,000;10;10;0\n"
    ).encode("utf-8"),
    # messy — warning: "1.234" in a count is read as 1234 (a count is whole), and said so.
    "count_dot_thousands.csv": (
        "Đơn vị,Khối,pcs,net,lan,meet,docs,web,hr,bonus\nSở Công Thương,so,0.5,50,có,1,1.234,10,10,0\n"
    ).encode("utf-8"),
    # minimal — warning + error: "85.500" beside decimal commas is read as 85500 (said so), then out of range.
    "mixed_decimal_marks.csv": "Đơn vị;Khối;Tổng điểm\nSở A;so;85.500\nSở B;so;93,5\n".encode("utf-8"),
    # minimal — error: two names that differ only by a zero-width space are one unit, twice.
    "zero_width_duplicate.csv": "unit,bloc,total\nSở A,so,90\nSở\u200b A,so,80\n".encode("utf-8"),
    # minimal — read: invisible characters (zero-width space, no-break space, soft hyphen) in headings.
    "invisible_headings.csv": "Đơn\u200b vị,Khối\u00a0,Tổng\u00ad điểm\nSở A,so,90\nSở B,so,80\n".encode("utf-8"),
    # minimal — error: an unknown bloc, and an out-of-range total in another row, both reported.
    "unknown_bloc.csv": "unit,bloc,total\nSở A,Quận,90\nSở B,so,180\n".encode("utf-8"),
    # minimal — error: a blank unit name, and an out-of-range total in another row, both reported.
    "blank_name.csv": "unit,bloc,total\n,so,90\nSở B,so,180\n".encode("utf-8"),
    # minimal — error: an empty file.
    "empty.csv": b"",
    # minimal — error: headings and no row.
    "headings_only.csv": "unit,bloc,total\n".encode("utf-8"),
    # minimal — error: two columns that both mean the total.
    "duplicate_heading.csv": "unit,bloc,total,Tổng điểm\nSở A,so,90,91\n".encode("utf-8"),
    # minimal — error: the total given does not match the sum of the groups.
    "total_clash.csv": "unit,bloc,infra,app,total\nSở A,so,40,40,90\n".encode("utf-8"),
    # minimal — error: more decimals than the rubric's precision.
    "too_many_decimals.csv": "unit,bloc,total\nSở A,so,90.123\n".encode("utf-8"),
    # minimal — error: a share above 100 %.
    "share_over_100.csv": "unit;bloc;pcs;meet;app\nSở A;so;120%;4;40\n".encode("utf-8"),
    # minimal — error: values in a column without a heading.
    "unnamed_column.csv": "unit,bloc,total,\nSở A,so,90,5\n".encode("utf-8"),
    # minimal — error: "N/A" and "-" in a score column (not blanks, not numbers).
    "na_and_dash.csv": "unit,bloc,total\nSở A,so,N/A\nSở B,so,-\n".encode("utf-8"),
    # minimal — error (unless --missing zero/exclude): a blank score.
    "blank_score.csv": "unit,bloc,total\nSở A,so,\nSở B,so,80\n".encode("utf-8"),
    # minimal — read: Excel's "Unicode text" (UTF-16 with BOM, tab-separated).
    "utf16_tabs.csv": "unit\tbloc\ttotal\nSở A\tso\t90,5\nSở B\tso\t80\n".encode("utf-16"),
    # messy — read: a space as thousands separator in a count ("1 250").
    "space_thousands.csv": (
        "Đơn vị;Khối;pcs;net;lan;meet;docs;web;hr;bonus\nSở Công Thương;so;0,5;50;có;1;1 250;10;10;0\n"
    ).encode("utf-8"),
    # minimal — warning: a name that matches the roster only without diacritics.
    "diacritics_only.csv": "unit,bloc,total\nSo A,so,90\nSở B,so,80\n".encode("utf-8"),
    # minimal — read: tab-separated .tsv with a decimal comma.
    "tabs.tsv": "unit\tbloc\ttotal\nSở A\tso\t90,5\nSở B\tso\t80\n".encode("utf-8"),
    # minimal — error: a CSV saved with an .xlsx name.
    "not_a_workbook.xlsx": "unit,bloc,total\nSở A,so,90\n".encode("utf-8"),
    # minimal — error: JSON cut short.
    "truncated.json": '{"units": [{"unit": "Sở A", "bloc": "so"'.encode("utf-8"),
    # minimal — read: a JSON list of records with Vietnamese keys and a bloc name.
    "records_vi.json": (
        '[{"Đơn vị": "Sở A", "Khối": "Sở, ngành", "Tổng điểm": "93,94"},\n'
        ' {"Đơn vị": "Sở B", "Khối": "so", "Tổng điểm": 80}]\n'
    ).encode("utf-8"),
    # minimal — error: one systematic error repeated over 300 rows: a bounded report.
    "systematic_error.csv": ("unit,bloc,app,infra\n" + _rows(300)).encode("utf-8"),
    # messy — error: Excel's scientific notation in a count.
    "scientific_count.csv": (
        "Đơn vị;Khối;pcs;net;lan;meet;docs;web;hr;bonus\nSở Công Thương;so;0,5;50;có;1;1,23E+03;10;10;0\n"
    ).encode("utf-8"),
    # minimal — read: a unit typed in capitals and a no-break space after a number.
    "case_and_nbsp.csv": "unit;bloc;total\nSỞ A;so;93,5\u00a0\nsở b;so;80\n".encode("utf-8"),
    # minimal — error: yes/no words in a points column.
    "words_in_points.csv": "unit,bloc,infra,app\nSở A,so,40,có\n".encode("utf-8"),
})



def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 (Vietnamese ANSI): precomposed where the code page has the
    letter, else base letter + combining tone mark, as Windows writes it."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            head = unicodedata.normalize("NFC", base + "".join(marks[:-1]))
            out += head.encode("cp1258") + marks[-1].encode("cp1258")
    return bytes(out)


CSV["not_utf8.csv"] = cp1258("Đơn vị;Khối;Tổng điểm\nSở A;so;90\n")

# minimal — should read: {"units": [...]}, Vietnamese keys, a decimal comma in a string,
# an empty record.
JSON: dict[str, object] = {
    "units.json": {
        "units": [
            {"Đơn vị": "Sở A", "Khối": "so", "Tổng điểm": "93,94"},
            {},
            {"Đơn vị": "Sở B", "Khối": "Sở, ngành", "Tổng điểm": 80.5},
        ]
    }
}

_FIXED = _dt.datetime(2020, 1, 1)


def _workbook():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.creator = "make_corpus.py"
    wb.properties.created = _FIXED
    wb.properties.modified = _FIXED
    return wb


def title_rows_xlsx(path: Path) -> None:
    """minimal — should read: two title rows (merged), headings in row 3, an STT column,
    a percent-formatted number and a percent string, an NFD name with a trailing space,
    an empty row between units, formatted empty rows at the end, a second sheet."""
    from openpyxl.styles import PatternFill

    wb = _workbook()
    ws = wb.active
    ws.title = "Sở"
    ws["A1"] = "KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ ỨNG DỤNG CNTT NĂM 2015"
    ws.merge_cells("A1:G1")
    ws["A2"] = "(Kèm theo Quyết định số 1/QĐ)"
    ws.append(["STT", "Tên đơn vị", "Khối", "Máy tính", "Họp", "Ứng dụng", "Ghi chú"])
    ws.append([1, nfd("Sở A "), "so", 0.97, 4, "45,5", None])
    ws["D4"].number_format = "0%"
    ws.append([])
    ws.append([2, "Sở B", "so", "85%", 3, 40, "đã thẩm định"])
    grey = PatternFill("solid", fgColor="EEEEEE")
    for r in range(7, 21):  # formatted, empty: Excel counts them, the reader must not
        ws.cell(row=r, column=1).fill = grey
    other = wb.create_sheet("Huyện")
    other.append(["Đơn vị", "Khối", "Tổng điểm"])
    other.append(["Huyện Một", "huyen", 71.25])
    wb.save(path)


def text_in_number_xlsx(path: Path) -> None:
    """minimal — error (reader): text in a numeric cell, below a title row."""
    wb = _workbook()
    ws = wb.active
    ws.title = "Điểm"
    ws["A1"] = "BẢNG ĐIỂM"
    ws.append([])
    ws.append(["Đơn vị", "Khối", "Tổng điểm"])
    ws.append(["Sở A", "so", 93.94])
    ws.append(["Sở B", "so", "chín mươi"])
    ws.append(["Huyện Một", "huyen", 70])
    wb.save(path)


def percent_cells_xlsx(path: Path) -> None:
    """messy — should read: a sheet named after a bloc and no bloc column, numbers
    formatted as percents in a share and a percent-share column, a decimal comma."""
    wb = _workbook()
    ws = wb.active
    ws.title = "Huyện"
    ws.append(["Đơn vị", "pcs", "net", "meet", "docs", "web", "hr", "bonus"])
    ws.append(["Thành phố Tam Kỳ", 0.75, 0.8, 2, 1500, "27,5", 16, 1])
    ws.append(["Huyện Núi Thành", 0.5, 0.655, 0, 300, 20, 10, 0])
    for cell in ("B2", "B3"):
        ws[cell].number_format = "0.0%"
    for cell in ("C2", "C3"):
        ws[cell].number_format = "0%"
    wb.save(path)


def _sheets(path: Path, sheets: list[tuple[str, list[list[object]]]]) -> None:
    wb = _workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)


#: The sheets of the workbooks that other formats repeat (.xls, .ods): name → sheets.
SHEET_PER_BLOC = [
    ("Hướng dẫn", [["Điền điểm của từng đơn vị vào trang của khối."], ["Không sửa dòng tiêu đề."]]),
    ("Sở", [["Đơn vị", "Tổng điểm"], ["Sở A", 93.94], ["Sở B", "80,5"]]),
    ("Huyện", [["Tên đơn vị", "Tổng điểm"], ["Huyện Một", 71.25], ["Huyện Hai", 60]]),
]
DATE_BOOL = [("Sở", [["Đơn vị", "Khối", "Tổng điểm"], ["Sở A", "so", _dt.date(2024, 5, 9)], ["Sở B", "so", True]])]
TEXT_IN_NUMBER = [("Điểm", [["Đơn vị", "Khối", "Tổng điểm"], ["Sở A", "so", 93.94], ["Sở B", "so", "chín mươi"]])]


def sheet_per_bloc_xlsx(path: Path) -> None:
    """minimal — read: an instructions sheet first, then one sheet per bloc with no bloc column."""
    _sheets(path, SHEET_PER_BLOC)


def formula_no_value_xlsx(path: Path) -> None:
    """minimal — error: a formula written by a program, never calculated, so no saved value."""
    _sheets(path, [("Sở", [["Đơn vị", "Khối", "infra", "app", "Tổng điểm"],
                           ["Sở A", "so", 40, 40, "=C2+D2"], ["Sở B", "so", 30, 30, 60]])])


def merged_header_xlsx(path: Path) -> None:
    """minimal — error: a group heading merged over its criteria, the criteria in the row below."""
    wb = _workbook()
    ws = wb.active
    ws.title = "Sở"
    ws.append(["Đơn vị", "Khối", "Hạ tầng", None, "Ứng dụng"])
    ws.append([None, None, "Máy tính", "Họp", None])
    ws.append(["Sở A", "so", 0.9, 4, 40])
    ws.merge_cells("C1:D1")
    wb.save(path)


def date_bool_xlsx(path: Path) -> None:
    """minimal — error: a date and TRUE in a score column."""
    _sheets(path, DATE_BOOL)


def hidden_column_xlsx(path: Path) -> None:
    """minimal — warning: a hidden column that is read."""
    wb = _workbook()
    ws = wb.active
    ws.title = "Sở"
    for r in (["Đơn vị", "Khối", "infra", "app"], ["Sở A", "so", 40, 45], ["Sở B", "so", 30, 40]):
        ws.append(r)
    ws.column_dimensions["D"].hidden = True
    wb.save(path)


def hidden_row_xlsx(path: Path) -> None:
    """minimal — warning: a hidden row that is read."""
    wb = _workbook()
    ws = wb.active
    ws.title = "Sở"
    for r in (["Đơn vị", "Khối", "Tổng điểm"], ["Sở A", "so", 90], ["Sở B", "so", 80]):
        ws.append(r)
    ws.row_dimensions[3].hidden = True
    wb.save(path)


def hidden_sheet_xlsx(path: Path) -> None:
    """minimal — read, with a note: a hidden sheet is not read by default."""
    wb = _workbook()
    ws = wb.active
    ws.title = "Sở"
    for r in (["Đơn vị", "Khối", "Tổng điểm"], ["Sở A", "so", 90], ["Sở B", "so", 80]):
        ws.append(r)
    old = wb.create_sheet("Năm trước")
    for r in (["Đơn vị", "Khối", "Tổng điểm"], ["Sở A", "so", 70]):
        old.append(r)
    old.sheet_state = "hidden"
    wb.save(path)


def empty_workbook_xlsx(path: Path) -> None:
    """minimal — error: a workbook with nothing in it."""
    _workbook().save(path)


def numbers_as_text_xlsx(path: Path) -> None:
    """minimal — read: numbers stored as text, with decimal commas and spaces."""
    _sheets(path, [("Sở", [["Đơn vị", "Khối", "Tổng điểm"], ["Sở A", "so", " 93,94 "], ["Sở B", "so", "80"]])])


def zero_width_names_xlsx(path: Path) -> None:
    """minimal — error: a name with a zero-width space is the same unit as the name without it."""
    _sheets(path, [("Sở", [["Đơn vị", "Khối", "Tổng điểm"], ["Sở A", "so", 90], ["Sở A\u200b", "so", 80]])])


def no_bloc_sheet_xlsx(path: Path) -> None:
    """minimal — error: no bloc column, and a sheet name that is no bloc."""
    _sheets(path, [("Sheet1", [["Đơn vị", "Tổng điểm"], ["Sở A", 90], ["Huyện Một", 70]])])


XLSX = {
    "no_bloc_sheet.xlsx": no_bloc_sheet_xlsx,
    "title_rows.xlsx": title_rows_xlsx,
    "text_in_number.xlsx": text_in_number_xlsx,
    "percent_cells.xlsx": percent_cells_xlsx,
    "sheet_per_bloc.xlsx": sheet_per_bloc_xlsx,
    "formula_no_value.xlsx": formula_no_value_xlsx,
    "merged_header.xlsx": merged_header_xlsx,
    "date_bool.xlsx": date_bool_xlsx,
    "hidden_column.xlsx": hidden_column_xlsx,
    "hidden_row.xlsx": hidden_row_xlsx,
    "hidden_sheet.xlsx": hidden_sheet_xlsx,
    "empty_workbook.xlsx": empty_workbook_xlsx,
    "numbers_as_text.xlsx": numbers_as_text_xlsx,
    "zero_width_names.xlsx": zero_width_names_xlsx,
}

# ----------------------------------------------------------------------------- .xls and .ods
# No writer of these formats is a dependency of the project: they were made once with
# xlwt 1.3.0 (.xls) and odfpy 1.4.1 (.ods) by ``python make_corpus.py --old-formats``
# and committed (their zips and headers hold timestamps, so they are not byte-for-byte
# reproducible). The test reads them with python-calamine and checks their cells
# against the sheets below, so the committed files stay what this script says.
OLD_FORMATS: dict[str, list[tuple[str, list[list[object]]]]] = {
    "sheet_per_bloc.xls": SHEET_PER_BLOC,  # minimal — read
    "text_in_number.xls": TEXT_IN_NUMBER,  # minimal — error naming sheet, row, column
    "sheet_per_bloc.ods": SHEET_PER_BLOC,  # minimal — read
    "date_bool.ods": DATE_BOOL,  # minimal — error: a date and TRUE in a score column
}


def _write_xls(path: Path, sheets: list[tuple[str, list[list[object]]]]) -> None:
    import xlwt  # type: ignore[import-not-found]

    wb = xlwt.Workbook(encoding="utf-8")
    date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for title, rows in sheets:
        ws = wb.add_sheet(title)
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                if isinstance(v, _dt.date):
                    ws.write(i, j, v, date)
                elif v is not None:
                    ws.write(i, j, v)
    wb.save(str(path))


def _write_ods(path: Path, sheets: list[tuple[str, list[list[object]]]]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-not-found]
    from odf.table import Table, TableCell, TableRow  # type: ignore[import-not-found]
    from odf.text import P  # type: ignore[import-not-found]

    doc = OpenDocumentSpreadsheet()
    for title, rows in sheets:
        table = Table(name=title)
        for r in rows:
            tr = TableRow()
            for v in r:
                if v is None:
                    tr.addElement(TableCell())
                    continue
                if isinstance(v, bool):
                    cell = TableCell(valuetype="boolean", booleanvalue="true" if v else "false")
                elif isinstance(v, (int, float)):
                    cell = TableCell(valuetype="float", value=v)
                elif isinstance(v, _dt.date):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat())
                else:
                    cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(v)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))


def build_old_formats(directory: Path = HERE) -> list[Path]:
    """Write the .xls and .ods files (needs xlwt and odfpy, not project dependencies)."""
    out = []
    for name, sheets in OLD_FORMATS.items():
        (_write_xls if name.endswith(".xls") else _write_ods)(directory / name, sheets)
        out.append(directory / name)
    return out


def build(directory: Path = HERE) -> list[Path]:
    """Write every corpus file into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name, data in CSV.items():
        assert data is not None
        (directory / name).write_bytes(data)
        out.append(directory / name)
    for name, obj in JSON.items():
        (directory / name).write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        out.append(directory / name)
    for name, make in XLSX.items():
        make(directory / name)
        out.append(directory / name)
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--old-formats"]
    target = Path(args[0]) if args else HERE
    made = build_old_formats(target) if "--old-formats" in sys.argv else build(target)
    for p in made:
        print(p)
