"""指标对比: one row per figure a report states: a number (a percent with a % format), its scope,
the rubric's target and whether it is met."""

from __future__ import annotations

from scorer.presentation import target_text
from scorer.result import ReportResult
from scorer.rubric.model import Rubric
from scorer.write.excel.cells import Column, Sheet
from scorer.write.excel.sheets import StreamedTable

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


class MetricsTable(StreamedTable):
    def __init__(self, sheet: Sheet, rubric: Rubric):
        super().__init__(sheet, METRICS_COLUMNS, freeze_col=1)
        self.names = {m.id: m.name for m in rubric.metrics}
        self.order = {m.id: n for n, m in enumerate(rubric.metrics)}

    def add(self, label: str, report: ReportResult) -> None:
        """The report's figures in rubric order, a value restated with the same scope once."""
        seen = set()
        for value in sorted(report.metrics, key=lambda v: self.order.get(v.id, len(self.order))):
            key = (value.id, value.value, value.scope, value.approx)
            if key in seen:
                continue
            seen.add(key)
            percent = value.unit == "percent"
            missed = value.meets_target is False
            number_style = ("missed_" if missed else "") + ("percent" if percent else "count")
            self.row += 1
            self.sheet.row(
                self.row,
                [
                    label,
                    self.names.get(value.id, value.name),
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
