"""Writers: a ranking as text, Markdown, HTML, Excel, CSV or JSON — and safe file output.

* :func:`render` — the ranking in one format, as ``str`` (``bytes`` for ``"xlsx"``).
* :func:`atomic_write` — write a file through a temporary file in the same directory
  and :func:`os.replace`, so a reader never sees half a file; never overwrites an input
  file; overwrites an existing output only with ``force=True``.
* :func:`write_ranking` — :func:`render` then :func:`atomic_write`, the format taken
  from the file suffix unless given.

Formats (``FORMATS``): ``text`` (tabulate, a table per bloc), ``markdown``, ``html`` (a
self-contained page: inline CSS, no script, nothing fetched), ``xlsx`` (needs openpyxl),
``csv`` (UTF-8, one row per unit, a column per group) and ``json`` (the DESIGN.md
contract: ``Ranking.to_records()``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ..rows import HasRows, Rows, rows_of
from ..views import check_lang
from ..views.csv_bytes import csv_byte_chunks
from ..views.csv_text import csv_text
from ..views.excel import ranking_workbook
from ..views.html import ranking_page
from ..views.json_text import records_json
from ..views.markdown import ranking_markdown
from ..views.text import ranking_text
from .files import InputOverwriteError, PathLike, atomic_write

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "render",
    "atomic_write",
    "write_ranking",
    "format_for_path",
    "csv_text",
    "InputOverwriteError",
]

FORMATS = ("text", "markdown", "html", "xlsx", "csv", "json")
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".json": "json",
}


def _check_format(format: str) -> str:
    if format not in FORMATS:
        raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {format!r}")
    return format


def format_for_path(path: PathLike) -> str:
    """The output format a file name asks for (``.md`` → ``"markdown"``)."""
    suffix = Path(path).suffix.lower()
    try:
        return SUFFIXES[suffix]
    except KeyError:
        known = ", ".join(sorted(SUFFIXES))
        raise ValueError(
            f"{os.fspath(path)}: cannot tell the output format from the suffix "
            f"{suffix or '(none)'!r}; use one of {known}, or give the format explicitly"
        ) from None


# --------------------------------------------------------------------------- render


def render(ranking: "Rows | HasRows", format: str, *, lang: str = "vi") -> str | bytes:
    """The ranking in ``format`` (see ``FORMATS``); ``bytes`` for ``"xlsx"``.

    ``lang`` (``"vi"`` or ``"en"``) chooses headings and class names; ``json`` and
    ``csv`` carry both languages' class names and are the same for either.
    """
    _check_format(format)
    check_lang(lang)
    rows = rows_of(ranking)
    if format == "text":
        return ranking_text(rows, lang=lang)
    if format == "markdown":
        return ranking_markdown(rows, lang=lang)
    if format == "html":
        return ranking_page(rows, lang=lang)
    if format == "xlsx":
        return ranking_workbook(rows, lang=lang)
    if format == "csv":
        return csv_text(rows)
    return records_json(rows)  # json.dumps(rows.records(), ensure_ascii=False, indent=2), a column at a time


def write_ranking(
    ranking: "Rows | HasRows",
    path: PathLike,
    *,
    format: str | None = None,
    lang: str = "vi",
    force: bool = False,
    inputs: Sequence[PathLike] = (),
) -> None:
    """Render ``ranking`` and write it to ``path`` (see :func:`render`, :func:`atomic_write`).

    ``format``: one of ``FORMATS``; by default from the suffix (``.txt``, ``.md``,
    ``.html``, ``.xlsx``, ``.csv``, ``.json``). Text files end with a newline.
    """
    fmt = _check_format(format) if format is not None else format_for_path(path)
    if fmt == "csv":  # UTF-8 bytes a piece at a time (every piece ends with a line end)
        check_lang(lang)
        atomic_write(path, csv_byte_chunks(rows_of(ranking)), force=force, inputs=inputs)
        return
    data = render(ranking, fmt, lang=lang)
    if isinstance(data, str) and not data.endswith("\n"):
        data += "\n"
    atomic_write(path, data, force=force, inputs=inputs)
