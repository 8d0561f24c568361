"""main(): parse, run the command, and turn every user error into one line and an exit
status (a traceback only for a bug)."""

from __future__ import annotations

import os
import sys
import warnings
from typing import Sequence

from ..errors import (
    EditionNotFound,
    IctAdoptionError,
    InputError,
    PluginError,
    RegionNotFound,
    RubricError,
)
from ..messages import text_in
from ..problems import MAX_LISTED, ProblemReport, vi_text
from ..region_plugins.plugin_info import PluginWarning
from .console import (
    EXIT_FAILURE,
    EXIT_INPUT,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_RUBRIC,
    EXIT_USAGE,
    LANG_VARIABLE,
    LANGS,
    PROG,
    Console,
    UsageError,
    utf8_streams,
)
from .parser import (
    argv_lang,
    build_parser,
    command_named,
)

# ----------------------------------------------------------------------------- main


def _error_message(exc: BaseException, lang: str = "en", max_problems: int | None = MAX_LISTED) -> str:
    """The error as the command line shows it: in ``lang``, without Python syntax."""
    text = _plain_message(exc, lang, max_problems).replace(" (force=True)", "")  # the library's hint for Python
    return vi_text(text) if lang == "vi" else text


def _plain_message(exc: BaseException, lang: str, max_problems: int | None) -> str:
    report = getattr(exc, "report", None)
    if isinstance(exc, InputError) and isinstance(report, ProblemReport) and len(report) > 1:
        # grouped by kind, a count per kind, the first --max-problems of each
        return report.text(lang, max_problems, plural="problems")
    if isinstance(report, ProblemReport) and len(report) == 1:
        return report.problems[0].text(lang)
    if isinstance(exc, OSError) and exc.strerror and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror}"
    return text_in(exc, lang) or type(exc).__name__


def message_lang(args: object) -> str:
    """The language of the output, the errors, warnings and notes: ``--lang`` when given
    (before the command or after it; after wins), else the ``ICT_ADOPTION_LANG``
    environment variable (``en`` or ``vi``), else Vietnamese."""
    given = getattr(args, "message_lang", None)
    env = os.environ.get(LANG_VARIABLE, "").strip().lower()
    return given if given in LANGS else env if env in LANGS else "vi"


def _missing_dependency(exc: ImportError) -> bool:
    return exc.name in ("openpyxl", "pandas", "matplotlib") or "pip install" in str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ict-adoption`` with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    utf8_streams(sys.stdout)
    utf8_streams(sys.stderr)
    words = list(sys.argv[1:] if argv is None else argv)
    env = os.environ.get(LANG_VARIABLE, "").strip().lower()
    parser = build_parser(argv_lang(words) or (env if env in LANGS else "vi"), only=command_named(words))
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # -h, --version, or a usage error argparse printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    console = Console(message_lang(args))
    if hasattr(args, "lang"):
        # one language for the output and the messages: `--lang` before or after the
        # command, else ICT_ADOPTION_LANG, else Vietnamese
        args.lang = console.lang
    limit = getattr(args, "max_problems", MAX_LISTED)

    def fail(code: int, exc: BaseException) -> int:
        sys.stdout.flush()
        text = _error_message(exc, console.lang, None if not limit or limit < 0 else limit)
        print(f"{PROG}: {console.label('error')}: {text}", file=sys.stderr)
        return code


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


