"""terms: any of a list of terms in one sentence (or clause), with every `all` entry ("a|b":
either) and none of the exclusions; a term in the sentence's own heading counts for the sentences
under it. Its code: scorer.detect.terms.

    - terms: [合法性审查]     # or `any:`
      all: ["文件|规章"]
      exclude: [不动产权]
      within: clause          # sentence (default) | clause
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..model import Detector
from ..read import one_of, term_list
from ..schema import Kind, Option


@dataclass(frozen=True, kw_only=True)
class TermsDetector(Detector):
    kind: ClassVar[str] = "terms"
    any: tuple[str, ...] = ()  # at least one of these in the sentence / clause
    all: tuple[str, ...] = ()  # every one of these too
    exclude: tuple[str, ...] = ()  # look-alikes of a term mask it; other words rule a sentence out
    within: str = "sentence"  # "sentence" | "clause"


def _names_a_term(detector: TermsDetector) -> str | None:
    return None if detector.any or detector.all else "a terms detector needs 'terms', 'any' or 'all'"


KIND = Kind(
    TermsDetector,
    (
        Option("terms", term_list, attr="any"),
        Option("any", term_list),
        Option("all", term_list),
        Option("exclude", term_list),
        Option("within", one_of("sentence", "clause")),
    ),
    check=_names_a_term,
)
