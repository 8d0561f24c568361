"""Plugin machinery: discovery, selection, validation, conflicts, merging, provenance.

Every test builds its own registry from in-test plugin objects (or from distributions
written to ``tmp_path``) and small rubric files: nothing here depends on what happens
to be installed.
"""

from __future__ import annotations

import importlib.metadata as metadata
import textwrap
import uuid
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import attrs
import numpy as np
import pytest

import ict_adoption as ia
from ict_adoption import plugins
from ict_adoption.model import Band, Bloc, Criterion, Group
from ict_adoption.plugins import PluginInfo, Selection
from ict_adoption.registry import Region, Registry
from ict_adoption.rules import PointsRule, Rule

# ----------------------------------------------------------------------------- helpers

EDITION = """\
region = "{region}"
edition = "{edition}"
title = "Quy định {edition} của {region}"
first_year = {first}
{last}
precision = 2
source = "qd"

[[sources]]
id = "qd"
title = "Quyết định ban hành bộ tiêu chí"
number = "{edition}/QĐ-UBND"

[[groups]]
id = "infra"
name = "Hạ tầng kỹ thuật"
max = 40
  [[groups.criteria]]
  id = "pcs"
  name = "Tỷ lệ máy tính"
  max = 25
  rule = {{ kind = "{rule}" }}
  [[groups.criteria]]
  id = "net"
  name = "Kết nối mạng"
  max = 15

[[groups]]
id = "apps"
name = "Ứng dụng CNTT"
max = 60
assumed = "points not published"

[[blocs]]
id = "so"
name = "Sở, ngành"

[[blocs]]
id = "huyen"
name = "Huyện"

[[bands]]
label = "Tốt"
min = 80
[[bands]]
label = "Khá"
min = 65
[[bands]]
label = "Yếu"
"""


def edition(
    tmp_path: Path,
    region: str = "songlam",
    ed: str = "2024",
    first: int = 2024,
    last: int | None = None,
    rule: str = "share",
) -> Path:
    path = tmp_path / f"{region}-{ed}.toml"
    text = EDITION.format(
        region=region, edition=ed, first=first, last="" if last is None else f"last_year = {last}", rule=rule
    )
    path.write_text(text, encoding="utf-8")
    return path


def plugin(**hooks: object) -> SimpleNamespace:
    """A plugin object whose attributes are hook implementations."""
    return SimpleNamespace(**{name: ia.hookimpl(f) for name, f in hooks.items()})


def region_plugin(code: str, *editions: object, name: str | None = None) -> SimpleNamespace:
    return plugin(ict_adoption_regions=lambda: [Region(code, name or f"Tỉnh {code}", f"{code} province", editions)])


def info(name: str, dist: str | None = None, version: str = "1.0") -> PluginInfo:
    return PluginInfo(name, dist or f"ict-adoption-{name}", version if dist != "" else None)


BONUS = Group(
    "bonus",
    "Điểm thưởng",
    max=5,
    kind="bonus",
    criteria=[Criterion("award", "Giải thưởng", max=5)],
)


# ----------------------------------------------------------------------------- selection


@pytest.mark.parametrize(
    "text, expected",
    [
        (None, {"a": True, "b": True, "c": True}),
        ("", {"a": False, "b": False, "c": False}),
        (" , ", {"a": False, "b": False, "c": False}),
        ("a", {"a": True, "b": False, "c": False}),
        (" a , c ", {"a": True, "b": False, "c": True}),
        ("-b", {"a": True, "b": False, "c": True}),
        ("a,b,-b", {"a": True, "b": False, "c": False}),
    ],
)
def test_selection_syntax(text: str | None, expected: dict[str, bool]) -> None:
    sel = Selection.parse(text)
    assert {name: name in sel for name in expected} == expected


# ----------------------------------------------------------------------------- discovery


def make_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dist: str, version: str, modules: dict[str, str]
) -> list[metadata.EntryPoint]:
    """Write an installed distribution (dist-info + modules) under ``tmp_path``.

    ``modules`` maps entry-point names to module source; module names are made unique
    so that nothing is shared with other tests through ``sys.modules``.
    """
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    lines = ["[ict_adoption]"]
    for ep_name, source in modules.items():
        module = f"plug_{ep_name}_{uuid.uuid4().hex[:8]}"
        (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        lines.append(f"{ep_name} = {module}")
    info_dir = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info_dir.mkdir()
    (info_dir / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info_dir / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    found = [
        ep
        for d in metadata.distributions(path=[str(site)])
        if d.metadata["Name"] == dist
        for ep in d.entry_points
        if ep.group == "ict_adoption"
    ]
    assert found, "the test distribution was not written correctly"
    return found


def regions_module(code: str, path: Path) -> str:
    return f"""
        from ict_adoption import Region, hookimpl

        @hookimpl
        def ict_adoption_regions():
            return [Region({code!r}, "Tỉnh {code}", "{code} province", [{str(path)!r}])]
    """


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[metadata.EntryPoint]:
    """Three installed plugins: alpha and beta (one distribution), gamma (another)."""
    eps = make_distribution(
        tmp_path,
        monkeypatch,
        "ict-adoption-ab",
        "2.1.0",
        {
            "alpha": regions_module("alpha", edition(tmp_path, "alpha")),
            "beta": regions_module("beta", edition(tmp_path, "beta")),
        },
    )
    eps += make_distribution(
        tmp_path, monkeypatch, "ict-adoption-gamma", "0.3", {"gamma": regions_module("gamma", edition(tmp_path, "gamma"))}
    )
    return eps


def codes(registry: Registry) -> list[str]:
    return [r.code for r in registry.regions()]


def test_discover_reads_entry_points_with_their_distribution(installed: list[metadata.EntryPoint]) -> None:
    registry = Registry.discover(None, entry_points=installed)
    assert registry.errors == ()
    assert codes(registry) == ["alpha", "beta", "gamma"]
    gamma = registry.region("gamma").plugin
    assert (gamma.name, gamma.distribution, gamma.version) == ("gamma", "ict-adoption-gamma", "0.3")


def test_environment_variable_unset_means_all(
    installed: list[metadata.EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ICT_ADOPTION_PLUGINS", raising=False)
    monkeypatch.setattr(plugins.metadata, "entry_points", lambda group: [e for e in installed if e.group == group])
    assert codes(Registry.discover()) == ["alpha", "beta", "gamma"]


def test_environment_variable_empty_means_none(
    installed: list[metadata.EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICT_ADOPTION_PLUGINS", "")
    registry = Registry.discover(entry_points=installed)
    assert registry.regions() == [] and registry.errors == ()
    with pytest.raises(ia.RegionNotFound, match=r"ICT_ADOPTION_PLUGINS='' selects no plugin"):
        registry.rubric("alpha", 2024)


def test_environment_variable_selects_by_name(
    installed: list[metadata.EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICT_ADOPTION_PLUGINS", "gamma, alpha")
    assert codes(Registry.discover(entry_points=installed)) == ["alpha", "gamma"]
    monkeypatch.setenv("ICT_ADOPTION_PLUGINS", "-alpha")
    assert codes(Registry.discover(entry_points=installed)) == ["beta", "gamma"]


def test_select_argument_overrides_the_environment(
    installed: list[metadata.EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICT_ADOPTION_PLUGINS", "")
    assert codes(Registry.discover("beta", entry_points=installed)) == ["beta"]


def test_selecting_a_plugin_that_is_not_installed_is_an_error(installed: list[metadata.EntryPoint]) -> None:
    registry = Registry.discover("alpha,hue", entry_points=installed)
    assert codes(registry) == ["alpha"]
    [err] = registry.errors
    assert "selects plugin 'hue'" in str(err)
    assert "installed: alpha, beta, gamma" in str(err)
    with pytest.raises(ia.PluginError, match="selects plugin 'hue'"):
        registry.rubric("hue", 2024)


def test_plugin_raising_on_import_names_plugin_and_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed: list[metadata.EntryPoint]
) -> None:
    broken = make_distribution(
        tmp_path, monkeypatch, "ict-adoption-hue", "0.9.1", {"hue": "raise RuntimeError('rubric table missing')\n"}
    )
    registry = Registry.discover(None, entry_points=installed + broken)
    assert codes(registry) == ["alpha", "beta", "gamma"]  # the others stay usable
    [err] = registry.errors
    assert isinstance(err, ia.PluginError)
    message = str(err)
    assert "plugin 'hue' (ict-adoption-hue 0.9.1) failed to load" in message
    assert "RuntimeError: rubric table missing" in message
    assert isinstance(err.__cause__, RuntimeError)
    assert [p.name for p in err.plugins] == ["hue"]
    # asking for the broken plugin's region gives its error, not "unknown region"
    with pytest.raises(ia.PluginError) as caught:
        registry.rubric("hue", 2024)
    assert caught.value is err
    assert registry.rubric("alpha", 2024).region == "alpha"


def test_entry_point_whose_load_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class ExplodingEntryPoint(metadata.EntryPoint):
        def load(self):  # type: ignore[no-untyped-def]
            raise ImportError("No module named 'numpy_fake'")

    good = SimpleNamespace(**vars(region_plugin("alpha", edition(tmp_path, "alpha"))))
    monkeypatch.setitem(__import__("sys").modules, "good_plugin_for_test", good)
    eps = [
        ExplodingEntryPoint("bad", "bad_plugin_for_test", "ict_adoption"),
        metadata.EntryPoint("alpha", "good_plugin_for_test", "ict_adoption"),
    ]
    registry = Registry.discover(None, entry_points=eps)
    assert codes(registry) == ["alpha"]
    [err] = registry.errors
    assert str(err) == (
        "plugin 'bad' (no distribution) failed to load 'bad_plugin_for_test': "
        "ImportError: No module named 'numpy_fake'"
    )


def test_two_distributions_with_the_same_plugin_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = make_distribution(tmp_path, monkeypatch, "dist-one", "1", {"alpha": regions_module("alpha", edition(tmp_path, "alpha"))})
    two = make_distribution(tmp_path, monkeypatch, "dist-two", "2", {"alpha": regions_module("alpha", edition(tmp_path, "alpha"))})
    registry = Registry.discover(None, entry_points=one + two)
    [err] = registry.errors
    assert "plugin name 'alpha'" in str(err) and "dist-one 1" in str(err) and "dist-two 2" in str(err)
    with pytest.raises(ia.PluginError):
        registry.rubric("alpha", 2024)


# ----------------------------------------------------------------------------- hook validation


def test_misspelled_hook_fails_loudly_and_alone(tmp_path: Path) -> None:
    typo = plugin(ict_adoption_region=lambda: [Region("beta", "Tỉnh Beta", None, [edition(tmp_path, "beta")])])
    registry = Registry.from_plugins(
        [(info("alpha"), region_plugin("alpha", edition(tmp_path, "alpha"))), (info("beta"), typo)]
    )
    assert codes(registry) == ["alpha"]
    [err] = registry.errors
    assert str(err) == (
        "plugin 'beta' (ict-adoption-beta 1.0): unknown hook 'ict_adoption_region'; "
        "did you mean 'ict_adoption_regions'?"
    )
    with pytest.raises(ia.PluginError, match="unknown hook"):
        registry.rubric("beta", 2024)


def test_hook_with_an_argument_the_spec_lacks(tmp_path: Path) -> None:
    bad = plugin(ict_adoption_groups=lambda rubric, year: [])
    registry = Registry.from_plugins([("bad", bad), ("alpha", region_plugin("alpha", edition(tmp_path, "alpha")))])
    [err] = registry.errors
    assert "plugin 'bad' (no distribution): invalid hook implementation" in str(err)
    assert "year" in str(err)
    assert codes(registry) == ["alpha"]


def test_undecorated_hook_function_is_an_error(tmp_path: Path) -> None:
    forgot = SimpleNamespace(ict_adoption_regions=lambda: [])  # no @hookimpl
    registry = Registry.from_plugins([("forgot", forgot)])
    [err] = registry.errors
    assert "'ict_adoption_regions' are not decorated with @ict_adoption.hookimpl" in str(err)


def test_hook_wrappers_are_rejected() -> None:
    def wrapper():  # pragma: no cover - never called
        yield

    wrapped = SimpleNamespace(ict_adoption_regions=ia.hookimpl(wrapper=True)(wrapper))
    registry = Registry.from_plugins([("wrapped", wrapped)])
    [err] = registry.errors
    assert "is a wrapper" in str(err)


# ----------------------------------------------------------------------------- failures stay local


def test_regions_hook_raising(tmp_path: Path) -> None:
    def boom():
        raise KeyError("config")

    registry = Registry.from_plugins(
        [(info("alpha"), region_plugin("alpha", edition(tmp_path, "alpha"))), (info("hue"), plugin(ict_adoption_regions=boom))]
    )
    assert codes(registry) == ["alpha"]
    [err] = registry.errors
    assert str(err) == "plugin 'hue' (ict-adoption-hue 1.0): ict_adoption_regions raised KeyError: 'config'"
    assert isinstance(err.__cause__, KeyError)


def test_contribution_hook_raising_takes_down_only_that_region(tmp_path: Path) -> None:
    def groups(rubric):
        if rubric.region == "beta":
            raise ValueError("no bonus table for beta")
        return [BONUS]

    registry = Registry.from_plugins(
        [
            (info("alpha"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("beta"), region_plugin("beta", edition(tmp_path, "beta"))),
            (info("extra"), plugin(ict_adoption_groups=groups)),
        ]
    )
    assert codes(registry) == ["alpha"]
    assert "bonus" in [g.id for g in registry.rubric("alpha", 2024).groups]
    [err] = registry.errors
    assert str(err) == (
        "plugin 'extra' (ict-adoption-extra 1.0): ict_adoption_groups for beta:2024 raised "
        "ValueError: no bonus table for beta"
    )
    assert err.region == "beta"
    with pytest.raises(ia.PluginError) as caught:
        registry.rubric("beta", 2024)
    assert caught.value is err


@pytest.mark.parametrize(
    "hooks, expected",
    [
        ({"ict_adoption_regions": lambda: "alpha"}, "ict_adoption_regions returned str 'alpha'; expected a list of Region objects"),
        ({"ict_adoption_regions": lambda: [{"code": "x"}]}, "returned dict {'code': 'x'}; expected Region objects"),
        ({"ict_adoption_scoring_rules": lambda: [PointsRule()]}, "expected subclasses of ict_adoption.rules.Rule"),
        ({"ict_adoption_groups": lambda rubric: ["bonus"]}, "ict_adoption_groups for alpha:2024 returned str 'bonus'; expected Group objects"),
        ({"ict_adoption_blocs": lambda rubric: Bloc("xa", "Xã")}, "ict_adoption_blocs for alpha:2024 returned Bloc"),
        ({"ict_adoption_maxima": lambda rubric: [("pcs", 20)]}, "expected a mapping {id: max}"),
        ({"ict_adoption_maxima": lambda rubric: {"pcs": "lots"}}, "max of 'pcs': expected a number, got 'lots'"),
        ({"ict_adoption_maxima": lambda rubric: {"nope": 3}}, "'nope' is not a criterion nor a group without criteria; known: pcs, net, apps"),
        ({"ict_adoption_maxima": lambda rubric: {"infra": 3}}, "(a group with criteria: set its criteria's maxima instead)"),
        ({"ict_adoption_maxima": lambda rubric: {"pcs": -1}}, "expected a maximum >= 0"),
        ({"ict_adoption_bands": lambda rubric: []}, "returned no bands; return None to keep the edition's"),
        ({"ict_adoption_bands": lambda rubric: [Band("Tốt", 50), Band("Khá", 80), Band("Yếu")]}, "bands out of order"),
        ({"ict_adoption_editions": lambda region: [42]}, "ict_adoption_editions for region 'alpha': Region.editions: expected rubric-file paths"),
    ],
)
def test_invalid_data_names_the_plugin(tmp_path: Path, hooks: dict[str, object], expected: str) -> None:
    registry = Registry.from_plugins(
        [(info("alpha"), region_plugin("alpha", edition(tmp_path, "alpha"))), (info("bad", "bad-dist", "3.2"), plugin(**hooks))]
    )
    assert registry.errors, "invalid data was accepted"
    message = str(registry.errors[0])
    assert message.startswith("plugin 'bad' (bad-dist 3.2)"), message
    assert expected in message


def test_invalid_rubric_file_names_plugin_and_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(edition(tmp_path, "beta").read_text(encoding="utf-8").replace('title = "Quy', 'titel = "Quy'), encoding="utf-8")
    registry = Registry.from_plugins(
        [(info("alpha"), region_plugin("alpha", edition(tmp_path, "alpha"))), (info("beta"), region_plugin("beta", bad))]
    )
    assert codes(registry) == ["alpha"]
    [err] = registry.errors
    assert str(err).startswith(f"plugin 'beta' (ict-adoption-beta 1.0): ict_adoption_regions: edition of region 'beta' is invalid: {bad}:")
    assert "missing required key(s): title" in str(err)
    assert isinstance(err.__cause__, ia.RubricError)


def test_missing_rubric_file(tmp_path: Path) -> None:
    registry = Registry.from_plugins([("beta", region_plugin("beta", tmp_path / "nope.toml"))])
    assert "no such rubric file" in str(registry.errors[0])


def test_edition_of_another_region(tmp_path: Path) -> None:
    registry = Registry.from_plugins([("beta", region_plugin("beta", edition(tmp_path, "alpha")))])
    assert "belongs to region 'alpha', not 'beta'" in str(registry.errors[0])


def test_unknown_rule_kind_in_edition(tmp_path: Path) -> None:
    registry = Registry.from_plugins([("beta", region_plugin("beta", edition(tmp_path, "beta", rule="per_capita")))])
    assert "unknown rule kind 'per_capita'" in str(registry.errors[0])


# ----------------------------------------------------------------------------- conflicts name both


def conflict_message(registry: Registry) -> str:
    assert len(registry.errors) == 1, registry.errors
    err = registry.errors[0]
    assert [p.name for p in err.plugins] == ["one", "two"], str(err)
    return str(err)


def test_same_region_from_two_plugins(tmp_path: Path) -> None:
    registry = Registry.from_plugins(
        [
            (info("one"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("two"), region_plugin("alpha", edition(tmp_path, "alpha", "2030", 2030))),
            (info("three"), region_plugin("gamma", edition(tmp_path, "gamma"))),
        ]
    )
    assert conflict_message(registry) == (
        "region 'alpha' is registered by two plugins: plugin 'one' (ict-adoption-one 1.0) and "
        "plugin 'two' (ict-adoption-two 1.0); uninstall one, or select one with ICT_ADOPTION_PLUGINS"
    )
    assert codes(registry) == ["gamma"]
    with pytest.raises(ia.PluginError, match="registered by two plugins"):
        registry.rubric("alpha", 2024)


def test_same_group_id_as_the_edition_file(tmp_path: Path) -> None:
    clash = Group("apps", "Ứng dụng khác", max=10)
    registry = Registry.from_plugins(
        [(info("one"), region_plugin("alpha", edition(tmp_path, "alpha"))), (info("two"), plugin(ict_adoption_groups=lambda rubric: [clash]))]
    )
    assert conflict_message(registry) == (
        "alpha:2024: id 'apps' is contributed twice: by plugin 'one' (ict-adoption-one 1.0) "
        "(group 'apps' in the edition file) and by plugin 'two' (ict-adoption-two 1.0) (group 'apps')"
    )


def test_same_group_id_from_two_plugins(tmp_path: Path) -> None:
    registry = Registry.from_plugins(
        [
            (info("base"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("one"), plugin(ict_adoption_groups=lambda rubric: [BONUS])),
            (info("two"), plugin(ict_adoption_groups=lambda rubric: [Group("bonus", "Thưởng", max=3, kind="bonus")])),
        ]
    )
    assert "id 'bonus' is contributed twice" in conflict_message(registry)


def test_same_criterion_id_from_two_plugins(tmp_path: Path) -> None:
    other = Group("extra", "Thêm", criteria=[Criterion("award", "Giải", max=2)], kind="bonus")
    registry = Registry.from_plugins(
        [
            (info("base"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("one"), plugin(ict_adoption_groups=lambda rubric: [BONUS])),
            (info("two"), plugin(ict_adoption_groups=lambda rubric: [other])),
        ]
    )
    message = conflict_message(registry)
    assert "id 'award' is contributed twice" in message and "(criterion 'award')" in message


def test_same_bloc_from_two_plugins(tmp_path: Path) -> None:
    registry = Registry.from_plugins(
        [
            (info("base"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("one"), plugin(ict_adoption_blocs=lambda rubric: [Bloc("xa", "Phường, xã")])),
            (info("two"), plugin(ict_adoption_blocs=lambda rubric: [Bloc("phuong", "Phường,  Xã")])),
        ]
    )
    message = conflict_message(registry)
    assert "bloc id or name 'Phường, Xã' is contributed twice" in message


def test_bloc_id_of_the_edition_file(tmp_path: Path) -> None:
    registry = Registry.from_plugins(
        [(info("one"), region_plugin("alpha", edition(tmp_path, "alpha"))), (info("two"), plugin(ict_adoption_blocs=lambda rubric: [Bloc("so", "Sở")]))]
    )
    assert "bloc id or name 'so' is contributed twice" in conflict_message(registry)


def test_overlapping_editions_from_two_plugins(tmp_path: Path) -> None:
    later = edition(tmp_path, "alpha", "2021", 2021, 2025)
    registry = Registry.from_plugins(
        [
            (info("one"), region_plugin("alpha", edition(tmp_path, "alpha", "2018", 2018, 2022))),
            (info("two"), plugin(ict_adoption_editions=lambda region: [later] if region == "alpha" else None)),
        ]
    )
    assert conflict_message(registry) == (
        "region 'alpha': editions overlap: edition '2018' (2018–2022, plugin 'one' (ict-adoption-one 1.0)) "
        "and edition '2021' (2021–2025, plugin 'two' (ict-adoption-two 1.0)) both cover 2021"
    )


def test_editions_starting_the_same_year_overlap_even_when_open(tmp_path: Path) -> None:
    registry = Registry.from_plugins(
        [
            (info("one"), region_plugin("alpha", edition(tmp_path, "alpha", "a", 2020))),
            (info("two"), plugin(ict_adoption_editions=lambda region: [edition(tmp_path, "alpha", "b", 2020)])),
        ]
    )
    assert "editions overlap" in conflict_message(registry)


def test_same_edition_id_twice(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    again = edition(tmp_path / "other", "alpha", "2020", 2022)
    registry = Registry.from_plugins(
        [
            (info("one"), region_plugin("alpha", edition(tmp_path, "alpha", "2020", 2020, 2021))),
            (info("two"), plugin(ict_adoption_editions=lambda region: [again])),
        ]
    )
    assert "edition id '2020' is used twice" in conflict_message(registry)


@attrs.frozen
class PerCapita(Rule):
    """Points per 100 inhabitants, capped at the max (a made-up rule kind)."""

    kind: ClassVar[str] = "per_capita"
    each: Decimal = attrs.field(default=Decimal(1), converter=Decimal)

    def points(self, raw, max_points, precision, blocs):  # type: ignore[no-untyped-def]
        return np.minimum((raw * float(self.each) * 10**precision).astype(np.int64), max_points)

    def explain(self, max_points: Decimal) -> str:
        return f"{self.each} per 100 inhabitants, capped at {max_points}"


@attrs.frozen
class PerCapitaToo(PerCapita):
    kind: ClassVar[str] = "per_capita"


@attrs.frozen
class Builtin(PerCapita):
    kind: ClassVar[str] = "share"


def test_rule_kind_from_two_plugins(tmp_path: Path) -> None:
    registry = Registry.from_plugins(
        [
            (info("one"), plugin(ict_adoption_scoring_rules=lambda: [PerCapita])),
            (info("two"), plugin(ict_adoption_scoring_rules=lambda: [PerCapitaToo])),
            (info("three"), region_plugin("gamma", edition(tmp_path, "gamma"))),
        ]
    )
    assert conflict_message(registry).startswith(
        "rule kind 'per_capita' is defined by two plugins: plugin 'one' (ict-adoption-one 1.0) and "
        "plugin 'two' (ict-adoption-two 1.0)"
    )
    assert registry.rule_kinds == {}
    assert codes(registry) == ["gamma"]


def test_rule_kind_that_is_built_in() -> None:
    registry = Registry.from_plugins([(info("one"), plugin(ict_adoption_scoring_rules=lambda: [Builtin]))])
    assert "rule kind 'share' (Builtin) is built in (ShareRule)" in str(registry.errors[0])


def test_bands_replaced_by_two_plugins(tmp_path: Path) -> None:
    bands = [Band("Xuất sắc", 90), Band("Đạt", 50), Band("Chưa đạt")]
    registry = Registry.from_plugins(
        [
            (info("base"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("one"), plugin(ict_adoption_bands=lambda rubric: bands)),
            (info("two"), plugin(ict_adoption_bands=lambda rubric: bands)),
        ]
    )
    assert conflict_message(registry) == (
        "alpha:2024: the bands are replaced by two plugins: plugin 'one' (ict-adoption-one 1.0) "
        "and plugin 'two' (ict-adoption-two 1.0)"
    )


def test_same_max_from_two_plugins(tmp_path: Path) -> None:
    registry = Registry.from_plugins(
        [
            (info("base"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("one"), plugin(ict_adoption_maxima=lambda rubric: {"pcs": 20})),
            (info("two"), plugin(ict_adoption_maxima=lambda rubric: {"net": 5, "pcs": 20})),
        ]
    )
    assert conflict_message(registry) == (
        "alpha:2024: the maximum of 'pcs' is set by two plugins: plugin 'one' (ict-adoption-one 1.0) "
        "and plugin 'two' (ict-adoption-two 1.0)"
    )


def test_conflicts_never_let_the_last_plugin_win(tmp_path: Path) -> None:
    # whatever the registration order, a conflict is an error, not an override
    for order in ([0, 1], [1, 0]):
        items = [
            (info("one"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("two"), region_plugin("alpha", edition(tmp_path, "alpha"))),
        ]
        registry = Registry.from_plugins([items[i] for i in order])
        assert codes(registry) == []
        with pytest.raises(ia.PluginError):
            registry.rubric("alpha", 2024)


# ----------------------------------------------------------------------------- merging


@pytest.fixture
def merged(tmp_path: Path) -> Registry:
    """alpha's edition plus a bonus group, a bloc, new maxima and new bands from others."""
    bands = [Band("Xuất sắc", 90, label_en="Excellent"), Band("Đạt", 50, below=90), Band("Chưa đạt", below=50)]
    return Registry.from_plugins(
        [
            (info("base"), region_plugin("alpha", edition(tmp_path, "alpha"))),
            (info("bonus"), plugin(ict_adoption_groups=lambda rubric: [BONUS] if rubric.region == "alpha" else None)),
            (info("xa"), plugin(ict_adoption_blocs=lambda rubric: [Bloc("xa", "Phường, xã", applies=["infra"])])),
            (info("points"), plugin(ict_adoption_maxima=lambda rubric: {"pcs": "30", "apps": 55})),
            (info("classes"), plugin(ict_adoption_bands=lambda rubric: bands)),
        ]
    )


def test_merged_rubric_has_every_contribution(merged: Registry) -> None:
    assert merged.errors == ()
    r = merged.rubric("alpha", 2024)
    assert [g.id for g in r.groups] == ["infra", "apps", "bonus"]
    assert [b.id for b in r.blocs] == ["so", "huyen", "xa"]
    assert r.criterion("pcs").max == Decimal(30)
    assert r.group("infra").max == Decimal(45)  # re-totalled: 30 + 15
    assert r.group("apps").max == Decimal(55)
    assert [b.label for b in r.bands] == ["Xuất sắc", "Đạt", "Chưa đạt"]
    assert r.bloc_max("so") == Decimal(100)  # 45 + 55; the bonus is not part of the maximum
    assert r.bloc_max("xa") == Decimal(45)


def test_merged_rubric_records_provenance(merged: Registry) -> None:
    r = merged.rubric("alpha", 2024)
    prov = {p["item"]: p for p in r.provenance()}
    assert prov["group bonus"]["status"] == "assumed"
    assert "plugin 'bonus' (ict-adoption-bonus 1.0) through ict_adoption_groups" in prov["group bonus"]["reason"]
    assert prov["criterion award"]["status"] == "assumed"
    assert "maximum of pcs set to 30 by plugin 'points'" in prov["criterion pcs"]["reason"]
    assert prov["criterion pcs"]["citation"].startswith("2024/QĐ-UBND")  # the structure's source is kept
    assert prov["criterion net"]["status"] == "published"
    assert "plugin 'classes'" in prov["band Xuất sắc"]["reason"]
    assert "group bonus, criterion award — plugin 'bonus' (ict-adoption-bonus 1.0) (ict_adoption_groups)" in (r.notes or "")


def test_merged_rubric_round_trips_and_ranks(merged: Registry) -> None:
    r = merged.rubric("alpha", 2024)
    assert ia.loads_rubric(r.to_toml()) == r
    data = {
        "unit": ["Sở A", "Sở B", "Xã C"],
        "bloc": ["so", "so", "xa"],
        "infra": [40, 30, 40],
        "apps": [50, 50, None],
        "bonus": [0, 5, None],  # the bloc xa scores infra only
    }
    records = {x["unit"]: x for x in ia.rank(r, data).to_records()}
    assert records["Sở B"]["total"] == 85 and records["Sở A"]["total"] == 90
    assert (records["Sở A"]["rank"], records["Sở A"]["band"]) == (1, "Xuất sắc")
    assert records["Xã C"]["total"] == 40


def test_contributions_report(merged: Registry) -> None:
    got = [(c.plugin.name, c.hook, c.region, c.edition, c.items) for c in merged.contributions()]
    assert got == [
        ("base", "ict_adoption_regions", "alpha", None, ("region alpha",)),
        ("base", "ict_adoption_regions", "alpha", "2024", ("edition 2024 (2024–)",)),
        ("bonus", "ict_adoption_groups", "alpha", "2024", ("group bonus", "criterion award")),
        ("xa", "ict_adoption_blocs", "alpha", "2024", ("bloc xa",)),
        ("points", "ict_adoption_maxima", "alpha", "2024", ("max pcs = 30", "max apps = 55")),
        ("classes", "ict_adoption_bands", "alpha", "2024", ("bands Xuất sắc ≥ 90, Đạt ≥ 50, Chưa đạt",)),
    ]
    record = merged.contributions("alpha", "2024")[2].to_dict()
    assert record == {
        "plugin": "bonus",
        "distribution": "ict-adoption-bonus",
        "version": "1.0",
        "hook": "ict_adoption_groups",
        "region": "alpha",
        "edition": "2024",
        "items": ["group bonus", "criterion award"],
        "source": None,
    }
    assert merged.contributions("beta") == []
    [alpha] = merged.regions()
    assert alpha.editions[0].contributors == ("base", "bonus", "xa", "points", "classes")


def test_describe_is_plain_data(merged: Registry) -> None:
    import json

    data = json.loads(json.dumps(merged.describe()))
    assert [p["plugin"] for p in data["plugins"]] == ["base", "bonus", "xa", "points", "classes"]
    assert {p["status"] for p in data["plugins"]} == {"ok"}
    assert data["errors"] == []
    assert data["regions"][0]["region"] == "alpha"


def test_edition_hook_extends_another_plugins_region(tmp_path: Path) -> None:
    new = edition(tmp_path, "alpha", "2027", 2027)
    registry = Registry.from_plugins(
        [
            (info("base"), region_plugin("alpha", edition(tmp_path, "alpha", "2020", 2020))),
            (info("update"), plugin(ict_adoption_editions=lambda region: [new] if region == "alpha" else [])),
        ]
    )
    assert registry.errors == ()
    assert registry.rubric("alpha", 2026).edition == "2020"  # open-ended until the next edition
    assert registry.rubric("alpha", 2027).edition == "2027"
    [alpha] = registry.regions()
    assert [(e.edition, e.years, e.declared_years, e.plugin) for e in alpha.editions] == [
        ("2020", (2020, 2026), (2020, None), "base"),
        ("2027", (2027, None), (2027, None), "update"),
    ]


def test_plugin_rule_kind_is_usable_by_every_edition(tmp_path: Path) -> None:
    registry = Registry.from_plugins(
        [
            (info("rules"), plugin(ict_adoption_scoring_rules=lambda: [PerCapita])),
            (info("beta"), region_plugin("beta", edition(tmp_path, "beta", rule="per_capita"))),
        ]
    )
    assert registry.errors == ()
    assert registry.rule_kinds == {"per_capita": PerCapita}
    assert isinstance(registry.rubric("beta", 2024).criterion("pcs").rule, PerCapita)
    assert ("rules", "ict_adoption_scoring_rules", None, ("rule kind per_capita",)) in [
        (c.plugin.name, c.hook, c.region, c.items) for c in registry.contributions()
    ]


def test_broken_rule_plugin_takes_its_regions_but_not_others(tmp_path: Path) -> None:
    def rules():
        raise RuntimeError("bad rules")

    both = plugin(
        ict_adoption_regions=lambda: [Region("beta", "Tỉnh Beta", None, [edition(tmp_path, "beta")])],
        ict_adoption_scoring_rules=rules,
    )
    registry = Registry.from_plugins(
        [(info("alpha"), region_plugin("alpha", edition(tmp_path, "alpha"))), (info("beta"), both)]
    )
    assert codes(registry) == ["alpha"]
    with pytest.raises(ia.PluginError, match="ict_adoption_scoring_rules raised RuntimeError: bad rules"):
        registry.rubric("beta", 2024)


def test_hook_receives_the_edition_before_contributions(tmp_path: Path) -> None:
    seen = []

    def maxima(rubric):
        seen.append([g.id for g in rubric.groups])
        return None

    registry = Registry.from_plugins(
        [
            ("base", region_plugin("alpha", edition(tmp_path, "alpha"))),
            ("bonus", plugin(ict_adoption_groups=lambda rubric: [BONUS])),
            ("look", plugin(ict_adoption_maxima=maxima)),
        ]
    )
    assert registry.errors == ()
    assert seen == [["infra", "apps"]]


def test_from_plugin_manager(tmp_path: Path) -> None:
    import pluggy

    from ict_adoption import hookspecs

    pm = pluggy.PluginManager("ict_adoption")
    pm.add_hookspecs(hookspecs)
    pm.register(region_plugin("alpha", edition(tmp_path, "alpha")), name="alpha")
    pm.register(plugin(ict_adoption_groups=lambda rubric: [BONUS]), name="bonus")
    registry = Registry.from_plugin_manager(pm)
    assert registry.errors == ()
    assert [g.id for g in registry.rubric("alpha", 2024).groups][-1] == "bonus"


def test_from_plugin_manager_reports_unknown_hooks(tmp_path: Path) -> None:
    import pluggy

    pm = pluggy.PluginManager("ict_adoption")
    pm.register(plugin(ict_adoption_bandz=lambda rubric: None), name="typo")  # specs added later
    registry = Registry.from_plugin_manager(pm)
    assert "unknown hook 'ict_adoption_bandz'; did you mean 'ict_adoption_bands'?" in str(registry.errors[0])


def test_from_plugins_names_objects() -> None:
    import types

    module = types.ModuleType("ict_adoption_fake")
    module.ict_adoption_regions = ia.hookimpl(lambda: [])
    registry = Registry.from_plugins([module])
    assert [p.name for p in registry.plugins] == ["ict_adoption_fake"]
