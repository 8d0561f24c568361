"""The shared look of every chart: a font with Vietnamese diacritics, a colour-blind-safe
palette that also reads in greyscale, and figures rendered as PNG or SVG bytes
(written to files by the caller, through the library's one atomic writer).

Font: DejaVu Sans, which ships with matplotlib itself (no download, same result on every
machine) and covers the Vietnamese letters of Unicode's *Latin Extended Additional* block
(ạ ả ấ ầ ẩ ẫ ậ … ỹ) as well as đ/Đ and ơ/ư. ``tests/test_plots.py`` renders every
Vietnamese letter and fails on a "Glyph … missing" warning.

Colours: the Okabe–Ito palette (Okabe & Ito, *Color Universal Design*, 2002; the
palette recommended by Wong, "Points of view: Color blindness", Nature Methods 8, 441,
2011), distinguishable under the common colour-vision deficiencies. Because two of its
colours have nearly the same grey value, each class also gets its own hatch pattern, so
classes stay apart when printed in greyscale.

matplotlib is imported only when a figure is made (:func:`pyplot`); it is the optional
``plots`` extra (``pip install "ict-adoption[plots]"``).
"""

from __future__ import annotations

import io
from typing import Any

__all__ = [
    "FONT_FAMILY",
    "OKABE_ITO",
    "CLASS_COLOURS",
    "CLASS_HATCHES",
    "UNRANKED_COLOUR",
    "MEDIAN_COLOUR",
    "RANGE_COLOUR",
    "class_colour",
    "class_hatch",
    "pyplot",
    "context",
    "rc_params",
    "figure",
    "to_bytes",
    "to_svg",
]

FONT_FAMILY = "DejaVu Sans"

# Okabe–Ito, in the order used for classes (best first), then the rest.
OKABE_ITO: dict[str, str] = {
    "bluish_green": "#009E73",
    "sky_blue": "#56B4E9",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "blue": "#0072B2",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
# Class i (0 = best, as ``rubric.bands``) gets colour i and hatch i; more classes cycle.
CLASS_COLOURS: tuple[str, ...] = (
    OKABE_ITO["bluish_green"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["yellow"],
)
CLASS_HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "++")
UNRANKED_COLOUR = "#BBBBBB"
MEDIAN_COLOUR = OKABE_ITO["black"]
RANGE_COLOUR = "#DDDDDD"


def class_colour(index: int) -> str:
    """Colour of class ``index`` (0 = highest); a negative index (no report) is grey."""
    if index < 0:
        return UNRANKED_COLOUR
    return CLASS_COLOURS[index % len(CLASS_COLOURS)]


def class_hatch(index: int) -> str:
    """Hatch pattern of class ``index``, so classes differ in greyscale print too."""
    if index < 0:
        return ""
    return CLASS_HATCHES[index % len(CLASS_HATCHES)]


def rc_params() -> dict[str, Any]:
    """The matplotlib settings every chart of the library is drawn with."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY],
        "axes.unicode_minus": True,
        "svg.fonttype": "path",  # SVG shows the same letters without the font installed
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.labelsize": 9,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "legend.fontsize": 8,
        "hatch.linewidth": 0.6,
    }


def pyplot() -> Any:
    """matplotlib's pyplot on the non-interactive Agg backend (imported here, on use).

    Raises ImportError with the install command when the ``plots`` extra is missing.
    """
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            'biểu đồ cần matplotlib: pip install "ict-adoption[plots]" '
            '(charts need matplotlib: pip install "ict-adoption[plots]")'
        ) from exc
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def context() -> Any:
    """A context manager applying :func:`rc_params` (the global settings are restored
    on exit); build a chart's texts inside it so they get the library's font."""
    pyplot()
    import matplotlib

    mpl: Any = matplotlib  # rc_params() is a plain dict; matplotlib's stubs want literal keys
    return mpl.rc_context(rc_params())


def figure(width: float = 7.0, height: float = 4.0) -> tuple[Any, Any]:
    """A new ``(figure, axes)`` made with :func:`rc_params`; call it inside :func:`context`."""
    plt = pyplot()
    with context():
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


def _render(fig: Any, fmt: str) -> bytes:
    buf = io.BytesIO()
    with context():
        fig.savefig(buf, format=fmt)
    return buf.getvalue()


def to_bytes(fig: Any, fmt: str = "png") -> bytes:
    """The figure as PNG (``fmt="png"``) or SVG bytes; the figure is then closed."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"format: expected 'png' or 'svg', got {fmt!r}")
    try:
        return _render(fig, fmt)
    finally:
        pyplot().close(fig)


def to_svg(fig: Any) -> str:
    """The figure as an SVG document (text), e.g. to embed in an HTML report."""
    return to_bytes(fig, "svg").decode("utf-8")
