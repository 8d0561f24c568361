"""Benchmark: start-up — ``import ict_adoption`` and the command line, in fresh processes.

Run:  python benchmarks/import_time.py                 (needs only the core)
      python benchmarks/import_time.py --rounds 5

Each candidate is a fresh ``python`` process (the interpreter's own start-up included),
candidates interleaved round by round, best and median of ``--rounds`` (default 5)
reported, with the interpreter doing nothing (``python -c pass``) as the floor and
``import numpy`` as the peer:

* ``import ict_adoption`` — what an embedding system or a notebook pays first (the
  package loads neither numpy nor the rubric model until they are used);
* ``import numpy`` — the peer: every other figure of the project needs it;
* ``ict-adoption --version`` and ``ict-adoption --help`` — the command line's start;
* the modules ``ict-adoption rank RUBRIC FILE.csv --format csv`` loads before it reads
  a cell (the command line, the readers, the writers, the scoring and ranking modules).

Bytecode: as in ``cli_file.py``, every timed process runs with Python's bytecode cache
on, in a folder of the benchmark's own, after one untimed warm-up run each.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import interleaved  # noqa: E402

RANK_PATH_MODULES = (
    "import ict_adoption.cli.main, ict_adoption.io.readers, ict_adoption.io.writers, "
    "ict_adoption.scoring, ict_adoption.ranking, ict_adoption.model"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "import ict_adoption": [py, "-c", "import ict_adoption"],
        "import numpy": [py, "-c", "import numpy"],
        "ict-adoption --version": [py, "-m", "ict_adoption", "--version"],
        "ict-adoption --help": [py, "-m", "ict_adoption", "--help"],
        "rank's modules": [py, "-c", RANK_PATH_MODULES],
    }
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")

        def run(cmd: list[str]) -> None:
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

        candidates = {name: (lambda c=cmd: run(c)) for name, cmd in commands.items()}
        for warm_up in candidates.values():  # untimed: writes the bytecode cache
            warm_up()
        t = interleaved(candidates, args.rounds)
    print(f"python {platform.python_version()}, {platform.machine()}; fresh processes, {args.rounds} interleaved rounds, bytecode cache on")
    for name in commands:
        peer = "import numpy" if name != "python -c pass" else None
        print(t.line(name, name, peer))
    own = t.best("import ict_adoption") - t.best("python -c pass")
    numpy_own = t.best("import numpy") - t.best("python -c pass")
    print(f"  beyond the interpreter's start (best minus 'python -c pass'): import ict_adoption {own * 1e3:.1f} ms, import numpy {numpy_own * 1e3:.1f} ms")
    ok = t.best("import ict_adoption") < 0.1
    print(f"  import ict_adoption under 0.1 s (best of {args.rounds}, interpreter start included): {'yes' if ok else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
