"""Reading assessment data and writing results.

* :func:`read_table` — CSV, Excel (.xlsx), JSON, a pandas DataFrame, a list of dicts →
  :class:`~ict_adoption.table.Table` (see ``docs/guide/readers.md``);
* :func:`write_template` / :func:`read_template` — an .xlsx fill-in workbook made from a
  rubric, and reading it back (``docs/guide/templates.md``);
* :func:`write_ranking`, :func:`render`, :func:`atomic_write` — writers (from
  :mod:`ict_adoption.io.writers`).

Importing this package is light: openpyxl and pandas are imported only by the
functions that need them, and the writers module only when one of its names is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes
from .readers import read_table

if TYPE_CHECKING:  # pragma: no cover
    from .template import read_template, write_template
    from .writers import atomic_write, render, write_ranking

__all__ = ["read_table", "read_template", "write_template", "write_ranking", "render", "atomic_write"]

_LAZY = {
    "write_ranking": "writers",
    "render": "writers",
    "atomic_write": "writers",
    "write_template": "template",
    "read_template": "template",
}


__getattr__ = lazy_attributes(__name__, globals(), _LAZY)


def __dir__() -> list[str]:
    return sorted(set(__all__) | {"cells", "readers", "template", "writers"})
