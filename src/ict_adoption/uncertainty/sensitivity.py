"""Variance-based (Sobol) sensitivity: which uncertain input drives the rank shifts.

The sampling design (Saltelli's scheme on a Sobol sequence, ``SALib.sample.sobol``)
and the estimators with their bootstrap confidence intervals (``SALib.analyze.sobol``)
are SALib's; the ``N × (D + 2)`` model runs of the design are our vectorised
evaluation (:mod:`.evaluate`). The outputs explained are each sample's mean absolute
rank shift from the nominal ranks over all units (weights move ranks), the share of
units whose class differs from the nominal one (thresholds move classes), and, for the
``units`` asked for, each one's rank.
"""

from __future__ import annotations

import concurrent.futures as cf
from typing import Any, Iterable, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from ..scoring import MissingPolicy
from .analysis import DEFAULT_MEMORY, PROGRESS_STEPS, prepare
from .evaluate import batch_size_for
from .executors import Progress, run_batches
from .inputs import UncertainInputError, UncertainInputs

__all__ = ["SensitivityResult", "sensitivity", "sobol_indices", "MEAN_SHIFT", "CLASS_CHANGE"]

#: The outputs every analysis explains: the mean absolute rank shift of all units,
#: and the share of units whose class differs from their nominal class.
MEAN_SHIFT = "mean_abs_rank_shift"
CLASS_CHANGE = "class_change_share"


@attrs.frozen(eq=False)
class SensitivityResult:
    """Sobol indices of each input (``names``) for each output (``outputs``).

    ``first``, ``total`` and their ``*_conf`` half-widths (``conf_level``, bootstrap)
    are arrays outputs × inputs. An output that does not vary at all has indices 0.
    """

    names: tuple[str, ...]
    outputs: tuple[str, ...]
    first: npt.NDArray[np.float64]
    first_conf: npt.NDArray[np.float64]
    total: npt.NDArray[np.float64]
    total_conf: npt.NDArray[np.float64]
    n: int
    seed: int | None
    conf_level: float
    runs: int
    rubric: str = ""
    notes: dict[str, tuple[str, int]] = attrs.field(factory=dict)

    def index(self, output: str = MEAN_SHIFT) -> dict[str, dict[str, float]]:
        """Input → {S1, S1_conf, ST, ST_conf} for one output."""
        o = self.outputs.index(output)
        return {
            name: {
                "S1": float(self.first[o, i]),
                "S1_conf": float(self.first_conf[o, i]),
                "ST": float(self.total[o, i]),
                "ST_conf": float(self.total_conf[o, i]),
            }
            for i, name in enumerate(self.names)
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric,
            "n": self.n,
            "runs": self.runs,
            "seed": self.seed,
            "conf_level": self.conf_level,
            "outputs": {
                o: {n: {k: (None if v != v else v) for k, v in x.items()} for n, x in self.index(o).items()}
                for o in self.outputs
            },
            "notes": {o: {"kind": k, "varied_runs": v} for o, (k, v) in self.notes.items()},
        }

    def table(self, *, lang: str = "vi", fmt: str = "text") -> str:
        from .render import render_sensitivity

        return render_sensitivity(self, fmt, lang=lang)

    def __str__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        return self.table(fmt="html")


def _salib(part: str) -> Any:
    """``SALib.sample.sobol`` or ``SALib.analyze.sobol``, or an ImportError saying how to install it."""
    import importlib

    try:
        return importlib.import_module(f"SALib.{part}.sobol")
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("Sobol indices need SALib: pip install 'ict-adoption[uncertainty]'") from None


def _varied(y: npt.NDArray[np.float64], d: int) -> tuple[str | None, int]:
    """Why SALib cannot estimate indices for ``y``, if it cannot, and in how many runs
    ``y`` differs from its most common value.

    SALib's estimators divide by the variance of the design's base runs (the A and B
    matrices, 2 of every ``d + 2`` runs): when ``y`` is the same in all of them, it
    warns "Constant values encountered" and returns 0 for every input. That happens
    when nothing varies (``"constant"``: 0 is then the right answer) and when the output
    changes so rarely that no base run saw a change (``"rare"``: then 0 would wrongly
    say that no input matters, and the indices are unknown, NaN)."""
    values, counts = np.unique(y, return_counts=True)
    varied = len(y) - int(counts.max(initial=0))
    if len(values) <= 1:
        return "constant", 0
    base = np.r_[y[0 :: d + 2], y[d + 1 :: d + 2]]
    if np.ptp(base) <= np.finfo(float).eps:
        return "rare", varied
    return None, varied


def sobol_indices(
    problem: dict[str, Any], y: npt.NDArray[np.float64], *, seed: int | None, num_resamples: int, conf_level: float
) -> tuple[npt.NDArray[np.float64], ...]:
    """SALib's first-order and total indices (and confidence half-widths) for ``y``:
    0 when ``y`` never varies, NaN when it varies too rarely for the design (see
    :func:`_varied`)."""
    sobol_analyze = _salib("analyze")
    d = problem["num_vars"]
    kind, _ = _varied(y, d)
    if kind is not None:
        z = np.zeros(d) if kind == "constant" else np.full(d, np.nan)
        return z, z.copy(), z.copy(), z.copy()
    # SALib seeds its bootstrap only when ``if seed:`` holds, so seed 0 would give other
    # intervals on every call: hand it a non-zero seed derived from ours
    boot = None if seed is None else int(np.random.SeedSequence([seed, 13]).generate_state(1)[0]) + 1
    res = sobol_analyze.analyze(
        problem, y, calc_second_order=False, num_resamples=num_resamples, conf_level=conf_level, seed=boot
    )
    return (
        np.asarray(res["S1"], dtype=np.float64),
        np.asarray(res["S1_conf"], dtype=np.float64),
        np.asarray(res["ST"], dtype=np.float64),
        np.asarray(res["ST_conf"], dtype=np.float64),
    )


def sensitivity(
    rubric: Any,
    data: Any,
    inputs: UncertainInputs | None = None,
    *,
    n: int = 1024,
    seed: int | None = 0,
    units: Sequence[str] = (),
    missing: MissingPolicy = "error",
    method: str | None = None,
    num_resamples: int = 1000,
    conf_level: float = 0.95,
    batch_size: int | None = None,
    max_memory: int = DEFAULT_MEMORY,
    executor: cf.Executor | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    published: Iterable[tuple[Any, str]] = (),
) -> SensitivityResult:
    """First-order and total Sobol indices of every input in ``inputs``.

    ``n``: the base sample size of the design (a power of 2; ``n × (inputs + 2)`` model
    runs). ``units``: unit names whose own rank is also explained. The other arguments
    are those of :func:`~ict_adoption.uncertainty.uncertainty`.

    The first call in a process imports SALib, which imports scipy and pandas: 2–4 s on
    the 2-core benchmark machine, before ``progress`` is first called (the command line
    says so on a terminal). Later calls do not pay it.
    """
    sobol_sample = _salib("sample")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2 or n & (n - 1):
        raise UncertainInputError(
            f"n: expected a power of 2 (e.g. 1024), got {n!r}", vi=f"n: cần một lũy thừa của 2 (vd. 1024), nhận được {n!r}"
        )
    ranking, inputs, model = prepare(rubric, data, inputs, missing, method, published)
    if inputs.dirichlet is not None:
        raise UncertainInputError(
            f"{inputs.dirichlet.name}: Sobol indices assume independent inputs, and a Dirichlet draw ties "
            "the weights together; give the weights ranges (WeightRange) for a sensitivity analysis",
            vi=f"{inputs.dirichlet.name}: chỉ số Sobol giả định các đầu vào độc lập, mà phân phối Dirichlet ràng "
            "buộc các trọng số với nhau; hãy cho các trọng số khoảng (WeightRange) để phân tích độ nhạy",
        )
    if len(inputs) == 0:
        raise UncertainInputError(
            "inputs: nothing varies (no weight or threshold range), so there is nothing to explain",
            vi="đầu vào: không có gì thay đổi (không có khoảng trọng số hay ngưỡng nào), nên không có gì để giải thích",
        )
    fixed = [x.name for x in inputs.items if x.low == x.high]
    if fixed:
        raise UncertainInputError(f"{fixed[0]}: a fixed value (low = high) has no variance to explain; leave it out", vi=f"{fixed[0]}: giá trị cố định (thấp = cao) không có phương sai để giải thích; hãy bỏ nó đi")
    rows = model.rows
    names = [str(u) for u in ranking.units[rows]]
    cols = []
    for u in units:
        if u not in names:
            raise UncertainInputError(f"units: {u!r} is not a ranked unit of the data", vi=f"units: {u!r} không phải một đơn vị được xếp hạng trong dữ liệu")
        cols.append(names.index(u))
        if inputs.missing is not None and "exclude" in inputs.missing.choices and model.incomplete[cols[-1]]:
            raise UncertainInputError(
                f"units: {u!r} lacks a value and is not ranked in the samples that exclude it, so its rank "
                "has no value there to explain; leave it out of units",
                vi=f"units: {u!r} thiếu dữ liệu và không được xếp hạng trong các mẫu loại nó ra, nên hạng của nó "
                "không có giá trị để giải thích ở đó; hãy bỏ đơn vị này khỏi units",
            )
    problem = inputs.problem()
    x = sobol_sample.sample(problem, int(n), calc_second_order=False, scramble=True, seed=seed)
    steps = 0 if progress is None else PROGRESS_STEPS
    size = batch_size if batch_size is not None else batch_size_for(model, max_memory, len(x), steps)
    ranks, bands = run_batches(model, x, batch_size=size, seed=seed, executor=executor, workers=workers, progress=progress)
    reported = np.asarray(ranking.scored.reported)[rows]
    nominal = np.where(reported, np.asarray(ranking.ranks)[rows], 0)
    nominal_band = np.where(reported, np.asarray(ranking.band_index)[rows], -1)
    if model.incomplete.any() and inputs.missing is not None:
        # the shift over the units ranked both nominally and in the sample; a unit that
        # gains or loses its rank counts as a class change (-1 is "not ranked")
        both = (ranks > 0) & (nominal > 0)[None, :]
        shift = (np.abs(ranks - nominal[None, :]) * both).sum(axis=1) / np.maximum(1, both.sum(axis=1))
    else:
        shift = np.abs(ranks - nominal[None, :]).mean(axis=1)
    outputs = {
        MEAN_SHIFT: shift,
        CLASS_CHANGE: (bands != nominal_band[None, :]).mean(axis=1),
    }
    for u, c in zip(units, cols):
        outputs[f"rank:{u}"] = ranks[:, c].astype(np.float64)
    parts = [sobol_indices(problem, y, seed=seed, num_resamples=num_resamples, conf_level=conf_level) for y in outputs.values()]
    notes = {}
    for name, y in outputs.items():
        kind, varied = _varied(y, len(inputs))
        if kind is not None:
            notes[name] = (kind, varied)
    first, first_conf, total, total_conf = (np.array([p[k] for p in parts]) for k in range(4))
    return SensitivityResult(
        names=tuple(inputs.names),
        outputs=tuple(outputs),
        first=first,
        first_conf=first_conf,
        total=total,
        total_conf=total_conf,
        n=int(n),
        seed=seed,
        conf_level=conf_level,
        runs=len(x),
        rubric=f"{ranking.rubric.region}:{ranking.rubric.edition}",
        notes=notes,
    )
