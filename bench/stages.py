"""Where a report's time goes, stage by stage (run on demand).

    python bench/stages.py [--n 200] [--seed 7]

Reads and scores the first N reports of the benchmark corpus in this process under cProfile
and prints, per report, each pipeline stage's time (the cumulative time of the function that
is the stage, see STAGES) and the functions that spend the most time themselves. cProfile
slows Python code more than C code, so shares are indicative; the unprofiled time per report
is printed with them.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from run import ensure_corpus, machine

# stage → the functions that are it, as (module file suffix, function name)
STAGES = {
    "ingest": [("scorer/ingest/__init__.py", "read_document")],
    "normalise": [("scorer/normalize.py", "normalize")],
    "structure": [("scorer/structure.py", "parse")],
    "metadata": [("scorer/metadata/__init__.py", "detect_metadata")],
    "figures": [
        ("scorer/figures/values.py", "extract_metrics"),
        ("scorer/figures/rates.py", "check_consistency"),
        ("scorer/figures/targets.py", "target_findings"),
    ],
    "detect": [("scorer/detect/__init__.py", "evaluate")],
    "score": [
        ("scorer/score.py", "requirement_result"),
        ("scorer/score.py", "total"),
        ("scorer/findings.py", "missing_part_findings"),
    ],
}
HOT_SPOTS = 8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="reports profiled")
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    args = parser.parse_args()

    from scorer.batch import discover
    from scorer.ingest import read_document
    from scorer.pipeline import analyze
    from scorer.rubric.load import load_rubric

    print(machine())
    rubric = load_rubric()
    files, _ = discover([ensure_corpus(max(args.n, 1000), args.seed)])
    files = files[: args.n]
    analyze(read_document(files[0]), rubric)  # lazy imports and caches out of the measurement

    started = time.perf_counter()
    for path in files:
        analyze(read_document(path), rubric)
    plain_ms = 1000 * (time.perf_counter() - started) / len(files)

    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        analyze(read_document(path), rubric)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, name) → (calls, primitive calls, own, cumulative, callers)

    def cumulative(file_suffix: str, name: str) -> float:
        return sum(
            row[3]
            for (file, _, function), row in stats.items()
            if function == name and file.replace("\\", "/").endswith(file_suffix)
        )

    stage_seconds = {stage: sum(cumulative(*f) for f in functions) for stage, functions in STAGES.items()}
    profiled = sum(stage_seconds.values())
    print(f"{len(files)} reports; unprofiled {plain_ms:.1f} ms per report (read + analyze)")
    for stage, seconds in stage_seconds.items():
        print(f"  {stage:10} {1000 * seconds / len(files):6.2f} ms  {100 * seconds / profiled:5.1f} %")
    print("functions by own time (profiled):")
    own = sorted(stats.items(), key=lambda item: -item[1][2])[:HOT_SPOTS]
    for (file, line, name), row in own:
        where = f"{file.split('scorer/')[-1]}:{line}"
        print(f"  {1000 * row[2] / len(files):6.2f} ms  {100 * row[2] / profiled:5.1f} %  {name} ({where})")


if __name__ == "__main__":
    main()
