"""What the announcements say besides the ranks: unit profiles, bloc attainment, and
comparisons of two assessments (year over year; self-assessed vs verified).

Everything here takes :class:`~ict_adoption.ranking.Ranking` objects and returns
immutable results with dict/JSON, text, Markdown and HTML views; nothing re-reads input.
"""

from __future__ import annotations

from .attainment import Attainment, attainment
from .compare import Comparison, EditionsDifferWarning, compare, edition_differences
from .matching import AmbiguousMatchError, UnknownUnitError
from .profile import Profiles, profile, profiles
from .profile_parts import Gap, Item, UnitProfile

__all__ = [
    "profile",
    "profiles",
    "Profiles",
    "UnitProfile",
    "Item",
    "Gap",
    "UnknownUnitError",
    "AmbiguousMatchError",
    "attainment",
    "Attainment",
    "compare",
    "Comparison",
    "EditionsDifferWarning",
    "edition_differences",
]
