"""A figure older than the target it is checked against: a dated target (到2025年 …) speaks of its year, so a
series whose latest period falls in an earlier year (2021 for a 2025 target, assessed in 2026) does not show
whether the target was met. Such a finding is missing data, naming the year needed and the latest one given,
never a pass (or a failure) decided on an old year's figure. A rule over every period of a series (逐年下降,
每年 …) that the years given already break fails on them, as a hole in the series does (see `assess.series`);
unbroken, it still wants the later years. A figure no later period can change is never old (`settled_by_past`): a
breach of a prohibition logged (2025: 是, on 2028-03-01) and a year of a yearly duty ended with 否 fail however far
back they are and whatever the later periods lack.

A dated target past due read at its deadline (`assess.deadline`) has its later periods cut first, and a later
year never stands in for its own: a finding of it names the target year's figure as wanted (`Facts.wanted`,
2025年的数据, not "2025 or later"). The "or later" wording below is for what is still read on the latest figure: a
target ahead (on track only on the last year ended or later, `stale_ahead`), a standing duty's last year, a
requirement with a target still ahead (JA-0-55).

A plain value (no period) is taken as the site's figure now, unless its `observed_on` date is of an earlier year
than the target's (a levee rate measured in 2024 says nothing of 2027); a target without a due date (持续要求)
takes the latest period from the year the plan was issued on (a 是 observed in 2021 shows nothing of a duty of a
plan issued in 2025). An achievement that stays once reached (`Metric.lasting`: 已建成, a
beautiful-bay level) is the exception: an earlier year's figure that already meets the target shows it met by then;
one that falls short still wants the target's year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from compliance.assess import recency
from compliance.assess.describe import metric_name
from compliance.assess.recency import log_wanted
from compliance.assess.series import periods_text
from compliance.model.facts import Facts, Observation
from compliance.model.logread import plan_year
from compliance.model.metric import Catalogue, Metric, MetricType
from compliance.model.periods import last_day, period_start, year_ended
from compliance.model.plan import FROM_BASELINE, TrendSpec


class OldFigures(NamedTuple):
    """Metrics whose series ends in a year before the target's, with that latest period."""

    decisive: dict[str, str]
    """Read for their figure now (a comparison, a change from a baseline): missing data, whatever they show."""
    unbroken: dict[str, str]
    """Read only by rules over every period: missing data only when the periods given break nothing."""
    stopped: dict[str, str]
    """Logs of months or days that stop before the last period ended, with that period: like `unbroken`, missing
    data only when the periods given break nothing."""
    lasting: dict[str, str]
    """Achievements that stay once reached (`Metric.lasting`), read for their figure now: missing data only when the
    figure given does not meet the target already."""
    early: dict[str, str]
    """Of the above, those of the target's year but observed before its due date (2027-03 for 到2027年底): the
    figure at the deadline is wanted, unless the one given meets the target and lasts (`early_names`)."""

    @property
    def unknown(self) -> set[str]:
        """Metrics whose figure now is not known from what was given: an old year's figure, a log that stopped."""
        return {*self.decisive, *self.stopped, *self.lasting}

    def latest(self, metric_id: str) -> str | None:
        return self.decisive.get(metric_id) or self.unbroken.get(metric_id) or self.lasting.get(metric_id)


def old_figures(
    compared: Iterable[str],
    trends: Sequence[TrendSpec],
    facts: Facts,
    due: dt.date | None,
    recent: tuple[dt.date, frozenset[str]],
    catalogue: Catalogue,
    deadline: bool = False,
) -> OldFigures:
    """Of the metrics a check reads (in its comparisons, `compared`, and its `trends`), those whose series ends
    (or whose single value was observed) in a year before `due`'s (none without a due date); and, by `recent` (the
    as-of date and the metrics read period by period), the logs of months or days that stop before the last period
    ended. With `deadline` (`due` is a dated target's, 到2027年底), a figure of its year that ends before `due` (a
    month, a day, a value observed earlier) is old too: what stood at the deadline is not known from it. A standing
    duty's figure of incidents handled (`Metric.occurred_from`) is never old: it is of the years the incidents
    happened in (2025's three fires), which a quiet year after them does not renew."""
    compared = list(compared)
    stopped = _stopped([*compared, *(spec.metric for spec in trends)], facts, recent, catalogue)
    if due is None:
        return OldFigures({}, {}, stopped, {}, {})
    every_period = {spec.metric for spec in trends if spec.rule not in FROM_BASELINE}
    now = {*compared, *(spec.metric for spec in trends if spec.rule in FROM_BASELINE)}
    old = OldFigures({}, {}, stopped, {}, {})
    for metric_id in dict.fromkeys([*now, *every_period]):
        observation = facts.observations.get(metric_id)
        if observation is None or (not deadline and catalogue.metric(metric_id).occurred_from is not None):
            continue  # the share of incidents handled is of the years they happened in, read over the plan's time
        if settled_by_past(observation, catalogue.metric(metric_id), recent[0]) is not None:
            continue  # a breach logged, a year of a yearly duty skipped: no later period undoes it
        observed = observation.provenance.observed_on
        if observation.series:
            latest = next(reversed(observation.series))
            year, ends = period_start(latest).year, last_day(latest)
        elif observed is not None and metric_id in now:
            latest, year, ends = observed.isoformat(), observed.year, observed
        else:
            continue
        if deadline and year == due.year and ends < due:
            old.early[metric_id] = latest
        if year < due.year or metric_id in old.early:
            kept = (
                old.unbroken if metric_id not in now else old.lasting if catalogue.metric(metric_id).lasting else None
            )
            (old.decisive if kept is None else kept)[metric_id] = latest
    return old


def settled_by_past(observation: Observation, metric: Metric, as_of: dt.date) -> str | None:
    """The period given that already decides a figure whatever the periods after it say or lack: of an act a
    prohibition forbids (`Metric.forbidden_from`, read over the plan's whole time), the first period from the plan's
    year it happened in (a 是 already logged is a breach a later 否 does not undo; one before the plan's issue date,
    or across it, is already set aside: `assess.issued`); of a yes/no due every year from a first one
    (`Metric.due_from`), the first year ended answered 否 (`recency.missed`: a year not carried out). Such a figure is
    never old, so a later period is not asked for."""
    series = observation.series
    if metric.forbidden_from is not None and metric.type == MetricType.BOOLEAN:
        if series:
            return next((p for p, v in series.items() if v is True and p[:4] >= metric.forbidden_from), None)
        observed = observation.provenance.observed_on
        if observation.value is True and observed is not None and str(observed.year) >= metric.forbidden_from:
            return observed.isoformat()
        return None
    if (since := plan_year(metric)) is not None and series:  # a relapse counted in any year of the plan's time
        return next((p for p, v in series.items() if isinstance(v, float) and v > 0 and p[:4] >= since), None)
    return recency.missed(series, metric, as_of) if series else None


def _stopped(
    read: list[str], facts: Facts, recent: tuple[dt.date, frozenset[str]], catalogue: Catalogue
) -> dict[str, str]:
    as_of, logs = recent
    stopped: dict[str, str] = {}
    for metric_id in dict.fromkeys(m for m in read if m in logs):
        observation = facts.observations.get(metric_id)
        if catalogue.metric(metric_id).occurred_from and catalogue.metric(metric_id).series_value == "lowest":
            continue  # a share of incidents handled is of the periods with incidents (`assess.incidents`)
        if observation is not None and settled_by_past(observation, catalogue.metric(metric_id), as_of) is not None:
            continue  # a breach logged (2025-03: 是) stands, however long ago the log stopped
        if observation is not None and (wanted := log_wanted(observation, as_of)) is not None:
            stopped[metric_id] = wanted
    return stopped


def missing_names(
    absent: list[str],
    catalogue: Catalogue,
    periods: Mapping[str, list[str]],
    single: set[str],
    old: OldFigures,
    due: dt.date | None,
    late: Mapping[str, str] | None = None,
    end: dt.date | None = None,
) -> tuple[list[str], list[str]]:
    """The missing data of a finding named in zh and en: with the periods a trend lacks, the year an old figure
    should be of (that year alone when it is the last of the plan's period ending `end`), or the note that a single
    value was given where a dated series is read."""

    def named(metric_id: str, lang: str) -> str:
        name = metric_name(metric_id, catalogue, lang)
        if metric_id in old.stopped:  # with the periods missing before it (每月 from the plan's year), if any
            wanted, before = old.stopped[metric_id], periods_text(periods.get(metric_id, []), lang)
            if lang == "zh":
                return f"{name} {before}及至 {wanted} 的记录" if before else f"{name} 至 {wanted} 的记录"
            return f"{name} for {before} and up to {wanted}" if before else f"{name} up to {wanted}"
        latest = old.latest(metric_id)
        if metric_id in periods and late and metric_id in late:
            return f"{name} {periods_text(periods[metric_id], lang)}{_late_start(late[metric_id], lang)}"
        if metric_id in periods:
            return f"{name} {periods_text(periods[metric_id], lang)}"
        if latest is not None and due is not None and end is not None and due.year >= end.year:  # not after it
            if lang == "zh":
                return f"{name} {due.year}年的数据（给出的最新时期为 {latest}；之后年份在方案期之外）"
            return f"{name} for {due.year} (the latest period given is {latest}; later ones are outside the plan)"
        if latest is not None and due is not None:
            if lang == "zh":
                return f"{name} {due.year}年或以后的数据（给出的最新时期为 {latest}）"
            return f"{name} for {due.year} or later (the latest period given is {latest})"
        if metric_id in single:  # a value was given where the rule reads a dated series
            return f"{name}（需逐期数据，只给出了单个值）" if lang == "zh" else f"{name} (a dated series)"
        return name

    return [named(m, "zh") for m in absent], [named(m, "en") for m in absent]


def _late_start(base: str, lang: str) -> str:
    """Why a base year a site may never have had (built after it) is still asked for, and what that means."""
    if lang == "zh":
        return (
            f"（本要求按较{base}年的变化判定，方案没有给出别的基准年；{base}年以后才建成投产的站点没有{base}年的数据，"
            "不以所给的第一年代替，故无法按数据判定，请人工核查）"
        )
    return (
        f" (this requirement is read as the change from {base}, the plan giving no other base year; a site built after"
        f" {base} has no figure for it, and the first year given does not stand in for it, so it cannot be decided"
        " from the figures: review it in person)"
    )


def early_names(
    absent: list[str],
    names: tuple[list[str], list[str]],
    old: OldFigures,
    due: tuple[dt.date | None, dt.date | None],
    catalogue: Catalogue,
) -> tuple[list[str], list[str]]:
    """`names` (zh, en) of missing data, a figure observed before its target's due date (`due`: it and the end of
    its plan's period, if any; `OldFigures.early`) named as the figure at the deadline wanted: on or after it, and
    not after the plan's end (a later figure is outside the plan)."""
    day, end = due
    if not old.early or day is None:
        return names
    zh, en = list(names[0]), list(names[1])
    for index, metric_id in enumerate(absent):
        if metric_id in old.early:
            given, when_zh, when_en = old.early[metric_id], f"{day}（期限）或以后", f"at or after {day}, the deadline"
            if end is not None and end <= day:
                when_zh, when_en = f"{day}（期限）时", f"at {day}, the deadline (the plan's end)"
            elif end is not None:
                when_zh, when_en = (
                    f"{day}（期限）至 {end}（方案期末）",
                    f"from {day}, the deadline, to {end}, the plan's end",
                )
            zh[index] = (
                f"{metric_name(metric_id, catalogue, 'zh')} {when_zh}的数据（给出的最新时期为 {given}，"
                "早于期限，不代表期限时的情况）"
            )
            en[index] = (
                f"{metric_name(metric_id, catalogue, 'en')} {when_en} (the latest given is {given}, before it: not"
                " what stood at the deadline)"
            )
    return zh, en


def stale_ahead(
    read: tuple[Iterable[str], Sequence[TrendSpec]], facts: Facts, as_of: dt.date, catalogue: Catalogue
) -> tuple[list[str], tuple[list[str], list[str]]] | None:
    """On track for a target ahead (or met before a duty is in force) only on a figure of the last year ended or
    later: the metrics whose figures are older, and their names as missing data; None when none is."""
    fresh = dt.date(year_ended(as_of), 1, 1)
    stale = old_figures(read[0], read[1], facts, fresh, (as_of, frozenset()), catalogue)
    if not stale.decisive:
        return None
    return [*stale.decisive], missing_names(list(stale.decisive), catalogue, {}, set(), stale, fresh)
