"""Figures: the rubric's metrics read from a report, their targets, and rates that do not add up.

What names a metric is data (MetricDef: `labels` regexes, `context`, `exclude`, `scopes`, from the
rubric YAML); this module is how a reader links a label to its number:

- within a clause (split at , 、 :) a number belongs to the nearest label before it:
  `行政机关负责人出庭率达100%`, `受理行政复议案件155件`, `废止文件27件`; a label may also follow
  its count directly (`办理155件行政复议案件`);
- a following clause without a label of its own continues the last value when it only adds a
  verb, a channel or a scope: `申请151件,受理149件,…,共审结案件113件`, `官网公开信息37662条,
  英文网站发布526条`, `区政府出庭率100%,部门及镇街95%`; a clause naming another quantity
  (`行政机关败诉数9件`, `政策解读71条`) ends the run;
- a count metric takes only a count (`件 宗 条 …`), a rate metric only a percent; a change
  (`增长8.22%`), a year, a date, an ordinal never are values;
- plans are not figures: sentences of a plans passage, and clauses that say 力争 / 预计 / 确保达到 ….

`check_consistency` recomputes a rate printed beside its counts (`X率` or `占比` after a part and
a total of the same measure word) and reports a rate that is off by more than its printed
precision. It is conservative: a rate is checked only when its part is identified by the rate's
own stem (`调解成功率` ← `成功调处4810件`, not `不满意…`) or stands right before `占比`, and it is
reported only when no earlier total makes it agree. A rate over a sum of listed parts
(`撤销19宗、确认违法13宗、变更2宗,直接纠错率7.8%`) is recomputed but never reported, because a
list may hold parts the rate does not count.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from .numbers import PERCENT, VALUE, Number, read_numbers
from .result import Finding, MetricValue
from .rubric.model import MetricDef
from .structure import PLANS, Sentence, Structure, clauses

# A clause that states an aim, not a result.
_PLAN_WORDS = re.compile(r"力争|争取|预计|计划(?:到|在|于|达)|拟(?:于|在|将|达)|目标(?:是|为|值)"
                         r"|确保(?:达到|实现)|将(?:达到|实现|提高到|提升到|提高至|提升至)")

# Verbs a continuing clause may add (`受理149件`, `英文网站发布526条`, `共审结案件113件`); the clause
# must end in one of them, optionally with a generic object and a filler, right before its number.
_SHARED_VERBS = ("受理|办理|办结|审结|结案|新收|收案|旧存|结转|收到|接收|发布|公开|处理|审查|审核|备案|"
                 "登记|立案|化解|调处|完成|答复|回复|报送")
_CONTINUATION_LEAD = r"(?:其中|另有?|共|累计|全年|同期)?"
_CONTINUATION_VERB = rf"(?:.{{0,6}}?(?:{_SHARED_VERBS})(?:各类|各项)?(?:案件|事项|信息|文件)?)?"
_FILLER = r"(?:均|共|共计|合计|累计|分别)?(?:达到?|为|是)?(?:约|近|超过?|逾|将近|接近)?"
_FILLER_ONLY = re.compile(_FILLER)
_MAX_CONTINUATION_PREFIX = 20
_MAX_LABEL_GAP = 15  # characters between a label and its number
# What may stand between a count and the label after it: `办理155件行政复议案件`, `办理155件的…`,
# `共办理86宗以区政府为被告的行政诉讼案件` (an attributive phrase ending in 的), `12件各类行政复议案件`.
_OBJECT_AFTER_COUNT = re.compile(r"(?:[^\d,、:;。()]{1,24}的)?(?:各类|各项|新收|一审|二审)?.?")
# 、-joined labels and one value: `网上办件率、全程网办率均达99%`, `合法性审查率、网上办件率100%`.
_RESPECTIVELY = re.compile(r"分别")
_SHARED_VALUE = re.compile(r"均|都|全部|一律")
_JOINT_TOTAL = re.compile(r"共|合计|总计")
_RATE_NAME_ONLY = re.compile(rf"[\u4e00-\u9fff“”\"]{{1,14}}率[”\"’]?{_FILLER}")
# Around the words a value was read with: connectives before, fillers before the number.
_WORDS_TRIM = re.compile(rf"^(?:其中|同时|另外|此外|并且?|且|及|和|以及)|{_FILLER}$")
_MAX_LABEL_WORDS = 30
_SCOPE_LOOKBACK = 80  # characters before a label searched for a scope word the sentence set earlier

_OP_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}

# The name of a rate right before its number: `调解成功率达`, `办理满意率`, `占比`.
_RATE_LABEL = re.compile(
    r"(?P<name>(?P<word>[\u4e00-\u9fff]{1,8})率|(?P<share>所占比例|占比|比例|比重))[”\"’]?"
    r"(?:均|已|分别)?(?:达到?|为|是|保持在?)?$"
)
# Words before a rate's stem that do not narrow what it counts (`办理满意率` = 满意率).
_GENERIC_RATE_MODIFIER = re.compile(r"办理|处理|工作|整体|总体|综合|平均|全年|年度|总")
_NEGATIONS = "不未非无"
_STEM_LENGTH = 2
# Rounding: half a unit of the last printed decimal, plus this, in percentage points.
_RATE_TOLERANCE = 0.01
# How far back a rate looks for its counts: a reader relates a rate to the counts of the last few
# clauses, and the bound keeps a run-on sentence (a table flattened to one line) linear.
_RATE_WINDOW_CLAUSES = 8
_RATE_WINDOW_COUNTS = 16

_Item = TypeVar("_Item")


@dataclass(frozen=True)
class _View:
    """A sentence's clauses and numbers, indexed so a lookup is a bisect, not a scan."""

    quote: str
    start: int  # the sentence's start
    spans: tuple[tuple[int, int], ...]  # clauses, not split inside `1,250`
    starts: tuple[int, ...]
    numbers: tuple[Number, ...]

    def clause_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def by_clause(self, items: Sequence[_Item], start_of: Callable[[_Item], int]) -> list[list[_Item]]:
        grouped: list[list[_Item]] = [[] for _ in self.spans]
        for item in items:
            grouped[self.clause_of(start_of(item))].append(item)
        return grouped


def _view(text: str, sentence: Sentence) -> _View:
    numbers = read_numbers(text, sentence.start, sentence.end)
    spans: list[tuple[int, int]] = []
    inside = 0  # index of the first number that ends after the current separator
    for start, end in clauses(text, sentence.start, sentence.end):
        separator = start - 1
        while inside < len(numbers) and numbers[inside].end <= separator:
            inside += 1
        if spans and inside < len(numbers) and numbers[inside].start < separator:
            spans[-1] = (spans[-1][0], end)  # the comma of a thousands group
        else:
            spans.append((start, end))
    return _View(text[sentence.start:sentence.end], sentence.start, tuple(spans),
                 tuple(start for start, _ in spans), tuple(numbers))


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

    scope = rf"(?:{alternation(metric.scopes)})?" if metric.scopes else ""
    return _MetricMatcher(
        exclude=re.compile(alternation(metric.exclude)) if metric.exclude else None,
        scopes=re.compile(alternation(metric.scopes)) if metric.scopes else None,
        continuation=re.compile(rf"^{_CONTINUATION_LEAD}{scope}{_CONTINUATION_VERB}{_FILLER}$"),
    )


# --- metric values --------------------------------------------------------------------------

def extract_metrics(text: str, structure: Structure, metrics: Sequence[MetricDef],
                    printed: str | None = None) -> list[MetricValue]:
    """Every value the report states for each metric, in text order.

    `printed` is the text as read (the same length as `text`): the words a value was read with
    are cut from it, so a report in traditional characters is quoted as printed."""
    values: list[MetricValue] = []
    previous: Sentence | None = None
    for sentence in structure.sentences:
        if sentence.passage != PLANS:
            # a metric's context words may stand in the sentence before, in the same paragraph
            # (`开展规范性文件清理。废止12件。`)
            same_paragraph = previous is not None and previous.paragraph == sentence.paragraph
            context = text[previous.start if same_paragraph else sentence.start:sentence.end]
            active = [m for m in metrics if not m.context or any(term in context for term in m.context)]
            if active:
                values.extend(_SentenceReader(text, printed or text, sentence, active).read())
        previous = sentence
    return values


def _fits(metric: MetricDef, number: Number) -> bool:
    return number.kind == PERCENT if metric.unit == "percent" else number.is_count


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
        self.quote = text[sentence.start:sentence.end]
        self.view = _view(text, sentence)
        quantities = [n for n in self.view.numbers if n.kind in (VALUE, PERCENT)]
        self.numbers = self.view.by_clause(quantities, lambda n: n.start)
        self.labels = self.view.by_clause(_labels(text, self.view.spans, metrics), lambda label: label.start)
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
                    run = _Run(labels[-1], None, self._words(start, end))
                elif run is not None and run.number is None:
                    run = None
                continue
            if _PLAN_WORDS.search(self.text, start, end):
                chain, run = [], None
                continue
            if chain and _JOINT_TOTAL.search(self.text, start, numbers[0].start):
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
                    run = _Run(label, None, self._words(start, end))
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
        own = self._words(start, first.start)
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
            if number.start in self.used:
                continue
            if number.start - label.end > _MAX_LABEL_GAP:
                return None
            if matcher.exclude and matcher.exclude.search(self.text, segment, number.start):
                return None  # `驳回行政复议申请6件`: an outcome's own number
            return number, self._words(segment, number.start)
        before = numbers[after - 1] if after > 0 else None
        if before is None or before.start in self.used or not before.is_count \
                or not _OBJECT_AFTER_COUNT.fullmatch(self.text, before.unit_end, label.start):
            return None
        segment = numbers[after - 2].unit_end if after > 1 else clause_start
        if matcher.exclude and (matcher.exclude.search(self.text, segment, before.start)
                                or matcher.exclude.search(self.text, before.unit_end, label.end)):
            return None
        return before, self._words(segment, before.start, (before.unit_end, label.end))

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
        for element, number in zip(elements, taken):
            start, end = self.view.spans[element]
            if self.numbers[element]:  # the last label's clause: up to its `分别为`
                end = self.numbers[element][0].start
            for label in self.labels[element]:
                if label.start < end and _fits(label.metric, number) and not self._excluded_clause(label, element):
                    self._take(label, number, element, self._words(start, end))
            self.used.add(number.start)
        return last

    def _share(self, chain: list[int], clause: int, position: int) -> None:
        """`合法性审查率、网上办件率100%`, `…、…均为100%`: the labels of the chain take this clause's
        value; their values go in before the clause's own (`position`), in text order."""
        number = self.numbers[clause][0]
        start = self.view.spans[clause][0]
        if not (_SHARED_VALUE.search(self.text, start, number.start)
                or number.kind == PERCENT and _RATE_NAME_ONLY.fullmatch(self.text, start, number.start)):
            return  # `行政复议、行政诉讼案件共50件` is a joint total, not each one's
        for element in chain:
            for label in self.labels[element]:
                if _fits(label.metric, number) and not self._excluded_clause(label, element):
                    self._take(label, number, element, self._words(*self.view.spans[element]), position)
                    position += 1

    def _excluded_clause(self, label: _Label, clause: int) -> bool:
        exclude = _matcher(label.metric).exclude
        return exclude is not None and exclude.search(self.text, *self.view.spans[clause]) is not None

    def _take(self, label: _Label, number: Number, clause: int, words: str, position: int | None = None) -> None:
        self.used.add(number.start)
        metric = label.metric
        lookback = max(self.lookback_start, label.start - _SCOPE_LOOKBACK)
        scope = _scope(self.text, metric, (self.view.spans[clause], self.view.spans[self.view.clause_of(label.start)]),
                       lookback, label.start)
        self.values.insert(len(self.values) if position is None else position, MetricValue(
            id=metric.id, name=metric.name, value=number.value, unit=metric.unit, approx=number.approx,
            scope=scope, quote=self.quote, start=number.start, end=number.end,
            target=str(metric.target) if metric.target else "",
            meets_target=metric.target.met_by(number.value) if metric.target else None,
            label=words))

    def _words(self, start: int, end: int, after: tuple[int, int] | None = None) -> str:
        """The printed words of text[start:end] (and of `after`, the object after a count), without
        the connectives and fillers around them."""
        words = self.printed[start:end] + (self.printed[after[0]:after[1]] if after else "")
        words = _WORDS_TRIM.sub("", words.strip())
        return words if len(words) <= _MAX_LABEL_WORDS else "…" + words[-_MAX_LABEL_WORDS:]


def _labels(text: str, spans: Sequence[tuple[int, int]], metrics: Sequence[MetricDef]) -> list[_Label]:
    """Label matches of every clause; where labels overlap the longest wins."""
    found = []
    for clause_start, clause_end in spans:
        for metric in metrics:
            for pattern in metric.labels:
                found.extend(_Label(metric, m.start(), m.end())
                             for m in pattern.finditer(text, clause_start, clause_end) if m.end() > m.start())
    found.sort(key=lambda label: (label.start, -(label.end - label.start)))
    kept: list[_Label] = []
    for label in found:
        if kept and label.start < kept[-1].end:
            if label.end - label.start > kept[-1].end - kept[-1].start:
                kept[-1] = label
            continue
        kept.append(label)
    return kept


def _continues(text: str, metric: MetricDef, clause: tuple[int, int], number: Number,
               previous: Number | None) -> bool:
    """Does this unlabelled clause state another value of the metric of the clause before?"""
    if not _fits(metric, number):
        return False
    matcher = _matcher(metric)
    if matcher.exclude and matcher.exclude.search(text, clause[0], number.start):
        return False
    if previous is not None and metric.unit == "count" and number.unit != previous.unit:
        return False
    # previous None: `出庭应诉率:100%`, `行政复议案件:受理120件`, the label's own value follows
    prefix = text[clause[0]:number.start].strip()
    return len(prefix) <= _MAX_CONTINUATION_PREFIX and matcher.continuation.match(prefix) is not None


def _scope(text: str, metric: MetricDef, value_and_label_clauses: tuple[tuple[int, int], ...],
           lookback_start: int, label_start: int) -> str:
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


# --- targets --------------------------------------------------------------------------------

def _printed(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def target_findings(values: Sequence[MetricValue], metrics: Sequence[MetricDef]) -> list[Finding]:
    """A warning for every value that misses its metric's target."""
    by_id = {m.id: m for m in metrics}
    findings = []
    for value in values:
        metric = by_id.get(value.id)
        if metric is None or metric.target is None or value.meets_target is not False:
            continue
        sign = "%" if metric.unit == "percent" else ""
        scope = f"（{value.scope}）" if value.scope else ""
        message = (f"{metric.name} {_printed(value.value)}{sign}{scope}未达到目标 "
                   f"{_OP_SIGNS[metric.target.op]} {_printed(metric.target.value)}{sign}")
        findings.append(Finding(kind="below-target", severity="warning", message=message,
                                requirement=metric.requirement or "", metric=metric.id, stated=value.value,
                                quote=value.quote, start=value.start, end=value.end))
    return findings


# --- rates beside their counts ---------------------------------------------------------------

@dataclass(frozen=True)
class RateCheck:
    """A printed rate recomputed from the counts printed before it in the same sentence."""

    label: str  # the rate's name as printed: 调解成功率, 占比 …
    stated: float
    computed: float  # part ÷ total × 100, rounded to 2 decimals
    parts: tuple[Number, ...]  # one part, or the listed parts that were summed
    total: Number
    consistent: bool  # some plausible total agrees within the printed precision
    from_sum: bool  # the part is a sum of listed counts: recomputed, never reported
    quote: str  # the sentence
    start: int  # span of the stated rate
    end: int


def check_consistency(text: str, structure: Structure) -> list[Finding]:
    """A warning for every rate that does not match the counts it is printed beside."""
    findings = []
    for check in rate_checks(text, structure):
        if check.consistent or check.from_sum:
            continue
        part = "+".join(_printed(p.value) for p in check.parts)
        message = (f"{check.label} {_printed(check.stated)}% 与所列数字不符："
                   f"{part} ÷ {_printed(check.total.value)} = {check.computed:.2f}%")
        findings.append(Finding(kind="rate-mismatch", severity="warning", message=message,
                                stated=check.stated, computed=check.computed, quote=check.quote,
                                start=check.start, end=check.end))
    return findings


def rate_checks(text: str, structure: Structure) -> list[RateCheck]:
    """Every rate of the report that can be recomputed from counts beside it, agreeing or not."""
    checks = []
    for sentence in structure.sentences:
        if sentence.passage == PLANS:
            continue
        view = _view(text, sentence)
        if not any(n.kind == PERCENT and not n.approx for n in view.numbers):
            continue
        checks.extend(_sentence_rate_checks(text, view))
    return checks


def _sentence_rate_checks(text: str, view: _View) -> list[RateCheck]:
    noted = _parenthesised(text, view)
    counts = [n for n in view.numbers if n.is_count and not n.approx and n.start not in noted]
    counts_by_clause = view.by_clause(counts, lambda n: n.start)
    quantities_by_clause = view.by_clause([n for n in view.numbers if n.kind in (VALUE, PERCENT)],
                                          lambda n: n.start)
    checks = []
    for rate in view.numbers:
        if rate.kind != PERCENT or rate.approx:
            continue
        clause = view.clause_of(rate.start)
        label = _RATE_LABEL.search(text, view.spans[clause][0], rate.start)
        if label is None:
            continue
        first_clause = max(0, clause - _RATE_WINDOW_CLAUSES)
        window = counts_by_clause[first_clause:clause]
        earlier = [count for clause_counts in window for count in clause_counts][-_RATE_WINDOW_COUNTS:]
        if label["share"]:  # `…事项2369项,占比95.87%`: the part is the count just before
            just_before = quantities_by_clause[clause - 1][-1:] if clause > 0 else []
            parts = [n for n in just_before if n in earlier]
        else:
            parts = _stem_parts(text, view, earlier, label["word"], (view.spans[first_clause][0], view.spans[clause][0]))
        check = (_part_check(label["name"], rate, parts, earlier, view.quote) if parts
                 else _sum_check(text, view, counts_by_clause, clause, label["name"], rate))
        if check is not None:
            checks.append(check)
    return checks


def _stem_parts(text: str, view: _View, earlier: list[Number], word: str,
                window: tuple[int, int]) -> list[Number]:
    """Counts whose clause names the rate's stem (满意率 ← 满意工单, not 不满意工单).

    None of them when the rate's name narrows its stem by a word the clauses before it
    (`window`) do not use (`及时办结率` beside `办结719宗`: `办结719宗` is the total, the part is
    not printed)."""
    stem, modifier = word[-_STEM_LENGTH:], _GENERIC_RATE_MODIFIER.sub("", word[:-_STEM_LENGTH])
    if modifier and modifier not in text[window[0]:window[1]]:
        return []
    parts = []
    for count in earlier:
        prefix = text[view.spans[view.clause_of(count.start)][0]:count.start]
        position = prefix.find(stem)
        while position > 0 and prefix[position - 1] in _NEGATIONS:
            position = prefix.find(stem, position + 1)
        if position >= 0:
            parts.append(count)
    return parts


def _part_check(label: str, rate: Number, parts: list[Number], earlier: list[Number], quote: str) -> RateCheck | None:
    """The nearest part over the first total is the reading reported; any agreeing pair clears it."""
    pairs = [(part, total) for part in parts for total in earlier
             if total.end <= part.start and total.unit == part.unit and total.value >= part.value
             and total not in parts]
    if not pairs:
        return None
    nearest = parts[-1]
    part, total = next(((p, t) for p, t in pairs if p is nearest), pairs[0])
    consistent = any(_agrees(rate, p.value, t.value) for p, t in pairs)
    return _rate_check(label, rate, (part,), total, consistent, False, quote)


def _sum_check(text: str, view: _View, counts_by_clause: list[list[Number]], clause: int,
               label: str, rate: Number) -> RateCheck | None:
    """Parts listed with 、 right before the rate, over the count right before the list."""
    parts: list[Number] = []
    index = clause - 1
    while index >= max(0, clause - _RATE_WINDOW_CLAUSES) and len(counts_by_clause[index]) == 1:
        parts.insert(0, counts_by_clause[index][0])
        if text[view.spans[index][0] - 1] != "、":
            break
        index -= 1
    if len(parts) < 2 or len({p.unit for p in parts}) != 1:
        return None
    part_sum = sum(p.value for p in parts)
    before_list = counts_by_clause[max(0, index - _RATE_WINDOW_CLAUSES):index]
    totals = [c for clause_counts in before_list for c in clause_counts
              if c.unit == parts[0].unit and c.value >= part_sum]
    if not totals:
        return None
    total = totals[-1]
    return _rate_check(label, rate, tuple(parts), total, _agrees(rate, part_sum, total.value), True, view.quote)


def _agrees(rate: Number, part: float, total: float) -> bool:
    allowed = 0.5 * 10 ** -rate.decimals + _RATE_TOLERANCE
    return total > 0 and abs(100 * part / total - rate.value) <= allowed


def _rate_check(label: str, rate: Number, parts: tuple[Number, ...], total: Number, consistent: bool,
                from_sum: bool, quote: str) -> RateCheck:
    computed = round(100 * sum(p.value for p in parts) / total.value, 2) if total.value else 0.0
    return RateCheck(label, rate.value, computed, parts, total, consistent, from_sum, quote, rate.start, rate.end)


def _parenthesised(text: str, view: _View) -> set[int]:
    """Starts of numbers inside `(含2件行政赔偿)`: a note on a count, not a count of its own."""
    noted, depth, position = set(), 0, view.start
    for number in view.numbers:
        between = text[position:number.start]
        depth = max(0, depth + between.count("(") - between.count(")"))
        if depth:
            noted.add(number.start)
        position = number.start
    return noted
