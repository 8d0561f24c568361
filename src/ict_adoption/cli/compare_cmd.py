"""``ict-adoption compare RUBRIC OLD NEW [--other RUBRIC2] [--kind year|verification]``:
two assessments of the same units compared — year over year (possibly under two
editions: ``--other`` gives the edition NEW is scored with), or self-assessed (OLD)
against verified (NEW)."""

from __future__ import annotations

import argparse
import json
from typing import Any, Callable

from .analysis_output import ANALYSIS_FORMATS, analysis_format

COMPARE_FORMATS = (*ANALYSIS_FORMATS, "xlsx")
from .commands import RubricSpec, _assumed_warning, _emit, _score
from .console import EXIT_OK, Console, UsageError

__all__ = ["cmd_compare", "add_compare_command"]


def _ranking(args: argparse.Namespace, spec: RubricSpec, path: str, console: Console) -> Any:
    import ict_adoption as ia

    console.progress(f"loading rubric {spec}")
    rubric = spec.load()
    _assumed_warning(rubric, spec, args.lang, console)
    one = argparse.Namespace(**{**vars(args), "file": path})
    return ia.rank(rubric, _score(one, rubric, console), args.method)


def cmd_compare(args: argparse.Namespace, console: Console) -> int:
    from ..analysis import compare  # numpy
    from ..html_text import page

    fmt = analysis_format(args, COMPARE_FORMATS)
    if args.plots and fmt != "html":
        raise UsageError(
            f"--plots nhúng biểu đồ vào trang HTML: dùng --format html hoặc -o TỆP.html (không phải {fmt}) "
            f"(--plots embeds the charts in the HTML page: give --format html or -o FILE.html, not {fmt})"
        )
    old = _ranking(args, args.rubric, args.old, console)
    new = _ranking(args, args.other or args.rubric, args.new, console)
    result = compare(old, new, kind=args.kind)
    text: str | bytes
    if fmt == "xlsx":
        text = result.xlsx(args.lang)
    elif fmt == "json":
        text = json.dumps(result.to_dict(args.lang), ensure_ascii=False, indent=2)
    elif fmt == "markdown":
        text = result.markdown(args.lang)
    elif fmt == "html":
        body = result.html(args.lang) + (result.charts_html(args.lang) if args.plots else "")
        text = page("ict-adoption compare", body, lang=args.lang)
    else:
        text = result.text(args.lang)
    _emit(args, text, console)
    return EXIT_OK


def _english(vi_text: str, en_text: str) -> str:
    return en_text


def add_compare_command(
    command: Callable[..., argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
    output: Callable[..., argparse.ArgumentParser],
    t: Callable[[str, str], str] = _english,
) -> Any:
    """Register ``compare`` (called by :func:`~ict_adoption.cli.parser.build_parser`);
    ``t(vi, en)`` picks the help text of the CLI's language."""
    p = command(
        "compare",
        cmd_compare,
        "compare two assessments of the same units: year over year, or self-assessed vs verified "
        "(so sánh hai kỳ đánh giá; tự chấm điểm và thẩm định)",
        [*parents, output(COMPARE_FORMATS, "text")],
    )
    p.add_argument("old", metavar="OLD", help=t("bảng kỳ trước (hoặc bảng tự chấm điểm): .csv, .xlsx hoặc .json",
                                                "the earlier (or self-assessed) table: .csv, .xlsx or .json"))
    p.add_argument("new", metavar="NEW", help=t("bảng kỳ sau (hoặc bảng đã thẩm định)", "the later (or verified) table"))
    p.add_argument("--other", type=RubricSpec, metavar="RUBRIC2",
                   help=t("bộ tiêu chí chấm NEW, khi khác với RUBRIC (ví dụ quangnam:2018)",
                          "the edition NEW is scored with, when it is not RUBRIC's (e.g. quangnam:2018)"))
    p.add_argument("--kind", choices=("year", "verification"), default="year",
                   help=t("so sánh hai kỳ (mặc định), hoặc OLD tự chấm điểm với NEW đã thẩm định",
                          "year over year (default), or OLD self-assessed against NEW verified"))
    p.add_argument("--plots", action="store_true",
                   help=t("nhúng biểu đồ (biểu đồ dốc theo khối, hoặc tự chấm và thẩm định) vào trang HTML; cần matplotlib",
                          "embed the charts (slope chart per bloc, or claimed vs verified) in the HTML page; "
                          "needs matplotlib"))
    p.add_argument("--sheet", metavar="S", help=t("trang tính cần đọc trong tệp .xlsx", "the sheet to read from .xlsx workbooks"))
    p.add_argument("--missing", choices=("error", "zero", "exclude"), default="error",
                   help=t("ô điểm để trống: báo lỗi (mặc định), tính là 0, hoặc đơn vị không được xếp hạng",
                          "a blank score: an error (default), zero, or the unit is not ranked"))
    p.add_argument("--ignore-unknown-columns", action="store_true",
                   help=t("bỏ qua các cột bộ tiêu chí không biết", "ignore columns the rubric does not know"))
    return p
