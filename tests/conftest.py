from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

import ict_adoption as ia

DATA = Path(__file__).parent / "data"

# Shared VMs stall for tenths of a second now and then: a per-example deadline would
# fail correct code. Properties keep their own example counts.
settings.register_profile("ict-adoption", deadline=None)
settings.load_profile("ict-adoption")


@pytest.fixture
def minimal_rubric() -> ia.Rubric:
    return ia.load_rubric(DATA / "rubric_minimal.toml")
