"""What the analysis commands (``profile``, ``compare``) share: the output format from
``--format`` or the ``-o`` suffix, and writing the result."""

from __future__ import annotations

import argparse
from pathlib import Path

from .console import UsageError

ANALYSIS_FORMATS = ("text", "markdown", "html", "json")
_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json",
             ".xlsx": "xlsx"}


def analysis_format(args: argparse.Namespace, choices: tuple[str, ...] = ANALYSIS_FORMATS) -> str:
    """``--format``, else the ``-o`` suffix, else text; ``xlsx`` (binary) needs ``-o``."""
    if args.format:
        if args.format == "xlsx" and not args.output:
            raise UsageError(
                "--format xlsx ghi tệp nhị phân: cho tệp kết quả bằng -o TỆP.xlsx "
                "(--format xlsx writes a binary file: give the output file with -o FILE.xlsx)"
            )
        return str(args.format)
    if args.output:
        fmt = _SUFFIXES.get(Path(args.output).suffix.lower())
        if fmt is None or fmt not in choices:
            raise UsageError(
                f"không đoán được định dạng từ {args.output!r}; dùng --format ({'|'.join(choices)}) "
                f"(cannot tell the output format from {args.output!r}; give --format)"
            )
        return fmt
    return "text"
