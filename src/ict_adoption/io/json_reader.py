"""JSON files: a list of objects (one per unit), or ``{"units": [...]}``."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ..errors import InputError
from ..messages import Message, message
from .csv_reader import decode, read_bytes
from .grid import Grid


def records_grid(records: Sequence[Any], origin: str | None, word: str) -> Grid:
    keys: dict[str, None] = {}
    for i, rec in enumerate(records):
        if not isinstance(rec, Mapping):
            where = f"{origin}, {word} {i + 1}" if origin else f"{word} {i + 1}"
            raise InputError(
                f"{where}: expected an object (one per unit, heading → value), got {type(rec).__name__}",
                file=origin, row=i + 1,
            )
        keys.update(dict.fromkeys(str(k) for k in rec))
    columns = [[_get(rec, k) for rec in records] for k in keys]
    return Grid(
        origin=origin,
        sheet=None,
        headings=list(keys),
        columns=columns,
        labels=[f"{word} {i + 1}" for i in range(len(records))],
        numbers=list(range(1, len(records) + 1)),
    )


def _get(rec: Mapping[Any, Any], key: str) -> Any:
    if key in rec:
        return rec[key]
    for k, v in rec.items():
        if str(k) == key:
            return v
    return None


#: Python's JSON decoder messages (English) → what is wrong, in words of ours
_JSON_PROBLEMS = (
    ("Expecting value", "json.value"),
    ("Expecting ',' delimiter", "json.delimiter"),
    ("Expecting ':' delimiter", "json.colon"),
    ("Expecting property name", "json.name"),
)


def _json_problem(decoder_message: str) -> Message:
    for start, key in _JSON_PROBLEMS:
        if decoder_message.startswith(start):
            return message("json.expecting", what=message(key))
    if decoder_message.startswith("Unterminated string"):
        return message("json.unterminated")
    if decoder_message.startswith("Extra data"):
        return message("json.extra")
    return message("json.other")


def read_json(path: str, origin: str) -> list[Grid]:
    import json  # (loaded when a JSON file is read)

    data = read_bytes(path, origin)
    try:
        obj = json.loads(decode(data, origin))
    except json.JSONDecodeError as exc:
        raise InputError(
            message("file.not_json", file=origin, what=_json_problem(exc.msg), line=exc.lineno, column=exc.colno),
            file=origin,
        ) from None
    if isinstance(obj, Mapping) and isinstance(obj.get("units"), list):
        records = obj["units"]
    elif isinstance(obj, list):
        records = obj
    else:
        raise InputError(
            f"{origin}: expected a list of objects (one per unit), or {{\"units\": [...]}}; "
            f"got {type(obj).__name__}" + (f" with keys {', '.join(map(repr, list(obj)[:8]))}" if isinstance(obj, Mapping) else ""),
            file=origin,
        )
    return [records_grid(records, origin, "record")]


# Excel ------------------------------------------------------------------------


