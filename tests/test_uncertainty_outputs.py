"""The uncertainty analysis as a user meets it: the command line (progress bar only on a
terminal, no partial file after Ctrl-C), every output format, and a dask cluster."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import numpy as np
import pytest

import ict_adoption as ia
from ict_adoption.cli import main
from ict_adoption.uncertainty import ThresholdRange, UncertainInputs, WeightRange, sensitivity, uncertainty
from ict_adoption.uncertainty import analysis

pytest.importorskip("ict_adoption_danang", reason="the command-line examples use the Đà Nẵng plugin")

DANANG = ["uncertainty", "danang:2021", "examples/danang_2021.csv"]


@pytest.fixture(autouse=True)
def _root(monkeypatch, request):
    monkeypatch.chdir(request.config.rootpath)


def test_cli_lists_the_units_whose_class_is_not_robust(capsys):
    assert main([*DANANG, "--samples", "200"]) == 0
    out, err = capsys.readouterr()
    assert "Đơn vị có xếp loại không vững" in out
    first = out.split("\n")[7]  # the first unit row: the least robust
    assert "không" in first
    assert "Monte Carlo" not in err  # no bar: stderr is not a terminal here
    # the same with --lang en, as JSON: the non-robust units come first
    assert main([*DANANG, "--samples", "200", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr()[0])["uncertainty"]
    robust = [u["robust"] for u in data["units"]]
    assert robust == sorted(robust) and not robust[0] and robust[-1]
    assert data["inputs"]["thresholds"]["Tốt"] == ["75.00", "85.00"]


def test_cli_progress_bar_only_on_a_terminal(monkeypatch, capsys):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    fake = Tty()
    monkeypatch.setattr("sys.stderr", fake)
    assert main([*DANANG, "--samples", "300", "--lang", "en"]) == 0
    assert "Monte Carlo" in fake.getvalue() and "/300" in fake.getvalue()


def test_cli_ctrl_c_leaves_no_file(monkeypatch, tmp_path, capsys):
    def interrupted(*args, **kwargs):
        kwargs["progress"](1, 10)
        raise KeyboardInterrupt

    monkeypatch.setattr(analysis, "run_batches", interrupted)
    out = tmp_path / "u.md"
    assert main([*DANANG, "-o", str(out)]) == 130
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cli_workers_sobol_and_files(tmp_path, capsys):
    out = tmp_path / "u.html"
    assert main([*DANANG, "--samples", "64", "--workers", "2", "--sobol", "32", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Chỉ số độ nhạy Sobol" in html and "threshold:Tốt" in html
    xlsx = tmp_path / "u.xlsx"
    assert main([*DANANG, "--samples", "32", "-o", str(xlsx)]) == 0
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Đơn vị", "Khối"]
    assert main([*DANANG, "--samples", "0"]) == 3
    assert "samples: expected a positive whole number, got 0" in capsys.readouterr()[1]


def test_cli_inputs_file_is_used_and_checked(tmp_path, capsys):
    toml = tmp_path / "u.toml"
    toml.write_text('[uncertainty]\nthresholds = { "Tốt" = [82, 84] }\n', encoding="utf-8")
    assert main([*DANANG, "--samples", "50", "--inputs", str(toml), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr()[0])["uncertainty"]
    assert data["inputs"] == {"weights": {}, "thresholds": {"Tốt": ["82", "84"]}}
    toml.write_text('[uncertainty]\nthresholds = { "Tốt" = [60, 84] }\n', encoding="utf-8")
    assert main([*DANANG, "--inputs", str(toml)]) == 3
    assert "threshold:Khá: its range reaches 70, above the lowest bound of 'Tốt' (60)" in capsys.readouterr()[1]


def small():
    rubric = ia.Rubric(
        region="t", edition="1", title="T", years=(2020, None), precision=2,
        groups=[ia.Group(id="a", name="A", max=50), ia.Group(id="b", name="B", max=50)],
        blocs=[ia.Bloc(id="x", name="Khối X", name_en="Bloc X")],
        bands=[ia.Band(label="Tốt", label_en="Good", min=80), ia.Band(label="Khá", label_en="Fair")],
        default_provenance={"assumed": "test"},
    )
    rng = np.random.default_rng(0)
    data = {
        "unit": [f"Đơn vị {i}" for i in range(12)],
        "bloc": ["x"] * 12,
        "a": [Decimal(int(v)) / 100 for v in rng.integers(3000, 5001, 12)],
        "b": [Decimal(int(v)) / 100 for v in rng.integers(3000, 5001, 12)],
    }
    return rubric, data


def test_every_format_of_both_results():
    rubric, data = small()
    res = uncertainty(rubric, data, samples=100)
    sens = sensitivity(rubric, data, n=64)
    for r in (res, sens):
        assert r.table().startswith(("Độ vững", "Chỉ số"))
        assert "|" in r.table(fmt="markdown")
        assert "<table" in r._repr_html_()
        assert json.loads(r.table(fmt="json"))
        assert r.table(fmt="xlsx")[:2] == b"PK"
        with pytest.raises(ValueError, match="format: expected one of"):
            r.table(fmt="pdf")
    en = res.table(lang="en")
    assert "Bloc X" in en and "Good" in en and "Keeps class" in en
    assert res.inputs.names == ["weight:a", "weight:b", "threshold:Tốt"]


def test_a_dask_local_cluster_gives_the_same_result():
    distributed = pytest.importorskip("distributed")
    rubric, data = small()
    inputs = UncertainInputs([WeightRange.relative("a", "0.3")], [ThresholdRange("Tốt", 78, 82)])
    local = uncertainty(rubric, data, inputs, samples=80, seed=4, batch_size=9)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            executor = client.get_executor()
            remote = uncertainty(rubric, data, inputs, samples=80, seed=4, batch_size=9, executor=executor, workers=2)
    np.testing.assert_array_equal(local.median_rank, remote.median_rank)
    np.testing.assert_array_equal(local.class_probability, remote.class_probability)
    assert local.bloc_shift == remote.bloc_shift
