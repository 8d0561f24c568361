"""Building a registry's contents: call the hooks, collect, order and check, then merge.

:class:`Builder` runs the hooks in their documented order — regions, more editions,
rule kinds, then for each edition the per-edition hooks (:mod:`.merge`) — and keeps
every failure as a :class:`~ict_adoption.PluginError` instead of raising it. What a
failure takes out of service is as small as it can be: a plugin whose module or
region-level hook is broken loses its own contributions; an invalid edition or a
conflict inside a region takes that region (all its editions); the other regions stay
usable. :class:`~ict_adoption.region_plugins.registry.Registry` reads the result.

Editions by year: a region's editions may not overlap. An edition without a last year
is in force until the next edition begins (so a plugin can add a new year's regulation
to a region without editing the old file); only the newest edition stays open-ended.
"""

from __future__ import annotations

from typing import Sequence

import attrs
import pluggy

from ..errors import PluginError
from ..model import Rubric
from ..rules import BUILTIN_RULES, Rule
from .discovery import ENV_VAR
from .editions import EditionSource, Region, edition_sources, load_edition, source_label
from .hook_results import Contribution, as_list, check_items
from .merge import merge_edition
from .plugin_info import PluginInfo, plugin_error
from .plugin_manager import call_each

__all__ = ["Builder", "EditionEntry", "RegionEntry"]


@attrs.define
class EditionEntry:
    """One edition while it is built: where it came from and, once loaded, the rubric."""

    source_obj: EditionSource
    plugin: PluginInfo
    hook: str
    source: str
    rubric: Rubric = attrs.field(default=None)  # set once loaded
    years: tuple[int, int | None] = (0, None)  # in force in this registry


@attrs.define
class RegionEntry:
    """One region while it is built; ``error`` set means the region is out of service."""

    region: Region
    plugin: PluginInfo
    editions: list[EditionEntry] = attrs.field(factory=list)
    error: PluginError | None = None
    contributions: list[Contribution] = attrs.field(factory=list)


class Builder:
    """Calls the hooks, loads and merges editions, records errors and contributions."""

    def __init__(self, pm: pluggy.PluginManager, plugins: Sequence[PluginInfo], errors: Sequence[PluginError]):
        self.pm = pm
        self.plugins = list(plugins)
        self.errors: list[PluginError] = list(errors)
        self.broken: dict[str, PluginError] = {}  # plugin name -> its error
        self.regions: dict[str, RegionEntry] = {}
        self.conflicted: dict[str, PluginError] = {}  # region code registered twice
        self.rules: dict[str, tuple[type[Rule], PluginInfo]] = {}
        self.rule_contributions: list[Contribution] = []
        names = {p.name for p in self.plugins}
        for err in errors:  # failed to register: skip them, by name
            for info in err.plugins:
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
                err.region = code
                self.fail_region(code, err)

    def collect_regions(self) -> None:
        hook = "ict_adoption_regions"
        for info in self.healthy():
            try:
                for _, result in call_each(self.pm, hook, [info]):
                    found = as_list(result, info, hook, "Region objects", "")
                    check_items(found, Region, info, hook, "")
                    codes = [r.code for r in found]
                    dupes = sorted({c for c in codes if codes.count(c) > 1})
                    if dupes:
                        raise plugin_error(f"{info.label}: {hook} returned region {dupes[0]!r} twice", info)
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
        entry = RegionEntry(region, info)
        entry.contributions.append(Contribution(info, "ict_adoption_regions", code, None, (f"region {code}",)))
        for source in region.editions:
            entry.editions.append(EditionEntry(source, info, "ict_adoption_regions", source_label(source)))
        self.regions[code] = entry

    def collect_editions(self) -> None:
        hook = "ict_adoption_editions"
        for code, entry in self.regions.items():
            if entry.error is not None:
                continue
            where = f" for region {code!r}"
            try:
                for info, result in call_each(self.pm, hook, self.healthy(), where=where.strip(), region=code):
                    for source in as_list(result, info, hook, "rubric files or Rubric objects", where):
                        try:
                            edition_sources([source])
                        except TypeError as exc:
                            raise plugin_error(f"{info.label}: {hook}{where}: {exc}", info) from None
                        entry.editions.append(EditionEntry(source, info, hook, source_label(source)))
            except PluginError as err:
                self.fail_region(code, err)

    def collect_rules(self) -> None:
        hook = "ict_adoption_scoring_rules"
        for info in self.healthy():
            try:
                for _, result in call_each(self.pm, hook, [info]):
                    kinds: list[str] = []
                    for cls in as_list(result, info, hook, "Rule subclasses", ""):
                        kind = _rule_kind(cls, info, hook)
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

    def build_region(self, entry: RegionEntry) -> None:
        """Load, order, check and merge every edition of ``entry`` (raises on the first problem).

        Each edition carries the region's display name (``Rubric.region_name``), so that
        whoever shows a ranking can name the region without asking a registry.
        """
        region = entry.region
        code = region.code
        rules = {k: cls for k, (cls, _) in self.rules.items()}
        for ed in entry.editions:
            rubric = load_edition(ed.source_obj, region=code, plugin=ed.plugin, hook=ed.hook, rules=rules)
            if (rubric.region_name, rubric.region_name_en) != (region.name, region.name_en):
                rubric = attrs.evolve(rubric, region_name=region.name, region_name_en=region.name_en)
            ed.rubric = rubric
        entry.editions.sort(key=lambda e: e.rubric.years[0])
        _check_years(entry)
        healthy = self.healthy()
        for ed in entry.editions:
            entry.contributions.append(
                Contribution(
                    ed.plugin,
                    ed.hook,
                    code,
                    ed.rubric.edition,
                    (f"edition {ed.rubric.edition} ({ed.rubric.years_label})",),
                    ed.source,
                )
            )
            ed.rubric, merged = merge_edition(self.pm, healthy, ed.rubric, ed.plugin)
            entry.contributions.extend(merged)


def _rule_kind(cls: object, info: PluginInfo, hook: str) -> str:
    """The ``kind`` of a contributed rule class, or the plugin's error saying what is wrong."""
    if not (isinstance(cls, type) and issubclass(cls, Rule)):
        raise plugin_error(
            f"{info.label}: {hook} returned {cls!r}; expected subclasses of "
            "ict_adoption.rules.Rule (the class, not an instance)",
            info,
        )
    kind = getattr(cls, "kind", "")
    if not isinstance(kind, str) or not kind:
        raise plugin_error(
            f"{info.label}: rule class {cls.__name__} has no 'kind' (a class attribute naming it in rubric files)",
            info,
        )
    if kind in BUILTIN_RULES:
        raise plugin_error(
            f"{info.label}: rule kind {kind!r} ({cls.__name__}) is built in "
            f"({BUILTIN_RULES[kind].__name__}); choose another kind",
            info,
        )
    return kind


def _check_years(entry: RegionEntry) -> None:
    """Edition ids unique, years not overlapping; then the years each edition is in force."""
    code = entry.region.code

    def who(ed: EditionEntry) -> str:
        return f"edition {ed.rubric.edition!r} ({ed.rubric.years_label}, {ed.plugin.label})"

    ids: dict[str, EditionEntry] = {}
    for ed in entry.editions:
        other = ids.get(ed.rubric.edition)
        if other is not None:
            raise plugin_error(
                f"region {code!r}: edition id {ed.rubric.edition!r} is used twice: {who(other)} and {who(ed)}",
                other.plugin,
                ed.plugin,
                region=code,
            )
        ids[ed.rubric.edition] = ed
    for prev, nxt in zip(entry.editions, entry.editions[1:]):
        first, last = prev.rubric.years
        if nxt.rubric.years[0] == first or (last is not None and last >= nxt.rubric.years[0]):
            raise plugin_error(
                f"region {code!r}: editions overlap: {who(prev)} and {who(nxt)} both cover {nxt.rubric.years[0]}",
                prev.plugin,
                nxt.plugin,
                region=code,
            )
    for i, ed in enumerate(entry.editions):
        first, last = ed.rubric.years
        if last is None and i + 1 < len(entry.editions):
            last = entry.editions[i + 1].rubric.years[0] - 1
        ed.years = (first, last)
