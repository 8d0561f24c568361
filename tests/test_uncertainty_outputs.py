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
    lines = out.split("\n")
    first = lines[next(i for i, x in enumerate(lines) if x.startswith("Đơn vị ") and "Hạng" in x) + 2]  # the least robust
    assert "không" in first
    assert "Monte Carlo" not in err  # no bar: stderr is not a terminal here
    # the same with --lang en, as JSON: the non-robust units come first
    assert main([*DANANG, "--samples", "200", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr()[0])["uncertainty"]
    robust = [u["robust"] for u in data["units"]]
    assert robust == sorted(robust) and not robust[0] and robust[-1]
    assert data["inputs"]["thresholds"]["Tốt"] == ["75.00", "85.00"]


def test_cli_published_pairs_narrow_the_default_ranges(capsys):
    # Đà Nẵng 2021: Thanh tra thành phố was published Tốt with 83.06, so no sample may
    # put the Tốt bound above 83.06 (the default 80 ± 5 would reach 85)
    assert main([*DANANG, "--samples", "200", "--published", "83,06=Tốt", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr()[0])["uncertainty"]
    assert data["inputs"]["thresholds"]["Tốt"] == ["75.00", "83.06"]
    thanh_tra = next(u for u in data["units"] if u["unit"] == "Thanh tra thành phố")
    assert thanh_tra["keep_probability"] == 1.0 and thanh_tra["robust"]
    assert main([*DANANG, "--samples", "20", "--published", "83.06=Tốt", "--lang", "en"]) == 0
    out = capsys.readouterr()[0]
    assert "threshold:Tốt         75–83.06" in out and "at most 83.06 (published: 83.06 was Tốt)" in out
    # a pair the rubric's own bounds contradict, and a malformed one, are refused
    assert main([*DANANG, "--samples", "20", "--published", "79=Tốt"]) != 0
    assert "79" in capsys.readouterr()[1]
    assert main([*DANANG, "--published", "Tốt"]) != 0
    assert "SCORE=CLASS" in capsys.readouterr()[1]


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
    assert wb.sheetnames == ["Đơn vị", "Khối", "Đầu vào"]
    rows = [[c.value for c in r] for r in wb["Đầu vào"].iter_rows()]
    assert rows[1][:2] == ["threshold:Tốt", "75–85"] and "ngưỡng 80 là giả định" in rows[1][2]
    assert main([*DANANG, "--samples", "0"]) == 3
    assert "lỗi: số mẫu: cần một số nguyên dương, nhận được 0" in capsys.readouterr()[1]
    assert main([*DANANG, "--samples", "0", "--lang", "en"]) == 3
    assert "error: samples: expected a positive whole number, got 0" in capsys.readouterr()[1]


def test_cli_inputs_file_is_used_and_checked(tmp_path, capsys):
    toml = tmp_path / "u.toml"
    toml.write_text('[uncertainty]\nthresholds = { "Tốt" = [82, 84] }\n', encoding="utf-8")
    assert main([*DANANG, "--samples", "50", "--inputs", str(toml), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr()[0])["uncertainty"]
    assert data["inputs"] == {"weights": {}, "thresholds": {"Tốt": ["82", "84"]}}
    toml.write_text('[uncertainty]\nthresholds = { "Tốt" = [60, 84] }\n', encoding="utf-8")
    assert main([*DANANG, "--inputs", str(toml)]) == 3
    assert "threshold:Khá: khoảng của ngưỡng lên tới 70, cao hơn cận dưới thấp nhất của 'Tốt' (60)" in capsys.readouterr()[1]
    assert main([*DANANG, "--inputs", str(toml), "--lang", "en"]) == 3
    assert "threshold:Khá: its range reaches 70, above the lowest bound of 'Tốt' (60)" in capsys.readouterr()[1]


def test_input_errors_keep_their_vietnamese_text_across_processes():
    import pickle

    from ict_adoption.uncertainty import UncertainInputError

    exc = pickle.loads(pickle.dumps(UncertainInputError("in English", vi="bằng tiếng Việt")))
    assert str(exc) == "in English" and exc.text("vi") == "bằng tiếng Việt" and exc.text("en") == "in English"
    assert UncertainInputError("only English").text("vi") == "only English"


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


# ----------------------------------------------------------------------------- the guide

GUIDE = "docs/guide/uncertainty.md"


def guide_sessions() -> list[str]:
    """The ```console blocks of docs/guide/uncertainty.md."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / GUIDE).read_text(encoding="utf-8")
    return re.findall(r"```console\n(.*?)```", text, re.S)


def test_guide_shows_the_command_and_a_refusal():
    sessions = guide_sessions()
    assert len(sessions) == 2 and "$ echo $?\n3" in sessions[1]


@pytest.mark.parametrize("session", guide_sessions(), ids=lambda s: s.splitlines()[0][2:70])
def test_guide_sessions_print_what_they_show(session, monkeypatch, replay):
    monkeypatch.delenv("ICT_ADOPTION_PLUGINS", raising=False)
    monkeypatch.delenv("ICT_ADOPTION_LANG", raising=False)
    expected = "\n".join(x.rstrip() for x in session.splitlines()) + "\n"
    assert replay(session) == expected


def test_guide_toml_section_loads_and_fits_the_edition(tmp_path):
    import re
    from pathlib import Path

    from ict_adoption.uncertainty import load_inputs

    text = (Path(__file__).resolve().parents[1] / GUIDE).read_text(encoding="utf-8")
    (block,) = re.findall(r"```toml\n(.*?)```", text, re.S)
    path = tmp_path / "u.toml"
    path.write_text(block, encoding="utf-8")
    inputs = load_inputs(path)
    inputs.check(ia.rubric("danang", 2021))
    assert inputs.names == ["weight:hatang", "weight:ungdung", "threshold:Tốt", "threshold:Khá"]


# ----------------------------------------------------------------------------- report --uncertainty


def test_report_uncertainty_section_lists_the_units_whose_class_is_not_robust(capsys):
    assert main(["report", "danang:2021", "examples/danang_2021.csv", "--uncertainty", "200", "--lang", "en"]) == 0
    out = capsys.readouterr()[0]
    section = out[out.index("## How robust are the ranks and classes"):out.index("## Provenance")]
    res = uncertainty(ia.rubric("danang", 2021), ia.rank(ia.rubric("danang", 2021), "examples/danang_2021.csv"),
                      samples=200, seed=0)
    bad = [u["unit"] for u in res.not_robust()]
    assert bad and all(f"| {u} " in section for u in bad)
    assert "| Sở Thông tin và Truyền thông " not in section  # robust units are left out of the report
    assert f"Units whose class is not robust (kept in under 95 % of samples): {len(bad)}" in section
    assert "threshold:Tốt" in section and "assumed bound 80 ± 5" in section
    # without the option the report has no such section
    assert main(["report", "danang:2021", "examples/danang_2021.csv", "--lang", "en"]) == 0
    assert "How robust" not in capsys.readouterr()[0]


def test_report_uncertainty_html_charts_and_xlsx_summary(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    html = tmp_path / "r.html"
    args = ["report", "quangnam:2018", "examples/compare/quangnam_2019.csv", "--uncertainty", "300"]
    assert main([*args, "--plots", "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "Độ vững của thứ hạng và xếp loại" in page
    rubric = ia.rubric("quangnam", 2018)
    res = uncertainty(rubric, ia.rank(rubric, "examples/compare/quangnam_2019.csv"), samples=300, seed=0)
    codes = np.asarray(res.ranking.scored.bloc_codes)[res.rows]
    moved = {int(c) for c in codes[res.rank_low != res.rank_high]}
    assert moved and page.count('<figure class="uncertainty-chart">') == len(moved)
    xlsx = tmp_path / "r.xlsx"
    assert main([*args, "-o", str(xlsx)]) == 0
    openpyxl = pytest.importorskip("openpyxl")
    cells = [c.value for ws in openpyxl.load_workbook(xlsx) for row in ws.iter_rows() for c in row if c.value]
    first = res.not_robust()[0]
    assert f"{first['unit']}: {first['nominal_class']}, giữ xếp loại {round(100 * first['keep_probability'])} %" in cells


def test_json_text_reads_as_the_indented_json_it_replaces():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ict_adoption.uncertainty.render import json_text

    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
    values = st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["units", "a", "b"]), inner, max_size=3)),
        max_leaves=12)
    records = st.lists(st.dictionaries(st.text(max_size=5), values, max_size=3), max_size=4)

    @settings(max_examples=200, deadline=None)
    @given(st.dictionaries(st.sampled_from(["units", "x", "y"]), st.one_of(values, records), max_size=3),
           records)
    def check(data, units):
        doc = {"uncertainty": {**data, "units": units}}
        assert json.loads(json_text(doc)) == doc
        if units:  # one line per unit record
            assert all(json.dumps(u, ensure_ascii=False) in json_text(doc) for u in units)

    check()


def test_vietnamese_tables_write_decimal_commas():
    rubric = ia.rubric("quangnam", 2018)
    ranking = ia.rank(rubric, "examples/compare/quangnam_2019.csv")
    res = uncertainty(rubric, ranking, samples=100, seed=0)
    vi, en = res.table(), res.table(lang="en")
    shift = f"{res.bloc_shift['huyen_tx_tp']:.2f}"
    assert shift.replace(".", ",") in vi and shift in en and "0,8–1,2" in vi and "0.8–1.2" in en
    s = sensitivity(rubric, ranking, n=16, seed=0)
    first = f"{s.first[0, 0]:.3f}"
    assert first.replace(".", ",") in s.table() and first in s.table(lang="en")


def test_help_is_in_the_cli_language(capsys, monkeypatch):
    main(["uncertainty", "--help"])
    assert "số mẫu Monte Carlo (mặc định 1000)" in capsys.readouterr()[0]
    monkeypatch.setenv("ICT_ADOPTION_LANG", "en")
    main(["uncertainty", "--help"])
    assert "Monte Carlo samples (default 1000)" in capsys.readouterr()[0]


def test_cli_says_why_the_first_sobol_run_pauses_only_on_a_terminal(monkeypatch):
    """The first sensitivity() imports SALib/scipy (seconds): said on a terminal, once."""
    import sys

    from ict_adoption.cli.uncertainty_cmd import _loading_note

    class Tty(io.StringIO):
        def isatty(self):
            return True

    fake = Tty()
    monkeypatch.setattr("sys.stderr", fake)
    monkeypatch.delitem(sys.modules, "SALib", raising=False)
    _loading_note("en")
    _loading_note("vi")
    assert "Sobol: loading SALib and scipy" in fake.getvalue() and "đang nạp SALib" in fake.getvalue()
    monkeypatch.setitem(sys.modules, "SALib", object())
    before = fake.getvalue()
    _loading_note("en")  # already imported: nothing to say
    assert fake.getvalue() == before
    plain = io.StringIO()
    monkeypatch.delitem(sys.modules, "SALib")
    monkeypatch.setattr("sys.stderr", plain)
    _loading_note("en")  # not a terminal: silent
    assert plain.getvalue() == ""
