"""The uncertainty analysis: the vectorised evaluation against ``ia.rank`` once per
sample (hypothesis, small random rubrics), reproducibility over workers and batch
sizes, zero-width ranges, Sobol indices with a known answer, refusals naming the input."""

from __future__ import annotations

import concurrent.futures as cf
from unittest import mock
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.uncertainty import (
    WEIGHT_Q,
    EvaluationError,
    ThresholdRange,
    UncertainInputError,
    UncertainInputs,
    WeightRange,
    default_inputs,
    evaluate_batch,
    load_inputs,
    sensitivity,
    uncertainty,
)
from ict_adoption.uncertainty import executors
from ict_adoption.uncertainty import evaluate as evaluate_module
from ict_adoption.uncertainty.evaluate import build_model

PROV = {"assumed": "test rubric"}


def make_rubric(maxima, n_blocs, bounds, basis, precision):
    groups = [ia.Group(id=f"g{i}", name=f"Nhóm {i}", max=m) for i, m in enumerate(maxima)]
    blocs = [ia.Bloc(id=f"b{j}", name=f"Khối {j}") for j in range(n_blocs)]
    bands = [ia.Band(label=f"C{i}", min=t) for i, t in enumerate(bounds)] + [ia.Band(label="Last")]
    return ia.Rubric(
        region="t", edition="1", title="T", years=(2020, None), precision=precision, groups=groups,
        blocs=blocs, bands=bands, band_basis=basis, default_provenance=PROV,
    )


@st.composite
def cases(draw):
    precision = draw(st.integers(0, 2))
    basis = draw(st.sampled_from(["share", "total"]))
    n_groups = draw(st.integers(1, 3))
    if basis == "total":  # every bloc's maximum is 100, so a bound in points is a share
        cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=n_groups - 1, max_size=n_groups - 1, unique=True)))
        maxima = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
    else:
        maxima = draw(st.lists(st.integers(1, 40), min_size=n_groups, max_size=n_groups))
    n_bounds = draw(st.integers(1, 3))
    n_blocs = draw(st.integers(1, 2))
    n_units = draw(st.integers(1, 10))
    scale = 10**precision
    # whole points on a few levels: many ties, and totals that land on a bound
    points = [[draw(st.integers(0, 4)) * m * scale // 4 for m in maxima] for _ in range(n_units)]
    blocs = [draw(st.integers(0, n_blocs - 1)) for _ in range(n_units)]
    n_samples = draw(st.integers(1, 4))
    # thresholds: band i varies inside its own slice of (0, 100), highest first
    slices = [(Decimal(100) * (n_bounds - i) / (n_bounds + 1), Decimal(100) * (n_bounds - i + 1) / (n_bounds + 1)) for i in range(n_bounds)]
    slices = [(lo.quantize(Decimal(1)), hi.quantize(Decimal(1)) - 1) for lo, hi in slices]
    # shares at nominal weights, so that a bound can fall exactly on a unit's score
    bmax = sum(maxima) * scale
    shares = {Decimal(sum(row)) * 100 / bmax for row in points}
    samples = []
    for _ in range(n_samples):
        row = [draw(st.one_of(st.just(WEIGHT_Q), st.integers(100, 2000))) / WEIGHT_Q for _ in maxima]
        for lo, hi in slices:
            exact = sorted(int(x) for x in shares if x == int(x) and lo <= x <= hi)
            row.append(draw(st.one_of(st.integers(int(lo), int(hi)), st.sampled_from(exact or [int(lo)]))))
        samples.append(row)
    method = draw(st.sampled_from(["competition", "dense", "fractional"]))
    return precision, basis, maxima, slices, points, blocs, np.array(samples, dtype=float), method


def reference(rubric, points, blocs, sample, method, blank=None, missing="error"):
    """ia.rank on a rubric and table rebuilt for one sample (exact Decimals); ``blank``
    (units × groups) leaves those cells empty, treated by ia.rank's ``missing``."""
    p = rubric.precision
    k = [round(x * WEIGHT_Q) for x in sample[: len(rubric.groups)]]
    t = sample[len(rubric.groups):]
    groups = [
        ia.Group(id=g.id, name=g.name, max=g.max * kk / WEIGHT_Q) for g, kk in zip(rubric.groups, k)
    ]
    bands = [ia.Band(label=b.label, min=Decimal(int(x))) for b, x in zip(rubric.bands, t)] + [rubric.bands[-1]]
    r2 = ia.Rubric(
        region="t", edition="1", title="T", years=(2020, None), precision=p + 3, groups=groups,
        blocs=rubric.blocs, bands=bands, band_basis="share", default_provenance=PROV,
    )
    data = {"unit": [f"Đơn vị {i}" for i in range(len(points))], "bloc": [f"b{j}" for j in blocs]}
    for g, (grp, kk) in enumerate(zip(rubric.groups, k)):
        data[grp.id] = [
            None if blank is not None and blank[i][g] else Decimal(row[g] * kk) / Decimal(10) ** (p + 3)
            for i, row in enumerate(points)
        ]
    ranking = ia.rank(r2, data, method, missing=missing)
    return np.asarray(ranking.ranks), np.asarray(ranking.band_index)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_every_sample_equals_ia_rank_on_that_sample(case):
    precision, basis, maxima, slices, points, blocs, samples, method = case
    rubric = make_rubric(maxima, max(blocs) + 1, [hi + 1 for _, hi in slices], basis, precision)
    data = {"unit": [f"Đơn vị {i}" for i in range(len(points))], "bloc": [f"b{j}" for j in blocs]}
    scale = Decimal(10) ** precision
    for g in range(len(maxima)):
        data[f"g{g}"] = [Decimal(row[g]) / scale for row in points]
    scored = ia.score(rubric, data)
    inputs = UncertainInputs(
        [WeightRange(f"g{g}", "0.1", "2") for g in range(len(maxima))],
        [ThresholdRange(f"C{i}", lo, hi) for i, (lo, hi) in enumerate(slices)],
    )
    model = build_model(scored, inputs, method)
    ranks, bands = evaluate_batch(model, samples)
    with mock.patch.object(evaluate_module, "_INT32", 0):  # the int64 path of large scores
        ranks64, bands64 = evaluate_batch(model, samples)
    np.testing.assert_array_equal(ranks64, ranks)
    np.testing.assert_array_equal(bands64, bands)
    for s, sample in enumerate(samples):
        exp_ranks, exp_bands = reference(rubric, points, blocs, sample, method)
        np.testing.assert_array_equal(ranks[s], exp_ranks)
        np.testing.assert_array_equal(bands[s], exp_bands)


@st.composite
def missing_cases(draw):
    """A case of :func:`cases` with blank cells and a missing-value choice per sample."""
    case = draw(cases())
    points, samples = case[4], case[6]
    blank = [[draw(st.integers(0, 3)) == 0 for _ in row] for row in points]
    choices = draw(st.sampled_from([("zero", "exclude"), ("exclude", "zero"), ("zero",), ("exclude",)]))
    u = [draw(st.one_of(st.floats(0, 1), st.sampled_from([0.0, 0.5, 1.0]))) for _ in samples]
    return case, blank, choices, u


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(missing_cases())
def test_every_sample_equals_ia_rank_under_its_missing_value_treatment(case):
    """The reference: ia.rank(..., missing=T) on the sample's rubric and table, T the
    treatment the sample's choice column picks; a unit ia.rank leaves unranked
    (rank 0, class -1) must be unranked in the sample too."""
    from ict_adoption.uncertainty import MissingChoice
    from ict_adoption.uncertainty.choices import choice_index

    (precision, basis, maxima, slices, points, blocs, samples, method), blank, choices, u = case
    rubric = make_rubric(maxima, max(blocs) + 1, [hi + 1 for _, hi in slices], basis, precision)
    data = {"unit": [f"Đơn vị {i}" for i in range(len(points))], "bloc": [f"b{j}" for j in blocs]}
    scale = Decimal(10) ** precision
    for g in range(len(maxima)):
        data[f"g{g}"] = [None if blank[i][g] else Decimal(row[g]) / scale for i, row in enumerate(points)]
    zero = ia.score(rubric, data, missing="zero")
    excluded = ~np.asarray(ia.score(rubric, data, missing="exclude").reported)
    inputs = UncertainInputs(
        [WeightRange(f"g{g}", "0.1", "2") for g in range(len(maxima))],
        [ThresholdRange(f"C{i}", lo, hi) for i, (lo, hi) in enumerate(slices)],
        missing=MissingChoice(choices),
    )
    model = build_model(zero, inputs, method, excluded)
    x = np.column_stack([samples, u]) if len(choices) > 1 else np.column_stack([samples, np.zeros(len(u))])
    ranks, bands = evaluate_batch(model, x)
    picked = choice_index(x[:, -1], len(choices))
    for s, sample in enumerate(samples):
        exp_ranks, exp_bands = reference(rubric, points, blocs, sample, method, blank, choices[picked[s]])
        np.testing.assert_array_equal(ranks[s], exp_ranks)
        np.testing.assert_array_equal(bands[s], exp_bands)


# ----------------------------------------------------------------------------- a fixed case


def three_groups(n=60, seed=3):
    """g0 and g2 trade off (weight of g0 moves ranks); g1 is equal for all (no effect)."""
    rng = np.random.default_rng(seed)
    rubric = make_rubric([40, 20, 40], 2, [80, 60], "total", 2)
    data = {
        "unit": [f"Đơn vị {i:02d}" for i in range(n)],
        "bloc": [f"b{i % 2}" for i in range(n)],
        "g0": [Decimal(int(x)) / 100 for x in rng.integers(0, 4001, n)],
        "g1": [Decimal("15.50")] * n,
        "g2": [Decimal(int(x)) / 100 for x in rng.integers(0, 4001, n)],
    }
    return rubric, data


def test_zero_width_ranges_give_the_nominal_rank_and_class_with_probability_one():
    rubric, data = three_groups()
    inputs = UncertainInputs([WeightRange("g0", 1, 1), WeightRange("g1", 1, 1)], [ThresholdRange("C0", 80, 80)])
    res = uncertainty(rubric, data, inputs, samples=50, seed=1)
    nominal = ia.rank(rubric, data)
    np.testing.assert_array_equal(res.median_rank, nominal.ranks)
    np.testing.assert_array_equal(res.rank_low, nominal.ranks)
    np.testing.assert_array_equal(res.rank_high, nominal.ranks)
    assert (res.keep_probability == 1).all() and res.robust.all()
    assert set(res.bloc_shift.values()) == {0.0}


def _arrays(res):
    return (res.median_rank, res.rank_low, res.rank_high, res.class_probability, np.array(list(res.bloc_shift.values())))


@pytest.mark.parametrize("batch_size", [1, 7, 1000])
def test_same_seed_same_result_for_any_workers_and_batch_size(batch_size):
    rubric, data = three_groups()
    inputs = UncertainInputs([WeightRange.relative("g0", "0.5")], [ThresholdRange("C0", 75, 85)])
    base = uncertainty(rubric, data, inputs, samples=64, seed=7)
    with cf.ThreadPoolExecutor(4) as pool:
        four = uncertainty(rubric, data, inputs, samples=64, seed=7, batch_size=batch_size, executor=pool)
    with cf.ProcessPoolExecutor(2) as pool:
        procs = uncertainty(rubric, data, inputs, samples=64, seed=7, batch_size=batch_size, executor=pool, workers=2)
    one = uncertainty(rubric, data, inputs, samples=64, seed=7, batch_size=batch_size)
    for other in (four, procs, one):
        for a, b in zip(_arrays(base), _arrays(other)):
            np.testing.assert_array_equal(a, b)
    other_seed = uncertainty(rubric, data, inputs, samples=64, seed=8)
    assert not np.array_equal(base.class_probability, other_seed.class_probability)


def test_progress_is_called_up_to_the_total():
    rubric, data = three_groups()
    seen = []
    uncertainty(rubric, data, samples=30, batch_size=8, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(8, 30), (16, 30), (24, 30), (30, 30)]
    # with no batch_size, a progress bar moves in about ten steps even when one batch
    # would hold every sample, and the result is the same as without progress
    seen.clear()
    moved = uncertainty(rubric, data, samples=95, progress=lambda d, t: seen.append(d))
    assert seen == [*range(10, 95, 10), 95]
    assert moved.records() == uncertainty(rubric, data, samples=95).records()


def test_sobol_one_weight_drives_everything_the_other_nothing():
    rubric, data = three_groups(n=80)
    inputs = UncertainInputs([WeightRange("g0", "0.5", "1.5"), WeightRange("g1", "0.5", "1.5")])
    res = sensitivity(rubric, data, inputs, n=512, seed=2)
    idx = res.index()
    assert idx["weight:g1"]["ST"] == pytest.approx(0, abs=max(0.02, idx["weight:g1"]["ST_conf"]))
    assert idx["weight:g0"]["ST"] == pytest.approx(1, abs=max(0.1, idx["weight:g0"]["ST_conf"]))
    assert idx["weight:g0"]["S1"] == pytest.approx(1, abs=max(0.15, 2 * idx["weight:g0"]["S1_conf"]))
    assert res.runs == 512 * 4


def test_sobol_thresholds_drive_class_changes():
    rubric, data = three_groups(n=80)
    inputs = UncertainInputs([], [ThresholdRange("C0", 70, 90), ThresholdRange("C1", 59, 61)])
    idx = sensitivity(rubric, data, inputs, n=256, seed=0).index("class_change_share")
    assert idx["threshold:C0"]["ST"] > 0.8 > idx["threshold:C1"]["ST"]


# ----------------------------------------------------------------------------- refusals


def test_a_range_allowing_a_negative_weight_is_refused_naming_it():
    with pytest.raises(UncertainInputError, match="weight 'g0'.*negative"):
        WeightRange.relative("g0", "1.2")


def test_overlapping_threshold_ranges_are_refused_naming_them():
    rubric, data = three_groups()
    inputs = UncertainInputs([], [ThresholdRange("C0", 70, 90), ThresholdRange("C1", 55, 72)])
    with pytest.raises(UncertainInputError, match="threshold:C1.*72.*'C0'.*overlap"):
        uncertainty(rubric, data, inputs, samples=5)


def test_unknown_group_and_lowest_class_are_refused():
    rubric, data = three_groups()
    with pytest.raises(UncertainInputError, match="weight:nope: no such group"):
        UncertainInputs([WeightRange("nope", 1, 2)]).check(rubric)
    with pytest.raises(UncertainInputError, match="threshold:Last: the lowest class"):
        UncertainInputs([], [ThresholdRange("Last", 1, 2)]).check(rubric)


def test_weights_need_group_points():
    rubric = make_rubric([50, 50], 1, [80], "total", 2)
    data = {"unit": ["A", "B"], "bloc": ["b0", "b0"], "total": [90, 70]}
    with pytest.raises(UncertainInputError, match="weight:g0: the data give no points of group 'g0' for 2 unit"):
        uncertainty(rubric, data, UncertainInputs([WeightRange("g0", 1, 2)]), samples=3)
    # the defaults leave the weights out when only totals are given
    res = uncertainty(rubric, data, samples=3)
    assert res.inputs.names == ["threshold:C0"]


def test_a_worker_exception_names_batch_and_seed(monkeypatch):
    rubric, data = three_groups()
    real = executors.evaluate_batch

    def flaky(model, samples):
        if len(samples) and samples[0][0] > 1.15:
            raise MemoryError("boom")
        return real(model, samples)

    monkeypatch.setattr(executors, "evaluate_batch", flaky)
    inputs = UncertainInputs([WeightRange("g0", "0.8", "1.2")])
    with cf.ThreadPoolExecutor(2) as pool, pytest.raises(EvaluationError, match=r"batch \d+ \(samples \d+–\d+, seed 5\): MemoryError: boom") as info:
        uncertainty(rubric, data, inputs, samples=40, seed=5, batch_size=1, executor=pool)
    assert info.value.seed == 5 and info.value.samples[0] == info.value.batch


def test_defaults_come_from_assumed_values_and_published_ones_stay_fixed():
    rubric = make_rubric([50, 50], 1, [80, 65], "total", 2)
    published = ia.Source(id="s", title="Quyết định", kind="decision")
    r2 = ia.Rubric(
        region="t", edition="1", title="T", years=(2020, None), precision=2,
        groups=[rubric.groups[0], ia.Group(id="g1", name="N", max=50, provenance={"source": "s"})],
        blocs=rubric.blocs,
        bands=[ia.Band(label="C0", min=80), ia.Band(label="C1", min=65, provenance={"source": "s"}), ia.Band(label="Last")],
        sources=[published], default_provenance=PROV,
    )
    d = default_inputs(r2)
    assert d.names == ["weight:g0", "threshold:C0"]
    assert (d.thresholds[0].low, d.thresholds[0].high) == (Decimal(75), Decimal(85))
    d = default_inputs(rubric)
    assert [(t.low, t.high) for t in d.thresholds] == [(75, 85), (60, 70)]
    # narrowed to half the distance to the neighbour, so classes never overlap
    close = make_rubric([50, 50], 1, [80, 76], "total", 2)
    assert [(t.low, t.high) for t in default_inputs(close).thresholds] == [(78, 82), (74, 78)]


def test_the_toml_section(tmp_path):
    path = tmp_path / "u.toml"
    path.write_text('[uncertainty]\nweights = { g0 = 0.2, g1 = [0.9, 1.1] }\nthresholds = { "C0" = [75, 85] }\n', encoding="utf-8")
    inputs = load_inputs(path)
    assert inputs.names == ["weight:g0", "weight:g1", "threshold:C0"]
    assert inputs.bounds == [(0.8, 1.2), (0.9, 1.1), (75.0, 85.0)]
    assert UncertainInputs.from_dict(inputs.to_dict()) == inputs
    path.write_text("[uncertainty]\nweights = { g0 = [1] }\n", encoding="utf-8")
    with pytest.raises(UncertainInputError, match=r"u.toml: uncertainty.weights.g0: expected \[low, high\]"):
        load_inputs(path)


def test_published_pairs_narrow_the_defaults_and_each_range_says_why():
    rubric = make_rubric([50, 50], 1, [80, 65], "total", 2)
    d = default_inputs(rubric, published=[("83.06", "C0"), ("66.5", "C1"), ("79.99", "C1")])
    assert [(t.low, t.high) for t in d.thresholds] == [(Decimal("80.00"), Decimal("83.06")), (60, Decimal("66.5"))]
    assert d.thresholds[0].reason("en") == (
        "assumed bound 80 ± 5 (5 % of 100, assumed spread); at most 83.06 (published: 83.06 was C0); "
        "above 79.99 (published: 79.99 was C1)"
    )
    assert "không quá 66,5 (đã công bố: 66,5 điểm được xếp loại C1)" in d.thresholds[1].reason()
    assert d.weights[0].reason("en") == "assumed weight 50: ± 20 % (assumed spread)"
    with pytest.raises(UncertainInputError, match="published 79 = 'C0'.*another class"):
        default_inputs(rubric, published=[("79", "C0")])
    with pytest.raises(UncertainInputError, match="published 70 = 'Nope': no such class"):
        default_inputs(rubric, published=[("70", "Nope")])


def test_sobol_an_output_too_rare_for_the_design_is_nan_with_a_note_not_zero():
    import warnings

    from ict_adoption.uncertainty.sensitivity import SensitivityResult, _varied, sobol_indices

    inputs = UncertainInputs([], [ThresholdRange("C0", 70, 80), ThresholdRange("C1", 50, 55)])
    d, n = 2, 64
    y = np.zeros(n * (d + 2))
    y[1] = 0.001  # one unit changes class in one run, an AB run (A is row 0, B row 3 of each 4)
    assert _varied(y, d) == ("rare", 1)
    assert _varied(np.zeros(8), d) == ("constant", 0)
    y[0] = 0.001
    assert _varied(y, d) == (None, 2)
    y[0] = 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # SALib's "Constant values encountered" is never reached
        parts = sobol_indices(inputs.problem(), y, seed=0, num_resamples=100, conf_level=0.95)
        zero = sobol_indices(inputs.problem(), np.zeros_like(y), seed=0, num_resamples=100, conf_level=0.95)
    assert all(np.isnan(p).all() for p in parts) and all((p == 0).all() for p in zero)
    res = SensitivityResult(
        names=tuple(inputs.names), outputs=("mean_abs_rank_shift", "class_change_share"),
        first=np.array([zero[0], parts[0]]), first_conf=np.array([zero[1], parts[1]]),
        total=np.array([zero[2], parts[2]]), total_conf=np.array([zero[3], parts[3]]),
        n=n, seed=0, conf_level=0.95, runs=len(y),
        notes={"mean_abs_rank_shift": ("constant", 0), "class_change_share": ("rare", 1)},
    )
    assert res.to_dict()["outputs"]["class_change_share"]["threshold:C0"]["S1"] is None
    text = res.table(lang="en")
    assert "changes in only 1 of 256 runs" in text and "too rare to estimate indices with N = 64" in text
    assert "no input moves it" in text and "—" in text


def test_sensitivity_notes_an_output_that_never_varies():
    rubric, data = three_groups(n=40)
    res = sensitivity(rubric, data, UncertainInputs([], [ThresholdRange("C0", 75, 85)]), n=64, seed=0)
    assert res.notes == {"mean_abs_rank_shift": ("constant", 0)}  # thresholds move no rank
    assert (res.first[0] == 0).all() and res.first[1, 0] > 0.5


# ----------------------------------------------------------------------------- kernels


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda s: st.integers(1, 12).flatmap(
            lambda n: st.tuples(
                st.lists(st.lists(st.integers(-3, 3), min_size=n, max_size=n), min_size=s, max_size=s),
                st.lists(st.integers(0, 2), min_size=n, max_size=n),
                st.sampled_from(["competition", "dense", "fractional"]),
                st.sampled_from([1, 10**6, 2**60 // 8]),
            )
        )
    )
)
def test_rank_rows_equals_the_core_kernel_on_each_row(case):
    from ict_adoption.ranks import rank_within_blocs
    from ict_adoption.uncertainty.sample_ranks import rank_rows

    score, codes, method, scale = case
    score = np.array(score, dtype=np.int64) * scale  # the largest scale takes the fallback path
    codes = np.array(codes, dtype=np.int64)
    got = rank_rows(score, codes, 3, method)
    assert got.dtype == (np.float64 if method == "fractional" else np.int32)
    for row, ranks in zip(score, got):
        np.testing.assert_array_equal(ranks, rank_within_blocs(codes, row, method)[0])
    if scale < 2**31 // 3:  # the int32 scores evaluate_batch gives when they fit
        np.testing.assert_array_equal(rank_rows(score.astype(np.int32), codes, 3, method), got)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda s: st.integers(1, 6).flatmap(
            lambda n: st.tuples(
                st.lists(st.lists(st.integers(1, 9), min_size=n, max_size=n), min_size=s, max_size=s),
                st.lists(st.integers(1, 9), min_size=n, max_size=n),
                st.booleans(),
            )
        )
    )
)
def test_rank_summary_equals_np_quantile_and_the_mean_shift(case):
    from ict_adoption.uncertainty.sample_ranks import rank_summary

    ranks, nominal, halves = case
    ranks = np.array(ranks, dtype=np.float64) / 2 + 0.5 if halves else np.array(ranks, dtype=np.int32)
    nominal = np.array(nominal, dtype=np.float64) / 2 + 0.5 if halves else np.array(nominal, dtype=np.int64)
    qs = (0.5, 0.05, 0.95, 0.1, 1.0, 0.0)
    got, shift = rank_summary(ranks, nominal, qs)
    for q, g in zip(qs, got):
        np.testing.assert_array_equal(g, np.quantile(ranks, q, axis=0, method="inverted_cdf"))
    np.testing.assert_allclose(shift, np.abs(ranks - nominal[None, :]).mean(axis=0), rtol=1e-12)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda s: st.integers(1, 6).flatmap(
            lambda n: st.tuples(
                st.lists(st.lists(st.integers(0, 6), min_size=n, max_size=n), min_size=s, max_size=s),
                st.lists(st.integers(0, 6), min_size=n, max_size=n),
                st.booleans(),
            )
        )
    )
)
def test_rank_summary_leaves_out_the_samples_where_a_unit_is_not_ranked(case):
    """Rank 0 is "not ranked": the plain reference is np.quantile and the mean shift of
    each unit over its ranked samples only (NaN where none; the shift NaN too when the
    unit is not ranked nominally)."""
    from ict_adoption.uncertainty.sample_ranks import rank_summary

    ranks, nominal, halves = case
    ranks = np.array(ranks, dtype=np.float64) / 2 if halves else np.array(ranks, dtype=np.int32)
    nominal = np.array(nominal, dtype=np.float64) / 2 if halves else np.array(nominal, dtype=np.int64)
    qs = (0.5, 0.05, 0.95)
    got, shift = rank_summary(ranks, nominal, qs)
    for u in range(ranks.shape[1]):
        col = ranks[:, u][ranks[:, u] > 0]
        for q, g in zip(qs, got):
            if len(col):
                assert g[u] == np.quantile(col, q, method="inverted_cdf")
            else:
                assert np.isnan(g[u])
        if len(col) and nominal[u] > 0:
            assert shift[u] == pytest.approx(np.abs(col - nominal[u]).mean(), rel=1e-12)
        else:
            assert np.isnan(shift[u])


# ----------------------------------------------------------------------------- Dirichlet weights


def test_dirichlet_weights_keep_the_total_centre_on_the_nominal_and_tighten_with_concentration():
    from ict_adoption.uncertainty import DirichletWeights
    from ict_adoption.uncertainty.analysis import draw

    rubric, data = three_groups()
    spreads = []
    for conc in (20, 500):
        inputs = UncertainInputs([], [ThresholdRange("C0", 75, 85)], DirichletWeights(["g0", "g1", "g2"], conc))
        x = draw(inputs, 4000, 1, rubric)
        assert x.shape == (4000, 4)
        factors = x[:, :3]
        total = factors @ np.array([40.0, 20.0, 40.0])  # every sample keeps the maximum of 100
        np.testing.assert_allclose(total, 100.0, rtol=1e-12)
        np.testing.assert_allclose(factors.mean(axis=0), 1.0, atol=0.05)
        assert ((x[:, 3] >= 75) & (x[:, 3] <= 85)).all()
        spreads.append(factors.std(axis=0))
        np.testing.assert_array_equal(draw(inputs, 50, 7, rubric), draw(inputs, 50, 7, rubric))
    assert (spreads[1] < spreads[0] / 3).all()
    res = uncertainty(rubric, data, inputs, samples=200, seed=2)
    assert res.inputs.dirichlet is inputs.dirichlet and res.to_dict()["inputs"]["dirichlet"] == {
        "groups": ["g0", "g1", "g2"], "concentration": "500"}
    assert UncertainInputs.from_dict(inputs.to_dict()) == inputs
    assert "Dirichlet(α = 200, 100, 200)" in res.table(lang="en")


def test_dirichlet_from_the_defaults_and_its_refusals():
    from ict_adoption.uncertainty import DirichletWeights

    rubric, data = three_groups()
    d = default_inputs(rubric, dirichlet=100)
    assert d.weights == () and d.dirichlet.groups == ("g0", "g1", "g2")
    assert d.dirichlet.reason("en") == (
        "the 3 groups' assumed weights drawn together (Dirichlet), keeping their total 100; concentration 100 (assumed)"
    )
    with pytest.raises(UncertainInputError, match="dirichlet:g0.*at least two groups"):
        DirichletWeights(["g0"], 10)
    with pytest.raises(UncertainInputError, match="concentration must be above 0"):
        DirichletWeights(["g0", "g1"], 0)
    with pytest.raises(UncertainInputError, match="group 'g0' also has a weight range"):
        UncertainInputs([WeightRange("g0", 1, 2)], [], DirichletWeights(["g0", "g1"], 10))
    with pytest.raises(UncertainInputError, match="dirichlet:g0\\+nope: no such group 'nope'"):
        UncertainInputs([], [], DirichletWeights(["g0", "nope"], 10)).check(rubric)
    with pytest.raises(UncertainInputError, match="Sobol indices assume independent inputs"):
        sensitivity(rubric, data, d, n=8)
    with pytest.raises(UncertainInputError, match=r"uncertainty.dirichlet: expected \{ groups"):
        UncertainInputs.from_dict({"dirichlet": {"groups": "g0"}})
