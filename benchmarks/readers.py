"""Benchmark: the readers through the public calls — python-calamine against openpyxl on a
100k-row workbook (``ia.read_table``), and ``ict-adoption validate`` on a 200k-row CSV.

Run:  python benchmarks/readers.py                       (needs openpyxl, python-calamine, pandas)
      python benchmarks/readers.py --xlsx-rows 20000 --csv-rows 50000 --rounds 1

1. A workbook of ``--xlsx-rows`` units (default 100,000) in 4 blocs, one sheet, with
   Vietnamese headings, four group columns (points with two decimals) and a text column,
   written once with openpyxl. Timed, interleaved round by round, minimum and median:

   * ``ia.read_table(path, rubric=rubric)`` with python-calamine (the default engine);
   * the same call with the openpyxl engine (what a user without python-calamine gets;
     forced here by hiding calamine from :mod:`ict_adoption.io.workbook`);
   * pandas ``read_excel(engine="calamine")`` as a floor (values only: no headings
     matched, no cell rules, no locations).

   The two Tables are checked equal column by column (and their row labels and notes).

2. A CSV of ``--csv-rows`` units (default 200,000), clean, and the same CSV with one
   systematic error (every row's ``app`` above its maximum). Timed as fresh processes
   (start-up and imports included, as a user meets them):

   * ``ict-adoption validate RUBRIC FILE`` (clean: exit 0, "Hợp lệ: N đơn vị");
   * ``ict-adoption validate RUBRIC FILE_WITH_ERROR`` (exit 3, a bounded report: at most
     25 problems listed, the rest counted);
   * a floor in a fresh ``python``: pandas ``read_csv`` of the same file and a vectorised
     range check of its columns.

   The exit statuses and the number of lines printed are checked.

3. ``ia.read_table`` of a plain comma-separated CSV of ``--plain-rows`` units (default
   100,000: the CSV of ``benchmarks/cli_file.py``, points with two decimals), in process,
   interleaved with pandas ``read_csv`` (values only); the values are checked equal to
   pandas'. Then the peak resident memory of each, in a fresh process (a million rows:
   ``--plain-rows 1000000``).

``--sections 3`` runs only the third (``1,2,3`` by default).

The machine is shared: timings were taken on a 2-core VM that other jobs use too, so read
the ratios (same run, interleaved) rather than the absolute times.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import bench_rubric, interleaved  # noqa: E402

import ict_adoption as ia  # noqa: E402
from ict_adoption.io import read_table  # noqa: E402
from ict_adoption.io import workbook as workbook_module  # noqa: E402
from ict_adoption.rubric_file import rubric_to_toml  # noqa: E402

N_GROUPS, N_BLOCS = 4, 4


def _data(n: int, seed: int = 0) -> tuple[list[str], list[str], np.ndarray]:
    rng = np.random.default_rng(seed)
    units = [f"Đơn vị {i:07d}" for i in range(n)]
    blocs = [f"b{i % N_BLOCS}" for i in range(n)]
    points = np.round(rng.uniform(0, 25, size=(n, N_GROUPS)), 2)
    return units, blocs, points


def write_xlsx(path: Path, n: int) -> None:
    import openpyxl

    units, blocs, points = _data(n)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Điểm")
    ws.append(["Đơn vị", "Khối", *[f"g{g}" for g in range(N_GROUPS)], "Ghi chú"])
    for i in range(n):
        ws.append([units[i], blocs[i], *points[i].tolist(), "đã thẩm định" if i % 7 == 0 else None])
    wb.save(path)


def write_csv(path: Path, n: int, *, systematic_error: bool = False) -> None:
    units, blocs, points = _data(n, seed=1)
    if systematic_error:
        points[:, 1] = 30.0  # above the group's maximum (25) in every row
    lines = ["Đơn vị;Khối;" + ";".join(f"g{g}" for g in range(N_GROUPS))]
    for i in range(n):
        lines.append(f"{units[i]};{blocs[i]};" + ";".join(f"{v:.2f}".replace(".", ",") for v in points[i]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _openpyxl_read(path: Path, rubric: ia.Rubric):
    saved = workbook_module._calamine
    workbook_module._calamine = lambda: None  # as without python-calamine installed
    try:
        return read_table(path, rubric=rubric)
    finally:
        workbook_module._calamine = saved


def _same_table(a, b) -> None:
    assert list(a.columns) == list(b.columns), (list(a.columns), list(b.columns))
    for name in a.columns:
        x, y = a.columns[name], b.columns[name]
        assert x.dtype.kind == y.dtype.kind and x.tolist() == y.tolist(), name
    assert tuple(a.rows) == tuple(b.rows) and a.notes == b.notes


PANDAS_FLOOR = """
import sys, numpy as np, pandas as pd
df = pd.read_csv(sys.argv[1], sep=";", decimal=",")
pts = df[[c for c in df.columns if c.startswith("g")]].to_numpy()
bad = (pts < 0) | (pts > 25)
print(int(bad.sum()))
"""


PLAIN_MEMORY = """
import sys
if sys.argv[1] == "pandas":
    import pandas as pd
    n = len(pd.read_csv(sys.argv[3]))
else:
    import ict_adoption as ia
    from ict_adoption.io import read_table
    n = len(read_table(sys.argv[3], rubric=ia.load_rubric(sys.argv[2]), errors="collect"))
assert n == int(sys.argv[4])
"""


def plain_csv(rows: int, args: argparse.Namespace, d: Path) -> None:
    """Section 3: read_table of the plain CSV of cli_file.py against pandas read_csv."""
    import pandas as pd
    from cli_file import make_input, peak_rss

    rub, data = make_input(d, rows, 20)
    rubric = ia.load_rubric(rub)
    print(f"\n3. read_table of a plain {rows:,}-row CSV ({data.stat().st_size / 1e6:.1f} MB, comma, "
          f"points with two decimals), in process, {args.rounds} interleaved rounds")
    t = interleaved({
        "ours": lambda: read_table(data, rubric=rubric, errors="collect"),
        "pandas": lambda: pd.read_csv(data),
    }, args.rounds)
    ours, peer = t.results["ours"], t.results["pandas"]
    for name in ("unit", "bloc", "g0", "g1", "g2", "g3"):
        assert ours.columns[name].tolist() == peer[name].tolist(), name
    print(t.line("ours", "ia.read_table (rubric: headings, cell rules, locations)", "pandas"))
    print(t.line("pandas", "pandas read_csv, values only", None))
    print("  values equal pandas' for every cell: yes")
    for who in ("ours", "pandas"):  # (started by a small parent: a child's peak counts its parent's at fork)
        peak = peak_rss([sys.executable, "-c", PLAIN_MEMORY, who, str(rub), str(data), str(rows)])
        print(f"  peak RSS of a fresh process reading it, {who}: {peak / 2**20:,.0f} MiB")


def run(argv: list[str]) -> tuple[int, str, str]:
    p = subprocess.run(argv, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def xlsx_read(args: argparse.Namespace, d: Path, rubric: ia.Rubric) -> None:
    """Section 1: read_table of a workbook, calamine against openpyxl and pandas."""
    import pandas as pd

    xlsx = d / "scores.xlsx"
    t0 = time.perf_counter()
    write_xlsx(xlsx, args.xlsx_rows)
    print(f"\n1. read_table on a {args.xlsx_rows:,}-row .xlsx ({xlsx.stat().st_size / 1e6:.1f} MB, "
          f"written in {time.perf_counter() - t0:.1f} s), {args.rounds} interleaved rounds")
    t = interleaved({
        "calamine": lambda: read_table(xlsx, rubric=rubric),
        "openpyxl": lambda: _openpyxl_read(xlsx, rubric),
        "pandas": lambda: pd.read_excel(xlsx, engine="calamine"),
    }, args.rounds)
    _same_table(t.results["calamine"], t.results["openpyxl"])
    assert len(t.results["calamine"].rows) == args.xlsx_rows == len(t.results["pandas"])
    print(t.line("calamine", "ia.read_table, python-calamine", "openpyxl"))
    print(t.line("openpyxl", "ia.read_table, openpyxl (read-only)"))
    print(t.line("pandas", "pandas read_excel(calamine), values only", None))
    print(f"  ia.read_table (calamine) / pandas floor: {t.best('calamine') / t.best('pandas'):.2f}x (min)")
    print("  tables equal (columns, values, row labels, notes): yes")


def csv_validate(args: argparse.Namespace, d: Path, rubric: ia.Rubric) -> None:
    """Section 2: ``ict-adoption validate`` of a CSV, clean and with a systematic error."""
    rub = d / "rubric.toml"
    rub.write_text(rubric_to_toml(rubric), encoding="utf-8")
    clean, wrong = d / "clean.csv", d / "wrong.csv"
    write_csv(clean, args.csv_rows)
    write_csv(wrong, args.csv_rows, systematic_error=True)
    floor = d / "floor.py"
    floor.write_text(PANDAS_FLOOR, encoding="utf-8")
    exe = [sys.executable, "-m", "ict_adoption"]
    print(f"\n2. validate on a {args.csv_rows:,}-row CSV (fresh processes), {args.rounds} interleaved rounds")
    t = interleaved({
        "clean": lambda: run([*exe, "validate", str(rub), str(clean)]),
        "error": lambda: run([*exe, "validate", str(rub), str(wrong)]),
        "pandas": lambda: run([sys.executable, str(floor), str(clean)]),
    }, args.rounds)
    code, out, err = t.results["clean"]
    assert code == 0 and out.startswith(f"Hợp lệ: {args.csv_rows} đơn vị"), (code, out, err[-500:])
    code, out, err = t.results["error"]
    listed = err.count("\n  - ")
    assert code == 3 and out == "" and listed <= 25 and f"{args.csv_rows} vấn đề" in err, (code, err[:500])
    assert t.results["pandas"][1].strip() == "0"
    print(t.line("clean", "ict-adoption validate (clean, exit 0)", "pandas"))
    print(t.line("error", "ict-adoption validate (one systematic error)", "pandas"))
    print(t.line("pandas", "python + pandas read_csv + range check", None))
    print(f"  error report: exit 3, {len(err.splitlines())} lines on stderr for {args.csv_rows:,} problems "
          f"({listed} listed)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xlsx-rows", type=int, default=100_000)
    ap.add_argument("--csv-rows", type=int, default=200_000)
    ap.add_argument("--plain-rows", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sections", default="1,2,3", help="which to run: 1 (xlsx), 2 (validate CSV), 3 (plain CSV)")
    args = ap.parse_args()
    sections = {int(x) for x in args.sections.split(",")}
    print(f"python {platform.python_version()}, {platform.machine()}; shared 2-core machine: read the ratios")
    rubric = bench_rubric(N_GROUPS, N_BLOCS)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        if 3 in sections:
            (d / "plain").mkdir()
            plain_csv(args.plain_rows, args, d / "plain")
        if 1 in sections:
            xlsx_read(args, d, rubric)
        if 2 in sections:
            csv_validate(args, d, rubric)


if __name__ == "__main__":
    main()
