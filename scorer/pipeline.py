"""The pure core: a document's text + a rubric → a ReportResult. No file or terminal I/O."""

from __future__ import annotations

from .detect import Doc, evaluate
from .figures import check_consistency, extract_metrics, target_findings
from .findings import missing_part_findings
from .ingest.base import Document
from .metadata import detect_metadata
from .normalize import normalize
from .result import ReportResult
from .rubric.model import Rubric
from .score import requirement_result, total
from .structure import parse


def analyze(document: Document, rubric: Rubric) -> ReportResult:
    normalized = normalize(document.text)
    text = normalized.text
    structure = parse(text, document.headings)
    meta = detect_metadata(text, structure)
    metrics = tuple(extract_metrics(text, structure, rubric.metrics))
    doc = Doc(text, structure, metrics)
    results = tuple(
        requirement_result(req, evaluate(req, doc, document.text) if req.applies(meta.level) else None, rubric)
        for req in rubric.requirements)
    card = total(results, rubric)
    findings = (tuple(target_findings(metrics, rubric.metrics))
                + tuple(check_consistency(text, structure))
                + tuple(missing_part_findings(results)))
    quoted = tuple(_requote(m, document.text, structure) for m in metrics)
    return ReportResult(
        source=document.source, format=document.format, region=meta.region, region_full=meta.region_full,
        year=meta.year, level=meta.level, issuer=meta.issuer, date=meta.date,
        score=card.score, grade=card.grade, points=card.points, max_points=card.max_points,
        pillars=card.pillars, requirements=card.requirements, metrics=quoted,
        findings=tuple(_requote_finding(f, document.text) for f in findings),
        errors=tuple(meta.warnings), sha256=document.sha256, chars=len(document.text))


def _requote(value, original: str, structure):
    """Figures are read from the normalised text; quotes are shown as printed."""
    from dataclasses import replace
    for s in structure.sentences:
        if s.start <= value.start < s.end:
            return replace(value, quote=original[s.start:s.end])
    return value


def _requote_finding(finding, original: str):
    from dataclasses import replace
    if finding.start is None or finding.end is None or not finding.quote:
        return finding
    return replace(finding, quote=original[finding.start:finding.end] if len(finding.quote) == finding.end - finding.start else finding.quote)
