"""Per-report cost of another revision against this one, measured side by side (run on demand).

    python bench/ab.py main [--n 200] [--rounds 3]

Exports REVISION (any git revision) into a temporary folder and times, in turns, a fresh
process of each code base reading, scoring and encoding as JSON the first N reports of the
benchmark corpus, in one process (no startup, no pool). Turns alternate so that a shared
machine's changing load falls on both alike; the best turn of each is printed, with the ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from run import ensure_corpus, machine

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter with the code base to time first on the path (ahead of an editable
# install of this one): ms per report of read + analyze + JSON, after one report to warm up.
_TIMER = """
import sys, time
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f)]
sys.path.insert(0, sys.argv[1])
from scorer.batch import discover
from scorer.ingest import read_document
from scorer.pipeline import analyze
from scorer.rubric.load import load_rubric
from scorer.write.json import _dumps
assert __import__("scorer").__file__.startswith(sys.argv[1]), "timed the wrong code base"
rubric = load_rubric()
files = discover([sys.argv[2]])[0][:int(sys.argv[3])]
_dumps(analyze(read_document(files[0]), rubric).to_json(), depth=2)
started = time.perf_counter()
for path in files:
    _dumps(analyze(read_document(path), rubric).to_json(), depth=2)
print(1000 * (time.perf_counter() - started) / len(files))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the git revision to compare with (main, HEAD~3, a commit)")
    parser.add_argument("--n", type=int, default=200, help="reports timed per turn")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each code base")
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    args = parser.parse_args()

    print(machine())
    corpus = ensure_corpus(max(args.n, 1000), args.seed)
    with tempfile.TemporaryDirectory(prefix="scorer-ab-") as other:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.revision], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", other], input=archive, check=True)
        bases = {args.revision: other, "this tree": str(ROOT)}
        best = dict.fromkeys(bases, float("inf"))
        for _ in range(args.rounds):
            for name, base in bases.items():
                out = subprocess.run(
                    [sys.executable, "-c", _TIMER, base, str(corpus), str(args.n)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                best[name] = min(best[name], float(out))
    for name, ms in best.items():
        print(f"{name:>12}: {ms:6.2f} ms per report (read + analyze + JSON, best of {args.rounds} turns of {args.n})")
    print(f"this tree takes {best['this tree'] / best[args.revision]:.2f} × the time of {args.revision}")


if __name__ == "__main__":
    main()
