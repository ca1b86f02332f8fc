"""Close calls: the readings a supervisor should check first, marked where careful readers often
judge otherwise (a subject named only as one item of a list; a partial on one general mention).
Every sentence is written for the test."""

import json

import pytest

from scorer.accuracy import Agreement, Item
from scorer.examples import outcome_of
from scorer.presentation import reason_label
from scorer.result import RequirementResult
from scorer.rubric.load import load_rubric

BODY = "某某县2023年法治政府建设情况报告\n一、主要工作\n"


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def doubt_of(rubric, requirement_id, body):
    requirement = next(r for r in rubric.requirements if r.id == requirement_id)
    outcome = outcome_of(requirement, rubric, BODY + body)
    return outcome.status, outcome.doubt


@pytest.mark.parametrize(
    "requirement_id, body, expected",
    [
        # the subject is one item of an enumeration, whatever the sentence's count says
        ("p7.reconsideration", "统筹推进行政复议、行政应诉、府院联动工作,全年办理案件120件。", ("met", "list-item")),
        ("p7.litigation-response", "扎实做好行政复议、行政应诉工作。", ("partial", "list-item")),
        # a partial on one general mention; in traditional characters and with full-width digits too
        ("p7.reconsideration", "持续深化行政复议体制改革。", ("partial", "one-mention")),
        ("p7.reconsideration", "持續深化行政復議體制改革。", ("partial", "one-mention")),
        # two general mentions in two sentences, or a count in the subject's own clause: no close call
        ("p7.reconsideration", "持续深化行政复议体制改革。提升行政复议规范化水平。", ("partial", None)),
        ("p7.reconsideration", "全年办理行政复议案件５６件。", ("met", None)),
        # a plan, a shortcoming, a negation are read from their words: no close call
        ("p7.reconsideration", "下一步,将深化行政复议体制改革。", ("partial", None)),
        ("p7.reconsideration", "行政复议规范化水平有待提升。", ("partial", None)),
        ("p7.reconsideration", "尚未设立行政复议咨询点。", ("partial", None)),
        # nothing said, nothing to check
        ("p7.reconsideration", "全年组织执法检查12次。", ("missing", None)),
    ],
)
def test_close_calls_are_marked_where_readers_often_differ(rubric, requirement_id, body, expected):
    assert doubt_of(rubric, requirement_id, body) == expected


def test_a_close_call_reaches_the_json_and_the_reason_a_supervisor_reads():
    fields = ("p7.reconsideration", "行政复议", "p7", "partial", 1, 2, "generic-only")
    marked, plain = RequirementResult(*fields, doubt="one-mention"), RequirementResult(*fields)
    assert json.loads(json.dumps(marked.to_json()))["doubt"] == "one-mention"
    assert plain.to_json()["doubt"] is None
    assert reason_label(marked).startswith(reason_label(plain)) and "建议复核" in reason_label(marked)
    assert "建议复核" not in reason_label(plain)


def test_the_harness_counts_how_close_calls_hold_up():
    items = [
        Item("a.txt", "r1", frozenset({"missing"}), "partial", "", "", doubt="one-mention"),  # marked, wrong
        Item("a.txt", "r2", frozenset({"partial"}), "partial", "", "", doubt="list-item"),  # marked, right
        Item("a.txt", "r3", frozenset({"met"}), "met", "", ""),  # unmarked, right
        Item("a.txt", "r4", frozenset({"met"}), "partial", "", ""),  # unmarked, wrong
        Item("a.txt", "r5", frozenset({"met"}), "missing", "", ""),  # the scorer saw nothing: not counted
    ]
    assert Agreement(items).close_calls() == (2, 1, 2, 1)


def test_a_passage_read_from_the_structure_is_no_close_call(rubric):
    # one closing sentence of intent is a partial next-year passage by definition, not a judgment
    requirement = next(r for r in rubric.requirements if r.id == "report.next-year")
    closing = "全年办理行政复议案件56件。\n二、下一步工作打算\n持续推进法治政府建设。\n"
    outcome = outcome_of(requirement, rubric, BODY + closing)
    assert (outcome.status, outcome.doubt) == ("partial", None)


def test_check_tells_a_drafter_of_a_close_call_in_the_terminal_and_the_html(rubric, tmp_path):
    import io

    from scorer.ingest import read_document
    from scorer.pipeline import analyze
    from scorer.write.check_terminal import print_check
    from scorer.write.html import render

    draft = tmp_path / "draft.txt"
    draft.write_text(
        BODY + "统筹推进行政复议、行政应诉、府院联动工作,全年办理案件120件。\n推进政务公开标准化建设。\n",
        encoding="utf-8",
    )
    document = read_document(draft)
    result = analyze(document, rubric)
    assert result.requirement("p7.reconsideration").doubt == "list-item"
    assert result.requirement("p8.open-government").doubt == "one-mention"
    out = io.StringIO()
    print_check(result, rubric, color=False, out=out)
    terminal = out.getvalue()
    # the met item's note stands under it; the partial's follows its reason
    assert "提示：依据仅为并列列举中的一项，建议复核" in terminal
    assert "仅有笼统表述，缺少具体举措、数字或文件（仅一处笼统提及，判断易有分歧，建议复核）" in terminal
    page = render(result, rubric, document.text)
    assert "<b>提示</b> 依据仅为并列列举中的一项，建议复核" in page
    assert "（仅一处笼统提及，判断易有分歧，建议复核）" in page
