"""Reports: a ranking written up the way a results announcement is, in one document.

:func:`build_report` gives, in Markdown, HTML, Excel or plain text, a list of sections
(:class:`~ict_adoption.report.sections.ReportSection`), in this order:

1. the header: title, the rubric edition (region, edition, assessment years), its legal
   source(s) and the ranking method — and, when the rubric uses assumed values, a
   warning line saying they are not published;
2. per bloc: the table (rank with "2=" for a tie, unit, total with exactly the rubric's
   decimals, class, group points where known), the number of units per class, and the
   summary sentences (:func:`ict_adoption.views.narrative.bloc_narrative`); with
   ``plots=True`` (HTML) the bloc's ranking chart;
3. with ``profiles=True``, every unit's profile (strengths, weaknesses, points lacking
   for the next class and to pass the unit above; with ``plots`` its group chart);
4. the sections passed in ``sections`` (the hook for new parts, e.g. an uncertainty
   section written in its own module);
5. the provenance: how many values of the rubric are assumed, each listed with its
   reason; notes the readers left on the input (e.g. a name matched only without
   diacritics). In the report's language.

Everything is built from the ranking, so the sentences, tables and counts agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..html_text import page
from ..views import check_lang
from ..views.excel import ranking_workbook
from .sections import ReportContext, ReportSection
from .standard import BlocsSection, HeaderSection, ProvenanceSection, bloc_heading

if TYPE_CHECKING:  # pragma: no cover
    from ..rows import HasRows, Rows

__all__ = [
    "build_report",
    "report_sections",
    "REPORT_FORMATS",
    "ReportContext",
    "ReportSection",
    "HeaderSection",
    "BlocsSection",
    "ProvenanceSection",
    "bloc_heading",
]

REPORT_FORMATS = ("markdown", "html", "xlsx", "text")


def report_sections(*, profiles: bool = False, extra: Sequence[ReportSection] = (),
                    margin: float = 0.10) -> list[ReportSection]:
    """The sections of a report in their order: header, blocs, [profiles], ``extra``…,
    provenance (see the module docstring)."""
    out: list[ReportSection] = [HeaderSection(), BlocsSection()]
    if profiles:
        from .profiles import ProfilesSection

        out.append(ProfilesSection(margin))
    return [*out, *extra, ProvenanceSection()]


def build_report(
    ranking: "Rows | HasRows",
    format: str = "markdown",
    *,
    lang: str = "vi",
    profiles: bool = False,
    plots: bool = False,
    sections: Sequence[ReportSection] = (),
) -> str | bytes:
    """The report of ``ranking`` as ``"markdown"``, ``"html"``, ``"text"`` (``str``) or
    ``"xlsx"`` (``bytes``; needs openpyxl). ``lang``: ``"vi"`` (default) or ``"en"``.

    ``profiles``: add every unit's profile (needs a :class:`~ict_adoption.ranking.Ranking`).
    ``plots``: embed the charts as inline SVG (HTML only; needs matplotlib, the ``plots``
    extra). ``sections``: more :class:`ReportSection` objects, placed before the
    provenance.
    """
    check_lang(lang)
    if format not in REPORT_FORMATS:
        raise ValueError(f"format: expected one of {', '.join(REPORT_FORMATS)}, got {format!r}")
    if plots and format != "html":
        raise ValueError(
            f"biểu đồ chỉ có trong báo cáo HTML, không có trong {format} "
            f"(plots are embedded in the HTML report only, not in {format})"
        )
    ctx = ReportContext(ranking, lang=lang, format=format, plots=plots)
    parts = report_sections(profiles=profiles, extra=sections)
    if format == "markdown":
        return "\n\n".join(b for b in (s.markdown(ctx) for s in parts) if b) + "\n"
    if format == "html":
        body = "\n".join(b for b in (s.html(ctx) for s in parts) if b)
        return page(ctx.w["title"], body, lang=lang)
    if format == "text":
        return "\n\n".join(b for b in (s.text(ctx) for s in parts) if b) + "\n"
    lines = [line for s in parts for line in s.summary(ctx)]
    return ranking_workbook(ctx.rows, lang=lang, summary=lines)
