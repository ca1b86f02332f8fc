"""Reports written for the tests, in styles the examples do not have: a county report with
full-width digits, an addressee line, 存在的问题 and 2024年工作打算 chapters and 一是… items; a
district web page in traditional characters with page chrome. Each status asserted here is a
judgment a careful reader would make (plan, negation, shortcoming, generic, missed target)."""

import pytest
from conftest import ROOT

from scorer.ingest import read_document
from scorer.pipeline import analyze

FIXTURES = ROOT / "tests" / "fixtures" / "reports"


@pytest.fixture(scope="module")
def qingchuan(rubric):
    return analyze(read_document(FIXTURES / "qingchuan_county_2023.txt"), rubric)


@pytest.fixture(scope="module")
def nangang(rubric):
    return analyze(read_document(FIXTURES / "nangang_district_2024.html"), rubric)


def _statuses(result):
    return {r.id: (r.status, r.reason) for r in result.requirements}


def test_county_report_metadata(qingchuan):
    r = qingchuan
    assert (r.region, r.region_full, r.year, r.level) == ("青川县", "四川省广元市青川县", 2023, "county")
    assert (r.issuer, r.date) == ("青川县人民政府", "2024-02-06")


@pytest.mark.parametrize(
    "rid, status, reason",
    [
        ("report.shortcomings", "met", "met"),
        ("report.first-responsible", "met", "met"),
        ("report.next-year", "met", "met"),  # 一是…；二是…；三是… under 2024年工作打算
        ("p10.shufa", "met", "met"),
        ("p2.proof-commitment", "met", "met"),
        ("p3.normative-filing", "met", "met"),
        ("p3.normative-cleanup", "met", "met"),
        ("p5.enforcement-credentials", "met", "met"),
        ("p3.legislation", "n/a", "not-applicable"),  # counties do not legislate
        ("p1.study-xi-thought", "partial", "generic-only"),  # only the opening's 深入学习贯彻
        ("p5.three-systems", "partial", "generic-only"),  # 全面推行“三项制度”, nothing specific
        ("p4.decision-catalogue", "partial", "plan-only"),
        ("p5.enforcement-education", "partial", "plan-only"),
        ("p4.decision-evaluation", "partial", "shortcoming-only"),  # 后评估工作尚未开展, in 存在的问题
        ("p5.discretion-benchmarks", "partial", "shortcoming-only"),
        ("p7.head-court-appearance", "partial", "below-target"),  # 92%
        ("p6.emergency-system", "missing", "not-mentioned"),
    ],
)
def test_county_report_statuses(qingchuan, rid, status, reason):
    assert _statuses(qingchuan)[rid] == (status, reason)


def test_county_report_figures_and_findings(qingchuan):
    values = {(m.id, m.value) for m in qingchuan.metrics}
    assert {
        ("online_processing_rate", 98.6),
        ("reconsideration_cases", 86),
        ("reconsideration_cases", 79),
        ("reconsideration_correction_rate", 12.6),
        ("litigation_cases", 45),
        ("head_appearance_rate", 92),
        ("normative_docs_abolished", 11),
    } <= values
    below = [f for f in qingchuan.findings if f.kind == "below-target"]
    assert len(below) == 1 and below[0].metric == "head_appearance_rate" and below[0].stated == 92
    # quotes are the text as printed: full-width digits kept
    assert "９２％" in below[0].quote
    assert not [f for f in qingchuan.findings if f.kind == "missing-part"]


def test_web_page_in_traditional_characters(nangang):
    r = nangang
    assert (r.format, r.region, r.year, r.level) == (
        "html",
        "南岗区",
        2024,
        "district",
    )  # 哈尔滨市南岗区, printed 南崗區
    statuses = _statuses(r)
    assert statuses["p4.decision-catalogue"] == ("met", "met")
    assert statuses["p5.discretion-benchmarks"] == ("met", "met")
    assert statuses["p7.head-court-appearance"] == ("met", "met")
    assert statuses["p5.lenient-enforcement"] == ("partial", "plan-only")  # 下一步將推行…
    assert statuses["p8.government-integrity"] == ("partial", "shortcoming-only")
    # a plan inside a body paragraph is no passage of plans: a sentence of intent, never met
    assert statuses["report.next-year"] == ("partial", "generic-only")
    assert statuses["report.first-responsible"][0] == "missing"
    # the quote is the page's own (traditional) text; nothing from the chrome is evidence
    catalogue = r.requirement("p4.decision-catalogue").evidence[0].quote
    assert catalogue.startswith("編制並公布《2024年度區政府重大行政決策事項目錄》")
    quotes = " ".join(e.quote for q in r.requirements for e in q.evidence)
    assert "當前位置" not in quotes and "ICP" not in quotes
    # 3,040 / 3,200 = 95%: an agreeing rate gives no finding
    assert not [f for f in r.findings if f.kind == "rate-mismatch"]
    assert {m.id for m in r.metrics} >= {"mediation_success_rate", "head_appearance_rate"}
