"""Property tests of the ranking kernel and bands (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.ranking import assign_bands, rank_within_blocs
from ict_adoption.testing import reference_ranks

# many ties: scores drawn from a small range
blocs_and_scores = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 4), min_size=n, max_size=n),
        st.lists(st.integers(0, 12), min_size=n, max_size=n),
    )
)

PANDAS_METHOD = {"competition": "min", "dense": "dense", "fractional": "average"}


@settings(max_examples=300, deadline=None)
@given(blocs_and_scores, st.sampled_from(sorted(PANDAS_METHOD)))
def test_matches_pandas_groupby_rank(data, method):
    blocs, scores = data
    ranks, tied = rank_within_blocs(blocs, scores, method)
    df = pd.DataFrame({"bloc": blocs, "score": scores})
    expected = df.groupby("bloc")["score"].rank(method=PANDAS_METHOD[method], ascending=False)
    np.testing.assert_array_equal(ranks, expected.to_numpy())
    counts = df.groupby(["bloc", "score"])["score"].transform("size").to_numpy()
    np.testing.assert_array_equal(tied, counts > 1)


@settings(max_examples=200, deadline=None)
@given(blocs_and_scores, st.randoms(use_true_random=False))
def test_shuffling_rows_changes_nothing(data, rnd):
    blocs, scores = np.array(data[0]), np.array(data[1])
    perm = np.array(rnd.sample(range(len(blocs)), len(blocs)))
    for method in ("competition", "dense", "fractional"):
        r1, t1 = rank_within_blocs(blocs, scores, method)
        r2, t2 = rank_within_blocs(blocs[perm], scores[perm], method)
        np.testing.assert_array_equal(r1[perm], r2)
        np.testing.assert_array_equal(t1[perm], t2)


@settings(max_examples=200, deadline=None)
@given(blocs_and_scores, st.integers(0, 4), st.integers(0, 12))
def test_adding_a_unit_changes_no_other_bloc(data, new_bloc, new_score):
    blocs, scores = np.array(data[0]), np.array(data[1])
    before, _ = rank_within_blocs(blocs, scores)
    after, _ = rank_within_blocs(np.append(blocs, new_bloc), np.append(scores, new_score))
    other = blocs != new_bloc
    np.testing.assert_array_equal(before[other], after[:-1][other])
    # inside the bloc, a unit's rank moves by at most one (and only if beaten)
    same = ~other
    assert np.all((after[:-1][same] - before[same]) == (scores[same] < new_score))


@settings(max_examples=200, deadline=None)
@given(blocs_and_scores)
def test_competition_rank_is_one_plus_number_strictly_better(data):
    blocs, scores = np.array(data[0]), np.array(data[1])
    ranks, tied = rank_within_blocs(blocs, scores)
    want, want_tied = reference_ranks(blocs.tolist(), scores.tolist())  # 1 + the number strictly better
    assert ranks.tolist() == want and tied.tolist() == want_tied


@settings(max_examples=200, deadline=None)
@given(blocs_and_scores)
def test_ordinal_is_a_permutation_consistent_with_scores(data):
    blocs, scores = np.array(data[0]), np.array(data[1])
    name_key = np.arange(len(blocs))[::-1].copy()  # a declared, unique tie-break
    ranks, _ = rank_within_blocs(blocs, scores, "ordinal", [name_key])
    comp, _ = rank_within_blocs(blocs, scores)
    for b in np.unique(blocs):
        m = blocs == b
        assert sorted(ranks[m].tolist()) == list(range(1, m.sum() + 1))
    # a better score never gets a worse ordinal rank; ties follow the key
    assert np.all(ranks >= comp)
    for i in range(len(blocs)):
        for j in range(len(blocs)):
            if blocs[i] == blocs[j] and scores[i] == scores[j] and name_key[i] < name_key[j]:
                assert ranks[i] < ranks[j]


def test_large_scores_take_the_lexsort_path():
    # span too wide to pack into one int64 with the index: still correct
    blocs = np.array([0, 0, 0, 1, 1])
    scores = np.array([2**60, -(2**60), 2**60, 5, 7])
    ranks, tied = rank_within_blocs(blocs, scores)
    assert ranks.tolist() == [1, 3, 1, 2, 1]
    assert tied.tolist() == [True, False, True, False, False]


def _band_rubric(basis: str, mins: list[str]) -> ia.Rubric:
    labels = ["A", "B", "C", "D", "E"][: len(mins) + 1]
    bands = [ia.Band(label=lab, min=m) for lab, m in zip(labels, mins)] + [ia.Band(label=labels[-1])]
    return ia.Rubric(
        region="t",
        edition="1",
        title="bands",
        years=2020,
        precision=2,
        groups=[ia.Group(id="g", name="G", max=100)],
        blocs=[ia.Bloc(id="full", name="Full"), ia.Bloc(id="small", name="Small", maxima={"g": 75})],
        bands=bands,
        band_basis=basis,
        default_provenance={"assumed": "test"},
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, 9999), min_size=1, max_size=4, unique=True),
    st.lists(st.integers(0, 10000), min_size=1, max_size=50),
)
def test_every_score_falls_in_exactly_one_band(bounds, totals):
    mins = sorted(bounds, reverse=True)
    rubric = _band_rubric("total", [f"{m / 100:.2f}" for m in mins])
    idx = assign_bands(rubric, np.array(totals), np.zeros(len(totals), dtype=np.int64))
    for t, i in zip(totals, idx):
        # the band is the first (highest) whose bound the total reaches; the lowest catches the rest
        expected = next((k for k, m in enumerate(mins) if t >= m), len(mins))
        assert i == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 7500), min_size=1, max_size=50))
def test_share_basis_compares_exactly_against_the_bloc_maximum(totals):
    rubric = _band_rubric("share", ["80", "50"])
    t = np.array(totals)
    idx = assign_bands(rubric, t, np.ones(len(t), dtype=np.int64))  # bloc max 75.00
    from fractions import Fraction

    for total, i in zip(totals, idx):
        share = Fraction(total, 7500) * 100
        assert i == (0 if share >= 80 else 1 if share >= 50 else 2)
