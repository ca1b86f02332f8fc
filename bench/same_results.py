"""The safety net of a speed change: the same results, byte for byte (run on demand).

    python bench/same_results.py snapshot bench/out/before     # on the code before the change
    python bench/same_results.py snapshot bench/out/after      # on the code after it
    python bench/same_results.py compare bench/out/before bench/out/after

`snapshot` runs the installed `scorer` on every input set — the examples, the labelled
development set (tests/dev/reports) and the benchmark corpus (bench/make_corpus.py, built
once) — and keeps what it writes: `score --json` with one worker and with two (the pool path),
and `check` (terminal, --json and --html) on each example. `compare` says, file by file, whether two
snapshots are byte-identical once what differs between two runs of the same code is
blanked: the run's date-time (`run_date`) and the snapshot's folder in messages, and shows the first differing line.
Exit status 1 when any file differs or is missing.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from make_corpus import EXAMPLES
from run import ensure_corpus, scorer_command

ROOT = Path(__file__).resolve().parent.parent
# The run's date-time, in JSON ("run_date": "…") and as the terminal prints it.
_RUN_DATE = re.compile(r'("run_date": )"[^"]*"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot", help="write every output of the current code into FOLDER")
    snap.add_argument("folder", type=Path)
    snap.add_argument("--n", type=int, default=1000, help="reports in the benchmark corpus")
    snap.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    snap.add_argument(
        "--sets",
        default="examples,dev,corpus",
        help="input sets to score, comma-separated (a quick look: examples,dev)",
    )
    cmp = commands.add_parser("compare", help="compare two snapshots")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.folder, args.sets.split(","), args.n, args.seed)
    else:
        sys.exit(0 if compare(args.before, args.after) else 1)


def snapshot(folder: Path, names: list[str], n: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # Relative inputs, so the paths in the results do not depend on where the repository is.
    sets = {
        "examples": lambda: EXAMPLES,
        "dev": lambda: ROOT / "tests" / "dev" / "reports",
        "corpus": lambda: ensure_corpus(n, seed),
    }
    for name in names:
        inputs = sets[name]()
        for jobs in (1, 2):
            target = folder / f"score-{name}-jobs{jobs}.json"
            run(
                [*scorer_command(), "score", relative(inputs), "--json", str(target.resolve()), "--jobs", str(jobs)],
                folder / f"score-{name}-jobs{jobs}.stdout",
            )
    for example in sorted(EXAMPLES.glob("*.txt")):
        run(
            [
                *scorer_command(),
                "check",
                relative(example),
                "--json",
                str((folder / f"check-{example.stem}.json").resolve()),
                "--html",
                str((folder / f"check-{example.stem}.html").resolve()),
            ],
            folder / f"check-{example.stem}.txt",
        )
    print(f"snapshot in {folder}: {len(list(folder.iterdir()))} files")


def relative(path: Path) -> str:
    return str(path.resolve().relative_to(ROOT))


def run(command: list[str], stdout: Path) -> None:
    """Run `command` from the repository root, its standard output kept in `stdout`."""
    with open(stdout, "wb") as out:
        done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.PIPE)
    # 1: some input could not be read, 3: below --fail-under; both are results, not failures.
    if done.returncode not in (0, 1, 3):
        sys.exit(f"{' '.join(command)} exited with {done.returncode}: {done.stderr.decode(errors='replace')}")


def compare(before: Path, after: Path) -> bool:
    """Every file of `after` against its namesake in `before` (which may hold more)."""
    names = sorted(p.name for p in after.iterdir())
    same = True
    for name in names:
        if not (before / name).exists():
            print(f"{name}: only in {after}")
            same = False
            continue
        old, new = (
            _RUN_DATE.sub(r'\1""', (folder / name).read_text(encoding="utf-8")).replace(
                str(folder.resolve()), "SNAPSHOT"
            )
            for folder in (before, after)
        )
        if old == new:
            print(f"{name}: same ({len(new.encode()):,} bytes)")
            continue
        same = False
        for number, (a, b) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False), 1):
            if a != b:
                print(f"{name}: DIFFERS at line {number}\n  before: {a[:200]}\n  after:  {b[:200]}")
                break
        else:
            print(f"{name}: DIFFERS in length ({len(old.splitlines())} vs {len(new.splitlines())} lines)")
    return same


if __name__ == "__main__":
    main()
