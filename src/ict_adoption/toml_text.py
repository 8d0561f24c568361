"""Writing TOML text from plain data: the inverse of :mod:`tomllib`, which only reads.

The pieces here know TOML and nothing of rubrics: values (text, whole numbers, exact
decimals, booleans, arrays, inline tables), keys, ``key = value`` lines, table
sections and arrays spread over lines. A caller that wants a particular layout (a
rubric file is laid out to be kept by hand) assembles its lines from them; every
piece reads back with ``tomllib.loads(text, parse_float=Decimal)`` to the data it was
given, decimals digit for digit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Mapping

__all__ = ["string", "key", "value", "key_value", "table", "array_lines"]


def string(s: str) -> str:
    """A basic (double-quoted) TOML string, escaping what TOML requires."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def key(k: str) -> str:
    """A bare key where TOML allows one (ASCII letters, digits, ``_``, ``-``), else quoted."""
    if k and all(c.isascii() and (c.isalnum() or c in "_-") for c in k):
        return k
    return string(k)


def value(v: Any) -> str:
    """An inline TOML value. Decimals are written as typed (``Decimal("12.50")`` →
    ``12.50``), never through a binary float; mappings become inline tables."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} {v!r} to TOML")


def key_value(k: str, v: Any, indent: str = "") -> str:
    """One ``key = value`` line."""
    return f"{indent}{key(k)} = {value(v)}"


def table(header: str, data: Mapping[str, Any], *, skip: Iterable[str] = (), indent: str = "") -> list[str]:
    """A table section: ``header`` (``"[ranking]"``, ``"[[groups]]"``) and a line per key.

    Keys in ``skip`` are left out, for the caller to write as sub-tables after it.
    """
    left_out = set(skip)
    return [indent + header] + [key_value(k, v, indent) for k, v in data.items() if k not in left_out]


def array_lines(k: str, items: Iterable[Any], indent: str = "  ") -> list[str]:
    """An array with one item per line (a trailing comma after each, as TOML allows)."""
    return [f"{key(k)} = ["] + [f"{indent}{value(x)}," for x in items] + ["]"]
