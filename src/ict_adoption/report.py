"""Reports: a ranking written up the way a results announcement is, in one document.

:func:`build_report` gives, in Markdown, HTML, Excel or plain text:

1. the title, the rubric edition (region, edition, assessment years), its legal
   source(s) and the ranking method — and, when the rubric uses assumed values, a
   warning line saying they are not published;
2. per bloc: the table (rank with "2=" for a tie, unit, total with exactly the rubric's
   decimals, class, group points where known), the number of units per class, and the
   summary sentences (:func:`ict_adoption.views.narrative.bloc_narrative`);
3. the provenance note: how many values of the rubric are assumed, each listed with
   its reason; notes the readers left on the input (e.g. a name matched only without
   diacritics).

Everything is built from the ranking, so the sentences, tables and counts agree.
"""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from .html_text import esc, page, simple_table
from .rows import HasRows, Rows, Section, rows_of
from .views import (
    assumed_items,
    bloc_label,
    check_lang,
    counts_rows,
    decimal_text,
    header_lines,
    provenance_summary,
    provenance_warning,
    table_rows,
    words,
)
from .views.excel import ranking_workbook
from .views.html import bloc_table_html
from .views.markdown import md_escape, md_table
from .views.narrative import bloc_narrative

__all__ = ["build_report", "REPORT_FORMATS"]

REPORT_FORMATS = ("markdown", "html", "xlsx", "text")


def build_report(ranking: "Rows | HasRows", format: str = "markdown", *, lang: str = "vi") -> str | bytes:
    """The report of ``ranking`` as ``"markdown"``, ``"html"``, ``"text"`` (``str``) or
    ``"xlsx"`` (``bytes``; needs openpyxl). ``lang``: ``"vi"`` (default) or ``"en"``."""
    check_lang(lang)
    if format not in REPORT_FORMATS:
        raise ValueError(f"format: expected one of {', '.join(REPORT_FORMATS)}, got {format!r}")
    doc = _Document(rows_of(ranking), lang)
    if format == "markdown":
        return _markdown(doc)
    if format == "html":
        return _html(doc)
    if format == "text":
        return _text(doc)
    return _xlsx(doc)


# --------------------------------------------------------------------------- content


def bloc_heading(ranking: "Rows | HasRows", section: Section, lang: str) -> str:
    """``"Khối Sở, ngành (tối đa 100 điểm)"`` / ``"Departments bloc (max 100 points)"``."""
    name = bloc_label(section.bloc, lang)
    top = decimal_text(rows_of(ranking).rubric.bloc_max(section.bloc.id))
    if lang == "vi":
        head = name if name.casefold().startswith(("khối ", "nhóm ")) else f"Khối {name}"
        return f"{head} (tối đa {top} điểm)"
    head = name if name.casefold().endswith((" bloc", " group")) else f"{name} bloc"
    return f"{head} (max {top} points)"


class _Document:
    """The report's content, independent of the output format."""

    def __init__(self, rows: Rows, lang: str) -> None:
        self.rows = rows
        self.lang = lang
        self.w = words(lang)
        rubric = rows.rubric
        self.title = self.w["title"]
        self.meta = header_lines(rows, lang)
        year_warning = rubric.year_warning(lang)  # the edition used past the years its sources support
        if year_warning is not None:
            self.meta.append(("Cảnh báo: " if lang == "vi" else "Warning: ") + year_warning)
        self.warning = provenance_warning(rubric, lang)
        self.sections = rows.filled_sections
        self.blocs: list[dict[str, Any]] = []
        for s in self.sections:
            heads, cells, bands = table_rows(rows, s, lang)
            c_heads, c_rows = counts_rows(rows, s, lang)
            self.blocs.append(
                {
                    "section": s,
                    "heading": bloc_heading(rows, s, lang),
                    "headers": heads,
                    "rows": cells,
                    "bands": bands,
                    "counts_headers": c_heads,
                    "counts": c_rows,
                    "narrative": bloc_narrative(rows, s, lang=lang),
                }
            )
        self.provenance_summary = provenance_summary(rubric, lang)
        self.assumed = [
            f"{p['item']}: {p.get('reason', '')}" + (f" ({p['citation']})" if p.get("citation") else "")
            for p in assumed_items(rubric)
        ]
        self.notes = list(rows.input_notes)
        self.tied_note = self.w["tied_note"] if bool(rows.tied.any()) else None

    @property
    def provenance_heading(self) -> str:
        return self.w["provenance"]

    @property
    def assumed_heading(self) -> str:
        return "Các giá trị giả định:" if self.lang == "vi" else "Assumed values:"


# --------------------------------------------------------------------------- formats


def _markdown(doc: _Document) -> str:
    out = [f"# {md_escape(doc.title)}", ""]
    # one paragraph, a hard line break (two trailing spaces) after each line but the last
    out += [md_escape(x) + "  " for x in doc.meta]
    out[-1] = out[-1].rstrip()
    if doc.warning:
        out += ["", f"> **⚠ {md_escape(doc.warning)}**"]
    for b in doc.blocs:
        num_cols = [0, 2, *range(4, len(b["headers"]))]
        out += ["", f"## {md_escape(b['heading'])}", "", md_table(b["headers"], b["rows"], num_cols=num_cols)]
        out += ["", f"**{md_escape(doc.w['counts'])}**", "", md_table(b["counts_headers"], b["counts"], num_cols=[1])]
        out += ["", md_escape(b["narrative"])]
    if doc.tied_note:
        out += ["", md_escape(doc.tied_note)]
    out += ["", f"## {md_escape(doc.provenance_heading)}", ""]
    if doc.warning:
        out += [f"**⚠ {md_escape(doc.warning)}**", ""]
    out.append(md_escape(doc.provenance_summary))
    if doc.assumed:
        out += ["", md_escape(doc.assumed_heading), ""]
        out += [f"- {md_escape(x)}" for x in doc.assumed]
    if doc.notes:
        out += ["", f"**{md_escape(doc.w['notes'])}**", ""]
        out += [f"- {md_escape(x)}" for x in doc.notes]
    return "\n".join(out) + "\n"


def _html(doc: _Document) -> str:
    body = [f"<h1>{esc(doc.title)}</h1>"]
    body += [f'<p class="ia-meta">{esc(x)}</p>' for x in doc.meta]
    if doc.warning:
        body.append(f'<p class="ia-warning" role="alert">⚠ {esc(doc.warning)}</p>')
    for b in doc.blocs:
        s = b["section"]
        body.append(f'<section class="ia-bloc" data-bloc="{esc(s.bloc.id)}">')
        body.append(f"<h2>{esc(b['heading'])}</h2>")
        body.append(bloc_table_html(doc.rows, s, doc.lang, caption=False))
        body.append(
            simple_table(
                b["counts_headers"], b["counts"], num_cols=[1], caption=doc.w["counts"],
                attrs=f'data-counts="{esc(s.bloc.id)}"',
            )
        )
        body.append(f'<p class="ia-narrative">{esc(b["narrative"])}</p>')
        body.append("</section>")
    if doc.tied_note:
        body.append(f"<p>{esc(doc.tied_note)}</p>")
    body.append(f'<section class="ia-provenance"><h2>{esc(doc.provenance_heading)}</h2>')
    if doc.warning:
        body.append(f'<p class="ia-warning">⚠ {esc(doc.warning)}</p>')
    body.append(f"<p>{esc(doc.provenance_summary)}</p>")
    if doc.assumed:
        body.append(f"<p>{esc(doc.assumed_heading)}</p>")
        body.append('<ul class="ia-provenance">' + "".join(f"<li>{esc(x)}</li>" for x in doc.assumed) + "</ul>")
    if doc.notes:
        body.append(f"<h3>{esc(doc.w['notes'])}</h3>")
        body.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in doc.notes) + "</ul>")
    body.append("</section>")
    return page(doc.title, "\n".join(body), lang=doc.lang)


def _text(doc: _Document) -> str:
    out = [doc.title, "=" * len(doc.title), *doc.meta]
    if doc.warning:
        out += ["", f"!! {doc.warning}"]
    for b in doc.blocs:
        out += ["", b["heading"], "-" * len(b["heading"])]
        aligns = ["right", "left", "right", "left"] + ["right"] * (len(b["headers"]) - 4)
        out.append(tabulate(b["rows"], headers=b["headers"], disable_numparse=True, colalign=aligns))
        out += ["", tabulate(b["counts"], headers=b["counts_headers"], disable_numparse=True, colalign=("left", "right"))]
        out += ["", b["narrative"]]
    if doc.tied_note:
        out += ["", doc.tied_note]
    out += ["", doc.provenance_heading, "-" * len(doc.provenance_heading)]
    if doc.warning:
        out.append(f"!! {doc.warning}")
    out.append(doc.provenance_summary)
    if doc.assumed:
        out += [doc.assumed_heading, *(f"  - {x}" for x in doc.assumed)]
    if doc.notes:
        out += ["", doc.w["notes"] + ":", *(f"  - {x}" for x in doc.notes)]
    return "\n".join(out) + "\n"


def _xlsx(doc: _Document) -> bytes:
    lines = [doc.title, *doc.meta]
    if doc.warning:
        lines.append(f"⚠ {doc.warning}")
    lines.append("")
    for b in doc.blocs:
        lines += [b["heading"], b["narrative"], ""]
    if doc.tied_note:
        lines.append(doc.tied_note)
    lines += [doc.provenance_heading, doc.provenance_summary]
    if doc.assumed:
        lines += [doc.assumed_heading, *(f"- {x}" for x in doc.assumed)]
    if doc.notes:
        lines += ["", doc.w["notes"], *(f"- {x}" for x in doc.notes)]
    return ranking_workbook(doc.rows, lang=doc.lang, summary=lines)
