"""Benchmark: per-bloc ranking and exact scoring at a million units.

Run:  python benchmarks/ranking.py            (needs pandas and scipy: pip install -e '.[bench]')
      python benchmarks/ranking.py --units 200000 --repeat 3

1. Ranking 1,000,000 units in 500 blocs with many ties (scores 0.00–100.00 in steps
   of 0.10, so ~2,000 units share ~1,000 values in each bloc): ict_adoption's
   ``rank_within_blocs`` against pandas ``groupby().rank(method="min")`` and
   ``scipy.stats.rankdata`` per bloc, measured in the same run on the same data. The
   ranks must be identical; the ratios are printed.
2. Scoring 1,000,000 units × 60 criteria (10 groups of 6) from a dict of numpy arrays
   to exact totals with ``ict_adoption.score`` — names normalised, blocs resolved,
   duplicates checked, every value range-checked, levels reconciled.
3. Peak memory of that scoring (tracemalloc, which sees numpy's allocations) against
   the size of the input matrix (60 float64 columns).

Timings are the best of ``--repeat`` runs after one warm-up run; the first (cold) run
is printed too, because fresh memory is slow to touch on some machines.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import tracemalloc
from typing import Any, Callable

import numpy as np

import ict_adoption as ia
from ict_adoption.ranking import rank_within_blocs


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(cold seconds, best warm seconds, last result)."""
    t0 = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - t0
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return cold, min(times), result


def bench_ranking(n: int, n_blocs: int, repeat: int) -> bool:
    import pandas as pd
    from scipy.stats import rankdata

    rng = np.random.default_rng(2013)
    blocs = rng.integers(0, n_blocs, n).astype(np.int64)
    scores = (rng.integers(0, 1001, n) * 10).astype(np.int64)  # hundredths, step 0.10
    df = pd.DataFrame({"bloc": blocs, "score": scores})

    def ours() -> np.ndarray:
        return rank_within_blocs(blocs, scores)[0]

    def with_pandas() -> np.ndarray:
        return df.groupby("bloc")["score"].rank(method="min", ascending=False).to_numpy()

    def with_scipy() -> np.ndarray:
        order = np.argsort(blocs, kind="stable")
        sorted_blocs = blocs[order]
        cuts = np.flatnonzero(np.diff(sorted_blocs)) + 1
        out = np.empty(n, dtype=np.float64)
        for idx in np.split(order, cuts):
            out[idx] = rankdata(-scores[idx], method="min")
        return out

    c_ours, t_ours, r_ours = best_of(ours, repeat)
    c_pd, t_pd, r_pd = best_of(with_pandas, repeat)
    c_sp, t_sp, r_sp = best_of(with_scipy, repeat)
    same = np.array_equal(r_ours, r_pd) and np.array_equal(r_ours, r_sp)
    _, inverse, counts = np.unique(blocs * 1_000_000 + scores, return_inverse=True, return_counts=True)
    tied = int((counts[inverse] > 1).sum())
    print(f"Ranking {n:,} units in {n_blocs} blocs ({tied:,} units share their score with another unit of their bloc)")
    print(f"  ict_adoption rank_within_blocs   {t_ours * 1e3:8.1f} ms   (cold {c_ours * 1e3:.1f} ms)")
    print(f"  pandas groupby().rank('min')     {t_pd * 1e3:8.1f} ms   (cold {c_pd * 1e3:.1f} ms)")
    print(f"  scipy rankdata per bloc          {t_sp * 1e3:8.1f} ms   (cold {c_sp * 1e3:.1f} ms)")
    print(f"  ranks identical to pandas and scipy: {'yes' if same else 'NO'}")
    print(f"  speed-up: {t_pd / t_ours:.2f}x vs pandas, {t_sp / t_ours:.2f}x vs scipy (target >= 1.5x vs pandas)")
    return same


def scoring_input(n: int, n_blocs: int) -> tuple[ia.Rubric, dict[str, np.ndarray]]:
    groups = [
        ia.Group(
            id=f"g{g}",
            name=f"Nhóm {g}",
            criteria=[ia.Criterion(id=f"c{g}_{k}", name=f"Tiêu chí {g}.{k}", max=10) for k in range(6)],
        )
        for g in range(10)
    ]
    rubric = ia.Rubric(
        region="bench",
        edition="1",
        title="benchmark",
        years=2020,
        precision=2,
        groups=groups,
        blocs=[ia.Bloc(id=f"b{i}", name=f"Khối {i}") for i in range(n_blocs)],
        bands=[ia.Band(label="Tốt", min=80), ia.Band(label="Khá", min=65), ia.Band(label="Yếu")],
        default_provenance={"assumed": "synthetic benchmark rubric"},
    )
    rng = np.random.default_rng(2018)
    data: dict[str, np.ndarray] = {
        "unit": np.array([f"Đơn vị số {i:07d}" for i in range(n)]),
        "bloc": np.array([f"b{i}" for i in range(n_blocs)])[rng.integers(0, n_blocs, n)],
    }
    for g in range(10):
        for k in range(6):
            data[f"c{g}_{k}"] = rng.integers(0, 1001, n) / 100.0  # points with 2 decimals
    return rubric, data


def bench_scoring(n: int, n_blocs: int, repeat: int) -> bool:
    rubric, data = scoring_input(n, n_blocs)
    input_bytes = sum(v.nbytes for k, v in data.items() if k not in ("unit", "bloc"))
    cold, best, scored = best_of(lambda: ia.score(rubric, data), repeat)
    # the exact totals, recomputed independently in integers
    expected = np.zeros(n, dtype=np.int64)
    for k, v in data.items():
        if k not in ("unit", "bloc"):
            expected += np.rint(v * 100).astype(np.int64)
    exact = np.array_equal(scored.total, expected)
    t0 = time.perf_counter()
    ranking = ia.rank(rubric, scored)
    t_rank = time.perf_counter() - t0

    tracemalloc.start()
    ia.score(rubric, data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"Scoring {n:,} units x 60 criteria to exact totals")
    print(f"  ict_adoption.score               {best * 1e3:8.1f} ms   (cold {cold * 1e3:.1f} ms; target < 1000 ms)")
    print(f"  rank + bands of the scored table {t_rank * 1e3:8.1f} ms")
    print(f"  totals equal an independent integer sum: {'yes' if exact else 'NO'}")
    print(
        f"  peak memory {peak / 2**20:,.0f} MiB = {peak / input_bytes:.2f}x the input matrix "
        f"({input_bytes / 2**20:,.0f} MiB; target < 3x)"
    )
    return exact and len(ranking) == n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--blocs", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    ok = bench_ranking(args.units, args.blocs, args.repeat)
    print()
    ok = bench_scoring(args.units, args.blocs, max(1, args.repeat // 2)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
