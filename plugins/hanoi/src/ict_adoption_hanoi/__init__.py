"""Hà Nội (Hanoi) for ict-adoption: the city's IT-adoption rubric editions, from QĐ 5058/QĐ-BCĐ (2013).

One rubric file per edition in ``editions/`` (see README.md); values are marked
published or assumed in the files themselves.
"""

from __future__ import annotations

from ict_adoption import Region, edition_files, hookimpl

__all__ = ["ict_adoption_regions"]


@hookimpl
def ict_adoption_regions() -> list[Region]:
    """Register Hà Nội: code ``"hanoi"`` and every edition in ``editions/``."""
    return [Region(code="hanoi", name="Thành phố Hà Nội", name_en="Hanoi", editions=edition_files(__name__))]
