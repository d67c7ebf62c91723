"""How a year's air figure is said, zh and en: the statistic and its days, or why there is none; for
优良天数比例 the good days, the pollutants that spoiled the others, and the editions applied."""

from __future__ import annotations

from collections import Counter

from compliance.assess.air import GoodDaysResult, StatisticResult, YearFigure
from compliance.assess.series import periods_text
from compliance.assess.wording import measured, names
from compliance.model.metric import Catalogue, display
from compliance.model.standards import Citation, DailyValidity

SHOWN_DAYS = 3
"""Undecided days named before the rest are counted."""


def _short(validity: DailyValidity, year: YearFigure, lang: str) -> str:
    listed = periods_text(list(year.short), lang)
    if lang == "zh":
        return (
            f"{year.year}年日数据不足：共{year.days}天，需全年≥{validity.per_year}天、每月≥{validity.per_month}天"
            f"（2月≥{validity.per_february}天）；不足的：{listed}"
        )
    return (
        f"{year.year}: too few daily values ({year.days}; needs {validity.per_year} a year, {validity.per_month}"
        f" a month, {validity.per_february} in February); short: {listed}"
    )


def _cited(cite: Citation, lang: str) -> str:
    return f"{cite.standard} {cite.table}" if lang == "zh" else f"{cite.standard}, {cite.table}"


def statistic_text(result: StatisticResult, year: YearFigure, catalogue: Catalogue, lang: str) -> str:
    derivation = result.derivation
    if year.value is None:
        return _short(derivation.validity, year, lang)
    source = catalogue.metric(derivation.source)
    value = display(year.value, catalogue.metric(derivation.derives), lang)  # as compared: 18.0027, never 18
    if lang == "zh":
        what = "均值" if derivation.statistic == "mean" else f"第{derivation.percentile:g}百分位数"
        return f"{year.year}年{year.days}天{source.name_zh}的{what} {value}（{_cited(derivation.cite, lang)}）"
    what = "mean" if derivation.statistic == "mean" else f"{derivation.percentile:g}th percentile"
    return f"{year.year}: {what} of {year.days} days' {source.name_en} {value} ({_cited(derivation.cite, lang)})"


def _editions(result: GoodDaysResult, year: str, lang: str) -> str:
    """The editions applied in the year, each with the days it covered (2012 to 2026-02-28, 2026 from 2026-03-01)."""
    spans: dict[str, list[str]] = {}
    for day in result.days:
        if day.day[:4] == year:
            for edition in day.editions:
                spans.setdefault(edition, []).append(day.day)
    if lang == "zh":
        return "、".join(f"{e}（{d[0]}至{d[-1]}）" for e, d in spans.items())
    return ", ".join(f"{e} ({d[0]} to {d[-1]})" for e, d in spans.items())


def good_days_text(result: GoodDaysResult, year: YearFigure, catalogue: Catalogue, lang: str) -> str:
    derivation = result.derivation
    if year.short:
        return _short(derivation.validity, year, lang)
    if year.value is None:
        undecided = [d for d in result.days if d.day in year.undecided]
        named = "；".join(f"{d.day} 缺少{names(list(d.missing), catalogue)[0]}" for d in undecided[:SHOWN_DAYS])
        named_en = "; ".join(f"{d.day}: {names(list(d.missing), catalogue)[1]}" for d in undecided[:SHOWN_DAYS])
        if lang == "zh":
            return f"{year.year}年有{len(undecided)}天缺少污染物数据、无法判定是否优良（{named}）"
        return f"{year.year}: {len(undecided)} days lack a pollutant and cannot be judged good or not ({named_en})"
    spoiled = Counter(metric for d in result.days if d.day[:4] == year.year for metric, _, _ in d.over)
    over_zh = "、".join(f"{catalogue.metric(m).name_zh} {n}天" for m, n in spoiled.most_common())
    over_en = ", ".join(f"{catalogue.metric(m).name_en} {n} days" for m, n in spoiled.most_common())
    editions = _editions(result, year.year, lang)
    share = f"{year.value:.1f}%"
    if lang == "zh":
        spoiled_zh = f"；非优良日超过优良限值的污染物：{over_zh}" if over_zh else ""
        return f"{year.year}年优良天数 {year.good}/{year.days} 天，比例 {share}{spoiled_zh}；按 {editions}"
    spoiled_en = f"; days not good, by pollutant over its limit: {over_en}" if over_en else ""
    return f"{year.year}: {year.good} of {year.days} days good, {share}{spoiled_en}; per {editions}"


def day_text(result: GoodDaysResult, day: str, catalogue: Catalogue, lang: str) -> str:
    """One day: good, or which pollutants exceed which limits, or what is missing (for `explain`)."""
    found = next(d for d in result.days if d.day == day)
    if found.good is None:
        missing = names(list(found.missing), catalogue)
        return f"{day} 无法判定（缺少{missing[0]}）" if lang == "zh" else f"{day} undecided ({missing[1]} missing)"
    if found.good:
        return f"{day} 优良" if lang == "zh" else f"{day} good"
    parts = []
    for metric_id, value, limit in found.over:
        metric = catalogue.metric(metric_id)
        shown, bound = measured(value, metric, lang), measured(limit.at_most, metric, lang)
        cite = result.derivation.citations[limit.cite].standard
        name = metric.name_zh if lang == "zh" else metric.name_en
        parts.append(f"{name} {shown} > {bound}（{cite}）" if lang == "zh" else f"{name} {shown} > {bound} ({cite})")
    return f"{day} 非优良：" + "；".join(parts) if lang == "zh" else f"{day} not good: " + "; ".join(parts)
