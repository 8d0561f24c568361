"""Plugin discovery: entry points, selection, hook validation and who-did-what.

Region plugins are distributions that register an entry point in the group
``ict_adoption`` (see ``docs/plugins.md``)::

    [project.entry-points.ict_adoption]
    songlam = "ict_adoption_songlam"

:func:`discover` loads them, once per call, with every failure caught and turned into
a :class:`~ict_adoption.PluginError` that names the plugin *and* its distribution; the
healthy plugins stay usable. The environment variable ``ICT_ADOPTION_PLUGINS`` selects
plugins by entry-point name: unset means all, set but empty means none, ``"a,b"`` means
only those, ``"-a"`` means all but ``a``.

Merging the contributions into rubrics is the job of :class:`ict_adoption.registry.Registry`;
this module holds the plumbing it uses: a plugin manager with the hook specifications
(:func:`new_plugin_manager`), per-plugin registration that catches misspelled hooks
(:func:`register`), one call per hook implementation so that every result is
attributed to its plugin (:func:`call_each`), and the :class:`Contribution` records
behind :func:`contributions`.
"""

from __future__ import annotations

import difflib
import importlib.metadata as metadata
import inspect
import os
from typing import Any, Iterable, Iterator, Mapping, Sequence

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError

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

ENTRY_POINT_GROUP = "ict_adoption"
ENV_VAR = "ICT_ADOPTION_PLUGINS"
PREFIX = "ict_adoption_"

#: The hooks of :mod:`ict_adoption.hookspecs`, in the order the registry calls them.
HOOK_NAMES: tuple[str, ...] = (
    "ict_adoption_regions",
    "ict_adoption_editions",
    "ict_adoption_scoring_rules",
    "ict_adoption_groups",
    "ict_adoption_blocs",
    "ict_adoption_maxima",
    "ict_adoption_bands",
)


class PluginWarning(UserWarning):
    """A plugin could not be used; the message is the :class:`PluginError`'s."""


@attrs.frozen
class PluginInfo:
    """Who a plugin is: its name (the entry-point name) and the distribution providing it.

    ``distribution`` and ``version`` are ``None`` for a plugin object handed over
    directly (tests, embedding) rather than installed; ``value`` is the entry point's
    target (``"ict_adoption_songlam"``).
    """

    name: str
    distribution: str | None = None
    version: str | None = None
    value: str | None = None

    @property
    def dist_label(self) -> str:
        """``"ict-adoption-example 0.1.0"``, or ``"no distribution"``."""
        if self.distribution is None:
            return "no distribution"
        return f"{self.distribution} {self.version}" if self.version else self.distribution

    @property
    def label(self) -> str:
        """``"plugin 'songlam' (ict-adoption-example 0.1.0)"`` — used in every message."""
        return f"plugin {self.name!r} ({self.dist_label})"

    def to_dict(self) -> dict[str, str | None]:
        return {
            "plugin": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "value": self.value,
        }


def plugin_error(message: str, *plugins: PluginInfo, region: str | None = None) -> PluginError:
    """A :class:`PluginError` carrying ``plugins`` (who is to blame) and ``region``."""
    err = PluginError(message)
    err.plugins = tuple(plugins)  # type: ignore[attr-defined]
    err.region = region  # type: ignore[attr-defined]
    return err


def describe_exception(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ----------------------------------------------------------------------------- selection


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


_UNSET: Any = object()


# ----------------------------------------------------------------------------- discovery


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


# ----------------------------------------------------------------------------- pluggy


def new_plugin_manager() -> pluggy.PluginManager:
    """A plugin manager for project ``ict_adoption`` with the hook specifications added."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, HOOK_NAMES, n=1)
    return f"; did you mean {close[0]!r}?" if close else f"; the hooks are: {', '.join(HOOK_NAMES)}"


def _undecorated(pm: pluggy.PluginManager, plugin: object) -> list[str]:
    """Functions named like hooks that lack ``@hookimpl`` (they would be ignored)."""
    out = []
    for name in dir(plugin):
        if not name.startswith(PREFIX):
            continue
        try:
            attr = getattr(plugin, name)
        except Exception:  # pragma: no cover - exotic objects
            continue
        if (inspect.isfunction(attr) or inspect.ismethod(attr)) and pm.parse_hookimpl_opts(plugin, name) is None:
            out.append(name)
    return out


def validate(pm: pluggy.PluginManager, info: PluginInfo) -> PluginError | None:
    """Check one registered plugin's hook implementations; ``None`` if all is well.

    Catches what :meth:`pluggy.PluginManager.check_pending` catches (an
    ``@hookimpl`` whose name matches no hook: ``ict_adoption_region``), but per plugin,
    so that one misspelling does not stop the others; and hook wrappers, which the
    registry does not support.
    """
    problems = []
    for name, caller in vars(pm.hook).items():
        if name.startswith("_"):
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin_name != info.name:
                continue
            if not caller.has_spec() and not impl.optionalhook:
                problems.append(f"unknown hook {name!r}{_suggest(name)}")
            elif impl.hookwrapper or impl.wrapper:
                problems.append(f"hook {name!r} is a wrapper; ict-adoption hooks do not support wrappers")
    if problems:
        return plugin_error(f"{info.label}: " + "; ".join(problems), info)
    return None


def register(pm: pluggy.PluginManager, info: PluginInfo, plugin: object) -> PluginError | None:
    """Register ``plugin`` under ``info.name`` and validate it; return the error, if any.

    A plugin that fails validation stays registered (pluggy cannot always undo a
    half-done registration); callers skip it by name.
    """
    undecorated = _undecorated(pm, plugin)
    try:
        pm.register(plugin, name=info.name)
    except pluggy.PluginValidationError as exc:
        return plugin_error(f"{info.label}: invalid hook implementation: {exc}", info)
    except ValueError as exc:  # name or object registered twice
        other = pm.get_name(plugin) if pm.is_registered(plugin) else None
        if other is not None and other != info.name:
            return plugin_error(
                f"{info.label}: the same plugin object is already registered as {other!r}", info
            )
        return plugin_error(f"{info.label}: {exc}".splitlines()[0], info)
    err = validate(pm, info)
    if err is None and undecorated:
        names = ", ".join(repr(n) for n in undecorated)
        err = plugin_error(
            f"{info.label}: function(s) {names} are not decorated with @ict_adoption.hookimpl, "
            "so they would never be called",
            info,
        )
    return err


def call_each(
    pm: pluggy.PluginManager,
    hook: str,
    plugins: Sequence[PluginInfo],
    /,
    *,
    where: str = "",
    **kwargs: Any,
) -> Iterator[tuple[PluginInfo, Any]]:
    """Call every implementation of ``hook`` from ``plugins``, in that order.

    Yields ``(plugin, result)``, one per implementation, so the caller knows who
    contributed what. An exception inside a hook becomes a :class:`PluginError` naming
    the plugin, its distribution, the hook and ``where`` (e.g. ``"for songlam:2024"``).
    """
    order = {p.name: i for i, p in enumerate(plugins)}
    impls = [i for i in getattr(pm.hook, hook).get_hookimpls() if i.plugin_name in order]
    impls.sort(key=lambda i: order[i.plugin_name])
    by_name = {p.name: p for p in plugins}
    for impl in impls:
        info = by_name[impl.plugin_name]
        try:
            result = impl.function(*[kwargs[a] for a in impl.argnames])
        except Exception as exc:
            suffix = f" {where}" if where else ""
            err = plugin_error(f"{info.label}: {hook}{suffix} raised {describe_exception(exc)}", info)
            raise err from exc
        yield info, result


def infos_from_plugin_manager(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """:class:`PluginInfo` for every plugin of ``pm`` (distributions where pluggy knows them)."""
    dists = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    out = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:  # blocked
            continue
        dist = dists.get(id(plugin))
        if dist is not None:
            out.append(PluginInfo(name, dist.project_name, dist.version))
        else:
            out.append(PluginInfo(name))
    return out


def plugin_name_of(plugin: object, taken: Mapping[str, object]) -> str:
    """A readable name for a plugin object handed over without one."""
    base = getattr(plugin, "__name__", None)
    if not isinstance(base, str) or not base:
        base = type(plugin).__name__
    name, n = base, 2
    while name in taken:
        name, n = f"{base}#{n}", n + 1
    return name


# ----------------------------------------------------------------------------- provenance


@attrs.frozen
class Contribution:
    """One thing a plugin contributed: which hook, to which region/edition, which ids.

    ``items`` are short labels such as ``"region songlam"``, ``"edition 2024"``,
    ``"group bonus"``, ``"criterion b1"``, ``"bloc xa"``, ``"max pcs = 25"``,
    ``"bands Tốt ≥ 85, …"`` or ``"rule kind per_capita"``. ``source`` is the rubric
    file an edition came from, where there is one.
    """

    plugin: PluginInfo
    hook: str
    region: str | None
    edition: str | None
    items: tuple[str, ...]
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "plugin": self.plugin.name,
            "distribution": self.plugin.distribution,
            "version": self.plugin.version,
            "hook": self.hook,
            "region": self.region,
            "edition": self.edition,
            "items": list(self.items),
            "source": self.source,
        }


def contributions(region: str | None = None, edition: str | None = None) -> list[Contribution]:
    """What each installed plugin contributed (the default registry; see ``Registry``)."""
    from .registry import default_registry

    return default_registry().contributions(region, edition)
