"""What the supervisor's workbook and the dashboard cost (run on demand, not part of the tests).

    python bench/workbook.py [--n 1000] [--rounds 3] [--seed 7]

On the corpus of bench/run.py (built once, reused), runs in turn, `--rounds` times each so that
load from other programs falls on all alike:

- `scorer score CORPUS --json r.json`                      (the reference),
- `scorer score CORPUS --json r.json -o x.xlsx`            (the workbook, streamed),
- `scorer score CORPUS --json r.json -o x.xlsx --html d.html`,

and prints each one's median seconds, peak memory, the workbook / JSON ratio (target ≤ 2) and the
sizes of the files.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from run import ensure_corpus, machine, measure, memory, scorer_command


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="reports in the corpus")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command")
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    args = parser.parse_args()

    print(machine())
    corpus = ensure_corpus(args.n, args.seed)
    with tempfile.TemporaryDirectory(prefix="scorer-bench-") as scratch:
        out = Path(scratch)
        base = [*scorer_command(), "score", str(corpus), "--json", str(out / "r.json")]
        variants = {
            "--json": base,
            "--json -o x.xlsx": [*base, "-o", str(out / "x.xlsx")],
            "--json -o x.xlsx --html d.html": [*base, "-o", str(out / "x.xlsx"), "--html", str(out / "d.html")],
        }
        runs: dict[str, list] = {name: [] for name in variants}
        for _ in range(args.rounds):
            for name, command in variants.items():
                run = measure(command)
                if run.returncode != 0:
                    sys.exit(f"{' '.join(command)} exited with {run.returncode}")
                runs[name].append(run)
        medians = {name: statistics.median(r.seconds for r in done) for name, done in runs.items()}
        for name, done in runs.items():
            worst = max(done, key=lambda r: r.max_tree_rss_mib)
            print(
                f"score {name}: median {medians[name]:.2f} s of {[round(r.seconds, 2) for r in done]}, {memory(worst)}"
            )
        print(f"workbook / JSON: {medians['--json -o x.xlsx'] / medians['--json']:.2f} × (target ≤ 2)")
        print(
            f"files: workbook {(out / 'x.xlsx').stat().st_size / 2**20:.1f} MiB, "
            f"dashboard {(out / 'd.html').stat().st_size / 2**20:.1f} MiB, "
            f"JSON {(out / 'r.json').stat().st_size / 2**20:.1f} MiB"
        )


if __name__ == "__main__":
    main()
