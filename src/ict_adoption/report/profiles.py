"""``report --profiles``: one profile per unit, bloc by bloc in rank order — its
strengths and weaknesses against the bloc's median, the points it lacks for the next
class and to pass the unit above, and its per-group table (with ``plots``, in HTML, the
chart of its groups against the bloc's median and range). Built from
:func:`ict_adoption.analysis.profiles`, computed once for every unit."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..html_text import esc
from ..views.markdown import md_escape
from .sections import ReportContext, ReportSection
from .standard import bloc_heading

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import UnitProfile

__all__ = ["ProfilesSection"]


class ProfilesSection(ReportSection):
    """Every unit's profile; ``margin``: see :func:`ict_adoption.analysis.profiles`."""

    def __init__(self, margin: float = 0.10) -> None:
        self.margin = margin

    @functools.lru_cache(maxsize=4)  # noqa: B019 - one section object lives for one report
    def _by_bloc(self, ctx: ReportContext) -> list[tuple[str, list["UnitProfile"]]]:
        from ..analysis import profiles

        every = profiles(ctx.ranking(), margin=self.margin)
        rows = ctx.rows
        out = []
        for s in rows.filled_sections:
            units = [every.at(int(rows.index[k])) for k in s.rows]
            out.append((self._heading(ctx, bloc_heading(rows, s, ctx.lang)), units))
        return out

    @staticmethod
    def _heading(ctx: ReportContext, bloc: str) -> str:
        return ("Hồ sơ từng đơn vị — " if ctx.vi else "Unit profiles — ") + bloc

    def markdown(self, ctx: ReportContext) -> str:
        out = []
        for heading, units in self._by_bloc(ctx):
            out.append(f"## {md_escape(heading)}")
            out += [prof.markdown(ctx.lang).rstrip("\n") for prof in units]  # every text escaped there
        return "\n\n".join(out)

    def html(self, ctx: ReportContext) -> str:
        out = []
        for heading, units in self._by_bloc(ctx):
            out.append(f'<section class="ia-profiles"><h2>{esc(heading)}</h2>')
            for prof in units:
                out.append(prof.html(ctx.lang))
                if ctx.plots:
                    out.append(prof.chart_html(ctx.lang))
            out.append("</section>")
        return "\n".join(out)

    def text(self, ctx: ReportContext) -> str:
        out = []
        for heading, units in self._by_bloc(ctx):
            out.append(f"{heading}\n{'-' * len(heading)}")
            out += [f"{prof.unit}\n{'~' * len(prof.unit)}\n{prof.text(ctx.lang)}" for prof in units]
        return "\n\n".join(out)

    def summary(self, ctx: ReportContext) -> list[str]:
        out: list[str] = []
        for heading, units in self._by_bloc(ctx):
            out.append(heading)
            for prof in units:
                out += prof.sentences(ctx.lang)
            out.append("")
        return out
