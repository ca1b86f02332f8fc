"""The genre's vocabulary, loaded once from `zh.yaml` into compiled patterns.

Every stage that reads words takes them from here. The judge and the structure parser take a
`Lexicon`, which a rubric may extend (`lexicon:` in the rubric: a new Lexicon — the built-in one is
never changed in place); the number, figures and metadata readers read the built-in one through
`default_pattern` / `default_words`, built on first use so that importing them loads nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..lazy_re import lazy

# `{ba}` in an entry: what may not follow a 将 for it to read as "will" (see zh.yaml, plan and
# object_marker_*).
_PLACEHOLDER = "{ba}"
# `{will}`: what must follow that 将 (a verb, an adverb or a preposition, not its object's noun)
_WILL = "{will}"
# how far after 将 its object-marker verb may stand: the object can be long (厅党委将习近平法治思想
# 和习近平总书记关于安全生产的重要论述作为“第一议题”)
_OBJECT_REACH = 40


@dataclass(frozen=True, eq=False)  # compared by identity: loaded once, extended into new objects
class Lexicon:
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)  # name → pattern, on first use

    def __repr__(self) -> str:
        return f"Lexicon({len(self.lists)} lists)"

    def alternation(self, name: str) -> str:
        """The list as one regex alternation (a non-capturing group)."""
        entries = self.lists[name]
        if any(_PLACEHOLDER in e or _WILL in e for e in entries):
            objects = "|".join(self.lists["object_marker_objects"])
            verbs = "|".join(
                self.lists["object_marker_verbs"]
                + self.lists["object_marker_results"]
                + self.lists["object_marker_placements"]
                + self.lists["joint_verbs"]
            )
            ba = f"(?!{objects})(?![^,。;]{{0,{_OBJECT_REACH}}}(?:{verbs}))"
            # (a verb before 的 starts the object's noun phrase: 将制定的4件文件报送备案)
            will = "(?=(?:" + "|".join(self.lists["action_leads"] + self.lists["will_words"]) + ")(?!的))"
            entries = tuple(e.replace(_PLACEHOLDER, ba).replace(_WILL, will) for e in entries)
        return "(?:" + "|".join(entries) + ")"

    def pattern(self, name: str) -> re.Pattern[str]:
        compiled = self._compiled.get(name)
        if compiled is None:
            compiled = self._compiled[name] = _compile(self.alternation(name))
        return compiled

    def extended(self, extra: Mapping[str, list[str] | tuple[str, ...]]) -> Lexicon:
        """A new lexicon with `extra`'s entries added to the lists of the same names."""
        unknown = sorted(set(extra) - set(self.lists))
        if unknown:
            raise KeyError(", ".join(unknown))
        merged = {
            name: tuple(words) + tuple(w for w in extra.get(name, ()) if w not in words)
            for name, words in self.lists.items()
        }
        return Lexicon(merged)

    @property
    def plan(self) -> re.Pattern[str]:
        """The future markers (zh.yaml `plan`), for a quick look at what a rubric added."""
        return self.pattern("plan")


@lru_cache(maxsize=512)
def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    # The lists as read from zh.yaml are kept in the cache folder, named by the file's bytes:
    # `check` then needs neither PyYAML (~15 ms to import) nor the parse at every start.
    from ..cache import cached

    source = resources.files(__package__).joinpath("zh.yaml").read_bytes()
    lists = cached("lexicon", [source], lambda: _parse(source))
    return Lexicon({name: tuple(words) for name, words in lists.items()})


def _parse(source: bytes) -> dict[str, list[str]]:
    import yaml

    # libyaml's loader where PyYAML has it: a tenth of the pure-Python one's time
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(source.decode("utf-8"), Loader=loader)
    return {name: [str(w) for w in words] for name, words in data.items()}


def default_words(name: str) -> str:
    """The default lexicon's list `name` as one regex alternation, to build a bigger pattern with."""
    return default_lexicon().alternation(name)


def default_pattern(name: str) -> re.Pattern[str]:
    """The default lexicon's pattern of `name`, loaded and compiled on first use: a module's
    constant that does not load the lexicon at import."""
    return lazy(lambda: default_lexicon().pattern(name))
