"""What `scorer check` prints for a drafter, in the order they act on it: what was detected and the
score; the five mandated parts; what would raise the score most, with why and how; the figures;
what already counts.

Plain text, CJK-width aware, ANSI colour only when asked. What it says — labels, figures, the
reasons and advice — comes from scorer.presentation, as on the HTML page, so both views say the
same thing.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..presentation import (
    DOUBT_LABELS,
    LEVEL_LABELS,
    OPTIONAL_PART,
    STATUS_LABELS,
    example,
    figure,
    improvements,
    issuer_label,
    notes,
    one_line,
    pad,
    points,
    provenance,
    scoped,
    shorten,
    target_text,
    why,
    width,
)
from ..result import Finding, MetricValue, ReportResult
from ..rubric.model import Rubric

_ANSI = {"met": "32", "partial": "33", "missing": "31", "header": "1", "dim": "2"}
# Closing punctuation may hang past the wrap column rather than start a line; opening
# punctuation never ends one.
_HANGING = set("，。、；：！？）》」』”’,.;:!?)]")
_OPENING = set("（《「『“‘([")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%‰\-_/]*|.", re.S)

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
    say(f"      报告主体 {shorten(issuer_label(result), columns - 15) or unknown}")
    counts = {s: sum(r.status == s for r in result.requirements) for s in ("met", "partial", "missing", "n/a")}
    say(
        f"得分：{paint(f'{result.score:.1f}', 'header')} 分（{result.grade}），"
        f"得 {points(result.points)} / {points(result.max_points)} 分"
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
            gap = f"  可得 +{points(r.max_points - r.points)} 分，见下"
        say(f"  {status(part.status)} {pad(part.name, name_columns)}{gap}".rstrip())
    say(f"  {paint('[可选]', 'dim')} {pad(OPTIONAL_PART, name_columns)}  如有，据实报告".rstrip())

    # 3. what would raise the score most
    todo = improvements(result)
    header(f"最能提高得分的修改（{len(todo)} 项，按可得分数排序）")
    if not todo:
        say("  无：所有适用要求均已达标。")
    number_columns = len(str(len(todo)))
    for i, r in enumerate(todo, 1):
        gain = f"+{points(r.max_points - r.points)} 分"
        prefix = f"{i:>{number_columns}}. {pad(gain, 8)}"
        lead = width(prefix) + width(STATUS_LABELS[r.status]) + 3
        title = f"{r.title}（{r.id}，{points(r.points)}/{points(r.max_points)}分）"
        for j, line in enumerate(wrap(title, columns - 2 - lead)):
            say("  " + (f"{prefix}{status(r.status)} " if j == 0 else " " * lead) + line)
        label, detail = why(r, result)
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
        if r.doubt:  # a close call: a supervisor may read it otherwise
            block("提示", DOUBT_LABELS[r.doubt], 2 + title_columns + 2, "dim")
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
        if m.meets_target is None or m.target is None:
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
