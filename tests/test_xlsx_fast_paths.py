"""The quick ways a workbook's sheet is read give what the plain ways give.

* ``sheet_facts`` looks for hidden rows, formulas and percent cells in a sheet's bytes first
  and decodes and scans the sheet's text only when one can be there; the reference decodes
  every sheet and runs every pattern.
* ``Workbook.rows`` (calamine) rebuilds only the rows that hold a blank cell; the reference
  rebuilds every row.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import posixpath
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ict_adoption.io import sheet_facts as sf
from ict_adoption.io.cells import PercentCell
from ict_adoption.io.workbook import open_workbook

openpyxl = pytest.importorskip("openpyxl", reason="the workbooks are made with openpyxl")


def plain_sheet_facts(path: str) -> dict[str, sf.SheetFacts]:
    """Every sheet decoded whole and every pattern run on its text (the way before the byte tests)."""
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        targets = {}
        for tag in sf._REL.findall(rels):
            a = sf._attrs(tag)
            target = a.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[a.get("Id", "")] = target
        percent = sf._percent_styles(z)
        ids = "|".join(map(str, sorted(percent)))
        style = re.compile(r'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bs="(' + ids + r')"')
        style_first = re.compile(r'<c\b[^>]*?\bs="(' + ids + r')"[^>]*?\br="([A-Z]+)(\d+)"')
        out = {}
        for tag in sf._SHEET.findall(book):
            a = sf._attrs(tag)
            rid = next((v for k, v in a.items() if k.endswith(":id")), "")
            xml = z.read(targets[rid]).decode("utf-8", "replace")
            facts = sf.SheetFacts()
            cols_end = xml.find("</cols>")
            if cols_end > 0:
                for col in sf._COL.findall(xml[:cols_end]):
                    c = sf._attrs(col)
                    if c.get("hidden") in ("1", "true") and c.get("min", "").isdigit():
                        lo, hi = int(c["min"]), int(c.get("max", c["min"]))
                        facts.hidden_columns.update(range(lo - 1, min(hi, 16384)))
            for row in sf._HIDDEN_ROW.findall(xml):
                m = sf._ROW_NUMBER.search(row)
                if m:
                    facts.hidden_rows.add(int(m[1]))
            for m in sf._BARE_FORMULA.finditer(xml):
                formula = html.unescape(m[3] or "").strip()
                facts.bare_formulas[(int(m[2]), sf.column_index(m[1]))] = f"={formula}" if formula else "(a shared formula)"
            if percent:
                for m in style.finditer(xml):
                    facts.percent_cells.add((int(m[2]), sf.column_index(m[1])))
                for m in style_first.finditer(xml):
                    facts.percent_cells.add((int(m[3]), sf.column_index(m[2])))
            out[a.get("name", "")] = facts
        return out


def plain_rows(path: str, name: str, facts: sf.SheetFacts) -> list[list[Any]]:
    """``Workbook.rows`` with calamine, every row rebuilt (the way before)."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    raw = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    rows = [[None if v == "" else v for v in r] for r in raw]
    for (rn, cj) in facts.percent_cells:
        if rn - 1 < len(rows) and cj < len(rows[rn - 1]):
            v = rows[rn - 1][cj]
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                rows[rn - 1][cj] = PercentCell(Decimal(repr(float(v))) * 100)
    while rows and all(v is None or (isinstance(v, str) and not v.strip()) for v in rows[-1]):
        rows.pop()
    if dt.timedelta in set(map(type, itertools.chain.from_iterable(rows))):
        rows = [[(dt.datetime.min + v).time() if isinstance(v, dt.timedelta) else v for v in r] for r in rows]
    return rows


_text = st.lists(st.sampled_from(list('ab Đơn vị<>&"=%f') + ['hidden="1"', "<f>", 's="9"']), max_size=8).map("".join)
_value = st.one_of(
    st.none(),
    st.just(""),
    _text,
    st.integers(-10**6, 10**6),
    st.floats(-1e9, 1e9, allow_nan=False),
    st.booleans(),
    st.sampled_from([dt.time(8, 30), dt.time(0, 0, 1), dt.date(2024, 2, 29)]),
)
_cell = st.tuples(
    _value,
    st.sampled_from([None, None, None, "0%", "0.00%", '0.0"%"', "0.0", "h:mm"]),  # a number format
    st.sampled_from([None, None, None, None, "=SUM(A1:A2)", "=1/0", "=A1&\"<f>\""]),  # a formula without a value
)


@st.composite
def _books(draw: Any) -> list[dict[str, Any]]:
    sheets = []
    for _ in range(draw(st.integers(1, 2))):
        n_rows, n_cols = draw(st.integers(0, 7)), draw(st.integers(1, 5))
        sheets.append({
            "cells": draw(st.lists(st.lists(_cell, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows)),
            "hidden_rows": draw(st.sets(st.integers(1, 8), max_size=3)),
            "hidden_cols": draw(st.sets(st.sampled_from("ABCDEF"), max_size=2)),
        })
    return sheets


def _save(sheets: list[dict[str, Any]], path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k, sheet in enumerate(sheets):
        ws = wb.create_sheet(f"S{k}")
        for i, row in enumerate(sheet["cells"], start=1):
            for j, (value, fmt, formula) in enumerate(row, start=1):
                if formula is not None:
                    ws.cell(i, j, formula)
                elif value is not None:
                    ws.cell(i, j, value)
                if fmt is not None:
                    ws.cell(i, j).number_format = fmt
        for r in sheet["hidden_rows"]:
            ws.row_dimensions[r].hidden = True
        for c in sheet["hidden_cols"]:
            ws.column_dimensions[c].hidden = True
    wb.save(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_books())
def test_sheet_facts_same_as_scanning_every_sheet(tmp_path: Path, sheets: list[dict[str, Any]]) -> None:
    path = tmp_path / "book.xlsx"
    _save(sheets, path)
    assert sf.sheet_facts(str(path)) == plain_sheet_facts(str(path))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_books())
def test_calamine_rows_same_as_rebuilding_every_row(tmp_path: Path, sheets: list[dict[str, Any]]) -> None:
    pytest.importorskip("python_calamine", reason="the rows read by calamine")
    path = tmp_path / "book.xlsx"
    _save(sheets, path)
    wb = open_workbook(str(path), "book.xlsx", engine="calamine")
    try:
        for name in wb.sheetnames:
            got = wb.rows(name)
            want = plain_rows(str(path), name, wb.facts.get(name, sf.SheetFacts()))
            assert [[(type(v), v) for v in r] for r in got] == [[(type(v), v) for v in r] for r in want]
            assert all(type(r) is list for r in got)
    finally:
        wb.close()


def test_percent_styles_not_used_by_a_sheet(tmp_path: Path) -> None:
    """A percent style in styles.xml that no cell of the sheet uses: no percent cell, and the
    sheet next to it (which uses it) still has its percent cells."""
    wb = openpyxl.Workbook()
    a = wb.active
    a.title = "plain"
    a["A1"] = 0.5
    b = wb.create_sheet("pct")
    b["B3"] = 0.25
    b["B3"].number_format = "0%"
    path = tmp_path / "p.xlsx"
    wb.save(path)
    facts = sf.sheet_facts(str(path))
    assert facts == plain_sheet_facts(str(path))
    assert facts["plain"].percent_cells == set()
    assert facts["pct"].percent_cells == {(3, 1)}
