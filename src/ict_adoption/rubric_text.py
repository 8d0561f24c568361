"""A rubric edition described for people and programs: ``ict-adoption rubric``.

:func:`rubric_summary` is the record of ``--format json`` (the machine-readable
contract); :func:`rubric_text` the text the command prints: structure, rules, blocs,
classes and the provenance of every value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Sequence

import attrs
from tabulate import tabulate

from .rules import PointsRule

if TYPE_CHECKING:  # pragma: no cover
    from .model import Rubric

__all__ = ["rubric_summary", "rubric_text", "number"]


def number(value: Decimal | None) -> int | float | None:
    """A rubric value for JSON: an int when whole, else a float; None stays None."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def rubric_summary(rubric: "Rubric") -> dict[str, Any]:
    """The record of ``ict-adoption rubric … --format json`` (DESIGN.md contract).

    Keys: ``region``, ``edition``, ``title``, ``title_en``, ``years``, ``precision``,
    ``sources``, ``blocs`` (``id``, ``name``, ``max`` …), ``groups`` (``id``, ``name``,
    ``max``, ``criteria`` …), ``bands`` (``label``, ``min``, ``basis`` …),
    ``provenance`` (:meth:`Rubric.provenance`), ``assumed`` and ``published`` (their
    counts), ``published_share`` (0–1) and ``edition_info`` (:meth:`Rubric.edition_record`:
    region, edition, regulation number, supported years, the year warning).
    """
    r = rubric
    prov = r.provenance()
    return {
        "region": r.region,
        "edition": r.edition,
        "title": r.title,
        "title_en": r.title_en,
        "years": list(r.years),
        "precision": r.precision,
        "sources": [
            {**{k: v for k, v in attrs.asdict(s).items() if v is not None}, "citation": s.citation()}
            for s in r.sources
        ],
        "blocs": [
            {
                "id": b.id,
                "name": b.name,
                "name_en": b.name_en,
                "max": number(r.bloc_max(b.id)),
                "groups": {g.id: number(r.group_max(b.id, g.id)) for g in r.groups},
                "units": [u.name for u in r.units if u.bloc == b.id],
                "roster_complete": b.roster_complete,
            }
            for b in r.blocs
        ],
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "name_en": g.name_en,
                "kind": g.kind,
                "max": number(g.points_max),
                "criteria": [
                    {
                        "id": c.id,
                        "name": c.name,
                        "name_en": c.name_en,
                        "max": number(c.max),
                        "rule": c.rule.to_dict(),
                        "explain": c.rule.explain(c.max),
                    }
                    for c in g.criteria
                ],
            }
            for g in r.groups
        ],
        "bands": [
            {
                "label": b.label,
                "label_en": b.label_en,
                "min": number(b.min),
                "below": number(b.below),
                "basis": r.band_basis,
            }
            for b in r.bands
        ],
        "provenance": list(prov),
        "assumed": prov.assumed,
        "published": prov.published,
        "published_share": prov.share,
        "edition_info": r.edition_record(),
    }


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize() if value == value.to_integral_value() else value, "f")


def rubric_text(rubric: "Rubric") -> str:
    """The edition as ``ict-adoption rubric`` prints it: structure, rules, provenance."""
    def table(rows: list[list[str]], headers: Sequence[str]) -> str:
        return tabulate(rows, headers=list(headers), tablefmt="plain", disable_numparse=True)

    r = rubric
    basis = "points" if r.band_basis == "total" else "% of the bloc's maximum"
    out = [
        f"{r.region}:{r.edition} — {r.title}" + (f" ({r.title_en})" if r.title_en else ""),
        f"assessment years {r.years_label}; points with {r.precision} decimal(s); "
        f"classes on the {'total' if r.band_basis == 'total' else 'share of the maximum'}",
    ]
    if r.sources:
        out += ["", "Sources", table([[s.id, s.citation()] for s in r.sources], ["id", "citation"])]

    rows = []
    for g in r.groups:
        kind = {"bonus": "bonus: added, outside the maximum", "penalty": "penalty: subtracted, at most the max"}
        rule = kind.get(g.kind, "") if g.criteria else PointsRule().explain(g.points_max)
        if not g.criteria and g.kind != "regular":
            rule = f"{kind[g.kind]}; {rule}"
        rows.append([g.id, "", g.name, _fmt(g.points_max), rule])
        rows += [["", c.id, c.name, _fmt(c.max), c.rule.explain(c.max)] for c in g.criteria]
    out += ["", "Groups and criteria", table(rows, ["group", "criterion", "name", "max", "rule"])]

    rows = []
    for b in r.blocs:
        details = [f"{k} max {_fmt(v)}" for k, v in b.maxima.items()]
        if b.applies:
            details.insert(0, "scores only " + ", ".join(b.applies))
        units = [u for u in r.units if u.bloc == b.id]
        if units:
            details.append(f"{len(units)} unit{'' if len(units) == 1 else 's'} listed" + (" (complete roster)" if b.roster_complete else ""))
        rows.append([b.id, b.name, _fmt(r.bloc_max(b.id)), "; ".join(details)])
    out += ["", "Blocs", table(rows, ["bloc", "name", "max", "notes"])]

    rows = []
    for i, band in enumerate(r.bands):
        if band.min is not None:
            rule = f"≥ {_fmt(band.min)}"
            upper = r.bands[i - 1].min if i else None
            if upper is not None:
                rule += f" and < {_fmt(upper)}"
        else:
            rule = f"< {_fmt(r.bands[i - 1].min)}" if i else "any score"
        rows.append([band.label, band.label_en or "", rule])
    if any(b.label_en for b in r.bands):
        out += ["", f"Classes ({basis})", table(rows, ["class", "English", "score"])]
    else:
        out += ["", f"Classes ({basis})", table([[x[0], x[2]] for x in rows], ["class", "score"])]

    prov = r.provenance()
    citations = sorted(((s.citation(), s.id) for s in r.sources), key=lambda x: -len(x[0]))

    def short(citation: str | None) -> str | None:
        # the Sources table above gives each citation in full: refer to it by id
        for text, ident in citations:
            if citation is not None and citation.startswith(text):
                return f"{ident}{citation[len(text):]}"
        return citation

    rows = [
        [p["item"], p["status"], "; ".join(x for x in (short(p.get("citation")), p.get("reason")) if x)]
        for p in prov
    ]
    out += ["", "Provenance", table(rows, ["item", "status", "source or reason"])]
    n = r.assumed_count
    if n:
        out += [
            "",
            f"warning: {n} of {len(prov)} values of this edition are assumed, not published "
            "(listed above); replace them in the rubric data when the real ones are known.",
        ]
    else:
        out += ["", f"All {len(prov)} values of this edition are published."]
    return "\n".join(out)


