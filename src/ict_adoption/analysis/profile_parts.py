"""The value classes of a unit profile: :class:`Item` (one group or criterion of one
unit), :class:`Gap` (points lacking for a target) and :class:`UnitProfile`, with its
dict/JSON form and its text, Markdown and HTML views (built in
:mod:`ict_adoption.analysis.render_profile`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from . import render_profile

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Bloc, Rubric

__all__ = ["Item", "Gap", "UnitProfile"]


@attrs.frozen
class Item:
    """One group or criterion of one unit. Points are scaled integers (``rubric.scale``);
    ``None`` where the level of detail was not given, the item does not apply to the bloc
    or the unit has no report. ``lost`` = max − points (regular groups only); ``share`` of
    the maximum; ``rank`` inside the bloc on this item (same method as the total) among
    ``of`` units; ``bloc_median`` the bloc's median share (``bloc_min``, ``bloc_max``: its lowest and
    highest share); ``uniform`` when nearly every
    unit of the bloc has the same points here."""

    id: str
    name: str
    name_en: str | None
    kind: str  # "group" or "criterion"
    group: str
    regular: bool
    points: int | None
    max: int | None
    lost: int | None
    share: float | None
    rank: int | float | None
    tied: bool
    of: int
    bloc_median: float | None
    uniform: bool
    bloc_min: float | None = None
    bloc_max: float | None = None

    def label(self, lang: str = "vi") -> str:
        return self.name if lang == "vi" else (self.name_en or self.name)


@attrs.frozen
class Gap:
    """Points a unit lacks (``points``, scaled) to reach ``threshold``: the lower bound of
    class ``target`` (an index into ``rubric.bands``), or — for the unit ranked just
    above — one resolution step more than its total (``units``: its name, or the names
    tied there; ``target``: their rank)."""

    target: int
    points: int
    threshold: int
    units: tuple[str, ...]


@attrs.frozen(eq=False)
class UnitProfile:
    """What one unit earned and lost, where it stands in its bloc, and what it lacks."""

    rubric: "Rubric"
    unit: str
    bloc: "Bloc"
    reported: bool
    total: int
    max: int
    rank: int | float
    tied: bool
    rank_label: str
    of: int
    band: int
    level: int
    groups: tuple[Item, ...]
    criteria: tuple[Item, ...]
    strengths: tuple[Item, ...]
    weaknesses: tuple[Item, ...]
    cheapest: tuple[Item, ...]
    next_class: Gap | None
    above: Gap | None
    margin: float = 0.10

    @property
    def share(self) -> float | None:
        return self.total / self.max if self.max > 0 and self.reported else None

    def band_label(self, lang: str = "vi") -> str | None:
        if self.band < 0:
            return None
        b = self.rubric.bands[self.band]
        return b.label if lang == "vi" else (b.label_en or b.label)

    def cheapest_for(self, gap: Gap | None) -> tuple[Item, ...]:
        """The fewest criteria whose points lost, largest first, add up to ``gap``."""
        if gap is None:
            return ()
        out, got = [], 0
        for it in self.cheapest:
            if got >= gap.points:
                break
            out.append(it)
            got += it.lost or 0
        return tuple(out) if got >= gap.points else tuple(out)

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        """Plain numbers and texts (the JSON form): points in the rubric's units."""
        return render_profile.profile_dict(self, lang)

    def text(self, lang: str = "vi") -> str:
        """Sentences in the announcements' style, then the per-group and criterion table."""
        return render_profile.profile_text(self, lang)

    def markdown(self, lang: str = "vi") -> str:
        return render_profile.profile_markdown(self, lang)

    def html(self, lang: str = "vi") -> str:
        return render_profile.profile_html(self, lang)

    def sentences(self, lang: str = "vi") -> list[str]:
        return render_profile.profile_sentences(self, lang)

    def chart_html(self, lang: str = "vi") -> str:
        """The chart of the unit's groups against its bloc as an HTML figure (inline SVG;
        needs matplotlib); ``""`` when there are no group points to draw."""
        if not self.reported or self.level == 0:
            return ""
        from ..plots.embed import chart_html
        from ..plots.profile_chart import group_profile_chart

        caption = (f"{self.unit}: tỷ lệ điểm tối đa theo nhóm, so với trung vị và khoảng của khối" if lang == "vi"
                   else f"{self.unit}: share of the maximum per group against the bloc's median and range")
        return chart_html(group_profile_chart(self, lang=lang), caption, kind="profile", key=self.unit)

    def _repr_html_(self) -> str:
        """The notebook view: the profile, and its chart when matplotlib is installed."""
        from ..plots.embed import charts_available

        return self.html() + (self.chart_html() if charts_available() else "")

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"<UnitProfile {self.unit!r} ({self.bloc.id}) rank {self.rank_label}/{self.of}>"
