"""Pinyin a web page's converter wrote after characters (區(qū)域, 習(xí)近平): not the report's words.

Some government sites' simplified-to-traditional buttons print a character's reading after it in
brackets. A careful reader reads past it; matching cannot (学(xué)习 is no 学习), and the
normaliser keeps one character for one, so the readings are taken out when the file is read, and
the offsets of the file's own heading marks move with the text.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from .base import Document

# A bracketed syllable with a tone mark right after a Han character; a bracketed list label or an
# English word ((a), (WTO)) carries no tone mark.
_READING = re.compile(r"(?<=[\u4e00-\u9fff])[(\uff08][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)\uff09]")
# Fewer than this many readings is no converter at work but a word glossed on purpose.
_MIN_READINGS = 3


def without_readings(document: Document) -> Document:
    """The document with the readings a converter wrote taken out of its text."""
    spans = [m.span() for m in _READING.finditer(document.text)]
    if len(spans) < _MIN_READINGS:
        return document
    text = document.text
    kept, pos = [], 0
    for start, end in spans:
        kept.append(text[pos:start])
        pos = end
    kept.append(text[pos:])
    starts = [s for s, _ in spans]
    removed_before = [0]
    for s, e in spans:
        removed_before.append(removed_before[-1] + e - s)

    def moved(offset: int) -> int:
        return offset - removed_before[bisect.bisect_left(starts, offset)]

    headings = tuple((moved(s), moved(e), level) for s, e, level in document.headings)
    return dataclasses.replace(document, text="".join(kept), headings=headings)
