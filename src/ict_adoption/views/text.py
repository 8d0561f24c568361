"""Plain-text views: a table per bloc (tabulate), as ``Ranking.table()`` prints it."""

from __future__ import annotations

from tabulate import tabulate

from . import bloc_label, check_lang, table_rows
from ..rows import HasRows, Rows, rows_of

__all__ = ["ranking_text"]


def ranking_text(ranking: "Rows | HasRows", bloc: str | None = None, *, lang: str = "vi", tablefmt: str = "simple") -> str:
    """Text tables per bloc, Vietnamese headings unless ``lang="en"``.

    Columns: rank, unit, total, class, then each group known in the bloc (by id).
    ``bloc`` (an id, name or alias) shows that bloc alone, even when it has no unit.
    """
    check_lang(lang)
    rows = rows_of(ranking)
    sections = [rows.section(bloc)] if bloc is not None else rows.filled_sections
    parts = []
    for s in sections:
        heads, cells, _ = table_rows(rows, s, lang, group_names=False)
        body = tabulate(cells, headers=heads, tablefmt=tablefmt, disable_numparse=True)
        parts.append(f"{bloc_label(s.bloc, lang)}\n{body}")
    return "\n\n".join(parts)
