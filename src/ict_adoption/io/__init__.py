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

from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(__all__) | {"cells", "readers", "template", "writers"})
