"""Each rule: points, range validation, one-line explanation, file round trip."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

import ict_adoption as ia
from ict_adoption.rules import (
    CountRule, PointsRule, RuleInputError, ShareOfBestRule, ShareRule, StepsRule, YesNoRule, rule_from_dict,
)


def pts(rule, raw, max_points, precision=2, blocs=None):
    raw = np.asarray(raw, dtype=float)
    m = np.full(len(raw), int(Decimal(max_points).scaleb(precision)), dtype=np.int64)
    b = np.zeros(len(raw), dtype=np.int64) if blocs is None else np.asarray(blocs)
    return rule.points(raw, m, precision, b).tolist()


def test_points_given_directly_are_not_clipped():
    assert pts(PointsRule(), [0, 12.5, 20], 20) == [0, 1250, 2000]
    with pytest.raises(RuleInputError, match="above the criterion's maximum") as exc:
        pts(PointsRule(), [5, 20.01], 20)
    assert exc.value.rows.tolist() == [1]
    with pytest.raises(RuleInputError, match="must not be negative"):
        pts(PointsRule(), [-1], 20)


def test_share_times_max_rounds_once_half_away_from_zero():
    # 0.97 × 20 = 19.40; 0.12345 × 10 = 1.2345 → 1.23; 0.12355 × 10 = 1.2355 → 1.24 (half away)
    assert pts(ShareRule(), [0.97, 0.12345, 0.12355, 1], 10) == [970, 123, 124, 1000]
    assert pts(ShareRule(percent=True), [97, 86], 20) == [1940, 1720]
    with pytest.raises(RuleInputError, match="between 0 and 1"):
        pts(ShareRule(), [1.2], 20)
    assert ShareRule(percent=True).explain(Decimal(20)) == "percent (0–100) × 20, rounded half away from zero"


def test_steps_meetings_per_year():
    rule = StepsRule(thresholds=[[4, 20], [3, 15], [2, 10], [1, 5]])
    assert pts(rule, [0, 1, 2, 3, 4, 9, 2.5], 20) == [0, 500, 1000, 1500, 2000, 2000, 1000]
    assert rule.explain(Decimal(20)) == "steps: ≥4 → 20, ≥3 → 15, ≥2 → 10, ≥1 → 5, otherwise 0"
    with pytest.raises(ia.RubricError, match=r"criterion 'm': step at 4 gives 20 points, outside 0..10"):
        ia.Criterion(id="m", name="Họp", max=10, rule=rule)


def test_yes_no_and_count():
    assert pts(YesNoRule(), [1, 0], 5) == [500, 0]
    assert pts(YesNoRule(yes=10, no=5), [1, 0], 10) == [1000, 500]
    with pytest.raises(RuleInputError, match=r"expected yes/no"):
        pts(YesNoRule(), [0.5], 5)
    # WAN rule: 1 point per application, capped at 5
    assert pts(CountRule(each=1, cap=5), [0, 3, 7], 5) == [0, 300, 500]
    with pytest.raises(RuleInputError, match="whole non-negative count"):
        pts(CountRule(each=1), [1.5], 5)


def test_share_of_best_unit_in_the_bloc():
    # bandwidth per staff normalised by the best unit of the same bloc, × 40
    got = pts(ShareOfBestRule(), [10, 5, 2.5, 3, 6, 0], 40, blocs=[0, 0, 0, 1, 1, 1])
    assert got == [4000, 2000, 1000, 2000, 4000, 0]
    assert pts(ShareOfBestRule(), [0, 0], 40) == [0, 0]


def test_rules_in_a_rubric_score_raw_indicators(minimal_rubric):
    data = {"unit": ["Sở A", "X"], "bloc": ["so", "huyen"], "pcs": [0.97, 0.5], "meet": [3, 0], "app": [40, 10]}
    recs = ia.rank(minimal_rubric, data).to_records()
    assert [(r["unit"], r["total"], r["criteria"]) for r in recs] == [
        ("Sở A", 84.1, {"pcs": 29.1, "meet": 15.0}),
        ("X", 20.0, {"pcs": 10.0, "meet": 0.0}),
    ]
    with pytest.raises(ia.ScoringError) as exc:
        ia.rank(minimal_rubric, dict(data, pcs=[1.5, 0.5]))
    assert str(exc.value) == (
        "row 1, column 'pcs': a share must lie between 0 and 1 (got 1.5; share (0–1) × 30, rounded half away from zero)"
    )


@pytest.mark.parametrize(
    "data",
    [{"kind": "share", "percent": True}, {"kind": "steps", "thresholds": [[4, 20], [1, 5]], "otherwise": 1},
     {"kind": "yes_no", "yes": 3}, {"kind": "count", "each": 2, "cap": 6}, {"kind": "share_of_best"}],
)
def test_rule_dict_round_trip(data):
    rule = rule_from_dict(data)
    assert rule_from_dict(rule.to_dict()) == rule


def test_unknown_rule_key_is_an_error():
    with pytest.raises(ia.RubricError, match=r"rule kind 'count': unknown key\(s\) capp; expected cap, each"):
        rule_from_dict({"kind": "count", "each": 1, "capp": 3})


def test_a_bad_rule_field_is_a_rubric_error_naming_it():
    with pytest.raises(ia.RubricError) as exc:
        ShareRule(percent="yes")
    assert str(exc.value) == "ShareRule.percent: expected true or false, got 'yes'"
    with pytest.raises(ia.RubricError, match=r"^ShareRule.percent: expected true or false, got 1$"):
        rule_from_dict({"kind": "share", "percent": 1})


def test_rule_kinds_are_the_built_in_ones_plus_extra():
    from ict_adoption.rules import BUILTIN_RULES, rule_kinds

    assert rule_kinds() == BUILTIN_RULES and rule_kinds() is not BUILTIN_RULES
    extra = rule_kinds({"custom": PointsRule})
    assert set(extra) == {*BUILTIN_RULES, "custom"}
