"""Đà Nẵng (Da Nang) for ict-adoption: the city's ranking editions, 2016 to the 2025 DTI rule.

Every ``editions/*.toml`` is an edition, found by listing the folder; README.md says
what each is based on.
"""

from __future__ import annotations

from ict_adoption import Region, edition_files, hookimpl

__all__ = ["ict_adoption_regions"]


@hookimpl
def ict_adoption_regions() -> list[Region]:
    """Register Đà Nẵng: code ``"danang"`` and every edition in ``editions/``."""
    return [Region(code="danang", name="Thành phố Đà Nẵng", name_en="Da Nang", editions=edition_files(__name__))]
