"""CSV: one row per unit, a column per group, the rubric's exact decimals, UTF-8."""

from __future__ import annotations

import csv
import io

from ..rows import HasRows, Rows, rows_of
from ..scoring import LEVELS
from ..text import formula_safe

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
    ok = rows.reported.tolist()
    blocs = [(formula_safe(b.id), formula_safe(b.name)) for b in r.blocs]
    bands = [(formula_safe(b.label), formula_safe(b.label_en or b.label)) for b in r.bands]
    codes = rows.bloc_code.tolist()
    band = rows.band.tolist()
    notes = rows.notes or (None,) * len(rows)
    columns = [
        [formula_safe(u) for u in rows.unit.tolist()],
        [blocs[c][0] for c in codes],
        [blocs[c][1] for c in codes],
        [("" if v is None else (f"{v:g}" if rows.method == "fractional" else str(v))) for v in rows.rank_values],
        [label if reported else "" for label, reported in zip(rows.rank_labels, ok)],
        [("true" if t else "false") if reported else "" for t, reported in zip(rows.tied.tolist(), ok)],
        rows.total_text(),
        rows.points_text(rows.bloc_max),
        [bands[b][0] if b >= 0 else "" for b in band],
        [bands[b][1] if b >= 0 else "" for b in band],
        ["ranked" if reported else "not_reported" for reported in ok],
        [LEVELS[v] for v in rows.level.tolist()],
        *(rows.group_text(g) for g in range(len(r.groups))),
        [formula_safe(n) if n else "" for n in notes],
    ]
    return csv_lines([*CSV_COLUMNS, *(g.id for g in r.groups), "note"], columns)


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
