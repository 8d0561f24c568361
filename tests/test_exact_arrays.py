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


def test_a_large_value_does_not_loosen_the_check_of_small_ones() -> None:
    """The tolerance is per value: 0.001 at precision 2 is inexact beside 10^12."""
    scaled, exact = scale_float_array(np.array([1e12, 0.001, 0.01]), 2)
    assert exact.tolist() == [True, False, True]
    assert scaled.tolist() == [10**14, 0, 1]


def test_many_blocks_and_any_shape() -> None:
    """Arrays longer than one block give what one block would, value by value."""
    from ict_adoption.exact import BLOCK

    n = 3 * BLOCK + 17
    ints = np.arange(n, dtype=np.int64) * 7 - n
    values = ints / 100.0
    values[2 * BLOCK + 5] = np.nan  # the caller's job to mask, but it must not leak
    values[-1] = 1.234
    scaled, exact = scale_float_array(values.reshape(-1, 1), 2)
    assert scaled.shape == exact.shape == (n, 1)
    expected_exact = np.ones(n, dtype=bool)
    expected_exact[[2 * BLOCK + 5, n - 1]] = False
    assert np.array_equal(exact[:, 0], expected_exact)
    assert np.array_equal(scaled[expected_exact, 0], ints[expected_exact])
    assert scaled[2 * BLOCK + 5, 0] == 0


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


@given(
    st.lists(st.integers(min_value=-(10**9), max_value=10**9), min_size=1, max_size=40),
    st.sampled_from([None, 0.001, np.nan, 1e300]),
    st.integers(0, 39),
)
def test_if_exact_is_all_or_nothing(ints: list[int], spoiler: float | None, at: int) -> None:
    """The fast path agrees with the full mask: the scaled values, or None if any is off."""
    from ict_adoption.exact import scale_float_array_if_exact

    values = np.array(ints, dtype=np.float64) / 100
    if spoiler is not None:
        values[at % len(values)] = spoiler
    scaled, exact = scale_float_array(values, 2)
    fast = scale_float_array_if_exact(values, 2)
    if exact.all():
        assert fast is not None and fast.values.tolist() == scaled.tolist() == ints
        assert (fast.smallest, fast.largest) == (min(ints), max(ints))
    else:
        assert spoiler is not None and fast is None


def test_if_exact_looks_past_the_first_block() -> None:
    from ict_adoption.exact import BLOCK, scale_float_array_if_exact

    values = np.full(2 * BLOCK + 3, 12.5)
    assert scale_float_array_if_exact(values, 2) is not None
    values[-1] = 12.505
    assert scale_float_array_if_exact(values, 2) is None


@given(st.lists(st.integers(-(2**40), 2**40), max_size=30) | st.lists(st.integers(-200, 200), max_size=30))
def test_smallest_int_keeps_every_value_in_the_smallest_type(values):
    from ict_adoption.exact import smallest_int

    out = smallest_int(np.array(values, dtype=np.int64))
    assert out.tolist() == values
    if values:
        smaller = {np.int16: np.int8, np.int32: np.int16, np.int64: np.int32}.get(out.dtype.type)
        assert smaller is None or not (np.iinfo(smaller).min <= min(values) and max(values) <= np.iinfo(smaller).max)


def test_scored_points_are_kept_small_and_read_as_int64():
    import ict_adoption as ia

    groups = [ia.Group(id="g", name="G", criteria=[ia.Criterion(id=f"c{k}", name=f"C{k}", max=10) for k in range(3)])]
    rubric = ia.Rubric(
        region="t", edition="1", title="t", years=2020, precision=2, groups=groups,
        blocs=[ia.Bloc(id="b", name="B")], bands=[ia.Band(label="A")], default_provenance={"assumed": "test"},
    )
    data = {"unit": np.array(["x", "y"]), "bloc": np.array(["b", "b"]), "c0": np.array([1.25, 10.0]), "c1": np.array([0.5, 2.0])}
    scored = ia.score(rubric, data, missing="zero")
    assert [c.dtype for c in scored.leaf_points.columns] == [np.int16, np.int16, np.int8]  # c2 absent: zeros
    full = np.asarray(scored.leaf_points)
    assert full.dtype == np.int64 and full.tolist() == [[125, 50, 0], [1000, 200, 0]]
    assert scored.total.tolist() == [175, 1200]


@given(
    st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=6),
    st.integers(1, 3),
    st.booleans(),
)
def test_if_exact_widens_block_by_block_to_the_smallest_type(big: list[int], blocks: int, sums: bool) -> None:
    """Small values first, larger ones blocks later: the column is widened as it goes
    and ends in the smallest type that holds every value; a sum such as 0.1 + 0.2 (not
    the nearest double to 0.3, but within the tolerance) is still exact."""
    from ict_adoption.exact import BLOCK, scale_float_array_if_exact, smallest_int

    ints = [i % 100 for i in range(blocks * BLOCK)] + big
    values = np.array(ints, dtype=np.float64) / 100
    if sums:
        values[BLOCK // 2] = 0.1 + 0.2
        ints[BLOCK // 2] = 30
    fast = scale_float_array_if_exact(values, 2)
    assert fast is not None
    assert fast.values.tolist() == ints
    assert fast.values.dtype == smallest_int(np.array(ints)).dtype
    assert (fast.smallest, fast.largest) == (min(ints), max(ints))
