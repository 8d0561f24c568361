"""Benchmark: ``ict-adoption rank`` on a 100k-row CSV and XLSX against pandas, as a user runs them.

Run:  python benchmarks/cli_file.py                    (needs pandas: pip install -e '.[bench]')
      python benchmarks/cli_file.py --rows 20000 --rounds 1
      python benchmarks/cli_file.py --rows 1000000 --rounds 1 --no-xlsx --no-text   (the 1M-row CSV)

A CSV of ``--rows`` units (default 100,000) in ``--blocs`` blocs, with four group
columns (points with two decimals), and a rubric file for it are generated in a
temporary folder. Timed, each as a fresh process (start-up and imports included, as a
user meets them), candidates interleaved round by round, minimum and median reported:

* ``ict-adoption rank RUBRIC FILE --format csv -o out.csv``
* ``ict-adoption rank RUBRIC FILE --format text -o out.txt`` (text is the default format)
* pandas: ``read_csv`` + the exact total + ``groupby("bloc").rank(method="min")`` +
  the tied flags + ``to_csv``, in a fresh ``python`` process too;
* the same table as an ``.xlsx`` workbook (made with openpyxl): ``ict-adoption rank
  RUBRIC FILE.xlsx --format csv`` against pandas ``read_excel(engine="calamine")`` +
  the same ranking + ``to_csv`` (skip with ``--no-xlsx``).

Bytecode: every timed process runs with Python's bytecode cache on (``PYTHONDONTWRITEBYTECODE``
unset, ``PYTHONPYCACHEPREFIX`` a folder of the benchmark's own) after one untimed warm-up run
of each command, so ours loads compiled modules as pandas does from site-packages, and as a
``pip install`` of ict-adoption does. (An editable install in an environment that sets
``PYTHONDONTWRITEBYTECODE=1`` recompiles the package's sources in every process: about 0.3 s
more; ``--no-bytecode-cache`` times that.)

Each line gives the peak resident memory of its process (one more, untimed run). The ranks *and*
the tied flags of each CLI CSV are checked equal to pandas' unit by unit; the text
output is checked to hold one line per unit.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import bench_rubric, interleaved  # noqa: E402

from ict_adoption.rubric_file import rubric_to_toml  # noqa: E402

N_GROUPS = 4

# The peer: what an analyst writes with pandas for the same table.
PANDAS_SCRIPT = """
import sys
import numpy as np
import pandas as pd
src, dst = sys.argv[1], sys.argv[2]
df = pd.read_excel(src, engine="calamine") if src.endswith(".xlsx") else pd.read_csv(src)
groups = [c for c in df.columns if c.startswith("g")]
df["total"] = np.rint(df[groups].to_numpy() * 100).astype("int64").sum(axis=1)
df["rank"] = df.groupby("bloc")["total"].rank(method="min", ascending=False).astype("int64")
df["tied"] = df.duplicated(["bloc", "total"], keep=False)
df.to_csv(dst, index=False)
"""


def make_input(folder: Path, rows: int, blocs: int) -> tuple[Path, Path]:
    """The rubric file and the CSV of the benchmark (seeded, so every run is the same)."""
    rubric_path = folder / "rubric.toml"
    rubric_path.write_text(rubric_to_toml(bench_rubric(N_GROUPS, blocs)), encoding="utf-8")
    rng = np.random.default_rng(2024)
    bloc = rng.integers(0, blocs, rows)
    points = rng.integers(0, 2501, (rows, N_GROUPS))
    lines = ["unit,bloc," + ",".join(f"g{g}" for g in range(N_GROUPS))]
    for i in range(rows):
        cells = ",".join(f"{p // 100}.{p % 100:02d}" for p in points[i].tolist())
        lines.append(f"Đơn vị số {i:06d},b{bloc[i]},{cells}")
    csv_path = folder / "data.csv"
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rubric_path, csv_path


#: the environment of every timed process (see the module docstring: bytecode cache)
ENV = dict(os.environ)


def run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")


# A small parent for the memory run: a child's peak RSS counts its parent's at fork,
# so the benchmark (with pandas loaded) must not be the one that starts it.
MEMORY_SCRIPT = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
"""


def peak_rss(cmd: list[str]) -> int:
    """Peak resident memory of ``cmd`` run once more, in bytes (Linux: ru_maxrss in KiB)."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", MEMORY_SCRIPT, *cmd], capture_output=True, text=True, check=True, env=ENV
    )
    return int(done.stdout.strip())


def make_xlsx(csv_path: Path) -> Path:
    """The same table as an .xlsx workbook (openpyxl, write-only), numbers as numbers."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("data")
    for k, line in enumerate(csv_path.read_text(encoding="utf-8").splitlines()):
        cells = line.split(",")
        ws.append(cells if k == 0 else cells[:2] + [float(x) for x in cells[2:]])
    path = csv_path.with_suffix(".xlsx")
    wb.save(path)
    return path


def check(ours_csv: Path, pandas_csv: Path, text_out: Path | None, rows: int) -> bool:
    import pandas as pd

    ours = pd.read_csv(ours_csv, usecols=["unit", "rank", "tied"]).set_index("unit").sort_index()
    peer = pd.read_csv(pandas_csv, usecols=["unit", "rank", "tied"]).set_index("unit").sort_index()
    same = (
        len(ours) == len(peer) == rows
        and ours.index.equals(peer.index)
        and np.array_equal(ours["rank"].to_numpy(), peer["rank"].to_numpy())
        and np.array_equal(ours["tied"].to_numpy(bool), peer["tied"].to_numpy(bool))
    )
    print(f"  {ours_csv.name}: ranks and tied flags equal pandas' for every unit: {'yes' if same else 'NO'}")
    if text_out is None:
        return same
    text_lines = sum(1 for line in text_out.read_text(encoding="utf-8").splitlines() if "Đơn vị số" in line)
    print(f"  text output holds one line per unit: {'yes' if text_lines == rows else f'NO ({text_lines:,})'}")
    return same and text_lines == rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--blocs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-xlsx", action="store_true", help="skip the .xlsx case")
    parser.add_argument("--no-text", action="store_true", help="skip the text-output case")
    parser.add_argument(
        "--no-bytecode-cache", action="store_true",
        help="time the processes as the environment has them (PYTHONDONTWRITEBYTECODE kept), no warm-up",
    )
    args = parser.parse_args(argv)
    import pandas as pd

    print(f"python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, {platform.machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.no_bytecode_cache:
            ENV.pop("PYTHONDONTWRITEBYTECODE", None)
            ENV["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        rubric, data = make_input(folder, args.rows, args.blocs)
        out_csv, out_txt, out_pd = folder / "out.csv", folder / "out.txt", folder / "pandas.csv"
        cli = [sys.executable, "-m", "ict_adoption", "rank", str(rubric)]
        commands = {
            "cli csv": [*cli, str(data), "--force", "--format", "csv", "-o", str(out_csv)],
            "pandas": [sys.executable, "-c", PANDAS_SCRIPT, str(data), str(out_pd)],
        }
        if not args.no_text:
            commands["cli text"] = [*cli, str(data), "--force", "--format", "text", "-o", str(out_txt)]
        if not args.no_xlsx:
            book = make_xlsx(data)
            out_xl, out_xl_pd = folder / "xlsx.csv", folder / "xlsx_pandas.csv"
            commands["cli xlsx"] = [*cli, str(book), "--force", "--format", "csv", "-o", str(out_xl)]
            commands["pandas xlsx"] = [sys.executable, "-c", PANDAS_SCRIPT, str(book), str(out_xl_pd)]
        candidates = {name: (lambda c=cmd: run(c)) for name, cmd in commands.items()}
        if not args.no_bytecode_cache:
            for warm_up in candidates.values():  # untimed: writes the bytecode cache
                warm_up()
        t = interleaved(candidates, args.rounds)
        cache = "no bytecode cache (PYTHONDONTWRITEBYTECODE as set)" if args.no_bytecode_cache else "bytecode cache on, after one untimed warm-up run each"
        print(f"{args.rows:,}-row table, {N_GROUPS} group columns, {args.blocs} blocs; {args.rounds} interleaved rounds, fresh processes, {cache}")
        mib = {name: f"   peak RSS {peak_rss(cmd) / 2**20:,.0f} MiB" for name, cmd in commands.items()}
        print(t.line("cli csv", "CSV: ict-adoption rank --format csv", "pandas") + mib["cli csv"])
        if "cli text" in candidates:
            print(t.line("cli text", "CSV: ict-adoption rank --format text", "pandas") + mib["cli text"])
        print(t.line("pandas", "CSV: pandas read_csv + rank + to_csv") + mib["pandas"])
        if "cli xlsx" in candidates:
            print(t.line("cli xlsx", "XLSX: ict-adoption rank --format csv", "pandas xlsx") + mib["cli xlsx"])
            print(t.line("pandas xlsx", "XLSX: pandas read_excel(calamine) + rank") + mib["pandas xlsx"])
        ok = check(out_csv, out_pd, out_txt if "cli text" in candidates else None, args.rows)
        if "cli xlsx" in candidates:
            ok = check(out_xl, out_xl_pd, None, args.rows) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
