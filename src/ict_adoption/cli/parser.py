"""The argument parser: every command and option, and the exit codes in the epilog."""

from __future__ import annotations

import argparse
import textwrap
from typing import Callable, Sequence

import ict_adoption as ia

from ..model import RANK_METHODS
from ..problems import MAX_LISTED
from .commands import (
    RubricSpec,
    cmd_rank,
    cmd_regions,
    cmd_report,
    cmd_rubric,
    cmd_template,
    cmd_validate,
)
from .compare_cmd import add_compare_command
from .profile_cmd import add_profile_command
from .uncertainty_cmd import add_uncertainty_command
from .console import (
    EXIT_CODES,
    LANGS,
    PROG,
    RANK_FORMATS,
    REPORT_FORMATS,
    RUBRIC_FORMATS,
)

# ----------------------------------------------------------------------------- parser


class _LangAction(argparse.Action):
    """``--lang``: the language of the output, and of the messages (errors, warnings)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object, option: object = None) -> None:
        setattr(namespace, self.dest, values)
        namespace.message_lang = values


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
        "--max-problems",
        type=int,
        default=MAX_LISTED,
        metavar="N",
        help=f"list the first N problems of each kind (default {MAX_LISTED}; 0 for all)",
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
        p.add_argument(
            "--lang", choices=LANGS, default="vi", action=_LangAction,
            help="language of headings, classes and messages (default vi)",
        )
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

    p = command(
        "validate",
        cmd_validate,
        "read and score an assessment table, listing every problem; ranks nothing",
        [rubric_arg, data],
    )
    p.add_argument(
        "--format", choices=("text", "json"), default="text",
        help="text (default) or json: {ok, units, blocs, problems: {count, counts, problems: [...]}}",
    )
    p.add_argument("--lang", choices=LANGS, default="en", action=_LangAction, help="language of the messages")

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
    add_profile_command(command, [rubric_arg, data, method], output)
    add_compare_command(command, [rubric_arg, method], output)
    add_uncertainty_command(command, [rubric_arg, data, method], output)
    return parser


