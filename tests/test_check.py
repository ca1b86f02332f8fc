"""The drafter's check (`scorer check`): what it prints, its exit codes and its HTML page.

The draft (fixtures/check/draft.md, built into a .docx here) is a district report written for
these tests, with known gaps: 行政执法“三项制度” only as a plan, 述法 only negated, a mediation
rate that does not match its own counts (1,000 / 1,250 = 80%, printed 95%), no shortcomings
passage, a head-appearance rate of 85% (target 100%), and a body of concrete achievements.
The real command line runs on it, as a drafter would run it.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_scorer

from scorer.ingest import read_document
from scorer.presentation import REASON_LABELS, width
from scorer.result import Evidence, ReportResult, RequirementResult
from scorer.rubric.load import load_rubric
from scorer.write.check_terminal import print_check
from scorer.write.html import write_html

FIXTURES = Path(__file__).parent / "fixtures" / "check"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLUMNS = 80


def build_docx(markdown: Path, target: Path) -> Path:
    """`# ` title, `## ` / `### ` headings (Word heading styles), other lines body paragraphs."""
    import docx

    document = docx.Document()
    for line in markdown.read_text(encoding="utf-8").splitlines():
        level = len(line) - len(line.lstrip("#"))
        if level and line[level : level + 1] == " ":
            document.add_heading(line[level + 1 :], level=level - 1)
        else:
            document.add_paragraph(line)
    document.save(target)
    return target


def run_check(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m scorer …` piped, in a terminal COLUMNS wide, colour not switched off."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["COLUMNS"] = str(COLUMNS)
    return run_scorer(*args, env=env)


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    return build_docx(FIXTURES / "draft.md", tmp_path_factory.mktemp("draft") / "洛江区2024年报告（送审稿）.docx")


@pytest.fixture(scope="module")
def checked(draft, tmp_path_factory):
    """One run of `scorer check draft.docx --html … --json …`: (process, html text, result json)."""
    out = tmp_path_factory.mktemp("out")
    process = run_check("check", draft, "--html", out / "check.html", "--json", out / "check.json")
    assert process.returncode == 0, process.stderr
    report = json.loads((out / "check.json").read_text(encoding="utf-8"))["reports"][0]
    return process, (out / "check.html").read_text(encoding="utf-8"), report


def section(output: str, title: str) -> str:
    """The lines of one 【…】 section of the check output."""
    match = re.search(rf"^【{re.escape(title)}[^\n]*\n(.*?)(?=^【|\Z)", output, re.M | re.S)
    assert match, f"no section {title} in:\n{output}"
    return match.group(1)


def improvement(output: str, requirement_id: str) -> str:
    """One numbered item of 最能提高得分的修改, found by its requirement id."""
    items = re.split(r"^\s+\d+\. ", section(output, "最能提高得分的修改"), flags=re.M)
    found = [item for item in items if f"（{requirement_id}，" in item]
    assert len(found) == 1, f"{requirement_id} not listed once in:\n{output}"
    return found[0]


# --------------------------------------------------------------------------- the terminal report


def test_detects_region_year_level_and_score(checked):
    output = checked[0].stdout
    assert "地区 福建省泉州市洛江区" in output and "年度 2024年" in output and "层级 区级" in output
    assert f"{checked[2]['score']:.1f} 分（{checked[2]['grade']}）" in output
    assert "未识别" not in output


def test_plan_only_three_systems(checked):
    item = improvement(checked[0].stdout, "p5.three-systems")
    assert "[部分]" in item
    assert f"原因：{REASON_LABELS['plan-only']}：“下一步将全面推行行政执法“三项制度”" in item
    assert "建议：写明行政执法公示" in item  # the rubric's guidance


def test_negated_shufa(checked):
    item = improvement(checked[0].stdout, "p10.shufa")
    assert "[部分]" in item
    assert f"原因：{REASON_LABELS['negated-only']}：“尚未开展党政主要负责人年终述法" in item


def test_head_appearance_below_target(checked):
    output = checked[0].stdout
    item = improvement(output, "p7.head-court-appearance")
    flat = re.sub(r"\s+", "", item)  # the reason may wrap at the terminal width
    assert f"原因：{REASON_LABELS['below-target']}：行政机关负责人出庭应诉率" in flat and "85%" in flat
    assert "目标不低于100%" in flat
    figures = section(output, "数据与指标")
    assert re.search(r"行政机关负责人出庭应诉率(?:（[^）]*）)?\s+85%\s+未达目标（不低于100%）", figures)


def test_rate_mismatch_shows_stated_and_recomputed(checked):
    figures = section(checked[0].stdout, "数据与指标")
    lines = [line for line in figures.splitlines() if "调解成功率" in line and "与所列数字不符" in line]
    assert lines and "80" in lines[0], figures
    assert "调解成功1,000件" in figures  # the sentence is quoted


def test_mandated_parts(checked):
    parts = section(checked[0].stdout, "年度报告法定内容")
    assert re.search(r"\[缺失\] 存在的不足和原因", parts)
    assert re.search(r"\[达标\] 主要举措和成效", parts)
    assert "其他需要报告的情况" in parts
    item = improvement(checked[0].stdout, "report.shortcomings")
    assert f"原因：{REASON_LABELS['not-mentioned']}" in item
    # the result carries the parts the writers show
    json_parts = {p["name"]: p["status"] for p in checked[2]["parts"]}
    assert json_parts["存在的不足和原因"] == "missing" and json_parts["主要举措和成效"] == "met"


def test_improvements_most_points_first(checked):
    gains = [
        float(g) for g in re.findall(r"^\s+\d+\. \+([\d.]+) 分", section(checked[0].stdout, "最能提高得分的修改"), re.M)
    ]
    todo = [r for r in checked[2]["requirements"] if r["status"] in ("missing", "partial")]
    assert len(gains) == len(todo) and gains == sorted(gains, reverse=True)


def test_met_requirements_with_a_quote(checked):
    met = section(checked[0].stdout, "已达标")
    assert "行政规范性文件清理" in met and "“开展规范性文件集中清理" in met


def test_piped_output_is_plain_and_fits_the_terminal(checked):
    output = checked[0].stdout
    assert "\x1b" not in output
    too_wide = [line for line in output.splitlines() if width(line) > COLUMNS]
    assert not too_wide
    assert "评分细则 outline-2021-2025 版本" in output  # says which rubric and tool produced it


@pytest.mark.parametrize("found", [True, False], ids=["metadata-found", "metadata-missing"])
def test_colour_only_adds_escape_codes(draft, found):
    from scorer.pipeline import analyze

    rubric = load_rubric(None)
    result = analyze(read_document(draft), rubric)
    if not found:  # the warnings are coloured and wrapped too
        result = dataclasses.replace(result, region=None, year=None, level=None)
    plain, coloured = io.StringIO(), io.StringIO()
    print_check(result, rubric, color=False, out=plain)
    print_check(result, rubric, color=True, out=coloured)
    assert "\x1b[31m[缺失]\x1b[0m" in coloured.getvalue() and "\x1b[33m[部分]\x1b[0m" in coloured.getvalue()
    assert ANSI.sub("", coloured.getvalue()) == plain.getvalue()


def test_title_left_out_is_flagged(tmp_path):
    # the body alone: no title, opening sentence or signature, and no year in the headings
    body = (FIXTURES / "draft.md").read_text(encoding="utf-8").splitlines()[2:-2]
    draft = tmp_path / "untitled.txt"
    draft.write_text("\n".join(line.lstrip("# ").replace("2024年推进", "") for line in body), encoding="utf-8")
    output = run_check("check", draft, "--json", tmp_path / "untitled.json").stdout
    assert "地区 未识别" in output and "年度 未识别" in output
    assert "提示：未识别到报告年度" in output and "请在标题或首句写明报告年度" in output
    # the JSON says the same with a code a program can match, beside the message
    (report,) = json.loads((tmp_path / "untitled.json").read_text(encoding="utf-8"))["reports"]
    codes = [w["code"] for w in report["warnings"]]
    assert "no-year" in codes and "no-region" in codes
    assert report["errors"] == [w["message"] for w in report["warnings"]]


# --------------------------------------------------------------------------- exit codes


def test_exit_code_below_fail_under(draft):
    assert run_check("check", draft, "--fail-under", "99").returncode == 3
    assert run_check("check", draft, "--fail-under", "10").returncode == 0


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n" + b"\0" * 64], ids=["empty", "png"])
def test_exit_code_unreadable_file(tmp_path, content):
    path = tmp_path / "draft.docx"
    path.write_bytes(content)
    process = run_check("check", path)
    assert process.returncode == 1
    assert "draft.docx" in process.stderr and "Traceback" not in process.stderr


def test_exit_code_usage_error(draft):
    assert run_check("check", draft, "--no-such-option").returncode == 2


# --------------------------------------------------------------------------- the HTML page


class _TextMarks(HTMLParser):
    """The draft's text as the page shows it, the offsets of each <mark> in it, and the links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.marks, self.ids, self.links = [], [], set(), []
        self.length = 0  # of the text so far: where the next mark starts
        self._depth = 0  # >0 inside the text container
        self._mark = None
        self._anchor = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self._anchor = attrs["href"]
            self.links.append(attrs["href"])
        if self._depth:
            self._depth += 1
            if tag == "mark":
                self._mark = {
                    "id": attrs["id"],
                    "req": (attrs.get("data-req") or "").split(),
                    "start": self.length,
                    "href": self._anchor,
                    "class": attrs["class"].split(),
                }
        elif tag == "div" and attrs.get("id") == "text":
            self._depth = 1

    def handle_endtag(self, tag):
        if tag == "a":
            self._anchor = None
        if self._depth:
            self._depth -= 1
            if tag == "mark":
                self._mark["end"] = self.length
                self.marks.append(self._mark)

    def handle_data(self, data):
        if self._depth:
            self.text.append(data)
            self.length += len(data)


def parse_page(html: str) -> _TextMarks:
    parser = _TextMarks()
    parser.feed(html)
    parser.close()
    parser.text = "".join(parser.text)
    return parser


def merged(spans) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [tuple(span) for span in out]


def test_marks_wrap_exactly_the_evidence(checked, draft):
    _, html, report = checked
    page = parse_page(html)
    text = read_document(draft).text
    assert page.text == text  # the whole draft, unchanged, so offsets line up
    for requirement in report["requirements"]:
        rid = requirement["id"]
        evidence = [(e["start"], e["end"]) for e in requirement["evidence"]]
        marked = [(m["start"], m["end"]) for m in page.marks if rid in m["req"]]
        assert merged(marked) == merged(evidence), rid
        for start, end in evidence:
            assert "".join(text[a:b] for a, b in marked if start <= a and b <= end) == text[start:end]
    # one sentence cited by two requirements is one highlight carrying both
    assert any(len(m["req"]) >= 2 for m in page.marks)


def test_highlights_and_panel_link_both_ways(checked):
    _, html, report = checked
    page = parse_page(html)
    by_id = {m["id"]: m for m in page.marks}
    for mark in page.marks:
        if mark["req"]:
            assert mark["href"] == f"#req-{mark['req'][0]}"
    landing = [by_id[link[1:]] for link in page.links if link[1:] in by_id]  # the panel's links into the text
    for requirement in report["requirements"]:
        assert f"req-{requirement['id']}" in page.ids
        for e in requirement["evidence"]:
            assert any(m["start"] == e["start"] and requirement["id"] in m["req"] for m in landing)
    below = [m for m in page.marks if "fig-miss" in m["class"]]
    assert {page.text[m["start"] : m["end"]] for m in below} >= {"85%", "95%"}


def test_a_rate_mismatch_marks_and_links_both_counts(checked):
    _, html, report = checked
    page = parse_page(html)
    (mismatch,) = [f for f in report["findings"] if f["kind"] == "rate-mismatch"]
    assert [(r["role"], r["value"], r["words"]) for r in mismatch["figures"]] == [
        ("numerator", 1000, "调解成功1,000件"),
        ("denominator", 1250, "全区受理矛盾纠纷1,250件"),
    ]
    by_id = {m["id"]: m for m in page.marks}
    landing = {(by_id[link[1:]]["start"], by_id[link[1:]]["end"]) for link in page.links if link[1:] in by_id}
    for read in mismatch["figures"]:
        assert (read["start"], read["end"]) in landing  # the panel links to each count
        assert any(m["start"] == read["start"] and "fig-miss" in m["class"] for m in page.marks)
    # every figure is quoted with the words it was read with
    assert all(m["label"] for m in report["metrics"])


def test_overlapping_spans_are_split(tmp_path):
    text = "甲乙丙丁戊己庚辛壬癸"

    def requirement(rid, *spans):
        return RequirementResult(
            rid, rid, "p1", "met", 1, 1, "met", tuple(Evidence(text[a:b], a, b, "", "achievement") for a, b in spans)
        )

    result = ReportResult(
        "t.txt",
        "txt",
        None,
        None,
        None,
        None,
        None,
        None,
        100.0,
        "优秀",
        3,
        3,
        (),
        (requirement("a", (0, 6)), requirement("b", (3, 9)), requirement("c", (4, 5))),
    )
    write_html(result, load_rubric(None), text, tmp_path / "t.html")
    page = parse_page((tmp_path / "t.html").read_text(encoding="utf-8"))
    assert page.text == text
    assert [(page.text[m["start"] : m["end"]], m["req"]) for m in page.marks] == [
        ("甲乙丙", ["a"]),
        ("丁", ["a", "b"]),
        ("戊", ["a", "b", "c"]),
        ("己", ["a", "b"]),
        ("庚辛壬", ["b"]),
    ]


def test_report_text_is_escaped_and_nothing_is_fetched(tmp_path):
    body = (FIXTURES / "draft.md").read_text(encoding="utf-8").replace("#", "")
    hostile = "开展专项执法检查<script>alert('x')</script>12次,<img src=x onerror=alert(1)>&amp;"
    draft = tmp_path / "hostile.txt"
    draft.write_text(body.replace("开展专项执法检查1,480次", hostile), encoding="utf-8")
    assert run_check("check", draft, "--html", tmp_path / "h.html").returncode == 0
    html = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert html.count("<script") == 1  # the page's own
    assert "<img" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert parse_page(html).text == read_document(draft).text
    assert not re.search(r"https?://|//[a-z]|@import|url\(", html, re.I)


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is not installed")
def test_page_renders_in_chromium(checked, tmp_path):
    page, shot = tmp_path / "check.html", tmp_path / "check.png"
    page.write_text(checked[1], encoding="utf-8")
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1400,1800",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 50_000  # a page of highlighted text, not a blank one


def test_the_issuer_is_shown_and_an_inferred_one_says_so(tmp_path):
    # 开州区's report names no issuer: the district's government is inferred, and said to be
    process = run_scorer("check", "examples/kaizhou_2024.txt", "--html", tmp_path / "check.html")
    assert process.returncode == 0, process.stderr
    assert "报告主体 重庆市开州区人民政府（推定）" in process.stdout
    assert "报告主体 重庆市开州区人民政府（推定）" in (tmp_path / "check.html").read_text(encoding="utf-8")
    signed = run_scorer("check", "examples/baoan_2023.txt")
    assert "报告主体 深圳市宝安区人民政府\n" in signed.stdout  # read from its signature: no 推定
