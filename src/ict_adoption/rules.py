"""Rules: how a raw indicator becomes a criterion's points.

A rule receives, for every unit that reported the criterion, the raw value (float64),
the criterion's maximum for that unit's bloc (a scaled integer) and the bloc codes, and
returns scaled integer points. Rules validate their input range and raise
:class:`RuleInputError` naming the offending rows; the scoring stage turns that into an
error naming the unit and the column. Every rule explains itself in one line
(:meth:`Rule.explain`) for audit trails and template headers.

Built-in kinds (``kind`` in a rubric file):

============== ==========================================================
``points``      points given directly; negative or above the max is an error
``share``       a share (0–1, or 0–100 with ``percent = true``) × max
``steps``       thresholds: value ≥ ``at_least`` → ``points`` (first match)
``yes_no``      1/yes → max (or ``yes`` points), 0/no → 0 (or ``no``)
``count``       count × ``each`` points, capped at ``cap`` (default: the max)
``share_of_best`` value ÷ best value in the bloc × max (MIC bandwidth rule)
``choice``      a coded answer → its share of the max (DTI: chairman → all, deputy → ½)
============== ==========================================================

Bonus and penalty are groups (``kind = "bonus"`` / ``"penalty"``) whose criteria use any
rule above, capped by their max; penalty points are subtracted from the total.

Plugins add kinds through the ``ict_adoption_scoring_rules`` hook; a rule class needs a
unique ``kind``, ``from_dict``/``to_dict``, ``points`` and ``explain``.
"""

from __future__ import annotations

import abc
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Mapping, cast

import attrs

from ._fields import instance_of
from ._lazy import LazyModule
from .errors import RubricError, ScoringError
from .messages import message as _message
from .exact import (
    float_limit,
    round_half_away_array,
    scale_exact,
    scale_float_array,
    scale_float_array_if_exact,
    to_decimal,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
else:  # numpy on first use: ``import ict_adoption`` does not load it
    np = LazyModule("numpy", globals(), "np")

__all__ = [
    "Rule",
    "RuleInputError",
    "PointsRule",
    "ShareRule",
    "StepsRule",
    "YesNoRule",
    "CountRule",
    "ShareOfBestRule",
    "ChoiceRule",
    "BUILTIN_RULES",
    "rule_kinds",
    "rule_from_dict",
]

if TYPE_CHECKING:
    IntArray = npt.NDArray[np.int64]
    FloatArray = npt.NDArray[np.float64]


class RuleInputError(ScoringError):
    """Raw values outside what a rule accepts; ``rows`` indexes the offending values.

    The scoring stage catches it and reports each offending row with the unit and the
    column; a caller that runs a rule itself gets a :class:`ScoringError` like any other.
    """

    #: Positions (in the ``raw`` array the rule was given) of the values it refuses.
    rows: npt.NDArray[np.intp]

    def __init__(self, message: str, rows: npt.NDArray[np.intp]) -> None:
        super().__init__(message)
        self.rows = rows


def _fmt(d: Decimal | int | float) -> str:
    d = to_decimal(d) if not isinstance(d, Decimal) else d
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


def _fixed(raw: FloatArray, decimals: int) -> IntArray:
    """Raw values as integers at ``decimals`` places (rounded there, documented per rule)."""
    return np.rint(raw * 10.0**decimals).astype(np.int64)


def _all_at_most(values: IntArray, largest: int, limits: IntArray) -> bool:
    """``all(values <= limits)``; one limit for every unit (a broadcast) needs no pass."""
    if limits.ndim == 1 and limits.strides[0] == 0 and len(limits):
        return largest <= int(limits[0])
    return bool(np.all(values <= limits))


def _check(bad: npt.NDArray[np.bool_], message: str) -> None:
    if np.any(bad):
        raise RuleInputError(message, np.flatnonzero(bad))


class Rule(abc.ABC):
    """Base class of rules. Subclasses are frozen attrs classes with a unique ``kind``."""

    kind: ClassVar[str] = ""

    @abc.abstractmethod
    def points(
        self, raw: FloatArray, max_points: IntArray, precision: int, blocs: IntArray
    ) -> IntArray:
        """Scaled integer points for ``raw`` (one value per unit; no NaN).

        ``max_points`` is each unit's maximum for the criterion (scaled integers, it
        differs between blocs), ``blocs`` each unit's bloc code. Raise
        :class:`RuleInputError` with the offending positions for values out of range.
        """

    @abc.abstractmethod
    def explain(self, max_points: Decimal) -> str:
        """One line, in English, saying how points are given for a criterion of this max."""

    def check_max(self, max_points: Decimal, where: str) -> None:
        """Raise :class:`RubricError` if the rule cannot work with this maximum."""

    def to_dict(self) -> dict[str, Any]:
        data = {"kind": self.kind}
        data.update(
            {
                f.name: getattr(self, f.name)
                for f in attrs.fields(cast(Any, type(self)))  # concrete rules are attrs classes
                if getattr(self, f.name) != f.default
            }
        )
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Rule":
        known = {f.name for f in attrs.fields(cast(Any, cls))}
        unknown = sorted(set(data) - known - {"kind"})
        if unknown:
            raise RubricError(
                f"rule kind {cls.kind!r}: unknown key(s) {', '.join(unknown)}; "
                f"expected {', '.join(sorted(known)) or 'no other keys'}"
            )
        return cls(**{k: v for k, v in data.items() if k != "kind"})


@attrs.frozen
class PointsRule(Rule):
    """Points given directly: 0 ≤ value ≤ max, at the rubric's precision. No clipping."""

    kind: ClassVar[str] = "points"

    def points(self, raw, max_points, precision, blocs):
        got = scale_float_array_if_exact(raw, precision)
        if got is not None and got.smallest >= 0 and _all_at_most(got.values, got.largest, max_points):
            return got.values
        # something is wrong: find every value that is, checking in this order
        limit = float_limit(precision)
        _check(raw <= -limit, "points must not be negative")
        _check(raw >= limit, "points above the criterion's maximum")
        scaled, exact = scale_float_array(raw, precision)
        _check(~exact, f"points must have at most {precision} decimal place(s)")
        _check(scaled < 0, "points must not be negative")
        _check(scaled > max_points, "points above the criterion's maximum")
        return scaled

    def explain(self, max_points):
        return f"points given directly, 0 to {_fmt(max_points)}"


@attrs.frozen
class ShareRule(Rule):
    """A share × max, rounded once half away from zero. Shares are read to 9 decimals."""

    kind: ClassVar[str] = "share"
    percent: bool = attrs.field(default=False, validator=instance_of(bool, "true or false"))

    def points(self, raw, max_points, precision, blocs):
        top = 100.0 if self.percent else 1.0
        _check((raw < 0) | (raw > top), f"a share must lie between 0 and {top:g}")
        # share as n / 10**9 exactly (percent: n / 10**9 of 100 = n / 10**7 %)
        n = _fixed(raw, 7 if self.percent else 9)
        return round_half_away_array(n * max_points, 10**9)

    def explain(self, max_points):
        unit = "percent (0–100)" if self.percent else "share (0–1)"
        return f"{unit} × {_fmt(max_points)}, rounded half away from zero"


@attrs.frozen
class StepsRule(Rule):
    """Thresholds: the first ``[at_least, points]`` pair the value reaches gives the points."""

    kind: ClassVar[str] = "steps"
    thresholds: tuple[tuple[Decimal, Decimal], ...] = attrs.field(
        converter=lambda ts: tuple((to_decimal(a), to_decimal(p)) for a, p in ts)
    )
    otherwise: Decimal = attrs.field(default=Decimal(0), converter=to_decimal)

    @thresholds.validator
    def _order(self, attribute, value):
        if not value:
            raise RubricError("steps rule: 'thresholds' must not be empty")
        levels = [a for a, _ in value]
        if levels != sorted(levels, reverse=True) or len(set(levels)) != len(levels):
            raise RubricError(
                "steps rule: thresholds must be listed from the highest 'at_least' down, "
                f"without repeats; got {[_fmt(a) for a in levels]}"
            )

    def check_max(self, max_points, where):
        for a, p in self.thresholds:
            if p < 0 or p > max_points:
                raise RubricError(
                    f"{where}: step at {_fmt(a)} gives {_fmt(p)} points, "
                    f"outside 0..{_fmt(max_points)}"
                )

    def points(self, raw, max_points, precision, blocs):
        levels = np.array([float(a) for a, _ in self.thresholds])[::-1]  # ascending
        pts = np.array(
            [scale_exact(self.otherwise, precision)]
            + [scale_exact(p, precision) for _, p in self.thresholds][::-1],
            dtype=np.int64,
        )
        # count thresholds reached (value >= level); compare in decimal-safe fixed point
        idx = np.searchsorted(_fixed(levels, 6), _fixed(raw, 6), side="right")
        out = pts[idx]
        _check(out > max_points, "step points above this bloc's maximum")
        return out

    def explain(self, max_points):
        steps = ", ".join(f"≥{_fmt(a)} → {_fmt(p)}" for a, p in self.thresholds)
        return f"steps: {steps}, otherwise {_fmt(self.otherwise)}"

    def to_dict(self):
        data: dict[str, Any] = {
            "kind": self.kind,
            "thresholds": [[a, p] for a, p in self.thresholds],
        }
        if self.otherwise:
            data["otherwise"] = self.otherwise
        return data


@attrs.frozen
class YesNoRule(Rule):
    """1 (yes) → ``yes`` points (default: the max); 0 (no) → ``no`` points (default 0)."""

    kind: ClassVar[str] = "yes_no"
    yes: Decimal | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_decimal)
    )
    no: Decimal = attrs.field(default=Decimal(0), converter=to_decimal)

    def check_max(self, max_points, where):
        for name, v in (("yes", self.yes), ("no", self.no)):
            if v is not None and not 0 <= v <= max_points:
                raise RubricError(f"{where}: yes_no '{name}' = {_fmt(v)} outside 0..{_fmt(max_points)}")

    def points(self, raw, max_points, precision, blocs):
        _check((raw != 0) & (raw != 1), "expected yes/no (1 or 0)")
        yes = max_points if self.yes is None else scale_exact(self.yes, precision)
        no = scale_exact(self.no, precision)
        return np.where(raw == 1, yes, no).astype(np.int64)

    def explain(self, max_points):
        yes = max_points if self.yes is None else self.yes
        return f"yes → {_fmt(yes)}, no → {_fmt(self.no)}"


@attrs.frozen
class CountRule(Rule):
    """A count × ``each`` points, capped at ``cap`` (default: the criterion's max)."""

    kind: ClassVar[str] = "count"
    each: Decimal = attrs.field(converter=to_decimal)
    cap: Decimal | None = attrs.field(default=None, converter=attrs.converters.optional(to_decimal))

    def check_max(self, max_points, where):
        if self.each <= 0:
            raise RubricError(f"{where}: count rule 'each' must be positive, got {_fmt(self.each)}")
        if self.cap is not None and not 0 <= self.cap <= max_points:
            raise RubricError(f"{where}: count rule cap {_fmt(self.cap)} outside 0..{_fmt(max_points)}")

    def points(self, raw, max_points, precision, blocs):
        _check((raw < 0) | (raw != np.floor(raw)), "expected a whole non-negative count")
        each = scale_exact(self.each, precision)
        cap = max_points if self.cap is None else np.minimum(max_points, scale_exact(self.cap, precision))
        return np.minimum(raw.astype(np.int64) * each, cap)

    def explain(self, max_points):
        cap = max_points if self.cap is None else self.cap
        return f"{_fmt(self.each)} per item, capped at {_fmt(cap)}"


@attrs.frozen
class ShareOfBestRule(Rule):
    """value ÷ the best value in the unit's bloc × max (values read to 6 decimals)."""

    kind: ClassVar[str] = "share_of_best"

    def points(self, raw, max_points, precision, blocs):
        _check(raw < 0, "value must not be negative")
        v = _fixed(raw, 6)
        best = np.zeros(int(blocs.max()) + 1 if blocs.size else 0, dtype=np.int64)
        np.maximum.at(best, blocs, v)
        b = best[blocs]
        safe = np.where(b > 0, b, 1)
        return np.where(b > 0, round_half_away_array(v * max_points, safe), 0)

    def explain(self, max_points):
        return f"value ÷ best value in the bloc × {_fmt(max_points)}, rounded half away from zero"


def _options(pairs: Any) -> tuple[tuple[Decimal, Decimal], ...]:
    try:
        return tuple((to_decimal(v), to_decimal(share)) for v, share in pairs)
    except (TypeError, ValueError):
        raise RubricError(f"choice rule: 'options' must be [[value, share], …] pairs, got {pairs!r}") from None


@attrs.frozen
class ChoiceRule(Rule):
    """A coded answer: each listed value gives its share of the criterion's maximum.

    ``options = [[2, 1], [1, 0.5], [0, 0]]``: the answer 2 gives the whole maximum, 1
    half of it, 0 nothing; any other value is an error listing the answers allowed.
    Shares (0–1) apply to each bloc's own maximum and are rounded once, half away from
    zero, at the rubric's precision. Typical of the DTI point tables: "the head of the
    steering committee is the chairman → all the points, a deputy chairman → half".
    """

    kind: ClassVar[str] = "choice"
    options: tuple[tuple[Decimal, Decimal], ...] = attrs.field(converter=_options)

    @options.validator
    def _valid(self, attribute, value):
        if not value:
            raise RubricError("choice rule: 'options' must not be empty")
        answers = [v for v, _ in value]
        if len(set(answers)) != len(answers):
            raise RubricError(f"choice rule: an answer is listed twice in {[_fmt(v) for v in answers]}")
        for v, share in value:
            if not 0 <= share <= 1:
                raise RubricError(f"choice rule: the answer {_fmt(v)} gives a share of {_fmt(share)}, outside 0..1")
            if share.as_tuple().exponent < -9:
                raise RubricError(f"choice rule: the share {share} of the answer {_fmt(v)} has more than 9 decimals")

    def points(self, raw, max_points, precision, blocs):
        answers = np.array([_fixed(np.array([float(v)]), 6)[0] for v, _ in self.options], dtype=np.int64)
        shares = np.array([int(share.scaleb(9)) for _, share in self.options], dtype=np.int64)
        order = np.argsort(answers)
        answers, shares = answers[order], shares[order]
        got = _fixed(raw, 6)
        at = np.minimum(np.searchsorted(answers, got), len(answers) - 1)
        _check(answers[at] != got, f"expected one of the answers {', '.join(_fmt(v) for v, _ in self.options)}")
        return round_half_away_array(shares[at] * max_points, 10**9)

    def explain(self, max_points):
        listed = ", ".join(f"{_fmt(v)} → {_fmt(share * max_points)}" for v, share in self.options)
        return f"answers: {listed}"

    def to_dict(self):
        return {"kind": self.kind, "options": [[v, share] for v, share in self.options]}


BUILTIN_RULES: dict[str, type[Rule]] = {
    cls.kind: cls
    for cls in (PointsRule, ShareRule, StepsRule, YesNoRule, CountRule, ShareOfBestRule, ChoiceRule)
}


def rule_kinds(extra: Mapping[str, type[Rule]] | None = None) -> dict[str, type[Rule]]:
    """The rule kinds a rubric may use: the built-in ones, plus ``extra`` (a plugin's).

    ``load_rubric``, ``loads_rubric`` and ``Rubric.from_dict`` all take their
    ``rules=`` through here, so the built-in kinds are always known however a rubric
    is read. An extra kind of a built-in name replaces the built-in one (the registry
    refuses such plugins before they get here).
    """
    return dict(BUILTIN_RULES) if extra is None else {**BUILTIN_RULES, **extra}


def rule_from_dict(
    data: Mapping[str, Any] | None, registry: Mapping[str, type[Rule]] | None = None
) -> Rule:
    """Build a rule from its rubric-file table; ``None`` means points given directly.

    ``registry`` is every kind known (default: the built-in ones); see :func:`rule_kinds`.
    """
    if data is None:
        return PointsRule()
    registry = BUILTIN_RULES if registry is None else registry
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in registry:
        raise RubricError(_message("rubric.unknown_rule", kind=repr(kind), known=", ".join(sorted(registry))))
    try:
        return registry[kind].from_dict(data)
    except RubricError:
        raise
    except (TypeError, ValueError) as exc:
        raise RubricError(f"rule kind {kind!r}: {exc}") from None
