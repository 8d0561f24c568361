"""Published results for Hà Nội, for this plugin's golden tests.

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
EDITIONS_DIR = PLUGIN_ROOT / "src" / "ict_adoption_hanoi" / "editions"

# Hard-coded copy of this region's rows of shared/reference/published/units.csv.
_UNITS_COPY = (
    ("hanoi", "2013", "Sở, ngành", "Sở Kế hoạch và Đầu tư", "", "", "", "Tốt", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Sở, ngành", "Sở Tài chính", "", "", "", "Tốt", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Sở, ngành", "Sở Thông tin và Truyền thông", "", "", "", "Tốt", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Quận / Thị xã", "Quận Long Biên", "", "", "", "Tốt", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Quận / Thị xã", "Quận Tây Hồ", "", "", "", "Tốt", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Phường / Thị trấn", "Phường Thượng Thanh (quận Long Biên)", "", "", "", "Tốt", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Phường / Thị trấn", "Phường Gia Thụy (quận Long Biên)", "", "", "", "Tốt", "000_89f6dd6359d17236.txt"),
)

# Hard-coded copy of this region's rows of shared/reference/published/band_counts.csv.
_BANDS_COPY = (
    ("hanoi", "2013", "Sở, ngành", "20", "Tốt", "3", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Sở, ngành", "20", "Khá", "12", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Sở, ngành", "20", "Trung bình", "4", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Sở, ngành", "20", "Yếu", "1", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Quận / Thị xã", "11", "Tốt", "2", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Quận / Thị xã", "11", "Khá", "8", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Quận / Thị xã", "11", "Trung bình", "1", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Quận / Thị xã", "11", "Yếu", "0", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Huyện", "18", "Tốt", "0", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Huyện", "18", "Khá", "7", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Huyện", "18", "Trung bình", "9", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Huyện", "18", "Yếu", "2", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Phường / Thị trấn", "15", "Tốt", "2", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Phường / Thị trấn", "15", "Khá", "10", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Phường / Thị trấn", "15", "Trung bình", "3", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Phường / Thị trấn", "15", "Yếu", "0", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Xã", "17", "Tốt", "0", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Xã", "17", "Khá", "8", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Xã", "17", "Trung bình", "9", "000_89f6dd6359d17236.txt"),
    ("hanoi", "2013", "Xã", "17", "Yếu", "0", "000_89f6dd6359d17236.txt"),
)

#: Ranked tables consistent with the published results, by year.
TABLES = {
    "2013": REPO_ROOT / "examples" / "hanoi_2013.csv",
}

PUBLISHED = PublishedResults(
    region="hanoi",
    tables=TABLES,
    search_from=HERE,
    units_copy=_UNITS_COPY,
    bands_copy=_BANDS_COPY,
)
