"""The rubric model: Unit, Criterion, Group, Bloc, Band, Rubric (+ Source, Provenance).

Every class is a frozen attrs class validated at construction; an error is a
:class:`~ict_adoption.errors.RubricError` naming the class and field, what was
expected and what was received. A :class:`Rubric` is one *edition* of a region's
regulation (e.g. Hà Nội, QĐ 5058/QĐ-BCĐ, assessment years 2013–2015).

The package imports one way: :mod:`.reader` (checks shared by every table of a
rubric file, no model class) → :mod:`.parts` (the small classes, each reading and
writing its own table) → :mod:`.structure` (look-ups and arrays over the parts) →
:mod:`.rubric` (the rubric, its whole-rubric checks and its file form). Below it are
only the base modules (errors, exact, text, ``_fields``, ``toml_text``) and rules.
"""

from __future__ import annotations

# the private helpers ``ict_adoption.model`` had (``registry`` imports some) stay importable
from .._fields import identifier as _identifier  # noqa: F401
from .._fields import non_negative as _non_negative  # noqa: F401
from .._fields import nonempty_text as _nonempty  # noqa: F401
from .._fields import opt_decimal as _opt_decimal  # noqa: F401
from .._fields import tuple_of_text as _tuple_of_text  # noqa: F401
from ..errors import RubricError
from ..text import nfc
from .parts import (
    BAND_BASES,
    GROUP_KINDS,
    RANK_METHODS,
    SOURCE_KINDS,
    Band,
    Bloc,
    Criterion,
    Group,
    Provenance,
    RankingPolicy,
    Source,
    Unit,
    _provenance,  # noqa: F401
)
from .edition_facts import EditionYearWarning, ProvenanceList
from .rubric import Rubric, _years  # noqa: F401

__all__ = [
    "Source",
    "Provenance",
    "Unit",
    "Criterion",
    "Group",
    "Bloc",
    "Band",
    "RankingPolicy",
    "Rubric",
    "ProvenanceList",
    "EditionYearWarning",
    "GROUP_KINDS",
    "BAND_BASES",
    "RANK_METHODS",
    "SOURCE_KINDS",
]


# Kept for attrs classes outside the model that use the model's field helpers
# (``registry.Region``) until they take theirs from ``ict_adoption._fields``: unlike
# the model's own converters, which leave a wrong value for a validator naming the
# field, these two raise at once, since their fields may have no validator.
def _text(value: object) -> str:
    """Strict converter: NFC text, or a :class:`RubricError`."""
    if not isinstance(value, str):
        raise RubricError(f"expected text, got {type(value).__name__} ({value!r})")
    return nfc(value)


def _opt_text(value: object) -> str | None:
    """Strict converter: like :func:`_text`, ``None`` staying ``None``."""
    return None if value is None else _text(value)

