"""What scoring and the views ask of a rubric: lookups, maxima per bloc, the arrays.

:class:`RubricStructure` is the part of :class:`~ict_adoption.Rubric` that only reads
its parts (groups, blocs, units, sources): finding a bloc by name or alias, a leaf's
maximum in a bloc, the scaled maxima matrices scoring works with, roster look-ups
and the provenance list. It is a base class of ``Rubric`` so that the rubric module
keeps to its fields, its checks and its file form; it has no fields of its own and
no ``__slots__``, which gives a rubric the ``__dict__`` its cached look-ups and
arrays (:func:`functools.cached_property`) live in. They are derived from the fields
alone, so they take no part in equality or hashing.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from .._lazy import LazyModule
from ..exact import scale_exact
from ..text import ascii_key, name_key
from .parts import Band, Bloc, Criterion, Group, Provenance, Source, Unit
from .edition_facts import ProvenanceList

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
else:  # numpy on first use: ``import ict_adoption`` does not load it
    np = LazyModule("numpy", globals(), "np")

__all__ = ["RubricStructure"]


class RubricStructure:
    """Look-ups, maxima and arrays over a rubric's parts (the fields ``Rubric`` declares)."""

    region: str
    edition: str
    years: tuple[int, int | None]
    precision: int
    groups: tuple[Group, ...]
    blocs: tuple[Bloc, ...]
    bands: tuple[Band, ...]
    sources: tuple[Source, ...]
    default_provenance: Provenance | None
    units: tuple[Unit, ...]

    def _where(self) -> str:
        return f"rubric {self.region}:{self.edition}"

    # ------------------------------------------------------------------ structure

    @functools.cached_property
    def _criteria_by_id(self) -> dict[str, Criterion]:
        return {c.id: c for g in self.groups for c in g.criteria}

    @functools.cached_property
    def _group_by_id(self) -> dict[str, Group]:
        return {g.id: g for g in self.groups}

    @functools.cached_property
    def _group_of(self) -> dict[str, Group]:
        out = {c.id: g for g in self.groups for c in g.criteria}
        out.update({g.id: g for g in self.groups if not g.criteria})
        return out

    @property
    def scored_ids(self) -> tuple[str, ...]:
        """Ids of the scored leaves: every criterion, and every group without criteria."""
        return tuple(
            leaf for g in self.groups for leaf in ([c.id for c in g.criteria] or [g.id])
        )

    def group(self, group_id: str) -> Group:
        try:
            return self._group_by_id[group_id]
        except KeyError:
            raise KeyError(f"{self._where()} has no group {group_id!r}") from None

    def criterion(self, criterion_id: str) -> Criterion:
        try:
            return self._criteria_by_id[criterion_id]
        except KeyError:
            raise KeyError(f"{self._where()} has no criterion {criterion_id!r}") from None

    def bloc(self, key: str) -> Bloc:
        """The bloc with this id, name or alias (case and spacing ignored)."""
        found = self._bloc_keys.get(name_key(key))
        if found is None:
            raise KeyError(
                f"{self._where()} has no bloc {key!r}; blocs: "
                + "; ".join(f"{b.id} ({b.name})" for b in self.blocs)
            )
        return found

    @functools.cached_property
    def _bloc_keys(self) -> dict[str, Bloc]:
        return {name_key(n): b for b in self.blocs for n in (b.id, b.name, *b.aliases)}

    def _applies(self, bloc: Bloc, leaf: str) -> bool:
        if not bloc.applies:
            return True
        return leaf in bloc.applies or self._group_of[leaf].id in bloc.applies

    def applies(self, bloc_id: str, leaf: str) -> bool:
        """Whether a criterion (or group without criteria) is scored in a bloc."""
        return self._applies(self.bloc(bloc_id), leaf)

    def leaf_max(self, bloc_id: str, leaf: str) -> Decimal | None:
        """The maximum of a scored leaf in a bloc, or None where it does not apply."""
        return self._leaf_max_in(self.bloc(bloc_id), leaf)

    def _leaf_max_in(self, bloc: Bloc, leaf: str) -> Decimal | None:
        if not self._applies(bloc, leaf):
            return None
        if leaf in bloc.maxima:
            return bloc.maxima[leaf]
        if leaf in self._criteria_by_id:
            return self._criteria_by_id[leaf].max
        return self._group_by_id[leaf].points_max

    def group_max(self, bloc_id: str, group_id: str) -> Decimal | None:
        """A group's maximum in a bloc (None where none of it applies)."""
        g = self.group(group_id)
        leaves = [c.id for c in g.criteria] or [g.id]
        maxima = [m for m in (self.leaf_max(bloc_id, x) for x in leaves) if m is not None]
        return sum(maxima, Decimal(0)) if maxima else None

    def bloc_max(self, bloc_id: str) -> Decimal:
        """The bloc's maximum total: its regular groups' maxima (bonus/penalty excluded)."""
        return sum(
            (
                m
                for g in self.groups
                if g.kind == "regular"
                for m in [self.group_max(bloc_id, g.id)]
                if m is not None
            ),
            Decimal(0),
        )

    @property
    def scale(self) -> int:
        return 10**self.precision

    def covers(self, year: int) -> bool:
        first, last = self.years
        return first <= year and (last is None or year <= last)

    @property
    def years_label(self) -> str:
        first, last = self.years
        return f"{first}" if first == last else f"{first}–{'' if last is None else last}"

    # ------------------------------------------------------------------ arrays

    @functools.cached_property
    def leaf_max_matrix(self) -> npt.NDArray[np.int64]:
        """Scaled maxima, blocs × scored leaves; -1 where a leaf does not apply."""
        out = np.full((len(self.blocs), len(self.scored_ids)), -1, dtype=np.int64)
        scaled: dict[Decimal, int] = {}  # blocs mostly share their maxima
        for i, b in enumerate(self.blocs):
            for j, leaf in enumerate(self.scored_ids):
                m = self._leaf_max_in(b, leaf)
                if m is not None:
                    if m not in scaled:
                        scaled[m] = scale_exact(m, self.precision)
                    out[i, j] = scaled[m]
        out.setflags(write=False)
        return out

    @functools.cached_property
    def leaf_group_index(self) -> npt.NDArray[np.intp]:
        """For each scored leaf, the index of its group."""
        index = {g.id: i for i, g in enumerate(self.groups)}
        return np.array([index[self._group_of[x].id] for x in self.scored_ids], dtype=np.intp)

    @functools.cached_property
    def group_max_matrix(self) -> npt.NDArray[np.int64]:
        """Scaled group maxima, blocs × groups; -1 where no part of the group applies."""
        leaf = self.leaf_max_matrix
        out = np.full((len(self.blocs), len(self.groups)), -1, dtype=np.int64)
        for g in range(len(self.groups)):
            cols = leaf[:, self.leaf_group_index == g]
            applies = (cols >= 0).any(axis=1)
            out[applies, g] = np.maximum(cols, 0).sum(axis=1)[applies]
        out.setflags(write=False)
        return out

    @functools.cached_property
    def group_signs(self) -> npt.NDArray[np.int64]:
        return np.array([g.sign for g in self.groups], dtype=np.int64)

    @functools.cached_property
    def bloc_max_scaled(self) -> npt.NDArray[np.int64]:
        """Scaled :meth:`bloc_max` of each bloc: its regular groups' maxima, summed."""
        regular = np.array([g.kind == "regular" for g in self.groups], dtype=bool)
        out = np.maximum(self.group_max_matrix[:, regular], 0).sum(axis=1).astype(np.int64)
        out.setflags(write=False)
        return out

    # ------------------------------------------------------------------ units

    def find_unit(self, name: str) -> Unit | None:
        """The roster unit with this name or alias, ignoring case and spacing."""
        return self._unit_keys.get(name_key(name))

    def find_unit_loose(self, name: str) -> Unit | None:
        """Fallback match that also ignores diacritics (the caller should warn)."""
        matches = self._unit_ascii_keys.get(ascii_key(name), [])
        return matches[0] if len(matches) == 1 else None

    @functools.cached_property
    def _unit_keys(self) -> dict[str, Unit]:
        return {name_key(n): u for u in self.units for n in (u.name, *u.aliases)}

    @functools.cached_property
    def _unit_ascii_keys(self) -> dict[str, list[Unit]]:
        out: dict[str, list[Unit]] = {}
        for u in self.units:
            for n in {ascii_key(x) for x in (u.name, *u.aliases)}:
                out.setdefault(n, []).append(u)
        return out

    # ------------------------------------------------------------------ provenance

    def _provenance_items(self) -> list[tuple[str, Provenance | None]]:
        items: list[tuple[str, Provenance | None]] = [("rubric", self.default_provenance)]
        for g in self.groups:
            items.append((f"group {g.id}", g.provenance))
            # a criterion without its own provenance inherits its group's
            items.extend((f"criterion {c.id}", c.provenance or g.provenance) for c in g.criteria)
        items.extend((f"bloc {b.id}", b.provenance) for b in self.blocs)
        items.extend((f"band {b.label}", b.provenance) for b in self.bands)
        return items

    def provenance(self, lang: str = "en") -> ProvenanceList:
        """What this edition publishes and what it assumes, one entry per value.

        A list (:class:`~ict_adoption.model.edition_facts.ProvenanceList`) that also
        gives the figures: ``.published``, ``.assumed`` and ``.share`` (published / all).

        Each entry: ``item`` (e.g. ``"group infra"``), ``status`` (``published`` or
        ``assumed``), ``citation`` (the source, where one is named) and ``reason`` (for
        assumed values), in ``lang``: ``"vi"`` gives the rubric's Vietnamese ``cite_vi`` and
        ``assumed_vi`` where it has them. Items without their own provenance inherit the
        rubric's.
        """
        by_id = {s.id: s for s in self.sources}
        out = []
        for item, prov in self._provenance_items():
            prov = prov or self.default_provenance
            if prov is None:
                reason = "không ghi nguồn gốc" if lang == "vi" else "no provenance given"
                out.append({"item": item, "status": "assumed", "reason": reason})
                continue
            entry = {"item": item, "status": prov.status}
            if prov.source is not None:
                cite, where = by_id[prov.source].citation(), (prov.cite_vi if lang == "vi" else None) or prov.cite
                entry["citation"] = f"{cite} ({where})" if where else cite
            if prov.assumed is not None:
                entry["reason"] = (prov.assumed_vi if lang == "vi" else None) or prov.assumed
            out.append(entry)
        return ProvenanceList(out)

    @property
    def assumed_count(self) -> int:
        return sum(1 for p in self.provenance() if p["status"] == "assumed")
