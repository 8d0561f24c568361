"""Đà Nẵng (Da Nang) for ict-adoption: the region and its rubric editions.

The editions are rubric files (TOML) shipped as package data in ``editions/``; each
file names its assessment years, its legal sources and, for every value, whether it
is published (with a citation) or assumed (with the reason). See README.md.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

import ict_adoption

if TYPE_CHECKING:  # pragma: no cover
    from ict_adoption import Region

__all__ = ["CODE", "EDITION_FILES", "ict_adoption_regions"]

CODE = "danang"
_EDITIONS = files(__package__) / "editions"

#: The edition files, oldest first.
EDITION_FILES = (
    _EDITIONS / "2016.toml",
    _EDITIONS / "2021.toml",
    _EDITIONS / "2022.toml",  # optional: QĐ 73 amendment, content not seen (assumed)
    _EDITIONS / "2025.toml",  # optional: QĐ 2386, points and classes assumed
)


@ict_adoption.hookimpl
def ict_adoption_regions() -> list[Region]:
    """Register Đà Nẵng: code ``"danang"`` and its editions."""
    from ict_adoption import Region  # imported here: the registry loads this plugin

    return [
        Region(
            code=CODE,
            name="Thành phố Đà Nẵng",
            name_en="Da Nang",
            editions=EDITION_FILES,
        )
    ]
