"""Benchmark: ``ia.rank(rubric, data)`` from a dict and from a DataFrame against pandas.

Run:  python benchmarks/rank_call.py                   (needs pandas: pip install -e '.[bench]')
      python benchmarks/rank_call.py --units 100000 --blocs 50 --rounds 3

``--units`` units (default 1,000,000) in ``--blocs`` blocs (default 500), each given
its total with two decimals (scores 0.00–100.00 in steps of 0.10, so many ties), as a
dict of numpy arrays ``{"unit", "bloc", "total"}``. Timed in one process, candidates
interleaved round by round, minimum and median reported:

* ``ia.rank(rubric, dict)`` — what a user calls: names, blocs and duplicates checked,
  totals made exact, ranks, tied flags and classes;
* ``ia.rank(rubric, DataFrame)`` — the same from a pandas DataFrame;
* pandas from the same dict: ``DataFrame(dict)``, the exact total,
  ``groupby("bloc").rank(method="min")`` and the tied flags (``duplicated``);
* the ranking core alone (:func:`ict_adoption.ranks.rank_within_blocs` on bloc codes
  and exact totals) and the packed-key numpy floor it is measured against: one
  ``int64`` key (bloc, score, index) sorted, ranks by run starts.

Ranks *and* tied flags are checked equal to pandas' for every unit, and pandas' to the
plain-Python reference (:func:`ict_adoption.testing.reference_ranks`).
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import bench_rubric, interleaved  # noqa: E402

import ict_adoption as ia  # noqa: E402
from ict_adoption.ranks import rank_within_blocs  # noqa: E402
from ict_adoption.testing import reference_ranks  # noqa: E402


def make_input(n: int, n_blocs: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(2013)
    return {
        "unit": np.array([f"Đơn vị số {i:07d}" for i in range(n)]),
        "bloc": np.array([f"b{i}" for i in range(n_blocs)])[rng.integers(0, n_blocs, n)],
        "total": rng.integers(0, 1001, n) / 10.0,
    }


def with_pandas(data: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    import pandas as pd

    df = pd.DataFrame(data)
    df["points"] = np.rint(df["total"].to_numpy() * 100).astype(np.int64)
    ranks = df.groupby("bloc")["points"].rank(method="min", ascending=False).to_numpy(np.int64)
    tied = df.duplicated(["bloc", "points"], keep=False).to_numpy()
    return ranks, tied


def packed_floor(codes: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Competition ranks and tied flags from one sorted packed key: the numpy floor."""
    n = len(scores)
    idx_bits = max(1, (n - 1).bit_length())
    s_max = int(scores.max())
    score_bits = max(1, (s_max - int(scores.min())).bit_length())
    key = (codes << (score_bits + idx_bits)) | ((s_max - scores) << idx_bits) | np.arange(n)
    key.sort()
    order = key & ((1 << idx_bits) - 1)
    run_key = key >> idx_bits
    new_run = np.empty(n, bool)
    new_run[0] = True
    np.not_equal(run_key[1:], run_key[:-1], out=new_run[1:])
    bloc_key = run_key >> score_bits
    counts = np.bincount(bloc_key, minlength=int(codes.max()) + 1)
    bloc_start = np.repeat(np.cumsum(counts) - counts, counts)
    pos = np.arange(n)
    run_start = np.maximum.accumulate(np.where(new_run, pos, 0))
    starts = np.flatnonzero(new_run)
    length = np.diff(np.append(starts, n))
    ranks = np.empty(n, np.int64)
    ranks[order] = run_start - bloc_start + 1
    tied = np.empty(n, bool)
    tied[order] = np.repeat(length > 1, length)
    return ranks, tied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--blocs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    import pandas as pd

    print(f"python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, {platform.machine()}")
    rubric = bench_rubric(1, args.blocs, group_max=100)
    data = make_input(args.units, args.blocs)
    frame = pd.DataFrame(data)
    codes = np.char.lstrip(data["bloc"], "b").astype(np.int64)
    scores = np.rint(data["total"] * 100).astype(np.int64)

    def ours(source: Any) -> tuple[np.ndarray, np.ndarray]:
        ranking = ia.rank(rubric, source)
        return np.asarray(ranking.ranks), np.asarray(ranking.tied)

    t = interleaved(
        {
            "ia.rank(dict)": lambda: ours(data),
            "ia.rank(DataFrame)": lambda: ours(frame),
            "pandas": lambda: with_pandas(data),
            "core": lambda: rank_within_blocs(codes, scores),
            "floor": lambda: packed_floor(codes, scores),
        },
        args.rounds,
    )
    print(f"{args.units:,} units in {args.blocs} blocs, totals only; {args.rounds} interleaved rounds")
    print(t.line("ia.rank(dict)", "ia.rank(rubric, dict)", "pandas"))
    print(t.line("ia.rank(DataFrame)", "ia.rank(rubric, DataFrame)", "pandas"))
    print(t.line("pandas", "pandas DataFrame(dict) + groupby rank"))
    print(t.line("core", "core: ranks.rank_within_blocs", "floor"))
    print(t.line("floor", "packed-key numpy floor"))
    pr, pt = t.results["pandas"]
    rr, rt = reference_ranks(codes.tolist(), scores.tolist())  # the plain-Python reference (not timed)
    ok = np.array_equal(pr, rr) and np.array_equal(pt, rt)
    print(f"  pandas: ranks and tied flags equal the plain-Python reference's: {'yes' if ok else 'NO'}")
    for name in ("ia.rank(dict)", "ia.rank(DataFrame)", "core", "floor"):
        r, tied = t.results[name]
        same = np.array_equal(r, pr) and np.array_equal(tied, pt)
        ok = ok and same
        print(f"  {name}: ranks and tied flags equal pandas' for every unit: {'yes' if same else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
