"""Rubric files: one edition of a regulation as TOML (schema in ``docs/rubric-format.md``).

``load_rubric(path)`` reads a file with the standard library's tomllib (decimals are
read as :class:`~decimal.Decimal`, never through float); ``Rubric.to_toml()`` writes it
back so that loading the output gives an equal rubric.
"""

from __future__ import annotations

import os
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from .errors import RubricError
from .model import Band, Bloc, Criterion, Group, Provenance, RankingPolicy, Rubric, Source, Unit
from .rules import Rule, rule_from_dict

__all__ = ["load_rubric", "loads_rubric", "rubric_from_dict", "rubric_to_dict", "rubric_to_toml"]

SCHEMA = 1
_PROV_KEYS = ("source", "cite", "assumed")

_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # table: (required keys, optional keys)
    "rubric": (
        ("region", "edition", "title", "first_year", "precision", "groups", "blocs", "bands"),
        ("schema", "last_year", "title_en", "band_basis", "ranking", "sources", "notes", *_PROV_KEYS),
    ),
    "source": (("id", "title"), ("kind", "number", "date", "issuer", "url", "note")),
    "group": (("id", "name"), ("name_en", "max", "kind", "criteria", *_PROV_KEYS)),
    "criterion": (("id", "name", "max"), ("name_en", "rule", "description", *_PROV_KEYS)),
    "bloc": (("id", "name"), ("name_en", "applies", "maxima", "aliases", "units", "roster_complete", *_PROV_KEYS)),
    "band": (("label",), ("label_en", "min", "below", *_PROV_KEYS)),
    "ranking": ((), ("method", "tie_break")),
    "unit": (("name",), ("aliases",)),
}


class _Reader:
    """Walks the parsed TOML, naming the file and table path in every error."""

    def __init__(self, origin: str, rules: Mapping[str, type[Rule]] | None) -> None:
        self.origin = origin
        self.rules = rules

    def fail(self, path: str, message: str) -> RubricError:
        return RubricError(f"{self.origin}: {path}: {message}" if path else f"{self.origin}: {message}")

    def table(self, data: Any, kind: str, path: str) -> dict[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(path, f"expected a table, got {type(data).__name__} {data!r}")
        required, optional = _KEYS[kind]
        missing = [k for k in required if k not in data]
        if missing:
            raise self.fail(path, f"missing required key(s): {', '.join(missing)}")
        unknown = sorted(set(data) - set(required) - set(optional))
        if unknown:
            raise self.fail(
                path,
                f"unknown key(s) {', '.join(map(repr, unknown))}; "
                f"allowed: {', '.join((*required, *optional))}",
            )
        return dict(data)

    def array(self, data: Any, path: str) -> list[Any]:
        if not isinstance(data, list):
            raise self.fail(path, f"expected an array, got {type(data).__name__} {data!r}")
        return data

    def build(self, path: str, factory: Any, /, **kwargs: Any) -> Any:
        try:
            return factory(**kwargs)
        except RubricError as exc:
            raise self.fail(path, str(exc)) from None
        except (TypeError, ValueError) as exc:
            raise self.fail(path, str(exc)) from None

    def provenance(self, data: dict[str, Any], path: str) -> Provenance | None:
        found = {k: data.pop(k) for k in _PROV_KEYS if k in data}
        if not found:
            return None
        return self.build(path, Provenance, **found)

    def rubric(self, data: Any) -> Rubric:
        d = self.table(data, "rubric", "")
        schema = d.pop("schema", SCHEMA)
        if schema != SCHEMA:
            raise self.fail("schema", f"expected schema {SCHEMA}, got {schema!r}")
        prov = self.provenance(d, "")
        first, last = d.pop("first_year"), d.pop("last_year", None)
        for key, year in (("first_year", first), ("last_year", last)):
            if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
                raise self.fail(key, f"expected a year such as 2018, got {year!r}")
        d["years"] = (first, last)
        sources = [self.source(s, f"sources[{i}]") for i, s in enumerate(self.array(d.pop("sources", []), "sources"))]
        groups = [self.group(g, f"groups[{i}]") for i, g in enumerate(self.array(d.pop("groups"), "groups"))]
        units: list[Unit] = []
        blocs = []
        for i, b in enumerate(self.array(d.pop("blocs"), "blocs")):
            bloc, bloc_units = self.bloc(b, f"blocs[{i}]")
            blocs.append(bloc)
            units.extend(bloc_units)
        bands = [self.band(b, f"bands[{i}]") for i, b in enumerate(self.array(d.pop("bands"), "bands"))]
        ranking = d.pop("ranking", None)
        policy = (
            RankingPolicy()
            if ranking is None
            else self.build("ranking", RankingPolicy, **self.table(ranking, "ranking", "ranking"))
        )
        return self.build(
            "",
            Rubric,
            groups=groups,
            blocs=blocs,
            bands=bands,
            sources=sources,
            units=units,
            ranking=policy,
            default_provenance=prov,
            **d,
        )

    def source(self, data: Any, path: str) -> Source:
        return self.build(path, Source, **self.table(data, "source", path))

    def group(self, data: Any, path: str) -> Group:
        d = self.table(data, "group", path)
        prov = self.provenance(d, path)
        criteria = [
            self.criterion(c, f"{path}.criteria[{i}]")
            for i, c in enumerate(self.array(d.pop("criteria", []), f"{path}.criteria"))
        ]
        return self.build(path, Group, criteria=criteria, provenance=prov, **d)

    def criterion(self, data: Any, path: str) -> Criterion:
        d = self.table(data, "criterion", path)
        prov = self.provenance(d, path)
        rule_data = d.pop("rule", None)
        if rule_data is not None and not isinstance(rule_data, Mapping):
            raise self.fail(f"{path}.rule", f"expected a table like {{ kind = \"share\" }}, got {rule_data!r}")
        try:
            rule = rule_from_dict(rule_data, self.rules)
        except RubricError as exc:
            raise self.fail(f"{path}.rule", str(exc)) from None
        return self.build(path, Criterion, rule=rule, provenance=prov, **d)

    def bloc(self, data: Any, path: str) -> tuple[Bloc, list[Unit]]:
        d = self.table(data, "bloc", path)
        prov = self.provenance(d, path)
        raw_units = self.array(d.pop("units", []), f"{path}.units")
        for key in ("applies", "aliases"):
            if key in d:
                self.array(d[key], f"{path}.{key}")
        if "maxima" in d and not isinstance(d["maxima"], Mapping):
            raise self.fail(f"{path}.maxima", f"expected a table of id = max, got {d['maxima']!r}")
        bloc = self.build(path, Bloc, provenance=prov, **d)
        units = []
        for i, u in enumerate(raw_units):
            upath = f"{path}.units[{i}]"
            if isinstance(u, str):
                units.append(self.build(upath, Unit, name=u, bloc=bloc.id))
            else:
                units.append(self.build(upath, Unit, bloc=bloc.id, **self.table(u, "unit", upath)))
        return bloc, units

    def band(self, data: Any, path: str) -> Band:
        d = self.table(data, "band", path)
        prov = self.provenance(d, path)
        return self.build(path, Band, provenance=prov, **d)


def rubric_from_dict(
    data: Mapping[str, Any], *, origin: str = "<dict>", rules: Mapping[str, type[Rule]] | None = None
) -> Rubric:
    """Build a :class:`Rubric` from rubric-file data; errors name ``origin`` and the table."""
    return _Reader(origin, rules).rubric(data)


def loads_rubric(text: str, *, origin: str = "<string>", rules: Mapping[str, type[Rule]] | None = None) -> Rubric:
    """Read a rubric from TOML text."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"{origin}: not valid TOML: {exc}") from None
    return rubric_from_dict(data, origin=origin, rules=rules)


def load_rubric(path: str | os.PathLike[str], *, rules: Mapping[str, type[Rule]] | None = None) -> Rubric:
    """Read one rubric edition from a TOML file (see ``docs/rubric-format.md``).

    ``rules`` maps extra rule kinds to classes (plugins pass theirs); the built-in kinds
    are always known.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RubricError(f"{p}: no such rubric file") from None
    except UnicodeDecodeError as exc:
        raise RubricError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if rules is not None:
        from .rules import BUILTIN_RULES

        rules = {**BUILTIN_RULES, **rules}
    return loads_rubric(text, origin=str(p), rules=rules)


# ----------------------------------------------------------------------------- writing


def _prov(p: Provenance | None) -> dict[str, Any]:
    return {} if p is None else p.to_dict()


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != () and v != [] and v != {}}


def rubric_to_dict(r: Rubric) -> dict[str, Any]:
    """Plain data in the rubric-file schema (decimals stay :class:`~decimal.Decimal`)."""
    units_by_bloc: dict[str, list[Any]] = {}
    for u in r.units:
        units_by_bloc.setdefault(u.bloc, []).append(
            u.name if not u.aliases else {"name": u.name, "aliases": list(u.aliases)}
        )
    first, last = r.years
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "region": r.region,
        "edition": r.edition,
        "title": r.title,
        "title_en": r.title_en,
        "first_year": first,
        "last_year": last,
        "precision": r.precision,
        "band_basis": r.band_basis,
        "notes": r.notes,
        **_prov(r.default_provenance),
        "ranking": {"method": r.ranking.method, "tie_break": list(r.ranking.tie_break)},
        "sources": [_drop_none(_source_dict(s)) for s in r.sources],
        "groups": [
            _drop_none(
                {
                    "id": g.id,
                    "name": g.name,
                    "name_en": g.name_en,
                    "kind": None if g.kind == "regular" else g.kind,
                    "max": g.max,
                    **_prov(g.provenance),
                    "criteria": [
                        _drop_none(
                            {
                                "id": c.id,
                                "name": c.name,
                                "name_en": c.name_en,
                                "max": c.max,
                                "description": c.description,
                                **_prov(c.provenance),
                                "rule": None if c.rule.kind == "points" else c.rule.to_dict(),
                            }
                        )
                        for c in g.criteria
                    ],
                }
            )
            for g in r.groups
        ],
        "blocs": [
            _drop_none(
                {
                    "id": b.id,
                    "name": b.name,
                    "name_en": b.name_en,
                    "aliases": list(b.aliases),
                    "applies": list(b.applies),
                    "maxima": dict(b.maxima),
                    **_prov(b.provenance),
                    "roster_complete": b.roster_complete or None,
                    "units": units_by_bloc.get(b.id, []),
                }
            )
            for b in r.blocs
        ],
        "bands": [
            _drop_none(
                {"label": b.label, "label_en": b.label_en, "min": b.min, "below": b.below, **_prov(b.provenance)}
            )
            for b in r.bands
        ],
    }
    return _drop_none(out)


def _source_dict(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "kind": s.kind,
        "number": s.number,
        "date": s.date,
        "issuer": s.issuer,
        "title": s.title,
        "url": s.url,
        "note": s.note,
    }


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        text = format(v, "f")
        return text
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return _toml_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} {v!r} to TOML")


def _toml_string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_key(k: str) -> str:
    if k and all(c.isascii() and (c.isalnum() or c in "_-") for c in k):
        return k
    return _toml_string(k)


def _emit_table(
    lines: list[str], header: str, table: Mapping[str, Any], array_keys: tuple[str, ...], indent: str = ""
) -> None:
    lines.append(indent + header)
    for k, v in table.items():
        if k in array_keys:
            continue
        lines.append(f"{indent}{_toml_key(k)} = {_toml_value(v)}")


def rubric_to_toml(r: Rubric) -> str:
    """Write ``r`` in the rubric-file format (round-trips through :func:`load_rubric`)."""
    d = rubric_to_dict(r)
    lines = [f"# {r.region}:{r.edition} — {r.title}", ""]
    top = {k: v for k, v in d.items() if k not in ("ranking", "sources", "groups", "blocs", "bands")}
    for k, v in top.items():
        lines.append(f"{_toml_key(k)} = {_toml_value(v)}")
    if "last_year" not in d:
        lines.append("# no last_year: in force until a later edition replaces it")
    lines.append("")
    _emit_table(lines, "[ranking]", d["ranking"], ())
    for s in d.get("sources", []):
        lines.append("")
        _emit_table(lines, "[[sources]]", s, ())
    for g in d["groups"]:
        lines.append("")
        _emit_table(lines, "[[groups]]", g, ("criteria",))
        for c in g.get("criteria", []):
            lines.append("")
            _emit_table(lines, "[[groups.criteria]]", c, (), indent="  ")
    for b in d["blocs"]:
        lines.append("")
        _emit_table(lines, "[[blocs]]", b, ("units",))
        if b.get("units"):
            lines.append("units = [")
            lines.extend(f"  {_toml_value(u)}," for u in b["units"])
            lines.append("]")
    for b in d["bands"]:
        lines.append("")
        _emit_table(lines, "[[bands]]", b, ())
    return "\n".join(lines) + "\n"
