"""pattern: a regular expression over the normalised sentence, which must also hold every `all`
entry ("a|b": either) and none of the `exclude` terms. Its code: scorer.detect.pattern.

    - pattern: '(?<!监督)权责清单|权力清单'
      exclude: [第一责任人]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..model import Detector
from ..patterns import Pattern
from ..read import regex, term_list
from ..schema import Kind, Option


@dataclass(frozen=True, kw_only=True)
class PatternDetector(Detector):
    kind: ClassVar[str] = "pattern"
    pattern: Pattern | None = None  # None only in a rubric refused for its bad regex
    all: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


KIND = Kind(PatternDetector, (Option("pattern", regex), Option("all", term_list), Option("exclude", term_list)))
