"""Targets: a warning for every metric value that misses its target."""

from __future__ import annotations

from collections.abc import Sequence

from ..result import TARGET_OP_SIGNS, Finding, MetricValue
from ..rubric.model import MetricDef


def printed_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def target_findings(values: Sequence[MetricValue], metrics: Sequence[MetricDef]) -> list[Finding]:
    """A warning for every value that misses its metric's target."""
    by_id = {m.id: m for m in metrics}
    findings = []
    for value in values:
        metric = by_id.get(value.id)
        if metric is None or metric.target is None or value.meets_target is not False:
            continue
        sign = "%" if metric.unit == "percent" else ""
        scope = f"（{value.scope}）" if value.scope else ""
        message = (
            f"{metric.name} {printed_value(value.value)}{sign}{scope}未达到目标 "
            f"{TARGET_OP_SIGNS[metric.target.op]} {printed_value(metric.target.value)}{sign}"
        )
        findings.append(
            Finding(
                kind="below-target",
                severity="warning",
                message=message,
                requirement=metric.requirement or "",
                metric=metric.id,
                stated=value.value,
                quote=value.quote,
                start=value.start,
                end=value.end,
            )
        )
    return findings
