"""The fast path of scoring points columns (exact.scale_points_columns, used by
scoring.points for plain points columns): one pass per column, row block by row block,
checked against plain references — Python fractions per cell, and ia.score with the
fast path switched off (every column then takes the careful path, whose results and
messages the tests of bad input assert).

Values mix what a sheet holds: points on the step, at the exact edges of the range,
one step outside it, off-step values, NaN (blank), ±inf, -0.0, values within the
careful path's tolerance (0.1 + 0.2), tiny and huge numbers. Blocks are made a few
rows long so that every generated table crosses block boundaries.
"""

from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, Iterator
from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
import ict_adoption.exact as exact
import ict_adoption.scoring.points as points
import ict_adoption.scoring.scored as scored
from ict_adoption.exact import scale_points_columns, smallest_int


@contextmanager
def small_blocks(rows: int) -> Iterator[None]:
    with mock.patch.object(exact, "ROW_BLOCK", rows), mock.patch.object(points, "ROW_BLOCK", rows):
        yield


def cell(precision: int, top: int) -> st.SearchStrategy[float]:
    """A float a points cell may hold, for a criterion of scaled maximum ``top``."""
    f = 10**precision
    on_step = st.integers(-3, top + 3).map(lambda k: float(Fraction(k, f)))
    edges = st.sampled_from([0.0, float(Fraction(top, f)), float(Fraction(top + 1, f)), -float(Fraction(1, f))])
    odd = st.sampled_from(
        [math.nan, math.inf, -math.inf, -0.0, 0.1 + 0.2, 5e-324, 1e-300, 1e300, 2.0**60, float(Fraction(top, f)) + 1e-9]
    )
    off_step = st.integers(0, top).map(lambda k: (k + 0.5) / f)
    return st.one_of(on_step, on_step, on_step, edges, odd, off_step, st.floats(allow_nan=True, allow_infinity=True))


def reference(x: float, precision: int, top: int) -> int | None:
    """The integer ``k`` in ``0..top`` whose decimal ``k / 10^precision`` has ``x`` as its
    nearest double (not -0.0); None if there is none."""
    if not math.isfinite(x) or math.copysign(1.0, x) < 0:
        return None
    k = round(Fraction(x) * 10**precision)
    return k if 0 <= k <= top and float(Fraction(k, 10**precision)) == x else None


@st.composite
def point_columns(draw: Any) -> tuple[int, list[int], list[list[float]]]:
    precision = draw(st.integers(0, 3))
    n = draw(st.integers(1, 23))
    tops = draw(st.lists(st.sampled_from([0, 1, 127, 128, 1000, 32767, 32768, 10**6]), min_size=1, max_size=4))
    clean = draw(st.booleans())  # mostly well columns, where the fast path must accept
    cols = []
    for top in tops:
        f = 10**precision
        good = st.integers(0, top).map(lambda k, f=f: float(Fraction(k, f)))
        cols.append(draw(st.lists(good if clean else (good | cell(precision, top)), min_size=n, max_size=n)))
    return precision, tops, cols


@settings(max_examples=300, deadline=None)
@given(point_columns(), st.integers(1, 8), st.booleans())
def test_scale_points_columns_accepts_exactly_the_decimals_in_range(case: Any, rows: int, summed: bool) -> None:
    precision, tops, cols = case
    with small_blocks(rows):
        got, total = scale_points_columns([np.array(c, dtype=np.float64) for c in cols], tops, precision, summed=summed)
    refs = [[reference(x, precision, top) for x in c] for c, top in zip(cols, tops)]
    for g, ref in zip(got, refs):
        if any(r is None for r in ref):
            assert g is None
        else:
            assert g is not None
            assert g.tolist() == ref
            assert g.dtype == smallest_int(np.array(ref, dtype=np.int64)).dtype
    if all(g is not None for g in got) and summed:
        expected = [sum(r) for r in zip(*refs)]  # type: ignore[arg-type]
        if len(cols) == 1:
            assert total is None
        else:
            assert total is not None and total.tolist() == expected
            assert np.iinfo(total.dtype).max >= sum(tops)
    else:
        assert total is None


def test_scale_points_columns_agrees_with_the_careful_scaling_where_it_accepts() -> None:
    """Where the fast path accepts a column, scale_float_array_if_exact gives the same
    integers and the same type (the values the careful path returns)."""
    values = np.array([0.0, 0.07, 9.99, 10.0, 0.29, 1.005 * 0 + 0.35], dtype=np.float64)
    got, _ = scale_points_columns([values], [1000], 2)
    careful = exact.scale_float_array_if_exact(values, 2)
    assert got[0] is not None and careful is not None
    assert got[0].tolist() == careful.values.tolist() and got[0].dtype == careful.values.dtype


# ------------------------------------------------------------------ ia.score, fast vs careful

PROV = {"assumed": "test rubric"}


def rubric(per_bloc: bool) -> ia.Rubric:
    groups = [
        ia.Group(id="g0", name="G0", criteria=[ia.Criterion(id=f"c{k}", name=f"C{k}", max=m) for k, m in enumerate([10, 1.27, 5])]),
        ia.Group(id="g1", name="G1", max=20),
        ia.Group(id="g2", name="G2", kind="bonus", criteria=[ia.Criterion(id="d0", name="D0", max=2), ia.Criterion(id="d1", name="D1", max=3)]),
        ia.Group(id="g3", name="G3", kind="penalty", max=4),
    ]
    blocs = [ia.Bloc(id="a", name="A"), ia.Bloc(id="b", name="B", maxima={"c2": 4} if per_bloc else {})]
    return ia.Rubric(
        region="t", edition="1", title="T", years=2020, precision=2, groups=groups, blocs=blocs,
        bands=[ia.Band(label="Tốt", min=20), ia.Band(label="Yếu")], default_provenance=PROV,
    )


TOPS = {"c0": 1000, "c1": 127, "c2": 500, "g1": 2000, "d0": 200, "d1": 300, "g3": 400}


@st.composite
def tables(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(1, 17))
    mode = draw(st.sampled_from(["clean", "blanks", "dirty"]))  # blanks: well values and NaN only
    data: dict[str, Any] = {
        "unit": np.array([f"Đơn vị {i}" for i in range(n)]),
        "bloc": np.array(draw(st.lists(st.sampled_from(["a", "b"]), min_size=n, max_size=n))),
    }
    for col, top in TOPS.items():
        if draw(st.integers(0, 9)) == 0:
            continue  # an absent column
        good = st.integers(0, top).map(lambda k: k / 100)
        values = {"clean": good, "blanks": good | st.just(math.nan), "dirty": good | cell(2, top)}[mode]
        data[col] = np.array(draw(st.lists(values, min_size=n, max_size=n)), dtype=np.float64)
    for col, top in (("g0", 1627), ("total", 4527)):  # given sums: checked against the criteria
        if draw(st.integers(0, 2)) == 0:
            values = st.integers(-10, top + 10).map(lambda k: k / 100) | cell(2, top)
            data[col] = np.array(draw(st.lists(values, min_size=n, max_size=n)), dtype=np.float64)
    return data


def outcome(r: ia.Rubric, data: dict[str, Any], missing: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            s = ia.score(r, data, missing=missing)  # type: ignore[arg-type]
        except ia.InputError as exc:
            return ("error", type(exc).__name__, str(exc), [str(p) for p in getattr(exc, "problems", [])])
    cols = [(c.dtype.str, c.tolist()) for m in (s.leaf_points, s.group_points) for c in m.columns]
    known = [c.tolist() for m in (s.leaf_known, s.group_known) for c in m.columns]
    return (s.total.dtype.str, s.total.tolist(), s.reported.tolist(), s.level.tolist(), cols, known, s.notes)


def careful(*args: Any, **kwargs: Any) -> Any:
    return [None] * len(args[0]), None


@settings(max_examples=200, deadline=None)
@given(tables(), st.sampled_from(["error", "zero", "exclude"]), st.booleans(), st.integers(1, 6))
def test_score_is_the_same_with_and_without_the_fast_path(data: dict[str, Any], missing: str, per_bloc: bool, rows: int) -> None:
    """Results (values, types, known cells, levels) and every message are those of the
    careful path; where the table is well, totals are the sums of the typed decimals."""
    r = rubric(per_bloc)
    with small_blocks(rows):
        fast = outcome(r, data, missing)
        with mock.patch.object(points, "scale_points_columns", careful):
            slow = outcome(r, data, missing)
    assert fast == slow
    if fast[0] != "error" and missing == "error":
        sign = {"g3": -1}
        # each accepted cell counts as the integer nearest to value × 100 (the typed
        # decimal; 0.1 + 0.2 within the careful path's tolerance counts as 0.30)
        by_criteria = [i for i, lv in enumerate(fast[3]) if lv == 2]  # totals made from every criterion
        expected = [sum(sign.get(c, 1) * round(Fraction(float(data[c][i])) * 100) for c in TOPS) for i in by_criteria]
        assert [fast[1][i] for i in by_criteria] == expected
    if fast[0] != "error":  # which cells are known, each group's state and the level, from the definitions
        n = len(data["unit"])
        leaves = {"g0": ["c0", "c1", "c2"], "g1": ["g1"], "g2": ["d0", "d1"], "g3": ["g3"]}

        def known(c: str, i: int) -> bool:
            return c in data and not math.isnan(data[c][i])

        group_known = [[all(known(c, i) for c in ls) or (g == "g0" and known("g0", i)) for i in range(n)] for g, ls in leaves.items()]
        assert fast[5][7:] == group_known
        assert fast[5][:7] == [[known(c, i) for i in range(n)] for c in TOPS]
        every = [all(known(c, i) for c in TOPS) for i in range(n)]
        settled = [all(gk[i] for gk in group_known) for i in range(n)]
        assert fast[3] == [2 if s and e else 1 if s else 0 for s, e in zip(settled, every)]
        assert fast[2] == [missing != "exclude" or s or known("total", i) for i, s in enumerate(settled)]


def test_one_bad_cell_is_reported_as_before_and_its_group_summed_the_careful_way() -> None:
    r = rubric(False)
    n = 5
    data: dict[str, Any] = {"unit": np.array([f"U{i}" for i in range(n)]), "bloc": np.array(["a"] * n)}
    for col, top in TOPS.items():
        data[col] = np.full(n, top / 100)
    data["c1"] = data["c1"].copy()
    data["c1"][3] = 1.275  # off step
    data["d0"] = data["d0"].copy()
    data["d0"][1] = -0.0  # the careful path reads it as 0
    with small_blocks(2):
        fast = outcome(r, data, "error")
        with mock.patch.object(points, "scale_points_columns", careful):
            slow = outcome(r, data, "error")
    assert fast == slow
    assert fast[0] == "error" and "1.275" in fast[2] and "row 4" in fast[2]
    data["c1"][3] = 1.27
    fast = outcome(r, data, "error")
    assert fast[0] != "error"
    expected = (1000 + 127 + 500 + 2000 + 200 + 300 - 400)
    assert fast[1] == [expected - 200 * (i == 1) for i in range(n)]


# ------------------------------------------------------------------ the helpers' shortcuts

bool_columns = st.integers(1, 12).flatmap(
    lambda n: st.lists(
        st.one_of(st.just([True] * n), st.just([False] * n), st.lists(st.booleans(), min_size=n, max_size=n)),
        min_size=0, max_size=5,
    )
)


@given(bool_columns, st.integers(1, 5))
def test_mask_helpers_are_the_plain_formulas(columns: list[list[bool]], rows: int) -> None:
    n = len(columns[0]) if columns else 3
    cols = [np.array(c, dtype=bool) for c in columns]
    assert scored.all_columns(cols, n).tolist() == [all(c[i] for c in cols) for i in range(n)]
    assert scored.any_columns(cols, n).tolist() == [any(c[i] for c in cols) for i in range(n)]
    for k in cols:
        for a in cols:
            assert scored.or_not(k, a).tolist() == (k | ~a).tolist()


@given(
    st.integers(1, 30).flatmap(
        lambda n: st.lists(
            st.sampled_from([(np.int8, 2**7), (np.int16, 2**15), (np.int32, 2**31), (np.int64, 2**40)]).flatmap(
                lambda t: st.tuples(
                    st.just(t[0]),
                    st.lists(st.integers(-t[1], t[1] - 1) | st.integers(-100, 100), min_size=n, max_size=n),
                    st.sampled_from([1, -1]),
                )
            ),
            min_size=0, max_size=5,
        )
    ),
    st.integers(1, 7),
)
def test_row_blocked_sums_are_the_plain_signed_sums(columns: list[tuple[Any, list[int], int]], rows: int) -> None:
    n = len(columns[0][1]) if columns else 4
    arrays = tuple(np.array(v, dtype=t) for t, v, _ in columns)
    signs = tuple(s for _, _, s in columns)
    with small_blocks(rows):
        got = points._sum_columns(arrays, n, signs)
        unsigned = points._sum_columns(arrays, n)
    assert got.dtype == np.int64
    assert got.tolist() == [sum(s * v[i] for _, v, s in columns) for i in range(n)]
    assert unsigned.tolist() == [sum(v[i] for _, v, _ in columns) for i in range(n)]


def test_a_given_total_is_checked_against_its_own_blocs_range() -> None:
    """hi/lo are looked up per unit only where a total is given, each with its bloc."""
    r = ia.Rubric(
        region="t", edition="1", title="T", years=2020, precision=2,
        groups=[ia.Group(id="g0", name="G0", max=20), ia.Group(id="g1", name="G1", max=5, kind="bonus")],
        blocs=[ia.Bloc(id="a", name="A"), ia.Bloc(id="b", name="B", maxima={"g0": 10})],
        bands=[ia.Band(label="Yếu")], default_provenance=PROV,
    )
    data = {"unit": np.array(["x", "y", "z"]), "bloc": np.array(["a", "b", "b"]), "total": np.array([24.0, 15.0, 16.0])}
    try:
        ia.score(r, data)
    except ia.InputError as exc:
        text = str(exc)
    else:
        raise AssertionError("expected the total of 'z' to be out of range")
    assert "unit 'z': total 16.00 outside 0.00..15.00 for bloc 'b'" in text
    assert "'x'" not in text and "'y'" not in text
