"""The pure core: a document's text + a rubric → a ReportResult. No file or terminal I/O."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from .copied import sentence_prints
from .detect import Doc, Hit, evaluate, hits_of_report
from .figures import check_consistency, extract_metrics, target_findings
from .findings import mandated_parts, missing_part_findings
from .ingest.base import Document
from .metadata import Metadata, detect_metadata
from .metadata.genre import refusal
from .normalize import normalize
from .result import Finding, MetricValue, ReportResult
from .rubric.model import Rubric
from .score import requirement_result, total
from .structure import Structure, parse

T = TypeVar("T", MetricValue, Finding)


def read_for_detectors(
    printed: str, rubric: Rubric, headings: tuple[tuple[int, int, int], ...] = ()
) -> tuple[Doc, Metadata, dict[str, list[Hit]]]:
    """A text as the detectors read it: normalised and parsed, its metadata and figures read, and
    every applicable requirement's hits found together (a heading lends its subject only to the
    sentences that name none of their own, so one requirement's hits depend on the others')."""
    text = normalize(printed).text
    structure = parse(text, headings, rubric.lexicon)
    meta = detect_metadata(text, structure)
    metrics = tuple(extract_metrics(text, structure, rubric.metrics, printed=printed))
    doc = Doc(text, structure, metrics, rubric.lexicon, meta.level)
    applicable = [req for req in rubric.requirements if req.applies(meta.level)]
    return doc, meta, hits_of_report(applicable, doc)


def analyze(document: Document, rubric: Rubric) -> ReportResult:
    doc, meta, hits = read_for_detectors(document.text, rubric, document.headings)
    text, structure, metrics = doc.text, doc.structure, doc.metrics
    results = tuple(
        requirement_result(req, evaluate(req, doc, document.text, hits[req.id]) if req.id in hits else None, rubric)
        for req in rubric.requirements
    )
    card = total(results, rubric)
    parts = tuple(mandated_parts(card.requirements))
    findings = (
        tuple(target_findings(metrics, rubric.metrics))
        + tuple(check_consistency(text, structure, printed=document.text))
        + tuple(missing_part_findings(parts))
    )
    return ReportResult(
        source=document.source,
        format=document.format,
        region=meta.region,
        region_full=meta.region_full,
        year=meta.year,
        level=meta.level,
        issuer=meta.issuer,
        date=meta.date,
        region_code=meta.region_code,
        department_of=meta.department_of,
        province=meta.province,
        city=meta.city,
        not_a_report=refusal(document.text),
        **card.result_fields(),
        metrics=tuple(_as_printed(m, document.text, structure) for m in metrics),
        findings=tuple(_as_printed(f, document.text, structure) for f in findings),
        warnings=tuple(meta.warnings) + document.warnings,
        sha256=document.sha256,
        chars=len(document.text),
        ocr=document.ocr,
        parts=parts,
        sentences=sentence_prints(text, document.text, structure.sentences),
    )


def _as_printed(item: T, original: str, structure: Structure) -> T:
    """Figures are read from the normalised text; quote their sentence as printed."""
    sentence = structure.sentence_at(item.start) if item.start is not None and item.quote else None
    return replace(item, quote=original[sentence.start : sentence.end]) if sentence else item
