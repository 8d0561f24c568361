"""The one row model (``Ranking.rows``) against a plain reference, and the promises it
carries: every view shows the same digits, and rendering never discovers plugins."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ict_adoption as ia
from ict_adoption.exact import format_scaled, format_scaled_column
from ict_adoption.io.writers import FORMATS, render
from ict_adoption.report import REPORT_FORMATS, build_report
from ict_adoption.rows import Rows, rank_label
from ict_adoption.text import ascii_key

DATA = Path(__file__).parent / "data"


def _rubric(precision: int = 2) -> ia.Rubric:
    return ia.Rubric(
        region="t", edition="1", title="Thử", years=2020, precision=precision,
        groups=[ia.Group(id="a", name="A", max=60), ia.Group(id="b", name="B", max=40)],
        blocs=[ia.Bloc(id="x", name="Khối X"), ia.Bloc(id="y", name="Khối Y"), ia.Bloc(id="z", name="Khối Z")],
        bands=[ia.Band(label="Tốt", min=70), ia.Band(label="Khá", min=40), ia.Band(label="Yếu")],
        default_provenance={"assumed": "test"},
    )


# --------------------------------------------------------------------------- reference


def _reference(ranking: ia.Ranking) -> list[tuple]:
    """Display rows computed unit by unit, the plain way: bloc order, ranked first by
    rank then name (base letters, then accents), units with no report last."""
    st_ = ranking.scored
    r = ranking.rubric
    items = []
    for i in range(len(st_)):
        ok = bool(st_.reported[i])
        name = str(st_.units[i])
        items.append(((int(st_.bloc_codes[i]), not ok, float(ranking.ranks[i]), ascii_key(name), name.casefold(), name), i))
    items.sort()
    out = []
    for _, i in items:
        ok = bool(st_.reported[i])
        label = "—"
        if ok:
            label = str(int(ranking.ranks[i])) if ranking.method != "fractional" else f"{float(ranking.ranks[i]):g}"
            if ranking.tied[i] and ranking.method != "ordinal":
                label += "="
        out.append(
            (
                i,
                str(st_.units[i]),
                r.blocs[int(st_.bloc_codes[i])].id,
                label,
                r.bands[int(ranking.band_index[i])].label if ok else None,
                format_scaled(int(st_.total[i]), r.precision) if ok else "",
            )
        )
    return out


names = st.sampled_from(["Sở A", "Sở Á", "Sở B", "Sở Ba", "Huyện Ân", "Huyện An", "đội Đ", "Đội D"])
unit_rows = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 60), st.integers(0, 40), st.booleans()), min_size=1, max_size=24
)


@settings(max_examples=150)
@given(unit_rows, st.sampled_from(["competition", "dense", "fractional", "ordinal"]), st.data())
def test_rows_match_a_unit_by_unit_reference(spec, method, data):
    names_drawn = data.draw(st.lists(names, min_size=len(spec), max_size=len(spec)))
    units = [f"{n} {k}" for k, n in enumerate(names_drawn)]
    rubric = _rubric()
    blocs = [rubric.blocs[b].id for b, *_ in spec]
    a = [x if ok else None for _, x, _, ok in spec]
    b = [y for _, _, y, _ in spec]
    ranking = ia.rank(rubric, {"unit": units, "bloc": blocs, "a": a, "b": b}, method, missing="exclude")
    rows = ranking.rows
    ref = _reference(ranking)
    assert rows.index.tolist() == [x[0] for x in ref]
    assert rows.unit.tolist() == [x[1] for x in ref]
    assert [rubric.blocs[c].id for c in rows.bloc_code.tolist()] == [x[2] for x in ref]
    assert list(rows.rank_labels) == [x[3] for x in ref]
    assert rows.total_text() == [x[5] for x in ref]
    recs = ranking.to_records()
    assert [(r["unit"], r["rank_label"], r["band"]) for r in recs] == [(x[1], x[3], x[4]) for x in ref]
    # sections: each bloc a contiguous slice, ranked rows first, counts per class
    for s in rows.sections:
        in_bloc = [k for k, x in enumerate(ref) if x[2] == s.bloc.id]
        assert list(s.rows) == in_bloc
        assert all(rows.reported[k] for k in s.ranked) and not any(rows.reported[k] for k in s.not_reported)
        expected = [sum(1 for k in s.ranked if ref[k][4] == band.label) for band in rubric.bands]
        assert list(s.counts) == expected
    assert ranking.class_counts() == {
        s.bloc.id: {band.label: n for band, n in zip(rubric.bands, s.counts)} for s in rows.sections
    }


@given(st.lists(st.integers(-10**12, 10**12), max_size=40), st.integers(0, 6), st.booleans())
def test_the_column_formatter_is_the_one_formatter(values, precision, comma):
    from decimal import Decimal

    expected = [f"{Decimal(v).scaleb(-precision):.{precision}f}" for v in values]
    if comma:
        expected = [x.replace(".", ",") for x in expected]
    assert format_scaled_column(values, precision, comma) == expected
    assert [format_scaled(v, precision, comma) for v in values] == expected


def test_rank_label_rules():
    assert rank_label(2, True, True, "competition") == "2="
    assert rank_label(2, True, True, "ordinal") == "2"
    assert rank_label(2.5, True, True, "fractional") == "2.5="
    assert rank_label(0, False, False, "competition") == "—"


def test_rows_are_read_only_and_built_once():
    ranking = ia.rank(_rubric(), {"unit": ["A", "B"], "bloc": ["x", "x"], "total": [50, 60]})
    assert ranking.rows is ranking.rows
    assert isinstance(ranking.rows, Rows)
    with pytest.raises(ValueError):
        ranking.rows.total[0] = 1


# --------------------------------------------------------------------------- same digits


def test_every_format_prints_a_total_with_the_same_digits():
    """12.5 and 7 at precision 2 are "12.50" and "7.00" in every text format; Excel
    stores the number and shows it with the rubric's two decimals."""
    openpyxl = pytest.importorskip("openpyxl")
    ranking = ia.rank(_rubric(2), {"unit": ["Sở A", "Sở B"], "bloc": ["x", "x"], "a": [12.5, 7], "b": [0, 0]})
    for fmt in FORMATS:
        out = render(ranking, fmt)
        if fmt == "xlsx":
            ws = openpyxl.load_workbook(io.BytesIO(out)).worksheets[0]
            cells = [(c.value, c.number_format) for c in ws["C"][1:]]
            assert cells == [(12.5, "0.00"), (7, "0.00")]
        elif fmt == "json":
            assert [r["total"] for r in json.loads(out)] == [12.5, 7.0]  # the JSON contract: numbers
        elif fmt == "csv":
            assert "12.50" in out and "7.00" in out, fmt  # a machine format: a decimal point
            assert "12.5 " not in out and "12.5<" not in out and "12.5," not in out, fmt
        else:  # Vietnamese tables: the decimal comma of Vietnamese prose, same digits
            assert "12,50" in out and "7,00" in out, fmt
            assert "12.5" not in out and "12,5 " not in out and "12,5<" not in out, fmt
            assert "12.50" in render(ranking, fmt, lang="en"), fmt
    for fmt in REPORT_FORMATS:
        if fmt != "xlsx":
            out = build_report(ranking, fmt)
            assert "12,50" in out and "7,00" in out, fmt
            assert "12.50" in build_report(ranking, fmt, lang="en"), fmt
    assert "12,50 điểm" in ranking.narrative()  # Vietnamese prose: a decimal comma, same digits
    assert "12.50 points" in ranking.narrative("en")


# --------------------------------------------------------------------------- no plugin


def test_rendering_a_rubric_from_a_file_loads_no_plugin(tmp_path):
    """A rubric read from a file renders the same whatever plugins are installed: no view
    discovers them (the region's display name travels on the Rubric)."""
    script = textwrap.dedent(
        f"""
        import sys
        import importlib.metadata as md
        import ict_adoption as ia
        from ict_adoption.io.writers import FORMATS, render
        from ict_adoption.report import REPORT_FORMATS, build_report

        def no_discovery(*a, **k):
            raise AssertionError("entry points were looked up while rendering")

        md.entry_points = no_discovery
        rubric = ia.load_rubric({str(DATA / "rubric_minimal.toml")!r})
        ranking = ia.rank(rubric, {{"unit": ["Sở A", "Sở B"], "bloc": ["so", "so"], "total": [90, 70]}})
        out = [render(ranking, f) for f in FORMATS if f != "xlsx"]
        out += [build_report(ranking, f) for f in REPORT_FORMATS if f != "xlsx"]
        out += [ranking.table(), ranking.narrative(), ranking._repr_html_(), rubric._repr_html_()]
        assert "demo:2015" in out[-1] or "demo" in out[-1]
        plugins = sorted(m for m in sys.modules if m.startswith("ict_adoption_"))
        assert not plugins, plugins
        print("header:", [line for line in out[2].splitlines() if "Địa phương" in line])
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Địa phương: demo ·" in done.stdout
