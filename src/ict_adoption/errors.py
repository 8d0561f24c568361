"""Exceptions raised by ict-adoption.

Every error the library raises on bad input derives from :class:`IctAdoptionError`,
so an embedding system can catch one class; the subclasses say which stage failed.
"""

from __future__ import annotations

__all__ = [
    "IctAdoptionError",
    "RubricError",
    "InputError",
    "ScoringError",
    "PluginError",
    "EditionNotFound",
    "RegionNotFound",
]


class IctAdoptionError(Exception):
    """Base class of every error raised by ict-adoption on bad input or data."""


class RubricError(IctAdoptionError, ValueError):
    """A rubric (or a rubric file) is inconsistent: duplicate ids, bad bands, …"""


class InputError(IctAdoptionError, ValueError):
    """An assessment table is malformed: unknown column, bad cell, unknown unit, …

    ``location`` holds whatever is known about where the problem is (file, sheet,
    row, column, unit); it is already part of the message.
    """

    def __init__(self, message: str, **location: object) -> None:
        super().__init__(message)
        self.location = {k: v for k, v in location.items() if v is not None}


class ScoringError(InputError):
    """Scores that cannot be reconciled: levels disagree, values out of range, …"""


class PluginError(IctAdoptionError, RuntimeError):
    """A plugin failed to load or contributed invalid data."""


class RegionNotFound(IctAdoptionError, LookupError):
    """No installed plugin registers the requested region."""


class EditionNotFound(IctAdoptionError, LookupError):
    """The region has no edition in force for the requested assessment year."""
