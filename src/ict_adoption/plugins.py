"""Kept so that existing imports by plugin authors keep working; new code imports from
:mod:`ict_adoption.region_plugins`.

What this module held now lives there, one job per module: :class:`PluginInfo` and
:func:`plugin_error` in :mod:`~ict_adoption.region_plugins.plugin_info`, entry-point
discovery and ``ICT_ADOPTION_PLUGINS`` in :mod:`~ict_adoption.region_plugins.discovery`,
the pluggy manager (:func:`register`, :func:`call_each`) in
:mod:`~ict_adoption.region_plugins.plugin_manager`, :class:`Contribution` in
:mod:`~ict_adoption.region_plugins.hook_results`. The names below are those objects.
"""

from __future__ import annotations

# the names outside __all__ were importable from here too (tests patch ``metadata``)
import importlib.metadata as metadata  # noqa: F401

from .region_plugins import hookspecs  # noqa: F401
from .region_plugins.discovery import _UNSET, ENTRY_POINT_GROUP, ENV_VAR, Discovery, Selection, discover  # noqa: F401
from .region_plugins.hook_results import Contribution
from .region_plugins.hookspecs import HOOK_NAMES
from .region_plugins.plugin_info import PluginInfo, PluginWarning, describe_exception, plugin_error  # noqa: F401
from .region_plugins.plugin_manager import (  # noqa: F401
    PREFIX,
    call_each,
    infos_from_plugin_manager,
    new_plugin_manager,
    plugin_name_of,
    register,
    validate,
)
from .region_plugins.registry import contributions

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_VAR",
    "HOOK_NAMES",
    "PluginInfo",
    "PluginWarning",
    "Selection",
    "Discovery",
    "Contribution",
    "discover",
    "new_plugin_manager",
    "register",
    "call_each",
    "plugin_error",
    "contributions",
]
