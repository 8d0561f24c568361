"""``ict-adoption profile`` (and ``compare``) from the command line: formats, languages,
a unit that matches nothing (exit 3, the closest names), output files."""

from __future__ import annotations

import csv
import json
import re
import shlex
from pathlib import Path

import pytest

from ict_adoption.cli import main

ROOT = Path(__file__).resolve().parents[1]
# the edition files themselves: these tests run where no region plugin is installed too
QN = ROOT / "plugins" / "quangnam" / "src" / "ict_adoption_quangnam" / "editions"
RUBRIC = str(ROOT / "tests" / "data" / "rubric_minimal.toml")
ROWS = [
    ("Sở A", "so", 0.5, 4, 40), ("Sở B", "so", 0.9, 2, 45),
    ("H1", "huyen", 1.0, 4, 45), ("H2", "huyen", 0.9, 4, 40), ("H3", "huyen", 0.5, 4, 42),
    ("H4", "huyen", 0.8, 4, 25), ("H5", "huyen", 0.7, 4, 38),
]


def table(tmp_path: Path, rows=ROWS, name="scores.csv") -> str:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["unit", "bloc", "pcs", "meet", "app"])
        w.writerows(rows)
    return str(path)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_profile_text_vi_and_json_en(capsys, tmp_path):
    f = table(tmp_path)
    code, out, err = run(capsys, "profile", RUBRIC, f, "H4")
    assert code == 0, err
    assert out.startswith("H4 đứng thứ 5/5 khối Huyện với 61,00/90,00 điểm")
    assert "Còn thiếu 4,00 điểm để đạt loại Khá; dễ tìm nhất ở Ứng dụng (mất 25,00)." in out
    code, out, err = run(capsys, "profile", RUBRIC, f, "H4", "--format", "json", "--lang", "en")
    assert code == 0, err
    d = json.loads(out)
    assert d["next_class"]["points"] == 4.0 and d["above"]["units"] == ["H3", "H5"]
    assert d["sentences"][0].startswith("H4 ranks 5 of 5")


def test_profile_markdown_and_html_files(capsys, tmp_path):
    f = table(tmp_path)
    md = tmp_path / "h4.md"
    assert run(capsys, "profile", RUBRIC, f, "H4", "-o", md)[0] == 0
    assert md.read_text(encoding="utf-8").startswith("### H4")
    html = tmp_path / "h4.html"
    assert run(capsys, "profile", RUBRIC, f, "H4", "-o", html)[0] == 0
    assert '<section class="ict-profile"' in html.read_text(encoding="utf-8")
    code, _, err = run(capsys, "profile", RUBRIC, f, "H4", "-o", tmp_path / "h4.xyz")
    assert code == 2 and "--format" in err


def test_profile_of_an_unknown_unit_names_the_closest_of_its_bloc(capsys, tmp_path):
    f = table(tmp_path)
    code, out, err = run(capsys, "profile", RUBRIC, f, "H9", "--bloc", "Huyện")
    assert code == 3 and out == ""
    assert "không có đơn vị 'H9' trong khối huyen" in err and "no unit 'H9' in bloc huyen" in err
    assert "H1" in err and "Sở A" not in err


EX = ROOT / "examples" / "compare"


def test_compare_year_over_year_and_verification(capsys):
    code, out, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2018.csv", EX / "quangnam_2019.csv")
    assert code == 0, err
    assert "riêng nguồn nhân lực CNTT giảm nhẹ." in out and "Chỉ có ở kỳ sau: Sở, ban, ngành minh họa 05." in out
    code, out, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2019_self.csv", EX / "quangnam_2019.csv",
                         "--kind", "verification", "--format", "json", "--lang", "en")
    assert code == 0, err
    d = json.loads(out)
    assert d["kind"] == "verification" and d["criteria_cut"][0]["id"] == "nhanluc"
    assert sorted(r["unit"] for r in d["units"] if r["class_changed"]) == sorted(
        ["Huyện Quế Sơn", "Huyện Đại Lộc", "Huyện Đông Giang", "Huyện Phước Sơn"])


def test_compare_two_editions_warns_and_two_regions_fail(capsys):
    code, out, err = run(capsys, "compare", QN / "2015.toml", ROOT / "examples" / "quangnam_2015.csv",
                         EX / "quangnam_2018.csv", "--other", QN / "2018.toml")
    assert code == 0, err
    assert "khác nhau; so sánh theo tỷ lệ điểm tối đa" in err and "ungdung" in err
    code, out, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2018.csv",
                         ROOT / "examples" / "danang_2021.csv", "--other", ROOT / "plugins" / "danang" / "src" / "ict_adoption_danang" / "editions" / "2021.toml")
    assert code == 3 and "quangnam:2018 và danang:2021" in err


# ----------------------------------------------------------------------------- docs

GUIDE = ROOT / "docs" / "guide" / "analysis.md"


def guide_sessions() -> list[str]:
    """The ```console blocks of docs/guide/analysis.md."""
    return re.findall(r"```console\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_guide_shows_both_commands_and_an_unknown_unit():
    commands = {shlex.split(line[2:])[1] for s in guide_sessions() for line in s.splitlines()
                if line.startswith("$ ict-adoption")}
    assert commands == {"profile", "compare"}
    assert "$ echo $?\n3" in GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("session", guide_sessions(), ids=lambda s: s.splitlines()[0][2:60])
def test_guide_sessions_print_what_they_show(session, monkeypatch, replay):
    pytest.importorskip("ict_adoption_quangnam", reason="the guide's sessions name quangnam:2018")
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("ICT_ADOPTION_PLUGINS", raising=False)
    monkeypatch.delenv("ICT_ADOPTION_LANG", raising=False)
    expected = "\n".join(x.rstrip() for x in session.splitlines()) + "\n"
    assert replay(session) == expected


def test_compare_html_with_plots(capsys, tmp_path):
    out = tmp_path / "yoy.html"
    code, _, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2018.csv", EX / "quangnam_2019.csv",
                       "--plots", "-o", out)
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert re.findall(r'data-chart="(\w+)" data-key="(\w+)"', page) == [("slope", "so_ban_nganh"), ("slope", "huyen_tx_tp")]
    assert page.count("<svg ") == 2 and "<?xml" not in page
    out = tmp_path / "check.html"
    code, _, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2019_self.csv", EX / "quangnam_2019.csv",
                       "--kind", "verification", "--plots", "--lang", "en", "-o", out)
    assert code == 0, err
    assert 'data-chart="verification"' in out.read_text(encoding="utf-8")
    code, out_text, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2018.csv", EX / "quangnam_2019.csv",
                              "--plots")
    assert code == 2 and out_text == "" and "--format html" in err


def test_compare_xlsx_has_the_units_groups_one_side_and_cuts(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "check.xlsx"
    code, _, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2019_self.csv", EX / "quangnam_2019.csv",
                       "--kind", "verification", "-o", out)
    assert code == 0, err
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Tóm tắt", "Đơn vị", "Nhóm", "Chỉ có ở một kỳ", "Tiêu chí bị cắt"]
    assert wb["Tóm tắt"]["A1"].value.startswith("Thẩm định thay đổi xếp loại của Huyện Quế Sơn (Tốt → Khá)")
    units = list(wb["Đơn vị"].iter_rows(values_only=True))
    assert units[0][:6] == ("Đơn vị", "Tên kỳ trước", "Khối", "Tự chấm", "Thẩm định", "Bị cắt")
    rows = {r[0]: r for r in units[1:]}
    # numbers stay numbers; the bloc by its name; Phước Sơn: 71.00 claimed, 67.50 verified, Khá → Trung bình
    assert rows["Huyện Phước Sơn"][2:6] == ("UBND huyện, thị xã, thành phố", 71.0, 67.5, 3.5)
    assert rows["Huyện Phước Sơn"][11:] == ("Khá", "Trung bình", False, True)
    assert sorted(r[0] for r in units[1:] if r[14]) == sorted(
        ["Huyện Quế Sơn", "Huyện Đại Lộc", "Huyện Đông Giang", "Huyện Phước Sơn"])
    assert wb["Đơn vị"]["D2"].number_format == "0.00"
    cut = list(wb["Tiêu chí bị cắt"].iter_rows(values_only=True))
    assert cut[1] == ("nhanluc", "Nguồn nhân lực CNTT", 17.0, 10)
    # year over year in English: units on one side listed
    out = tmp_path / "yoy.xlsx"
    code, _, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2018.csv", EX / "quangnam_2019.csv",
                       "--lang", "en", "--format", "xlsx", "-o", out)
    assert code == 0, err
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Units", "Groups", "One side only"]
    assert list(wb["One side only"].iter_rows(values_only=True))[1:] == [
        ("Sở, ban, ngành minh họa 04", "before"), ("Sở, ban, ngành minh họa 05", "after")]
    code, out_text, err = run(capsys, "compare", QN / "2018.toml", EX / "quangnam_2018.csv", EX / "quangnam_2019.csv",
                              "--format", "xlsx")
    assert code == 2 and out_text == "" and "-o" in err


def test_profile_html_with_the_group_chart(capsys, tmp_path):
    out = tmp_path / "phuoc_son.html"
    code, _, err = run(capsys, "profile", QN / "2018.toml", EX / "quangnam_2019.csv", "Phuoc Son", "--plots", "-o", out)
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert '<figure class="ia-chart" data-chart="profile" data-key="Huyện Phước Sơn"' in page
    assert page.count("<svg ") == 1 and '<section class="ict-profile"' in page
    code, _, err = run(capsys, "profile", QN / "2018.toml", EX / "quangnam_2019.csv", "Phuoc Son", "--plots")
    assert code == 2 and "--format html" in err
