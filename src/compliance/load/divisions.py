"""Reading the division code table, and resolving a site's place given by code, by name, or both.

A place may come as a 6-, 9- or 12-digit statistical code (350211, 350211102, 350211102201) or as names
(集美区, 厦门市集美区, 集美; 灌口镇, 灌口). Both resolve to the same district and township names, so a rule
that names 集美区 or 日溪乡 decides the same either way. A code and a name that point to different places
is an error naming both (never a choice between them); a township code the table does not list inside a
known district resolves to the district, with a warning that the township is unknown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from compliance.load.validate import validate
from compliance.load.yamlsrc import read
from compliance.model.division import (
    DISTRICT_LEVELS,
    TOWNSHIP_LEVELS,
    City,
    District,
    DivisionTable,
    Township,
    name_forms,
)
from compliance.model.facts import Site
from compliance.model.names import normal_name, prefixes_of
from compliance.model.problems import InputError, Problem

DIVISIONS = "divisions.yaml"
CODE_LENGTHS = (6, 9, 12)
_OFFICE = re.compile(r"\s*(?:人民政府|政府|办事处)$")
"""What a division's own office adds to its name (灌口镇人民政府, 新店街道办事处)."""
PLACE_KINDS = ("city", "district", "township")
"""Site kinds that are themselves a division: given only by code, they are named from the table."""


def load_divisions(path: Path) -> DivisionTable:
    """The table, validated: codes nest (township in district in city) and no code or name is listed twice."""
    located = read(path)
    table = validate(DivisionTable, located)
    problems: list[Problem] = []
    seen: dict[str, tuple[str | int, ...]] = {}

    def unique(key: str, where: tuple[str | int, ...], what: str) -> None:
        if key in seen:
            problems.append(located.problem(where, f"{what} is listed twice"))
        seen[key] = where

    for c, city in enumerate(table.cities):
        unique(city.code, ("cities", c, "code"), f"code {city.code}")
        for d, district in enumerate(city.districts):
            where: tuple[str | int, ...] = ("cities", c, "districts", d)
            if not district.code.startswith(city.code[:4]):
                message = f"{district.code} is not in {city.name} ({city.code})"
                problems.append(located.problem((*where, "code"), message))
            unique(district.code, (*where, "code"), f"code {district.code}")
            for t, township in enumerate(district.townships):
                at = (*where, "townships", t)
                if not township.code.startswith(district.code):
                    message = f"{township.code} is not in {district.name} ({district.code})"
                    problems.append(located.problem((*at, "code"), message))
                unique(township.code, (*at, "code"), f"code {township.code}")
                unique(f"{district.code}:{township.name}", (*at, "name"), f"{township.name} in {district.name}")
    if problems:
        raise InputError(problems)
    return table


class PlaceConflict(Exception):
    """A site's code and names do not describe one place; `field` is the site field to correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Place:
    """Where a site is: the most specific code known, and the district and township names (as resolved, or as
    written when the table does not cover them)."""

    admin_code: str
    district: str
    township: str
    district_code: str
    township_code: str
    warnings: tuple[str, ...] = ()


def normal_code(raw: str) -> str:
    """A code without the zero padding of the official 12-digit form (350211000000 -> 350211); full-width digits
    (３５０２１１) and spaces between digit groups (3502 1110 2201) read as the digits they are."""
    code = "".join(unicodedata.normalize("NFKC", raw).split())
    if not code:
        return ""
    if not (code.isascii() and code.isdigit()) or len(code) not in CODE_LENGTHS:
        raise PlaceConflict(
            "admin_code",
            f"admin_code {raw!r} is not a division code: expected 6, 9 or 12 digits "
            f"(district 350211, township 350211102 or village 350211102201) / 行政区划代码“{raw}”不是区划代码："
            "应为6位、9位或12位数字（区350211、乡镇350211102、村350211102201）",
        )
    for _ in range(2):
        if len(code) > 6 and code.endswith("000"):
            code = code[:-3]
    return code


class Divisions:
    """The table indexed by code and by name."""

    def __init__(self, table: DivisionTable) -> None:
        self.table = table
        self._prefixes = prefixes_of(table)
        self._fold = table.folding()
        self._cities: dict[str, City] = {}
        self._districts: dict[str, tuple[City, District]] = {}
        self._townships: dict[str, Township] = {}
        self._names: dict[str, tuple[City, District | None]] = {}
        """District or city name as people write it -> (city, district or None for the city itself)."""
        self._twice: dict[str, list[str]] = {}
        """A short district name two districts share (none in the shipped table): refused, naming both."""
        self._english: dict[str, tuple[City, District | None]] = {}
        """A district's English name from the table, folded (`_english_key`): jinan district -> 晋安区."""
        self._township_names: dict[tuple[str, str], Township] = {}
        self._township_homes: dict[str, list[District]] = {}
        """A township's name, full or short (灌口镇, 灌口) -> the districts holding a township of that name: to fill a
        district left blank, and to tell a district that is not its."""
        for city in table.cities:
            self._cities[city.code[:4]] = city
            for spelling in name_forms(city.name, ("市",)):
                self._names.setdefault(spelling, (city, None))
            for district in city.districts:
                self._districts[district.code] = (city, district)
                for spelling in name_forms(district.name, DISTRICT_LEVELS):
                    held = self._names.setdefault(spelling, (city, district))
                    if held[1] is not None and held[1] is not district:
                        self._twice.setdefault(spelling, [f"{held[0].name}{held[1].name}"]).append(
                            f"{city.name}{district.name}"
                        )
                if district.name_en:  # Jin'an District, as the table spells it in English
                    self._english.setdefault(_english_key(district.name_en), (city, district))
                for township in district.townships:
                    self._townships[township.code] = township
                    for spelling in name_forms(township.name, TOWNSHIP_LEVELS):
                        self._township_names.setdefault((district.code, spelling), township)
                    normal = normal_name(township.name, self._prefixes, self._fold)
                    for spelling in name_forms(normal, TOWNSHIP_LEVELS):
                        self._township_homes.setdefault(spelling, []).append(district)

    def normal(self, name: str) -> str:
        """`name` as the table compares names (`normal_name`: 福州市福兴经济开发区 is 福兴经济开发区)."""
        return normal_name(name, self._prefixes, self._fold)

    def _named(self, district: str) -> tuple[City, District | None] | None:
        """A district or city as people write it: 厦门市集美区, 集美, 福建省厦门市 (see `normal_name`), or a district by
        its English name in the table (Jin'an District, Jinan district)."""
        normal = normal_name(district, self._prefixes, self._fold)
        if normal in self._twice:
            both = "、".join(self._twice[normal])
            raise PlaceConflict(
                "district",
                f"区名“{district}”可指 {both}，请写全称 / district {district!r} may be {both}: write the full name",
            )
        found = self._names.get(normal)
        return found if found is not None else self._english.get(_english_key(district))

    def _described(self, code: str) -> str:
        """`350111 (福州市晋安区)`: a code with the place the table gives it, for messages."""
        entry = self._districts.get(code[:6])
        if entry is not None:
            city, district = entry
            township = self._townships.get(code[:9]) if len(code) >= 9 else None
            return f"{code} ({city.name}{district.name}{township.name if township else ''})"
        city_only = self._cities.get(code[:4])
        return f"{code} ({city_only.name})" if city_only is not None and code.endswith("00") else code

    def place(self, admin_code: str, district: str, township: str) -> Place:
        """The place a code and names describe together; a PlaceConflict when they describe different places."""
        given = normal_code(admin_code)
        township = _OFFICE.sub("", township.strip())  # 灌口镇人民政府 written for the township is 灌口镇
        warnings: list[str] = []
        city, found, listed = self._from_code(given, warnings)
        district = district.strip()
        named = self._named(district) if district else None
        if district and (named is not None or listed) and not _agree(given, named):
            raise PlaceConflict(
                "district",
                f"district {district!r}{_code_of(named)} and admin_code {self._described(given)} name different "
                f"places; correct one of them / 所在区“{district}”{_code_of(named)}与行政区划代码 "
                f"{self._described(given)} 不是同一地点，请改正其一",
            )
        if named is not None:
            city, found = city or named[0], found or named[1]
        city_only = not given or (len(given) == 6 and given.endswith("00"))
        if found is None and township and (not district or named is not None) and city_only:
            home = self._home_of(township, city)  # 灌口镇 alone, or with 厦门市: the one district holding it
            if home is not None:
                city, found = self._districts[home.code]
        if found is not None:
            district_name = found.name
        elif named is not None:
            district_name = named[0].name
        else:
            district_name = district or (city.name if city is not None else "")
        from_code = self._township_from_code(given, found, warnings)
        township_found = self._township_by_name(township, given, found, from_code, warnings)
        most = township_found.code if township_found is not None else found.code if found is not None else ""
        code = given if len(given) > len(most) else most or given or (city.code if city is not None else "")
        return Place(
            admin_code=code,
            district=district_name,
            township=township_found.name if township_found is not None else township,
            district_code=found.code if found is not None else "",
            township_code=township_found.code if township_found is not None else "",
            warnings=tuple(warnings),
        )

    def townships_named(self, township: str) -> list[tuple[str, str]]:
        """Each district of the table holding a township of this name, with the township's own name there: 新店 is
        晋安区's 新店镇 and 翔安区's 新店街道 (two entries: the name alone does not place a site)."""
        normal = normal_name(_OFFICE.sub("", township.strip()), self._prefixes, self._fold)
        found = []
        for district in self._township_homes.get(normal, []):
            named = next(
                (
                    t
                    for t in district.townships
                    if normal in name_forms(normal_name(t.name, self._prefixes, self._fold), TOWNSHIP_LEVELS)
                ),
                None,
            )
            found.append((district.name, named.name if named is not None else township))
        return found

    def _in_city(self, home: District, district: District) -> str:
        """A district's name, with its city's when that is not the city of `district` (福州市晋安区 beside 集美区)."""
        city = self._cities.get(home.code[:4])
        return home.name if city is None or home.code[:4] == district.code[:4] else f"{city.name}{home.name}"

    def _home_of(self, township: str, city: City | None) -> District | None:
        """The one district of the table (of `city`, when known) holding a township of this name, or None."""
        homes = self._township_homes.get(normal_name(township, self._prefixes, self._fold), [])
        inside = {d.code: d for d in homes if city is None or d.code.startswith(city.code[:4])}
        return next(iter(inside.values())) if len(inside) == 1 else None

    def _from_code(self, code: str, warnings: list[str]) -> tuple[City | None, District | None, bool]:
        """The city and district a code names, and whether the table covers the code at all."""
        if not code:
            return None, None, False
        if code.endswith("00") and len(code) == 6:
            city = self._cities.get(code[:4])
            return city, None, city is not None and city.complete
        entry = self._districts.get(code[:6])
        if entry is not None:
            return entry[0], entry[1], True
        city = self._cities.get(code[:4])
        if city is not None and city.complete:
            warnings.append(
                f"行政区划代码 {code}：{self.table.year}年区划表中{city.name}没有区县 {code[:6]}，所在区未知"
                f" / admin_code {code}: {city.name} has no district {code[:6]} in the {self.table.year} division"
                " table; the district is unknown"
            )
        return (city, None, False) if city is not None and city.complete else (None, None, False)

    def _township_from_code(self, code: str, district: District | None, warnings: list[str]) -> Township | None:
        if len(code) < 9 or district is None or not code.startswith(district.code):
            return None
        township = self._townships.get(code[:9])
        if township is None:
            warnings.append(
                f"行政区划代码 {code}：乡镇 {code[:9]} 不在{self.table.year}年区划表的{district.name}中，站点计入"
                f"{district.name}，乡镇未知 / admin_code {code}: township {code[:9]} is not in the {self.table.year}"
                f" division table for {district.name}; the site is placed in {district.name}, its township unknown"
            )
        return township

    def _township_by_name(
        self, written: str, code: str, district: District | None, from_code: Township | None, warnings: list[str]
    ) -> Township | None:
        if not written or district is None:
            return from_code
        normal = normal_name(written, self._prefixes, self._fold)
        named = self._township_names.get((district.code, normal))
        for other in name_forms(normal, TOWNSHIP_LEVELS)[1:] if named is None else ():  # 日溪镇 for 日溪乡
            named = self._township_names.get((district.code, other))
            if named is not None:
                warnings.append(
                    f"乡镇“{written}”按区划表读作{named.name} / township {written!r} is read as {named.name}, as the"
                    f" {self.table.year} division table names it"
                )
        if named is None and from_code is None:
            # 灌口镇 written with 思明区, or 宦溪镇 with 集美区: a known township of another district, of either city
            # (the table lists every township of the districts it holds, so the district written has none so named)
            homes = self._township_homes.get(normal, [])
            if homes and len(code) < 9:
                listed = "、".join(self._in_city(d, district) for d in homes)
                raise PlaceConflict(
                    "township",
                    f"乡镇“{written}”在{self.table.year}年区划表中属{listed}，与所在区{district.name}不符 / township"
                    f" {written!r} is in {listed}, not in {district.name}; correct one of them",
                )
            if len(code) < 9:
                warnings.append(
                    f"乡镇“{written}”不在{self.table.year}年区划表的{district.name}中，按所填保留 / township "
                    f"{written!r} is not in the {self.table.year} division table for {district.name}; kept as written"
                )
            return None
        if len(code) >= 9 and (named is None or named.code != code[:9]):
            raise PlaceConflict(
                "township",
                f"township {written!r}{f' ({named.code})' if named else ''} and admin_code {self._described(code)} "
                f"name different places; correct one of them / 乡镇“{written}”{f' ({named.code})' if named else ''}"
                f"与行政区划代码 {self._described(code)} 不是同一地点，请改正其一",
            )
        return named or from_code

    def resolve(self, kind: str, name: str, admin_code: str, district: str, township: str) -> tuple[Place, str]:
        """A site's place, and its name: a division site (kind district or township) given only by its code is
        named from the table, and one given only by its name is placed by it."""
        if kind in PLACE_KINDS and name.isdigit() and name.startswith(admin_code.strip()):
            admin_code = name
        for field, written in (("district", district), ("township", township)):
            admin_code = _code_in(field, written, admin_code)
        district, township = ("" if w.strip().isdigit() else w for w in (district, township))
        if kind in ("district", "city") and not district.strip() and not admin_code.strip():
            district = _OFFICE.sub("", name)  # 同安区人民政府 is 同安区; a city named alone (厦门市) is the city
        if kind == "district" and district.strip() and not admin_code.strip() and not name.isdigit():
            district = self._own_district(name, district)
        if kind == "township" and not township.strip() and not name.isdigit():
            township = name  # 灌口镇人民政府 is 灌口镇: `place` reads a township past its office
        _level_fits(kind, admin_code)
        place = self.place(admin_code, district, township)
        if kind == "district" and name.strip() and not name.isdigit() and (district.strip() or admin_code.strip()):
            self._same_district(name, place, "" if district.strip() else admin_code.strip())
        if kind == "township" and township.strip() and name.strip() and not name.isdigit():
            self._same_township(name, township, place)
        if kind in PLACE_KINDS and (name.isdigit() or not name.strip()):
            name = {"district": place.district, "township": place.township}.get(kind, place.district) or name
        return place, name

    def _same_district(self, name: str, place: Place, code: str) -> None:
        """A district site named after another district than the one its district or, given alone, its `code` places
        it in (集美区 with 350212, 同安区's code) contradicts itself: refused, never settled by either of them."""
        named = self.place("", name, "")
        if not named.district_code or not place.district_code or named.district_code == place.district_code:
            return
        where_zh = f"行政区划代码 {code}（{place.district}）" if code else f"所在区{place.district}"
        where_en = f"admin_code {code} ({place.district})" if code else place.district
        fix_zh, fix_en = ("行政区划代码", "admin_code") if code else ("所在区", "district")
        raise PlaceConflict(
            "name",
            f"名称“{name}”是{named.district}，与{where_zh}不符，请改正名称或{fix_zh} / the name {name!r} is the"
            f" district {named.district}, but the site is placed in {where_en}: correct the name or the {fix_en}",
        )

    def _own_district(self, name: str, district: str) -> str:
        """A district site written short inside its city (集美 in 厦门市, as the 厦门 plan writes it: 集美、同安、翔安)
        is that district (集美区); otherwise the district as written."""
        city = self._named(district)
        own = _OFFICE.sub("", name)
        named = self._named(own)
        if city is None or city[1] is not None or named is None or named[1] is None or named[0] is not city[0]:
            return district
        return own

    def _same_township(self, name: str, written: str, place: Place) -> None:
        """A township site named after a township the table knows (岳峰镇) other than the one its attributes.township
        gives (日溪乡) contradicts itself, as a name and a code naming different townships do: refused, never settled
        by one of them. A name the table does not know (宦溪镇中心小学片区) says nothing here."""
        normal = normal_name(_OFFICE.sub("", name.strip()), self._prefixes, self._fold)
        homes = self._township_homes.get(normal, [])
        if not homes:
            return
        own = self._townships.get(place.township_code)
        if own is not None and normal in name_forms(normal_name(own.name, self._prefixes, self._fold), TOWNSHIP_LEVELS):
            return
        known = "、".join(f"{d.name}{t}" for d, t in ((d, self._township_in(d, normal)) for d in homes))
        raise PlaceConflict(
            "township",
            f"名称“{name}”是乡镇{known}，与所填乡镇（township）“{written}”不符，请改正其一 / the name {name!r} is the"
            f" township {known}, but its township is {written!r}: they name different places; correct one of them",
        )

    def _township_in(self, district: District, normal: str) -> str:
        """The table's name of the township of `district` that a normal name is (灌口 -> 灌口镇)."""
        for township in district.townships:
            if normal in name_forms(normal_name(township.name, self._prefixes, self._fold), TOWNSHIP_LEVELS):
                return township.name
        return normal

    def site(self, site: Site) -> tuple[Site, tuple[str, ...]]:
        """The site with its place resolved: district, township (attributes) and admin_code filled from each
        other, and the name of a division site given only by code; and what the table did not know."""
        written = _one_township(site.attributes.get("township", ""))
        place, name = self.resolve(site.kind, site.name, site.admin_code, site.district, written)
        attributes = dict(site.attributes)
        if place.township:
            attributes["township"] = place.township
        update = {"admin_code": place.admin_code, "district": place.district, "attributes": attributes, "name": name}
        return site.model_copy(update=update), place.warnings


def _one_township(written: object) -> str:
    """A site's township as written: one name (text); a list (寿山乡、日溪乡 for a site spanning two) or a number
    is refused, never kept as its Python spelling."""
    if isinstance(written, str):
        return written
    if isinstance(written, float) and written.is_integer():
        written = int(written)  # 123 as written, not 123.0
    shown = "、".join(str(item) for item in written) if isinstance(written, list) else str(written)
    raise PlaceConflict(
        "township",
        f"应为一个乡镇名称（文字），得到“{shown}”；跨乡镇的站点请按乡镇分别填报 / expected one township name (text),"
        f" got {shown!r}: a site spanning townships is filed once per township",
    )


_LEVELS = {"city": ("市", "a city's"), "district": ("区县", "a district's"), "township": ("乡镇", "a township's")}


def _level_fits(kind: str, admin_code: str) -> None:
    """A division site's code is not of a level below its own: 350211 (集美区) is no 市, 350211102201 (a village) no 区
    or 镇. The code of the area it lies in (350111 for 日溪乡) is fine, as for a site of any other kind."""
    if kind not in _LEVELS or not admin_code.strip():
        return
    code = normal_code(admin_code)
    level = "city" if len(code) == 6 and code[4:6] == "00" else {6: "district", 9: "township"}.get(len(code), "village")
    order = ("city", "district", "township", "village")
    if order.index(level) <= order.index(kind):
        return
    zh, en = _LEVELS.get(level, ("村", "a village's"))
    raise PlaceConflict(
        "admin_code",
        f"行政区划代码 {code} 是{zh}代码，与站点类型（{_LEVELS[kind][0]}）不符，请改正其一 / admin_code {code} is {en}"
        f" code, but the site's kind is {kind}: correct one of them",
    )


def _code_in(field: str, written: str, admin_code: str) -> str:
    """The admin code, given a code written in the district or township column instead of a name."""
    if not written.strip().isdigit():
        return admin_code
    code, other = normal_code(admin_code), normal_code(written)
    if code.startswith(other) or other.startswith(code):
        return other if len(other) > len(code) else admin_code
    raise PlaceConflict(field, f"{field} {written.strip()} and admin_code {admin_code.strip()} are different places")


def _english_key(name: str) -> str:
    """An English name as compared: case, apostrophes (Jin'an, Jin’an, Jinan) and spacing ignored."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.sub("['‘’`´]", "", folded).split())


def _code_of(named: tuple[City, District | None] | None) -> str:
    if named is None:
        return ""
    return f" ({named[1].code if named[1] is not None else named[0].code})"


def _agree(code: str, named: tuple[City, District | None] | None) -> bool:
    """Whether a code and a district (or city) name can be one place: one's code is a prefix of the other's."""
    if not code:
        return True
    if named is None:
        return False
    name_key = named[1].code if named[1] is not None else named[0].code[:4]
    code_key = code[:4] if len(code) == 6 and code.endswith("00") else code
    return code_key.startswith(name_key) or name_key.startswith(code_key)


def divisions_file(rules_dir: Path, shipped: Path) -> Path:
    """The pack's own division table, or the shipped one (places are the same whatever the rules)."""
    own = rules_dir / DIVISIONS
    return own if own.is_file() else shipped / DIVISIONS


_INDEXED: dict[int, tuple[DivisionTable, Divisions]] = {}


def divisions_of(table: DivisionTable) -> Divisions:
    """The index of a table, built once per table (a pack's table lives as long as the pack)."""
    kept = _INDEXED.get(id(table))
    if kept is None or kept[0] is not table:
        kept = _INDEXED[id(table)] = (table, Divisions(table))
    return kept[1]
