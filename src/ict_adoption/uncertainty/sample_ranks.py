"""Ranks of many samples at once, and their quantiles from counts.

In every sample of an analysis the units and their blocs are the same; only the
scores change. So each sample row is ranked on its own with one row-wise sort of a
packed int64 key ``(bloc, score descending, column)`` (:func:`rank_rows`): the blocs
land on the same positions of every sorted row, so each position's bloc start is one
vector for all rows, and the runs of equal scores are read from the key itself. The
tie rules are the core's (:func:`~ict_adoption.ranks.rank_within_blocs`, which is the
fallback when a key does not fit in 63 bits).

Ranks are small whole numbers (halves for ``fractional``), so their quantiles need no
partition: :func:`rank_summary` counts each unit's ranks (one ``bincount``) and reads
the median, the 5 % and 95 % points (numpy's ``inverted_cdf`` definition) and the mean
absolute shift from the counts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from ..ranks import rank_within_blocs

__all__ = ["rank_rows", "rank_summary", "COUNT_LIMIT"]

#: Largest units × distinct-ranks table :func:`rank_summary` builds (else np.quantile).
COUNT_LIMIT = 50_000_000


def _fallback(score: npt.NDArray[np.integer[Any]], codes: npt.NDArray[np.int64], n_blocs: int, method: str) -> Any:
    s, n = score.shape
    row_codes = np.arange(s, dtype=np.int64)[:, None] * n_blocs + codes[None, :]
    ranks, _ = rank_within_blocs(row_codes.ravel(), score.ravel(), method)  # type: ignore[arg-type]
    return ranks.reshape(s, n)


def rank_rows(score: npt.NDArray[np.integer[Any]], codes: npt.NDArray[np.int64], n_blocs: int, method: str) -> Any:
    """Ranks (int32; float64 for ``fractional``) of each row of ``score`` (samples ×
    units, higher is better) inside the blocs ``codes`` (one per unit, the same in every
    row), with the tie rule ``method`` (competition, dense or fractional)."""
    s, n = score.shape
    if s == 0 or n == 0:
        return np.zeros((s, n), dtype=np.float64 if method == "fractional" else np.int32)
    lo, hi = int(score.min()), int(score.max())
    col_bits = max(1, (n - 1).bit_length())
    score_bits = max(1, (hi - lo).bit_length())
    bloc_bits = max(1, int(codes.max()).bit_length())
    if col_bits + score_bits + bloc_bits > 63:
        out = _fallback(score, codes, n_blocs, method)
        return out if method == "fractional" else out.astype(np.int32)
    key = np.subtract(np.int64(hi), score, dtype=np.int64)  # score descending (int64 from an int32 score too)
    key <<= col_bits
    key |= ((codes << (score_bits + col_bits)) | np.arange(n, dtype=np.int64))[None, :]
    key.sort(axis=1)
    order = key & ((1 << col_bits) - 1)
    key >>= col_bits  # (bloc, score) at each sorted position
    new_run = np.empty((s, n), dtype=bool)
    new_run[:, 0] = True
    np.not_equal(key[:, 1:], key[:, :-1], out=new_run[:, 1:])
    del key
    counts = np.bincount(codes, minlength=n_blocs)
    firsts = np.cumsum(counts) - counts
    bloc_start = np.repeat(firsts, counts).astype(np.int32)  # the same in every row
    pos = np.arange(n, dtype=np.int32)
    start = np.where(new_run, pos[None, :], np.int32(0))
    np.maximum.accumulate(start, axis=1, out=start)  # first position of each run
    r: npt.NDArray[Any]
    if method == "competition":
        start += (1 - bloc_start)[None, :]
        r = start
    elif method == "dense":
        run = np.cumsum(new_run, axis=1, dtype=np.int32)
        r = run - run[:, bloc_start] + 1
    elif method == "fractional":
        end_flag = np.empty_like(new_run)
        end_flag[:, -1] = True
        end_flag[:, :-1] = new_run[:, 1:]
        end = np.where(end_flag, pos[None, :], np.int32(n))[:, ::-1]
        np.minimum.accumulate(end, axis=1, out=end)
        r = (start + end[:, ::-1]) / 2.0 - bloc_start[None, :] + 1
    else:
        raise ValueError(f"method: expected competition, dense or fractional, got {method!r}")
    out = np.empty((s, n), dtype=r.dtype)
    rows = (np.arange(s, dtype=np.int64) * n)[:, None]
    out.ravel()[(order + rows).ravel()] = r.ravel()
    return out


def _target(s: Any, q: float) -> Any:
    """The 1-based order statistic numpy's ``inverted_cdf`` quantile ``q`` of ``s`` values
    is (``s``: a whole number, or an array of them)."""
    g = np.asarray(s, dtype=np.int64) * q
    j = np.floor(g)
    return np.maximum(1, np.where(g > j, j + 1, j)).astype(np.int64)


def rank_summary(
    ranks: npt.NDArray[Any], nominal: npt.NDArray[Any], quantiles: tuple[float, ...] = (0.5, 0.05, 0.95)
) -> tuple[list[npt.NDArray[np.float64]], npt.NDArray[np.float64]]:
    """Per unit (column of ``ranks``, samples × units): the ``quantiles`` (equal to
    ``np.quantile(ranks, q, axis=0, method="inverted_cdf")``) and the mean of
    ``|rank − nominal|``, from each unit's rank counts.

    A rank 0 means *not ranked in that sample*: the quantiles and the shift are taken
    over the samples where the unit is ranked (NaN where it never is), the shift only
    for a unit ranked nominally (``nominal`` 0: NaN)."""
    s, n = ranks.shape
    if s == 0 or n == 0:
        return [np.zeros(n) for _ in quantiles], np.zeros(n)
    halves = ranks.dtype.kind == "f"
    scaled = (ranks * 2).astype(np.int32) if halves else ranks
    width = int(scaled.max()) + 1
    lowest = int(scaled.min())
    if n * width > COUNT_LIMIT or lowest < 0:  # pragma: no cover - huge single blocs
        masked = np.where(ranks > 0, ranks, np.nan)
        with np.errstate(all="ignore"):
            qs = np.nanquantile(masked, list(quantiles), axis=0, method="inverted_cdf")
            gone = np.where(np.asarray(nominal) > 0, np.asarray(nominal, dtype=np.float64), np.nan)
            return [np.asarray(x, dtype=np.float64) for x in qs], np.nanmean(np.abs(masked - gone[None, :]), axis=0)
    # one pass in the ranks' own small dtype (n × width ≤ COUNT_LIMIT < 2**31), one bincount
    flat = scaled + (np.arange(n, dtype=scaled.dtype) * width)[None, :]
    counts = np.bincount(flat.ravel(), minlength=n * width).reshape(n, width)
    del flat
    if lowest == 0:  # rank 0: not ranked in that sample
        counts[:, 0] = 0
        ranked = counts.sum(axis=1)  # per unit: samples where it is ranked
    else:
        ranked = np.full(n, s, dtype=np.int64)
    # each unit's cumulative counts, shifted by unit × s, are one ascending vector: the
    # order statistic k of unit u is the number of entries below u × s + k on u's row
    cum = np.cumsum(counts, axis=1)
    row = np.arange(n, dtype=np.int64)
    cum += (row * s)[:, None]
    unit = 2.0 if halves else 1.0
    never = ranked == 0
    out = []
    for q in quantiles:
        v = (np.searchsorted(cum.ravel(), row * s + _target(ranked, q)) - row * width) / unit
        v[never] = np.nan
        out.append(v)
    values = np.arange(width) / unit
    nom = np.asarray(nominal, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        shift = (counts * np.abs(values[None, :] - nom[:, None])).sum(axis=1) / ranked
    shift[never | (nom <= 0)] = np.nan
    return out, shift
