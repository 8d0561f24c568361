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
:meth:`~ict_adoption.ranking.Ranking.class_counts`, the places from ``ranks`` — so the
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

from typing import TYPE_CHECKING

from . import BlocSection, band_label, bloc_label, bloc_sections, check_lang, score_text

if TYPE_CHECKING:  # pragma: no cover
    from ..ranking import Ranking

__all__ = ["narrative", "bloc_narrative"]

MAX_NAMES = 5


def narrative(ranking: "Ranking", *, lang: str = "vi", max_names: int = MAX_NAMES) -> str:
    """One paragraph per bloc (blocs in rubric order), separated by a blank line."""
    check_lang(lang)
    return "\n\n".join(
        bloc_narrative(ranking, s, lang=lang, max_names=max_names) for s in bloc_sections(ranking)
    )


def bloc_narrative(
    ranking: "Ranking", bloc: "str | BlocSection", *, lang: str = "vi", max_names: int = MAX_NAMES
) -> str:
    """The paragraph of one bloc (``bloc``: an id, a name, or a :class:`BlocSection`)."""
    check_lang(lang)
    if isinstance(bloc, BlocSection):
        section = bloc
    else:
        wanted = ranking.rubric.bloc(bloc).id
        found = [s for s in bloc_sections(ranking, include_empty=True) if s.bloc.id == wanted]
        section = found[0]
    words = _Vi(ranking, section, max_names) if lang == "vi" else _En(ranking, section, max_names)
    return " ".join(x for x in (words.classes(), words.leaders(), words.not_reported()) if x)


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


class _Bloc:
    """What both languages need about one bloc, read from the ranking."""

    def __init__(self, ranking: "Ranking", section: BlocSection, max_names: int) -> None:
        self.ranking = ranking
        self.section = section
        self.max_names = max_names
        self.rubric = ranking.rubric
        self.counts = list(section.counts)
        self.ranked = list(section.ranked)
        st = ranking.scored
        self.units = st.units
        # units of the top class, in rank order
        self.top_units = [self.units[i] for i in self.ranked if ranking.band_index[i] == 0]
        # places: runs of units sharing a rank, in rank order
        runs: list[list[int]] = []
        for i in self.ranked:
            if runs and ranking.ranks[runs[-1][0]] == ranking.ranks[i]:
                runs[-1].append(i)
            else:
                runs.append([i])
        self.runs = runs

    def label(self, b: int, lang: str) -> str:
        return band_label(self.rubric.bands[b], lang)

    def score(self, i: int, lang: str) -> str:
        return score_text(self.ranking.scored.total[i], self.rubric.precision, lang, prose=True)

    def rank_number(self, i: int, lang: str) -> str:
        r = self.ranking.ranks[i]
        text = f"{int(r)}" if r == int(r) else f"{float(r):g}"
        return text.replace(".", ",") if lang == "vi" else text

    def names(self, rows: list[int]) -> list[str]:
        return [self.units[i] for i in rows]

    @property
    def positive(self) -> list[int]:
        return [b for b, n in enumerate(self.counts) if n > 0]

    @property
    def zero(self) -> list[int]:
        return [b for b, n in enumerate(self.counts) if n == 0]

    @property
    def zero_split(self) -> tuple[list[int], list[int]]:
        """Empty classes above every class with units (said first), and the rest (last)."""
        first = self.positive[0] if self.positive else len(self.counts)
        return [b for b in self.zero if b < first], [b for b in self.zero if b > first]

    @property
    def all_in_one(self) -> bool:
        return len(self.positive) == 1 and sum(self.counts) >= 2 and not self.section.not_reported


class _Vi(_Bloc):
    def head(self, lower: bool = False) -> str:
        name = bloc_label(self.section.bloc, "vi")
        if name.casefold().startswith(("khối ", "nhóm ")):
            text = name[0].upper() + name[1:]
        else:
            text = f"Khối {name}"
        return text[0].lower() + text[1:] if lower else text

    def classes(self) -> str:
        total = sum(self.counts)
        if total == 0:
            return f"{self.head()} không có đơn vị nào được xếp hạng."
        if self.all_in_one:
            b = self.positive[0]
            text = f"Cả {total} đơn vị của {self.head(lower=True)} đều xếp loại {self.label(b, 'vi')}"
            if b == 0 and total <= self.max_names:
                text += ": " + ", ".join(self.top_units)
            return text + "."
        clauses: list[str] = []
        named: set[int] = set()
        for b in self.positive:
            n = self.counts[b]
            clause = f"{n} đơn vị {self.label(b, 'vi')}"
            if b == 0 and n <= self.max_names:
                clause += (" là " if n == 1 else " gồm ") + ", ".join(self.top_units)
                named.add(len(clauses))
            clauses.append(clause)
        has = _join_clauses(clauses, "và", named)
        lead, trail = self.zero_split
        text = self.head()
        if lead:
            text += f" không có đơn vị {_join_and([self.label(b, 'vi') for b in lead], 'và')}; {has}"
        else:
            text += f" có {has}"
        if trail:
            text += f"; không có đơn vị {_join_and([self.label(b, 'vi') for b in trail], 'và')}"
        return text + "."

    def leaders(self) -> str:
        if not self.runs:
            return ""
        first = self.runs[0]
        if len(self.ranked) == 1:
            return f"{self.units[first[0]]} đạt {self.score(first[0], 'vi')} điểm."
        if len(first) == 1:
            text = f"Dẫn đầu là {self.units[first[0]]} với {self.score(first[0], 'vi')} điểm"
        else:
            text = f"{self._who(first)} đồng hạng nhất với {self.score(first[0], 'vi')} điểm"
        if len(self.runs) > 1:
            nxt = self.runs[1]
            place = self.rank_number(nxt[0], "vi")
            pts = self.score(nxt[0], "vi")
            if len(nxt) == 1:
                text += f"; đứng thứ {place} là {self.units[nxt[0]]} với {pts} điểm"
            else:
                text += f"; {self._who(nxt)} đồng hạng {place} với {pts} điểm"
        return text + "."

    def _who(self, rows: list[int]) -> str:
        # "A, B là 2 đơn vị": names joined by commas only (names often contain "và"),
        # and the count says where the list ends
        if len(rows) > self.max_names:
            return f"{len(rows)} đơn vị"
        return f"{', '.join(self.names(rows))} là {len(rows)} đơn vị"

    def not_reported(self) -> str:
        rows = list(self.section.not_reported)
        if not rows:
            return ""
        text = f"Có {len(rows)} đơn vị không báo cáo nên không được xếp hạng"
        if len(rows) <= self.max_names:
            text += ": " + ", ".join(self.names(rows))
        return text + "."


class _En(_Bloc):
    def head(self, capital: bool = True) -> str:
        name = bloc_label(self.section.bloc, "en")
        the = "The" if capital else "the"
        if name.casefold().endswith((" bloc", " group")):
            return f"{the} {name}"
        return f"{the} {name} bloc"

    def classes(self) -> str:
        total = sum(self.counts)
        if total == 0:
            return f"{self.head()} has no ranked unit."
        if self.all_in_one:
            b = self.positive[0]
            text = f"All {total} units of {self.head(capital=False)} are rated {self.label(b, 'en')}"
            if b == 0 and total <= self.max_names:
                text += ": " + ", ".join(self.top_units)
            return text + "."
        clauses: list[str] = []
        named: set[int] = set()
        for k, b in enumerate(self.positive):
            n = self.counts[b]
            if k == 0:
                clause = f"{n} unit{'s' if n != 1 else ''} rated {self.label(b, 'en')}"
            else:
                clause = f"{n} {self.label(b, 'en')}"
            if b == 0 and n <= self.max_names:
                clause += ": " + ", ".join(self.top_units)
                named.add(len(clauses))
            clauses.append(clause)
        has = _join_clauses(clauses, "and", named)
        lead, trail = self.zero_split
        text = self.head()
        if lead:
            text += f" has no unit rated {_join_and([self.label(b, 'en') for b in lead], 'or')}; {has}"
        else:
            text += f" has {has}"
        if trail:
            text += f"; no unit rated {_join_and([self.label(b, 'en') for b in trail], 'or')}"
        return text + "."

    def leaders(self) -> str:
        if not self.runs:
            return ""
        first = self.runs[0]
        if len(self.ranked) == 1:
            return f"{self.units[first[0]]} scores {self.score(first[0], 'en')} points."
        if len(first) == 1:
            text = f"{self.units[first[0]]} leads with {self.score(first[0], 'en')} points"
        else:
            text = f"{self._who(first)} are tied 1st with {self.score(first[0], 'en')} points"
        if len(self.runs) > 1:
            nxt = self.runs[1]
            place = _ordinal_en(float(self.ranking.ranks[nxt[0]]))
            pts = self.score(nxt[0], "en")
            if len(nxt) == 1:
                text += f"; {self.units[nxt[0]]} is {place} with {pts} points"
            else:
                text += f"; {self._who(nxt)} are tied {place} with {pts} points"
        return text + "."

    def _who(self, rows: list[int]) -> str:
        if len(rows) > self.max_names:
            return f"{len(rows)} units"
        return _join_and(self.names(rows), "and")

    def not_reported(self) -> str:
        rows = list(self.section.not_reported)
        if not rows:
            return ""
        n = len(rows)
        text = f"{n} unit{'s' if n != 1 else ''} did not report and {'are' if n != 1 else 'is'} not ranked"
        if n <= self.max_names:
            text += ": " + ", ".join(self.names(rows))
        return text + "."
