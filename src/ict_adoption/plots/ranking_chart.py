"""The ranking of one bloc as a bar chart: a bar per unit in rank order, coloured (and
hatched) by class, with the class boundaries drawn as labelled vertical lines.

Reads a ranking's row model by attribute (``ranking.rows`` or a ``Rows``: ``sections``,
``unit``, ``total``, ``band``, ``rank_labels``, ``rubric``), so it imports nothing of the
library but the shared style.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .style import class_colour, class_hatch, context, figure

__all__ = ["ranking_chart", "class_bounds"]

_WORDS = {
    "vi": {"points": "Điểm", "title": "Xếp hạng khối {bloc}", "none": "không báo cáo"},
    "en": {"points": "Points", "title": "Ranking of bloc {bloc}", "none": "no report"},
}


def _words(lang: str) -> dict[str, str]:
    if lang not in _WORDS:
        raise ValueError(f"lang: expected 'vi' or 'en', got {lang!r}")
    return _WORDS[lang]


def class_bounds(rubric: Any, bloc_code: int) -> list[tuple[int, float]]:
    """``(class index, lower bound in points)`` of every bounded class of a bloc.

    A bound on the share of the maximum (``band_basis = "share"``) is turned into points
    with the bloc's maximum, so the lines sit where a total crosses into the class.
    """
    out = []
    scale = 10**rubric.precision
    bloc_max = int(rubric.bloc_max_scaled[bloc_code]) / scale
    for i, band in enumerate(rubric.bands):
        if band.min is None:
            continue
        bound = float(Decimal(band.min))
        if rubric.band_basis == "share":
            bound = bound * bloc_max / 100.0
        out.append((i, bound))
    return out


def ranking_chart(ranking: Any, bloc: str | None = None, *, lang: str = "vi") -> Any:
    """A matplotlib ``Figure`` of one bloc's ranking (the first bloc with units if none).

    ``bloc``: a bloc id, name or alias. Units without a report are left out of the bars
    and counted in the title. Labels are in Vietnamese unless ``lang="en"``.
    """
    with context():
        return _draw(getattr(ranking, "rows", ranking), bloc, _words(lang), lang)


def _draw(rows: Any, bloc: str | None, w: dict[str, str], lang: str) -> Any:
    rubric = rows.rubric
    if bloc is None:
        filled = [s for s in rows.sections if s.stop > s.start]
        if not filled:
            raise ValueError("bảng xếp hạng không có đơn vị nào (the ranking has no unit)")
        section = filled[0]
    else:
        section = rows.section(bloc)
    scale = 10**rubric.precision
    ranked = list(section.ranked)
    names = [f"{rows.rank_labels[k]}. {rows.unit[k]}" for k in ranked]
    totals = [int(rows.total[k]) / scale for k in ranked]
    bands = [int(rows.band[k]) for k in ranked]
    fig, ax = figure(7.5, max(2.5, 0.28 * len(ranked) + 1.2))
    y = list(range(len(ranked)))
    for yi, t, b in zip(y, totals, bands):
        ax.barh(yi, t, color=class_colour(b), hatch=class_hatch(b), edgecolor="#333333", linewidth=0.4)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    bloc_name = section.bloc.name if lang == "vi" else (section.bloc.name_en or section.bloc.name)
    title = w["title"].format(bloc=bloc_name)
    missing = len(section.not_reported)
    if missing:
        title += f" ({missing} {w['none']})"
    ax.set_title(title)
    ax.set_xlabel(w["points"])
    for i, bound in class_bounds(rubric, section.code):
        band = rubric.bands[i]
        label = band.label if lang == "vi" else (band.label_en or band.label)
        ax.axvline(bound, color="#333333", linestyle=(0, (4, 2)), linewidth=1.0)
        ax.annotate(
            f"{label} ≥ {bound:g}",
            xy=(bound, 0),
            xycoords=("data", "axes fraction"),
            xytext=(2, 2),
            textcoords="offset points",
            fontsize=7,
            rotation=90,
            va="bottom",
        )
    top = max([*totals, *(b for _, b in class_bounds(rubric, section.code)), 1.0])
    ax.set_xlim(0, top * 1.05)
    return fig
