"""The ``choice`` rule: a coded answer gives its share of the criterion's maximum.

The DTI point tables score many components this way, e.g. "the head of the steering
committee for digital transformation is the chairman → the whole maximum, a deputy
chairman → half of it, no committee → 0".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.cli import main
from ict_adoption.rules import ChoiceRule, RuleInputError, rule_from_dict

LEADER = {"kind": "choice", "options": [[2, 1], [1, 0.5], [0, 0]]}

RUBRIC = """
schema = 1
region = "xa"
edition = "2023"
title = "Bộ chỉ số chuyển đổi số thử"
first_year = 2023
precision = 2
assumed = "a test rubric"

[[groups]]
id = "nhanthuc"
name = "Nhận thức số"

  [[groups.criteria]]
  id = "truongban"
  name = "Người đứng đầu là Trưởng Ban chỉ đạo chuyển đổi số"
  max = 10
  rule = { kind = "choice", options = [[2, 1], [1, 0.5], [0, 0]] }

  [[groups.criteria]]
  id = "hop"
  name = "Số phiên họp của Ban chỉ đạo trong năm"
  max = 20
  rule = { kind = "steps", thresholds = [[4, 20], [3, 15], [2, 10], [1, 5]] }

[[blocs]]
id = "so"
name = "Sở, ngành"

[[blocs]]
id = "huyen"
name = "Huyện"
maxima = { truongban = 5, hop = 20 }

[[bands]]
label = "Tốt"
min = 20

[[bands]]
label = "Khá"
"""


def pts(rule: ChoiceRule, raw: list[float], maxima: list[int], precision: int = 2) -> list[int]:
    m = np.asarray([int(Decimal(x).scaleb(precision)) for x in maxima], dtype=np.int64)
    return rule.points(np.asarray(raw, dtype=float), m, precision, np.zeros(len(raw), dtype=np.int64)).tolist()


def test_chairman_gets_all_a_deputy_half_none_nothing() -> None:
    rule = rule_from_dict(LEADER)
    assert isinstance(rule, ChoiceRule)
    assert pts(rule, [2, 1, 0, 1], [10, 10, 10, 5]) == [1000, 500, 0, 250]  # half of each bloc's own maximum
    assert rule.explain(Decimal(10)) == "answers: 2 → 10, 1 → 5, 0 → 0"
    assert rule_from_dict(rule.to_dict()) == rule


def test_an_answer_not_listed_is_an_error_naming_the_rows_and_the_answers() -> None:
    with pytest.raises(RuleInputError, match=r"^expected one of the answers 2, 1, 0$") as exc:
        pts(rule_from_dict(LEADER), [2, 3, 0.5, 1], [10] * 4)
    assert exc.value.rows.tolist() == [1, 2]


def test_shares_round_once_half_away_from_zero() -> None:
    rule = ChoiceRule(options=[[1, Decimal("0.333333333")], [0, 0]])
    # 0.333333333 × 7.50 = 2.4999999975 → 2.50 at two decimals; × 1 point at 0 decimals → 0
    assert pts(rule, [1], [Decimal("7.5")]) == [250]
    assert pts(rule, [1], [1], precision=0) == [0]


@pytest.mark.parametrize(
    "options, message",
    [
        ([], "must not be empty"),
        ([[1, 1], [1, 0.5]], "listed twice"),
        ([[1, 1.5]], "share of 1.5, outside 0..1"),
        ([[1, "0.1234567891"]], "more than 9 decimals"),
        ([1, 2], r"\[\[value, share\], …\] pairs"),
    ],
)
def test_bad_options_are_rubric_errors(options: object, message: str) -> None:
    with pytest.raises(ia.RubricError, match=message):
        rule_from_dict({"kind": "choice", "options": options})


def _reference(options: list[tuple[int, Decimal]], answer: int, maximum: int, precision: int) -> int:
    """Plain Decimal arithmetic: share × max at the precision, half away from zero."""
    share = dict(options)[answer]
    return int((share * maximum).quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP).scaleb(precision))


@given(
    data=st.data(),
    options=st.dictionaries(
        st.integers(-5, 20), st.decimals(min_value=0, max_value=1, places=4, allow_nan=False), min_size=1, max_size=6
    ),
    precision=st.integers(0, 3),
)
def test_vectorised_points_equal_the_plain_reference(data: st.DataObject, options: dict[int, Decimal], precision: int) -> None:
    pairs = list(options.items())
    rule = ChoiceRule(options=pairs)
    answers = data.draw(st.lists(st.sampled_from(list(options)), min_size=1, max_size=30))
    maxima = data.draw(st.lists(st.integers(0, 1000), min_size=len(answers), max_size=len(answers)))
    got = pts(rule, [float(a) for a in answers], maxima, precision)
    assert got == [_reference(pairs, a, m, precision) for a, m in zip(answers, maxima)]


def test_in_a_rubric_file_with_per_bloc_maxima_and_in_toml_again() -> None:
    rubric = ia.loads_rubric(RUBRIC, origin="xa.toml")
    assert ia.loads_rubric(rubric.to_toml()) == rubric
    data = {"unit": ["Sở A", "Sở B", "Huyện C"], "bloc": ["so", "so", "huyen"], "truongban": [2, 1, 1], "hop": [4, 2, 3]}
    records = {r["unit"]: r for r in ia.rank(rubric, data).to_records()}
    assert records["Sở A"]["criteria"] == {"truongban": 10.0, "hop": 20.0}
    assert records["Sở B"]["criteria"] == {"truongban": 5.0, "hop": 10.0}
    assert records["Huyện C"]["criteria"] == {"truongban": 2.5, "hop": 15.0}
    with pytest.raises(ia.ScoringError, match=r"row 2, column 'truongban': expected one of the answers 2, 1, 0 \(got 3"):
        ia.rank(rubric, dict(data, truongban=[2, 3, 1]))


def test_the_command_line_says_it_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "r.toml").write_text(RUBRIC, encoding="utf-8")
    (tmp_path / "d.csv").write_text("unit,bloc,truongban,hop\nSở A,so,3,4\n", encoding="utf-8")
    code = main(["rank", str(tmp_path / "r.toml"), str(tmp_path / "d.csv")])
    err = capsys.readouterr().err
    assert code != 0
    assert "cần một trong các câu trả lời 2, 1, 0" in err and "câu trả lời: 2 → 10, 1 → 5, 0 → 0" in err
