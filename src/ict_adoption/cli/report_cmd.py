"""``ict-adoption report RUBRIC FILE [--profiles] [--plots]``: the results report —
tables per bloc, class counts, summary sentences, provenance; with ``--profiles`` every
unit's profile; with ``--plots`` (HTML) the charts embedded as inline SVG.

The report is a list of sections (:mod:`ict_adoption.report.sections`).
:func:`report_sections` gives the extra ones the options ask for; a new option that adds
a part of the report (e.g. ``--uncertainty``) adds its argument in
:func:`add_report_command` and its section in :func:`report_sections`, with the
section's rendering in its own module.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Callable

from .commands import _emit, _output_format, _rank
from .console import EXIT_OK, REPORT_FORMATS, Console, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from ..ranking import Ranking
    from ..report import ReportSection

__all__ = ["cmd_report", "add_report_command", "report_sections"]


def report_sections(args: argparse.Namespace, ranking: "Ranking", console: Console) -> list["ReportSection"]:
    """The sections the options add to the standard ones (placed before the provenance).
    ``--profiles`` is built into :func:`~ict_adoption.report.build_report`; this is the
    place for sections from other modules."""
    extra: list[Any] = []
    if getattr(args, "uncertainty", None):  # issue 13: rendered in ict_adoption.uncertainty.report_section
        from .uncertainty_cmd import uncertainty_section

        extra.append(uncertainty_section(args, ranking, console))
    return extra


def cmd_report(args: argparse.Namespace, console: Console) -> int:
    from ..report import build_report  # numpy

    fmt = _output_format(args, REPORT_FORMATS, "markdown")
    if args.plots and fmt != "html":
        raise UsageError(
            f"--plots nhúng biểu đồ vào báo cáo HTML: dùng --format html hoặc -o TỆP.html (không phải {fmt}) "
            f"(--plots embeds the charts in the HTML report: give --format html or -o FILE.html, not {fmt})"
        )
    if args.plots:  # before reading anything: matplotlib missing is exit status 1, naming the extra
        from ..plots.style import pyplot

        pyplot()
    ranking = _rank(args, console)
    console.progress("building the report")
    extra = report_sections(args, ranking, console)
    _emit(args, build_report(ranking, fmt, lang=args.lang, profiles=args.profiles, plots=args.plots,
                             sections=extra), console)
    return EXIT_OK


def add_report_command(
    command: Callable[..., argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
    output: Callable[..., argparse.ArgumentParser],
    t: Callable[[str, str], str],
) -> Any:
    """Register ``report`` (called by :func:`~ict_adoption.cli.parser.build_parser`);
    ``t(vi, en)`` picks the help text of the CLI's language."""
    p = command(
        "report",
        cmd_report,
        t("báo cáo kết quả: bảng theo khối, số đơn vị theo xếp loại, nhận xét, nguồn gốc số liệu",
          "a results report: tables per bloc, class counts, summary sentences, provenance"),
        [*parents, output(REPORT_FORMATS, "markdown")],
    )
    p.add_argument(
        "--profiles", action="store_true",
        help=t("thêm hồ sơ từng đơn vị: điểm mạnh, hạn chế, số điểm còn thiếu để lên loại kế tiếp",
               "add every unit's profile: strengths, weaknesses, points lacking for the next class"),
    )
    p.add_argument(
        "--plots", action="store_true",
        help=t("nhúng biểu đồ (SVG) vào báo cáo HTML; cần matplotlib: pip install \"ict-adoption[plots]\"",
               "embed the charts (SVG) in the HTML report; needs matplotlib: pip install \"ict-adoption[plots]\""),
    )
    p.add_argument(
        "--uncertainty", type=int, nargs="?", const=1000, default=0, metavar="N",
        help=t("thêm độ vững của xếp loại trước các giá trị giả định (N mẫu Monte Carlo, mặc định 1000)",
               "add how robust the classes are to the assumed values (N Monte Carlo samples, default 1000)"),
    )
    return p
