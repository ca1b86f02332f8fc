"""pattern: a regular expression over the normalised sentence, which must also hold every
`all` entry ("a|b": either) and none of the `exclude` terms."""

from __future__ import annotations

import bisect

from ..rubric.kinds.pattern import PatternDetector
from ..rubric.patterns import Pattern
from .finder import Doc, Exclusions, Hit, best_hit
from .terms import has_all


def find(detector: PatternDetector, doc: Doc) -> list[Hit]:
    text = doc.text
    # the loader refuses a rubric whose pattern is no valid regex (scorer.rubric.kinds.pattern)
    assert detector.pattern is not None
    exclusions = Exclusions.of(detector.exclude, detector.pattern)
    hits = []
    sentences = doc.structure.sentences
    for index, places in _places_by_sentence(detector.pattern, doc).items():
        sentence = sentences[index]
        if not has_all(text[sentence.start : sentence.end], detector.all):
            continue
        # every place the sentence names the subject is judged, the best judgment stands for it
        # (全面梳理行政权力事项,动态调整权责清单,保留事项9项: the second names it with a detail)
        best = best_hit(doc, sentence, places, exclusions, "pattern", detector.max_status, detector.pattern)
        if best is not None:
            hits.append(best)
    return hits


def _places_by_sentence(pattern: Pattern, doc: Doc) -> dict[int, list[tuple[int, int]]]:
    """The pattern's matches in each sentence, in order: one search of each sentence that the
    pattern occurs in at all, found by one scan of the whole text (most sentences hold none)."""
    text, sentences, starts = doc.text, doc.structure.sentences, doc.structure.sentence_starts
    candidates: list[int] = []
    for m in pattern.finditer(text):
        # every sentence the match touches: one running on past a sentence's end may hide a match
        # of the sentence that follows (a match in a title above the first sentence touches none)
        last = bisect.bisect_right(starts, max(m.start(), m.end() - 1)) - 1
        first = max(0, bisect.bisect_right(starts, m.start()) - 1, candidates[-1] + 1 if candidates else 0)
        candidates.extend(range(first, last + 1))
    found = {}
    for i in candidates:
        sentence = sentences[i]
        spans = [m.span() for m in pattern.finditer(text, sentence.start, sentence.end)]
        if spans:
            found[i] = spans
    return found
