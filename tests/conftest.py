from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLD = Path(__file__).resolve().parent / "gold"
SPEC = Path(__file__).resolve().parent / "spec"


@pytest.fixture(scope="session")
def rubric():
    from scorer.rubric.load import load_rubric

    return load_rubric()
