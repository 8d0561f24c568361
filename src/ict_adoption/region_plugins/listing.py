"""What :func:`ict_adoption.regions` lists: plain, immutable records of regions and editions.

They are read by people (``repr``, ``ict-adoption regions``) and tools (``to_dict``,
``--format json``), so they hold only text and numbers — no rubric, no plugin object.
"""

from __future__ import annotations

from typing import Any

import attrs

from .plugin_info import PluginInfo

__all__ = ["EditionInfo", "RegionInfo", "years_label"]


def years_label(years: tuple[int, int | None]) -> str:
    """``"2016"``, ``"2016–2020"`` or ``"2021–"`` (open-ended)."""
    first, last = years
    return f"{first}" if first == last else f"{first}–{'' if last is None else last}"


@attrs.frozen
class EditionInfo:
    """One edition as :func:`regions` lists it.

    ``years`` are the assessment years it is in force for in this registry (an
    open-ended edition ends where the next begins); ``declared_years`` are what its
    file says. ``sources`` are the legal sources' citations; ``assumed`` counts the
    values that are assumed rather than published (see ``Rubric.provenance()``).
    """

    edition: str
    years: tuple[int, int | None]
    declared_years: tuple[int, int | None]
    title: str
    title_en: str | None
    sources: tuple[str, ...]
    assumed: int
    plugin: str
    contributors: tuple[str, ...]
    #: How many values the edition has and how many are published (``Rubric.provenance()``).
    values: int = 0
    published: int = 0
    #: The last assessment year a cited source supports; a known later regulation not modelled.
    supported_until: int | None = None
    superseded_by: str | None = None

    @property
    def years_label(self) -> str:
        return years_label(self.years)

    @property
    def published_share(self) -> float:
        """Published values as a share of all (0–1, four decimals; 1.0 with no values)."""
        return round(self.published / self.values, 4) if self.values else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "years": list(self.years),
            "title": self.title,
            "title_en": self.title_en,
            "sources": list(self.sources),
            "assumed": self.assumed,
            "published": self.published,
            "values": self.values,
            "published_share": self.published_share,
            "supported_until": self.supported_until,
            "superseded_by": self.superseded_by,
            "plugin": self.plugin,
            "contributors": list(self.contributors),
        }


@attrs.frozen
class RegionInfo:
    """A usable region: code, names, the plugin that registers it and its editions."""

    code: str
    name: str
    name_en: str | None
    plugin: PluginInfo
    editions: tuple[EditionInfo, ...]

    def to_dict(self) -> dict[str, Any]:
        """The record of ``ict-adoption regions --format json``."""
        return {
            "region": self.code,
            "name": self.name,
            "name_en": self.name_en,
            "plugin": self.plugin.name,
            "distribution": self.plugin.distribution,
            "version": self.plugin.version,
            "editions": [e.to_dict() for e in self.editions],
        }

    def __repr__(self) -> str:
        eds = ", ".join(f"{e.edition} ({e.years_label})" for e in self.editions)
        return f"<RegionInfo {self.code} {self.name!r}: editions {eds}>"
