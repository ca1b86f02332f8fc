"""Result values: what the pipeline produces and every writer reads.

All spans (`start`, `end`) are character offsets into the text as read (Document.text); the
normaliser preserves length, so the same offsets are valid in the normalised text. Writers
derive line numbers, section names and quotes from spans; they never compute scores.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal, get_args

# The words a result speaks in: each a Literal (plain strings in the JSON), its values in order.
# How people read them is scorer.presentation's business.
Status = Literal["met", "partial", "missing", "n/a"]
STATUSES: tuple[Status, ...] = get_args(Status)
EvidenceKind = Literal["achievement", "plan", "shortcoming", "negated", "generic"]
EVIDENCE_KINDS: tuple[EvidenceKind, ...] = get_args(EvidenceKind)
Level = Literal["province", "city", "county", "district", "department"]
LEVELS: tuple[Level, ...] = get_args(Level)
# Why a requirement has its status, in the order a drafter should read them.
Reason = Literal[
    "met",
    "below-target",
    "plan-only",
    "shortcoming-only",
    "negated-only",
    "generic-only",
    "not-mentioned",
    "not-applicable",
]
REASONS: tuple[Reason, ...] = get_args(Reason)
# Where careful readers often judge an item otherwise than the scorer did, so a supervisor reviews
# it first: the subject named only as one item of an enumeration, or a partial resting on one
# general mention (scorer.detect; how often it holds is printed by bench/accuracy.py).
Doubt = Literal["list-item", "one-mention"]
DOUBTS: tuple[Doubt, ...] = get_args(Doubt)
Unit = Literal["percent", "count"]
FindingKind = Literal["below-target", "rate-mismatch", "missing-part"]
Severity = Literal["error", "warning", "info"]
FigureRole = Literal["numerator", "denominator"]
TargetOp = Literal[">=", ">", "<=", "<", "=="]
TARGET_OPS: tuple[TargetOp, ...] = get_args(TargetOp)
# as a printed figure shows them (≥ 100%): the figures stage's messages and every writer
TARGET_OP_SIGNS: dict[TargetOp, str] = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}


@dataclass(frozen=True)
class Target:
    """A metric's target (the rubric's), also carried by every value read against it."""

    op: TargetOp
    value: float

    def met_by(self, value: float) -> bool:
        return _COMPARE[self.op](value, self.value)

    def __str__(self) -> str:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return f"{self.op} {value}"


# --------------------------------------------------------------------------- warnings
WarningCode = Literal[
    "no-year",
    "no-region",
    "no-level",
    "year-from-date",
    "functional-zone",
    "former-name",
    "ambiguous-region",
    "issuer-inferred",
    "pages-not-read",
    "lines-rejoined",
]
WARNING_CODES: tuple[WarningCode, ...] = get_args(WarningCode)


@dataclass(frozen=True)
class ReportWarning:
    """Something a reader of a result should know: what was not found, guessed or left unread.

    `code` is stable (programs and writers match on it); `message` is one line, Chinese, for people
    and may be reworded."""

    code: WarningCode
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


# The metadata stage (scorer.metadata): a fact the text does not say, or says only indirectly.
NO_YEAR = ReportWarning("no-year", "未识别到报告年度(标题或首句未写明年份)")
NO_REGION = ReportWarning("no-region", "未识别到地区(标题、首句或落款未写明地区名称)")
NO_LEVEL = ReportWarning("no-level", "未识别到报告主体层级")
YEAR_FROM_DATE = ReportWarning("year-from-date", "报告年度由落款日期推断")


def functional_zone(zone: str, host: str) -> ReportWarning:
    return ReportWarning(
        "functional-zone",
        f"报告主体“{zone}”为功能区(新区、开发区),不是行政区划,无行政区划代码;所属地区按{host}计",
    )


def former_name(former: str, current: str) -> ReportWarning:
    return ReportWarning("former-name", f"报告所用地区名称“{former}”现为“{current}”,行政区划代码按现名计")


def ambiguous_region(name: str) -> ReportWarning:
    return ReportWarning("ambiguous-region", f"地区名称“{name}”有重名,正文未写明其所属上级,未能确定行政区划代码")


def issuer_inferred(issuer: str) -> ReportWarning:
    return ReportWarning("issuer-inferred", f"报告未写明报告主体,按地区和层级推定为“{issuer}”")


# A reader (scorer.ingest): part of an otherwise readable file was not read.
def pages_not_read(pages: str) -> ReportWarning:
    return ReportWarning(
        "pages-not-read", f"第{pages}页是扫描图像，未读取（未安装OCR扩展：pip install 'scorer[ocr]'），得分可能偏低"
    )


# The lines a page's width broke were joined back into paragraphs (wrapping.py): the quotes are
# the joined text, not the file's lines.
LINES_REJOINED = ReportWarning(
    "lines-rejoined", "文件的行按版面宽度断开（多为由PDF复制或转换而来），已接回段落；引用的原文为接回后的文字"
)


@dataclass(frozen=True)
class Evidence:
    """One sentence (or clause) that bears on a requirement, and how it was judged."""

    quote: str
    start: int
    end: int
    section: str  # the section path, joined with " > "
    kind: EvidenceKind
    detector: str = ""  # which detector kind found it (terms / pattern / metric / section)
    detail: str = ""  # for an achievement: the specific detail that made it one (126件, 《…》印发)

    def to_json(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "kind": self.kind,
            "detector": self.detector,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Review:
    """A reviewer's decision on one requirement of one report (scorer.review): the points that
    count instead of the machine's, or, for a waiver, not applicable (status n/a, no points due)."""

    points: float  # 0 for a waiver
    status: Status  # follows from the points, or n/a for a waiver
    reason: str
    reviewer: str = ""
    expires: str | None = None  # a waiver's last day, ISO yyyy-mm-dd

    @property
    def waived(self) -> bool:
        return self.status == "n/a"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RequirementResult:
    id: str
    title: str
    pillar: str
    status: Status
    points: float  # points earned
    max_points: float  # 0 when n/a
    reason: Reason
    evidence: tuple[Evidence, ...] = ()
    source: str = ""
    guidance: str = ""
    review: Review | None = None  # a reviewer's decision, when one was applied (`score --review`)
    doubt: Doubt | None = None  # why a reader may well judge it otherwise, if the reading is a close call

    @property
    def counted_points(self) -> float:
        """The points the totals add: the reviewer's when reviewed, the machine's otherwise."""
        return self.review.points if self.review else self.points

    @property
    def counted_max(self) -> float:
        """The points the totals are out of: 0 once waived."""
        return 0.0 if self.review and self.review.waived else self.max_points

    @property
    def counted_status(self) -> Status:
        return self.review.status if self.review else self.status

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "pillar": self.pillar,
            "status": self.status,
            "points": self.points,
            "max_points": self.max_points,
            "reason": self.reason,
            "source": self.source,
            "guidance": self.guidance,
            "evidence": [e.to_json() for e in self.evidence],
            "review": self.review.to_json() if self.review else None,
            "doubt": self.doubt,
        }


@dataclass(frozen=True)
class MetricValue:
    id: str
    name: str
    value: float
    unit: Unit
    approx: bool
    scope: str  # scope words found near the value (区政府 / 部门及镇街 / 全区 …), "" if none
    quote: str  # the sentence the value came from
    start: int  # span of the number itself
    end: int
    target: Target | None = None  # the metric's, None when it has none
    meets_target: bool | None = None  # None when there is no target
    # the report's own words the value was read with (`区政府负责人出庭应诉率`, `收到行政复议申请,
    # 依法受理`): what a reader quotes beside the number together with `scope`
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        # the target as the rubric writes it (">= 100"), "" for none
        return {**asdict(self), "target": str(self.target) if self.target else ""}


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    severity: Severity
    message: str  # one line, Chinese, for people
    requirement: str = ""
    metric: str = ""
    stated: float | None = None
    computed: float | None = None
    quote: str = ""
    start: int | None = None
    end: int | None = None
    # the figures a finding was computed from (a rate's counts), each with the words it was read
    # with and its span: a reader can check every number of the finding in the report
    figures: tuple[FigureRead, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FigureRead:
    """One number a finding used, as the report states it."""

    role: FigureRole
    value: float
    words: str  # the clause it was read from, as printed (`成功调处4810件`)
    start: int  # span of the number
    end: int


@dataclass(frozen=True)
class MandatedPart:
    """One of the contents the 督察工作规定 asks of an annual report, and how far the report has it."""

    name: str
    requirement: str  # the requirement that evidences it; "" for the body of measures
    status: Status  # met / partial / missing

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PillarScore:
    id: str
    title: str
    points: float
    max_points: float

    @property
    def percent(self) -> float | None:
        return round(100 * self.points / self.max_points, 1) if self.max_points else None


@dataclass(frozen=True)
class SentencePrint:
    """A body sentence's fingerprints (scorer.copied): what next year's run compares against."""

    start: int
    end: int
    keys: str  # the exact key and the MinHash signature, in hex (scorer.copied.sentence_keys)
    text: str = ""  # as printed: quoted in shared passages, never written to the JSON


@dataclass(frozen=True)
class SharedPassage:
    """Consecutive sentences of a report that another report also has."""

    start: int
    end: int
    sentences: int
    quote: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CopiedFrom:
    """How much of a report another one (`source`) also has."""

    source: str
    share: float  # 0–1: the share of the report's sentences also found there
    sentences: int  # how many
    of: int  # of how many compared
    passages: tuple[SharedPassage, ...] = ()  # the longest shared runs, longest first

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Copied:
    from_baseline: CopiedFrom | None = None
    within_batch: CopiedFrom | None = None  # found in any other report of the batch (source "")
    pairs: tuple[CopiedFrom, ...] = ()  # per other report of the batch that shares sentences, most first

    def to_json(self) -> dict[str, Any]:
        return {
            "from_baseline": self.from_baseline.to_json() if self.from_baseline else None,
            "within_batch": self.within_batch.to_json() if self.within_batch else None,
            "pairs": [p.to_json() for p in self.pairs],
        }


@dataclass(frozen=True)
class BaselineComparison:
    """This report beside its baseline (last year's run's report of the same government)."""

    source: str  # the baseline report's file
    year: int | None
    matched_by: str  # "region_code" | "region+level+issuer"
    score: float  # the baseline's score
    delta: float  # this score minus the baseline's
    newly_met: tuple[str, ...]  # requirement ids met now and not then
    lost: tuple[str, ...]  # met then and not now

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ReportResult:
    source: str
    format: str
    region: str | None
    region_full: str | None
    year: int | None
    level: Level | None
    issuer: str | None
    date: str | None  # ISO yyyy-mm-dd, as printed in the report
    score: float  # percent of applicable points, 0–100, one decimal
    grade: str
    points: float
    max_points: float
    pillars: tuple[PillarScore, ...]
    requirements: tuple[RequirementResult, ...]
    metrics: tuple[MetricValue, ...] = ()
    findings: tuple[Finding, ...] = ()
    # what was not found, guessed or left unread (the metadata stage and the reader)
    warnings: tuple[ReportWarning, ...] = ()
    sha256: str = ""
    chars: int = 0
    region_code: str | None = None  # 6-digit administrative division code of the region
    department_of: str | None = None  # for a department's report, its government: 遂宁市人民政府
    province: str | None = None  # for sorting and filtering by province: 广东省
    city: str | None = None  # …and by prefecture-level city: 深圳市 (None for a province)
    not_a_report: str | None = None  # why the text is no rule-of-law report: refused unless forced
    ocr: bool = False  # some text was recognised from page images: quotes may hold recognition errors
    parts: tuple[MandatedPart, ...] = ()  # the mandated parts of an annual report, as this one has them
    sentences: tuple[SentencePrint, ...] = ()  # body sentences' fingerprints, for copied-text checks
    baseline: BaselineComparison | None = None  # with `score --baseline`
    copied: Copied | None = None  # with `score --baseline` or more than one report

    def requirement(self, rid: str) -> RequirementResult:
        for r in self.requirements:
            if r.id == rid:
                return r
        raise KeyError(rid)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "region": self.region,
            "region_full": self.region_full,
            "year": self.year,
            "level": self.level,
            "issuer": self.issuer,
            "date": self.date,
            "score": self.score,
            "grade": self.grade,
            "points": self.points,
            "max_points": self.max_points,
            "pillars": [
                {"id": p.id, "title": p.title, "points": p.points, "max_points": p.max_points, "percent": p.percent}
                for p in self.pillars
            ],
            "requirements": [r.to_json() for r in self.requirements],
            "metrics": [m.to_json() for m in self.metrics],
            "findings": [f.to_json() for f in self.findings],
            # "errors": the warnings' messages, the name and form readers of version 0.2 know
            "errors": [w.message for w in self.warnings],
            "warnings": [w.to_json() for w in self.warnings],
            "sha256": self.sha256,
            "chars": self.chars,
            "region_code": self.region_code,
            "department_of": self.department_of,
            "province": self.province,
            "city": self.city,
            "not_a_report": self.not_a_report,
            "ocr": self.ocr,
            "parts": [p.to_json() for p in self.parts],
            "baseline": self.baseline.to_json() if self.baseline else None,
            "copied": self.copied.to_json() if self.copied else None,
            # next year's `--baseline` compares its sentences with these (scorer.copied)
            "fingerprints": [p.keys for p in self.sentences],
        }


@dataclass(frozen=True)
class FileError:
    """A file that could not be read; the rest of the batch still runs."""

    source: str
    error: str  # one line, names the problem

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "error": self.error}


@dataclass(frozen=True)
class RubricInfo:
    id: str
    version: str
    title: str
    path: str
    sha256: str


@dataclass(frozen=True)
class RunResult:
    tool_name: str
    tool_version: str
    rubric: RubricInfo
    reports: tuple[ReportResult, ...] = ()
    failures: tuple[FileError, ...] = ()  # files that could not be read
    run_date: str = ""  # ISO date-time of the run

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": {"name": self.tool_name, "version": self.tool_version},
            "rubric": {
                "id": self.rubric.id,
                "version": self.rubric.version,
                "title": self.rubric.title,
                "path": self.rubric.path,
                "sha256": self.rubric.sha256,
            },
            "run_date": self.run_date,
            "reports": [r.to_json() for r in self.reports],
            "errors": [e.to_json() for e in self.failures],
        }
