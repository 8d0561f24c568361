"""Running the batches: in this process, or spread over any
:class:`concurrent.futures.Executor` (processes, threads, a dask cluster through
``distributed.Client(...).get_executor()``).

The samples are drawn before any batch runs, so the results do not depend on how
the batches are cut or where they run: the same seed gives the same arrays with one
worker or many, with any batch size. With an executor, the samples are cut into one
contiguous chunk per worker and each chunk is one task: a worker receives the model
(the points matrix and the maxima) once, then evaluates its chunk batch by batch.

A failing batch raises :class:`EvaluationError` naming the batch, its samples and the
seed. Ctrl-C (``KeyboardInterrupt``) cancels every task not yet started and is raised
again; nothing is written by this module.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from typing import Any, Callable

import numpy as np
import numpy.typing as npt

from ..errors import IctAdoptionError
from .evaluate import Model, evaluate_batch

__all__ = ["EvaluationError", "Progress", "run_batches"]

#: ``progress(done, total)``: samples evaluated so far, and in all.
Progress = Callable[[int, int], None]


class EvaluationError(IctAdoptionError, RuntimeError):
    """A batch of samples failed; ``batch``, ``samples`` (first, last) and ``seed`` say which."""

    def __init__(self, message: str, batch: int, samples: tuple[int, int], seed: int | None) -> None:
        super().__init__(message)
        self.batch = batch
        self.samples = samples
        self.seed = seed

    def __reduce__(self) -> Any:  # keeps its attributes across processes
        return (type(self), (str(self), self.batch, self.samples, self.seed))


def _evaluate_chunk(
    model: Model, samples: npt.NDArray[np.float64], batch_size: int, first: int, seed: int | None
) -> tuple[npt.NDArray[Any], npt.NDArray[np.int8]]:
    """Evaluate ``samples`` (rows ``first`` … of the whole design) batch by batch."""
    ranks, bands = [], []
    for start in range(0, len(samples), batch_size):
        stop = min(start + batch_size, len(samples))
        batch = (first + start) // batch_size
        try:
            r, b = evaluate_batch(model, samples[start:stop])
        except Exception as exc:
            raise EvaluationError(
                f"batch {batch} (samples {first + start}–{first + stop - 1}, seed {seed}): "
                f"{type(exc).__name__}: {exc}",
                batch,
                (first + start, first + stop - 1),
                seed,
            ) from exc
        ranks.append(r)
        bands.append(b)
    return np.concatenate(ranks), np.concatenate(bands)


def _workers(executor: cf.Executor, workers: int | None) -> int:
    if workers is not None:
        if workers < 1:
            raise ValueError(f"workers: expected at least 1, got {workers}")
        return workers
    return int(getattr(executor, "_max_workers", None) or os.cpu_count() or 1)


def run_batches(
    model: Model,
    samples: npt.NDArray[np.float64],
    *,
    batch_size: int,
    seed: int | None = None,
    executor: cf.Executor | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> tuple[npt.NDArray[Any], npt.NDArray[np.int8]]:
    """Ranks and classes of every sample (rows in sample order), however they run."""
    if batch_size < 1:
        raise ValueError(f"batch_size: expected at least 1, got {batch_size}")
    total = len(samples)
    if executor is None:
        ranks, bands = [], []
        for start in range(0, total, batch_size):
            r, b = _evaluate_chunk(model, samples[start : start + batch_size], batch_size, start, seed)
            ranks.append(r)
            bands.append(b)
            if progress is not None:
                progress(min(start + batch_size, total), total)
        if not ranks:
            return _evaluate_chunk(model, samples, batch_size, 0, seed)
        return np.concatenate(ranks), np.concatenate(bands)
    n_batches = max(1, -(-total // batch_size))
    chunks = min(_workers(executor, workers), n_batches)
    # chunk edges on batch edges, so that batch numbers are the same however it runs
    edges = [batch_size * (n_batches * i // chunks) for i in range(chunks)] + [total]
    futures: dict[cf.Future[Any], int] = {}
    try:
        for i in range(chunks):
            a, z = edges[i], edges[i + 1]
            futures[executor.submit(_evaluate_chunk, model, samples[a:z], batch_size, a, seed)] = i
        results: dict[int, tuple[Any, Any]] = {}
        done = 0
        for fut in cf.as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            done += edges[i + 1] - edges[i]
            if progress is not None:
                progress(done, total)
    except BaseException:
        for fut in futures:
            fut.cancel()
        raise
    return (
        np.concatenate([results[i][0] for i in range(chunks)]),
        np.concatenate([results[i][1] for i in range(chunks)]),
    )
