"""Run a rubric's own examples: each `met` sentence must come out met, each `not_met` must not.

Each example is scored on its own as a one-sentence report body, through the same pipeline
stages as a real report (normalise → structure → figures → detectors). This sits outside the
rubric package, which is data and never runs the pipeline; `scorer rubric test FILE` and the
test suite call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .rubric.model import Requirement, Rubric

if TYPE_CHECKING:
    from .detect import Outcome


@dataclass(frozen=True)
class ExampleFailure:
    requirement: str
    sentence: str
    expected: str  # "met" | "not met"
    got: str  # the status it came out with, and why

    def __str__(self) -> str:
        return f"{self.requirement}: expected {self.expected}, got {self.got}: {self.sentence}"


def example_status(requirement: Requirement, rubric: Rubric, sentence: str) -> tuple[str, str]:
    if sentence[-1:] not in "。!?;！？；":
        sentence += "。"  # a bare line could read as a title; an example is a sentence
    outcome = outcome_of(requirement, rubric, sentence)
    return outcome.status, outcome.reason


def outcome_of(requirement: Requirement, rubric: Rubric, text: str) -> Outcome:
    """One requirement's outcome on `text` (a sentence, or a few lines of a report) as read, with
    every requirement's hits known as when a report is scored."""
    from .detect import evaluate
    from .pipeline import read_for_detectors

    doc, _, hits = read_for_detectors(text, rubric)
    return evaluate(requirement, doc, text, hits.get(requirement.id, []))


def run_examples(rubric: Rubric) -> list[ExampleFailure]:
    failures = []
    for requirement in rubric.requirements:
        for sentence in requirement.examples.met:
            status, reason = example_status(requirement, rubric, sentence)
            if status != "met":
                failures.append(ExampleFailure(requirement.id, sentence, "met", f"{status} ({reason})"))
        for sentence in requirement.examples.not_met:
            status, reason = example_status(requirement, rubric, sentence)
            if status == "met":
                failures.append(ExampleFailure(requirement.id, sentence, "not met", "met"))
    return failures
