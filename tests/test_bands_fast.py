"""assign_bands counts the bounds a total stays below (bands highest first): the plain
definition, the first band whose bound the total reaches, on both bases and both blocs."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.ranking import assign_bands


def _rubric(basis: str, mins: list[int]) -> ia.Rubric:
    labels = ["A", "B", "C", "D", "E"][: len(mins) + 1]
    bands = [ia.Band(label=lab, min=f"{m / 100:.2f}") for lab, m in zip(labels, mins)] + [ia.Band(label=labels[-1])]
    return ia.Rubric(
        region="t", edition="1", title="bands", years=2020, precision=2,
        groups=[ia.Group(id="g", name="G", max=100)],
        blocs=[ia.Bloc(id="full", name="Full"), ia.Bloc(id="small", name="Small", maxima={"g": 75})],
        bands=bands, band_basis=basis, default_provenance={"assumed": "test"},
    )


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["total", "share"]),
    st.lists(st.integers(1, 9999), min_size=1, max_size=4, unique=True),
    st.lists(st.tuples(st.integers(0, 10000), st.integers(0, 1)), min_size=1, max_size=60),
)
def test_bands_are_the_first_bound_reached(basis: str, bounds: list[int], rows: list[tuple[int, int]]) -> None:
    mins = sorted(bounds, reverse=True)
    rubric = _rubric(basis, mins)
    totals = np.array([t if c == 0 else min(t, 7500) for t, c in rows])
    codes = np.array([c for _, c in rows])
    got = assign_bands(rubric, totals, codes).tolist()
    for (t, c), total, band in zip(rows, totals.tolist(), got):
        value = Fraction(total, 100) if basis == "total" else Fraction(total, 10000 if c == 0 else 7500) * 100
        assert band == next((k for k, m in enumerate(mins) if value >= Fraction(m, 100)), len(mins))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 9999), min_size=1, max_size=4, unique=True))
def test_a_total_on_a_bound_is_in_that_band(bounds: list[int]) -> None:
    mins = sorted(bounds, reverse=True)
    totals = np.array([x for m in mins for x in (m - 1, m, m + 1)])
    got = assign_bands(_rubric("total", mins), totals, np.zeros(len(totals), dtype=np.int64)).tolist()
    assert got == [next((k for k, m in enumerate(mins) if t >= m), len(mins)) for t in totals.tolist()]
    share = np.array([m * 3 // 4 for m in mins])  # in the small bloc (maximum 75.00): share m exactly when m % 4 == 0
    got = assign_bands(_rubric("share", mins), share, np.ones(len(share), dtype=np.int64)).tolist()
    assert got == [next((k for k, m in enumerate(mins) if Fraction(s * 4, 3) >= m), len(mins)) for s in share.tolist()]
