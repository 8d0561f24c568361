"""Reports: title, per-bloc tables, counts and sentences, provenance — in four formats."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.report import build_report
from ict_adoption.views.narrative import narrative


def _load_sibling(name: str):
    """Helpers shared with test_writers.py, loaded by path (no sys.path assumptions)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"_ict_adoption_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_tw = _load_sibling("test_writers")
DOCS, _HTMLTable, run_doc_examples = _tw.DOCS, _tw._HTMLTable, _tw.run_doc_examples

DATA = Path(__file__).parent / "data"
RUBRIC = ia.load_rubric(DATA / "rubric_report.toml")


@pytest.fixture
def small() -> ia.Ranking:
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


def test_markdown_and_text_reports_exact(small):
    assert build_report(small, "markdown", lang="en") == (
        "# IT-adoption assessment and ranking\n"
        "\n"
        "Test rubric  \n"
        "Region: demo · Edition: 2020 · Assessment years: 2020–2021  \n"
        "Legal source: QĐ 1/QĐ-UBND, 2020-01-15, UBND tỉnh Demo: Quy định đánh giá, xếp hạng mức độ ứng dụng CNTT  \n"
        "Ranking method: equal totals share a rank, the next rank is skipped (1, 2, 2, 4)\n"
        "\n"
        "> **⚠ WARNING: 1 of 10 values of the rubric demo:2020 are assumed, not published; treat the results as indicative.**\n"
        "\n"
        "## Departments bloc (max 100 points)\n"
        "\n"
        "| Rank | Unit | Total | Class   | Infrastructure (40) | Applications (60) |\n"
        "| ---: | ---- | ----: | ------- | ------------------: | ----------------: |\n"
        "| 1=   | Sở A | 85.50 | Good    | 30.00               | 55.50             |\n"
        "| 1=   | Sở B | 85.50 | Good    | 35.00               | 50.50             |\n"
        "| 3    | Sở C | 60.00 | Average |                     |                   |\n"
        "\n"
        "**Units by class**\n"
        "\n"
        "| Class   | Units |\n"
        "| ------- | ----: |\n"
        "| Good    | 2     |\n"
        "| Fair    | 0     |\n"
        "| Average | 1     |\n"
        "| Weak    | 0     |\n"
        "\n"
        "The Departments bloc has 2 units rated Good: Sở A, Sở B; 1 Average; no unit rated Fair or Weak. Sở A and Sở B are tied 1st with 85.50 points; Sở C is 3rd with 60.00 points.\n"
        "\n"
        "## Districts bloc (max 100 points)\n"
        "\n"
        "| Rank | Unit | Total     | Class |\n"
        "| ---: | ---- | --------: | ----- |\n"
        "| 1    | H1   | 70.00     | Fair  |\n"
        "| —    | H2   | no report |       |\n"
        "\n"
        "**Units by class**\n"
        "\n"
        "| Class     | Units |\n"
        "| --------- | ----: |\n"
        "| Good      | 0     |\n"
        "| Fair      | 1     |\n"
        "| Average   | 0     |\n"
        "| Weak      | 0     |\n"
        "| No report | 1     |\n"
        "\n"
        "The Districts bloc has no unit rated Good; 1 unit rated Fair; no unit rated Average or Weak. H1 scores 70.00 points. 1 unit did not report and is not ranked: H2.\n"
        "\n"
        "“1=” marks a tied rank.\n"
        "\n"
        "## Provenance of the rubric\n"
        "\n"
        "**⚠ WARNING: 1 of 10 values of the rubric demo:2020 are assumed, not published; treat the results as indicative.**\n"
        "\n"
        "1 of 10 values are assumed (not published); 9 are published.\n"
        "\n"
        "Assumed values (reasons as the rubric file gives them):\n"
        "\n"
        "- Group Infrastructure (infra): points table not published\n"
        "\n"
        "**Notes on the input data**\n"
        "\n"
        "- bloc 'xa' (Xã) of the rubric has no rows in the input; it is not ranked (if it is assessed in another "
        "file, rank that file on its own)\n"
    )
    assert build_report(small, "text", lang="vi") == (
        "Kết quả đánh giá, xếp hạng mức độ ứng dụng CNTT\n"
        "===============================================\n"
        "Bộ tiêu chí thử nghiệm\n"
        "Địa phương: demo · Bộ tiêu chí: 2020 · Năm đánh giá: 2020–2021\n"
        "Căn cứ: QĐ 1/QĐ-UBND, 2020-01-15, UBND tỉnh Demo: Quy định đánh giá, xếp hạng mức độ ứng dụng CNTT\n"
        "Phương pháp xếp hạng: cùng điểm thì đồng hạng, bỏ qua hạng kế tiếp (1, 2, 2, 4)\n"
        "\n"
        "!! CẢNH BÁO: 1/10 giá trị của bộ tiêu chí demo:2020 là giả định, không phải số liệu đã công bố; kết quả chỉ để tham khảo.\n"
        "\n"
        "Khối Sở, ngành (tối đa 100 điểm)\n"
        "--------------------------------\n"
        "  Hạng  Đơn vị      Tổng điểm  Xếp loại      Hạ tầng (40)    Ứng dụng (60)\n"
        "------  --------  -----------  ----------  --------------  ---------------\n"
        "    1=  Sở A            85,50  Tốt                  30,00            55,50\n"
        "    1=  Sở B            85,50  Tốt                  35,00            50,50\n"
        "     3  Sở C            60,00  Trung bình\n"
        "\n"
        "Xếp loại      Số đơn vị\n"
        "----------  -----------\n"
        "Tốt                   2\n"
        "Khá                   0\n"
        "Trung bình            1\n"
        "Yếu                   0\n"
        "\n"
        "Khối Sở, ngành có 2 đơn vị Tốt gồm Sở A, Sở B; 1 đơn vị Trung bình; không có đơn vị Khá và Yếu. Sở A, Sở B là 2 đơn vị đồng hạng nhất với 85,50 điểm; đứng thứ 3 là Sở C với 60,00 điểm.\n"
        "\n"
        "Khối Huyện (tối đa 100 điểm)\n"
        "----------------------------\n"
        "  Hạng  Đơn vị        Tổng điểm  Xếp loại\n"
        "------  --------  -------------  ----------\n"
        "     1  H1                70,00  Khá\n"
        "     —  H2        không báo cáo\n"
        "\n"
        "Xếp loại         Số đơn vị\n"
        "-------------  -----------\n"
        "Tốt                      0\n"
        "Khá                      1\n"
        "Trung bình               0\n"
        "Yếu                      0\n"
        "Không báo cáo            1\n"
        "\n"
        "Khối Huyện không có đơn vị Tốt; 1 đơn vị Khá; không có đơn vị Trung bình và Yếu. H1 đạt 70,00 điểm. Có 1 đơn vị không báo cáo nên không được xếp hạng: H2.\n"
        "\n"
        "“1=” là đồng hạng.\n"
        "\n"
        "Nguồn gốc số liệu của bộ tiêu chí\n"
        "---------------------------------\n"
        "!! CẢNH BÁO: 1/10 giá trị của bộ tiêu chí demo:2020 là giả định, không phải số liệu đã công bố; kết quả chỉ để tham khảo.\n"
        "1/10 giá trị là giả định (chưa công bố); 9 giá trị đã công bố.\n"
        "Các giá trị giả định (lý do ghi như trong tệp bộ tiêu chí):\n"
        "  - Nhóm Hạ tầng (infra): points table not published\n"
        "\n"
        "Ghi chú về dữ liệu đầu vào:\n"
        "  - khối 'xa' (Xã) của bộ tiêu chí không có dòng nào trong dữ liệu; khối này không được xếp hạng (nếu khối "
        "được đánh giá trong tệp khác, hãy xếp hạng riêng tệp đó)\n"
    )


def test_report_title_lines_and_narrative_agree_with_the_ranking(small):
    md = build_report(small)
    assert md.startswith("# Kết quả đánh giá, xếp hạng mức độ ứng dụng CNTT\n\nBộ tiêu chí thử nghiệm  \n")
    assert "## Khối Sở, ngành (tối đa 100 điểm)" in md and "## Khối Huyện (tối đa 100 điểm)" in md
    assert "## Khối Xã" not in md  # no unit in that bloc: no table, but a note names it
    assert "- khối 'xa' (Xã) của bộ tiêu chí không có dòng nào trong dữ liệu" in md
    # each bloc's sentences are the narrative's paragraphs, in order
    for para in narrative(small).split("\n\n"):
        assert para in md


def test_html_report(small):
    page = build_report(small, "html")
    assert page.startswith("<!DOCTYPE html>")
    low = page.lower()
    for external in ("http://", "https://", "src=", "<link", "<script", "url("):
        assert external not in low
    tables = _HTMLTable.parse(page)
    blocs = [t for t in tables if "data-bloc" in t["attrs"]]
    counts = [t for t in tables if "data-counts" in t["attrs"]]
    assert [t["attrs"]["data-bloc"] for t in blocs] == ["so", "huyen"]
    assert blocs[0]["rows"] == [
        ["1=", "Sở A", "85,50", "Tốt", "30,00", "55,50"],
        ["1=", "Sở B", "85,50", "Tốt", "35,00", "50,50"],
        ["3", "Sở C", "60,00", "Trung bình", "", ""],
    ]
    assert counts[1]["rows"] == [["Tốt", "0"], ["Khá", "1"], ["Trung bình", "0"], ["Yếu", "0"], ["Không báo cáo", "1"]]
    assert '<p class="ia-warning" role="alert">⚠ CẢNH BÁO: 1/10 giá trị' in page
    assert "<li>Nhóm Hạ tầng (infra): points table not published</li>" in page
    assert (
        '<p class="ia-narrative">Khối Huyện không có đơn vị Tốt; 1 đơn vị Khá; không có đơn vị Trung bình và Yếu. '
        "H1 đạt 70,00 điểm. Có 1 đơn vị không báo cáo nên không được xếp hạng: H2.</p>"
    ) in page


def test_html_report_escapes_everything():
    names = ["<script>alert(1)</script>", 'Sở "A" & B', "<img src=x onerror=alert(2)>"]
    r = ia.rank(RUBRIC, {"unit": names, "bloc": ["so"] * 3, "total": [90, 90, 50]})
    page = build_report(r, "html", lang="en")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Sở &quot;A&quot; &amp; B" in page
    parser = _HTMLTable()
    parser.feed(page)
    assert {t for t, _ in parser.tags} <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "section",
        "table", "caption", "thead", "tbody", "tr", "th", "td", "ul", "li",
    }
    (bloc,) = [t for t in parser.tables if "data-bloc" in t["attrs"]]
    units = [row[1] for row in bloc["rows"]]
    assert sorted(units[:2]) == sorted(names[:2]) and units[2] == names[2]
    assert [row[0] for row in bloc["rows"]] == ["1=", "1=", "3"]


def test_xlsx_report(small):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(build_report(small, "xlsx")))
    assert wb.sheetnames == ["Báo cáo", "Sở, ngành", "Huyện", "Xếp loại", "Nguồn gốc"]
    lines = [r[0].value for r in wb["Báo cáo"].iter_rows()]
    assert lines[:6] == [
        "Kết quả đánh giá, xếp hạng mức độ ứng dụng CNTT",
        "Bộ tiêu chí thử nghiệm",
        "Địa phương: demo · Bộ tiêu chí: 2020 · Năm đánh giá: 2020–2021",
        "Căn cứ: QĐ 1/QĐ-UBND, 2020-01-15, UBND tỉnh Demo: Quy định đánh giá, xếp hạng mức độ ứng dụng CNTT",
        "Phương pháp xếp hạng: cùng điểm thì đồng hạng, bỏ qua hạng kế tiếp (1, 2, 2, 4)",
        "⚠ CẢNH BÁO: 1/10 giá trị của bộ tiêu chí demo:2020 là giả định, không phải số liệu đã công bố; "
        "kết quả chỉ để tham khảo.",
    ]
    for para in narrative(small).split("\n\n"):
        assert para in lines
    assert "- Nhóm Hạ tầng (infra): points table not published" in lines
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    assert [c.value for c in wb["Sở, ngành"]["C"]] == ["Tổng điểm", 85.5, 85.5, 60]


def test_rubric_without_assumed_values_has_no_warning():
    rubric = ia.loads_rubric(RUBRIC.to_toml().replace('assumed = "points table not published"\n', ""))
    assert rubric.assumed_count == 0
    r = ia.rank(rubric, {"unit": ["A"], "bloc": ["so"], "total": [81]})
    for fmt in ("markdown", "text", "html"):
        text = build_report(r, fmt)
        assert "CẢNH BÁO" not in text
        assert "Cả 10 giá trị của bộ tiêu chí đều đã công bố." in text
    assert "All 10 values of the rubric are published." in build_report(r, "markdown", lang="en")
    assert "“2=”" not in build_report(r)  # no tie, no note about ties


def test_input_notes_are_reported():
    r = ia.rank(
        RUBRIC,
        {"unit": ["A"], "bloc": ["so"], "total": [81], "remark": ["x"]},
        unknown_columns="ignore",
    )
    md = build_report(r)
    assert "**Ghi chú về dữ liệu đầu vào**\n\n- đã bỏ qua cột: remark\n" in md
    assert "- ignored column(s): remark\n" in build_report(r, lang="en")


def test_bloc_names_already_saying_khoi():
    rubric = ia.loads_rubric(
        RUBRIC.to_toml().replace('name = "Sở, ngành"', 'name = "Khối cơ quan Trung ương"')
        .replace('name_en = "Departments"', 'name_en = "Central agencies bloc"')
    )
    r = ia.rank(rubric, {"unit": ["A", "B"], "bloc": ["so", "so"], "total": [81, 70]})
    assert "## Khối cơ quan Trung ương (tối đa 100 điểm)" in build_report(r)
    assert narrative(r).startswith("Khối cơ quan Trung ương có 1 đơn vị Tốt là A;")
    assert "## Central agencies bloc (max 100 points)" in build_report(r, lang="en")
    assert narrative(r, lang="en").startswith("The Central agencies bloc has 1 unit rated Good: A;")


def test_unknown_report_format(small):
    with pytest.raises(ValueError, match="format: expected one of markdown, html, xlsx, text, got 'csv'"):
        build_report(small, "csv")


def test_reports_guide_examples_run(monkeypatch, tmp_path):
    assert run_doc_examples(DOCS / "reports.md", monkeypatch, tmp_path) >= 3


def test_header_names_the_region_when_a_plugin_registers_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plugin's region is shown by its name (and code); a rubric file alone shows its code."""
    import ict_adoption.region_plugins.registry as registry_module

    monkeypatch.syspath_prepend(str(Path(__file__).parent / "fixtures" / "ict-adoption-example" / "src"))
    import ict_adoption_songlam

    registry = registry_module.Registry.from_plugins({"songlam": ict_adoption_songlam})
    monkeypatch.setattr(registry_module, "default_registry", lambda: registry)
    songlam = ia.rank(registry.rubric("songlam", 2024), {"unit": ["Sở A"], "bloc": ["so"], "total": [90]})
    vi = build_report(songlam, "markdown", lang="vi")
    en = build_report(songlam, "markdown", lang="en")
    assert "Địa phương: Tỉnh Sông Lam (hư cấu) (songlam) · Bộ tiêu chí: 2024" in vi
    assert "Region: Song Lam Province (fictional) (songlam) · Edition: 2024" in en
    demo = ia.rank(RUBRIC, {"unit": ["Sở A"], "bloc": ["so"], "total": [90]})
    assert "Region: demo · Edition: 2020" in build_report(demo, "markdown", lang="en")


@pytest.mark.parametrize(("lang", "legal", "other"), [("vi", "Căn cứ", "Nguồn"), ("en", "Legal source", "Source")])
def test_only_a_decision_is_called_the_legal_source(lang, legal, other):
    """A news article or a report the rubric cites is a source, not its legal basis."""
    import attrs

    article = ia.Source(id="news", title="Công bố kết quả xếp hạng", kind="article", date="2021-03-01")
    rubric = attrs.evolve(RUBRIC, sources=[*RUBRIC.sources, article])
    ranking = ia.rank(rubric, {"unit": ["Sở A"], "bloc": ["so"], "total": [80]})
    text = build_report(ranking, "text", lang=lang)
    decision = RUBRIC.sources[0]
    assert decision.kind == "decision"
    assert f"{legal}: {decision.citation()}" in text
    assert f"{other}: 2021-03-01: Công bố kết quả xếp hạng" in text
    assert f"{legal}: 2021-03-01" not in text
    if lang == "vi":  # the notebook view of a rubric is in Vietnamese
        html = rubric._repr_html_()
        assert f"{other}: 2021-03-01: Công bố kết quả xếp hạng" in html
        assert f"{legal}: {decision.citation()}" in html


def test_a_section_without_one_of_its_renderings_cannot_be_made():
    from ict_adoption.report import ReportSection

    class NoText(ReportSection):
        def markdown(self, ctx):
            return "x"

        def html(self, ctx):
            return "x"

    with pytest.raises(TypeError, match="text"):
        NoText()
