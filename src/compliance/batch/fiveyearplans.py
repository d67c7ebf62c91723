"""A five-year plan named in a table's title (“十三五”期末, 十四五期间, 十四五): the years its figures are of.

County forms are titled by the plan period. 晋安区“十三五”期末农村人居环境统计表 holds the figures at the plan's end,
of its last year (2020), as a title naming 2020年 dates them (`dating`). 十四五期间 — or 十四五 alone, 十四五时期,
十四五以来 — is the span 2021–2025, no one year's figures, so it is read as a title naming 2021-2025年 is: over undated
columns the batch stops, asking which year. A title naming a year inside the span as well (“十四五”2024年度…) is
dated by that year; a year outside it, or a plan's end beside another year, is two years and stops the batch.
"""

from __future__ import annotations

import re

from compliance.model.periods import years_named

_PLAN = re.compile(
    r"(?<![一二三四五六七八九十百千万\d])[“\"「『‘']?\s*十\s*(?P<nth>[一二三四五])\s*五\s*[”\"」』’']?\s*(?:规划)?\s*"
    r"(?P<end>期末|末期|末|收官之?年)?"
)
"""十一五 … 十五五, quoted or not (“十三五”), with its end (期末, 末, 收官年) when named."""
_NTH = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15}


def _span(found: re.Match[str]) -> tuple[int, int]:
    """The first and last years of the plan `found` names: the 6th was 1981–1985, and each since five years on."""
    first = 1981 + 5 * (_NTH[found["nth"]] - 6)
    return first, first + 4


def with_plan_years(text: str) -> str:
    """`text` (a title, folded: `columns.title_text`) with the years of each five-year plan it names written after
    it: 十三五期末（2020年）, 十四五期间（2021-2025年）; a span alone where the title names a year inside it too."""
    written = [int(year) for year in years_named(_PLAN.sub(" ", text))]

    def years(found: re.Match[str]) -> str:
        first, last = _span(found)
        if found["end"]:
            return f"{found.group(0)}（{last}年）"
        if written and all(first <= year <= last for year in written):
            return found.group(0)
        return f"{found.group(0)}（{first}-{last}年）"

    return _PLAN.sub(years, text)


def plans_named(text: str) -> str:
    """What the five-year plans a title names are (“十四五”期间 = 2021-2025年), to say why it names several years."""
    said = []
    for found in _PLAN.finditer(text):
        first, last = _span(found)
        said.append(
            f"{found.group(0).strip()} = {last}年" if found["end"] else f"{found.group(0).strip()} = {first}-{last}年"
        )
    return "、".join(dict.fromkeys(said))
