"""Views of a ranking: text, Markdown, HTML, Excel, CSV, DataFrame, narrative.

Every view reads the one row model, :class:`~ict_adoption.rows.Rows` (a ranking's
``.rows``), never the scored arrays, so every view shows the same rows, ranks, labels
and digits. This module holds what the views share: the sections of each bloc, the
cell texts of a bloc's table, the class colours and the header lines. The words of
both languages live in :mod:`ict_adoption.words` (re-exported here). Nothing heavy is
imported: openpyxl, pandas and tabulate only by the view that needs them.
"""

from __future__ import annotations

from typing import Any

from ..rows import HasRows, Rows, Section, rows_of
from ..words import (
    LANGS,
    assumed_items,
    band_label,
    bloc_label,
    check_lang,
    decimal_text,
    group_label,
    method_text,
    provenance_line,
    provenance_summary,
    provenance_warning,
    region_label,
    score_text,
    source_label,
    words,
)

__all__ = [
    "LANGS",
    "BlocSection",
    "bloc_sections",
    "check_lang",
    "words",
    "band_label",
    "bloc_label",
    "group_label",
    "score_text",
    "decimal_text",
    "table_rows",
    "table_columns",
    "table_heads",
    "band_colour",
    "counts_rows",
    "header_lines",
    "year_warning_line",
    "region_label",
    "source_label",
    "assumed_items",
    "provenance_warning",
    "provenance_summary",
    "provenance_line",
    "method_text",
]

#: One bloc of the rows (kept under its former name).
BlocSection = Section


def bloc_sections(ranking: "Rows | HasRows", *, include_empty: bool = False) -> list[Section]:
    """The blocs of ``ranking`` in rubric order (blocs with no unit skipped by default)."""
    rows = rows_of(ranking)
    return list(rows.sections if include_empty else rows.filled_sections)


def table_rows(
    ranking: "Rows | HasRows", section: Section, lang: str, *, group_names: bool = True
) -> tuple[list[str], list[list[str]], list[int]]:
    """``(headers, rows, band_index)`` of a bloc's table, all cells as text.

    Columns: rank (``"2="`` for a tie, ``"—"`` unranked), unit, total (the rubric's
    decimals, or "không báo cáo"), class, then the points of each known group.
    ``band_index`` gives each row's class (0 = highest, -1 = not ranked).
    """
    heads, columns, bands = table_columns(ranking, section, lang, group_names=group_names)
    return heads, [list(r) for r in zip(*columns)], bands


def table_columns(
    ranking: "Rows | HasRows", section: Section, lang: str, *, group_names: bool = True
) -> tuple[list[str], list[list[str]], list[int]]:
    """:func:`table_rows` column by column: ``(headers, columns, band_index)``.

    Each column is built in one pass over the section's slice of the rows (numbers
    through the one decimal formatter), which is what the writers use.
    """
    w = words(lang)
    rows = rows_of(ranking)
    rubric = rows.rubric
    heads = table_heads(rows, section, lang, group_names=group_names)
    s = slice(section.start, section.stop)
    labels = [band_label(b, lang) for b in rubric.bands] + [""]  # -1: not ranked
    bands = rows.band[s].tolist()
    not_reported = w["not_reported"]
    comma = lang == "vi"  # one convention in a Vietnamese document: 99,87 in tables as in prose
    totals = [t or not_reported for t in rows.points_text(rows.total[s], rows.reported[s], decimal_comma=comma)]
    columns = [
        list(rows.rank_labels[s]),
        rows.unit[s].tolist(),
        totals,
        [labels[b] for b in bands],
        *(rows.points_text(rows.group_points[s, g], rows.group_known[s, g], decimal_comma=comma)
          for g in section.group_cols),
    ]
    return heads, columns, bands


def table_heads(ranking: "Rows | HasRows", section: Section, lang: str, *, group_names: bool = True) -> list[str]:
    """The headings of a bloc's table (:func:`table_columns`): rank, unit, total, class,
    then each group known in the bloc (its name in the bloc, or its id)."""
    w = words(lang)
    rubric = rows_of(ranking).rubric
    heads = [w["rank"], w["unit"], w["total"], w["class"]]
    heads += [
        group_label(rubric, section.bloc.id, g, lang) if group_names else rubric.groups[g].id
        for g in section.group_cols
    ]
    return heads


def counts_rows(ranking: "Rows | HasRows", section: Section, lang: str) -> tuple[list[str], list[list[Any]]]:
    """``(headers, rows)``: units per class in the bloc (+ units with no report)."""
    w = words(lang)
    rows: list[list[Any]] = [
        [band_label(b, lang), n] for b, n in zip(rows_of(ranking).rubric.bands, section.counts)
    ]
    if section.not_reported:
        rows.append([w["not_reported_head"], len(section.not_reported)])
    return [w["class"], w["count"]], rows


def header_lines(ranking: "Rows | HasRows", lang: str) -> list[str]:
    """Lines under a report's title: rubric, region/edition/years, sources, method and,
    past the years the edition's sources support, the year warning (:func:`year_warning_line`)."""
    w = words(lang)
    rows = rows_of(ranking)
    r = rows.rubric
    title = r.title if lang == "vi" else (r.title_en or r.title)
    lines = [
        title,
        f"{w['region']}: {region_label(r, lang)} · {w['edition']}: {r.edition} · {w['years']}: {r.years_label}",
    ]
    if r.sources:
        lines += [f"{source_label(s, lang)}: {s.citation()}" for s in r.sources]
    else:
        lines.append(f"{w['source']}: {w['no_source']}")
    lines.append(f"{w['method']}: {method_text(rows.method, lang)}")
    warning = year_warning_line(r, lang)
    if warning is not None:  # the edition used past the years its sources support
        lines.append(warning)
    return lines


def year_warning_line(rubric: Any, lang: str) -> str | None:
    """``"Cảnh báo: năm đánh giá 2023: tính theo bộ tiêu chí …"`` (``"Warning: …"`` in
    English) when ``rubric`` was looked up for a year past what its sources support;
    None otherwise (see :meth:`Rubric.year_warning <ict_adoption.model.Rubric.year_warning>`)."""
    warning = rubric.year_warning(lang)
    if warning is None:
        return None
    return ("Cảnh báo: " if lang == "vi" else "Warning: ") + warning


def band_colour(index: int, n: int) -> str:
    """:func:`~ict_adoption.html_text.band_colour` (html_text loaded only when a colour is asked for)."""
    from ..html_text import band_colour as colour

    return colour(index, n)
