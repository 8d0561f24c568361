"""Plain-text views: a table per bloc, as ``Ranking.table()`` prints it.

The default ``"simple"`` format is built column by column by
:func:`~ict_adoption.views.fixed_width.simple_table` (byte for byte what tabulate
prints); any other ``tablefmt`` goes to tabulate."""

from __future__ import annotations

from . import bloc_label, check_lang, table_columns, table_rows, year_warning_line
from .fixed_width import simple_table
from ..rows import HasRows, Rows, rows_of

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
    parts = []
    for s in sections:
        if tablefmt == "simple":  # the default: a plain fixed-width table, column by column
            heads, columns, _ = table_columns(rows, s, lang, group_names=False)
            body = simple_table(heads, (), columns)
        else:
            from tabulate import tabulate

            heads, cells, _ = table_rows(rows, s, lang, group_names=False)
            body = tabulate(cells, headers=heads, tablefmt=tablefmt, disable_numparse=True)
        parts.append(f"{bloc_label(s.bloc, lang)}\n{body}")
    warning = year_warning_line(rows.rubric, lang)
    return "\n\n".join(parts) if warning is None else warning + "\n\n" + "\n\n".join(parts)
