"""Copied text (照抄照搬): which sentences of a report also stand in another report.

Each sentence gets fingerprints (`sentence_prints`, in the pure core, from the normalised text):

- an exact key: a hash of the sentence without digits, punctuation and spaces, so a sentence
  resubmitted with this year's numbers and dates (2023年 → 2024年, 126件 → 140件) still matches;
- four band keys of a MinHash over its character 3-grams (4 bands × 4 rows), so a sentence with a
  word or two changed matches too: two sentences whose 3-grams overlap by 80 % (Jaccard) share a
  band key nine times in ten, by 50 % one time in four, by 30 % one in thirty.

The keys hold no text, so a run's JSON carries them (`fingerprints`) and next year's run compares
against it without last year's files. A library (datasketch) would give the same MinHash with
numpy and scipy as dependencies; sentences are short and few, so these lines are as good.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from .result import CopiedFrom, SentencePrint, SharedPassage

SHINGLE = 3
BANDS, ROWS = 4, 4
KEY_HEX = 10  # 40-bit keys: a chance collision among a few hundred sentences is about 1 in 10^7
MIN_CHARS = 10  # shorter sentences (headings, 特此报告) say nothing about copying
PASSAGES_SHOWN = 3
QUOTE_MAX = 200
_PRIME = (1 << 61) - 1
# fixed, so keys stay comparable from year to year
_PERMUTATIONS = [((0x9E3779B97F4A7C15 * (i + 1)) % _PRIME | 1, (0xC2B2AE3D27D4EB4F * (i + 7)) % _PRIME)
                 for i in range(BANDS * ROWS)]
_NOT_WORDS = re.compile(r"[\W\d_〇]+")  # punctuation, spaces, digits


def _hash(data: str) -> str:
    return hashlib.blake2b(data.encode("utf-8"), digest_size=8).hexdigest()[:KEY_HEX]


def sentence_keys(sentence: str) -> str | None:
    """The exact key and the band keys of one (normalised) sentence, concatenated; None when it is
    too short to tell."""
    core = _NOT_WORDS.sub("", sentence)
    if len(core) < MIN_CHARS:
        return None
    shingles = {int.from_bytes(hashlib.blake2b(core[i:i + SHINGLE].encode("utf-8"), digest_size=8).digest(), "big")
                for i in range(len(core) - SHINGLE + 1)}
    signature = [min((a * h + b) % _PRIME for h in shingles) for a, b in _PERMUTATIONS]
    bands = [_hash(f"{band}:" + ",".join(map(str, signature[band * ROWS:(band + 1) * ROWS])))
             for band in range(BANDS)]
    return _hash(core) + "".join(bands)


def split_keys(keys: str) -> list[str]:
    """[exact, band 0, …] of sentence_keys' string, each tagged with its position so that band
    keys are only compared with the same band."""
    return [f"{n}{keys[n * KEY_HEX:(n + 1) * KEY_HEX]}" for n in range(len(keys) // KEY_HEX)]


def sentence_prints(text: str, printed: str, sentences: Iterable) -> tuple[SentencePrint, ...]:
    """Fingerprints of the body sentences (headings repeat the Outline's words in every report)."""
    prints = []
    for sentence in sentences:
        if sentence.is_heading:
            continue
        keys = sentence_keys(text[sentence.start:sentence.end])
        if keys:
            prints.append(SentencePrint(sentence.start, sentence.end, keys, printed[sentence.start:sentence.end].strip()))
    return tuple(prints)


def key_set(fingerprints: Iterable[str]) -> frozenset[str]:
    return frozenset(k for keys in fingerprints for k in split_keys(keys))


def shared(prints: Sequence[SentencePrint], other: frozenset[str]) -> list[bool]:
    """For each sentence: does the other text have it (exactly or nearly)?"""
    return [any(k in other for k in split_keys(p.keys)) for p in prints]


def copied_from(source: str, prints: Sequence[SentencePrint], found: list[bool]) -> CopiedFrom:
    """The share of sentences found, and the longest runs of them (in this report's words)."""
    runs, start = [], None
    for n, hit in enumerate([*found, False]):
        if hit and start is None:
            start = n
        elif not hit and start is not None:
            runs.append((start, n))
            start = None
    passages = []
    for first, end in sorted(runs, key=lambda r: -(prints[r[1] - 1].end - prints[r[0]].start))[:PASSAGES_SHOWN]:
        quote = "".join(p.text for p in prints[first:end])
        passages.append(SharedPassage(prints[first].start, prints[end - 1].end, end - first,
                                      quote if len(quote) <= QUOTE_MAX else quote[:QUOTE_MAX - 1] + "…"))
    count = sum(found)
    return CopiedFrom(source, round(count / len(prints), 3) if prints else 0.0, count, len(prints), tuple(passages))
