"""The order and ranks every batch writer shows: by year (latest first), then by score, ties by
region; a report is ranked among the reports of its own year (scores of different years are not
comparable: the Outline's emphasis and the reports' content change from year to year)."""

from __future__ import annotations

from collections.abc import Sequence

from scorer.result import ReportResult

UNKNOWN_YEAR = "未识别"


def year_of(report: ReportResult) -> int | str:
    return report.year if report.year is not None else UNKNOWN_YEAR


def ranked(reports: Sequence[ReportResult]) -> list[tuple[int, int]]:
    """(index into `reports`, rank) in display order; equal scores share a rank (1, 1, 3)."""
    order = sorted(
        range(len(reports)),
        key=lambda i: (
            reports[i].year is None,
            -(reports[i].year or 0),
            -reports[i].score,
            reports[i].region or "\uffff",
            i,
        ),
    )
    result, better, previous = [], 0, None
    for position, i in enumerate(order):
        report = reports[i]
        group = year_of(report)
        if previous is None or group != previous[0]:
            better, start = 0, position
        elif report.score != previous[1]:
            better = position - start
        previous = (group, report.score)
        result.append((i, better + 1))
    return result
