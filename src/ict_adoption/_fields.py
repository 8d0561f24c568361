"""Converters, validators and a read-only mapping for the frozen value classes.

attrs' stock validators (``in_``, ``instance_of``) raise a ``TypeError`` or a
``ValueError`` whose arguments include the attrs ``Attribute``, which reaches a user as
``("'kind' must be in …", Attribute(name='kind', …))``. The validators here raise
:class:`~ict_adoption.errors.RubricError` with one line naming the class, the field,
what was expected and what was got: ``Source.kind: expected one of 'decision',
'report', 'article', 'other', got 'law'``.

A converter cannot know which field it converts, so the converters here only
*normalise* values of the right type (NFC text, exact decimals, tuples) and pass any
other value through unchanged; the field's validator, which does know the field, then
rejects it by name. Every field with a converter from here therefore also has the
matching validator.

This module sits at the base of the package (it imports only :mod:`errors`,
:mod:`exact` and :mod:`text`), so that rules, the model and tables can share it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator, Mapping, NoReturn, TypeVar

import attrs

from .errors import RubricError
from .exact import Number, to_decimal
from .text import nfc

__all__ = [
    "FrozenMap",
    "Validator",
    "fail",
    "where",
    "one_of",
    "instance_of",
    "int_between",
    "tuple_of",
    "text",
    "opt_text",
    "is_text",
    "is_opt_text",
    "nonempty_text",
    "identifier",
    "decimal",
    "opt_decimal",
    "is_decimal",
    "is_opt_decimal",
    "non_negative",
    "as_tuple",
    "tuple_of_text",
    "is_tuple_of_text",
]

K = TypeVar("K")
V = TypeVar("V")
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


# --------------------------------------------------------------------------- messages


def where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``"Band.label"`` — the start of every message about a field."""
    return f"{type(instance).__name__}.{attribute.name}"


def _got(value: object) -> str:
    if value is None or isinstance(value, (str, int, float, Decimal)):
        return repr(value)
    return f"{type(value).__name__} {value!r}"


def fail(instance: object, attribute: attrs.Attribute[Any], expected: str, value: object) -> NoReturn:
    """Raise ``RubricError("<Class>.<field>: expected <expected>, got <value>")``."""
    raise RubricError(f"{where(instance, attribute)}: expected {expected}, got {_got(value)}")


# --------------------------------------------------------------------------- validators


def one_of(*choices: object) -> Validator:
    """The value is one of ``choices`` (compared with ``==``, bools never stand for ints)."""
    listed = ", ".join(map(repr, choices))

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or value not in choices:
            fail(instance, attribute, f"one of {listed}", value)

    return check


def instance_of(kind: type | tuple[type, ...], expected: str) -> Validator:
    """The value is an instance of ``kind``; ``expected`` words it (``"a Rule"``)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            fail(instance, attribute, expected, value)

    return check


def int_between(low: int, high: int) -> Validator:
    """A whole number (not a bool) from ``low`` to ``high`` inclusive."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            fail(instance, attribute, f"a whole number from {low} to {high}", value)

    return check


def tuple_of(kind: type, expected: str) -> Validator:
    """A tuple whose every item is a ``kind`` (``expected`` words one: ``"a Group"``);
    the message names the bad item's index."""
    listed = f"a list of {expected.removeprefix('a ').removeprefix('an ')}"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            fail(instance, attribute, listed, value)
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise RubricError(
                    f"{where(instance, attribute)}[{i}]: expected {expected}, got {_got(item)}"
                )

    return check


# --------------------------------------------------------------------------- text


def text(value: object) -> str:
    """Converter: NFC-normalised, trimmed text; a non-text value is left for :func:`is_text`."""
    return nfc(value) if isinstance(value, str) else value  # type: ignore[return-value]


def opt_text(value: object) -> str | None:
    """Converter: like :func:`text`, ``None`` staying ``None``."""
    return text(value)


def is_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(instance, attribute, "text", value)


def is_opt_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        fail(instance, attribute, "text (or nothing)", value)


def nonempty_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Text with something in it (names, labels, titles)."""
    is_text(instance, attribute, value)
    if not value:
        raise RubricError(f"{where(instance, attribute)}: must not be empty")


def identifier(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An ASCII id: letters, digits, ``_`` and ``-``, starting with a letter.

    Ids become column names of assessment tables and keys of rubric files, so they
    must read the same in every tool.
    """
    ok = (
        isinstance(value, str)
        and value
        and all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in value)
        and value[0].isalpha()
    )
    if not ok:
        raise RubricError(
            f"{where(instance, attribute)}: expected an ASCII identifier "
            f"(letters, digits, '_' or '-', starting with a letter), got {value!r}"
        )


# --------------------------------------------------------------------------- numbers


def decimal(value: Number) -> Decimal:
    """Converter: an exact :class:`~decimal.Decimal`; what is not a number is left for
    :func:`is_decimal`, which names the field."""
    try:
        return to_decimal(value)
    except (TypeError, ValueError):
        return value  # type: ignore[return-value]


def opt_decimal(value: object) -> Decimal | None:
    """Converter: like :func:`decimal`, ``None`` staying ``None``."""
    return None if value is None else decimal(value)  # type: ignore[arg-type]


def is_decimal(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal):
        try:  # the number reader's own words: "expected a finite number, got nan", …
            to_decimal(value)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise RubricError(f"{where(instance, attribute)}: {exc}") from None
        fail(instance, attribute, "a number", value)


def is_opt_decimal(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        is_decimal(instance, attribute, value)


def non_negative(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """A maximum: ``None`` (not declared) or ``>= 0``."""
    if value is not None and value < 0:
        raise RubricError(f"{where(instance, attribute)}: expected a maximum >= 0, got {value}")


# --------------------------------------------------------------------------- sequences


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: a list (or any iterable but text and mappings) as a tuple.

    Text and mappings are iterable too, but a rubric never means their letters or
    keys; they are left for the field's validator to reject.
    """
    if isinstance(values, (str, bytes, Mapping)):
        return values  # type: ignore[return-value]
    try:
        return tuple(values)
    except TypeError:
        return values  # type: ignore[return-value]


def tuple_of_text(values: Iterable[str]) -> tuple[str, ...]:
    """Converter: a list of names as a tuple of NFC text (see :func:`is_tuple_of_text`)."""
    items = as_tuple(values)
    return tuple(text(v) for v in items) if isinstance(items, tuple) else items


is_tuple_of_text = tuple_of(str, "text")


# --------------------------------------------------------------------------- mappings


class FrozenMap(Mapping[K, V]):
    """A read-only mapping: what a frozen class holds where a dict would be mutable.

    It copies what it is given, so no one holds a reference through which it could
    change; item assignment raises ``TypeError`` as it does on
    :class:`types.MappingProxyType`. Unlike a mapping proxy it hashes (when its
    values do), pickles and compares equal to a dict with the same items.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(data)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._data,))
