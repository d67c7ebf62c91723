"""How far a site is from a target: the one place gaps are computed, for `check`, the reports and the batch.

A gap is measured only on what was observed: a missing value, a series too short to tell, or a check that
is not a number (yes/no, a category) gives no gap at all, never a made-up one. Percent targets are short by
percentage points (差 2.9 个百分点 / 2.9 pp short), counts by how many more are needed (还需 3 个), ceilings by
how much over (超出 …); series rules by the periods that break them; dated targets add the days past the
deadline (target in force) or the days left before it (next target).
The batch fills each written finding's gap per row from `gap_fields` too, writing its JSON without the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from compliance.assess.series import change_shown
from compliance.engine import derive
from compliance.model.metric import Catalogue, Metric, MetricType
from compliance.model.plan import FROM_BASELINE, AllOf, AnyOf, Check, Comparison, Scalar, Trend, TrendSpec
from compliance.model.result import Gap
from compliance.model.unitnames import unit_shown

PERCENT_POINTS = "pp"
PERCENT_CHANGE = "%"
"""A change from a baseline is a percent of the baseline's value, not percentage points."""
COUNT_UNITS = frozenset({"个", "次", "起", "种", "位", "人", "家", "座", "处"})
"""Units of things counted one by one: a shortfall reads 还需 3 个 / 3 more needed."""
CLASSES = "classes"
"""The unit of a gap between levels of an ordinal metric (water class Ⅳ against Ⅱ: 2 classes)."""

NumberOf = Callable[[str], float | None]
"""A metric's engine number for the site (None: not observed)."""
SeriesOf = Callable[[str], dict[str, float] | None]
"""A metric's dated series as engine numbers (None: no series)."""


@dataclass
class Part:
    """A gap before the deadline is added: met or not, how much, in what, which periods, in words. Not frozen: one is
    made per site per finding, and a compiled frozen dataclass sets each field through `object.__setattr__`."""

    met: bool
    amount: float | None = None
    unit: str = ""
    periods: tuple[str, ...] = ()
    zh: str = ""
    en: str = ""


GapFields = tuple[bool, float | None, str, tuple[str, ...], int | None, int | None, str, str]
"""A `Gap`'s fields in its order: the batch writes one per site per finding without making the model."""


def gap_model(fields: GapFields | None) -> Gap | None:
    """The `Gap` of `gap_fields`' fields: every one already of the model's type (the amount made a float), so it
    is not validated again."""
    if fields is None:
        return None
    met, amount, unit, periods, days_overdue, days_left, zh, en = fields
    return Gap.model_construct(
        met=met,
        amount=amount,
        unit=unit,
        periods=list(periods),
        days_overdue=days_overdue,
        days_left=days_left,
        text_zh=zh,
        text_en=en,
    )


def gap_fields(
    check: Check | None,
    target: Scalar | list[Scalar] | None,
    due: dt.date | None,
    ahead: bool,
    as_of: dt.date,
    number_of: NumberOf,
    series_of: SeriesOf,
    catalogue: Catalogue,
) -> GapFields | None:
    """The gap of a site to one target of a check (`ahead`: the next target, else the one in force), as its fields
    (`gap_model` makes the model of them)."""
    if check is None:
        return None
    part = _part(check, target, number_of, series_of, catalogue)
    if part is None:
        return None
    days_overdue = (as_of - due).days if due is not None and not ahead and not part.met else None
    days_left = (due - as_of).days if due is not None and ahead else None
    zh = part.zh if not part.met else "已达到"
    en = part.en if not part.met else "met"
    if days_overdue is not None:
        zh, en = f"{zh}，已逾期 {days_overdue} 天", f"{en}, {days_overdue} days overdue"
    if days_left is not None:
        zh, en = f"{zh}，距期限 {days_left} 天", f"{en}, {days_left} days left"
    amount = 0.0 if part.met and part.amount is not None else part.amount
    return (
        part.met,
        float(amount) if amount is not None else None,
        part.unit,
        part.periods,
        days_overdue,
        days_left,
        zh,
        en,
    )


def _part(
    check: Check, target: Scalar | list[Scalar] | None, number_of: NumberOf, series_of: SeriesOf, catalogue: Catalogue
) -> Part | None:
    if isinstance(check, Comparison):
        value = check.value if check.value is not None else target
        return _comparison(check.op, value, number_of(check.metric), catalogue.metric(check.metric))
    if isinstance(check, Trend):
        return _trend(check.trend, target, series_of(check.trend.metric), catalogue.metric(check.trend.metric))
    if isinstance(check, AllOf | AnyOf):
        children = check.all if isinstance(check, AllOf) else check.any
        parts = [_part(child, target, number_of, series_of, catalogue) for child in children]
        if any(part is None for part in parts):
            return None
        known = [part for part in parts if part is not None]
        met = all(p.met for p in known) if isinstance(check, AllOf) else any(p.met for p in known)
        either = isinstance(check, AnyOf)
        return Part(met=True) if met else _merged([p for p in known if not p.met], either)
    return None  # a negated check has no distance to speak of


def _merged(parts: list[Part], either: bool) -> Part:
    """Several unmet parts of one check as one gap: their periods together, their words joined (`either`: any
    one part met would do)."""
    if len(parts) == 1:
        return parts[0]
    periods = tuple(dict.fromkeys(period for part in parts for period in part.periods))
    return Part(
        met=False,
        periods=periods,
        zh=("，或" if either else "；").join(dict.fromkeys(p.zh for p in parts)),
        en=(", or " if either else "; ").join(dict.fromkeys(p.en for p in parts)),
    )


def _comparison(op: str, value: Scalar | list[Scalar] | None, observed: float | None, metric: Metric) -> Part | None:
    if observed is None or value is None or isinstance(value, list):
        return None
    if metric.type == MetricType.BOOLEAN and isinstance(value, bool) and op in ("==", "!="):
        met = (observed == float(value)) == (op == "==")  # no amount: a yes/no target is met or not
        return Part(met, zh="未达到", en="not met")
    if isinstance(value, bool) or op not in (">=", ">", "<=", "<"):
        return None
    if metric.type == MetricType.ORDINAL:
        wanted = metric.level_index(str(value))
        if wanted is None:
            return None
        return _distance(op, float(wanted), observed, CLASSES, "个类别", "class(es)")
    if metric.type not in (MetricType.NUMBER, MetricType.PERCENT) or isinstance(value, str):
        return None
    if metric.type == MetricType.PERCENT:
        return _distance(op, float(value), observed, PERCENT_POINTS, "个百分点", "pp")
    return _distance(op, float(value), observed, metric.unit, metric.unit, unit_shown(metric, "en"))


def _distance(op: str, wanted: float, observed: float, unit: str, unit_zh: str, unit_en: str) -> Part:
    """How far `observed` is from `op wanted`: short of a floor, over a ceiling (levels: a lower rank is better)."""
    floor = op in (">=", ">")
    if unit == CLASSES:  # levels are ranked best first: `<= Ⅱ` is a ceiling on the rank
        floor = not floor
        observed, wanted = -observed, -wanted
    amount = round(wanted - observed if floor else observed - wanted, 6)
    strict = op in (">", "<")
    met = amount < 0 or (amount == 0 and not strict)
    shown = _number(abs(amount))
    if unit == CLASSES:
        return Part(met, abs(amount), unit, zh=f"差 {shown} 个类别", en=f"{shown} {unit_en} short")
    if not floor:
        return Part(met, abs(amount), unit, zh=f"超出 {shown}{_space(unit_zh)}", en=f"{shown}{_space(unit_en)} over")
    if unit in COUNT_UNITS:
        needed = f"{abs(amount) + 1 if strict else abs(amount):.6g}"
        return Part(met, abs(amount), unit, zh=f"还需 {needed} {unit_zh}", en=f"{needed} more needed")
    exceed_zh, exceed_en = ("（须高于目标值）", " (must exceed the target)") if strict else ("", "")
    zh = f"差 {shown}{_space(unit_zh)}{exceed_zh}"
    return Part(met, abs(amount), unit, zh=zh, en=f"{shown}{_space(unit_en)} short{exceed_en}")


def _space(unit: str) -> str:
    return f" {unit}" if unit and unit != PERCENT_CHANGE else unit


def _number(amount: float) -> str:
    """An amount as people write it: two decimals at most from 1 up, three significant digits below 1."""
    return f"{round(amount, 2):g}" if amount >= 1 else f"{amount:.3g}"


def _trend(
    spec: TrendSpec, target: Scalar | list[Scalar] | None, numbers: dict[str, float] | None, metric: Metric
) -> Part | None:
    if numbers is None:
        return None
    if spec.rule in FROM_BASELINE:
        if derive.sign_only(spec) and derive.zero_base(spec, numbers):  # from 0: how far in the metric's unit
            spec = spec.model_copy(update={"rule": "difference_from"})
        change = derive.change_of_numbers(spec, numbers)
        value = spec.value if spec.value is not None else target
        if change is None or spec.op is None or not isinstance(value, int | float) or isinstance(value, bool):
            return None
        if spec.rule == "change_from":  # how far the change is from the one asked: points of change, not a share
            part = _distance(spec.op, float(value), change, PERCENT_CHANGE, PERCENT_CHANGE, PERCENT_CHANGE)
            points, above = _number(part.amount or 0.0), spec.op == ">"
            zh, en = f"差 {points} 个百分点", f"{points} pp short"
            zh, en = (f"{zh}（须高于目标值）", f"{en} (must exceed the target)") if above else (zh, en)
            part = Part(part.met, part.amount, part.unit, zh=zh, en=en)
        elif metric.type == MetricType.PERCENT:
            part = _distance(spec.op, float(value), change, PERCENT_POINTS, "个百分点", "pp")
        else:
            part = _distance(spec.op, float(value), change, metric.unit, metric.unit, unit_shown(metric, "en"))
        against = (float(value),)  # the gap is in points of the change the rule reads: shown beside that change
        zh = f"较{spec.baseline}年变化 {change_shown(spec, change, metric, 'zh', against)}，{part.zh}"
        en = f"change from {spec.baseline} {change_shown(spec, change, metric, 'en', against)}, {part.en}"
        return Part(part.met, part.amount, part.unit, zh=zh, en=en)
    breaks = derive.breaks_of_numbers(spec, numbers, metric)
    if breaks is None:
        return None
    listed_zh, listed_en = "、".join(breaks), ", ".join(breaks)
    zh = f"{metric.name_zh}不满足要求的时期：{listed_zh}"
    return Part(not breaks, periods=tuple(breaks), zh=zh, en=f"periods breaking the rule: {listed_en}")


def comparison_of(check: Check | None, target: Scalar | list[Scalar] | None, catalogue: Catalogue) -> dict[str, Any]:
    """A target's operator, value and unit when its check is one comparison (or one change from a baseline):
    what a program reading the JSON compares against; nothing for a composite check."""
    if isinstance(check, Comparison):
        metric = catalogue.metric(check.metric)
        value = check.value if check.value is not None else target
        return {"op": check.op, "value": value, "unit": metric.unit}
    if isinstance(check, Trend) and check.trend.rule in FROM_BASELINE:
        value = check.trend.value if check.trend.value is not None else target
        metric = catalogue.metric(check.trend.metric)
        unit = "%" if check.trend.rule == "change_from" else metric.unit
        unit = PERCENT_POINTS if metric.type == MetricType.PERCENT and check.trend.rule == "difference_from" else unit
        return {"op": check.trend.op, "value": value, "unit": unit}
    return {}
