"""The ``ict-adoption`` command: every command, every exit status, the JSON contract,
safe output files, messages without tracebacks, and the examples of docs/guide/cli.md.

Most tests call :func:`ict_adoption.cli.main` in-process (capsys); a few run
``python -m ict_adoption`` for real. Rubrics come from ``tests/data/rubric_minimal.toml``
so that no installed plugin is needed; ``REGION:YEAR`` is tested against a registry
built from plugin objects defined here.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.region_plugins import registry as registry_module
from ict_adoption.cli import EXIT_CODES, main
from ict_adoption.region_plugins import Region, Registry

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
RUBRIC = DATA / "rubric_minimal.toml"
SCORES = DATA / "cli_scores.csv"
MESSY = DATA / "cli_messy.csv"
DOC = ROOT / "docs" / "guide" / "cli.md"

R, S = str(RUBRIC), str(SCORES)


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def python_m(*argv: object, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ict_adoption", *map(str, argv)],
        cwd=cwd,
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """A working directory holding a copy of the test data (inputs may be compared after)."""
    shutil.copytree(DATA, tmp_path / "tests" / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def unassumed_rubric(tmp_path: Path) -> Path:
    path = tmp_path / "published.toml"
    path.write_text(RUBRIC.read_text(encoding="utf-8").replace('assumed = "not public"\n', ""), encoding="utf-8")
    assert ia.load_rubric(path).assumed_count == 0
    return path


# ----------------------------------------------------------------------------- registry


class DemoPlugin:
    """Registers region 'demo' with the minimal rubric as its only edition (2015–2016)."""

    @ia.hookimpl
    def ict_adoption_regions(self):
        return [Region("demo", "Vùng thử", name_en="Demo region", editions=[RUBRIC])]


class BrokenPlugin:
    @ia.hookimpl
    def ict_adoption_regions(self):
        raise RuntimeError("boom")


class GhostPlugin:
    """Registers a region whose edition file does not exist: the region is unusable."""

    @ia.hookimpl
    def ict_adoption_regions(self):
        return [Region("ghost", "Vùng ma", editions=[DATA / "no_such_edition.toml"])]


@pytest.fixture
def registry(monkeypatch) -> Registry:
    reg = Registry.from_plugins([("demo", DemoPlugin()), ("broken", BrokenPlugin()), ("ghost", GhostPlugin())])
    monkeypatch.setattr(registry_module, "_default", reg)
    return reg


# ----------------------------------------------------------------------------- global


def test_version_and_help(capsys):
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"ict-adoption {ia.__version__}\n")
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("regions", "rubric", "template", "validate", "rank", "report"):
        assert command in out
    assert "mã thoát:" in out and "cách dùng: ict-adoption" in out and "show this help" not in out
    code, en, _ = run(capsys, "--help", "--lang", "en")
    assert code == 0 and "exit status:" in en and "usage: ict-adoption" in en
    for status in EXIT_CODES:
        assert re.search(rf"^  {status}  ", out, re.M), f"exit status {status} missing from --help"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["rank", R],
        ["rank", R, S, "--method", "random"],
        ["rubric", "hanoi:20x3"],
        ["rubric", ":2013"],
        ["template", R],
    ],
    ids=["no command", "unknown command", "missing FILE", "bad method", "bad year", "no region", "template without -o"],
)
def test_usage_errors_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "cách dùng: ict-adoption" in err and "lỗi:" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, *argv, "--lang", "en")
    assert code == 2 and "usage: ict-adoption" in err and "error:" in err


def test_exit_codes_are_documented_in_the_guide():
    text = DOC.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d) \| (.+?) \|$", text, re.M))
    assert {int(k): v for k, v in rows.items()} == EXIT_CODES


# ----------------------------------------------------------------------------- regions


def test_regions_lists_healthy_regions_and_reports_broken_plugins(capsys, registry):
    code, out, err = run(capsys, "regions")
    assert code == 0
    assert "demo — Vùng thử; phần mở rộng demo (" in out and "plugin 'demo'" not in out
    assert "bộ tiêu chí 2015, năm đánh giá 2015–2016: Demo" in out
    assert "nguồn: 1/QĐ: A decision" in out
    assert "giá trị đã công bố: 7/10 (70%); nguồn hỗ trợ đến năm 2016" in out
    assert "giá trị giả định: 3 (xem `ict-adoption rubric demo:2015`)" in out
    assert "ghost" not in out
    english = run(capsys, "regions", "--lang", "en")[1]
    assert "demo — Vùng thử (Demo region); plugin 'demo'" in english
    assert "edition 2015, assessment years 2015–2016: Demo" in english
    assert "source: 1/QĐ: A decision" in english
    assert "published values: 7 of 10 (70%); sources support the years up to 2016" in english
    assert "assumed values: 3 (see `ict-adoption rubric demo:2015`)" in english
    lines = err.splitlines()
    assert len(lines) == len(registry.errors) == 2
    assert any("'broken'" in line and "boom" in line for line in lines)
    assert any("'ghost'" in line for line in lines)
    assert all(line.startswith("ict-adoption: lỗi: ") for line in lines)
    assert "Traceback" not in err


def test_regions_json(capsys, registry):
    code, out, err = run(capsys, "regions", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [r["region"] for r in data] == ["demo"]
    assert {"region", "name", "editions"} <= set(data[0])
    assert data[0]["name"] == "Vùng thử"
    (edition,) = data[0]["editions"]
    assert edition["edition"] == "2015"
    assert edition["years"] == [2015, 2016]
    assert edition["assumed"] == 3
    assert edition["sources"] == ["1/QĐ: A decision"]
    assert len(err.splitlines()) == 2  # the broken plugins, on stderr only


def test_regions_with_no_plugin(capsys, monkeypatch):
    monkeypatch.setattr(registry_module, "_default", Registry.from_plugins([]))
    code, out, err = run(capsys, "regions")
    assert (code, out) == (0, "")
    assert "chưa cài plugin địa phương nào" in err
    assert "no region plugin is installed" in run(capsys, "regions", "--lang", "en")[2]
    assert run(capsys, "regions", "--format", "json")[:2] == (0, "[]\n")


# ----------------------------------------------------------------------------- rubric


def test_rubric_text_in_vietnamese_by_default(capsys):
    code, out, err = run(capsys, "rubric", R)
    assert (code, err) == (0, "")
    assert out.startswith("demo:2015 — Demo\nnăm đánh giá 2015–2016; điểm lấy 2 chữ số thập phân; xếp loại theo tổng điểm\n")
    assert re.search(r"^nhóm\s+tiêu chí\s+tên\s+tối đa\s+cách tính điểm$", out, re.M)
    assert re.search(r"^\s+pcs\s+Máy tính\s+30\s+tỉ lệ \(0–1\) × 30, làm tròn nửa lên$", out, re.M)
    assert "theo bậc: ≥4 → 20, ≥3 → 15, ≥2 → 10, ≥1 → 5, còn lại 0" in out
    assert re.search(r"^app\s+Ứng dụng\s+50\s+điểm ghi trực tiếp, từ 0 đến 50$", out, re.M)
    assert re.search(r"^so\s+Sở, ngành\s+100\s+2 đơn vị trong danh sách \(danh sách đầy đủ\)$", out, re.M)
    assert re.search(r"^huyen\s+Huyện\s+90\s+pcs tối đa 20$", out, re.M)
    assert re.search(r"^Khá\s+≥ 65 và < 80$", out, re.M)
    assert re.search(r"^tiêu chí pcs\s+giả định\s+not public$", out, re.M)  # the rubric's own reason
    assert re.search(r"^nhóm app\s+đã công bố\s+s1$", out, re.M)
    assert "cảnh báo: 3/10 giá trị của bộ tiêu chí này là giả định, chưa được công bố" in out
    for word in ("Groups", "Blocs", "Classes", "Provenance", "warning", "rounded", "points given"):
        assert word not in out


def test_rubric_text_decimal_comma_in_vietnamese(capsys):
    code, out, _ = run(capsys, "rubric", "tests/data/messy/rubric_messy.toml")
    assert code == 0
    assert re.search(r"^\s+docs\s+Văn bản điện tử\s+15\s+0,01 điểm mỗi mục, tối đa 15$", out, re.M)
    assert "0.01 per item, capped at 15" in run(capsys, "rubric", "tests/data/messy/rubric_messy.toml", "--lang", "en")[1]


def test_rubric_text_shows_structure_rules_and_provenance(capsys):
    code, out, err = run(capsys, "rubric", R, "--lang", "en")
    assert (code, err) == (0, "")
    assert out.startswith("demo:2015 — Demo\n")
    assert re.search(r"^infra\s+Hạ tầng\s+50\s*$", out, re.M)
    assert re.search(r"^\s+pcs\s+Máy tính\s+30\s+share \(0–1\) × 30, rounded half away from zero$", out, re.M)
    assert "steps: ≥4 → 20, ≥3 → 15, ≥2 → 10, ≥1 → 5, otherwise 0" in out
    assert re.search(r"^app\s+Ứng dụng\s+50\s+points given directly, 0 to 50$", out, re.M)
    assert re.search(r"^huyen\s+Huyện\s+90\s+pcs max 20$", out, re.M)
    assert re.search(r"^Khá\s+≥ 65 and < 80$", out, re.M)
    assert re.search(r"^Yếu\s+< 65$", out, re.M)
    assert re.search(r"^criterion pcs\s+assumed\s+not public$", out, re.M)
    assert re.search(r"^group app\s+published\s+s1$", out, re.M)
    assert "warning: 3 of 10 values of this edition are assumed, not published" in out


def test_rubric_text_without_assumed_values(capsys, tmp_path):
    code, out, _ = run(capsys, "rubric", unassumed_rubric(tmp_path))
    assert code == 0
    assert "Cả 10 giá trị của bộ tiêu chí này đều đã được công bố." in out
    assert "cảnh báo" not in out
    code, out, _ = run(capsys, "rubric", unassumed_rubric(tmp_path), "--lang", "en")
    assert "All 10 values of this edition are published." in out
    assert "warning" not in out


def test_rubric_json_contract(capsys):
    code, out, _ = run(capsys, "rubric", R, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"region", "edition", "sources", "blocs", "groups", "bands"} <= set(data)
    assert (data["region"], data["edition"]) == ("demo", "2015")
    assert data["sources"][0]["citation"] == "1/QĐ: A decision"
    assert [{k: b[k] for k in ("id", "name", "max")} for b in data["blocs"]] == [
        {"id": "so", "name": "Sở, ngành", "max": 100},
        {"id": "huyen", "name": "Huyện", "max": 90},
    ]
    assert data["blocs"][1]["groups"] == {"infra": 40, "app": 50}
    assert [(g["id"], g["max"]) for g in data["groups"]] == [("infra", 50), ("app", 50)]
    assert [c["id"] for c in data["groups"][0]["criteria"]] == ["pcs", "meet"]
    assert data["groups"][0]["criteria"][0]["rule"] == {"kind": "share"}
    assert [(b["label"], b["min"], b["basis"]) for b in data["bands"]] == [
        ("Tốt", 80, "total"),
        ("Khá", 65, "total"),
        ("Yếu", None, "total"),
    ]
    assert data["assumed"] == 3


def test_rubric_toml_round_trips(capsys):
    code, out, _ = run(capsys, "rubric", R, "--format", "toml")
    assert code == 0
    assert ia.loads_rubric(out) == ia.load_rubric(RUBRIC)


def test_rubric_by_region_and_year(capsys, registry):
    code, out, _ = run(capsys, "rubric", "demo:2016", "--format", "json")
    assert code == 0
    assert json.loads(out)["edition"] == "2015"
    # the region's Vietnamese name works too
    assert run(capsys, "rubric", "Vùng thử:2015")[0] == 0


@pytest.mark.parametrize(
    "spec, words",
    [
        ("demo:2030", ["không có bộ tiêu chí cho năm đánh giá 2030", "2015 (2015–2016"]),
        ("demo", ["hãy ghi năm đánh giá"]),
        ("saigon:2015", ["không có địa phương 'saigon'", "các địa phương đã cài: demo"]),
    ],
)
def test_rubric_unknown_region_or_edition_exit_4(capsys, registry, spec, words):
    code, out, err = run(capsys, "rubric", spec)
    assert (code, out) == (4, "")
    assert err.startswith("ict-adoption: lỗi: ")
    for w in words:
        assert w in err
    assert "Registry.errors" not in err  # no Python name in a message


def test_messages_in_english_with_lang_or_the_environment(capsys, registry, monkeypatch):
    code, _, err = run(capsys, "validate", R, MESSY, "--lang", "en")
    assert code == 3 and err.splitlines()[1] == "ict-adoption: error: 3 problems in the assessment data:"
    monkeypatch.setenv("ICT_ADOPTION_LANG", "en")
    code, _, err = run(capsys, "rubric", "demo:2030")
    assert code == 4 and err.startswith("ict-adoption: error: ") and "no edition for the assessment year 2030" in err
    code, out, _ = run(capsys, "validate", R, S)
    assert (code, out) == (0, "OK: 5 units in 2 blocs\n")
    code, out, _ = run(capsys, "validate", R, S, "--lang", "vi")  # --lang wins over the variable
    assert (code, out) == (0, "Hợp lệ: 5 đơn vị trong 2 khối\n")


def test_rubric_of_a_broken_plugin_exit_5(capsys, registry):
    code, out, err = run(capsys, "rubric", "ghost:2015")
    assert (code, out) == (5, "")
    assert err.startswith("ict-adoption: lỗi: ") and "'ghost'" in err
    assert "Traceback" not in err


def test_invalid_or_missing_rubric_file_exit_5(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(RUBRIC.read_text(encoding="utf-8").replace("min = 65", "min = 95"), encoding="utf-8")
    code, _, err = run(capsys, "rubric", bad)
    assert code == 5
    assert "các xếp loại sai thứ tự" in err and str(bad) in err
    code, _, err = run(capsys, "rank", tmp_path / "missing.toml", S)
    assert code == 5
    assert err == f"ict-adoption: lỗi: {tmp_path / 'missing.toml'}: không có tệp bộ tiêu chí này\n"


# ----------------------------------------------------------------------------- template


def test_template_writes_and_refuses_to_overwrite(capsys, work):
    openpyxl = pytest.importorskip("openpyxl")
    out = work / "scores.xlsx"
    assert run(capsys, "template", "tests/data/rubric_minimal.toml", "-o", out) == (0, "", "")
    workbook = openpyxl.load_workbook(out)
    assert len(workbook.sheetnames) >= 2  # a sheet per bloc (at least)
    before = out.read_bytes()
    code, _, err = run(capsys, "template", "tests/data/rubric_minimal.toml", "-o", out)
    assert code == 3
    assert err == f"ict-adoption: lỗi: {out} đã có; dùng --force để ghi đè\n"
    assert out.read_bytes() == before
    assert run(capsys, "template", "tests/data/rubric_minimal.toml", "-o", out, "--force")[0] == 0


def test_template_refuses_to_overwrite_the_rubric_file(capsys, work):
    rubric = work / "tests" / "data" / "rubric_minimal.toml"
    before = rubric.read_bytes()
    code, _, err = run(capsys, "template", rubric, "-o", rubric, "--force")
    assert code == 3
    assert "không ghi đè lên tệp đầu vào" in err
    assert rubric.read_bytes() == before


def test_template_from_region_and_year(capsys, registry, work):
    pytest.importorskip("openpyxl")
    assert run(capsys, "template", "demo:2015", "-o", "t.xlsx")[0] == 0
    assert (work / "t.xlsx").stat().st_size > 0


# ----------------------------------------------------------------------------- validate


def test_validate_ok(capsys):
    code, out, err = run(capsys, "validate", R, S)
    assert (code, out) == (0, "Hợp lệ: 5 đơn vị trong 2 khối\n")
    assert err == (
        "ict-adoption: cảnh báo: 3 giá trị của bộ tiêu chí này là giả định, chưa được công bố; "
        f"xem `ict-adoption rubric {R}`\n"
    )
    code, out, err = run(capsys, "validate", R, S, "--lang", "en")
    assert (code, out) == (0, "OK: 5 units in 2 blocs\n")
    assert err == (
        "ict-adoption: warning: 3 values of this edition are assumed, not published; "
        f"see `ict-adoption rubric {R}`\n"
    )


def test_validate_reports_every_problem_at_once(capsys):
    code, out, err = run(capsys, "validate", R, MESSY)
    assert (code, out) == (3, "")
    lines = err.splitlines()
    assert lines[1] == "ict-adoption: lỗi: 3 vấn đề trong dữ liệu đánh giá:"
    assert lines[2:] == [
        "  đơn vị không có trong danh sách (1):",
        f"  - {MESSY}, dòng 3, cột 'unit': đơn vị 'Sở Q' không có trong danh sách khối 'so' (Sở, ngành); "
        "có phải 'Sở B' hay 'Sở A'?",
        "  giá trị ngoài khoảng cho phép (1):",
        f"  - {MESSY}, dòng 5, cột 'infra': điểm nhóm 60,00 nằm ngoài khoảng 0..40,00",
        "  thiếu giá trị (1):",
        f"  - {MESSY}, dòng 6: đơn vị 'Huyện Z': không có tổng điểm và thiếu điểm app; hãy điền vào, "
        "hoặc tính ô trống là 0 hay không xếp hạng đơn vị này (--missing zero hoặc --missing exclude)",
    ]
    code, _, err = run(capsys, "validate", R, MESSY, "--lang", "en")
    assert err.splitlines()[-1] == (
        f"  - {MESSY}, row 6: unit 'Huyện Z': no total and missing points for app; fill them in, "
        "or count blanks as zero or leave the unit unranked "
        "(missing: zero or exclude; on the command line --missing zero or --missing exclude)"
    )
    assert "='" not in err  # no Python syntax


def test_validate_lists_more_problems_than_the_exception_message_shows(capsys, tmp_path):
    rows = "\n".join(f"Huyện {i},huyen,{41 + i},10" for i in range(30))
    data = tmp_path / "many.csv"
    data.write_text("unit,bloc,infra,app\n" + rows + "\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", R, data)
    assert code == 3
    assert "30 vấn đề trong dữ liệu đánh giá:" in err
    # bounded: the first 25 of each kind, as in Python; --max-problems 0 lists all
    assert err.count("  - ") == 25
    assert "  … và 5 vấn đề nữa" in err
    code, _, err = run(capsys, "validate", R, data, "--max-problems", "0")
    assert code == 3 and err.count("  - ") == 30 and "… và" not in err


def test_validate_bad_cells_found_while_reading(capsys, tmp_path):
    data = tmp_path / "cells.csv"
    data.write_text("unit,bloc,infra,app\nSở A,so,45,abc\nHuyện W,huyen,x,y\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", R, data)
    assert code == 3
    assert f"{data}, dòng 2, cột 'app': cần một số, nhận được 'abc'" in err
    assert f"{data}, dòng 3, cột 'infra'" in err and f"{data}, dòng 3, cột 'app'" in err


def test_validate_lists_cell_and_rubric_problems_in_one_run(capsys, tmp_path):
    data = tmp_path / "mixed.csv"
    data.write_text("unit,bloc,total\nSở A,so,abc\nSở Z,so,50\nHuyện X,huyen,120\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", R, data)
    assert (code, out) == (3, "")
    assert err.splitlines()[1:] == [
        "ict-adoption: lỗi: 3 vấn đề trong dữ liệu đánh giá:",
        "  ô không đọc được (1):",
        f"  - {data}, dòng 2, cột 'total': cần một số, nhận được 'abc'",
        "  đơn vị không có trong danh sách (1):",
        f"  - {data}, dòng 3, cột 'unit': đơn vị 'Sở Z' không có trong danh sách khối 'so' (Sở, ngành); "
        "có phải 'Sở B' hay 'Sở A'?",
        "  giá trị ngoài khoảng cho phép (1):",
        f"  - {data}, dòng 4, cột 'total': đơn vị 'Huyện X': tổng điểm 120,00 nằm ngoài khoảng 0,00..90,00 của khối 'huyen'",
    ]
    code, out, err = run(capsys, "validate", R, data, "--lang", "en")
    assert err.splitlines()[1:] == [
        "ict-adoption: error: 3 problems in the assessment data:",
        "  cells that cannot be read (1):",
        f"  - {data}, row 2, column 'total': expected a number, got 'abc'",
        "  units not in the roster (1):",
        f"  - {data}, row 3, column 'unit': unknown unit 'Sở Z' in bloc 'so' (Sở, ngành); did you mean 'Sở B' or 'Sở A'?",
        "  values out of range (1):",
        f"  - {data}, row 4, column 'total': unit 'Huyện X': total 120.00 outside 0.00..90.00 for bloc 'huyen'",
    ]


@pytest.mark.parametrize(
    "missing, expected",
    [("zero", "Hợp lệ: 2 đơn vị trong 1 khối\n"), ("exclude", "Hợp lệ: 2 đơn vị trong 1 khối (1 không báo cáo)\n")],
)
def test_validate_missing_policy(capsys, tmp_path, missing, expected):
    data = tmp_path / "blank.csv"
    data.write_text("unit,bloc,infra,app\nHuyện X,huyen,30,40\nHuyện Z,huyen,20,\n", encoding="utf-8")
    assert run(capsys, "validate", R, data)[0] == 3
    code, out, _ = run(capsys, "validate", R, data, "--missing", missing)
    assert (code, out) == (0, expected)


def test_validate_unknown_columns(capsys, tmp_path):
    data = tmp_path / "extra.csv"
    data.write_text("unit,bloc,total,ghi chú thêm\nHuyện X,huyen,70,x\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", R, data)
    assert code == 3 and f"{data}: cột không xác định 'ghi chú thêm'; cần 'unit', 'bloc', 'total', 'note'" in err
    code, out, err = run(capsys, "validate", R, data, "--ignore-unknown-columns")
    assert (code, out) == (0, "Hợp lệ: 1 đơn vị trong 1 khối\n")
    assert "ict-adoption: ghi chú: đã bỏ qua cột: ghi chú thêm" in err


def test_validate_unreadable_file_exit_3(capsys, tmp_path):
    code, _, err = run(capsys, "validate", R, tmp_path / "nothing.csv")
    assert code == 3
    assert err.splitlines()[-1] == f"ict-adoption: lỗi: {tmp_path / 'nothing.csv'}: không có tệp này"
    code, _, err = run(capsys, "validate", R, R)  # a .toml file is not an assessment table
    assert code == 3 and "Traceback" not in err


def test_no_warning_for_a_published_rubric(capsys, tmp_path):
    code, out, err = run(capsys, "validate", unassumed_rubric(tmp_path), S)
    assert (code, out, err) == (0, "Hợp lệ: 5 đơn vị trong 2 khối\n", "")


# ----------------------------------------------------------------------------- rank


def test_rank_text_to_stdout_with_a_vietnamese_warning(capsys):
    code, out, err = run(capsys, "rank", R, S)
    assert code == 0
    assert err == (
        "ict-adoption: cảnh báo: 3 giá trị của bộ tiêu chí này là giả định, chưa được công bố; "
        f"xem `ict-adoption rubric {R}`\n"
    )
    assert out.startswith("Sở, ngành\nHạng")
    assert re.search(r"^1=\s+Huyện X\s+70,00\s+Khá", out, re.M)  # Vietnamese: a decimal comma
    assert re.search(r"^3\s+Huyện Z\s+60,00\s+Yếu", out, re.M)
    assert re.search(r"^3\s+Huyện Z\s+60\.00\s+Yếu", run(capsys, "rank", R, S, "--lang", "en")[1], re.M)


def test_rank_json_contract(capsys):
    code, out, err = run(capsys, "rank", R, S, "--format", "json", "--lang", "en")
    assert code == 0
    assert err.startswith("ict-adoption: warning: 3 values of this edition are assumed")
    records = json.loads(out)
    assert len(records) == 5
    for rec in records:
        assert {"unit", "bloc", "total", "rank", "tied", "band", "groups"} <= set(rec)
    by_unit = {r["unit"]: r for r in records}
    assert by_unit["Sở B"]["total"] == 80.5  # alias SB → the roster name
    assert [(by_unit[u]["rank"], by_unit[u]["tied"]) for u in ("Huyện X", "Huyện Y", "Huyện Z")] == [
        (1, True),
        (1, True),
        (3, False),
    ]
    assert by_unit["Huyện Z"]["band"] == "Yếu"
    assert by_unit["Sở A"]["groups"] == {"infra": 45.0, "app": 40.0}


@pytest.mark.parametrize("method, z_rank", [("dense", 2), ("fractional", 3.0), ("ordinal", 3), ("competition", 3)])
def test_rank_methods(capsys, method, z_rank):
    code, out, _ = run(capsys, "rank", R, S, "--format", "json", "--method", method)
    assert code == 0
    ranks = {r["unit"]: r["rank"] for r in json.loads(out)}
    assert ranks["Huyện Z"] == z_rank
    if method == "fractional":
        assert ranks["Huyện X"] == ranks["Huyện Y"] == 1.5
    if method == "ordinal":
        assert sorted([ranks["Huyện X"], ranks["Huyện Y"]]) == [1, 2]


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("markdown", lambda out: out.startswith("# ") and "| 1=   | Huyện X |" in out),
        ("html", lambda out: out.lstrip().lower().startswith("<!doctype html") and "Huyện X" in out),
        ("csv", lambda out: out.splitlines()[0].startswith("unit,bloc") and "Huyện Z" in out),
        ("text", lambda out: "Huyện Y" in out),
    ],
)
def test_rank_formats_to_stdout(capsys, fmt, check):
    code, out, _ = run(capsys, "rank", R, S, "--format", fmt, "--lang", "en")
    assert code == 0
    assert check(out)
    assert out.endswith("\n")


def test_rank_output_file_format_from_suffix_and_force(capsys, work):
    out = work / "ranking.json"
    assert run(capsys, "rank", R, S, "-o", out, "--lang", "en")[:2] == (0, "")
    first = json.loads(out.read_text(encoding="utf-8"))
    assert first[0]["unit"] == "Sở A"
    code, stdout, err = run(capsys, "rank", R, S, "-o", out, "--method", "dense")
    assert (code, stdout) == (3, "")
    assert f"ict-adoption: lỗi: {out} đã có; dùng --force để ghi đè" in err
    assert "force=True" not in err
    assert json.loads(out.read_text(encoding="utf-8")) == first
    assert run(capsys, "rank", R, S, "-o", out, "--method", "dense", "--force")[0] == 0
    assert {r["unit"]: r["rank"] for r in json.loads(out.read_text(encoding="utf-8"))}["Huyện Z"] == 2


def test_rank_refuses_to_overwrite_its_input_even_with_force(capsys, work):
    data = work / "tests" / "data" / "cli_scores.csv"
    before = data.read_bytes()
    for target in (data, "tests/data/../data/cli_scores.csv"):
        code, _, err = run(capsys, "rank", "tests/data/rubric_minimal.toml", data, "-o", target, "--format", "csv", "--force")
        assert code == 3
        assert "không ghi đè lên tệp đầu vào" in err
    rubric = work / "tests" / "data" / "rubric_minimal.toml"
    code, _, err = run(capsys, "rank", rubric, data, "-o", rubric, "--format", "text", "--force")
    assert code == 3 and "tệp đầu vào" in err
    assert data.read_bytes() == before


def test_rank_xlsx(capsys, work):
    pytest.importorskip("openpyxl")
    code, out, err = run(capsys, "rank", R, S, "--format", "xlsx")
    assert (code, out) == (2, "")
    assert "-o FILE.xlsx" in err
    assert run(capsys, "rank", R, S, "-o", "r.xlsx")[0] == 0
    assert (work / "r.xlsx").read_bytes()[:2] == b"PK"


def test_rank_output_format_cannot_be_inferred(capsys, work):
    code, _, err = run(capsys, "rank", R, S, "-o", "ranking.dat")
    assert code == 2
    assert "không biết định dạng kết quả từ tên tệp 'ranking.dat'" in err
    assert not (work / "ranking.dat").exists()
    assert run(capsys, "rank", R, S, "-o", "ranking.dat", "--format", "csv")[0] == 0
    assert (work / "ranking.dat").read_text(encoding="utf-8").startswith("unit,bloc")


def test_rank_messy_input_exit_3_names_file_row_and_column(capsys):
    code, out, err = run(capsys, "rank", R, MESSY, "--format", "json")
    assert (code, out) == (3, "")
    assert f"{MESSY}, dòng 5, cột 'infra'" in err
    assert "Traceback" not in err


def test_rank_by_region_and_year(capsys, registry):
    code, out, err = run(capsys, "rank", "demo:2015", S, "--format", "json", "--lang", "en")
    assert code == 0
    assert len(json.loads(out)) == 5
    assert "see `ict-adoption rubric demo:2015`" in err


def test_rank_unknown_region_exit_4(capsys, registry):
    code, out, err = run(capsys, "rank", "saigon:2015", S)
    assert (code, out) == (4, "")
    assert "không có địa phương 'saigon'" in err


def test_rank_diacritics_fallback_is_one_warning_line(capsys, tmp_path):
    data = tmp_path / "ascii.csv"
    data.write_text("unit,bloc,total\nSo A,so,85\nSở B,so,80\n", encoding="utf-8")
    code, _, err = run(capsys, "rank", R, data, "--lang", "en")
    assert code == 0
    lines = [line for line in err.splitlines() if "diacritics" in line]
    assert len(lines) == 1 and lines[0].startswith("ict-adoption: warning: ")


# ----------------------------------------------------------------------------- report


def test_report_markdown_to_stdout(capsys):
    code, out, err = run(capsys, "report", R, S, "--lang", "en")
    assert code == 0
    assert out.startswith("# ")
    assert "Huyện X and Huyện Y are tied 1st" in out
    assert "| Class | Units |" in out
    assert "Criterion Máy tính (pcs): not public" in out  # the provenance note
    assert "3 values of this edition are assumed" in err


@pytest.mark.parametrize("name, start", [("report.html", "<!doctype html"), ("report.txt", "kết quả"), ("report.md", "# ")])
def test_report_output_file(capsys, work, name, start):
    assert run(capsys, "report", R, S, "-o", name)[:2] == (0, "")
    assert (work / name).read_text(encoding="utf-8").lower().startswith(start.lower())


def test_report_xlsx_needs_o_and_rejects_formats_it_does_not_make(capsys, work):
    pytest.importorskip("openpyxl")
    assert run(capsys, "report", R, S, "--format", "xlsx")[0] == 2
    assert run(capsys, "report", R, S, "-o", "report.json")[0] == 2  # json is rank's
    assert run(capsys, "report", R, S, "-o", "report.xlsx")[0] == 0
    assert (work / "report.xlsx").read_bytes()[:2] == b"PK"


# ----------------------------------------------------------------------------- behaviour


def test_missing_optional_dependency_exit_1(capsys, monkeypatch):
    import ict_adoption.io.writers as writers

    def render(*args, **kwargs):
        raise ImportError("xlsx output needs openpyxl: pip install 'ict-adoption[excel]'")

    monkeypatch.setattr(writers, "render", render)
    code, _, err = run(capsys, "rank", R, S, "--format", "json")  # (csv is written a piece at a time, not rendered)
    assert code == 1
    assert err.splitlines()[-1] == "ict-adoption: lỗi: ghi tệp xlsx cần gói openpyxl: pip install 'ict-adoption[excel]'"


def test_unexpected_errors_are_not_hidden(capsys, monkeypatch):
    import ict_adoption.io.writers as writers

    def render(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(writers, "render", render)
    with pytest.raises(ZeroDivisionError):
        main(["rank", R, S])


class _Terminal:
    """A stderr that says it is a terminal."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.encoding = "utf-8"

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(capsys, monkeypatch):
    code, _, err = run(capsys, "rank", R, S, "--lang", "en")
    assert code == 0 and "…" not in err  # not a terminal: no progress
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["rank", R, S, "--lang", "en"]) == 0
    text = "".join(terminal.parts)
    assert f"reading {S} …" in text
    assert "scoring 5 units …" in text


def test_subprocess_exit_codes_and_no_traceback(tmp_path):
    bad_rubric = tmp_path / "bad.toml"
    bad_rubric.write_text("region = 'x'\n", encoding="utf-8")
    cases = [
        (["rank", R, S, "--format", "json"], 0),
        (["rank", R, S, "--method", "best"], 2),
        (["rank", R, MESSY], 3),
        (["validate", R, tmp_path / "missing.csv"], 3),
        (["rubric", "nowhere:2015"], 4),
        (["rubric", bad_rubric], 5),
    ]
    for argv, status in cases:
        proc = python_m(*argv)
        stderr = proc.stderr.decode("utf-8")
        assert proc.returncode == status, (argv, stderr)
        assert "Traceback" not in stderr
        if status:
            assert "lỗi:" in stderr and proc.stdout == b""
    records = json.loads(python_m("rank", R, S, "--format", "json").stdout.decode("utf-8"))
    assert {"unit", "bloc", "total", "rank", "tied", "band"} <= set(records[0])


def test_subprocess_output_is_utf8_whatever_the_locale():
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    proc = python_m("rank", R, S, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Huyện X" in proc.stdout.decode("utf-8")
    assert "cảnh báo" in proc.stderr.decode("utf-8")


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'ict-adoption = "ict_adoption.cli:main"' in text


# ----------------------------------------------------------------------------- docs


def doc_sessions() -> list[str]:
    """The ```console blocks of docs/guide/cli.md: ``$ command`` lines and their output."""
    return re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("session", doc_sessions(), ids=lambda s: s.splitlines()[0][2:60])
def test_docs_examples_print_what_they_show(session, work, monkeypatch, replay):
    if re.search(r"\bregions\b|\bhanoi:", session):
        pytest.importorskip("ict_adoption_hanoi", reason="this example shows the Hà Nội plugin")
    monkeypatch.delenv("ICT_ADOPTION_PLUGINS", raising=False)  # the installed plugins, as documented
    monkeypatch.setattr(registry_module, "_default", None)
    expected = "\n".join(x.rstrip() for x in session.splitlines()) + "\n"
    assert replay(session) == expected


def test_docs_cover_every_command():
    shown = set()
    for session in doc_sessions():
        for line in session.splitlines():
            if line.startswith("$ ") and "ict-adoption" in line:
                argv = shlex.split(line[2:])
                shown.add(argv[argv.index("ict-adoption") + 1])
    assert shown == {"regions", "rubric", "template", "validate", "rank", "report"}
    shown_status = {int(m) for m in re.findall(r"\$ echo \$\?\n(\d)", DOC.read_text(encoding="utf-8"))}
    assert shown_status >= {2, 3, 4}


@pytest.mark.parametrize(
    "totals, note",
    [((90, 90, 80), "“1=” là đồng hạng."), ((85, 80, 80), "“2=” là đồng hạng."), ((85, 80, 70), None)],
)
def test_report_footnote_explains_the_tie_it_shows(capsys, tmp_path, totals, note):
    data = tmp_path / "t.csv"
    data.write_text("unit,bloc,total\n" + "".join(f"Huyện {'ABC'[k]},huyen,{t}\n" for k, t in enumerate(totals)),
                    encoding="utf-8")
    code, out, _ = run(capsys, "report", R, data)
    assert code == 0
    if note is None:
        assert "đồng hạng." not in out and "“" not in out
    else:
        assert note in out
        other = "“2=”" if "1=" in note else "“1=”"
        assert other not in out


@pytest.mark.parametrize(
    "edit, vi, en",
    [
        (lambda t: t.replace("min = 65", "min = 95"),
         ": bộ tiêu chí demo:2015: các xếp loại sai thứ tự: 'Khá' (từ 95) phải đứng sau 'Tốt' (từ 80); "
         "hãy liệt kê từ xếp loại cao nhất",
         ": rubric demo:2015: bands out of order: 'Khá' (min 95) must come below 'Tốt' (min 80)"),
        (lambda t: 'region = "x"\n', ": thiếu khóa bắt buộc: edition, title", ": missing required key(s): edition, title"),
        (lambda t: 'region = "x\n', ": không phải TOML hợp lệ: ", ": not valid TOML: "),
        (lambda t: t.replace('kind = "share"', 'kind = "sharez"'),
         ": groups[0].criteria[0].rule: không có loại quy tắc 'sharez'; các loại: choice",
         ": groups[0].criteria[0].rule: unknown rule kind 'sharez'; known kinds: choice"),
        (lambda t: t.replace('label = "Khá"', 'label = "Tốt"'),
         ": bộ tiêu chí demo:2015: trùng tên xếp loại 'Tốt'", ": rubric demo:2015: duplicate band label 'Tốt'"),
    ],
)
def test_rubric_file_errors_in_vietnamese(capsys, tmp_path, edit, vi, en):
    bad = tmp_path / "bad.toml"
    bad.write_text(edit(RUBRIC.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = run(capsys, "rubric", bad)
    assert (code, out) == (5, "") and err.startswith(f"ict-adoption: lỗi: {bad}{vi}"), err
    code, _, err = run(capsys, "rubric", bad, "--lang", "en")
    assert code == 5 and err.startswith(f"ict-adoption: error: {bad}{en}"), err
