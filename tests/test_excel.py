"""The supervisor's workbook: rank order, stored values, reviewable rows, untrusted text, LibreOffice
recalculation after a reviewer's adjustments, print layout, files."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from made_formats import convert

from scorer.result import (
    Evidence,
    FileError,
    Finding,
    MetricValue,
    PillarScore,
    ReportResult,
    RequirementResult,
    RubricInfo,
    RunResult,
)
from scorer.rubric.kinds.terms import TermsDetector
from scorer.rubric.model import MetricDef, Pillar, Requirement, Rubric, Target
from scorer.write.atomic import OutputError
from scorer.write.excel import SCORECARD_SHEETS_MAX, STATUS_SYMBOLS, workbook_stream, write_workbook

# --------------------------------------------------------------------------- rubric and results

RUBRIC = Rubric(
    id="outline-test",
    version="1.0",
    title="法治政府建设评分标准（测试）",
    path="rubrics/test.yaml",
    sha256="a" * 64,
    pillars=(Pillar("report", "报告要素"), Pillar("p2", "健全政府机构职能体系"), Pillar("p7", "矛盾纠纷化解")),
    requirements=tuple(
        Requirement(
            rid,
            pillar,
            title,
            source,
            points,
            (TermsDetector(any=("x",)),),
            guidance=f"补充{title}的具体举措",
            applies_to=applies,
        )
        for rid, pillar, title, source, points, applies in [
            ("report.shortcomings", "report", "存在的不足和原因", "督察工作规定", 4, frozenset()),
            ("report.next-year", "report", "下一年度主要安排", "督察工作规定", 2, frozenset()),
            ("p2.power-lists", "p2", "权责清单制度", "Outline （四）", 4, frozenset()),
            ("p2.legislation", "p2", "重要领域立法", "Outline （七）", 3, frozenset({"province", "city"})),
            ("p7.head-appearance", "p7", "行政机关负责人出庭应诉", "Outline （二十三）", 4, frozenset()),
        ]
    ),
    metrics=(
        MetricDef("head_appearance_rate", "行政机关负责人出庭应诉率", "percent", (), target=Target(">=", 100)),
        MetricDef("reconsideration_cases", "行政复议案件数", "count", ()),
        MetricDef("mediation_success_rate", "调解成功率", "percent", ()),
    ),
)
SHARE = RUBRIC.scoring.partial_share


def _report(
    source: str,
    region: str,
    year: int,
    level: str,
    statuses: dict[str, str],
    *,
    quotes: dict[str, str] | None = None,
    metrics=(),
    findings=(),
    issuer: str = "",
) -> ReportResult:
    """A result as the scorer would make it: points from statuses, pillar and report totals."""
    requirements = []
    for req in RUBRIC.requirements:
        status = statuses[req.id]
        points = {"met": req.points, "partial": req.points * SHARE}.get(status, 0.0)
        quote = (quotes or {}).get(req.id, f"{req.title}取得成效")
        evidence = (
            ()
            if status in ("missing", "n/a")
            else (
                Evidence(
                    quote,
                    10,
                    10 + len(quote),
                    "一、主要举措 > （一）深化改革",
                    "achievement" if status == "met" else "plan",
                    "terms",
                ),
            )
        )
        requirements.append(
            RequirementResult(
                req.id,
                req.title,
                req.pillar,
                status,
                points,
                0.0 if status == "n/a" else req.points,
                {"met": "met", "partial": "plan-only", "missing": "not-mentioned", "n/a": "not-applicable"}[status],
                evidence,
                req.source,
                req.guidance,
            )
        )
    pillars = tuple(
        PillarScore(
            p.id,
            p.title,
            sum(r.points for r in requirements if r.pillar == p.id),
            sum(r.max_points for r in requirements if r.pillar == p.id),
        )
        for p in RUBRIC.pillars
    )
    points, max_points = sum(r.points for r in requirements), sum(r.max_points for r in requirements)
    score = round(100 * points / max_points, 1) if max_points else 0.0
    return ReportResult(
        source,
        "txt",
        region,
        f"某市{region}",
        year,
        level,
        issuer or f"{region}人民政府",
        f"{year + 1}-03-01",
        score,
        RUBRIC.scoring.grade(score),
        points,
        max_points,
        pillars,
        tuple(requirements),
        tuple(metrics),
        tuple(findings),
        sha256=hashlib.sha256(source.encode()).hexdigest(),
        chars=12000,
    )


def _metric(
    mid: str, value: float, scope: str = "", meets: bool | None = None, unit: str = "percent", approx: bool = False
) -> MetricValue:
    return MetricValue(
        mid,
        mid,
        value,
        unit,
        approx,
        scope,
        f"某句{value}",
        0,
        3,
        Target(">=", 100) if meets is not None else None,
        meets,
    )


def _run(reports, failures=()) -> RunResult:
    return RunResult(
        "scorer",
        "0.1.0",
        RubricInfo(RUBRIC.id, RUBRIC.version, RUBRIC.title, RUBRIC.path, RUBRIC.sha256),
        tuple(reports),
        tuple(failures),
        run_date="2025-04-02T10:00:00",
    )


BAOAN = _report(  # 7 / 14 points = 50.0, 不合格
    "reports/宝安区2023.txt",
    "宝安区",
    2023,
    "district",
    {
        "report.shortcomings": "met",
        "report.next-year": "partial",
        "p2.power-lists": "missing",
        "p2.legislation": "n/a",
        "p7.head-appearance": "partial",
    },
    quotes={"report.shortcomings": "=1+2 法治政府建设统筹协调的力度有待进一步加强"},
    metrics=[
        _metric("head_appearance_rate", 100, "区政府", True),
        _metric("head_appearance_rate", 95, "部门及镇街", False),
        _metric("head_appearance_rate", 95, "部门及镇街", False),  # restated: shown once
        _metric("reconsideration_cases", 155, unit="count"),
    ],
    findings=[
        Finding(
            "below-target",
            "warning",
            "行政机关负责人出庭应诉率 95% 低于目标 100%",
            metric="head_appearance_rate",
            stated=95,
            quote="部门及镇街出庭率95%",
        )
    ],
    issuer="-深圳市宝安区人民政府",
)
BAOAN_COPY = _report(  # the same district and year from a second file: 14 / 14 = 100.0
    "reports/宝安区2023.docx",
    "宝安区",
    2023,
    "district",
    {
        "report.shortcomings": "met",
        "report.next-year": "met",
        "p2.power-lists": "met",
        "p2.legislation": "n/a",
        "p7.head-appearance": "met",
    },
    metrics=[_metric("head_appearance_rate", 100, "全区", True)],
)
KAIZHOU = _report(  # 10 / 14 = 71.4, 合格
    "reports/开州区2024.pdf",
    "开州区",
    2024,
    "county",
    {
        "report.shortcomings": "met",
        "report.next-year": "missing",
        "p2.power-lists": "partial",
        "p2.legislation": "n/a",
        "p7.head-appearance": "met",
    },
    quotes={"p7.head-appearance": "@SUM(A1) 负责人出庭应诉率达100%"},
    metrics=[
        _metric("mediation_success_rate", 94.8, approx=True),
        _metric("reconsideration_cases", 20, unit="count", approx=True),
    ],
    findings=[
        Finding(
            "rate-mismatch",
            "error",
            "+调解成功率与案件数不符",
            metric="mediation_success_rate",
            stated=94.8,
            computed=94.1,
            quote="@SUM(A1) 调解案件5073件",
        )
    ],
)
RUN = _run([BAOAN, BAOAN_COPY, KAIZHOU], [FileError("reports/扫描件.pdf", "PDF 无文本层（扫描件），无法读取")])
LABELS = ["宝安区2023", "宝安区2023 (2)", "开州区2024"]


# 总览 order: the latest year first, then by score (ties by region)
RANKED = ["开州区2024", "宝安区2023 (2)", "宝安区2023"]
FIXED = ["总览", "要求矩阵", "评分明细", "指标对比", "问题清单", "说明"]


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    path = tmp_path / "scores.xlsx"
    assert write_workbook(RUN, RUBRIC, path) == [path]
    return path


def _rows(ws, min_row: int) -> list[tuple]:
    return [row for row in ws.iter_rows(min_row=min_row, values_only=True) if any(v is not None for v in row)]


def _find(ws, text: str):
    return next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(text))


def _overview(wb) -> dict[str, tuple]:
    """label → (序号, 得分, 原始得分, 满分, 等次, 排名, (达标, 部分, 缺失, 不适用), pillar percents)."""
    return {r[1]: (r[0], r[6], r[7], r[8], r[9], r[10], r[11:15], r[15:18]) for r in _rows(wb["总览"], 6)}


def _detail_row(ws, label: str, rid: str) -> int:
    return next(row[0].row for row in ws.iter_rows(min_row=2) if row[0].value == label and row[2].value == rid)


# --------------------------------------------------------------------------- 1. what any reader sees


def test_sheets_are_named_validly_and_uniquely(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    assert wb.sheetnames == [*FIXED, *RANKED]  # the scorecards in rank order
    for name in wb.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_long_or_odd_regions_still_make_valid_sheet_names(tmp_path: Path) -> None:
    odd = _report(
        "x.txt",
        "新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯经济开发区[试点]/片区*",
        2024,
        "county",
        {r.id: "met" for r in RUBRIC.requirements},
    )
    path = tmp_path / "odd.xlsx"
    write_workbook(_run([odd, odd]), RUBRIC, path)
    names = openpyxl.load_workbook(path).sheetnames[len(FIXED) :]
    assert len(set(names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_overview_is_in_rank_order_and_shows_stored_values_without_recalculation(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path, data_only=True)
    ws = wb["总览"]
    assert "1 个文件无法读取" in ws["A3"].value
    assert "2 个年度" in ws["A3"].value and "分别排名" in ws["A3"].value  # 2023 and 2024 are not mixed
    assert "outline-test" in ws["A2"].value and "scorer 0.1.0" in ws["A2"].value
    header = [c.value for c in ws[5]]
    assert header[:15] == [
        "序号",
        "报告",
        "地区",
        "层级",
        "报告主体",
        "年度",
        "得分",
        "原始得分",
        "满分",
        "等次",
        "排名",
        "达标",
        "部分",
        "缺失",
        "不适用",
    ]
    assert header[15:18] == ["报告要素", "健全政府机构职能体系", "矛盾纠纷化解"]
    rows = _rows(ws, 6)
    assert [r[1] for r in rows] == RANKED
    assert rows[2][2:6] == ("宝安区", "区级", "-深圳市宝安区人民政府", 2023)
    assert _overview(wb) == {
        "开州区2024": (1, 71.4, 10, 14, "合格", 1, (2, 1, 1, 1), (66.7, 50, 100)),
        "宝安区2023 (2)": (2, 100, 14, 14, "优秀", 1, (4, 0, 0, 1), (100, 100, 100)),
        "宝安区2023": (3, 50, 7, 14, "不合格", 2, (1, 2, 1, 1), (83.3, 0, 50)),
    }
    # pandas reads the same numbers: nothing is empty before a recalculation
    frame = pd.read_excel(workbook_path, sheet_name="总览", header=4)
    assert list(frame["排名"]) == [1, 1, 2] and list(frame["等次"]) == ["合格", "优秀", "不合格"]
    assert frame[["得分", "原始得分", "满分", "达标", "缺失"]].notna().all().all()

    formulas = openpyxl.load_workbook(workbook_path)["总览"]
    assert formulas["G6"].value == "=IF(I6>0,ROUND(100*H6/I6,1),0)"
    assert formulas["H6"].value.startswith("=SUM('评分明细'!$J$")
    assert formulas["K6"].value == '=COUNTIFS($F$6:$F$8,F6,$G$6:$G$8,">"&G6)+1'
    assert formulas["B6"].hyperlink.location == "'开州区2024'!A1"
    assert formulas.freeze_panes == "G6" and formulas.auto_filter.ref.startswith("A5:")


def test_ties_share_a_rank_and_are_ordered_by_region(tmp_path: Path) -> None:
    statuses = {r.id: "met" for r in RUBRIC.requirements}
    same = [_report(f"{name}.txt", name, 2024, "district", statuses) for name in ("乙区", "甲区", "丙区")]
    path = tmp_path / "ties.xlsx"
    write_workbook(_run(same), RUBRIC, path)
    rows = _rows(openpyxl.load_workbook(path, data_only=True)["总览"], 6)
    assert [r[2] for r in rows] == sorted(["乙区", "甲区", "丙区"]) and [r[10] for r in rows] == [1, 1, 1]
    assert "年度" not in str(openpyxl.load_workbook(path)["总览"]["A3"].value)  # one year: no note


def test_every_requirement_of_every_report_is_a_reviewable_row_with_its_evidence(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    ws = wb["评分明细"]
    assert [c.value for c in ws[1]] == [
        "报告",
        "板块",
        "编号",
        "要求",
        "机器判定",
        "原因",
        "机器得分",
        "满分",
        "人工调整",
        "计入得分",
        "状态",
        "调整理由",
        "复核人",
        "证据（原文〔所在章节〕）",
        "改进建议",
        "报告SHA-256",
    ]
    rows = _rows(ws, 2)
    assert len(rows) == 3 * len(RUBRIC.requirements)
    baoan = [r for r in rows if r[0] == "宝安区2023"]
    assert [r[2] for r in baoan] == [r.id for r in RUBRIC.requirements]
    assert [r[4] for r in baoan] == ["达标", "部分", "缺失", "不适用", "部分"]
    assert [(r[6], r[7]) for r in baoan] == [(4, 4), (1, 2), (0, 4), (0, 0), (2, 4)]
    assert baoan[1][13] == "【计划】下一年度主要安排取得成效〔（一）深化改革〕"  # innermost heading
    assert baoan[0][14] is None and baoan[2][14] == "补充权责清单制度的具体举措"  # guidance only when not met
    for label, report in zip(LABELS, RUN.reports, strict=False):  # every evidence sentence of every report
        cells = {r[2]: r[13] or "" for r in rows if r[0] == label}
        assert all(e.quote in cells[r.id] for r in report.requirements for e in r.evidence)
    assert (
        ws["J2"].value == '=IF(LEN($I2)=0,$G2,IF($I2="不适用",0,IFERROR(MAX(0,MIN($H2,VALUE($I2))),$G2)))'
    )  # clamped; a waiver counts 0
    assert ws["K2"].value.startswith("=IF(LEN($I2)=0,$E2,")
    validation = next(v for v in ws.data_validations.dataValidation if "I2" in str(v.sqref))
    assert str(validation.sqref) == f"I2:I{1 + len(rows)}"
    assert (validation.type, validation.operator or "between", validation.formula1, validation.formula2) == (
        "decimal",
        "between",
        "0",
        "$H2",
    )
    assert validation.showErrorMessage
    assert ws.auto_filter.ref == f"A1:P{1 + len(rows)}" and ws.freeze_panes == "D2"
    review = [
        rule
        for cf in ws.conditional_formatting
        for rule in cf.rules
        if str(cf.sqref) in (f"I2:I{1 + len(rows)}", f"L2:L{1 + len(rows)}", f"M2:M{1 + len(rows)}")
        and rule.formula == ["TRUE"]
    ]
    assert len(review) == 3 and review[0].dxf.fill.bgColor.rgb.endswith("FFF2CC")  # the inputs stand out
    stored = _rows(openpyxl.load_workbook(workbook_path, data_only=True)["评分明细"], 2)
    assert [(r[9], r[10]) for r in stored if r[0] == "宝安区2023"] == [
        (4, "达标"),
        (1, "部分"),
        (0, "缺失"),
        (0, "不适用"),
        (2, "部分"),
    ]


def test_requirement_matrix_follows_the_detail_sheet(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    ws = wb["要求矩阵"]
    assert [ws.cell(2, c).value for c in range(2, 6)] == ["√ 达标", "△ 部分", "× 缺失", "— 不适用"]
    assert [c.value for c in ws[3]] == ["板块", "编号", "要求", "依据", "达标数", "部分数", "缺失数", *RANKED]
    power_lists = next(r for r in ws.iter_rows(min_row=4) if r[1].value == "p2.power-lists")
    assert power_lists[2].value == "权责清单制度" and power_lists[3].value == "Outline （四）"  # beside the id
    baoan_row = _detail_row(wb["评分明细"], "宝安区2023", "p2.power-lists")
    assert f"'评分明细'!$K${baoan_row}" in power_lists[9].value
    stored = openpyxl.load_workbook(workbook_path, data_only=True)["要求矩阵"]
    row = power_lists[0].row
    assert [stored.cell(row, c).value for c in range(5, 11)] == [
        1,
        1,
        1,
        STATUS_SYMBOLS["partial"],
        STATUS_SYMBOLS["met"],
        STATUS_SYMBOLS["missing"],
    ]
    assert ws.print_title_cols == "$A:$G" and ws.freeze_panes == "H4"


def test_figures_are_numbers_with_their_scope_and_target_misses_marked(workbook_path: Path) -> None:
    ws = openpyxl.load_workbook(workbook_path)["指标对比"]
    assert [c.value for c in ws[1]] == ["报告", "指标", "数值", "单位", "口径", "约数", "目标", "目标达成", "原文"]
    rows = list(ws.iter_rows(min_row=2))
    values = [(r[0].value, r[1].value, r[2].value, r[4].value, r[5].value, r[6].value, r[7].value) for r in rows]
    assert values == [
        ("宝安区2023", "行政机关负责人出庭应诉率", 1, "区政府", None, "不低于100%", "达标"),
        ("宝安区2023", "行政机关负责人出庭应诉率", 0.95, "部门及镇街", None, "不低于100%", "未达标"),  # shown once
        ("宝安区2023", "行政复议案件数", 155, None, None, None, None),
        ("宝安区2023 (2)", "行政机关负责人出庭应诉率", 1, "全区", None, "不低于100%", "达标"),
        ("开州区2024", "行政复议案件数", 20, None, "约", None, None),
        ("开州区2024", "调解成功率", 0.948, None, "约", None, None),
    ]
    assert "%" in rows[0][2].number_format and "%" not in rows[2][2].number_format
    assert rows[1][2].fill.fgColor.rgb.endswith("FFC7CE") and rows[1][2].font.b
    assert not rows[0][2].fill.fgColor.rgb.endswith("FFC7CE")


def test_findings_and_notes_say_where_everything_came_from(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    findings = _rows(wb["问题清单"], 2)
    assert [(r[0], r[1], r[2]) for r in findings] == [
        ("宝安区2023", "指标未达目标", "警告"),
        ("开州区2024", "比率与数量不符", "错误"),
    ]
    assert findings[1][6:8] == (94.8, 94.1)
    notes = "\n".join(str(v) for row in wb["说明"].iter_rows(values_only=True) for v in row if v)
    for expected in [
        "× 0.5",
        "≥ 90 分为“优秀”",
        "人工调整",
        "调整理由",
        "复核人",
        "超出的按满分",
        "rubrics/test.yaml",
        "a" * 64,
        "scorer 0.1.0",
        BAOAN.sha256,
        "reports/开州区2024.pdf",
        "reports/扫描件.pdf",
        "PDF 无文本层（扫描件），无法读取",
        "不同年度的报告分别排名",
    ]:
        assert expected in notes, expected


def test_scorecard_is_a_view_of_the_detail_rows(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    ws = wb["宝安区2023"]
    assert ws["A1"].value == "某市宝安区 2023 法治政府建设情况报告评分表"
    assert [c.value for c in ws[10]] == [
        "板块",
        "编号",
        "要求",
        "状态",
        "原因",
        "计入得分",
        "满分",
        "人工调整",
        "调整理由",
        "证据",
        "改进建议",
    ]
    first = _detail_row(wb["评分明细"], "宝安区2023", "report.shortcomings")
    assert ws["D11"].value == f"='评分明细'!$K${first}" and ws["F11"].value == f"='评分明细'!$J${first}"
    assert ws["G2"].value == "='总览'!$G$8" and ws["G6"].value == "='总览'!$K$8"
    stored = openpyxl.load_workbook(workbook_path, data_only=True)["宝安区2023"]
    assert [stored[f"G{r}"].value for r in range(2, 7)] == [50, 7, 14, "不合格", 2]
    assert [stored[f"D{r}"].value for r in range(11, 16)] == ["达标", "部分", "缺失", "不适用", "部分"]
    assert ws["J2"].hyperlink.location == f"'评分明细'!I{first}"


def test_every_sheet_prints_landscape_to_width_with_rubric_date_and_page_numbers(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    for ws in wb.worksheets:
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0, ws.title  # 1 is the default
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.orientation == ("portrait" if ws.title == "要求矩阵" else "landscape"), ws.title
        assert "outline-test 1.0" in ws.oddHeader.left.text and "2025-04-02" in ws.oddHeader.right.text
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    for name, rows in [("总览", "$5:$5"), ("评分明细", "$1:$1"), ("要求矩阵", "$3:$3"), ("宝安区2023", "$10:$10")]:
        assert wb[name].print_title_rows == rows


def test_an_empty_batch_and_reports_without_metadata_still_make_workbooks(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    write_workbook(_run([], RUN.failures), RUBRIC, empty)
    wb = openpyxl.load_workbook(empty)
    assert wb.sheetnames == FIXED
    assert _rows(wb["总览"], 6) == [] and "1 个文件无法读取" in wb["总览"]["A3"].value

    unknown = dataclasses.replace(
        KAIZHOU, source="in/未命名.pdf", region=None, region_full=None, year=None, level=None, issuer=None, date=None
    )
    path = tmp_path / "unknown.xlsx"
    write_workbook(_run([unknown]), RUBRIC, path)
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames[len(FIXED)] == "未命名"
    assert _rows(wb["总览"], 6)[0][:7] == (1, "未命名", None, None, None, "未识别", 71.4)


def test_report_text_is_never_a_formula(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    for sheet, text in [
        ("评分明细", "=1+2"),
        ("总览", "-深圳市"),
        ("评分明细", "@SUM(A1)"),
        ("问题清单", "@SUM(A1)"),
        ("问题清单", "+调解"),
        ("宝安区2023", "=1+2"),
    ]:
        cell = _find(wb[sheet], text)
        assert cell.data_type == "s", (sheet, text)
        assert cell.quotePrefix, (sheet, text)  # Excel keeps it text even after someone edits the cell


# --------------------------------------------------------------------------- 2. recalculation


# LibreOffice trusts the values stored in an .xlsx unless told to recalculate every formula on load.
_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def _recalculated(path: Path, tmp_path: Path):
    """The workbook as LibreOffice computes it: convert (recalculating on load), read the values."""
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE, encoding="utf-8")
    converted = convert(path, "xlsx", tmp_path / f"recalc-{path.stem}", profile=profile)
    return openpyxl.load_workbook(converted, data_only=True)


def test_stored_values_are_what_libreoffice_computes(workbook_path: Path, tmp_path: Path) -> None:
    recalculated = _recalculated(workbook_path, tmp_path)
    stored = openpyxl.load_workbook(workbook_path, data_only=True)
    formulas = openpyxl.load_workbook(workbook_path)
    checked = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    mine, theirs = (
                        stored[ws.title][cell.coordinate].value,
                        recalculated[ws.title][cell.coordinate].value,
                    )
                    assert (mine if mine != "" else None) == pytest.approx(theirs if theirs != "" else None), (
                        ws.title,
                        cell.coordinate,
                        cell.value,
                    )
                    checked += 1
    assert checked > 100
    assert _find(recalculated["评分明细"], "=1+2").value.startswith("=1+2")  # text, not evaluated to 3


def test_adjustments_are_clamped_and_move_status_counts_matrix_and_rank(workbook_path: Path, tmp_path: Path) -> None:
    two = _run([BAOAN, dataclasses.replace(KAIZHOU, year=2023)])  # one year: one ranking
    path = tmp_path / "two.xlsx"
    write_workbook(two, RUBRIC, path)
    before = _overview(openpyxl.load_workbook(path, data_only=True))
    assert before["开州区2023"][4:7] == ("合格", 1, (2, 1, 1, 1)) and before["宝安区2023"][5] == 2

    edited = openpyxl.load_workbook(path)
    detail = edited["评分明细"]
    # 50 points for a 4-point item that was missing: counts as 4, and the item is now met
    detail[f"I{_detail_row(detail, '宝安区2023', 'p2.power-lists')}"] = 50
    detail[f"L{_detail_row(detail, '宝安区2023', 'p2.power-lists')}"] = "补充材料载明权责清单已动态调整"
    # below zero counts as 0; a number typed as text still counts
    detail[f"I{_detail_row(detail, '开州区2023', 'p2.power-lists')}"] = -1
    detail[f"I{_detail_row(detail, '开州区2023', 'report.next-year')}"] = "2"
    # what is not a number leaves the machine's points
    detail[f"I{_detail_row(detail, '开州区2023', 'report.shortcomings')}"] = "四分"
    edited_path = tmp_path / "edited" / path.name
    edited_path.parent.mkdir()
    edited.save(edited_path)

    wb = _recalculated(edited_path, tmp_path)
    after = _overview(wb)
    assert after["宝安区2023"] == (
        2,
        pytest.approx(78.6),
        11,
        14,
        "合格",
        1,
        (2, 2, 0, 1),
        (pytest.approx(83.3), 100, 50),
    )
    assert after["开州区2023"] == (1, pytest.approx(71.4), 10, 14, "合格", 2, (3, 0, 1, 1), (100, 0, 100))
    assert max(row[1] for row in after.values()) <= 100
    matrix = {r[1]: r[7:9] for r in _rows(wb["要求矩阵"], 4)}  # columns in generated rank order: 开州, 宝安
    assert matrix["p2.power-lists"] == (STATUS_SYMBOLS["missing"], STATUS_SYMBOLS["met"])
    assert matrix["report.next-year"] == (STATUS_SYMBOLS["met"], STATUS_SYMBOLS["partial"])
    card = wb["宝安区2023"]
    assert [card[f"G{r}"].value for r in range(2, 7)] == [pytest.approx(78.6), 11, 14, "合格", 1]
    power = next(r for r in card.iter_rows(min_row=11, values_only=True) if r[1] == "p2.power-lists")
    assert power[3:9] == ("达标", "报告未提及", 4, 4, 50, "补充材料载明权责清单已动态调整")


# --------------------------------------------------------------------------- 3. size and files


def _synthetic_reports(count: int) -> list[ReportResult]:
    cycle = ["met", "partial", "missing", "met", "n/a"]
    return [
        _report(
            f"batch/{n}.txt",
            f"第{n}区",
            2024,
            "district",
            {req.id: cycle[(n + i) % len(cycle)] for i, req in enumerate(RUBRIC.requirements)},
            metrics=[_metric("head_appearance_rate", 90 + n % 11, "全区", 90 + n % 11 >= 100)],
            findings=[Finding("below-target", "warning", f"第{n}区出庭率偏低")],
        )
        for n in range(count)
    ]


def test_large_batches_keep_every_report_reviewable_without_scorecard_sheets(tmp_path: Path) -> None:
    reports = _synthetic_reports(SCORECARD_SHEETS_MAX + 1)
    main, limits = tmp_path / "all.xlsx", []
    with workbook_stream(_run([]), RUBRIC, main, limits=limits) as add:
        for report in reports:
            add(report)
    assert len(limits) == 1 and f"超过 {SCORECARD_SHEETS_MAX} 份" in limits[0] and "评分明细" in limits[0]
    wb = openpyxl.load_workbook(main)
    assert wb.sheetnames == FIXED
    detail = _rows(wb["评分明细"], 2)
    assert len(detail) == len(reports) * len(RUBRIC.requirements)
    assert all(str(row[9]).startswith("=IF(") for row in detail)  # every row adjustable
    evidence_reports = {row[0] for row in detail if row[13]}
    assert evidence_reports == {f"第{n}区2024" for n in range(len(reports))}
    first = wb["总览"]["B6"]
    assert first.hyperlink.location == f"'评分明细'!A{_detail_row(wb['评分明细'], first.value, 'report.shortcomings')}"
    notes = str([c.value for row in wb["说明"].iter_rows() for c in row])
    assert f"报告超过 {SCORECARD_SHEETS_MAX} 份" in notes and "评分明细" in notes


def test_a_thousand_reports_make_one_complete_workbook(tmp_path: Path) -> None:
    reports = _synthetic_reports(1000)
    path = tmp_path / "big.xlsx"
    limits: list[str] = []
    with workbook_stream(_run([]), RUBRIC, path, limits=limits) as add:
        for report in reports[:3]:
            add(report)
    assert limits == []  # a small batch leaves nothing out
    write_workbook(_run(reports), RUBRIC, path)
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    overview = [r for r in wb["总览"].iter_rows(min_row=6, values_only=True) if r and r[0] is not None]
    assert [r[0] for r in overview] == list(range(1, 1001))
    scores = [r[6] for r in overview]
    assert scores == sorted(scores, reverse=True) and all(r[9] and r[10] for r in overview)
    assert sum(1 for r in wb["评分明细"].iter_rows(min_row=2, values_only=True) if r and r[0]) == 5000


def test_split_dir_writes_one_workbook_per_report(tmp_path: Path) -> None:
    main, split = tmp_path / "all.xlsx", tmp_path / "split"
    written = write_workbook(RUN, RUBRIC, main, split_dir=split)
    assert written == [main, *(split / f"{label}.xlsx" for label in LABELS)]
    for label, path in zip(LABELS, written[1:], strict=False):
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames == [*FIXED, label]
        assert [r[1] for r in _rows(wb["总览"], 6)] == [label]
        assert "扫描件" not in str([c.value for row in wb["说明"].iter_rows() for c in row])
    overview = openpyxl.load_workbook(main)["总览"]
    column = next(c.column_letter for c in overview[5] if c.value == "单独工作簿")
    assert overview[f"{column}6"].hyperlink.target.replace("\\", "/") == "split/开州区2024.xlsx"
    headers = [c.value for c in overview[5]]
    assert {"省份", "地市", "行政区划代码"} <= set(headers)  # to sort and filter by province and city
    assert not list(tmp_path.rglob("*.part"))


def test_unwritable_targets_raise_output_error_and_leave_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as missing_folder:
        write_workbook(RUN, RUBRIC, tmp_path / "no-such-folder" / "x.xlsx")
    assert "no-such-folder" in str(missing_folder.value) and "\n" not in str(missing_folder.value)
    occupied = tmp_path / "occupied.xlsx"
    occupied.mkdir()  # a target that cannot be replaced, as when another program holds it
    with pytest.raises(OutputError) as not_replaceable:
        write_workbook(RUN, RUBRIC, occupied)
    assert "occupied.xlsx" in str(not_replaceable.value)
    assert not list(tmp_path.rglob("*.part"))


def test_an_interrupted_stream_leaves_no_file_and_no_temporary_rows(tmp_path: Path, monkeypatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KeyboardInterrupt), workbook_stream(_run([]), RUBRIC, out / "s.xlsx") as add:
        add(BAOAN)
        raise KeyboardInterrupt
    assert list(out.iterdir()) == [] and list(scratch.iterdir()) == []
