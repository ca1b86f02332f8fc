"""Detectors: the kinds of evidence finder, and how their hits make a requirement's status.

A requirement lists detectors in YAML. Each kind's code is a module here with one function
`find(detector, doc) -> list[Hit]` (the protocol: scorer.detect.finder), registered by name in
scorer.detect.kinds; its options are read by the schema of the same name (scorer.rubric.kinds).
Every hit is judged (scorer.detect.judge) and the requirement's status follows from the best
judgment among its hits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..result import Doubt, Evidence, Reason, Status
from ..rubric.model import Requirement
from ..structure import Sentence
from .finder import RANK, Doc, Hit
from .judge import ACHIEVEMENT, GENERIC, NEGATED, PLAN, SHORTCOMING, listed_beside
from .kinds import FINDERS

__all__ = ["MAX_EVIDENCE", "Doc", "Hit", "Outcome", "evaluate", "find_hits", "hits_of_report"]


@dataclass(frozen=True)
class Outcome:
    status: Status
    reason: Reason
    evidence: tuple[Evidence, ...]
    doubt: Doubt | None = None


# the reason a requirement is only partial comes from its best hit (finder.RANK: best first)
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
        if not detector.applies(doc.level):
            continue
        found = FINDERS[detector.kind](detector, doc)
        if detector.admission:
            found = [replace(h, admission=True) for h in found]
        hits.extend(found)
    return hits


def hits_of_report(requirements: Iterable[Requirement], doc: Doc) -> dict[str, list[Hit]]:
    """Every requirement's hits in one report. A heading's subject runs on to the sentences below
    it only where they name no subject of their own: under 持续优化营商环境, a sentence on 证照分离
    reports approval reform, not the business environment, so the heading lends it nothing. Nor
    does it lend any to the words a semicolon parts from that sentence where the next goes on from
    it (…证照分离改革全覆盖；全年新设经营主体4.36万户): with a comma they would be one sentence.
    A requirement's `heading_includes` names the subjects that are part of its own: 学法 counts under
    a heading on studying Xi thought are that study (CONVENTIONS), so the heading still lends."""
    requirements = tuple(requirements)
    found = {requirement.id: find_hits(requirement, doc) for requirement in requirements}
    includes = {requirement.id: requirement.heading_includes for requirement in requirements}
    named: dict[int, set[str]] = {}
    for rid, hits in found.items():
        for hit in hits:
            if not hit.from_heading:
                named.setdefault(hit.sentence.start, set()).add(rid)

    def stops(rid: str, sentence: Sentence) -> bool:
        """Whether the sentence (with what a semicolon joins to it) names a subject that stops the
        heading of `rid`: any but the ones it includes; in the joined words, its own too (they are
        one sentence with a mention of it, which is judged as it stands)."""
        own = named.get(sentence.start, set()) - includes[rid] - {rid}
        joined = (doc.goes_on_from(sentence), doc.going_on(sentence))
        near = set().union(*(named.get(s.start, set()) for s in joined if s is not None)) - includes[rid]
        return bool(own or near)

    return {rid: [h for h in hits if not (h.from_heading and stops(rid, h.sentence))] for rid, hits in found.items()}


def _evidence(hit: Hit, doc: Doc, original: str) -> Evidence:
    s = hit.sentence
    detail = original[hit.detail[0] : hit.detail[1]] if hit.detail else ""
    return Evidence(
        quote=original[s.start : s.end],
        start=s.start,
        end=s.end,
        section=doc.structure.section_path(s),
        kind=hit.kind,
        detector=hit.detector,
        detail=detail,
    )


def evaluate(requirement: Requirement, doc: Doc, original: str, hits: list[Hit] | None = None) -> Outcome:
    """Status, reason and evidence of one requirement. `original` is the text as read, for quotes;
    `hits` are the requirement's hits when the whole report's were found (hits_of_report)."""
    if hits is None:
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
    doubt = _doubt(best, ranked, doc.text)
    if best.counts_as == ACHIEVEMENT and best.max_status == "met":
        return Outcome("met", "met", evidence, doubt)
    return Outcome("partial", _PARTIAL_REASON[best.counts_as], evidence, doubt)


def _doubt(best: Hit, ranked: list[Hit], text: str) -> Doubt | None:
    """A close call, where careful readers often judge otherwise: the best evidence names the
    subject only as one item of an enumeration (…、行政复议、…: readers often see a list about
    something else), or the status is partial on one sentence's general mention (readers split
    between an incidental mention and enough to count). Plans, shortcomings and negations are
    read from their passage or words, and a passage (the section detector: one sentence of
    intent is partial by definition) from the report's structure: no close call."""
    if best.kind not in (ACHIEVEMENT, GENERIC) or best.detector == "section":
        return None
    if listed_beside(text, best.start, best.end):
        return "list-item"
    mentions = {h.sentence.start for h in ranked if h.kind in (ACHIEVEMENT, GENERIC)}
    if (best.kind == GENERIC or best.max_status != "met") and len(mentions) == 1:
        return "one-mention"
    return None


def _score(hit: Hit) -> tuple[int, int]:
    # an achievement from a detector capped at partial ranks below a full one
    return (RANK[hit.counts_as], 0 if hit.max_status == "met" else 1)
