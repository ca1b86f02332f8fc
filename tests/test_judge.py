"""The judge, table-driven: a sentence and the term a detector found in it → the kind of evidence.

Every sentence here is written for the test (no report's text); each row is one rule of the
genre: plans, shortcomings, negation, the opening preamble, incidental mentions, clause-scoped
details, completed named events, honours, department reports, numerals in every form.
"""

import pytest

from scorer.detect.judge import ACHIEVEMENT, GENERIC, NEGATED, PLAN, SHORTCOMING, judge_for
from scorer.lexicon import default_lexicon
from scorer.normalize import normalize
from scorer.structure import parse

BODY_HEADING = "一、主要工作\n"


def kind_of(body: str, term: str, *, before: str = BODY_HEADING) -> str | None:
    """Judge `term` where it first occurs in `body`, set under a numbered part (not the preamble)."""
    text = normalize(before + body).text
    structure = parse(text)
    at = text.index(normalize(term).text, len(before))
    sentence = structure.sentence_at(at)
    assert sentence is not None
    judged = judge_for(default_lexicon()).judge(text, structure, sentence, at, at + len(term))
    return judged.kind if judged else None


@pytest.mark.parametrize(
    "sentence, term, expected",
    [
        # a count, a document issued, a body set up: specific
        ("全年办理行政复议案件126件,纠错率8.7%。", "行政复议", ACHIEVEMENT),
        ("区政府印发《重大行政决策程序实施细则》。", "重大行政决策", ACHIEVEMENT),
        ("成立由区长任组长的法治政府建设领导小组。", "法治政府建设", ACHIEVEMENT),
        # Chinese numerals and full-width digits are counts too
        ("组织执法人员培训十二场。", "执法人员培训", ACHIEVEMENT),
        ("全年开展以案释法活动３６场。", "以案释法", ACHIEVEMENT),
        ("全年開展以案釋法活動三十六場。", "以案释法", ACHIEVEMENT),  # traditional characters
        # a pilot applied for or strived for is not yet held; one designated is
        ("积极申报行政复议规范化建设试点。", "行政复议", GENERIC),
        ("争创全省行政复议规范化建设试点县。", "行政复议", GENERIC),
        ("我县被确定为全省行政复议规范化建设试点县。", "行政复议", ACHIEVEMENT),
        # a number in a name is no count (“两个确立”, “三个下沉”, 三项制度); a count stays one
        ("深入学习贯彻习近平法治思想,深刻领悟“两个确立”的决定性意义。", "习近平法治思想", GENERIC),
        ("推动执法力量“三个下沉”。", "执法力量", GENERIC),
        ("严格落实行政执法三项制度。", "三项制度", GENERIC),
        ("建立“一站式”调解中心三个。", "调解中心", ACHIEVEMENT),
        # a platform's build completed is a body set up; a year's tasks completed are not
        ("完成新一代政务大数据资源平台建设。", "政务大数据", ACHIEVEMENT),
        ("全面完成法治政府建设各项任务。", "法治政府建设", GENERIC),
        # a named reform completed is a completed event, as a pilot is; its plan drafted is not
        ("完成镇街综合行政执法改革。", "综合行政执法改革", ACHIEVEMENT),
        ("全面完成行政复議體制改革任务。", "行政复议", ACHIEVEMENT),
        ("完成综合行政执法改革方案起草。", "综合行政执法改革", GENERIC),
        # a mechanism first created, as one set up (建立“府院联动”机制)
        ("在全市首创“府院联动”机制。", "府院联动", ACHIEVEMENT),
        # a list made public is issued, as one compiled (编制…清单); the rest of a quoted name the
        # subject stands in is no other subject between it and what it achieved
        ("公布年度重大行政决策事项目录。", "重大行政决策", ACHIEVEMENT),
        ("实现“双随机、一公开”监管部门全覆盖。", "双随机", ACHIEVEMENT),
        # 将 that marks an object (将…作为…) is no future, whatever adverb follows it
        ("将全面加强依法行政作为重要抓手,主要负责同志听取法治政府建设工作汇报3次。", "主要负责同志", ACHIEVEMENT),
        # what a meeting heard is on its agenda, no work on it; one item of several heard counts only
        # with the hearings counted
        ("县政府常务会议听取综合行政执法改革工作专题汇报。", "综合行政执法改革", GENERIC),
        ("区政府常务会议听取行政复议、行政应诉工作情况汇报2次。", "行政复议", GENERIC),
        ("下一步,将全面加强行政复议规范化建设。", "行政复议", PLAN),
        # a verb that only says who issued or held it (市委印发的《…》, 省政府召开的会议) issues nothing
        ("按照市委印发的《法治建设工作要点》要求,推进法治政府建设。", "法治政府建设", GENERIC),
        ("参加省政府召开的法治政府建设推进会。", "法治政府建设", GENERIC),
        ("转发《省法治政府建设实施方案》。", "法治政府建设", GENERIC),  # relayed, not issued
        ("县政府印发《法治政府建设工作要点》。", "法治政府建设", ACHIEVEMENT),
        # a national law or a newspaper in 《》 is no document the body issued; a local 办法 is
        ("新修订《行政复议法》施行后,复议案件明显增加。", "复议案件", GENERIC),
        ("在《法治日报》头版刊登我区普法经验。", "普法", GENERIC),
        ("在《法治日报》刊发普法稿件3篇。", "普法", ACHIEVEMENT),
        ("《县行政执法公示办法》正式施行。", "行政执法公示", ACHIEVEMENT),
        # a time limit of one in Chinese numerals, as in digits (1个工作日); 一年来 is no count
        ("企业开办时间压缩至一个工作日以内。", "企业开办", ACHIEVEMENT),
        ("一年来,全县深入推进行政复议工作。", "行政复议", GENERIC),
        # general words only
        ("持续深化行政复议体制改革,不断提升办案质量。", "行政复议", GENERIC),
        # plans, shortcomings, negation
        ("下一步,我区将出台《行政执法监督办法》。", "行政执法监督", PLAN),
        ("我县将继续推进综合行政执法改革。", "综合行政执法", PLAN),
        ("将法治政府建设纳入年度绩效考核,考核结果运用于干部任用3次。", "考核", ACHIEVEMENT),  # 将 as 把
        ("基层合法性审查力量仍然薄弱。", "合法性审查", SHORTCOMING),
        ("部分单位尚未建立法律顾问制度。", "法律顾问", NEGATED),
        ("不断完善行政裁量权基准制度,修订基准12项。", "裁量权基准", ACHIEVEMENT),  # 不断 denies nothing
        # a detail must be about the hit's subject: a number three clauses away is not
        ("深化政务公开工作,优化营商环境,推进审批改革,全年新增市场主体3200户。", "政务公开", GENERIC),
        ("配备执法记录仪320台,实现执法全过程记录。", "全过程记录", ACHIEVEMENT),
        # a cited guiding document is no detail of the year's work
        ("认真贯彻落实《法治政府建设实施纲要》,持续推进依法行政。", "依法行政", GENERIC),
        # completed named events count without a number
        ("实现全区党政主要负责人专题述法全覆盖。", "述法", ACHIEVEMENT),
        ("我区行政复议规范化建设试点工作顺利完成。", "行政复议", ACHIEVEMENT),
        ("委托第三方对法治政府建设开展中期评估。", "中期评估", ACHIEVEMENT),
        # an event held is specific for its own subject, not for the clause's other subjects
        ("扎实开展法治建设考评和法治政府建设示范创建。", "示范创建", GENERIC),
        # honours are results of the year
        ("区司法局被评为全省法治政府建设示范单位。", "示范单位", ACHIEVEMENT),
        # ... unless the body is being set up
        ("组建区城市管理综合行政执法局,整合执法队伍5支。", "综合行政执法", ACHIEVEMENT),
        # an item of a list that carries its own count
        ("开展食品药品、安全生产等重点领域执法检查120次。", "安全生产", ACHIEVEMENT),
        # a document being implemented, on the subject, is a general mention
        ("全面落实《党政主要负责人履行推进法治建设第一责任人职责实施办法》。", "第一责任人", GENERIC),
        # a neighbouring clause that opens its own action takes its detail with it
        ("扎实开展法治政府建设示范创建,开展领导干部旁听庭审活动12场。", "示范创建", GENERIC),
        # the members of a group being set up are one phrase across their commas
        ("成立以局长为组长,副局长为副组长,各科室负责人为成员的法治政府示范创建领导小组。", "示范创建", ACHIEVEMENT),
        # suggestions handled, counted the other way round (verb, object, number)
        ("办理人大代表建议和政协委员提案共计86件,办结率100%。", "代表建议", ACHIEVEMENT),
        ("共办理15宗以区政府为被告的行政诉讼案件。", "行政诉讼", ACHIEVEMENT),
        # a service reform named by its slogan, put to use
        ("推行“一件事一次办”改革,整合事项42个。", "一件事一次办", ACHIEVEMENT),
        # an honour won by a platform
        ("区智慧执法平台入选全省数字政府建设优秀案例。", "智慧执法", ACHIEVEMENT),
        # a pilot named, with 将 as the object marker (将…列为), is done
        ("我区被省司法厅列为行政执法协调监督工作体系建设试点。", "执法协调监督", ACHIEVEMENT),
        # a result clause shares the detail of its action
        ("推行“双随机、一公开”监管,实现进一次门、查多项事,执法频次缩减57%。", "双随机", ACHIEVEMENT),
        # a department reporting on itself: its 局长 is the principal leader
        ("党组书记、局长主持召开党组会专题研究法治建设工作。", "局长", ACHIEVEMENT),
        # a period's name in quotes (“八五” 普法) names no campaign of this year
        ("深入开展“八五”普法,营造浓厚法治氛围。", "普法", GENERIC),
        ("深入開展“八五”普法,營造濃厚法治氛圍。", "普法", GENERIC),  # traditional characters
        # 加大检查 is not a 大检查 held
        ("持续加大检查执法力度。", "执法力度", GENERIC),
        # 述法 at a named meeting is a 述法 held
        ("局主要负责人在区委全面依法治区委员会会议上述法。", "述法", ACHIEVEMENT),
        ("區委書記、區長在區委全會上專題述法。", "述法", ACHIEVEMENT),
        # a framing clause (以…为抓手, 按照…要求) is the lens of what follows, not its subject
        ("以创建法治政府建设示范区为抓手,全年实施民生实事项目32个。", "示范区", GENERIC),
        ("按照“八五”普法规划要求,全年召开局党组会议十二次。", "普法", GENERIC),
        ("围绕法治化营商环境建设,开展涉企检查专项治理３次。", "营商环境", GENERIC),
        ("结合“八五”普法,组织执法人员培训３期。", "普法", GENERIC),
        # a meeting that studied a list is none of its items, though a leader's title runs into it with 、
        (
            "区政府党组书记、区长主持召开常务会议专题研究《纲要》终期评估、行政执法质量提升等事项5次。",
            "常务会议",
            ACHIEVEMENT,
        ),
        # an occasion that holds its own action is no frame: the action's run carries its count
        ("结合“3·15”等节点开展以案释法,发放宣传资料2.6万份。", "以案释法", ACHIEVEMENT),
        # a meeting that studied is a detail for what it studied, not for a subject before it
        ("将法治建设纳入年度考核,区政府常务会议专题学习习近平法治思想。", "考核", GENERIC),
        ("区委常委会会议专题学习习近平法治思想。", "习近平法治思想", ACHIEVEMENT),
        ("区委常委会会议专题研究法治政府建设。", "法治政府建设", ACHIEVEMENT),
        # a title issued is no study material: 学 of 中小学 studies nothing, and 学习…制定 issues
        ("全区中小学制定《法治教育实施方案》。", "法治教育", ACHIEVEMENT),
        ("组织班子成员学习并制定《行政复议工作规程》。", "行政复议", ACHIEVEMENT),
        # a subject inside a slogan is named in general terms, whatever the clause reports
        ("局长带头尊法学法守法用法,全年带队检查企业12家。", "学法", GENERIC),
        # a ranking won is a result of the year; a model of one's own, named, is specific
        ("我区在全市法治政府建设考核中位列第一。", "考核", ACHIEVEMENT),
        ("探索“一站式”矛盾纠纷化解模式。", "矛盾纠纷", ACHIEVEMENT),
        # a document cited with its issuer between verb and title is still cited; one issued is not
        ("按照省委依法治省办《关于加强行政复议工作的意见》要求,持续推进依法行政。", "行政复议", GENERIC),
        ("根据工作需要制定《行政复议工作规程》。", "行政复议", ACHIEVEMENT),
        # 率先垂范 is a manner, not a first
        ("主要领导带头学法,率先垂范。", "学法", GENERIC),
        # an honour won in the next clause is what came of the work: an application is no event held,
        # the title named is
        ("指导各县申报创建法治政府建设示范县,我县被命名为自治区级示范县。", "法治政府建设示范", ACHIEVEMENT),
        ("指导各县申报创建法治政府建设示范县,营造良好氛围。", "法治政府建设示范", GENERIC),
    ],
)
def test_judgment(sentence, term, expected):
    assert kind_of(sentence, term) == expected


@pytest.mark.parametrize(
    "sentence, term",
    [
        # a law studied or followed names no work on its subject
        ("组织干部集中学习《行政复议法》。", "行政复议"),
        ("根据《法治政府建设与责任落实督察工作规定》,现将有关情况报告如下:", "督察"),
        (  # a formula inside a cited title is the title's, not the report's
            "根据中办、国办《法治政府建设与责任落实督察工作规定》及省委《贯彻落实法治政府建设年度报告制度的规定》,"
            "现将我局2020年度法治政府建设情况汇报如下:",
            "督察",
        ),
        # page navigation
        ("> 政务公开 > 政府信息公开 > 工作报告", "政务公开"),
        # one item of an agenda, or of a list about something else, is not work on that subject
        ("区政府常务会议研究解决行政复议等重要事项。", "行政复议"),
        ("区政府常务会议听取法治政府建设、行政复议、行政应诉工作情况汇报。", "行政复议"),  # no 等, no count
        ("区领导先后对规范涉企检查、法治督察、府院联动等工作作出指示批示8次。", "法治督察"),
        ("统筹推进依法决策、严格执法、化解矛盾、处置突发事件等各项目标任务。", "突发事件"),
        # a body's name is not its work
        ("区审计局被评为全省普法先进单位。", "审计"),
        ("司法局内设行政复议科等科室8个。", "行政复议"),
        ("区综合行政执法大队查处违法建设案件12起。", "综合行政执法"),  # the team, not the reform
        # a law named without 《》 as study material, or as the topic of training or publicity
        ("组织执法人员学习安全生产法律法规。", "安全生产"),
        ("开展新修订行政复议法专题培训3场。", "行政复议"),
        ("开展《行政复议法》宣传活动１２场。", "行政复议"),
        ("邀请业务骨干作《中华人民共和国行政复议法》专题辅导１次。", "行政复议"),
        # a law put into what is studied, and a chain of titles with their editions after one studying verb
        ("将《中华人民共和国行政复议法》等纳入党组理论学习中心组学习内容,全年集体学法６次。", "行政复议"),
        ("常务会议全年学习《中华人民共和国行政复议法》(2023年修订)、《天津市优化营商环境条例》等12部。", "营商环境"),
        # a line of work as the topic of a training, alone or as one of a list of topics
        ("举办行政执法、行政复议业务培训班２期。", "行政复议"),
        ("组织开展行政复议工作培训,参训人员80人次。", "行政复议"),
        ("组织开展行政处罚、行政复议、行政应诉等业务培训３期,培训执法人员260人次。", "行政复议"),
        # a kind of case file reviewed is the review's, not work on that kind
        ("对行政许可、行政处罚、行政复议等案卷开展评查,评查案卷120卷。", "行政复议"),
        # a chain of study material after one studying verb
        (
            "县委书记主持县委中心组学习会议系统学习习近平法治思想、中央全面依法治国工作会议精神以及《中华人民共和国民法典》等法律。",
            "民法典",
        ),
        # one item of a list of functions: the staff count in the next clause is not about it
        ("司法局承担行政复议、行政应诉、法律援助等职能,现有干部职工86人。", "行政复议"),
    ],
)
def test_incidental_mentions_are_no_evidence(sentence, term):
    assert kind_of(sentence, term) is None


def test_the_people_trained_are_the_training_s_own_subject():
    assert kind_of("组织执法人员业务培训４期,参训320人次。", "执法人员") == ACHIEVEMENT


def test_studied_title_is_a_detail_of_the_study_itself():
    assert kind_of("区政府常务会议专题学习《行政复议法》。", "学习") == ACHIEVEMENT


PREAMBLE = (
    "2024年,我区坚持以习近平法治思想为指导,全面落实《法治政府建设实施纲要(2021—2025年)》,"
    "持续优化法治化营商环境,深入推进严格规范公正文明执法。现将有关情况报告如下:\n"
)


@pytest.mark.parametrize("term", ["习近平法治思想", "营商环境", "文明执法"])
def test_preamble_boilerplate_is_generic(term):
    text = normalize(PREAMBLE + "一、主要工作\n全年办理行政复议案件12件。\n").text
    structure = parse(text)
    assert structure.preamble_end > 0
    at = text.index(term)
    sentence = structure.sentence_at(at)
    assert sentence.start < structure.preamble_end
    assert judge_for().judge(text, structure, sentence, at, at + len(term)).kind == GENERIC


def test_preamble_claim_with_its_own_detail_counts():
    preamble = "2024年,我区坚持以习近平法治思想为指导,获评全国法治政府建设示范区,各项工作稳步推进。\n"
    text = normalize(preamble + "一、主要工作\n全年办理行政复议案件12件。\n").text
    structure = parse(text)
    at = text.index("示范区")
    sentence = structure.sentence_at(at)
    assert judge_for().judge(text, structure, sentence, at, at + 3).kind == ACHIEVEMENT


def test_page_chrome_above_the_report_is_no_evidence():
    text = normalize(
        "政府信息公开\n某县2024年法治政府建设情况报告\n发布日期:2025-03-01\n"
        "2024年,我县深入推进政务公开,主动公开政府信息1200条,依申请公开办结率100%。\n"
    ).text
    structure = parse(text)
    chrome = text.index("政府信息公开")
    prose = text.index("主动公开")
    assert structure.body_start > chrome
    judge = judge_for()
    assert judge.judge(text, structure, structure.sentence_at(chrome), chrome, chrome + 6) is None
    assert judge.judge(text, structure, structure.sentence_at(prose), prose, prose + 4).kind == ACHIEVEMENT


def test_rubric_lexicon_extends_the_built_in_words():
    extended = default_lexicon().extended({"plan": ["待来年"]})
    assert extended.plan.search("此项工作待来年推进")
    assert not default_lexicon().plan.search("此项工作待来年推进")
    with pytest.raises(KeyError):
        default_lexicon().extended({"no_such_list": ["x"]})


def test_a_preamble_ending_in_its_lead_is_the_report_not_page_chrome():
    # the opening paragraph runs on into 现将…报告如下: on one line, after a title line
    text = normalize(
        "某县2024年法治政府建设情况报告\n"
        "2024年,在县委的坚强领导下,我县深入学习贯彻习近平法治思想,成功创建第二批全省法治政府建设示范县,"
        "法治政府建设取得新成效。现将有关情况报告如下:\n一、主要工作\n全年办理行政复议案件12件。\n"
    ).text
    structure = parse(text)
    at = text.index("示范县")
    assert structure.body_start <= text.index("2024年,")
    assert structure.body_start <= at < structure.preamble_end
    judged = judge_for().judge(text, structure, structure.sentence_at(at), at, at + 3)
    assert judged is not None and judged.kind == ACHIEVEMENT  # an honour in the opening


@pytest.mark.parametrize("marker", ["一、", "、"])  # the part's number, or page noise that lost it
def test_the_report_after_its_lead_on_a_page_that_lost_its_line_breaks_is_the_report(marker):
    # …报告如下: runs on into the first part and its work; the lead itself still reports nothing
    text = normalize(
        "某县2024年法治政府建设情况报告\n"
        "2024年,我县深入学习贯彻习近平法治思想,法治政府建设取得新成效。"
        f"现将有关情况报告如下:{marker}加强组织领导县政府常务会议专题研究法治政府建设工作4次。\n"
    ).text
    structure = parse(text)
    judge = judge_for()
    work = text.index("常务会议")
    judged = judge.judge(text, structure, structure.sentence_at(work), work, work + 4)
    assert judged is not None and judged.kind == ACHIEVEMENT
    lead = text.index("有关情况")
    assert judge.judge(text, structure, structure.sentence_at(lead), lead, lead + 4) is None
    # a lead with nothing after its colon frames the report, as before
    bare = normalize("现将有关情况报告如下:\n一、主要工作\n全年办理行政复议案件12件。\n").text
    bare_structure = parse(bare)
    assert judge.judge(bare, bare_structure, bare_structure.sentence_at(2), 2, 6) is None


@pytest.mark.parametrize(
    "plans, expected",
    [
        # two named tasks, or one with its count: a plan; one generic sentence of intent: not yet
        ("（一）深化行政执法体制改革。\n（二）开展规范性文件专项清理。\n", "met"),
        ("2025年,我局将修订专项应急预案８部。\n", "met"),
        ("下一步,我县将继续深入推进法治政府建设。\n", "partial"),
    ],
)
def test_a_plans_passage_is_met_by_two_tasks_or_one_specific_task(plans, expected):
    text = "一、主要工作\n全年办理行政复议案件12件。\n二、下一年度工作安排\n" + plans
    assert status_in("report.next-year", text) == expected


def test_a_sentence_of_intent_inside_a_paragraph_of_work_is_partial_never_met():
    work = "一、主要工作\n全年办理行政复议案件12件。"
    # no part and no paragraph of plans: the closing 下一步 is a sentence of intent
    assert status_in("report.next-year", work + "下一步,将开展规范性文件专项清理,修订专项应急预案8部。\n") == "partial"
    # a plan inside the paragraph is no passage of plans, however specific
    two = "下一步,将修订专项应急预案8部。下一步,将开展执法案卷评查。\n"
    assert status_in("report.next-year", work + two) == "partial"
    assert status_in("report.next-year", work + "\n") == "missing"


@pytest.mark.parametrize(
    "heading, expected",
    [
        # a heading of one subject lends it to the sentences reported under it
        ("(三)有序推进行政裁决工作。", "met"),
        ("（三）有序推进行政裁决工作", "met"),
        # a heading of several subjects is a part's title, a general mention: the sentence below
        # is about one of them
        ("(三)加强行政裁决和行政调解工作。", "partial"),
        ("3.行政裁决、行政调解与信访工作", "partial"),
    ],
)
def test_a_heading_lends_its_subject_only_when_it_names_one(heading, expected):
    text = f"一、主要工作\n{heading}\n全年受理案件14件,均在法定期限内作出决定。\n"
    assert status_in("p7.administrative-adjudication", text) == expected


def test_a_heading_lends_its_subject_to_a_cut_sentence_only_as_far_as_it_goes():
    heading = "一、主要工作\n(三)有序推进行政裁决工作\n"
    # the text's cut ends inside the sentence: what was decided is not yet said
    assert status_in("p7.administrative-adjudication", heading + "全年受理案件14件,在法定期限内") == "met"
    assert status_in("p7.administrative-adjudication", heading + "县政府常务会议专题研究") == "partial"


def test_a_title_run_into_its_paragraphs_first_sentence_lends_nothing():
    # a page that lost its line breaks: the part's title runs into the first sentence of its
    # paragraph, and what that sentence says is no subject of the sentences after it
    lost = (
        "一、加强组织领导,落实法治建设责任局党组高度重视法治建设,将法治政府建设纳入年度重点工作同安排同考核。"
        "指导全县52所学校制定学校章程,推动学校依章程自主办学。"
    )
    assert status_in("p10.party-leadership", lost) == "partial"
    # the title on a line of its own, naming the subject, lends it to the counted sentence below
    kept = "一、加强党的领导,健全法治政府建设领导体制\n召开专题会议研究部署相关工作4次。"
    assert status_in("p10.party-leadership", kept) == "met"


def status_in(requirement_id: str, text: str) -> str:
    """One requirement's status on `text` under the default rubric: judge and rubric together."""
    from scorer.examples import outcome_of
    from scorer.rubric.load import load_rubric

    rubric = load_rubric()
    requirement = next(r for r in rubric.requirements if r.id == requirement_id)
    return outcome_of(requirement, rubric, text).status


def _report_status(requirement_id: str, text: str) -> str:
    """One requirement's status when the whole report is scored (every requirement's hits known)."""
    from scorer.ingest import Document
    from scorer.pipeline import analyze
    from scorer.rubric.load import load_rubric

    result = analyze(Document(source="t.txt", format="txt", text=text), load_rubric())
    return next(r.status for r in result.requirements if r.id == requirement_id)


def test_a_heading_lends_its_subject_only_to_sentences_that_name_none_of_their_own():
    text = "某县2023年法治政府建设情况报告\n一、主要工作\n(二)持续优化营商环境\n"
    # the sentence below reports approval reform by its own name: the heading lends it nothing
    named = text + "深化“证照分离”改革,审批时限压减60%。\n"
    assert _report_status("p2.business-environment", named) == "partial"
    assert _report_status("p2.approval-reform", named) == "met"
    # a sentence that names no subject reports under the heading
    unnamed = text + "全年解决实际问题126个。\n"
    assert _report_status("p2.business-environment", unnamed) == "met"
    # a count a semicolon parts from the named sentence goes on from it, as with a comma: the same
    # sentence to a reader, so the heading lends neither part anything
    for mark in (",", ";"):
        parted = text + f"深化“证照分离”改革,审批时限压减60%{mark}全年解决实际问题126个。\n"
        assert _report_status("p2.business-environment", parted) == "partial", mark
    # (a full stop closes the thought: the next sentence names no subject and reports under the heading)
    stopped = text + "深化“证照分离”改革,审批时限压减60%。全年解决实际问题126个。\n"
    assert _report_status("p2.business-environment", stopped) == "met"


def test_a_heading_still_lends_where_the_sentence_names_a_subject_the_heading_includes():
    """The leaders' 学法 counted under a heading on studying Xi thought is that study too
    (CONVENTIONS: p1 met and p10.leaders-study-law met): the rubric's heading_includes."""
    text = "某县2024年法治政府建设情况报告\n一、主要工作\n(一)深入学习贯彻习近平法治思想\n"
    studied = text + "县委常委会会议、县政府常务会议会前学法十五次。\n"
    assert _report_status("p1.study-xi-thought", studied) == "met"
    assert _report_status("p10.leaders-study-law", studied) == "met"
    # words a semicolon joins to a sentence that names the subject itself are read with it, as
    # with a comma: the heading lends them nothing that sentence does not have
    for mark in ("，", "；"):
        joined = (
            text
            + "县政府党组把学习贯彻习近平法治思想作为首要政治任务，"
            + f"常态化开展会前学法{mark}全年学习法律法规二十六部。\n"
        )
        assert _report_status("p1.study-xi-thought", joined) == "partial", mark
    # a subject the heading does not include still stops it: the count is the reconsideration's
    other = text + "全年办理行政复议案件十二件。\n"
    assert _report_status("p1.study-xi-thought", other) == "partial"
    assert _report_status("p7.reconsideration", other) == "met"


def test_a_plans_part_led_in_by_its_closing_sentence_names_the_problems_its_items_answer():
    """A paragraph that opens admitting a gap and closes leading in the plans (…仍有差距。2024年,我县将
    重点做好以下工作:) leads a list of plans; an item that names the problem it answers (针对…不足的问题,
    下一步将…) admits that weakness too."""
    text = (
        "某县2023年法治政府建设情况报告\n一、主要工作\n全年办理行政复议案件12件。\n三、下一步工作打算\n"
        "2023年,我县法治政府建设取得一定成效,但与群众期待相比仍有差距。2024年,我县将重点做好以下工作:\n"
        "(一)针对乡镇综合执法力量不足的问题,下一步将组织乡镇执法人员全员轮训。\n"
        "(二)针对重大行政决策后评估开展较少的问题,下一步将选取3项决策开展后评估。\n"
        "(三)持续推进法治政府建设示范创建。\n"
    )
    assert _report_status("report.next-year", text) == "met"
    assert _report_status("report.shortcomings", text) == "met"
    # the plan an item states is still a plan for its subject, not the year's work
    assert _report_status("p4.decision-evaluation", text) == "partial"


def test_a_tax_bureaus_review_of_its_major_cases_under_a_legal_review_heading_is_no_decisions_review():
    # 重大税务案件审理 is the enforcement review of the three systems, whatever heading lends 法制审核
    text = (
        "某市税务局2023年法治政府建设情况报告\n一、主要工作\n(三)严格法制审核\n"
        "落实重大税务案件审理制度,全年审理重大税务案件21件。\n"
    )
    # (the heading alone names a legal review: at most a mention)
    assert _report_status("p4.decision-legality-review", text) in ("missing", "partial")
    # a government's decisions reviewed under the same heading are
    reviewed = text.replace("落实重大税务案件审理制度,全年审理重大税务案件21件", "全年审查县政府重大行政决策事项12件")
    assert _report_status("p4.decision-legality-review", reviewed) == "met"


@pytest.mark.parametrize("number", ["1.", "(一)", "一是", ""])
def test_a_numbered_sentence_a_semicolon_ends_is_no_title_and_lends_its_count_on(number):
    # (一)加强组织领导 is a title, and its paragraph's counts are not its own; a numbered line a
    # semicolon cuts (1.局长切实履行…职责；全年主持…5次) is one sentence to a reader, as with a comma
    text = "宁乡市交通运输局2024年法治政府建设工作报告\n一、主要工作\n"
    line = number + "局长切实履行推进法治建设第一责任人职责；全年主持召开局长办公会研究法治工作5次。\n"
    assert _report_status("report.first-responsible", text + line) == "met"
    titled = text + "(一)局长切实履行推进法治建设第一责任人职责\n全年主持召开局长办公会研究法治工作5次。\n"
    assert _report_status("report.first-responsible", titled) == "partial"
