"""Golden-test helpers: check a region's editions against its published results.

A province publishes who came first, who tied, and how many units reached each class.
Those figures, written down as rows with their citations, are the best test an edition
can have. A plugin keeps them in a folder beside its tests and gets its golden tests in
a few lines::

    from ict_adoption.testing import PublishedResults

    PUBLISHED = PublishedResults.read(
        Path(__file__).parent / "published",
        region="songlam",
        tables={2024: EXAMPLES / "songlam_2024.csv"},
    )
    test_published_results = PUBLISHED.golden_test()

The folder holds three CSV files (UTF-8, a heading row):

* ``units.csv`` — ``region, year, bloc, unit, score, rank, tied, band, source``: one
  unit's published result; an empty cell means "not published" and is not checked;
* ``band_counts.csv`` — ``region, year, bloc, units, band, count, source``: how many of
  the bloc's ``units`` units were published in class ``band``;
* ``sources.csv`` — ``id, citation``: every ``source`` above, cited as a reader can find
  it (number, date, issuer or outlet, title, where it was read).

Either of the first two may be absent (a region that published no class counts), not
both. Every row is read and checked: a row of another region, a cell too many, a source
without a citation is an error naming the file and the row — nothing is skipped
silently. ``tables`` maps an assessment year to a score table (``unit, bloc, total``)
whose ranking must reproduce every published row of that year.

Failures raise :class:`AssertionError` with the unit, the bloc and both values. Importing
this module needs nothing beyond the core; :meth:`PublishedResults.golden_test` imports
pytest when called.

The module is also a pytest plugin: with ``addopts = "-p ict_adoption.testing"`` in a
plugin's pytest configuration, a test run starts without the ``ICT_ADOPTION_*``
environment variables (``ICT_ADOPTION_PLUGINS`` selects which plugins load), so that a
variable set in someone's shell cannot change what the suite tests.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .model import Rubric
from .ranking import Ranking, rank
from .region_plugins.registry import rubric as installed_rubric

__all__ = [
    "BAND_FIELDS",
    "ENV_PREFIX",
    "SOURCE_FIELDS",
    "UNITS_FIELDS",
    "PublishedResults",
    "read_rows",
    "read_scores",
    "reference_ranks",
    "slug",
]

def reference_ranks(
    blocs: Sequence[Any], scores: Sequence[Any], method: str = "competition", tie_keys: Sequence[Sequence[Any]] = ()
) -> tuple[list[float], list[bool]]:
    """Ranks within blocs and tied flags in plain Python, from the definitions: the one
    reference the tests and benchmarks check the vectorised ranking against.

    Higher scores rank first. A unit's ``competition`` rank is 1 + the number of units of
    its bloc with a higher score; ``dense`` counts distinct higher scores; ``fractional``
    is the mean of the places its tie takes; ``ordinal`` breaks ties by ``tie_keys``
    (lower first, in order), then by row. ``tied``: another unit of the bloc has the same
    score. Each bloc is sorted once (O(n log n)), so it also serves at a million units.

    >>> reference_ranks(["a", "a", "a", "b"], [5, 7, 5, 1])
    ([2, 1, 2, 1], [True, False, True, False])
    """
    if method not in ("competition", "dense", "fractional", "ordinal"):
        raise ValueError(f"unknown method {method!r}")
    by_bloc: dict[Any, list[int]] = {}
    for i, b in enumerate(blocs):
        by_bloc.setdefault(b, []).append(i)
    ranks: list[float] = [0] * len(scores)
    tied = [False] * len(scores)
    for rows in by_bloc.values():
        rows.sort(key=lambda i: (-scores[i], *(k[i] for k in tie_keys), i))
        start, distinct = 0, 0
        while start < len(rows):
            stop = start
            while stop < len(rows) and scores[rows[stop]] == scores[rows[start]]:
                stop += 1
            distinct += 1
            for offset, i in enumerate(rows[start:stop]):
                tied[i] = stop - start > 1
                ranks[i] = {
                    "competition": start + 1,
                    "dense": distinct,
                    "fractional": start + 1 + (stop - start - 1) / 2,
                    "ordinal": start + 1 + offset,
                }[method]
            start = stop
    return ranks, tied


#: Columns of ``units.csv`` (one unit's published result per row).
UNITS_FIELDS: tuple[str, ...] = ("region", "year", "bloc", "unit", "score", "rank", "tied", "band", "source")
#: Columns of ``band_counts.csv`` (units of a bloc published in one class).
BAND_FIELDS: tuple[str, ...] = ("region", "year", "bloc", "units", "band", "count", "source")
#: Columns of ``sources.csv`` (the citation of each source id).
SOURCE_FIELDS: tuple[str, ...] = ("id", "citation")

Row = dict[str, str]

#: The prefix of the environment variables the library reads.
ENV_PREFIX = "ICT_ADOPTION_"


def pytest_configure(config: Any) -> None:
    """pytest hook (``-p ict_adoption.testing``): drop every ``ICT_ADOPTION_*`` variable.

    The default registry is discovered after this, so it holds every installed plugin.
    """
    for name in [n for n in os.environ if n.startswith(ENV_PREFIX)]:
        del os.environ[name]


def slug(text: str) -> str:
    """ASCII id for a test: diacritics dropped, anything else than a letter or digit to ``_``.

    >>> slug("Sở Thông tin và Truyền thông")
    'So_Thong_tin_va_Truyen_thong'
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch if ch.isalnum() else "_" for ch in text).strip("_")


def read_rows(path: Path, fields: Sequence[str]) -> tuple[Row, ...]:
    """The rows of a CSV file whose heading is exactly ``fields`` (text NFC-normalised).

    A different heading, or a row with more or fewer cells than the heading, is a
    :class:`ValueError` naming the file and the row.
    """
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        heading = next(reader, None)
        if heading is None or tuple(h.strip() for h in heading) != tuple(fields):
            raise ValueError(f"{path}: the heading must be {', '.join(fields)}; found {heading!r}")
        rows = []
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue  # a blank line
            if len(cells) != len(fields):
                raise ValueError(
                    f"{path}, row {reader.line_num}: {len(cells)} cells, expected {len(fields)} ({', '.join(fields)})"
                )
            rows.append({k: unicodedata.normalize("NFC", v.strip()) for k, v in zip(fields, cells)})
    return tuple(rows)


def read_scores(path: Path) -> list[dict[str, Any]]:
    """A score table (``unit, bloc, total`` and any other columns) with exact totals.

    ``total`` is read as :class:`~decimal.Decimal`; an unreadable total names the file,
    the row and the text.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"score table not found: {path}")
    with open(path, encoding="utf-8", newline="") as f:
        rows: list[dict[str, Any]] = list(csv.DictReader(f))
    for n, row in enumerate(rows, start=2):  # row 1 is the heading
        try:
            row["total"] = Decimal(row["total"])
        except (ArithmeticError, TypeError, KeyError):
            raise ValueError(f"{path}, row {n}: total {row.get('total')!r} is not a number") from None
    return rows


def _tables(value: Mapping[str | int, Path | str]) -> dict[str, Path]:
    return {str(year): Path(path) for year, path in value.items()}


@attrs.frozen
class PublishedResults:
    """A region's published results and the score tables that should reproduce them.

    Build it with :meth:`read` from a folder of published rows; ``units`` and ``bands``
    are the rows, ``sources`` the citation of each source id. ``rubric_for_year`` picks
    the edition for a year; by default the installed one (:func:`ict_adoption.rubric`).
    """

    region: str
    tables: dict[str, Path] = attrs.field(converter=_tables)
    units: tuple[Row, ...] = ()
    bands: tuple[Row, ...] = ()
    sources: dict[str, str] = attrs.field(factory=dict)
    rubric_for_year: Callable[[int], Rubric] | None = None

    def __attrs_post_init__(self) -> None:
        for what, rows in (("units", self.units), ("band counts", self.bands)):
            for n, row in enumerate(rows, start=1):
                if row["region"] != self.region:
                    raise ValueError(f"{what} row {n}: region {row['region']!r}, expected {self.region!r}")
                if row["source"] not in self.sources:
                    known = ", ".join(sorted(self.sources)) or "none"
                    raise ValueError(f"{what} row {n}: source {row['source']!r} has no citation (cited: {known})")
                if row["year"] not in self.tables:
                    raise ValueError(
                        f"{what} row {n}: no score table for {self.region} {row['year']}; "
                        f"tables are given for {sorted(self.tables)}"
                    )

    @classmethod
    def read(
        cls,
        folder: Path | str,
        *,
        region: str,
        tables: Mapping[str | int, Path | str],
        rubric_for_year: Callable[[int], Rubric] | None = None,
    ) -> PublishedResults:
        """The published rows in ``folder`` (``units.csv``, ``band_counts.csv``, ``sources.csv``)."""
        folder = Path(folder)
        found = {name: folder / name for name in ("units.csv", "band_counts.csv", "sources.csv")}
        if not found["sources.csv"].is_file():
            raise FileNotFoundError(f"{found['sources.csv']}: every published row needs its source cited here")
        if not (found["units.csv"].is_file() or found["band_counts.csv"].is_file()):
            raise FileNotFoundError(f"{folder}: neither units.csv nor band_counts.csv is there")

        def rows(name: str, fields: Sequence[str]) -> tuple[Row, ...]:
            return read_rows(found[name], fields) if found[name].is_file() else ()

        sources = {}
        for n, row in enumerate(rows("sources.csv", SOURCE_FIELDS), start=1):
            if not row["id"] or not row["citation"]:
                raise ValueError(f"{found['sources.csv']}, source {n}: both id and citation are needed, got {row}")
            if row["id"] in sources:
                raise ValueError(f"{found['sources.csv']}: source {row['id']!r} is cited twice")
            sources[row["id"]] = row["citation"]
        try:
            return cls(
                region=region,
                tables=tables,
                units=rows("units.csv", UNITS_FIELDS),
                bands=rows("band_counts.csv", BAND_FIELDS),
                sources=sources,
                rubric_for_year=rubric_for_year,
            )
        except ValueError as exc:
            raise ValueError(f"{folder}: {exc}") from None

    # ------------------------------------------------------------------ pytest

    def golden_test(self) -> Callable[[str, Row], None]:
        """A pytest test function, one case per published row (units, then band counts).

        Assign it to a module-level name starting with ``test_``; each case is named
        after its row (``unit-2015-So__Ban__nganh-Cuc_Thue_tinh_Quang_Nam``). One more
        case per score table (``table-2015``) runs :meth:`check_table`.
        """
        import pytest

        cases = [pytest.param("unit", r, id=self._case_id("unit", r, r["unit"])) for r in self.units]
        cases += [pytest.param("band", r, id=self._case_id("band", r, r["band"])) for r in self.bands]
        cases += [pytest.param("table", {"year": y}, id=f"table-{y}") for y in sorted(self.tables)]
        checks = {"unit": self.check_unit_row, "band": self.check_band_row, "table": self.check_table}

        @pytest.mark.parametrize(("kind", "row"), cases)
        def test_published_results(kind: str, row: Row) -> None:
            checks[kind](row)

        test_published_results.__doc__ = f"{self.region}: every published row is reproduced by the ranking."
        return test_published_results

    @staticmethod
    def _case_id(kind: str, row: Row, what: str) -> str:
        return f"{kind}-{row['year']}-{slug(row['bloc'])}-{slug(what)}"

    # ------------------------------------------------------------------ rankings

    def table_for(self, year: str | int) -> Path:
        """The score table for ``year``."""
        try:
            return self.tables[str(year)]
        except KeyError:
            raise LookupError(f"no score table for {self.region} {year}; known years: {sorted(self.tables)}") from None

    def rubric_for(self, year: str | int) -> Rubric:
        """The edition that covers ``year`` (``rubric_for_year``, else the installed one)."""
        if self.rubric_for_year is not None:
            return self.rubric_for_year(int(year))
        return installed_rubric(self.region, int(year))

    def ranking_for(self, year: str | int, rubric: Rubric | None = None) -> Ranking:
        """The ranking of the score table for ``year`` (under ``rubric`` or the installed edition)."""
        rubric = rubric if rubric is not None else self.rubric_for(year)
        return rank(rubric, read_scores(self.table_for(year)))

    # ------------------------------------------------------------------ checks

    def check_unit_row(self, row: Row) -> None:
        """A units row: the unit is ranked once, in its bloc, with the published score,
        rank, tie and class (each checked where published)."""
        rubric = self.rubric_for(row["year"])
        ranking = self.ranking_for(row["year"], rubric)
        bloc_id = rubric.bloc(row["bloc"]).id
        unit = rubric.find_unit(row["unit"])
        name = unit.name if unit is not None else row["unit"]
        found = [r for r in ranking.to_records() if r["unit"] == name]
        assert len(found) == 1, f"{row['unit']!r} ({name!r}) appears {len(found)} times in the ranked table"
        rec = found[0]
        assert rec["bloc"] == bloc_id, f"{name}: bloc {rec['bloc']!r}, published {row['bloc']!r} ({bloc_id})"
        if row["score"]:
            total = Decimal(str(rec["total"]))
            assert total == Decimal(row["score"]), f"{name}: total {rec['total']}, published {row['score']}"
        if row["rank"]:
            assert rec["rank"] == int(row["rank"]), f"{name}: rank {rec['rank']}, published {row['rank']}"
        if row["tied"]:
            assert row["tied"] in ("yes", "no"), f"{name}: tied must be yes or no, not {row['tied']!r}"
            assert rec["tied"] is (row["tied"] == "yes"), f"{name}: tied {rec['tied']}, published {row['tied']}"
        if row["band"]:
            assert rec["band"] == row["band"], f"{name}: class {rec['band']!r}, published {row['band']!r}"

    def check_band_row(self, row: Row) -> None:
        """A band-counts row: the bloc has the published number of units in that class,
        and the published number of units in all."""
        rubric = self.rubric_for(row["year"])
        bloc_id = rubric.bloc(row["bloc"]).id
        counts = self.ranking_for(row["year"], rubric).class_counts()[bloc_id]
        assert row["band"] in counts, f"class {row['band']!r} not in {rubric.region}:{rubric.edition} ({list(counts)})"
        assert counts[row["band"]] == int(row["count"]), (
            f"{row['bloc']}: {counts[row['band']]} units {row['band']}, published {row['count']}"
        )
        assert sum(counts.values()) == int(row["units"]), (
            f"{row['bloc']}: {sum(counts.values())} units ranked, published {row['units']}"
        )

    def check_table(self, row: Mapping[str, str]) -> None:
        """The score table of ``row["year"]`` ranks as given and says where each row comes from.

        Ranked straight from its path it gives the same records as read with exact
        totals. Where it has a ``note`` column, a unit whose result was published that
        year is noted ``published: <its source id> …`` and every other unit
        ``illustrative …``; an illustrative unit missing from its bloc's roster (where
        the edition has one) has a visibly made-up name (``minh họa``).
        """
        year = row["year"]
        rubric = self.rubric_for(year)
        path = self.table_for(year)
        rows = read_scores(path)

        def key(r: Mapping[str, Any]) -> tuple[Any, ...]:
            return (r["unit"], r["bloc"], r["total"], r["rank"], r["tied"], r["band"], r.get("note"))

        by_path = [key(r) for r in rank(rubric, path).to_records()]
        assert by_path == [key(r) for r in rank(rubric, rows).to_records()], f"{path}: ranked from the path differs"
        assert len(by_path) == len(rows), f"{path}: {len(rows)} rows, {len(by_path)} ranked"
        if rows and "note" not in rows[0]:
            return
        published: dict[str, str] = {}
        for r in self.units:
            if r["year"] == year:
                unit = rubric.find_unit(r["unit"])
                published[unit.name if unit is not None else r["unit"]] = r["source"]
        rostered = {u.bloc for u in rubric.units}
        for n, r in enumerate(rows, start=2):
            unit = rubric.find_unit(r["unit"])
            name = unit.name if unit is not None else r["unit"]
            expected = f"published: {published[name]}" if name in published else "illustrative"
            assert r["note"].startswith(expected), f"{path}, row {n} ({name}): note {r['note']!r}, expected {expected!r}…"
            if unit is None and name not in published and rubric.bloc(r["bloc"]).id in rostered:
                assert "minh họa" in r["unit"], (
                    f"{path}, row {n}: {r['unit']!r} is not on the roster of its bloc and not named as made up"
                )
