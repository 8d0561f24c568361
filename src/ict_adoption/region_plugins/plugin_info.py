"""Who a plugin is, and errors that name it.

Every message about a plugin names the plugin *and* the distribution that installed
it (``plugin 'songlam' (ict-adoption-example 0.1.0)``), because the entry-point name
alone does not tell a user what to uninstall or report. Everything else in this
package builds its messages from :class:`PluginInfo` and :func:`plugin_error`.
"""

from __future__ import annotations

import attrs

from ..errors import PluginError

__all__ = ["PluginInfo", "PluginWarning", "plugin_error", "describe_exception"]


class PluginWarning(UserWarning):
    """A plugin could not be used; the message is the :class:`PluginError`'s."""


@attrs.frozen
class PluginInfo:
    """Who a plugin is: its name (the entry-point name) and the distribution providing it.

    ``distribution`` and ``version`` are ``None`` for a plugin object handed over
    directly (tests, embedding) rather than installed; ``value`` is the entry point's
    target (``"ict_adoption_songlam"``).
    """

    name: str
    distribution: str | None = None
    version: str | None = None
    value: str | None = None

    @property
    def dist_label(self) -> str:
        """``"ict-adoption-example 0.1.0"``, or ``"no distribution"``."""
        if self.distribution is None:
            return "no distribution"
        return f"{self.distribution} {self.version}" if self.version else self.distribution

    @property
    def label(self) -> str:
        """``"plugin 'songlam' (ict-adoption-example 0.1.0)"`` — used in every message."""
        return f"plugin {self.name!r} ({self.dist_label})"

    def to_dict(self) -> dict[str, str | None]:
        return {
            "plugin": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "value": self.value,
        }


def plugin_error(message: str, *plugins: PluginInfo, region: str | None = None) -> PluginError:
    """A :class:`PluginError` carrying ``plugins`` (who is to blame) and ``region``."""
    return PluginError(message, plugins=plugins, region=region)


def describe_exception(exc: BaseException) -> str:
    """``"KeyError: 'x'"``: the exception's type and text, for a one-line message."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
