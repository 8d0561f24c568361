"""Finding units by name: one unit of a ranking (profiles), and the units of two rankings
matched to each other by name and alias, never by row (comparisons).

A name matches ignoring case and spacing; a roster alias of either rubric matches its
unit (a unit renamed between two years is found through the alias the newer edition
lists); as a last resort a name that matches one unit once diacritics are ignored is
taken, and the match is reported. A name that matches nothing raises
:class:`UnknownUnitError` listing the closest names (of the unit's bloc when it is given).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, Sequence

from ..errors import InputError
from ..text import ascii_key, name_key

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric

__all__ = ["UnknownUnitError", "AmbiguousMatchError", "find_unit_row", "unit_keys", "match_units"]


class UnknownUnitError(InputError, LookupError):
    """A unit name matches no unit of the ranking; ``candidates`` are the closest names."""

    #: The closest unit names (of the bloc when one was given), best first.
    candidates: tuple[str, ...] = ()

    def __init__(self, message: str, *, candidates: Sequence[str] = (), **location: object) -> None:
        super().__init__(message, **location)  # type: ignore[arg-type]
        self.candidates = tuple(candidates)


class AmbiguousMatchError(InputError):
    """A unit of one assessment matches two units of the other (both sides named)."""


def _canonical(rubric: "Rubric", name: str) -> set[str]:
    keys = {name_key(name)}
    unit = rubric.find_unit(name)
    if unit is not None:
        keys.update(name_key(x) for x in (unit.name, *unit.aliases))
    return keys


def unit_keys(name: str, rubrics: Sequence["Rubric"]) -> set[str]:
    """Every key a unit name is known by: itself, and its roster name and aliases."""
    keys = {name_key(name)}
    for r in rubrics:
        keys |= _canonical(r, name)
    return keys


def closest(name: str, names: Sequence[str], n: int = 5) -> list[str]:
    """The names most like ``name`` (diacritics and case ignored), best first."""
    by_key: dict[str, str] = {}
    for x in names:
        by_key.setdefault(ascii_key(x), str(x))
    found = difflib.get_close_matches(ascii_key(name), list(by_key), n=n, cutoff=0.4)
    if not found:  # fall back to names sharing a word
        words = set(ascii_key(name).split())
        found = [k for k in by_key if words & set(k.split())][:n]
    return [by_key[k] for k in found]


def find_unit_row(
    units: Sequence[str], blocs: Sequence[str], rubric: "Rubric", name: str, bloc: str | None = None, lang: str = "vi"
) -> int:
    """The row of the unit called ``name`` (or an alias of it); ``bloc`` narrows the search.

    Raises :class:`UnknownUnitError` naming the closest names of the bloc (of every bloc
    when no bloc is given, each with its bloc).
    """
    keys = unit_keys(name, [rubric])
    rows = [i for i, u in enumerate(units) if (bloc is None or blocs[i] == bloc) and unit_keys(u, [rubric]) & keys]
    if not rows:
        loose = ascii_key(name)
        rows = [i for i, u in enumerate(units) if (bloc is None or blocs[i] == bloc) and ascii_key(u) == loose]
    if len(rows) == 1:
        return rows[0]
    if len(rows) > 1:
        listed = "; ".join(f"{units[i]} ({blocs[i]})" for i in rows)
        raise UnknownUnitError(
            f"tên đơn vị {name!r} khớp nhiều đơn vị: {listed}; hãy chỉ rõ khối "
            f"(the unit name {name!r} matches several units: {listed}; give the bloc)",
            candidates=[units[i] for i in rows],
            unit=name,
        )
    pool = [u for i, u in enumerate(units) if bloc is None or blocs[i] == bloc]
    near = closest(name, pool)
    if bloc is None:
        where = {u: blocs[i] for i, u in enumerate(units)}
        shown = "; ".join(f"{u} ({where[u]})" for u in near)
    else:
        shown = "; ".join(near)
    scope_vi = f"khối {bloc}" if bloc else "bảng xếp hạng"
    scope_en = f"bloc {bloc}" if bloc else "the ranking"
    raise UnknownUnitError(
        f"không có đơn vị {name!r} trong {scope_vi}; tên gần nhất: {shown or '(không có)'} "
        f"(no unit {name!r} in {scope_en}; closest names: {shown or '(none)'})",
        candidates=near,
        unit=name,
        bloc=bloc,
    )


def match_units(
    old_units: Sequence[str], new_units: Sequence[str], rubrics: Sequence["Rubric"], old_blocs: Sequence[str] | None = None,
    new_blocs: Sequence[str] | None = None,
) -> tuple[list[tuple[int, int]], list[int], list[int], list[tuple[int, int, str]]]:
    """Pairs ``(old row, new row)`` of the same unit, matched by name and alias.

    Returns ``(pairs, only_old, only_new, loose)``: ``loose`` lists pairs matched only
    once diacritics were ignored (``(old, new, "diacritics")``), so the caller can say so.
    A unit that matches two units of the other side raises :class:`AmbiguousMatchError`
    naming all of them. Units in only one side are listed, never dropped.
    """
    index: dict[str, list[int]] = {}
    for j, u in enumerate(new_units):
        for k in unit_keys(u, rubrics):
            index.setdefault(k, []).append(j)
    pairs: list[tuple[int, int]] = []
    taken: dict[int, int] = {}
    problems: list[str] = []
    loose: list[tuple[int, int, str]] = []
    unmatched_old: list[int] = []
    for i, u in enumerate(old_units):
        hits = sorted({j for k in unit_keys(u, rubrics) for j in index.get(k, [])})
        if old_blocs is not None and new_blocs is not None and len(hits) > 1:
            same = [j for j in hits if new_blocs[j] == old_blocs[i]]
            hits = same or hits
        if len(hits) > 1:
            problems.append(
                f"đơn vị cũ {u!r} khớp {len(hits)} đơn vị mới: {', '.join(repr(new_units[j]) for j in hits)} "
                f"(old unit {u!r} matches {len(hits)} new units)"
            )
            continue
        if not hits:
            unmatched_old.append(i)
            continue
        j = hits[0]
        if j in taken:
            problems.append(
                f"đơn vị mới {new_units[j]!r} khớp hai đơn vị cũ: {old_units[taken[j]]!r} và {u!r} "
                f"(new unit {new_units[j]!r} matches two old units: {old_units[taken[j]]!r} and {u!r})"
            )
            continue
        taken[j] = i
        pairs.append((i, j))
    # diacritics-blind fallback for what is left, one-to-one only
    left_new = [j for j in range(len(new_units)) if j not in taken]
    by_ascii: dict[str, list[int]] = {}
    for j in left_new:
        by_ascii.setdefault(ascii_key(new_units[j]), []).append(j)
    only_old: list[int] = []
    for i in unmatched_old:
        cands = by_ascii.get(ascii_key(old_units[i]), [])
        if len(cands) == 1 and cands[0] not in taken:
            taken[cands[0]] = i
            pairs.append((i, cands[0]))
            loose.append((i, cands[0], "diacritics"))
        else:
            only_old.append(i)
    if problems:
        raise AmbiguousMatchError(problems[0], problems=problems)
    only_new = [j for j in range(len(new_units)) if j not in taken]
    pairs.sort()
    return pairs, only_old, only_new, loose


