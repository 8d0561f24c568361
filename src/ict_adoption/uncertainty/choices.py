"""Discrete uncertain inputs: the treatment of a missing value (:class:`MissingChoice`).

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

__all__ = ["MissingChoice", "TREATMENTS", "choice_index"]

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
