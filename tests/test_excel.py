"""The supervisor's workbook: layout, untrusted text, formulas recalculated by LibreOffice, files."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest

from scorer.result import (Evidence, FileError, Finding, MetricValue, PillarScore, ReportResult,
                           RequirementResult, RubricInfo, RunResult)
from scorer.rubric.model import Detector, MetricDef, Pillar, Requirement, Rubric, Target
from scorer.write.atomic import OutputError
from scorer.write.excel import PER_REPORT_SHEETS_MAX, STATUS_SYMBOLS, write_workbook

# --------------------------------------------------------------------------- rubric and results

RUBRIC = Rubric(
    id="outline-test", version="1.0", title="法治政府建设评分标准（测试）", path="rubrics/test.yaml",
    sha256="a" * 64,
    pillars=(Pillar("report", "报告要素"), Pillar("p2", "健全政府机构职能体系"),
             Pillar("p7", "矛盾纠纷化解")),
    requirements=tuple(
        Requirement(rid, pillar, title, source, points, (Detector("terms", any=("x",)),),
                    guidance=f"补充{title}的具体举措", applies_to=applies)
        for rid, pillar, title, source, points, applies in [
            ("report.shortcomings", "report", "存在的不足和原因", "督察工作规定", 4, frozenset()),
            ("report.next-year", "report", "下一年度主要安排", "督察工作规定", 2, frozenset()),
            ("p2.power-lists", "p2", "权责清单制度", "Outline （四）", 4, frozenset()),
            ("p2.legislation", "p2", "重要领域立法", "Outline （七）", 3,
             frozenset({"province", "city"})),
            ("p7.head-appearance", "p7", "行政机关负责人出庭应诉", "Outline （二十三）", 4, frozenset()),
        ]),
    metrics=(
        MetricDef("head_appearance_rate", "行政机关负责人出庭应诉率", "percent", (),
                  target=Target(">=", 100)),
        MetricDef("reconsideration_cases", "行政复议案件数", "count", ()),
        MetricDef("mediation_success_rate", "调解成功率", "percent", ()),
    ),
)
SHARE = RUBRIC.scoring.partial_share


def _report(source: str, region: str, year: int, level: str, statuses: dict[str, str], *,
            quotes: dict[str, str] | None = None, metrics=(), findings=(), issuer: str = "") -> ReportResult:
    """A result as the scorer would make it: points from statuses, pillar and report totals."""
    requirements = []
    for req in RUBRIC.requirements:
        status = statuses[req.id]
        points = {"met": req.points, "partial": req.points * SHARE}.get(status, 0.0)
        quote = (quotes or {}).get(req.id, f"{req.title}取得成效")
        evidence = () if status in ("missing", "n/a") else (
            Evidence(quote, 10, 10 + len(quote), "一、主要举措 > （一）深化改革",
                     "achievement" if status == "met" else "plan", "terms"),)
        requirements.append(RequirementResult(
            req.id, req.title, req.pillar, status, points, 0.0 if status == "n/a" else req.points,
            {"met": "met", "partial": "plan-only", "missing": "not-mentioned",
             "n/a": "not-applicable"}[status], evidence, req.source, req.guidance))
    pillars = tuple(PillarScore(p.id, p.title, sum(r.points for r in requirements if r.pillar == p.id),
                                sum(r.max_points for r in requirements if r.pillar == p.id))
                    for p in RUBRIC.pillars)
    points, max_points = sum(r.points for r in requirements), sum(r.max_points for r in requirements)
    score = round(100 * points / max_points, 1) if max_points else 0.0
    return ReportResult(source, "txt", region, f"某市{region}", year, level, issuer or f"{region}人民政府",
                        f"{year + 1}-03-01", score, RUBRIC.scoring.grade(score), points, max_points,
                        pillars, tuple(requirements), tuple(metrics), tuple(findings),
                        sha256=hashlib.sha256(source.encode()).hexdigest(), chars=12000)


def _metric(mid: str, value: float, scope: str = "", meets: bool | None = None, unit: str = "percent",
            approx: bool = False) -> MetricValue:
    return MetricValue(mid, mid, value, unit, approx, scope, f"某句{value}", 0, 3,
                       ">= 100" if meets is not None else "", meets)


def _run(reports, errors=()) -> RunResult:
    return RunResult("scorer", "0.1.0", RubricInfo(RUBRIC.id, RUBRIC.version, RUBRIC.title,
                                                   RUBRIC.path, RUBRIC.sha256),
                     tuple(reports), tuple(errors), run_date="2025-04-02T10:00:00")


BAOAN = _report(  # 7 / 14 points = 50.0, 不合格
    "reports/宝安区2023.txt", "宝安区", 2023, "district",
    {"report.shortcomings": "met", "report.next-year": "partial", "p2.power-lists": "missing",
     "p2.legislation": "n/a", "p7.head-appearance": "partial"},
    quotes={"report.shortcomings": "=1+2 法治政府建设统筹协调的力度有待进一步加强"},
    metrics=[_metric("head_appearance_rate", 100, "区政府", True),
             _metric("head_appearance_rate", 95, "部门及镇街", False),
             _metric("head_appearance_rate", 95, "部门及镇街", False),  # restated: shown once
             _metric("reconsideration_cases", 155, unit="count")],
    findings=[Finding("below-target", "warning", "行政机关负责人出庭应诉率 95% 低于目标 100%",
                      metric="head_appearance_rate", stated=95, quote="部门及镇街出庭率95%")],
    issuer="-深圳市宝安区人民政府")
BAOAN_COPY = _report(  # the same district and year from a second file: 14 / 14 = 100.0
    "reports/宝安区2023.docx", "宝安区", 2023, "district",
    {"report.shortcomings": "met", "report.next-year": "met", "p2.power-lists": "met",
     "p2.legislation": "n/a", "p7.head-appearance": "met"},
    metrics=[_metric("head_appearance_rate", 100, "全区", True)])
KAIZHOU = _report(  # 10 / 14 = 71.4, 合格
    "reports/开州区2024.pdf", "开州区", 2024, "county",
    {"report.shortcomings": "met", "report.next-year": "missing", "p2.power-lists": "partial",
     "p2.legislation": "n/a", "p7.head-appearance": "met"},
    quotes={"p7.head-appearance": "@SUM(A1) 负责人出庭应诉率达100%"},
    metrics=[_metric("mediation_success_rate", 94.8, approx=True),
             _metric("reconsideration_cases", 20, unit="count", approx=True)],
    findings=[Finding("rate-mismatch", "error", "+调解成功率与案件数不符", metric="mediation_success_rate",
                      stated=94.8, computed=94.1, quote="@SUM(A1) 调解案件5073件")])
RUN = _run([BAOAN, BAOAN_COPY, KAIZHOU],
           [FileError("reports/扫描件.pdf", "PDF 无文本层（扫描件），无法读取")])
LABELS = ["宝安区2023", "宝安区2023 (2)", "开州区2024"]


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    path = tmp_path / "scores.xlsx"
    assert write_workbook(RUN, RUBRIC, path) == [path]
    return path


def _rows(ws, min_row: int) -> list[tuple]:
    return [row for row in ws.iter_rows(min_row=min_row, values_only=True) if any(v is not None for v in row)]


def _find(ws, text: str):
    return next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(text))


# --------------------------------------------------------------------------- 1. layout and text


def test_sheets_are_named_validly_and_uniquely(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    assert wb.sheetnames == ["总览", "要求矩阵", "指标对比", "问题清单", "说明", *LABELS]
    for name in wb.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_long_or_odd_regions_still_make_valid_sheet_names(tmp_path: Path) -> None:
    odd = _report("x.txt", "新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯经济开发区[试点]/片区*", 2024, "county",
                  {r.id: "met" for r in RUBRIC.requirements})
    path = tmp_path / "odd.xlsx"
    write_workbook(_run([odd, odd]), RUBRIC, path)
    names = openpyxl.load_workbook(path).sheetnames[5:]
    assert len(set(names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_overview_lists_each_report_with_formulas_reading_its_scorecard(workbook_path: Path) -> None:
    ws = openpyxl.load_workbook(workbook_path)["总览"]
    assert "outline-test" in ws["A1"].value and "1.0" in ws["A1"].value
    assert "scorer 0.1.0" in ws["A2"].value and "2025-04-02" in ws["A2"].value
    header = [c.value for c in ws[5]]
    assert header[:12] == ["报告", "地区", "年度", "层级", "来源文件", "得分率（%）", "等级", "排名",
                           "达标项数", "部分项数", "缺失项数", "不适用项数"]
    assert header[12:] == ["报告要素（%）", "健全政府机构职能体系（%）", "矛盾纠纷化解（%）", "发布机关"]
    rows = _rows(ws, 6)
    assert [r[0] for r in rows] == LABELS
    assert rows[0][1:5] == ("宝安区", 2023, "区级", "宝安区2023.txt")
    assert rows[2][3] == "县级"
    assert rows[0][8:12] == (1, 2, 1, 1)  # met, partial, missing, n/a
    assert rows[0][5] == "='宝安区2023'!$G$4"
    assert rows[0][6] == "='宝安区2023'!$G$5"
    assert rows[0][7] == "=RANK(F6,$F$6:$F$8)"
    assert all(str(v).startswith("='宝安区2023'!") for v in rows[0][12:15])
    assert ws.freeze_panes == "B6" and ws.auto_filter.ref == "A5:P8"
    assert ws.conditional_formatting and ws._charts


def test_scorecard_rows_statuses_and_total_formulas(workbook_path: Path) -> None:
    ws = openpyxl.load_workbook(workbook_path)["宝安区2023"]
    assert [c.value for c in ws[8]] == ["板块", "编号", "要求", "依据", "状态", "判定说明", "得分", "满分",
                                       "人工调整", "计入得分", "证据（原文摘录）", "改进建议"]
    rows = _rows(ws, 9)[:5]
    assert [r[1] for r in rows] == [r.id for r in RUBRIC.requirements]
    assert [r[4] for r in rows] == ["√ 达标", "△ 部分", "× 缺失", "— 不适用", "△ 部分"]
    assert [r[6] for r in rows] == [4, 1, 0, 0, 2]
    assert [r[7] for r in rows] == [4, 2, 4, 0, 4]
    assert rows[1][10] == "【计划】下一年度主要安排取得成效〔（一）深化改革〕"  # innermost heading
    assert rows[0][11] is None and rows[2][11] == "补充权责清单制度的具体举措"  # guidance only when not met
    assert rows[0][9] == "=IF(ISNUMBER(I9),I9,G9)"
    assert ws["G2"].value == "=SUM($J$9:$J$13)" and ws["G3"].value == "=SUM($H$9:$H$13)"
    assert ws["G4"].value == "=IF($G$3>0,ROUND(100*$G$2/$G$3,1),0)"
    assert ws["G5"].value == '=IF($G$4>=90,"优秀",IF($G$4>=80,"良好",IF($G$4>=60,"合格",IF($G$4>=0,"不合格","不合格"))))'
    assert ws["E9"].fill.fgColor.rgb.endswith("C6EFCE") and ws["E11"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["I9"].fill.fgColor.rgb.endswith("FFF2CC")  # the input column stands out
    assert ws.freeze_panes == "A9" and ws.print_title_rows == "$8:$8"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1


def test_requirement_matrix_symbols_counts_and_legend(workbook_path: Path) -> None:
    ws = openpyxl.load_workbook(workbook_path)["要求矩阵"]
    assert [ws.cell(2, c).value for c in range(2, 6)] == ["√ 达标", "△ 部分", "× 缺失", "— 不适用"]
    assert [c.value for c in ws[3]] == ["板块", "编号", "要求", "达标数", "部分数", "缺失数", *LABELS]
    rows = _rows(ws, 4)
    power_lists = next(r for r in rows if r[1] == "p2.power-lists")
    assert power_lists[6:] == (STATUS_SYMBOLS["missing"], STATUS_SYMBOLS["met"], STATUS_SYMBOLS["partial"])
    assert power_lists[3] == '=COUNTIF(G6:I6,"√")'
    assert ws["G6"].fill.fgColor.rgb.endswith("FFC7CE")


def test_metrics_show_every_scope_and_flag_values_below_target(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path, rich_text=True)
    ws = wb["指标对比"]
    assert [c.value for c in ws[2]] == ["报告", "地区", "年度", "行政机关负责人出庭应诉率（%，目标 ≥ 100）",
                                       "行政复议案件数（数量）", "调解成功率（%）"]
    baoan, copy, kaizhou = _rows(ws, 3)
    assert str(baoan[3]) == "100%（区政府）; 95%（部门及镇街）"
    missed = [block for block in baoan[3] if not isinstance(block, str)]
    assert [b.text for b in missed] == ["95%（部门及镇街）"] and missed[0].font.color.rgb.endswith("9C0006")
    assert ws["D3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert copy[3] == "100%（全区）" and ws["D4"].fill.fill_type is None
    assert kaizhou[4:] == ("约20", "约94.8%") and baoan[4] == "155"


def test_findings_and_notes(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    findings = _rows(wb["问题清单"], 3)
    assert [f[:4] for f in findings] == [("宝安区2023", "宝安区", "指标未达目标", "警告"),
                                         ("开州区2024", "开州区", "比率与数量不符", "错误")]
    assert findings[1][5:9] == ("调解成功率", "+调解成功率与案件数不符", 94.8, 94.1)
    assert wb["问题清单"].auto_filter.ref == "A2:J4"
    notes = "\n".join(str(v) for row in wb["说明"].iter_rows(values_only=True) for v in row if v)
    for expected in ["× 0.5", "≥ 90 分为“优秀”", "人工调整", "rubrics/test.yaml", "a" * 64,
                     "scorer 0.1.0", BAOAN.sha256, "reports/开州区2024.pdf", "reports/扫描件.pdf",
                     "PDF 无文本层（扫描件），无法读取"]:
        assert expected in notes


def test_an_empty_batch_and_reports_without_metadata_still_make_workbooks(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    write_workbook(_run([], RUN.errors), RUBRIC, empty)
    wb = openpyxl.load_workbook(empty)
    assert wb.sheetnames == ["总览", "要求矩阵", "指标对比", "问题清单", "说明"]
    assert _rows(wb["总览"], 6) == [] and "1 个文件无法读取" in wb["总览"]["A3"].value

    unknown = dataclasses.replace(KAIZHOU, source="in/未命名.pdf", region=None, region_full=None,
                                  year=None, level=None, issuer=None, date=None)
    path = tmp_path / "unknown.xlsx"
    write_workbook(_run([unknown]), RUBRIC, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[5] == "未命名"
    assert _rows(wb["总览"], 6)[0][:5] == ("未命名", None, None, None, "未命名.pdf")


def test_report_text_is_never_a_formula(workbook_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook_path)
    for sheet, text in [("宝安区2023", "=1+2"), ("宝安区2023", "-深圳市"), ("开州区2024", "@SUM(A1)"),
                        ("问题清单", "@SUM(A1)"), ("问题清单", "+调解")]:
        cell = _find(wb[sheet], text)
        assert cell.data_type == "s", (sheet, text)
        assert cell.quotePrefix  # Excel keeps it text even after someone edits the cell


# --------------------------------------------------------------------------- 2. recalculation


def _soffice() -> str | None:
    found = shutil.which("soffice")
    if found is None and os.environ.get("SCORER_REQUIRE_SOFFICE") == "1":
        pytest.fail("soffice is required (SCORER_REQUIRE_SOFFICE=1) but not installed")
    return found


def _recalculated(soffice: str, path: Path, tmp_path: Path):
    """The workbook as LibreOffice computes it: convert (recalculating on load), read the values."""
    out = tmp_path / f"recalc-{path.stem}"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return openpyxl.load_workbook(out / path.name, data_only=True)


def _overview_scores(wb) -> dict[str, tuple]:
    return {r[0]: (r[5], r[6], r[7], r[12:15]) for r in _rows(wb["总览"], 6)}


def test_libreoffice_recalculates_totals_and_overrides_propagate(workbook_path: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    wb = _recalculated(soffice, workbook_path, tmp_path)
    for label, report in zip(LABELS, RUN.reports):
        card = wb[label]
        assert (card["G2"].value, card["G3"].value) == (pytest.approx(report.points), report.max_points)
        assert card["G4"].value == pytest.approx(report.score) and card["G5"].value == report.grade
    before = _overview_scores(wb)
    assert before == {
        "宝安区2023": (50.0, "不合格", 3, (pytest.approx(83.3), 0, 50)),
        "宝安区2023 (2)": (100, "优秀", 1, (100, 100, 100)),
        "开州区2024": (pytest.approx(71.4), "合格", 2, (pytest.approx(66.7), 50, 100)),
    }
    assert [p.percent for p in BAOAN.pillars] == [83.3, 0.0, 50.0]  # what the formulas reproduce
    assert _find(wb["宝安区2023"], "=1+2").value.startswith("=1+2")  # text, not evaluated to 3
    assert _find(wb["问题清单"], "@SUM").value.startswith("@SUM(A1)")

    # A supervisor awards full points for 权责清单 (row 11, missing → 4 of 4).
    edited = openpyxl.load_workbook(workbook_path)
    assert edited["宝安区2023"]["B11"].value == "p2.power-lists"
    edited["宝安区2023"]["I11"] = 4
    edited_path = tmp_path / "edited" / workbook_path.name
    edited_path.parent.mkdir()
    edited.save(edited_path)
    after = _overview_scores(_recalculated(soffice, edited_path, tmp_path))
    assert after["宝安区2023"] == (pytest.approx(78.6), "合格", 2, (pytest.approx(83.3), 100, 50))
    assert after["开州区2024"][2] == 3 and after["宝安区2023 (2)"] == before["宝安区2023 (2)"]


# --------------------------------------------------------------------------- 3. files


def test_split_dir_writes_one_workbook_per_report(tmp_path: Path) -> None:
    main, split = tmp_path / "all.xlsx", tmp_path / "split"
    written = write_workbook(RUN, RUBRIC, main, split_dir=split)
    assert written == [main, *(split / f"{label}.xlsx" for label in LABELS)]
    for label, path in zip(LABELS, written[1:]):
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames == ["总览", "要求矩阵", "指标对比", "问题清单", "说明", label]
        assert [r[0] for r in _rows(wb["总览"], 6)] == [label]
        assert "扫描件" not in str([c.value for row in wb["说明"].iter_rows() for c in row])
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


def _synthetic_reports(count: int) -> list[ReportResult]:
    cycle = ["met", "partial", "missing", "met", "n/a"]
    return [_report(f"batch/{n}.txt", f"第{n}区", 2024, "district",
                    {req.id: cycle[(n + i) % len(cycle)] for i, req in enumerate(RUBRIC.requirements)},
                    metrics=[_metric("head_appearance_rate", 90 + n % 11, "全区", 90 + n % 11 >= 100)],
                    findings=[Finding("below-target", "warning", f"第{n}区出庭率偏低")])
            for n in range(count)]


def test_large_batches_leave_out_scorecards_and_point_to_split_files(tmp_path: Path) -> None:
    reports = _synthetic_reports(PER_REPORT_SHEETS_MAX + 1)
    main = tmp_path / "all.xlsx"
    written = write_workbook(_run(reports), RUBRIC, main, split_dir=tmp_path / "split")
    assert len(written) == len(reports) + 1
    wb = openpyxl.load_workbook(main)
    assert wb.sheetnames == ["总览", "要求矩阵", "指标对比", "问题清单", "说明"]
    first = _rows(wb["总览"], 6)[0]
    assert (first[5], first[6]) == (reports[0].score, reports[0].grade)  # values: no sheet to read
    assert wb["总览"]["A6"].hyperlink.target == "split/第0区2024.xlsx"
    assert "split" in str([c.value for row in wb["说明"].iter_rows() for c in row])

    write_workbook(_run(reports), RUBRIC, main)  # no split: 说明 says how to get scorecards
    assert "按报告拆分导出" in str([c.value for row in openpyxl.load_workbook(main)["说明"].iter_rows()
                                  for c in row])


def test_a_thousand_reports_are_written_quickly(tmp_path: Path) -> None:
    run = _run(_synthetic_reports(1000))
    started = time.perf_counter()
    write_workbook(run, RUBRIC, tmp_path / "big.xlsx")
    assert time.perf_counter() - started < 30
