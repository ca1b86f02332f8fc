"""Throughput benchmark (run on demand, not part of the tests).

    python bench/run.py [--n 1000] [--memory-n 10000] [--seed 7]

Builds a corpus of invented reports (bench/make_corpus.py; kept in bench/corpus/, git-ignored,
reused while count and seed are the same) and prints, with the machine it ran on:

- `scorer score CORPUS --json` and `… --json -o x.xlsx`, as subprocesses with the default
  --jobs: seconds, reports/s, peak memory;
- the floor: the least work any scorer must do, in this process on one core — read every file
  into text (scorer.ingest), normalise it, and run one compiled regular expression made of every
  term and pattern of the rubric over it — and how many times the floor the JSON run takes;
- discovery of a 10,000-file folder;
- one file just under the text limit (scorer.ingest.MAX_CHARS) with pathological content: a
  single line of digits and 、 (a number every other character, no sentence end);
- scorer.numbers.read_numbers over long runs of `1,000,`, 一, 增长 and % (linear, not quadratic);
- `scorer check` on one .docx the size of an example, startup included (best and median);
- with --memory-n: peak memory of a JSON-only run over that many reports.

Peak memory is given two ways: the largest single process (the kernel's max RSS of the run's
processes, from wait4) and the largest sum of RSS over the run's process tree (sampled every
20 ms, never less than the first; counts pages the workers share once per worker, so it
overstates).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from make_corpus import EXAMPLES, build_corpus, write_docx

BENCH = Path(__file__).resolve().parent
CORPUS_ROOT = BENCH / "corpus"
CHECK_RUNS = 7
DISCOVERY_FILES = 10_000
SAMPLE_SECONDS = 0.02
_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Run:
    seconds: float
    max_process_rss_mib: float  # the largest single process
    max_tree_rss_mib: float  # the largest sampled sum over the process tree
    returncode: int


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="reports in the throughput corpus")
    parser.add_argument(
        "--memory-n",
        type=int,
        default=0,
        help="also measure peak memory of a JSON-only run over this many reports (slow)",
    )
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    args = parser.parse_args()

    print(machine())
    corpus = in_fresh_process(ensure_corpus, args.n, args.seed)
    with tempfile.TemporaryDirectory(prefix="scorer-bench-") as scratch:
        out = Path(scratch)
        parts = in_fresh_process(floor_seconds, corpus)
        floor = sum(parts.values())
        print(
            f"floor (1 process): {floor:.2f} s, {args.n / floor:.0f} reports/s = "
            + " + ".join(f"{part} {seconds:.2f} s" for part, seconds in parts.items())
        )

        json_run = score(corpus, out, args.n, workbook=False)
        report("score --json", json_run, args.n)
        print(f"  = {json_run.seconds / floor:.1f} × the floor")
        report("score --json -o x.xlsx", score(corpus, out, args.n, workbook=True), args.n)

        print(f"discover() of {DISCOVERY_FILES:,} files: {discovery_seconds(out / 'many'):.3f} s")
        chars, run = score_pathological(out)
        print(
            f"score --json, one line of digits and 、 just under the text limit ({chars:,} characters): "
            f"{run.seconds:.1f} s, "
            f"{chars / run.seconds / 1000:.0f} k characters/s, {memory(run)}"
        )

        best, median = check_seconds(out)
        print(
            f"scorer check (one {example_docx(out).stat().st_size // 1024} KB .docx, "
            f"{CHECK_RUNS} runs): best {best:.3f} s, median {median:.3f} s"
        )

        chars, seconds = in_fresh_process(hostile_numbers_seconds)
        print(f"read_numbers over {chars:,} characters of 1,000, / 一 / 增长 / % runs: {seconds:.2f} s")

        if args.memory_n:
            big = in_fresh_process(ensure_corpus, args.memory_n, args.seed)
            report(
                f"score --json, {args.memory_n:,} reports",
                score(big, out, args.memory_n, workbook=False),
                args.memory_n,
            )


def in_fresh_process(function, *args):
    """function(*args), run in a process of its own. A command this benchmark starts is charged,
    in its peak memory (ru_maxrss), the most this process ever held before it (Linux counts the
    parent's pages a child had until it executed the command), so whatever reads or builds
    many reports runs elsewhere and this process stays small."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    # Without a bytecode cache every process compiles the package's modules again at startup.
    no_cache = ", no .pyc cache (PYTHONDONTWRITEBYTECODE)" if sys.flags.dont_write_bytecode else ""
    return (
        f"machine: {os.cpu_count()} CPUs ({model.group(1) if model else 'unknown CPU'}), "
        f"load average {load}, Python {sys.version.split()[0]}{no_cache}"
    )


def ensure_corpus(count: int, seed: int) -> Path:
    """The corpus for (count, seed), built once; a marker file says it is complete."""
    target = CORPUS_ROOT / f"n{count}-seed{seed}"
    marker = target / ".complete"
    if not marker.exists():
        shutil.rmtree(target, ignore_errors=True)
        started = time.perf_counter()
        build_corpus(target, count, seed)
        marker.touch()
        print(f"built {count:,} reports in {target} ({time.perf_counter() - started:.0f} s)")
    return target


def floor_seconds(corpus: Path) -> dict[str, float]:
    """Seconds of each part of the floor over the corpus: read into text, normalise, one regex."""
    from scorer.batch import discover
    from scorer.ingest import read_document
    from scorer.normalize import normalize
    from scorer.rubric.load import load_rubric

    every_term = rubric_regex(load_rubric())
    files, _ = discover([corpus])
    seconds = dict.fromkeys(("read", "normalise", "regex"), 0.0)
    for path in files:
        started = time.perf_counter()
        text = read_document(path).text
        read = time.perf_counter()
        normalized = normalize(text).text
        normalised = time.perf_counter()
        for _ in every_term.finditer(normalized):
            pass
        seconds["read"] += read - started
        seconds["normalise"] += normalised - read
        seconds["regex"] += time.perf_counter() - normalised
    return seconds


def rubric_regex(rubric) -> re.Pattern[str]:
    """One alternation of every term (any / all alternatives) and every pattern of the rubric."""
    terms: set[str] = set()
    patterns: list[str] = []
    for requirement in rubric.requirements:
        for detector in requirement.detectors:
            if detector.kind == "terms":
                terms.update(detector.any)
                terms.update(alt for entry in detector.all for alt in entry.split("|"))
            elif detector.kind == "pattern":
                patterns.append(f"(?:{detector.pattern.pattern})")
    return re.compile("|".join([*(re.escape(t) for t in sorted(terms)), *patterns]))


def scorer_command() -> list[str]:
    script = Path(sys.executable).with_name("scorer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scorer"]


def score(inputs: Path, out: Path, count: int, workbook: bool, force: bool = False) -> Run:
    """`scorer score inputs --json` (and `-o` for the workbook, `--force` to score what does not
    look like a report), checked to have scored `count` reports."""
    results = out / "results.json"
    command = [*scorer_command(), "score", str(inputs), "--json", str(results), *(["--force"] if force else [])]
    if workbook:
        command += ["-o", str(out / "scorecard.xlsx")]
    run = measure(command)
    if run.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {run.returncode}")
    scored = json.loads(results.read_text(encoding="utf-8"))
    if len(scored["reports"]) != count:
        sys.exit(
            f"expected {count} reports in {results}, got {len(scored['reports'])} and {len(scored['errors'])} errors"
        )
    return run


def measure(command: list[str]) -> Run:
    """Run `command` (output discarded), timing it and watching its memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not done.wait(SAMPLE_SECONDS):
            tree_peak = max(tree_peak, tree_rss_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    largest = usage.ru_maxrss  # KiB on Linux
    # Sampling can miss a short peak, which the kernel's figure for one process never does.
    return Run(seconds, largest / 1024, max(tree_peak, largest) / 1024, process.returncode)


def tree_rss_kib(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, from /proc (0 for a process gone)."""
    try:
        total = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_KIB
        children = " ".join(path.read_text() for path in Path(f"/proc/{pid}/task").glob("*/children"))
    except (OSError, IndexError, ValueError):
        return 0
    return total + sum(tree_rss_kib(int(child)) for child in children.split())


def report(label: str, run: Run, count: int) -> None:
    print(f"{label}: {run.seconds:.2f} s, {count / run.seconds:.0f} reports/s, {memory(run)}")


def memory(run: Run) -> str:
    return (
        f"peak memory {run.max_process_rss_mib:.0f} MiB largest process, {run.max_tree_rss_mib:.0f} MiB all processes"
    )


def score_pathological(out: Path) -> tuple[int, Run]:
    """(characters, run) of scoring one file that is a single line of digits and 、."""
    from scorer.ingest import MAX_CHARS

    path = out / "digits.txt"
    piece = "1、23、456、7890、"
    text = piece * ((MAX_CHARS - 1) // len(piece))
    path.write_text(text, encoding="utf-8")
    return len(text), score(path, out, 1, workbook=False, force=True)  # it is no report: refused unless forced


def hostile_numbers_seconds() -> tuple[int, float]:
    """(characters, seconds) of scorer.numbers.read_numbers over runs made to make a regex backtrack."""
    from scorer.numbers import read_numbers

    hostile = "1,000," * 40_000 + "一" * 40_000 + "增长" * 20_000 + "%" * 10_000
    started = time.perf_counter()
    read_numbers(hostile)
    return len(hostile), time.perf_counter() - started


def discovery_seconds(folder: Path) -> float:
    from scorer.batch import discover

    for number in range(DISCOVERY_FILES):
        sub = folder / f"d{number % 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{number:05d}.txt").touch()
    started = time.perf_counter()
    files, _ = discover([folder])
    seconds = time.perf_counter() - started
    assert len(files) == DISCOVERY_FILES, len(files)
    return seconds


def example_docx(out: Path) -> Path:
    path = out / "check.docx"
    if not path.exists():
        longest = max(EXAMPLES.glob("*.txt"), key=lambda p: p.stat().st_size)
        write_docx(longest.read_text(encoding="utf-8-sig"), path)
    return path


def check_seconds(out: Path) -> tuple[float, float]:
    command = [*scorer_command(), "check", str(example_docx(out))]
    times = []
    for _ in range(CHECK_RUNS):
        run = measure(command)
        if run.returncode != 0:
            sys.exit(f"{' '.join(command)} exited with {run.returncode}")
        times.append(run.seconds)
    return min(times), statistics.median(times)


if __name__ == "__main__":
    main()
