"""A variable set in a user's shell cannot make the project's own tests fail.

``ICT_ADOPTION_PLUGINS`` selects which plugins load; with it set to load none, a
plugin's golden tests would find no region. Every pytest configuration of the project
loads ``ict_adoption.testing`` as a pytest plugin, which starts the run without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ict_adoption.testing import ENV_PREFIX

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = [ROOT / "pyproject.toml", *sorted(ROOT.glob("plugins/*/pyproject.toml")),
           ROOT / "tests" / "fixtures" / "ict-adoption-example" / "pyproject.toml"]


def test_the_run_starts_without_the_variables() -> None:
    assert not [name for name in os.environ if name.startswith(ENV_PREFIX)]


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.parent.name)
def test_every_pytest_configuration_loads_the_guard(path: Path) -> None:
    options = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "-p ict_adoption.testing" in options["addopts"], path


def test_the_guard_clears_what_the_shell_set(tmp_path: Path) -> None:
    """A run with the shell saying "load no plugin" sees every installed plugin; without
    the guard it would not (the second run proves the check can fail)."""
    (tmp_path / "test_probe.py").write_text(
        "import os\n"
        "from ict_adoption.region_plugins.discovery import discover\n"
        "def test_probe():\n"
        "    assert not [n for n in os.environ if n.startswith('ICT_ADOPTION_')]\n"
        "    assert discover().skipped == ()  # no installed plugin left out\n",
        encoding="utf-8",
    )
    env = {**os.environ, "ICT_ADOPTION_PLUGINS": "", "ICT_ADOPTION_ANYTHING": "x"}

    def run(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options, "test_probe.py"],
            cwd=tmp_path, env=env, capture_output=True, text=True,
        )

    guarded = run("-p", "ict_adoption.testing")
    assert guarded.returncode == 0, guarded.stdout[-2000:]
    assert run().returncode == 1
