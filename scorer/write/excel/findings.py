"""问题清单: one row per finding (a figure that does not add up, a target missed, ...), with the
requirement or figure it concerns and the sentence it comes from."""

from __future__ import annotations

from scorer.presentation import FINDING_KIND_LABELS, SEVERITY_LABELS
from scorer.result import ReportResult
from scorer.rubric.model import Rubric
from scorer.write.excel.cells import Column, Sheet
from scorer.write.excel.sheets import StreamedTable

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


class FindingsTable(StreamedTable):
    def __init__(self, sheet: Sheet, rubric: Rubric):
        super().__init__(sheet, FINDINGS_COLUMNS, freeze_col=1)
        self.requirement_titles = {r.id: f"{r.id} {r.title}" for r in rubric.requirements}
        self.metric_names = {m.id: m.name for m in rubric.metrics}

    def add(self, label: str, report: ReportResult) -> None:
        styles = [c.style for c in FINDINGS_COLUMNS]
        for finding in report.findings:
            self.row += 1
            severity = {"error": "missing", "warning": "partial"}.get(finding.severity, "centre")
            self.sheet.row(
                self.row,
                [
                    label,
                    FINDING_KIND_LABELS.get(finding.kind, finding.kind),
                    SEVERITY_LABELS.get(finding.severity, finding.severity),
                    self.requirement_titles.get(finding.requirement, finding.requirement),
                    self.metric_names.get(finding.metric, finding.metric),
                    finding.message,
                    finding.stated,
                    finding.computed,
                    finding.quote,
                ],
                [*styles[:2], severity, *styles[3:]],
            )
