"""The ``ict-adoption`` command (also ``python -m ict_adoption``).

Commands: ``regions``, ``rubric``, ``template``, ``validate``, ``rank``, ``report``
(see ``docs/guide/cli.md``). Wherever a rubric is expected, give ``REGION:YEAR``
(an installed region and the assessment year, e.g. ``hanoi:2013``) or the path of a
rubric ``.toml`` file.

:func:`main` returns the exit status (see :data:`EXIT_CODES`) instead of exiting, so
it can be called from tests and other programs. User errors are one message on stderr
(``ict-adoption: error: …``), never a traceback; an unexpected exception keeps its
traceback, because it is a bug to report.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shlex
import sys
import textwrap
import warnings
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

import attrs

import ict_adoption as ia

from .errors import (
    EditionNotFound,
    IctAdoptionError,
    PluginError,
    RegionNotFound,
    RubricError,
)
from .model import RANK_METHODS

if TYPE_CHECKING:  # pragma: no cover
    from .model import Rubric
    from .ranking import Ranking
    from .scoring import ScoredTable

__all__ = ["main", "build_parser", "rubric_summary", "EXIT_CODES"]

PROG = "ict-adoption"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_NOT_FOUND = 4
EXIT_RUBRIC = 5

#: Exit status → meaning; the ``--help`` epilog and ``docs/guide/cli.md`` list these.
EXIT_CODES: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_FAILURE: "an optional dependency is missing (the message says what to install); "
    "an unexpected error, shown with a traceback, is a bug: please report it",
    EXIT_USAGE: "usage error: unknown command or option, malformed REGION:YEAR, "
    "xlsx without -o, an output format that cannot be told from the -o suffix",
    EXIT_INPUT: "bad input: assessment data that cannot be read or scored (every problem "
    "is listed), a file that cannot be read or written, an output file that exists "
    "(use --force) or that is one of the inputs",
    EXIT_NOT_FOUND: "unknown region, or no edition of the region for that year",
    EXIT_RUBRIC: "invalid or missing rubric file, or a broken plugin (the message names it)",
}

RANK_FORMATS = ("text", "markdown", "html", "xlsx", "csv", "json")
REPORT_FORMATS = ("markdown", "html", "xlsx", "text")
RUBRIC_FORMATS = ("text", "json", "toml")
BINARY_FORMATS = ("xlsx",)
LANGS = ("vi", "en")


class UsageError(Exception):
    """A problem with the command line found after parsing (exit status 2)."""


# ----------------------------------------------------------------------------- console


def _utf8(stream: Any) -> None:
    """Make ``stream`` write UTF-8 whatever the locale (Vietnamese text everywhere)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        try:
            stream.reconfigure(encoding="utf-8")
        except (ValueError, io.UnsupportedOperation):  # pragma: no cover - exotic streams
            pass


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _one_line(text: str) -> str:
    return "; ".join(part.strip() for part in str(text).splitlines() if part.strip())


class _Console:
    """Messages on stderr: warnings (each shown once), notes, progress (terminal only)."""

    def __init__(self) -> None:
        self.shown: set[str] = set()

    def warn(self, message: str, *, label: str = "warning") -> None:
        text = _one_line(message)
        if text in self.shown:
            return
        self.shown.add(text)
        print(f"{PROG}: {label}: {text}", file=sys.stderr)

    def note(self, message: str) -> None:
        self.warn(message, label="note")

    def progress(self, message: str) -> None:
        """"reading …", "scoring N units …": only when a person watches stderr."""
        if _isatty(sys.stderr):
            print(f"{message} …", file=sys.stderr, flush=True)

    def showwarning(self, message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        self.warn(str(message))


# ----------------------------------------------------------------------------- rubrics


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
        return ia.rubric(self.region, self.year)

    def __str__(self) -> str:
        return self.text


def _load_rubric(args: argparse.Namespace, console: _Console) -> "Rubric":
    spec: RubricSpec = args.rubric
    console.progress(f"loading rubric {spec}")
    return spec.load()


def _assumed_warning(rubric: "Rubric", spec: RubricSpec, lang: str, console: _Console) -> None:
    n = rubric.assumed_count
    if not n:
        return
    see = f"`{PROG} rubric {shlex.quote(spec.text)}`"
    if lang == "vi":
        console.warn(
            f"{n} giá trị của bộ tiêu chí này là giả định, chưa được công bố; xem {see}", label="cảnh báo"
        )
    else:
        values = "1 value of this edition is" if n == 1 else f"{n} values of this edition are"
        console.warn(f"{values} assumed, not published; see {see}")


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _number(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


def rubric_summary(rubric: "Rubric") -> dict[str, Any]:
    """The record of ``ict-adoption rubric … --format json`` (DESIGN.md contract).

    Keys: ``region``, ``edition``, ``title``, ``title_en``, ``years``, ``precision``,
    ``sources``, ``blocs`` (``id``, ``name``, ``max`` …), ``groups`` (``id``, ``name``,
    ``max``, ``criteria`` …), ``bands`` (``label``, ``min``, ``basis`` …),
    ``provenance`` (:meth:`Rubric.provenance`) and ``assumed`` (their count).
    """
    r = rubric
    return {
        "region": r.region,
        "edition": r.edition,
        "title": r.title,
        "title_en": r.title_en,
        "years": list(r.years),
        "precision": r.precision,
        "sources": [
            {**{k: v for k, v in attrs.asdict(s).items() if v is not None}, "citation": s.citation()}
            for s in r.sources
        ],
        "blocs": [
            {
                "id": b.id,
                "name": b.name,
                "name_en": b.name_en,
                "max": _number(r.bloc_max(b.id)),
                "groups": {g.id: _number(r.group_max(b.id, g.id)) for g in r.groups},
                "units": [u.name for u in r.units if u.bloc == b.id],
                "roster_complete": b.roster_complete,
            }
            for b in r.blocs
        ],
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "name_en": g.name_en,
                "kind": g.kind,
                "max": _number(g.points_max),
                "criteria": [
                    {
                        "id": c.id,
                        "name": c.name,
                        "name_en": c.name_en,
                        "max": _number(c.max),
                        "rule": c.rule.to_dict(),
                        "explain": c.rule.explain(c.max),
                    }
                    for c in g.criteria
                ],
            }
            for g in r.groups
        ],
        "bands": [
            {
                "label": b.label,
                "label_en": b.label_en,
                "min": _number(b.min),
                "below": _number(b.below),
                "basis": r.band_basis,
            }
            for b in r.bands
        ],
        "provenance": r.provenance(),
        "assumed": r.assumed_count,
    }


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize() if value == value.to_integral_value() else value, "f")


def rubric_text(rubric: "Rubric") -> str:
    """The edition as ``ict-adoption rubric`` prints it: structure, rules, provenance."""
    from tabulate import tabulate

    from .rules import PointsRule

    def table(rows: list[list[str]], headers: Sequence[str]) -> str:
        return tabulate(rows, headers=list(headers), tablefmt="plain", disable_numparse=True)

    r = rubric
    basis = "points" if r.band_basis == "total" else "% of the bloc's maximum"
    out = [
        f"{r.region}:{r.edition} — {r.title}" + (f" ({r.title_en})" if r.title_en else ""),
        f"assessment years {r.years_label}; points with {r.precision} decimal(s); "
        f"classes on the {'total' if r.band_basis == 'total' else 'share of the maximum'}",
    ]
    if r.sources:
        out += ["", "Sources", table([[s.id, s.citation()] for s in r.sources], ["id", "citation"])]

    rows = []
    for g in r.groups:
        kind = {"bonus": "bonus: added, outside the maximum", "penalty": "penalty: subtracted, at most the max"}
        rule = kind.get(g.kind, "") if g.criteria else PointsRule().explain(g.points_max)
        if not g.criteria and g.kind != "regular":
            rule = f"{kind[g.kind]}; {rule}"
        rows.append([g.id, "", g.name, _fmt(g.points_max), rule])
        rows += [["", c.id, c.name, _fmt(c.max), c.rule.explain(c.max)] for c in g.criteria]
    out += ["", "Groups and criteria", table(rows, ["group", "criterion", "name", "max", "rule"])]

    rows = []
    for b in r.blocs:
        details = [f"{k} max {_fmt(v)}" for k, v in b.maxima.items()]
        if b.applies:
            details.insert(0, "scores only " + ", ".join(b.applies))
        units = [u for u in r.units if u.bloc == b.id]
        if units:
            details.append(f"{len(units)} unit{'' if len(units) == 1 else 's'} listed" + (" (complete roster)" if b.roster_complete else ""))
        rows.append([b.id, b.name, _fmt(r.bloc_max(b.id)), "; ".join(details)])
    out += ["", "Blocs", table(rows, ["bloc", "name", "max", "notes"])]

    rows = []
    for i, band in enumerate(r.bands):
        if band.min is not None:
            rule = f"≥ {_fmt(band.min)}"
            upper = r.bands[i - 1].min if i else None
            if upper is not None:
                rule += f" and < {_fmt(upper)}"
        else:
            rule = f"< {_fmt(r.bands[i - 1].min)}" if i else "any score"
        rows.append([band.label, band.label_en or "", rule])
    if any(b.label_en for b in r.bands):
        out += ["", f"Classes ({basis})", table(rows, ["class", "English", "score"])]
    else:
        out += ["", f"Classes ({basis})", table([[x[0], x[2]] for x in rows], ["class", "score"])]

    prov = r.provenance()
    citations = sorted(((s.citation(), s.id) for s in r.sources), key=lambda x: -len(x[0]))

    def short(citation: str | None) -> str | None:
        # the Sources table above gives each citation in full: refer to it by id
        for text, ident in citations:
            if citation is not None and citation.startswith(text):
                return f"{ident}{citation[len(text):]}"
        return citation

    rows = [
        [p["item"], p["status"], "; ".join(x for x in (short(p.get("citation")), p.get("reason")) if x)]
        for p in prov
    ]
    out += ["", "Provenance", table(rows, ["item", "status", "source or reason"])]
    n = r.assumed_count
    if n:
        out += [
            "",
            f"warning: {n} of {len(prov)} values of this edition are assumed, not published "
            "(listed above); replace them in the rubric data when the real ones are known.",
        ]
    else:
        out += ["", f"All {len(prov)} values of this edition are published."]
    return "\n".join(out)


# ----------------------------------------------------------------------------- input


def _inputs(args: argparse.Namespace) -> list[str]:
    """Files the command reads: never to be overwritten by its output."""
    out = [args.file] if getattr(args, "file", None) else []
    spec: RubricSpec | None = getattr(args, "rubric", None)
    if spec is not None and spec.path is not None:
        out.append(os.fspath(spec.path))
    return out


def _score(args: argparse.Namespace, rubric: "Rubric", console: _Console) -> "ScoredTable":
    from .io import read_table

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


def _rank(args: argparse.Namespace, console: _Console) -> "Ranking":
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
        from .io.writers import SUFFIXES

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


def _emit(args: argparse.Namespace, data: str | bytes, console: _Console) -> None:
    """Write to ``-o`` (atomically, never over an input) or to stdout."""
    if isinstance(data, str) and not data.endswith("\n"):
        data += "\n"
    if args.output:
        from .io.writers import atomic_write

        console.progress(f"writing {args.output}")
        atomic_write(args.output, data, force=args.force, inputs=_inputs(args))
    else:
        assert isinstance(data, str)
        sys.stdout.write(data)
        sys.stdout.flush()


# ----------------------------------------------------------------------------- commands


def cmd_regions(args: argparse.Namespace, console: _Console) -> int:
    from .registry import default_registry

    registry = default_registry()
    found = ia.regions()
    for err in registry.errors:
        console.warn(str(err), label="error")
    if args.format == "json":
        sys.stdout.write(_dump_json([r.to_dict() for r in found]) + "\n")
        return EXIT_OK
    if not found:
        console.warn("no working region plugin is installed" if registry.errors else "no region plugin is installed")
    lines: list[str] = []
    for r in found:
        if lines:
            lines.append("")
        name = r.name + (f" ({r.name_en})" if r.name_en else "")
        lines.append(f"{r.code} — {name}; {r.plugin.label}")
        for e in r.editions:
            lines.append(f"  edition {e.edition}, assessment years {e.years_label}: {e.title}")
            for source in e.sources or ("(none named)",):
                lines.append(f"    source: {source}")
            if e.assumed:
                lines.append(
                    f"    assumed values: {e.assumed} (see `{PROG} rubric {r.code}:{e.years[0]}`)"
                )
            else:
                lines.append("    assumed values: none")
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_rubric(args: argparse.Namespace, console: _Console) -> int:
    rubric = _load_rubric(args, console)
    if args.format == "json":
        text = _dump_json(rubric_summary(rubric))
    elif args.format == "toml":
        text = rubric.to_toml()
    else:
        text = rubric_text(rubric)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def cmd_template(args: argparse.Namespace, console: _Console) -> int:
    from .io.template import write_template

    rubric = _load_rubric(args, console)
    out = Path(args.output)
    if out.exists():
        for item in _inputs(args):
            if os.path.samefile(out, item):
                raise FileExistsError(f"{out}: refusing to write the template over an input file ({item})")
        if not args.force:
            raise FileExistsError(f"{out} already exists; use --force to overwrite it")
    console.progress(f"writing {out}")
    write_template(rubric, out, force=args.force)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, console: _Console) -> int:
    rubric = _load_rubric(args, console)
    _assumed_warning(rubric, args.rubric, "en", console)
    scored = _score(args, rubric, console)
    n = len(scored)
    blocs = len(set(scored.bloc_codes.tolist()))
    unreported = n - int(scored.reported.sum())
    extra = f" ({unreported} not reported)" if unreported else ""
    sys.stdout.write(
        f"OK: {n} unit{'s' if n != 1 else ''} in {blocs} bloc{'s' if blocs != 1 else ''}{extra}\n"
    )
    return EXIT_OK


def cmd_rank(args: argparse.Namespace, console: _Console) -> int:
    from .io.writers import render

    fmt = _output_format(args, RANK_FORMATS, "text")
    ranking = _rank(args, console)
    _emit(args, render(ranking, fmt, lang=args.lang), console)
    return EXIT_OK


def cmd_report(args: argparse.Namespace, console: _Console) -> int:
    from .report import build_report

    fmt = _output_format(args, REPORT_FORMATS, "markdown")
    ranking = _rank(args, console)
    console.progress("building the report")
    _emit(args, build_report(ranking, fmt, lang=args.lang), console)
    return EXIT_OK


# ----------------------------------------------------------------------------- parser


def _epilog() -> str:
    lines = ["exit status:"]
    for code, text in EXIT_CODES.items():
        lines += textwrap.wrap(text, 78, initial_indent=f"  {code}  ", subsequent_indent="     ")
    lines += [
        "",
        "RUBRIC is REGION:YEAR (an installed region and the assessment year, e.g. hanoi:2013;",
        f"see `{PROG} regions`) or the path of a rubric .toml file.",
    ]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``ict-adoption`` (every command and option)."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score, rank and classify public bodies on Vietnamese IT-adoption rubrics "
        "(đánh giá, xếp hạng mức độ ứng dụng CNTT).",
        epilog=_epilog(),
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {ia.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    rubric_arg = argparse.ArgumentParser(add_help=False)
    rubric_arg.add_argument(
        "rubric", type=RubricSpec, metavar="RUBRIC", help="REGION:YEAR (e.g. hanoi:2013) or a rubric .toml file"
    )

    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("file", metavar="FILE", help="assessment table: .csv, .xlsx or .json")
    data.add_argument("--sheet", metavar="S", help="the sheet to read from an .xlsx workbook")
    data.add_argument(
        "--missing",
        choices=("error", "zero", "exclude"),
        default="error",
        help="a blank score: an error (default), zero, or the unit is not ranked (không báo cáo)",
    )
    data.add_argument(
        "--ignore-unknown-columns",
        action="store_true",
        help="ignore columns that are not unit, bloc, total, note or a group/criterion id (a note says which)",
    )

    def output(choices: Sequence[str], default: str) -> argparse.ArgumentParser:
        p = argparse.ArgumentParser(add_help=False)
        p.add_argument(
            "--format",
            choices=choices,
            help=f"output format (default: from the -o suffix, else {default}); xlsx needs -o",
        )
        p.add_argument("--lang", choices=LANGS, default="vi", help="language of headings and classes (default vi)")
        p.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of stdout")
        p.add_argument("--force", action="store_true", help="overwrite OUT if it exists (never an input file)")
        return p

    def command(name: str, func: Callable[..., int], help: str, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, help=help, description=help, parents=parents, epilog=_epilog(), formatter_class=formatter
        )
        p.set_defaults(func=func, parser=p)
        return p

    p = command("regions", cmd_regions, "list the installed regions and their editions", [])
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")

    p = command(
        "rubric",
        cmd_rubric,
        "show a rubric edition: groups, criteria and rules, blocs, classes, provenance",
        [rubric_arg],
    )
    p.add_argument("--format", choices=RUBRIC_FORMATS, default="text", help="output format (default text)")

    p = command("template", cmd_template, "write an empty assessment workbook for a rubric", [rubric_arg])
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write (.xlsx)")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")

    command(
        "validate",
        cmd_validate,
        "read and score an assessment table, listing every problem; ranks nothing",
        [rubric_arg, data],
    )

    method = argparse.ArgumentParser(add_help=False)
    method.add_argument(
        "--method",
        choices=RANK_METHODS,
        help="how ties are ranked (default: the rubric's, usually competition: 1, 2, 2, 4)",
    )

    command(
        "rank",
        cmd_rank,
        "rank the units of an assessment table inside their blocs",
        [rubric_arg, data, method, output(RANK_FORMATS, "text")],
    )
    command(
        "report",
        cmd_report,
        "a results report: tables per bloc, class counts, summary sentences, provenance",
        [rubric_arg, data, method, output(REPORT_FORMATS, "markdown")],
    )
    return parser


# ----------------------------------------------------------------------------- main


def _error_message(exc: BaseException) -> str:
    problems = getattr(exc, "problems", None)
    if isinstance(exc, IctAdoptionError) and problems and len(problems) > 1:
        # every problem, not only the first ones the exception's message shows
        return "\n".join([f"{len(problems)} problems in the assessment data:"] + [f"  - {p}" for p in problems])
    if isinstance(exc, OSError) and exc.strerror and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc) or type(exc).__name__


def _missing_dependency(exc: ImportError) -> bool:
    return exc.name in ("openpyxl", "pandas", "matplotlib") or "pip install" in str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ict-adoption`` with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    _utf8(sys.stdout)
    _utf8(sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # -h, --version, or a usage error argparse printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    console = _Console()

    def fail(code: int, exc: BaseException) -> int:
        sys.stdout.flush()
        print(f"{PROG}: error: {_error_message(exc)}", file=sys.stderr)
        return code

    from .plugins import PluginWarning

    with warnings.catch_warnings():
        # the library's warnings become "ict-adoption: warning: …" lines; plugins that
        # fail to load are listed by `regions`, and a command using one fails with its
        # error: other commands are not cluttered with them
        warnings.simplefilter("ignore", PluginWarning)
        warnings.showwarning = console.showwarning
        try:
            return args.func(args, console)
        except UsageError as exc:
            try:
                args.parser.error(str(exc))
            except SystemExit as stop:
                return stop.code if isinstance(stop.code, int) else EXIT_USAGE
            return EXIT_USAGE  # pragma: no cover - parser.error always exits
        except (RegionNotFound, EditionNotFound) as exc:
            return fail(EXIT_NOT_FOUND, exc)
        except (PluginError, RubricError) as exc:
            return fail(EXIT_RUBRIC, exc)
        except BrokenPipeError:  # pragma: no cover - e.g. `| head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return EXIT_OK
        except (IctAdoptionError, OSError) as exc:  # InputError, ScoringError, files
            return fail(EXIT_INPUT, exc)
        except ImportError as exc:
            if not _missing_dependency(exc):
                raise
            return fail(EXIT_FAILURE, exc)
        except KeyboardInterrupt:  # pragma: no cover - interactive
            print(f"{PROG}: interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":
    sys.exit(main())
