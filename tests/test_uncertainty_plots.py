"""The uncertainty charts show the numbers of the analysis: each unit's 5–95 % rank
interval, median and nominal rank (in its class's marker), the non-robust units starred;
each input's S1 and ST with their confidence half-widths; NaN indices drawn as no bar."""

from __future__ import annotations

import warnings
from decimal import Decimal

import numpy as np
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("SALib")

import ict_adoption as ia  # noqa: E402
from ict_adoption.plots import style  # noqa: E402
from ict_adoption.plots.uncertainty import rank_interval_chart, sensitivity_chart  # noqa: E402
from ict_adoption.uncertainty import ThresholdRange, UncertainInputs, WeightRange, sensitivity, uncertainty  # noqa: E402


def small():
    rubric = ia.Rubric(
        region="t", edition="1", title="T", years=(2020, None), precision=2,
        groups=[ia.Group(id="g0", name="Nhóm 0", max=50), ia.Group(id="g1", name="Nhóm 1", max=50)],
        blocs=[ia.Bloc(id="b0", name="Khối Sở", name_en="Departments"), ia.Bloc(id="b1", name="Khối huyện")],
        bands=[ia.Band(label="Tốt", label_en="Good", min=80), ia.Band(label="Khá", min=60), ia.Band(label="Yếu")],
        default_provenance={"assumed": "test rubric"},
    )
    rng = np.random.default_rng(4)
    n = 12
    data = {
        "unit": [f"Đơn vị {i:02d}" for i in range(n)],
        "bloc": ["b0" if i < 8 else "b1" for i in range(n)],
        "g0": [Decimal(int(x)) / 100 for x in rng.integers(2000, 5001, n)],
        "g1": [Decimal(int(x)) / 100 for x in rng.integers(2000, 5001, n)],
    }
    return rubric, data


def _by_gid(ax, gid):
    return [p for p in [*ax.patches, *ax.collections, *ax.texts] if p.get_gid() == gid]


def test_rank_interval_chart_draws_each_units_interval_median_and_nominal_rank():
    rubric, data = small()
    inputs = UncertainInputs([WeightRange("g0", "0.5", "1.5")], [ThresholdRange("Tốt", 75, 85)])
    res = uncertainty(rubric, data, inputs, samples=300, seed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing glyph for the Vietnamese labels
        fig = rank_interval_chart(res, "b0")
    ax = fig.axes[0]
    names = list(res.ranking.units[res.rows])
    pos = sorted((i for i in range(len(res.rows)) if res.ranking.scored.bloc_codes[res.rows[i]] == 0),
                 key=lambda i: (res.nominal_rank[i], names[i]))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [names[i] if res.robust[i] else f"{names[i]} *" for i in pos]
    assert any(not res.robust[i] for i in pos)  # the case has a starred unit, and the note
    assert _by_gid(ax, "not-robust-note")
    bars = _by_gid(ax, "rank-interval")
    assert len(bars) == len(pos)
    for bar, i in zip(bars, pos):
        assert bar.get_x() == pytest.approx(res.rank_low[i] - 0.15)
        assert bar.get_x() + bar.get_width() == pytest.approx(res.rank_high[i] + 0.15)
    (median,) = _by_gid(ax, "median-rank")
    np.testing.assert_allclose(median.get_offsets()[:, 0], [res.median_rank[i] for i in pos])
    drawn = {}
    for k in range(3):
        for coll in _by_gid(ax, f"nominal-rank-{k}"):
            for x, y in coll.get_offsets():
                drawn[int(y)] = (float(x), k)
    assert drawn == {j: (float(res.nominal_rank[i]), int(res.nominal_band[i])) for j, i in enumerate(pos)}
    assert "Khối Sở" in ax.get_title()
    assert style.to_bytes(fig, "png").startswith(b"\x89PNG")


def test_rank_interval_chart_english_and_bloc_choice():
    rubric, data = small()
    res = uncertainty(rubric, data, UncertainInputs([WeightRange("g0", "0.8", "1.2")]), samples=50, seed=0)
    fig = rank_interval_chart(res, "b0", lang="en")
    assert fig.axes[0].get_title() == "How robust the ranks are — Departments"
    with pytest.raises(ValueError, match="several blocs, choose one.*b0, b1"):
        rank_interval_chart(res)
    with pytest.raises(ValueError, match="'nope'.*not in the result"):
        rank_interval_chart(res, "nope")
    with pytest.raises(ValueError, match="lang"):
        rank_interval_chart(res, "b0", lang="fr")


def test_sensitivity_chart_bars_are_the_indices_with_their_intervals():
    rubric, data = small()
    inputs = UncertainInputs([WeightRange("g0", "0.5", "1.5"), WeightRange("g1", "0.9", "1.1")])
    res = sensitivity(rubric, data, inputs, n=128, seed=1)
    fig = sensitivity_chart(res)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["weight:g0", "weight:g1"]
    for key, values in (("S1", res.first[0]), ("ST", res.total[0])):
        np.testing.assert_allclose([b.get_width() for b in _by_gid(ax, f"sobol-{key}")], values)
    # the error bars: one line collection per series, segments of ± the half-width
    segs = [c for c in ax.collections if c.get_segments() and len(c.get_segments()) == 2]
    widths = sorted(round(abs(s[1][0] - s[0][0]) / 2, 9) for c in segs for s in c.get_segments())
    expected = sorted(round(float(v), 9) for v in (*res.first_conf[0], *res.total_conf[0]))
    assert widths == expected
    with pytest.raises(ValueError, match="output 'nope'"):
        sensitivity_chart(res, "nope")


def test_sensitivity_chart_of_a_constant_or_rare_output_says_so():
    rubric, data = small()
    res = sensitivity(rubric, data, UncertainInputs([], [ThresholdRange("Tốt", 75, 85)]), n=64, seed=0)
    fig = sensitivity_chart(res, lang="en")  # the rank shift never varies under thresholds
    (note,) = _by_gid(fig.axes[0], "sobol-note")
    assert note.get_text() == "the output never varies: every index is 0"
    rare = type(res)(
        names=res.names, outputs=res.outputs, first=np.full_like(res.first, np.nan),
        first_conf=np.full_like(res.first, np.nan), total=np.full_like(res.first, np.nan),
        total_conf=np.full_like(res.first, np.nan), n=res.n, seed=0, conf_level=0.95, runs=res.runs,
        notes={"class_change_share": ("rare", 1)},
    )
    fig = sensitivity_chart(rare, "class_change_share", lang="en")
    assert [b.get_width() for b in _by_gid(fig.axes[0], "sobol-S1")] == [0.0]
    (note,) = _by_gid(fig.axes[0], "sobol-note")
    assert "not estimable" in note.get_text()
