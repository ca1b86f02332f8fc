"""总览: one row per report in rank order (by score, ties by region; reports of different years
grouped by year and ranked within it): 得分 (0–100), 原始得分 / 满分, 等次, 排名, counts by
status, pillar percents; every figure a formula over 评分明细, so a reviewer's adjustment moves it."""

from __future__ import annotations

import os
from pathlib import Path

from scorer.presentation import LEVEL_LABELS, STATUS_LABELS, issuer_label
from scorer.result import STATUSES, ReportResult, RunResult
from scorer.rubric.model import Rubric
from scorer.write.excel.cells import Column, Formula, Sheet, col_name, excel_string, ref, span
from scorer.write.excel.detail import D_COUNTED, D_MAX, D_PILLAR, D_REPORT, D_STATUS
from scorer.write.excel.sheets import DETAIL, Ranked

(O_SEQ, O_REPORT, O_REGION, O_LEVEL, O_ISSUER, O_YEAR, O_SCORE, O_POINTS, O_MAX, O_GRADE, O_RANK) = range(11)
O_COUNTS = 11  # 达标 部分 缺失 不适用, then the pillars
OVERVIEW_HEADER_ROW = 4


def overview_sheet(
    sheet: Sheet,
    run: RunResult,
    rubric: Rubric,
    ranked: Ranked,
    *,
    failures: int,
    scorecards: bool,
    split_dir: Path | None,
    main: Path,
) -> None:
    """`failures`: files that could not be read; `scorecards`: whether each report has its own
    sheet to link to (else its first row in 评分明细); `split_dir`: where each report's own
    workbook is, linked relative to the `main` workbook."""
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
    if split_dir is not None:
        columns += [Column("单独工作簿", 18)]
    first, last = OVERVIEW_HEADER_ROW + 1, OVERVIEW_HEADER_ROW + len(ranked)
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
    if failures:
        notes.append(f"{failures} 个文件无法读取，见“说明”。")
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
    sheet.table(OVERVIEW_HEADER_ROW, columns, last, freeze_col=O_SCORE, header_height=100)
    sheet.ws.print_area(0, 0, max(last, OVERVIEW_HEADER_ROW), printed - 1)

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
            if scorecards
            else f"internal:{ref(DETAIL, D_REPORT, entry.first, absolute=False)}"
        )
        cells = [
            n,
            (entry.label, link),
            report.region or "",
            LEVEL_LABELS.get(report.level or "", ""),
            issuer_label(report),
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
            title_cell = f"{col_name(col)}${OVERVIEW_HEADER_ROW + 1}"
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
        if split_dir is not None and entry.split is not None:
            cells.append((entry.split.name, "external:" + os.path.relpath(entry.split, main.parent)))
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
                    "format": sheet.book.dxf[status if grade is not grades[-1] else "missing"],
                },
            )


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
