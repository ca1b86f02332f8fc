"""section: a passage of a kind (shortcomings / plans) exists and says something concrete: at
least `min_sentences` of its sentences (matching `pattern`, when one is given). Its code:
scorer.detect.section.

    - section: plans          # shortcomings | plans
      min_sentences: 3        # default 1
      pattern: '不足|不够'     # optional
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..model import Detector
from ..patterns import Pattern
from ..read import one_of, regex, whole_number
from ..schema import Kind, Option


@dataclass(frozen=True, kw_only=True)
class SectionDetector(Detector):
    kind: ClassVar[str] = "section"
    section: str = ""  # "shortcomings" | "plans"
    pattern: Pattern | None = None  # what a sentence of the passage must match to count
    min_sentences: int = 1  # how many sentences make it more than a token mention


KIND = Kind(
    SectionDetector,
    (
        Option("section", one_of("shortcomings", "plans")),
        Option("min_sentences", whole_number(minimum=1)),
        Option("pattern", regex),
    ),
)
