"""Dated series in findings: which periods break a trend rule, the change from a baseline, and how a
series is shown (`2024: 512.3 吨；2025: 498.1 吨`).

Used by every check's reasons and, once per site with a series, by the batch; compiled with the batch's
per-row modules (see hatch_build.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from compliance.engine import derive
from compliance.model.checks import trends_of
from compliance.model.logread import reached_in, read_over
from compliance.model.metric import Catalogue, Metric, MetricType, display
from compliance.model.periods import next_period
from compliance.model.plan import FROM_BASELINE, Requirement, TrendSpec
from compliance.model.unitnames import unit_shown


def notes_on_series(
    requirement: Requirement,
    series_of: Callable[[str], dict[str, float | bool | str] | None],
    catalogue: Catalogue,
) -> dict[str, list[str]]:
    """The series notes of a requirement's trend rules, from each metric's dated series (None: none given)."""

    def numbers_of(metric_id: str) -> dict[str, float] | None:
        series = series_of(metric_id)
        return None if series is None else derive.series_numbers(series, catalogue.metric(metric_id))

    return series_notes_text(requirement, series_findings(requirement, numbers_of, catalogue), catalogue)


class Change(NamedTuple):
    """A change from a baseline: in percent (change_from; None from a baseline of 0) and in the metric's unit."""

    percent: float | None
    difference: float


SeriesFinding = tuple[int, Change | tuple[str, ...] | None]
"""Per trend rule of a check (by position): its change from the baseline, or the periods that break it."""


def change_of(spec: TrendSpec, numbers: dict[str, float]) -> Change | None:
    """The change from `spec`'s baseline to the latest period after it; None without both."""
    difference = derive.difference_of_numbers(spec, numbers)
    if difference is None:
        return None
    if spec.rule == "difference_from" or derive.zero_base(spec, numbers):
        return Change(None, difference)
    return Change(derive.change_of_numbers(spec, numbers), difference)


def series_findings(
    requirement: Requirement,
    numbers_of: Callable[[str], dict[str, float] | None],
    catalogue: Catalogue,
) -> tuple[SeriesFinding, ...]:
    """What the series notes say, before wording: each trend rule's change or breaking periods."""
    found: list[SeriesFinding] = []
    for index, spec in enumerate(trends_of(requirement.check)):
        numbers = numbers_of(spec.metric)
        if numbers is None:
            continue
        if spec.rule in FROM_BASELINE:
            found.append((index, change_of(spec, numbers)))
        else:
            breaks = derive.breaks_of_numbers(spec, numbers, catalogue.metric(spec.metric))
            found.append((index, None if breaks is None else tuple(breaks)))
    return tuple(found)


def change_shown(
    spec: TrendSpec, change: float, metric: Metric, lang: str, against: tuple[float, ...] = (), in_unit: bool = False
) -> str:
    """A change from a baseline as shown: in percent (+5.71%), or for difference_from (or `in_unit`) in the metric's
    unit (-0.01, +3 个; a percent's in points: +0.50 个百分点). Two decimals, or as many more as it takes for the
    change to stand on its own side of each target it is held to (`against`): a fall of 13.9997% against 下降14% is
    -13.9997%, not a -14.00% that reads as met."""
    digits = _digits(change, against)
    if spec.rule != "difference_from" and not in_unit:
        return f"{change:+.{digits}f}%"
    if metric.type == MetricType.PERCENT:
        return f"{change:+.{digits}f} " + ("个百分点" if lang == "zh" else "pp")
    return f"{change:+.{digits}f}" + (f" {unit_shown(metric, lang)}" if metric.unit else "")


def changes_shown(spec: TrendSpec, change: Change, metric: Metric, lang: str, against: tuple[float, ...] = ()) -> str:
    """A change from a baseline as a reason shows it: a percent's change in points, beside its relative change
    when the rule reads that (+0.20 个百分点（相对变化 +0.35%）); from a baseline of 0, the difference and why no
    percent change is read (+10.00 个百分点（2024年为0，不能计算相对变化率，按升降方向判定））."""
    base, zh = spec.baseline, lang == "zh"
    if spec.rule == "difference_from":
        return change_shown(spec, change.difference, metric, lang, against)
    if change.percent is not None and metric.type != MetricType.PERCENT:  # a relative change alone, as most are
        return change_shown(spec, change.percent, metric, lang, against)
    difference = change_shown(spec, change.difference, metric, lang, (0.0,), in_unit=True)  # a rise never shows +0.00
    if change.percent is None:
        if derive.sign_only(spec) and spec.op == "<" and change.difference == 0:  # `derive.floor_held`
            if zh:
                return f"{difference}（{base}年与最近一年均为0，已无可再减，不算未做到）"
            return f"{difference} (0 in {base} and in the latest year: nothing left to cut, no breach)"
        how = ("，按升降方向判定" if zh else "; read by its direction") if derive.sign_only(spec) else ""
        if zh:
            return f"{difference}（{base}年为0，不能计算相对变化率{how}）"
        return f"{difference} ({base} was 0: no percent change{how})"
    relative = change_shown(spec, change.percent, metric, lang, against)
    return f"{difference}（相对变化 {relative}）" if zh else f"{difference} (relative change {relative})"


def _digits(value: float, against: tuple[float, ...]) -> int:
    """The decimals (two at least) that keep `value`, rounded, on the same side of every target as unrounded."""
    digits = 2
    while digits < derive.CHANGE_DIGITS and any(_side(round(value, digits), t) != _side(value, t) for t in against):
        digits += 1
    return digits


def _side(value: float, target: float) -> int:
    return (value > target) - (value < target)


def targets_against(spec: TrendSpec, requirement: Requirement) -> tuple[float, ...]:
    """The numbers a change from a baseline is held to: the trend's own value, else each of the requirement's
    targets' (下降14% is -14)."""
    values = [spec.value] if spec.value is not None else [target.value for target in requirement.targets]
    return tuple(float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool))


def no_series_notes() -> dict[str, list[str]]:
    """The notes of a requirement with no trend rule (or no series): every list empty."""
    return {"series_zh": [], "series_en": [], "breaks_zh": [], "breaks_en": []}


def series_notes_text(
    requirement: Requirement, found: tuple[SeriesFinding, ...], catalogue: Catalogue
) -> dict[str, list[str]]:
    notes = no_series_notes()
    specs = trends_of(requirement.check)
    for index, outcome in found:
        spec = specs[index]
        if spec.rule in FROM_BASELINE:
            if isinstance(outcome, Change):
                metric, against = catalogue.metric(spec.metric), targets_against(spec, requirement)
                zh, en = (changes_shown(spec, outcome, metric, lang, against) for lang in ("zh", "en"))
                notes["series_zh"].append(f"较{spec.baseline}年变化 {zh}")
                notes["series_en"].append(f"change from {spec.baseline}: {en}")
        elif isinstance(outcome, tuple) and outcome and not isinstance(outcome, Change):
            metric = catalogue.metric(spec.metric)
            notes["breaks_zh"].append(f"{metric.name_zh}不满足要求的时期：{'、'.join(outcome)}")
            notes["breaks_en"].append(f"periods where {metric.name_en} breaks the rule: {', '.join(outcome)}")
    return notes


def wanted_periods(
    specs: list[TrendSpec], series_of: Callable[[str], dict[str, float | bool | str] | None]
) -> dict[str, list[str]]:
    """Per metric, the periods its undecided trend rules need that its series lacks (none: no entry)."""
    wanted: dict[str, list[str]] = {}
    for spec in specs:
        series = series_of(spec.metric)
        periods = derive.wanting(spec, list(series)) if series is not None else []
        if periods:
            known = wanted.setdefault(spec.metric, [])
            known.extend(p for p in periods if p not in known)
    return {metric: sorted(periods) for metric, periods in wanted.items()}


DIVISIONS = ("city", "district", "township", "village")
"""Kinds that are administrative divisions: one stood in every base year, so a series of it that starts later lacks a
figure its statistics hold (请补填), never one it cannot have had, as a farm built after the base year has none."""


def begins_after_baseline(
    specs: list[TrendSpec], series_of: Callable[[str], dict[str, float | bool | str] | None]
) -> dict[str, str]:
    """Per metric whose undecided change from a base year lacks that year and begins after it (a farm built after
    2024 never has it), that base year: the reason says why it is still asked for. A series that begins before the
    base year and skips it just lacks it."""
    found: dict[str, str] = {}
    for spec in specs:
        series = series_of(spec.metric) or {}
        given = [period for period, value in series.items() if value is not None and value != ""]
        if spec.baseline is not None and late_start(spec, given):
            found[spec.metric] = spec.baseline
    return found


def late_start(spec: TrendSpec, given: list[str]) -> bool:
    """Whether a change from a base year lacks that year because the periods given all come after it (a site
    built later): its reason says so, so a batch row's class tells it apart (`batch.rowfacts`)."""
    base = spec.baseline
    return spec.rule in FROM_BASELINE and base is not None and bool(given) and base not in given and min(given) > base


def periods_text(periods: list[str], lang: str) -> str:
    """`2022年`, `2019年–2021年`, `2025年3月` (en `2022`, `2019–2021`, `2025-03`): runs as ranges."""
    runs: list[list[str]] = []
    for period in periods:
        if runs and next_period(runs[-1][1]) == period:
            runs[-1][1] = period
        else:
            runs.append([period, period])

    def shown(period: str) -> str:
        if lang != "zh":
            return period
        if len(period) == 4:
            return f"{period}年"
        day = f"{int(period[8:10])}日" if len(period) == 10 else ""
        return f"{period[:4]}年{int(period[5:7])}月{day}"

    texts = [shown(a) if a == b else f"{shown(a)}–{shown(b)}" for a, b in runs]
    return ("、" if lang == "zh" else ", ").join(texts)


def series_text(shown: list[tuple[str, str]], lang: str) -> str:
    """`2021: 1.2 吨；2022: 1.1 吨`, from each period and its value as displayed."""
    return ("；" if lang == "zh" else "; ").join([f"{period}: {text}" for period, text in shown])


def series_display(series: dict[str, float | bool | str], metric: Metric, lang: str) -> str:
    """A series' periods and values as people read them (`series_text`), with what the plan's time makes of it
    (`series_said`)."""
    text = series_text([(period, display(value, metric, lang)) for period, value in series.items()], lang)
    return text + series_said(series, metric, lang)


def series_said(series: dict[str, float | bool | str], metric: Metric, lang: str) -> str:
    """For a yes/no log every period must meet (`series_value: lowest`), the periods of the year read that are 否;
    for an act a prohibition forbids (`Metric.forbidden_from`), the first period of the plan's time it happened in;
    for a lasting yes/no (`Metric.reached_from`), the first it was reached in; else nothing."""
    log = metric.series_value == "lowest" and metric.type == MetricType.BOOLEAN
    if not log and metric.reached_from is None and metric.forbidden_from is None:  # most series: nothing to say
        return ""
    reached = reached_in(series, metric)
    if log:  # every period must be 是 (保障生态流量)
        short = [p for p in read_over(list(series), metric) if series[p] is False]
        if short and lang == "zh":
            return f"（不满足要求的时期：{'、'.join(short)}）"
        return f" (periods that break the rule: {', '.join(short)})" if short else ""
    if reached is not None:
        if lang == "zh":
            return f"（{reached} 已做到，一经做到即保持）"
        return f" (reached in {reached}: once reached, it stays reached)"
    breach = next((p for p in read_over(list(series), metric) if series[p] is True), None)
    if metric.forbidden_from is None or breach is None:
        return ""
    if lang == "zh":
        return f"（{breach} 发生，方案期内发生一次即违反，此后各期为“否”不能抵消）"
    return f" (it happened in {breach}: once in the plan's time breaks it; later 'no' periods do not undo it)"
