"""The quote-free CSV fast path (``csv_reader.plain_columns``) against :mod:`csv` itself.

``plain_columns`` cuts a CSV text into columns with ``str.split`` when no cell can hold
a delimiter or a line break (no quote, no NUL, no lone CR) and every data line is as
wide as the headings. Whenever it answers, its columns must be exactly the columns of
the records :func:`csv.reader` reads below the heading row; whenever the text has a
quote, a lone CR, a blank line or a row of another width it must decline (None), so
the careful path gives its messages. ``read_table`` must give the same table either way.
"""

from __future__ import annotations

import csv
import io

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ict_adoption.io import read_table
from ict_adoption.io.csv_reader import plain_columns

# cell characters: the three delimiters, spaces, quote, CR, Vietnamese letters, digits
CELL = st.text(alphabet=st.sampled_from(list('ab Đơ1.5\t;,"\r\x00%')), max_size=5)


def _csv_columns(text: str, delim: str, h: int) -> list[list[str]]:
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    return [list(c) for c in zip(*records[h + 1 :])]


@given(
    st.integers(2, 4).flatmap(lambda w: st.lists(st.lists(CELL, min_size=w, max_size=w), min_size=2, max_size=8)),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.integers(0, 1),
)
def test_plain_columns_are_what_csv_reads(rows, delim, end, trailing, h):
    text = end.join(delim.join(r) for r in rows) + (end if trailing else "")
    width = len(next(csv.reader(io.StringIO(text, newline=""), delimiter=delim)))
    got = plain_columns(text, delim, h, width)
    if got is None:
        return
    assert '"' not in text and "\x00" not in text
    assert got == _csv_columns(text, delim, h)


@given(
    st.lists(st.lists(st.text(alphabet="ab Đ1.5", max_size=4), min_size=3, max_size=3), min_size=2, max_size=6),
    st.sampled_from(["\n", "\r\n"]),
)
def test_plain_columns_answer_for_a_plain_table(rows, end):
    text = end.join(",".join(r) for r in rows) + end
    assert plain_columns(text, ",", 0, 3) == _csv_columns(text, ",", 0)


def test_plain_columns_decline_what_only_csv_reads_right():
    assert plain_columns('unit,x\n"A, B",1\n', ",", 0, 2) is None  # a quoted delimiter
    assert plain_columns("unit,x\nA,1\n\nB,2\n", ",", 0, 2) is None  # a blank line
    assert plain_columns("unit,x\nA,1,3\n", ",", 0, 2) is None  # a row wider than the headings
    assert plain_columns("unit,x\nA\n", ",", 0, 2) is None  # narrower
    assert plain_columns("unit,x\rA,1\r", ",", 0, 2) is None  # lone CR line ends
    assert plain_columns("unit,x\n", ",", 0, 2) is None  # no data row
    assert plain_columns("unit\nA\n", ",", 0, 1) is None  # one column: a blank line would read []


def test_read_table_is_the_same_on_both_paths(tmp_path):
    rows = ["title;;", "unit;bloc;x", "Đơn vị A;b1;1,5", "B;b1;2", "C;b2;"]
    plain = tmp_path / "plain.csv"
    plain.write_text("\n".join(rows) + "\n", encoding="utf-8")
    quoted = tmp_path / "quoted.csv"  # a quote somewhere sends it down the csv path
    quoted.write_text("\n".join(rows[:-1] + ['"C";b2;']) + "\n", encoding="utf-8")
    a, b = read_table(plain), read_table(quoted)
    assert a.rows == b.rows and [n.replace("plain.csv", "quoted.csv") for n in a.notes] == list(b.notes)
    assert list(a.columns) == list(b.columns)
    for name in a.columns:
        x, y = a.columns[name], b.columns[name]
        if x.dtype.kind == "f":
            assert np.array_equal(x, y, equal_nan=True)
        else:
            assert x.tolist() == y.tolist()
