"""Figures: the rubric's metrics read from a report, their targets, and rates that do not add up.

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
  `近五千条`), a rate metric only a percent; a change (`增长8.22%`), a year, a date, an ordinal,
  a quoted name (`“四个百分百”`) never are values;
- plans are not figures: sentences of a plans passage, and clauses that say 力争 / 预计 / 确保达到 ….

Every value carries the report's own words it was read with (`label`) and its scope words.

`check_consistency` recomputes a printed rate only from counts the report names as its parts,
and reports one that is off by more than its printed precision. The numerator is a count whose
words name the rate's stem (`调解成功率` ← `成功调处4810件`, not `不满意…`), or for `占比` the
count right before it. The denominator is a count the report names as the whole: the count right
before the `其中` that opens the numerator's clause, a count of the same subject (`受理投诉200件,办结投诉190件`), the count of the
clause right before the numerator's when the rate follows at once (`受理纠纷5073件,成功调处4810件,
调解成功率94.8%`), or the sentence's first count when the numerator's own words name nothing
(`…,重办量380件,重办率3.11%`). Counts may stand in the sentence before the rate or after it.
Otherwise the rate is not recomputed: two counts of the same sentence may measure something
else. A rate is reported only when no pair of counts before it agrees. A rate over a sum of
listed parts (`撤销19宗、确认违法13宗、变更2宗,直接纠错率7.8%`) is recomputed but never reported,
because a list may hold parts the rate does not count.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from .lexicon import default_lexicon
from .numbers import PERCENT, VALUE, Number, read_numbers
from .result import FigureRead, Finding, MetricValue
from .rubric.model import MetricDef
from .rubric.patterns import Pattern, compile_pattern
from .structure import PLANS, Sentence, Structure, clauses

# A clause that states an aim, not a result.
_PLAN_WORDS = default_lexicon().pattern("figure_plan")

# Verbs a continuing clause may add (`受理149件`, `英文网站发布526条`, `共审结案件113件`); the clause
# must end in one of them and / or a generic object (`废止规章3件、行政规范性文件15件`), and a
# filler, right before its number.
_SHARED_VERBS = (
    "受理|办理|办结|审结|结案|新收|收案|旧存|结转|收到|接收|发布|公开|处理|审查|审核|备案|"
    "登记|立案|化解|调处|完成|答复|回复|报送"
)
_CONTINUATION_LEAD = r"(?:其中|另有?|共|累计|全年|同期)?"
_CONTINUATION_VERB = (
    rf"(?:.{{0,6}}?(?:{_SHARED_VERBS}))?(?:各类|各项)?"
    r"(?:案件|事项|信息|文件|申请|(?:行政)?规范性文件)?"
)
_FILLER = r"(?:均|共|共计|合计|累计|分别)?(?:达到?|为|是)?(?:约|近|超过?|逾|将近|接近)?"
_FILLER_ONLY = re.compile(_FILLER)
_MAX_CONTINUATION_PREFIX = 20
_MAX_LABEL_GAP = 15  # characters between a label and its number
# What may stand between a count and the label after it: `办理155件行政复议案件`, `办理155件的…`,
# `共办理86宗以区政府为被告的行政诉讼案件` (an attributive phrase ending in 的), `12件各类行政复议案件`;
# not `组织3场以行政复议案件为主题的…` (the count is of something else).
_OBJECT_AFTER_COUNT = re.compile(r"(?:[^\d,、:;。()]{0,24}的)?(?:各类|各项|新收|一审|二审)?")
# 、-joined labels and one value: `网上办件率、全程网办率均达99%`, `合法性审查率、网上办件率100%`.
_RESPECTIVELY = re.compile(r"分别")
_SHARED_VALUE = re.compile(r"均|都|全部|一律")
_JOINT_TOTAL = re.compile(r"共|合计|总计")
_RATE_NAME_ONLY = re.compile(rf"[\u4e00-\u9fff“”\"]{{1,14}}率[”\"’]?{_FILLER}")
# Around the words a value was read with: connectives before, fillers before the number.
_WORDS_TRIM = re.compile(rf"^(?:其中|同时|另外|此外|并且?|且|及|和|以及)|{_FILLER}$")
_MAX_LABEL_WORDS = 30
_CLAUSE_SEPARATOR = re.compile(r"[,、:]")
_SCOPE_LOOKBACK = 80  # characters before a label searched for a scope word the sentence set earlier

_OP_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}

# The name of a rate right before its number: `调解成功率达`, `办理满意率`, `占比`, `网上办理比例`.
_RATE_LABEL = re.compile(
    r"(?P<name>(?P<word>[\u4e00-\u9fff]{1,8})率|(?P<qualifier>[\u4e00-\u9fff]{0,8}?)(?:所占比例|占比|比例|比重))"
    r"[”\"’]?(?:均|已|分别)?(?:达到?|为|是|保持在?)?$"
)
# Words around a share's name that do not qualify it (`其中占比`, `所占的比例`).
_SHARE_FILLER = re.compile(r"其中|所|的|约|仅")
# Words before a rate's stem that do not narrow what it counts (`办理满意率` = 满意率).
_GENERIC_RATE_MODIFIER = re.compile(r"办理|处理|工作|整体|总体|综合|平均|全年|年度|总")
_NEGATIONS = "不未非无没"
_NEGATION_REACH = 3  # characters before a stem a negation may stand in: 不满意, 不予受理, 未按期办结
# Words around a count that do not say what it counts: connectives, verbs, fillers, 量 / 数.
_COUNT_WORDS_NOISE = re.compile(
    rf"其中|另有?|共计?|合计|累计|全年|同期|成功|依法|及时|按时|{_SHARED_VERBS}|了|的|量|数|达到?|为|是|约|近|[^\u4e00-\u9fff]"
)
# What names a rate's total, most telling first (see _RateReader._names_total).
_NAMING_ORDER = ("其中", "subject", "adjacent", "elided")
_STEM_LENGTH = 2
_QIZHONG_ALONE = re.compile(r"\s*其中\s*")
# Rounding: half a unit of the last printed decimal, plus this, in percentage points.
_RATE_TOLERANCE = 0.01
# How far back a rate looks for its counts: a reader relates a rate to the counts of the last few
# clauses, and the bound keeps a run-on sentence (a table flattened to one line) linear.
_RATE_WINDOW_CLAUSES = 8
_RATE_WINDOW_COUNTS = 16

_Item = TypeVar("_Item")


@dataclass(frozen=True)
class _View:
    """Sentences' clauses and numbers, indexed so a lookup is a bisect, not a scan."""

    quote: str
    start: int  # the first sentence's start
    spans: tuple[tuple[int, int], ...]  # clauses, not split inside `1,250`
    starts: tuple[int, ...]
    numbers: tuple[Number, ...]
    sentence_starts: tuple[int, ...]

    def clause_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def by_clause(self, items: Sequence[_Item], start_of: Callable[[_Item], int]) -> list[list[_Item]]:
        grouped: list[list[_Item]] = [[] for _ in self.spans]
        for item in items:
            grouped[self.clause_of(start_of(item))].append(item)
        return grouped


def _view(text: str, sentences: Sequence[Sentence]) -> _View:
    """The clauses and numbers of consecutive sentences (one, or a rate's sentence and its neighbours)."""
    start, end = sentences[0].start, sentences[-1].end
    numbers = _numbers(text, start, end)
    spans: list[tuple[int, int]] = []
    inside = 0  # index of the first number that ends after the current separator
    for sentence in sentences:
        for clause_start, clause_end in clauses(text, sentence.start, sentence.end):
            separator = clause_start - 1
            while inside < len(numbers) and numbers[inside].end <= separator:
                inside += 1
            if spans and inside < len(numbers) and numbers[inside].start < separator:
                spans[-1] = (spans[-1][0], clause_end)  # the comma of a thousands group
            else:
                spans.append((clause_start, clause_end))
    return _View(
        text[start:end],
        start,
        tuple(spans),
        tuple(s for s, _ in spans),
        tuple(numbers),
        tuple(s.start for s in sentences),
    )


@lru_cache(maxsize=4096)
def _numbers(text: str, start: int, end: int) -> tuple[Number, ...]:
    """read_numbers, read once: a sentence's numbers serve both its metric values and its rate
    checks. `text` is the whole document; its hash is computed once per string and a cache hit
    compares it by identity, so the key costs nothing for its length."""
    return tuple(read_numbers(text, start, end))


def _may_hold_percent(text: str, sentence: Sentence) -> bool:
    """False where the sentence cannot hold a percent (no % and no 百分之): no rate to check."""
    return text.find("%", sentence.start, sentence.end) >= 0 or text.find("百分之", sentence.start, sentence.end) >= 0


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
        self.quote = text[sentence.start : sentence.end]
        self.view = _view(text, (sentence,))
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
                    run = _Run(labels[-1], None, self._words(start, labels[-1].end))
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
                    run = _Run(label, None, self._words(start, label.end))
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
            if number.start in self.used or number.is_duration:
                continue  # `出庭应诉率连续三年保持100%`
            if number.start - label.end > _MAX_LABEL_GAP:
                return None
            if matcher.exclude and matcher.exclude.search(self.text, segment, number.start):
                return None  # `驳回行政复议申请6件`: an outcome's own number
            return number, self._words(segment, number.start)
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
        return before, self._words(segment, before.start, (before.unit_end, label.end))

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
                    self._take(label, number, element, self._words(start, end))
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
                    self._take(label, number, element, self._words(*self.view.spans[element]), position)
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

    def _words(self, start: int, end: int, after: tuple[int, int] | None = None) -> str:
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
_REFERS_TO_GROUP = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")


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
        message = (
            f"{metric.name} {_printed(value.value)}{sign}{scope}未达到目标 "
            f"{_OP_SIGNS[metric.target.op]} {_printed(metric.target.value)}{sign}"
        )
        findings.append(
            Finding(
                kind="below-target",
                severity="warning",
                message=message,
                requirement=metric.requirement or "",
                metric=metric.id,
                stated=value.value,
                quote=value.quote,
                start=value.start,
                end=value.end,
            )
        )
    return findings


# --- rates beside their counts ---------------------------------------------------------------


@dataclass(frozen=True)
class RateCheck:
    """A printed rate recomputed from the counts the report names as its numerator and denominator."""

    label: str  # the rate's name: 调解成功率, 占比 …
    label_start: int  # where the name stands
    stated: float
    computed: float  # part ÷ total × 100, rounded to 2 decimals
    parts: tuple[Number, ...]  # one part, or the listed parts that were summed
    total: Number
    consistent: bool  # some plausible total agrees within the printed precision
    from_sum: bool  # the part is a sum of listed counts: recomputed, never reported
    quote: str  # the rate's sentence
    start: int  # span of the stated rate
    end: int
    how: str  # what names the total: 其中 / subject / adjacent / elided / list
    part_clause: tuple[int, int]  # where the (first) part and the total were read
    total_clause: tuple[int, int]


def check_consistency(text: str, structure: Structure, printed: str | None = None) -> list[Finding]:
    """A warning for every rate that does not match the counts it is printed beside.

    `printed` is the text as read (the same length as `text`): the counts' words are quoted from it."""
    printed = printed or text
    findings = []
    for check in rate_checks(text, structure):
        if check.consistent or check.from_sum:
            continue
        part, total = check.parts[0], check.total
        part_words, total_words = (
            printed[slice(*check.part_clause)].strip(),
            printed[slice(*check.total_clause)].strip(),
        )
        label = printed[check.label_start : check.label_start + len(check.label)]
        message = (
            f"{label} {_printed(check.stated)}% 与所列数字不符："
            f"{_printed(part.value)} ÷ {_printed(total.value)} = {check.computed:.2f}%"
            f"（分子“{part_words}”，分母“{total_words}”）"
        )
        figures = (
            FigureRead("numerator", part.value, part_words, part.start, part.end),
            FigureRead("denominator", total.value, total_words, total.start, total.end),
        )
        findings.append(
            Finding(
                kind="rate-mismatch",
                severity="warning",
                message=message,
                stated=check.stated,
                computed=check.computed,
                quote=check.quote,
                start=check.start,
                end=check.end,
                figures=figures,
            )
        )
    return findings


def rate_checks(text: str, structure: Structure) -> list[RateCheck]:
    """Every rate of the report recomputed from the counts named as its parts, agreeing or not."""
    checks = []
    sentences = structure.sentences
    for index, sentence in enumerate(sentences):
        if sentence.passage == PLANS:
            continue
        if not _may_hold_percent(text, sentence):
            continue
        rates = [n for n in _numbers(text, sentence.start, sentence.end) if n.kind == PERCENT and not n.approx]
        if not rates:
            continue
        # a rate's counts may stand in the sentences around it, in the same paragraph; but the
        # counts of a sentence before that states a rate of its own are that rate's
        neighbours = [
            s
            for s in sentences[max(0, index - 1) : index + 2]
            if s.paragraph == sentence.paragraph and s.passage != PLANS
        ]
        before = neighbours[0] if neighbours[0] is not sentence else None
        first_start = (
            sentence.start
            if before is not None
            and _may_hold_percent(text, before)
            and any(n.kind == PERCENT for n in _numbers(text, before.start, before.end))
            else neighbours[0].start
        )
        checks.extend(_RateReader(text, _view(text, neighbours), first_start).checks(rates, sentence))
    return checks


@dataclass(frozen=True)
class _Count:
    number: Number
    clause: int
    own_words: str  # the words naming what it counts, without verbs and fillers ("" when elided)


class _RateReader:
    """The rates of one sentence, each paired with the counts that name its parts."""

    def __init__(self, text: str, view: _View, first_start: int) -> None:
        """`first_start`: where the counts a rate may be read with begin."""
        self.text, self.view = text, view
        noted = _parenthesised(text, view)
        self.counts = [
            _Count(n, view.clause_of(n.start), self._own_words(n, view.clause_of(n.start)))
            for n in view.numbers
            if n.is_count and not n.approx and n.start not in noted and n.start >= first_start
        ]
        self.counts_by_clause = view.by_clause(self.counts, lambda c: c.number.start)
        quantities = [n for n in view.numbers if n.kind in (VALUE, PERCENT)]
        self.quantities_by_clause = view.by_clause(quantities, lambda n: n.start)

    def checks(self, rates: list[Number], sentence: Sentence) -> list[RateCheck]:
        quote = self.text[sentence.start : sentence.end]
        found = []
        for rate in rates:
            clause = self.view.clause_of(rate.start)
            label = _RATE_LABEL.search(self.text, self.view.spans[clause][0], rate.start)
            if label is None:
                continue
            check = self._check(rate, clause, label, quote)
            if check is not None:
                found.append(check)
        return found

    def _check(self, rate: Number, clause: int, label: re.Match[str], quote: str) -> RateCheck | None:
        name = (label["name"], label.start("name"))
        word = label["word"] if label["word"] is not None else _SHARE_FILLER.sub("", label["qualifier"] or "")
        first = max(0, clause - _RATE_WINDOW_CLAUSES)
        earlier = [c for clause_counts in self.counts_by_clause[first:clause] for c in clause_counts][
            -_RATE_WINDOW_COUNTS:
        ]
        later = self._counts_after(rate, clause)
        stem = word[-_STEM_LENGTH:]
        for window, words_start, words_end in (
            (earlier, self.view.spans[first][0], self.view.spans[clause][0]),
            (later, self.view.spans[clause][1], self.view.spans[-1][1]),
        ):
            if word:
                parts = self._stem_parts(window, word, self.text[words_start:words_end])
            else:  # `…事项2369项,占比95.87%`: the part is the count just before
                just_before = self.quantities_by_clause[clause - 1][-1:] if clause > 0 and window is earlier else []
                parts = [c for c in window if c.number in just_before]
            named = [
                (part, total, how)
                for part in parts
                for total in window
                if (how := self._names_total(part, total, stem, clause, window)) is not None
            ]
            if named:
                return self._part_check(name, rate, named, window, quote)
        return self._sum_check(rate, clause, name, quote)

    def _counts_after(self, rate: Number, clause: int) -> list[_Count]:
        """`调解成功率98%。全年调解纠纷1000件,成功调解980件。`: counts after the rate, up to the
        next rate or the end of the next sentence."""
        later: list[_Count] = []
        for index in range(clause + 1, min(len(self.view.spans), clause + 1 + _RATE_WINDOW_CLAUSES)):
            if any(n.kind == PERCENT for n in self.quantities_by_clause[index]):
                return []  # another rate follows: the counts may be its own
            later.extend(self.counts_by_clause[index])
        return later

    def _stem_parts(self, window: list[_Count], word: str, window_text: str) -> list[_Count]:
        """Counts whose words name the rate's stem, before or after them (满意率 ← 满意工单 / 11881件
        为满意工单, not 不满意工单).

        None of them when the rate's name narrows its stem by a word the counts' clauses do not
        use (`及时办结率` beside `办结719宗`: `办结719宗` is the total, the part is not printed)."""
        # the modifier's word nearest the stem: `人民调解成功率` narrows 成功 by 调解
        modifier = _GENERIC_RATE_MODIFIER.sub("", word[:-_STEM_LENGTH])[-_STEM_LENGTH:]
        if modifier and modifier not in window_text:
            return []
        return [
            count
            for count in window
            if _names_stem(self._words_before(count), word) or _names_stem(self._words_after(count), word)
        ]

    def _names_total(
        self, part: _Count, total: _Count, stem: str, rate_clause: int, window: list[_Count]
    ) -> str | None:
        """How the report names `total` as the whole `part` is counted in, or None when it does not."""
        if (
            total.number.end > part.number.start
            or total.number.unit != part.number.unit
            or total.number.value < part.number.value
        ):
            return None
        # 其中 opening the numerator's clause or standing alone right before it, right after the total
        opening = self.view.spans[
            part.clause - 1
            if part.clause > 0 and _QIZHONG_ALONE.fullmatch(self.text, *self.view.spans[part.clause - 1])
            else part.clause
        ][0]
        qizhong = self.text.find("其中", opening, part.number.start)
        if qizhong >= 0 and not any(total.number.end < c.number.start < qizhong for c in window):
            return "其中"  # `工单12230件,其中满意工单11881件`: the report's own whole and part
        own = part.own_words.replace(stem, "") if stem else part.own_words
        if len(own) >= _STEM_LENGTH and own in self._clause_text(total):
            return "subject"  # `受理投诉200件,办结投诉190件`: the same thing counted
        if part.clause == total.clause + 1 and rate_clause in (part.clause, part.clause + 1):
            return "adjacent"  # `受理纠纷5073件,成功调处4810件,调解成功率94.8%`
        if not own and total is self._sentence_head(part):
            return "elided"  # `受理纠纷300件,…,成功调处280件`: what it counts is the sentence's first count
        return None

    def _sentence_head(self, count: _Count) -> _Count | None:
        """The first count of the sentence `count` stands in, with its measure word."""
        sentence_start = self.view.sentence_starts[bisect_right(self.view.sentence_starts, count.number.start) - 1]
        return next(
            (c for c in self.counts if c.number.start >= sentence_start and c.number.unit == count.number.unit), None
        )

    def _part_check(
        self,
        name: tuple[str, int],
        rate: Number,
        named: list[tuple[_Count, _Count, str]],
        window: list[_Count],
        quote: str,
    ) -> RateCheck:
        """The reading reported is the nearest part over its best-named total; any pair of counts
        before the rate that agrees clears it (a report may count over a total we cannot name)."""
        nearest = max((part for part, _, _ in named), key=lambda c: c.number.start)
        readings = sorted(
            (r for r in named if r[0] is nearest), key=lambda r: (_NAMING_ORDER.index(r[2]), -r[1].number.start)
        )
        part, total, how = readings[0]
        parts = {p for p, _, _ in named}
        consistent = any(
            _agrees(rate, p.number.value, t.number.value)
            for p in parts
            for t in window
            if t.number.end <= p.number.start
            and t.number.unit == p.number.unit
            and t.number.value >= p.number.value
            and t not in parts
        )
        consistent = consistent or any(_agrees(rate, p.number.value, t.number.value) for p, t, _ in named)
        return _rate_check(
            name,
            rate,
            (part.number,),
            total.number,
            consistent,
            False,
            quote,
            how,
            (self.view.spans[part.clause], self.view.spans[total.clause]),
        )

    def _sum_check(self, rate: Number, clause: int, name: tuple[str, int], quote: str) -> RateCheck | None:
        """Parts listed with 、 right before the rate, over the count right before the list."""
        parts: list[Number] = []
        index = clause - 1
        while index >= max(0, clause - _RATE_WINDOW_CLAUSES) and len(self.counts_by_clause[index]) == 1:
            parts.insert(0, self.counts_by_clause[index][0].number)
            if self.text[self.view.spans[index][0] - 1] != "、":
                break
            index -= 1
        if len(parts) < 2 or len({p.unit for p in parts}) != 1:
            return None
        part_sum = sum(p.value for p in parts)
        before_list = self.counts_by_clause[max(0, index - _RATE_WINDOW_CLAUSES) : index]
        totals = [
            c.number
            for clause_counts in before_list
            for c in clause_counts
            if c.number.unit == parts[0].unit and c.number.value >= part_sum
        ]
        if not totals:
            return None
        total = totals[-1]
        return _rate_check(
            name,
            rate,
            tuple(parts),
            total,
            _agrees(rate, part_sum, total.value),
            True,
            quote,
            "list",
            (self.view.spans[self.view.clause_of(parts[0].start)], self.view.spans[self.view.clause_of(total.start)]),
        )

    def _words_before(self, count: _Count) -> str:
        return self.text[self.view.spans[count.clause][0] : count.number.start]

    def _words_after(self, count: _Count) -> str:
        """`其中190件已办结`: the words after a count, up to the next number of its clause."""
        end = self.view.spans[count.clause][1]
        following = bisect_right(self.view.numbers, count.number.start, key=lambda n: n.start)
        if following < len(self.view.numbers):
            end = min(end, self.view.numbers[following].start)
        return self.text[count.number.unit_end : end]

    def _clause_text(self, count: _Count) -> str:
        return self.text[slice(*self.view.spans[count.clause])]

    def _own_words(self, number: Number, clause: int) -> str:
        """What a count counts, in its clause's words: `满意工单` of `其中满意工单11881件`, `纠纷` of
        `成功调处了4810件纠纷`, "" of `成功调处4810件`, `重办` of `重办量380件` (nothing once the
        rate's stem is taken off: what it counts is elided, the sentence's)."""
        start, end = self.view.spans[clause]
        before = _COUNT_WORDS_NOISE.sub("", self.text[start : number.start])
        if before:
            return before
        after = re.match(r"[\u4e00-\u9fff]{0,8}", self.text[number.unit_end : end])
        return _COUNT_WORDS_NOISE.sub("", after.group()) if after else ""


def _names_stem(words: str, word: str) -> bool:
    """Do the words before a count name the rate (`word`: 满意, 按期办结, 不见面审批 …) by its stem,
    not its negation (不满意, 不予受理, 未按期办结)?"""
    # the rate's whole name where the words hold it (a negation inside it is its own: 不见面审批),
    # else its stem
    name = word if len(word) > _STEM_LENGTH and word in words else word[-_STEM_LENGTH:]
    position = words.find(name)
    return position >= 0 and not any(ch in _NEGATIONS for ch in words[max(0, position - _NEGATION_REACH) : position])


def _agrees(rate: Number, part: float, total: float) -> bool:
    """Within the printed precision; a share that would round up to a full 100% may be cut off
    instead (58810 ÷ 58816 = 99.99% printed as 99.9%: not everything was done)."""
    if total <= 0:
        return False
    exact, unit = 100 * part / total, 10**-rate.decimals
    if abs(exact - rate.value) <= 0.5 * unit + _RATE_TOLERANCE:
        return True
    return part < total and rate.value <= exact and round(exact, rate.decimals) >= 100


def _rate_check(
    label: tuple[str, int],
    rate: Number,
    parts: tuple[Number, ...],
    total: Number,
    consistent: bool,
    from_sum: bool,
    quote: str,
    how: str,
    clauses_read: tuple[tuple[int, int], tuple[int, int]],
) -> RateCheck:
    computed = round(100 * sum(p.value for p in parts) / total.value, 2) if total.value else 0.0
    return RateCheck(
        *label,
        rate.value,
        computed,
        parts,
        total,
        consistent,
        from_sum,
        quote,
        rate.start,
        rate.end,
        how,
        *clauses_read,
    )


def _parenthesised(text: str, view: _View) -> set[int]:
    """Starts of numbers inside `(含2件行政赔偿)`: a note on a count, not a count of its own."""
    noted, depth, position = set(), 0, view.start
    for number in view.numbers:
        between = text[position : number.start]
        depth = max(0, depth + between.count("(") - between.count(")"))
        if depth:
            noted.add(number.start)
        position = number.start
    return noted
