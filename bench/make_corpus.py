"""A deterministic corpus of invented reports, made from the real ones in examples/.

Each report is an example with another (invented) region, another year of 2021–2025, some
subsections in another order and sometimes one paragraph fewer, saved as UTF-8 text, GBK text
with CRLF line ends, or .docx with heading styles, so ingest reads every kind of input a
supervisor receives. The same seed and count always give the same reports.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Share of each file kind, in the order they are drawn.
FORMAT_SHARES = (("utf8", 0.70), ("gbk", 0.15), ("docx", 0.15))
FOLDERS = 20  # reports are spread over this many sub-folders, as a province's cities would be
YEARS = range(2021, 2026)

# Invented place names: two characters before the example's own suffix (区/县), so the level
# stays what the text around it says (我区, 全县 …). Parent cities stay as printed.
_FIRST = "东西南北青金白云龙凤安平宁和兴永长新清丰泰嘉华昌乐"
_SECOND = "山川阳江城林溪湖源州陵水台岭峰桥亭河门塘"
_TOP_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|- )")
_SUBSECTION = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
# A year in the report's own time frame, not the end of a span such as 2021—2025年.
_YEAR = re.compile(r"(?<![\d—\-~至到])(20\d\d)(?=年)")


@dataclass(frozen=True)
class Seed:
    """One example report and the names in it that the generator replaces."""

    text: str
    region: str  # e.g. 宝安 (the text also has 宝安区)
    year: int


def load_seeds() -> list[Seed]:
    seeds = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        year = int(path.stem.rsplit("_", 1)[1])
        region = re.search(r"([\u4e00-\u9fff]{2})[区县](?:坚持|20\d\d年)", text).group(1)
        seeds.append(Seed(text, region, year))
    return seeds


def invent_report(seed: Seed, rng: random.Random) -> tuple[str, str, int]:
    """(text, region, year) of one invented report."""
    region = rng.choice(_FIRST) + rng.choice(_SECOND)
    year = rng.choice(YEARS)
    shift = year - seed.year
    text = seed.text.replace(seed.region, region)
    text = _YEAR.sub(
        lambda m: str(int(m.group(1)) + shift) if abs(int(m.group(1)) - seed.year) <= 1 else m.group(1), text
    )
    return "\n".join(_reordered(text.split("\n"), rng)), region, year


def _reordered(lines: list[str], rng: random.Random) -> list[str]:
    """Subsections of a section in a slightly different order; now and then one fewer."""
    out: list[str] = []
    block: list[str] = []  # consecutive subsection lines of one section

    def flush() -> None:
        if len(block) > 1 and rng.random() < 0.4:
            i = rng.randrange(len(block) - 1)
            block[i], block[i + 1] = block[i + 1], block[i]
        if len(block) > 2 and rng.random() < 0.2:
            del block[rng.randrange(len(block))]
        out.extend(block)
        block.clear()

    for line in lines:
        if _SUBSECTION.match(line):
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def build_corpus(target: Path, count: int, seed: int) -> list[Path]:
    """Write `count` reports under `target`; returns their paths."""
    rng = random.Random(seed)
    seeds = load_seeds()
    kinds = [kind for kind, _ in FORMAT_SHARES]
    weights = [share for _, share in FORMAT_SHARES]
    paths = []
    for number in range(count):
        text, region, year = invent_report(rng.choice(seeds), rng)
        kind = rng.choices(kinds, weights)[0]
        folder = target / f"city{number % FOLDERS:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"{number:05d}_{region}_{year}"
        if kind == "docx":
            path = stem.with_suffix(".docx")
            write_docx(text, path)
        elif kind == "gbk":
            path = stem.with_suffix(".txt")
            path.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
        else:
            path = stem.with_suffix(".txt")
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_docx(text: str, path: Path) -> None:
    """The report as Word writes it: a title, Heading 1 section headings, body paragraphs."""
    from docx import Document

    document = Document()
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        if index == 0 and "报告" in line and len(line) < 40:
            document.add_heading(line, level=0)
        elif _TOP_HEADING.match(line):
            document.add_heading(_TOP_HEADING.sub("", line) if line.startswith("- ") else line, level=1)
        else:
            document.add_paragraph(line)
    document.save(path)
