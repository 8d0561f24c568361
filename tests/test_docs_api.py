"""docs/api.md is generated from the docstrings and must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_api_reference_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "gen_api.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
