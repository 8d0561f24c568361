"""Golden and edge cases of the core: ties, exact arithmetic, band edges."""

from __future__ import annotations

import pytest

import ict_adoption as ia


def _rubric(**over) -> ia.Rubric:
    spec = dict(
        region="t",
        edition="1",
        title="test",
        years=(2015, 2016),
        precision=2,
        groups=[
            ia.Group(id="a", name="A", max="33.33"),
            ia.Group(id="b", name="B", max="33.33"),
            ia.Group(id="c", name="C", max="33.34"),
        ],
        blocs=[ia.Bloc(id="so", name="Sở, Ban, ngành"), ia.Bloc(id="huyen", name="Huyện, thành phố")],
        bands=[
            ia.Band(label="Tốt", label_en="Good", min=80),
            ia.Band(label="Khá", label_en="Fair", min=65),
            ia.Band(label="Trung bình", label_en="Average", min=50),
            ia.Band(label="Yếu", label_en="Weak"),
        ],
        default_provenance={"assumed": "test rubric"},
    )
    spec.update(over)
    return ia.Rubric(**spec)


def test_quang_nam_2015_tie_shape():
    # first, then three tied at 2, next is 5 (Sở, Ban, ngành bloc, 2015 report)
    data = {
        "unit": ["Cục Thuế", "Sở TN&MT", "Sở TT&TT", "Sở Công Thương", "Sở X", "Tam Kỳ"],
        "bloc": ["so"] * 5 + ["huyen"],
        "total": [95, 90.5, 90.5, 90.5, 88, 98],
    }
    ranking = ia.rank(_rubric(), data)
    recs = {r["unit"]: r for r in ranking.to_records()}
    assert [recs[u]["rank"] for u in data["unit"]] == [1, 2, 2, 2, 5, 1]
    assert [recs[u]["rank_label"] for u in data["unit"]] == ["1", "2=", "2=", "2=", "5", "1"]
    assert [recs[u]["tied"] for u in data["unit"]] == [False, True, True, True, False, False]
    dense = {r["unit"]: r["rank"] for r in ia.rank(_rubric(), data, "dense").to_records()}
    assert dense["Sở X"] == 3
    frac = {r["unit"]: r["rank"] for r in ia.rank(_rubric(), data, "fractional").to_records()}
    assert frac["Sở TN&MT"] == 3.0 and frac["Sở X"] == 5.0


def test_equal_only_in_exact_arithmetic_ties():
    # 33.33 + 33.33 + 33.34 = 100.00 exactly (as scaled integers 3333 + 3333 + 3334)
    data = {
        "unit": ["by groups", "by total"],
        "bloc": ["so", "so"],
        "a": [33.33, None],
        "b": [33.33, None],
        "c": [33.34, None],
        "total": [None, 100.00],
    }
    recs = ia.rank(_rubric(), data).to_records()
    assert [(r["rank"], r["tied"], r["total"]) for r in recs] == [(1, True, 100.0), (1, True, 100.0)]


def test_float_noise_does_not_split_a_tie():
    assert 0.1 + 0.2 != 0.3  # binary floats would split this tie
    rubric = _rubric(groups=[ia.Group(id="a", name="A", max=50), ia.Group(id="b", name="B", max=50)])
    recs = ia.rank(rubric, {"unit": ["x", "y"], "bloc": ["so", "so"], "a": [0.1, 0.3], "b": [0.2, 0]}).to_records()
    assert [r["rank_label"] for r in recs] == ["1=", "1="]


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (100, "Tốt"), (80, "Tốt"), (79.99, "Khá"),
        (65, "Khá"), (64.99, "Trung bình"),
        (50, "Trung bình"), (49.99, "Yếu"), (0, "Yếu"),
    ],
)
def test_band_edges_and_one_step_below(total, band):
    recs = ia.rank(_rubric(), {"unit": ["u"], "bloc": ["so"], "total": [total]}).to_records()
    assert recs[0]["band"] == band


@pytest.mark.parametrize(
    ("total", "band"),
    # bloc maximum 75: 80 % = 60.00, 65 % = 48.75, 50 % = 37.50
    [(60, "Tốt"), (59.99, "Khá"), (48.75, "Khá"), (48.74, "Trung bình"), (37.5, "Trung bình"), (37.49, "Yếu")],
)
def test_share_basis_band_edges(total, band):
    rubric = _rubric(
        groups=[ia.Group(id="g", name="G", max=100)],
        blocs=[ia.Bloc(id="so", name="Sở"), ia.Bloc(id="nho", name="Nhỏ", maxima={"g": 75})],
        band_basis="share",
    )
    recs = ia.rank(rubric, {"unit": ["u"], "bloc": ["nho"], "total": [total]}).to_records()
    assert (recs[0]["band"], recs[0]["max"]) == (band, 75.0)


def test_more_decimals_than_the_precision_is_an_error():
    with pytest.raises(ia.ScoringError, match=r"row 1, column 'total': 80.005 has more than 2 decimal"):
        ia.rank(_rubric(), {"unit": ["u"], "bloc": ["so"], "total": [80.005]})


def test_levels_that_disagree_name_unit_level_and_both_numbers():
    data = {"unit": ["Sở A"], "bloc": ["so"], "a": [30], "b": [30], "c": [30], "total": [91]}
    with pytest.raises(ia.ScoringError) as exc:
        ia.rank(_rubric(), data)
    assert str(exc.value) == (
        "row 1, column 'total': unit 'Sở A': total is 90.00 from its groups but 91.00 was given"
    )


def test_missing_policies():
    data = {"unit": ["full", "partial"], "bloc": ["so", "so"], "a": [30, 20], "b": [30, None], "c": [30, 10]}
    with pytest.raises(ia.ScoringError, match=r"row 2: unit 'partial': no total and missing points for b"):
        ia.rank(_rubric(), data)
    zero = ia.rank(_rubric(), data, missing="zero").to_records()
    assert [(r["unit"], r["total"], r["rank"]) for r in zero] == [("full", 90.0, 1), ("partial", 30.0, 2)]
    excl = ia.rank(_rubric(), data, missing="exclude").to_records()
    assert [(r["unit"], r["status"], r["rank"], r["band"]) for r in excl] == [
        ("full", "ranked", 1, "Tốt"),
        ("partial", "not_reported", None, None),
    ]
    counts = ia.rank(_rubric(), data, missing="exclude").class_counts()
    assert counts["so"] == {"Tốt": 1, "Khá": 0, "Trung bình": 0, "Yếu": 0}


def test_total_alone_is_enough_and_blank_detail_is_not_missing():
    data = {"unit": ["u"], "bloc": ["so"], "a": [None], "total": [70]}
    (rec,) = ia.rank(_rubric(), data).to_records()
    assert (rec["total"], rec["level"], rec["groups"]) == (70.0, "total", {})


def test_every_problem_is_reported_at_once():
    data = {
        "unit": ["u1", "u2", "u2"],
        "bloc": ["so", "so", "so"],
        "total": [101, "abc", 50],
    }
    with pytest.raises(ia.InputError) as exc:
        ia.rank(_rubric(), data)
    # a dict goes through the same cell reader as a file: the bad cell, and every other problem
    assert exc.value.problems == [
        "row 2, column 'total': expected a number, got 'abc'",
        "row 3, column 'unit': unit 'u2' appears twice (also row 2)",
        "row 1, column 'total': unit 'u1': total 101.00 outside 0.00..100.00 for bloc 'so'",
    ]
    data["total"] = [101, 50, 40]
    data["unit"] = ["u1", "u2", "u3"]
    with pytest.raises(ia.ScoringError, match=r"total 101.00 outside 0.00..100.00 for bloc 'so'"):
        ia.rank(_rubric(), data)


def test_bloc_given_by_name_or_id_and_unknown_bloc_lists_blocs():
    recs = ia.rank(_rubric(), {"unit": ["a", "b"], "bloc": ["SỞ, BAN,  NGÀNH", "huyen"], "total": [1, 2]}).to_records()
    assert [r["bloc"] for r in recs] == ["so", "huyen"]
    with pytest.raises(ia.InputError, match=r"unknown bloc 'Quận'; blocs of t:1: so \(Sở, Ban, ngành\); huyen"):
        ia.rank(_rubric(), {"unit": ["a"], "bloc": ["Quận"], "total": [1]})


def test_unknown_column_is_an_error_unless_ignored():
    data = {"unit": ["a"], "bloc": ["so"], "total": [1], "xyz": [2]}
    with pytest.raises(ia.InputError, match=r"unknown column\(s\) 'xyz'"):
        ia.rank(_rubric(), data)
    ranking = ia.rank(_rubric(), data, unknown_columns="ignore")
    assert ranking.scored.notes[0] == "ignored column(s): xyz"
    assert ranking.scored.notes[1:] == (  # the bloc without a row is named, not dropped silently
        "bloc 'huyen' (Huyện, thành phố) of the rubric has no rows in the input; it is not ranked (if it is "
        "assessed in another file, rank that file on its own)",
    )


def test_ordinal_tie_break_cascade_never_uses_input_order():
    data = {
        "unit": ["Sở Đ", "Sở A", "Sở B"],
        "bloc": ["so"] * 3,
        "a": [30, 20, 30],
        "b": [20, 30, 20],
        "c": [10, 10, 10],
    }
    recs = ia.rank(_rubric(), data, "ordinal").to_records()
    # group a breaks the tie first (Đ and B have 30), then the name: B before Đ
    assert [(r["unit"], r["rank"], r["tied"]) for r in recs] == [("Sở B", 1, True), ("Sở Đ", 2, True), ("Sở A", 3, True)]
    reversed_input = {k: v[::-1] for k, v in data.items()}
    assert ia.rank(_rubric(), reversed_input, "ordinal").to_records() == recs
    by_name = ia.rank(_rubric(), data, "ordinal", tie_break=["name"]).to_records()
    assert [r["unit"] for r in by_name] == ["Sở A", "Sở B", "Sở Đ"]
    # an ordinal rank is never shared, so no "="; equal totals still show as tied
    assert [(r["rank_label"], r["tied"]) for r in by_name] == [("1", True), ("2", True), ("3", True)]
    assert [r["rank_label"] for r in ia.rank(_rubric(), data).to_records()] == ["1=", "1=", "1="]


def test_text_table_shows_ties_and_exact_decimals():
    ranking = ia.rank(_rubric(), {"unit": ["x", "y", "z"], "bloc": ["so"] * 3, "total": [90.5, 90.5, 70]})
    text = ranking.table(lang="en")
    assert text.splitlines()[0] == "Sở, Ban, ngành"
    assert "1=      x       90.50    Good" in text
    assert "3       z       70.00    Fair" in text
