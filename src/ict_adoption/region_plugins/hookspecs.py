"""Hook specifications for region plugins (pluggy project ``"ict_adoption"``).

A plugin is a module (or object) with functions decorated by
:data:`ict_adoption.hookimpl`, registered under the entry-point group
``ict_adoption``. Every hook is optional. Contributions are merged and validated
centrally (:mod:`ict_adoption.region_plugins.merge`): two plugins contributing the
same id is an error naming both, never "last plugin wins".

The hooks, in the order the loader calls them:

1. :func:`ict_adoption_regions` — regions and their rubric editions;
2. :func:`ict_adoption_editions` — more editions for a region another plugin registers;
3. :func:`ict_adoption_scoring_rules` — extra rule kinds, usable by every edition;
4. for each edition: :func:`ict_adoption_groups`, :func:`ict_adoption_blocs`,
   :func:`ict_adoption_maxima`, :func:`ict_adoption_bands` — contributions merged
   into the edition.

This module is the bottom of :mod:`ict_adoption.region_plugins`: it imports nothing
of the package at run time, so that ``import ict_adoption`` (which needs
:data:`hookimpl`) stays cheap and loads no plugin.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Mapping

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from decimal import Decimal

    from ..model import Band, Bloc, Group, Rubric
    from ..rules import Rule
    from .editions import Region

PROJECT = "ict_adoption"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

#: The hooks, in the order the registry calls them (``did you mean …?`` picks from these).
HOOK_NAMES: tuple[str, ...] = (
    "ict_adoption_regions",
    "ict_adoption_editions",
    "ict_adoption_scoring_rules",
    "ict_adoption_groups",
    "ict_adoption_blocs",
    "ict_adoption_maxima",
    "ict_adoption_bands",
)


@hookspec
def ict_adoption_regions() -> Iterable[Region]:  # type: ignore[empty-body]
    """Register regions this plugin owns.

    Return :class:`ict_adoption.Region` objects: the region code (``"hanoi"``), its
    Vietnamese and English names, and its editions, each a path to a rubric file
    (usually package data: ``ict_adoption.edition_files(__name__)`` lists every
    rubric file of the plugin's ``editions`` folder) or a :class:`~ict_adoption.Rubric`.
    Each edition names its assessment years and legal source inside the file. A region code registered by
    two plugins is an error naming both.
    """


@hookspec
def ict_adoption_editions(region: str) -> Iterable[os.PathLike[str] | str | Rubric]:  # type: ignore[empty-body]
    """Add editions to a region registered by another plugin (or by this one).

    Called once per registered region code. Return rubric-file paths or
    :class:`~ict_adoption.Rubric` objects whose ``region`` equals ``region``; return
    nothing for regions the plugin does not extend. Two editions of a region whose
    assessment years overlap are an error naming both plugins; an edition without a
    last year is in force until the next edition begins, so a new regulation can be
    added without editing the previous edition's file.
    """


@hookspec
def ict_adoption_scoring_rules() -> Iterable[type[Rule]]:  # type: ignore[empty-body]
    """Contribute rule classes (subclasses of :class:`ict_adoption.rules.Rule`).

    Each class has a unique ``kind`` that rubric files can then use in
    ``rule = { kind = "..." }``. A kind that is built in or contributed by another
    plugin is an error naming both.
    """


@hookspec
def ict_adoption_groups(rubric: Rubric) -> Iterable[Group]:  # type: ignore[empty-body]
    """Contribute criterion groups to an edition (e.g. a bonus group).

    ``rubric`` is the edition as its file defines it (before contributions). Return
    :class:`~ict_adoption.Group` objects to add after the edition's own groups, or
    nothing. A group or criterion id that already exists is an error naming both
    contributors.
    """


@hookspec
def ict_adoption_blocs(rubric: Rubric) -> Iterable[Bloc]:  # type: ignore[empty-body]
    """Contribute blocs to an edition.

    Return :class:`~ict_adoption.Bloc` objects to add after the edition's own blocs,
    or nothing. A bloc id or name that already exists is an error naming both.
    """


@hookspec
def ict_adoption_maxima(rubric: Rubric) -> Mapping[str, Decimal | int | str]:  # type: ignore[empty-body]
    """Set the maximum points (weights) of criteria, or of groups without criteria.

    Return a mapping ``{id: max}``; a group that declares a max is re-totalled from
    its criteria. Use this to replace an *assumed* point table with a published one
    without editing the edition file. The hook carries no citation, so a value set
    here is recorded as *assumed*, naming the plugin; to record it as *published*
    with its citation, put it in an edition file. The same id set by two plugins is
    an error naming both.
    """


@hookspec
def ict_adoption_bands(rubric: Rubric) -> Iterable[Band] | None:
    """Replace the class boundaries of an edition.

    Return the complete list of :class:`~ict_adoption.Band` objects, highest first,
    or ``None`` to leave the edition's bands alone. At most one plugin may replace
    the bands of an edition; two are an error naming both. The result is checked for
    order, gaps and overlaps like any rubric.
    """
