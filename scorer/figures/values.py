"""Metric values: the rubric's metrics read from a report.

What names a metric is data (MetricDef: `labels` regexes, `context`, `exclude`, `scopes`, from the
rubric YAML); this module is how a reader links a label to its number:

- within a clause (split at , 、 :) a number belongs to the nearest label before it:
  `行政机关负责人出庭率达100%`, `受理行政复议案件155件`, `废止文件27件`; a label may also follow
  its count, directly or after an attributive phrase (`办理155件行政复议案件`, `共办理86宗以区政府
  为被告的行政诉讼案件`);
- an `exclude` word (an outcome: 撤销 / 维持 / 驳回 …) takes only the numbers after it in its
  clause: `办理行政复议案件120件(其中撤销5件…)` still states the caseload;
- a following clause without a label of its own continues the last value when it only adds a
  verb, a channel or a scope: `申请151件,受理149件,…,共审结案件113件`, `官网公开信息37662条,
  英文网站发布526条`, `区政府出庭率100%,部门及镇街95%`; a clause naming another quantity
  (`行政机关败诉数9件`, `政策解读71条`) ends the run;
- 、-joined labels share one value (`合法性审查率、网上办件率100%`, `…、…均为100%`) or take
  theirs in order (`人大代表建议、政协提案分别为58件、73件`); `…、…共50件` is a joint total,
  neither one's;
- a count metric takes only a count (`件 宗 条 起 人次 …`, approximate ones too: `1,200余条`,
  `近五千条`), and only in its `measures` where it names them (cases in 件 宗 起, not the 次 of
  their hearings: `召开行政复议案件听证会5次`), a rate metric only a percent; a change
  (`增长8.22%`), a year, a date, an ordinal, a quoted name (`“四个百分百”`) never are values;
- a number a verb of reach leads to counts where the things reached (`办理人大代表建议涉及12个部门`),
  not the things;
- plans are not figures: sentences of a plans passage, and clauses that say 力争 / 预计 / 确保达到 ….

Every value carries the report's own words it was read with (`label`) and its scope words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lazy_re import lazy, lazy_pattern
from ..lexicon import default_pattern, default_words
from ..numbers import PERCENT, VALUE, Number
from ..result import MetricValue
from ..rubric.model import MetricDef
from ..rubric.patterns import Pattern, compile_pattern
from ..structure import PLANS, Sentence, Structure
from .view import clause_view

# The patterns are built on first use (scorer.lazy_re); the words are the lexicon's.
# A clause that states an aim or a level not reached, not a result.
_PLAN_WORDS = default_pattern("figure_plan")


def _continuation_verb() -> str:
    """Verbs a continuing clause may add (`受理149件`, `英文网站发布526条`, `共审结案件113件`); the
    clause must end in one of them and / or a generic object (`废止规章3件、行政规范性文件15件`), and
    a filler, right before its number."""
    return (
        rf"(?:.{{0,6}}?{default_words('count_verbs')})?{default_words('count_qualifiers')}?"
        rf"{default_words('count_objects')}?"
    )


def _filler() -> str:
    return f"{default_words('value_adverbs')}?{default_words('value_copulas')}?{default_words('value_approximations')}?"


_FILLER_ONLY = lazy(lambda: re.compile(_filler()))
_MAX_CONTINUATION_PREFIX = 20
_MAX_LABEL_GAP = 15  # characters between a label and its number
_REACH = default_pattern("figure_reach_verbs")
# What may stand between a count and the label after it: `办理155件行政复议案件`, `办理155件的…`,
# `共办理86宗以区政府为被告的行政诉讼案件` (an attributive phrase ending in 的), `12件各类行政复议案件`;
# not `组织3场以行政复议案件为主题的…` (the count is of something else).
_OBJECT_AFTER_COUNT = lazy(
    lambda: re.compile(
        rf"(?:[^\d,、:;。()]{{0,24}}的)?(?:{default_words('count_qualifiers')}|{default_words('case_stages')})?"
    )
)
# 、-joined labels and one value: `网上办件率、全程网办率均达99%`, `合法性审查率、网上办件率100%`.
_RESPECTIVELY = lazy_pattern(r"分别")
_SHARED_VALUE = default_pattern("shared_value")
_JOINT_TOTAL = default_pattern("joint_total")
_RATE_NAME_ONLY = lazy(lambda: re.compile(rf"[\u4e00-\u9fff“”\"]{{1,14}}率[”\"’]?{_filler()}"))
# Around the words a value was read with: connectives before, fillers before the number.
_WORDS_TRIM = lazy(lambda: re.compile(rf"^{default_words('connectives')}|{_filler()}$"))
_MAX_LABEL_WORDS = 30
_CLAUSE_SEPARATOR = lazy_pattern(r"[,、:]")
_SCOPE_LOOKBACK = 80  # characters before a label searched for a scope word the sentence set earlier


@dataclass(frozen=True)
class _Label:
    metric: MetricDef
    start: int
    end: int


@dataclass(frozen=True)
class _MetricMatcher:
    """What a MetricDef's data compiles to, once per metric."""

    exclude: re.Pattern[str] | None
    scopes: re.Pattern[str] | None
    continuation: re.Pattern[str]


@lru_cache(maxsize=1024)
def _matcher(metric: MetricDef) -> _MetricMatcher:
    def alternation(words: Sequence[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    # a scope of several (县直部门和乡镇为97.4%): scope words joined, after a 县直 / 市直
    one = alternation(metric.scopes) if metric.scopes else ""
    prefix = default_words("scope_prefixes")
    scope = rf"(?:{prefix}?(?:{one})(?:[和及、与](?:{one}))*)?" if metric.scopes else ""
    return _MetricMatcher(
        exclude=re.compile(alternation(metric.exclude)) if metric.exclude else None,
        scopes=re.compile(alternation(metric.scopes)) if metric.scopes else None,
        continuation=re.compile(rf"^{default_words('continuation_leads')}?{scope}{_continuation_verb()}{_filler()}$"),
    )


# --- metric values --------------------------------------------------------------------------


def extract_metrics(
    text: str, structure: Structure, metrics: Sequence[MetricDef], printed: str | None = None
) -> list[MetricValue]:
    """Every value the report states for each metric, in text order.

    `printed` is the text as read (the same length as `text`): the words a value was read with
    are cut from it, so a report in traditional characters is quoted as printed."""
    values: list[MetricValue] = []
    previous: Sentence | None = None
    any_label = _any_label(tuple(metrics))
    for sentence in structure.sentences:
        if sentence.passage != PLANS:
            # a metric's context words may stand in the sentence before, in the same paragraph
            # (`开展规范性文件清理。废止12件。`)
            same_paragraph = previous is not None and previous.paragraph == sentence.paragraph
            context = text[previous.start if previous is not None and same_paragraph else sentence.start : sentence.end]
            active = [m for m in metrics if not m.context or any(term in context for term in m.context)]
            # every value is taken by a label, so a sentence without one has none: its numbers are not read
            may_hold_label = any_label is None or any_label.search(text, sentence.start, sentence.end) is not None
            if active and may_hold_label:
                values.extend(_SentenceReader(text, printed or text, sentence, active).read())
        previous = sentence
    return values


def _fits(metric: MetricDef, number: Number) -> bool:
    if metric.unit == "percent":
        return number.kind == PERCENT
    # (a count of the hearings or reviews of cases, 召开行政复议案件听证会5次, is no count of cases)
    return number.is_count and (not metric.measures or number.unit in metric.measures)


@dataclass(frozen=True)
class _Run:
    """The value a following clause may continue (`申请151件,受理149件`)."""

    label: _Label
    number: Number | None  # None when the label's own clause held no number
    words: str  # the words the label's value was read with


class _SentenceReader:
    """One sentence's metric values, read clause by clause as the module docstring says."""

    def __init__(self, text: str, printed: str, sentence: Sentence, metrics: Sequence[MetricDef]) -> None:
        self.text, self.printed = text, printed
        self.quote = text[sentence.start : sentence.end]
        self.view = clause_view(text, (sentence,))
        quantities = [n for n in self.view.numbers if n.kind in (VALUE, PERCENT)]
        self.numbers = self.view.by_clause(quantities, lambda n: n.start)
        found = _labels(text, (sentence.start, sentence.end), metrics) if quantities else []
        self.labels = self.view.by_clause(found, lambda label: label.start)
        self.lookback_start = sentence.start
        self.used: set[int] = set()
        self.values: list[MetricValue] = []

    def read(self) -> list[MetricValue]:
        run: _Run | None = None
        chain: list[int] = []  # the 、-joined clauses right before this one that hold no number
        consumed = -1  # the last clause whose number a distribution (分别) took
        for clause, (start, end) in enumerate(self.view.spans):
            if clause > 0 and self.text[start - 1] != "、":
                chain = []
            if clause <= consumed:
                continue
            labels, numbers = self.labels[clause], self.numbers[clause]
            if not numbers:
                chain.append(clause)
                if labels:
                    run = _Run(labels[-1], None, self.default_words(start, labels[-1].end))
                elif run is not None and run.number is None:
                    run = None
                continue
            if _PLAN_WORDS.search(self.text, start, end):
                chain, run = [], None
                continue
            if chain and self._joint_total(chain, clause):
                chain, run = [], None  # `行政复议、行政诉讼案件共50件`: neither one's count
                continue
            if chain and _RESPECTIVELY.search(self.text, start, numbers[0].start):
                consumed = self._distribute(chain, clause)
                if consumed >= clause:
                    chain, run = [], None
                    continue
            first_value = len(self.values)
            run = self._read_clause(clause, run)
            if chain:
                self._share(chain, clause, first_value)
            chain = []
        return self.values

    def _read_clause(self, clause: int, run: _Run | None) -> _Run | None:
        labels, numbers = self.labels[clause], self.numbers[clause]
        start, end = self.view.spans[clause]
        if labels:
            run = None
            for index, label in enumerate(labels):
                limit = labels[index + 1].start if index + 1 < len(labels) else end
                found = self._number_for(label, clause, limit)
                if found is None:
                    run = _Run(label, None, self.default_words(start, label.end))
                    continue
                number, words = found
                if _fits(label.metric, number):
                    self._take(label, number, clause, words)
                    run = _Run(label, number, words)
                else:
                    run = None
            return run
        if run is None:
            return None
        first = numbers[0]
        if first.start in self.used or not _continues(self.text, run.label.metric, (start, end), first, run.number):
            return None
        own = self.default_words(start, first.start)
        words = f"{run.words},{own}" if own else run.words
        self._take(run.label, first, clause, words)
        return _Run(run.label, first, run.words)

    def _number_for(self, label: _Label, clause: int, limit: int) -> tuple[Number, str] | None:
        """The first number after the label (before the next label), else a count before it,
        with the words that name it; None when an exclude word governs that number."""
        numbers, clause_start = self.numbers[clause], self.view.spans[clause][0]
        matcher = _matcher(label.metric)
        after = bisect_left(numbers, label.end, key=lambda n: n.start)
        # the clause's own stretch of words for the label: from the last number before the label
        before_label = bisect_left(numbers, label.start, key=lambda n: n.start)
        segment = numbers[before_label - 1].unit_end if before_label > 0 else clause_start
        for number in numbers[after:]:
            if number.start >= limit:
                break
            if number.start in self.used or number.is_duration:
                continue  # `出庭应诉率连续三年保持100%`
            if number.start - label.end > _MAX_LABEL_GAP:
                return None
            if matcher.exclude and matcher.exclude.search(self.text, segment, number.start):
                return None  # `驳回行政复议申请6件`: an outcome's own number
            if _REACH.search(self.text, label.end, number.start):
                return None  # `办理人大代表建议涉及12个部门`: the departments', not the suggestions'
            return number, self.default_words(segment, number.start)
        before = numbers[after - 1] if after > 0 else None
        if (
            before is None
            or before.start in self.used
            or not before.is_count
            or not _OBJECT_AFTER_COUNT.fullmatch(self.text, before.unit_end, label.start)
        ):
            return None
        segment = numbers[after - 2].unit_end if after > 1 else clause_start
        if matcher.exclude and (
            matcher.exclude.search(self.text, segment, before.start)
            or matcher.exclude.search(self.text, before.unit_end, label.end)
        ):
            return None
        return before, self.default_words(segment, before.start, (before.unit_end, label.end))

    def _joint_total(self, chain: list[int], clause: int) -> bool:
        """A count after 、-joined names is their sum (`人大代表建议、政协提案98件`, `…共50件`),
        unless the report says each has it (分别 / 均)."""
        first = self.numbers[clause][0]
        start = self.view.spans[clause][0]
        if _RESPECTIVELY.search(self.text, start, first.start) or _SHARED_VALUE.search(self.text, start, first.start):
            return False
        if _JOINT_TOTAL.search(self.text, self.view.spans[chain[0]][0], first.start):
            return True
        return first.is_count and any(
            label.metric.unit == "count" for element in chain for label in self.labels[element]
        )

    def _distribute(self, chain: list[int], clause: int) -> int:
        """`人大代表建议、政协提案分别为58件、73件`: the i-th label takes the i-th number.

        Returns the last clause whose number was taken, or -1 when the counts do not pair up."""
        taken = [self.numbers[clause][0]]
        last = clause
        while last + 1 < len(self.view.spans) and self.numbers[last + 1]:
            start = self.view.spans[last + 1][0]
            first = self.numbers[last + 1][0]
            if self.text[start - 1] != "、" or not _FILLER_ONLY.fullmatch(self.text, start, first.start):
                break
            taken.append(first)
            last += 1
        elements = [*chain, clause]
        if len(taken) != len(elements):
            return -1
        for element, number in zip(elements, taken, strict=True):
            start, end = self.view.spans[element]
            if self.numbers[element]:  # the last label's clause: up to its `分别为`
                end = self.numbers[element][0].start
            for label in self.labels[element]:
                if label.start < end and _fits(label.metric, number) and not self._excluded_clause(label, element):
                    self._take(label, number, element, self.default_words(start, end))
            self.used.add(number.start)
        return last

    def _share(self, chain: list[int], clause: int, position: int) -> None:
        """`合法性审查率、网上办件率100%`, `…、…均为100%`: the labels of the chain take this clause's
        value; their values go in before the clause's own (`position`), in text order."""
        number = self.numbers[clause][0]
        start = self.view.spans[clause][0]
        if not (
            _SHARED_VALUE.search(self.text, start, number.start)
            or number.kind == PERCENT
            and _RATE_NAME_ONLY.fullmatch(self.text, start, number.start)
        ):
            return  # a value after words other than a rate's name is this clause's own
        for element in chain:
            for label in self.labels[element]:
                if _fits(label.metric, number) and not self._excluded_clause(label, element):
                    self._take(label, number, element, self.default_words(*self.view.spans[element]), position)
                    position += 1

    def _excluded_clause(self, label: _Label, clause: int) -> bool:
        exclude = _matcher(label.metric).exclude
        return exclude is not None and exclude.search(self.text, *self.view.spans[clause]) is not None

    def _take(self, label: _Label, number: Number, clause: int, words: str, position: int | None = None) -> None:
        self.used.add(number.start)
        metric = label.metric
        lookback = max(self.lookback_start, label.start - _SCOPE_LOOKBACK)
        scope = _scope(
            self.text,
            metric,
            (self.view.spans[clause], self.view.spans[self.view.clause_of(label.start)]),
            lookback,
            label.start,
        )
        self.values.insert(
            len(self.values) if position is None else position,
            MetricValue(
                id=metric.id,
                name=metric.name,
                value=number.value,
                unit=metric.unit,
                approx=number.approx,
                scope=scope,
                quote=self.quote,
                start=number.start,
                end=number.end,
                target=metric.target,
                meets_target=metric.target.met_by(number.value) if metric.target else None,
                label=words,
            ),
        )

    def default_words(self, start: int, end: int, after: tuple[int, int] | None = None) -> str:
        """The printed words of text[start:end] (and of `after`, the object after a count), without
        the connectives and fillers around them."""
        words = self.printed[start:end] + (self.printed[after[0] : after[1]] if after else "")
        words = _WORDS_TRIM.sub("", words.strip()).strip()
        return words if len(words) <= _MAX_LABEL_WORDS else "…" + words[-_MAX_LABEL_WORDS:]


@lru_cache(maxsize=64)
def _any_label(metrics: tuple[MetricDef, ...]) -> Pattern | None:
    """One alternation of every label of `metrics`: one search tells whether a sentence can hold
    a label at all, instead of every label pattern run over it. Where a label must be matched
    alone to mean what it says — it refers to a group by number or name, or sets its own flags —
    there is no such alternation (None) and every sentence is read label by label."""
    patterns = [p for metric in metrics for p in metric.labels]
    if not patterns or any(_REFERS_TO_GROUP.search(p.pattern) for p in patterns):
        return None
    try:
        # on RE2 where the labels allow, like each label alone (scorer.rubric.patterns)
        return compile_pattern("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:  # two labels name a group alike
        return None


# A backreference (\1, (?P=name)), a conditional on a group ((?(1)…)) or an inline flag group
# ((?i)): it means something else, or nothing, inside an alternation of several patterns.
_REFERS_TO_GROUP = lazy_pattern(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")


def _labels(text: str, span: tuple[int, int], metrics: Sequence[MetricDef]) -> list[_Label]:
    """Label matches in a sentence (a label names a thing: it never runs over a , 、 :); where labels
    overlap the longest wins."""
    found: list[_Label] = []
    for metric in metrics:
        for pattern in metric.labels:
            found.extend(
                _Label(metric, m.start(), m.end())
                for m in pattern.finditer(text, *span)
                if m.end() > m.start() and not _CLAUSE_SEPARATOR.search(m.group())
            )
    found.sort(key=lambda label: (label.start, -(label.end - label.start)))
    kept: list[_Label] = []
    for label in found:
        if kept and label.start < kept[-1].end:
            if label.end - label.start > kept[-1].end - kept[-1].start:
                kept[-1] = label
            continue
        kept.append(label)
    return kept


def _continues(text: str, metric: MetricDef, clause: tuple[int, int], number: Number, previous: Number | None) -> bool:
    """Does this unlabelled clause state another value of the metric of the clause before?"""
    if not _fits(metric, number):
        return False
    matcher = _matcher(metric)
    if matcher.exclude and matcher.exclude.search(text, clause[0], number.start):
        return False
    if previous is not None and metric.unit == "count" and number.unit != previous.unit:
        return False
    # previous None: `出庭应诉率:100%`, `行政复议案件:受理120件`, the label's own value follows
    prefix = text[clause[0] : number.start].strip()
    return len(prefix) <= _MAX_CONTINUATION_PREFIX and matcher.continuation.match(prefix) is not None


def _scope(
    text: str,
    metric: MetricDef,
    value_and_label_clauses: tuple[tuple[int, int], ...],
    lookback_start: int,
    label_start: int,
) -> str:
    """Scope words in the value's clause, else in the label's clause, else the nearest before the label."""
    pattern = _matcher(metric).scopes
    if pattern is None:
        return ""
    for start, end in value_and_label_clauses:
        words = list(dict.fromkeys(m.group() for m in pattern.finditer(text, start, end)))
        if words:
            return "、".join(words)
    before = list(pattern.finditer(text, lookback_start, label_start))
    return before[-1].group() if before else ""
