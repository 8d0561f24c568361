"""Golden-test helpers: check a region's editions against published results.

A province publishes who came first, who tied, and how many units reached each class.
Those figures, written down as rows, are the best test an edition can have. This module
reads them in one documented format and checks a ranking against them, so that a plugin's
golden tests are a few lines::

    from ict_adoption.testing import PublishedResults

    PUBLISHED = PublishedResults(
        region="songlam",
        tables={"2024": EXAMPLES / "songlam_2024.csv"},
        search_from=Path(__file__).parent,
    )

    @pytest.mark.parametrize("row", PUBLISHED.unit_params())
    def test_published_unit(row):
        PUBLISHED.check_unit_row(row)

The two row formats are those of ``shared/reference/published/`` in this project:

* units — ``region, year, bloc, unit, score, rank, tied, band, source``: one unit's
  published result; an empty cell means "not published" and is not checked;
* band counts — ``region, year, bloc, units, band, count, source``: how many of the
  bloc's ``units`` units were published in class ``band``.

Rows come from ``units.csv`` / ``band_counts.csv`` in a directory found upward from
``search_from`` (as ``shared/reference/published/``) or named by an environment variable,
and from a hard-coded copy kept in the test module, so that the tests also run where the
shared files are absent and a test can check that the copy has not drifted.

Failures raise :class:`AssertionError` with the unit, the bloc and both values; helpers
that only make sense under pytest (parameters, a missing directory) import pytest when
called, so importing this module needs nothing beyond the core.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ict_adoption.model import Rubric
from ict_adoption.ranking import Ranking

__all__ = [
    "BAND_FIELDS",
    "UNITS_FIELDS",
    "PublishedResults",
    "read_scores",
    "rows_from_tuples",
    "slug",
]

#: Columns of a units file (one unit's published result per row).
UNITS_FIELDS: tuple[str, ...] = ("region", "year", "bloc", "unit", "score", "rank", "tied", "band", "source")
#: Columns of a band-counts file (units of a bloc published in one class).
BAND_FIELDS: tuple[str, ...] = ("region", "year", "bloc", "units", "band", "count", "source")

Row = dict[str, str]


def rows_from_tuples(fields: Sequence[str], rows: Iterable[Sequence[str]]) -> tuple[Row, ...]:
    """Rows given as tuples (a hard-coded copy) as dicts keyed by ``fields``.

    >>> rows_from_tuples(("a", "b"), [("1", "2")])
    ({'a': '1', 'b': '2'},)
    """
    out = []
    for n, row in enumerate(rows, start=1):
        if len(row) != len(fields):
            raise ValueError(f"row {n} has {len(row)} values, expected {len(fields)} ({', '.join(fields)}): {row!r}")
        out.append(dict(zip(fields, row)))
    return tuple(out)


def slug(text: str) -> str:
    """ASCII id for a test: diacritics dropped, anything else than a letter or digit to ``_``.

    >>> slug("Sở Thông tin và Truyền thông")
    'So_Thong_tin_va_Truyen_thong'
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch if ch.isalnum() else "_" for ch in text).strip("_")


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
    """A region's published results and the tables that should reproduce them.

    ``tables`` maps an assessment year to a score table (``unit, bloc, total``) whose
    ranking must agree with every published row of that year. ``units_copy`` and
    ``bands_copy`` are the hard-coded copies of the region's rows (tuples in the column
    order of :data:`UNITS_FIELDS` / :data:`BAND_FIELDS`). The shared files are looked
    for in ``$env_var`` first, then as ``shared/reference/published`` in ``search_from``
    and each of its parents. ``rubric_for_year`` picks the edition for a year; by default
    the installed edition (:func:`ict_adoption.rubric`) is used.
    """

    region: str
    tables: dict[str, Path] = attrs.field(converter=_tables)
    search_from: Path = attrs.field(converter=Path)
    units_copy: tuple[Row, ...] = attrs.field(default=(), converter=lambda rows: rows_from_tuples(UNITS_FIELDS, rows))
    bands_copy: tuple[Row, ...] = attrs.field(default=(), converter=lambda rows: rows_from_tuples(BAND_FIELDS, rows))
    env_var: str = "ICT_ADOPTION_PUBLISHED"
    subdirectory: str = "shared/reference/published"
    rubric_for_year: Callable[[int], Rubric] | None = None

    # ------------------------------------------------------------------ the shared files

    def directory(self) -> Path | None:
        """The directory holding ``units.csv`` and ``band_counts.csv``, or None."""
        env = os.environ.get(self.env_var)
        if env:
            return Path(env)
        for parent in (self.search_from, *self.search_from.resolve().parents):
            candidate = parent / self.subdirectory
            if (candidate / "units.csv").is_file():
                return candidate
        return None

    def missing_message(self) -> str:
        """What to do when the shared files are not found."""
        return (
            f"published reference results not found: expected {self.subdirectory}/units.csv and "
            f"band_counts.csv in {self.search_from} or one of its parents; set {self.env_var} "
            "to the directory that holds them"
        )

    def require_directory(self) -> Path:
        """:meth:`directory`, failing the current pytest test when it is not found."""
        found = self.directory()
        if found is None or not (found / "units.csv").is_file() or not (found / "band_counts.csv").is_file():
            import pytest

            pytest.fail(self.missing_message(), pytrace=False)
        return found

    def shared_rows(self, name: str) -> list[Row] | None:
        """This region's rows of a shared file (NFC text), or None when it is not found."""
        found = self.directory()
        if found is None or not (found / name).is_file():
            return None
        with open(found / name, encoding="utf-8", newline="") as f:
            return [
                {k: unicodedata.normalize("NFC", v) for k, v in row.items()}
                for row in csv.DictReader(f)
                if row["region"] == self.region
            ]

    def check_copy(self) -> None:
        """The hard-coded copies equal the region's rows of the shared files."""
        self.require_directory()
        for name, copy in (("units.csv", self.units_copy), ("band_counts.csv", self.bands_copy)):
            shared = self.shared_rows(name)
            assert shared == list(copy), (
                f"the hard-coded copy of {name} for {self.region} differs from the shared file: "
                f"only shared {[r for r in shared or [] if r not in copy]}, "
                f"only copied {[r for r in copy if r not in (shared or [])]}"
            )

    # ------------------------------------------------------------------ pytest parameters

    def unit_params(self) -> list[Any]:
        """pytest parameters: every shared units row, then every copied one.

        When the shared file is not found, one parameter (``None``) stands for it so that
        the test fails with :meth:`missing_message` instead of silently running less.
        """
        return self._params(self.shared_rows("units.csv"), self.units_copy, "units")

    def band_params(self) -> list[Any]:
        """pytest parameters: every shared band-counts row, then every copied one."""
        return self._params(self.shared_rows("band_counts.csv"), self.bands_copy, "band_counts")

    def _params(self, rows: list[Row] | None, copy: tuple[Row, ...], what: str) -> list[Any]:
        import pytest

        def ident(origin: str, r: Row) -> str:
            return f"{origin}-{r['year']}-{slug(r['bloc'])}-{slug(r.get('unit') or r['band'])}"

        out: list[Any] = []
        if rows is None:
            out.append(pytest.param(None, id=f"shared-{what}-missing"))
        else:
            out.extend(pytest.param(r, id=ident("shared", r)) for r in rows)
        out.extend(pytest.param(r, id=ident("copy", r)) for r in copy)
        return out

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
        from ict_adoption.registry import rubric

        return rubric(self.region, int(year))

    def ranking_for(self, year: str | int, rubric: Rubric | None = None) -> Ranking:
        """The ranking of the score table for ``year`` (under ``rubric`` or the installed edition)."""
        from ict_adoption.ranking import rank

        rubric = rubric if rubric is not None else self.rubric_for(year)
        return rank(rubric, read_scores(self.table_for(year)))

    # ------------------------------------------------------------------ checks

    def check_unit_row(self, row: Row | None) -> None:
        """A units row: the unit is ranked once, in its bloc, with the published score,
        rank, tie and class (each checked where published)."""
        row = self._present(row)
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

    def check_band_row(self, row: Row | None) -> None:
        """A band-counts row: the bloc has the published number of units in that class,
        and the published number of units in all."""
        row = self._present(row)
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

    def _present(self, row: Row | None) -> Row:
        if row is None:  # the placeholder parameter for a missing shared file
            import pytest

            pytest.fail(self.missing_message(), pytrace=False)
        return row
