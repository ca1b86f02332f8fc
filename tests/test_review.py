"""The review round trip: workbook adjustments → `scorer review` → review file → `score --review`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import EXAMPLES
from test_excel import _recalculated
from typer.testing import CliRunner

from scorer.cli import app
from scorer.review import _number, reviewed_status

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, [*map(str, args)])


def _columns(sheet) -> dict[str, str]:
    """header → column letter, so the tests do not hard-code the layout."""
    return {cell.value: cell.column_letter for cell in sheet[1]}


def _row(sheet, label: str, rid: str) -> int:
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == label and row[2].value == rid:
            return row[0].row
    raise KeyError((label, rid))


def _overview(book) -> dict[str, tuple]:
    """label → (得分, 原始得分, 满分, 等次) of 总览."""
    sheet = book["总览"]
    header = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "序号")
    at = {name: header.index(name) for name in ("报告", "得分", "原始得分", "满分", "等次")}
    return {
        row[at["报告"]]: tuple(row[at[k]] for k in ("得分", "原始得分", "满分", "等次"))
        for row in sheet.iter_rows(values_only=True)
        if row and isinstance(row[0], int)
    }


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    result = _run("score", EXAMPLES, "-o", folder / "card.xlsx", "--json", folder / "machine.json", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return folder


# Three requirements of three reports, adjusted as a reviewer would in a spreadsheet; the points
# are chosen to differ from the machine's, whatever it decided.
EDITS = [
    # (report label prefix, requirement, points as typed: the max is read from the sheet, reason, reviewer)
    ("宝安区", "p2.power-lists", "half", "补充材料载明权责清单已动态调整", "张三"),
    ("获嘉县", "report.shortcomings", "zero", "不足部分仅为套话，未分析原因", "李四"),
    ("开州区", "report.next-year", "full", "下一年度安排见附件二", ""),
]


def _edit(scored: Path) -> tuple[Path, dict]:
    book = openpyxl.load_workbook(scored / "card.xlsx")
    detail = book["评分明细"]
    col = _columns(detail)
    labels = {str(c.value) for c in detail["A"][1:]}
    typed = {}
    for prefix, rid, how, reason, reviewer in EDITS:
        label = next(label for label in labels if label.startswith(prefix))
        row = _row(detail, label, rid)
        maximum = detail[f"{col['满分']}{row}"].value
        points = {"half": maximum / 2, "zero": 0, "full": maximum}[how]
        # the full-marks one is typed as text, as a pasted number often is
        detail[f"{col['人工调整']}{row}"] = f"{points:g}" if how == "full" else points
        detail[f"{col['调整理由']}{row}"] = reason
        if reviewer:
            detail[f"{col['复核人']}{row}"] = reviewer
        typed[(label, rid)] = (float(points), reason, reviewer)
    edited = scored / "edited" / "card.xlsx"
    edited.parent.mkdir(exist_ok=True)
    book.save(edited)
    return edited, typed


def test_adjustments_travel_from_workbook_to_json_and_totals_match_the_recalculated_workbook(scored, tmp_path):
    edited, typed = _edit(scored)
    review = tmp_path / "review.yaml"
    result = _run("review", edited, "-o", review)
    assert result.exit_code == 0, result.output
    document = yaml.safe_load(review.read_text(encoding="utf-8"))
    machine = {r["sha256"]: r for r in json.loads((scored / "machine.json").read_text(encoding="utf-8"))["reports"]}
    assert document["rubric"]["id"] == "outline-2021-2025" and document["tool"].startswith("scorer ")
    entries = {
        (report["label"], rid): (sha, item)
        for sha, report in document["reports"].items()
        for rid, item in report["requirements"].items()
    }
    assert set(entries) == set(typed)
    # each report names its file (from 说明), so a later run can say which one changed
    assert {Path(r["source"]).name for r in document["reports"].values()} == {
        Path(machine_report["source"]).name for machine_report in machine.values()
    }
    for key, (sha, item) in entries.items():
        points, reason, reviewer = typed[key]
        by_id = {r["id"]: r for r in machine[sha]["requirements"]}
        assert item["machine_status"] == by_id[key[1]]["status"]
        assert item["machine_points"] == by_id[key[1]]["points"]
        assert (item["points"], item["reason"], item.get("reviewer", "")) == (points, reason, reviewer)
        assert item["status"] == reviewed_status(points, by_id[key[1]]["max_points"])

    out = tmp_path / "out"
    out.mkdir()
    result = _run(
        "score", EXAMPLES, "--review", review, "--json", out / "reviewed.json", "-o", out / "card.xlsx", "--jobs", "1"
    )
    assert result.exit_code == 0, result.output
    reports = json.loads((out / "reviewed.json").read_text(encoding="utf-8"))["reports"]
    recalculated = _overview(_recalculated(edited, tmp_path))
    rescored = _overview(openpyxl.load_workbook(out / "card.xlsx", data_only=True))
    moved = 0
    for report in reports:
        label = next(label for label in recalculated if label.startswith(report["region"]))
        totals = (report["score"], report["points"], report["max_points"], report["grade"])
        assert recalculated[label] == (
            pytest.approx(totals[0]),
            pytest.approx(totals[1]),
            pytest.approx(totals[2]),
            totals[3],
        )
        assert rescored[label] == recalculated[label]  # the re-scored workbook shows the reviewed totals
        moved += report["points"] != machine[report["sha256"]]["points"]
        for req in report["requirements"]:
            if (label, req["id"]) in typed:
                points, reason, reviewer = typed[(label, req["id"])]
                assert req["review"] == {
                    "points": points,
                    "status": reviewed_status(points, req["max_points"]),
                    "reason": reason,
                    "reviewer": reviewer,
                    "expires": None,
                }
                # the machine's decision stays beside the reviewed one
                before = next(r for r in machine[report["sha256"]]["requirements"] if r["id"] == req["id"])
                assert (req["status"], req["points"]) == (before["status"], before["points"])
            else:
                assert req["review"] is None
    assert moved >= 1  # the adjustments were not all equal to the machine's points

    # the re-scored workbook carries the reviews as typed cells: reviewing it again gives the same file
    again = tmp_path / "again.yaml"
    assert _run("review", out / "card.xlsx", "-o", again).exit_code == 0
    assert yaml.safe_load(again.read_text(encoding="utf-8"))["reports"] == document["reports"]


@pytest.mark.parametrize(
    "column, value, problem",
    [
        ("人工调整", "四分", "is not a number"),
        ("人工调整", "２", "is not a number"),  # full-width: the spreadsheet does not read it either
        ("人工调整", 50, "out of range 0"),
        ("人工调整", -1, "out of range 0"),
        ("编号", "p9.no-such-requirement", "unknown requirement"),
    ],
)
def test_a_bad_cell_is_one_line_naming_sheet_and_cell(scored, tmp_path, column, value, problem):
    book = openpyxl.load_workbook(scored / "card.xlsx")
    detail = book["评分明细"]
    col = _columns(detail)
    detail[f"{col[column]}7"] = value
    if column != "人工调整":
        detail[f"{col['人工调整']}7"] = 1
    path = tmp_path / "bad.xlsx"
    book.save(path)
    out = tmp_path / "review.yaml"
    result = _run("review", path, "-o", out)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"评分明细!{col[column]}7" in lines[0] and problem in lines[0], result.output
    assert not out.exists()


def test_a_workbook_that_is_no_scorecard_is_one_line(tmp_path):
    path = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(path)
    result = _run("review", path, "-o", tmp_path / "r.yaml")
    assert result.exit_code == 2 and "no sheet 评分明细" in result.output


def _one_report(tmp_path) -> tuple[Path, dict]:
    report = tmp_path / "reports" / "baoan_2023.txt"
    report.parent.mkdir()
    shutil.copy(EXAMPLES / "baoan_2023.txt", report)
    result = _run("score", report, "--json", tmp_path / "machine.json")
    assert result.exit_code == 0, result.output
    return report, json.loads((tmp_path / "machine.json").read_text(encoding="utf-8"))["reports"][0]


def _waiver(machine: dict, rid: str, expires: str) -> dict:
    return {
        "reports": {
            machine["sha256"]: {
                "source": machine["source"],
                "requirements": {
                    rid: {
                        "status": "n/a",
                        "reason": "该职能已随机构改革划转至市级",
                        "reviewer": "王五",
                        "expires": expires,
                    }
                },
            }
        }
    }


def test_a_waiver_takes_the_requirement_out_of_the_maximum_and_the_scorecard_says_why(tmp_path):
    report, machine = _one_report(tmp_path)
    waived = next(r for r in machine["requirements"] if r["status"] != "n/a" and r["points"] > 0)
    review = tmp_path / "waiver.yaml"
    review.write_text(
        yaml.safe_dump(_waiver(machine, waived["id"], "2099-12-31"), allow_unicode=True), encoding="utf-8"
    )
    result = _run("score", report, "--review", review, "--json", tmp_path / "r.json", "-o", tmp_path / "r.xlsx")
    assert result.exit_code == 0, result.output
    after = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["reports"][0]
    assert after["max_points"] == pytest.approx(machine["max_points"] - waived["max_points"])
    assert after["points"] == pytest.approx(machine["points"] - waived["points"])
    assert after["score"] == pytest.approx(round(100 * after["points"] / after["max_points"], 1))
    entry = next(r for r in after["requirements"] if r["id"] == waived["id"])
    assert entry["review"]["status"] == "n/a" and entry["status"] == waived["status"]
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", data_only=True)
    detail = book["评分明细"]
    col = _columns(detail)
    row = _row(detail, detail["A2"].value, waived["id"])
    assert detail[f"{col['状态']}{row}"].value == "不适用" and detail[f"{col['满分']}{row}"].value == 0
    assert detail[f"{col['调整理由']}{row}"].value == "该职能已随机构改革划转至市级（有效期至 2099-12-31）"
    # what LibreOffice computes from the pre-filled cells is what the JSON says
    assert _overview(_recalculated(tmp_path / "r.xlsx", tmp_path))[detail["A2"].value][:3] == pytest.approx(
        (after["score"], after["points"], after["max_points"])
    )

    # the waiver reads back from the re-scored workbook as it was written
    again = tmp_path / "again.yaml"
    assert _run("review", tmp_path / "r.xlsx", "-o", again).exit_code == 0
    item = yaml.safe_load(again.read_text(encoding="utf-8"))["reports"][machine["sha256"]]["requirements"][waived["id"]]
    assert item == {
        "machine_status": waived["status"],
        "machine_points": waived["points"],
        "points": 0.0,
        "status": "n/a",
        "reason": "该职能已随机构改革划转至市级",
        "reviewer": "王五",
        "expires": "2099-12-31",
    }

    # an expired waiver is reported and not applied
    review.write_text(
        yaml.safe_dump(_waiver(machine, waived["id"], "2020-01-31"), allow_unicode=True), encoding="utf-8"
    )
    result = _run("score", report, "--review", review, "--json", tmp_path / "x.json")
    assert result.exit_code == 0
    assert f"waiver of {waived['id']} expired on 2020-01-31" in result.output
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["reports"][0]["score"] == machine["score"]


def test_a_review_of_a_report_that_changed_is_reported_not_applied(tmp_path):
    report, machine = _one_report(tmp_path)
    rid = next(r["id"] for r in machine["requirements"] if r["max_points"] > 0)
    review = tmp_path / "review.yaml"
    review.write_text(
        yaml.safe_dump(
            {
                "reports": {
                    machine["sha256"]: {
                        "source": machine["source"],
                        "requirements": {rid: {"points": 0, "reason": "复核认定未落实"}},
                    }
                }
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    with report.open("a", encoding="utf-8") as out:
        out.write("\n附：本报告于发布后补充修订。\n")
    result = _run("score", report, "--review", review, "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    assert "changed since it was reviewed" in result.output and "1 review entries were not applied" in result.output
    after = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["reports"][0]
    assert all(r["review"] is None for r in after["requirements"])


@pytest.mark.parametrize(
    "text, problem",
    [
        ("reports: [1, 2]", "no `reports` mapping"),
        ("reports: {abc: {requirements: {p9.none: {points: 1}}}}", "unknown requirement"),
        ("reports: {abc: {requirements: {report.next-year: {points: 99}}}}", "out of range"),
        ("reports: {abc: {requirements: {report.next-year: {status: n/a}}}}", "needs a reason"),
        ("reports: {abc: {requirements: {report.next-year: {status: n/a, reason: x, expires: soon}}}}", "not a date"),
        ("reports: {abc: [", "not a YAML review file"),
    ],
)
def test_a_bad_review_file_is_one_line_and_exit_2(tmp_path, text, problem):
    review = tmp_path / "review.yaml"
    review.write_text(text, encoding="utf-8")
    result = _run("score", EXAMPLES / "baoan_2023.txt", "--review", review, "--json", tmp_path / "r.json")
    assert result.exit_code == 2 and problem in result.output and str(review) in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1


def test_reviewed_status_and_numbers_as_typed():
    assert [reviewed_status(p, 4) for p in (4, 2, 0)] == ["met", "partial", "missing"]
    assert reviewed_status(0, 0) == "n/a"
    assert [_number(v) for v in ("2.5", " 3 ", "３", "三", "nan", True, None, 2)] == [
        2.5,
        3.0,
        None,
        None,
        None,
        None,
        None,
        2.0,
    ]
