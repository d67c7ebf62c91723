"""A yearly duty (`Metric.due_at_period_end`: 汛前排查, 年度评价, 增殖放流) answered month by month, as a half-year
return or a year-end return gives it (`{2025-06: 是}`, a column dated 2025-06 under a `2025年1-6月` title): the
months are read as their years. A 是 in any month of a year is that year's 是 (the deed was done by then). A 否
answers the year only once the duty was due in the month it was given for: December for a duty due at the year's
end, the due day's month or later for one due within the year (`Metric.due_in_year`: 汛前排查 by 1 April, so a June
否 is the year's 否); an earlier 否, or a blank, leaves the year unanswered, as a year not given."""

from __future__ import annotations

from compliance.assess import recency
from compliance.model.facts import Facts, Notice, Observation
from compliance.model.metric import Catalogue, Metric, MetricType


def by_year(facts: Facts, catalogue: Catalogue) -> tuple[Facts, list[Notice]]:
    """The facts with each yearly duty given by month (or day) read by year, and a notice for each saying how."""
    folded: dict[str, Observation | None] = {}
    notices: list[Notice] = []
    for metric_id, observation in facts.observations.items():
        metric = catalogue.metric(metric_id)
        series = observation.series
        if not series or not metric.due_at_period_end or metric.type != MetricType.BOOLEAN:
            continue
        if all(len(period) == 4 for period in series):
            continue
        years, said = _years(series, metric)
        notices.append(_notice(metric, said))
        if years:
            latest = years[max(years)]
            folded[metric_id] = observation.model_copy(update={"series": dict(sorted(years.items())), "value": latest})
        else:
            folded[metric_id] = None
    if not folded:
        return facts, []
    kept = {m: folded.get(m, o) for m, o in facts.observations.items()}
    observations = {m: o for m, o in kept.items() if o is not None}
    return facts.model_copy(update={"observations": observations}), notices


def years_of(series: dict[str, float | bool | str], metric: Metric) -> dict[str, float | bool | str]:
    """Each year a yearly duty's months (or days) answer (a batch row's cells, as `by_year` reads a facts file)."""
    return dict(_years(series, metric)[0])


_Said = tuple[str, str, str, str]
"""What a year's months said, as a notice shows it: the year, the month deciding it, and the answer in Chinese and
English."""
_EARLY = ("，尚未到期，不作为该年答复", ", not yet due: no answer for the year")


def _years(series: dict[str, float | bool | str], metric: Metric) -> tuple[dict[str, bool], list[_Said]]:
    """Each year the months answer, and what each year's months said (`_Said`): 是 in any month; 否 in a month the
    duty was due by; else (a 否 or blank before it was due) no answer for the year."""
    by_year: dict[str, list[tuple[str, float | bool | str]]] = {}
    for period in sorted(series):
        by_year.setdefault(period[:4], []).append((period, series[period]))
    years: dict[str, bool] = {}
    said: list[_Said] = []
    for year, months in by_year.items():
        done = next((period for period, value in months if value is True), None)
        last, value = months[-1]
        if done is not None:
            years[year] = True
            said.append((year, done, "是", "yes"))
        elif value is False and _due_by(last, metric):
            years[year] = False
            said.append((year, last, "否", "no"))
        else:
            zh, en = ("否", "no") if value is False else ("空", "blank")
            said.append((year, last, zh + _EARLY[0], en + _EARLY[1]))
    return years, said


def _due_by(period: str, metric: Metric) -> bool:
    """Whether a yearly duty was due by the end of the month (or day) `period` names: its due day's month
    (`recency.due_day`), else December."""
    day = recency.due_day(metric, int(period[:4]))
    return int(period[5:7]) >= (day.month if day is not None else 12)


def _notice(metric: Metric, said: list[_Said]) -> Notice:
    shown_zh = "；".join(f"{year}年（{month} {zh}）" for year, month, zh, _ in said)
    shown_en = "; ".join(f"{year} ({month} {en})" for year, month, _, en in said)
    return Notice(
        text_zh=f"{metric.name_zh}是每年一次的事项，按月填报的读作各年：{shown_zh}",
        text_en=f"{metric.name_en} is done once a year: given by month, it is read by year: {shown_en}",
    )
