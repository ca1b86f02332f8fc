"""Statuses → points, pillar subtotals, total as a percentage of applicable points, grade."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import partial
from typing import Any

from .detect import Outcome
from .result import PillarScore, RequirementResult
from .rubric.model import Requirement, Rubric


@dataclass(frozen=True)
class Scorecard:
    requirements: tuple[RequirementResult, ...]
    pillars: tuple[PillarScore, ...]
    points: float
    max_points: float
    score: float
    grade: str

    def result_fields(self) -> dict[str, Any]:
        """The scorecard as the ReportResult fields of the same names (a fresh result, or one
        whose reviewed points changed its totals)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def requirement_result(requirement: Requirement, outcome: Outcome | None, rubric: Rubric) -> RequirementResult:
    """`outcome` None means the requirement does not apply to this report (n/a)."""
    result = partial(
        RequirementResult,
        id=requirement.id,
        title=requirement.title,
        pillar=requirement.pillar,
        source=requirement.source,
        guidance=requirement.guidance,
    )
    if outcome is None:
        return result(status="n/a", points=0.0, max_points=0.0, reason="not-applicable")
    share = {"met": 1.0, "partial": rubric.scoring.partial_share}.get(outcome.status, 0.0)
    return result(
        status=outcome.status,
        points=round(requirement.points * share, 2),
        max_points=requirement.points,
        reason=outcome.reason,
        evidence=outcome.evidence,
        doubt=outcome.doubt,
    )


def total(results: tuple[RequirementResult, ...], rubric: Rubric) -> Scorecard:
    pillars = []
    for pillar in rubric.pillars:
        mine = [r for r in results if r.pillar == pillar.id]
        pillars.append(
            PillarScore(
                pillar.id,
                pillar.title,
                round(sum(r.counted_points for r in mine), 2),
                round(sum(r.counted_max for r in mine), 2),
            )
        )
    # a reviewer's points and waivers count where there are any (RequirementResult.review)
    points = round(sum(r.counted_points for r in results), 2)
    max_points = round(sum(r.counted_max for r in results), 2)
    score = round(100 * points / max_points, 1) if max_points else 0.0
    return Scorecard(results, tuple(pillars), points, max_points, score, rubric.scoring.grade(score))
