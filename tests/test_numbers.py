"""The number reader: every form a number takes in these reports, and the traps."""

from __future__ import annotations

import pytest

from scorer.normalize import normalize
from scorer.numbers import (
    CHANGE,
    CODE,
    DATE,
    ORDINAL,
    PERCENT,
    VALUE,
    YEAR,
    chinese_count,
    chinese_numeral_value,
    read_numbers,
)


def read(text: str) -> list[tuple[str, float, str, str, bool]]:
    """(numeral as printed, value, unit, kind, approx) of every number, read the way the pipeline does."""
    normalized = normalize(text).text
    return [(text[n.start : n.end], n.value, n.unit, n.kind, n.approx) for n in read_numbers(normalized)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Arabic digits, measure words
        ("受理行政复议案件155件", [("155", 155, "件", VALUE, False)]),
        ("办理复议案件568宗", [("568", 568, "宗", VALUE, False)]),
        ("组织普法活动731场", [("731", 731, "场", VALUE, False)]),
        ("检查企业10.71万家次", [("10.71万", 107100, "家次", VALUE, False)]),
        # thousands separators, and a comma that separates clauses
        ("共12,230件", [("12,230", 12230, "件", VALUE, False)]),
        ("2474项政务服务事项", [("2474", 2474, "项", VALUE, False)]),
        ("保留40件,废止17件", [("40", 40, "件", VALUE, False), ("17", 17, "件", VALUE, False)]),
        ("出庭率100%,120件", [("100%", 100, "%", PERCENT, False), ("120", 120, "件", VALUE, False)]),
        # a table's row, the unit in its label's cell (a Word or web table read as label | value)
        ("行政复议案件（件） | 126", [("126", 126, "件", VALUE, False)]),
        ("行政复议纠错率（%） | 8.6", [("8.6", 8.6, "%", PERCENT, False)]),
        ("行政复议案件 | 件 | 126", [("126", 126, "件", VALUE, False)]),  # the unit's own cell
        ("办理案件 | 126", [("126", 126, "", VALUE, False)]),  # no unit anywhere: no count
        # two years' values side by side: which is this year's is the header's to say
        ("行政复议案件（件） | 98 | 126", [("98", 98, "", VALUE, False), ("126", 126, "", VALUE, False)]),
        ("行政复议案件（件） | 2023年", [("2023", 2023, "年", YEAR, False)]),  # the cell's own unit wins
        ("编号12,3456", [("12", 12, "", VALUE, False), ("3456", 3456, "", VALUE, False)]),
        # decimals and 万 / 亿
        ("归集数据1.97亿条", [("1.97亿", 197_000_000, "条", VALUE, False)]),
        ("主动公开政府信息3.2万条", [("3.2万", 32000, "条", VALUE, False)]),
        ("化解纠纷2.4万余件", [("2.4万", 24000, "件", VALUE, True)]),
        ("挽回损失1371.61万元", [("1371.61万", 13_716_100, "元", VALUE, False)]),
        ("涉及金额60余万元", [("60", 600_000, "元", VALUE, True)]),
        # Chinese numerals
        ("开展培训二十三场", [("二十三", 23, "场", VALUE, False)]),
        ("参训一百二十六人", [("一百二十六", 126, "人", VALUE, False)]),
        ("培训两千余人", [("两千", 2000, "人", VALUE, True)]),
        ("学法十二次", [("十二", 12, "次", VALUE, False)]),
        # 一批 is "some", not one batch; one case is one
        ("办理了一批行政复议案件", []),
        ("培育一批法治政府建设示范项目，新增两批", [("两", 2, "批", VALUE, False)]),
        ("发生行政诉讼案件一件", [("一", 1, "件", VALUE, False)]),
        ("开展专题学法二十余次", [("二十", 20, "次", VALUE, True)]),
        ("第十二次(扩大)会议", [("十二", 12, "次", ORDINAL, False)]),
        ("省委十三届三次全会", [("十三", 13, "届", ORDINAL, False), ("三", 3, "次", ORDINAL, False)]),
        ("二〇二四年度", [("二〇二四", 2024, "年", YEAR, False)]),
        # words that hold a numeral are not numbers
        ("推行一网通办,一是统一部署", []),
        # percents
        ("行政机关负责人出庭率达100%", [("100%", 100, "%", PERCENT, False)]),
        ("纠错率7.96%", [("7.96%", 7.96, "%", PERCENT, False)]),
        ("出庭率达到百分之百", [("百分之百", 100, "%", PERCENT, False)]),
        ("覆盖率百分之九十", [("百分之九十", 90, "%", PERCENT, False)]),
        # (Arabic after 百分之, as some writers mix them)
        ("合格率百分之99.5", [("百分之99.5", 99.5, "%", PERCENT, False)]),
        ("满意率98%以上", [("98%", 98, "%", PERCENT, True)]),
        # approximations
        ("参会200余次", [("200", 200, "次", VALUE, True)]),
        ("服务20多个企业", [("20", 20, "个", VALUE, True)]),
        ("近3000人参加", [("3000", 3000, "人", VALUE, True)]),
        ("约150件", [("150", 150, "件", VALUE, True)]),
        ("超100场", [("100", 100, "场", VALUE, True)]),
        ("逾5000人次", [("5000", 5000, "人次", VALUE, True)]),
        ("开展检查30次以上", [("30", 30, "次", VALUE, True)]),
        # changes are not levels
        ("同比增长8.22%", [("8.22%", 8.22, "%", CHANGE, False)]),
        ("行政首长出庭14次,增长180%", [("14", 14, "次", VALUE, False), ("180%", 180, "%", CHANGE, False)]),
        ("信访总量同比下降45.5%", [("45.5%", 45.5, "%", CHANGE, False)]),
        ("上升5.42个百分点", [("5.42", 5.42, "个百分点", CHANGE, False)]),
        ("执法频次缩减57%", [("57%", 57, "%", CHANGE, False)]),
        ("审批时限压缩比达89%", [("89%", 89, "%", CHANGE, False)]),
        ("办结率提高了3个百分点", [("3", 3, "个百分点", CHANGE, False)]),
        ("队伍精简50%以上", [("50%", 50, "%", CHANGE, True)]),
        ("案件同比增加12件", [("12", 12, "件", CHANGE, False)]),
        ("满意率提升至95%", [("95%", 95, "%", PERCENT, False)]),  # the level reached
        ("新增特色事项6项,新增6项", [("6", 6, "项", VALUE, False), ("6", 6, "项", VALUE, False)]),
        # years and dates are not counts
        ("2023年,全区受理案件", [("2023", 2023, "年", YEAR, False)]),
        ("2024年度", [("2024", 2024, "年", YEAR, False)]),
        ("实施方案(2021—2025年)", [("2021", 2021, "", YEAR, False), ("2025", 2025, "年", YEAR, False)]),
        ("截至12月31日", [("12", 12, "月", DATE, False), ("31", 31, "日", DATE, False)]),
        ("连续8年开展述法", [("8", 8, "年", VALUE, False)]),
        ("办理时限3个月", [("3", 3, "个月", VALUE, False)]),
        # names made of digits are codes: a hotline is not a count of anything
        ("12345热线平台工单11139件", [("12345", 12345, "", CODE, False), ("11139", 11139, "件", VALUE, False)]),
        ("“12345”政务热线", [("12345", 12345, "", CODE, False)]),
        ("“1+5+N”多元解纷网络", [("1", 1, "", CODE, False), ("5", 5, "", CODE, False)]),
        ("‘12·4’宪法宣传周", [("12", 12, "", CODE, False), ("4", 4, "", CODE, False)]),
        # a quoted name that starts with a number is a name, not a count
        ("推行“四个百分百”工作法", [("四", 4, "个", CODE, False)]),
        ("实现“两个全覆盖”", [("两", 2, "个", CODE, False)]),
        ("发放“明白纸”3000份", [("3000", 3000, "份", VALUE, False)]),
        # ranges: both ends approximate, the lower with the upper's measure word
        ("受理50至60件", [("50", 50, "件", VALUE, True), ("60", 60, "件", VALUE, True)]),
        ("达95-100%", [("95", 95, "%", PERCENT, True), ("100%", 100, "%", PERCENT, True)]),
        ("１０～２０件", [("１０", 10, "件", VALUE, True), ("２０", 20, "件", VALUE, True)]),
        ("2021-2025年", [("2021", 2021, "", YEAR, False), ("2025", 2025, "年", YEAR, False)]),
        # more measure words of counts
        ("评查案卷320卷", [("320", 320, "卷", VALUE, False)]),
        ("出庭应诉128人次", [("128", 128, "人次", VALUE, False)]),
        ("发布信息300多条", [("300", 300, "条", VALUE, True)]),
        # a space a PDF or a typist puts between a number and its sign or measure word
        ("出庭应诉率达 100 %", [("100 %", 100, "%", PERCENT, False)]),
        ("共办理 12 件，其中 3 余项", [("12", 12, "件", VALUE, False), ("3", 3, "项", VALUE, True)]),
        ("共办理12 ", [("12", 12, "", VALUE, False)]),
        # heading markers
        ("(1)加强复议工作", [("1", 1, "", ORDINAL, False)]),
        ("2.完善制度", [("2", 2, "", ORDINAL, False)]),
    ],
)
def test_reads_numbers(text, expected):
    assert read(text) == expected


def test_full_width_digits_keep_their_span():
    text = "办理案件１２３件，出庭率１００％"
    numbers = read_numbers(normalize(text).text)
    assert [(n.value, n.unit, n.kind) for n in numbers] == [(123, "件", VALUE), (100, "%", PERCENT)]
    assert [text[n.start : n.end] for n in numbers] == ["１２３", "１００％"]
    assert numbers[0].unit_end == text.index("，")


def test_printed_precision_and_count_units():
    rate, count, money, share = read_numbers("成功率94.8%,调处4810件,罚款1000余万元,占比95.87%")
    assert (rate.decimals, share.decimals, count.decimals) == (1, 2, 0)
    assert count.is_count and not rate.is_count and not money.is_count
    assert money.value == 10_000_000 and money.approx


def test_a_length_of_time_is_no_count():
    years, days, count = read_numbers("连续三年,缩短至30天,受理12件")
    assert years.is_duration and days.is_duration and not count.is_duration
    assert not years.is_count and count.is_count


def test_reads_within_bounds():
    text = "受理150件,办结140件"
    assert [n.value for n in read_numbers(text, 6)] == [140]
    assert [n.value for n in read_numbers(text, 0, 6)] == [150]
    assert [n.value for n in read_numbers(text, 3)] == [140]  # starting inside 150 does not read 50


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("二十三", 23),
        ("一百二十六", 126),
        ("两千", 2000),
        ("十二", 12),
        ("十", 10),
        ("一百零五", 105),
        ("两千五", 2500),
        ("一万二", 12000),
        ("三万五千", 35000),
        ("三亿五千万", 350_000_000),
        ("二〇二四", 2024),
        ("三点五", 3.5),
        ("九十五点五", 95.5),
    ],
)
def test_chinese_numeral_value(numeral, value):
    assert chinese_numeral_value(numeral) == pytest.approx(value)


def test_hostile_input_is_read_as_a_reader_would():
    # How long this takes is measured by bench/run.py (no timed unit tests: a loaded machine
    # fails them); here, what comes out: every `1,000` once, a run of 一 with no measure word
    # after it and the 增长 / % runs around nothing are no numbers.
    hostile = "1,000," * 40_000 + "一" * 40_000 + "增长" * 20_000 + "%" * 10_000
    found = read_numbers(hostile)
    assert [(n.value, n.start, n.end) for n in found] == [(1000, 6 * i, 6 * i + 5) for i in range(40_000)]


def test_a_figure_of_an_earlier_period_is_a_baseline_not_this_years_value():
    found = [(n.value, n.kind) for n in read_numbers("出庭应诉率由上年的85%提升至100%,较去年同期的56件增加到70件")]
    assert found == [(85, "baseline"), (100, "percent"), (56, "baseline"), (70, "value")]


def test_a_count_below_100_is_written_as_it_is_read():
    assert [chinese_count(n) for n in (0, 7, 10, 12, 20, 99)] == ["零", "七", "十", "十二", "二十", "九十九"]
    assert all(chinese_numeral_value(chinese_count(n)) == n for n in range(100))
    with pytest.raises(ValueError):
        chinese_count(100)
