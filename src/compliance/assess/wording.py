"""How a derived class is said, zh and en: the class, the deciding parameters and the limits they miss."""

from __future__ import annotations

from compliance.assess.classes import ClassResult, ParameterClass, PeriodClass
from compliance.assess.grades import GradeResult, IndicatorGrades
from compliance.assess.series import periods_text
from compliance.model.metric import Catalogue, Metric, display

SHOWN_DIGITS = 4
"""Significant digits a measured value or mean is shown with (a mean of 0.0616667 reads 0.06167)."""


def measured(value: float, metric: Metric, lang: str) -> str:
    return display(float(f"{value:.{SHOWN_DIGITS}g}"), metric, lang)


def names(metric_ids: list[str], catalogue: Catalogue) -> tuple[str, str]:
    """`氨氮、总磷` / `ammonia nitrogen, total phosphorus`."""
    metrics = [catalogue.metric(m) for m in metric_ids]
    return "、".join(m.name_zh for m in metrics), ", ".join(m.name_en for m in metrics)


def level_name(metric: Metric, level: float | bool | str) -> tuple[str, str]:
    return display(level, metric, "zh"), display(level, metric, "en")


def rank_name(result: ClassResult, rank: int, catalogue: Catalogue, lang: str) -> str:
    derivation = result.derivation
    level = derivation.classes[rank] if rank < len(derivation.classes) else derivation.worse
    zh, en = level_name(catalogue.metric(derivation.derives), level)
    return zh if lang == "zh" else en


def missed_limit(result: ClassResult, parameter: ParameterClass, catalogue: Catalogue, lang: str) -> str:
    """`氨氮 0.62 mg/L 超过 Ⅱ类限值 0.5 mg/L`: the limit of the class just better than the parameter's."""
    metric = catalogue.metric(parameter.metric)
    better = parameter.rank - 1
    bound = parameter.limit.limits[result.derivation.classes[better]]
    value, limit = measured(parameter.value, metric, lang), display(bound, metric, lang)
    better_name = rank_name(result, better, catalogue, lang)
    if lang == "zh":
        verb = "低于" if parameter.limit.direction == ">=" else "超过"
        return f"{metric.name_zh} {value} {verb} {better_name}限值 {limit}"
    verb = "below" if parameter.limit.direction == ">=" else "above"
    return f"{metric.name_en} {value} {verb} the {better_name} limit {limit}"


def period_class_text(result: ClassResult, period: PeriodClass, catalogue: Catalogue, lang: str) -> str:
    """`Ⅲ类：氨氮 0.62 mg/L 超过 Ⅱ类限值 0.5 mg/L`, or what the period lacks."""
    sep = "；" if lang == "zh" else "; "
    if period.unsampled:
        gap = periods_text(list(period.unsampled), lang)
        if lang == "zh":
            return f"无法判定（{gap}没有监测数据，至少每半年须监测一次；部分月份不代表全年）"
        return (
            f"undecided ({gap} not sampled: at least one sample each half-year is needed; some months are not the year)"
        )
    if period.rank is None:
        listed = names(list(period.missing), catalogue)
        return f"无法判定（缺少{listed[0]}）" if lang == "zh" else f"undecided ({listed[1]} missing)"
    name = rank_name(result, period.rank, catalogue, lang)
    if period.rank == 0:
        why = "各参数均达到该类限值" if lang == "zh" else "every parameter within its limits"
    else:
        why = sep.join(missed_limit(result, p, catalogue, lang) for p in period.deciding)
    reported = [p for p in period.parameters if not p.limit.decides]
    notes = [_reported(result, p, catalogue, lang) for p in reported]
    return sep.join([f"{name}：{why}" if lang == "zh" else f"{name}: {why}", *notes])


def _reported(result: ClassResult, parameter: ParameterClass, catalogue: Catalogue, lang: str) -> str:
    metric = catalogue.metric(parameter.metric)
    value = measured(parameter.value, metric, lang)
    name = rank_name(result, parameter.rank, catalogue, lang)
    if lang == "zh":
        return f"{metric.name_zh} {value}（{name}，单独评价，不参与定类）"
    return f"{metric.name_en} {value} ({name}, reported separately, does not set the class)"


def _when(period: str, lang: str) -> str:
    return periods_text([period], lang)


def class_text(result: ClassResult, year: PeriodClass, catalogue: Catalogue, lang: str) -> str:
    """The year's class and why, then the periods of that year worse than it or undecided."""
    statistic = result.derivation.year_statistic
    read = year.parameters or tuple(p for period in result.periods for p in period.parameters)
    editions = ("、" if lang == "zh" else ", ").join(dict.fromkeys(p.citation.standard for p in read))
    if lang == "zh":
        basis = f"{year.samples}期均值" if statistic == "mean" else f"{year.samples}期中最差"
        head = f"{_when(year.period, lang)}（{basis}，{editions}）{period_class_text(result, year, catalogue, lang)}"
    else:
        basis = f"mean of {year.samples} periods" if statistic == "mean" else f"worst of {year.samples} periods"
        head = f"{year.period} ({basis}, {editions}) {period_class_text(result, year, catalogue, lang)}"
    worse = [
        p
        for p in result.periods
        if p.period[:4] == year.period and len(p.period) > 4 and (p.rank is None or p.rank > (year.rank or 0))
    ]
    if not worse:
        return head
    listed = [f"{_when(p.period, lang)} {period_class_text(result, p, catalogue, lang)}" for p in worse]
    if lang == "zh":
        return f"{head}；其中 " + "；".join(listed)
    return f"{head}; of its periods: " + "; ".join(listed)


def _indicator_text(result: GradeResult, graded: IndicatorGrades, rank: int, catalogue: Catalogue, lang: str) -> str:
    """`氨氮 4次读数中 75% 达到轻度黑臭（> 8 mg/L）`."""
    metric = catalogue.metric(graded.indicator.metric)
    grade = result.derivation.grades[rank]
    bound = display(graded.indicator.thresholds[grade], metric, lang)
    sign = "<" if graded.indicator.worse_when == "lower" else ">"
    grade_zh, grade_en = level_name(catalogue.metric(result.derivation.derives), grade)
    share = f"{graded.share(rank):g}%"
    count = len(graded.readings)
    if lang == "zh":
        return f"{metric.name_zh} {count}次读数中 {share} 达到{grade_zh}（{sign} {bound}）"
    return f"{metric.name_en}: {share} of {count} readings {grade_en} ({sign} {bound})"


def grade_text(result: GradeResult, catalogue: Catalogue, lang: str) -> str:
    """`轻度黑臭：氨氮 4次读数中 75% 达到轻度黑臭（> 8 mg/L）`, or none reached."""
    derivation = result.derivation
    sep = "；" if lang == "zh" else "; "
    metric = catalogue.metric(derivation.derives)
    if result.rank is None:
        listed = names(list(result.missing), catalogue)
        need = derivation.min_readings
        if lang == "zh":
            return f"无法判定（{listed[0]}读数不足{need}次）"
        return f"undecided ({listed[1]}: fewer than {need} readings)"
    zh, en = level_name(metric, derivation.grades[result.rank])
    name = zh if lang == "zh" else en
    if result.rank == 0:
        why = "各指标均未达到黑臭分级所需比例" if lang == "zh" else "no indicator reaches a grade's share of readings"
    else:
        why = sep.join(_indicator_text(result, g, result.rank, catalogue, lang) for g in result.deciding)
    return f"{name}：{why}" if lang == "zh" else f"{name}: {why}"
