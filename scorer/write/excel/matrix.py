"""要求矩阵: requirements × reports (in rank order), one status symbol per cell, a formula that
follows 评分明细's 状态; how many reports meet, half meet or miss each requirement."""

from __future__ import annotations

import math
from collections.abc import Sequence

from scorer.presentation import STATUS_LABELS, STATUS_SYMBOLS
from scorer.result import STATUSES
from scorer.rubric.model import Rubric
from scorer.write.excel.cells import Column, Formula, Sheet, col_name, ref
from scorer.write.excel.detail import D_STATUS
from scorer.write.excel.sheets import DETAIL, Entry, Ranked

MATRIX_REPORTS_PER_PAGE = 30  # report columns of 要求矩阵 on one printed A3 page

_MATRIX_HEADER_ROW = 2
_COUNTED = ("met", "partial", "missing")


def matrix_sheet(sheet: Sheet, rubric: Rubric, ranked: Ranked, arrived: Sequence[Entry]) -> None:
    """Requirements × reports (in rank order), a symbol per cell that follows 评分明细's 状态;
    `arrived`: the same reports in the order they arrived, which orders the requirements only the
    results know."""
    entries = [entry for entry, _, _ in ranked]
    columns = [Column("板块", 14, "wrap"), Column("编号", 22), Column("要求", 26, "wrap"), Column("依据", 14, "wrap")]
    columns += [Column(f"{STATUS_LABELS[s]}数", 5, "centre") for s in _COUNTED]
    first_report_col = len(columns)
    columns += [Column(entry.label, 3.5, "centre", "stacked_header") for entry in entries]
    rows = _requirement_rows(rubric, arrived)
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


def _requirement_rows(rubric: Rubric, entries: Sequence[Entry]) -> list[tuple[str, str, str, str]]:
    """(id, pillar title, title, source) in rubric order, then any requirement only the results know."""
    pillars = {p.id: p.title for p in rubric.pillars}
    rows = {r.id: (r.id, pillars.get(r.pillar, r.pillar), r.title, r.source) for r in rubric.requirements if r.enabled}
    for entry in entries:
        for r in entry.report.requirements:
            rows.setdefault(r.id, (r.id, pillars.get(r.pillar, r.pillar), r.title, r.source))
    return list(rows.values())
