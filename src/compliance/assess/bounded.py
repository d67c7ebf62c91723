"""A water class the measurements given bound but do not decide, and the column a drinking-water source is read by.

单因子评价 (GB 3838-2002 表1, the worst parameter decides) makes a missing parameter unable to better a class: the
parameters given already put the year at their worst class or below (氨氮 0.8 mg/L: Ⅲ类 or worse, whatever 溶解氧 is).
That bound (`Undecided`) decides a target it already misses (Ⅱ类及以上) and leaves one it could still meet (Ⅲ类)
wanting the parameters missing; a stated class better than it is contradicted by the site's own figures and is not
used. A drinking-water source is a river or a reservoir, whose 总磷 limits differ: its `water_body_type` chooses the
column; not stated, a class both columns give stands, and one they differ on is undecided, asking for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from compliance.assess.classes import ClassResult, PeriodClass, derive_classes
from compliance.assess.series import periods_text
from compliance.assess.settled import at_least_key
from compliance.assess.stale import old_figures
from compliance.assess.wording import level_name, missed_limit, names, rank_name
from compliance.model.facts import Facts, Observation, Provenance, Undecided
from compliance.model.metric import Catalogue
from compliance.model.periods import last_day
from compliance.model.plan import TrendSpec
from compliance.model.result import ObservedValue
from compliance.model.standards import SingleFactorClass, WaterBody


@dataclass(frozen=True)
class Columns:
    """The class of a site read by both columns (its water body not stated): the river column's result (the one
    used when both agree) and the lake column's."""

    river: ClassResult
    lake: ClassResult


def water_body(derivation: SingleFactorClass, facts: Facts) -> WaterBody | None:
    """The column a site is read by: its kind's, or for a kind that may be either (`body_kinds`) the one its fact
    names; None when that fact is not given."""
    if facts.site.kind not in derivation.body_kinds or derivation.body_metric is None:
        return derivation.water_body(facts.site.kind)
    stated = facts.observations.get(derivation.body_metric)
    if stated is None or stated.value not in ("river", "lake"):
        return None
    return "river" if stated.value == "river" else "lake"


def run_classes(
    derivation: SingleFactorClass, series: Mapping[str, Mapping[str, float]], facts: Facts
) -> ClassResult | Columns:
    body = water_body(derivation, facts)
    kind = facts.site.kind
    if body is not None:
        return derive_classes(derivation, series, kind, body)
    return Columns(derive_classes(derivation, series, kind, "river"), derive_classes(derivation, series, kind, "lake"))


def yearly(result: ClassResult) -> dict[str, str]:
    """The level of each year decided."""
    classes = result.derivation
    return {
        year.period: classes.classes[year.rank] if year.rank < len(classes.classes) else classes.worse
        for year in result.years
        if year.rank is not None
    }


def full_year(result: ClassResult) -> PeriodClass | None:
    """The latest year whose log runs to its end (a year's mean of January alone bounds nothing), if any."""
    last = last_day(result.periods[-1].period)
    done = [year for year in result.years if last >= last_day(year.period)]
    return done[-1] if done else None


def _rank(year: PeriodClass) -> int:
    return year.rank if year.rank is not None else (year.at_least or 0)


def bound_of(result: ClassResult, catalogue: Catalogue) -> Undecided | None:
    """What the parameters given say of the latest full year they leave undecided: the class it is at least, the
    parameters at that class, and the parameters missing."""
    year = full_year(result)
    if year is None or year.rank is not None or year.unsampled:  # months not sampled: better or worse, no bound
        return None
    metric = result.derivation.derives
    listed = names(list(year.missing), catalogue)
    when_zh, when_en = periods_text([year.period], "zh"), year.period
    return Undecided(
        metric=metric,
        at_least=_level(result, _rank(year)),
        period=year.period,
        why_zh=_why(result, year, catalogue, "zh"),
        why_en=_why(result, year, catalogue, "en"),
        needs_zh=f"{when_zh}的{listed[0]}",
        needs_en=f"{listed[1]} for {when_en}",
    )


def _level(result: ClassResult, rank: int) -> str:
    classes = result.derivation
    return classes.classes[rank] if rank < len(classes.classes) else classes.worse


def _why(result: ClassResult, year: PeriodClass, catalogue: Catalogue, lang: str) -> str:
    """`Ⅲ类或更差（2025年已给出的参数：氨氮 0.8 mg/L 超过 Ⅱ类限值 0.5 mg/L；…；缺少溶解氧…，具体类别无法判定）`."""
    at = _rank(year)
    name = rank_name(result, at, catalogue, lang)
    sep = "；" if lang == "zh" else "; "
    given = sep.join(missed_limit(result, p, catalogue, lang) for p in year.bounding)
    listed = names(list(year.missing), catalogue)
    standard = result.derivation.citations[result.derivation.parameters[0].cite].standard
    if lang == "zh":
        when = periods_text([year.period], "zh")
        return f"{name}或更差（由监测数据判定，{standard} 单因子评价，{when}：{given}；缺少{listed[0]}，只会更差）"
    return (
        f"{name} or worse (derived from measurements, {standard} single-factor, {year.period}: {given}; {listed[1]}"
        " missing, which can only make it worse)"
    )


def columns_bound(columns: Columns, catalogue: Catalogue) -> Undecided | None:
    """Both columns read, what they leave: None when they give the same yearly classes (that class stands), else
    the better of their classes (or bounds) for the latest full year, asking for the water body type."""
    if yearly(columns.river) == yearly(columns.lake) and yearly(columns.river):
        return None
    river, lake = full_year(columns.river), full_year(columns.lake)
    if river is None or lake is None:
        return None
    derivation = columns.river.derivation
    metric = catalogue.metric(derivation.derives)
    body = catalogue.metric(derivation.body_metric or "")
    at = min(_rank(river), _rank(lake))
    pairs = ((columns.river, river), (columns.lake, lake))
    said = {lang: [_said(result, year, catalogue, lang) for result, year in pairs] for lang in ("zh", "en")}
    missing = list(dict.fromkeys([*river.missing, *lake.missing]))
    listed = names(missing, catalogue) if missing else ("", "")
    level = _level(columns.river, at)
    shown = level_name(metric, level)
    more_zh, more_en = (f"，及{listed[0]}", f", and {listed[1]}") if missing else ("", "")
    return Undecided(
        metric=metric.id,
        at_least=level,
        period=river.period,
        why_zh=f"{shown[0]}或更差（由监测数据判定：未填{body.name_zh}，按河流限值{said['zh'][0]}，按湖库限值{said['zh'][1]}）",
        why_en=f"{shown[1]} or worse (derived from measurements: {body.name_en} not stated; by the river column"
        f" {said['en'][0]}, by the lake/reservoir column {said['en'][1]})",
        needs_zh=f"{body.name_zh}（河流型或湖库型：总磷的河流、湖库限值不同，两列判定结果不一：按河流限值{said['zh'][0]}，"
        f"按湖库限值{said['zh'][1]}）{more_zh}",
        needs_en=f"{body.name_en} (river or lake/reservoir: total phosphorus has a limit for each, and the columns"
        f" disagree: {said['en'][0]} by the river column, {said['en'][1]} by the lake one){more_en}",
    )


def _said(result: ClassResult, year: PeriodClass, catalogue: Catalogue, lang: str) -> str:
    """`2025年Ⅳ类`, `2025年Ⅲ类或更差`: a column's class for the year (its bound when undecided)."""
    when = periods_text([year.period], "zh") if lang == "zh" else year.period
    name = rank_name(result, _rank(year), catalogue, lang)
    if year.rank is None:
        name += "或更差" if lang == "zh" else " or worse"
    return f"{when}{name}" if lang == "zh" else f"{when} {name}"


def _of_period(period: str, bounded: str) -> bool:
    """Whether a stated period is the bound's, or a month of the bound's year (2025-12 of a 2025 bound: the class
    of the year's last month, read for the year, which the year's measurements bound as they bound the year)."""
    return period == bounded or (len(bounded) == 4 and len(period) == 7 and period[:4] == bounded)


def stated_then(stated: Observation, bound: Undecided, catalogue: Catalogue) -> float | bool | str | None:
    """The best class stated for the bound's period (its year, or a month of it), or the stated value undated."""
    if stated.series is None:
        return stated.value
    metric = catalogue.metric(bound.metric)
    said = [v for p, v in stated.series.items() if _of_period(p, bound.period) and isinstance(v, str)]
    ranked = [(index, v) for v in said if (index := metric.level_index(v)) is not None]
    return min(ranked)[1] if ranked else None


def contradicted(stated: Observation, bound: Undecided, catalogue: Catalogue) -> bool:
    """Whether a stated class for the bound's year (or a month of it) is better than the class the measurements
    already prove."""
    metric = catalogue.metric(bound.metric)
    value = stated_then(stated, bound, catalogue)
    if value is None or isinstance(value, bool):
        return False
    said, proven = metric.level_index(str(value)), metric.level_index(bound.at_least)
    return said is not None and proven is not None and said < proven


def without(stated: Observation, period: str) -> Observation | None:
    """The stated class less the year the measurements contradict and its months; its other years (a 2020 baseline)
    stay when a later one is stated, while earlier years alone never stand in for the year the bound decides."""
    rest = {p: v for p, v in (stated.series or {}).items() if not _of_period(p, period)}
    if not rest or next(reversed(rest)) < period:
        return None
    return stated.model_copy(update={"series": rest, "value": rest[next(reversed(rest))]})


def bound_numbers(facts: Facts, catalogue: Catalogue) -> dict[str, float]:
    """The engine fields of the classes the measurements bound (`settled.at_least_key`), for those left absent."""
    return {
        at_least_key(metric_id): float(catalogue.metric(metric_id).level_index(bound.at_least) or 0)
        for metric_id, bound in facts.undecided.items()
        if metric_id not in facts.observations
    }


def bound_shown(bound: Undecided, catalogue: Catalogue) -> ObservedValue | None:
    """A bound as a finding shows it among the values read (`Ⅲ类或更差（…）`); none for the best class, which says
    nothing."""
    metric = catalogue.metric(bound.metric)
    if not metric.level_index(bound.at_least):
        return None
    return ObservedValue(
        metric=metric.id,
        name_zh=metric.name_zh,
        name_en=metric.name_en,
        value=bound.at_least,
        display_zh=bound.why_zh,
        display_en=bound.why_en,
        observed_on=last_day(bound.period),
    )


def old_bounds(
    reads: tuple[Iterable[str], Sequence[TrendSpec]],
    facts: Facts,
    due: dt.date | None,
    recent: tuple[dt.date, frozenset[str]],
    catalogue: Catalogue,
    deadline: bool,
) -> set[str]:
    """The bounds of a year before the one a target wants (a 2024 bound says nothing of 2025), as `stale` reads a
    stated class of that year."""
    if not facts.undecided:
        return set()
    observations = dict(facts.observations)
    for metric_id, bound in facts.undecided.items():
        dated = Provenance(observed_on=last_day(bound.period))
        series: dict[str, float | bool | str] = {bound.period: bound.at_least}
        as_stated = Observation(metric=metric_id, value=bound.at_least, series=series, provenance=dated)
        observations.setdefault(metric_id, as_stated)
    as_if = facts.model_copy(update={"observations": observations})
    old = old_figures(reads[0], reads[1], as_if, due, recent, catalogue, deadline=deadline)
    return {metric_id for metric_id in old.unknown if metric_id in facts.undecided}


def bound_names(
    absent: list[str], names: tuple[list[str], list[str]], facts: Facts, old: set[str], catalogue: Catalogue
) -> tuple[list[str], list[str]]:
    """`names`, a class the measurements bound named with what would decide it (水质类别（须补：2025年的溶解氧…）)."""
    zh, en = list(names[0]), list(names[1])
    for at, metric_id in enumerate(absent):
        bound = facts.undecided.get(metric_id)
        if bound is not None and metric_id not in old and metric_id not in facts.observations:
            metric = catalogue.metric(metric_id)
            zh[at] = f"{metric.name_zh}（由监测数据判定尚缺：{bound.needs_zh}）"
            en[at] = f"{metric.name_en} (to derive it from measurements: {bound.needs_en})"
    return zh, en
