"""The share of incidents handled is of the periods the incidents happened in.

JA-41-9 「及时妥善科学处置各类突发环境事件」 and JA-5-18 「及时制止并依法查处露天焚烧行为」 bear on a district once its
log shows incidents (`Metric.occurred_from`): their own figure (the share handled, whether they were handled) is of
the periods with incidents, read by the worst of them. A period with no incident has no share (a ledger writes it
where there was something to handle), and a figure of a quiet year says nothing of another year's incidents: each
period with incidents must have its figure (a month of the year, or the year, covering it), or the finding is
missing data naming that period, unless the periods given already fail it."""

from __future__ import annotations

import datetime as dt

from compliance.assess.series import periods_text
from compliance.model.checks import comparisons_of, metrics_of
from compliance.model.facts import Facts
from compliance.model.metric import Catalogue
from compliance.model.periods import next_period, period_start
from compliance.model.plan import Requirement


def uncovered(requirement: Requirement, facts: Facts, catalogue: Catalogue) -> dict[str, list[str]]:
    """Per handled figure `requirement` checks (`occurred_from`, read by its lowest period) given as a series, the
    periods of its condition's incident logs with incidents that no period of the figure covers."""
    logs = [leaf.metric for leaf in comparisons_of(requirement.applies.condition)]
    logs = [m for m in logs if catalogue.metric(m).occurred_from is not None]
    incidents: list[str] = []
    for metric_id in logs:
        observation = facts.observations.get(metric_id)
        since = catalogue.metric(metric_id).occurred_from or ""
        if observation is not None and observation.series:
            incidents += [p for p, v in observation.series.items() if p[:4] >= since and _happened(v)]
    found: dict[str, list[str]] = {}
    for metric_id in dict.fromkeys(metrics_of(requirement.check)):
        metric = catalogue.metric(metric_id)
        observation = facts.observations.get(metric_id)
        if metric.occurred_from is None or metric.series_value != "lowest" or observation is None:
            continue
        given = [_span(period) for period in observation.series or {}]
        wanted = [p for p in dict.fromkeys(incidents) if given and not any(_overlap(_span(p), g) for g in given)]
        if wanted:
            found[metric_id] = sorted(wanted)
    return found


def _happened(value: float | bool | str) -> bool:
    return value is True or (isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0)


def _span(period: str) -> tuple[dt.date, dt.date]:
    return period_start(period), period_start(next_period(period))


def _overlap(one: tuple[dt.date, dt.date], other: tuple[dt.date, dt.date]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _named(metric_id: str, periods: list[str], catalogue: Catalogue) -> tuple[str, str]:
    """A handled figure missing for the periods with incidents, named (zh, en)."""
    metric = catalogue.metric(metric_id)
    shown, shown_en = periods_text(periods, "zh"), periods_text(periods, "en")
    return (
        f"{metric.name_zh} {shown}（该期有发生，须填写该期的情况；其他时期的数值不代表该期）",
        f"{metric.name_en} for {shown_en} (incidents happened then; another period's figure does not stand for it)",
    )


def with_gaps(
    absent: list[str], names: tuple[list[str], list[str]], gaps: dict[str, list[str]], catalogue: Catalogue
) -> tuple[list[str], list[str]]:
    """`names` (zh, en) of missing data, a handled figure lacking periods with incidents (`uncovered`) named so."""
    zh, en = list(names[0]), list(names[1])
    for index, metric_id in enumerate(absent):
        if metric_id in gaps:
            zh[index], en[index] = _named(metric_id, gaps[metric_id], catalogue)
    return zh, en
