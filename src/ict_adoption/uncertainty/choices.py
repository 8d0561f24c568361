"""Discrete uncertain inputs: the treatment of a missing value (:class:`MissingChoice`)
and another rule for a criterion (:class:`RuleChoice`, ``[[uncertainty.rules]]`` in TOML).

A unit whose data lack a total and some points is scored in one of two ways by the
core (``ia.rank(..., missing=...)``): ``"zero"`` counts the blanks as 0, ``"exclude"``
leaves the unit unranked. When no regulation says which, the treatment is itself an
uncertain choice: each sample picks one of ``choices``, all equally likely. In a sample
that excludes, such a unit is *not ranked* (rank 0, class −1 in the arrays): it takes
no rank and no class, and the other units of its bloc are ranked without it, exactly
as ``ia.rank(..., missing="exclude")`` does.

In the sample matrix the choice is one column, uniform on [0, 1], read as choice
``floor(u × len(choices))`` (the last one for u = 1), so that SALib's designs treat it
as any other input. A single choice is a fixed value.

In TOML, beside the ranges::

    [uncertainty]
    missing = ["zero", "exclude"]
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .error import UncertainInputError

__all__ = ["MissingChoice", "RuleChoice", "TREATMENTS", "choice_index", "substitute"]

#: The treatments a missing value can get in a sample (those of ``ia.rank``'s ``missing``).
TREATMENTS = ("zero", "exclude")

_WORDS = {
    "vi": {
        "zero": "tính là 0",
        "exclude": "không xếp hạng",
        "why": "cách xử lý giá trị thiếu chưa được quy định: mỗi mẫu chọn một trong {0}, đồng xác suất",
        "fixed": "giá trị thiếu luôn được xử lý: {0}",
    },
    "en": {
        "zero": "counted as 0",
        "exclude": "not ranked",
        "why": "no rule says how to treat a missing value: each sample picks one of {0}, equally likely",
        "fixed": "a missing value is always treated as: {0}",
    },
}


def _choices(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    try:
        out = tuple(value)
    except TypeError:
        out = (value,)
    for c in out:
        if c not in TREATMENTS:
            raise UncertainInputError(
                f"missing: expected treatments among {', '.join(TREATMENTS)}, got {c!r}",
                vi=f"missing: cách xử lý giá trị thiếu phải là {' hoặc '.join(TREATMENTS)}, nhận được {c!r}",
            )
    if not out:
        raise UncertainInputError(
            "missing: give at least one treatment (zero, exclude)",
            vi="missing: cần ít nhất một cách xử lý giá trị thiếu (zero, exclude)",
        )
    if len(set(out)) != len(out):
        raise UncertainInputError(
            f"missing: a treatment is listed twice in {list(out)}",
            vi=f"missing: một cách xử lý được liệt kê hai lần trong {list(out)}",
        )
    return out


@attrs.frozen
class MissingChoice:
    """Each sample treats a missing value with one of ``choices`` (``"zero"``,
    ``"exclude"``), equally likely. The first choice is the nominal one unless the
    analysis is given ``missing=``."""

    choices: tuple[str, ...] = attrs.field(default=TREATMENTS, converter=_choices)

    @property
    def name(self) -> str:
        return "missing"

    @property
    def low(self) -> Decimal:
        """The sample column is uniform on [low, high]: [0, 1], or [0, 0] for one choice."""
        return Decimal(0)

    @property
    def high(self) -> Decimal:
        return Decimal(0 if len(self.choices) == 1 else 1)

    @property
    def excludes(self) -> tuple[bool, ...]:
        """Per choice: does it leave a unit with a missing value unranked?"""
        return tuple(c == "exclude" for c in self.choices)

    def words(self, lang: str = "vi") -> str:
        """The choices in words ("zero (tính là 0) / exclude (không xếp hạng)")."""
        w = _WORDS["en" if lang == "en" else "vi"]
        return " / ".join(f"{c} ({w[c]})" for c in self.choices)

    def reason(self, lang: str = "vi") -> str:
        w = _WORDS["en" if lang == "en" else "vi"]
        if len(self.choices) == 1:
            return w["fixed"].format(w[self.choices[0]])
        return w["why"].format(", ".join(self.choices))


def choice_index(column: Any, n_choices: int) -> Any:
    """The choice of each sample from its uniform column (``floor(u × n)``, at most n − 1)."""
    import numpy as np

    u = np.asarray(column, dtype=np.float64)
    return np.minimum(np.floor(u * n_choices), n_choices - 1).astype(np.intp)


_RULE_WORDS = {
    "vi": {
        "why": "quy tắc tính điểm của tiêu chí {0} chưa chắc chắn: mỗi mẫu chọn một trong {1} quy tắc, đồng xác suất",
        "rule": "quy tắc {0}",
    },
    "en": {
        "why": "the scoring rule of criterion {0} is uncertain: each sample picks one of {1} rules, equally likely",
        "rule": "rule {0}",
    },
}


def _rules(value: Any) -> tuple[Any, ...]:
    from ..rules import Rule

    if isinstance(value, Rule):
        value = (value,)
    try:
        out = tuple(value)
    except TypeError:
        out = (value,)
    for r in out:
        if not isinstance(r, Rule):
            raise UncertainInputError(
                f"rules: expected Rule items (PointsRule(), ShareRule(), StepsRule(…), …), got {r!r}",
                vi=f"rules: cần các mục Rule (PointsRule(), ShareRule(), StepsRule(…), …), nhận được {r!r}",
            )
    return out


def _rule_text(rule: Any) -> str:
    """A rule as its rubric-file table, on one line ({kind = "share"})."""
    parts = []
    for k, v in rule.to_dict().items():
        parts.append(f"{k} = {_toml(v)}")
    return "{ " + ", ".join(parts) + " }"


def _plain(v: Any) -> Any:
    """A rule's table with its decimals as text ("0.75"), as the other inputs write
    theirs, so that it goes to JSON as it is and reads back the same."""
    if isinstance(v, Decimal):
        return f"{v.normalize():f}"
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def _toml(v: Any) -> str:
    if isinstance(v, str):
        return '"' + v.replace('"', '\\"') + '"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    if isinstance(v, Decimal):
        return f"{v.normalize():f}"
    return str(v)


@attrs.frozen
class RuleChoice:
    """Each sample scores criterion ``criterion`` with one of ``rules`` (the rule kinds
    of a rubric file: :class:`~ict_adoption.rules.ShareRule`, ``StepsRule``, …), equally
    likely. The rubric's own rule for the criterion must be one of them: it gives the
    nominal ranking. Checked against the rubric (:meth:`check`): a known criterion, and
    every rule fits the criterion's maximum in every bloc, as the rubric file requires."""

    criterion: str = attrs.field(converter=str)
    rules: tuple[Any, ...] = attrs.field(converter=_rules)

    def __attrs_post_init__(self) -> None:
        if len(self.rules) < 2:
            raise UncertainInputError(
                f"{self.name}: give at least two rules to choose from, got {len(self.rules)}; "
                "to change the rule itself, change the rubric",
                vi=f"{self.name}: cần ít nhất hai quy tắc để chọn, nhận được {len(self.rules)}; "
                "muốn đổi hẳn quy tắc, hãy sửa bộ tiêu chí",
            )
        if len(set(self.rules)) != len(self.rules):
            raise UncertainInputError(
                f"{self.name}: a rule is listed twice",
                vi=f"{self.name}: một quy tắc được liệt kê hai lần",
            )

    @property
    def name(self) -> str:
        return f"rule:{self.criterion}"

    @property
    def low(self) -> Decimal:
        return Decimal(0)

    @property
    def high(self) -> Decimal:
        return Decimal(1)

    def words(self, lang: str = "vi") -> str:
        """The rules as written in a rubric file, separated by " / "."""
        return " / ".join(_rule_text(r) for r in self.rules)

    def reason(self, lang: str = "vi") -> str:
        w = _RULE_WORDS["en" if lang == "en" else "vi"]
        return w["why"].format(repr(self.criterion), len(self.rules))

    def check(self, rubric: Any) -> None:
        """Refuse an unknown criterion, a rule that does not fit its maximum (in any
        bloc), and a list without the rubric's own rule."""
        ids = [c.id for g in rubric.groups for c in g.criteria]
        if self.criterion not in ids:
            raise UncertainInputError(
                f"{self.name}: no such criterion {self.criterion!r}; criteria: {', '.join(ids)}",
                vi=f"{self.name}: không có tiêu chí {self.criterion!r}; các tiêu chí: {', '.join(ids)}",
            )
        from ..errors import RubricError
        from ..messages import text_in

        maxima = [(None, rubric.criterion(self.criterion).max)]
        maxima += [(b, rubric.leaf_max(b.id, self.criterion)) for b in rubric.blocs]
        for i, r in enumerate(self.rules):
            for bloc, top in maxima:  # the criterion's maximum, then each bloc's own
                if top is None:
                    continue
                try:
                    r.check_max(top, f"criterion {self.criterion!r}")
                except RubricError as exc:
                    at, tai = ("", "") if bloc is None else (f" in bloc {bloc.id!r}", f" ở khối {bloc.name}")
                    raise UncertainInputError(
                        f"{self.name}: rule {i + 1} {_rule_text(r)} does not fit the criterion's maximum "
                        f"{top.normalize():f}{at}: {text_in(exc, 'en')}",
                        vi=f"{self.name}: quy tắc {i + 1} {_rule_text(r)} không khớp điểm tối đa "
                        f"{top.normalize():f} của tiêu chí{tai} (cho điểm ngoài khoảng 0..{top.normalize():f})",
                    ) from None
            substitute(rubric, {self.criterion: r}, f"{self.name}: rule {i + 1}", f"{self.name}: quy tắc {i + 1}")
        own = rubric.criterion(self.criterion).rule
        if own not in self.rules:
            raise UncertainInputError(
                f"{self.name}: the rubric's own rule {_rule_text(own)} is not one of the rules; "
                "list it too (it gives the nominal ranking)",
                vi=f"{self.name}: quy tắc của bộ tiêu chí {_rule_text(own)} không nằm trong các quy tắc; "
                "hãy liệt kê cả nó (nó cho xếp hạng danh nghĩa)",
            )

    def to_dict(self) -> dict[str, Any]:
        """The ``[[uncertainty.rules]]`` table: ``criterion`` and ``rules`` as rubric-file tables."""
        return {"criterion": self.criterion, "rules": [_plain(r.to_dict()) for r in self.rules]}

    @classmethod
    def from_dict(cls, data: Any, where: str = "[[uncertainty.rules]]", registry: Any = None) -> RuleChoice:
        """From a ``[[uncertainty.rules]]`` table; each rule is read by the rubric reader's
        :func:`~ict_adoption.rules.rule_from_dict` (``registry``: extra rule kinds)."""
        from ..errors import RubricError
        from ..messages import text_in
        from ..rules import rule_from_dict, rule_kinds

        if not isinstance(data, dict) or set(data) != {"criterion", "rules"} or not isinstance(data["rules"], list):
            raise UncertainInputError(
                f'{where}: expected {{ criterion = "id", rules = [{{ kind = "…" }}, …] }}, got {data!r}',
                vi=f'{where}: cần {{ criterion = "id", rules = [{{ kind = "…" }}, …] }}, nhận được {data!r}',
            )
        kinds = rule_kinds(registry)
        rules = []
        for i, r in enumerate(data["rules"]):
            if not isinstance(r, dict):
                raise UncertainInputError(
                    f'{where}.rules[{i}]: expected a table like {{ kind = "share" }}, got {r!r}',
                    vi=f'{where}.rules[{i}]: cần một bảng như {{ kind = "share" }}, nhận được {r!r}',
                )
            try:
                rules.append(rule_from_dict(r, kinds))
            except RubricError as exc:
                raise UncertainInputError(
                    f"{where}.rules[{i}]: {text_in(exc, 'en')}", vi=f"{where}.rules[{i}]: {text_in(exc, 'vi')}"
                ) from None
        return cls(str(data["criterion"]), rules)


def substitute(rubric: Any, rules: Any, where: str = "rules", vi_where: str = "rules") -> Any:
    """``rubric`` with criterion ``c`` scored by ``rules[c]`` (a new, checked rubric:
    a rule that does not fit the criterion's maximum is refused as the rubric file would)."""
    from ..errors import RubricError
    from ..messages import text_in

    if not rules:
        return rubric
    try:
        groups = tuple(
            attrs.evolve(g, criteria=tuple(attrs.evolve(c, rule=rules[c.id]) if c.id in rules else c for c in g.criteria))
            if any(c.id in rules for c in g.criteria) else g
            for g in rubric.groups
        )
        return attrs.evolve(rubric, groups=groups)
    except RubricError as exc:
        raise UncertainInputError(
            f"{where}: does not fit the criterion's maximum: {text_in(exc, 'en')}",
            vi=f"{vi_where}: không khớp điểm tối đa của tiêu chí: {text_in(exc, 'vi')}",
        ) from None
