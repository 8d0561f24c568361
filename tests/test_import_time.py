"""``import ict_adoption`` loads neither pluggy, tomllib nor the rubric model; the names still work.

pluggy and the hook specifications load when a plugin module asks for ``hookimpl`` (or
the registry loads plugins), tomllib and pathlib when a rubric file is read. Each check
runs in a fresh interpreter, so nothing another test imported is counted.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return out.stdout.strip()


DEFERRED = ("pluggy", "tomllib", "pathlib", "ict_adoption.region_plugins.hookspecs", "numpy", "ict_adoption.model", "attrs")


def test_import_loads_no_plugin_machinery_and_no_toml_reader():
    loaded = _run(
        f"""
        import sys
        import ict_adoption
        print(','.join(m for m in {DEFERRED!r} if m in sys.modules))
        """
    )
    assert loaded == ""


def test_hookimpl_loads_pluggy_on_first_use_and_is_the_registry_marker():
    out = _run(
        """
        import sys
        from ict_adoption import hookimpl           # as every region plugin writes it
        import ict_adoption as ia
        from ict_adoption import region_plugins
        import pluggy
        assert isinstance(hookimpl, pluggy.HookimplMarker)
        assert hookimpl is ia.hookimpl is region_plugins.hookimpl
        print(hookimpl.project_name, 'tomllib' in sys.modules)
        """
    )
    assert out == "ict_adoption False"


def test_a_plugin_marked_through_the_lazy_name_is_called():
    out = _run(
        """
        import ict_adoption as ia
        from ict_adoption.region_plugins import new_plugin_manager

        class Plugin:
            @ia.hookimpl
            def ict_adoption_regions(self):
                return []

        pm = new_plugin_manager()
        pm.register(Plugin())
        print(pm.hook.ict_adoption_regions())
        """
    )
    assert out == "[[]]"


def test_reading_a_rubric_text_loads_tomllib_then():
    out = _run(
        """
        import sys
        import ict_adoption as ia
        before = 'tomllib' in sys.modules
        try:
            ia.loads_rubric("not = [valid", origin="x.toml")
        except ia.RubricError as exc:
            print(before, 'tomllib' in sys.modules, str(exc).startswith('x.toml: not valid TOML'))
        """
    )
    assert out == "False True True"


def test_the_model_loads_on_first_use_and_is_the_same_class_however_imported():
    out = _run(
        """
        import sys
        import ict_adoption as ia
        before = 'ict_adoption.model' in sys.modules
        from ict_adoption import Rubric, load_rubric
        from ict_adoption.model import Rubric as Direct
        print(before, Rubric is ia.Rubric is Direct, callable(load_rubric), 'Rubric' in dir(ia))
        """
    )
    assert out == "False True True True"


def test_rank_to_csv_with_a_rubric_file_loads_neither_tabulate_nor_the_plugin_machinery():
    """``tabulate`` (about 0.07 s to import) loads only for the views that draw tables;
    pluggy and the entry points (importlib.metadata, about 0.04 s) only when a region is
    named, the process pool only for ``uncertainty --workers``; numpy.ma (about 0.015 s,
    loaded by a bare ``np.unique``) never; the workbook reader (zipfile) only for a workbook;
    the narrative and DataFrame views only when asked for; another command's module never;
    for a CSV neither the other writers nor json and html."""
    from pathlib import Path

    data = Path(__file__).parent / "data"
    loaded = _run(
        f"""
        import contextlib, io, sys
        from ict_adoption.cli.main import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["rank", {str(data / "rubric_minimal.toml")!r}, {str(data / "cli_scores.csv")!r}, "--format", "csv"])
        print(','.join(m for m in ('tabulate', 'pluggy', 'importlib.metadata', 'concurrent.futures', 'numpy.ma', 'zipfile',
                                   'ict_adoption.views.narrative', 'ict_adoption.views.frame', 'ict_adoption.cli.report_cmd',
                                   'ict_adoption.cli.uncertainty_cmd', 'ict_adoption.io.writers', 'ict_adoption.views.text',
                                   'json', 'html') if m in sys.modules))
        """
    )
    assert loaded == ""
