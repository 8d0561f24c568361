"""Charts embedded in an HTML report: a matplotlib figure as inline SVG inside a
``<figure>`` with its caption, so the page stays one self-contained file (no image
files, no external links). matplotlib is imported only when a chart is made
(:mod:`ict_adoption.plots.style`)."""

from __future__ import annotations

import re
from typing import Any

from ..html_text import esc

__all__ = ["chart_html", "inline_svg"]

_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.S)


def inline_svg(fig: Any, label: str) -> str:
    """The figure as an ``<svg>`` element for HTML: the XML prolog and doctype removed,
    ``role="img"`` and ``aria-label`` added, scaled to the page's width. The figure is
    closed."""
    from ..plots.style import to_svg

    svg = _PROLOG.sub("", to_svg(fig), count=1)
    return svg.replace(
        "<svg ", f'<svg role="img" aria-label="{esc(label)}" style="max-width:100%;height:auto" ', 1
    )


def chart_html(fig: Any, caption: str, *, kind: str, key: str) -> str:
    """``<figure class="ia-chart" data-chart=KIND data-key=KEY>`` with the inline SVG
    and ``caption`` (escaped) as its ``<figcaption>``."""
    return (
        f'<figure class="ia-chart" data-chart="{esc(kind)}" data-key="{esc(key)}" style="margin:1rem 0">'
        f"{inline_svg(fig, caption)}<figcaption>{esc(caption)}</figcaption></figure>"
    )
