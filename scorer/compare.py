"""Year over year and within a batch: a report beside last year's run (`score --baseline
last-year.json`) and beside the other reports it was scored with.

A report's baseline is the report of last year's JSON with the same administrative division code
(region_code); without a code on either side, the same region, level and issuer. Last year's JSON
holds no text, only each sentence's fingerprints (scorer.copied), which is all the copied-text
check needs.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .copied import SentenceIndex, copied_from, index_of, shared
from .result import BaselineComparison, Copied, ReportResult

PAIRS_SHOWN = 5  # the other reports of a batch a report shares most with
# A sentence more reports of a batch hold than this is the genre's or a template's: no sign of
# who copied from whom (see within_batch)
COMMON_HOLDERS = 10
# Reports compared with each other in one batch: all of them are held in memory until the end
# (about 100 KB each)
WITHIN_BATCH_MAX = 2000


class BaselineError(Exception):
    """A baseline that cannot be read. str(err) is one line naming the file."""


@dataclass(frozen=True)
class BaselineReport:
    source: str
    year: int | None
    region_code: str | None
    place: tuple[str | None, str | None, str | None]  # region, level, issuer
    score: float
    statuses: dict[str, str]  # requirement id → status that counted (the reviewed one if reviewed)
    sentences: SentenceIndex | None  # None: a JSON written before fingerprints were kept


def load_baseline(path: str | os.PathLike[str]) -> list[BaselineReport]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise BaselineError(f"{path}: cannot read ({err.strerror})") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise BaselineError(f"{path}: not a JSON file ({type(err).__name__})") from None
    if not isinstance(document, dict) or not isinstance(document.get("reports"), list):
        raise BaselineError(f"{path}: no `reports` list (not a JSON written by `scorer score --json`?)")
    reports = []
    for n, report in enumerate(document["reports"]):
        try:
            statuses = {r["id"]: (r.get("review") or {}).get("status") or r["status"] for r in report["requirements"]}
            fingerprints = report.get("fingerprints")
            reports.append(
                BaselineReport(
                    str(report["source"]),
                    report.get("year"),
                    report.get("region_code"),
                    (report.get("region"), report.get("level"), report.get("issuer")),
                    float(report["score"]),
                    statuses,
                    index_of(map(str, fingerprints)) if isinstance(fingerprints, list) else None,
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise BaselineError(f"{path}: reports[{n}] is not a scored report ({type(err).__name__}: {err})") from None
    return reports


def match(report: ReportResult, baseline: list[BaselineReport]) -> tuple[BaselineReport, str] | None:
    """The baseline report of the same government; the latest one before this report's year when
    there are several."""

    def latest(found: list[BaselineReport]) -> BaselineReport | None:
        earlier = [b for b in found if not (report.year and b.year and b.year >= report.year)] or found
        return max(earlier, key=lambda b: b.year or 0) if earlier else None

    if report.region_code:
        found = latest([b for b in baseline if b.region_code == report.region_code])
        if found:
            return found, "region_code"
    place = (report.region, report.level, report.issuer)
    if report.region:
        found = latest([b for b in baseline if b.place == place])
        if found:
            return found, "region+level+issuer"
    return None


def with_baseline(report: ReportResult, baseline: list[BaselineReport]) -> ReportResult:
    """`report` with `baseline` (score, change, newly met, lost) and `copied.from_baseline`."""
    matched = match(report, baseline)
    if matched is None:
        return report
    before, how = matched
    now = {r.id: r.counted_status for r in report.requirements}
    comparison = BaselineComparison(
        before.source,
        before.year,
        how,
        before.score,
        round(report.score - before.score, 1),
        newly_met=tuple(
            rid for rid, status in now.items() if status == "met" and before.statuses.get(rid) in ("partial", "missing")
        ),
        lost=tuple(
            rid for rid, status in now.items() if status in ("partial", "missing") and before.statuses.get(rid) == "met"
        ),
    )
    copied = report.copied or Copied()
    if before.sentences is not None:
        copied = dataclasses.replace(
            copied,
            from_baseline=copied_from(before.source, report.sentences, shared(report.sentences, before.sentences)),
        )
    return dataclasses.replace(report, baseline=comparison, copied=copied)


def within_batch(reports: list[ReportResult]) -> list[ReportResult]:
    """Each report with `copied.within_batch` (its sentences found in any other report of the
    batch) and `copied.pairs` (the reports it shares most with, and the passages).

    A sentence that more than COMMON_HOLDERS reports of the batch hold (itself or one near it) is
    the genre's formula or a template handed down: it counts as found for `within_batch` (it does
    stand in other reports), but not for `pairs`, since it says nothing about who copied from whom
    — it would only tie every holder with every other, and following it would make the batch's
    cost grow with its size squared."""
    index = SentenceIndex()
    for n, report in enumerate(reports):
        for sentence in report.sentences:
            index.add(sentence.keys, n)
    holders = index.holders(COMMON_HOLDERS)
    done = []
    for n, report in enumerate(reports):
        held = [holders[s.keys] for s in report.sentences]
        # a report holds its own sentences: found elsewhere when anyone else holds them too
        anywhere = copied_from("", report.sentences, [found is None or len(found) > 1 for found in held])
        telling = [found or frozenset() for found in held]
        by_other = Counter(other for found in telling for other in found if other != n)
        best = sorted(by_other, key=lambda o: (-by_other[o], o))[:PAIRS_SHOWN]
        pairs = tuple(copied_from(reports[o].source, report.sentences, [o in found for found in telling]) for o in best)
        copied = dataclasses.replace(report.copied or Copied(), within_batch=anywhere, pairs=pairs)
        done.append(dataclasses.replace(report, copied=copied))
    return done
