"""Findings about the report as a whole: the mandated parts of an annual report.

Figure findings (below-target, rate-mismatch) come from scorer.figures.
"""

from __future__ import annotations

from .result import Finding, MandatedPart, RequirementResult, Status

REPORT_PILLAR = "report"


# The five contents the 督察工作规定 asks of an annual report. The fifth (其他需要报告的情况) is
# open-ended and cannot be missing, so it is not checked.
def mandated_parts(results: tuple[RequirementResult, ...]) -> list[MandatedPart]:
    by_id = {r.id: r for r in results}
    substantive = [r for r in results if r.pillar != REPORT_PILLAR and r.status != "n/a"]
    met = sum(r.status == "met" for r in substantive)
    measures: Status = (
        "met" if met >= 5 else "partial" if met or any(r.status == "partial" for r in substantive) else "missing"
    )
    parts = [MandatedPart("主要举措和成效", "", measures)]
    for rid, name in (
        ("report.shortcomings", "存在的不足和原因"),
        ("report.first-responsible", "党政主要负责人履行推进法治建设第一责任人职责情况"),
        ("report.next-year", "下一年度推进法治政府建设的主要安排"),
    ):
        if rid in by_id and by_id[rid].status != "n/a":
            parts.append(MandatedPart(name, rid, by_id[rid].status))
    return parts


def missing_part_findings(parts: list[MandatedPart] | tuple[MandatedPart, ...]) -> list[Finding]:
    findings = []
    for part in parts:
        if part.status == "met":
            continue
        missing = part.status == "missing"
        findings.append(
            Finding(
                kind="missing-part",
                severity="error" if missing else "warning",
                message=f"年度报告法定内容“{part.name}”{'缺失' if missing else '不完整'}",
                requirement=part.requirement,
            )
        )
    return findings
