"""How people read results: the one place every writer (terminal, check, HTML page, dashboard,
workbook) takes its labels, number formats, target wording and advice from, so every view says
the same thing in the same words.

It reads result values (and the rubric they were scored with, as data); it computes nothing the
results do not already say. scorer.review reads the workbook's status labels back with the same
table.
"""

from __future__ import annotations

import re

from . import TOOL_NAME, __version__
from .result import (
    TARGET_OP_SIGNS,
    Evidence,
    EvidenceKind,
    MetricValue,
    Reason,
    ReportResult,
    RequirementResult,
    Target,
    TargetOp,
    WarningCode,
)
from .rubric.model import Rubric
from .safe_text import display_width as width  # columns on a terminal: Chinese takes two
from .safe_text import terminal_text

# --------------------------------------------------------------------------- labels

STATUS_LABELS: dict[str, str] = {"met": "达标", "partial": "部分", "missing": "缺失", "n/a": "不适用"}
# a group of requirements under one status, as the HTML page heads it
STATUS_HEADINGS: dict[str, str] = {"missing": "缺失", "partial": "部分达标", "met": "达标", "n/a": "不适用"}
# GB2312 symbols: every CJK font (SimSun, YaHei, Noto CJK) has them.
STATUS_SYMBOLS: dict[str, str] = {"met": "√", "partial": "△", "missing": "×", "n/a": "—"}
LEVEL_LABELS: dict[str, str] = {
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "district": "区级",
    "department": "部门",
}
REASON_LABELS: dict[str, str] = {
    "met": "有具体举措或数据",
    "below-target": "指标未达到目标值",
    "plan-only": "仅作为计划表述",
    "shortcoming-only": "仅在不足/问题中提及",
    "negated-only": "仅以否定形式出现（尚未/未…）",
    "generic-only": "仅有笼统表述，缺少具体举措、数字或文件",
    "not-mentioned": "报告未提及",
    "not-applicable": "不适用于该层级",
}
# a close call (result.Doubt): what a supervisor reads first when reviewing
DOUBT_LABELS: dict[str, str] = {
    "list-item": "依据仅为并列列举中的一项，建议复核",
    "one-mention": "仅一处笼统提及，判断易有分歧，建议复核",
}
EVIDENCE_KIND_LABELS: dict[str, str] = {
    "achievement": "具体成效",
    "plan": "计划",
    "shortcoming": "不足",
    "negated": "否定",
    "generic": "笼统",
}
FINDING_KIND_LABELS: dict[str, str] = {
    "below-target": "指标未达目标",
    "rate-mismatch": "比率与数量不符",
    "missing-part": "缺少法定内容",
}
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
FIGURE_ROLE_LABELS: dict[str, str] = {"numerator": "分子", "denominator": "分母"}
# the mandated part a report may leave out (督察工作规定: 其他需要报告的情况)
OPTIONAL_PART = "其他需要报告的情况"


# --------------------------------------------------------------------------- numbers and targets

OPERATOR_WORDS: dict[TargetOp, str] = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "==": "等于"}
OPERATOR_SIGNS = TARGET_OP_SIGNS


def figure(value: float, unit: str, approx: bool = False) -> str:
    """12,500 · 约95.5% — a figure as a report would print it."""
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    return ("约" if approx else "") + number + ("%" if unit == "percent" else "")


def points(value: float) -> str:
    """Points as a scorecard prints them: 3, 1.5."""
    return f"{value:g}"


def target_text(target: Target, unit: str) -> str:
    """In words: 不低于100%."""
    return OPERATOR_WORDS[target.op] + figure(target.value, unit)


def target_sign(target: Target, unit: str) -> str:
    """In signs, for a chart's caption: ≥ 100%."""
    return f"{OPERATOR_SIGNS[target.op]} {figure(target.value, unit)}"


def scoped(value: MetricValue) -> str:
    """A value's scope, to follow its name: （区政府）."""
    return f"（{value.scope}）" if value.scope else ""


# --------------------------------------------------------------------------- text on a screen

_SPACE = re.compile(r"\s+")


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def one_line(text: str) -> str:
    """`text` on one line, without the control characters a report may hold (escape sequences)."""
    return _SPACE.sub(" ", terminal_text(text)).strip()


def shorten(text: str, columns: int) -> str:
    """`text` on one line, cut with … to at most `columns` terminal columns."""
    text = one_line(text)
    if width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        used += width(ch)
        if used > columns - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def provenance(rubric: Rubric) -> str:
    """Which rubric and which tool produced a result: every report the tool writes says so."""
    return f"评分细则 {rubric.id} 版本 {rubric.version} · {TOOL_NAME} {__version__}"


# --------------------------------------------------------------------------- advice for a drafter

# What a drafter should do about a warning (the title may have been left out).
WARNING_ADVICE: dict[WarningCode, str] = {
    "no-region": "请在标题或首句写明本地区全称，如“××市××区2024年法治政府建设情况报告”。",
    "no-year": "请在标题或首句写明报告年度，如“2024年法治政府建设情况报告”。",
    "no-level": "所有要求均按适用计分。",
    "issuer-inferred": "请在标题下或落款处写明报告主体，如“××市××区人民政府”。",
    "lines-rejoined": "如有原始Word文件，请用原文件自查和报送：段落完整，引文与原文一致。",
}
OCR_NOTE = (
    "本报告部分或全部文字由OCR从扫描页面识别，引用的原文可能含识别错误；"
    "评分前请核对关键数据，或提供带文字层的PDF、Word或OFD文件。"
)
# For a partial requirement, the evidence kind its reason speaks of: that sentence is quoted.
_REASON_KIND: dict[Reason, EvidenceKind] = {
    "plan-only": "plan",
    "shortcoming-only": "shortcoming",
    "negated-only": "negated",
    "generic-only": "generic",
}


def issuer_label(report: ReportResult) -> str:
    """The issuer, and for a department the government it belongs to; one the report does not name
    (inferred from its region and level) says so."""
    issuer = report.issuer or ""
    if issuer and any(w.code == "issuer-inferred" for w in report.warnings):
        issuer += "（推定）"
    if report.department_of and report.department_of not in issuer:
        issuer = f"{issuer}（{report.department_of}所属部门）" if issuer else f"{report.department_of}所属部门"
    return issuer


def notes(result: ReportResult) -> list[str]:
    """The result's warnings, each with what to do about it; text read by OCR is flagged, since its
    quotes may hold recognition errors."""
    said = [
        f"{w.message}：{WARNING_ADVICE[w.code]}" if w.code in WARNING_ADVICE else w.message for w in result.warnings
    ]
    return said + [OCR_NOTE] if result.ocr else said


def improvements(result: ReportResult) -> list[RequirementResult]:
    """Missing and partial requirements, most points to gain first (rubric order on ties)."""
    todo = [r for r in result.requirements if r.status in ("missing", "partial")]
    return sorted(todo, key=lambda r: -(r.max_points - r.points))


def missed_targets(requirement: RequirementResult, result: ReportResult) -> list[MetricValue]:
    """The extracted values whose missed target makes `requirement` partial (its below-target findings)."""
    missed = {
        (f.metric, f.start) for f in result.findings if f.kind == "below-target" and f.requirement == requirement.id
    }
    return [m for m in result.metrics if (m.id, m.start) in missed]


def reason_label(requirement: RequirementResult) -> str:
    """The reason in words, with the note of a close call when the reading is one."""
    label = REASON_LABELS.get(requirement.reason, requirement.reason)
    doubt = DOUBT_LABELS.get(requirement.doubt or "")
    return f"{label}（{doubt}）" if doubt else label


def reason_evidence(requirement: RequirementResult) -> Evidence | None:
    """The evidence the reason speaks of: for a plan-only requirement, the plan sentence."""
    if not requirement.evidence:
        return None
    kind = _REASON_KIND.get(requirement.reason)
    return next((e for e in requirement.evidence if e.kind == kind), requirement.evidence[0])


def why(requirement: RequirementResult, result: ReportResult) -> tuple[str, str]:
    """(the reason in words, with a close call's note; its detail): the sentence at fault, or the
    value that missed its target."""
    reason = reason_label(requirement)
    if requirement.reason == "below-target":
        values = missed_targets(requirement, result)
        if values:
            return reason, "；".join(
                f"{m.name}{scoped(m)} {figure(m.value, m.unit, m.approx)}"
                + (f"（目标{target_text(m.target, m.unit)}）" if m.target else "")
                for m in values
            )
    evidence = reason_evidence(requirement)
    return reason, one_line(evidence.quote) if evidence else ""


def example(requirement: RequirementResult, rubric: Rubric) -> str:
    """A sentence the rubric accepts for this requirement, "" when it gives none."""
    try:
        examples = rubric.requirement(requirement.id).examples.met
    except KeyError:  # a result scored with another rubric
        return ""
    return examples[0] if examples else ""
