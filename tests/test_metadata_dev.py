"""Metadata against the dev set's labels (tests/dev/gold): region, level and year, with floors so
that a regression fails.

The files were read by people; their gold region is the whole chain (四川省遂宁市). A region
counts as found when the gold's own unit (遂宁市) is in the region or the chain read; only the
files whose text names that unit somehow (遂宁市, 遂宁, 巴州 …) count for region. Tuned on the
odd-numbered files, checked on the even ones: each half must clear the floors by itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from scorer.metadata import detect_metadata
from scorer.normalize import normalize
from scorer.structure import parse

DEV = Path(__file__).resolve().parent / "dev"
FLOORS = {"region": 0.92, "level": 0.95, "year": 1.0, "chain": 0.9}

# the gold chain's units: 黑龙江省 / 大兴安岭地区 / 呼中区
_UNIT = re.compile(
    r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|盟|市|县|区|旗)"
    r"(?=$|.+?(?:省|自治|地区|盟|市|县|区|旗))"
)
_SUFFIX = re.compile(r"(?:自治州|自治县|地区|省|盟|市|县|区|旗)$")


def _printed_forms(unit: str) -> set[str]:
    """How a text may name the unit: 遂宁市 / 遂宁; 巴音郭楞蒙古自治州 / 巴音郭楞 / 巴音州 / 巴州."""
    stem = _SUFFIX.sub("", unit)
    forms = {unit}
    if len(stem) >= 2:
        forms |= {stem, stem[:2] + "州"}
    if len(stem) >= 4:
        forms.add(stem[0] + "州")
    return forms


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[int, bool, bool, bool, bool, bool], ...]:
    rows = []
    for path in sorted((DEV / "gold").glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = normalize((DEV / "reports" / gold["file"]).read_text(encoding="utf-8")).text
        meta = detect_metadata(text, parse(text))
        own = _UNIT.findall(gold["region"])[-1]
        named = any(form in text for form in _printed_forms(own))
        found = own in f"{meta.region or ''}|{meta.region_full or ''}"
        rows.append(
            (
                int(gold["file"][:3]),
                named,
                found,
                meta.region_full == gold["region"],
                meta.level == gold["level"],
                meta.year == gold["year"],
            )
        )
    return tuple(rows)


def _rates(parity: int | None) -> dict[str, float]:
    rows = [r for r in _rows() if parity is None or r[0] % 2 == parity]
    named = [r for r in rows if r[1]]
    return {
        "region": sum(r[2] for r in named) / len(named),
        "chain": sum(r[3] for r in named) / len(named),
        "level": sum(r[4] for r in rows) / len(rows),
        "year": sum(r[5] for r in rows) / len(rows),
    }


def test_the_dev_set_is_all_there():
    assert len(_rows()) == 72
    assert sum(r[1] for r in _rows()) >= 65  # nearly every opening names its region somewhere


@pytest.mark.parametrize("half", ["odd", "even", "all"])
def test_metadata_floors(half):
    rates = _rates({"odd": 1, "even": 0, "all": None}[half])
    below = {k: round(v, 3) for k, v in rates.items() if v < FLOORS[k]}
    assert not below, f"{half}: below the floors {FLOORS}: {below}"
