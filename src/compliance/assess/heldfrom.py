"""A level held every year from a first year: 保持100% (JA-8-21), 保持六城区首位 (JA-0-20), 维持在85%以上
(JA-16-12), 巩固…治理成效 (JA-0-16), each an `each` rule with a yearly `baseline` over a yearly figure.

The first year is the level's first deadline, as 到2025年 is a dated target's: until it has ended no year of the duty
can be read, so the latest figure given (2024's in mid-2025) is read as a dated target's is before its date — short of
the level it is at risk, met it is on track (a pass then needs a figure of the last year ended, `stale.stale_ahead`) —
never missing data asking for a year that cannot have a figure yet. From the first year's end every year from it to
the last one ended is read, any one short failing. A yes/no of each month (每月达标, JA-23-5) is due month by month
from its first month and is read as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from compliance.engine import derive
from compliance.model.metric import Catalogue, Metric
from compliance.model.periods import year_ended
from compliance.model.plan import Requirement, Trend, TrendSpec


def _yearly_start(spec: TrendSpec, metric: Metric) -> str | None:
    """The first year of an `each` rule held from a yearly baseline over a yearly figure; None for anything else."""
    if spec.rule != "each" or spec.baseline is None or len(spec.baseline) != 4 or metric.per_month or metric.per_day:
        return None
    return spec.baseline


def held_from(requirement: Requirement, catalogue: Catalogue) -> str | None:
    """The first year of a requirement whose check is one level held every year from it and that has no dated
    target (its first year's end is its first deadline)."""
    check = requirement.check
    if not isinstance(check, Trend) or any(target.due is not None for target in requirement.targets):
        return None
    return _yearly_start(check.trend, catalogue.metric(check.trend.metric))


def first_held_due(requirement: Requirement, catalogue: Catalogue) -> dt.date | None:
    """The last day of a held level's first year (`held_from`): before it nothing of the level is due."""
    year = held_from(requirement, catalogue)
    return dt.date(int(year), 12, 31) if year is not None else None


def before_first_year(spec: TrendSpec, numbers: dict[str, float], metric: Metric, as_of: dt.date) -> float | None:
    """Before a held level's first year has ended (`year_ended`), the breaks of the latest period given read alone
    (0 or 1), when it is earlier than that year: the level not yet due, read on the figure there is. None otherwise
    (after the first year, or with a period of it given: the rule reads its periods as usual)."""
    start = _yearly_start(spec, metric)
    if start is None or not numbers or year_ended(as_of) >= int(start):
        return None
    latest = next(reversed(numbers))
    if latest[:4] >= start:
        return None
    alone = spec.model_copy(update={"baseline": None})
    breaks = derive.breaks_of_numbers(alone, {latest: numbers[latest]}, metric)
    return None if breaks is None else float(len(breaks))


class _Reads(Protocol):
    @property
    def compared(self) -> Sequence[str]: ...
    @property
    def trends(self) -> Sequence[TrendSpec]: ...


def now_read(
    requirement: Requirement, reads: _Reads, catalogue: Catalogue
) -> tuple[Sequence[str], Sequence[TrendSpec]]:
    """The metrics a requirement compares and its trends, a held level's metric counted with the compared ones: on
    track before its first year only on a figure of the last year ended or later, as a dated target's is."""
    if held_from(requirement, catalogue) is None or not isinstance(requirement.check, Trend):
        return reads.compared, reads.trends
    return [*reads.compared, requirement.check.trend.metric], []


def derived(spec: TrendSpec, numbers: dict[str, float], metric: Metric, as_of: dt.date | None) -> float | None:
    """The number the engine compares for `spec` (`derive.derive_numbers`), or before a held level's first year has
    ended its latest figure's reading (`before_first_year`); `check` and `batch` read it alike."""
    found = derive.derive_numbers(spec, numbers, metric)
    if found is None and as_of is not None:
        return before_first_year(spec, numbers, metric, as_of)
    return found
