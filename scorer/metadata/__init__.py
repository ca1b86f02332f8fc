"""What a report is: the government it is about (region, division code, level), who issued it,
the year it describes, when it was signed.

Input is the normalised text (scorer.normalize) and its Structure. Only the places that say what
a report is are read: the title block, the addressee line and first paragraph (within the first
HEAD_CHARS characters), the signature block (last TAIL_CHARS characters), plus whole-text counts
of a few self-references (我区 / 全县 / 我局 …) and of the years printed. Only when those places name
the subject by its level alone (区政府, 市司法局, 我县) are the names in the text counted (up to
OWN_REGION_CHARS). This runs on thousands of reports, so nothing else is scanned.

Region names come from the gazetteer of administrative divisions (.gazetteer): only a name that
exists is a region, and consecutive names must nest (广东省深圳市宝安区), which settles a name several
units share (朝阳区, 鼓楼区). A name must start at a boundary (line start, punctuation, a year,
中共, 关于, 现将, 在, 落实 …) or right after another name. A bare name (遂宁, 宝安: no 市 / 区)
counts only before another name or a government body (遂宁市委 is read whole); a slogan (法治遂宁)
is the last resort. The level follows from the unit's code: a county-level 市 (清镇市) is county level,
自治州 / 地区 / 盟 prefecture (city) level, a 区 a district.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..numbers import chinese_numeral_value
from ..result import (
    NO_LEVEL,
    NO_REGION,
    NO_YEAR,
    YEAR_FROM_DATE,
    ReportWarning,
    ambiguous_region,
    former_name,
    functional_zone,
)
from ..structure import PLANS, Structure
from .gazetteer import COUNTY as COUNTY_UNIT
from .gazetteer import PREFECTURE, Unit, load_gazetteer
from .gazetteer import PROVINCE as PROVINCIAL_UNIT

PROVINCE, CITY, COUNTY, DISTRICT, DEPARTMENT = "province", "city", "county", "district", "department"

HEAD_CHARS = 1500
TAIL_CHARS = 300
OWN_REGION_CHARS = 60_000  # a long report's own region is named well before this


@dataclass(frozen=True)
class Metadata:
    region: str | None  # the government reported on, by its official name: 宝安区, 获嘉县, 浙江省
    region_full: str | None  # the whole chain from the province: 广东省深圳市宝安区
    region_code: str | None  # its 6-digit administrative division code: 440306
    year: int | None  # the year described, not the year signed
    level: str | None  # province / city / county / district / department
    issuer: str | None  # the signature's, the title's or the first sentence's body: 深圳市宝安区人民政府;
    # a subject named by its level alone (区教育局) gets the region's name (上城区教育局)
    date: str | None  # the report's own date, YYYY-MM-DD
    department_of: str | None = None  # for a department's report, its government: 遂宁市人民政府
    province: str | None = None  # the province-level unit above or of the region: 广东省
    city: str | None = None  # the prefecture-level unit above or of the region: 深圳市
    warnings: tuple[ReportWarning, ...] = ()


# A name starts after a non-Han character, a year, or one of these words (落实重庆市委…,
# 在杭州市委…, 现将武义县…).
_BOUNDARY = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=中共)|(?<=关于)|(?<=现将)|(?<=以来)|(?<=年度)|(?<=年)|(?<=[在经向由])"
    r"|(?<=落实)|(?<=贯彻)|(?<=按照)|(?<=根据)|(?<=围绕))(?=[\u4e00-\u9fff])",
    re.M,
)

# What follows a government's name.
_GOVERNMENT_BODY = re.compile(r"人民代表大会常务委员会|人大常委会|人民政府|政府|委员会|委|人民代表大会|人大|政协")
# A department: 司法局, 市场监督管理局, 卫生健康委员会, 人民政府办公室. Not a party committee (委 right
# after the name), not the congress, and not the rule-of-law committee or its office, which report
# for the whole region.
_DEPARTMENT = re.compile(
    r"(?!人民代表|委|党|全面依法|依法治|法治)(?:人民政府|政府)?(?:办公室|[\u4e00-\u9fff]{1,12}?(?:局|委员会|办公室|厅"
    r"|[委办](?=关于|[\d〇一二(、,\s]|$)))"
)
# …but a sentence running on into some office is not a department's name (落实市委办公室…)
_NOT_IN_DEPARTMENT = re.compile(
    "[的在以对为把将]|坚持|认真|落实|贯彻|深入|全面|围绕|推进|推动|加强|按照|紧紧|始终|持续|着力|聚焦"
)
_BODY_GAP = re.compile(r"[\s、和及与]+")
_SUBJECT_VERB = re.compile(
    r"坚持|深入|认真|全面|紧紧|紧密|始终|持续|着力|聚焦|围绕|立足|扎实|大力|积极|切实|以|在|按照|高度|牢牢|把"
)
_BODY_END = re.compile(r"(?:人民政府|政府|委员会|[局委厅]|办公室|办)$")

_CN_YEAR = "[〇○零Oo一二三四五六七八九]{4}"
_YEAR_PATTERN = rf"(?:(?<!\d)20\d{{2}}(?!\d)|{_CN_YEAR})"
# 〇 as typed or recognised: a circle, a capital or small letter O
_ZERO_LOOKALIKES = str.maketrans({"○": "〇", "O": "〇", "o": "〇"})

_CN_SMALL = "[一二三四五六七八九十]{1,3}"

_NAME_THEN_YEAR = re.compile(rf"\s*{_YEAR_PATTERN}\s*年")  # 现将武义县2023年法治政府建设情况报告如下
_YEAR_IN_TITLE = re.compile(rf"({_YEAR_PATTERN})\s*年")
_OPENING_YEAR = re.compile(rf"[(\s]*({_YEAR_PATTERN})\s*年")
_OPENING_RELATIVE = re.compile(r"[(\s]*(今年|本年度?|去年|上一?年度?|一年来|过去一年|过去的一年)")
_OPENING_PREFIX = re.compile(
    rf"[(\s]*(?:{_YEAR_PATTERN}\s*年度?(?:以来|上半年|全年)?|今年以来|今年|本年度?|一年来|近年来|过去的?一年|去年以来|去年)?"
    r"\s*[,,]?\s*(?:中共)?"
)
# 在市委、市政府的坚强领导下,(在)省厅的指导下, — the bodies above, before the subject
_UNDER_LEADERSHIP = re.compile(r"(?:在?[^,,。;]{0,60}?(?:领导|指导|支持|帮助|关心|监督)下\s*[,,、]?\s*)+")
_YEAR_IN_OPENING = re.compile(rf"({_YEAR_PATTERN})\s*年度?(?:法治政府|依法行政|法治建设|以来)")
_BODY_YEAR = re.compile(r"(?<![\d\-—–~至到])(20\d{2})\s*年(?!\d)")

_DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<cy>{_CN_YEAR})\s*年\s*(?P<cm>{_CN_SMALL})\s*月\s*(?P<cd>{_CN_SMALL})\s*日"
    r"|(?P<ny>\d{4})\s*[.\-/]\s*(?P<nm>\d{1,2})\s*[.\-/]\s*(?P<nd>\d{1,2})(?!\d)"
)
_DATE_LINE = re.compile(rf"(?P<before>.{{0,40}}?)\s*[(]?\s*(?:{_DATE.pattern})\s*[)]?\s*$")

_SOURCE = re.compile(r"来源\s*[::]\s*")
_TITLE_WORDS = re.compile("报告|总结|情况|工作|法治|依法行政")
_ADDRESSEE_SPLIT = re.compile(r"[、,,\s]+")
# each recipient is a body: 新乡市人民政府、中共获嘉县委、获嘉县人民代表大会常务委员会:
_RECIPIENT = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:人民政府|政府|委员会|常委会|委|人大|政协|局|办公室|厅)")
_TERMINAL = "。;!?,:、"
_HEADING_START = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十\d]|\d{1,2}\s*[.、]|[-–—•·●■◆])"
)

_SELF_REFERENCE = re.compile(r"[我全本][区县旗市州盟省]|我局")
# a bare name (遂宁, 广东) is a subject only right before one of these
_BARE_BODY = re.compile("党委|人民政府|政府|人大|政协")
# A report's title further down, below a web page's chrome (`名  称: 下陆区2024年法治政府建设工作报告`).
_REPORT_TITLE = re.compile(
    r"(?:(?:名\s*称|标\s*题|题\s*目)\s*[::]\s*)?(?P<title>[^。;!?::]{0,70}?(?:法治|依法行政)[^。;!?::]{0,40}?(?:报告|总结))"
)
_BARE_SUBJECT = re.compile(f"{_BARE_BODY.pattern}|{_SUBJECT_VERB.pattern}")
# A functional zone as the subject (两江新区, 苏州工业园区管委会): no division of its own
_ZONE = re.compile(
    r"[\u4e00-\u9fff]{2,10}?(?:新区|经济技术开发区|高新技术产业开发区|开发区|高新区|工业园区)"
    r"(?=管委会|管理委员会|党工委|[\d〇一二]|关于|年|坚持|认真|深入|全面|紧紧|始终|以)"
)
# A document number: 粤府函〔2023〕12号, 遂府发〔2022〕5号, 浙卫〔2024〕3号 — its first character
# abbreviates the issuer's place
_DOCUMENT_NUMBER = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<place>[\u4e00-\u9fff])[\u4e00-\u9fff]{0,4}?"
    r"\s*[〔\[(【]\s*20\d{2}\s*[〕\])】]\s*\d{1,4}\s*号"
)
# 建设法治宁夏, 法治遂宁建设: the text naming its own region in the slogan (not 法治惠民工程)
_SLOGAN = re.compile("法治")
_SLOGAN_END = re.compile(r"建设|[”\"」、,。;]")
# The subject named by its level alone: 区政府, 市政府办公室, 省农业农村厅, 县委; the level letter
_OWN_LEVEL = ("自治区", "省", "市", "区", "县", "州", "盟", "旗")


@dataclass(frozen=True)
class _Chain:
    units: tuple[frozenset[str], ...]  # top down, the codes each printed name may stand for
    end: int  # where the last name ends


@dataclass(frozen=True)
class _OwnSubject:
    """A subject named by its level alone: 区教育局, 市政府, 我县, 我局."""

    letter: str | None  # 省 / 自治区 / 市 / 区 / 县 …; None for 我局
    department: bool
    body: str | None  # as printed after the letter: 教育局, 政府办公室, 政府; None for 我县 / 我局


@dataclass(frozen=True)
class _Region:
    chain: tuple[frozenset[str], ...]
    weight: float
    department: bool = False


def detect_metadata(text: str, structure: Structure) -> Metadata:
    head_end = min(len(text), HEAD_CHARS)
    tail_start = max(0, len(text) - TAIL_CHARS)
    lines = list(structure.paragraphs)
    title_lines = _title_block(text, lines, structure.title)
    if not any(_REPORT_TITLE.fullmatch(text, *span) for span in title_lines):
        title_lines = _report_title_below(text, lines, head_end) or title_lines
    rest = [span for span in lines if span not in title_lines]
    addressee = rest[0] if rest and rest[0][0] < head_end and _is_addressee(text[slice(*rest[0])]) else None
    opening = next(
        (
            s
            for s in rest
            if s != addressee
            and s[0] < head_end
            and not _DATE_LINE.match(text, *s)
            and not _SOURCE.search(text, *s)  # a leftover 来源: line is chrome, not the opening
            and not _DOCUMENT_NUMBER.fullmatch(text, *s)
        ),
        None,
    )
    date_line, date = _find_date(text, lines, tail_start, title_lines)
    signature = _signature(text, lines, tail_start, date_line)

    regions: list[_Region] = []
    uppers: list[frozenset[str]] = []
    title_issuer = None
    for start, end in title_lines:
        issuer, found = _bodies_at(text, start, end)
        title_issuer = title_issuer or issuer
        regions += [_Region(c.units, 6, dept) for c, dept in found]
        if not found:
            chain = _first_chain(text, start, end)
            if chain:
                regions.append(_Region(chain.units, 6, bool(_department_at(text, chain.end, end))))
    for start, end in signature:
        regions += [_Region(c.units, 6, dept) for c, dept in _bodies_at(text, start, end)[1]]
    if opening:
        regions += _opening_regions(text, structure, opening)
    if addressee:
        same, upper = _addressee_regions(text, addressee)
        regions += [_Region(units, 4) for units in same]
        uppers += upper
    # the addressee line is already read: its government is the one above, not a candidate
    regions += _anchored_regions(text, 0, head_end, addressee) + _anchored_regions(
        text, tail_start, len(text), addressee
    )
    for m in _SOURCE.finditer(text, 0, head_end):
        chain = _chain_at(text, m.end(), min(len(text), m.end() + 40))
        if chain:  # the publisher of a web copy: the region, seldom the report's author
            regions.append(_Region(chain.units, 2))
    # support only, never a region by itself: 宁政发 is 南京's as well as 宁夏's, 青政发 青岛's
    number = _DOCUMENT_NUMBER.search(text, 0, head_end)
    abbreviation = number.group("place") if number else None

    self_refs = Counter(m.group() for m in _SELF_REFERENCE.finditer(text))
    candidates, department = _choose_region(text, regions, abbreviation)
    own = _own_subject(text, structure, title_lines, opening)
    if own:  # 区教育局 / 市政府: the level, and that a department writes
        department = department or own.department
        if not candidates:
            candidates = _own_region(text, own.letter)
    if not candidates:  # the last resort: the text's own slogan
        candidates = _choose_region(text, _slogan_regions(text, own.letter if own else None))[0]
    issuer = (
        " ".join(" ".join(text[s:e].split()) for s, e in signature)
        or title_issuer
        or _opening_issuer(text, structure, opening)
    )
    # a department writes 我局 where a government writes 我区 / 我县
    own_words = sum(n for word, n in self_refs.items() if word[0] == "我" and word != "我局")
    department = department or (self_refs["我局"] >= 2 and self_refs["我局"] > own_words)
    if not candidates and department and uppers:
        # a department reports to its own government: the one addressed is its region
        candidates = uppers[0]

    warnings = []
    zone = _zone_subject(text, structure, title_lines, opening)
    units = load_gazetteer().units
    code = _settle(text, candidates)
    # several units of one name that the text does not tell apart: the name, but no code
    unit = units[code] if code else units[min(candidates)] if candidates else None
    if unit and not code:
        warnings.append(ambiguous_region(unit.name))
    # a report from before a change of status (射洪县, now 射洪市) is of the unit as it then was
    former = None
    if code and unit and unit.name not in text:  # a code always names a unit
        former = next((name for name in load_gazetteer().former.get(code, ()) if name in text), None)
        if former:
            warnings.append(former_name(former, unit.name))
    level = _level(unit, department, own.letter if own else None, self_refs, former)
    year, year_from_date = _year(text, structure, title_lines, opening, date)
    divisions = load_gazetteer().chain(code) if code else ()
    host = "".join(u.name for u in divisions) or None
    province = divisions[0].name if divisions else None
    city = next((u.name for u in divisions if u.level == PREFECTURE), None)
    # a body is only ever read after a level letter (_own_subject), so own.letter is set with it
    if not issuer and unit and own and own.body and own.letter and _of_kind(unit, own.letter):
        if own.department:  # 区教育局 of 上城区
            issuer = unit.name + own.body
        elif "政府" in own.body:  # 区政府 of 铜梁区
            issuer = unit.name + "人民政府"
    if zone and not (unit and unit.level == COUNTY_UNIT):  # a zone inside a city, not a county's own zone
        warnings.append(functional_zone(zone, host or "未识别"))
        level = DEPARTMENT if department else DISTRICT  # a zone governs like a district
        return Metadata(
            region=zone,
            region_full=(host or "") + zone,
            region_code=None,
            year=year,
            level=level,
            issuer=issuer or None,
            date=date,
            department_of=None,
            province=province,
            city=city,
            warnings=tuple(warnings + _missing(year, year_from_date, zone, level)),
        )

    return Metadata(
        region=unit.name if unit else None,
        region_full=host,
        region_code=code,
        year=year,
        level=level,
        issuer=issuer or None,
        date=date,
        department_of=f"{unit.name}人民政府" if unit and level == DEPARTMENT else None,
        province=province,
        city=city,
        warnings=tuple(warnings + _missing(year, year_from_date, unit, level)),
    )


def _missing(year: int | None, year_from_date: bool, region: object, level: str | None) -> list[ReportWarning]:
    warnings = []
    if year is None:
        warnings.append(NO_YEAR)
    elif year_from_date:
        warnings.append(YEAR_FROM_DATE)
    if region is None:
        warnings.append(NO_REGION)
    if level is None:
        warnings.append(NO_LEVEL)
    return warnings


# --- names ---------------------------------------------------------------------------------------


def _chain_at(text: str, pos: int, end: int, bare_before: re.Pattern[str] = _BARE_BODY) -> _Chain | None:
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
    return _Chain(tuple(units), ends[-1])


def _first_chain(text: str, start: int, end: int) -> _Chain | None:
    for m in _BOUNDARY.finditer(text, start, end):
        chain = _chain_at(text, m.start(), end)
        if chain:
            return chain
    return None


def _department_at(text: str, pos: int, end: int) -> re.Match[str] | None:
    m = _DEPARTMENT.match(text, pos, end)
    return m if m and not _NOT_IN_DEPARTMENT.search(m.group()) else None


def _bodies_at(text: str, start: int, end: int) -> tuple[str | None, list[tuple[_Chain, bool]]]:
    """Issuing bodies at the start of a title or signature line: 中共XX县委 XX县人民政府, XX区司法局.

    Returns the bodies as printed (None when the line does not open with one) and each body's
    region chain with whether the body is a department.
    """
    found: list[tuple[_Chain, bool]] = []
    pos = start
    last_end = None
    while pos < end:
        party = text.startswith("中共", pos)
        chain = _chain_at(text, pos + 2 if party else pos, end)
        if not chain:
            break
        department = None if party else _department_at(text, chain.end, end)
        government = _GOVERNMENT_BODY.match(text, chain.end, end)
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


def _opening_regions(text: str, structure: Structure, opening: tuple[int, int]) -> list[_Region]:
    """The subject of the first sentence: `2023年,宝安区坚持…`, `今年以来,XX县司法局…`."""
    start, end = opening
    first_end = next((s.end for s in structure.sentences if s.start >= start and s.end <= end), end)
    chain = _chain_at(text, _subject_start(text, start, first_end), first_end, _BARE_SUBJECT)
    if chain:
        return [_Region(chain.units, 5, bool(_department_at(text, chain.end, first_end)))]
    regions = []
    for m in _BOUNDARY.finditer(text, start, first_end):
        chain = _chain_at(text, m.start(), first_end)
        if chain and (
            _SUBJECT_VERB.match(text, chain.end)
            or _NAME_THEN_YEAR.match(text, chain.end)
            or _department_at(text, chain.end, first_end)
        ):
            regions.append(_Region(chain.units, 4, bool(_department_at(text, chain.end, first_end))))
    return regions


def _subject_start(text: str, start: int, end: int) -> int:
    """Where the subject of a first sentence starts: after the year and the bodies above."""
    prefix = _OPENING_PREFIX.match(text, start, end)
    assert prefix is not None  # every part of the pattern is optional: it matches, if only the empty string
    pos = prefix.end()
    under = _UNDER_LEADERSHIP.match(text, pos, end)
    return under.end() if under else pos


def _opening_issuer(text: str, structure: Structure, opening: tuple[int, int] | None) -> str | None:
    """The body the first sentence opens with: `2023年,嘉兴市司法局在…`."""
    if not opening:
        return None
    start, end = opening
    first_end = next((s.end for s in structure.sentences if s.start >= start and s.end <= end), end)
    return _bodies_at(text, _subject_start(text, start, first_end), first_end)[0]


def _slogan_regions(text: str, letter: str | None) -> list[_Region]:
    """法治宁夏 / 建设法治遂宁: a self-reference, once per region named so, of the kind the subject
    calls itself (区政府 … 法治杭州 names the city above, not the subject)."""
    units = load_gazetteer().units
    slogans = set()
    for m in _SLOGAN.finditer(text):
        chain = _chain_at(text, m.end(), min(len(text), m.end() + 20), _SLOGAN_END)
        if (
            chain
            and _SLOGAN_END.match(text, chain.end)
            and (letter is None or any(_of_kind(units[c], letter) for c in chain.units[-1]))
        ):
            slogans.add(chain.units)
    return [_Region(found, 1) for found in slogans]


def _is_addressee(line: str) -> bool:
    if len(line) > 150 or line[-1] not in "::":
        return False
    recipients = [r for r in _ADDRESSEE_SPLIT.split(line[:-1]) if r]
    return bool(recipients) and all(_RECIPIENT.fullmatch(r) for r in recipients)


def _addressee_regions(
    text: str, addressee: tuple[int, int]
) -> tuple[list[tuple[frozenset[str], ...]], list[frozenset[str]]]:
    """新乡市人民政府、中共获嘉县委、获嘉县人民代表大会常务委员会: the party committee and congress
    addressed are the region's own; a government addressed alone is the one above, when it
    differs."""
    same, governments = [], []
    start, end = addressee
    for segment in _ADDRESSEE_SPLIT.split(text[start:end].rstrip(":")):
        party = segment.startswith("中共")
        chain = _chain_at(segment, 2 if party else 0, len(segment))
        if not chain:
            continue
        body = segment[chain.end :]
        if party or body.startswith(("委", "人民代表大会", "人大", "政协")):
            same.append(chain.units)
        elif body.startswith(("人民政府", "政府")):
            governments.append(chain.units[-1])
    own = {units[-1] for units in same}
    return same, [g for g in governments if g not in own]


def _anchored_regions(text: str, start: int, end: int, skip: tuple[int, int] | None) -> list[_Region]:
    """Names at a boundary followed by a government body: 中共获嘉县委, 宝安区人民政府."""
    regions = []
    for m in _BOUNDARY.finditer(text, start, end):
        if skip and skip[0] <= m.start() < skip[1]:
            continue
        chain = _chain_at(text, m.start(), end)
        if chain and _GOVERNMENT_BODY.match(text, chain.end, end):
            regions.append(_Region(chain.units, 1))
    return regions


def _choose_region(text: str, regions: list[_Region], abbreviation: str | None = None) -> tuple[frozenset[str], bool]:
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
    department = any(r.department and r.weight >= 4 for r in regions if r.chain[-1] & chosen)
    return chosen, department


_RANK = {PROVINCIAL_UNIT: 1, PREFECTURE: 2, COUNTY_UNIT: 3}


def _settle(text: str, candidates: frozenset[str]) -> str | None:
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


def _report_title_below(text: str, lines: list[tuple[int, int]], head_end: int) -> list[tuple[int, int]]:
    """The report's title below a web page's chrome: the first line of the head that is one, with
    the line naming the issuer just above it."""
    for i, (start, end) in enumerate(lines):
        if start >= head_end:
            break
        m = _REPORT_TITLE.fullmatch(text, start, end)
        if m:
            above = lines[i - 1] if i else None
            issuer_above = (
                above
                and _BODY_END.search(text, *above)
                and ":" not in text[slice(*above)]
                and above[1] - above[0] <= 40
                and not _SOURCE.search(text, *above)
            )
            return ([above] if above and issuer_above and i > 1 else []) + [m.span("title")]
    return []


def _zone_subject(
    text: str, structure: Structure, title_lines: list[tuple[int, int]], opening: tuple[int, int] | None
) -> str | None:
    """A functional zone opening the title or the first sentence: 两江新区2023年…, 2023年,XX高新区坚持…"""
    starts = [start for start, _ in title_lines]
    if opening:
        starts.append(_subject_start(text, *opening))
    for start in starts:
        m = _ZONE.match(text, start)
        if m and not _NOT_IN_DEPARTMENT.search(m.group()):
            return m.group()
    return None


def _own_subject(
    text: str, structure: Structure, title_lines: list[tuple[int, int]], opening: tuple[int, int] | None
) -> _OwnSubject | None:
    """A subject named by its level alone in the title or the first sentence (区政府坚持…,
    现将市政府办公室…, 省农业农村厅关于…, 我县坚持…)."""
    spans = list(title_lines)
    if opening:
        start, end = opening
        spans.append((start, next((s.end for s in structure.sentences if s.start >= start and s.end <= end), end)))
    for start, end in spans:
        leadership_end = _subject_start(text, start, end)
        for m in _BOUNDARY.finditer(text, start, end):
            pos = _subject_start(text, m.start(), end) if m.start() == start else m.start()
            if pos < leadership_end:
                continue
            if text.startswith("我局", pos):
                return _OwnSubject(None, True, None)
            mine = text.startswith("我", pos)
            pos += mine
            letter = "自治区" if text.startswith("自治区", pos) else text[pos : pos + 1]
            if letter not in _OWN_LEVEL or text.startswith("市场", pos):  # 市场监管局: no 市
                continue
            body = _department_at(text, pos + len(letter), end)
            if body:
                return _OwnSubject(letter, True, body.group())
            body = _GOVERNMENT_BODY.match(text, pos + len(letter), end)
            if mine or body:
                return _OwnSubject(letter, False, body.group() if body else None)
    return None


def _own_region(text: str, letter: str | None) -> frozenset[str]:
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
            if (provincial or not a.bare) and (letter is None or _of_kind(places.units[a.code], letter))
        )
        if units and (provincial or len(printed) > 2):  # 城区, 矿区, 赵县 are words too, in running text
            counts[units] += 1
        pos += len(printed)
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return frozenset()


def _of_kind(unit: Unit, letter: str) -> bool:
    """Whether the level letter a text uses of itself (省 / 市 / 区 …) fits the unit."""
    if letter == "省":
        return unit.level == PROVINCIAL_UNIT and not unit.name.endswith("市")
    if letter == "自治区":
        return unit.name.endswith("自治区")
    if letter == "区":
        return unit.name.endswith("区") and unit.level != PROVINCIAL_UNIT
    return unit.name.endswith(letter)


# --- level ---------------------------------------------------------------------------------------

_LEVEL_OF_LETTER = {
    "自治区": PROVINCE,
    "区": DISTRICT,
    "县": COUNTY,
    "旗": COUNTY,
    "市": CITY,
    "州": CITY,
    "盟": CITY,
    "省": PROVINCE,
}


def _level(
    unit: Unit | None, department: bool, own_letter: str | None, self_refs: Counter[str], former: str | None = None
) -> str | None:
    if department:
        return DEPARTMENT
    if unit is None and own_letter:  # 区政府 in a text that names no 区
        return _LEVEL_OF_LETTER[own_letter]
    if unit is None:
        levels = _LEVEL_OF_LETTER
        counts: Counter[str] = Counter()
        for word, n in self_refs.items():
            if word[1] in levels:
                counts[levels[word[1]]] += n
        best = max(counts, key=counts.__getitem__, default=None)
        return best if best and counts[best] >= 3 else None
    if unit.level == PROVINCIAL_UNIT:
        return PROVINCE  # the four municipalities too
    if unit.level == PREFECTURE:
        return CITY  # 地级市, 自治州, 地区, 盟
    # county level: a 县级市 (清镇市), 县, 自治县, 旗 are counties; 林区 / 特区 govern like one
    name = former or unit.name
    return DISTRICT if name.endswith("区") and not name.endswith(("林区", "特区")) else COUNTY


# --- year and date -------------------------------------------------------------------------------


def _year(
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
    counts = Counter(
        int(m.group(1))
        for m in _BODY_YEAR.finditer(text)
        if not any(s <= m.start() < e for s, e in plans) and (not signed or int(m.group(1)) <= signed[0])
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
    return int(chinese_numeral_value(printed.translate(_ZERO_LOOKALIKES)))  # 二〇二四, 二O二四


def _small_number(printed: str) -> int:
    """一 … 三十一"""
    return int(chinese_numeral_value(printed))


def _date_value(m: re.Match[str]) -> str | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    elif m.group("cy"):
        y, mo, d = _year_value(m.group("cy")), _small_number(m.group("cm")), _small_number(m.group("cd"))
    else:
        y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _find_date(
    text: str, lines: list[tuple[int, int]], tail_start: int, title_lines: list[tuple[int, int]]
) -> tuple[tuple[int, int] | None, str | None]:
    """The report's own date: a line of its own at the end, else one just below the title."""
    closing = [span for span in lines if span[1] > tail_start][-4:]
    for span in reversed(closing):
        m = _DATE_LINE.match(text, *span)
        if m and (not m.group("before") or _BODY_END.search(m.group("before").strip())):
            value = _date_value(m)
            if value:
                return span, value
    after_title = lines[len(title_lines) : len(title_lines) + 1] if title_lines else []
    for span in after_title:
        m = _DATE_LINE.match(text, *span)
        if m and not m.group("before"):
            value = _date_value(m)
            if value:
                return None, value
    return None, None


def _signature(
    text: str, lines: list[tuple[int, int]], tail_start: int, date_line: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """The signature lines: short lines naming bodies, just above the date or at the very end."""
    closing = [span for span in lines if span[1] > tail_start]
    if date_line in closing:
        index = closing.index(date_line)
        m = _DATE_LINE.match(text, *date_line)
        before = m.group("before").strip() if m else ""
        if m and before:
            return [(date_line[0], date_line[0] + len(m.group("before").rstrip()))]
        closing = closing[:index]
    signature: list[tuple[int, int]] = []
    for start, end in reversed(closing[-3:]):
        line = text[start:end]
        if len(line) > 40 or line[-1] in _TERMINAL or not _BODY_END.search(line) or _HEADING_START.match(line):
            break
        signature.insert(0, (start, end))
    return signature


def _title_block(text: str, lines: list[tuple[int, int]], title: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The title, possibly on two or three lines (`XX县人民政府` / `关于2023年…的报告`). A line with
    a colon is an addressee or leftover page chrome (`文章来源:XX区司法局`), not a title."""
    block = []
    for start, end in lines[:3]:
        line = text[start:end]
        if (
            len(line) > 80
            or line[-1] in _TERMINAL
            or ":" in line
            or _HEADING_START.match(line)
            or _DATE_LINE.match(line)
            or not (_TITLE_WORDS.search(line) or _BODY_END.search(line))
        ):
            break
        block.append((start, end))
    if title and title not in block:
        block.insert(0, title)
    return block
