"""Excel scorecards for supervisors: one workbook comparing every report, optionally one per report.

Sheets: 总览 (ranking), 要求矩阵 (requirements × reports), 指标对比 (figures), 问题清单 (findings),
说明 (method and provenance), then one scorecard sheet per report. A scorecard's totals, and the
score, grade, rank and pillar percents on 总览 that read them, are Excel formulas over the
scorecard rows, so points a supervisor types into the 人工调整 column flow through the workbook.

The writer never computes a score: points, statuses and totals come from the results; the
formulas only re-add the points the scorer already awarded (and any overrides).

Every string that comes from a report is written as a text cell, never as a formula, whatever it
begins with (= + - @); only the tool's own totals are formulas (`_Formula`).

Large batches: with more than PER_REPORT_SHEETS_MAX reports the main workbook omits the
scorecard sheets (a workbook with hundreds of sheets is slow to open and useless to page through);
总览 then holds the scores as values, and 说明 points to the per-report workbooks of `split_dir`.
Those have the same layout with one report each; from SPLIT_PARALLEL_MIN on, worker processes
write them.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer.result import LEVEL_LABELS, REASONS, STATUS_LABELS, STATUSES, ReportResult, RunResult
from scorer.rubric.model import Rubric
from scorer.write.atomic import OutputError, atomic_path

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# Above this many reports the main workbook has no scorecard sheets (see the module docstring).
PER_REPORT_SHEETS_MAX = 60

# Per-report workbooks are independent and take openpyxl ~45 ms each; from this many on they are
# written by a pool of worker processes, one per CPU.
SPLIT_PARALLEL_MIN = 40

FONT_NAME = "Microsoft YaHei"  # present on Windows and WPS; LibreOffice substitutes a CJK font

# GB2312 symbols: every CJK font (SimSun, YaHei, Noto CJK) has them.
STATUS_SYMBOLS = {"met": "√", "partial": "△", "missing": "×", "n/a": "—"}
# (fill, font colour) per status: Excel's own good / neutral / bad palette, grey for n/a.
STATUS_COLOURS = {"met": ("C6EFCE", "006100"), "partial": ("FFEB9C", "9C5700"),
                  "missing": ("FFC7CE", "9C0006"), "n/a": ("E7E6E6", "595959")}
EVIDENCE_KIND_LABELS = {"plan": "计划", "shortcoming": "不足", "negated": "否定", "generic": "笼统"}
FINDING_KIND_LABELS = {"below-target": "指标未达目标", "rate-mismatch": "比率与数量不符",
                       "missing-part": "缺少法定内容"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STATUS = {"error": "missing", "warning": "partial"}  # borrow the status colours
UNIT_LABELS = {"percent": "%", "count": "数量"}
TARGET_OPS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}

OVERVIEW, MATRIX, METRICS, FINDINGS, NOTES = "总览", "要求矩阵", "指标对比", "问题清单", "说明"
FIXED_SHEETS = (OVERVIEW, MATRIX, METRICS, FINDINGS, NOTES)

OVERRIDE_HINT = ("提示：在黄色“人工调整”列填入分值（0 至满分），",
                 "即替代该项机器评分；本表与总览的得分、等级、",
                 "排名自动重算。清空单元格即恢复机器评分。")
EVIDENCE_SHOWN = 2  # evidence sentences quoted per requirement on a scorecard
MATRIX_REPORTS_PER_PAGE = 30  # report columns of 要求矩阵 on one printed page
_SHEET_NAME_MAX = 31
_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\'<>\"|\x00-\x1f]")  # sheet names and file names
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_CELL_TEXT_MAX = 32767
_LINE_HEIGHT = 14.5  # points per line of 10 pt text in a CJK font (YaHei, Noto CJK line spacing)
_ROW_HEIGHT_MAX = 409  # Excel's limit


class _Formula(str):
    """A formula the tool wrote itself; every other string is written as text."""


def write_workbook(run: RunResult, rubric: Rubric, path: str | os.PathLike[str], *,
                   split_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write the supervisor's workbook to `path`; with `split_dir`, also one workbook per report.

    Returns the paths written, the main workbook first. Raises OutputError (one line) when a
    target cannot be written; each file is replaced atomically, so a failure leaves no partial file.
    """
    labels = _report_labels(run.reports)
    split_paths: dict[int, Path] = {}
    if split_dir is not None:
        folder = Path(split_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"{folder}: cannot create the folder ({err.strerror})") from None
        split_paths = {i: folder / f"{label}.xlsx" for i, label in enumerate(labels)}

    main = Path(path)
    scorecards = len(run.reports) <= PER_REPORT_SHEETS_MAX
    links = {} if scorecards else {i: Path(os.path.relpath(p, main.parent))
                                   for i, p in split_paths.items()}
    _save(_build(run, rubric, labels, scorecards=scorecards, split_links=links,
                 split_dir=split_dir), main)
    jobs = [(dataclasses.replace(run, reports=(run.reports[i],), errors=()), rubric, labels[i], target)
            for i, target in split_paths.items()]
    if len(jobs) >= SPLIT_PARALLEL_MIN and (os.cpu_count() or 1) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor() as pool:
            list(pool.map(_write_single, jobs, chunksize=8))
    else:
        for job in jobs:
            _write_single(job)
    return [main, *split_paths.values()]


def _write_single(job: tuple[RunResult, Rubric, str, Path]) -> None:
    """One report's own workbook (a module-level function so a worker process can run it)."""
    run, rubric, label, target = job
    _save(_build(run, rubric, [label], scorecards=True, split_links={}, split_dir=None), target)


def _save(workbook: Workbook, target: Path) -> None:
    with atomic_path(target) as tmp:
        try:
            workbook.save(tmp)
        except OSError as err:
            raise OutputError(f"{target}: cannot write the workbook ({err.strerror})") from None


# --------------------------------------------------------------------------- names


def _report_labels(reports: Sequence[ReportResult]) -> list[str]:
    """One short, unique name per report (region + year), valid as a sheet name and a file name."""
    taken = {name.casefold() for name in FIXED_SHEETS}
    labels = []
    for n, report in enumerate(reports, 1):
        region = report.region or Path(report.source).stem or f"报告{n}"
        base = _NAME_FORBIDDEN.sub("_", f"{region}{report.year or ''}").strip(" .") or f"报告{n}"
        label, copy = base[:_SHEET_NAME_MAX], 1
        while label.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            label = base[:_SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(label.casefold())
        labels.append(label)
    return labels


def _sheet_ref(sheet: str, cell: str) -> str:
    return f"'{sheet}'!{cell}"  # sheet names never hold an apostrophe (_NAME_FORBIDDEN)


# --------------------------------------------------------------------------- cells and styles


@dataclass(frozen=True)
class _Style:
    font: Any
    alignment: Any
    fill: Any = None
    number_format: str = "General"


@functools.cache
def _styles() -> dict[str, _Style]:
    """The few styles the workbook uses, built once (openpyxl is imported lazily)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    def fill(colour: str) -> PatternFill:
        return PatternFill("solid", start_color=colour, end_color=colour)

    plain = Font(name=FONT_NAME, size=10)
    top = Alignment(horizontal="left", vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    centre = Alignment(horizontal="center", vertical="top")
    key = Font(name=FONT_NAME, size=12, bold=True, color="1F3864")
    styles = {
        "text": _Style(plain, top),
        "wrap": _Style(plain, wrap),
        "score": _Style(plain, centre, number_format="0.0"),
        "centre": _Style(plain, centre),
        "title": _Style(Font(name=FONT_NAME, size=14, bold=True), Alignment(vertical="center")),
        "label": _Style(Font(name=FONT_NAME, size=10, bold=True), top, fill("F2F2F2")),
        "header": _Style(Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF"),
                         Alignment(horizontal="center", vertical="center", wrap_text=True),
                         fill("305496")),
        "stacked_header": _Style(Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF"),
                                 Alignment(horizontal="center", vertical="bottom", text_rotation=255),
                                 fill("305496")),
        # the totals of a scorecard's header block (left: they run on into empty cells)
        "total": _Style(key, top),
        "total_score": _Style(key, top, number_format="0.0"),
        # the score column of 总览
        "key_score": _Style(key, centre, number_format="0.0"),
        "override": _Style(plain, centre, fill("FFF2CC")),
        "hint": _Style(Font(name=FONT_NAME, size=9, italic=True, color="7F6000"), top, fill("FFF2CC")),
        "link": _Style(Font(name=FONT_NAME, size=10, color="0563C1", underline="single"), top),
        "missed_metric": _Style(plain, wrap, fill(STATUS_COLOURS["missing"][0])),
    }
    for status, (background, colour) in STATUS_COLOURS.items():
        styles[status] = _Style(Font(name=FONT_NAME, size=10, color=colour), centre, fill(background))
    return styles


def _register_styles(workbook: Workbook) -> None:
    """Add the styles as named styles: a cell then takes one by name, a copy of a ready index
    array, instead of hashing font, fill and alignment again for every cell (most of the time)."""
    from openpyxl.styles import NamedStyle

    for name, look in _styles().items():
        named = NamedStyle(name=f"scorer {name}", font=look.font, alignment=look.alignment,
                           number_format=look.number_format)
        if look.fill is not None:
            named.fill = look.fill
        workbook.add_named_style(named)


def _clean(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)[:_CELL_TEXT_MAX]


def _put(ws: Worksheet, row: int, col: int, value: Any, style: str = "text") -> Any:
    """Write one cell. Strings are always text (report text may begin with = + - @)."""
    cell = ws.cell(row=row, column=col)
    cell.style = f"scorer {style}"
    if isinstance(value, _Formula):
        cell.value = "=" + value
    elif isinstance(value, str) and value:
        text = _clean(value)
        if text and _styles()[style].alignment.wrap_text:
            _fit_row_height(ws, row, col, text)
        cell.value = text
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
        if text.startswith(_RISKY_START):
            cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    else:
        cell.value = value
    return cell


def _fit_row_height(ws: Worksheet, row: int, col: int, text: str) -> None:
    """Make the row tall enough for a wrapped text: neither LibreOffice nor Excel grows a row
    by itself when it opens the file, so the lines are estimated (a CJK character is about two
    column-width units, which is what its UTF-8 length says)."""
    from openpyxl.utils import get_column_letter

    width = max((ws.column_dimensions[get_column_letter(col)].width or 10) - 1, 1)
    lines = sum(max(1, math.ceil((len(line.encode()) + len(line)) / 2 / width))
                for line in text.split("\n"))
    if lines > 1:
        height = min(_ROW_HEIGHT_MAX, lines * _LINE_HEIGHT + 2)
        if (ws.row_dimensions[row].height or 0) < height:
            ws.row_dimensions[row].height = height


def _put_row(ws: Worksheet, row: int, values: Iterable[Any], style: str | Sequence[str] = "text",
             first_col: int = 1) -> None:
    styles = itertools.repeat(style) if isinstance(style, str) else style
    for col, (value, look) in enumerate(zip(values, styles), first_col):
        _put(ws, row, col, value, look)


@dataclass(frozen=True)
class _Column:
    header: str
    width: float
    style: str = "text"  # of the cells below the header
    header_style: str = "header"


def _table_header(ws: Worksheet, row: int, columns: Sequence[_Column], first_col: int = 1) -> None:
    """Header row, column widths, and print titles so every printed page repeats the header."""
    _set_widths(ws, columns, first_col)
    for col, column in enumerate(columns, first_col):
        _put(ws, row, col, column.header, column.header_style)
    ws.print_title_rows = f"{row}:{row}"


def _set_widths(ws: Worksheet, columns: Sequence[_Column], first_col: int = 1) -> None:
    from openpyxl.utils import get_column_letter

    for col, column in enumerate(columns, first_col):
        ws.column_dimensions[get_column_letter(col)].width = column.width


def _finish_table(ws: Worksheet, header_row: int, last_row: int, last_col: int,
                  freeze_col: int = 1, pages_wide: int = 1) -> None:
    """Freeze panes, autofilter and landscape fit-to-width printing for a sheet's table."""
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = f"{get_column_letter(freeze_col)}{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(last_col)}{max(last_row, header_row)}"
    _print_setup(ws, pages_wide)


def _print_setup(ws: Worksheet, pages_wide: int = 1) -> None:
    """A4 landscape, as many pages down as needed but `pages_wide` pages across."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = pages_wide, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _grade_formula(score_cell: str, rubric: Rubric) -> _Formula:
    """Nested IF over the grade bands, highest first; same fallback as Scoring.grade."""
    bands = sorted(rubric.scoring.grades, key=lambda g: -g.min)
    if not bands:
        return _Formula('""')
    formula = _excel_string(rubric.scoring.grades[-1].label)
    for band in reversed(bands):
        formula = f"IF({score_cell}>={band.min:g},{_excel_string(band.label)},{formula})"
    return _Formula(formula)


def _excel_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --------------------------------------------------------------------------- workbook


@dataclass(frozen=True)
class _ScorecardCells:
    """Where a scorecard sheet keeps the totals 总览 reads."""

    sheet: str
    score: str
    grade: str
    pillar_percent: dict[str, str]  # pillar id → cell


def _build(run: RunResult, rubric: Rubric, labels: list[str], *, scorecards: bool,
           split_links: dict[int, Path], split_dir: str | os.PathLike[str] | None) -> Workbook:
    from openpyxl import Workbook

    workbook = Workbook()
    _register_styles(workbook)
    overview = workbook.active
    overview.title = OVERVIEW
    matrix, metrics, findings, notes = (workbook.create_sheet(name) for name in FIXED_SHEETS[1:])
    cards = [_scorecard_sheet(workbook.create_sheet(label), report, rubric)
             for label, report in zip(labels, run.reports)] if scorecards else None
    _overview_sheet(overview, run, rubric, labels, cards, split_links)
    _matrix_sheet(matrix, run, rubric, labels)
    _metrics_sheet(metrics, run, rubric, labels)
    _findings_sheet(findings, run, rubric, labels)
    _notes_sheet(notes, run, rubric, labels, scorecards=scorecards, split_dir=split_dir)
    return workbook


# --------------------------------------------------------------------------- 总览

_OVERVIEW_HEADER_ROW = 5


def _issuer_label(report: ReportResult) -> str:
    """The issuer, and for a department the government it belongs to."""
    issuer = report.issuer or ""
    if report.department_of and report.department_of not in issuer:
        issuer = f"{issuer}（{report.department_of}所属部门）" if issuer else f"{report.department_of}所属部门"
    return issuer


def _overview_sheet(ws: Worksheet, run: RunResult, rubric: Rubric, labels: list[str],
                    cards: list[_ScorecardCells] | None, split_links: dict[int, Path]) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    info = run.rubric
    _put(ws, 1, 1, f"{info.title}（{info.id} 版本 {info.version}）", "title")
    _put(ws, 2, 1, f"评分工具：{run.tool_name} {run.tool_version}　　评分时间：{run.run_date}")
    summary = f"共 {len(run.reports)} 份报告"
    if run.errors:
        summary += f"；另有 {len(run.errors)} 个文件无法读取，见“{NOTES}”"
    _put(ws, 3, 1, summary)

    score_column = _Column("得分率（%）", 9, "key_score")
    columns = [_Column("报告", 16), _Column("地区", 12), _Column("年度", 7, "centre"),
               _Column("层级", 7, "centre"), _Column("来源文件", 24), score_column,
               _Column("等级", 8, "centre"), _Column("排名", 6, "centre")]
    columns += [_Column(f"{STATUS_LABELS[s]}项数", 7, "centre") for s in STATUSES]
    columns += [_Column(f"{pillar.title}（%）", 11, "score") for pillar in rubric.pillars]
    columns.append(_Column("发布机关", 20))  # a 教育局 is not ranked against a county unseen
    header = _OVERVIEW_HEADER_ROW
    _table_header(ws, header, columns)
    score_col, first, last = columns.index(score_column) + 1, header + 1, header + len(run.reports)
    score_letter = get_column_letter(score_col)
    scores = f"${score_letter}${first}:${score_letter}${max(last, first)}"

    for i, (label, report) in enumerate(zip(labels, run.reports)):
        row = first + i
        counts = [sum(r.status == s for r in report.requirements) for s in STATUSES]
        if cards is not None:
            card = cards[i]
            score: Any = _Formula(_sheet_ref(card.sheet, card.score))
            grade: Any = _Formula(_sheet_ref(card.sheet, card.grade))
            pillars: list[Any] = [_Formula(_sheet_ref(card.sheet, card.pillar_percent[p.id]))
                                  for p in rubric.pillars]
        else:
            score, grade = report.score, report.grade
            percent = {p.id: p.percent for p in report.pillars}
            pillars = [percent.get(p.id) for p in rubric.pillars]
        rank = _Formula(f"RANK({score_letter}{row},{scores})")
        values = [label, report.region or "", report.year, LEVEL_LABELS.get(report.level or "", ""),
                  Path(report.source).name, score, grade, rank, *counts, *pillars, _issuer_label(report)]
        _put_row(ws, row, values, [c.style for c in columns])
        link_cell = ws.cell(row=row, column=1)
        if cards is not None:
            link_cell.hyperlink = Hyperlink(ref=link_cell.coordinate,
                                            location=_sheet_ref(label, "A1"))
        elif i in split_links:
            link_cell.hyperlink = split_links[i].as_posix()
        if link_cell.hyperlink is not None:
            link_cell.style = "scorer link"  # a named style resets the quote prefix _put set
            link_cell.quotePrefix = label.startswith(_RISKY_START)

    _finish_table(ws, header, last, len(columns), freeze_col=2)
    if not run.reports:
        return
    ws.conditional_formatting.add(
        scores.replace("$", ""),
        ColorScaleRule(start_type="min", start_color="F8696B", mid_type="percentile", mid_value=50,
                       mid_color="FFEB84", end_type="max", end_color="63BE7B"))
    chart = BarChart()
    chart.type = "col"
    chart.title = "各报告得分率（%）"
    chart.legend = None
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.number_format = "0"
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl ≥ 3.1 hides axes by default
    chart.add_data(Reference(ws, min_col=score_col, min_row=header, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.width = min(30.0, max(16.0, 0.9 * len(run.reports)))  # cm: roomy bars, within the table
    chart.height = 8.0
    ws.add_chart(chart, f"B{last + 3}")


# --------------------------------------------------------------------------- scorecard

_CARD_HEADER_ROW = 8
_CARD_COLUMNS = [
    _Column("板块", 14, "wrap"), _Column("编号", 22), _Column("要求", 22, "wrap"),
    _Column("依据", 14, "wrap"), _Column("状态", 9), _Column("判定说明", 16, "wrap"),
    _Column("得分", 6, "centre"), _Column("满分", 6, "centre"), _Column("人工调整", 9, "override"),
    _Column("计入得分", 9, "centre"), _Column("证据（原文摘录）", 44, "wrap"),
    _Column("改进建议", 28, "wrap"),
]
# 1-based columns of the scorecard table that formulas refer to
_PILLAR, _STATUS, _POINTS, _MAX, _OVERRIDE, _EFFECTIVE = 1, 5, 7, 8, 9, 10


def _scorecard_sheet(ws: Worksheet, report: ReportResult, rubric: Rubric) -> _ScorecardCells:
    """One report: header block with formula totals, one row per requirement, pillar subtotals."""
    from openpyxl.utils import get_column_letter as col
    from openpyxl.worksheet.datavalidation import DataValidation

    pillar_titles = {p.id: p.title for p in rubric.pillars}
    first = _CARD_HEADER_ROW + 1
    last = _CARD_HEADER_ROW + len(report.requirements)
    span = max(last, first)

    def column(c: int) -> str:
        return f"${col(c)}${first}:${col(c)}${span}"

    _put(ws, 1, 1, f"{report.region_full or report.region or Path(report.source).name}"
                   f" {report.year or ''} 法治政府建设情况报告评分表", "title")
    region = report.region_full or report.region or ""
    facts = [("地区", f"{region}（{report.region_code}）" if report.region_code else region), ("年度", report.year),
             ("层级", LEVEL_LABELS.get(report.level or "", "")), ("发布机关", _issuer_label(report)),
             ("报告日期", report.date or ""), ("来源文件", Path(report.source).name)]
    for row, (label, value) in enumerate(facts, 2):
        _put(ws, row, 1, label, "label")
        _put(ws, row, 2, value)  # not wrapped: runs on over the empty C and D
    total, maximum, score, grade = (f"$G${row}" for row in (2, 3, 4, 5))
    totals = [("得分", _Formula(f"SUM({column(_EFFECTIVE)})"), "total"),
              ("满分", _Formula(f"SUM({column(_MAX)})"), "total"),
              ("得分率（%）", _Formula(f"IF({maximum}>0,ROUND(100*{total}/{maximum},1),0)"), "total_score"),
              ("等级", _grade_formula(score, rubric), "total")]
    for row, (label, value, style) in enumerate(totals, 2):
        _put(ws, row, 6, label, "label")
        _put(ws, row, 7, value, style)
    for row, line in enumerate(OVERRIDE_HINT, 2):
        _put(ws, row, 11, line, "hint")

    _table_header(ws, _CARD_HEADER_ROW, _CARD_COLUMNS)
    for row, req in enumerate(report.requirements, first):
        override, points = f"{col(_OVERRIDE)}{row}", f"{col(_POINTS)}{row}"
        values = [pillar_titles.get(req.pillar, req.pillar), req.id, req.title, req.source,
                  f"{STATUS_SYMBOLS.get(req.status, '')} {STATUS_LABELS.get(req.status, req.status)}",
                  REASONS.get(req.reason, req.reason),
                  req.points, req.max_points, None,
                  _Formula(f"IF(ISNUMBER({override}),{override},{points})"),
                  _evidence_text(req.evidence),
                  req.guidance if req.status in ("partial", "missing") else ""]
        styles = [c.style for c in _CARD_COLUMNS]
        styles[_STATUS - 1] = req.status if req.status in STATUS_COLOURS else "centre"
        _put_row(ws, row, values, styles)
    if report.requirements:
        # Overrides between 0 and the row's own max points (relative reference, row by row).
        validation = DataValidation(type="decimal", operator="between", formula1="0",
                                    formula2=f"{col(_MAX)}{first}", allow_blank=True,
                                    showErrorMessage=True, errorTitle="人工调整",
                                    error="请输入 0 至该项满分之间的分值。")
        validation.add(f"{col(_OVERRIDE)}{first}:{col(_OVERRIDE)}{last}")
        ws.add_data_validation(validation)
    _finish_table(ws, _CARD_HEADER_ROW, last, len(_CARD_COLUMNS))

    # Pillar subtotals; SUMPRODUCT matches the title exactly (SUMIF would read * ? ~ as wildcards).
    subtotal_header = span + 2
    _put_row(ws, subtotal_header, ["板块小计", "得分", "满分", "得分率（%）"], "header")
    pillar_percent = {}
    for row, pillar in enumerate(rubric.pillars, subtotal_header + 1):
        points_cell, max_cell = f"$B${row}", f"$C${row}"
        match = f"--({column(_PILLAR)}=$A${row})"
        _put_row(ws, row, [
            pillar.title,
            _Formula(f"SUMPRODUCT({match},{column(_EFFECTIVE)})"),
            _Formula(f"SUMPRODUCT({match},{column(_MAX)})"),
            _Formula(f'IF({max_cell}>0,ROUND(100*{points_cell}/{max_cell},1),"")'),
        ], ["wrap", "centre", "centre", "score"])
        pillar_percent[pillar.id] = f"$D${row}"
    return _ScorecardCells(ws.title, score, grade, pillar_percent)


def _evidence_text(evidence: Sequence[Any]) -> str:
    """The first sentences of evidence, each with its kind (when not an achievement) and section
    (its innermost heading: the whole path repeats the report's long part titles)."""
    lines = []
    for item in evidence[:EVIDENCE_SHOWN]:
        kind = EVIDENCE_KIND_LABELS.get(item.kind, item.kind if item.kind != "achievement" else "")
        prefix = f"【{kind}】" if kind else ""
        heading = item.section.rsplit(" > ", 1)[-1]
        where = f"〔{heading}〕" if heading else ""  # not （）: headings often begin with one
        lines.append(f"{prefix}{item.quote}{where}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- 要求矩阵

_MATRIX_HEADER_ROW = 3
_COUNTED = ("met", "partial", "missing")


def _matrix_sheet(ws: Worksheet, run: RunResult, rubric: Rubric, labels: list[str]) -> None:
    """Requirements × reports, one symbol per cell, and how many reports met / missed each."""
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    _put(ws, 1, 1, f"要求落实矩阵（{len(run.reports)} 份报告）", "title")
    _put(ws, 2, 1, "图例", "label")
    for col, status in enumerate(STATUSES, 2):
        _put(ws, 2, col, f"{STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}", status)

    columns = [_Column("板块", 14, "wrap"), _Column("编号", 22), _Column("要求", 28, "wrap")]
    columns += [_Column(f"{STATUS_LABELS[s]}数", 10, "centre") for s in _COUNTED]
    first_report_col = len(columns) + 1
    columns += [_Column(label, 4.5, header_style="stacked_header") for label in labels]
    _table_header(ws, _MATRIX_HEADER_ROW, columns)
    ws.row_dimensions[_MATRIX_HEADER_ROW].height = min(150, 14 * max(map(len, labels), default=4))

    pillar_titles = {p.id: p.title for p in rubric.pillars}
    statuses = [{r.id: r.status for r in report.requirements} for report in run.reports]
    reports_range = (f"{get_column_letter(first_report_col)}{{row}}:"
                     f"{get_column_letter(first_report_col + len(labels) - 1)}{{row}}")
    rows = _requirement_rows(run, rubric)
    for row, (rid, pillar, title) in enumerate(rows, _MATRIX_HEADER_ROW + 1):
        counts: list[Any] = [
            _Formula(f'COUNTIF({reports_range.format(row=row)},"{STATUS_SYMBOLS[s]}")')
            if labels else 0 for s in _COUNTED]
        _put_row(ws, row, [pillar_titles.get(pillar, pillar), rid, title, *counts],
                 [c.style for c in columns])
        for col, by_id in enumerate(statuses, first_report_col):
            status = by_id.get(rid)
            if status is not None:
                _put(ws, row, col, STATUS_SYMBOLS.get(status, status),
                     status if status in STATUS_COLOURS else "centre")
    last = _MATRIX_HEADER_ROW + len(rows)
    # Printed, each page repeats the requirement columns beside up to MATRIX_REPORTS_PER_PAGE reports.
    _finish_table(ws, _MATRIX_HEADER_ROW, last, len(columns), freeze_col=first_report_col,
                  pages_wide=max(1, math.ceil(len(labels) / MATRIX_REPORTS_PER_PAGE)))
    ws.print_title_cols = f"A:{get_column_letter(first_report_col - 1)}"
    if rows:  # the more reports miss a requirement, the redder its count
        missing = get_column_letter(first_report_col - 1)
        ws.conditional_formatting.add(
            f"{missing}{_MATRIX_HEADER_ROW + 1}:{missing}{last}",
            ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                           end_type="max", end_color="F8696B"))


def _requirement_rows(run: RunResult, rubric: Rubric) -> list[tuple[str, str, str]]:
    """(id, pillar, title) in rubric order, then any requirement only the results know."""
    rows = {r.id: (r.id, r.pillar, r.title) for r in rubric.requirements if r.enabled}
    for report in run.reports:
        for r in report.requirements:
            rows.setdefault(r.id, (r.id, r.pillar, r.title))
    return list(rows.values())


# --------------------------------------------------------------------------- 指标对比

_METRICS_HEADER_ROW = 2


def _metrics_sheet(ws: Worksheet, run: RunResult, rubric: Rubric, labels: list[str]) -> None:
    """One row per report, one column per rubric metric; values that miss the target in red."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    _put(ws, 1, 1, "主要指标对比（红色：未达到目标值）", "title")
    columns = [_Column("报告", 16), _Column("地区", 12), _Column("年度", 7)]
    columns += [_Column(f"{m.name}（{UNIT_LABELS.get(m.unit, m.unit)}"
                        f"{'，目标 ' + _target_text(str(m.target)) if m.target else ''}）", 22, "wrap")
                for m in rubric.metrics]
    _table_header(ws, _METRICS_HEADER_ROW, columns)
    missed_font = InlineFont(rFont=FONT_NAME, sz=10, color="9C0006", b=True)

    for row, (label, report) in enumerate(zip(labels, run.reports), _METRICS_HEADER_ROW + 1):
        _put_row(ws, row, [label, report.region or "", report.year], ["text", "text", "centre"])
        for col, metric in enumerate(rubric.metrics, 4):
            values = _distinct(v for v in report.metrics if v.id == metric.id)
            if not values:
                continue
            parts = [(_metric_text(v), v.meets_target is False) for v in values]
            any_missed = any(missed for _, missed in parts)
            cell = _put(ws, row, col, "; ".join(text for text, _ in parts),
                        "missed_metric" if any_missed else "wrap")
            if any_missed:  # the same text, with the values that miss the target in bold red
                rich = CellRichText()
                for n, (text, missed) in enumerate(parts):
                    rich.append(TextBlock(missed_font, text) if missed else text)
                    if n < len(parts) - 1:
                        rich.append("; ")
                cell.value = rich
    _finish_table(ws, _METRICS_HEADER_ROW, _METRICS_HEADER_ROW + len(run.reports), len(columns),
                  freeze_col=2)


def _distinct(values: Iterable[Any]) -> list[Any]:
    """Values of one metric, a value restated with the same scope shown once."""
    seen, kept = set(), []
    for v in values:
        key = (v.value, v.scope, v.approx)
        if key not in seen:
            seen.add(key)
            kept.append(v)
    return kept


def _metric_text(value: Any) -> str:
    number = ("约" if value.approx else "") + _number(value.value)
    number += "%" if value.unit == "percent" else ""
    return f"{number}（{value.scope}）" if value.scope else number


def _target_text(target: str) -> str:
    op, _, number = target.partition(" ")
    return f"{TARGET_OPS.get(op, op)} {number}"


# --------------------------------------------------------------------------- 问题清单

_FINDINGS_COLUMNS = [
    _Column("报告", 16), _Column("地区", 12), _Column("类型", 14), _Column("严重程度", 9),
    _Column("要求", 20, "wrap"), _Column("指标", 16, "wrap"), _Column("说明", 36, "wrap"),
    _Column("报告数值", 9, "centre"), _Column("核算数值", 9, "centre"), _Column("原文", 40, "wrap"),
]


def _findings_sheet(ws: Worksheet, run: RunResult, rubric: Rubric, labels: list[str]) -> None:
    requirement_titles = {r.id: f"{r.id} {r.title}" for r in rubric.requirements}
    metric_names = {m.id: m.name for m in rubric.metrics}
    _put(ws, 1, 1, "问题清单", "title")
    _table_header(ws, 2, _FINDINGS_COLUMNS)
    styles = [c.style for c in _FINDINGS_COLUMNS]
    row = 2
    for label, report in zip(labels, run.reports):
        for finding in report.findings:
            row += 1
            severity_style = SEVERITY_STATUS.get(finding.severity, "centre")
            _put_row(ws, row, [
                label, report.region or "", FINDING_KIND_LABELS.get(finding.kind, finding.kind),
                SEVERITY_LABELS.get(finding.severity, finding.severity),
                requirement_titles.get(finding.requirement, finding.requirement),
                metric_names.get(finding.metric, finding.metric), finding.message,
                finding.stated, finding.computed, finding.quote,
            ], [*styles[:3], severity_style, *styles[4:]])
    _finish_table(ws, 2, row, len(_FINDINGS_COLUMNS))


# --------------------------------------------------------------------------- 说明


def _notes_sheet(ws: Worksheet, run: RunResult, rubric: Rubric, labels: list[str], *,
                 scorecards: bool, split_dir: str | os.PathLike[str] | None) -> None:
    """How the scores are made and where every number came from."""
    share = rubric.scoring.partial_share
    bands = "；".join(f"≥ {g.min:g} 分为“{g.label}”"
                     for g in sorted(rubric.scoring.grades, key=lambda g: -g.min))
    if scorecards:
        sheets = "每份报告一张评分表，工作表名即“总览”中的“报告”列（可点击跳转）。"
    else:
        sheets = (f"报告超过 {PER_REPORT_SHEETS_MAX} 份，本工作簿不含逐份评分表，总览中的得分、等级为"
                  "评分结果数值（人工调整不会影响本工作簿）；")
        sheets += (f"各报告的评分表（可人工调整）见文件夹 {split_dir} 中的单独工作簿，“总览”中的“报告”列"
                   "可点击打开。" if split_dir is not None else
                   "如需逐份评分表和人工调整，请按报告拆分导出（split_dir）。")
    info = run.rubric
    paragraphs = [
        ("计分方法", f"每项要求设有满分（评分表“满分”列）。达标得满分；部分达标得满分 × {share:g}；"
                     "缺失得 0 分；不适用于本层级的要求记为“不适用”，满分计 0，不计入总分。"),
        ("得分率", "得分率 = 各项计入得分之和 ÷ 各项满分之和 × 100，保留一位小数；板块得分率同理。"),
        ("等级", bands or "（评分标准未设等级）"),
        ("排名", "按得分率从高到低排名，得分率相同者名次相同。"),
        ("人工调整", "在评分表“人工调整”列填入分值（0 至该项满分），该项即按填入分值计分；评分表的得分、"
                     "得分率、等级、板块小计，以及总览中的得分、等级、排名和板块得分率都是公式，会自动重算。"
                     "清空单元格即恢复机器评分。"),
        ("评分表", sheets),
        ("符号", "；".join(f"{STATUS_SYMBOLS[s]} {STATUS_LABELS[s]}" for s in STATUSES)),
        ("评分标准", f"{info.title}（{info.id} 版本 {info.version}）"),
        ("评分标准文件", info.path),
        ("评分标准 SHA-256", info.sha256),
        ("评分工具", f"{run.tool_name} {run.tool_version}"),
        ("评分时间", run.run_date),
    ]
    file_columns = [_Column("报告", 18), _Column("文件", 60, "wrap"), _Column("SHA-256", 70),
                    _Column("格式", 7, "centre"), _Column("字符数", 9, "centre"),
                    _Column("读取提示", 36, "wrap")]
    _set_widths(ws, file_columns)  # before the paragraphs, whose row heights follow the widths
    _put(ws, 1, 1, "说明", "title")
    for row, (label, text) in enumerate(paragraphs, 2):
        _put(ws, row, 1, label, "label")
        _put(ws, row, 2, text, "wrap")

    row = len(paragraphs) + 3
    _put(ws, row, 1, f"输入文件（{len(run.reports)}）", "title")
    _table_header(ws, row + 1, file_columns)
    row += 1
    for label, report in zip(labels, run.reports):
        row += 1
        _put_row(ws, row, [label, report.source, report.sha256, report.format, report.chars,
                           "；".join(report.errors)], [c.style for c in file_columns])

    row += 2
    _put(ws, row, 1, f"无法读取的文件（{len(run.errors)}）", "title")
    _put_row(ws, row + 1, ["文件", "原因"], "header", first_col=2)
    row += 1
    for error in run.errors:
        row += 1
        _put_row(ws, row, [error.source, error.error], "wrap", first_col=2)
    if not run.errors:
        _put(ws, row + 1, 2, "无")
    ws.print_title_rows = None  # the notes are not one table
    _print_setup(ws)
