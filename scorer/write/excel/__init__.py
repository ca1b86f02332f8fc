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

One module per sheet builds it (overview, matrix, detail, metrics, findings, notes, scorecard), on
the cells and formats of `cells` and what `sheets` shares; this module assembles the workbook.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from scorer.presentation import STATUS_SYMBOLS
from scorer.result import FileError, ReportResult, RunResult
from scorer.rubric.model import Rubric
from scorer.write.atomic import OutputError, atomic_path
from scorer.write.excel.cells import Book
from scorer.write.excel.detail import DetailTable
from scorer.write.excel.findings import FindingsTable
from scorer.write.excel.matrix import matrix_sheet
from scorer.write.excel.metrics import MetricsTable
from scorer.write.excel.notes import notes_sheet
from scorer.write.excel.overview import OVERVIEW_HEADER_ROW, overview_sheet
from scorer.write.excel.scorecard import scorecard_sheet
from scorer.write.excel.sheets import (
    DETAIL,
    FINDINGS,
    FIXED_SHEETS,
    MATRIX,
    METRICS,
    NOTES,
    OVERVIEW,
    SCORECARD_SHEETS_MAX,
    Entry,
    Ranked,
)
from scorer.write.ranking import ranked

__all__ = ["SCORECARD_SHEETS_MAX", "STATUS_SYMBOLS", "write_workbook", "workbook_stream"]

_SHEET_NAME_MAX = 31
_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\'<>\"|\x00-\x1f]")  # sheet names and file names


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


class _Writer:
    def __init__(self, run: RunResult, rubric: Rubric, tmp: str, *, split_dir: Path | None, main: Path, scratch: str):
        self.run, self.rubric, self.split_dir, self.main = run, rubric, split_dir, main
        self.failures: list[FileError] = list(run.failures)
        self.entries: list[Entry] = []
        self.full: list[ReportResult] | None = []  # for the scorecards; None once past the limit
        self.split_paths: list[Path] = []
        self.taken = {name.casefold() for name in FIXED_SHEETS}
        self.book = Book(tmp, run, scratch)
        sheets = {name: self.book.sheet(name) for name in FIXED_SHEETS}
        self.overview, self.matrix, self.notes = sheets[OVERVIEW], sheets[MATRIX], sheets[NOTES]
        # the sheets written a row at a time as the reports arrive
        self.detail = DetailTable(sheets[DETAIL], rubric)
        self.metrics = MetricsTable(sheets[METRICS], rubric)
        self.findings = FindingsTable(sheets[FINDINGS], rubric)
        self.closed = False

    # ----------------------------------------------------------------------- per report

    def add(self, result: ReportResult | FileError, label: str | None = None) -> None:
        if isinstance(result, FileError):
            self.failures.append(result)
            return
        label = label or self._label(result, len(self.entries) + 1)
        first = self.detail.row + 1
        rows = self.detail.add(label, result)
        self.metrics.add(label, result)
        self.findings.add(label, result)
        entry = Entry(label, _without_text(result), first, self.detail.row, rows)
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

    # ----------------------------------------------------------------------- at the end

    def finish(self) -> None:
        self.detail.review_rules()
        for table in (self.detail, self.metrics, self.findings):
            table.set_filter()
        order = self._ranked()
        scorecards = self.full is not None
        overview_sheet(
            self.overview,
            self.run,
            self.rubric,
            order,
            failures=len(self.failures),
            scorecards=scorecards,
            split_dir=self.split_dir,
            main=self.main,
        )
        matrix_sheet(self.matrix, self.rubric, order, self.entries)
        notes_sheet(
            self.notes,
            self.run,
            self.rubric,
            self.entries,
            self.failures,
            scorecards=scorecards,
            split_dir=self.split_dir,
        )
        if self.full is not None:
            full = {id(entry): report for entry, report in zip(self.entries, self.full, strict=False)}
            for entry, row, rank in order:
                scorecard_sheet(self.book, self.rubric, entry, full[id(entry)], row, rank)
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

    def _ranked(self) -> Ranked:
        """(entry, 总览 row, rank) in the order 总览 lists them (scorer.write.ranking)."""
        order = ranked([entry.report for entry in self.entries])
        return [(self.entries[i], OVERVIEW_HEADER_ROW + 1 + n, rank) for n, (i, rank) in enumerate(order)]


def _without_text(report: ReportResult) -> ReportResult:
    requirements = tuple(dataclasses.replace(r, evidence=()) for r in report.requirements)
    return dataclasses.replace(report, requirements=requirements, metrics=(), findings=(), sentences=())
