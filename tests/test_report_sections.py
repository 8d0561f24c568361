"""The report as a list of sections: profiles (``--profiles``), charts embedded in the
HTML report (``--plots``), the hook for sections from other modules, the provenance in
the report's language; and the ``report`` command's options."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.analysis import profiles
from ict_adoption.cli import main
from ict_adoption.report import ReportSection, build_report, report_sections

ROOT = Path(__file__).resolve().parents[1]
QN2018 = ROOT / "plugins" / "quangnam" / "src" / "ict_adoption_quangnam" / "editions" / "2018.toml"
Y2019 = ROOT / "examples" / "compare" / "quangnam_2019.csv"


@pytest.fixture(scope="module")
def y2019() -> ia.Ranking:
    return ia.rank(ia.load_rubric(QN2018), Y2019)


@pytest.fixture(scope="module")
def few(tmp_path_factory) -> ia.Ranking:
    """Eight units of the 2019 table (charts take a while to draw: keep them few)."""
    lines = Y2019.read_text(encoding="utf-8").splitlines()
    keep = [lines[0]] + [x for x in lines[1:] if "minh họa" not in x][:8]
    path = tmp_path_factory.mktemp("few") / "few.csv"
    path.write_text("\n".join(keep) + "\n", encoding="utf-8")
    return ia.rank(ia.load_rubric(QN2018), path)


def test_profiles_section_has_every_unit_in_rank_order_with_its_sentences(y2019):
    md = build_report(y2019, profiles=True)
    every = profiles(y2019)
    rows = y2019.rows
    headings = re.findall(r"^## Hồ sơ từng đơn vị — (.*)$", md, flags=re.M)
    assert headings == ["Khối Sở, ban, ngành (tối đa 100 điểm)", "Khối UBND huyện, thị xã, thành phố (tối đa 100 điểm)"]
    units = re.findall(r"^### (.*)$", md, flags=re.M)
    assert units == [str(rows.unit[k]) for s in rows.filled_sections for k in s.rows]
    assert len(units) == len(y2019) == 22
    # each unit's sentences, as profile() gives them, right under its heading
    phuoc_son = every.unit("Huyện Phước Sơn")
    block = md.split("### Huyện Phước Sơn\n", 1)[1].split("\n### ", 1)[0]
    for s in phuoc_son.sentences():
        assert f"- {s}" in block
    assert "Còn thiếu 2,50 điểm để đạt loại Khá" in block
    # before the provenance, after the bloc tables
    assert md.index("## Khối UBND huyện") < md.index("## Hồ sơ từng đơn vị") < md.index("## Nguồn gốc số liệu")
    en = build_report(y2019, "text", lang="en", profiles=True)
    assert "Unit profiles — District, town and city people's committees bloc (max 100 points)\n" in en
    assert every.unit("Huyện Phước Sơn").sentences("en")[0] in en


def test_profiles_in_xlsx_summary(y2019):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(build_report(y2019, "xlsx", profiles=True)))
    lines = [r[0].value for r in wb[wb.sheetnames[0]].iter_rows()]
    assert profiles(y2019).unit("Thành phố Tam Kỳ").sentences()[0] in lines
    assert lines.index("Nguồn gốc số liệu của bộ tiêu chí") > lines.index(
        "Hồ sơ từng đơn vị — Khối Sở, ban, ngành (tối đa 100 điểm)")


def test_html_report_with_plots_embeds_one_svg_per_bloc_and_unit(few):
    y2019 = few
    page = build_report(y2019, "html", profiles=True, plots=True)
    figures = re.findall(r'<figure class="ia-chart" data-chart="(\w+)" data-key="([^"]*)"', page)
    rankings = [k for kind, k in figures if kind == "ranking"]
    assert rankings == [s.bloc.id for s in y2019.rows.filled_sections]
    assert sorted(k for kind, k in figures if kind == "profile") == sorted(str(u) for u in y2019.units)
    # inline SVG, valid inside HTML: no XML prolog or doctype, an accessible label
    assert page.count("<svg ") == len(figures)
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    assert 'role="img" aria-label="Biểu đồ xếp hạng Khối Sở, ban, ngành (tối đa 100 điểm)"' in page
    low = page.lower()
    for external in ("<script", "http://www.w3.org/1999/xlink\" xlink:href=\"http", "<link", "src="):
        assert external not in low
    # no chart without --plots
    assert "<svg" not in build_report(y2019, "html", profiles=True)


def test_plots_are_html_only_and_profiles_need_a_ranking(y2019):
    with pytest.raises(ValueError, match="HTML"):
        build_report(y2019, "markdown", plots=True)
    with pytest.raises(ValueError, match="Ranking"):
        build_report(y2019.rows, profiles=True)
    assert build_report(y2019.rows) == build_report(y2019)


class _Note(ReportSection):
    def markdown(self, ctx):
        return f"## Extra ({ctx.lang}, {len(ctx.rows)} units)"

    def html(self, ctx):
        return '<section class="extra">extra</section>'

    def text(self, ctx):
        return "EXTRA"


def test_a_section_from_another_module_goes_before_the_provenance(y2019):
    md = build_report(y2019, sections=[_Note()])
    assert md.index("## Khối UBND") < md.index("## Extra (vi, 22 units)") < md.index("## Nguồn gốc số liệu")
    txt = build_report(y2019, "text", lang="en", sections=[_Note()])
    assert txt.index("EXTRA") < txt.index("Provenance of the rubric")
    assert '<section class="extra">extra</section>' in build_report(y2019, "html", sections=[_Note()])
    kinds = [type(s).__name__ for s in report_sections(profiles=True, extra=[_Note()])]
    assert kinds == ["HeaderSection", "BlocsSection", "ProfilesSection", "_Note", "ProvenanceSection"]


def test_provenance_names_the_items_in_the_reports_language(y2019):
    vi = build_report(y2019)
    en = build_report(y2019, lang="en")
    prov_vi = vi.split("## Nguồn gốc số liệu của bộ tiêu chí", 1)[1]
    prov_en = en.split("## Provenance of the rubric", 1)[1]
    assert "- Nhóm Hạ tầng kỹ thuật CNTT và an toàn thông tin (hatang): điểm từng tiêu chí chưa công bố" in prov_vi
    assert "- Xếp loại Tốt: chưa thấy ngưỡng trong QĐ 2683" in prov_vi  # the rubric's assumed_vi
    assert "- Group Technical IT infrastructure and information security (hatang): points per" in prov_en
    assert "- Class Good: threshold not seen" in prov_en
    assert "group hatang" not in prov_vi and "band Tốt" not in prov_vi


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_command_profiles_and_plots(capsys, tmp_path):
    out_file = tmp_path / "report.html"
    small = ROOT / "tests" / "data" / "cli_scores.csv"  # 5 units in 2 blocs: few charts to draw
    rubric = ROOT / "tests" / "data" / "rubric_minimal.toml"
    code, _, err = _run(capsys, "report", rubric, small, "--profiles", "--plots", "-o", out_file)
    assert code == 0, err
    page = out_file.read_text(encoding="utf-8")
    assert page.count('data-chart="ranking"') == 2 and page.count('data-chart="profile"') == 5
    assert "Hồ sơ từng đơn vị" in page and "<svg " in page
    code, out, err = _run(capsys, "report", QN2018, Y2019, "--profiles", "--lang", "en")
    assert code == 0, err
    assert "## Unit profiles — " in out and "### Huyện Phước Sơn" in out
    # --plots needs the HTML report: a usage error naming the fix, in both languages
    code, out, err = _run(capsys, "report", QN2018, Y2019, "--plots")
    assert code == 2 and out == ""
    assert "--format html" in err and "không phải markdown" in err and "not markdown" in err


@pytest.mark.filterwarnings("ignore:bloc 'so'")
def test_profiles_and_charts_escape_hostile_names():
    rubric = ia.load_rubric(ROOT / "tests" / "data" / "rubric_minimal.toml")
    names = ['<script>alert(1)</script>', 'Huyện "Y" & <b>', "Huyện Z"]
    ranking = ia.rank(rubric, {"unit": names, "bloc": ["huyen"] * 3, "infra": [30, 35, 20], "app": [40, 35, 40]})
    page = build_report(ranking, "html", profiles=True, plots=True)
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'data-key="Huyện &quot;Y&quot; &amp; &lt;b&gt;"' in page
    md = build_report(ranking, profiles=True)
    assert "### &lt;script&gt;alert(1)&lt;/script&gt;\n" in md and "<script" not in md


def test_report_plots_without_matplotlib_names_the_extra(capsys, monkeypatch):
    """matplotlib missing: exit status 1 (an optional dependency), the install command named."""
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError("No module named 'matplotlib'", name="matplotlib")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    code, out, err = _run(capsys, "report", QN2018, Y2019, "--plots", "--format", "html")
    assert code == 1 and out == ""
    assert 'pip install "ict-adoption[plots]"' in err
