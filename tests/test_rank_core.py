"""The ranking core read from the packed sort key, against a unit-by-unit definition.

:func:`~ict_adoption.ranks.rank_within_blocs` takes ranks, ties and bloc starts from
one sorted int64 key (bloc counts give where each bloc starts, run starts give each
run's length). The reference below ranks one unit at a time from the definitions of
the four methods, on generated blocs (with empty bloc codes between them), scores
(small, so ties are common, or wide, so the key does not fit and lexsort is used) and
tie keys. Small keys are ranked without a sort (counted); a test forces each path.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.ranks import rank_within_blocs
from ict_adoption.testing import reference_ranks

METHODS = ("competition", "dense", "fractional", "ordinal")


def reference(blocs, scores, method, tie_keys=()):
    """Ranks and tied flags from the definitions (the shared plain-Python reference)."""
    return reference_ranks(blocs, scores, method, tie_keys)


small_scores = st.integers(0, 6)
wide_scores = st.integers(-(2**40), 2**40)


@st.composite
def units(draw, scores=small_scores):
    n = draw(st.integers(1, 40))
    blocs = draw(st.lists(st.sampled_from([0, 1, 3, 7, 40]), min_size=n, max_size=n))
    values = draw(st.lists(scores, min_size=n, max_size=n))
    return blocs, values


@settings(max_examples=300, deadline=None)
@given(units(), st.sampled_from(METHODS))
def test_ranks_and_ties_match_the_definition(data, method):
    blocs, scores = data
    ranks, tied = rank_within_blocs(blocs, scores, method)
    want_ranks, want_tied = reference(blocs, scores, method)
    assert ranks.tolist() == want_ranks
    assert tied.tolist() == want_tied
    assert ranks.dtype == (np.float64 if method == "fractional" else np.int64)


@settings(max_examples=200, deadline=None)
@given(units(st.integers(-3, 9)), st.sampled_from(METHODS[:3]), st.sampled_from([-(10**9), 64]),
       st.sampled_from([1, 2, 10, 25, 10**7]))
def test_the_counting_path_and_the_sorting_path_give_the_definition(data, method, room, step):
    """Without a sort (keys counted, a small table) or with one (the packed key): both
    ranked as the definition says, whichever the size of the table would have chosen."""
    from ict_adoption import ranks

    blocs, scores = data
    scores = [v * step for v in scores]  # on a grid: counted in its steps (a wide grid: too wide to count)
    saved, ranks._COUNT_ROOM = ranks._COUNT_ROOM, room
    try:
        got = rank_within_blocs(blocs, scores, method)
    finally:
        ranks._COUNT_ROOM = saved
    want_ranks, want_tied = reference(blocs, scores, method)
    assert (got[0].tolist(), got[1].tolist()) == (want_ranks, want_tied)
    assert got[0].dtype == (np.float64 if method == "fractional" else np.int64)


@settings(max_examples=150, deadline=None)
@given(units(wide_scores), st.sampled_from(METHODS))
def test_scores_too_wide_to_pack_give_the_same(data, method):
    blocs, scores = data
    blocs = [b * 2**20 for b in blocs]  # bloc, score and row bits over 63: the lexsort path
    ranks, tied = rank_within_blocs(blocs, scores, method)
    want_ranks, want_tied = reference(blocs, scores, method)
    assert (ranks.tolist(), tied.tolist()) == (want_ranks, want_tied)


@settings(max_examples=200, deadline=None)
@given(units(), st.data())
def test_ordinal_with_tie_keys_matches_the_definition(data, draw):
    blocs, scores = data
    n = len(scores)
    keys = draw.draw(st.lists(st.lists(st.integers(0, 3), min_size=n, max_size=n), min_size=1, max_size=2))
    ranks, tied = rank_within_blocs(blocs, scores, "ordinal", keys)
    want_ranks, want_tied = reference(blocs, scores, "ordinal", keys)
    assert (ranks.tolist(), tied.tolist()) == (want_ranks, want_tied)


def _rubric(n_blocs):
    return ia.Rubric(
        region="t",
        edition="1",
        title="t",
        years=2020,
        precision=1,
        groups=[ia.Group(id="g", name="G", max=10)],
        blocs=[ia.Bloc(id=f"b{i}", name=f"B{i}") for i in range(n_blocs)],
        bands=[ia.Band(label="Tốt", min=5), ia.Band(label="Yếu")],
        default_provenance={"assumed": "test rubric"},
    )


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2), st.one_of(st.none(), st.integers(0, 100))), min_size=1, max_size=25),
    st.sampled_from(METHODS),
)
def test_rank_with_and_without_missing_units_matches_the_definition(rows, method):
    """``ia.rank`` skips the gathers when every unit reported; both paths agree with the core's definition."""
    rubric = _rubric(3)
    data = {
        "unit": [f"Đơn vị {i:03d}" for i in range(len(rows))],  # name order = row order
        "bloc": [f"b{b}" for b, _ in rows],
        "total": [None if v is None else v / 10 for _, v in rows],
    }
    ranking = ia.rank(rubric, data, method, missing="exclude")
    ok = [i for i, (_, v) in enumerate(rows) if v is not None]
    want_ranks, want_tied = reference([rows[i][0] for i in ok], [rows[i][1] for i in ok], method, ())
    ranks = np.zeros(len(rows))
    tied = np.zeros(len(rows), bool)
    ranks[ok] = want_ranks
    tied[ok] = want_tied
    assert ranking.ranks.tolist() == ranks.tolist()
    assert ranking.tied.tolist() == tied.tolist()
    assert ranking.band_index.tolist() == [(-1 if v is None else 0 if v >= 50 else 1) for _, v in rows]
    assert not ranking.ranks.flags.writeable and not ranking.tied.flags.writeable
