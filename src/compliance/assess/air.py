"""Air quality from daily data: a year's statistic (HJ 663 mean or percentile) and 优良天数比例 from each day's
AQI (HJ 633: good when every pollutant is at or below its index-100 breakpoint of the edition in force that day).

A year too short of daily values (GB 3095 data validity, as the pack states it) has no statistic. A day
missing a pollutant is undecided unless the pollutants given already make it not good; a year with such a
day has no share.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from compliance.model.standards import DailyValidity, GoodDaysShare, GoodLimit, PeriodStatistic

STATISTIC_DIGITS = 6


@dataclass(frozen=True)
class YearFigure:
    year: str
    value: float | None
    """None: the year is short of daily values (`short`) or has days without an AQI (`undecided`)."""
    days: int
    short: tuple[str, ...]
    """`2025` when the year has too few days; months with too few, as `2025-02`."""
    last: str
    """The last day with a value."""
    undecided: tuple[str, ...] = ()
    good: int = 0


@dataclass(frozen=True)
class StatisticResult:
    derivation: PeriodStatistic
    years: tuple[YearFigure, ...]


@dataclass(frozen=True)
class DayIndex:
    day: str
    good: bool | None
    over: tuple[tuple[str, float, GoodLimit], ...]
    """Pollutants above their good limit: (metric, concentration, limit)."""
    missing: tuple[str, ...]
    editions: tuple[str, ...]


@dataclass(frozen=True)
class GoodDaysResult:
    derivation: GoodDaysShare
    days: tuple[DayIndex, ...]
    years: tuple[YearFigure, ...]


def hj663_percentile(values: list[float], p: float) -> float:
    """HJ 663: sort ascending, k = 1 + (n − 1)·p/100, interpolate between the k-th values (numpy's `linear`)."""
    ordered = sorted(values)
    k = 1 + (len(ordered) - 1) * p / 100.0
    s = math.floor(k)
    if s >= len(ordered):
        return ordered[-1]
    return ordered[s - 1] + (ordered[s] - ordered[s - 1]) * (k - s)


def short_of(validity: DailyValidity, year: str, days: list[str]) -> tuple[str, ...]:
    """The year (too few days in all) and its months with too few days, by the pack's validity rule."""
    per_month = Counter(day[:7] for day in days)
    short = [year] if len(days) < validity.per_year else []
    for month in range(1, 13):
        key = f"{year}-{month:02d}"
        wanted = validity.per_february if month == 2 else validity.per_month
        if per_month[key] < wanted:
            short.append(key)
    return tuple(short)


def derive_statistic(derivation: PeriodStatistic, daily: Mapping[str, float]) -> StatisticResult:
    years = []
    for year in sorted({day[:4] for day in daily}):
        days = sorted(day for day in daily if day[:4] == year)
        values = [daily[day] for day in days]
        short = short_of(derivation.validity, year, days)
        if short:
            figure = None
        elif derivation.statistic == "mean":
            figure = round(sum(values) / len(values), STATISTIC_DIGITS)
        else:
            figure = round(hj663_percentile(values, derivation.percentile or 0.0), STATISTIC_DIGITS)
        years.append(YearFigure(year, figure, len(days), short, days[-1]))
    return StatisticResult(derivation, tuple(years))


def _in_force(derivation: GoodDaysShare, metric: str, day: dt.date) -> GoodLimit | None:
    for limit in derivation.limits:
        if limit.metric == metric and derivation.citations[limit.cite].in_force(day):
            return limit
    return None


def day_index(derivation: GoodDaysShare, day: str, concentrations: Mapping[str, float]) -> DayIndex:
    """Whether a day is good: every pollutant at or below its limit in force that day (None: a pollutant is
    missing and the others are all good); `over` names the pollutants above their limits."""
    date = dt.date.fromisoformat(day)
    pollutants = list(dict.fromkeys(limit.metric for limit in derivation.limits))
    over: list[tuple[str, float, GoodLimit]] = []
    missing: list[str] = []
    editions: list[str] = []
    for metric in pollutants:
        limit = _in_force(derivation, metric, date)
        if limit is None or metric not in concentrations:
            missing.append(metric)
            continue
        editions.append(derivation.citations[limit.cite].standard)
        if concentrations[metric] > limit.at_most:
            over.append((metric, concentrations[metric], limit))
    good = None if missing and not over else not over
    return DayIndex(day, good, tuple(over), tuple(missing), tuple(dict.fromkeys(editions)))


def derive_good_days(derivation: GoodDaysShare, series: Mapping[str, Mapping[str, float]]) -> GoodDaysResult:
    all_days = sorted({day for values in series.values() for day in values})
    days = [day_index(derivation, day, {m: v[day] for m, v in series.items() if day in v}) for day in all_days]
    years = []
    for year in sorted({day[:4] for day in all_days}):
        of_year = [d for d in days if d.day[:4] == year]
        short = short_of(derivation.validity, year, [d.day for d in of_year])
        undecided = tuple(d.day for d in of_year if d.good is None)
        good = sum(1 for d in of_year if d.good)
        share = None if short or undecided else round(good / len(of_year) * 100.0, STATISTIC_DIGITS)
        years.append(YearFigure(year, share, len(of_year), short, of_year[-1].day, undecided, good))
    return GoodDaysResult(derivation, tuple(days), tuple(years))
