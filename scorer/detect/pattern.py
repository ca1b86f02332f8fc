"""pattern: a regular expression over the normalised sentence."""

from __future__ import annotations

from ..rubric.model import Detector
from . import Doc, Hit
from .judge import judge


def find(detector: Detector, doc: Doc) -> list[Hit]:
    text = doc.text
    hits = []
    for sentence in doc.structure.sentences:
        m = detector.pattern.search(text, sentence.start, sentence.end)
        if m is None:
            continue
        if detector.exclude and any(t in text[sentence.start:sentence.end] for t in detector.exclude):
            continue
        hits.append(Hit(sentence, m.start(), m.end(), judge(text, sentence, m.start(), m.end()), "pattern",
                        detector.max_status))
    return hits
