"""The supervisor's workbook: every report ranked, every requirement reviewable, at any batch size.

Sheets, in order:

- 总览 — one row per report in rank order (by score, ties by region; reports of different years
  grouped by year and ranked within it): 得分 (0–100), 原始得分 / 满分, 等次, 排名, counts by
  status, pillar percents;
- 要求矩阵 — requirements × reports, one status symbol per cell;
- 评分明细 — every requirement of every report, one filterable row each: the machine's status and
  points, the reviewer's 人工调整 / 调整理由 / 复核人, the points that count, the status that
  follows from them, and its evidence sentences (at most three: scorer.detect.MAX_EVIDENCE), each
  with how it was judged and its section;
- 指标对比 — one row per figure: a number (percent with a % format), its scope, target, miss;
- 问题清单 — findings; 说明 — method, provenance, input files, unreadable files;
- then, for batches of up to SCORECARD_SHEETS_MAX reports, one printable scorecard per report.

One edit moves everything: a reviewer types points into 评分明细's 人工调整 (validated 0 … 满分,
and clamped again in the formula, so a pasted 50 counts as the item's 满分); 计入得分 and 状态
are formulas over it, and the totals, counts, pillar percents, grade and rank of 总览, the
matrix symbols and the scorecards are formulas over those. Every formula is stored with its
value for the results as scored, so the file reads right before any recalculation.

The writer never computes a score: points, statuses, totals, grades come from the results;
the formulas only re-add them (and the reviewer's adjustments). Report text is always written
as text, never as a formula, whatever it begins with.

Reports are added one at a time (`workbook_stream`) and each is written out and dropped, so memory
stays flat; only what 总览 and the matrix need (statuses, totals) is kept per report.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from scorer.presentation import (
    EVIDENCE_KIND_LABELS,
    FINDING_KIND_LABELS,
    LEVEL_LABELS,
    REASON_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    STATUS_SYMBOLS,
    target_text,
)
from scorer.result import STATUSES, FileError, ReportResult, RunResult
from scorer.rubric.model import Rubric
from scorer.write.atomic import OutputError, atomic_path
from scorer.write.excel.cells import Book, Column, Formula, col_name, excel_string, ref, span
from scorer.write.ranking import ranked, year_of

__all__ = ["SCORECARD_SHEETS_MAX", "STATUS_SYMBOLS", "write_workbook", "workbook_stream"]

# Up to this many reports the workbook also has one scorecard sheet per report (a workbook with
# hundreds of sheets is slow to open and useless to page through); 评分明细 holds every report's
# rows, evidence and adjustments whatever the size.
SCORECARD_SHEETS_MAX = 60

OVERVIEW, MATRIX, DETAIL, METRICS, FINDINGS, NOTES = "总览", "要求矩阵", "评分明细", "指标对比", "问题清单", "说明"
FIXED_SHEETS = (OVERVIEW, MATRIX, DETAIL, METRICS, FINDINGS, NOTES)

MATRIX_REPORTS_PER_PAGE = 30  # report columns of 要求矩阵 on one printed A3 page
_SHEET_NAME_MAX = 31
_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\'<>\"|\x00-\x1f]")  # sheet names and file names

# --------------------------------------------------------------------------- 评分明细 columns
# Every cell costs time (a thousand reports make 47,000 rows): the report's region and year are in
# its label, a requirement's source is in 要求矩阵, empty cells are not written, and the reviewer's
# three columns are not written at all until someone types in them (their colour, border and
# validation cover the range).
(
    D_REPORT,
    D_PILLAR,
    D_ID,
    D_TITLE,
    D_MACHINE,
    D_REASON,
    D_POINTS,
    D_MAX,
    D_ADJUST,
    D_COUNTED,
    D_STATUS,
    D_WHY,
    D_REVIEWER,
    D_EVIDENCE,
    D_GUIDANCE,
    D_SHA256,
) = range(16)
REVIEW_COLUMNS = (D_ADJUST, D_WHY, D_REVIEWER)
DETAIL_COLUMNS = [
    Column("报告", 14),
    Column("板块", 16, "wrap"),
    Column("编号", 16),
    Column("要求", 22, "wrap"),
    Column("机器判定", 8, "centre"),
    Column("原因", 16, "wrap"),
    Column("机器得分", 7, "points"),
    Column("满分", 6, "points"),
    Column("人工调整", 8, "override"),
    Column("计入得分", 7, "points"),
    Column("状态", 7, "centre"),
    Column("调整理由", 18, "review_text"),
    Column("复核人", 8, "review_text"),
    Column("证据（原文〔所在章节〕）", 70, "wrap"),
    Column("改进建议", 30, "wrap"),
    # which file the row judged: `scorer review` keys the adjustments by it (scorer.review)
    Column("报告SHA-256", 20),
]
# What a reviewer types in 人工调整 to waive a requirement (not applicable to this report, with
# the reason in 调整理由): its 满分 then counts 0 once re-scored with the review file.
WAIVER_MARK = "不适用"
# A waiver's last day, after its reason in 调整理由 (scorer.review reads it back)
WAIVER_EXPIRY = "（有效期至 {}）"
_DETAIL_HEADER_ROW = 0

# --------------------------------------------------------------------------- 总览 columns
(O_SEQ, O_REPORT, O_REGION, O_LEVEL, O_ISSUER, O_YEAR, O_SCORE, O_POINTS, O_MAX, O_GRADE, O_RANK) = range(11)
O_COUNTS = 11  # 达标 部分 缺失 不适用, then the pillars
_OVERVIEW_HEADER_ROW = 4


def write_workbook(
    run: RunResult, rubric: Rubric, path: str | os.PathLike[str], *, split_dir: str | os.PathLike[str] | None = None
) -> list[Path]:
    """Write the workbook of a finished run to `path`; with `split_dir`, also one per report.

    Returns the paths written, the main workbook first. Raises OutputError (one line) when a
    target cannot be written; each file is replaced atomically, so a failure leaves no partial file.
    """
    with workbook_stream(dataclasses.replace(run, reports=()), rubric, path, split_dir=split_dir) as add:
        for report in run.reports:
            add(report)
    return [Path(path), *add.split_paths]


@contextlib.contextmanager
def workbook_stream(
    run: RunResult,
    rubric: Rubric,
    path: str | os.PathLike[str],
    *,
    split_dir: str | os.PathLike[str] | None = None,
    limits: list[str] | None = None,
) -> Iterator[_Adder]:
    """The workbook of a run whose results are still arriving; yields the function that adds one
    (a ReportResult, or a FileError for 说明). `run` holds what is known up front: tool, rubric,
    date, files not found, and any reports already scored. The file appears in one step when the
    block ends; after an exception (KeyboardInterrupt included) nothing is left. With
    `split_dir`, each report's own workbook is written there as it arrives (`add.split_paths`).
    Whatever the workbook leaves out is said in plain words in 说明 and appended to `limits`,
    for the terminal."""
    folder = None
    if split_dir is not None:
        folder = Path(split_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"{folder}: cannot create the folder ({err.strerror})") from None
    target = Path(path)
    # XlsxWriter keeps each sheet's rows in a temporary file until the end: in a folder of our
    # own, removed whatever happens.
    with atomic_path(target) as tmp, tempfile.TemporaryDirectory(prefix="scorer-xlsx-") as scratch:
        writer = _Writer(run, rubric, str(tmp), split_dir=folder, main=target, scratch=scratch)
        add = _Adder(writer)
        try:
            for report in run.reports:
                add(report)
            yield add
            writer.finish()
            if limits is not None and writer.full is None:
                limits.append(
                    f"{target}: {len(writer.entries)} 份报告超过 {SCORECARD_SHEETS_MAX} 份，未逐份建评分表；"
                    "每份报告的逐项评分、证据和人工调整都在“评分明细”表中（按“报告”列筛选）"
                )
        finally:
            writer.close()


class _Adder:
    """What workbook_stream yields: call it with each result."""

    def __init__(self, writer: _Writer):
        self._writer = writer
        self.split_paths: list[Path] = writer.split_paths

    def __call__(self, result: ReportResult | FileError, label: str | None = None) -> None:
        """Add a result; `label` names its sheet (a report's own workbook keeps the main one's)."""
        self._writer.add(result, label)


@dataclasses.dataclass
class _Entry:
    """What the workbook keeps of a report once its rows are written."""

    label: str
    report: ReportResult  # without evidence, figures or findings (the full one while scorecards are kept)
    first: int  # its rows in 评分明细 (0-based, inclusive)
    last: int
    rows: dict[str, int]  # requirement id → row in 评分明细
    split: Path | None = None

    @property
    def year(self) -> int | str:
        return year_of(self.report)


class _Writer:
    def __init__(self, run: RunResult, rubric: Rubric, tmp: str, *, split_dir: Path | None, main: Path, scratch: str):
        self.run, self.rubric, self.split_dir, self.main = run, rubric, split_dir, main
        self.failures: list[FileError] = list(run.failures)
        self.entries: list[_Entry] = []
        self.full: list[ReportResult] | None = []  # for the scorecards; None once past the limit
        self.split_paths: list[Path] = []
        self.taken = {name.casefold() for name in FIXED_SHEETS}
        self.book = Book(tmp, run, scratch)
        sheets = {name: self.book.sheet(name) for name in FIXED_SHEETS}
        self.overview, self.matrix = sheets[OVERVIEW], sheets[MATRIX]
        self.detail = sheets[DETAIL]
        self.metrics, self.findings, self.notes = sheets[METRICS], sheets[FINDINGS], sheets[NOTES]
        self.detail_row = _DETAIL_HEADER_ROW
        self.metrics_row = self.findings_row = 0  # the header rows
        # the filters of these tables are set at the end, when their last rows are known
        self.detail.table(_DETAIL_HEADER_ROW, DETAIL_COLUMNS, 0, freeze_col=D_TITLE, header_height=30, filter=False)
        self.metrics.table(0, METRICS_COLUMNS, 0, freeze_col=1, filter=False)
        self.findings.table(0, FINDINGS_COLUMNS, 0, freeze_col=1, filter=False)
        self.closed = False

    # ----------------------------------------------------------------------- per report

    def add(self, result: ReportResult | FileError, label: str | None = None) -> None:
        if isinstance(result, FileError):
            self.failures.append(result)
            return
        label = label or self._label(result, len(self.entries) + 1)
        first = self.detail_row + 1
        rows = self._detail_rows(label, result)
        self._metric_rows(label, result)
        self._finding_rows(label, result)
        entry = _Entry(label, _without_text(result), first, self.detail_row, rows)
        if self.split_dir is not None:
            entry.split = self.split_dir / f"{label}.xlsx"
            single = dataclasses.replace(self.run, reports=(), failures=())
            with workbook_stream(single, self.rubric, entry.split) as add_one:
                add_one(result, label)
            self.split_paths.append(entry.split)
        self.entries.append(entry)
        if self.full is not None:
            self.full.append(result)
            if len(self.full) > SCORECARD_SHEETS_MAX:
                self.full = None

    def _label(self, report: ReportResult, n: int) -> str:
        """A short, unique name (region + year), valid as a sheet name and a file name."""
        region = report.region or Path(report.source).stem or f"报告{n}"
        base = _NAME_FORBIDDEN.sub("_", f"{region}{report.year or ''}").strip(" .") or f"报告{n}"
        label, copy = base[:_SHEET_NAME_MAX], 1
        while label.casefold() in self.taken:
            copy += 1
            suffix = f" ({copy})"
            label = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
        self.taken.add(label.casefold())
        return label

    def _detail_rows(self, label: str, report: ReportResult) -> dict[str, int]:
        pillars = {p.id: p.title for p in self.rubric.pillars}
        styles = [c.style for c in DETAIL_COLUMNS]
        rows = {}
        for req in report.requirements:
            self.detail_row += 1
            row = self.detail_row
            rows[req.id] = row
            adjust, points, maximum, counted = (
                f"${col_name(c)}{row + 1}" for c in (D_ADJUST, D_POINTS, D_MAX, D_COUNTED)
            )
            machine = STATUS_LABELS.get(req.status, req.status)
            adjusted, why, reviewer = _review_cells(req)
            self.detail.row(
                row,
                [
                    label,
                    pillars.get(req.pillar, req.pillar),
                    req.id,
                    req.title,
                    machine,
                    REASON_LABELS.get(req.reason, req.reason),
                    req.points,
                    req.counted_max,
                    adjusted,
                    # A number typed as text still counts (VALUE); a waiver counts nothing; anything
                    # else leaves the machine's points.
                    Formula(
                        f'IF(LEN({adjust})=0,{points},IF({adjust}="{WAIVER_MARK}",0,'
                        f"IFERROR(MAX(0,MIN({maximum},VALUE({adjust}))),{points})))",
                        req.counted_points,
                    ),
                    Formula(
                        f'IF(LEN({adjust})=0,${col_name(D_MACHINE)}{row + 1},IF({maximum}<=0,"{STATUS_LABELS["n/a"]}",'
                        f'IF({counted}>={maximum},"{STATUS_LABELS["met"]}",IF({counted}>0,"{STATUS_LABELS["partial"]}","{STATUS_LABELS["missing"]}"))))',
                        STATUS_LABELS.get(req.counted_status, req.counted_status),
                    ),
                    why,
                    reviewer,
                    _evidence_text(req.evidence) or None,
                    req.guidance if req.guidance and req.status in ("partial", "missing") else None,
                    report.sha256 or None,
                ],
                styles,
            )
        return rows

    def _metric_rows(self, label: str, report: ReportResult) -> None:
        names = {m.id: m.name for m in self.rubric.metrics}
        order = {m.id: n for n, m in enumerate(self.rubric.metrics)}
        seen = set()
        for value in sorted(report.metrics, key=lambda v: order.get(v.id, len(order))):
            key = (value.id, value.value, value.scope, value.approx)
            if key in seen:  # a value restated with the same scope is shown once
                continue
            seen.add(key)
            percent = value.unit == "percent"
            missed = value.meets_target is False
            number_style = ("missed_" if missed else "") + ("percent" if percent else "count")
            self.metrics_row += 1
            self.metrics.row(
                self.metrics_row,
                [
                    label,
                    names.get(value.id, value.name),
                    value.value / 100 if percent else value.value,
                    "%" if percent else "数量",
                    value.scope,
                    "约" if value.approx else "",
                    target_text(value.target, value.unit) if value.target else "",
                    {None: "", True: "达标", False: "未达标"}[value.meets_target],
                    value.quote,
                ],
                [
                    *[c.style for c in METRICS_COLUMNS[:2]],
                    number_style,
                    *[c.style for c in METRICS_COLUMNS[3:7]],
                    "missed" if missed else "centre",
                    "wrap",
                ],
            )

    def _finding_rows(self, label: str, report: ReportResult) -> None:
        requirement_titles = {r.id: f"{r.id} {r.title}" for r in self.rubric.requirements}
        metric_names = {m.id: m.name for m in self.rubric.metrics}
        styles = [c.style for c in FINDINGS_COLUMNS]
        for finding in report.findings:
            self.findings_row += 1
            severity = {"error": "missing", "warning": "partial"}.get(finding.severity, "centre")
            self.findings.row(
                self.findings_row,
                [
                    label,
                    FINDING_KIND_LABELS.get(finding.kind, finding.kind),
                    SEVERITY_LABELS.get(finding.severity, finding.severity),
                    requirement_titles.get(finding.requirement, finding.requirement),
                    metric_names.get(finding.metric, finding.metric),
                    finding.message,
                    finding.stated,
                    finding.computed,
                    finding.quote,
                ],
                [*styles[:2], severity, *styles[3:]],
            )

    # ----------------------------------------------------------------------- at the end

    def finish(self) -> None:
        last_detail = max(self.detail_row, _DETAIL_HEADER_ROW + 1)
        self._review_rules(last_detail)
        for sheet, last, columns in [
            (self.detail, self.detail_row, DETAIL_COLUMNS),
            (self.metrics, self.metrics_row, METRICS_COLUMNS),
            (self.findings, self.findings_row, FINDINGS_COLUMNS),
        ]:
            sheet.ws.autofilter(0, 0, max(last, 1), len(columns) - 1)
        ranked = self._ranked()
        _overview_sheet(self, ranked)
        _matrix_sheet(self, ranked)
        _notes_sheet(self)
        if self.full is not None:
            full = {id(entry): report for entry, report in zip(self.entries, self.full, strict=False)}
            for entry, row, rank in ranked:
                _scorecard_sheet(self, entry, full[id(entry)], row, rank)
        try:
            self.book.workbook.close()
        except OSError as err:
            raise OutputError(f"{self.main}: cannot write the workbook ({err.strerror})") from None
        self.closed = True

    def close(self) -> None:
        """After an exception: close XlsxWriter's temporary files (the target is never written)."""
        if not self.closed:
            for worksheet in self.book.workbook.worksheets():
                if worksheet.row_data_fh is not None:
                    worksheet.row_data_fh.close()
            self.book.workbook.fileclosed = True  # nothing to save

    def _review_rules(self, last: int) -> None:
        """Validation and colours of 评分明细's review columns."""
        ws, first = self.detail.ws, _DETAIL_HEADER_ROW + 1
        ws.data_validation(
            first,
            D_ADJUST,
            last,
            D_ADJUST,
            {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0,
                "maximum": f"=${col_name(D_MAX)}{first + 1}",
                "ignore_blank": True,
                "input_title": "人工调整",
                "input_message": "填入 0 至该项满分之间的分值；清空即恢复机器评分。",
                "error_title": "人工调整",
                "error_message": "请输入 0 至该项满分之间的数字。",
            },
        )
        adjust = f"${col_name(D_ADJUST)}{first + 1}"
        ws.conditional_format(
            first,
            D_ADJUST,
            last,
            D_ADJUST,
            {  # pasted text that is not a number
                "type": "formula",
                "criteria": f'=AND(LEN({adjust})>0,ISERROR(VALUE({adjust})),{adjust}<>"{WAIVER_MARK}")',
                "format": self.book.dxf["bad_input"],
            },
        )
        for col in REVIEW_COLUMNS:  # the cells exist only once typed in: their look covers the range
            ws.conditional_format(
                first, col, last, col, {"type": "formula", "criteria": "=TRUE", "format": self.book.dxf["review"]}
            )
        self.detail.status_colours(first, D_STATUS, last, STATUS_LABELS)
        self.detail.status_colours(first, D_MACHINE, last, STATUS_LABELS)

    def _ranked(self) -> list[tuple[_Entry, int, int]]:
        """(entry, 总览 row, rank) in the order 总览 lists them (scorer.write.ranking)."""
        order = ranked([entry.report for entry in self.entries])
        return [(self.entries[i], _OVERVIEW_HEADER_ROW + 1 + n, rank) for n, (i, rank) in enumerate(order)]


def _review_cells(req) -> tuple:
    """人工调整, 调整理由, 复核人 as a review file (`score --review`) filled them; empty otherwise."""
    review = req.review
    if review is None:
        return None, None, None
    why = review.reason + (WAIVER_EXPIRY.format(review.expires) if review.expires else "")
    return (WAIVER_MARK if review.waived else review.points), why or None, review.reviewer or None


def _without_text(report: ReportResult) -> ReportResult:
    requirements = tuple(dataclasses.replace(r, evidence=()) for r in report.requirements)
    return dataclasses.replace(report, requirements=requirements, metrics=(), findings=(), sentences=())


def _evidence_text(evidence: Sequence) -> str:
    """Evidence sentences, each with its kind (when not an achievement) and its innermost heading
    (the whole path repeats the report's long part titles)."""
    lines = []
    for item in evidence:
        kind = EVIDENCE_KIND_LABELS.get(item.kind, item.kind) if item.kind != "achievement" else ""
        heading = item.section.rsplit(" > ", 1)[-1]
        lines.append(f"{f'【{kind}】' if kind else ''}{item.quote}{f'〔{heading}〕' if heading else ''}")
    return "\n".join(lines)


def _grade_formula(score_cell: str, rubric: Rubric) -> str:
    """Nested IF over the grade bands, highest first; the same fallback as Scoring.grade."""
    bands = sorted(rubric.scoring.grades, key=lambda g: -g.min)
    if not bands:
        return '""'
    formula = excel_string(rubric.scoring.grades[-1].label)
    for band in reversed(bands):
        formula = f"IF({score_cell}>={band.min:g},{excel_string(band.label)},{formula})"
    return formula


def _status_counts(report: ReportResult) -> dict[str, int]:
    return {s: sum(r.counted_status == s for r in report.requirements) for s in STATUSES}


# --------------------------------------------------------------------------- 总览


def _issuer_label(report: ReportResult) -> str:
    """The issuer, and for a department the government it belongs to."""
    issuer = report.issuer or ""
    if report.department_of and report.department_of not in issuer:
        issuer = f"{issuer}（{report.department_of}所属部门）" if issuer else f"{report.department_of}所属部门"
    return issuer


def _overview_sheet(writer: _Writer, ranked: list[tuple[_Entry, int, int]]) -> None:
    sheet, run, rubric = writer.overview, writer.run, writer.rubric
    pillars = rubric.pillars
    columns = [
        Column("序号", 4.5, "centre"),
        Column("报告", 13),
        Column("地区", 10),
        Column("层级", 5, "centre"),
        Column("报告主体", 18, "wrap"),
        Column("年度", 5.5, "centre"),
        Column("得分", 7.5, "key_score"),
        Column("原始得分", 6.5, "points"),
        Column("满分", 5.5, "points"),
        Column("等次", 6, "centre"),
        Column("排名", 5, "centre"),
    ]
    columns += [Column(f"{STATUS_LABELS[s]}", 5, "centre") for s in STATUSES]
    columns += [Column(p.title, 6.5, "score") for p in pillars]
    compared = any(entry.report.baseline for entry, _, _ in ranked)  # `score --baseline`
    if compared:
        columns += [Column("上年得分", 6.5, "score"), Column("变化", 6, "score")]
    printed = len(columns)  # the file names after them are not printed
    # province and city, to sort and filter a province's or a city's reports
    columns += [Column("来源文件", 18), Column("省份", 10), Column("地市", 10), Column("行政区划代码", 9)]
    if writer.split_dir is not None:
        columns += [Column("单独工作簿", 18)]
    first, last = _OVERVIEW_HEADER_ROW + 1, _OVERVIEW_HEADER_ROW + len(ranked)
    years = sorted({entry.year for entry, _, _ in ranked}, key=str)
    sheet.set_widths(columns)
    sheet.row(0, [f"法治政府建设情况报告评分总览（{len(ranked)} 份报告）"], "title", height=24)
    sheet.row(
        1,
        [
            f"评分标准：{run.rubric.title}（{run.rubric.id} 版本 {run.rubric.version}）；"
            f"{run.tool_name} {run.tool_version}；评分时间 {run.run_date}"
        ],
        "subtitle",
    )
    notes = []
    if writer.failures:
        notes.append(f"{len(writer.failures)} 个文件无法读取，见“说明”。")
    if len(years) > 1:
        notes.append(
            f"本批报告涉及 {len(years)} 个年度（{'、'.join(map(str, years))}），"
            "按年度分组、分别排名（排名为同一年度内的名次）。"
        )
    sheet.row(2, ["".join(notes)], "plain")
    sheet.row(
        3,
        [
            "得分 = 计入得分 ÷ 满分 × 100（满分不含不适用项）。人工调整在“评分明细”表填写，"
            "本表得分、等次、排名、各状态数与板块得分率随之重算；行序为生成时的名次。"
        ],
        "note",
    )
    sheet.table(_OVERVIEW_HEADER_ROW, columns, last, freeze_col=O_SCORE, header_height=100)
    sheet.ws.print_area(0, 0, max(last, _OVERVIEW_HEADER_ROW), printed - 1)

    pillar_col = O_COUNTS + len(STATUSES)
    year_range, score_range = (
        f"${col_name(c)}${first + 1}:${col_name(c)}${max(last, first) + 1}" for c in (O_YEAR, O_SCORE)
    )
    for n, (entry, row, rank) in enumerate(ranked, 1):
        report, here = entry.report, row + 1
        counted, maximum, status = (span(DETAIL, c, entry.first, entry.last) for c in (D_COUNTED, D_MAX, D_STATUS))
        pillar_range = span(DETAIL, D_PILLAR, entry.first, entry.last)
        score, points, max_cell = (f"{col_name(c)}{here}" for c in (O_SCORE, O_POINTS, O_MAX))
        counts = _status_counts(report)
        link = (
            f"internal:'{entry.label}'!A1"
            if writer.full is not None
            else f"internal:{ref(DETAIL, D_REPORT, entry.first, absolute=False)}"
        )
        cells = [
            n,
            (entry.label, link),
            report.region or "",
            LEVEL_LABELS.get(report.level or "", ""),
            _issuer_label(report),
            entry.year,
            Formula(f"IF({max_cell}>0,ROUND(100*{points}/{max_cell},1),0)", report.score),
            Formula(f"SUM({counted})", report.points),
            Formula(f"SUM({maximum})", report.max_points),
            Formula(_grade_formula(score, rubric), report.grade),
            Formula(f'COUNTIFS({year_range},{col_name(O_YEAR)}{here},{score_range},">"&{score})+1', rank),
        ]
        cells += [Formula(f'COUNTIF({status},"{STATUS_LABELS[s]}")', counts[s]) for s in STATUSES]
        by_id = {p.id: p for p in report.pillars}
        for col, pillar in enumerate(pillars, pillar_col):
            title_cell = f"{col_name(col)}${_OVERVIEW_HEADER_ROW + 1}"
            match = f"--({pillar_range}={title_cell})"
            got, of = f"SUMPRODUCT({match},{counted})", f"SUMPRODUCT({match},{maximum})"
            percent = by_id[pillar.id].percent if pillar.id in by_id else None
            cells.append(Formula(f'IF({of}>0,ROUND(100*{got}/{of},1),"")', "" if percent is None else percent))
        if compared:
            before = report.baseline
            cells += [
                before.score if before else "",
                Formula(f"ROUND({score}-{col_name(pillar_col + len(pillars))}{here},1)", before.delta)
                if before
                else "",
            ]
        cells += [Path(report.source).name, report.province or "", report.city or "", report.region_code or ""]
        if writer.split_dir is not None and entry.split is not None:
            cells.append((entry.split.name, "external:" + os.path.relpath(entry.split, writer.main.parent)))
        sheet.row(row, cells, [c.style for c in columns])
    if ranked:
        ws = sheet.ws
        ws.conditional_format(
            first,
            O_SCORE,
            last,
            O_SCORE,
            {
                "type": "data_bar",
                "bar_color": "#9BC2E6",
                "min_type": "num",
                "min_value": 0,
                "max_type": "num",
                "max_value": 100,
                "data_bar_2010": False,
            },
        )
        grades = sorted(rubric.scoring.grades, key=lambda g: -g.min)
        for grade, status in zip(grades, ("met", "met", "partial", "missing"), strict=False):
            ws.conditional_format(
                first,
                O_GRADE,
                last,
                O_GRADE,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": excel_string(grade.label),
                    "format": writer.book.dxf[status if grade is not grades[-1] else "missing"],
                },
            )


# --------------------------------------------------------------------------- 要求矩阵

_MATRIX_HEADER_ROW = 2
_COUNTED = ("met", "partial", "missing")


def _matrix_sheet(writer: _Writer, ranked: list[tuple[_Entry, int, int]]) -> None:
    """Requirements × reports (in rank order), a symbol per cell that follows 评分明细's 状态."""
    sheet = writer.matrix
    entries = [entry for entry, _, _ in ranked]
    columns = [Column("板块", 14, "wrap"), Column("编号", 22), Column("要求", 26, "wrap"), Column("依据", 14, "wrap")]
    columns += [Column(f"{STATUS_LABELS[s]}数", 5, "centre") for s in _COUNTED]
    first_report_col = len(columns)
    columns += [Column(entry.label, 3.5, "centre", "stacked_header") for entry in entries]
    rows = _requirement_rows(writer)
    last = _MATRIX_HEADER_ROW + len(rows)
    sheet.set_widths(columns)
    sheet.row(0, [f"要求落实矩阵（{len(entries)} 份报告，按总览名次排列）"], "title", height=24)
    sheet.row(1, ["图例", *[f"{STATUS_SYMBOLS[s]} {STATUS_LABELS[s]}" for s in STATUSES]], ["label", *STATUSES])
    sheet.table(
        _MATRIX_HEADER_ROW,
        columns,
        last,
        freeze_col=first_report_col,
        pages_wide=max(1, math.ceil(len(entries) / MATRIX_REPORTS_PER_PAGE)),
        header_height=min(150, 13 * max((len(e.label) for e in entries), default=4)),
    )
    if len(entries) > 12:  # A3 landscape: the requirement titles beside thirty report columns
        sheet.ws.set_paper(8)
    else:  # a few reports: portrait, more requirements to a page
        sheet.ws.set_portrait()
    sheet.ws.repeat_columns(0, first_report_col - 1)

    statuses = [{r.id: r.counted_status for r in entry.report.requirements} for entry in entries]
    reports_range = f"{col_name(first_report_col)}{{row}}:{col_name(first_report_col + len(entries) - 1)}{{row}}"
    for row, (rid, pillar, title, source) in enumerate(rows, _MATRIX_HEADER_ROW + 1):
        symbols: list[Formula | None] = []
        for entry, by_id in zip(entries, statuses, strict=True):
            if rid not in entry.rows:
                symbols.append(None)
                continue
            state = ref(DETAIL, D_STATUS, entry.rows[rid])
            formula = '"—"'
            for status in ("missing", "partial", "met"):
                formula = f'IF({state}="{STATUS_LABELS[status]}","{STATUS_SYMBOLS[status]}",{formula})'
            symbols.append(Formula(formula, STATUS_SYMBOLS.get(by_id[rid], "")))
        counts = [
            Formula(
                f'COUNTIF({reports_range.format(row=row + 1)},"{STATUS_SYMBOLS[s]}")',
                sum(by_id.get(rid) == s for by_id in statuses),
            )
            if entries
            else 0
            for s in _COUNTED
        ]
        sheet.row(row, [pillar, rid, title, source, *counts, *symbols], [c.style for c in columns])
    if entries and rows:
        sheet.status_colours(
            _MATRIX_HEADER_ROW + 1, first_report_col, last, STATUS_SYMBOLS, last_col=first_report_col + len(entries) - 1
        )
        missing_col = first_report_col - 1  # the more reports miss a requirement, the redder
        sheet.ws.conditional_format(
            _MATRIX_HEADER_ROW + 1,
            missing_col,
            last,
            missing_col,
            {
                "type": "2_color_scale",
                "min_type": "num",
                "min_value": 0,
                "min_color": "#FFFFFF",
                "max_color": "#F8696B",
            },
        )


def _requirement_rows(writer: _Writer) -> list[tuple[str, str, str, str]]:
    """(id, pillar title, title, source) in rubric order, then any requirement only the results know."""
    pillars = {p.id: p.title for p in writer.rubric.pillars}
    rows = {
        r.id: (r.id, pillars.get(r.pillar, r.pillar), r.title, r.source)
        for r in writer.rubric.requirements
        if r.enabled
    }
    for entry in writer.entries:
        for r in entry.report.requirements:
            rows.setdefault(r.id, (r.id, pillars.get(r.pillar, r.pillar), r.title, r.source))
    return list(rows.values())


# --------------------------------------------------------------------------- 证据 指标对比 问题清单

METRICS_COLUMNS = [
    Column("报告", 14),
    Column("指标", 24, "wrap"),
    Column("数值", 10, "count"),
    Column("单位", 6, "centre"),
    Column("口径", 12),
    Column("约数", 5, "centre"),
    Column("目标", 9, "centre"),
    Column("目标达成", 8, "centre"),
    Column("原文", 60, "wrap"),
]
FINDINGS_COLUMNS = [
    Column("报告", 14),
    Column("类型", 14),
    Column("严重程度", 8, "centre"),
    Column("要求", 20, "wrap"),
    Column("指标", 16, "wrap"),
    Column("说明", 36, "wrap"),
    Column("报告数值", 9, "count"),
    Column("核算数值", 9, "count"),
    Column("原文", 40, "wrap"),
]


# --------------------------------------------------------------------------- 说明


def _notes_sheet(writer: _Writer) -> None:
    """How the scores are made, how to review them, and where every number came from."""
    sheet, run, rubric = writer.notes, writer.run, writer.rubric
    share = rubric.scoring.partial_share
    bands = "；".join(f"≥ {g.min:g} 分为“{g.label}”" for g in sorted(rubric.scoring.grades, key=lambda g: -g.min))
    count = len(writer.entries)
    if writer.full is not None:
        sheets = "每份报告另有一张可打印的评分表（工作表名即“总览”中的“报告”列，可点击跳转），其数值取自“评分明细”。"
    else:
        sheets = (
            f"报告超过 {SCORECARD_SHEETS_MAX} 份，不再逐份建评分表（数百张工作表难以打开和翻阅）；"
            "每份报告的逐项评分、证据和人工调整都在“评分明细”表中（按“报告”列筛选），"
            "“总览”中的“报告”列链接到该报告在“评分明细”中的第一行。"
        )
    if writer.split_dir is not None:
        sheets += (
            f"文件夹 {writer.split_dir} 中另有每份报告的单独工作簿，供分发；"
            "其中的人工调整只影响该文件，不进入本工作簿的排名。"
        )
    years = sorted({entry.year for entry in writer.entries}, key=str)
    paragraphs = [
        (
            "计分方法",
            f"每项要求设有满分。达标得满分；部分达标得满分 × {share:g}；缺失得 0 分；"
            "不适用于本层级的要求记为“不适用”，满分计 0，不计入总分。",
        ),
        (
            "得分",
            "得分 = 计入得分之和 ÷ 满分之和 × 100，保留一位小数（0–100）；原始得分、满分为分值本身。板块得分率同理。",
        ),
        ("等次", bands or "（评分标准未设等次）"),
        (
            "排名",
            "按得分从高到低排名，得分相同者名次相同；不同年度的报告分别排名"
            + (f"（本批 {len(years)} 个年度：{'、'.join(map(str, years))}）。" if len(years) > 1 else "。"),
        ),
        (
            "人工调整",
            "在“评分明细”表黄色“人工调整”列填入分值（0 至该项满分；超出的按满分、负数按 0 计），"
            "并填写“调整理由”和“复核人”。该项的计入得分和状态随之改变，总览的得分、等次、排名、"
            "各状态数、板块得分率，要求矩阵和评分表都是公式，自动重算。清空单元格即恢复机器评分。"
            "填入无法识别为数字的内容时单元格变红，并按机器评分计。",
        ),
        (
            "筛选与排序",
            "“评分明细”可按任意列筛选；请勿对其重新排序（总览、矩阵和评分表按行引用其中的单元格）。"
            "总览的行序是生成时的名次，调整后以“排名”列为准。",
        ),
        (
            "规模",
            f"本工作簿含 {count} 份报告；报告份数不限（已测试 1000 份），每份报告的证据和可调整行都保留。" + sheets,
        ),
        (
            "保存的数值",
            "每个公式都随文件保存了按机器评分计算的结果，不重新计算的程序（如 pandas、手机预览）"
            "也能看到得分、等次和排名。",
        ),
        ("符号", "；".join(f"{STATUS_SYMBOLS[s]} {STATUS_LABELS[s]}" for s in STATUSES)),
        ("评分标准", f"{run.rubric.title}（{run.rubric.id} 版本 {run.rubric.version}）"),
        ("评分标准文件", run.rubric.path),
        ("评分标准 SHA-256", run.rubric.sha256),
        ("评分工具", f"{run.tool_name} {run.tool_version}"),
        ("评分时间", run.run_date),
    ]
    file_columns = [
        Column("报告", 16),
        Column("文件", 60, "wrap"),
        Column("SHA-256", 68),
        Column("格式", 7, "centre"),
        Column("字符数", 9, "count"),
        Column("读取提示", 36, "wrap"),
    ]
    sheet.set_widths(file_columns)
    sheet.row(0, ["说明"], "title", height=24)
    for row, (label, text) in enumerate(paragraphs, 1):
        sheet.row(row, [label, text], ["label", "wrap"])
    row = len(paragraphs) + 2
    sheet.row(row, [f"输入文件（{count}）"], "title", height=24)
    sheet.row(row + 1, [c.header for c in file_columns], "header")
    row += 1
    for entry in writer.entries:
        row += 1
        report = entry.report
        sheet.row(
            row,
            [
                entry.label,
                report.source,
                report.sha256,
                report.format,
                report.chars,
                "；".join(w.message for w in report.warnings),
            ],
            [c.style for c in file_columns],
        )
    row += 2
    sheet.row(row, [f"无法读取的文件（{len(writer.failures)}）"], "title", height=24)
    sheet.row(row + 1, [None, "文件", "原因"], ["plain", "header", "header"])
    row += 1
    for error in writer.failures:
        row += 1
        sheet.row(row, [None, error.source, error.error], ["plain", "wrap", "wrap"])
    if not writer.failures:
        sheet.row(row + 1, [None, "无"], "plain")
    sheet.ws.fit_to_pages(1, 0)


# --------------------------------------------------------------------------- one report's scorecard

_CARD_HEADER_ROW = 9
CARD_COLUMNS = [
    Column("板块", 14, "wrap"),
    Column("编号", 21),
    Column("要求", 22, "wrap"),
    Column("状态", 7, "centre"),
    Column("原因", 16, "wrap"),
    Column("计入得分", 7, "points"),
    Column("满分", 6, "points"),
    Column("人工调整", 7, "points"),
    Column("调整理由", 14, "wrap"),
    Column("证据", 62, "wrap"),
    Column("改进建议", 28, "wrap"),
]


def _scorecard_sheet(writer: _Writer, entry: _Entry, report: ReportResult, overview_row: int, rank: int) -> None:
    """A printable view of one report: every value is a formula over 评分明细 or 总览."""
    sheet = writer.book.sheet(entry.label)
    sheet.set_widths(CARD_COLUMNS)
    here = overview_row
    sheet.row(
        0,
        [
            f"{report.region_full or report.region or Path(report.source).name} {report.year or ''} "
            "法治政府建设情况报告评分表"
        ],
        "title",
        height=24,
    )
    region = report.region_full or report.region or ""
    facts = [
        ("地区", f"{region}（{report.region_code}）" if report.region_code else region),
        ("年度", report.year),
        ("层级", LEVEL_LABELS.get(report.level or "", "")),
        ("报告主体", _issuer_label(report)),
        ("报告日期", report.date or ""),
        ("来源文件", Path(report.source).name),
    ]
    totals = [
        ("得分", O_SCORE, report.score, "key_score"),
        ("原始得分", O_POINTS, report.points, "key_points"),
        ("满分", O_MAX, report.max_points, "key_points"),
        ("等次", O_GRADE, report.grade, "key"),
        ("排名", O_RANK, rank, "key"),
    ]
    for n, (label, value) in enumerate(facts):
        cells: list = [label, value, None, None, None]
        looks = ["label", "text", "plain", "plain", "plain"]
        if n < len(totals):
            name, col, cached, look = totals[n]
            cells += [name, Formula(ref(OVERVIEW, col, here), cached)]
            looks += ["label", look]
        if n == 0:
            first, last = entry.first + 1, entry.last + 1
            cells += [
                None,
                None,
                (
                    f"人工调整：在“评分明细”第 {first}–{last} 行填写，本表随之更新",
                    f"internal:{ref(DETAIL, D_ADJUST, entry.first, absolute=False)}",
                ),
            ]
            looks += ["plain", "plain", "plain"]
        sheet.row(1 + n, cells, looks)
    sheet.table(_CARD_HEADER_ROW, CARD_COLUMNS, _CARD_HEADER_ROW + len(report.requirements))
    pillars = {p.id: p.title for p in writer.rubric.pillars}
    styles = [c.style for c in CARD_COLUMNS]
    for row, req in enumerate(report.requirements, _CARD_HEADER_ROW + 1):
        source = entry.rows[req.id]
        adjust = ref(DETAIL, D_ADJUST, source)
        adjusted, why, _ = _review_cells(req)
        sheet.row(
            row,
            [
                pillars.get(req.pillar, req.pillar),
                req.id,
                req.title,
                Formula(ref(DETAIL, D_STATUS, source), STATUS_LABELS.get(req.counted_status, req.counted_status)),
                REASON_LABELS.get(req.reason, req.reason),
                Formula(ref(DETAIL, D_COUNTED, source), req.counted_points),
                Formula(ref(DETAIL, D_MAX, source), req.counted_max),
                Formula(f'IF(LEN({adjust})=0,"",{adjust})', "" if adjusted is None else adjusted),
                Formula(f'{ref(DETAIL, D_WHY, source)}&""', why or ""),
                _evidence_text(req.evidence),
                req.guidance if req.status in ("partial", "missing") else "",
            ],
            styles,
        )
    last = _CARD_HEADER_ROW + len(report.requirements)
    sheet.status_colours(_CARD_HEADER_ROW + 1, 3, last, STATUS_LABELS)
