"""What a report is made of: a :class:`ReportContext` (the ranking, the language, whether
charts are wanted) and a list of :class:`ReportSection` objects, each rendering itself in
every report format.

A section is any object with four methods taking the context:

- ``markdown(ctx) -> str``: a Markdown block (headings ``##`` and below);
- ``html(ctx) -> str``: an HTML fragment, every text escaped
  (:func:`~ict_adoption.html_text.esc`);
- ``text(ctx) -> str``: plain text;
- ``summary(ctx) -> list[str]``: the lines it adds to the summary sheet of the xlsx
  report (the default: its text, line by line).

:class:`ReportSection` is the abstract base class to derive from (it gives the
default ``summary``; a section that lacks one of the three renderings cannot be made). :func:`~ict_adoption.report.build_report` joins the blocks: Markdown and
text with a blank line between sections, HTML one after the other.

This is the hook for a new part of the report: write the section in your own module and
pass it to ``build_report(..., sections=[...])`` (it is placed after the bloc tables and
profiles, before the provenance); the CLI's ``report`` command builds its list in
:func:`ict_adoption.cli.report_cmd.report_sections`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

import attrs

from ..rows import rows_of
from ..words import words

if TYPE_CHECKING:  # pragma: no cover
    from ..rows import HasRows, Rows

__all__ = ["ReportContext", "ReportSection"]


@attrs.frozen(eq=False)
class ReportContext:
    """What every section reads: ``source`` (the ranking given to ``build_report``,
    a :class:`~ict_adoption.ranking.Ranking` or a bare ``Rows``), its ``rows``, the
    report's ``lang`` (``"vi"``/``"en"``), its ``format`` and whether ``plots`` (charts,
    HTML only) were asked for."""

    source: "Rows | HasRows"
    lang: str = "vi"
    format: str = "markdown"
    plots: bool = False

    @property
    def rows(self) -> "Rows":
        """The row model of the ranking (display order, a section per bloc)."""
        return rows_of(self.source)

    @property
    def w(self) -> dict[str, str]:
        """The report's words (:func:`ict_adoption.words.words`) in its language."""
        return words(self.lang, self.rows.rubric.assessment)

    @property
    def vi(self) -> bool:
        """Whether the report is in Vietnamese."""
        return self.lang == "vi"

    def ranking(self) -> Any:
        """The :class:`~ict_adoption.ranking.Ranking` itself (profiles need it, not only rows)."""
        if hasattr(self.source, "scored"):
            return self.source
        raise ValueError(
            "phần này của báo cáo cần một bảng xếp hạng (Ranking), không chỉ các dòng (Rows) "
            "(this part of the report needs a Ranking, not bare Rows)"
        )


class ReportSection(ABC):
    """One part of a report, rendered in each format (see the module docstring)."""

    @abstractmethod
    def markdown(self, ctx: ReportContext) -> str:
        """The section as a Markdown block (headings ``##`` and below)."""

    @abstractmethod
    def html(self, ctx: ReportContext) -> str:
        """The section as an HTML fragment, every text escaped."""

    @abstractmethod
    def text(self, ctx: ReportContext) -> str:
        """The section as plain text."""

    def summary(self, ctx: ReportContext) -> list[str]:
        """Lines for the xlsx report's summary sheet (default: the text, line by line)."""
        return [*self.text(ctx).splitlines(), ""]
