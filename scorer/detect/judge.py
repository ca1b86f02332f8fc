"""Judge one hit like a careful reader: achievement, plan, shortcoming, negated or generic.

A keyword in a sentence is not evidence by itself. What the sentence says about it decides:
- `shortcoming`: the sentence stands in a shortcomings passage, or the hit's clause says the
  thing is lacking (有待 / 不够 / 不足 / 亟需 …);
- `plan`: the sentence stands in a plans passage, or a future marker (下一步 / 将继续 / 拟 /
  力争 …) governs the hit's clause;
- `negated`: the hit's clause denies it (尚未 / 未 / 没有 / 无 …), pseudo-negations aside
  (不断 / 无一例外 / 不折不扣 / 未成年人 …);
- `achievement`: a reported action of the year with a specific detail — a number with a measure
  word, a 《document》, a body / platform / mechanism set up, a named meeting or event;
- `generic`: mentioned as done, in general terms only.
"""

from __future__ import annotations

import re

from ..structure import PLANS, SHORTCOMINGS, Sentence

ACHIEVEMENT, PLAN, SHORTCOMING, NEGATED, GENERIC = "achievement", "plan", "shortcoming", "negated", "generic"

# Words that contain a negation character but deny nothing, and legal conditions (未经…不得,
# 未造成危害后果的…不予处罚) that set a rule rather than deny an action. Masked first.
_PSEUDO_NEGATION = re.compile(
    "不断|不折不扣|不懈|不遗余力|不松懈|无一例外|无缝|无差别|无纸化|无证明|无障碍|无人机|无偿|无罪|无违法|无证|无感|"
    "无事不扰|无死角|无盲区|无接触|毫无|无论|未成年|未来|未诉先办|未病|未雨绸缪|无欠薪|零|未造成|未发生|未出现|"
    "未经[^,。;]{0,12}(?:不得|不予|不能|一律不)"
)
_NEGATION = re.compile("尚未|并未|仍未|从未|未能|未曾|未|没有|暂无|无相关|无专门|无专职")
_SHORTCOMING = re.compile(
    "有待|不够|不足|不强|不高|不到位|不规范|不平衡|不充分|不完善|不健全|不明显|不适应|不相适应|不及时|不严格|亟需|亟待|"
    "仍需|还需|尚需|需进一步|仍有提升|薄弱|短板|差距|欠缺|缺乏|滞后|参差不齐|偏弱|偏低|偏高|较弱|较少"
)
# 将 is also the object marker (将法治建设纳入考核 = 把…纳入), so only a 将 that reads as "will"
# counts: after a subject (我们将 / 我区将 / 区司法局将) not followed by 纳入-type verbs, or before
# an adverb of intent. 拟 before a verb and 的 (拟发布的文件) means "proposed", not a plan.
_BA = r"(?![^,。;]{0,14}(?:纳入|列入|作为|列为|融入|写入|转化为|落实到))"
_PLAN = re.compile(
    "下一步|下步|下一阶段|下一年度?|明年|今后|预计|拟(?![定订])(?![^,。;]{1,4}的)|力争|争取|"
    "计划(?:于|在|到|年内|今年|明年)|"
    rf"(?:我们|我[区县市局委办州省旗]|全[区县市州省旗]|各[级部单]\w?|[局委办府院])将{_BA}|"
    "将(?:继续|持续|进一步|全面|加快|深入|着力|不断|大力|努力|积极|扎实|切实|重点|坚持|聚焦|围绕|紧扣|抓好|力争)|"
    "要(?:进一步|继续|持续|着力|切实)"
)
_MEASURE = ("%|‰|件|宗|次|场|个|项|条|份|人|名|家|户|本|期|批|类|起|元|篇|部|支|所|套|张|轮|天|小时|个工作日|场次|"
            "人次|件次|万|亿|余|多|个百分点|册|块|处|座|间|栏|位|门|届|节|课时|学时|分钟|户次|单|宗次|亩|公里|米|台|卷|辆|"
            "卷次|本次|盏|枚|封|页")
_DETAIL = re.compile(
    # a count, amount or rate: digits with a measure word or %, not a year or a date
    rf"(?<![\d.])\d+(?:,\d{{3}})*(?:\.\d+)?\s*(?:万|亿)?\s*(?:余|多)?\s*(?:{_MEASURE})"
    # a Chinese-numeral count of two or more characters (一次性 and 一是 are not counts), 百分之N
    r"|[二三四五六七八九十两百千][一二三四五六七八九十百千万]*(?:余|多)?"
    r"(?:件|宗|次|场|个|项|条|份|名|家|户|批|起|轮|期|张|支|类|部|篇|人次|人|万|处|所|台|卷)"
    r"|百分之[一二三四五六七八九十百零点]+"
    # a named document
    r"|《[^》]{2,}》"
    # a body, platform or mechanism set up, a document issued, an honour won
    r"|(?:建立(?!健全)|成立|设立|建成|组建|出台|印发|制定|制发|编制|(?<!新)修订(?!的)|开通|上线|搭建|挂牌|聘请|聘任|召开|举办|"
    r"签订|签署|获评|入选|评为|荣获|获得(?!感)|获批|成功创建|命名为|确定为|选派|率先)"
    # a specific campaign or event held (before the quoted-name form, which it may contain)
    r"|(?:开展|组织|举办|启动)[^,。;]{0,16}(?:专项(?:督察|督查|检查|行动|整治|治理|评查)|大检查|大比武|大练兵|竞赛|"
    r"集中整治|交叉督察|联合督察|联合评查|评议)"
    # a named campaign, system or platform put to use
    r"|(?P<quoted>(?:开展|推行|打造|实施|建立|落实|推出|创建|开设|组织|举办|启动|运用|依托|利用|开发|建设|推广|贯通|承接)"
    r"[^,。;]{0,8}“[^”]{2,30}”)"
    # a named meeting that studied or decided
    r"|(?:常委会|常务会|中心组|委员会)(?:会议)?[^,。;]{0,8}(?:专题)?(?:研究|听取|审议|学习|部署)"
)
_QUOTED = re.compile("“[^”]{1,30}”")
_CLAUSE_END = re.compile(r"[,;:]")


def clause_span(text: str, sentence: Sentence, at: int) -> tuple[int, int]:
    """The comma clause of `sentence` holding offset `at` (、 does not end a clause here)."""
    start = sentence.start
    for m in _CLAUSE_END.finditer(text, sentence.start, at):
        start = m.end()
    m = _CLAUSE_END.search(text, at, sentence.end)
    return start, (m.start() if m else sentence.end)


def _masked(fragment: str) -> str:
    """Blank what only looks like negation: pseudo-negations, and quoted names (“莎姐守未在线”)."""
    blank = lambda m: "_" * len(m.group())  # noqa: E731 - same length keeps offsets
    return _PSEUDO_NEGATION.sub(blank, _QUOTED.sub(blank, fragment))


def has_detail(text: str, start: int, end: int, hit: tuple[int, int] | None = None) -> bool:
    """A specific detail in text[start:end]. A detail that merely quotes the hit term itself
    (全面推行行政执法“三项制度”) names the requirement, not something this report did."""
    for m in _DETAIL.finditer(text, start, end):
        if hit is None or m.group("quoted") is None or not (m.start() < hit[1] and hit[0] < m.end()):
            return True
    return False


def judge(text: str, sentence: Sentence, hit_start: int, hit_end: int) -> str:
    """The kind of evidence a hit at text[hit_start:hit_end] is."""
    if sentence.passage == SHORTCOMINGS:
        return SHORTCOMING
    if sentence.passage == PLANS:
        return PLAN
    c_start, c_end = clause_span(text, sentence, hit_start)
    clause = _masked(text[c_start:max(c_end, hit_end)])
    if _NEGATION.search(clause):
        return NEGATED
    if _SHORTCOMING.search(clause):
        return SHORTCOMING
    # a future marker governs the rest of its sentence, so look from the sentence start
    if _PLAN.search(text, sentence.start, max(c_end, hit_end)):
        return PLAN
    return ACHIEVEMENT if has_detail(text, sentence.start, sentence.end, (hit_start, hit_end)) else GENERIC
