"""Ranking a scored table: :func:`rank` and the :class:`Ranking` it returns.

The kernels (:func:`~ict_adoption.ranks.rank_within_blocs`, one sort for every bloc;
:func:`~ict_adoption.ranks.assign_bands`) are in :mod:`ict_adoption.ranks`; the views a
ranking offers (records, text, HTML, narrative, DataFrame) are built from its one row
model, :attr:`Ranking.rows`.

Methods (highest score first, inside each bloc):

============== ============================================== =================
method          ties                                            1st … 5th of
============== ============================================== =================
competition     share the best rank, skip the next ("1224")    1, 2, 2, 2, 5
dense           share the best rank, skip nothing              1, 2, 2, 2, 3
fractional      share the mean of the ranks they span          1, 3, 3, 3, 5
ordinal         broken by a declared cascade (groups, name)    1, 2, 3, 4, 5
============== ============================================== =================
"""

from __future__ import annotations

import functools
from typing import Any, Literal, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from .errors import RubricError
from .model import RANK_METHODS, Rubric
from .ranks import Method, assign_bands, name_order, rank_within_blocs
from .rows import Rows, rank_label
from .scoring import MissingPolicy, ScoredTable, score

__all__ = ["Ranking", "rank", "rank_within_blocs", "assign_bands", "Method"]

IntArray = npt.NDArray[np.int64]

@attrs.frozen(eq=False)
class Ranking:
    """Units ranked inside their blocs and sorted into classes.

    Keeps what it was made from (``scored``: the rubric, the input table, the exact
    points), and offers views: :meth:`to_records` (the JSON contract),
    :meth:`to_pandas`, :meth:`table` (text per bloc), :meth:`class_counts`.
    ``ranks`` are aligned with ``scored.units``; unranked units ("không báo cáo") have
    rank 0 and band -1.
    """

    scored: ScoredTable
    method: str
    ranks: npt.NDArray[Any]
    tied: npt.NDArray[np.bool_]
    band_index: IntArray
    tie_break: tuple[str, ...] = ()

    @property
    def rubric(self) -> Rubric:
        return self.scored.rubric

    @property
    def units(self) -> npt.NDArray[np.str_]:
        return self.scored.units

    def __len__(self) -> int:
        return len(self.scored)

    # ------------------------------------------------------------------ rows

    @functools.cached_property
    def rows(self) -> Rows:
        """The one row model every view is built from (display order), made once."""
        return Rows.build(self.scored, self.method, self.ranks, self.tied, self.band_index)

    @property
    def display_order(self) -> npt.NDArray[np.intp]:
        """Row indices by bloc (rubric order), rank, then unit name; unranked last."""
        return self.rows.index

    def rank_label(self, i: int) -> str:
        """The rank label of input row ``i``: ``"2="``, ``"5"``, ``"—"`` (see :func:`~ict_adoption.rows.rank_label`)."""
        return rank_label(self.ranks[i], bool(self.tied[i]), bool(self.scored.reported[i]), self.method)

    # ------------------------------------------------------------------ views

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per unit (bloc order, then rank): the JSON contract (see :meth:`Rows.records`)."""
        return self.rows.records()

    def metadata(self, lang: str = "vi") -> dict[str, Any]:
        """What the records were computed with: the edition (region, edition id,
        regulation number, years, the year warning — :meth:`Rubric.edition_record`) and
        the ranking method. The companion of :meth:`to_records` for embedding systems."""
        return {**self.rubric.edition_record(lang), "method": self.method}

    def to_pandas(self) -> Any:
        """A pandas DataFrame, one row per unit, group points as columns (needs pandas)."""
        from .views.frame import ranking_frame  # (the views load when a view is asked for: not for ranking alone)

        return ranking_frame(self.rows)

    def class_counts(self, lang: str = "vi") -> dict[str, dict[str, int]]:
        """Bloc id → {class label: number of units}, every class listed (0 included)."""
        return self.rows.class_counts(lang)

    def table(self, bloc: str | None = None, *, lang: str = "vi", tablefmt: str = "simple") -> str:
        """Text tables per bloc (tabulate), Vietnamese headings unless ``lang="en"``."""
        from .views.text import ranking_text

        return ranking_text(self.rows, bloc, lang=lang, tablefmt=tablefmt)

    def __str__(self) -> str:
        return self.table()

    def narrative(self, lang: str = "vi") -> str:
        """The per-bloc summary sentences, as announcements word them (built from ranks)."""
        from .views.narrative import narrative

        return narrative(self.rows, lang=lang)

    def _repr_html_(self) -> str:
        from .views.html import ranking_html

        return ranking_html(self.rows)

    def __repr__(self) -> str:
        return (
            f"<Ranking {self.rubric.region}:{self.rubric.edition} {len(self)} units, "
            f"{len(self.rubric.blocs)} blocs, method={self.method}>"
        )


def rank(
    rubric: Rubric,
    data: Any,
    method: Method | None = None,
    *,
    missing: MissingPolicy = "error",
    tie_break: Sequence[str] | None = None,
    unknown_columns: Literal["error", "ignore"] = "error",
    check_roster: bool = True,
) -> Ranking:
    """Score ``data`` against ``rubric`` and rank every unit inside its bloc.

    ``method``: ``"competition"`` (default from the rubric, usually: 1, 2, 2, 2, 5),
    ``"dense"``, ``"fractional"`` or ``"ordinal"`` (ties broken by ``tie_break``, a
    cascade of ``"groups"``, ``"group:<id>"``, ending in ``"name"``; default from the
    rubric). ``data`` and ``missing``: see :func:`ict_adoption.score`.
    """
    if isinstance(data, ScoredTable):
        if data.rubric is not rubric:
            raise ValueError("the scored table was made with another rubric")
        scored = data
    else:
        scored = score(rubric, data, missing=missing, unknown_columns=unknown_columns, check_roster=check_roster)
    method = method or rubric.ranking.method  # type: ignore[assignment]
    if method not in RANK_METHODS:
        raise ValueError(f"method: expected one of {', '.join(RANK_METHODS)}, got {method!r}")
    cascade = tuple(tie_break) if tie_break is not None else rubric.ranking.tie_break
    keys = _tie_keys(scored, cascade) if method == "ordinal" else []
    ranks, tied, bands = _rank_reported(scored, method, keys)
    for a in (ranks, tied, bands):
        a.setflags(write=False)
    return Ranking(scored, method, ranks, tied, bands, cascade if method == "ordinal" else ())


def _rank_reported(scored: ScoredTable, method: str, keys: list[IntArray]) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_], IntArray]:
    """Ranks, tied flags and classes of the units that reported (rank 0, class -1 for the others).

    When every unit reported (the usual case) the arrays are ranked as they are, with no
    gather of the reported rows and no scatter back.
    """
    n = len(scored)
    reported = np.asarray(scored.reported)
    if bool(reported.all()):
        ranks, tied = rank_within_blocs(scored.bloc_codes, scored.total, method, keys)  # type: ignore[arg-type]
        return ranks, tied, assign_bands(scored.rubric, scored.total, scored.bloc_codes)
    ok = np.flatnonzero(reported)
    ranks = np.zeros(n, dtype=np.float64 if method == "fractional" else np.int64)
    tied = np.zeros(n, dtype=bool)
    codes, totals = scored.bloc_codes[ok], scored.total[ok]
    ranks[ok], tied[ok] = rank_within_blocs(codes, totals, method, [k[ok] for k in keys])  # type: ignore[arg-type]
    bands = np.full(n, -1, dtype=np.int64)
    bands[ok] = assign_bands(scored.rubric, totals, codes)
    return ranks, tied, bands


def _tie_keys(scored: ScoredTable, cascade: Sequence[str]) -> list[IntArray]:
    r = scored.rubric
    keys: list[IntArray] = []
    low = np.iinfo(np.int64).min // 2

    def group_key(g: int) -> IntArray:
        # higher points first; unknown group points sort after every known value
        return np.where(scored.group_known[:, g], -scored.group_points[:, g], -low)

    for item in cascade:
        if item == "groups":
            keys.extend(group_key(g) for g in range(len(r.groups)))
        elif item == "name":
            keys.append(name_order(scored.units))
        elif item.startswith("group:"):
            gid = item.split(":", 1)[1]
            ids = [g.id for g in r.groups]
            if gid not in ids:
                raise RubricError(f"tie_break: unknown group {gid!r}; groups: {', '.join(ids)}")
            keys.append(group_key(ids.index(gid)))
        else:
            raise RubricError(f"tie_break: expected 'groups', 'group:<id>' or 'name', got {item!r}")
    if "name" not in cascade:
        raise RubricError("tie_break must end with 'name' so that ranks never depend on input order")
    return keys
