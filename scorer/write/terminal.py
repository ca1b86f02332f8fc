"""Terminal output of `scorer score` and `scorer rubric show`: plain text, CJK-width aware."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..presentation import LEVEL_LABELS, pad, width
from ..result import RunResult
from ..rubric.model import Rubric


class Progress:
    """A one-line progress bar on stderr for batches; silent when not a terminal."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None):
        self.total, self.enabled, self.stream = total, enabled, stream or sys.stderr
        self.done, self.started = 0, time.monotonic()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        filled = int(30 * self.done / max(1, self.total))
        rate = self.done / max(1e-6, time.monotonic() - self.started)
        # return-and-erase: the one carriage return safe_text.TerminalStream lets through
        self.stream.write(f"\r\033[K[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}  {rate:.1f}/s")
        self.stream.flush()

    def message(self, line: str) -> None:
        """Print a line (an error for one file) without breaking the bar."""
        if self.enabled:
            self.stream.write("\r\033[K")
        print(line, file=self.stream)


def print_summary(run: RunResult, written: list, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    header = ["地区", "年度", "层级", "得分", "等次", "达标", "部分", "缺失", "文件"]
    rows = []
    for r in sorted(run.reports, key=lambda r: -r.score):
        counts = {s: sum(q.counted_status == s for q in r.requirements) for s in ("met", "partial", "missing")}
        rows.append(
            [
                r.region or "?",
                str(r.year or "?"),
                LEVEL_LABELS.get(r.level or "", "?"),
                f"{r.score:.1f}",
                r.grade,
                str(counts["met"]),
                str(counts["partial"]),
                str(counts["missing"]),
                r.source.rsplit("/", 1)[-1] + ("（OCR识别，引文或有误）" if r.ocr else ""),
            ]
        )
    widths = [max(width(x) for x in col) for col in zip(header, *rows, strict=False)] if rows else []
    if rows:
        for row in [header] + rows:
            print("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=False)).rstrip(), file=out)
    print(
        f"{len(run.reports)} 份报告已评分，{len(run.failures)} 份无法读取；"
        f"评分细则 {run.rubric.id} {run.rubric.version}，{run.tool_name} {run.tool_version}",
        file=out,
    )
    for path in written:
        print(f"已写入 {path}", file=out)


def print_rubric(rubric: Rubric, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    print(f"{rubric.title}  ({rubric.id} {rubric.version})", file=out)
    print(
        f"部分达标得分比例 {rubric.scoring.partial_share:g}；等次："
        + "、".join(f"{g.label}≥{g.min:g}" for g in rubric.scoring.grades),
        file=out,
    )
    for pillar in rubric.pillars:
        mine = [r for r in rubric.requirements if r.pillar == pillar.id]
        if not mine:
            continue
        print(f"\n{pillar.title}  （{sum(r.points for r in mine):g} 分）", file=out)
        for r in mine:
            scope = (
                f"  [仅适用：{'、'.join(LEVEL_LABELS.get(x, x) for x in sorted(r.applies_to))}]" if r.applies_to else ""
            )
            print(f"  {pad(r.id, 32)} {r.points:>3g} 分  {r.title}{scope}", file=out)
            if r.guidance:
                print(f"  {'':32}        {r.guidance}", file=out)
    print(f"\n共 {len(rubric.requirements)} 项，满分 {sum(r.points for r in rubric.requirements):g} 分", file=out)
