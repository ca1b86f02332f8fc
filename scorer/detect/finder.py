"""The protocol every detector kind's code follows: `find(detector, doc) -> list[Hit]`.

`Doc` is what a finder reads (the normalised text, its structure, the extracted figures, the
judge); `Hit` is what it returns, one per place that speaks for the requirement, each judged
(scorer.detect.judge); RANK orders the judgments, best first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from ..lexicon import Lexicon, default_lexicon
from ..result import EvidenceKind, MetricValue
from ..rubric.patterns import Pattern
from ..structure import Sentence, Structure
from .judge import ACHIEVEMENT, GENERIC, NEGATED, PLAN, SHORTCOMING, Judgment, clause_span, judge_for


@dataclass(frozen=True)
class Doc:
    """What detectors look at: the normalised text, its structure and its extracted figures."""

    text: str
    structure: Structure
    metrics: tuple[MetricValue, ...] = ()
    lexicon: Lexicon = field(default_factory=default_lexicon)
    level: str | None = None  # the report's (scorer.metadata), for detectors kept to some levels

    def judge(self, sentence: Sentence, hit_start: int, hit_end: int, names: Pattern | None = None) -> Judgment | None:
        """scorer.detect.judge's judgment of the hit at text[hit_start:hit_end]; `names` matches
        the requirement's own terms."""
        return judge_for(self.lexicon).judge(self.text, self.structure, sentence, hit_start, hit_end, names)

    def run(self, sentence: Sentence, hit_start: int, hit_end: int) -> tuple[int, int]:
        """The hit's clause with the clauses it continues and that continue it (scorer.detect.judge)."""
        return judge_for(self.lexicon).run(self.text, self.structure, sentence, hit_start, hit_end)

    def goes_on_from(self, sentence: Sentence) -> Sentence | None:
        """The sentence a semicolon parts this one from where it goes on from it (…改革全覆盖；全年新设…):
        one sentence to a reader, as with a comma (scorer.detect.judge.Judge.semicolon_previous)."""
        return judge_for(self.lexicon).semicolon_previous(self.text, self.structure, sentence)

    def going_on(self, sentence: Sentence) -> Sentence | None:
        """The next sentence, where it goes on from this one across a semicolon (goes_on_from)."""
        return judge_for(self.lexicon).semicolon_next(self.text, self.structure, sentence)

    def joined_by_semicolon(self, sentence: Sentence, exclusions: Exclusions) -> str:
        """The words a semicolon parts from the sentence, where a comma would have left them in it: the
        clause it goes on from when it opens with a continuation's lead (…第一责任人职责；全年主持厅党组
        会议审议…7次), and the first clause of the next sentence when that one goes on from it
        (…重点领域,开展…专项行动；全年共检查在建项目1043个次). Context for an `all` entry, as they are
        with the comma (goes_on_from, going_on). A full stop closes a thought
        (…为依法决策提供了有力支撑。全年出台…): nothing is joined across it. Nor are words holding
        context that rules a hit out (规范性文件监督管理；全年向…人大常委会报备…): they come together."""
        text = self.text
        words = ""
        before = text[max(0, sentence.start - 3) : sentence.start].rstrip()[-1:]
        if text[sentence.end - 1] not in ";；" and (not before or before not in ";；"):
            return words  # (most sentences: no semicolon at either end)
        previous = self.goes_on_from(sentence)
        if previous is not None:
            words = text[clause_span(text, previous, previous.end - 1)[0] : previous.end]
        following = self.going_on(sentence)
        if following is not None:
            words += text[following.start : clause_span(text, following, following.start)[1]]
        return "" if exclusions.rule_out(words) else words

    def sentences_touched(self, pattern: Pattern) -> list[int]:
        """The indices of the sentences a match of `pattern` touches, in order: one scan of the text
        instead of a search of every sentence. A match running on past a sentence's end touches the
        next one too, where it may hide a match of that sentence's own; one in a title above the
        first sentence touches none."""
        starts = self.structure.sentence_starts
        touched: list[int] = []
        bound = -1  # where the sentence after the last one touched starts
        for m in pattern.finditer(self.text):
            end = max(m.start(), m.end() - 1)
            if end < bound:
                continue  # within sentences already touched (the genre repeats its words)
            last = bisect_right(starts, end) - 1
            first = max(0, bisect_right(starts, m.start()) - 1, touched[-1] + 1 if touched else 0)
            touched.extend(range(first, last + 1))
            if touched:
                bound = starts[touched[-1] + 1] if touched[-1] + 1 < len(starts) else len(self.text)
        return touched

    def detail(self, start: int, end: int) -> tuple[int, int] | None:
        """The first specific detail (a count, a named document, …) in text[start:end]."""
        return judge_for(self.lexicon).find_detail(self.text, start, end)

    @cached_property
    def sentences_by_section(self) -> dict[int, list[int]]:
        """The indices of each section's sentences."""
        by_section: dict[int, list[int]] = {}
        for index, sentence in enumerate(self.structure.sentences):
            by_section.setdefault(sentence.section, []).append(index)
        return by_section

    @cached_property
    def _heading_titles(self) -> tuple[str, list[int], list[tuple[int, int, int]]]:
        """The titles of the headings whose subject runs on below them (Heading.lends_subject), joined
        by NUL; where each starts in the joined text; and each one's (section index, start, end)."""
        titles: list[tuple[int, int, int]] = [
            (index, section.heading.title_start, section.heading.end)
            for index, section in enumerate(self.structure.sections)
            if section.heading.lends_subject
        ]
        joined = "\0".join(self.text[start:end] for _, start, end in titles)
        starts, at = [], 0
        for _, start, end in titles:
            starts.append(at)
            at += end - start + 1
        return joined, starts, titles

    def headings_naming(self, terms: re.Pattern[str]) -> set[int]:
        """Sections whose heading title holds a match of `terms` (an alternation of literal terms):
        one scan of all the titles instead of a search per heading for every detector."""
        joined, starts, titles = self._heading_titles
        if "\0" in terms.pattern:  # a term holding a NUL could run from one title into the next
            return {index for index, start, end in titles if terms.search(self.text, start, end)}
        return {titles[bisect_right(starts, m.start()) - 1][0] for m in terms.finditer(joined)}


@dataclass(frozen=True)
class Hit:
    sentence: Sentence
    start: int  # the matched term / pattern / number
    end: int
    kind: EvidenceKind  # a judge kind
    detector: str
    max_status: str = "met"
    below_target: bool = False
    detail: tuple[int, int] | None = None  # the specific detail that made it an achievement
    from_heading: bool = False  # the subject was named in the sentence's heading, not in it
    admission: bool = False  # found by an admission detector: a shortcoming is what it looks for

    @property
    def counts_as(self) -> EvidenceKind:
        """The kind the hit counts as for its requirement: an admission detector's shortcoming or
        denial (部分乡镇法制审核力量仍较薄弱, 记录尚未做到全覆盖: for report.shortcomings) speaks for
        it as an achievement does."""
        return ACHIEVEMENT if self.admission and self.kind in (SHORTCOMING, NEGATED) else self.kind


@dataclass(frozen=True)
class Exclusions:
    """A detector's `exclude` terms, in two roles. A look-alike holds a match of the detector's
    own terms (学法考试 for 学法, 普法办 for 普法): it masks only the place where it stands, so a
    sentence with a 学法考试 may still report 会前学法. Any other exclusion is context (为组长 for
    a leader's title, 人大常委会 for 常委会): it rules out a hit in whose run of clauses it stands
    (rule_out_at), or, for a heading's subject, anywhere in the heading and sentence (rule_out).
    Context inside a match of the detector's own terms is that term, not context (培训 of 校外培训)."""

    lookalikes: tuple[str, ...]
    context: tuple[str, ...]
    terms: Pattern  # the detector's own terms

    @staticmethod
    @lru_cache(maxsize=4096)
    def of(exclude: tuple[str, ...], terms: Pattern) -> Exclusions:
        """The roles of a detector's exclusions, sorted once per detector (not per document)."""
        lookalikes = tuple(term for term in exclude if terms.search(term))
        return Exclusions(lookalikes, tuple(term for term in exclude if term not in lookalikes), terms)

    def rule_out(self, body: str) -> bool:
        return any(term in body for term in self.context)

    def has_all(self, part: str, required: tuple[str, ...]) -> bool:
        """Whether `part` holds every `all` entry ("a|b": either) outside the context: a word the
        context holds is the context's (审查 of 公平竞争审查 is no review of normative documents),
        wherever in the sentence it stands."""
        if not required:
            return True
        for term in self.context:
            part = part.replace(term, "\0")
        return all(any(alt in part for alt in entry.split("|")) for entry in required)

    def rule_out_at(
        self,
        text: str,
        sentence: Sentence,
        hit: tuple[int, int],
        detail: tuple[int, int] | None,
        run_start: int,
        detail_sentence: Sentence | None = None,
    ) -> bool:
        """Whether context rules out the hit: context in the run of clauses the hit stands in (from
        `run_start`) or in the clause of the detail it was judged by (落实公平竞争审查制度,审查文件
        57件 / 严格规范性文件管理,对…198件规范性文件进行备案审查), also where that clause opens the
        next sentence, `detail_sentence` (…合法性审核机制；全年审核规范性文件26件: a count that goes on
        from the hit, judge._continued_count); not in a later clause, which reports something else
        (审核规范性文件43件,备案审查…386件), nor inside a match of the detector's own terms (培训 of
        校外培训). Called only for a detector with context (best_hit), which spares finding the run
        for the others."""
        if detail and detail_sentence is not None and detail_sentence is not sentence:
            if self._context_in(text, hit, detail_sentence.start, clause_span(text, detail_sentence, detail[0])[1]):
                return True
            detail = None
        reach = clause_span(text, sentence, max(hit[0], detail[0] if detail else hit[0]))[1]
        begin = min(run_start, clause_span(text, sentence, detail[0])[0] if detail else run_start)
        return self._context_in(text, hit, begin, reach)

    def _context_in(self, text: str, hit: tuple[int, int], begin: int, reach: int) -> bool:
        own: list[tuple[int, int]] | None = None
        for term in self.context:
            at = text.find(term, begin, reach)
            while at != -1:
                if own is None:
                    own = [hit] + [m.span() for m in self.terms.finditer(text, begin, reach)]
                if not any(s <= at and at + len(term) <= e for s, e in own):
                    return True
                at = text.find(term, at + 1, reach)
        return False

    def masks(self, text: str, start: int, end: int, hit_start: int, hit_end: int) -> bool:
        """Whether the hit at text[hit_start:hit_end] lies inside a look-alike in text[start:end]."""
        # an occurrence covering the hit starts no earlier than hit_end - len and ends no later
        # than hit_start + len: find() within that window finds only such occurrences
        return any(
            text.find(term, max(start, hit_end - len(term)), min(end, hit_start + len(term))) != -1
            for term in self.lookalikes
        )

    def first_unmasked(self, terms: Pattern, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of the first match of `terms` in text[start:end] that no look-alike masks."""
        for m in terms.finditer(text, start, end):
            if not self.masks(text, start, end, m.start(), m.end()):
                return m.start(), m.end()
        return None


# How strongly each kind of hit speaks for a requirement, best first; the reason a requirement
# is only partial comes from its best hit.
RANK = {ACHIEVEMENT: 0, GENERIC: 1, PLAN: 2, SHORTCOMING: 3, NEGATED: 4}


def best_hit(
    doc: Doc,
    sentence: Sentence,
    places: Iterable[tuple[int, int]],
    exclusions: Exclusions,
    kind: str,
    max_status: str,
    names: Pattern | None = None,
) -> Hit | None:
    """Every place the sentence names the subject is judged; the best judgment stands for it.
    An achievement is the best there is, so the first one ends the search."""
    text, best = doc.text, None
    for start, end in places:
        if exclusions.masks(text, sentence.start, sentence.end, start, end):
            continue
        judged = doc.judge(sentence, start, end, names)
        if judged is None or (
            exclusions.context
            and exclusions.rule_out_at(
                text,
                sentence,
                (start, end),
                judged.detail,
                doc.run(sentence, start, end)[0],
                doc.structure.following(sentence) if judged.detail and judged.detail[0] >= sentence.end else None,
            )
        ):
            continue
        if best is None or RANK[judged.kind] < RANK[best.kind]:
            best = Hit(sentence, start, end, judged.kind, kind, max_status, detail=judged.detail)
            if judged.kind == ACHIEVEMENT:
                break
    return best


# A kind's code: its detector (the dataclass of its schema, scorer.rubric.kinds) and the document → hits.
Finder = Callable[[Any, Doc], list[Hit]]
