"""Judge one hit like a careful reader: achievement, plan, shortcoming, negated, generic — or
no evidence at all.

A keyword in a sentence is not evidence by itself. What the sentence says about it decides:
- no evidence (`None`): an incidental mention — page navigation or chrome, the report's own lead
  (现将…报告如下), a law named as study material or as the topic of a training or a publicity
  campaign (学习《行政复议法》 and 行政复议法专题培训 say nothing of reconsideration), a line of
  work as the topic of a training (行政执法、行政复议业务培训班) or as the trainees' trade
  (组织行政复议工作人员参加业务培训), a body's name (审计局, 行政复议科);
- `shortcoming`: the sentence stands in a shortcomings passage, or the hit's clause says the
  thing is lacking (the lexicon's shortcoming words: 不够 / 不足 …);
- `plan`: the sentence stands in a plans passage, or a future marker (the lexicon's plan words: 将继续 / 拟 /
  力争 …) governs the hit's clause;
- `negated`: the hit's clause denies it (尚未 / 未 / 没有 / 无 …), pseudo-negations aside;
- `achievement`: a reported action of the year with a specific detail *about the hit's subject*
  — a count with a measure word, a 《document》 issued, a body / platform / mechanism set up, a
  named meeting, event or campaign held, an honour won, none of a bad thing (零败诉) — in the
  hit's own clause or a clause that continues it as its result (an honour won among them), means
  or count; a cited guiding document is not a detail; a quoted name holding the requirement's own
  terms (落实“谁执法谁普法”普法责任制) names the requirement, unless a way of working is launched
  under it (创新推出“调解+公证”工作模式) or a campaign held under it (开展“宪法宣传周”系列活动);
  a named meeting is a detail for what it decided or studied only; a count a norm or an aim sets
  (要求各部门每年至少学法2次, 确保…达到100%) is no result;
- `generic`: mentioned as done, in general terms only, inside a slogan (尊法学法守法用法), or as a
  document being implemented (落实《…实施办法》).

A framing clause (以…为抓手, 按照…要求, 结合…, the aim served: 为…提供法治保障) is the lens of the
sentence, not its subject: the clauses after it lend a subject named in it no detail. A field
focused on (围绕/聚焦食品药品等重点领域,全年查办案件…) is where the work after it was done, so it is
no frame.

A subject that is only one item of a list about something else (研究解决行政复议等事项, 推进A、
B、C等各项任务) is no evidence unless its own item carries a detail (a count after the list counts
the list); a subject put into an assessment, agenda or plan (将普法工作纳入年度考核) likewise. In the
opening, such a list is the year's priorities (紧紧围绕优化营商环境、强化执法监督等重点任务): each item
is mentioned in general terms.

The opening preamble (before the first numbered part) is read as a summary: only a detail in the
hit's own clause counts there, and a plan it says the year followed (围绕…市委实施方案) is its lens.

Every word list comes from the lexicon (scorer.lexicon); the rules here are about the genre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon, default_lexicon
from ..result import EvidenceKind
from ..rubric.patterns import Pattern
from ..structure import PLANS, SHORTCOMINGS, Sentence, Structure

ACHIEVEMENT: EvidenceKind = "achievement"
PLAN: EvidenceKind = "plan"
SHORTCOMING: EvidenceKind = "shortcoming"
NEGATED: EvidenceKind = "negated"
GENERIC: EvidenceKind = "generic"

# a comma between a digit and three more is a thousands separator (1,260条), no clause end
_CLAUSE_END = re.compile(r"[;:]|,(?!(?<=\d,)\d{3}(?!\d))")
_TITLE = re.compile(r"《[^》]{2,}》")
_QUOTED = re.compile("“[^”]{1,30}”")
# a quoted goal or requirement being followed (锚定“…”的目标, 按照“…”要求), not a named system
_QUOTED_GOAL = re.compile("“[^”]{2,80}”(?=的?(?:目标|要求|标准|定位))")
# a 《title》 (and its edition) ending where a verb begins (《行政复议法》修订后)
_TITLE_BEFORE = re.compile(r"(?P<title>《[^《》]*》)(?:\([^()]{0,12}\))?$")
# A chain of titles (《A》《B》和《C》) shares the verb in front of its first title.
_TITLE_CHAIN_TAIL = re.compile(r"(?:《[^》]*》(?:\([^()]{0,12}\))?[、和及与,]?|等)+$")  # (2023年修订) after one
# the report's own words after the colon of its lead (…报告如下:一、…), when a page ran them together
_REPORT_FOLLOWS = re.compile(r":\s*\S")
# the other items of a list a hit opens, up to its 等 (行政执法、行政复议等…)
_LIST_REST = r"(?:[、和及与][^,。;、]{1,12})*等?"


@dataclass(frozen=True)
class Judgment:
    """What a hit is, and the detail that made it specific."""

    kind: EvidenceKind
    detail: tuple[int, int] | None = None  # span of the specific detail, for an achievement


@dataclass(frozen=True)
class Judge:
    """The judge's compiled patterns for one lexicon."""

    detail: re.Pattern[str]
    count: re.Pattern[str]
    citing_tail: re.Pattern[str]
    studying_tail: re.Pattern[str]
    result_lead: re.Pattern[str]
    means_lead: re.Pattern[str]
    back_reference: re.Pattern[str]
    action_lead: re.Pattern[str]
    participation_lead: re.Pattern[str]
    enumeration: re.Pattern[str]
    list_close: re.Pattern[str]
    list_governor: re.Pattern[str]
    org_suffix: re.Pattern[str]
    setup_verb: re.Pattern[str]
    launch_verb: re.Pattern[str]
    mechanism_noun: re.Pattern[str]
    holding_verb: re.Pattern[str]
    campaign_noun: re.Pattern[str]
    target_lead: re.Pattern[str]
    frequency: re.Pattern[str]
    agenda_verb: re.Pattern[str]
    agenda_noun: re.Pattern[str]
    inclusion_verb: re.Pattern[str]
    document_noun: re.Pattern[str]
    field_category: re.Pattern[str]
    inclusion_target: re.Pattern[str]
    self_reference: re.Pattern[str]
    guiding: re.Pattern[str]
    instruction_spirit: re.Pattern[str]
    navigation: re.Pattern[str]
    group_member: re.Pattern[str]
    law_name_ending: re.Pattern[str]
    law_title: re.Pattern[str]
    issuing: re.Pattern[str]
    outside_title: re.Pattern[str]
    framing_lead: re.Pattern[str]
    opener_lead: re.Pattern[str]
    study_after: re.Pattern[str]
    training_topic: re.Pattern[str]
    honour: re.Pattern[str]
    trainee_end: re.Pattern[str]
    trainees: re.Pattern[str]
    training_noun: re.Pattern[str]
    study_plan: re.Pattern[str]
    study_held: re.Pattern[str]
    answered_problem: re.Pattern[str]
    priority_frame: re.Pattern[str]
    focus_lead: re.Pattern[str]
    focus_frame_end: re.Pattern[str]
    joined_business: re.Pattern[str]
    place_subject: re.Pattern[str]
    unnamed_object: re.Pattern[str]
    continuation_lead: re.Pattern[str]
    own_subject: re.Pattern[str]
    leader_act: re.Pattern[str]
    leader: re.Pattern[str]
    lexicon: Lexicon

    def judge(
        self,
        text: str,
        structure: Structure,
        sentence: Sentence,
        hit_start: int,
        hit_end: int,
        names: Pattern | None = None,
    ) -> Judgment | None:
        """How a hit at text[hit_start:hit_end] bears on its requirement; None when it is no evidence.
        `names` matches the requirement's own terms: a quoted name holding one names the requirement."""
        # (a sentence a semicolon parts from the one it goes on from is read with it: 本报告所列数据的期限为…；
        # 全年…的数据来自执法台账 is a note on the report)
        body_start = (self.semicolon_previous(text, structure, sentence) or sentence).start
        body = text[body_start : sentence.end]
        if sentence.start < structure.body_start:
            return None  # page chrome above the report
        c_start, c_end = clause_span(text, sentence, hit_start)
        if self.navigation.search(text, c_start, max(c_end, hit_end)):
            # navigation (首页 > 政务公开 > 法治政府建设); a page that lost its line breaks runs its
            # crumbs into the report's first sentence, whose other clauses are the report's
            return None
        lead_to_report = self.self_reference.search(body)
        if lead_to_report and (
            hit_start < body_start + lead_to_report.end() or not _REPORT_FOLLOWS.match(body, lead_to_report.end())
        ):
            # the opening that leads to 现将…报告如下 frames the report: its guiding formulas are
            # a general mention (以习近平法治思想为指导), anything else in it is no evidence
            # (a formula inside a cited title, 《…贯彻落实…规定》, is the title's, not the report's);
            # what follows its colon on a page that lost its line breaks (…报告如下:一、加强组织领导
            # 县政府常务会议专题研究…4次) is the report itself
            lead = _TITLE.sub(_blank, text[c_start : max(c_end, hit_end)])
            if self.self_reference.search(lead) or not self.guiding.search(lead):
                return None
        if _inside(self.instruction_spirit, text, c_start, max(c_end, hit_end), hit_start, hit_end):
            return None  # 关于安全生产重要指示批示精神: the topic of the instructions
        suffix = self.org_suffix.match(text, hit_end)
        if suffix and not (
            self.setup_verb.search(text, sentence.start, hit_start)
            or self.setup_verb.search(text, suffix.end(), min(c_end, suffix.end() + _SETUP_AFTER_MAX))
        ):
            # 审计局, 普法办: a body's name, not its work — unless the body is being set up (组建综合
            # 行政执法局, 县行政复议局正式挂牌成立)
            return None
        title = self._title_around(text, sentence, hit_start, hit_end)
        if title == "studied" or self._law_studied(text, sentence, hit_start, hit_end):
            return None  # 学习《行政复议法》, 学习安全生产法律法规: study material
        if self.training_topic.match(text, hit_end) and not self.trainee_end.search(text, hit_start, hit_end):
            return None  # 行政执法、行政复议业务培训班: the topic taught
        trainees = self.trainees.match(text, hit_end)
        if trainees and self.training_noun.search(text, trainees.end(), c_end):
            return None  # 组织复议应诉工作人员参加业务培训: the trainees named by their work
        if sentence.passage == SHORTCOMINGS:
            return Judgment(SHORTCOMING)
        if sentence.passage == PLANS:
            answered = self.answered_problem.match(text, sentence.start)
            if answered and hit_end <= answered.end():
                return Judgment(SHORTCOMING)  # the problem a plan answers (针对…不足的问题,下一步将…)
            return Judgment(PLAN)
        c_end = max(c_end, hit_end)
        # masked with a few characters of what follows: a rule's condition is read with its
        # consequence in the next clause (未经合法性审核的,一律不得提交审议)
        clause = self._masked(text[c_start : min(sentence.end, c_end + _RULE_TAIL)])[: c_end - c_start]
        lex = self.lexicon
        if lex.pattern("negation").search(clause):
            return Judgment(NEGATED)
        if lex.pattern("shortcoming").search(self._blanked("shortcoming_remedied", clause)):
            return Judgment(SHORTCOMING)
        # a future marker governs the rest of its sentence, so look from the sentence start
        if lex.pattern("plan").search(text, sentence.start, c_end):
            return Judgment(PLAN)
        if title == "cited":
            # the documents an opening says the year followed (认真落实《…实施方案》) are its lens,
            # no mention of the work; in the body, implementing one on the subject is a mention
            if sentence.start < structure.preamble_end:
                return None
            return Judgment(GENERIC)  # 落实《…第一责任人职责实施办法》
        if (
            sentence.start < structure.preamble_end
            and self.document_noun.search(text, hit_start, hit_end)
            and self._governed(self.citing_tail, _TITLE.sub("", text[c_start:hit_start]))
        ):
            return None  # 紧紧围绕《纲要》和市委实施方案: a plan followed, named without brackets
        if _inside(self.joined_business, text, c_start, c_end, hit_start, hit_end):
            return None  # 将法治建设与安全生产…工作同部署: the business the rule of law goes with
        if _inside(lex.pattern("slogans"), text, c_start, c_end, hit_start, hit_end):
            return Judgment(GENERIC)  # 带头尊法学法守法用法: an attitude, whatever the clause reports
        whole = hit_start == sentence.start and hit_end == sentence.end  # the subject is in the heading
        included = not whole and self._included(text, c_start, c_end, hit_start, hit_end)
        item = None if whole or included else self._list_item(text, sentence, hit_start, hit_end)
        if included or item:
            # what is put into an assessment or a plan (将普法工作纳入年度考核) is not work on it;
            # one item of an agenda (研究解决行政复议等事项) is not work on it; one item of a list
            # about something else (推进A、B、C等各项任务) counts only with a detail in its own
            # clause (承担行政复议等职能,现有干部86人: the staff count is not about the item)
            if not included and self._agenda(text, sentence, hit_start, hit_end):
                return None
            # a list item's detail stands in the item (…、行政复议案件12件、…), not after the list
            # (复议应诉等法律事务37件 counts the list)
            d_start, d_end = item if item else (c_start, c_end)
            focused = (
                item == (c_start, c_end)
                and self._focused(text, c_start, c_end)
                and self._runs_on(text, structure, sentence, c_start)
            )
            if focused:
                d_end = self._neighbours(text, sentence, c_start, c_end)[1]  # 围绕A、B等重点领域,开展检查N次
            studied_end = self._study_held_after(text, structure, sentence, c_end) if included else None
            if studied_end:  # put into what is studied, then studied (纳入…中心组学习计划,开展集中学习4次)
                d_end = studied_end
            detail = self.find_detail(text, d_start, d_end, (hit_start, hit_end), names)
            if not detail and focused and _SENTENCE_REST.fullmatch(text, d_end, sentence.end):
                # …as across a semicolon typed for the comma (围绕A、B等领域；全年查办案件594件)
                detail = self._continued_count(text, structure, sentence, led=False)
            if detail:
                return Judgment(ACHIEVEMENT, detail)
            # the opening's list of the year's priorities (紧紧围绕优化营商环境、强化执法监督等重点任务) names
            # each in general terms; in the body a list about something else mentions none of them
            return Judgment(GENERIC) if sentence.start < structure.preamble_end and not included else None
        if not whole and self._agenda_item(text, sentence, hit_start, hit_end):
            # one of several items heard (听取法治政府建设、行政复议工作汇报), as one closed by 等 above,
            # is no mention of work on it unless the hearings are counted
            if listed_beside(text, hit_start, hit_end) and not self.find_detail(
                text, c_start, c_end, (hit_start, hit_end), names
            ):
                return None
            return Judgment(GENERIC)  # 听取综合行政执法改革专题汇报: on the agenda, no work on it reported
        led = not whole and self._led_by_leader(text, c_start, hit_start, hit_end)
        hit_clause_start = c_start  # (the run below may take in a framing clause before it)
        if whole:
            # the subject in the heading: the sentence is about it, as far as it goes (a sentence
            # the text's cut ends in, 省政府常务会议专题研究, has not yet said what was studied)
            c_start, c_end = sentence.start, self._fragment_start(text, sentence)
        elif hit_start < self._fragment_start(text, sentence):
            # (a hit in the fragment a cut sentence ends with, …,行政复议被, has no neighbours)
            if not self.framing_lead.match(text, c_start) and self._opens_sentence(text, sentence, hit_start):
                # the subject's clauses all report what it did, in the opening too (主要负责同志认真
                # 履行…职责,全年主持召开…会议2次)
                c_end = max(c_end, sentence.end)
            elif self._runs_on(text, structure, sentence, c_start):
                c_start, c_end = self._neighbours(text, sentence, c_start, c_end, for_detail=True)
                if led:
                    c_end = self._leader_acts_after(text, sentence, c_end)
            elif led:
                c_end = self._leader_acts_after(text, sentence, c_end)  # in the opening too
            elif c_end < sentence.end:
                # the opening's honours are the year's results (在…法治政府建设考核中,我县获评优秀等次),
                # when the next clause opens with one, not with a subject of its own
                following_end = clause_span(text, sentence, c_end + 1)[1]
                honour = self.honour.search(text, c_end + 1, following_end)
                if honour and honour.start() - (c_end + 1) <= _HONOUR_LEAD_MAX:
                    c_end = following_end
        detail = self.find_detail(text, c_start, c_end, None if whole else (hit_start, hit_end), names)
        if detail:
            return Judgment(ACHIEVEMENT, detail)
        if (
            not whole
            # a heading's subject is the heading's, not its paragraph's; a list item's lead (二是…；全年…)
            # is the item's first sentence, as is a numbered one a semicolon ends (1.市长切实履行…职责；
            # 全年3次主持…): no title ends so
            and not (
                sentence.is_heading
                and not structure.sections[sentence.section].heading.is_list_item
                and text[sentence.end - 1] != ";"
            )
            and _SENTENCE_REST.fullmatch(text, c_end, sentence.end)
            # (in the opening too where a semicolon stands for the comma: 主要负责同志履行…职责；全年主持…4次)
            and self._runs_on(
                text, structure, sentence, hit_clause_start, self.semicolon_next(text, structure, sentence) is not None
            )
        ):
            detail = self._continued_count(text, structure, sentence, led)
            if detail:
                return Judgment(ACHIEVEMENT, detail)
        return Judgment(GENERIC)

    def _continued_count(
        self, text: str, structure: Structure, sentence: Sentence, led: bool
    ) -> tuple[int, int] | None:
        """The count in the first clause of the paragraph's next sentence, when that sentence goes on
        with what this one said, with no subject of its own (局长切实履行…第一责任人职责。全年主持召开
        专题会议6次 / 深化行政复议体制改革；全年共办理案件126件): it opens with a continuation's lead
        (全年, 其中, 累计), as a clause that runs on does (see _neighbours). A full stop or a semicolon
        instead of a comma changes no reader's mind. After a sentence `led` by a principal leader, one
        that opens with what only a leader does (主持召开…, 听取…) goes on with that leader."""
        following = _in_step(sentence, structure.following(sentence))
        if following is None:
            return None
        lead = self.continuation_lead.match(text, following.start, following.end) or (
            led and self.leader_act.match(text, following.start, following.end)
        )
        if not lead or self.own_subject.match(text, lead.end(), following.end):
            return None
        # (a time lead may stand alone before its comma: 今年以来,共主持召开专题会议6次)
        end = clause_span(text, following, lead.end())[1]
        count = self.count.search(text, lead.end(), end)
        return count.span() if count else None

    def run(self, text: str, structure: Structure, sentence: Sentence, hit_start: int, hit_end: int) -> tuple[int, int]:
        """The span of the hit's clause with the clauses it continues and that continue it: what
        the sentence says of the hit's subject."""
        c_start, c_end = clause_span(text, sentence, hit_start)
        c_end = max(c_end, hit_end)
        if not self._runs_on(text, structure, sentence, c_start):
            return c_start, c_end
        start, end = self._neighbours(text, sentence, c_start, c_end)
        continued = self._continued_clause(text, structure, sentence) if start == sentence.start else None
        return (continued if continued is not None else start), end

    def _continued_clause(self, text: str, structure: Structure, sentence: Sentence) -> int | None:
        """Where the clause begins that a sentence opening with a continuation's lead goes on from, the
        last of the sentence before in its paragraph (…重大执法决定法制审核制度；全年对41件案件进行法制审核):
        a semicolon or a full stop for a comma changes what the run is about no more than it changes
        its count (see _continued_count)."""
        previous = _in_step(sentence, structure.preceding(sentence))
        if previous is None or not self.continuation_lead.match(text, sentence.start, sentence.end):
            return None
        return clause_span(text, previous, previous.end - 1)[0]

    def semicolon_previous(self, text: str, structure: Structure, sentence: Sentence) -> Sentence | None:
        """The sentence before, when a semicolon parts it from this one and this one goes on from it
        with a continuation's lead (…职责；全年主持召开…): one sentence to a reader, as with a comma."""
        previous = _in_step(sentence, structure.preceding(sentence))
        if previous is None or text[previous.end - 1] not in ";；":
            return None
        return previous if self.continuation_lead.match(text, sentence.start, sentence.end) else None

    def semicolon_next(self, text: str, structure: Structure, sentence: Sentence) -> Sentence | None:
        """The next sentence, when it goes on from this one across a semicolon (semicolon_previous)."""
        following = structure.following(sentence)
        if following is None or self.semicolon_previous(text, structure, following) != sentence:
            return None
        return following

    def _runs_on(
        self, text: str, structure: Structure, sentence: Sentence, c_start: int, in_opening: bool = False
    ) -> bool:
        """Whether the clause at c_start may run on into its neighbours: not in the opening, which is
        read as a summary (unless `in_opening` allows it), and not as a framing clause, which is the
        lens of what follows."""
        return (in_opening or sentence.start >= structure.preamble_end) and not self.framing_lead.match(text, c_start)

    def find_detail(
        self,
        text: str,
        start: int,
        end: int,
        hit: tuple[int, int] | None = None,
        names: Pattern | None = None,
    ) -> tuple[int, int] | None:
        """The first specific detail in text[start:end]. A quoted name holding the hit, or any of
        the requirement's own terms (`names`), names the requirement (全面推行行政执法“三项制度”,
        落实“谁执法谁普法”普法责任制), not something this report did; a 《title》 after a citing verb
        (落实《纲要》), a national law or a newspaper in 《》 is the guidance followed or the place
        written in, not a detail. Nor is a number in a name (“两个确立”), an event aimed at
        (申报…试点), or a verb saying who issued or held what the body follows or attends
        (按照市委印发的《…》)."""
        for m in self.detail.finditer(text, start, end):
            if (
                m.group("quoted")
                and (
                    hit is not None
                    # (inside its quotes: a hit that only begins at the closing one, ”平台, is the
                    # named thing's noun)
                    and m.start("quoted") + 1 < hit[1]
                    and hit[0] < m.end("quoted") - 1
                    or names is not None
                    and names.search(text, m.start("quoted"), m.end("quoted"))
                )
                and not self._launched(text, m.start(), m.end("quoted"))
            ):
                continue
            if m.group("event") and hit is not None and not _names_event(text, hit, m.span("event")):
                continue  # another subject's event
            if (m.group("event") or text[m.start() - 1 : m.start()] == "第") and self._aimed_at(text, start, m.start()):
                continue  # an event, or the round of one, only aimed at (申报…试点, 申报第三批…示范地区): not held
            if m.group("numeral") and (_in_quotes(text, m.start()) or text.startswith("制度", m.end())):
                continue  # a number in a name (“两个确立”, “三个下沉”, 三项制度), not a count
            if _inside(self.lexicon.pattern("numeral_idioms"), text, start, end, m.start(), m.end()):
                continue  # an idiom (千家万户, 全年365天), not a count
            if m.group("quoted") and _inside(self.lexicon.pattern("carried_out_rules"), text, start, end, *m.span()):
                continue  # a named rule kept (落实…“四个一”制度), not a thing done
            if m.group("meeting") and hit is not None and not self._meeting_on(text, hit, m.span("meeting")):
                continue
            if (
                m.group("event")
                and self._targeted(text, start, m.end())
                or (self.count.match(text, m.start()) and self._targeted(text, start, m.start()))
            ):
                continue  # 要求每年至少学法2次, 要求主要负责人每年述法: a norm, no result
            if m.group("issue") and self._outside_title_before(text, start, m.start()):
                continue  # 《行政复议法》修订后: the law's own revision, not the body's work
            if m.group("issue") and self.unnamed_object.match(text, m.end()):
                continue  # 修订完善各类应急预案: nothing in particular issued
            if m.group("issue") and text.startswith("的", m.end()):
                prefix = text[clause_span_in(text, start, m.start()) : m.start()]
                if self._governed(self.citing_tail, prefix) or self.lexicon.pattern("attending_verbs").search(prefix):
                    # 按照市委建立的…机制, 参加省政府召开的会议: who set it up or held it, not the body (a
                    # document verb before 的, 按照市委印发的《…》, is no issue at all: lexicon detail_verbs)
                    continue
            if m.group("named") and (
                self._cited(text, clause_span_in(text, start, m.start("named")), m.start("named"), studied_counts=True)
                or self.outside_title.search(m.group("named"))
            ):
                continue
            return m.span()
        return None

    def _targeted(self, text: str, start: int, at: int) -> bool:
        """An aim or a norm stands in the clause before offset `at` (a count's), or a frequency
        right before it."""
        clause = text[clause_span_in(text, start, at) : at]
        return bool(self.target_lead.search(clause) or self.frequency.search(clause))

    def _launched(self, text: str, verb: int, name_end: int) -> bool:
        """A way of working launched, or a campaign held, under the name ending at `name_end`: a
        launching verb opens the match at `verb` and a mechanism noun follows the name (推出“调解+
        公证”工作模式), or a holding verb and a campaign's noun (开展“宪法宣传周”系列活动)."""
        launched = self.launch_verb.match(text, verb) and self.mechanism_noun.match(text, name_end)
        held = self.holding_verb.match(text, verb) and self.campaign_noun.match(text, name_end)
        return bool(launched or held)

    def _outside_title_before(self, text: str, start: int, at: int) -> bool:
        """A 《title》 of the outside titles (a national law, the Outline) stands right before offset `at`."""
        title = _TITLE_BEFORE.search(text, start, at)
        return title is not None and self.outside_title.search(title["title"]) is not None

    def _aimed_at(self, text: str, start: int, at: int) -> bool:
        """A verb of aiming (申报, 争创 …) stands before offset `at` in its clause (text from `start` on)."""
        return self.lexicon.pattern("aspiration_verbs").search(text, clause_span_in(text, start, at), at) is not None

    def _meeting_on(self, text: str, hit: tuple[int, int], meeting: tuple[int, int]) -> bool:
        """A named meeting is specific for what it studied or decided. A meeting that studied
        (中心组学习, 常务会议会前学法) speaks only for what it studied, never for a subject in the
        clause before it."""
        if hit[1] <= meeting[0] and self.lexicon.pattern("studying_verbs").search(text, *meeting):
            return False
        return _names_event(text, hit, meeting)

    def _neighbours(
        self, text: str, sentence: Sentence, c_start: int, c_end: int, for_detail: bool = False
    ) -> tuple[int, int]:
        """The hit's clause with the clauses that continue it: a report's clauses run on
        (建立…机制,全年办理案件12件 / 配备执法记录仪320台,实现执法全过程记录), and the detail of one
        is the detail of its continuation. A neighbour that opens an action of its own (…,开展X)
        is about something else. For the detail (`for_detail`), a principal leader opening the clause
        is its subject and lends it nothing of the clause before (…领导小组,镇党委书记、镇长切实履行
        第一责任人职责); what rules a hit out is still read there (安全生产方面,局主要负责人作为第一责任人)."""
        end = c_end
        while end < sentence.end:
            nxt = _CLAUSE_END.search(text, end + 1, sentence.end)
            added_start, added_end = end + 1, (nxt.start() if nxt else sentence.end)
            # an honour won is what came of the work before it (申报创建…示范地区,青秀区被命名为…)
            result = self.result_lead.match(text, added_start) or self.honour.search(text, added_start, added_end)
            if (
                self.action_lead.match(text, added_start)
                and not result
                and not (
                    end == c_end
                    and (self.priority_frame.search(text, c_start, c_end) or self._focused(text, c_start, c_end))
                    and self.count.search(text, added_start, added_end)
                )
            ):
                break
            # a clause runs on only as the result, the means or the count of the one before
            # (…,实现…; …,通过搭建…平台; …,全年审核文件14件); one with a verb and object of its own
            # (…,全员配发《…》) is another piece of work
            if not (
                result
                or self.back_reference.match(text, added_start)
                or self.means_lead.match(text, added_start)
                or self.count.search(text, added_start, added_end)
            ):
                break
            end = added_end
            if not result:  # a result clause carries the run-on one clause further
                break
        start = c_start
        if for_detail and (self._subject_leader(text, c_start, c_end) or self.place_subject.match(text, c_start)):
            return start, end
        while start > sentence.start:
            opens_own = (
                self.action_lead.match(text, start) or start == c_start and self.participation_lead.match(text, start)
            ) and not self.result_lead.match(text, start)
            if opens_own and not self.group_member.search(text, start, c_end):
                break
            # a clause that refers back (…11件,均经合法性审核,并报…备案) carries on to the one before
            refers_back = self.back_reference.match(text, start)
            prev = None
            for m in _CLAUSE_END.finditer(text, sentence.start, start - 1):
                prev = m
            start = prev.end() if prev else sentence.start
            if not refers_back and not self.group_member.search(text, start, c_end):
                break
        return start, end

    def _focused(self, text: str, c_start: int, c_end: int) -> bool:
        """The clause names the field or problem the work after it is done on (围绕安全生产, 聚焦…等重点
        领域), not an occasion it was done at or an aim it served (围绕“3·15”…等节点, 围绕…营商环境建设)."""
        focus = self.focus_lead.match(text, c_start)
        return focus is not None and not self.focus_frame_end.search(text, c_start, c_end)

    def _opens_sentence(self, text: str, sentence: Sentence, hit_start: int) -> bool:
        """The hit is the subject the sentence opens with (局主要负责人认真履行…职责,主持…,
        二是县政府常务会议…): every clause after it reports what that subject did. Only a short
        name of its owner (局, 市政府), an item marker (二是), a connective (同时,) or the time
        (2023年,) may come before it."""
        return self._subject_lead(_ITEM_MARKER.sub("", text[sentence.start : hit_start], count=1))

    def _subject_lead(self, lead: str) -> bool:
        """Whether what stands before a subject leaves it the subject: only a short name of its
        owner (局, 市政府), a connective (同时,) or the time (2023年,), no clause and no action."""
        lead = self.opener_lead.sub("", lead, count=1)  # 同时,局党组书记… / 2023年,局党组…
        return len(lead) <= _SUBJECT_OWNER_MAX and not _CLAUSE_END.search(lead) and not self.action_lead.search(lead)

    def _subject_leader(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """The principal leader text[start:end] opens with as its subject (…领导小组,镇党委书记、镇长切实
        履行第一责任人职责): only a short name of the leader's body, a connective or the time before it."""
        leader = self.leader.search(text, start, end)
        return leader if leader is not None and self._subject_lead(text[start : leader.start()]) else None

    def _led_by_leader(self, text: str, clause_start: int, hit_start: int, hit_end: int) -> bool:
        """The hit is a principal leader, the subject its clause opens with (…,党组书记、厅长带头履行…
        职责): only a short name of the leader's body, a connective or the time before it. (A subject
        the leader works on, 局长带头优化营商环境, is not the leader: the leader's other acts are not
        about it.)"""
        leader = self._subject_leader(text, clause_start, hit_end)
        return leader is not None and leader.start() < hit_end and hit_start < leader.end()

    def _leader_acts_after(self, text: str, sentence: Sentence, c_end: int) -> int:
        """Where the run of clauses after c_end ends that report what only a leader does, the leader of
        the clause before (…职责,召开厅党组会议研究法治工作5次,主持…): a clause on something else, or
        the body's own work (年初印发《…工作要点》), ends it."""
        end = c_end
        while end < sentence.end:
            start = end + 1
            lead = self.continuation_lead.match(text, start, sentence.end)
            if not self.leader_act.match(text, lead.end() if lead else start, sentence.end):
                break
            end = clause_span(text, sentence, start)[1]
        return end

    def _cited(self, text: str, clause_start: int, title_start: int, studied_counts: bool = False) -> bool:
        """The 《title》 at title_start is cited (落实《纲要》) or, unless `studied_counts`, studied
        (学习《民法典》) rather than issued."""
        prefix = _TITLE_CHAIN_TAIL.sub("", text[clause_start:title_start])
        if self._governed(self.citing_tail, prefix):
            return True
        return not studied_counts and self._governed(self.studying_tail, prefix)

    def _governed(self, tail: re.Pattern[str], prefix: str) -> bool:
        """`prefix` ends in what the verb of `tail` governs (根据中办、国办…, 学习习近平法治思想、…以及),
        with no verb issuing something in between (学习…并制定 issues, it does not study)."""
        m = tail.search(prefix)
        return m is not None and not self.issuing.search(prefix, m.end("verb"))

    def _title_around(self, text: str, sentence: Sentence, hit_start: int, hit_end: int) -> str:
        """ "studied" / "cited" when the hit lies in a 《title》 studied or cited, or in a quoted
        goal or slogan cited (锚定“…考核12项指标进入第一序列”的目标), else ""."""
        for m in _QUOTED_GOAL.finditer(text, sentence.start, sentence.end):
            if m.start() <= hit_start and hit_end <= m.end():
                c_start, _ = clause_span(text, sentence, m.start())
                if self._governed(self.citing_tail, text[c_start : m.start()]):
                    return "cited"
        for m in _TITLE.finditer(text, sentence.start, sentence.end):
            if m.start() <= hit_start and hit_end <= m.end():
                c_start, _ = clause_span(text, sentence, m.start())
                if self._cited(text, c_start, m.start(), studied_counts=True):
                    # a law taken as the theme of study or publicity (围绕新修订《行政复议法》举办
                    # 执法人员培训班2期) is study material, as a law studied is
                    if self.law_title.search(text, m.start(), m.end()) and self._studied_next(text, sentence, m.end()):
                        return "studied"
                    return "cited"
                if self._cited(text, c_start, m.start()) or self.study_after.match(text, m.end()):
                    return "studied"
        return ""

    def _studied_next(self, text: str, sentence: Sentence, at: int) -> bool:
        """Study or publicity is what the sentence goes on to do, in the clause at `at` or the next."""
        _, end = clause_span(text, sentence, at)
        following = _CLAUSE_END.search(text, end + 1, sentence.end)
        stop = following.start() if following else sentence.end
        return bool(self.lexicon.pattern("study_nouns").search(text, at, stop))

    def _law_studied(self, text: str, sentence: Sentence, hit_start: int, hit_end: int) -> bool:
        """The hit names a law without 《》 (安全生产法, 行政复议条例) that a studying verb governs
        or that is the topic of study or publicity (行政复议法专题培训)."""
        law = self.law_name_ending.match(text, hit_end)
        if not law:
            return False
        c_start, _ = clause_span(text, sentence, hit_start)
        return self._governed(self.studying_tail, text[c_start:hit_start]) or bool(
            self.study_after.match(text, law.end())
        )

    def _list_item(self, text: str, sentence: Sentence, hit_start: int, hit_end: int) -> tuple[int, int] | None:
        """The span of the item, when the hit is one item of an enumeration closed by 等 + what
        the items are (A、B、C等工作, 行政复议等重要事项, 立法、执法、普法各环节): the sentence is
        about the list, not this item."""
        c_start, c_end = clause_span(text, sentence, hit_start)
        if not self.list_close.search(text, hit_end, c_end):
            return None  # every enumeration this reads is closed by 等 or a closer (各环节, 案卷)
        for m in self.enumeration.finditer(text, c_start, c_end):
            if m.start() <= hit_start and hit_end <= m.end():
                # in the first item, only what follows the word governing the list is an item
                # (区政府主要负责同志20余次对A、B等工作作出指示: the leaders govern, A and B are items)
                first_sep = text.find("、", m.start(), m.end())
                in_first = first_sep < 0 or hit_start < first_sep
                if in_first and not self.list_governor.search(text, m.start(), hit_start):
                    return None
                if self.field_category.search(text, m.start(), m.end()):
                    return c_start, c_end  # fields the work was done in: its detail is each field's
                item_start = max(m.start(), text.rfind("、", m.start(), hit_start) + 1)
                ends = [i for i in (text.find("、", hit_end, m.end()), text.find("等", hit_end, m.end())) if i >= 0]
                item_end = min(ends) if ends else m.end()
                governors = [g.end() for g in self.list_governor.finditer(text, hit_end, item_end)]
                on_agenda = self.agenda_verb.search(text, c_start, item_start) is not None
                if governors and not (on_agenda and max(governors) == item_end):
                    # the hit governs the list that starts after it in its own “item” (党组书记、区长主持召开
                    # 常务会议专题研究A、B等事项: the meeting studied the items, it is none of them); on an
                    # agenda, a governing word that ends the item governs nothing (研究A、“八五”普法中期
                    # 推进等工作: 普法 is one of the items studied)
                    return None
                return item_start, item_end
        return None

    def _agenda_item(self, text: str, sentence: Sentence, hit_start: int, hit_end: int) -> bool:
        """The hit is what a meeting heard or studied (听取…改革专题汇报, 审议…事项)."""
        c_start, c_end = clause_span(text, sentence, hit_start)
        return bool(self.agenda_verb.search(text, c_start, hit_start) and self.agenda_noun.search(text, hit_end, c_end))

    def _included(self, text: str, c_start: int, c_end: int, hit_start: int, hit_end: int) -> bool:
        """The hit is the object of 将/把 … 纳入 an assessment, agenda or plan (将A、B工作纳入考核)."""
        marker = max(text.rfind("将", c_start, hit_start), text.rfind("把", c_start, hit_start))
        if marker < 0:
            return False
        verb = self.inclusion_verb.search(text, hit_end, c_end)
        return verb is not None and self.inclusion_target.search(text, verb.end(), c_end) is not None

    def _study_held_after(self, text: str, structure: Structure, sentence: Sentence, c_end: int) -> int | None:
        """Where the next clause ends, when the clause ending at c_end put something into a plan or
        content of study (…纳入…学习计划) and that next clause reports the study held with a count
        (开展集中学习4次); else None. The next clause may open the sentence a semicolon parts from this
        one where it goes on from it (…纳入…学习重要内容；全年开展会前学法14次)."""
        if c_end >= sentence.end or not self.study_plan.search(text, max(sentence.start, c_end - 8), c_end):
            return None
        following = self.semicolon_next(text, structure, sentence) if c_end + 1 >= sentence.end else None
        n_start, n_sentence = (following.start, following) if following else (c_end + 1, sentence)
        n_end = clause_span(text, n_sentence, n_start)[1]
        held = self.study_held.search(text, n_start, n_end) and self.count.search(text, n_start, n_end)
        return n_end if held else None

    def _agenda(self, text: str, sentence: Sentence, hit_start: int, hit_end: int) -> bool:
        c_start, c_end = clause_span(text, sentence, hit_start)
        return bool(self.agenda_verb.search(text, c_start, hit_start) or self.agenda_verb.search(text, hit_end, c_end))

    def _fragment_start(self, text: str, sentence: Sentence) -> int:
        """Where the unfinished clause of a sentence cut off mid-way (the text ends inside it)
        begins; the sentence's end if it is whole. A cut sentence counts for what it already
        says (…,共涉及29个部门), but a subject named only in the fragment (…,行政复议被) is
        named without what was said of it."""
        cut = sentence.end >= len(text.rstrip()) and text.rstrip()[-1:] not in "。!?;”\"')"
        if not cut:
            return sentence.end
        ends = [m.end() for m in _CLAUSE_END.finditer(text, sentence.start, sentence.end)]
        return ends[-1] if ends else sentence.start

    def _masked(self, fragment: str) -> str:
        """Blank what only looks like negation: pseudo-negations, and quoted names (“莎姐守未在线”)."""
        return self._blanked("pseudo_negation", _QUOTED.sub(_blank, fragment))

    def _blanked(self, name: str, fragment: str) -> str:
        """`fragment` with the matches of a lexicon list blanked, offsets kept."""
        return self.lexicon.pattern(name).sub(_blank, fragment)


def _blank(match: re.Match[str]) -> str:
    return "_" * len(match.group())  # the same length keeps offsets


def _in_step(sentence: Sentence, other: Sentence | None) -> Sentence | None:
    """`other` when it stands in `sentence`'s paragraph and passage: one may go on from the other."""
    if other is None or other.paragraph != sentence.paragraph or other.passage != sentence.passage:
        return None
    return other


def listed_beside(text: str, start: int, end: int) -> bool:
    """The words at text[start:end] stand next to a 、: one item of an enumeration."""
    return "、" in (text[start - 1 : start], text[end : end + 1])


def _in_quotes(text: str, at: int) -> bool:
    """Offset `at` stands inside a quoted name (“…”, at most 30 characters)."""
    opening = text.rfind("“", max(0, at - 30), at)
    return opening >= 0 and "”" not in text[opening:at] and "”" in text[at : opening + 32]


def _inside(pattern: re.Pattern[str], text: str, start: int, end: int, hit_start: int, hit_end: int) -> bool:
    """The hit lies inside a match of `pattern` in text[start:end]."""
    return any(m.start() <= hit_start and hit_end <= m.end() for m in pattern.finditer(text, start, end))


# An item marker opening a sentence (二是 / 3. / (2)), and how long the name of a subject's owner
# before it may be (局 / 县政府 / 市委依法治市办).
_ITEM_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+是|\d+[.、]|\(\d+\))")
_SUBJECT_OWNER_MAX = 8

# what may stand between a sentence's last clause and its end (the full stop, a closing mark)
_SENTENCE_REST = re.compile(r"[\s。;!?；！？”’)）]*")
_RULE_TAIL = 8  # how far past a clause a pseudo-negation may end (…的,一律不得)
_SETUP_AFTER_MAX = 10  # how far after a body's name, in its clause, its setting up may end (…局于6月正式挂牌)
_HONOUR_LEAD_MAX = 4  # how far into its clause an honour may start after the one who won it (我县获评)
# how far before an event its subject may stand (行政复议规范化建设试点), counted from the end of the
# quoted name that holds it (“双随机、一公开”监管实现…全覆盖)
_EVENT_REACH = 12


def _names_event(text: str, hit: tuple[int, int], event: tuple[int, int]) -> bool:
    """The event is about the hit's subject: the hit is inside it, its object (试点开展…述法), just
    before it in the same phrase (行政复议规范化建设试点), or in another clause that the event's
    clause continues (示范创建工作成效显著,已通过省评估). Another subject joined in the same
    clause (开展法治考评和示范创建) is not the event's."""
    if hit[0] < event[1] and event[0] < hit[1]:
        return True
    if event[1] <= hit[0]:
        gap = text[event[1] : hit[0]]
        return not re.search(r"[,;:、和及与]", gap)  # (another item of a list before it is not its event)
    gap_start = hit[1]
    if _in_quotes(text, hit[0]) and (close := text.find("”", hit[1], event[0])) >= 0:
        gap_start = close + 1  # the rest of a quoted name is the name's: “双随机、一公开”监管实现全覆盖
    gap = text[gap_start : event[0]]
    if re.search(r"[,;:]", gap):
        return True  # a continuation clause
    return event[0] - gap_start <= _EVENT_REACH and not re.search(r"[、和及与]", gap)


def _enumeration(categories: str, closers: str, actions: str) -> str:
    """Items (each at most 30 characters, the first with the verb that governs the list) joined by
    、 and closed by 等 + a category, or one short item before 等 + a category."""
    item = r"[^,。;、:]{1,30}"
    return (
        # (what stands between 等 and the category qualifies it; an action there, 等形式开展学习培训,
        # makes the category its object, not what the items are)
        rf"(?:{item}、)+{item}?(?:等(?:(?!{actions})[^,。;、:]){{0,6}}?{categories}|{closers})"
        rf"|[^,。;、:]{{1,30}}等(?:重要|重点|相关)?{categories}"
    )


def _after_name(nouns: str) -> re.Pattern[str]:
    """One of `nouns` a few characters after a quoted name's closing quote (“…”工作模式, “…”系列活动)."""
    return re.compile(rf"[^,。;“”]{{0,4}}?{nouns}")


@lru_cache(maxsize=8)
def judge_for(lexicon: Lexicon | None = None) -> Judge:
    lex = lexicon or default_lexicon()
    measure = lex.alternation("measure")
    # a verb that issues something between a citing verb and its title breaks the citing (学习…并制定
    # issues); one that only says who issued it does not (按照市委印发的《…》 follows the document)
    issuing = rf"{lex.alternation('detail_verbs')}(?!的)"
    time_limits = "|".join(unit for unit in lex.lists["duration_units"] if len(unit) > 1)
    # an honour won, unless its title is one an office wins for anything (青年文明号, 文明单位)
    honour_won = rf"{lex.alternation('honours')}(?![^,。;]{{0,16}}?{lex.alternation('off_subject_titles')})"
    count = (
        # a count, amount or rate: digits with a measure word or %, not a year or a date
        rf"(?<![\d.])\d+(?:,\d{{3}})*(?:\.\d+)?\s*(?:万|亿)?\s*(?:余|多)?\s*{measure}"
        # a Chinese-numeral count, one from 二 up (一次性, 一是, 一个机制 are no counts), 百分之N; ten
        # thousand and more by 万 alone (逾万条, 上万人次)
        rf"|(?P<numeral>(?:[二三四五六七八九十两百千]|(?<=[逾上近数超])万)[一二三四五六七八九十百千万]*(?:余|多)?"
        rf"{lex.alternation('measure_cn')}"
        # a count of one where it ends its clause (发生行政诉讼案件一件,), not 一次性 or 一个机制
        rf"|(?<![一二三四五六七八九十百千万第统唯同单逐划之])一{lex.alternation('measure_cn')}(?=[,。;!?]|$)"
        # …or a time limit of one (压缩至一个工作日以内, 一个月内办结); not 一年来 or 一日 (one-character units)
        rf"|(?<![一二三四五六七八九十百千万第统唯同单逐划之])一(?:{time_limits}))"
        r"|百分之(?:[一二三四五六七八九十百零点]+|\d)"
        # a count whose measure stands before it (享受人次达14.6万, 网上办件量达12000)
        rf"|{lex.alternation('count_labels')}{lex.alternation('count_reaching')}\d"
        # a count a mirror redacted (学习…(略)次): a count all the same
        rf"|\(略\)\s*{measure}"
        # a table's cell after a label holding the unit or the unit's own cell (行政复议案件(件) | 126,
        # 行政复议案件 | 件 | 126); the figures read it so too, when it is the row's one value (numbers.py)
        rf"|(?:\(|\|\s*)(?:{measure}|%)\)?\s*\|\s*\d+(?:\.\d+)?(?![\d.])"
    )
    detail = (
        count
        # a body, platform or mechanism set up, a document issued, an honour won, none of a bad thing
        + rf"|(?P<issue>{lex.alternation('detail_verbs')})"
        + rf"|{honour_won}|{lex.alternation('zero_results')}"
        # a named event held: specific for its own subject (组织…述法 / 行政复议…试点), not its clause's others
        rf"|(?P<event>{lex.alternation('completed_events')})"
        # a named document, or a named campaign, system or platform put to use (not a period's
        # name, “八五” 普法, “十四五” 规划, nor a day's, 利用“3·15”等时间节点)
        r"|(?P<named>《[^》]{2,}》)"
        rf"|{lex.alternation('named_thing_verbs')}[^,。;]{{0,8}}"
        r"(?P<quoted>“(?![一二三四五六七八九十]+”)(?!\d{1,2}[·.・•]\d{1,2}”)[^”]{2,30}”)"
        # a named meeting that studied or decided: specific for what it studied or decided (not a
        # body's decisions named as a noun, 按照…委员会的部署, 落实…委员会各项部署: what the work follows)
        rf"|(?P<meeting>{lex.alternation('meeting_bodies')}(?:会议)?"
        rf"(?:(?!{lex.alternation('collective_quantifiers')})[^,。;的]){{0,8}}(?:专题)?{lex.alternation('meeting_acts')}"
        # (not its plan of study, 中心组年度学习计划)
        r"(?!计划|安排|清单|制度))"
    )
    return Judge(
        detail=re.compile(detail),
        count=re.compile(count),
        action_lead=re.compile(
            rf"\s*(?:{lex.alternation('clause_connectives')}|{lex.alternation('clause_conjunctions')})?,?"
            rf"(?:{lex.alternation('action_leads')}|{lex.alternation('sequence_adverbs')})"
        ),
        participation_lead=re.compile(r"\s*" + lex.alternation("participation_leads")),
        enumeration=re.compile(
            _enumeration(
                lex.alternation("list_categories"), lex.alternation("list_closers"), lex.alternation("action_leads")
            )
        ),
        list_close=re.compile(rf"等|{lex.alternation('list_closers')}"),
        navigation=lex.pattern("navigation"),
        group_member=lex.pattern("group_members"),
        law_name_ending=re.compile(lex.alternation("law_name_endings")),
        # a 《title》 that names a law (《中华人民共和国行政复议法》, 《…条例(修订)》)
        law_title=re.compile("(?:" + lex.alternation("law_name_endings") + r")(?:\([^)]*\))?》"),
        issuing=re.compile(issuing),
        outside_title=re.compile(lex.alternation("outside_titles") + r"(?:\([^)]*\))?》$"),
        opener_lead=re.compile(
            rf"^(?:{lex.alternation('clause_connectives')}|{lex.alternation('sentence_openers')}),?"
        ),
        framing_lead=re.compile(
            rf"\s*(?:{lex.alternation('framing_subjects')})?(?:{lex.alternation('framing_leads')})"
        ),
        # after a law's name or a chain of titles: (等)(法律法规)(专题)培训
        study_after=re.compile(
            r"(?:[、和及与]?《[^》]*》)*等?(?:法律法规|法律|法规)?"
            # put into what is studied (等纳入党组理论学习中心组学习内容)
            + rf"(?:{lex.alternation('object_marker_verbs')}[^,。;]{{0,16}}?)?"
            + "(?:专题|主题|集中|系列|知识)?"
            + lex.alternation("study_nouns")
        ),
        # after a line of work (and the other items of its list): 业务培训, 工作讲座
        training_topic=re.compile(
            _LIST_REST + lex.alternation("training_topic_domains") + "(?:知识)?" + lex.alternation("training_nouns")
        ),
        trainee_end=re.compile(lex.alternation("trainee_ends") + "$"),
        # the people of a line of work trained (行政复议工作人员, 调解和应诉人员), not those a
        # body teaches (法律顾问为全局干部讲课)
        trainees=re.compile(
            _LIST_REST
            + rf"(?:(?!{lex.alternation('recipient_markers')})[\u4e00-\u9fff]){{0,4}}?(?:工作)?"
            + lex.alternation("trainee_nouns")
        ),
        training_noun=lex.pattern("training_nouns"),
        study_plan=lex.pattern("study_plan_words"),
        study_held=lex.pattern("study_held_words"),
        answered_problem=re.compile(rf"针对[^。;]{{2,60}}?(?:{lex.alternation('answered_problem_words')}),"),
        # a priority set on the subject, a place given it (把学习贯彻习近平法治思想作为首要政治任务, 把法治建设
        # 摆在突出位置): the counted work of the clause after it carries it out, with or without 全年
        priority_frame=re.compile(rf"把[^,。;]{{2,40}}?(?:作为|{lex.alternation('object_marker_placements')})"),
        # a field or problem focused on (围绕安全生产, 聚焦…等重点领域): the counted work of the clause
        # after it is done there, as with a priority set
        focus_lead=re.compile(rf"\s*(?:{lex.alternation('framing_subjects')})?(?:{lex.alternation('focus_leads')})"),
        focus_frame_end=re.compile(rf"(?:{lex.alternation('focus_frame_ends')})$"),
        # the department's business joined to the rule of law in a slogan (将法治建设与安全生产、防灾减灾救灾
        # 工作同部署、同推进): named as what the rule of law goes with, no work on it reported
        joined_business=re.compile(rf"与[^,。;]{{1,30}}?{lex.alternation('joint_verbs')}"),
        place_subject=lex.pattern("place_subjects"),
        unnamed_object=lex.pattern("unnamed_objects"),
        # 全年 / 其中 / 累计 opening a sentence that goes on with the one before
        continuation_lead=re.compile(rf"\s*(?:{lex.alternation('continuation_leads')})+,?"),
        own_subject=lex.pattern("own_subjects"),
        honour=re.compile(honour_won),
        leader_act=re.compile(rf"\s*(?:{lex.alternation('sequence_adverbs')})?{lex.alternation('leader_acts')}"),
        leader=lex.pattern("leader_titles"),
        list_governor=lex.pattern("list_governors"),
        org_suffix=re.compile(lex.alternation("org_suffixes")),
        setup_verb=lex.pattern("setup_verbs"),
        launch_verb=lex.pattern("launch_verbs"),
        mechanism_noun=_after_name(lex.alternation("mechanism_nouns")),
        holding_verb=lex.pattern("holding_verbs"),
        campaign_noun=_after_name(lex.alternation("campaign_nouns")),
        # an aim (确保…达到100%) or a norm (要求每年至少…2次) before a count: the count is its measure
        target_lead=re.compile(lex.alternation("figure_plan") + "|" + lex.alternation("norm_leads")),
        frequency=lex.pattern("frequencies"),
        agenda_verb=lex.pattern("agenda_verbs"),
        agenda_noun=lex.pattern("agenda_nouns"),
        inclusion_verb=lex.pattern("object_marker_verbs"),
        # a hit that ends in a document's noun; an enumeration that ends in a field category
        document_noun=re.compile(lex.alternation("document_nouns") + "$"),
        field_category=re.compile(lex.alternation("field_categories") + "$"),
        inclusion_target=lex.pattern("inclusion_targets"),
        # the verb, then at most the issuer (根据中办、国办《…》, 按照省委依法治省办《…》)
        citing_tail=re.compile("(?P<verb>" + lex.alternation("citing_verbs") + r")(?:了|好|和|并)?[^,。;《》]{0,12}$"),
        studying_tail=re.compile(
            "(?P<verb>" + lex.alternation("studying_verbs") + r")(?:了|好|和|并)?[^,。;《》]{0,30}$"
        ),
        result_lead=re.compile(r"\s*" + lex.alternation("result_leads")),
        means_lead=re.compile(r"\s*" + lex.alternation("means_leads")),
        back_reference=re.compile(r"\s*" + lex.alternation("back_references")),
        self_reference=re.compile(lex.alternation("report_self_reference") + "|" + lex.alternation("report_notes")),
        guiding=lex.pattern("guiding_formula"),
        instruction_spirit=lex.pattern("instruction_spirit"),
        lexicon=lex,
    )


def clause_span_in(text: str, start: int, at: int) -> int:
    """Where the comma clause holding offset `at` begins, looking back no further than `start`."""
    for m in _CLAUSE_END.finditer(text, start, at):
        start = m.end()
    return start


def clause_span(text: str, sentence: Sentence, at: int) -> tuple[int, int]:
    """The comma clause of `sentence` holding offset `at` (、 does not end a clause here)."""
    start = clause_span_in(text, sentence.start, at)
    m = _CLAUSE_END.search(text, at, sentence.end)
    return start, (m.start() if m else sentence.end)
