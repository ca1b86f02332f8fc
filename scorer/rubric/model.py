"""The rubric as values: requirements are data, detector kinds are code (scorer.detect).

A requirement's detectors are instances of each kind's own dataclass (scorer.rubric.kinds), all
subclasses of Detector.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..lexicon import Lexicon, default_lexicon
from ..result import Target, Unit  # a metric's target; every value read against it carries it too
from .patterns import Pattern


@dataclass(frozen=True)
class MetricDef:
    """A figure the rubric extracts. See scorer.figures for how the fields are used."""

    id: str
    name: str
    unit: Unit
    labels: tuple[Pattern, ...]  # what names the metric in a clause (regexes)
    context: tuple[str, ...] = ()  # any of these must occur in the same sentence (empty: none needed)
    exclude: tuple[str, ...] = ()  # a clause with any of these is not this metric
    target: Target | None = None
    requirement: str | None = None  # the requirement a missed target makes partial
    scopes: tuple[str, ...] = ()  # scope words reported with a value (区政府, 部门及镇街, 全区 …)
    measures: tuple[str, ...] = ()  # a count's measure words, if only some count it (cases: 件 宗 起, not 次)


@dataclass(frozen=True, kw_only=True)
class Detector:
    """One detector of a requirement: the options of its kind (scorer.rubric.kinds), whose code
    finds the evidence (scorer.detect.kinds)."""

    kind: ClassVar[str]  # the kind's name, as a rubric writes it
    max_status: str = "met"  # "partial": hits of this detector never make the requirement met
    # the detector finds the report's own admissions of weakness (report.shortcomings): a hit the
    # judge reads as a shortcoming is the evidence it looks for, and counts as an achievement does
    admission: bool = False
    # the levels of report it reads (a department's own penalties are its field's enforcement, a
    # government's total is not); empty: every level
    applies_to: frozenset[str] = frozenset()

    def applies(self, level: str | None) -> bool:
        """Whether it reads a report of `level`. Unlike a requirement's (which, for a report of no
        known level, applies rather than go n/a), a detector kept to some levels reads only
        reports known to be of them: evidence it alone would find is not lent to an unknown."""
        return not self.applies_to or level in self.applies_to


@dataclass(frozen=True)
class Examples:
    met: tuple[str, ...] = ()
    not_met: tuple[str, ...] = ()


@dataclass(frozen=True)
class Requirement:
    id: str
    pillar: str
    title: str
    source: str
    points: float
    detectors: tuple[Detector, ...]
    guidance: str = ""
    applies_to: frozenset[str] = frozenset()  # empty: every level
    # requirements whose work, reported under this one's heading, is this one's too (学法 counts under
    # a heading on studying Xi thought): their subject in a sentence does not stop the heading's
    heading_includes: frozenset[str] = frozenset()
    examples: Examples = Examples()
    enabled: bool = True

    def applies(self, level: str | None) -> bool:
        return not self.applies_to or level is None or level in self.applies_to


@dataclass(frozen=True)
class Pillar:
    id: str
    title: str


@dataclass(frozen=True)
class Grade:
    min: float  # lowest score (percent) that earns the label
    label: str


@dataclass(frozen=True)
class Scoring:
    partial_share: float = 0.5
    grades: tuple[Grade, ...] = (Grade(90, "优秀"), Grade(80, "良好"), Grade(60, "合格"), Grade(0, "不合格"))

    def grade(self, score: float) -> str:
        for g in sorted(self.grades, key=lambda g: -g.min):
            if score >= g.min:
                return g.label
        return self.grades[-1].label if self.grades else ""


@dataclass(frozen=True)
class Rubric:
    id: str
    version: str
    title: str
    path: str
    sha256: str
    pillars: tuple[Pillar, ...]
    requirements: tuple[Requirement, ...]
    metrics: tuple[MetricDef, ...] = ()
    scoring: Scoring = field(default_factory=Scoring)
    lexicon: Lexicon = field(default_factory=default_lexicon)  # the built-in one, extended by `lexicon:`
    # Patterns of a user's rubric that only Python's backtracking engine can run (lookarounds,
    # backreferences): they are scored in a worker a time limit can stop (scorer.batch).
    backtracking_patterns: tuple[str, ...] = ()

    def requirement(self, rid: str) -> Requirement:
        for r in self.requirements:
            if r.id == rid:
                return r
        raise KeyError(rid)

    def metric(self, mid: str) -> MetricDef:
        for m in self.metrics:
            if m.id == mid:
                return m
        raise KeyError(mid)
