"""`scorer score --html`: one self-contained dashboard page for a batch — the ranking, the
reports × requirements heat map, the key figures as small charts, and each report's evidence a
click away.

The page loads nothing from anywhere: CSS, script and data are inline, the charts are SVG drawn by
the script (the stylesheet and the script are files beside this module, in static/). The
results travel as one JSON value inside a `<script type="application/json">` element, with `<`,
`>` and `&` escaped, so no report text can close the element; the script puts report text on the
page only through `textContent` and attribute values, never as markup.
"""

from __future__ import annotations

import functools
import json
import os
from html import escape
from importlib import resources
from typing import Any

from ..presentation import (
    EVIDENCE_KIND_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
    issuer_label,
    reason_label,
    target_sign,
)
from ..result import STATUSES, RunResult
from ..rubric.model import Rubric
from .atomic import write_text_atomic
from .ranking import ranked, year_of

STATUS_CODES = {"met": "m", "partial": "p", "missing": "x", "n/a": "n"}


def write_dashboard(run: RunResult, rubric: Rubric, path: str | os.PathLike[str]) -> None:
    write_text_atomic(path, render(run, rubric))


def render(run: RunResult, rubric: Rubric) -> str:
    title = f"法治政府建设情况报告评分看板（{len(run.reports)} 份报告）"
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            # Nothing may be fetched: not even a favicon request leaves the page.
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
            f"<title>{escape(title)}</title>\n<style>\n{_asset('dashboard.css')}</style>\n</head>\n<body>\n",
            f'<header><h1>{escape(title)}</h1><p class="meta">{escape(_provenance(run))}</p></header>\n',
            '<noscript><p class="warn">本页面需要启用 JavaScript 才能显示图表和明细。</p></noscript>\n',
            '<main id="app"></main>\n',
            f'<script type="application/json" id="data">{_script_json(_data(run, rubric))}</script>\n',
            f"<script>\n{_asset('dashboard.js')}</script>\n</body>\n</html>\n",
        ]
    )


@functools.cache
def _asset(name: str) -> str:
    """The page's stylesheet or script (scorer/write/static/, shipped in the wheel). The script
    builds every element with createElement / textContent: report text never becomes markup."""
    return (resources.files(__package__) / "static" / name).read_text(encoding="utf-8")


def _provenance(run: RunResult) -> str:
    return (
        f"评分标准：{run.rubric.title}（{run.rubric.id} 版本 {run.rubric.version}）· "
        f"{run.tool_name} {run.tool_version} · 评分时间 {run.run_date}"
    )


def _script_json(value: Any) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _data(run: RunResult, rubric: Rubric) -> dict[str, Any]:
    requirements: dict[str, list[str]] = {r.id: [r.id, r.title, r.pillar] for r in rubric.requirements if r.enabled}
    for report in run.reports:
        for r in report.requirements:
            requirements.setdefault(r.id, [r.id, r.title, r.pillar])
    columns = list(requirements)
    order = ranked(run.reports)
    reports = []
    for index, rank in order:
        report = run.reports[index]
        by_id = {r.id: r for r in report.requirements}
        reports.append(
            {
                "region": report.region_full or report.region or "",
                "short": report.region or "",
                "level": LEVEL_LABELS.get(report.level or "", ""),
                "issuer": issuer_label(report),
                "year": year_of(report),
                "score": report.score,
                "grade": report.grade,
                "rank": rank,
                "points": report.points,
                "max": report.max_points,
                "source": report.source,
                # with `score --baseline`: last year's score, the change, the share copied from last year
                "before": report.baseline.score if report.baseline else None,
                "delta": report.baseline.delta if report.baseline else None,
                "copied": report.copied.from_baseline.share if report.copied and report.copied.from_baseline else None,
                "counts": [sum(r.counted_status == s for r in report.requirements) for s in STATUSES],
                "statuses": "".join(
                    STATUS_CODES.get(by_id[c].counted_status, "n") if c in by_id else "-" for c in columns
                ),
                "pillars": [p.percent for p in report.pillars],
                "requirements": [
                    [
                        r.id,
                        STATUS_CODES.get(r.counted_status, "n"),
                        reason_label(r),
                        r.counted_points,
                        r.counted_max,
                        [
                            [e.kind == "achievement", EVIDENCE_KIND_LABELS.get(e.kind, e.kind), e.quote, e.section]
                            for e in r.evidence
                        ],
                        r.guidance if r.status in ("partial", "missing") else "",
                    ]
                    for r in report.requirements
                ],
                "figures": [[m.name, m.value, m.unit, m.scope, m.approx, m.meets_target] for m in report.metrics],
            }
        )
    # each figure: [position of the report in `reports`, value, scope, meets the target]
    metrics = [
        {
            "id": metric.id,
            "name": metric.name,
            "unit": metric.unit,
            # as the caption prints it (≥ 100%), and the number the chart draws its line at
            "target": target_sign(metric.target, metric.unit) if metric.target else "",
            "targetValue": metric.target.value if metric.target else None,
            "values": [
                [n, v.value, v.scope, v.meets_target]
                for n, (index, _) in enumerate(order)
                for v in run.reports[index].metrics
                if v.id == metric.id
            ],
        }
        for metric in rubric.metrics
    ]
    return {
        "statusLabels": [STATUS_LABELS[s] for s in STATUSES],
        "statusCodes": [STATUS_CODES[s] for s in STATUSES],
        "requirements": [requirements[c] for c in columns],
        "pillars": [[p.id, p.title] for p in rubric.pillars],
        "grades": [[g.min, g.label] for g in sorted(rubric.scoring.grades, key=lambda g: -g.min)],
        "reports": reports,
        "metrics": metrics,
        "errors": [[e.source, e.error] for e in run.failures],
    }
