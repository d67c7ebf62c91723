"""What each kind of derivation gives a site: the derived value (and its yearly series), when it was observed,
why (zh, en), and which standard it cites; None when the measurements do not decide it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from compliance.assess.air import GoodDaysResult, StatisticResult, derive_good_days, derive_statistic
from compliance.assess.air_words import good_days_text, statistic_text
from compliance.assess.classes import ClassResult, derive_classes
from compliance.assess.grades import GradeResult, derive_grade
from compliance.assess.wording import class_text, grade_text
from compliance.model.metric import Catalogue
from compliance.model.periods import last_day
from compliance.model.standards import (
    Citation,
    GoodDaysShare,
    GradedThresholds,
    PeriodStatistic,
    SingleFactorClass,
    StandardDerivation,
)

Result = ClassResult | GradeResult | StatisticResult | GoodDaysResult


@dataclass(frozen=True)
class Outcome:
    period: str
    """The period the value is for: the latest year, or the last reading's day for a grade."""
    value: float | str
    series: dict[str, float | bool | str] | None
    observed_on: dt.date
    text_zh: str
    text_en: str
    cite: Citation


def run(derivation: StandardDerivation, series: Mapping[str, Mapping[str, float]], kind: str) -> Result:
    if isinstance(derivation, SingleFactorClass):
        return derive_classes(derivation, series, kind)
    if isinstance(derivation, GradedThresholds):
        return derive_grade(derivation, series)
    if isinstance(derivation, PeriodStatistic):
        return derive_statistic(derivation, series.get(derivation.source, {}))
    return derive_good_days(derivation, series)


def texts(result: Result, catalogue: Catalogue) -> tuple[str, str]:
    """Why, zh and en: for a class or yearly figure, the latest year's."""
    if isinstance(result, ClassResult):
        latest = result.years[-1]
        return class_text(result, latest, catalogue, "zh"), class_text(result, latest, catalogue, "en")
    if isinstance(result, GradeResult):
        return grade_text(result, catalogue, "zh"), grade_text(result, catalogue, "en")
    year = result.years[-1]
    if isinstance(result, StatisticResult):
        return statistic_text(result, year, catalogue, "zh"), statistic_text(result, year, catalogue, "en")
    return good_days_text(result, year, catalogue, "zh"), good_days_text(result, year, catalogue, "en")


def outcome(result: Result, catalogue: Catalogue) -> Outcome | None:
    text_zh, text_en = texts(result, catalogue)
    if isinstance(result, GradeResult):
        derivation = result.derivation
        if result.rank is None:
            return None
        last = max(period for graded in result.indicators for period, _, _ in graded.readings)
        cite = derivation.citations[derivation.indicators[0].cite]
        return Outcome(last, derivation.grades[result.rank], None, last_day(last), text_zh, text_en, cite)
    yearly: dict[str, float | bool | str] = {}
    if isinstance(result, ClassResult):
        classes = result.derivation
        for year in result.years:
            if year.rank is not None:
                yearly[year.period] = classes.classes[year.rank] if year.rank < len(classes.classes) else classes.worse
        latest, last = result.years[-1].period, result.periods[-1].period
        cite = classes.citations[classes.parameters[0].cite]
    else:
        yearly = {year.year: year.value for year in result.years if year.value is not None}
        latest = result.years[-1].year
        last = result.years[-1].last
        cite = _air_cite(result.derivation)
    if latest not in yearly:
        if not yearly or last_day(last) >= last_day(latest[:4]):
            return None  # the latest year's log runs to its end and still decides nothing: the figure now is unknown
        latest = last = max(yearly)  # a log still running into a year (January's days): the last full year stands
    value = yearly[latest]
    assert not isinstance(value, bool)
    series = yearly if len(result.years) > 1 else None
    return Outcome(latest, value, series, last_day(last), text_zh, text_en, cite)


def _air_cite(derivation: PeriodStatistic | GoodDaysShare) -> Citation:
    if isinstance(derivation, PeriodStatistic):
        return derivation.cite
    return derivation.citations[derivation.limits[0].cite]
