"""Year over year (`score --baseline`) and copied text (scorer.copied, scorer.compare)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from scorer.cli import app
from scorer.copied import copied_from, index_of, sentence_keys, shared
from scorer.result import SentencePrint

runner = CliRunner()

# Sentences of our own, long enough to be compared.
LAST_YEAR = [
    "全面推行行政执法公示制度，执法全过程记录制度和重大执法决定法制审核制度",
    "组织全体干部职工参加法治理论知识考试，参考率达到百分之百",
    "健全重大行政决策程序，对涉及群众切身利益的事项开展听证",
    "完善行政复议案件审理机制，全年办结复议案件一百二十件",
    "推进政务服务事项网上办理，实现企业开办一日办结",
    "建立健全行政规范性文件合法性审核机制，审核文件三十二件",
    "深化综合行政执法体制改革，整合执法队伍五支",
    "开展安全生产专项整治行动，排查整改隐患二千余处",
]
THIS_YEAR = [
    LAST_YEAR[0],  # word for word
    LAST_YEAR[1],
    "健全重大行政决策程序，对涉及群众切身利益的事项开展听证。",  # punctuation added
    "完善行政复议案件审理机制，全年办结复议案件98件",  # the number updated
    "推進政務服務事項網上辦理，實現企業開辦一日辦結",  # traditional characters: normalised before
    "建立健全行政规范性文件合法性审核机制，全年审核文件三十二件",  # a word added
    # new this year
    "首次编制乡镇街道法治建设考核指标，覆盖全部镇街",
    "引入第三方机构评估行政执法质量，形成评估报告并公开",
    "在全市率先开展涉企行政检查扫码入企改革试点",
    "设立公共法律服务工作站，为村民提供免费法律咨询",
]
COPIED = 6


def _prints(sentences: list[str]) -> list[SentencePrint]:
    from scorer.normalize import normalize

    prints = []
    for n, sentence in enumerate(sentences):
        keys = sentence_keys(normalize(sentence).text)
        assert keys, sentence
        prints.append(SentencePrint(n * 100, n * 100 + len(sentence), keys, sentence))
    return prints


def test_copied_share_counts_exact_renumbered_and_slightly_edited_sentences_not_new_ones():
    before = index_of(p.keys for p in _prints(LAST_YEAR))
    now = _prints(THIS_YEAR)
    found = shared(now, before)
    assert found == [True] * COPIED + [False] * (len(THIS_YEAR) - COPIED)
    result = copied_from("last.json", now, found)
    assert (result.share, result.sentences, result.of) == (round(COPIED / len(THIS_YEAR), 3), COPIED, len(THIS_YEAR))
    assert len(result.passages) == 1 and result.passages[0].sentences == COPIED
    assert result.passages[0].start == 0 and result.passages[0].quote.startswith(LAST_YEAR[0])


def test_a_short_sentence_or_a_heading_has_no_fingerprint():
    assert sentence_keys("特此报告。") is None and sentence_keys("2024年12月31日") is None


# Keys as version 0.8.0 wrote them into its JSON: next year's run reads last year's keys, so the
# way they are computed may get faster but never give other keys.
PINNED_KEYS = {
    "全面推进严格规范公正文明执法，全年办理行政复议案件126件。": (
        "ff5823670b5ac6869e22c2c67fd690ea93b009d33f3225270db47ccb8980b7985d8c66ac67d73379b82efc1f390e"
        "67c2c3e8f9e4a061ae41ee0ac7de60d841b230914d6025"
    ),
    "我區深入學習貫徹習近平法治思想，舉辦專題講座3場": (
        "6089f8ebb31595305114b343fee476edb70d07f1e38327d4657d548bc1db5eca24b551a338d4eaa8e51d8965db07"
        "2298d20ce53481da72d3ede13051a9345cf195a06cdd36"
    ),
}


def test_keys_are_those_earlier_versions_wrote():
    assert {sentence: sentence_keys(sentence) for sentence in PINNED_KEYS} == PINNED_KEYS


def _score(*args):
    return runner.invoke(app, ["score", *map(str, args), "--jobs", "1"])


def _report(path: Path) -> dict:
    assert _score(path, "--json", path.with_suffix(".json"), "--force").exit_code == 0
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["reports"][0]


def _without(text: str, quotes: list[str]) -> str:
    for quote in quotes:
        text = text.replace(quote, "")
    return text


def _removable(original: Path, tmp_path: Path, report: dict) -> list[tuple[str, list[str]]]:
    """Met requirements that are no longer met once their evidence sentences are taken out."""
    text = original.read_text(encoding="utf-8")
    out = []
    for req in report["requirements"]:
        if req["status"] != "met" or not req["evidence"]:
            continue
        quotes = [e["quote"] for e in req["evidence"]]
        trial = tmp_path / "trial.txt"
        trial.write_text(_without(text, quotes), encoding="utf-8")
        if next(r for r in _report(trial)["requirements"] if r["id"] == req["id"])["status"] != "met":
            out.append((req["id"], quotes))
        if len(out) == 2:
            break
    return out


def test_baseline_shows_change_newly_met_lost_and_the_share_copied(tmp_path):
    original = EXAMPLES / "huojia_2024.txt"
    assert _score(original, "--json", tmp_path / "machine.json").exit_code == 0
    machine = json.loads((tmp_path / "machine.json").read_text(encoding="utf-8"))["reports"][0]
    (lost, lost_quotes), (gained, gained_quotes) = _removable(original, tmp_path, machine)
    text = original.read_text(encoding="utf-8")
    # last year lacked `gained`; this year lacks `lost`, and every year is one later
    (tmp_path / "last").mkdir()
    (tmp_path / "last" / "huojia.txt").write_text(_without(text, gained_quotes), encoding="utf-8")
    (tmp_path / "now").mkdir()
    this_year = _without(text, lost_quotes).replace("2024", "2025").replace("2023", "2024")
    (tmp_path / "now" / "huojia.txt").write_text(this_year, encoding="utf-8")
    assert _score(tmp_path / "last", "--json", tmp_path / "last.json").exit_code == 0
    result = _score(
        tmp_path / "now",
        "--baseline",
        tmp_path / "last.json",
        "--json",
        tmp_path / "now.json",
        "-o",
        tmp_path / "now.xlsx",
        "--html",
        tmp_path / "now.html",
    )
    assert result.exit_code == 0, result.output
    last = json.loads((tmp_path / "last.json").read_text(encoding="utf-8"))["reports"][0]
    now = json.loads((tmp_path / "now.json").read_text(encoding="utf-8"))["reports"][0]
    baseline = now["baseline"]
    assert baseline["matched_by"] == "region_code" and baseline["score"] == last["score"]
    assert baseline["delta"] == pytest.approx(round(now["score"] - last["score"], 1))
    assert lost in baseline["lost"] and gained in baseline["newly_met"]
    assert lost not in baseline["newly_met"] and gained not in baseline["lost"]

    # everything this year says was there last year except the sentences of `gained`
    copied = now["copied"]["from_baseline"]
    new_sentences = sum(1 for quote in gained_quotes if len(quote) >= 10 and quote in this_year)
    assert copied["of"] == len(now["fingerprints"])
    assert copied["of"] - new_sentences - 1 <= copied["sentences"] <= copied["of"] - new_sentences + 1
    assert 0.8 < copied["share"] < 1
    assert copied["passages"] and copied["passages"][0]["quote"][:20] in this_year

    overview = openpyxl.load_workbook(tmp_path / "now.xlsx", data_only=True)["总览"]
    header = [c.value for c in overview[5]]
    row = [c.value for c in overview[6]]
    assert row[header.index("上年得分")] == last["score"]
    assert row[header.index("变化")] == pytest.approx(baseline["delta"])
    page = (tmp_path / "now.html").read_text(encoding="utf-8")
    assert f'"before":{last["score"]}' in page and f'"delta":{baseline["delta"]}' in page


def test_fingerprints_of_another_layout_are_not_compared_rather_than_sharing_nothing(tmp_path):
    last = tmp_path / "last.json"
    assert _score(EXAMPLES / "baoan_2023.txt", "--json", last).exit_code == 0
    document = json.loads(last.read_text(encoding="utf-8"))
    document["reports"][0]["fingerprints"] = ["0123456789abcdef" for _ in range(5)]
    last.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert _score(EXAMPLES / "baoan_2023.txt", "--baseline", last, "--json", tmp_path / "r.json").exit_code == 0
    now = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["reports"][0]
    assert now["baseline"]["delta"] == 0 and now["baseline"]["newly_met"] == [] == now["baseline"]["lost"]
    assert now["copied"]["from_baseline"] is None


def test_within_a_batch_the_report_that_copies_another_is_paired_with_it(tmp_path):
    one = (EXAMPLES / "kaizhou_2024.txt").read_text(encoding="utf-8")
    lines = one.splitlines()
    half = "\n".join(lines[: len(lines) // 2])
    (tmp_path / "a.txt").write_text(one, encoding="utf-8")
    (tmp_path / "b.txt").write_text(half, encoding="utf-8")
    (tmp_path / "c.txt").write_text((EXAMPLES / "baoan_2023.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = _score(tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt", "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    reports = {
        Path(r["source"]).name: r for r in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["reports"]
    }
    b, a, c = reports["b.txt"]["copied"], reports["a.txt"]["copied"], reports["c.txt"]["copied"]
    assert b["within_batch"]["share"] > 0.95 and Path(b["pairs"][0]["source"]).name == "a.txt"
    # a has b's half (and a little more: the sentence cut in two at the split)
    assert 0.3 < a["within_batch"]["share"] < 0.7 and Path(a["pairs"][0]["source"]).name == "b.txt"
    assert c["within_batch"]["share"] < 0.1
    assert a["from_baseline"] is None


def test_a_baseline_that_is_no_results_file_is_one_line(tmp_path):
    bad = tmp_path / "last.json"
    bad.write_text('{"reports": [{"source": "x"}]}', encoding="utf-8")
    result = _score(EXAMPLES / "baoan_2023.txt", "--baseline", bad)
    assert result.exit_code == 2 and "reports[0] is not a scored report" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_last_years_results_written_before_warnings_had_codes_still_load(tmp_path):
    # version 0.2.0 wrote a report's warnings only as "errors" (messages), with no "warnings" key
    last = tmp_path / "last.json"
    assert _score(EXAMPLES / "baoan_2023.txt", "--json", last).exit_code == 0
    document = json.loads(last.read_text(encoding="utf-8"))
    for report in document["reports"]:
        del report["warnings"]
        report["errors"] = ["未识别到报告主体层级"]
    last.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = _score(EXAMPLES / "baoan_2023.txt", "--baseline", last, "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    now = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["reports"][0]
    assert now["baseline"]["delta"] == 0 and now["copied"]["from_baseline"]["share"] == 1.0
