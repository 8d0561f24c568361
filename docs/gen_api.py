"""Generate docs/api.md from the public API's signatures and docstrings.

    python docs/gen_api.py          # rewrite docs/api.md
    python docs/gen_api.py --check  # exit 1 if docs/api.md is out of date (run by the tests)
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

OUT = Path(__file__).with_name("api.md")

SECTIONS: list[tuple[str, str, list[str]]] = [
    ("Entry points", "ict_adoption", ["rank", "score", "load_rubric", "loads_rubric", "rubric", "regions"]),
    ("Model", "ict_adoption", ["Rubric", "Group", "Criterion", "Bloc", "Band", "Unit", "Source", "Provenance", "RankingPolicy"]),
    ("Results", "ict_adoption", ["Ranking", "ScoredTable", "Table"]),
    ("Rules", "ict_adoption.rules", ["Rule", "PointsRule", "ShareRule", "StepsRule", "YesNoRule", "CountRule", "ShareOfBestRule", "ChoiceRule"]),
    ("Ranking kernel", "ict_adoption.ranking", ["rank_within_blocs", "assign_bands"]),
    ("Exact arithmetic", "ict_adoption.exact", ["scale_exact", "round_half_away", "unscale", "format_scaled"]),
    ("Profiles, attainment and comparisons", "ict_adoption.analysis", ["profile", "profiles", "Profiles", "UnitProfile", "Item", "Gap", "attainment", "Attainment", "compare", "Comparison", "edition_differences", "EditionsDifferWarning", "UnknownUnitError", "AmbiguousMatchError"]),
    ("Reports", "ict_adoption.report", ["build_report", "report_sections", "ReportSection", "ReportContext"]),
    ("Charts of rankings", "ict_adoption.plots.ranking_chart", ["ranking_chart"]),
    ("Charts of profiles", "ict_adoption.plots.profile_chart", ["group_profile_chart"]),
    ("Charts of comparisons", "ict_adoption.plots.compare_charts", ["slope_chart", "verification_chart"]),
    ("Uncertainty and sensitivity", "ict_adoption.uncertainty", ["uncertainty", "sensitivity", "UncertainInputs", "WeightRange", "ThresholdRange", "DirichletWeights", "MissingChoice", "RuleChoice", "default_inputs", "load_inputs", "UncertaintyResult", "SensitivityResult", "evaluate_batch", "EvaluationError", "UncertainInputError"]),
    ("Plugins", "ict_adoption", ["Region", "hookimpl"]),
    ("Golden-test helpers", "ict_adoption.testing", ["PublishedResults", "read_rows", "read_scores", "slug"]),
    ("Errors", "ict_adoption.errors", ["IctAdoptionError", "RubricError", "InputError", "ScoringError", "PluginError", "RegionNotFound", "EditionNotFound"]),
]


def _signature(obj: object) -> str:
    try:
        return str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""


def _doc(obj: object) -> str:
    return inspect.cleandoc(inspect.getdoc(obj) or "(no docstring)")


def _members(cls: type) -> list[tuple[str, object]]:
    out = []
    for name, value in vars(cls).items():
        if name.startswith("_") or not (inspect.isfunction(value) or isinstance(value, (property, classmethod))):
            continue
        func = value.__func__ if isinstance(value, classmethod) else value
        if isinstance(func, property):
            func = func.fget
        if inspect.getdoc(func):
            out.append((name, func))
    return out


def render() -> str:
    lines = [
        "# API reference",
        "",
        "Generated from the docstrings by `python docs/gen_api.py`; a test fails when this page",
        "is out of date. Import everything from `ict_adoption` unless a module is named.",
        "",
    ]
    for title, module_name, names in SECTIONS:
        module = importlib.import_module(module_name)
        lines += [f"## {title}", ""]
        for name in names:
            obj = getattr(module, name)
            kind = "class" if inspect.isclass(obj) else "function" if callable(obj) else "object"
            sig = _signature(obj) if kind != "object" else ""
            lines += [f"### `{module_name}.{name}`", "", f"```python\n{kind} {name}{sig}\n```", "", _doc(obj), ""]
            if inspect.isclass(obj) and not issubclass(obj, BaseException):
                for member, func in _members(obj):
                    lines += [f"- **`{member}{_signature(func)}`** — {_doc(func).splitlines()[0]}"]
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("docs/api.md is out of date: run python docs/gen_api.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
