"""Finding installed plugins: the entry-point group and the ``ICT_ADOPTION_PLUGINS`` selection.

Region plugins are distributions that register an entry point in the group
``ict_adoption`` (see ``docs/plugins.md``)::

    [project.entry-points.ict_adoption]
    songlam = "ict_adoption_songlam"

:func:`discover` loads them, once per call, with every failure caught and turned into
a :class:`~ict_adoption.PluginError` that names the plugin *and* its distribution; the
healthy plugins stay usable. The environment variable ``ICT_ADOPTION_PLUGINS`` selects
plugins by entry-point name: unset means all, set but empty means none, ``"a,b"`` means
only those, ``"-a"`` means all but ``a``.

Discovery only imports the plugin modules; registering their hooks is the job of
:mod:`.plugin_manager`, calling them that of :mod:`.build`.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
from typing import Any, Iterable

import attrs

from ..errors import PluginError
from .plugin_info import PluginInfo, describe_exception, plugin_error

__all__ = ["ENTRY_POINT_GROUP", "ENV_VAR", "Selection", "Discovery", "discover"]

ENTRY_POINT_GROUP = "ict_adoption"
ENV_VAR = "ICT_ADOPTION_PLUGINS"

#: "Not given": ``select=None`` already means "all plugins", so absence needs its own value.
_UNSET: Any = object()


@attrs.frozen
class Selection:
    """Which plugins to load, from ``ICT_ADOPTION_PLUGINS``.

    ``include`` is ``None`` for "all" (then ``exclude`` may remove some) or the set of
    entry-point names to load (empty: none).
    """

    include: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()
    text: str | None = None

    @classmethod
    def parse(cls, value: str | None) -> "Selection":
        """``None`` → all; ``""`` → none; ``"a, b"`` → a and b; ``"-c"`` → all but c."""
        if value is None:
            return cls()
        names = [part.strip() for part in value.split(",")]
        names = [n for n in names if n]
        include = frozenset(n for n in names if not n.startswith("-"))
        exclude = frozenset(n[1:].strip() for n in names if n.startswith("-"))
        if not names:
            return cls(include=frozenset(), text=value)
        return cls(include=include or (None if exclude else frozenset()), exclude=exclude, text=value)

    def __contains__(self, name: object) -> bool:
        if name in self.exclude:
            return False
        return self.include is None or name in self.include

    def describe(self) -> str:
        if self.text is None:
            return f"{ENV_VAR} is not set (all plugins)"
        return f"{ENV_VAR}={self.text!r}"


@attrs.frozen
class Discovery:
    """What :func:`discover` found: loaded plugin objects, failures, plugins left out."""

    plugins: tuple[tuple[PluginInfo, object], ...]
    errors: tuple[PluginError, ...]
    skipped: tuple[PluginInfo, ...]
    selection: Selection


def _entry_point_info(ep: metadata.EntryPoint) -> PluginInfo:
    dist = getattr(ep, "dist", None)
    name = version = None
    if dist is not None:
        try:
            name = dist.metadata["Name"]
            version = dist.version
        except Exception:  # a broken METADATA file must not stop discovery
            name = getattr(dist, "name", None)
    return PluginInfo(ep.name, name, version, ep.value)


def discover(
    select: str | None = _UNSET,
    *,
    entry_points: Iterable[metadata.EntryPoint] | None = None,
) -> Discovery:
    """Load the plugins registered under the entry-point group ``ict_adoption``.

    ``select`` overrides ``ICT_ADOPTION_PLUGINS`` (same syntax; ``None`` = all).
    ``entry_points`` replaces what :func:`importlib.metadata.entry_points` finds
    (tests). Entry points are loaded in name order; a plugin that fails to import
    becomes a :class:`PluginError` in ``errors`` naming it and its distribution.
    """
    selection = Selection.parse(os.environ.get(ENV_VAR) if select is _UNSET else select)
    eps = list(metadata.entry_points(group=ENTRY_POINT_GROUP) if entry_points is None else entry_points)
    eps.sort(key=lambda ep: ep.name)
    loaded: list[tuple[PluginInfo, object]] = []
    errors: list[PluginError] = []
    skipped: list[PluginInfo] = []
    seen: dict[str, PluginInfo] = {}
    for ep in eps:
        info = _entry_point_info(ep)
        if info.name not in selection:
            skipped.append(info)
            continue
        if info.name in seen:
            first = seen[info.name]
            errors.append(
                plugin_error(
                    f"two distributions register the plugin name {info.name!r} in entry-point "
                    f"group {ENTRY_POINT_GROUP!r}: {first.dist_label} ({first.value}) and "
                    f"{info.dist_label} ({info.value}); the second is not loaded",
                    first,
                    info,
                )
            )
            continue
        seen[info.name] = info
        try:
            obj = ep.load()
        except Exception as exc:
            err = plugin_error(f"{info.label} failed to load {info.value!r}: {describe_exception(exc)}", info)
            err.__cause__ = exc
            errors.append(err)
            continue
        loaded.append((info, obj))
    if selection.include:
        available = sorted({ep.name for ep in eps})
        for name in sorted(selection.include - set(seen)):
            errors.append(
                plugin_error(
                    f"{selection.describe()} selects plugin {name!r}, but no installed "
                    f"distribution has an entry point {name!r} in group {ENTRY_POINT_GROUP!r}; "
                    f"installed: {', '.join(available) or 'none'}",
                    PluginInfo(name),
                )
            )
    return Discovery(tuple(loaded), tuple(errors), tuple(skipped), selection)
