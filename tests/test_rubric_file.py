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
        (('kind = "share"', 'kind = "ratio"'), "groups[0].criteria[0].rule: unknown rule kind 'ratio'; known kinds: choice, count, points, share, share_of_best, steps, yes_no"),
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


# --------------------------------------------------------------------------- extra rule kinds

import attrs  # noqa: E402
from decimal import Decimal  # noqa: E402
from typing import ClassVar  # noqa: E402

import numpy as np  # noqa: E402

from ict_adoption.rules import Rule  # noqa: E402


@attrs.frozen
class Halves(Rule):
    """Half of the raw value, as points (a made-up rule kind)."""

    kind: ClassVar[str] = "halves"

    def points(self, raw, max_points, precision, blocs):
        return np.minimum(np.rint(raw * 10**precision / 2).astype(np.int64), max_points)

    def explain(self, max_points):
        return f"half the value, up to {max_points}"


WITH_HALVES = MINIMAL.replace('rule = { kind = "share" }', 'rule = { kind = "halves" }', 1)


@pytest.mark.parametrize("how", ["load_rubric", "loads_rubric", "Rubric.from_dict", "rubric_from_dict"])
def test_rules_extend_the_built_in_kinds_however_a_rubric_is_read(how, tmp_path):
    """One code path: an extra kind is known beside the built-in ones (``steps`` here)."""
    import tomllib

    from ict_adoption.rubric_file import rubric_from_dict

    path = tmp_path / "halves.toml"
    path.write_text(WITH_HALVES, encoding="utf-8")
    data = tomllib.loads(WITH_HALVES, parse_float=Decimal)
    read = {
        "load_rubric": lambda rules: ia.load_rubric(path, rules=rules),
        "loads_rubric": lambda rules: ia.loads_rubric(WITH_HALVES, rules=rules),
        "Rubric.from_dict": lambda rules: ia.Rubric.from_dict(data, rules=rules),
        "rubric_from_dict": lambda rules: rubric_from_dict(data, rules=rules),
    }[how]
    r = read({"halves": Halves})
    assert r.criterion("pcs").rule == Halves() and r.criterion("meet").rule.kind == "steps"
    assert ia.loads_rubric(r.to_toml(), rules={"halves": Halves}) == r
    with pytest.raises(RubricError, match=r"unknown rule kind 'halves'; known kinds: choice, count, points, share, share_of_best, steps, yes_no"):
        read(None)


def test_from_dict_names_its_origin_and_reads_what_to_dict_gives(minimal_rubric):
    data = minimal_rubric.to_dict()
    assert ia.Rubric.from_dict(data) == minimal_rubric
    with pytest.raises(RubricError, match=r"^<dict>: groups\[1\]: missing required key\(s\): name$"):
        ia.Rubric.from_dict({**data, "groups": [data["groups"][0], {"id": "app", "max": 50}]})
    with pytest.raises(RubricError, match=r"^mine: bands\[0\]: Band.label: must not be empty$"):
        ia.Rubric.from_dict({**data, "bands": [{**data["bands"][0], "label": ""}, *data["bands"][1:]]}, origin="mine")


def test_each_part_reads_and_writes_its_own_table(minimal_rubric):
    for group in minimal_rubric.groups:
        assert ia.Group.from_dict(group.to_dict()) == group
        for c in group.criteria:
            assert ia.Criterion.from_dict(c.to_dict()) == c
    for part in (*minimal_rubric.blocs, *minimal_rubric.bands, *minimal_rubric.sources, minimal_rubric.ranking):
        assert type(part).from_dict(part.to_dict()) == part
    for u in minimal_rubric.units:
        assert ia.Unit.from_dict(u.to_dict(), bloc=u.bloc) == u
    with pytest.raises(RubricError, match=r"^<dict>: unknown key\(s\) 'units'; allowed: id, name, name_en, applies"):
        ia.Bloc.from_dict({"id": "so", "name": "Sở", "units": ["A"]})


def test_dump_rubric_writes_the_file_load_rubric_reads(minimal_rubric, tmp_path):
    from ict_adoption.rubric_file import dump_rubric

    path = dump_rubric(minimal_rubric, tmp_path / "out.toml")
    assert path.read_bytes() == minimal_rubric.to_toml().encode("utf-8")
    assert ia.load_rubric(path) == minimal_rubric


# --------------------------------------------------------------------------- the TOML writer


@settings(max_examples=100, deadline=None)
@given(
    data=st.dictionaries(
        st.text(min_size=1, max_size=8),
        st.one_of(
            st.text(max_size=12), st.integers(-10**12, 10**12), st.booleans(),
            st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**6, max_value=10**6),
            st.lists(st.integers(0, 99), max_size=4),
            st.dictionaries(st.sampled_from(["a", "b-c", "d e"]), st.text(max_size=5), max_size=2),
        ),
        max_size=6,
    )
)
def test_toml_text_writes_what_tomllib_reads_back(data):
    import tomllib

    from ict_adoption import toml_text

    text = "\n".join(toml_text.table("[t]", data))
    again = tomllib.loads(text, parse_float=Decimal)["t"]
    assert again == data
    assert all(type(again[k]) is type(v) for k, v in data.items() if not isinstance(v, Decimal) or v != v.to_integral_value() or "." in str(v))


def test_toml_text_layouts():
    from ict_adoption import toml_text

    assert toml_text.value(Decimal("12.50")) == "12.50" and toml_text.value([1, "a"]) == '[1, "a"]'
    assert toml_text.key("sở") == '"sở"' and toml_text.key("pcs_1") == "pcs_1"
    assert toml_text.table("[[x]]", {"a": 1, "b": [2]}, skip=("b",), indent="  ") == ["  [[x]]", "  a = 1"]
    assert toml_text.array_lines("units", ["A", {"name": "B"}]) == ["units = [", '  "A",', '  { name = "B" },', "]"]
    with pytest.raises(TypeError, match="cannot write NoneType None to TOML"):
        toml_text.value(None)
