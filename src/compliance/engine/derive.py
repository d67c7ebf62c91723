"""Facts -> the numbers the engine compares: scalar values, and figures derived from dated series.

A trend check is reduced here, in plain Python, to one number per site: how many periods break the
rule (for decreasing / increasing / non_decreasing / non_increasing / each), or the latest period's
change from a baseline in percent (change_from; from a baseline of 0 only the direction, when the rule asks
only the sign of the change). The engine then compares that number like any other.

A series is assessed over its span, from the first period given to the latest. A year-by-year or
month-by-month rule cannot pass over a period missing inside that span (a hole hides whatever happened
in it): the number is then None (missing data, naming the periods, see `wanting`) unless the periods
present already break the rule. Comparing across a hole is still sound for a break: if every year were
below the one before, 2023 would be below 2021. change_from needs only its baseline and the latest period. A
step rule with a `baseline` is read from that period on (稳: no rise since 2024), which it needs.
"""

from __future__ import annotations

import math
import operator
import sys
from collections.abc import Callable
from typing import Any

from compliance.model.metric import Metric, MetricType
from compliance.model.periods import holes_of, next_period
from compliance.model.plan import FROM_BASELINE, Scalar, TrendSpec

CHANGE_DIGITS = 10
"""Decimal places kept of a percent change; far beyond any statistic's precision."""

_STEP: dict[str, Callable[[float, float], bool]] = {
    "decreasing": lambda before, now: now < before,
    "non_increasing": lambda before, now: now <= before,
    "increasing": lambda before, now: now > before,
    "non_decreasing": lambda before, now: now >= before,
}
COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq, "!=": operator.ne,
}  # fmt: skip
"""The comparison operators of the rule model, as Python functions."""


def numeric(value: Scalar, metric: Metric) -> float:
    """The engine's number for a canonical value: booleans 1.0/0.0, levels by rank, numbers as float."""
    if metric.type == MetricType.BOOLEAN:
        if not isinstance(value, bool):
            raise ValueError(f"{metric.id}: expected true/false, got {value!r}")
        return 1.0 if value else 0.0
    if metric.type in (MetricType.ORDINAL, MetricType.CATEGORY):
        index = metric.level_index(str(value))
        if index is None or isinstance(value, bool):
            raise ValueError(f"{metric.id}: {value!r} is not one of its levels")
        return float(index)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{metric.id}: expected a number, got {value!r}")
    return float(value)


def derived_key(spec: TrendSpec) -> str:
    """The engine field a trend is compared on; `each` includes its fixed operand, a step rule its start, a change
    held to its sign alone (提高: > 0) says so: from a baseline of 0 only it has a number."""
    if spec.rule == "each":
        return f"{spec.metric}@each{spec.op}{spec.value!r}" + (f"@from{spec.baseline}" if spec.baseline else "")
    if spec.rule in FROM_BASELINE:  # one held to its sign alone is a number of its own from a baseline of 0
        return f"{spec.metric}@{spec.rule}{spec.baseline}" + ("@sign" if sign_only(spec) else "")
    return f"{spec.metric}@{spec.rule}" + (f"@from{spec.baseline}" if spec.baseline else "")


def span_of(spec: TrendSpec, numbers: dict[str, float]) -> dict[str, float] | None:
    """The periods a step rule reads: all of the series, or with a `baseline` those from it on (None when the
    baseline period itself is not given: the first step is unknown); an `each` with a `baseline` year, the periods
    from that year's first on (a month before the plan is no month of its duty)."""
    start = spec.baseline
    if spec.rule == "each" and (first := each_start(spec, list(numbers))) is not None:
        return {period: number for period, number in numbers.items() if period >= first}
    if start is None or spec.rule == "each" or spec.rule in FROM_BASELINE:
        return numbers
    if start not in numbers:
        return None
    return {period: number for period, number in numbers.items() if period >= start}


def each_start(spec: TrendSpec, periods: list[str]) -> str | None:
    """For an `each` rule read from a `baseline` year (每月达标 from the plan's first year), the first period of that
    year in the grain of `periods` (2025-01 for months, 2025-01-01 for days): every period from it is wanted."""
    if spec.rule != "each" or spec.baseline is None or not periods:
        return None
    return spec.baseline + {7: "-01", 10: "-01-01"}.get(len(periods[-1]), "")


def series_numbers(series: dict[str, Any], metric: Metric) -> dict[str, float]:
    """A dated series as engine numbers, period -> number, in the series' order."""
    return {period: numeric(value, metric) for period, value in series.items()}


def breaks_of_numbers(spec: TrendSpec, numbers: dict[str, float], metric: Metric) -> list[str] | None:
    """Periods of a series (as engine numbers) that break a step or `each` rule, in order; None when the
    series is too short to tell. A break across a hole is named by both ends (`2021→2023`): it lies in
    one of the periods after 2021 up to 2023, which one the series does not say."""
    spanned = span_of(spec, numbers)
    if spanned is None:
        return None
    numbers = spanned
    periods = list(numbers)
    if spec.rule == "each":
        if not periods or spec.op is None or spec.value is None:
            return None
        wanted = numeric(spec.value, metric)
        return [p for p in periods if not COMPARE[spec.op](numbers[p], wanted)]
    if len(periods) < 2:  # one period: too short to tell, unless it is the start, before which nothing counts
        return [] if periods and periods[0] == spec.baseline else None
    step = _STEP[spec.rule]
    values = list(numbers.values())
    breaks: list[str] = []
    for i in range(1, len(periods)):
        if not step(values[i - 1], values[i]):
            before, now = periods[i - 1], periods[i]
            breaks.append(now if next_period(before) == now else f"{before}→{now}")
    return breaks


def wanting(spec: TrendSpec, periods: list[str]) -> list[str]:
    """The periods a rule needs that a series of `periods` (in order) lacks: the baseline for change_from,
    which needs only it and the latest period; the holes for a year-by-year or month-by-month rule (from its
    start, which it needs too, when it has one)."""
    start = spec.baseline if spec.rule != "each" else each_start(spec, periods)
    if spec.rule == "each" and start is not None and start not in periods:
        return [start, *holes_of([start, *[period for period in periods if period > start]])]
    if start is not None and start not in periods:
        later = [period for period in periods if period > start and len(period) == len(start)]
        if spec.rule in FROM_BASELINE or len(later) != len([p for p in periods if p > start]):
            return [start]
        return [start, *holes_of([start, *later])]  # a step rule from its start: every period since is wanted too
    if spec.rule in FROM_BASELINE:
        return []
    return holes_of([period for period in periods if start is None or period >= start])


def sign_only(spec: TrendSpec) -> bool:
    """Whether a change from a baseline is held to its sign alone (提高: `> 0`, 不低于: `>= 0`, 减少: `< 0`), so that a
    baseline of 0 decides it too (0 → 10 is a rise) though no percent change can be computed from it."""
    value = spec.value
    return spec.rule in FROM_BASELINE and isinstance(value, int | float) and not isinstance(value, bool) and value == 0


def zero_base(spec: TrendSpec, numbers: dict[str, float]) -> bool:
    """Whether a percent change from a baseline (change_from) has that baseline given as 0, and a later period."""
    base = spec.baseline
    return (
        spec.rule == "change_from"
        and base is not None
        and numbers.get(base) == 0
        and any(period > base for period in numbers)
    )


def floor_held(spec: TrendSpec, numbers: dict[str, float]) -> bool:
    """Whether a 减少 (a change_from held to `< 0`) found the figure at 0 in its baseline and latest period: it
    cannot fall below 0, so staying there is no breach of the duty to cut (0 → 0 meets it, 0 → 120 is a rise)."""
    if not (sign_only(spec) and spec.op == "<" and zero_base(spec, numbers)):
        return False
    ends = _ends(spec, numbers)
    return ends is not None and round(ends[1], CHANGE_DIGITS) == 0


def _ends(spec: TrendSpec, numbers: dict[str, float]) -> tuple[float, float] | None:
    """The figures of `spec`'s baseline and of the latest period after it; None without both."""
    baseline = spec.baseline
    if baseline is None or baseline not in numbers:
        return None
    latest = next((period for period in reversed(numbers) if period > baseline), None)
    return None if latest is None else (numbers[baseline], numbers[latest])


def difference_of_numbers(spec: TrendSpec, numbers: dict[str, float]) -> float | None:
    """The change from `spec`'s baseline to the latest period after it in the metric's unit, whatever its rule
    (as difference_from reads it); None without both."""
    ends = _ends(spec, numbers)
    return None if ends is None else round(ends[1] - ends[0], CHANGE_DIGITS)


def change_of_numbers(spec: TrendSpec, numbers: dict[str, float]) -> float | None:
    """Percent change of the latest period from the baseline (difference_from: the difference, in the metric's
    unit); None without both, or for a percent change with a zero baseline, unless only its sign is asked
    (`sign_only`): then the largest float of the direction's sign, or 0 when the figure stayed at 0 (for a
    减少 at 0 both times, `floor_held`, the largest negative float: nothing was left to cut)."""
    ends = _ends(spec, numbers)
    if ends is None:
        return None
    base, latest = ends
    if spec.rule == "difference_from":
        return round(latest - base, CHANGE_DIGITS)
    if base == 0:  # no percent change from 0; a rule asking only its sign (提高: > 0) is decided by the direction
        difference = round(latest - base, CHANGE_DIGITS)  # binary noise is no direction, as elsewhere
        if not sign_only(spec):
            return None
        if floor_held(spec, numbers):
            return -sys.float_info.max
        return math.copysign(sys.float_info.max, difference) if difference else 0.0
    change = (latest - base) / abs(base) * 100.0
    # A tiny baseline can overflow the change; the largest float keeps its order against any threshold.
    if not math.isfinite(change):
        return math.copysign(sys.float_info.max, change)
    # Rounded so that an exact cut (1.0 -> 0.805 is -19.5%) is not lost to binary fractions.
    return round(change, CHANGE_DIGITS)


def derive(spec: TrendSpec, series: dict[str, Any] | None, metric: Metric) -> float | None:
    """The number the engine compares for `spec`, or None when the facts cannot decide it."""
    if series is None:
        return None
    return derive_numbers(spec, series_numbers(series, metric), metric)


def derive_numbers(spec: TrendSpec, numbers: dict[str, float], metric: Metric) -> float | None:
    """`derive` for a series already turned into engine numbers (period -> number, in period order)."""
    if spec.rule in FROM_BASELINE:
        return change_of_numbers(spec, numbers)
    breaks = breaks_of_numbers(spec, numbers, metric)
    spanned = span_of(spec, numbers)
    if breaks is None or spanned is None or (not breaks and (holes_of(list(spanned)) or wanting(spec, list(numbers)))):
        return None
    return float(len(breaks))
