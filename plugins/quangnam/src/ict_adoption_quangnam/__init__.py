"""Quảng Nam (Quang Nam) for ict-adoption: the 2015 round, QĐ 2683/QĐ-UBND (2018) and the 2023 DTI round.

The editions are the TOML files of ``editions/``; README.md gives their sources.
"""

from __future__ import annotations

from ict_adoption import Region, edition_files, hookimpl

__all__ = ["ict_adoption_regions"]


@hookimpl
def ict_adoption_regions() -> list[Region]:
    """Register Quảng Nam: code ``"quangnam"`` and every edition in ``editions/``."""
    return [Region(code="quangnam", name="Tỉnh Quảng Nam", name_en="Quang Nam Province", editions=edition_files(__name__))]
