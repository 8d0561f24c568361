"""Plain-text views: a table per bloc, as ``Ranking.table()`` prints it.

The default ``"simple"`` format is what :func:`~ict_adoption.views.fixed_width.simple_table`
prints (byte for byte what tabulate prints), built for all blocs at once: each column's
few distinct texts (ranks, totals, classes, points) are stripped and padded once per
width and every cell is looked up; unit names are padded a column at a time; the lines
of a bloc are joined in one call. Any other ``tablefmt`` goes to tabulate.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any

import numpy as np

from . import bloc_label, check_lang, table_columns, table_rows, words, year_warning_line
from .coded import Coded, TableColumns
from .fixed_width import is_plain, simple_table
from ..row_cells import lookup
from ..rows import HasRows, Rows, Section, rows_of

__all__ = ["ranking_text"]

def ranking_text(ranking: "Rows | HasRows", bloc: str | None = None, *, lang: str = "vi", tablefmt: str = "simple") -> str:
    """Text tables per bloc, Vietnamese headings unless ``lang="en"``.

    Columns: rank, unit, total, class, then each group known in the bloc (by id).
    ``bloc`` (an id, name or alias) shows that bloc alone, even when it has no unit.
    When the rubric was looked up for a year past what its sources support, the first
    line is the year warning (:func:`~ict_adoption.views.year_warning_line`).
    """
    check_lang(lang)
    rows = rows_of(ranking)
    sections = [rows.section(bloc)] if bloc is not None else rows.filled_sections
    columns = _Columns(rows, lang) if tablefmt == "simple" and any(len(s) for s in sections) else None
    if columns is not None and not columns.plain:
        columns = None  # (a cell tabulate would print otherwise: each bloc through simple_table)
    parts = []
    for s in sections:
        if columns is not None and len(s):
            body = columns.table(s)
        elif tablefmt == "simple":  # a plain fixed-width table, column by column
            heads, cells, _ = table_columns(rows, s, lang, group_names=False)
            body = simple_table(heads, (), cells)
        else:
            from tabulate import tabulate

            heads, cell_rows, _ = table_rows(rows, s, lang, group_names=False)
            body = tabulate(cell_rows, headers=heads, tablefmt=tablefmt, disable_numparse=True)
        parts.append(f"{bloc_label(s.bloc, lang)}\n{body}")
    warning = year_warning_line(rows.rubric, lang)
    return "\n\n".join(parts) if warning is None else warning + "\n\n" + "\n\n".join(parts)


class _Columns:
    """The cells of :func:`~ict_adoption.views.table_columns` for every row at once:
    rank, total, class and each group as coded columns (:data:`Coded`, texts stripped),
    the unit names as a stripped list; ``plain`` when :func:`simple_table` would print
    every bloc itself (no cell that is not plain or that tabulate reads as a bool)."""

    def __init__(self, rows: Rows, lang: str) -> None:
        table = TableColumns(rows, lang)
        self.rows, self.lang = rows, lang
        coded: list[Coded] = [table.rank_codes(lambda key, label: label), table.total, table.band, *table.groups]
        names = table.names
        texts = [t for cells, _ in coded for t in cells]
        self.plain = is_plain(texts) and is_plain(names) and not any(
            x in ("True", "False") for x in texts
        ) and "True" not in names and "False" not in names
        self.names = list(map(str.strip, names))
        self.coded = [([t.strip() for t in cells], at) for cells, at in coded]
        self.lengths = [np.array([len(t) for t in cells], dtype=np.int64) for cells, _ in self.coded]
        self.padded: dict[tuple[int, int, bool], list[str]] = {}

    def _pad(self, c: int, width: int, first: bool, last: bool) -> list[str]:
        """Column ``c``'s texts padded to ``width``, with the two spaces before (not for
        the first column: after, for the names that follow it) and a line end after the last."""
        key = (c, width, last)
        if key not in self.padded:
            table = self.coded[c][0]
            if last:
                self.padded[key] = ["  " + t + "\n" for t in table]
            elif first:
                self.padded[key] = [t.ljust(width) + "  " for t in table]
            else:
                self.padded[key] = ["  " + t.ljust(width) for t in table]
        return self.padded[key]

    def table(self, s: Section) -> str:
        """What ``simple_table(*table_columns(rows, s, lang, group_names=False)[:2])`` prints."""
        w = words(self.lang)
        heads = [w["rank"], w["unit"], w["total"], w["class"], *(self.rows.rubric.groups[g].id for g in s.group_cols)]
        if not is_plain(heads):
            return simple_table(heads, (), table_columns(self.rows, s, self.lang, group_names=False)[1])
        coded = [0, 1, 2, *(3 + g for g in s.group_cols)]  # rank, total, class, groups (names apart)
        sl = slice(s.start, s.stop)
        at = [self.coded[c][1][sl] for c in coded]
        widths = [int(self.lengths[c][a].max()) for c, a in zip(coded, at)]
        names = self.names[sl]
        widths.insert(1, max(map(len, names)))
        widths = [max(len(h) + 2, x) for h, x in zip(heads, widths)]
        pieces: list[Any] = [lookup(self._pad(0, widths[0], True, False), at[0]).tolist()]
        pieces.append(list(map(str.ljust, names, repeat(widths[1]))))
        for j, (c, a) in enumerate(zip(coded[1:], at[1:]), start=2):
            pieces.append(lookup(self._pad(c, widths[j], False, j == len(heads) - 1), a).tolist())
        n, k = len(names), len(pieces)
        cells: list[str] = [""] * (n * k)
        for j, col in enumerate(pieces):
            cells[j::k] = col
        # a blank last cell: the line ends where its last non-blank cell does
        for i in np.flatnonzero(self.lengths[coded[-1]][at[-1]] == 0).tolist():
            cells[i * k : (i + 1) * k] = ["".join(cells[i * k : (i + 1) * k]).rstrip() + "\n", *([""] * (k - 1))]
        header = "  ".join(h.ljust(x) for h, x in zip(heads, widths)).rstrip()
        rule = "  ".join("-" * x for x in widths)
        return f"{header}\n{rule}\n" + "".join(cells)[:-1]
