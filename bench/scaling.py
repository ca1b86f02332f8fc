"""Cost per report as the batch grows (run on demand).

    python bench/scaling.py [--sizes 100,1000,10000] [--jobs 2] [--workbook]

Scores corpora of each size (bench/make_corpus.py, built once each) with `scorer score --json`
(and `-o x.xlsx` with --workbook) as a subprocess, and prints one row a size: seconds,
milliseconds per report (startup included, so small batches pay it over fewer reports) and
peak memory. A constant cost per report is the aim: nothing in a run should grow faster than
the batch.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from run import ensure_corpus, in_fresh_process, machine, measure, scorer_command


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (scorer --jobs)")
    parser.add_argument("--workbook", action="store_true", help="also write the Excel workbook")
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    args = parser.parse_args()

    print(machine())
    print(
        f"| reports | seconds | ms per report | peak memory, largest process | all processes | load average |"
        f"  (--jobs {args.jobs}{', JSON + workbook' if args.workbook else ', JSON'})"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="scorer-scaling-") as scratch:
        for size in (int(s) for s in args.sizes.split(",")):
            corpus = in_fresh_process(ensure_corpus, size, args.seed)  # keeps this process small
            command = [
                *scorer_command(),
                "score",
                str(corpus),
                "--json",
                str(Path(scratch) / "r.json"),
                "--jobs",
                str(args.jobs),
            ]
            if args.workbook:
                command += ["-o", str(Path(scratch) / "r.xlsx")]
            load = os.getloadavg()[0]  # others' work on a shared machine shows in the seconds
            run = measure(command)
            if run.returncode != 0:
                raise SystemExit(f"{' '.join(command)} exited with {run.returncode}")
            print(
                f"| {size:,} | {run.seconds:.1f} | {1000 * run.seconds / size:.1f} | "
                f"{run.max_process_rss_mib:.0f} MiB | {run.max_tree_rss_mib:.0f} MiB | "
                f"{load:.1f} → {os.getloadavg()[0]:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
