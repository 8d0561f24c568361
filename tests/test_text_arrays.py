"""The vectorised text helpers agree with their one-string definitions.

``text_array``, ``key_hashes`` and ``factorize`` work on whole columns in blocks of
rows; these properties compare them, row by row, with ``nfc`` / ``name_key`` and a
plain first-appearance dictionary, on inputs long enough to span several blocks.
"""

from __future__ import annotations

import unicodedata

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ict_adoption import text_arrays
from ict_adoption.text import name_key, nfc
from ict_adoption.text_arrays import factorize, key_hashes, text_array

# Vietnamese letters, some composed and some decomposed, spaces of several kinds
ALPHABET = list("aAbđĐeêơưốỹ &-") + [" ", "  ", "\t", "\u00a0", "\u0301", "o\u0302"]
names = st.lists(st.sampled_from(ALPHABET), max_size=8).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=30), st.integers(1, 400))
def test_text_array_is_nfc_row_by_row(values: list[str], repeat: int) -> None:
    column = np.array(values * repeat)  # long enough for several row blocks
    before = column.copy()
    arr, blank = text_array(column)
    expected = [nfc(v) for v in column.tolist()]
    assert arr.tolist() == expected
    assert blank.tolist() == [e == "" for e in expected]
    assert np.array_equal(column, before)  # the input is never written to


# no character of class 2 (only letters and plain spaces): the blocks take the cheap check
PLAIN = list("aAbđĐeêơưốỹ&-1") + [" ", "  ", "   "]
plain_names = st.lists(st.sampled_from(PLAIN), max_size=8).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(plain_names, min_size=1, max_size=30), st.integers(1, 400))
def test_text_array_spaces_only_is_nfc_row_by_row(values: list[str], repeat: int) -> None:
    column = np.array(values * repeat)
    arr, blank = text_array(column)
    expected = [nfc(v) for v in column.tolist()]
    assert arr.tolist() == expected
    assert blank.tolist() == [e == "" for e in expected]


def test_text_array_without_copy_is_a_read_only_view_when_nothing_changes() -> None:
    column = np.array(["Sở Tài chính", "Quận Hải Châu"])
    arr, _ = text_array(column, copy=False)
    assert np.shares_memory(arr, column) and not arr.flags.writeable
    assert column.flags.writeable
    fixed, _ = text_array(np.array(["Sở  Tài chính"]), copy=False)
    assert fixed.tolist() == ["Sở Tài chính"]


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=40))
def test_equal_name_keys_have_equal_hashes(values: list[str]) -> None:
    arr, _ = text_array(np.array(values * 50))
    hashes = key_hashes(arr)
    if hashes is None:  # a character beyond the vectorised table: the caller uses name_key
        assert max(map(ord, "".join(arr.tolist()))) >= 0x2000
        return
    by_key: dict[str, int] = {}
    for value, h in zip(arr.tolist(), hashes.tolist()):
        assert by_key.setdefault(name_key(value), h) == h


def reference_factorize(values: list[str]) -> tuple[list[str], list[int]]:
    seen: dict[str, int] = {}
    codes = [seen.setdefault(v, len(seen)) for v in values]
    return list(seen), codes


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet="abcđ ", max_size=3), min_size=1, max_size=8),
    st.integers(0, 2**32 - 1),
    st.integers(1, 12_000),
)
def test_factorize_matches_first_appearance(pool: list[str], seed: int, n: int) -> None:
    """Few values over many rows (the fast path), including values first seen late."""
    rng = np.random.default_rng(seed)
    values = [pool[i] for i in rng.integers(0, len(pool), n)]
    late = rng.integers(0, n)
    values[late] = "only here"  # may fall after the first rows the fast path looks at
    uniques, codes = factorize(np.array(values))
    expected_uniques, expected_codes = reference_factorize(values)
    assert uniques.tolist() == expected_uniques
    assert codes.tolist() == expected_codes


def test_factorize_many_distinct_values_and_late_newcomers() -> None:
    head = text_arrays._HEAD_ROWS
    values = [f"k{i % 7}" for i in range(3 * head)] + [f"new{i}" for i in range(head)] + ["k3"]
    uniques, codes = factorize(np.array(values))
    assert (uniques.tolist(), codes.tolist()) == reference_factorize(values)
    distinct = [f"unit {i}" for i in range(2 * head)]
    uniques, codes = factorize(np.array(distinct))
    assert uniques.tolist() == distinct and codes.tolist() == list(range(2 * head))


def test_nfd_and_nfc_spellings_are_one_value_after_text_array() -> None:
    composed = "Sở Tư pháp"
    decomposed = unicodedata.normalize("NFD", composed)
    arr, _ = text_array(np.array([composed, decomposed] * 3000))
    uniques, codes = factorize(arr)
    assert uniques.tolist() == [composed] and not codes.any()


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 600), st.integers(0, 2**32 - 1), st.integers(1, 20_000), st.integers(0, 3000))
def test_distinct_hashes_numbers_equal_hashes_alike(k: int, seed: int, n: int, newcomers: int) -> None:
    """The fast path itself (not rescued by factorize's exact fallback): rows share a
    number exactly when they share a hash, and each number's first row is right."""
    rng = np.random.default_rng(seed)
    h = rng.integers(0, k, n).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    h[rng.integers(0, n, min(newcomers, n))] = rng.integers(10**6, 2 * 10**6, min(newcomers, n)).astype(np.uint64)
    first, code = text_arrays._distinct_hashes(h)
    assert np.array_equal(h[first][code], h)  # same number → same hash
    assert len(np.unique(code)) == len(first) == len(np.unique(h))  # same hash → same number
    expected_first = {int(v): i for i, v in reversed(list(enumerate(h.tolist())))}
    assert [expected_first[int(v)] for v in h[first].tolist()] == first.tolist()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=60, unique=True),
    st.lists(st.integers(0, 2**64 - 1), max_size=40),
    st.integers(0, 2**32 - 1),
    st.integers(0, 3),
)
def test_lookup_finds_each_hash_or_none(values: list[int], others: list[int], seed: int, clash: int) -> None:
    """The direct-address lookup of hashes agrees with a dictionary, also for hashes that
    share most of their bits (slots collide in every window: the binary search then)."""
    if clash:  # values that differ only in a few low bits, or only in the top bits
        values = sorted({(v & ~0xFF) if clash == 1 else (v & (2**56 - 1)) for v in values[:1]} | set(values))
        values += [values[0] ^ (1 << b) for b in range(clash * 3) if values[0] ^ (1 << b) not in values]
    table = np.array(sorted(values), dtype=np.uint64)
    rng = np.random.default_rng(seed)
    pool = sorted(values) + others
    h = np.array([pool[i] for i in rng.integers(0, len(pool), 300)], dtype=np.uint64)
    position = {v: i for i, v in enumerate(sorted(values))}
    got = text_arrays._lookup(table, h)
    assert got.tolist() == [position.get(int(x), -1) for x in h.tolist()]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.text("aAđĐốỐ1", min_size=3, max_size=3), st.text("bBơƠ2", min_size=2, max_size=2)),
             min_size=1, max_size=30),
    st.booleans(),
)
def test_names_of_one_pattern_hash_by_their_keys(parts: list[tuple[str, str]], shift: bool) -> None:
    """Names of one shape (a space at the same place in every row, as in generated
    rosters): positions where every row has a letter or every row a space skip the mask;
    equal keys still hash equal, and names that differ in their keys hash apart."""
    values = [f"{a} {b}" for a, b in parts] + ([f"{a[:1]} {a[1:]}{b}" for a, b in parts] if shift else [])
    arr, _ = text_array(np.array(values * 40))
    hashes = key_hashes(arr)
    assert hashes is not None
    by_key: dict[str, int] = {}
    for value, h in zip(arr.tolist(), hashes.tolist()):
        assert by_key.setdefault(name_key(value), h) == h
    assert len(set(by_key.values())) == len(by_key)  # no collision among these few keys
