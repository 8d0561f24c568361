"""ict-adoption: score, rank and classify public bodies on IT-adoption rubrics.

>>> import ict_adoption as ia
>>> rubric = ia.rubric("quangnam", 2015)                       # doctest: +SKIP
>>> ranking = ia.rank(rubric, "examples/quangnam_2015.csv")     # doctest: +SKIP
>>> print(ranking.table())                                      # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_attributes
from .errors import (
    EditionNotFound,
    IctAdoptionError,
    InputError,
    PluginError,
    RegionNotFound,
    RubricError,
    ScoringError,
)
if TYPE_CHECKING:  # pragma: no cover
    from .model import Band, Bloc, Criterion, Group, Provenance, RankingPolicy, Rubric, Source, Unit
    from .rubric_file import load_rubric, loads_rubric
    from .ranking import Ranking, rank
    from .model.edition_facts import EditionYearWarning
    from .region_plugins.editions import Region, edition_files
    from .region_plugins.hookspecs import hookimpl
    from .region_plugins.registry import regions, rubric
    from .scoring import ScoredTable, score
    from .table import Table

__version__ = "0.1.0"

# Imported on first use, so that ``import ict_adoption`` stays fast and loads no plugin
# (``hookimpl`` too: pluggy and the hook specs load when a plugin module asks for it).
_LAZY = {
    # the rubric model too (attrs classes: most of what import took): on first use
    **{name: "model" for name in ("Band", "Bloc", "Criterion", "Group", "Provenance", "RankingPolicy", "Rubric", "Source", "Unit")},
    "load_rubric": "rubric_file",
    "loads_rubric": "rubric_file",
    "hookimpl": "region_plugins.hookspecs",
    "rank": "ranking",
    "Ranking": "ranking",
    "score": "scoring",
    "ScoredTable": "scoring",
    "Table": "table",
    "Region": "region_plugins.editions",
    "edition_files": "region_plugins.editions",
    "regions": "region_plugins.registry",
    "rubric": "region_plugins.registry",
    "EditionYearWarning": "model.edition_facts",
}

__all__ = [
    "Band",
    "Bloc",
    "Criterion",
    "EditionNotFound",
    "EditionYearWarning",
    "Group",
    "IctAdoptionError",
    "InputError",
    "PluginError",
    "Provenance",
    "RankingPolicy",
    "Ranking",
    "Region",
    "RegionNotFound",
    "Rubric",
    "RubricError",
    "ScoredTable",
    "ScoringError",
    "Source",
    "Table",
    "Unit",
    "edition_files",
    "hookimpl",
    "load_rubric",
    "loads_rubric",
    "rank",
    "regions",
    "rubric",
    "score",
]


__getattr__ = lazy_attributes(__name__, globals(), _LAZY)


def __dir__() -> list[str]:
    return sorted(__all__)
