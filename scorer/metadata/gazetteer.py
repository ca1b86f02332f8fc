"""China's administrative divisions as data: every province, prefecture and county-level unit with
its 6-digit code, the names people write for it, and the level it is.

The table is scorer/data/divisions.tsv (source and licence in its header and in the README). A
code says where a unit stands: `xx0000` a province, `xxyy00` a prefecture, anything else a county;
a county's prefecture is `xxyy00` when that exists (otherwise it sits directly under its province:
the districts of 重庆市, 省直辖县级市 like 仙桃市).

Names a text may use for a unit, besides its official one:
- a province without 省 / 市 / 自治区 and its nationality (广东, 新疆, 广西, 内蒙古, 香港);
- an autonomous unit without its nationalities (巴音郭楞蒙古自治州 → 巴音郭楞州, 巴音郭楞自治州, 巴州;
  镇宁布依族苗族自治县 → 镇宁县, 镇宁自治县), likewise a nationality district (管城回族区 → 管城区);
- any unit without its suffix (遂宁市 → 遂宁, 宝安区 → 宝安): a *bare* name, which ordinary words
  can also be, so the reader accepts it only where a place is expected;
- a county-level unit's former name (射洪县, now 射洪市: scorer/data/former_names.tsv), which
  reports of the years before the change still print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..cache import cached

PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"

_AUTONOMOUS = re.compile("(自治州|自治县|自治旗)$")
_SUFFIX = re.compile("(?:特别行政区|自治区|地区|林区|特区|省|市|县|区|旗|盟)$")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # official: 巴音郭楞蒙古自治州

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return PROVINCE
        return PREFECTURE if self.code.endswith("00") else COUNTY


@dataclass(frozen=True)
class Alias:
    code: str
    bare: bool  # a name without its suffix (遂宁, 宝安, 广东): a place only where a place is expected


class Gazetteer:
    def __init__(
        self,
        rows: list[tuple[str, str]],
        nationalities: list[str],
        former: Iterable[tuple[str, str]] = (),
        abbreviations: Iterable[tuple[str, str]] = (),
    ):
        self.units = {code: Unit(code, name) for code, name in rows}
        # longest first, so 布依 is stripped before 依 could be, 蒙古 before 古
        self._nationality = re.compile(
            "(?:" + "|".join(sorted(map(re.escape, nationalities), key=len, reverse=True)) + ")族?$"
        )
        aliases: dict[str, list[Alias]] = {}
        self._names_of: dict[str, list[tuple[str, bool]]] = {}
        for unit in self.units.values():
            self._names_of[unit.code] = [(name, bare) for name, bare in self._names(unit) if len(name) >= 2]
            for name, bare in self._names_of[unit.code]:
                aliases.setdefault(name, []).append(Alias(unit.code, bare))
        # 粤 → 440000: the provinces as document numbers abbreviate them
        self.province_of_abbreviation = {a: code for code, found in abbreviations for a in found.split(",")}
        self.former: dict[str, list[str]] = {}  # code → names it had
        for name, code in former:
            self.former.setdefault(code, []).append(name)
            aliases.setdefault(name, []).append(Alias(code, False))
        _add_traditional_readings(aliases)
        self.aliases = {name: tuple(found) for name, found in aliases.items()}
        self.longest = max(map(len, self.aliases))
        # the lengths of the names starting with each character, longest first: most characters
        # start none, so a scan of running text looks up almost nothing
        lengths: dict[str, set[int]] = {}
        for name in self.aliases:
            lengths.setdefault(name[0], set()).add(len(name))
        self._lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}

    def prepared(self) -> tuple:
        """What this gazetteer is made of, in plain values marshal stores (see from_prepared)."""
        aliases = {name: tuple((a.code, a.bare) for a in found) for name, found in self.aliases.items()}
        units = [(unit.code, unit.name) for unit in self.units.values()]
        return units, self._names_of, self.province_of_abbreviation, self.former, aliases, self._lengths

    @classmethod
    def from_prepared(cls, prepared: tuple) -> Gazetteer:
        """The gazetteer prepared() describes, without deriving the names again (~20 ms)."""
        units, names_of, abbreviations, former, aliases, lengths = prepared
        gazetteer = cls.__new__(cls)
        gazetteer.units = {code: Unit(code, name) for code, name in units}
        gazetteer._names_of = names_of
        gazetteer.province_of_abbreviation = abbreviations
        gazetteer.former = former
        gazetteer.aliases = {name: tuple(Alias(code, bare) for code, bare in found) for name, found in aliases.items()}
        gazetteer.longest = max(map(len, gazetteer.aliases))
        gazetteer._lengths = lengths
        return gazetteer

    def _strip_nationalities(self, stem: str) -> str:
        while True:
            shorter = self._nationality.sub("", stem)
            if shorter == stem or len(shorter) < 2:
                return stem
            stem = shorter

    def _names(self, unit: Unit) -> list[tuple[str, bool]]:
        name = unit.name
        names = [(name, False)]
        autonomous = _AUTONOMOUS.search(name)
        if unit.level == PROVINCE:
            stem = self._strip_nationalities(_SUFFIX.sub("", name))
            return names + [(stem, True)]  # 广东, 新疆
        if autonomous:
            kind = autonomous.group()[-1]  # 州 / 县 / 旗
            stem = self._strip_nationalities(name[: autonomous.start()])
            # 湘西州 and 湘西自治州, 东乡县 and 东乡自治县
            names += [(stem + kind, False), (stem + autonomous.group(), False), (stem, True)]
            if kind == "州" and len(stem) >= 4:
                names.append((stem[0] + kind, False))  # 巴音郭楞 → 巴州, 博尔塔拉 → 博州
            return names
        suffix = _SUFFIX.search(name)
        if suffix:
            stem = name[: suffix.start()]
            plain = self._strip_nationalities(stem)
            if plain != stem:  # 管城回族区 → 管城区
                names.append((plain + suffix.group(), False))
            names.append((plain, True))
        return names

    def names(self, code: str, bare: bool) -> list[str]:
        """The names a text may print for a unit; bare ones (遂宁) only when asked for."""
        return [name for name, is_bare in self._names_of[code] if bare or not is_bare]

    def parent(self, code: str) -> str | None:
        unit = self.units[code]
        if unit.level == PROVINCE:
            return None
        prefecture = code[:4] + "00"
        if unit.level == COUNTY and prefecture in self.units:
            return prefecture
        return code[:2] + "0000"

    def chain(self, code: str) -> tuple[Unit, ...]:
        """The unit and those above it, from the province down: 广东省, 深圳市, 宝安区."""
        units = []
        current: str | None = code
        while current:
            units.append(self.units[current])
            current = self.parent(current)
        return tuple(reversed(units))

    def is_above(self, upper: str, lower: str) -> bool:
        return upper != lower and any(u.code == upper for u in self.chain(lower))

    def match(self, text: str, pos: int, end: int) -> tuple[str, tuple[Alias, ...]] | None:
        """The longest name printed at pos, with the units it may stand for."""
        for length in self._lengths.get(text[pos : pos + 1], ()):
            found = pos + length <= end and self.aliases.get(text[pos : pos + length])
            if found:
                return text[pos : pos + length], found
        return None


def _add_traditional_readings(aliases: dict[str, list[Alias]]) -> None:
    """A name as a traditional page reads once normalised, where that is not the name (乾安縣 →
    干安县: 乾 is 干 but in names), stands for the same units. Made once with the gazetteer."""
    import opencc

    from ..normalize import normalize

    names = list(aliases)
    traditional = opencc.OpenCC("s2t").convert("\n".join(names)).split("\n")
    for name, printed in zip(names, traditional, strict=True):
        read = normalize(printed).text
        if read != name and read not in aliases:
            aliases[read] = aliases[name]


_DATA_FILES = ("divisions.tsv", "ethnic_groups.txt", "former_names.tsv", "province_abbreviations.tsv")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    # Prepared once and kept in the cache folder, named by the tables, this module's code and the
    # normaliser's (names read from traditional pages): deriving the names again costs ~20 ms of
    # every `scorer check`.
    data = {name: (resources.files("scorer") / "data" / name).read_bytes() for name in _DATA_FILES}
    sources = [
        *data.values(),
        Path(__file__).read_bytes(),
        (Path(__file__).parent.parent / "normalize.py").read_bytes(),
    ]
    return Gazetteer.from_prepared(cached("gazetteer", sources, lambda: _build(data).prepared()))


def _build(data: dict[str, bytes]) -> Gazetteer:
    def lines(name: str) -> list[str]:
        text = data[name].decode("utf-8")
        return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]

    def pairs(name: str) -> list[tuple[str, str]]:
        """The first two columns of a table's rows, after its header."""
        return [(fields[0], fields[1]) for fields in (line.split("\t") for line in lines(name)[1:])]

    return Gazetteer(
        pairs("divisions.tsv"),
        lines("ethnic_groups.txt"),
        pairs("former_names.tsv"),
        pairs("province_abbreviations.tsv"),
    )
