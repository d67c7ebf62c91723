"""Whether a figure of a period logged month by month or day by day tells a rule the year's figure: only where every
month of the year to the latest is given (`uncovered`) and every period of it gives the rule the same answer."""

from __future__ import annotations

import operator
from collections.abc import Callable

from compliance.model.metric import Metric, MetricType, of_a_period, rank
from compliance.model.periods import next_period, year_to


def straddles(
    series: dict[str, float | bool | str], metric: Metric, tests: tuple[tuple[str, float], ...] | None = None
) -> tuple[str, str] | None:
    """For a figure of a period (`of_a_period`) logged month by month or day by day and read by its latest period,
    two periods of the year to the latest whose values a rule's test (`tests`: one rule's, `checks.tests_of`; by
    default every rule's, `cuts`) answers differently, so that for that rule the year's figure (its mean, its
    assessed class) cannot be told from the log; else None."""
    tests = metric.cuts if tests is None else tests
    if not _read_by_month(series, metric, tests):
        return None
    seen: dict[tuple[bool, ...], str] = {}
    for period in year_to(list(series)):
        ranked = rank(series[period], metric)
        seen.setdefault(tuple(_OPS[op](ranked, constant) for op, constant in tests), period)
        if len(seen) > 1:
            first, other = seen.values()
            return first, other
    return None


def uncovered(
    series: dict[str, float | bool | str], metric: Metric, tests: tuple[tuple[str, float], ...] | None = None
) -> tuple[str, str] | None:
    """For a figure of a period logged month by month or day by day and read by its latest period (as `straddles`),
    the first and last month of the twelve to the latest that the log gives no figure for (`{2025-12: 17}`: 2025-01
    and 2025-11): the year's mean or assessed class lies between its months only when every month is given, so a
    few months (the latest December) do not tell it; else None. A year given covers its months. A rate of what
    stands (`Metric.state_rate`: 普及率) is read at its latest month's end: its months need not cover the year."""
    tests = metric.cuts if tests is None else tests
    if metric.state_rate or not _read_by_month(series, metric, tests):
        return None
    missing = months_missing(series)
    return (missing[0], missing[-1]) if missing else None


def months_missing(series: dict[str, float | bool | str]) -> list[str]:
    """The months of the twelve to a log's latest period (a month or a day) it gives no figure for."""
    latest = next(reversed(series))
    months = [next_period(f"{int(latest[:4]) - 1}{latest[4:7]}")]  # from the month after the latest's a year before
    while len(months) < 12:
        months.append(next_period(months[-1]))
    given = {period[:7] for period in series} | {f"{p}-{m:02d}" for p in series if len(p) == 4 for m in range(1, 13)}
    return [month for month in months if month not in given]


def unread_year(
    series: dict[str, float | bool | str], metric: Metric, tests: tuple[tuple[str, float], ...] | None = None
) -> tuple[str, str] | None:
    """Why a log of months or days does not tell a rule (`tests`, by default every rule) the year's figure: the
    months it lacks (`uncovered`), else two periods answering apart (`straddles`); None when it does."""
    return uncovered(series, metric, tests) or straddles(series, metric, tests)


def held_at_top(metric: Metric, tests: tuple[tuple[str, float], ...]) -> bool:
    """Whether every test of a share is at the most it can be (`>=` or `==` its maximum: 保持100%), so that each
    month of a log of it counts (a month below shows the year below: `assess.topshare`)."""
    top = metric.maximum
    if metric.type != MetricType.PERCENT or top is None or not tests:
        return False
    return all(op in (">=", "==") and constant == top for op, constant in tests)


def _read_by_month(series: dict[str, float | bool | str], metric: Metric, tests: tuple[tuple[str, float], ...]) -> bool:
    """Whether `series` logs a figure of a period (`of_a_period`) by month or day, read by its latest period, for a
    rule that tests it."""
    latest = next(reversed(series))
    return len(latest) != 4 and bool(tests) and metric.series_value == "latest" and of_a_period(metric)


_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
