"""Exact decimal arithmetic at a rubric's precision.

Scores are held as integers counting units of ``10**-precision`` points ("scaled
integers"): 93.94 at precision 2 is ``9394``. Converting *into* that form is exact or
fails; the only rounding in the library is :func:`round_half_away`, applied once to a
computed fraction, the way spreadsheets round.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

import numpy as np
import numpy.typing as npt

__all__ = [
    "to_decimal",
    "scale_exact",
    "unscale",
    "round_half_away",
    "scale_float_array",
    "float_limit",
    "format_scaled",
]

Number = int | float | Decimal | Fraction | str


def to_decimal(value: Number) -> Decimal:
    """Return ``value`` as a :class:`~decimal.Decimal` without binary noise.

    Floats are read through their shortest repr, so ``93.94`` becomes ``Decimal("93.94")``
    (what the person typed), not the binary expansion.
    """
    if isinstance(value, bool):
        raise TypeError(f"expected a number, got a bool ({value!r})")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"expected a finite number, got {value!r}")
        return Decimal(repr(value))
    if isinstance(value, Fraction):
        raise TypeError("a Fraction must be rounded with round_half_away first")
    if isinstance(value, str):
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"expected a number, got {value!r}") from None
        if not d.is_finite():
            raise ValueError(f"expected a finite number, got {value!r}")
        return d
    raise TypeError(f"expected a number, got {type(value).__name__} ({value!r})")


def scale_exact(value: Number, precision: int) -> int:
    """``value`` as an integer count of ``10**-precision``; error if it has more decimals.

    >>> scale_exact("93.94", 2)
    9394
    >>> scale_exact(98, 2)
    9800
    """
    d = to_decimal(value)
    scaled = d.scaleb(precision)
    if scaled != scaled.to_integral_value():
        raise ValueError(
            f"{value!r} has more than {precision} decimal place(s); "
            f"the rubric's precision is {precision}"
        )
    return int(scaled)


def round_half_away(numerator: int, denominator: int) -> int:
    """Round ``numerator / denominator`` to the nearest integer, halves away from zero.

    >>> round_half_away(5, 2), round_half_away(-5, 2), round_half_away(7, 3)
    (3, -3, 2)
    """
    if denominator == 0:
        raise ZeroDivisionError("round_half_away: zero denominator")
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return q if numerator >= 0 else -q


def round_half_away_array(
    numerator: npt.NDArray[np.int64], denominator: npt.NDArray[np.int64] | int
) -> npt.NDArray[np.int64]:
    """Vectorised :func:`round_half_away` on int64 arrays (denominators > 0)."""
    num = np.asarray(numerator, dtype=np.int64)
    den = np.asarray(denominator, dtype=np.int64)
    if np.any(den <= 0):
        raise ZeroDivisionError("round_half_away_array: non-positive denominator")
    a = np.abs(num)
    q, r = np.divmod(a, den)
    q = q + (2 * r >= den)
    return np.where(num >= 0, q, -q)


def scale_float_array(
    values: npt.ArrayLike, precision: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Scale float values to integers at ``precision``, without a Python loop.

    Returns ``(scaled, exact)``: ``exact`` is False where the value carries more
    decimals than the precision allows, and where it is too large to hold exactly
    (``|value| × 10^precision ≥ 2^52``, see :func:`float_limit`; ``scaled`` is 0 there).
    The caller decides whether that is an error. A float counts as exact when it is the
    double nearest to a decimal with at most ``precision`` places, which is what a typed
    or published number always is. NaN must be masked out by the caller.
    """
    arr = np.asarray(values, dtype=np.float64)
    factor = 10.0**precision
    # two full-size buffers (the scaled floats, reused as the error, and the integers):
    # every extra temporary costs a pass and, for large columns, fresh pages
    big = np.multiply(arr, factor)
    top = float(max(big.max(), -big.min())) if big.size else 0.0
    huge = None
    if not top < 2.0**52:  # rare: find the rows, and hold them out of the arithmetic
        huge = ~(np.abs(big) < 2.0**52)
        big[huge] = 0.0
        top = float(np.abs(big).max())
    scaled = np.empty(big.shape, dtype=np.int64)
    np.rint(big, out=scaled, casting="unsafe")
    # |x*10^p - n| is at most a few ulps of x*10^p when x is the double nearest to n/10^p;
    # one tolerance for the whole array (from its largest value) keeps this to one pass
    tol = max(top, 1.0) * 8 * np.finfo(np.float64).eps
    np.subtract(big, scaled, out=big)
    np.abs(big, out=big)
    exact = big <= tol
    if huge is not None:
        exact &= ~huge
    return scaled, exact


def float_limit(precision: int) -> float:
    """The smallest magnitude a float cannot be held at exactly at ``precision`` (2^52 / 10^p).

    >>> float_limit(2)
    45035996273704.96
    """
    return 2.0**52 / 10.0**precision


def unscale(value: int, precision: int) -> Decimal:
    """The :class:`~decimal.Decimal` that a scaled integer stands for.

    >>> unscale(9394, 2)
    Decimal('93.94')
    """
    return Decimal(int(value)).scaleb(-precision)


def format_scaled(value: int, precision: int, decimal_comma: bool = False) -> str:
    """Text for a scaled integer with exactly ``precision`` decimals (``"93.94"``)."""
    text = f"{unscale(value, precision):.{precision}f}"
    return text.replace(".", ",") if decimal_comma else text
