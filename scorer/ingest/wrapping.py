"""Lines a fixed width broke, joined back into paragraphs.

Text copied out of a PDF into a .txt, a PDF converted to Word (each printed line a paragraph of
its own, or one paragraph broken by manual line breaks) and a web page that puts a <br> at each
printed line all break paragraphs where a page's width did, not where the author did; a sentence
broken across lines is no sentence to the matching. Such text is recognised by its lines (many of
them running to one right edge mid-sentence) and joined by the rules the PDF reader uses
(scorer.ingest.layout). Text whose lines are its paragraphs is returned as it is, and the
headings a file marks (Word's heading styles, <h1>-<h6>) stay headings. The result says so
(a `lines-rejoined` warning): its quotes are the joined text, not the file's lines.
"""

from __future__ import annotations

import dataclasses

from ..result import LINES_REJOINED
from ..safe_text import display_width
from .base import Document
from .layout import PAGE_FIELD_LINE, PAGE_NUMBER, Line, assemble

# Hard wrapping shows as many lines of some length running to one right edge, nearly all of them
# mid-sentence; a report whose lines are its paragraphs has few such lines (its longest
# paragraphs), and they end a sentence. Measured on the labelled reports (none flagged but one
# whose lines a mirror cut) and on them wrapped at 76 columns (all flagged but one).
_WRAP_MIN_LINES = 6
_WRAP_MIN_CHARS = 10
_WRAP_EDGE_SLACK = 4  # display columns: two Chinese characters
_WRAP_AT_EDGE_SHARE = 0.3
_WRAP_UNFINISHED_SHARE = 0.6
_WRAP_MIN_UNFINISHED = 4


def unwrapped(document: Document) -> Document:
    """`document` with the lines a fixed width broke joined into paragraphs (page numbers between
    them dropped). A blank line always ends a paragraph; a heading the file marks is a paragraph
    of its own."""
    levels = {start: level for start, _, level in document.headings}
    placed: list[Line | None] = []
    position = 0
    for raw in document.text.split("\n"):
        placed.append(_line(raw.replace("\f", ""), levels.get(position)))
        position += len(raw) + 1
    if not _hard_wrapped([line for line in placed if line is not None]):
        return document
    lines: list[Line] = []
    paragraph_ends: set[int] = set()
    for line in placed:
        if line is None:
            if lines:
                paragraph_ends.add(len(lines) - 1)
        elif not PAGE_NUMBER.match(line.text):
            lines.append(line)
            if PAGE_FIELD_LINE.search(line.text):  # ends the paragraph before it and its own
                paragraph_ends.update((len(lines) - 2, len(lines) - 1))
    joined, headings = assemble(lines, frozenset(paragraph_ends))
    return dataclasses.replace(document, text=joined, headings=headings, warnings=(*document.warnings, LINES_REJOINED))


def _line(raw: str, heading: int | None) -> Line | None:
    """A text line placed as a PDF reader would see it: one unit a display column, a Chinese
    character two (its `size`, the em the layout's gaps are counted in)."""
    stripped = raw.strip()
    if not stripped:
        return None
    x0 = display_width(raw[: len(raw) - len(raw.lstrip())])
    return Line(text=stripped, x0=x0, x1=x0 + display_width(stripped), size=2, heading=heading)


def _hard_wrapped(lines: list[Line]) -> bool:
    long_lines = [line for line in lines if len(line.text) >= _WRAP_MIN_CHARS]
    if len(long_lines) < _WRAP_MIN_LINES:
        return False
    edges = sorted(line.x1 for line in long_lines)
    edge = edges[int(0.9 * (len(edges) - 1))]
    at_edge = [line for line in long_lines if line.x1 >= edge - _WRAP_EDGE_SLACK]
    unfinished = [line for line in at_edge if line.text[-1] not in "。！？；：!?;:”）)"]
    return len(at_edge) >= _WRAP_AT_EDGE_SHARE * len(long_lines) and len(unfinished) >= max(
        _WRAP_MIN_UNFINISHED, _WRAP_UNFINISHED_SHARE * len(at_edge)
    )
