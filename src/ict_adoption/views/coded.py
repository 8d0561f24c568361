"""The cells of every bloc's table (:func:`~ict_adoption.views.table_columns`) for all
rows at once, as *coded* columns: each column's few distinct texts and, per row, the
index of its text. A renderer turns each distinct text into its cell once (pads or
escapes it) and looks every row's cell up (:func:`~ict_adoption.row_cells.lookup`), so
no Python code runs per cell. Shared by the text and HTML renderers.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import numpy.typing as npt

from . import band_label, words
from ..row_cells import key_codes, points_codes
from ..rows import Rows, rank_label

__all__ = ["Coded", "TableColumns"]

Coded = tuple[list[str], npt.NDArray[np.intp]]  # (distinct texts, index of each row's text)


class TableColumns:
    """The cells of :func:`~ict_adoption.views.table_columns` (``lang``) for every row.

    * ``rank_key``: per row, -1 for a unit with no report, else ``2 * r + tied`` where
      ``r`` is the rank (twice the rank for ``"fractional"``); :meth:`rank_text` is the
      label of a key (:func:`~ict_adoption.rows.rank_label`), :meth:`rank_codes` the
      labels as a coded column made by any function of the key;
    * ``total``, ``band`` and ``groups`` (one per rubric group): coded columns, the
      total's last text ``words(lang)["not_reported"]``, a group's last text ``""``;
    * ``names``: the unit names.
    """

    def __init__(self, rows: Rows, lang: str) -> None:
        r = rows.rubric
        comma = lang == "vi"  # as table_columns: the decimal comma of a Vietnamese document
        self.rows, self.method = rows, rows.method
        rank = np.asarray(rows.rank, dtype=np.float64) * 2 if rows.method == "fractional" else rows.rank.astype(np.int64)
        self.halves = rows.method != "fractional" or bool(np.array_equal(np.rint(rank), rank))
        self.rank_key = np.where(rows.reported, np.rint(rank).astype(np.int64) * 2 + rows.tied, -1) if self.halves else None
        self.total: Coded = points_codes(rows.total, rows.reported, r.precision, blank=words(lang)["not_reported"], decimal_comma=comma)
        labels = [band_label(b, lang) for b in r.bands] + [""]  # index -1: not ranked
        self.band: Coded = (labels, np.where(rows.band < 0, len(labels) - 1, rows.band).astype(np.intp))
        self.groups: list[Coded] = [
            points_codes(rows.group_points[:, g], rows.group_known[:, g], r.precision, decimal_comma=comma) for g in range(len(r.groups))
        ]
        self.names: list[str] = rows.unit.tolist()

    def rank_text(self, key: int) -> str:
        """The rank label of a :attr:`rank_key`."""
        if key < 0:
            return rank_label(0, False, False, self.method)
        value: float = (key >> 1) / 2 if self.method == "fractional" else key >> 1
        return rank_label(value, bool(key & 1), True, self.method)

    def rank_codes(self, make: Callable[[int, str], str]) -> Coded:
        """The rank column coded: ``make(key, label)`` of each distinct key (a text per
        row, the key of each from its label and tied flag, if a rank is not a half)."""
        if self.rank_key is not None:
            return key_codes(self.rank_key, lambda k: make(k, self.rank_text(k)))
        rows = self.rows  # (never so for ranks the kernels make)
        keys = np.where(rows.reported, rows.tied.astype(np.int64), -1).tolist()
        texts = [make(k, label) for k, label in zip(keys, rows.rank_labels)]
        return texts, np.arange(len(texts), dtype=np.intp)
