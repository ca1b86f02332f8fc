from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLD = Path(__file__).resolve().parent / "gold"
SPEC = Path(__file__).resolve().parent / "spec"


def run_scorer(*args, **kwargs) -> subprocess.CompletedProcess[str]:
    """`python -m scorer …` in a process of its own, its output piped, as in a script or CI job."""
    return subprocess.run(
        [sys.executable, "-m", "scorer", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=180,
        **kwargs,
    )


@pytest.fixture(scope="session")
def rubric():
    from scorer.rubric.load import load_rubric

    return load_rubric()


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory):
    """scorer's cache folder (scorer/cache.py) in the session's temporary folder: the tests neither
    read nor leave anything in the user's ~/.cache."""
    import os

    previous = os.environ.get("SCORER_CACHE_DIR")
    os.environ["SCORER_CACHE_DIR"] = str(tmp_path_factory.mktemp("scorer-cache"))
    yield
    if previous is None:
        del os.environ["SCORER_CACHE_DIR"]
    else:
        os.environ["SCORER_CACHE_DIR"] = previous
