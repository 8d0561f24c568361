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


def loads_rubric(text: str, *, origin: str = "<string>", rules: Mapping[str, type[Rule]] | None = None) -> Rubric:
    """Read a rubric from TOML text; errors name ``origin``.

    ``rules`` maps extra rule kinds to classes (plugins pass theirs); the built-in kinds
    are always known.
    """
    import tomllib  # on first use: ``import ict_adoption`` reads no file and stays fast

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"{origin}: not valid TOML: {exc}") from None
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
        raise RubricError(f"{p}: no such rubric file") from None
    except UnicodeDecodeError as exc:
        raise RubricError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
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
