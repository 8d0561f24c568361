"""The argument parser: every command and option, and the exit codes in the epilog."""

from __future__ import annotations

import argparse
import functools
import re
import sys
import textwrap
from typing import Any, Callable, NoReturn, Sequence

import ict_adoption as ia

from ..model import RANK_METHODS
from ..problems import MAX_LISTED, vi_text
from .commands import (
    RubricSpec,
    cmd_rank,
    cmd_regions,
    cmd_rubric,
    cmd_template,
    cmd_validate,
)
from .console import (
    EXIT_CODES,
    EXIT_CODES_VI,
    LANG_VARIABLE,
    LANGS,
    PROG,
    RANK_FORMATS,
    RUBRIC_FORMATS,
)

# ----------------------------------------------------------------------------- parser


class _LangAction(argparse.Action):
    """``--lang``: the language of the output, and of the messages (errors, warnings)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object, option: object = None) -> None:
        setattr(namespace, self.dest, values)
        namespace.message_lang = values


#: argparse's own messages (English in the standard library) in Vietnamese.
_VI_USAGE_FORMS = (
    (r"^argument ([^:]+): invalid choice: (.*) \(choose from (.*)\)$", r"\1: lựa chọn không hợp lệ: \2 (chọn một trong \3)"),
    (r"^the following arguments are required: (.*)$", r"thiếu tham số bắt buộc: \1"),
    (r"^unrecognized arguments: (.*)$", r"tham số không nhận ra: \1"),
    (r"^argument ([^:]+): expected one argument$", r"\1: cần một giá trị"),
    (r"^argument ([^:]+): invalid (\w+) value: (.*)$", r"\1: giá trị không hợp lệ: \3"),
    (r"^argument ([^:]+): expected REGION:YEAR \(e\.g\. hanoi:2013\) or a rubric \.toml file, got (.*)$",
     r"\1: cần REGION:NĂM (ví dụ hanoi:2013) hoặc một tệp bộ tiêu chí .toml, nhận được \2"),
    (r"^cannot tell the output format from (.*); give --format \((.*)\) or a file ending in (.*)$",
     r"không biết định dạng kết quả từ tên tệp \1; hãy ghi --format (\2) hoặc dùng tệp có đuôi \3"),
    (r"^--format (\w+) writes a binary file: give the output file with -o (.*)$",
     r"--format \1 ghi ra tệp nhị phân: hãy ghi tệp kết quả bằng -o \2"),
    (r"^argument ([^:]+): (.*)$", r"\1: \2"),
)


@functools.cache
def _vi_usage_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled on the first usage error, not on every run."""
    return tuple((re.compile(p), r) for p, r in _VI_USAGE_FORMS)


def _vi_usage(message: str) -> str:
    for pattern, repl in _vi_usage_patterns():
        if pattern.match(message):
            return pattern.sub(repl, message)
    return vi_text(message)


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, prefix if prefix is not None else (
                "cách dùng: " if lang == "vi" else None))

    return Formatter


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, section titles, ``-h``, errors) are in
    ``lang``: Vietnamese unless the user asked for English."""

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter(lang))
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._lazy_epilog = self.epilog  # a _LazyEpilog: made into text by format_help
        if lang == "vi":
            self._positionals.title = "tham số"
            self._optionals.title = "tùy chọn"
            for action in self._actions:
                if isinstance(action, argparse._HelpAction):
                    action.help = "in hướng dẫn này rồi thoát"

    def format_help(self) -> str:
        if isinstance(self._lazy_epilog, _LazyEpilog):
            self.epilog = str(self._lazy_epilog)
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        if self.lang == "vi":
            self.exit(2, f"{self.prog}: lỗi: {_vi_usage(message)}\n")
        self.exit(2, f"{self.prog}: error: {message}\n")


def argv_lang(argv: Sequence[str]) -> str | None:
    """The language asked for on the command line (``--lang en``, ``--lang=en``), before parsing."""
    args = list(argv)
    for k, a in enumerate(args):
        if a == "--lang" and k + 1 < len(args) and args[k + 1] in LANGS:
            return args[k + 1]
        if a.startswith("--lang=") and a[7:] in LANGS:
            return a[7:]
    return None


#: the commands of ``ict-adoption`` (what :func:`command_named` looks for)
COMMANDS = ("regions", "rubric", "template", "validate", "rank", "report", "profile", "compare", "uncertainty")


def command_named(argv: Sequence[str]) -> str | None:
    """The command the words run when it can be told before parsing: the first word that
    is not an option or the value of ``--lang``, if it is a command and no help option
    comes before it (the top-level help lists every command). None: build every command."""
    args = list(argv)
    k = 0
    while k < len(args):
        a = args[k]
        if a == "--lang":
            k += 2
            continue
        if a.startswith("--lang="):
            k += 1
            continue
        if a.startswith("-"):
            return None  # -h, --help, --version, or a mistake: the whole parser says what it is
        return a if a in COMMANDS else None
    return None


class _LazyEpilog:
    """The epilog, wrapped (textwrap) only when a help text is printed, not on every run."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __str__(self) -> str:
        return _epilog(self.lang)


def _epilog(lang: str = "en") -> str:
    vi = lang == "vi"
    lines = ["mã thoát:" if vi else "exit status:"]
    for code, text in (EXIT_CODES_VI if vi else EXIT_CODES).items():
        lines += textwrap.wrap(text, 78, initial_indent=f"  {code}  ", subsequent_indent="     ")
    if vi:
        lines += [
            "",
            "RUBRIC là REGION:NĂM (một địa phương đã cài và năm đánh giá, ví dụ hanoi:2013;",
            f"xem `{PROG} regions`) hoặc đường dẫn một tệp bộ tiêu chí .toml.",
            f"Thông báo bằng tiếng Việt; --lang en hoặc biến môi trường {LANG_VARIABLE}=en: tiếng Anh.",
        ]
    else:
        lines += [
            "",
            "RUBRIC is REGION:YEAR (an installed region and the assessment year, e.g. hanoi:2013;",
            f"see `{PROG} regions`) or the path of a rubric .toml file.",
        ]
    return "\n".join(lines)


#: The summaries of the commands other modules add (their options are in their modules).
_VI_SUMMARIES = {
    "profile": "hồ sơ một đơn vị: điểm bị mất theo nhóm và tiêu chí, điểm mạnh, điểm yếu, "
    "số điểm còn thiếu để lên xếp loại trên",
    "compare": "so sánh hai lần đánh giá (năm này với năm trước, tự đánh giá với thẩm định)",
    "uncertainty": "độ bất định của hạng và xếp loại (Monte Carlo), độ nhạy Sobol",
}


def build_parser(lang: str = "vi", only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``ict-adoption`` (every command and option); its help and
    its own errors in ``lang`` (``"vi"`` by default). ``only``: the command the words
    name (:func:`command_named`), the one subparser built (its options, help and errors
    the same; the others are not needed to run it)."""
    vi = lang == "vi"

    def t(vi_text: str, en_text: str) -> str:
        return vi_text if vi else en_text

    formatter = _formatter(lang)
    parser = _Parser(
        prog=PROG,
        description=t(
            "Chấm điểm, xếp hạng và xếp loại mức độ ứng dụng CNTT của các cơ quan nhà nước "
            "theo các bộ tiêu chí của Việt Nam.",
            "Score, rank and classify public bodies on Vietnamese IT-adoption rubrics "
            "(đánh giá, xếp hạng mức độ ứng dụng CNTT).",
        ),
        epilog=_LazyEpilog(lang),
        lang=lang,
    )
    parser.add_argument(
        "--lang", choices=LANGS, default=None, dest="top_lang", action=_LangAction,
        help=t(f"ngôn ngữ của hướng dẫn, kết quả và thông báo (mặc định vi; hoặc biến môi trường {LANG_VARIABLE}=en); "
               "cũng dùng được sau tên lệnh",
               f"language of the help, the output and the messages (default vi; also the environment variable "
               f"{LANG_VARIABLE}=en); also accepted after the command"),
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {ia.__version__}",
        help=t("in số phiên bản rồi thoát", "show the version and exit"),
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=functools.partial(_Parser, lang=lang),  # type: ignore[call-overload]
        title=t("lệnh", "commands"),
    )

    rubric_arg = argparse.ArgumentParser(add_help=False)
    rubric_arg.add_argument(
        "rubric", type=RubricSpec, metavar="RUBRIC",
        help=t("REGION:NĂM (ví dụ hanoi:2013) hoặc một tệp bộ tiêu chí .toml", "REGION:YEAR (e.g. hanoi:2013) or a rubric .toml file"),
    )

    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "file", metavar="FILE",
        help=t("bảng đánh giá: .csv, .xlsx, .ods, .xls hoặc .json", "assessment table: .csv, .xlsx, .ods, .xls or .json"),
    )
    data.add_argument(
        "--sheet", metavar="S",
        help=t("chỉ đọc trang tính này (mặc định: mọi trang tính có dòng tiêu đề)",
               "read only this sheet (default: every sheet with a heading row)"),
    )
    data.add_argument(
        "--missing",
        choices=("error", "zero", "exclude"),
        default="error",
        help=t("ô điểm để trống: báo lỗi (mặc định), tính là 0, hoặc đơn vị không được xếp hạng (không báo cáo)",
               "a blank score: an error (default), zero, or the unit is not ranked (không báo cáo)"),
    )
    data.add_argument(
        "--max-problems",
        type=int,
        default=MAX_LISTED,
        metavar="N",
        help=t(f"liệt kê N vấn đề đầu tiên của mỗi loại (mặc định {MAX_LISTED}; 0: tất cả)",
               f"list the first N problems of each kind (default {MAX_LISTED}; 0 for all)"),
    )
    data.add_argument(
        "--ignore-unknown-columns",
        action="store_true",
        help=t("bỏ qua các cột không phải đơn vị, khối, tổng điểm, ghi chú hay mã nhóm/tiêu chí (có ghi chú nêu tên)",
               "ignore columns that are not unit, bloc, total, note or a group/criterion id (a note says which)"),
    )

    def output(choices: Sequence[str], default: str) -> argparse.ArgumentParser:
        p = argparse.ArgumentParser(add_help=False)
        p.add_argument(
            "--format",
            choices=choices,
            help=t(f"định dạng kết quả (mặc định: theo đuôi tệp -o, nếu không thì {default}); xlsx cần -o",
                   f"output format (default: from the -o suffix, else {default}); xlsx needs -o"),
        )
        p.add_argument(
            "--lang", choices=LANGS, default="vi", action=_LangAction,
            help=t("ngôn ngữ của tiêu đề, xếp loại và thông báo (mặc định vi)",
                   "language of headings, classes and messages (default vi)"),
        )
        p.add_argument("-o", "--output", metavar="OUT", help=t("ghi vào tệp này thay vì in ra", "write to this file instead of stdout"))
        p.add_argument(
            "--force", action="store_true",
            help=t("ghi đè OUT nếu đã có (không bao giờ ghi đè tệp đầu vào)", "overwrite OUT if it exists (never an input file)"),
        )
        return p

    def command(name: str, func: Callable[..., int], help: str, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
        if only is not None and name != only:  # not run: its options go to a parser never used
            return argparse.ArgumentParser(add_help=False)
        text = _VI_SUMMARIES.get(name, help) if vi else help
        p = sub.add_parser(
            name, help=text, description=text, parents=parents, epilog=_LazyEpilog(lang), formatter_class=formatter
        )
        p.set_defaults(func=func, parser=p)
        return p

    fmt_help = t("định dạng kết quả (mặc định text)", "output format (default text)")
    p = command("regions", cmd_regions, t("liệt kê các địa phương đã cài và các bộ tiêu chí của chúng",
                                          "list the installed regions and their editions"), [])
    p.add_argument("--format", choices=("text", "json"), default="text", help=fmt_help)
    lang_help = t(f"ngôn ngữ của kết quả và thông báo (mặc định vi; hoặc {LANG_VARIABLE}=en)",
                  f"language of the output and the messages (default vi; also {LANG_VARIABLE}=en)")
    p.add_argument("--lang", choices=LANGS, default=None, action=_LangAction, help=lang_help)

    p = command(
        "rubric",
        cmd_rubric,
        t("xem một bộ tiêu chí: nhóm, tiêu chí và cách tính điểm, khối, xếp loại, nguồn gốc số liệu",
          "show a rubric edition: groups, criteria and rules, blocs, classes, provenance"),
        [rubric_arg],
    )
    p.add_argument("--format", choices=RUBRIC_FORMATS, default="text", help=fmt_help)
    p.add_argument("--lang", choices=LANGS, default=None, action=_LangAction, help=lang_help)

    p = command("template", cmd_template, t("tạo biểu mẫu nhập liệu (.xlsx) trống cho một bộ tiêu chí",
                                            "write an empty assessment workbook for a rubric"), [rubric_arg])
    p.add_argument("-o", "--output", metavar="OUT", required=True, help=t("tệp cần ghi (.xlsx)", "the file to write (.xlsx)"))
    p.add_argument("--force", action="store_true", help=t("ghi đè OUT nếu đã có", "overwrite OUT if it exists"))
    p.add_argument("--lang", choices=LANGS, default=None, action=_LangAction,
                   help=t(f"ngôn ngữ của biểu mẫu và thông báo (mặc định vi; hoặc {LANG_VARIABLE}=en)",
                          f"language of the workbook and the messages (default vi; also {LANG_VARIABLE}=en)"))

    p = command(
        "validate",
        cmd_validate,
        t("đọc và chấm điểm một bảng đánh giá, liệt kê mọi vấn đề; không xếp hạng",
          "read and score an assessment table, listing every problem; ranks nothing"),
        [rubric_arg, data],
    )
    p.add_argument(
        "--format", choices=("text", "json"), default="text",
        help=t("text (mặc định) hoặc json (hợp lệ hay không, số đơn vị, số khối, danh sách vấn đề; xem docs/guide/cli.md)",
               "text (default) or json: {ok, units, blocs, problems: {count, counts, problems: [...]}}"),
    )
    p.add_argument(
        "--lang", choices=LANGS, default="vi", action=_LangAction,
        help=t(f"ngôn ngữ của thông báo (mặc định vi; hoặc {LANG_VARIABLE}=en)",
               f"language of the messages (default vi; also {LANG_VARIABLE}=en)"),
    )

    method = argparse.ArgumentParser(add_help=False)
    method.add_argument(
        "--method",
        choices=RANK_METHODS,
        help=t("cách xếp hạng khi bằng điểm (mặc định: theo bộ tiêu chí, thường là competition: 1, 2, 2, 4)",
               "how ties are ranked (default: the rubric's, usually competition: 1, 2, 2, 4)"),
    )

    command(
        "rank",
        cmd_rank,
        t("xếp hạng các đơn vị của một bảng đánh giá trong từng khối", "rank the units of an assessment table inside their blocs"),
        [rubric_arg, data, method, output(RANK_FORMATS, "text")],
    )
    # the commands in modules of their own: each module loaded only when its command is built
    if only in (None, "report"):
        from .report_cmd import add_report_command

        add_report_command(command, [rubric_arg, data, method], output, t)
    if only in (None, "profile"):
        from .profile_cmd import add_profile_command

        add_profile_command(command, [rubric_arg, data, method], output, t)
    if only in (None, "compare"):
        from .compare_cmd import add_compare_command

        add_compare_command(command, [rubric_arg, method], output, t)
    if only in (None, "uncertainty"):
        from .uncertainty_cmd import add_uncertainty_command

        add_uncertainty_command(command, [rubric_arg, data, method], output, t)
    return parser
