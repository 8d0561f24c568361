"""A module imported on first use, for ``import ict_adoption`` without numpy.

numpy takes 0.15–0.2 s to import on a small machine, more than all of this library;
the modules that ``import ict_adoption`` loads (model, rules, exact) need it only
when they compute, so they bind ``np`` to a :class:`LazyModule` instead::

    if TYPE_CHECKING:
        import numpy as np
    else:
        np = LazyModule("numpy", globals(), "np")

The first attribute looked up imports the module and puts it in place of the
stand-in, so later calls find numpy itself, with nothing in between.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any


class LazyModule:
    """Stands for module ``name`` as ``namespace[alias]`` until first used."""

    __slots__ = ("_name", "_namespace", "_alias")

    def __init__(self, name: str, namespace: MutableMapping[str, Any], alias: str) -> None:
        self._name = name
        self._namespace = namespace
        self._alias = alias

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self._name)
        if self._namespace.get(self._alias) is self:
            self._namespace[self._alias] = module
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"


def lazy_attributes(package: str, namespace: MutableMapping[str, Any], names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for a facade: ``names`` maps a public name to the
    submodule of ``package`` that defines it, imported on first use.

    The value found is put in ``namespace`` (the facade's globals), so the lookup runs
    once per name::

        __getattr__ = lazy_attributes(__name__, globals(), {"rank": "ranking"})
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        namespace[name] = value
        return value

    return __getattr__
