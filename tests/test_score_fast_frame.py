"""A DataFrame's (and an object array's) text columns are read as numpy text at once
(io/memory_reader.py); the result and every message must be those of the same cells
given as plain Python lists, which take the careful per-cell path.

Generated tables mix Vietnamese names (composed and decomposed), stray spaces, case
variants of one name (duplicates), blanks (None, NaN, ""), numbers in text columns,
NUL characters and numbers written as text ("9,5"), over blocs of which some are empty.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.io.memory_reader import _as_text_array

PROV = {"assumed": "test rubric"}
RUBRIC = ia.Rubric(
    region="t", edition="1", title="T", years=2020, precision=2,
    groups=[ia.Group(id="g0", name="Nhóm 0", max=100)],
    blocs=[ia.Bloc(id=f"b{i}", name=f"Khối {i}") for i in range(4)],
    bands=[ia.Band(label="Tốt", min=80), ia.Band(label="Yếu")],
    default_provenance=PROV,
)

NAMES = ["Sở Tài chính", "sở tài  chính", "Sở Tài chi\u0301nh", " Quận Hải Châu", "Đơn vị 1", "đơn vị 1", "UBND xã A"]
good_name = st.sampled_from(NAMES) | st.integers(0, 50).map(lambda i: f"Đơn vị số {i:03d}")
bad_cell = st.sampled_from([None, math.nan, "", "  ", 7, "a\x00", "\x00"])
bloc_cell = st.sampled_from(["b0", "b1", "B1", "b3", " b0 ", "b9"]) | bad_cell
total_cell = (
    st.integers(0, 10000).map(lambda k: k / 100)
    | st.sampled_from(["9,5", "93.94", "abc", "", None, math.nan, "1.000,5", 150.0, -1.0, 12.345])
)


@st.composite
def tables(draw: Any) -> dict[str, list[Any]]:
    n = draw(st.integers(1, 25))
    dirty = draw(st.booleans())
    name = (good_name | bad_cell) if dirty else good_name
    return {
        "unit": draw(st.lists(name, min_size=n, max_size=n)),
        "bloc": draw(st.lists(bloc_cell if dirty else st.sampled_from(["b0", "b1", "b3"]), min_size=n, max_size=n)),
        "g0": draw(st.lists(total_cell if dirty else st.integers(0, 10000).map(lambda k: k / 100), min_size=n, max_size=n)),
    }


def outcome(data: Any) -> Any:
    """What ia.rank gives: the records and notes, or the error's text and problems."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ranking = ia.rank(RUBRIC, data, missing="exclude")
        except ia.InputError as exc:
            return ("error", type(exc).__name__, str(exc))
    return (
        "ranked",
        ranking.to_records(),
        np.asarray(ranking.ranks).tolist(),
        np.asarray(ranking.tied).tolist(),
        list(ranking.scored.table.notes),
    )


def _object(values: list[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_frame_and_object_arrays_read_as_the_lists_do(data: dict[str, list[Any]]) -> None:
    expected = outcome(data)
    as_objects = {k: _object(v) for k, v in data.items()}
    assert outcome(as_objects) == expected
    frame = pd.DataFrame({k: _object(v) for k, v in data.items()})
    # a DataFrame's messages name it ("DataFrame, row 2, …"); the rest is the same
    assert _unnamed(outcome(frame)) == expected


def _unnamed(result: Any) -> Any:
    if result[0] == "error":
        # an empty table is named by its origin, and unnamed data (lists) as "input"
        text = result[2].replace("DataFrame: no units to score", "input: no units to score")
        return (*result[:2], text.replace("DataFrame, ", "").replace("DataFrame: ", ""))
    return (*result[:4], [n.replace("DataFrame: ", "").replace("DataFrame, ", "") for n in result[4]])


@settings(max_examples=60, deadline=None)
@given(st.lists(good_name | st.sampled_from(["a\x00", "x", "1,5"]), min_size=1, max_size=20))
def test_text_cells_become_numpy_text_only_when_that_keeps_them(values: list[str]) -> None:
    arr = _as_text_array(_object(values))
    if any("\x00" in v for v in values):  # numpy text would drop a trailing NUL: left as objects
        assert arr.dtype == object
    else:
        assert arr.dtype.kind == "U" and arr.tolist() == values


def test_a_non_text_cell_keeps_the_object_column() -> None:
    for odd in (None, math.nan, 3, b"x"):
        arr = _object(["Sở A", odd])
        assert _as_text_array(arr) is arr


def test_numbers_given_as_numpy_text_are_named_as_typed() -> None:
    """A number column given as numpy text: the message quotes the cell as typed, not
    as numpy's repr (np.str_('abc'))."""
    data = {"unit": np.array(["a", "b"]), "bloc": np.array(["b0", "b1"]), "g0": np.array(["9,5", "abc"])}
    with pytest.raises(ia.ScoringError, match=r"row 2, column 'g0': expected a number, got 'abc'$"):
        ia.rank(RUBRIC, data)
