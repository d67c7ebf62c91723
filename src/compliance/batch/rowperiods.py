"""How a batch row's dated columns of one metric are read as `check` reads a facts file's series: duties due each
period, a running period's blank, a log's ended period, a yearly duty given by month, and a fact of each month
given by year."""

from __future__ import annotations

import datetime as dt

from compliance.assess import recency
from compliance.assess.deadline import at_deadline
from compliance.assess.yearmonths import years_of
from compliance.engine import derive
from compliance.load.values import ValueProblem
from compliance.model.facts import Observation
from compliance.model.grain import failed_years
from compliance.model.logread import reached_in, value_of_series
from compliance.model.metric import Metric
from compliance.model.periods import period_start, still_running
from compliance.model.plan import TrendSpec

Reading = tuple[str, float | bool | str, float] | ValueProblem
"""A cell read for its column's metric: (metric id, value, engine number), or what is wrong with it."""


def missable(metrics: dict[str, Metric], as_of: dt.date | None) -> dict[str, tuple[Metric, dt.date]]:
    """Yes/no duties due each period from a first one (`Metric.due_from`), for which an ended period answered no
    decides (`assess.recency.missed`), with the as-of date to ask it on."""
    if as_of is None:
        return {}
    return {m: (metric, as_of) for m, metric in metrics.items() if metric.due_at_period_end and metric.due_from}


def not_yet_due(
    groups: dict[str, list[tuple[int, Metric, str, dict[str, Reading], str]]], as_of: dt.date | None
) -> set[str]:
    """The yes/no duties done once a period whose latest column's no is not yet due (`recency.not_yet_due`)."""
    if as_of is None:
        return set()
    return {
        m
        for m, cells in groups.items()
        if cells[-1][1].due_at_period_end and recency.not_yet_due(cells[-1][2][:4], cells[-1][1], as_of)
    }


def idle_logs(
    groups: dict[str, list[tuple[int, Metric, str, dict[str, Reading], str]]],
    worst: set[str],
    trends: list[tuple[str, TrendSpec, Metric, str]],
    as_of: dt.date | None,
) -> dict[str, str]:
    """The logs read period by period (a worst period, `worst`, or an `each` of `trends`) whose latest column is of
    a period still running, with the column before it: that period is not yet required, so a blank there is set
    aside and the log read to the one before it, as `assess.asof.up_to` reads a facts file."""
    logs = worst | {spec.metric for _, spec, _, _ in trends if spec.rule == "each"}
    return {
        m: cells[-2][2]
        for m, cells in groups.items()
        if as_of and len(cells) > 1 and m in logs and still_running(cells[-1][2], as_of)
    }


def as_given(
    periods: dict[str, float | bool | str], group: list[tuple[int, Metric, str, dict[str, Reading], str]]
) -> Observation | None:
    """A metric's series as the row's cells give it, with the periods left blank among them, as a facts file gives
    one (`load.facts`); None where it stands for no value (a hole where every period counts)."""
    metric = group[0][1]
    value = value_of_series(periods, metric)
    if value is None:
        return None
    blanks = [period for _, _, period, _, _ in group if period not in periods]  # (an unreadable cell rejects the row)
    return Observation(metric=metric.id, value=value, series=dict(periods), blank_periods=blanks)


def failed_year_cells(
    periods: dict[str, float | bool | str],
    numbers: dict[str, float],
    latest: str,
    group: list[tuple[int, Metric, str, dict[str, Reading], str]],
) -> tuple[dict[str, float | bool | str], dict[str, float], str]:
    """A fact of each month given in year columns (`Columns.series_read`) read as `check` reads it: only its years
    answered 否, each a breach of that year (`failed_years`), the latest of them its latest period."""
    metric = group[0][1]
    if not metric.per_month or not any(len(period) == 4 for _, _, period, _, _ in group):
        return periods, numbers, latest
    failed = failed_years(periods, metric) if periods else {}
    if not failed:
        return {}, {}, latest
    return failed, {period: numbers[period] for period in failed}, next(reversed(failed))


def yearly_read(
    periods: dict[str, float | bool | str], numbers: dict[str, float], latest: str, metric: Metric
) -> tuple[dict[str, float | bool | str], dict[str, float], str]:
    """A yearly duty given by month read by year, as `check` reads it (`assess.yearmonths`): its years, their engine
    numbers (1 for 是, 0 for 否) and its latest year; anything else as it is."""
    if not metric.due_at_period_end or len(latest) == 4:
        return periods, numbers, latest
    years = years_of(periods, metric)
    return years, {year: float(value) for year, value in years.items()}, latest[:4]


def cut_at(
    groups: list[tuple[str, str, list[tuple[int, Metric, str, dict[str, Reading], str]]]],
    members: frozenset[str],
    end: dt.date,
) -> list[tuple[str, str, list[tuple[int, Metric, str, dict[str, Reading], str]]]]:
    """The dated columns of a district figure's member facts (`members`) as of a plan ending on `end`: for each
    with a column after it, its columns up to it (none left: the member has no figure then, `batch.planend`)."""
    cut = []
    for metric_id, _, cells in groups:
        if metric_id in members and period_start(cells[-1][2]) > end:
            kept = [cell for cell in cells if period_start(cell[2]) <= end]
            cut.append((metric_id, kept[-1][2] if kept else "", kept))
    return cut


def value_at_end(
    read: tuple[dict[str, float | bool | str], dict[str, float], str],
    metric: Metric,
    every: bool,
    end: dt.date,
    deadline: bool = False,
) -> float | None:
    """A member's engine number as its dated cells up to a plan's `end` give it (`read`: periods, numbers, latest
    column), read as the day after the end: the latest column's, or a lasting yes/no reached before it; a duty due
    each year with a year answered no is 否 and with a year not given is missing; None where there is none. At a
    dated target's `deadline` the latest column must be of the target's year (`assess.deadline.at_deadline`): an
    earlier year's figure does not stand in for it (a later one is already cut)."""
    periods, numbers, latest = read
    reached = bool(periods) and reached_in(periods, metric) is not None
    if not periods or not (latest in periods or reached) or (deadline and not at_deadline(latest, end) and not reached):
        return None
    day = end + dt.timedelta(days=1)
    if metric.due_at_period_end and metric.due_from:
        if recency.missed(periods, metric, day) is not None:
            return 0.0
        if recency.skipped(periods, metric, day):
            return None
    if every:
        value = value_of_series(periods, metric, day)
        return None if value is None else derive.numeric(value, metric)
    return numbers[next(reversed(periods))]
