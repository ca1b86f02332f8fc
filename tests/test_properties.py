"""Property tests: the core stages never raise on arbitrary text and keep spans inside it."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.figures import check_consistency, extract_metrics
from scorer.normalize import normalize
from scorer.rubric.load import load_rubric
from scorer.structure import parse

METRICS = load_rubric().metrics

# Arbitrary Unicode, plus text made of the characters reports are made of, so the heading,
# sentence and passage rules are exercised, not just skipped.
REPORT_ALPHABET = st.sampled_from(
    list(
        "一二三四五六七八九十、()（）.。,，；;：:！？!?“”《》\n 0123456789%％年月日件次率"
        "下一步将尚未存在不足问题有待工作安排报告政府区县市"
    )
)
report_like = st.text(REPORT_ALPHABET, max_size=400)
anything = st.text(max_size=400)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(anything, report_like))
def test_normalize_keeps_length_and_never_raises(text):
    n = normalize(text)
    assert len(n.text) == len(text)
    for start, end in n.chrome:
        assert 0 <= start <= end <= len(text)


@SETTINGS
@given(st.one_of(anything, report_like))
def test_structure_spans_stay_inside_the_text(text):
    normalized = normalize(text).text
    s = parse(normalized)
    for sentence in s.sentences:
        assert 0 <= sentence.start < sentence.end <= len(normalized)
        assert normalized[sentence.start : sentence.end].strip()
    for h in s.headings:
        assert 0 <= h.start <= h.title_start <= h.end <= len(normalized)
    for sec in s.sections:
        assert 0 <= sec.start <= sec.end <= len(normalized)
    starts = [x.start for x in s.sentences]
    assert starts == sorted(starts)


# Text made of what figures are made of: labels, counts, rates, separators, 其中 and 分别.
FIGURE_PIECES = st.sampled_from(
    [
        "行政复议案件",
        "行政诉讼案件",
        "出庭应诉率",
        "调解成功率",
        "办结率",
        "占比",
        "其中",
        "分别为",
        "均为",
        "共",
        "撤销",
        "驳回",
        "受理",
        "办结",
        "成功调处",
        "主动公开政府信息",
        "人大代表建议",
        "政协提案",
        "废止",
        "文件",
        "“",
        "”",
        "(",
        ")",
        "、",
        ",",
        "。",
        ":",
        "\n",
        "至",
        "余",
        "百分之",
        "九十八",
        "１２０",
        "1,250",
        "98.5",
        "件",
        "宗",
        "条",
        "%",
        "％",
        "人次",
        "万",
        "约",
        "近",
        "的",
        "以区政府为被告",
    ]
)
figure_like = st.lists(FIGURE_PIECES, max_size=60).map("".join)


@SETTINGS
@given(st.one_of(figure_like, report_like))
def test_figures_never_raise_and_point_into_the_text(text):
    normalized = normalize(text).text
    structure = parse(normalized)
    for value in extract_metrics(normalized, structure, METRICS, printed=text):
        assert 0 <= value.start < value.end <= len(text)
        assert value.label == value.label.strip()
    for finding in check_consistency(normalized, structure, printed=text):
        assert finding.kind == "rate-mismatch" and finding.start is not None
        for read in finding.figures:
            assert 0 <= read.start < read.end <= len(text) and read.words
