"""In-memory data: a pandas DataFrame, a dict of columns, a list of dicts, a Table."""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from ..errors import InputError
from ..table import Table
from .grid import (
    Column,
    Grid,
    RowLabels,
)
from .json_reader import records_grid

# ----------------------------------------------------------------------------- in memory


def memory_grid(source: Any) -> Grid:
    if isinstance(source, Table):
        n = len(source)
        return Grid(
            origin=source.origin,
            sheet=None,
            headings=list(source.columns),
            columns=list(source.columns.values()),
            labels=RowLabels(n) if source.rows is None else list(source.rows),
            numbers=[None] * n,
            notes=list(source.notes),
            problems=[(p.en, p.vi, p.kind, dict(p.location)) for p in source.problems]
            or [(message, message, "cell", {"column": column, "row": None}) for column, message in source.cell_problems],
        )
    if hasattr(source, "columns") and hasattr(source, "iloc") and hasattr(source, "index"):  # a DataFrame
        df = source
        headings = [str(c) for c in df.columns]
        columns: list[Column] = [_column_array(df.iloc[:, j].to_numpy()) for j in range(df.shape[1])]
        index_name = getattr(df.index, "name", None)
        if index_name is not None and str(index_name) not in headings:
            headings.insert(0, str(index_name))
            columns.insert(0, _column_array(df.index.to_numpy()))
        n = len(df)
        return Grid(
            origin="DataFrame",
            sheet=None,
            headings=headings,
            columns=columns,
            labels=RowLabels(n),
            numbers=range(1, n + 1),
        )
    if isinstance(source, Mapping):
        headings = [str(k) for k in source]
        columns = [_column_array(v) for v in source.values()]
        lengths = {len(c) for c in columns}
        if len(lengths) > 1:
            detail = ", ".join(f"{k}: {len(c)}" for k, c in zip(headings, columns))
            raise InputError(f"columns have different lengths ({detail})")
        n = lengths.pop() if lengths else 0
        return Grid(
            origin=None,
            sheet=None,
            headings=headings,
            columns=columns,
            labels=RowLabels(n),
            numbers=range(1, n + 1),
        )
    if isinstance(source, (list, tuple)):
        return records_grid(source, None, "row")
    raise InputError(
        f"cannot read assessment data from {type(source).__name__}; expected a path (.csv, .xlsx, "
        ".json), a pandas DataFrame, a list of dicts, a dict of columns or a Table"
    )


def _column_array(values: Any) -> Column:
    if isinstance(values, np.ndarray):
        if values.ndim != 1:
            raise InputError(f"expected one value per row, got shape {values.shape}")
        return _as_text_array(values) if values.dtype.kind == "O" else values
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise InputError(f"expected a sequence of values per column, got {type(values).__name__}")
    return list(values)




def _as_text_array(values: np.ndarray) -> np.ndarray:
    """An object column whose every cell is text (a DataFrame's text column) as numpy
    text (``U``), converted once here: the readers then take the whole-column paths
    (blank rows, tidy check, codes) instead of looking at a million Python objects
    several times. The cells are the same strings, so every reading and message is the
    same. Left as it is when a cell is not text (None, NaN, a number: the careful
    per-cell rules read it) or when a cell holds NUL (numpy text drops a trailing
    one). One ``join`` tells both, in C."""
    if not len(values):
        return values
    try:
        joined = "".join(values)
    except TypeError:  # a cell that is not text
        return values
    if "\x00" in joined:
        return values
    return values.astype(str)
