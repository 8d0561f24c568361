"""What hooks return: the checks every result goes through, and who contributed what.

A registry records one :class:`Contribution` per plugin and hook, so that
``ict-adoption regions`` and :meth:`Registry.contributions` can say which plugin (and
which distribution and version) added an edition, a group or a maximum. The helpers
check a hook's result before anything is merged from it: a hook returning the wrong
type is the plugin's error, named, not a traceback deep inside the merge.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import attrs

from ..model import Provenance
from .plugin_info import PluginInfo, plugin_error

__all__ = ["Contribution", "as_list", "check_items", "unsourced"]


@attrs.frozen
class Contribution:
    """One thing a plugin contributed: which hook, to which region/edition, which ids.

    ``items`` are short labels such as ``"region songlam"``, ``"edition 2024"``,
    ``"group bonus"``, ``"criterion b1"``, ``"bloc xa"``, ``"max pcs = 25"``,
    ``"bands Tốt ≥ 85, …"`` or ``"rule kind per_capita"``. ``source`` is the rubric
    file an edition came from, where there is one.
    """

    plugin: PluginInfo
    hook: str
    region: str | None
    edition: str | None
    items: tuple[str, ...]
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "plugin": self.plugin.name,
            "distribution": self.plugin.distribution,
            "version": self.plugin.version,
            "hook": self.hook,
            "region": self.region,
            "edition": self.edition,
            "items": list(self.items),
            "source": self.source,
        }


def as_list(result: Any, info: PluginInfo, hook: str, expected: str, where: str) -> list[Any]:
    """A hook's result as a list; ``None`` means nothing. A bare str/bytes is an error."""
    if result is None:
        return []
    if isinstance(result, (str, bytes, Mapping)) or not isinstance(result, Iterable):
        raise plugin_error(
            f"{info.label}: {hook}{where} returned {type(result).__name__} {result!r}; "
            f"expected a list of {expected} (or None)",
            info,
        )
    return list(result)


def check_items(items: list[Any], cls: type, info: PluginInfo, hook: str, where: str) -> None:
    """Every item is a ``cls``, or the plugin's error names the first that is not."""
    for item in items:
        if not isinstance(item, cls):
            raise plugin_error(
                f"{info.label}: {hook}{where} returned {type(item).__name__} {item!r}; "
                f"expected {cls.__name__} objects",
                info,
            )


def unsourced(info: PluginInfo, hook: str) -> Provenance:
    """The provenance of a contributed item that gives none: assumed, naming the plugin."""
    return Provenance(assumed=f"contributed by {info.label} through {hook} without provenance")
