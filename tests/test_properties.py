"""Property tests: the core stages never raise on arbitrary text and keep spans inside it."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.normalize import normalize
from scorer.structure import parse

# Arbitrary Unicode, plus text made of the characters reports are made of, so the heading,
# sentence and passage rules are exercised, not just skipped.
REPORT_ALPHABET = st.sampled_from(list("一二三四五六七八九十、()（）.。,，；;：:！？!?“”《》\n 0123456789%％年月日件次率"
                                       "下一步将尚未存在不足问题有待工作安排报告政府区县市"))
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
        assert normalized[sentence.start:sentence.end].strip()
    for h in s.headings:
        assert 0 <= h.start <= h.title_start <= h.end <= len(normalized)
    for sec in s.sections:
        assert 0 <= sec.start <= sec.end <= len(normalized)
    starts = [x.start for x in s.sentences]
    assert starts == sorted(starts)
