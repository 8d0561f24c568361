"""Default uncertain inputs: ranges for the values a rubric marks *assumed*
(:func:`default_inputs`), narrowed by published (score, class) pairs, each range
saying why (:meth:`~ict_adoption.uncertainty.inputs.ThresholdRange.reason`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

from ..model import Rubric
from .inputs import (
    DirichletWeights,
    ThresholdRange,
    UncertainInputError,
    UncertainInputs,
    WeightRange,
    _decimal,
    _txt,
)

__all__ = ["default_inputs", "WEIGHT_SPREAD", "THRESHOLD_SPREAD"]

#: Default spread of an assumed group weight: ± 20 % of its nominal maximum.
WEIGHT_SPREAD = Decimal("0.2")
#: Default spread of an assumed class threshold: ± 5 % of the scale (5 points of 100).
THRESHOLD_SPREAD = Decimal("0.05")


def _assumed(prov: Any, rubric: Rubric) -> bool:
    prov = prov or rubric.default_provenance
    return prov is None or prov.status == "assumed"


def _published(
    rubric: Rubric, published: Iterable[tuple[Any, str]]
) -> list[tuple[Decimal, int]]:
    """Published (score, class) pairs, checked against the rubric's nominal bounds."""
    labels = [b.label for b in rubric.bands]
    out = []
    for value, label in published:
        v = _decimal(value, f"published {label!r}")
        if label not in labels:
            raise UncertainInputError(
                f"published {v} = {label!r}: no such class; classes: {', '.join(labels)}",
                vi=f"đã công bố {v} = {label!r}: không có xếp loại này; các xếp loại: {', '.join(labels)}",
            )
        i = labels.index(label)
        lo = rubric.bands[i].min if i < len(labels) - 1 else None
        hi = rubric.bands[i - 1].min if i > 0 else None
        if (lo is not None and v < lo) or (hi is not None and v >= hi):
            raise UncertainInputError(
                f"published {v} = {label!r}: the rubric's own bounds put {v} in another class; "
                "fix the rubric or the published pair",
                vi=f"đã công bố {v} = {label!r}: chính các ngưỡng của bộ tiêu chí xếp {v} vào loại khác; "
                "hãy sửa bộ tiêu chí hoặc cặp đã công bố",
            )
        out.append((v, i))
    return out


def default_inputs(
    rubric: Rubric,
    *,
    weights: bool = True,
    weight_spread: Decimal | float | str = WEIGHT_SPREAD,
    threshold_spread: Decimal | float | str = THRESHOLD_SPREAD,
    published: Iterable[tuple[Decimal | float | str, str]] = (),
    dirichlet: Decimal | float | str | None = None,
) -> UncertainInputs:
    """Ranges for the values ``rubric`` marks *assumed* (a published value stays fixed).

    An assumed regular group's weight gets ± ``weight_spread`` (``weights=False``: no
    weight varies, e.g. when the data give only totals). An assumed class bound gets
    ± ``threshold_spread`` of the scale (the largest bloc maximum, or 100 %), narrowed
    to half the distance to its neighbours so that classes can never overlap.

    ``published``: (score, class) pairs that a results announcement published together
    (in the bands' unit), e.g. ``[("83.06", "Tốt")]`` for Đà Nẵng 2021's Thanh tra thành
    phố. Each narrows the ranges further, so that no sample contradicts it: the class's
    bound stays at most the score, the next class up's bound above it. Each range's
    :meth:`~ThresholdRange.reason` says where its ends come from.

    ``dirichlet``: a concentration; the assumed weights are then drawn together from a
    Dirichlet distribution keeping their total (:class:`DirichletWeights`) instead of
    each in its own ± range (Monte Carlo only).
    """
    ws = _decimal(weight_spread, "weight_spread")
    ts = _decimal(threshold_spread, "threshold_spread")
    out_w = []
    if weights:
        out_w = [
            WeightRange.relative(g.id, ws, why=(("weight", _txt(g.max or Decimal(0)), _txt(ws * 100)),))
            for g in rubric.groups
            if g.kind == "regular" and _assumed(g.provenance, rubric)
        ]
    scale = Decimal(100) if rubric.band_basis == "share" else max(rubric.bloc_max(b.id) for b in rubric.blocs)
    step = Decimal(1).scaleb(-(rubric.precision + (2 if rubric.band_basis == "share" else 0)))
    d = ts * scale
    pairs = _published(rubric, published)
    bounds = [b.min for b in rubric.bands[:-1]]
    out_t = []
    for i, band in enumerate(rubric.bands[:-1]):
        if not _assumed(band.provenance, rubric) or band.min is None:
            continue
        half = d
        why: list[tuple[str, ...]] = [("spread", _txt(band.min), _txt(d), _txt(ts * 100), _txt(scale))]
        if i > 0 and bounds[i - 1] is not None:
            half = min(half, (bounds[i - 1] - band.min) / 2)  # type: ignore[operator]
        if i + 1 < len(bounds) and bounds[i + 1] is not None:
            half = min(half, (band.min - bounds[i + 1]) / 2)  # type: ignore[operator]
        half = min(half, band.min)
        if half < d:
            why.append(("neighbour", _txt(half)))
        low, high = band.min - half, band.min + half
        for v, k in pairs:
            if k == i and v < high:  # a unit of this class published with v: bound <= v
                high = v
                why.append(("at_most", _txt(v), band.label))
            if k == i + 1 and v >= low:  # a unit of the class below with v: bound > v
                low = v + step
                why.append(("above", _txt(v), rubric.bands[k].label))
        if high > low:
            out_t.append(ThresholdRange(band.label, low, high, why=tuple(why)))
    joint = None
    if dirichlet is not None and len(out_w) >= 2:
        conc = _decimal(dirichlet, "dirichlet")
        total = sum(((g.max or Decimal(0)) for g in rubric.groups if g.id in {w.group for w in out_w}), Decimal(0))
        joint = DirichletWeights(
            [w.group for w in out_w], conc, why=(("dirichlet", str(len(out_w)), _txt(total), _txt(conc)),)
        )
        out_w = []
    inputs = UncertainInputs(out_w, out_t, joint)
    inputs.check(rubric)
    return inputs
