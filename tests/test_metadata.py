"""Report metadata: region, level, year, issuer and date from openings and closings.

The examples are checked against their gold labels; the invented reports below use regions,
openings and closings that none of the examples has, so that nothing here passes by matching
the three seeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scorer.metadata import Metadata, detect_metadata
from scorer.metadata.gazetteer import load_gazetteer
from scorer.normalize import normalize
from scorer.result import NO_REGION, NO_YEAR, YEAR_FROM_DATE, ambiguous_region, former_name
from scorer.structure import parse

ROOT = Path(__file__).resolve().parent.parent


def meta_of(raw: str) -> Metadata:
    text = normalize(raw).text
    return detect_metadata(text, parse(text))


# A body with nothing in it that names a place or a year, so each case's opening and closing decide.
BODY = """一、加强党的领导
(一)深化理论学习。严格落实“第一议题”制度,常务会议学法12次,组织法治专题讲座3场。
(二)压实责任。主要负责人认真履行推进法治建设第一责任人职责,年终述职述法全覆盖。
二、依法全面履行政府职能
(一)深化“放管服”改革。政务服务事项网上可办率达98%,“一件事一次办”事项拓展至40项。
(二)严格规范公正文明执法。全面落实行政执法“三项制度”,评查行政执法案卷120卷。
三、存在的不足
法治政府建设统筹力度有待加强,基层执法队伍专业化水平仍需提升。
四、下一步工作安排
下一步,将持续深化依法行政,推动法治政府建设再上新台阶。
"""


# --- the three examples against their gold labels ------------------------------------------------

EXPECTED = {
    "baoan_2023": dict(
        region="宝安区", region_full="广东省深圳市宝安区", issuer="深圳市宝安区人民政府", date="2023-12-20"
    ),
    # the text never names 河南: the gazetteer knows where 新乡市获嘉县 is; it names no issuer,
    # so its government is the inferred one (as is 开州区's, with its city's name)
    "huojia_2024": dict(region="获嘉县", region_full="河南省新乡市获嘉县", issuer="获嘉县人民政府", date="2024-12-31"),
    "kaizhou_2024": dict(region="开州区", region_full="重庆市开州区", issuer="重庆市开州区人民政府", date=None),
}
INFERRED_ISSUER = {"huojia_2024", "kaizhou_2024"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_match_gold(name):
    gold = yaml.safe_load((ROOT / "tests" / "gold" / f"{name}.yaml").read_text(encoding="utf-8"))
    meta = meta_of((ROOT / "examples" / f"{name}.txt").read_text(encoding="utf-8"))
    expected = EXPECTED[name]
    assert meta.region == expected["region"]
    assert meta.region_full == expected["region_full"]
    assert gold["region"].endswith(meta.region_full)
    assert meta.year == gold["year"]
    assert meta.level == gold["level"]
    assert meta.issuer == expected["issuer"]
    assert meta.date == expected["date"]
    assert [w.code for w in meta.warnings] == (["issuer-inferred"] if name in INFERRED_ISSUER else [])


# --- invented openings and closings --------------------------------------------------------------


def test_district_title_with_government_and_chain_signature():
    meta = meta_of(
        "杭州市余杭区人民政府关于2023年度法治政府建设工作情况的报告\n"
        "2023年,余杭区坚持以习近平法治思想为指导,认真落实浙江省委、杭州市委决策部署,全区法治政府建设取得新成效。\n"
        + BODY
        + "杭州市余杭区人民政府\n2024年1月25日\n"
    )
    assert (meta.region, meta.region_full, meta.level) == ("余杭区", "浙江省杭州市余杭区", "district")
    assert (meta.year, meta.issuer, meta.date) == (2023, "杭州市余杭区人民政府", "2024-01-25")


def test_banner_straight_into_body_with_policy_of_city_and_autonomous_region():
    meta = meta_of(
        "2023年,鄂托克旗深入贯彻《内蒙古自治区法治政府建设实施方案》和《鄂尔多斯市法治政府建设实施方案》,"
        "认真落实自治区党委和市委、市政府部署,全旗法治政府建设迈出坚实步伐。\n" + BODY + "鄂托克旗人民政府\n2024.2.5\n"
    )
    assert (meta.region, meta.level) == ("鄂托克旗", "county")
    assert meta.region_full == "内蒙古自治区鄂尔多斯市鄂托克旗"
    assert (meta.year, meta.issuer, meta.date) == (2023, "鄂托克旗人民政府", "2024-02-05")


def test_county_level_city_with_towns_and_no_districts():
    meta = meta_of(
        "赤水市2023年法治政府建设情况报告\n"
        "2023年,赤水市在贵州省委、省政府的坚强领导下,推动全市17个乡镇(街道)综合行政执法改革落地见效。\n" + BODY
    )
    assert (meta.region, meta.level, meta.year) == ("赤水市", "county", 2023)
    assert meta.region_full == "贵州省遵义市赤水市"
    assert meta.date is None
    assert meta.issuer == "赤水市人民政府"  # named nowhere: its government's, said to be inferred
    assert "赤水市人民政府" in next(w.message for w in meta.warnings if w.code == "issuer-inferred")


def test_county_level_city_addressed_to_its_city():
    meta = meta_of(
        "金华市人民政府、中共义乌市委、义乌市人民代表大会常务委员会:\n"
        "2023年以来,义乌市坚持以习近平新时代中国特色社会主义思想为指导,各镇街法治建设全面推进。现将有关情况报告如下:\n"
        + BODY
        + "义乌市人民政府\n2024-01-15\n"
    )
    assert (meta.region, meta.region_full, meta.level) == ("义乌市", "浙江省金华市义乌市", "county")
    assert (meta.year, meta.issuer, meta.date) == (2023, "义乌市人民政府", "2024-01-15")


def test_autonomous_prefecture_by_short_and_full_name():
    meta = meta_of(
        "黔东南州2023年法治政府建设工作报告\n"
        "2023年,黔东南州认真贯彻贵州省委、省政府部署,指导全州各县(市)扎实推进法治政府建设。\n"
        + BODY
        + "黔东南苗族侗族自治州人民政府\n2024年3月15日\n"
    )
    assert (meta.region, meta.level) == ("黔东南苗族侗族自治州", "city")
    assert meta.region_full == "贵州省黔东南苗族侗族自治州"
    assert (meta.year, meta.issuer, meta.date) == (2023, "黔东南苗族侗族自治州人民政府", "2024-03-15")


def test_city_department_report():
    meta = meta_of(
        "嘉兴市司法局2023年法治政府建设年度报告\n"
        "2023年,市司法局在市委、市政府的坚强领导下,全面履行职能。我局全年办理行政复议案件320件。\n"
        + BODY
        + "我局将继续发挥职能作用。\n嘉兴市司法局\n2024年1月20日\n"
    )
    assert (meta.region, meta.level) == ("嘉兴市", "department")
    assert (meta.year, meta.issuer, meta.date) == (2023, "嘉兴市司法局", "2024-01-20")
    assert (meta.region_full, meta.region_code, meta.department_of) == ("浙江省嘉兴市", "330400", "嘉兴市人民政府")


def test_a_branch_of_a_national_body_is_its_regions_department():
    meta = meta_of(
        "国家税务总局绍兴市税务局2024年度法治政府建设情况报告\n"
        "2024年,国家税务总局绍兴市税务局在上级党委的坚强领导下,全面履行职能。\n" + BODY
    )
    assert (meta.region, meta.level, meta.issuer) == ("绍兴市", "department", "国家税务总局绍兴市税务局")


def test_a_disclosure_pages_publishing_office_does_not_make_a_government_a_department():
    meta = meta_of(
        "岳阳市人民政府2023年法治政府建设情况报告\n"
        "索引号:43060000/2024-0031 发布机构:岳阳市人民政府办公室 发布日期:2024-03-20\n"
        "2023年,岳阳市人民政府坚持以习近平法治思想为指导,统筹推进法治政府建设。\n" + BODY
    )
    assert (meta.region, meta.level) == ("岳阳市", "city")


def test_district_department_addressed_to_its_own_government():
    meta = meta_of(
        "余杭区人民政府:\n"
        "2023年,区市场监督管理局坚持依法行政,我局全年查办案件560件,我局执法规范化水平持续提升。\n"
        + BODY
        + "杭州市余杭区市场监督管理局\n2024年1月15日\n"
    )
    assert (meta.region, meta.region_full, meta.level) == ("余杭区", "浙江省杭州市余杭区", "department")
    assert (meta.year, meta.issuer) == (2023, "杭州市余杭区市场监督管理局")


def test_province_report():
    meta = meta_of(
        "浙江省人民政府关于2023年法治政府建设情况的报告\n"
        "2023年,全省各级政府坚持以习近平法治思想为指导,法治浙江建设取得新成效。\n" + BODY
    )
    assert (meta.region, meta.region_full, meta.level) == ("浙江省", "浙江省", "province")
    assert (meta.year, meta.issuer, meta.date) == (2023, "浙江省人民政府", None)


def test_city_report_with_districts_and_counties():
    meta = meta_of(
        "金华市2022年度法治政府建设工作报告\n"
        "2022年,我市坚持以习近平法治思想为指导,指导各县(市、区)全面推进依法行政,全市法治政府建设迈上新台阶。\n" + BODY
    )
    assert (meta.region, meta.level, meta.year) == ("金华市", "city", 2022)
    assert meta.region_full == "浙江省金华市" and meta.issuer == "金华市人民政府"  # inferred


def test_web_copy_with_breadcrumb_and_publication_line():
    meta = meta_of(
        "当前位置:首页 > 政务公开 > 法治政府建设\n"
        "发布时间: 2024-03-28 来源: 秀洲区司法局\n"
        "秀洲区2023年法治政府建设年度报告\n"
        "2023年,秀洲区坚持以习近平法治思想为指导,全区法治政府建设取得新进展。\n" + BODY + "网站地图 | 联系我们\n"
    )
    assert (meta.region, meta.level, meta.year) == ("秀洲区", "district", 2023)
    assert meta.date is None  # the publication date is not the report's date


def test_leftover_source_line_names_the_region_not_a_department():
    meta = meta_of(
        "文章来源:秀洲区司法局 字号:大 中 小\n"
        "2023年,我区坚持以习近平法治思想为指导,全区法治政府建设取得新进展,我区荣获省级法治政府建设示范区。\n" + BODY
    )
    assert (meta.region, meta.level, meta.year) == ("秀洲区", "district", 2023)
    # not the source line's 司法局: the district's own government, inferred and said so
    assert meta.issuer == "嘉兴市秀洲区人民政府"
    assert [w.code for w in meta.warnings] == ["issuer-inferred"]


def test_chinese_numeral_year_and_date_with_joint_signature():
    meta = meta_of(
        "二〇二三年,青田县紧紧围绕县委中心工作,全县法治政府建设取得明显成效。\n"
        + BODY
        + "中共青田县委 青田县人民政府\n二〇二四年三月二十日\n"
    )
    assert (meta.region, meta.level, meta.year) == ("青田县", "county", 2023)
    assert (meta.issuer, meta.date) == ("中共青田县委 青田县人民政府", "2024-03-20")


def test_two_line_title_and_upper_government_addressed():
    meta = meta_of(
        "缙云县人民政府\n关于2023年度法治政府建设情况的报告\n丽水市人民政府:\n"
        "一年来,我县坚持依法行政,全县法治政府建设成效明显。\n" + BODY
    )
    assert (meta.region, meta.region_full, meta.level) == ("缙云县", "浙江省丽水市缙云县", "county")
    assert (meta.year, meta.issuer) == (2023, "缙云县人民政府")


def test_this_year_takes_the_year_of_the_signature_date():
    meta = meta_of(
        "今年以来,在市委、市政府的坚强领导下,龙湾区坚持以习近平法治思想为指导,全区法治政府建设稳步推进。\n"
        + BODY
        + "温州市龙湾区人民政府\n2023年12月15日\n"
    )
    assert (meta.region, meta.region_full, meta.level) == ("龙湾区", "浙江省温州市龙湾区", "district")
    assert (meta.year, meta.date) == (2023, "2023-12-15")
    assert meta.warnings == ()


def test_traditional_characters():
    meta = meta_of(
        "廣州市天河區人民政府關於2023年度法治政府建設情況的報告\n"
        "2023年,天河區堅持以習近平法治思想為指導,認真落實廣東省委部署,全區法治政府建設取得新成效。\n"
        + BODY
        + "廣州市天河區人民政府\n2024年3月1日\n"
    )
    assert (meta.region, meta.region_full, meta.level) == ("天河区", "广东省广州市天河区", "district")
    assert (meta.year, meta.issuer, meta.date) == (2023, "广州市天河区人民政府", "2024-03-01")


def test_no_year_and_no_region_anywhere():
    meta = meta_of("法治政府建设情况报告\n一年来,我县坚持依法行政,全县法治政府建设扎实推进,我县被评为先进。\n" + BODY)
    assert meta.year is None and meta.region is None and meta.date is None
    assert NO_YEAR in meta.warnings and NO_REGION in meta.warnings
    assert meta.level == "county"  # 我县 / 全县 still tell the level


def test_zones_named_before_the_region_are_not_regions():
    meta = meta_of(
        "2023年,作为全省法治政府建设示范区,依托国家级经济开发区和高新区,柯桥区坚持以习近平法治思想为指导,"
        "全区法治政府建设取得新成效。\n"
        "柯桥经济开发区管委会、滨海工业区管委会全面落实行政执法“三项制度”。\n" + BODY
    )
    assert (meta.region, meta.level, meta.year) == ("柯桥区", "district", 2023)


def test_plans_year_is_not_the_reporting_year():
    meta = meta_of(
        "为深入贯彻落实法治政府建设实施纲要,现将有关情况报告如下:\n"
        "一、主要举措和成效\n2023年,全区受理行政复议案件150件。2023年,全区办理人大代表建议227件。\n"
        "二、2024年工作安排\n2024年,我区将持续深化依法行政。2024年将推进执法规范化建设。2024年重点推进复议改革。\n"
        "龙湾区人民政府\n2024年1月8日\n"
    )
    assert (meta.year, meta.region) == (2023, "龙湾区")


def test_the_body_names_the_year_in_chinese_numerals_as_in_digits():
    """No title and an opening without its year: the year the body's work names most, in either form."""
    for year in ("2023", "二〇二三"):
        meta = meta_of(
            "我区坚持依法行政,全区法治政府建设扎实推进。\n一、主要工作\n"
            f"{year}年,区政府常务会议研究法治工作4次,印发《{year}年度法治政府建设工作要点》。\n"
        )
        assert meta.year == 2023, year


def test_year_inferred_from_date_alone_is_flagged():
    meta = meta_of("我县坚持依法行政,全县法治政府建设扎实推进。\n" + BODY + "平阳县人民政府\n2024年2月1日\n")
    assert (meta.year, meta.region, meta.level) == (2023, "平阳县", "county")
    assert YEAR_FROM_DATE in meta.warnings


def test_one_character_county_and_autonomous_county():
    meta = meta_of("2023年,沛县坚持依法行政,全县法治政府建设扎实推进。\n" + BODY)
    assert (meta.region, meta.level) == ("沛县", "county")
    meta = meta_of("石林彝族自治县2023年法治政府建设情况报告\n2023年,我县坚持依法行政。\n" + BODY)
    assert (meta.region, meta.level, meta.year) == ("石林彝族自治县", "county", 2023)


def test_region_named_only_in_the_report_as_follows_sentence():
    meta = meta_of(
        "为全面贯彻落实党中央、国务院关于法治政府建设的决策部署,现将武义县2023年法治政府建设情况报告如下:\n" + BODY
    )
    assert (meta.region, meta.level, meta.year) == ("武义县", "county", 2023)


def test_parent_city_from_its_leadership_or_a_municipality_not_at_a_boundary():
    meta = meta_of("2023年,在杭州市委、市政府的坚强领导下,余杭区坚持依法行政,全区法治政府建设扎实推进。\n" + BODY)
    assert (meta.region, meta.region_full) == ("余杭区", "浙江省杭州市余杭区")
    meta = meta_of("两江新区2023年法治政府建设情况报告\n2023年,两江新区认真落实重庆市委、市政府部署。\n" + BODY)
    assert (meta.region, meta.region_full, meta.level) == ("两江新区", "重庆市两江新区", "district")


def test_department_whose_region_is_only_in_the_signature():
    meta = meta_of(
        "2023年,在区委、区政府的坚强领导下,区司法局认真履行职责,我局全年办理复议案件80件。\n"
        + BODY
        + "宁波市鄞州区司法局\n2024年1月30日\n"
    )
    assert (meta.region, meta.region_full, meta.level) == ("鄞州区", "浙江省宁波市鄞州区", "department")
    assert (meta.issuer, meta.date, meta.year) == ("宁波市鄞州区司法局", "2024-01-30", 2023)


def test_empty_text():
    meta = meta_of("")
    assert meta.region is None and meta.year is None and meta.level is None
    assert NO_YEAR in meta.warnings and NO_REGION in meta.warnings


# --- the gazetteer: names that exist, where they are, what level ---------------------------------


def test_one_district_name_in_several_cities_is_settled_by_the_chain_in_the_text():
    meta = meta_of("福州市鼓楼区人民政府关于2023年法治政府建设情况的报告\n2023年,鼓楼区坚持依法行政。\n" + BODY)
    assert (meta.region, meta.region_code, meta.region_full) == ("鼓楼区", "350102", "福建省福州市鼓楼区")
    meta = meta_of(
        "2023年,鼓楼区坚持依法行政,全区法治政府建设扎实推进。\n" + BODY + "南京市鼓楼区人民政府\n2024年1月9日\n"
    )
    assert (meta.region_code, meta.province, meta.city) == ("320106", "江苏省", "南京市")


def test_a_shared_district_name_takes_the_upper_levels_the_text_names_elsewhere():
    meta = meta_of("2023年,朝阳区认真落实长春市委、市政府部署,全区法治政府建设稳步推进。\n" + BODY)
    assert (meta.region_code, meta.region_full) == ("220104", "吉林省长春市朝阳区")


def test_a_shared_name_the_text_does_not_place_keeps_the_name_and_says_so():
    meta = meta_of("2023年,通州区坚持依法行政,全区法治政府建设扎实推进。\n" + BODY)
    assert (meta.region, meta.region_code, meta.region_full, meta.level) == ("通州区", None, None, "district")
    assert ambiguous_region("通州区") in meta.warnings
    assert "通州区" in ambiguous_region("通州区").message


def test_a_document_number_abbreviation_places_a_shared_name():
    opening = "2023年,鼓楼区坚持依法行政,全区法治政府建设扎实推进。\n"
    assert meta_of("徐政发〔2024〕3号\n" + opening + BODY).region_code == "320302"  # 徐州市
    assert meta_of("豫政〔2024〕3号\n" + opening + BODY).region_code == "410204"  # 河南: 开封市
    assert meta_of("宁政发〔2024〕3号\n" + opening + BODY).region_code is None  # 宁 is no 鼓楼区's


def test_county_level_city_is_county_level():
    meta = meta_of("都江堰市2023年法治政府建设情况报告\n2023年,都江堰市坚持依法行政,全市各镇(街道)扎实推进。\n" + BODY)
    assert (meta.region, meta.region_full, meta.level) == ("都江堰市", "四川省成都市都江堰市", "county")
    assert (meta.province, meta.city) == ("四川省", "成都市")


def test_autonomous_prefecture_short_forms():
    for printed in ("延边州", "延边朝鲜族自治州", "延边自治州"):
        meta = meta_of(f"{printed}人民政府关于2023年法治政府建设情况的报告\n2023年,{printed}坚持依法行政。\n" + BODY)
        assert (meta.region, meta.region_code, meta.level) == ("延边朝鲜族自治州", "222400", "city")
    # the one-character form of a long name: 博尔塔拉蒙古自治州 → 博州
    meta = meta_of("2023年,博州党委、政府坚持以习近平法治思想为指导,全州法治政府建设取得新成效。\n" + BODY)
    assert (meta.region, meta.level, meta.province) == ("博尔塔拉蒙古自治州", "city", "新疆维吾尔自治区")


def test_autonomous_county_by_its_short_name():
    meta = meta_of(
        "2023年,长阳县坚持依法行政,全县法治政府建设扎实推进。\n" + BODY + "长阳土家族自治县人民政府\n2024年2月2日\n"
    )
    assert (meta.region, meta.region_full, meta.level) == ("长阳土家族自治县", "湖北省宜昌市长阳土家族自治县", "county")


def test_prefecture_league_and_banner():
    meta = meta_of("喀什地区2023年法治政府建设情况报告\n2023年,喀什地区坚持依法行政。\n" + BODY)
    assert (meta.region, meta.level, meta.city) == ("喀什地区", "city", "喀什地区")
    meta = meta_of("锡林郭勒盟2023年法治政府建设情况报告\n2023年,全盟坚持依法行政。\n" + BODY)
    assert (meta.region, meta.level) == ("锡林郭勒盟", "city")
    meta = meta_of("2023年,科尔沁右翼前旗坚持依法行政,全旗法治政府建设扎实推进。\n" + BODY)
    assert (meta.region, meta.level, meta.region_full) == (
        "科尔沁右翼前旗",
        "county",
        "内蒙古自治区兴安盟科尔沁右翼前旗",
    )


def test_bureau_report_names_its_government():
    meta = meta_of(
        "深圳市南山区市场监督管理局关于2023年度法治政府建设情况的报告\n"
        "2023年,区市场监管局坚持以习近平法治思想为指导,我局全年查办案件410件。\n" + BODY
    )
    assert (meta.region, meta.region_code, meta.level) == ("南山区", "440305", "department")
    assert (meta.issuer, meta.department_of) == ("深圳市南山区市场监督管理局", "南山区人民政府")


def test_bureau_named_by_its_level_alone_takes_the_region_the_text_names():
    meta = meta_of(
        "2023年,市交通运输局坚持依法行政,认真落实《绵阳市法治政府建设实施方案》,"
        "全年办理行政许可事项1,200件。\n" + BODY + "我局将继续配合绵阳市做好法治建设工作。\n"
    )
    assert (meta.region, meta.level, meta.issuer) == ("绵阳市", "department", "绵阳市交通运输局")


@pytest.mark.parametrize("itself", ["我局", "本局", "我厅", "本厅", "我委", "本委", "局机关", "委机关", "我单位"])
def test_a_department_that_names_itself_only_by_its_own_word_is_a_department(itself):
    # no bureau in the title or the opening: only the way it names itself tells
    meta = meta_of(
        f"2023年度法治政府建设情况报告\n2023年,{itself}在嘉兴市委、市政府的坚强领导下,坚持依法行政,"
        f"{itself}全年办理行政许可事项1,200件。\n" + BODY
    )
    assert (meta.region, meta.level) == ("嘉兴市", "department")


def test_a_government_that_quotes_a_bureau_once_stays_a_government():
    meta = meta_of(
        "2023年度法治政府建设情况报告\n2023年,在嘉兴市委的坚强领导下,我市坚持依法行政,我市全年办理行政许可事项1,200件,"
        "市司法局表示本局将继续加强审查。\n" + BODY
    )
    assert (meta.region, meta.level) == ("嘉兴市", "city")


@pytest.mark.parametrize(
    "opening, level",
    [
        # the subject before the bodies above it (…在党中央、国务院和省委的坚强领导下)
        ("2022年,省政府在党中央、国务院和省委的坚强领导下,坚持依法行政。", "province"),
        ("2024年,市人社局在市委、市政府的坚强领导下,全面推进依法行政。", "department"),
        # a commission by its short name, before its verb
        ("2023年,市卫生健康委坚持以习近平法治思想为指导,推进依法行政。", "department"),
        # a first sentence that only frames the year: the subject opens the second
        ("2025年是“十四五”规划收官之年。县司法局在县委、县政府的坚强领导下,深入推进依法行政。", "department"),
        ("2021年是“十四五”开局之年。在县委的坚强领导下,县政府坚持以习近平法治思想为指导。", "county"),
    ],
)
def test_an_untitled_opening_names_its_subject_by_its_level(opening, level):
    assert meta_of(opening + "现将有关情况报告如下:\n" + BODY).level == level


def test_a_traditional_page_names_its_region_as_a_simplified_one_does():
    # 乾 is 干 character by character, but not in 乾安县
    meta = meta_of("乾安縣人民政府2023年法治政府建設情況報告\n2023年,縣政府堅持依法行政。\n" + BODY)
    assert (meta.region, meta.level) == ("乾安县", "county")


def test_a_centre_or_a_brigade_reporting_on_itself_is_a_department():
    meta = meta_of("安顺市住房公积金管理中心2023年度法治政府建设工作情况报告\n2023年,中心坚持依法行政。\n" + BODY)
    assert (meta.region, meta.level, meta.issuer) == ("安顺市", "department", "安顺市住房公积金管理中心")
    meta = meta_of("包头市消防救援支队2022年法治政府建设情况报告\n2022年,支队坚持依法行政。\n" + BODY)
    assert (meta.region, meta.level) == ("包头市", "department")


def test_a_body_named_after_the_openings_colon_is_no_subject_of_the_report():
    meta = meta_of(
        "鸡西市2021年法治政府建设情况报告\n"
        "2021年,鸡西市法治政府建设取得新进展:市司法局被评为全省司法行政系统先进集体。\n" + BODY
    )
    assert (meta.region, meta.level) == ("鸡西市", "city")


def test_provincial_department_whose_province_is_named_only_bare():
    meta = meta_of("2023年,省交通运输厅坚持依法行政,典型经验在《湖北日报》刊发,湖北交通法治建设获部里肯定。\n" + BODY)
    assert (meta.region, meta.level, meta.department_of) == ("湖北省", "department", "湖北省人民政府")
    assert meta.issuer == "湖北省交通运输厅"


def test_provincial_report_by_its_bare_name():
    meta = meta_of("2023年,四川坚持以习近平法治思想为指导,全省法治政府建设迈出新步伐。\n" + BODY)
    assert (meta.region, meta.region_code, meta.level) == ("四川省", "510000", "province")
    meta = meta_of("2023年,全省各级政府坚持依法行政,法治四川建设取得新成效。\n" + BODY)
    assert (meta.region, meta.level) == ("四川省", "province")  # the text's own slogan, as a last resort


def test_a_slogan_that_is_no_place_names_no_region():
    meta = meta_of("2023年,区政府坚持依法行政,全面推进法治惠民工程,《坚持法治惠民  深化改革》获评优秀案例。\n" + BODY)
    assert meta.region is None and meta.level == "district"  # 惠民 is a county too, but not here


def test_region_only_in_the_signature():
    meta = meta_of(
        "一年来,在上级党委政府的坚强领导下,法治政府建设扎实推进。\n" + BODY + "昭通市人民政府\n2024年1月31日\n"
    )
    assert (meta.region, meta.region_full, meta.level, meta.issuer) == (
        "昭通市",
        "云南省昭通市",
        "city",
        "昭通市人民政府",
    )


def test_words_that_merely_end_in_a_place_suffix_are_no_regions():
    meta = meta_of("2023年,紧扣区域发展大局,次主持县长办公会议,法治政府建设扎实推进。\n" + BODY)
    assert meta.region is None and meta.region_code is None
    assert NO_REGION in meta.warnings


def test_functional_zone_is_noted_not_coded():
    meta = meta_of("2023年,天府新区坚持依法行政,认真落实四川省委、成都市委部署。\n" + BODY)
    assert (meta.region, meta.region_code, meta.level) == ("天府新区", None, "district")
    (zone,) = [w for w in meta.warnings if w.code == "functional-zone"]
    assert "天府新区" in zone.message and "成都市" in zone.message


def test_a_former_name_is_the_unit_it_became_at_the_level_it_then_had():
    meta = meta_of(
        "2019年,章丘市坚持依法行政,全市各镇(街道)法治建设扎实推进。\n" + BODY + "章丘市人民政府\n2020年1月6日\n"
    )
    assert (meta.region, meta.region_code, meta.level) == ("章丘区", "370114", "county")  # a 县级市 then
    assert former_name("章丘市", "章丘区") in meta.warnings
    assert [w.code for w in meta.warnings] == ["former-name"]


def test_gazetteer_codes_nest_and_short_forms_point_to_one_unit():
    places = load_gazetteer()
    assert [u.name for u in places.chain("152921")] == ["内蒙古自治区", "阿拉善盟", "阿拉善左旗"]
    assert [u.name for u in places.chain("500151")] == ["重庆市", "铜梁区"]  # a municipality's district
    assert [a.code for a in places.aliases["新疆"]] == ["650000"]
    assert {a.code for a in places.aliases["管城区"]} == {"410104"}  # 管城回族区
    assert all(len(code) == 6 and code.isdigit() for code in places.units)


def test_an_issuer_is_inferred_only_for_a_government_and_never_over_a_named_one():
    # a department's report that names no issuer gets no government's name put on it
    dept = meta_of(
        "2023年,市交通运输局坚持以习近平法治思想为指导,我局法治建设取得新成效,我局全年办理案件20件。\n" + BODY
    )
    assert dept.level == "department"
    assert "人民政府" not in (dept.issuer or "")
    assert "issuer-inferred" not in [w.code for w in dept.warnings]
    # a signature is read, not guessed
    signed = meta_of(
        "缙云县2023年法治政府建设情况报告\n2023年,缙云县全面推进依法行政。\n" + BODY + "缙云县人民政府\n2024年1月10日\n"
    )
    assert signed.issuer == "缙云县人民政府"
    assert "issuer-inferred" not in [w.code for w in signed.warnings]
    # a province names no city: 省人民政府 as it is
    province = meta_of("浙江省2023年法治政府建设情况报告\n2023年,全省坚持以习近平法治思想为指导。\n" + BODY)
    assert (province.level, province.issuer) == ("province", "浙江省人民政府")


def test_an_untitled_report_whose_lead_names_its_body_is_that_bodys():
    # no title, no signature; the opening sentence starts with what was asked, its lead names the body
    lead = (
        "根据市委依法治市办《关于做好2024年法治政府建设年度报告工作的通知》要求,"
        "现将绍兴市农业农村局2024年法治政府建设情况报告如下:\n"
    )
    meta = meta_of(lead + "一、主要工作\n2024年,我局全年办理行政许可事项320件,我局开展执法检查86次。\n")
    assert (meta.issuer, meta.level) == ("绍兴市农业农村局", "department")
    # a lead that names no body (现将我局…) gives none
    assert meta_of("现将我局2024年法治政府建设情况报告如下:\n一、主要工作\n全年办理案件20件。\n").issuer is None


def test_an_addressee_of_bodies_named_by_their_level_alone_is_no_opening():
    # 县委、县政府: the county's own bodies, its name unsaid; the opening below names the department
    meta = meta_of("县委、县政府：\n2023年，县人社局在县委、县政府的正确领导下，坚持以习近平法治思想为指导。\n" + BODY)
    assert meta.level == "department"


def test_an_addressee_run_into_the_opening_on_one_line_is_still_the_addressee():
    # a page that lost its line breaks: the government above, then the county's own opening
    addressee = "南阳市人民政府、中共唐河县委、唐河县人民代表大会常务委员会："
    opening = "2023年以来，唐河县坚持以习近平法治思想为指导，持续深入推进法治政府建设。"
    for raw in (addressee + "\n" + opening + "\n" + BODY, addressee + opening + BODY.replace("\n", "")):
        meta = meta_of(raw)
        assert (meta.region, meta.level) == ("唐河县", "county"), raw[:40]


@pytest.mark.parametrize(
    "head",
    [
        # the breadcrumb ran into the title, and the page's fields into the opening
        "当前位置:首页 > 政务公开 > 法治政府建设嘉峪关市人民政府2024年法治政府建设年度报告"
        "【字体:大 中 小】【打印】【关闭】",
        # the title's date in brackets between the title and the opening
        "首页 > 政务公开 > 法治政府建设嘉峪关市人民政府关于2024年法治政府建设情况的报告(2025年3月20日)",
        # the breadcrumb after the title
        "嘉峪关市人民政府2024年法治政府建设年度报告当前位置:首页 > 政务公开 > 法治政府建设 > 正文",
        # the site's banner sentence and a column's name before the title
        "• 奋力谱写中国式现代化建设新篇章,为全面建成社会主义现代化强国而团结奋斗。政府信息"
        "嘉峪关市人民政府关于2024年法治政府建设情况的报告(2025-03-20)",
    ],
)
def test_a_page_that_lost_its_line_breaks_still_names_its_region(head):
    # (the opening names no region: the title must be found to name it)
    opening = "2024年,市政府坚持以习近平法治思想为指导,持续深入推进法治政府建设。现将有关情况报告如下:"
    body = "一、主要工作县政府常务会议专题研究法治政府建设4次,审查规范性文件12件。" * 12
    meta = meta_of(head + opening + body)
    assert (meta.region, meta.level, meta.year) == ("嘉峪关市", "city", 2024)


def test_an_addressee_run_into_a_one_line_pages_title_is_no_region_of_the_report():
    # the path, the title, the addressee (the city above) and the opening, with no line break: the
    # county writes to its city, and the city is only the addressee
    head = "当前位置:首页 > 政务公开 > 法治政府建设永和县2024年度法治政府建设情况报告中共临汾市委、临汾市人民政府:"
    opening = "2024年,永和县坚持以习近平法治思想为指导,全面推进依法行政。现将有关情况报告如下:"
    body = "一、主要工作县政府常务会议专题研究法治政府建设4次,审查规范性文件12件。" * 12
    meta = meta_of(head + opening + body)
    assert (meta.region, meta.level, meta.year) == ("永和县", "county", 2024)


@pytest.mark.parametrize(
    "head, expected",
    [
        # the breadcrumb's last crumb ran into a department's title: the department writes
        (
            "当前位置:首页 > 政务公开 > 法治政府建设嘉峪关市交通运输局2021年法治政府建设情况报告"
            "信息来源:政策法规科 发布日期:2022-03-25",
            ("嘉峪关市", "department"),
        ),
        # the page's fields ran into a government's title, naming the office that posted it: the
        # government writes, not that office
        (
            "发布时间:2022-03-11 09:30 信息来源:区司法局兰州市城关区人民政府2021年法治政府建设情况报告",
            ("城关区", "district"),
        ),
    ],
)
def test_a_title_the_pages_path_or_fields_ran_into_is_read_from_its_issuer(head, expected):
    # (the opening names neither the region nor the kind of body: the title must)
    opening = "2021年,全系统坚持以习近平法治思想为指导,持续深入推进法治建设。现将有关情况报告如下:"
    body = "一、主要工作常务会议专题研究法治建设4次,审查文件12件。" * 12
    meta = meta_of(head + opening + body)
    assert (meta.region, meta.level) == expected


def test_a_text_cut_at_its_last_sentences_subject_has_no_signature():
    # the page's text ends mid-sentence at a body's name (…法定程序，县政府): a sentence, not a
    # signature, so the title names the issuer
    meta = meta_of(
        "永和县人民政府2020年度法治政府建设工作情况报告\n"
        + BODY
        + "三、推进依法科学民主决策\n严格落实重大行政决策法定程序，县政府"
    )
    assert meta.issuer == "永和县人民政府"
