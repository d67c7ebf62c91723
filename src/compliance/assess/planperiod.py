"""A plan's own period, and the year a standing duty is read on.

厦门's plan is 《…行动方案(2025-2027年)》: its duties without a date of their own (保持稳定, 开展…实地核查,
加快推进…整改, every 持续开展 and 年度 duty) are duties of 2025–2027 (`Plan.ends`). Once that period has ended, such a
duty is read as it stood at the end: on the last year ended within the plan (2027), a yearly duty on every year of
it, and a later year's answer (2028's, a 2029 否) is outside the plan, so it neither fails nor passes it. A dated
target due within the plan (到2027年底) is read at the as-of date on the plan's years too: a 2028 是 after a 2027 否
is late, not the target met, and an undated value read after the end cannot say what stood at the deadline; an
achievement that lasts reached within the plan (a village built in 2026) still meets it. A plan that gives no
period (晋安's) has no end.

Within the period, a standing duty is read on the last year ended (`standing_due`): a figure of an older year shows
that year only, so a city that gave only 2025 is missing data naming 2026 on 2027-03-01, never a pass on 2025
(an achievement that lasts excepted, `assess.stale`); the year the plan was issued is the earliest asked for."""

from __future__ import annotations

import datetime as dt

from compliance.assess import recency
from compliance.assess.asof import up_to
from compliance.assess.timing import targets_of
from compliance.model.checks import metrics_of
from compliance.model.facts import Facts, Notice, Observation
from compliance.model.logread import value_of_series
from compliance.model.metric import Catalogue
from compliance.model.periods import period_start, year_ended
from compliance.model.plan import Plan, Requirement, RequirementKind, Target
from compliance.model.result import Finding


def ended(plan: Plan, requirement: Requirement, as_of: dt.date, catalogue: Catalogue) -> dt.date | None:
    """The day `requirement` is read at on the plan's years alone (`within`), when `plan`'s period ended before
    `as_of` and it is read on facts: a standing duty (no target of it dated, or a duty done every year from a first
    one, `yearly_duty`: XM-0-10's date is its first year's) the day after the end; a target dated within the plan
    (到2027年底) at `as_of`. A review item is judged by its attestation, made when it was made."""
    if plan.ends is None or as_of <= plan.ends or requirement.check is None:
        return None
    if requirement.kind == RequirementKind.QUALITATIVE:
        return None
    dues = [t.due for t in targets_of(requirement) if t.due is not None]
    if dues and not yearly_duty(requirement, catalogue):
        return as_of if max(dues) <= plan.ends else None
    return plan.ends + dt.timedelta(days=1)


def plan_years(plan: Plan, raw: Facts, at_end: list[Requirement], catalogue: Catalogue) -> Facts:
    """`raw` as of `plan`'s years (`within`), a plain value without a date of a fact the requirements read `at_end`
    (`ended`) check left out too (`undated_unread`): it is the state when assessed, after the end."""
    assert plan.ends is not None
    return within(raw, plan.ends, catalogue, undated_unread(at_end))


def yearly_duty(requirement: Requirement, catalogue: Catalogue) -> bool:
    """Whether every fact `requirement` compares is a yes/no done once a year from a first year (`Metric.due_from`)."""
    return recency.first_year(requirement, catalogue) is not None


def duty_metrics(catalogue: Catalogue) -> set[str]:
    """The yes/no facts done once a year from a first year: after their plan's end they are read at the end."""
    return {m.id for m in catalogue.metrics if recency.yearly_from(m)}


def standing_due(start: dt.date | None, as_of: dt.date) -> dt.date | None:
    """The earliest day a standing duty's figure may be of (a figure of an earlier year is old, `assess.stale`):
    the first day of the last year ended by `as_of`, or `start` (the plan's issue date, the duty's start) if later."""
    if start is None:
        return None
    return max(start, dt.date(year_ended(as_of), 1, 1))


def read_due(target: Target | None, plan: Plan, as_of: dt.date) -> tuple[dt.date | None, bool]:
    """The day the figures of a requirement's target in force must be of or after (an earlier year's is old,
    `assess.stale`), and whether that day is a deadline (到2027年底: a figure observed before it is old too): a
    dated target's due date; a standing duty's `standing_due` from its start (`starts`, else the plan's issue)."""
    if target is None:
        return None, False
    if target.due is not None:
        return target.due, True
    return standing_due(target.starts or plan.issued, as_of), False


def ended_notice(plan: Plan) -> Notice:
    assert plan.ends is not None
    end, after = plan.ends.isoformat(), plan.ends.year + 1
    return Notice(
        text_zh=f"《{plan.short_zh}》的方案期至 {end} 已结束：其无期限要求按方案期内的年份评估（最近一年为"
        f" {plan.ends.year} 年），{after} 年及以后的数据在方案期之外，不计入这些要求；有期限的目标按评估日期评估，"
        "也只看方案期内的数据（期限后才做到的是逾期，不是达标）",
        text_en=f"the period of {plan.short_en} ended on {end}: its undated duties are read on the plan's years (the"
        f" last one {plan.ends.year}); figures of {after} and later are outside the plan and not read for them; dated"
        " targets are read at the as-of date, on the plan's years too (reached after the deadline is late, not met)",
    )


def ended_warning(plan: Plan) -> tuple[str, str]:
    """A standing duty's finding after its plan's period: what it was read on (zh, en)."""
    assert plan.ends is not None
    end, after = plan.ends.isoformat(), plan.ends.year + 1
    return (
        f"方案期至 {end} 已结束：本要求按方案期内的年份评估，{after} 年及以后的数据在方案期之外，未计入",
        f"the plan's period ended on {end}: this duty is read on the plan's years; figures of {after} and later are"
        " outside the plan and not read",
    )


def warned(finding: Finding, plan: Plan) -> Finding:
    """A standing duty's finding read at its plan's end, saying so where it read the site's figures."""
    if not finding.observed:
        return finding
    zh, en = ended_warning(plan)
    return finding.model_copy(
        update={"warnings_zh": [zh, *finding.warnings_zh], "warnings_en": [en, *finding.warnings_en]}
    )


def end_notices(
    plans: list[Plan], raw: Facts, now: tuple[dt.date, list[Notice]], catalogue: Catalogue, logs: frozenset[str]
) -> list[Notice]:
    """The notices of `raw` read on the as-of date (`now`: it and its notices), with, for the `plans` whose period
    ended before it, the yearly duties' notices as read at the end (`duties_at_end`) and a notice of each end."""
    as_of, notices = now
    ended_plans = [plan for plan in plans if plan.ends is not None and plan.ends < as_of]
    if not ended_plans:
        return notices
    end = min(plan.ends for plan in ended_plans if plan.ends is not None)
    notices = duties_at_end(raw, (as_of, end), notices, catalogue, logs)
    return notices + [ended_notice(plan) for plan in ended_plans]


def duties_at_end(
    raw: Facts, dates: tuple[dt.date, dt.date], notices: list[Notice], catalogue: Catalogue, logs: frozenset[str]
) -> list[Notice]:
    """`notices` (of `raw` read at the as-of date, `dates[0]`) with those of the yearly duties (`duty_metrics`) as
    read the day after their plan's end (`dates[1]`): every requirement reading them is read then."""
    duties = duty_metrics(catalogue)
    observations = {m: o for m, o in raw.observations.items() if m in duties}
    if not observations:
        return notices
    alone = raw.model_copy(update={"observations": observations})
    as_of, end = dates
    now = up_to(alone, as_of, catalogue, logs)[1]
    then = up_to(within(alone, end, catalogue), end + dt.timedelta(days=1), catalogue, logs)[1]
    kept = [notice for notice in notices if notice not in now]
    return kept + [notice for notice in then if "评估日期" not in notice.text_zh]  # later periods: `ended_notice`


def undated_unread(requirements: list[Requirement]) -> frozenset[str]:
    """The facts the checks of `requirements` (duties read at their plan's end) compare and no condition of them
    reads: a plain value of one, without a date, is the site's state when assessed, after the end (`within`)."""
    checked = {m for r in requirements for m in metrics_of(r.check)}
    return frozenset(checked - {m for r in requirements for m in metrics_of(r.applies.condition)})


def within(facts: Facts, end: dt.date, catalogue: Catalogue, undated: frozenset[str] = frozenset()) -> Facts:
    """`facts` as of its plan's years: the periods of a series that begin after `end` (2028 and later for a plan
    ending 2027-12-31) left out, as outside the plan, even on the day after the end when 2028 has begun. A series
    whose periods left no longer stand for a value (a hole, `value_of_series`) is dropped, as `up_to` drops it, and
    so is a single value observed after `end` (`observed_on` 2029-05-01): it is a later year's answer. So is a plain
    value without a date of a fact in `undated` (`undated_unread`): it is the state when assessed, after the end,
    and cannot be placed in the plan's years (a 是 in a form filled in 2029 does not say 2027 was so)."""
    observations: dict[str, Observation] = {}
    for metric_id, observation in facts.observations.items():
        series, blanks, observed = observation.series, observation.blank_periods, observation.provenance.observed_on
        if series is None and (
            (observed is not None and observed > end) or (observed is None and metric_id in undated)
        ):
            continue
        if not series or all(period_start(period) <= end for period in [*series, *blanks]):
            observations[metric_id] = observation
            continue
        kept = {period: value for period, value in series.items() if period_start(period) <= end}
        value = value_of_series(kept, catalogue.metric(metric_id)) if kept else None
        if value is not None:
            blanks = [period for period in blanks if period_start(period) <= end]  # 2028: 暂无 is outside it too
            observations[metric_id] = observation.model_copy(
                update={"series": kept, "value": value, "blank_periods": blanks}
            )
    return facts.model_copy(update={"observations": observations})
