from __future__ import annotations

from pathlib import Path

import pytest

import ict_adoption as ia

DATA = Path(__file__).parent / "data"


@pytest.fixture
def minimal_rubric() -> ia.Rubric:
    return ia.load_rubric(DATA / "rubric_minimal.toml")
