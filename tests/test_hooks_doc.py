"""docs/hooks.md documents every hook of ``ict_adoption.hookspecs``, signature and docstring.

The part of the page between the GENERATED markers is produced from the hook
specifications; this test fails when a hook is missing, renamed, or its signature or
docstring changed without the page. Regenerate with::

    python tests/test_hooks_doc.py --write
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

from ict_adoption import hookspecs
from ict_adoption.plugins import HOOK_NAMES

PAGE = Path(__file__).resolve().parent.parent / "docs" / "hooks.md"
BEGIN = "<!-- BEGIN GENERATED from src/ict_adoption/hookspecs.py: python tests/test_hooks_doc.py --write -->"
END = "<!-- END GENERATED -->"
_ROLE = re.compile(r":(?:func|class|data|mod|meth|attr|exc):`(~?)([^`]+)`")


def hooks() -> list:
    """The hook specifications, in source order."""
    specs = [f for _, f in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(f, "ict_adoption_spec")]
    return sorted(specs, key=lambda f: f.__code__.co_firstlineno)


def signature(func) -> str:
    """``def name(arg: Annotation) -> Return`` from the source annotations (kept as text)."""
    sig = inspect.signature(func)
    params = ", ".join(
        p.name if p.annotation is inspect.Parameter.empty else f"{p.name}: {p.annotation}"
        for p in sig.parameters.values()
    )
    ret = "" if sig.return_annotation is inspect.Signature.empty else f" -> {sig.return_annotation}"
    return f"def {func.__name__}({params}){ret}"


def markdown(docstring: str) -> str:
    """Sphinx roles and double backquotes as Markdown code spans."""
    text = _ROLE.sub(lambda m: f"`{m.group(2).rsplit('.', 1)[-1] if m.group(1) else m.group(2)}`", docstring)
    return text.replace("``", "`")


def generated() -> str:
    parts = [BEGIN, ""]
    for func in hooks():
        parts += [
            f"## `{func.__name__}`",
            "",
            "```python",
            "@hookimpl",
            f"{signature(func)}:",
            "```",
            "",
            markdown(inspect.getdoc(func) or ""),
            "",
        ]
    parts.append(END)
    return "\n".join(parts)


def current() -> str:
    text = PAGE.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    assert start >= 0 and end > start, f"{PAGE}: the GENERATED markers are missing"
    return text[start : end + len(END)]


def test_every_hook_is_documented_with_its_signature() -> None:
    assert current() == generated(), (
        "docs/hooks.md is out of date with src/ict_adoption/hookspecs.py; "
        "run: python tests/test_hooks_doc.py --write"
    )


def test_the_page_has_one_section_per_hook() -> None:
    documented = re.findall(r"^## `(ict_adoption_\w+)`$", PAGE.read_text(encoding="utf-8"), re.M)
    assert documented == [f.__name__ for f in hooks()]


def test_hook_names_known_to_the_loader() -> None:
    # plugins.HOOK_NAMES feeds "did you mean …?" and the call order: it must list every hook
    assert list(HOOK_NAMES) == [f.__name__ for f in hooks()]


def test_the_check_fails_on_an_undocumented_hook(monkeypatch) -> None:
    def ict_adoption_units(rubric: "Rubric") -> "Iterable[Unit]":
        """Contribute units."""

    ict_adoption_units.ict_adoption_spec = {}  # type: ignore[attr-defined]
    ict_adoption_units.__code__ = ict_adoption_units.__code__.replace(co_firstlineno=10**6)
    monkeypatch.setattr(hookspecs, "ict_adoption_units", ict_adoption_units, raising=False)
    assert "## `ict_adoption_units`" in generated()
    assert current() != generated()


def main(argv: list[str]) -> int:
    if argv != ["--write"]:
        print(__doc__)
        return 2
    text = PAGE.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    PAGE.write_text(text[:start] + generated() + text[end + len(END) :], encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
