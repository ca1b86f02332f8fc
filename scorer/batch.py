"""Many files → results: file discovery, parallel workers, per-file error capture.

One bad file never costs the others their results: every failure becomes a FileError with a
one-line reason, even a crash that kills the worker process reading it. Results come back in
the order of the input files, whatever the workers do, one at a time as they are ready, so a
caller that writes each result out and drops it scores any number of files in bounded memory.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .ingest import SUPPORTED_SUFFIXES, read_document
from .ingest.base import IngestError
from .result import FileError, ReportResult
from .rubric.load import load_rubric
from .rubric.model import Rubric


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[FileError]]:
    """Files to score: files as given, and supported files found under directories (sorted).

    Symbolic links to directories are not followed, so a link loop cannot trap the walk; a
    link loop named like a report is listed, and reading it fails like any unreadable file.
    """
    files: list[Path] = []
    errors: list[FileError] = []
    seen: set[str] = set()
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
            key = os.path.realpath(candidate)  # unlike Path.resolve, does not raise on a link loop
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


# Finished results the workers may get ahead of the next one in input order. A slow file (5 MB
# of nothing but figures takes half a minute) then holds back at most this many results in
# memory (~90 KB each) instead of the whole rest of the batch.
MAX_AHEAD = 512
# Files per task: enough to make the trip to a worker cheap, few enough to balance the load.
MAX_CHUNK = 16

_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}

_worker_rubric: Rubric | None = None


def _init_worker(rubric_path: str) -> None:
    global _worker_rubric
    # Ctrl-C reaches every process of the terminal's process group; only the parent acts on it
    # (it stops the pool and removes partial output), so the workers are not interrupted mid-task.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker told to stop simply dies (whatever handler the parent set): the parent survives
    # that, and scores the rest.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # held while this process was forked: see _submit
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    _worker_rubric = load_rubric(rubric_path)


def _score_in_worker(paths: list[Path]) -> list[ReportResult | FileError]:
    return [score_file(path, _worker_rubric) for path in paths]


def score_files(files: list[Path], rubric: Rubric, jobs: int = 0,
                progress: Callable[[int], None] | None = None) -> Iterator[ReportResult | FileError]:
    """Score `files` in order, in `jobs` worker processes (0: one per core; 1: in this process).

    Closing the iterator early (or an exception in the caller, such as KeyboardInterrupt)
    cancels the work not yet started and waits only for the tasks already running.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < 2:
        results = (score_file(path, rubric) for path in files)
    else:
        results = _score_in_pool(files, rubric.path, jobs)
    for result in results:
        yield result
        if progress:
            progress(1)


def _new_pool(jobs: int, rubric_path: str) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rubric_path,))


def _submit(pool: ProcessPoolExecutor, paths: list[Path]) -> Future:
    """pool.submit, with Ctrl-C and SIGTERM held back meanwhile where the system allows it.

    A submission may fork a worker, which starts with the parent's signal handlers until
    _init_worker replaces them; a signal in that gap would interrupt the worker and print its
    traceback. Held, the signal reaches the parent a moment later and the worker never.
    """
    if not hasattr(signal, "pthread_sigmask"):
        return pool.submit(_score_in_worker, paths)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        return pool.submit(_score_in_worker, paths)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _score_in_pool(files: list[Path], rubric_path: str, jobs: int) -> Iterator[ReportResult | FileError]:
    size = max(1, min(MAX_CHUNK, len(files) // (jobs * 8)))
    waiting = deque(files[i:i + size] for i in range(0, len(files), size))
    running: deque[tuple[list[Path], Future]] = deque()  # in input order
    pool = _new_pool(jobs, rubric_path)
    try:
        while waiting or running:
            while waiting and len(running) * size < MAX_AHEAD:
                chunk = waiting.popleft()
                running.append((chunk, _submit(pool, chunk)))
            chunk, future = running.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died, and with it every running task; which file killed it is unknown.
                # Score the first chunk file by file to find out; the others go round again.
                waiting.extendleft(reversed([later for later, _ in running]))
                running.clear()
                pool.shutdown(wait=True)
                results = _score_each_alone(chunk, rubric_path)
                pool = _new_pool(jobs, rubric_path)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _score_each_alone(files: list[Path], rubric_path: str) -> list[ReportResult | FileError]:
    """Each file by itself in a one-worker pool: a file that kills the worker costs only itself."""
    results: list[ReportResult | FileError] = []
    pool = _new_pool(1, rubric_path)
    try:
        for path in files:
            try:
                results.extend(_submit(pool, [path]).result())
            except BrokenProcessPool:
                results.append(FileError(str(path), f"{path}: the worker process reading it died "
                                                    "(a crash in a file parser, or out of memory)"))
                pool.shutdown(wait=True)
                pool = _new_pool(1, rubric_path)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results
