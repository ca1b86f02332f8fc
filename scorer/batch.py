"""Many files → results: file discovery, parallel workers, per-file error capture.

One bad file never costs the others their results: every failure becomes a FileError with a
one-line reason, even a crash that kills the worker process reading it. Results come back in
the order of the input files, whatever the workers do, one at a time as they are ready, so a
caller that writes each result out and drops it scores any number of files in bounded memory.

No file holds a batch up for ever: in a worker, a file that takes longer than the time limit
(a rubric pattern that backtracks without end, say) is stopped and becomes a FileError. Workers
end with the parent, however the parent ends.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ingest import SUPPORTED_SUFFIXES, Document, read_document
from .ingest.base import IngestError
from .result import FileError, ReportResult
from .rubric.model import Rubric
from .safe_text import path_text

if TYPE_CHECKING:  # the pool's modules are imported when a pool is made: `check` seldom needs one
    from concurrent.futures import Future, ProcessPoolExecutor

TIME_LIMIT = 120.0
"""Seconds one file may take in a worker. The slowest real input (5 MB of nothing but figures)
takes about 30 s; far past that, the file is stuck, not slow."""


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
            found: list[Path] = []
            for root, dirs, names in os.walk(path, followlinks=False, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    Path(root) / n
                    for n in names
                    if not n.startswith((".", "~$")) and Path(n).suffix.lower() in SUPPORTED_SUFFIXES
                )
            candidates = sorted(found)
        elif path.exists():
            candidates = [path]
        else:
            errors.append(FileError(path_text(path), f"{path_text(path)}: no such file or folder"))
            continue
        for candidate in candidates:
            key = os.path.realpath(candidate)  # unlike Path.resolve, does not raise on a link loop
            if key not in seen:
                seen.add(key)
                files.append(candidate)
    return files, errors


# A library's message may hold an object's repr, whose address differs from run to run.
_ADDRESS = re.compile(r"<([\w.]+) object at 0x[0-9a-fA-F]+>")


def stable(message: str) -> str:
    """`message` without memory addresses, so the same problem reads the same in every run."""
    return _ADDRESS.sub(r"<\1>", message)


def read_report(path: str | os.PathLike[str]) -> Document:
    """read_document, with the path as results show it (path_text), in the error message too."""
    try:
        document = read_document(path)
    except IngestError as err:
        raise IngestError(path_text(path), stable(err.problem)) from None
    return replace(document, source=path_text(path))


def score_file(path: Path, rubric: Rubric) -> ReportResult | FileError:
    from .pipeline import analyze

    source = path_text(path)
    try:
        return analyze(read_report(path), rubric)
    except IngestError as err:
        return FileError(source, str(err))
    except MemoryError:
        return FileError(source, f"{source}: out of memory while scoring")
    except Exception as err:  # a bug must not cost the rest of the batch its results
        return FileError(source, f"{source}: internal error while scoring ({type(err).__name__}: {stable(str(err))})")


# Finished results the workers may get ahead of the next one in input order. A slow file (5 MB
# of nothing but figures takes half a minute) then holds back at most this many results in
# memory (~90 KB each) instead of the whole rest of the batch.
MAX_AHEAD = 512
# Files per task: enough to make the trip to a worker cheap, few enough to balance the load.
MAX_CHUNK = 16

# A closed terminal (SIGHUP) stops a run like Ctrl-C and `kill`.
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())

_worker_rubric: Rubric | None = None


def _init_worker(rubric: Rubric) -> None:
    global _worker_rubric
    _end_with_parent()
    # Ctrl-C and a hangup reach every process of the terminal's process group; only the parent
    # acts on them (it stops the pool and removes partial output), so the workers are not
    # interrupted mid-task.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    # A worker told to stop simply dies (whatever handler the parent set): the parent survives
    # that, and scores the rest.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # held while this process was forked: see _submit
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    # the rubric the run recorded, as loaded: not reloaded from a file that may have changed since,
    # and a rubric built in memory runs in workers too
    _worker_rubric = rubric


def _end_with_parent() -> None:
    """Make this worker die with the process that started it, even if that one is killed -9.

    Linux does it in the kernel (PR_SET_PDEATHSIG), which also ends a worker stuck in a regular
    expression (it holds the GIL, so no thread of its own could act); elsewhere a thread
    watches for the parent to go.
    """
    import ctypes
    import threading

    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        else:
            if os.getppid() != parent:  # the parent went before the request was in place
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _rubric_of_worker() -> Rubric:
    assert _worker_rubric is not None, "a worker's initializer sets its rubric before any task"
    return _worker_rubric


def _score_in_worker(paths: list[Path], prepare: Callable[[ReportResult], Any] | None = None) -> list[Any]:
    return [_prepared(score_file(path, _rubric_of_worker()), prepare) for path in paths]


def _prepared(result: ReportResult | FileError, prepare: Callable[[ReportResult], Any] | None) -> Any:
    return prepare(result) if prepare is not None and isinstance(result, ReportResult) else result


def _analyze_in_worker(document: Document) -> ReportResult:
    from .pipeline import analyze

    return analyze(document, _rubric_of_worker())


def analyze_guarded(document: Document, rubric: Rubric, time_limit: float = TIME_LIMIT) -> ReportResult | FileError:
    """analyze(document, rubric); in a worker stopped after `time_limit` seconds when the rubric
    has patterns that may backtrack without end (in this process otherwise)."""
    from .pipeline import analyze

    if not rubric.backtracking_patterns:
        return analyze(document, rubric)
    pool = _new_pool(1, rubric)
    try:
        return _submit(pool, document, _analyze_in_worker).result(timeout=time_limit)
    except TimeoutError:
        return FileError(document.source, _stuck(document.source, time_limit))
    finally:
        _stop(pool)


def available_cores() -> int:
    """Cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def score_files(
    files: list[Path],
    rubric: Rubric,
    jobs: int = 0,
    progress: Callable[[int], None] | None = None,
    time_limit: float = TIME_LIMIT,
    prepare: Callable[[ReportResult], Any] | None = None,
) -> Iterator[Any]:
    """Score `files` in order, in `jobs` worker processes (0: one per core; never more than the
    cores available; 1: in this process, unless the rubric has patterns that may backtrack
    without end, which only a worker can be stopped in).

    Each result is a ReportResult or a FileError, or with `prepare` (a module-level function,
    so that it reaches the workers), prepare(report) for each report: what the caller does with
    a report is then done where it was scored, in parallel, and only that comes back.

    A file that takes more than `time_limit` seconds in a worker becomes a FileError.
    Closing the iterator early (or an exception in the caller, such as KeyboardInterrupt)
    cancels the work not yet started and ends the workers.
    """
    cores = available_cores()
    jobs = min(jobs or cores, cores)
    results: Iterator[Any]
    if (jobs == 1 or len(files) < 2) and not rubric.backtracking_patterns:
        results = (_prepared(score_file(path, rubric), prepare) for path in files)
    else:
        task = partial(_score_in_worker, prepare=prepare) if prepare else _score_in_worker
        results = _score_in_pool(files, rubric, max(1, min(jobs, len(files))), time_limit, task)
    for result in results:
        yield result
        if progress:
            progress(1)


def _new_pool(jobs: int, rubric: Rubric) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rubric,))


def _submit(pool: ProcessPoolExecutor, work, task: Callable) -> Future:
    """pool.submit, with Ctrl-C and SIGTERM held back meanwhile where the system allows it.

    A submission may fork a worker, which starts with the parent's signal handlers until
    _init_worker replaces them; a signal in that gap would interrupt the worker and print its
    traceback. Held, the signal reaches the parent a moment later and the worker never.
    """
    if not hasattr(signal, "pthread_sigmask"):
        return pool.submit(task, work)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        return pool.submit(task, work)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _score_in_pool(
    files: list[Path], rubric: Rubric, jobs: int, time_limit: float, task: Callable[[list[Path]], list[Any]]
) -> Iterator[Any]:
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(MAX_CHUNK, len(files) // (jobs * 8)))
    waiting = deque(files[i : i + size] for i in range(0, len(files), size))
    running: deque[tuple[list[Path], Future]] = deque()  # in input order
    pool = _new_pool(jobs, rubric)
    try:
        while waiting or running:
            while waiting and len(running) * size < MAX_AHEAD:
                chunk = waiting.popleft()
                running.append((chunk, _submit(pool, chunk, task)))
            chunk, future = running.popleft()
            try:
                # Tasks start in the order submitted: by now the oldest has started, and it
                # gets the whole limit from here.
                results = future.result(timeout=time_limit * len(chunk))
            except (BrokenProcessPool, TimeoutError):
                # A worker died, and with it every running task, or a file is stuck. Which file
                # it was is unknown: score the first chunk file by file to find out; the others
                # go round again.
                waiting.extendleft(reversed([later for later, _ in running]))
                running.clear()
                _stop(pool)
                results = _score_each_alone(chunk, rubric, time_limit, task)
                pool = _new_pool(jobs, rubric)
            yield from results
    finally:
        _stop(pool)


def _score_each_alone(
    files: list[Path], rubric: Rubric, time_limit: float, task: Callable[[list[Path]], list[Any]]
) -> list[Any]:
    """Each file by itself in a one-worker pool: a file that kills the worker or gets stuck
    costs only itself."""
    from concurrent.futures.process import BrokenProcessPool

    results: list[Any] = []
    pool = _new_pool(1, rubric)
    try:
        for path in files:
            source = path_text(path)
            try:
                results.extend(_submit(pool, [path], task).result(timeout=time_limit))
                continue
            except BrokenProcessPool:
                results.append(
                    FileError(
                        source,
                        f"{source}: the worker process reading it died (a crash in a file parser, or out of memory)",
                    )
                )
            except TimeoutError:
                results.append(FileError(source, _stuck(source, time_limit)))
            _stop(pool)
            pool = _new_pool(1, rubric)
    finally:
        _stop(pool)
    return results


def _stuck(source: str, time_limit: float) -> str:
    return f"{source}: stopped after {time_limit:g} s without a result (a rubric pattern that backtracks without end?)"


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down now, ending its workers even in the middle of a task."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)
