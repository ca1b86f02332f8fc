"""Copied text (照抄照搬): which sentences of a report also stand in another report.

Each sentence gets fingerprints (`sentence_prints`, in the pure core, from the normalised text):

- an exact key: a hash of the sentence without digits, punctuation and spaces, so a sentence
  resubmitted with this year's numbers and dates (2023年 → 2024年, 126件 → 140件) still matches;
- a MinHash signature over its character 3-grams (64 hash functions, the lowest byte of each
  minimum kept: "b-bit MinHash"), so a sentence with a word or two changed matches too:
  sentences whose 3-grams overlap by at least NEAR (Jaccard, estimated from the signatures,
  ± 0.06) count as the same. Candidates are found by banding the signature (16 bands of 4
  bytes): a pair at 0.6 is a candidate 9 times in 10, at 0.8 always.

The keys hold no text, so a run's JSON carries them (`fingerprints`) and next year's run compares
against it without last year's files. A library (datasketch) would give the same MinHash with
numpy and scipy as dependencies; sentences are short and few, so these lines are as good.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from .result import CopiedFrom, SentencePrint, SharedPassage

SHINGLE = 3
BANDS, ROWS = 16, 4
NEAR = 0.6  # estimated Jaccard of 3-grams from which two sentences count as the same
KEY_HEX = 10  # 40-bit exact keys: a chance collision among a few hundred sentences is about 1 in 10^7
SIGNATURE_HEX = BANDS * ROWS * 2
MIN_CHARS = 10  # shorter sentences (headings, 特此报告) say nothing about copying
PASSAGES_SHOWN = 3
QUOTE_MAX = 200
# the hash functions: the 16-bit words of one SHAKE-128 output per 3-gram (fixed, so keys stay
# comparable from year to year)
_HASHES = BANDS * ROWS
_NOT_WORDS = re.compile(r"[\W\d_〇]+")  # punctuation, spaces, digits
# A 3-gram's 64 hash words are held as one integer of 64 lanes of 3 bytes (a zero byte, then the
# word), so the minima over a sentence's 3-grams are taken for all 64 words at once, a few integer
# operations per 3-gram instead of 64 comparisons (the dev openings' keys in 0.04 s instead of 0.16 s,
# the same keys): in each lane, (word + 2^16) - other keeps its bit 16 exactly when word >= other.
_LANE = 3
_GUARDS = int.from_bytes(b"\x01\x00\x00" * _HASHES, "big")


def sentence_keys(sentence: str) -> str | None:
    """The exact key and the signature of one (normalised) sentence, as one hex string; None when
    it is too short to tell."""
    core = _NOT_WORDS.sub("", sentence)
    if len(core) < MIN_CHARS:
        return None
    shingles = iter({core[i : i + SHINGLE] for i in range(len(core) - SHINGLE + 1)})
    minima = _shingle_lanes(next(shingles))
    for shingle in shingles:
        lanes = _shingle_lanes(shingle)
        smaller = ((((minima | _GUARDS) - lanes) & _GUARDS) >> 16) * 0xFFFF  # lanes where lanes <= minima
        minima ^= (minima ^ lanes) & smaller
    # each minimum's lowest byte: the last of each lane
    signature = minima.to_bytes(_LANE * _HASHES, "big")[_LANE - 1 :: _LANE]
    return hashlib.blake2b(core.encode("utf-8"), digest_size=8).hexdigest()[:KEY_HEX] + signature.hex()


@functools.lru_cache(maxsize=1 << 16)
def _shingle_lanes(shingle: str) -> int:
    # the genre repeats its 3-grams (法治政, 行政执) within and across reports: each is hashed once
    words = hashlib.shake_128(shingle.encode("utf-8")).digest(2 * _HASHES)
    lanes = bytearray(_LANE * _HASHES)
    lanes[1::_LANE], lanes[2::_LANE] = words[0::2], words[1::2]
    return int.from_bytes(lanes, "big")


def similarity(one: str, other: str) -> float:
    """Jaccard of two sentences' 3-grams, estimated from their signatures (b-bit MinHash: two
    bytes agree by chance one time in 256)."""
    return _estimate(SIGNATURE_HEX // 2 - _differing_bytes(_signature(one) ^ _signature(other)))


def _estimate(agreeing: int) -> float:
    agree = agreeing / (SIGNATURE_HEX // 2)
    return max(0.0, (agree - 1 / 256) / (1 - 1 / 256))


# Bytes of a signature that differ, counted on the signatures as integers (XOR, then each byte's
# bits folded into its lowest one): one comparison is a few integer operations, not 64 in Python.
_EACH_BYTE = {bits: int.from_bytes(bytes([bits]) * (SIGNATURE_HEX // 2), "big") for bits in (0x0F, 0x03, 0x01)}
# the fewest agreeing bytes that make two sentences NEAR, by the very formula of `similarity`
_NEAR_AGREEING = min(a for a in range(SIGNATURE_HEX // 2 + 1) if _estimate(a) >= NEAR)


def _signature(keys: str) -> int:
    return int(keys[KEY_HEX:], 16)


def _differing_bytes(xor: int) -> int:
    xor |= (xor >> 4) & _EACH_BYTE[0x0F]
    xor |= (xor >> 2) & _EACH_BYTE[0x03]
    xor |= (xor >> 1) & _EACH_BYTE[0x01]
    return (xor & _EACH_BYTE[0x01]).bit_count()


def _near(one: int, other: int) -> bool:
    return SIGNATURE_HEX // 2 - _differing_bytes(one ^ other) >= _NEAR_AGREEING


class SentenceIndex:
    """Sentences' keys of one or many reports (`owner`): who has a sentence, or one near it?

    Kept by distinct keys: the genre repeats its sentences word for word across reports (and a
    batch made from a template repeats whole paragraphs), so a band bucket lists each distinct
    sentence once, with its owners beside it, and a sentence held by a thousand reports is
    compared once, not a thousand times."""

    def __init__(self) -> None:
        self._owners: dict[str, set[int]] = {}  # distinct keys → the owners that have them
        self._signatures: dict[str, int] = {}
        self._exact: dict[str, set[int]] = defaultdict(set)
        self._bands: dict[str, list[str]] = defaultdict(list)

    def add(self, keys: str, owner: int = 0) -> None:
        self._exact[keys[:KEY_HEX]].add(owner)
        owners = self._owners.get(keys)
        if owners is not None:
            owners.add(owner)
            return
        self._owners[keys] = {owner}
        self._signatures[keys] = _signature(keys)
        for band in _bands(keys):
            self._bands[band].append(keys)

    def owners(self, keys: str) -> set[int]:
        found = set(self._exact.get(keys[:KEY_HEX], ()))
        signature, compared = _signature(keys), set()
        for band in _bands(keys):
            for other in self._bands.get(band, ()):
                if other not in compared:
                    compared.add(other)
                    if _near(signature, self._signatures[other]):
                        found |= self._owners[other]
        return found

    def holders(self, most: int) -> dict[str, frozenset[int] | None]:
        """For every distinct keys of the index, what `owners` gives for them — or None once
        more than `most` owners have them (or a sentence near them): a sentence that common is
        not followed further. Each pair of distinct sentences that share a band is compared at
        most once a band, and not at all once both are that common, so the work grows with the
        distinct sentences and their near neighbours, not with the owners squared."""
        held: dict[str, set[int] | None] = {}
        for keys in self._owners:
            exact = set(self._exact[keys[:KEY_HEX]])
            held[keys] = exact if len(exact) <= most else None
        matched: set[tuple[str, str]] = set()
        for bucket in self._bands.values():
            for n, one in enumerate(bucket):
                others = bucket[n + 1 :]
                if held[one] is None:
                    others = [other for other in others if held[other] is not None]
                    if not others:
                        break  # the rest of the bucket is that common too: nothing left to learn
                signature = self._signatures[one]
                for other in others:
                    if (held[one] is None and held[other] is None) or (one, other) in matched:
                        continue
                    if _near(signature, self._signatures[other]):
                        matched.add((one, other))
                        for keys, more in ((one, other), (other, one)):
                            owners = held[keys]
                            if owners is not None:
                                owners |= self._owners[more]
                                if len(owners) > most:
                                    held[keys] = None
        return {keys: None if owners is None else frozenset(owners) for keys, owners in held.items()}


def _bands(keys: str) -> list[str]:
    signature = keys[KEY_HEX:]
    step = ROWS * 2
    return [f"{n}:{signature[n * step : (n + 1) * step]}" for n in range(BANDS)]


def index_of(fingerprints: Iterable[str]) -> SentenceIndex | None:
    """An index of one report's fingerprints; None when they are of another layout (another
    version of this module): not comparable, rather than sharing nothing."""
    index = SentenceIndex()
    for keys in fingerprints:
        if len(keys) != KEY_HEX + SIGNATURE_HEX or not re.fullmatch(r"[0-9a-f]+", keys):
            return None
        index.add(keys)
    return index


def sentence_prints(text: str, printed: str, sentences: Iterable) -> tuple[SentencePrint, ...]:
    """Fingerprints of the body sentences (headings repeat the Outline's words in every report)."""
    prints = []
    for sentence in sentences:
        if sentence.is_heading:
            continue
        keys = sentence_keys(text[sentence.start : sentence.end])
        if keys:
            prints.append(
                SentencePrint(sentence.start, sentence.end, keys, printed[sentence.start : sentence.end].strip())
            )
    return tuple(prints)


def shared(prints: Sequence[SentencePrint], other: SentenceIndex) -> list[bool]:
    """For each sentence: does the other text have it (exactly or nearly)?"""
    return [bool(other.owners(p.keys)) for p in prints]


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
        passages.append(
            SharedPassage(
                prints[first].start,
                prints[end - 1].end,
                end - first,
                quote if len(quote) <= QUOTE_MAX else quote[: QUOTE_MAX - 1] + "…",
            )
        )
    count = sum(found)
    return CopiedFrom(source, round(count / len(prints), 3) if prints else 0.0, count, len(prints), tuple(passages))
