"""The one-pass scan of text columns (text_arrays._scan) against the plain definitions.

Every code point is looked up in a table of *plain* characters; rows without any other
character and with regular spacing skip Python, and every row's name-key hash is made in
the same pass. These tests check the table against every code point, ``text_array``
against :func:`nfc` and ``key_hashes`` against :func:`reference_key_hash` of
:func:`name_key` row by row (combining marks, zero-width characters, Hangul jamo, the
dotted capital I, the capital sigma, characters beyond the BMP, NUL, empty strings), and
the duplicate check and ``factorize`` when every hash collides.
"""

from __future__ import annotations

import unicodedata
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption import text_arrays
from ict_adoption.text import name_key, nfc
from ict_adoption.text_arrays import factorize, key_hashes, reference_key_hash, text_array


def _composition_seconds() -> set[int]:
    """Code points that are the second of a canonical pair some character composes from."""
    seconds = set()
    for c in range(0x110000):
        d = unicodedata.decomposition(chr(c))
        if d and not d.startswith("<"):
            parts = [int(x, 16) for x in d.split()]
            if len(parts) == 2 and unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) == chr(c):
                seconds.add(parts[1])
    return seconds


def test_the_plain_table_holds_only_characters_that_python_would_leave_and_key_alone() -> None:
    table = text_arrays._key_table()
    seconds = _composition_seconds()
    plain = [c for c in range(len(table)) if table[c] not in (0, text_arrays._BAD)]
    assert len(plain) > 500 and table[-1] == text_arrays._BAD  # the clip target of every higher code point
    assert table[0] == table[32] == 0
    for c in plain:
        ch = chr(c)
        low = ch.lower()
        assert len(low) == 1 and int(table[c]) == text_arrays._value(ord(low)) != 0, hex(c)
        assert unicodedata.combining(ch) == 0 and unicodedata.normalize("NFC", ch) == ch, hex(c)
        assert not ch.isspace() and not low.isspace() and c not in seconds, hex(c)
        assert not 0x1100 <= c < 0x1200, hex(c)  # Hangul jamo compose algorithmically
        assert ("a" + ch + "b " + ch).lower() == "a" + low + "b " + low, hex(c)  # no context in lower()
        assert name_key("x " + ch) == "x" + low
    # what a Vietnamese name needs is plain
    assert all(table[ord(ch)] not in (0, text_arrays._BAD) for ch in "ĐđƠơƯưĂăÂâÊêÔôàáảãạằắẳẵặầấẩẫậỳýỷỹỵ&-.,()0123456789")
    assert all(text_arrays._value(c) != int(text_arrays._BAD) for c in range(0x110000))


# Characters of every kind the scan must tell apart: plain letters (Vietnamese composed,
# Greek, Cyrillic), combining marks, spaces of several kinds, zero-width characters, Hangul
# jamo that compose, the dotted capital I (two characters in lower case), the capital sigma
# (its lower case depends on what follows), characters beyond the BMP, NUL, controls
PLAIN = [*"aAbđĐeêơƯưốỹ&-1ΑσЖж", " "]
TRICKY = [
    " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u0301", "\u0302", "\u0323", "\u0345",
    "\u200b", "\u200d", "\ufeff", "\u00ad", "\u1100", "\u1161", "\u11a8", "İ", "Σ", "\u212a",
    "\U0001d400", "\U0001f600", "\x00", "\x01", "\x85", "ﬁ", "Å", "\u0374", "\u0958",
]
plain_text = st.lists(st.sampled_from(PLAIN), max_size=6).map("".join)
names = (
    plain_text
    | st.tuples(plain_text, st.sampled_from(TRICKY), plain_text).map("".join)  # one odd character among plain ones
    | st.lists(st.sampled_from(PLAIN + TRICKY), max_size=10).map("".join)
)


@settings(max_examples=150, deadline=None)
@given(st.lists(names, min_size=1, max_size=25), st.integers(1, 600), st.booleans())
def test_text_array_and_its_key_hashes_are_the_plain_definitions_row_by_row(
    values: list[str], repeat: int, copy: bool
) -> None:
    column = np.array(values * repeat)  # long enough for several row blocks
    before = column.copy()
    arr, blank = text_array(column, copy=copy)
    expected = [nfc(v).rstrip("\x00") for v in column.tolist()]  # numpy text drops a trailing NUL
    assert arr.tolist() == expected
    assert blank.tolist() == [e == "" for e in expected]
    assert np.array_equal(column, before)  # the input is never written to
    if copy:  # a writable result: its hashes are made again (copy=False: remembered from the pass)
        arr.setflags(write=False)
    for hashes in (key_hashes(arr), key_hashes(np.array(arr.tolist() + [""])[:-1])):
        assert hashes is not None
        assert hashes.tolist() == [reference_key_hash(name_key(v)) for v in arr.tolist()]


@settings(max_examples=100, deadline=None)
@given(st.lists(names, min_size=1, max_size=40), st.integers(1, 300))
def test_key_hashes_of_any_text_array_are_the_reference_of_its_name_keys(values: list[str], repeat: int) -> None:
    """Untidy rows too (the hash does not need tidy text: only plain characters)."""
    arr = np.array(values * repeat)
    hashes = key_hashes(arr)
    assert hashes is not None
    assert hashes.tolist() == [reference_key_hash(name_key(v)) for v in arr.tolist()]


def test_a_writable_array_is_hashed_again_not_from_memory() -> None:
    arr, _ = text_array(np.array(["Sở A", "Sở B"] * 5000))
    assert arr.flags.writeable
    arr[0] = "Sở C"
    arr.setflags(write=False)
    assert key_hashes(arr)[0] == reference_key_hash(name_key("Sở C"))
    fixed, _ = text_array(np.array(["Sở  A", "Sở B"] * 5000), copy=False)  # a fixed copy: read-only
    assert not fixed.flags.writeable and fixed[0] == "Sở A"
    assert key_hashes(fixed).tolist() == [reference_key_hash(name_key(x)) for x in fixed.tolist()]


def test_empty_and_zero_width_columns() -> None:
    for column in (np.array([], dtype="<U3"), np.array(["", ""]), np.zeros(3, dtype="<U0")):
        arr, blank = text_array(column)
        assert arr.tolist() == [""] * len(column) and blank.all()
        assert key_hashes(arr).tolist() == [reference_key_hash("")] * len(column)
    arr, blank = text_array(np.array(["\x00a", ""]))
    assert blank.tolist() == [False, True]


PROV = {"assumed": "test rubric"}
RUBRIC = ia.Rubric(
    region="t", edition="1", title="T", years=2020, precision=2,
    groups=[ia.Group(id="g0", name="Nhóm 0", max=100)],
    blocs=[ia.Bloc(id=f"b{i}", name=f"Khối {i}") for i in range(3)],
    bands=[ia.Band(label="Tốt", min=80), ia.Band(label="Yếu")],
    default_provenance=PROV,
)
UNIT_NAMES = ["Sở Tài chính", "sở tài  chính", "SỞ TÀICHÍNH", "Sở Tài chi\u0301nh", "Quận 1", "quận 1", "Quận 2",
              "Ảo", "İzmir", "i\u0307zmir", "ΑΣ", "ας", "𝐀 b", "𝐀B"]


def reference_duplicates(units: list[str], blocs: list[str]) -> list[str]:
    """The duplicate problems by their definition: a set of keys seen, row by row."""
    first: dict[str, int] = {}
    out = []
    for i, (raw, bloc) in enumerate(zip(units, blocs)):
        name = nfc(raw)
        j = first.setdefault(name_key(name), i)
        if j == i:
            continue
        if blocs[j] != bloc:
            out.append(f"row {i + 1}, column 'unit': unit {name!r} appears in two blocs ({blocs[j]} in row {j + 1}, {bloc} here)")
        else:
            out.append(f"row {i + 1}, column 'unit': unit {name!r} appears twice (also row {j + 1})")
    return out


def duplicate_problems(data: dict[str, list[Any]]) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ia.rank(RUBRIC, data)
        except ia.InputError as exc:
            return list(exc.problems)
    return []


# (the readers drop zero-width characters with a note of their own: none here)
INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
unit_names = st.sampled_from(UNIT_NAMES) | names.filter(lambda x: nfc(x) != "" and INVISIBLE.isdisjoint(x) and "\x00" not in x)


# spellings of one name that share its key (or, for the upper case of ß, İ, ﬁ, do not)
VARIANTS = [str, str.upper, str.lower, str.swapcase, lambda x: x.replace(" ", "  "), lambda x: x.replace(" ", ""),
            lambda x: unicodedata.normalize("NFD", x), lambda x: " " + x + "\t"]


@st.composite
def unit_rows(draw: Any) -> list[tuple[str, str]]:
    pool = draw(st.lists(unit_names, min_size=1, max_size=5))
    n = draw(st.integers(1, 30))
    rows = []
    for _ in range(n):
        variant = draw(st.sampled_from(VARIANTS))(draw(st.sampled_from(pool)))
        rows.append((variant if nfc(variant) and "\x00" not in variant else "x", draw(st.sampled_from(["b0", "b1", "b2"]))))
    return rows


@settings(max_examples=80, deadline=None)
@given(unit_rows(), st.booleans())
def test_duplicates_are_the_set_definition_also_when_every_hash_collides(
    rows: list[tuple[str, str]], weak: bool
) -> None:
    units = [u for u, _ in rows]
    blocs = [b for _, b in rows]
    data = {"unit": units, "bloc": blocs, "g0": [50.0] * len(rows)}
    expected = reference_duplicates(units, blocs)
    if not weak:
        assert duplicate_problems(data) == expected
        return
    with pytest.MonkeyPatch.context() as mp:  # a hash that is equal for every row
        mp.setattr(text_arrays, "_hash_columns", lambda x_t, buf, k: np.zeros(k, dtype=np.uint64))
        assert duplicate_problems(data) == expected
        assert duplicate_problems({**data, "unit": np.array(units)}) == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["b1", "B1", "b 1", "b2", "", "bé", "be\u0301"]), min_size=1, max_size=12),
       st.integers(1, 2000))
def test_factorize_when_key_hashes_or_every_hash_collide(pool: list[str], repeat: int) -> None:
    values = (pool * repeat)[: max(len(pool), repeat)]
    seen: dict[str, int] = {}
    codes = [seen.setdefault(v, len(seen)) for v in values]
    arr, _ = text_array(np.array(values), copy=False)  # key hashes remembered: case variants share one
    arr = arr if not arr.flags.writeable else arr.copy()
    arr.setflags(write=False)
    tidy = arr.tolist()
    seen_t: dict[str, int] = {}
    codes_t = [seen_t.setdefault(v, len(seen_t)) for v in tidy]
    got = factorize(arr)
    assert (got[0].tolist(), got[1].tolist()) == (list(seen_t), codes_t)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(text_arrays, "_text_hash_block", lambda u: np.zeros(len(u), dtype=np.uint64))
        mp.setattr(text_arrays, "_remembered", lambda a: np.zeros(len(a), dtype=np.uint64))
        got = factorize(np.array(values))
        assert (got[0].tolist(), got[1].tolist()) == (list(seen), codes)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=25), st.integers(1, 300))
def test_python_rows_hold_every_row_with_a_character_that_is_not_plain(values: list[str], repeat: int) -> None:
    """What a reader may rely on: a row not listed holds only plain characters (so no
    zero-width character and no soft hyphen) and is its own NFC form."""
    column = np.array(values * repeat)
    arr, _ = text_array(column, copy=False)
    rows = text_arrays.python_rows(arr)
    assert rows is not None
    listed = set(rows.tolist())
    table = text_arrays._key_table()
    for i, value in enumerate(column.tolist()):
        odd = any(ord(ch) >= len(table) - 1 or table[ord(ch)] == text_arrays._BAD for ch in value)
        if odd or INVISIBLE.intersection(value) or nfc(value) != value:
            assert i in listed, (i, value)
    assert text_arrays.python_rows(column) is None and text_arrays.python_rows(arr.copy()) is None


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=25), st.integers(1, 50))
def test_blank_rows_are_numpys_empty_or_white_space_rows(values: list[str], repeat: int) -> None:
    column = np.array(values * repeat)
    expected = (np.strings.str_len(column) == 0) | np.strings.isspace(column)
    assert text_arrays.blank_rows(column).tolist() == expected.tolist()
    assert text_arrays.blank_rows(np.zeros(2, dtype="<U0")).tolist() == [True, True]
