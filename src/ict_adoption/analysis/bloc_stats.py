"""Per-bloc statistics of a column, for every bloc at once (numpy, no loop over units).

Each function takes the bloc code of every unit, one value per unit and a mask of the
units that count (reported, the criterion applies, its points are known), and returns one
value per bloc (``n_blocs`` long; NaN or 0 for a bloc with no unit that counts). Values are
sorted once by (bloc, value); medians, the most common value and the spread are read off
the sorted runs. :mod:`ict_adoption.analysis` builds profiles, attainment and comparisons
on them; ``tests/test_analysis_properties.py`` checks them against a plain per-bloc loop.
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["BlocStats", "bloc_stats"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@attrs.frozen(eq=False)
class BlocStats:
    """Statistics of one column per bloc: ``count`` units that count, ``mean``,
    ``median``, ``std`` (population), ``min``, ``max``, and ``modal_share``: the share of
    those units that have the bloc's most common value (1.0 when all score the same)."""

    count: IntArray
    mean: FloatArray
    median: FloatArray
    std: FloatArray
    min: FloatArray
    max: FloatArray
    modal_share: FloatArray


def bloc_stats(codes: npt.ArrayLike, values: npt.ArrayLike, mask: npt.ArrayLike, n_blocs: int) -> BlocStats:
    """:class:`BlocStats` of ``values`` (float) inside each bloc, over the units of ``mask``."""
    c = np.asarray(codes, dtype=np.int64)
    v = np.asarray(values, dtype=np.float64)
    m = np.asarray(mask, dtype=bool)
    c, v = c[m], v[m]
    count = np.bincount(c, minlength=n_blocs).astype(np.int64)
    nan = np.full(n_blocs, np.nan)
    if len(v) == 0:
        return BlocStats(count, nan, nan.copy(), nan.copy(), nan.copy(), nan.copy(), np.zeros(n_blocs))
    total = np.bincount(c, weights=v, minlength=n_blocs)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, total / np.maximum(count, 1), np.nan)
        dev = v - mean[c]
        var = np.bincount(c, weights=dev * dev, minlength=n_blocs) / np.maximum(count, 1)
    std = np.where(count > 0, np.sqrt(var), np.nan)
    order = np.lexsort((v, c))
    sc, sv = c[order], v[order]
    start = np.zeros(n_blocs, dtype=np.int64)
    start[1:] = np.cumsum(count)[:-1]
    has = count > 0
    lo = start + (count - 1) // 2
    hi = start + count // 2
    median = nan.copy()
    median[has] = (sv[lo[has]] + sv[hi[has]]) / 2.0
    mn, mx = nan.copy(), nan.copy()
    mn[has] = sv[start[has]]
    mx[has] = sv[start[has] + count[has] - 1]
    # runs of equal (bloc, value): the longest run of each bloc is its modal value
    n = len(sv)
    new_run = np.ones(n, dtype=bool)
    new_run[1:] = (sc[1:] != sc[:-1]) | (sv[1:] != sv[:-1])
    run_starts = np.flatnonzero(new_run)
    run_len = np.diff(np.append(run_starts, n))
    longest = np.zeros(n_blocs, dtype=np.int64)
    np.maximum.at(longest, sc[run_starts], run_len)
    modal = np.where(has, longest / np.maximum(count, 1), 0.0)
    return BlocStats(count, mean, median, std, mn, mx, modal)
