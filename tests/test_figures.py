"""Figures: metric values against the gold of the example reports, sentences written for each
metric, targets, and rates that do not match their counts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.figures import check_consistency, extract_metrics, rate_checks, target_findings
from scorer.normalize import normalize
from scorer.rubric.load import load_rubric
from scorer.rubric.model import Target
from scorer.structure import parse

GOLD = Path(__file__).resolve().parent / "gold"
SPEC = Path(__file__).resolve().parent / "spec"
REPORTS = ("baoan_2023", "huojia_2024", "kaizhou_2024")


METRICS = load_rubric().metrics


def analyse(raw: str):
    text = normalize(raw).text
    return text, parse(text)


def values_of(raw: str) -> list[tuple[str, float, str, bool]]:
    text, structure = analyse(raw)
    return [(v.id, v.value, v.scope, v.approx) for v in extract_metrics(text, structure, METRICS)]


def test_metric_block_follows_the_contract():
    contract = yaml.safe_load((SPEC / "metrics.yaml").read_text(encoding="utf-8"))
    ids = [m.id for m in METRICS]
    assert len(ids) == len(set(ids))
    assert {m["id"]: m["unit"] for m in contract["metrics"]} == {m.id: m.unit for m in METRICS}
    head = next(m for m in METRICS if m.id == "head_appearance_rate")
    assert head.target == Target(">=", 100) and head.requirement == "p7.head-court-appearance"
    assert all(m.target is None for m in METRICS if m is not head)


# --- (a) the example reports against their gold ---------------------------------------------


def _gold(name: str) -> dict:
    return yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))


def _example(name: str):
    return analyse((Path(__file__).resolve().parent.parent / "examples" / f"{name}.txt").read_text(encoding="utf-8"))


def test_metric_values_match_gold():
    found_total = gold_total = right_total = extracted_total = 0
    for name in REPORTS:
        gold = _gold(name)["metrics"] or {}
        text, structure = _example(name)
        values = extract_metrics(text, structure, METRICS)
        by_metric: dict[str, list[float]] = {}
        for v in values:
            by_metric.setdefault(v.id, []).append(v.value)
        found = sum(
            1
            for mid, golds in gold.items()
            for g in golds
            if any(v == pytest.approx(g) for v in by_metric.get(mid, []))
        )
        right = sum(1 for v in values if any(v.value == pytest.approx(g) for g in gold.get(v.id, [])))
        gold_count = sum(len(golds) for golds in gold.values())
        print(f"\n{name}: recall {found}/{gold_count}, precision {right}/{len(values)}")
        for v in values:
            if not any(v.value == pytest.approx(g) for g in gold.get(v.id, [])):
                print(f"  not in gold: {v.id} {v.value} «{v.quote[:60]}»")
        found_total, gold_total = found_total + found, gold_total + gold_count
        right_total, extracted_total = right_total + right, extracted_total + len(values)
    recall, precision = found_total / gold_total, right_total / extracted_total
    print(
        f"all three: recall {recall:.3f} ({found_total}/{gold_total}), "
        f"precision {precision:.3f} ({right_total}/{extracted_total})"
    )
    assert recall >= 0.95 and precision >= 0.95


def _quote_matches(gold_quote: str, quote: str) -> bool:
    return all(part in quote for part in gold_quote.split("..."))


def test_every_gold_mismatch_found_and_no_other():
    for name in REPORTS:
        gold = _gold(name)["consistency"] or []
        text, structure = _example(name)
        findings = check_consistency(text, structure)
        assert all(f.kind == "rate-mismatch" and f.severity == "warning" for f in findings)
        for entry in (e for e in gold if not e["consistent"]):
            assert any(
                f.stated == pytest.approx(entry["stated"])
                and f.computed == pytest.approx(entry["recomputed"])
                and _quote_matches(entry["quote"], f.quote)
                for f in findings
            ), (name, entry)
        for finding in findings:
            assert any(
                not e["consistent"]
                and e["stated"] == pytest.approx(finding.stated)
                and _quote_matches(e["quote"], finding.quote)
                for e in gold
            ), (name, finding.message)
            assert text[finding.start : finding.end].endswith("%")
        print(f"\n{name}: " + "; ".join(f.message for f in findings))


def test_every_gold_rate_is_recomputed():
    """Agreeing rates give no finding, but the checker must have paired them with their counts."""
    for name in REPORTS:
        text, structure = _example(name)
        checks = rate_checks(text, structure)
        for entry in _gold(name)["consistency"] or []:
            assert any(
                c.stated == pytest.approx(entry["stated"])
                and c.computed == pytest.approx(entry["recomputed"])
                and c.consistent == entry["consistent"]
                and _quote_matches(entry["quote"], c.quote)
                for c in checks
            ), (name, entry)


# --- (b) sentences written for each metric --------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        # 行政机关负责人出庭应诉率, with scopes
        (
            "2024年,区政府出庭率100%,部门及镇街出庭率95%。",
            [("head_appearance_rate", 100, "区政府", False), ("head_appearance_rate", 95, "部门及镇街", False)],
        ),
        (
            "全市行政机关负责人出庭应诉率为98.5%,其中市政府100%。",
            [("head_appearance_rate", 98.5, "全市", False), ("head_appearance_rate", 100, "市政府", False)],
        ),
        ("行政机关负责人出庭应诉率:100%。", [("head_appearance_rate", 100, "", False)]),
        # a scope of several, after 县直
        (
            "行政机关负责人出庭应诉率县政府本级达到100%,县直部门和乡镇为97.4%。",
            [("head_appearance_rate", 100, "县政府", False), ("head_appearance_rate", 97.4, "部门、乡镇", False)],
        ),
        ("公职律师出庭率100%。", []),
        # 行政复议案件: 申请 / 受理 / 审结 continue; outcomes do not
        (
            "全年共收到行政复议申请86件,依法受理80件,审结75件,其中撤销3件、确认违法1件。",
            [
                ("reconsideration_cases", 86, "", False),
                ("reconsideration_cases", 80, "", False),
                ("reconsideration_cases", 75, "", False),
            ],
        ),
        ("本年度办理了102件行政复议案件。", [("reconsideration_cases", 102, "", False)]),
        ("行政复议申请2023年度共受理45件。", [("reconsideration_cases", 45, "", False)]),  # the year is skipped
        ("依法驳回行政复议申请6件。", []),
        # 纠错率
        ("行政复议直接纠错率为12.5%。", [("reconsideration_correction_rate", 12.5, "", False)]),
        # 行政诉讼案件 and 败诉率; a change is never the value
        ("全县行政应诉案件64件,同比下降10%。", [("litigation_cases", 64, "全县", False)]),
        ("行政诉讼败诉率降至3.2%。", [("litigation_loss_rate", 3.2, "", False)]),
        # 调解成功率 / 化解率
        ("人民调解组织共调解纠纷3,612件,调解成功率达97.6%。", [("mediation_success_rate", 97.6, "", False)]),
        ("化解各类矛盾纠纷1.2万余件,化解率达98%以上。", [("mediation_success_rate", 98, "", True)]),
        ("推动行政争议实质化解率达87%。", []),
        # 网上办件率
        (
            "政务服务事项网上办件率达98.6%,全程网办率85%。",
            [("online_processing_rate", 98.6, "", False), ("online_processing_rate", 85, "", False)],
        ),
        # 废止规范性文件
        ("清理行政规范性文件120件,修改8件,废止15件。", [("normative_docs_abolished", 15, "", False)]),
        # 人大代表建议 / 政协提案; a joint total is neither
        (
            "办理市人大代表建议58件、政协委员提案73件,办复率100%。",
            [("npc_suggestions", 58, "", False), ("cppcc_proposals", 73, "", False)],
        ),
        ("办理人大代表建议和政协委员提案共131件。", []),
        # 主动公开信息; 依申请公开 is another count
        ("主动公开政府信息2.4万余条,依申请公开办理45件。", [("info_disclosed", 24000, "", True)]),
        ("通过门户网站公开政务信息3.2万条,政府公报发布12期。", [("info_disclosed", 32000, "", False)]),
        # a count never takes a percent, a rate never takes a count, a change is never a value
        ("行政复议案件办结率96%。", []),
        ("行政机关负责人出庭应诉率考核覆盖32个部门。", []),
        ("行政复议案件同比增长12%。", []),
        # plans are not figures, nor is a level not reached
        ("力争全县行政机关负责人出庭应诉率达到100%。", []),
        ("行政机关负责人出庭应诉率仍未达到100%。", []),
        (
            "一、工作成效\n受理行政复议案件30件。\n二、下一步工作计划\n(一)力争行政复议案件办结率达到95%,行政机关负责人出庭应诉率达到100%。",
            [("reconsideration_cases", 30, "", False)],
        ),
    ],
)
def test_metric_sentences(raw, expected):
    assert values_of(raw) == [(mid, pytest.approx(v), scope, approx) for mid, v, scope, approx in expected]


def test_value_carries_span_quote_and_target():
    raw = "全区行政机关负责人出庭应诉率１００％。"
    text, structure = analyse(raw)
    (value,) = extract_metrics(text, structure, METRICS)
    assert raw[value.start : value.end] == "１００％"
    assert value.quote == "全区行政机关负责人出庭应诉率100%。" and value.scope == "全区"
    assert value.unit == "percent" and value.target == Target(">=", 100) and value.meets_target is True
    (count,) = extract_metrics(*analyse("受理行政复议案件155件。"), METRICS)
    assert count.target is None and count.meets_target is None


def test_below_target_finding():
    text, structure = analyse("2024年,区政府出庭率100%,部门及镇街出庭率95%。")
    values = extract_metrics(text, structure, METRICS)
    (finding,) = target_findings(values, METRICS)
    assert finding.kind == "below-target" and finding.severity == "warning"
    assert finding.message == "行政机关负责人出庭应诉率 95%（部门及镇街）未达到目标 ≥ 100%"
    assert finding.requirement == "p7.head-court-appearance" and finding.metric == "head_appearance_rate"
    assert finding.stated == 95 and text[finding.start : finding.end] == "95%" and "部门及镇街" in finding.quote


# --- rates beside their counts --------------------------------------------------------------


def _findings(raw: str):
    return check_consistency(*analyse(raw))


def test_mismatch_written_for_the_test():
    (finding,) = _findings("全市人民调解组织调解矛盾纠纷1,250件,调解成功1,100件,调解成功率95%。")
    assert (finding.kind, finding.stated, finding.computed) == ("rate-mismatch", 95, 88.0)
    assert "95%" in finding.message and "88.00%" in finding.message and "1100 ÷ 1250" in finding.message
    (share,) = _findings("全区政务服务事项1,200项,其中可网办事项1,000项,占比90%。")
    assert (share.stated, share.computed) == (90, 83.33)


def test_agreeing_rates_give_no_finding():
    agreeing = [
        "受理投诉200件,办结投诉190件,办结率95%。",
        "共办理工单1,000件,其中满意工单980件,不满意工单20件,满意率98%。",  # not the 不满意 count
        "调解纠纷3000件,成功调处2843件,调解成功率94.8%。",  # 94.77, within the printed precision
    ]
    for raw in agreeing:
        text, structure = analyse(raw)
        (check,) = rate_checks(text, structure)
        assert check.consistent, raw
        assert check_consistency(text, structure) == []


def test_precision_boundary():
    (finding,) = _findings("调解纠纷3000件,成功调处2843件,调解成功率94.7%。")  # 94.77 is not 94.7
    assert finding.computed == 94.77


@pytest.mark.parametrize(
    "raw",
    [
        "办结复议案件300件,撤销10件、变更5件,纠错率9%。",  # a sum of listed parts: never reported
        "收到申请120件,办结118件,按时办结率100%。",  # 按时 narrows the rate: its part is not printed
        "受理100件,办结96件,办结率95%以上。",  # an approximate rate
        "受理投诉200件,办结投诉190件,参考率80%。",  # no count names the rate
    ],
)
def test_unsure_rates_are_not_reported(raw):
    assert _findings(raw) == []


def test_sum_of_parts_is_recomputed():
    text, structure = analyse("办结复议案件400件,撤销19件、确认违法13件、变更2件,直接纠错率8.5%。")
    (check,) = rate_checks(text, structure)
    assert check.from_sum and [p.value for p in check.parts] == [19, 13, 2] and check.total.value == 400
    assert check.computed == 8.5 and check.consistent


# --- (c) how a careful reader links a label to its value (issue 12) -------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        # an outcome excludes only its own numbers, never the caseload the sentence opens with
        (
            "全年办理行政复议案件一百二十件(其中撤销五件、维持八十件、驳回十件)。",
            [("reconsideration_cases", 120, "", False)],
        ),
        ("全年新收行政复议案件１２０件，其中维持８０件，驳回１０件。", [("reconsideration_cases", 120, "", False)]),
        ("本年度區政府共辦理行政復議案件１２０件（其中撤銷５件）。", [("reconsideration_cases", 120, "区政府", False)]),
        ("审结行政复议案件47件,依法撤销违法行政行为6件。", [("reconsideration_cases", 47, "", False)]),
        ("维持行政复议案件30件。", []),
        ("行政复议申请人撤回申请12件。", []),
        ("依法不予受理行政复议申请5件,受理行政复议申请80件。", [("reconsideration_cases", 80, "", False)]),
        # a count before a long object
        ("全年共办理23宗以区政府为被告的行政诉讼案件,一审败诉2宗。", [("litigation_cases", 23, "区政府", False)]),
        ("全年共应诉38起以镇政府为被告的各类行政案件。", [("litigation_cases", 38, "镇政府", False)]),
        ("办理涉及征地拆迁的行政复议案件15件。", [("reconsideration_cases", 15, "", False)]),
        ("组织3场以行政复议案件为主题的培训。", []),
        # approximate counts and their measure words
        ("通过门户网站主动公开政府信息1,200余条。", [("info_disclosed", 1200, "", True)]),
        ("主动公开政府信息3000多条。", [("info_disclosed", 3000, "", True)]),
        ("主动公开政府信息近五千条。", [("info_disclosed", 5000, "", True)]),
        ("主动公开政府信息约1.5万条。", [("info_disclosed", 15000, "", True)]),
        ("主动公开政府信息一万二千余条,政策解读56条。", [("info_disclosed", 12000, "", True)]),
        ("全县行政应诉案件35起,其中一审败诉3起。", [("litigation_cases", 35, "全县", False)]),
        ("全年办结行政复议案件300多件。", [("reconsideration_cases", 300, "", True)]),
        ("全年行政诉讼案件应诉128人次。", [("litigation_cases", 128, "", False)]),
        # a count of what was done with cases is no count of cases (the metric's `measures`)
        ("召开行政复议案件听证会5次。", []),
        ("组织行政诉讼案件庭审观摩3次。", []),
        ("对12家单位的行政诉讼案件开展分析。", []),
        ("主动公开政府信息网站点击量12万次。", []),
        # nor a count of where the things reached (涉及 / 覆盖 N个部门)
        ("办理人大代表建议涉及12个部门。", []),
        ("主动公开政府信息覆盖36个部门。", []),
        ("全年办理行政复议案件155件，涉及12个部门。", [("reconsideration_cases", 155, "", False)]),
        ("全年共办理行政复议案件126件次。", [("reconsideration_cases", 126, "", False)]),  # 件次 counts cases too
        # the principal heads' own rate is a part of the Outline's, not it
        ("行政机关负责人出庭应诉率达100%,其中正职出庭率36%。", [("head_appearance_rate", 100, "", False)]),
        # one value for 、-joined labels; 分别 pairs them in order; a joint total is neither one's
        ("行政规范性文件合法性审查率、网上办件率100%。", [("online_processing_rate", 100, "", False)]),
        ("调解成功率、群众满意率均达98%以上。", [("mediation_success_rate", 98, "", True)]),
        (
            "网上办件率、全程网办率分别为99.5%、87%。",
            [("online_processing_rate", 99.5, "", False), ("online_processing_rate", 87, "", False)],
        ),
        (
            "办理人大代表建议、政协委员提案分别为五十八件、七十三件。",
            [("npc_suggestions", 58, "", False), ("cppcc_proposals", 73, "", False)],
        ),
        ("办复率、满意率分别为100%、98%,网上办件率97%。", [("online_processing_rate", 97, "", False)]),
        ("行政复议、行政诉讼案件共50件。", []),
        ("共办理人大代表建议、政协提案98件,办结率100%。", []),
        ("办理人大代表建议、政协提案均为0件。", [("npc_suggestions", 0, "", False), ("cppcc_proposals", 0, "", False)]),
        # a range is read from its lower end, approximate
        ("全年受理行政复议案件50至60件。", [("reconsideration_cases", 50, "", True)]),
        # 百分之 …
        ("行政机关负责人出庭应诉率达到百分之九十八点五。", [("head_appearance_rate", 98.5, "", False)]),
        # a label whose values follow a colon; a context word in the sentence before
        (
            "行政复议申请:收到86件,受理80件。",
            [("reconsideration_cases", 86, "", False), ("reconsideration_cases", 80, "", False)],
        ),
        ("开展行政规范性文件清理。共废止12件,修改8件。", [("normative_docs_abolished", 12, "", False)]),
        (
            "行政复议案件办理质量稳步提升,全年共收到申请120件,受理115件。",
            [("reconsideration_cases", 120, "", False), ("reconsideration_cases", 115, "", False)],
        ),
        (
            "受理行政复议案件120件,同比增长15%,审结110件。",
            [("reconsideration_cases", 120, "", False), ("reconsideration_cases", 110, "", False)],
        ),
        ("全区矛盾纠纷化解率98.5%,信访事项及时受理率100%。", [("mediation_success_rate", 98.5, "全区", False)]),
        ("开展合同清理。共废止12件。", []),
        # a number in a quoted name is no count
        ("在行政复议案件办理中探索推行“四个百分百”工作法。", []),
        # short names of the caseload and of disclosure
        (
            "全年受理行政复议45件,审结40件。",
            [("reconsideration_cases", 45, "", False), ("reconsideration_cases", 40, "", False)],
        ),
        ("全年发生行政诉讼32起。", [("litigation_cases", 32, "", False)]),
        ("开展行政复议3项试点。", []),
        ("通过政府网站发布政府信息1.2万条。", [("info_disclosed", 12000, "", False)]),
        ("依申请类事项网上申请率92.5%。", [("online_processing_rate", 92.5, "", False)]),
        ("区政府本级被诉案件42件。", [("litigation_cases", 42, "区政府", False)]),
        ("市政府本级废止规章3件、行政规范性文件15件。", [("normative_docs_abolished", 15, "市政府", False)]),
        ("“一网通办”办件率99%。", [("online_processing_rate", 99, "", False)]),
        # a length of time between a label and its value is not the value
        ("区政府负责人出庭应诉率连续三年保持100%。", [("head_appearance_rate", 100, "区政府", False)]),
        ("全年行政复议案件平均审理期限缩短至30天。", []),
        ("办理人大建议45件、政协提案60件。", [("npc_suggestions", 45, "", False), ("cppcc_proposals", 60, "", False)]),
    ],
)
def test_linking_sentences(raw, expected):
    assert values_of(raw) == [(mid, pytest.approx(v), scope, approx) for mid, v, scope, approx in expected]


def test_values_carry_the_words_they_were_read_with():
    def labels(raw: str, printed: str | None = None) -> list[tuple[str, float, str]]:
        text, structure = analyse(raw)
        return [(v.id, v.value, v.label) for v in extract_metrics(text, structure, METRICS, printed=printed)]

    assert labels("2024年,区政府负责人出庭应诉率为100%。") == [("head_appearance_rate", 100, "区政府负责人出庭应诉率")]
    assert labels("全年收到行政复议申请86件,依法受理80件。") == [
        ("reconsideration_cases", 86, "全年收到行政复议申请"),
        ("reconsideration_cases", 80, "全年收到行政复议申请,依法受理"),
    ]
    assert labels("行政复议案件办理质量稳步提升,全年共收到申请120件。") == [
        ("reconsideration_cases", 120, "行政复议案件,全年共收到申请")
    ]
    assert labels("共办理23宗以区政府为被告的行政诉讼案件。") == [
        ("litigation_cases", 23, "共办理以区政府为被告的行政诉讼案件")
    ]
    raw = "全縣行政復議案件１２０件。"
    assert labels(raw, printed=raw) == [("reconsideration_cases", 120, "全縣行政復議案件")]  # as printed


# --- (d) a rate is recomputed only over counts the report names as its parts ----------------


def test_mismatch_over_the_reports_own_qizhong_shows_both_counts():
    raw = "全年共受理投诉举报600件,其中按期办结540件,按期办结率95%。"
    text, structure = analyse(raw)
    (finding,) = check_consistency(text, structure, printed=raw)
    assert (finding.stated, finding.computed) == (95, 90.0)
    assert "540 ÷ 600 = 90.00%" in finding.message
    assert "分子“其中按期办结540件”" in finding.message and "分母“全年共受理投诉举报600件”" in finding.message
    numerator, denominator = finding.figures
    assert (numerator.role, numerator.value, raw[numerator.start : numerator.end]) == ("numerator", 540, "540")
    assert (denominator.role, denominator.value, raw[denominator.start : denominator.end]) == (
        "denominator",
        600,
        "600",
    )
    assert denominator.words == "全年共受理投诉举报600件"


def test_a_numerator_named_after_its_count():
    (finding,) = _findings("全年受理投诉200件,其中190件已办结,办结率90%。")
    assert (finding.stated, finding.computed) == (90, 95.0)


def test_counts_in_the_sentence_after_or_before_the_rate():
    (after,) = _findings("人民调解成功率为99%。全年共调解矛盾纠纷800件,调解成功720件。")
    assert (after.stated, after.computed) == (99, 90.0) and after.figures[1].words == "全年共调解矛盾纠纷800件"
    (before,) = _findings("全年共调解矛盾纠纷800件,调解成功720件。调解成功率99%。")
    assert before.computed == 90.0
    text, structure = analyse("全年共调解矛盾纠纷800件,调解成功720件。调解成功率90%。")
    (check,) = rate_checks(text, structure)
    assert check.consistent


def test_counts_with_less_common_measure_words_are_recomputed():
    (finding,) = _findings("评查行政执法案卷320卷,优秀案卷96卷,优秀率35%。")
    assert (finding.stated, finding.computed) == (35, 30.0)


@pytest.mark.parametrize(
    "raw, stated, computed",
    [
        ("全年共受理投诉二百件,办结投诉一百九十件,办结率百分之八十。", 80, 95.0),  # Chinese numerals, 百分之
        ("全年受理群众诉求1.2万件,办结1.1万件,办结率99%。", 99, 91.67),  # 万
        ("全年受理群众诉求12,000件,办结11,000件,办结率99%。", 99, 91.67),  # thousands separators
    ],
)
def test_mismatches_in_every_number_form(raw, stated, computed):
    (finding,) = _findings(raw)
    assert (finding.stated, finding.computed) == (stated, computed)


@pytest.mark.parametrize(
    "raw, stated, computed",
    [
        ("共办理工单1,000件,其中满意工单980件,不满意工单20件,满意率90%。", 90, 98.0),  # not the 不满意 count
        ("全县政务服务事项2400项,其中不见面审批事项2000项,不见面审批占比90%。", 90, 83.33),  # 不 of the name
    ],
)
def test_a_negation_is_read_as_the_report_means_it(raw, stated, computed):
    (finding,) = _findings(raw)
    assert (finding.stated, finding.computed) == (stated, computed)


def test_traditional_and_full_width_counts_are_recomputed():
    raw = "全年共受理投訴２００件，辦結投訴１９０件，辦結率８０％。"
    text, structure = analyse(raw)
    (finding,) = check_consistency(text, structure, printed=raw)
    assert (finding.stated, finding.computed) == (80, 95.0)
    assert finding.figures[0].words == "辦結投訴１９０件"  # quoted as printed
    assert finding.message.startswith("辦結率 80% 与所列数字不符")


@pytest.mark.parametrize(
    "raw",
    [
        # the share's counts measure other things: no count is named as its numerator and denominator
        "全年办理行政许可事项5000件,即办件4000件,网上办理比例达到95%。",
        "培训执法人员1200人,考核合格1000人,持证上岗比例达98%。",
        # the numerator is named, the total is another subject, not adjacent and not the report's 其中
        "审查规范性文件120件,清理文件40件,开展专项行动,办结投诉90件,办结率95%。",
        # the counts before the sentence belong to that sentence's own rate
        "全年审核规范性文件31件,审核率100%。报送备案规范性文件19件,备案率100%。",
        # counts after the rate belong to the next rate
        "办结率100%,受理投诉200件,办结投诉180件,办结率90%。",
        # a negated stem names the rate's complement, not its numerator
        "全年受理行政复议申请120件,决定不予受理8件,受理率93.3%。",
        "共受理信访事项300件,未按期办结12件,按期办结率96%。",
        # a 其中 earlier in the sentence opens another count's parts, not this one's
        "全年办理行政许可事项1000件,其中即办件600件,开展执法检查,办结投诉180件,办结率95%。",
        # the same head word (案件) but another subject
        "受理行政复议案件100件,开展专项行动,办结行政诉讼案件50件,办结率90%。",
        # cut off below 100% rather than rounded up to it: not everything was done
        "共办理政务服务事项58816件,办结58810件,办结率99.9%。",
    ],
)
def test_counts_not_named_as_the_rates_parts_give_no_finding(raw):
    assert _findings(raw) == []


# --- (e) properties --------------------------------------------------------------------------

_RATE_STEMS = ("满意", "办结", "调解成功", "败诉", "纠错", "结案", "审查", "合格")
# Words a count's clause may say that name none of the stems above (no character of 满意 / 办结 …)
_OTHER_VERBS = ("受理", "收到", "开展", "培训", "检查", "组织", "新增", "举办", "走访")
_OTHER_NOUNS = ("执法人员", "宣传活动", "讲座", "企业", "项目", "会议", "群众", "专项行动", "网格")
_DIGITS = st.integers(min_value=1, max_value=99999)


def _written(value: int, full_width: bool) -> str:
    return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９")) if full_width else str(value)


@st.composite
def _unnamed_rate_sentences(draw) -> str:
    """Counts whose words do not name the rate, in any order, then the rate."""
    clauses = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        lead = draw(st.sampled_from(("", "其中", "共", "全年", "累计")))
        clauses.append(
            lead
            + draw(st.sampled_from(_OTHER_VERBS))
            + draw(st.sampled_from(_OTHER_NOUNS))
            + _written(draw(_DIGITS), draw(st.booleans()))
            + draw(st.sampled_from(("件", "人", "次", "场")))
        )
    rate = draw(st.sampled_from(_RATE_STEMS)) + "率" + draw(st.sampled_from(("", "达", "为", "达到")))
    percent = draw(st.floats(min_value=0, max_value=100, allow_nan=False)).__round__(draw(st.integers(0, 2)))
    separators = draw(st.lists(st.sampled_from(",、;"), min_size=len(clauses), max_size=len(clauses)))
    body = "".join(c + s for c, s in zip(clauses, separators, strict=True))
    return body + rate + f"{percent:g}%。"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_unnamed_rate_sentences())
def test_no_mismatch_where_the_counts_words_do_not_name_the_rate(raw):
    text, structure = analyse(raw)
    assert check_consistency(text, structure) == []


@st.composite
def _numerator_without_named_total(draw) -> str:
    """A numerator the rate names, over a count of another subject that the report does not name
    as its whole: not adjacent, no 其中, a noun of its own."""
    stem = draw(st.sampled_from(("满意", "办结", "合格")))
    total_noun, part_noun = draw(st.lists(st.sampled_from(_OTHER_NOUNS), min_size=2, max_size=2, unique=True))
    total, part = draw(_DIGITS), draw(_DIGITS)
    gap = draw(st.sampled_from(("开展专项行动", "强化督导检查", "完善工作机制")))
    return (
        f"{draw(st.sampled_from(_OTHER_VERBS))}{total_noun}{total}件,{gap},{stem}{part_noun}{part}件,"
        f"{stem}率{draw(st.integers(0, 100))}%。"
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_numerator_without_named_total())
def test_no_mismatch_over_a_total_the_report_does_not_name(raw):
    text, structure = analyse(raw)
    assert check_consistency(text, structure) == []
