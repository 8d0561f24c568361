"""The uncertain inputs of a rubric, as data: weight ranges per group, threshold ranges
per class, declared in Python or in a small TOML section, with defaults built from
the values the rubric marks *assumed* (:func:`default_inputs`).

A weight range is a factor range on a group's nominal maximum (``0.8 … 1.2`` for
± 20 %); a threshold range is a range of the class's lower bound, in the unit the
rubric's bands use (points of the total, or per cent of the bloc's maximum). A range
whose low and high are equal is a fixed value. Ranges are checked when declared and
against the rubric they are used with (:meth:`UncertainInputs.check`); a refusal
names the input.

The TOML section, beside a rubric or in a file of its own::

    [uncertainty]
    weights = { hatang = 0.2, ungdung = [0.9, 1.1] }   # ± 20 %, or a factor range
    thresholds = { "Tốt" = [75, 85], "Khá" = [65, 75] }
"""

from __future__ import annotations

import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Mapping

import attrs

from ..errors import IctAdoptionError
from ..model import Rubric

__all__ = [
    "UncertainInputError",
    "WeightRange",
    "ThresholdRange",
    "UncertainInputs",
    "default_inputs",
    "load_inputs",
    "WEIGHT_SPREAD",
    "THRESHOLD_SPREAD",
]

#: Default spread of an assumed group weight: ± 20 % of its nominal maximum.
WEIGHT_SPREAD = Decimal("0.2")
#: Default spread of an assumed class threshold: ± 5 % of the scale (5 points of 100).
THRESHOLD_SPREAD = Decimal("0.05")


_WHY = {
    "vi": {
        "weight": "trọng số {0} là giả định: ± {1} % (độ rộng giả định)",
        "spread": "ngưỡng {0} là giả định: ± {1} ({2} % của {3}, độ rộng giả định)",
        "neighbour": "thu hẹp còn ± {0}, nửa khoảng cách tới ngưỡng liền kề",
        "at_most": "không quá {0} (đã công bố: {0} điểm được xếp loại {1})",
        "above": "trên {0} (đã công bố: {0} điểm được xếp loại {1})",
    },
    "en": {
        "weight": "assumed weight {0}: ± {1} % (assumed spread)",
        "spread": "assumed bound {0} ± {1} ({2} % of {3}, assumed spread)",
        "neighbour": "narrowed to ± {0}, half the distance to a neighbouring bound",
        "at_most": "at most {0} (published: {0} was {1})",
        "above": "above {0} (published: {0} was {1})",
    },
}


def _txt(d: Decimal) -> str:
    """A decimal without trailing zeros or exponent (80, 2.5, 83.06)."""
    t = f"{Decimal(d).normalize():f}"
    return t


def _why(value: Any) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(a) for a in step) for step in value)


def _reason(why: tuple[tuple[str, ...], ...], lang: str) -> str:
    words = _WHY["en" if lang == "en" else "vi"]

    def num(a: str) -> str:  # a decimal comma in Vietnamese
        return a.replace(".", ",") if lang != "en" and a.replace(".", "", 1).isdigit() else a

    return "; ".join(words[k].format(*map(num, args)) for k, *args in why)


class UncertainInputError(IctAdoptionError, ValueError):
    """An uncertain input is malformed or does not fit the rubric; the message names it."""


def _decimal(value: object, name: str) -> Decimal:
    if isinstance(value, bool):
        raise UncertainInputError(f"{name}: expected a number, got {value!r}")
    try:
        d = Decimal(str(value)) if isinstance(value, (int, float, str, Decimal)) else None
    except InvalidOperation:
        d = None
    if d is None or not d.is_finite():
        raise UncertainInputError(f"{name}: expected a number, got {value!r}")
    return d


@attrs.frozen
class WeightRange:
    """Group ``group``'s weight varies by a factor from ``low`` to ``high`` (1 = nominal)."""

    group: str
    low: Decimal = attrs.field(converter=lambda v: _decimal(v, "weight factor"))
    high: Decimal = attrs.field(converter=lambda v: _decimal(v, "weight factor"))
    #: why the range is what it is: (kind, values…) steps set by :func:`default_inputs`
    #: (not part of equality); :meth:`reason` words them
    why: tuple[tuple[str, ...], ...] = attrs.field(default=(), eq=False, kw_only=True, converter=_why)

    def reason(self, lang: str = "vi") -> str:
        """Why the range is what it is, in ``lang`` ("" when declared by hand)."""
        return _reason(self.why, lang)

    def __attrs_post_init__(self) -> None:
        if self.low < 0:
            raise UncertainInputError(
                f"weight {self.group!r}: the range {self.low}–{self.high} allows a negative weight"
            )
        if self.high < self.low:
            raise UncertainInputError(f"weight {self.group!r}: the range ends ({self.high}) below its start ({self.low})")

    @classmethod
    def relative(
        cls, group: str, spread: Decimal | float | str, *, why: tuple[tuple[str, ...], ...] = ()
    ) -> WeightRange:
        """± ``spread`` (a fraction: 0.2 is ± 20 %) around the nominal weight."""
        s = _decimal(spread, f"weight {group!r}")
        return cls(group, 1 - s, 1 + s, why=why)

    @property
    def name(self) -> str:
        return f"weight:{self.group}"


@attrs.frozen
class ThresholdRange:
    """Class ``band``'s lower bound varies from ``low`` to ``high`` (the bands' unit)."""

    band: str
    low: Decimal = attrs.field(converter=lambda v: _decimal(v, "threshold"))
    high: Decimal = attrs.field(converter=lambda v: _decimal(v, "threshold"))
    #: why the range is what it is: (kind, values…) steps set by :func:`default_inputs`
    #: (not part of equality); :meth:`reason` words them
    why: tuple[tuple[str, ...], ...] = attrs.field(default=(), eq=False, kw_only=True, converter=_why)

    def reason(self, lang: str = "vi") -> str:
        """Why the range is what it is, in ``lang`` ("" when declared by hand)."""
        return _reason(self.why, lang)

    def __attrs_post_init__(self) -> None:
        if self.high < self.low:
            raise UncertainInputError(f"threshold {self.band!r}: the range ends ({self.high}) below its start ({self.low})")
        if self.low < 0:
            raise UncertainInputError(f"threshold {self.band!r}: the range {self.low}–{self.high} goes below 0")

    @property
    def name(self) -> str:
        return f"threshold:{self.band}"


def _weights(value: Any) -> tuple[WeightRange, ...]:
    out = tuple(value)
    for x in out:
        if not isinstance(x, WeightRange):
            raise UncertainInputError(f"weights: expected WeightRange items, got {x!r}")
    return out


def _thresholds(value: Any) -> tuple[ThresholdRange, ...]:
    out = tuple(value)
    for x in out:
        if not isinstance(x, ThresholdRange):
            raise UncertainInputError(f"thresholds: expected ThresholdRange items, got {x!r}")
    return out


@attrs.frozen
class UncertainInputs:
    """Every uncertain input of one analysis (weights first, then thresholds)."""

    weights: tuple[WeightRange, ...] = attrs.field(default=(), converter=_weights)
    thresholds: tuple[ThresholdRange, ...] = attrs.field(default=(), converter=_thresholds)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for item in self.items:
            if item.name in seen:
                raise UncertainInputError(f"{item.name}: declared twice")
            seen.add(item.name)

    def __len__(self) -> int:
        return len(self.weights) + len(self.thresholds)

    @property
    def items(self) -> tuple[WeightRange | ThresholdRange, ...]:
        """Every input in sample-column order: weights, then thresholds."""
        return (*self.weights, *self.thresholds)

    @property
    def names(self) -> list[str]:
        return [x.name for x in self.items]

    @property
    def bounds(self) -> list[tuple[float, float]]:
        return [(float(x.low), float(x.high)) for x in self.items]

    def problem(self) -> dict[str, Any]:
        """The SALib problem dict (``num_vars``, ``names``, ``bounds``)."""
        return {"num_vars": len(self), "names": self.names, "bounds": [list(b) for b in self.bounds]}

    def check(self, rubric: Rubric) -> None:
        """Refuse inputs that do not fit ``rubric``: unknown group or class, a weight on a
        bonus/penalty group, the lowest class (it has no bound), threshold ranges that
        would let two classes' bounds cross."""
        groups = {g.id: g for g in rubric.groups}
        for w in self.weights:
            if w.group not in groups:
                raise UncertainInputError(f"{w.name}: no such group; groups: {', '.join(groups)}")
            if groups[w.group].kind != "regular":
                raise UncertainInputError(f"{w.name}: a {groups[w.group].kind} group has no weight to vary")
        labels = [b.label for b in rubric.bands]
        by_label = {t.band: t for t in self.thresholds}
        for t in self.thresholds:
            if t.band not in labels:
                raise UncertainInputError(f"{t.name}: no such class; classes: {', '.join(labels)}")
            if labels.index(t.band) == len(labels) - 1:
                raise UncertainInputError(f"{t.name}: the lowest class has no lower bound to vary")
        # the lower bounds must stay in order in every sample (no overlap, no gap)
        ranges = [
            (b.label, by_label[b.label].low, by_label[b.label].high) if b.label in by_label else (b.label, b.min, b.min)
            for b in rubric.bands[:-1]
        ]
        for (upper, u_low, _), (lower, _, l_high) in zip(ranges, ranges[1:]):
            assert u_low is not None and l_high is not None
            if l_high > u_low:
                raise UncertainInputError(
                    f"threshold:{lower}: its range reaches {l_high}, above the lowest bound of "
                    f"{upper!r} ({u_low}), so the two classes could overlap"
                )

    def to_dict(self) -> dict[str, Any]:
        """The TOML section's content (``[uncertainty]``)."""
        return {
            "weights": {w.group: [str(w.low), str(w.high)] for w in self.weights},
            "thresholds": {t.band: [str(t.low), str(t.high)] for t in self.thresholds},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "uncertainty") -> UncertainInputs:
        """From the ``[uncertainty]`` table: ``weights`` (group = spread or [low, high]),
        ``thresholds`` (class = [low, high])."""
        unknown = set(data) - {"weights", "thresholds"}
        if unknown:
            raise UncertainInputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; expected weights, thresholds")
        weights = []
        for gid, value in dict(data.get("weights", {})).items():
            if isinstance(value, (list, tuple)):
                if len(value) != 2:
                    raise UncertainInputError(f"{where}.weights.{gid}: expected [low, high], got {value!r}")
                weights.append(WeightRange(gid, *value))
            else:
                weights.append(WeightRange.relative(gid, value))
        thresholds = []
        for label, value in dict(data.get("thresholds", {})).items():
            if not isinstance(value, (list, tuple)) or len(value) != 2:
                raise UncertainInputError(f"{where}.thresholds.{label}: expected [low, high], got {value!r}")
            thresholds.append(ThresholdRange(label, *value))
        return cls(weights, thresholds)


def load_inputs(path: str | Path) -> UncertainInputs:
    """Read the ``[uncertainty]`` table of a TOML file (a rubric file or one of its own)."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UncertainInputError(f"{p}: {exc}") from exc
    if "uncertainty" not in data:
        raise UncertainInputError(f"{p}: no [uncertainty] table")
    try:
        return UncertainInputs.from_dict(data["uncertainty"], where=f"{p}: uncertainty")
    except UncertainInputError as exc:
        raise UncertainInputError(f"{p}: {exc}") if not str(exc).startswith(str(p)) else exc


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
            raise UncertainInputError(f"published {v} = {label!r}: no such class; classes: {', '.join(labels)}")
        i = labels.index(label)
        lo = rubric.bands[i].min if i < len(labels) - 1 else None
        hi = rubric.bands[i - 1].min if i > 0 else None
        if (lo is not None and v < lo) or (hi is not None and v >= hi):
            raise UncertainInputError(
                f"published {v} = {label!r}: the rubric's own bounds put {v} in another class; "
                "fix the rubric or the published pair"
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
    inputs = UncertainInputs(out_w, out_t)
    inputs.check(rubric)
    return inputs
