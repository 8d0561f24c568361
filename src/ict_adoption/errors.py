"""Exceptions raised by ict-adoption.

Every error the library raises on bad input derives from :class:`IctAdoptionError`,
so an embedding system can catch one class; the subclasses say which stage failed.
What an error knows beyond its message (where the problem is, every problem found,
which plugin is to blame) is in attributes declared here and set when the error is
made, so that callers can rely on them being there.
"""

from __future__ import annotations

from typing import Iterable, Protocol

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
    """A rubric (or a rubric file) is inconsistent: duplicate ids, bad bands, …

    The message names the file (where there is one), the table and the field, e.g.
    ``hn.toml: bands[0]: Band.label: must not be empty``.
    """


class InputError(IctAdoptionError, ValueError):
    """An assessment table is malformed: unknown column, bad cell, unknown unit, …

    ``location`` holds whatever is known about where the problem is (``file``,
    ``sheet``, ``row``, ``column``, ``unit``, …, keys given as keyword arguments; those
    that are ``None`` are left out); it is already part of the message.

    ``problems`` lists every problem found, one message each: a reader or the scorer
    that checks a whole table reports them all in one error, whose message may show
    only the first ones. An error about one thing has that one message.
    """

    #: Where the problem is: file, sheet, row, column, unit … (only what is known).
    location: dict[str, object]
    #: Every problem found, one message each (at least the error's own message).
    problems: list[str]
    #: The problems in both languages, grouped by kind (``ict_adoption.problems.ProblemReport``),
    #: when a whole table was checked; None for an error about one thing.
    report: "object | None" = None

    def __init__(self, message: str, *, problems: Iterable[str] | None = None, **location: object) -> None:
        super().__init__(message)
        self.location = {k: v for k, v in location.items() if v is not None}
        if problems is None:
            self.problems = [message]
        else:  # a lazy sequence (ict_adoption.problems.Messages) stays lazy: its texts are made when read
            self.problems = problems if getattr(problems, "lazy", False) else list(problems)  # type: ignore[assignment]


class ScoringError(InputError):
    """Scores that cannot be reconciled: levels disagree, values out of range, …"""


class Blamed(Protocol):
    """What a :class:`PluginError` knows of a plugin (``ict_adoption.region_plugins.PluginInfo``)."""

    @property
    def name(self) -> str: ...

    @property
    def label(self) -> str: ...


class PluginError(IctAdoptionError, RuntimeError):
    """A plugin failed to load or contributed invalid data.

    ``plugins`` are the plugins to blame (:class:`~ict_adoption.region_plugins.PluginInfo`,
    two of them when they contribute the same thing); ``region`` the region code the
    failure takes out of service, where it is one region's.
    """

    #: The plugins to blame, in the order the message names them.
    plugins: tuple[Blamed, ...]
    #: The region this error takes out of service (None: not one region's).
    region: str | None

    def __init__(self, message: str, *, plugins: Iterable[Blamed] = (), region: str | None = None) -> None:
        super().__init__(message)
        self.plugins = tuple(plugins)
        self.region = region


class RegionNotFound(IctAdoptionError, LookupError):
    """No installed plugin registers the requested region."""


class EditionNotFound(IctAdoptionError, LookupError):
    """The region has no edition in force for the requested assessment year."""
