"""HTML views of a ranking: notebook fragments and self-contained pages.

* :func:`ranking_html` — a fragment (``Ranking._repr_html_``): a table per bloc, class
  cells coloured (green for the top class … red for the lowest), ties shown as "2=".
* :func:`ranking_page` — a complete document (the ``"html"`` writer format): UTF-8,
  inline CSS, no script, no external resource (no font, image, stylesheet or link).
* :func:`rubric_html` — the rubric's fragment (``Rubric._repr_html_``), kept here too.

All text from the rubric or the data (unit names, notes, citations) is escaped; the
building blocks (:func:`esc`, :func:`simple_table`, :func:`page`) are in
:mod:`ict_adoption.html_text`.
"""

from __future__ import annotations

from typing import Any, Sequence

from . import bloc_label, check_lang, header_lines, provenance_warning, table_columns, table_heads, words, year_warning_line
from ..html_text import CSS, TABLE, band_colour, esc, page, simple_table, td, th
from ..row_cells import joined_rows, lookup
from ..rows import HasRows, Rows, Section, rows_of
from .coded import TableColumns
from ..rubric_html import rubric_html

__all__ = ["ranking_html", "rubric_html", "ranking_page", "page", "bloc_table_html", "simple_table", "esc", "CSS"]


def bloc_table_html(
    ranking: "Rows | HasRows", section: Section, lang: str = "vi", *, caption: bool = True, columns: TableColumns | None = None
) -> str:
    """The table of one bloc: rank ("2="), unit, total, class (coloured), group points.

    ``columns``: the cells of every bloc (:class:`~ict_adoption.views.coded.TableColumns`
    of the rows, in ``lang``), when the tables of many blocs are made: then each
    distinct text becomes its cell once and every row's cells are looked up.
    """
    rows = rows_of(ranking)
    if columns is not None and len(section):
        return _CodedCells.of(columns).table(section, lang, caption)
    heads, cells, bands = table_columns(rows, section, lang)
    n_bands = len(rows.rubric.bands)
    out = _table_head(section, heads, lang, caption)
    s = slice(section.start, section.stop)
    tied, ok = rows.tied[s].tolist(), rows.reported[s].tolist()
    # column by column: the opening tag of each cell variant is built once, by td itself
    rank_open = {t: _opening(num=True, cls="ia-rank ia-tied" if t else "ia-rank") for t in (False, True)}
    total_open = {k: _opening(num=k, cls="ia-total") for k in (False, True)}
    band_open = {-1: _opening(cls="ia-band")} | {
        b: _opening(style=f"background:{band_colour(b, n_bands)}", cls=f"ia-band ia-band-{b}") for b in range(n_bands)
    }
    num_open = _opening(num=True)
    unit_open = _opening(cls="ia-unit")
    cell_columns = [
        [rank_open[t] + esc(x) + "</td>" for t, x in zip(tied, cells[0])],
        [unit_open + esc(x) + "</td>" for x in cells[1]],
        [total_open[k] + esc(x) + "</td>" for k, x in zip(ok, cells[2])],
        [band_open[b] + esc(x) + "</td>" for b, x in zip(bands, cells[3])],
        *([num_open + esc(x) + "</td>" for x in col] for col in cells[4:]),
    ]
    for k, tds in zip(ok, zip(*cell_columns)):
        out.append(('<tr data-status="ranked">' if k else '<tr data-status="not_reported">') + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


class _CodedCells:
    """The cells of :func:`bloc_table_html` made once per distinct text of each column."""

    def __init__(self, columns: TableColumns) -> None:
        self.columns = columns
        rows = columns.rows
        n_bands = len(rows.rubric.bands)
        tr = ('<tr data-status="not_reported">', '<tr data-status="ranked">')
        rank_open = {t: _opening(num=True, cls="ia-rank ia-tied" if t else "ia-rank") for t in (False, True)}
        unit_open = _opening(cls="ia-unit")
        # the row's opening, its rank cell and the opening of its unit cell, by rank key
        self.rank = columns.rank_codes(lambda k, label: tr[k >= 0] + rank_open[bool(k >= 0 and k & 1)] + esc(label) + "</td>" + unit_open)
        names = columns.names
        joined = "".join(names)
        self.names = [esc(x) for x in names] if any(c in joined for c in "&<>\"'") else names
        texts, at = columns.total
        blank = len(texts) - 1  # (the text of a unit with no report)
        self.total = (["</td>" + _opening(num=i != blank, cls="ia-total") + esc(t) + "</td>" for i, t in enumerate(texts)], at)
        band_open = [_opening(style=f"background:{band_colour(b, n_bands)}", cls=f"ia-band ia-band-{b}") for b in range(n_bands)]
        labels, at = columns.band
        self.band = ([(band_open[b] if b < n_bands else _opening(cls="ia-band")) + esc(x) + "</td>" for b, x in enumerate(labels)], at)
        num_open = _opening(num=True)
        self.groups = [([num_open + esc(t) + "</td>" for t in texts], at) for texts, at in columns.groups]

    @classmethod
    def of(cls, columns: TableColumns) -> "_CodedCells":
        made = getattr(columns, "_html_cells", None)
        if made is None:
            made = cls(columns)
            setattr(columns, "_html_cells", made)
        return made

    def table(self, section: Section, lang: str, caption: bool) -> str:
        rows = self.columns.rows
        out = _table_head(section, table_heads(rows, section, lang), lang, caption)
        s = slice(section.start, section.stop)
        coded = [self.rank, self.total, self.band, *(self.groups[g] for g in section.group_cols)]
        pieces: list[Any] = [lookup(texts, at[s]) for texts, at in coded]
        pieces.insert(1, self.names[s])
        pieces.append(["</tr>\n"] * len(section))
        return "\n".join(out) + "\n" + joined_rows(pieces, len(section)) + "</tbody></table>"


def _table_head(section: Section, heads: Sequence[str], lang: str, caption: bool) -> list[str]:
    """The opening lines of a bloc's table: the table tag, the caption, the heading row."""
    bloc = section.bloc
    out = [f'<table {TABLE} data-bloc="{esc(bloc.id)}" id="ia-bloc-{esc(bloc.id)}">']
    if caption:
        out.append(f"<caption>{esc(bloc_label(bloc, lang))}</caption>")
    out.append("<thead><tr>" + "".join(th(h) for h in heads) + "</tr></thead><tbody>")
    return out


def _opening(**kw: Any) -> str:
    """The opening tag that :func:`~ict_adoption.html_text.td` writes with ``kw``."""
    return td("", **kw)[: -len("</td>")]


def ranking_html(ranking: "Rows | HasRows", *, lang: str = "vi") -> str:
    """A notebook fragment: a heading, the year warning (past the years the edition's
    sources support) and the warning on assumed values, a table per bloc."""
    check_lang(lang)
    rows = rows_of(ranking)
    r = rows.rubric
    title = r.title if lang == "vi" else (r.title_en or r.title)
    parts = [
        '<div class="ict-adoption ia-ranking">',
        f"<p><strong>{esc(title)}</strong> "
        f"({esc(r.region)}:{esc(r.edition)}, {esc(r.years_label)}) — {len(rows)} "
        f"{'đơn vị' if lang == 'vi' else 'units'}</p>",
    ]
    for warn in (year_warning_line(r, lang), provenance_warning(r, lang)):
        if warn:
            parts.append(f'<p class="ia-warning" style="color:#9a6700">⚠ {esc(warn)}</p>')
    columns = TableColumns(rows, lang)
    for section in rows.filled_sections:
        parts.append(bloc_table_html(rows, section, lang, columns=columns))
    parts.append("</div>")
    return "\n".join(parts)


def ranking_page(ranking: "Rows | HasRows", *, lang: str = "vi") -> str:
    """A complete page with the tables of every bloc (the ``"html"`` writer format)."""
    check_lang(lang)
    rows = rows_of(ranking)
    w = words(lang, rows.rubric.assessment)
    body = [f"<h1>{esc(w['title'])}</h1>"]
    body += [f'<p class="ia-meta">{esc(x)}</p>' for x in header_lines(rows, lang)]
    warn = provenance_warning(rows.rubric, lang)
    if warn:
        body.append(f'<p class="ia-warning">⚠ {esc(warn)}</p>')
    columns = TableColumns(rows, lang)
    for section in rows.filled_sections:
        body.append(f"<h2>{esc(bloc_label(section.bloc, lang))}</h2>")
        body.append(bloc_table_html(rows, section, lang, caption=False, columns=columns))
    return page(w["title"], "\n".join(body), lang=lang)
