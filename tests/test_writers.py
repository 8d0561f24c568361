"""Writers: text, Markdown, HTML, Excel, CSV, JSON; atomic file output; notebook HTML."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.io import files, writers
from ict_adoption.text import formula_safe
from ict_adoption.io.writers import InputOverwriteError, atomic_write, render, write_ranking
from ict_adoption.views import band_colour
from ict_adoption.views.html import ranking_html, rubric_html
from ict_adoption.views.markdown import md_escape

DATA = Path(__file__).parent / "data"
DOCS = Path(__file__).parent.parent / "docs" / "guide"
RUBRIC = ia.load_rubric(DATA / "rubric_report.toml")

SCRIPT = "<script>alert(1)</script>"
QUOTED = 'Sở "A" & B'
DANGEROUS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tTab", "\rCR"]


@pytest.fixture
def small() -> ia.Ranking:
    """Two blocs, a tie, group points for some units, one unit not reported."""
    return ia.rank(
        RUBRIC,
        {
            "unit": ["Sở A", "Sở B", "Sở C", "H1", "H2"],
            "bloc": ["so", "so", "so", "huyen", "huyen"],
            "infra": [30, 35, None, None, None],
            "app": [55.5, 50.5, None, None, None],
            "total": [85.5, 85.5, 60, 70, None],
        },
        missing="exclude",
    )


@pytest.fixture
def hostile() -> ia.Ranking:
    names = [SCRIPT, QUOTED, "A|B *c* _d_ [e](f) `g` <h> ~i~ #j", *DANGEROUS]
    return ia.rank(
        RUBRIC,
        {"unit": names, "bloc": ["so"] * len(names), "total": [90 - k for k in range(len(names))]},
    )


# --------------------------------------------------------------------------- text, json


def test_text_is_the_ranking_table(small):
    assert render(small, "text") == small.table()
    assert render(small, "text", lang="en") == small.table(lang="en")
    assert render(small, "text") == (
        "Sở, ngành\n"
        "Hạng    Đơn vị    Tổng điểm    Xếp loại    infra    app\n"
        "------  --------  -----------  ----------  -------  -----\n"
        "1=      Sở A      85,50        Tốt         30,00    55,50\n"
        "1=      Sở B      85,50        Tốt         35,00    50,50\n"
        "3       Sở C      60,00        Trung bình\n"
        "\n"
        "Huyện\n"
        "Hạng    Đơn vị    Tổng điểm      Xếp loại\n"
        "------  --------  -------------  ----------\n"
        "1       H1        70,00          Khá\n"
        "—       H2        không báo cáo"
    )


def test_json_is_the_contract(small):
    text = render(small, "json")
    assert text == json.dumps(small.to_records(), ensure_ascii=False, indent=2)
    records = json.loads(text)
    assert [(r["unit"], r["rank"], r["rank_label"], r["tied"], r["band"], r["total"]) for r in records] == [
        ("Sở A", 1, "1=", True, "Tốt", 85.5),
        ("Sở B", 1, "1=", True, "Tốt", 85.5),
        ("Sở C", 3, "3", False, "Trung bình", 60.0),
        ("H1", 1, "1", False, "Khá", 70.0),
        ("H2", None, "—", False, None, None),
    ]
    assert records[0]["groups"] == {"infra": 30.0, "app": 55.5}
    assert "Sở A" in text  # ensure_ascii=False: UTF-8, not \u escapes


def test_unknown_format_and_language(small):
    with pytest.raises(ValueError, match="format: expected one of text, markdown, html, xlsx, csv, json, got 'pdf'"):
        render(small, "pdf")
    with pytest.raises(ValueError, match="lang: expected one of vi, en"):
        render(small, "text", lang="de")


# --------------------------------------------------------------------------- csv


def test_csv_exact(small):
    assert render(small, "csv") == (
        "unit,bloc,bloc_name,rank,rank_label,tied,total,max,band,band_en,status,level,infra,app,note\n"
        'Sở A,so,"Sở, ngành",1,1=,true,85.50,100.00,Tốt,Good,ranked,criteria,30.00,55.50,\n'
        'Sở B,so,"Sở, ngành",1,1=,true,85.50,100.00,Tốt,Good,ranked,criteria,35.00,50.50,\n'
        'Sở C,so,"Sở, ngành",3,3,false,60.00,100.00,Trung bình,Average,ranked,total,,,\n'
        "H1,huyen,Huyện,1,1,false,70.00,100.00,Khá,Fair,ranked,total,,,\n"
        "H2,huyen,Huyện,,,,,100.00,,,not_reported,total,,,\n"
    )


def test_csv_neutralises_formulas_and_round_trips_other_text(hostile):
    rows = list(csv.DictReader(io.StringIO(render(hostile, "csv"))))
    units = [r["unit"] for r in rows]
    assert units[:3] == [SCRIPT, QUOTED, "A|B *c* _d_ [e](f) `g` <h> ~i~ #j"]
    # \t and \r are not kept by NFC normalisation of names: the names start with "Tab"/"CR"
    expected = ["'" + d if d.startswith(("=", "+", "-", "@")) else d.strip() for d in DANGEROUS]
    assert units[3:] == expected
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert not (value.startswith("-") and not value.replace(".", "").lstrip("-").isdigit()), value


def test_csv_safe_text_prefixes():
    assert [formula_safe(x) for x in ["=a", "+a", "-a", "@a", "\ta", "\ra", "a=b", "Sở"]] == [
        "'=a", "'+a", "'-a", "'@a", "'\ta", "'\ra", "a=b", "Sở",
    ]


# --------------------------------------------------------------------------- markdown


def test_markdown_exact(small):
    assert render(small, "markdown") == (
        "# Kết quả đánh giá, xếp hạng mức độ ứng dụng CNTT\n"
        "\n"
        "Bộ tiêu chí thử nghiệm  \n"
        "Địa phương: demo · Bộ tiêu chí: 2020 · Năm đánh giá: 2020–2021  \n"
        "Căn cứ: QĐ 1/QĐ-UBND, 2020-01-15, UBND tỉnh Demo: Quy định đánh giá, xếp hạng mức độ ứng dụng CNTT  \n"
        "Phương pháp xếp hạng: cùng điểm thì đồng hạng, bỏ qua hạng kế tiếp (1, 2, 2, 4)\n"
        "\n"
        "> **CẢNH BÁO: 1/10 giá trị của bộ tiêu chí demo:2020 là giả định, không phải số liệu đã công bố; "
        "kết quả chỉ để tham khảo.**\n"
        "\n"
        "## Sở, ngành\n"
        "\n"
        "| Hạng | Đơn vị | Tổng điểm | Xếp loại   | Hạ tầng (40) | Ứng dụng (60) |\n"
        "| ---: | ------ | --------: | ---------- | -----------: | ------------: |\n"
        "| 1=   | Sở A   | 85,50     | Tốt        | 30,00        | 55,50         |\n"
        "| 1=   | Sở B   | 85,50     | Tốt        | 35,00        | 50,50         |\n"
        "| 3    | Sở C   | 60,00     | Trung bình |              |               |\n"
        "\n"
        "## Huyện\n"
        "\n"
        "| Hạng | Đơn vị | Tổng điểm     | Xếp loại |\n"
        "| ---: | ------ | ------------: | -------- |\n"
        "| 1    | H1     | 70,00         | Khá      |\n"
        "| —    | H2     | không báo cáo |          |\n"
    )


def test_markdown_escaping():
    assert md_escape("A|B *c* _d_ [e](f) `g` <h> ~i~ #j $k$ \\") == (
        "A\\|B \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` &lt;h&gt; &#126;i&#126; \\#j &#36;k&#36; \\\\"
    )
    # "&" only where it would start a character reference
    assert md_escape("Sở TT&TT") == "Sở TT&TT" and md_escape("x &amp; y") == "x &amp;amp; y"
    assert md_escape("- x") == "\\- x" and md_escape("1. x") == "1\\. x" and md_escape("99.87") == "99.87"
    assert md_escape("two\nlines") == "two lines"


def test_markdown_table_survives_hostile_names(hostile):
    markdown = pytest.importorskip("markdown")
    html = markdown.markdown(render(hostile, "markdown"), extensions=["tables"])
    cells = _HTMLTable.parse(html)
    assert len(cells) == 1
    rows = cells[0]["rows"]
    # every row has exactly the header's columns: no "|" in a name split a cell
    assert {len(r) for r in rows} == {len(cells[0]["head"])}
    assert [r[1] for r in rows][:3] == [SCRIPT, QUOTED, "A|B *c* _d_ [e](f) `g` <h> ~i~ #j"]
    for tag in ("<script", "<em>", "<strong>", "<a ", "<code>", "<h>", "<del>"):
        assert tag not in html.split("<table>")[1]


# --------------------------------------------------------------------------- html


class _HTMLTable(HTMLParser):
    """Collects tables: header cells and body rows as text, plus every start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.tags: list[tuple[str, dict]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False

    @classmethod
    def parse(cls, text: str) -> list[dict]:
        p = cls()
        p.feed(text)
        p.close()
        return p.tables

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self.tables.append({"attrs": a, "head": [], "rows": [], "row_attrs": []})
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
            if not self._in_head and self.tables:
                self.tables[-1]["row_attrs"].append(a)
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._in_head:
                self.tables[-1]["head"] = self._row
            else:
                self.tables[-1]["rows"].append(self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_html_page_is_self_contained_and_escaped(hostile):
    page = render(hostile, "html")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"vi\">")
    assert '<meta charset="utf-8">' in page and "<style>" in page
    low = page.lower()
    for external in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert external not in low
    assert "<script" not in low  # the unit called <script> is text, not an element
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Sở &quot;A&quot; &amp; B" in page
    parser = _HTMLTable()
    parser.feed(page)
    assert not [t for t, _ in parser.tags if t == "script"]
    (table,) = parser.tables
    assert table["attrs"]["data-bloc"] == "so"
    assert [r[1] for r in table["rows"]][:3] == [SCRIPT, QUOTED, "A|B *c* _d_ [e](f) `g` <h> ~i~ #j"]


def test_html_page_tables_ties_and_colours(small):
    page = render(small, "html", lang="en")
    tables = _HTMLTable.parse(page)
    assert [t["attrs"]["data-bloc"] for t in tables] == ["so", "huyen"]
    assert tables[0]["head"] == ["Rank", "Unit", "Total", "Class", "Infrastructure (40)", "Applications (60)"]
    assert tables[0]["rows"] == [
        ["1=", "Sở A", "85.50", "Good", "30.00", "55.50"],
        ["1=", "Sở B", "85.50", "Good", "35.00", "50.50"],
        ["3", "Sở C", "60.00", "Average", "", ""],
    ]
    assert tables[1]["rows"] == [["1", "H1", "70.00", "Fair"], ["—", "H2", "no report", ""]]
    assert f"background:{band_colour(0, 4)}\">Good<" in page
    assert f"background:{band_colour(2, 4)}\">Average<" in page
    assert "WARNING: 1 of 10 values of the rubric demo:2020 are assumed, not published" in page


def test_notebook_fragments(small):
    frag = small._repr_html_()
    assert frag == ranking_html(small)
    assert frag.startswith('<div class="ict-adoption ia-ranking">') and frag.endswith("</div>")
    assert "<html" not in frag and "<style" not in frag  # a fragment, styled inline
    tables = _HTMLTable.parse(frag)
    assert [t["attrs"]["data-bloc"] for t in tables] == ["so", "huyen"]
    assert [r[0] for r in tables[0]["rows"]] == ["1=", "1=", "3"]
    assert 'class="ia-num ia-rank ia-tied"' in frag
    assert f"background:{band_colour(0, 4)}" in frag

    rub = RUBRIC._repr_html_()
    assert rub == rubric_html(RUBRIC)
    groups, blocs, bands = _HTMLTable.parse(rub)
    assert groups["head"] == ["Mã", "Tên", "Sở, ngành", "Huyện", "Xã", ""]
    assert groups["rows"] == [
        ["infra", "Hạ tầng", "40", "40", "40", "⚠ giả định"],
        ["app", "Ứng dụng", "60", "60", "60", "✓"],
        ["", "Tổng điểm", "100", "100", "100", ""],
    ]
    assert 'title="giả định: points table not published"' in rub
    assert blocs["rows"] == [["so", "Sở, ngành", "100", "✓"], ["huyen", "Huyện", "100", "✓"], ["xa", "Xã", "100", "✓"]]
    assert [r[:2] for r in bands["rows"]] == [["Tốt", "80"], ["Khá", "65"], ["Trung bình", "50"], ["Yếu", "—"]]
    en = rubric_html(RUBRIC, lang="en")
    assert "Infrastructure" in en and "⚠ assumed" in en


def test_rubric_html_with_criteria_and_bloc_maxima(minimal_rubric):
    groups = _HTMLTable.parse(minimal_rubric._repr_html_())[0]
    assert groups["rows"] == [
        ["infra", "Hạ tầng", "50", "40", "⚠ giả định"],
        ["pcs", "Máy tính", "30", "20", "⚠ giả định"],
        ["meet", "Họp", "20", "20", "⚠ giả định"],
        ["app", "Ứng dụng", "50", "50", "✓"],
        ["", "Tổng điểm", "100", "90", ""],
    ]


# --------------------------------------------------------------------------- xlsx


def _workbook(data: bytes):
    openpyxl = pytest.importorskip("openpyxl")
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_sheets_numbers_and_formats(small):
    wb = _workbook(render(small, "xlsx"))
    assert wb.sheetnames == ["Sở, ngành", "Huyện", "Xếp loại", "Nguồn gốc"]
    ws = wb["Sở, ngành"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows == [
        ["Hạng", "Đơn vị", "Tổng điểm", "Xếp loại", "Hạ tầng (40)", "Ứng dụng (60)"],
        [1, "Sở A", 85.5, "Tốt", 30, 55.5],
        [1, "Sở B", 85.5, "Tốt", 35, 50.5],
        [3, "Sở C", 60, "Trung bình", None, None],
    ]
    assert ws["A2"].number_format == '0"="' and ws["A4"].number_format == "0"  # "1=" for a tie
    assert {ws[c].number_format for c in ("C2", "C4", "E2", "F3")} == {"0.00"}
    assert isinstance(ws["C2"].value, (int, float)) and ws["C2"].data_type == "n"
    huyen = [[c.value for c in r] for r in wb["Huyện"].iter_rows()]
    assert huyen[1:] == [[1, "H1", 70, "Khá"], [None, "H2", None, "không báo cáo"]]
    counts = [[c.value for c in r] for r in wb["Xếp loại"].iter_rows()]
    assert counts == [
        ["Khối", "Tốt", "Khá", "Trung bình", "Yếu", "Không báo cáo", "Tổng"],
        ["Sở, ngành", 2, 0, 1, 0, 0, 3],
        ["Huyện", 0, 1, 0, 0, 1, 2],
    ]
    prov = [[c.value for c in r] for r in wb["Nguồn gốc"].iter_rows()]
    assert ["group infra", "giả định", None, "points table not published"] in prov
    assert any(r[0] and str(r[0]).startswith("CẢNH BÁO: 1/10 giá trị") for r in prov)


def test_xlsx_english_sheet_names(small):
    wb = _workbook(render(small, "xlsx", lang="en"))
    assert wb.sheetnames == ["Departments", "Districts", "Classes", "Provenance"]


def test_xlsx_no_cell_is_a_formula(hostile):
    wb = _workbook(render(hostile, "xlsx"))
    seen = []
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                    seen.append(cell.value)
    units = [c.value for c in wb["Sở, ngành"]["B"]][1:]
    assert units[:3] == [SCRIPT, QUOTED, "A|B *c* _d_ [e](f) `g` <h> ~i~ #j"]
    # the text is kept as written (NFC trims the tab and CR); only the cell type changes
    assert units[3:] == ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "Tab", "CR"]
    assert {"=1+2", "+SUM(A1)", "-2+3", "@cmd"} <= set(seen)


def test_xlsx_neutralises_tab_and_cr_prefixes():
    openpyxl = pytest.importorskip("openpyxl")
    from ict_adoption.io.xlsx import put as _put

    wb = openpyxl.Workbook()
    ws = wb.active
    for k, text in enumerate(["=1+2", "\t=1", "\r=1", "@x", "ok"], start=1):
        _put(ws, k, 1, text)
    buf = io.BytesIO()
    wb.save(buf)
    back = openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active
    # (XML stores a carriage return as a line feed)
    assert [c.value for c in back["A"]] == ["=1+2", "\t=1", "\n=1", "@x", "ok"]
    assert [c.data_type for c in back["A"]] == ["s"] * 5
    assert [bool(c.quotePrefix) for c in back["A"]] == [True, True, True, True, False]


def test_xlsx_sheet_titles_are_valid_and_unique():
    from ict_adoption.io.xlsx import RESERVED_SHEETS, sheet_title

    # one rule for every workbook the library writes (results and fill-in templates)
    used: set[str] = set(RESERVED_SHEETS)
    assert sheet_title("Phường/Xã [mới]: *?", used) == "Phường-Xã (mới)"
    assert sheet_title("x" * 40, used) == "x" * 31
    assert sheet_title("x" * 40, used) == "x" * 27 + " (2)"
    assert sheet_title("History", used) == "History (2)"
    assert sheet_title("***", used, fallback="Sheet") == "Sheet"


def test_xlsx_without_openpyxl(small, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"needs openpyxl.*pip install 'ict-adoption\[excel\]'"):
        render(small, "xlsx")


# --------------------------------------------------------------------------- files


def test_atomic_write_text_bytes_and_no_temp_left(tmp_path):
    target = tmp_path / "out.md"
    atomic_write(target, "Sở Tài chính\n")
    assert target.read_bytes() == "Sở Tài chính\n".encode("utf-8")
    atomic_write(tmp_path / "out.xlsx", b"\x00\x01")
    assert (tmp_path / "out.xlsx").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md", "out.xlsx"]


def test_atomic_write_refuses_existing_without_force(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(FileExistsError) as info:
        atomic_write(target, "new")
    assert str(info.value) == f"{target} already exists; use --force (force=True) to overwrite it"
    assert target.read_text() == "old"
    atomic_write(target, "new", force=True)
    assert target.read_text() == "new"


def test_atomic_write_never_overwrites_an_input(tmp_path, monkeypatch):
    source = tmp_path / "scores.csv"
    source.write_text("unit,bloc,total\n")
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    hard = tmp_path / "hard.csv"
    os.link(source, hard)
    monkeypatch.chdir(tmp_path)
    for out, inp in [
        (source, source),
        ("scores.csv", str(source)),
        ("./sub/../scores.csv", "scores.csv"),
        (link, source),
        (hard, "scores.csv"),
    ]:
        if "sub" in str(out):
            (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(InputOverwriteError, match="refusing to write the output over an input file"):
            atomic_write(out, "x", force=True, inputs=[inp])
    assert source.read_text() == "unit,bloc,total\n"
    assert issubclass(InputOverwriteError, FileExistsError)
    # another file next to the input is fine
    atomic_write(tmp_path / "ranking.csv", "x", inputs=[source])


def test_atomic_write_keeps_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new", force=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_permissions_and_missing_directory(tmp_path):
    new = tmp_path / "new.txt"
    atomic_write(new, "x")
    umask = files._umask()
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    old = tmp_path / "old.txt"
    old.write_text("o")
    old.chmod(0o640)
    atomic_write(old, "n", force=True)
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    with pytest.raises(FileNotFoundError, match="does not exist"):
        atomic_write(tmp_path / "nope" / "x.txt", "x")
    with pytest.raises(IsADirectoryError):
        atomic_write(tmp_path, "x")


@pytest.mark.parametrize(
    "name, fmt",
    [("r.txt", "text"), ("r.md", "markdown"), ("r.HTML", "html"), ("r.htm", "html"),
     ("r.xlsx", "xlsx"), ("r.csv", "csv"), ("r.json", "json")],
)
def test_write_ranking_format_from_suffix(small, tmp_path, name, fmt):
    path = tmp_path / name
    write_ranking(small, path)
    data = render(small, fmt)
    if isinstance(data, bytes):
        assert path.read_bytes()[:2] == b"PK"  # a zip: the xlsx container
    else:
        assert path.read_text(encoding="utf-8") == data + ("" if data.endswith("\n") else "\n")


def test_write_ranking_options(small, tmp_path):
    path = tmp_path / "ranking.out"
    with pytest.raises(ValueError, match=r"cannot tell the output format from the suffix '\.out'"):
        write_ranking(small, path)
    write_ranking(small, path, format="json")
    assert json.loads(path.read_text(encoding="utf-8")) == small.to_records()
    with pytest.raises(FileExistsError, match="--force"):
        write_ranking(small, path, format="json")
    write_ranking(small, path, format="text", lang="en", force=True)
    assert path.read_text(encoding="utf-8").startswith("Departments\nRank")
    with pytest.raises(InputOverwriteError):
        write_ranking(small, path, format="text", force=True, inputs=[path])


def test_other_methods_render(small):
    for method in ("dense", "fractional", "ordinal"):
        r = ia.rank(RUBRIC, small.scored, method=method)
        for fmt in ("text", "markdown", "html", "csv", "json"):
            assert render(r, fmt)
    frac = ia.rank(RUBRIC, small.scored, method="fractional")
    assert "1.5=" in render(frac, "markdown") and ",1.5,1.5=," in render(frac, "csv")
    wb = _workbook(render(frac, "xlsx"))
    assert wb["Sở, ngành"]["A2"].value == 1.5 and wb["Sở, ngành"]["A2"].number_format == 'General"="'


# --------------------------------------------------------------------------- docs


def run_doc_examples(path: Path, monkeypatch, tmp_path) -> int:
    """Run every ```python block of a guide page in one namespace (cwd: a temp dir).

    A ```python block followed by a ```text block must print exactly that text (trailing
    blanks of each line aside).
    """
    import contextlib
    import re

    text = path.read_text(encoding="utf-8")
    blocks = re.findall(r"```(\w+)\n(.*?)```", text, flags=re.S)
    monkeypatch.chdir(tmp_path)
    ns: dict = {"__name__": "__doc__"}
    ran = 0
    for k, (kind, code) in enumerate(blocks):
        if kind != "python":
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"{path.name} block {k + 1}", "exec"), ns)
        ran += 1
        if k + 1 < len(blocks) and blocks[k + 1][0] == "text":
            # compared line by line without trailing blanks, which editors strip
            got = [line.rstrip() for line in out.getvalue().splitlines()]
            want = [line.rstrip() for line in blocks[k + 1][1].splitlines()]
            assert got == want, f"{path.name} block {k + 1}: output differs"
    return ran


def test_writers_guide_examples_run(monkeypatch, tmp_path):
    assert run_doc_examples(DOCS / "writers.md", monkeypatch, tmp_path) >= 3
