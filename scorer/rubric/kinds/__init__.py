"""The detector kinds a rubric may use, by name: one schema module per kind, one line each below.

A kind is two halves kept apart by the import rule that the rubric package never imports the
detectors (tests/test_layering.py): its schema here (scorer/rubric/kinds/<name>.py: the options a
rubric writes, read and validated by the loader; see scorer.rubric.schema) and its code in
scorer/detect/<name>.py (`find(detector, doc) -> list[Hit]`), registered under the same name in
scorer.detect.kinds. A kind from outside the package registers both halves at once with
scorer.detect.kinds.register_kind().
"""

from __future__ import annotations

from ..schema import COMMON_OPTIONS, Kind
from . import metric, pattern, section, terms

KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    """Let rubrics use `kind`: the loader reads detectors that name it."""
    if kind.name in KINDS:
        raise ValueError(f"detector kind '{kind.name}' is already registered")
    KINDS[kind.name] = kind


register(terms.KIND)
register(pattern.KIND)
register(metric.KIND)
register(section.KIND)


def detector_keys() -> tuple[str, ...]:
    """Every key a detector may hold: each kind's own, in the order the kinds were registered,
    then the ones every kind takes."""
    keys: dict[str, None] = {}
    for kind in KINDS.values():
        keys.update(dict.fromkeys(option.key for option in kind.options))
    keys.update(dict.fromkeys(option.key for option in COMMON_OPTIONS))
    return tuple(keys)
