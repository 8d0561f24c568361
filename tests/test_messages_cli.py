"""Every command as a Vietnamese user runs it: no English word and no Python syntax
reaches them unless they ask for English (``--lang en`` before or after the command,
or ``ICT_ADOPTION_LANG=en``).

Each command's output (stdout and stderr) goes through the same leak checker
(tests/message_leaks.py) as the message table and the messy-input corpus."""

from __future__ import annotations

import pytest

import ict_adoption as ia
from ict_adoption.cli import main
from message_leaks import leak_lines, leaks

COMMANDS = ("regions", "rubric", "template", "validate", "rank", "report", "profile", "compare", "uncertainty")


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_language_variable(monkeypatch):
    monkeypatch.delenv("ICT_ADOPTION_LANG", raising=False)


def test_the_checker_finds_what_it_must():
    assert leaks("lỗi: expected a number, got 'x'") == ["expected", "got"]
    assert "=True" in leaks("dùng force=True")
    assert "'*'" in leaks("ghi chú: sheet='*'")
    assert leaks("Expecting value: line 1 column 2 (char 1)")
    assert leaks("File is not a zip file")
    assert "None" in leaks("giá trị None")
    # names, typed values, files and options are not words of the text
    assert leaks("cột 'total' của a.csv: dùng --lang en hoặc `ict-adoption regions`") == []


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_vietnamese_by_default(capsys, command):
    argv = ["--help"] if command is None else [command, "--help"]
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    assert out.startswith("cách dùng: ict-adoption")
    assert not leak_lines(out), leak_lines(out)


@pytest.mark.parametrize("command", [None, "rank", "regions"])
def test_english_help_on_request_before_or_after_the_command(capsys, monkeypatch, command):
    before = ["--lang", "en"] + ([command] if command else []) + ["--help"]
    code, out, _ = run(capsys, *before)
    assert code == 0 and out.startswith("usage: ict-adoption") and "exit status:" in out
    if command:
        after = [command, "--help", "--lang", "en"]
        assert run(capsys, *after)[1] == out
    monkeypatch.setenv("ICT_ADOPTION_LANG", "en")
    assert run(capsys, *([command] if command else []), "--help")[1] == out


def test_top_level_lang_picks_the_output_language_too(capsys, monkeypatch):
    pytest.importorskip("ict_adoption_danang", reason="uses the Đà Nẵng plugin (run with every plugin installed)")
    vi = run(capsys, "regions")[1]
    en = run(capsys, "--lang", "en", "regions")[1]
    assert "bộ tiêu chí" in vi and "edition " in en and "bộ tiêu chí " not in en
    assert run(capsys, "--lang", "en", "regions", "--lang", "vi")[1] == vi  # after the command wins
    monkeypatch.setenv("ICT_ADOPTION_LANG", "en")
    assert run(capsys, "regions")[1] == en
    assert run(capsys, "regions", "--lang", "vi")[1] == vi


def test_regions_in_vietnamese_words(capsys):
    pytest.importorskip("ict_adoption_danang", reason="uses the Đà Nẵng plugin (run with every plugin installed)")
    code, out, err = run(capsys, "regions")
    assert code == 0
    assert "plugin '" not in out
    assert "danang — Thành phố Đà Nẵng; phần mở rộng danang (gói ict-adoption-danang " in out
    assert not leak_lines(out + err), leak_lines(out + err)
    en = run(capsys, "regions", "--lang", "en")[1]
    assert "plugin 'danang' (ict-adoption-danang " in en


def _shipped_editions():
    return [f"{r.code}:{e.years[0]}" for r in ia.regions() for e in r.editions]


@pytest.mark.parametrize("spec", _shipped_editions())
def test_rubric_of_every_shipped_edition_in_vietnamese(capsys, spec):
    code, out, err = run(capsys, "rubric", spec)
    assert code == 0
    rubric = ia.rubric(*spec.split(":"))
    english_names = tuple(b.label_en for b in rubric.bands if b.label_en)  # the 'tiếng Anh' column
    assert not leak_lines(out + err, allow=english_names), leak_lines(out + err, allow=english_names)
    en = run(capsys, "rubric", spec, "--lang", "en")[1]
    for p in rubric.provenance("en"):
        if p.get("reason"):
            assert p["reason"][:40] in en  # the English reasons, with --lang en


def test_report_html_in_vietnamese(capsys, tmp_path):
    pytest.importorskip("ict_adoption_danang", reason="uses the Đà Nẵng plugin (run with every plugin installed)")
    import re

    out_file = tmp_path / "r.html"
    code, out, err = run(capsys, "report", "danang:2021", "examples/danang_2021.csv", "--format", "html", "-o", out_file)
    assert code == 0, err
    html = out_file.read_text(encoding="utf-8")
    body = re.sub(r"<style.*?</style>|<script.*?</script>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", "\n", body)
    import html as html_module

    text = html_module.unescape(text)
    assert not leak_lines(text + err), leak_lines(text + err)
    assert "Lý do giả định" in text or "giả định" in text


def _workbook_texts(path) -> str:
    import openpyxl

    texts = []
    for ws in openpyxl.load_workbook(path).worksheets:
        if ws.sheet_state == "hidden":
            continue
        texts.append(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                if cell.comment is not None:
                    texts.append(cell.comment.text)
        texts += [dv.error or "" for dv in ws.data_validations.dataValidation]
    return "\n".join(texts)


@pytest.mark.parametrize("spec", _shipped_editions())
def test_template_of_every_shipped_edition_in_vietnamese(capsys, tmp_path, spec):
    out = tmp_path / "mau.xlsx"
    code, _, err = run(capsys, "template", spec, "-o", out)
    assert code == 0, err
    rubric = ia.rubric(*spec.split(":"))
    ids = tuple(sorted({g.id for g in rubric.groups} | {c.id for g in rubric.groups for c in g.criteria}
                       | {b.id for b in rubric.blocs}, key=len, reverse=True))
    text = _workbook_texts(out)
    lines = [line for line in text.splitlines() if line not in ids]  # a heading cell holding a criterion id
    assert not leak_lines("\n".join(lines) + err), leak_lines("\n".join(lines) + err)
    assert "ict_adoption." not in text and "missing=" not in text  # no Python in the instructions
    code, _, _ = run(capsys, "--lang", "en", "template", spec, "-o", out, "--force")
    assert code == 0 and "How to fill" in _workbook_texts(out)


HALF_POINTS = '''
region = "demo"
edition = "2020"
title = "Demo"
first_year = 2020
precision = 2
assumed = "x"
assumed_vi = "giả định"
[[groups]]
id = "a"
name = "A"
max = 92.5
[[blocs]]
id = "so"
name = "Sở"
[[bands]]
label = "Tốt"
min = 80.5
[[bands]]
label = "Yếu"
'''


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_a_report_uses_one_number_convention(fmt):
    """A Vietnamese report writes every decimal with a comma, the bloc heading's maximum
    included ('tối đa 92,5 điểm', not '92.5' beside '85,50 điểm'); English a point."""
    import re

    from ict_adoption.report import build_report

    rubric = ia.loads_rubric(HALF_POINTS)
    ranking = ia.rank(rubric, {"unit": ["X", "Y"], "bloc": ["so", "so"], "total": ["85,5", "90.25"]})
    vi = build_report(ranking, fmt)
    assert "92,5" in vi and "85,50" in vi
    assert not re.findall(r"\d\.\d", re.sub(r"<style.*?</style>", "", vi, flags=re.S)), re.findall(r".{20}\d\.\d.{20}", vi)
    en = build_report(ranking, fmt, lang="en")
    assert "92.5" in en and "85.50" in en and "92,5" not in en


@pytest.mark.parametrize("command", ["validate", "rank"])
def test_a_bloc_without_rows_or_roster_is_named(capsys, command):
    """A bloc the rubric declares with no roster and no row in the file is not dropped
    silently: rank and validate name it (it may be assessed in another file)."""
    mini = "tests/data/rubric_minimal.toml"
    code, out, err = run(capsys, command, mini, "tests/data/messy/invisible_headings.csv")
    assert code == 0, err
    assert ("ict-adoption: cảnh báo: khối 'huyen' (Huyện) của bộ tiêu chí không có dòng nào trong dữ liệu; "
            "khối này không được xếp hạng") in err
    assert not leak_lines(err), leak_lines(err)


def _corpus():
    from pathlib import Path

    messy = Path("tests/data/messy")
    return sorted(p.name for p in messy.iterdir() if p.suffix not in (".py", ".md", ".toml"))


@pytest.mark.parametrize("name", _corpus())
@pytest.mark.parametrize("rubric", ["tests/data/messy/rubric_messy.toml", "tests/data/rubric_minimal.toml"])
@pytest.mark.parametrize("command", [["validate"], ["report", "--format", "text"]])
def test_every_corpus_file_in_vietnamese(capsys, name, rubric, command):
    """validate and report on every file of the messy-input corpus, good or bad, as a
    Vietnamese user runs them: errors, warnings, notes and the report, no English word.
    (The test rubrics give some assumed reasons in English only: those are allowed.)"""
    argv = [command[0], rubric, f"tests/data/messy/{name}", *command[1:]]
    code, out, err = run(capsys, *argv)
    assert code in (0, 3), err
    reasons = tuple(p["reason"] for p in ia.load_rubric(rubric).provenance("vi") if p.get("reason"))
    assert not leak_lines(out + err, allow=reasons), leak_lines(out + err, allow=reasons)
    assert "Traceback" not in err
