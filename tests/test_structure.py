import pytest

from scorer.normalize import normalize
from scorer.structure import BODY, PLANS, SHORTCOMINGS, clauses, parse


def _parse(raw, hints=()):
    text = normalize(raw).text
    return text, parse(text, hints)


def _passages(raw):
    """Each sentence's passage (body, shortcomings, plans), by the sentence's text."""
    text, st = _parse(raw)
    return {text[s.start : s.end]: s.passage for s in st.sentences}


def _titles(text, st):
    return [(h.level, h.style, text[h.title_start : h.end]) for h in st.headings]


def test_every_numbered_heading_style_and_its_level():
    raw = (
        "某某县2023年法治政府建设工作总结\n"
        "一、强化组织领导\n"
        "（一）健全工作机制。县委常委会研究法治工作3次。\n"
        "1.压实责任。制定责任清单。\n"
        "(1)细化分工。明确牵头单位12个。\n"
        "①建立台账。\n"
        "一是抓学习。组织学法4次。\n"
        "第二部分 存在的问题\n"
        "(三 )带空格的序号。内容。\n"
    )
    text, st = _parse(raw)
    assert st.title and text[st.title[0] : st.title[1]] == "某某县2023年法治政府建设工作总结"
    got = [(lvl, t) for lvl, _, t in _titles(text, st)]
    assert got == [
        (1, "强化组织领导"),
        (2, "健全工作机制。"),
        (3, "压实责任。"),
        (4, "细化分工。"),
        (4, "建立台账。"),
        (5, "抓学习。"),
        (1, "存在的问题"),
        (2, "带空格的序号。"),
    ]


def test_run_in_heading_keeps_the_rest_of_the_line_as_body():
    text, st = _parse("一、总体情况\n（一）深化理论武装。严格落实第一议题制度，学习12次。\n")
    sentences = [text[s.start : s.end] for s in st.sentences]
    assert "深化理论武装。" in sentences
    assert "严格落实第一议题制度,学习12次。" in sentences
    body = [s for s in st.sentences if not s.is_heading]
    assert st.section_path(body[0]) == "一、总体情况 > (一)深化理论武装"


def test_run_in_heading_closed_by_a_colon_is_a_title_too():
    """(一)加强组织领导:县政府… reads as (一)加强组织领导。县政府… does; a colon far into a line is
    no lead's."""
    text, st = _parse("一、总体情况\n（一）加强组织领导：县政府常务会议研究法治工作3次。\n")
    sentences = [text[s.start : s.end] for s in st.sentences]
    assert "加强组织领导:" in sentences and "县政府常务会议研究法治工作3次。" in sentences
    text, st = _parse("一、总体情况\n（一）县政府常务会议全年研究法治政府建设工作和行政复议工作的情况如下：研究3次。\n")
    assert [t for _, _, t in _titles(text, st)][-1].endswith("研究3次。")


def test_bold_leads_that_lost_their_numbers_are_sub_parts_when_a_part_has_several():
    text, st = _parse(
        "一、主要工作\n加强组织领导。县政府常务会议研究法治工作3次。\n深化理论学习：组织学法4次。\n"
        "二、存在的不足\n法治意识有待提高。部分干部依法行政能力不强。\n执法力量不足。基层执法人员偏少。\n"
    )
    assert _titles(text, st) == [
        (1, "一、", "主要工作"),
        (2, "lead", "加强组织领导。"),
        (2, "lead", "深化理论学习:"),
        (1, "一、", "存在的不足"),
        (2, "lead", "法治意识有待提高。"),
        (2, "lead", "执法力量不足。"),
    ]
    body = [s for s in st.sentences if not s.is_heading]
    assert st.section_path(body[0]) == "一、主要工作 > 加强组织领导"
    assert body[-1].passage == SHORTCOMINGS  # a lead's part is its part's passage
    # one short first sentence alone is a sentence
    text, st = _parse("一、主要工作\n深化行政复议体制改革。全年办理案件86件。\n")
    assert [t for _, _, t in _titles(text, st)] == ["主要工作"]


def test_lost_numeral_bullet_and_unnumbered_headings():
    raw = (
        "、严格规范公正文明执法\n"
        "全年办理行政处罚案件300件。\n"
        "- 坚持党的领导\n"
        "（一）深化学习。内容一。\n"
        "数字法治建设\n"
        "（一）平台建设。内容二。\n"
    )
    text, st = _parse(raw)
    assert [(lvl, style) for lvl, style, _ in _titles(text, st)] == [
        (1, "、"),
        (1, "plain"),
        (2, "(一)"),
        (1, "plain"),
        (2, "(一)"),
    ]
    assert text[st.headings[1].title_start : st.headings[1].end] == "坚持党的领导"


def test_docx_heading_hints_are_headings_even_without_numbers():
    raw = "依法行政能力建设\n组织法治培训5场。\n"
    text = normalize(raw).text
    st = parse(text, ((0, 8, 1),))
    assert st.headings[0].style in ("docx", "plain") and st.headings[0].level == 1


def test_signature_and_date_are_not_headings():
    raw = "2023年,某区坚持依法行政。\n专此报告。\n某某市某某区人民政府\n2024年1月15日\n"
    _, st = _parse(raw)
    assert st.headings == ()


def test_sentences_end_at_full_and_half_width_marks_and_line_breaks():
    raw = "开展执法检查12次；发现问题8个！整改完毕？是的\n第二行没有句号"
    text, st = _parse(raw)
    assert [text[s.start : s.end] for s in st.sentences] == [
        "开展执法检查12次;",
        "发现问题8个!",
        "整改完毕?",
        "是的",
        "第二行没有句号",
    ]


def test_sentence_keeps_closing_quote():
    text, st = _parse("组织开展“法治进万家。”活动后续。")
    assert text[st.sentences[0].start : st.sentences[0].end] == "组织开展“法治进万家。”"


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(
            "一、主要成效\n推行三项制度。\n"
            "二、存在的问题和不足\n执法力量薄弱。\n"
            "三、2024年工作打算\n（一）深化改革。全面推行综合执法。\n",
            {"推行三项制度。": BODY, "执法力量薄弱。": SHORTCOMINGS, "全面推行综合执法。": PLANS},
            id="shortcomings and plans headings",
        ),
        pytest.param(
            "一、主要做法\n（一）执法。开展检查20次。\n"
            "一年来工作取得一定成效,但仍存在执法人员素质参差不齐等问题。基层力量薄弱。\n"
            "下一步,我县将持续推进严格规范公正文明执法。\n"
            "（一）加强培训。组织轮训。\n"
            "二、其他情况\n开展普法活动10场。\n",
            {
                "开展检查20次。": BODY,
                "基层力量薄弱。": SHORTCOMINGS,
                "组织轮训。": PLANS,
                "加强培训。": PLANS,
                "开展普法活动10场。": BODY,
            },
            id="lead paragraphs open passages to the end of the chapter",
        ),
        pytest.param(
            "一、主要工作\n（一）深化复议改革\n全年办理行政复议案件120件。\n"
            "下一步,将进一步提升行政复议质效。\n"
            "（二）加强普法宣传\n全年开展普法活动36场。\n"
            "1.推进执法改革\n下一步,将推行综合执法。\n2.规范执法\n全年开展执法检查20次。\n",
            {
                "下一步,将进一步提升行政复议质效。": PLANS,
                "全年开展普法活动36场。": BODY,
                "下一步,将推行综合执法。": PLANS,
                "全年开展执法检查20次。": BODY,
            },
            id="a lead closing a subsection leaves the next subsection alone",
        ),
        pytest.param(
            "一、主要工作\n开展检查20次。\n二、存在的不足及下一步工作安排\n（一）统筹力度不够。有待加强。\n"
            "（二）决策质效不高。有待提高。\n下一步,我区将重点做好以下工作:\n"
            "（一）全面推进法治政府建设。加强统筹领导。\n（二）提高决策水平。严格决策程序。\n",
            {"加强统筹领导。": PLANS, "严格决策程序。": PLANS},
            id="a lead a new list follows leads that list",
        ),
        pytest.param(
            "一、做法\n开展检查20次。针对这些短板,我们将加强培训。组织学习。\n（二）复议。办理复议案件8件。\n",
            {"组织学习。": PLANS, "办理复议案件8件。": BODY},
            id="a lead inside a paragraph holds to its end",
        ),
        pytest.param(
            "一、主要工作\n开展检查20次。\n二、存在问题和工作打算\n基层执法力量不足。"
            "新的五年开局之年,我局将着力抓好以下工作:一是组建综合执法大队,二是完善衔接机制。\n",
            {
                "基层执法力量不足。": SHORTCOMINGS,
                "新的五年开局之年,我局将着力抓好以下工作:一是组建综合执法大队,二是完善衔接机制。": PLANS,
            },
            id="the next year's work announced after what frames it leads a plan",
        ),
        pytest.param(
            "一、主要工作\n开展检查20次。\n二、存在问题和工作打算\n基层执法力量不足。本局将重点做好以下几个方面工作:一是加强培训。\n",
            {"基层执法力量不足。": SHORTCOMINGS, "本局将重点做好以下几个方面工作:一是加强培训。": PLANS},
            id="…in a department's voice too",
        ),
    ],
)
def test_passages_of_headings_and_leads(raw, expected):
    kinds = _passages(raw)
    for sentence, kind in expected.items():
        assert kinds[sentence] == kind, sentence


def test_year_ahead_paragraph_is_a_plan():
    text, st = _parse("一、做法\n开展检查20次。\n2025年,我区将全面推行行政执法三项制度。\n")
    assert st.sentences[-1].passage == PLANS


def test_clauses_split_at_commas_and_enumeration_marks():
    text = "办理案件12件,其中罚款3件、警告9件:完毕"
    assert [text[s:e] for s, e in clauses(text, 0, len(text))] == ["办理案件12件", "其中罚款3件", "警告9件", "完毕"]


def test_line_numbers_and_section_lookup_from_spans():
    text, st = _parse("一、甲\n内容一。\n二、乙\n内容二。\n")
    offset = text.index("内容二")
    assert st.line_of(offset) == 4
    assert st.section_path(st.sentence_at(offset)) == "二、乙"


def test_a_part_numbered_before_a_year_is_a_heading_and_a_year_ahead_heading_opens_plans():
    raw = (
        "一、2023年推进法治政府建设的主要举措和成效\n全年办理行政复议案件86件。\n"
        "二、2024年推进法治政府建设的主要安排\n（一）深化行政执法体制改革。\n（二）开展规范性文件专项清理。\n"
    )
    text, st = _parse(raw)
    assert [(lvl, style) for lvl, style, _ in _titles(text, st)][:2] == [(1, "一、"), (1, "一、")]
    kinds = {text[s.start : s.end]: s.passage for s in st.sentences}
    assert kinds["全年办理行政复议案件86件。"] == BODY
    assert kinds["开展规范性文件专项清理。"] == PLANS
    # a decimal after a numeral is no heading marker
    assert not _parse("一.5倍的增长。\n")[1].headings


@pytest.mark.parametrize(
    "title, passage",
    [
        ("不足之处", SHORTCOMINGS),
        ("工作中的不足", SHORTCOMINGS),
        ("短板和不足", SHORTCOMINGS),
        ("困难和问题", SHORTCOMINGS),
        ("差距与不足", SHORTCOMINGS),
        ("努力方向", PLANS),
        ("下一步努力方向", PLANS),
        ("改进措施", PLANS),
        # a part whose work resolves difficulties is the body
        ("着力解决企业发展中的困难和问题", BODY),
    ],
)
def test_a_part_titled_by_another_name_for_its_shortcomings_or_plans(title, passage):
    kinds = _passages(f"一、主要工作\n开展检查20次。\n二、{title}\n基层执法力量仍然薄弱。\n")
    assert kinds["开展检查20次。"] == BODY
    assert kinds["基层执法力量仍然薄弱。"] == passage


@pytest.mark.parametrize("separator", ["，", ",", " ", "\u3000"])
def test_a_part_numbered_with_a_comma_or_a_space_for_its_mark_is_a_heading(separator):
    raw = f"一{separator}主要工作\n全年办理行政复议案件86件。\n二{separator}存在的问题\n基层执法力量仍然薄弱。\n"
    text, st = _parse(raw)
    assert [(lvl, style) for lvl, style, _ in _titles(text, st)] == [(1, "一、"), (1, "一、")]
    kinds = {text[s.start : s.end]: s.passage for s in st.sentences}
    assert kinds["全年办理行政复议案件86件。"] == BODY
    assert kinds["基层执法力量仍然薄弱。"] == SHORTCOMINGS
    # a numeral run (一,二级) or a count (一 年) after the mark opens no part
    assert not _parse("一,二级执法人员全部持证。\n")[1].headings


def test_items_run_into_the_opening_paragraph_are_the_body():
    # no numbered part and no 现将…报告如下: the year framed, then its work item by item in the same
    # paragraph; the items are the body (their clauses run on), the framing sentence the preamble
    raw = (
        "某局2023年法治政府建设情况报告\n"
        "2023年,我局坚持以习近平法治思想为指导,扎实推进法治政府建设。一是加强组织领导。"
        "局党组召开会议专题研究法治工作4次。二是强化学法用法。会前学法12次。\n"
    )
    text, st = _parse(raw)
    assert text[: st.preamble_end].endswith("扎实推进法治政府建设。")
    # a paragraph without items is the preamble whole, as before
    text, st = _parse(
        "某局2023年法治政府建设情况报告\n2023年,我局坚持以习近平法治思想为指导,扎实推进法治政府建设,一是抓学习。\n"
    )
    assert text[: st.preamble_end].endswith("一是抓学习。")


def test_parts_run_into_one_line_still_start_parts_and_end_the_preamble():
    # a page that lost its line breaks: the lead, the first part and its first sub-part in one line
    raw = (
        "某某县2023年法治政府建设情况报告\n"
        "2023年,我县坚持以习近平法治思想为指导,深入推进依法行政。现将有关情况报告如下:一、主要举措和成效"
        "(一)坚持党的领导。县政府常务会议专题研究法治政府建设4次。二、存在的不足。执法队伍力量薄弱。\n"
    )
    text, st = _parse(raw)
    assert [(h.style, text[h.title_start : h.end]) for h in st.headings][:2] == [
        ("一、", "主要举措和成效"),
        ("(一)", "坚持党的领导。"),
    ]
    # the preamble ends with the lead, not with its line: the parts after it are the body
    assert text[st.preamble_end - 3 : st.preamble_end] == "如下:"
    studied = next(s for s in st.sentences if "常务会议" in text[s.start : s.end])
    assert studied.start >= st.preamble_end
    weak = next(s for s in st.sentences if "薄弱" in text[s.start : s.end])
    assert weak.passage == SHORTCOMINGS


def test_points_numbered_in_digits_after_a_lead_or_a_sentence_start_lines_on_a_one_line_page():
    # a department's short report: its lead closed by a colon, its points numbered 1. 2.; a number
    # with a decimal point after a full stop (。2.5万件) is a number, no point
    raw = (
        "某某县应急管理局2025年法治政府建设工作总结\n"
        "2025年,我局坚持以习近平法治思想为指导,全面推进依法行政。一年来主要做了以下工作:"
        "1.压紧压实法治建设责任。局党组专题研究法治建设4次。落实督察反馈意见,整改问题3个。"
        "2.规范涉企行政检查。全年检查企业120家次。2.5万件信息全部公示。\n"
    )
    text, st = _parse(raw)
    assert [text[h.title_start : h.end] for h in st.headings] == ["压紧压实法治建设责任。", "规范涉企行政检查。"]
    fixed = next(s for s in st.sentences if "整改问题" in text[s.start : s.end])
    assert text[st.sections[fixed.section].heading.title_start : st.sections[fixed.section].heading.end] == (
        "压紧压实法治建设责任。"
    )


def test_the_next_part_of_a_one_line_page_starts_a_line_wherever_its_number_stands():
    # a part's last sentence left unfinished, with or without a comma, runs into the next part's
    # number: the parts follow in sequence from 一、, so 二、 and 三、 start parts there; a run of
    # numerals (第二、三批, 二、三产业) starts none, nor one out of sequence (四、 after 二、)
    raw = (
        "某某县2023年法治政府建设情况报告\n"
        "2023年,我县坚持以习近平法治思想为指导,深入推进依法行政。现将有关情况报告如下:"
        "一、严格行政执法" + "全年办理行政复议案件12件,审结11件。" * 12 + "开展第二、三批执法检查,推动二、三产业融合,"
        "执法监测平台全部接入二、完善应急预案体系修订应急预案12部,较上年增加四、五部,"
        "(二)强化应急演练开展演练8场,(三)加强队伍建设组建救援队3支。"
        "三、存在的问题一是执法力量不足。\n"
    )
    text, st = _parse(raw)
    assert [text[h.start : h.start + 2] for h in st.headings if h.level == 1] == ["一、", "二、", "三、"]
    # (a title run into its first item, 一是…, ends there, as after a full stop)
    # (a sub-part after a comma starts a line too: (二)…,(三)…)
    assert [text[h.start : h.start + 3] for h in st.headings if h.level == 2] == ["(二)", "(三)"]
    last_part = [h for h in st.headings if h.level == 1][-1]
    assert text[last_part.title_start : last_part.end] == "存在的问题"
    weak = next(s for s in st.sentences if "执法力量不足" in text[s.start : s.end])
    assert weak.passage == SHORTCOMINGS


def test_the_next_sub_part_of_a_one_line_page_starts_a_line_wherever_its_number_stands():
    # a part whose title opens with its year; its sub-parts in sequence from (一), the next one
    # straight after a sentence the page cut (…对发现的问题逐一(三)加强…); an item of a law
    # (第(四)项) is none
    raw = (
        "某某县2023年法治政府建设情况报告\n"
        "2023年,我县坚持以习近平法治思想为指导,深入推进依法行政。现将有关情况报告如下:"
        "一、2023年主要工作及成效(一)推进执法改革。"
        + "全年办理行政复议案件12件,审结11件。"
        * 12
        + "(二)规范执法行为。评查案卷196卷,依照第(四)项规定处理,对发现的问题逐一(三)加强重点领域执法。"
        "查处案件27件。二、2024年工作打算2024年,我县将继续深化改革。\n"
    )
    text, st = _parse(raw)
    assert [text[h.start : h.end].split("。")[0] for h in st.headings] == [
        "一、2023年主要工作及成效",
        "(一)推进执法改革",
        "(二)规范执法行为",
        "(三)加强重点领域执法",
        "二、2024年工作打算",
    ]


def test_a_page_that_left_a_space_for_each_lost_break_keeps_its_parts_and_its_closing_block():
    # a part after a sentence cut at a comma, a title with no full stop, the signature and the date
    # run into the last sentence: each starts a line of its own, as laid out
    raw = (
        "某某县2023年法治政府建设情况报告 2023年,我县坚持以习近平法治思想为指导,深入推进依法行政。"
        + "全年办理行政复议案件12件,审结11件。" * 12
        + "召开新闻发布会14场, 二、存在的问题 执法队伍力量薄弱。三、2024年工作打算 2024年,我县将继续深化"
        "行政执法体制改革。某某县人民政府 2024年3月18日\n"
    )
    text, st = _parse(raw)
    titles = [(h.style, text[h.title_start : h.end].strip()) for h in st.headings]
    assert ("一、", "存在的问题") in titles and ("一、", "2024年工作打算") in titles
    weak = next(s for s in st.sentences if "薄弱" in text[s.start : s.end])
    assert weak.passage == SHORTCOMINGS
    closing = [text[s.start : s.end] for s in st.sentences if s.section == -1 and s.start > weak.start]
    assert closing == ["某某县人民政府", "2024年3月18日"]
    # …or the date alone
    text, st = _parse(raw.replace("某某县人民政府 ", ""))
    assert [text[s.start : s.end] for s in st.sentences if s.section == -1 and s.start > weak.start] == [
        "2024年3月18日"
    ]
    # a numbered point after such a space or a full stop starts a line too, but a number with a
    # decimal point is a number (2.5天)
    point = (
        "全年办理行政复议案件12件,审结11件。" * 12
        + "2.涉企服务精准高效。 走访企业420家。 3.审批提速。全年压减时限2.5天。"
    )
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、主要工作 " + point + "\n")
    titles = [text[h.title_start : h.end] for h in st.headings]
    assert titles == ["主要工作", "涉企服务精准高效。", "审批提速。"]
    # a space inside a sentence before no marker starts nothing
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、主要工作\n重点抓好三件事 一是学法,二是普法。\n")
    assert [text[h.title_start : h.end] for h in st.headings] == ["主要工作"]


def test_a_list_after_a_colon_inside_a_sentence_is_left_alone():
    # 一是 and numerals inside a clause are no parts; only a marker after a sentence's end or colon is
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、主要工作\n重点抓好三件事,一是学法,二是普法,三是用法。\n")
    assert [text[h.title_start : h.end] for h in st.headings] == ["主要工作"]


def test_a_title_run_into_a_long_line_ends_a_line_of_its_own():
    # a page whose every line break was lost: the title, the page's fields, then the opening
    body = "2023年,我县坚持以习近平法治思想为指导,全面推进依法行政。" * 12
    text, st = _parse("某某县2023年法治政府建设情况报告发布时间:2024-02-01 来源:县司法局 字号:大 中 小" + body)
    assert text[slice(*st.paragraphs[0])] == "某某县2023年法治政府建设情况报告"
    # …and the page's fields after it, which run into the opening, are a line of their own too
    assert text[slice(*st.paragraphs[1])] == "发布时间:2024-02-01 来源:县司法局 字号:大 中 小"
    assert text[slice(*st.paragraphs[2])].startswith("2023年,我县坚持")
    # …a date may stand first among the fields (2024-02-01 15:20 来源:…)
    text, st = _parse("某某县2023年法治政府建设情况报告2024-02-01 15:20 来源:县司法局" + body)
    assert [text[slice(*p)] for p in st.paragraphs[:2]] == [
        "某某县2023年法治政府建设情况报告",
        "2024-02-01 15:20 来源:县司法局",
    ]
    # a title on its own line, or a short line that only mentions a report, is left as it is
    text, st = _parse("某某县2023年法治政府建设情况报告\n" + body)
    assert text[slice(*st.paragraphs[0])] == "某某县2023年法治政府建设情况报告"
    text, st = _parse("现将2023年度法治政府建设情况报告如下:" + body)
    assert len(st.paragraphs) == 1


def test_a_page_on_one_line_opens_its_closing_passages_and_other_parts_where_they_begin():
    # every line break lost: the closing shortcomings and next-year paragraphs run on after the body
    body = "县政府常务会议专题研究法治政府建设4次,审查规范性文件12件。" * 40
    closing = "但仍存在执法队伍力量薄弱等差距和不足。2024年,我县将持续深化综合行政执法改革。一是完善执法协调机制。"
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、主要工作" + body + closing)
    plans = [s for s in st.sentences if s.passage == PLANS]
    assert text[plans[0].start : plans[0].end].startswith("2024年,我县将")
    assert all(s.passage_from == "lead" for s in plans)  # a passage, not a plan sentence in a body paragraph
    weak = [s for s in st.sentences if s.passage == SHORTCOMINGS]
    assert weak and all(s.passage_from == "lead" for s in weak)
    # the same sentences in a paragraph of ordinary length stay in their paragraph
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、主要工作\n" + body[:200] + closing)
    assert {s.passage_from for s in st.sentences if s.passage == PLANS} == {"inline"}


def test_a_lead_that_announces_its_list_opens_its_passage_wherever_it_stands():
    # a short page that lost its breaks: its closing leads stand inside one paragraph, each
    # announcing the list it leads (存在问题:一是… / 2024年,我局将重点做好以下工作:一是…)
    text, st = _parse(
        "一、主要工作\n（一）执法。全年查处案件126起。存在问题:一是基层执法力量薄弱;二是培训不够。"
        "2024年,我局将重点做好以下工作:一是推动执法重心下移;二是加强培训。"
    )
    weak = [s for s in st.sentences if s.passage == SHORTCOMINGS]
    plans = [s for s in st.sentences if s.passage == PLANS]
    assert text[weak[0].start : weak[0].end].startswith("存在问题:一是")
    assert text[plans[0].start : plans[0].end].startswith("2024年,我局将")
    assert {s.passage_from for s in weak + plans} == {"lead"}
    # a lead with no list after it stays the paragraph's own (…但仍存在差距。下一步,将加强培训。)
    text, st = _parse("一、主要工作\n（一）执法。全年查处案件126起,但仍存在一些差距。下一步,将加强培训。")
    assert {s.passage_from for s in st.sentences if s.passage != BODY} == {"inline"}


def test_parts_of_other_styles_and_titles_run_into_an_item_or_a_year_start_lines_on_a_one_line_page():
    raw = (
        "某某市2023年法治政府建设情况报告\n"
        "第一部分 主要工作全年审查规范性文件12件。第二部分 存在的不足执法力量薄弱。"
        "六、2024年工作打算一是深化执法改革。第三部分 工作思路2024年,我市将持续推进依法行政。"
    )
    text, st = _parse(raw)
    # (a part's title with no end of its own runs on to its first sentence's end, as on its own line)
    assert [text[h.title_start : h.end] for h in st.headings] == [
        "主要工作全年审查规范性文件12件。",
        "存在的不足执法力量薄弱。",
        "2024年工作打算",
        "深化执法改革。",  # 一是 opening a line is a heading, as it is on a page with its line breaks
        "工作思路",
    ]
    assert next(s for s in st.sentences if text[s.start : s.end].startswith("2024年,我市将")).passage == PLANS


def test_a_title_after_the_pages_fields_on_a_one_line_page_is_a_line_of_its_own():
    body = "2022年,市教育局坚持以习近平法治思想为指导,全面推进依法治教。" * 10
    fields = (  # a page's field block, longer than any title
        "索  引  号: 116204000139114443/2023-133487 生成日期: 2023-04-01文  号: "
        "关键字: 教育,法治,工作,依法,建设所属机构: 市教育局 发布机构:"
    )
    raw = fields + "某某市教育局关于2022年度法治政府建设工作情况的报告信息来源:市教育局" + body
    text, st = _parse(raw)
    assert "某某市教育局关于2022年度法治政府建设工作情况的报告" in [text[s:e] for s, e in st.paragraphs]
    # deep in a long line, a report named after a colon is the text's own words, not a title
    text, st = _parse(body * 2 + "市司法局:关于2022年度法治政府建设情况报告2023年将报送。")
    assert len(st.paragraphs) == 1


@pytest.mark.parametrize(
    "raw, title",
    [
        # the title's date in brackets after it is no part of the title nor of the opening
        (
            "某某县人民政府关于2023年法治政府建设情况的报告(2024年3月5日)",
            "某某县人民政府关于2023年法治政府建设情况的报告",
        ),
        ("某某县司法局关于2023年法治政府建设情况的报告(2024-03-01)", "某某县司法局关于2023年法治政府建设情况的报告"),
        # a breadcrumb before the title, or after it, is no part of the title
        ("首页 > 政务公开 > 年度报告某某县2023年法治政府建设情况报告", "年度报告某某县2023年法治政府建设情况报告"),
        ("某某县2023年法治政府建设情况报告当前位置:首页 > 政务公开 > 正文", "某某县2023年法治政府建设情况报告"),
        # the addressee after it is a line of its own
        ("某某县教育局2023年法治政府建设工作情况报告县委、县政府:", "某某县教育局2023年法治政府建设工作情况报告"),
        # the site's name a page puts before the date is a page field
        (
            "某某县教育局2023年法治政府建设年度报告 某某市人民政府网 2024-03-18 来源:县教育局",
            "某某县教育局2023年法治政府建设年度报告",
        ),
    ],
)
def test_a_title_on_a_one_line_page_ends_before_its_date_or_breadcrumb(raw, title):
    body = "2023年,我县坚持以习近平法治思想为指导,全面推进依法行政。" * 12
    text, st = _parse(raw + body)
    lines = [text[s:e] for s, e in st.paragraphs]
    assert title in lines
    assert any(line.startswith("2023年,我县坚持") for line in lines)


@pytest.mark.parametrize(
    "run_in, title",
    [
        # a lost line break ran the paragraph's first sentence into its part's title: the sentence
        # starts where its subject does (the government, a party group, a leader) or its time
        (
            "(二)发挥行政复议主渠道作用,推动行政争议实质性化解市人民政府全年新收行政复议申请326件,审结301件。",
            "发挥行政复议主渠道作用,推动行政争议实质性化解",
        ),
        (
            "一、加强组织领导,落实法治建设主体责任局党组高度重视法治建设,全年召开党组会议专题研究法治工作3次,部署重点任务20项。",
            "加强组织领导,落实法治建设主体责任",
        ),
        (
            "(一)加强统筹谋划,压实法治政府建设工作责任县长主持召开县政府常务会议专题研究法治政府建设工作4次,听取专题汇报2次。",
            "加强统筹谋划,压实法治政府建设工作责任",
        ),
        (
            "(三)以合法性审核为关键,推进依法科学民主决策  全年审核县政府规范性文件12件、合同协议46份。",
            "以合法性审核为关键,推进依法科学民主决策",
        ),
        # …or where its manner does, after the title's second clause, however short the sentence
        # (the title's own manner word and verb, 持续优化, end it)
        (
            "(二)深化审批制度改革,营造良好发展环境深入推进“证照分离”改革,压减时限60%。",
            "深化审批制度改革,营造良好发展环境",
        ),
        (
            "(二)深化审批制度改革,发展环境持续优化全面推行告知承诺制,惠及企业1200家。",
            "深化审批制度改革,发展环境持续优化",
        ),
        (
            "二、深化簡政放權,加快轉變政府職能全面實行權責清單制度,動態調整權責事項四百餘項,"
            "梳理公佈證明事項清單,實現企業開辦一日辦結、不動產登記三個工作日辦結。",
            "深化简政放权,加快转变政府职能",
        ),
        ("二、制度体系不断健全严格执行文件审核机制,全年审核文件5件。", "制度体系不断健全"),
        # …or with the basis it was done on (根据…部署, 按照…要求)
        ("二、规范商务领域行政执法根据全区执法改革部署,划转处罚事项37项。", "规范商务领域行政执法"),
        # …or with what it opens doing (制定, 出台, 落实)
        (
            "二、深化改革创新,持续优化发展环境制定出台《服务发展十条措施》,惠及企业300家。",
            "深化改革创新,持续优化发展环境",
        ),
        ("三、推进普法宣传落实“谁执法谁普法”普法责任制,开展活动20场。", "推进普法宣传"),
        ("(三)压实法治建设责任调整法治建设领导小组,由局长任组长。", "压实法治建设责任"),
        # (健全, 完善, 建立: though right after a manner word the verb is the title's own, 不断健全)
        (
            "二、健全监督机制,强化制约监督健全领导干部学法机制,法律顾问覆盖率达到85%,参与重大决策40多次。",
            "健全监督机制,强化制约监督",
        ),
        ("(四)规范公正文明执法,强化执法监督完善执法案卷评查制度,评查案卷120卷。", "规范公正文明执法,强化执法监督"),
        ("(二)加强队伍建设,提升法治能力建立新任职干部法律知识考试制度,组织考试3场。", "加强队伍建设,提升法治能力"),
        ("(三)推进依法决策,决策机制持续完善严格执行重大行政决策程序,审议事项12件。", "推进依法决策,决策机制持续完善"),
        (
            "(一)以法治思想为引领,强化党对法治建设的领导坚持把学习法治思想作为首要任务,集中学习26次。",
            "以法治思想为引领,强化党对法治建设的领导",
        ),
        # (an act the subject follows at once is the title's last word, 责任落实)
        (
            "一、加强组织领导,强化法治政府建设责任落实县政府主要领导切实履行第一责任人职责,主持召开常务会议4次。",
            "加强组织领导,强化法治政府建设责任落实",
        ),
        # a title with its line break is not cut, nor where what runs on reads as no sentence (a
        # title's own phrase, 严格规范公正文明执法, holds no other clause and no count)
        ("(二)深化审批制度改革,加快转变政府职能", "深化审批制度改革,加快转变政府职能"),
        ("(三)深化执法体制改革,全面推进严格规范公正文明执法", "深化执法体制改革,全面推进严格规范公正文明执法"),
        ("(三)全面推进严格规范公正文明执法。", "全面推进严格规范公正文明执法。"),
        # nor where a manner word goes on with its phrase, after a time word or a verb whose object it
        # modifies (年度动态调整, 实行动态管理, 开展全面排查): a numbered sentence with no title
        ("(三)部门权责清单完成年度动态调整,调整事项21项。", "部门权责清单完成年度动态调整,调整事项21项。"),
        ("(二)证明事项清单实行动态管理,保留事项9项。", "证明事项清单实行动态管理,保留事项9项。"),
        ("(四)执法案卷开展全面评查,评查案卷85卷。", "执法案卷开展全面评查,评查案卷85卷。"),
        # nor at a manner word or act its clause ends with: the title's phrase's own last word
        # and its verb (强化责任落实, 坚持学用结合, 事项动态调整), not a sentence's first
        ("(一)压实主体责任落实,法治建设合力不断增强", "压实主体责任落实,法治建设合力不断增强"),
        ("二、坚持学用结合,提升执法人员法治素养", "坚持学用结合,提升执法人员法治素养"),
        ("1.完成全局权责事项动态调整,保留事项128项。", "完成全局权责事项动态调整,保留事项128项。"),
        ("(二)聚焦政策落实,依法保障群众合法权益", "聚焦政策落实,依法保障群众合法权益"),
        # nor where a PDF or a typist spaced a number from its measure word (…17 项): no lost break
        ("(三)部门权责清单完成年度动态调整,调整事项17 项。", "部门权责清单完成年度动态调整,调整事项17 项。"),
    ],
)
def test_a_sentence_run_into_a_long_title_starts_where_its_subject_does(run_in, title):
    text, st = _parse("某某县2023年法治政府建设情况报告\n" + run_in + "\n")
    heading = st.headings[-1]
    assert text[heading.title_start : heading.end].strip() == title


def test_a_title_ends_where_an_indent_shows_the_line_break_a_page_lost():
    """An indent inside a line of Chinese is the paragraph break a page lost after an unpunctuated
    title ((一)深化…营商环境　　1.推进…): the title ends there, however short; a space a title holds
    before its first words is no break."""
    line = "(一)深化“放管服”改革,优化营商环境　　推进审批提速增效,全年办理事项58件。"
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、主要工作\n" + line + "\n")
    heading = st.headings[-1]
    assert text[heading.title_start : heading.end] == "深化“放管服”改革,优化营商环境"
    assert "推进审批提速增效,全年办理事项58件。" in [text[s.start : s.end] for s in st.sentences if not s.is_heading]
    # (a numbered point after the indent starts a line of its own, as it would below the title)
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、主要工作\n(一)深化改革　　1.推进审批提速增效。\n")
    assert text[st.headings[-1].title_start : st.headings[-1].end] == "推进审批提速增效。"
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、 主要工作\n全年审查规范性文件12件。\n")
    assert text[st.headings[0].title_start : st.headings[0].end].strip() == "主要工作"


def test_a_title_of_ordinary_length_and_a_list_items_lead_keep_their_words():
    # a title within the length of titles is not cut where a body is named in it
    text, st = _parse(
        "某某县2023年法治政府建设情况报告\n一、县政府全面履行法治政府建设职责\n全年审查规范性文件12件。\n"
    )
    assert text[st.headings[0].title_start : st.headings[0].end] == "县政府全面履行法治政府建设职责"
    # a list item's lead is a sentence of its own, however long, that names its subject where it will
    item = "一是调整充实局法治政府建设工作领导小组,明确政策法规科为牵头科室,局党组书记任组长,形成齐抓共管的工作格局。"
    text, st = _parse("某某县2023年法治政府建设情况报告\n一、主要工作\n" + item + "\n")
    lead = next(h for h in st.headings if h.is_list_item)
    assert text[lead.title_start : lead.end] == item[2:]
