"""Checks and targets in words, in Chinese and English."""

from __future__ import annotations

from compliance.model.checks import KIND_METRIC
from compliance.model.gazetteer import NO_PLACE, PLACE_METRIC
from compliance.model.metric import Catalogue, Metric, MetricType, display
from compliance.model.plan import AllOf, AnyOf, Check, Comparison, Not, RulePack, Scalar, Trend, TrendSpec
from compliance.model.unitnames import unit_shown

_OPS = {
    "zh": {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠", "in": "属于", "not_in": "不属于"},
    "en": {
        ">=": "≥",
        ">": ">",
        "<=": "≤",
        "<": "<",
        "==": "=",
        "!=": "≠",
        "in": "is one of",
        "not_in": "is not one of",
    },
}
_ORDINAL_OPS = {
    "zh": {"<=": "达到或优于", "<": "优于", ">=": "不优于", ">": "劣于"},
    "en": {"<=": "at or better than", "<": "better than", ">=": "no better than", ">": "worse than"},
}
_JOIN = {"zh": {"all": "，且", "any": "，或"}, "en": {"all": " and ", "any": " or "}}


def metric_name(metric_id: str, catalogue: Catalogue, lang: str) -> str:
    metric = catalogue.metric(metric_id)
    return metric.name_zh if lang == "zh" else metric.name_en


def describe(check: Check, target: Scalar | list[Scalar] | None, catalogue: Catalogue, lang: str) -> str:
    """`农村生活污水治理率 ≥ 75%`, `water class at or better than II`, joined with and/or/not."""
    if isinstance(check, Comparison):
        metric = catalogue.metric(check.metric)
        raw = check.value if check.value is not None else target
        values = raw if isinstance(raw, list) else [raw]
        shown = [display(_canonical(v), metric, lang) for v in values if v is not None]
        sep = "、" if lang == "zh" else ", "
        if metric.type == MetricType.BOOLEAN and check.op in ("==", "!=") and shown:
            positive = (values[0] is True) == (check.op == "==")
            if lang == "zh":
                return f"{metric.name_zh}：{'是' if positive else '否'}"
            return f"{metric.name_en}: {'yes' if positive else 'no'}"
        op = _ORDINAL_OPS[lang].get(check.op) if metric.type == MetricType.ORDINAL else None
        op = op or _OPS[lang][check.op]
        name = metric.name_zh if lang == "zh" else metric.name_en
        return f"{name} {op} {sep.join(shown)}"
    if isinstance(check, Trend):
        return _trend(check.trend, target, catalogue, lang)
    if isinstance(check, Not):
        inner = describe(check.not_, target, catalogue, lang)
        return f"并非（{inner}）" if lang == "zh" else f"not ({inner})"
    key = "all" if isinstance(check, AllOf) else "any"
    children = check.all if isinstance(check, AllOf) else check.any
    parts = []
    for child in children:
        text = describe(child, target, catalogue, lang)
        if isinstance(child, AllOf | AnyOf):  # "A, and (B or C)": the grouping the check has
            text = f"（{text}）" if lang == "zh" else f"({text})"
        parts.append(text)
    return _JOIN[lang][key].join(parts)


def _canonical(value: Scalar) -> float | bool | str:
    if isinstance(value, bool | str):
        return value
    return float(value)


_STEPS = {
    "zh": {
        "decreasing": "逐期下降",
        "non_increasing": "逐期不升",
        "increasing": "逐期提高",
        "non_decreasing": "逐期不降",
    },
    "en": {
        "decreasing": "falls every period",
        "non_increasing": "never rises from one period to the next",
        "increasing": "rises every period",
        "non_decreasing": "never falls from one period to the next",
    },
}


def _trend(spec: TrendSpec, target: Scalar | list[Scalar] | None, catalogue: Catalogue, lang: str) -> str:
    metric = catalogue.metric(spec.metric)
    name = metric.name_zh if lang == "zh" else metric.name_en
    if spec.rule in _STEPS[lang]:
        if spec.baseline:
            since = f"{spec.baseline}年起" if lang == "zh" else f"from {spec.baseline} on, "
            return f"{name} {since}{_STEPS[lang][spec.rule]}"
        return f"{name} {_STEPS[lang][spec.rule]}"
    op = _OPS[lang][spec.op or "=="]
    if spec.rule == "each":
        shown = display(_canonical(spec.value), metric, lang) if spec.value is not None else "?"
        if lang == "zh":
            return f"{name} {spec.baseline}年起每期 {op} {shown}" if spec.baseline else f"{name} 每期 {op} {shown}"
        return f"{name} {op} {shown} in every period" + (f" from {spec.baseline} on" if spec.baseline else "")
    raw = spec.value if spec.value is not None else target
    unit = "%" if spec.rule == "change_from" else (f" {unit_shown(metric, lang)}" if metric.unit else "")
    if spec.rule == "difference_from" and metric.type == MetricType.PERCENT:  # a difference of percents: points
        unit = " 个百分点" if lang == "zh" else " pp"
    change = f"{raw}{unit}" if not isinstance(raw, list) else "?"
    if lang == "zh":
        return f"{name} 较{spec.baseline}年变化 {op} {change}"
    return f"{name} change from {spec.baseline} {op} {change}"


_PROGRESS = {
    "under_way": (
        "是/否（已开展、实施中即为是；未完成不说明是否已开展，不予读取）",
        "yes/no; work under way is yes (已开展, 实施中), 未完成 is refused: it says not whether the work has begun",
    ),
    "done": (
        "是/否（须已完成；已开展、实施中不算完成）",
        "yes/no; yes once complete, 已开展 or 实施中 is not complete",
    ),
}
"""What a yes/no duty's answer must say, by how far its work must have got (`Metric.progress`)."""


def allowed_values(metric: Metric, kinds: list[str], pack: RulePack, plans: list[str] | None = None) -> tuple[str, str]:
    """What a fact may be, zh and en: 是/否, its levels (for named_place, the places of these kinds that `plans`, or
    any plan, name), or a range."""
    if metric.type == MetricType.BOOLEAN:
        return _PROGRESS.get(metric.progress or "", ("是/否", "yes/no"))
    if metric.levels:
        levels = metric.levels
        if metric.id == PLACE_METRIC:
            named = {
                p.name for p in pack.gazetteer.places if set(p.kinds) & set(kinds) and p.plan in (plans or [p.plan])
            }
            levels = [level for level in levels if level.id in named or level.id == NO_PLACE]
        elif metric.id == KIND_METRIC:  # the rule's own kinds, not every kind of the catalogue
            levels = [level for level in levels if level.id in kinds]
        return " / ".join(level.name_zh for level in levels), " / ".join(level.name_en for level in levels)
    unit = f"（{metric.unit}）" if metric.unit else ""
    low = "" if metric.minimum is None else f"{metric.minimum:g}"
    high = "" if metric.maximum is None else f"{metric.maximum:g}"
    span = f" {low}–{high}" if low or high else ""
    unit_en = f" ({unit_shown(metric, 'en')})" if metric.unit else ""
    return f"数值{unit}{span}", f"a number{unit_en}{span}"
