"""Finding units by name: one unit of a ranking (profiles), and the units of two rankings
matched to each other by name and alias, never by row (comparisons).

A name matches ignoring case and spacing; a roster alias of either rubric matches its
unit (a unit renamed between two years is found through the alias the newer edition
lists); as a last resort a name that matches one unit once diacritics are ignored — its
own name or any roster name or alias of it — is taken, and the match is reported. A
name that matches nothing raises :class:`UnknownUnitError` listing the closest names (of
the unit's bloc when it is given).

The exact matching is vectorised (:mod:`ict_adoption.analysis.unit_keys`: every name's
key set as arrays, joined by sorting); the diacritics-blind fallback runs in Python on
the names left unmatched only. ``tests/test_analysis_matching.py`` checks both against
plain loops over :func:`unit_keys`.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ..errors import InputError
from ..text import ascii_key, name_key
from .unit_keys import join_pairs, key_pairs

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


def loose_keys(name: str, rubrics: Sequence["Rubric"]) -> set[str]:
    """The diacritics-blind keys of a name: its own, and those of every name and alias of
    the roster unit it is (found exactly, or else without diacritics) in each rubric."""
    keys = {ascii_key(name)}
    for r in rubrics:
        unit = r.find_unit(name) or r.find_unit_loose(name)
        if unit is not None:
            keys.update(ascii_key(x) for x in (unit.name, *unit.aliases))
    return keys


def find_unit_row(
    units: Sequence[str], blocs: Sequence[str], rubric: "Rubric", name: str, bloc: str | None = None, lang: str = "vi"
) -> int:
    """The row of the unit called ``name`` (or an alias of it); ``bloc`` narrows the search.

    Raises :class:`UnknownUnitError` naming the closest names of the bloc (of every bloc
    when no bloc is given, each with its bloc).
    """
    (ur, uk), (_, qk) = key_pairs([units, [name]], [rubric])
    hit = np.unique(ur[np.isin(uk, qk)])
    if bloc is not None and len(hit):
        hit = hit[np.asarray(blocs, dtype=object)[hit] == bloc]
    rows = hit.tolist()
    if not rows:
        loose = loose_keys(name, [rubric])
        rows = [i for i, u in enumerate(units)
                if (bloc is None or blocs[i] == bloc) and loose_keys(u, [rubric]) & loose]
    if len(rows) == 1:
        return int(rows[0])
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
    n_old, n_new = len(old_units), len(new_units)
    pa, pb = key_pairs([old_units, new_units], rubrics)
    oi, nj = join_pairs(pa, pb)  # every (old, new) pair whose keys meet, by old row
    counts = np.bincount(oi, minlength=n_old)
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.intp)
    chosen = np.full(n_old, -1, dtype=np.intp)  # -1: no hit; -2: a problem
    single = np.flatnonzero(counts == 1)
    chosen[single] = nj[starts[single]]
    problems: list[tuple[int, str]] = []
    for i in np.flatnonzero(counts > 1).tolist():  # a name of several new units: rare
        hits = nj[starts[i]:starts[i + 1]].tolist()
        if old_blocs is not None and new_blocs is not None:
            hits = [j for j in hits if new_blocs[j] == old_blocs[i]] or hits
        if len(hits) > 1:
            u = old_units[i]
            problems.append((i,
                f"đơn vị cũ {u!r} khớp {len(hits)} đơn vị mới: {', '.join(repr(new_units[j]) for j in hits)} "
                f"(old unit {u!r} matches {len(hits)} new units)"))
            chosen[i] = -2
        else:
            chosen[i] = hits[0]
    # one new unit claimed by two old ones: the first keeps it, the others are problems
    claimed = np.flatnonzero(chosen >= 0)
    taken_new = chosen[claimed]
    _, first = np.unique(taken_new, return_index=True)
    keeps = np.zeros(len(claimed), dtype=bool)
    keeps[first] = True
    owner = np.full(n_new, -1, dtype=np.intp)
    owner[taken_new[keeps]] = claimed[keeps]
    for i in claimed[~keeps].tolist():
        j = int(chosen[i])
        problems.append((i,
            f"đơn vị mới {new_units[j]!r} khớp hai đơn vị cũ: {old_units[owner[j]]!r} và {old_units[i]!r} "
            f"(new unit {new_units[j]!r} matches two old units: {old_units[owner[j]]!r} and {old_units[i]!r})"))
    taken: dict[int, int] = {int(j): int(i) for j, i in zip(taken_new[keeps].tolist(), claimed[keeps].tolist())}
    pairs = [(int(i), int(chosen[i])) for i in claimed[keeps].tolist()]
    # diacritics-blind fallback for what is left (names and roster aliases), one-to-one only
    unmatched_old = np.flatnonzero(chosen == -1).tolist()
    loose: list[tuple[int, int, str]] = []
    only_old: list[int] = []
    if unmatched_old:
        by_ascii: dict[str, list[int]] = {}
        for j in range(n_new):
            if j not in taken:
                for k in loose_keys(new_units[j], rubrics):
                    by_ascii.setdefault(k, []).append(j)
        for i in unmatched_old:
            cands = sorted({j for k in loose_keys(old_units[i], rubrics) for j in by_ascii.get(k, [])})
            if len(cands) == 1 and cands[0] not in taken:
                taken[cands[0]] = i
                pairs.append((i, cands[0]))
                loose.append((i, cands[0], "diacritics"))
            else:
                only_old.append(i)
    if problems:
        problems.sort(key=lambda p: p[0])
        messages = [m for _, m in problems]
        raise AmbiguousMatchError(messages[0], problems=messages)
    only_new = [j for j in range(n_new) if j not in taken]
    pairs.sort()
    return pairs, only_old, only_new, loose
