"""The one-search label scan (scorer.figures._any_label) only skips sentences no label can name:
labels that cannot share an alternation are still read one by one, so a rubric's own regexes
keep their meaning."""

from __future__ import annotations

import re

from scorer.figures import extract_metrics
from scorer.figures.values import _any_label
from scorer.normalize import normalize
from scorer.rubric.model import MetricDef
from scorer.structure import parse


def metric(*labels: str, unit: str = "count") -> MetricDef:
    return MetricDef("m", "测试指标", unit, tuple(re.compile(label) for label in labels))


def values(text: str, metrics: list[MetricDef]) -> list[float]:
    normalized = normalize(text).text
    return [v.value for v in extract_metrics(normalized, parse(normalized), metrics)]


def test_labels_that_alternate_are_scanned_once():
    assert _any_label((metric("复议(?:案件|申请)"), metric("应诉案件"))) is not None


def test_a_backreference_an_inline_flag_or_a_conditional_keeps_every_label_on_its_own():
    for label in (r"(复议)\1", "(?P<x>复议)(?P=x)", "(?i)review案件", "(复)?(?(1)议|审)案件"):
        assert _any_label((metric(label), metric("应诉案件"))) is None, label


def test_a_label_with_a_backreference_still_reads_its_value():
    # 复议复议 is an invented label made to need its backreference; in one alternation after
    # (应诉)案件, \1 would stand for 应诉 and the sentence would be skipped
    assert values("全年办理复议复议18件。", [metric("(应诉)案件"), metric(r"(复议)\1")]) == [18]


def test_a_sentence_without_any_label_gives_no_value_and_one_with_a_label_does():
    metrics = [metric("复议案件"), metric("出庭应诉率", unit="percent")]
    assert values("全年开展执法检查25次,培训120人次。", metrics) == []
    assert values("全年办理复议案件１８件,出庭应诉率１００％。", metrics) == [18, 100]
