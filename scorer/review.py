"""Reviewers' decisions as data: read from a scorecard workbook, kept in a review file, applied
to the next run.

    scorer review SCORECARD.xlsx -o review.yaml     (read_workbook → write_review)
    scorer score … --review review.yaml             (load_review → apply_review)

The review file is keyed by the report's sha256 and the requirement id, so a decision follows the
file it was made on, whatever its name, and never lands on a report whose text has changed since.
Each entry carries the machine's status and points beside the reviewed ones:

    tool: scorer 0.15.20
    rubric: {id: …, version: …}
    workbook: scorecard.xlsx
    reports:
      <sha256>:
        source: reports/宝安区.txt     # from 说明's list of input files
        label: 宝安区2023
        requirements:
          p2.power-lists: {machine_status: missing, machine_points: 0.0, points: 4.0,
                           status: met, reason: …, reviewer: 张三}
          p5.x: {…, status: n/a, points: 0.0, reason: 职能已划转, expires: '2026-12-31'}   # a waiver

A waiver (status n/a) takes the requirement out of the report's maximum until its expiry date
(inclusive); an expired one is reported and not applied.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .result import STATUSES, ReportResult, Review, Status
from .rubric.model import Rubric
from .score import total
from .write.atomic import write_text_atomic


class ReviewError(Exception):
    """A review that cannot be read. str(err) is one line naming the file (and sheet and cell)."""


@dataclass(frozen=True)
class ReviewEntry:
    sha256: str
    requirement: str
    review: Review
    machine_status: str
    machine_points: float
    source: str = ""
    label: str = ""


def reviewed_status(points: float, max_points: float) -> Status:
    """The status that follows from reviewed points, as the workbook's 状态 formula has it."""
    if max_points <= 0:
        return "n/a"
    return "met" if points >= max_points else "partial" if points > 0 else "missing"


# --------------------------------------------------------------------------- workbook → entries


def read_workbook(path: str | os.PathLike[str], rubric: Rubric) -> list[ReviewEntry]:
    """Every row of 评分明细 a reviewer filled (人工调整, 调整理由 or 复核人), validated.

    Raises ReviewError naming the sheet and cell of the first bad value: not a number, out of
    0 … 满分, a requirement the rubric does not have, a row without the report's sha256."""
    from zipfile import BadZipFile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    from .presentation import STATUS_LABELS
    from .write.excel.cells import col_name
    from .write.excel.detail import (
        D_ADJUST,
        D_ID,
        D_MACHINE,
        D_MAX,
        D_POINTS,
        D_REPORT,
        D_REVIEWER,
        D_SHA256,
        D_WHY,
        DETAIL_COLUMNS,
        WAIVER_EXPIRY,
        WAIVER_MARK,
    )
    from .write.excel.sheets import DETAIL, NOTES

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, InvalidFileException, BadZipFile, KeyError, ValueError) as err:
        raise ReviewError(f"{path}: not a readable .xlsx workbook ({type(err).__name__})") from None
    if DETAIL not in book.sheetnames:
        raise ReviewError(f"{path}: no sheet {DETAIL} (not a scorecard written by scorer?)")
    sheet = book[DETAIL]
    sources = _input_files(book[NOTES]) if NOTES in book.sheetnames else {}
    statuses = {label: status for status, label in STATUS_LABELS.items()}
    known = {r.id: r for r in rubric.requirements}
    expiry = re.compile(re.escape(WAIVER_EXPIRY).replace(r"\{\}", r"(\d{4}-\d{2}-\d{2})") + r"\s*$")
    entries: list[ReviewEntry] = []
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    expected = [c.header for c in DETAIL_COLUMNS]
    if header is None or [h for h in header[: len(expected)]] != expected:
        raise ReviewError(
            f"{path}: sheet {DETAIL} does not have the columns scorer writes (written by another version?)"
        )
    try:
        for number, values in enumerate(rows, 2):
            values = list(values) + [None] * (len(expected) - len(values))
            adjust, why, reviewer = values[D_ADJUST], _text(values[D_WHY]), _text(values[D_REVIEWER])
            if _blank(adjust) and not why and not reviewer:
                continue

            def where(col: int, number: int = number) -> str:
                return f"{path}: {DETAIL}!{col_name(col)}{number}"

            rid = _text(values[D_ID])
            if rid not in known:
                raise ReviewError(
                    f"{where(D_ID)}: unknown requirement {rid!r} (not in rubric {rubric.id} {rubric.version})"
                )
            sha = _text(values[D_SHA256])
            if not re.fullmatch(r"[0-9a-f]{64}", sha):
                raise ReviewError(f"{where(D_SHA256)}: no report sha256 in this row (the review is keyed by it)")
            if _blank(adjust):
                raise ReviewError(
                    f"{where(D_ADJUST)}: 人工调整 is empty but 调整理由/复核人 are filled; type the points that count"
                )
            machine_status = statuses.get(_text(values[D_MACHINE]), _text(values[D_MACHINE]))
            machine_points = _number(values[D_POINTS]) or 0.0
            maximum = _number(values[D_MAX])
            if maximum is None:
                maximum = known[rid].points
            if isinstance(adjust, str) and adjust.strip() == WAIVER_MARK:
                found = expiry.search(why)
                expires = found.group(1) if found else None
                reason = why[: found.start()].strip() if found else why
                if not reason:
                    raise ReviewError(f"{where(D_WHY)}: a waiver ({WAIVER_MARK}) needs its reason in 调整理由")
                review = Review(0.0, "n/a", reason, reviewer, expires)
            else:
                points = _number(adjust)
                if points is None:
                    raise ReviewError(
                        f"{where(D_ADJUST)}: 人工调整 {str(adjust)!r} is not a number "
                        f"(points 0 … {maximum:g}, or {WAIVER_MARK})"
                    )
                if not 0 <= points <= maximum:
                    raise ReviewError(f"{where(D_ADJUST)}: 人工调整 {points:g} is out of range 0 … {maximum:g}")
                review = Review(points, reviewed_status(points, maximum), why, reviewer)
            label = _text(values[D_REPORT])
            entries.append(
                ReviewEntry(
                    sha, rid, review, machine_status, machine_points, source=sources.get(label, ""), label=label
                )
            )
    finally:
        book.close()
    return entries


def _input_files(notes) -> dict[str, str]:
    """label → file, from 说明's table of input files (报告, 文件, SHA-256, …): the review file
    names each report's file, so a later run can say which report changed."""
    files, in_table = {}, False
    for values in notes.iter_rows(values_only=True):
        if values[:3] == ("报告", "文件", "SHA-256"):
            in_table = True
        elif in_table:
            if not values or values[0] is None:
                break
            files[_text(values[0])] = _text(values[1])
    return files


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _number(value: Any) -> float | None:
    """A cell's number; a number typed as text counts too, as the workbook's VALUE() reads it
    (ASCII digits only: a spreadsheet does not read full-width ones, so neither do we — the
    totals here must be the workbook's)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        if not re.fullmatch(r"\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)\s*", value):
            return None
        number = float(value)
        return number if math.isfinite(number) else None
    return None


# --------------------------------------------------------------------------- the review file


def review_document(entries: list[ReviewEntry], rubric: Rubric, workbook: str, tool: str) -> dict[str, Any]:
    reports: dict[str, Any] = {}
    for entry in entries:
        report = reports.setdefault(entry.sha256, {"source": entry.source, "label": entry.label, "requirements": {}})
        item = {
            "machine_status": entry.machine_status,
            "machine_points": entry.machine_points,
            **{k: v for k, v in dataclasses.asdict(entry.review).items() if v not in (None, "")},
        }
        report["requirements"][entry.requirement] = item
    return {
        "tool": tool,
        "rubric": {"id": rubric.id, "version": rubric.version},
        "workbook": workbook,
        "reports": reports,
    }


def write_review(
    entries: list[ReviewEntry], rubric: Rubric, workbook: str, tool: str, path: str | os.PathLike[str]
) -> None:
    text = yaml.safe_dump(review_document(entries, rubric, workbook, tool), allow_unicode=True, sort_keys=False)
    write_text_atomic(path, text)


def load_review(path: str | os.PathLike[str], rubric: Rubric) -> list[ReviewEntry]:
    """The entries of a review file (hand-written ones too: waivers are typed there as often as in
    a workbook). Raises ReviewError, one line naming the file and the entry."""
    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ReviewError(f"{path}: cannot read ({err.strerror})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ReviewError(f"{path}: not a YAML review file ({type(err).__name__})") from None
    if not isinstance(document, dict) or not isinstance(document.get("reports"), dict):
        raise ReviewError(f"{path}: no `reports` mapping (not a review file written by `scorer review`?)")
    known = {r.id: r for r in rubric.requirements}
    entries = []
    for sha, report in document["reports"].items():
        where = f"{path}: reports.{sha}"
        if not isinstance(report, dict) or not isinstance(report.get("requirements"), dict):
            raise ReviewError(f"{where}: needs a `requirements` mapping")
        for rid, item in report["requirements"].items():
            at = f"{where}.requirements.{rid}"
            if rid not in known:
                raise ReviewError(f"{at}: unknown requirement (not in rubric {rubric.id} {rubric.version})")
            if not isinstance(item, dict):
                raise ReviewError(f"{at}: needs a mapping (points, status, reason, reviewer)")
            status = item.get("status")
            reason = _text(item.get("reason"))
            if status == "n/a":
                if not reason:
                    raise ReviewError(f"{at}: a waiver (status n/a) needs a reason")
                expires = item.get("expires")
                if expires is not None:
                    try:
                        expires = _dt.date.fromisoformat(str(expires)).isoformat()
                    except ValueError:
                        raise ReviewError(f"{at}: expires {expires!r} is not a date (yyyy-mm-dd)") from None
                review = Review(0.0, "n/a", reason, _text(item.get("reviewer")), expires)
            else:
                points = _number(item.get("points"))
                maximum = known[rid].points
                if points is None:
                    raise ReviewError(f"{at}: points {item.get('points')!r} is not a number")
                if not 0 <= points <= maximum:
                    raise ReviewError(f"{at}: points {points:g} is out of range 0 … {maximum:g}")
                if status is not None and status not in STATUSES:
                    raise ReviewError(f"{at}: status {status!r} is not one of {', '.join(STATUSES)}")
                review = Review(points, reviewed_status(points, maximum), reason, _text(item.get("reviewer")))
            entries.append(
                ReviewEntry(
                    str(sha),
                    rid,
                    review,
                    _text(item.get("machine_status")),
                    _number(item.get("machine_points")) or 0.0,
                    source=_text(report.get("source")),
                    label=_text(report.get("label")),
                )
            )
    return entries


# --------------------------------------------------------------------------- applying


def apply_review(
    report: ReportResult, entries: list[ReviewEntry], rubric: Rubric, today: _dt.date
) -> tuple[ReportResult, list[str]]:
    """`report` with the entries for its sha256 applied and its totals recomputed (scorer.score);
    and what was not applied, one line each (an expired waiver, a requirement not applicable to
    the report's level, whose points cannot be given)."""
    mine = {e.requirement: e for e in entries if e.sha256 == report.sha256}
    if not mine:
        return report, []
    notes, requirements = [], []
    for req in report.requirements:
        entry = mine.get(req.id)
        if entry is None:
            requirements.append(req)
            continue
        review = entry.review
        if review.waived and review.expires and _dt.date.fromisoformat(review.expires) < today:
            notes.append(f"{report.source}: waiver of {req.id} expired on {review.expires}; not applied")
            requirements.append(req)
            continue
        if req.status == "n/a" and not review.waived:
            notes.append(
                f"{report.source}: {req.id} does not apply to this report's level; the reviewed points were not applied"
            )
            requirements.append(req)
            continue
        if not review.waived:  # the status follows from the points and this run's maximum
            review = dataclasses.replace(review, status=reviewed_status(review.points, req.max_points))
        requirements.append(dataclasses.replace(req, review=review))
    return dataclasses.replace(report, **total(tuple(requirements), rubric).result_fields()), notes


def stale_entries(entries: list[ReviewEntry], reports: list[ReportResult]) -> list[str]:
    """One line per reviewed report that this run did not score: changed since it was reviewed (a
    report of the same file name has another sha256), or not in this batch."""
    scored = {r.sha256 for r in reports}
    names = {Path(r.source).name: r for r in reports}
    lines, seen = [], set()
    for entry in entries:
        if entry.sha256 in scored or entry.sha256 in seen:
            continue
        seen.add(entry.sha256)
        count = sum(e.sha256 == entry.sha256 for e in entries)
        who = entry.source or entry.label or entry.sha256[:12]
        now = names.get(Path(entry.source).name) if entry.source else None
        if now is not None:
            lines.append(
                f"review: {who}: the report changed since it was reviewed (sha256 {entry.sha256[:12]}… → "
                f"{now.sha256[:12]}…); its {count} review entries were not applied"
            )
        else:
            lines.append(
                f"review: {who} (sha256 {entry.sha256[:12]}…) is not in this batch; "
                f"its {count} review entries were not applied"
            )
    return lines
