"""The commands: ``regions``, ``rubric``, ``template``, ``validate``, ``rank`` (``report`` is in
:mod:`ict_adoption.cli.report_cmd`).

Each takes the parsed arguments and the console and returns an exit status; what they
share (loading the rubric, reading and scoring the file, writing the output) is here too.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import warnings
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import ict_adoption as ia

from ..messages import message
from ..rubric_text import (
    number,
    rubric_summary,
    rubric_text,
)
from .console import (
    BINARY_FORMATS,
    EXIT_INPUT,
    EXIT_OK,
    PROG,
    RANK_FORMATS,
    Console,
    UsageError,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Rubric
    from ..ranking import Ranking
    from ..scoring import ScoredTable


class RubricSpec:
    """What the user typed where a rubric is expected: ``REGION:YEAR`` or a .toml path."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.path: Path | None = None
        self.region: str | None = None
        self.year: int | None = None
        if text.lower().endswith(".toml") or os.sep in text or "/" in text or Path(text).is_file():
            self.path = Path(text)
            return
        region, colon, year = text.partition(":")
        region = region.strip()
        if not region or (colon and not year.strip().isdigit()):
            raise argparse.ArgumentTypeError(
                f"expected REGION:YEAR (e.g. hanoi:2013) or a rubric .toml file, got {text!r}"
            )
        self.region = region
        self.year = int(year) if colon else None

    def load(self) -> "Rubric":
        if self.path is not None:
            return ia.load_rubric(self.path)
        # without a year, the registry's error lists the editions and their years
        assert self.region is not None  # __init__ sets region whenever path is None
        with warnings.catch_warnings():  # the commands print the year warning themselves, once
            warnings.simplefilter("ignore", ia.EditionYearWarning)
            return ia.rubric(self.region, self.year)

    def __str__(self) -> str:
        return self.text


def _load_rubric(args: argparse.Namespace, console: Console) -> "Rubric":
    spec: RubricSpec = args.rubric
    console.progress(f"loading rubric {spec}")
    return spec.load()


def _year_warning(rubric: "Rubric", lang: str, console: Console) -> None:
    """The edition used for a year past what its sources support (see Rubric.year_warning)."""
    message = rubric.year_warning("en")
    if message is not None:
        console.warn(message, vi=rubric.year_warning("vi"))


def _assumed_warning(rubric: "Rubric", spec: RubricSpec, lang: str, console: Console) -> None:
    _year_warning(rubric, lang, console)
    n = rubric.assumed_count
    if not n:
        return
    see = f"`{PROG} rubric {shlex.quote(spec.text)}`"
    values = "1 value of this edition is" if n == 1 else f"{n} values of this edition are"
    vi = f"{n} giá trị của bộ tiêu chí này là giả định, chưa được công bố; xem {see}"
    if lang == "vi":
        console.warn(vi, label="cảnh báo", vi=vi)  # its own words: no English form to look up
    else:
        console.warn(f"{values} assumed, not published; see {see}")


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return number(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _dump_json(data: Any) -> str:
    import json  # (only the commands that write JSON load it)

    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


# ----------------------------------------------------------------------------- input


def _inputs(args: argparse.Namespace) -> list[str]:
    """Files the command reads: never to be overwritten by its output."""
    out = [args.file] if getattr(args, "file", None) else []
    spec: RubricSpec | None = getattr(args, "rubric", None)
    if spec is not None and spec.path is not None:
        out.append(os.fspath(spec.path))
    return out


def _score(args: argparse.Namespace, rubric: "Rubric", console: Console) -> "ScoredTable":
    from ..io import read_table  # numpy: `--help` and `regions` start without it

    console.progress(f"reading {args.file}")
    table = read_table(args.file, sheet=args.sheet, rubric=rubric, errors="collect")
    console.progress(f"scoring {len(table)} units")
    scored = ia.score(
        rubric,
        table,
        missing=args.missing,
        unknown_columns="ignore" if args.ignore_unknown_columns else "error",
    )
    for note in scored.notes:
        console.note(note)
    return scored


def _rank(args: argparse.Namespace, console: Console) -> "Ranking":
    rubric = _load_rubric(args, console)
    _assumed_warning(rubric, args.rubric, args.lang, console)
    scored = _score(args, rubric, console)
    console.progress(f"ranking {len(scored)} units")
    return ia.rank(rubric, scored, args.method)


# ----------------------------------------------------------------------------- output


def _output_format(args: argparse.Namespace, choices: Sequence[str], default: str) -> str:
    """``--format``, else the ``-o`` suffix, else ``default``; binary formats need ``-o``."""
    fmt = args.format
    if fmt is None and args.output:
        from ..io.writers import SUFFIXES  # (numpy, through the views)

        fmt = SUFFIXES.get(Path(args.output).suffix.lower())
        if fmt not in choices:
            raise UsageError(
                f"cannot tell the output format from {args.output!r}; "
                f"give --format ({'|'.join(choices)}) or a file ending in "
                + ", ".join(sorted(s for s, f in SUFFIXES.items() if f in choices))
            )
    fmt = fmt or default
    if fmt in BINARY_FORMATS and not args.output:
        raise UsageError(f"--format {fmt} writes a binary file: give the output file with -o FILE.{fmt}")
    return fmt


def _emit(args: argparse.Namespace, data: "str | bytes | Iterator[str] | Iterator[bytes]", console: Console) -> None:
    """Write to ``-o`` (atomically, never over an input) or to stdout. ``data``: the
    whole text (a line end added if it has none), bytes (xlsx), or pieces that end
    with a line end (CSV: text, or UTF-8 bytes for a file)."""
    if isinstance(data, str) and not data.endswith("\n"):
        data += "\n"
    if args.output:
        from ..io.files import atomic_write

        console.progress(f"writing {args.output}")
        atomic_write(args.output, data, force=args.force, inputs=_inputs(args))
    else:
        assert not isinstance(data, bytes)
        for piece in [data] if isinstance(data, str) else data:
            assert isinstance(piece, str)
            sys.stdout.write(piece)
        sys.stdout.flush()


# ----------------------------------------------------------------------------- commands


def cmd_regions(args: argparse.Namespace, console: Console) -> int:
    from ..registry import default_registry  # pluggy and entry points: only when regions are listed

    registry = default_registry()
    found = ia.regions()
    for err in registry.errors:
        console.warn(str(err), label="error")
    if args.format == "json":
        sys.stdout.write(_dump_json([r.to_dict() for r in found]) + "\n")
        return EXIT_OK
    if not found:
        if registry.errors:
            console.warn("no working region plugin is installed", vi="không có plugin địa phương nào chạy được")
        else:
            console.warn("no region plugin is installed", vi="chưa cài plugin địa phương nào")
    lines = _region_lines(found, args.lang or console.lang)
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


#: The words of `ict-adoption regions`, per language.
_REGION_WORDS = {
    "en": ("  edition {e}, assessment years {years}: {title}", "    source: {s}", "(none named)",
           "    published values: {p} of {n} ({share}); sources support the years up to {until}",
           "; later regulation known, not modelled: {later}",
           "    assumed values: {a} (see `{see}`)", "    assumed values: none"),
    "vi": ("  bộ tiêu chí {e}, năm đánh giá {years}: {title}", "    nguồn: {s}", "(chưa nêu nguồn)",
           "    giá trị đã công bố: {p}/{n} ({share}); nguồn hỗ trợ đến năm {until}",
           "; đã có văn bản mới hơn, chưa được mô hình hóa: {later}",
           "    giá trị giả định: {a} (xem `{see}`)", "    giá trị giả định: không có"),
}


def _plugin_label(plugin: Any, lang: str) -> str:
    """``plugin 'danang' (ict-adoption-danang 0.1.0)`` in English; in Vietnamese the same
    facts in Vietnamese words, without Python's quotes."""
    if lang != "vi":
        return str(plugin.label)
    dist = f"gói {plugin.distribution}" + (f" {plugin.version}" if plugin.version else "") if plugin.distribution else "không thuộc gói nào"
    return f"phần mở rộng {plugin.name} ({dist})"


def _region_lines(found: Any, lang: str) -> list[str]:
    edition, source, no_source, published, later, assumed, no_assumed = _REGION_WORDS["vi" if lang == "vi" else "en"]
    lines: list[str] = []
    for r in found:
        if lines:
            lines.append("")
        name = r.name + (f" ({r.name_en})" if r.name_en and lang != "vi" else "")
        lines.append(f"{r.code} — {name}; {_plugin_label(r.plugin, lang)}")
        for e in r.editions:
            lines.append(edition.format(e=e.edition, years=e.years_label, title=e.title))
            lines += [source.format(s=s) for s in e.sources or (no_source,)]
            lines.append(
                published.format(p=e.published, n=e.values, share=f"{e.published_share:.0%}", until=e.supported_until)
                + (later.format(later=e.superseded_by) if e.superseded_by else "")
            )
            see = f"{PROG} rubric {r.code}:{e.years[0]}"
            lines.append(assumed.format(a=e.assumed, see=see) if e.assumed else no_assumed)
    return lines


def cmd_rubric(args: argparse.Namespace, console: Console) -> int:
    rubric = _load_rubric(args, console)
    _year_warning(rubric, "en", console)
    if args.format == "json":
        text = _dump_json(rubric_summary(rubric))
    elif args.format == "toml":
        text = rubric.to_toml()
    else:
        text = rubric_text(rubric, args.lang or console.lang)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def cmd_template(args: argparse.Namespace, console: Console) -> int:
    from ..io.template import write_template  # numpy, through the reader

    rubric = _load_rubric(args, console)
    out = Path(args.output)
    if out.exists():
        for item in _inputs(args):
            if os.path.samefile(out, item):
                raise FileExistsError(message("file.is_input", path=out, input=item))
        if not args.force:
            raise FileExistsError(message("file.exists", path=out))
    console.progress(f"writing {out}")
    write_template(rubric, out, force=args.force, lang=args.lang or console.lang)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, console: Console) -> int:
    rubric = _load_rubric(args, console)
    _assumed_warning(rubric, args.rubric, console.lang, console)
    if args.format == "json":
        from ..errors import InputError

        try:
            scored = _score(args, rubric, console)
        except InputError as exc:
            report = getattr(exc, "report", None)
            problems = (
                report.to_json(console.lang) if report is not None
                else {"count": 1, "counts": {"other": 1}, "problems": [{"kind": "other", "message": str(exc), **exc.location}]}
            )
            sys.stdout.write(_dump_json({"ok": False, "problems": problems}) + "\n")
            return EXIT_INPUT
        n = len(scored)
        sys.stdout.write(_dump_json({
            "ok": True, "units": n, "blocs": len(set(scored.bloc_codes.tolist())),
            "not_reported": n - int(scored.reported.sum()), "notes": list(scored.notes),
            "problems": {"count": 0, "counts": {}, "problems": []},
        }) + "\n")
        return EXIT_OK
    scored = _score(args, rubric, console)
    n = len(scored)
    blocs = len(set(scored.bloc_codes.tolist()))
    unreported = n - int(scored.reported.sum())
    if console.lang == "vi":
        extra = f" ({unreported} không báo cáo)" if unreported else ""
        sys.stdout.write(f"Hợp lệ: {n} đơn vị trong {blocs} khối{extra}\n")
        return EXIT_OK
    extra = f" ({unreported} not reported)" if unreported else ""
    sys.stdout.write(
        f"OK: {n} unit{'s' if n != 1 else ''} in {blocs} bloc{'s' if blocs != 1 else ''}{extra}\n"
    )
    return EXIT_OK


def cmd_rank(args: argparse.Namespace, console: Console) -> int:
    fmt = _output_format(args, RANK_FORMATS, "text")
    ranking = _rank(args, console)
    # each format loads its own writer (a CSV file: not the other views)
    if fmt == "csv" and args.output:  # UTF-8 bytes a piece at a time: a million rows never held at once
        from ..views.csv_bytes import csv_byte_chunks

        _emit(args, csv_byte_chunks(ranking), console)
    elif fmt == "csv":  # (standard output: text, in the stream's own encoding)
        from ..views.csv_text import csv_chunks

        _emit(args, csv_chunks(ranking), console)
    else:
        from ..io.writers import render

        _emit(args, render(ranking, fmt, lang=args.lang), console)
    return EXIT_OK
