"""The rubric: one edition of a region's regulation (e.g. Hà Nội, QĐ 5058/QĐ-BCĐ, 2013–2015).

:class:`Rubric` holds its parts (:mod:`.parts`), checks them as a whole when it is
built (ids, blocs, bands, sources, roster), and owns its file form: ``to_dict`` /
``from_dict`` (plain data in the rubric-file schema) and ``to_toml``. Look-ups,
maxima and the arrays scoring uses come from :class:`.structure.RubricStructure`.
"""

from __future__ import annotations

from typing import Any, Mapping

import attrs

from .. import toml_text
from .._fields import (
    as_tuple,
    identifier,
    instance_of,
    int_between,
    is_opt_text,
    nonempty_text,
    one_of,
    opt_text,
    text,
    tuple_of,
)
from ..errors import RubricError
from ..exact import scale_exact
from ..rules import Rule
from ..text import name_key
from .parts import (
    BAND_BASES,
    Band,
    Bloc,
    Group,
    Provenance,
    RankingPolicy,
    Source,
    Unit,
    _is_provenance,
    _prov,
    _provenance,
)
from .edition_facts import edition_label, edition_record, opt_year as _opt_year, year_fields_problem, year_warning, years_supported
from .reader import PROVENANCE_KEYS, SCHEMA, DictReader, Keys, compact
from .structure import RubricStructure

__all__ = ["Rubric"]


def _years(value: object) -> tuple[int, int | None]:
    """Converter: ``2015`` or ``[first, last]`` (``last`` None: still in force)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value)
    try:
        seq = list(value)  # type: ignore[call-overload]
    except TypeError:
        seq = []

    def year(x: object) -> bool:
        return isinstance(x, int) and not isinstance(x, bool)

    if len(seq) != 2 or not year(seq[0]) or not (seq[1] is None or year(seq[1])):
        raise RubricError(f"Rubric.years: expected [first, last] (last may be open), got {value!r}")
    return (seq[0], seq[1])


def _units_by_bloc(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """What rubric equality compares of the roster: each bloc's units, in their order.

    A rubric file lists units inside their bloc's table, so how units of different
    blocs interleave in ``Rubric.units`` is not part of the rubric's value.
    """
    return tuple(sorted(units, key=lambda u: u.bloc))


#: (required, optional) keys of a rubric file's top level.
RUBRIC_KEYS: Keys = (
    ("region", "edition", "title", "first_year", "precision", "groups", "blocs", "bands"),
    (
        "schema", "last_year", "supported_until", "superseded_by", "superseded_from", "preceded_by", "preceded_from",
        "title_en", "assessment", "band_basis", "ranking", "sources", "notes", *PROVENANCE_KEYS,
    ),
)


@attrs.frozen(cache_hash=True)
class Rubric(RubricStructure):
    """One edition of a region's rubric. See ``docs/rubric-format.md``.

    A rubric is a value: two rubrics are equal when their fields are (each bloc's
    roster compared in order, see ``_units_by_bloc``), and equal rubrics hash equal,
    the hash computed once. A rubric loaded from its file equals the one written
    from it. ``region_name`` and ``region_name_en`` are display metadata the registry
    adds, not part of the regulation: they take no part in equality or hashing, so a
    rubric from the registry equals the same edition loaded from its file.
    The cached look-ups and arrays are derived from the fields, so they take no part
    either. Every part must hash for a rubric to hash (rules are frozen attrs classes).
    """

    region: str = attrs.field(validator=identifier)
    edition: str = attrs.field(converter=str, validator=nonempty_text)
    title: str = attrs.field(converter=text, validator=nonempty_text)
    years: tuple[int, int | None] = attrs.field(converter=_years)
    precision: int = attrs.field(validator=int_between(0, 6))
    groups: tuple[Group, ...] = attrs.field(converter=as_tuple, validator=tuple_of(Group, "a Group"))
    blocs: tuple[Bloc, ...] = attrs.field(converter=as_tuple, validator=tuple_of(Bloc, "a Bloc"))
    bands: tuple[Band, ...] = attrs.field(converter=as_tuple, validator=tuple_of(Band, "a Band"))
    band_basis: str = attrs.field(default="total", validator=one_of(*BAND_BASES))
    #: what the edition assesses: "ict" (mức độ ứng dụng CNTT) or "dti" (chuyển đổi số)
    assessment: str = attrs.field(default="ict", validator=one_of("ict", "dti"), kw_only=True)
    ranking: RankingPolicy = attrs.field(
        factory=RankingPolicy, validator=instance_of(RankingPolicy, "a RankingPolicy")
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(Source, "a Source")
    )
    default_provenance: Provenance | None = attrs.field(
        default=None, converter=_provenance, validator=_is_provenance
    )
    units: tuple[Unit, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(Unit, "a Unit"), eq=_units_by_bloc
    )
    title_en: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    notes: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    #: The region as readers know it ("Thành phố Đà Nẵng"), set by the registry from
    #: the plugin that registers the region; None for a rubric read from a file alone.
    #: Display metadata: not compared, not hashed, not written to the file.
    region_name: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text, eq=False)
    region_name_en: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text, eq=False)
    #: The last assessment year a cited source shows this edition applied in (see
    #: :mod:`.edition_facts`); None: the file's ``last_year``, or for an open edition its first year.
    supported_until: int | None = attrs.field(default=None, validator=_opt_year)
    #: A later regulation known but not modelled (``"QĐ 405/QĐ-BKHCN"``) and its first assessment year.
    superseded_by: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    superseded_from: int | None = attrs.field(default=None, validator=_opt_year)
    #: An earlier regulation known but not modelled and its first year (it applies up to ``first_year - 1``).
    preceded_by: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    preceded_from: int | None = attrs.field(default=None, validator=_opt_year)
    #: The assessment year this rubric was looked up for (set by the registry); display
    #: metadata like ``region_name``: not compared, not hashed, not written to the file.
    asked_year: int | None = attrs.field(default=None, validator=_opt_year, eq=False)

    def __attrs_post_init__(self) -> None:
        self._check_years()
        self._check_ids()
        self._check_blocs()
        self._check_bands()
        self._check_sources()
        self._check_units()

    # ------------------------------------------------------------------ validation

    def _check_years(self) -> None:
        first, last = self.years
        if last is not None and last < first:
            raise RubricError(f"{self._where()}: years [{first}, {last}] end before they begin")
        problem = year_fields_problem(
            self.years, self.supported_until, self.superseded_by, self.superseded_from, self.preceded_by, self.preceded_from
        )
        if problem is not None:
            raise RubricError(f"{self._where()}: {problem}")

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

    # ------------------------------------------------------------------ file form

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, origin: str = "<dict>", rules: Mapping[str, type[Rule]] | None = None
    ) -> Rubric:
        """A rubric from plain data in the rubric-file schema (what ``to_dict`` gives).

        Errors name ``origin`` and the table (``<dict>: groups[0]: …``). ``rules`` are
        extra rule kinds (a plugin's), known besides the built-in ones, exactly as
        ``load_rubric(path, rules=…)`` and ``loads_rubric(text, rules=…)`` take them.
        """
        return cls.read(data, reader=DictReader(origin, rules))

    @classmethod
    def read(cls, data: Mapping[str, Any], *, reader: DictReader) -> Rubric:
        """:meth:`from_dict` with a ready reader (its origin and rule kinds)."""
        r = reader
        d = r.table(data, RUBRIC_KEYS, "")
        schema = d.pop("schema", SCHEMA)
        if schema != SCHEMA:
            raise r.fail("schema", f"expected schema {SCHEMA}, got {schema!r}")
        prov = Provenance.pop_from(d, reader=r)
        first, last = d.pop("first_year"), d.pop("last_year", None)
        for key, year in (
            ("first_year", first), ("last_year", last),
            ("supported_until", d.get("supported_until")), ("superseded_from", d.get("superseded_from")),
            ("preceded_from", d.get("preceded_from")),
        ):
            if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
                raise r.fail(key, f"expected a year such as 2018, got {year!r}")
        d["years"] = (first, last)
        items = {
            name: [(f"{name}[{i}]", x) for i, x in enumerate(r.array(d.pop(name, []), name))]
            for name in ("sources", "groups", "blocs", "bands")
        }
        sources = [Source.from_dict(x, reader=r, path=p) for p, x in items["sources"]]
        groups = [Group.from_dict(x, reader=r, path=p) for p, x in items["groups"]]
        units: list[Unit] = []
        blocs = []
        for path, x in items["blocs"]:
            table = r.table(x, Bloc.FILE_KEYS, path)
            roster = r.array(table.pop("units", []), f"{path}.units")
            bloc = Bloc.from_dict(table, reader=r, path=path)
            blocs.append(bloc)
            units.extend(
                Unit.from_dict(u, bloc=bloc.id, reader=r, path=f"{path}.units[{i}]") for i, u in enumerate(roster)
            )
        bands = [Band.from_dict(x, reader=r, path=p) for p, x in items["bands"]]
        ranking = d.pop("ranking", None)
        policy = RankingPolicy() if ranking is None else RankingPolicy.from_dict(ranking, reader=r, path="ranking")
        return r.build(
            "", cls, groups=groups, blocs=blocs, bands=bands, sources=sources, units=units,
            ranking=policy, default_provenance=prov, **d,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data (the rubric-file schema, decimals as :class:`~decimal.Decimal`);
        :meth:`from_dict` reads it back to an equal rubric."""
        roster: dict[str, list[Any]] = {}
        for u in self.units:
            roster.setdefault(u.bloc, []).append(u.name if not u.aliases else u.to_dict())
        first, last = self.years
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "region": self.region,
            "edition": self.edition,
            "title": self.title,
            "title_en": self.title_en,
            "first_year": first,
            "last_year": last,
            "supported_until": self.supported_until,
            "superseded_by": self.superseded_by,
            "superseded_from": self.superseded_from,
            "preceded_by": self.preceded_by,
            "preceded_from": self.preceded_from,
            "precision": self.precision,
            "band_basis": self.band_basis,
            "assessment": None if self.assessment == "ict" else self.assessment,
            "notes": self.notes,
            **_prov(self.default_provenance),
            "ranking": self.ranking.to_dict(),
            "sources": [s.to_dict() for s in self.sources],
            "groups": [g.to_dict() for g in self.groups],
            "blocs": [compact({**b.to_dict(), "units": roster.get(b.id, [])}) for b in self.blocs],
            "bands": [b.to_dict() for b in self.bands],
        }
        return compact(out)

    def to_toml(self) -> str:
        """The rubric as a TOML rubric file; ``load_rubric`` reads it back to an equal rubric.

        Laid out to be kept by hand: the top-level keys, then a table per source,
        group (its criteria indented under it), bloc (its roster one unit a line) and
        band, in the order the rubric lists them.
        """
        d = self.to_dict()
        lines = [f"# {self.region}:{self.edition} — {self.title}", ""]
        nested = ("ranking", "sources", "groups", "blocs", "bands")
        lines.extend(toml_text.key_value(k, v) for k, v in d.items() if k not in nested)
        if "last_year" not in d:
            lines.append("# no last_year: in force until a later edition replaces it")
        lines.append("")
        lines.extend(toml_text.table("[ranking]", d["ranking"]))
        for s in d.get("sources", []):
            lines.extend(["", *toml_text.table("[[sources]]", s)])
        for g in d["groups"]:
            lines.extend(["", *toml_text.table("[[groups]]", g, skip=("criteria",))])
            for c in g.get("criteria", []):
                lines.extend(["", *toml_text.table("[[groups.criteria]]", c, indent="  ")])
        for b in d["blocs"]:
            lines.extend(["", *toml_text.table("[[blocs]]", b, skip=("units",))])
            if b.get("units"):
                lines.extend(toml_text.array_lines("units", b["units"]))
        for b in d["bands"]:
            lines.extend(["", *toml_text.table("[[bands]]", b)])
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ edition facts

    @property
    def supported_last(self) -> int:
        """The last assessment year a cited source supports (see :mod:`.edition_facts`)."""
        return years_supported(self.years, self.supported_until)

    def year_warning(self, lang: str = "vi") -> str | None:
        """The warning for the year this rubric was looked up for, if it lies past
        :attr:`supported_last`; None otherwise (or when not looked up by year)."""
        return year_warning(self, self.asked_year, lang)

    def edition_record(self, lang: str = "vi") -> dict[str, Any]:
        """Region, edition id, regulation number, years and the year warning (plain data)."""
        return edition_record(self, lang)

    @property
    def edition_label(self) -> str:
        """``"quangnam:2018 (QĐ 2683/QĐ-UBND)"``."""
        return edition_label(self)

    def __repr__(self) -> str:
        return (
            f"<Rubric {self.region}:{self.edition} years {self.years_label}, "
            f"{len(self.groups)} groups, {len(self.blocs)} blocs, {len(self.bands)} bands>"
        )

    def _repr_html_(self) -> str:  # (html and its entities loaded only in a notebook)
        from ..rubric_html import rubric_html
        return rubric_html(self)
