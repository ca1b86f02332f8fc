"""What a converter, a page or a typist left in a text is taken out when the file is read
(scorer/ingest/strays.py): letter spacing, a page number where a page broke a sentence, a line
break after a comma, a space inside a sentence. What only looks like them stays."""

from __future__ import annotations

import pytest

from scorer.ingest import read_document
from scorer.ingest.base import Document
from scorer.ingest.strays import without_strays
from scorer.pipeline import analyze
from scorer.rubric.load import load_rubric

BROKEN = "全年共办理各类行政复议案件一百二十六件并依法纠正"  # 24 characters, no sentence's end


def read(text: str) -> str:
    return without_strays(Document("x.txt", "txt", text)).text


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title and a field label spread across the page
        ("青 山 区 2023 年 法 治 政 府 建 设 情 况 报 告", "青山区 2023 年法治政府建设情况报告"),
        ("索 引 号：1234/2024-00012", "索引号：1234/2024-00012"),
        ("前　　言", "前言"),
        # a numbered heading spread with its marks
        ("（ 三 ） 着 力 化 解 矛 盾 纠 纷", "（三）着力化解矛盾纠纷"),
        # a PDF's justified prose a character at a time
        ("全 年 办 理 行 政 复 议 案 件 126 件 ， 纠 错 率 8.6%。", "全年办理行政复议案件 126 件，纠错率 8.6%。"),
        # a space a PDF left inside a sentence
        ("纳入经济社会 发展总体规划，参训人员2300余人 次。", "纳入经济社会发展总体规划，参训人员2300余人次。"),
        # a full stop typed as . or ． and a space after it, as a typist ends a sentence in English
        ("全面完成年度目标任务. 现将有关情况报告如下，请审阅。", "全面完成年度目标任务.现将有关情况报告如下，请审阅。"),
        ("办理行政复议案件126件． 纠错率8.6%，较上年提高。", "办理行政复议案件126件．纠错率8.6%，较上年提高。"),
        # a space around a number in prose (a rule's reach counts characters: 组织…述法 is one event)
        ("组织 41 名负责人现场述法，出庭应诉率达 100 %。", "组织41名负责人现场述法，出庭应诉率达100%。"),
        # …but not between two numbers
        ("对比2022 2023两年数据，案件增长 12 件。", "对比2022 2023两年数据，案件增长12件。"),
    ],
)
def test_letter_spacing_and_spaces_inside_sentences_are_taken_out(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "中共青山区委 青山区人民政府",  # two bodies a space apart: words, not letters
        "首页 信息公开 法定主动公开内容 工作报告",  # a breadcrumb's links
        "发布时间：2024-03-01　来源：区司法局　【字体：大 中 小】",  # a page's field line
        "“学宪法 讲宪法”",  # a slogan's two halves, no sentence around them
        "英文版见 www.example.gov.cn. 中文版同步公开，欢迎查阅。",  # a web address's dot, no Chinese full stop
        "行政复议案件（件） 126 行政诉讼案件（件） 41",  # a table's row: no prose
        "归集政务数据 1.97亿条，共享交换数据3200万条。",  # one space beside a number: the writer's
        # a page that lost its line breaks keeps a space for each: before a heading's marker, and
        # after a heading's title, which takes no full stop
        "县长履行第一责任人职责。 二、深化政府职能转变，营商环境持续优化 动态调整县级权责清单。",
        "现将有关情况报告如下： 一、主要举措 （一）加强组织领导 成立领导小组，召开会议3次。",
        "一是法治思想学深学透 集中开展宣讲活动12场，覆盖干部群众2000余人。",
    ],
)
def test_spaces_between_words_stay(line):
    assert read(line) == line


def test_a_space_after_a_sentence_or_inside_a_titles_first_word_is_a_stray():
    # after a full stop, no heading is open: the space inside the next sentence is a PDF's
    assert (
        read("二、深化改革。动态调整 县级权责清单，调整事项112项。")
        == "二、深化改革。动态调整县级权责清单，调整事项112项。"
    )
    # a marker's first words a space apart (一、主 要举措) are one title, spaced
    assert read("一、主 要举措，县政府成立领导小组，召开会议3次。") == "一、主要举措，县政府成立领导小组，召开会议3次。"


def test_a_page_number_where_a_page_broke_a_sentence_is_taken_out_and_the_sentence_runs_on():
    for mark in ("— 2 —", "-2-", "第 2 页 共 5 页", "2/5", "12"):
        text = f"一、主要工作\n{BROKEN}\n{mark}\n违法或不当行政行为18件。\n"
        assert read(text) == f"一、主要工作\n{BROKEN}违法或不当行政行为18件。\n", mark
    # a blank line either side, as a converter leaves them
    assert read(f"一、主要工作\n{BROKEN}\n\n— 3 —\n\n违法行为18件。") == f"一、主要工作\n{BROKEN}违法行为18件。"
    # a numbered heading that fills its printed line ran on to the next page (a web page had lost the
    # break after its title): it is no heading that ended before the page number
    heading = "（一）强化组织领导落实法治责任成立了以局长为组长的法治"
    assert read(f"一、主要工作\n{heading}\n— 2 —\n建设领导小组。") == f"一、主要工作\n{heading}建设领导小组。"
    # a text with no title line opens with its first paragraph, in either width of comma
    for comma in ("，", ","):
        opening = f"2023年以来{comma}某县坚持以习近平新时代中国特色社会主义思想为指导{comma}深入学习贯彻习近平法治"
        assert read(f"{opening}\n— 2 —\n思想。") == f"{opening}思想。", comma
    opening = "根据《法治政府建设实施纲要（2021—2025年）》和相"  # no comma yet, and no report's title
    assert (
        read(f"{opening}\n— 2 —\n关文件要求，现将本局2022年情况报告如下。")
        == f"{opening}关文件要求，现将本局2022年情况报告如下。"
    )


@pytest.mark.parametrize(
    "text",
    [
        f"{BROKEN}。\n— 2 —\n二、存在的问题",  # the sentence ended: the page number is chrome, not a join
        "青山区人民政府关于2023年度法治政府建设情况的报告\n— 2 —\n2023年,区政府坚持依法行政。",  # a title
        "\n\n青山区人民政府关于2023年度法治政府建设情况的报告\n— 2 —\n2023年,区政府坚持依法行政。",  # after blank lines
        "一、坚持党的领导，全面加强法治政府建设组织保障\n— 2 —\n区政府常务会议研究法治工作。",  # a heading
        "发布时间：2024-03-01　来源：区司法局　浏览次数：120\n— 2 —\n2023年,区政府坚持依法行政。",  # a field line
        f"{BROKEN}\n2024\n违法行为18件。",  # a year on its own line is no page number
        f"{BROKEN}\n— 2 —\n（二）严格行政执法",  # the next line starts a heading
        "依法行政水平不断提升\n— 2 —\n继续推进",  # a short line before it may be a heading
    ],
)
def test_a_page_number_that_breaks_no_sentence_is_left_in_place(text):
    assert read(text) == text


def test_a_line_break_after_a_comma_is_no_paragraphs_end():
    text = "统筹推进疫情防控和经济社会发展，\n　　依法行政水平不断提升。\n"
    assert read(text) == "统筹推进疫情防控和经济社会发展，依法行政水平不断提升。\n"
    # …nor one between two characters of a word, where the next line ends the sentence
    line = "建立市、乡、村三级疫情防控指挥体系，开展应急演练16场次，参演人员2300余人次。" + (
        "依法严厉打击哄抬物价、制售假劣防疫用品等违法行为，立案查处"
    )
    assert read(f"{line}\n案件27件。\n") == f"{line}案件27件。\n"
    for kept in (
        f"{line}\n三、深化放管服改革。\n",  # a heading
        "某县人民政府关于2023年度法治政府建设情况的报告\n2023年，县政府坚持依法行政。\n",  # a title
        f"{line}\n存在的问题\n",  # no sentence ends
        # a title that lost its number
        "深入学习贯彻习近平法治思想，坚定法治政府建设正确方向\n县政府常务会议会前学法12次。\n",
    ):
        assert read(kept) == kept, kept
    # a heading after the comma (a cut paragraph) starts its own line
    kept = "区人民法院与区政府建立府院联动机制，\n（三）着力化解基层矛盾纠纷\n"
    assert read(kept) == kept


@pytest.mark.parametrize(
    "before",
    [
        "區(qū)設(shè)習(xí)",  # a converter's pinyin
        "法 治 政 府 建 设 情 况 报 告",  # letter spacing
        "全面落实行政复议体制改革，全年办理行政复议案件\n— 2 —\n126件，纠错率8.6%，",  # a page break, a comma
    ],
)
def test_heading_marks_move_with_the_text_when_strays_are_taken_out(before):
    text = f"{before}\n一、主要工作\n"
    heading = text.index("一、")
    moved = without_strays(Document("x.docx", "docx", text, headings=((heading, heading + 6, 1),)))
    ((start, end, level),) = moved.headings
    assert moved.text[start:end] == "一、主要工作" and level == 1


def test_a_report_copied_out_of_a_pdf_reads_as_the_clean_one(tmp_path):
    # letter-spaced title, a page number inside a sentence, a comma's line break, a space inside
    # a word: the reading (metadata and every status) is the clean text's
    clean = (
        "青山区2023年法治政府建设情况报告\n"
        "2023年，青山区坚持以习近平法治思想为指导，深入推进依法行政。现将有关情况报告如下：\n"
        "一、主要工作\n"
        "全面落实行政复议体制改革，全年办理行政复议案件126件，纠错率8.6%。"
        "区政府常务会议专题学法4次，组织全区执法人员法治培训3期、参训600余人次。\n"
    )
    noisy = (
        "青 山 区 2023 年 法 治 政 府 建 设 情 况 报 告\n"
        "2023年，青山区坚持以习近平法治思想为指导，\n深入推进依法行政。现将有关情况报告如下：\n"
        "一、主要工作\n"
        "全面落实行政复议体制改革，全年办理行政复议案件\n— 2 —\n126件，纠错率8.6%。"
        "区政府常务会议专题学法4次，组织全区执法人员法治 培训3期、参训600余人次。\n"
    )
    rubric = load_rubric()
    readings = []
    for name, text in (("clean.txt", clean), ("noisy.txt", noisy)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = analyze(read_document(path), rubric)
        readings.append((result.region, result.level, result.year, {r.id: r.status for r in result.requirements}))
    assert readings[0] == readings[1]
    assert readings[0][:3] == ("青山区", "district", 2023) and readings[0][3]["p7.reconsideration"] == "met"
