"""The year a report describes and the date it was signed."""

from __future__ import annotations

import re
from collections import Counter

from ..lazy_re import lazy, lazy_pattern
from ..lexicon import default_words
from ..numbers import CN_SMALL_DIGITS, CN_YEAR, ZERO_LOOKALIKES, chinese_numeral_value
from ..structure import PLANS, Structure

YEAR_PATTERN = rf"(?:(?<!\d)20\d{{2}}(?!\d)|{CN_YEAR})"

_CN_SMALL = f"[{CN_SMALL_DIGITS}]{{1,3}}"

_YEAR_IN_TITLE = lazy_pattern(rf"({YEAR_PATTERN})\s*年")
_OPENING_YEAR = lazy_pattern(rf"[(\s]*({YEAR_PATTERN})\s*年")
_OPENING_RELATIVE = lazy(lambda: re.compile(rf"[(\s]*({default_words('relative_years')})"))
_YEAR_IN_OPENING = lazy_pattern(rf"({YEAR_PATTERN})\s*年度?(?:法治政府|依法行政|法治建设|以来)")
_BODY_YEAR = lazy_pattern(rf"(?<![\d\-—–~至到])(20\d{{2}}(?!\d)|{CN_YEAR})\s*年(?!\d)")

_DATE = lazy_pattern(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<cy>{CN_YEAR})\s*年\s*(?P<cm>{_CN_SMALL})\s*月\s*(?P<cd>{_CN_SMALL})\s*日"
    r"|(?P<ny>\d{4})\s*[.\-/]\s*(?P<nm>\d{1,2})\s*[.\-/]\s*(?P<nd>\d{1,2})(?!\d)"
)
DATE_LINE = lazy_pattern(rf"(?P<before>.{{0,40}}?)\s*[(]?\s*(?:{_DATE.pattern})\s*[)]?\s*$")


def year_described(
    text: str,
    structure: Structure,
    title_lines: list[tuple[int, int]],
    opening: tuple[int, int] | None,
    date: str | None,
) -> tuple[int | None, bool]:
    """(year described, whether it was inferred from the date alone)."""
    signed = (int(date[:4]), int(date[5:7])) if date else None
    for start, end in title_lines:
        m = _YEAR_IN_TITLE.search(text, start, end)
        if m:
            return _year_value(m.group(1)), False
    if opening:
        start, end = opening
        m = _OPENING_YEAR.match(text, start, end)
        if m and not _in_plans(structure, m.start(1)):
            return _year_value(m.group(1)), False
        m = _OPENING_RELATIVE.match(text, start, end)
        if m and signed:
            if m.group(1).startswith(("今年", "本年")):
                return signed[0], False
            if m.group(1).startswith(("去年", "上")):
                return signed[0] - 1, False
            return (signed[0] if signed[1] >= 7 else signed[0] - 1), False
        m = _YEAR_IN_OPENING.search(text, start, end)
        if m:
            return _year_value(m.group(1)), False
    plans = [(s.start, s.end) for s in structure.sentences if s.passage == PLANS]
    years = ((m.start(), _year_value(m.group(1))) for m in _BODY_YEAR.finditer(text))
    counts = Counter(
        year
        for at, year in years
        if 2000 <= year < 2100 and not any(s <= at < e for s, e in plans) and (not signed or year <= signed[0])
    )
    if counts:
        return max(counts, key=lambda y: (counts[y], y)), False
    if signed:
        return (signed[0] if signed[1] >= 7 else signed[0] - 1), True
    return None, False


def _in_plans(structure: Structure, offset: int) -> bool:
    return any(s.start <= offset < s.end and s.passage == PLANS for s in structure.sentences)


def _year_value(printed: str) -> int:
    if printed.isdigit():
        return int(printed)
    return int(chinese_numeral_value(printed.translate(ZERO_LOOKALIKES)))  # 二〇二四, 二O二四


def _small_number(printed: str) -> int:
    """一 … 三十一"""
    return int(chinese_numeral_value(printed))


def date_value(m: re.Match[str]) -> str | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    elif m.group("cy"):
        y, mo, d = _year_value(m.group("cy")), _small_number(m.group("cm")), _small_number(m.group("cd"))
    else:
        y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"
