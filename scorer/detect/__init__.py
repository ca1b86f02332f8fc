"""Detectors: the few kinds of evidence finder, and how their hits make a requirement's status.

A requirement lists detectors in YAML; each kind is a module here with one function
`find(detector, doc) -> list[Hit]`. Every hit is judged (scorer.detect.judge) and the
requirement's status follows from the best judgment among its hits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import cast

from ..lexicon import Lexicon, default_lexicon
from ..result import Evidence, EvidenceKind, MetricValue, Reason, Status
from ..rubric.model import Requirement
from ..structure import Sentence, Structure
from .judge import ACHIEVEMENT, GENERIC, NEGATED, PLAN, SHORTCOMING, Judgment, judge_for


@dataclass(frozen=True)
class Doc:
    """What detectors look at: the normalised text, its structure and its extracted figures."""

    text: str
    structure: Structure
    metrics: tuple[MetricValue, ...] = ()
    lexicon: Lexicon = field(default_factory=default_lexicon)

    def judge(self, sentence: Sentence, hit_start: int, hit_end: int) -> Judgment | None:
        """scorer.detect.judge's judgment of the hit at text[hit_start:hit_end]."""
        return judge_for(self.lexicon).judge(self.text, self.structure, sentence, hit_start, hit_end)

    @cached_property
    def sentences_by_section(self) -> dict[int, list[int]]:
        """The indices of each section's sentences."""
        by_section: dict[int, list[int]] = {}
        for index, sentence in enumerate(self.structure.sentences):
            by_section.setdefault(sentence.section, []).append(index)
        return by_section

    @cached_property
    def _heading_titles(self) -> tuple[str, list[int], list[tuple[int, int, int]]]:
        """The titles of the headings whose subject runs on below them (not 一是 list items), joined
        by NUL; where each starts in the joined text; and each one's (section index, start, end)."""
        titles: list[tuple[int, int, int]] = [
            (index, section.heading.title_start, section.heading.end)
            for index, section in enumerate(self.structure.sections)
            if section.heading.style != "一是"
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
    kind: str  # a judge kind
    detector: str
    max_status: str = "met"
    below_target: bool = False
    detail: tuple[int, int] | None = None  # the specific detail that made it an achievement


@dataclass(frozen=True)
class Outcome:
    status: Status
    reason: Reason
    evidence: tuple[Evidence, ...]


# How strongly each kind of hit speaks for a requirement, best first; the reason a requirement
# is only partial comes from its best hit.
_RANK = {ACHIEVEMENT: 0, GENERIC: 1, PLAN: 2, SHORTCOMING: 3, NEGATED: 4}
_PARTIAL_REASON: dict[str, Reason] = {
    ACHIEVEMENT: "generic-only",
    GENERIC: "generic-only",
    PLAN: "plan-only",
    SHORTCOMING: "shortcoming-only",
    NEGATED: "negated-only",
}
MAX_EVIDENCE = 3


def find_hits(requirement: Requirement, doc: Doc) -> list[Hit]:
    hits: list[Hit] = []
    for detector in requirement.detectors:
        hits.extend(_FINDERS[detector.kind](detector, doc))
    return hits


def _evidence(hit: Hit, doc: Doc, original: str) -> Evidence:
    s = hit.sentence
    detail = original[hit.detail[0] : hit.detail[1]] if hit.detail else ""
    return Evidence(
        quote=original[s.start : s.end],
        start=s.start,
        end=s.end,
        section=doc.structure.section_path(s),
        kind=cast(EvidenceKind, hit.kind),  # scorer.detect.judge's kinds are EVIDENCE_KINDS
        detector=hit.detector,
        detail=detail,
    )


def evaluate(requirement: Requirement, doc: Doc, original: str) -> Outcome:
    """Status, reason and evidence of one requirement. `original` is the text as read, for quotes."""
    hits = find_hits(requirement, doc)
    if not hits:
        return Outcome("missing", "not-mentioned", ())
    # one piece of evidence per sentence: its best judgment
    best_per_sentence: dict[int, Hit] = {}
    for hit in hits:
        current = best_per_sentence.get(hit.sentence.start)
        if current is None or _score(hit) < _score(current):
            best_per_sentence[hit.sentence.start] = hit
    ranked = sorted(best_per_sentence.values(), key=lambda h: (_score(h), h.sentence.start))
    evidence = tuple(_evidence(h, doc, original) for h in ranked[:MAX_EVIDENCE])
    below = next((h for h in hits if h.below_target), None)
    if below is not None:  # the missed figure leads, whatever else its sentence says
        rest = tuple(e for e in evidence if e.start != below.sentence.start)
        return Outcome("partial", "below-target", (_evidence(below, doc, original),) + rest[: MAX_EVIDENCE - 1])
    best = ranked[0]
    if best.kind == ACHIEVEMENT and best.max_status == "met":
        return Outcome("met", "met", evidence)
    return Outcome("partial", _PARTIAL_REASON[best.kind], evidence)


def _score(hit: Hit) -> tuple[int, int]:
    # an achievement from a detector capped at partial ranks below a full one
    return (_RANK[hit.kind], 0 if hit.max_status == "met" else 1)


# The detector kinds import Doc and Hit from this module, so they are bound once it has defined them.
from . import metric, pattern, section, terms  # noqa: E402

_FINDERS = {"terms": terms.find, "pattern": pattern.find, "metric": metric.find, "section": section.find}
