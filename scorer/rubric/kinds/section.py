"""section: a passage of a kind (shortcomings / plans) exists and says something concrete: at
least `min_sentences` of its sentences (matching `pattern`, when one is given), or, with
`one_specific`, one sentence with a specific detail (a count, a named document or task: a plan
`修订专项应急预案8部` names its task). With `inline`, a lead inside a body paragraph
(…。下一步,将推动…) is a general mention of the passage too, never more. Its code:
scorer.detect.section.

    - section: plans          # shortcomings | plans
      min_sentences: 3        # default 1
      pattern: '不足|不够'     # optional
      one_specific: true      # default false
      inline: true            # default false
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..model import Detector
from ..patterns import Pattern
from ..read import boolean, one_of, regex, whole_number
from ..schema import Kind, Option


@dataclass(frozen=True, kw_only=True)
class SectionDetector(Detector):
    kind: ClassVar[str] = "section"
    section: str = ""  # "shortcomings" | "plans"
    pattern: Pattern | None = None  # what a sentence of the passage must match to count
    min_sentences: int = 1  # how many sentences make it more than a token mention
    one_specific: bool = False  # one sentence with a specific detail is enough
    inline: bool = False  # a lead inside a body paragraph is a general mention


KIND = Kind(
    SectionDetector,
    (
        Option("section", one_of("shortcomings", "plans")),
        Option("min_sentences", whole_number(minimum=1)),
        Option("pattern", regex),
        Option("one_specific", boolean),
        Option("inline", boolean),
    ),
)
