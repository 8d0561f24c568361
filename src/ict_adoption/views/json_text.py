"""JSON: the records of a ranking (the DESIGN.md contract), written a column at a time.

``json.dumps(records, ensure_ascii=False, indent=2)`` encodes with the pure-Python
encoder whenever ``indent`` is given: a ranking of 100,000 units takes seconds. The
records have a fixed shape, so :func:`records_json` encodes each *column* once (strings
through the standard library's C string encoder, floats as ``json`` writes them:
``float.__repr__``) and lays the records out exactly as ``json.dumps`` with
``indent=2`` does — the same text, byte for byte (a test checks it against
``json.dumps`` on generated rankings).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

import numpy as np

from ..rows import HasRows, Rows, edition_keys, rows_of
from ..scoring import LEVELS

__all__ = ["records_json"]

_RANKED, _NOT_REPORTED = '"ranked"', '"not_reported"'


def _enc(value: Any) -> str:
    """One scalar as ``json.dumps`` writes it (str, int, float, bool, None)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, float):
        return json.dumps(value)  # NaN/Infinity as json writes them (never in a ranking)
    return int.__repr__(value)


def _floats(rows: Rows, points: Any, known: Any) -> list[str]:
    """Scaled points as the JSON of :meth:`Rows.values` (``null`` where unknown)."""
    return ["null" if v is None else float.__repr__(v) for v in rows.values(points, known)]


def records_json(ranking: "Rows | HasRows") -> str:
    """``json.dumps(rows.records(), ensure_ascii=False, indent=2)``, a column at a time."""
    rows = rows_of(ranking)
    n = len(rows)
    if n == 0:
        return "[]"
    r = rows.rubric
    group_ids = [g.id for g in r.groups]
    is_group = set(group_ids)
    leaf_ids = r.scored_ids
    crit_cols = [j for j, x in enumerate(leaf_ids) if x not in is_group]
    unit = [encode_basestring(u) for u in rows.unit.tolist()]
    blocs = [(encode_basestring(b.id), encode_basestring(b.name)) for b in r.blocs]
    bands = [(encode_basestring(b.label), encode_basestring(b.label_en or b.label)) for b in r.bands]
    totals = _floats(rows, rows.total, rows.reported)
    maxima = _floats(rows, rows.bloc_max, np.ones(n, bool))
    ranks = [_enc(v) for v in rows.rank_values]
    labels = [encode_basestring(x) for x in rows.rank_labels]
    levels = [encode_basestring(x) for x in LEVELS]
    # "key": value pieces of the nested objects, per column ("" where not known)
    groups = [
        [f'      {encode_basestring(gid)}: {v}' if v != "null" else "" for v in _floats(rows, rows.group_points[:, g], rows.group_known[:, g])]
        for g, gid in enumerate(group_ids)
    ]
    crits = [
        [f'      {encode_basestring(leaf_ids[j])}: {v}' if v != "null" else "" for v in _floats(rows, rows.leaf_points[:, j], rows.leaf_known[:, j])]
        for j in crit_cols
    ]
    notes = rows.notes
    tail = "".join(f',\n    {encode_basestring(key)}: {encode_basestring(text)}' for key, text in edition_keys(r).items())
    out = []
    for k, (code, ok, band, tied, level) in enumerate(
        zip(rows.bloc_code.tolist(), rows.reported.tolist(), rows.band.tolist(), rows.tied.tolist(), rows.level.tolist())
    ):
        bloc_id, bloc_name = blocs[code]
        band_vi, band_en = bands[band] if ok else ("null", "null")
        record = (
            f'  {{\n    "unit": {unit[k]},\n    "bloc": {bloc_id},\n    "bloc_name": {bloc_name},\n'
            f'    "total": {totals[k]},\n    "max": {maxima[k]},\n    "rank": {ranks[k]},\n'
            f'    "rank_label": {labels[k]},\n    "tied": {"true" if tied else "false"},\n'
            f'    "band": {band_vi},\n    "band_en": {band_en},\n'
            f'    "status": {_RANKED if ok else _NOT_REPORTED},\n'
            f'    "level": {levels[level]},\n    "groups": {_object([col[k] for col in groups])}'
        )
        if crits:
            crit = _object([col[k] for col in crits])
            if crit != "{}":
                record += f',\n    "criteria": {crit}'
        note = notes[k] if notes is not None else None
        if note:
            record += f',\n    "note": {encode_basestring(note)}'
        out.append(record + tail + "\n  }")
    return "[\n" + ",\n".join(out) + "\n]"


def _object(items: list[str]) -> str:
    """A nested object of ``indent=2`` JSON from its ``"key": value`` lines (blank: left out)."""
    present = [x for x in items if x]
    return "{\n" + ",\n".join(present) + "\n    }" if present else "{}"
