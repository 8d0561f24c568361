"""Test set-up for ict-adoption-hanoi: make the helper module hanoi_published importable
whatever pytest's import mode (the tests import it by name)."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
