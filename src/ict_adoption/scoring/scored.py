"""What scoring returns (:class:`ScoredTable`: exact points of every unit, and what they
were made from) and the problem list of one assessment table."""

from __future__ import annotations

import functools
import re
import types
from typing import Any, Callable, Literal

import attrs
import numpy as np
import numpy.typing as npt

from ..errors import InputError, ScoringError
from ..model import Rubric
from ..problems import Problems, vi_location, vi_text as known_vi
from ..table import Table

MissingPolicy = Literal["error", "zero", "exclude"]
RESERVED_COLUMNS = ("unit", "bloc", "total", "note")
LEVELS = ("total", "groups", "criteria")

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


#: The built-in rules' messages (rules.py, English) in Vietnamese.
_RULE_VI = {
    "points must not be negative": "điểm không được âm",
    "points above the criterion's maximum": "điểm vượt quá điểm tối đa của tiêu chí",
    "step points above this bloc's maximum": "điểm theo bậc vượt quá điểm tối đa của khối",
    "expected yes/no (1 or 0)": "cần có/không (1 hoặc 0)",
    "expected a whole non-negative count": "cần một số đếm nguyên, không âm",
    "value must not be negative": "giá trị không được âm",
}
_RULE_VI_PATTERNS = (
    (re.compile(r"^points must have at most (\d+) decimal place\(s\)$"), r"điểm chỉ được có tối đa \1 chữ số thập phân"),
    (re.compile(r"^a share must lie between 0 and (\S+)$"), r"tỉ lệ phải nằm trong khoảng 0 đến \1"),
    (re.compile(r"^expected one of the answers (.*)$"), r"cần một trong các câu trả lời \1"),
)


def vi_rule(text: str, patterns: Any = _RULE_VI_PATTERNS) -> str:
    if text in _RULE_VI:
        return _RULE_VI[text]
    for pattern, repl in patterns:
        if pattern.match(text):
            return pattern.sub(repl, text)
    return text  # a plugin's own rule: its own words


def vi_number(text: str) -> str:
    """A number as written by format_scaled (``99.87``) with the Vietnamese decimal comma."""
    return text.replace(".", ",")


def typed_value(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "vi" else text


def _vi_row(label: str) -> str:
    return "dòng " + label[4:] if label.startswith("row ") and label[4:].isdigit() else vi_location(label)


def _frozen(f: Callable[[int], str]) -> Callable[[int], str] | None:
    """``f`` with the variables it closes over fixed at their values now (None if one is
    not set yet): a message made later, when shown, reads what the caller saw, even if
    the caller's loop has moved on (a lambda in a loop over groups names its group)."""
    closure = getattr(f, "__closure__", None)
    if closure is None:
        return f
    try:
        cells = tuple(types.CellType(c.cell_contents) for c in closure)
    except ValueError:
        return None
    g = types.FunctionType(f.__code__, f.__globals__, f.__name__, f.__defaults__, cells)
    g.__kwdefaults__ = f.__kwdefaults__
    return g


def all_columns(columns: list[BoolArray], n: int) -> BoolArray:
    """Per row, whether every column is set."""
    out = np.ones(n, dtype=bool)
    for c in columns:
        if not c.all():  # reading a column is cheaper than writing the result
            out &= c
    return out


def any_columns(columns: list[BoolArray], n: int) -> BoolArray:
    """Per row, whether some column is set."""
    if any(c.all() for c in columns):
        return np.ones(n, dtype=bool)
    out = np.zeros(n, dtype=bool)
    for c in columns:
        out |= c
    return out


def or_not(known: BoolArray, applies: BoolArray) -> BoolArray:
    """``known | ~applies`` (known, or not asked for), without a pass when one says all."""
    return known if known.all() or applies.all() else known | ~applies


class ColumnMatrix:
    """A units × columns matrix held as separate 1-D columns.

    Indexing works like a 2-D array for the forms the library uses (``m[i, j]``,
    ``m[rows, j]``, ``m[:, j]``); :meth:`to_array` builds the full array. Columns are
    kept apart because each is what a rule or a sum produced: no large matrix is
    allocated and copied while scoring a million units.
    """

    __slots__ = ("columns", "shape", "dtype")

    def __init__(self, columns: list[np.ndarray], n: int, dtype: Any) -> None:
        self.columns = tuple(columns)
        self.shape = (n, len(columns))
        self.dtype = np.dtype(dtype)
        for c in self.columns:
            c.setflags(write=False)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, tuple) and len(key) == 2:
            rows, col = key
            if isinstance(col, (int, np.integer)):
                return self.columns[col][rows]
            return self.to_array()[rows, col]
        return self.to_array()[key]

    def __len__(self) -> int:
        return self.shape[0]

    def to_array(self) -> np.ndarray:
        if not self.columns:
            return np.zeros(self.shape, dtype=self.dtype)
        return np.column_stack(self.columns).astype(self.dtype, copy=False)

    __array__ = to_array  # np.asarray(matrix) works

    def __repr__(self) -> str:
        return f"<ColumnMatrix {self.shape[0]}×{self.shape[1]} {self.dtype}>"


@attrs.frozen(eq=False)
class ScoredTable:
    """Exact scores of every unit, and what they were made from.

    Arrays are aligned with ``units``; points are scaled integers (``rubric.scale``).
    ``reported`` is False for units not ranked under ``missing="exclude"``
    ("không báo cáo"). ``level`` says which level of detail gave the total (index into
    :data:`LEVELS`).
    """

    rubric: Rubric
    table: Table
    units: npt.NDArray[np.str_]
    bloc_codes: IntArray
    leaf_points: ColumnMatrix
    leaf_known: ColumnMatrix
    group_points: ColumnMatrix
    group_known: ColumnMatrix
    total: IntArray
    reported: BoolArray
    level: npt.NDArray[np.uint8]
    notes: tuple[str, ...] = ()
    comments: tuple[str | None, ...] | None = None

    def __len__(self) -> int:
        return len(self.units)

    @property
    def blocs(self) -> list[str]:
        """Bloc id of each unit."""
        ids = np.array([b.id for b in self.rubric.blocs], dtype=object)
        return list(ids[self.bloc_codes])



def _kind_of(message: str) -> str:
    if " outside " in message or "above" in message or "must not be negative" in message or "must lie" in message:
        return "range"
    if "missing" in message or "no total" in message:
        return "missing"
    return "other"


class TableProblems:
    """The problems of one assessment table, each located by its row label and column.

    Wraps the library's one collector (:class:`~ict_adoption.problems.Problems`) and
    remembers the columns that could not be read at all (``broken``), so that a
    missing value in them is not reported a second time. Each problem has a kind
    (:data:`~ict_adoption.problems.KIND_LABELS`) and, where given, a Vietnamese text;
    problems are listed in row order inside their kind.
    """

    def __init__(self, table: Table, rows: npt.NDArray[np.intp] | None = None, collected: Problems | None = None) -> None:
        self.table = table
        self.collected = Problems() if collected is None else collected
        self.broken: set[str] = set()  # columns that could not be read at all
        # rows: the index in the input table of each row of ``table`` (a subset being checked)
        self.rows = rows

    def __len__(self) -> int:
        return len(self.collected)

    def add(
        self, message: str, row: int | None = None, column: str | None = None, *, kind: str = "other", vi: str | None = None
    ) -> None:
        if kind == "other":  # the points stage names no kind: told from its wording
            kind = _kind_of(message)
        where = self.table.where(row, column)
        en = f"{where}: {message}" if where else message
        vi_own = vi if vi is not None else known_vi(message)  # a message without its Vietnamese: by its known form
        vi_full = f"{self._vi_where(row, column)}: {vi_own}" if where else vi_own
        original = row if row is None or self.rows is None else int(self.rows[row])
        order = (1, -1 if original is None else original, column or "")
        self.collected.add(en, kind=kind, vi=vi_full, order=order)

    def _vi_where(self, row: int | None, column: str | None) -> str:
        """:meth:`Table.where` in Vietnamese, built directly (no pattern per row)."""
        parts = [self.table.origin] if self.table.origin else []
        if row is not None:
            label = self.table.row_label(row)
            parts.append(f"dòng {label[4:]}" if label.startswith("row ") and label[4:].isdigit() else vi_location(label))
        if column is not None:
            parts.append(f"cột {column!r}")
        return ", ".join(parts)

    def add_error(self, exc: InputError, column: str) -> None:
        self.collected.extend(exc.problems)
        self.broken.add(column)

    def add_cell_problem(self, column: str, message: str) -> None:
        """A cell a reader could not read (``Table.cell_problems``): reported here."""
        self.collected.extend([message])
        self.broken.add(column)

    def add_reader_problems(self, table: Table) -> None:
        """Every cell a reader could not read, with its kind and both texts."""
        if table.problems:
            for p in table.problems:
                self.collected.add(p.en, kind=p.kind, vi=p.vi, order=p.order, **p.location)
                if "column" in p.location:
                    self.broken.add(str(p.location["column"]))
        else:
            for column, message in table.cell_problems:
                self.add_cell_problem(column, message)

    def add_rows(self, rows: npt.ArrayLike, column: str | None, message: Any, *, kind: str = "other", vi: Any = None) -> None:
        index = np.asarray(rows).tolist()
        if kind == "other" or column is None or not callable(message) or not callable(vi):
            for i in index:
                text = message(i) if callable(message) else message
                vi_text = vi(i) if callable(vi) else vi
                self.add(text, i, column, kind=kind, vi=vi_text)
            return
        # the same problems as add() makes, a column's worth at once
        head = f"{self.table.origin}, " if self.table.origin else ""
        col_en, col_vi = f"column {column!r}", f"cột {column!r}"
        row_label = self.table.row_label
        originals = index if self.rows is None else [int(self.rows[i]) for i in index]
        orders = [(1, o, column) for o in originals]
        en_of, vi_of = _frozen(message), _frozen(vi)
        if en_of is None or vi_of is None:  # a closure we cannot freeze: the texts now
            labels = [row_label(i) for i in index]
            ens = [f"{head}{lb}, {col_en}: {message(i)}" for lb, i in zip(labels, index)]
            vis = [f"{head}{_vi_row(lb)}, {col_vi}: {vi(i)}" for lb, i in zip(labels, index)]
            self.collected.add_many(kind, ens, vis, orders)
            return

        def texts(i: int) -> tuple[str, str]:  # made only for the problems shown (Problems.add_lazy)
            lb = row_label(i)
            return f"{head}{lb}, {col_en}: {en_of(i)}", f"{head}{_vi_row(lb)}, {col_vi}: {vi_of(i)}"

        self.collected.add_lazy(kind, [functools.partial(texts, i) for i in index], orders)

    def raise_if_any(self, cls: type[InputError] = ScoringError) -> None:
        self.collected.raise_if_any(cls, file=self.table.origin)
