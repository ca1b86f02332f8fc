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

from collections import Counter
from dataclasses import dataclass

from ..result import (
    NO_LEVEL,
    NO_REGION,
    NO_YEAR,
    YEAR_FROM_DATE,
    Level,
    ReportWarning,
    ambiguous_region,
    former_name,
    functional_zone,
    issuer_inferred,
)
from ..structure import Structure
from .dates import year_described
from .gazetteer import COUNTY as COUNTY_UNIT
from .gazetteer import PREFECTURE, load_gazetteer
from .layout import HEAD_CHARS, TAIL_CHARS, find_places
from .level import CITY, COUNTY, DEPARTMENT, DISTRICT, PROVINCE, level_of
from .names import bodies_at, opening_issuer
from .regions import (
    DEPARTMENT_SELF_REFERENCE,
    OWN_REGION_CHARS,
    SELF_REFERENCE,
    choose_region,
    of_kind,
    own_region,
    own_subject,
    regions_named,
    settle,
    slogan_regions,
    zone_subject,
)

__all__ = [
    "CITY",
    "COUNTY",
    "DEPARTMENT",
    "DISTRICT",
    "HEAD_CHARS",
    "NO_LEVEL",
    "NO_REGION",
    "NO_YEAR",
    "OWN_REGION_CHARS",
    "PROVINCE",
    "TAIL_CHARS",
    "YEAR_FROM_DATE",
    "Metadata",
    "detect_metadata",
]

# the levels whose report is a government's own (a department's names its department)
GOVERNMENT_LEVELS = (PROVINCE, CITY, COUNTY, DISTRICT)


@dataclass(frozen=True)
class Metadata:
    region: str | None  # the government reported on, by its official name: 宝安区, 获嘉县, 浙江省
    region_full: str | None  # the whole chain from the province: 广东省深圳市宝安区
    region_code: str | None  # its 6-digit administrative division code: 440306
    year: int | None  # the year described, not the year signed
    level: Level | None
    issuer: str | None  # the signature's, the title's or the first sentence's body: 深圳市宝安区人民政府;
    # a subject named by its level alone (区教育局) gets the region's name (上城区教育局); a
    # government's report that names none, its government's (warned as issuer-inferred)
    date: str | None  # the report's own date, YYYY-MM-DD
    department_of: str | None = None  # for a department's report, its government: 遂宁市人民政府
    province: str | None = None  # the province-level unit above or of the region: 广东省
    city: str | None = None  # the prefecture-level unit above or of the region: 深圳市
    warnings: tuple[ReportWarning, ...] = ()


def detect_metadata(text: str, structure: Structure) -> Metadata:
    places = find_places(text, structure)
    title_lines, opening, signature, date = places.title_lines, places.opening, places.signature, places.date
    regions, uppers, abbreviation = regions_named(text, structure, places)
    title_issuer = next((issuer for start, end in title_lines if (issuer := bodies_at(text, start, end)[0])), None)

    self_refs = Counter(m.group() for m in SELF_REFERENCE.finditer(text))
    candidates, department = choose_region(text, regions, abbreviation)
    own = own_subject(text, structure, title_lines, opening)
    if own:  # 区教育局 / 市政府: the level, and that a department writes
        department = department or own.department
        if not candidates:
            candidates = own_region(text, own.letter)
    if not candidates:  # the last resort: the text's own slogan
        candidates = choose_region(text, slogan_regions(text, own.letter if own else None))[0]
    issuer = (
        " ".join(" ".join(text[s:e].split()) for s, e in signature)
        or title_issuer
        or opening_issuer(text, structure, opening)
    )
    # a department writes 我局 (本厅, 我委 …) where a government writes 我区 / 我县
    ours = {word: n for word, n in self_refs.items() if DEPARTMENT_SELF_REFERENCE.fullmatch(word)}
    own_words = sum(n for word, n in self_refs.items() if word[0] == "我" and word not in ours)
    said = sum(ours.values())
    department = department or (said >= 2 and said > own_words)
    if not candidates and department and uppers:
        # a department reports to its own government: the one addressed is its region
        candidates = uppers[0]

    warnings: list[ReportWarning] = []
    zone = zone_subject(text, structure, title_lines, opening)
    units = load_gazetteer().units
    code = settle(text, candidates)
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
    level = level_of(unit, department, own.letter if own else None, self_refs, former)
    year, year_from_date = year_described(text, structure, title_lines, opening, date)
    divisions = load_gazetteer().chain(code) if code else ()
    host = "".join(u.name for u in divisions) or None
    province = divisions[0].name if divisions else None
    city = next((u.name for u in divisions if u.level == PREFECTURE), None)
    # a body is only ever read after a level letter (own_subject), so own.letter is set with it
    if not issuer and unit and own and own.body and own.letter and of_kind(unit, own.letter):
        if own.department:  # 区教育局 of 上城区
            issuer = unit.name + own.body
        elif "政府" in own.body:  # 区政府 of 铜梁区
            issuer = unit.name + "人民政府"
    if not issuer and unit and level in GOVERNMENT_LEVELS and not zone:
        # a region's annual report that names no issuer is its government's (the genre: 县人民政府
        # reports to 市人民政府 and 县委), a district's named with its city's name as it signs
        # (济南市莱芜区人民政府); said as a guess, so a reader can tell it from a signature
        city_of_district = divisions[-2].name if level == DISTRICT and len(divisions) > 1 else ""
        issuer = city_of_district + unit.name + "人民政府"
        warnings.append(issuer_inferred(issuer))
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


def _missing(year: int | None, year_from_date: bool, region: object, level: Level | None) -> list[ReportWarning]:
    warnings: list[ReportWarning] = []
    if year is None:
        warnings.append(NO_YEAR)
    elif year_from_date:
        warnings.append(YEAR_FROM_DATE)
    if region is None:
        warnings.append(NO_REGION)
    if level is None:
        warnings.append(NO_LEVEL)
    return warnings
