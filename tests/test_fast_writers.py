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


def _ranking(spec, method, precision):
    """A ranking from generated rows: criteria, groups only or no report, notes."""
    rubric = _rubric(precision)
    data: dict[str, list] = {"unit": [], "bloc": [], "a1": [], "a2": [], "a": [], "b": [], "note": []}
    for k, (bloc, a1, a2, b, level, note) in enumerate(spec):
        data["unit"].append(f"Sở {k} \\ «x»" if note else f"Đơn vị {k}")  # plain text, and not
        data["bloc"].append(rubric.blocs[bloc].id)
        # points with the rubric's decimals, within the maxima
        a1, a2, b = round(a1 * 30 / 1000, precision), round(a2 * 30 / 1000, precision), round(b * 40 / 1000, precision)
        data["a1"].append(a1 if level == "criteria" else None)
        data["a2"].append(a2 if level == "criteria" else None)
        data["a"].append(round(a1 + a2, precision) if level == "group" else None)
        data["b"].append(None if level == "blank" else b)
        data["note"].append(note or None)
    return ia.rank(rubric, data, method, missing="exclude")


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
    ranking = _ranking(spec, method, precision)
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


# --------------------------------------------------------------------------- HTML

from ict_adoption.html_text import TABLE, band_colour, td, th  # noqa: E402
from ict_adoption.views import bloc_label, table_rows  # noqa: E402
from ict_adoption.views.html import bloc_table_html, esc  # noqa: E402

RANKING_SPEC = st.tuples(
    st.lists(
        st.tuples(st.integers(0, 1), st.integers(0, 1000), st.integers(0, 1000), st.integers(0, 1000),
                  st.sampled_from(["criteria", "group", "blank"]), st.sampled_from(["", "ghi chú"])),
        min_size=1, max_size=20,
    ),
    st.sampled_from(["competition", "dense", "fractional", "ordinal"]),
    st.integers(1, 3),
)


def _bloc_table_html_reference(rows, section, lang):
    """The table of one bloc a cell at a time, as it was written before (through td)."""
    heads, cells, bands = table_rows(rows, section, lang)
    n_bands = len(rows.rubric.bands)
    bloc = section.bloc
    out = [f'<table {TABLE} data-bloc="{esc(bloc.id)}" id="ia-bloc-{esc(bloc.id)}">']
    out.append(f"<caption>{esc(bloc_label(bloc, lang))}</caption>")
    out.append("<thead><tr>" + "".join(th(h) for h in heads) + "</tr></thead><tbody>")
    s = slice(section.start, section.stop)
    for row, b, tied, ok in zip(cells, bands, rows.tied[s].tolist(), rows.reported[s].tolist()):
        tds = [
            td(row[0], num=True, cls="ia-rank ia-tied" if tied else "ia-rank"),
            td(row[1], cls="ia-unit"),
            td(row[2], num=ok, cls="ia-total"),
            td(row[3], style=f"background:{band_colour(b, n_bands)}" if b >= 0 else "", cls=f"ia-band ia-band-{b}" if b >= 0 else "ia-band"),
        ]
        tds += [td(x, num=True) for x in row[4:]]
        status = "ranked" if ok else "not_reported"
        out.append(f'<tr data-status="{status}">' + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


@settings(max_examples=100, deadline=None)
@given(RANKING_SPEC, st.sampled_from(["vi", "en"]))
def test_bloc_table_html_is_the_cell_by_cell_table(spec, lang):
    rows = _ranking(*spec).rows
    for section in rows.filled_sections:
        assert bloc_table_html(rows, section, lang) == _bloc_table_html_reference(rows, section, lang)


from ict_adoption.views.text import ranking_text  # noqa: E402


@settings(max_examples=100, deadline=None)
@given(RANKING_SPEC, st.sampled_from(["vi", "en"]))
def test_ranking_text_is_tabulate_of_the_table_rows(spec, lang):
    rows = _ranking(*spec).rows
    expected = "\n\n".join(
        f"{bloc_label(s.bloc, lang)}\n"
        + tabulate(table_rows(rows, s, lang, group_names=False)[1], headers=table_rows(rows, s, lang, group_names=False)[0],
                   tablefmt="simple", disable_numparse=True)
        for s in rows.filled_sections
    )
    assert ranking_text(rows, lang=lang) == expected


cells = st.text(alphabet=st.sampled_from(list('aĐ ,"\r\n;x1.') + ["'"]), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5).flatmap(lambda w: st.tuples(
    st.lists(cells, min_size=w, max_size=w),
    st.lists(st.lists(cells, min_size=w, max_size=w), max_size=8),
)))
def test_csv_lines_are_what_the_csv_module_writes(data):
    import csv
    import io

    from ict_adoption.views.csv_text import csv_lines

    header, rows = data
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(header)
    out.writerows(rows)
    columns = [list(c) for c in zip(*rows)] if rows else [[] for _ in header]
    assert csv_lines(header, columns) == buf.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-300, 300), min_size=2, max_size=200), st.integers(0, 3), st.booleans())
def test_format_scaled_column_of_few_values_matches_decimal(values, precision, comma):
    """The lookup-table path (a span of values smaller than the column)."""
    expected = [format(Decimal(v).scaleb(-precision), "f") for v in values]
    if comma:
        expected = [e.replace(".", ",") for e in expected]
    assert format_scaled_column(values * 3, precision, comma) == expected * 3


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 40), st.booleans(), st.booleans()), max_size=60),
    st.sampled_from(["competition", "dense", "ordinal", "modified"]),
)
def test_rank_label_column_matches_rank_label(rows, method):
    from ict_adoption.rows import rank_label, rank_label_column

    rank = np.array([r for r, _, _ in rows], dtype=np.int64)
    tied = np.array([t for _, t, _ in rows], dtype=bool)
    ok = np.array([k for _, _, k in rows], dtype=bool)
    expected = [rank_label(r, t, k, method) for r, t, k in rows]
    assert rank_label_column(rank, tied, ok, method) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(names, st.integers(0, 2), st.integers(1, 4), st.booleans()), max_size=40))
def test_display_order_with_names_only_among_ties_is_the_full_order(rows):
    """Rows.build sorts by name only where bloc, status and rank are all shared."""
    from ict_adoption.rows import _tie_name_order

    units = np.array([r[0] for r in rows], dtype=np.str_)
    bloc = np.array([r[1] for r in rows], dtype=np.int64)
    rank = np.array([r[2] for r in rows], dtype=np.int64)
    unranked = np.array([r[3] for r in rows], dtype=np.int64)
    full = np.lexsort((name_order(units), rank, unranked, bloc))
    fast = np.lexsort((_tie_name_order(units, rank, unranked, bloc), rank, unranked, bloc))
    # equal keys and names may come in either order; what is shown must be the same
    assert units[full].tolist() == units[fast].tolist()
    assert bloc[full].tolist() == bloc[fast].tolist() and rank[full].tolist() == rank[fast].tolist()
