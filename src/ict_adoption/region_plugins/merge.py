"""Merging plugins' groups, blocs, maxima and bands into one edition, checked centrally.

The per-edition hooks (``ict_adoption_groups``, ``_blocs``, ``_maxima``, ``_bands``)
all receive the edition as its file defines it, so no result depends on which plugin
ran first. What they return is merged here and the merged edition is rebuilt, which
re-runs every check a rubric file gets (ids, totals, bands). Two plugins contributing
the same thing is an error naming both — never "last plugin wins", which would make a
ranking depend on installation order. A merged edition says in its ``notes`` what was
merged from whom.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping, Sequence

import attrs
import pluggy

from ..errors import PluginError, RubricError
from ..exact import to_decimal
from ..model import Band, Bloc, Group, Provenance, Rubric
from ..text import name_key
from .hook_results import Contribution, as_list, check_items, unsourced
from .plugin_info import PluginInfo, plugin_error
from .plugin_manager import call_each

__all__ = ["merge_edition"]


def merge_edition(
    pm: pluggy.PluginManager, plugins: Sequence[PluginInfo], base: Rubric, owner: PluginInfo
) -> tuple[Rubric, list[Contribution]]:
    """``base`` with every plugin's groups, blocs, maxima and bands merged in.

    ``plugins`` are the healthy plugins, called in that order; ``owner`` is the plugin
    whose file ``base`` is (named when a contribution clashes with the file). Returns
    the merged edition and what each plugin contributed to it. Raises a
    :class:`~ict_adoption.PluginError` naming the plugin(s) at the first problem.
    """
    merge = _EditionMerge(pm, list(plugins), base, owner)
    merge.groups()
    merge.blocs()
    merge.maxima()
    merge.bands()
    return merge.result(), merge.contributions


class _EditionMerge:
    """The state of one edition's merge: who owns which id, what was merged so far."""

    def __init__(self, pm: pluggy.PluginManager, plugins: list[PluginInfo], base: Rubric, owner: PluginInfo):
        self.pm = pm
        self.plugins = plugins
        self.base = base
        self.rubric = base
        self.code, self.edition = base.region, base.edition
        self.where = f"for {base.region}:{base.edition}"
        self.contributions: list[Contribution] = []
        self.notes: list[str] = []
        self.owners: dict[str, tuple[PluginInfo, str]] = {}
        for g in base.groups:
            self.owners[g.id] = (owner, f"group {g.id!r} in the edition file")
            for c in g.criteria:
                self.owners[c.id] = (owner, f"criterion {c.id!r} in the edition file")
        self.bloc_owners: dict[str, tuple[PluginInfo, str]] = {}
        for b in base.blocs:
            for n in (b.id, b.name, *b.aliases):
                self.bloc_owners[name_key(n)] = (owner, f"bloc {b.id!r} in the edition file")

    # ------------------------------------------------------------------ helpers

    def call(self, hook: str) -> Any:
        return call_each(self.pm, hook, self.plugins, where=self.where, rubric=self.base)

    def conflict(self, what: str, first: tuple[PluginInfo, str], info: PluginInfo, second: str) -> PluginError:
        return plugin_error(
            f"{self.code}:{self.edition}: {what} is contributed twice: by {first[0].label} ({first[1]}) "
            f"and by {info.label} ({second})",
            first[0],
            info,
        )

    def rebuild(self, info: PluginInfo, hook: str, **changes: Any) -> None:
        try:
            self.rubric = attrs.evolve(self.rubric, **changes)
        except (RubricError, TypeError, ValueError) as exc:
            raise plugin_error(f"{info.label}: {hook} {self.where}: {exc}", info) from exc

    def record(self, info: PluginInfo, hook: str, items: Sequence[str]) -> None:
        self.contributions.append(Contribution(info, hook, self.code, self.edition, tuple(items)))
        self.notes.append(f"{', '.join(items)} — {info.label} ({hook})")

    def result(self) -> Rubric:
        if not self.notes:
            return self.rubric
        text = "Merged by ict-adoption from plugins: " + "; ".join(self.notes) + "."
        notes = f"{self.rubric.notes}\n\n{text}" if self.rubric.notes else text
        return attrs.evolve(self.rubric, notes=notes)

    # ------------------------------------------------------------------ hooks

    def groups(self) -> None:
        hook = "ict_adoption_groups"
        for info, result in self.call(hook):
            groups = as_list(result, info, hook, "Group objects", f" {self.where}")
            check_items(groups, Group, info, hook, f" {self.where}")
            if not groups:
                continue
            items = []
            for g in groups:
                for ident, what in [(g.id, f"group {g.id!r}")] + [(c.id, f"criterion {c.id!r}") for c in g.criteria]:
                    if ident in self.owners:
                        raise self.conflict(f"id {ident!r}", self.owners[ident], info, what)
                    self.owners[ident] = (info, f"{what}, {hook}")
                    items.append(what.replace("'", ""))
            fixed = tuple(g if g.provenance else attrs.evolve(g, provenance=unsourced(info, hook)) for g in groups)
            self.rebuild(info, hook, groups=self.rubric.groups + fixed)
            self.record(info, hook, items)

    def blocs(self) -> None:
        hook = "ict_adoption_blocs"
        for info, result in self.call(hook):
            blocs = as_list(result, info, hook, "Bloc objects", f" {self.where}")
            check_items(blocs, Bloc, info, hook, f" {self.where}")
            if not blocs:
                continue
            for b in blocs:
                for n in (b.id, b.name, *b.aliases):
                    key = name_key(n)
                    if key in self.bloc_owners:
                        raise self.conflict(f"bloc id or name {n!r}", self.bloc_owners[key], info, f"bloc {b.id!r}, {hook}")
                    self.bloc_owners[key] = (info, f"bloc {b.id!r}, {hook}")
            fixed = tuple(b if b.provenance else attrs.evolve(b, provenance=unsourced(info, hook)) for b in blocs)
            self.rebuild(info, hook, blocs=self.rubric.blocs + fixed)
            self.record(info, hook, [f"bloc {b.id}" for b in blocs])

    def maxima(self) -> None:
        hook = "ict_adoption_maxima"
        where = self.where
        maxima_owner: dict[str, PluginInfo] = {}
        for info, result in self.call(hook):
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
                        f"{self.code}:{self.edition}: the maximum of {key!r} is set by two plugins: "
                        f"{first.label} and {info.label}",
                        first,
                        info,
                    )
                maxima_owner[key] = info
            try:
                maxed_groups = _apply_maxima(self.rubric, values, info, hook, where)
            except (RubricError, TypeError, ValueError) as exc:
                raise plugin_error(f"{info.label}: {hook} {where}: {exc}", info) from exc
            self.rebuild(info, hook, groups=maxed_groups)
            self.record(info, hook, [f"max {k} = {v}" for k, v in values.items()])

    def bands(self) -> None:
        hook = "ict_adoption_bands"
        bands_owner: PluginInfo | None = None
        for info, result in self.call(hook):
            if result is None:
                continue
            bands = as_list(result, info, hook, "Band objects", f" {self.where}")
            check_items(bands, Band, info, hook, f" {self.where}")
            if not bands:
                raise plugin_error(
                    f"{info.label}: {hook} {self.where} returned no bands; return None to keep the edition's",
                    info,
                )
            if bands_owner is not None:
                raise plugin_error(
                    f"{self.code}:{self.edition}: the bands are replaced by two plugins: {bands_owner.label} "
                    f"and {info.label}",
                    bands_owner,
                    info,
                )
            bands_owner = info
            fixed = tuple(b if b.provenance else attrs.evolve(b, provenance=unsourced(info, hook)) for b in bands)
            self.rebuild(info, hook, bands=fixed)
            label = ", ".join(b.label if b.min is None else f"{b.label} ≥ {b.min}" for b in fixed)
            self.record(info, hook, [f"bands {label}"])


def _apply_maxima(
    rubric: Rubric, values: Mapping[str, Decimal], info: PluginInfo, hook: str, where: str
) -> tuple[Group, ...]:
    """The groups of ``rubric`` with ``values`` as maxima; a group with a max is re-totalled."""
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
                g = attrs.evolve(
                    g, max=values[g.id], provenance=prov(g.provenance or rubric.default_provenance, g.id, values[g.id])
                )
            groups.append(g)
            continue
        criteria = tuple(
            attrs.evolve(
                c,
                max=values[c.id],
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
