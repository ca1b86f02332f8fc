"""How many statuses change when the same words are laid out as other pages lay them out.

    python bench/invariance.py                 # every layout, on the examples, the tuned half and the written set
    python bench/invariance.py "one line, as read" --show 20   # one layout, with the first changes quoted

A reading should not depend on a report's layout: its indentation, line ends, page chrome,
heading marks, a fixed-width wrap, traditional characters, nor on wording a reader does not notice
(another heading number, 本局 for 我局, 12余件). Each layout below is applied to every
report's text as read (a wrap is read back as read_document reads it), the report is scored
again, and every requirement whose status moved is counted, with the metadata (region, level,
year) that moved. `tests/test_invariance.py` holds the layouts that must change nothing, and a PDF
converted to Word (each printed line a paragraph) to a bound on its sample; a page that lost every
line break and a semicolon typed for a comma are measured here only. The dev set's unseen half
is left out: it is read only through bench/accuracy.py's counts.
Deterministic; about seven seconds a layout.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_invariance import TRANSFORMS, WORDINGS, printed_lines_as_word_paragraphs, read_past_strays  # noqa: E402  (the layouts and wordings, written once)

from scorer.ingest import read_document  # noqa: E402
from scorer.pipeline import analyze  # noqa: E402
from scorer.rubric.load import load_rubric  # noqa: E402

# the layouts a reading must not depend on (tests/test_invariance.py holds it to them, a Word file
# of printed lines to a bound), and four it is not yet held to: a page that lost every line break,
# a semicolon where a comma was, titles in quotes, and sub-parts that lost their numbers
_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")  # a line break with the indents either side
LAYOUTS: dict[str, Callable[[str], str]] = {
    **TRANSFORMS,
    **WORDINGS,
    "each printed line a Word paragraph (a PDF converted to Word), as read": printed_lines_as_word_paragraphs,
    "one line, as read": read_past_strays(lambda t: t.replace("\n", "")),
    # …and as a page more often loses them: a space where each break was (…职责。 二、深化… 动态调整…)
    "one line, a space for each break, as read": read_past_strays(lambda t: _BREAK.sub(" ", t)),
    # a writer's semicolon where another puts a comma (…作为“第一议题”；全年开展专题学习5次)
    "a comma before 全年 typed as a semicolon": lambda t: re.sub("，(?=全年)", "；", t),
    # a writer's quotes where a document's title takes 《》 (学习“中华人民共和国行政复议法”)
    "documents' titles typed in quotes": lambda t: t.replace("《", "“").replace("》", "”"),
    # a page's bold leads without their numbers ((一)加强组织领导。… as 加强组织领导。…)
    "the sub-parts' numbers lost": lambda t: re.sub(r"(?m)^(\s*)（[一二三四五六七八九十]）", r"\1", t),
}


def _texts() -> list[Path]:
    dev = sorted((ROOT / "tests" / "dev" / "reports").glob("*.txt"))
    tuned = [p for p in dev if int(re.match(r"\d+", p.name).group()) % 2]  # type: ignore[union-attr]
    return (
        sorted((ROOT / "examples").glob("*.txt"))
        + tuned
        + sorted((ROOT / "tests" / "written" / "reports").glob("*.txt"))
    )


def _reading(result) -> tuple:
    return (result.region, result.level, result.year), {r.id: r.status for r in result.requirements}


def measure(name: str, paths: list[Path], rubric, show: int = 0) -> Counter[str]:
    layout = LAYOUTS[name]
    moved: Counter[str] = Counter()
    for path in paths:
        document = read_document(path)
        meta, statuses = _reading(analyze(document, rubric))
        meta2, statuses2 = _reading(analyze(dataclasses.replace(document, text=layout(document.text)), rubric))
        if meta != meta2:
            moved["metadata"] += 1
            if show > 0:
                show -= 1
                print(f"    {path.name[:36]} region, level, year: {meta} → {meta2}")
        for rid, status in statuses.items():
            if statuses2[rid] != status:
                moved[f"{status}→{statuses2[rid]}"] += 1
                if show > 0:
                    show -= 1
                    print(f"    {path.name[:36]} {rid}: {status} → {statuses2[rid]}")
    return moved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("layout", nargs="*", help=f"layouts to measure (default: all): {', '.join(LAYOUTS)}")
    parser.add_argument("--show", type=int, default=0, help="quote the first N changes")
    args = parser.parse_args()
    unknown = [name for name in args.layout if name not in LAYOUTS]
    if unknown:
        parser.error(f"unknown layout {', '.join(unknown)} (choose from {', '.join(LAYOUTS)})")
    rubric = load_rubric()
    paths = _texts()
    print(f"{len(paths)} reports (examples, the dev set's tuned half, the written set); rubric {rubric.version}")
    for name in args.layout or LAYOUTS:
        moved = measure(name, paths, rubric, args.show)
        statuses = sum(n for k, n in moved.items() if k != "metadata")
        detail = ", ".join(f"{k} {n}" for k, n in moved.most_common())
        print(f"  {name:42s} {statuses:5d} statuses moved  {detail}")


if __name__ == "__main__":
    main()
