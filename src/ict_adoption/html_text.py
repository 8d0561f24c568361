"""HTML building blocks: escaping, inline-styled tables, a self-contained page.

Every text that reaches HTML goes through :func:`esc`. Colours and layout are inline
styles, so fragments keep their look in notebook front-ends that strip ``<style>``
elements. Used by the ranking views and by the rubric's notebook display.
"""

from __future__ import annotations

from html import escape
from typing import Any, Iterable, Sequence

__all__ = ["CSS", "TABLE", "CELL", "esc", "th", "td", "simple_table", "page", "band_colour"]

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
       margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1rem; }
p.ia-meta { margin: .1rem 0; color: #57606a; }
p.ia-warning { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; }
table.ia-table { border-collapse: collapse; margin: .5rem 0 1rem; }
table.ia-table th, table.ia-table td { border: 1px solid #d0d7de; padding: .25rem .5rem; }
table.ia-table th { background: #f6f8fa; text-align: left; }
table.ia-table caption { text-align: left; font-weight: 600; padding: .25rem 0; white-space: nowrap; }
td.ia-num { text-align: right; font-variant-numeric: tabular-nums; }
ul.ia-provenance li { margin: .15rem 0; }
""".strip()

TABLE = 'class="ia-table" style="border-collapse:collapse;margin:.5rem 0 1rem"'
CELL = "border:1px solid #d0d7de;padding:.2rem .5rem"
HEAD = CELL + ";background:#f6f8fa;text-align:left"
NUM = CELL + ";text-align:right;font-variant-numeric:tabular-nums"


def esc(value: Any) -> str:
    """Escape any text for HTML content and attribute values (quotes included)."""
    return escape("" if value is None else str(value), quote=True)


def th(text: str) -> str:
    return f'<th style="{HEAD}">{esc(text)}</th>'


def td(text: str, *, num: bool = False, style: str = "", cls: str = "") -> str:
    css = (NUM if num else CELL) + (f";{style}" if style else "")
    klass = " ".join(x for x in ("ia-num" if num else "", cls) if x)
    attr = f' class="{klass}"' if klass else ""
    return f'<td{attr} style="{css}">{esc(text)}</td>'


def simple_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, num_cols: Iterable[int] = (), caption: str | None = None, attrs: str = "") -> str:
    """A plain table (every cell escaped); ``num_cols`` are right-aligned."""
    nums = set(num_cols)
    out = [f"<table {TABLE}{(' ' + attrs) if attrs else ''}>"]
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(th(h) for h in headers) + "</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(td(c, num=j in nums) for j, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def page(title: str, body_html: str, *, lang: str = "vi") -> str:
    """A complete, self-contained HTML5 document (``body_html`` must be escaped already)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f"{body_html}\n</body>\n</html>\n"
    )


def band_colour(index: int, n: int) -> str:
    """A light background for class ``index`` of ``n``: green (best) … red (lowest)."""
    if index < 0:
        return "#eeeeee"
    hue = 120 if n <= 1 else round(120 - 120 * index / (n - 1))
    return f"hsl({hue}, 65%, 86%)"
