"""Periods of a dated series (a year `2021`, a month `2025-01`, a day `2025-06-01`): the one after, and the
ones missing inside a span. Shared by the engine's trend figures and by the reading of a series' value."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from itertools import pairwise


def next_period(period: str) -> str:
    """The period after a year (2021 -> 2022), a month (2025-12 -> 2026-01) or a day (2025-12-31 -> 2026-01-01)."""
    if len(period) == 4:
        return str(int(period) + 1)
    if len(period) == 10:
        return (dt.date.fromisoformat(period) + dt.timedelta(days=1)).isoformat()
    year, month = int(period[:4]), int(period[5:7])
    return f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}"


def holes_of(periods: list[str]) -> list[str]:
    """Periods missing between the first and the latest of `periods` (in order), in order."""
    holes: list[str] = []
    for before, after in pairwise(periods):
        period = next_period(before)
        while period < after:
            holes.append(period)
            period = next_period(period)
    return holes


def period_start(period: str) -> dt.date:
    """The first day of a year (`2021`), a month (`2025-01`) or a day (`2025-06-01`)."""
    if len(period) == 4:
        return dt.date(int(period), 1, 1)
    if len(period) == 7:
        return dt.date(int(period[:4]), int(period[5:7]), 1)
    return dt.date.fromisoformat(period)


def last_day(period: str) -> dt.date:
    """The last day of a year (2025), month (2025-02) or day (2025-02-03) period."""
    if len(period) == 4:
        return dt.date(int(period), 12, 31)
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:7])
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date.fromisoformat(period)


def year_to(periods: list[str], as_of: dt.date | None = None) -> list[str]:
    """The periods (in order) of the year that ends with the latest one: that year alone for years, the twelve
    months to it for months, the 365 days to it for days. What a log's worst period is read over. A year still
    running on `as_of` is not a year of record (2026 on 2026-01-05 is five days): the year to it reaches back over
    the last one ended, as twelve months would, so 2025's breach is not wiped out by 2026's first days."""
    if _running_year(periods[-1], as_of):
        before = str(int(periods[-1]) - 1)
        return [period for period in periods if period >= before]
    latest = periods[-1]
    if as_of is not None and still_running(latest, as_of):  # a month not yet ended is not the latest of record
        latest = last_ended(latest, as_of)
    year_before = _year_before(period_start(latest))
    return [period for period in periods if period_start(period) > year_before]


def recent_year(read: list[str], as_of: dt.date | None = None) -> list[str]:
    """Of the months or days `read` (the year to a log's latest period, `year_to`), those of the year to the last
    one ended by `as_of`: a log that stops earlier is not read over its own old year (a 2025-11 breach of a log
    ending 2026-05 says nothing of 2027), and none left is no value. Years, and without `as_of`, as they are."""
    if as_of is None or not read or len(read[-1]) == 4:
        return read
    year_before = _year_before(period_start(last_ended(read[-1], as_of)))
    return [period for period in read if period_start(period) > year_before]


def opening_holes(read: list[str], as_of: dt.date, since: dt.date | None = None) -> list[str]:
    """The months or days missing before the first of `read` (a log read over the year to the last one ended by
    `as_of`, `recent_year`) from that year's first, or from the first beginning on `since` (its plan's issue) if
    later: a log of June alone says nothing of the eleven months before it."""
    grain = len(read[0])
    first = next_period(_year_before(period_start(last_ended(read[0], as_of))).isoformat()[:grain])
    if since is not None:
        start = since.isoformat()[:grain]
        first = max(first, start if period_start(start) >= since else next_period(start))
    holes: list[str] = []
    while first < read[0]:
        holes.append(first)
        first = next_period(first)
    return holes


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def window_holes(periods: list[str], read: list[str], as_of: dt.date | None = None) -> list[str]:
    """The periods missing inside `read` (the periods of `periods` a worst-period log is read over): its holes, and
    the last ended year where the year to a running one reaches back over it (`year_to`) and the log gives earlier
    years but not that one (2024 and 2026 on 2026-01-05: 2025 is wanted)."""
    holes = holes_of(read)
    if _running_year(periods[-1], as_of):
        before = str(int(periods[-1]) - 1)
        if before not in read and periods[0] < before:
            holes = [before, *holes]
    return holes


def year_ended(as_of: dt.date) -> int:
    """The last year ended by `as_of`: its own on 31 December (the plan's 到2025年底 is inside 2025, and a year-end
    self-inspection reads the whole year), else the year before."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


def _running_year(period: str, as_of: dt.date | None) -> bool:
    return as_of is not None and len(period) == 4 and still_running(period, as_of)


def still_running(period: str, as_of: dt.date) -> bool:
    """Whether `period` has begun but not ended by `as_of` (2026 on 2026-06-30; a year ends on its 31 December,
    `year_ended`; a month or day on the day after)."""
    if len(period) == 4:
        return period_start(period) <= as_of and int(period) > year_ended(as_of)
    return period_start(period) <= as_of < period_start(next_period(period))


def last_ended(sample: str, as_of: dt.date) -> str:
    """The last period like `sample` (a year, a month or a day) that has ended by `as_of`: 2025 on 2026-06-30."""
    if len(sample) == 4:
        return str(year_ended(as_of))
    if len(sample) == 7:
        return f"{as_of.year - 1}-12" if as_of.month == 1 else f"{as_of.year}-{as_of.month - 1:02d}"
    return (as_of - dt.timedelta(days=1)).isoformat()


_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def years_named(name: str) -> list[str]:
    """The years a name gives (2024年数据, 二〇二四年, ２０２４年), sorted."""
    return sorted(set(_YEAR.findall(unicodedata.normalize("NFKC", name).translate(_CHINESE_DIGITS))))


def year_named(name: str) -> str:
    """The one year a name gives (a sheet 2024年, 2024年数据, 二〇二四年), or ''."""
    years = years_named(name)
    return years[0] if len(years) == 1 else ""
