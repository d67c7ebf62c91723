"""An incident log that says nothing happened decides a duty not applicable only for the period assessed.

JA-41-9 「及时妥善科学处置各类突发环境事件」 bears on a district 「评估期内发生突发环境事件」. A 否 of a year before
that period (a 2023 bulletin, assessed as of 2026-06-30) says nothing of 2025–2026: it is set aside with a notice, and
the duty wants the log of its period (missing data, never not applicable). And a record of how an incident of the plan's
time was handled that says it was not (突发环境事件及时妥善科学处置 2025: 否) says an incident happened: a log saying
否 beside it is read as 是, with a notice, so the duty fails rather than being excused."""

from __future__ import annotations

import datetime as dt

from compliance.model.facts import Facts, Notice, Observation
from compliance.model.metric import Catalogue, Metric, MetricType
from compliance.model.periods import last_day, year_ended


def period_wanted(as_of: dt.date, since: str) -> int:
    """The first year a log must reach to speak of the period assessed: the last year ended by `as_of` (2025 for
    2026-06-30), never before the plan's year `since`."""
    return max(year_ended(as_of), int(since))


def _happened(observation: Observation, since: str) -> bool:
    if observation.series:
        return any(_yes(v) for p, v in observation.series.items() if p[:4] >= since)
    return _yes(observation.value)


def _yes(value: float | bool | str) -> bool:
    return value is True or (isinstance(value, int | float) and not isinstance(value, bool) and value > 0)


def _last_day(observation: Observation) -> dt.date | None:
    """The last day a log speaks of: its latest period's end, or the day its single value was observed."""
    if observation.series:
        return last_day(next(reversed(observation.series)))
    return observation.provenance.observed_on


def _mishandled(facts: Facts, log: str, catalogue: Catalogue) -> tuple[Metric, str] | None:
    """A record from the plan's year that an incident the log `log` decides about was not handled properly:
    (the handled figure's name, its period)."""
    for metric_id, observation in facts.observations.items():
        metric = catalogue.metric(metric_id)
        if log not in metric.logged_by or metric.type != MetricType.BOOLEAN or metric.occurred_from is None:
            continue
        if observation.series:
            period = next(
                (p for p, v in observation.series.items() if v is False and p[:4] >= metric.occurred_from), ""
            )
        else:
            observed = observation.provenance.observed_on
            period = observed.isoformat() if observation.value is False and observed is not None else ""
            period = period if period[:4] >= metric.occurred_from else ""
        if period:
            return metric, period
    return None


def read_logs(facts: Facts, as_of: dt.date, catalogue: Catalogue) -> tuple[Facts, list[Notice]]:
    """The facts with an incident log saying nothing happened set aside when it ends before the period assessed,
    or read as 是 when a record of the plan's time says an incident was not handled properly; a notice for each."""
    observations, notices = dict(facts.observations), []
    for metric_id, observation in facts.observations.items():
        metric = catalogue.metric(metric_id)
        if metric.occurred_from is None or metric.series_value != "highest":
            continue
        if _happened(observation, metric.occurred_from):
            continue
        if (mishandled := _mishandled(facts, metric_id, catalogue)) is not None:
            observations[metric_id] = _as_happened(observation, metric, mishandled)
            notices.append(_contradicted(metric, mishandled))
            continue
        last, year = _last_day(observation), period_wanted(as_of, metric.occurred_from)
        if last is not None and last < dt.date(year, 1, 1):
            del observations[metric_id]
            notices.append(_stale(metric, last, year))
    if len(notices) == 0:
        return facts, []
    return facts.model_copy(update={"observations": observations}), notices


def _as_happened(observation: Observation, metric: Metric, mishandled: tuple[Metric, str]) -> Observation:
    handled, period = mishandled
    value: float | bool = True if metric.type == MetricType.BOOLEAN else 1.0
    return observation.model_copy(
        update={
            "value": value,
            "series": None,
            "derived_zh": f"按{handled.name_zh} {period} 为否认定（有处置情况即发生过事件）",
            "derived_en": f"from {handled.name_en} {period}: no (a record of how an incident was handled says one"
            " happened)",
        }
    )


def _contradicted(metric: Metric, mishandled: tuple[Metric, str]) -> Notice:
    handled, period = mishandled
    return Notice(
        text_zh=f"{metric.name_zh}填为否，但{handled.name_zh} {period} 为否，说明该期发生过事件："
        "两者矛盾，按发生过事件判定，请核对并改正",
        text_en=f"{metric.name_en} is given as no, but {handled.name_en} {period} is no, which says an incident"
        " happened then: the facts contradict each other; read as an incident having happened, please check and"
        " correct them",
    )


def _stale(metric: Metric, last: dt.date, year: int) -> Notice:
    return Notice(
        text_zh=f"{metric.name_zh}的记录止于 {last.isoformat()}，早于评估期（{year}年或以后）："
        f"不据此认定评估期内未发生，请填写{year}年或以后的记录",
        text_en=f"{metric.name_en}: the record ends {last.isoformat()}, before the period assessed ({year} or later):"
        f" it does not say nothing happened then; give the record for {year} or later",
    )
