"""What a Vietnamese user must not read: English words and Python syntax.

Shared by the tests of the message table (tests/test_messages_table.py), of every CLI
command's Vietnamese output (tests/test_messages_cli.py) and of the messy-input corpus.
Names, ids, typed values, file names, commands and options are left out of the check
(they are quoted, back-quoted, or look like a file or an option)."""

from __future__ import annotations

import re

#: English words that are not also Vietnamese words ("to", "do", "in", "an", "on" are)
ENGLISH = re.compile(
    r"\b(the|not|read|no|and|or|of|is|are|was|were|be|been|has|have|with|from|for|by|this|that|which|"
    r"expected|expecting|got|given|found|must|should|cannot|only|see|use|give|"
    r"headings?|rows?|sheets?|columns?|units?|blocs?|values?|files?|lines?|char|"
    r"warning|note|error|problems?|missing|unknown|hidden|assumed|published|threshold|points?|round|"
    r"usage|options?|show|help|exit|default|edition|region|none|true|false)\b",
    re.IGNORECASE,
)
#: Python's own syntax and texts
PYTHON = re.compile(
    r"=True|=False|\bNone\b|'\*'|Traceback|datetime\.|Decimal\(|\bb'\\x|\\x[0-9a-f]{2}|\w+Error\b|"
    r"\(char \d+\)|\[\]|\{\}|<[a-z_.]+ object at"
)
#: names, ids, typed values, file names, commands and options stay as they are
QUOTED = re.compile(
    r"'[^'\n]*'|“[^”\n]*”|\"[^\"\n]*\"|`[^`]*`|\S+\.(?:csv|tsv|json|xlsx|xlsm|xls|ods|toml|html|md)\b|"
    r"--?[\w-]+(?:[ =][A-Z_]+\b)?|\{[a-z,]+\}|\b[A-Z][A-Z_]+\b"
)


def leaks(text: str, *, allow: tuple[str, ...] = ()) -> list[str]:
    """Every English word and bit of Python syntax in ``text`` (a Vietnamese output),
    once names, quoted values, file names and options are left out; ``allow``: words
    that are fine in this text (e.g. an English band label in the 'tiếng Anh' column)."""
    found = PYTHON.findall(text)
    plain = QUOTED.sub(" ", text)
    for a in allow:
        plain = plain.replace(a, " ")
    found += ENGLISH.findall(plain)
    return found


def leak_lines(text: str, *, allow: tuple[str, ...] = ()) -> list[str]:
    """The lines of ``text`` that leak, for an assertion message a person can read."""
    return [line for line in text.splitlines() if leaks(line, allow=allow)]
