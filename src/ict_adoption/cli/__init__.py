"""The ``ict-adoption`` command (also ``python -m ict_adoption``).

Commands: ``regions``, ``rubric``, ``template``, ``validate``, ``rank``, ``report``
(see ``docs/guide/cli.md``). Wherever a rubric is expected, give ``REGION:YEAR``
(an installed region and the assessment year, e.g. ``hanoi:2013``) or the path of a
rubric ``.toml`` file.

:func:`main` returns the exit status (see :data:`EXIT_CODES`) instead of exiting, so
it can be called from tests and other programs. User errors are one message on stderr
(``ict-adoption: error: …``), never a traceback; an unexpected exception keeps its
traceback, because it is a bug to report.
"""

from __future__ import annotations

from ..rubric_text import rubric_summary
from .console import EXIT_CODES
from .main import main
from .parser import build_parser

__all__ = ["main", "build_parser", "rubric_summary", "EXIT_CODES"]
