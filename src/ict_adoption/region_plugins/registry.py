"""The :class:`Registry` of regions and editions, and the default one of installed plugins.

>>> import ict_adoption as ia
>>> ia.regions()                      # doctest: +SKIP
[<RegionInfo danang 'Thành phố Đà Nẵng': editions 2016 (2016–2020), …>, …]
>>> ia.rubric("danang", 2021)         # doctest: +SKIP
>>> ia.rubric("danang:2021")          # the CLI's REGION:YEAR form   # doctest: +SKIP

A :class:`Registry` is an immutable snapshot: it calls every plugin's hooks once, loads
and merges every edition, validates everything centrally and keeps what went wrong in
:attr:`Registry.errors` — a broken plugin takes down only the regions it touches.
The module functions (:func:`regions`, :func:`rubric`, :func:`contributions`) use a
default registry discovered from installed entry points on first use, once per process
(:func:`reset` forgets it). For tests and embedding systems, build your own:
:meth:`Registry.from_plugins`, :meth:`Registry.from_plugin_manager`,
:meth:`Registry.discover`.
"""

from __future__ import annotations

import threading
import warnings
from typing import Any, Iterable, Mapping, Sequence

import attrs
import pluggy

from ..errors import EditionNotFound, PluginError, RegionNotFound
from ..messages import bilingual, message
from ..model import Rubric
from ..model.edition_facts import EditionYearWarning, preceded_message, superseded_message
from ..rules import Rule
from ..text import ascii_key, name_key
from . import hookspecs
from .build import Builder
from .discovery import _UNSET, Discovery, Selection, discover
from .editions import EditionSource, Region
from .hook_results import Contribution
from .listing import EditionInfo, RegionInfo, years_label
from .plugin_info import PluginInfo, PluginWarning, plugin_error
from .plugin_manager import infos_from_plugin_manager, new_plugin_manager, plugin_name_of, register, validate

__all__ = [
    # what a registry is built from and what it lists, for one import of everything
    "Region",
    "EditionSource",
    "RegionInfo",
    "EditionInfo",
    "Registry",
    "regions",
    "rubric",
    "contributions",
    "default_registry",
    "reset",
]


class Registry:
    """An immutable snapshot of regions and editions merged from a set of plugins.

    Build one with :meth:`discover` (installed entry points), :meth:`from_plugins`
    (plugin objects: tests, embedding) or :meth:`from_plugin_manager` (a pluggy
    manager you already have). Everything is loaded and validated when the registry
    is built; failures are in :attr:`errors`, and only the regions they touch are
    unavailable.
    """

    def __init__(
        self,
        pm: pluggy.PluginManager,
        plugins: Sequence[PluginInfo],
        errors: Sequence[PluginError] = (),
        *,
        selection: Selection | None = None,
    ) -> None:
        """Use the ``from_*``/``discover`` constructors; ``plugins`` must be registered in ``pm``."""
        builder = Builder(pm, plugins, errors)
        builder.run()
        self._pm = pm
        self._plugins = tuple(plugins)
        self._selection = selection
        self._errors = tuple(builder.errors)
        self._broken = dict(builder.broken)
        self._entries = {code: e for code, e in sorted(builder.regions.items())}
        self._rule_contributions = tuple(builder.rule_contributions)
        self._rules = {k: cls for k, (cls, _) in builder.rules.items()}
        self._past_support: dict[tuple[str, str, int], Rubric] = {}
        self._past_lock = threading.Lock()

    # ------------------------------------------------------------------ constructors

    @classmethod
    def from_plugins(
        cls,
        plugins: Mapping[str | PluginInfo, object] | Iterable[object | tuple[str | PluginInfo, object]],
    ) -> "Registry":
        """A registry of the given plugin objects (modules, classes, namespaces).

        ``plugins``: objects (named by their ``__name__``), ``(name, object)`` pairs, or
        a mapping ``{name: object}``; a :class:`~ict_adoption.region_plugins.PluginInfo` may
        stand for the name to give a distribution name and version for messages.
        No entry point is read and ``ICT_ADOPTION_PLUGINS`` is ignored.
        """
        items = list(plugins.items()) if isinstance(plugins, Mapping) else list(plugins)
        pm = new_plugin_manager()
        infos: list[PluginInfo] = []
        errors: list[PluginError] = []
        taken: dict[str, object] = {}
        for item in items:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], (str, PluginInfo)):
                key, obj = item
                info = key if isinstance(key, PluginInfo) else PluginInfo(key)
            else:
                obj = item
                info = PluginInfo(plugin_name_of(obj, taken))
            taken[info.name] = obj
            err = register(pm, info, obj)
            infos.append(info)
            if err is not None:
                errors.append(err)
        return cls(pm, infos, errors)

    @classmethod
    def from_plugin_manager(cls, pm: pluggy.PluginManager) -> "Registry":
        """A registry of the plugins already registered in ``pm`` (project ``ict_adoption``).

        The hook specifications are added if ``pm`` lacks them. Distribution names come
        from pluggy where it loaded the plugin from an entry point.
        """
        if pm.project_name != hookspecs.PROJECT:
            raise ValueError(f"expected a plugin manager for project {hookspecs.PROJECT!r}, got {pm.project_name!r}")
        caller = vars(pm.hook).get("ict_adoption_regions")
        if caller is None or not caller.has_spec():
            try:
                pm.add_hookspecs(hookspecs)
            except pluggy.PluginValidationError as exc:
                raise plugin_error(f"invalid hook implementation: {exc}") from exc
        infos = infos_from_plugin_manager(pm)
        errors = [e for e in (validate(pm, info) for info in infos) if e is not None]
        return cls(pm, infos, errors)

    @classmethod
    def discover(
        cls,
        select: str | None = _UNSET,
        *,
        entry_points: Iterable[Any] | None = None,
    ) -> "Registry":
        """A registry of the installed plugins (entry-point group ``ict_adoption``).

        ``select`` overrides the ``ICT_ADOPTION_PLUGINS`` environment variable (same
        syntax: ``None`` all, ``""`` none, ``"a,b"`` only those, ``"-a"`` all but a).
        ``entry_points`` replaces the installed ones (tests).
        """
        found: Discovery = discover(select, entry_points=entry_points)
        pm = new_plugin_manager()
        infos: list[PluginInfo] = []
        errors = list(found.errors)
        for info, obj in found.plugins:
            err = register(pm, info, obj)
            infos.append(info)
            if err is not None:
                errors.append(err)
        return cls(pm, infos, errors, selection=found.selection)

    # ------------------------------------------------------------------ queries

    @property
    def errors(self) -> tuple[PluginError, ...]:
        """Every plugin failure found while building, in the order found."""
        return self._errors

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """The plugins this registry was built from (including broken ones)."""
        return self._plugins

    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        return self._pm

    @property
    def rule_kinds(self) -> Mapping[str, type[Rule]]:
        """Rule kinds contributed by plugins (``ict_adoption_scoring_rules``)."""
        return dict(self._rules)

    def regions(self) -> list[RegionInfo]:
        """The usable regions, by code; broken ones are left out (see :attr:`errors`)."""
        out = []
        for entry in self._entries.values():
            if entry.error is not None:
                continue
            counts = {id(ed): ed.rubric.provenance() for ed in entry.editions}
            editions = tuple(
                EditionInfo(
                    edition=ed.rubric.edition,
                    years=ed.years,
                    declared_years=ed.rubric.years,
                    title=ed.rubric.title,
                    title_en=ed.rubric.title_en,
                    sources=tuple(s.citation() for s in ed.rubric.sources),
                    assumed=counts[id(ed)].assumed,
                    values=len(counts[id(ed)]),
                    published=counts[id(ed)].published,
                    supported_until=ed.rubric.supported_last,
                    superseded_by=ed.rubric.superseded_by,
                    plugin=ed.plugin.name,
                    contributors=tuple(
                        dict.fromkeys(
                            c.plugin.name for c in entry.contributions if c.edition == ed.rubric.edition
                        )
                    ),
                )
                for ed in entry.editions
            )
            r = entry.region
            out.append(RegionInfo(r.code, r.name, r.name_en, entry.plugin, editions))
        return out

    def region(self, region: str) -> RegionInfo:
        """One usable region, by code or name (``"danang"``, ``"Đà Nẵng"``)."""
        code = self._find(region)
        return next(r for r in self.regions() if r.code == code)

    def editions(self, region: str) -> tuple[Rubric, ...]:
        """Every edition of a region (merged), oldest first."""
        entry = self._entries[self._find(region)]
        return tuple(ed.rubric for ed in entry.editions)

    def rubric(self, region: str, year: int | str | None = None) -> Rubric:
        """The edition of ``region`` in force for the assessment ``year``, merged.

        ``region`` is a code (``"danang"``), a name (``"Đà Nẵng"``) or ``"danang:2019"``.
        Raises :class:`~ict_adoption.RegionNotFound` (listing the known regions),
        :class:`~ict_adoption.EditionNotFound` (listing the editions and their years)
        or, for a region a broken plugin touches, that plugin's
        :class:`~ict_adoption.PluginError`.
        """
        if isinstance(region, str) and ":" in region:
            if year is not None:
                raise ValueError(f"give the year once: {region!r} already names one, and year={year!r}")
            region, _, year = region.partition(":")
        code = self._find(region)
        entry = self._entries[code]
        listing: str = "; ".join(
            f"{ed.rubric.edition} ({years_label(ed.years)}: {ed.rubric.title})" for ed in entry.editions
        ) or bilingual("none", "không có")
        if year is None:
            raise EditionNotFound(message("registry.no_year", code=code, name=entry.region.name, listing=listing))
        y = _year(year)
        for ed in entry.editions:
            first, last = ed.years
            if first <= y and (last is None or y <= last):
                return self._for_year(ed.rubric, y)
        later = [m for m in (superseded_message(ed.rubric, y) for ed in entry.editions) if m is not None]
        if later:  # a later regulation is known but not modelled: never fall back silently
            raise EditionNotFound(f"{later[-1]}; editions: {listing}")
        earlier = [m for m in (preceded_message(ed.rubric, y) for ed in entry.editions) if m is not None]
        if earlier:  # an earlier regulation is known but not modelled: say which
            raise EditionNotFound(f"{earlier[0]}; editions: {listing}")
        raise EditionNotFound(message("registry.no_edition", code=code, name=entry.region.name, year=y, listing=listing))

    def _for_year(self, rubric: Rubric, year: int) -> Rubric:
        """``rubric`` looked up for the assessment ``year``: an error when a later
        regulation is known but not modelled; past the years its sources support, the
        same edition carrying the year (``asked_year``, so that ``year_warning()`` and
        every output name it) and an :class:`EditionYearWarning`. Within them, the
        edition itself: one object per edition, and one per edition and year past it."""
        later = superseded_message(rubric, year)
        if later is not None:
            raise EditionNotFound(later)
        if year <= rubric.supported_last:
            return rubric
        key = (rubric.region, rubric.edition, year)
        with self._past_lock:
            found = self._past_support.get(key)
            if found is None:
                found = self._past_support[key] = attrs.evolve(rubric, asked_year=year)
        message = found.year_warning("en")
        assert message is not None
        warnings.warn(message, EditionYearWarning, stacklevel=4)
        return found

    def _find(self, region: str) -> str:
        """The code of a region (usable or not); raises the region's error if it is broken."""
        if not isinstance(region, str):
            raise TypeError(f"region: expected a region code such as 'danang', got {region!r}")
        key = region.strip()
        code = key if key in self._entries else None
        if code is None:
            for attempt in (name_key, ascii_key):
                hits = {
                    c
                    for c, e in self._entries.items()
                    if attempt(key) in {attempt(n) for n in (c, e.region.name, e.region.name_en or c)}
                }
                if len(hits) == 1:
                    code = hits.pop()
                    break
        if code is None:
            for err in self._errors:  # a plugin named like the region failed before registering it
                if key in {p.name for p in err.plugins}:
                    raise err
            raise RegionNotFound(self._not_found(key))
        entry = self._entries[code]
        if entry.error is not None:
            raise entry.error
        return code

    def _not_found(self, key: str) -> str:
        known = [f"{c} ({e.region.name})" for c, e in self._entries.items() if e.error is None]
        message = f"no region {key!r}; known regions: {', '.join(known) or 'none'}"
        if not self._plugins and self._selection is not None and self._selection.text is not None:
            message += f" ({self._selection.describe()} selects no plugin)"
        elif not self._plugins:
            message += " (no region plugin is installed)"
        if self._errors:
            broken = sorted({p.label for e in self._errors for p in e.plugins})
            message += f"; plugins with errors: {', '.join(broken)} (see Registry.errors)"
        return message

    def contributions(self, region: str | None = None, edition: str | None = None) -> list[Contribution]:
        """Who contributed what: one record per plugin and hook (see ``Contribution``).

        Filtered by region code and edition id when given; rule kinds (shared by every
        region) are listed with ``region`` None and always included.
        """
        out = list(self._rule_contributions)
        for code, entry in self._entries.items():
            if entry.error is not None or (region is not None and code != region):
                continue
            out.extend(c for c in entry.contributions if edition is None or c.edition in (None, edition))
        return out

    def describe(self) -> dict[str, Any]:
        """Plain data for tools: plugins (with status), regions, contributions, errors."""
        return {
            "plugins": [
                {**p.to_dict(), "status": "error" if p.name in self._broken else "ok"} for p in self._plugins
            ],
            "regions": [r.to_dict() for r in self.regions()],
            "contributions": [c.to_dict() for c in self.contributions()],
            "errors": [str(e) for e in self._errors],
        }

    def __repr__(self) -> str:
        ok = [c for c, e in self._entries.items() if e.error is None]
        return f"<Registry {len(self._plugins)} plugins, regions {', '.join(ok) or 'none'}, {len(self._errors)} errors>"


def _year(value: int | str) -> int:
    if isinstance(value, bool):
        raise TypeError(f"year: expected an assessment year such as 2019, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError(f"year: expected an assessment year such as 2019, got {value!r}")


# ----------------------------------------------------------------------------- the default registry


_default: Registry | None = None
_building = False
_lock = threading.RLock()


def default_registry() -> Registry:
    """The registry of installed plugins, discovered on first use and then cached.

    Each load error is reported once, as a :class:`~ict_adoption.region_plugins.PluginWarning`,
    when the registry is built; it stays in ``default_registry().errors``. Thread-safe:
    concurrent first calls discover once.
    """
    global _default, _building
    with _lock:
        if _default is None:
            if _building:  # a plugin asked for regions while plugins were being loaded
                raise PluginError(
                    "ict_adoption.regions()/rubric() was called while plugins were being loaded "
                    "(by a plugin at import time or inside a hook); plugins must not use the "
                    "default registry"
                )
            _building = True
            try:
                _default = Registry.discover()
            finally:
                _building = False
            for err in _default.errors:
                warnings.warn(str(err), PluginWarning, stacklevel=3)
        return _default


def reset() -> None:
    """Forget the default registry: the next call discovers plugins again (tests, notebooks)."""
    global _default
    with _lock:
        _default = None


def regions() -> list[RegionInfo]:
    """The usable regions of the installed plugins (see :meth:`Registry.regions`)."""
    return default_registry().regions()


def rubric(region: str, year: int | str | None = None) -> Rubric:
    """The merged edition of ``region`` for the assessment ``year`` (see :meth:`Registry.rubric`).

    >>> ict_adoption.rubric("danang", 2019)      # doctest: +SKIP
    >>> ict_adoption.rubric("danang:2019")       # doctest: +SKIP
    """
    return default_registry().rubric(region, year)


def contributions(region: str | None = None, edition: str | None = None) -> list[Contribution]:
    """Who contributed what to the installed regions (see :meth:`Registry.contributions`)."""
    return default_registry().contributions(region, edition)
