"""The machine contract: a run's results as JSON."""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring  # the C escaper where the interpreter has it
from typing import Any

from ..result import FileError, ReportResult, RunResult
from .atomic import atomic_path, write_text_atomic

INDENT = 1


@dataclass(frozen=True)
class EncodedReport:
    """A report as json_stream writes it, encoded where it was scored (a worker of the pool), so
    the process writing the file only writes; with the part of the report the caller still reads
    (the terminal summary: statuses, not evidence)."""

    summary: ReportResult
    json: str


def encode_report(report: ReportResult, summary: ReportResult) -> EncodedReport:
    return EncodedReport(summary, _dumps(report.to_json(), depth=2))


def dumps(run: RunResult) -> str:
    return _dumps(run.to_json())


def write_json(run: RunResult, path: str | os.PathLike[str]) -> None:
    write_text_atomic(path, dumps(run) + "\n")


@contextlib.contextmanager
def json_stream(
    run: RunResult, path: str | os.PathLike[str]
) -> Iterator[Callable[[ReportResult | EncodedReport | FileError], None]]:
    """write_json for a run whose results are still arriving; yields the function that adds one.

    `run` holds what is known up front: tool, rubric, date, and errors such as files not found
    (reports it holds are written first). A report is written out as it is added and not kept,
    so memory does not grow with the batch; a FileError is kept and written in "errors" at the
    end. The file is what write_json writes for the same results, byte for byte, and appears in
    one step when the block ends; after an exception (KeyboardInterrupt included) nothing is left.
    """
    document = run.to_json()
    keys = list(document)
    reports_at = keys.index("reports")
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as out:
        out.write(
            "{\n"
            + "".join(f"{_member(key, document[key])},\n" for key in keys[:reports_at])
            + f"{' ' * INDENT}{_dumps('reports')}: ["
        )
        written = 0

        def write_report(encoded: str) -> None:
            nonlocal written
            out.write(("," if written else "") + "\n" + " " * (2 * INDENT) + encoded)
            written += 1

        def add(result: ReportResult | EncodedReport | FileError) -> None:
            if isinstance(result, FileError):
                document["errors"].append(result.to_json())
            elif isinstance(result, EncodedReport):
                write_report(result.json)
            else:
                write_report(_dumps(result.to_json(), depth=2))

        for report in document["reports"]:
            write_report(_dumps(report, depth=2))
        yield add
        out.write(
            (f"\n{' ' * INDENT}]" if written else "]")
            + "".join(f",\n{_member(key, document[key])}" for key in keys[reports_at + 1 :])
            + "\n}\n"
        )


def _dumps(value: Any, depth: int = 0) -> str:
    """`value` as JSON, laid out as it reads `depth` levels deep in an indented document.

    Byte for byte `json.dumps(value, ensure_ascii=False, indent=INDENT)` re-indented, built here
    because the standard library's encoder leaves its C code for slow Python generators whenever it
    indents; this lays out containers with plain joins and escapes strings with the C escaper."""
    try:
        return _layout(value, "\n" + " " * (INDENT * depth))
    except _Unusual:
        # JSON strings hold no raw line breaks, so every line break is layout.
        return json.dumps(value, ensure_ascii=False, indent=INDENT).replace("\n", "\n" + " " * (INDENT * depth))


class _Unusual(Exception):
    """A value _layout leaves to the json module: a key that is not a string, a type it does not know."""


_STEP = " " * INDENT


def _layout(value: Any, newline: str) -> str:
    """`value` as json.dumps lays it out, `newline` being the line break and indent it stands at."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    inner = newline + _STEP
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            raise _Unusual
        return (
            "{"
            + inner
            + ("," + inner).join(f"{encode_basestring(key)}: {_layout(item, inner)}" for key, item in value.items())
            + newline
            + "}"
        )
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(_layout(item, inner) for item in value) + newline + "]"
    raise _Unusual


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _member(key: str, value: Any) -> str:
    return f"{' ' * INDENT}{_dumps(key)}: {_dumps(value, depth=1)}"
