"""A numpy text column read at once (:func:`ict_adoption.io.columns.text_cells_of_array`)
looks for invisible characters only in the rows its text pass sent through Python;
the property: it declines a column exactly when some cell holds one, and otherwise
gives what :func:`~ict_adoption.io.cells.to_text` gives cell by cell. And the blank
mask of a numpy text column (:func:`~ict_adoption.io.cells.blank_mask`) is
:func:`~ict_adoption.io.cells.is_blank` of each cell."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ict_adoption.io.cells import blank_mask, is_blank, to_text
from ict_adoption.io.columns import text_cells_of_array

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# plain letters, Vietnamese with precomposed and combining marks, spaces of several
# kinds, the invisible characters, a character beyond the BMP, Arabic and CJK
ALPHABET = "aZ0 Đơnvịsố\u0301\u0323\t\u00a0\u3000" + INVISIBLE + "\U0001f600\u0627\u4e2d-"
cells = st.text(alphabet=ALPHABET, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, min_size=1, max_size=40))
def test_a_text_column_is_declined_exactly_when_a_cell_holds_an_invisible_character(texts):
    values = np.array(texts, dtype=str)
    kept = values.tolist()  # numpy text drops trailing NULs; none is drawn here
    got = text_cells_of_array(values)
    has_invisible = any(ch in INVISIBLE for s in kept for ch in s)
    assert (got is None) == has_invisible
    if got is not None:
        result, (text, blank) = got
        expected = [None if is_blank(s) else to_text(s) for s in kept]
        values_out = result.values.tolist() if isinstance(result.values, np.ndarray) else list(result.values)
        assert values_out == expected
        assert blank.tolist() == [is_blank(s) for s in kept]
        assert not text.flags.writeable


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, max_size=40))
def test_the_blank_mask_of_a_numpy_text_column_is_each_cells_blankness(texts):
    values = np.array(texts, dtype=str) if texts else np.array([], dtype="<U0")
    assert blank_mask(values).tolist() == [is_blank(s) for s in values.tolist()]
    swapped = values.astype(values.dtype.newbyteorder(">")) if texts else values
    assert blank_mask(swapped).tolist() == [is_blank(s) for s in values.tolist()]
