"""What a finding names as missing: each metric with the periods or the year wanted; and a condition some of
whose facts are missing, which may be decided all the same (`unsure_condition`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from compliance.assess import incidents, reasons
from compliance.assess.bounded import bound_names
from compliance.assess.describe import metric_name
from compliance.assess.months import LANGS, named, years_by_month
from compliance.assess.places import PlaceReader
from compliance.assess.series import DIVISIONS, begins_after_baseline, periods_text, wanted_periods
from compliance.assess.settled import applies_anyway, deciding, never_applies
from compliance.assess.stale import OldFigures, early_names, missing_names
from compliance.assess.wantedyear import with_years
from compliance.engine import derive
from compliance.model.facts import Facts
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.metric import Catalogue
from compliance.model.periods import last_ended, next_period, period_start, year_ended
from compliance.model.plan import FROM_BASELINE, Plan, Requirement, TrendSpec
from compliance.model.result import Status


def absent_names(
    absent: list[str],
    undecided: list[TrendSpec],
    read: tuple[Facts, Facts | None],
    unknown: tuple[OldFigures, dict[str, list[str]], Mapping[str, tuple[str, str]], set[str]],
    dates: tuple[dt.date, dt.date | None, bool],
    of: tuple[Plan, Catalogue],
    standing: bool = False,
) -> tuple[list[str], list[str]]:
    """The names (zh, en) of the `absent` metrics: the periods a trend lacks (`undecided`), an old figure's year
    wanted (`unknown`: the old figures, the periods with incidents not covered, the months that disagree), the
    year a standing duty is read on (`dates`: as-of, due, whether the due date is a dated target's; `standing`: no
    target of the requirement is dated); a class the measurements bound, with what would decide it (`unknown`'s
    last: those bounds of a year older than the one wanted, named by the year instead)."""
    (facts, raw), (old, gaps, split, aged), (plan, catalogue) = read, unknown, of
    due = dates[1]

    def series_of(metric_id: str) -> dict[str, float | bool | str] | None:
        observation = facts.observations.get(metric_id)
        return observation.series if observation is not None else None

    periods = wanted_periods(undecided, series_of)
    single = {s.metric for s in undecided if (o := facts.observations.get(s.metric)) and o.series is None}
    late = {} if facts.site.kind in DIVISIONS else begins_after_baseline(undecided, series_of)  # a division: 请补填
    names = missing_names(absent, catalogue, periods, single, old, due, late, plan.ends)
    names = years_by_month(
        absent, early_names(absent, names, old, (due, plan.ends), catalogue), periods, facts, catalogue
    )
    names = incidents.with_gaps(absent, named(absent, names, split, facts, catalogue), gaps, catalogue)
    names = _monthly(absent, names, undecided, (facts, dates[0]), catalogue)
    names = _after_baseline(absent, names, undecided, (facts, dates[0]), catalogue)
    names = with_years(absent, names, dates, plan, raw, catalogue, standing)
    names = _with_holes(absent, names, (facts, dates[0]), catalogue)
    names = _set_aside(absent, names, facts, catalogue)
    return bound_names(absent, _from_zero(absent, names, undecided, series_of, catalogue), facts, aged, catalogue)


def _monthly(
    absent: list[str],
    names: tuple[list[str], list[str]],
    undecided: list[TrendSpec],
    read: tuple[Facts, dt.date],
    catalogue: Catalogue,
) -> tuple[list[str], list[str]]:
    """`names`, a fact of each month (`Metric.per_month`) read every month from a year (`each` with a `baseline`:
    每月达标 from the plan's first year) and given by no monthly log named with the months wanted: from that year's
    first to the last month ended by the as-of date (生态下泄流量当月达标 2025年1月–2026年5月各月的记录)."""
    (facts, as_of), zh, en = read, list(names[0]), list(names[1])
    for spec in undecided:
        observation = facts.observations.get(spec.metric)
        first = derive.each_start(spec, ["0000-00"])  # its first month: the grain of a sample month
        if first is None or spec.metric not in absent or not catalogue.metric(spec.metric).per_month:
            continue
        if observation is not None and any(len(period) == 7 for period in observation.series or ()):
            continue  # a log given: the months it lacks are named from it (a yearly 否 alone is none: `failed_years`)
        months, month = [], first
        while month <= last_ended(first, as_of):
            months.append(month)
            month = next_period(month)
        at, single = absent.index(spec.metric), observation is not None and not observation.series
        name_zh, name_en = (metric_name(spec.metric, catalogue, lang) for lang in LANGS)
        span = (periods_text(months, "zh"), periods_text(months, "en")) if months else (f"自{first}起", f"from {first}")
        zh[at] = f"{name_zh} {span[0]}各月的记录（按月填报{'，只给出了单个值' if single else ''}）"
        en[at] = f"{name_en}: the monthly log for {span[1]}" + " (a single value was given)" * single
    return zh, en


def _after_baseline(
    absent: list[str],
    names: tuple[list[str], list[str]],
    undecided: list[TrendSpec],
    read: tuple[Facts, dt.date],
    catalogue: Catalogue,
) -> tuple[list[str], list[str]]:
    """`names`, a change from a baseline year (较2024年: 逐步下降, 稳中有进) given that year but none after it named
    with the years wanted, and, where no year after the baseline has ended by the as-of date, saying so: nothing
    more can be given yet (单位GDP能耗 2025年或以后的数据（2024年之后尚无已结束的年度，2025年结束后才能判定）)."""
    (facts, as_of), zh, en = read, list(names[0]), list(names[1])
    for spec in undecided:
        base, observation = spec.baseline, facts.observations.get(spec.metric)
        if spec.rule not in FROM_BASELINE or base is None or len(base) != 4 or spec.metric not in absent:
            continue
        series = observation.series if observation is not None else None
        if not series or base not in series or any(period[:4] > base for period in series):
            continue
        at, after = absent.index(spec.metric), int(base) + 1
        if zh[at] != metric_name(spec.metric, catalogue, "zh"):
            continue  # already named with what is wanted
        if year_ended(as_of) <= int(base):
            why_zh = f"{base}年之后尚无已结束的年度，{after}年结束后才能判定"
            why_en = f"no year after {base} has ended yet: it can be judged once {after} has ended"
        else:
            why_zh, why_en = f"给出的最新时期为 {base}", f"the latest period given is {base}"
        zh[at] = f"{zh[at]} {after}年或以后的数据（{why_zh}）"
        en[at] = f"{en[at]}: a figure of {after} or later ({why_en})"
    return zh, en


def _with_holes(
    absent: list[str], names: tuple[list[str], list[str]], read: tuple[Facts, dt.date], catalogue: Catalogue
) -> tuple[list[str], list[str]]:
    """`names`, a log left without a value by periods missing inside the year read (`Facts.holes`, those begun by
    the as-of date) named with them (河湖生态流量得到保障 2026-05), not with a year it already reaches."""
    (facts, as_of), zh, en = read, list(names[0]), list(names[1])
    for at, metric_id in enumerate(absent):
        if holes := [p for p in facts.holes.get(metric_id, ()) if period_start(p) <= as_of]:
            zh[at] = f"{metric_name(metric_id, catalogue, 'zh')} {'、'.join(holes[:5])}{'等' if len(holes) > 5 else ''}"
            en[at] = (
                f"{metric_name(metric_id, catalogue, 'en')} for {', '.join(holes[:5])}{' …' if len(holes) > 5 else ''}"
            )
    return zh, en


def _set_aside(
    absent: list[str], names: tuple[list[str], list[str]], facts: Facts, catalogue: Catalogue
) -> tuple[list[str], list[str]]:
    """`names`, a fact set aside for what it lacks (`Facts.wanted`: an act logged across its plan's issue date)
    named with what is wanted."""
    zh, en = list(names[0]), list(names[1])
    for at, metric_id in enumerate(absent):
        if (wanted := facts.wanted.get(metric_id)) is not None:
            zh[at] = f"{metric_name(metric_id, catalogue, 'zh')}{wanted[0]}"
            en[at] = f"{metric_name(metric_id, catalogue, 'en')}{wanted[1]}"
    return zh, en


def _from_zero(
    absent: list[str],
    names: tuple[list[str], list[str]],
    undecided: list[TrendSpec],
    series_of: Callable[[str], dict[str, float | bool | str] | None],
    catalogue: Catalogue,
) -> tuple[list[str], list[str]]:
    """`names`, a percent change from a baseline given as 0 (较2020年下降14% from 0) said so: no later figure can
    decide it, so the reason says why rather than naming a year that was given."""
    zh, en = list(names[0]), list(names[1])
    for spec in undecided:
        series = series_of(spec.metric)
        if series is None or spec.metric not in absent:
            continue
        if derive.zero_base(spec, derive.series_numbers(series, catalogue.metric(spec.metric))):
            at, base = absent.index(spec.metric), spec.baseline
            zh[at] = (
                f"{metric_name(spec.metric, catalogue, 'zh')}（{base}年为0，无法计算较{base}年的变化率；"
                "本要求按变化率判定，请人工核查）"
            )
            en[at] = (
                f"{metric_name(spec.metric, catalogue, 'en')} ({base} was 0, so no percent change from {base} can be"
                " computed; this requirement reads a percent change: review it in person)"
            )
    return zh, en


def unsure_condition(
    requirement: Requirement,
    reads: tuple[tuple[str, ...], Mapping[str, tuple[str, str]]],
    facts: Facts,
    context: reasons.Context,
    known: Mapping[str, float],
    of: tuple[Catalogue, PlaceReader],
) -> tuple[Status, tuple[str, str], list[str]] | None:
    """A condition some of whose facts (`reads`: those of the condition, and the months that disagree) are missing:
    not applicable when a branch given fails its all-of, missing data unless a branch given holds its any-of; None
    when all are given or it applies whatever the rest would be."""
    (catalogue, places), (condition, split) = of, reads
    absent = [m for m in condition if m not in facts.observations or m in split]
    if not absent:
        return None
    sure = {field: number for field, number in known.items() if field not in split} if split else known
    if never_applies(requirement, sure, catalogue):  # a branch given fails an all-of
        failing = deciding(requirement.applies.condition, None, sure, catalogue)
        return Status.NOT_APPLICABLE, reasons.condition_false(context, requirement.applies, failing), []
    if applies_anyway(requirement, sure, catalogue):  # a branch given holds an any-of
        return None
    plain = ([metric_name(m, catalogue, lang) for m in absent] for lang in LANGS)
    names = named(absent, plain, split, facts, catalogue)
    place = "" if PLACE_METRIC not in absent else places.unsure_by(facts.site)
    if place == "township":
        place = f"township:{facts.site.attributes.get('township') or facts.site.name}"
    return Status.INSUFFICIENT_DATA, reasons.missing(context, *names, for_condition=True, place=place), absent
