"""Words naming when figures are of: a table's column (年份, 统计年度, 年份（年）, year) or a site attribute
(`site.attributes.年份: 2023`) saying which year or date the figures are of, not when the form was filled (填报日期).

Neither is read: a batch row's cells and a facts file's undated values are taken as the figures now, so such a
column stops the batch and such an attribute beside undated facts refuses the file (`siteattributes`), asking for the
figures by period (指标[2023], `series: {2023: …}`) or with `observed_on`, rather than judge 2022's figures as 2025's.
"""

from __future__ import annotations

import re
import unicodedata

_BRACKETED = re.compile(r"[（(\[【][^（()）\]】]*[）)\]】]")
"""A bracket after the word, its unit or a note (年份（年）, 年度(年), year [yyyy]): taken off before reading it."""
_WORD = re.compile(
    r"^(?:年|年份|年度|月份|年月|年月份|时期|期间|期末|时点|报告期|统计期|日期|时间"
    r"|years?|yr|period|date|reporting(?:year|period)|fiscalyear|statisticalyear)$"
)
"""A year or period word alone (年, 年份（年）, 时期, 期间, year, Year, YEAR; spaces inside ignored: 年 份)."""
_ENDING = re.compile(r"^.{1,8}(?:年度|年份)$")
"""A word ending in 年度 or 年份 (自查年度, 检查年度, 评估年度, 填报年度, 建成年份): a year, that of the figures or of
something the figures may be taken for."""
_PREFIXED = re.compile(
    r"(?:截止|截至|观测|监测|统计|数据|所属|考核|调查|核查)(?:日期|时间|年度|年份|年月|时点|周期|节点|期)|数据截[至止]"
    r"|^(?:截止|截至|观测|监测|统计|数据|所属|考核|调查|核查|自查|检查|评估|填报)年$"
)
"""A word saying when the figures are of (统计截止日期, 所属期, 考核年度, 统计时点, 统计年), not when the form was
filled (填报日期)."""


def names_a_period(title: str) -> bool:
    """Whether a column's header or an attribute's key names the year, period or date the figures are of (年份,
    年份（年）, 年 份, 统计年度, 自查年度, 所属期, 统计截止日期, year), after its brackets and spaces are taken off."""
    word = "".join(_BRACKETED.sub("", unicodedata.normalize("NFKC", title)).split()).lower()
    return bool(word) and bool(_WORD.match(word) or _ENDING.match(word) or _PREFIXED.search(word))


COLUMN_PROBLEM = (
    "a column of the date the figures are of is not read, so they would be taken as the figures now: give them by"
    " period (指标[2024]), or drop the column if they are this year's / 数据日期列不能逐行读取，请按时期填写各列"
)
"""Why a batch stops on a column naming the year or date its figures are of."""
