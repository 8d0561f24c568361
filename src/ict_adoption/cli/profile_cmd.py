"""``ict-adoption profile RUBRIC FILE UNIT``: one unit's profile — points earned and lost
per group and criterion, rank in its bloc on each, strengths and weaknesses against the
bloc's median, and the points it lacks for the next class and to pass the unit above."""

from __future__ import annotations

import argparse
import json
from typing import Any, Callable

from .analysis_output import ANALYSIS_FORMATS, analysis_format
from .commands import _emit, _rank
from .console import EXIT_OK, Console, UsageError

__all__ = ["cmd_profile", "add_profile_command"]


def cmd_profile(args: argparse.Namespace, console: Console) -> int:
    from ..analysis import profile  # numpy
    from ..html_text import page

    fmt = analysis_format(args)
    if args.plots and fmt != "html":
        raise UsageError(
            f"--plots nhúng biểu đồ vào trang HTML: dùng --format html hoặc -o TỆP.html (không phải {fmt}) "
            f"(--plots embeds the chart in the HTML page: give --format html or -o FILE.html, not {fmt})"
        )
    ranking = _rank(args, console)
    console.progress(f"profiling {args.unit}")
    prof = profile(ranking, args.unit, bloc=args.bloc, margin=args.margin)
    if fmt == "json":
        text = json.dumps(prof.to_dict(args.lang), ensure_ascii=False, indent=2)
    elif fmt == "markdown":
        text = prof.markdown(args.lang)
    elif fmt == "html":
        body = prof.html(args.lang)
        if args.plots:
            body += prof.chart_html(args.lang)
        text = page(prof.unit, body, lang=args.lang)
    else:
        text = prof.text(args.lang)
    _emit(args, text, console)
    return EXIT_OK


def _english(vi_text: str, en_text: str) -> str:
    return en_text


def add_profile_command(
    command: Callable[..., argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
    output: Callable[..., argparse.ArgumentParser],
    t: Callable[[str, str], str] = _english,
) -> Any:
    """Register ``profile`` (called by :func:`~ict_adoption.cli.parser.build_parser`);
    ``t(vi, en)`` picks the help text of the CLI's language."""
    p = command(
        "profile",
        cmd_profile,
        "one unit's profile: points lost per group and criterion, strengths, weaknesses, "
        "points lacking for the next class (hồ sơ một đơn vị)",
        [*parents, output(ANALYSIS_FORMATS, "text")],
    )
    p.add_argument("unit", metavar="UNIT", help=t("tên đơn vị hoặc một tên gọi khác của nó", "the unit's name or an alias of it"))
    p.add_argument("--bloc", metavar="B", help=t("khối của đơn vị (mã, tên hoặc tên khác), khi một tên có ở hai khối",
                                                 "the unit's bloc (id, name or alias), when a name is in two blocs"))
    p.add_argument("--plots", action="store_true",
                   help=t("nhúng biểu đồ các nhóm của đơn vị so với khối vào trang HTML; cần matplotlib",
                          "embed the chart of the unit's groups against its bloc in the HTML page; needs matplotlib"))
    p.add_argument(
        "--margin", type=float, default=0.10,
        help=t("cách trung vị của khối bao xa thì một tiêu chí là điểm mạnh hay hạn chế (mặc định 0.10)",
               "how far from the bloc's median share a criterion is a strength or weakness (default 0.10)"),
    )
    return p
