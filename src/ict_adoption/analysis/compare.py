"""Comparing two assessments of the same units: one operation, two uses.

- ``kind="year"``: two rounds (possibly under different editions). Per unit the change
  of total, rank and class; per group the change of attainment of the units present in
  both; units that appear or disappear, matched by name and alias (never by row). When
  the editions differ in groups, blocs or maxima, :attr:`Comparison.warnings` says what
  differs (and a :class:`EditionsDifferWarning` is issued), and totals are compared on
  their share of the maximum.
- ``kind="verification"``: the units' self-assessment (tự chấm điểm) against the
  council's verified scores (thẩm định), same edition: per unit and criterion the points
  claimed and granted, the units whose rank or class the verification changed, and the
  criteria where claims were cut most.

Everything is computed on arrays over the matched pairs (numpy); units are matched once
(:func:`~ict_adoption.analysis.matching.match_units`).
"""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..words import decimal_text as _d
from . import render_compare
from .matching import match_units
from .profile import _array

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric
    from ..ranking import Ranking

__all__ = ["Comparison", "compare", "EditionsDifferWarning", "edition_differences", "KINDS"]

KINDS = ("year", "verification")
IntArray = npt.NDArray[np.int64]


class EditionsDifferWarning(UserWarning):
    """The two rankings were made under editions with different groups, blocs or maxima."""


def _ids(items: Any) -> list[str]:
    return [x.id for x in items]


def edition_differences(a: "Rubric", b: "Rubric") -> list[str]:
    """What makes two editions not comparable point for point, one sentence each (vi, en)."""
    out = []
    for what_vi, what_en, xa, xb in (
        ("nhóm", "groups", _ids(a.groups), _ids(b.groups)),
        ("khối", "blocs", _ids(a.blocs), _ids(b.blocs)),
    ):
        only_a = [x for x in xa if x not in xb]
        only_b = [x for x in xb if x not in xa]
        if only_a or only_b:
            out.append(
                f"{what_vi} chỉ có ở {a.region}:{a.edition}: {', '.join(only_a) or '—'}; "
                f"chỉ có ở {b.region}:{b.edition}: {', '.join(only_b) or '—'} "
                f"({what_en} only in {a.edition}: {', '.join(only_a) or '—'}; only in {b.edition}: {', '.join(only_b) or '—'})"
            )
    for bloc in a.blocs:
        if bloc.id not in _ids(b.blocs):
            continue
        ma, mb = _d(a.bloc_max(bloc.id)), _d(b.bloc_max(bloc.id))
        if ma != mb:
            out.append(f"điểm tối đa khối {bloc.id}: {ma} và {mb} (maximum of bloc {bloc.id}: {ma} and {mb})")
        for g in a.groups:
            if g.id in _ids(b.groups):
                ga, gb = _d(a.group_max(bloc.id, g.id)) or "—", _d(b.group_max(bloc.id, g.id)) or "—"
                if ga != gb:
                    out.append(f"điểm tối đa nhóm {g.id} khối {bloc.id}: {ga} và {gb} "
                               f"(maximum of group {g.id} in bloc {bloc.id}: {ga} and {gb})")
    return out


def _name(obj: Any, lang: str) -> str:
    return str(obj.name if lang == "vi" else (obj.name_en or obj.name))


def _shares(points: Any, maxima: Any) -> npt.NDArray[np.float64]:
    p = np.asarray(points, dtype=np.float64)
    m = np.asarray(maxima, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(m > 0, p / np.where(m > 0, m, 1), np.nan)


@attrs.frozen(eq=False)
class Comparison:
    """Two rankings of the same units, matched. Arrays are aligned with :attr:`old_rows`
    and :attr:`new_rows` (the matched pairs, in the old ranking's row order)."""

    kind: str
    old: "Ranking"
    new: "Ranking"
    old_rows: npt.NDArray[np.intp]
    new_rows: npt.NDArray[np.intp]
    only_old: tuple[str, ...]
    only_new: tuple[str, ...]
    loose: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...]
    basis: str  # "points" or "share"

    # ------------------------------------------------------------------ per unit
    @functools.cached_property
    def old_total(self) -> IntArray:
        return self.old.scored.total[self.old_rows]

    @functools.cached_property
    def new_total(self) -> IntArray:
        return self.new.scored.total[self.new_rows]

    @functools.cached_property
    def old_share(self) -> npt.NDArray[np.float64]:
        r = self.old.rubric
        return _shares(self.old_total, r.bloc_max_scaled[self.old.scored.bloc_codes[self.old_rows]])

    @functools.cached_property
    def new_share(self) -> npt.NDArray[np.float64]:
        r = self.new.rubric
        return _shares(self.new_total, r.bloc_max_scaled[self.new.scored.bloc_codes[self.new_rows]])

    @functools.cached_property
    def both_reported(self) -> npt.NDArray[np.bool_]:
        return self.old.scored.reported[self.old_rows] & self.new.scored.reported[self.new_rows]

    @functools.cached_property
    def rank_changed(self) -> npt.NDArray[np.bool_]:
        return self.both_reported & (self.old.ranks[self.old_rows] != self.new.ranks[self.new_rows])

    @functools.cached_property
    def class_changed(self) -> npt.NDArray[np.bool_]:
        """The class label changed (compared by label, so it works across editions)."""
        lo = self._band_array(self.old, self.old_rows, "vi")
        ln = self._band_array(self.new, self.new_rows, "vi")
        return np.asarray(lo != ln, dtype=bool) & self.both_reported

    @staticmethod
    def _band_array(rk: "Ranking", rows: Any, lang: str) -> npt.NDArray[np.object_]:
        labels = np.array([*(b.label if lang == "vi" else (b.label_en or b.label) for b in rk.rubric.bands), None],
                          dtype=object)
        idx = np.asarray(rk.band_index[rows])
        return labels[np.where(idx >= 0, idx, len(labels) - 1)]

    @classmethod
    def _band_labels(cls, rk: "Ranking", rows: Any, lang: str) -> list[str | None]:
        return cls._band_array(rk, rows, lang).tolist()

    @staticmethod
    def _rank_labels(rk: "Ranking", rows: Any) -> list[str]:
        """Rank labels (``"2="``) of input rows, from the row model's (computed once per ranking)."""
        view = rk.rows
        labels = np.empty(len(view.index), dtype=object)
        labels[view.index] = view.rank_labels
        return list(labels[rows].tolist())

    def unit_records(self, lang: str = "vi") -> list[dict[str, Any]]:
        """One dict per matched unit: names on both sides, totals, shares, ranks, classes
        (columns computed on arrays, then zipped into the records)."""
        po, pn = self.old.rubric.precision, self.new.rubric.precision
        oi, nj = self.old_rows, self.new_rows
        so, sn = self.old.scored, self.new.scored
        ok = self.both_reported
        rep_o, rep_n = so.reported[oi], sn.reported[nj]
        old_total = np.where(rep_o, self.old_total / 10**po, np.nan).tolist()
        new_total = np.where(rep_n, self.new_total / 10**pn, np.nan).tolist()
        change = (np.round((self.new_total - self.old_total) / 10**pn, pn).tolist()
                  if self.basis == "points" else [None] * len(oi))
        change_share = np.round(self.new_share - self.old_share, 6).tolist()
        new_blocs = sn.blocs  # a list built on each access: once, not per unit
        bloc_names = [_name(b, lang) for b in self.new.rubric.blocs]
        columns = {
            "unit": np.asarray(self.new.units)[nj].astype(str).tolist(),
            "old_name": np.asarray(self.old.units)[oi].astype(str).tolist(),
            "bloc": [new_blocs[j] for j in nj.tolist()],
            "bloc_name": [bloc_names[c] for c in sn.bloc_codes[nj].tolist()],
            "old_total": [v if r else None for v, r in zip(old_total, rep_o.tolist())],
            "new_total": [v if r else None for v, r in zip(new_total, rep_n.tolist())],
            "old_share": np.round(self.old_share, 6).tolist(),
            "new_share": np.round(self.new_share, 6).tolist(),
            "change": [v if b else None for v, b in zip(change, ok.tolist())],
            "change_share": [v if b else None for v, b in zip(change_share, ok.tolist())],
            "old_rank": self._rank_labels(self.old, oi),
            "new_rank": self._rank_labels(self.new, nj),
            "old_class": self._band_labels(self.old, oi, lang),
            "new_class": self._band_labels(self.new, nj, lang),
            "rank_changed": self.rank_changed.tolist(),
            "class_changed": self.class_changed.tolist(),
        }
        keys = list(columns)
        return [dict(zip(keys, row)) for row in zip(*columns.values())]

    # ------------------------------------------------------------------ per group
    def common_groups(self) -> list[str]:
        new_ids = _ids(self.new.rubric.groups)
        return [g for g in _ids(self.old.rubric.groups) if g in new_ids]

    def _group_share(self, rk: "Ranking", rows: Any, gid: str) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        r = rk.rubric
        g = _ids(r.groups).index(gid)
        pts = _array(rk.scored.group_points, np.int64)[rows, g]
        known = _array(rk.scored.group_known, np.bool_)[rows, g] & rk.scored.reported[rows]
        mx = r.group_max_matrix[rk.scored.bloc_codes[rows], g]
        return _shares(pts, mx), known & (mx > 0)

    def group_changes(self, lang: str = "vi") -> list[dict[str, Any]]:
        """Per common group: mean share of the maximum before and after, over the units
        known on both sides (overall, then per bloc of the new ranking)."""
        out = []
        blocs = np.asarray(self.new.scored.bloc_codes[self.new_rows])
        for gid in self.common_groups():
            so, ko = self._group_share(self.old, self.old_rows, gid)
            sn, kn = self._group_share(self.new, self.new_rows, gid)
            both = ko & kn
            g = self.new.rubric.group(gid)
            name = g.name if lang == "vi" else (g.name_en or g.name)
            scopes = [(None, both)] + [(b.id, both & (blocs == c)) for c, b in enumerate(self.new.rubric.blocs)]
            for bloc, mask in scopes:
                n = int(mask.sum())
                if n == 0:
                    continue
                mo, mn = float(so[mask].mean()), float(sn[mask].mean())
                bloc_name = None if bloc is None else _name(self.new.rubric.bloc(bloc), lang)
                out.append({"group": gid, "name": name, "bloc": bloc, "bloc_name": bloc_name, "units": n,
                            "old_mean": round(mo, 6), "new_mean": round(mn, 6), "change": round(mn - mo, 6)})
        return out

    # ------------------------------------------------------------------ verification
    @functools.cached_property
    def cuts(self) -> IntArray:
        """Claimed − granted points, matched units × scored leaves (0 where not known on both)."""
        lo = _array(self.old.scored.leaf_points, np.int64)[self.old_rows]
        ln = _array(self.new.scored.leaf_points, np.int64)[self.new_rows]
        ko = _array(self.old.scored.leaf_known, np.bool_)[self.old_rows]
        kn = _array(self.new.scored.leaf_known, np.bool_)[self.new_rows]
        if lo.shape != ln.shape:
            return np.zeros((len(self.old_rows), 0), dtype=np.int64)
        return np.where(ko & kn, lo - ln, 0)

    def criteria_cut(self, lang: str = "vi") -> list[dict[str, Any]]:
        """Per scored leaf: points cut in total, the number of units cut, largest first."""
        if self.kind != "verification":
            return []
        c = self.cuts
        p = self.new.rubric.precision
        total = c.sum(axis=0)
        units = (c > 0).sum(axis=0)
        r = self.new.rubric
        ids = r.scored_ids
        crit = {c.id: c for g in r.groups for c in g.criteria}
        order = np.lexsort((np.arange(len(ids)), -total))
        return [
            {"id": ids[j], "name": _name(crit.get(ids[j]) or r.group(ids[j]), lang), "cut": int(total[j]) / 10**p,
             "units": int(units[j])}
            for j in order.tolist() if total[j] != 0
        ]

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        return render_compare.comparison_dict(self, lang)

    def sentences(self, lang: str = "vi") -> list[str]:
        return render_compare.comparison_sentences(self, lang)

    def text(self, lang: str = "vi") -> str:
        return render_compare.comparison_text(self, lang)

    def markdown(self, lang: str = "vi") -> str:
        return render_compare.comparison_markdown(self, lang)

    def html(self, lang: str = "vi") -> str:
        return render_compare.comparison_html(self, lang)

    def xlsx(self, lang: str = "vi") -> bytes:
        """The comparison as an ``.xlsx`` workbook (needs openpyxl); see
        :func:`~ict_adoption.analysis.compare_xlsx.comparison_workbook`."""
        from .compare_xlsx import comparison_workbook

        return comparison_workbook(self, lang)

    def charts_html(self, lang: str = "vi") -> str:
        """The comparison's charts as HTML figures (inline SVG; needs matplotlib): the
        claimed-vs-verified chart, or a slope chart per bloc with units on both sides."""
        from ..plots.compare_charts import slope_chart, slope_values, verification_chart
        from ..plots.embed import chart_html

        vi = lang == "vi"
        if self.kind == "verification":
            caption = "Tự chấm điểm và thẩm định" if vi else "Self-assessed against verified"
            return chart_html(verification_chart(self, lang=lang), caption, kind="verification", key="all")
        out = []
        for bloc in self.new.rubric.blocs:
            if slope_values(self, bloc.id):
                caption = ("Thay đổi điểm khối " if vi else "Change of points, bloc ") + _name(bloc, lang)
                out.append(chart_html(slope_chart(self, bloc.id, lang=lang), caption, kind="slope", key=bloc.id))
        return "\n".join(out)

    def _repr_html_(self) -> str:
        """The notebook view: the comparison, and its charts when matplotlib is installed."""
        from ..plots.embed import charts_available

        return self.html() + (self.charts_html() if charts_available() else "")

    def __repr__(self) -> str:
        return (f"<Comparison {self.kind} {self.old.rubric.region}:{self.old.rubric.edition} → "
                f"{self.new.rubric.edition}: {len(self.old_rows)} matched, {len(self.only_old)} only before, "
                f"{len(self.only_new)} only after>")


def compare(old: "Ranking", new: "Ranking", *, kind: str = "year") -> Comparison:
    """Match the units of two rankings of one region and compare them (module docstring).

    ``old``/``new``: the earlier and later round (``kind="year"``), or the self-assessed
    and the verified scores (``kind="verification"``, same edition required). Rankings of
    two regions, or a unit matched twice, raise :class:`~ict_adoption.errors.InputError`
    naming both sides.
    """
    if kind not in KINDS:
        raise ValueError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    ro, rn = old.rubric, new.rubric
    if ro.region != rn.region:
        raise InputError(
            f"không so sánh được hai vùng khác nhau: {ro.region}:{ro.edition} và {rn.region}:{rn.edition} "
            f"(cannot compare two regions: {ro.region}:{ro.edition} and {rn.region}:{rn.edition})"
        )
    diffs = edition_differences(ro, rn)
    if kind == "verification" and (diffs or ro.edition != rn.edition):
        raise InputError(
            f"tự chấm điểm và thẩm định phải cùng một bộ tiêu chí: {ro.region}:{ro.edition} và {rn.region}:{rn.edition} "
            f"(self-assessed and verified scores must use one edition)"
        )
    pairs, only_old, only_new, loose = match_units(
        list(old.units), list(new.units), [rn, ro], old.scored.blocs, new.scored.blocs
    )
    notes = []
    if diffs:
        notes.append(
            f"hai bộ tiêu chí {ro.region}:{ro.edition} và {rn.region}:{rn.edition} khác nhau; so sánh theo tỷ lệ "
            f"điểm tối đa (the editions differ; compared on shares of the maximum): " + "; ".join(diffs)
        )
        warnings.warn(notes[-1], EditionsDifferWarning, stacklevel=2)
    for i, j, _ in loose:
        notes.append(f"khớp khi bỏ dấu: {old.units[i]!r} ↔ {new.units[j]!r} (matched ignoring diacritics)")
    oi = np.array([p[0] for p in pairs], dtype=np.intp)
    ni = np.array([p[1] for p in pairs], dtype=np.intp)
    return Comparison(
        kind=kind, old=old, new=new, old_rows=oi, new_rows=ni,
        only_old=tuple(str(old.units[i]) for i in only_old), only_new=tuple(str(new.units[j]) for j in only_new),
        loose=tuple((str(old.units[i]), str(new.units[j])) for i, j, _ in loose),
        warnings=tuple(notes), basis="share" if diffs else "points",
    )
