"""The analyses as tables: text, Markdown, HTML, JSON and Excel, Vietnamese first.

:func:`render_uncertainty` and :func:`render_sensitivity` give ``str`` (``bytes`` for
``"xlsx"``). Units whose class is not robust come first; probabilities are shown as
whole per cent, ranks as the core's labels are (a fractional rank with its ``.5``).
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from ..html_text import esc, simple_table
from ..words import check_lang

if TYPE_CHECKING:
    from .analysis import UncertaintyResult
    from .sensitivity import SensitivityResult

__all__ = ["render_uncertainty", "render_sensitivity", "json_text", "FORMATS", "LABELS"]

FORMATS = ("text", "markdown", "html", "json", "xlsx")

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Độ vững của thứ hạng và xếp loại",
        "unit": "Đơn vị",
        "bloc": "Khối",
        "rank": "Hạng",
        "median": "Hạng trung vị",
        "interval": "Khoảng 5–95 %",
        "class": "Xếp loại",
        "keep": "Giữ xếp loại",
        "robust": "Vững",
        "yes": "có",
        "no": "không",
        "shift": "Độ lệch hạng trung bình",
        "not_robust": "Đơn vị có xếp loại không vững (giữ xếp loại dưới {level} % số mẫu): {n}",
        "all_robust": "Mọi đơn vị giữ xếp loại trong ít nhất {level} % số mẫu.",
        "header": "{samples} mẫu Monte Carlo (seed {seed}) trên {k} đầu vào bất định{names}",
        "none": "(không có)",
        "input": "Đầu vào",
        "sens_title": "Chỉ số độ nhạy Sobol",
        "sens_header": "Đầu ra: {output}; N = {n}, {runs} lượt chạy, khoảng tin cậy {conf} % (bootstrap)",
        "S1": "Bậc một S1",
        "ST": "Toàn phần ST",
        "sheet_units": "Đơn vị",
        "sheet_blocs": "Khối",
        "sheet_sobol": "Sobol",
        "constant": "Đầu ra này không đổi trong mọi lượt chạy: không đầu vào nào làm nó thay đổi (mọi chỉ số bằng 0).",
        "rare": (
            "Đầu ra này chỉ thay đổi trong {varied}/{runs} lượt chạy và không lần nào ở các lượt chạy gốc của thiết kế "
            "(ma trận A, B): quá hiếm để ước lượng chỉ số với N = {n} (để trống, không phải 0); hãy tăng N."
        ),
        "ranges": "Khoảng",
        "reason": "Lý do",
        "ranked": "Được xếp hạng",
        "unranked": "không xếp hạng",
    },
    "en": {
        "title": "How robust are the ranks and classes",
        "unit": "Unit",
        "bloc": "Bloc",
        "rank": "Rank",
        "median": "Median rank",
        "interval": "5–95 % interval",
        "class": "Class",
        "keep": "Keeps class",
        "robust": "Robust",
        "yes": "yes",
        "no": "no",
        "shift": "Mean absolute rank shift",
        "not_robust": "Units whose class is not robust (kept in under {level} % of samples): {n}",
        "all_robust": "Every unit keeps its class in at least {level} % of the samples.",
        "header": "{samples} Monte Carlo samples (seed {seed}) over {k} uncertain inputs{names}",
        "none": "(none)",
        "input": "Input",
        "sens_title": "Sobol sensitivity indices",
        "sens_header": "Output: {output}; N = {n}, {runs} runs, {conf} % confidence (bootstrap)",
        "S1": "First-order S1",
        "ST": "Total ST",
        "sheet_units": "Units",
        "sheet_blocs": "Blocs",
        "sheet_sobol": "Sobol",
        "constant": "This output is the same in every run: no input moves it (every index is 0).",
        "rare": (
            "This output changes in only {varied} of {runs} runs and in none of the design's base runs "
            "(matrices A and B): too rare to estimate indices with N = {n} (left blank, not 0); raise N."
        ),
        "ranges": "Range",
        "reason": "Reason",
        "ranked": "Ranked",
        "unranked": "not ranked",
    },
}


def _rank(x: float | int | None) -> str:
    if x is None:  # not ranked (nominally, or in every sample)
        return "—"
    f = float(x)
    return str(int(f)) if f.is_integer() else f"{f:.1f}"


_MARK = "@@units-of-the-analysis@@"


def json_text(data: Any) -> str:
    """``data`` as indented JSON, but each record of a ``"units"`` list on one line: the
    same JSON as ``json.dumps(data, indent=2)`` reads, written by the C encoder a unit at
    a time (the indented encoder is pure Python: seconds for 10,000 units)."""

    def strip(d: Any, found: list[Any]) -> Any:
        if not isinstance(d, dict):
            return d
        out = {}
        for k, v in d.items():
            if k == "units" and isinstance(v, list):
                found.append(v)
                out[k] = _MARK
            else:
                out[k] = strip(v, found)
        return out

    lists: list[Any] = []
    text = json.dumps(strip(data, lists), ensure_ascii=False, indent=2)
    for units in lists:
        at = text.index(f'"{_MARK}"')
        pad = " " * (at - text.rindex("\n", 0, at) - 1 - len('"units": ') + 2)
        body = "[]" if not units else (
            "[\n" + ",\n".join(pad + json.dumps(u, ensure_ascii=False) for u in units) + "\n" + pad[:-2] + "]"
        )
        text = text[:at] + body + text[at + len(_MARK) + 2:]
    return text + "\n"


def _index(x: float, lang: str = "en") -> str:
    return "—" if x != x else _dec(f"{x:.3f}", lang)


def _dec(text: str, lang: str) -> str:
    """A decimal comma in Vietnamese (12,5), a point in English."""
    return text if lang == "en" else text.replace(".", ",")


def _pct(p: float) -> str:
    return f"{round(100 * p)} %"


def _unit_rows(result: UncertaintyResult, lang: str, only: bool = False) -> tuple[list[str], list[list[str]]]:
    w = LABELS[lang]
    bands = result.ranking.rubric.bands
    blocs = {b.id: b for b in result.ranking.rubric.blocs}
    label = {b.label: (b.label_en or b.label) if lang == "en" else b.label for b in bands}
    headers = [w["unit"], w["bloc"], w["rank"], w["median"], w["interval"], w["class"], w["keep"], w["robust"]]
    # with a missing-value choice: how often the unit is ranked (its ranks: over those samples)
    ranked = result.ranked_probability is not None
    headers += [label[b.label] for b in bands] + ([w["ranked"]] if ranked else [])
    rows = []
    for r in result.not_robust() if only else result.records():
        bloc = blocs[r["bloc"]]
        cls = r["nominal_class"]
        interval = "—" if r["rank_5"] is None else f"{_rank(r['rank_5'])}–{_rank(r['rank_95'])}"
        rows.append(
            [
                r["unit"],
                (bloc.name_en or bloc.name) if lang == "en" else bloc.name,
                _dec(_rank(r["nominal_rank"]), lang),
                _dec(_rank(r["median_rank"]), lang),
                _dec(interval, lang),
                w["unranked"] if cls is None else label[cls],
                _pct(r["keep_probability"]),
                w["yes"] if r["robust"] else w["no"],
                *(_pct(r["class_probability"][b.label]) for b in bands),
                *([_pct(r["ranked_probability"])] if ranked else []),
            ]
        )
    return headers, rows


def _summary(result: UncertaintyResult, lang: str) -> list[str]:
    w = LABELS[lang]
    names = "" if len(result.inputs) else f": {w['none']}"
    level = round(100 * result.level)
    n_bad = int((~result.robust).sum())
    lines = [w["header"].format(samples=result.samples, seed=result.seed, k=len(result.inputs), names=names)]
    lines.append(w["not_robust"].format(level=level, n=n_bad) if n_bad else w["all_robust"].format(level=level))
    return lines


def _bloc_rows(result: UncertaintyResult, lang: str) -> list[list[str]]:
    blocs = {b.id: b for b in result.ranking.rubric.blocs}
    return [
        [(blocs[k].name_en or blocs[k].name) if lang == "en" else blocs[k].name, _dec(f"{v:.2f}", lang)]
        for k, v in result.bloc_shift.items()
    ]


def _input_rows(result: UncertaintyResult, lang: str) -> list[list[str]]:
    """One row per uncertain input: its name, range and why (when the defaults made it)."""
    rows = [[x.name, f"{_num_text(x.low, lang)}–{_num_text(x.high, lang)}", x.reason(lang)] for x in result.inputs.weights]
    d = result.inputs.dirichlet
    if d is not None:
        alpha = ", ".join(f"{a:.3g}" for a in d.alpha(result.ranking.rubric))
        rows.append([d.name, f"Dirichlet(α = {alpha})" if lang == "en" else f"Dirichlet(α = {alpha})".replace(".", ","),
                     d.reason(lang)])
    rows += [[x.name, f"{_num_text(x.low, lang)}–{_num_text(x.high, lang)}", x.reason(lang)] for x in result.inputs.thresholds]
    m = result.inputs.missing
    if m is not None:
        rows.append([m.name, m.words(lang), m.reason(lang)])
    rows += [[r.name, r.words(lang), r.reason(lang)] for r in result.inputs.rules]
    return rows


def _num_text(d: Any, lang: str) -> str:
    from .inputs import _txt

    t = _txt(d)
    return t if lang == "en" else t.replace(".", ",")


def render_uncertainty(
    result: UncertaintyResult, fmt: str = "text", *, lang: str = "vi", not_robust_only: bool = False
) -> Any:
    """The uncertainty analysis in ``fmt`` (:data:`FORMATS`); ``not_robust_only``: the
    units table lists only the units whose class is not robust."""
    check_lang(lang)
    w = LABELS[lang]
    if fmt == "json":
        return json_text(result.to_dict())
    headers, rows = _unit_rows(result, lang, not_robust_only)
    blocs = _bloc_rows(result, lang)
    lines = _summary(result, lang)
    ins = _input_rows(result, lang)
    in_head = [w["input"], w["ranges"], w["reason"]]
    if fmt in ("text", "markdown"):
        tablefmt = "github" if fmt == "markdown" else "simple"
        title = f"## {w['title']}" if fmt == "markdown" else w["title"]
        parts = [title, "", *lines, ""]
        if ins:
            parts += [tabulate(ins, in_head, tablefmt=tablefmt, disable_numparse=True), ""]
        parts += [tabulate(rows, headers, tablefmt=tablefmt, disable_numparse=True)]
        parts += ["", tabulate(blocs, [w["bloc"], w["shift"]], tablefmt=tablefmt, disable_numparse=True)]
        return "\n".join(parts) + "\n"
    if fmt == "html":
        body = [f"<h3>{esc(w['title'])}</h3>", *(f"<p>{esc(x)}</p>" for x in lines)]
        if ins:
            body.append(simple_table(in_head, ins, num_cols=[1]))
        body.append(simple_table(headers, rows, num_cols=range(2, len(headers))))
        body.append(simple_table([w["bloc"], w["shift"]], blocs, num_cols=[1]))
        return "\n".join(body)
    if fmt == "xlsx":
        return _workbook(
            [
                (w["sheet_units"], lines, headers, rows),
                (w["sheet_blocs"], [], [w["bloc"], w["shift"]], blocs),
                (w["input"], [], in_head, ins),
            ]
        )
    raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")


def render_sensitivity(result: SensitivityResult, fmt: str = "text", *, lang: str = "vi") -> Any:
    """The Sobol indices in ``fmt`` (:data:`FORMATS`), one table per output."""
    check_lang(lang)
    w = LABELS[lang]
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    headers = [w["input"], w["S1"], "± S1", w["ST"], "± ST"]
    tables = []
    for output in result.outputs:
        rows = [
            [name, *(_index(v[k], lang) for k in ("S1", "S1_conf", "ST", "ST_conf"))]
            for name, v in result.index(output).items()
        ]
        head = w["sens_header"].format(output=output, n=result.n, runs=result.runs, conf=round(100 * result.conf_level))
        if output in result.notes:
            kind, varied = result.notes[output]
            head += "\n" + w[kind].format(varied=varied, runs=result.runs, n=result.n)
        tables.append((head, rows))
    if fmt in ("text", "markdown"):
        tablefmt = "github" if fmt == "markdown" else "simple"
        parts = [f"## {w['sens_title']}" if fmt == "markdown" else w["sens_title"]]
        for head, rows in tables:
            parts += ["", head, "", tabulate(rows, headers, tablefmt=tablefmt, disable_numparse=True)]
        return "\n".join(parts) + "\n"
    if fmt == "html":
        body = [f"<h3>{esc(w['sens_title'])}</h3>"]
        for head, rows in tables:
            body += [f"<p>{esc(head)}</p>", simple_table(headers, rows, num_cols=range(1, 5))]
        return "\n".join(body)
    if fmt == "xlsx":
        return _workbook([(f"{w['sheet_sobol']} {i + 1}", head.split("\n"), headers, rows) for i, (head, rows) in enumerate(tables)])
    raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")


def _workbook(sheets: list[tuple[str, list[str], list[str], list[list[str]]]]) -> bytes:
    from ..io.xlsx import openpyxl, put, sheet_title

    xl = openpyxl("Excel output")
    wb = xl.Workbook()
    used: set[str] = set()
    for k, (name, lines, headers, rows) in enumerate(sheets):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = sheet_title(name, used, fallback="Sheet")
        r = 1
        for line in lines:
            put(ws, r, 1, line)
            r += 1
        if lines:
            r += 1
        for j, h in enumerate(headers, start=1):
            put(ws, r, j, h, bold=True)
        for row in rows:
            r += 1
            for j, v in enumerate(row, start=1):
                put(ws, r, j, v)
        ws.column_dimensions["A"].width = 40
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
