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
- a confusion table per requirement, and every disagreement with both quotes;
- how far each figure could move on other reports like these: a 95% interval from resampling the
  reports (a report's items stand or fall together, so reports, not items, are what is drawn);
- what a supervisor ranks by: each report's score as the reader's statuses would give it and as
  the scorer gave it, their mean distance and the rank correlation of the two orders.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .result import ReportResult
from .rubric.model import Rubric

PRESENT = frozenset({"met", "partial"})
MET = frozenset({"met"})
_RESAMPLES = 1000  # bootstrap draws: enough for a 95% interval to settle to two decimals


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
    doubt: str = ""  # the scorer's mark of a close call (result.Doubt), "" for none

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


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True)
class ScoreAgreement:
    """Report scores (percent of applicable points) from the reader's statuses and the scorer's."""

    reports: int
    mean_distance: float  # mean |scorer − reader|, in score points
    rank_correlation: float  # Spearman's rho of the two orders (1.0: the same ranking)


@dataclass
class Agreement:
    items: list[Item] = field(default_factory=list)
    points: Mapping[str, float] = field(default_factory=dict)  # requirement id → points (1 when absent)
    partial_share: float = 0.5  # what a partial earns of a requirement's points

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

    def intervals(self, seed: int = 0) -> dict[str, Interval]:
        """95% intervals of informative agreement and met-F1 from resampling reports with
        replacement (percentile bootstrap, fixed seed: the same figures every run)."""
        tallies = [_tally(items) for items in self._by_report().values()]
        if not tallies:
            return {}
        rng = random.Random(seed)
        informative, met_f1 = [], []
        for _ in range(_RESAMPLES):
            drawn = [tallies[rng.randrange(len(tallies))] for _ in tallies]
            agree, seen, tp, fp, fn = (sum(t[k] for t in drawn) for k in range(5))
            informative.append(agree / seen if seen else 1.0)
            met_f1.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
        return {"informative": _percentiles(informative), "met-F1": _percentiles(met_f1)}

    def scores(self) -> ScoreAgreement | None:
        """Each report's score as the reader's statuses give it (a list of accepted statuses counts
        as their mean) and as the scorer gave it; n/a on either side leaves a requirement out of
        that side's score. None with fewer than three reports, where no ranking is worth a figure."""
        pairs = []
        for items in self._by_report().values():
            reader = [(self.points.get(i.requirement, 1.0), _mean_value(i.accepted, self.partial_share)) for i in items]
            scorer = [(self.points.get(i.requirement, 1.0), _value(i.predicted, self.partial_share)) for i in items]
            pairs.append((_percent(reader), _percent(scorer)))
        if len(pairs) < 3:
            return None
        distance = sum(abs(a - b) for a, b in pairs) / len(pairs)
        return ScoreAgreement(len(pairs), distance, _spearman([a for a, _ in pairs], [b for _, b in pairs]))

    def close_calls(self) -> tuple[int, int, int, int]:
        """How the scorer's marks of a close call hold up, over the items it saw something in:
        (marked, disagreements among them, unmarked, disagreements among them)."""
        seen = [i for i in self.items if i.predicted in PRESENT]
        marked = [i for i in seen if i.doubt]
        unmarked = [i for i in seen if not i.doubt]
        return (
            len(marked),
            sum(not i.agrees for i in marked),
            len(unmarked),
            sum(not i.agrees for i in unmarked),
        )

    def _by_report(self) -> dict[str, list[Item]]:
        grouped: dict[str, list[Item]] = defaultdict(list)
        for i in self.items:
            grouped[i.report].append(i)
        return grouped

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


def _tally(items: list[Item]) -> tuple[int, int, int, int, int]:
    """One report's (informative agreeing, informative, met tp, fp, fn), for resampling."""
    met = Agreement(items).f1(MET)
    seen = [i for i in items if i.informative]
    return sum(i.agrees for i in seen), len(seen), met.tp, met.fp, met.fn


def _percentiles(values: list[float]) -> Interval:
    ordered = sorted(values)
    return Interval(ordered[int(0.025 * len(ordered))], ordered[min(len(ordered) - 1, int(0.975 * len(ordered)))])


def _value(status: str, partial_share: float) -> float | None:
    return {"met": 1.0, "partial": partial_share, "missing": 0.0}.get(status)  # n/a: None


def _mean_value(accepted: frozenset[str], partial_share: float) -> float | None:
    values = [v for v in (_value(s, partial_share) for s in accepted) if v is not None]
    return sum(values) / len(values) if values else None


def _percent(weighted: list[tuple[float, float | None]]) -> float:
    counted = [(points, value) for points, value in weighted if value is not None]
    total = sum(points for points, _ in counted)
    return 100 * sum(points * value for points, value in counted) / total if total else 0.0


def _ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    spread = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / spread if spread else 1.0


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


def compare(pairs: Iterable[tuple[GoldReport, ReportResult]], rubric: Rubric | None = None) -> Agreement:
    """The items of every (gold, result) pair; with the rubric, report scores weigh requirements
    by its points and partials by its share, as the scorer's own totals do."""
    agreement = (
        Agreement(points={r.id: r.points for r in rubric.requirements}, partial_share=rubric.scoring.partial_share)
        if rubric is not None
        else Agreement()
    )
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
                    r.doubt or "",
                )
            )
    return agreement


def report_lines(
    agreement: Agreement,
    *,
    confusion: bool = True,
    disagreements: bool = True,
    causes: bool = False,
) -> list[str]:
    """The printed form: headline figures with their intervals and the report scores, then the
    confusion table, the causes and the disagreements."""
    met, present = agreement.f1(MET), agreement.f1(PRESENT)
    lines = [
        f"items {len(agreement.items)}, informative {agreement.informative_count}",
        f"status agreement: all {agreement.overall:.3f}, informative {agreement.informative:.3f}",
        f"met-F1 {met.f1:.3f} (P {met.precision:.3f} R {met.recall:.3f})   "
        f"presence-F1 {present.f1:.3f} (P {present.precision:.3f} R {present.recall:.3f})",
    ]
    bands = agreement.intervals()
    if bands:
        lines.append(
            "95% interval, resampling reports: "
            + ", ".join(f"{name} {band.low:.3f}–{band.high:.3f}" for name, band in bands.items())
        )
    marked, marked_wrong, unmarked, unmarked_wrong = agreement.close_calls()
    if marked:
        lines.append(
            f"close calls marked: {marked} of the {marked + unmarked} items the scorer saw something in, "
            f"holding {marked_wrong} of their {marked_wrong + unmarked_wrong} disagreements "
            f"(wrong {marked_wrong / marked:.0%} of the time, against {unmarked_wrong / max(unmarked, 1):.0%} unmarked)"
        )
    scores = agreement.scores()
    if scores:
        lines.append(
            f"report scores ({scores.reports} reports): scorer − reader mean distance "
            f"{scores.mean_distance:.1f} points, rank correlation {scores.rank_correlation:.3f}"
        )
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
