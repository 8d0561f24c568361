"""Exact decimal arithmetic at a rubric's precision.

Scores are held as integers counting units of ``10**-precision`` points ("scaled
integers"): 93.94 at precision 2 is ``9394``. Converting *into* that form is exact or
fails; the only rounding in the library is :func:`round_half_away`, applied once to a
computed fraction, the way spreadsheets round.
"""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple, SupportsInt

from ._lazy import LazyModule

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
else:  # numpy on first use: ``import ict_adoption`` does not load it
    np = LazyModule("numpy", globals(), "np")

__all__ = [
    "to_decimal",
    "scale_exact",
    "unscale",
    "round_half_away",
    "scale_float_array",
    "scale_float_array_if_exact",
    "ExactColumn",
    "float_limit",
    "format_scaled",
    "format_scaled_column",
    "smallest_int",
    "scale_points_columns",
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


# Work on large arrays goes through blocks of this many elements: the temporaries then
# live in a few small buffers that stay in cache and are reused, instead of fresh
# full-size arrays whose pages the operating system must supply on every call.
BLOCK = 16384


def scale_float_array(
    values: npt.ArrayLike, precision: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Scale float values to integers at ``precision``, without a Python loop over values.

    Returns ``(scaled, exact)``: ``exact`` is False where the value carries more
    decimals than the precision allows, and where it is too large to hold exactly
    (``|value| × 10^precision ≥ 2^52``, see :func:`float_limit`; ``scaled`` is 0 there).
    The caller decides whether that is an error. A float counts as exact when it is the
    double nearest to a decimal with at most ``precision`` places, which is what a typed
    or published number always is. NaN must be masked out by the caller (it comes back
    as 0, not exact).

    >>> scaled, exact = scale_float_array([93.94, 0.1 + 0.2, 93.945], 2)
    >>> scaled.tolist(), exact.tolist()
    ([9394, 30, 9394], [True, True, False])
    """
    arr = np.asarray(values, dtype=np.float64)
    exact = np.empty(arr.shape, dtype=bool)
    scaled, _, _, _ = _scale(arr, precision, exact.reshape(-1))
    return scaled, exact


class ExactColumn(NamedTuple):
    """Scaled values that are all exact (in the smallest signed integer type that holds
    them, see :func:`smallest_int`), with their smallest and largest value."""

    values: npt.NDArray[np.signedinteger[Any]]
    smallest: int
    largest: int


def scale_float_array_if_exact(values: npt.ArrayLike, precision: int) -> ExactColumn | None:
    """:func:`scale_float_array` when every value is exact, else None.

    The fast path for callers that only go on when all is well: no mask is kept, the
    work stops at the first block holding an inexact value, and the range comes with
    the values (range checks then need no further pass).
    """
    return _scale_if_exact(np.asarray(values, dtype=np.float64), precision)


_INT_TYPES = ("int8", "int16", "int32", "int64")


def _scale_if_exact(arr: npt.NDArray[np.float64], precision: int) -> ExactColumn | None:
    """:func:`scale_float_array_if_exact`, written straight into the smallest integer type.

    Per block: the scaled floats are rounded; a value is exact at once when the rounded
    integer divided back by ``10^precision`` gives the value itself (it is then the double
    nearest to that decimal, well inside the tolerance of :func:`_scale`); only a block
    where some value is not goes through :func:`_scale`'s tolerance test. The integers
    go into an ``int8`` column, widened (rarely: once or twice per column) when a block
    needs more, so a column of points never exists as ``int64``.
    """
    flat = np.ascontiguousarray(arr).reshape(-1)
    n = flat.size
    factor = 10.0**precision
    kind = 0
    info = np.iinfo(_INT_TYPES[kind])
    scaled = np.empty(arr.shape, dtype=_INT_TYPES[kind]).reshape(-1)
    size = min(n, BLOCK)
    big, back, scratch = np.empty(size), np.empty(size), np.empty(size, dtype=bool)
    lo = hi = 0
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        x, b, e, ok = flat[start:stop], big[: stop - start], back[: stop - start], scratch[: stop - start]
        np.multiply(x, factor, out=b)
        b_lo, b_hi = float(b.min()), float(b.max())
        if not (-(2.0**52) < b_lo and b_hi < 2.0**52):  # NaN too: not exact
            return None
        r_lo, r_hi = int(np.rint(b_lo)), int(np.rint(b_hi))
        lo, hi = (r_lo, r_hi) if start == 0 else (min(lo, r_lo), max(hi, r_hi))
        while not (info.min <= lo and hi <= info.max):  # widen what is written so far
            kind += 1
            info = np.iinfo(_INT_TYPES[kind])
            scaled = scaled.astype(_INT_TYPES[kind])
        np.rint(b, out=b)
        np.copyto(scaled[start:stop], b, casting="unsafe")
        np.divide(b, factor, out=e)
        np.equal(e, x, out=ok)
        if not ok.all() and not _scale(x, precision, ok)[1]:
            return None
    return ExactColumn(scaled.reshape(arr.shape), lo, hi)


def _scale(
    arr: npt.NDArray[np.float64], precision: int, exact: npt.NDArray[np.bool_] | None
) -> tuple[npt.NDArray[np.int64], bool, float, float]:
    """Scaled values, whether all are exact, and the range of the scaled floats.

    With an ``exact`` array (flat, one flag per value) every value is flagged and the
    work goes to the end; without one it stops at the first inexact value (the range
    then means nothing).
    """
    flat = np.ascontiguousarray(arr).reshape(-1)
    n = flat.size
    scaled = np.empty(n, dtype=np.int64)
    factor = 10.0**precision
    tolerance = 8 * float(np.finfo(np.float64).eps)
    size = min(n, BLOCK)
    big, err, scratch = np.empty(size), np.empty(size), np.empty(size, dtype=bool)
    all_exact = True
    lo, hi = 0.0, 0.0
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        b, e = big[: stop - start], err[: stop - start]
        out = scaled[start:stop]
        ok = scratch[: stop - start] if exact is None else exact[start:stop]
        np.multiply(flat[start:stop], factor, out=b)
        b_lo, b_hi = float(b.min()), float(b.max())
        lo, hi = (b_lo, b_hi) if start == 0 else (min(lo, b_lo), max(hi, b_hi))
        huge = None
        if not (-(2.0**52) < b_lo and b_hi < 2.0**52):  # NaN too
            huge = ~(np.abs(b) < 2.0**52)  # rare: hold them out of the arithmetic
            b[huge] = 0.0
        np.rint(b, out=e)
        np.copyto(out, e, casting="unsafe")
        # x*10^p lies within a couple of ulps of n when x is the double nearest to
        # n/10^p: allow 8 ulps of each value, plus 8 ulps of 1.0 for values near 0
        np.subtract(b, e, out=e)
        np.abs(e, out=e)
        np.abs(b, out=b)
        b *= tolerance
        b += tolerance
        np.less_equal(e, b, out=ok)
        if huge is not None:
            ok[huge] = False
        if not ok.all():
            all_exact = False
            if exact is None:
                break
    return scaled.reshape(arr.shape), all_exact, lo, hi


def float_limit(precision: int) -> float:
    """The smallest magnitude a float cannot be held at exactly at ``precision`` (2^52 / 10^p).

    >>> float_limit(2)
    45035996273704.96
    """
    return 2.0**52 / 10.0**precision


def unscale(value: SupportsInt, precision: int) -> Decimal:
    """The :class:`~decimal.Decimal` that a scaled integer stands for.

    >>> unscale(9394, 2)
    Decimal('93.94')
    """
    return Decimal(int(value)).scaleb(-precision)


def smallest_int(values: npt.ArrayLike) -> npt.NDArray[np.signedinteger[Any]]:
    """``values`` (integers) in the smallest signed integer type that holds them all:
    criterion points kept by a scored table take 1–2 bytes a value instead of 8."""
    v = np.asarray(values)
    if v.size == 0 or v.dtype == np.int8:
        return v.astype(np.int8, copy=False)
    lo, hi = int(v.min()), int(v.max())
    for kind in (np.int8, np.int16, np.int32):
        info = np.iinfo(kind)
        if info.min <= lo and hi <= info.max:
            return v.astype(kind, copy=False)
    return v.astype(np.int64, copy=False)


def format_scaled(value: SupportsInt, precision: int, decimal_comma: bool = False) -> str:
    """Text for a scaled integer with exactly ``precision`` decimals (``"93.94"``).

    The one decimal formatter of the library: every view prints a number through it
    or through :func:`format_scaled_column`, which it calls.
    """
    return format_scaled_column([int(value)], precision, decimal_comma)[0]


def format_scaled_column(values: npt.ArrayLike, precision: int, decimal_comma: bool = False) -> list[str]:
    """:func:`format_scaled` of every value of a column, with one pass of numpy.

    ``[9394, -5, 0]`` at precision 2 gives ``["93.94", "-0.05", "0.00"]``. The whole
    parts come from one integer ``divmod`` of the column; the decimal tails (at most
    10^precision of them) are formatted once each and looked up. A column whose values
    span fewer numbers than half its length (points, totals) formats each number of the
    span once and looks every cell up.
    """
    v = np.asarray(values, dtype=np.int64).reshape(-1)
    if len(v) > 1:
        lo, hi = int(v.min()), int(v.max())
        if hi - lo < len(v) // 2:  # a column of few possible values (points, totals): each formatted once
            table = _format_each(np.arange(lo, hi + 1, dtype=np.int64), precision, decimal_comma)
            return list(map(table.__getitem__, (v - lo).tolist()))
    return _format_each(v, precision, decimal_comma)


def _format_each(v: npt.NDArray[np.int64], precision: int, decimal_comma: bool) -> list[str]:
    if precision == 0:
        return list(map(str, v.tolist()))
    whole, frac = np.divmod(np.abs(v), 10**precision)
    sep = "," if decimal_comma else "."
    if precision > _TAIL_TABLE_DIGITS:
        out = [f"{w}{sep}{f:0{precision}d}" for w, f in zip(whole.tolist(), frac.tolist())]
    else:
        tails = _tails(precision, sep)
        out = [w + tails[f] for w, f in zip(map(str, whole.tolist()), frac.tolist())]
    negative = np.flatnonzero(v < 0)
    for i in negative.tolist():
        out[i] = "-" + out[i]
    return out


_TAIL_TABLE_DIGITS = 4


@functools.lru_cache(maxsize=None)
def _tails(precision: int, sep: str) -> tuple[str, ...]:
    """``(".00", ".01", …, ".99")`` at precision 2: every decimal tail, formatted once."""
    return tuple(f"{sep}{f:0{precision}d}" for f in range(10**precision))


def _int_type(largest: int) -> str:
    """The smallest signed integer type holding ``0..largest``."""
    return next(t for t in _INT_TYPES if largest <= np.iinfo(t).max)


#: Rows per block of :func:`scale_points_columns` (and of row-blocked sums): a block's
#: buffers stay in cache while each column passes through; fewer, larger blocks make
#: fewer numpy calls (measured: 16k-256k rows differ by less than the machine's noise).
ROW_BLOCK = 65536


def scale_points_columns(
    columns: list[npt.NDArray[np.float64]], maxima: list[int], precision: int, *, summed: bool = True
) -> tuple[list[npt.NDArray[np.signedinteger[Any]] | None], npt.NDArray[np.signedinteger[Any]] | None]:
    """Float columns of points scaled to integers at ``precision``, each checked to lie
    in ``0..maxima[j]`` (scaled), and their sum per row: the fast path for columns that
    are all well, one pass over each, row block by row block.

    A column is accepted when every value is the double nearest to ``k / 10^precision``
    for an integer ``0 <= k <= maxima[j]`` (``-0.0``, NaN and infinities are not); it
    then comes back as those ``k`` in the smallest signed integer type that holds them
    (:func:`smallest_int`), else as None: the caller reads that column the careful way,
    with its messages (values within :func:`scale_float_array`'s tolerance, such as
    ``0.1 + 0.2``, are accepted there). The sum (in the smallest type for the sum of
    the maxima) is given only when every column is accepted (and ``summed``), else None.

    Per block and column: scale and round, one maximum of the bit patterns (as unsigned
    integers the patterns of ``+0.0 .. max`` come before every negative number, NaN and
    infinity, so one reduction checks the range and finiteness), the integers written,
    the sum grown in floats (exact: integers far below 2^53), and the divide-back test
    of :func:`scale_float_array_if_exact`.
    """
    n = len(columns[0]) if columns else 0
    if not columns or max(maxima) >= 2**31 or min(maxima) < 0:
        return [None] * len(columns), None
    factor = 10.0**precision
    limits = [int(np.float64(m).view(np.uint64)) for m in maxima]
    # one array for the group's columns (and their sum when its type is the same): a
    # large allocation, which numpy asks the system to back with huge pages; a column
    # of its own would take some 500 page faults per million 2-byte values
    kind, sum_kind = _int_type(max(maxima)), _int_type(sum(maxima))
    summed = summed and len(columns) > 1
    rows = np.empty((len(columns) + (summed and sum_kind == kind), n), dtype=kind)
    outs = list(rows[: len(columns)])
    tops = [0] * len(columns)  # the largest bit pattern of each column
    alive = [True] * len(columns)
    total = None if not summed else rows[-1] if len(rows) > len(columns) else np.empty(n, dtype=sum_kind)
    size = min(n, ROW_BLOCK)
    buf, acc, ok = np.empty(size), np.empty(size), np.empty(size, dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):  # a huge value overflows to inf: refused
        for start in range(0, n, ROW_BLOCK):
            stop = min(start + ROW_BLOCK, n)
            b, a, e = buf[: stop - start], acc[: stop - start], ok[: stop - start]
            first = True
            for j, col in enumerate(columns):
                if not alive[j]:
                    continue
                x = col[start:stop]
                np.multiply(x, factor, out=b)
                np.rint(b, out=b)
                top = int(np.maximum.reduce(b.view(np.uint64)))
                if top > limits[j]:
                    alive[j] = False
                    continue
                np.copyto(outs[j][start:stop], b, casting="unsafe")
                if total is not None:
                    if first:
                        np.copyto(a, b)
                    else:
                        np.add(a, b, out=a)
                    first = False
                np.divide(b, factor, out=b)
                np.not_equal(b, x, out=e)
                if np.count_nonzero(e):
                    alive[j] = False
                    continue
                tops[j] = max(tops[j], top)
            if total is not None and not first:
                np.copyto(total[start:stop], a, casting="unsafe")
            if not any(alive):
                break
    result: list[npt.NDArray[np.signedinteger[Any]] | None] = []
    for j, out in enumerate(outs):
        if not alive[j]:
            result.append(None)
            continue
        small = _int_type(int(np.array([tops[j]], dtype=np.uint64).view(np.float64)[0]))  # as smallest_int
        result.append(out if out.dtype == small else out.astype(small))
    return result, (total if all(alive) else None)
