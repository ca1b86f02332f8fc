"""Regular expressions compiled on first use, not at import.

`scorer check` on one file pays for every module it imports; a module of forty patterns spends
milliseconds compiling the ones a run may never reach. A lazy pattern is declared where the
eager one was and used the same way (`search`, `match`, `finditer` …); its first use compiles it
and puts the compiled pattern's own bound methods on it, so every later call goes straight to
them with no extra step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

# What a caller may use before anything is compiled is only `pattern` (to build another pattern
# from this one's source); everything else compiles.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    def __init__(self, build: Callable[[], re.Pattern[str]], source: str | None) -> None:
        self._build = build
        if source is not None:
            self.pattern = source

    def __getattr__(self, name: str) -> Any:
        # reached only for what the instance does not hold yet: the first use of the pattern
        if name.startswith("__"):  # copy / pickle probing for protocols a pattern does not need
            raise AttributeError(name)
        compiled: re.Pattern[str] | None = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = self._build()
            self.__dict__.update({method: getattr(compiled, method) for method in _METHODS})
            self.__dict__["pattern"] = compiled.pattern
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy {self.__dict__.get('pattern', '<not built>')!r}"


def lazy_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(source, flags), done on first use."""
    return cast("re.Pattern[str]", _LazyPattern(lambda: re.compile(source, flags), source))


def lazy(build: Callable[[], re.Pattern[str]]) -> re.Pattern[str]:
    """The pattern `build()` returns, built on first use: for a pattern made of the lexicon's
    words, which loading the lexicon at import would defeat."""
    return cast("re.Pattern[str]", _LazyPattern(build, None))
