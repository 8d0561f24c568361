"""What an edition knows about itself: the years its sources support, a known successor, how much of it is published.

A regulation's file says the assessment years it is in force for (``first_year``,
``last_year``; no ``last_year``: still open). That is a claim of the file, and for an
open edition it can run far past what any source shows. Three optional keys make the
difference visible:

- ``supported_until``: the last assessment year a cited source shows the edition was
  applied in (a results table, a later decision that names it). Asking for a later
  year still gives the edition, with a warning (:func:`year_warning`) that names it and
  says why; every output carries that warning.
- ``superseded_by`` / ``superseded_from``: a later regulation that is known (its number,
  its first year) but not modelled. Asking for a year from ``superseded_from`` on is an
  error naming it (:func:`superseded_message`), never a silent fallback to the old rule.
- ``preceded_by`` / ``preceded_from``: the same for an earlier regulation (in force from
  ``preceded_from`` to the year before the edition's first): asking for one of those
  years is an error naming it (:func:`preceded_message`), not a bare "no edition".

>>> years_supported((2018, None), None), years_supported((2018, None), 2021)
(2018, 2021)

Functions here read the rubric by attribute, so that this module imports no other
module of the model package.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ..errors import RubricError

__all__ = [
    "EditionYearWarning",
    "ProvenanceList",
    "years_supported",
    "year_fields_problem",
    "regulation_number",
    "edition_label",
    "year_warning",
    "superseded_message",
    "preceded_message",
    "edition_record",
]


class EditionYearWarning(UserWarning):
    """An edition was used for an assessment year past the last year its sources support."""


def years_supported(years: tuple[int, int | None], supported_until: int | None) -> int:
    """The last assessment year the sources support: ``supported_until``, else the
    file's ``last_year``, else (an open edition that names no later use) its first year."""
    first, last = years
    if supported_until is not None:
        return supported_until
    return last if last is not None else first


def opt_year(instance: object, attribute: Any, value: object) -> None:
    """attrs validator: a year (int, not bool) or None."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise RubricError(f"Rubric.{attribute.name}: expected a year such as 2021 or None, got {value!r}")


def year_fields_problem(
    years: tuple[int, int | None],
    supported_until: int | None,
    superseded_by: str | None,
    superseded_from: int | None,
    preceded_by: str | None = None,
    preceded_from: int | None = None,
) -> str | None:
    """What is wrong with an edition's year fields, or None (the rubric raises it)."""
    first, last = years
    span = f"[{first}, {'' if last is None else last}]"
    if supported_until is not None and not (first <= supported_until and (last is None or supported_until <= last)):
        return f"supported_until {supported_until} lies outside the edition's years {span}"
    if (superseded_by is None) != (superseded_from is None):
        return "give superseded_by and superseded_from together"
    if superseded_from is not None and (superseded_from <= first or (last is not None and superseded_from <= last)):
        return f"superseded_from {superseded_from} must come after the edition's years {span}"
    if (preceded_by is None) != (preceded_from is None):
        return "give preceded_by and preceded_from together"
    if preceded_from is not None and preceded_from >= first:
        return f"preceded_from {preceded_from} must come before the edition's first year {first}"
    return None


def regulation_number(rubric: Any) -> str | None:
    """The number of the edition's legal source: the first ``decision`` source with a
    number (``"2683/QĐ-UBND"``), else the first source with a number, else None."""
    sources = tuple(getattr(rubric, "sources", ()))
    for want_decision in (True, False):
        for s in sources:
            if s.number and (s.kind == "decision" or not want_decision):
                return str(s.number)
    return None


def edition_label(rubric: Any) -> str:
    """``"quangnam:2018 (QĐ 2683/QĐ-UBND)"``: region, edition id and regulation number."""
    number = regulation_number(rubric)
    head = f"{rubric.region}:{rubric.edition}"
    if number is None:
        return head
    return f"{head} (QĐ {number})" if "QĐ" in number and not number.startswith("QĐ") else f"{head} ({number})"


def year_warning(rubric: Any, year: int | None, lang: str = "vi") -> str | None:
    """The warning for using ``rubric`` for the assessment ``year``, or None.

    None when ``year`` is None or within the years the sources support. The text
    names the edition (region, id, regulation number), the year asked and the last
    year a source supports, in Vietnamese (``lang="vi"``) or English.
    """
    if year is None:
        return None
    last = years_supported(rubric.years, rubric.supported_until)
    if year <= last:
        return None
    label = edition_label(rubric)
    first = rubric.years[0]
    if lang == "vi":
        return (
            f"năm đánh giá {year}: tính theo bộ tiêu chí {label}, áp dụng từ năm {first}; không nguồn "
            f"nào được dẫn cho thấy bộ tiêu chí này còn được áp dụng sau năm {last} — điểm và xếp loại "
            f"có thể khác với quy định thực sự áp dụng năm {year}"
        )
    return (
        f"assessment year {year}: computed with edition {label}, in force from {first}; no cited source "
        f"shows it was still applied after {last} — points and classes may differ from the rule "
        f"actually in force in {year}"
    )


def superseded_message(rubric: Any, year: int) -> str | None:
    """The error for ``year`` when a later regulation is known but not modelled, or None."""
    start = rubric.superseded_from
    if start is None or year < start:
        return None
    return (
        f"region {rubric.region!r}: the assessment year {year} falls under {rubric.superseded_by} "
        f"(from {start}), which is known but not modelled by any installed plugin; the latest "
        f"modelled edition, {edition_label(rubric)}, applies only to the years before {start}"
    )


def preceded_message(rubric: Any, year: int) -> str | None:
    """The error for ``year`` when an earlier regulation is known but not modelled, or None."""
    start = rubric.preceded_from
    if start is None or not start <= year < rubric.years[0]:
        return None
    return (
        f"region {rubric.region!r}: the assessment year {year} falls under {rubric.preceded_by} "
        f"(from {start} to {rubric.years[0] - 1}), which is known but not modelled by any installed plugin; "
        f"the earliest modelled edition, {edition_label(rubric)}, applies from {rubric.years[0]}"
    )


def edition_record(rubric: Any, lang: str = "vi") -> dict[str, Any]:
    """Which edition a result was computed with, as plain data (JSON, report headers).

    Keys: ``region``, ``edition``, ``regulation`` (number or None), ``label``,
    ``years`` ([first, last]), ``supported_until`` (the last year a source supports),
    ``year`` (the assessment year asked, None when the rubric was not looked up by
    year), ``warning`` (:func:`year_warning`, or None) and, when known,
    ``superseded_by`` / ``superseded_from`` and ``preceded_by`` / ``preceded_from``.
    """
    out: dict[str, Any] = {
        "region": rubric.region,
        "edition": rubric.edition,
        "regulation": regulation_number(rubric),
        "label": edition_label(rubric),
        "years": list(rubric.years),
        "supported_until": years_supported(rubric.years, rubric.supported_until),
        "year": rubric.asked_year,
        "warning": year_warning(rubric, rubric.asked_year, lang),
    }
    if rubric.superseded_by is not None:
        out["superseded_by"] = rubric.superseded_by
        out["superseded_from"] = rubric.superseded_from
    if rubric.preceded_by is not None:
        out["preceded_by"] = rubric.preceded_by
        out["preceded_from"] = rubric.preceded_from
    return out


class ProvenanceList(list):  # type: ignore[type-arg,unused-ignore]
    """What :meth:`Rubric.provenance` returns: the entries, and their counts as figures.

    A plain list of dicts (``item``, ``status``, ``citation``, ``reason``) that also
    says how many values are ``published`` and ``assumed`` and the ``share`` published
    (0–1, four decimals; 1.0 for an empty list).
    """

    def __init__(self, entries: Iterable[Mapping[str, str]] = ()) -> None:
        super().__init__(dict(e) for e in entries)

    @property
    def published(self) -> int:
        return sum(1 for p in self if p["status"] == "published")

    @property
    def assumed(self) -> int:
        return sum(1 for p in self if p["status"] == "assumed")

    @property
    def share(self) -> float:
        """Published values as a share of all values, rounded to four decimals."""
        return round(self.published / len(self), 4) if self else 1.0

    def summary(self) -> dict[str, Any]:
        """``{"values", "published", "assumed", "published_share"}`` for JSON."""
        return {"values": len(self), "published": self.published, "assumed": self.assumed, "published_share": self.share}
