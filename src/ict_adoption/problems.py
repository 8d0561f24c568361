"""One collector of problems, so that a reader or the scorer reports all of them at once.

A user who fixes one cell, runs again and meets the next error, twenty times, gives up;
so every stage that checks a whole table collects what is wrong and raises one error
that lists it: in row order, grouped by kind, with a count per kind and the first
:data:`MAX_LISTED` of each kind shown (``error.problems`` keeps every message, and
``error.report`` the structured list, in both languages, for the command line and for
``validate --format json``).

Every problem has a stable *kind* (``"cell"``, ``"unknown_bloc"``, ``"duplicate"`` …)
and its text in English and, where the code that found it wrote one, Vietnamese; the
exception's own message is English (``str(error)``), :meth:`ProblemReport.text` gives
either language.
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import Any, Iterable, Sequence

from .errors import InputError
from .messages import Message, text_in

__all__ = ["in_lang", "Messages", "Problems", "Problem", "ProblemReport", "InputWarning", "MAX_LISTED", "KIND_LABELS", "warn", "vi_location", "vi_text"]

#: How many problems of each kind an error message lists (``error.problems`` has them all).
MAX_LISTED = 25

#: kind → (Vietnamese, English) label of a group of problems.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "cell": ("ô không đọc được", "cells that cannot be read"),
    "ambiguous_number": ("số đọc được hai cách", "numbers that can be read two ways"),
    "heading": ("tiêu đề cột", "headings"),
    "row_width": ("dòng thừa giá trị", "rows with more values than headings"),
    "csv_quote": ("dấu ngoặc kép không đóng", "a quote left open"),
    "formula": ("công thức chưa có giá trị", "formulas without a value"),
    "blank_name": ("tên đơn vị trống", "blank unit names"),
    "blank_bloc": ("khối trống", "blank blocs"),
    "unknown_bloc": ("khối không có trong bộ tiêu chí", "unknown blocs"),
    "unknown_unit": ("đơn vị không có trong danh sách", "units not in the roster"),
    "wrong_bloc": ("đơn vị ghi sai khối", "units in the wrong bloc"),
    "duplicate": ("đơn vị trùng", "duplicate units"),
    "column": ("cột", "columns"),
    "range": ("giá trị ngoài khoảng cho phép", "values out of range"),
    "missing": ("thiếu giá trị", "missing values"),
    "other": ("vấn đề khác", "other problems"),
}


class InputWarning(UserWarning):
    """Something in the input that the result depends on and the user should check:
    a hidden row or column read, a roster unit without a row, a bloc without rows, a
    number read one of two ways. Never raised as an error; the command line shows it
    as ``cảnh báo:`` / ``warning:``."""


def warn(en: str, vi: str | None = None, *, stacklevel: int = 3) -> None:
    """Issue an :class:`InputWarning` whose text is English, with the Vietnamese kept
    on the warning (``warning.message.vi``) for the command line."""
    w = InputWarning(en)
    w.vi = vi or (en.vi if isinstance(en, Message) else vi_text(en))  # type: ignore[attr-defined]
    warnings.warn(w, stacklevel=stacklevel)


class Problem:
    """One problem: its kind, its text in both languages, where it is, its sort key.

    A problem of a batch (:meth:`Problems.add_lazy`) makes its texts when they are first
    read: a systematic error over 200,000 rows formats only the problems shown."""

    __slots__ = ("kind", "_en", "_vi", "location", "order", "_make")

    def __init__(self, kind: str, en: str | None, vi: str | None, location: dict[str, Any], order: tuple[Any, ...],
                 make: Any = None) -> None:
        self.kind = kind
        self._en = en
        self._vi: str | None = vi if vi is not None else en.vi if isinstance(en, Message) else None
        self.location = location if not location else {k: v for k, v in location.items() if v is not None}
        self.order = order
        self._make = make  # () -> (en, vi), for a problem whose texts are made when read

    def _build(self) -> None:
        self._en, self._vi = self._make()
        self._make = None

    @property
    def en(self) -> str:
        if self._make is not None:
            self._build()
        return self._en  # type: ignore[return-value]

    @property
    def vi(self) -> str:
        if self._make is not None:
            self._build()
        if self._vi is None:  # an older plain English message: its known form, when shown
            self._vi = vi_text(self.en)
        return self._vi

    def text(self, lang: str = "en") -> str:
        return self.vi if lang == "vi" else self.en

    def __reduce__(self) -> Any:  # pickled with its texts made (its maker may be a closure)
        return (Problem, (self.kind, self.en, self.vi, self.location, self.order))

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {"kind": self.kind, "message": self.text(lang), **self.location}


class Messages(Sequence[str]):
    """Every problem's English message, made when read (``InputError.problems``): equal
    to the list of the same messages."""

    lazy = True  # kept as it is by InputError (errors.py cannot import this module)

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = problems

    def __len__(self) -> int:
        return len(self._problems)

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):
            return [p.en for p in self._problems[k]]
        return self._problems[k].en

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, Messages)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return repr(list(self))

    def __reduce__(self) -> Any:  # pickled as the list of its messages
        return (list, (list(self),))


class ProblemReport:
    """Every problem of one check, in row order, grouped by kind."""

    def __init__(self, problems: list[Problem]) -> None:
        # grouped by kind (in the order kinds were first met), in row order inside a kind
        first: dict[str, int] = {}
        for p in problems:
            first.setdefault(p.kind, len(first))
        self.problems = sorted(problems, key=lambda p: (first[p.kind], p.order))

    def __len__(self) -> int:
        return len(self.problems)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.problems:
            out[p.kind] = out.get(p.kind, 0) + 1
        return out

    def text(self, lang: str = "en", max_listed: int | None = MAX_LISTED, *, plural: str = "problem(s)") -> str:
        """The problems as lines: a heading, then per kind its count and its first
        ``max_listed`` problems (``None``: all)."""
        n = len(self.problems)
        if n == 1:
            return self.problems[0].text(lang)
        head = f"{n} vấn đề trong dữ liệu đánh giá:" if lang == "vi" else f"{n} {plural} in the assessment data:"
        lines = [head]
        counts = self.counts()
        grouped = len(counts) > 1
        shown: dict[str, int] = {}
        for p in self.problems:
            k = shown.get(p.kind, 0)
            if k == 0 and grouped:
                vi, en = KIND_LABELS.get(p.kind, KIND_LABELS["other"])
                lines.append(f"  {vi if lang == 'vi' else en} ({counts[p.kind]}):")
            shown[p.kind] = k + 1
            if max_listed is None or k < max_listed:
                lines.append(f"  - {p.text(lang)}")
            elif k == max_listed:
                more = counts[p.kind] - max_listed
                lines.append(f"  … và {more} vấn đề nữa" if lang == "vi" else f"  … and {more} more")
        return "\n".join(lines)

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        """``{"count", "counts": {kind: n}, "problems": [{kind, message, file, sheet, row, column}]}``."""
        return {
            "count": len(self.problems),
            "counts": self.counts(),
            "problems": [p.to_dict(lang) for p in self.problems],
        }


class Problems:
    """Problems found so far, each a message and where it is (file, sheet, row, …)."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    @property
    def items(self) -> list[tuple[str, dict[str, Any]]]:
        """(English message, location) of every problem."""
        return [(p.en, p.location) for p in self.found]

    def add(self, message: str, *, kind: str = "other", vi: str | None = None, order: Any = None, **location: Any) -> None:
        """One problem: ``message`` in English, ``vi`` in Vietnamese, ``kind`` its stable
        code, ``order`` its place in row order (default: the order problems are added)."""
        key = (0, len(self.found)) if order is None else (0, order) if not isinstance(order, tuple) else order
        self.found.append(Problem(kind, message, vi, location, key))

    def add_many(self, kind: str, messages: list[str], vis: list[str], orders: list[tuple[Any, ...]]) -> None:
        """Problems of one kind with no location fields, as :meth:`add` makes them one by
        one (a systematic error repeated over many rows: one loop, no keyword handling)."""
        empty: dict[str, Any] = {}
        self.found.extend(Problem(kind, m, v, empty, o) for m, v, o in zip(messages, vis, orders))

    def add_lazy(self, kind: str, makers: Iterable[Any], orders: list[tuple[Any, ...]]) -> None:
        """Problems of one kind with no location fields whose texts are made when read:
        ``makers`` gives, per problem, a callable returning its ``(English, Vietnamese)``
        texts (a systematic error over 200,000 rows: only the problems shown are
        formatted)."""
        empty: dict[str, Any] = {}
        self.found.extend(Problem(kind, None, None, empty, o, make) for make, o in zip(makers, orders))

    def extend(self, messages: Iterable[str]) -> None:
        for m in messages:
            self.add(m)

    def merge(self, other: "Problems") -> None:
        self.found.extend(other.found)

    @property
    def messages(self) -> Messages:
        return Messages(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def report(self) -> ProblemReport:
        return ProblemReport(self.found)

    def raise_if_any(self, cls: type[InputError] = InputError, **location: Any) -> None:
        """Raise ``cls`` listing every problem, if there is one.

        One problem is raised as itself, with its own location; several as
        "N problem(s) in the assessment data:" and a line each (grouped by kind when
        there are several kinds, the first :data:`MAX_LISTED` of each), located by
        ``location`` (and by the sheet, when every problem is on the same sheet).
        ``error.report`` is the :class:`ProblemReport`; ``error.problems`` every
        message (made when read).
        """
        if not self.found:
            return
        report = self.report()
        if len(self.found) == 1:
            p = self.found[0]
            exc = cls(p.en, **{**location, **p.location})
        else:
            sheets = {p.location.get("sheet") for p in self.found}
            if len(sheets) == 1 and "sheet" not in location:
                location = {**location, "sheet": sheets.pop()}
            exc = cls(report.text("en"), problems=self.messages, **location)
        exc.report = report
        raise exc


#: the same words in one pass (a report of 200,000 rows translates 200,000 locations)
_VI_WORD = re.compile(r"\b(?:(sheet) '|(rows) (\d+)–(\d+)|(row) (\d+)|(record) (\d+)|(columns?) (?=['A-Z0-9]))")


def _vi_word(m: re.Match[str]) -> str:
    if m[1]:
        return "trang tính '"
    if m[2]:
        return f"dòng {m[3]}–{m[4]}"
    if m[5]:
        return f"dòng {m[6]}"
    if m[7]:
        return f"bản ghi {m[8]}"
    return "cột "


def vi_location(where: str) -> str:
    """A location written in English by the readers (``"a.xlsx, sheet 'Sở', row 4,
    column 'total'"``) in Vietnamese (``"a.xlsx, trang tính 'Sở', dòng 4, cột 'total'"``)."""
    return _VI_WORD.sub(_vi_word, where)


#: Messages written in English by layers that carry no Vietnamese text of their own
#: (the registry, the rubric files, the file helpers, readers' notes): pattern →
#: Vietnamese. Applied by :func:`vi_text` after the location words.
_VI_MESSAGE_FORMS: tuple[tuple[str, Any], ...] = (
    (r"^region '([^']*)': the assessment year (\d+) falls under (.*) \(from (\d+)\), which is known but not modelled "
     r"by any installed plugin; the latest modelled edition, (.*), applies only to the years before (\d+); editions: (.*)$",
     r"địa phương '\1': năm đánh giá \2 thuộc \3 (từ năm \4), quy định đã biết nhưng chưa plugin nào mô hình hoá; "
     r"bộ tiêu chí mới nhất đã có, \5, chỉ áp dụng cho các năm trước \6; các bộ tiêu chí: \7"),
    (r"^region '([^']*)': the assessment year (\d+) falls under (.*) \(from (\d+)\), which is known but not modelled "
     r"by any installed plugin; the latest modelled edition, (.*), applies only to the years before (\d+)$",
     r"địa phương '\1': năm đánh giá \2 thuộc \3 (từ năm \4), quy định đã biết nhưng chưa plugin nào mô hình hoá; "
     r"bộ tiêu chí mới nhất đã có, \5, chỉ áp dụng cho các năm trước \6"),
    (r"^region '([^']*)': the assessment year (\d+) falls under (.*) \(from (\d+) to (\d+)\), which is known but not "
     r"modelled by any installed plugin; the earliest modelled edition, (.*), applies from (\d+); editions: (.*)$",
     r"địa phương '\1': năm đánh giá \2 thuộc \3 (từ năm \4 đến năm \5), quy định đã biết nhưng chưa plugin nào mô hình hoá; "
     r"bộ tiêu chí sớm nhất đã có, \6, áp dụng từ năm \7; các bộ tiêu chí: \8"),
    (r"^no region '([^']*)'; known regions: ([^;]*)(; plugins with errors: (.*?))?( \(see Registry\.errors\))?$",
     r"không có địa phương '\1'; các địa phương đã cài: \2\3"),
    (r"; plugins with errors: ", "; plugin bị lỗi: "),
    (r"^region '", "địa phương '"),
    (r"No such file or directory", "không có tệp hoặc thư mục này"),
    (r"Permission denied", "không có quyền truy cập"),
    (r"Is a directory", "là một thư mục"),
    (r"^(.*): no such rubric file$", r"\1: không có tệp bộ tiêu chí này"),
    (r"^(.*): no such file$", r"\1: không có tệp này"),
    (r"^(.*) already exists; use --force to overwrite it$", r"\1 đã có; dùng --force để ghi đè"),
    (r"^(.*): refusing to write (?:the \w+ )?over an input file \((.*?)\)(; choose another output path)?$",
     r"\1: không ghi đè lên tệp đầu vào (\2); hãy chọn tệp khác"),
    (r"^(.*) needs (\w+): pip install (.*)$", r"\1 cần gói \2: pip install \3"),
    (r"^xlsx output cần gói", "ghi tệp xlsx cần gói"),
    (r"^(.*): skipped (\d+) empty rows? \((.*)\)$", r"\1: bỏ qua \2 dòng trống (\3)"),
    (r"^(.*): row numbers, not read$", r"\1: cột số thứ tự, không đọc"),
    # the readers' warnings, kept as notes in English (io.grid): the same texts as the warnings' own Vietnamese
    (r"^(.*): hidden column\(s\) (.*) read; unhide them to check$", r"\1: đã đọc cột ẩn \2; hãy bỏ ẩn để kiểm tra"),
    (r"^(.*): (\d+) hidden row\(s\) read \((.*)\); unhide them to check$",
     r"\1: đã đọc \2 dòng ẩn (\3); hãy bỏ ẩn để kiểm tra"),
    (r"^(.*): (\d+) number\(s\) read as thousands because (a count is a whole number|other cells of the column use "
     r"a decimal (?:comma|point)): (.*)$",
     lambda m: f"{m[1]}: {m[2]} số được đọc là hàng nghìn vì "
     + {"a count is a whole number": "số lượng là số nguyên",
        "other cells of the column use a decimal comma": "các ô khác của cột dùng dấu phẩy thập phân",
        "other cells of the column use a decimal point": "các ô khác của cột dùng dấu chấm thập phân"}[m[3]]
     + f": {m[4]}"),
    (r"^(.*): removed invisible characters \(zero-width spaces\) from (\d+) cell\(s\) \((.*)\)$",
     r"\1: đã xoá ký tự vô hình (khoảng trắng độ rộng 0) ở \2 ô (\3)"),
    (r"^(.*): read (\d+) sheets: (.*)$", r"\1: đã đọc \2 trang tính: \3"),
    (r"^(.*): a hidden sheet, not read \(give --sheet to read it\)$",
     r"\1: trang tính ẩn, không đọc (dùng --sheet để đọc)"),
    (r"^ignored column\(s\): (.*)$", r"đã bỏ qua cột: \1"),
    (r"^(.*): '([^']*)' matched roster unit '([^']*)' only when diacritics are ignored$",
     r"\1: '\2' chỉ khớp với đơn vị '\3' trong danh sách khi bỏ dấu"),
    (r"unknown column\(s\) (.*); expected unit, bloc, total, note or a group/criterion id of ([^ ]*) \((.*)\)$",
     r"cột không xác định \1; cần 'unit', 'bloc', 'total', 'note' hoặc mã nhóm/tiêu chí của \2 (\3)"),
    (r"missing required column '([^']*)'$", r"thiếu cột bắt buộc '\1'"),
    (r"no score column: expected 'total' and/or group or criterion columns$",
     "không có cột điểm: cần cột 'total' và/hoặc các cột nhóm, tiêu chí"),
    (r"^(.*): no units to score$", r"\1: không có đơn vị nào để chấm điểm"),
    # the readers' notes and errors about a file as a whole (corpus: tests/data/messy/)
    (r"^(.*): headings in row (\d+); rows? ([\d–]+) above them not read$",
     r"\1: dòng tiêu đề cột là dòng \2; dòng \3 phía trên không đọc"),
    (r"^(.*): no heading row with a unit column; not read \(instructions or a cover sheet\?\)$",
     r"\1: không có dòng tiêu đề với cột đơn vị; không đọc (trang hướng dẫn hoặc trang bìa?)"),
    (r"^(.*): no bloc column; its units are read as bloc '([^']*)' \((.*)\), from the sheet name"
     r"( \(matched ignoring diacritics\))?$",
     r"\1: không có cột khối; các đơn vị được đọc là khối '\2' (\3), theo tên trang tính\4"),
    (r" \(matched ignoring diacritics\)$", " (khớp khi bỏ dấu)"),
    (r"^(.*): no bloc column, and the sheet name is not a bloc of ([^ ]*) \((.*)\); add a bloc column "
     r"\(Khối\) or name the sheet after its bloc$",
     r"\1: không có cột khối, và tên trang tính không phải là khối nào của \2 (\3); hãy thêm cột Khối "
     r"hoặc đặt tên trang tính theo khối"),
    (r"^(.*): no data \(the file is empty\)$", r"\1: không có dữ liệu (tệp trống)"),
    (r"^(.*): no data \(the sheet is empty\)$", r"\1: không có dữ liệu (trang tính trống)"),
    (r"^(.*): no heading row: expected a column headed (.*) \(or another name for the unit\) in the first "
     r"(\d+) rows; row (\d+) reads (.*)$",
     r"\1: không có dòng tiêu đề: cần một cột có tiêu đề \2 (hoặc tên khác của đơn vị) trong \3 dòng đầu; "
     r"dòng \4 ghi \5"),
    (r"^(.*): not a readable (\S+) workbook \((.*)\)(; it is text, not a workbook: a CSV file renamed\? "
     r"give it the suffix \.csv)?$",
     r"\1: không đọc được sổ tính \2 (\3)\4"),
    (r"; it is text, not a workbook: a CSV file renamed\? give it the suffix \.csv$",
     "; đây là văn bản, không phải sổ tính: tệp CSV bị đổi tên? hãy đặt đuôi .csv"),
    (r"^(.*): not UTF-8 text \(byte (0x[0-9a-f]+) at position (\d+)\); save it as 'CSV UTF-8' "
     r"\(Excel: File › Save As › CSV UTF-8\)$",
     r"\1: không phải văn bản UTF-8 (byte \2 ở vị trí \3); hãy lưu thành 'CSV UTF-8' "
     r"(Excel: Tệp › Lưu thành › CSV UTF-8)"),
    (r"^(.*): not valid JSON: (.*) \(line (\d+), (?:column|cột) (\d+)\)$",
     r"\1: không phải JSON hợp lệ: \2 (dòng \3, cột \4)"),
    # rubric files (rubric_file, model): the commonest mistakes
    (r"^(.*): not valid TOML: (.*) \(at line (\d+), (?:column|cột) (\d+)\)$",
     r"\1: không phải TOML hợp lệ: \2 (dòng \3, cột \4)"),
    (r"^(.*): not UTF-8 text \((.*) at byte (\d+)\)$", r"\1: không phải văn bản UTF-8 (\2 ở byte \3)"),
    (r"^(.*): rubric ([^ ]*): bands out of order: '([^']*)' \(min (.*)\) must come below '([^']*)' "
     r"\(min (.*)\); list bands from the highest$",
     r"\1: bộ tiêu chí \2: các xếp loại sai thứ tự: '\3' (từ \4) phải đứng sau '\5' (từ \6); "
     r"hãy liệt kê từ xếp loại cao nhất"),
    (r": duplicate (band label|bloc id|source id\(s\)) (.*)$",
     lambda m: {"band label": ": trùng tên xếp loại ", "bloc id": ": trùng mã khối ",
                "source id(s)": ": trùng mã nguồn "}[m[1]] + m[2]),
    (r": expected at least one (band|bloc|group)$",
     lambda m: ": cần ít nhất một " + {"band": "xếp loại", "bloc": "khối", "group": "nhóm"}[m[1]]),
    (r": a group without criteria needs a 'max'$", ": nhóm không có tiêu chí cần có 'max'"),
    (r": unit '([^']*)' is in unknown bloc '([^']*)'$", r": đơn vị '\1' thuộc khối '\2' không có"),
    (r": years \[(\d+), (\d+)\] end before they begin$", r": năm [\1, \2]: năm cuối trước năm đầu"),
    (r"(^|: )rubric ([^ :]*:[^ ]*): ", r"\1bộ tiêu chí \2: "),
)


@functools.cache
def _vi_messages() -> tuple[tuple[re.Pattern[str], Any], ...]:
    """The forms compiled once, when a message is first put in Vietnamese (not at import)."""
    return tuple((re.compile(p), r) for p, r in _VI_MESSAGE_FORMS)


def vi_text(en: str) -> str:
    """A message in Vietnamese: a :class:`~ict_adoption.messages.Message`'s own
    Vietnamese text; a plain English one (a registry error, a reader's note not yet
    made from a message key) as far as its form is known, the location words always
    (:func:`vi_location`)."""
    if isinstance(en, Message):
        return en.vi
    text = en
    for pattern, repl in _vi_messages():
        text = pattern.sub(repl, text)
    return vi_location(text)


def in_lang(obj: object, lang: str) -> str:
    """What a user reads of ``obj`` (a message, an exception, a warning, a note) in
    ``lang``: a :class:`~ict_adoption.messages.Message` in its own words, plain English
    text through :func:`vi_text` for Vietnamese."""
    text = text_in(obj, lang)
    return vi_text(text) if lang == "vi" and not isinstance(obj, Message) and not _has_message(obj) else text


def _has_message(obj: object) -> bool:
    return isinstance(obj, BaseException) and bool(obj.args) and isinstance(obj.args[0], Message)
