"""The detector kinds' code, by name: one line per kind below, each a module of this package
with its `find(detector, doc) -> list[Hit]` (scorer.detect.finder).

Each name is also a schema of scorer.rubric.kinds (the options the loader reads into the
detector `find` receives); the two halves are apart because the rubric package never imports
the detectors. A kind from outside the package (a plug-in, a test) is one module: its schema,
its `find`, and one call of register_kind() that registers both.
"""

from __future__ import annotations

from ..rubric import kinds as schemas
from ..rubric.schema import Kind
from . import metric, pattern, section, terms
from .finder import Finder

FINDERS: dict[str, Finder] = {
    "terms": terms.find,
    "pattern": pattern.find,
    "metric": metric.find,
    "section": section.find,
}


def register_kind(kind: Kind, find: Finder) -> None:
    """Let rubrics use a detector kind: `kind` is its schema, `find` its code. Register it before
    loading a rubric that uses it (in each process that loads one)."""
    if kind.name in FINDERS:
        raise ValueError(f"detector kind '{kind.name}' is already registered")
    schemas.register(kind)
    FINDERS[kind.name] = find
