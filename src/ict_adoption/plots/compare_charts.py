"""Charts of a comparison of two assessments
(:class:`~ict_adoption.analysis.Comparison`):

- :func:`slope_chart` — year over year, one bloc: a line per unit from its earlier to its
  later total (shares of the maximum when the editions differ), a solid blue line for a
  rise, a dashed vermilion line for a fall, a dotted grey one when unchanged (so the
  direction reads in greyscale too), the unit's name at the right end;
- :func:`verification_chart` — self-assessed against verified: a point per unit at
  (points claimed, points granted) with the diagonal where nothing was cut; the units
  whose class the verification changed are drawn as vermilion diamonds and named.

Both read the comparison by attribute (``unit_records()``, ``kind``, ``basis``, ``new``,
``old``) and import nothing of the library but the shared style.
"""

from __future__ import annotations

from typing import Any

from .style import OKABE_ITO, context, figure

__all__ = ["slope_chart", "slope_values", "label_positions", "verification_chart", "RISE", "FALL", "SAME"]

#: (colour, line style) of a unit whose total rose, fell, or did not change
RISE = (OKABE_ITO["blue"], "-")
FALL = (OKABE_ITO["vermillion"], "--")
SAME = ("#888888", ":")

_WORDS = {
    "vi": {"before": "Kỳ trước", "after": "Kỳ sau", "points": "Điểm", "share": "Tỷ lệ điểm tối đa (%)",
           "slope": "Thay đổi điểm khối {bloc}", "claimed": "Điểm tự chấm", "verified": "Điểm thẩm định",
           "verification": "Tự chấm điểm và thẩm định", "changed": "Đổi xếp loại", "kept": "Giữ xếp loại",
           "none": "Không cắt điểm"},
    "en": {"before": "Before", "after": "After", "points": "Points", "share": "Share of the maximum (%)",
           "slope": "Change of points, bloc {bloc}", "claimed": "Points claimed (self-assessed)",
           "verified": "Points verified", "verification": "Self-assessed against verified",
           "changed": "Class changed", "kept": "Class kept", "none": "Nothing cut"},
}


def _words(lang: str) -> dict[str, str]:
    if lang not in _WORDS:
        raise ValueError(f"lang: expected 'vi' or 'en', got {lang!r}")
    return _WORDS[lang]


def _bloc(comparison: Any, bloc: str | None) -> Any:
    rubric = comparison.new.rubric
    if bloc is not None:
        return rubric.bloc(bloc)
    seen = {r["bloc"] for r in comparison.unit_records()}
    for b in rubric.blocs:
        if b.id in seen:
            return b
    raise ValueError("không có đơn vị nào khớp ở cả hai kỳ (no unit is matched in both assessments)")


def slope_values(comparison: Any, bloc: str | None = None) -> list[tuple[str, float, float]]:
    """``(unit, before, after)`` of every unit of the bloc reported in both assessments:
    points, or shares of the maximum in percent when the comparison is on shares."""
    b = _bloc(comparison, bloc)
    share = comparison.basis == "share"
    out = []
    for r in comparison.unit_records():
        if r["bloc"] != b.id or r["old_total"] is None or r["new_total"] is None:
            continue
        if share:
            out.append((r["unit"], 100 * r["old_share"], 100 * r["new_share"]))
        else:
            out.append((r["unit"], float(r["old_total"]), float(r["new_total"])))
    return out


def label_positions(values: list[float], gap_share: float = 0.028, span: float | None = None) -> list[float]:
    """Heights for the labels of ``values`` (same order) so that no two are closer than
    ``gap_share`` of ``span`` (default: the values' range): sorted, pushed apart, then
    centred on the values again."""
    if not values:
        return []
    lo, hi = min(values), max(values)
    gap = (span if span is not None else max(hi - lo, 1.0)) * gap_share
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed: list[float] = []
    for i in order:
        placed.append(values[i] if not placed else max(values[i], placed[-1] + gap))
    shift = (sum(placed) - sum(values[i] for i in order)) / len(placed)  # keep the labels centred
    out = [0.0] * len(values)
    for i, y in zip(order, placed):
        out[i] = y - shift
    return out


def slope_chart(comparison: Any, bloc: str | None = None, *, lang: str = "vi",
                labels: tuple[str, str] | None = None) -> Any:
    """A matplotlib ``Figure``: the year-over-year slope chart of one bloc (id, name or
    alias; the first bloc with matched units if none). ``labels``: the two columns'
    names (default "Kỳ trước"/"Kỳ sau", "Before"/"After")."""
    w = _words(lang)
    b = _bloc(comparison, bloc)
    values = slope_values(comparison, b.id)
    left, right = labels or (w["before"], w["after"])
    with context():
        fig, ax = figure(6.5, max(3.0, 0.26 * len(values) + 1.5))
        for unit, before, after in values:
            colour, style = RISE if after > before else FALL if after < before else SAME
            ax.plot([0, 1], [before, after], color=colour, linestyle=style, linewidth=1.4, marker="o",
                    markersize=3.5, gid=f"unit:{unit}")
        for (unit, _, after), y in zip(values, label_positions([v[2] for v in values])):
            ax.annotate(unit, xy=(1, after), xytext=(1.06, y), textcoords="data", va="center", fontsize=7,
                        arrowprops={"arrowstyle": "-", "color": "#aaaaaa", "linewidth": 0.5})
        ax.set_xticks([0, 1], [left, right])
        ax.set_xlim(-0.15, 1.9)
        ax.set_ylabel(w["share"] if comparison.basis == "share" else w["points"])
        name = b.name if lang == "vi" else (b.name_en or b.name)
        ax.set_title(w["slope"].format(bloc=name))
        ax.spines["bottom"].set_visible(False)
    return fig


def verification_chart(comparison: Any, *, lang: str = "vi") -> Any:
    """A matplotlib ``Figure``: points claimed (x) against points verified (y) of every
    unit reported on both sides, the diagonal of no cut, the units whose class changed
    named. Only for ``compare(..., kind="verification")``."""
    if comparison.kind != "verification":
        raise ValueError(
            "biểu đồ này cho so sánh tự chấm điểm và thẩm định (kind='verification') "
            "(this chart is for a self-assessed vs verified comparison)"
        )
    w = _words(lang)
    recs = [r for r in comparison.unit_records(lang) if r["old_total"] is not None and r["new_total"] is not None]
    changed = [r for r in recs if r["class_changed"]]
    kept = [r for r in recs if not r["class_changed"]]
    with context():
        fig, ax = figure(6.0, 5.5)
        values = [v for r in recs for v in (r["old_total"], r["new_total"])] or [0.0, 1.0]
        lo, hi = min(values), max(values)
        pad = max(1.0, 0.05 * (hi - lo))
        ax.plot([lo - pad, hi + pad], [lo - pad, hi + pad], color="#888888", linestyle=(0, (4, 2)),
                linewidth=1.0, label=w["none"], gid="no-cut")
        ax.scatter([r["old_total"] for r in kept], [r["new_total"] for r in kept], marker="o", s=28,
                   color=OKABE_ITO["blue"], edgecolors="#222222", linewidths=0.4, label=w["kept"], gid="kept")
        ax.scatter([r["old_total"] for r in changed], [r["new_total"] for r in changed], marker="D", s=42,
                   color=OKABE_ITO["vermillion"], edgecolors="#222222", linewidths=0.4, label=w["changed"],
                   gid="changed", zorder=3)
        span = hi - lo + 2 * pad
        heights = label_positions([r["new_total"] - 0.03 * span for r in changed], 0.035, span)
        for r, y in zip(changed, heights):
            ax.annotate(f"{r['unit']} ({r['old_class']} → {r['new_class']})", xy=(r["old_total"], r["new_total"]),
                        xytext=(r["old_total"] + 0.02 * span, y), textcoords="data", fontsize=7, va="center",
                        arrowprops={"arrowstyle": "-", "color": "#aaaaaa", "linewidth": 0.5})
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(lo - pad, hi + pad)
        ax.set_aspect("equal")
        ax.set_xlabel(w["claimed"])
        ax.set_ylabel(w["verified"])
        ax.set_title(w["verification"])
        ax.legend(loc="upper left", frameon=False)
    return fig
