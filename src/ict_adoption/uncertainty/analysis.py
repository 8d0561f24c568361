"""Monte Carlo uncertainty analysis of a ranking: :func:`uncertainty`.

Draws ``samples`` points of the uncertain inputs (uniform in each range, from
``numpy.random.default_rng(seed)``), evaluates them all (:mod:`.evaluate`, batched,
optionally on an executor) and summarises per unit: the nominal rank, the median
rank and the 5–95 % interval, the probability of each class and of keeping the
nominal class; per bloc the mean absolute rank shift. A unit whose nominal class is
kept in fewer than ``level`` (95 %) of the samples is *not robust*; those come first.
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import warnings
from typing import Any, Iterable

import attrs
import numpy as np
import numpy.typing as npt

from ..ranking import Ranking, rank
from ..scoring import MissingPolicy, score
from .choices import substitute
from .evaluate import Model, batch_size_for, build_model
from .executors import Progress, run_batches
from .defaults import default_inputs
from .inputs import UncertainInputError, UncertainInputs
from .sample_ranks import rank_summary

__all__ = ["UncertaintyResult", "uncertainty", "prepare", "DEFAULT_MEMORY"]

#: Default bound on one batch's working memory (bytes).
DEFAULT_MEMORY = 256 * 2**20
#: With a progress callback (and no batch_size), at least this many batches.
PROGRESS_STEPS = 10


def prepare(
    rubric: Any, data: Any, inputs: UncertainInputs | None, missing: MissingPolicy, method: str | None,
    published: Iterable[tuple[Any, str]] = (),
) -> tuple[Ranking, UncertainInputs, Model]:
    """The nominal ranking, the inputs (defaults from the rubric's assumed values when
    None, narrowed by the ``published`` (score, class) pairs; weights only where the
    data give every unit's group points) and the model.

    With a missing-value choice in ``inputs``, the nominal treatment is ``missing``
    (one of the choices), or the first choice when ``missing`` is ``"error"``."""
    choice = None if inputs is None else inputs.missing
    if choice is not None:
        if missing == "error":
            missing = choice.choices[0]  # type: ignore[assignment]
        elif missing not in choice.choices:
            raise UncertainInputError(
                f"missing: the nominal treatment {missing!r} is not one of the choices {list(choice.choices)}",
                vi=f"missing: cách xử lý danh nghĩa {missing!r} không nằm trong các lựa chọn {list(choice.choices)}",
            )
    nominal = data if isinstance(data, Ranking) else rank(rubric, data, method, missing=missing)  # type: ignore[arg-type]
    if nominal.method == "ordinal":
        raise UncertainInputError("method 'ordinal': use competition, dense or fractional ranks", vi="method 'ordinal': hãy dùng hạng competition, dense hoặc fractional")
    scored = nominal.scored
    if inputs is None:
        ok = np.asarray(scored.reported)
        known = bool(np.asarray(scored.group_known)[ok].all()) if ok.any() else False
        inputs = default_inputs(nominal.rubric, weights=known, published=published)
    elif published:
        raise UncertainInputError("published: narrows the default ranges only; leave it out when giving inputs", vi="published: chỉ thu hẹp các khoảng mặc định; bỏ nó đi khi đã cho inputs")
    source = scored.table if isinstance(data, Ranking) else data
    if choice is None:
        alt = _alternatives(nominal.rubric, source, inputs, scored, missing)
        return nominal, inputs, build_model(scored, inputs, nominal.method, alternatives=alt)
    # the units' points with blanks as 0, and which units "exclude" leaves unranked
    zero = scored if missing == "zero" and not isinstance(data, Ranking) else score(nominal.rubric, source, missing="zero")
    excl = scored if missing == "exclude" and not isinstance(data, Ranking) else score(
        nominal.rubric, source, missing="exclude"
    )
    alt = _alternatives(nominal.rubric, source, inputs, zero, "zero")
    return nominal, inputs, build_model(zero, inputs, nominal.method, ~np.asarray(excl.reported), alt)


def _alternatives(rubric: Any, source: Any, inputs: UncertainInputs, scored: Any, missing: Any) -> list[Any]:
    """The data scored by the core once per combination of the rule choices' rules
    (:func:`itertools.product` order), each with the rubric those rules give."""
    if not inputs.rules:
        return []
    inputs.check(rubric)
    leaves = list(rubric.scored_ids)
    ok = np.asarray(scored.reported)
    for rc in inputs.rules:
        if not np.asarray(scored.leaf_known)[ok, leaves.index(rc.criterion)].any():
            raise UncertainInputError(
                f"{rc.name}: the data give no value of criterion {rc.criterion!r} (only totals or group "
                "points), so its rule changes nothing; give the criterion's column or drop this input",
                vi=f"{rc.name}: dữ liệu không có giá trị của tiêu chí {rc.criterion!r} (chỉ có tổng điểm hoặc "
                "điểm nhóm), nên quy tắc của nó không thay đổi gì; hãy cho cột của tiêu chí hoặc bỏ đầu vào này",
            )
    out = []
    with warnings.catch_warnings():  # the nominal ranking has already warned about the data
        warnings.simplefilter("ignore")
        for combo in itertools.product(*(rc.rules for rc in inputs.rules)):
            changed = {rc.criterion: r for rc, r in zip(inputs.rules, combo)}
            out.append(score(substitute(rubric, changed), source, missing=missing))
    return out


def draw(inputs: UncertainInputs, samples: int, seed: int | None, rubric: Any = None) -> npt.NDArray[np.float64]:
    """``samples`` rows in sample-column order (weight ranges, Dirichlet groups' weight
    factors, thresholds): uniform in each range, then the Dirichlet draw (``rubric``
    gives its nominal shares), so that the uniform columns do not depend on it."""
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise UncertainInputError(
            f"samples: expected a positive whole number, got {samples!r}",
            vi=f"số mẫu: cần một số nguyên dương, nhận được {samples!r}",
        )
    rng = np.random.default_rng(seed)
    b = np.array(inputs.bounds, dtype=np.float64).reshape(-1, 2)
    x = rng.uniform(b[:, 0], b[:, 1], size=(int(samples), len(b)))
    if inputs.dirichlet is None:
        return x
    if rubric is None:
        raise UncertainInputError(f"{inputs.dirichlet.name}: drawing it needs the rubric (its nominal shares)", vi=f"{inputs.dirichlet.name}: cần bộ tiêu chí (tỷ trọng danh nghĩa) để rút mẫu")
    d = inputs.dirichlet
    factors = d.factors(rubric, rng.dirichlet(d.alpha(rubric), size=int(samples)))
    w = len(inputs.weights)
    return np.column_stack([x[:, :w], factors, x[:, w:]])


@attrs.frozen(eq=False)
class UncertaintyResult:
    """Per-unit rank and class statistics over the samples (arrays aligned with ``rows``,
    the input rows of the units that were ranked)."""

    ranking: Ranking
    inputs: UncertainInputs
    samples: int
    seed: int | None
    rows: npt.NDArray[np.intp]
    nominal_rank: npt.NDArray[Any]
    nominal_band: npt.NDArray[np.int64]
    median_rank: npt.NDArray[np.float64]
    rank_low: npt.NDArray[np.float64]
    rank_high: npt.NDArray[np.float64]
    class_probability: npt.NDArray[np.float64]  # units × classes
    bloc_shift: dict[str, float]
    level: float = 0.95
    #: probability of each unit being ranked (1 unless the missing-value choice excludes)
    ranked_probability: npt.NDArray[np.float64] | None = None

    @property
    def keep_probability(self) -> npt.NDArray[np.float64]:
        """Probability of each unit keeping its nominal class (a unit not ranked
        nominally: of staying not ranked)."""
        nb = np.asarray(self.nominal_band)
        kept = self.class_probability[np.arange(len(self.rows)), np.maximum(nb, 0)]
        if self.ranked_probability is None:
            return kept
        return np.where(nb >= 0, kept, 1 - self.ranked_probability)

    @property
    def robust(self) -> npt.NDArray[np.bool_]:
        return self.keep_probability >= self.level

    @property
    def order(self) -> npt.NDArray[np.intp]:
        """Display order: units not robust first (least robust first), then by bloc and rank."""
        codes = self.ranking.scored.bloc_codes[self.rows]
        return np.lexsort((self.nominal_rank, codes, self.keep_probability, self.robust))

    def records(self) -> list[dict[str, Any]]:
        """One dict per unit in :attr:`order`: the JSON contract of the analysis."""
        r = self.ranking
        bands = r.rubric.bands
        blocs = r.rubric.blocs
        keep = self.keep_probability
        ranked = self.ranked_probability
        out = []
        for i in self.order.tolist():
            row = int(self.rows[i])
            band = int(self.nominal_band[i])
            rec: dict[str, Any] = {
                "unit": str(r.units[row]),
                "bloc": blocs[int(r.scored.bloc_codes[row])].id,
                "nominal_rank": _num(self.nominal_rank[i]) if band >= 0 else None,  # None: not ranked
                "median_rank": _num(self.median_rank[i]),
                "rank_5": _num(self.rank_low[i]),
                "rank_95": _num(self.rank_high[i]),
                "nominal_class": bands[band].label if band >= 0 else None,
                "keep_probability": float(keep[i]),
                "robust": bool(keep[i] >= self.level),
                "class_probability": {b.label: float(p) for b, p in zip(bands, self.class_probability[i])},
            }
            if ranked is not None:
                rec["ranked_probability"] = float(ranked[i])
            out.append(rec)
        return out

    def not_robust(self) -> list[dict[str, Any]]:
        return [x for x in self.records() if not x["robust"]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rubric": f"{self.ranking.rubric.region}:{self.ranking.rubric.edition}",
            "samples": self.samples,
            "seed": self.seed,
            "level": self.level,
            "inputs": self.inputs.to_dict(),
            "input_reasons": {
                x.name: {"vi": x.reason("vi"), "en": x.reason("en")}
                for x in (*self.inputs.items, *([self.inputs.dirichlet] if self.inputs.dirichlet else []))
            },
            "bloc_mean_abs_rank_shift": self.bloc_shift,
            "units": self.records(),
        }

    def table(self, *, lang: str = "vi", fmt: str = "text", not_robust_only: bool = False) -> str:
        """The analysis as text, ``markdown``, ``html``, ``json`` (str) or ``xlsx`` (bytes)."""
        from .render import render_uncertainty

        return render_uncertainty(self, fmt, lang=lang, not_robust_only=not_robust_only)

    def __str__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        return self.table(fmt="html")


def _num(x: Any) -> int | float | None:
    """A rank for JSON: whole numbers as int, None for NaN (never ranked in any sample)."""
    f = float(x)
    if f != f:
        return None
    return int(f) if f.is_integer() else f


def summarise(
    ranking: Ranking, inputs: UncertainInputs, model: Model, ranks: npt.NDArray[Any], bands: npt.NDArray[np.int8],
    samples: int, seed: int | None, level: float,
) -> UncertaintyResult:
    rows = model.rows
    reported = np.asarray(ranking.scored.reported)[rows]  # nominally ranked (all, unless excluded)
    nominal_rank = np.where(reported, np.asarray(ranking.ranks)[rows], 0)
    nominal_band = np.where(reported, np.asarray(ranking.band_index)[rows], -1)
    n = len(rows)
    # ranks 0 (not ranked in a sample) are left out of the quantiles and shifts
    (med, lo, hi), shift = rank_summary(ranks, nominal_rank)
    nb = model.n_bands
    counts = np.zeros((n, nb), dtype=np.int64)
    for c in range(nb):
        counts[:, c] = np.count_nonzero(bands == c, axis=0)
    prob = counts / max(1, len(ranks))
    ranked = None if inputs.missing is None else counts.sum(axis=1) / max(1, len(ranks))
    codes = model.bloc_codes
    bloc_shift = {}
    for j, b in enumerate(ranking.rubric.blocs):
        sel = (codes == j) & ~np.isnan(shift)
        if sel.any():
            bloc_shift[b.id] = float(shift[sel].mean())
    return UncertaintyResult(
        ranking, inputs, samples, seed, rows, nominal_rank, nominal_band, med, lo, hi, prob, bloc_shift, level,
        ranked_probability=ranked,
    )


def uncertainty(
    rubric: Any,
    data: Any,
    inputs: UncertainInputs | None = None,
    *,
    samples: int = 1000,
    seed: int | None = 0,
    missing: MissingPolicy = "error",
    method: str | None = None,
    level: float = 0.95,
    batch_size: int | None = None,
    max_memory: int = DEFAULT_MEMORY,
    executor: cf.Executor | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    published: Iterable[tuple[Any, str]] = (),
) -> UncertaintyResult:
    """Monte Carlo uncertainty of the ranks and classes of ``data`` under ``rubric``.

    ``inputs``: the ranges (:class:`UncertainInputs`; default: :func:`default_inputs`,
    ranges for the rubric's assumed values). ``data``: anything :func:`ict_adoption.rank`
    reads, or a :class:`~ict_adoption.ranking.Ranking`. ``batch_size`` (default: from
    ``max_memory`` bytes), ``executor`` (any :class:`concurrent.futures.Executor`) and
    ``workers`` change how it runs, never the result. ``progress(done, total)`` is
    called after each batch (each chunk on an executor). ``published``: (score, class)
    pairs of a results announcement that narrow the default ranges (see
    :func:`~ict_adoption.uncertainty.default_inputs`).
    """
    if not 0 < level <= 1:
        raise UncertainInputError(
            f"level: expected a probability in (0, 1], got {level!r}",
            vi=f"level: cần một xác suất trong (0, 1], nhận được {level!r}",
        )
    ranking, inputs, model = prepare(rubric, data, inputs, missing, method, published)
    x = draw(inputs, samples, seed, ranking.rubric)
    steps = 0 if progress is None else PROGRESS_STEPS  # a bar that moves, not one jump at the end
    size = batch_size if batch_size is not None else batch_size_for(model, max_memory, len(x), steps)
    ranks, bands = run_batches(model, x, batch_size=size, seed=seed, executor=executor, workers=workers, progress=progress)
    return summarise(ranking, inputs, model, ranks, bands, int(samples), seed, level)
