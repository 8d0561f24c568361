"""Regions and their rubric editions, as contributed by plugins.

>>> import ict_adoption as ia
>>> ia.regions()                      # doctest: +SKIP
[<RegionInfo danang 'Thành phố Đà Nẵng': editions 2013 (2013–2016), …>, …]
>>> ia.rubric("danang", 2019)         # doctest: +SKIP
>>> ia.rubric("danang:2019")          # the CLI's REGION:YEAR form   # doctest: +SKIP

A :class:`Registry` is an immutable snapshot: it calls every plugin's hooks once, loads
and merges every edition, validates everything centrally and keeps what went wrong in
:attr:`Registry.errors` — a broken plugin takes down only the regions it touches.
The module functions (:func:`regions`, :func:`rubric`, :func:`contributions`) use a
default registry discovered from installed entry points on first use, once per process
(:func:`reset` forgets it). For tests and embedding systems, build your own:
:meth:`Registry.from_plugins`, :meth:`Registry.from_plugin_manager`,
:meth:`Registry.discover`.

Editions by year: a region's editions may not overlap. An edition without a last year
is in force until the next edition begins (so a plugin can add a new year's regulation
to a region without editing the old file); only the newest edition stays open-ended.
"""

from __future__ import annotations

import os
import threading
import warnings
from decimal import Decimal
from importlib.resources.abc import Traversable
from typing import Any, Iterable, Mapping, Sequence, Union

import attrs
import pluggy

from .errors import EditionNotFound, PluginError, RegionNotFound, RubricError
from .exact import to_decimal
from .model import Band, Bloc, Group, Provenance, Rubric, _identifier, _nonempty, _opt_text, _text
from .plugins import (
    ENV_VAR,
    Contribution,
    Discovery,
    PluginInfo,
    PluginWarning,
    Selection,
    _UNSET,
    call_each,
    describe_exception,
    discover,
    infos_from_plugin_manager,
    new_plugin_manager,
    plugin_error,
    plugin_name_of,
    register,
)
from .rubric_file import load_rubric, loads_rubric
from .rules import BUILTIN_RULES, Rule
from .text import ascii_key, name_key

__all__ = [
    "Region",
    "RegionInfo",
    "EditionInfo",
    "Registry",
    "regions",
    "rubric",
    "contributions",
    "default_registry",
    "reset",
]

EditionSource = Union[str, "os.PathLike[str]", Traversable, Rubric]


# ----------------------------------------------------------------------------- Region


def _edition_sources(values: Iterable[EditionSource]) -> tuple[EditionSource, ...]:
    if isinstance(values, (str, os.PathLike, Rubric)) or isinstance(values, Traversable):
        raise TypeError(
            "Region.editions: expected a list of rubric files or Rubric objects, "
            f"got a single {type(values).__name__} ({values!r}); wrap it in a list"
        )
    out = tuple(values)
    for item in out:
        if not isinstance(item, (str, os.PathLike, Rubric)) and not isinstance(item, Traversable):
            raise TypeError(
                "Region.editions: expected rubric-file paths or Rubric objects, "
                f"got {type(item).__name__} ({item!r})"
            )
    return out


@attrs.frozen
class Region:
    """A region a plugin registers (returned by the ``ict_adoption_regions`` hook).

    ``code`` is the ASCII id used everywhere (``"danang"``, ``rubric("danang", 2019)``);
    ``name`` the Vietnamese name (NFC-normalised), ``name_en`` the English one.
    ``editions`` are rubric files (a path, or package data from
    :func:`importlib.resources.files`) or :class:`~ict_adoption.Rubric` objects; each
    file names its own assessment years and legal source.
    """

    code: str = attrs.field(validator=_identifier)
    name: str = attrs.field(converter=_text, validator=_nonempty)
    name_en: str | None = attrs.field(default=None, converter=_opt_text)
    editions: tuple[EditionSource, ...] = attrs.field(default=(), converter=_edition_sources)


def _years_label(years: tuple[int, int | None]) -> str:
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

    @property
    def years_label(self) -> str:
        return _years_label(self.years)

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "years": list(self.years),
            "title": self.title,
            "title_en": self.title_en,
            "sources": list(self.sources),
            "assumed": self.assumed,
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


# ----------------------------------------------------------------------------- building


@attrs.define
class _Edition:
    source_obj: EditionSource
    plugin: PluginInfo
    hook: str
    source: str
    rubric: Rubric = attrs.field(default=None)  # set once loaded
    years: tuple[int, int | None] = (0, None)  # in force in this registry


@attrs.define
class _RegionEntry:
    region: Region
    plugin: PluginInfo
    editions: list[_Edition] = attrs.field(factory=list)
    error: PluginError | None = None
    contributions: list[Contribution] = attrs.field(factory=list)


def _iterable(result: Any, info: PluginInfo, hook: str, expected: str, where: str) -> list[Any]:
    """A hook's result as a list; ``None`` means nothing. A bare str/bytes is an error."""
    if result is None:
        return []
    if isinstance(result, (str, bytes, Mapping)) or not isinstance(result, Iterable):
        raise plugin_error(
            f"{info.label}: {hook}{where} returned {type(result).__name__} {result!r}; "
            f"expected a list of {expected} (or None)",
            info,
        )
    return list(result)


def _check_items(items: list[Any], cls: type, info: PluginInfo, hook: str, where: str) -> None:
    for item in items:
        if not isinstance(item, cls):
            raise plugin_error(
                f"{info.label}: {hook}{where} returned {type(item).__name__} {item!r}; "
                f"expected {cls.__name__} objects",
                info,
            )


def _source_label(source: EditionSource) -> str:
    if isinstance(source, Rubric):
        return f"<Rubric {source.region}:{source.edition}>"
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else str(source)


class _Builder:
    """Calls the hooks, loads and merges editions, records errors and contributions."""

    def __init__(self, pm: pluggy.PluginManager, plugins: Sequence[PluginInfo], errors: Sequence[PluginError]):
        self.pm = pm
        self.plugins = list(plugins)
        self.errors: list[PluginError] = list(errors)
        self.broken: dict[str, PluginError] = {}  # plugin name -> its error
        self.regions: dict[str, _RegionEntry] = {}
        self.conflicted: dict[str, PluginError] = {}  # region code registered twice
        self.rules: dict[str, tuple[type[Rule], PluginInfo]] = {}
        self.rule_contributions: list[Contribution] = []
        names = {p.name for p in self.plugins}
        for err in errors:  # failed to register: skip them, by name
            for info in getattr(err, "plugins", ()):
                if info.name in names:
                    self.broken.setdefault(info.name, err)

    def healthy(self) -> list[PluginInfo]:
        return [p for p in self.plugins if p.name not in self.broken]

    def fail_plugin(self, info: PluginInfo, err: PluginError) -> None:
        if info.name not in self.broken:
            self.broken[info.name] = err
            if err not in self.errors:
                self.errors.append(err)

    def fail_region(self, code: str, err: PluginError) -> None:
        entry = self.regions.get(code)
        if entry is not None and entry.error is None:
            entry.error = err
            entry.editions.clear()
            entry.contributions.clear()
        if err not in self.errors:
            self.errors.append(err)

    # ------------------------------------------------------------------ steps

    def run(self) -> None:
        self.collect_regions()
        self.collect_editions()
        self.collect_rules()
        for code, entry in self.regions.items():  # a plugin that broke later takes its regions
            for who in [entry.plugin] + [ed.plugin for ed in entry.editions]:
                if entry.error is None and who.name in self.broken:
                    self.fail_region(code, self.broken[who.name])
        for code, entry in self.regions.items():
            if entry.error is not None:
                continue
            try:
                self.build_region(entry)
            except PluginError as err:
                err.region = code  # type: ignore[attr-defined]
                self.fail_region(code, err)

    def collect_regions(self) -> None:
        hook = "ict_adoption_regions"
        for info in self.healthy():
            try:
                for _, result in call_each(self.pm, hook, [info]):
                    found = _iterable(result, info, hook, "Region objects", "")
                    _check_items(found, Region, info, hook, "")
                    codes = [r.code for r in found]
                    dupes = sorted({c for c in codes if codes.count(c) > 1})
                    if dupes:
                        raise plugin_error(
                            f"{info.label}: {hook} returned region {dupes[0]!r} twice", info
                        )
                    for region in found:
                        self.add_region(region, info)
            except PluginError as err:
                self.fail_plugin(info, err)

    def add_region(self, region: Region, info: PluginInfo) -> None:
        code = region.code
        if code in self.conflicted:
            return
        other = self.regions.get(code)
        if other is not None:
            err = plugin_error(
                f"region {code!r} is registered by two plugins: {other.plugin.label} and "
                f"{info.label}; uninstall one, or select one with {ENV_VAR}",
                other.plugin,
                info,
                region=code,
            )
            self.conflicted[code] = err
            self.fail_region(code, err)
            return
        entry = _RegionEntry(region, info)
        entry.contributions.append(
            Contribution(info, "ict_adoption_regions", code, None, (f"region {code}",))
        )
        for source in region.editions:
            entry.editions.append(_Edition(source, info, "ict_adoption_regions", _source_label(source)))
        self.regions[code] = entry

    def collect_editions(self) -> None:
        hook = "ict_adoption_editions"
        for code, entry in self.regions.items():
            if entry.error is not None:
                continue
            try:
                for info, result in call_each(
                    self.pm, hook, self.healthy(), where=f"for region {code!r}", region=code
                ):
                    for source in _iterable(result, info, hook, "rubric files or Rubric objects", f" for region {code!r}"):
                        try:
                            _edition_sources([source])
                        except TypeError as exc:
                            raise plugin_error(f"{info.label}: {hook} for region {code!r}: {exc}", info) from None
                        entry.editions.append(_Edition(source, info, hook, _source_label(source)))
            except PluginError as err:
                self.fail_region(code, err)

    def collect_rules(self) -> None:
        hook = "ict_adoption_scoring_rules"
        for info in self.healthy():
            try:
                for _, result in call_each(self.pm, hook, [info]):
                    classes = _iterable(result, info, hook, "Rule subclasses", "")
                    kinds = []
                    for cls in classes:
                        if not (isinstance(cls, type) and issubclass(cls, Rule)):
                            raise plugin_error(
                                f"{info.label}: {hook} returned {cls!r}; expected subclasses of "
                                "ict_adoption.rules.Rule (the class, not an instance)",
                                info,
                            )
                        kind = getattr(cls, "kind", "")
                        if not isinstance(kind, str) or not kind:
                            raise plugin_error(
                                f"{info.label}: rule class {cls.__name__} has no 'kind' "
                                "(a class attribute naming it in rubric files)",
                                info,
                            )
                        if kind in BUILTIN_RULES:
                            raise plugin_error(
                                f"{info.label}: rule kind {kind!r} ({cls.__name__}) is built in "
                                f"({BUILTIN_RULES[kind].__name__}); choose another kind",
                                info,
                            )
                        if kind in kinds:
                            raise plugin_error(f"{info.label}: {hook} returned rule kind {kind!r} twice", info)
                        kinds.append(kind)
                        if kind in self.rules:
                            _, other = self.rules[kind]
                            err = plugin_error(
                                f"rule kind {kind!r} is defined by two plugins: {other.label} and "
                                f"{info.label}; rule kinds are shared by every edition, so neither "
                                "plugin can be used until one renames its kind",
                                other,
                                info,
                            )
                            self.fail_plugin(other, err)
                            self.fail_plugin(info, err)
                            del self.rules[kind]
                            continue
                        self.rules[kind] = (cls, info)
                    if kinds:
                        self.rule_contributions.append(
                            Contribution(info, hook, None, None, tuple(f"rule kind {k}" for k in kinds))
                        )
            except PluginError as err:
                self.fail_plugin(info, err)
        self.rules = {k: v for k, v in self.rules.items() if v[1].name not in self.broken}
        self.rule_contributions = [c for c in self.rule_contributions if c.plugin.name not in self.broken]

    # ------------------------------------------------------------------ editions

    def load(self, ed: _Edition, code: str) -> Rubric:
        source = ed.source_obj
        rules = {k: cls for k, (cls, _) in self.rules.items()}
        hook = ed.hook
        try:
            if isinstance(source, Rubric):
                rubric = source
            elif isinstance(source, (str, os.PathLike)):
                rubric = load_rubric(source, rules=rules)
            else:
                text = source.read_text(encoding="utf-8")
                rubric = loads_rubric(text, origin=str(source), rules={**BUILTIN_RULES, **rules})
        except RubricError as exc:
            raise plugin_error(
                f"{ed.plugin.label}: {hook}: edition of region {code!r} is invalid: {exc}", ed.plugin
            ) from exc
        except Exception as exc:
            raise plugin_error(
                f"{ed.plugin.label}: {hook}: cannot read edition {ed.source} of region {code!r}: "
                f"{describe_exception(exc)}",
                ed.plugin,
            ) from exc
        if rubric.region != code:
            raise plugin_error(
                f"{ed.plugin.label}: {hook}: edition {ed.source} belongs to region "
                f"{rubric.region!r}, not {code!r} (its file says region = {rubric.region!r})",
                ed.plugin,
            )
        return rubric

    def build_region(self, entry: _RegionEntry) -> None:
        code = entry.region.code
        for ed in entry.editions:
            ed.rubric = self.load(ed, code)
        entry.editions.sort(key=lambda e: e.rubric.years[0])
        self.check_editions(entry)
        for ed in entry.editions:
            entry.contributions.append(
                Contribution(
                    ed.plugin, ed.hook, code, ed.rubric.edition,
                    (f"edition {ed.rubric.edition} ({ed.rubric.years_label})",), ed.source,
                )
            )
            ed.rubric = self.merge(ed, entry)

    def check_editions(self, entry: _RegionEntry) -> None:
        code = entry.region.code

        def who(ed: _Edition) -> str:
            return f"edition {ed.rubric.edition!r} ({ed.rubric.years_label}, {ed.plugin.label})"

        ids: dict[str, _Edition] = {}
        for ed in entry.editions:
            other = ids.get(ed.rubric.edition)
            if other is not None:
                raise plugin_error(
                    f"region {code!r}: edition id {ed.rubric.edition!r} is used twice: {who(other)} "
                    f"and {who(ed)}",
                    other.plugin,
                    ed.plugin,
                    region=code,
                )
            ids[ed.rubric.edition] = ed
        for prev, nxt in zip(entry.editions, entry.editions[1:]):
            first, last = prev.rubric.years
            if nxt.rubric.years[0] == first or (last is not None and last >= nxt.rubric.years[0]):
                raise plugin_error(
                    f"region {code!r}: editions overlap: {who(prev)} and {who(nxt)} both cover "
                    f"{nxt.rubric.years[0]}",
                    prev.plugin,
                    nxt.plugin,
                    region=code,
                )
        for i, ed in enumerate(entry.editions):
            first, last = ed.rubric.years
            if last is None and i + 1 < len(entry.editions):
                last = entry.editions[i + 1].rubric.years[0] - 1
            ed.years = (first, last)

    # ------------------------------------------------------------------ merging

    def merge(self, ed: _Edition, entry: _RegionEntry) -> Rubric:
        """The edition with every plugin's groups, blocs, maxima and bands merged in."""
        base = ed.rubric
        code, edition = base.region, base.edition
        where = f"for {code}:{edition}"
        plugins = self.healthy()
        owners: dict[str, tuple[PluginInfo, str]] = {}
        for g in base.groups:
            owners[g.id] = (ed.plugin, f"group {g.id!r} in the edition file")
            for c in g.criteria:
                owners[c.id] = (ed.plugin, f"criterion {c.id!r} in the edition file")
        bloc_owners: dict[str, tuple[PluginInfo, str]] = {}
        for b in base.blocs:
            for n in (b.id, b.name, *b.aliases):
                bloc_owners[name_key(n)] = (ed.plugin, f"bloc {b.id!r} in the edition file")
        notes: list[str] = []
        rubric = base

        def conflict(what: str, first: tuple[PluginInfo, str], info: PluginInfo, second: str) -> PluginError:
            return plugin_error(
                f"{code}:{edition}: {what} is contributed twice: by {first[0].label} ({first[1]}) "
                f"and by {info.label} ({second})",
                first[0],
                info,
            )

        def rebuild(info: PluginInfo, hook: str, **changes: Any) -> Rubric:
            try:
                return attrs.evolve(rubric, **changes)
            except (RubricError, TypeError, ValueError) as exc:
                raise plugin_error(f"{info.label}: {hook} {where}: {exc}", info) from exc

        def record(info: PluginInfo, hook: str, items: Sequence[str]) -> None:
            entry.contributions.append(Contribution(info, hook, code, edition, tuple(items)))
            notes.append(f"{', '.join(items)} — {info.label} ({hook})")

        # groups
        hook = "ict_adoption_groups"
        for info, result in call_each(self.pm, hook, plugins, where=where, rubric=base):
            groups = _iterable(result, info, hook, "Group objects", f" {where}")
            _check_items(groups, Group, info, hook, f" {where}")
            if not groups:
                continue
            items = []
            for g in groups:
                for ident, what in [(g.id, f"group {g.id!r}")] + [(c.id, f"criterion {c.id!r}") for c in g.criteria]:
                    if ident in owners:
                        raise conflict(f"id {ident!r}", owners[ident], info, what)
                    owners[ident] = (info, f"{what}, {hook}")
                    items.append(what.replace("'", ""))
            fixed = tuple(g if g.provenance else attrs.evolve(g, provenance=self.unsourced(info, hook)) for g in groups)
            rubric = rebuild(info, hook, groups=rubric.groups + fixed)
            record(info, hook, items)

        # blocs
        hook = "ict_adoption_blocs"
        for info, result in call_each(self.pm, hook, plugins, where=where, rubric=base):
            blocs = _iterable(result, info, hook, "Bloc objects", f" {where}")
            _check_items(blocs, Bloc, info, hook, f" {where}")
            if not blocs:
                continue
            for b in blocs:
                for n in (b.id, b.name, *b.aliases):
                    key = name_key(n)
                    if key in bloc_owners:
                        raise conflict(f"bloc id or name {n!r}", bloc_owners[key], info, f"bloc {b.id!r}, {hook}")
                    bloc_owners[key] = (info, f"bloc {b.id!r}, {hook}")
            fixed_blocs = tuple(
                b if b.provenance else attrs.evolve(b, provenance=self.unsourced(info, hook)) for b in blocs
            )
            rubric = rebuild(info, hook, blocs=rubric.blocs + fixed_blocs)
            record(info, hook, [f"bloc {b.id}" for b in blocs])

        # maxima
        hook = "ict_adoption_maxima"
        maxima_owner: dict[str, PluginInfo] = {}
        for info, result in call_each(self.pm, hook, plugins, where=where, rubric=base):
            if result is None:
                continue
            if not isinstance(result, Mapping):
                raise plugin_error(
                    f"{info.label}: {hook} {where} returned {type(result).__name__} {result!r}; "
                    "expected a mapping {id: max} (or None)",
                    info,
                )
            if not result:
                continue
            values: dict[str, Decimal] = {}
            for key, value in result.items():
                if not isinstance(key, str):
                    raise plugin_error(f"{info.label}: {hook} {where}: key {key!r} is not an id (text)", info)
                try:
                    values[key] = to_decimal(value)
                except (TypeError, ValueError) as exc:
                    raise plugin_error(f"{info.label}: {hook} {where}: max of {key!r}: {exc}", info) from None
                if key in maxima_owner:
                    first = maxima_owner[key]
                    raise plugin_error(
                        f"{code}:{edition}: the maximum of {key!r} is set by two plugins: "
                        f"{first.label} and {info.label}",
                        first,
                        info,
                    )
                maxima_owner[key] = info
            try:
                maxed_groups = self.apply_maxima(rubric, values, info, hook, where)
            except (RubricError, TypeError, ValueError) as exc:
                raise plugin_error(f"{info.label}: {hook} {where}: {exc}", info) from exc
            rubric = rebuild(info, hook, groups=maxed_groups)
            record(info, hook, [f"max {k} = {v}" for k, v in values.items()])

        # bands
        hook = "ict_adoption_bands"
        bands_owner: PluginInfo | None = None
        for info, result in call_each(self.pm, hook, plugins, where=where, rubric=base):
            if result is None:
                continue
            bands = _iterable(result, info, hook, "Band objects", f" {where}")
            _check_items(bands, Band, info, hook, f" {where}")
            if not bands:
                raise plugin_error(
                    f"{info.label}: {hook} {where} returned no bands; return None to keep the edition's",
                    info,
                )
            if bands_owner is not None:
                raise plugin_error(
                    f"{code}:{edition}: the bands are replaced by two plugins: {bands_owner.label} "
                    f"and {info.label}",
                    bands_owner,
                    info,
                )
            bands_owner = info
            fixed_bands = tuple(
                b if b.provenance else attrs.evolve(b, provenance=self.unsourced(info, hook)) for b in bands
            )
            rubric = rebuild(info, hook, bands=fixed_bands)
            label = ", ".join(b.label if b.min is None else f"{b.label} ≥ {b.min}" for b in fixed_bands)
            record(info, hook, [f"bands {label}"])

        if notes:
            text = "Merged by ict-adoption from plugins: " + "; ".join(notes) + "."
            rubric = attrs.evolve(rubric, notes=f"{rubric.notes}\n\n{text}" if rubric.notes else text)
        return rubric

    @staticmethod
    def unsourced(info: PluginInfo, hook: str) -> Provenance:
        return Provenance(assumed=f"contributed by {info.label} through {hook} without provenance")

    @staticmethod
    def apply_maxima(
        rubric: Rubric, values: Mapping[str, Decimal], info: PluginInfo, hook: str, where: str
    ) -> tuple[Group, ...]:
        leaves = set(rubric.scored_ids)
        for key in values:
            if key not in leaves:
                known = ", ".join(rubric.scored_ids)
                hint = (
                    " (a group with criteria: set its criteria's maxima instead)"
                    if key in {g.id for g in rubric.groups}
                    else ""
                )
                raise plugin_error(
                    f"{info.label}: {hook} {where}: {key!r} is not a criterion nor a group "
                    f"without criteria{hint}; known: {known}",
                    info,
                )

        def prov(old: Provenance | None, ident: str, value: Decimal) -> Provenance:
            source = old.source if old is not None else None
            return Provenance(
                source=source,
                assumed=f"maximum of {ident} set to {value} by {info.label} through {hook}, which carries no citation",
            )

        groups = []
        for g in rubric.groups:
            if not g.criteria:
                if g.id in values:
                    g = attrs.evolve(g, max=values[g.id], provenance=prov(g.provenance or rubric.default_provenance, g.id, values[g.id]))
                groups.append(g)
                continue
            criteria = tuple(
                attrs.evolve(
                    c, max=values[c.id],
                    provenance=prov(c.provenance or g.provenance or rubric.default_provenance, c.id, values[c.id]),
                )
                if c.id in values
                else c
                for c in g.criteria
            )
            if criteria != g.criteria:
                total = sum((c.max for c in criteria), Decimal(0)) if g.max is not None else None
                g = attrs.evolve(g, criteria=criteria, max=total)
            groups.append(g)
        return tuple(groups)


# ----------------------------------------------------------------------------- Registry


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
        builder = _Builder(pm, plugins, errors)
        builder.run()
        self._pm = pm
        self._plugins = tuple(plugins)
        self._selection = selection
        self._errors = tuple(builder.errors)
        self._broken = dict(builder.broken)
        self._entries = {code: e for code, e in sorted(builder.regions.items())}
        self._rule_contributions = tuple(builder.rule_contributions)
        self._rules = {k: cls for k, (cls, _) in builder.rules.items()}

    # ------------------------------------------------------------------ constructors

    @classmethod
    def from_plugins(
        cls,
        plugins: Mapping[str | PluginInfo, object] | Iterable[object | tuple[str | PluginInfo, object]],
    ) -> "Registry":
        """A registry of the given plugin objects (modules, classes, namespaces).

        ``plugins``: objects (named by their ``__name__``), ``(name, object)`` pairs, or
        a mapping ``{name: object}``; a :class:`~ict_adoption.plugins.PluginInfo` may
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
        from . import hookspecs
        from .plugins import validate

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
            editions = tuple(
                EditionInfo(
                    edition=ed.rubric.edition,
                    years=ed.years,
                    declared_years=ed.rubric.years,
                    title=ed.rubric.title,
                    title_en=ed.rubric.title_en,
                    sources=tuple(s.citation() for s in ed.rubric.sources),
                    assumed=ed.rubric.assumed_count,
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
        label = f"region {code!r} ({entry.region.name})"
        listing = "; ".join(
            f"{ed.rubric.edition} ({_years_label(ed.years)}: {ed.rubric.title})" for ed in entry.editions
        ) or "none"
        if year is None:
            raise EditionNotFound(f"{label}: give the assessment year, e.g. '{code}:YEAR'; editions: {listing}")
        y = _year(year)
        for ed in entry.editions:
            first, last = ed.years
            if first <= y and (last is None or y <= last):
                return ed.rubric
        raise EditionNotFound(f"{label} has no edition for the assessment year {y}; editions: {listing}")

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
                if key in {p.name for p in getattr(err, "plugins", ())}:
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
            broken = sorted({p.label for e in self._errors for p in getattr(e, "plugins", ())})
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


# ----------------------------------------------------------------------------- default


_default: Registry | None = None
_building = False
_lock = threading.RLock()


def default_registry() -> Registry:
    """The registry of installed plugins, discovered on first use and then cached.

    Each load error is reported once, as a :class:`~ict_adoption.plugins.PluginWarning`,
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
