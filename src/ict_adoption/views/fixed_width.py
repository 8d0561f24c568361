"""A plain fixed-width table, byte for byte what ``tabulate(..., tablefmt="simple",
disable_numparse=True)`` prints, built a column at a time.

tabulate infers a type for every cell (even with ``disable_numparse``) and pads each
cell through several helpers: for a ranking of 100,000 units that is seconds. For the
``"simple"`` format and cells whose width is their length (no line break, no control
or escape character, no combining or wide character: Vietnamese text in NFC is such
text), the table is plain: each column left-aligned, as wide as its widest cell or its
heading plus two, cells stripped, two spaces between columns, lines right-stripped.
:func:`simple_table` builds exactly that, and hands anything else to tabulate.
"""

from __future__ import annotations

import re
from typing import Sequence

__all__ = ["simple_table", "is_plain"]

# Characters of width one under any width rule tabulate may use (len, or wcwidth when
# installed): printable ASCII, Latin-1 (without the soft hyphen), Latin Extended-A/B,
# Latin Extended Additional (Vietnamese), and the dashes and quotes of typeset text.
_NOT_PLAIN = re.compile("[^\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u1e00-\u1eff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]")
_MIN_PADDING = 2  # tabulate's MIN_PADDING: a heading is padded by two


def is_plain(texts: Sequence[str]) -> bool:
    """True when every text is made of width-one characters only (see the module)."""
    return _NOT_PLAIN.search("".join(texts)) is None


def simple_table(headers: Sequence[str], rows: Sequence[Sequence[str]], columns: Sequence[Sequence[str]] | None = None) -> str:
    """``tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)``.

    ``columns`` (the same cells, column by column) saves transposing ``rows``. Cells
    must be ``str``. Tables that are not plain (:func:`is_plain`) go to tabulate.
    """
    cols: list[list[str]] = [list(c) for c in columns] if columns is not None else [list(c) for c in zip(*rows)] if rows else [[] for _ in headers]
    if not headers or len(cols) != len(headers) or not all(is_plain(c) for c in cols) or not is_plain(headers) or _bool_like(cols):
        from tabulate import tabulate

        return tabulate([list(r) for r in zip(*cols)], headers=list(headers), tablefmt="simple", disable_numparse=True)
    stripped = [[c.strip() for c in col] for col in cols]
    widths = [max(len(h) + _MIN_PADDING, max(map(len, col), default=0)) for h, col in zip(headers, stripped)]
    padded = [[c.ljust(w) for c in col] for col, w in zip(stripped, widths)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(r).rstrip() for r in zip(*padded)]
    return "\n".join(lines)


def _bool_like(cols: list[list[str]]) -> bool:
    # tabulate types "True"/"False" cells as bool even without number parsing; keep
    # such (rare) tables on tabulate's path rather than reason about its formatting
    return any(c in ("True", "False") for col in cols for c in col)
