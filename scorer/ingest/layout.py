"""Page layout undone: text placed at positions on pages (a PDF's characters, an OFD's text
codes, OCR's recognised boxes) back into lines and paragraphs.

Pieces of text are gathered into lines by their vertical position; running headers, footers and
page numbers are dropped; the lines a page width broke are re-joined: a line continues into the
next when it runs to the right margin, the next line does not start a heading, and either the
line does not end a sentence or the next line is not indented in a document whose paragraphs
are (the usual two-character 首行缩进); a report's title and a heading end their paragraph unless
the width broke them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..lazy_re import lazy
from ..lexicon import default_words

_SENTENCE_END_MARKS = "。！？；：!?;:"
_SENTENCE_END = set(_SENTENCE_END_MARKS)
SENTENCE_MARK = re.compile(f"[{_SENTENCE_END_MARKS}]")  # any of them, wherever it stands
_CLOSING = "”’\"'）)】」』》〉]"  # may follow the sentence-final mark: 。” 。）
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+、"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|[（(]\d{1,2}[）)]"
    r"|\d{1,2}(?:、|[.．](?!\d))"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]"
    r"|[①-⑳]"
    # an item of a list (一是…), which a heading the width left short may stand above
    r"|[一二三四五六七八九十]+是(?=\S))"
)
# A page number its marks make one wherever it stands (— 2 —, the official documents' form, -2-,
# 第2页 共5页, 2/5, Page 2): normalisation takes such a line of a text for chrome too.
_DASHES = "-—–－─"
MARKED_PAGE_NUMBER = (
    rf"(?:[{_DASHES}]\s*\d{{1,4}}\s*[{_DASHES}]"
    r"|(?:共\s*\d{1,4}\s*页\s*[,，/]?\s*)?第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?i:page|p\.)\s*\d{1,4}(?:\s*(?i:of|/)\s*\d{1,4})?)"
)
# at a page's edge a bare number is one too
PAGE_NUMBER = re.compile(rf"^\s*(?:[{_DASHES}\s]*\d{{1,4}}[{_DASHES}\s]*|{MARKED_PAGE_NUMBER})\s*$")
# A page's field line (发布时间:…　来源:…, 索引号:… 发布机构:…), breadcrumb (首页 > …, 首页＞…) or row
# of buttons (【字体:大 中 小】 【打印本页】 【关闭窗口】), stripped, stands alone, however far it runs:
# it is no wrapped prose.
PAGE_FIELD_LINE = re.compile(r"[\u3000\t]| {2,}| \S{2,6}[:：]|[>»＞][^>»＞]{1,20}[>»＞]|】\s*【")
_DIGITS = re.compile(r"\d+")

# A sentence's end inside a numbered line: a paragraph that opens with its heading, not a heading.
SENTENCE_END_INSIDE = re.compile(r"[。；;！？!?]")
# A report's title (…情况的报告, 工作总结: no sentence's mark in it, a report's noun at its end)
# stands alone, however far it runs: a converter that drops its centring leaves it at the margin.
TITLE_LINE = lazy(lambda: re.compile(rf"^[^，,。；;：:]{{4,60}}(?:{default_words('report_nouns')})$"))

_EDGE_LINES = 2  # how many lines at the top and bottom of a page may be running chrome
_RUNNING_SHARE = 0.5  # a line at the page edge on at least this share of pages is chrome
_WORD_GAP_EM = 0.25  # a gap this wide between two characters is a space
_COLUMN_GAP_EM = 2.0  # a gap this wide separates table columns: always kept as a space
_WRAP_SLACK_EM = 8  # how far short of the margin an unfinished sentence's line may stop
_BODY_START_EM = 3.0  # a body line starts at most a paragraph indent (2 em) right of the margin
_MARGIN_SLACK_EM = 2.0  # a line ending this close to the right margin runs on
_RIGHT_MARGIN_QUANTILE = 0.9  # most lines of a report are full lines ending at the margin
_INDENT_EM = 1.0  # a line starting this far right of the left margin is indented
_INDENTED_PARAGRAPHS_SHARE = 0.5  # paragraphs are marked by indentation if this share of them is


@dataclass(frozen=True)
class Piece:
    """Text at a place on a page: one character of a PDF, a text code of an OFD, an OCR box."""

    text: str
    x0: float
    x1: float
    top: float  # page coordinates grow downwards
    bottom: float
    size: float  # font size (or text height) in the page's unit


@dataclass
class Line:
    text: str
    x0: float  # left end
    x1: float  # right end
    size: float  # font size, the unit of the gaps above
    heading: int | None = None  # level, where the layout (a larger font) marks the line a heading


def page_lines(pieces: Iterable[Piece]) -> list[Line]:
    """The lines of one page, top to bottom: pieces whose middle lies within a line's first piece."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        middle = (piece.top + piece.bottom) / 2
        if rows and rows[-1][0].top <= middle <= rows[-1][0].bottom:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p.x0)
        text = _row_text(row)
        if text:
            size = sorted(p.size for p in row)[len(row) // 2]
            lines.append(Line(text=text, x0=row[0].x0, x1=max(p.x1 for p in row), size=size))
    return lines


def _row_text(row: list[Piece]) -> str:
    """The pieces of one line, with a space only where it separates Latin words or columns."""
    parts: list[str] = []
    previous = None
    spaced = False  # a space since the previous piece
    for piece in row:
        text = piece.text
        if not text.strip():
            spaced = previous is not None
            continue
        if previous is not None:
            gap = (piece.x0 - previous.x1) / max(previous.size, 1e-6)
            if gap >= _COLUMN_GAP_EM or (
                (spaced or gap >= _WORD_GAP_EM) and is_latin(parts[-1][-1]) and is_latin(text[0])
            ):
                parts.append(" ")
        parts.append(text)
        previous, spaced = piece, False
    return "".join(parts)


def is_latin(char: str) -> bool:
    """ASCII letters, digits and signs: the only neighbours between which a space means something."""
    return "!" <= char <= "~"


def _is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def drop_running_chrome(pages: list[list[Line]]) -> list[Line]:
    """The lines of all pages without page numbers and lines repeated at the top or bottom of pages."""

    def edge(lines: list[Line]) -> list[Line]:
        return lines[:_EDGE_LINES] + lines[_EDGE_LINES:][-_EDGE_LINES:]

    def shape(line: Line) -> str:  # "第3页" and "第4页" are the same running line
        return _DIGITS.sub("#", line.text.replace(" ", ""))

    pages_with_shape = Counter(shape_ for lines in pages for shape_ in {shape(line) for line in edge(lines)})
    running = {
        shape_ for shape_, count in pages_with_shape.items() if count >= 2 and count >= _RUNNING_SHARE * len(pages)
    }
    body: list[Line] = []
    for lines in pages:
        chrome = {id(line) for line in edge(lines) if shape(line) in running or PAGE_NUMBER.match(line.text)}
        body.extend(line for line in lines if id(line) not in chrome)
    return body


def assemble(
    lines: list[Line], paragraph_ends: frozenset[int] = frozenset()
) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """(text, headings): one paragraph a line, each joined from the lines page width broke (never
    past a line whose index is in `paragraph_ends`); headings as Document.headings has them, for
    lines the layout marks as headings."""
    text_lines: list[str] = []
    headings: list[tuple[int, int, int]] = []
    position = 0
    for paragraph, level in _join_wrapped(lines, paragraph_ends):
        if level is not None:
            headings.append((position, position + len(paragraph), level))
        text_lines.append(paragraph)
        position += len(paragraph) + 1
    return "\n".join(text_lines), tuple(headings)


def _join_wrapped(lines: list[Line], paragraph_ends: frozenset[int]) -> list[tuple[str, int | None]]:
    """Paragraphs, with their heading level: each line joined to the next where page width,
    not the author, broke it."""
    if not lines:
        return []
    layout = _Layout.of(lines)
    paragraphs = [(lines[0].text, lines[0].heading)]
    continued = False  # whether `previous` goes on from the line before it
    for index, (previous, line) in enumerate(pairwise(lines)):
        if index not in paragraph_ends and layout.runs_on(previous, line, continued):
            between_words = _is_letter(previous.text[-1]) and _is_letter(line.text[0])
            text, level = paragraphs[-1]
            paragraphs[-1] = (text + (" " if between_words else "") + line.text, level)
            continued = True
        else:
            paragraphs.append((line.text, line.heading))
            continued = False
    return paragraphs


@dataclass
class _Layout:
    left_margin: float
    right_margin: float
    indents_paragraphs: bool

    @classmethod
    def of(cls, lines: list[Line]) -> _Layout:
        # Continuation lines start at the margin, so it is the commonest start; full lines,
        # the commonest kind in a report, end at the right margin.
        left_margin = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
        right_edges = sorted(line.x1 for line in lines)
        right_margin = right_edges[int(_RIGHT_MARGIN_QUANTILE * (len(right_edges) - 1))]
        layout = cls(left_margin, right_margin, indents_paragraphs=False)
        # A line after a short line surely starts a paragraph: how do those start?
        starts = [
            line
            for previous, line in pairwise(lines)
            if not layout.reaches_margin(previous) and not HEADING_START.match(line.text)
        ]
        indented = sum(1 for line in starts if layout.indented(line))
        layout.indents_paragraphs = bool(starts) and indented >= _INDENTED_PARAGRAPHS_SHARE * len(starts)
        return layout

    def reaches_margin(self, line: Line, slack_em: float = _MARGIN_SLACK_EM) -> bool:
        return line.x1 >= self.right_margin - slack_em * line.size

    def indented(self, line: Line) -> bool:
        return line.x0 >= self.left_margin + _INDENT_EM * line.size

    def runs_on(self, line: Line, following: Line, continued: bool) -> bool:
        """Whether `following` goes on with the paragraph of `line` (`continued`: which itself goes on
        from the line before it, so it is no title, whatever its words: …现将2025年度 / 法治政府建设
        工作开展情况、存在的不足及2026年工作打算报告 / 如下:)."""
        if (
            HEADING_START.match(following.text)
            or following.heading != line.heading
            or (TITLE_LINE.match(line.text) and not continued)
        ):
            return False
        if not _ends_sentence(line):
            # a long token (98.52%, a 《title》) that did not fit leaves its line a few characters
            # short; a centred line (a title) is short at both ends and stands alone
            # (a heading's words are short: one the width broke runs to the margin)
            starts_left = line.x0 < self.left_margin + _BODY_START_EM * line.size
            prose = starts_left and (not HEADING_START.match(line.text) or SENTENCE_END_INSIDE.search(line.text))
            return self.reaches_margin(line, _WRAP_SLACK_EM if prose else _MARGIN_SLACK_EM)
        if not self.reaches_margin(line):
            return False
        # A sentence ended at the margin: the paragraph goes on unless the next line is indented.
        return self.indents_paragraphs and not self.indented(following)


def _ends_sentence(line: Line) -> bool:
    return ends_sentence(line.text)


def ends_sentence(text: str) -> bool:
    """Whether a line's text ends a sentence (。 or the like, maybe followed by a closing mark)."""
    return text.rstrip().rstrip(_CLOSING)[-1:] in _SENTENCE_END
