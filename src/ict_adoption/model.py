"""The rubric model: Unit, Criterion, Group, Bloc, Band, Rubric (+ Source, Provenance).

Every class is a frozen attrs class validated at construction; an error names the
field, what was expected and what was received. A :class:`Rubric` is one *edition* of
a region's regulation (e.g. Hà Nội, QĐ 5058/QĐ-BCĐ, assessment years 2013–2014).
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping

import attrs

from ._lazy import LazyModule
from .errors import RubricError
from .exact import scale_exact, to_decimal
from .rules import PointsRule, Rule
from .text import ascii_key, name_key, nfc

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
else:  # numpy on first use: ``import ict_adoption`` does not load it
    np = LazyModule("numpy", globals(), "np")

__all__ = [
    "Source",
    "Provenance",
    "Unit",
    "Criterion",
    "Group",
    "Bloc",
    "Band",
    "RankingPolicy",
    "Rubric",
    "GROUP_KINDS",
    "BAND_BASES",
    "RANK_METHODS",
]

GROUP_KINDS = ("regular", "bonus", "penalty")
BAND_BASES = ("total", "share")
RANK_METHODS = ("competition", "dense", "fractional", "ordinal")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__} ({value!r})")
    return nfc(value)


def _opt_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _nonempty(instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not value:
        raise RubricError(f"{type(instance).__name__}.{attribute.name}: must not be empty")


def _identifier(instance: object, attribute: attrs.Attribute, value: str) -> None:
    ok = value and all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in value)
    if not ok or not value[0].isalpha():
        raise RubricError(
            f"{type(instance).__name__}.{attribute.name}: expected an ASCII identifier "
            f"(letters, digits, '_' or '-', starting with a letter), got {value!r}"
        )


def _non_negative(instance: object, attribute: attrs.Attribute, value: Decimal | None) -> None:
    if value is not None and value < 0:
        raise RubricError(
            f"{type(instance).__name__}.{attribute.name}: expected a maximum >= 0, "
            f"got {value}"
        )


def _opt_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value)  # type: ignore[arg-type]


def _tuple_of_text(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise TypeError(f"expected a list of text, got the text {values!r}")
    return tuple(_text(v) for v in values)


# --------------------------------------------------------------------------- sources


@attrs.frozen
class Source:
    """A document a rubric edition rests on: a decision (QĐ), a report, an article."""

    id: str = attrs.field(validator=_identifier)
    title: str = attrs.field(converter=_text, validator=_nonempty)
    kind: Literal["decision", "report", "article", "other"] = attrs.field(
        default="decision", validator=attrs.validators.in_(("decision", "report", "article", "other"))
    )
    number: str | None = attrs.field(default=None, converter=_opt_text)
    date: str | None = attrs.field(default=None, converter=_opt_text)
    issuer: str | None = attrs.field(default=None, converter=_opt_text)
    url: str | None = attrs.field(default=None, converter=_opt_text)
    note: str | None = attrs.field(default=None, converter=_opt_text)

    def citation(self) -> str:
        """``"QĐ 5058/QĐ-BCĐ, 2013-08-22, Ban Chỉ đạo …: title"`` (what is known)."""
        head = ", ".join(x for x in (self.number, self.date, self.issuer) if x)
        return f"{head}: {self.title}" if head else self.title


@attrs.frozen
class Provenance:
    """Where a value comes from: *published* (a source, a citation) or *assumed* (a reason).

    ``source`` may also be given with ``assumed``: the structure is published there but
    the numbers are not, e.g. a group named in the regulation whose points are unknown.
    """

    source: str | None = attrs.field(default=None, converter=_opt_text)
    cite: str | None = attrs.field(default=None, converter=_opt_text)
    assumed: str | None = attrs.field(default=None, converter=_opt_text)

    def __attrs_post_init__(self) -> None:
        if self.source is None and self.assumed is None:
            raise RubricError(
                "provenance: expected 'source' (published, with a citation) or "
                "'assumed' (with the reason), got neither"
            )
        if self.assumed is not None and not self.assumed.strip():
            raise RubricError("provenance: 'assumed' must give the reason, got empty text")

    @property
    def status(self) -> Literal["published", "assumed"]:
        return "assumed" if self.assumed is not None else "published"

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}


def _provenance(value: object) -> Provenance | None:
    if value is None or isinstance(value, Provenance):
        return value
    if isinstance(value, Mapping):
        return Provenance(**value)
    raise TypeError(f"expected a Provenance or a mapping, got {value!r}")


# --------------------------------------------------------------------------- parts


@attrs.frozen
class Unit:
    """A body that is assessed (đơn vị): its official name and its bloc id."""

    name: str = attrs.field(converter=_text, validator=_nonempty)
    bloc: str = attrs.field(converter=_text, validator=_nonempty)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_text)


@attrs.frozen
class Criterion:
    """A criterion (tiêu chí) with its maximum points and the rule that gives points."""

    id: str = attrs.field(validator=_identifier)
    name: str = attrs.field(converter=_text, validator=_nonempty)
    max: Decimal = attrs.field(converter=to_decimal, validator=_non_negative)
    name_en: str | None = attrs.field(default=None, converter=_opt_text)
    rule: Rule = attrs.field(factory=PointsRule, validator=attrs.validators.instance_of(Rule))  # type: ignore[type-abstract]
    provenance: Provenance | None = attrs.field(default=None, converter=_provenance)
    description: str | None = attrs.field(default=None, converter=_opt_text)

    def __attrs_post_init__(self) -> None:
        self.rule.check_max(self.max, f"criterion {self.id!r}")


@attrs.frozen
class Group:
    """A group of criteria (nhóm tiêu chí). A group without criteria is itself scored.

    ``kind`` is ``"regular"`` (counts toward the bloc's maximum), ``"bonus"`` (added, not
    part of the maximum) or ``"penalty"`` (subtracted, its max is the cap).
    """

    id: str = attrs.field(validator=_identifier)
    name: str = attrs.field(converter=_text, validator=_nonempty)
    max: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    name_en: str | None = attrs.field(default=None, converter=_opt_text)
    criteria: tuple[Criterion, ...] = attrs.field(default=(), converter=tuple[Criterion, ...])
    kind: str = attrs.field(default="regular", validator=attrs.validators.in_(GROUP_KINDS))
    provenance: Provenance | None = attrs.field(default=None, converter=_provenance)

    def __attrs_post_init__(self) -> None:
        if not self.criteria and self.max is None:
            raise RubricError(f"group {self.id!r}: a group without criteria needs a 'max'")
        if self.criteria and self.max is not None:
            total = sum((c.max for c in self.criteria), Decimal(0))
            if total != self.max:
                raise RubricError(
                    f"group {self.id!r}: criteria maxima add up to {total}, "
                    f"but the group's declared max is {self.max}"
                )

    @property
    def points_max(self) -> Decimal:
        """The group's maximum (declared, or the sum of its criteria)."""
        if self.max is not None:
            return self.max
        return sum((c.max for c in self.criteria), Decimal(0))

    @property
    def sign(self) -> int:
        return -1 if self.kind == "penalty" else 1


@attrs.frozen
class Bloc:
    """A bloc (khối): units ranked against each other.

    ``applies`` lists the group and/or criterion ids scored in this bloc (empty: all);
    ``maxima`` overrides the maximum of a criterion (or of a group without criteria)
    for this bloc. ``aliases`` are other names the bloc goes by in published tables.
    ``roster_complete`` says the rubric's roster lists every unit of the bloc, so an
    input naming another unit is an error (otherwise unknown names are accepted).
    """

    id: str = attrs.field(validator=_identifier)
    name: str = attrs.field(converter=_text, validator=_nonempty)
    name_en: str | None = attrs.field(default=None, converter=_opt_text)
    applies: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    maxima: Mapping[str, Decimal] = attrs.field(
        factory=dict, converter=lambda m: {k: to_decimal(v) for k, v in dict(m).items()}
    )
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_text)
    provenance: Provenance | None = attrs.field(default=None, converter=_provenance)
    roster_complete: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    @maxima.validator
    def _maxima_non_negative(self, attribute: attrs.Attribute, value: Mapping[str, Decimal]) -> None:
        for key, v in value.items():
            if v < 0:
                raise RubricError(f"bloc {self.id!r}: maxima[{key!r}] expected >= 0, got {v}")

    def __hash__(self) -> int:  # maxima is a dict; hash on identity fields
        return hash((self.id, self.name, self.applies))


@attrs.frozen
class Band:
    """A class (xếp loại): ``min`` is the lower bound, closed below (score >= min).

    The lowest band may omit ``min``: it takes every score below the next band.
    ``below`` (optional) is the upper bound as the regulation words it, checked against
    the next band's ``min`` so that a gap or an overlap is caught when the rubric loads.
    Bounds are points when the rubric's basis is ``"total"`` and percent of the bloc's
    maximum when it is ``"share"``.
    """

    label: str = attrs.field(converter=_text, validator=_nonempty)
    min: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    label_en: str | None = attrs.field(default=None, converter=_opt_text)
    below: Decimal | None = attrs.field(default=None, converter=_opt_decimal)
    provenance: Provenance | None = attrs.field(default=None, converter=_provenance)


@attrs.frozen
class RankingPolicy:
    """How ties are ranked: the default method and the ordinal tie-break cascade.

    ``tie_break`` entries: ``"groups"`` (group points in rubric order, highest first),
    ``"group:<id>"`` (one group), ``"name"`` (unit name, Vietnamese-aware, A→Z).
    Input order is never a tie-break.
    """

    method: str = attrs.field(default="competition", validator=attrs.validators.in_(RANK_METHODS))
    tie_break: tuple[str, ...] = attrs.field(default=("groups", "name"), converter=tuple)

    @tie_break.validator
    def _known(self, attribute: attrs.Attribute, value: tuple[str, ...]) -> None:
        for key in value:
            if key not in ("groups", "name") and not key.startswith("group:"):
                raise RubricError(
                    f"ranking.tie_break: expected 'groups', 'group:<id>' or 'name', got {key!r}"
                )
        if "name" not in value:
            raise RubricError(
                "ranking.tie_break: must end with 'name' so that ordinal ranks never "
                f"depend on input order; got {list(value)}"
            )


def _years(value: object) -> tuple[int, int | None]:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value)
    seq = list(value)  # type: ignore[call-overload]
    if len(seq) != 2 or not isinstance(seq[0], int) or not (seq[1] is None or isinstance(seq[1], int)):
        raise RubricError(f"Rubric.years: expected [first, last] (last may be open), got {value!r}")
    return (seq[0], seq[1])


# --------------------------------------------------------------------------- rubric


@attrs.frozen(eq=False)
class Rubric:
    """One edition of a region's rubric. See ``docs/rubric-format.md``."""

    region: str = attrs.field(validator=_identifier)
    edition: str = attrs.field(converter=str, validator=_nonempty)
    title: str = attrs.field(converter=_text, validator=_nonempty)
    years: tuple[int, int | None] = attrs.field(converter=_years)
    precision: int = attrs.field(validator=attrs.validators.in_(range(0, 7)))
    groups: tuple[Group, ...] = attrs.field(converter=tuple)
    blocs: tuple[Bloc, ...] = attrs.field(converter=tuple)
    bands: tuple[Band, ...] = attrs.field(converter=tuple)
    band_basis: str = attrs.field(default="total", validator=attrs.validators.in_(BAND_BASES))
    ranking: RankingPolicy = attrs.field(factory=RankingPolicy)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=tuple)
    default_provenance: Provenance | None = attrs.field(default=None, converter=_provenance)
    units: tuple[Unit, ...] = attrs.field(default=(), converter=tuple)
    title_en: str | None = attrs.field(default=None, converter=_opt_text)
    notes: str | None = attrs.field(default=None, converter=_opt_text)
    #: The region as readers know it ("Thành phố Đà Nẵng"), set by the registry from
    #: the plugin that registers the region; None for a rubric read from a file alone.
    region_name: str | None = attrs.field(default=None, converter=_opt_text)
    region_name_en: str | None = attrs.field(default=None, converter=_opt_text)

    def __attrs_post_init__(self) -> None:
        self._check_years()
        self._check_ids()
        self._check_blocs()
        self._check_bands()
        self._check_sources()
        self._check_units()

    # ------------------------------------------------------------------ validation

    def _where(self) -> str:
        return f"rubric {self.region}:{self.edition}"

    def _check_years(self) -> None:
        first, last = self.years
        if last is not None and last < first:
            raise RubricError(f"{self._where()}: years [{first}, {last}] end before they begin")

    def _check_ids(self) -> None:
        if not self.groups:
            raise RubricError(f"{self._where()}: expected at least one group")
        seen: dict[str, str] = {}
        for g in self.groups:
            for ident, what in [(g.id, f"group {g.id!r}")] + [
                (c.id, f"criterion {c.id!r} of group {g.id!r}") for c in g.criteria
            ]:
                if ident in seen:
                    raise RubricError(
                        f"{self._where()}: duplicate id {ident!r} ({seen[ident]} and {what})"
                    )
                seen[ident] = what
        for reserved in ("unit", "bloc", "total"):
            if reserved in seen:
                raise RubricError(f"{self._where()}: id {reserved!r} is reserved for input columns")

    def _check_blocs(self) -> None:
        if not self.blocs:
            raise RubricError(f"{self._where()}: expected at least one bloc")
        ids: set[str] = set()
        names: dict[str, str] = {}
        scored = set(self.scored_ids)
        groups_and_criteria = {g.id for g in self.groups} | scored
        for b in self.blocs:
            if b.id in ids:
                raise RubricError(f"{self._where()}: duplicate bloc id {b.id!r}")
            ids.add(b.id)
            for n in (b.id, b.name, *b.aliases):
                key = name_key(n)
                if key in names and names[key] != b.id:
                    raise RubricError(
                        f"{self._where()}: bloc name {n!r} is used by blocs {names[key]!r} and {b.id!r}"
                    )
                names[key] = b.id
            for ident in b.applies:
                if ident not in groups_and_criteria:
                    raise RubricError(
                        f"{self._where()}: bloc {b.id!r} applies unknown criterion or group {ident!r}"
                    )
            for ident in b.maxima:
                if ident not in scored:
                    raise RubricError(
                        f"{self._where()}: bloc {b.id!r} sets a maximum for {ident!r}, which is "
                        "not a criterion (nor a group without criteria)"
                    )
                if not self._applies(b, ident):
                    raise RubricError(
                        f"{self._where()}: bloc {b.id!r} sets a maximum for {ident!r}, "
                        "which does not apply to it"
                    )
            for c in self._criteria_by_id.values():
                if c.id in b.maxima and self._applies(b, c.id):
                    c.rule.check_max(b.maxima[c.id], f"criterion {c.id!r} in bloc {b.id!r}")
            if self.bloc_max(b.id) <= 0 and self.band_basis == "share":
                raise RubricError(
                    f"{self._where()}: bloc {b.id!r} has a maximum of 0, so shares cannot be computed"
                )

    def _check_bands(self) -> None:
        if not self.bands:
            raise RubricError(f"{self._where()}: expected at least one band")
        labels: set[str] = set()
        for b in self.bands:
            if b.label in labels:
                raise RubricError(f"{self._where()}: duplicate band label {b.label!r}")
            labels.add(b.label)
        for b in self.bands[:-1]:
            if b.min is None:
                raise RubricError(
                    f"{self._where()}: band {b.label!r} needs a 'min' (only the lowest band may omit it)"
                )
        for higher, lower in zip(self.bands, self.bands[1:]):
            if lower.min is not None and lower.min >= higher.min:  # type: ignore[operator]
                raise RubricError(
                    f"{self._where()}: bands out of order: {lower.label!r} (min {lower.min}) must "
                    f"come below {higher.label!r} (min {higher.min}); list bands from the highest"
                )
            if lower.below is not None:
                assert higher.min is not None
                if lower.below < higher.min:
                    raise RubricError(
                        f"{self._where()}: gap between bands {lower.label!r} (below {lower.below}) "
                        f"and {higher.label!r} (min {higher.min}): scores from {lower.below} to "
                        f"under {higher.min} fall in no band"
                    )
                if lower.below > higher.min:
                    raise RubricError(
                        f"{self._where()}: bands {lower.label!r} (below {lower.below}) and "
                        f"{higher.label!r} (min {higher.min}) overlap from {higher.min} to under {lower.below}"
                    )
        if self.bands[0].below is not None:
            raise RubricError(
                f"{self._where()}: the top band {self.bands[0].label!r} cannot have 'below'"
            )
        for b in self.bands:
            for bound in (b.min, b.below):
                if bound is None:
                    continue
                if self.band_basis == "share" and not 0 <= bound <= 100:
                    raise RubricError(
                        f"{self._where()}: band {b.label!r}: a share bound is a percent 0–100, got {bound}"
                    )
                try:
                    scale_exact(bound, self.precision + (2 if self.band_basis == "share" else 0))
                except ValueError:
                    raise RubricError(
                        f"{self._where()}: band {b.label!r}: bound {bound} has more decimals than "
                        f"the rubric's precision ({self.precision})"
                    ) from None

    def _check_sources(self) -> None:
        ids = [s.id for s in self.sources]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise RubricError(f"{self._where()}: duplicate source id(s) {', '.join(dupes)}")
        for path, prov in self._provenance_items():
            if prov is not None and prov.source is not None and prov.source not in ids:
                raise RubricError(
                    f"{self._where()}: {path} cites unknown source {prov.source!r}; "
                    f"known: {', '.join(ids) or 'none'}"
                )

    def _check_units(self) -> None:
        blocs = {b.id for b in self.blocs}
        seen: dict[str, Unit] = {}
        for u in self.units:
            if u.bloc not in blocs:
                raise RubricError(f"{self._where()}: unit {u.name!r} is in unknown bloc {u.bloc!r}")
            for n in (u.name, *u.aliases):
                key = name_key(n)
                if key in seen and seen[key] is not u:
                    raise RubricError(
                        f"{self._where()}: unit name {n!r} is used twice "
                        f"({seen[key].name!r} and {u.name!r})"
                    )
                seen[key] = u

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

    def provenance(self) -> list[dict[str, str]]:
        """What this edition publishes and what it assumes, one entry per value.

        Each entry: ``item`` (e.g. ``"group infra"``), ``status`` (``published`` or
        ``assumed``), ``citation`` (the source, where one is named) and ``reason`` (for
        assumed values). Items without their own provenance inherit the rubric's.
        """
        by_id = {s.id: s for s in self.sources}
        out = []
        for item, prov in self._provenance_items():
            prov = prov or self.default_provenance
            if prov is None:
                out.append({"item": item, "status": "assumed", "reason": "no provenance given"})
                continue
            entry = {"item": item, "status": prov.status}
            if prov.source is not None:
                cite = by_id[prov.source].citation()
                entry["citation"] = f"{cite} ({prov.cite})" if prov.cite else cite
            if prov.assumed is not None:
                entry["reason"] = prov.assumed
            out.append(entry)
        return out

    @property
    def assumed_count(self) -> int:
        return sum(1 for p in self.provenance() if p["status"] == "assumed")

    # ------------------------------------------------------------------ files

    def to_dict(self) -> dict[str, Any]:
        """Plain data (the rubric-file schema); ``Rubric.from_dict`` reads it back."""
        from .rubric_file import rubric_to_dict

        return rubric_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, origin: str = "<dict>", rules: Mapping[str, type[Rule]] | None = None) -> "Rubric":
        from .rubric_file import rubric_from_dict

        return rubric_from_dict(data, origin=origin, rules=rules)

    def to_toml(self) -> str:
        """The rubric as a TOML rubric file; ``load_rubric`` reads it back loss-free."""
        from .rubric_file import rubric_to_toml

        return rubric_to_toml(self)

    def __repr__(self) -> str:
        return (
            f"<Rubric {self.region}:{self.edition} years {self.years_label}, "
            f"{len(self.groups)} groups, {len(self.blocs)} blocs, {len(self.bands)} bands>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rubric):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = object.__hash__

    def _repr_html_(self) -> str:
        from .views.html import rubric_html

        return rubric_html(self)
