"""The CSV byte path (``io.byte_cells``) against the text paths it replaces.

A plain CSV (no quote, no NUL, no lone CR, every data line as wide as the headings) is
cut on its UTF-8 bytes (``split_plain``), its number columns read from the bytes
(``CellBytes.fast_numbers``) and only its text columns decoded. Each piece must give
exactly what the text path gives: ``split_plain`` the cells of ``plain_columns`` (itself
checked against :mod:`csv` in test_csv_fast_split.py) and declining exactly when it
declines; ``fast_numbers`` the values (to the bit: ``-0.0``, NaN) and slow cells of
``columns._fast_numbers``; ``blank_mask`` and ``parse_column`` what they give for the
decoded cells (values, errors, warnings); and ``read_table`` the same table, notes,
problems, errors and warnings as the careful :mod:`csv` path.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.errors import InputError
from ict_adoption.io import byte_cells, csv_reader, read_table
from ict_adoption.io.byte_cells import CellBytes, split_plain, starts_with_space
from ict_adoption.io.cells import blank_mask
from ict_adoption.io.columns import _fast_numbers, parse_column
from ict_adoption.io.csv_reader import plain_columns, text_lines

RUBRIC = ia.load_rubric("tests/data/rubric_minimal.toml")

# cell characters: delimiters, quote, CR, NUL, spaces (ASCII and not), letters, digits, signs
CELL = st.text(alphabet=st.sampled_from(list('ab Đơ1.5\t;,"\r\x00%\u00a0\u2003-')), max_size=5)
NUMBERISH = st.one_of(
    st.text(alphabet=st.sampled_from(list("0123456789.,+-")), max_size=8),
    st.text(alphabet=st.sampled_from(list("0123456789.,+-−% \u00a0aé")), max_size=6),
    st.text(alphabet=st.sampled_from(list("0123456789")), min_size=14, max_size=40),
    st.builds(lambda a, s, b: f"{a}{s}{b}", st.text("0123456789", min_size=1, max_size=20), st.sampled_from(".,"),
              st.text("0123456789", min_size=1, max_size=20)),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["", " ", "1.234", "-1,000", "0.500", "93,5", "85.500", "+.5", "-0", "-.0", "5.", ".", "-",
                     "97%", "có", "x", "1e5", "1 234", "１２"]),
)


def _columns(cells: list[str], width: int = 2) -> list[CellBytes]:
    """One CSV column of ``cells`` (after a unit column), split on its bytes."""
    text = "unit,x\n" + "".join(f"u{i},{c}\n" for i, c in enumerate(cells))
    got = split_plain(text.encode(), 0, ",", 0, width)
    assert got is not None
    return got


def _same_floats(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal to the bit, but for NaN's sign: a blank is NaN either way."""
    nan = np.isnan(a)
    return (
        a.dtype == b.dtype == np.float64 and np.array_equal(nan, np.isnan(b))
        and a[~nan].view(np.int64).tolist() == b[~nan].view(np.int64).tolist()
    )


@given(
    st.integers(2, 4).flatmap(lambda w: st.lists(st.lists(CELL, min_size=w, max_size=w), min_size=1, max_size=8)),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.integers(0, 1),
    st.sampled_from(["", "\ufeff", "sep=;\n", "\ufeffsep=,\r\n"]),
)
def test_split_plain_is_plain_columns(rows, delim, end, trailing, h, head):
    text = end.join(delim.join(r) for r in rows) + (end if trailing else "")
    data = (head + text).encode("utf-8")
    offset = len(head.encode("utf-8"))
    for width in {len(rows[0]), 2, 3}:
        want = plain_columns(text, delim, h, width)
        got = split_plain(data, offset, delim, h, width)
        assert (got is None) == (want is None), (text, width)
        if got is not None:
            assert want is not None
            assert [c.texts() for c in got] == want
            assert [[c[i] for i in range(len(c))] for c in got] == want
            assert [list(c) for c in got] == want


@given(st.lists(st.lists(st.sampled_from(["", "a", "Đ", "1"]), min_size=1, max_size=4), min_size=1, max_size=6),
       st.integers(2, 3), st.booleans())
def test_split_plain_of_rows_of_any_width_is_plain_columns(rows, width, trailing):
    text = "\n".join(",".join(r) for r in rows) + ("\n" if trailing else "")
    want = plain_columns(text, ",", 0, width)
    got = split_plain(text.encode(), 0, ",", 0, width)
    assert (got is None) == (want is None) and (got is None or [c.texts() for c in got] == want), text


def test_split_plain_declines_what_plain_columns_declines():
    assert split_plain(b"unit,x\nA,1,3\nB\n", 0, ",", 0, 2) is None  # as many delimiters, not on each line
    for text in ['unit,x\n"A, B",1\n', "unit,x\nA,1\n\nB,2\n", "unit,x\nA,1,3\n", "unit,x\nA\n",
                 "unit,x\rA,1\r", "unit,x\n", "unit,x\nA,\x001\n", "unit,x\nA,1\n\n"]:
        assert split_plain(text.encode(), 0, ",", 0, 2) is None, text
    assert split_plain(b"unit\nA\n", 0, ",", 0, 1) is None
    assert split_plain("unit|x\nĐ|1\n".encode(), 0, "|", 0, 2) is not None
    assert split_plain("unitéx\nAé1\n".encode(), 0, "é", 0, 2) is None  # a non-ASCII delimiter: the csv path


def test_the_last_cell_ends_at_the_end_of_the_bytes():
    cols = split_plain("unit,x\nĐơn vị,1.5\nB,".encode(), 0, ",", 0, 2)
    assert cols is not None and [c.texts() for c in cols] == [["Đơn vị", "B"], ["1.5", ""]]
    values, slow = cols[1].fast_numbers(_fast_numbers)
    assert values.tolist()[0] == 1.5 and np.isnan(values[1]) and not slow.any()
    assert cols[0].take(np.array([1])).texts() == ["B"] and cols[1][1] == ""


@settings(max_examples=300)
@given(st.lists(NUMBERISH, min_size=1, max_size=40))
def test_fast_numbers_from_bytes_are_those_of_the_text(cells):
    text_cells = [c.replace(";", "") for c in cells]
    col = split_plain(("unit;x\n" + "".join(f"u;{c}\n" for c in text_cells)).encode(), 0, ";", 0, 2)
    assert col is not None
    want = _fast_numbers(text_cells)
    assert want is not None
    values, slow = col[1].fast_numbers(_fast_numbers)
    assert slow.tolist() == want[1].tolist()
    assert _same_floats(values, want[0]), (text_cells, values, want[0])


@given(st.lists(st.text(alphabet=st.sampled_from(list(" \t\x0b\x0c\x1c\x1f\u0085\u00a0\u1680\u2003\u2028\u3000a1Đ\u00c2"
                                                     "\u2000\u200a\u200b\u2029\u202f\u205f\u1681\u00a1\u3001Ấ")),
                        max_size=3), min_size=1, max_size=20))
def test_blank_mask_of_bytes_is_that_of_the_text(cells):
    (col,) = split_plain(("x,y\n" + "".join(f"{c},1\n" for c in cells)).encode(), 0, ",", 0, 2)[:1]
    assert col.blank_mask().tolist() == blank_mask(cells).tolist()


def test_starts_with_space_is_isspace_for_every_character():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    rows = np.array([list((ch.encode("utf-8") + b"xx")[:3]) for ch in chars], dtype=np.uint8)
    got = starts_with_space(rows)
    assert [ch for ch, g in zip(chars, got.tolist()) if g != ch.isspace()] == []


def _result(r):
    values = r.values.tolist() if isinstance(r.values, np.ndarray) else list(r.values)
    shown = [("nan" if v != v else (v, np.signbit(v))) if isinstance(v, float) else v for v in values]
    return type(r.values), shown, r.errors, r.warnings, r.why


@settings(max_examples=200)
@given(st.lists(NUMBERISH, min_size=1, max_size=30),
       st.sampled_from(["auto", "points", "number", "count", "share", "percent", "yes_no"]))
def test_parse_column_of_bytes_is_that_of_the_text(cells, kind):
    cells = [c.replace(";", "") for c in cells]
    col = split_plain(("unit;x\n" + "".join(f"u;{c}\n" for c in cells)).encode(), 0, ";", 0, 2)
    assert col is not None
    assert _result(parse_column(col[1], kind)) == _result(parse_column(list(cells), kind))


@given(st.text(alphabet=st.sampled_from(list("ab\r\n,\"")), max_size=20))
def test_text_lines_are_the_lines_of_stringio(text):
    assert list(text_lines(text)) == io.StringIO(text, newline="").readlines()


CELLS = st.one_of(NUMBERISH, st.sampled_from(["", "có", "12%", "1.234.567", "6.477,5"]))


def _read(path, rubric):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            t = read_table(path, rubric=rubric, errors="collect")
        except InputError as exc:
            return ("error", str(exc)), [str(w.message) for w in caught]
    cols = {k: [("nan" if isinstance(v, float) and v != v else v) for v in c.tolist()] for k, c in t.columns.items()}
    return (cols, tuple(t.rows), t.notes, t.cell_problems, [p.en for p in t.problems],
            {k: dict(v) for k, v in t.typed.items()}), [str(w.message) for w in caught]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.text(alphabet="ABĐơ ", min_size=1, max_size=4), st.sampled_from(["so", "huyen", ""]),
                       CELLS, CELLS, CELLS), min_size=1, max_size=12),
    st.booleans(),
    st.sampled_from(["", "Bảng điểm;;;;\n", "sep=;\n", "\ufeff", "\ufeffsep=;\n"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_read_table_is_the_same_as_on_the_csv_path(tmp_path_factory, rows, with_rubric, title, end):
    rubric = RUBRIC if with_rubric else None
    lines = ["unit;bloc;pcs;meet;app"] + [";".join(c.replace(";", "").replace('"', "") for c in r) for r in rows]
    path = tmp_path_factory.mktemp("bytes") / "t.csv"
    path.write_bytes((title + end.join(lines) + end).encode("utf-8"))
    fast = _read(path, rubric)
    saved = csv_reader.split_plain
    csv_reader.split_plain = lambda *a: None  # the careful path: csv.reader, every message
    try:
        careful = _read(path, rubric)
    finally:
        csv_reader.split_plain = saved
    assert fast == careful


def test_a_million_cells_are_not_a_million_strings():
    """The number columns of a plain CSV are never made Python strings (memory)."""
    cells = [f"{i % 2500 / 100:.2f}" for i in range(1000)]
    (_, col) = _columns(cells)
    values, slow = col.fast_numbers(lambda texts: pytest.fail("no cell needs the text rules"))
    assert not slow.any() and values.tolist() == [float(c) for c in cells]
    assert col._texts is None
    assert byte_cells._decode(col.buf, col.lo[:0], col.hi[:0]) == ""


# text cells: mostly tidy ones (so that one untidy cell decides), and any
TIDY = st.text(alphabet=st.sampled_from(list("aĐ e\u1ec7.")), max_size=4)
TEXT = st.one_of(
    TIDY, TIDY, TIDY, TIDY, TIDY, TIDY,
    st.sampled_from(["a  b", " a", "a ", " ", "e\u0301", "\u00a0", "a\tb", "\u200bx", "\x01", "Đ\u0323"]),
    st.text(alphabet=st.sampled_from(list("aĐ  \u00a0\t\x01\u200b\u00ad\u0301\u0323e\u1ec7\u200e\ufeff.")), max_size=4),
)


@settings(max_examples=200)
@given(st.lists(TEXT, min_size=1, max_size=12), st.integers(1, 4))
def test_text_cells_of_bytes_are_those_of_the_text(cells, block):
    """A CSV's text column decoded block by block (blocks of ``block`` cells here) gives the
    cells, and says tidy exactly when the joined column is tidy with nothing to strip."""
    from ict_adoption.io import columns

    cells = [c.replace(",", "") for c in cells]
    col = split_plain(("unit,x\n" + "".join(f"{c},1\n" for c in cells)).encode(), 0, ",", 0, 2)[0]
    saved, byte_cells._BLOCK = byte_cells._BLOCK, block
    try:
        got, tidy = columns.text_cells(col)
    finally:
        byte_cells._BLOCK = saved
    assert got == cells
    assert tidy == (columns._tidy("\n".join(cells), cells) and columns.strip_invisible(list(cells)) == [])
    assert parse_column(got, "text", tidy=tidy).values == parse_column(list(cells), "text").values


def test_a_tidy_column_has_no_zero_width_character():
    """text_cells needs no search for them: they are format characters, never printable."""
    from ict_adoption.io import columns

    assert not any(c.isprintable() for c in columns._INVISIBLE_CHARS)
