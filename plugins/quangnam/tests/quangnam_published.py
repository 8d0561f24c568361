"""Published results for Quảng Nam, for this plugin's golden tests.

The expected figures are read at test time from ``shared/reference/published/``
(``units.csv``, ``band_counts.csv``), found upward from this directory or through the
environment variable ``ICT_ADOPTION_PUBLISHED``. A hard-coded copy of this region's rows
is kept below so that the tests also run where ``shared/`` is absent; a test checks that
the copy still equals the shared files. The checks themselves are
:class:`ict_adoption.testing.PublishedResults`.
"""

from __future__ import annotations

from pathlib import Path

from ict_adoption.testing import PublishedResults, read_scores

__all__ = ["EDITIONS_DIR", "PUBLISHED", "read_scores"]

HERE = Path(__file__).resolve().parent
PLUGIN_ROOT = HERE.parent
REPO_ROOT = PLUGIN_ROOT.parent.parent  # plugins/<region>/tests -> the repository
EDITIONS_DIR = PLUGIN_ROOT / "src" / "ict_adoption_quangnam" / "editions"

# Hard-coded copy of this region's rows of shared/reference/published/units.csv.
_UNITS_COPY = (
    ("quangnam", "2015", "Sở, Ban, ngành", "Cục Thuế tỉnh Quảng Nam", "", "1", "no", "", "001_434936cb60537dd4.txt"),
    ("quangnam", "2015", "Sở, Ban, ngành", "Sở Tài nguyên và Môi trường", "", "2", "yes", "", "001_434936cb60537dd4.txt"),
    ("quangnam", "2015", "Sở, Ban, ngành", "Sở Thông tin và Truyền thông", "", "2", "yes", "", "001_434936cb60537dd4.txt"),
    ("quangnam", "2015", "Sở, Ban, ngành", "Sở Công Thương", "", "2", "yes", "", "001_434936cb60537dd4.txt"),
    ("quangnam", "2015", "Huyện, thành phố", "Thành phố Tam Kỳ", "98", "1", "no", "", "001_434936cb60537dd4.txt"),
)

# band_counts.csv has no row for this region (no class counts were published).
_BANDS_COPY: tuple[tuple[str, ...], ...] = ()

#: Ranked tables consistent with the published results, by year.
TABLES = {
    "2015": REPO_ROOT / "examples" / "quangnam_2015.csv",
}

PUBLISHED = PublishedResults(
    region="quangnam",
    tables=TABLES,
    search_from=HERE,
    units_copy=_UNITS_COPY,
    bands_copy=_BANDS_COPY,
)
