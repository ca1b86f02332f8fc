"""Prepared forms of what every run would otherwise build anew, kept between runs on disk.

`scorer check` starts a fresh interpreter for each draft, and turning the package's tables into
the structures the reader searches (the gazetteer's 6,000 names), or a rubric's YAML into a
validated rubric, costs more than reading those structures back. An entry is named by a hash of
everything it was built from — its sources (the data, the code that builds it) and the Python
version — so a change to any of them builds it anew, and no entry is ever trusted past what it
was made from. A cache folder that cannot be
read or written is no error, only slower: the value is built as if there were no cache.

The folder: $SCORER_CACHE_DIR, else $XDG_CACHE_HOME/scorer, else ~/.cache/scorer.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol


class Codec(Protocol):  # marshal (plain values, fastest) or pickle (any picklable object)
    def dumps(self, value: Any, /) -> bytes: ...

    def loads(self, data: bytes, /) -> Any: ...


def cache_dir() -> Path:
    configured = os.environ.get("SCORER_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scorer"


def cached(name: str, sources: Iterable[bytes], build: Callable[[], Any], codec: Codec = marshal) -> Any:
    """build(), or what it returned before from the same `sources`, stored with `codec`. With
    marshal, the value must be made of None, numbers, strings, bytes, tuples, lists, dicts, sets."""
    path = entry(name, sources)
    try:
        return codec.loads(path.read_bytes())
    except Exception:  # missing, unreadable, truncated, or of classes since changed: build it again
        pass
    value = build()
    store(path, value, codec)
    return value


def entry(name: str, sources: Iterable[bytes]) -> Path:
    """The file that keeps the value `name` made from `sources` (and this Python version)."""
    digest = hashlib.sha256(sys.version.encode())
    for source in sources:
        digest.update(hashlib.sha256(source).digest())  # length-safe: each source hashed apart
    return cache_dir() / f"{name}-{digest.hexdigest()[:32]}.marshal"


def store(path: Path, value: Any, codec: Codec = marshal) -> None:
    """Keep `value` in the entry `path` (from entry()); a folder that cannot be written is no error."""
    try:
        _store(path.parent, path.name.rsplit("-", 1)[0], path, codec.dumps(value))
    except OSError:
        pass


PACKAGE = Path(__file__).resolve().parent


def fingerprint(root: Path = PACKAGE) -> bytes:
    """Where, how big and how recent every file under `root` (the installed package) is: an entry
    built by the package's code names it, so that a change to the code (an upgrade, an edit)
    rebuilds it. Compiled bytecode (__pycache__) is left out: Python writes it as it runs."""
    entries = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for file in sorted(files):
            status = os.stat(os.path.join(folder, file))
            entries.append(f"{os.path.join(folder, file)}\0{status.st_size}\0{status.st_mtime_ns}")
    return "\n".join(entries).encode("utf-8", "surrogateescape")


def _store(folder: Path, name: str, path: Path, data: bytes) -> None:
    """Write the entry atomically (a reader never sees half of it) and drop the entries of the
    same name made from other sources, which nothing will ask for again."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    for stale in folder.glob(f"{name}-*.marshal"):
        if stale != path:
            stale.unlink(missing_ok=True)
