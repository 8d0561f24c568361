"""Charts of an uncertainty analysis: rank intervals per bloc, Sobol indices as bars.

:func:`rank_interval_chart` draws, for each unit of one bloc in nominal-rank order, the
5–95 % rank interval (a light bar), the median rank (a black tick) and the nominal rank
(a marker in the colour and shape of the nominal class); a unit whose class is not
robust is starred. :func:`sensitivity_chart` draws each input's first-order (S1) and
total (ST) Sobol index with its bootstrap confidence interval.

They read an :class:`~ict_adoption.uncertainty.UncertaintyResult` and a
:class:`~ict_adoption.uncertainty.SensitivityResult` by attribute, so they import
nothing of the library but the shared style (matplotlib on first use).
"""

from __future__ import annotations

import math
from typing import Any

from .profile_chart import CLASS_MARKERS
from .style import MEDIAN_COLOUR, OKABE_ITO, RANGE_COLOUR, class_colour, context, figure

__all__ = ["rank_interval_chart", "sensitivity_chart"]

_WORDS = {
    "vi": {
        "x": "Hạng (1 = cao nhất)",
        "interval": "Khoảng 5–95 %",
        "median": "Hạng trung vị",
        "nominal": "Hạng danh nghĩa ({band})",
        "title": "Độ vững của thứ hạng — {bloc}",
        "star": "* xếp loại không vững (giữ dưới {level} % số mẫu)",
        "S1": "Bậc một S1",
        "ST": "Toàn phần ST",
        "index": "Chỉ số Sobol",
        "sens_title": "Độ nhạy Sobol — {output} (N = {n}, khoảng tin cậy {conf} %)",
        "nan": "— không ước lượng được: đầu ra quá hiếm thay đổi; hãy tăng N",
        "constant": "đầu ra không đổi: mọi chỉ số bằng 0",
    },
    "en": {
        "x": "Rank (1 = best)",
        "interval": "5–95 % interval",
        "median": "Median rank",
        "nominal": "Nominal rank ({band})",
        "title": "How robust the ranks are — {bloc}",
        "star": "* class not robust (kept in under {level} % of samples)",
        "S1": "First-order S1",
        "ST": "Total ST",
        "index": "Sobol index",
        "sens_title": "Sobol sensitivity — {output} (N = {n}, {conf} % confidence)",
        "nan": "— not estimable: the output changes too rarely; raise N",
        "constant": "the output never varies: every index is 0",
    },
}


def _words(lang: str) -> dict[str, str]:
    if lang not in _WORDS:
        raise ValueError(f"lang: expected 'vi' or 'en', got {lang!r}")
    return _WORDS[lang]


def _bloc_units(result: Any, bloc: str | None) -> tuple[Any, list[int]]:
    """The bloc drawn and the positions (in ``result.rows``) of its units, by nominal rank."""
    rubric = result.ranking.rubric
    codes = [int(result.ranking.scored.bloc_codes[r]) for r in result.rows]
    present = sorted(set(codes))
    ids = [b.id for b in rubric.blocs]
    if bloc is None:
        if len(present) != 1:
            names = ", ".join(ids[c] for c in present)
            raise ValueError(f"bloc: có nhiều khối, hãy chọn một (several blocs, choose one): {names}")
        code = present[0]
    elif bloc not in ids or ids.index(bloc) not in present:
        names = ", ".join(ids[c] for c in present)
        raise ValueError(f"bloc {bloc!r}: không có trong kết quả (not in the result); khối: {names}")
    else:
        code = ids.index(bloc)
    # a unit never ranked in any sample (its missing value always excluded) has no interval
    pos = [i for i, c in enumerate(codes) if c == code and float(result.rank_low[i]) == float(result.rank_low[i])]
    # units not ranked nominally (rank 0) after the ranked ones
    pos.sort(key=lambda i: (float(result.nominal_rank[i]) or float("inf"), str(result.ranking.units[result.rows[i]])))
    return rubric.blocs[code], pos


def rank_interval_chart(result: Any, bloc: str | None = None, *, lang: str = "vi") -> Any:
    """A matplotlib ``Figure`` of one bloc's rank intervals (``bloc``: its id; may be
    left out when the result has one bloc). Labels in Vietnamese unless ``lang="en"``."""
    w = _words(lang)
    the_bloc, pos = _bloc_units(result, bloc)
    bands = result.ranking.rubric.bands
    units = [str(result.ranking.units[result.rows[i]]) for i in pos]
    robust = [bool(result.robust[i]) for i in pos]
    lo = [float(result.rank_low[i]) for i in pos]
    hi = [float(result.rank_high[i]) for i in pos]
    with context():
        fig, ax = figure(7.0, max(2.4, 0.32 * len(pos) + 1.5))
        y = list(range(len(pos)))
        # a bar from the 5 % to the 95 % rank, at least a sliver wide so a point shows
        ax.barh(y, [max(h - low, 0.0) + 0.3 for low, h in zip(lo, hi)], left=[low - 0.15 for low in lo],
                height=0.55, color=RANGE_COLOUR, edgecolor="#999999", linewidth=0.5, label=w["interval"],
                gid="rank-interval")
        ax.scatter([float(result.median_rank[i]) for i in pos], y, marker="|", s=200, linewidths=2.0,
                   color=MEDIAN_COLOUR, zorder=3, label=w["median"], gid="median-rank")
        for k, band in enumerate(bands):
            at = [j for j, i in enumerate(pos) if int(result.nominal_band[i]) == k]
            if not at:
                continue
            label = band.label if lang == "vi" else (band.label_en or band.label)
            ax.scatter([float(result.nominal_rank[pos[j]]) for j in at], at,
                       marker=CLASS_MARKERS[k % len(CLASS_MARKERS)], s=46, color=class_colour(k),
                       edgecolors="#222222", linewidths=0.6, zorder=4, label=w["nominal"].format(band=label),
                       gid=f"nominal-rank-{k}")
        ax.set_yticks(y, [u if ok else f"{u} *" for u, ok in zip(units, robust)])
        ax.invert_yaxis()
        top = max([*hi, *(float(result.nominal_rank[i]) for i in pos), 1.0])  # nominal 0: not ranked
        ax.set_xlim(0.4, top + 0.6)
        ax.set_xlabel(w["x"])
        name = the_bloc.name if lang == "vi" else (the_bloc.name_en or the_bloc.name)
        ax.set_title(w["title"].format(bloc=name))
        if not all(robust):
            ax.annotate(w["star"].format(level=round(100 * result.level)), xy=(0, 0), xycoords="figure fraction",
                        xytext=(6, 4), textcoords="offset points", fontsize=7, gid="not-robust-note")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    return fig


def sensitivity_chart(result: Any, output: str = "mean_abs_rank_shift", *, lang: str = "vi") -> Any:
    """A matplotlib ``Figure``: per input, bars of S1 and ST for ``output`` with their
    confidence half-widths as error bars; an index that could not be estimated (NaN) is
    drawn as no bar, with a note."""
    w = _words(lang)
    if output not in result.outputs:
        raise ValueError(f"output {output!r}: không có (not computed); có: {', '.join(result.outputs)}")
    o = result.outputs.index(output)
    names = list(result.names)
    with context():
        fig, ax = figure(7.0, max(2.4, 0.42 * len(names) + 1.5))
        y = list(range(len(names)))
        h = 0.38
        for k, (row, conf, colour, hatch, key) in enumerate((
            (result.first[o], result.first_conf[o], OKABE_ITO["sky_blue"], "", "S1"),
            (result.total[o], result.total_conf[o], OKABE_ITO["blue"], "//", "ST"),
        )):
            values = [0.0 if math.isnan(v) else float(v) for v in row]
            errors = [0.0 if math.isnan(v) else float(v) for v in conf]
            ax.barh([yi + (k - 0.5) * h for yi in y], values, height=h, xerr=errors, color=colour, hatch=hatch,
                    edgecolor="#222222", linewidth=0.5, error_kw={"elinewidth": 0.8, "capsize": 2},
                    label=w[key], gid=f"sobol-{key}")
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        ax.axvline(0, color="#444444", linewidth=0.6)
        ax.set_xlabel(w["index"])
        ax.set_title(w["sens_title"].format(output=output, n=result.n, conf=round(100 * result.conf_level)))
        note = dict(getattr(result, "notes", {})).get(output)
        if note is not None:
            ax.annotate(w["nan"] if note[0] == "rare" else w["constant"], xy=(0.5, 0.5), xycoords="axes fraction",
                        ha="center", fontsize=8, gid="sobol-note")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    return fig
