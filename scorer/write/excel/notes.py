"""说明: how the scores are made, how to review them, and where every number came from (rubric,
tool, input files with their SHA-256, files that could not be read)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scorer.presentation import STATUS_LABELS, STATUS_SYMBOLS
from scorer.result import STATUSES, FileError, RunResult
from scorer.rubric.model import Rubric
from scorer.write.excel.cells import Column, Sheet
from scorer.write.excel.sheets import SCORECARD_SHEETS_MAX, Entry


def notes_sheet(
    sheet: Sheet,
    run: RunResult,
    rubric: Rubric,
    entries: Sequence[Entry],
    failures: Sequence[FileError],
    *,
    scorecards: bool,
    split_dir: Path | None,
) -> None:
    """How the scores are made, how to review them, and where every number came from."""
    share = rubric.scoring.partial_share
    bands = "；".join(f"≥ {g.min:g} 分为“{g.label}”" for g in sorted(rubric.scoring.grades, key=lambda g: -g.min))
    count = len(entries)
    if scorecards:
        sheets = "每份报告另有一张可打印的评分表（工作表名即“总览”中的“报告”列，可点击跳转），其数值取自“评分明细”。"
    else:
        sheets = (
            f"报告超过 {SCORECARD_SHEETS_MAX} 份，不再逐份建评分表（数百张工作表难以打开和翻阅）；"
            "每份报告的逐项评分、证据和人工调整都在“评分明细”表中（按“报告”列筛选），"
            "“总览”中的“报告”列链接到该报告在“评分明细”中的第一行。"
        )
    if split_dir is not None:
        sheets += (
            f"文件夹 {split_dir} 中另有每份报告的单独工作簿，供分发；其中的人工调整只影响该文件，不进入本工作簿的排名。"
        )
    years = sorted({entry.year for entry in entries}, key=str)
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
    for entry in entries:
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
    sheet.row(row, [f"无法读取的文件（{len(failures)}）"], "title", height=24)
    sheet.row(row + 1, [None, "文件", "原因"], ["plain", "header", "header"])
    row += 1
    for error in failures:
        row += 1
        sheet.row(row, [None, error.source, error.error], ["plain", "wrap", "wrap"])
    if not failures:
        sheet.row(row + 1, [None, "无"], "plain")
    sheet.ws.fit_to_pages(1, 0)
