"""Read every number of a report the way a Chinese reader does, with its span in the text.

Input is normalised text (scorer.normalize): full-width digits, ％ and ，are ASCII, so `１２３`
reads as `123` and the span still covers the digits as printed. A number is one of

- value    a count or amount: `155件`, `2.4万余件` (24000, approx), `二十余次` (20, approx),
           `1,250件` (1250), `1.3万元` (13000 元: 万 / 亿 always multiply, so figures compare);
- percent  a level: `94.8%`, `百分之百`, `百分之95`, `98%以上` (approx);
- change   a difference, never a level: `同比增长8.22%`, `下降45.5%`, `上升5.42个百分点`,
           `缩减57%`, `压缩比达89%` (a reduction ratio), `同比增加12件`; but `提高到95%` is a level;
- baseline a figure of an earlier period, the start of a comparison: `由上年的85%提升至100%`,
           `较去年同期的56件`;
- year     `2023年`, `2024年度`, `二〇二四年`, both ends of `2021—2025年`;
- date     `12月31日`;
- ordinal  `第十二次`, `十三届`, `三次全会`, heading markers `(1)` / `1.`;
- range    `50至60件`, `95-100%`: both ends are read, approximate, with the measure word printed
           after the upper one;
- code     a name made of digits: `12345热线`, `“1310”`, `“1+5+N”`, `1+1>2`, `12·4`, and a quoted
           name that starts with a number: `“四个百分百”`, `“两个全覆盖”`.

A Chinese numeral is read only where a reader would read a number: before a measure word, after
第, as a year, after 百分之. Elsewhere it is part of a word (`一网通办`, `一是`, `统一`) and is
not returned. An Arabic number without a measure word is returned as a value with unit "".

The Chinese-numeral parser is written here rather than taken from `cn2an`: it is twenty lines,
and the reader needs the span and the measure word around each numeral anyway, which cn2an's
string-to-string conversion does not give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .lazy_re import lazy, lazy_pattern
from .lexicon import default_lexicon, default_pattern, default_words

VALUE, PERCENT, CHANGE, BASELINE, YEAR, DATE, ORDINAL, CODE = (
    "value",
    "percent",
    "change",
    "baseline",
    "year",
    "date",
    "ordinal",
    "code",
)

_CN_DIGIT_VALUES = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE_UNITS = {"万": 10**4, "亿": 10**8}
_SCALES = {"万": 10**4, "亿": 10**8, "千万": 10**7}

CN_DIGITS = "".join(_CN_DIGIT_VALUES)  # 零 〇 一 二 两 … 九
# A year in Chinese numerals (二〇二四), its 〇 as typed or recognised: a circle, a capital or small
# letter O; read with ZERO_LOOKALIKES. A month, a day (一 … 三十一).
CN_YEAR = "[〇○零Oo一二三四五六七八九]{4}"
ZERO_LOOKALIKES = str.maketrans({"○": "〇", "O": "〇", "o": "〇"})
CN_SMALL_DIGITS = "一二三四五六七八九十"
_CN_NUMERAL = rf"[{CN_DIGITS}十][{CN_DIGITS}十百千万亿]*(?:点[{CN_DIGITS}]+)?"
# 1,250 and 12,230 are thousands groups; anything else after a comma is the next clause.
_ARABIC = r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"

_SCALE = "千?万|亿"
_APPROX_AFTER = "余|多"  # 二十余次, 100多人

# One alternation, scanned once. 一 after 统 / 唯 / 同 … is part of a word, not a numeral.
_NUMERAL = lazy_pattern(
    # (or Arabic after it, as some writers mix them: 百分之95)
    rf"百分之(?:(?P<percent_cn>{_CN_NUMERAL}|百)|(?P<percent_ar>\d+(?:\.\d+)?))"
    # (a space a PDF or a typist puts between a number and its sign: 100 %)
    rf"|(?P<arabic>{_ARABIC})(?P<scale>{_SCALE})?(?P<percent> ?%)?"
    rf"|(?<![统唯同单逐划之万])(?P<chinese>{_CN_NUMERAL})"
)


@lru_cache(maxsize=1)
def _units() -> tuple[str, frozenset[str], frozenset[str]]:
    """(the measure words as one alternation, longest first so 人次 wins over 人 and 个百分点 over 个;
    the words of a duration; the words of anything but a count of things), from the lexicon: every
    word of `measure` and `measure_more` but the signs and the scale and approximation words that
    the pattern after a number reads first."""
    lists = default_lexicon().lists
    grammar = re.compile(rf"{_SCALE}|{_APPROX_AFTER}|[^\u4e00-\u9fff]+")
    words = [w for w in lists["measure"] + lists["measure_more"] if not grammar.fullmatch(w)]
    durations = frozenset(lists["duration_units"])
    return "|".join(sorted(words, key=len, reverse=True)), durations, durations | frozenset(lists["not_count_units"])


_AFTER = lazy(
    lambda: re.compile(
        # (a space between a number and its measure word, 12 件, is a PDF's or a typist's)
        rf"(?: (?={_APPROX_AFTER}|{_SCALE}|{_units()[0]}))?"
        rf"(?P<approx>{_APPROX_AFTER})?(?P<scale>{_SCALE})?(?P<unit>{_units()[0]})?(?P<approx_after>以上|左右)?"
    )
)
_AFTER_PERCENT = lazy_pattern(r"以上|左右")
# A table's last cell, after its label's cell with the unit in it or after a cell of the unit alone
# (行政复议案件(件) | 126, 纠错率(%) | 8.6, 行政复议案件 | 件 | 126): the number is read with that
# unit. Not a row of several values (行政复议案件(件) | 98 | 126: last year's and this year's).
# (The judge's count reads the same rows: detect/judge.py.)
_TABLE_LABEL_UNIT = lazy(lambda: re.compile(rf"(?:\(|\|\s*)(?P<unit>{_units()[0]}|%)\)?\s*\|\s*$"))
_TABLE_LABEL_REACH = 16
_TABLE_ROW_GOES_ON = lazy_pattern(r"[^\n]*\|")

_APPROX_BEFORE = lazy(
    lambda: re.compile(f"(?:{default_words('value_approximations')}|{default_words('approximations_before')})$")
)
# A change verb (optionally 比 / 率 / 幅度 and a filler) right before the number; 新增 counts
# new things (a value), and 提高到 / 提升至 name the level reached (a value too).
_CHANGE_BEFORE = lazy(
    lambda: re.compile(rf"{default_words('change_verbs')}(?:比|率|幅度?)?(?:了|达到?|为)?(?:约|近|超过?|逾)?$")
)
_CHANGE_WINDOW = 10
_BASELINE_BEFORE = lazy(lambda: re.compile(rf"(?:由|从|较|比)?{default_words('earlier_periods')}(?:的|为|是)?$"))
_RANGE_MARKS = "-—–~至到"
_YEAR_RANGE = lazy_pattern(rf"[{_RANGE_MARKS}]\d{{4}}年")
_OPEN_QUOTES = "“‘\"'"
_CLOSE_QUOTES = "”’\"'"
# The rest of a quoted name that starts with a number: `“1310”`, `“四个百分百”`, `“两个全覆盖”`.
_QUOTED_NAME_REST = lazy_pattern(rf"[^{_CLOSE_QUOTES},。;:、]{{0,8}}[{_CLOSE_QUOTES}]")
_FORMULA_MARKS = "+>×*=·"
_NAME_AFTER = default_pattern("code_names")
_SOME_AFTER_ONE = default_pattern("some_after_one")
_HEADING_MARK_AFTER = ".、"


@dataclass(frozen=True)
class Number:
    value: float
    unit: str  # measure word after it (件 宗 次 个百分点 元 …), "%" for a percent, "" when none
    kind: str  # VALUE, PERCENT, CHANGE, BASELINE, YEAR, DATE, ORDINAL or CODE
    approx: bool  # 余 多 近 约 超 逾 以上 左右 …
    start: int  # span of the numeral as printed: digits, separators, 万 / 亿, % or 百分之
    end: int
    unit_end: int  # end of the measure word and any 余 / 以上 around it (== end when there is none)
    decimals: int = 0  # digits printed after the decimal point: the precision a rate is stated to

    @property
    def is_duration(self) -> bool:
        """A length of time (`连续三年`, `30天`, `5个工作日`): never what a label counts."""
        return self.kind == VALUE and self.unit in _units()[1]

    @property
    def is_count(self) -> bool:
        """A number of things (件 宗 条 人 …), not money, time, length or a ratio."""
        return self.kind == VALUE and self.unit != "" and self.unit not in _units()[2]


def chinese_numeral_value(numeral: str) -> Decimal:
    """二十三 → 23, 一百零五 → 105, 两千五 → 2500, 一万二 → 12000, 二〇二四 → 2024, 三点五 → 3.5."""
    integer, _, fraction = numeral.partition("点")
    if len(integer) > 1 and all(ch in _CN_DIGIT_VALUES for ch in integer):
        value = Decimal("".join(str(_CN_DIGIT_VALUES[ch]) for ch in integer))  # digit by digit: 二〇二四
    else:
        value = Decimal(_positional_value(integer))
    if fraction:
        value += Decimal("0." + "".join(str(_CN_DIGIT_VALUES[ch]) for ch in fraction))
    return value


def chinese_count(n: int) -> str:
    """A whole number below 100 as a count is written in Chinese numerals: 7 → 七, 10 → 十, 23 →
    二十三 (chinese_numeral_value reads it back)."""
    if not 0 <= n < 100:
        raise ValueError(f"{n} is not a count below 100")
    tens, ones = divmod(n, 10)
    digits = "零一二三四五六七八九"
    return ("" if tens == 0 else "十" if tens == 1 else digits[tens] + "十") + (digits[ones] if ones or n == 0 else "")


def _positional_value(numeral: str) -> int:
    total = 0  # whole 亿 groups
    group = 0  # whole 万 groups below 亿
    section = 0  # below 万
    digit: int | None = None
    previous_unit = 1  # a trailing digit right after a unit is abbreviated: 两千五 = 2500
    after_unit = False
    for ch in numeral:
        if ch in _CN_DIGIT_VALUES:
            digit = _CN_DIGIT_VALUES[ch]
            if digit == 0:  # 一百零五: a digit after 零 is not abbreviated
                after_unit = False
        elif ch in _CN_SMALL_UNITS:
            previous_unit = _CN_SMALL_UNITS[ch]
            section += (1 if digit is None else digit) * previous_unit
            digit, after_unit = None, True
        else:
            previous_unit = _CN_LARGE_UNITS[ch]
            section += digit or 0
            if ch == "万":
                group = (group + section) * previous_unit
            else:
                total = (total + group + section) * previous_unit
                group = 0
            section, digit, after_unit = 0, None, True
    if digit is not None:
        section += digit * (previous_unit // 10 if after_unit and previous_unit >= 10 else 1)
    return total + group + section


def read_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in text[start:end], in text order."""
    end = len(text) if end is None else end
    numbers: list[Number] = []
    for match in _NUMERAL.finditer(text, start, end):
        number = _read(text, match, end)
        if number is None:
            continue
        if numbers and _is_range(text, numbers[-1], number):
            # `50至60件`, `95-100%`: the lower end is read with the upper end's measure word;
            # both are approximate, neither is a count a rate can be recomputed from
            low = numbers[-1]
            numbers[-1] = replace(low, unit=number.unit, kind=number.kind, approx=True)
            number = replace(number, approx=True)
        numbers.append(number)
    return numbers


def _is_range(text: str, low: Number, high: Number) -> bool:
    return (
        low.kind == VALUE
        and low.unit == ""
        and high.kind in (VALUE, PERCENT)
        and high.unit != ""
        and high.start - low.end == 1
        and text[low.end] in _RANGE_MARKS
    )


def _read(text: str, match: re.Match[str], limit: int) -> Number | None:
    start, end = match.span()
    if match["percent_cn"] is not None:
        digits = "一百" if match["percent_cn"] == "百" else match["percent_cn"]
        value, decimals = chinese_numeral_value(digits), _decimals(digits, "点")
    elif (arabic := match["percent_ar"] or match["arabic"]) is not None:
        value, decimals = Decimal(arabic.replace(",", "")), _decimals(arabic, ".")
    else:
        value, decimals = chinese_numeral_value(match["chinese"]), _decimals(match["chinese"], "点")
    if match["scale"]:
        value *= _SCALES[match["scale"]]

    approx_before = _APPROX_BEFORE.search(text, max(0, start - 3), start)
    approx = approx_before is not None
    label_unit = None
    if match["arabic"] and not _TABLE_ROW_GOES_ON.match(text, end, limit):
        found = _TABLE_LABEL_UNIT.search(text, max(0, start - _TABLE_LABEL_REACH), start)
        label_unit = found["unit"] if found else None
    if match["percent"] or match[0].startswith("百分之") or label_unit == "%":
        unit = "%"
        after = _AFTER_PERCENT.match(text, end, limit)
        unit_end = after.end() if after else end
        approx = approx or after is not None
    else:
        after = _AFTER.match(text, end, limit)
        assert after is not None  # every part of _AFTER is optional: it matches, if only the empty string
        unit, unit_end = after["unit"] or label_unit or "", after.end()
        approx = approx or bool(after["approx"] or after["approx_after"])
        if after["scale"]:
            value *= _SCALES[after["scale"]]
    if match["chinese"] is not None and not unit and text[start - 1 : start] != "第":
        return None  # a numeral inside a word: 一网通办, 一是, 三中全会
    if match["chinese"] == "一" and _SOME_AFTER_ONE.fullmatch(unit):
        return None  # 一批: some, not one
    context_start = approx_before.start() if approx_before else start
    kind = _kind(text, match, start, end, unit, unit_end, value, context_start)
    return Number(float(value), unit, kind, approx, start, end, unit_end, decimals)


def _decimals(numeral: str, point: str) -> int:
    _, _, fraction = numeral.partition(point)
    return len(fraction)


def _kind(
    text: str, match: re.Match[str], start: int, end: int, unit: str, unit_end: int, value: Decimal, context_start: int
) -> str:
    before = text[start - 1 : start]
    after = text[end : end + 1]
    plain_integer = match["arabic"] is not None and match["arabic"].isdigit() and not match["scale"]
    four_digits = (plain_integer and len(match["arabic"]) == 4) or (
        match["chinese"] is not None
        and len(match["chinese"]) == 4
        and all(ch in _CN_DIGIT_VALUES for ch in match["chinese"])
    )
    if four_digits and 1900 <= value <= 2100 and (unit == "年" or _YEAR_RANGE.match(text, end)):
        return YEAR
    if unit == "月" and value == int(value) and 1 <= value <= 12 or unit in ("日", "号") and before == "月":
        return DATE
    if (
        before
        and before in _FORMULA_MARKS
        or after
        and after in _FORMULA_MARKS
        or _NAME_AFTER.match(text, unit_end)
        or before
        and before in _OPEN_QUOTES
        and _QUOTED_NAME_REST.match(text, unit_end)
    ):
        return CODE
    if before == "第" or unit == "届" or unit == "次" and text.startswith("全会", unit_end):
        return ORDINAL
    if (
        plain_integer
        and not unit
        and (before == "(" and after == ")" or after and after in _HEADING_MARK_AFTER and _at_line_start(text, start))
    ):
        return ORDINAL
    if unit in ("个百分点", "百分点") or _CHANGE_BEFORE.search(
        text, max(0, context_start - _CHANGE_WINDOW), context_start
    ):
        return CHANGE
    if _BASELINE_BEFORE.search(text, max(0, context_start - _CHANGE_WINDOW), context_start):
        return BASELINE
    return PERCENT if unit == "%" else VALUE


def _at_line_start(text: str, offset: int) -> bool:
    position = offset
    while position > 0 and text[position - 1] in " \t":  # only indentation is walked over
        position -= 1
    return position == 0 or text[position - 1] == "\n"
