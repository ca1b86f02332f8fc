"""pattern: a regular expression over the normalised sentence, which must also hold every
`all` entry ("a|b": either) and none of the `exclude` terms."""

from __future__ import annotations

from ..rubric.kinds.pattern import PatternDetector
from .finder import Doc, Exclusions, Hit, best_hit
from .terms import has_all


def find(detector: PatternDetector, doc: Doc) -> list[Hit]:
    text = doc.text
    # the loader refuses a rubric whose pattern is no valid regex (scorer.rubric.kinds.pattern)
    assert detector.pattern is not None
    exclusions = Exclusions.of(detector.exclude, detector.pattern)
    hits = []
    for sentence in doc.structure.sentences:
        if detector.pattern.search(text, sentence.start, sentence.end) is None:
            continue
        if not has_all(text[sentence.start : sentence.end], detector.all):
            continue
        # every place the sentence names the subject is judged, the best judgment stands for it
        # (全面梳理行政权力事项,动态调整权责清单,保留事项9项: the second names it with a detail)
        places = (m.span() for m in detector.pattern.finditer(text, sentence.start, sentence.end))
        best = best_hit(doc, sentence, places, exclusions, "pattern", detector.max_status, detector.pattern)
        if best is not None:
            hits.append(best)
    return hits
