"""Kept so that existing imports by plugin authors keep working; new code imports from
:mod:`ict_adoption.region_plugins` (the registry is :mod:`ict_adoption.region_plugins.registry`).

The names below are those objects, not copies. The default registry is state of
:mod:`ict_adoption.region_plugins.registry`: to replace it (in a test), patch that module.
"""

from __future__ import annotations

from .region_plugins.registry import (
    EditionInfo,
    EditionSource,
    Region,
    RegionInfo,
    Registry,
    contributions,
    default_registry,
    regions,
    reset,
    rubric,
)

__all__ = [
    "Region",
    "RegionInfo",
    "EditionInfo",
    "EditionSource",
    "Registry",
    "regions",
    "rubric",
    "contributions",
    "default_registry",
    "reset",
]
