"""Detectors: the few kinds of evidence finder, and how their hits make a requirement's status.

A requirement lists detectors in YAML; each kind is a module here with one function
`find(detector, doc) -> list[Hit]`. Every hit is judged (scorer.detect.judge) and the
requirement's status follows from the best judgment among its hits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import Lexicon, default_lexicon
from ..result import Evidence, MetricValue
from ..rubric.model import Detector, Requirement
from ..structure import Sentence, Structure
from .judge import ACHIEVEMENT, GENERIC, NEGATED, PLAN, SHORTCOMING


@dataclass(frozen=True)
class Doc:
    """What detectors look at: the normalised text, its structure and its extracted figures."""

    text: str
    structure: Structure
    metrics: tuple[MetricValue, ...] = ()
    lexicon: Lexicon = field(default_factory=default_lexicon)


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
    status: str
    reason: str
    evidence: tuple[Evidence, ...]


# How strongly each kind of hit speaks for a requirement, best first; the reason a requirement
# is only partial comes from its best hit.
_RANK = {ACHIEVEMENT: 0, GENERIC: 1, PLAN: 2, SHORTCOMING: 3, NEGATED: 4}
_PARTIAL_REASON = {ACHIEVEMENT: "generic-only", GENERIC: "generic-only", PLAN: "plan-only",
                   SHORTCOMING: "shortcoming-only", NEGATED: "negated-only"}
MAX_EVIDENCE = 3


def find_hits(requirement: Requirement, doc: Doc) -> list[Hit]:
    hits: list[Hit] = []
    for detector in requirement.detectors:
        hits.extend(_FINDERS[detector.kind](detector, doc))
    return hits


def _evidence(hit: Hit, doc: Doc, original: str) -> Evidence:
    s = hit.sentence
    detail = original[hit.detail[0]:hit.detail[1]] if hit.detail else ""
    return Evidence(quote=original[s.start:s.end], start=s.start, end=s.end,
                    section=doc.structure.section_path(s), kind=hit.kind, detector=hit.detector, detail=detail)


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
        return Outcome("partial", "below-target", (_evidence(below, doc, original),) + rest[:MAX_EVIDENCE - 1])
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
