"""A column table: the one shape every input takes before scoring.

Readers (CSV, Excel, JSON, DataFrame, list of dicts) all produce a :class:`Table`:
columns of equal length keyed by NFC-normalised names, plus where each row came from
(file, sheet, row number) so that every error can point at the cell.
"""

from __future__ import annotations

import math
import os
from decimal import Decimal
from typing import Any, Iterable, Iterator, Mapping, Sequence, overload

import attrs
import numpy as np
import numpy.typing as npt

from ._fields import FrozenMap
from .errors import InputError
from .text import nfc

__all__ = ["Table", "RowLabels", "as_table", "numeric_column"]


class RowLabels(Sequence[str]):
    """``"row 1"``, ``"row 2"``, … (after ``prefix``, from ``first``), each made when
    asked for: a million in-memory rows need no million labels made up front. Equal to
    the tuple of the same labels."""

    __slots__ = ("n", "first", "prefix")

    def __init__(self, n: int, first: int = 1, prefix: str = "") -> None:
        self.n, self.first, self.prefix = n, first, prefix

    @property
    def is_default(self) -> bool:
        """The labels a :class:`Table` gives its rows by default (``"row 1"``, …)."""
        return self.first == 1 and not self.prefix

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[str]:
        p = self.prefix
        return iter([f"{p}row {k}" for k in range(self.first, self.first + self.n)])

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.n))]
        if not -self.n <= i < self.n:
            raise IndexError(i)
        return f"{self.prefix}row {self.first + (i % self.n)}"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RowLabels):
            return (self.n, self.first, self.prefix) == (other.n, other.first, other.prefix) or (
                self.n == other.n == 0
            )
        if isinstance(other, (tuple, list)):
            return len(other) == self.n and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RowLabels({self.n}, first={self.first}, prefix={self.prefix!r})"


def _rows(value: Any) -> "tuple[str, ...] | RowLabels | None":
    """Converter: row labels as a tuple (a :class:`RowLabels` kept as it is)."""
    if value is None or isinstance(value, RowLabels):
        return value
    return tuple(value)


def _columns(value: Mapping[str, Any]) -> FrozenMap[str, np.ndarray]:
    """Converter: the columns as a read-only mapping of NFC name → one-dimensional array."""
    out: dict[str, np.ndarray] = {}
    for key, col in value.items():
        name = nfc(str(key))
        if name in out:
            raise InputError(f"column {name!r} appears twice")
        arr = col if isinstance(col, np.ndarray) else np.asarray(list(col), dtype=object)
        if arr.ndim != 1:
            raise InputError(f"column {name!r}: expected one value per row, got shape {arr.shape}")
        out[name] = arr
    lengths = {len(c) for c in out.values()}
    if len(lengths) > 1:
        detail = ", ".join(f"{k}: {len(v)}" for k, v in out.items())
        raise InputError(f"columns have different lengths ({detail})")
    return FrozenMap(out)


@attrs.frozen(eq=False)
class Table:
    """Columns of equal length; ``origin`` names the file, ``rows`` labels each row.

    ``rows`` holds, per row, a label such as ``"sheet 'Sở', row 12"``; by default rows
    are numbers from 1. ``notes`` are things a reader did that the user should know
    (ignored columns, a diacritics-insensitive match, …): nothing is dropped silently.
    ``cell_problems`` are ``(column, message)`` pairs for cells a reader could not read
    (``read_table(..., errors="collect")``): those cells are blank here, and
    :func:`~ict_adoption.score` reports the problems together with its own, so that
    one pass lists everything wrong with a file.

    ``columns`` is read-only (a :class:`~ict_adoption._fields.FrozenMap`): a table is
    frozen, and a scored table keeps the table it was made from, so a column cannot
    be added or replaced after the fact (:meth:`take` and ``Table({...})`` make new
    ones).
    """

    columns: Mapping[str, np.ndarray] = attrs.field(converter=_columns)
    origin: str | None = None
    rows: "tuple[str, ...] | RowLabels | None" = attrs.field(default=None, converter=_rows)
    notes: tuple[str, ...] = attrs.field(default=(), converter=tuple[str, ...])
    cell_problems: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=tuple[tuple[str, str], ...])
    #: The same problems with their kind and both languages (``ict_adoption.problems.Problem``).
    problems: tuple[Any, ...] = attrs.field(default=(), converter=tuple[Any, ...])
    #: The rubric the reader knew (``"region:edition"``; ``""`` for none); None: not made by
    #: a reader. :func:`~ict_adoption.score` re-reads any other table with its rubric, so
    #: that in-memory data goes through the same heading and cell rules as a file.
    read_for: str | None = None
    #: text columns the reader already made NFC ``U`` arrays (read-only), with their blank
    #: masks, so that scoring does not convert them again (:meth:`text_column`)
    text_arrays: Mapping[str, tuple[np.ndarray, np.ndarray]] = attrs.field(factory=dict, repr=False)
    #: cells whose reading the reader had to decide (``"85.500"`` read as 85500 beside
    #: decimal commas): the text as typed, by column and row index, so that a later
    #: message about such a cell (a total out of range) shows what the user typed
    typed: Mapping[str, Mapping[int, str]] = attrs.field(factory=dict, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.rows is not None and len(self.rows) != len(self):
            raise InputError(f"{len(self.rows)} row labels for {len(self)} rows")

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def text_column(self, name: str) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.bool_]]:
        """Column ``name`` as NFC, trimmed text (a read-only numpy ``U`` array) and its
        blank mask (:func:`~ict_adoption.text_arrays.text_array`), made once by the
        reader where it could."""
        got = self.text_arrays.get(name)
        if got is not None and len(got[0]) == len(self):
            return got
        from .text_arrays import text_array

        return text_array(self.columns[name], copy=False)

    def row_label(self, i: int) -> str:
        return self.rows[i] if self.rows is not None else f"row {i + 1}"

    def where(self, i: int | None = None, column: str | None = None) -> str:
        """``"file.csv, row 4, column 'total'"`` — the prefix of an error message."""
        parts = [self.origin] if self.origin else []
        if i is not None:
            parts.append(self.row_label(i))
        if column is not None:
            parts.append(f"column {column!r}")
        return ", ".join(parts)

    def take(self, index: npt.ArrayLike) -> "Table":
        idx = np.asarray(index)
        rows = [self.row_label(int(i)) for i in idx.tolist()] if idx.dtype.kind in "iu" else (
            None if self.rows is None else [self.rows[i] for i in idx]
        )
        return Table(
            {k: v[idx] for k, v in self.columns.items()}, origin=self.origin, rows=rows, notes=self.notes,
            cell_problems=self.cell_problems, problems=self.problems, read_for=self.read_for,
        )


def as_table(data: Any, *, origin: str | None = None) -> Table:
    """Turn any supported input into a :class:`Table`.

    Accepts a :class:`Table`; a mapping of column name → sequence or numpy array; a
    list of dicts (one per unit); a pandas DataFrame. A file is read by
    :func:`ict_adoption.io.read_table` (this module is below the readers and reads no file).
    """
    if isinstance(data, Table):
        return data
    if isinstance(data, (str, os.PathLike)):
        raise InputError(f"{os.fspath(data)!r} is a path: read the file with ict_adoption.io.read_table(path) first")
    if isinstance(data, Mapping):
        return Table(dict(data), origin=origin)
    if hasattr(data, "columns") and hasattr(data, "to_numpy") and hasattr(data, "__getitem__"):
        return Table({str(c): data[c].to_numpy() for c in data.columns}, origin=origin or "DataFrame")
    if isinstance(data, Iterable):
        records = list(data)
        keys: dict[str, None] = {}
        for i, rec in enumerate(records):
            if not isinstance(rec, Mapping):
                raise InputError(f"row {i + 1}: expected a mapping (one dict per unit), got {type(rec).__name__}")
            keys.update(dict.fromkeys(rec))
        cols = {k: np.array([rec.get(k) for rec in records], dtype=object) for k in keys}
        return Table(cols, origin=origin)
    raise InputError(
        f"cannot read assessment data from {type(data).__name__}; expected a path, a dict of "
        "columns, a list of dicts, a pandas DataFrame or a Table"
    )


def _cell_number(value: Any) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool | np.bool_):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float, Decimal, np.integer, np.floating)):
        return float(value)
    if isinstance(value, str) and not value.strip():
        return math.nan
    raise TypeError(value)


def numeric_column(table: Table, name: str) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_] | None]:
    """Column ``name`` as float64 with NaN for blanks, and the blank cells.

    The mask of blanks is None when there is none (the common case for large
    numeric columns, found with one sum instead of a mask). Text (or infinity) in a
    number cell is an error; every bad cell of the column is listed
    (``error.problems``), not just the first.
    """
    col = table.columns[name]
    if col.dtype.kind in "fiub":
        out = col.astype(np.float64, copy=False)
        if out is col:  # no copy of a large column; a read-only view keeps it unchanged
            out = out.view()
            out.setflags(write=False)
        # a finite sum means no infinity and no blank: the common case costs one pass
        finite = bool(np.isfinite(out.sum()))
        bad_rows = np.zeros(0, dtype=np.intp) if finite else np.flatnonzero(np.isinf(out))
        blank = None if finite else np.isnan(out)
    else:
        out = np.empty(len(col), dtype=np.float64)
        bad: list[int] = []
        for i, v in enumerate(col):
            try:
                out[i] = _cell_number(v)
            except TypeError:
                bad.append(i)
                out[i] = math.nan
        bad_rows = np.array(bad + np.flatnonzero(np.isinf(out)).tolist(), dtype=np.intp)
        blank = np.isnan(out)
    if bad_rows.size:
        problems = [
            f"{table.where(int(i), name)}: expected a "
            f"{'finite ' if isinstance(col[i], (float, np.floating)) else ''}number, got {col[i]!r}"
            for i in sorted(bad_rows.tolist())
        ]
        raise InputError("\n".join(problems), problems=problems, file=table.origin, column=name)
    if blank is not None and not blank.any():
        blank = None
    return out, blank


def text_column(table: Table, name: str) -> list[str | None]:
    """Column ``name`` as NFC text (None for blanks)."""
    out: list[str | None] = []
    for v in table.columns[name]:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append(None)
        else:
            s = nfc(str(v))
            out.append(s or None)
    return out


def labels(values: Sequence[str | None]) -> list[str]:  # pragma: no cover - helper for views
    return ["" if v is None else v for v in values]
