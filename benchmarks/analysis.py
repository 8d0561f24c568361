"""Benchmark: unit profiles and comparisons of two assessments against pandas.

Run:  python benchmarks/analysis.py                 (needs pandas: pip install -e '.[bench]')
      python benchmarks/analysis.py --units 2000 --rounds 3

A synthetic rubric of 5 groups × 4 criteria in 10 blocs, ``--units`` units (default
10,000) and two rounds of their points; in the second round 1 % of the units write
their name in another case and spacing (matched by name key, as a renamed unit is).
Both sides start from what they are given: ours from two :class:`Ranking` objects,
pandas from DataFrames of the same points (built before the timing). Candidates run
interleaved round by round; minimum and median reported, with the ratio.

* profiles — ours: ``profiles(ranking)`` (points, maxima, lost, share, tie-aware rank in
  the bloc and bloc statistics of every group and criterion of every unit), then one
  unit's profile (found by name among all units); pandas: the same per group and
  criterion — share, lost, ``groupby(bloc).rank(method="min")``, the bloc's mean,
  median, min, max, std and the share holding its most common value — then one unit's
  row by a name-key lookup.
* compare — ours: ``compare(old, new)`` (units matched by name and alias) and
  ``group_changes()``; pandas: name keys by string methods, a merge on them, change of
  total, rank and class per unit, and the mean share of each group before and after per
  bloc by ``groupby``. Then the same with the per-unit records (ours:
  ``unit_records()``, the JSON view; pandas: ``to_dict("records")``).
* match — ``match_units`` (the matching inside ``compare``) against the same matching
  done name by name with ``unit_keys`` and a dict, as it was before it was vectorised.

The results are checked equal (ranks, points lost, bloc medians, matched pairs, changes,
group means). Timings on a shared machine vary; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

import ict_adoption as ia
from ict_adoption.analysis import compare, profiles
from ict_adoption.analysis.matching import match_units

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _timing import interleaved  # noqa: E402

G, C, B = 5, 4, 10
BOUNDS = (80.0, 65.0)  # Tốt ≥ 80, Khá ≥ 65, Yếu


def make_rubric() -> ia.Rubric:
    groups = [
        ia.Group(id=f"g{g}", name=f"Nhóm {g}", max=20,
                 criteria=[ia.Criterion(id=f"c{g}_{c}", name=f"Tiêu chí {g}.{c}", max=5) for c in range(C)])
        for g in range(G)
    ]
    return ia.Rubric(
        region="bench", edition="1", title="benchmark", years=2020, precision=2, groups=groups,
        blocs=[ia.Bloc(id=f"b{i}", name=f"Khối {i}") for i in range(B)],
        bands=[ia.Band(label="Tốt", min=BOUNDS[0]), ia.Band(label="Khá", min=BOUNDS[1]), ia.Band(label="Yếu")],
        default_provenance={"assumed": "synthetic benchmark rubric"},
    )


def make_data(units: int, seed: int, renamed: float = 0.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    names = [f"Đơn vị {i:05d}" for i in range(units)]
    if renamed:
        for k in rng.choice(units, int(units * renamed), replace=False).tolist():
            names[k] = names[k].upper().replace(" ", "  ")
    data = {"unit": np.array(names), "bloc": np.array([f"b{i}" for i in range(B)])[np.arange(units) % B]}
    for g in range(G):
        for c in range(C):
            data[f"c{g}_{c}"] = rng.integers(0, 21, units) / 4  # 0 … 5 in quarter points
    return data


# ----------------------------------------------------------------------------- pandas


def frame(data: dict[str, np.ndarray]):  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.DataFrame(data)


def pandas_profiles(df, unit: str):  # type: ignore[no-untyped-def]
    import pandas as pd

    leaves = [f"c{g}_{c}" for g in range(G) for c in range(C)]
    pts = df[leaves]
    groups = pd.DataFrame({f"g{g}": pts[[f"c{g}_{c}" for c in range(C)]].sum(axis=1) for g in range(G)})
    out = {}
    for level, table, top in (("leaves", pts, 5.0), ("groups", groups, 20.0)):
        share = table / top
        lost = top - table
        by_bloc = table.groupby(df["bloc"])
        rank = by_bloc.rank(method="min", ascending=False).astype(np.int64)
        stats = share.groupby(df["bloc"]).agg(["mean", "median", "min", "max", "std"])  # std: ddof=1
        # the share of the bloc's units holding its most common value, per column
        modal = pd.DataFrame({col: share[col].groupby([df["bloc"], share[col]]).size().groupby(level=0).max()
                              for col in share.columns}) / share.groupby(df["bloc"]).size().to_numpy()[:, None]
        out[level] = (share, lost, rank, stats, modal)
    key = df["unit"].str.lower().str.replace(r"\s+", "", regex=True)
    row = int(np.flatnonzero((key == unit.lower().replace(" ", "")).to_numpy())[0])
    return out, row


def pandas_compare(old, new):  # type: ignore[no-untyped-def]
    import pandas as pd

    def prep(df):  # type: ignore[no-untyped-def]
        out = pd.DataFrame({"key": df["unit"].str.lower().str.replace(r"\s+", "", regex=True),
                            "unit": df["unit"], "bloc": df["bloc"]})
        for g in range(G):
            out[f"g{g}"] = df[[f"c{g}_{c}" for c in range(C)]].sum(axis=1)
        out["total"] = out[[f"g{g}" for g in range(G)]].sum(axis=1)
        out["rank"] = out.groupby("bloc")["total"].rank(method="min", ascending=False).astype(np.int64)
        out["cls"] = np.where(out["total"] >= BOUNDS[0], 0, np.where(out["total"] >= BOUNDS[1], 1, 2))
        out["row"] = np.arange(len(out))
        return out

    a, b = prep(old), prep(new)
    m = a.merge(b, on="key", suffixes=("_old", "_new"), how="outer", indicator=True)
    both = m[m["_merge"] == "both"].sort_values("row_old")
    units = pd.DataFrame({
        "old_row": both["row_old"].astype(np.int64), "new_row": both["row_new"].astype(np.int64),
        "change": both["total_new"] - both["total_old"],
        "rank_changed": both["rank_new"] != both["rank_old"], "class_changed": both["cls_new"] != both["cls_old"],
    })
    shares = pd.DataFrame({"bloc": both["bloc_new"]})
    for g in range(G):
        shares[f"old_g{g}"] = both[f"g{g}_old"] / 20.0
        shares[f"new_g{g}"] = both[f"g{g}_new"] / 20.0
    groups = shares.groupby("bloc").mean()
    only_old = int((m["_merge"] == "left_only").sum())
    only_new = int((m["_merge"] == "right_only").sum())
    return units, groups, only_old, only_new


# ----------------------------------------------------------------------------- ours


def ours_profiles(ranking: ia.Ranking, unit: str):  # type: ignore[no-untyped-def]
    every = profiles(ranking)
    return every, every.unit(unit)


def ours_compare(old: ia.Ranking, new: ia.Ranking, records: bool = True):  # type: ignore[no-untyped-def]
    c = compare(old, new)
    changes = c.group_changes()
    return c, c.unit_records() if records else None, changes


def pandas_compare_records(old, new):  # type: ignore[no-untyped-def]
    units, groups, only_old, only_new = pandas_compare(old, new)
    return units, groups, only_old, only_new, units.to_dict("records")


def plain_match(old_units, new_units, rubrics):  # type: ignore[no-untyped-def]
    """The matching as it was before it was vectorised: key sets name by name, a dict."""
    from ict_adoption.analysis.matching import unit_keys

    index: dict[str, list[int]] = {}
    for j, u in enumerate(new_units):
        for k in unit_keys(u, rubrics):
            index.setdefault(k, []).append(j)
    pairs = []
    for i, u in enumerate(old_units):
        hits = sorted({j for k in unit_keys(u, rubrics) for j in index.get(k, [])})
        if len(hits) == 1:
            pairs.append((i, hits[0]))
    return pairs


# ----------------------------------------------------------------------------- checks


def check_profiles(ours, theirs) -> bool:  # type: ignore[no-untyped-def]
    every, one = ours
    levels, row = theirs
    ok = one.unit == str(every.ranking.units[row])
    for name, lv in (("leaves", every.leaves), ("groups", every.groups)):
        share, lost, rank, stats, modal = levels[name]
        scale = 10 ** every.ranking.rubric.precision
        ok &= bool(np.array_equal(lv.rank, rank.to_numpy()))
        ok &= bool(np.array_equal(lv.lost, np.rint(lost.to_numpy() * scale).astype(np.int64)))
        ok &= bool(np.allclose(lv.share, share.to_numpy()))
        blocs = [f"b{i}" for i in range(B)]
        for j, col in enumerate(share.columns):
            st, theirs = lv.stats[j], stats[col].loc[blocs]
            n = st.count
            ok &= bool(np.allclose(st.median, theirs["median"]) and np.allclose(st.mean, theirs["mean"]))
            ok &= bool(np.allclose(st.min, theirs["min"]) and np.allclose(st.max, theirs["max"]))
            ok &= bool(np.allclose(st.std * np.sqrt(n / (n - 1)), theirs["std"]))  # ours: population std
            ok &= bool(np.allclose(st.modal_share, modal[col].loc[blocs]))
    return ok


def check_compare(ours, theirs) -> bool:  # type: ignore[no-untyped-def]
    c, records, groups = ours
    units, g_means, only_old, only_new = theirs
    ok = np.array_equal(c.old_rows, units["old_row"].to_numpy()) and np.array_equal(c.new_rows, units["new_row"].to_numpy())
    ok &= len(c.only_old) == only_old and len(c.only_new) == only_new
    ok &= bool(np.allclose([r["change"] for r in records], units["change"].to_numpy()))
    ok &= [r["rank_changed"] for r in records] == units["rank_changed"].tolist()
    ok &= [r["class_changed"] for r in records] == units["class_changed"].tolist()
    for gc in groups:
        if gc["bloc"] is None:
            continue
        ok &= bool(np.isclose(gc["old_mean"], g_means.loc[gc["bloc"], f"old_{gc['group']}"], atol=1e-6))
        ok &= bool(np.isclose(gc["new_mean"], g_means.loc[gc["bloc"], f"new_{gc['group']}"], atol=1e-6))
    return bool(ok)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--units", type=int, default=10_000)
    p.add_argument("--rounds", type=int, default=5)
    a = p.parse_args(argv)
    rubric = make_rubric()
    d_old, d_new = make_data(a.units, 1), make_data(a.units, 2, renamed=0.01)
    old, new = ia.rank(rubric, d_old), ia.rank(rubric, d_new)
    f_old, f_new = frame(d_old), frame(d_new)
    target = f"Đơn vị {a.units - 1:05d}"
    old_names, new_names = list(old.units), list(new.units)
    old_blocs, new_blocs = old.scored.blocs, new.scored.blocs
    rubrics = [new.rubric, old.rubric]
    t = interleaved({
        "profiles": lambda: ours_profiles(old, target),
        "pandas profiles": lambda: pandas_profiles(f_old, target),
        "compare": lambda: ours_compare(old, new, records=False),
        "pandas compare": lambda: pandas_compare(f_old, f_new),
        "records": lambda: ours_compare(old, new),
        "pandas records": lambda: pandas_compare_records(f_old, f_new),
        "match": lambda: match_units(old_names, new_names, rubrics, old_blocs, new_blocs),
        "plain match": lambda: plain_match(old_names, new_names, rubrics),
    }, a.rounds)
    print(f"{a.units:,} units, {G} groups × {C} criteria, {B} blocs; {a.rounds} interleaved rounds (shared machine)")
    # the ratio on our lines: pandas' time / ours (above 1: ours is faster)
    print(t.line("profiles", "profiles() + one unit's profile", "pandas profiles"))
    print(t.line("pandas profiles", "pandas: the same arrays + lookup"))
    print(t.line("compare", "compare() + group_changes()", "pandas compare"))
    print(t.line("pandas compare", "pandas: keys, merge, changes, groupby"))
    print(t.line("records", "+ unit_records() (one dict per unit)", "pandas records"))
    print(t.line("pandas records", "pandas: + DataFrame.to_dict('records')"))
    print(t.line("match", "match_units() (inside compare)", "plain match"))
    print(t.line("plain match", "the same matching name by name (before)"))
    same_p = check_profiles(t.results["profiles"], t.results["pandas profiles"])
    same_c = check_compare(t.results["records"], t.results["pandas records"][:4])
    print(f"  profiles equal pandas' (ranks, points lost, shares, bloc statistics): {'yes' if same_p else 'NO'}")
    print(f"  comparison equal pandas' (pairs, one-side counts, changes, group means): {'yes' if same_c else 'NO'}")
    same_m = t.results["match"][0] == t.results["plain match"]
    print(f"  vectorised matching equal the name-by-name loop's pairs: {'yes' if same_m else 'NO'}")
    return 0 if same_p and same_c and same_m else 1


if __name__ == "__main__":
    raise SystemExit(main())
