"""The CSV made as UTF-8 bytes (:func:`ict_adoption.views.csv_bytes.csv_byte_chunks`,
what ``ict-adoption rank --format csv -o FILE`` and :func:`ict_adoption.write_ranking`
write) is the encoded :func:`~ict_adoption.views.csv_text.csv_text`, byte for byte:
for any names (Vietnamese, astral, quoted, formula-like), unreported units, notes, every
ranking method, any piece size; and the paths it declines (a NUL, a lone surrogate,
very wide rows) give the same bytes or the same error as the text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.io.writers import write_ranking
from ict_adoption.views import csv_bytes
from ict_adoption.views.csv_bytes import _NameRuns, csv_byte_chunks
from ict_adoption.views.csv_text import _unit_cells, csv_chunks, csv_text

pytestmark = pytest.mark.filterwarnings("ignore:bloc .* has no rows in the input")

RUBRIC = ia.Rubric(
    region="demo", edition="1", title="demo", years=2024, precision=2,
    groups=[ia.Group(id="g1", name="Nhóm 1", max=60), ia.Group(id="g2", name="Nhóm, 2", max=40)],
    blocs=[ia.Bloc(id="s", name="Sở"), ia.Bloc(id="h", name='Huyện "mới"')],
    bands=[ia.Band(label="Tốt", min=80), ia.Band(label="Khá", min=65), ia.Band(label="Yếu, kém")],
    default_provenance={"assumed": "a rubric made up for this test"},
)

NAME_PARTS = ["Đơn vị", "Sở", "ệ", "a", "1", " ", ",", '"', "=", "+", "-", "@", "😀", "中", "e\u0301", "Ư"]
NAME = st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=5).map("".join)


@st.composite
def rankings(draw):
    n = draw(st.integers(1, 40))
    names = draw(st.lists(NAME, min_size=n, max_size=n))
    names = [f"{x} #{i}" for i, x in enumerate(names)]  # (distinct units)
    missing = draw(st.booleans())
    g1 = draw(st.lists(st.one_of(st.integers(0, 60).map(float), st.none() if missing else st.just(7.0)), min_size=n, max_size=n))
    g2 = draw(st.lists(st.integers(0, 4000).map(lambda v: v / 100), min_size=n, max_size=n))
    data = {"unit": names, "bloc": draw(st.lists(st.sampled_from(["s", "h"]), min_size=n, max_size=n)), "g1": g1, "g2": g2}
    if draw(st.booleans()):
        data["note"] = draw(st.lists(st.sampled_from([None, "", "ghi chú", "x, y", '"q"', "=1+1", "😀"]), min_size=n, max_size=n))
    method = draw(st.sampled_from([None, "competition", "dense", "ordinal", "fractional"]))
    return ia.rank(RUBRIC, data, method, missing="exclude" if missing else "error")


@settings(max_examples=150, deadline=None)
@given(rankings(), st.integers(1, 50))
def test_the_bytes_are_the_encoded_csv_text(ranking, per):
    pieces = list(csv_byte_chunks(ranking, rows_per_chunk=per))
    assert b"".join(pieces) == csv_text(ranking).encode("utf-8")
    # the header, then a piece per ``per`` rows, each ending a line
    assert len(pieces) == 1 + -(-len(ranking.rows) // per) and all(p.endswith(b"\n") for p in pieces)
    assert b"".join(pieces) == "".join(csv_chunks(ranking, per)).encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=6),
                min_size=1, max_size=20))
def test_name_runs_are_the_encoded_unit_cells(names):
    arr = np.array(names)
    runs = _NameRuns.of(arr)
    assert runs is not None
    matrix = np.zeros((len(arr), runs.wide), dtype=np.uint8)
    runs.fill(matrix)
    rows = [bytes(r).replace(b"\x00", b"") for r in matrix]  # (NUL pads a code point's bytes too)
    assert rows == [c.encode("utf-8") for c in _unit_cells(arr)]


def test_a_name_with_a_nul_or_a_lone_surrogate_is_left_to_the_text():
    assert _NameRuns.of(np.array(["a\x00b", "c"])) is None
    assert _NameRuns.of(np.array(["a\ud800", "c"])) is None
    assert _NameRuns.of(np.array(["ab", "c"])) is not None


def test_wide_rows_go_the_text_path_with_the_same_bytes(monkeypatch):
    ranking = ia.rank(RUBRIC, {"unit": ["A", "B"], "bloc": ["s", "s"], "g1": [1.0, 2.0], "g2": [3.0, 4.0],
                               "note": ["x" * 300, None]})
    want = csv_text(ranking).encode("utf-8")
    assert b"".join(csv_byte_chunks(ranking)) == want
    monkeypatch.setattr(csv_bytes, "WIDEST_ROW", 10)
    monkeypatch.setattr(csv_bytes, "_text_block", lambda *a, _f=csv_bytes._text_block: calls.append(1) or _f(*a))
    calls: list[int] = []
    assert b"".join(csv_byte_chunks(ranking)) == want
    assert calls == [1]


def test_a_text_with_a_nul_goes_the_text_path():
    rubric = ia.Rubric(
        region="demo", edition="1", title="demo", years=2024, precision=2,
        groups=[ia.Group(id="g1", name="Nhóm 1", max=60)], blocs=[ia.Bloc(id="s", name="Sở")],
        bands=[ia.Band(label="Tốt", min=50), ia.Band(label="Yếu")], default_provenance={"assumed": "test"},
    )
    ranking = ia.rank(rubric, {"unit": ["A", "B"], "bloc": ["s", "s"], "g1": [1.0, 2.0]})
    codes = csv_bytes.csv_codes(ranking)[1]
    assert csv_bytes._byte_tables(codes) is not None
    assert csv_bytes._byte_tables([(["a", "b\x00"], np.zeros(2, dtype=np.intp))]) is None
    assert csv_bytes._encoded(["", ""]).dtype.itemsize == 1


def test_a_piece_size_below_one_is_refused():
    ranking = ia.rank(RUBRIC, {"unit": ["A"], "bloc": ["s"], "g1": [1.0], "g2": [3.0]})
    with pytest.raises(ValueError, match="rows_per_chunk: expected at least 1, got 0"):
        list(csv_byte_chunks(ranking, rows_per_chunk=0))


def test_write_ranking_and_the_command_line_write_the_bytes(tmp_path):
    from ict_adoption.cli.main import main

    ranking = ia.rank(RUBRIC, {"unit": ["Sở A", "=B"], "bloc": ["s", "h"], "g1": [1.0, 2.0], "g2": [3.0, 4.0]})
    write_ranking(ranking, tmp_path / "w.csv")
    assert (tmp_path / "w.csv").read_bytes() == csv_text(ranking).encode("utf-8")
    data = tmp_path / "d.csv"
    data.write_text("unit,bloc,g1,g2\nSở A,s,1,3\n=B,h,2,4\n", encoding="utf-8")
    rubric = tmp_path / "r.toml"
    from ict_adoption.rubric_file import dump_rubric

    dump_rubric(RUBRIC, rubric)
    assert main(["rank", str(rubric), str(data), "--format", "csv", "-o", str(tmp_path / "c.csv")]) == 0
    assert (tmp_path / "c.csv").read_bytes() == (tmp_path / "w.csv").read_bytes()


@pytest.mark.parametrize("top", [0x7F, 0x7FF, 0xFFFF, 0x10FFFF])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_names_below_each_utf8_length_bound(top, data):
    """Each way a block's names are encoded (ASCII as is; below U+0800 two bytes a code
    point; the BMP four; astral computed) gives the encoded unit cells."""
    alphabet = st.characters(max_codepoint=top, blacklist_categories=("Cs",), blacklist_characters="\x00")
    names = data.draw(st.lists(st.text(alphabet=alphabet, max_size=6), min_size=1, max_size=12))
    names.append(chr(top))  # (the block's largest code point picks the table)
    arr = np.array(names)
    runs = _NameRuns.of(arr)
    assert runs is not None
    matrix = np.zeros((len(arr), runs.wide), dtype=np.uint8)
    runs.fill(matrix)
    assert [bytes(r).replace(b"\x00", b"") for r in matrix] == [c.encode("utf-8") for c in _unit_cells(arr)]
    ranking = ia.rank(RUBRIC, {"unit": [f"{x}#{i}" for i, x in enumerate(names)], "bloc": ["s"] * len(names),
                               "g1": [1.0] * len(names), "g2": [2.0] * len(names)})
    assert b"".join(csv_byte_chunks(ranking, 5)) == csv_text(ranking).encode("utf-8")
