"""A sentence's clauses and numbers, indexed so a lookup is a bisect, not a scan: what the metric
reader and the rate checker both read a sentence through."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from ..numbers import Number, read_numbers
from ..structure import Sentence, clauses

Item = TypeVar("Item")


@dataclass(frozen=True)
class ClauseView:
    """Sentences' clauses and numbers, indexed so a lookup is a bisect, not a scan."""

    quote: str
    start: int  # the first sentence's start
    spans: tuple[tuple[int, int], ...]  # clauses, not split inside `1,250`
    starts: tuple[int, ...]
    numbers: tuple[Number, ...]
    sentence_starts: tuple[int, ...]

    def clause_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def by_clause(self, items: Sequence[Item], start_of: Callable[[Item], int]) -> list[list[Item]]:
        grouped: list[list[Item]] = [[] for _ in self.spans]
        for item in items:
            grouped[self.clause_of(start_of(item))].append(item)
        return grouped


def clause_view(text: str, sentences: Sequence[Sentence]) -> ClauseView:
    """The clauses and numbers of consecutive sentences (one, or a rate's sentence and its neighbours)."""
    start, end = sentences[0].start, sentences[-1].end
    numbers = numbers_between(text, start, end)
    spans: list[tuple[int, int]] = []
    inside = 0  # index of the first number that ends after the current separator
    for sentence in sentences:
        for clause_start, clause_end in clauses(text, sentence.start, sentence.end):
            separator = clause_start - 1
            while inside < len(numbers) and numbers[inside].end <= separator:
                inside += 1
            if spans and inside < len(numbers) and numbers[inside].start < separator:
                spans[-1] = (spans[-1][0], clause_end)  # the comma of a thousands group
            else:
                spans.append((clause_start, clause_end))
    return ClauseView(
        text[start:end],
        start,
        tuple(spans),
        tuple(s for s, _ in spans),
        tuple(numbers),
        tuple(s.start for s in sentences),
    )


@lru_cache(maxsize=4096)
def numbers_between(text: str, start: int, end: int) -> tuple[Number, ...]:
    """read_numbers, read once: a sentence's numbers serve both its metric values and its rate
    checks. `text` is the whole document; its hash is computed once per string and a cache hit
    compares it by identity, so the key costs nothing for its length."""
    return tuple(read_numbers(text, start, end))


def may_hold_percent(text: str, sentence: Sentence) -> bool:
    """False where the sentence cannot hold a percent (no % and no 百分之): no rate to check."""
    return text.find("%", sentence.start, sentence.end) >= 0 or text.find("百分之", sentence.start, sentence.end) >= 0
