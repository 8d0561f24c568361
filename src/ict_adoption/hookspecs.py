"""Kept so that existing imports by plugin authors keep working; new code imports from
:mod:`ict_adoption.region_plugins` (the specifications are
:mod:`ict_adoption.region_plugins.hookspecs`).

The hook functions below are the specifications themselves, so
``pm.add_hookspecs(ict_adoption.hookspecs)`` adds the same hooks as before.
"""

from __future__ import annotations

from .region_plugins.hookspecs import (
    HOOK_NAMES,
    PROJECT,
    hookimpl,
    hookspec,
    ict_adoption_bands,
    ict_adoption_blocs,
    ict_adoption_editions,
    ict_adoption_groups,
    ict_adoption_maxima,
    ict_adoption_regions,
    ict_adoption_scoring_rules,
)
from .region_plugins.editions import EditionSource

__all__ = [
    "PROJECT",
    "HOOK_NAMES",
    "EditionSource",
    "hookspec",
    "hookimpl",
    "ict_adoption_regions",
    "ict_adoption_editions",
    "ict_adoption_scoring_rules",
    "ict_adoption_groups",
    "ict_adoption_blocs",
    "ict_adoption_maxima",
    "ict_adoption_bands",
]
