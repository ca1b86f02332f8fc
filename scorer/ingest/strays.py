"""What a converter, a page or a typist left in a text that is not the report's words.

A careful reader reads past them; matching cannot, and the normaliser keeps one character for
one, so they are taken out when the file is read, and the offsets of the file's own heading marks
move with the text:

- pinyin a web page's converter printed after characters (區(qū)域, 習(xí)近平): some government
  sites' simplified-to-traditional buttons print a character's reading after it in brackets, and
  学(xué)习 is no 学习;
- a page number where a page broke a sentence (…依法\\n— 2 —\\n查处…, a PDF's text copied out
  with its paragraphs kept): the sentence runs on across it;
- letter spacing (法 治 政 府 建 设, 索 引 号: a title spread across the page, a PDF whose
  justified lines come out a character at a time): the spaces between the characters; and a
  space a PDF left inside a sentence (经济社会 发展, 2300余人 次): Chinese prose has none;
- a line break after a comma (…统筹推进疫情防控和经济社会发展，\\n依法行政水平不断提升。): no
  paragraph ends at a comma, so the sentence runs on; nor between two characters of a word, after a
  prose line longer than any title (…立案查处\\n案件27件。), where the next line ends the sentence.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator

from .base import Document
from .layout import (
    HEADING_START,
    PAGE_FIELD_LINE,
    PAGE_NUMBER,
    SENTENCE_END_INSIDE,
    SENTENCE_MARK,
    TITLE_LINE,
    ends_sentence,
)

# A bracketed syllable with a tone mark right after a Han character; a bracketed list label or an
# English word ((a), (WTO)) carries no tone mark.
_READING = re.compile(r"(?<=[\u4e00-\u9fff])[(\uff08][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)\uff09]")
# Fewer than this many readings is no converter at work but a word glossed on purpose.
_MIN_READINGS = 3

# a year on a line of its own is no page number
_YEAR = re.compile(r"\s*(?:19|20)\d\d\s*")
# A line shorter than this before a page number may be a heading, not a broken sentence.
_MIN_BROKEN_LINE = 20
# An official document's printed line holds 28 characters (GB/T 9704); a numbered heading that fills
# one, less its indent, ran on to the next page rather than ending before the page number.
_FULL_LINE = 26

_HAN = r"[\u3400-\u9fff\uf900-\ufaff]"
_SPACES = re.compile(r"[ \u3000\u00a0]+")
# a Chinese character or a Chinese mark ((三), 《》, “”, 、): what a letter-spaced line spreads
_WIDE = r"[\u3001-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e“”‘’()]"
_SPACE_BETWEEN_WIDE = re.compile(rf"(?<={_WIDE})[ \u3000\u00a0]{{1,3}}(?={_WIDE})")
_HAN_PAIR = re.compile(rf"(?={_HAN}[ \u3000\u00a0]{{0,3}}{_HAN})")
_HAN_GAP = re.compile(rf"(?<={_HAN})[ \u3000\u00a0]{{1,3}}(?={_HAN})")
# A line is letter-spaced when half its neighbouring Han characters stand apart or more (and then
# the spaces between its marks go too); a line of words a space apart (首页 信息公开, 中共某县委
# 某县人民政府) has most of them together.
_LETTER_SPACED_SHARE = 0.5
# a space between two characters of a prose line (one that holds a comma or a full stop); a full
# stop typed as . or ． after a Chinese character (…取得新进展. 现将…) is one too: normalisation
# reads it as 。 later
_PROSE_CHARACTER = rf"(?:{_HAN}|[，、。；：])"
_SPACE_IN_PROSE = re.compile(rf"(?:(?<={_PROSE_CHARACTER})|(?<={_HAN}[.．])) (?={_PROSE_CHARACTER})")
# the spaces a PDF or a typist puts either side of a number in prose (组织 41 名, 达 100 %): no reach
# of a rule that counts characters should spend itself on them (one space beside a number, 归集数据
# 1.97亿条, is a writer's and stays, so a clean file's offsets are its own)
_SPACED_NUMBER = re.compile(rf"(?<={_PROSE_CHARACTER})( )\d+(?:\.\d+)?( )(?={_PROSE_CHARACTER}|[%％])")
_PROSE = re.compile(r"[，。]")
_MIN_PROSE_LINE = 20
# how far a heading's marker reaches ((十二), 第十二部分); the fewest words of a title after it, and
# the most a title and its marker hold (structure's longest title that lends its subject, and more)
_MARKER_REACH = 8
_MIN_TITLE = 2
_TITLE_REACH = 60
# a line ending at a comma, and the line break (with the next line's indent) after it
_COMMA_BREAK = re.compile(r"(?<=[，、,])[ \t\u3000]*\n[ \t\u3000]*(?=\S)")
# a line break between two characters of a word (…立案查处\n案件27件。): a prose line longer than any
# title that stops with no mark, and a line after it that ends the sentence with no heading's marker,
# are one sentence
_WORD_BREAK = re.compile(rf"(?<={_HAN})[ \t\u3000]*\n[ \t\u3000]*(?={_HAN}|\d)")


def without_strays(document: Document) -> Document:
    """The document with the strays above taken out of its text."""
    text = document.text
    spans = sorted(
        {*_readings(text), *_page_breaks(text), *_letter_spacing(text), *_comma_breaks(text), *_word_breaks(text)}
    )
    if not spans:
        return document
    spans = _merged(spans)
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


def _unspaced(line: str) -> str:
    """A line as the other strays leave it: its letter spacing (（ 三 ） 着 力) gone, for the tests of
    what it starts or ends with."""
    return _SPACES.sub("", line)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with those that overlap (a page break's and a comma's line break) made one."""
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _readings(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _READING.finditer(text)]
    return spans if len(spans) >= _MIN_READINGS else []


def _page_breaks(text: str) -> Iterator[tuple[int, int]]:
    lines = _lines(text)
    title = None  # the text's first line that holds words (blank lines may come before it)
    for index, (start, end) in enumerate(lines):
        if not PAGE_NUMBER.match(text[start:end]) or _YEAR.fullmatch(text, start, end):
            continue
        title = title or _next_filled(text, lines, range(len(lines)))
        before = _next_filled(text, lines, range(index - 1, max(index - 3, -1), -1))
        after = _next_filled(text, lines, range(index + 1, min(index + 3, len(lines))))
        if before is None or after is None:
            continue
        if _breaks_off(text[slice(*before)], first=before == title) and not HEADING_START.match(
            _unspaced(text[slice(*after)])
        ):
            yield before[1], after[0]


def _breaks_off(line: str, first: bool) -> bool:
    """Whether a line a page number follows is a sentence the page broke: no heading (a title, a
    numbered heading without a sentence after it that does not fill its line, a short line), no
    page's field line and no sentence's end. The text's first line is no title unless it reads as
    one (…情况的报告): a text with no title line opens with its first paragraph (2022年以来,某市坚持…,
    根据《…》和相…)."""
    words = _unspaced(line)
    return (
        not (first and TITLE_LINE.match(words))
        and len(words) >= _MIN_BROKEN_LINE
        and not ends_sentence(words)
        and not (HEADING_START.match(words) and not SENTENCE_END_INSIDE.search(words) and len(words) < _FULL_LINE)
        and not PAGE_FIELD_LINE.search(line.strip())
    )


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _next_filled(text: str, lines: list[tuple[int, int]], indices: range) -> tuple[int, int] | None:
    """The first of these lines that holds text (one blank line may come first), or None."""
    for index in indices:
        if text[slice(*lines[index])].strip():
            return lines[index]
    return None


def _letter_spacing(text: str) -> Iterator[tuple[int, int]]:
    for start, end in _lines(text):
        han_gaps = len(_HAN_GAP.findall(text, start, end))
        if han_gaps and han_gaps >= _LETTER_SPACED_SHARE * len(_HAN_PAIR.findall(text, start, end)):
            yield from (m.span() for m in _SPACE_BETWEEN_WIDE.finditer(text, start, end))
        elif end - start >= _MIN_PROSE_LINE and _PROSE.search(text, start, end):
            yield from (m.span() for m in _SPACE_IN_PROSE.finditer(text, start, end) if not _lost_break(text, start, m))
            for m in _SPACED_NUMBER.finditer(text, start, end):
                yield from (m.span(1), m.span(2))


def _lost_break(text: str, line_start: int, space: re.Match[str]) -> bool:
    """Whether a space in a prose line is the line break a page lost, not a stray: before a heading's
    marker (…职责。 二、深化…), or after a heading's title, which takes no full stop (二、深化政府职能转变,
    营商环境持续优化 动态调整…)."""
    if HEADING_START.match(text[space.end() : space.end() + _MARKER_REACH]):
        return True
    reach = max(line_start, space.start() - _TITLE_REACH)
    ends = [m.end() for m in SENTENCE_MARK.finditer(text, reach, space.start())]
    if not ends and reach > line_start:
        return False  # a run of words longer than any title
    piece = text[ends[-1] if ends else line_start : space.start()].lstrip()
    marker = HEADING_START.match(piece)
    return marker is not None and len(piece) - marker.end() >= _MIN_TITLE


def _line_from(text: str, at: int) -> str:
    """The words of the line from offset `at` to its end, unspaced."""
    end = text.find("\n", at)
    return _unspaced(text[at : end if end >= 0 else len(text)])


def _comma_breaks(text: str) -> Iterator[tuple[int, int]]:
    for m in _COMMA_BREAK.finditer(text):
        if not HEADING_START.match(_line_from(text, m.end())):
            yield m.span()


def _word_breaks(text: str) -> Iterator[tuple[int, int]]:
    for m in _WORD_BREAK.finditer(text):
        line = _unspaced(text[text.rfind("\n", 0, m.start()) + 1 : m.start()])
        following = _line_from(text, m.end())
        if (
            len(line) > _TITLE_REACH  # (a title that lost its number, 坚持依法决策，提升…, is shorter)
            and _PROSE.search(line)
            and not HEADING_START.match(following)
            and SENTENCE_END_INSIDE.search(following)
            and not PAGE_FIELD_LINE.search(following)
        ):
            yield m.span()
