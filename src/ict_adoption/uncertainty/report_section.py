"""The uncertainty analysis as a section of the results report (``report --uncertainty``).

:class:`UncertaintySection` follows the report's section protocol
(:mod:`ict_adoption.report.sections`: ``markdown``/``html``/``text``/``summary`` of a
context with ``lang`` and ``plots``) by its methods alone, so this module does not import
the report layer above it. It lists the inputs that varied, with why, and the units whose
class is not robust (every unit is in the ``uncertainty`` command's own output); with
charts asked for (HTML), one rank-interval chart per bloc whose ranks moved.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .analysis import UncertaintyResult
from .render import LABELS, render_uncertainty

__all__ = ["UncertaintySection"]

_NOTE = {
    "vi": "Bảng dưới chỉ liệt kê các đơn vị có xếp loại không vững; lệnh `ict-adoption uncertainty` cho mọi đơn vị.",
    "en": "The table lists only the units whose class is not robust; `ict-adoption uncertainty` gives every unit.",
}


class UncertaintySection:
    """How robust the report's ranks and classes are (a report section)."""

    def __init__(self, result: UncertaintyResult) -> None:
        self.result = result

    def _lang(self, ctx: Any) -> str:
        return "en" if getattr(ctx, "lang", "vi") == "en" else "vi"

    def markdown(self, ctx: Any) -> str:
        lang = self._lang(ctx)
        body = render_uncertainty(self.result, "markdown", lang=lang, not_robust_only=True)
        return body.rstrip("\n") + "\n\n" + _NOTE[lang] + "\n"

    def text(self, ctx: Any) -> str:
        lang = self._lang(ctx)
        body = render_uncertainty(self.result, "text", lang=lang, not_robust_only=True)
        return body.rstrip("\n") + "\n\n" + _NOTE[lang] + "\n"

    def html(self, ctx: Any) -> str:
        from ..html_text import esc

        lang = self._lang(ctx)
        parts = [render_uncertainty(self.result, "html", lang=lang, not_robust_only=True),
                 f"<p>{esc(_NOTE[lang])}</p>"]
        if getattr(ctx, "plots", False):
            parts += self._charts(lang)
        return "\n".join(parts) + "\n"

    def _charts(self, lang: str) -> list[str]:
        from ..plots.style import to_svg
        from ..plots.uncertainty import rank_interval_chart

        r = self.result
        codes = np.asarray(r.ranking.scored.bloc_codes)[r.rows]
        moved = r.rank_low != r.rank_high
        out = []
        for k, bloc in enumerate(r.ranking.rubric.blocs):
            if (moved & (codes == k)).any():
                out.append(f'<figure class="uncertainty-chart">{to_svg(rank_interval_chart(r, bloc.id, lang=lang))}</figure>')
        return out

    def summary(self, ctx: Any) -> list[str]:
        """The xlsx report's summary lines: the count, then each non-robust unit."""
        lang = self._lang(ctx)
        w = LABELS[lang]
        level = round(100 * self.result.level)
        bad = self.result.not_robust()
        lines = [w["title"], w["not_robust"].format(level=level, n=len(bad)) if bad else w["all_robust"].format(level=level)]
        for u in bad:
            cls = w["unranked"] if u["nominal_class"] is None else u["nominal_class"]
            lines.append(f"{u['unit']}: {cls}, {w['keep'].lower()} {round(100 * u['keep_probability'])} %")
        return lines
