"""``ict-adoption uncertainty RUBRIC FILE``: how robust each unit's rank and class are to
the rubric's uncertain (by default: *assumed*) weights and class thresholds; optionally
the Sobol indices saying which of them drives the uncertainty (``--sobol N``).

Works with no configuration (ranges from the rubric's assumed values, see
:func:`~ict_adoption.uncertainty.default_inputs`); ``--inputs FILE.toml`` reads an
``[uncertainty]`` table instead. A progress bar (tqdm) is drawn on stderr only when it
is a terminal. The output is written only once every sample has run, atomically: a run
stopped with Ctrl-C stops its worker processes and leaves no file behind.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Callable

from .commands import _emit, _output_format, _rank
from .console import EXIT_OK, Console, UsageError, _isatty

if TYPE_CHECKING:
    import concurrent.futures as cf

__all__ = ["cmd_uncertainty", "add_uncertainty_command", "uncertainty_section", "FORMATS"]

FORMATS = ("text", "markdown", "html", "json", "xlsx")


class _Bar:
    """A tqdm bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, desc: str) -> None:
        self.bar: Any = None
        self.desc = desc

    def __call__(self, done: int, total: int) -> None:
        if not _isatty(sys.stderr):
            return
        if self.bar is None:
            try:
                from tqdm import tqdm
            except ImportError:  # pragma: no cover - the bar is a nicety
                return

            self.bar = tqdm(total=total, desc=self.desc, unit="mẫu", file=sys.stderr, leave=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _loading_note(lang: str) -> None:
    """On a terminal, say why the Sobol bar takes a moment to appear: the first
    sensitivity() of a process imports SALib, which imports scipy and pandas (2–4 s)."""
    if "SALib" in sys.modules or not _isatty(sys.stderr):
        return
    sys.stderr.write(
        "Sobol: loading SALib and scipy (2–4 s, once per process)…\n"
        if lang == "en"
        else "Sobol: đang nạp SALib và scipy (2–4 giây, một lần mỗi tiến trình)…\n"
    )


def _stop(executor: cf.Executor) -> None:
    """Cancel what has not started and end the worker processes (Ctrl-C)."""
    executor.shutdown(wait=False, cancel_futures=True)
    terminate = getattr(executor, "terminate_workers", None)  # Python >= 3.14
    if terminate is not None:
        terminate()
        return
    for proc in list((getattr(executor, "_processes", None) or {}).values()):
        proc.terminate()


def _published_pair(text: str) -> tuple[str, str]:
    """``SCORE=CLASS`` (``83.06=Tốt``) → ("83.06", "Tốt")."""
    score, sep, label = text.partition("=")
    if not sep or not score.strip() or not label.strip():
        raise UsageError(
            f"--published: cần ĐIỂM=XẾP_LOẠI (vd. 83.06=Tốt), nhận được {text!r} "
            f"(expected SCORE=CLASS, e.g. 83.06=Tốt, got {text!r})"
        )
    return score.strip().replace(",", "."), label.strip()


def _table(part: Any, fmt: str, args: argparse.Namespace) -> Any:
    if hasattr(part, "not_robust"):
        return part.table(lang=args.lang, fmt=fmt, not_robust_only=args.not_robust)
    return part.table(lang=args.lang, fmt=fmt)


def uncertainty_section(args: argparse.Namespace, ranking: Any, console: Console) -> Any:
    """The ``report --uncertainty N`` section: N samples over the default ranges (the
    rubric's assumed values), seed 0, with the progress bar on a terminal."""
    from ..uncertainty import uncertainty
    from ..uncertainty.report_section import UncertaintySection

    bar = _Bar("Monte Carlo")
    try:
        result = uncertainty(ranking.rubric, ranking, samples=args.uncertainty, seed=0, progress=bar)
    finally:
        bar.close()
    return UncertaintySection(result)


def cmd_uncertainty(args: argparse.Namespace, console: Console) -> int:
    from ..uncertainty import UncertainInputError

    try:
        return _cmd_uncertainty(args, console)
    except UncertainInputError as exc:  # in the CLI's language (main prints it)
        if exc.text(console.lang) != str(exc):
            raise UncertainInputError(exc.text(console.lang)) from exc
        raise


def _cmd_uncertainty(args: argparse.Namespace, console: Console) -> int:
    from ..html_text import page
    from ..uncertainty import load_inputs, sensitivity, uncertainty

    fmt = _output_format(args, FORMATS, "text")
    inputs = load_inputs(args.inputs) if args.inputs else None
    if inputs is not None and inputs.missing is not None and args.missing == "error":
        args.missing = inputs.missing.choices[0]  # the nominal treatment: the first choice
    ranking = _rank(args, console)
    published = [_published_pair(x) for x in args.published]
    if (published or args.dirichlet is not None) and inputs is not None:
        raise UsageError(
            "--published và --dirichlet thay đổi các khoảng mặc định; không dùng cùng --inputs "
            "(--published and --dirichlet change the default ranges; they cannot be used with --inputs)"
        )
    if args.dirichlet is not None:
        if args.sobol:
            raise UsageError(
                "--dirichlet: chỉ số Sobol cần các đầu vào độc lập; bỏ --sobol hoặc --dirichlet "
                "(Sobol indices assume independent inputs; leave out --sobol or --dirichlet)"
            )
        from ..uncertainty import default_inputs

        scored = ranking.scored
        known = bool(scored.group_known[scored.reported].all()) if scored.reported.any() else False
        inputs = default_inputs(ranking.rubric, weights=known, published=published, dirichlet=args.dirichlet)
        published = []
    parts: list[Any] = []
    if args.workers < 1:
        raise UsageError(f"--workers: cần ít nhất 1, nhận được {args.workers} (expected at least 1, got {args.workers})")
    import concurrent.futures as cf  # only this command runs worker processes

    executor = cf.ProcessPoolExecutor(max_workers=args.workers) if args.workers > 1 else None
    try:
        bar = _Bar("Monte Carlo")
        try:
            result = uncertainty(
                ranking.rubric, ranking, inputs, samples=args.samples, seed=args.seed, level=args.level,
                executor=executor, workers=args.workers if executor else None, progress=bar, published=published,
                missing=args.missing,
            )
        finally:
            bar.close()
        parts.append(result)
        if args.sobol:
            _loading_note(args.lang)
            bar = _Bar("Sobol")
            try:
                parts.append(
                    sensitivity(
                        ranking.rubric, ranking, result.inputs, n=args.sobol, seed=args.seed,
                        executor=executor, workers=args.workers if executor else None, progress=bar,
                        missing=args.missing,
                    )
                )
            finally:
                bar.close()
    except BaseException:  # Ctrl-C or an error: stop the workers, write nothing
        if executor is not None:
            _stop(executor)
        raise
    if executor is not None:
        executor.shutdown()
    if not len(result.inputs):
        console.note(
            "nothing varies: the rubric marks no weight or threshold assumed; give --inputs FILE.toml"
            if args.lang == "en"
            else "không có gì thay đổi: bộ tiêu chí không có trọng số hay ngưỡng nào là giả định; hãy dùng --inputs FILE.toml"
        )
    if fmt == "json":
        from ..uncertainty.render import json_text

        data: Any = {"uncertainty": result.to_dict()}
        if len(parts) > 1:
            data["sensitivity"] = parts[1].to_dict()
        text: str | bytes = json_text(data)
    elif fmt == "xlsx":
        text = result.table(lang=args.lang, fmt="xlsx", not_robust_only=args.not_robust)  # the Sobol tables: --format json/markdown/html
        if len(parts) > 1:
            console.note("the xlsx output holds the uncertainty tables only; use another --format for the Sobol indices")
    elif fmt == "html":
        body = "\n".join(_table(p, "html", args) for p in parts)
        text = page(f"{ranking.rubric.region}:{ranking.rubric.edition}", body, lang=args.lang)
    else:
        text = "\n".join(_table(p, fmt, args) for p in parts)
    _emit(args, text, console)
    return EXIT_OK


def _english(vi: str, en: str) -> str:
    return en


def add_uncertainty_command(
    command: Callable[..., argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
    output: Callable[..., argparse.ArgumentParser],
    t: Callable[[str, str], str] = _english,
) -> Any:
    """Register ``uncertainty`` (called by :func:`~ict_adoption.cli.parser.build_parser`);
    ``t(vi, en)`` picks the help text of the CLI's language."""
    p = command(
        "uncertainty",
        cmd_uncertainty,
        t("độ vững của thứ hạng và xếp loại trước các trọng số và ngưỡng xếp loại bất định (giả định): "
          "khoảng thứ hạng, xác suất xếp loại, chỉ số Sobol",
          "how robust ranks and classes are to uncertain (assumed) weights and class thresholds: "
          "rank intervals, class probabilities, Sobol indices"),
        [*parents, output(FORMATS, "text")],
    )
    p.add_argument("--samples", type=int, default=1000, metavar="N",
                   help=t("số mẫu Monte Carlo (mặc định 1000)", "Monte Carlo samples (default 1000)"))
    p.add_argument("--seed", type=int, default=0,
                   help=t("hạt giống ngẫu nhiên (mặc định 0): cùng hạt giống, cùng kết quả",
                          "random seed (default 0): the same seed, the same result"))
    p.add_argument(
        "--inputs", metavar="TOML",
        help=t("tệp có bảng [uncertainty] (mặc định: khoảng cho các giá trị giả định)",
               "a file with an [uncertainty] table (default: ranges for the assumed values)"),
    )
    p.add_argument(
        "--level", type=float, default=0.95,
        help=t("xếp loại là vững khi được giữ trong ít nhất tỷ lệ mẫu này (mặc định 0.95)",
               "a class is robust when kept in at least this share of samples (default 0.95)"),
    )
    p.add_argument(
        "--published", action="append", default=[], metavar="SCORE=CLASS",
        help=t("điểm và xếp loại đã công bố cùng nhau (vd. 83.06=Tốt; lặp lại được): các khoảng mặc định "
               "được thu hẹp để không mẫu nào mâu thuẫn",
               "a score and class published together (e.g. 83.06=Tốt; repeatable): the default ranges "
               "are narrowed so that no sample contradicts it"),
    )
    p.add_argument(
        "--dirichlet", type=float, metavar="C",
        help=t("rút chung các trọng số giả định theo phân phối Dirichlet độ tập trung C (vd. 100), giữ tổng, "
               "thay cho ± 20 %% từng trọng số",
               "draw the assumed weights together from a Dirichlet distribution of concentration C "
               "(e.g. 100), keeping their total, instead of each in ± 20 %%"),
    )
    p.add_argument(
        "--not-robust", action="store_true",
        help=t("chỉ liệt kê các đơn vị có xếp loại không vững (đầu ra JSON giữ mọi đơn vị)",
               "list only the units whose class is not robust (the JSON output keeps every unit)"),
    )
    p.add_argument("--sobol", type=int, default=0, metavar="N",
                   help=t("thêm chỉ số Sobol, mẫu gốc N (lũy thừa của 2)",
                          "also Sobol indices, base sample N (a power of 2)"))
    p.add_argument(
        "--workers", type=int, default=1, metavar="W",
        help=t("số tiến trình (mặc định 1: tiến trình này); kết quả không phụ thuộc vào nó",
               "worker processes (default 1: this process); the result does not depend on it"),
    )
    return p
