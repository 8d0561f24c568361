"""Comparisons of two assessments, checked by hand on small tables (rubric
tests/data/rubric_minimal.toml: bloc huyen max 90 — pcs 20, meet 20, app 50; classes
Tốt ≥ 80, Khá ≥ 65, Yếu)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.analysis import (
    AmbiguousMatchError,
    EditionsDifferWarning,
    attainment,
    compare,
)
from ict_adoption.analysis.matching import match_units
from ict_adoption.analysis.render_compare import trend_sentence
from ict_adoption.errors import InputError

# the "so" bloc is left empty in most tables here; the reader says so, which is not the point
pytestmark = pytest.mark.filterwarnings("ignore:bloc 'so'")

ROOT = Path(__file__).resolve().parents[1]
# the edition files themselves: these tests run where no region plugin is installed too
QN = ROOT / "plugins" / "quangnam" / "src" / "ict_adoption_quangnam" / "editions"
TOML = ROOT / "tests" / "data" / "rubric_minimal.toml"
RUBRIC = ia.load_rubric(TOML)


def table(units, pcs, meet, app, blocs=None):
    return {"unit": units, "bloc": blocs or ["huyen"] * len(units), "pcs": pcs, "meet": meet, "app": app}


OLD = table(["Sở A", "Sở B", "H1", "H2", "H3"], [0.5, 0.9, 1.0, 0.5, 0.6], [4, 2, 4, 2, 1], [40, 45, 45, 30, 20],
            ["so", "so", "huyen", "huyen", "huyen"])
# a year later: Sở B reports as "SB" (its roster alias), H3 is gone, H4 is new
NEW = table(["Sở A", "SB", "H1", "H2", "H4"], [0.5, 1.0, 1.0, 0.9, 0.5], [4, 3, 4, 4, 1], [42, 45, 44, 40, 10],
            ["so", "so", "huyen", "huyen", "huyen"])


def test_year_over_year_per_unit_changes_and_units_on_one_side():
    old, new = ia.rank(RUBRIC, OLD), ia.rank(RUBRIC, NEW)
    c = compare(old, new)
    assert c.basis == "points" and c.warnings == ()
    assert c.only_old == ("H3",) and c.only_new == ("H4",)  # listed, never dropped
    recs = {r["unit"]: r for r in c.unit_records()}
    assert set(recs) == {"Sở A", "Sở B", "H1", "H2"}  # "SB" found through the alias
    # H2: 10 + 10 + 30 = 50 (Yếu, 2nd) → 18 + 20 + 40 = 78 (Khá, 2nd)
    assert (recs["H2"]["old_total"], recs["H2"]["new_total"], recs["H2"]["change"]) == (50.0, 78.0, 28.0)
    assert (recs["H2"]["old_class"], recs["H2"]["new_class"], recs["H2"]["class_changed"]) == ("Yếu", "Khá", True)
    # Sở A: 15 + 20 + 40 = 75 → 77; Sở B: 27 + 10 + 45 = 82 → 30 + 15 + 45 = 90
    assert recs["Sở A"]["change"] == 2.0 and recs["Sở B"]["change"] == 8.0
    assert recs["H1"]["change"] == -1.0 and not recs["H1"]["rank_changed"]
    assert [r["unit"] for r in c.unit_records() if r["class_changed"]] == ["H2"]
    s = c.sentences()
    assert s[0] == "4 đơn vị có mặt ở cả hai kỳ: 3 tăng điểm, 1 giảm điểm."
    assert "Chỉ có ở kỳ trước: H3." in s and "Chỉ có ở kỳ sau: H4." in s
    json.dumps(c.to_dict(), ensure_ascii=False)


def test_group_changes_and_the_announcement_sentence():
    c = compare(ia.rank(RUBRIC, OLD), ia.rank(RUBRIC, NEW))
    overall = {g["group"]: g for g in c.group_changes() if g["bloc"] is None}
    # app, 4 matched units: old 40/50, 45/50, 45/50, 30/50 → mean .8; new 42, 45, 44, 40 → .855
    assert overall["app"]["old_mean"] == pytest.approx(0.8) and overall["app"]["new_mean"] == pytest.approx(0.855)
    assert overall["infra"]["change"] > 0
    assert c.sentences()[1] == "Chỉ số hạ tầng và ứng dụng đều tăng."
    rows = [{"bloc": None, "name": n, "change": d} for n, d in
            [("Hạ tầng", 0.05), ("Ứng dụng", 0.03), ("Chính sách", 0.04), ("Nhân lực", -0.01)]]
    assert trend_sentence(rows) == "Chỉ số hạ tầng, ứng dụng và chính sách đều tăng; riêng nhân lực giảm nhẹ."
    assert trend_sentence(rows, "en") == "The hạ tầng, ứng dụng and chính sách indices all rose; only nhân lực fell slightly."


def test_different_editions_warn_naming_what_differs_and_compare_shares(tmp_path):
    text = TOML.read_text(encoding="utf-8").replace('edition = "2015"', 'edition = "2017"').replace(
        'first_year = 2015\nlast_year = 2016', "first_year = 2017").replace(
        'id = "app"\nname = "Ứng dụng"\nmax = 50', 'id = "app"\nname = "Ứng dụng"\nmax = 60')
    path = tmp_path / "demo2017.toml"
    path.write_text(text, encoding="utf-8")
    r2017 = ia.load_rubric(path)
    new = ia.rank(r2017, table(["H1", "H2"], [1.0, 0.9], [4, 4], [54, 40]))
    old = ia.rank(RUBRIC, table(["H1", "H2"], [1.0, 0.5], [4, 2], [45, 30]))
    with pytest.warns(EditionsDifferWarning, match="app"):
        c = compare(old, new)
    assert c.basis == "share"
    assert any("điểm tối đa nhóm app khối huyen: 50 và 60" in w for w in c.warnings)
    assert any("maximum of bloc huyen: 90 and 100" in w for w in c.warnings)
    h1 = {r["unit"]: r for r in c.unit_records()}["H1"]
    # 85/90 → 94/100: compared on shares, not on points
    assert h1["change"] is None and h1["change_share"] == pytest.approx(0.94 - 85 / 90, abs=1e-6)


def test_two_regions_are_an_error_naming_both(tmp_path):
    text = TOML.read_text(encoding="utf-8").replace('region = "demo"', 'region = "khac"')
    path = tmp_path / "khac.toml"
    path.write_text(text, encoding="utf-8")
    other = ia.load_rubric(path)
    data = table(["H1"], [1.0], [4], [45])
    with pytest.raises(InputError, match="demo:2015 và khac:2015"):
        compare(ia.rank(RUBRIC, data), ia.rank(other, data))


def test_a_unit_matched_twice_is_an_error_naming_both_sides():
    with pytest.raises(AmbiguousMatchError, match="'Sở B'.*'SB'|'SB'.*'Sở B'"):
        match_units(["Sở B", "SB"], ["Sở B"], [RUBRIC])
    pairs, only_old, only_new, loose = match_units(["Huyen Mot"], ["Huyện Một"], [RUBRIC])
    assert pairs == [(0, 0)] and loose == [(0, 0, "diacritics")]


def test_self_assessed_vs_verified_lists_exactly_the_units_whose_class_changed():
    claimed = table(["H1", "H2", "H3", "H4"], [1.0, 0.9, 0.8, 0.5], [4, 4, 3, 2], [45, 47, 40, 30])
    granted = table(["H1", "H2", "H3", "H4"], [1.0, 0.8, 0.8, 0.5], [4, 3, 3, 2], [45, 45, 30, 30])
    # totals: H1 85 → 85 (Tốt); H2 18+20+47 = 85 → 16+15+45 = 76 (Tốt → Khá);
    #         H3 16+15+40 = 71 → 61 (Khá → Yếu); H4 10+10+30 = 50 → 50 (Yếu)
    c = compare(ia.rank(RUBRIC, claimed), ia.rank(RUBRIC, granted), kind="verification")
    assert [r["unit"] for r in c.unit_records() if r["class_changed"]] == ["H2", "H3"]
    # H1 stays 1st (its tie is gone: "1=" → "1"), H2 drops from 1= to 2
    assert [r["unit"] for r in c.unit_records() if r["rank_changed"]] == ["H2"]
    cut = c.criteria_cut()
    assert [(x["id"], x["cut"], x["units"]) for x in cut] == [("app", 12.0, 2), ("meet", 5.0, 1), ("pcs", 2.0, 1)]
    s = c.sentences()
    assert s[0] == "Thẩm định thay đổi xếp loại của H2 (Tốt → Khá) và H3 (Khá → Yếu)."
    assert s[2].startswith("Tiêu chí bị cắt điểm nhiều nhất: Ứng dụng (12,00 điểm, 2 đơn vị)")
    assert c.sentences("en")[0].startswith("The verification changed the class of H2 (")
    with pytest.raises(InputError, match="một bộ tiêu chí"):
        r2 = RUBRIC.to_dict()
        r2["edition"] = "2016"
        compare(ia.rank(RUBRIC, claimed), ia.rank(ia.Rubric.from_dict(r2), granted), kind="verification")


def test_attainment_per_bloc_and_group():
    a = attainment(ia.rank(RUBRIC, OLD))
    rec = {(x["bloc"], x["id"]): x for x in a.records()}
    # huyen app: 45, 30, 20 of 50 → .9, .6, .4
    app = rec[("huyen", "app")]
    assert app["units"] == 3 and app["median"] == pytest.approx(0.6) and app["mean"] == pytest.approx(19 / 30)
    assert (app["min"], app["max"]) == (pytest.approx(0.4), pytest.approx(0.9))
    assert "Trung vị" in a.text() and "Median" in a.text(lang="en")


def test_the_shipped_year_over_year_example():
    r = ia.load_rubric(QN / "2018.toml")
    with warnings.catch_warnings():
        warnings.simplefilter("error", EditionsDifferWarning)  # one edition: no warning
        c = compare(ia.rank(r, ROOT / "examples/compare/quangnam_2018.csv"),
                    ia.rank(r, ROOT / "examples/compare/quangnam_2019.csv"))
    assert c.only_old == ("Sở, ban, ngành minh họa 04",) and c.only_new == ("Sở, ban, ngành minh họa 05",)
    assert "riêng nguồn nhân lực CNTT giảm nhẹ" in c.sentences()[1]
