"""Agreement of the scorer with a labelled reading: for rubric authors and the test suite.

A label set is a folder of gold files (YAML), each naming its report (`file:`) and, under
`requirements:`, a status (or a list of statuses any of which a careful reader accepts) with the
phrase that decided it. Two layouts are read:
- complete: every requirement listed (the example gold);
- sparse: only the requirements that are not missing (the development set); an unlisted one is
  `missing`, and one that does not apply to the report's gold level is `n/a`.

Figures printed (see `Agreement`):
- status agreement on every item, and on the *informative* items (either side saw something:
  the scorer said met / partial, or the reader accepts met / partial);
- met-F1 (is the requirement met?) and presence-F1 (is it mentioned at all?), where a reader's
  list of acceptable statuses is honoured: predicting any accepted status is never an error;
- a confusion table per requirement, and every disagreement with both quotes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .result import ReportResult
from .rubric.model import Rubric

PRESENT = frozenset({"met", "partial"})


@dataclass(frozen=True)
class GoldReport:
    file: str
    level: str | None
    statuses: dict[str, frozenset[str]]  # requirement id → accepted statuses
    evidence: dict[str, str]  # requirement id → the phrase that decided it


@dataclass(frozen=True)
class Item:
    report: str
    requirement: str
    accepted: frozenset[str]
    predicted: str
    gold_evidence: str
    predicted_evidence: str
    predicted_reason: str = ""  # why the scorer's status (met, generic-only, not-mentioned …)
    predicted_detail: str = ""  # the words that made its best evidence specific, if any

    @property
    def agrees(self) -> bool:
        return self.predicted in self.accepted

    @property
    def informative(self) -> bool:
        return self.predicted in PRESENT or bool(self.accepted & PRESENT)


@dataclass
class F1:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Agreement:
    items: list[Item] = field(default_factory=list)

    @property
    def overall(self) -> float:
        return _share(i.agrees for i in self.items)

    @property
    def informative(self) -> float:
        return _share(i.agrees for i in self.items if i.informative)

    @property
    def informative_count(self) -> int:
        return sum(1 for i in self.items if i.informative)

    def f1(self, positive: frozenset[str]) -> F1:
        """F1 of "the status is in `positive`": met-F1 with {met}, presence-F1 with {met, partial}."""
        score = F1()
        for i in self.items:
            said = i.predicted in positive
            if said and i.accepted & positive:
                score.tp += 1
            elif said:
                score.fp += 1
            elif not (i.accepted - positive):  # every accepted status is positive: a miss
                score.fn += 1
        return score

    def causes(self) -> Counter[tuple[str, str]]:
        """The disagreements by what caused them, with no report's words: a false met by the kind
        of detail that made it (a count, a 《document》, a “name”, or the lexicon's word that did),
        any other by the scorer's reason. For reading a half kept unseen without reading it."""
        counts: Counter[tuple[str, str]] = Counter()
        for i in self.items:
            if i.agrees:
                continue
            said = f"scorer {i.predicted}, reader {'|'.join(sorted(i.accepted))}"
            counts[(said, _detail_kind(i.predicted_detail) if i.predicted == "met" else i.predicted_reason)] += 1
        return counts

    def confusion(self) -> dict[str, Counter[tuple[str, str]]]:
        """Per requirement: (reader's status, scorer's status) → count. A reader's list shows as a|b."""
        table: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        for i in self.items:
            table[i.requirement][("|".join(sorted(i.accepted)), i.predicted)] += 1
        return table


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 1.0


def load_gold(path: Path, rubric: Rubric) -> GoldReport:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "file" not in data:
        raise ValueError(f"{path}: not a gold file (no `file:`)")
    listed = data.get("requirements") or {}
    level = data.get("level")
    statuses: dict[str, frozenset[str]] = {}
    evidence: dict[str, str] = {}
    for req in rubric.requirements:
        entry = listed.get(req.id)
        if entry is None:
            default = "n/a" if level and not req.applies(level) else "missing"
            statuses[req.id] = frozenset({default})
            continue
        status = entry.get("status")
        statuses[req.id] = frozenset(status if isinstance(status, list) else [status])
        evidence[req.id] = str(entry.get("evidence") or "")
    return GoldReport(str(data["file"]), level, statuses, evidence)


def _detail_kind(detail: str) -> str:
    if re.search(r"\d|[一二三四五六七八九十两百千万]", detail) and not detail.startswith("《"):
        return "a count"
    if "《" in detail:
        return "a 《document》"
    if "“" in detail:
        return "a “name”"
    return f"a word: {detail[:2]}…" if detail else "no detail"  # the lexicon's verb, not the report's words


def compare(pairs: Iterable[tuple[GoldReport, ReportResult]]) -> Agreement:
    agreement = Agreement()
    for gold, result in pairs:
        for r in result.requirements:
            accepted = gold.statuses.get(r.id)
            if accepted is None:
                continue
            best = r.evidence[0] if r.evidence else None
            agreement.items.append(
                Item(
                    gold.file,
                    r.id,
                    accepted,
                    r.status,
                    gold.evidence.get(r.id, ""),
                    best.quote if best else "",
                    r.reason,
                    best.detail if best else "",
                )
            )
    return agreement


def report_lines(
    agreement: Agreement, *, confusion: bool = True, disagreements: bool = True, causes: bool = False
) -> list[str]:
    """The printed form: headline figures, then the confusion table, the causes and the
    disagreements."""
    met, present = agreement.f1(frozenset({"met"})), agreement.f1(PRESENT)
    lines = [
        f"items {len(agreement.items)}, informative {agreement.informative_count}",
        f"status agreement: all {agreement.overall:.3f}, informative {agreement.informative:.3f}",
        f"met-F1 {met.f1:.3f} (P {met.precision:.3f} R {met.recall:.3f})   "
        f"presence-F1 {present.f1:.3f} (P {present.precision:.3f} R {present.recall:.3f})",
    ]
    if confusion:
        lines.append("per requirement (reader → scorer: count), disagreements only:")
        for rid, table in sorted(agreement.confusion().items()):
            wrong = {k: v for k, v in table.items() if k[1] not in k[0].split("|")}
            if wrong:
                right = sum(v for k, v in table.items() if k[1] in k[0].split("|"))
                cells = ", ".join(f"{g}→{p}: {n}" for (g, p), n in sorted(wrong.items()))
                lines.append(f"  {rid:34} ok {right:3}  {cells}")
    if causes:
        lines.append("disagreements by cause (no report's words):")
        for (said, cause), n in sorted(agreement.causes().items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {n:3}  {said:40} {cause}")
    if disagreements:
        lines.append("disagreements:")
        for i in agreement.items:
            if not i.agrees:
                lines.append(
                    f"  {i.report} {i.requirement}: scorer {i.predicted}, reader {'|'.join(sorted(i.accepted))}"
                )
                if i.gold_evidence:
                    lines.append(f"      reader: {i.gold_evidence[:120]}")
                if i.predicted_evidence:
                    lines.append(f"      scorer: {i.predicted_evidence[:120]}")
    return lines
