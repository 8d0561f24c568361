"""Charts embedded in an HTML report: :func:`~ict_adoption.plots.embed.chart_html` (a
matplotlib figure as inline SVG in a ``<figure>`` with its caption), re-exported here
for the report's sections. matplotlib is imported only when a chart is made."""

from __future__ import annotations

from ..plots.embed import chart_html, inline_svg

__all__ = ["chart_html", "inline_svg"]
