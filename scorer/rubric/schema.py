"""The schema of a detector kind: what a rubric author may write under `detect:` for it.

Like a yamllint rule's CONF, each kind declares its options; the loader (scorer.rubric.load)
reads every detector from its kind's schema, so a new kind needs no edit to the loader:

- `detector`: a frozen dataclass, a subclass of scorer.rubric.model.Detector, whose ClassVar
  `kind` is the kind's name and whose fields are the options' values. Every field has a
  default (the option's default), so a detector whose value was refused still builds and the
  rest of the rubric is still checked.
- `options`: the YAML keys, each with the reader that validates its value (scorer.rubric.read:
  a problem is reported as `file:line:col: message`) and the field it fills. The key named like
  the kind says which kind a detector is, so it is always required; `required=True` makes
  another one so. `names_metric` marks a value that must be the id of a metric of the rubric.
- `check`: a rule across options (a terms detector needs some term): a message, reported at the
  detector, or None.

Every kind also takes the COMMON_OPTIONS (`max_status`, `admission`, `applies_to`, on Detector itself).

The schema is data the rubric package reads; the kind's code (`find()`) lives in scorer.detect,
registered under the same name (scorer.detect.kinds), because the rubric package never imports
the detectors (tests/test_layering.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import Detector
from .read import Reader, boolean, levels, one_of


@dataclass(frozen=True)
class Option:
    key: str  # as written in the rubric
    read: Reader  # reads and validates the value (None: refused, the problem already reported)
    attr: str = ""  # the detector's field it fills, when not named like the key
    required: bool = False
    names_metric: bool = False  # the value is the id of a metric the rubric defines

    @property
    def field(self) -> str:
        return self.attr or self.key


COMMON_OPTIONS = (
    Option("max_status", one_of("met", "partial")),
    Option("admission", boolean),
    Option("applies_to", levels),
)


@dataclass(frozen=True)
class Kind:
    detector: type[Detector]
    options: tuple[Option, ...]  # the kind's own, one of them keyed by its name
    check: Callable[[Any], str | None] | None = None  # a rule across options: a problem, or None

    def __post_init__(self) -> None:
        """A kind that could not be read is a programming error: say so when it is declared."""
        fields = {f.name: f for f in dataclasses.fields(self.detector)}
        if self.name not in {option.key for option in self.options}:
            raise ValueError(f"detector kind '{self.name}' has no option keyed by its name")
        for option in self.all_options:
            if option.field not in fields:
                raise ValueError(f"option '{option.key}' of detector kind '{self.name}' fills no field")
        for name, f in fields.items():
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ValueError(f"field '{name}' of detector kind '{self.name}' has no default")

    @property
    def name(self) -> str:
        return self.detector.kind

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.options + COMMON_OPTIONS

    def option(self, key: str) -> Option | None:
        return next((option for option in self.all_options if option.key == key), None)
