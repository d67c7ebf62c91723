"""单因子评价: a water class from measured parameters, per period and per year, with what decided it.

Each parameter's class is the best class whose limit it meets; the worst parameter decides the period.
A required parameter missing for a period leaves the period undecided unless the parameters present are
already at the worst class (a measured 劣Ⅴ cannot get better). Limits are taken from the edition in force
on the period's last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from compliance.model.periods import last_day
from compliance.model.standards import Citation, ClassLimit, SingleFactorClass, WaterBody

MEAN_DIGITS = 6
"""Decimal places kept of a mean: beyond any reported precision, so 0.5 stays 0.5 and meets a 0.5 limit."""


@dataclass(frozen=True)
class ParameterClass:
    metric: str
    value: float
    rank: int
    """Index into the derivation's classes; len(classes) is the worse class (劣Ⅴ)."""
    limit: ClassLimit
    citation: Citation


@dataclass(frozen=True)
class PeriodClass:
    period: str
    rank: int | None
    """None: undecided (a required parameter is missing and the others do not reach the worse class)."""
    parameters: tuple[ParameterClass, ...]
    missing: tuple[str, ...]
    samples: int = 1
    """How many periods each value is the statistic of (a year's mean of 12 months: 12)."""
    unsampled: tuple[str, ...] = ()
    """Of a year sampled by month or day, the months it was not sampled in: the year is then undecided."""

    @property
    def deciding(self) -> tuple[ParameterClass, ...]:
        """The parameters at the period's class (all of them when every one is at the best class)."""
        return tuple(p for p in self.parameters if p.limit.decides and p.rank == self.rank)

    @property
    def at_least(self) -> int | None:
        """Undecided, the class the parameters given already reach: a missing one can only make it worse (单因子评价,
        the worst decides), so the period is no better. None when decided, or when no parameter is given."""
        if self.rank is not None:
            return None
        return max((p.rank for p in self.parameters if p.limit.decides), default=None)

    @property
    def bounding(self) -> tuple[ParameterClass, ...]:
        """Undecided, the parameters given at the class the period is at least (`at_least`)."""
        at = self.at_least
        return tuple(p for p in self.parameters if p.limit.decides and p.rank == at) if at else ()


@dataclass(frozen=True)
class ClassResult:
    """A derivation's outcome for one site: every period, and every year (the assessment periods)."""

    derivation: SingleFactorClass
    water_body: WaterBody
    periods: tuple[PeriodClass, ...]
    years: tuple[PeriodClass, ...]


def parameter_rank(value: float, limit: ClassLimit, classes: list[str]) -> int:
    """The best class whose limit `value` meets (tied limits give the better class); len(classes) if none."""
    for rank, name in enumerate(classes):
        bound = limit.limits[name]
        if (value >= bound) if limit.direction == ">=" else (value <= bound):
            return rank
    return len(classes)


def limit_in_force(
    derivation: SingleFactorClass, metric: str, water_body: WaterBody, day: dt.date
) -> ClassLimit | None:
    """The metric's limit for this kind of water body in the edition in force on `day`, if the pack has one."""
    for limit in derivation.parameters:
        if limit.metric != metric or limit.water_body not in (None, water_body):
            continue
        if derivation.citations[limit.cite].in_force(day):
            return limit
    return None


def classify(
    derivation: SingleFactorClass,
    period: str,
    values: Mapping[str, float],
    water_body: WaterBody,
    complete: frozenset[str] | None = None,
    samples: int = 1,
) -> PeriodClass:
    """The class of one period from its parameter values (`complete`: those given for every period the values
    sum up; the others count as missing)."""
    day = last_day(period)
    read: list[ParameterClass] = []
    for metric, value in values.items():
        limit = limit_in_force(derivation, metric, water_body, day)
        if limit is None or (complete is not None and metric not in complete):
            continue
        rank = parameter_rank(value, limit, derivation.classes)
        read.append(ParameterClass(metric, value, rank, limit, derivation.citations[limit.cite]))
    present = {p.metric for p in read}
    missing = tuple(m for m in derivation.required if m not in present)
    ranks = [p.rank for p in read if p.limit.decides]
    worst = max(ranks, default=None)
    worse = len(derivation.classes)
    decided = worst if not missing or worst == worse else None
    return PeriodClass(period, decided, tuple(read), missing, samples)


def derive_classes(
    derivation: SingleFactorClass,
    series: Mapping[str, Mapping[str, float]],
    kind: str,
    water_body: WaterBody | None = None,
) -> ClassResult:
    """Every period's class and every year's, from `series` (metric -> period -> value); `water_body`: the column
    read where the site's kind does not say it (a drinking-water source, river or reservoir)."""
    water_body = water_body or derivation.water_body(kind)
    periods = sorted({period for values in series.values() for period in values})
    by_period = [
        classify(derivation, period, {m: v[period] for m, v in series.items() if period in v}, water_body)
        for period in periods
    ]
    years = [_year(derivation, year, series, by_period, water_body) for year in sorted({p[:4] for p in periods})]
    return ClassResult(derivation, water_body, tuple(by_period), tuple(years))


def _year(
    derivation: SingleFactorClass,
    year: str,
    series: Mapping[str, Mapping[str, float]],
    by_period: list[PeriodClass],
    water_body: WaterBody,
) -> PeriodClass:
    """A year's class: from each parameter's mean over the year's periods (complete only when given in every
    period sampled that year), or the worst of its periods. Samples that leave more than five months of the year
    running unsampled (`_unsampled`) do not tell it: undecided, with no bound (a month not sampled may be better or
    worse), unless a period already reaches the worse class."""
    sampled = [p.period for p in by_period if p.period[:4] == year]
    if unsampled := _unsampled(year, sampled):
        worse = len(derivation.classes)
        reached = any(p.rank == worse for p in by_period if p.period[:4] == year)
        if not reached or derivation.year_statistic != "worst_period":
            return PeriodClass(year, None, (), (), len(sampled), unsampled)
    if derivation.year_statistic == "worst_period":
        ranks = [p.rank for p in by_period if p.period[:4] == year]
        decided = [r for r in ranks if r is not None]
        worse = len(derivation.classes)
        worst = max(decided, default=None)
        rank = worst if len(decided) == len(ranks) or worst == worse else None
        missing = tuple(dict.fromkeys(m for p in by_period if p.period[:4] == year for m in p.missing))
        return PeriodClass(year, rank, (), missing, len(sampled))
    means: dict[str, float] = {}
    complete: set[str] = set()
    for metric, values in series.items():
        figures = [values[p] for p in sampled if p in values]
        if figures:
            means[metric] = round(sum(figures) / len(figures), MEAN_DIGITS)
        if len(figures) == len(sampled):
            complete.add(metric)
    return classify(derivation, year, means, water_body, frozenset(complete), len(sampled))


UNSAMPLED_RUN = 5
"""The most months in a row a year's samples may leave out: monitored at least every half-year (06 and 12), the
samples stand for the year; November and December alone do not."""


def _unsampled(year: str, sampled: list[str]) -> tuple[str, ...]:
    """The longest run of months of `year` without a sample, when longer than `UNSAMPLED_RUN` (none when the year is
    given by year)."""
    months = {int(period[5:7]) for period in sampled if len(period) > 4}
    if not months:
        return ()
    runs: list[list[int]] = [[]]
    for month in range(1, 13):
        if month in months:
            runs.append([])
        else:
            runs[-1].append(month)
    longest = max(runs, key=len)
    return tuple(f"{year}-{month:02d}" for month in longest) if len(longest) > UNSAMPLED_RUN else ()
