"""The one row model: what every view of a ranking shows, built once, in display order.

A :class:`Rows` is made from the parts of a ranking (the scored table, the ranks, the
``tied`` flags, the class of each unit) and is the only thing views read: records and
JSON, CSV, text, Markdown, HTML, Excel, DataFrame and the narrative all take their unit,
bloc, rank, label, total, class, group and criterion points, level and note from here,
and every number goes through the one decimal formatter
(:func:`ict_adoption.exact.format_scaled_column`) at the rubric's precision. Two views
cannot disagree, and a new view has one object to learn.

Rows are in *display order*: by bloc (rubric order), then rank, then unit name
(Vietnamese-aware), units with no report last in their bloc. So each bloc is a
contiguous slice (:class:`Section`), found once, not by scanning every row per bloc.
Positions (``0 … len(rows)-1``) index the arrays of :class:`Rows`; ``rows.index[k]``
is the input row (the position in ``ranking.units``) of display position ``k``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from .row_cells import points_cells
from .row_order import _tie_name_order, display_order  # noqa: F401  (_tie_name_order: tests)
from .scoring import LEVELS, ScoredTable
from .words import band_label, check_lang

if TYPE_CHECKING:  # pragma: no cover
    from .model import Bloc, Rubric

__all__ = ["Rows", "Section", "HasRows", "rows_of", "rank_label", "rank_label_column", "edition_keys"]

IntArray = npt.NDArray[np.int64]


def rank_label(rank: float, tied: bool, reported: bool, method: str) -> str:
    """``"2="`` for a shared rank, ``"5"`` otherwise, ``"—"`` for a unit with no report.

    An ordinal rank is never shared: units with equal totals get consecutive ranks
    from the declared tie-break, so their labels carry no ``=`` (``tied`` still says
    that their totals are equal).
    """
    if not reported:
        return "—"
    text = f"{rank:g}" if method == "fractional" else str(int(rank))
    return text + ("=" if tied and method != "ordinal" else "")


def _at(values: Any, order: npt.NDArray[np.intp]) -> npt.NDArray[Any]:
    """``values[order]`` along the first axis (``np.take``: several times faster for 2-D)."""
    return np.take(np.asarray(values), order, axis=0)


def rank_label_column(rank: npt.ArrayLike, tied: npt.ArrayLike, reported: npt.ArrayLike, method: str) -> list[str]:
    """:func:`rank_label` of every row, each distinct label made once (integer ranks)."""
    r, t, ok = np.asarray(rank), np.asarray(tied, dtype=bool), np.asarray(reported, dtype=bool)
    if method == "fractional" or len(r) < 2:
        return [rank_label(a, b, c, method) for a, b, c in zip(r.tolist(), t.tolist(), ok.tolist())]
    key = np.where(ok, r.astype(np.int64) * 2 + (t & (method != "ordinal")), -1)
    distinct, row_key = np.unique(key, return_inverse=True)
    made = ["—" if k < 0 else str(k >> 1) + ("=" if k & 1 else "") for k in distinct.tolist()]
    return list(map(made.__getitem__, row_key.reshape(-1).tolist()))


@attrs.frozen
class Section:
    """One bloc of a ranking: the slice ``start:stop`` of the rows, ranked ones first.

    ``group_cols`` index ``rubric.groups`` (groups known for at least one unit of the
    bloc); ``counts`` is the number of ranked units per class, in band order.
    """

    bloc: "Bloc"
    code: int
    start: int
    stop: int
    n_ranked: int
    group_cols: tuple[int, ...]
    counts: tuple[int, ...]

    @property
    def rows(self) -> range:
        """Display positions of every unit of the bloc."""
        return range(self.start, self.stop)

    @property
    def ranked(self) -> range:
        return range(self.start, self.start + self.n_ranked)

    @property
    def not_reported(self) -> range:
        return range(self.start + self.n_ranked, self.stop)

    def __len__(self) -> int:
        return self.stop - self.start


@attrs.frozen(eq=False)
class Rows:
    """Every unit of a ranking as the views show it, column by column, in display order.

    Points (``total``, ``group_points``, ``leaf_points``, ``bloc_max``) are scaled
    integers (``rubric.scale``); ``band`` indexes ``rubric.bands`` (-1: no report);
    ``rank`` is 0 for a unit with no report. Build one with :meth:`build` (as
    :attr:`Ranking.rows <ict_adoption.ranking.Ranking.rows>` does).
    """

    rubric: "Rubric"
    method: str
    index: npt.NDArray[np.intp]
    unit: npt.NDArray[np.str_]
    bloc_code: IntArray
    reported: npt.NDArray[np.bool_]
    rank: npt.NDArray[Any]
    tied: npt.NDArray[np.bool_]
    band: IntArray
    total: IntArray
    level: npt.NDArray[np.uint8]
    group_points: npt.NDArray[np.int64]
    group_known: npt.NDArray[np.bool_]
    leaf_points: npt.NDArray[np.int64]
    leaf_known: npt.NDArray[np.bool_]
    notes: tuple[str | None, ...] | None
    input_notes: tuple[str, ...]
    sections: tuple[Section, ...]

    @classmethod
    def build(
        cls,
        scored: ScoredTable,
        method: str,
        ranks: npt.NDArray[Any],
        tied: npt.NDArray[np.bool_],
        band_index: IntArray,
    ) -> "Rows":
        """The rows of a ranking from its parts (arrays aligned with ``scored.units``)."""
        rubric = scored.rubric
        unranked = (~scored.reported).astype(np.int64)
        order = display_order(scored.units, scored.bloc_codes, unranked, ranks)
        codes = _at(scored.bloc_codes, order)
        reported = _at(scored.reported, order)
        band = _at(band_index, order)
        group_known = _at(scored.group_known, order).reshape(len(order), len(rubric.groups))
        n_blocs, n_bands = len(rubric.blocs), len(rubric.bands)
        bounds = np.searchsorted(codes, np.arange(n_blocs + 1))
        ranked_per_bloc = np.bincount(codes[reported], minlength=n_blocs)
        counts = np.bincount(codes[reported] * n_bands + band[reported], minlength=n_blocs * n_bands).reshape(n_blocs, n_bands)
        sections = []
        for code, bloc in enumerate(rubric.blocs):
            start, stop = int(bounds[code]), int(bounds[code + 1])
            known = group_known[start:stop].any(axis=0) if stop > start else np.zeros(len(rubric.groups), bool)
            sections.append(
                Section(
                    bloc=bloc,
                    code=code,
                    start=start,
                    stop=stop,
                    n_ranked=int(ranked_per_bloc[code]),
                    group_cols=tuple(np.flatnonzero(known).tolist()),
                    counts=tuple(counts[code].tolist()),
                )
            )
        comments = scored.comments
        arrays = dict(
            index=order,
            unit=_at(scored.units, order),
            bloc_code=codes,
            reported=reported,
            rank=_at(ranks, order),
            tied=_at(tied, order) & reported,
            band=band,
            total=_at(scored.total, order),
            level=_at(scored.level, order),
            group_points=_at(scored.group_points, order).reshape(group_known.shape),
            group_known=group_known,
            leaf_points=_at(scored.leaf_points, order).reshape(len(order), -1),
            leaf_known=_at(scored.leaf_known, order).reshape(len(order), -1),
        )
        for a in arrays.values():
            a.setflags(write=False)
        return cls(
            rubric=rubric,
            method=method,
            notes=None if comments is None else tuple(comments[i] for i in order.tolist()),
            input_notes=tuple(scored.notes),
            sections=tuple(sections),
            **arrays,
        )

    def __len__(self) -> int:
        return len(self.unit)

    # ------------------------------------------------------------------ blocs

    @property
    def filled_sections(self) -> tuple[Section, ...]:
        """The sections of blocs with at least one unit (what tables and reports show)."""
        return tuple(s for s in self.sections if len(s))

    def section(self, bloc: str) -> Section:
        """The section of a bloc given by id, name or alias."""
        return self.sections[self.rubric.blocs.index(self.rubric.bloc(bloc))]

    def class_counts(self, lang: str = "vi") -> dict[str, dict[str, int]]:
        """Bloc id → {class label: number of ranked units}, every class listed (0 too)."""
        labels = [band_label(b, check_lang(lang)) for b in self.rubric.bands]
        return {s.bloc.id: dict(zip(labels, s.counts)) for s in self.sections}

    # ------------------------------------------------------------------ cells

    @functools.cached_property
    def rank_labels(self) -> tuple[str, ...]:
        """``"2="``, ``"5"``, ``"—"`` for every row (see :func:`rank_label`)."""
        return tuple(rank_label_column(self.rank, self.tied, self.reported, self.method))

    @functools.cached_property
    def rank_values(self) -> tuple[int | float | None, ...]:
        """The rank as a number (float for ``"fractional"``), None with no report."""
        conv = float if self.method == "fractional" else int
        return tuple(conv(r) if ok else None for r, ok in zip(self.rank.tolist(), self.reported.tolist()))

    @functools.cached_property
    def bloc_max(self) -> IntArray:
        """The maximum of each row's bloc (scaled)."""
        return self.rubric.bloc_max_scaled[self.bloc_code]

    def points_text(self, values: npt.ArrayLike, known: npt.ArrayLike | None = None, *, decimal_comma: bool = False) -> list[str]:
        """Scaled points as text with the rubric's decimals; ``""`` where not known."""
        return points_cells(values, known, self.rubric.precision, decimal_comma=decimal_comma)

    def total_text(self, section: Section | None = None) -> list[str]:
        """The totals of a section (all rows if None), ``""`` for a unit with no report."""
        s = slice(None) if section is None else slice(section.start, section.stop)
        return self.points_text(self.total[s], self.reported[s])

    def group_text(self, g: int, section: Section | None = None) -> list[str]:
        s = slice(None) if section is None else slice(section.start, section.stop)
        return self.points_text(self.group_points[s, g], self.group_known[s, g])

    def values(self, points: npt.ArrayLike, known: npt.ArrayLike) -> list[float | None]:
        """Scaled points as floats with exactly the rubric's decimals (None where unknown)."""
        scale = self.rubric.scale
        p = np.asarray(points, dtype=np.int64).reshape(-1)
        flags = np.asarray(known, dtype=bool).reshape(-1).tolist()
        if len(p) and int(np.abs(p).max()) < 2**53:
            # exact in float64, and one IEEE division is correctly rounded: int(p) / scale
            floats = (p / scale).tolist()
            return [v if k else None for v, k in zip(floats, flags)]
        return [int(x) / scale if k else None for x, k in zip(p.tolist(), flags)]

    # ------------------------------------------------------------------ records

    def records(self) -> list[dict[str, Any]]:
        """One dict per unit, in display order: the JSON contract of ``--format json``.

        Keys: ``unit``, ``bloc`` (id), ``bloc_name``, ``total``, ``max`` (the bloc's
        maximum), ``rank`` (None if unranked), ``rank_label`` (``"2="``), ``tied``,
        ``band``, ``band_en``, ``status`` (``"ranked"`` or ``"not_reported"``),
        ``level`` (``"total"``, ``"groups"`` or ``"criteria"``), ``groups`` (group
        id → points, where known) and, where given, ``criteria`` and ``note``; then
        ``edition`` (the edition computed with: ``"quangnam:2018 (QĐ 2683/QĐ-UBND)"``)
        and, when the rubric was looked up for a year past what its sources support,
        ``edition_warning`` / ``edition_warning_en`` (:meth:`Rubric.year_warning`).
        Numbers are floats carrying exactly the rubric's decimals.
        """
        r = self.rubric
        group_ids = [g.id for g in r.groups]
        leaf_ids = r.scored_ids
        is_group = set(group_ids)
        crit_cols = [j for j, x in enumerate(leaf_ids) if x not in is_group]
        totals = self.values(self.total, self.reported)
        maxima = self.values(self.bloc_max, np.ones(len(self), bool))
        groups = [self.values(self.group_points[:, g], self.group_known[:, g]) for g in range(len(group_ids))]
        crits = [self.values(self.leaf_points[:, j], self.leaf_known[:, j]) for j in crit_cols]
        blocs = r.blocs
        bands = [(b.label, b.label_en or b.label) for b in r.bands]
        edition = edition_keys(r)
        out = []
        for k, (code, ok, band) in enumerate(zip(self.bloc_code.tolist(), self.reported.tolist(), self.band.tolist())):
            label = bands[band] if ok else (None, None)
            rec: dict[str, Any] = {
                "unit": str(self.unit[k]),
                "bloc": blocs[code].id,
                "bloc_name": blocs[code].name,
                "total": totals[k],
                "max": maxima[k],
                "rank": self.rank_values[k],
                "rank_label": self.rank_labels[k],
                "tied": bool(self.tied[k]),
                "band": label[0],
                "band_en": label[1],
                "status": "ranked" if ok else "not_reported",
                "level": LEVELS[self.level[k]],
                "groups": {gid: col[k] for gid, col in zip(group_ids, groups) if col[k] is not None},
            }
            crit = {leaf_ids[j]: col[k] for j, col in zip(crit_cols, crits) if col[k] is not None}
            if crit:
                rec["criteria"] = crit
            if self.notes is not None and self.notes[k]:
                rec["note"] = self.notes[k]
            rec.update(edition)
            out.append(rec)
        return out


def edition_keys(rubric: "Rubric") -> dict[str, str]:
    """The keys every record ends with: ``edition`` and, past the years the sources
    support, ``edition_warning`` (Vietnamese) and ``edition_warning_en``."""
    out = {"edition": rubric.edition_label}
    warning = rubric.year_warning("vi")
    if warning is not None:
        out["edition_warning"] = warning
        out["edition_warning_en"] = rubric.year_warning("en") or warning
    return out


class HasRows(Protocol):
    """Anything that offers its rows (a :class:`~ict_adoption.ranking.Ranking`)."""

    @property
    def rows(self) -> Rows: ...


def rows_of(obj: "Rows | HasRows") -> Rows:
    """The rows of ``obj``: a :class:`Rows` itself, or what a ranking offers as ``.rows``.

    Views call this, so they take a ranking or its rows alike and never need to import
    the ranking layer above them.
    """
    return obj if isinstance(obj, Rows) else obj.rows
