"""Headers dating their figures in a way no column's period is read: a metric's name with a date or a period that is
neither a year nor a month (2026年上半年油烟达标排放, 截至2026年6月底…, 2026年6月底…, 1-6月…, 十四五期间…), and dated
columns mixing years with months.

A column's period is a year (指标[2026], 2026年指标) or a month (指标[2026-06], 2026年6月指标), as `check` reads a
series. A header holding a metric's name with another date says which figures it holds, so it stops the batch even
beside the metric's own column: kept as an extra there, the figures it holds (a 否 of the first half of 2026) would
be dropped while the other column's are judged.
"""

from __future__ import annotations

import re
import unicodedata

from compliance.model.metric import Metric
from compliance.model.periods import year_named

_WHEN = re.compile(
    r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}年|截[至止]|[年月][底末初]|半年|季度|季报|(?<![a-z])(?:q[1-4]|h[12])"
    r"|\d{1,2}月|[一二三四五六七八九十]{1,2}月|十[一二三四五]五|期间|期末|上一?年|去年|前年"
)
"""A date or period in a header's words beside a metric's name (folded: spaces removed, lower case): a year, a
year-end or month-end (年底, 6月底), a cut-off (截至), a half (上半年), a quarter, months (1-6月), a five-year plan
(十四五期间), last year (上年)."""


def _bare(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def unread_when(title: str, metric: Metric) -> str:
    """What a header holding `metric`'s name with more (`columns.Matcher.named_in`) writes besides the name when it
    says a date or a period (2026年上半年, 截至2026年6月底), '' when it says none (说明, 户数, 排名)."""
    rest = _bare(title).replace(_bare(metric.name_zh), "…", 1).strip("…")
    return rest if _WHEN.search(rest.replace("…", " ")) else ""


def when_problem(title: str, metric: Metric, said: str) -> str:
    """Why a header naming `metric` with a date or period no column's period is read as (`said`) stops the batch."""
    name = metric.name_zh
    year = year_named(title) or "2026"
    return (
        f"names {name} with a date or period ({said}) that is not read as a column's period, so its figures would"
        f" go unread: a column's period is a year ({name}[{year}] or {year}年{name}) or a month ({name}[{year}-06] or"
        f" {year}年6月{name}); a part of a year (上半年, 1-6月), a cut-off or end (截至…, …底) or a span (十四五期间)"
        " is none: head it by the year or month its figures are of, or remove the column / 表头含指标名"
        f"“{name}”和无法读作列时期的时间（{said}），其数值不会被读取：列的时期只能是年份（{name}[{year}]或"
        f"{year}年{name}）或月份（{name}[{year}-06]或{year}年6月{name}），上半年、1-6月、截至…、…底、十四五期间等"
        "都不是：请按数据所属的年份或月份写表头，或删去该列"
    )


def mixed_periods_problem(titles: list[str], series: list[tuple[int, Metric, str]]) -> str:
    """Why dated columns of years beside columns of months stop the batch, naming each as the sheet heads it; '' when
    they do not mix."""
    years = [titles[position] for position, _, period in series if len(period) == 4]
    months = [titles[position] for position, _, period in series if len(period) != 4]
    if not years or not months:
        return ""
    shown_years, shown_months = _shown(years), _shown(months)
    return (
        f"dated columns mix years ({', '.join(map(repr, years[:4]))}{', …' if len(years) > 4 else ''}) and months"
        f" ({', '.join(map(repr, months[:4]))}{', …' if len(months) > 4 else ''}): head every dated column by year"
        " (指标[2025]) or every one by month (指标[2025-11]) / 注明时期的列混用了年份（"
        f"{shown_years}）和月份（{shown_months}）：请全部按年（指标[2025]）或全部按月（指标[2025-11]）填写"
    )


def _shown(titles: list[str]) -> str:
    return "、".join(f"“{title}”" for title in titles[:4]) + ("等" if len(titles) > 4 else "")
