"""metric: a figure the rubric extracts (its `metrics:`, scorer.figures) stands as evidence; a
missed target makes the requirement partial. Its code: scorer.detect.metric.

    - metric: legal-review-rate
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..model import Detector
from ..read import string
from ..schema import Kind, Option


@dataclass(frozen=True, kw_only=True)
class MetricDetector(Detector):
    kind: ClassVar[str] = "metric"
    metric: str = ""  # a MetricDef id


KIND = Kind(MetricDetector, (Option("metric", string, names_metric=True),))
