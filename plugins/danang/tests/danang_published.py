"""Published results for Đà Nẵng and helpers shared by this plugin's golden tests.

The expected figures are read at test time from ``shared/reference/published/``
(``units.csv``, ``band_counts.csv``), located next to the repository (the repository
at ``<root>/main``, the results at ``<root>/shared``) or through the environment
variable ``ICT_ADOPTION_PUBLISHED``. A hard-coded copy of this region's rows is kept
below so that the tests also run where ``shared/`` is absent; a test checks that the
copy still equals the shared files.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import ict_adoption as ia

REGION = "danang"
HERE = Path(__file__).resolve().parent
PLUGIN_ROOT = HERE.parent
REPO_ROOT = PLUGIN_ROOT.parent.parent  # plugins/<region>/tests -> the repository
EDITIONS_DIR = PLUGIN_ROOT / "src" / "ict_adoption_danang" / "editions"
ENV_VAR = "ICT_ADOPTION_PUBLISHED"

UNITS_FIELDS = ("region", "year", "bloc", "unit", "score", "rank", "tied", "band", "source")
BAND_FIELDS = ("region", "year", "bloc", "units", "band", "count", "source")

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

UNITS_COPY: tuple[dict[str, str], ...] = tuple(dict(zip(UNITS_FIELDS, r)) for r in _UNITS_COPY)
BANDS_COPY: tuple[dict[str, str], ...] = tuple(dict(zip(BAND_FIELDS, r)) for r in _BANDS_COPY)

#: Ranked tables consistent with the published results, by (region, year).
TABLES = {
    ("danang", "2018"): HERE / "data" / "danang_2018.csv",
    ("danang", "2021"): REPO_ROOT / "examples" / "danang_2021.csv",
}


# ----------------------------------------------------------------------------- locating


def published_dir() -> Path | None:
    """The directory holding units.csv and band_counts.csv, or None if not found."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    for parent in HERE.parents:
        candidate = parent / "shared" / "reference" / "published"
        if (candidate / "units.csv").is_file():
            return candidate
    return None


def _missing_message() -> str:
    return (
        "published reference results not found: expected shared/reference/published/"
        "units.csv and band_counts.csv beside the repository (repository at <root>/main, "
        f"results at <root>/shared), searched upward from {HERE}; set {ENV_VAR} to the "
        "directory that holds them"
    )


def require_published_dir() -> Path:
    found = published_dir()
    if found is None or not (found / "units.csv").is_file() or not (found / "band_counts.csv").is_file():
        pytest.fail(_missing_message(), pytrace=False)
    return found


def read_shared(name: str) -> list[dict[str, str]] | None:
    """This region's rows of a shared file (None when shared/ is not found)."""
    found = published_dir()
    if found is None or not (found / name).is_file():
        return None
    with open(found / name, encoding="utf-8", newline="") as f:
        return [
            {k: unicodedata.normalize("NFC", v) for k, v in row.items()}
            for row in csv.DictReader(f)
            if row["region"] == REGION
        ]


def slug(text: str) -> str:
    """ASCII test id: diacritics dropped, spaces to '_'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch if ch.isalnum() else "_" for ch in text).strip("_")


def params(rows: list[dict[str, str]] | None, copy: tuple[dict[str, str], ...], what: str) -> list[Any]:
    """Test parameters: every shared row (or one failing placeholder) and every copied row."""
    out: list[Any] = []
    if rows is None:
        out.append(pytest.param(None, id=f"shared-{what}-missing"))
    else:
        out.extend(
            pytest.param(r, id=f"shared-{r['year']}-{slug(r['bloc'])}-{slug(r.get('unit') or r['band'])}")
            for r in rows
        )
    out.extend(
        pytest.param(r, id=f"copy-{r['year']}-{slug(r['bloc'])}-{slug(r.get('unit') or r['band'])}")
        for r in copy
    )
    return out


# ----------------------------------------------------------------------------- tables


def read_scores(path: Path) -> list[dict[str, Any]]:
    """An input table (unit, bloc, total, note) with exact decimal totals."""
    if not path.is_file():
        pytest.fail(f"score table not found: {path}", pytrace=False)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["total"] = Decimal(row["total"])
    return rows


def table_for(year: str | int) -> Path:
    key = (REGION, str(year))
    if key not in TABLES:
        pytest.fail(f"no ranked table for {REGION} {year}; known: {sorted(TABLES)}", pytrace=False)
    return TABLES[key]


def ranking_for(year: str | int, rubric: ia.Rubric | None = None) -> ia.Ranking:
    rubric = rubric if rubric is not None else ia.rubric(REGION, int(year))
    return ia.rank(rubric, read_scores(table_for(year)))


# ----------------------------------------------------------------------------- checks


def check_unit_row(row: dict[str, str]) -> None:
    """A units.csv row: the unit is ranked in its bloc with the published score, rank, tie, class."""
    rubric = ia.rubric(REGION, int(row["year"]))
    ranking = ranking_for(row["year"], rubric)
    bloc_id = rubric.bloc(row["bloc"]).id
    unit = rubric.find_unit(row["unit"])
    name = unit.name if unit is not None else row["unit"]
    found = [r for r in ranking.to_records() if r["unit"] == name]
    assert len(found) == 1, f"{row['unit']!r} ({name!r}) appears {len(found)} times in the ranked table"
    rec = found[0]
    assert rec["bloc"] == bloc_id, f"{name}: bloc {rec['bloc']!r}, published {row['bloc']!r} ({bloc_id})"
    if row["score"]:
        assert Decimal(str(rec["total"])) == Decimal(row["score"]), f"{name}: total {rec['total']}, published {row['score']}"
    if row["rank"]:
        assert rec["rank"] == int(row["rank"]), f"{name}: rank {rec['rank']}, published {row['rank']}"
    if row["tied"]:
        assert row["tied"] in ("yes", "no"), f"unexpected tied value {row['tied']!r}"
        assert rec["tied"] is (row["tied"] == "yes"), f"{name}: tied {rec['tied']}, published {row['tied']}"
    if row["band"]:
        assert rec["band"] == row["band"], f"{name}: class {rec['band']!r}, published {row['band']!r}"


def check_band_row(row: dict[str, str]) -> None:
    """A band_counts.csv row: the bloc has the published number of units in that class."""
    rubric = ia.rubric(REGION, int(row["year"]))
    ranking = ranking_for(row["year"], rubric)
    bloc_id = rubric.bloc(row["bloc"]).id
    counts = ranking.class_counts()[bloc_id]
    assert row["band"] in counts, f"class {row['band']!r} not in {rubric.region}:{rubric.edition} ({list(counts)})"
    assert counts[row["band"]] == int(row["count"]), (
        f"{row['bloc']}: {counts[row['band']]} units {row['band']}, published {row['count']}"
    )
    assert sum(counts.values()) == int(row["units"]), (
        f"{row['bloc']}: {sum(counts.values())} units ranked, published {row['units']}"
    )
