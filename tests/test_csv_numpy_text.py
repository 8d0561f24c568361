"""A plain CSV's text columns made numpy text straight from the bytes
(``CellBytes.numpy_text``), and the table ``read_table`` builds from them.

``numpy_text`` must give exactly ``np.array(texts())`` (the same cells, the same
width), for any cells and any block size; and a CSV read through it must give the same
table, notes and problems — and the same unit and bloc columns for scoring
(``Table.text_column``) — as the careful :mod:`csv` path, whatever the names hold:
Vietnamese letters composed or not, astral characters, spaces to tidy, zero-width
characters (read the careful way, with their note), control characters.
"""

from __future__ import annotations

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.errors import InputError
from ict_adoption.io import byte_cells, csv_reader, read_table
from ict_adoption.io.byte_cells import split_plain
from ict_adoption.text_arrays import text_array

RUBRIC = ia.load_rubric("tests/data/rubric_minimal.toml")

NAME_CHARS = list("aAĐđơệ Ư1-.&") + ["e\u0301", "\u00a0", "\t", "\u200b", "\u00ad", "\x01", "\U0001f600", "\u4e2d", "한", "\u1100\u1161"]
NAME = st.lists(st.sampled_from(NAME_CHARS), max_size=6).map("".join)
TIDY_NAME = st.text(alphabet=st.sampled_from(list("aĐơệ1")), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(NAME, TIDY_NAME, st.just("")), min_size=1, max_size=14), st.integers(1, 5))
def test_numpy_text_is_the_array_of_the_texts(cells, block):
    cells = [c.replace(",", "").replace("\n", "").replace("\r", "").replace('"', "") for c in cells]
    col = split_plain(("unit,x\n" + "".join(f"{c},1\n" for c in cells)).encode(), 0, ",", 0, 2)
    if col is None:  # (a line made blank-only still splits; nothing else declines here)
        return
    saved, byte_cells._BLOCK = byte_cells._BLOCK, block
    try:
        got = col[0].numpy_text()
    finally:
        byte_cells._BLOCK = saved
    want = np.array(col[0].texts())
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tolist() == want.tolist() == cells


def test_numpy_text_of_a_column_of_empty_cells():
    col = split_plain(b"unit,x\n,1\n,2\n", 0, ",", 0, 2)[0]
    got = col.numpy_text()
    assert got.tolist() == ["", ""] and got.dtype == np.array(["", ""]).dtype


def _read(path, rubric):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            t = read_table(path, rubric=rubric, errors="collect")
        except InputError as exc:
            return ("error", str(exc)), [str(w.message) for w in caught]
    cols = {k: [("nan" if isinstance(v, float) and v != v else v) for v in list(c)] for k, c in t.columns.items()}
    texts = {}
    for name in ("unit", "bloc"):
        if name in t.columns:
            arr, blank = t.text_column(name)
            texts[name] = (arr.tolist(), blank.tolist())
    return (cols, texts, tuple(t.rows), t.notes, t.cell_problems, [p.en for p in t.problems]), [str(w.message) for w in caught]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(NAME, TIDY_NAME), st.sampled_from(["so", "huyen", "", " so", "Sở"]),
                       st.sampled_from(["1", "0,5", "", "2.25"])), min_size=1, max_size=12),
    st.booleans(),
)
def test_read_table_with_numpy_text_is_the_csv_path(tmp_path_factory, rows, with_rubric):
    lines = ["unit,bloc,pcs"] + [",".join(c.replace(",", "").replace('"', "").replace("\r", "") for c in r) for r in rows]
    path = tmp_path_factory.mktemp("numpy_text") / "t.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    rubric = RUBRIC if with_rubric else None
    fast = _read(path, rubric)
    saved = csv_reader.split_plain
    csv_reader.split_plain = lambda *a: None  # the careful path: csv.reader, every message
    try:
        careful = _read(path, rubric)
    finally:
        csv_reader.split_plain = saved
    assert fast == careful


def test_a_plain_csv_keeps_its_names_as_numpy_text(tmp_path):
    """The unit column a scorer reads is the reader's numpy text (no list of names made
    and converted again), and it is what text_array makes of the names."""
    names = [f"Đơn vị {i}" for i in range(50)] + ["Sở  Tư pháp ", "Ủy ban e\u0301"]
    path = tmp_path / "t.csv"
    path.write_text("unit,bloc,pcs\n" + "".join(f"{n},so,1\n" for n in names), encoding="utf-8")
    t = read_table(path, rubric=RUBRIC, errors="collect")
    assert "unit" in t.text_arrays
    arr, blank = t.text_column("unit")
    ref, ref_blank = text_array(names)
    assert arr.tolist() == ref.tolist() and blank.tolist() == ref_blank.tolist()
    assert arr.tolist()[-2:] == ["Sở Tư pháp", "Ủy ban é"]


def test_a_zero_width_character_in_a_name_is_removed_with_its_note(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("unit,bloc,pcs\nSở\u200b A,so,1\nSở B,so,2\n", encoding="utf-8")
    t = read_table(path, rubric=RUBRIC, errors="collect")
    assert list(t.columns["unit"])[:2] == ["Sở A", "Sở B"]
    assert any("invisible characters" in n for n in t.notes)
