"""The vectorised model run: every sample's ranks and classes, a batch at a time.

A sample gives each varied group a weight factor and each varied class a lower bound.
Both are quantised once, so everything after is exact integer arithmetic, as in the
core: a weight factor to 1/1000 (``WEIGHT_Q``), a bound to the rubric's resolution.

For a batch of samples, the units' perturbed scores are one product of the integer
points matrix (units × varied groups, plus one column for the rest) and the batch's
weight matrix; the blocs' perturbed maxima are a second, small product. Every sample
is then ranked inside every bloc with one row-wise sort
(:func:`~ict_adoption.uncertainty.sample_ranks.rank_rows`, the tie rules of the core's
:func:`~ict_adoption.ranks.rank_within_blocs`). Classes compare the score *rescaled to the bloc's
nominal maximum* with the bound, by integer cross-multiplication (``score × M ≥ bound ×
max``), so that a bound keeps its meaning when the weights change; with nominal
weights this is exactly the core's :func:`~ict_adoption.ranks.assign_bands`.
"""

from __future__ import annotations

from typing import Any, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from ..exact import scale_exact
from ..scoring import ScoredTable
from .inputs import UncertainInputError, UncertainInputs
from .choices import choice_index
from .sample_ranks import rank_rows

__all__ = ["Model", "WEIGHT_Q", "build_model", "evaluate_batch", "quantise", "excluding", "rule_combination", "batch_size_for"]

#: Resolution of a weight factor: factors are whole thousandths.
WEIGHT_Q = 1000
_EXACT_FLOAT = 2**53
_INT32 = 2**31 - 1
#: bytes of working memory per (sample, unit) in :func:`evaluate_batch`: tracemalloc peaks of
#: 33 (competition), 41 (dense) and 50 (fractional) measured at 10,000 units, with a margin
_BYTES_PER_CELL = 64


@attrs.frozen(eq=False)
class Model:
    """What a worker needs, sent once: points and maxima as integer matrices."""

    points: npt.NDArray[np.int64]  # units × (varied groups + 1): signed scaled points
    bloc_codes: npt.NDArray[np.int64]  # per unit
    bloc_max: npt.NDArray[np.int64]  # blocs × (varied groups + 1)
    nominal_max: npt.NDArray[np.int64]  # per bloc: nominal maximum (C of the comparison)
    basis_share: bool
    band_scale: int  # 10**digits of a bound
    nominal_bounds: npt.NDArray[np.int64]  # per class but the last, scaled
    n_weights: int
    threshold_index: npt.NDArray[np.intp]  # for each varied bound: which class
    method: str
    n_blocs: int
    #: input row of each unit
    rows: npt.NDArray[np.intp] = attrs.field(factory=lambda: np.zeros(0, dtype=np.intp))
    #: per unit: lacks a value that the missing-value choice treats (unranked when excluded)
    incomplete: npt.NDArray[np.bool_] = attrs.field(factory=lambda: np.zeros(0, dtype=bool))
    #: per choice of the missing-value input (empty: no such input): does it exclude?
    excludes: tuple[bool, ...] = ()
    #: per rule choice: how many rules it lists (empty: no rule choice)
    rule_sizes: tuple[int, ...] = ()
    #: with rule choices: ``points`` for every combination of their rules (the first
    #: choice's rule varying slowest, as :func:`itertools.product` lists them)
    rule_points: tuple[npt.NDArray[np.int64], ...] = ()

    @property
    def n_units(self) -> int:
        return int(self.points.shape[0])

    @property
    def n_bands(self) -> int:
        return len(self.nominal_bounds) + 1


def build_model(
    scored: ScoredTable, inputs: UncertainInputs, method: str, incomplete: npt.NDArray[np.bool_] | None = None,
    alternatives: Sequence[ScoredTable] = (),
) -> Model:
    """The integer matrices of the reported units of ``scored`` for ``inputs``.

    With a missing-value choice in ``inputs``, ``scored`` is the table scored with
    ``missing="zero"`` and ``incomplete`` (per unit of ``scored``) marks the units that
    ``missing="exclude"`` leaves unranked; their missing group points count as 0.
    With rule choices, ``alternatives`` is the same data scored by the core once per
    combination of their rules (in :func:`itertools.product` order)."""
    rubric = scored.rubric
    if (inputs.missing is None) != (incomplete is None):
        raise ValueError("incomplete: give it exactly when the inputs have a missing-value choice")
    if method == "ordinal":
        raise UncertainInputError(
            "method 'ordinal': an uncertainty analysis ranks with ties shared "
            "(competition, dense or fractional)",
            vi="method 'ordinal': phân tích độ bất định xếp hạng với các hạng bằng nhau được chia sẻ "
            "(competition, dense hoặc fractional)",
        )
    inputs.check(rubric)
    ok = np.flatnonzero(scored.reported)
    gids = [g.id for g in rubric.groups]
    w_idx = [gids.index(g) for g in inputs.weight_groups]
    points = _points(scored, inputs, ok, w_idx, incomplete)
    sizes = tuple(len(r.rules) for r in inputs.rules)
    if len(alternatives) != (int(np.prod(sizes)) if sizes else 0):
        raise ValueError("alternatives: give one scored table per combination of the rule choices")
    alt = []
    for a in alternatives:
        if not np.array_equal(np.flatnonzero(a.reported), ok):
            raise UncertainInputError(
                "rules: another rule leaves a different set of units scored; every rule must score the same units",
                vi="rules: một quy tắc khác làm thay đổi tập đơn vị được tính điểm; mọi quy tắc phải tính điểm cùng các đơn vị",
            )
        alt.append(_points(a, inputs, ok, w_idx, incomplete))
    gmax = np.maximum(np.asarray(rubric.group_max_matrix, dtype=np.int64), 0)
    nominal = np.asarray(rubric.bloc_max_scaled, dtype=np.int64)
    wmax = gmax[:, w_idx] if w_idx else np.zeros((len(nominal), 0), dtype=np.int64)
    bloc_max = np.column_stack([wmax, nominal - wmax.sum(axis=1)])
    share = rubric.band_basis == "share"
    digits = rubric.precision + (2 if share else 0)
    bounds = np.array([scale_exact(b.min, digits) for b in rubric.bands[:-1]], dtype=np.int64)  # type: ignore[arg-type]
    labels = [b.label for b in rubric.bands]
    t_idx = np.array([labels.index(t.band) for t in inputs.thresholds], dtype=np.intp)
    if not share and w_idx and (nominal[np.unique(scored.bloc_codes[ok])] <= 0).any():
        raise UncertainInputError("weights: a bloc with a maximum of 0 cannot rescale its scores", vi="weights: khối có điểm tối đa 0 không thể quy đổi điểm")
    if not share and not w_idx:  # nothing to rescale: compare the total with the bound
        nominal = np.ones_like(nominal)
        bloc_max = np.ones_like(bloc_max)
    return Model(
        points=points,
        bloc_codes=np.asarray(scored.bloc_codes, dtype=np.int64)[ok],
        bloc_max=bloc_max.astype(np.int64),
        nominal_max=nominal,
        basis_share=share,
        band_scale=10**digits,
        nominal_bounds=bounds,
        n_weights=len(w_idx),
        threshold_index=t_idx,
        method=method,
        n_blocs=len(rubric.blocs),
        rows=ok.astype(np.intp),
        incomplete=np.zeros(len(ok), dtype=bool) if incomplete is None else np.asarray(incomplete, dtype=bool)[ok],
        excludes=() if inputs.missing is None else inputs.missing.excludes,
        rule_sizes=sizes,
        rule_points=tuple(alt),
    )


def _points(
    scored: ScoredTable, inputs: UncertainInputs, ok: npt.NDArray[np.intp], w_idx: list[int],
    incomplete: npt.NDArray[np.bool_] | None,
) -> npt.NDArray[np.int64]:
    """Units × (varied groups + 1): the varied groups' signed points, then the rest of the total."""
    total = np.asarray(scored.total, dtype=np.int64)[ok]
    cols = []
    if w_idx:
        known = np.asarray(scored.group_known)[ok]
        if incomplete is not None:  # scored with missing="zero": their blanks are 0 points
            known = known | np.asarray(incomplete, dtype=bool)[ok][:, None]
        for gid, g in zip(inputs.weight_groups, w_idx):
            missing = np.flatnonzero(~known[:, g])
            if len(missing):
                unit = scored.units[ok[missing[0]]]
                name = f"weight:{gid}" if gid in {w.group for w in inputs.weights} else inputs.dirichlet.name  # type: ignore[union-attr]
                raise UncertainInputError(
                    vi=f"{name}: dữ liệu không có điểm của nhóm {gid!r} cho {len(missing)} đơn vị "
                    f"(đầu tiên: {unit!r}), nên trọng số của nhóm không thể thay đổi; hãy cho điểm theo nhóm "
                    "hoặc bỏ đầu vào này",
                    message=f"{name}: the data give no points of group {gid!r} for {len(missing)} unit(s) "
                    f"(first: {unit!r}), so its weight cannot vary; give group points or drop this input"
                )
            cols.append(np.asarray(scored.group_points[:, g], dtype=np.int64)[ok])
    rest = total - (np.sum(cols, axis=0) if cols else 0)
    points = np.column_stack([*cols, rest]) if cols else rest[:, None].copy()
    return points


def quantise(model: Model, samples: npt.ArrayLike) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Sample rows (weight factors, then bounds, as floats) → integer weight factors
    (thousandths; samples × (varied groups + 1)) and bounds (samples × classes − 1)."""
    x = np.asarray(samples, dtype=np.float64)
    width = model.n_weights + len(model.threshold_index) + (1 if model.excludes else 0) + len(model.rule_sizes)
    if x.ndim != 2 or x.shape[1] != width:
        raise ValueError(f"samples: expected a 2-D array with {width} columns, got {x.shape}")
    s = len(x)
    k = np.full((s, model.n_weights + 1), WEIGHT_Q, dtype=np.int64)
    k[:, : model.n_weights] = np.rint(x[:, : model.n_weights] * WEIGHT_Q).astype(np.int64)
    t = np.broadcast_to(model.nominal_bounds, (s, len(model.nominal_bounds))).copy()
    if len(model.threshold_index):
        cols = x[:, model.n_weights : model.n_weights + len(model.threshold_index)]
        t[:, model.threshold_index] = np.rint(cols * model.band_scale).astype(np.int64)
    return k, t


def excluding(model: Model, samples: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Per sample row: does its missing-value choice leave the incomplete units unranked?"""
    x = np.asarray(samples, dtype=np.float64)
    if not model.excludes:
        return np.zeros(len(x), dtype=bool)
    col = model.n_weights + len(model.threshold_index)
    return np.asarray(model.excludes, dtype=bool)[choice_index(x[:, col], len(model.excludes))]


def rule_combination(model: Model, samples: npt.ArrayLike) -> npt.NDArray[np.intp]:
    """Per sample row: which combination of the rule choices' rules it scores with
    (an index into ``model.rule_points``)."""
    x = np.asarray(samples, dtype=np.float64)
    first = model.n_weights + len(model.threshold_index) + (1 if model.excludes else 0)
    combo = np.zeros(len(x), dtype=np.intp)
    for i, k in enumerate(model.rule_sizes):  # mixed radix, the first choice slowest
        combo = combo * k + choice_index(x[:, first + i], k)
    return combo


def _scores(model: Model, k: npt.NDArray[np.int64], samples: npt.ArrayLike) -> npt.NDArray[np.integer[Any]]:
    """Every sample's scores (samples × units): one exact product per rule combination
    that the batch's samples pick (one product in all without rule choices)."""
    if not model.rule_sizes:
        return _product(model.points, k)
    combo = rule_combination(model, samples)
    parts = [(sel, _product(model.rule_points[j], k[sel])) for j in np.unique(combo).tolist() for sel in [np.flatnonzero(combo == j)]]
    dtype = np.int64 if any(p.dtype == np.int64 for _, p in parts) else np.int32
    out = np.empty((len(k), model.n_units), dtype=dtype)
    for sel, p in parts:
        out[sel] = p
    return out


def _product(points: npt.NDArray[np.int64], k: npt.NDArray[np.int64]) -> npt.NDArray[np.integer[Any]]:
    """``k @ points.T`` exactly: through float64 BLAS while every value is an integer
    below 2**53 (then the float result is exact), else in int64; int32 when it fits."""
    bound = int(np.abs(points).sum(axis=1).max(initial=0)) * int(np.abs(k).max(initial=0))
    if bound < _EXACT_FLOAT:
        out = k.astype(np.float64) @ points.T.astype(np.float64)
        # int32 when every score fits: half the memory traffic of every later pass
        return out.astype(np.int32 if bound < _INT32 else np.int64)
    return k @ points.T


def evaluate_batch(model: Model, samples: npt.ArrayLike) -> tuple[npt.NDArray[Any], npt.NDArray[np.int8]]:
    """Ranks (samples × units; int32, float64 for ``fractional``) and class indices
    (int8, 0 = highest) of every sample of the batch; a unit not ranked in a sample
    (its missing value excluded) has rank 0 and class −1 there."""
    k, t = quantise(model, samples)
    s, n = len(k), model.n_units
    if n == 0 or s == 0:
        dtype = np.float64 if model.method == "fractional" else np.int32
        return np.zeros((s, n), dtype=dtype), np.zeros((s, n), dtype=np.int8)
    score = _scores(model, k, samples)  # samples × units, exact
    drop = excluding(model, samples) if model.incomplete.any() else np.zeros(s, dtype=bool)
    if drop.any():
        # samples that exclude: the incomplete units go to a bloc of their own, so that
        # the others are ranked without them; they are then marked not ranked (0, −1)
        ranks = np.empty((s, n), dtype=np.float64 if model.method == "fractional" else np.int32)
        keep = np.flatnonzero(~drop)
        if len(keep):
            ranks[keep] = rank_rows(score[keep], model.bloc_codes, model.n_blocs, model.method)
        alone = np.where(model.incomplete, model.n_blocs, model.bloc_codes)
        out = np.flatnonzero(drop)
        r = rank_rows(score[out], alone, model.n_blocs + 1, model.method)
        r[:, model.incomplete] = 0
        ranks[out] = r
    else:
        ranks = rank_rows(score, model.bloc_codes, model.n_blocs, model.method)
    # classes: score × C ≥ bound × max, C the nominal bloc max (total) or 100 % (share);
    # as C > 0, that is score ≥ ceil(bound × max / C): one small table of per-bloc bounds
    # in score units (samples × blocs) per class, compared with the scores
    bmax = k @ model.bloc_max.T  # samples × blocs
    c = np.full(model.n_blocs, 100 * model.band_scale, dtype=np.int64) if model.basis_share else model.nominal_max
    bands = np.zeros((s, n), dtype=np.int8)
    below = np.empty((s, n), dtype=bool)
    per_unit = np.empty((s, n), dtype=score.dtype)
    for i in range(model.n_bands - 1):  # the class index is the number of bounds not reached
        need = -((-t[:, i : i + 1] * bmax) // c[None, :])  # exact integer ceiling
        # a bound above every score (or below every one) is clipped to the score's dtype
        info = np.iinfo(score.dtype)
        need = np.clip(need, info.min, info.max).astype(score.dtype)
        np.take(need, model.bloc_codes, axis=1, out=per_unit)
        np.less(score, per_unit, out=below)
        np.add(bands, below.view(np.int8), out=bands)
    if drop.any():
        bands[np.ix_(drop, model.incomplete)] = -1
    return ranks, bands


def batch_size_for(model: Model, max_memory: int, samples: int = 0, steps: int = 0) -> int:
    """Samples per batch so that one batch's working arrays stay under ``max_memory`` bytes;
    with ``steps``, also at most ``samples / steps`` (a progress bar then moves in about
    that many steps; the result does not depend on the batch size)."""
    if max_memory <= 0:
        raise UncertainInputError(f"max_memory: expected a positive number of bytes, got {max_memory}", vi=f"max_memory: cần một số byte dương, nhận được {max_memory}")
    per_sample = max(1, model.n_units) * _BYTES_PER_CELL
    # (cache-sized batches of ~10**6 cells were tried: 10 % faster on a quiet machine,
    # 30 % slower under load, where each small BLAS product pays its threads' start-up)
    size = max(1, int(max_memory // per_sample))
    return min(size, max(1, -(-samples // steps))) if steps > 0 and samples > 0 else size
