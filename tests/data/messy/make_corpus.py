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


XLSX = {
    "title_rows.xlsx": title_rows_xlsx,
    "text_in_number.xlsx": text_in_number_xlsx,
    "percent_cells.xlsx": percent_cells_xlsx,
}


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
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for p in build(target):
        print(p)
