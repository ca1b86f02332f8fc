"""Names of regions and the bodies after them: chains of nested names from the gazetteer (广东省深圳市
宝安区), a government or a department after one (宝安区人民政府, 宝安区司法局), and the issuer a title,
a signature or a first sentence opens with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lazy_re import lazy, lazy_pattern
from ..lexicon import default_lexicon, default_pattern, default_words
from ..structure import Structure
from .dates import YEAR_PATTERN
from .gazetteer import load_gazetteer

# A name starts after a non-Han character, a year, or one of these words (落实重庆市委…,
# 在杭州市委…, 现将武义县…).
BOUNDARY = lazy(
    lambda: re.compile(
        r"(?:^|(?<=[^\u4e00-\u9fff])"
        + "".join(f"|(?<={word})" for word in default_lexicon().lists["name_openers"])
        + r")(?=[\u4e00-\u9fff])",
        re.M,
    )
)

# What follows a government's name.
GOVERNMENT_BODY = default_pattern("government_bodies")
# A department: 司法局, 市场监督管理局, 卫生健康委员会, 人民政府办公室, 住房公积金管理中心, 消防救援支队.
# Not a party committee (委 right after the name), not the congress, and not the rule-of-law
# committee or its office, which report for the whole region.
# (a commission's short name, 卫生健康委, ends a name before a title's year or a sentence's verb)
_DEPARTMENT = lazy(
    lambda: re.compile(
        r"(?!人民代表|委|党|全面依法|依法治|法治)(?:人民政府|政府)?(?:办公室|[\u4e00-\u9fff]{1,12}?(?:局|委员会|办公室|厅|管理中心|支队"
        rf"|[委办](?=关于|[\d〇一二(、,\s]|$|{default_words('subject_verbs')})))"
    )
)
# …but a sentence running on into some office is not a department's name (落实市委办公室…)
NOT_IN_DEPARTMENT = default_pattern("running_text")
_BODY_GAP = lazy_pattern(r"[\s、和及与]+")
SUBJECT_VERB = default_pattern("subject_verbs")
# a bare name (遂宁, 广东) is a subject only right before one of these
_BARE_BODY = default_pattern("bare_name_bodies")
BARE_SUBJECT = lazy(lambda: re.compile(f"{default_words('bare_name_bodies')}|{default_words('subject_verbs')}"))
_OPENING_PREFIX = lazy(
    lambda: re.compile(
        rf"[(\s]*(?:{YEAR_PATTERN}\s*年度?(?:以来|上半年|全年)?|{default_words('opening_periods')})?\s*,?\s*(?:中共)?"
    )
)
# 在市委、市政府的坚强领导下,(在)省厅的指导下, — the bodies above, before the subject; without its 在
# the phrase holds none (省政府在党中央…领导下: the subject comes first, 在 opens the bodies above)
_UNDER_LEADERSHIP = lazy(
    lambda: re.compile(
        rf"(?:(?:在[^,。;]{{0,60}}?|[^,。;在]{{0,60}}?){default_words('under_leadership')}下\s*[,、]?\s*)+"
    )
)


@dataclass(frozen=True)
class Chain:
    units: tuple[frozenset[str], ...]  # top down, the codes each printed name may stand for
    end: int  # where the last name ends


def chain_at(text: str, pos: int, end: int, bare_before: re.Pattern[str] = _BARE_BODY) -> Chain | None:
    """Consecutive names from pos that nest: 广东省深圳市宝安区, never 广东 + 城区 (a district of
    山西). A bare name (遂宁) counts only before another name or a government body."""
    places = load_gazetteer()
    units: list[frozenset[str]] = []
    bare: list[bool] = []
    ends = [pos]
    while len(units) < 4:
        found = places.match(text, ends[-1], end)
        if not found:
            break
        printed, aliases = found
        if units:
            aliases = tuple(a for a in aliases if any(places.is_above(upper, a.code) for upper in units[-1]))
            if not aliases:
                break
        # one printed name, two readings (巴州: the prefecture 巴音郭楞, or 巴州区 without 区): the full one
        full = frozenset(a.code for a in aliases if not a.bare)
        units.append(full or frozenset(a.code for a in aliases))
        bare.append(not full)
        ends.append(ends[-1] + len(printed))
    while units and bare[-1] and not bare_before.match(text, ends[-1], end):
        units.pop(), bare.pop(), ends.pop()
    if not units:
        return None
    for i in range(len(units) - 2, -1, -1):  # 朝阳区 under 北京市: only Beijing's 朝阳区
        units[i] = frozenset(u for u in units[i] if any(places.is_above(u, c) for c in units[i + 1]))
    return Chain(tuple(units), ends[-1])


def first_chain(text: str, start: int, end: int) -> Chain | None:
    for m in BOUNDARY.finditer(text, start, end):
        chain = chain_at(text, m.start(), end)
        if chain:
            return chain
    return None


def department_at(text: str, pos: int, end: int) -> re.Match[str] | None:
    m = _DEPARTMENT.match(text, pos, end)
    return m if m and not NOT_IN_DEPARTMENT.search(m.group()) else None


_CENTRAL_PARENT = default_pattern("central_parents")


def bodies_at(text: str, start: int, end: int) -> tuple[str | None, list[tuple[Chain, bool]]]:
    """Issuing bodies at the start of a title or signature line: 中共XX县委 XX县人民政府, XX区司法局.

    Returns the bodies as printed (None when the line does not open with one) and each body's
    region chain with whether the body is a department.
    """
    found: list[tuple[Chain, bool]] = []
    pos = start
    last_end = None
    while pos < end:
        party = text.startswith("中共", pos)
        # a body under a national one (国家税务总局泉州市税务局) is the region's department
        central = None if party else _CENTRAL_PARENT.match(text, pos, end)
        chain = chain_at(text, pos + 2 if party else central.end() if central else pos, end)
        if not chain:
            break
        department = None if party else department_at(text, chain.end, end)
        government = GOVERNMENT_BODY.match(text, chain.end, end)
        if department:
            found.append((chain, True))
            last_end = department.end()
        elif government:
            found.append((chain, False))
            last_end = government.end()
        else:
            break
        gap = _BODY_GAP.match(text, last_end, end)
        if not gap:
            break
        pos = gap.end()
    issuer = " ".join(text[start:last_end].split()) if last_end else None
    return issuer, found


def subject_start(text: str, start: int, end: int) -> int:
    """Where the subject of a first sentence starts: after the year and the bodies above."""
    prefix = _OPENING_PREFIX.match(text, start, end)
    assert prefix is not None  # every part of the pattern is optional: it matches, if only the empty string
    pos = prefix.end()
    under = _UNDER_LEADERSHIP.match(text, pos, end)
    return under.end() if under else pos


def opening_issuer(text: str, structure: Structure, opening: tuple[int, int] | None) -> str | None:
    """The body the first sentence opens with (`2023年,嘉兴市司法局在…`), or else the body the
    report's lead names, in the opening preamble (`…要求,现将江门市农业农村局2024年…报告如下`)."""
    if opening:
        start, end = opening
        first_end = next((s.end for s in structure.sentences if s.start >= start and s.end <= end), end)
        issuer = bodies_at(text, subject_start(text, start, first_end), first_end)[0]
        if issuer:
            return issuer
    lead = default_pattern("report_lead").search(text, structure.body_start, structure.preamble_end)
    return bodies_at(text, lead.end(), structure.preamble_end)[0] if lead else None
