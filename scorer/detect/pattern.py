"""pattern: a regular expression over the normalised sentence, which must also hold every
`all` entry ("a|b": either) and none of the `exclude` terms."""

from __future__ import annotations

from functools import lru_cache

from ..rubric.kinds.pattern import PatternDetector
from .finder import Doc, Exclusions, Hit
from .terms import has_all


@lru_cache(maxsize=1024)
def _exclusions(detector: PatternDetector) -> Exclusions:
    assert detector.pattern is not None
    return Exclusions.of(detector.exclude, detector.pattern)


def find(detector: PatternDetector, doc: Doc) -> list[Hit]:
    text = doc.text
    # the loader refuses a rubric whose pattern is no valid regex (scorer.rubric.kinds.pattern)
    assert detector.pattern is not None
    exclusions = _exclusions(detector)
    hits = []
    for sentence in doc.structure.sentences:
        found = exclusions.first_unmasked(detector.pattern, text, sentence.start, sentence.end)
        if found is None:
            continue
        start, end = found
        body = text[sentence.start : sentence.end]
        if exclusions.rule_out_at(text, sentence, start) or not has_all(body, detector.all):
            continue
        judged = doc.judge(sentence, start, end)
        if judged is not None:
            hits.append(Hit(sentence, start, end, judged.kind, "pattern", detector.max_status, detail=judged.detail))
    return hits
