"""Markdown views: pipe tables per bloc (GitHub / CommonMark + tables extension).

Text from the rubric or the data is escaped with :func:`md_escape`, so a unit called
``Sở *A* | B`` cannot break a table, start emphasis, a link or raw HTML.
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import Any, Sequence

import numpy as np

from . import bloc_label, check_lang, header_lines, provenance_warning, table_heads, table_rows, words
from .coded import TableColumns
from ..row_cells import joined_rows, lookup
from ..rows import HasRows, Rows, Section, rows_of

__all__ = ["md_escape", "md_cells", "md_table", "ranking_markdown"]

# Characters active in Markdown inline or table syntax (code, emphasis, links, raw
# HTML, entities, tables, strikethrough, math). Escapes that both CommonMark/GFM and
# Python-Markdown (MkDocs) honour: a backslash before \ ` * _ [ ] #, "\|" in tables,
# and character references for the rest.
_BACKSLASH = re.compile(r"([\\`*_\[\]#|])")
_REFS = {"<": "&lt;", ">": "&gt;", "~": "&#126;", "$": "&#36;"}
_REF_CHARS = re.compile(r"[<>~$]|&(?=#?[A-Za-z0-9]+;)")
# what would start a list or a heading underline at the start of a line
_LINE_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=])(?=[\s\-+=]|$)")
# Text that none of the rules above would touch: no active character, no line break
# (what str.splitlines splits on), no list or heading-underline start. Most cells are such
# text, and are taken as they are (md_cells).
_MAY_NEED_ESCAPE = re.compile(r"[\\`*_\[\]#|<>~$&\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|^\d+[.)](?:\s|$)|^[-+=](?:[\s\-+=]|$)")


def md_escape(text: Any) -> str:
    """Escape Markdown-active characters so that text shows as written.

    ``|``, ``*``, ``_``, a backquote, ``[``, ``]``, ``#`` and the backslash get a
    backslash; ``< > ~ $`` (and an ``&`` that would start a character reference)
    become character references. Line breaks become spaces
    (a table cell is one line); a leading ``-``, ``+``, ``=`` or ``1.`` is escaped,
    so the text never starts a list or a heading underline.
    """
    s = "" if text is None else str(text)
    s = " ".join(s.splitlines())
    s = _BACKSLASH.sub(r"\\\1", s)
    s = _REF_CHARS.sub(lambda m: _REFS.get(m.group(0), "&amp;"), s)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", s)


def md_cells(cells: Sequence[Any]) -> list[str]:
    """:func:`md_escape` of each cell; text that needs no escape is taken as it is."""
    search = _MAY_NEED_ESCAPE.search
    return [c if type(c) is str and search(c) is None else md_escape(c) for c in cells]


def md_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, num_cols: Sequence[int] = ()) -> str:
    """A pipe table; every cell escaped; ``num_cols`` right-aligned."""
    nums = set(num_cols)
    cells = [md_cells(headers)] + [md_cells(r) for r in rows]
    widths = [max(3, *(len(r[j]) for r in cells)) for j in range(len(headers))]

    def line(r: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(widths[j]) for j, c in enumerate(r)) + " |"

    rule = "| " + " | ".join(("-" * (widths[j] - 1) + ":") if j in nums else "-" * widths[j] for j in range(len(headers))) + " |"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def bloc_table_markdown(ranking: "Rows | HasRows", section: Section, lang: str, *, columns: "_Cells | None" = None) -> str:
    """The pipe table of one bloc (numbers right-aligned). ``columns``: the escaped
    cells of every bloc (made by :func:`ranking_markdown`), looked up instead of made."""
    if columns is not None and len(section):
        return columns.table(section)
    heads, rows, _ = table_rows(ranking, section, lang)
    num_cols = [0, 2, *range(4, len(heads))]
    return md_table(heads, rows, num_cols=num_cols)


class _Cells:
    """The cells of every bloc's table (:class:`~ict_adoption.views.coded.TableColumns`),
    each distinct text escaped once and padded once per width; names escaped a column at
    a time. :meth:`table` is :func:`md_table` of a bloc, the rows looked up and joined once."""

    def __init__(self, rows: Rows, lang: str) -> None:
        table = TableColumns(rows, lang)
        self.rows, self.lang = rows, lang
        coded = [table.rank_codes(lambda key, label: label), table.total, table.band, *table.groups]
        self.coded = [(md_cells(texts), at) for texts, at in coded]
        self.lengths = [np.array([len(t) for t in texts], dtype=np.int64) for texts, _ in self.coded]
        self.names = md_cells(table.names)
        self.padded: dict[tuple[int, int, int], list[str]] = {}

    def _pad(self, c: int, width: int, where: int) -> list[str]:
        key = (c, width, where)  # where: 0 first column, 1 between, 2 last
        if key not in self.padded:
            texts = self.coded[c][0]
            if where == 0:
                self.padded[key] = ["| " + t.ljust(width) + " | " for t in texts]
            elif where == 1:
                self.padded[key] = [" | " + t.ljust(width) for t in texts]
            else:
                self.padded[key] = [" | " + t.ljust(width) + " |\n" for t in texts]
        return self.padded[key]

    def table(self, section: Section) -> str:
        heads = md_cells(table_heads(self.rows, section, self.lang))
        coded = [0, 1, 2, *(3 + g for g in section.group_cols)]  # rank, total, class, groups (names apart)
        s = slice(section.start, section.stop)
        at = [self.coded[c][1][s] for c in coded]
        names = self.names[s]
        widths = [int(self.lengths[c][a].max()) for c, a in zip(coded, at)]
        widths.insert(1, max(map(len, names)))
        widths = [max(3, len(h), x) for h, x in zip(heads, widths)]
        last = len(heads) - 1
        pieces: list[Any] = [lookup(self._pad(0, widths[0], 0), at[0]), list(map(str.ljust, names, repeat(widths[1])))]
        for j, (c, a) in enumerate(zip(coded[1:], at[1:]), start=2):
            pieces.append(lookup(self._pad(c, widths[j], 2 if j == last else 1), a))
        nums = {0, 2, *range(4, len(heads))}
        head = "| " + " | ".join(h.ljust(widths[j]) for j, h in enumerate(heads)) + " |"
        rule = "| " + " | ".join(("-" * (widths[j] - 1) + ":") if j in nums else "-" * widths[j] for j in range(len(heads))) + " |"
        return joined_rows(pieces, len(section), f"{head}\n{rule}\n")[:-1]


def ranking_markdown(ranking: "Rows | HasRows", *, lang: str = "vi", level: int = 1) -> str:
    """A Markdown document: title, rubric and sources, the warning line, a table per bloc."""
    check_lang(lang)
    rows = rows_of(ranking)
    w = words(lang, rows.rubric.assessment)
    h = "#" * level
    parts = [f"{h} {md_escape(w['title'])}", ""]
    # one paragraph, a hard line break (two trailing spaces) after each line but the last
    parts += [md_escape(x) + "  " for x in header_lines(rows, lang)]
    parts[-1] = parts[-1].rstrip()
    warn = provenance_warning(rows.rubric, lang)
    if warn:
        parts += ["", f"> **{md_escape(warn)}**"]
    columns = _Cells(rows, lang) if rows.filled_sections else None
    for section in rows.filled_sections:
        parts += ["", f"{h}# {md_escape(bloc_label(section.bloc, lang))}", "", bloc_table_markdown(rows, section, lang, columns=columns)]
    return "\n".join(parts) + "\n"
