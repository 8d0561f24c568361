"""An alternative rule for a criterion as a discrete uncertain input (RuleChoice):
every sample against ia.rank on the rubric with that sample's rules substituted, the
refusals in both languages, the TOML section, the outputs and Sobol."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.rules import ChoiceRule, CountRule, PointsRule, ShareRule, StepsRule
from ict_adoption.uncertainty import (
    RuleChoice,
    ThresholdRange,
    UncertainInputError,
    UncertainInputs,
    WeightRange,
    evaluate_batch,
    load_inputs,
    sensitivity,
    uncertainty,
)
from ict_adoption.uncertainty.analysis import draw, prepare
from ict_adoption.uncertainty.choices import choice_index, substitute

PROV = {"assumed": "test rubric"}
# hypothesis draws data with an empty bloc: the core's warning about it is expected
pytestmark = pytest.mark.filterwarnings("ignore:bloc .* has no rows")

#: the alternative rules of criterion c0 (max 20; raw values are shares 0, ¼, ½, ¾, 1)
C0_RULES = [
    ShareRule(),
    StepsRule(thresholds=[[0.75, 20], [0.5, 12], [0.25, 4]]),
    StepsRule(thresholds=[[1, 20], [0.5, 5]]),
    ChoiceRule(options=[[1, 1], [0.75, 0.5], [0.5, 0.5], [0.25, 0], [0, 0]]),
]
#: of the bonus criterion b0 (max 5, capped; raw values are counts 0..4)
B0_RULES = [CountRule(each=2), CountRule(each=1)]


def make_rubric(n_blocs=2, bounds=(70, 50), precision=0):
    groups = [
        ia.Group(id="g0", name="Nhóm 0", max=30, criteria=[
            ia.Criterion(id="c0", name="Tiêu chí 0", max=20, rule=ShareRule()),
            ia.Criterion(id="c1", name="Tiêu chí 1", max=10),
        ]),
        ia.Group(id="g1", name="Nhóm 1", max=70),
        ia.Group(id="bonus", name="Điểm thưởng", max=5, kind="bonus", criteria=[
            ia.Criterion(id="b0", name="Thưởng", max=5, rule=CountRule(each=2)),
        ]),
    ]
    blocs = [ia.Bloc(id=f"b{j}", name=f"Khối {j}") for j in range(n_blocs)]
    bands = [ia.Band(label=f"C{i}", min=t) for i, t in enumerate(bounds)] + [ia.Band(label="Last")]
    return ia.Rubric(
        region="t", edition="1", title="T", years=(2020, None), precision=precision, groups=groups,
        blocs=blocs, bands=bands, band_basis="total", default_provenance=PROV,
    )


def make_data(raw):
    """raw: per unit (bloc, c0 share quarter, c1 points, g1 points, b0 count)."""
    return {
        "unit": [f"Đơn vị {i:02d}" for i in range(len(raw))],
        "bloc": [f"b{r[0]}" for r in raw],
        "c0": [Decimal(r[1]) / 4 for r in raw],
        "c1": [Decimal(r[2]) for r in raw],
        "g1": [Decimal(r[3]) for r in raw],
        "b0": [Decimal(r[4]) for r in raw],
    }


def reference(rubric, data, inputs, row, method):
    """ia.rank on the rubric with this sample's rules and bounds substituted."""
    n_t = len(inputs.thresholds)
    picked = {
        rc.criterion: rc.rules[int(choice_index([row[n_t + i]], len(rc.rules))[0])] for i, rc in enumerate(inputs.rules)
    }
    r2 = substitute(rubric, picked)
    bounds = {t.band: Decimal(int(round(x))) for t, x in zip(inputs.thresholds, row[:n_t])}
    bands = tuple(attrs.evolve(b, min=bounds[b.label]) if b.label in bounds else b for b in r2.bands)
    ranking = ia.rank(attrs.evolve(r2, bands=bands), data, method)
    return np.asarray(ranking.ranks), np.asarray(ranking.band_index)


unit_rows = st.tuples(st.integers(0, 1), st.integers(0, 4), st.integers(0, 10), st.sampled_from([0, 35, 50, 70]), st.integers(0, 4))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=st.lists(unit_rows, min_size=1, max_size=10),
    both=st.booleans(),
    order=st.permutations(range(4)),
    n_rules=st.integers(2, 4),
    method=st.sampled_from(["competition", "dense", "fractional"]),
    us=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.integers(60, 80), st.integers(40, 55)), min_size=1, max_size=6),
)
def test_every_sample_equals_ia_rank_with_its_rule_substituted(raw, both, order, n_rules, method, us):
    rubric = make_rubric()
    data = make_data(raw)
    rules = [C0_RULES[i] for i in order[:n_rules]]
    if ShareRule() not in rules:  # the rubric's own rule is always one of them
        rules[-1] = ShareRule()
    choices = [RuleChoice("c0", rules)] + ([RuleChoice("b0", B0_RULES[::-1])] if both else [])
    inputs = UncertainInputs(thresholds=[ThresholdRange("C0", 60, 80), ThresholdRange("C1", 40, 55)], rules=choices)
    _, _, model = prepare(rubric, data, inputs, "error", method)
    x = np.array([[t0, t1, u0, u1][: 2 + len(choices)] for u0, u1, t0, t1 in us], dtype=np.float64)
    ranks, bands = evaluate_batch(model, x)
    for s, row in enumerate(x):
        want_ranks, want_bands = reference(rubric, data, inputs, row, method)
        assert np.array_equal(ranks[s], want_ranks[model.rows]), (s, row)
        assert np.array_equal(bands[s], want_bands[model.rows]), (s, row)


def case(n=20, seed=3):
    rng = np.random.default_rng(seed)
    raw = [(i % 2, int(rng.integers(0, 5)), int(rng.integers(0, 11)), int(rng.choice([30, 40, 50, 60])), int(rng.integers(0, 5)))
           for i in range(n)]
    return make_rubric(), make_data(raw)


def test_the_summaries_with_weights_and_a_rule_choice_match_per_sample_rank():
    """With a weight range too: the sample's rank equals ia.rank on the substituted
    rubric where the weight factor is 1 (a zero-width range), for every sample."""
    rubric, data = case()
    inputs = UncertainInputs([WeightRange("g1", 1, 1)], rules=[RuleChoice("c0", C0_RULES)])
    res = uncertainty(rubric, data, inputs, samples=200, seed=4)
    x = draw(inputs, 200, 4, rubric)
    picked = choice_index(x[:, 1], 4)
    assert set(picked.tolist()) == {0, 1, 2, 3}
    per_rule = [np.asarray(ia.rank(substitute(rubric, {"c0": r}), data).ranks) for r in C0_RULES]
    ref = np.array([per_rule[c] for c in picked])
    assert np.array_equal(res.median_rank, np.median(ref, axis=0))
    nominal = ia.rank(rubric, data)
    assert np.array_equal(res.nominal_rank, np.asarray(nominal.ranks))


def test_refusals_in_vietnamese_and_english(tmp_path):
    rubric, data = case()
    cases = [
        (lambda: RuleChoice("c0", []), "cần ít nhất hai quy tắc", "at least two rules"),
        (lambda: RuleChoice("c0", [ShareRule()]), "cần ít nhất hai quy tắc", "at least two rules"),
        (lambda: RuleChoice("c0", [ShareRule(), ShareRule()]), "được liệt kê hai lần", "listed twice"),
        (lambda: RuleChoice("c0", [ShareRule(), "share"]), "cần các mục Rule", "expected Rule items"),
        (lambda: uncertainty(rubric, data, UncertainInputs(rules=[RuleChoice("zz", [ShareRule(), PointsRule()])]), samples=5),
         "không có tiêu chí 'zz'", "no such criterion 'zz'"),
        # a step of 25 points on a criterion of max 20: the rubric file refuses it too
        (lambda: uncertainty(rubric, data, UncertainInputs(rules=[RuleChoice("c0", [ShareRule(), StepsRule(thresholds=[[1, 25]])])]), samples=5),
         "rule:c0: quy tắc 2 { kind = \"steps\", thresholds = [[1, 25]] } không khớp điểm tối đa 20 của tiêu chí",
         "rule:c0: rule 2 { kind = \"steps\", thresholds = [[1, 25]] } does not fit the criterion's maximum 20"),
        # a bloc's own maximum (5 in bloc b1) is checked too
        (lambda: uncertainty(attrs.evolve(rubric, blocs=(rubric.blocs[0], attrs.evolve(rubric.blocs[1], maxima={"c0": 5}))), data,
                             UncertainInputs(rules=[RuleChoice("c0", [ShareRule(), StepsRule(thresholds=[[1, 10]])])]), samples=5),
         "không khớp điểm tối đa 5 của tiêu chí ở khối Khối 1", "maximum 5 in bloc 'b1'"),
        (lambda: uncertainty(rubric, data, UncertainInputs(rules=[RuleChoice("c0", [PointsRule(), StepsRule(thresholds=[[1, 20]])])]), samples=5),
         "quy tắc của bộ tiêu chí", "the rubric's own rule"),
        (lambda: UncertainInputs(rules=[RuleChoice("c0", C0_RULES[:2]), RuleChoice("c0", C0_RULES[1:3])]),
         "được khai báo hai lần", "declared twice"),
        (lambda: uncertainty(rubric, {"unit": data["unit"], "bloc": data["bloc"], "total": [Decimal(50)] * 20},
                             UncertainInputs(rules=[RuleChoice("c0", C0_RULES[:2])]), samples=5),
         "dữ liệu không có giá trị của tiêu chí 'c0'", "the data give no value of criterion 'c0'"),
        (lambda: RuleChoice.from_dict({"criterion": "c0", "rules": [{"kind": "share"}, {"kind": "nope"}]}),
         "[[uncertainty.rules]].rules[1]: không có loại quy tắc 'nope'", "[[uncertainty.rules]].rules[1]: unknown rule kind 'nope'"),
        (lambda: RuleChoice.from_dict({"criterion": "c0"}), "cần { criterion", "expected { criterion"),
        (lambda: UncertainInputs.from_dict({"rules": {"criterion": "c0"}}), "cần một mảng các bảng", "expected an array of tables"),
        (lambda: UncertainInputs(rules=[RuleChoice(f"c{i}", B0_RULES) for i in range(9)]), "512 tổ hợp quy tắc, nhiều hơn 256",
         "512 combinations of rules, more than 256"),
    ]
    for make, vi, en in cases:
        with pytest.raises(UncertainInputError) as e:
            make()
        assert vi in e.value.text("vi"), (e.value.text("vi"), vi)
        assert en in e.value.text("en"), (e.value.text("en"), en)


def test_the_toml_section_round_trips_with_the_rubric_spelling(tmp_path):
    f = tmp_path / "u.toml"
    f.write_text(
        '[uncertainty]\nthresholds = { C0 = [65, 75] }\n\n'
        '[[uncertainty.rules]]\ncriterion = "c0"\n'
        'rules = [{ kind = "share" }, { kind = "steps", thresholds = [[0.75, 20], [0.5, 12], [0.25, 4]] }]\n\n'
        '[[uncertainty.rules]]\ncriterion = "b0"\nrules = [{ kind = "count", each = 2 }, { kind = "count", each = 1 }]\n',
        encoding="utf-8",
    )
    got = load_inputs(f)
    assert got.rules == (RuleChoice("c0", C0_RULES[:2]), RuleChoice("b0", B0_RULES))
    assert got.names == ["threshold:C0", "rule:c0", "rule:b0"] and got.bounds[-2:] == [(0.0, 1.0), (0.0, 1.0)]
    assert UncertainInputs.from_dict(got.to_dict()) == got
    import tomllib

    # the section as TOML text reads back the same (the rules as the rubric file writes them)
    words = got.rules[0].words()
    assert words == '{ kind = "share" } / { kind = "steps", thresholds = [[0.75, 20], [0.5, 12], [0.25, 4]] }'
    assert [tomllib.loads(f"r = {w}")["r"]["kind"] for w in words.split(" / ")] == ["share", "steps"]


def test_the_rule_choice_reaches_the_outputs_and_sobol():
    rubric, data = case()
    inputs = UncertainInputs(thresholds=[ThresholdRange("C0", 65, 75)], rules=[RuleChoice("c0", C0_RULES)])
    res = uncertainty(rubric, data, inputs, samples=100, seed=2)
    text = res.table(lang="en")
    assert "rule:c0" in text and "each sample picks one of 4 rules" in text
    assert "quy tắc tính điểm của tiêu chí 'c0'" in res.table()
    d = json.loads(res.table(fmt="json"))
    assert d["inputs"]["rules"] == [RuleChoice("c0", C0_RULES).to_dict()]
    assert UncertainInputs.from_dict(d["inputs"]) == inputs  # the JSON's inputs read back
    assert "rule:c0" in d["input_reasons"]
    assert isinstance(res.table(fmt="xlsx"), bytes) and "rule:c0" in res.table(fmt="markdown")
    s = sensitivity(rubric, data, inputs, n=128, seed=1, num_resamples=100)
    assert s.names == ("threshold:C0", "rule:c0")
    # the rule moves the ranks, the class bound does not (ranks ignore bounds)
    i = list(s.outputs).index("mean_abs_rank_shift")
    assert s.total[i][1] > 0.5 and abs(s.total[i][0]) < 0.05


def test_same_seed_same_result_for_any_batch_size():
    rubric, data = case()
    inputs = UncertainInputs(rules=[RuleChoice("c0", C0_RULES), RuleChoice("b0", B0_RULES)])
    a = uncertainty(rubric, data, inputs, samples=90, seed=5)
    b = uncertainty(rubric, data, inputs, samples=90, seed=5, batch_size=7)
    assert a.records() == b.records()


def test_cli_with_a_rule_choice_in_the_inputs_file(tmp_path, capsys):
    from ict_adoption.cli import main

    rubric, data = case()
    (tmp_path / "r.toml").write_text(rubric.to_toml(), encoding="utf-8")
    cols = list(data)
    lines = [",".join(cols)] + [",".join(str(data[c][i]) for c in cols) for i in range(len(data["unit"]))]
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "u.toml").write_text(
        '[uncertainty]\n[[uncertainty.rules]]\ncriterion = "c0"\n'
        'rules = [{ kind = "share" }, { kind = "steps", thresholds = [[0.75, 20], [0.5, 12], [0.25, 4]] }]\n',
        encoding="utf-8",
    )
    args = ["uncertainty", str(tmp_path / "r.toml"), str(tmp_path / "d.csv"), "--inputs", str(tmp_path / "u.toml"), "--samples", "50"]
    assert main(args + ["--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert 'rule:c0  { kind = "share" } / { kind = "steps"' in out and "each sample picks one of 2 rules" in out
    (tmp_path / "u.toml").write_text(
        '[uncertainty]\n[[uncertainty.rules]]\ncriterion = "c0"\nrules = [{ kind = "share" }, { kind = "steps", thresholds = [[1, 25]] }]\n',
        encoding="utf-8",
    )
    assert main(args) != 0
    assert "rule:c0: quy tắc 2" in capsys.readouterr().err


@pytest.mark.parametrize("treatments", [("zero", "exclude"), ("exclude", "zero")])
def test_a_rule_choice_with_a_missing_value_choice_equals_ia_rank_per_sample(treatments):
    """Both discrete inputs at once: each sample equals ia.rank on the rubric with its
    rule substituted and its treatment of the blank cells (unranked: rank 0, class −1)."""
    from ict_adoption.uncertainty import MissingChoice

    rubric, data = case()
    for i in (1, 6):  # two units without their online-meeting points (and no total)
        data["c1"][i] = None
    inputs = UncertainInputs(
        thresholds=[ThresholdRange("C0", 65, 75)], missing=MissingChoice(treatments), rules=[RuleChoice("c0", C0_RULES)]
    )
    _, _, model = prepare(rubric, data, inputs, "error", "competition")
    x = draw(inputs, 60, 11, rubric)
    ranks, bands = evaluate_batch(model, x)
    t = choice_index(x[:, 1], 2)
    r = choice_index(x[:, 2], 4)
    assert len(set(zip(t.tolist(), r.tolist()))) == 8  # every pair is met
    for s, row in enumerate(x):
        r2 = substitute(rubric, {"c0": C0_RULES[r[s]]})
        bounds = tuple(attrs.evolve(b, min=Decimal(int(round(row[0])))) if b.label == "C0" else b for b in r2.bands)
        want = ia.rank(attrs.evolve(r2, bands=bounds), data, missing=treatments[t[s]])
        ok = np.asarray(want.scored.reported)
        np.testing.assert_array_equal(ranks[s], np.where(ok, np.asarray(want.ranks), 0))
        np.testing.assert_array_equal(bands[s], np.where(ok, np.asarray(want.band_index), -1))
