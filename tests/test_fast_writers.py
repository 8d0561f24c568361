"""Property tests of the column-at-a-time writing paths against plain references.

Each vectorised or table-driven path (name order, the decimal formatter, the
fixed-width text table, the records) is checked against the one-value-at-a-time
definition it replaces, on generated inputs (hypothesis).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from ict_adoption.exact import format_scaled_column
from ict_adoption.ranks import name_order, name_order_reference
from ict_adoption.views.fixed_width import is_plain, simple_table

# names as people type them: Vietnamese letters in either case, spaces, punctuation,
# and now and then a combining mark, a capital sigma, a wide or a control character
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "  &-.,()0123456789" + "\u0301\u0323Σσß\u3000語\t"
names = st.text(alphabet=ALPHABET, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(names, max_size=40))
def test_name_order_matches_the_reference(values):
    np.testing.assert_array_equal(name_order(values), name_order_reference(values))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-(10**15), 10**15), max_size=30), st.integers(0, 6), st.booleans())
def test_format_scaled_column_matches_decimal(values, precision, comma):
    expected = [
        f"{Decimal(v).scaleb(-precision):.{precision}f}".replace(".", "," if comma else ".") for v in values
    ]
    assert format_scaled_column(np.array(values, dtype=np.int64), precision, comma) == expected


cells = st.text(alphabet=ALPHABET + "=—–'\"\n\x1b\x01", max_size=10) | st.sampled_from(["True", "False", "", " x "])


@settings(max_examples=400, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda k: st.tuples(
            st.lists(st.text(alphabet=ALPHABET, max_size=8), min_size=k, max_size=k),
            st.lists(st.lists(cells, min_size=k, max_size=k), max_size=8),
        )
    )
)
def test_simple_table_is_tabulate_byte_for_byte(data):
    headers, rows = data
    assert simple_table(headers, rows) == tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


PLAIN = VIETNAMESE + VIETNAMESE.upper() + " &-.,()0123456789=—–"


@settings(max_examples=400, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda k: st.tuples(
            st.lists(st.text(alphabet=PLAIN, max_size=8), min_size=k, max_size=k),
            st.lists(st.lists(st.text(alphabet=PLAIN, max_size=10), min_size=k, max_size=k), max_size=8),
        )
    )
)
def test_simple_table_fast_path_is_tabulate_byte_for_byte(data):
    """Plain cells (the fast path itself, not the fallback) print as tabulate prints them."""
    headers, rows = data
    assert is_plain(headers) and all(is_plain(r) for r in rows)
    assert simple_table(headers, rows) == tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


# --------------------------------------------------------------------------- records, JSON

import json  # noqa: E402

import ict_adoption as ia  # noqa: E402
from ict_adoption.io.writers import render  # noqa: E402
from ict_adoption.views.json_text import records_json  # noqa: E402


def _rubric(precision: int) -> ia.Rubric:
    return ia.Rubric(
        region="t", edition="1", title="Thử", years=2020, precision=precision,
        groups=[
            ia.Group(id="a", name="A", max=60, criteria=[ia.Criterion(id="a1", name="A1", max=30), ia.Criterion(id="a2", name="A2", max=30)]),
            ia.Group(id="b", name="B", max=40),
        ],
        blocs=[ia.Bloc(id="x", name="Khối \"X\""), ia.Bloc(id="y", name="Khối Y")],
        bands=[ia.Band(label="Tốt", label_en="Good", min=50), ia.Band(label="Yếu")],
        default_provenance={"assumed": "test"},
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 1), st.integers(0, 1000), st.integers(0, 1000), st.integers(0, 1000),
                  st.sampled_from(["criteria", "group", "blank"]), st.sampled_from(["", "ghi chú", "\"q\"\n"])),
        min_size=1, max_size=20,
    ),
    st.sampled_from(["competition", "dense", "fractional", "ordinal"]),
    st.integers(1, 3),
)
def test_records_json_is_json_dumps_byte_for_byte(spec, method, precision):
    """The column-at-a-time JSON equals json.dumps of the records (criteria, groups only,
    no report, notes, every method)."""
    rubric = _rubric(precision)
    data: dict[str, list] = {"unit": [], "bloc": [], "a1": [], "a2": [], "a": [], "b": [], "note": []}
    for k, (bloc, a1, a2, b, level, note) in enumerate(spec):
        data["unit"].append(f"Sở {k} \\ «x»")
        data["bloc"].append(rubric.blocs[bloc].id)
        # points with the rubric's decimals, within the maxima
        a1, a2, b = round(a1 * 30 / 1000, precision), round(a2 * 30 / 1000, precision), round(b * 40 / 1000, precision)
        data["a1"].append(a1 if level == "criteria" else None)
        data["a2"].append(a2 if level == "criteria" else None)
        data["a"].append(round(a1 + a2, precision) if level == "group" else None)
        data["b"].append(None if level == "blank" else b)
        data["note"].append(note or None)
    ranking = ia.rank(rubric, data, method, missing="exclude")
    expected = json.dumps(ranking.to_records(), ensure_ascii=False, indent=2)
    assert records_json(ranking) == expected
    assert render(ranking, "json") == expected


# --------------------------------------------------------------------------- Markdown

from ict_adoption.views.markdown import md_cells, md_escape  # noqa: E402

md_text = st.text(alphabet=ALPHABET + "\\`*_[]#|<>~$&;\n\r\x0b\x0c\x1c\x85\u2028+-=.)", max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(md_text | st.integers() | st.none(), max_size=12))
def test_md_cells_is_md_escape_of_each_cell(cells):
    assert md_cells(cells) == [md_escape(c) for c in cells]
