"""metric: a figure the rubric extracts (scorer.figures) stands as evidence; a missed target
makes the requirement partial."""

from __future__ import annotations

from ..rubric.kinds.metric import MetricDetector
from .finder import Doc, Hit
from .judge import ACHIEVEMENT


def find(detector: MetricDetector, doc: Doc) -> list[Hit]:
    hits = []
    for value in doc.metrics:
        if value.id != detector.metric:
            continue
        sentence = doc.structure.sentence_at(value.start)
        if sentence is None:
            continue
        hits.append(
            Hit(
                sentence,
                value.start,
                value.end,
                ACHIEVEMENT,
                "metric",
                detector.max_status,
                below_target=value.meets_target is False,
            )
        )
    return hits
