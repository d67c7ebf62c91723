"""A fact of each month given by year: what its years still say (`Metric.per_month`, `off_grain`)."""

from __future__ import annotations

from compliance.model.metric import Metric, off_grain


def failed_years(series: dict[str, float | bool | str], metric: Metric) -> dict[str, float | bool | str]:
    """The years a yes/no of each month (`Metric.per_month`) given off its grain answers 否 (2025: 否, a yearly
    assessment failed): a year's 是 says nothing of each month, but its 否 says at least one month of it failed, so
    those years are read as a breach (每月达标 is then already missed) while the rest of the series is set aside."""
    if not metric.per_month or not off_grain(series, metric):
        return {}
    return {period: value for period, value in series.items() if len(period) == 4 and value is False}
