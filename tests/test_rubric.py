import re
import textwrap

import pytest
import yaml
from conftest import ROOT, SPEC

from scorer.examples import outcome_of, run_examples
from scorer.rubric.load import RubricError, load_rubric


def _contract(name):
    return yaml.safe_load((SPEC / name).read_text(encoding="utf-8"))


def test_default_rubric_carries_every_contract_requirement_with_its_pillar(rubric):
    contract = _contract("requirements.yaml")["requirements"]
    ids = {r.id: r for r in rubric.requirements}
    for req in contract:
        assert req["id"] in ids, req["id"]
        assert ids[req["id"]].pillar == req["pillar"]
        assert set(ids[req["id"]].applies_to) == set(req.get("applies_to", ()))
    assert {p.id for p in rubric.pillars} == {"report"} | {f"p{i}" for i in range(1, 11)}


def test_default_rubric_carries_every_contract_metric(rubric):
    contract = _contract("metrics.yaml")["metrics"]
    metrics = {m.id: m for m in rubric.metrics}
    for m in contract:
        assert m["id"] in metrics, m["id"]
        assert metrics[m["id"]].unit == m["unit"]
        if "target" in m:
            assert (metrics[m["id"]].target.op, metrics[m["id"]].target.value) == (
                m["target"]["op"],
                m["target"]["value"],
            )


def test_every_requirement_is_complete(rubric):
    for r in rubric.requirements:
        assert r.title and r.source and r.points > 0 and r.detectors, r.id
        assert len(r.guidance) >= 10, f"{r.id} has no guidance for drafters"


def test_every_requirement_has_examples_of_both_kinds(rubric):
    lacking = [r.id for r in rubric.requirements if not r.examples.met or not r.examples.not_met]
    assert not lacking, f"requirements without met / not_met examples: {lacking}"


def test_every_example_comes_out_as_the_rubric_says(rubric):
    failures = run_examples(rubric)
    assert not failures, "\n".join(map(str, failures))


def _write(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_every_problem_is_reported_with_file_line_and_column(tmp_path):
    path = _write(
        tmp_path,
        "bad.yaml",
        """\
        id: bad
        version: "1"
        colour: blue
        pillars:
          - {id: p1, title: 一}
        requirements:
          - id: a
            pillar: p9
            title: 甲
            points: 2
            detect:
              - pattern: '([unclosed'
          - id: b
            pillar: p1
            title: 乙
            points: two
            applies_to: [county, village]
            detect:
              - terms: [x]
                within: paragraph
              - metric: nope
          - id: c
            pillar: p1
            title: 丙
            points: 1
            detect:
              - terms: [x]
                pattern: 'y'
              - terms: [z]
                admission: maybe
              - terms: [w]
                applies_to: [department, town]
        """,
    )
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    problems = err.value.problems
    text = "\n".join(problems)
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", p) for p in problems), text
    assert f"{path}:3:1: unknown key 'colour'" in text
    assert f"{path}:12:18: bad regular expression" in text
    assert "unknown pillar 'p9'" in text
    assert f"{path}:16:13: points must be a number" in text
    assert "unknown level 'village'" in text
    assert f"{path}:32:21: unknown level 'town' in applies_to" in text
    assert "within must be one of" in text
    assert "unknown metric 'nope'" in text
    assert "exactly one kind" in text
    assert f"{path}:30:20: admission must be true or false" in text


def test_a_regular_expression_in_a_list_of_terms_is_an_error(tmp_path):
    # terms are looked for as written: 村(?:民)?干部 in an `all:` would never be found
    path = _write(
        tmp_path,
        "terms.yaml",
        """\
        id: t
        version: "1"
        pillars:
          - {id: p1, title: 一}
        requirements:
          - id: a
            pillar: p1
            title: 甲
            points: 1
            detect:
              - terms: [讲座, 互联网+监管, 社区)法律顾问]
                all: ["群众|村(?:民)?干部"]
              - terms: ['[^,]{0,4}场']
        """,
    )
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    problems = err.value.problems
    assert len(problems) == 2, problems  # + and ) alone are a term's own characters
    assert problems[0].startswith(f"{path}:12:14: all: '群众|村(?:民)?干部' is looked for as plain text")
    assert problems[1].startswith(f"{path}:13:16: terms: '[^,]{{0,4}}场'")


def test_measures_are_a_count_metrics(tmp_path):
    # a percent has no measure word: `measures` on a rate is a rubric author's slip, named where it stands
    path = _write(
        tmp_path,
        "measures.yaml",
        """\
        id: m
        version: "1"
        pillars: [{id: p1, title: 一}]
        requirements: [{id: a, pillar: p1, title: 甲, points: 1, detect: [{terms: [x]}]}]
        metrics:
          - id: rate
            name: 纠错率
            unit: percent
            labels: ['纠错率']
            measures: [件]
        """,
    )
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert err.value.problems == [f"{path}:10:15: 'measures' applies to a count metric, not a percent"]


def test_yaml_syntax_error_has_a_position(tmp_path):
    path = _write(tmp_path, "broken.yaml", "id: x\nversion: [1\n")
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: YAML syntax error", str(err.value))


def test_overlay_changes_points_disables_and_adds_without_copying(rubric):
    overlay = load_rubric(ROOT / "rubrics" / "example-city-overlay.yaml")
    assert overlay.id == "example-city-2025" and overlay.version == "2025.1-city.1"
    assert overlay.requirement("p7.head-court-appearance").points == 6
    assert (
        overlay.requirement("p7.head-court-appearance").detectors
        == rubric.requirement("p7.head-court-appearance").detectors
    )
    assert "p10.demonstration" not in {r.id for r in overlay.requirements}
    assert overlay.requirement("city.legal-aid").pillar == "p7"
    assert overlay.scoring.grade(86) == "优秀" and rubric.scoring.grade(86) == "良好"
    assert len(overlay.requirements) == len(rubric.requirements)
    assert overlay.sha256 != rubric.sha256
    assert not run_examples(overlay)


def test_extends_loop_and_missing_base_are_errors(tmp_path):
    a = _write(tmp_path, "a.yaml", "id: a\nversion: '1'\nextends: b.yaml\n")
    _write(tmp_path, "b.yaml", "id: b\nversion: '1'\nextends: a.yaml\n")
    with pytest.raises(RubricError, match="extends loops back"):
        load_rubric(a)
    c = _write(tmp_path, "c.yaml", "id: c\nversion: '1'\nextends: nowhere.yaml\n")
    with pytest.raises(RubricError, match=r"c.yaml:3:10: extends names 'nowhere.yaml'"):
        load_rubric(c)


def test_an_overlay_extends_the_vocabulary_and_a_bad_list_is_an_error_with_its_position(tmp_path):
    from scorer.ingest.base import Document
    from scorer.pipeline import analyze

    good = _write(
        tmp_path,
        "words.yaml",
        """\
        id: words
        version: "1"
        extends: outline-2021-2025
        lexicon:
          plan: [待来年]
        """,
    )
    rubric = load_rubric(good)
    text = "一、主要工作\n区政府印发《行政执法监督办法》。\n行政执法监督平台待来年上线。\n"
    document = Document(text=text, format="txt", source="t.txt")
    status = analyze(document, rubric).requirement("p8.enforcement-oversight")
    assert status.status == "met"
    kinds = {e.quote: e.kind for e in status.evidence}
    assert kinds["行政执法监督平台待来年上线。"] == "plan"

    bad = _write(
        tmp_path,
        "bad-words.yaml",
        """\
        id: words
        version: "1"
        extends: outline-2021-2025
        lexicon:
          no_such_list: [x]
          plan: ["  "]
        """,
    )
    with pytest.raises(RubricError) as err:
        load_rubric(bad)
    message = str(err.value)
    assert re.search(r"bad-words\.yaml:5:\d+: unknown key 'no_such_list' in lexicon", message)
    assert re.search(r"bad-words\.yaml:6:\d+: lexicon\.plan: a word may not be empty", message)


ADMISSIONS = """\
    id: admissions
    version: "1"
    pillars:
      - {id: report, title: 报告}
    requirements:
      - id: gaps
        pillar: report
        title: 不足
        points: 1
        detect:
          - pattern: '[\\u4e00-\\u9fff]{2}(?:仍较薄弱|尚未建立)'
            admission: ADMITS
    """


@pytest.mark.parametrize(
    "admits, sentence, status",
    [
        # an admission detector looks for the weakness itself: named, it is the evidence
        ("true", "部分乡镇法制审核力量仍较薄弱。", "met"),
        ("true", "行政执法人员常态化培训机制尚未建立。", "met"),  # a denial admits as well
        ("true", "下一步,将着力解决基层执法力量仍较薄弱的问题。", "partial"),  # a plan is a plan
        # any other detector reads the same words as a shortcoming of its subject
        ("false", "部分乡镇法制审核力量仍较薄弱。", "partial"),
        ("false", "行政执法人员常态化培训机制尚未建立。", "partial"),
    ],
)
def test_an_admission_detector_counts_a_named_weakness_as_its_evidence(tmp_path, admits, sentence, status):
    from scorer.examples import outcome_of

    rubric = load_rubric(_write(tmp_path, "admissions.yaml", ADMISSIONS.replace("ADMITS", admits)))
    outcome = outcome_of(rubric.requirements[0], rubric, "一、主要工作\n" + sentence)
    assert outcome.status == status, outcome


def test_a_rubric_word_is_matched_literally(tmp_path):
    path = _write(
        tmp_path,
        "literal.yaml",
        """\
        id: words
        version: "1"
        extends: outline-2021-2025
        lexicon:
          plan: ["(a+)+$"]
        """,
    )
    plan = load_rubric(path).lexicon.plan
    assert plan.search("字面(a+)+$写法") and not plan.search("aaaa")


def test_rubric_test_runs_an_overlays_examples_and_names_each_failure(tmp_path):
    from typer.testing import CliRunner

    from scorer import cli

    path = _write(
        tmp_path,
        "wrong.yaml",
        """\
        id: wrong-examples
        version: "1"
        extends: outline-2021-2025
        requirements:
          - id: p7.reconsideration
            examples:
              met:
                - 下一步,我区将继续深化行政复议体制改革。
              not_met:
                - 全年办理行政复议案件126件。
        """,
    )
    result = CliRunner().invoke(cli.app, ["rubric", "test", str(path)])
    assert result.exit_code == 1
    assert "p7.reconsideration: expected met, got partial (plan-only): 下一步" in result.output
    assert "p7.reconsideration: expected not met, got met: 全年办理" in result.output
    ok = CliRunner().invoke(cli.app, ["rubric", "test"])
    assert ok.exit_code == 0 and "examples as the rubric says" in ok.output


def test_heading_includes_names_requirements_of_the_rubric(tmp_path):
    body = (
        'id: bad\nversion: "1"\npillars: [{id: p1, title: 一}]\nrequirements:\n'
        "  - {id: a, pillar: p1, title: 甲, points: 2, detect: [{terms: [x]}],\n"
        "     heading_includes: [b, nope]}\n"
        "  - {id: b, pillar: p1, title: 乙, points: 1, detect: [{terms: [y]}]}\n"
    )
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    (problem,) = err.value.problems
    assert problem.startswith(f"{path}:6:") and "unknown requirement 'nope'" in problem
    # the default rubric's own names resolve
    study = next(r for r in load_rubric().requirements if r.id == "p1.study-xi-thought")
    assert study.heading_includes == {"p10.leaders-study-law"}


# A detector kept to some levels reads only reports of them: a department's own penalties are its
# field's enforcement (CONVENTIONS), a government's total over every field names none, and a text
# of no known level is lent nothing; a department's reconsideration cases as the respondent, with
# how they ended, are its results on the subject, a government's before the level above a mention.
_DEPARTMENT = "宁乡市交通运输局2024年法治政府建设工作报告\n"
_GOVERNMENT = "宁乡市人民政府2024年法治政府建设工作报告\n"
_PENALTIES = "全年办理行政处罚案件126件,罚没款38万元。"
_RESPONDENT = "全年以本单位为被申请人的行政复议案件9件,均维持原行政行为。"


@pytest.mark.parametrize(
    "requirement_id, sentence, title, status",
    [
        ("p5.key-area-enforcement", _PENALTIES, _DEPARTMENT, "met"),
        ("p5.key-area-enforcement", _PENALTIES, _GOVERNMENT, "missing"),
        ("p5.key-area-enforcement", _PENALTIES, "", "missing"),
        ("p7.reconsideration", _RESPONDENT, _DEPARTMENT, "met"),
        ("p7.reconsideration", _RESPONDENT, _GOVERNMENT, "partial"),
        ("p7.reconsideration", _RESPONDENT, "", "partial"),
    ],
)
def test_a_detector_kept_to_departments_reads_only_their_reports(requirement_id, sentence, title, status):
    rubric = load_rubric()
    requirement = next(r for r in rubric.requirements if r.id == requirement_id)
    assert any(d.applies_to == {"department"} for d in requirement.detectors)
    outcome = outcome_of(requirement, rubric, title + "一、主要工作\n" + sentence + "\n")
    assert outcome.status == status, (outcome.status, outcome.reason)
