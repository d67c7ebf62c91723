"""A yearly figure of the year still running is not the year's figure: `2026: 66` for EQI on 2026-03-01 can only be
January and February (EQI is assessed from the whole year's remote sensing, a freight share or a rectification rate
over the year's returns), so it neither fails nor meets a duty read on a year. It is set aside with a notice, and
the last ended year decides, as for a yes/no done once a year (`assess.recency`). Only figures of a period are read
this way (`metric.of_a_period`: a rate, a concentration, an index, a year's total, read by their latest period): a
count of what stands, a yes/no state or a lasting achievement given for the running year is what stands now, and a
log read by its worst period keeps every period (a breach in the running year is a breach)."""

from __future__ import annotations

import datetime as dt

from compliance.model.facts import Facts, Notice, Observation, series_holes
from compliance.model.metric import Catalogue, Metric, MetricType, of_a_period
from compliance.model.periods import last_ended, period_start, recent_year, still_running


def read_yearly(metric: Metric) -> bool:
    """Whether a yearly figure of `metric` is of its year as a whole, so that the year still running has none."""
    return metric.series_value == "latest" and not metric.due_at_period_end and of_a_period(metric)


def running_year(period: str, metric: Metric, as_of: dt.date) -> bool:
    """Whether `period` is a year still running on `as_of` whose figure of `metric` is not yet the year's."""
    return len(period) == 4 and still_running(period, as_of) and read_yearly(metric)


def set_aside(observation: Observation, metric: Metric, as_of: dt.date) -> str | None:
    """The year still running on `as_of` that a yearly series of a figure of a period gives, if it does."""
    if observation.series is None:
        return None
    begun = [period for period in observation.series if period_start(period) <= as_of]
    return begun[-1] if begun and running_year(begun[-1], metric, as_of) else None


def running_notice(metric: Metric, period: str, as_of: dt.date) -> Notice:
    before = str(int(period) - 1)
    return Notice(
        text_zh=f"{metric.name_zh}：{period} 年在评估日期 {as_of.isoformat()} 尚未结束，所填数值不是全年数值，"
        f"未计入评估，按最近一个已结束的年份（{before}）评估",
        text_en=f"{metric.name_en}: {period} has not ended on the as-of date {as_of.isoformat()}, so its figure is not"
        f" the year's: it is not assessed, and the last year ended ({before}) is read",
    )


def stopped_before(series: dict[str, float | bool | str], metric: Metric, as_of: dt.date) -> str | None:
    """The last month or day ended by `as_of`, when a log of an obligation read over a year (`Metric.series_value`,
    not a prohibited act's or an incident log's) has no period in the year to it (`periods.recent_year`): an older
    period's breach is not read for that year (a 2025-11 exceedance of a log ending 2026-05, on 2027-12-31)."""
    periods = list(series)
    if metric.series_value == "latest" or metric.forbidden_from or metric.occurred_from or len(periods[-1]) == 4:
        return None
    return None if recent_year(periods, as_of) else last_ended(periods[-1], as_of)


def stopped_notice(metric: Metric, series: dict[str, float | bool | str], as_of: dt.date) -> Notice | None:
    wanted = stopped_before(series, metric, as_of)
    if wanted is None:
        return None
    latest = next(reversed(series))
    return Notice(
        text_zh=f"{metric.name_zh}：逐期记录止于 {latest}，最近一年（至 {wanted}）没有记录；"
        "按最近一年判定的要求不以更早的时期判定，缺少数据",
        text_en=f"{metric.name_en}: the log stops at {latest}, with nothing in the last year (up to {wanted}); a"
        " rule read over the last year is not judged on older periods: missing data",
    )


def running_years(facts: Facts, as_of: dt.date, catalogue: Catalogue) -> dict[str, str]:
    """Per metric of `facts` whose yearly series gives the year still running on `as_of` (`set_aside`), that year."""
    found = {m: set_aside(o, catalogue.metric(m), as_of) for m, o in facts.observations.items()}
    return {metric_id: period for metric_id, period in found.items() if period is not None}


def reaching_back(facts: Facts, as_of: dt.date, catalogue: Catalogue) -> set[str]:
    """The logs read by their worst period (`Metric.series_value`) whose yearly series ends in the year still running
    on `as_of`: their value is read again on that date, over the last ended year as well (`periods.year_to`), so a
    breach of 2025 is not wiped out by a 是 written for 2026's first days."""
    return {
        metric_id
        for metric_id, observation in facts.observations.items()
        if observation.series is not None
        and catalogue.metric(metric_id).series_value != "latest"
        and (
            (len(latest := next(reversed(observation.series))) == 4 and still_running(latest, as_of))
            or recent_year(list(observation.series), as_of) != list(observation.series)  # a log stopped early
            or series_holes(catalogue.metric(metric_id), observation.series, as_of)  # or begun late in its year
            or still_running(next(reversed(observation.series)), as_of)  # a month not yet ended is not its latest
        )
    }


def running_log(observation: Observation, metric: Metric, as_of: dt.date) -> str | None:
    """The month or day still running on `as_of` that a yes/no log read over the last year gives, when its answer
    breaks nothing (a 是 of 达标): it is not the latest period of record, so it is set aside (`running_log_notice`)
    and the year read ends with the last one ended; a breach written for it already counts."""
    if observation.series is None or metric.type != MetricType.BOOLEAN or metric.series_value == "latest":
        return None
    if metric.forbidden_from or metric.occurred_from:
        return None
    begun = [period for period in observation.series if period_start(period) <= as_of]
    if not begun or len(begun[-1]) == 4 or not still_running(begun[-1], as_of):
        return None
    return begun[-1] if observation.series[begun[-1]] is (metric.series_value == "lowest") else None


def running_log_notice(metric: Metric, period: str, as_of: dt.date) -> Notice:
    ended = last_ended(period, as_of)
    return Notice(
        text_zh=f"{metric.name_zh}：{period} 在评估日期 {as_of.isoformat()} 尚未结束，不作为最近一期，未计入；"
        f"按至 {ended} 的最近一年评估（当期已记下的不达标仍计入）",
        text_en=f"{metric.name_en}: {period} has not ended on the as-of date {as_of.isoformat()}, so it is not the"
        f" latest period and is not assessed; the year to {ended} is read (a breach written for it would count)",
    )
