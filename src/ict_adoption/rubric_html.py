"""A rubric edition as an HTML fragment: ``Rubric._repr_html_`` in a notebook.

Groups and criteria with their maxima per bloc, blocs, classes, and a provenance mark
on every value (✓ published, with the citation as tooltip; ⚠ assumed, with the
reason). The rubric is read by its attributes only, so the model can offer this
display without importing any view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .html_text import CELL, TABLE, band_colour, esc, td, th
from .words import band_label, bloc_label, check_lang, decimal_text, provenance_warning, source_label, words

if TYPE_CHECKING:  # pragma: no cover
    from .model import Provenance, Rubric

__all__ = ["rubric_html"]


def _mark(rubric: "Rubric", prov: "Provenance | None", lang: str) -> str:
    """✓ (published, the citation as tooltip) or ⚠ (assumed, the reason as tooltip)."""
    prov = prov or rubric.default_provenance
    w = words(lang)
    if prov is None or prov.status == "assumed":
        reason = ((prov.assumed_vi if lang == "vi" else None) or prov.assumed) if prov is not None else \
            ("không ghi nguồn gốc" if lang == "vi" else "no provenance given")
        return f'<span class="ia-assumed" title="{esc(w["assumed"] + ": " + str(reason))}" style="color:#9a6700">⚠ {esc(w["assumed"])}</span>'
    cite = next((s.citation() for s in rubric.sources if s.id == prov.source), prov.source or "")
    where = (prov.cite_vi if lang == "vi" else None) or prov.cite
    if where:
        cite = f"{cite} ({where})"
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
            + td(g.id, style="font-weight:600")
            + td(gname + kind, style="font-weight:600")
            + "".join(td(m, num=True, style="font-weight:600") for m in maxima)
            + f'<td style="{CELL}">{_mark(r, g.provenance, lang)}</td></tr>'
        )
        for c in g.criteria:
            cname = c.name if lang == "vi" else (c.name_en or c.name)
            maxima = [decimal_text(r.leaf_max(b.id, c.id)) or "—" for b in r.blocs]
            rows_html.append(
                '<tr class="ia-criterion">'
                + td(c.id, style="padding-left:1.5rem")
                + td(cname)
                + "".join(td(m, num=True) for m in maxima)
                + f'<td style="{CELL}">{_mark(r, c.provenance or g.provenance, lang)}</td></tr>'
            )
    total_row = (
        '<tr class="ia-bloc-max">'
        + td("")
        + td(w["total"], style="font-weight:600")
        + "".join(td(decimal_text(r.bloc_max(b.id)), num=True, style="font-weight:600") for b in r.blocs)
        + td("")
        + "</tr>"
    )
    parts.append(
        f"<table {TABLE}><caption>{esc(w['groups'])}</caption><thead><tr>"
        + "".join(th(h) for h in heads)
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
            + td(b.id)
            + td(bloc_label(b, lang))
            + td(decimal_text(r.bloc_max(b.id)), num=True)
            + f'<td style="{CELL}">{_mark(r, b.provenance, lang)}</td></tr>'
        )
    parts.append(
        f"<table {TABLE}><caption>{esc(w['blocs'])}</caption><thead><tr>"
        + "".join(th(h) for h in (w["id"], w["name"], w["max_head"], ""))
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
            + td(band_label(band, lang), style=f"background:{band_colour(k, n)}")
            + td(decimal_text(band.min) if band.min is not None else "—", num=True)
            + f'<td style="{CELL}">{_mark(r, band.provenance, lang)}</td></tr>'
        )
    parts.append(
        f"<table {TABLE}><caption>{esc(w['bands'])} ({esc(basis)})</caption><thead><tr>"
        + "".join(th(h) for h in (w["class"], w["lower_bound"], ""))
        + "</tr></thead><tbody>"
        + "".join(band_rows)
        + "</tbody></table>"
    )
    parts.append("</div>")
    return "\n".join(parts)
