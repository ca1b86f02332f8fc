"""Detector kinds are pluggable: a kind is a schema (scorer.rubric.kinds) and a find()
(scorer.detect.kinds) under one name, and the loader and the detectors know no kind by name.

The toy kind below, `cites` (a sentence cites at least N 《titles》 of a kind of document), is one
module's worth of code, this one, and one registration line; a rubric using it is validated on
load with positions and scored end to end through the CLI.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.detect.finder import Doc, Hit
from scorer.detect.kinds import FINDERS, register_kind
from scorer.rubric.kinds import KINDS, detector_keys
from scorer.rubric.kinds.terms import TermsDetector
from scorer.rubric.load import RubricError, load_rubric
from scorer.rubric.model import Detector
from scorer.rubric.read import term_list, whole_number
from scorer.rubric.schema import Kind, Option

runner = CliRunner()


# --- the toy kind: its schema and its code ------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CitesDetector(Detector):
    kind: ClassVar[str] = "cites"
    cites: int = 1  # how many titles one sentence must cite
    of: tuple[str, ...] = ()  # what a title ends with: 条例, 办法 …


def _no_brackets(detector: CitesDetector) -> str | None:
    if any("《" in end or "》" in end for end in detector.of):
        return "a cites detector's `of` names the end of a title, without 《》"
    return None


CITES = Kind(
    CitesDetector,
    (Option("cites", whole_number(minimum=1)), Option("of", term_list, required=True)),
    check=_no_brackets,
)
_TITLE = re.compile(r"《([^《》]*)》")


def find_citations(detector: CitesDetector, doc: Doc) -> list[Hit]:
    hits = []
    for sentence in doc.structure.sentences:
        titles = [
            m for m in _TITLE.finditer(doc.text, sentence.start, sentence.end) if m.group(1).endswith(detector.of)
        ]
        if len(titles) < detector.cites:
            continue
        judged = doc.judge(sentence, titles[0].start(), titles[-1].end())
        if judged is not None:
            hits.append(
                Hit(
                    sentence,
                    titles[0].start(),
                    titles[-1].end(),
                    judged.kind,
                    "cites",
                    detector.max_status,
                    detail=judged.detail,
                )
            )
    return hits


@pytest.fixture
def cites_kind():
    register_kind(CITES, find_citations)  # the one registration line
    yield CITES
    del KINDS["cites"], FINDERS["cites"]


# --- a rubric that uses it ----------------------------------------------------------------

RUBRIC = """\
id: toy-kinds
version: "1"
title: 依规立制
pillars:
  - {id: p1, title: 制度建设}
requirements:
  - id: p1.rules
    pillar: p1
    title: 出台行政规范性文件
    points: 10
    detect:
      - cites: 2
        of: [办法, 规定, 条例]
    examples:
      met: [全年制定出台《城市管理执法办法》《重大行政决策程序规定》两部规范性文件]
      not_met: [下一步将修订《城市管理执法办法》《重大行政决策程序规定》, 制定出台《城市管理执法办法》]
  - id: p1.training
    pillar: p1
    title: 法治培训
    points: 5
    detect:
      - terms: [法治培训]
"""

REPORT = """\
某某区人民政府关于2024年度法治政府建设情况的报告

2024年，我区坚持依法行政，扎实推进法治政府建设，现将有关情况报告如下。
一、完善依法行政制度体系
全年制定出台《城市管理综合执法办法》《重大行政决策程序规定》两部行政规范性文件，并全部按程序报送备案。
我区还印发了《法治宣传教育工作要点》，部署全年普法工作。
二、提升干部法治素养
举办法治培训班6期，培训领导干部和执法人员共计830人次，实现执法人员全覆盖。
三、下一步工作安排
下一步，我区将修订《行政执法公示办法》《执法全过程记录规定》，持续提升行政执法规范化水平，推动法治政府建设再上新台阶。
"""


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _requirement(json_path, rid: str) -> dict:
    report = json.loads(json_path.read_text(encoding="utf-8"))["reports"][0]
    return next(r for r in report["requirements"] if r["id"] == rid)


def test_a_rubric_using_a_registered_kind_is_scored_end_to_end(cites_kind, tmp_path):
    rubric = _write(tmp_path, "toy.yaml", RUBRIC)
    report = _write(tmp_path, "report.txt", REPORT)
    out = tmp_path / "out.json"

    validated = runner.invoke(app, ["rubric", "validate", str(rubric)])
    assert validated.exit_code == 0, validated.output
    checked = runner.invoke(app, ["check", str(report), "--rubric", str(rubric), "--json", str(out)])
    assert checked.exit_code == 0, checked.output

    rules = _requirement(out, "p1.rules")
    assert rules["status"] == "met"
    # the sentence citing two regulations, not the one citing a single work plan nor the plan
    assert rules["evidence"][0]["detector"] == "cites"
    assert rules["evidence"][0]["quote"].startswith("全年制定出台《城市管理综合执法办法》")
    assert rules["evidence"][0]["kind"] == "achievement"
    assert all("法治宣传教育工作要点" not in e["quote"] for e in rules["evidence"])
    assert [e["kind"] for e in rules["evidence"][1:]] == ["plan"]
    # a built-in kind in the same rubric works alongside it
    training = _requirement(out, "p1.training")
    assert training["status"] == "met" and training["evidence"][0]["detector"] == "terms"


def test_the_rubric_s_own_examples_run_with_the_kind(cites_kind, tmp_path):
    rubric = _write(tmp_path, "toy.yaml", RUBRIC)
    tested = runner.invoke(app, ["rubric", "test", str(rubric)])
    assert tested.exit_code == 0, tested.output


def test_a_plan_citing_the_titles_is_partial(cites_kind, tmp_path):
    rubric = _write(tmp_path, "toy.yaml", RUBRIC)
    plan_only = REPORT.replace("全年制定出台《城市管理综合执法办法》《重大行政决策程序规定》两部", "全年完善")
    report = _write(tmp_path, "report.txt", plan_only)
    out = tmp_path / "out.json"
    checked = runner.invoke(app, ["check", str(report), "--rubric", str(rubric), "--json", str(out)])
    assert checked.exit_code == 0, checked.output
    rules = _requirement(out, "p1.rules")
    assert (rules["status"], rules["reason"]) == ("partial", "plan-only")


def test_the_kind_s_schema_is_checked_on_load_with_positions(cites_kind, tmp_path):
    bad = RUBRIC.replace(
        """      - cites: 2
        of: [办法, 规定, 条例]
""",
        """      - cites: 0
        of: [办法]
      - cites: 1.5
        of: [《条例》]
      - cites: 2
        colour: red
      - cites: 2
        of: [办法]
        within: clause
""",
    )
    path = _write(tmp_path, "bad.yaml", bad)
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    text = "\n".join(err.value.problems)
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", p) for p in err.value.problems), text
    assert f"{path}:12:16: cites must be at least 1 (got 0)" in text
    assert f"{path}:14:16: cites must be a whole number (got 1.5)" in text
    assert f"{path}:14:9: a cites detector's `of` names the end of a title, without 《》" in text
    assert f"{path}:17:9: unknown key 'colour' in detector (allowed: " in text
    assert "cites, of, max_status, admission, applies_to)" in text  # the toy's keys are part of the schema
    assert f"{path}:16:9: a cites detector needs 'of'" in text
    assert f"{path}:20:17: 'within' does not apply to a cites detector" in text
    # through the CLI: every problem, one line each, exit 2
    validated = runner.invoke(app, ["rubric", "validate", str(path)])
    assert validated.exit_code == 2 and "cites must be at least 1 (got 0)" in validated.output


def test_without_its_registration_the_kind_is_unknown(tmp_path):
    assert "cites" not in KINDS and "cites" not in FINDERS
    path = _write(tmp_path, "toy.yaml", RUBRIC)
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert f"{path}:12:9: unknown key 'cites' in detector" in str(err.value)
    assert "a detector names exactly one kind of terms, pattern, metric, section (found 0)" in str(err.value)


# --- the registries -----------------------------------------------------------------------


def test_every_kind_has_a_schema_and_code_under_one_name():
    assert list(KINDS) == list(FINDERS) == ["terms", "pattern", "metric", "section"]
    for name, kind in KINDS.items():
        assert kind.name == name and kind.option(name) is not None


def test_detector_keys_are_each_kind_s_own_then_the_common_ones():
    assert detector_keys() == (
        "terms",
        "any",
        "all",
        "exclude",
        "within",
        "pattern",
        "metric",
        "section",
        "min_sentences",
        "one_specific",
        "inline",
        "max_status",
        "admission",
        "applies_to",
    )


def test_a_name_cannot_be_registered_twice(cites_kind):
    with pytest.raises(ValueError, match="'cites' is already registered"):
        register_kind(CITES, find_citations)
    with pytest.raises(ValueError, match="'terms' is already registered"):
        register_kind(Kind(TermsDetector, KINDS["terms"].options), find_citations)


def test_a_kind_that_could_not_be_read_is_refused_when_declared():
    @dataclass(frozen=True, kw_only=True)
    class NoDefault(Detector):
        kind: ClassVar[str] = "nodefault"
        word: str

    @dataclass(frozen=True, kw_only=True)
    class Words(Detector):
        kind: ClassVar[str] = "words"
        words: tuple[str, ...] = ()

    with pytest.raises(ValueError, match="field 'word' of detector kind 'nodefault' has no default"):
        Kind(NoDefault, (Option("nodefault", term_list, attr="word"),))
    with pytest.raises(ValueError, match="'words' has no option keyed by its name"):
        Kind(Words, (Option("any", term_list, attr="words"),))
    with pytest.raises(ValueError, match="option 'words' of detector kind 'words' fills no field"):
        Kind(Words, (Option("words", term_list, attr="word"),))


def test_a_key_naming_a_kind_and_an_option_of_another_is_that_option(tmp_path):
    # `pattern` is a kind and an option of `section`; `terms` is not an option of `pattern`
    path = _write(
        tmp_path,
        "kinds.yaml",
        RUBRIC.replace(
            """      - cites: 2
        of: [办法, 规定, 条例]
""",
            """      - section: plans
        pattern: '修订'
      - terms: [办法]
        pattern: '规定'
""",
        ),
    )
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert err.value.problems == [
        f"{path}:14:9: a detector names exactly one kind of terms, pattern, metric, section (found 2)"
    ]


@pytest.mark.parametrize("value", ["", '""'])
def test_an_empty_terms_value_is_refused_not_matched_everywhere(cites_kind, tmp_path, value):
    path = _write(tmp_path, "empty.yaml", RUBRIC.replace("terms: [法治培训]", f"terms: {value}".rstrip()))
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert "terms must be a list of strings" in str(err.value)


def test_a_metric_that_failed_to_read_is_not_also_called_unknown(cites_kind, tmp_path):
    path = _write(tmp_path, "metric.yaml", RUBRIC.replace("terms: [法治培训]", "metric: [a, b]"))
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert err.value.problems == [f"{path}:22:17: metric must be a string"]
