"""What a report is: the region it is about, its level, the year it describes, who issued it, when.

Input is the normalised text (scorer.normalize) and its Structure. Only the places that say what
a report is are read: the title block, the addressee line and first paragraph (within the first
HEAD_CHARS characters), the signature block (last TAIL_CHARS characters), plus whole-text counts
of a few self-references (我区 / 全县 / 我局 / 县(市、区) …) and of the years printed. This runs on
thousands of reports, so nothing else is scanned.

Region names are found by pattern, not from a list of counties: a name is 2–8 Han characters
(2–14 before 自治州/县/旗) ending in 市 / 区 / 县 / 旗 / 州 / 盟 / 地区 / 新区, or one character before
县 (沛县); only the 34 provincial-level names are a fixed list, so that 广东 (without 省) counts
and 省 is never taken as a generic suffix. A name must start at a boundary (line start,
punctuation, a year, 中共, 关于, 现将, 在, 落实 …) or right after another name, which is how a chain like
深圳市宝安区 is read; words that no region name contains (围绕, 落实, 法治 …) and zone endings
(开发区, 示范区, 社区 …) rule out the false names ordinary sentences produce.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .structure import PLANS, Structure

PROVINCE, CITY, COUNTY, DISTRICT, DEPARTMENT = "province", "city", "county", "district", "department"

HEAD_CHARS = 1500
TAIL_CHARS = 300

NO_YEAR = "未识别到报告年度(标题或首句未写明年份)"
NO_REGION = "未识别到地区(标题、首句或落款未写明地区名称)"
NO_LEVEL = "未识别到报告主体层级"
YEAR_FROM_DATE = "报告年度由落款日期推断"


@dataclass(frozen=True)
class Metadata:
    region: str | None  # short name of the government reported on: 宝安区, 获嘉县, 浙江省
    region_full: str | None  # fullest chain the text supports: 广东省深圳市宝安区; None if nothing above
    year: int | None  # the year described, not the year signed
    level: str | None  # province / city / county / district / department
    issuer: str | None  # as printed in the signature or the title: 深圳市宝安区人民政府
    date: str | None  # the report's own date, YYYY-MM-DD
    warnings: tuple[str, ...] = ()


# The 34 provincial-level names (general knowledge): full name → accepted short form.
_PROVINCES = {
    "北京市": "北京", "天津市": "天津", "上海市": "上海", "重庆市": "重庆",
    "河北省": "河北", "山西省": "山西", "辽宁省": "辽宁", "吉林省": "吉林", "黑龙江省": "黑龙江",
    "江苏省": "江苏", "浙江省": "浙江", "安徽省": "安徽", "福建省": "福建", "江西省": "江西",
    "山东省": "山东", "河南省": "河南", "湖北省": "湖北", "湖南省": "湖南", "广东省": "广东",
    "海南省": "海南", "四川省": "四川", "贵州省": "贵州", "云南省": "云南", "陕西省": "陕西",
    "甘肃省": "甘肃", "青海省": "青海", "台湾省": "台湾",
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_PROVINCE_OF = {**{full: full for full in _PROVINCES}, **{short: full for full, short in _PROVINCES.items()}}
_PROVINCE_NAME = re.compile("|".join(sorted(_PROVINCE_OF, key=len, reverse=True)))

# Han characters a local name may contain: not the suffixes themselves (so 全市区县 cannot read as
# a name), not 委/府/局 (which follow names), not particles no official name contains.
_NAME_CHAR = "[^\\x00-\\u4dff\\ua000-\\U0010ffff市区县省盟委府局的之在与及了是把被对为等年]"
_LOCAL_NAME = re.compile(
    rf"(?![我该各每其此这那]){_NAME_CHAR}{{2,14}}?自治[州县旗]"
    rf"|(?![我该各每其此这那]){_NAME_CHAR}{{2,8}}?"
    r"(?:新区|地区|州(?![市区县级长])|市(?![场民值级里上长])|县(?![级城长域])|区(?![域间块级长])|旗|盟)"
    rf"|(?![全我本该各每其此这那郊邻两属辖一二三四五六七八九十百]){_NAME_CHAR}县"
)
# Words of ordinary prose that no region name contains: a "name" holding one is a phrase that
# happens to end in 区/县/市 (紧紧围绕县 委…, 智慧城市, 部分地区).
_NOT_A_NAME = re.compile(
    "围绕|落实|贯彻|按照|根据|结合|推动|推进|全面|深入|认真|坚持|加强|紧紧|紧密|积极|持续|切实|着力|聚焦"
    "|进一步|不断|服务|保障|建设|发展|工作|领导|部署|要求|会议|召开|组织|参加|参与|指导|监督|管理|法治|法制"
    "|依法|政府|人民|中心|机关|单位|部门|干部|群众|全国|全省|文明|卫生|智慧|创建|试点|国家|部分|其他|重点"
    "|贫困|发达|边远|偏远|农村|城乡|周边|相关|有关|沿海|地方|基层|各级|省级|市级|县级|区级|乡镇|街道|社会|关于"
    "|经济|生态|城镇|实现|提升|完善|健全|开展|建立|制定|出台|印发|报告|情况|年度|以来|作为|获评|获得|成功"
    "|中共|受到|报请|提请|报送|上报|提交|转发|执行|完成|承接|承办|分解|入选|运用|编制|排名|位居|建成|覆盖|办理"
    "|出席|列席|听取|配合|协助|审议|通过|批准|同意|联合|会同|牵头|督促|支持|争取|对接|衔接|承担|负责|数量|成效"
    "|现代|第一|前列|进入|纳入|列入|现将"
    # three numerals make a slogan (一极两大三区), not a place (三门峡市, 二七区)
    "|(?:[一二三四五六七八九十两][^一二三四五六七八九十两]*){3}"
)
_FALSE_ENDING = re.compile(
    "(?:开发|高新|园|社|片|辖|景|示范|先行|自贸|试验|保税|功能|实验|产业|集聚|合作|核心|服务|工业|商务|库"
    "|老|灾|牧|警|学|校|病|战|街|小|大湾|特|禁|误|盲|度假|旅游|保护|风景|主城|老城|中心城|管理"
    "|经济|协作|起步|创新|引领|承载|样板|大都市|综合|改革)区$"
    "|(?:示范|试点|先行|样板|级|大都|超|股|楼|夜|早|菜)市$|(?:示范|试点|先行|样板|级)县$"
    "|(?:红|国|党|团|锦|彩)旗$|(?:联|同|加|结)盟$|(?:神|九)州$"
    "|[全我本各该每][市区县州旗]$"
)

_RANK = {"省": 1, "自治区": 1, "特别行政区": 1, "市": 2, "州": 2, "自治州": 2, "盟": 2, "地区": 2,
         "区": 3, "新区": 3, "县": 3, "自治县": 3, "旗": 3, "自治旗": 3}
_SUFFIX = re.compile("(?:特别行政区|自治区|自治州|自治县|自治旗|新区|地区|省|市|区|县|旗|州|盟)$")

# A name starts after a non-Han character, a year, or one of these words (落实重庆市委…,
# 在杭州市委…, 现将武义县…).
_BOUNDARY = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=中共)|(?<=关于)|(?<=现将)|(?<=以来)|(?<=年度)|(?<=年)|(?<=[在经向由])"
    r"|(?<=落实)|(?<=贯彻)|(?<=按照)|(?<=根据)|(?<=围绕))(?=[\u4e00-\u9fff])",
    re.M)

# What follows a government's name.
_GOVERNMENT_BODY = re.compile(r"人民代表大会常务委员会|人大常委会|人民政府|政府|委员会|委|人民代表大会|人大|政协")
# A department: 司法局, 市场监督管理局, 卫生健康委员会, 人民政府办公室. Not a party committee (委 right
# after the name), not the congress, and not the rule-of-law committee or its office, which report
# for the whole region.
_DEPARTMENT = re.compile(
    r"(?!人民代表|委|全面依法|依法治|法治)(?:人民政府|政府)?(?:办公室|[\u4e00-\u9fff]{1,12}?(?:局|委员会|办公室|厅))")
# …but a sentence running on into some office is not a department's name (落实市委办公室…)
_NOT_IN_DEPARTMENT = re.compile("[的在以对为把将]|坚持|认真|落实|贯彻|深入|全面|围绕|推进|推动|加强|按照|紧紧|始终|持续|着力|聚焦")
_BODY_GAP = re.compile(r"[\s、和及与]+")
_LOCAL_SUFFIX_NEXT = re.compile("[市区县州盟旗]")
_SUBJECT_VERB = re.compile(
    r"坚持|深入|认真|全面|紧紧|紧密|始终|持续|着力|聚焦|围绕|立足|扎实|大力|积极|切实|以|在|按照|高度|牢牢|把")
_BODY_END = re.compile(r"(?:人民政府|政府|委员会|[局委厅]|办公室|办)$")

_CN_YEAR = "[〇○零Oo一二三四五六七八九]{4}"
_YEAR_PATTERN = rf"(?:(?<!\d)20\d{{2}}(?!\d)|{_CN_YEAR})"
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}

_CN_SMALL = "[一二三四五六七八九十]{1,3}"

_NAME_THEN_YEAR = re.compile(rf"\s*{_YEAR_PATTERN}\s*年")  # 现将武义县2023年法治政府建设情况报告如下
_YEAR_IN_TITLE = re.compile(rf"({_YEAR_PATTERN})\s*年")
_OPENING_YEAR = re.compile(rf"[(\s]*({_YEAR_PATTERN})\s*年")
_OPENING_RELATIVE = re.compile(r"[(\s]*(今年|本年度?|去年|上一?年度?|一年来|过去一年|过去的一年)")
_OPENING_PREFIX = re.compile(
    rf"[(\s]*(?:{_YEAR_PATTERN}\s*年度?(?:以来|上半年|全年)?|今年以来|今年|本年度?|一年来|近年来|过去的?一年|去年以来|去年)?"
    r"\s*[,,]?\s*(?:中共)?")
_YEAR_IN_OPENING = re.compile(rf"({_YEAR_PATTERN})\s*年度?(?:法治政府|依法行政|法治建设|以来)")
_BODY_YEAR = re.compile(r"(?<![\d\-—–~至到])(20\d{2})\s*年(?!\d)")

_DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<cy>{_CN_YEAR})\s*年\s*(?P<cm>{_CN_SMALL})\s*月\s*(?P<cd>{_CN_SMALL})\s*日"
    r"|(?P<ny>\d{4})\s*[.\-/]\s*(?P<nm>\d{1,2})\s*[.\-/]\s*(?P<nd>\d{1,2})(?!\d)")
_DATE_LINE = re.compile(rf"(?P<before>.{{0,40}}?)\s*[(]?\s*(?:{_DATE.pattern})\s*[)]?\s*$")

_SOURCE = re.compile(r"来源\s*[::]\s*")
_TITLE_WORDS = re.compile("报告|总结|情况|工作|法治|依法行政")
_ADDRESSEE_SPLIT = re.compile(r"[、,,\s]+")
# each recipient is a body: 新乡市人民政府、中共获嘉县委、获嘉县人民代表大会常务委员会:
_RECIPIENT = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:人民政府|政府|委员会|常委会|委|人大|政协|局|办公室|厅)")
_TERMINAL = "。;!?,:、"
_HEADING_START = re.compile(r"(?:[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十\d]|\d{1,2}\s*[.、]|[-–—•·●■◆])")

_SELF_REFERENCE = re.compile(r"[我全本][区县旗市州盟省]|我局")
_CITY_SIGNS = re.compile(
    r"县\s*\(\s*市\s*[、,]?\s*区\s*\)|县\s*\(\s*区\s*\)|区\s*\(\s*县|县\s*\(\s*市\s*\)|县市区|县区|区县|各县|各区|市辖区")
_COUNTY_SIGNS = re.compile(r"乡镇|镇\s*\(\s*街道|镇街|乡\s*\(\s*镇|各镇|各乡")
_PROVINCE_SIGNS = re.compile(r"省委|省政府|省人民政府|全省|省级|省人大|省、市|省市|自治区党委|自治区人民政府|自治区政府")
_CITY_PARENT_SIGNS = re.compile(r"全市|市委|市政府|市人民政府|市级|市人大")
_PARENT_LEADERSHIP = re.compile(r"委\s*[、,]?\s*(?:市|州|盟)?(?:人民)?政府")  # 杭州市委、市政府


@dataclass(frozen=True)
class _Chain:
    names: tuple[str, ...]  # 深圳市, 宝安区
    end: int  # where the last name ends


@dataclass(frozen=True)
class _Region:
    chain: tuple[str, ...]
    weight: float
    department: bool = False


def detect_metadata(text: str, structure: Structure) -> Metadata:
    head_end = min(len(text), HEAD_CHARS)
    tail_start = max(0, len(text) - TAIL_CHARS)
    lines = list(structure.paragraphs)
    title_lines = _title_block(text, lines, structure.title)
    rest = [span for span in lines if span not in title_lines]
    addressee = rest[0] if rest and rest[0][0] < head_end and _is_addressee(text[slice(*rest[0])]) else None
    opening = next((s for s in rest if s != addressee and s[0] < head_end and not _DATE_LINE.match(text, *s)
                    and not _SOURCE.search(text, *s)), None)  # a leftover 来源: line is chrome, not the opening
    date_line, date = _find_date(text, lines, tail_start, title_lines)
    signature = _signature(text, lines, tail_start, date_line)

    regions: list[_Region] = []
    uppers: list[str] = []
    title_issuer = None
    for start, end in title_lines:
        issuer, found = _bodies_at(text, start, end)
        title_issuer = title_issuer or issuer
        regions += [_Region(c.names, 6, dept) for c, dept in found]
        if not found:
            chain = _first_chain(text, start, end)
            if chain:
                regions.append(_Region(chain.names, 6, bool(_department_at(text, chain.end, end))))
    for start, end in signature:
        regions += [_Region(c.names, 6, dept) for c, dept in _bodies_at(text, start, end)[1]]
    if opening:
        regions += _opening_regions(text, structure, opening)
    if addressee:
        same, upper = _addressee_regions(text, addressee)
        regions += [_Region(names, 4) for names in same]
        uppers += upper
    # the addressee line is already read: its government is the one above, not a candidate
    regions += _anchored_regions(text, 0, head_end, addressee) + _anchored_regions(text, tail_start, len(text), addressee)
    for m in _SOURCE.finditer(text, 0, head_end):
        chain = _chain_at(text, m.end(), min(len(text), m.end() + 40))
        if chain:  # the publisher of a web copy: the region, seldom the report's author
            regions.append(_Region(chain.names, 2))

    self_refs = Counter(m.group() for m in _SELF_REFERENCE.finditer(text))
    region, chain, department = _choose_region(text, regions)
    issuer = " ".join(" ".join(text[s:e].split()) for s, e in signature) or title_issuer
    # a department writes 我局 where a government writes 我区 / 我县
    own_words = sum(n for word, n in self_refs.items() if word[0] == "我" and word != "我局")
    department = department or (self_refs["我局"] >= 2 and self_refs["我局"] > own_words)
    if region is None and department and uppers:
        # a department reports to its own government: the one addressed is its region
        region, chain = uppers[0], (uppers[0],)

    windows = [text[:head_end], text[tail_start:]] + [text[s:e] for s, e in title_lines]
    if region:
        chain = _extend_chain(text, chain, region, uppers, windows, head_end)
    level = _level(text, region, chain, department, self_refs)
    year, year_from_date = _year(text, structure, title_lines, opening, date)

    warnings = []
    if year is None:
        warnings.append(NO_YEAR)
    elif year_from_date:
        warnings.append(YEAR_FROM_DATE)
    if region is None:
        warnings.append(NO_REGION)
    if level is None:
        warnings.append(NO_LEVEL)
    return Metadata(
        region=region,
        region_full="".join(chain) if chain and len(chain) > 1 else None,
        year=year, level=level, issuer=issuer or None, date=date, warnings=tuple(warnings))


# --- names ---------------------------------------------------------------------------------------

def _name_at(text: str, pos: int, end: int) -> tuple[str, int, bool] | None:
    """The region name starting at pos, canonical (广东 → 广东省), where it ends, and whether it
    was printed as a bare short province name."""
    m = _PROVINCE_NAME.match(text, pos, end)
    # 吉林市 is a city, not 吉林 + 市
    if m and not (m.group() not in _PROVINCES and _LOCAL_SUFFIX_NEXT.match(text, m.end(), end)):
        return _PROVINCE_OF[m.group()], m.end(), m.group() not in _PROVINCES
    m = _LOCAL_NAME.match(text, pos, end)
    if m and not _NOT_A_NAME.search(m.group()) and not _FALSE_ENDING.search(m.group()):
        return m.group(), m.end(), False
    return None


def _chain_at(text: str, pos: int, end: int) -> _Chain | None:
    """Consecutive names from pos: 广东省深圳市宝安区. A bare 广东 counts only before another name."""
    names: list[str] = []
    ends = [pos]
    bare_last = False
    while len(names) < 4:
        found = _name_at(text, ends[-1], end)
        if not found:
            break
        names.append(found[0])
        ends.append(found[1])
        bare_last = found[2]
    if bare_last:
        names.pop()
        ends.pop()
    return _Chain(tuple(names), ends[-1]) if names else None


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
    chain = _chain_at(text, _OPENING_PREFIX.match(text, start, first_end).end(), first_end)
    if chain:
        return [_Region(chain.names, 5, bool(_department_at(text, chain.end, first_end)))]
    regions = []
    for m in _BOUNDARY.finditer(text, start, first_end):
        chain = _chain_at(text, m.start(), first_end)
        if chain and (_SUBJECT_VERB.match(text, chain.end) or _NAME_THEN_YEAR.match(text, chain.end)
                      or _department_at(text, chain.end, first_end)):
            regions.append(_Region(chain.names, 4, bool(_department_at(text, chain.end, first_end))))
    return regions


def _is_addressee(line: str) -> bool:
    if len(line) > 150 or line[-1] not in "::":
        return False
    recipients = [r for r in _ADDRESSEE_SPLIT.split(line[:-1]) if r]
    return bool(recipients) and all(_RECIPIENT.fullmatch(r) for r in recipients)


def _addressee_regions(text: str, addressee: tuple[int, int]) -> tuple[list[tuple[str, ...]], list[str]]:
    """新乡市人民政府、中共获嘉县委、获嘉县人民代表大会常务委员会: the party committee and congress
    addressed are the region's own; a government addressed alone is the one above, when it
    differs."""
    same, governments = [], []
    start, end = addressee
    for segment in _ADDRESSEE_SPLIT.split(text[start:end].rstrip("::")):
        party = segment.startswith("中共")
        chain = _chain_at(segment, 2 if party else 0, len(segment))
        if not chain:
            continue
        body = segment[chain.end:]
        if party or body.startswith(("委", "人民代表大会", "人大", "政协")):
            same.append(chain.names)
        elif body.startswith(("人民政府", "政府")):
            governments.append(chain.names[-1])
    own = {names[-1] for names in same}
    return same, [g for g in governments if g not in own]


def _anchored_regions(text: str, start: int, end: int, skip: tuple[int, int] | None) -> list[_Region]:
    """Names at a boundary followed by a government body: 中共获嘉县委, 宝安区人民政府."""
    regions = []
    for m in _BOUNDARY.finditer(text, start, end):
        if skip and skip[0] <= m.start() < skip[1]:
            continue
        chain = _chain_at(text, m.start(), end)
        if chain and _GOVERNMENT_BODY.match(text, chain.end, end):
            regions.append(_Region(chain.names, 1))
    return regions


def _choose_region(text: str, regions: list[_Region]) -> tuple[str | None, tuple[str, ...], bool]:
    """The best-supported name, its longest chain, and whether a strong source calls it a department."""
    if not regions:
        return None, (), False
    # an abbreviation (黔东南州) and the full name (黔东南苗族侗族自治州) are one region
    names = {r.chain[-1] for r in regions}
    alias = {short: full for short in names for full in names
             if "自治" in full and "自治" not in short and full[:2] == short[:2] and _rank(full) == _rank(short)}
    score: Counter[str] = Counter()
    for r in regions:
        score[alias.get(r.chain[-1], r.chain[-1])] += r.weight
    for name in score:
        score[name] += 0.1 * min(text.count(name), 20)
    # a name that stands above another candidate in a chain is that one's upper level
    above = {n for r in regions for n in r.chain[:-1]}
    best = max(score, key=lambda n: (score[n] - (3 if n in above else 0), _rank(n)))
    mine = [r for r in regions if alias.get(r.chain[-1], r.chain[-1]) == best]
    chain = max((r.chain for r in mine), key=len)[:-1] + (best,)
    department = any(r.department and r.weight >= 4 for r in mine)
    return best, chain, department


def _rank(name: str) -> int:
    if name in _PROVINCES:
        return 1
    m = _SUFFIX.search(name)
    return _RANK[m.group()] if m else 3


def _extend_chain(text: str, chain: tuple[str, ...], region: str, uppers: list[str],
                  windows: list[str], head_end: int) -> tuple[str, ...]:
    """Add the levels above the region that the text itself names."""
    if chain[0] in _PROVINCES:
        return chain
    if len(chain) == 1:
        above = [u for u in uppers if u != region and _rank(u) <= _rank(region)]
        if above:
            chain = (above[0],) + chain
        elif _rank(region) == 3 and not region.endswith("市"):
            city = _parent_city(text, region, head_end)
            if city:
                chain = (city,) + chain
    if chain[0] in _PROVINCES:
        return chain
    if _rank(chain[0]) == 2 or region.endswith("市"):
        province = _province(chain[0], windows)
        if province:
            chain = (province,) + chain
    return chain


def _parent_city(text: str, region: str, head_end: int) -> str | None:
    """The one city the opening names as a policy source (《重庆市…》), as the leadership
    (杭州市委、市政府) or, more than once in the text, as a body (XX市委, XX市人民政府), for a
    district or county whose text refers to 全市 / 市委 / 市政府."""
    if not _CITY_PARENT_SIGNS.search(text, 0, head_end) and not _CITY_PARENT_SIGNS.search(text, max(0, len(text) - TAIL_CHARS)):
        return None
    cities = set()
    for m in _BOUNDARY.finditer(text, 0, head_end):
        chain = _chain_at(text, m.start(), head_end)
        if not chain or chain.names[-1] == region:
            continue
        name = chain.names[-1]
        if _rank(name) != 2 and name not in _MUNICIPALITIES:
            continue
        policy = m.start() > 0 and text[m.start() - 1] == "《"
        leadership = _PARENT_LEADERSHIP.match(text, chain.end, head_end)
        if policy or leadership or _GOVERNMENT_BODY.match(text, chain.end, head_end) and text.count(name) >= 2:
            cities.add(name)
    return cities.pop() if len(cities) == 1 else None


def _province(top: str, windows: list[str]) -> str | None:
    """The province above a city: printed before it (广东省深圳市), or the one province the
    opening and closing name (广东) when they also speak of 省委 / 全省."""
    mentioned = set()
    for window in windows:
        for m in _PROVINCE_NAME.finditer(window):
            province = _PROVINCE_OF[m.group()]
            if window.startswith(top, m.end()):
                return province if province not in _MUNICIPALITIES else None
            if province not in _MUNICIPALITIES:
                mentioned.add(province)
    if len(mentioned) == 1 and any(_PROVINCE_SIGNS.search(w) for w in windows):
        return mentioned.pop()
    return None


# --- level ---------------------------------------------------------------------------------------

def _level(text: str, region: str | None, chain: tuple[str, ...], department: bool,
           self_refs: Counter[str]) -> str | None:
    if department:
        return DEPARTMENT
    if region is None:
        levels = {"区": DISTRICT, "县": COUNTY, "旗": COUNTY, "市": CITY, "州": CITY, "盟": CITY, "省": PROVINCE}
        counts: Counter[str] = Counter()
        for word, n in self_refs.items():
            if word[1] in levels:
                counts[levels[word[1]]] += n
        best = max(counts, key=counts.get, default=None)
        return best if best and counts[best] >= 3 else None
    if region in _PROVINCES:
        return PROVINCE
    suffix = _SUFFIX.search(region)
    kind = suffix.group() if suffix else ""
    if kind in ("区", "新区"):
        return DISTRICT
    if kind in ("县", "自治县", "旗", "自治旗"):
        return COUNTY
    if kind != "市":
        return CITY
    # a 市 is a prefecture-level city or a county-level one
    if len(chain) > 1 and _rank(chain[-2]) == 2:
        return COUNTY
    if _CITY_SIGNS.search(text):
        return CITY
    if _COUNTY_SIGNS.search(text):
        return COUNTY
    return CITY


# --- year and date -------------------------------------------------------------------------------

def _year(text: str, structure: Structure, title_lines: list[tuple[int, int]],
          opening: tuple[int, int] | None, date: str | None) -> tuple[int | None, bool]:
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
    counts = Counter(int(m.group(1)) for m in _BODY_YEAR.finditer(text)
                     if not any(s <= m.start() < e for s, e in plans)
                     and (not signed or int(m.group(1)) <= signed[0]))
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
    return int("".join(str(_CN_DIGIT[c]) for c in printed))


def _small_number(printed: str) -> int:
    """一 … 三十一"""
    if "十" not in printed:
        return _CN_DIGIT[printed]
    tens, _, units = printed.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


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


def _find_date(text: str, lines: list[tuple[int, int]], tail_start: int,
               title_lines: list[tuple[int, int]]) -> tuple[tuple[int, int] | None, str | None]:
    """The report's own date: a line of its own at the end, else one just below the title."""
    closing = [span for span in lines if span[1] > tail_start][-4:]
    for span in reversed(closing):
        m = _DATE_LINE.match(text, *span)
        if m and (not m.group("before") or _BODY_END.search(m.group("before").strip())):
            value = _date_value(m)
            if value:
                return span, value
    after_title = lines[len(title_lines):len(title_lines) + 1] if title_lines else []
    for span in after_title:
        m = _DATE_LINE.match(text, *span)
        if m and not m.group("before"):
            value = _date_value(m)
            if value:
                return None, value
    return None, None


def _signature(text: str, lines: list[tuple[int, int]], tail_start: int,
               date_line: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The signature lines: short lines naming bodies, just above the date or at the very end."""
    closing = [span for span in lines if span[1] > tail_start]
    if date_line in closing:
        index = closing.index(date_line)
        m = _DATE_LINE.match(text, *date_line)
        before = m.group("before").strip() if m else ""
        if before:
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
        if len(line) > 80 or line[-1] in _TERMINAL or ":" in line or _HEADING_START.match(line) \
                or _DATE_LINE.match(line) or not (_TITLE_WORDS.search(line) or _BODY_END.search(line)):
            break
        block.append((start, end))
    if title and title not in block:
        block.insert(0, title)
    return block
