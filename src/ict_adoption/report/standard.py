"""The standard sections of a report: the header (title, edition, sources, method,
assumed-values warning), the bloc tables (table, class counts, sentences; with
``plots`` the bloc's ranking chart) and the provenance of the rubric (in the report's
language: Vietnamese by default, English with ``lang="en"``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from ..html_text import esc, simple_table
from ..problems import in_lang
from ..words import vi_decimal
from ..views import (
    assumed_items,
    bloc_label,
    counts_rows,
    decimal_text,
    header_lines,
    provenance_summary,
    provenance_warning,
    table_rows,
)
from ..views.html import bloc_table_html
from ..views.markdown import md_escape, md_table
from ..views.narrative import bloc_narrative
from .charts import chart_html
from .sections import ReportContext, ReportSection

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric
    from ..rows import HasRows, Rows, Section

__all__ = ["HeaderSection", "BlocsSection", "ProvenanceSection", "bloc_heading", "assumed_lines"]


def bloc_heading(ranking: "Rows | HasRows", section: "Section", lang: str) -> str:
    """``"Khối Sở, ngành (tối đa 100 điểm)"`` / ``"Departments bloc (max 100 points)"``."""
    from ..rows import rows_of

    name = bloc_label(section.bloc, lang)
    top = decimal_text(rows_of(ranking).rubric.bloc_max(section.bloc.id))
    if lang == "vi":
        head = name if name.casefold().startswith(("khối ", "nhóm ")) else f"Khối {name}"
        return f"{head} (tối đa {vi_decimal(top)} điểm)"  # decimal comma, as in the tables and sentences
    head = name if name.casefold().endswith((" bloc", " group")) else f"{name} bloc"
    return f"{head} (max {top} points)"


def _warning(ctx: ReportContext) -> str | None:
    return provenance_warning(ctx.rows.rubric, ctx.lang)


class HeaderSection(ReportSection):
    """The title and the lines under it; the assumed-values warning when there is one."""

    def _meta(self, ctx: ReportContext) -> list[str]:
        rows = ctx.rows
        return header_lines(rows, ctx.lang)  # ends with the year warning when one applies

    def markdown(self, ctx: ReportContext) -> str:
        out = [f"# {md_escape(ctx.w['title'])}", ""]
        # one paragraph, a hard line break (two trailing spaces) after each line but the last
        out += [md_escape(x) + "  " for x in self._meta(ctx)]
        out[-1] = out[-1].rstrip()
        warning = _warning(ctx)
        if warning:
            out += ["", f"> **⚠ {md_escape(warning)}**"]
        return "\n".join(out)

    def html(self, ctx: ReportContext) -> str:
        body = [f"<h1>{esc(ctx.w['title'])}</h1>"]
        body += [f'<p class="ia-meta">{esc(x)}</p>' for x in self._meta(ctx)]
        warning = _warning(ctx)
        if warning:
            body.append(f'<p class="ia-warning" role="alert">⚠ {esc(warning)}</p>')
        return "\n".join(body)

    def text(self, ctx: ReportContext) -> str:
        title = ctx.w["title"]
        out = [title, "=" * len(title), *self._meta(ctx)]
        warning = _warning(ctx)
        if warning:
            out += ["", f"!! {warning}"]
        return "\n".join(out)

    def summary(self, ctx: ReportContext) -> list[str]:
        warning = _warning(ctx)
        return [ctx.w["title"], *self._meta(ctx), *([f"⚠ {warning}"] if warning else []), ""]


class BlocsSection(ReportSection):
    """Per bloc with units: the table, the units per class, the summary sentences (and,
    with ``ctx.plots``, the ranking chart); then the note on tied ranks."""

    def _blocs(self, ctx: ReportContext) -> list[dict[str, Any]]:
        rows = ctx.rows
        out = []
        for s in rows.filled_sections:
            heads, cells, _ = table_rows(rows, s, ctx.lang)
            c_heads, c_rows = counts_rows(rows, s, ctx.lang)
            out.append({"section": s, "heading": bloc_heading(rows, s, ctx.lang), "headers": heads, "rows": cells,
                        "counts_headers": c_heads, "counts": c_rows,
                        "narrative": bloc_narrative(rows, s, lang=ctx.lang)})
        return out

    def _tied_note(self, ctx: ReportContext) -> str | None:
        # explained with a tie the report shows ("1=" when the only tie is for first place)
        label = next((lb for lb, t in zip(ctx.rows.rank_labels, ctx.rows.tied.tolist()) if t), None)
        return None if label is None else str(ctx.w["tied_note"]).format(label=label)

    def markdown(self, ctx: ReportContext) -> str:
        out: list[str] = []
        for b in self._blocs(ctx):
            num_cols = [0, 2, *range(4, len(b["headers"]))]
            if out:
                out.append("")
            out += [f"## {md_escape(b['heading'])}", "", md_table(b["headers"], b["rows"], num_cols=num_cols)]
            out += ["", f"**{md_escape(ctx.w['counts'])}**", "", md_table(b["counts_headers"], b["counts"], num_cols=[1])]
            out += ["", md_escape(b["narrative"])]
        note = self._tied_note(ctx)
        if note:
            out += ["", md_escape(note)]
        return "\n".join(out)

    def html(self, ctx: ReportContext) -> str:
        body = []
        for b in self._blocs(ctx):
            s = b["section"]
            body.append(f'<section class="ia-bloc" data-bloc="{esc(s.bloc.id)}">')
            body.append(f"<h2>{esc(b['heading'])}</h2>")
            body.append(bloc_table_html(ctx.rows, s, ctx.lang, caption=False))
            body.append(simple_table(b["counts_headers"], b["counts"], num_cols=[1], caption=ctx.w["counts"],
                                     attrs=f'data-counts="{esc(s.bloc.id)}"'))
            body.append(f'<p class="ia-narrative">{esc(b["narrative"])}</p>')
            if ctx.plots:
                from ..plots.ranking_chart import ranking_chart

                fig = ranking_chart(ctx.rows, s.bloc.id, lang=ctx.lang)
                caption = ("Biểu đồ xếp hạng " if ctx.vi else "Ranking chart: ") + b["heading"]
                body.append(chart_html(fig, caption, kind="ranking", key=s.bloc.id))
            body.append("</section>")
        note = self._tied_note(ctx)
        if note:
            body.append(f"<p>{esc(note)}</p>")
        return "\n".join(body)

    def text(self, ctx: ReportContext) -> str:
        out: list[str] = []
        for b in self._blocs(ctx):
            if out:
                out.append("")
            out += [b["heading"], "-" * len(b["heading"])]
            aligns = ["right", "left", "right", "left"] + ["right"] * (len(b["headers"]) - 4)
            out.append(tabulate(b["rows"], headers=b["headers"], disable_numparse=True, colalign=aligns))
            out += ["", tabulate(b["counts"], headers=b["counts_headers"], disable_numparse=True, colalign=("left", "right"))]
            out += ["", b["narrative"]]
        note = self._tied_note(ctx)
        if note:
            out += ["", note]
        return "\n".join(out)

    def summary(self, ctx: ReportContext) -> list[str]:
        out: list[str] = []
        for b in self._blocs(ctx):
            out += [b["heading"], b["narrative"], ""]
        note = self._tied_note(ctx)
        return out + ([note] if note else [])


_ITEM_WORDS = {
    "vi": {"rubric": "Bộ tiêu chí", "group": "Nhóm", "criterion": "Tiêu chí", "bloc": "Khối", "band": "Xếp loại"},
    "en": {"rubric": "The rubric", "group": "Group", "criterion": "Criterion", "bloc": "Bloc", "band": "Class"},
}


def _item_label(rubric: "Rubric", item: str, lang: str) -> str:
    """``"group infra"`` → ``"Nhóm Hạ tầng (infra)"`` / ``"Group Infrastructure (infra)"``."""
    kind, _, key = item.partition(" ")
    w = _ITEM_WORDS[lang]
    if kind not in w:
        return item
    if kind == "rubric":
        return w["rubric"]
    try:
        obj: Any = {"group": rubric.group, "criterion": rubric.criterion, "bloc": rubric.bloc}[kind](key) \
            if kind != "band" else next(b for b in rubric.bands if b.label == key)
    except (KeyError, LookupError, StopIteration):
        return f"{w[kind]} {key}"
    if kind == "band":
        return f"{w['band']} {obj.label if lang == 'vi' else (obj.label_en or obj.label)}"
    name = obj.name if lang == "vi" else (obj.name_en or obj.name)
    return f"{w[kind]} {name} ({key})"


def assumed_lines(rubric: "Rubric", lang: str) -> list[str]:
    """One line per assumed value: the item by its name in ``lang``, then the reason the
    rubric gives (quoted as the rubric file writes it) and the source where one is named."""
    return [
        f"{_item_label(rubric, p['item'], lang)}: {p.get('reason', '')}" + (f" ({p['citation']})" if p.get("citation") else "")
        for p in assumed_items(rubric, lang)
    ]


class ProvenanceSection(ReportSection):
    """How many values of the rubric are assumed, each with its reason; the readers'
    notes on the input data."""

    def _parts(self, ctx: ReportContext) -> tuple[str, str | None, str, str, list[str], list[str]]:
        rubric = ctx.rows.rubric
        heading = ctx.w["provenance"]
        assumed_heading = ("Các giá trị giả định (lý do ghi như trong tệp bộ tiêu chí):" if ctx.vi
                           else "Assumed values (reasons as the rubric file gives them):")
        return (heading, _warning(ctx), provenance_summary(rubric, ctx.lang), assumed_heading,
                assumed_lines(rubric, ctx.lang), [in_lang(x, ctx.lang) for x in ctx.rows.input_notes])

    def markdown(self, ctx: ReportContext) -> str:
        heading, warning, summary, assumed_heading, assumed, notes = self._parts(ctx)
        out = [f"## {md_escape(heading)}", ""]
        if warning:
            out += [f"**⚠ {md_escape(warning)}**", ""]
        out.append(md_escape(summary))
        if assumed:
            out += ["", md_escape(assumed_heading), ""]
            out += [f"- {md_escape(x)}" for x in assumed]
        if notes:
            out += ["", f"**{md_escape(ctx.w['notes'])}**", ""]
            out += [f"- {md_escape(x)}" for x in notes]
        return "\n".join(out)

    def html(self, ctx: ReportContext) -> str:
        heading, warning, summary, assumed_heading, assumed, notes = self._parts(ctx)
        body = [f'<section class="ia-provenance"><h2>{esc(heading)}</h2>']
        if warning:
            body.append(f'<p class="ia-warning">⚠ {esc(warning)}</p>')
        body.append(f"<p>{esc(summary)}</p>")
        if assumed:
            body.append(f"<p>{esc(assumed_heading)}</p>")
            body.append('<ul class="ia-provenance">' + "".join(f"<li>{esc(x)}</li>" for x in assumed) + "</ul>")
        if notes:
            body.append(f"<h3>{esc(ctx.w['notes'])}</h3>")
            body.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in notes) + "</ul>")
        body.append("</section>")
        return "\n".join(body)

    def text(self, ctx: ReportContext) -> str:
        heading, warning, summary, assumed_heading, assumed, notes = self._parts(ctx)
        out = [heading, "-" * len(heading)]
        if warning:
            out.append(f"!! {warning}")
        out.append(summary)
        if assumed:
            out += [assumed_heading, *(f"  - {x}" for x in assumed)]
        if notes:
            out += ["", ctx.w["notes"] + ":", *(f"  - {x}" for x in notes)]
        return "\n".join(out)

    def summary(self, ctx: ReportContext) -> list[str]:
        heading, _, summary, assumed_heading, assumed, notes = self._parts(ctx)
        out = [heading, summary]
        if assumed:
            out += [assumed_heading, *(f"- {x}" for x in assumed)]
        if notes:
            out += ["", ctx.w["notes"], *(f"- {x}" for x in notes)]
        return out
