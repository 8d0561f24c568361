"""The parts of a rubric: Source, Provenance, Unit, Criterion, Group, Bloc, Band, RankingPolicy.

Every class is a frozen attrs class validated at construction; an error names the
class and field, what was expected and what was received (``Group.kind: expected one
of 'regular', 'bonus', 'penalty', got 'extra'``). Each class reads and writes its own
table of a rubric file (``from_dict`` / ``to_dict``, plain data with exact decimals),
so the file format and the classes cannot drift apart.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, Literal, Mapping

import attrs

from .._fields import (
    FrozenMap,
    as_tuple,
    decimal,
    identifier,
    instance_of,
    is_decimal,
    is_opt_decimal,
    is_opt_text,
    is_tuple_of_text,
    non_negative,
    nonempty_text,
    one_of,
    opt_decimal,
    opt_text,
    text,
    tuple_of,
    tuple_of_text,
    where,
)
from ..errors import RubricError
from ..exact import Number
from ..rules import PointsRule, Rule
from .reader import PROVENANCE_KEYS, DictReader, Keys, compact

__all__ = [
    "Source",
    "Provenance",
    "Unit",
    "Criterion",
    "Group",
    "Bloc",
    "Band",
    "RankingPolicy",
    "GROUP_KINDS",
    "BAND_BASES",
    "RANK_METHODS",
    "SOURCE_KINDS",
]

GROUP_KINDS = ("regular", "bonus", "penalty")
BAND_BASES = ("total", "share")
RANK_METHODS = ("competition", "dense", "fractional", "ordinal")
SOURCE_KINDS = ("decision", "report", "article", "other")


# --------------------------------------------------------------------------- sources


@attrs.frozen
class Source:
    """A document a rubric edition rests on: a decision (QĐ), a report, an article."""

    KEYS: ClassVar[Keys] = (("id", "title"), ("kind", "number", "date", "issuer", "url", "note"))

    id: str = attrs.field(validator=identifier)
    title: str = attrs.field(converter=text, validator=nonempty_text)
    kind: Literal["decision", "report", "article", "other"] = attrs.field(
        default="decision", validator=one_of(*SOURCE_KINDS)
    )
    number: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    date: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    issuer: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    url: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    note: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)

    def citation(self) -> str:
        """``"QĐ 5058/QĐ-BCĐ, 2013-08-22, Ban Chỉ đạo …: title"`` (what is known)."""
        head = ", ".join(x for x in (self.number, self.date, self.issuer) if x)
        return f"{head}: {self.title}" if head else self.title

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, reader: DictReader | None = None, path: str = "") -> Source:
        """A ``[[sources]]`` table; errors name ``reader``'s origin and ``path``."""
        r = reader or DictReader()
        return r.build(path, cls, **r.table(data, cls.KEYS, path))

    def to_dict(self) -> dict[str, Any]:
        return compact(
            {
                "id": self.id,
                "kind": self.kind,
                "number": self.number,
                "date": self.date,
                "issuer": self.issuer,
                "title": self.title,
                "url": self.url,
                "note": self.note,
            }
        )


@attrs.frozen
class Provenance:
    """Where a value comes from: *published* (a source, a citation) or *assumed* (a reason).

    ``source`` may also be given with ``assumed``: the structure is published there but
    the numbers are not, e.g. a group named in the regulation whose points are unknown.
    ``cite_vi``/``assumed_vi``: the Vietnamese of ``cite``/``assumed``, shown by Vietnamese views.
    """

    source: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    cite: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    cite_vi: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    assumed: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    assumed_vi: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)

    def __attrs_post_init__(self) -> None:
        if self.source is None and self.assumed is None:
            raise RubricError("provenance: expected 'source' (published, with a citation) or "
                              "'assumed' (with the reason), got neither")
        if self.assumed is not None and not self.assumed.strip():
            raise RubricError("provenance: 'assumed' must give the reason, got empty text")
        for vi, en in (("assumed_vi", "assumed"), ("cite_vi", "cite")):
            if getattr(self, vi) is not None and getattr(self, en) is None:
                raise RubricError(f"provenance: '{vi}' is the Vietnamese of '{en}', which is not given")

    @property
    def status(self) -> Literal["published", "assumed"]:
        return "assumed" if self.assumed is not None else "published"

    @classmethod
    def pop_from(cls, table: dict[str, Any], *, reader: DictReader | None = None, path: str = "") -> Provenance | None:
        """Take the provenance keys out of ``table`` (a group's, a band's …), if it has any."""
        found = {k: table.pop(k) for k in PROVENANCE_KEYS if k in table}
        return (reader or DictReader()).build(path, cls, **found) if found else None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}


def _provenance(value: object) -> Provenance | None:
    """Converter: a mapping of provenance keys becomes a :class:`Provenance`."""
    if isinstance(value, Mapping) and set(value) <= set(PROVENANCE_KEYS):
        return Provenance(**value)
    return value  # type: ignore[return-value]  # None, a Provenance, or left for the validator


def _is_provenance(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Provenance):
        raise RubricError(
            f"{where(instance, attribute)}: expected a Provenance or a mapping of "
            f"{', '.join(map(repr, PROVENANCE_KEYS))}, got {value!r}"
        )


def _prov(p: Provenance | None) -> dict[str, str]:
    return {} if p is None else p.to_dict()


# --------------------------------------------------------------------------- parts


@attrs.frozen
class Unit:
    """A body that is assessed (đơn vị): its official name and its bloc id."""

    KEYS: ClassVar[Keys] = (("name",), ("aliases",))

    name: str = attrs.field(converter=text, validator=nonempty_text)
    bloc: str = attrs.field(converter=text, validator=nonempty_text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=tuple_of_text, validator=is_tuple_of_text)

    @classmethod
    def from_dict(
        cls, data: str | Mapping[str, Any], *, bloc: str, reader: DictReader | None = None, path: str = ""
    ) -> Unit:
        """An entry of a bloc's ``units``: a name, or ``{ name = …, aliases = […] }``."""
        r = reader or DictReader()
        if isinstance(data, str):
            return r.build(path, cls, name=data, bloc=bloc)
        return r.build(path, cls, bloc=bloc, **r.table(data, cls.KEYS, path))

    def to_dict(self) -> dict[str, Any]:
        """The unit's table in its bloc's ``units`` (the bloc is the table it is in)."""
        return compact({"name": self.name, "aliases": list(self.aliases)})


@attrs.frozen
class Criterion:
    """A criterion (tiêu chí) with its maximum points and the rule that gives points."""

    KEYS: ClassVar[Keys] = (("id", "name", "max"), ("name_en", "rule", "description", *PROVENANCE_KEYS))

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(converter=text, validator=nonempty_text)
    max: Decimal = attrs.field(converter=decimal, validator=[is_decimal, non_negative])
    name_en: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    rule: Rule = attrs.field(factory=PointsRule, validator=instance_of(Rule, "a Rule"))
    provenance: Provenance | None = attrs.field(default=None, converter=_provenance, validator=_is_provenance)
    description: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)

    def __attrs_post_init__(self) -> None:
        self.rule.check_max(self.max, f"criterion {self.id!r}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, reader: DictReader | None = None, path: str = "") -> Criterion:
        """A ``[[groups.criteria]]`` table; its ``rule`` kind must be known to ``reader``."""
        r = reader or DictReader()
        d = r.table(data, cls.KEYS, path)
        prov = Provenance.pop_from(d, reader=r, path=path)
        rule = r.rule(d.pop("rule", None), f"{path}.rule")
        return r.build(path, cls, rule=rule, provenance=prov, **d)

    def to_dict(self) -> dict[str, Any]:
        return compact(
            {
                "id": self.id,
                "name": self.name,
                "name_en": self.name_en,
                "max": self.max,
                "description": self.description,
                **_prov(self.provenance),
                "rule": None if self.rule.kind == "points" else self.rule.to_dict(),
            }
        )


@attrs.frozen
class Group:
    """A group of criteria (nhóm tiêu chí). A group without criteria is itself scored.

    ``kind`` is ``"regular"`` (counts toward the bloc's maximum), ``"bonus"`` (added, not
    part of the maximum) or ``"penalty"`` (subtracted, its max is the cap).
    """

    KEYS: ClassVar[Keys] = (("id", "name"), ("name_en", "max", "kind", "criteria", *PROVENANCE_KEYS))

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(converter=text, validator=nonempty_text)
    max: Decimal | None = attrs.field(default=None, converter=opt_decimal, validator=[is_opt_decimal, non_negative])
    name_en: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    criteria: tuple[Criterion, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(Criterion, "a Criterion")
    )
    kind: str = attrs.field(default="regular", validator=one_of(*GROUP_KINDS))
    provenance: Provenance | None = attrs.field(default=None, converter=_provenance, validator=_is_provenance)

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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, reader: DictReader | None = None, path: str = "") -> Group:
        """A ``[[groups]]`` table with its ``[[groups.criteria]]``."""
        r = reader or DictReader()
        d = r.table(data, cls.KEYS, path)
        prov = Provenance.pop_from(d, reader=r, path=path)
        criteria = [
            Criterion.from_dict(c, reader=r, path=f"{path}.criteria[{i}]")
            for i, c in enumerate(r.array(d.pop("criteria", []), f"{path}.criteria"))
        ]
        return r.build(path, cls, criteria=criteria, provenance=prov, **d)

    def to_dict(self) -> dict[str, Any]:
        return compact(
            {
                "id": self.id,
                "name": self.name,
                "name_en": self.name_en,
                "kind": None if self.kind == "regular" else self.kind,
                "max": self.max,
                **_prov(self.provenance),
                "criteria": [c.to_dict() for c in self.criteria],
            }
        )


def _maxima(value: Mapping[str, Number]) -> FrozenMap[str, Decimal]:
    """Converter: per-bloc maxima as a read-only mapping of exact decimals."""
    if not isinstance(value, Mapping):
        return value  # left for the validator
    return FrozenMap({k: decimal(v) for k, v in value.items()})


@attrs.frozen
class Bloc:
    """A bloc (khối): units ranked against each other.

    ``applies`` lists the group and/or criterion ids scored in this bloc (empty: all);
    ``maxima`` overrides the maximum of a criterion (or of a group without criteria)
    for this bloc; it is read-only (a :class:`~ict_adoption._fields.FrozenMap`), as a
    frozen bloc's parts must be. ``aliases`` are other names the bloc goes by in
    published tables. ``roster_complete`` says the rubric's roster lists every unit of
    the bloc, so an input naming another unit is an error (otherwise unknown names are
    accepted).
    """

    #: The keys of the bloc's own table; in a file it may also hold ``units`` (its
    #: roster), which the rubric reads (see :data:`FILE_KEYS`).
    KEYS: ClassVar[Keys] = (("id", "name"), ("name_en", "applies", "maxima", "aliases", "roster_complete", *PROVENANCE_KEYS))
    FILE_KEYS: ClassVar[Keys] = (
        ("id", "name"),
        ("name_en", "applies", "maxima", "aliases", "units", "roster_complete", *PROVENANCE_KEYS),
    )

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(converter=text, validator=nonempty_text)
    name_en: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    applies: tuple[str, ...] = attrs.field(default=(), converter=tuple_of_text, validator=is_tuple_of_text)
    maxima: Mapping[str, Decimal] = attrs.field(factory=FrozenMap, converter=_maxima)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=tuple_of_text, validator=is_tuple_of_text)
    provenance: Provenance | None = attrs.field(default=None, converter=_provenance, validator=_is_provenance)
    roster_complete: bool = attrs.field(default=False, validator=instance_of(bool, "true or false"))

    @maxima.validator
    def _maxima_non_negative(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Mapping):
            raise RubricError(f"{where(self, attribute)}: expected a table of id = max, got {value!r}")
        for key, v in value.items():
            if not isinstance(key, str):
                raise RubricError(f"{where(self, attribute)}: expected criterion ids as keys, got {key!r}")
            if not isinstance(v, Decimal):
                raise RubricError(f"{where(self, attribute)}[{key!r}]: expected a number, got {v!r}")
            if v < 0:
                raise RubricError(f"bloc {self.id!r}: maxima[{key!r}] expected >= 0, got {v}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, reader: DictReader | None = None, path: str = "") -> Bloc:
        """A ``[[blocs]]`` table without its ``units`` (the rubric holds the roster)."""
        r = reader or DictReader()
        d = r.table(data, cls.KEYS, path)
        prov = Provenance.pop_from(d, reader=r, path=path)
        for key in ("applies", "aliases"):
            if key in d:
                r.array(d[key], f"{path}.{key}")
        if "maxima" in d and not isinstance(d["maxima"], Mapping):
            raise r.fail(f"{path}.maxima", f"expected a table of id = max, got {d['maxima']!r}")
        return r.build(path, cls, provenance=prov, **d)

    def to_dict(self) -> dict[str, Any]:
        return compact(
            {
                "id": self.id,
                "name": self.name,
                "name_en": self.name_en,
                "aliases": list(self.aliases),
                "applies": list(self.applies),
                "maxima": dict(self.maxima),
                **_prov(self.provenance),
                "roster_complete": self.roster_complete or None,
            }
        )


@attrs.frozen
class Band:
    """A class (xếp loại): ``min`` is the lower bound, closed below (score >= min).

    The lowest band may omit ``min``: it takes every score below the next band.
    ``below`` (optional) is the upper bound as the regulation words it, checked against
    the next band's ``min`` so that a gap or an overlap is caught when the rubric loads.
    Bounds are points when the rubric's basis is ``"total"`` and percent of the bloc's
    maximum when it is ``"share"``.
    """

    KEYS: ClassVar[Keys] = (("label",), ("label_en", "min", "below", *PROVENANCE_KEYS))

    label: str = attrs.field(converter=text, validator=nonempty_text)
    min: Decimal | None = attrs.field(default=None, converter=opt_decimal, validator=is_opt_decimal)
    label_en: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    below: Decimal | None = attrs.field(default=None, converter=opt_decimal, validator=is_opt_decimal)
    provenance: Provenance | None = attrs.field(default=None, converter=_provenance, validator=_is_provenance)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, reader: DictReader | None = None, path: str = "") -> Band:
        """A ``[[bands]]`` table."""
        r = reader or DictReader()
        d = r.table(data, cls.KEYS, path)
        prov = Provenance.pop_from(d, reader=r, path=path)
        return r.build(path, cls, provenance=prov, **d)

    def to_dict(self) -> dict[str, Any]:
        return compact(
            {"label": self.label, "label_en": self.label_en, "min": self.min, "below": self.below, **_prov(self.provenance)}
        )


@attrs.frozen
class RankingPolicy:
    """How ties are ranked: the default method and the ordinal tie-break cascade.

    ``tie_break`` entries: ``"groups"`` (group points in rubric order, highest first),
    ``"group:<id>"`` (one group), ``"name"`` (unit name, Vietnamese-aware, A→Z).
    Input order is never a tie-break.
    """

    KEYS: ClassVar[Keys] = ((), ("method", "tie_break"))

    method: str = attrs.field(default="competition", validator=one_of(*RANK_METHODS))
    tie_break: tuple[str, ...] = attrs.field(
        default=("groups", "name"), converter=tuple_of_text, validator=is_tuple_of_text
    )

    @tie_break.validator
    def _known(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, reader: DictReader | None = None, path: str = "") -> RankingPolicy:
        """The ``[ranking]`` table."""
        r = reader or DictReader()
        return r.build(path, cls, **r.table(data, cls.KEYS, path))

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "tie_break": list(self.tie_break)}
