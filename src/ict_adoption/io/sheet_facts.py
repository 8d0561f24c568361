"""What an .xlsx sheet hides from a reader of its values: hidden rows and columns,
formula cells without a saved value, percent-formatted cells.

Read straight from the workbook's XML (an .xlsx is a zip of XML parts) with a few
compiled patterns, so the facts are the same whichever engine reads the values
(python-calamine or openpyxl) and cost one pass over each sheet's text: a pattern
matches only the cells it is about (a formula cell with no value, a cell whose style
is a percent format), never every cell in Python. A sheet's bytes are first searched for
what each pattern needs (``hidden="``, ``<f``, ``s="<a percent style>"``); a sheet with
none of them (most sheets) is not decoded nor scanned.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

__all__ = ["SheetFacts", "sheet_facts", "column_index"]

_SHEET = re.compile(r"<sheet\b[^>]*?>")
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_REL = re.compile(r"<Relationship\b[^>]*?>")
_COL = re.compile(r"<col\b[^>]*?>")
_HIDDEN_ROW = re.compile(r'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*?>')
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
# a formula cell whose value is missing or empty
_BARE_FORMULA = re.compile(
    r'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?<!/)>\s*<f\b[^>]*?(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_XF = re.compile(r"<xf\b[^>]*?>")
_NUMFMT = re.compile(r"<numFmt\b[^>]*?>")
_BUILTIN_PERCENT = {9, 10}


def column_index(letters: str) -> int:
    """``"A"`` → 0, ``"AB"`` → 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass
class SheetFacts:
    """Per sheet: hidden column indices (0-based), hidden row numbers (1-based),
    formula cells without a value and percent-formatted cells, by (row number, column index)."""

    hidden_columns: set[int] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    bare_formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    percent_cells: set[tuple[int, int]] = field(default_factory=set)


def _attrs(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(tag)}


def _percent_styles(z: zipfile.ZipFile) -> set[int]:
    try:
        text = z.read("xl/styles.xml").decode("utf-8", "replace")
    except KeyError:
        return set()
    percent_ids = set(_BUILTIN_PERCENT)
    for tag in _NUMFMT.findall(text):
        a = _attrs(tag)
        code = re.sub(r'"[^"]*"|\\.', "", a.get("formatCode", ""))
        if "%" in code and a.get("numFmtId", "").isdigit():
            percent_ids.add(int(a["numFmtId"]))
    start = text.find("<cellXfs")
    end = text.find("</cellXfs>", start)
    if start < 0:
        return set()
    out = set()
    for k, tag in enumerate(_XF.findall(text[start:end])):
        fmt = _attrs(tag).get("numFmtId", "0")
        if fmt.isdigit() and int(fmt) in percent_ids:
            out.add(k)
    return out


def sheet_facts(path: str) -> dict[str, SheetFacts]:
    """Sheet name → its facts; an empty dict when the file is not an .xlsx zip."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return {}
    with z:
        try:
            book = z.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        except KeyError:
            return {}
        targets = {}
        for tag in _REL.findall(rels):
            a = _attrs(tag)
            target = a.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[a.get("Id", "")] = target
        percent = _percent_styles(z)
        style = re.compile(r'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bs="(' + "|".join(map(str, sorted(percent))) + r')"') if percent else None
        style_first = re.compile(r'<c\b[^>]*?\bs="(' + "|".join(map(str, sorted(percent))) + r')"[^>]*?\br="([A-Z]+)(\d+)"') if percent else None
        percent_tags = [f's="{k}"'.encode() for k in sorted(percent)] if percent else None
        out: dict[str, SheetFacts] = {}
        for tag in _SHEET.findall(book):
            a = _attrs(tag)
            name = a.get("name", "")
            rid = next((v for k, v in a.items() if k.endswith(":id")), "")
            part = targets.get(rid)
            if part is None or part not in z.namelist():
                continue
            data = z.read(part)
            facts = SheetFacts()
            # Each test below is on the bytes: an ASCII text is in the bytes exactly when it is in
            # their text (decoded with "replace", an ASCII byte stays itself), and the columns end
            # at an ASCII "<", so the bytes before it decode to the text before it. The sheet's
            # text is decoded only when a pattern can match (most sheets hide nothing).
            hidden = b'hidden="' in data  # (a hidden column has it too)
            cols_end = data.find(b"</cols>") if hidden else -1
            if cols_end > 0:
                for col in _COL.findall(data[:cols_end].decode("utf-8", "replace")):
                    c = _attrs(col)
                    if c.get("hidden") in ("1", "true") and c.get("min", "").isdigit():
                        lo, hi = int(c["min"]), int(c.get("max", c["min"]))
                        facts.hidden_columns.update(range(lo - 1, min(hi, 16384)))
            formulas = b"<f" in data
            # a percent cell has s="<one of the ids>" in its tag
            styled = percent_tags is not None and any(t in data for t in percent_tags)
            if not (hidden or formulas or styled):
                out[name] = facts
                continue
            xml = data.decode("utf-8", "replace")
            del data
            if hidden:
                for row in _HIDDEN_ROW.findall(xml):
                    m = _ROW_NUMBER.search(row)
                    if m:
                        facts.hidden_rows.add(int(m[1]))
            if formulas:
                for m in _BARE_FORMULA.finditer(xml):
                    formula = html.unescape(m[3] or "").strip()
                    facts.bare_formulas[(int(m[2]), column_index(m[1]))] = f"={formula}" if formula else "(a shared formula)"
            if styled and style is not None and style_first is not None:
                for m in style.finditer(xml):
                    facts.percent_cells.add((int(m[2]), column_index(m[1])))
                for m in style_first.finditer(xml):
                    facts.percent_cells.add((int(m[3]), column_index(m[2])))
            out[name] = facts
        return out
