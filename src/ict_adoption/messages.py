"""One table of the messages a user reads, each under a stable key, in English and
Vietnamese; a :class:`Message` carries its key and parameters, from which either text
is made.

A message is a ``str`` (its English text), so code that prints, compares or raises it
keeps working; ``message.vi`` is its Vietnamese, ``message.text(lang)`` either one.
Raise sites write ``raise InputError(message("file.not_json", file=…, line=…, …))``;
the command line and the reports show :func:`text_in` of what they received, so a
message made here can never reach a Vietnamese user in English: a key without both
texts fails :func:`message` (and tests/test_messages_table.py walks every key).

Parameters are inserted as given (names are quoted by the caller, ``'Sở A'``); a
parameter that is itself a :class:`Message` is written in the language of the text
around it. Messages written elsewhere as plain text (readers and scorers not yet
converted) are translated by their known form (:func:`ict_adoption.problems.vi_text`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["LIBRARY_DETAIL", "MESSAGES", "Message", "message", "bilingual", "compose", "text_in"]

#: Keys whose English gives another library's own (English) text as ``{detail}``, which
#: their Vietnamese leaves out rather than show English to a Vietnamese user.
LIBRARY_DETAIL = ("toml.other", "workbook.other")

#: key → (English, Vietnamese); ``{name}`` are the parameters.
MESSAGES: dict[str, tuple[str, str]] = {
    # files as a whole (io.files, io.json_reader, io.workbook, rubric_file)
    "file.exists": ("{path} already exists; use --force (force=True) to overwrite it",
                    "{path} đã có; dùng --force để ghi đè"),
    "file.is_input": ("{path}: refusing to write the output over an input file ({input}); choose another output path",
                      "{path}: không ghi đè lên tệp đầu vào ({input}); hãy chọn tệp khác"),
    "file.not_json": ("{file}: not valid JSON: {what} (line {line}, column {column})",
                      "{file}: không phải JSON hợp lệ: {what} (dòng {line}, cột {column})"),
    "file.not_workbook": ("{file}: not a readable {suffix} workbook ({what})",
                          "{file}: không đọc được sổ tính {suffix} ({what})"),
    "file.text_as_workbook": ("{file}: not a readable {suffix} workbook ({what}); it is text, not a workbook: "
                              "a CSV file renamed? give it the suffix .csv",
                              "{file}: không đọc được sổ tính {suffix} ({what}); đây là văn bản, không phải "
                              "sổ tính: tệp CSV bị đổi tên? hãy đặt đuôi .csv"),
    "rubric.no_file": ("{path}: no such rubric file", "{path}: không có tệp bộ tiêu chí này"),
    "rubric.not_toml": ("{file}: not valid TOML: {what} (at line {line}, column {column})",
                        "{file}: không phải TOML hợp lệ: {what} (dòng {line}, cột {column})"),
    "rubric.not_toml_at": ("{file}: not valid TOML: {what}", "{file}: không phải TOML hợp lệ: {what}"),
    "toml.value": ("Invalid value", "giá trị không hợp lệ"),
    "toml.equals": ("Expected '=' after a key in a key/value pair", "cần dấu '=' sau tên khóa"),
    "toml.array": ("Unclosed array", "danh sách chưa đóng ngoặc vuông"),
    "toml.string": ("Unterminated string", "chuỗi chưa đóng ngoặc kép"),
    "toml.twice": ("a key or table given twice", "một khóa hoặc bảng được ghi hai lần"),
    "toml.statement": ("Invalid statement", "câu lệnh không hợp lệ"),
    "toml.other": ("{detail}", "lỗi cú pháp TOML"),
    "rubric.missing_keys": ("missing required key(s): {keys}", "thiếu khóa bắt buộc: {keys}"),
    "rubric.unknown_rule": ("unknown rule kind {kind}; known kinds: {known}",
                            "không có loại quy tắc {kind}; các loại: {known}"),
    "rubric.not_utf8": ("{file}: not UTF-8 text ({what} at byte {byte})",
                        "{file}: không phải văn bản UTF-8 ({what} ở byte {byte})"),
    # what a library we call says, in words of ours (the parameter "what" above)
    "json.expecting": ("expected {what}", "cần {what}"),
    "json.value": ("a value", "một giá trị"),
    "json.delimiter": ("a comma between the items", "dấu phẩy giữa các mục"),
    "json.colon": ("a colon after a name", "dấu hai chấm sau một tên"),
    "json.name": ("a name in double quotes", "một tên trong dấu ngoặc kép"),
    "json.unterminated": ("a string left open", "một chuỗi chưa đóng ngoặc kép"),
    "json.extra": ("more data after the end", "có thêm dữ liệu sau phần kết thúc"),
    "json.other": ("the text cannot be read as JSON", "không đọc được văn bản này như JSON"),
    "workbook.not_zip": ("the file is not a zip archive, as an .xlsx/.ods file must be",
                         "tệp không phải một tệp nén zip như tệp .xlsx/.ods phải là"),
    "workbook.other": ("the library reading it says: {detail}", "tệp bị hỏng hoặc không phải sổ tính"),
    # the registry (region_plugins.registry)
    "registry.no_year": ("region '{code}' ({name}): give the assessment year, e.g. '{code}:YEAR'; editions: {listing}",
                         "địa phương '{code}' ({name}): hãy ghi năm đánh giá, ví dụ '{code}:YEAR'; các bộ tiêu chí: "
                         "{listing}"),
    "registry.no_edition": ("region '{code}' ({name}) has no edition for the assessment year {year}; editions: {listing}",
                            "địa phương '{code}' ({name}) không có bộ tiêu chí cho năm đánh giá {year}; các bộ tiêu "
                            "chí: {listing}"),
    # the scorer's warnings about blocs and rosters (scoring.units)
    "roster.bloc_without_rows": ("bloc {bloc} ({name}) has no rows in the input; it is not ranked",
                                 "khối {bloc} ({name}) không có dòng nào trong dữ liệu; khối này không được xếp hạng"),
    "roster.bloc_without_rows_or_roster": ("bloc {bloc} ({name}) of the rubric has no rows in the input; it is not "
                                           "ranked (if it is assessed in another file, rank that file on its own)",
                                           "khối {bloc} ({name}) của bộ tiêu chí không có dòng nào trong dữ liệu; khối "
                                           "này không được xếp hạng (nếu khối được đánh giá trong tệp khác, hãy xếp "
                                           "hạng riêng tệp đó)"),
    "roster.units_without_rows": ("bloc {bloc} ({name}): {absent} of its {size} roster units have no row and are "
                                  "not ranked: {shown}",
                                  "khối {bloc} ({name}): {absent}/{size} đơn vị trong danh sách không có dòng nào "
                                  "và không được xếp hạng: {shown}"),
}


class Message(str):
    """A message: its English text as a ``str``, with ``key``, ``params`` and ``vi``."""

    key: str
    params: dict[str, Any]
    vi: str

    def __new__(cls, en: str, vi: str, key: str = "", params: dict[str, Any] | None = None) -> "Message":
        self = super().__new__(cls, en)
        self.vi = vi
        self.key = key
        self.params = dict(params or {})
        return self

    def text(self, lang: str = "en") -> str:
        return self.vi if lang == "vi" else str.__str__(self)

    def __reduce__(self) -> Any:  # pickling (multiprocessing) keeps both texts
        return (Message, (str.__str__(self), self.vi, self.key, self.params))


def _fill(template: str, params: dict[str, Any], lang: str) -> str:
    return template.format(**{k: v.text(lang) if isinstance(v, Message) else v for k, v in params.items()})


def message(key: str, **params: Any) -> Message:
    """The message ``key`` with its ``params``, in both languages (a ``KeyError`` for a
    key that is not in :data:`MESSAGES`)."""
    en, vi = MESSAGES[key]
    return Message(_fill(en, params, "en"), _fill(vi, params, "vi"), key, params)


def compose(where: str, what: Message) -> Message:
    """``"{where}: {what}"`` in both languages (a place, then a message about it)."""
    return Message(f"{where}: {str.__str__(what)}", f"{where}: {what.vi}", what.key, what.params)


def bilingual(en: str, vi: str) -> Message:
    """A message whose two texts the caller wrote (no key: e.g. a plugin's own words)."""
    return Message(en, vi)


def text_in(obj: object, lang: str) -> str:
    """What a user reads of ``obj`` (a :class:`Message`, an exception or a warning made
    from one, or plain text) in ``lang``; plain text as it is (see
    :func:`ict_adoption.problems.vi_text` for the known forms of older messages)."""
    if isinstance(obj, Message):
        return obj.text(lang)
    args = getattr(obj, "args", None)
    if isinstance(obj, BaseException) and args and isinstance(args[0], Message) and len(args) == 1:
        return args[0].text(lang)
    return str(obj)
