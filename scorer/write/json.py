"""The machine contract: a run's results as JSON."""

from __future__ import annotations

import json
import os

from ..result import RunResult
from .atomic import write_text_atomic


def dumps(run: RunResult) -> str:
    return json.dumps(run.to_json(), ensure_ascii=False, indent=1)


def write_json(run: RunResult, path: str | os.PathLike[str]) -> None:
    write_text_atomic(path, dumps(run) + "\n")
