"""Published results for Đà Nẵng, for this plugin's golden tests.

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
EDITIONS_DIR = PLUGIN_ROOT / "src" / "ict_adoption_danang" / "editions"

# Hard-coded copy of this region's rows of shared/reference/published/units.csv.
_UNITS_COPY = (
    ("danang", "2018", "Sở, ban, ngành", "Sở Thông tin và Truyền thông", "93.94", "1", "no", "Tốt", "002_29f09c81bca0de1e.txt"),
    ("danang", "2018", "Sở, ban, ngành", "Sở Giao thông vận tải", "", "", "", "Tốt", "002_29f09c81bca0de1e.txt"),
    ("danang", "2018", "Sở, ban, ngành", "Sở Nội vụ", "", "", "", "Tốt", "002_29f09c81bca0de1e.txt"),
    ("danang", "2018", "Sở, ban, ngành", "Sở Khoa học và Công nghệ", "", "", "", "Tốt", "002_29f09c81bca0de1e.txt"),
    ("danang", "2018", "Sở, ban, ngành", "Sở Lao động - Thương binh và Xã hội", "", "", "", "Tốt", "002_29f09c81bca0de1e.txt"),
    ("danang", "2018", "Sở, ban, ngành", "Sở Tài chính", "", "", "", "Tốt", "002_29f09c81bca0de1e.txt"),
    ("danang", "2018", "Cơ quan Trung ương", "Cục Thuế thành phố", "91.3", "1", "no", "", "002_29f09c81bca0de1e.txt"),
    ("danang", "2018", "UBND quận, huyện", "UBND quận Thanh Khê", "91.93", "1", "no", "", "002_29f09c81bca0de1e.txt"),
    ("danang", "2018", "UBND phường, xã", "UBND phường Hòa Hiệp Bắc (quận Liên Chiểu)", "88.21", "1", "no", "", "002_29f09c81bca0de1e.txt"),
    ("danang", "2021", "Sở, ban, ngành có bộ thủ tục hành chính", "Sở Thông tin và Truyền thông", "99.87", "1", "no", "Tốt", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Sở, ban, ngành có bộ thủ tục hành chính", "Sở Du lịch", "99.58", "2", "no", "Tốt", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Sở, ban, ngành có bộ thủ tục hành chính", "Sở Nội vụ", "94.73", "3", "no", "Tốt", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Đơn vị thuộc UBND thành phố không có bộ thủ tục hành chính", "Thanh tra thành phố", "83.06", "1", "no", "Tốt", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Cơ quan Trung ương", "Cục Hải quan thành phố", "99.28", "1", "no", "Tốt", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Cơ quan Trung ương", "Bảo hiểm xã hội thành phố", "98.97", "2", "no", "Tốt", "004_006d55871cc99520.txt"),
    ("danang", "2021", "UBND quận, huyện", "UBND quận Thanh Khê", "86.24", "1", "no", "Tốt", "004_006d55871cc99520.txt"),
    ("danang", "2021", "UBND quận, huyện", "UBND quận Sơn Trà", "85.73", "2", "no", "Tốt", "004_006d55871cc99520.txt"),
    ("danang", "2021", "UBND quận, huyện", "UBND quận Liên Chiểu", "", "", "", "Khá", "004_006d55871cc99520.txt"),
    ("danang", "2021", "UBND quận, huyện", "UBND quận Cẩm Lệ", "", "", "", "Khá", "004_006d55871cc99520.txt"),
    ("danang", "2021", "UBND quận, huyện", "UBND quận Hải Châu", "", "", "", "Trung bình", "004_006d55871cc99520.txt"),
    ("danang", "2021", "UBND quận, huyện", "UBND huyện Hòa Vang", "", "", "", "Trung bình", "004_006d55871cc99520.txt"),
)

# Hard-coded copy of this region's rows of shared/reference/published/band_counts.csv.
_BANDS_COPY = (
    ("danang", "2018", "Sở, ban, ngành", "23", "Tốt", "6", "002_29f09c81bca0de1e.txt"),
    ("danang", "2021", "Sở, ban, ngành có bộ thủ tục hành chính", "20", "Tốt", "15", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Sở, ban, ngành có bộ thủ tục hành chính", "20", "Khá", "5", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Đơn vị thuộc UBND thành phố không có bộ thủ tục hành chính", "4", "Tốt", "1", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Đơn vị thuộc UBND thành phố không có bộ thủ tục hành chính", "4", "Khá", "3", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Cơ quan Trung ương", "6", "Tốt", "3", "004_006d55871cc99520.txt"),
    ("danang", "2021", "Cơ quan Trung ương", "6", "Khá", "3", "004_006d55871cc99520.txt"),
)

#: Ranked tables consistent with the published results, by year.
TABLES = {
    "2018": HERE / "data" / "danang_2018.csv",
    "2021": REPO_ROOT / "examples" / "danang_2021.csv",
}

PUBLISHED = PublishedResults(
    region="danang",
    tables=TABLES,
    search_from=HERE,
    units_copy=_UNITS_COPY,
    bands_copy=_BANDS_COPY,
)
