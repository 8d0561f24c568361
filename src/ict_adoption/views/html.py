"""HTML views: notebook fragments and self-contained pages.

* :func:`ranking_html` — a fragment (``Ranking._repr_html_``): a table per bloc, class
  cells coloured (green for the top class … red for the lowest), ties shown as "2=".
* :func:`rubric_html` — a fragment (``Rubric._repr_html_``): groups and criteria with
  their maxima per bloc, blocs, classes, and a provenance mark on every value
  (✓ published, ⚠ assumed with the reason as a tooltip).
* :func:`ranking_page` / :func:`page` — complete documents: UTF-8, inline CSS, no
  script, no external resource (no font, image, stylesheet or link to fetch).

All text from the rubric or the data (unit names, notes, citations) goes through
:func:`html.escape`; colours and layout are inline styles, so fragments keep their look
in notebook front-ends that strip ``<style>`` elements.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from . import (
    BlocSection,
    band_colour,
    band_label,
    bloc_label,
    bloc_sections,
    check_lang,
    decimal_text,
    header_lines,
    provenance_warning,
    source_label,
    table_rows,
    words,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Provenance, Rubric
    from ..ranking import Ranking

__all__ = ["ranking_html", "rubric_html", "ranking_page", "page", "bloc_table_html", "simple_table", "esc", "CSS"]

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
       margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1rem; }
p.ia-meta { margin: .1rem 0; color: #57606a; }
p.ia-warning { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; }
table.ia-table { border-collapse: collapse; margin: .5rem 0 1rem; }
table.ia-table th, table.ia-table td { border: 1px solid #d0d7de; padding: .25rem .5rem; }
table.ia-table th { background: #f6f8fa; text-align: left; }
table.ia-table caption { text-align: left; font-weight: 600; padding: .25rem 0; white-space: nowrap; }
td.ia-num { text-align: right; font-variant-numeric: tabular-nums; }
ul.ia-provenance li { margin: .15rem 0; }
""".strip()

_TABLE = 'class="ia-table" style="border-collapse:collapse;margin:.5rem 0 1rem"'
_CELL = "border:1px solid #d0d7de;padding:.2rem .5rem"
_HEAD = _CELL + ";background:#f6f8fa;text-align:left"
_NUM = _CELL + ";text-align:right;font-variant-numeric:tabular-nums"


def esc(value: Any) -> str:
    """Escape any text for HTML content and attribute values (quotes included)."""
    return escape("" if value is None else str(value), quote=True)


def _th(text: str) -> str:
    return f'<th style="{_HEAD}">{esc(text)}</th>'


def _td(text: str, *, num: bool = False, style: str = "", cls: str = "") -> str:
    css = (_NUM if num else _CELL) + (f";{style}" if style else "")
    klass = " ".join(x for x in ("ia-num" if num else "", cls) if x)
    attr = f' class="{klass}"' if klass else ""
    return f'<td{attr} style="{css}">{esc(text)}</td>'


def simple_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, num_cols: Iterable[int] = (), caption: str | None = None, attrs: str = "") -> str:
    """A plain table (every cell escaped); ``num_cols`` are right-aligned."""
    nums = set(num_cols)
    out = [f"<table {_TABLE}{(' ' + attrs) if attrs else ''}>"]
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(_th(h) for h in headers) + "</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(_td(c, num=j in nums) for j, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


# --------------------------------------------------------------------------- ranking


def bloc_table_html(ranking: "Ranking", section: BlocSection, lang: str = "vi", *, caption: bool = True) -> str:
    """The table of one bloc: rank ("2="), unit, total, class (coloured), group points."""
    heads, rows, bands = table_rows(ranking, section, lang)
    n_bands = len(ranking.rubric.bands)
    bloc = section.bloc
    out = [
        f'<table {_TABLE} data-bloc="{esc(bloc.id)}" id="ia-bloc-{esc(bloc.id)}">',
    ]
    if caption:
        out.append(f"<caption>{esc(bloc_label(bloc, lang))}</caption>")
    out.append("<thead><tr>" + "".join(_th(h) for h in heads) + "</tr></thead><tbody>")
    st = ranking.scored
    for i, row, b in zip(section.rows, rows, bands):
        tied = bool(ranking.tied[i]) and bool(st.reported[i])
        cells = [
            _td(row[0], num=True, cls="ia-rank ia-tied" if tied else "ia-rank"),
            _td(row[1], cls="ia-unit"),
            _td(row[2], num=bool(st.reported[i]), cls="ia-total"),
            _td(row[3], style=f"background:{band_colour(b, n_bands)}" if b >= 0 else "", cls=f"ia-band ia-band-{b}" if b >= 0 else "ia-band"),
        ]
        cells += [_td(x, num=True) for x in row[4:]]
        status = "ranked" if st.reported[i] else "not_reported"
        out.append(f'<tr data-status="{status}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def ranking_html(ranking: "Ranking", *, lang: str = "vi") -> str:
    """A notebook fragment: a heading, the warning on assumed values, a table per bloc."""
    check_lang(lang)
    r = ranking.rubric
    title = r.title if lang == "vi" else (r.title_en or r.title)
    parts = [
        '<div class="ict-adoption ia-ranking">',
        f"<p><strong>{esc(title)}</strong> "
        f"({esc(r.region)}:{esc(r.edition)}, {esc(r.years_label)}) — {len(ranking)} "
        f"{'đơn vị' if lang == 'vi' else 'units'}</p>",
    ]
    warn = provenance_warning(r, lang)
    if warn:
        parts.append(f'<p class="ia-warning" style="color:#9a6700">⚠ {esc(warn)}</p>')
    for section in bloc_sections(ranking):
        parts.append(bloc_table_html(ranking, section, lang))
    parts.append("</div>")
    return "\n".join(parts)


def ranking_page(ranking: "Ranking", *, lang: str = "vi") -> str:
    """A complete page with the tables of every bloc (the ``"html"`` writer format)."""
    check_lang(lang)
    w = words(lang)
    lines = header_lines(ranking, lang)
    body = [f"<h1>{esc(w['title'])}</h1>"]
    body += [f'<p class="ia-meta">{esc(x)}</p>' for x in lines]
    warn = provenance_warning(ranking.rubric, lang)
    if warn:
        body.append(f'<p class="ia-warning">⚠ {esc(warn)}</p>')
    for section in bloc_sections(ranking):
        body.append(f"<h2>{esc(bloc_label(section.bloc, lang))}</h2>")
        body.append(bloc_table_html(ranking, section, lang, caption=False))
    return page(w["title"], "\n".join(body), lang=lang)


def page(title: str, body_html: str, *, lang: str = "vi") -> str:
    """A complete, self-contained HTML5 document (``body_html`` must be escaped already)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f"{body_html}\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- rubric


def _mark(rubric: "Rubric", prov: "Provenance | None", lang: str) -> str:
    """✓ (published, the citation as tooltip) or ⚠ (assumed, the reason as tooltip)."""
    prov = prov or rubric.default_provenance
    w = words(lang)
    if prov is None or prov.status == "assumed":
        reason = prov.assumed if prov is not None else "no provenance given"
        return f'<span class="ia-assumed" title="{esc(w["assumed"] + ": " + str(reason))}" style="color:#9a6700">⚠ {esc(w["assumed"])}</span>'
    cite = next((s.citation() for s in rubric.sources if s.id == prov.source), prov.source or "")
    if prov.cite:
        cite = f"{cite} ({prov.cite})"
    return f'<span class="ia-published" title="{esc(cite)}" style="color:#1a7f37">✓</span>'


def rubric_html(rubric: "Rubric", *, lang: str = "vi") -> str:
    """A notebook fragment describing a rubric edition (``Rubric._repr_html_``)."""
    check_lang(lang)
    w = words(lang)
    r = rubric
    title = r.title if lang == "vi" else (r.title_en or r.title)
    parts = [
        '<div class="ict-adoption ia-rubric">',
        f"<p><strong>{esc(title)}</strong> ({esc(r.region)}:{esc(r.edition)}, "
        f"{esc(w['years'])} {esc(r.years_label)}, {r.precision} "
        f"{'chữ số thập phân' if lang == 'vi' else 'decimals'})</p>",
    ]
    for s in r.sources:
        parts.append(f'<p class="ia-meta">{esc(source_label(s, lang))}: {esc(s.citation())}</p>')
    warn = provenance_warning(r, lang)
    if warn:
        parts.append(f'<p class="ia-warning" style="color:#9a6700">⚠ {esc(warn)}</p>')

    # groups and criteria, one column of maxima per bloc
    heads = [w["id"], w["name"], *[bloc_label(b, lang) for b in r.blocs], ""]
    rows_html = []
    for g in r.groups:
        gname = g.name if lang == "vi" else (g.name_en or g.name)
        kind = "" if g.kind == "regular" else f" [{g.kind}]"
        maxima = [decimal_text(r.group_max(b.id, g.id)) or "—" for b in r.blocs]
        rows_html.append(
            '<tr class="ia-group">'
            + _td(g.id, style="font-weight:600")
            + _td(gname + kind, style="font-weight:600")
            + "".join(_td(m, num=True, style="font-weight:600") for m in maxima)
            + f'<td style="{_CELL}">{_mark(r, g.provenance, lang)}</td></tr>'
        )
        for c in g.criteria:
            cname = c.name if lang == "vi" else (c.name_en or c.name)
            maxima = [decimal_text(r.leaf_max(b.id, c.id)) or "—" for b in r.blocs]
            rows_html.append(
                '<tr class="ia-criterion">'
                + _td(c.id, style="padding-left:1.5rem")
                + _td(cname)
                + "".join(_td(m, num=True) for m in maxima)
                + f'<td style="{_CELL}">{_mark(r, c.provenance or g.provenance, lang)}</td></tr>'
            )
    total_row = (
        '<tr class="ia-bloc-max">'
        + _td("")
        + _td(w["total"], style="font-weight:600")
        + "".join(_td(decimal_text(r.bloc_max(b.id)), num=True, style="font-weight:600") for b in r.blocs)
        + _td("")
        + "</tr>"
    )
    parts.append(
        f"<table {_TABLE}><caption>{esc(w['groups'])}</caption><thead><tr>"
        + "".join(_th(h) for h in heads)
        + "</tr></thead><tbody>\n"
        + "\n".join(rows_html)
        + "\n"
        + total_row
        + "</tbody></table>"
    )

    # blocs
    bloc_rows = []
    for b in r.blocs:
        bloc_rows.append(
            "<tr>"
            + _td(b.id)
            + _td(bloc_label(b, lang))
            + _td(decimal_text(r.bloc_max(b.id)), num=True)
            + f'<td style="{_CELL}">{_mark(r, b.provenance, lang)}</td></tr>'
        )
    parts.append(
        f"<table {_TABLE}><caption>{esc(w['blocs'])}</caption><thead><tr>"
        + "".join(_th(h) for h in (w["id"], w["name"], w["max_head"], ""))
        + "</tr></thead><tbody>"
        + "".join(bloc_rows)
        + "</tbody></table>"
    )

    # bands
    basis = w["basis_share"] if r.band_basis == "share" else w["basis_total"]
    band_rows = []
    n = len(r.bands)
    for k, band in enumerate(r.bands):
        band_rows.append(
            "<tr>"
            + _td(band_label(band, lang), style=f"background:{band_colour(k, n)}")
            + _td(decimal_text(band.min) if band.min is not None else "—", num=True)
            + f'<td style="{_CELL}">{_mark(r, band.provenance, lang)}</td></tr>'
        )
    parts.append(
        f"<table {_TABLE}><caption>{esc(w['bands'])} ({esc(basis)})</caption><thead><tr>"
        + "".join(_th(h) for h in (w["class"], w["lower_bound"], ""))
        + "</tr></thead><tbody>"
        + "".join(band_rows)
        + "</tbody></table>"
    )
    parts.append("</div>")
    return "\n".join(parts)
