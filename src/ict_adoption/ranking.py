"""Tie-aware ranking inside blocs, and classes (bands).

The kernel, :func:`rank_within_blocs`, ranks any number of units in any number of
blocs with one sort, no Python loop over units or blocs. Scores are exact integers, so
"equal" means equal: no tolerance is ever needed.

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
from .exact import format_scaled, scale_exact
from .model import RANK_METHODS, Rubric
from .scoring import LEVELS, MissingPolicy, ScoredTable, score
from .text import ascii_key

__all__ = ["Ranking", "rank", "rank_within_blocs", "assign_bands", "Method"]

Method = Literal["competition", "dense", "fractional", "ordinal"]
IntArray = npt.NDArray[np.int64]


def _sort_order(blocs: IntArray, scores: IntArray) -> npt.NDArray[np.intp]:
    """Indices sorting by bloc ascending, then score descending (ties in index order).

    When bloc, score span and row index fit in 63 bits together, they are packed into
    one int64 and sorted with a plain (non-arg) sort, the fastest path numpy offers.
    """
    n = len(scores)
    if n == 0:
        return np.empty(0, dtype=np.intp)
    s_min, s_max = int(scores.min()), int(scores.max())
    b_max = int(blocs.max())
    idx_bits = max(1, (n - 1).bit_length())
    score_bits = max(1, (s_max - s_min).bit_length())
    bloc_bits = max(1, b_max.bit_length())
    if idx_bits + score_bits + bloc_bits <= 63:
        key = blocs.astype(np.int64) << (score_bits + idx_bits)
        key |= (s_max - scores.astype(np.int64)) << idx_bits
        key |= np.arange(n, dtype=np.int64)
        key.sort()
        return (key & ((1 << idx_bits) - 1)).astype(np.intp)
    return np.lexsort((-scores, blocs))


def rank_within_blocs(
    blocs: npt.ArrayLike,
    scores: npt.ArrayLike,
    method: Method = "competition",
    tie_keys: Sequence[npt.ArrayLike] = (),
) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]]:
    """Rank ``scores`` (integers, higher is better) inside each bloc.

    ``blocs``: a non-negative integer code per unit. Returns ``(ranks, tied)``: ranks
    are int64 (float64 for ``"fractional"``), 1 = best in its bloc; ``tied`` is True
    where a unit shares its score with another unit of its bloc.

    ``tie_keys`` (``"ordinal"`` only): integer arrays, most significant first, *lower
    is better*, that order tied units; the last should be unique per bloc (e.g. a name
    rank) so the result never depends on input order.

    >>> rank_within_blocs([0, 0, 0, 0, 0], [90, 80, 80, 80, 70])[0].tolist()
    [1, 2, 2, 2, 5]
    """
    b = np.asarray(blocs, dtype=np.int64)
    s = np.asarray(scores, dtype=np.int64)
    if b.shape != s.shape or b.ndim != 1:
        raise ValueError(f"blocs and scores must be 1-D of equal length, got {b.shape} and {s.shape}")
    if method not in RANK_METHODS:
        raise ValueError(f"method: expected one of {', '.join(RANK_METHODS)}, got {method!r}")
    n = len(s)
    if n == 0:
        return np.empty(0, dtype=np.float64 if method == "fractional" else np.int64), np.empty(0, dtype=bool)
    if b.min() < 0:
        raise ValueError("bloc codes must be >= 0")
    if method == "ordinal" and tie_keys:
        keys = [np.asarray(k) for k in reversed(tie_keys)]
        order = np.lexsort((*keys, -s, b))
    else:
        order = _sort_order(b, s)
    sb, ss = b[order], s[order]
    new_bloc = np.empty(n, dtype=bool)
    new_bloc[0] = True
    np.not_equal(sb[1:], sb[:-1], out=new_bloc[1:])
    new_run = new_bloc.copy()
    new_run[1:] |= ss[1:] != ss[:-1]
    pos = np.arange(n, dtype=np.int64)
    bloc_start = np.maximum.accumulate(np.where(new_bloc, pos, 0))
    run_start = np.maximum.accumulate(np.where(new_run, pos, 0))
    starts = np.flatnonzero(new_run)
    run_len = np.diff(np.append(starts, n))
    run_id = np.cumsum(new_run) - 1
    length = run_len[run_id]
    tied_sorted = length > 1
    if method == "competition":
        r = run_start - bloc_start + 1
    elif method == "dense":
        r = run_id - run_id[bloc_start] + 1
    elif method == "fractional":
        first = run_start - bloc_start + 1
        r = first + (length - 1) / 2.0
    else:
        r = pos - bloc_start + 1
    ranks = np.empty(n, dtype=r.dtype)
    ranks[order] = r
    tied = np.empty(n, dtype=bool)
    tied[order] = tied_sorted
    return ranks, tied


def assign_bands(rubric: Rubric, totals: npt.ArrayLike, bloc_codes: npt.ArrayLike) -> IntArray:
    """Index into ``rubric.bands`` (0 = highest) for each total; vectorised over units.

    Bounds are closed below (``score >= min``) and compared exactly: on the total, or
    — for ``band_basis = "share"`` — on total ÷ the bloc's maximum, by integer
    cross-multiplication.
    """
    t = np.asarray(totals, dtype=np.int64)
    codes = np.asarray(bloc_codes, dtype=np.int64)
    bands = rubric.bands
    out = np.full(len(t), len(bands) - 1, dtype=np.int64)
    if rubric.band_basis == "total":
        for i in range(len(bands) - 2, -1, -1):
            bound = scale_exact(bands[i].min, rubric.precision)  # type: ignore[arg-type]
            out = np.where(t >= bound, i, out)
    else:
        q = rubric.precision + 2
        bloc_max = rubric.bloc_max_scaled[codes]
        lhs = t * (100 * 10**q)
        for i in range(len(bands) - 2, -1, -1):
            m = scale_exact(bands[i].min, q)  # type: ignore[arg-type]
            out = np.where(lhs >= m * bloc_max, i, out)
    return out


def _name_order(names: Sequence[str] | npt.NDArray[np.str_]) -> IntArray:
    """Rank of each name in Vietnamese-aware A→Z order (base letters, then accents)."""
    uniq = sorted(set(names), key=lambda x: (ascii_key(x), x.casefold(), x))
    pos = {name: i for i, name in enumerate(uniq)}
    return np.fromiter((pos[x] for x in names), dtype=np.int64, count=len(names))


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

    # ------------------------------------------------------------------ order

    @functools.cached_property
    def display_order(self) -> npt.NDArray[np.intp]:
        """Row indices by bloc (rubric order), rank, then unit name; unranked last."""
        st = self.scored
        unranked = (~st.reported).astype(np.int64)
        return np.lexsort((_name_order(st.units), self.ranks, unranked, st.bloc_codes))

    def rank_label(self, i: int) -> str:
        """``"2="`` for a shared rank, ``"5"`` otherwise, ``"—"`` for an unranked unit.

        An ordinal rank is never shared: units with equal totals get consecutive ranks
        from the declared tie-break, so their labels carry no ``=`` (``tied`` still
        says that their totals are equal).
        """
        if not self.scored.reported[i]:
            return "—"
        r = self.ranks[i]
        text = f"{r:g}" if self.method == "fractional" else str(int(r))
        return text + ("=" if self.tied[i] and self.method != "ordinal" else "")

    # ------------------------------------------------------------------ records

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per unit (bloc order, then rank): the DESIGN.md JSON contract.

        Keys: ``unit``, ``bloc`` (id), ``bloc_name``, ``total``, ``max`` (the bloc's
        maximum), ``rank`` (None if unranked), ``rank_label`` (``"2="``), ``tied``,
        ``band``, ``band_en``, ``status`` (``"ranked"`` or ``"not_reported"``),
        ``level`` (``"total"``, ``"groups"`` or ``"criteria"``), ``groups`` (group
        id → points, where known) and, where given, ``criteria`` and ``note``.
        Numbers are floats carrying exactly the rubric's decimals.
        """
        st = self.scored
        r = self.rubric
        scale = r.scale
        group_ids = [g.id for g in r.groups]
        leaf_ids = r.scored_ids
        crit_cols = [j for j, x in enumerate(leaf_ids) if x not in group_ids]
        bloc_max = r.bloc_max_scaled
        out = []
        for i in self.display_order.tolist():
            bloc = r.blocs[st.bloc_codes[i]]
            ranked = bool(st.reported[i])
            band = r.bands[self.band_index[i]] if ranked else None
            rank_value: Any = None
            if ranked:
                rank_value = float(self.ranks[i]) if self.method == "fractional" else int(self.ranks[i])
            rec: dict[str, Any] = {
                "unit": str(st.units[i]),
                "bloc": bloc.id,
                "bloc_name": bloc.name,
                "total": int(st.total[i]) / scale if ranked else None,
                "max": int(bloc_max[st.bloc_codes[i]]) / scale,
                "rank": rank_value,
                "rank_label": self.rank_label(i),
                "tied": bool(self.tied[i]) if ranked else False,
                "band": band.label if band else None,
                "band_en": (band.label_en or band.label) if band else None,
                "status": "ranked" if ranked else "not_reported",
                "level": LEVELS[st.level[i]],
                "groups": {
                    gid: int(st.group_points[i, g]) / scale
                    for g, gid in enumerate(group_ids)
                    if st.group_known[i, g]
                },
            }
            crit = {leaf_ids[j]: int(st.leaf_points[i, j]) / scale for j in crit_cols if st.leaf_known[i, j]}
            if crit:
                rec["criteria"] = crit
            if st.comments is not None and st.comments[i]:
                rec["note"] = st.comments[i]
            out.append(rec)
        return out

    def to_pandas(self) -> Any:
        """A pandas DataFrame, one row per unit, group points as columns (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError(
                "Ranking.to_pandas() needs pandas: pip install 'ict-adoption[pandas]'"
            ) from None
        rows = []
        for rec in self.to_records():
            flat = {k: v for k, v in rec.items() if k not in ("groups", "criteria")}
            flat.update(rec["groups"])
            flat.update(rec.get("criteria", {}))
            rows.append(flat)
        df = pd.DataFrame(rows)
        if "rank" in df and self.method != "fractional":
            df["rank"] = df["rank"].astype("Int64")
        return df

    # ------------------------------------------------------------------ counts

    def class_counts(self, lang: str = "vi") -> dict[str, dict[str, int]]:
        """Bloc id → {class label: number of units}, every class listed (0 included)."""
        r = self.rubric
        st = self.scored
        labels = [self._band_label(b, lang) for b in r.bands]
        counts = np.zeros((len(r.blocs), len(r.bands)), dtype=np.int64)
        ok = st.reported
        np.add.at(counts, (st.bloc_codes[ok], self.band_index[ok]), 1)
        return {
            b.id: {labels[j]: int(counts[i, j]) for j in range(len(labels))} for i, b in enumerate(r.blocs)
        }

    @staticmethod
    def _band_label(band: Any, lang: str) -> str:
        return band.label if lang == "vi" else (band.label_en or band.label)

    # ------------------------------------------------------------------ text

    def table(self, bloc: str | None = None, *, lang: str = "vi", tablefmt: str = "simple") -> str:
        """Text tables per bloc (tabulate), Vietnamese headings unless ``lang="en"``."""
        from tabulate import tabulate

        r = self.rubric
        st = self.scored
        heads = (
            ("Hạng", "Đơn vị", "Tổng điểm", "Xếp loại") if lang == "vi" else ("Rank", "Unit", "Total", "Class")
        )
        blocs = [r.bloc(bloc)] if bloc is not None else list(r.blocs)
        parts = []
        order = self.display_order
        for b in blocs:
            code = r.blocs.index(b)
            rows_idx = [i for i in order.tolist() if st.bloc_codes[i] == code]
            if not rows_idx and bloc is None:
                continue
            group_cols = [g for g, _ in enumerate(r.groups) if st.group_known[rows_idx, g].any()] if rows_idx else []
            group_heads = [r.groups[g].id for g in group_cols]
            rows = []
            for i in rows_idx:
                ranked = st.reported[i]
                band = r.bands[self.band_index[i]] if ranked else None
                rows.append(
                    [
                        self.rank_label(i),
                        st.units[i],
                        format_scaled(st.total[i], r.precision) if ranked else ("không báo cáo" if lang == "vi" else "no report"),
                        self._band_label(band, lang) if band else "",
                    ]
                    + [
                        format_scaled(st.group_points[i, g], r.precision) if st.group_known[i, g] else ""
                        for g in group_cols
                    ]
                )
            title = b.name if lang == "vi" else (b.name_en or b.name)
            body = tabulate(rows, headers=list(heads) + group_heads, tablefmt=tablefmt, disable_numparse=True)
            parts.append(f"{title}\n{body}")
        return "\n\n".join(parts)

    def __str__(self) -> str:
        return self.table()

    def narrative(self, lang: str = "vi") -> str:
        """The per-bloc summary sentences, as announcements word them (built from ranks)."""
        from .views.narrative import narrative

        return narrative(self, lang=lang)

    def _repr_html_(self) -> str:
        from .views.html import ranking_html

        return ranking_html(self)

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
    n = len(scored)
    ok = np.flatnonzero(scored.reported)
    ranks = np.zeros(n, dtype=np.float64 if method == "fractional" else np.int64)
    tied = np.zeros(n, dtype=bool)
    r, t = rank_within_blocs(scored.bloc_codes[ok], scored.total[ok], method, [k[ok] for k in keys])
    ranks[ok] = r
    tied[ok] = t
    bands = np.full(n, -1, dtype=np.int64)
    bands[ok] = assign_bands(rubric, scored.total[ok], scored.bloc_codes[ok])
    for a in (ranks, tied, bands):
        a.setflags(write=False)
    return Ranking(scored, method, ranks, tied, bands, cascade if method == "ordinal" else ())


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
            keys.append(_name_order(scored.units))
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
