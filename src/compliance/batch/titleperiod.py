"""The part of a year a table's title names (2025年1-6月, 2025年6月, 2025年上半年, 2025年第二季度, 前三季度,
截至2025年6月底): the figures under it are of that period, not of the whole year.

A title's year dates the undated columns (`dating.columns_of`); a title naming a month, a half or a quarter of
that year dates them at the period's last month (2025-06), as `check` reads `{series: {2025-06: …}}`: a part of
the year, missing data for a yearly target due at the year's end. What names the whole year stays the year:
截至2024年底, 2024年度, 2024年12月, 2024年1-12月.
"""

from __future__ import annotations

import re

from compliance.model.periods import years_named

_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PARTS = re.compile(
    r"(?<![\dA-Za-z])(?:19|20)\d{2}\s*年?\s*(?:[Hh]\s*(?P<h>[12])|(?P<hn>[12])\s*[Hh])(?![A-Za-z\d])"
    r"|(?<![\dA-Za-z])(?:19|20)\d{2}\s*(?:年\s*年中|年中(?:报|期))"
    r"|(?P<half>[上下]|(?<![近前满过多一两几余每]))半年(?:度|报|报表)?(?![以之]?[内来前后])"
    r"|(?:前\s*(?P<first>[一二三1-3])\s*个?|第\s*(?P<nth>[一二三四1-4])\s*|(?<![前第\d])(?P<bare>[一二三四1-4])\s*)季(?:度|报)"
    r"|(?<![A-Za-z\d])[Qq]\s*(?P<q>[1-4])(?![\d])"
    r"|前\s*(?P<firstmonths>\d{1,2}|十[一二]?|[一二两三四五六七八九])\s*个\s*月"
    r"|(?<![\d.])(?:(?P<from>\d{1,2})\s*月?\s*(?:-|–|—|~|～|至|到)\s*)?(?P<month>\d{1,2})\s*月"
    r"|(?<!\d)(?:19|20)\d{2}\s*[-./]\s*(?P<numeric>\d{1,2})(?:\s*[-./]\s*\d{1,2})?(?!\d)"
    r"|(?<![〇零一二三四五六七八九十\d])(?:(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*月?\s*(?:-|–|—|~|～|至|到)\s*)?"
    r"(?P<chinese>十[一二]?|[一二三四五六七八九])\s*月"
)
"""A half (上半年; 半年报, 半年度: the mid-year return; after a year, 2025H1, 2025 H2, 2025年1H, and 年中: 2025年年中,
2025年中报 — only after a year, so a code such as H1 or 年中 in other words is not read), a quarter (第二季度, 二季度,
三季报, 前三季度, Q2), the first months
(前6个月) or a month (6月, 1-6月, 1月至6月, 2025.6.30; in Chinese numerals, 六月, 一至六月, 1-六月) in a title."""

_CHINESE_MONTHS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
    "两": 2,
}


def _last_month(found: re.Match[str]) -> int:
    """The last month of the part of a year `found` names (0 when it names none that can be)."""
    if found["half"] is not None:  # 上半年, or 半年报 alone: the mid-year return
        return 12 if found["half"] == "下" else 6
    if half := found["h"] or found["hn"]:  # 2025H1, 2025年1H
        return 6 * int(half)
    if "年中" in found.group(0):  # 2025年年中, 2025年中报: the mid-year
        return 6
    quarter = found["first"] or found["nth"] or found["bare"] or found["q"]
    if quarter:
        return 3 * _QUARTERS[quarter]
    months = found["chinese"] or found["firstmonths"]
    if months:
        return _CHINESE_MONTHS.get(months) or int(months)
    return int(found["month"] or found["numeric"])


def title_part(text: str) -> tuple[int, str] | None:
    """The last month of the part of a year a title (folded: `columns.title_text`) names, with the words naming it;
    12 where they name the whole year (2024年12月, 1-12月), None where they name none (2024年度, 截至2024年底)."""
    months = [(_last_month(found), found.group(0).strip()) for found in _PARTS.finditer(text)]
    months = [(month, said) for month, said in months if 1 <= month <= 12]
    if not months:
        return None
    latest = max(month for month, _ in months)
    return latest, "、".join(dict.fromkeys(said for _, said in months))


def title_period(year: str, text: str) -> tuple[str, str]:
    """The period a title's figures are of, given the `year` the title (or the sheet's name) gives: the year itself,
    or its month (2025-06) where the title names a part of it; and what it said ('' for the whole year)."""
    part = title_part(text)
    if part is None or (part[0] == 12 and not _names_a_part(part[1])):
        return year, ""
    return f"{year}-{part[0]:02d}", part[1]


def _names_a_part(said: str) -> bool:
    """Whether words whose last month is December name a part of the year (下半年, 第四季度), not all of it (12月)."""
    return "半年" in said or "季" in said or said[:1] in "Qq" or "H" in said.upper()


def part_without_year(text: str) -> str:
    """The words of a title naming a part of a year (第二季度, 1-6月) when it names no year, else ''."""
    part = title_part(text)
    return part[1] if part is not None and (part[0] != 12 or _names_a_part(part[1])) else ""


_UNSAID = re.compile(
    r"季\s*(?:度|报)|月\s*(?:报|度)|[上中下]\s*旬|旬\s*报|周\s*报|第\s*\d{1,2}\s*周|[春夏秋冬]\s*季|半\s*月\s*报|双\s*月\s*报"
)
"""Words naming a part of the year without saying which (季报, 季度报表, 月报, 月度, 旬报, 上旬, 周报, 秋季): the
figures are some quarter's, month's or season's, which cannot be dated, never the year's."""


def unsaid_part(text: str) -> str:
    """The words of a title (folded: `columns.title_text`) naming a part of a year without saying which (2025年季报,
    季度报表, 月报, 秋季) when it names no part that can be dated (2025年第三季度季报 is 2025-09), else ''."""
    if title_part(text) is not None:
        return ""
    return "、".join(dict.fromkeys(found.group(0) for found in _UNSAID.finditer(text)))


def dating(text: str, name_year: str = "") -> tuple[tuple[str, ...], str]:
    """What a sheet's title rows (folded: `columns.title_text`) say its figures are of: the years they name (the
    sheet's name's year, `name_year`, when they name none) and the period (2025, 2025-06), or the part of a year they
    name without one (第二季度); ((), '') when they say nothing of when (no title of its own)."""
    years = years_named(text) or ([name_year] if name_year else [])
    unsaid = unsaid_part(text)
    if len(years) == 1:
        return (years[0],), f"{years[0]}（{unsaid}）" if unsaid else title_period(years[0], text)[0]
    return tuple(years), part_without_year(text) or unsaid
