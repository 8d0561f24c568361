"""A CSV written a piece at a time (:func:`ict_adoption.views.csv_text.csv_chunks`, what
``ict-adoption rank --format csv`` and :func:`ict_adoption.write_ranking` write) is the
one text :func:`~ict_adoption.views.csv_text.csv_text` makes, byte for byte, whatever
the size of the pieces; and :func:`~ict_adoption.io.files.atomic_write` writes pieces
as it writes one text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.io.files import atomic_write
from ict_adoption.io.writers import render, write_ranking
from ict_adoption.views.csv_text import csv_chunks, csv_text

pytestmark = pytest.mark.filterwarnings("ignore:bloc .* has no rows in the input")

RUBRIC = ia.Rubric(
    region="demo", edition="1", title="demo", years=2024, precision=2,
    groups=[ia.Group(id="g1", name="Nhóm 1", max=60), ia.Group(id="g2", name="Nhóm, 2", max=40)],
    blocs=[ia.Bloc(id="s", name="Sở"), ia.Bloc(id="h", name="Huyện")],
    bands=[ia.Band(label="Tốt", min=80), ia.Band(label="Khá", min=65), ia.Band(label="Yếu")],
    default_provenance={"assumed": "a rubric made up for this test"},
)


def _ranking(n: int, seed: int) -> ia.Ranking:
    rng = np.random.default_rng(seed)
    names = [f'Đơn vị "{i}"' if i % 7 == 3 else f"=Đơn vị {i}" if i % 11 == 5 else f"Đơn vị {i}" for i in range(n)]
    return ia.rank(RUBRIC, {
        "unit": names,
        "bloc": rng.choice(["s", "h"], n).tolist(),
        "g1": (rng.integers(0, 61, n) * 1.0).tolist(),
        "g2": (rng.integers(0, 4001, n) / 100).tolist(),
    })


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 60), per=st.integers(1, 70), seed=st.integers(0, 2**16))
def test_the_pieces_joined_are_the_csv_text(n, per, seed):
    ranking = _ranking(n, seed)
    pieces = list(csv_chunks(ranking, rows_per_chunk=per))
    assert "".join(pieces) == csv_text(ranking) == render(ranking, "csv")
    assert len(pieces) == max(1, -(-n // per))
    assert all(p.endswith("\n") for p in pieces)


def test_a_piece_size_below_one_is_refused():
    with pytest.raises(ValueError, match="rows_per_chunk: expected at least 1, got 0"):
        list(csv_chunks(_ranking(3, 0), rows_per_chunk=0))


def test_pieces_are_written_as_the_one_text_and_write_ranking_writes_them(tmp_path):
    ranking = _ranking(25, 1)
    whole, pieces, written = tmp_path / "whole.csv", tmp_path / "pieces.csv", tmp_path / "written.csv"
    atomic_write(whole, csv_text(ranking))
    atomic_write(pieces, csv_chunks(ranking, rows_per_chunk=4))
    write_ranking(ranking, written)
    assert pieces.read_bytes() == whole.read_bytes() == written.read_bytes()


def test_a_failing_piece_leaves_no_file_behind(tmp_path):
    target = tmp_path / "out.csv"

    def pieces():
        yield "unit,total\n"
        raise RuntimeError("broken piece")

    with pytest.raises(RuntimeError, match="broken piece"):
        atomic_write(target, pieces())
    assert list(tmp_path.iterdir()) == []
