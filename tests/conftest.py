from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from hypothesis import settings

import ict_adoption as ia
from ict_adoption.cli import main
from ict_adoption.region_plugins import registry as registry_module

DATA = Path(__file__).parent / "data"

# Shared VMs stall for tenths of a second now and then: a per-example deadline would
# fail correct code. Properties keep their own example counts.
settings.register_profile("ict-adoption", deadline=None)
settings.load_profile("ict-adoption")


@pytest.fixture
def minimal_rubric() -> ia.Rubric:
    return ia.load_rubric(DATA / "rubric_minimal.toml")


@pytest.fixture
def replay(monkeypatch, capsys):
    """Replay a documented console session: a function that runs every
    ``$ ict-adoption …`` line of a session (``$ echo $?`` prints the last status;
    ``NAME=value`` before the command sets an environment variable) and returns the
    transcript — each command followed by its stderr, then its stdout — to compare with
    the session as the docs show it."""
    def run(session: str) -> str:
        transcript: list[str] = []
        status = None
        for line in session.splitlines():
            if not line.startswith("$ "):
                continue
            transcript.append(line)
            argv = shlex.split(line[2:])
            if argv == ["echo", "$?"]:
                transcript.append(str(status))
                continue
            while argv and re.fullmatch(r"[A-Z_]+=.*", argv[0]):
                name, _, value = argv.pop(0).partition("=")
                monkeypatch.setenv(name, value)
                monkeypatch.setattr(registry_module, "_default", None)  # rediscover with it
            assert argv[0] == "ict-adoption", line
            status = main(argv[1:])
            out, err = capsys.readouterr()
            transcript.extend((err + out).splitlines())
        return "\n".join(x.rstrip() for x in transcript) + "\n"

    return run
