"""The ranking kernels: tie-aware ranks inside blocs, classes, name order.

:func:`rank_within_blocs` ranks any number of units in any number of blocs with one
sort, no Python loop over units or blocs. Scores are exact integers, so "equal" means
equal: no tolerance is ever needed. :func:`assign_bands` puts every total in its class
at once. These work on arrays only; :func:`ict_adoption.rank` builds a
:class:`~ict_adoption.ranking.Ranking` with them.
"""

from __future__ import annotations

from typing import Any, Literal, Sequence

import numpy as np
import numpy.typing as npt

from .exact import scale_exact
from .model import RANK_METHODS, Rubric
from .text import ascii_key

__all__ = ["rank_within_blocs", "assign_bands", "name_order", "name_order_reference", "Method"]

Method = Literal["competition", "dense", "fractional", "ordinal"]
IntArray = npt.NDArray[np.int64]


def _packed_key(blocs: IntArray, scores: IntArray) -> tuple[IntArray, int] | None:
    """The sorted packed key ``(bloc, score descending, row)`` and its row bits, or None.

    When bloc, score span and row index fit in 63 bits together, they are packed into
    one int64 and sorted with a plain (non-arg) sort, the fastest path numpy offers; the
    runs of equal (bloc, score) are then read from the key itself (``key >> row_bits``),
    with no gather of the blocs or scores.
    """
    n = len(scores)
    s_min, s_max = int(scores.min()), int(scores.max())
    idx_bits = max(1, (n - 1).bit_length())
    score_bits = max(1, (s_max - s_min).bit_length())
    bloc_bits = max(1, int(blocs.max()).bit_length())
    if idx_bits + score_bits + bloc_bits > 63:
        return None
    key = blocs << (score_bits + idx_bits)
    key |= (s_max - scores) << idx_bits
    key |= np.arange(n, dtype=np.int64)
    key.sort()
    return key, idx_bits


def _sorted_runs(blocs: IntArray, scores: IntArray, tie_keys: Sequence[npt.ArrayLike]) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """``(order, new_run)``: the rows by bloc ascending, score descending (then the tie
    keys, or row order), and True where a run of equal (bloc, score) starts."""
    n = len(scores)
    new_run = np.empty(n, dtype=bool)
    new_run[0] = True
    packed = None if tie_keys else _packed_key(blocs, scores)
    if packed is not None:
        key, idx_bits = packed
        order = key & ((1 << idx_bits) - 1)
        key >>= idx_bits  # (bloc, score) of each sorted row, in place
        np.not_equal(key[1:], key[:-1], out=new_run[1:])
        return order, new_run
    keys = [np.asarray(k) for k in reversed(tie_keys)]
    order = np.lexsort((*keys, -scores, blocs)).astype(np.int64)
    sb, ss = blocs[order], scores[order]
    np.not_equal(sb[1:], sb[:-1], out=new_run[1:])
    new_run[1:] |= ss[1:] != ss[:-1]
    return order, new_run


#: the counting path's table of keys may hold this many per unit (and this many more)
_COUNT_ROOM = 2


def _counted_ranks(b: IntArray, s: IntArray, method: str) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]] | None:
    """Ranks without a sort, when the keys ``(bloc, score descending)`` span a table no
    larger than about twice the units (``_COUNT_ROOM``; scores that are all on a grid
    counted in steps of it, their greatest common step): the units are counted per key
    (``bincount``); a unit's competition rank is one more than the units of its bloc
    with a smaller key (the counts summed up to its key, less those before its bloc),
    its dense rank one more than the distinct such keys; it is tied when its key counts
    more than one. None: the table would be too large (then one sort of a packed key).
    ``"ordinal"`` needs the order inside a tie, so it always sorts."""
    n = len(s)
    s_min, s_max = int(s.min()), int(s.max())
    room = _COUNT_ROOM * n + 4096
    blocs = int(b.max()) + 1
    if blocs > room:
        return None
    below = s_max - s  # how far each score is below the best
    span = s_max - s_min + 1
    if blocs * span > room:  # scores on a grid (points of 0.5, 0.25, …: a common step) count as steps
        step = int(np.gcd.reduce(below)) if span > 1 else 1
        if step < 2 or blocs * ((span - 1) // step + 1) > room:
            return None
        below //= step
        span = (span - 1) // step + 1
    key = b * span
    start = key.copy()  # the first key of each unit's bloc
    key += below
    counts = np.bincount(key, minlength=blocs * span)
    tied = counts[key] > 1
    r: npt.NDArray[Any]
    if method == "dense":
        before = np.cumsum(counts > 0)  # distinct keys up to each key, itself included
        # distinct keys from the bloc's first to this one, both included, less the first when absent
        r = before[key] - before[start] + (counts[start] > 0)
    else:
        before = np.cumsum(counts)
        r = before[key] - counts[key] - (before[start] - counts[start]) + 1
        if method == "fractional":
            r = r + (counts[key] - 1) / 2.0
    return r.astype(np.float64 if method == "fractional" else np.int64, copy=False), tied


def rank_within_blocs(
    blocs: npt.ArrayLike,
    scores: npt.ArrayLike,
    method: Method = "competition",
    tie_keys: Sequence[npt.ArrayLike] = (),
) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]]:
    """Rank ``scores`` (integers, higher is better) inside each bloc.

    ``blocs``: a non-negative integer code per unit. Returns ``(ranks, tied)``: ranks
    are int64 (float64 for ``"fractional"``), 1 = best in its bloc; ``tied`` is True
    where a unit shares its score with another unit of its bloc.

    ``tie_keys`` (``"ordinal"`` only): integer arrays, most significant first, *lower
    is better*, that order tied units; the last should be unique per bloc (e.g. a name
    rank) so the result never depends on input order.

    No sort when the keys ``(bloc, score)`` fit a table about twice the units (the
    usual case: a few hundred blocs, points on a grid of the rubric's steps): the
    units are counted per key, and ranks read from the running counts. Otherwise (and for
    ``"ordinal"``) one sort of a packed int64 key; each bloc's first sorted position
    comes from the bloc counts, each run's length from its starts.

    >>> rank_within_blocs([0, 0, 0, 0, 0], [90, 80, 80, 80, 70])[0].tolist()
    [1, 2, 2, 2, 5]
    """
    b = np.asarray(blocs, dtype=np.int64)
    s = np.asarray(scores, dtype=np.int64)
    if b.shape != s.shape or b.ndim != 1:
        raise ValueError(f"blocs and scores must be 1-D of equal length, got {b.shape} and {s.shape}")
    if method not in RANK_METHODS:
        raise ValueError(f"method: expected one of {', '.join(RANK_METHODS)}, got {method!r}")
    n = len(s)
    if n == 0:
        return np.empty(0, dtype=np.float64 if method == "fractional" else np.int64), np.empty(0, dtype=bool)
    if b.min() < 0:
        raise ValueError("bloc codes must be >= 0")
    if method != "ordinal":
        counted = _counted_ranks(b, s, method)
        if counted is not None:
            return counted
    order, new_run = _sorted_runs(b, s, tie_keys if method == "ordinal" else ())
    counts = np.bincount(b)
    firsts = np.cumsum(counts) - counts  # first sorted position of each bloc
    bloc_start = np.repeat(firsts, counts)
    starts = np.flatnonzero(new_run)
    run_len = np.diff(np.append(starts, n))
    tied_sorted = np.repeat(run_len > 1, run_len)
    r: npt.NDArray[Any]
    if method == "competition":
        r = np.repeat(starts, run_len) - bloc_start + 1
    elif method == "dense":
        run_id = np.cumsum(new_run) - 1
        filled = counts > 0
        r = run_id - np.repeat(run_id[firsts[filled]], counts[filled]) + 1
    elif method == "fractional":
        r = (np.repeat(starts, run_len) - bloc_start + 1) + (np.repeat(run_len, run_len) - 1) / 2.0
    else:
        r = np.arange(n, dtype=np.int64) - bloc_start + 1
    ranks = np.empty(n, dtype=r.dtype)
    ranks[order] = r
    tied = np.empty(n, dtype=bool)
    tied[order] = tied_sorted
    return ranks, tied


def assign_bands(rubric: Rubric, totals: npt.ArrayLike, bloc_codes: npt.ArrayLike) -> IntArray:
    """Index into ``rubric.bands`` (0 = highest) for each total; vectorised over units.

    Bounds are closed below (``score >= min``) and compared exactly: on the total, or
    — for ``band_basis = "share"`` — on total ÷ the bloc's maximum, by integer
    cross-multiplication.
    """
    t = np.asarray(totals, dtype=np.int64)
    codes = np.asarray(bloc_codes, dtype=np.int64)
    bands = rubric.bands
    if rubric.band_basis == "total":
        q, lhs, scale = rubric.precision, t, None
    else:
        q = rubric.precision + 2
        lhs, scale = t * (100 * 10**q), rubric.bloc_max_scaled[codes]
    mins = [scale_exact(b.min, q) for b in bands[:-1]]  # type: ignore[arg-type]
    if all(a >= b for a, b in zip(mins, mins[1:])):  # highest class first: the class is the number of bounds above
        out = np.zeros(len(t), dtype=np.int64)
        for m in mins:
            out += lhs < (m if scale is None else m * scale)
        return out
    out = np.full(len(t), len(bands) - 1, dtype=np.int64)
    for i in range(len(bands) - 2, -1, -1):  # the first class whose bound the total reaches
        out = np.where(lhs >= (mins[i] if scale is None else mins[i] * scale), i, out)
    return out


def name_order(names: Sequence[str] | npt.NDArray[np.str_]) -> IntArray:
    """Rank of each name in Vietnamese-aware A→Z order (base letters, then accents).

    The order of ``(ascii_key(x), x.casefold(), x)``: each distinct name is keyed once
    (its characters through a cached table, see :func:`_ascii_keys`) and the keys are
    sorted by numpy.
    """
    arr = np.asarray(names, dtype=np.str_).reshape(-1)
    if len(arr) == 0:
        return np.empty(0, dtype=np.int64)
    uniq, inverse = np.unique(arr, return_inverse=True)
    texts = uniq.tolist()
    joined = "\x00".join(texts)
    if joined.count("\x00") == len(texts) - 1 and "\u03a3" not in joined:  # casefold a character at a time
        folded = np.array(joined.casefold().split("\x00"), dtype=np.str_)
    else:
        folded = np.array([x.casefold() for x in texts], dtype=np.str_)
    order = np.lexsort((uniq, folded, _ascii_keys(texts, joined)))
    pos = np.empty(len(uniq), dtype=np.int64)
    pos[order] = np.arange(len(uniq), dtype=np.int64)
    return pos[inverse.reshape(-1)]


def name_order_reference(names: Sequence[str] | npt.NDArray[np.str_]) -> IntArray:
    """:func:`name_order` one name at a time (the plain definition the tests check against)."""
    uniq = sorted(set(names), key=lambda x: (ascii_key(x), x.casefold(), x))
    pos = {name: i for i, name in enumerate(uniq)}
    return np.fromiter((pos[x] for x in names), dtype=np.int64, count=len(names))


class _AsciiKeyTable(dict[int, str]):
    """Code point → what :func:`~ict_adoption.text.ascii_key` makes of that character alone.

    Filled on first sight of each character, for :meth:`str.translate`.
    """

    def __missing__(self, code: int) -> str:
        value = ascii_key(chr(code))
        self[code] = value
        return value


_ASCII_KEY_TABLE = _AsciiKeyTable()
#: the same, for names joined by NUL: the separator kept, so the keys split apart again
_JOINED_KEY_TABLE = _AsciiKeyTable({0: "\x00"})
# lower-casing that depends on the neighbours (final sigma), or NFC that joins across
# characters: such names take the careful path
_CONTEXT_CHARS = frozenset("\u03a3")


def _ascii_keys(texts: list[str], joined: str | None = None) -> npt.NDArray[np.str_]:
    """:func:`~ict_adoption.text.ascii_key` of each (NFC) name, a character at a time.

    ``ascii_key`` lower-cases, drops white space, folds đ → d, decomposes and drops the
    combining marks: for NFC text each of these is a function of one character, so a
    name's key is the concatenation of its characters' keys. Names where that does not
    hold (not NFC, or holding a capital sigma) are keyed by ``ascii_key`` itself.
    ``joined``: the names joined by NUL; when no name holds NUL or a capital sigma and
    the whole is NFC (then so is each name), all names are keyed in one ``translate``.
    """
    import unicodedata

    if joined is None:
        joined = "\x00".join(texts)
    if (
        joined.count("\x00") == len(texts) - 1
        and "\u03a3" not in joined
        and unicodedata.is_normalized("NFC", joined)
    ):
        return np.array(joined.translate(_JOINED_KEY_TABLE).split("\x00"), dtype=np.str_)
    out = []
    for x in texts:
        if unicodedata.is_normalized("NFC", x) and _CONTEXT_CHARS.isdisjoint(x):
            out.append(x.translate(_ASCII_KEY_TABLE))
        else:
            out.append(ascii_key(x))
    return np.array(out, dtype=np.str_)
