"""The uncertain inputs of a rubric, as data: weight ranges per group, threshold ranges
per class, declared in Python or in a small TOML section, with defaults built from
the values the rubric marks *assumed* (:func:`~ict_adoption.uncertainty.defaults.default_inputs`).

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
    missing = ["zero", "exclude"]                       # a discrete choice

    [[uncertainty.rules]]                               # a criterion's rule, a discrete choice
    criterion = "meet"
    rules = [{ kind = "points" }, { kind = "steps", thresholds = [[4, 20], [2, 10]] }]
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Mapping

import attrs

from ..model import Rubric
from .choices import MissingChoice, RuleChoice
from .error import UncertainInputError

__all__ = [
    "UncertainInputError",
    "WeightRange",
    "ThresholdRange",
    "UncertainInputs",
    "DirichletWeights",
    "load_inputs",
]



_WHY = {
    "vi": {
        "weight": "trọng số {0} là giả định: ± {1} % (độ rộng giả định)",
        "dirichlet": "trọng số giả định của {0} nhóm rút chung theo phân phối Dirichlet, giữ tổng {1}; độ tập trung {2} (giả định)",
        "spread": "ngưỡng {0} là giả định: ± {1} ({2} % của {3}, độ rộng giả định)",
        "neighbour": "thu hẹp còn ± {0}, nửa khoảng cách tới ngưỡng liền kề",
        "at_most": "không quá {0} (đã công bố: {0} điểm được xếp loại {1})",
        "above": "trên {0} (đã công bố: {0} điểm được xếp loại {1})",
    },
    "en": {
        "weight": "assumed weight {0}: ± {1} % (assumed spread)",
        "dirichlet": "the {0} groups' assumed weights drawn together (Dirichlet), keeping their total {1}; concentration {2} (assumed)",
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


def _decimal(value: object, name: str) -> Decimal:
    if isinstance(value, bool):
        raise UncertainInputError(f"{name}: expected a number, got {value!r}", vi=f"{name}: cần một số, nhận được {value!r}")
    try:
        d = Decimal(str(value)) if isinstance(value, (int, float, str, Decimal)) else None
    except InvalidOperation:
        d = None
    if d is None or not d.is_finite():
        raise UncertainInputError(f"{name}: expected a number, got {value!r}", vi=f"{name}: cần một số, nhận được {value!r}")
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
                f"weight {self.group!r}: the range {self.low}–{self.high} allows a negative weight",
                vi=f"trọng số {self.group!r}: khoảng {self.low}–{self.high} cho phép trọng số âm",
            )
        if self.high < self.low:
            raise UncertainInputError(f"weight {self.group!r}: the range ends ({self.high}) below its start ({self.low})", vi=f"trọng số {self.group!r}: khoảng kết thúc ({self.high}) dưới điểm bắt đầu ({self.low})")

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
            raise UncertainInputError(f"threshold {self.band!r}: the range ends ({self.high}) below its start ({self.low})", vi=f"ngưỡng {self.band!r}: khoảng kết thúc ({self.high}) dưới điểm bắt đầu ({self.low})")
        if self.low < 0:
            raise UncertainInputError(f"threshold {self.band!r}: the range {self.low}–{self.high} goes below 0", vi=f"ngưỡng {self.band!r}: khoảng {self.low}–{self.high} xuống dưới 0")

    @property
    def name(self) -> str:
        return f"threshold:{self.band}"


@attrs.frozen
class DirichletWeights:
    """The weights of ``groups`` drawn together from a Dirichlet distribution around
    their nominal shares, keeping their total (what one group gains, the others lose).

    The Dirichlet parameters are ``concentration`` × each group's nominal share of the
    groups' total maximum: the larger the concentration, the closer the samples stay to
    the nominal weights (100 gives each share a standard deviation of about a tenth of
    √(share × (1 − share))). For the Monte Carlo analysis only: the weights are not
    independent, so Sobol indices (which assume independent inputs) refuse it.
    """

    groups: tuple[str, ...] = attrs.field(converter=lambda v: tuple(str(x) for x in v))
    concentration: Decimal = attrs.field(converter=lambda v: _decimal(v, "concentration"))
    why: tuple[tuple[str, ...], ...] = attrs.field(default=(), eq=False, kw_only=True, converter=_why)

    def __attrs_post_init__(self) -> None:
        if len(self.groups) < 2:
            raise UncertainInputError(f"{self.name}: a Dirichlet draw needs at least two groups, got {len(self.groups)}", vi=f"{self.name}: phân phối Dirichlet cần ít nhất hai nhóm, nhận được {len(self.groups)}")
        if len(set(self.groups)) != len(self.groups):
            raise UncertainInputError(f"{self.name}: a group is listed twice", vi=f"{self.name}: một nhóm được liệt kê hai lần")
        if self.concentration <= 0:
            raise UncertainInputError(f"{self.name}: the concentration must be above 0, got {self.concentration}", vi=f"{self.name}: độ tập trung phải lớn hơn 0, nhận được {self.concentration}")

    @property
    def name(self) -> str:
        return "dirichlet:" + "+".join(self.groups)

    def reason(self, lang: str = "vi") -> str:
        return _reason(self.why, lang)

    def alpha(self, rubric: Rubric) -> list[float]:
        """The Dirichlet parameters: concentration × nominal share of each group."""
        maxima = {g.id: g.max or Decimal(0) for g in rubric.groups}
        total = sum(maxima[g] for g in self.groups)
        return [float(self.concentration * maxima[g] / total) for g in self.groups]

    def factors(self, rubric: Rubric, shares: Any) -> Any:
        """Sampled shares (samples × groups, rows summing to 1) → weight factors
        (share ÷ nominal share), so that the groups' total maximum is kept."""
        import numpy as np

        maxima = {g.id: g.max or Decimal(0) for g in rubric.groups}
        total = sum(maxima[g] for g in self.groups)
        nominal = np.array([float(maxima[g] / total) for g in self.groups])
        return np.asarray(shares, dtype=np.float64) / nominal[None, :]


def _weights(value: Any) -> tuple[WeightRange, ...]:
    out = tuple(value)
    for x in out:
        if not isinstance(x, WeightRange):
            raise UncertainInputError(f"weights: expected WeightRange items, got {x!r}", vi=f"weights: cần các mục WeightRange, nhận được {x!r}")
    return out


def _thresholds(value: Any) -> tuple[ThresholdRange, ...]:
    out = tuple(value)
    for x in out:
        if not isinstance(x, ThresholdRange):
            raise UncertainInputError(f"thresholds: expected ThresholdRange items, got {x!r}", vi=f"thresholds: cần các mục ThresholdRange, nhận được {x!r}")
    return out


#: At most this many combinations of the rule choices' rules (each is one scoring of the data).
MAX_RULE_COMBINATIONS = 256


def _rule_choices(value: Any) -> tuple[RuleChoice, ...]:
    out = tuple(value)
    for x in out:
        if not isinstance(x, RuleChoice):
            raise UncertainInputError(f"rules: expected RuleChoice items, got {x!r}", vi=f"rules: cần các mục RuleChoice, nhận được {x!r}")
    return out


@attrs.frozen
class UncertainInputs:
    """Every uncertain input of one analysis (weights first, then thresholds)."""

    weights: tuple[WeightRange, ...] = attrs.field(default=(), converter=_weights)
    thresholds: tuple[ThresholdRange, ...] = attrs.field(default=(), converter=_thresholds)
    #: weights drawn together, keeping their total (Monte Carlo only; see DirichletWeights)
    dirichlet: DirichletWeights | None = attrs.field(default=None)
    #: the treatment of a missing value as a discrete choice (see :class:`~.choices.MissingChoice`)
    missing: MissingChoice | None = attrs.field(default=None)
    #: criteria whose rule is a discrete choice (see :class:`~.choices.RuleChoice`)
    rules: tuple[RuleChoice, ...] = attrs.field(default=(), converter=_rule_choices)

    def __attrs_post_init__(self) -> None:
        combos = 1
        for rc in self.rules:
            combos *= len(rc.rules)
        if combos > MAX_RULE_COMBINATIONS:
            raise UncertainInputError(
                f"rules: {combos} combinations of rules, more than {MAX_RULE_COMBINATIONS}; the data are scored "
                "once per combination, so declare fewer rule choices or fewer rules",
                vi=f"rules: {combos} tổ hợp quy tắc, nhiều hơn {MAX_RULE_COMBINATIONS}; dữ liệu được tính điểm "
                "một lần cho mỗi tổ hợp, nên hãy khai báo ít lựa chọn quy tắc hoặc ít quy tắc hơn",
            )
        if self.missing is not None and not isinstance(self.missing, MissingChoice):
            raise UncertainInputError(f"missing: expected MissingChoice, got {self.missing!r}", vi=f"missing: cần một MissingChoice, nhận được {self.missing!r}")
        seen: set[str] = set()
        for item in self.items:
            if item.name in seen:
                raise UncertainInputError(f"{item.name}: declared twice", vi=f"{item.name}: được khai báo hai lần")
            seen.add(item.name)
        if self.dirichlet is not None:
            if not isinstance(self.dirichlet, DirichletWeights):
                raise UncertainInputError(f"dirichlet: expected DirichletWeights, got {self.dirichlet!r}", vi=f"dirichlet: cần một DirichletWeights, nhận được {self.dirichlet!r}")
            both = [w.group for w in self.weights if w.group in self.dirichlet.groups]
            if both:
                raise UncertainInputError(
                    f"{self.dirichlet.name}: group {both[0]!r} also has a weight range; give each group one of the two",
                    vi=f"{self.dirichlet.name}: nhóm {both[0]!r} cũng có khoảng trọng số; mỗi nhóm chỉ dùng một trong hai cách",
                )

    def __len__(self) -> int:
        return len(self.weights) + len(self.thresholds) + (self.dirichlet is not None) + (self.missing is not None) + len(self.rules)

    @property
    def weight_groups(self) -> list[str]:
        """The groups whose weight varies, in sample-column order: ranges, then Dirichlet."""
        return [w.group for w in self.weights] + list(self.dirichlet.groups if self.dirichlet else ())

    @property
    def items(self) -> tuple[WeightRange | ThresholdRange | MissingChoice | RuleChoice, ...]:
        """Every input drawn uniformly, in sample-column order: weights, then thresholds
        (the Dirichlet group's columns sit between them), then the missing-value choice,
        then the rule choices."""
        return (*self.weights, *self.thresholds, *(() if self.missing is None else (self.missing,)), *self.rules)

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
        would let two classes' bounds cross; a rule choice of an unknown criterion or with
        a rule that does not fit its maximum."""
        for rc in self.rules:
            rc.check(rubric)
        groups = {g.id: g for g in rubric.groups}
        named = [(w.name, w.group) for w in self.weights]
        named += [(self.dirichlet.name, g) for g in self.dirichlet.groups] if self.dirichlet else []
        for name, gid in named:
            if gid not in groups:
                raise UncertainInputError(
                    f"{name}: no such group {gid!r}; groups: {', '.join(groups)}",
                    vi=f"{name}: không có nhóm {gid!r}; các nhóm: {', '.join(groups)}",
                )
            if groups[gid].kind != "regular":
                raise UncertainInputError(f"{name}: a {groups[gid].kind} group has no weight to vary", vi=f"{name}: nhóm loại {groups[gid].kind} không có trọng số để thay đổi")
            if not groups[gid].max:
                raise UncertainInputError(f"{name}: group {gid!r} has no maximum to share", vi=f"{name}: nhóm {gid!r} không có điểm tối đa để chia")
        labels = [b.label for b in rubric.bands]
        by_label = {t.band: t for t in self.thresholds}
        for t in self.thresholds:
            if t.band not in labels:
                raise UncertainInputError(
                    f"{t.name}: no such class; classes: {', '.join(labels)}",
                    vi=f"{t.name}: không có xếp loại này; các xếp loại: {', '.join(labels)}",
                )
            if labels.index(t.band) == len(labels) - 1:
                raise UncertainInputError(f"{t.name}: the lowest class has no lower bound to vary", vi=f"{t.name}: xếp loại thấp nhất không có cận dưới để thay đổi")
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
                    f"{upper!r} ({u_low}), so the two classes could overlap",
                    vi=f"threshold:{lower}: khoảng của ngưỡng lên tới {l_high}, cao hơn cận dưới thấp nhất của "
                    f"{upper!r} ({u_low}), nên hai xếp loại có thể chồng lên nhau",
                )

    def to_dict(self) -> dict[str, Any]:
        """The TOML section's content (``[uncertainty]``)."""
        out: dict[str, Any] = {
            "weights": {w.group: [str(w.low), str(w.high)] for w in self.weights},
            "thresholds": {t.band: [str(t.low), str(t.high)] for t in self.thresholds},
        }
        if self.dirichlet is not None:
            out["dirichlet"] = {"groups": list(self.dirichlet.groups), "concentration": str(self.dirichlet.concentration)}
        if self.missing is not None:
            out["missing"] = list(self.missing.choices)
        if self.rules:
            out["rules"] = [r.to_dict() for r in self.rules]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "uncertainty", rules: Mapping[str, Any] | None = None) -> UncertainInputs:
        """From the ``[uncertainty]`` table: ``weights`` (group = spread or [low, high]),
        ``thresholds`` (class = [low, high]), ``dirichlet``, ``missing``, ``rules`` (an
        array of tables, ``[[uncertainty.rules]]``; ``rules=``: extra rule kinds, as for
        :func:`ict_adoption.load_rubric`)."""
        unknown = set(data) - {"weights", "thresholds", "dirichlet", "missing", "rules"}
        if unknown:
            raise UncertainInputError(
                f"{where}: unknown key(s) {', '.join(sorted(unknown))}; expected weights, thresholds, dirichlet, missing, rules",
                vi=f"{where}: khóa không rõ {', '.join(sorted(unknown))}; cần weights, thresholds, dirichlet, missing, rules",
            )
        choices = data.get("rules", [])
        if not isinstance(choices, list):
            raise UncertainInputError(
                f"{where}.rules: expected an array of tables ([[uncertainty.rules]]), got {choices!r}",
                vi=f"{where}.rules: cần một mảng các bảng ([[uncertainty.rules]]), nhận được {choices!r}",
            )
        rule_choices = [RuleChoice.from_dict(c, f"{where}.rules[{i}]", rules) for i, c in enumerate(choices)]
        missing = None
        if "missing" in data:
            if not isinstance(data["missing"], list):
                raise UncertainInputError(
                    f'{where}.missing: expected a list such as ["zero", "exclude"], got {data["missing"]!r}',
                    vi=f'{where}.missing: cần một danh sách như ["zero", "exclude"], nhận được {data["missing"]!r}',
                )
            missing = MissingChoice(data["missing"])
        dirichlet = None
        if "dirichlet" in data:
            d = data["dirichlet"]
            if not isinstance(d, Mapping) or set(d) != {"groups", "concentration"} or not isinstance(d["groups"], list):
                raise UncertainInputError(
                    f"{where}.dirichlet: expected {{ groups = [\"g1\", \"g2\", …], concentration = 100 }}, got {d!r}",
                    vi=f"{where}.dirichlet: cần {{ groups = [\"g1\", \"g2\", …], concentration = 100 }}, nhận được {d!r}",
                )
            dirichlet = DirichletWeights(d["groups"], d["concentration"])
        weights = []
        for gid, value in dict(data.get("weights", {})).items():
            if isinstance(value, (list, tuple)):
                if len(value) != 2:
                    raise UncertainInputError(f"{where}.weights.{gid}: expected [low, high], got {value!r}", vi=f"{where}.weights.{gid}: cần [thấp, cao], nhận được {value!r}")
                weights.append(WeightRange(gid, *value))
            else:
                weights.append(WeightRange.relative(gid, value))
        thresholds = []
        for label, value in dict(data.get("thresholds", {})).items():
            if not isinstance(value, (list, tuple)) or len(value) != 2:
                raise UncertainInputError(f"{where}.thresholds.{label}: expected [low, high], got {value!r}", vi=f"{where}.thresholds.{label}: cần [thấp, cao], nhận được {value!r}")
            thresholds.append(ThresholdRange(label, *value))
        return cls(weights, thresholds, dirichlet, missing, rule_choices)


def load_inputs(path: str | Path, rules: Mapping[str, Any] | None = None) -> UncertainInputs:
    """Read the ``[uncertainty]`` table of a TOML file (a rubric file or one of its own);
    ``rules``: extra rule kinds for ``[[uncertainty.rules]]`` (as for ``load_rubric``)."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UncertainInputError(f"{p}: {exc}", vi=f"{p}: không đọc được tệp ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:  # the parser's English detail is left out of the Vietnamese
        at = re.search(r"at line (\d+), column (\d+)", str(exc))
        where = f" (dòng {at.group(1)}, cột {at.group(2)})" if at else ""
        raise UncertainInputError(f"{p}: {exc}", vi=f"{p}: không phải TOML hợp lệ{where}") from exc
    if "uncertainty" not in data:
        raise UncertainInputError(f"{p}: no [uncertainty] table", vi=f"{p}: không có bảng [uncertainty]")
    try:
        return UncertainInputs.from_dict(data["uncertainty"], where=f"{p}: uncertainty", rules=rules)
    except UncertainInputError as exc:
        if str(exc).startswith(str(p)):
            raise
        raise UncertainInputError(f"{p}: {exc}", vi=f"{p}: {exc.text('vi')}") from exc
