"""Rubric files: one edition of a regulation as TOML (schema in ``docs/rubric-format.md``).

This is the file side: reading a path or TOML text, with errors naming the file.
The data side — which tables and keys a rubric file has, and how each becomes a
model object and back — belongs to the model classes (``Rubric.from_dict``,
``Rubric.to_dict``, ``Rubric.to_toml``), which the functions here call.

``load_rubric(path)`` reads a file with the standard library's tomllib (decimals are
read as :class:`~decimal.Decimal`, never through float); ``Rubric.to_toml()`` writes it
back so that loading the output gives an equal rubric.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Mapping

from .errors import RubricError
from .messages import message
from .model import Rubric
from .model.reader import SCHEMA
from .rules import Rule

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

__all__ = [
    "SCHEMA",
    "load_rubric",
    "loads_rubric",
    "dump_rubric",
    "rubric_from_dict",
    "rubric_to_dict",
    "rubric_to_toml",
]


def rubric_from_dict(
    data: Mapping[str, Any], *, origin: str = "<dict>", rules: Mapping[str, type[Rule]] | None = None
) -> Rubric:
    """Build a :class:`Rubric` from rubric-file data; errors name ``origin`` and the table.

    The same as :meth:`Rubric.from_dict`; ``rules`` extend the built-in rule kinds.
    """
    return Rubric.from_dict(data, origin=origin, rules=rules)


def rubric_to_dict(r: Rubric) -> dict[str, Any]:
    """Plain data in the rubric-file schema (decimals stay :class:`~decimal.Decimal`);
    the same as :meth:`Rubric.to_dict`."""
    return r.to_dict()


def rubric_to_toml(r: Rubric) -> str:
    """Write ``r`` in the rubric-file format (round-trips through :func:`load_rubric`);
    the same as :meth:`Rubric.to_toml`."""
    return r.to_toml()


#: the TOML reader's commonest messages (English) → keys of ours
_TOML_PROBLEMS = (
    ("Invalid value", "toml.value"),
    ("Expected '=' after a key", "toml.equals"),
    ("Unclosed array", "toml.array"),
    ("Unterminated string", "toml.string"),
    ("Cannot overwrite a value", "toml.twice"),
    ("Cannot declare", "toml.twice"),
    ("Invalid statement", "toml.statement"),
)


def _toml_error(origin: str, text: str) -> str:
    import re

    m = re.match(r"^(.*) \(at line (\d+), column (\d+)\)$", text)
    if m is None:
        return message("rubric.not_toml_at", file=origin, what=message("toml.other", detail=text))
    key = next((k for start, k in _TOML_PROBLEMS if m[1].startswith(start)), None)
    what = message(key) if key else message("toml.other", detail=m[1])
    return message("rubric.not_toml", file=origin, what=what, line=m[2], column=m[3])


def loads_rubric(text: str, *, origin: str = "<string>", rules: Mapping[str, type[Rule]] | None = None) -> Rubric:
    """Read a rubric from TOML text; errors name ``origin``.

    ``rules`` maps extra rule kinds to classes (plugins pass theirs); the built-in kinds
    are always known.
    """
    import tomllib  # on first use: ``import ict_adoption`` reads no file and stays fast

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(_toml_error(origin, str(exc))) from None
    return Rubric.from_dict(data, origin=origin, rules=rules)


def load_rubric(path: str | os.PathLike[str], *, rules: Mapping[str, type[Rule]] | None = None) -> Rubric:
    """Read one rubric edition from a TOML file (see ``docs/rubric-format.md``).

    ``rules`` maps extra rule kinds to classes (plugins pass theirs); the built-in kinds
    are always known.
    """
    from pathlib import Path  # on first use, like tomllib: not needed to import the library

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RubricError(message("rubric.no_file", path=p)) from None
    except UnicodeDecodeError as exc:
        raise RubricError(message("rubric.not_utf8", file=p, what=exc.reason, byte=exc.start)) from None
    return loads_rubric(text, origin=str(p), rules=rules)


def dump_rubric(rubric: Rubric, path: str | os.PathLike[str]) -> Path:
    """Write ``rubric`` to ``path`` as a rubric file (UTF-8, ``\\n`` line ends); returns the path.

    :func:`load_rubric` reads the file back to an equal rubric.
    """
    from pathlib import Path  # on first use, like tomllib: not needed to import the library

    p = Path(path)
    with p.open("w", encoding="utf-8", newline="\n") as f:
        f.write(rubric.to_toml())
    return p
