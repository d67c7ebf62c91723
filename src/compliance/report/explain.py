"""`compliance explain`: one requirement's finding for one site, with the full derivation of every class it
reads from measurements (each parameter per period with its class, the worst, the statistic over periods)."""

from __future__ import annotations

from compliance.assess.air import GoodDaysResult, StatisticResult
from compliance.assess.air_words import day_text, good_days_text, statistic_text
from compliance.assess.classes import ClassResult, PeriodClass
from compliance.assess.grades import GradeResult
from compliance.assess.measured import Derived
from compliance.assess.wording import grade_text, measured, period_class_text, rank_name
from compliance.model.metric import Catalogue, display
from compliance.model.result import Finding
from compliance.model.standards import Citation, PeriodStatistic
from compliance.report.words import STATUS


def render(finding: Finding, derived: list[Derived], catalogue: Catalogue, lang: str) -> str:
    zh = lang == "zh"
    status = STATUS["zh" if zh else "en"][finding.status]
    title = finding.title_zh if zh else finding.title_en
    lines = [f"{finding.requirement}  {title}  {status}", f"  {finding.reason_zh if zh else finding.reason_en}"]
    if not derived:
        none = (
            "（本要求读取的指标均非由监测数据判定）"
            if zh
            else "(no value this requirement reads was derived from measurements)"
        )
        lines += ["", none]
    for item in derived:
        lines += ["", *_derivation(item, catalogue, lang)]
    return "\n".join(lines) + "\n"


def _citation(citation: Citation, lang: str) -> str:
    if lang == "zh":
        until = f"，{citation.until}止" if citation.until else ""
        return (
            f"{citation.standard}《{citation.title_zh}》{citation.table}，{citation.edition}年版，"
            f"{citation.effective}起施行{until}（可信度：{citation.confidence.value}）"
        )
    until = f" until {citation.until}" if citation.until else ""
    return (
        f"{citation.standard} {citation.table}, edition {citation.edition}, in force from {citation.effective}{until}"
        f" (confidence: {citation.confidence.value})"
    )


def _derivation(item: Derived, catalogue: Catalogue, lang: str) -> list[str]:
    result = item.result
    derivation = result.derivation
    zh = lang == "zh"
    title = derivation.title_zh if zh else derivation.title_en
    lines = [f"{title}" + (f" → {catalogue.metric(derivation.derives).name_zh}" if zh else "")]
    citations = [derivation.cite] if isinstance(derivation, PeriodStatistic) else derivation.citations.values()
    cites = dict.fromkeys(_citation(c, lang) for c in citations)
    lines += [f"  {'依据' if zh else 'per'} {c}" for c in cites]
    if isinstance(result, GradeResult):
        return lines + _grade_lines(result, catalogue, lang)
    if isinstance(result, StatisticResult):
        return lines + [f"  {statistic_text(result, year, catalogue, lang)}" for year in result.years]
    if isinstance(result, GoodDaysResult):
        lines += [f"  {good_days_text(result, year, catalogue, lang)}" for year in result.years]
        return lines + [f"      {day_text(result, d.day, catalogue, lang)}" for d in result.days if not d.good]
    column = {"river": ("河流", "river"), "lake": ("湖库", "lake/reservoir")}[result.water_body]
    lines.append(f"  {'水体类型' if zh else 'water body'}: {column[0] if zh else column[1]}")
    for period in (*result.periods, *result.years):
        lines += _period_lines(result, period, catalogue, lang)
    if item.stated is not None:
        said = item.stated.provenance.source or ("填报" if zh else "stated")
        stated = catalogue.metric(derivation.derives)
        lines.append(f"  {'填报值' if zh else 'stated'}: {display(item.stated.value, stated, lang)} ({said})")
    return lines


def _period_lines(result: ClassResult, period: PeriodClass, catalogue: Catalogue, lang: str) -> list[str]:
    zh = lang == "zh"
    label = period.period
    if len(period.period) == 4 and result.periods and len(result.periods[0].period) > 4:
        statistic = result.derivation.year_statistic
        if statistic == "mean":
            label += f"（{period.samples}期均值）" if zh else f" (mean of {period.samples} periods)"
        else:
            label += f"（{period.samples}期中最差）" if zh else f" (worst of {period.samples} periods)"
    lines = [f"  {label}: {period_class_text(result, period, catalogue, lang)}"]
    for parameter in period.parameters:
        metric = catalogue.metric(parameter.metric)
        name = metric.name_zh if zh else metric.name_en
        grade = rank_name(result, parameter.rank, catalogue, lang)
        worst = parameter.limit.decides and parameter.rank == period.rank
        deciding = ("  ← 最差" if zh else "  ← worst") if worst else ""
        lines.append(f"      {name} {measured(parameter.value, metric, lang)} → {grade}{deciding}")
    return lines


def _grade_lines(result: GradeResult, catalogue: Catalogue, lang: str) -> list[str]:
    zh = lang == "zh"
    derivation = result.derivation
    grades = catalogue.metric(derivation.derives)
    lines = [f"  {grade_text(result, catalogue, lang)}"]
    rule = (
        f"  规则：一项指标≥{derivation.one_indicator_share:g}%读数、或两项指标≥{derivation.two_indicators_share:g}%"
        f"读数达到某级即为该级；每项指标至少{derivation.min_readings}次读数"
        if zh
        else f"  rule: one indicator with ≥{derivation.one_indicator_share:g}% of its readings at a grade, or two"
        f" with ≥{derivation.two_indicators_share:g}%, sets that grade;"
        f" each indicator needs {derivation.min_readings} readings"
    )
    lines.append(rule)
    for graded in result.indicators:
        metric = catalogue.metric(graded.indicator.metric)
        readings = [
            f"{period} {measured(value, metric, lang)} → {display(derivation.grades[rank], grades, lang)}"
            for period, value, rank in graded.readings
        ]
        lines.append(f"  {metric.name_zh if zh else metric.name_en}:")
        lines += [f"      {reading}" for reading in readings]
    return lines
