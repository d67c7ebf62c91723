"""A township's or district's own row named as clerks write it: spaced to align (宦 溪 镇), in traditional characters
(宦溪鎮), or with words after the name (宦溪镇 4个村, 宦溪镇村均, 宦溪镇（4村）).

The division table's names (`rules/divisions.yaml`) are known with their short forms (宦溪), their traditional forms
(from the table's `traditional` characters) and their level words in traditional characters (鎮, 鄉, 區, 縣). A name is
compared without its spaces. In a batch of villages, a name that starts with a township's or district's full name
(宦溪镇…) is a row of that area when the words after it say so (a count, 各村, 村均, 合计, …级); when they end as a
village's name does (宦溪镇岭头村: a village written after its township) it is a village; otherwise it may be either,
and counts as a village missing its figures (never a village assessed, never one dropped).
"""

from __future__ import annotations

import re
from itertools import product

from compliance.model.division import TOWNSHIP_LEVELS, DivisionTable, name_forms

LEVEL_WORDS = ("区", "县", *TOWNSHIP_LEVELS, "區", "縣", "鎮", "鎭", "鄉")
"""The level words of the districts and townships a batch of smaller sites may hold a row for (a city's 市 aside),
simplified and traditional."""
_TOTAL_AFTER = re.compile(
    r"^(?:[\d０-９（(]|[一二三四五六七八九十两]+个|各|所有|所辖|辖区|全部|共[\d一二三四五六七八九十]|平均|合计|小计|总计|汇总|本级)"
    r"|个(?:行政)?村|(?:均|均值|计|計|级|級|汇总|小结|情况)$"
)
"""Words after a township's full name that make the row the township's own: 4个村, 各村平均, 村均, 合计, 镇级."""
_VILLAGE_END = re.compile(r"(?:村|社区|居委会|村委会|居委|居)$")
"""How a village's or community's name ends: 宦溪镇岭头村 is 岭头村 written after its township."""


def packed(name: str) -> str:
    """The name without any spaces (宦 溪 镇, 合　计 aligned by hand)."""
    return "".join(name.split())


def _forms(name: str, traditional: dict[str, list[str]]) -> set[str]:
    """The name in every mix of its simplified and traditional characters (宦溪镇, 宦谿镇, 宦溪鎮, 宦谿鎮)."""
    choices = [[character, *traditional.get(character, [])] for character in name]
    if sum(len(choice) > 1 for choice in choices) > 4:  # a long name of many such characters: its simplest forms
        return {name, "".join(choice[-1] for choice in choices)}
    return {"".join(form) for form in product(*choices)}


def known_areas(table: DivisionTable) -> tuple[frozenset[str], frozenset[str]]:
    """The table's districts and townships by name (with the short forms: 宦溪镇 and 宦溪, and traditional forms:
    宦溪鎮) and by code (350111103, 350111103000, 350111, 350111000000): a row so named or coded in a batch of
    smaller sites is the area's own."""
    traditional: dict[str, list[str]] = {}
    for form, simple in table.traditional.items():
        traditional.setdefault(simple, []).append(form)
    names: set[str] = set()
    codes: set[str] = set()
    for district in (district for city in table.cities for district in city.districts):
        areas = [(district.name, district.code, 6), *((t.name, t.code, 3) for t in district.townships)]
        for name, code, padding in areas:
            for form in _forms(name, traditional):
                names.update(name_forms(form, LEVEL_WORDS))
            codes.update((code, code + "0" * padding))
    return frozenset(names), frozenset(codes)


class AreaNames:
    """Tells a row named after a township or district with words after the name (see the module)."""

    def __init__(self, known: frozenset[str]) -> None:
        self.full = tuple(sorted((name for name in known if name.endswith(LEVEL_WORDS)), key=len, reverse=True))
        self.firsts = frozenset(name[0] for name in self.full)
        by_start: dict[str, list[str]] = {}
        for name in self.full:  # every full name has its level word after at least one character
            by_start.setdefault(name[:2], []).append(name)
        self._by_start = {start: tuple(names) for start, names in by_start.items()}
        """The full names by their first two characters: a row's name is compared with those it starts like."""
        self._whole = frozenset(self.full)

    def candidates(self, names: list[str]) -> set[int]:
        """The rows whose name starts with a township's or district's full name and says more."""
        firsts, by_start, whole = self.firsts, self._by_start, self._whole
        found: set[int] = set()
        for index, name in enumerate(names):
            if name.lstrip()[:1] in firsts:
                name = packed(name)
                starting = by_start.get(name[:2])
                if starting is not None and name.startswith(starting) and name not in whole:
                    found.add(index)
        return found

    def after(self, name: str, member: str) -> str:
        """Why a row whose (packed) `name` is a township's or district's full name with words after it is no village,
        or ''; `member`: the words said of a row that may be either (it counts as a village missing its figures)."""
        area = next((area for area in self.full if name.startswith(area) and len(name) > len(area)), "")
        if not area:
            return ""
        rest = name[len(area) :]
        if _TOTAL_AFTER.search(rest) is not None:
            return (
                f"“{name}”是{area}本身的一行（合计或平均行），不是行政村 / a totals row for {area} ({name!r}: the"
                " township's or district's name with words after it), not a site"
            )
        if _VILLAGE_END.search(rest) is not None:  # 宦溪镇岭头村: a village after its township
            return ""
        return (
            f"“{name}”以{area}开头：可能是该乡镇本身的一行，也可能是行政村，按缺少数据的行政村计；请写村的全名 /"
            f" named {name}, {area} with more: the area's own row or a village, so it {member}; write the village's"
            " full name"
        )
