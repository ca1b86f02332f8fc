"""Judge one hit like a careful reader: achievement, plan, shortcoming, negated, generic — or
no evidence at all.

A keyword in a sentence is not evidence by itself. What the sentence says about it decides:
- no evidence (`None`): an incidental mention — page navigation or chrome, the report's own lead
  (现将…报告如下), a law named as the document followed or studied (学习《行政复议法》 says nothing
  of reconsideration);
- `shortcoming`: the sentence stands in a shortcomings passage, or the hit's clause says the
  thing is lacking (有待 / 不够 / 不足 / 亟需 …);
- `plan`: the sentence stands in a plans passage, or a future marker (下一步 / 将继续 / 拟 /
  力争 …) governs the hit's clause;
- `negated`: the hit's clause denies it (尚未 / 未 / 没有 / 无 …), pseudo-negations aside;
- `achievement`: a reported action of the year with a specific detail *about the hit's subject*
  — a count with a measure word, a 《document》 issued, a body / platform / mechanism set up, a
  named meeting, event or campaign held, an honour won — in the hit's own clause or the clause
  that continues it; a cited guiding document is not a detail;
- `generic`: mentioned as done, in general terms only; also a subject that is one item of an
  agenda (研究…行政复议等事项).

The opening preamble (before the first numbered part) is read as a summary: only a detail in the
hit's own clause counts there.

Every word list comes from the lexicon (scorer.lexicon); the rules here are about the genre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon, default_lexicon
from ..structure import PLANS, SHORTCOMINGS, Sentence, Structure

ACHIEVEMENT, PLAN, SHORTCOMING, NEGATED, GENERIC = "achievement", "plan", "shortcoming", "negated", "generic"

_CLAUSE_END = re.compile(r"[,;:]")
_TITLE = re.compile(r"《[^》]{2,}》")
_QUOTED = re.compile("“[^”]{1,30}”")
# A chain of titles (《A》《B》和《C》) shares the verb in front of its first title.
_TITLE_CHAIN_TAIL = re.compile(r"(?:《[^》]*》[、和及与,]?|等)+$")
_NAVIGATION = re.compile(r"(?:^|\s)>\s|当前(?:的)?位置|首页\s*>|字号[::]|打印(?:本页|整页)|浏览次数|索引号")


@dataclass(frozen=True)
class Judge:
    """The judge's compiled patterns for one lexicon."""

    detail: re.Pattern[str]
    citing_tail: re.Pattern[str]
    studying_tail: re.Pattern[str]
    result_lead: re.Pattern[str]
    agenda_verb: re.Pattern[str]
    self_reference: re.Pattern[str]
    lexicon: Lexicon

    def judge(self, text: str, structure: Structure, sentence: Sentence, hit_start: int, hit_end: int) -> str | None:
        """The kind of evidence a hit at text[hit_start:hit_end] is; None when it is no evidence."""
        body = text[sentence.start:sentence.end]
        if _NAVIGATION.search(body) or sentence.start < structure.body_start:
            return None
        if self.self_reference.search(body):
            return None
        if self._inside_cited_title(text, sentence, hit_start, hit_end):
            return None
        if sentence.passage == SHORTCOMINGS:
            return SHORTCOMING
        if sentence.passage == PLANS:
            return PLAN
        c_start, c_end = clause_span(text, sentence, hit_start)
        c_end = max(c_end, hit_end)
        clause = self._masked(text[c_start:c_end])
        lex = self.lexicon
        if lex.negation.search(clause):
            return NEGATED
        if lex.shortcoming.search(clause):
            return SHORTCOMING
        # a future marker governs the rest of its sentence, so look from the sentence start
        if lex.plan.search(text, sentence.start, c_end):
            return PLAN
        if self._agenda_item(text, c_start, c_end, hit_start, hit_end):
            return GENERIC
        preamble = sentence.start < structure.preamble_end
        if not preamble:
            c_start, c_end = self._neighbours(text, sentence, c_start, c_end)
        if hit_start == sentence.start and hit_end == sentence.end:  # the subject is in the heading
            c_start = sentence.start
        return ACHIEVEMENT if self.has_detail(text, c_start, c_end, (hit_start, hit_end)) else GENERIC

    def has_detail(self, text: str, start: int, end: int, hit: tuple[int, int] | None = None) -> bool:
        """A specific detail in text[start:end]. A detail that merely names the hit term itself
        (全面推行行政执法“三项制度”) names the requirement, not something this report did; a
        《title》 after a citing verb (落实《纲要》) is the guidance followed, not a detail."""
        for m in self.detail.finditer(text, start, end):
            group = "named" if m.group("named") else "quoted" if m.group("quoted") else None
            if group is not None:
                # a quoted name holding the hit term names the requirement (推行“三项制度”); a
                # 《document》 on the subject is a detail unless it is only cited or studied
                if group == "quoted" and hit is not None and m.start(group) < hit[1] and hit[0] < m.end(group):
                    continue
                if group == "named" and self._cited(text, start, m.start(group), studied_counts=True):
                    continue
            return True
        return False

    def _neighbours(self, text: str, sentence: Sentence, c_start: int, c_end: int) -> tuple[int, int]:
        """The hit's clause with the clauses either side: a report's clauses run on (建立…机制,
        全年办理案件12件 / 配备执法记录仪320台,实现执法全过程记录), and the detail of one is the
        detail of its neighbour. Further away, a detail is about something else."""
        end = c_end
        # a clause stating the result of the hit's (推行…监管,实现进一次门、查多项事,执法频次
        # 缩减57%) carries the run-on one clause further
        while end < sentence.end:
            nxt = _CLAUSE_END.search(text, end + 1, sentence.end)
            added_start, end = end + 1, (nxt.start() if nxt else sentence.end)
            if not self.result_lead.match(text, added_start):
                break
        start = c_start
        if start > sentence.start:
            prev = None
            for m in _CLAUSE_END.finditer(text, sentence.start, start - 1):
                prev = m
            start = prev.end() if prev else sentence.start
        return start, end

    def _cited(self, text: str, clause_start: int, title_start: int, studied_counts: bool = False) -> bool:
        """The 《title》 at title_start is cited (落实《纲要》) or, unless `studied_counts`, studied
        (学习《民法典》) rather than issued."""
        prefix = _TITLE_CHAIN_TAIL.sub("", text[clause_start:title_start])
        if self.citing_tail.search(prefix):
            return True
        return not studied_counts and bool(self.studying_tail.search(prefix))

    def _inside_cited_title(self, text: str, sentence: Sentence, hit_start: int, hit_end: int) -> bool:
        for m in _TITLE.finditer(text, sentence.start, sentence.end):
            if m.start() <= hit_start and hit_end <= m.end():
                c_start, _ = clause_span(text, sentence, m.start())
                return self._cited(text, c_start, m.start())
        return False

    def _agenda_item(self, text: str, c_start: int, c_end: int, hit_start: int, hit_end: int) -> bool:
        """研究解决行政复议等重要事项: the subject is one item of what a meeting took up."""
        before = text[c_start:hit_start]
        after = text[hit_end:c_end]
        return bool(self.agenda_verb.search(before)) and bool(re.search(r"等(?:重要|重点|相关)?(?:法治)?(?:事项|工作|问题|议题)", after))

    def _masked(self, fragment: str) -> str:
        """Blank what only looks like negation: pseudo-negations, and quoted names (“莎姐守未在线”)."""
        blank = lambda m: "_" * len(m.group())  # noqa: E731 - same length keeps offsets
        return self.lexicon.pseudo_negation.sub(blank, _QUOTED.sub(blank, fragment))


@lru_cache(maxsize=8)
def judge_for(lexicon: Lexicon | None = None) -> Judge:
    lex = lexicon or default_lexicon()
    measure = lex.alternation("measure")
    detail = (
        # a count, amount or rate: digits with a measure word or %, not a year or a date
        rf"(?<![\d.])\d+(?:,\d{{3}})*(?:\.\d+)?\s*(?:万|亿)?\s*(?:余|多)?\s*{measure}"
        # a Chinese-numeral count of two or more characters (一次性 and 一是 are not counts), 百分之N
        rf"|[二三四五六七八九十两百千][一二三四五六七八九十百千万]*(?:余|多)?{lex.alternation('measure_cn')}"
        r"|百分之[一二三四五六七八九十百零点]+"
        # a body, platform or mechanism set up, a document issued, an honour won, an event held
        rf"|{lex.alternation('detail_verbs')}|{lex.alternation('honours')}|{lex.alternation('completed_events')}"
        # a named document, or a named campaign, system or platform put to use
        r"|(?P<named>《[^》]{2,}》)"
        rf"|{lex.alternation('named_thing_verbs')}[^,。;]{{0,8}}(?P<quoted>“[^”]{{2,30}}”)"
        # a named meeting that studied or decided
        rf"|{lex.alternation('meeting_bodies')}(?:会议)?[^,。;]{{0,8}}(?:专题)?{lex.alternation('meeting_acts')}"
    )
    return Judge(
        detail=re.compile(detail),
        citing_tail=re.compile(lex.alternation("citing_verbs") + r"(?:了|好|和|并)?[^,。;《》]{0,2}$"),
        studying_tail=re.compile(lex.alternation("studying_verbs") + r"(?:了|好|和|并)?[^,。;《》]{0,8}$"),
        result_lead=re.compile(r"\s*" + lex.alternation("result_leads")),
        agenda_verb=re.compile(lex.alternation("agenda_verbs")),
        self_reference=lex.pattern("report_self_reference"),
        lexicon=lex,
    )


def clause_span(text: str, sentence: Sentence, at: int) -> tuple[int, int]:
    """The comma clause of `sentence` holding offset `at` (、 does not end a clause here)."""
    start = sentence.start
    for m in _CLAUSE_END.finditer(text, sentence.start, at):
        start = m.end()
    m = _CLAUSE_END.search(text, at, sentence.end)
    return start, (m.start() if m else sentence.end)
