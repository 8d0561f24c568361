"""Summary sentences per bloc, worded the way results announcements word them.

Vietnamese (default)::

    Khối Sở, ngành có 3 đơn vị Tốt gồm Sở A, Sở B, Sở C; 12 đơn vị Khá; 4 đơn vị
    Trung bình và 1 đơn vị Yếu. Dẫn đầu là Sở A với 99,87 điểm; Sở B, Sở C là 2 đơn
    vị đồng hạng 2 với 97,50 điểm.

English::

    The Departments bloc has 3 units rated Good: Sở A, Sở B, Sở C; 12 Fair;
    4 Average and 1 Weak. Sở A leads with 99.87 points; Sở B and Sở C are tied 2nd
    with 97.50 points.

Every number and name comes from the ranking itself — the counts from
:class:`~ict_adoption.rows.Rows` (the class counts of each bloc, the ranks) — so the
text cannot disagree with the tables. Scores carry exactly the rubric's decimals, with a
decimal comma in Vietnamese.

Rules, per bloc (one paragraph each, blocs in rubric order, blocs with no unit skipped):

1. *Classes.* Each class with units, in band order: "N đơn vị Khá" ("N Fair"); the
   top class names its units (rank order) when there are at most ``max_names``.
   Classes with no unit: "không có đơn vị Tốt" ("no unit rated Good") opens the
   sentence when they lie above every class with units, and "không có đơn vị Yếu"
   closes it otherwise. When every unit of the bloc is in one class (two or more units,
   all reported): "Cả N đơn vị của khối X đều xếp loại Khá."
2. *Leaders.* The units in first place with their score ("đồng hạng nhất" when tied),
   then the next place ("đồng hạng 2" when tied). Tied Vietnamese names are joined by
   commas and counted ("A, B là 2 đơn vị đồng hạng nhất"), since names often contain
   "và". More than ``max_names`` tied units are counted, not named.
3. *No report.* Units not ranked ("không báo cáo") are counted, and named when at most
   ``max_names``.
"""

from __future__ import annotations

from typing import Callable

import attrs

from . import band_label, bloc_label, check_lang, score_text
from ..rows import HasRows, Rows, Section, rows_of

__all__ = ["narrative", "bloc_narrative"]

MAX_NAMES = 5


def narrative(ranking: "Rows | HasRows", *, lang: str = "vi", max_names: int = MAX_NAMES) -> str:
    """One paragraph per bloc (blocs in rubric order), separated by a blank line."""
    check_lang(lang)
    rows = rows_of(ranking)
    return "\n\n".join(bloc_narrative(rows, s, lang=lang, max_names=max_names) for s in rows.filled_sections)


def bloc_narrative(
    ranking: "Rows | HasRows", bloc: "str | Section", *, lang: str = "vi", max_names: int = MAX_NAMES
) -> str:
    """The paragraph of one bloc (``bloc``: an id, a name, or a :class:`Section`)."""
    check_lang(lang)
    rows = rows_of(ranking)
    section = bloc if isinstance(bloc, Section) else rows.section(bloc)
    facts = _Bloc(rows, section, max_names, lang)
    return " ".join(x for x in (facts.classes(), facts.leaders(), facts.not_reported()) if x)


# --------------------------------------------------------------------------- helpers


def _join_and(items: list[str], conj: str) -> str:
    """``a``, ``a conj b``, ``a, b conj c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def _join_clauses(clauses: list[str], conj: str, named: set[int]) -> str:
    """Clauses joined by "; ", the last by " conj " — unless the one before it ends
    with a list of names, where "and" would read as part of the list."""
    if len(clauses) <= 1:
        return "".join(clauses)
    head = "; ".join(clauses[:-1])
    sep = "; " if (len(clauses) - 2) in named else f" {conj} "
    return head + sep + clauses[-1]


def _ordinal_en(rank: float) -> str:
    if rank != int(rank):
        return f"{rank:g}th"
    n = int(rank)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _place_vi(rank: float) -> str:
    return f"{int(rank)}" if rank == int(rank) else f"{rank:g}".replace(".", ",")


def _s(n: int) -> str:
    return "s" if n != 1 else ""


def _head_vi(name: str, start: bool) -> str:
    text = name[0].upper() + name[1:] if name.casefold().startswith(("khối ", "nhóm ")) else f"Khối {name}"
    return text if start else text[0].lower() + text[1:]


def _head_en(name: str, start: bool) -> str:
    the = "The" if start else "the"
    return f"{the} {name}" if name.casefold().endswith((" bloc", " group")) else f"{the} {name} bloc"


@attrs.frozen
class _Vocabulary:
    """The phrases of one language; the sentences are built the same way in both.

    Each phrase is a format string (fields in braces) or a function of the numbers.
    """

    head: Callable[[str, bool], str]
    none_ranked: str  # {head}
    all_in_one: str  # {total} {head_lower} {label}
    first_clause: Callable[[int, str], str]  # n, label
    other_clause: Callable[[int, str], str]
    top_names: Callable[[int], str]  # separator before the names of the top class
    conj: str
    none_in: str  # " không có đơn vị {labels}" (classes above every class with units)
    or_: str
    has: str  # " có {has}"
    none_after: str
    alone: str  # {unit} {score}
    leads: str
    tied_first: str  # {who} {score}
    next_alone: str  # {place} {unit} {score}
    next_tied: str  # {who} {place} {score}
    place: Callable[[float], str]
    count_units: Callable[[int], str]
    who: Callable[[list[str], int], str]  # names, n
    not_reported: Callable[[int], str]


_VOCABULARY = {
    "vi": _Vocabulary(
        head=_head_vi,
        none_ranked="{head} không có đơn vị nào được xếp hạng.",
        all_in_one="Cả {total} đơn vị của {head_lower} đều xếp loại {label}",
        first_clause=lambda n, label: f"{n} đơn vị {label}",
        other_clause=lambda n, label: f"{n} đơn vị {label}",
        top_names=lambda n: " là " if n == 1 else " gồm ",
        conj="và",
        none_in=" không có đơn vị {labels}; {has}",
        or_="và",
        has=" có {has}",
        none_after="; không có đơn vị {labels}",
        alone="{unit} đạt {score} điểm.",
        leads="Dẫn đầu là {unit} với {score} điểm",
        tied_first="{who} đồng hạng nhất với {score} điểm",
        next_alone="; đứng thứ {place} là {unit} với {score} điểm",
        next_tied="; {who} đồng hạng {place} với {score} điểm",
        place=_place_vi,
        count_units=lambda n: f"{n} đơn vị",
        # names joined by commas only (names often contain "và"); the count ends the list
        who=lambda names, n: f"{', '.join(names)} là {n} đơn vị",
        not_reported=lambda n: f"Có {n} đơn vị không báo cáo nên không được xếp hạng",
    ),
    "en": _Vocabulary(
        head=_head_en,
        none_ranked="{head} has no ranked unit.",
        all_in_one="All {total} units of {head_lower} are rated {label}",
        first_clause=lambda n, label: f"{n} unit{_s(n)} rated {label}",
        other_clause=lambda n, label: f"{n} {label}",
        top_names=lambda n: ": ",
        conj="and",
        none_in=" has no unit rated {labels}; {has}",
        or_="or",
        has=" has {has}",
        none_after="; no unit rated {labels}",
        alone="{unit} scores {score} points.",
        leads="{unit} leads with {score} points",
        tied_first="{who} are tied 1st with {score} points",
        next_alone="; {unit} is {place} with {score} points",
        next_tied="; {who} are tied {place} with {score} points",
        place=_ordinal_en,
        count_units=lambda n: f"{n} units",
        who=lambda names, n: _join_and(names, "and"),
        not_reported=lambda n: f"{n} unit{_s(n)} did not report and {'are' if n != 1 else 'is'} not ranked",
    ),
}


class _Bloc:
    """One bloc's sentences, read from the rows, in the words of one language."""

    def __init__(self, rows: Rows, section: Section, max_names: int, lang: str) -> None:
        self.rows = rows
        self.section = section
        self.max_names = max_names
        self.lang = lang
        self.v = _VOCABULARY[lang]
        self.counts = list(section.counts)
        self.ranked = list(section.ranked)
        self.units = rows.unit
        # units of the top class, in rank order
        self.top_units = [str(self.units[k]) for k in self.ranked if rows.band[k] == 0]
        # places: runs of units sharing a rank, in rank order
        runs: list[list[int]] = []
        for k in self.ranked:
            if runs and rows.rank[runs[-1][0]] == rows.rank[k]:
                runs[-1].append(k)
            else:
                runs.append([k])
        self.runs = runs

    def label(self, b: int) -> str:
        return band_label(self.rows.rubric.bands[b], self.lang)

    def labels(self, bands: list[int]) -> str:
        return _join_and([self.label(b) for b in bands], self.v.or_)

    def score(self, k: int) -> str:
        return score_text(self.rows.total[k], self.rows.rubric.precision, self.lang, prose=True)

    def names(self, positions: list[int] | range) -> list[str]:
        return [str(self.units[k]) for k in positions]

    def head(self, start: bool = True) -> str:
        return self.v.head(bloc_label(self.section.bloc, self.lang), start)

    def who(self, positions: list[int]) -> str:
        n = len(positions)
        return self.v.count_units(n) if n > self.max_names else self.v.who(self.names(positions), n)

    def classes(self) -> str:
        v = self.v
        total = sum(self.counts)
        if total == 0:
            return v.none_ranked.format(head=self.head())
        positive = [b for b, n in enumerate(self.counts) if n > 0]
        if len(positive) == 1 and total >= 2 and not self.section.not_reported:
            b = positive[0]
            text = v.all_in_one.format(total=total, head_lower=self.head(start=False), label=self.label(b))
            if b == 0 and total <= self.max_names:
                text += ": " + ", ".join(self.top_units)
            return text + "."
        clauses: list[str] = []
        named: set[int] = set()
        for k, b in enumerate(positive):
            n = self.counts[b]
            clause = (v.first_clause if k == 0 else v.other_clause)(n, self.label(b))
            if b == 0 and n <= self.max_names:
                clause += v.top_names(n) + ", ".join(self.top_units)
                named.add(len(clauses))
            clauses.append(clause)
        has = _join_clauses(clauses, v.conj, named)
        # empty classes above every class with units are said first, the rest last
        first = positive[0]
        lead = [b for b, n in enumerate(self.counts) if n == 0 and b < first]
        trail = [b for b, n in enumerate(self.counts) if n == 0 and b > first]
        text = self.head()
        text += v.none_in.format(labels=self.labels(lead), has=has) if lead else v.has.format(has=has)
        if trail:
            text += v.none_after.format(labels=self.labels(trail))
        return text + "."

    def leaders(self) -> str:
        if not self.runs:
            return ""
        v = self.v
        first = self.runs[0]
        if len(self.ranked) == 1:
            return v.alone.format(unit=self.units[first[0]], score=self.score(first[0]))
        if len(first) == 1:
            text = v.leads.format(unit=self.units[first[0]], score=self.score(first[0]))
        else:
            text = v.tied_first.format(who=self.who(first), score=self.score(first[0]))
        if len(self.runs) > 1:
            nxt = self.runs[1]
            place = v.place(float(self.rows.rank[nxt[0]]))
            if len(nxt) == 1:
                text += v.next_alone.format(place=place, unit=self.units[nxt[0]], score=self.score(nxt[0]))
            else:
                text += v.next_tied.format(who=self.who(nxt), place=place, score=self.score(nxt[0]))
        return text + "."

    def not_reported(self) -> str:
        missing = self.section.not_reported
        if not missing:
            return ""
        text = self.v.not_reported(len(missing))
        if len(missing) <= self.max_names:
            text += ": " + ", ".join(self.names(missing))
        return text + "."
