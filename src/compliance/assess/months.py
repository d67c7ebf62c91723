"""A rule read on a month-by-month (or day-by-day) log of a period's figure: a rate, a concentration, a water class.

The year's figure is the year's mean or assessed class, which the latest month is not. A log that leaves a month of
the twelve to its latest without a figure does not tell it (`straddles.uncovered`: `{2025-12: 17}` is December's
PM2.5, not 2025's): missing data naming the months missing and asking for the year's figure; a rate of what stands
(`Metric.state_rate`: 普及率) is read at its latest month's end instead. Where every month of the year to the latest
is given and gets the same answer from the rule's own tests (`checks.tests_of`), the year's figure gets it too (a
mean lies between its months), and the latest month stands for it; where the months answer the rule differently,
the year's figure is unknown for that rule: missing data naming two months that disagree and asking for the year's
figure. Another rule's tests do not matter: a section at Ⅱ类 and Ⅲ类 in turn meets Ⅰ-Ⅲ类 (JA-0-54) whatever it
does of 全面达到Ⅱ类 (JA-0-14).

A share held to the most it can be (保持100%) is the exception: see `assess.topshare`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from compliance.assess.describe import metric_name
from compliance.assess.series import periods_text
from compliance.model.facts import Facts
from compliance.model.metric import Catalogue, display
from compliance.model.straddles import months_missing, unread_year

Tests = Mapping[str, tuple[tuple[str, float], ...]]
LANGS = ("zh", "en")


def split_months(tests: Tests, facts: Facts, catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    """Per metric of the rule (`tests`) given as a log of months or days that does not tell the year's figure: the
    first and last month of the year to its latest it lacks (`straddles.uncovered`), else two periods its tests answer
    differently."""
    split = {}
    for metric_id, metric_tests in tests.items():
        observation = facts.observations.get(metric_id)
        if observation is not None and observation.series:
            found = unread_year(observation.series, catalogue.metric(metric_id), metric_tests)
            if found is not None:
                split[metric_id] = found
    return split


def split_name(metric_id: str, periods: tuple[str, str], facts: Facts, catalogue: Catalogue, lang: str) -> str:
    """How a split log is named among a finding's missing data: the metric, the months missing or the two months
    that disagree, and what is wanted."""
    metric, series = catalogue.metric(metric_id), facts.observations[metric_id].series or {}
    name = metric_name(metric_id, catalogue, lang)
    if periods[0] not in series:  # months of the year missing (`uncovered`)
        gap = periods_text(months_missing(series), lang)
        latest = next(reversed(series))
        calendar = latest[5:7] == "12"  # the year to a December is that calendar year
        if lang == "zh":
            year = f" {latest[:4]}年的" if calendar else f"截至{latest}的一年的"
            return f"{name}{year}全年数值（只给出了部分月份，缺{gap}；部分月份的数值不代表全年）"
        year = f" for {latest[:4]}" if calendar else f" for the year to {latest}"
        return f"{name}{year} (only some months were given, {gap} missing; some months are not the year)"
    shown = [f"{period}: {display(series[period], metric, lang)}" for period in periods]
    if lang == "zh":
        return f"{name}全年数值（各期结论不一：{'，'.join(shown)}；最近一期不代表全年）"
    return f"{name} for the year (its periods answer differently: {', '.join(shown)}; the latest is not the year)"


def named(
    metrics: list[str],
    names: Iterable[list[str]],
    split: Mapping[str, tuple[str, str]],
    facts: Facts,
    catalogue: Catalogue,
) -> tuple[list[str], list[str]]:
    """The names (zh, en) of missing data, a split log's as the year's figure wanted (`split_name`)."""
    zh, en = (
        [
            split_name(m, split[m], facts, catalogue, lang) if m in split else n
            for m, n in zip(metrics, given, strict=True)
        ]
        for lang, given in zip(LANGS, names, strict=True)
    )
    return zh, en


def years_by_month(
    metrics: list[str],
    names: tuple[list[str], list[str]],
    periods: Mapping[str, list[str]],
    facts: Facts,
    catalogue: Catalogue,
) -> tuple[list[str], list[str]]:
    """`names` (zh, en) of missing data, a year a trend wants (`periods`) that the series gives only by month or day
    (2024-01 … 2024-12 for a change from 2024) named as the year's figure wanted: the months are there, the year's
    figure is not."""
    zh, en = list(names[0]), list(names[1])
    for index, metric_id in enumerate(metrics):
        observation = facts.observations.get(metric_id)
        series = observation.series if observation is not None else None
        wanted = periods.get(metric_id, [])
        by_month = [year for year in wanted if len(year) == 4 and series and any(p[:5] == f"{year}-" for p in series)]
        if not by_month or len(by_month) != len(wanted):
            continue
        years_zh, years_en = "、".join(f"{y}年" for y in by_month), ", ".join(by_month)
        zh[index] = (
            f"{metric_name(metric_id, catalogue, 'zh')} {years_zh}的全年数值（给出的是该年的月度或逐日数据，"
            "不代表全年，须另填全年数值）"
        )
        en[index] = (
            f"{metric_name(metric_id, catalogue, 'en')} for the year {years_en} (only its months or days were given,"
            " which are not the year's figure: give the year's)"
        )
    return zh, en
