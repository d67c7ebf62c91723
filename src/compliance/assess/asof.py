"""An assessment as of a date reads only what had happened by then: periods of a series that begin after the
as-of date are left out (with a notice naming them), so a figure from a later year never decides a target, and
an assessment of a past date gives the answer it would have given then."""

from __future__ import annotations

import datetime as dt

from compliance.assess import quietlog, recency, running
from compliance.assess.yearmonths import by_year
from compliance.model.attestation import Attestation, AttestationBook
from compliance.model.facts import Facts, Notice, Observation, series_holes, series_notice
from compliance.model.grain import failed_years
from compliance.model.logread import reached_in, value_of_series
from compliance.model.metric import Catalogue, Metric, off_grain
from compliance.model.periods import period_start, recent_year, still_running
from compliance.model.result import ObservedValue


def up_to(
    facts: Facts, as_of: dt.date, catalogue: Catalogue, logs: frozenset[str] = frozenset()
) -> tuple[Facts, list[Notice]]:
    """The facts without the periods that begin after `as_of`; a series left empty (or unreadable for a figure
    every period counts in, see `value_of_series`), or whose latest period begun by then was written blank
    (2025: 暂无), is no value at all: an earlier period never stands in for the figure now, except a period not yet
    due, whose blank is set aside, and a log's ended month or day (`_blanks`). A yes/no done once in each period
    (`Metric.due_at_period_end`) answered no for a period still running is not yet due: that period is left out
    too, with a notice; and one whose latest period is older than the last ended is no value (see
    `assess.recency`). A log of months or days (`logs`: the metrics read period by period) that stops before the
    last period ended is kept, with a notice: what its periods break still fails (`assess.stale`). A fact given off
    its grain is set aside (`by_grain_only`). A running year's figure of a period is left out with a notice, not
    being the year's, and a log's worst period read back over the last ended year (`assess.running`)."""
    facts, aside = _not_read(_held_holes(facts, as_of, catalogue), as_of, catalogue)
    facts = dated_logs(facts, as_of, catalogue, logs)
    later = {
        metric_id: periods
        for metric_id, observation in facts.observations.items()
        if (periods := [period for period in observation.series or () if period_start(period) > as_of])
    }
    pending = {
        metric_id: period
        for metric_id, observation in facts.observations.items()
        if (period := recency.set_aside(observation, catalogue.metric(metric_id), as_of)) is not None
    }
    yearly = running.running_years(facts, as_of, catalogue)
    reaching = running.reaching_back(facts, as_of, catalogue)
    duties = any(catalogue.metric(m).due_at_period_end or m in logs or m in reaching for m in facts.observations)
    blank, dropped = _blanks(facts, as_of, catalogue, logs)
    if not later and not blank and not pending and not yearly and not duties:
        return facts, aside
    observations: dict[str, Observation] = {}
    notices: list[Notice] = []
    holes = dict(facts.holes)
    for metric_id, observation in facts.observations.items():
        metric = catalogue.metric(metric_id)
        if metric_id in later:
            notices.append(_later_notice(metric.name_zh, metric.name_en, later[metric_id], as_of))
        if metric_id in blank:
            notices.append(blank[metric_id])
        if metric_id in dropped:
            continue
        log = running.running_log(observation, metric, as_of)  # a month not yet ended: not the latest of record
        unripe, said = _unripe(metric, as_of, (pending.get(metric_id), log, yearly.get(metric_id)))
        notices += said
        if unripe:
            later.setdefault(metric_id, []).extend(unripe)
        if metric_id not in later and metric_id not in reaching:
            observations[metric_id] = observation
            continue
        assert observation.series is not None
        kept = {period: value for period, value in observation.series.items() if period not in later.get(metric_id, ())}
        value = value_of_series(kept, metric, as_of) if kept else None  # a running year reaches back (`year_to`)
        if value is not None:
            observations[metric_id] = observation.model_copy(update={"series": kept, "value": value})
        elif kept:  # the periods left have a hole inside, or disagree
            notices.append(running.stopped_notice(metric, kept, as_of) or series_notice(metric, kept, as_of))
            holes[metric_id] = series_holes(metric, kept, as_of)  # the findings name them
    notices += _recent(observations, as_of, catalogue, logs)
    return facts.model_copy(update={"observations": observations, "holes": holes}), [*aside, *notices]


def _held_holes(facts: Facts, as_of: dt.date, catalogue: Catalogue) -> Facts:
    """The facts with each log left without a value on load (`Facts.held`) named by the periods it misses as of
    `as_of`: those at the start of the year read too (`logread.log_holes`), as a batch names them."""
    holes = {
        metric_id: found
        for metric_id, series in facts.held.items()
        if (kept := {p: v for p, v in series.items() if period_start(p) <= as_of})
        and (found := series_holes(catalogue.metric(metric_id), kept, as_of))
    }
    return facts.model_copy(update={"holes": {**facts.holes, **holes}}) if holes else facts


def _unripe(
    metric: Metric, as_of: dt.date, periods: tuple[str | None, str | None, str | None]
) -> tuple[list[str], list[Notice]]:
    """The periods of a series not read on `as_of`, and the notices saying so: of `periods`, a yearly duty's 否 not
    yet due (`recency.set_aside`), a log's month or day not yet ended (`running.running_log`) and a running year's
    figure, not the year's (`running.set_aside`)."""
    pending, log, yearly = periods
    notices = [recency.set_aside_notice(metric, pending)] if pending is not None else []
    notices += [running.running_log_notice(metric, log, as_of)] if log is not None else []
    notices += [running.running_notice(metric, yearly, as_of)] if yearly is not None else []
    return [period for period in periods if period is not None], notices


def dated_logs(facts: Facts, as_of: dt.date, catalogue: Catalogue, logs: frozenset[str]) -> Facts:
    """The facts with each log read period by period (`logs`) given as one value observed before the year a rule
    reads (`periods.recent_year`: 油烟达标排放 是 observed 2025-01-15, on 2026-06-30) read as the one-period series
    it is (2025-01: 是, a day for a count of each day), so that it is read exactly as that series: a log that stops
    before the last year wants the months after it (missing data), never a pass or a not-applicable decided on an
    old inspection, and a breach it records still fails."""
    changed = {
        metric_id: observation.model_copy(update={"series": {period: observation.value}})
        for metric_id, observation in facts.observations.items()
        if metric_id in logs
        and observation.series is None
        and observation.provenance.observed_on is not None
        and not recent_year(
            [period := _period_of(observation.provenance.observed_on, catalogue.metric(metric_id))], as_of
        )
    }
    if not changed:
        return facts
    return facts.model_copy(update={"observations": {**facts.observations, **changed}})


def _period_of(day: dt.date, metric: Metric) -> str:
    """The period a value observed on `day` is of: the day for a count of each day (`Metric.per_day`), else its
    month (a log's grain)."""
    return day.isoformat() if metric.per_day else day.isoformat()[:7]


def by_grain_only(facts: Facts, catalogue: Catalogue) -> tuple[Facts, list[Notice]]:
    """The facts without a count of each day (`Metric.per_day`) given by month or year, or a yes/no of each month
    (`Metric.per_month`) given by year or day, and a notice for each: 31 sweeps in a June 月报 are about one a day,
    not 31, and a year's 达标 says nothing of its months, so such a series is never read as its grain, and the
    requirement reading it wants the daily (monthly) log like any missing figure."""
    aside = [m for m, o in facts.observations.items() if o.series and off_grain(o.series, catalogue.metric(m))]
    if not aside:
        return facts, []
    kept = {m: o for m, o in facts.observations.items() if m not in aside}
    notices = []
    for metric_id in aside:  # a yearly 否 of a fact of each month: some month of that year failed (`failed_years`)
        observation, metric = facts.observations[metric_id], catalogue.metric(metric_id)
        if failed := failed_years(observation.series or {}, metric):
            kept[metric_id] = observation.model_copy(update={"series": failed, "value": False, "blank_periods": []})
        notices.append(off_grain_notice(metric, list(failed)))
    return facts.model_copy(update={"observations": kept}), notices


def _not_read(facts: Facts, as_of: dt.date, catalogue: Catalogue) -> tuple[Facts, list[Notice]]:
    """The facts without what is never read (`by_grain_only`, `observed_later`), and the notices saying so."""
    facts, by_month = by_grain_only(facts, catalogue)
    facts, yearly = by_year(facts, catalogue)  # a yearly duty's months read as their years
    facts, future = observed_later(facts, as_of, catalogue)
    facts, logs = quietlog.read_logs(facts, as_of, catalogue)  # a quiet log of the period assessed only
    return facts, [*by_month, *yearly, *future, *logs]


def observed_later(facts: Facts, as_of: dt.date, catalogue: Catalogue) -> tuple[Facts, list[Notice]]:
    """The facts without a value observed after `as_of`, and a notice for each: as a period that begins after it,
    it is not read (a figure from the future means a wrong date or a wrong as-of, and an assessment of a past date
    gives the answer it would have given then), so the requirement reading it wants a figure of its time."""
    late = {
        m: o.provenance.observed_on
        for m, o in facts.observations.items()
        if o.provenance.observed_on is not None and o.provenance.observed_on > as_of
    }
    if not late:
        return facts, []
    kept = {m: o for m, o in facts.observations.items() if m not in late}
    notices = [
        Notice(
            text_zh=f"{catalogue.metric(m).name_zh}：观测日期 {day.isoformat()} 晚于评估日期 {as_of.isoformat()}，"
            "未计入本次评估（日期或评估日期可能有误）",
            text_en=f"{catalogue.metric(m).name_en}: observed on {day.isoformat()}, after the as-of date"
            f" {as_of.isoformat()}, and not assessed (the date or the as-of date may be wrong)",
        )
        for m, day in late.items()
    ]
    return facts.model_copy(update={"observations": kept}), notices


def off_grain_notice(metric: Metric, failed: list[str] | None = None) -> Notice:
    if metric.per_month and failed:
        years = "、".join(failed)
        return Notice(
            text_zh=f"{metric.name_zh}是每月的情况：按年填报的“否”（{years}）说明该年至少有一个月未达标，读作该年不达标；"
            "按年的“是”或按日的记录不说明各月是否达标，未采用",
            text_en=f"{metric.name_en} is of each month: a yearly no ({', '.join(failed)}) says at least one month of"
            " that year failed, and is read as that year's breach; a yearly yes or a daily record does not say"
            " whether each month met it, and is not used",
        )
    if metric.per_month:
        return Notice(
            text_zh=f"{metric.name_zh}是每月的情况，须按月填报（如 2026-05: 是）；按年的结论（如年度考核“达标”）"
            "或按日的记录不说明各月是否达标，未采用",
            text_en=f"{metric.name_en} is of each month: give it by month (2026-05: yes); a year's verdict (a yearly"
            " assessment's 达标) or a daily record does not say whether each month met it, and is not used",
        )
    return Notice(
        text_zh=f"{metric.name_zh}是每日的次数，须按日填报（如 2026-06-01: 2），"
        "或填所查期间次数最少一日的次数（单个值）；按月或按年的数值（如月报的当月合计）不是每日次数，未采用",
        text_en=f"{metric.name_en} is a count of each day: give it by day (2026-06-01: 2), or the fewest of any day"
        " in the period inspected as one value; a month's or a year's figure (a monthly report's total) is no day's"
        " count, and is not used",
    )


def _recent(
    observations: dict[str, Observation], as_of: dt.date, catalogue: Catalogue, logs: frozenset[str]
) -> list[Notice]:
    """Each yearly duty read on its periods (one skipped decides; one too old is no value), and each log that stops
    early said, the observations changed in place."""
    notices: list[Notice] = []
    for metric_id, observation in list(observations.items()):
        metric = catalogue.metric(metric_id)
        if observation.series and (period := recency.missed(observation.series, metric, as_of)) is not None:
            observations[metric_id] = observation.model_copy(update={"value": False})  # a period skipped decides
            notices.append(recency.missed_notice(metric, period))
        elif observation.series and (years := recency.skipped(observation.series, metric, as_of)):
            del observations[metric_id]  # a year of the duty not given: it may be the one not done
            notices.append(recency.wanted_notice(metric, "、".join(years)))
        elif years := recency.single_skipped(observation, metric, as_of):
            del observations[metric_id]  # one dated 是 shows its own year at most
            assert observation.provenance.observed_on is not None
            notices.append(recency.single_notice(metric, observation.provenance.observed_on, years))
        elif (period := recency.wanted(observation, metric, as_of)) is not None:
            del observations[metric_id]
            notices.append(recency.wanted_notice(metric, period, as_of))
        elif metric_id in logs and (period := recency.log_wanted(observation, as_of)) is not None:
            assert observation.series is not None  # kept: the periods given may already break the rule
            notices.append(recency.log_wanted_notice(metric, next(reversed(observation.series)), period))
    return notices


def _reached_by(observation: Observation, metric: Metric, as_of: dt.date) -> bool:
    """Whether a lasting yes/no was reached (`reached_in`) by `as_of`: a blank period after that does not undo it."""
    series = observation.series or {}
    return reached_in({p: v for p, v in series.items() if period_start(p) <= as_of}, metric) is not None


def _blank_now(observation: Observation, metric: Metric, as_of: dt.date) -> str | None:
    """The period written blank that is the latest begun by `as_of` among the series' periods, if one is, unless a
    lasting yes/no was reached before it (`_reached_by`) or it is a yearly duty's period not yet due."""
    if not observation.blank_periods or observation.series is None or _reached_by(observation, metric, as_of):
        return None
    begun = [p for p in [*observation.series, *observation.blank_periods] if period_start(p) <= as_of]
    latest = max(begun, key=period_start, default=None)
    if latest is None or latest not in observation.blank_periods:
        return None
    if metric.due_at_period_end and observation.series and recency.not_yet_due(latest, metric, as_of):
        return None  # a yearly duty's running year, not yet due: blank as a 否 would be, the year before decides
    return latest


def _blanks(
    facts: Facts, as_of: dt.date, catalogue: Catalogue, logs: frozenset[str]
) -> tuple[dict[str, Notice], set[str]]:
    """Per metric whose latest period begun by `as_of` was written blank (`_blank_now`), the notice saying so; and
    those left without a value: all but a period not yet due (`_not_due`), set aside, and a log of months or days,
    which stops before that ended period (said in `_recent`; what its periods break still fails)."""
    notices: dict[str, Notice] = {}
    dropped: set[str] = set()
    for metric_id, observation in facts.observations.items():
        metric = catalogue.metric(metric_id)
        if (period := _blank_now(observation, metric, as_of)) is None:
            continue
        idle = _not_due(period, metric, as_of, logs)
        notices[metric_id] = blank_running_notice(metric, period) if idle else blank_latest_notice(metric, period)
        if not observation.series or not (idle or (metric_id in logs and len(period) != 4)):
            dropped.add(metric_id)
    return notices, dropped


def _not_due(period: str, metric: Metric, as_of: dt.date, logs: frozenset[str]) -> bool:
    """Whether a latest period written blank is one not yet due on `as_of`: still running, of a log read period by
    period (`logs`: 2026-06 on 2026-06-30, required from July) or of a figure of a whole year (`running`)."""
    return still_running(period, as_of) and (metric.id in logs or running.running_year(period, metric, as_of))


def blank_running_notice(metric: Metric, period: str) -> Notice:
    return Notice(
        text_zh=f"{metric.name_zh}：{period} 尚未结束，尚不要求填报，填为空不计入，按此前各期评估",
        text_en=f"{metric.name_en}: {period} has not ended and is not yet required; its blank is set aside and the"
        " periods before it are assessed",
    )


def blank_latest_notice(metric: Metric, period: str) -> Notice:
    return Notice(
        text_zh=f"{metric.name_zh}：最近一期 {period} 填为空，目前的数值未知，按数据不足处理（不以更早一期代替）",
        text_en=f"{metric.name_en}: the latest period, {period}, is blank, so the figure now is unknown (insufficient"
        " data; an earlier period does not stand in for it)",
    )


def _later_notice(name_zh: str, name_en: str, periods: list[str], as_of: dt.date) -> Notice:
    shown = "、".join(periods[:5]) + ("等" if len(periods) > 5 else "")
    shown_en = ", ".join(periods[:5]) + (" …" if len(periods) > 5 else "")
    return Notice(
        text_zh=f"{name_zh}：{shown} 在评估日期 {as_of.isoformat()} 之后开始，未计入本次评估",
        text_en=f"{name_en}: {shown_en} begin after the as-of date {as_of.isoformat()} and are not assessed",
    )


def after_as_of(observed: list[ObservedValue], later: list[Attestation], as_of: dt.date) -> tuple[list[str], list[str]]:
    """A finding's warnings (zh, en): values observed after the as-of date, and attestations made after it (not
    used: an older one, or none, decides)."""
    late = [o for o in observed if o.observed_on is not None and o.observed_on > as_of]
    zh = [f"{o.name_zh}的观测日期{o.observed_on}晚于评估日期{as_of}" for o in late]
    en = [f"{o.name_en} was observed on {o.observed_on}, after the as-of date {as_of}" for o in late]
    zh += [f"核查记录（{a.date}，{a.source or a.inspector}）晚于评估日期{as_of}，未采用" for a in later]
    en += [
        f"the attestation of {a.date} ({a.source or a.inspector}) is after the as-of date {as_of}: not used"
        for a in later
    ]
    return zh, en


def recorded_for(
    book: AttestationBook, requirement: str, site: str, as_of: dt.date
) -> tuple[Attestation | None, list[Attestation], list[Attestation]]:
    """A review item's newest attestation made by the as-of date if it is still in force, those made after it (said,
    not used) and the newest if it has lapsed: a judgement superseded by a later one never comes back when the
    later one lapses (the item is then for review again, not passed on the older one)."""
    recorded = book.lookup(requirement, site)
    newest = next((a for a in recorded if a.date <= as_of), None)
    later = [a for a in recorded if a.date > as_of]
    if newest is None or newest.in_force(as_of):
        return newest, later, []
    return None, later, [newest]
