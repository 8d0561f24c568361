"""A unit's group profile against its bloc: per group, the bloc's range of shares of the
maximum (a light bar from the lowest to the highest unit), the bloc's median (a black
tick) and the unit's own share (a marker in the colour and shape of its class).

Reads a :class:`~ict_adoption.analysis.UnitProfile` by attribute (``groups`` with
``share``, ``bloc_median``, ``bloc_min``, ``bloc_max``; ``unit``, ``band``,
``band_label``, ``bloc``), so it imports nothing of the library but the shared style.
"""

from __future__ import annotations

from typing import Any

from .style import MEDIAN_COLOUR, RANGE_COLOUR, class_colour, context, figure

__all__ = ["group_profile_chart", "CLASS_MARKERS"]

# one marker shape per class as well as a colour, for greyscale print
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P")

_WORDS = {
    "vi": {"x": "Tỷ lệ điểm tối đa (%)", "unit": "{unit}", "median": "Trung vị khối", "range": "Khoảng của khối",
           "title": "{unit}{label}\nso với khối {bloc}"},
    "en": {"x": "Share of the maximum (%)", "unit": "{unit}", "median": "Bloc median", "range": "Bloc range",
           "title": "{unit}{label}\nagainst bloc {bloc}"},
}


def _words(lang: str) -> dict[str, str]:
    if lang not in _WORDS:
        raise ValueError(f"lang: expected 'vi' or 'en', got {lang!r}")
    return _WORDS[lang]


def group_profile_chart(profile: Any, *, lang: str = "vi") -> Any:
    """A matplotlib ``Figure``: one row per group of the unit (groups with no known
    share are left out), shares in percent. Labels in Vietnamese unless ``lang="en"``."""
    w = _words(lang)
    items = [g for g in profile.groups if g.share is not None]
    if not items:
        raise ValueError(
            f"{profile.unit}: không có điểm theo nhóm để vẽ ({profile.unit}: no group points to draw)"
        )
    with context():
        fig, ax = figure(7.0, max(2.2, 0.45 * len(items) + 1.3))
        y = list(range(len(items)))
        lo = [100 * (g.bloc_min if g.bloc_min is not None else g.share) for g in items]
        hi = [100 * (g.bloc_max if g.bloc_max is not None else g.share) for g in items]
        ax.barh(y, [h - low for low, h in zip(lo, hi)], left=lo, height=0.5, color=RANGE_COLOUR,
                edgecolor="#999999", linewidth=0.5, label=w["range"], gid="bloc-range")
        med = [100 * g.bloc_median for g in items if g.bloc_median is not None]
        med_y = [yi for yi, g in zip(y, items) if g.bloc_median is not None]
        ax.scatter(med, med_y, marker="|", s=260, linewidths=2.2, color=MEDIAN_COLOUR, label=w["median"],
                   zorder=3, gid="bloc-median")
        band = int(profile.band)
        ax.scatter([100 * g.share for g in items], y, marker=CLASS_MARKERS[max(band, 0) % len(CLASS_MARKERS)],
                   s=60, color=class_colour(band), edgecolors="#222222", linewidths=0.6, zorder=4,
                   label=w["unit"].format(unit=profile.unit), gid="unit-share")
        ax.set_yticks(y, [g.label(lang) for g in items])
        ax.invert_yaxis()
        ax.set_xlim(0, 105)
        ax.set_xlabel(w["x"])
        bloc = profile.bloc.name if lang == "vi" else (profile.bloc.name_en or profile.bloc.name)
        label = profile.band_label(lang)
        ax.set_title(w["title"].format(unit=profile.unit, bloc=bloc, label=f" — {label}" if label else ""))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False)
    return fig
