"""Bloc attainment: the share of the maximum each bloc reached on each group and
criterion — mean, median, spread (population standard deviation, lowest, highest) — over
the units of the bloc that are ranked and whose points at that level are known.

:func:`attainment` computes every bloc × group (and × scored leaf) at once with
:func:`~ict_adoption.analysis.bloc_stats.bloc_stats`; its :meth:`Attainment.records`
are the rows the tables and comparisons show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from tabulate import tabulate

from ..words import check_lang
from .bloc_stats import BlocStats
from .profile import Profiles, profiles
from .render_profile import pct

if TYPE_CHECKING:  # pragma: no cover
    from ..ranking import Ranking

__all__ = ["Attainment", "attainment"]


@attrs.frozen(eq=False)
class Attainment:
    """Per bloc, per group and per scored leaf: statistics of the share of the maximum."""

    ranking: "Ranking"
    groups: tuple[BlocStats, ...]
    leaves: tuple[BlocStats, ...]

    def records(self, level: str = "groups", lang: str = "vi") -> list[dict[str, Any]]:
        """One dict per bloc and group (``level="groups"``) or scored leaf (``"leaves"``),
        blocs in rubric order; blocs or items with no known points are left out."""
        check_lang(lang)
        r = self.ranking.rubric
        if level == "groups":
            items = [(g.id, g.name if lang == "vi" else (g.name_en or g.name)) for g in r.groups]
            stats = self.groups
        elif level == "leaves":
            items = []
            for leaf in r.scored_ids:
                obj: Any = r.criterion(leaf) if leaf in {c.id for g in r.groups for c in g.criteria} else r.group(leaf)
                items.append((leaf, obj.name if lang == "vi" else (obj.name_en or obj.name)))
            stats = self.leaves
        else:
            raise ValueError(f"level: expected 'groups' or 'leaves', got {level!r}")
        out = []
        for b, bloc in enumerate(r.blocs):
            for (item_id, name), st in zip(items, stats):
                if st.count[b] == 0:
                    continue
                out.append({
                    "bloc": bloc.id,
                    "id": item_id,
                    "name": name,
                    "units": int(st.count[b]),
                    "mean": float(st.mean[b]),
                    "median": float(st.median[b]),
                    "std": float(st.std[b]),
                    "min": float(st.min[b]),
                    "max": float(st.max[b]),
                })
        return out

    def text(self, level: str = "groups", lang: str = "vi") -> str:
        """A table per bloc: units, mean, median, spread of the share of the maximum."""
        head = {
            "vi": ["Khối", "Nhóm / tiêu chí", "Số đơn vị", "Trung bình", "Trung vị", "Độ lệch chuẩn", "Thấp nhất", "Cao nhất"],
            "en": ["Bloc", "Group / criterion", "Units", "Mean", "Median", "Std. dev.", "Lowest", "Highest"],
        }[check_lang(lang)]
        rows = [
            [x["bloc"], x["name"], x["units"], pct(x["mean"], lang, False), pct(x["median"], lang, False),
             pct(x["std"], lang, False), pct(x["min"], lang, False), pct(x["max"], lang, False)]
            for x in self.records(level, lang)
        ]
        return tabulate(rows, headers=head, disable_numparse=True)


def attainment(ranking: "Ranking", *, _profiles: Profiles | None = None) -> Attainment:
    """The attainment of every bloc of ``ranking`` on every group and scored leaf."""
    pr = _profiles or profiles(ranking)
    return Attainment(ranking, pr.groups.stats, pr.leaves.stats)
