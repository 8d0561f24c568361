"""The pluggy manager: registering plugins one by one and calling each hook per plugin.

pluggy itself would stop at the first misspelled hook of any plugin and call a hook
for all plugins at once, losing who returned what. The functions here keep plugins
apart: :func:`register` checks one plugin and returns its error instead of raising,
so that one broken plugin does not take the others down; :func:`call_each` calls one
implementation at a time, so that every result — and every exception — is attributed
to the plugin that produced it.
"""

from __future__ import annotations

import difflib
import inspect
from typing import Any, Iterator, Mapping, Sequence

import pluggy

from ..errors import PluginError
from . import hookspecs
from .hookspecs import HOOK_NAMES
from .plugin_info import PluginInfo, describe_exception, plugin_error

__all__ = [
    "PREFIX",
    "new_plugin_manager",
    "register",
    "validate",
    "call_each",
    "infos_from_plugin_manager",
    "plugin_name_of",
]

#: Every hook name starts so; a function named so but matching no hook is a misspelling.
PREFIX = "ict_adoption_"


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
