"""scale_float_array: floats to exact integers at a precision, in one vectorised pass."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.exact import float_limit, scale_float_array


@given(st.lists(st.integers(min_value=-(10**13), max_value=10**13), max_size=50), st.integers(0, 3))
def test_typed_decimals_scale_exactly(ints: list[int], precision: int) -> None:
    """Every decimal with at most ``precision`` places, typed as a float, scales to itself."""
    floats = np.array([float(Decimal(i).scaleb(-precision)) for i in ints], dtype=np.float64)
    scaled, exact = scale_float_array(floats, precision)
    assert scaled.dtype == np.int64
    assert scaled.tolist() == ints
    assert exact.all()


def test_extra_decimals_are_flagged_not_rounded_away() -> None:
    scaled, exact = scale_float_array(np.array([99.87, 1.005, -0.005, 33.333, 0.1 + 0.2]), 2)
    assert exact.tolist() == [True, False, False, False, True]
    assert scaled[0] == 9987


def test_values_too_large_are_flagged_and_the_rest_still_scaled() -> None:
    limit = float_limit(2)
    scaled, exact = scale_float_array(np.array([12.5, limit, -1e300, 7.25]), 2)
    assert exact.tolist() == [True, False, False, True]
    assert scaled.tolist() == [1250, 0, 0, 725]
    assert scale_float_array(np.array([limit * 0.99]), 2)[1].all()


def test_empty_input() -> None:
    scaled, exact = scale_float_array(np.array([], dtype=float), 2)
    assert scaled.shape == exact.shape == (0,)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("infra", 1e300, "row 1, column 'infra': points above the criterion's maximum"),
        ("infra", -1e300, "row 1, column 'infra': points must not be negative"),
        ("total", 1e300, r"row 1, column 'total': 1e\+300 is too large to hold exactly at 2 decimal place"),
        ("total", 85.555, "row 1, column 'total': 85.555 has more than 2 decimal place"),
    ],
)
def test_scoring_names_the_cell_of_an_impossible_value(column: str, value: float, message: str) -> None:
    from pathlib import Path

    rubric = ia.load_rubric(Path(__file__).parent / "data" / "rubric_report.toml")
    data = {"unit": np.array(["A", "B"]), "bloc": np.array(["so", "so"]), column: np.array([value, 3.0])}
    if column == "infra":
        data["app"] = np.array([1.0, 2.0])
    with pytest.raises(ia.ScoringError, match=message):
        ia.score(rubric, data)
