"""The rows whose name-key hash another row shares (``scoring.units._shared_hash_rows``,
the first step of the duplicate check): counted by buckets of their top bits before the
sort, they must be exactly the rows a plain count finds, in row order."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ict_adoption.scoring import units


def _plain(hashes: list[int]) -> list[int]:
    seen = Counter(hashes)
    return [i for i, h in enumerate(hashes) if seen[h] > 1]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 20_000), st.integers(0, 2**32), st.integers(0, 50), st.sampled_from([1, 2, 63, 64]))
def test_shared_rows_are_those_of_a_plain_count(n, seed, repeats, spread):
    rng = np.random.default_rng(seed)
    # hashes that share their top bits often (a small spread) and repeat some values
    hashes = rng.integers(0, 2**spread, n, dtype=np.uint64) if spread < 64 else rng.integers(0, 2**63, n, dtype=np.uint64) * np.uint64(2)
    hashes = hashes << np.uint64(64 - spread) if spread < 64 else hashes
    if n and repeats:
        hashes[rng.integers(0, n, repeats)] = hashes[rng.integers(0, n, repeats)]
    got = units._shared_hash_rows(hashes)
    assert got.tolist() == _plain(hashes.tolist())


def test_a_large_column_without_a_shared_hash():
    hashes = np.arange(1, 100_001, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    assert units._shared_hash_rows(hashes).tolist() == []
    hashes[77_777] = hashes[3]
    assert units._shared_hash_rows(hashes).tolist() == [3, 77_777]
