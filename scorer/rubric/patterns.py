"""Rubric regular expressions, run in linear time wherever the pattern allows.

A rubric is a file anyone can write, and Python's backtracking engine can take longer than the
age of the universe on a pattern such as `(a+)+$`. RE2 (google-re2) never backtracks: its time
is linear in the text whatever the pattern. It lacks lookarounds and backreferences, which the
shipped rubric uses (`(?<!副)…`); such a pattern runs on Python's engine instead, and when it comes
from a rubric of the user's, scoring runs in a worker process that a time limit can stop
(scorer.batch).

RE2 reads `\\d \\w \\s` as ASCII; Python reads them as Unicode. They are rewritten to the Unicode
classes Python means, so a pattern matches the same text on either engine; `\\b` (a Unicode word
boundary in Python, which RE2 cannot express) keeps a pattern on Python's engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Union

import re2

# Python's str classes (Py_UNICODE_ISALNUM / ISSPACE), in RE2's syntax
_WORD = r"\p{L}\p{N}_"
_SPACE = r"\t-\r\x1c-\x20\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_OUTSIDE = {
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "Z": r"\z",
}
_INSIDE = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": _WORD, "s": _SPACE}  # \W \S in a class: no RE2 form

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a pattern RE2 cannot take is expected; it goes to Python's engine


class _NoLinearForm(Exception):
    pass


def _for_re2(source: str) -> str:
    """`source` with Python's Unicode escapes spelt out for RE2; _NoLinearForm if it has none."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            escaped = source[i + 1]
            table = _INSIDE if in_class else _OUTSIDE
            if escaped in table:
                out.append(table[escaped])
            elif escaped in "bBWS":  # word boundaries; negated classes inside a class
                raise _NoLinearForm
            else:
                out.append(source[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            i += 1
            if source.startswith("^", i):
                out.append("^")
                i += 1
            if source.startswith("]", i):  # a "]" first in a class is the character itself
                out.append(r"\]")
                i += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


class LinearPattern:
    """A pattern run by RE2, with re.Pattern's search / finditer, pos and endpos as Python means
    them (endpos is the end of the text; `^` does not match at pos unless a line starts there)."""

    __slots__ = ("pattern", "_regex")

    def __init__(self, pattern: str, regex: re2._Regexp):
        self.pattern = pattern  # the source, as re.Pattern.pattern
        self._regex = regex

    def _window(self, text: str, pos: int, endpos: int | None) -> tuple[int, str]:
        # Only the span searched, and the character before it for `^` in multi-line mode: the
        # wrapper re-encodes the whole string it is given, once per call.
        start = max(0, pos - 1)
        return start, text[start : len(text) if endpos is None else endpos]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> _Match | None:
        start, window = self._window(text, pos, endpos)
        m = self._regex.search(window, pos - start)
        return _Match(m, start) if m else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[_Match]:
        start, window = self._window(text, pos, endpos)
        for m in self._regex.finditer(window, pos - start):
            yield _Match(m, start)

    def __repr__(self) -> str:
        return f"LinearPattern({self.pattern!r})"


class _Match:
    """An RE2 match, its offsets moved back into the whole text."""

    __slots__ = ("_match", "_offset")

    def __init__(self, match, offset: int):
        self._match, self._offset = match, offset

    def start(self, group: int | str = 0) -> int:
        at = self._match.start(group)
        return at + self._offset if at >= 0 else at

    def end(self, group: int | str = 0) -> int:
        at = self._match.end(group)
        return at + self._offset if at >= 0 else at

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self.start(group), self.end(group)

    def group(self, *groups: int | str):
        return self._match.group(*groups)


Pattern = Union[LinearPattern, "re.Pattern[str]"]


def compile_pattern(source: str) -> Pattern:
    """`source` compiled for RE2 when it can be, else by Python's re. Raises re.error when the
    pattern is not a valid Python regular expression (the rubric's language)."""
    checked = re.compile(source)
    try:
        return LinearPattern(source, re2.compile(_for_re2(source), options=_OPTIONS))
    except (_NoLinearForm, re2.error):
        return checked


def is_linear(pattern: Pattern) -> bool:
    return isinstance(pattern, LinearPattern)
