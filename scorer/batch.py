"""Many files → results: file discovery, parallel workers, per-file error capture.

One bad file never costs the others their results: every failure becomes a FileError with a
one-line reason. Results come back in the order of the input files, whatever the workers do.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .ingest import SUPPORTED_SUFFIXES, read_document
from .ingest.base import IngestError
from .result import FileError, ReportResult
from .rubric.load import load_rubric
from .rubric.model import Rubric


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[FileError]]:
    """Files to score: files as given, and supported files found under directories (sorted).

    Symbolic links to directories are not followed, so a link loop cannot trap the walk.
    """
    files: list[Path] = []
    errors: list[FileError] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path, followlinks=False, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / n for n in names
                             if not n.startswith((".", "~$")) and Path(n).suffix.lower() in SUPPORTED_SUFFIXES)
            candidates = sorted(found)
        elif path.exists():
            candidates = [path]
        else:
            errors.append(FileError(str(path), f"{path}: no such file or folder"))
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                files.append(candidate)
    return files, errors


def score_file(path: Path, rubric: Rubric) -> ReportResult | FileError:
    from .pipeline import analyze
    try:
        return analyze(read_document(path), rubric)
    except IngestError as err:
        return FileError(str(path), str(err))
    except MemoryError:
        return FileError(str(path), f"{path}: out of memory while scoring")
    except Exception as err:  # a bug must not cost the rest of the batch its results
        return FileError(str(path), f"{path}: internal error while scoring ({type(err).__name__}: {err})")


_worker_rubric: Rubric | None = None


def _init_worker(rubric_path: str) -> None:
    global _worker_rubric
    _worker_rubric = load_rubric(rubric_path)


def _score_in_worker(path: Path) -> ReportResult | FileError:
    return score_file(path, _worker_rubric)


def score_files(files: list[Path], rubric: Rubric, jobs: int = 0,
                progress: Callable[[int], None] | None = None) -> Iterator[ReportResult | FileError]:
    """Score `files` in order, in `jobs` worker processes (0: one per core; 1: in this process)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < 2:
        for path in files:
            yield score_file(path, rubric)
            if progress:
                progress(1)
        return
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rubric.path,)) as pool:
        for result in pool.map(_score_in_worker, files, chunksize=chunk):
            yield result
            if progress:
                progress(1)
