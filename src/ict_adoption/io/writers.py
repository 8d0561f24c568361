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

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Sequence, Union

from ..exact import format_scaled
from ..scoring import LEVELS

if TYPE_CHECKING:  # pragma: no cover
    from ..ranking import Ranking

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

PathLike = Union[str, "os.PathLike[str]"]

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
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class InputOverwriteError(FileExistsError):
    """The output path is one of the input files; ``force`` does not override this."""


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


def render(ranking: "Ranking", format: str, *, lang: str = "vi") -> str | bytes:
    """The ranking in ``format`` (see ``FORMATS``); ``bytes`` for ``"xlsx"``.

    ``lang`` (``"vi"`` or ``"en"``) chooses headings and class names; ``json`` and
    ``csv`` carry both languages' class names and are the same for either.
    """
    from ..views import check_lang

    _check_format(format)
    check_lang(lang)
    if format == "text":
        return ranking.table(lang=lang)
    if format == "markdown":
        from ..views.markdown import ranking_markdown

        return ranking_markdown(ranking, lang=lang)
    if format == "html":
        from ..views.html import ranking_page

        return ranking_page(ranking, lang=lang)
    if format == "xlsx":
        from ..views.excel import ranking_workbook

        return ranking_workbook(ranking, lang=lang)
    if format == "csv":
        return csv_text(ranking)
    return json.dumps(ranking.to_records(), ensure_ascii=False, indent=2)


def _safe_text(value: str) -> str:
    """Neutralise text a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``)."""
    return "'" + value if value.startswith(_FORMULA_PREFIXES) else value


def csv_text(ranking: "Ranking") -> str:
    """One row per unit (bloc order, then rank), a column per group, exact decimals.

    Columns: ``unit, bloc, bloc_name, rank, rank_label, tied, total, max, band, band_en,
    status, level``, then every group id, then ``note``. Blank where unknown. Text that
    a spreadsheet would take for a formula is prefixed with an apostrophe.
    """
    r = ranking.rubric
    st = ranking.scored
    p = r.precision
    group_ids = [g.id for g in r.groups]
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(
        ["unit", "bloc", "bloc_name", "rank", "rank_label", "tied", "total", "max", "band", "band_en", "status", "level"]
        + group_ids
        + ["note"]
    )
    bloc_max = r.bloc_max_scaled
    for i in ranking.display_order.tolist():
        bloc = r.blocs[st.bloc_codes[i]]
        ranked = bool(st.reported[i])
        band = r.bands[int(ranking.band_index[i])] if ranked else None
        if ranked:
            rank = f"{float(ranking.ranks[i]):g}" if ranking.method == "fractional" else str(int(ranking.ranks[i]))
        else:
            rank = ""
        note = st.comments[i] if st.comments is not None and st.comments[i] else ""
        row = [
            _safe_text(st.units[i]),
            _safe_text(bloc.id),
            _safe_text(bloc.name),
            rank,
            ranking.rank_label(i) if ranked else "",
            ("true" if ranking.tied[i] else "false") if ranked else "",
            format_scaled(st.total[i], p) if ranked else "",
            format_scaled(bloc_max[st.bloc_codes[i]], p),
            _safe_text(band.label) if band else "",
            _safe_text(band.label_en or band.label) if band else "",
            "ranked" if ranked else "not_reported",
            LEVELS[st.level[i]],
        ]
        row += [format_scaled(st.group_points[i, g], p) if st.group_known[i, g] else "" for g in range(len(group_ids))]
        row.append(_safe_text(note))
        out.writerow(row)
    return buf.getvalue()


# --------------------------------------------------------------------------- files


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve() or os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def _umask() -> int:
    """The process umask, read without changing it (Linux); 0o022 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def atomic_write(
    path: PathLike,
    data: str | bytes,
    *,
    force: bool = False,
    inputs: Sequence[PathLike] = (),
) -> None:
    """Write ``data`` (``str`` as UTF-8, or ``bytes``) to ``path`` atomically.

    The data goes to a temporary file in the same directory, is flushed to disk, then
    renamed over ``path`` with :func:`os.replace`: readers see the old file or the new
    one, never a part. Refuses (``FileExistsError``, the file named in the message):

    * any path in ``inputs`` — an input file is never overwritten, even with ``force``
      (:class:`InputOverwriteError`; paths compared resolved, and as the same file on
      disk, so links and ``./x`` vs ``x`` are caught);
    * an existing ``path`` unless ``force=True``.

    A new file gets the usual permissions (``0o666`` minus the umask); an overwritten
    file keeps its permissions.
    """
    target = Path(path)
    for item in inputs:
        if _same_file(target, Path(item)):
            raise InputOverwriteError(
                f"{os.fspath(path)}: refusing to write the output over an input file "
                f"({os.fspath(item)}); choose another output path"
            )
    if target.is_dir():
        raise IsADirectoryError(f"{os.fspath(path)} is a directory, not a file")
    if (target.exists() or target.is_symlink()) and not force:
        raise FileExistsError(
            f"{os.fspath(path)} already exists; use --force (force=True) to overwrite it"
        )
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise FileNotFoundError(f"{os.fspath(path)}: the directory {os.fspath(directory)} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    mode = (target.stat().st_mode & 0o7777) if target.exists() else (0o666 & ~_umask())
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_ranking(
    ranking: "Ranking",
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
    data = render(ranking, fmt, lang=lang)
    if isinstance(data, str) and not data.endswith("\n"):
        data += "\n"
    atomic_write(path, data, force=force, inputs=inputs)
