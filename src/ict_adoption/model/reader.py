"""Reading plain rubric-file data: the checks every table of a rubric file gets.

The model classes read their own tables (``Group.from_dict`` …); what they share is
here: a table is a mapping with its required keys and no unknown one (a misspelt
``maks`` is never silently ignored), an array is a list, and every error names the
origin (a file name, ``"<dict>"``) and the path of the table in it
(``hn.toml: groups[0].criteria[1]: missing required key(s): max``). It knows no model
class, so that the classes can use it.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, TypeVar

from ..errors import RubricError
from ..messages import Message, compose, message as msg
from ..rules import Rule, rule_from_dict, rule_kinds

__all__ = ["DictReader", "Keys", "PROVENANCE_KEYS", "SCHEMA", "compact"]

#: The rubric-file format version this library reads and writes.
SCHEMA = 1
#: Keys any group, criterion, bloc or band table (and the top level) may carry.
PROVENANCE_KEYS = ("source", "cite", "cite_vi", "assumed", "assumed_vi")
#: (required keys, optional keys) of a table, in the order messages list them.
Keys = tuple[tuple[str, ...], tuple[str, ...]]

T = TypeVar("T")


class DictReader:
    """Walks plain data (parsed TOML or a dict), naming ``origin`` and the path in errors.

    ``rules`` are the extra rule kinds (a plugin's); the built-in kinds are always
    known (:func:`~ict_adoption.rules.rule_kinds`).
    """

    def __init__(self, origin: str = "<dict>", rules: Mapping[str, type[Rule]] | None = None) -> None:
        self.origin = origin
        self.rules = rule_kinds(rules)

    def fail(self, path: str, message: str) -> RubricError:
        """The error to raise for ``message`` about the table at ``path`` (a keyed
        :class:`~ict_adoption.messages.Message` stays one, in both languages)."""
        where = f"{self.origin}: {path}" if path else self.origin
        if isinstance(message, Message):
            return RubricError(compose(where, message))
        return RubricError(f"{where}: {message}")

    def table(self, data: Any, keys: Keys, path: str) -> dict[str, Any]:
        """A copy of the table ``data``, after checking its keys against ``keys``."""
        if not isinstance(data, Mapping):
            raise self.fail(path, f"expected a table, got {type(data).__name__} {data!r}")
        required, optional = keys
        missing = [k for k in required if k not in data]
        if missing:
            raise self.fail(path, msg("rubric.missing_keys", keys=", ".join(missing)))
        unknown = sorted(set(data) - set(required) - set(optional))
        if unknown:
            raise self.fail(
                path,
                f"unknown key(s) {', '.join(map(repr, unknown))}; "
                f"allowed: {', '.join((*required, *optional))}",
            )
        return dict(data)

    def array(self, data: Any, path: str) -> list[Any]:
        if not isinstance(data, list):
            raise self.fail(path, f"expected an array, got {type(data).__name__} {data!r}")
        return data

    def build(self, path: str, factory: Callable[..., T], /, **kwargs: Any) -> T:
        """``factory(**kwargs)``, its errors prefixed with the origin and ``path``."""
        try:
            return factory(**kwargs)
        except (RubricError, TypeError, ValueError) as exc:
            raise self.fail(path, _own(exc)) from None

    def rule(self, data: Any, path: str) -> Rule:
        """The rule of a criterion (``None``: points given directly)."""
        if data is not None and not isinstance(data, Mapping):
            raise self.fail(path, f"expected a table like {{ kind = \"share\" }}, got {data!r}")
        try:
            return rule_from_dict(data, self.rules)
        except RubricError as exc:
            raise self.fail(path, _own(exc)) from None


def _own(exc: BaseException) -> str:
    """An exception's message: its :class:`~ict_adoption.messages.Message` if it has one."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Message) else str(exc)


def compact(d: dict[str, Any]) -> dict[str, Any]:
    """``d`` without the keys a file leaves out: ``None`` and empty lists or tables."""
    return {k: v for k, v in d.items() if v is not None and v != () and v != [] and v != {}}
