"""Copied text within a batch (scorer.compare.within_batch, scorer.copied.SentenceIndex), on
batches of sentences of our own: who is found sharing what, and what the genre's formulas count
for."""

from __future__ import annotations

import random

from scorer.compare import COMMON_HOLDERS, within_batch
from scorer.copied import SentenceIndex, sentence_keys
from scorer.normalize import normalize
from scorer.result import ReportResult, SentencePrint

# Characters of the genre, drawn at random into sentences no two reports share by chance.
_POOL = "法治政府建设行政执法决策程序复议诉讼监督公开服务改革审批许可处罚强制检查规范文件审核清单权责" * 2
PARAGRAPH = [
    "区司法局牵头梳理镇街综合执法事项清单并逐项明确承接主体和监督方式",
    "聘请十二名特邀行政执法监督员对窗口单位开展不打招呼的明察暗访",
    "将行政复议决定书履行情况纳入对各部门年度绩效考核的扣分项目",
]
FORMULA = "坚持以习近平新时代中国特色社会主义思想为指导深入学习贯彻习近平法治思想"


def _own(report: int, count: int = 4) -> list[str]:
    rng = random.Random(report)
    return ["".join(rng.choice(_POOL) for _ in range(24)) for _ in range(count)]


def _report(source: str, sentences: list[str]) -> ReportResult:
    text = normalize("。".join(sentences) + "。").text
    prints, start = [], 0
    for sentence in sentences:
        end = start + len(sentence) + 1
        keys = sentence_keys(text[start:end])
        assert keys, sentence
        prints.append(SentencePrint(start, end, keys, text[start:end]))
        start = end
    return ReportResult(
        source, "txt", None, None, None, None, None, None, 0.0, "", 0.0, 0.0, (), (), sentences=tuple(prints)
    )


def _copied(reports: list[ReportResult]) -> dict:
    return {r.source: r.copied for r in within_batch(reports)}


def _sources(pairs) -> list[str]:
    return [p.source for p in pairs]


def test_three_reports_sharing_a_paragraph_find_it_and_each_other():
    batch = [_report(f"r{n}", _own(n) + (PARAGRAPH if n in (1, 3, 5) else [])) for n in range(7)]
    copied = _copied(batch)
    for n in (1, 3, 5):
        mine = copied[f"r{n}"]
        assert (mine.within_batch.sentences, mine.within_batch.of) == (3, 7)
        assert _sources(mine.pairs) == [f"r{o}" for o in (1, 3, 5) if o != n]
        shared = mine.pairs[0]
        assert shared.sentences == 3 and shared.share == round(3 / 7, 3)
        assert len(shared.passages) == 1 and shared.passages[0].sentences == 3
        assert shared.passages[0].quote.startswith(PARAGRAPH[0])
    for n in (0, 2, 4, 6):
        assert copied[f"r{n}"].within_batch.sentences == 0 and copied[f"r{n}"].pairs == ()


def test_a_formula_every_report_has_is_found_but_pairs_no_one():
    size = COMMON_HOLDERS + 2
    batch = [_report(f"r{n}", [FORMULA, *_own(n)] + (PARAGRAPH if n in (0, 1) else [])) for n in range(size)]
    copied = _copied(batch)
    for n in range(size):
        mine = copied[f"r{n}"]
        # the formula does stand in every other report: found
        assert mine.within_batch.sentences == (4 if n in (0, 1) else 1)
        assert mine.within_batch.passages[0].quote.startswith(FORMULA if n > 1 else PARAGRAPH[0])
    # …but only the paragraph two of them share tells who shares with whom
    assert _sources(copied["r0"].pairs) == ["r1"] and _sources(copied["r1"].pairs) == ["r0"]
    assert copied["r0"].pairs[0].sentences == 3 and FORMULA not in copied["r0"].pairs[0].passages[0].quote
    assert all(copied[f"r{n}"].pairs == () for n in range(2, size))


def test_a_sentence_as_many_reports_hold_as_the_limit_still_pairs_them():
    batch = [_report(f"r{n}", [FORMULA, *_own(n)]) for n in range(COMMON_HOLDERS)]
    copied = _copied(batch)
    assert _sources(copied["r0"].pairs) == [f"r{n}" for n in range(1, 6)]  # ties: in the batch's order
    assert all(p.sentences == 1 for p in copied["r0"].pairs)


def test_near_duplicates_are_found_with_a_word_changed_or_other_digits():
    original = "全年共办理行政复议案件126件其中纠错23件纠错率达到百分之十八"
    batch = [
        _report("a", [original, *_own(1)]),
        _report("b", ["全年共办理行政复议案件140件其中纠错19件纠错率达到百分之十三", *_own(2)]),  # digits
        _report("c", ["全年共受理行政复议案件126件其中纠错23件纠错率达到百分之十八", *_own(3)]),  # a word
        _report("d", ["全年共办理行政复议案件１２６件其中纠错２３件纠错率达到百分之十八", *_own(4)]),  # full-width
        _report("e", ["全面推进行政执法三项制度落实全年组织执法人员培训三次", *_own(5)]),  # another
    ]
    copied = _copied(batch)
    assert _sources(copied["a"].pairs) == ["b", "c", "d"]
    for source in "abcd":
        assert copied[source].within_batch.sentences == 1
    assert copied["e"].within_batch.sentences == 0 and copied["e"].pairs == ()


def test_a_batch_finds_for_each_sentence_what_the_index_finds_one_by_one():
    # sentences from a small stock, some with a character changed: many near pairs, some exact
    rng = random.Random(17)
    stock = _own(99, 12)
    reports = []
    for n in range(30):
        sentences = []
        for sentence in rng.sample(stock, 5):
            if rng.random() < 0.5:
                at = rng.randrange(len(sentence))
                sentence = sentence[:at] + rng.choice(_POOL) + sentence[at + 1 :]
            sentences.append(sentence)
        reports.append(_report(f"r{n}", sentences))
    index = SentenceIndex()
    for n, report in enumerate(reports):
        for sentence in report.sentences:
            index.add(sentence.keys, n)
    everyone = index.holders(len(reports))
    sizes = sorted(len(found) for found in everyone.values() if found)
    most = sizes[len(sizes) // 2]  # about half the sentences are more common than this
    few = index.holders(most)
    for report in reports:
        for sentence in report.sentences:
            owners = index.owners(sentence.keys)
            assert everyone[sentence.keys] == owners
            assert few[sentence.keys] == (owners if len(owners) <= most else None)
    assert None in few.values() and any(few.values())
    assert sizes[0] < sizes[-1] and sizes[0] > 1  # near sentences joined their stock sentence's holders


def test_a_formula_with_each_reports_own_place_name_is_near_in_all_and_pairs_no_one():
    places = ["东山", "西川", "南阳", "北江", "青城", "金林", "白溪", "云湖", "龙源", "凤州", "安陵", "平水"]
    assert len(places) > COMMON_HOLDERS
    batch = [
        _report(f"r{n}", [f"{place}区人民政府认真贯彻落实党中央国务院关于法治政府建设的决策部署", *_own(n)])
        for n, place in enumerate(places)
    ]
    copied = _copied(batch)
    assert all(c.within_batch.sentences == 1 and c.pairs == () for c in copied.values())
    assert all(c.within_batch.sentences == 1 and c.pairs for c in _copied(batch[:3]).values())
