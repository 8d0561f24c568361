"""The whole-column reading paths against the plain cell-by-cell rules they replace.

Blank detection (``grid.blank_mask``), invisible-character stripping
(``columns.strip_invisible``), the tidy-text check (``columns._texts``) and the
plain-number fast path (``columns._fast_numbers``) each decide a whole column at
once; each must give, for any column, exactly what the per-cell reference gives:
the same values, the same errors and warnings, the same rows.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ict_adoption.io import columns, grid
from ict_adoption.io.cells import is_blank, parse_cell, to_text
from ict_adoption.table import RowLabels, Table

# every kind of character the fast paths must tell apart: spaces of all sorts, line
# breaks, invisible ones, Vietnamese letters (precomposed and combining), digits, signs
CHARS = list(" \t\n\r\x0b\x1f\x85\xa0\u1680\u2009\u202f\u3000\u200b\u200d\u2060\ufeff\u00ad")
CHARS += list("aAĐđơƯệẫ\u0301\u0323–“x%") + list("0123456789.,+-\u2212")
texts = st.text(alphabet=st.sampled_from(CHARS), max_size=12)
#: cells whose reading depends on the column's other cells (one separator, three digits)
TRICKY = ["1.234", "93,5", "1,000", "6.477,5", "1.234.567", "-2", "+.5", "007", " 12 ", "", "1.", ".", "+",
          "12%", "85.500", "0.5", "-1,250", "10.000", "9.394", "2,5", "0.500", "0.123", "-0.250"]
numberish = st.one_of(
    st.sampled_from(TRICKY),
    texts,
    st.from_regex(r"\A[ \t]*[+-]?\d{0,4}([.,]\d{0,4})?[ \t]*%?\Z"),
    st.from_regex(r"\A[1-9]\d{0,2}[.,]\d{3}\Z"),
    st.from_regex(r"\A\d{1,3}([.,]\d{3}){1,3}([.,]\d{1,2})?\Z"),
)
plain_cells = st.one_of(
    texts,
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.builds(np.float64, st.floats(allow_nan=True)),
)


def reference_blank(col: Any) -> list[bool]:
    return [is_blank(v) for v in col]


@given(st.lists(texts.filter(lambda t: not t.endswith("\x00")), max_size=30))
def test_blank_mask_of_numpy_text_matches_each_cell(cells):
    arr = np.array(cells, dtype=str) if cells else np.array([], dtype="<U1")
    assert grid.blank_mask(arr).tolist() == reference_blank(arr)


@given(st.lists(texts, max_size=30))
def test_blank_mask_of_text_lists_matches_each_cell(cells):
    assert grid.blank_mask(cells).tolist() == reference_blank(cells)
    obj = np.array(cells, dtype=object)
    assert grid.blank_mask(obj).tolist() == reference_blank(obj)


@given(st.lists(plain_cells, max_size=30))
def test_blank_mask_of_mixed_cells_matches_each_cell(cells):
    assert grid.blank_mask(cells).tolist() == reference_blank(cells)
    assert grid.blank_mask(np.array(cells + [None], dtype=object)).tolist() == reference_blank(cells + [None])


def test_blank_mask_of_other_objects_goes_cell_by_cell():
    pd = pytest.importorskip("pandas")
    import datetime

    cells = [pd.NA, pd.NaT, datetime.date(2024, 5, 9), "", " x ", None, b"", 3.0]
    assert grid.blank_mask(cells).tolist() == [True, True, False, True, False, True, False, False]
    assert grid.blank_mask(np.array([1.5, np.nan])).tolist() == [False, True]
    assert grid.blank_mask(np.array([1, 2])).tolist() == [False, False]


@given(st.lists(st.one_of(texts, st.none(), st.floats(allow_nan=False)), max_size=30))
def test_strip_invisible_matches_each_cell(cells):
    fast, slow = list(cells), list(cells)
    assert columns.strip_invisible(fast) == columns._strip_invisible_cells(slow)
    assert fast == slow or all(
        (a == b) or (isinstance(a, float) and math.isnan(a) and math.isnan(b)) for a, b in zip(fast, slow)
    )


def test_strip_invisible_finds_the_changed_rows():
    cells = ["Sở A", "Sở\u200b B", None, "\ufeff", "C"]
    assert columns.strip_invisible(cells) == [1, 3]
    assert cells == ["Sở A", "Sở B", None, None, "C"]


@given(st.lists(texts, min_size=1, max_size=30))
def test_tidy_text_columns_read_as_each_cell(cells):
    assert columns._texts(cells) == [to_text(v) for v in cells]
    assert columns._texts(np.array(cells, dtype=object)) == [to_text(v) for v in cells]


@given(st.lists(texts.filter(lambda t: not t.endswith("\x00")), min_size=1, max_size=30))
def test_numpy_text_columns_read_as_each_cell(cells):
    arr = np.array(cells, dtype=str)
    got = columns.text_cells_of_array(arr)
    if any(c in "".join(cells) for c in columns._INVISIBLE_CHARS):
        assert got is None  # stripped cell by cell, with the note
        return
    assert got is not None
    result, (text, blank) = got
    values = result.values.tolist() if isinstance(result.values, np.ndarray) else result.values
    assert isinstance(result.values, np.ndarray) == (not blank.any())  # numpy text kept where no cell is blank
    assert not result.errors and not result.warnings
    assert values == [to_text(v) for v in arr.tolist()]
    assert text.tolist() == [v or "" for v in values] and blank.tolist() == [v is None for v in values]
    assert not text.flags.writeable
    again = columns.text_cells_of_array(np.array(cells, dtype=object))  # a DataFrame's column
    assert again is not None and list(again[0].values) == values


def test_text_ending_in_nul_is_not_cut_by_numpy_text():
    assert columns.text_cells_of_array(np.array(["a\x00", "b"], dtype=object)) is None


def test_tidy_check_rejects_each_kind_of_untidy_cell():
    for bad in (" a", "a ", "a  b", "a\tb", "a\xa0b", "a\u3000b", "e\u0301", "\u2009"):
        cells = ["Sở A", bad, "Sở C"]
        assert not columns._tidy("\n".join(cells), cells), bad
    cells = ["Sở Tài nguyên và Môi trường", "Thành phố Tam Kỳ", ""]
    assert columns._tidy("\n".join(cells), cells)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and np.array_equal(a, b, equal_nan=True)
    return len(a) == len(b) and all(
        (x == y) or (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
        for x, y in zip(a, b)
    )


@given(
    kind=st.sampled_from(["points", "number", "count", "share", "percent", "auto", "yes_no"]),
    cells=st.lists(
        st.one_of(
            numberish, st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**20), 10**20)
        ),
        max_size=25,
    ),
)
def test_number_fast_path_matches_the_careful_rules(kind, cells):
    fast = columns.parse_column(cells, kind)
    real, real_plain = columns._fast_numbers, columns._plain_numbers
    try:  # every cell by the careful per-cell rules
        columns._fast_numbers = lambda texts: None
        columns._plain_numbers = lambda seq, types: None
        slow = columns.parse_column(cells, kind)
    finally:
        columns._fast_numbers, columns._plain_numbers = real, real_plain
    assert _same(fast.values, slow.values)
    assert sorted(fast.errors) == sorted(slow.errors)
    assert sorted(fast.warnings) == sorted(slow.warnings)
    assert fast.why == slow.why or not fast.warnings


def test_row_labels_are_the_labels_made_one_by_one():
    labels = RowLabels(4, first=3, prefix="sheet 'S', ")
    made = [f"sheet 'S', row {k}" for k in range(3, 7)]
    assert list(labels) == made and labels[1] == made[1] and labels[-1] == made[-1] and labels[1:3] == made[1:3]
    assert labels == tuple(made) and labels == made and labels != made[:3]
    with pytest.raises(IndexError):
        labels[4]
    t = Table({"unit": ["a", "b"]}, rows=RowLabels(2))
    assert t.rows == ("row 1", "row 2") and t.row_label(1) == "row 2" and t.take([1]).rows == ("row 2",)


def test_in_memory_rows_keep_their_labels_after_padding_is_dropped():
    from ict_adoption.io import read_table

    t = read_table({"unit": np.array(["A", "", "B", ""]), "total": np.array([1.0, np.nan, 2.0, np.nan])})
    assert t.rows == ("row 1", "row 3")
    t = read_table({"unit": np.array(["A", "B"]), "total": np.array([1.0, 2.0])})
    assert t.rows == ("row 1", "row 2")


def test_a_dot_after_a_leading_zero_is_a_decimal_point_on_both_paths():
    # "0.500" cannot group thousands: beside a decimal comma, in a count or alone it is a
    # half, whether the column's fast path or the per-cell rule reads it
    assert parse_cell("0.500", "points", decimal_comma_column=True) == 0.5
    assert parse_cell("0.123", "count") == 0.123
    assert parse_cell("85.500", "points", decimal_comma_column=True) == 85500
    column = columns.parse_column(np.array(["93,5", "0.500", "85,25"]), "points")
    assert column.values.tolist() == [93.5, 0.5, 85.25] and not column.warnings
