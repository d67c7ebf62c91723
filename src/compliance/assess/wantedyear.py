"""The year a yearly or standing duty's missing data is wanted for.

A duty done once a year from a first one (XM-0-10 「组织开展年度评价」 from 2025) with a year of it not given, or
nothing at all, is missing data naming those years (开展美丽城市建设成效年度评价 2026年的情况), and its target is
that year's, due at its end, not the first year's. A yearly duty due by a day within the year
(`Metric.due_in_year`: 汛前排查, due from 04-01) wants the running year once that day has come
(2026年的情况（4月1日起到期）). A standing duty (持续要求) is read on the last year ended: missing,
it names that year (or later, within the plan); after its plan's period it names the plan's last year, since a value
of a later year, or one without a date (the state when assessed), is outside the plan; a target dated within the
plan (到2027年底) then names its deadline, for the same reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from compliance.assess import recency, running
from compliance.assess.describe import metric_name
from compliance.assess.series import periods_text
from compliance.model.facts import Facts
from compliance.model.metric import Catalogue, Metric
from compliance.model.periods import year_ended
from compliance.model.plan import Plan


def yearly_wanted(metric: Metric, raw: Facts | None, as_of: dt.date) -> list[str]:
    """For a yes/no done once a year from a first year (`Metric.due_from`), the years ended by `as_of` it is missing
    for: those a yearly series skips, the last one ended where the latest given is older, every one but its own
    where a single dated 是 is given (`recency.single_skipped`), or every one where nothing dated is given."""
    if not metric.due_at_period_end or metric.due_from is None:
        return []
    observation = raw.observations.get(metric.id) if raw is not None else None
    if observation is not None and observation.series and all(len(p) == 4 for p in observation.series):
        kept = {p: v for p, v in observation.series.items() if int(p) <= year_ended(as_of)}
        if skipped := recency.skipped(kept, metric, as_of):
            return skipped
        latest = max(kept, default=metric.due_from)
        return [str(year_ended(as_of))] if latest < str(year_ended(as_of)) else []
    if observation is not None and (years := recency.single_skipped(observation, metric, as_of)):
        return years  # one dated 是 shows its own year at most
    return [str(year) for year in range(int(metric.due_from), year_ended(as_of) + 1)]


def first_wanted(
    metrics: Iterable[str], facts: Facts, raw: Facts | None, as_of: dt.date, catalogue: Catalogue
) -> str | None:
    """The first year wanted of the yearly duties among `metrics` that `facts` (as read) lacks, or None."""
    years = [
        year for m in metrics if m not in facts.observations for year in yearly_wanted(catalogue.metric(m), raw, as_of)
    ]
    return min(years, default=None)


def with_years(
    absent: list[str],
    names: tuple[list[str], list[str]],
    when: tuple[dt.date, dt.date | None, bool],
    plan: Plan,
    raw: Facts | None,
    catalogue: Catalogue,
    standing: bool = False,
) -> tuple[list[str], list[str]]:
    """`names` (zh, en) of missing data, a yearly or standing duty's fact named as given nowhere (its plain name)
    with the year wanted. `when`: the as-of date it was read at, the day its figure must be of or after (a standing
    duty's, `planperiod.read_due`) and whether that is a deadline; `standing`: no target of the requirement is
    dated, so after its plan's period a gradual one (梯次推进, no target in force) wants the plan's last year too."""
    as_of, due, dated = when
    zh, en = list(names[0]), list(names[1])
    for index, metric_id in enumerate(absent):
        if zh[index] != metric_name(metric_id, catalogue, "zh"):
            continue  # named already with what is wanted
        metric = catalogue.metric(metric_id)
        if years := yearly_wanted(metric, raw, as_of):
            zh[index] += f" {periods_text(years, 'zh')}的情况（每年一次，各年都须做到）"
            en[index] += f" for {periods_text(years, 'en')} (once a year, every year)"
        elif (due is not None or standing) and not dated and plan.ends is not None and as_of > plan.ends:
            year = plan.ends.year
            zh[index] += f" {year}年的情况（方案期内最近一年；之后年份或不带日期的数值在方案期之外）"
            en[index] += f" for {year} (the plan's last year; a later or undated value is outside the plan)"
        elif due is not None and dated and plan.ends is not None and as_of > plan.ends >= due:
            zh[index] += f" {due}（期限）时的情况（方案期内；之后年份或不带日期的数值在方案期之外）"
            en[index] += f" as at {due}, the deadline (within the plan; a later or undated value is outside it)"
        elif recency.running_due(metric, as_of) is not None and (day := recency.due_day(metric, as_of.year)):
            zh[index] += f" {day.year}年的情况（{day.month}月{day.day}日起到期）"
            en[index] += f" for {day.year} (due from {day.isoformat()})"
        elif (
            raw is not None
            and (log := raw.observations.get(metric_id))
            and log.series
            and (wanted := running.stopped_before(log.series, metric, as_of))
        ):
            zh[index] += f" 至 {wanted} 的记录（最近一年内没有记录）"
            en[index] += f" up to {wanted} (nothing in the last year)"
        elif due is not None and not dated:
            zh[index] += f" {due.year}年或以后的情况"
            en[index] += f" for {due.year} or later"
    return zh, en
