"""Property tests of the issue-11 output fast paths against plain references.

* the display order sorted as one packed int64 key, names by their code points
  (:mod:`ict_adoption.row_order`), against a Python sort with the library's collation key;
* the CSV built from pre-joined runs of columns (:mod:`ict_adoption.views.csv_text`)
  against :mod:`csv` writing the cells of the records one row at a time;
* the text tables against tabulate of the table rows.
"""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ict_adoption.ranks import name_order, name_order_reference
from ict_adoption.row_order import code_point_keys, display_order, pack_columns
from ict_adoption.text import ascii_key

# prefixes as people type them: Vietnamese in either case, Đ/đ, a combining mark, a
# capital sigma, spaces; tails of plain ASCII (the fast path) or anything else
VIETNAMESE = "aăâbdđeêoôơuưyáàảãạấầếềốồớờứừýĐ"
PREFIX = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " \u0301Σσ-.", max_size=6) | st.sampled_from(
    ["", "Đơn vị số ", "aΣ", "Sở Σ", "e\u0301", "Đ"]  # a final sigma lower-cases by what follows it
)
NEUTRAL_TAIL = st.text(alphabet="0123456789abcxyz-._()&'/{~", max_size=5)
ANY_TAIL = st.text(alphabet="0123456789abcxyzABC -._~\u0301ĐđáÁΣ\t\x00", max_size=5)


def _same_order(keys: list[np.ndarray], reference: np.ndarray) -> bool:
    """True when the key words compare every pair of rows as ``reference`` does."""
    n = len(reference)
    rows = [tuple(int(w[i]) for w in keys) for i in range(n)]
    return all(
        (rows[i] < rows[j]) == (reference[i] < reference[j]) and (rows[i] == rows[j]) == (reference[i] == reference[j])
        for i in range(n) for j in range(n)
    )


@settings(max_examples=400, deadline=None)
@given(PREFIX, st.lists(NEUTRAL_TAIL | ANY_TAIL, min_size=1, max_size=25))
@example("aΣ", ["a", "{"])  # "aσa" > "aς{": a final sigma is lower-cased by what follows it
@example("Đơn vị số ", ["010", "01", "1", "", "0-1", "01"])
def test_code_point_keys_order_names_as_the_vietnamese_collation(prefix, tails):
    names = [prefix + t for t in tails]
    arr = np.array(names, dtype=np.str_)
    keys = code_point_keys(arr)
    if keys is not None:
        assert _same_order(keys, name_order_reference(arr.tolist()))
        assert _same_order(keys, name_order(arr))


@settings(max_examples=200, deadline=None)
@given(PREFIX, st.lists(NEUTRAL_TAIL, min_size=1, max_size=25))
def test_code_point_keys_take_a_shared_prefix_and_plain_ascii_tails(prefix, tails):
    """The fast path is taken (not only its fallback) for such names, and is right."""
    names = np.array([prefix + t for t in tails], dtype=np.str_)
    keys = code_point_keys(names)
    if "Σ" in prefix:
        return
    assert keys is not None
    assert _same_order(keys, name_order_reference(names.tolist()))


int64s = st.integers(-(2**62), 2**62)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda k: st.lists(st.tuples(*[st.integers(-3, 3) | int64s] * k), min_size=1, max_size=30)))
def test_pack_columns_order_rows_as_the_columns(rows):
    cols = [np.array(c, dtype=np.int64) for c in zip(*rows)]
    packed = pack_columns(cols)
    reference = np.array([sorted(set(rows)).index(r) for r in rows])
    assert _same_order(packed, reference)
    assert all(w.dtype == np.int64 for w in packed)


units = st.tuples(PREFIX, NEUTRAL_TAIL | ANY_TAIL | st.just(""))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(units, st.integers(0, 2), st.integers(1, 4), st.booleans()), min_size=0, max_size=40),
    st.booleans(),
    st.booleans(),
)
def test_display_order_is_a_python_sort_with_the_collation_key(rows, one_prefix, fractional):
    """Bloc, reported first, rank, then the name (base letters, accents, case, code
    points), equal keys in input order: ties, names that differ by accents, case or Đ,
    empty names, unranked units, ranks as integers or as floats."""
    if one_prefix and rows:
        rows = [((rows[0][0][0], tail), *rest) for (_, tail), *rest in rows]
    names = np.array([p + t for (p, t), *_ in rows], dtype=np.str_)
    blocs = np.array([r[1] for r in rows], dtype=np.int64)
    ranks = np.array([r[2] for r in rows], dtype=np.float64 if fractional else np.int64)
    unranked = np.array([r[3] for r in rows], dtype=np.int64)
    plain = names.tolist()
    expected = sorted(
        range(len(rows)),
        key=lambda i: (blocs[i], unranked[i], ranks[i], ascii_key(plain[i]), plain[i].casefold(), plain[i], i),
    )
    assert display_order(names, blocs, unranked, ranks).tolist() == expected


# --------------------------------------------------------------------------- CSV

import csv  # noqa: E402
import io  # noqa: E402

import ict_adoption as ia  # noqa: E402
from ict_adoption.exact import format_scaled  # noqa: E402
from ict_adoption.row_cells import joined_rows, lookup, points_array  # noqa: E402
from ict_adoption.rows import rank_label  # noqa: E402
from ict_adoption.scoring import LEVELS  # noqa: E402
from ict_adoption.text import formula_safe  # noqa: E402
from ict_adoption.views.csv_text import CSV_COLUMNS, csv_text  # noqa: E402


def _rubric(precision: int) -> ia.Rubric:
    return ia.Rubric(
        region="t", edition="1", title="Thử", years=2020, precision=precision,
        groups=[
            ia.Group(id="a", name="A", max=60, criteria=[ia.Criterion(id="a1", name="A1", max=30), ia.Criterion(id="a2", name="A2", max=30)]),
            ia.Group(id="b", name="B", max=40),
            ia.Group(id="p", name="Trừ", max=100, kind="penalty"),
        ],
        blocs=[ia.Bloc(id="x", name='Khối "X", một'), ia.Bloc(id="y", name="=Khối Y"), ia.Bloc(id="z", name="Khối Z")],
        bands=[ia.Band(label="Tốt, rất tốt", label_en="Good", min=50), ia.Band(label="Khá", min=0), ia.Band(label="-Yếu")],
        default_provenance={"assumed": "test"},
    )


# names with what csv quotes, what a spreadsheet reads as a formula, accents, Đ, case
NAME_PARTS = st.sampled_from(["Sở A", "sở a", "Sở Á", "Đội", "đội", "=1+1", "-x", "+y", "@z", 'Sở "B"', "Sở, C", "Phòng\nD", "Đơn vị số 00"])


def _ranking(spec, method, precision, with_notes, exact_first=False):
    rubric = _rubric(precision)
    data: dict[str, list] = {"unit": [], "bloc": [], "a1": [], "a2": [], "a": [], "b": [], "p": [], "note": []}
    for k, (name, bloc, a1, a2, b, p, level, note) in enumerate(spec):
        data["unit"].append(name if exact_first and k == 0 else f"{name} {k}")
        data["bloc"].append(rubric.blocs[bloc].id)
        a1, a2, b = round(a1 * 30 / 1000, precision), round(a2 * 30 / 1000, precision), round(b * 40 / 1000, precision)
        data["a1"].append(a1 if level == "criteria" else None)
        data["a2"].append(a2 if level == "criteria" else None)
        data["a"].append(round(a1 + a2, precision) if level == "group" else None)
        data["b"].append(None if level == "blank" else b)
        data["p"].append(p if level != "blank" else None)  # a penalty: totals at zero and below
        data["note"].append(note or None)
    if not with_notes:
        del data["note"]
    return ia.rank(rubric, data, method, missing="exclude")


RANKINGS = st.tuples(
    st.lists(
        st.tuples(NAME_PARTS, st.integers(0, 2), st.integers(0, 1000), st.integers(0, 1000), st.integers(0, 1000),
                  st.sampled_from([0, 0, 5, 70, 100]),
                  st.sampled_from(["criteria", "group", "blank"]), st.sampled_from(["", "ghi chú", '"q", r\n', "=SUM(A1)"])),
        min_size=1, max_size=24,
    ),
    st.sampled_from(["competition", "dense", "fractional", "ordinal"]),
    st.integers(0, 3),
    st.booleans(),
)


def _csv_reference(rows) -> str:
    """The CSV a row at a time through :mod:`csv`, every number through format_scaled."""
    r = rows.rubric
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow([*CSV_COLUMNS, *(g.id for g in r.groups), "note"])
    fmt = lambda v: format_scaled(int(v), r.precision)  # noqa: E731
    for k in range(len(rows)):
        ok = bool(rows.reported[k])
        bloc = r.blocs[int(rows.bloc_code[k])]
        band = r.bands[int(rows.band[k])] if int(rows.band[k]) >= 0 else None
        rank = rows.rank[k]
        tied = bool(rows.tied[k])
        out.writerow([
            formula_safe(str(rows.unit[k])), formula_safe(bloc.id), formula_safe(bloc.name),
            (f"{float(rank):g}" if rows.method == "fractional" else str(int(rank))) if ok else "",
            rank_label(rank, tied, ok, rows.method) if ok else "",
            ("true" if tied else "false") if ok else "",
            fmt(rows.total[k]) if ok else "", fmt(r.bloc_max_scaled[int(rows.bloc_code[k])]),
            formula_safe(band.label) if band else "", formula_safe(band.label_en or band.label) if band else "",
            "ranked" if ok else "not_reported", LEVELS[int(rows.level[k])],
            *(fmt(rows.group_points[k, g]) if rows.group_known[k, g] else "" for g in range(len(r.groups))),
            formula_safe(rows.notes[k]) if rows.notes is not None and rows.notes[k] else "",
        ])
    return buf.getvalue()


@settings(max_examples=150, deadline=None)
@given(RANKINGS)
def test_csv_text_is_the_csv_module_row_by_row(spec):
    """Ties, names that need quoting or a formula guard, units with no report, totals at
    zero and below (a penalty), notes or none, every method and precision."""
    rows = _ranking(*spec).rows
    assert csv_text(rows) == _csv_reference(rows)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(-(10**6), 10**6) | st.integers(-(10**15), 10**15), max_size=80),
    st.integers(0, 4), st.booleans(), st.data(),
)
def test_points_array_is_format_scaled_of_each_cell(values, precision, comma, data):
    known = data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values)))
    got = points_array(np.array(values, dtype=np.int64), np.array(known, dtype=bool), precision, prefix=",", blank="-", decimal_comma=comma)
    assert got.tolist() == ["," + format_scaled(v, precision, comma) if k else "-" for v, k in zip(values, known)]
    assert points_array(np.array(values * 3, dtype=np.int64), None, precision).tolist() == [format_scaled(v, precision) for v in values * 3]


@given(st.lists(st.lists(st.text(max_size=3), min_size=3, max_size=3), max_size=10))
def test_joined_rows_lays_the_cells_of_each_row_side_by_side(rows):
    columns = [[r[j] for r in rows] for j in range(3)]
    columns[1] = lookup(columns[1], np.arange(len(rows)))  # an object array among lists
    assert joined_rows(columns, len(rows)) == "".join("".join(r) for r in rows)


# --------------------------------------------------------------------------- text

from tabulate import tabulate  # noqa: E402

from ict_adoption.views import bloc_label, table_rows  # noqa: E402
from ict_adoption.views.text import ranking_text  # noqa: E402

TEXT_NAMES = NAME_PARTS | st.sampled_from(["True", "False", "Sở 語", "Phòng\tE", "Ban  F"])


def _text_reference(rows, lang, sections):
    return "\n\n".join(
        f"{bloc_label(s.bloc, lang)}\n"
        + tabulate(table_rows(rows, s, lang, group_names=False)[1], headers=table_rows(rows, s, lang, group_names=False)[0],
                   tablefmt="simple", disable_numparse=True)
        for s in sections
    )


@settings(max_examples=150, deadline=None)
@given(RANKINGS, st.sampled_from(["vi", "en"]), st.lists(TEXT_NAMES, min_size=24, max_size=24), st.booleans())
def test_ranking_text_is_tabulate_of_each_bloc(spec, lang, names, rename):
    """Ties, blank last cells (a group not known, a unit with no report), totals at zero
    and below, names tabulate pads otherwise (wide, tab) or reads as a bool; one bloc
    or all."""
    if rename:
        spec = ([(names[k], *row[1:]) for k, row in enumerate(spec[0])], *spec[1:])
    rows = _ranking(*spec, exact_first=rename).rows
    assert ranking_text(rows, lang=lang) == _text_reference(rows, lang, rows.filled_sections)
    for s in rows.sections:
        assert ranking_text(rows, s.bloc.id, lang=lang) == _text_reference(rows, lang, [s])


# --------------------------------------------------------------------------- HTML

from ict_adoption.views.coded import TableColumns  # noqa: E402
from ict_adoption.views.html import bloc_table_html, ranking_html, ranking_page  # noqa: E402

HTML_NAMES = NAME_PARTS | st.sampled_from(["Sở <b>", "A & B", "O'Neil", "Sở 語"])


@settings(max_examples=120, deadline=None)
@given(RANKINGS, st.sampled_from(["vi", "en"]), st.lists(HTML_NAMES, min_size=24, max_size=24), st.booleans())
def test_bloc_tables_from_coded_cells_are_the_tables_of_each_bloc(spec, lang, names, rename):
    """The tables made from the cells of all blocs at once equal each bloc's table made
    on its own (escaping, ties, no report, blank group points, every method)."""
    if rename:
        spec = ([(names[k], *row[1:]) for k, row in enumerate(spec[0])], *spec[1:])
    rows = _ranking(*spec).rows
    columns = TableColumns(rows, lang)
    for s in rows.sections:
        for caption in (True, False):
            assert bloc_table_html(rows, s, lang, caption=caption, columns=columns) == bloc_table_html(rows, s, lang, caption=caption)
    assert "<table" in ranking_page(rows, lang=lang) and "<table" in ranking_html(rows, lang=lang)


# --------------------------------------------------------------------------- Markdown

from ict_adoption.views.markdown import _Cells, bloc_table_markdown  # noqa: E402

MD_NAMES = NAME_PARTS | st.sampled_from(["Sở *A*", "A | B", "1. Sở", "- x", "[Sở]", "Sở_C #1", "a\\b"])


@settings(max_examples=120, deadline=None)
@given(RANKINGS, st.sampled_from(["vi", "en"]), st.lists(MD_NAMES, min_size=24, max_size=24), st.booleans())
def test_markdown_tables_from_coded_cells_are_md_table_of_each_bloc(spec, lang, names, rename):
    """Escaping (names, labels), ties, no report, blank group points, every method."""
    if rename:
        spec = ([(names[k], *row[1:]) for k, row in enumerate(spec[0])], *spec[1:])
    rows = _ranking(*spec, exact_first=rename).rows
    cells = _Cells(rows, lang)
    for s in rows.filled_sections:
        assert bloc_table_markdown(rows, s, lang, columns=cells) == bloc_table_markdown(rows, s, lang)
