"""Whether a figure of a period logged month by month or day by day tells a rule the year's figure: only where every
period of the year to the latest gives the rule the same answer."""

from __future__ import annotations

import operator
from collections.abc import Callable

from compliance.model.metric import Metric, of_a_period, rank
from compliance.model.periods import year_to


def straddles(
    series: dict[str, float | bool | str], metric: Metric, tests: tuple[tuple[str, float], ...] | None = None
) -> tuple[str, str] | None:
    """For a figure of a period (`of_a_period`) logged month by month or day by day and read by its latest period,
    two periods of the year to the latest whose values a rule's test (`tests`: one rule's, `checks.tests_of`; by
    default every rule's, `cuts`) answers differently, so that for that rule the year's figure (its mean, its
    assessed class) cannot be told from the log; else None."""
    tests = metric.cuts if tests is None else tests
    latest = next(reversed(series))
    if len(latest) == 4 or not tests or metric.series_value != "latest" or not of_a_period(metric):
        return None
    seen: dict[tuple[bool, ...], str] = {}
    for period in year_to(list(series)):
        ranked = rank(series[period], metric)
        seen.setdefault(tuple(_OPS[op](ranked, constant) for op, constant in tests), period)
        if len(seen) > 1:
            first, other = seen.values()
            return first, other
    return None


_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
