"""Agreement of the default (or a given) rubric with a labelled reading.

    python bench/accuracy.py                     # the example gold, both halves of the dev set, the written set
    python bench/accuracy.py dev --half tune     # one labelled set, one half, with disagreements
    python bench/accuracy.py dev --half check --causes   # the unseen half, counted, never quoted
    python bench/accuracy.py --gold DIR --reports DIR [--rubric FILE]

The dev set (tests/dev) is split by its file number: odd numbers are the half rules are tuned
on (`tune`), even numbers the half kept unseen while developing (`check`). Deterministic; seconds.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer.accuracy import compare, load_gold, report_lines  # noqa: E402
from scorer.ingest import read_document  # noqa: E402
from scorer.pipeline import analyze  # noqa: E402
from scorer.rubric.load import load_rubric  # noqa: E402

SETS = {
    "examples": (ROOT / "tests" / "gold", ROOT / "examples"),
    "dev": (ROOT / "tests" / "dev" / "gold", ROOT / "tests" / "dev" / "reports"),
    "written": (ROOT / "tests" / "written" / "gold", ROOT / "tests" / "written" / "reports"),
}


def _in_half(name: str, half: str) -> bool:
    if half == "all":
        return True
    m = re.match(r"(\d+)", name)
    odd = bool(m and int(m.group(1)) % 2)
    return odd if half == "tune" else not odd


def run(gold_dir: Path, reports_dir: Path, rubric, half: str = "all"):
    pairs = []
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = load_gold(path, rubric)
        if _in_half(gold.file, half):
            pairs.append((gold, analyze(read_document(reports_dir / gold.file), rubric)))
    return compare(pairs, rubric)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set", nargs="?", choices=sorted(SETS), help="a bundled labelled set")
    parser.add_argument("--gold", type=Path, help="folder of gold YAML files")
    parser.add_argument("--reports", type=Path, help="folder of the reports they name")
    parser.add_argument("--rubric", type=Path, help="rubric file (default: the bundled default rubric)")
    parser.add_argument("--half", choices=("all", "tune", "check"), default="all")
    parser.add_argument("--quiet", action="store_true", help="headline figures only")
    parser.add_argument(
        "--causes",
        action="store_true",
        help="the confusion table and the disagreements counted by cause, with no report's words "
        "(for the half kept unseen)",
    )
    args = parser.parse_args()
    rubric = load_rubric(args.rubric) if args.rubric else load_rubric()
    if args.gold or args.reports:
        if not (args.gold and args.reports):
            parser.error("--gold and --reports go together")
        runs = [(f"{args.gold}", args.gold, args.reports, args.half)]
    elif args.set:
        gold, reports = SETS[args.set]
        runs = [(f"{args.set} ({args.half})", gold, reports, args.half)]
    else:  # the overview: headline figures of every bundled set and half
        runs = [
            ("examples", *SETS["examples"], "all"),
            ("dev tune (odd)", *SETS["dev"], "tune"),
            ("dev check (even)", *SETS["dev"], "check"),
            ("written (tuned on)", *SETS["written"], "all"),
        ]
        args.quiet = True
    print(f"rubric {rubric.id} {rubric.version}")
    for title, gold, reports, half in runs:
        print(f"== {title}")
        agreement = run(gold, reports, rubric, half)
        for line in report_lines(
            agreement,
            confusion=not args.quiet,
            disagreements=not (args.quiet or args.causes),
            causes=args.causes,
        ):
            print("  " + line)


if __name__ == "__main__":
    main()
