"""What a plugin declares: a :class:`Region` and where its editions are.

An edition source is a rubric file (a path, or package data from
:func:`importlib.resources.files`) or a :class:`~ict_adoption.Rubric` built in Python.
A plugin keeps its rubric files as package data in an ``editions`` folder next to its
code; :func:`edition_files` lists that folder, so that adding a regulation is adding
a file — no list of file names to keep in step with the folder. :func:`load_edition`
reads any edition source into a :class:`~ict_adoption.Rubric`, with errors naming the
plugin, the hook and the file.
"""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import ModuleType
from typing import Iterable, Mapping, Union

import attrs

from ..errors import PluginError, RubricError
from ..model import Rubric
from ..rubric_file import load_rubric, loads_rubric
from .._fields import identifier, is_opt_text, nonempty_text, opt_text, text
from ..rules import Rule
from .plugin_info import PluginInfo, describe_exception, plugin_error

__all__ = ["EditionSource", "Region", "edition_files", "edition_sources", "source_label", "load_edition"]

EditionSource = Union[str, "os.PathLike[str]", Traversable, Rubric]

#: The folder of a plugin package that holds its rubric files, one per edition.
EDITIONS_FOLDER = "editions"


def edition_files(package: str | ModuleType) -> tuple[Traversable, ...]:
    """Every rubric file (``*.toml``) in the ``editions`` folder of ``package``, by name.

    ``package`` is the plugin's package, by import name (``__name__`` in its
    ``__init__.py``) or as the module. The files are package data, found wherever the
    plugin is installed. A missing or empty folder is a :class:`~ict_adoption.PluginError`
    naming the package and the folder: a region without editions is a packaging
    mistake (the files not declared as package data), never a region to list empty.
    """
    name = package.__name__ if isinstance(package, ModuleType) else package
    folder = files(package) / EDITIONS_FOLDER
    hint = (
        f"a region plugin keeps one rubric file per edition in {EDITIONS_FOLDER}/, shipped as "
        f'package data (pyproject.toml: [tool.setuptools.package-data] {name} = ["{EDITIONS_FOLDER}/*.toml"])'
    )
    if not folder.is_dir():
        raise PluginError(f"package {name!r} has no folder {EDITIONS_FOLDER!r} ({folder}); {hint}")
    found = sorted(
        (item for item in folder.iterdir() if item.is_file() and item.name.endswith(".toml")),
        key=lambda item: item.name,
    )
    if not found:
        raise PluginError(f"the folder {EDITIONS_FOLDER!r} of package {name!r} ({folder}) holds no .toml file; {hint}")
    return tuple(found)


def _is_source(value: object) -> bool:
    return isinstance(value, (str, os.PathLike, Rubric, Traversable))


def edition_sources(values: Iterable[EditionSource]) -> tuple[EditionSource, ...]:
    """``values`` as a tuple of edition sources; a single path or a wrong item is a TypeError."""
    if _is_source(values):
        raise TypeError(
            "Region.editions: expected a list of rubric files or Rubric objects, "
            f"got a single {type(values).__name__} ({values!r}); wrap it in a list"
        )
    out = tuple(values)
    for item in out:
        if not _is_source(item):
            raise TypeError(
                "Region.editions: expected rubric-file paths or Rubric objects, "
                f"got {type(item).__name__} ({item!r})"
            )
    return out


@attrs.frozen
class Region:
    """A region a plugin registers (returned by the ``ict_adoption_regions`` hook).

    ``code`` is the ASCII id used everywhere (``"danang"``, ``rubric("danang", 2019)``);
    ``name`` the Vietnamese name (NFC-normalised), ``name_en`` the English one; both
    travel on every edition the registry builds (``Rubric.region_name``).
    ``editions`` are rubric files (a path, or package data: :func:`edition_files`) or
    :class:`~ict_adoption.Rubric` objects; each file names its own assessment years and
    legal source.
    """

    code: str = attrs.field(validator=identifier)
    name: str = attrs.field(converter=text, validator=nonempty_text)
    name_en: str | None = attrs.field(default=None, converter=opt_text, validator=is_opt_text)
    editions: tuple[EditionSource, ...] = attrs.field(default=(), converter=edition_sources)


def source_label(source: EditionSource) -> str:
    """How messages and ``Contribution.source`` name an edition source."""
    if isinstance(source, Rubric):
        return f"<Rubric {source.region}:{source.edition}>"
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else str(source)


def load_edition(
    source: EditionSource, *, region: str, plugin: PluginInfo, hook: str, rules: Mapping[str, type[Rule]]
) -> Rubric:
    """The edition ``source`` as a :class:`~ict_adoption.Rubric` of ``region``.

    ``rules`` are the rule kinds plugins contribute (the built-in ones are always
    known). Any failure — an invalid or unreadable file, an edition of another region —
    is a :class:`~ict_adoption.PluginError` naming the plugin, the hook and the file.
    """
    try:
        if isinstance(source, Rubric):
            rubric = source
        elif isinstance(source, (str, os.PathLike)):
            rubric = load_rubric(source, rules=rules)
        else:
            rubric = loads_rubric(source.read_text(encoding="utf-8"), origin=str(source), rules=rules)
    except RubricError as exc:
        raise plugin_error(f"{plugin.label}: {hook}: edition of region {region!r} is invalid: {exc}", plugin) from exc
    except Exception as exc:
        raise plugin_error(
            f"{plugin.label}: {hook}: cannot read edition {source_label(source)} of region {region!r}: "
            f"{describe_exception(exc)}",
            plugin,
        ) from exc
    if rubric.region != region:
        raise plugin_error(
            f"{plugin.label}: {hook}: edition {source_label(source)} belongs to region "
            f"{rubric.region!r}, not {region!r} (its file says region = {rubric.region!r})",
            plugin,
        )
    return rubric
