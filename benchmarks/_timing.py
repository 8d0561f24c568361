"""What the benchmarks share: interleaved rounds, min and median, ratios, a rubric.

Candidates are run round by round (A, B, C, A, B, C, …), so a slow spell of the shared
machine falls on every candidate alike; each reports its minimum and median.
"""

from __future__ import annotations

import statistics
import time
from typing import Any, Callable, Sequence

import ict_adoption as ia


class Timings:
    """Seconds per candidate, collected by :func:`interleaved`."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self.seconds: dict[str, list[float]] = {n: [] for n in names}
        self.results: dict[str, Any] = {}

    def best(self, name: str) -> float:
        return min(self.seconds[name])

    def median(self, name: str) -> float:
        return statistics.median(self.seconds[name])

    def line(self, name: str, label: str, peer: str | None = None) -> str:
        text = f"  {label:<44} min {self.best(name) * 1e3:9.1f} ms   median {self.median(name) * 1e3:9.1f} ms"
        if peer is not None and peer != name:
            text += f"   {self.best(peer) / self.best(name):5.2f}x vs {peer} (min), {self.median(peer) / self.median(name):5.2f}x (median)"
        return text


def interleaved(candidates: dict[str, Callable[[], Any]], rounds: int) -> Timings:
    """Run every candidate once per round, in turn; keep the last result of each."""
    t = Timings(list(candidates))
    for _ in range(rounds):
        for name, fn in candidates.items():
            t0 = time.perf_counter()
            result = fn()
            t.seconds[name].append(time.perf_counter() - t0)
            t.results[name] = result
    return t


def bench_rubric(n_groups: int, n_blocs: int, *, group_max: int = 25) -> ia.Rubric:
    """A synthetic rubric: ``n_groups`` groups given as points, ``n_blocs`` open blocs."""
    return ia.Rubric(
        region="bench",
        edition="1",
        title="benchmark",
        years=2020,
        precision=2,
        groups=[ia.Group(id=f"g{g}", name=f"Nhóm {g}", max=group_max) for g in range(n_groups)],
        blocs=[ia.Bloc(id=f"b{i}", name=f"Khối {i}") for i in range(n_blocs)],
        bands=[ia.Band(label="Tốt", min=80), ia.Band(label="Khá", min=65), ia.Band(label="Yếu")],
        default_provenance={"assumed": "synthetic benchmark rubric"},
    )
