"""Region plugins: their hooks, discovery, merging and the registry of regions.

ict-adoption knows no region by itself; every region and edition comes from a plugin
(``docs/plugins.md``). This package is the whole machinery, one job per module, each
importing at run time only modules listed before it:

- :mod:`.plugin_info` — who a plugin is (:class:`PluginInfo`), errors that name it;
- :mod:`.hookspecs` — the hook specifications and the :data:`hookimpl` marker;
- :mod:`.discovery` — entry points and the ``ICT_ADOPTION_PLUGINS`` selection;
- :mod:`.plugin_manager` — registering plugins one by one, calling each hook per plugin;
- :mod:`.editions` — what a plugin declares: :class:`Region`, :func:`edition_files`;
- :mod:`.hook_results` — checks of what hooks return, and :class:`Contribution` records;
- :mod:`.merge` — merging groups, blocs, maxima and bands into an edition;
- :mod:`.build` — running the hooks in order, keeping every failure;
- :mod:`.listing` — the records :func:`regions` returns;
- :mod:`.registry` — :class:`Registry`, and the default registry behind
  :func:`regions`, :func:`rubric`, :func:`contributions` and :func:`reset`.

The names below are imported on first use: ``import ict_adoption`` needs only
:data:`hookimpl`, and must stay fast and load no plugin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:  # pragma: no cover
    from .hook_results import Contribution
    from .discovery import ENTRY_POINT_GROUP, ENV_VAR, Discovery, Selection, discover
    from .editions import EditionSource, Region, edition_files
    from .hookspecs import HOOK_NAMES, PROJECT, hookimpl, hookspec
    from .listing import EditionInfo, RegionInfo
    from .plugin_info import PluginInfo, PluginWarning
    from .plugin_manager import new_plugin_manager
    from .registry import Registry, contributions, default_registry, regions, reset, rubric

_LAZY = {
    "PluginInfo": "plugin_info",
    "PluginWarning": "plugin_info",
    "PROJECT": "hookspecs",
    "HOOK_NAMES": "hookspecs",
    "hookimpl": "hookspecs",
    "hookspec": "hookspecs",
    "ENTRY_POINT_GROUP": "discovery",
    "ENV_VAR": "discovery",
    "Selection": "discovery",
    "Discovery": "discovery",
    "discover": "discovery",
    "new_plugin_manager": "plugin_manager",
    "EditionSource": "editions",
    "Region": "editions",
    "edition_files": "editions",
    "Contribution": "hook_results",
    "EditionInfo": "listing",
    "RegionInfo": "listing",
    "Registry": "registry",
    "regions": "registry",
    "rubric": "registry",
    "contributions": "registry",
    "default_registry": "registry",
    "reset": "registry",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_attributes(__name__, globals(), _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
