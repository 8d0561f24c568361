"""docs/plugins.md against its worked example, tests/fixtures/ict-adoption-example/.

The guide shows every file of the example plugin in a fenced block preceded by a line
``File: `path```; those blocks must be the fixture's files verbatim, and every fixture
file must be shown. The guide's hook examples marked ``<!-- guide-example: … -->`` are
run together with the example plugin. The plugin is also loaded through real
entry-point discovery, ranked, and its own tests are run: the installed
``ict-adoption-example`` distribution where it is installed, otherwise the fixture as
it would be installed (its metadata written to a temporary folder on the path), so
that these tests run in a plain clone without installing anything.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import re
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

import ict_adoption as ia
from ict_adoption.registry import Registry
from ict_adoption.rules import BUILTIN_RULES

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "plugins.md"
FIXTURE = ROOT / "tests" / "fixtures" / "ict-adoption-example"
DISTRIBUTION = "ict-adoption-example"
NOT_SHOWN = {"README.md"}  # the guide is the long version of the README
IGNORED_PARTS = {"__pycache__", ".pytest_cache", "build", "dist"}

_FILE = re.compile(r"^File: `([^`]+)`$")
_MARK = re.compile(r"^<!-- guide-example: .* -->$")


def blocks() -> list[tuple[str, str | None, bool, str]]:
    """Fenced blocks of the guide: (language, file it claims to be, runnable?, text)."""
    lines = GUIDE.read_text(encoding="utf-8").split("\n")
    out = []
    i = 0
    label: str | None = None
    runnable = False
    while i < len(lines):
        line = lines[i]
        if m := _FILE.match(line):
            label = m.group(1)
        elif _MARK.match(line):
            runnable = True
        elif line.startswith("```"):
            lang = line[3:].strip()
            end = lines.index("```", i + 1)
            out.append((lang, label, runnable, "\n".join(lines[i + 1 : end]) + "\n"))
            label, runnable, i = None, False, end
        elif line.strip():
            label, runnable = None, False  # a label applies to the block right after it
        i += 1
    return out


def fixture_files() -> set[str]:
    return {
        p.relative_to(FIXTURE).as_posix()
        for p in FIXTURE.rglob("*")
        if p.is_file()
        and not IGNORED_PARTS & set(p.relative_to(FIXTURE).parts)
        and not any(part.endswith(".egg-info") for part in p.parts)
        and p.suffix != ".pyc"
    }


def test_file_blocks_are_the_fixture_verbatim() -> None:
    shown = [(label, text) for _, label, _, text in blocks() if label is not None]
    assert shown, "the guide shows no file of the example plugin"
    for label, text in shown:
        path = FIXTURE / label
        assert path.is_file(), f"docs/plugins.md shows {label}, which is not in {FIXTURE}"
        assert text == path.read_text(encoding="utf-8"), (
            f"docs/plugins.md and {path.relative_to(ROOT)} differ: copy the file into the guide"
        )


def test_every_fixture_file_is_shown() -> None:
    shown = {label for _, label, _, _ in blocks() if label is not None}
    required = {
        "pyproject.toml",
        "src/ict_adoption_songlam/__init__.py",
        "src/ict_adoption_songlam/editions/2024.toml",
        "tests/test_songlam.py",
        "examples/songlam_2024.csv",
    }
    assert required <= shown
    assert fixture_files() - NOT_SHOWN == shown


def test_code_blocks_are_valid() -> None:
    for lang, label, _, text in blocks():
        if lang == "python":
            compile(text, label or "docs/plugins.md", "exec")
        elif lang == "toml":
            tomllib.loads(text)


def test_the_pyproject_registers_the_entry_point() -> None:
    data = tomllib.loads((FIXTURE / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["name"] == DISTRIBUTION
    assert "ict-adoption" in data["project"]["dependencies"]
    assert data["project"]["entry-points"]["ict_adoption"] == {"songlam": "ict_adoption_songlam"}
    assert data["tool"]["setuptools"]["package-data"] == {"ict_adoption_songlam": ["editions/*.toml"]}


@pytest.fixture
def songlam(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The example plugin's module, from the fixture's source tree (installed or not)."""
    monkeypatch.syspath_prepend(str(FIXTURE / "src"))
    import ict_adoption_songlam

    return ict_adoption_songlam


def test_the_example_plugin_loads_and_ranks(songlam: types.ModuleType) -> None:
    registry = Registry.from_plugins({"songlam": songlam})
    assert registry.errors == ()
    [region] = registry.regions()
    assert (region.code, region.name) == ("songlam", "Tỉnh Sông Lam (hư cấu)")
    rubric = registry.rubric("songlam", 2024)
    assert rubric.assumed_count == len(rubric.provenance())  # fictional: all assumed, with the reason
    assert all("fictional" in p["reason"] for p in rubric.provenance())
    ranking = ia.rank(rubric, FIXTURE / "examples" / "songlam_2024.csv")
    labels = {r["unit"]: (r["rank_label"], r["band"]) for r in ranking.to_records()}
    # what section 8 of the guide says
    assert labels["Sở Thông tin và Truyền thông"] == ("1", "Tốt")
    assert labels["Sở Kế hoạch và Đầu tư"][0] == labels["Sở Tài chính"][0] == "2="
    assert labels["Sở Y tế"][0] == "4"
    assert "<RegionInfo songlam 'Tỉnh Sông Lam (hư cấu)': editions 2024 (2024–)>" in GUIDE.read_text(encoding="utf-8")
    assert repr(region) == "<RegionInfo songlam 'Tỉnh Sông Lam (hư cấu)': editions 2024 (2024–)>"


def guide_examples() -> dict[str, types.ModuleType]:
    """Each runnable example of the guide as a module (a plugin of its own)."""
    out = {}
    for n, (_, _, runnable, text) in enumerate(b for b in blocks() if b[2]):
        module = types.ModuleType(f"guide_example_{n}")
        exec(compile(text, f"docs/plugins.md example {n}", "exec"), module.__dict__)
        out[module.__name__] = module
    return out


def test_the_guides_hook_examples_work(songlam: types.ModuleType) -> None:
    examples = guide_examples()
    assert len(examples) == 5
    registry = Registry.from_plugins({"songlam": songlam, **examples})
    assert registry.errors == ()
    r = registry.rubric("songlam", 2024)
    assert r.group("late").kind == "penalty"
    assert r.bloc("xa").applies == ("infra", "egov")
    assert (r.criterion("pcs").max, r.criterion("lan").max, r.group("infra").max) == (12, 8, 20)
    assert [b.label for b in r.bands][:2] == ["Xuất sắc", "Tốt"]
    hooks = {c.hook for c in registry.contributions("songlam", "2024")}
    assert hooks >= {"ict_adoption_groups", "ict_adoption_blocs", "ict_adoption_maxima", "ict_adoption_bands"}
    # the rule kind works in a rubric file
    at_least = registry.rule_kinds["at_least"]
    text = (FIXTURE / "src/ict_adoption_songlam/editions/2024.toml").read_text(encoding="utf-8")
    text = text.replace('rule = { kind = "yes_no" }', 'rule = { kind = "at_least", threshold = 90 }')
    rubric = ia.loads_rubric(text, rules={**BUILTIN_RULES, "at_least": at_least})
    assert rubric.criterion("lan").rule.explain(10) == "10 points from 90 on, otherwise 0"
    data = {"unit": ["A", "B"], "bloc": ["so", "so"], "pcs": [100, 100], "lan": [95, 80], "egov": [40, 40], "apps": [25, 25], "staff": [15, 15], "bonus": [0, 0]}
    totals = {x["unit"]: x["total"] for x in ia.rank(rubric, data).to_records()}
    assert totals == {"A": 100, "B": 90}


def _installed() -> metadata.Distribution | None:
    try:
        return metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


@pytest.fixture
def example_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Folders that make the example plugin importable and discoverable (none if installed).

    Without an installation, ``ict_adoption_example-0.1.0.dist-info`` (its name, version
    and the entry points of its pyproject.toml) is written to a temporary folder that,
    with the fixture's ``src``, goes first on ``sys.path``: what ``pip install`` would
    give importlib.metadata to find.
    """
    if _installed() is not None:
        return []
    project = tomllib.loads((FIXTURE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = tmp_path / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir()
    info.joinpath("METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n", encoding="utf-8"
    )
    groups = project["entry-points"]
    info.joinpath("entry_points.txt").write_text(
        "".join(f"[{g}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items()) for g, eps in groups.items()),
        encoding="utf-8",
    )
    folders = [str(tmp_path), str(FIXTURE / "src")]
    for folder in reversed(folders):
        monkeypatch.syspath_prepend(folder)
    return folders


def test_installed_example_is_found_through_its_entry_point(example_path: list[str]) -> None:
    registry = Registry.discover(select="songlam")
    assert registry.errors == ()
    [region] = registry.regions()
    assert (region.plugin.distribution, region.plugin.value) == (DISTRIBUTION, "ict_adoption_songlam")
    ranking = ia.rank(registry.rubric("songlam:2024"), FIXTURE / "examples" / "songlam_2024.csv")
    assert ranking.class_counts() == {
        "so": {"Tốt": 3, "Khá": 2, "Trung bình": 1, "Yếu": 1},
        "huyen": {"Tốt": 1, "Khá": 2, "Trung bình": 1, "Yếu": 1},
    }


def test_installed_example_passes_its_own_tests(example_path: list[str]) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([*example_path, *filter(None, [env.get("PYTHONPATH")])])
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=FIXTURE,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
