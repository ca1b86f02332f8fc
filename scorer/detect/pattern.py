"""pattern: a regular expression over the normalised sentence, which must also hold every
`all` entry ("a|b": either) and none of the `exclude` terms."""

from __future__ import annotations

from ..rubric.kinds.pattern import PatternDetector
from .finder import Doc, Hit
from .terms import has_all


def find(detector: PatternDetector, doc: Doc) -> list[Hit]:
    text = doc.text
    # the loader refuses a rubric whose pattern is no valid regex (scorer.rubric.kinds.pattern)
    assert detector.pattern is not None
    hits = []
    for sentence in doc.structure.sentences:
        m = detector.pattern.search(text, sentence.start, sentence.end)
        if m is None:
            continue
        body = text[sentence.start : sentence.end]
        if any(t in body for t in detector.exclude) or not has_all(body, detector.all):
            continue
        judged = doc.judge(sentence, m.start(), m.end())
        if judged is not None:
            hits.append(
                Hit(sentence, m.start(), m.end(), judged.kind, "pattern", detector.max_status, detail=judged.detail)
            )
    return hits
