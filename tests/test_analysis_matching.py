"""The vectorised unit matching (analysis.unit_keys, analysis.matching) against plain
loops over ``unit_keys``: the same rows found for a name, the same pairs, units on one
side, diacritics-blind matches and errors for two lists of names; aliases found without
diacritics too."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.analysis.matching import (
    AmbiguousMatchError,
    UnknownUnitError,
    find_unit_row,
    loose_keys,
    match_units,
    unit_keys,
)
from ict_adoption.analysis.unit_keys import key_ids, key_pairs
from ict_adoption.errors import IctAdoptionError
from ict_adoption.text import ascii_key, name_key

# names that collide in instructive ways: case, spacing, diacritics, đ/d, aliases
POOL = ["Huyện Một", "huyện  một", "Huyen Mot", "HUYỆN MỘT", "H1", "h 1", "Sở Hai", "So Hai", "Sở hài",
        "Đông", "Dong", "đông", "Ba", "ba ", "Bá", "Tư", "Tu", "Năm", "X", "Y"]
name = st.sampled_from(POOL)


def rubric_with(units: list[tuple[str, list[str]]]) -> ia.Rubric:
    return ia.Rubric(
        region="t", edition="1", title="t", years=2020, precision=2,
        groups=[ia.Group(id="g", name="G", max=10)],
        blocs=[ia.Bloc(id="a", name="A"), ia.Bloc(id="b", name="B")],
        units=[ia.Unit(name=n, bloc="a", aliases=al) for n, al in units],
        bands=[ia.Band(label="T")], default_provenance={"assumed": "test"},
    )


rosters = st.lists(st.tuples(name, st.lists(name, max_size=2, unique=True)), max_size=4)


def make_rubric(units):
    try:
        return rubric_with(units)
    except (IctAdoptionError, ValueError, TypeError):
        assume(False)


# ----------------------------------------------------------------------------- references


def ref_find_unit_row(units, blocs, rubric, name, bloc=None):
    keys = unit_keys(name, [rubric])
    rows = [i for i, u in enumerate(units) if (bloc is None or blocs[i] == bloc) and unit_keys(u, [rubric]) & keys]
    if not rows:
        loose = loose_keys(name, [rubric])
        rows = [i for i, u in enumerate(units) if (bloc is None or blocs[i] == bloc) and loose_keys(u, [rubric]) & loose]
    return rows


def ref_match_units(old_units, new_units, rubrics, old_blocs=None, new_blocs=None):
    index: dict[str, list[int]] = {}
    for j, u in enumerate(new_units):
        for k in unit_keys(u, rubrics):
            index.setdefault(k, []).append(j)
    pairs, taken, problems, loose, unmatched_old = [], {}, [], [], []
    for i, u in enumerate(old_units):
        hits = sorted({j for k in unit_keys(u, rubrics) for j in index.get(k, [])})
        if old_blocs is not None and new_blocs is not None and len(hits) > 1:
            hits = [j for j in hits if new_blocs[j] == old_blocs[i]] or hits
        if len(hits) > 1:
            problems.append(i)
            continue
        if not hits:
            unmatched_old.append(i)
            continue
        if hits[0] in taken:
            problems.append(i)
            continue
        taken[hits[0]] = i
        pairs.append((i, hits[0]))
    by_ascii: dict[str, list[int]] = {}
    for j in range(len(new_units)):
        if j not in taken:
            for k in loose_keys(new_units[j], rubrics):
                by_ascii.setdefault(k, []).append(j)
    only_old = []
    for i in unmatched_old:
        cands = sorted({j for k in loose_keys(old_units[i], rubrics) for j in by_ascii.get(k, [])})
        if len(cands) == 1 and cands[0] not in taken:
            taken[cands[0]] = i
            pairs.append((i, cands[0]))
            loose.append((i, cands[0], "diacritics"))
        else:
            only_old.append(i)
    if problems:
        return ("error", len(problems))
    return sorted(pairs), only_old, [j for j in range(len(new_units)) if j not in taken], loose


# ----------------------------------------------------------------------------- properties

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@SETTINGS
@given(st.lists(name, max_size=30))
def test_key_ids_equal_exactly_when_name_keys_are(names):
    import numpy as np

    ids = key_ids(np.array(names, dtype=str) if names else np.zeros(0, dtype="<U1"))
    keys = [name_key(n) for n in names]
    for a in range(len(names)):
        for b in range(len(names)):
            assert (ids[a] == ids[b]) == (keys[a] == keys[b])


@SETTINGS
@given(rosters, st.lists(name, max_size=12), st.lists(name, max_size=12))
def test_key_pairs_are_the_key_sets_of_unit_keys(units, col_a, col_b):
    rubric = make_rubric(units)
    (ra, ka), (rb, kb) = key_pairs([col_a, col_b], [rubric])
    # the same key id for two rows exactly when their key sets (as strings) meet
    sets_a = [unit_keys(n, [rubric]) for n in col_a]
    sets_b = [unit_keys(n, [rubric]) for n in col_b]
    got = {(int(i), int(j)) for i, k in zip(ra, ka) for j, k2 in zip(rb, kb) if k == k2}
    want = {(i, j) for i, sa in enumerate(sets_a) for j, sb in enumerate(sets_b) if sa & sb}
    assert got == want
    # and each row has as many keys as its key set
    assert [int((ra == i).sum()) for i in range(len(col_a))] == [len(s) for s in sets_a]


@SETTINGS
@given(rosters, st.lists(st.tuples(name, st.sampled_from(["a", "b"])), max_size=15), name,
       st.sampled_from([None, "a", "b"]))
def test_find_unit_row_agrees_with_a_plain_loop(units, table, query, bloc):
    rubric = make_rubric(units)
    names = [n for n, _ in table]
    blocs = [b for _, b in table]
    want = ref_find_unit_row(names, blocs, rubric, query, bloc)
    if len(want) == 1:
        assert find_unit_row(names, blocs, rubric, query, bloc) == want[0]
    else:
        with pytest.raises(UnknownUnitError) as info:
            find_unit_row(names, blocs, rubric, query, bloc)
        if want:  # several: all of them are the candidates
            assert list(info.value.candidates) == [names[i] for i in want]


@SETTINGS
@given(rosters, rosters, st.lists(name, max_size=12), st.lists(name, max_size=12),
       st.lists(st.sampled_from(["a", "b"]), min_size=12, max_size=12),
       st.lists(st.sampled_from(["a", "b"]), min_size=12, max_size=12), st.booleans())
def test_match_units_agrees_with_a_plain_loop(units_new, units_old, old, new, old_b, new_b, with_blocs):
    rubrics = [make_rubric(units_new), make_rubric(units_old)]
    ob = old_b[: len(old)] if with_blocs else None
    nb = new_b[: len(new)] if with_blocs else None
    want = ref_match_units(old, new, rubrics, ob, nb)
    if want[0] == "error":
        with pytest.raises(AmbiguousMatchError) as info:
            match_units(old, new, rubrics, ob, nb)
        assert len(info.value.problems) == want[1]
    else:
        assert match_units(old, new, rubrics, ob, nb) == want


# ----------------------------------------------------------------------------- examples


def test_an_alias_is_found_without_its_diacritics():
    rubric = rubric_with([("Huyện Phước Sơn", ["Phước Sơn"])])
    names = ["Huyện Phước Sơn", "Huyện Quế Sơn"]
    # "Phuoc Son" is the alias without diacritics: found, though the table has the full name
    assert find_unit_row(names, ["a", "a"], rubric, "Phuoc Son") == 0
    assert find_unit_row(names, ["a", "a"], rubric, "phước sơn") == 0  # the alias itself, exactly
    with pytest.raises(UnknownUnitError):
        find_unit_row(names, ["a", "a"], rubric, "Son")
    # and in a comparison: an old table that wrote the alias without diacritics
    pairs, only_old, only_new, loose = match_units(["Phuoc Son", "Huyện Quế Sơn"], names, [rubric])
    assert pairs == [(0, 0), (1, 1)] and loose == [(0, 0, "diacritics")] and not only_old and not only_new
    assert ascii_key("Phước Sơn") in loose_keys("Huyện Phước Sơn", [rubric])
