"""Compiled regular expressions kept between runs of the command line.

`scorer check` starts a fresh interpreter for each draft, and compiling the ~230 regular
expressions one check uses took ~50 ms of it: Python's regex compiler is written in Python, and
a class of Han characters `[\\u4e00-\\u9fff]` alone costs it ~0.7 ms each time it appears (it
marks the class's 21,000 characters one by one in a table of the 65,536 of the BMP; 40-odd
patterns hold one). No way of writing the class avoids that: a range ending beyond the BMP is
walked just the same up to U+FFFF, a negated class walks its complement, and Python has no `\\p{Han}`.
A compiled pattern pickles as its source, so pickling it saves nothing either.

What is kept instead is what the compiler produces: the code the C matching engine runs (a list
of integers), the flags and the group names. Rebuilding a pattern from them is the compiler's own
last step (`_sre.compile`), ~1 µs a pattern. At the start of a run (cli.main) every kept pattern is
rebuilt and put in the `re` module's own cache under the key `re.compile` looks up, so that every
`re.compile(source)`, `re.search(source, …)`, lazy pattern and unpickled rubric of the run finds
its pattern there, with no change where patterns are written. At the end of a run, the patterns
compiled meanwhile are added to the kept ones (`re`'s cache is bounded, 512 patterns, and so is
what is kept).

A kept pattern is the very pattern `re.compile` makes: its code is compared with a pattern
compiled the usual way before it is kept (patterns compare equal only when their source, flags
and code are equal), and the entry is named by the Python version and the regex compiler's files,
so another Python never reads it. This leans on CPython's internals (the `re._cache` dict, the
compiler's `_code`, `_sre.compile`'s arguments, the same from 3.10 to 3.13): where they are not
as expected, nothing is kept and patterns are compiled as usual — slower, never different.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the regex engine of CPython: no stubs
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

from .cache import entry, store

Key = tuple[Any, int]  # (source: str or bytes, flags) as given to re.compile
# what _sre.compile takes after the source: flags, code, groups, group index, index → group name
Compiled = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]

_restored: set[Key] = set()


def restore() -> None:
    """Put the kept patterns in `re`'s cache. Done at the start of a run, before anything compiles."""
    patterns = _re_cache()
    if patterns is None:
        return
    try:
        for (source, flags), compiled in _read(_entry()).items():
            patterns.setdefault((type(source), source, flags), _sre.compile(source, *compiled))
            _restored.add((source, flags))
    except Exception:  # missing, damaged, or not code this engine accepts: compiled as usual
        return


def keep() -> None:
    """At the end of a run, if `re`'s cache holds patterns that were not kept, keep what it holds.
    The first run after an upgrade compiles each new pattern once more (~50 ms)."""
    patterns = _re_cache()
    if patterns is None:
        return
    held = {(source, flags): pattern for (_, source, flags), pattern in list(patterns.items())}
    if held.keys() <= _restored:
        return
    try:
        path = _entry()
    except Exception:  # not the compiler this module knows: nothing kept
        return
    try:
        kept = _read(path)
    except Exception:
        kept = {}
    table: dict[Key, Compiled] = {}
    for key, pattern in held.items():
        compiled = kept.get(key)
        if not _rebuilds(pattern, compiled):
            compiled = _compiled(*key)
        if compiled is not None and _rebuilds(pattern, compiled):
            table[key] = compiled
    store(path, table)
    _restored.update(table)


def _rebuilds(pattern: re.Pattern[Any], compiled: Compiled | None) -> bool:
    """Whether `compiled` makes `pattern`: patterns are equal when their source, flags and code are."""
    try:
        return compiled is not None and _sre.compile(pattern.pattern, *compiled) == pattern
    except Exception:  # a damaged entry
        return False


def _re_cache() -> dict[Any, Any] | None:
    patterns = getattr(re, "_cache", None)
    return patterns if isinstance(patterns, dict) else None


def _compiler() -> list[Any]:
    """The regex compiler's modules: parser, code generator, constants (re._*, sre_* before 3.11)."""
    import importlib

    return [importlib.import_module(name if sys.version_info >= (3, 11) else old) for name, old in _MODULES]


_MODULES = (("re._parser", "sre_parse"), ("re._compiler", "sre_compile"), ("re._constants", "sre_constants"))


def _entry() -> Path:
    # The code is a function of the source, the flags and the compiler: the Python version (in
    # every entry's name) and, should they be patched, the compiler's files.
    marks = [str(getattr(_sre, "MAGIC", ""))]
    for module in _compiler():
        status = os.stat(module.__file__)
        marks.append(f"{module.__file__}\0{status.st_size}\0{status.st_mtime_ns}")
    return entry("patterns", [mark.encode("utf-8", "surrogateescape") for mark in marks])


def _read(path: Path) -> dict[Key, Compiled]:
    table = marshal.loads(path.read_bytes())
    if not isinstance(table, dict):
        raise ValueError(f"{path}: not a table of patterns")
    return table


def _compiled(source: str | bytes, flags: int) -> Compiled | None:
    """What re.compile(source, flags) hands _sre.compile (the last lines of the compiler's compile)."""
    try:
        parser, compiler, _ = _compiler()
        parsed = parser.parse(source, flags)
        code = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # the opcodes are int subclasses, which marshal refuses
        flags = int(flags | parsed.state.flags)
        return flags, [int(op) for op in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)
    except Exception:  # a pattern this compiler refuses is not in re's cache, nor kept
        return None
