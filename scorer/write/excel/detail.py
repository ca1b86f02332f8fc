"""评分明细: every requirement of every report, one filterable row each, with the reviewer's columns.

The machine's status and points, the reviewer's 人工调整 / 调整理由 / 复核人, the points that count
and the status that follows from them (formulas over the adjustment), and the evidence sentences.
Every other sheet's formulas read their points and statuses from here; `scorer review` reads the
adjustments back (scorer.review).
"""

from __future__ import annotations

from collections.abc import Sequence

from scorer.presentation import EVIDENCE_KIND_LABELS, STATUS_LABELS, reason_label
from scorer.result import ReportResult
from scorer.rubric.model import Rubric
from scorer.write.excel.cells import Column, Formula, Sheet, col_name
from scorer.write.excel.sheets import StreamedTable

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


class DetailTable(StreamedTable):
    def __init__(self, sheet: Sheet, rubric: Rubric):
        super().__init__(sheet, DETAIL_COLUMNS, freeze_col=D_TITLE, header_height=30)
        self.pillars = {p.id: p.title for p in rubric.pillars}

    def add(self, label: str, report: ReportResult) -> dict[str, int]:
        """One row per requirement; returns the row of each requirement id."""
        styles = [c.style for c in DETAIL_COLUMNS]
        rows = {}
        for req in report.requirements:
            self.row += 1
            row = self.row
            rows[req.id] = row
            adjust, points, maximum, counted = (
                f"${col_name(c)}{row + 1}" for c in (D_ADJUST, D_POINTS, D_MAX, D_COUNTED)
            )
            machine = STATUS_LABELS.get(req.status, req.status)
            adjusted, why, reviewer = review_cells(req)
            self.sheet.row(
                row,
                [
                    label,
                    self.pillars.get(req.pillar, req.pillar),
                    req.id,
                    req.title,
                    machine,
                    reason_label(req),
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
                        _status_formula(row, adjust, maximum, counted),
                        STATUS_LABELS.get(req.counted_status, req.counted_status),
                    ),
                    why,
                    reviewer,
                    evidence_text(req.evidence) or None,
                    req.guidance if req.guidance and req.status in ("partial", "missing") else None,
                    report.sha256 or None,
                ],
                styles,
            )
        return rows

    def review_rules(self) -> None:
        """Validation and colours of the review columns, over every row written."""
        ws, book = self.sheet.ws, self.sheet.book
        first, last = self.HEADER_ROW + 1, max(self.row, self.HEADER_ROW + 1)
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
                "format": book.dxf["bad_input"],
            },
        )
        for col in REVIEW_COLUMNS:  # the cells exist only once typed in: their look covers the range
            ws.conditional_format(
                first, col, last, col, {"type": "formula", "criteria": "=TRUE", "format": book.dxf["review"]}
            )
        self.sheet.status_colours(first, D_STATUS, last, STATUS_LABELS)
        self.sheet.status_colours(first, D_MACHINE, last, STATUS_LABELS)


def _status_formula(row: int, adjust: str, maximum: str, counted: str) -> str:
    """状态: the machine's while nothing is typed, else what the counted points make of it."""
    machine = f"${col_name(D_MACHINE)}{row + 1}"
    met, partial, missing, na = (STATUS_LABELS[s] for s in ("met", "partial", "missing", "n/a"))
    return (
        f'IF(LEN({adjust})=0,{machine},IF({maximum}<=0,"{na}",'
        f'IF({counted}>={maximum},"{met}",IF({counted}>0,"{partial}","{missing}"))))'
    )


def review_cells(req) -> tuple:
    """人工调整, 调整理由, 复核人 as a review file (`score --review`) filled them; empty otherwise."""
    review = req.review
    if review is None:
        return None, None, None
    why = review.reason + (WAIVER_EXPIRY.format(review.expires) if review.expires else "")
    return (WAIVER_MARK if review.waived else review.points), why or None, review.reviewer or None


def evidence_text(evidence: Sequence) -> str:
    """Evidence sentences, each with its kind (when not an achievement) and its innermost heading
    (the whole path repeats the report's long part titles)."""
    lines = []
    for item in evidence:
        kind = EVIDENCE_KIND_LABELS.get(item.kind, item.kind) if item.kind != "achievement" else ""
        heading = item.section.rsplit(" > ", 1)[-1]
        lines.append(f"{f'【{kind}】' if kind else ''}{item.quote}{f'〔{heading}〕' if heading else ''}")
    return "\n".join(lines)
