"""The layers written down (docs/architecture.md) are the layers checked (.importlinter),
every module of the core sits in one of them, and no module grows past ~450 lines."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import ict_adoption

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(ict_adoption.__file__).resolve().parent
MAX_LINES = 450
# the facades above every layer: they only re-export
FACADES = {"ict_adoption", "ict_adoption.io"}


def _layers() -> list[list[str]]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / ".importlinter", encoding="utf-8")
    text = cfg["importlinter:contract:layers"]["layers"]
    return [re.split(r"\s*[|:]\s*", line.strip()) for line in text.strip().splitlines()]


def _modules() -> list[str]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append(".".join(parts))
    return out


def test_every_module_is_in_a_declared_layer():
    declared = [m for line in _layers() for m in line]
    unplaced = [
        m
        for m in _modules()
        if m not in FACADES and not any(m == d or m.startswith(d + ".") for d in declared)
    ]
    assert not unplaced, f"modules in no layer of .importlinter: {unplaced}"


def test_the_architecture_page_draws_the_declared_layers():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    picture = page.split("```text", 1)[1].split("```", 1)[0]
    # each line of the picture: module names, then "# what they are" (or a rule ───)
    drawn = [
        re.split(r"\s*[|:]\s*|\s{2,}", line.split("#", 1)[0].strip())
        for line in picture.splitlines()
        if line.strip() and not line.strip().startswith("─")
    ]
    declared = [[m.removeprefix("ict_adoption.") for m in line] for line in _layers()]
    assert [sorted(line) for line in drawn] == [sorted(line) for line in declared]


def test_no_module_of_the_core_is_over_the_limit():
    long = {
        str(p.relative_to(SRC)): n
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines (split them by job): {long}"
