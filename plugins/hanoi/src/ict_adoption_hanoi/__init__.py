"""Hà Nội (Hanoi) for ict-adoption: the region and its rubric editions.

The editions are the rubric files (TOML) in ``editions/``, shipped as package data and
found by listing that folder: adding an edition is adding a file. Each file names its
assessment years, its legal sources and, for every value, whether it is published (with
a citation) or assumed (with the reason). See README.md.
"""

from __future__ import annotations

from ict_adoption import Region, edition_files, hookimpl

__all__ = ["ict_adoption_regions"]


@hookimpl
def ict_adoption_regions() -> list[Region]:
    """Register Hà Nội: code ``"hanoi"`` and every edition in ``editions/``."""
    return [Region(code="hanoi", name="Thành phố Hà Nội", name_en="Hanoi", editions=edition_files(__name__))]
