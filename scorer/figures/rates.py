"""Rates beside their counts.

`check_consistency` recomputes a printed rate only from counts the report names as its parts,
and reports one that is off by more than its printed precision. The numerator is a count whose
words name the rate's stem (`调解成功率` ← `成功调处4810件`, not `不满意…`), or for `占比` the
count right before it. The denominator is a count the report names as the whole: the count right
before the `其中` that opens the numerator's clause, a count of the same subject
(`受理投诉200件,办结投诉190件`), the count of the clause right before the numerator's when the
rate follows at once (`受理纠纷5073件,成功调处4810件,调解成功率94.8%`), or the sentence's first
count when the numerator's own words name nothing (`…,重办量380件,重办率3.11%`). Counts may
stand in the sentence before the rate or after it. Otherwise the rate is not recomputed: two
counts of the same sentence may measure something else. A rate is reported only when no pair of
counts before it agrees. A rate over a sum of listed parts
(`撤销19宗、确认违法13宗、变更2宗,直接纠错率7.8%`) is recomputed but never reported, because a
list may hold parts the rate does not count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..lazy_re import lazy, lazy_pattern
from ..lexicon import default_lexicon, default_pattern, default_words
from ..numbers import PERCENT, VALUE, Number
from ..result import FigureRead, Finding
from ..structure import PLANS, Sentence, Structure
from .targets import printed_value
from .view import ClauseView, clause_view, may_hold_percent, numbers_between

# The name of a rate right before its number: `调解成功率达`, `办理满意率`, `占比`, `网上办理比例`.
_RATE_LABEL = lazy(
    lambda: re.compile(
        rf"(?P<name>(?P<word>[\u4e00-\u9fff]{{1,8}})率|(?P<qualifier>[\u4e00-\u9fff]{{0,8}}?){default_words('share_names')})"
        r"[”\"’]?(?:均|已|分别)?(?:达到?|为|是|保持在?)?$"
    )
)
# Words around a share's name that do not qualify it (`其中占比`, `所占的比例`).
_SHARE_FILLER = default_pattern("share_fillers")
# Words before a rate's stem that do not narrow what it counts (`办理满意率` = 满意率).
_GENERIC_RATE_MODIFIER = default_pattern("generic_rate_modifiers")
_NEGATION_REACH = 3  # characters before a stem a negation may stand in: 不满意, 不予受理, 未按期办结
# Words around a count that do not say what it counts: connectives, verbs, fillers, 量 / 数.
_COUNT_WORDS_NOISE = lazy(
    lambda: re.compile(rf"{default_words('count_noise')}|{default_words('count_verbs')}|[^\u4e00-\u9fff]")
)
# What names a rate's total, most telling first (see _RateReader._names_total).
_NAMING_ORDER = ("其中", "subject", "adjacent", "elided")
_STEM_LENGTH = 2
_QIZHONG_ALONE = lazy_pattern(r"\s*其中\s*")
# Rounding: half a unit of the last printed decimal, plus this, in percentage points.
_RATE_TOLERANCE = 0.01
# How far back a rate looks for its counts: a reader relates a rate to the counts of the last few
# clauses, and the bound keeps a run-on sentence (a table flattened to one line) linear.
_RATE_WINDOW_CLAUSES = 8
_RATE_WINDOW_COUNTS = 16


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
            f"{label} {printed_value(check.stated)}% 与所列数字不符："
            f"{printed_value(part.value)} ÷ {printed_value(total.value)} = {check.computed:.2f}%"
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
        if not may_hold_percent(text, sentence):
            continue
        rates = [n for n in numbers_between(text, sentence.start, sentence.end) if n.kind == PERCENT and not n.approx]
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
            and may_hold_percent(text, before)
            and any(n.kind == PERCENT for n in numbers_between(text, before.start, before.end))
            else neighbours[0].start
        )
        checks.extend(_RateReader(text, clause_view(text, neighbours), first_start).checks(rates, sentence))
    return checks


@dataclass(frozen=True)
class _Count:
    number: Number
    clause: int
    own_words: str  # the words naming what it counts, without verbs and fillers ("" when elided)


class _RateReader:
    """The rates of one sentence, each paired with the counts that name its parts."""

    def __init__(self, text: str, view: ClauseView, first_start: int) -> None:
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
    negations = default_lexicon().lists["negation_characters"]
    return position >= 0 and not any(ch in negations for ch in words[max(0, position - _NEGATION_REACH) : position])


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


def _parenthesised(text: str, view: ClauseView) -> set[int]:
    """Starts of numbers inside `(含2件行政赔偿)`: a note on a count, not a count of its own."""
    noted, depth, position = set(), 0, view.start
    for number in view.numbers:
        between = text[position : number.start]
        depth = max(0, depth + between.count("(") - between.count(")"))
        if depth:
            noted.add(number.start)
        position = number.start
    return noted
