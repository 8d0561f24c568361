"""docs/plugins.md, section 11 ("Add a component rule"): its blocks run as shown.

The blocks marked ``<!-- component-rule-example: … -->`` are, in order, the rule class
with its hook, the criterion of the edition file, and the check an author runs; the
python blocks run in one namespace and print what the ``text`` block after them shows,
the criterion is the one the check reads, and the rule reaches an edition through the
plugin hook too (registry discovery, no ``rules=``).
"""

from __future__ import annotations

import contextlib
import io
import re
import tomllib
import types
from pathlib import Path

import ict_adoption as ia
from ict_adoption import Region, hookimpl
from ict_adoption.region_plugins import Registry

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "plugins.md"
MARK = "<!-- component-rule-example: run by tests/test_component_rule_guide.py -->"
BLOCK = re.compile(r"```(python|toml|text)\n(.*?)```", re.S)


def section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text[text.index("## 11. Add a component rule") :]


def marked_blocks() -> list[tuple[str, str]]:
    text = section()
    out = []
    for m in BLOCK.finditer(text):
        if text[: m.start()].rstrip().endswith(MARK):
            out.append((m.group(1), m.group(2)))
    return out


def test_the_section_has_the_rule_the_criterion_and_the_check() -> None:
    assert [lang for lang, _ in marked_blocks()] == ["python", "toml", "python"]


def test_the_blocks_run_and_print_what_the_guide_shows() -> None:
    text = section()
    blocks = [(m.group(1), m.group(2), m.end()) for m in BLOCK.finditer(text)]
    namespace: dict[str, object] = {}
    shown = 0
    for k, (lang, body, end) in enumerate(blocks):
        if lang != "python":
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(body, f"docs/plugins.md section 11, block {k}", "exec"), namespace)
        if k + 1 < len(blocks) and blocks[k + 1][0] == "text":
            assert out.getvalue().rstrip() == blocks[k + 1][1].rstrip()
            shown += 1
    assert shown == 1
    criterion = tomllib.loads(marked_blocks()[1][1])["groups"]["criteria"][0]
    assert criterion["rule"] == {"kind": "parts", "of": 2}
    assert marked_blocks()[1][1] in str(namespace["EDITION"])  # the check reads the criterion shown


def test_the_rule_reaches_an_edition_through_the_plugin_hook(tmp_path: Path) -> None:
    plugin = types.ModuleType("guide_parts_rule")
    exec(compile(marked_blocks()[0][1], "docs/plugins.md section 11", "exec"), plugin.__dict__)
    namespace: dict[str, object] = {}
    exec(marked_blocks()[2][1].split("rubric = ia.loads_rubric")[0], namespace)  # the EDITION text only
    edition = tmp_path / "caolanh-2023.toml"
    edition.write_text(str(namespace["EDITION"]), encoding="utf-8")

    class Region_:
        @hookimpl
        def ict_adoption_regions(self) -> list[Region]:
            return [Region(code="caolanh", name="Thành phố Cao Lãnh", editions=[edition])]

    registry = Registry.from_plugins([("caolanh", Region_()), ("parts", plugin)])
    assert registry.errors == ()
    rubric = registry.rubric("caolanh", 2023)
    assert rubric.criterion("chutri").rule.kind == "parts"
    data = {"unit": ["Phường 1", "Phường 2"], "bloc": ["phuong", "phuong"], "chutri": [1, 2]}
    assert [r["total"] for r in ia.rank(rubric, data).to_records()] == [10.0, 5.0]
