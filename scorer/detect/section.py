"""section: a passage of a kind (shortcomings / plans) exists and says something concrete.

Its sentences are the evidence. It is met when at least `min_sentences` of them (matching
`pattern`, when one is given) stand in the passage, or with `one_specific` when one of them
carries a specific detail (the judge's: a count, a named document, task or event); a thinner
passage is generic, and so, with `inline`, is a lead inside a body paragraph.
"""

from __future__ import annotations

from ..rubric.kinds.section import SectionDetector
from .finder import Doc, Hit
from .judge import ACHIEVEMENT, GENERIC


def find(detector: SectionDetector, doc: Doc) -> list[Hit]:
    text = doc.text
    # a passage is what a heading or an opening lead started; a plan sentence inside a body
    # paragraph is judged as a plan where it stands but is no next-year passage (with `inline`,
    # a general mention of one)
    sections = doc.structure.sections
    passage = [
        s
        for s in doc.structure.sentences
        if s.passage == detector.section
        and s.passage_from in ("heading", "lead")
        and not (s.is_heading and sections[s.section].opens_passage)
    ]  # "存在的问题" names, not says
    concrete = [s for s in passage if detector.pattern is None or detector.pattern.search(text, s.start, s.end)]
    specific = detector.one_specific and any(doc.detail(s.start, s.end) for s in concrete)
    kind = ACHIEVEMENT if len(concrete) >= detector.min_sentences or specific else GENERIC
    hits = [Hit(s, s.start, s.end, kind, "section", detector.max_status) for s in (concrete or passage)]
    if detector.inline:  # …。下一步,将推动…: a sentence of intent
        hits += [
            Hit(s, s.start, s.end, GENERIC, "section", detector.max_status)
            for s in doc.structure.sentences
            if s.passage == detector.section and s.passage_from == "inline"
        ]
    return hits
