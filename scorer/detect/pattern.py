"""pattern: a regular expression over the normalised sentence, which must also hold every
`all` entry ("a|b": either) and none of the `exclude` terms."""

from __future__ import annotations

from ..rubric.kinds.pattern import PatternDetector
from ..rubric.patterns import Pattern
from .finder import Doc, Exclusions, Hit, best_hit


def find(detector: PatternDetector, doc: Doc) -> list[Hit]:
    text = doc.text
    # the loader refuses a rubric whose pattern is no valid regex (scorer.rubric.kinds.pattern)
    assert detector.pattern is not None
    exclusions = Exclusions.of(detector.exclude, detector.pattern)
    hits = []
    sentences = doc.structure.sentences
    for index, places in _places_by_sentence(detector.pattern, doc).items():
        sentence = sentences[index]
        joined = doc.joined_by_semicolon(sentence, exclusions) if detector.all else ""
        if not exclusions.has_all(joined + text[sentence.start : sentence.end], detector.all):
            continue
        # every place the sentence names the subject is judged, the best judgment stands for it
        # (全面梳理行政权力事项,动态调整权责清单,保留事项9项: the second names it with a detail)
        best = best_hit(doc, sentence, places, exclusions, "pattern", detector.max_status, detector.pattern)
        if best is not None:
            hits.append(best)
    return hits


def _places_by_sentence(pattern: Pattern, doc: Doc) -> dict[int, list[tuple[int, int]]]:
    """The pattern's matches in each sentence, in order: one search of each sentence that the
    pattern touches at all (most sentences hold none)."""
    text, sentences = doc.text, doc.structure.sentences
    found = {}
    for i in doc.sentences_touched(pattern):
        sentence = sentences[i]
        spans = [m.span() for m in pattern.finditer(text, sentence.start, sentence.end)]
        if spans:
            found[i] = spans
    return found
