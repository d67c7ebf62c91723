"""Facts that give measurements instead of a class: the class derived by the standards pack, and explained.

A site whose kind a derivation covers and whose facts give any of its measured parameters gets the derived
metric (water_quality_class, black_odorous_grade) as an observation like any stated one, so every rule that
reads it works unchanged. The observation carries why (the deciding parameters and their limits). A stated
value that the measurements contradict is replaced by the measured one and the disagreement is said; a
stated value the measurements cannot decide stays, and a notice says what the measurements lack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from compliance.assess.classes import ClassResult, derive_classes, last_day
from compliance.assess.grades import GradeResult, derive_grade
from compliance.assess.wording import class_text, grade_text, level_name, names
from compliance.engine.compile import metrics_of
from compliance.model.facts import Facts, Notice, Observation, Provenance
from compliance.model.metric import Catalogue
from compliance.model.plan import Requirement
from compliance.model.standards import GradedThresholds, SingleFactorClass, StandardsPack


@dataclass(frozen=True)
class Derived:
    """One derivation run for a site: its result, the observation it gives (None: undecided), and the
    value stated in the facts, if any."""

    result: ClassResult | GradeResult
    observation: Observation | None
    stated: Observation | None


def measured_series(facts: Facts, metrics: list[str]) -> tuple[dict[str, dict[str, float]], list[str]]:
    """metric -> period -> value of the measured parameters given, and those given as one undated value."""
    series: dict[str, dict[str, float]] = {}
    undated: list[str] = []
    for metric in dict.fromkeys(metrics):
        observation = facts.observations.get(metric)
        if observation is None:
            continue
        if observation.series is not None:
            series[metric] = {p: float(v) for p, v in observation.series.items() if isinstance(v, float)}
        elif observation.provenance.observed_on is not None and isinstance(observation.value, float):
            series[metric] = {observation.provenance.observed_on.isoformat(): observation.value}
        else:
            undated.append(metric)
    return series, undated


def derive_all(facts: Facts, standards: StandardsPack, catalogue: Catalogue) -> tuple[Facts, list[Derived]]:
    """The facts with every derivable class added (or put in place of a stated one), and what was derived."""
    observations = dict(facts.observations)
    notices = list(facts.notices)
    done: list[Derived] = []
    for derivation in standards.derivations:
        if facts.site.kind not in derivation.kinds:
            continue
        inputs = (
            [p.metric for p in derivation.parameters]
            if isinstance(derivation, SingleFactorClass)
            else [i.metric for i in derivation.indicators]
        )
        series, undated = measured_series(facts, inputs)
        if undated:
            listed = names(undated, catalogue)
            notices.append(
                Notice(
                    text_zh=f"{listed[0]}只给出了单个值，未注明日期：请按月或按日期填报序列（series），才能据以判定类别",
                    text_en=f"{listed[1]}: a single undated value; give a series by month or date to derive a class",
                )
            )
        if not series:
            continue
        stated = facts.observations.get(derivation.derives)
        derived = _derive(derivation, series, facts.site.kind, catalogue, stated)
        done.append(derived)
        notices.extend(_notices(derived, catalogue))
        if derived.observation is not None:
            observations[derivation.derives] = derived.observation
    return facts.model_copy(update={"observations": observations, "notices": notices}), done


def _derive(
    derivation: SingleFactorClass | GradedThresholds,
    series: Mapping[str, Mapping[str, float]],
    kind: str,
    catalogue: Catalogue,
    stated: Observation | None,
) -> Derived:
    metric = catalogue.metric(derivation.derives)
    if isinstance(derivation, SingleFactorClass):
        result: ClassResult | GradeResult = derive_classes(derivation, series, kind)
        assert isinstance(result, ClassResult)
        latest = result.years[-1]
        if latest.rank is None:
            return Derived(result, None, stated)
        decided = {y.period: _level(derivation, y.rank) for y in result.years if y.rank is not None}
        value: str = decided[latest.period]
        observed_on = last_day(result.periods[-1].period)
        text_zh, text_en = class_text(result, latest, catalogue, "zh"), class_text(result, latest, catalogue, "en")
        series_out: dict[str, float | bool | str] | None = dict(decided.items()) if len(result.years) > 1 else None
        cite = derivation.citations[derivation.parameters[0].cite]
    else:
        result = derive_grade(derivation, series)
        if result.rank is None:
            return Derived(result, None, stated)
        value = derivation.grades[result.rank]
        readings = [p for values in series.values() for p in values]
        observed_on = last_day(max(readings))
        text_zh, text_en = grade_text(result, catalogue, "zh"), grade_text(result, catalogue, "en")
        series_out = None
        cite = derivation.citations[derivation.indicators[0].cite]
    if stated is not None and stated.value != value:
        said = level_name(metric, stated.value)
        text_zh += f"；填报为{said[0]}，与监测数据判定不一致，按监测数据"
        text_en += f"; stated as {said[1]}, which the measurements contradict: the measured class is used"
    observation = Observation(
        metric=metric.id,
        value=value,
        series=series_out,
        provenance=Provenance(
            source=f"由监测数据判定（{cite.standard} {cite.table}）/ derived from measurements ({cite.standard})",
            observed_on=observed_on,
        ),
        derived_zh=f"由监测数据判定：{text_zh}",
        derived_en=f"derived from measurements: {text_en}",
    )
    return Derived(result, observation, stated)


def _level(derivation: SingleFactorClass, rank: int) -> str:
    return derivation.classes[rank] if rank < len(derivation.classes) else derivation.worse


def _notices(derived: Derived, catalogue: Catalogue) -> list[Notice]:
    """What the inspector should know: measurements that cannot decide the class (and a stated class kept)."""
    if derived.observation is not None:
        return []
    result = derived.result
    if isinstance(result, GradeResult):
        text_zh, text_en = grade_text(result, catalogue, "zh"), grade_text(result, catalogue, "en")
    else:
        text_zh, text_en = (
            class_text(result, result.years[-1], catalogue, "zh"),
            class_text(result, result.years[-1], catalogue, "en"),
        )
    title = catalogue.metric(result.derivation.derives)
    kept_zh = "；保留填报值" if derived.stated is not None else ""
    kept_en = "; the stated value is kept" if derived.stated is not None else ""
    return [
        Notice(
            text_zh=f"{title.name_zh}无法由监测数据判定：{text_zh}{kept_zh}",
            text_en=f"the {title.name_en} cannot be derived from the measurements: {text_en}{kept_en}",
        )
    ]


def derivations_read(derived: list[Derived], requirement: Requirement) -> list[Derived]:
    """The derivations of the metrics a requirement reads (its check and its condition)."""
    read = metrics_read(requirement)
    return [d for d in derived if d.result.derivation.derives in read]


def metrics_read(requirement: Requirement) -> set[str]:
    """The metrics a requirement's check and condition read."""
    return {*metrics_of(requirement.check), *metrics_of(requirement.applies.condition)}


def unread_notices(derived: list[Derived], read: set[str], catalogue: Catalogue) -> list[Notice]:
    """A class derived that no requirement applying to the site reads would show nowhere: a notice shows it."""
    notices = []
    for item in derived:
        observation = item.observation
        if observation is None or observation.metric in read:
            continue
        metric = catalogue.metric(observation.metric)
        notices.append(
            Notice(
                text_zh=f"{metric.name_zh}{observation.derived_zh}；本站点适用的要求不读取此项",
                text_en=f"{metric.name_en} {observation.derived_en}; no requirement for this site reads it",
            )
        )
    return notices
