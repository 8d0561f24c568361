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
