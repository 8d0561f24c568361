"""Benchmark: ``ict-adoption rank`` on a 100k-row CSV against pandas, as a user runs them.

Run:  python benchmarks/cli_file.py                    (needs pandas: pip install -e '.[bench]')
      python benchmarks/cli_file.py --rows 20000 --rounds 1

A CSV of ``--rows`` units (default 100,000) in ``--blocs`` blocs, with four group
columns (points with two decimals), and a rubric file for it are generated in a
temporary folder. Timed, each as a fresh process (start-up and imports included, as a
user meets them), candidates interleaved round by round, minimum and median reported:

* ``ict-adoption rank RUBRIC FILE --format csv -o out.csv``
* ``ict-adoption rank RUBRIC FILE --format text -o out.txt`` (text is the default format)
* pandas: ``read_csv`` + the exact total + ``groupby("bloc").rank(method="min")`` +
  the tied flags + ``to_csv``, in a fresh ``python`` process too.

The ranks *and* the tied flags of the CLI's CSV are checked equal to pandas' unit by
unit; the text output is checked to hold one line per unit.
"""

from __future__ import annotations

import argparse
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
df = pd.read_csv(src)
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


def run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")


def check(ours_csv: Path, pandas_csv: Path, text_out: Path, rows: int) -> bool:
    import pandas as pd

    ours = pd.read_csv(ours_csv, usecols=["unit", "rank", "tied"]).set_index("unit").sort_index()
    peer = pd.read_csv(pandas_csv, usecols=["unit", "rank", "tied"]).set_index("unit").sort_index()
    same = (
        len(ours) == len(peer) == rows
        and ours.index.equals(peer.index)
        and np.array_equal(ours["rank"].to_numpy(), peer["rank"].to_numpy())
        and np.array_equal(ours["tied"].to_numpy(bool), peer["tied"].to_numpy(bool))
    )
    text_lines = sum(1 for line in text_out.read_text(encoding="utf-8").splitlines() if "Đơn vị số" in line)
    print(f"  ranks and tied flags of the CSV equal pandas' for every unit: {'yes' if same else 'NO'}")
    print(f"  text output holds one line per unit: {'yes' if text_lines == rows else f'NO ({text_lines:,})'}")
    return same and text_lines == rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--blocs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    import pandas as pd

    print(f"python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, {platform.machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rubric, data = make_input(folder, args.rows, args.blocs)
        out_csv, out_txt, out_pd = folder / "out.csv", folder / "out.txt", folder / "pandas.csv"
        cli = [sys.executable, "-m", "ict_adoption", "rank", str(rubric), str(data), "--force"]
        t = interleaved(
            {
                "cli csv": lambda: run([*cli, "--format", "csv", "-o", str(out_csv)]),
                "cli text": lambda: run([*cli, "--format", "text", "-o", str(out_txt)]),
                "pandas": lambda: run([sys.executable, "-c", PANDAS_SCRIPT, str(data), str(out_pd)]),
            },
            args.rounds,
        )
        print(f"{args.rows:,}-row CSV, {N_GROUPS} group columns, {args.blocs} blocs; {args.rounds} interleaved rounds, fresh processes")
        print(t.line("cli csv", "ict-adoption rank --format csv -o out.csv", "pandas"))
        print(t.line("cli text", "ict-adoption rank --format text -o out.txt", "pandas"))
        print(t.line("pandas", "pandas read_csv + groupby rank + to_csv"))
        ok = check(out_csv, out_pd, out_txt, args.rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
