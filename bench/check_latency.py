"""How long a drafter waits for `scorer check` on one .docx (run on demand, not part of the tests).

    python bench/check_latency.py [--runs 15] [--file draft.docx] [--against REVISION]

Runs `scorer check FILE` (output discarded) and, turn about with it so that all see the same
machine, the floor: a fresh interpreter that reads the file and unzips its text part
(`python -c …`: interpreter startup plus the least reading any checker must do), and with
--against, the same check by another revision of the code (any git revision, exported to a
temporary folder). Prints the median and best of each, the medians' ratios to the floor's, and
the load average before and after, since on a shared machine seconds move with other people's
jobs while the ratios move less. The target (issue 17) is a median of at most 0.25 s.

As a user runs it: compiled bytecode is written and used (PYTHONDONTWRITEBYTECODE is dropped for
the runs), and a first run of each, not counted, fills the page cache and scorer's cache folder.
Each revision has a cache folder of its own, as a user has one installed version: in one folder,
two revisions would each find the other's prepared rubric (named by the package's files) and
replace it, and both would pay for loading the rubric on every run.

Without --file the .docx is made from the longest example report (as bench/run.py does): ~40 KB,
~11,000 characters, paragraphs and headings.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import example_docx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TARGET_SECONDS = 0.25
# The floor: start an interpreter, read the file, inflate the document's text part.
FLOOR_PROGRAM = (
    "import io, sys, zipfile; "
    "data = open(sys.argv[1], 'rb').read(); "
    "zipfile.ZipFile(io.BytesIO(data)).read('word/document.xml')"
)
# `scorer …` from the code base in argv[1], ahead of any installed one (an editable install's
# finder included), the way the console script starts it.
LAUNCHER = (
    "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
    "sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'scorer'; from scorer.cli import main; main()"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (the median is reported)")
    parser.add_argument("--file", type=Path, help="the .docx to check (default: made from the longest example)")
    parser.add_argument("--against", metavar="REVISION", help="also time this git revision's check, in turns")
    args = parser.parse_args()
    out = BENCH / "out"
    out.mkdir(exist_ok=True)
    path = args.file or example_docx(out)
    with tempfile.TemporaryDirectory(prefix="scorer-check-latency-") as temporary:
        other = Path(temporary) / "code"
        other.mkdir()
        commands = {
            "floor": [sys.executable, "-c", FLOOR_PROGRAM, str(path)],
            "check": [sys.executable, "-c", LAUNCHER, str(ROOT), "check", str(path)],
        }
        if args.against:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.against], check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", other], input=archive.stdout, check=True)
            commands[f"check at {args.against}"] = [sys.executable, "-c", LAUNCHER, str(other), "check", str(path)]
        caches = {name: Path(temporary) / f"cache {index}" for index, name in enumerate(commands)}
        for name, command in commands.items():  # writes the .pyc files, fills the caches: not what a drafter waits
            seconds(command, caches[name])
        load_before = os.getloadavg()
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(seconds(command, caches[name]))
        load_after = os.getloadavg()
    print(f"scorer check {path.name} ({path.stat().st_size // 1024} KB), {args.runs} runs each, {machine()}")
    print(f"  load average (1, 5, 15 min) before {_load(load_before)}, after {_load(load_after)}")
    floor = statistics.median(times["floor"])
    for name, measured in times.items():
        median = statistics.median(measured)
        ratio = "" if name == "floor" else f", {median / floor:.1f} × the floor"
        print(f"  {name}: median {median:.3f} s, best {min(measured):.3f} s{ratio}")
    print("  (floor: python -c that starts, reads the file and unzips its text part)")
    verdict = "met" if statistics.median(times["check"]) <= TARGET_SECONDS else "NOT met"
    print(f"  target: check median ≤ {TARGET_SECONDS} s: {verdict}")


def seconds(command: list[str], cache: Path) -> float:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["SCORER_CACHE_DIR"] = str(cache)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
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
