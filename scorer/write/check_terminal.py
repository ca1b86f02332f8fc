"""What `scorer check` prints for a drafter, in the order they act on it: what was detected and the
score; the five mandated parts; what would raise the score most, with why and how; the figures;
what already counts.

Plain text, CJK-width aware (`width` / `pad`), ANSI colour only when asked. The helpers that say
*what to fix and why* (`improvements`, `why`, `figure`, `target_text`, `shorten`) are shared with
the HTML writer so both views say the same thing.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .. import TOOL_NAME, __version__
from ..result import (
    NO_LEVEL,
    NO_REGION,
    NO_YEAR,
    REASONS,
    Evidence,
    Finding,
    MetricValue,
    ReportResult,
    RequirementResult,
)
from ..rubric.model import Rubric
from ..safe_text import terminal_text
from .terminal import LEVEL_LABELS, STATUS_LABELS, pad, width

OPTIONAL_PART = "其他需要报告的情况"
EVIDENCE_KIND_LABELS = {
    "achievement": "具体成效",
    "plan": "计划",
    "shortcoming": "不足",
    "negated": "否定",
    "generic": "笼统",
}
_TARGET_WORDS = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "==": "等于"}
# For a partial requirement, the evidence kind its reason speaks of: that sentence is quoted.
_REASON_KIND = {
    "plan-only": "plan",
    "shortcoming-only": "shortcoming",
    "negated-only": "negated",
    "generic-only": "generic",
}
_ANSI = {"met": "32", "partial": "33", "missing": "31", "header": "1", "dim": "2"}
# What a drafter should do about each metadata warning (the title may have been left out).
_ADVICE = {
    NO_REGION: "请在标题或首句写明本地区全称，如“××市××区2024年法治政府建设情况报告”。",
    NO_YEAR: "请在标题或首句写明报告年度，如“2024年法治政府建设情况报告”。",
    NO_LEVEL: "所有要求均按适用计分。",
}
OCR_NOTE = (
    "本报告部分或全部文字由OCR从扫描页面识别，引用的原文可能含识别错误；"
    "评分前请核对关键数据，或提供带文字层的PDF、Word或OFD文件。"
)
# Closing punctuation may hang past the wrap column rather than start a line; opening
# punctuation never ends one.
_HANGING = set("，。、；：！？）》」』”’,.;:!?)]")
_OPENING = set("（《「『“‘([")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%‰\-_/]*|.", re.S)
_SPACE = re.compile(r"\s+")

# --------------------------------------------------------------------------- shared with html.py


def notes(result: ReportResult) -> list[str]:
    """Metadata warnings, with what to do about them; a field not found is always flagged; text read
    by OCR is flagged, since its quotes may hold recognition errors."""
    flags = list(result.errors)
    for value, flag in ((result.region, NO_REGION), (result.year, NO_YEAR), (result.level, NO_LEVEL)):
        if value is None and flag not in flags:
            flags.append(flag)
    said = [f"{flag}：{_ADVICE[flag]}" if flag in _ADVICE else flag for flag in flags]
    return said + [OCR_NOTE] if result.ocr else said


def improvements(result: ReportResult) -> list[RequirementResult]:
    """Missing and partial requirements, most points to gain first (rubric order on ties)."""
    todo = [r for r in result.requirements if r.status in ("missing", "partial")]
    return sorted(todo, key=lambda r: -(r.max_points - r.points))


def missed_targets(requirement: RequirementResult, result: ReportResult, rubric: Rubric) -> list[MetricValue]:
    """The extracted values whose missed target makes `requirement` partial."""
    mine = {m.id for m in rubric.metrics if m.requirement == requirement.id}
    return [m for m in result.metrics if m.id in mine and m.meets_target is False]


def reason_evidence(requirement: RequirementResult) -> Evidence | None:
    """The evidence the reason speaks of: for a plan-only requirement, the plan sentence."""
    if not requirement.evidence:
        return None
    kind = _REASON_KIND.get(requirement.reason)
    return next((e for e in requirement.evidence if e.kind == kind), requirement.evidence[0])


def why(requirement: RequirementResult, result: ReportResult, rubric: Rubric) -> tuple[str, str]:
    """(the reason in words, its detail): the sentence at fault, or the value that missed its target."""
    label = REASONS.get(requirement.reason, requirement.reason)
    if requirement.reason == "below-target":
        values = missed_targets(requirement, result, rubric)
        if values:
            return label, "；".join(
                f"{m.name}{scoped(m)} {figure(m.value, m.unit, m.approx)}（目标{target_text(m.target, m.unit)}）"
                for m in values
            )
    evidence = reason_evidence(requirement)
    return label, one_line(evidence.quote) if evidence else ""


def example(requirement: RequirementResult, rubric: Rubric) -> str:
    """A sentence the rubric accepts for this requirement, "" when it gives none."""
    try:
        examples = rubric.requirement(requirement.id).examples.met
    except KeyError:  # a result scored with another rubric
        return ""
    return examples[0] if examples else ""


def figure(value: float, unit: str, approx: bool = False) -> str:
    """12,500 · 约95.5% — as a report would print it."""
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    return ("约" if approx else "") + number + ("%" if unit == "percent" else "")


def target_text(target: str, unit: str) -> str:
    """ ">= 100" → "不低于100%"."""
    op, _, value = target.partition(" ")
    return _TARGET_WORDS.get(op, op) + (figure(float(value), unit) if value else "")


def scoped(value: MetricValue) -> str:
    return f"（{value.scope}）" if value.scope else ""


def one_line(text: str) -> str:
    """`text` on one line, without the control characters a report may hold (escape sequences)."""
    return _SPACE.sub(" ", terminal_text(text)).strip()


def shorten(text: str, columns: int) -> str:
    """`text` on one line, cut with … to at most `columns` terminal columns."""
    text = one_line(text)
    if width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        used += width(ch)
        if used > columns - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


# --------------------------------------------------------------------------- terminal


def wrap(text: str, columns: int) -> list[str]:
    """Break `text` into lines of at most `columns` columns, keeping Latin words and numbers
    whole and letting closing punctuation hang (it may use the two columns kept free for it)."""
    lines, line, used = [], "", 0
    limit = max(4, columns - 2)
    for token in _WORD.findall(one_line(text)):
        w = width(token)
        if line and used + w > limit and not (token in _HANGING and used + w <= columns):
            carried = line[-1] if line[-1] in _OPENING and len(line) > 1 else ""
            lines.append(line[: len(line) - len(carried)].rstrip())
            line, used = carried, width(carried)
            if token == " ":
                continue
        line += token
        used += w
    if line:
        lines.append(line.rstrip())
    return lines


def _painter(color: bool) -> Callable[[str, str], str]:
    if not color:
        return lambda text, style: text
    return lambda text, style: f"\033[{_ANSI[style]}m{text}\033[0m" if text else text


def _columns() -> int:
    # Very wide lines are hard to read; very narrow terminals still get something usable.
    return max(60, min(120, shutil.get_terminal_size((100, 24)).columns))


def _points(value: float) -> str:
    return f"{value:g}"


def provenance(rubric: Rubric) -> str:
    """Which rubric and which tool produced a result: every report the tool writes says so."""
    return f"评分细则 {rubric.id} 版本 {rubric.version} · {TOOL_NAME} {__version__}"


def print_check(result: ReportResult, rubric: Rubric, *, color: bool, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    paint = _painter(color)
    columns = _columns()

    def say(line: str = "") -> None:
        print(line, file=out)

    def header(title: str) -> None:
        say()
        say(paint(f"【{title}】", "header"))

    def status(s: str) -> str:
        return paint(f"[{STATUS_LABELS.get(s, s)}]", s)

    def block(label: str, text: str, indent: int, style: str = "") -> None:
        """`label：text`, wrapped, continuation lines under the text."""
        lead = indent + width(label) + 2
        first = " " * indent + (paint(label, style) if style else label) + "："
        for i, line in enumerate(wrap(text, columns - lead)):
            say((first if i == 0 else " " * lead) + line)

    # 1. what was detected, the score
    name = Path(result.source).name
    say(paint(shorten(f"法治政府建设情况报告自查 · {name}", columns), "header"))
    unknown = paint("未识别", "missing")
    region = (result.region_full or result.region) if result.region else unknown
    year = f"{result.year}年" if result.year else unknown
    level = LEVEL_LABELS.get(result.level or "", unknown)
    say(f"识别：地区 {region}  年度 {year}  层级 {level}")
    counts = {s: sum(r.status == s for r in result.requirements) for s in ("met", "partial", "missing", "n/a")}
    say(
        f"得分：{paint(f'{result.score:.1f}', 'header')} 分（{result.grade}），"
        f"得 {_points(result.points)} / {_points(result.max_points)} 分"
    )
    say("要求：" + "，".join(f"{STATUS_LABELS[s]} {n} 项" for s, n in counts.items() if n))
    say(provenance(rubric))
    for note in notes(result):
        block("提示", note, 0, "partial")

    # 2. the mandated parts of an annual report
    header("年度报告法定内容（督察工作规定）")
    parts = result.parts
    name_columns = max([width(p.name) for p in parts] + [width(OPTIONAL_PART)])
    for part in parts:
        gap = ""
        if part.status != "met" and part.requirement:
            r = result.requirement(part.requirement)
            gap = f"  可得 +{_points(r.max_points - r.points)} 分，见下"
        say(f"  {status(part.status)} {pad(part.name, name_columns)}{gap}".rstrip())
    say(f"  {paint('[可选]', 'dim')} {pad(OPTIONAL_PART, name_columns)}  如有，据实报告".rstrip())

    # 3. what would raise the score most
    todo = improvements(result)
    header(f"最能提高得分的修改（{len(todo)} 项，按可得分数排序）")
    if not todo:
        say("  无：所有适用要求均已达标。")
    number_columns = len(str(len(todo)))
    for i, r in enumerate(todo, 1):
        gain = f"+{_points(r.max_points - r.points)} 分"
        prefix = f"{i:>{number_columns}}. {pad(gain, 8)}"
        lead = width(prefix) + width(STATUS_LABELS[r.status]) + 3
        title = f"{r.title}（{r.id}，{_points(r.points)}/{_points(r.max_points)}分）"
        for j, line in enumerate(wrap(title, columns - 2 - lead)):
            say("  " + (f"{prefix}{status(r.status)} " if j == 0 else " " * lead) + line)
        label, detail = why(r, result, rubric)
        indent = 2 + number_columns + 2
        if detail and r.reason != "below-target":
            detail = f"“{shorten(detail, columns - indent - 8)}”"  # about one line of the sentence
        block("原因", f"{label}：{detail}" if detail else label, indent)
        if r.guidance:
            block("建议", r.guidance, indent)
        accepted = example(r, rubric)
        if accepted:
            block("示例", accepted, indent)

    # 4. figures
    header(f"数据与指标（提取 {len(result.metrics)} 个）")
    _print_figures(result, say, paint, columns)

    # 5. what already counts
    met = [r for r in result.requirements if r.status == "met"]
    header(f"已达标（{len(met)} 项）")
    title_columns = min(30, max([width(r.title) for r in met] + [0]))
    for r in met:
        quote = r.evidence[0].quote if r.evidence else ""
        # what made it specific, so a drafter sees why it counts
        detail = f"（具体：{shorten(r.evidence[0].detail, 16)}）" if r.evidence and r.evidence[0].detail else ""
        title = pad(shorten(r.title, title_columns), title_columns)
        room = columns - 2 - title_columns - 2 - 2 - width(detail)
        say(f"  {paint(title, 'met')}  " + (f"“{shorten(quote, room)}”{detail}" if quote else "").rstrip())
    not_applicable = [r for r in result.requirements if r.status == "n/a"]
    if not_applicable:
        say()
        level_name = LEVEL_LABELS.get(result.level or "", "该层级")
        block(f"不适用于{level_name}（不计分）", "、".join(f"{r.title}（{r.id}）" for r in not_applicable), 2, "dim")


def _print_figures(result: ReportResult, say, paint, columns: int) -> None:
    if not result.metrics:
        say("  未提取到可核对的数据（如出庭应诉率、复议案件数）。")
    rows = [(m, m.name + scoped(m), figure(m.value, m.unit, m.approx)) for m in result.metrics]
    name_columns = max([width(name) for _, name, _ in rows] + [0])
    value_columns = max([width(value) for _, _, value in rows] + [0])
    for m, name, value in rows:
        if m.meets_target is None:
            verdict, style = "", ""
        elif m.meets_target:
            verdict, style = f"达到目标（{target_text(m.target, m.unit)}）", "met"
        else:
            verdict, style = f"未达目标（{target_text(m.target, m.unit)}）", "missing"
        line = f"  {pad(name, name_columns)}  {pad(value, value_columns)}  "
        room = columns - width(line) - (width(verdict) + 2 if verdict else 0) - 2
        say((line + (paint(verdict, style) + "  " if verdict else "") + _read_with(m, room)).rstrip())
    # below-target values are marked above, missing parts have their own section
    mismatches = [f for f in result.findings if f.kind == "rate-mismatch"]
    others = [f for f in result.findings if f.kind not in ("rate-mismatch", "missing-part", "below-target")]
    if mismatches:
        say()
        say("  " + paint(f"比率与所列数量不符（{len(mismatches)} 处）", "missing"))
    if others:
        say()
        say("  " + paint(f"其他问题（{len(others)} 处）", "partial"))
    for f in mismatches + others:
        _print_finding(f, say, columns)


def _read_with(value: MetricValue, room: int) -> str:
    """The words the value was read with, then as much of its sentence as fits."""
    if room < 12:
        return ""
    label = f"读作“{shorten(value.label, room - 6)}”" if value.label else ""
    rest = room - width(label) - 2
    quote = f"“{shorten(value.quote, rest)}”" if rest >= 12 else ""
    return "  ".join(part for part in (label, quote) if part)


def _print_finding(finding: Finding, say, columns: int) -> None:
    # the message names the stated and the recomputed value and the counts' own words (scorer.figures)
    for i, line in enumerate(wrap(finding.message, columns - 6)):
        say(("    · " if i == 0 else "      ") + line)
    if finding.quote:
        say(f"      “{shorten(finding.quote, columns - 9)}”")
