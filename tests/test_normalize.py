import pytest

from scorer.normalize import normalize


def test_length_and_offsets_are_preserved():
    raw = "２０２３年，某县行政机关负责人出庭应诉率达１００％；\u3000调解成功率９８.５％。"
    n = normalize(raw)
    assert len(n.text) == len(raw)
    assert n.text.startswith("2023年,某县")
    i = n.text.index("100%")
    assert raw[i : i + 4] == "１００％"


def test_traditional_characters_match_as_simplified_but_original_is_kept():
    raw = "本縣推行行政執法「三項制度」，組織執法人員培訓３次。"
    n = normalize(raw)
    assert "行政执法" in n.text and "三项制度" in n.text and "组织执法人员培训3次" in n.text
    assert n.converted_traditional >= 5
    i = n.text.index("行政执法")
    assert raw[i : i + 4] == "行政執法"


def test_traditional_characters_are_counted_exactly_whatever_else_changes():
    # 縣 執 項 組 織 執 員 訓: eight (執 twice); full-width digits, the comma and 「」 are not traditional
    assert normalize("本縣推行行政執法「三項制度」，組織執法人員培訓３次。").converted_traditional == 8
    # only full-width forms changed: nothing traditional
    assert normalize("全年办理案件１２件，办结率１００％。").converted_traditional == 0
    # traditional characters in text with nothing else to change
    assert normalize("國務院辦公廳").converted_traditional == 4  # 國 務 辦 廳; 院 and 公 are the same


def test_hong_kong_variants_of_traditional_characters_read_as_simplified():
    # a page converted to Hong Kong forms writes 衞 for 衛: 卫生健康 must still match
    n = normalize("市衞生健康委員會敍述了衞生監督工作")
    assert n.text == "市卫生健康委员会叙述了卫生监督工作"
    assert n.converted_traditional == 6  # 衞 員 會 敍 衞 監
    # simplified characters the variant dictionary also lists are left alone (抬 is not 擡)
    plain = "抬头看路,哄抬物价,了解情况,实现全覆盖,取得显著成效"
    assert normalize(plain).text == plain


def test_traditional_phrases_a_character_table_gets_wrong_read_as_phrases():
    # 覆 is simplified too (全覆盖), so 答覆 needs its phrase; 乾 is 干 except in names (乾縣)
    raw = "本縣全年答覆人大代表建議42件,回覆率100%,藉助平台實現全覆蓋。乾縣人民政府"
    n = normalize(raw)
    assert n.text == "本县全年答复人大代表建议42件,回复率100%,借助平台实现全覆盖。乾县人民政府"
    assert len(n.text) == len(raw)
    # a simplified text is left as it is, 覆 and all
    plain = "实现全覆盖,全年答复群众来信12件"
    assert normalize(plain).text == plain


def test_simplified_text_is_unchanged_apart_from_width():
    raw = "2024年,某区坚持以习近平法治思想为指导,全面推进依法行政。"
    assert normalize(raw).text == raw
    assert normalize(raw).converted_traditional == 0


def test_page_chrome_lines_are_blanked_and_recorded():
    raw = (
        "当前位置：首页 > 政务公开 > 法治政府建设\n"
        "发布时间：2024-03-28  来源：某某区司法局\n"
        "某某区2023年法治政府建设情况报告\n"
        "一、主要举措\n"
        "主办：某某区人民政府办公室  电话：0571-12345678\n"
        "网站标识码：3301000001  浙ICP备12345678号  网站地图\n"
        "- 3 -\n"
        "索引号：11330100/2024-00123  发布机构：某某区人民政府办公室  发布日期：2024-03-28\n"
    )
    n = normalize(raw)
    assert len(n.text) == len(raw)
    assert "当前位置" not in n.text and "ICP" not in n.text and "主办" not in n.text and "来源" not in n.text
    assert "索引号" not in n.text and "发布机构" not in n.text
    assert "某某区2023年法治政府建设情况报告" in n.text and "一、主要举措" in n.text
    assert len(n.chrome) == 6


def test_a_pages_field_lines_are_chrome_however_they_are_bracketed():
    raw = (
        "【发布单位：市人社局】【发布时间：2026-02-10】【字体：大 中 小】\n"
        "发布时间：2023-03-10   字体：[大][中][小]\n"
        "2022年，市林业局在市委、市政府的坚强领导下，全面推进依法治林。\n"
    )
    chrome = [raw[s:e] for s, e in normalize(raw).chrome]
    assert chrome == raw.splitlines()[:2]


def test_sentences_that_mention_sources_are_not_chrome():
    raw = "全年办理来源于12345热线的投诉1,200件,其中主办单位按期办结率100%。"
    assert normalize(raw).text == raw


def test_straight_and_corner_quotes_read_as_the_rubrics_quotes():
    text = '依托"蒙速办"平台,推行「一网通办」和『掌上办』。'
    n = normalize(text)
    assert len(n.text) == len(text)
    assert n.text == "依托“蒙速办”平台,推行“一网通办”和“掌上办”。"


@pytest.mark.parametrize(
    "typed, read",
    [
        ("学习“中华人民共和国行政复议法”", "学习《中华人民共和国行政复议法》"),
        ('印发"2024年法治政府建设工作要点"', "印发《2024年法治政府建设工作要点》"),
        ("邀请法官作“未成年人保护法”专题讲座", "邀请法官作《未成年人保护法》专题讲座"),
        ("执行“浙江省应急管理行政处罚裁量基准”", "执行《浙江省应急管理行政处罚裁量基准》"),
        ("修订“城市供水管理办法(试行)”", "修订《城市供水管理办法(试行)》"),
        # the outer marks typed as the inner ones, where nothing holds them
        ("印发〈2024年法治政府建设工作要点〉", "印发《2024年法治政府建设工作要点》"),
        ("认真落实<法治政府建设实施纲要>", "认真落实《法治政府建设实施纲要》"),
        ("推行‘一网通办’", "推行“一网通办”"),
    ],
)
def test_a_title_typed_in_quotes_or_inner_marks_reads_as_a_title(typed, read):
    assert normalize(typed).text == read


@pytest.mark.parametrize(
    "text",
    [
        "落实“谁执法谁普法”普法责任制",  # a slogan ending in 法
        "开展“学宪法讲宪法”活动",
        "推广“六尺巷调解工作法”",  # a way of working
        "落实“一规划两方案”",  # a formula counting its parts
        "实行“全国一张清单”管理",
        "推行“一网通办”",
        "落实“三项制度”",
        "开展“办事依法、遇事找法”宣传",  # a list of slogans
        # nested marks keep theirs; a comparison is no title
        "印发《关于印发〈工作要点〉的通知》",
        "提出“推行‘一网通办’”的要求",
        "投诉率<1%,满意度>95%",
    ],
)
def test_a_slogan_a_name_or_a_nested_mark_stays_as_typed(text):
    assert normalize(text).text == text


def test_a_straight_quote_without_its_pair_on_the_line_is_left_alone():
    text = '屏幕尺寸为55"。\n另起一行"未闭合'
    assert normalize(text).text == text


def test_a_pages_neighbour_links_editor_line_and_link_lines_are_chrome():
    raw = (
        "一、主要工作\n"
        "上一篇:关于印发2024年工作要点的通知\n"
        "责任编辑:王某\n"
        "相关链接:中国政府网 | 省人民政府网\n"
        "【打印】【关闭】\n"
        "澳门娱乐官方网站 www.example-casino.com 注册即送\n"
        "全年办理行政复议案件12件,登录www.example.gov.cn可查询办理结果。\n"
    )
    chrome = [raw[s:e] for s, e in normalize(raw).chrome]
    assert len(chrome) == 5 and all("行政复议" not in line for line in chrome)


def test_the_titles_listed_under_a_pages_related_articles_are_chrome_up_to_the_next_prose():
    raw = (
        "全年办理行政复议案件12件。\n"
        "相关文章：\n"
        "某某县开展普法宣传进社区活动\n"
        "\n"
        "某某县召开突发事件应急预案修订工作会议\n"
        "2024年，全县普法宣传活动覆盖群众8万人次。\n"
        "推荐阅读\n"
        "二、存在的不足\n"
    )
    chrome = [raw[s:e] for s, e in normalize(raw).chrome]
    titles = ["某某县开展普法宣传进社区活动", "", "某某县召开突发事件应急预案修订工作会议"]
    assert chrome == ["相关文章：", *titles, "推荐阅读"]
    # a link line with its links on it (相关链接:中国政府网) heads no list: the next line is the report's
    assert normalize("相关链接:中国政府网\n全面推行行政执法公示制度\n").text.endswith("全面推行行政执法公示制度\n")


def test_markdown_marks_of_a_heading_line_are_blanked_and_nothing_else():
    raw = "## 一、加强组织领导\n**二、存在的不足**\n全年办理**12件**案件。\n#法治政府# 话题标签\n"
    text = normalize(raw).text
    assert len(text) == len(raw)
    assert text.split("\n")[:2] == ["   一、加强组织领导", "  二、存在的不足  "]
    # bold inside a sentence and a hashtag are the sentence's own characters
    assert text.split("\n")[2:4] == ["全年办理**12件**案件。", "#法治政府# 话题标签"]


def test_a_full_stop_typed_as_ascii_or_full_width_ends_a_sentence():
    text = "全年办理行政复议案件126件.纠错率8.6%.\n依法推进“放管服”改革．2.加强事中事后监管.”"
    expected = "全年办理行政复议案件126件。纠错率8.6%。\n依法推进“放管服”改革。2.加强事中事后监管。”"
    assert normalize(text).text == expected


def test_a_decimal_point_a_list_number_and_a_web_address_keep_their_dot():
    kept = (
        "出庭应诉率达99.3%",
        "1.强化学习教育",
        "二.主要举措",
        "  十一.下一步工作安排",
        "全年在www.gov.cn公开信息120条。",
        "No.1号文件",
        "3.5万册",
    )
    for text in kept:
        assert normalize(text).text == text


def test_page_numbers_in_the_official_documents_form_are_chrome():
    for line in ("— 2 —", "－3－", "- 12 -", "第 2 页 共 5 页", "2/5", "Page 3 of 9"):
        normalized = normalize(f"全年办理案件12件。\n{line}\n纠错率8.6%。")
        assert normalized.chrome == ((11, 11 + len(line)),), line
    # a year on a line of its own is no page number
    assert normalize("全年办理案件12件。\n2024\n").chrome == ()
