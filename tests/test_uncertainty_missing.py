"""The missing-value treatment as a discrete uncertain input (MissingChoice): the
summaries against ia.rank once per sample, the "not ranked" state in every output,
the TOML section, the refusals and the command line.

The per-sample kernel check (evaluate_batch against ia.rank(..., missing=T) for the
treatment T each sample picks) is the hypothesis test in tests/test_uncertainty.py."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import numpy as np
import pytest

import ict_adoption as ia
from ict_adoption.cli import main
from ict_adoption.uncertainty import (
    MissingChoice,
    ThresholdRange,
    UncertainInputError,
    UncertainInputs,
    WeightRange,
    load_inputs,
    sensitivity,
    uncertainty,
)
from ict_adoption.uncertainty.analysis import draw
from ict_adoption.uncertainty.choices import choice_index

from test_uncertainty import make_rubric, reference


def blank_case(n=24, seed=5):
    """Two groups, two blocs; every fourth unit lacks its g1 points (and has no total)."""
    rng = np.random.default_rng(seed)
    rubric = make_rubric([40, 60], 2, [70, 50], "total", 0)
    points = [[int(a), int(b)] for a, b in zip(rng.integers(0, 41, n), rng.integers(0, 61, n))]
    blank = [[False, i % 4 == 1] for i in range(n)]
    blocs = [i % 2 for i in range(n)]
    data = {
        "unit": [f"Đơn vị {i:02d}" for i in range(n)],
        "bloc": [f"b{j}" for j in blocs],
        "g0": [Decimal(p[0]) for p in points],
        "g1": [None if blank[i][1] else Decimal(p[1]) for i, p in enumerate(points)],
    }
    return rubric, data, points, blank, blocs


def inputs_for(choices):
    return UncertainInputs(
        [WeightRange("g0", "0.5", "1.5"), WeightRange("g1", "0.5", "1.5")],
        [ThresholdRange("C0", 65, 75), ThresholdRange("C1", 45, 55)],
        missing=MissingChoice(choices),
    )


@pytest.mark.parametrize("choices", [("zero", "exclude"), ("exclude", "zero")])
def test_summaries_equal_ia_rank_once_per_sample(choices):
    """Probability of being ranked, rank quantiles over the samples where ranked, class
    probabilities and keeping the nominal state: all recomputed from ia.rank per sample."""
    rubric, data, points, blank, blocs = blank_case()
    inputs = inputs_for(choices)
    samples = 120
    res = uncertainty(rubric, data, inputs, samples=samples, seed=7)
    x = draw(inputs, samples, 7, rubric)
    picked = choice_index(x[:, -1], len(choices))
    # the reference takes whole-point bounds: those the model rounds to (precision 0)
    rounded = np.column_stack([x[:, :2], np.rint(x[:, 2:4])])
    ref = [reference(rubric, points, blocs, row, "competition", blank, choices[c]) for row, c in zip(rounded, picked)]
    ranks = np.array([r for r, _ in ref])
    bands = np.array([b for _, b in ref])
    assert (ranks == 0).any() and (ranks > 0).any()  # the case does exclude, and rank
    nominal = ia.rank(rubric, data, missing=choices[0])
    np.testing.assert_array_equal(res.nominal_rank, nominal.ranks)
    np.testing.assert_array_equal(res.nominal_band, nominal.band_index)
    np.testing.assert_array_equal(res.ranked_probability, (ranks > 0).mean(axis=0))
    for b in range(3):
        np.testing.assert_array_equal(res.class_probability[:, b], (bands == b).mean(axis=0))
    for u in range(ranks.shape[1]):
        got = ranks[:, u][ranks[:, u] > 0]
        for q, arr in ((0.5, res.median_rank), (0.05, res.rank_low), (0.95, res.rank_high)):
            assert arr[u] == np.quantile(got, q, method="inverted_cdf")
        nom_band = int(nominal.band_index[u])
        keep = (bands[:, u] == nom_band).mean()  # class -1 is "not ranked": kept when it stays so
        assert res.keep_probability[u] == keep
    incomplete = np.array([b[1] for b in blank])
    assert (res.ranked_probability[~incomplete] == 1).all()
    share = float((np.asarray(choices)[picked] == "exclude").mean())
    np.testing.assert_allclose(res.ranked_probability[incomplete], 1 - share)
    # the same result for any batch size, and on a pool of workers
    import concurrent.futures as cf

    again = uncertainty(rubric, data, inputs, samples=samples, seed=7, batch_size=17)
    with cf.ThreadPoolExecutor(4) as pool:
        pooled = uncertainty(rubric, data, inputs, samples=samples, seed=7, batch_size=9, executor=pool)
    for other in (again, pooled):
        assert other.records() == res.records()


def test_a_single_choice_is_fixed_and_gives_the_nominal_state_with_probability_one():
    rubric, data, *_ = blank_case()
    fixed = UncertainInputs(missing=MissingChoice(["exclude"]))
    res = uncertainty(rubric, data, fixed, samples=30, seed=1)
    nominal = ia.rank(rubric, data, missing="exclude")
    np.testing.assert_array_equal(res.nominal_rank, nominal.ranks)
    assert (res.keep_probability == 1).all()
    ranked = np.asarray(nominal.scored.reported)
    assert (res.ranked_probability == ranked).all()
    np.testing.assert_array_equal(res.median_rank[ranked], nominal.ranks[ranked])
    assert np.isnan(res.median_rank[~ranked]).all()
    recs = {r["unit"]: r for r in res.records()}
    gone = [str(u) for u in nominal.units[~ranked]]
    assert gone and all(recs[u]["nominal_rank"] is None and recs[u]["median_rank"] is None for u in gone)
    assert all(recs[u]["nominal_class"] is None and recs[u]["robust"] for u in gone)


def test_the_not_ranked_state_reaches_every_output():
    rubric, data, *_ = blank_case()
    res = uncertainty(rubric, data, inputs_for(("exclude", "zero")), samples=40, seed=2)
    for lang, unranked, ranked in (("vi", "không xếp hạng", "Được xếp hạng"), ("en", "not ranked", "Ranked")):
        for fmt in ("text", "markdown", "html"):
            out = res.table(fmt=fmt, lang=lang)
            assert unranked in out and ranked in out, (fmt, lang)
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(res.table(fmt="xlsx", lang=lang)))
        cells = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None]
        assert unranked in cells and ranked in cells
    data_out = json.loads(res.table(fmt="json"))
    assert data_out["inputs"]["missing"] == ["exclude", "zero"]
    units = {u["unit"]: u for u in data_out["units"]}
    assert units["Đơn vị 01"]["nominal_rank"] is None and units["Đơn vị 01"]["nominal_class"] is None
    assert 0 < units["Đơn vị 01"]["ranked_probability"] < 1
    assert units["Đơn vị 00"]["ranked_probability"] == 1
    # the markdown table keeps its columns (no "|" inside a cell)
    md = res.table(fmt="markdown").splitlines()
    rows = [line for line in md if line.startswith("| missing")]
    assert rows and rows[0].count("|") == 4


def test_sensitivity_explains_the_missing_value_choice():
    rubric, data, *_ = blank_case()
    inputs = UncertainInputs([WeightRange("g0", "0.9", "1.1")], missing=MissingChoice())
    res = sensitivity(rubric, data, inputs, n=128, seed=1, num_resamples=200)
    idx = res.index("class_change_share")
    # excluding changes the state of every incomplete unit; the small weight range little
    assert idx["missing"]["ST"] > 0.5 > idx["weight:g0"]["ST"]
    with pytest.raises(UncertainInputError, match="Đơn vị 01.*not ranked in the samples"):
        sensitivity(rubric, data, inputs, n=64, units=["Đơn vị 01"])


def test_the_toml_section_and_the_refusals(tmp_path):
    f = tmp_path / "u.toml"
    f.write_text('[uncertainty]\nmissing = ["exclude", "zero"]\nweights = { g0 = 0.2 }\n', encoding="utf-8")
    got = load_inputs(f)
    assert got.missing == MissingChoice(("exclude", "zero"))
    assert UncertainInputs.from_dict(got.to_dict()) == got
    assert got.names == ["weight:g0", "missing"] and got.bounds[-1] == (0.0, 1.0)
    with pytest.raises(UncertainInputError, match="missing: expected treatments among zero, exclude, got 'drop'") as e:
        MissingChoice(["zero", "drop"])
    assert "cách xử lý giá trị thiếu" in e.value.text("vi")
    with pytest.raises(UncertainInputError, match="listed twice"):
        MissingChoice(["zero", "zero"])
    with pytest.raises(UncertainInputError, match="at least one"):
        MissingChoice([])
    f.write_text('[uncertainty]\nmissing = "zero"\n', encoding="utf-8")
    with pytest.raises(UncertainInputError, match=r"u.toml: uncertainty.missing: expected a list"):
        load_inputs(f)
    rubric, data, *_ = blank_case()
    with pytest.raises(UncertainInputError, match="nominal treatment 'zero' is not one of the choices"):
        uncertainty(rubric, data, UncertainInputs(missing=MissingChoice(["exclude"])), missing="zero", samples=5)


def test_cli_with_a_missing_value_choice_in_the_inputs_file(tmp_path, capsys):
    rubric, data, *_ = blank_case()
    (tmp_path / "r.toml").write_text(rubric.to_toml(), encoding="utf-8")
    lines = ["unit,bloc,g0,g1"] + [
        f"{u},{b},{a},{'' if c is None else c}" for u, b, a, c in zip(data["unit"], data["bloc"], data["g0"], data["g1"])
    ]
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "u.toml").write_text('[uncertainty]\nmissing = ["zero", "exclude"]\n', encoding="utf-8")
    code = main(["uncertainty", str(tmp_path / "r.toml"), str(tmp_path / "d.csv"), "--inputs",
                 str(tmp_path / "u.toml"), "--samples", "50", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Ranked" in out and "zero (counted as 0) / exclude (not ranked)" in out
    line = next(x for x in out.splitlines() if x.startswith("Đơn vị 01"))
    assert "%" in line.split()[-1] and line.split()[-1] != "100"


def test_every_uncertain_input_error_has_a_vietnamese_text():
    """Every UncertainInputError raised in the package is written in both languages:
    ``text("vi")`` (the default, what the command line shows in Vietnamese) and English."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "src" / "ict_adoption" / "uncertainty"
    lacking = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "UncertainInputError":
                if not any(k.arg == "vi" for k in node.keywords):
                    lacking.append(f"{path.name}:{node.lineno}")
    assert not lacking


def test_python_only_refusals_read_in_vietnamese_and_in_english(tmp_path):
    cases = [
        (lambda: WeightRange("hatang", "-0.1", "1"), "cho phép trọng số âm", "allows a negative weight"),
        (lambda: ThresholdRange("Tốt", 85, 80), "khoảng kết thúc (80) dưới điểm bắt đầu (85)", "below its start"),
        (lambda: UncertainInputs([WeightRange("a", 1, 1), WeightRange("a", 1, 2)]), "được khai báo hai lần",
         "declared twice"),
        (lambda: WeightRange("a", "x", 1), "cần một số, nhận được 'x'", "expected a number, got 'x'"),
    ]
    bad = tmp_path / "bad.toml"
    bad.write_text("[uncertainty\n", encoding="utf-8")
    cases.append((lambda: load_inputs(bad), "không phải TOML hợp lệ (dòng 1, cột", "bad.toml"))
    for make, vi, en in cases:
        with pytest.raises(UncertainInputError) as e:
            make()
        assert vi in e.value.text("vi") and vi in e.value.text()
        assert en in e.value.text("en") and en in str(e.value)
