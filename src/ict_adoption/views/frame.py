"""A pandas DataFrame of a ranking (needs the ``pandas`` extra), built from its rows."""

from __future__ import annotations

from typing import Any

from ..rows import HasRows, Rows, rows_of

__all__ = ["ranking_frame"]


def ranking_frame(ranking: "Rows | HasRows") -> Any:
    """One row per unit (display order), the record keys as columns, then each group's
    and criterion's points as a column of its own (NaN where not known)."""
    try:
        import pandas as pd  # an optional extra, imported only here
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("Ranking.to_pandas() needs pandas: pip install 'ict-adoption[pandas]'") from None
    rows = rows_of(ranking)
    flat = []
    for rec in rows.records():
        item = {k: v for k, v in rec.items() if k not in ("groups", "criteria")}
        item.update(rec["groups"])
        item.update(rec.get("criteria", {}))
        flat.append(item)
    df = pd.DataFrame(flat)
    if "rank" in df and rows.method != "fractional":
        df["rank"] = df["rank"].astype("Int64")
    return df
