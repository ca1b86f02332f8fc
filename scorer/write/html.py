"""`scorer check --html`: one self-contained page — the draft's text with every piece of evidence
highlighted, and beside it the requirements grouped by status, the figures and the findings.

Highlights and the panel link both ways: a highlight is a link to its (first) requirement, and
each piece of evidence in the panel links back to where its span starts in the text. Spans may
overlap (one sentence cited by two requirements, a figure inside a cited sentence), so the text
is cut at every span edge and each piece is one `<mark>` carrying every requirement that covers
it (`data-req`). All report text is escaped; the page loads nothing from anywhere.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from html import escape

from ..presentation import (
    DOUBT_LABELS,
    EVIDENCE_KIND_LABELS,
    FIGURE_ROLE_LABELS,
    LEVEL_LABELS,
    OPTIONAL_PART,
    STATUS_HEADINGS,
    STATUS_LABELS,
    example,
    figure,
    improvements,
    issuer_label,
    notes,
    points,
    provenance,
    scoped,
    shorten,
    target_text,
    why,
)
from ..result import FigureRead, ReportResult, RequirementResult, Status
from ..rubric.model import Rubric
from .atomic import write_text_atomic

# the panel's order: what to fix first
STATUS_ORDER: tuple[Status, ...] = ("missing", "partial", "met", "n/a")
FIGURE = "figure"  # the requirement field of a span that marks an extracted value, not evidence


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    requirement: str  # a requirement id, or FIGURE
    status: str  # the requirement's status; for a figure: "ok" or "miss"
    kind: str  # an evidence kind; "" for a figure
    label: str  # what hovering the highlight says


def write_html(result: ReportResult, rubric: Rubric, text: str, path: str | os.PathLike[str]) -> None:
    write_text_atomic(path, render(result, rubric, text))


def render(result: ReportResult, rubric: Rubric, text: str) -> str:
    spans = _spans(result, len(text))
    segments = _segments(spans, len(text))
    # span start → the segment starting there, where the panel's links land
    first_segment = {start: i for i, (start, _, covering) in enumerate(segments) if covering}
    title = f"自查 · {result.region or '未识别地区'} {result.year or ''} · {result.source}"
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
            _summary(result, rubric),
            '<div class="layout">\n<main class="text-pane"><div class="text" id="text">',
            _text(text, segments),
            '</div></main>\n<aside class="panel">\n',
            _requirements(result, rubric, first_segment, ("missing", "partial")),
            _figures(result, first_segment),
            _requirements(result, rubric, first_segment, ("met", "n/a")),
            "</aside>\n</div>\n",
            f"<script>{_JS}</script>\n</body>\n</html>\n",
        ]
    )


# --------------------------------------------------------------------------- the text


def _spans(result: ReportResult, length: int) -> list[_Span]:
    spans = []
    for r in result.requirements:
        for e in r.evidence:
            spans.append(
                _Span(
                    e.start,
                    e.end,
                    r.id,
                    r.status,
                    e.kind,
                    f"{r.title}（{STATUS_LABELS.get(r.status, r.status)}，{EVIDENCE_KIND_LABELS.get(e.kind, e.kind)}）",
                )
            )
    for m in result.metrics:
        spans.append(
            _Span(
                m.start,
                m.end,
                FIGURE,
                "miss" if m.meets_target is False else "ok",
                "",
                f"{m.name}{scoped(m)} {figure(m.value, m.unit, m.approx)}"
                + (f"（读作“{m.label}”）" if m.label else ""),
            )
        )
    for f in result.findings:
        if f.start is not None and f.end is not None:
            spans.append(_Span(f.start, f.end, FIGURE, "miss", "", f.message))
        for read in f.figures:  # the counts a rate was recomputed from
            spans.append(
                _Span(
                    read.start,
                    read.end,
                    FIGURE,
                    "miss",
                    "",
                    f"{FIGURE_ROLE_LABELS.get(read.role, read.role)}：{read.words}",
                )
            )
    # offsets come from the pipeline; clamp them so a stale result cannot break the page
    clamped = [_Span(max(0, s.start), min(length, s.end), s.requirement, s.status, s.kind, s.label) for s in spans]
    return [s for s in clamped if s.start < s.end]


def _segments(spans: list[_Span], length: int) -> list[tuple[int, int, list[_Span]]]:
    """The text cut at every span edge: (start, end, the spans covering that piece)."""
    edges = sorted({0, length, *(s.start for s in spans), *(s.end for s in spans)})
    return [(a, b, [s for s in spans if s.start <= a and b <= s.end]) for a, b in itertools.pairwise(edges)]


def _text(text: str, segments) -> str:
    out = []
    for i, (start, end, covering) in enumerate(segments):
        piece = escape(text[start:end])
        if not covering:
            out.append(piece)
            continue
        requirements = list(dict.fromkeys(s.requirement for s in covering if s.requirement != FIGURE))
        classes = sorted(
            {f"st-{s.status}" for s in covering if s.requirement != FIGURE}
            | {f"k-{s.kind}" for s in covering if s.kind}
        )
        figures = [s for s in covering if s.requirement == FIGURE]
        if figures:
            classes.append("fig-miss" if any(s.status == "miss" for s in figures) else "fig")
        target = f"#req-{requirements[0]}" if requirements else "#figures"
        label = "；".join(dict.fromkeys(s.label for s in covering))
        req_attr = f' data-req="{escape(" ".join(requirements))}"' if requirements else ""
        out.append(
            f'<a class="hl" href="{escape(target)}"><mark id="s-{i}" class="{escape(" ".join(classes))}"'
            f'{req_attr} title="{escape(label)}">{piece}</mark></a>'
        )
    return "".join(out)


# --------------------------------------------------------------------------- the summary and the panel


def _summary(result: ReportResult, rubric: Rubric) -> str:
    unknown = '<span class="unknown">未识别</span>'
    region = escape(result.region_full or result.region) if result.region else unknown
    year = f"{result.year}年" if result.year else unknown
    level = escape(LEVEL_LABELS[result.level]) if result.level in LEVEL_LABELS else unknown
    counts = "，".join(
        f"{STATUS_LABELS[s]} {n} 项" for s in STATUS_ORDER if (n := sum(r.status == s for r in result.requirements))
    )
    parts = "".join(
        f'<li class="st-{p.status}"><b>{STATUS_LABELS[p.status]}</b> {escape(p.name)}</li>' for p in result.parts
    )
    parts += f'<li class="optional"><b>可选</b> {OPTIONAL_PART}</li>'
    warnings = "".join(f"<li>{escape(note)}</li>" for note in notes(result))
    return (
        '<header class="summary">\n'
        f"<h1>法治政府建设情况报告自查 <small>{escape(result.source)}</small></h1>\n"
        f'<p class="score"><span class="big">{result.score:.1f}</span> 分 · {escape(result.grade)}'
        f' <span class="muted">（得 {points(result.points)} / {points(result.max_points)} 分；{counts}）</span></p>\n'
        f"<p>地区 {region} · 年度 {year} · 层级 {level} · 报告主体 {escape(issuer_label(result)) or unknown}</p>\n"
        f'<p class="muted">{escape(provenance(rubric))}</p>\n'
        f'<p class="parts-title">年度报告法定内容</p><ul class="parts">{parts}</ul>\n'
        + (f'<ul class="notes">{warnings}</ul>\n' if warnings else "")
        + '<p class="legend"><mark class="st-met">计入达标的依据</mark> '
        '<mark class="st-partial">只得部分分的依据（计划、否定、不足或笼统）</mark> '
        '<mark class="fig">提取的数据</mark> <mark class="fig-miss">未达目标或比率不符</mark> '
        "· 点击高亮跳到对应要求，点击要求中的“原文”跳回高亮</p>\n"
        "</header>\n"
    )


def _requirements(
    result: ReportResult, rubric: Rubric, first_segment: dict[int, int], statuses: tuple[str, ...]
) -> str:
    todo = improvements(result)
    groups = {
        "missing": [r for r in todo if r.status == "missing"],
        "partial": [r for r in todo if r.status == "partial"],
        "met": [r for r in result.requirements if r.status == "met"],
        "n/a": [r for r in result.requirements if r.status == "n/a"],
    }
    out = []
    for status in statuses:
        if groups[status]:
            out.append(f'<h2 class="st-{status}">{STATUS_HEADINGS[status]}（{len(groups[status])} 项）</h2>\n')
            out.extend(_requirement(r, result, rubric, first_segment) for r in groups[status])
    return "".join(out)


def _requirement(r: RequirementResult, result: ReportResult, rubric: Rubric, first_segment: dict[int, int]) -> str:
    out = [
        f'<section class="req st-{r.status}" id="req-{escape(r.id)}">',
        f'<h3>{escape(r.title)} <span class="pts">{points(r.points)}/{points(r.max_points)} 分</span></h3>',
        f'<p class="rid">{escape(r.id)}' + (f" · {escape(r.source)}" if r.source else "") + "</p>",
    ]
    if r.status in ("missing", "partial"):
        label, detail = why(r, result)
        out.append(f"<p><b>原因</b> {escape(label)}" + (f"：{escape(shorten(detail, 120))}" if detail else "") + "</p>")
        if r.guidance:
            out.append(f"<p><b>建议</b> {escape(r.guidance)}</p>")
        accepted = example(r, rubric)
        if accepted:
            out.append(f'<p class="example"><b>示例</b> {escape(accepted)}</p>')
    elif r.status == "n/a":
        out.append("<p>不适用于该层级，不计分。</p>")
    elif r.doubt:  # met, on a close call: a supervisor may read it otherwise
        out.append(f"<p><b>提示</b> {escape(DOUBT_LABELS[r.doubt])}</p>")
    if r.evidence:
        out.append('<ol class="evidence">')
        for e in r.evidence:
            link = f'<a href="#s-{first_segment[e.start]}">原文</a> ' if e.start in first_segment else ""
            out.append(
                f'<li class="k-{escape(e.kind)}">{link}<span class="kind">'
                f"{escape(EVIDENCE_KIND_LABELS.get(e.kind, e.kind))}</span> "
                f"{escape(shorten(e.quote, 90))}"
                + (f' <span class="detail">具体：{escape(e.detail)}</span>' if e.detail else "")
                + (f' <span class="muted">{escape(e.section.rsplit(" > ", 1)[-1])}</span>' if e.section else "")
                + "</li>"
            )
        out.append("</ol>")
    out.append("</section>\n")
    return "".join(out)


def _figures(result: ReportResult, first_segment: dict[int, int]) -> str:
    out = [f'<h2 id="figures">数据与指标（{len(result.metrics)} 个）</h2>\n']
    if result.metrics:
        out.append(
            "<table><thead><tr><th>指标（范围）</th><th>数值</th><th>目标</th><th>读作</th><th>原文</th>"
            "</tr></thead><tbody>"
        )
        for m in result.metrics:
            if m.meets_target is None or m.target is None:
                verdict, css = "", ""
            else:
                verdict = ("达到" if m.meets_target else "未达") + target_text(m.target, m.unit)
                css = "st-met" if m.meets_target else "st-missing"
            link = f'<a href="#s-{first_segment[m.start]}">原文</a> ' if m.start in first_segment else ""
            out.append(
                f'<tr class="{css}"><td>{escape(m.name + scoped(m))}</td>'
                f'<td class="num">{escape(figure(m.value, m.unit, m.approx))}</td>'
                f"<td>{escape(verdict)}</td><td>{escape(m.label)}</td>"
                f"<td>{link}{escape(shorten(m.quote, 60))}</td></tr>"
            )
        out.append("</tbody></table>\n")
    findings = [f for f in result.findings if f.kind != "missing-part"]
    if findings:
        out.append(f'<h2>发现的问题（{len(findings)} 处）</h2>\n<ul class="findings">')
        for f in findings:
            link = f' <a href="#s-{first_segment[f.start]}">原文</a>' if f.start in first_segment else ""
            out.append(
                f'<li class="sev-{escape(f.severity)}">{escape(f.message)}{link}'
                + (f'<br><span class="muted">{escape(shorten(f.quote, 90))}</span>' if f.quote else "")
                + (
                    '<br><span class="muted">核对：</span>'
                    + " · ".join(_figure_read(read, first_segment) for read in f.figures)
                    if f.figures
                    else ""
                )
                + "</li>"
            )
        out.append("</ul>\n")
    return "".join(out)


def _figure_read(read: FigureRead, first_segment: dict[int, int]) -> str:
    """One count a finding was computed from, linked to where it stands (its words are in the message)."""
    number = escape(figure(read.value, "count"))
    shown = f'<a href="#s-{first_segment[read.start]}">{number}</a>' if read.start in first_segment else number
    return f"{FIGURE_ROLE_LABELS.get(read.role, read.role)} {shown}"


_CSS = """
:root { --met: #d3f2d3; --met-ink: #1e6b1e; --partial: #ffeaa0; --partial-ink: #8a5a00;
        --missing: #ffd3d3; --missing-ink: #a01818; --muted: #666; --fig: #1f5fbf; }
* { box-sizing: border-box; }
/* On screen the summary stays put and the text and the panel scroll on their own, so a link
   between them moves only the side it lands on. */
body { margin: 0; height: 100vh; display: flex; flex-direction: column;
       font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       color: #222; background: #fafafa; line-height: 1.7; }
.summary { flex: none; padding: 10px 24px; background: #fff; border-bottom: 1px solid #ddd; }
.summary h1 { font-size: 20px; margin: 0 0 4px; }
.summary h1 small { font-size: 13px; font-weight: normal; color: var(--muted); word-break: break-all; }
.summary p { margin: 2px 0; }
.score .big { font-size: 28px; font-weight: bold; }
.muted, .rid { color: var(--muted); font-size: 12px; }
.unknown { color: var(--missing-ink); font-weight: bold; }
.parts-title { font-weight: bold; }
.parts, .notes { margin: 2px 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 6px; }
.parts li { padding: 1px 8px; border-radius: 4px; font-size: 14px; }
.parts li.st-met { background: var(--met); } .parts li.st-partial { background: var(--partial); }
.parts li.st-missing { background: var(--missing); } .parts li.optional { background: #eee; }
.notes li { color: var(--partial-ink); }
.notes li::before { content: "提示："; font-weight: bold; }
.legend { font-size: 13px; color: var(--muted); }
.layout { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) 480px; }
.text-pane { overflow-y: auto; background: #fff; }
.text { white-space: pre-wrap; word-break: break-word; padding: 16px 28px 40px; font-size: 16px;
        max-width: 52em; margin: 0 auto; }
.panel { overflow-y: auto; padding: 8px 16px 40px; border-left: 1px solid #ddd; font-size: 14px; }
.panel h2 { font-size: 16px; margin: 18px 0 6px; padding: 2px 8px; border-radius: 4px; }
h2.st-missing { background: var(--missing); } h2.st-partial { background: var(--partial); }
h2.st-met { background: var(--met); } h2.st-n\\/a { background: #eee; }
.req { background: #fff; border: 1px solid #ddd; border-left: 5px solid #bbb; border-radius: 4px;
       padding: 6px 10px; margin: 6px 0; }
.req.st-missing { border-left-color: var(--missing-ink); } .req.st-partial { border-left-color: #e0a800; }
.req.st-met { border-left-color: var(--met-ink); }
.req h3 { font-size: 15px; margin: 0; } .req p { margin: 3px 0; }
.pts { float: right; color: var(--muted); font-weight: normal; }
.req:target, .req.hit { outline: 3px solid var(--fig); }
.example { color: var(--met-ink); }
.evidence { margin: 4px 0 0; padding-left: 1.4em; font-size: 13px; }
.evidence .detail { background: #e8f4ea; border-radius: 3px; padding: 0 3px; }
.kind { font-size: 12px; padding: 0 4px; border-radius: 3px; background: #eee; }
.k-plan .kind, .k-negated .kind, .k-shortcoming .kind, .k-generic .kind { background: var(--partial); }
.k-achievement .kind { background: var(--met); }
a.hl { color: inherit; text-decoration: none; }
mark { background: none; color: inherit; border-radius: 2px; }
mark.st-met { background: var(--met); }
mark.st-partial { background: var(--partial); }
mark.k-plan, mark.k-negated, mark.k-shortcoming { text-decoration: underline wavy var(--partial-ink); }
mark.fig { box-shadow: inset 0 -2px 0 var(--fig); font-weight: bold; }
mark.fig-miss { box-shadow: inset 0 0 0 2px var(--missing-ink); font-weight: bold; color: var(--missing-ink); }
mark:target { outline: 3px solid var(--fig); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 4px; text-align: left; vertical-align: top; }
td:first-child { min-width: 7em; } td.num { white-space: nowrap; font-weight: bold; }
tr.st-missing td { background: var(--missing); }
.findings { padding-left: 1.2em; }
.sev-error { color: var(--missing-ink); }
@media (max-width: 900px) {
  body { display: block; height: auto; } .layout { display: block; }
  .text-pane, .panel { overflow: visible; border: 0; }
}
@media print {
  body { display: block; height: auto; background: #fff; }
  .summary { padding: 0 0 8px; }
  .layout { display: block; }
  .text-pane, .panel { overflow: visible; }
  .text { max-width: none; padding: 12px 0; }
  .panel { border: 0; padding: 0; }
  .req { break-inside: avoid; }
  mark, .parts li, h2, tr.st-missing td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""

# The highlight's link goes to its first requirement (and :target outlines it without script);
# this outlines every other requirement the highlighted text is evidence for as well.
_JS = """
document.addEventListener('click', function (event) {
  var mark = event.target.closest('mark[data-req]');
  document.querySelectorAll('.hit').forEach(function (el) { el.classList.remove('hit'); });
  if (mark) {
    mark.dataset.req.split(' ').forEach(function (id) {
      var req = document.getElementById('req-' + id);
      if (req) req.classList.add('hit');
    });
  }
});
"""
