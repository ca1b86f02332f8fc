"""Which government a report is about: the candidates its title, signature, addressee and first
sentence name, weighed; a subject named by its level alone (区政府, 我县); a slogan (法治遂宁); a
functional zone (两江新区)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import islice

from ..lazy_re import lazy, lazy_pattern
from ..lexicon import default_words
from ..structure import Structure
from .dates import YEAR_PATTERN
from .gazetteer import COUNTY as COUNTY_UNIT
from .gazetteer import PREFECTURE, Unit, load_gazetteer
from .gazetteer import PROVINCE as PROVINCIAL_UNIT
from .layout import ADDRESSEE_SPLIT, DOCUMENT_NUMBER, SOURCE, Places
from .level import LEVEL_OF_LETTER
from .names import (
    BARE_SUBJECT,
    BOUNDARY,
    GOVERNMENT_BODY,
    NOT_IN_DEPARTMENT,
    SUBJECT_VERB,
    bodies_at,
    chain_at,
    department_at,
    first_chain,
    subject_start,
)

OWN_REGION_CHARS = 60_000  # a long report's own region is named well before this
# A first sentence that only frames the year (2025年是“十四五”规划收官之年): the subject comes after
_YEAR_FRAMED = lazy_pattern(rf"\s*{YEAR_PATTERN}\s*年(?:度)?是[^。]{{0,60}}之年")

_NAME_THEN_YEAR = lazy_pattern(rf"\s*{YEAR_PATTERN}\s*年")  # 现将武义县2023年法治政府建设情况报告如下
SELF_REFERENCE = lazy(lambda: re.compile(rf"[我全本][区县旗市州盟省]|{default_words('department_self_reference')}"))
DEPARTMENT_SELF_REFERENCE = lazy(lambda: re.compile(default_words("department_self_reference")))
# A functional zone as the subject (两江新区, 苏州工业园区管委会): no division of its own
_ZONE = lazy(
    lambda: re.compile(
        rf"[\u4e00-\u9fff]{{2,10}}?{default_words('zone_names')}"
        r"(?=管委会|管理委员会|党工委|[\d〇一二]|关于|年|坚持|认真|深入|全面|紧紧|始终|以)"
    )
)
# 建设法治宁夏, 法治遂宁建设: the text naming its own region in the slogan (not 法治惠民工程)
_SLOGAN = lazy_pattern("法治")
_SLOGAN_END = lazy_pattern(r"建设|[”\"」、,。;]")


@dataclass(frozen=True)
class OwnSubject:
    """A subject named by its level alone: 区教育局, 市政府, 我县, 我局 (本厅, 我委 …)."""

    letter: str | None  # 省 / 自治区 / 市 / 区 / 县 …; None for 我局, 本厅 …
    department: bool
    body: str | None  # as printed after the letter: 教育局, 政府办公室, 政府; None for 我县 / 我局


@dataclass(frozen=True)
class Region:
    chain: tuple[frozenset[str], ...]
    weight: float
    department: bool = False


def regions_named(
    text: str, structure: Structure, places: Places
) -> tuple[list[Region], list[frozenset[str]], str | None]:
    """The regions the report's places name, each with its weight; the governments its addressee
    line names above it; the place abbreviated by its document number."""
    head_end, tail_start, addressee = places.head_end, places.tail_start, places.addressee
    regions: list[Region] = []
    uppers: list[frozenset[str]] = []
    for start, end in places.title_lines:
        found = bodies_at(text, start, end)[1]
        regions += [Region(c.units, 6, dept) for c, dept in found]
        if not found:
            chain = first_chain(text, start, end)
            if chain:
                regions.append(Region(chain.units, 6, bool(department_at(text, chain.end, end))))
    for start, end in places.signature:
        regions += [Region(c.units, 6, dept) for c, dept in bodies_at(text, start, end)[1]]
    if places.opening:
        regions += opening_regions(text, structure, places.opening)
    if addressee:
        same, upper = addressee_regions(text, addressee)
        regions += [Region(units, 4) for units in same]
        uppers += upper
    # the addressee line is already read: its government is the one above, not a candidate
    regions += anchored_regions(text, 0, head_end, addressee) + anchored_regions(text, tail_start, len(text), addressee)
    for m in SOURCE.finditer(text, 0, head_end):
        chain = chain_at(text, m.end(), min(len(text), m.end() + 40))
        if chain:  # the publisher of a web copy: the region, seldom the report's author
            regions.append(Region(chain.units, 2))
    # support only, never a region by itself: 宁政发 is 南京's as well as 宁夏's, 青政发 青岛's
    number = DOCUMENT_NUMBER.search(text, 0, head_end)
    return regions, uppers, number.group("place") if number else None


def opening_regions(text: str, structure: Structure, opening: tuple[int, int]) -> list[Region]:
    """The subject of the first sentence: `2023年,宝安区坚持…`, `今年以来,XX县司法局…`."""
    start, end = opening
    first_end = next((s.end for s in structure.sentences if s.start >= start and s.end <= end), end)
    chain = chain_at(text, subject_start(text, start, first_end), first_end, BARE_SUBJECT)
    if chain:
        return [Region(chain.units, 5, bool(department_at(text, chain.end, first_end)))]
    regions = []
    for m in BOUNDARY.finditer(text, start, first_end):
        chain = chain_at(text, m.start(), first_end)
        if chain and (
            SUBJECT_VERB.match(text, chain.end)
            or _NAME_THEN_YEAR.match(text, chain.end)
            or department_at(text, chain.end, first_end)
        ):
            regions.append(Region(chain.units, 4, bool(department_at(text, chain.end, first_end))))
    return regions


def slogan_regions(text: str, letter: str | None) -> list[Region]:
    """法治宁夏 / 建设法治遂宁: a self-reference, once per region named so, of the kind the subject
    calls itself (区政府 … 法治杭州 names the city above, not the subject)."""
    units = load_gazetteer().units
    slogans = set()
    for m in _SLOGAN.finditer(text):
        chain = chain_at(text, m.end(), min(len(text), m.end() + 20), _SLOGAN_END)
        if (
            chain
            and _SLOGAN_END.match(text, chain.end)
            and (letter is None or any(of_kind(units[c], letter) for c in chain.units[-1]))
        ):
            slogans.add(chain.units)
    return [Region(found, 1) for found in slogans]


def addressee_regions(
    text: str, addressee: tuple[int, int]
) -> tuple[list[tuple[frozenset[str], ...]], list[frozenset[str]]]:
    """新乡市人民政府、中共获嘉县委、获嘉县人民代表大会常务委员会: the party committee and congress
    addressed are the region's own; a government addressed alone is the one above, when it
    differs."""
    same, governments = [], []
    start, end = addressee
    for segment in ADDRESSEE_SPLIT.split(text[start:end].rstrip(":")):
        party = segment.startswith("中共")
        chain = chain_at(segment, 2 if party else 0, len(segment))
        if not chain:
            continue
        body = segment[chain.end :]
        if party or body.startswith(("委", "人民代表大会", "人大", "政协")):
            same.append(chain.units)
        elif body.startswith(("人民政府", "政府")):
            governments.append(chain.units[-1])
    own = {units[-1] for units in same}
    return same, [g for g in governments if g not in own]


def anchored_regions(text: str, start: int, end: int, skip: tuple[int, int] | None) -> list[Region]:
    """Names at a boundary followed by a government body: 中共获嘉县委, 宝安区人民政府."""
    regions = []
    for m in BOUNDARY.finditer(text, start, end):
        if skip and skip[0] <= m.start() < skip[1]:
            continue
        chain = chain_at(text, m.start(), end)
        if chain and GOVERNMENT_BODY.match(text, chain.end, end):
            regions.append(Region(chain.units, 1))
    return regions


def choose_region(text: str, regions: list[Region], abbreviation: str | None = None) -> tuple[frozenset[str], bool]:
    """The best-supported unit (all the units of its name the sources leave open) and whether a
    strong source calls the report a department's. A document number's abbreviation (遂府发 → 遂,
    徐政 → 徐州市's 鼓楼区, 粤 → 广东) supports the units it can stand for."""
    if not regions:
        return frozenset(), False
    places = load_gazetteer()
    score: defaultdict[str, float] = defaultdict(float)
    abbreviated_province = places.province_of_abbreviation.get(abbreviation or "")
    for r in regions:
        for code in r.chain[-1]:
            score[code] += r.weight
    for code in score:
        score[code] += 0.1 * min(sum(text.count(name) for name in places.names(code, bare=False)), 20)
        if abbreviation and any(
            unit.name.startswith(abbreviation) or unit.code == abbreviated_province for unit in places.chain(code)
        ):
            score[code] += 2
    # a unit that stands above another candidate in a chain is that one's upper level
    above = {code for r in regions for codes in r.chain[:-1] for code in codes}

    def support(code: str) -> tuple[float, int]:
        return score[code] - (3 if code in above else 0), _RANK[places.units[code].level]

    best = max(sorted(score), key=support)
    name = places.units[best].name
    chosen = frozenset(c for c in score if support(c) == support(best) and places.units[c].name == name)
    # the strongest sources that name the unit say whether a department writes (a title naming the
    # government outweighs a page's 发布机构: …政府办公室)
    naming = [r for r in regions if r.chain[-1] & chosen and r.weight >= 4]
    strongest = max((r.weight for r in naming), default=0)
    department = any(r.department for r in naming if r.weight == strongest)
    return chosen, department


_RANK = {PROVINCIAL_UNIT: 1, PREFECTURE: 2, COUNTY_UNIT: 3}


def settle(text: str, candidates: frozenset[str]) -> str | None:
    """One code for a name several units share (鼓楼区): the one whose upper levels the text names
    most; None while the text does not tell them apart."""
    if len(candidates) <= 1:
        return next(iter(candidates), None)
    places = load_gazetteer()

    def mentions(code: str) -> int:
        return sum(
            min(text.count(name), 20)
            for upper in places.chain(code)[:-1]
            for name in places.names(upper.code, bare=True)
        )

    ranked = sorted(candidates, key=mentions, reverse=True)
    return ranked[0] if mentions(ranked[0]) > mentions(ranked[1]) else None


def zone_subject(
    text: str, structure: Structure, title_lines: list[tuple[int, int]], opening: tuple[int, int] | None
) -> str | None:
    """A functional zone opening the title or the first sentence: 两江新区2023年…, 2023年,XX高新区坚持…"""
    starts = [start for start, _ in title_lines]
    if opening:
        starts.append(subject_start(text, *opening))
    for start in starts:
        m = _ZONE.match(text, start)
        if m and not NOT_IN_DEPARTMENT.search(m.group()):
            return m.group()
    return None


def own_subject(
    text: str, structure: Structure, title_lines: list[tuple[int, int]], opening: tuple[int, int] | None
) -> OwnSubject | None:
    """A subject named by its level alone in the title or the first sentence (区政府坚持…,
    现将市政府办公室…, 省农业农村厅关于…, 我县坚持…)."""
    spans = list(title_lines)
    if opening:
        start, end = opening
        # the first sentence, or the second after one that only frames the year (2025年是…收官之年。)
        for sentence in islice((s for s in structure.sentences if s.start >= start and s.end <= end), 2):
            # what follows a colon is what the subject achieved (…取得新进展:市司法局被评为…), not the subject
            colon = text.find(":", sentence.start, sentence.end)
            spans.append((sentence.start, colon if colon >= 0 else sentence.end))
            if not _YEAR_FRAMED.match(text, sentence.start):
                break
    for start, end in spans:
        leadership_end = subject_start(text, start, end)
        for m in BOUNDARY.finditer(text, start, end):
            pos = subject_start(text, m.start(), end) if m.start() == start else m.start()
            if pos < leadership_end:
                continue
            if DEPARTMENT_SELF_REFERENCE.match(text, pos):
                return OwnSubject(None, True, None)
            mine = text.startswith("我", pos)
            pos += mine
            letter = "自治区" if text.startswith("自治区", pos) else text[pos : pos + 1]
            if letter not in LEVEL_OF_LETTER or text.startswith("市场", pos):  # 市场监管局: no 市
                continue
            body = department_at(text, pos + len(letter), end)
            if body:
                return OwnSubject(letter, True, body.group())
            body = GOVERNMENT_BODY.match(text, pos + len(letter), end)
            if mine or body:
                return OwnSubject(letter, False, body.group() if body else None)
    return None


def own_region(text: str, letter: str | None) -> frozenset[str]:
    """For a subject named by its level alone: the unit of that kind (any, for 我局) the text
    names most by a full name (参加天津市…, 天津市和平区 names 天津市 too), more often than any
    other. A province goes by its bare name as often as not (《福建日报》, 浙江经验), so for a
    provincial subject (省农业农村厅) bare names count too."""
    places = load_gazetteer()
    provincial = letter in ("省", "自治区")
    counts: Counter[frozenset[str]] = Counter()
    pos, end = 0, min(len(text), OWN_REGION_CHARS)
    while pos < end:
        found = places.match(text, pos, end)
        if not found:
            pos += 1
            continue
        printed, aliases = found
        units = frozenset(
            a.code
            for a in aliases
            if (provincial or not a.bare) and (letter is None or of_kind(places.units[a.code], letter))
        )
        if units and (provincial or len(printed) > 2):  # 城区, 矿区, 赵县 are words too, in running text
            counts[units] += 1
        pos += len(printed)
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return frozenset()


def of_kind(unit: Unit, letter: str) -> bool:
    """Whether the level letter a text uses of itself (省 / 市 / 区 …) fits the unit."""
    if letter == "省":
        return unit.level == PROVINCIAL_UNIT and not unit.name.endswith("市")
    if letter == "自治区":
        return unit.name.endswith("自治区")
    if letter == "区":
        return unit.name.endswith("区") and unit.level != PROVINCIAL_UNIT
    return unit.name.endswith(letter)
