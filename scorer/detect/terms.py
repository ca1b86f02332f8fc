"""terms: any of a list of terms in one sentence (or clause), with every `all` entry and none
of the exclusions. An `all` entry may list alternatives as "a|b".

A report often names the subject once in a heading and reports under it without repeating it
(`(三)有序推进行政裁决工作。按程序办理政府采购投诉14件。`), so a term in a sentence's own
(innermost) heading counts for the sentences under that heading — unless the sentence names
another requirement's subject, which hits_of_report (scorer.detect) settles once all are found.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rubric.kinds.terms import TermsDetector
from ..structure import Sentence, clauses
from .finder import Doc, Exclusions, Hit, best_hit


def _heading_title(doc: Doc, sentence: Sentence) -> str:
    """The title of the heading whose subject the sentence reports under, if it has one."""
    if sentence.section < 0 or sentence.is_heading:
        return ""
    heading = doc.structure.sections[sentence.section].heading
    if not heading.lends_subject:
        return ""
    if doc.lexicon.pattern("heading_joiners").search(doc.text, heading.title_start, heading.end):
        return ""  # a heading of several subjects: each sentence below is about one of them
    return doc.text[heading.title_start : heading.end]


def _with_antecedents(text: str, spans: list[tuple[int, int]], pronoun: re.Pattern[str]) -> list[tuple[int, int]]:
    """The clauses, each that refers back by a pronoun (将其列入…) taken with the clause before it."""
    return [
        (spans[i - 1][0], end) if i and pronoun.search(text, start, end) else (start, end)
        for i, (start, end) in enumerate(spans)
    ]


@lru_cache(maxsize=4096)
def _any_of(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


def _candidates(doc: Doc, wanted: tuple[str, ...]) -> list[Sentence]:
    """Sentences holding one of the terms, or under a heading that does: one scan of the text
    instead of every term against every sentence."""
    sentences = doc.structure.sentences
    pattern = _any_of(wanted)
    chosen = set(doc.sentences_touched(pattern))
    by_section = doc.sentences_by_section
    for section in doc.headings_naming(pattern):
        chosen.update(by_section.get(section, ()))
    return [sentences[i] for i in sorted(chosen)]


def find(detector: TermsDetector, doc: Doc) -> list[Hit]:
    text = doc.text
    wanted = detector.any or tuple(alt for entry in detector.all for alt in entry.split("|"))
    terms = _any_of(wanted)
    exclusions = Exclusions.of(detector.exclude, terms)
    pronoun = doc.lexicon.pattern("object_pronoun")
    hits = []
    for sentence in _candidates(doc, wanted):
        body = text[sentence.start : sentence.end]
        spans = (
            _with_antecedents(text, clauses(text, sentence.start, sentence.end), pronoun)
            if detector.within == "clause"
            else [(sentence.start, sentence.end)]
        )
        joined = doc.joined_by_semicolon(sentence, exclusions) if detector.all else ""
        found = _best_hit(doc, detector, sentence, spans, terms, exclusions, joined)
        if found is None:
            heading = _heading_title(doc, sentence)
            if (
                heading
                and exclusions.first_unmasked(terms, heading, 0, len(heading))
                and exclusions.has_all(heading + body, detector.all)
                and not exclusions.rule_out(heading + body)
            ):
                judged = doc.judge(sentence, sentence.start, sentence.end, terms)
                if judged is not None:
                    found = Hit(
                        sentence,
                        sentence.start,
                        sentence.end,
                        judged.kind,
                        "terms",
                        detector.max_status,
                        detail=judged.detail,
                        from_heading=True,
                    )
        if found:
            hits.append(found)
    return hits


def _best_hit(
    doc: Doc,
    detector: TermsDetector,
    sentence: Sentence,
    spans: list[tuple[int, int]],
    terms: re.Pattern[str],
    exclusions: Exclusions,
    joined: str,
) -> Hit | None:
    """The best judged place of a term in the spans holding every `all` entry; the first span may
    take them from the words a semicolon parted from it (`joined`, Doc.joined_by_semicolon)."""
    text = doc.text
    places = (
        (start + m.start(), start + m.end())
        for i, (start, end) in enumerate(spans)
        if exclusions.has_all(text[start:end] if i else joined + text[start:end], detector.all)
        for m in terms.finditer(text[start:end])
    )
    return best_hit(doc, sentence, places, exclusions, "terms", detector.max_status, terms)
