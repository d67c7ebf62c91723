"""Place names compared the way people write them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from compliance.model.division import DivisionTable
from compliance.model.plan import Plan, Requirement

PROVINCES = ("福建省",)
"""Province names people put before a place's name; cities and districts come from the data (see `prefixes_of`)."""


def prefixes_of(divisions: DivisionTable, plans: Iterable[Plan] = ()) -> tuple[str, ...]:
    """The province, city and district names people add to a place's name (福州市福兴经济开发区): the division
    table's cities and districts and the names of the plans' jurisdictions, so a new plan's district is one too.
    Only full names (ending in 省, 市, 区 or 县) count: a short form such as 晋安 also begins 晋安河."""
    names = {*PROVINCES, *(plan_name for plan in plans for plan_name in plan.jurisdiction.names)}
    for city in divisions.cities:
        names.add(city.name)
        names.update(district.name for district in city.districts)
    divisions_only = (name for name in names if name.endswith(_LEVELS))
    return tuple(sorted(divisions_only, key=lambda name: (-len(name), name)))


_LEVELS = ("省", "市", "区", "县")
_SPACE = re.compile(r"[\s\u200b\u3000]+")


def normal_name(name: str, prefixes: tuple[str, ...], fold: Mapping[int, str] | None = None) -> str:
    """The name with full-width forms folded, spaces removed and leading 省/市/区 names dropped; `fold`: the
    division table's traditional forms (`DivisionTable.folding`), so 壽山鄉 is 寿山乡.

    `福州市 福兴经济开发区 `, `福兴经济开发区` and `ＦＵＸＩＮＧ` compare as people mean them; a name that
    is only a district (`集美区`) keeps it.
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name)).lower()
    if fold:
        text = text.translate(fold)
    stripped = True
    while stripped:
        stripped = False
        for prefix in prefixes:
            if text.startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix) :]
                stripped = True
    return text


def within_edits(a: str, b: str, bound: int) -> bool:
    """Whether the Levenshtein distance of `a` and `b` is at most `bound`, for names one slip apart, stopping as soon
    as the answer is no: lengths further apart than the bound, or a row of the table all above it (no later row is
    ever lower than the lowest of the one before)."""
    if abs(len(a) - len(b)) > bound:
        return False
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > bound:
            return False
        previous = current
    return previous[-1] <= bound


def site_key(site_id: str) -> str:
    """A site id as ids are matched (repeats in a batch, attestations): full-width forms folded and case ignored,
    so JA－V－0001, ja-v-0001 and JA-V-0001 are one village typed three ways."""
    text = site_id.strip()
    return text.casefold() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()


def requirement_named(requirements: Iterable[Requirement], text: str) -> Requirement | None:
    """The requirement an id names however it is typed (`site_key`: xm-0-18 and ＸＭ－０－１８ are XM-0-18), or None."""
    key = site_key(text)
    return next((r for r in requirements if site_key(r.id) == key), None)
