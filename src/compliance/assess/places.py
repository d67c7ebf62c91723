"""Which place named by a plan a site is: the fact `named_place`, read from the site's names when not given."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compliance.assess.nearnames import latin_resembles, resembles, same_ending
from compliance.assess.unnamed import is_name, unnamed_basis
from compliance.model.division import DISTRICT_LEVELS, DivisionTable, name_forms
from compliance.model.facts import Facts, Notice, Observation, Provenance, Site
from compliance.model.gazetteer import NO_PLACE, PLACE_METRIC, Gazetteer, Place
from compliance.model.names import normal_name, prefixes_of
from compliance.model.plan import Plan, RulePack

_DIVISIONS = ("city", "district", "township", "village")
"""Kinds of site that are a division: read from the division table, never as another kind's place by name."""

WITHIN_KINDS = ("township", "village")
"""Kinds a named division (a district with its code) is read for by where the site lies, not by its name: a
clause naming a whole district (集美区整区建成美丽乡村) reaches the villages and townships in it."""


_QUALIFIER = re.compile(r"\s*[（(][^（）()]*(?:段|期|片区|片|区域)[）)]\s*")
"""A bracketed qualifier naming a part (汀溪（同安段）, a reach of 汀溪; （二期）): the place is the name before it. Any
other bracket (（周边）, （拟建）) is part of the name, so at most close to a place."""
_CJK = re.compile("[\u3400-\u9fff]")
"""A Chinese character: the plans name their places in Chinese."""


@dataclass(frozen=True)
class PlaceReading:
    """The named place a site is (a gazetteer name or `none`), or None when unsure; `near`: places it resembles."""

    value: str | None
    basis_zh: str
    basis_en: str
    near: tuple[str, ...] = field(default=())
    sure: bool = False
    """Read from the division code (a village of 集美区, the district 350211) or from a name that is the place's own
    (日溪乡): a stated place may not contradict it. A reading by a name matching no place is not sure of it."""

    def advice(self) -> tuple[str, str]:
        """The warning (zh, en) for an unsure reading: why, and how to settle it (a close name's aliases or the
        fact stated; an unknown district's reading says itself what to fill)."""
        if not self.near:
            return self.basis_zh, self.basis_en
        zh = (
            f"{self.basis_zh}：如为同一地点，请在 aliases 中填写 {'、'.join(self.near)}，或填写“规划点名地点”"
            "（named_place）；都不是则填“无”"
        )
        en = (
            f"{self.basis_en}: if it is, add {', '.join(self.near)} to aliases or state named_place;"
            " if it is none of them, state named_place: none"
        )
        return zh, en


class PlaceReader:
    """Reads sites' names against the places of a gazetteer, by kind."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        prefixes: tuple[str, ...],
        table: DivisionTable | None = None,
        kind_names: dict[str, tuple[str, str]] | None = None,
        plans: dict[str, Plan] | None = None,
    ) -> None:
        """`prefixes`: the province, city and district names people put before a place's name (`prefixes_of`);
        `table`: the division table, whose district codes are the known ones (a code naming none has no district);
        `kind_names`: each kind's Chinese and English name, to say which kinds a place is read as; `plans`: the
        plans, whose places are read for a site their jurisdiction holds (`_home`)."""
        self._prefixes = prefixes
        self._plans = plans or {}
        self._fold = table.folding() if table is not None else {}
        """Traditional forms of place names' characters (壽山鄉 is 寿山乡), from the division table."""
        self.kind_names = kind_names or {}
        cities = table.cities if table is not None else []
        self._districts = frozenset(district.code for city in cities for district in city.districts)
        self._townships = frozenset(
            t.code for city in cities for district in city.districts for t in district.townships
        )
        self._year = table.year if table is not None else 0
        self._district_names = frozenset(
            spelling
            for city in cities
            for district in city.districts
            for spelling in name_forms(district.name, DISTRICT_LEVELS)
        )
        """The table's districts as people name them (思明区, 思明): a district site so named is a known one."""
        self._by_kind: dict[str, list[tuple[Place, set[str]]]] = {}
        self._within: dict[str, list[Place]] = {}
        """Divisions (places with a code) a township or village lies in: read from its code alone."""
        for place in gazetteer.places:
            keys = {normal_name(n, prefixes, self._fold) for n in (place.name, *place.aliases, place.name_en) if n}
            for kind in place.kinds:
                if place.admin_code and kind in WITHIN_KINDS:
                    self._within.setdefault(kind, []).append(place)
                else:
                    self._by_kind.setdefault(kind, []).append((place, keys))
        self._listed = [place for entries in self._by_kind.values() for place, _ in entries]
        self._keyed: dict[str, list[int]] = {}
        """Where each name key's places stand in `_listed` (`_by_kind`'s places, kind after kind), to find a name."""
        for at, (_, keys) in enumerate(entry for entries in self._by_kind.values() for entry in entries):
            for key in keys:
                self._keyed.setdefault(key, []).append(at)
        self._named_districts = [place.name for place, _ in self._by_kind.get("district", []) if place.admin_code]
        """The districts the plans name (集美区 …): a district site is one of them, plainly none, or unsure."""

    @classmethod
    def of(cls, pack: RulePack) -> PlaceReader:
        """The reader of a rule pack's places, with its division table and its kinds' names."""
        kind_names = {kind.id: (kind.name_zh, kind.name_en) for kind in pack.catalogue.kinds}
        prefixes = prefixes_of(pack.divisions, pack.plans.values())
        return cls(pack.gazetteer, prefixes, pack.divisions, kind_names, pack.plans)

    def _home(self, site: Site) -> frozenset[str] | None:
        """The plans whose jurisdiction holds the site (by code or district name); None for none (a site outside
        every plan may still be a place one names, 枋洋水利枢纽工程 in 长泰区). A place only another plan names is
        never the site: 翔安区's 新店 is not 晋安's 新店镇, 鼓浪屿 is not close to 鼓山."""
        code, district = site.admin_code, site.district
        home = frozenset(
            plan.id
            for plan in self._plans.values()
            if (code and code.startswith(tuple(plan.jurisdiction.admin_codes)))
            or (district and district in plan.jurisdiction.names)
        )
        return home or None

    def _places(self, kind: str, home: frozenset[str] | None) -> list[tuple[Place, set[str]]]:
        """The named places of `kind` with their name keys, those of the `home` plans only when known."""
        return [(p, keys) for p, keys in self._by_kind.get(kind, []) if home is None or p.plan in home]

    def has_places(self, kind: str) -> bool:
        return kind in self._by_kind or kind in self._within

    def by_code_only(self, kind: str) -> bool:
        """Whether a site of `kind` is read from its admin code alone (only divisions it may lie in are named)."""
        return kind in self._within and kind not in self._by_kind

    def unsure_by(self, site: Site) -> str:
        """What leaves a site unsure of its named place (`reasons.missing`): its district, its township (one the
        division table does not know) or its name (a district site is unsure only when the table does not know it)."""
        if site.kind == "district" or self.by_code_only(site.kind):
            return "district"
        named = any(is_name(n, site.id) for n in self.names_of(site))
        return "township" if self._unknown_township(site) else "name" if named else "unnamed"

    def _unknown_township(self, site: Site) -> bool:
        """A township site the division table does not list, in a district it covers or in none stated (北峰, 岭头乡):
        which township it is is not known, so it is not "none of the townships a plan names"."""
        if site.kind != "township" or not self._townships:
            return False
        code = site.admin_code
        return code[:9] not in self._townships and (code[:6] in self._districts or not (code or site.district))

    def fill(self, facts: Facts, plans: list[str] | None = None) -> tuple[Facts, list[Notice]]:
        """The facts with `named_place` read from the site's names when the kind has named places and none is
        given; a name close to a place but not matched leaves it missing, with a warning saying how to fill it. A
        stated place that a sure reading contradicts (无 for a village of 集美区, which the plan names whole, or for a
        site named 日溪乡) gives way to the reading, with a warning."""
        site = facts.site
        stated = facts.observations.get(PLACE_METRIC)
        if not self.has_places(site.kind):
            return facts, []
        reading = self.read(site, plans)
        if stated is not None:
            if not reading.sure or reading.value is None or reading.value == stated.value:
                return facts, []
            given, found = (_shown(str(v)) for v in (stated.value, reading.value))
            notice = Notice(
                text_zh=f"规划点名地点填为“{given}”，与站点所在区或名称不符：{reading.basis_zh}为 {found}，按此评估",
                text_en=f"named_place is stated as {stated.value!r}, but its division or name says otherwise: "
                f"{reading.basis_en} it is {reading.value}, which is assessed",
            )
            return _placed(facts, reading), [notice]
        if reading.value is None:
            zh, en = reading.advice()
            return facts, [Notice(text_zh=zh, text_en=en)]
        return _placed(facts, reading), []

    def read(self, site: Site, plans: list[str] | None = None) -> PlaceReading:
        """The named place the site is, among the places of `plans` (those it is assessed against), else of the
        plans whose area holds it."""
        shown = "、".join(names := [n for n in self.names_of(site) if is_name(n, site.id)])
        home = frozenset(plans) if plans else self._home(site)
        own = self._places(site.kind, home)
        normals = [normal_name(n, self._prefixes, self._fold) for n in names]
        for place, keys in own:
            by_code = place.admin_code and site.admin_code.startswith(place.admin_code)
            if by_code or not keys.isdisjoint(normals):
                if not by_code and (other := _other_section(names, place)) is not None:
                    return other
                how_zh = f"行政区划代码 {site.admin_code}" if by_code else f"名称“{shown}”"
                how_en = f"admin code {site.admin_code}" if by_code else f"name {shown!r}"
                return PlaceReading(place.name, f"按{how_zh}认定", f"from its {how_en}", sure=True)
        if site.kind in self._within:
            within = [p for p in self._within[site.kind] if home is None or p.plan in home]
            inside = self._inside(site, within, self._districts)
            if inside is not None:
                return inside
            if self.by_code_only(site.kind) and site.admin_code[:6] in self._districts:  # a village of 思明区
                code = site.admin_code
                return PlaceReading(
                    NO_PLACE,
                    f"按所在区（行政区划代码 {code}）认定",
                    f"from the district of its admin code {code}",
                    sure=True,
                )
        if site.kind == "township" and (code := site.admin_code[:9]) in self._townships:  # 岳峰镇, by code or name
            zh, en = f"{shown}，行政区划代码 {code}，不是规划点名的乡镇", f"{shown}, admin code {code}, is no named one"
            return PlaceReading(NO_PLACE, f"按区划表认定（{zh}）", f"from the division table ({en})", sure=True)
        if site.kind == "district" and self._named_districts:  # a district the table knows, or unsure; never "close"
            if not self._known_district(site, names):
                return _unknown_district(shown, self._named_districts)
            return PlaceReading(
                NO_PLACE,
                f"按区划表认定（{shown}不是规划点名的区）",
                f"from the division table ({shown} is none of the districts the plans name)",
                sure=True,
            )
        if not names:
            return PlaceReading(None, *unnamed_basis(site))
        near = tuple(place.name for place, keys in own if resembles(normals, keys))
        latin = not any(_CJK.search(name) for name in names)
        if latin and not near:
            # A name in Latin letters only (English, pinyin): close when it shares a place's own word (Fuxing).
            near = tuple(place.name for place, _ in own if latin_resembles(names, place))
        if near:  # a Latin-letter name has no Chinese name to compare; a Chinese one is close to the place's
            listed, among, named = "、".join(near), " 之一" if latin and len(near) > 1 else "", " or ".join(near)
            zh = f"没有中文名，不能确认是否为 {listed}{among}" if latin else f"与 {listed} 相近，不能确认是否同一地点"
            en = f"has no Chinese name, so whether it is {named}" if latin else f"is close to {', '.join(near)}, so"
            en += "" if latin else " whether it is that place"
            return PlaceReading(None, f"名称“{shown}”{zh}", f"its name {shown!r} {en} is unsure", near)
        if self._unknown_township(site):
            return self._township_unknown(site, own)
        if not latin and (elsewhere := self._near_other_kinds(site, home)) is not None:
            return elsewhere
        return PlaceReading(NO_PLACE, f"按名称“{shown}”认定", f"from its name {shown!r}")

    def _near_other_kinds(self, site: Site, home: frozenset[str] | None) -> PlaceReading | None:
        """A site whose own names are close to a place the plans name as other kinds only, ending in the same word
        for what kind of place it is (大嶝岛海域 filed as a 水体, close to the 海湾 大嶝海域, both 海域; not a 项目 in
        福兴经济开发区, nor 汀溪水库 by the river 汀溪): unsure, never "no named place", so the duties of its kind's
        named places stay undecided until it is refiled under the place's kind or stated none. An exact name is
        refused instead (`applicability.misfiled`); a division site is never read so (日溪乡 is no river)."""
        if site.kind in _DIVISIONS:
            return None
        own = [n for n in (site.name, site.name_en, *site.aliases) if n.strip()]
        own += [_QUALIFIER.sub("", n) for n in own if _QUALIFIER.search(n)]
        normals = [normal_name(n, self._prefixes, self._fold) for n in own]
        near: dict[str, Place] = {}
        for kind in self._by_kind:
            for place, keys in self._places(kind, home):
                if site.kind in place.kinds or set(place.kinds) <= set(_DIVISIONS) or place.name in near:
                    continue
                if resembles(normals, keys) and same_ending(normals, keys):
                    near[place.name] = place
        if not near:
            return None
        shown, mine = "、".join(own), self.kind_names.get(site.kind, (site.kind, site.kind))
        said_zh = "；".join(f"{p.name}（按{'/'.join(self._kind(k)[0] for k in p.kinds)}）" for p in near.values())
        said_en = "; ".join(f"{p.name} (as a {' or '.join(self._kind(k)[1] for k in p.kinds)})" for p in near.values())
        return PlaceReading(
            None,
            f"名称“{shown}”与方案按其他类型点名的 {said_zh} 相近，不能确认是否同一地点：如为该地点，请按其类型填报"
            f"（不按{mine[0]}）；都不是则填写“规划点名地点”（named_place）为“无”",
            f"its name {shown!r} is close to {said_en}, which the plan names as another kind than {mine[1]}, so"
            " whether it is that place is unsure: if it is, file it as that kind; if not, state named_place: none",
        )

    def _kind(self, kind: str) -> tuple[str, str]:
        return self.kind_names.get(kind, (kind, kind))

    def naming_plan(self, site: Site) -> Place | None:
        """The named place the site surely is (by its own name or code), whose plan names it wherever it lies
        (枋洋水利枢纽工程, named by 厦门's plan, lies in 漳州市长泰区); None when none or unsure."""
        reading = self.read(site)
        if not reading.sure or reading.value is None or reading.value == NO_PLACE:
            return None
        places = self._places(site.kind, self._home(site))
        return next((place for place, _ in places if place.name == reading.value), None)

    def named_as_other_kinds(self, site: Site) -> Place | None:
        """A place a plan names that the site's own names are, though the site's kind is none the place is read
        as (枋洋水利枢纽工程 filed as a 建设项目; the plan asks of it as a 水库, 水源地 or 供水工程); None when none."""
        own = [site.name, site.name_en, *site.aliases]  # not its groups: a site grouped under a place is part of it
        own += [_QUALIFIER.sub("", n) for n in own if _QUALIFIER.search(n)]
        names = {normal_name(n, self._prefixes, self._fold) for n in own if n.strip()} - {""}
        found = sorted(at for name in names for at in self._keyed.get(name, ()))  # in the order of `_by_kind`
        return next((self._listed[at] for at in found if site.kind not in self._listed[at].kinds), None)

    def _township_unknown(self, site: Site, own: list[tuple[Place, set[str]]]) -> PlaceReading:
        """A township site whose township the division table does not list: unsure whether it is a named one."""
        written, where = str(site.attributes.get("township") or site.name), site.district or "所在区"
        places = [place.name for place, _ in own]
        return PlaceReading(
            None,
            f"乡镇（township）“{written}”不在{self._year}年区划表的{where}中，未能识别，不能确认是否为"
            f" {'、'.join(places)} 之一：请按区划表填写乡镇名称或行政区划代码，或填写“规划点名地点”（named_place）",
            f"the township {written!r} is not in the {self._year} division table"
            f"{f' for {site.district}' if site.district else ''}, so whether it is one of {', '.join(places)} is"
            " unsure: write the township as the table names it, or its admin code, or state named_place",
        )

    def is_district_name(self, name: str) -> bool:
        """Whether `name` is a district the division table knows, as people name it (思明区, 思明)."""
        return normal_name(name, self._prefixes, self._fold) in self._district_names

    def _known_district(self, site: Site, names: list[str]) -> bool:
        """Whether a district site is one the division table knows, by its code or by one of its names."""
        if site.admin_code[:6] in self._districts:
            return True
        return any(normal_name(name, self._prefixes, self._fold) in self._district_names for name in names)

    @staticmethod
    def _inside(site: Site, divisions: list[Place], table: frozenset[str]) -> PlaceReading | None:
        """The division a township or village lies in, by its code (filled from its district and township names
        when the facts are read); no code (a district the division table does not know), one that stops at the city
        of a named division, or one whose district the table lacks (350299…), leaves it unknown."""
        code = site.admin_code
        for place in divisions:
            if code.startswith(place.admin_code):
                return PlaceReading(
                    place.name,
                    f"按所在区（行政区划代码 {code}）认定",
                    f"from the district of its admin code {code}",
                    sure=True,
                )
        same_city = [p.name for p in divisions if not code or code[:4] == p.admin_code[:4]]
        if same_city and (len(code) < 6 or code[4:6] == "00" or (table and code[:6] not in table)):
            listed, known = "、".join(same_city), site.district or code
            return PlaceReading(
                None,
                f"所在区不明（{f'只知道{known}' if known else '未填写'}），不能确认是否位于 {listed}：请填写所在区或"
                "行政区划代码",
                f"its district is unknown ({f'only {known}' if known else 'not stated'}), so whether it lies in"
                f" {', '.join(same_city)} is unsure: state its district or admin code",
            )
        return None

    @staticmethod
    def names_of(site: Site) -> list[str]:
        """The names a site goes by: its name, aliases and groups, and its district or township for those kinds."""
        names = [site.name, site.name_en, *site.aliases, *site.groups]
        if site.kind == "district" and site.district:
            names.append(site.district)
        township = site.attributes.get("township")
        if site.kind == "township" and isinstance(township, str) and township:
            names.append(township)
        names += [_QUALIFIER.sub("", n) for n in names if _QUALIFIER.search(n)]  # 汀溪（同安段） is 汀溪
        return list(dict.fromkeys(n for n in names if n.strip()))


_SECTION = re.compile(r"^(.*?)\s*[（(]([^（）()]*)段[）)]\s*$")
"""A reach named by its section in brackets: 光明港（晋安段） is 光明港's section in 晋安."""


def _section(name: str) -> tuple[str, str] | None:
    """The river and the section a bracketed reach names (光明港（鼓楼段） → 光明港, 鼓楼), the section without 区."""
    match = _SECTION.match(name.strip())
    return (match.group(1), match.group(2).removesuffix("区")) if match else None


def _other_section(names: list[str], place: Place) -> PlaceReading | None:
    """A site whose own name brackets another section of the same river than the place does (光明港（鼓楼段）,
    not the plan's 光明港（晋安段）) is not that place: the bracket says which reach it is, never dropped."""
    wanted = [s for s in map(_section, (place.name, *place.aliases)) if s is not None]
    for name in names:
        own = _section(name)
        if own is None or not any(river == own[0] for river, _ in wanted):
            continue
        if all(section != own[1] for river, section in wanted if river == own[0]):
            return PlaceReading(
                NO_PLACE,
                f"按名称“{name}”认定（{own[1]}段不是规划点名的 {place.name}）",
                f"from its name {name!r} (the {own[1]} section is not {place.name}, the reach the plan names)",
                sure=True,
            )
    return None


def _shown(value: str) -> str:
    """A place as the Chinese warning shows it: none as 无."""
    return "无" if value == NO_PLACE else value


def _placed(facts: Facts, reading: PlaceReading) -> Facts:
    observation = Observation(
        metric=PLACE_METRIC,
        value=reading.value,
        provenance=Provenance(source=f"{reading.basis_zh} / {reading.basis_en}"),
    )
    return facts.model_copy(update={"observations": {**facts.observations, PLACE_METRIC: observation}})


def _unknown_district(shown: str, divisions: list[str]) -> PlaceReading:
    """A district site the division table does not know (集每区, a district of another city): whether it is one of
    the districts a plan names is unsure, never a plain no."""
    listed = "、".join(divisions)
    return PlaceReading(
        None,
        f"区名“{shown}”不在区划表中，不能确认是否为 {listed} 之一：请按区划表填写区名或行政区划代码",
        f"the district {shown!r} is not in the division table, so whether it is one of {', '.join(divisions)} is"
        " unsure: write the district as the table names it, or its admin code",
    )
