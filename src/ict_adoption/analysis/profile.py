"""Unit profiles: what a unit earned and lost on each group and criterion, where it
stands in its bloc, its strengths and weaknesses, and what it lacks for the next class.

:func:`profiles` computes, for every unit of a ranking at once (numpy over units, one
pass per group or criterion), the points, maxima, points lost, shares of the maximum,
the tie-aware rank inside the bloc on each group and criterion (the kernel and the method
of the total's ranking, :func:`~ict_adoption.ranks.rank_within_blocs`) and the bloc's
median share and uniformity. :meth:`Profiles.unit` (or :func:`profile`) assembles one
unit's :class:`~ict_adoption.analysis.profile_parts.UnitProfile` from those arrays.

A *strength* is a criterion where the unit's share of the maximum is at least ``margin``
(default 0.10, ten points of percentage) above its bloc's median share; a *weakness* at
least ``margin`` below. Criteria on which nearly every unit of the bloc scores the same
(the most common value held by at least ``uniform`` = 90 % of the bloc's units) are
skipped: standing out there says nothing. Only regular groups count (bonus and penalty
points are shown, never "lost").
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from ..exact import scale_exact
from ..ranks import name_order, rank_within_blocs
from .bloc_stats import BlocStats, bloc_stats
from .matching import find_unit_row
from .profile_parts import Gap, Item, UnitProfile

if TYPE_CHECKING:  # pragma: no cover
    from ..ranking import Ranking

__all__ = ["Profiles", "profiles", "profile", "LevelArrays", "class_bound_scaled"]

IntArray = npt.NDArray[np.int64]


@attrs.frozen(eq=False)
class LevelArrays:
    """One level (groups or scored leaves) of every unit: units × columns arrays.

    ``counts``: the points are known, the column applies to the unit's bloc and the unit
    is ranked. ``rank`` is 0 where it does not count. ``stats[j]``: the bloc statistics
    of column ``j``'s share of the maximum.
    """

    points: IntArray
    maxima: IntArray
    counts: npt.NDArray[np.bool_]
    regular: npt.NDArray[np.bool_]
    share: npt.NDArray[np.float64]
    lost: IntArray
    rank: npt.NDArray[Any]
    tied: npt.NDArray[np.bool_]
    stats: tuple[BlocStats, ...]


def _level(ranking: "Ranking", points: IntArray, known: npt.NDArray[np.bool_], max_matrix: IntArray,
           signs: IntArray, regular: npt.NDArray[np.bool_], tie_keys: list[IntArray]) -> LevelArrays:
    scored = ranking.scored
    codes = scored.bloc_codes
    n_blocs = len(ranking.rubric.blocs)
    maxima = max_matrix[codes] if len(codes) else np.zeros((0, max_matrix.shape[1]), dtype=np.int64)
    counts = known & (maxima >= 0) & scored.reported[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(counts & (maxima > 0), points / np.where(maxima > 0, maxima, 1), np.nan)
    lost = np.where(counts & regular[None, :], maxima - points, 0)
    n, m = points.shape
    rank = np.zeros((n, m), dtype=ranking.ranks.dtype)
    tied = np.zeros((n, m), dtype=bool)
    stats = []
    for j in range(m):
        ok = np.flatnonzero(counts[:, j])
        if len(ok):
            r, t = rank_within_blocs(codes[ok], signs[j] * points[ok, j], ranking.method, [k[ok] for k in tie_keys])  # type: ignore[arg-type]
            rank[ok, j] = r
            tied[ok, j] = t
        stats.append(bloc_stats(codes, share[:, j], counts[:, j] & ~np.isnan(share[:, j]), n_blocs))
    return LevelArrays(points, maxima, counts, regular, share, lost, rank, tied, tuple(stats))


def class_bound_scaled(rubric: Any, band: int, bloc_code: int) -> int | None:
    """The smallest scaled total that reaches class ``band`` in a bloc (None: no bound)."""
    b = rubric.bands[band]
    if b.min is None:
        return None
    if rubric.band_basis == "total":
        return int(scale_exact(b.min, rubric.precision))
    q = rubric.precision + 2
    m = int(scale_exact(b.min, q))
    bloc_max = int(rubric.bloc_max_scaled[bloc_code])
    denom = 100 * 10**q
    return -((-m * bloc_max) // denom)  # ceil: total * denom >= m * bloc_max


@attrs.frozen(eq=False)
class Profiles:
    """The profile arrays of every unit of a ranking; :meth:`unit` gives one profile."""

    ranking: "Ranking"
    groups: LevelArrays
    leaves: LevelArrays
    margin: float = 0.10
    uniform: float = 0.90

    @functools.cached_property
    def _blocs(self) -> list[str]:
        return self.ranking.scored.blocs

    def row(self, unit: str, bloc: str | None = None) -> int:
        """The input row of a unit (name or alias); see :func:`~ict_adoption.analysis.matching.find_unit_row`."""
        bloc_id = self.ranking.rubric.bloc(bloc).id if bloc is not None else None
        return find_unit_row(list(self.ranking.units), self._blocs, self.ranking.rubric, unit, bloc_id)

    def unit(self, unit: str, bloc: str | None = None) -> UnitProfile:
        """The profile of the unit called ``unit`` (or an alias of it)."""
        return self.at(self.row(unit, bloc))

    def __len__(self) -> int:
        return len(self.ranking)

    def __iter__(self) -> Any:
        return (self.at(i) for i in range(len(self)))

    def at(self, i: int) -> UnitProfile:
        """The profile of input row ``i``."""
        rk = self.ranking
        r = rk.rubric
        sc = rk.scored
        code = int(sc.bloc_codes[i])
        bloc = r.blocs[code]
        ids = r.scored_ids
        group_of = r.leaf_group_index
        groups = tuple(
            self._item(self.groups, i, g, code, r.groups[g].id, r.groups[g].name, r.groups[g].name_en, "group", r.groups[g].id)
            for g in range(len(r.groups))
        )
        leaves = []
        for j, leaf in enumerate(ids):
            g = r.groups[int(group_of[j])]
            obj = g if not g.criteria else r.criterion(leaf)
            leaves.append(self._item(self.leaves, i, j, code, leaf, obj.name, obj.name_en,
                                     "group" if not g.criteria else "criterion", g.id))
        reported = bool(sc.reported[i])
        counted = [it for it in leaves if it.points is not None and it.regular and it.share is not None]
        judged = [it for it in counted if it.bloc_median is not None and not it.uniform]
        strengths = sorted(
            (it for it in judged if it.share - it.bloc_median >= self.margin - 1e-12),  # type: ignore[operator]
            key=lambda it: -(it.share - it.bloc_median),  # type: ignore[operator]
        )
        weaknesses = sorted(
            (it for it in judged if it.bloc_median - it.share >= self.margin - 1e-12),  # type: ignore[operator]
            key=lambda it: (-(it.bloc_median - it.share) * (it.max or 0), ids.index(it.id)),  # type: ignore[operator]
        )
        cheapest = sorted((it for it in counted if (it.lost or 0) > 0), key=lambda it: (-(it.lost or 0), ids.index(it.id)))
        total = int(sc.total[i])
        band = int(rk.band_index[i])
        next_class = None
        above = None
        if reported and band > 0:
            bound = class_bound_scaled(r, band - 1, code)
            if bound is not None:
                next_class = Gap(target=band - 1, points=bound - total, threshold=bound, units=())
        if reported:
            same = (sc.bloc_codes == code) & sc.reported & (sc.total > total)
            if same.any():
                best = int(sc.total[same].min())
                names = tuple(sorted(str(u) for u in rk.units[same & (sc.total == best)]))
                above = Gap(target=int(rk.ranks[np.flatnonzero(same & (sc.total == best))[0]]),
                            points=best - total + 1, threshold=best, units=names)
        n_ranked = int(np.count_nonzero((sc.bloc_codes == code) & sc.reported))
        return UnitProfile(
            rubric=r, unit=str(rk.units[i]), bloc=bloc, reported=reported, total=total,
            max=int(r.bloc_max_scaled[code]), rank=rk.ranks[i].item(), tied=bool(rk.tied[i]),
            rank_label=rk.rank_label(i), of=n_ranked, band=band, level=int(sc.level[i]),
            groups=groups, criteria=tuple(leaves), strengths=tuple(strengths), weaknesses=tuple(weaknesses),
            cheapest=tuple(cheapest), next_class=next_class, above=above, margin=self.margin,
        )

    def _item(self, lv: LevelArrays, i: int, j: int, code: int, id_: str, name: str, name_en: str | None,
              kind: str, group: str) -> Item:
        counts = bool(lv.counts[i, j])
        mx = int(lv.maxima[i, j])
        st = lv.stats[j]
        med = float(st.median[code]) if st.count[code] else None
        return Item(
            id=id_, name=name, name_en=name_en, kind=kind, group=group, regular=bool(lv.regular[j]),
            points=int(lv.points[i, j]) if counts else None, max=mx if mx >= 0 else None,
            lost=int(lv.lost[i, j]) if counts and lv.regular[j] else None,
            share=float(lv.share[i, j]) if counts and not np.isnan(lv.share[i, j]) else None,
            rank=lv.rank[i, j].item() if counts else None, tied=bool(lv.tied[i, j]), of=int(st.count[code]),
            bloc_median=med, uniform=bool(st.modal_share[code] >= self.uniform) if st.count[code] else False,
            bloc_min=float(st.min[code]) if st.count[code] else None,
            bloc_max=float(st.max[code]) if st.count[code] else None,
        )


def _array(matrix: Any, dtype: Any) -> Any:
    """A units × columns array of a scored matrix (a ``ColumnMatrix`` or an array)."""
    arr = matrix.to_array() if hasattr(matrix, "to_array") else np.asarray(matrix)
    return arr.astype(dtype, copy=False)


def profiles(ranking: "Ranking", *, margin: float = 0.10, uniform: float = 0.90) -> Profiles:
    """The profile arrays of every unit of ``ranking`` (see the module docstring)."""
    if not 0 < margin < 1:
        raise ValueError(f"margin: expected a share between 0 and 1, got {margin!r}")
    if not 0 < uniform <= 1:
        raise ValueError(f"uniform: expected a share in (0, 1], got {uniform!r}")
    sc = ranking.scored
    r = ranking.rubric
    keys = [name_order(sc.units)] if ranking.method == "ordinal" else []
    kinds = np.array([g.kind == "regular" for g in r.groups], dtype=bool)
    signs = r.group_signs
    gidx = r.leaf_group_index
    leaves = _level(ranking, _array(sc.leaf_points, np.int64), _array(sc.leaf_known, np.bool_),
                    r.leaf_max_matrix, signs[gidx], kinds[gidx], keys)
    groups = _level(ranking, _array(sc.group_points, np.int64), _array(sc.group_known, np.bool_),
                    r.group_max_matrix, signs, kinds, keys)
    return Profiles(ranking, groups, leaves, margin, uniform)


def profile(ranking: "Ranking", unit: str, *, bloc: str | None = None, margin: float = 0.10,
            uniform: float = 0.90) -> UnitProfile:
    """The profile of one unit (name or alias) of ``ranking``; ``bloc`` narrows the search.

    A name that matches nothing raises
    :class:`~ict_adoption.analysis.matching.UnknownUnitError` with the closest names.
    """
    return profiles(ranking, margin=margin, uniform=uniform).unit(unit, bloc)
