"""One collector of problems, so that a reader or the scorer reports all of them at once.

A user who fixes one cell, runs again and meets the next error, twenty times, gives up;
so every stage that checks a whole table collects what is wrong and raises one error
that lists it (the first :data:`MAX_LISTED`, then how many more), with every message
kept in ``error.problems``.
"""

from __future__ import annotations

from typing import Any, Iterable

from .errors import InputError

__all__ = ["Problems", "MAX_LISTED"]

#: How many problems an error message lists (``error.problems`` has them all).
MAX_LISTED = 25


class Problems:
    """Problems found so far, each a message and where it is (file, sheet, row, …)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, dict[str, Any]]] = []

    def add(self, message: str, **location: Any) -> None:
        self.items.append((message, location))

    def extend(self, messages: Iterable[str]) -> None:
        self.items.extend((m, {}) for m in messages)

    @property
    def messages(self) -> list[str]:
        return [m for m, _ in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self, cls: type[InputError] = InputError, **location: Any) -> None:
        """Raise ``cls`` listing every problem, if there is one.

        One problem is raised as itself, with its own location; several as
        "N problem(s) in the assessment data:" and a line each, located by ``location``
        (and by the sheet, when every problem is on the same sheet).
        """
        if not self.items:
            return
        if len(self.items) == 1:
            message, where = self.items[0]
            raise cls(message, **{**location, **where})
        shown = self.messages[:MAX_LISTED]
        lines = [f"{len(self.items)} problem(s) in the assessment data:"] + [f"  - {m}" for m in shown]
        if len(self.items) > MAX_LISTED:
            lines.append(f"  … and {len(self.items) - MAX_LISTED} more")
        sheets = {where.get("sheet") for _, where in self.items}
        if len(sheets) == 1 and "sheet" not in location:
            location = {**location, "sheet": sheets.pop()}
        raise cls("\n".join(lines), problems=self.messages, **location)
