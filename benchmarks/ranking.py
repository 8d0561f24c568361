"""Benchmark: per-bloc ranking and exact scoring at a million units.

Run:  python benchmarks/ranking.py            (needs pandas and scipy: pip install -e '.[bench]')
      python benchmarks/ranking.py --units 200000 --rounds 3

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

``--profile``: after the timings, one warm ``ia.score`` under cProfile, its 20 costliest
calls (cumulative), to see where the scoring time goes.

Candidates are interleaved round by round (``--rounds``), minimum and median
reported, with the ratio to the peer of the same run: pandas and scipy for ranking,
a plain numpy exact floor (scale every column to integers, check, sum) for scoring,
whose totals must equal the score's. The scored table's retained size (arrays it
holds beyond the caller's input) is printed against the input matrix.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import interleaved  # noqa: E402

import ict_adoption as ia  # noqa: E402
from ict_adoption.ranking import rank_within_blocs  # noqa: E402


def bench_ranking(n: int, n_blocs: int, rounds: int) -> bool:
    import pandas as pd
    from scipy.stats import rankdata

    rng = np.random.default_rng(2013)
    blocs = rng.integers(0, n_blocs, n).astype(np.int64)
    scores = (rng.integers(0, 1001, n) * 10).astype(np.int64)  # hundredths, step 0.10
    df = pd.DataFrame({"bloc": blocs, "score": scores})

    def with_scipy() -> np.ndarray:
        order = np.argsort(blocs, kind="stable")
        cuts = np.flatnonzero(np.diff(blocs[order])) + 1
        out = np.empty(n, dtype=np.float64)
        for idx in np.split(order, cuts):
            out[idx] = rankdata(-scores[idx], method="min")
        return out

    t = interleaved(
        {
            "core": lambda: rank_within_blocs(blocs, scores)[0],
            "pandas": lambda: df.groupby("bloc")["score"].rank(method="min", ascending=False).to_numpy(),
            "scipy": with_scipy,
        },
        rounds,
    )
    same = np.array_equal(t.results["core"], t.results["pandas"]) and np.array_equal(t.results["core"], t.results["scipy"])
    _, inverse, counts = np.unique(blocs * 1_000_000 + scores, return_inverse=True, return_counts=True)
    tied = int((counts[inverse] > 1).sum())
    print(f"Ranking {n:,} units in {n_blocs} blocs ({tied:,} share their score within their bloc); {rounds} interleaved rounds")
    print(t.line("core", "ict_adoption rank_within_blocs", "pandas"))
    print(t.line("pandas", "pandas groupby().rank('min')"))
    print(t.line("scipy", "scipy rankdata per bloc", "pandas"))
    print(f"  ranks identical to pandas and scipy: {'yes' if same else 'NO'}")
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


def exact_floor(data: dict[str, np.ndarray], precision: int = 2) -> np.ndarray:
    """The numpy floor for exact scoring: every criterion column scaled to integers
    (checked exact) and summed, row blocks at a time; no names, blocs or checks."""
    cols = [v for k, v in data.items() if k not in ("unit", "bloc")]
    n = len(cols[0])
    total = np.zeros(n, dtype=np.int64)
    factor = 10.0**precision
    for start in range(0, n, 1 << 16):
        stop = min(start + (1 << 16), n)
        for v in cols:
            b = v[start:stop] * factor
            r = np.rint(b)
            if not (np.abs(b - r) <= 1e-6).all():
                raise ValueError("inexact")
            total[start:stop] += r.astype(np.int64)
    return total


def retained_bytes(scored: Any, inputs: dict[str, np.ndarray]) -> int:
    """Bytes the scored table holds that are not the caller's input arrays."""
    own = {id(v) for v in inputs.values()}
    seen: set[int] = set()
    held = 0

    def add(a: Any) -> None:
        nonlocal held
        a = np.asarray(a)
        base = a
        while isinstance(base.base, np.ndarray):
            base = base.base
        if id(base) in own or id(base) in seen:
            return
        seen.add(id(base))
        held += base.nbytes

    for matrix in (scored.leaf_points, scored.leaf_known, scored.group_points, scored.group_known):
        for c in getattr(matrix, "columns", [matrix]):
            add(c)
    for a in (scored.units, scored.bloc_codes, scored.total, scored.reported, scored.level):
        add(a)
    for c in scored.table.columns.values():
        add(c)
    return held


def bench_scoring(n: int, n_blocs: int, rounds: int) -> bool:
    rubric, data = scoring_input(n, n_blocs)
    input_bytes = sum(v.nbytes for k, v in data.items() if k not in ("unit", "bloc"))
    t = interleaved({"ia.score": lambda: ia.score(rubric, data), "floor": lambda: exact_floor(data)}, rounds)
    scored = t.results["ia.score"]
    exact = np.array_equal(scored.total, t.results["floor"])
    t0 = time.perf_counter()
    ranking = ia.rank(rubric, scored)
    t_rank = time.perf_counter() - t0
    held = retained_bytes(scored, data)

    tracemalloc.start()
    ia.score(rubric, data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"Scoring {n:,} units x 60 criteria to exact totals; {rounds} interleaved rounds (the first is cold)")
    print(t.line("ia.score", "ict_adoption.score (names, blocs, checks)", "floor"))
    print(t.line("floor", "numpy exact floor (scale + sum only)"))
    print(f"  rank + bands of the scored table {t_rank * 1e3:8.1f} ms")
    print(f"  totals equal the floor's integer sums: {'yes' if exact else 'NO'}")
    print(
        f"  result holds {held / 2**20:,.0f} MiB beyond the input = {held / input_bytes:.2f}x the input matrix "
        f"({input_bytes / 2**20:,.0f} MiB); peak while scoring {peak / 2**20:,.0f} MiB = {peak / input_bytes:.2f}x"
    )
    return exact and len(ranking) == n


def profile_scoring(n: int, n_blocs: int) -> None:
    import cProfile
    import pstats

    rubric, data = scoring_input(n, n_blocs)
    ia.score(rubric, data)  # warm
    profiler = cProfile.Profile()
    profiler.runcall(ia.score, rubric, data)
    print(f"ia.score of {n:,} units under cProfile (warm), costliest calls:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--blocs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="also profile one warm ia.score (cProfile)")
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    ok = bench_ranking(args.units, args.blocs, args.rounds)
    print()
    ok = bench_scoring(args.units, args.blocs, max(2, args.rounds)) and ok
    if args.profile:
        print()
        profile_scoring(args.units, args.blocs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
