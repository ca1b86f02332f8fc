"""One printable scorecard per report (for batches of up to SCORECARD_SHEETS_MAX reports): its
facts, totals and every requirement, each value a formula over 评分明细 or 总览."""

from __future__ import annotations

from pathlib import Path

from scorer.presentation import LEVEL_LABELS, STATUS_LABELS, issuer_label, reason_label
from scorer.result import ReportResult
from scorer.rubric.model import Rubric
from scorer.write.excel.cells import Book, Column, Formula, ref
from scorer.write.excel.detail import D_ADJUST, D_COUNTED, D_MAX, D_STATUS, D_WHY, evidence_text, review_cells
from scorer.write.excel.overview import O_GRADE, O_MAX, O_POINTS, O_RANK, O_SCORE
from scorer.write.excel.sheets import DETAIL, OVERVIEW, Entry

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


def scorecard_sheet(
    book: Book, rubric: Rubric, entry: Entry, report: ReportResult, overview_row: int, rank: int
) -> None:
    """A printable view of one report: every value is a formula over 评分明细 or 总览."""
    sheet = book.sheet(entry.label)
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
        ("报告主体", issuer_label(report)),
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
    pillars = {p.id: p.title for p in rubric.pillars}
    styles = [c.style for c in CARD_COLUMNS]
    for row, req in enumerate(report.requirements, _CARD_HEADER_ROW + 1):
        source = entry.rows[req.id]
        adjust = ref(DETAIL, D_ADJUST, source)
        adjusted, why, _ = review_cells(req)
        sheet.row(
            row,
            [
                pillars.get(req.pillar, req.pillar),
                req.id,
                req.title,
                Formula(ref(DETAIL, D_STATUS, source), STATUS_LABELS.get(req.counted_status, req.counted_status)),
                reason_label(req),
                Formula(ref(DETAIL, D_COUNTED, source), req.counted_points),
                Formula(ref(DETAIL, D_MAX, source), req.counted_max),
                Formula(f'IF(LEN({adjust})=0,"",{adjust})', "" if adjusted is None else adjusted),
                Formula(f'{ref(DETAIL, D_WHY, source)}&""', why or ""),
                evidence_text(req.evidence),
                req.guidance if req.status in ("partial", "missing") else "",
            ],
            styles,
        )
    last = _CARD_HEADER_ROW + len(report.requirements)
    sheet.status_colours(_CARD_HEADER_ROW + 1, 3, last, STATUS_LABELS)
