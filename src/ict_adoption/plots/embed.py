"""A chart in an HTML page or a notebook: the figure as inline SVG inside a
``<figure class="ia-chart" data-chart=KIND data-key=KEY>`` with its caption. The XML
prolog and doctype are removed (an ``<svg>`` element is valid HTML as is), the SVG gets
``role="img"`` and an ``aria-label``, and it scales to the page's width, so a page stays
one self-contained file (no image files, no external links). Texts are escaped with
the standard library (this package sits below the library's HTML helpers)."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from .style import to_svg

__all__ = ["inline_svg", "chart_html", "charts_available"]

_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.S)


def charts_available() -> bool:
    """Whether matplotlib (the ``plots`` extra) can be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        return False
    return True


def inline_svg(fig: Any, label: str) -> str:
    """The figure as an ``<svg>`` element for HTML (the figure is closed)."""
    svg = _PROLOG.sub("", to_svg(fig), count=1)
    return svg.replace(
        "<svg ", f'<svg role="img" aria-label="{escape(label, quote=True)}" style="max-width:100%;height:auto" ', 1
    )


def chart_html(fig: Any, caption: str, *, kind: str, key: str) -> str:
    """``<figure class="ia-chart" data-chart=KIND data-key=KEY>`` with the inline SVG
    and ``caption`` (escaped) as its ``<figcaption>``."""
    return (
        f'<figure class="ia-chart" data-chart="{escape(kind, quote=True)}" data-key="{escape(key, quote=True)}" '
        f'style="margin:1rem 0">{inline_svg(fig, caption)}<figcaption>{escape(caption)}</figcaption></figure>'
    )
