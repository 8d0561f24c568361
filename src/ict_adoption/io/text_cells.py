"""The text cells of a column: tidy columns (NFC, single spaces) found at once, zero-width
characters removed, and a plain CSV's text column decoded with the same checks made
block by block on its text as decoded (:func:`text_cells`), without joining the column
again."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Any, Sequence

import numpy as np

from .byte_cells import CellBytes
from .cells import to_text

__all__ = ["strip_invisible", "text_cells"]


_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


def strip_invisible(values: list[Any]) -> list[int]:
    """Remove zero-width characters from text cells (in place); the rows changed.

    The column is joined once and searched for each character (a fast substring
    search): a column without any (nearly every column) is left as it is without a
    look at each cell; only a column with one goes cell by cell."""
    try:
        joined = "".join(values)
    except TypeError:  # not only text: join the text cells
        joined = "".join(itertools.compress(values, map(isinstance, values, itertools.repeat(str))))
    if joined.isascii() or not any(c in joined for c in _INVISIBLE_CHARS):
        return []
    return _strip_invisible_cells(values)


def _tidy(joined: str, cells: list[str]) -> bool:
    """Whether :func:`~ict_adoption.text.nfc` leaves every cell as it is, decided over
    the column joined by line breaks (``joined``) with C-level string searches: no
    double space, no space at a cell's start or end, no whitespace but the single space
    (``str.isprintable`` of the cells joined by spaces: it is False for every other
    whitespace character, and for control and format characters, which then go cell
    by cell too), and NFC."""
    return (
        "  " not in joined
        and "\n " not in joined
        and " \n" not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
        and " ".join(cells).isprintable()
        and (joined.isascii() or unicodedata.is_normalized("NFC", joined))
    )


def _texts(values: Sequence[Any] | np.ndarray, tidy: bool = False) -> list[str | None]:
    """Text cells as NFC text, None for blank; a column already tidy (NFC, single
    spaces) is checked in one pass over the joined column instead of cell by cell
    (``tidy``: :func:`text_cells` found it so, on a CSV's bytes)."""
    seq = values.tolist() if isinstance(values, np.ndarray) else list(values)
    if tidy:
        return [v or None for v in seq] if "" in seq else seq
    if seq and set(map(type, seq)) == {str}:
        joined = "\n".join(seq)
        if joined.count("\n") == len(seq) - 1 and _tidy(joined, seq):
            if joined and "\n\n" not in joined and joined[0] != "\n" and joined[-1] != "\n":
                return seq  # no empty cell: every cell as it is
            return [v or None for v in seq]
    return [to_text(v) for v in seq]


def _strip_invisible_cells(values: list[Any]) -> list[int]:
    """:func:`strip_invisible` cell by cell (also the reference its tests compare with)."""
    changed = []
    for i, v in enumerate(values):
        if isinstance(v, str) and _INVISIBLE.search(v):
            values[i] = _INVISIBLE.sub("", v) or None
            changed.append(i)
    return changed


def _tidy_block(text: str) -> bool:
    """:func:`_tidy` of the cells of ``text``, a block of cells each followed by a line
    break (no cell holds one); the blocks of a column are tidy each if and only if the
    column is (a line break never combines with its neighbours in NFC)."""
    return (
        "  " not in text
        and "\n " not in text
        and " \n" not in text
        and text[:1] != " "
        and text.replace("\n", " ").isprintable()
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def text_cells(values: Sequence[Any] | np.ndarray) -> tuple[list[Any], bool]:
    """A text column as a list of its cells, and whether it is known tidy with no
    zero-width character (then neither :func:`strip_invisible` nor :func:`_texts` needs
    to look at it again): a plain CSV's column (:class:`CellBytes`) is decoded block by
    block, each block looked at as decoded. Any other column: its cells, and False."""
    if not isinstance(values, CellBytes):
        return (values.tolist() if isinstance(values, np.ndarray) else list(values)), False
    blocks, tidy = 0, True

    def look(text: str) -> None:
        nonlocal blocks, tidy
        blocks += 1
        tidy = tidy and _tidy_block(text)

    cells = values.texts(look=look)
    # (a zero-width character is a format character: never printable, so never in a tidy column)
    return cells, bool(cells) and blocks > 0 and tidy
