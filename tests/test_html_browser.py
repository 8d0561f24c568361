"""The HTML report and page, opened in headless Chromium: every bloc's table is in the
rendered DOM with its rows, and no unit name turned into an element.

Needs ``/usr/bin/chromium`` (or ``chromium`` on PATH); skipped with a reason otherwise.
The CI script installs it (``apt-get install -y chromium``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

import ict_adoption as ia
from ict_adoption.io.writers import render
from ict_adoption.report import build_report
from ict_adoption.views import bloc_sections, table_rows

DATA = Path(__file__).parent / "data"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not installed (/usr/bin/chromium); the CI script installs it "
    "with 'apt-get install -y chromium'",
)

TIMEOUT = 60
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

NAMES = {
    "so": ["Sở Kế hoạch và Đầu tư", "Sở Tài chính", "<script>alert(1)</script>", 'Sở "A" & B', "=1+2"],
    "huyen": ["Long Biên", "Tây Hồ", "Hoàng Mai"],
    "xa": ["Thượng Thanh", "Gia Thụy"],
}
TOTALS = {"so": [99.87, 95.5, 95.5, 70, 40], "huyen": [85, 60, None], "xa": [81, 81]}


@pytest.fixture(scope="module")
def ranking() -> ia.Ranking:
    rubric = ia.load_rubric(DATA / "rubric_report.toml")
    units, blocs, totals = [], [], []
    for bloc, names in NAMES.items():
        units += names
        blocs += [bloc] * len(names)
        totals += TOTALS[bloc]
    return ia.rank(rubric, {"unit": units, "bloc": blocs, "total": totals}, missing="exclude")


def dump_dom(html_text: str, tmp_path: Path) -> str:
    page = tmp_path / "report.html"
    page.write_text(html_text, encoding="utf-8")
    profile = tmp_path / "profile"
    profile.mkdir()
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    # its own process group, so that on a timeout (e.g. a page stuck on an alert() that
    # an unescaped name let through) the browser and all its helpers are stopped
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"headless Chromium did not finish within {TIMEOUT} s (a dialog or a hang)")
    assert proc.returncode == 0, err.decode("utf-8", "replace")[-2000:]
    dom = out.decode("utf-8")
    # the serialised DOM, not the file: the parser rebuilt it (e.g. "<html …><head>")
    assert dom.lstrip().startswith("<!DOCTYPE html>") and "</body></html>" in dom, dom[:500]
    return dom


class _DomTables:
    """Tables with a data-bloc attribute in a DOM dump: their body rows as cell texts."""

    def __init__(self, dom: str) -> None:
        from html.parser import HTMLParser

        tables: dict[str, list[list[str]]] = {}
        tags: list[str] = []

        class P(HTMLParser):
            bloc: str | None = None
            row: list[str] | None = None
            cell: list[str] | None = None
            in_body = False

            def handle_starttag(self, tag, attrs):
                tags.append(tag)
                a = dict(attrs)
                if tag == "table" and "data-bloc" in a:
                    self.bloc = a["data-bloc"]
                    tables[self.bloc] = []
                elif tag == "tbody" and self.bloc:
                    self.in_body = True
                elif tag == "tr" and self.in_body:
                    self.row = []
                elif tag == "td" and self.row is not None:
                    self.cell = []

            def handle_endtag(self, tag):
                if tag == "td" and self.cell is not None and self.row is not None:
                    self.row.append("".join(self.cell))
                    self.cell = None
                elif tag == "tr" and self.row is not None and self.bloc:
                    tables[self.bloc].append(self.row)
                    self.row = None
                elif tag == "tbody":
                    self.in_body = False
                elif tag == "table":
                    self.bloc = None

            def handle_data(self, data):
                if self.cell is not None:
                    self.cell.append(data)

        parser = P(convert_charrefs=True)
        parser.feed(dom)
        parser.close()
        self.tables = tables
        self.tags = tags


def expected_rows(ranking: ia.Ranking, lang: str) -> dict[str, list[list[str]]]:
    return {s.bloc.id: table_rows(ranking, s, lang)[1] for s in bloc_sections(ranking)}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_tables_in_the_rendered_dom(ranking, tmp_path, lang):
    dom = _DomTables(dump_dom(build_report(ranking, "html", lang=lang), tmp_path))
    want = expected_rows(ranking, lang)
    assert list(dom.tables) == ["so", "huyen", "xa"]
    assert dom.tables == want
    # the rows as a reader sees them: ties, unranked unit, hostile names as text
    so = dom.tables["so"]
    assert [r[0] for r in so] == ["1", "2=", "2=", "4", "5"]
    assert {r[1] for r in so[1:3]} == {"Sở Tài chính", "<script>alert(1)</script>"}
    assert so[3][1] == 'Sở "A" & B' and so[4][1] == "=1+2"
    assert dom.tables["huyen"][2][:3] == ["—", "Hoàng Mai", "không báo cáo" if lang == "vi" else "no report"]
    assert [r[0] for r in dom.tables["xa"]] == ["1=", "1="]
    assert "script" not in dom.tags and "img" not in dom.tags


def test_writer_page_tables_in_the_rendered_dom(ranking, tmp_path):
    dom = _DomTables(dump_dom(render(ranking, "html"), tmp_path))
    assert dom.tables == expected_rows(ranking, "vi")
    assert "script" not in dom.tags


def screenshot(html_text: str, tmp_path: Path, name: str, size: str = "1000,4000") -> "Any":
    """The page as headless Chromium paints it: an RGB array (height × width × 3, 0–255)."""
    import numpy as np
    from matplotlib.image import imread

    page = tmp_path / f"{name}.html"
    page.write_text(html_text, encoding="utf-8")
    shot = tmp_path / f"{name}.png"
    profile = tmp_path / f"profile-{name}"
    profile.mkdir()
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--hide-scrollbars", f"--window-size={size}",
           f"--screenshot={shot}", page.as_uri()]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"headless Chromium did not finish within {TIMEOUT} s")
    assert proc.returncode == 0 and shot.exists(), err.decode("utf-8", "replace")[-2000:]
    return np.rint(imread(str(shot))[:, :, :3] * 255).astype(int)


def _pixels_of(image: "Any", hex_colour: str, tolerance: int = 6) -> int:
    import numpy as np

    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(image - rgb).max(axis=2) <= tolerance).sum())


def test_report_charts_are_in_the_dom_and_painted(ranking, tmp_path):
    """``report --plots``: every bloc's chart is an inline SVG the browser keeps in its
    DOM, and it paints the bars — pixels of the classes' Okabe–Ito colours, which nothing
    else on the page uses, appear only when the charts are there."""
    from ict_adoption.plots.style import CLASS_COLOURS

    with_plots = build_report(ranking, "html", plots=True)
    dom = dump_dom(with_plots, tmp_path)
    figures = re.findall(r'<figure class="ia-chart" data-chart="ranking" data-key="(\w+)"', dom)
    assert figures == ["so", "huyen", "xa"]
    assert dom.count("<svg ") == 3 and "<script" not in dom
    painted = screenshot(with_plots, tmp_path, "plots")
    plain = screenshot(build_report(ranking, "html"), tmp_path, "plain")
    good, fair = CLASS_COLOURS[0], CLASS_COLOURS[1]
    assert _pixels_of(plain, good) == 0 and _pixels_of(plain, fair) == 0
    # bloc "so" has units rated Tốt and Khá: their bars are drawn in those colours
    assert _pixels_of(painted, good) > 500 and _pixels_of(painted, fair) > 200


def test_comparison_charts_are_painted(tmp_path):
    """The comparison page with its slope charts: the browser paints the rising lines in
    the Okabe–Ito blue, and a page without charts has none of it."""
    from ict_adoption.analysis import compare
    from ict_adoption.html_text import page
    from ict_adoption.plots.compare_charts import RISE

    root = Path(__file__).resolve().parents[1]
    rubric = ia.load_rubric(root / "plugins" / "quangnam" / "src" / "ict_adoption_quangnam" / "editions" / "2018.toml")
    old, new = (ia.rank(rubric, root / "examples" / "compare" / f"quangnam_{y}.csv") for y in (2018, 2019))
    c = compare(old, new)
    with_charts = page("compare", c.html() + c.charts_html())
    dom = dump_dom(with_charts, tmp_path)
    assert re.findall(r'data-chart="(\w+)" data-key="(\w+)"', dom) == [("slope", "so_ban_nganh"), ("slope", "huyen_tx_tp")]
    painted = screenshot(with_charts, tmp_path, "slopes", size="1000,6000")
    plain = screenshot(page("compare", c.html()), tmp_path, "no-slopes", size="1000,6000")
    assert _pixels_of(plain, RISE[0]) == 0
    assert _pixels_of(painted, RISE[0]) > 1000
