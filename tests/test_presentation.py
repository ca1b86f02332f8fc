"""How results read to people (scorer.presentation) and what results carry for it: warnings with a
stable code, statuses and kinds from a closed set, structured targets.

The results here are built by hand (a district that names no region, a county whose rate misses
its target): nothing is read from the examples or the development set.
"""

from __future__ import annotations

import dataclasses
import json
from typing import get_args

import pytest

from scorer import presentation as present
from scorer.result import (
    DOUBTS,
    EVIDENCE_KINDS,
    LEVELS,
    NO_LEVEL,
    NO_REGION,
    NO_YEAR,
    REASONS,
    STATUSES,
    TARGET_OPS,
    WARNING_CODES,
    Evidence,
    FigureRole,
    FileError,
    Finding,
    FindingKind,
    MetricValue,
    ReportResult,
    ReportWarning,
    RequirementResult,
    RubricInfo,
    RunResult,
    Severity,
    Target,
    ambiguous_region,
    former_name,
    functional_zone,
    issuer_inferred,
    pages_not_read,
)
from scorer.rubric.load import load_rubric
from scorer.write.json import dumps


def _report(**changes) -> ReportResult:
    base = ReportResult(
        source="草稿.txt",
        format="txt",
        region=None,
        region_full=None,
        year=2024,
        level="county",
        issuer=None,
        date=None,
        score=50.0,
        grade="不合格",
        points=3.0,
        max_points=6.0,
        pillars=(),
        requirements=(),
    )
    return dataclasses.replace(base, **changes)


# --------------------------------------------------------------------------- warnings


def test_every_warning_has_a_stable_code_and_a_message():
    made = [
        NO_YEAR,
        NO_REGION,
        NO_LEVEL,
        functional_zone("滨江新区", "某省某市"),
        former_name("某县", "某区"),
        ambiguous_region("新华区"),
        pages_not_read("3、5"),
        issuer_inferred("某县人民政府"),
    ]
    assert {w.code for w in made} <= set(WARNING_CODES)
    assert len({w.code for w in made}) == len(made)  # one code a kind of warning
    assert all(w.message and "{" not in w.message for w in made)  # every template filled
    assert "滨江新区" in made[3].message and "某区" in made[4].message and "第3、5页" in made[6].message
    with pytest.raises(dataclasses.FrozenInstanceError):
        NO_YEAR.message = "改"  # type: ignore[misc]


def test_an_issuer_the_report_does_not_name_is_labelled_as_inferred():
    named = _report(issuer="某县人民政府")
    inferred = _report(issuer="某县人民政府", warnings=(issuer_inferred("某县人民政府"),))
    assert present.issuer_label(named) == "某县人民政府"
    assert present.issuer_label(inferred) == "某县人民政府（推定）"
    department = _report(issuer="某县司法局", level="department", department_of="某县人民政府")
    assert present.issuer_label(department) == "某县司法局（某县人民政府所属部门）"
    assert present.issuer_label(_report()) == ""


def test_the_json_keeps_the_messages_as_errors_and_adds_the_codes_beside_them():
    report = _report(warnings=(NO_REGION, former_name("某县", "某区")))
    document = report.to_json()
    assert document["errors"] == [NO_REGION.message, former_name("某县", "某区").message]
    assert document["warnings"] == [
        {"code": "no-region", "message": NO_REGION.message},
        {"code": "former-name", "message": former_name("某县", "某区").message},
    ]
    keys = list(document)
    assert keys.index("warnings") == keys.index("errors") + 1  # read together
    assert _report().to_json()["warnings"] == []


def test_a_run_says_which_files_failed_under_its_errors_key():
    info = RubricInfo("r", "1", "", "", "")
    run = RunResult("scorer", "0", info, (_report(),), (FileError("坏.pdf", "坏.pdf: empty file"),))
    document = json.loads(dumps(run))
    assert document["errors"] == [{"source": "坏.pdf", "error": "坏.pdf: empty file"}]
    assert document["reports"][0]["warnings"] == []


def test_advice_follows_the_code_not_the_wording():
    reworded = ReportWarning("no-year", "报告年度不明")  # a message reworded later still gets its advice
    said = present.notes(_report(warnings=(reworded, ambiguous_region("新华区"))))
    assert said[0] == f"报告年度不明：{present.WARNING_ADVICE['no-year']}"
    assert said[1] == ambiguous_region("新华区").message  # no advice for this one: the message alone
    assert present.notes(_report(ocr=True))[-1] == present.OCR_NOTE
    # nothing is flagged that the result does not carry: the result says what was not found
    assert present.notes(_report(region=None)) == []


# --------------------------------------------------------------------------- labels


LABEL_TABLES = {
    "status": (present.STATUS_LABELS, STATUSES),
    "status heading": (present.STATUS_HEADINGS, STATUSES),
    "status symbol": (present.STATUS_SYMBOLS, STATUSES),
    "level": (present.LEVEL_LABELS, LEVELS),
    "reason": (present.REASON_LABELS, REASONS),
    "close call": (present.DOUBT_LABELS, DOUBTS),
    "evidence kind": (present.EVIDENCE_KIND_LABELS, EVIDENCE_KINDS),
    "finding kind": (present.FINDING_KIND_LABELS, get_args(FindingKind)),
    "severity": (present.SEVERITY_LABELS, get_args(Severity)),
    "figure role": (present.FIGURE_ROLE_LABELS, get_args(FigureRole)),
    "operator words": (present.OPERATOR_WORDS, TARGET_OPS),
    "operator signs": (present.OPERATOR_SIGNS, TARGET_OPS),
}


@pytest.mark.parametrize("name", LABEL_TABLES)
def test_every_code_has_one_label(name):
    table, codes = LABEL_TABLES[name]
    assert set(table) == set(codes)
    assert len(set(table.values())) == len(table)  # no two codes read alike


def test_advice_is_given_only_for_known_warnings():
    assert set(present.WARNING_ADVICE) <= set(WARNING_CODES)


# --------------------------------------------------------------------------- figures and targets


def test_figures_print_as_a_report_prints_them():
    assert present.figure(12500, "count") == "12,500"
    assert present.figure(95.5, "percent", approx=True) == "约95.5%"
    assert present.figure(100.0, "percent") == "100%"
    assert present.figure(3.10, "count") == "3.1"
    assert present.points(1.5) == "1.5" and present.points(3.0) == "3"


def test_targets_are_structured_and_print_in_words_or_signs():
    at_least = Target(">=", 100)
    assert present.target_text(at_least, "percent") == "不低于100%"
    assert present.target_sign(Target("<=", 1500), "count") == "≤ 1,500"
    assert at_least.met_by(100) and not at_least.met_by(99.9)
    value = MetricValue("rate", "出庭应诉率", 85, "percent", False, "", "出庭应诉率85%", 5, 7, at_least, False)
    assert value.to_json()["target"] == ">= 100"  # the JSON keeps the rubric's form
    assert dataclasses.replace(value, target=Target(">", 95.5)).to_json()["target"] == "> 95.5"
    assert dataclasses.replace(value, target=None).to_json()["target"] == ""


def test_why_a_requirement_is_partial_reads_the_results_own_findings():
    target = Target(">=", 100)
    missed = MetricValue("head", "负责人出庭应诉率", 85, "percent", False, "县政府", "…85%…", 40, 43, target, False)
    elsewhere = MetricValue("other", "另一比率", 90, "percent", True, "", "…90%…", 60, 63, target, False)
    requirement = RequirementResult(
        "p7.appearance",
        "负责人出庭应诉",
        "p7",
        "partial",
        1.5,
        3,
        "below-target",
        (Evidence("…85%…", 30, 50, "", "plan"),),
    )
    findings = (
        Finding("below-target", "warning", "出庭应诉率未达目标", requirement="p7.appearance", metric="head", start=40),
        Finding("below-target", "warning", "另一比率未达目标", requirement="p9.other", metric="other", start=60),
    )
    result = _report(requirements=(requirement,), metrics=(missed, elsewhere), findings=findings)
    assert present.missed_targets(requirement, result) == [missed]
    reason, detail = present.why(requirement, result)
    assert reason == present.REASON_LABELS["below-target"]
    assert detail == "负责人出庭应诉率（县政府） 85%（目标不低于100%）"


def test_a_plan_only_requirement_quotes_its_plan_sentence_on_one_line():
    plan = Evidence("下一步将\n全面推行\x1b[31m公示制度。", 10, 25, "", "plan")
    achievement = Evidence("已印发《办法》。", 0, 8, "", "achievement")
    requirement = RequirementResult("p4.publicity", "公示", "p4", "partial", 1, 2, "plan-only", (achievement, plan))
    assert present.why(requirement, _report(requirements=(requirement,))) == (
        present.REASON_LABELS["plan-only"],
        "下一步将 全面推行[31m公示制度。",
    )


def test_text_is_measured_in_terminal_columns_and_cut_with_an_ellipsis():
    assert present.width("ＡＢ12区") == 8  # full-width letters and Han take two columns
    assert present.shorten("法治政府建设情况报告", 9) == "法治政府…"
    assert present.shorten("短句", 10) == "短句"
    assert present.pad("区", 4) == "区  "


def test_improvements_list_the_most_points_to_gain_first():
    def req(rid, status, points, max_points):
        return RequirementResult(rid, rid, "p1", status, points, max_points, "not-mentioned")

    result = _report(requirements=(req("a", "partial", 1, 2), req("b", "missing", 0, 3), req("c", "met", 2, 2)))
    assert [r.id for r in present.improvements(result)] == ["b", "a"]


def test_an_example_comes_from_the_rubric_or_is_empty():
    rubric = load_rubric(None)
    with_example = next(r for r in rubric.requirements if r.examples.met)
    requirement = RequirementResult(with_example.id, "", "", "missing", 0, 1, "not-mentioned")
    assert present.example(requirement, rubric) == with_example.examples.met[0]
    assert present.example(dataclasses.replace(requirement, id="no.such"), rubric) == ""
