"""How recent a dated series must be, as of a date.

A yes/no done once a period (当年已开展, `Metric.due_at_period_end`): the period still running answers only once
it is done (a 否 there is not yet due, and the period before decides), and the period that decides is the last one
ended: an older period's 是 does not show the duty still carried out.

A log of months or days read period by period (每月达标, 每日机扫, a worst month: `Metric.series_value` lowest or
highest, or an `each` rule) must reach the last month or day ended: a log that stops earlier says nothing of the
periods since, and is missing data, never a pass on its old lines."""

from __future__ import annotations

import datetime as dt

from compliance.assess.heldfrom import first_held_due
from compliance.model.checks import comparisons_of, trends_of
from compliance.model.facts import Notice, Observation
from compliance.model.metric import Catalogue, Metric
from compliance.model.periods import last_ended, period_start, still_running, year_ended
from compliance.model.plan import Requirement, RulePack


def due_before(metric: Metric, as_of: dt.date) -> bool:
    """Whether a duty due every period from a first one (`Metric.due_from`) had a year of it end by `as_of`."""
    return metric.due_from is not None and year_ended(as_of) >= int(metric.due_from)


def due_day(metric: Metric, year: int) -> dt.date | None:
    """The day within `year` a yearly duty is due by (`Metric.due_in_year`: 汛前排查, before the flood season)."""
    if metric.due_in_year is None:
        return None
    month, day = (int(part) for part in metric.due_in_year.split("-"))
    return dt.date(year, month, day)


def running_due(metric: Metric, as_of: dt.date) -> str | None:
    """The year still running on `as_of`, once its due day (`due_day`) has come: that year, not the one before,
    decides (on 2026-05-01 汛前排查 wants 2026's answer, due from 04-01; a 2025 是 no longer shows it done)."""
    day = due_day(metric, as_of.year)
    return str(as_of.year) if day is not None and as_of >= day else None


def deciding(sample: str, metric: Metric, as_of: dt.date) -> str:
    """The period like `sample` that decides a duty done once a period on `as_of`: the last one ended, or the year
    still running once its due day has come (`running_due`)."""
    running = running_due(metric, as_of) if len(sample) == 4 else None
    return running if running is not None else last_ended(sample, as_of)


def not_yet_due(period: str, metric: Metric, as_of: dt.date) -> bool:
    """Whether a no for `period` is not yet due on `as_of`: the period is still running and, for a yearly duty due
    by a day within the year (`Metric.due_in_year`: 汛前排查 before the flood season), that day has not come."""
    if not still_running(period, as_of):
        return False
    day = due_day(metric, int(period)) if len(period) == 4 else None
    return day is None or as_of < day


def set_aside(observation: Observation, metric: Metric, as_of: dt.date) -> str | None:
    """The latest period begun by `as_of`, when it is still running and answered no and a period before it was
    given to read instead (a first period's no is read as it is: before the target's date it is at risk)."""
    if not metric.due_at_period_end or observation.series is None:
        return None
    begun = [period for period in observation.series if period_start(period) <= as_of]
    # a first period's 否 is read as it is (before its date, or in a duty's first year: at risk, `first_year`)
    # …except a duty due by a day within the year (汛前排查): before that day its 否 is not yet an answer at all
    alone = not due_before(metric, as_of) if metric.due_from is not None else len(begun) < 2 and not metric.due_in_year
    if not begun or alone or observation.series[begun[-1]] is not False or not not_yet_due(begun[-1], metric, as_of):
        return None
    return begun[-1]


def yearly_from(metric: Metric) -> bool:
    """Whether `metric` is a yes/no done once a year from a first year (`Metric.due_from`)."""
    return metric.due_at_period_end and metric.due_from is not None


def first_year(requirement: Requirement, catalogue: Catalogue) -> str | None:
    """The first year of a duty done once a year from then (`Metric.due_from`), where every fact the requirement's
    check reads is one: until that year ends nothing of it is due (its 否 so far is at risk, not a failure)."""
    metrics = [catalogue.metric(leaf.metric) for leaf in comparisons_of(requirement.check)]
    if not metrics or not all(map(yearly_from, metrics)):
        return None
    return max(m.due_from for m in metrics if m.due_from is not None)


def first_due(requirement: Requirement, catalogue: Catalogue) -> dt.date | None:
    """The last day of the first year of such a duty (`first_year`), or of a level held every year from a first
    year (`heldfrom.held_from`): the day it first falls due, the year's end being inside the year
    (`periods.year_ended`)."""
    year = first_year(requirement, catalogue)
    return dt.date(int(year), 12, 31) if year is not None else first_held_due(requirement, catalogue)


def missed(series: dict[str, float | bool | str], metric: Metric, as_of: dt.date) -> str | None:
    """The first period ended by `as_of`, from the one the duty is first due in (`Metric.due_from`), answered no: a
    duty done once each period (持续开展, 年度评价) that skipped one is not carried out, whatever came after."""
    if not metric.due_at_period_end or metric.due_from is None:
        return None
    return next(
        (
            period
            for period, value in series.items()
            if value is False
            and period[:4] >= metric.due_from
            and period_start(period) <= as_of
            and not still_running(period, as_of)
        ),
        None,
    )


def skipped(series: dict[str, float | bool | str], metric: Metric, as_of: dt.date) -> list[str]:
    """The years ended by `as_of`, from the one a duty is first due in (`Metric.due_from`), that the series does not
    give: any of them may be the year it was not done, so the duty is not shown carried out."""
    if not metric.due_at_period_end or metric.due_from is None or any(len(period) != 4 for period in series):
        return []
    return [str(year) for year in range(int(metric.due_from), year_ended(as_of) + 1) if str(year) not in series]


def missed_notice(metric: Metric, period: str) -> Notice:
    return Notice(
        text_zh=f"{metric.name_zh}：{period} 填“否”，自 {metric.due_from} 起每期都须做到，缺了一期即未做到",
        text_en=f"{metric.name_en}: {period} is 'no'; a duty due each period from {metric.due_from} on that skipped one"
        " is not carried out",
    )


def set_aside_notice(metric: Metric, period: str) -> Notice:
    if (due := due_day(metric, int(period[:4]))) is not None:  # due within the year: say by when
        month, day = due.month, due.day
        return Notice(
            text_zh=f"{metric.name_zh}：{period} 年的“否”在 {month}月{day}日前尚未到期，按此前一期评估；自该日起计入",
            text_en=f"{metric.name_en}: {period}'s 'no' is not due before {period}-{metric.due_in_year}, so the period"
            " before is assessed; from that day it counts",
        )
    return Notice(
        text_zh=f"{metric.name_zh}：{period} 尚未结束，当期填“否”尚未到期，按此前一期评估",
        text_en=f"{metric.name_en}: {period} has not ended, so its 'no' is not yet due; the period before is assessed",
    )


def wanted(observation: Observation, metric: Metric, as_of: dt.date) -> str | None:
    """The period that decides (`deciding`), when what is given is older: the last period ended by `as_of`, or the
    year still running once its due day has come (for a value without periods, observed in an earlier year, the
    last year ended or that running year)."""
    if not metric.due_at_period_end:
        return None
    if observation.series:
        latest = next(reversed(observation.series))
        decides = deciding(latest, metric, as_of)
        return decides if latest < decides else None
    observed = observation.provenance.observed_on
    decides = running_due(metric, as_of) or str(year_ended(as_of))
    return decides if observed is not None and observed.year < int(decides) else None


def single_skipped(observation: Observation, metric: Metric, as_of: dt.date) -> list[str]:
    """For a duty done once a year from a first one (`Metric.due_from`) given as one 是 observed on a date, the
    years due by `as_of` (ended, or running past its due day) other than the one observed: a 是 dated 2027-06-01
    shows 2027's at most, so 2025 and 2026 are still wanted, as a series {2027: 是} wants them (`skipped`)."""
    observed = observation.provenance.observed_on
    if observation.series is not None or observed is None or observation.value is not True:
        return []
    if not metric.due_at_period_end or metric.due_from is None:
        return []
    last = int(running_due(metric, as_of) or year_ended(as_of))
    return [str(year) for year in range(int(metric.due_from), last + 1) if year != observed.year]


def wanted_notice(metric: Metric, period: str, as_of: dt.date | None = None) -> Notice:
    """What is missing: `period`, the last period ended, or (given `as_of`) the running year once its due day came."""
    if as_of is not None and period == running_due(metric, as_of):
        due = due_day(metric, as_of.year)
        assert due is not None
        return Notice(
            text_zh=f"{metric.name_zh}：缺 {period} 年的情况。该事项每年{due.month}月{due.day}日起到期，"
            f"{period} 年已过该日，以当年为准，上一年的“是”不代表当年已开展",
            text_en=f"{metric.name_en}: {period} is not given. The duty is due each year from {metric.due_in_year},"
            f" which has passed in {period}: that year decides, and an earlier year's 'yes' does not show it done"
            " this year",
        )
    return Notice(
        text_zh=f"{metric.name_zh}：缺 {period} 的情况。每期一次的事项以最近一个已结束的时期为准，"
        "更早的“是”不代表仍在开展",
        text_en=f"{metric.name_en}: {period} is not given. A duty done once a period is read on the last period ended;"
        " an earlier 'yes' does not show it is still carried out",
    )


def single_notice(metric: Metric, observed: dt.date, years: list[str]) -> Notice:
    """Why one dated 是 of a yearly duty is not read (`single_skipped`)."""
    shown = "、".join(years)
    return Notice(
        text_zh=f"{metric.name_zh}：只给出了 {observed} 观测的“是”，只说明{observed.year}年的情况；缺 {shown} 的情况"
        f"（自 {metric.due_from} 起每年一次，各年都须做到）",
        text_en=f"{metric.name_en}: the one 'yes' given, observed on {observed}, shows {observed.year} at most;"
        f" {', '.join(years)} not given (once a year from {metric.due_from}, every year)",
    )


def log_wanted(observation: Observation, as_of: dt.date) -> str | None:
    """For a log of months or days, the last period ended by `as_of` when the log stops before it."""
    if not observation.series:
        return None
    latest = next(reversed(observation.series))
    if len(latest) == 4:
        return None  # a yearly figure may be published months after its year: not asked for here
    return _ends_early(latest, as_of)


def _ends_early(latest: str, as_of: dt.date) -> str | None:
    """The last period like `latest` ended by `as_of`, when `latest` is older (an earlier period, so ended)."""
    decides = last_ended(latest, as_of)
    return decides if latest < decides else None


def log_wanted_notice(metric: Metric, latest: str, period: str) -> Notice:
    return Notice(
        text_zh=f"{metric.name_zh}：记录止于 {latest}，缺此后至 {period} 的记录。逐期记录须记到评估日期前的最近一期",
        text_en=f"{metric.name_en}: the log stops at {latest}; the periods after it up to {period} are missing (a log"
        " read period by period must reach the last period before the as-of date)",
    )


def log_metrics(pack: RulePack) -> dict[str, frozenset[str]]:
    """Per site kind, the metrics a site is judged on period by period: a worst period (`series_value`) or an
    `each` rule of a requirement for that kind."""
    worst = {metric.id for metric in pack.catalogue.metrics if metric.series_value != "latest"}
    each: dict[str, set[str]] = {kind.id: set(worst) for kind in pack.catalogue.kinds}
    for requirement in pack.requirements:
        metrics = {spec.metric for spec in trends_of(requirement.check) if spec.rule == "each"}
        for kind in requirement.applies.kinds if metrics else ():
            each.setdefault(kind, set(worst)).update(metrics)
    return {kind: frozenset(metrics) for kind, metrics in each.items()}
