"""Benchmark: ``ict_adoption.uncertainty.uncertainty`` against a pandas loop and a numpy floor.

Run:  python benchmarks/uncertainty.py            (needs pandas and SALib: pip install -e '.[bench,uncertainty]')
      python benchmarks/uncertainty.py --units 2000 --samples 200 --rounds 2

A synthetic rubric of 10 groups × 5 criteria (50 criteria) in 20 blocs, ``--units``
units (default 10,000), ``--samples`` Monte Carlo samples (default 1,000) over the 10
group weights (± 20 %) and two class bounds. Candidates, interleaved round by round,
minimum and median reported:

* ours: the public call ``uncertainty(rubric, data, inputs, samples=S)`` (reads the
  data, scores, ranks, evaluates every sample, summarises);
* floor: float64 matmul of the group points by the weight factors and one argsort per
  sample row (no ties, no classes): what no exact evaluation can beat;
* pandas: per sample, rebuild the weighted total in a DataFrame and
  ``groupby("bloc").rank(method="min")`` plus the class; run on ``--pandas-samples``
  samples (default 20) and SCALED to ``--samples`` (said in the output).

Ranks and classes of our evaluation are checked equal to pandas' on the samples both ran.
Then a Sobol analysis (SALib) of the 10 weights with N = 1024 over ``--sobol-units`` units.
Timings on a shared machine vary; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc

import numpy as np

import ict_adoption as ia
from ict_adoption.uncertainty import ThresholdRange, UncertainInputs, WeightRange, sensitivity, uncertainty
from ict_adoption.uncertainty.analysis import draw, prepare
from ict_adoption.uncertainty.executors import run_batches

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _timing import interleaved  # noqa: E402

G, C, B = 10, 5, 20


def make(units: int) -> tuple[ia.Rubric, dict[str, np.ndarray], UncertainInputs]:
    groups = [
        ia.Group(id=f"g{g}", name=f"Nhóm {g}", max=10,
                 criteria=[ia.Criterion(id=f"c{g}_{c}", name=f"Tiêu chí {g}.{c}", max=2) for c in range(C)])
        for g in range(G)
    ]
    rubric = ia.Rubric(
        region="bench", edition="1", title="benchmark", years=2020, precision=2, groups=groups,
        blocs=[ia.Bloc(id=f"b{i}", name=f"Khối {i}") for i in range(B)],
        bands=[ia.Band(label="Tốt", min=80), ia.Band(label="Khá", min=65), ia.Band(label="Yếu")],
        default_provenance={"assumed": "synthetic benchmark rubric"},
    )
    rng = np.random.default_rng(13)
    data = {"unit": np.array([f"Đơn vị {i:05d}" for i in range(units)]),
            "bloc": np.array([f"b{i}" for i in range(B)])[rng.integers(0, B, units)]}
    for g in range(G):
        for c in range(C):
            data[f"c{g}_{c}"] = rng.integers(0, 9, units) / 4
    inputs = UncertainInputs([WeightRange.relative(f"g{g}", 0.2) for g in range(G)],
                             [ThresholdRange("Tốt", 75, 85), ThresholdRange("Khá", 60, 70)])
    return rubric, data, inputs


def group_points(data: dict[str, np.ndarray]) -> np.ndarray:
    """units × groups, in hundredths (exact integers)."""
    return np.column_stack([
        sum(np.rint(data[f"c{g}_{c}"] * 100).astype(np.int64) for c in range(C)) for g in range(G)
    ])


def floor(points: np.ndarray, codes: np.ndarray, x: np.ndarray) -> np.ndarray:
    score = x[:, :G] @ points.T.astype(np.float64)
    key = codes[None, :] * 1e9 - score
    return np.argsort(key, axis=1)


def pandas_loop(points: np.ndarray, bloc: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import pandas as pd

    ranks, bands = [], []
    for row in x:
        k = np.rint(row[:G] * 1000).astype(np.int64)
        t = np.rint(row[G:] * 100).astype(np.int64)
        df = pd.DataFrame(points, columns=[f"g{g}" for g in range(G)])
        df["bloc"] = bloc
        df["score"] = (df[[f"g{g}" for g in range(G)]] * k).sum(axis=1)
        mx = int((k * 1000).sum())  # each group's maximum is 10.00 points = 1000 hundredths
        ranks.append(df.groupby("bloc")["score"].rank(method="min", ascending=False).to_numpy(np.int64))
        lhs = df["score"].to_numpy() * 10000  # score × nominal maximum (100.00 points)
        bands.append(np.select([lhs >= t[0] * mx, lhs >= t[1] * mx], [0, 1], 2))
    return np.array(ranks), np.array(bands)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--units", type=int, default=10_000)
    p.add_argument("--samples", type=int, default=1_000)
    p.add_argument("--pandas-samples", type=int, default=20)
    p.add_argument("--sobol-units", type=int, default=1_000)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args(argv)
    rubric, data, inputs = make(a.units)
    points = group_points(data)
    codes = np.char.lstrip(data["bloc"], "b").astype(np.int64)
    x = draw(inputs, a.samples, 1)
    k = a.pandas_samples
    t = interleaved({
        "ours": lambda: uncertainty(rubric, data, inputs, samples=a.samples, seed=1),
        "floor": lambda: floor(points, codes, x),
        "pandas": lambda: pandas_loop(points, data["bloc"], x[:k]),
    }, a.rounds)
    scale = a.samples / k
    print(f"{a.units:,} units × {a.samples:,} samples × {G * C} criteria in {B} blocs; {a.rounds} interleaved rounds")
    print(t.line("ours", "uncertainty() public call", "floor"))
    print(t.line("floor", "float matmul + argsort floor"))
    pmin, pmed = t.best("pandas") * scale, t.median("pandas") * scale
    print(f"  pandas loop, {k} samples scaled ×{scale:g}: min {pmin:.1f} s, median {pmed:.1f} s; "
          f"ours is {pmin / t.best('ours'):.1f}× faster (min), {pmed / t.median('ours'):.1f}× (median)")
    ranking, _, model = prepare(rubric, data, inputs, "error", None)
    r, b = run_batches(model, x[:k], batch_size=k)
    pr, pb = t.results["pandas"]
    same = np.array_equal(r, pr) and np.array_equal(b, pb)
    print(f"  ranks and classes equal pandas' on the {k} samples both ran: {'yes' if same else 'NO'}")
    tracemalloc.start()
    uncertainty(rubric, data, inputs, samples=a.samples, seed=1)
    print(f"  peak traced memory of the public call: {tracemalloc.get_traced_memory()[1] / 2**20:.0f} MiB")
    tracemalloc.stop()
    r2, d2, _ = make(a.sobol_units)
    weights = UncertainInputs([WeightRange.relative(f"g{g}", 0.2) for g in range(G)])
    sensitivity(r2, d2, weights, n=64, seed=1)  # SALib imported outside the timing
    sob = []
    for _ in range(a.rounds):
        t0 = time.perf_counter()
        sensitivity(r2, d2, weights, n=1024, seed=1)
        sob.append(time.perf_counter() - t0)
    print(f"  Sobol, {G} weights, N = 1024 ({1024 * (G + 2):,} runs) over {a.sobol_units:,} units: "
          f"min {min(sob):.2f} s, median {sorted(sob)[len(sob) // 2]:.2f} s")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
