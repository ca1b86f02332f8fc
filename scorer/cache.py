"""Prepared forms of what every run would otherwise build anew, kept between runs on disk.

`scorer check` starts a fresh interpreter for each draft, and turning the package's tables into
the structures the reader searches (the gazetteer's 6,000 names) costs more than reading those
structures back. An entry is named by a hash of everything it was built from — its sources (the
data, the code that builds it) and the Python version — so a change to any of them builds it
anew, and no entry is ever trusted past what it was made from. A cache folder that cannot be
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
from typing import Any

# What reading an entry may raise besides OSError: marshal on a truncated or foreign file.
_DAMAGED = (EOFError, ValueError, TypeError)


def cache_dir() -> Path:
    configured = os.environ.get("SCORER_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scorer"


def cached(name: str, sources: Iterable[bytes], build: Callable[[], Any]) -> Any:
    """build(), or what it returned before from the same `sources`. The value must be made of
    what marshal stores (None, numbers, strings, bytes, tuples, lists, dicts, sets)."""
    digest = hashlib.sha256(sys.version.encode())
    for source in sources:
        digest.update(hashlib.sha256(source).digest())  # length-safe: each source hashed apart
    folder = cache_dir()
    path = folder / f"{name}-{digest.hexdigest()[:32]}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, *_DAMAGED):
        pass
    value = build()
    try:
        _store(folder, name, path, marshal.dumps(value))
    except OSError:
        pass
    return value


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
