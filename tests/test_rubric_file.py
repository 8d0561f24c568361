"""Rubric files: loading, precise errors, loss-free writing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption import RubricError

from pathlib import Path

DATA = Path(__file__).parent / "data"

MINIMAL = (DATA / "rubric_minimal.toml").read_text(encoding="utf-8")


def test_load_minimal_rubric(minimal_rubric):
    r = minimal_rubric
    assert (r.region, r.edition, r.years, r.precision) == ("demo", "2015", (2015, 2016), 2)
    assert [g.id for g in r.groups] == ["infra", "app"]
    assert r.criterion("meet").rule.explain(r.criterion("meet").max) == "steps: ≥4 → 20, ≥3 → 15, ≥2 → 10, ≥1 → 5, otherwise 0"
    assert [u.name for u in r.units] == ["Sở A", "Sở B"]
    assert r.find_unit("sb").name == "Sở B"


def test_round_trip_is_loss_free(minimal_rubric):
    text = minimal_rubric.to_toml()
    again = ia.loads_rubric(text)
    assert again == minimal_rubric
    assert again.to_dict() == minimal_rubric.to_dict()
    assert again.to_toml() == text


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("max = 30\n  rule", "maks = 30\n  rule"), "groups[0].criteria[0]: missing required key(s): max"),
        (('label = "Tốt"', 'label = "Tốt"\ncolour = "green"'), "bands[0]: unknown key(s) 'colour'"),
        (("below = 80", "below = 79"), "gap between bands 'Khá' (below 79) and 'Tốt' (min 80)"),
        (('kind = "share"', 'kind = "ratio"'), "groups[0].criteria[0].rule: unknown rule kind 'ratio'; known kinds: count, points, share, share_of_best, steps, yes_no"),
        (("first_year = 2015", 'first_year = "2015"'), "first_year: expected a year such as 2018, got '2015'"),
        (('source = "s1"\n\n[[sources]]', 'source = "s2"\n\n[[sources]]'), "rubric cites unknown source 's2'; known: s1"),
        (("[[4, 20], [3, 15]", "[[3, 20], [4, 15]"), "steps rule: thresholds must be listed from the highest 'at_least' down"),
    ],
)
def test_errors_name_the_file_and_the_table(edit, message):
    old, new = edit
    assert old in MINIMAL
    with pytest.raises(RubricError) as exc:
        ia.loads_rubric(MINIMAL.replace(old, new, 1), origin="hn.toml")
    assert str(exc.value).startswith("hn.toml: ")
    assert message in str(exc.value)


def test_invalid_toml_and_missing_file(tmp_path):
    with pytest.raises(RubricError, match=r"x.toml: not valid TOML"):
        ia.loads_rubric("region = ", origin="x.toml")
    with pytest.raises(RubricError, match=r"no such rubric file"):
        ia.load_rubric(tmp_path / "nope.toml")


names = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạềởữ \"\\\n\t'=#[]", min_size=1, max_size=20).filter(
    lambda s: s.strip()
)


@settings(max_examples=60, deadline=None)
@given(
    name=names,
    maxima=st.lists(st.decimals(min_value=0, max_value=500, places=2), min_size=1, max_size=4),
    bound=st.decimals(min_value="0.01", max_value=99, places=2),
)
def test_round_trip_property(name, maxima, bound):
    groups = [ia.Group(id=f"g{i}", name=f"{name} {i}", max=m) for i, m in enumerate(maxima)]
    r = ia.Rubric(
        region="x", edition="e1", title=name, years=(2019, None), precision=2, groups=groups,
        blocs=[ia.Bloc(id="b", name=name, aliases=[name + " alias"])],
        bands=[ia.Band(label="Tốt", min=bound), ia.Band(label="Yếu", below=bound)],
        default_provenance={"assumed": name}, units=[ia.Unit(name=name, bloc="b")],
    )
    assert ia.loads_rubric(r.to_toml()) == r
