"""What the command prints besides its output: exit codes, warnings and notes on
stderr (each once), progress only on a terminal, UTF-8 streams."""

from __future__ import annotations

import io
import sys
from typing import Any

from ..problems import in_lang, vi_text

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

#: The same, in Vietnamese (``--help`` without ``--lang en``).
EXIT_CODES_VI: dict[int, str] = {
    EXIT_OK: "thành công",
    EXIT_FAILURE: "thiếu một gói tùy chọn (thông báo nêu gói cần cài); một lỗi bất ngờ, có in "
    "traceback, là lỗi của chương trình: xin báo lại",
    EXIT_USAGE: "dùng sai lệnh: lệnh hoặc tùy chọn không có, REGION:NĂM viết sai, xlsx mà không có -o, "
    "không biết định dạng kết quả từ đuôi tệp -o",
    EXIT_INPUT: "dữ liệu sai: bảng đánh giá không đọc hoặc không chấm điểm được (mọi vấn đề đều được "
    "liệt kê), tệp không đọc hoặc không ghi được, tệp kết quả đã có (dùng --force) hoặc là một tệp đầu vào",
    EXIT_NOT_FOUND: "không có địa phương này, hoặc địa phương không có bộ tiêu chí cho năm đó",
    EXIT_RUBRIC: "tệp bộ tiêu chí sai hoặc không có, hoặc một phần mở rộng (gói địa phương) bị lỗi (thông báo nêu tên)",
}

RANK_FORMATS = ("text", "markdown", "html", "xlsx", "csv", "json")
REPORT_FORMATS = ("markdown", "html", "xlsx", "text")
RUBRIC_FORMATS = ("text", "json", "toml")
BINARY_FORMATS = ("xlsx",)
LANGS = ("vi", "en")


class UsageError(Exception):
    """A problem with the command line found after parsing (exit status 2)."""


# ----------------------------------------------------------------------------- console


def utf8_streams(stream: Any) -> None:
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


#: Label of a line on stderr, per language.
LABELS: dict[str, dict[str, str]] = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "note": "ghi chú", "cảnh báo": "cảnh báo"},
    "en": {"error": "error", "warning": "warning", "note": "note", "cảnh báo": "cảnh báo"},
}
#: The environment variable that picks the language of messages (``vi`` or ``en``).
LANG_VARIABLE = "ICT_ADOPTION_LANG"


class Console:
    """Messages on stderr: warnings (each shown once), notes, progress (terminal only),
    in ``lang`` (a warning or note that carries a Vietnamese text shows it in ``vi``;
    one that does not is translated by its known form, :func:`~ict_adoption.problems.vi_text`)."""

    def __init__(self, lang: str = "en") -> None:
        self.shown: set[str] = set()
        self.lang = lang if lang in LANGS else "en"

    def label(self, key: str) -> str:
        return LABELS[self.lang].get(key, key)

    def warn(self, message: str, *, label: str = "warning", vi: str | None = None) -> None:
        if self.lang == "vi":
            text = _one_line(vi if vi else vi_text(message))
        else:
            text = _one_line(message)
        same = {text, _one_line(message)}  # a warning is also kept as a note: shown once
        if same & self.shown:
            return
        self.shown.update(same)
        print(f"{PROG}: {self.label(label)}: {text}", file=sys.stderr)

    def note(self, message: str, vi: str | None = None) -> None:
        self.warn(message, label="note", vi=vi)

    def progress(self, message: str) -> None:
        """"reading …", "scoring N units …": only when a person watches stderr."""
        if _isatty(sys.stderr):
            print(f"{message} …", file=sys.stderr, flush=True)

    def showwarning(self, message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        self.warn(str(message), vi=getattr(message, "vi", None) or in_lang(message, "vi"))


