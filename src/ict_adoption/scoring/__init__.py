"""Scoring: raw values → criterion points → group subtotals → totals, exactly.

All arithmetic is on int64 arrays of points at the rubric's precision (see
:mod:`ict_adoption.exact`), vectorised across units; Python loops run over columns
(criteria, groups), never over units, except to read text cells (names, blocs).

* :mod:`.scored` — :class:`ScoredTable`, what scoring returns, and the problem list of
  a table;
* :mod:`.units` — units and blocs read, matched to the roster, duplicates found;
* :mod:`.points` — criterion points by rule, group subtotals, totals and levels;
* :mod:`.scorer` — :func:`score`, which runs them and reports every problem at once.
"""

from __future__ import annotations

from .scorer import score
from .scored import LEVELS, RESERVED_COLUMNS, ColumnMatrix, MissingPolicy, ScoredTable

__all__ = ["ScoredTable", "ColumnMatrix", "score", "MissingPolicy", "RESERVED_COLUMNS", "LEVELS"]
