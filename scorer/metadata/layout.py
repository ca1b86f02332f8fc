"""The places that say what a report is: the title block (or a report's title below a web page's
chrome), the addressee line, the opening paragraph, the date line and the signature block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lazy_re import lazy, lazy_pattern
from ..lexicon import default_words
from ..structure import Structure, opens_with_marker, recipient
from .dates import DATE_LINE, date_value
from .names import bodies_at

HEAD_CHARS = 1500
TAIL_CHARS = 300

_BODY_END = lazy(lambda: re.compile(f"{default_words('body_ends')}$"))
SOURCE = lazy_pattern(r"来源\s*:\s*")
_TITLE_WORDS = lazy(lambda: re.compile(f"{default_words('title_words')}|{default_words('report_subject')}"))
ADDRESSEE_SPLIT = lazy_pattern(r"[、,\s]+")
# each recipient is a body: 新乡市人民政府、中共获嘉县委、获嘉县人民代表大会常务委员会:
# (one character before the end will do: 县委、县政府: addresses a county's, its name unsaid)
_RECIPIENT = lazy(lambda: re.compile(recipient()))
_TERMINAL = "。;!?,:、"
_CLAUSE_MARK = lazy_pattern("[,。;]")
_MAX_ADDRESSEE = 150
# A report's title further down, below a web page's chrome (`名  称: 下陆区2024年法治政府建设工作报告`).
REPORT_TITLE = lazy(
    lambda: re.compile(
        r"(?:(?:名\s*称|标\s*题|题\s*目)\s*:\s*)?"
        rf"(?P<title>[^。;!?:]{{0,70}}?{default_words('report_subject')}[^。;!?:]{{0,40}}?{default_words('report_nouns')})"
    )
)
# how far into a title line the path's last crumbs or the page's fields may run before its issuer
_RUN_IN_FIELDS_MAX = 40
# A document number: 粤府函〔2023〕12号, 遂府发〔2022〕5号, 浙卫〔2024〕3号 — its first character
# abbreviates the issuer's place
DOCUMENT_NUMBER = lazy_pattern(
    r"(?<![\u4e00-\u9fff])(?P<place>[\u4e00-\u9fff])[\u4e00-\u9fff]{0,4}?"
    r"\s*[〔\[(【]\s*20\d{2}\s*[〕\])】]\s*\d{1,4}\s*号"
)


@dataclass(frozen=True)
class Places:
    """Where a report says what it is, as spans of its paragraphs."""

    head_end: int  # the head: HEAD_CHARS from the start
    tail_start: int  # the tail: TAIL_CHARS before the end
    title_lines: list[tuple[int, int]]
    addressee: tuple[int, int] | None
    opening: tuple[int, int] | None  # the first paragraph of the report's own text
    signature: list[tuple[int, int]]
    date: str | None  # the report's own date, YYYY-MM-DD


def find_places(text: str, structure: Structure) -> Places:
    # (normalize's reading of the page's chrome: imported here, as normalize brings in the readers)
    from ..normalize import is_chrome_line

    head_end = min(len(text), HEAD_CHARS)
    tail_start = max(0, len(text) - TAIL_CHARS)
    lines = list(structure.paragraphs)
    title_lines = title_block(text, lines, structure.title)
    if not any(REPORT_TITLE.fullmatch(text, *span) for span in title_lines):
        title_lines = report_title_below(text, lines, head_end) or title_lines
    # (the page's path above the title, which a page that lost its line breaks keeps, is no addressee)
    rest = [span for span in lines if span not in title_lines and not (title_lines and span[1] <= title_lines[0][0])]
    title_lines = [_from_issuer(text, start, end) for start, end in title_lines]
    addressee = rest[0] if rest and rest[0][0] < head_end and is_addressee(text[slice(*rest[0])]) else None
    if rest and addressee is None and rest[0][0] < head_end:
        # a page that lost its line breaks runs the addressee into the opening (…委员会:2024年以来,…)
        start, end = rest[0]
        colon = text.find(":", start, min(end, start + _MAX_ADDRESSEE))
        if colon > start and is_addressee(text[start : colon + 1]):
            addressee = (start, colon + 1)
            rest[0] = (colon + 1, end)
    opening = next(
        (
            s
            for s in rest
            if s != addressee
            and s[0] < head_end
            and not DATE_LINE.match(text, *s)
            and not SOURCE.search(text, *s)  # a leftover 来源: line is chrome, not the opening
            and not is_chrome_line(text[slice(*s)])  # nor the page's fields a lost break ran in (【字体:大中小】)
            and not DOCUMENT_NUMBER.fullmatch(text, *s)
        ),
        None,
    )
    date_line, date = find_date(text, lines, tail_start, title_lines)
    signature = signature_lines(text, lines, tail_start, date_line)
    return Places(head_end, tail_start, title_lines, addressee, opening, signature, date)


def _from_issuer(text: str, start: int, end: int) -> tuple[int, int]:
    """A title line that opens with no issuer but holds one a little way in, its report's title
    running on from it to the line's end, starts at that issuer: the page's path or fields ran
    into it where the page lost its line breaks (首页 > 政务公开 > 法治政府建设山东省交通运输厅2021年…报告,
    发布时间:… 信息来源:区司法局沈阳市铁西区人民政府2021年…报告)."""
    if bodies_at(text, start, end)[0]:
        return start, end
    for pos in range(start + 1, min(end, start + _RUN_IN_FIELDS_MAX + 1)):
        if bodies_at(text, pos, end)[0] and REPORT_TITLE.fullmatch(text, pos, end):
            return pos, end
    return start, end


def report_title_below(text: str, lines: list[tuple[int, int]], head_end: int) -> list[tuple[int, int]]:
    """The report's title below a web page's chrome: the first line of the head that is one, with
    the line naming the issuer just above it."""
    for i, (start, end) in enumerate(lines):
        if start >= head_end:
            break
        m = REPORT_TITLE.fullmatch(text, start, end)
        if m:
            above = lines[i - 1] if i else None
            issuer_above = (
                above
                and _BODY_END.search(text, *above)
                and ":" not in text[slice(*above)]
                and above[1] - above[0] <= 40
                and not SOURCE.search(text, *above)
            )
            return ([above] if above and issuer_above and i > 1 else []) + [m.span("title")]
    return []


def is_addressee(line: str) -> bool:
    if len(line) > _MAX_ADDRESSEE or line[-1] != ":":
        return False
    recipients = [r for r in ADDRESSEE_SPLIT.split(line[:-1]) if r]
    return bool(recipients) and all(_RECIPIENT.fullmatch(r) for r in recipients)


def find_date(
    text: str, lines: list[tuple[int, int]], tail_start: int, title_lines: list[tuple[int, int]]
) -> tuple[tuple[int, int] | None, str | None]:
    """The report's own date: a line of its own at the end, else one just below the title."""
    closing = [span for span in lines if span[1] > tail_start][-4:]
    for span in reversed(closing):
        m = DATE_LINE.match(text, *span)
        if m and (not m.group("before") or _BODY_END.search(m.group("before").strip())):
            value = date_value(m)
            if value:
                return span, value
    after_title = lines[len(title_lines) : len(title_lines) + 1] if title_lines else []
    for span in after_title:
        m = DATE_LINE.match(text, *span)
        if m and not m.group("before"):
            value = date_value(m)
            if value:
                return None, value
    return None, None


def signature_lines(
    text: str, lines: list[tuple[int, int]], tail_start: int, date_line: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """The signature lines: short lines naming bodies, just above the date or at the very end."""
    closing = [span for span in lines if span[1] > tail_start]
    if date_line in closing:
        index = closing.index(date_line)
        m = DATE_LINE.match(text, *date_line)
        before = m.group("before").strip() if m else ""
        if m and before:
            return [(date_line[0], date_line[0] + len(m.group("before").rstrip()))]
        closing = closing[:index]
    signature: list[tuple[int, int]] = []
    for start, end in reversed(closing[-3:]):
        line = text[start:end]
        if (
            len(line) > 40
            or line[-1] in _TERMINAL
            or _CLAUSE_MARK.search(line)  # a sentence cut at its subject (…决策法定程序,县政府), no signature
            or not _BODY_END.search(line)
            or opens_with_marker(text, start, end)
        ):
            break
        signature.insert(0, (start, end))
    return signature


def title_block(text: str, lines: list[tuple[int, int]], title: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The title, possibly on two or three lines (`XX县人民政府` / `关于2023年…的报告`). A line with
    a colon is an addressee or leftover page chrome (`文章来源:XX区司法局`), not a title."""
    block = []
    for start, end in lines[:3]:
        line = text[start:end]
        if (
            len(line) > 80
            or line[-1] in _TERMINAL
            or ":" in line
            or opens_with_marker(text, start, end)
            or DATE_LINE.match(line)
            or not (_TITLE_WORDS.search(line) or _BODY_END.search(line))
        ):
            break
        block.append((start, end))
    if title and title not in block:
        block.insert(0, title)
    return block
