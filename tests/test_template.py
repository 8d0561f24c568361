"""Fill-in templates: structure of the workbook, safe writing, and a loss-free round trip."""

from __future__ import annotations

import doctest
import io
import os
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.errors import InputError
from ict_adoption.io import read_table
from ict_adoption.io.template import (
    META_SHEET,
    README_SHEET,
    TemplateExistsError,
    read_template,
    sheet_titles,
    template_info,
    write_template,
)
from ict_adoption.io.xlsx import sheet_title as _sheet_title
from ict_adoption.scoring import score

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SO = "Sở, Ban, ngành"
HUYEN = "Quận-Huyện-Thị xã (cấp huyện)"


@pytest.fixture(scope="module")
def messy() -> ia.Rubric:
    return ia.load_rubric(DATA / "messy" / "rubric_messy.toml")


@pytest.fixture(scope="module")
def mini() -> ia.Rubric:
    return ia.load_rubric(DATA / "rubric_minimal.toml")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def headings(ws) -> list[str]:
    return [c.value for c in ws[4] if c.value is not None]


#: the Vietnamese headings of a template's fixed columns → their ids
_ID = {"Đơn vị": "unit", "Khối": "bloc", "Ghi chú": "note"}


def fill(path: str | Path, values: dict[str, dict[str, object]]) -> None:
    """Type ``values`` (unit → column id → cell) into a template, as a person would."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.title in (README_SHEET, META_SHEET):
            continue
        cols = {_ID.get(c.value, c.value): c.column for c in ws[4] if c.value}
        rows = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
        for unit, cells in values.items():
            if unit not in rows:
                continue
            for key, value in cells.items():
                ws.cell(row=rows[unit], column=cols[key], value=value)
    wb.save(path)


# ----------------------------------------------------------------------------- structure


def test_sheets_headings_and_prefilled_units(here, messy):
    write_template(messy, "t.xlsx")
    wb = openpyxl.load_workbook("t.xlsx")
    assert wb.sheetnames == [README_SHEET, SO, HUYEN, META_SHEET]
    assert wb[META_SHEET].sheet_state == "hidden"
    so, huyen = wb[SO], wb[HUYEN]
    assert headings(so) == ["Đơn vị", "Khối", "pcs", "net", "lan", "meet", "docs", "web", "hr", "bonus", "Ghi chú"]
    assert headings(huyen) == ["Đơn vị", "Khối", "pcs", "net", "meet", "docs", "web", "hr", "bonus", "Ghi chú"]
    write_template(messy, "en.xlsx", lang="en")
    en = openpyxl.load_workbook("en.xlsx")
    assert headings(en[SO]) == ["unit", "bloc", "pcs", "net", "lan", "meet", "docs", "web", "hr", "bonus", "note"]
    assert [(so.cell(r, 1).value, so.cell(r, 2).value) for r in range(5, so.max_row + 1)] == [
        ("Sở Tài nguyên và Môi trường", "so"),
        ("Sở Thông tin và Truyền thông", "so"),
        ("Sở Công Thương", "so"),
    ]
    assert [(huyen.cell(r, 1).value, huyen.cell(r, 2).value) for r in range(5, huyen.max_row + 1)] == [
        ("Thành phố Tam Kỳ", "huyen"),
        ("Huyện Núi Thành", "huyen"),
    ]
    assert so["A1"].value == f"Bộ tiêu chí thử nghiệm — {SO}"
    assert [c.value for c in so[2]][2:10] == ["Hạ tầng kỹ thuật", None, None, None, "Ứng dụng CNTT", None,
                                              "Nhân lực CNTT", "Điểm thưởng"]
    assert huyen["G3"].value == "Cổng thông tin điện tử (tối đa 30)"
    assert so.freeze_panes == "C5"
    info = template_info(wb)
    assert (info.region, info.edition, info.version) == ("messy", "2020", 1)
    assert info.sheets == ((SO, "so"), (HUYEN, "huyen"))


def test_heading_notes_give_name_max_rule_and_assumptions(here, messy):
    write_template(messy, "t.xlsx")
    wb = openpyxl.load_workbook("t.xlsx")
    so, huyen = wb[SO], wb[HUYEN]
    assert so["C4"].comment.text == (
        "pcs: Tỷ lệ máy tính trên cán bộ\n"
        "Nhóm: Hạ tầng kỹ thuật\n"
        "Tối đa: 15 điểm\n"
        "Cách tính: tỉ lệ (0–1) × 15, làm tròn nửa lên\n"
        "Nhập: tỷ lệ 0–1, hoặc phần trăm như 97%"
    )
    assert so["F4"].comment.text == (
        "meet: Số cuộc họp trực tuyến\n"
        "Nhóm: Hạ tầng kỹ thuật\n"
        "Tối đa: 10 điểm\n"
        "Cách tính: theo bậc: ≥4 → 10, ≥2 → 6, ≥1 → 3, còn lại 0\n"
        "Nhập: một số\n"
        "Giả định: the regulation names the criterion but publishes no steps"  # the test rubric gives no assumed_vi
    )
    assert huyen["I4"].comment.text == (
        "bonus: Điểm thưởng\n"
        "Tối đa: 5 điểm\n"
        "Cách tính: điểm ghi trực tiếp, từ 0 đến 5\n"
        "Nhập: điểm từ 0 đến 5"
    )
    write_template(messy, "en.xlsx", lang="en")
    en = openpyxl.load_workbook("en.xlsx")
    assert en[SO]["F4"].comment.text == (
        "meet: Số cuộc họp trực tuyến\n"
        "Group: Hạ tầng kỹ thuật\n"
        "Max: 10 points\n"
        "Rule: steps: ≥4 → 10, ≥2 → 6, ≥1 → 3, otherwise 0\n"
        "Enter: a number\n"
        "Assumed: the regulation names the criterion but publishes no steps"
    )


def _validations(ws) -> dict[str, tuple]:
    return {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2, dv.allow_blank)
        for dv in ws.data_validations.dataValidation
    }


def test_data_validation_ranges(here, messy):
    write_template(messy, "t.xlsx")
    wb = openpyxl.load_workbook("t.xlsx")
    assert _validations(wb[SO]) == {
        "C5:C7": ("decimal", "between", "0", "1", True),
        "D5:D7": ("decimal", "between", "0", "100", True),
        "E5:E7": ("list", None, '"có,không"', None, True),
        "F5:F7": ("decimal", "greaterThanOrEqual", "0", None, True),
        "G5:G7": ("whole", "greaterThanOrEqual", "0", None, True),
        "H5:H7": ("decimal", "between", "0", "25", True),
        "I5:I7": ("decimal", "between", "0", "20", True),
        "J5:J7": ("decimal", "between", "0", "5", True),
    }
    # the open roster gets 20 spare rows (2 units + 20 → rows 5 to 26); web max 30 here
    huyen = _validations(wb[HUYEN])
    assert huyen["G5:G26"] == ("decimal", "between", "0", "30", True)
    assert sorted(huyen) == ["C5:C26", "D5:D26", "E5:E26", "F5:F26", "G5:G26", "H5:H26", "I5:I26"]


def test_spare_rows_option(here, messy):
    write_template(messy, "t.xlsx", spare_rows=3)
    wb = openpyxl.load_workbook("t.xlsx")
    assert "C5:C9" in _validations(wb[HUYEN])
    with pytest.raises(ValueError, match="spare_rows: expected >= 0, got -1"):
        write_template(messy, "u.xlsx", spare_rows=-1)


def test_instructions_sheet(here, messy):
    write_template(messy, "t.xlsx")
    ws = openpyxl.load_workbook("t.xlsx")[README_SHEET]
    lines = [row for row in ws.iter_rows(values_only=True) if any(v is not None for v in row)]
    firsts = [row[0] for row in lines]
    assert firsts[0] == "Mẫu nhập điểm đánh giá mức độ ứng dụng CNTT"
    assert firsts[1] == "Bộ tiêu chí: Bộ tiêu chí thử nghiệm — messy:2020, năm đánh giá 2020"
    assert firsts[2] == (
        "Căn cứ: 99/QĐ-TEST, 2020-01-15, UBND tỉnh Thử Nghiệm: Quyết định ban hành bộ chỉ số (thử nghiệm)"
    )
    assert firsts[3] == "Cách điền"
    assert firsts[4].startswith(f"1. Mỗi khối một trang tính: “{SO}” (so), “{HUYEN}” (huyen).")
    # how to leave a unit out, and how to read the file back: command-line options, no Python
    assert firsts[8] == ("5. Đơn vị không báo cáo: để trống các ô điểm của dòng đó; khi xếp hạng, thêm tùy chọn "
                         "--missing exclude để đơn vị đó được ghi là không báo cáo.")
    assert firsts[10] == (
        "7. Kiểm tra rồi xếp hạng bằng lệnh: ict-adoption validate messy:2020 t.xlsx, rồi "
        "ict-adoption rank messy:2020 t.xlsx (hoặc ict-adoption report … để có báo cáo)."
    )
    table = {row[0]: row[1:8] for row in lines[12:21]}
    assert table["Mã"] == ("Tên", "Nhóm", "Cách tính", f"Tối đa: {SO}",
                           "Tối đa: Quận/Huyện/Thị xã [cấp huyện]: các đơn vị hành chính", "Nguồn gốc")
    assert table["lan"] == ("Có mạng nội bộ (LAN)", "Hạ tầng kỹ thuật", "có → 5, không → 0", "5", "—", "đã công bố")
    assert table["web"] == (
        "Cổng thông tin điện tử", "Ứng dụng CNTT",
        f"{SO}: điểm ghi trực tiếp, từ 0 đến 25; Quận/Huyện/Thị xã [cấp huyện]: các đơn vị hành chính: "
        "điểm ghi trực tiếp, từ 0 đến 30",
        "25", "30", "đã công bố",
    )
    assert table["meet"][-1] == "giả định: the regulation names the criterion but publishes no steps"
    assert firsts[-2:] == [
        "Lưu ý: 1 giá trị của bộ tiêu chí là giả định, chưa có văn bản công bố:",
        "  tiêu chí meet: the regulation names the criterion but publishes no steps",
    ]
    assert not any("=" in str(x) or "ict_adoption." in str(x) for row in lines for x in row)  # no Python syntax
    write_template(messy, "en.xlsx", lang="en")
    en = [row for row in openpyxl.load_workbook("en.xlsx")[README_SHEET].iter_rows(values_only=True)
          if any(v is not None for v in row)]
    assert [row[0] for row in en][:4] == [
        "IT-adoption score sheet", "Rubric: Bộ tiêu chí thử nghiệm — messy:2020, assessment years 2020",
        "Source: 99/QĐ-TEST, 2020-01-15, UBND tỉnh Thử Nghiệm: Quyết định ban hành bộ chỉ số (thử nghiệm)",
        "How to fill",
    ]
    assert en[-1][0] == "  criterion meet: the regulation names the criterion but publishes no steps"


# ----------------------------------------------------------------------------- sheet names


def test_sheet_titles_are_valid_and_unique():
    used: set[str] = set()
    names = [
        _sheet_title(n, used)
        for n in ["Khối A" * 10, "Khối A" * 10, "khối a" * 10, "'x'", "***", "a\\b?", "[x]: y/z", "Hướng dẫn", "history"]
    ]
    assert names == [
        "Khối AKhối AKhối AKhối AKhối AK",
        "Khối AKhối AKhối AKhối AKhố (2)",
        "khối akhối akhối akhối akhố (3)",  # Excel compares sheet names ignoring case
        "x",
        "Khối",
        "a-b",
        "(x) - y-z",
        "Hướng dẫn",
        "history",
    ]
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)


def test_sheet_titles_avoid_the_fixed_sheets(mini):
    r = ia.Rubric(
        region="t", edition="1", title="t", years=2020, precision=0,
        groups=[ia.Group(id="g", name="G", max=10)],
        blocs=[ia.Bloc(id="a", name="Hướng dẫn"), ia.Bloc(id="b", name="History"), ia.Bloc(id="c", name="_ict_adoption")],
        bands=[ia.Band(label="x")],
        default_provenance={"assumed": "test"},
    )
    assert sheet_titles(r) == {"a": "Hướng dẫn (2)", "b": "History (2)", "c": "_ict_adoption (2)"}


# ----------------------------------------------------------------------------- writing safely


def test_existing_file_needs_force(here, mini):
    Path("t.xlsx").write_bytes(b"old")
    with pytest.raises(TemplateExistsError) as exc:
        write_template(mini, "t.xlsx")
    assert str(exc.value) == "t.xlsx: already exists; pass force=True to replace it"
    assert isinstance(exc.value, FileExistsError) and isinstance(exc.value, InputError)
    assert Path("t.xlsx").read_bytes() == b"old"
    write_template(mini, "t.xlsx", force=True)
    assert template_info(openpyxl.load_workbook("t.xlsx")) is not None
    assert sorted(os.listdir(here)) == ["t.xlsx"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(here, mini, monkeypatch):
    Path("t.xlsx").write_bytes(b"old")

    def broken(self, filename):
        # half a workbook, to a file or to the buffer the writer hands over
        if hasattr(filename, "write"):
            filename.write(b"half")
        else:
            Path(filename).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(OSError, match="disk full"):
        write_template(mini, "t.xlsx", force=True)
    assert Path("t.xlsx").read_bytes() == b"old"
    assert sorted(os.listdir(here)) == ["t.xlsx"]


def test_template_must_be_xlsx(here, mini):
    with pytest.raises(InputError) as exc:
        write_template(mini, "t.csv")
    assert str(exc.value) == "t.csv: a template is an .xlsx workbook; name it …/something.xlsx"


# ----------------------------------------------------------------------------- reading back


KNOWN = {
    # unit → values as numbers (what score() is given directly)
    "Sở Tài nguyên và Môi trường": dict(pcs=0.97, net=97.5, lan=1, meet=4, docs=6477, web=22.5, hr=18, bonus=2),
    "Sở Thông tin và Truyền thông": dict(pcs=0.9, net=88, lan=1, meet=3, docs=1250, web=20, hr=15, bonus=0),
    "Sở Công Thương": dict(pcs=0.855, net=90, lan=0, meet=1, docs=950, web=18.25, hr=12, bonus=0),
    "Thành phố Tam Kỳ": dict(pcs=0.75, net=80, meet=2, docs=2000, web=27.5, hr=16, bonus=1),
    "Huyện Núi Thành": dict(pcs=0.5, net=65.5, meet=0, docs=300, web=30, hr=10, bonus=0),
}
BLOC = {u: ("huyen" if u in ("Thành phố Tam Kỳ", "Huyện Núi Thành") else "so") for u in KNOWN}

TYPED = {
    # the same values as a person types them
    "Sở Tài nguyên và Môi trường": dict(pcs="97%", net="97,5%", lan="có", meet=4, docs="6.477", web="22,5", hr=18, bonus=2),
    "Sở Thông tin và Truyền thông": dict(pcs=0.9, net=88, lan="x", meet="3", docs=1250, web=20, hr="15", bonus=0),
    "Sở Công Thương": dict(pcs="85,5%", net="90", lan="KHÔNG", meet=1, docs="950", web="18,25", hr=12, bonus="0"),
    "Thành phố Tam Kỳ": dict(pcs="0,75", net="80%", meet=2, docs="2.000", web=27.5, hr=16, bonus=1),
    "Huyện Núi Thành": dict(pcs=0.5, net=65.5, meet=0, docs=300, web="30", hr=10, bonus=0),
}


def _direct(rubric, known):
    units = list(known)
    cols = {"unit": units, "bloc": [BLOC[u] for u in units]}
    for leaf in rubric.scored_ids:
        cols[leaf] = [known[u].get(leaf) for u in units]
    return score(rubric, cols)


def _same_scores(a, b) -> None:
    assert list(a.units) == list(b.units)
    for name in ("total", "leaf_points", "leaf_known", "group_points", "group_known", "level", "reported"):
        assert np.asarray(getattr(a, name)).tolist() == np.asarray(getattr(b, name)).tolist(), name


@pytest.mark.parametrize("values", [KNOWN, TYPED], ids=["numbers", "typed"])
def test_round_trip_is_loss_free(here, messy, values):
    write_template(messy, "t.xlsx")
    fill("t.xlsx", values)
    table = read_table("t.xlsx", rubric=messy)
    assert table.rows == (
        f"sheet '{SO}', row 5", f"sheet '{SO}', row 6", f"sheet '{SO}', row 7",
        f"sheet '{HUYEN}', row 5", f"sheet '{HUYEN}', row 6",
    )
    # typed: "6.477" and "2.000" in a count are read as thousands, with a warning that says so
    assert table.notes == () if values is KNOWN else all("read as thousands" in n for n in table.notes)
    from_template = score(messy, table)
    direct = _direct(messy, KNOWN)
    _same_scores(from_template, direct)
    assert from_template.total.tolist() == [9680, 8080, 6458, 8475, 5705]  # 0.855 × 15 = 12.825 → 12.83
    assert read_template("t.xlsx", messy).rows == table.rows


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_round_trip_property(tmp_path_factory, mini, data):
    """Any in-range values typed into a template score exactly as given directly."""
    path = tmp_path_factory.mktemp("rt") / "t.xlsx"
    units = [u.name for u in mini.units]  # Sở A, Sở B (bloc so)
    known = {}
    for u in units:
        known[u] = dict(
            pcs=float(data.draw(st.decimals(0, 1, places=3))),
            meet=data.draw(st.integers(0, 6)),
            app=float(data.draw(st.decimals(0, 50, places=2))),
        )
    comma = data.draw(st.booleans())
    typed = {
        u: {k: (format(Decimal(repr(v)), "f").replace(".", ",") if comma and isinstance(v, float) else v)
            for k, v in cells.items()}
        for u, cells in known.items()
    }
    write_template(mini, path)
    fill(path, typed)
    got = score(mini, read_table(path, rubric=mini))
    want = score(mini, {"unit": units, "bloc": ["so"] * len(units),
                        **{k: [known[u][k] for u in units] for k in ("pcs", "meet", "app")}})
    _same_scores(got, want)


def test_new_unit_in_a_spare_row_takes_the_sheets_bloc(here, messy):
    write_template(messy, "t.xlsx")
    wb = openpyxl.load_workbook("t.xlsx")
    ws = wb[HUYEN]
    ws["A8"] = "Huyện Mới"
    ws["G8"] = 25
    wb.save("t.xlsx")
    table = read_table("t.xlsx", rubric=messy)
    assert table.columns["unit"].tolist()[-1] == "Huyện Mới"
    assert table.columns["bloc"].tolist()[-1] == "huyen"
    assert table.rows[-1] == f"sheet '{HUYEN}', row 8"
    # rows 7 (spare, empty) lies between units: noted, not silently dropped
    assert table.notes == (f"t.xlsx: skipped 1 empty row (sheet '{HUYEN}', row 7)",)


def test_unfilled_units_are_missing_and_the_message_points_at_the_row(here, mini):
    write_template(mini, "t.xlsx")
    fill("t.xlsx", {"Sở A": dict(pcs=0.5, meet=2, app=40)})
    table = read_table("t.xlsx", rubric=mini)
    with pytest.raises(ia.ScoringError) as exc:
        score(mini, table)
    assert str(exc.value) == (
        "t.xlsx, sheet 'Sở, ngành', row 6: unit 'Sở B': no total and missing points for infra, app; "
        "fill them in, or count blanks as zero or leave the unit unranked "
        "(missing: zero or exclude; on the command line --missing zero or --missing exclude)"
    )
    ranking = ia.rank(mini, table, missing="exclude")
    assert [(r["unit"], r["total"], r["status"]) for r in ranking.to_records()] == [
        ("Sở A", 65.0, "ranked"), ("Sở B", None, "not_reported"),
    ]


def test_out_of_range_value_in_a_template(here, mini):
    write_template(mini, "t.xlsx")
    fill("t.xlsx", {"Sở A": dict(pcs=0.5, meet=2, app=55), "Sở B": dict(pcs=0.5, meet=2, app=5)})
    with pytest.raises(ia.ScoringError) as exc:
        score(mini, read_table("t.xlsx", rubric=mini))
    assert str(exc.value) == (
        "t.xlsx, sheet 'Sở, ngành', row 5, column 'app': points above the criterion's maximum "
        "(got 55; points given directly, 0 to 50)"
    )


def test_template_of_another_rubric(here, mini, messy):
    write_template(mini, "t.xlsx")
    with pytest.raises(InputError) as exc:
        read_table("t.xlsx", rubric=messy)
    assert str(exc.value) == "t.xlsx: this template was made for rubric demo:2015, not messy:2020"


def test_read_template_needs_a_template(here, mini):
    wb = openpyxl.Workbook()
    wb.active.append(["unit", "bloc", "total"])
    wb.save("plain.xlsx")
    with pytest.raises(InputError) as exc:
        read_template("plain.xlsx", mini)
    assert str(exc.value) == (
        "plain.xlsx: not a template made by write_template (no '_ict_adoption' sheet); read other workbooks with read_table"
    )
    with pytest.raises(InputError, match=r"^nope\.xlsx: no such file$"):
        read_template("nope.xlsx", mini)


def test_renamed_template_sheet(here, mini):
    write_template(mini, "t.xlsx")
    wb = openpyxl.load_workbook("t.xlsx")
    wb["Huyện"].title = "Huyen"
    wb.save("t.xlsx")
    with pytest.raises(InputError) as exc:
        read_table("t.xlsx", rubric=mini)
    assert str(exc.value) == (
        "t.xlsx: template sheet(s) 'Huyện' not found (renamed or deleted?); "
        "sheets: 'Hướng dẫn', 'Sở, ngành', 'Huyen', '_ict_adoption'"
    )


def test_one_sheet_of_a_template(here, mini):
    write_template(mini, "t.xlsx")
    fill("t.xlsx", {"Sở A": dict(pcs=0.5, meet=2, app=40)})
    table = read_table("t.xlsx", rubric=mini, sheet="Sở, ngành")
    assert table.columns["unit"].tolist() == ["Sở A", "Sở B"]
    assert table.notes == ()


def test_ranks_through_a_path(here, mini):
    # rank(rubric, path) reads the template without the rubric: ids are exact, so it works
    write_template(mini, "t.xlsx")
    fill("t.xlsx", {"Sở A": dict(pcs=0.5, meet=2, app=40), "Sở B": dict(pcs=1, meet=4, app=50)})
    assert [(r["unit"], r["total"]) for r in ia.rank(mini, "t.xlsx").to_records()] == [("Sở B", 100.0), ("Sở A", 65.0)]


# ----------------------------------------------------------------------------- the guide


FENCE = re.compile(r"```(?:pycon|python)\n(.*?)```", re.S)


def test_templates_guide_examples_run(here):
    page = ROOT / "docs" / "guide" / "templates.md"
    blocks = [b for b in FENCE.findall(page.read_text(encoding="utf-8")) if ">>>" in b]
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    runner.run(test, out=out.write)
    assert runner.tries > 10
    assert runner.failures == 0, out.getvalue()
