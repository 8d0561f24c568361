"""CSV: one row per unit, a column per group, the rubric's exact decimals, UTF-8."""

from __future__ import annotations

import csv
import io
from typing import Any, Iterator

import numpy as np
import numpy.typing as npt

from ..row_cells import joined_rows, lookup, points_cells, points_codes
from ..rows import HasRows, Rows, rows_of
from ..scoring import LEVELS
from ..text import FORMULA_PREFIXES, formula_safe

__all__ = ["csv_text", "csv_chunks", "csv_codes", "csv_lines", "unit_cells_changed", "CSV_COLUMNS"]

#: The columns before the groups (then every group id, then ``note``).
CSV_COLUMNS = ("unit", "bloc", "bloc_name", "rank", "rank_label", "tied", "total", "max", "band", "band_en", "status", "level")


def csv_text(ranking: "Rows | HasRows") -> str:
    """One row per unit (bloc order, then rank), a column per group, exact decimals.

    Columns: ``unit, bloc, bloc_name, rank, rank_label, tied, total, max, band, band_en,
    status, level``, then every group id, then ``note``. Blank where unknown. Text that
    a spreadsheet would take for a formula is prefixed with an apostrophe.

    What :func:`csv_lines` writes for those cells, built a run of columns at a time:
    each run of neighbouring columns that one key decides (the bloc: ``bloc,bloc_name``;
    the rank: ``rank,rank_label,tied``; the bloc, class, status and level:
    ``max,band,band_en,status,level``) is made once per key, quoted and with its
    leading comma, and looked up; numbers come from one table per column
    (:func:`~ict_adoption.row_cells.points_codes`); the lines are joined in one call.
    """
    header, columns, units, n = _csv_columns(ranking)
    return joined_rows([_unit_cells(units), *columns], n, header)


def csv_chunks(ranking: "Rows | HasRows", rows_per_chunk: int = 1 << 16) -> Iterator[str]:
    """:func:`csv_text` in pieces of at most ``rows_per_chunk`` rows (the first with the
    header): ``"".join(csv_chunks(r)) == csv_text(r)``. The columns of cells are made
    once, the text of one piece at a time, so writing a million rows never holds the
    whole text (nor its UTF-8 bytes) in memory. (:func:`~ict_adoption.views.csv_bytes.csv_byte_chunks`
    gives the same pieces as UTF-8 bytes, made without a Python string per cell.)"""
    if rows_per_chunk < 1:
        raise ValueError(f"rows_per_chunk: expected at least 1, got {rows_per_chunk}")
    header, columns, units, n = _csv_columns(ranking)
    for start in range(0, max(n, 1), rows_per_chunk):
        stop = min(n, start + rows_per_chunk)
        cells = [_unit_cells(units[start:stop]), *(c[start:stop] for c in columns)]
        yield joined_rows(cells, stop - start, header if start == 0 else "")


#: a column of cells after the unit's, coded: ``(texts, index)`` (row ``i``'s cell is
#: ``texts[index[i]]``) or ``(texts, None)`` (one text per row)
Coded = tuple[list[str], "npt.NDArray[np.intp] | None"]


def _csv_columns(ranking: "Rows | HasRows") -> tuple[str, list[Any], npt.NDArray[Any], int]:
    """The header line, the columns of cells after the unit's (each cell with its
    separator or line end), the unit names (made cells a piece at a time: they are the
    one column of distinct texts) and the number of rows."""
    header, codes, units, n = csv_codes(ranking)
    return header, [texts if index is None else lookup(texts, index) for texts, index in codes], units, n


def csv_codes(ranking: "Rows | HasRows") -> tuple[str, list[Coded], npt.NDArray[Any], int]:
    """What :func:`csv_text` writes, coded: the header line, the columns after the unit's
    as :data:`Coded` (each cell with its leading comma, the last with the line end),
    the unit names and the number of rows."""
    rows = rows_of(ranking)
    r = rows.rubric
    n = len(rows)
    header = ",".join(map(_quoted, [*CSV_COLUMNS, *(g.id for g in r.groups), "note"])) + "\n"
    if n == 0:
        return header, [], rows.unit, 0
    precision = r.precision
    reported = rows.reported
    maxima = points_cells(r.bloc_max_scaled, None, precision)
    n_bands, n_levels = len(r.bands), len(LEVELS)
    bands = [("", "")] + [(_quoted(formula_safe(b.label)), _quoted(formula_safe(b.label_en or b.label))) for b in r.bands]
    # max,band,band_en,status,level of every (bloc, class + 1, reported, level)
    tails = [
        f",{m},{vi},{en},{status},{level}"
        for m in maxima for vi, en in bands for status in ("not_reported", "ranked") for level in LEVELS
    ]
    tail_key = ((rows.bloc_code * (n_bands + 1) + rows.band + 1) * 2 + reported) * n_levels + rows.level
    notes = rows.notes
    codes: list[Coded] = [
        ([f",{_quoted(formula_safe(b.id))},{_quoted(formula_safe(b.name))}" for b in r.blocs], _index(rows.bloc_code)),
        _rank_cells(rows),
        _coded(points_codes(rows.total, reported, precision, prefix=",", blank=",")),
        (tails, _index(tail_key)),
        *(_coded(points_codes(rows.group_points[:, g], rows.group_known[:, g], precision, prefix=",", blank=","))
          for g in range(len(r.groups))),
        ([",\n"], np.zeros(n, dtype=np.intp)) if notes is None
        else (["," + _quoted(formula_safe(x)) + "\n" if x else ",\n" for x in notes], None),
    ]
    return header, codes, rows.unit, n


def _index(key: npt.ArrayLike) -> npt.NDArray[np.intp]:
    return np.asarray(key, dtype=np.intp).reshape(-1)


def _coded(got: tuple[list[str], npt.NDArray[np.intp]]) -> Coded:
    return got[0], got[1]


def _unit_cells(units: npt.NDArray[Any]) -> list[str]:
    """The unit names, formula-safe and quoted as csv quotes them (:func:`unit_cells_changed`)."""
    return unit_cells_changed(units)[0]


def unit_cells_changed(units: npt.NDArray[Any]) -> tuple[list[str], list[int]]:
    """The unit names, formula-safe and quoted as csv quotes them, and the rows whose
    name that changed: the names' first code points are checked at once, all names
    searched at once (joined) for what csv quotes; only the names that need it are
    changed. (Not a numpy text array: every row is listed.)"""
    names = units.tolist()
    arr = np.ascontiguousarray(units)
    if arr.dtype.kind != "U":  # (not a numpy text array: a name at a time)
        return [_quoted(formula_safe(str(x))) for x in names], list(range(len(names)))
    width = arr.dtype.itemsize // 4
    if not names or width == 0:
        return names, []
    cp = arr.view(np.uint32).reshape(len(names), width)
    risky = np.isin(cp[:, 0], [ord(p) for p in FORMULA_PREFIXES])
    joined = "".join(names)
    if any(c in joined for c in _SPECIAL):
        risky |= np.isin(cp, [ord(c) for c in _SPECIAL]).any(axis=1)
    changed = np.flatnonzero(risky).tolist()
    for i in changed:
        names[i] = _quoted(formula_safe(names[i]))
    return names, changed


def _rank_cells(rows: Rows) -> Coded:
    """``,rank,rank_label,tied`` of every row (``,,,`` with no report), coded."""
    if rows.method == "fractional":
        labels, tied = rows.rank_labels, rows.tied.tolist()
        return [
            f",{v:g},{label},{'true' if t else 'false'}" if v is not None else ",,,"
            for v, label, t in zip(rows.rank_values, labels, tied)
        ], None
    reported = rows.reported
    rank = rows.rank.astype(np.int64)
    low = int(rank[reported].min()) if reported.any() else 0
    high = int(rank[reported].max()) if reported.any() else 0
    mark = "" if rows.method == "ordinal" else "="
    table = [",,,"]  # key 0: no report; then (rank - low) * 2 + tied + 1
    for v in range(low, high + 1):
        table += (f",{v},{v},false", f",{v},{v}{mark},true")
    return table, _index(np.where(reported, (rank - low) * 2 + rows.tied + 1, 0))


def formula_safe_column(texts: list[str]) -> list[str]:
    """:func:`~ict_adoption.text.formula_safe` of every cell: the column searched once
    (joined by line breaks) for a line starting with a formula character; only when one
    may, cell by cell."""
    joined = "\n" + "\n".join(texts)
    if any("\n" + p in joined for p in FORMULA_PREFIXES):
        return [formula_safe(x) for x in texts]
    return texts


def _csv_quotes(ch: str) -> bool:
    """Whether :mod:`csv` (this Python's) quotes a field holding ``ch``."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(["a" + ch, "b"])
    return buf.getvalue().startswith('"')


#: what makes csv quote a field (a comma, a quote, a line break; a lone CR depends on
#: the Python version)
_SPECIAL = tuple(ch for ch in (",", '"', "\r", "\n") if _csv_quotes(ch))


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in _SPECIAL) else cell


def csv_lines(header: list[str], columns: list[list[str]]) -> str:
    """What :func:`csv.writer` (excel dialect, ``"\n"`` line ends) writes for these rows,
    built a column at a time: a column is searched once for a comma, quote or line
    break, only a column that has one is quoted (each distinct cell once), and the
    lines are joined in C. Rows of one field go through :mod:`csv` itself (it quotes
    an empty lone field)."""
    if len(header) < 2:
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\n")
        out.writerow(header)
        out.writerows(zip(*columns))
        return buf.getvalue()
    safe = []
    for col in [header, *columns]:
        joined = "".join(col)
        if any(c in joined for c in _SPECIAL):
            cache: dict[str, str] = {}
            col = [cache[x] if x in cache else cache.setdefault(x, _quoted(x)) for x in col]
        safe.append(col)
    lines = [",".join(safe[0]), *map(",".join, zip(*safe[1:]))]
    return "\n".join(lines) + "\n"
