"""The level of government a report is about: province, city, county, district, or a department."""

from __future__ import annotations

from collections import Counter

from ..result import Level
from .gazetteer import PREFECTURE, Unit
from .gazetteer import PROVINCE as PROVINCIAL_UNIT

PROVINCE: Level = "province"
CITY: Level = "city"
COUNTY: Level = "county"
DISTRICT: Level = "district"
DEPARTMENT: Level = "department"

# The level a subject named by its level alone is of, by its letter: 区政府, 市政府办公室, 省农业农村厅, 县委
LEVEL_OF_LETTER: dict[str, Level] = {
    "自治区": PROVINCE,
    "区": DISTRICT,
    "县": COUNTY,
    "旗": COUNTY,
    "市": CITY,
    "州": CITY,
    "盟": CITY,
    "省": PROVINCE,
}


def level_of(
    unit: Unit | None, department: bool, own_letter: str | None, self_refs: Counter[str], former: str | None = None
) -> Level | None:
    if department:
        return DEPARTMENT
    if unit is None and own_letter:  # 区政府 in a text that names no 区
        return LEVEL_OF_LETTER[own_letter]
    if unit is None:
        levels = LEVEL_OF_LETTER
        counts: Counter[Level] = Counter()
        for word, n in self_refs.items():
            if word[1] in levels:
                counts[levels[word[1]]] += n
        best = max(counts, key=counts.__getitem__, default=None)
        return best if best and counts[best] >= 3 else None
    if unit.level == PROVINCIAL_UNIT:
        return PROVINCE  # the four municipalities too
    if unit.level == PREFECTURE:
        return CITY  # 地级市, 自治州, 地区, 盟
    # county level: a 县级市 (清镇市), 县, 自治县, 旗 are counties; 林区 / 特区 govern like one
    name = former or unit.name
    return DISTRICT if name.endswith("区") and not name.endswith(("林区", "特区")) else COUNTY
