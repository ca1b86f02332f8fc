"""What the workbook's sheets share: their names, what is kept of a report once its rows are
written, and the tables that grow a row per result as the results arrive."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from scorer.result import ReportResult
from scorer.write.excel.cells import Column, Sheet
from scorer.write.ranking import year_of

# Up to this many reports the workbook also has one scorecard sheet per report (a workbook with
# hundreds of sheets is slow to open and useless to page through); 评分明细 holds every report's
# rows, evidence and adjustments whatever the size.
SCORECARD_SHEETS_MAX = 60

OVERVIEW, MATRIX, DETAIL, METRICS, FINDINGS, NOTES = "总览", "要求矩阵", "评分明细", "指标对比", "问题清单", "说明"
FIXED_SHEETS = (OVERVIEW, MATRIX, DETAIL, METRICS, FINDINGS, NOTES)


@dataclasses.dataclass
class Entry:
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


# (entry, its row in 总览, its rank) in the order 总览 lists them
Ranked = list[tuple[Entry, int, int]]


class StreamedTable:
    """A filterable table, header in the first row, that grows a row at a time as reports arrive
    (评分明细, 指标对比, 问题清单); `row` is its last row so far."""

    HEADER_ROW = 0

    def __init__(self, sheet: Sheet, columns: Sequence[Column], *, freeze_col: int, header_height: float | None = None):
        self.sheet, self.columns = sheet, columns
        self.row = self.HEADER_ROW
        # the filter is set at the end, when the last row is known
        sheet.table(self.HEADER_ROW, columns, 0, freeze_col=freeze_col, header_height=header_height, filter=False)

    def set_filter(self) -> None:
        self.sheet.ws.autofilter(self.HEADER_ROW, 0, max(self.row, 1), len(self.columns) - 1)
