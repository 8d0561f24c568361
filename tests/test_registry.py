"""The registry: Region, region listing, editions by assessment year, the default registry.

Registries here are built from in-test plugin objects and rubric files in ``tmp_path``.
"""

from __future__ import annotations

import unicodedata
import warnings
import zipfile
from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest

import ict_adoption as ia
from ict_adoption import plugins
from ict_adoption.region_plugins import registry as registry_module
from ict_adoption.region_plugins import Region, Registry

EDITION = """\
region = "{region}"
edition = "{edition}"
title = "Bộ tiêu chí {edition}"
first_year = {first}
{last}
precision = 0
source = "qd"

[[sources]]
id = "qd"
title = "Quy định đánh giá mức độ ứng dụng CNTT"
number = "{edition}/QĐ-UBND"
date = "{first}-03-01"
issuer = "UBND tỉnh"

[[groups]]
id = "infra"
name = "Hạ tầng"
max = 40
assumed = "points not published"

[[groups]]
id = "apps"
name = "Ứng dụng"
max = 60

[[blocs]]
id = "so"
name = "Sở, ngành"

[[bands]]
label = "Tốt"
min = 80
[[bands]]
label = "Khá"
min = 60
[[bands]]
label = "Yếu"
"""


def edition_text(region: str, ed: str, first: int, last: int | None) -> str:
    return EDITION.format(region=region, edition=ed, first=first, last="" if last is None else f"last_year = {last}")


def edition(tmp_path: Path, region: str, ed: str, first: int, last: int | None = None) -> Path:
    path = tmp_path / f"{region}-{ed}.toml"
    path.write_text(edition_text(region, ed, first, last), encoding="utf-8")
    return path


def region_plugin(region: Region) -> SimpleNamespace:
    return SimpleNamespace(ict_adoption_regions=ia.hookimpl(lambda: [region]))


@pytest.fixture
def two_regions(tmp_path: Path) -> Registry:
    """danang: 2013 (2013–2015), 2016 (2016–2019), 2021 (open); quangnam: 2015 (2015 only)."""
    danang = Region(
        "danang",
        "Thành phố Đà Nẵng",
        "Da Nang City",
        [
            edition(tmp_path, "danang", "2021", 2021),
            edition(tmp_path, "danang", "2013", 2013, 2015),
            edition(tmp_path, "danang", "2016", 2016, 2019),
        ],
    )
    quangnam = Region("quangnam", "Tỉnh Quảng Nam", "Quang Nam Province", [edition(tmp_path, "quangnam", "2015", 2015, 2015)])
    return Registry.from_plugins({"dn": region_plugin(danang), "qn": region_plugin(quangnam)})


# ----------------------------------------------------------------------------- Region


def test_region_normalises_and_validates() -> None:
    decomposed = unicodedata.normalize("NFD", "Thành phố Đà Nẵng")
    r = Region("danang", decomposed, "Da Nang City", ["a.toml"])
    assert r.name == "Thành phố Đà Nẵng" and unicodedata.is_normalized("NFC", r.name)
    assert r.editions == ("a.toml",)
    with pytest.raises(ia.RubricError, match="ASCII identifier"):
        Region("Đà Nẵng", "Đà Nẵng")
    with pytest.raises(TypeError, match="wrap it in a list"):
        Region("danang", "Đà Nẵng", editions="2013.toml")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected rubric-file paths or Rubric objects"):
        Region("danang", "Đà Nẵng", editions=[2013])  # type: ignore[list-item]
    with pytest.raises(ia.RubricError, match="must not be empty"):
        Region("danang", " ")


def test_region_is_exported_lazily() -> None:
    assert ia.Region is Region
    assert ia.regions is registry_module.regions and ia.rubric is registry_module.rubric


# ----------------------------------------------------------------------------- listing


def test_regions_lists_codes_names_and_editions(two_regions: Registry) -> None:
    assert two_regions.errors == ()
    danang, quangnam = two_regions.regions()
    assert (danang.code, danang.name, danang.name_en) == ("danang", "Thành phố Đà Nẵng", "Da Nang City")
    assert quangnam.code == "quangnam"
    assert [(e.edition, e.years) for e in danang.editions] == [
        ("2013", (2013, 2015)),
        ("2016", (2016, 2019)),
        ("2021", (2021, None)),
    ]
    first = danang.editions[0]
    assert first.title == "Bộ tiêu chí 2013"
    assert first.sources == ("2013/QĐ-UBND, 2013-03-01, UBND tỉnh: Quy định đánh giá mức độ ứng dụng CNTT",)
    assert first.assumed == two_regions.rubric("danang", 2013).assumed_count == 1
    assert first.plugin == "dn" and danang.plugin.name == "dn"
    assert repr(danang) == "<RegionInfo danang 'Thành phố Đà Nẵng': editions 2013 (2013–2015), 2016 (2016–2019), 2021 (2021–)>"


def test_region_info_to_dict_is_the_cli_record(two_regions: Registry) -> None:
    record = two_regions.region("quangnam").to_dict()
    assert record["region"] == "quangnam" and record["name"] == "Tỉnh Quảng Nam"
    assert record["editions"] == [
        {
            "edition": "2015",
            "years": [2015, 2015],
            "title": "Bộ tiêu chí 2015",
            "title_en": None,
            "sources": ["2015/QĐ-UBND, 2015-03-01, UBND tỉnh: Quy định đánh giá mức độ ứng dụng CNTT"],
            "assumed": 1,
            "published": 6,
            "values": 7,
            "published_share": 0.8571,
            "supported_until": 2015,
            "superseded_by": None,
            "plugin": "qn",
            "contributors": ["qn"],
        }
    ]


# ----------------------------------------------------------------------------- by year


@pytest.mark.parametrize(
    "year, expected",
    [(2013, "2013"), (2015, "2013"), (2016, "2016"), (2019, "2016"), (2021, "2021"), (2040, "2021")],
)
def test_rubric_in_force_for_each_year(two_regions: Registry, year: int, expected: str) -> None:
    r = two_regions.rubric("danang", year)
    assert r.edition == expected and r.covers(year)


@pytest.mark.parametrize("year", [2012, 2020])
def test_no_edition_for_the_year_lists_the_editions(two_regions: Registry, year: int) -> None:
    with pytest.raises(ia.EditionNotFound) as caught:
        two_regions.rubric("danang", year)
    assert str(caught.value) == (
        f"region 'danang' (Thành phố Đà Nẵng) has no edition for the assessment year {year}; "
        "editions: 2013 (2013–2015: Bộ tiêu chí 2013); 2016 (2016–2019: Bộ tiêu chí 2016); "
        "2021 (2021–: Bộ tiêu chí 2021)"
    )
    assert isinstance(caught.value, LookupError)


def test_open_ended_edition_ends_where_the_next_begins(tmp_path: Path) -> None:
    region = Region(
        "hanoi", "Thành phố Hà Nội", None, [edition(tmp_path, "hanoi", "2013", 2013), edition(tmp_path, "hanoi", "2018", 2018)]
    )
    registry = Registry.from_plugins({"hn": region_plugin(region)})
    assert registry.rubric("hanoi", 2017).edition == "2013"
    assert registry.rubric("hanoi", 2018).edition == "2018"
    assert registry.rubric("hanoi", 2099).edition == "2018"
    [hanoi] = registry.regions()
    assert [(e.years, e.declared_years) for e in hanoi.editions] == [((2013, 2017), (2013, None)), ((2018, None), (2018, None))]


def test_region_year_string_and_names(two_regions: Registry) -> None:
    assert two_regions.rubric("danang:2017").edition == "2016"
    assert two_regions.rubric("danang", "2017").edition == "2016"
    assert two_regions.rubric("Thành phố Đà Nẵng", 2017).edition == "2016"
    assert two_regions.rubric("thành phố  đà nẵng", 2017).edition == "2016"  # case and spacing
    assert two_regions.rubric("Thanh pho Da Nang", 2017).edition == "2016"  # without diacritics
    assert two_regions.rubric("Da Nang City:2017").edition == "2016"
    with pytest.raises(ValueError, match="give the year once"):
        two_regions.rubric("danang:2017", 2018)
    with pytest.raises(ValueError, match="expected an assessment year"):
        two_regions.rubric("danang:latest")


def test_year_is_required(two_regions: Registry) -> None:
    with pytest.raises(ia.EditionNotFound, match=r"give the assessment year, e.g. 'quangnam:YEAR'; editions: 2015"):
        two_regions.rubric("quangnam")


def test_unknown_region_lists_the_known_ones(two_regions: Registry) -> None:
    with pytest.raises(ia.RegionNotFound) as caught:
        two_regions.rubric("hue", 2020)
    assert str(caught.value) == (
        "no region 'hue'; known regions: danang (Thành phố Đà Nẵng), quangnam (Tỉnh Quảng Nam)"
    )
    assert isinstance(caught.value, LookupError)
    with pytest.raises(ia.RegionNotFound):
        two_regions.region("hue")


def test_unknown_region_without_plugins() -> None:
    with pytest.raises(ia.RegionNotFound, match=r"known regions: none \(no region plugin is installed\)"):
        Registry.from_plugins([]).rubric("hue", 2020)


def test_same_rubric_object_every_time(two_regions: Registry) -> None:
    assert two_regions.rubric("danang", 2014) is two_regions.rubric("danang:2015")
    assert two_regions.editions("danang")[0] is two_regions.rubric("danang", 2013)


# ----------------------------------------------------------------------------- edition sources


def test_rubric_objects_and_package_data_as_editions(tmp_path: Path) -> None:
    built = ia.loads_rubric(edition_text("binhdinh", "2016", 2016, 2019))
    archive = tmp_path / "plugin.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("editions/2020.toml", edition_text("binhdinh", "2020", 2020, None))
    in_zip = zipfile.Path(archive, "editions/2020.toml")  # a Traversable that is no file path
    region = Region("binhdinh", "Tỉnh Bình Định", None, [built, in_zip])
    registry = Registry.from_plugins({"bd": region_plugin(region)})
    assert registry.errors == ()
    # a Rubric object is used as given, with the region's name added (it had none)
    got = registry.rubric("binhdinh", 2017)
    assert (got.edition, got.groups, got.blocs, got.bands) == (built.edition, built.groups, built.blocs, built.bands)
    assert (built.region_name, got.region_name) == (None, "Tỉnh Bình Định")
    named = attrs.evolve(built, region_name="Tỉnh Bình Định")
    region = Region("binhdinh", "Tỉnh Bình Định", None, [named])
    assert Registry.from_plugins({"bd": region_plugin(region)}).rubric("binhdinh", 2017) is named
    assert registry.rubric("binhdinh", 2022).edition == "2020"
    sources = [c.source for c in registry.contributions() if c.edition]
    assert sources[0] == "<Rubric binhdinh:2016>" and sources[1].endswith("editions/2020.toml")


def test_str_paths(tmp_path: Path) -> None:
    region = Region("hue", "Thành phố Huế", None, [str(edition(tmp_path, "hue", "2020", 2020))])
    assert Registry.from_plugins({"hue": region_plugin(region)}).rubric("hue", 2020).edition == "2020"


# ----------------------------------------------------------------------------- default registry


@pytest.fixture
def fake_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Entry points seen by the default registry: one good plugin, one that fails to import."""
    import importlib.metadata as metadata
    import sys

    good = region_plugin(Region("danang", "Thành phố Đà Nẵng", None, [edition(tmp_path, "danang", "2016", 2016)]))
    monkeypatch.setitem(sys.modules, "fake_default_plugin", good)
    eps = [
        metadata.EntryPoint("danang", "fake_default_plugin", "ict_adoption"),
        metadata.EntryPoint("hue", "fake_missing_module_for_test", "ict_adoption"),
    ]
    calls = []

    def entry_points(group: str):
        calls.append(group)
        return [ep for ep in eps if ep.group == group]

    monkeypatch.setattr(plugins.metadata, "entry_points", entry_points)
    monkeypatch.delenv("ICT_ADOPTION_PLUGINS", raising=False)
    registry_module.reset()
    yield calls
    registry_module.reset()


def test_default_registry_is_discovered_once(fake_installed: list[str]) -> None:
    with pytest.warns(plugins.PluginWarning, match="plugin 'hue' \\(no distribution\\) failed to load"):
        assert [r.code for r in ia.regions()] == ["danang"]
    assert ia.rubric("danang", 2020).edition == "2016"
    assert ia.rubric("danang:2016") is registry_module.default_registry().rubric("danang", 2016)
    assert [c.plugin.name for c in plugins.contributions("danang")] == ["danang", "danang"]
    assert fake_installed == ["ict_adoption"]  # discovery ran once
    with pytest.raises(ia.PluginError, match="fake_missing_module_for_test"):
        ia.rubric("hue", 2020)


def test_reset_discovers_again(fake_installed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", plugins.PluginWarning)
        first = registry_module.default_registry()
        assert registry_module.default_registry() is first
        registry_module.reset()
        monkeypatch.setenv("ICT_ADOPTION_PLUGINS", "")
        second = registry_module.default_registry()
    assert second is not first and second.regions() == []
    assert fake_installed == ["ict_adoption", "ict_adoption"]


def test_importing_the_package_loads_no_plugin() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ict_adoption\n"
        "assert 'ict_adoption.region_plugins.registry' not in sys.modules\n"
        "assert 'ict_adoption.region_plugins.discovery' not in sys.modules\n"
        "assert 'ict_adoption.registry' not in sys.modules\n"
        "assert 'ict_adoption.plugins' not in sys.modules\n"
        "ict_adoption.Region\n"
        "ict_adoption.rubric\n"
        "import ict_adoption.region_plugins.registry as r\n"
        "assert r._default is None\n"
        "assert not [m for m in sys.modules if m.startswith('ict_adoption_')], 'a plugin was loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_plugin_using_the_default_registry_while_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata as metadata
    import sys

    def regions_hook():
        return [Region("hue", "Thành phố Huế", None, [edition(tmp_path, "hue", "2020", 2020)])] + [
            Region(r.code + "x", r.name) for r in ia.regions()  # re-entrant: must fail, not hang
        ]

    monkeypatch.setitem(sys.modules, "reentrant_plugin_for_test", SimpleNamespace(ict_adoption_regions=ia.hookimpl(regions_hook)))
    eps = [metadata.EntryPoint("hue", "reentrant_plugin_for_test", "ict_adoption")]
    monkeypatch.setattr(plugins.metadata, "entry_points", lambda group: eps)
    monkeypatch.delenv("ICT_ADOPTION_PLUGINS", raising=False)
    registry_module.reset()
    try:
        with pytest.warns(plugins.PluginWarning, match="called while plugins were being loaded"):
            assert ia.regions() == []
    finally:
        registry_module.reset()


def test_concurrent_first_calls_discover_once(fake_installed: list[str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", plugins.PluginWarning)
        with ThreadPoolExecutor(8) as pool:
            found = list(pool.map(lambda _: registry_module.default_registry(), range(16)))
    assert len({id(r) for r in found}) == 1
    assert fake_installed == ["ict_adoption"]


def test_the_old_import_paths_give_the_same_objects() -> None:
    """``ict_adoption.registry``, ``.plugins`` and ``.hookspecs`` keep working for plugins written before the split."""
    import ict_adoption.hookspecs as old_hookspecs
    import ict_adoption.plugins as old_plugins
    import ict_adoption.registry as old_registry
    from ict_adoption import region_plugins

    for name in old_registry.__all__:
        assert getattr(old_registry, name) is getattr(region_plugins, name), name
    for name in ("PluginInfo", "Selection", "Discovery", "discover", "Contribution", "ENV_VAR", "ENTRY_POINT_GROUP"):
        assert getattr(old_plugins, name) is getattr(region_plugins, name), name
    for name in ("hookimpl", "hookspec", "HOOK_NAMES", "PROJECT", "EditionSource"):
        assert getattr(old_hookspecs, name) is getattr(region_plugins, name), name
    assert ia.hookimpl is region_plugins.hookimpl and ia.Region is region_plugins.Region
