"""What Python compiles anew at every start of scorer, kept between runs of the command line:
regular expressions and the methods of dataclasses.

`scorer check` starts a fresh interpreter for each draft, and of its ~0.3 s, ~50 ms went to
compiling the ~230 regular expressions a check uses and ~25 ms to the ~45 dataclasses its modules
define. Both are pure functions of their source and the Python version, so both are kept in the
cache folder (scorer/cache.py) the way Python keeps a module's bytecode in a .pyc file. cli.main
calls restore() before anything compiles and keep() at the end of a run, which writes only when
the run compiled something that was not kept (the first run after an install or upgrade: ~0.1 s
more, as it compiles each pattern a second time to keep its code).

Regular expressions. Python's regex compiler is written in Python, and a class of Han
characters `[\\u4e00-\\u9fff]` alone costs it ~0.7 ms each time it appears (it marks the class's
21,000 characters one by one in a table of the 65,536 of the BMP; 40-odd patterns hold one). No
way of writing the class avoids that: a range ending beyond the BMP is walked just the same up to
U+FFFF, a negated class walks its complement, and Python has no `\\p{Han}`. A compiled pattern
pickles as its source, so pickling it saves nothing either. What is kept instead is what the
compiler produces: the code the C matching engine runs (a list of integers), the flags and the
group names. Rebuilding a pattern from them is the compiler's own last step (`_sre.compile`),
~1 µs a pattern. Every kept pattern is put in the `re` module's own cache under the key
`re.compile` looks up, so that every `re.compile(source)`, `re.search(source, …)`, lazy pattern
and unpickled rubric of the run finds its pattern there, with no change where patterns are
written. What is kept is what `re`'s cache holds at the end of a run (it is bounded, 512
patterns). A pattern is kept only if the one rebuilt from its code equals the one `re.compile`
made (patterns are equal when their source, flags and code are).

Dataclasses. @dataclass writes each class's __init__, __repr__, __eq__, __hash__ (and, frozen,
__setattr__ and __delattr__) as Python source and runs it with exec(), which compiles it:
~0.13 ms a method. While scorer runs, the `exec` the dataclasses module calls is given the code
object kept for that source, compiled as exec() compiles a string (file "<string>", no
`from __future__` of ours): the same code, as the tests compare.

Both lean on CPython's internals (the `re._cache` dict, the regex compiler's `_code`,
`_sre.compile`'s arguments, dataclasses calling exec(source); all the same from 3.10 to 3.13):
where they are not as expected, nothing is kept and everything is compiled as usual — slower,
never different. The entries are named by the Python version (and the regex compiler's files).
Like the rubric pickled beside them, they are trusted as Python trusts its .pyc files: the cache
folder is the user's own (files made 0600).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the regex engine of CPython: no stubs
import contextlib
import dataclasses
import marshal
import os
import re
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from .cache import entry, store

Key = tuple[Any, int]  # (source: str or bytes, flags) as given to re.compile
# what _sre.compile takes after the source: flags, code, groups, group index, index → group name
Compiled = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]

_restored: set[Key] = set()  # the patterns put in re's cache by restore()
_methods: dict[str, CodeType] = {}  # dataclass methods' source → its code, as kept
_methods_run: dict[str, CodeType] = {}  # those run by this process
_METHODS_KEPT = 4000  # at most: beyond, only those of the last run that compiled one


def restore() -> None:
    """Start of a run, before anything compiles: the kept patterns in `re`'s cache, and the kept
    dataclass methods handed to the dataclasses module's exec()."""
    _restore_patterns()
    try:
        kept = _read(_methods_entry())
        _methods.update((source, code) for source, code in kept.items() if type(code) is CodeType)
    except Exception:  # missing or damaged: compiled as usual
        pass
    if "exec" not in vars(dataclasses):
        dataclasses.exec = _exec  # type: ignore[attr-defined]


def keep() -> None:
    """End of a run: keep what it compiled that was not kept yet. Never an error: keeping only saves
    time (a folder that cannot be written, a compiler unlike the one expected: nothing kept)."""
    if vars(dataclasses).get("exec") is _exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    for keep_compiled in (_keep_patterns, _keep_methods):
        with contextlib.suppress(Exception):
            keep_compiled()


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: Any = None, /) -> None:
    """exec() for the dataclasses module: a string is compiled as exec() would compile it there
    (its file "<string>"; dataclasses.py has no `from __future__`, nor does the code made here)."""
    if type(source) is str:
        code = _methods.get(source) or _methods_run.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
        _methods_run[source] = code
        exec(code, globals, locals)
    else:
        exec(source, globals, locals)


def _keep_methods() -> None:
    if _methods_run.keys() - _methods.keys():
        everything = len(_methods) + len(_methods_run) <= _METHODS_KEPT
        store(_methods_entry(), {**_methods, **_methods_run} if everything else _methods_run)
        _methods.update(_methods_run)


def _methods_entry() -> Path:
    return entry("dataclass-methods", [f"optimize={sys.flags.optimize}".encode()])


def _restore_patterns() -> None:
    patterns = _re_cache()
    if patterns is None:
        return
    try:
        for (source, flags), compiled in _read(_patterns_entry()).items():
            patterns.setdefault((type(source), source, flags), _sre.compile(source, *compiled))
            _restored.add((source, flags))
    except Exception:  # missing, damaged, or not code this engine accepts: compiled as usual
        return


def _keep_patterns() -> None:
    """If `re`'s cache holds patterns that were not kept, keep what it holds."""
    patterns = _re_cache()
    if patterns is None:
        return
    held = {(source, flags): pattern for (_, source, flags), pattern in list(patterns.items())}
    if held.keys() <= _restored:
        return
    path = _patterns_entry()
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


def _patterns_entry() -> Path:
    # The code is a function of the source, the flags and the compiler: the Python version (in
    # every entry's name) and, should they be patched, the compiler's files.
    marks = [str(getattr(_sre, "MAGIC", ""))]
    for module in _compiler():
        status = os.stat(module.__file__)
        marks.append(f"{module.__file__}\0{status.st_size}\0{status.st_mtime_ns}")
    return entry("patterns", [mark.encode("utf-8", "surrogateescape") for mark in marks])


def _read(path: Path) -> dict[Any, Any]:
    table = marshal.loads(path.read_bytes())
    if not isinstance(table, dict):
        raise ValueError(f"{path}: not a table")
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
