"""How long a drafter waits for `scorer check` on one .docx (run on demand, not part of the tests).

    python bench/check_latency.py [--runs 15] [--file draft.docx]

Runs `scorer check FILE` (output discarded) and, turn about with it so that both see the same
machine, the floor: a fresh interpreter that reads the file and unzips its text part
(`python -c …`: interpreter startup plus the least reading any checker must do). Prints the
median and best of each, the median's ratio to the floor's, and the load average before and
after, since on a shared machine seconds move with other people's jobs while the ratio moves
less. The target (issue 17) is a median of at most 0.25 s.

Without --file the .docx is made from the longest example report (as bench/run.py does): ~40 KB,
~11,000 characters, paragraphs and headings.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from run import example_docx, scorer_command

BENCH = Path(__file__).resolve().parent
TARGET_SECONDS = 0.25
# The floor: start an interpreter, read the file, inflate the document's text part.
FLOOR_PROGRAM = (
    "import io, sys, zipfile; "
    "data = open(sys.argv[1], 'rb').read(); "
    "zipfile.ZipFile(io.BytesIO(data)).read('word/document.xml')"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (the median is reported)")
    parser.add_argument("--file", type=Path, help="the .docx to check (default: made from the longest example)")
    args = parser.parse_args()
    out = BENCH / "out"
    out.mkdir(exist_ok=True)
    path = args.file or example_docx(out)
    check = [*scorer_command(), "check", str(path)]
    floor = [sys.executable, "-c", FLOOR_PROGRAM, str(path)]
    seconds(check)  # a first run writes the .pyc files and fills the page cache: not what a drafter waits
    load_before = os.getloadavg()
    check_times, floor_times = [], []
    for _ in range(args.runs):
        check_times.append(seconds(check))
        floor_times.append(seconds(floor))
    load_after = os.getloadavg()
    check_median, floor_median = statistics.median(check_times), statistics.median(floor_times)
    print(f"scorer check {path.name} ({path.stat().st_size // 1024} KB), {args.runs} runs each, {machine()}")
    print(f"  load average (1, 5, 15 min) before {_load(load_before)}, after {_load(load_after)}")
    print(f"  check: median {check_median:.3f} s, best {min(check_times):.3f} s")
    print(f"  floor: median {floor_median:.3f} s, best {min(floor_times):.3f} s (python -c: start, read, unzip)")
    print(f"  check / floor (medians): {check_median / floor_median:.1f} ×")
    verdict = "met" if check_median <= TARGET_SECONDS else "NOT met"
    print(f"  target: median ≤ {TARGET_SECONDS} s: {verdict}")


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {done.returncode}: {done.stderr.decode(errors='replace')}")
    return elapsed


def machine() -> str:
    return f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"


def _load(averages: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in averages)


if __name__ == "__main__":
    main()
