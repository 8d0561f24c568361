"""Charts: Vietnamese labels render with every diacritic (no glyph-missing warning), the
palette is the colour-blind-safe one and readable in greyscale, PNG and SVG come out."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import ict_adoption as ia

ROOT = Path(__file__).resolve().parents[1]
# the edition file itself: these tests run in the core-only environment too
QUANGNAM_2015 = ROOT / "plugins" / "quangnam" / "src" / "ict_adoption_quangnam" / "editions" / "2015.toml"
EXAMPLE = ROOT / "examples" / "quangnam_2015.csv"
from ict_adoption.plots import style
from ict_adoption.plots.ranking_chart import class_bounds, ranking_chart

# every Vietnamese letter with its tone marks, both cases, and đ/ơ/ư
VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậ eèéẻẽẹêềếểễệ iìíỉĩị oòóỏõọôồốổỗộơờớởỡợ uùúủũụưừứửữự yỳýỷỹỵ đ"
)
ALL_LETTERS = VIETNAMESE + " " + VIETNAMESE.upper()


def _no_glyph_warning(draw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = draw()
    missing = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert not missing, missing
    return result


def test_every_vietnamese_letter_renders_without_a_missing_glyph():
    def draw():
        with style.context():
            fig, ax = style.figure(8, 2)
            ax.set_title(ALL_LETTERS)
            ax.text(0.0, 0.5, ALL_LETTERS)
        return style.to_bytes(fig, "png"), style.pyplot()

    png, _ = _no_glyph_warning(draw)
    assert png.startswith(b"\x89PNG")


def test_a_font_without_vietnamese_would_be_caught():
    # the check above is real: a font lacking the letters warns (DejaVu Sans Mono has
    # them too, so use a font with no Vietnamese at all: matplotlib's cmr10)
    plt = style.pyplot()
    import matplotlib

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with matplotlib.rc_context({"font.family": "cmr10", "mathtext.fontset": "cm"}):
            fig, ax = plt.subplots()
            ax.set_title("Hạ tầng ứng dụng")
            fig.canvas.draw()
        plt.close(fig)
    assert any("missing from" in str(w.message) or "Glyph" in str(w.message) for w in caught)


def test_the_palette_is_okabe_ito_and_classes_also_differ_by_hatch():
    assert style.CLASS_COLOURS[:4] == ("#009E73", "#56B4E9", "#E69F00", "#D55E00")
    hatches = [style.class_hatch(i) for i in range(4)]
    assert len(set(hatches)) == 4
    assert style.class_colour(-1) == style.UNRANKED_COLOUR


def test_ranking_chart_of_a_bloc_has_its_units_classes_and_bounds():
    ranking = ia.rank(ia.load_rubric(QUANGNAM_2015), EXAMPLE)
    fig = _no_glyph_warning(lambda: ranking_chart(ranking, "huyen_tp"))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "1. Thành phố Tam Kỳ" and len(labels) == 18
    bars = ax.patches
    # each bar is coloured by its unit's class
    rows = ranking.rows
    sec = rows.section("huyen_tp")
    import matplotlib.colors as mc

    for bar, k in zip(bars, sec.ranked):
        assert mc.to_hex(bar.get_facecolor()) == style.class_colour(int(rows.band[k])).lower()
    # a dashed line per bounded class: 80, 70, 50
    xs = sorted(line.get_xdata()[0] for line in ax.get_lines())
    assert xs == [50.0, 70.0, 80.0]
    assert [b for _, b in class_bounds(ranking.rubric, sec.code)] == [80.0, 70.0, 50.0]
    svg = style.to_svg(fig)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_ranking_chart_in_english_and_bad_lang():
    ranking = ia.rank(ia.load_rubric(QUANGNAM_2015), EXAMPLE)
    fig = ranking_chart(ranking, lang="en")
    assert fig.axes[0].get_xlabel() == "Points"
    style.pyplot().close(fig)
    with pytest.raises(ValueError, match="lang"):
        ranking_chart(ranking, lang="fr")
    with pytest.raises(ValueError, match="png"):
        style.to_bytes(ranking_chart(ranking), "gif")


# ----------------------------------------------------------------------------- analyses

QN2018 = ROOT / "plugins" / "quangnam" / "src" / "ict_adoption_quangnam" / "editions" / "2018.toml"
COMPARE = ROOT / "examples" / "compare"


@pytest.fixture(scope="module")
def rounds():
    rubric = ia.load_rubric(QN2018)
    return {name: ia.rank(rubric, COMPARE / f"quangnam_{name}.csv") for name in ("2018", "2019", "2019_self")}


def test_group_profile_chart_draws_the_unit_its_bloc_median_and_range(rounds):
    from ict_adoption.analysis import profile
    from ict_adoption.plots.profile_chart import CLASS_MARKERS, group_profile_chart

    p = profile(rounds["2019"], "Huyện Phước Sơn")
    fig = _no_glyph_warning(lambda: group_profile_chart(p))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [g.name for g in p.groups]
    by_gid = {c.get_gid(): c for c in ax.collections}
    unit = by_gid["unit-share"].get_offsets()
    median = by_gid["bloc-median"].get_offsets()
    assert [round(x, 4) for x in unit[:, 0]] == [round(100 * g.share, 4) for g in p.groups]
    assert [round(x, 4) for x in median[:, 0]] == [round(100 * g.bloc_median, 4) for g in p.groups]
    # nhân lực: 58.3% against a bloc median of 68.3% (the weakness the profile names)
    assert round(unit[3, 0], 1) == 58.3 and round(median[3, 0], 1) == 68.3
    # the unit's marker: its class's colour and shape (Trung bình is class 2)
    import matplotlib.colors as mc

    assert p.band == 2
    assert mc.to_hex(by_gid["unit-share"].get_facecolor()[0]) == style.class_colour(2).lower()
    assert CLASS_MARKERS[2] == "^"
    # the bloc's range: one bar per group from its lowest to its highest share
    bars = [b for b in ax.patches if b.get_gid() != "unit-share"]
    ranges = [(round(b.get_x(), 4), round(b.get_x() + b.get_width(), 4)) for b in bars]
    assert ranges == [(round(100 * g.bloc_min, 4), round(100 * g.bloc_max, 4)) for g in p.groups]
    assert all(lo <= 100 * g.share <= hi for (lo, hi), g in zip(ranges, p.groups))
    assert ax.get_title() == "Huyện Phước Sơn — Trung bình\nso với khối UBND huyện, thị xã, thành phố"
    assert fig.axes[0].get_xlabel() == "Tỷ lệ điểm tối đa (%)"
    style.pyplot().close(fig)
    en = group_profile_chart(p, lang="en")
    assert en.axes[0].get_xlabel() == "Share of the maximum (%)"
    assert en.axes[0].get_yticklabels()[3].get_text() == "IT human resources"
    style.pyplot().close(en)


def test_slope_chart_draws_each_matched_unit_from_before_to_after(rounds):
    from ict_adoption.analysis import compare
    from ict_adoption.plots.compare_charts import FALL, RISE, slope_chart, slope_values

    c = compare(rounds["2018"], rounds["2019"])
    fig = _no_glyph_warning(lambda: slope_chart(c, "huyen_tx_tp", labels=("2018", "2019")))
    ax = fig.axes[0]
    want = {r["unit"]: (r["old_total"], r["new_total"]) for r in c.unit_records() if r["bloc"] == "huyen_tx_tp"}
    lines = {line.get_gid().removeprefix("unit:"): line for line in ax.get_lines()}
    assert len(want) == 18 and set(lines) == set(want)
    import matplotlib.colors as mc

    for unit, line in lines.items():
        before, after = want[unit]
        assert list(line.get_ydata()) == [before, after]
        colour = RISE[0] if after > before else FALL[0]
        assert mc.to_hex(line.get_color()) == colour.lower()
    # every unit is named at the right end of its line
    assert {t.get_text() for t in ax.texts} == set(want)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2018", "2019"]
    assert ax.get_ylabel() == "Điểm"
    assert slope_values(c, "huyen_tx_tp")[0][0] == next(iter(want))
    style.pyplot().close(fig)
    # a fall is dashed vermilion, no change dotted grey: the claimed → verified points
    # of 2019 as a comparison of two rounds (Hội An kept its 98.75)
    from ict_adoption.plots.compare_charts import SAME

    down = compare(rounds["2019_self"], rounds["2019"])
    fig = slope_chart(down, "huyen_tx_tp")
    styles = {line.get_gid().removeprefix("unit:"): (mc.to_hex(line.get_color()), line.get_linestyle())
              for line in fig.axes[0].get_lines()}
    assert styles.pop("Thành phố Hội An") == (SAME[0].lower(), ":")
    assert set(styles.values()) == {(FALL[0].lower(), "--")}
    style.pyplot().close(fig)
    with pytest.raises(ValueError, match="lang"):
        slope_chart(c, lang="de")


@pytest.mark.parametrize("values", [[], [5.0], [50.0, 50.1, 50.2, 80.0], [3.0, 1.0, 2.0, 2.0, 9.0]])
def test_slope_labels_never_overlap_and_keep_their_order(values):
    from ict_adoption.plots.compare_charts import label_positions

    ys = label_positions(values)
    assert len(ys) == len(values)
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [ys[i] for i in order]
    gap = max((max(values) - min(values)) if values else 0, 1.0) * 0.028
    assert all(b - a >= gap - 1e-9 for a, b in zip(placed, placed[1:]))
    assert abs(sum(ys) - sum(values)) < 1e-9


def test_slope_chart_on_shares_when_the_editions_differ():
    from ict_adoption.analysis import compare
    from ict_adoption.plots.compare_charts import slope_chart

    y2015 = ia.rank(ia.load_rubric(QUANGNAM_2015), EXAMPLE)
    y2018 = ia.rank(ia.load_rubric(QN2018), COMPARE / "quangnam_2018.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = compare(y2015, y2018)
    assert c.basis == "share"
    fig = slope_chart(c, lang="en")
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Share of the maximum (%)"
    rec = next(r for r in c.unit_records() if r["new_total"] is not None and r["old_total"] is not None
               and r["bloc"] == c.new.rubric.blocs[0].id)
    line = next(line for line in ax.get_lines() if line.get_gid() == f"unit:{rec['unit']}")
    assert [round(v, 4) for v in line.get_ydata()] == [round(100 * rec["old_share"], 4), round(100 * rec["new_share"], 4)]
    style.pyplot().close(fig)


def test_verification_chart_names_exactly_the_units_whose_class_changed(rounds):
    from ict_adoption.analysis import compare
    from ict_adoption.plots.compare_charts import verification_chart

    c = compare(rounds["2019_self"], rounds["2019"], kind="verification")
    fig = _no_glyph_warning(lambda: verification_chart(c))
    ax = fig.axes[0]
    recs = c.unit_records()
    by_gid = {col.get_gid(): col.get_offsets() for col in ax.collections}
    changed = [(r["old_total"], r["new_total"]) for r in recs if r["class_changed"]]
    kept = [(r["old_total"], r["new_total"]) for r in recs if not r["class_changed"]]
    assert [tuple(x) for x in by_gid["changed"].tolist()] == changed
    assert [tuple(x) for x in by_gid["kept"].tolist()] == kept
    assert len(changed) == 4 and len(changed) + len(kept) == len(recs)
    assert [t.get_text() for t in ax.texts] == [
        "Huyện Quế Sơn (Tốt → Khá)", "Huyện Đại Lộc (Tốt → Khá)", "Huyện Đông Giang (Tốt → Khá)",
        "Huyện Phước Sơn (Khá → Trung bình)",
    ]
    # verification only cuts: every point is on or below the diagonal
    assert all(v <= claimed for claimed, v in changed + kept)
    (diagonal,) = [line for line in ax.get_lines() if line.get_gid() == "no-cut"]
    assert list(diagonal.get_xdata()) == list(diagonal.get_ydata())
    svg = style.to_svg(fig)
    assert "<svg" in svg
    with pytest.raises(ValueError, match="verification"):
        verification_chart(compare(rounds["2018"], rounds["2019"]))


def test_notebook_views_show_the_charts(rounds):
    import re

    from ict_adoption.analysis import compare, profile

    html = profile(rounds["2019"], "Tam Kỳ")._repr_html_()
    assert html.startswith('<section class="ict-profile"')
    assert re.findall(r'data-chart="(\w+)" data-key="([^"]+)"', html) == [("profile", "Thành phố Tam Kỳ")]
    assert "<?xml" not in html and html.count("<svg ") == 1
    yoy = compare(rounds["2018"], rounds["2019"])._repr_html_()
    assert re.findall(r'data-chart="(\w+)" data-key="(\w+)"', yoy) == [("slope", "so_ban_nganh"), ("slope", "huyen_tx_tp")]
    check = compare(rounds["2019_self"], rounds["2019"], kind="verification")
    assert 'data-chart="verification"' in check._repr_html_()
    assert "<svg" not in check.html()  # the plain HTML view has no chart
