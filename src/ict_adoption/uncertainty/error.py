"""The error of a malformed uncertain input (its own module, below every other one of
the package, so that the inputs and the choices can both raise it)."""

from __future__ import annotations

from typing import Any

from ..errors import IctAdoptionError

__all__ = ["UncertainInputError"]


class UncertainInputError(IctAdoptionError, ValueError):
    """An uncertain input is malformed or does not fit the rubric; the message names it.
    ``vi``: the same message in Vietnamese, where written (the command line shows it)."""

    def __init__(self, message: str, *, vi: str | None = None) -> None:
        super().__init__(message)
        self.vi = vi

    def __reduce__(self) -> Any:  # keeps the Vietnamese text across processes
        return (_rebuild, (str(self), self.vi))

    def text(self, lang: str = "vi") -> str:
        """The message in ``lang`` (English where no Vietnamese text was written)."""
        return self.vi if lang == "vi" and self.vi else str(self)


def _rebuild(message: str, vi: str | None) -> UncertainInputError:
    return UncertainInputError(message, vi=vi)
