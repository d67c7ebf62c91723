"""The value a dated series stands for (`Metric.series_value`): its latest period's, or the worst of the periods it
is read over (`read_over`: the year to the last period ended, or a prohibition's or incident log's plan time), and
the periods missing inside them (`log_holes`)."""

from __future__ import annotations

import datetime as dt

from compliance.model.metric import Metric, MetricType, rank
from compliance.model.periods import opening_holes, recent_year, window_holes, year_to

Scalar = float | bool | str | None  # what a series stands for; None: no value


def log_holes(periods: list[str], metric: Metric, as_of: dt.date | None = None) -> list[str]:
    """The periods missing inside the year a worst-period series is read over (`read_over`): its holes, and for a log
    of months or days read over the last year, those from the year's first (or its plan's, `logged_from`) on."""
    read = read_over(periods, metric, as_of)
    holes = window_holes(periods, read, as_of)
    if as_of is None or not read or len(read[0]) == 4 or metric.forbidden_from or metric.occurred_from:
        return holes
    return [*opening_holes(read, as_of, metric.logged_from), *holes]


def plan_year(metric: Metric) -> str | None:
    """The year a count read over its plan's years (`Metric.over_plan`: 返黑返臭数量) is read from, if it is one."""
    return str(metric.logged_from.year) if metric.over_plan and metric.logged_from is not None else None


def opened_broken(periods: list[str], values: list[float | bool | str], metric: Metric, as_of: dt.date | None) -> bool:
    """Whether a number logged by its lowest period (每日机扫次数), missing only periods before its first given in the
    year read (`opening_holes`), already fails every test rules make of it (at least 2: a day of 1): the missing
    periods can only be lower, so they cannot change that."""
    if metric.series_value != "lowest" or metric.type == MetricType.BOOLEAN or not metric.cuts:
        return False
    read = read_over(periods, metric, as_of)
    if window_holes(periods, read, as_of) or not log_holes(periods, metric, as_of):
        return False
    least = min(rank(value, metric) for value in values)
    return all(op in (">=", ">") and not (least >= cut if op == ">=" else least > cut) for op, cut in metric.cuts)


def read_over(periods: list[str], metric: Metric, as_of: dt.date | None = None) -> list[str]:
    """The periods a worst-period series is read over: the year to its latest within the year to `as_of` (`year_to`,
    `recent_year`); for a prohibited act or an incident log, every period from its plan's year."""
    since = metric.forbidden_from or metric.occurred_from or plan_year(metric)
    if since is None:
        return recent_year(year_to(periods, as_of), as_of)
    kept = [period for period in periods if period[:4] >= since]  # before the plan's year: never read with later ones
    return kept or year_to(periods, as_of)  # all before it: its own year, which asks for the plan's (`assess.stale`)


def value_of_series(series: dict[str, float | bool | str], metric: Metric, as_of: dt.date | None = None) -> Scalar:
    """The value a dated series (in period order, not empty) stands for (`Metric.series_value`): its latest period's,
    or its worst over the year to the latest (`read_over`); None when a period inside it is missing, or none is left,
    unless a yes/no given is already the worst (是 of an occurrence) or an incident brings its duty to bear."""
    if reached_in(series, metric) is not None:
        return True  # a lasting yes/no reached in the plan's time stays reached, whatever later periods say
    if metric.series_value == "latest":
        return series[next(reversed(series))]
    if not (periods := read_over(list(series), metric, as_of)):  # a log stopped before the year to `as_of`
        return None
    values = [series[period] for period in periods]
    if opened_broken(list(series), values, metric, as_of):  # a short day given fails whatever the year's others
        return min(values, key=lambda value: rank(value, metric))
    if log_holes(list(series), metric, as_of) and not (metric.occurred_from and metric.series_value == "lowest"):
        worst = metric.series_value == "highest"  # the one value a missing period cannot make worse
        if metric.occurred_from and worst and any(rank(value, metric) > 0 for value in values):  # incidents logged
            return max(values, key=lambda value: rank(value, metric))
        return worst if metric.type == MetricType.BOOLEAN and worst in values else None
    if metric.series_value == "lowest":
        return min(values, key=lambda value: rank(value, metric))
    return max(values, key=lambda value: rank(value, metric))


def reached_in(series: dict[str, float | bool | str], metric: Metric) -> str | None:
    """The first period from `Metric.reached_from` in which a lasting yes/no was 是, if any."""
    since = metric.reached_from
    return None if since is None else next((p for p, v in series.items() if v is True and p[:4] >= since), None)
