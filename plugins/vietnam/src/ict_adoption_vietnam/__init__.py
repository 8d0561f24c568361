"""Việt Nam's national indices for ict-adoption: the provincial DTI and the ministry's e-government ranking.

Two regions, each a national index that ranks the provinces:

- ``vn-dti``: the provincial digital-transformation index (DTI cấp tỉnh) of
  QĐ 922/QĐ-BTTTT (20/5/2022), from the 2022 round;
- ``vn-egov``: the ministry's 2017 ranking of IT application and e-government
  development of the provinces.

The editions are the TOML files of ``editions/``; README.md gives their sources.
:mod:`.provinces` holds the 63 and the 34 provinces with their usual spellings.
"""

from __future__ import annotations

from importlib.resources import files

from ict_adoption import Region, hookimpl

__all__ = ["ict_adoption_regions"]


def _editions(prefix: str) -> list:  # type: ignore[type-arg]
    folder = files(__name__) / "editions"
    return sorted((f for f in folder.iterdir() if f.name.startswith(prefix) and f.name.endswith(".toml")), key=lambda f: f.name)


@hookimpl
def ict_adoption_regions() -> list[Region]:
    """Register ``vn-dti`` and ``vn-egov`` with their editions."""
    return [
        Region(
            code="vn-dti",
            name="Chỉ số chuyển đổi số cấp tỉnh (DTI)",
            name_en="Provincial digital-transformation index (DTI)",
            editions=_editions("dti-"),
        ),
        Region(
            code="vn-egov",
            name="Xếp hạng ứng dụng CNTT, phát triển Chính phủ điện tử cấp tỉnh (Bộ TT&TT)",
            name_en="Provincial IT-application and e-government ranking (MIC)",
            editions=_editions("egov-"),
        ),
    ]
