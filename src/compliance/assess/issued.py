"""A plan cannot be broken before it exists: an act a prohibition forbids (`Metric.forbidden_from`) logged in a
period that ends before the plan was issued (`Plan.issued`: 厦门 2025-06-14) is no breach of it, and one logged in a
period that begins before the issue and ends after it (2025-06, or the year 2025, for 厦门) cannot be placed on
either side. Each plan has its own date (two plans forbid 违规占用生态保护红线: 晋安 from 2025-01-01, 厦门 from
2025-06-14), so this is read per site, by the plans covering it, not on the metric.

A 是 of a period before the issue is set aside with a notice; a 否 of it is left as it is (nothing happened then, and
the years before the plan's year are already not read: `logread.read_over`). A 是 of a period across the issue
date is set aside too, and unless a period after the issue already holds a breach, the fact is missing data asking
on which side of the date the act fell (`Facts.wanted`): never a failure for what may predate the plan, never a
pass for what may follow it. A 否 across the date counts: nothing happened in the whole period. A plain 是 observed
(`observed_on`) before the issue is set aside the same way; one without a date is the site's state now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from compliance.model.checks import comparisons_of
from compliance.model.facts import Facts, Notice, Observation, series_holes
from compliance.model.logread import value_of_series
from compliance.model.metric import Catalogue, MetricType
from compliance.model.periods import last_day, period_start
from compliance.model.plan import Modality, RulePack

Forbidding = Mapping[str, Mapping[str, dt.date]]
"""Per act a prohibition forbids, per plan forbidding it with an issue date, that date."""


def forbidding(pack: RulePack) -> dict[str, dict[str, dt.date]]:
    """Per yes/no act a `modality: prohibition` rule wants 否, the issue date of each plan forbidding it."""
    found: dict[str, dict[str, dt.date]] = {}
    for requirement in pack.requirements:
        plan = pack.plans[pack.plan_of[requirement.id]]
        if requirement.modality != Modality.PROHIBITION or plan.issued is None:
            continue
        for leaf in comparisons_of(requirement.check):
            if leaf.op == "==" and leaf.value is False:
                found.setdefault(leaf.metric, {})[plan.id] = plan.issued
    return found


def before_issue(
    facts: Facts,
    plans: Iterable[str],
    forbidden: Forbidding,
    read: tuple[dt.date, list[Notice]],
    catalogue: Catalogue,
) -> tuple[Facts, list[Notice]]:
    """`facts` without the 是 of a forbidden act logged before the issue of the plans covering the site (`plans`), or
    across it, read as of `read`'s date; and `read`'s notices with one for each such act. A fact left with nothing
    of the plan's time to read is dropped and named as wanted (`Facts.wanted`)."""
    chosen, (as_of, said) = list(plans), read
    observations, wanted, notices = dict(facts.observations), dict(facts.wanted), list(said)
    holes = dict(facts.holes)
    for metric_id, observation in facts.observations.items():
        dates = [day for plan, day in forbidden.get(metric_id, {}).items() if plan in chosen]
        if not dates or catalogue.metric(metric_id).type != MetricType.BOOLEAN:
            continue
        issued = min(dates)
        before, across = _placed(observation, issued)
        if not before and not across:
            continue
        metric = catalogue.metric(metric_id)
        notices.append(_notice((metric.name_zh, metric.name_en), before, across, issued))
        kept = {p: v for p, v in (observation.series or {}).items() if p not in before and p not in across}
        breach = any(value is True for value in kept.values())
        if kept and (breach or not across):
            value = value_of_series(kept, metric, as_of)
            if value is not None:
                observations[metric_id] = observation.model_copy(update={"series": kept, "value": value})
            else:  # a period missing inside what is left: named as `check` names a log's holes
                del observations[metric_id]
                holes[metric_id] = series_holes(metric, kept, as_of)
            continue
        del observations[metric_id]
        wanted[metric_id] = _wanted(before, across, issued)
    if len(notices) == len(said):
        return facts, notices
    return facts.model_copy(update={"observations": observations, "wanted": wanted, "holes": holes}), notices


def _placed(observation: Observation, issued: dt.date) -> tuple[list[str], list[str]]:
    """The periods whose 是 falls before `issued`, and those whose 是 spans it (a plain 是 by its `observed_on`). A year
    spanning it is the plan's own first year (厦门's plan is 2025—2027): its 是 counts, as a breach in the plan's years;
    a month or day spanning it is asked for by the day."""
    if observation.series is None:
        observed = observation.provenance.observed_on
        early = observation.value is True and observed is not None and observed < issued
        return ([observed.isoformat()] if early and observed is not None else []), []
    yes = [period for period, value in observation.series.items() if value is True]
    before = [period for period in yes if last_day(period) < issued]
    across = [period for period in yes if len(period) > 4 and period_start(period) < issued <= last_day(period)]
    return before, across


def _notice(names: tuple[str, str], before: list[str], across: list[str], issued: dt.date) -> Notice:
    zh: list[str] = []
    en: list[str] = []
    if before:
        zh.append(f"{'、'.join(before)} 的“是”在方案印发（{issued}）之前，不计为违反本方案")
        en.append(f"the 'yes' of {', '.join(before)} is before the plan was issued ({issued}) and breaks nothing of it")
    if across:
        zh.append(
            f"{'、'.join(across)} 跨方案印发日（{issued}），其“是”不知发生在印发之前还是之后，不计为违反，"
            "也不当作未发生：请按日填报该期"
        )
        en.append(
            f"{', '.join(across)} spans the plan's issue ({issued}): whether its 'yes' came before or after is not"
            " known, so it is neither a breach nor none; give the day"
        )
    return Notice(text_zh=f"{names[0]}：{'；'.join(zh)}", text_en=f"{names[1]}: {'; '.join(en)}")


def _wanted(before: list[str], across: list[str], issued: dt.date) -> tuple[str, str]:
    """What a finding names as missing for a fact with nothing of the plan's time left: the side of the issue date
    an act across it fell on, or the record from the issue on."""
    if across:
        return (
            f" {'、'.join(across)} 的“是”发生的日期（在方案印发日 {issued} 当日或之后才计为违反；请按日填报）",
            f": the day of the 'yes' of {', '.join(across)} (only on or after {issued}, the plan's issue, does it"
            " break it; give the day)",
        )
    return (
        f" 方案印发（{issued}）以后的记录（给出的 {'、'.join(before)} 在印发之前，不计）",
        f" from {issued}, the plan's issue, on (the {', '.join(before)} given are before it and do not count)",
    )
