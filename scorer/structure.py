"""Structure of a report: headings, a section tree, sentences with spans, and passages.

Input is the normalised text (see scorer.normalize: full-width forms are ASCII, chrome lines are
blank), so `(一)` stands for both `(一)` and `（一）`. Every span is an offset into that text,
which has the same offsets as the text as read.

Heading styles and their canonical levels, whatever order a report nests them in:
  1  一、  第一部分  、lost numeral  (and a short unnumbered line standing above (一) headings)
  2  (一)
  3  1.  1、
  4  (1)  ①
  5  一是  (at the start of a line)
A heading line usually runs on: `(一)深化理论武装。严格落实…` — the title is the first
sentence, the rest of the line is body text of that section.

Passages: a sentence is in a `shortcomings` passage (存在的不足 / 问题) or a `plans` passage
(the lexicon's plan_heading words) when a heading says so, or when a paragraph opens with such a
lead (`但仍存在…不足`, `2025年,我区将…`; the lexicon's shortcoming_lead and plan_lead). An
opening lead holds until the end of the section it stands in (one closing a subsection leaves the
next subsection alone), or of the top-level section when a new list follows it (下一步,我区将…:
(一)…); a lead inside a paragraph holds to the paragraph's end.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from .lazy_re import lazy, lazy_pattern
from .lexicon import Lexicon, default_lexicon, default_pattern, default_words
from .numbers import CN_DIGITS, CN_SMALL_DIGITS, CN_YEAR, chinese_count

BODY, SHORTCOMINGS, PLANS = "body", "shortcomings", "plans"

_CN_NUM = CN_DIGITS + "十百"  # a heading's numeral: 一 … 九十九, 一百
_BULLET_MARKS = "-–—•·●■◆◇□*"
_BULLET = lazy_pattern(rf"(?:[{_BULLET_MARKS}]\s*)?")

# the style of a list's items run into the text (一是…；二是…)
_LIST_ITEM_STYLE = "一是"

# (style, level, regex matching the marker at the start of a stripped line)
_MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    # 一、2023年… is a heading; 一.5 is not; nor is 一,二 (a typist's comma or space for the 、:
    # 一,加强组织领导 / 一 加强组织领导)
    ("一、", 1, lazy_pattern(rf"[{_CN_NUM}]{{1,3}}(?:\s*(?:、|\.(?!\d)|,(?![{_CN_NUM}\d]))|\s+(?=[\u4e00-\u9fff]))")),
    ("第一部分", 1, lazy_pattern(rf"第[{_CN_NUM}\d]{{1,3}}(?:部分|章|节|篇)\s*[、.:]?")),
    ("、", 1, lazy_pattern(r"、(?=\S)")),
    # (a web repost's 【一】 brackets the sub-part's numeral as (一) does)
    ("(一)", 2, lazy_pattern(rf"(?:\(\s*[{_CN_NUM}]{{1,3}}\s*\)|【\s*[{_CN_NUM}]{{1,3}}\s*】)\s*[、.]?")),
    ("1.", 3, lazy_pattern(r"\d{1,2}\s*(?:[、]|\.(?!\d))")),
    ("(1)", 4, lazy_pattern(r"(?:\(\s*\d{1,2}\s*\)|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*[、.]?")),
    (_LIST_ITEM_STYLE, 5, lazy_pattern(rf"[{_CN_NUM}]{{1,3}}是(?=\S)")),
)

_SENTENCE_END = lazy_pattern(r"[。!?;]+[”’\"')\]」』》]*|\n")
_CLAUSE_SEP = lazy_pattern(r"[,、:]")
_TERMINAL = "。!?;:,"

_PLAIN_HEADING_MAX = 40
# the longest title whose subject runs on below it: of the 3,019 headings of the labelled texts
# with their line breaks, 13 are longer, each a title run into its paragraph's first sentence or a
# numbered sentence that is no title
_LENDING_TITLE_MAX = 45
_LENDING_ITEM_LEAD_MAX = 16  # a list item's lead that titles it: a few words (坚持高位推动，强化法治引领。)


def _signer_end() -> str:
    """How a signature ends: a body's or an office's name (…人民政府, …司法局)."""
    return rf"(?:{default_words('body_ends')}|{default_words('office_ends')})"


_SIGNATURE = lazy(lambda: re.compile(rf"{_signer_end()}\s*$"))
# A date, the day optional (2024年3月, 二〇二四年三月十日), and a line that is only one
_DATE = rf"(?:\d{{4}}|{CN_YEAR})\s*年\s*[\d{CN_SMALL_DIGITS}]{{1,3}}\s*月(?:\s*[\d{CN_SMALL_DIGITS}]{{1,3}}\s*日)?"
_DATE_LINE = lazy_pattern(rf"^\s*{_DATE}\s*$")
_TITLE_WORDS = default_pattern("title_words")
# where a sentence run into a title starts (not after a comma, inside the title's own clause)
_RUN_IN_SUBJECT = lazy(
    lambda: re.compile(rf"(?<![,、“])(?:{default_words('run_in_subjects')}|{default_words('leader_titles')})")
)
_RUN_IN_TITLE_MIN = 6
_RUN_IN_MANNER = default_pattern("run_in_manners")
_RUN_IN_OPENER = lazy(lambda: re.compile(f"{default_words('run_in_manners')}|{default_words('run_in_acts')}"))
_RUN_IN_PHRASE_HEAD = lazy(lambda: re.compile(f"(?:{default_words('run_in_phrase_heads')})$"))
# a title of one or two clauses: the first ends within this reach of the title's start, each is
# this long
_FIRST_TITLE_CLAUSE_MAX = 20
_TITLE_CLAUSE = (4, 16)
# what a sentence holds and a title's phrase does not: another clause, or a count
_SENTENCE_SIGN = lazy_pattern(r"[,;、\d]")
_VERB_LENGTH = 4  # a manner word and its verb (持续优化): the title's last words
_BARE_VERB_LENGTH = 2  # …and the verb alone (优化)
_CLAUSE_END_MARK = lazy_pattern(f"[{_TERMINAL}]")
_TITLE_END = lazy_pattern(r"[。!?;]")
# a space inside a line of Chinese, after a title and before the next words: the line break a page
# lost between the title and its paragraph ((一)深化“放管服”改革,优化营商环境  1.推进审批提速增效。);
# not the space a PDF or a typist leaves around a number (调整事项 17 项): before digits, only a
# point's number is a line of its own
_MIN_SPACED_TITLE = 2  # (一、 主要工作: a space before a title's words is none)
_LOST_BREAK = lazy_pattern(r"(?<=[^\s\d])\s+(?=[\u4e00-\u9fff“(（]|\d{1,2}[.、](?!\d))")
# a short lead of Chinese words closed by a full stop or a colon, with the paragraph after it
_RUN_IN_LEAD = lazy_pattern(r"[\u4e00-\u9fff“”、]{4,14}[。:](?=[^\n]*[\u4e00-\u9fff])")
# how many paragraphs of a part must open so before their leads are read as its sub-parts
_MIN_RUN_IN_LEADS = 2
_HAN = lazy_pattern(r"[\u4e00-\u9fff]")
_WORD = lazy_pattern(r"\w")


@dataclass(frozen=True)
class Heading:
    start: int  # start of the marker (or of the line)
    end: int  # end of the title
    title_start: int  # where the title text starts, after the marker
    level: int
    style: str

    @property
    def is_list_item(self) -> bool:
        """An item of a list run into the text (一是…, 二是…), not a part's heading."""
        return self.style == _LIST_ITEM_STYLE

    @property
    def lends_subject(self) -> bool:
        """Does its subject run on to the sentences below it? Not a title longer than any title (a
        page that lost its line breaks ran the paragraph's first sentence into it: 一、加强组织领导落实
        责任局党组高度重视…), nor a list item's first sentence unless it is a short lead that titles
        the item as (二) would (二是强化信用监管。依法将312户企业列入经营异常名录…): a longer one is a
        sentence of the list, reporting for itself."""
        return self.end - self.title_start <= (_LENDING_ITEM_LEAD_MAX if self.is_list_item else _LENDING_TITLE_MAX)


@dataclass(frozen=True)
class Section:
    heading: Heading
    title: str  # marker and title as printed, shortened for display
    path: tuple[str, ...]  # titles from the top-level section down to this one
    start: int
    end: int  # end of the section including its subsections
    kind: str  # BODY / SHORTCOMINGS / PLANS, from the heading or inherited
    opens_passage: bool = False  # its own title named the kind (存在的问题 / 2025年工作安排)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph (non-blank line) it stands in
    section: int  # index into Structure.sections, -1 before the first heading
    passage: str  # BODY / SHORTCOMINGS / PLANS
    is_heading: bool  # the sentence is a heading's title
    # what put it in its passage: "heading" or "lead" (a passage that holds to the end of its
    # section), "inline" (a lead inside a paragraph, to the paragraph's end), "" for the body
    passage_from: str = ""


@dataclass(frozen=True)
class Structure:
    text: str
    title: tuple[int, int] | None  # the document's title line, if it has one
    paragraphs: tuple[tuple[int, int], ...]
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    # Where the report's own text begins: lines above it (page chrome, title, date, addressee)
    # report nothing.
    body_start: int = 0
    # Where the opening preamble (the guiding formulas before the first numbered part, or up to a
    # 现将…报告如下 lead) ends; the judge reads it as a summary.
    preamble_end: int = 0

    def section_path(self, sentence: Sentence) -> str:
        if sentence.section < 0:
            return ""
        return " > ".join(self.sections[sentence.section].path)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset, if any."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        return self.sentences[i] if i >= 0 and offset < self.sentences[i].end else None

    def following(self, sentence: Sentence) -> Sentence | None:
        """The sentence after `sentence`, if any."""
        i = bisect.bisect_left(self.sentence_starts, sentence.end)
        return self.sentences[i] if i < len(self.sentences) else None

    def preceding(self, sentence: Sentence) -> Sentence | None:
        """The sentence before `sentence`, if any."""
        i = bisect.bisect_left(self.sentence_starts, sentence.start) - 1
        return self.sentences[i] if i >= 0 else None

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the clauses of text[start:end], split at , 、 :"""
    spans, pos = [], start
    for m in _CLAUSE_SEP.finditer(text, start, end):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# A part's marker standing after a sentence's end inside a line (…报告如下:一、主要举措(一)…), or
# after the space a page left for the break (…新闻发布会14场, 四、存在的问题): a page that lost its
# line breaks; the part starts a line of its own there.
_SUB_PART_MARKER = rf"\([{CN_SMALL_DIGITS}]{{1,3}}\)"
_PART_MARKER = rf"[{CN_SMALL_DIGITS}]{{1,3}}、|{_SUB_PART_MARKER}|第[{CN_SMALL_DIGITS}]{{1,3}}(?:部分|章)"
# (a point numbered 2. after a sentence's end or that space, (2) only after the space: …。2.5万件
# is a number, …工作:1.压紧压实责任。… a point)
_INLINE_PART = lazy_pattern(
    rf"(?<=[。:;!?])\s*(?={_PART_MARKER}|\d{{1,2}}[.、](?!\d))|(?<=\S)\s+(?={_PART_MARKER}|\d{{1,2}}[.、](?!\d)|\(\d{{1,2}}\))"
)
# …and the part's title, unpunctuated, running into its first sub-part or item or into a year
# (一、主要举措(一)坚持…, 六、2023年工作打算一是…, 第四部分 工作思路2022年,我市将…)
_INLINE_TITLE = lazy_pattern(
    r"(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}(?:部分|章)\s*)[^。,;:!?()]{2,25}?(?=\(一\)|一是|\d{4}年)"
)


# …and a report's title running into what follows it (…情况报告发布时间:… / …情况报告2024年,我县…),
# in a line far longer than any title: it ends a line of its own, as do the page's fields after it
# where they run into the opening (发布时间:… 字号:大 中 小2023年,我局…)
_RUN_ON_LINE = 300
_RUN_ON_TITLE_MAX = 120
_YEAR = rf"(?:\d{{4}}|{CN_YEAR})\s*年"


# the report's date in brackets after its title ((2024年2月), (2024-03-01))
_TITLE_DATE = rf"\s*\((?:{_YEAR}[^()]{{0,10}}|\d{{4}}-\d{{1,2}}-\d{{1,2}})\)"


def _before_opening() -> str:
    """What follows a title run into the text: the opening's year or period, the page's fields, or
    the addressee (…情况报告区委、区政府:2021年,…), the title's date in brackets before them."""
    return (
        rf"(?=(?:{_TITLE_DATE})?\s*(?:{_YEAR}|{default_words('opening_periods')}|"
        rf"{default_words('page_field_labels')}|{_addressee()}))"
    )


def recipient() -> str:
    """One body an addressee names (新乡市人民政府, 中共获嘉县委, 县政府), as a regex."""
    return rf"[\u4e00-\u9fff]{{1,30}}?{default_words('addressee_ends')}"


def _addressee() -> str:
    """An addressee: bodies, 、 between them, closed by a colon (区委、区政府:, 中共某市委、某市人民政府:)."""
    return rf"(?:{recipient()}、?){{1,4}}:"


_RUN_ON_TITLE = lazy(lambda: re.compile(rf"[^。;>]{{4,100}}?{default_words('report_nouns')}" + _before_opening()))
# …and at the top of such a page, after a block of the page's fields longer than any title
# (…所属机构: 市教育局 发布机构:某市教育局关于…的报告信息来源:…): the first report's name after a
# colon, a crumb's > or a space, or after the full stop of the site's banner (…而团结奋斗。工作信息
# 某市司法局关于…的报告(2024-03-01)…: metadata reads the title from its issuer)
_PAGE_TITLE_REACH = 400
_PAGE_TITLE = lazy(
    lambda: re.compile(rf"(?<=[:>\s。])[^。;:>\s][^。;:>]{{3,99}}?{default_words('report_nouns')}" + _before_opening())
)
_RUN_ON_DATE = lazy_pattern(_TITLE_DATE)
_RUN_ON_ADDRESSEE = lazy(lambda: re.compile(rf"\s*{_addressee()}"))
_RUN_ON_FIELDS = lazy(
    lambda: re.compile(
        rf"\s*{default_words('page_field_labels')}[^。]{{0,100}}?"
        rf"(?={_YEAR}\s*[,以是]|{default_words('opening_periods')})"
    )
)


# A line longer than any paragraph of a report (the longest of the labelled texts has 686
# characters) has lost its paragraph breaks: a sentence in it that opens a shortcomings or plans
# lead (…差距和不足。2025年,我区将…) opened a paragraph, and starts a line of its own.
_LOST_BREAKS_LINE = 1000
# …and a report's closing block run into its last sentence (…提供坚实法治保障。和顺县人民政府 2024年3月18日):
# the signature, if any, and the date are lines of their own, which the trailer is read from
_RUN_ON_SIGNATURE = lazy(
    lambda: re.compile(rf"(?<=[。!?])\s*([^。!?\s][^。!?,]{{1,30}}?{_signer_end()})?\s*({_DATE})\s*$")
)
_PAGE_SENTENCE_START = lazy_pattern(r"(?<=[。!?])\s*(?=\S)")
# …and on such a line the parts numbered in sequence: the first where a part may start, the next
# ones wherever their numbers stand, none inside or before a run of numerals (第二、三批, 二、三产业)
_FIRST_PART_MARKER = "一、"
_YEAR_AFTER_MARKER = r"\d{4}年"  # a part's title opening with its year (一、2021年主要工作) is no numeral run
_YEAR_AFTER = lazy_pattern(_YEAR_AFTER_MARKER)
_FIRST_PART = lazy_pattern(
    rf"(?:^|(?<=[。:;!?\s]))\s*(?={_FIRST_PART_MARKER}(?:(?![{CN_SMALL_DIGITS}\d])|{_YEAR_AFTER_MARKER}))"
)
# …and within each part, its sub-parts numbered in sequence from (一), the first wherever it stands
# (its part's title runs into it: 一、主要举措(一)坚持…), the next ones too (…对发现的问题逐一(三)加强…)
_FIRST_SUB_PART = lazy_pattern(r"(?<!第)(?=\(一\))")
_MAX_PARTS = 12
# …and a sub-part's marker after a comma, where the sentence before it was left unfinished
# (…新增示范校3所,(三)规范教育行政执法…): (三) stands in no sentence's middle
_SUB_PART_AFTER_COMMA = lazy_pattern(rf"(?<=,)\s*(?={_SUB_PART_MARKER})")
_NUMERAL_RUN = set(CN_DIGITS + "十第、") | set("0123456789")


def _lines(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        starts = [pos]
        if end - pos > _LOST_BREAKS_LINE:
            starts.extend(
                m.end()
                for m in _PAGE_SENTENCE_START.finditer(text, pos, end)
                if _lead_kind(text[m.end() : _sentence_end(text, m.end(), end)], lexicon)
            )
        title = None
        if end - pos > _RUN_ON_LINE:
            if signature := _RUN_ON_SIGNATURE.search(text, pos, end):
                starts.extend(start for start in (signature.start(1), signature.start(2)) if start >= 0)
            title = _RUN_ON_TITLE.match(text, pos, min(end, pos + _RUN_ON_TITLE_MAX))
            if not title and pos < _PAGE_TITLE_REACH:
                title = _PAGE_TITLE.search(text, pos, min(end, pos + _PAGE_TITLE_REACH))
        if title:
            starts.extend(title.span())
            after = date.end() if (date := _RUN_ON_DATE.match(text, title.end(), end)) else title.end()
            starts.append(after)
            if addressee := _RUN_ON_ADDRESSEE.match(text, after, end):
                after = addressee.end()  # a line of its own, as laid out
                starts.append(after)
            if fields := _RUN_ON_FIELDS.match(text, after, min(end, after + _RUN_ON_TITLE_MAX)):
                starts.append(fields.end())
        parts = [part.end() for part in _INLINE_PART.finditer(text, pos, end)]
        if end - pos > _RUN_ON_LINE:
            in_sequence = _in_sequence(text, pos, end, _FIRST_PART, _part_marker, _in_numeral_run)
            for part_start, part_end in pairwise([*in_sequence, end]):
                parts.extend(_in_sequence(text, part_start, part_end, _FIRST_SUB_PART, _sub_part_marker, _an_item_of))
            parts.extend(in_sequence)
            parts.extend(part.end() for part in _SUB_PART_AFTER_COMMA.finditer(text, pos, end))
        for part in parts:
            starts.append(part)
            if title := _INLINE_TITLE.match(text, part, end):
                starts.append(title.end())
        starts = sorted(set(starts))
        for piece_start, piece_end in zip(starts, starts[1:] + [end], strict=True):
            s, e = _strip_span(text, piece_start, piece_end)
            if e > s:
                spans.append((s, e))
        pos = end + 1
    return spans


def _part_marker(number: int) -> str:
    return chinese_count(number) + "、"


def _sub_part_marker(number: int) -> str:
    return f"({chinese_count(number)})"


def _in_numeral_run(text: str, start: int, end: int) -> bool:
    """Is the part's marker text[start:end] one of a run of numerals (第二、三批, 二、三产业), not a
    part whose title opens with its year (二、2022年工作打算)?"""
    return text[start - 1 : start] in _NUMERAL_RUN or (
        text[end : end + 1] in _NUMERAL_RUN and not _YEAR_AFTER.match(text, end)
    )


def _an_item_of(text: str, start: int, end: int) -> bool:
    """Is the sub-part's marker text[start:end] an item of a law or list (第(三)项)?"""
    return text[start - 1 : start] == "第"


def _in_sequence(
    text: str,
    start: int,
    end: int,
    first_marker: re.Pattern[str],
    marker: Callable[[int], str],
    in_run: Callable[[str, int, int], bool],
) -> list[int]:
    """Where the parts (一、 二、…) or a part's sub-parts ((一) (二)…) of a line that lost its
    paragraph breaks start, numbered in sequence: each next number's marker, wherever it stands,
    even after a comma or straight after the last words of a part whose sentence was left
    unfinished (…预警系统接入二、完善应急预案体系…), once the first starts where one may (the line's
    start, after a sentence or a space). Not a marker inside a run of numerals (第二、三批, 一、二、三级)
    or before one (二、三产业), as `in_run` tells."""
    first = first_marker.search(text, start, end)
    if not first:
        return []
    found, pos = [first.end()], first.end() + len(marker(1))
    for number in range(2, _MAX_PARTS + 1):
        sign = marker(number)
        at = text.find(sign, pos, end)
        while at >= 0 and in_run(text, at, at + len(sign)):
            at = text.find(sign, at + 1, end)
        if at < 0:
            break
        found.append(at)
        pos = at + len(sign)
    return found


def _sentence_end(text: str, start: int, end: int) -> int:
    m = _SENTENCE_END.search(text, start, end)
    return m.end() if m else end


def _marker(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(style, level, title_start) when the line starts with a heading marker."""
    bullet = _BULLET.match(text, start, end)
    pos = bullet.end() if bullet else start
    for style, level, pattern in _MARKERS:
        m = pattern.match(text, pos, end)
        if m and m.end() < end:
            return style, level, m.end()
    return None


def opens_with_marker(text: str, start: int, end: int) -> bool:
    """Does the line open like a heading or a list item: a heading marker, or a bullet?"""
    return start < end and text[start] in _BULLET_MARKS or _marker(text, start, end) is not None


def _title_end(text: str, title_start: int, line_end: int, run_in: bool) -> int:
    m = _TITLE_END.search(text, title_start, line_end)
    end = m.end() if m else line_end
    if lost := _LOST_BREAK.search(text, title_start + _MIN_SPACED_TITLE, end):
        end = lost.start()
    # a short lead closed by a colon is the title of what follows it ((一)加强组织领导:县政府…)
    colon = text.find(":", title_start, min(end, title_start + _HEADING_TITLE_MAX))
    if colon >= 0:
        return colon + 1
    if not run_in:
        return end  # a list item's lead (一是…) ends with its first sentence: nothing runs into it
    # a title runs on into the manner its paragraph's first sentence opens with, where a lost line
    # break joined them (…,营造一流营商环境深入推进…)
    manner = _run_in_manner(text, title_start, end)
    if end - title_start > _LENDING_TITLE_MAX:
        # longer than any title: a lost line break ran the paragraph's first sentence into it, and
        # that sentence starts where its subject or its time does (…实质性化解市人民政府全年新收…)
        subject = _RUN_IN_SUBJECT.search(text, title_start + _RUN_IN_TITLE_MIN, end)
        # (an act word the subject follows at once is the title's last word: …责任落实|县政府主要领导…)
        if subject and not (manner and manner < subject.start() and not _ends_at(text, manner, subject.start())):
            return subject.start()
    return manner or end


def _ends_at(text: str, opener: int, at: int, slack: int = 0) -> bool:
    """Does the manner word or act at `opener` end right at `at` (or up to `slack` characters before)?"""
    m = _RUN_IN_OPENER.match(text, opener)
    return m is not None and 0 <= at - m.end() <= slack


def _run_in_manner(text: str, title_start: int, end: int) -> int | None:
    """Where a sentence run into a title starts: at a manner word or an opening act in a clause of
    the title past its first words, unless a manner word follows it as a verb's length later, where
    it ends the title instead (深化“放管服”改革,营造一流营商环境|深入推进…, 营商环境持续优化|深入推进…,
    加快转变政府职能|全面实行…, 依法行政制度体系不断健全|严格执行…), or the act is the verb of a
    manner word before it (不断健全). What runs on from there reads as a sentence: clauses or a
    count, not a title's own phrase (…,全面推进严格规范公正文明执法)."""
    comma = text.find(",", title_start, min(end, title_start + _FIRST_TITLE_CLAUSE_MAX))
    shortest, longest = _TITLE_CLAUSE
    for clause_start in (title_start, comma + 1) if comma >= 0 else (title_start,):
        next_mark = _CLAUSE_END_MARK.search(text, clause_start, end)
        clause_end = min(next_mark.start() if next_mark else end, clause_start + longest + _VERB_LENGTH)
        starts = {m.start() for m in _RUN_IN_OPENER.finditer(text, clause_start, clause_end)}
        manner_ends = {m.end() for m in _RUN_IN_MANNER.finditer(text, clause_start, clause_end)}
        for start in sorted(starts):
            if (
                shortest <= start - clause_start <= longest
                and start + _VERB_LENGTH not in starts
                and start not in manner_ends
                # (nor one its clause ends with, or with its verb: the title's own last words,
                # 强化责任落实,…; 坚持学用结合,…; 权责事项动态调整,…)
                and not (next_mark and _ends_at(text, start, next_mark.start(), slack=_BARE_VERB_LENGTH))
                and not _RUN_IN_PHRASE_HEAD.search(text, clause_start, start)
                and _SENTENCE_SIGN.search(text, start, end)
            ):
                return start
    return None


def _is_plain_heading(text: str, start: int, end: int, hinted: bool) -> bool:
    line = text[start:end]
    if hinted:
        return True
    if len(line) > _PLAIN_HEADING_MAX or line[-1] in _TERMINAL or _DATE_LINE.match(line):
        return False
    if not _HAN.search(line) or _SIGNATURE.search(line):
        return False
    return True


def _find_headings(
    text: str, lines: list[tuple[int, int]], hints: dict[int, int]
) -> tuple[list[Heading], tuple[int, int] | None]:
    headings: list[Heading] = []
    title = None
    pending_plain: list[int] = []  # indexes into headings of unnumbered headings awaiting a level
    markers = [_marker(text, start, end) for start, end in lines]
    leads = _run_in_leads(text, lines, markers)
    for index, (start, end) in enumerate(lines):
        hinted_level = hints.get(start)
        marker = markers[index]
        if (
            index == 0
            and marker is None
            and len(text[start:end]) <= 80
            and text[end - 1] not in _TERMINAL
            and _TITLE_WORDS.search(text, start, end)
        ):
            title = (start, end)
            continue
        if marker:
            style, level, title_start = marker
            title_end = _title_end(text, title_start, end, run_in=style != _LIST_ITEM_STYLE)
            heading = Heading(start, title_end, title_start, level, style)
        elif (
            _is_plain_heading(text, start, end, hinted_level is not None)
            and index + 1 < len(lines)
            and not _is_trailer(text, lines, index)
        ):
            bullet = _BULLET.match(text, start, end)
            title_start = bullet.end() if bullet else start
            heading = Heading(start, end, title_start, hinted_level or 0, "docx" if hinted_level else "plain")
        elif index in leads and headings and headings[-1].level:
            # a paragraph opening with a short bold lead that lost its number (加强组织领导。县政府…):
            # a sub-part of the part it stands in, as (一)加强组织领导。 would be
            previous = headings[-1]
            level = previous.level if previous.style == "lead" else previous.level + 1
            heading = Heading(start, leads[index], start, level, "lead")
        else:
            continue
        if heading.level == 0:
            pending_plain.append(len(headings))
        elif pending_plain:
            _settle_plain(headings, pending_plain, heading.level)
        headings.append(heading)
    _settle_plain(headings, pending_plain, None)
    return headings, title


def _run_in_leads(
    text: str, lines: list[tuple[int, int]], markers: list[tuple[str, int, int] | None]
) -> dict[int, int]:
    """{line index: where its lead ends} for the paragraphs that open with a short lead of their
    own and no number, where a part has two or more of them: sub-parts whose numbers were lost
    (a page's bold leads). One short first sentence alone is a sentence."""
    by_part: dict[int, dict[int, int]] = {}
    part = -1
    for index, (start, end) in enumerate(lines):
        if markers[index]:
            part = index
        elif lead := _RUN_IN_LEAD.match(text, start, end):
            by_part.setdefault(part, {})[index] = lead.end()
    return {i: e for found in by_part.values() if len(found) >= _MIN_RUN_IN_LEADS for i, e in found.items()}


def _is_trailer(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """A line in the closing block (signature, date) is not a heading."""
    # The bound first: the closing block is the last three lines, so at most two follow.
    return index >= len(lines) - 3 and all(
        _DATE_LINE.match(text[s:e])
        or _SIGNATURE.search(text[s:e])
        or len(text[s:e]) <= _PLAIN_HEADING_MAX
        and text[e - 1] not in _TERMINAL
        for s, e in lines[index + 1 :]
    )


def _settle_plain(headings: list[Heading], pending: list[int], next_level: int | None) -> None:
    """An unnumbered heading sits one level above the numbered heading that follows it."""
    level = max(1, next_level - 1) if next_level else 1
    for i in pending:
        h = headings[i]
        headings[i] = Heading(h.start, h.end, h.title_start, level, h.style)
    pending.clear()


def _display_title(text: str, heading: Heading) -> str:
    title = text[heading.start : heading.end].strip().rstrip("。;")
    title = re.sub(rf"^[{_BULLET_MARKS}]\s*", "", title)
    return title if len(title) <= 28 else title[:27] + "…"


# A heading is short (四、2025年工作安排 / (三)存在的不足); a longer "title" is a heading whose line
# break was lost, running on into body text (强化组织领导将法治建设纳入区委常委会工作计划…), and only
# its first words can name its passage.
_HEADING_TITLE_MAX = 30
_RUN_ON_KIND_WORDS = 8


def _heading_kind(text: str, heading: Heading, lexicon: Lexicon) -> str | None:
    title = text[heading.title_start : heading.end]
    if len(title) > _HEADING_TITLE_MAX:
        title = title[:_RUN_ON_KIND_WORDS]
    shortcoming = lexicon.pattern("shortcoming_heading").search(title)
    plan = lexicon.pattern("plan_heading").search(title)
    if shortcoming and plan:  # "存在的不足及明年工作安排": the shortcomings come first
        return SHORTCOMINGS if shortcoming.start() < plan.start() else PLANS
    if shortcoming:
        return SHORTCOMINGS
    if plan:
        return PLANS
    return None


def _build_sections(text: str, headings: list[Heading], lexicon: Lexicon) -> list[Section]:
    sections: list[Section] = []
    stack: list[int] = []  # indexes into sections
    ends: list[int] = [len(text)] * len(headings)
    for i, h in enumerate(headings):
        while stack and headings[stack[-1]].level >= h.level:
            ends[stack.pop()] = h.start
        stack.append(i)
    stack = []
    for i, h in enumerate(headings):
        while stack and headings[stack[-1]].level >= h.level:
            stack.pop()
        parent = sections[stack[-1]] if stack else None
        own_kind = _heading_kind(text, h, lexicon)
        kind = own_kind or (parent.kind if parent else BODY)
        title = _display_title(text, h)
        path = (parent.path if parent else ()) + (title,)
        sections.append(Section(h, title, path, h.start, ends[i], kind, own_kind is not None))
        stack.append(i)
    return sections


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        s, e = _strip_span(text, pos, m.end())
        if e > s and _WORD.search(text, s, e):
            spans.append((s, e))
        pos = m.end()
    s, e = _strip_span(text, pos, end)
    if e > s and _WORD.search(text, s, e):
        spans.append((s, e))
    return spans


# A sentence's lead up to the colon that may announce a list (存在问题: / 我局将重点做好以下工作:)
_COLON_LEAD = lazy_pattern(r"[^。;:]{0,40}:\s*")


def _announces_list(text: str, start: int, end: int) -> bool:
    """Does the sentence announce the list it leads: its colon followed by a list's first marker
    (存在问题:一是… / …做好以下工作:(一)…)?"""
    lead = _COLON_LEAD.match(text, start, end)
    return bool(lead and _marker(text, lead.end(), end) and _FIRST_OF_LIST.match(text, lead.end(), end))


def _lead_kind(sentence: str, lexicon: Lexicon) -> str | None:
    if lexicon.pattern("plan_lead").search(sentence):
        return PLANS
    if lexicon.pattern("shortcoming_lead").search(sentence):
        return SHORTCOMINGS
    return None


def parse(text: str, heading_hints: tuple[tuple[int, int, int], ...] = (), lexicon: Lexicon | None = None) -> Structure:
    """Parse normalised text into headings, sections and sentences."""
    lexicon = lexicon or default_lexicon()
    lines = _lines(text, lexicon)
    hints = {_strip_span(text, s, e)[0]: level for s, e, level in heading_hints}
    headings, title = _find_headings(text, lines, hints)
    sections = _build_sections(text, headings, lexicon)
    heading_at = {h.start: i for i, h in enumerate(headings)}
    lead_scope = _lead_scopes(text, sections)

    sentences: list[Sentence] = []
    lead: tuple[str, int] | None = None  # (kind, end offset) of an opening lead in force
    section_index = -1
    trailer_start = _trailer_start(text, lines)
    for paragraph, (start, end) in enumerate(lines):
        if title and start == title[0]:
            continue
        if lead and start >= lead[1]:
            lead = None
        if start >= trailer_start:  # signature, date, 专此报告: part of no section or passage
            sentences.extend(Sentence(s, e, paragraph, -1, BODY, False) for s, e in _sentence_spans(text, start, end))
            continue
        body_start = start
        section_kind = sections[section_index].kind if section_index >= 0 else BODY
        passage_from = "lead" if lead else "heading" if section_kind != BODY else ""
        if start in heading_at:
            section_index = heading_at[start]
            heading = headings[section_index]
            section_kind = sections[section_index].kind
            passage_from = "lead" if lead else "heading" if section_kind != BODY else ""
            sentences.append(
                Sentence(
                    heading.title_start,
                    heading.end,
                    paragraph,
                    section_index,
                    lead[0] if lead else section_kind,
                    True,
                    passage_from,
                )
            )
            body_start = heading.end
        paragraph_kind = lead[0] if lead else section_kind
        spans = _sentence_spans(text, body_start, end)
        for n, (s, e) in enumerate(spans):
            kind = _lead_kind(text[s:e], lexicon)
            if kind:
                paragraph_kind = kind
                if (n == 0 and start not in heading_at) or _announces_list(text, s, e):
                    # a lead that opens its paragraph, or one that announces the list it leads
                    # wherever it stands (…。存在问题:一是…;二是… in a page that lost its breaks)
                    lead = (kind, lead_scope(section_index, end))
                    passage_from = "lead"
                elif lead and n == len(spans) - 1 and passage_from == "lead" and lead[1] > end:
                    # the paragraph that opened with one lead closes with another, which leads what
                    # follows (…仍有差距。2023年,我区将重点做好以下工作: (一)…)
                    lead = (kind, lead[1])
                elif passage_from not in ("lead", "heading"):
                    # a lead inside a body paragraph; inside a passage it continues the passage
                    passage_from = "inline"
            sentences.append(Sentence(s, e, paragraph, section_index, paragraph_kind, False, passage_from))
    body_start = _body_start(text, lines, headings)
    return Structure(
        text,
        title,
        tuple(lines),
        tuple(headings),
        tuple(sections),
        tuple(sentences),
        body_start,
        _preamble_end(text, lines, headings, body_start, lexicon),
    )


# A line of the report's own prose: long enough and punctuated like a sentence, an addressee, or
# a sentence running on into a lead (…依法行政。现将有关情况报告如下:).
_PROSE_LINE = lazy_pattern(r"^.{30,}[。,;!?]|[。;]$|^.{2,30}:$|[。;!?].{2,40}:$")


def _body_start(text: str, lines: list[tuple[int, int]], headings: list[Heading]) -> int:
    """The first line of the report's own text: a numbered heading or a line of prose. Web pages
    put navigation, the title, dates and view counts above it."""
    numbered = {h.start for h in headings if h.style not in ("plain", "docx")}
    for s, e in lines:
        # the line as a string: a line's span starts after its indent (　　2023年,…), where ^ of a
        # search in the whole text would not match
        if s in numbered or _PROSE_LINE.search(text[s:e]):
            return s
    return 0


def _preamble_end(
    text: str, lines: list[tuple[int, int]], headings: list[Heading], body_start: int, lexicon: Lexicon
) -> int:
    """The opening preamble ends at the first numbered part, or with the paragraph of a
    现将…报告如下 lead; a report without either opens with a preamble only when its first
    paragraph frames the year (以…为指导, 在…领导下)."""
    first_part = next(
        (h.start for h in headings if h.style != "plain" and not h.is_list_item and h.start >= body_start), len(text)
    )
    self_reference = lexicon.pattern("report_self_reference")
    for s, e in lines:
        if s >= first_part:
            break
        lead = self_reference.search(text, s, e) if s >= body_start else None
        if lead:
            # the lead's own line, or where it ends when the parts run on in the same line
            # (…报告如下:一、…) because the page lost its line breaks
            rest = text[lead.end() : e]
            colon = 1 if rest[:1] in ":。" else 0
            return lead.end() + colon if rest[colon:].strip() else e
    if first_part < len(text):
        return first_part
    first = next(((s, e) for s, e in lines if s >= body_start), None)
    if first and lexicon.pattern("guiding_formula").search(text, *first):
        # the year framed, then its work item by item in the same paragraph (…为指导,…。一是加强
        # 组织领导…二是…): the items are the body, as a numbered part's would be
        items = _FIRST_ITEM_INLINE.search(text, first[0], first[1])
        return items.start() if items else first[1]
    return body_start


# the first item of a list run into a paragraph after a sentence's end (…。一是加强组织领导)
_FIRST_ITEM_INLINE = lazy_pattern(r"(?<=[。;])\s*一是")

_CLOSING_FORMULA = lazy(lambda: re.compile(rf"^{default_words('closing_formula')}[。.]?$"))


def _trailer_start(text: str, lines: list[tuple[int, int]]) -> int:
    """Where the closing block (专此报告, signature, date) begins; len(text) if there is none."""
    start = len(text)
    for s, e in reversed(lines[-4:]):
        line = text[s:e]
        if (
            _DATE_LINE.match(line)
            or _CLOSING_FORMULA.match(line)
            or (len(line) <= _PLAIN_HEADING_MAX and _SIGNATURE.search(line) and line[-1] not in _TERMINAL)
        ):
            start = s
        else:
            break
    return start


def _top_level_ends(sections: list[Section], text_end: int):
    # Top-level sections do not overlap and each section lies in the last one opened before
    # it, so one pass finds every section's top-level end (a lookup per lead stays O(1)).
    root_ends: list[int] = []
    for sec in sections:
        root_ends.append(sec.end if len(sec.path) == 1 or not root_ends else root_ends[-1])

    def end_of(section_index: int) -> int:
        if section_index < 0:
            return sections[0].start if sections else text_end
        return root_ends[section_index]

    return end_of


# A heading numbered first (一、 (一) 1. ① 一是 第一部分): a list of its own starts there
_FIRST_OF_LIST = lazy_pattern(r"\(?\s*(?:第\s*)?(?:一|0?1|①)(?![\d十百〇零一二三四五六七八九])")


def _lead_scopes(text: str, sections: list[Section]) -> Callable[[int, int], int]:
    """Where the opening lead (下一步,将… / 但仍存在…不足) of a paragraph in a section, ending at a
    given offset, stops holding. One that closes a subsection ((一)…下一步,将进一步…) holds to that
    subsection's end and leaves the next one's work alone; one that a new list follows (…存在的不足
    (一)…(四)…下一步,我区将…:(一)…) leads that list, to the end of the top-level section, as does
    one in the top-level section itself. An 一是 item is no section of its own here: a lead in one
    holds over the items after it."""
    top_level_end = _top_level_ends(sections, len(text))
    own: list[int] = []  # each section's end, or its enclosing section's for an 一是 item
    enclosing: list[int] = []  # the sections enclosing the one at hand, innermost last
    for index, sec in enumerate(sections):
        while enclosing and len(sections[enclosing[-1]].path) >= len(sec.path):
            enclosing.pop()
        own.append(own[enclosing[-1]] if sec.heading.is_list_item and enclosing else sec.end)
        enclosing.append(index)
    starts = [sec.start for sec in sections]

    def scope(section_index: int, paragraph_end: int) -> int:
        following = bisect.bisect_left(starts, paragraph_end)
        if section_index < 0 or (following < len(sections) and _FIRST_OF_LIST.match(text, starts[following])):
            return top_level_end(section_index)
        return own[section_index]

    return scope
