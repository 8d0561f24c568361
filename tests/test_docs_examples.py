"""The Python examples in README.md and the core docs pages run, and print what they show.

A ```python block is executed (all blocks of a page share one namespace, in order, with
the repository root as working directory); when it is followed directly by a ```text
block, that block must equal what the code printed.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["README.md", "docs/index.md", "docs/concepts.md", "docs/rubric-format.md", "docs/guide/python.md", "docs/guide/analysis.md", "docs/guide/uncertainty.md", "docs/guide/editions.md", "docs/guide/readers.md", "docs/guide/performance.md"]
BLOCK = re.compile(r"```(python|text)\n(.*?)```", re.S)


def examples(page: str) -> list[tuple[str, str | None]]:
    text = (ROOT / page).read_text(encoding="utf-8")
    blocks = [(m.group(1), m.group(2), m.start(), m.end()) for m in BLOCK.finditer(text)]
    out = []
    for k, (lang, body, _, end) in enumerate(blocks):
        if lang != "python":
            continue
        expected = None
        if k + 1 < len(blocks) and blocks[k + 1][0] == "text" and not text[end : blocks[k + 1][2]].strip():
            expected = blocks[k + 1][1]
        out.append((body, expected))
    return out


@pytest.mark.parametrize("page", PAGES)
def test_page_examples_run_and_print_what_they_show(page, monkeypatch):
    monkeypatch.chdir(ROOT)
    found = examples(page)
    assert found, f"{page} has no python example"
    namespace: dict[str, object] = {}
    for code, expected in found:
        if "ict_adoption.rubric(" in code or "ia.rubric(" in code:
            pytest.importorskip("ict_adoption_quangnam", reason="this example needs the region plugins installed")
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, page, "exec"), namespace)
        if expected is not None:
            assert buffer.getvalue().rstrip() == expected.rstrip()
