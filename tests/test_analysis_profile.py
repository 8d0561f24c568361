"""Unit profiles, checked by hand on a small table.

Rubric tests/data/rubric_minimal.toml, bloc "huyen" (max 90: pcs 20 as a share, meet 20
in steps, app 50 given directly); classes Tốt ≥ 80, Khá ≥ 65, Yếu below.

    unit  pcs        meet     app   total  rank  class
    H1    1.0 → 20   4 → 20   45    85     1     Tốt
    H2    0.9 → 18   4 → 20   40    78     2     Khá
    H3    0.5 → 10   4 → 20   42    72     3=    Khá
    H4    0.8 → 16   4 → 20   25    61     5     Yếu
    H5    0.7 → 14   4 → 20   38    72     3=    Khá

Shares of the maximum: pcs 1, .9, .5, .8, .7 (median .8); app .9, .8, .84, .5, .76
(median .8); meet is 20 for everyone, so it is never a strength or a weakness.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ict_adoption as ia

ROOT = Path(__file__).resolve().parents[1]
# the edition files themselves: these tests run where no region plugin is installed too
QN = ROOT / "plugins" / "quangnam" / "src" / "ict_adoption_quangnam" / "editions"
from ict_adoption.analysis import UnknownUnitError, profile, profiles

DATA = {
    "unit": ["Sở A", "Sở B", "H1", "H2", "H3", "H4", "H5"],
    "bloc": ["so", "so", "huyen", "huyen", "huyen", "huyen", "huyen"],
    "pcs": [0.5, 0.9, 1.0, 0.9, 0.5, 0.8, 0.7],
    "meet": [4, 2, 4, 4, 4, 4, 4],
    "app": [40, 45, 45, 40, 42, 25, 38],
}


@pytest.fixture(scope="module")
def ranking():
    return ia.rank(ia.load_rubric("tests/data/rubric_minimal.toml"), DATA)


def by_id(items):
    return {it.id: it for it in items}


def test_points_lost_shares_and_ranks_per_criterion(ranking):
    p = profile(ranking, "H4")
    assert (p.total, p.max, p.rank, p.tied, p.of) == (6100, 9000, 5, False, 5)
    assert p.band_label() == "Yếu"
    c = by_id(p.criteria)
    assert (c["pcs"].points, c["pcs"].max, c["pcs"].lost, c["pcs"].share) == (1600, 2000, 400, 0.8)
    assert (c["app"].points, c["app"].lost, c["app"].share) == (2500, 2500, 0.5)
    assert c["app"].bloc_median == pytest.approx(0.8) and c["pcs"].bloc_median == pytest.approx(0.8)
    # tie-aware ranks inside the bloc, as for the total (competition: 1, 2, 3, 3, 5)
    assert (c["pcs"].rank, c["app"].rank, c["app"].of) == (3, 5, 5)
    assert (c["meet"].rank, c["meet"].tied, c["meet"].uniform) == (1, True, True)
    g = by_id(p.groups)
    assert (g["infra"].points, g["infra"].max, g["infra"].lost, g["infra"].rank) == (3600, 4000, 400, 3)
    assert g["infra"].bloc_median == pytest.approx(0.9)


def test_weakness_next_class_and_the_unit_above(ranking):
    p = profile(ranking, "H4")
    assert [it.id for it in p.weaknesses] == ["app"]  # .5 against a median of .8
    assert p.strengths == ()  # pcs sits on the median; meet is the same for all
    assert p.next_class.points == 400 and p.rubric.bands[p.next_class.target].label == "Khá"  # 65 − 61
    assert p.above.units == ("H3", "H5") and p.above.target == 3
    assert p.above.points == 7200 - 6100 + 1  # 11.01 to pass the two units tied third
    assert [it.id for it in p.cheapest] == ["app", "pcs"]  # 25 lost, then 4 (meet: 0)
    assert [it.id for it in p.cheapest_for(p.next_class)] == ["app"]
    vi = p.sentences()
    assert "Còn thiếu 4,00 điểm để đạt loại Khá; dễ tìm nhất ở app (mất 25,00)" not in vi[0]
    assert any(s.startswith("Còn thiếu 4,00 điểm để đạt loại Khá; dễ tìm nhất ở Ứng dụng (mất 25,00)") for s in vi)
    assert any("Cần thêm 11,01 điểm để vượt H3 và H5 (hạng 3)" in s for s in vi)
    en = p.sentences("en")
    assert en[0] == "H4 ranks 5 of 5 in bloc Huyện with 61.00 of 90.00 points (67.8% of the maximum), class Yếu."
    assert any("It lacks 4.00 points for class Khá" in s for s in en)


def test_a_tied_unit_and_the_cheapest_criterion_to_pass_the_next(ranking):
    p = profile(ranking, "H3")
    assert (p.rank_label, p.tied) == ("3=", True)
    assert [it.id for it in p.weaknesses] == ["pcs"]  # .5 against .8
    assert p.next_class.points == 800  # Tốt ≥ 80
    assert p.above.units == ("H2",) and p.above.points == 601
    assert [it.id for it in p.cheapest_for(p.next_class)] == ["pcs"]  # 10 lost ≥ 8
    assert "(đồng hạng)" in p.sentences()[0]


def test_strengths_of_the_first_and_no_next_class(ranking):
    p = profile(ranking, "H1")
    assert [it.id for it in p.strengths] == ["pcs", "app"]  # +.2, then +.1 (the margin, inclusive)
    assert p.next_class is None and p.above is None
    assert "Đơn vị đã ở loại cao nhất." in p.sentences()


def test_dict_is_json_and_says_the_same(ranking):
    d = profile(ranking, "H4").to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["total"] == 61.0 and d["rank"] == 5 and d["band"] == "Yếu"
    assert d["next_class"] == {"points": 4.0, "threshold": 65.0, "class": "Khá", "cheapest": ["app"]}
    assert d["above"]["points"] == 11.01 and d["above"]["points_to_tie"] == 11.0
    assert d["weaknesses"] == ["app"]
    crit = {c["id"]: c for c in d["criteria"]}
    groups = {g["id"]: g for g in d["groups"]}
    assert set(crit) == {"pcs", "meet"} and set(groups) == {"infra", "app"}  # app has no criteria
    assert groups["app"]["lost"] == 25.0 and crit["meet"]["uniform_in_bloc"] is True
    assert profile(ranking, "H4").to_dict("en")["sentences"][0].startswith("H4 ranks 5 of 5")


def test_text_markdown_html(ranking):
    p = profile(ranking, "H4")
    text = p.text()
    assert "Ứng dụng           25,00   50,00     25,00  50,0%" in text and "5/5" in text and "1=/5" in text
    assert "25.00" in profile(ranking, "H4").text("en")  # English: a decimal point
    md = p.markdown("en")
    assert md.startswith("### H4") and "| Group / criterion" in md
    html = p.html()
    assert '<section class="ict-profile" lang="vi">' in html and "<table" in html


def test_alias_and_unknown_name_lists_the_closest_of_the_bloc(ranking):
    assert profile(ranking, "sb").unit == "Sở B"  # roster alias SB
    with pytest.raises(UnknownUnitError) as err:
        profile(ranking, "H7", bloc="huyen")
    assert "H7" in str(err.value) and err.value.candidates[0].startswith("H")
    assert set(err.value.candidates) <= {"H1", "H2", "H3", "H4", "H5"}
    assert "khối huyen" in str(err.value) and "bloc huyen" in str(err.value)


def test_every_profile_matches_its_ranking(ranking):
    every = profiles(ranking)
    assert [p.unit for p in every] == list(ranking.units)
    for p, rec in zip(every, sorted(ranking.to_records(), key=lambda r: list(ranking.units).index(r["unit"]))):
        assert p.rank_label == rec["rank_label"]


def test_totals_only_profile_still_gives_the_gaps():
    rk = ia.rank(ia.load_rubric(QN / "2015.toml"), "examples/quangnam_2015.csv")
    p = profile(rk, "Huyện Đông Giang")
    assert p.level == 0 and p.criteria[0].points is None and p.cheapest == ()
    assert p.next_class is not None and p.above is not None
    assert any("chỉ có tổng điểm" in s for s in p.sentences())
    with pytest.raises(ValueError, match="margin"):
        profiles(rk, margin=2)
