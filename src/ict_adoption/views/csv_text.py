"""CSV: one row per unit, a column per group, the rubric's exact decimals, UTF-8."""

from __future__ import annotations

import csv
import io

import numpy as np

from ..rows import HasRows, Rows, rows_of
from ..scoring import LEVELS
from ..text import FORMULA_PREFIXES, formula_safe

__all__ = ["csv_text", "csv_lines", "CSV_COLUMNS"]

#: The columns before the groups (then every group id, then ``note``).
CSV_COLUMNS = ("unit", "bloc", "bloc_name", "rank", "rank_label", "tied", "total", "max", "band", "band_en", "status", "level")


def csv_text(ranking: "Rows | HasRows") -> str:
    """One row per unit (bloc order, then rank), a column per group, exact decimals.

    Columns: ``unit, bloc, bloc_name, rank, rank_label, tied, total, max, band, band_en,
    status, level``, then every group id, then ``note``. Blank where unknown. Text that
    a spreadsheet would take for a formula is prefixed with an apostrophe.
    Built column by column: each number column is formatted in one pass.
    """
    rows = rows_of(ranking)
    r = rows.rubric
    n = len(rows)
    reported = rows.reported
    ok = reported.tolist()
    missing = np.flatnonzero(~reported).tolist()  # rows with no report: blank rank cells
    codes = rows.bloc_code.tolist()
    band = rows.band.tolist()
    # each column made by looking up its few distinct texts (C-level maps), not cell by cell
    bloc_ids = [formula_safe(b.id) for b in r.blocs]
    bloc_names = [formula_safe(b.name) for b in r.blocs]
    band_vi = [formula_safe(b.label) for b in r.bands] + [""]  # index -1: no class
    band_en = [formula_safe(b.label_en or b.label) for b in r.bands] + [""]
    if rows.method == "fractional":
        rank_text = [("" if v is None else f"{v:g}") for v in rows.rank_values]
    else:
        rank_text = _blanked(list(map(str, np.where(reported, rows.rank, 0).astype(np.int64).tolist())), missing)
    tied = np.where(reported, rows.tied, 2).astype(np.int64).tolist()
    columns = [
        formula_safe_column(rows.unit.tolist()),
        list(map(bloc_ids.__getitem__, codes)),
        list(map(bloc_names.__getitem__, codes)),
        rank_text,
        _blanked(list(rows.rank_labels), missing),
        list(map(("false", "true", "").__getitem__, tied)),
        rows.total_text(),
        rows.points_text(rows.bloc_max),
        list(map(band_vi.__getitem__, band)),
        list(map(band_en.__getitem__, band)),
        list(map(("not_reported", "ranked").__getitem__, ok)),
        list(map(LEVELS.__getitem__, rows.level.tolist())),
        *(rows.group_text(g) for g in range(len(r.groups))),
        [""] * n if rows.notes is None else [formula_safe(x) if x else "" for x in rows.notes],
    ]
    return csv_lines([*CSV_COLUMNS, *(g.id for g in r.groups), "note"], columns)


def _blanked(cells: list[str], rows: list[int]) -> list[str]:
    for i in rows:
        cells[i] = ""
    return cells


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
