"""Facts that give measurements instead of a class: the class derived by the standards pack, and explained.

A site whose kind a derivation covers and whose facts give any of its measured parameters gets the derived
metric (water_quality_class, black_odorous_grade) as an observation like any stated one, so every rule that
reads it works unchanged. The observation carries why (the deciding parameters and their limits). A stated
value that the measurements contradict is replaced by the measured one and the disagreement is said; a
stated value the measurements cannot decide stays, and a notice says what the measurements lack.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from compliance.assess.bounded import (
    Columns,
    bound_of,
    columns_bound,
    contradicted,
    run_classes,
    stated_then,
    without,
    yearly,
)
from compliance.assess.deniedfacts import set_aside_denied
from compliance.assess.outcomes import Outcome, Result, outcome, run, texts
from compliance.assess.wording import level_name, names
from compliance.model.checks import metrics_of
from compliance.model.facts import Facts, Notice, Observation, Provenance, Undecided
from compliance.model.metric import Catalogue, Metric
from compliance.model.plan import Requirement, RulePack
from compliance.model.standards import SingleFactorClass, StandardDerivation, StandardsPack, inputs_of


@dataclass(frozen=True)
class Derived:
    """One derivation run for a site: its result, the observation it gives (None: undecided), and the
    value stated in the facts, if any."""

    result: Result
    observation: Observation | None
    stated: Observation | None
    undecided: Undecided | None = None
    """Undecided, what the measurements bound (a class no better than …, and what would decide it)."""
    dropped: bool = False
    """Whether the stated value was set aside: better than the class the measurements already prove."""
    lake: Result | None = None
    """A site read by both columns (its water body not stated): the lake column's result beside `result`."""
    period: str | None = None
    """The period `observation` is of: a class's latest year, a grade's last reading's day."""


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
    undecided = dict(facts.undecided)
    done: list[Derived] = []
    for derivation in standards.derivations:
        if facts.site.kind not in derivation.kinds:
            continue
        series, undated = measured_series(facts, inputs_of(derivation))
        if undated:
            listed = names(undated, catalogue)
            notices.append(
                Notice(
                    text_zh=f"{listed[0]}只给出了单个值，未注明日期：请按月或按日期填报序列（series），才能据以判定类别",
                    text_en=f"{listed[1]}: a single undated value; give a series by month or date to derive a class",
                )
            )
        if getattr(derivation, "validity", None) is not None:  # a statistic of daily values (GB 3095)
            series = _daily_only(series, catalogue, notices)
        if not series:
            continue
        stated = facts.observations.get(derivation.derives)
        derived = _derived(derivation, series, facts, catalogue)
        done.append(derived)
        notices.extend(_notices(derived, catalogue))
        if derived.observation is not None:
            observations[derivation.derives] = derived.observation
        elif derived.undecided is not None and (stated is None or derived.dropped):
            undecided[derivation.derives] = derived.undecided
            if stated is not None and (rest := without(stated, derived.undecided.period)) is not None:
                observations[derivation.derives] = rest
            else:
                observations.pop(derivation.derives, None)
    ran = ((d.result.derivation, d.observation, d.period, d.undecided) for d in done)
    observations, denied = set_aside_denied(ran, observations, facts.site.kind, catalogue)  # 属黑臭水体 否 disproved
    notices.extend(denied)
    update = {"observations": observations, "notices": notices, "undecided": undecided}
    return facts.model_copy(update=update), done


def _derived(
    derivation: StandardDerivation, series: Mapping[str, Mapping[str, float]], facts: Facts, catalogue: Catalogue
) -> Derived:
    """One derivation's outcome for the site; a class undecided carries what the measurements bound, and a stated
    class better than that bound is set aside (`dropped`)."""
    stated = facts.observations.get(derivation.derives)
    if not isinstance(derivation, SingleFactorClass):
        return _derive(run(derivation, series, facts.site.kind), catalogue, stated)
    ran = run_classes(derivation, series, facts)
    if isinstance(ran, Columns):
        if yearly(ran.river) and yearly(ran.river) == yearly(ran.lake):  # both columns give the same classes
            return _both(_derive(ran.river, catalogue, stated), catalogue.metric(derivation.body_metric or ""))
        derived = Derived(ran.river, None, stated, columns_bound(ran, catalogue), lake=ran.lake)
    else:
        derived = _derive(ran, catalogue, stated)
        if derived.observation is not None:
            return derived
        derived = replace(derived, undecided=bound_of(ran, catalogue))
    bound = derived.undecided
    return replace(derived, dropped=stated is not None and bound is not None and contradicted(stated, bound, catalogue))


def _daily_only(
    series: dict[str, dict[str, float]], catalogue: Catalogue, notices: list[Notice]
) -> dict[str, dict[str, float]]:
    """The series given by day; one given by month or year is set aside, with a notice (said once per metric)."""
    not_daily = [metric for metric, periods in series.items() if any(len(p) != 10 for p in periods)]
    listed = names(not_daily, catalogue) if not_daily else ("", "")
    said = f"{listed[0]}须按日填报（如 2025-01-01: 25）；按月或按年的数值不能据以计算，未采用"
    if not_daily and all(notice.text_zh != said for notice in notices):
        notices.append(
            Notice(
                text_zh=said,
                text_en=f"{listed[1]}: daily values are needed (2025-01-01: 25); monthly or yearly figures cannot be"
                " used to compute it, and are not",
            )
        )
    return {metric: periods for metric, periods in series.items() if metric not in not_daily}


def _derive(result: Result, catalogue: Catalogue, stated: Observation | None) -> Derived:
    found = outcome(result, catalogue)
    if found is None:
        return Derived(result, None, stated)
    metric = catalogue.metric(result.derivation.derives)
    text_zh, text_en = found.text_zh, found.text_en
    said_then = _stated_for(stated, found)
    if said_then is not None and said_then != found.value:
        said = level_name(metric, said_then)
        text_zh += f"；填报为{said[0]}，与监测数据判定不一致，按监测数据"
        text_en += f"; stated as {said[1]}, which the measurements contradict: the measured value is used"
    series = _merged(stated, found)
    cite = found.cite
    observation = Observation(
        metric=metric.id,
        value=list(series.values())[-1] if series is not None else found.value,
        series=series,
        provenance=Provenance(
            source=f"由监测数据判定（{cite.standard} {cite.table}）/ derived from measurements ({cite.standard})",
            observed_on=found.observed_on,
        ),
        derived_zh=f"由监测数据判定：{text_zh}",
        derived_en=f"derived from measurements: {text_en}",
    )
    return Derived(result, observation, stated, period=found.period)


def _stated_for(stated: Observation | None, found: Outcome) -> float | bool | str | None:
    """The value stated for the period the measurements decide (a stated series' entry for it, else the value)."""
    if stated is None:
        return None
    if stated.series is not None:
        return stated.series.get(found.period)
    return stated.value


def _merged(stated: Observation | None, found: Outcome) -> dict[str, float | bool | str] | None:
    """The yearly series of the derived value, over a stated yearly series' other years (a 2020 baseline a
    trend rule needs stays): measured years replace stated ones."""
    if stated is None or stated.series is None or len(found.period) != 4:
        return found.series
    if any(len(period) != 4 for period in stated.series):
        return found.series
    merged = {**stated.series, **(found.series or {found.period: found.value})}
    return dict(sorted(merged.items()))


def _notices(derived: Derived, catalogue: Catalogue) -> list[Notice]:
    """What the inspector should know: measurements that cannot decide the class (and a stated class kept, or set
    aside as the measurements contradict it)."""
    if derived.observation is not None:
        return []
    text_zh, text_en = texts(derived.result, catalogue)
    bound, title = derived.undecided, catalogue.metric(derived.result.derivation.derives)
    if derived.lake is not None:  # read by both columns, which disagree: the water body is wanted
        text_zh, text_en = (f"须填{bound.needs_zh}", f"{bound.needs_en} is needed") if bound else ("", "")
        text_zh = text_zh or "未填水体类型（河流型或湖库型），河流、湖库限值判定结果不一"
        text_en = text_en or "the water body type (river or lake) is not stated and the two columns disagree"
    kept_zh = "；保留填报值" if derived.stated is not None else ""
    kept_en = "; the stated value is kept" if derived.stated is not None else ""
    if derived.dropped and derived.stated is not None and bound is not None:
        said = level_name(title, stated_then(derived.stated, bound, catalogue) or derived.stated.value)
        kept_zh = f"；填报为{said[0]}，与监测数据不一致：{bound.why_zh}，填报值不采用"
        kept_en = f"; stated as {said[1]}, which the measurements contradict: {bound.why_en}; it is not used"
    return [
        Notice(
            text_zh=f"{title.name_zh}无法由监测数据判定：{text_zh}{kept_zh}",
            text_en=f"the {title.name_en} cannot be derived from the measurements: {text_en}{kept_en}",
        )
    ]


def _both(derived: Derived, body: Metric) -> Derived:
    """A class both columns give, said so: the water body not stated did not matter."""
    if derived.observation is None:
        return derived
    said = {
        "derived_zh": f"{derived.observation.derived_zh}（未填{body.name_zh}，按河流、湖库限值判定结果相同）",
        "derived_en": f"{derived.observation.derived_en} ({body.name_en} not stated; river and lake columns agree)",
    }
    return replace(derived, observation=derived.observation.model_copy(update=said))


def derivations_read(derived: list[Derived], requirement: Requirement) -> list[Derived]:
    """The derivations of the metrics a requirement reads (its check and its condition); a class read by both
    columns shows both."""
    read = metrics_read(requirement)
    found = [d for d in derived if d.result.derivation.derives in read]
    return [part for d in found for part in ([d] if d.lake is None else [d, replace(d, result=d.lake, lake=None)])]


def metrics_read(requirement: Requirement) -> set[str]:
    """The metrics a requirement's check and condition read."""
    return {*metrics_of(requirement.check), *metrics_of(requirement.applies.condition)}


def unread_notices(derived: list[Derived], read: Collection[str], catalogue: Catalogue) -> list[Notice]:
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


def unread_facts(stated: list[str], read: Collection[str], catalogue: Catalogue) -> list[Notice]:
    """Facts given that no requirement applying to the site reads (a site moved to another plan by a mistyped
    district keeps none of its figures): one notice naming them, so no one believes they were checked."""
    unread = [catalogue.metric(m) for m in stated if m not in read]
    if not unread:
        return []
    return [
        Notice(
            text_zh="本站点适用的要求都不读取以下事实（所在区、站点类型是否填对？）："
            + "、".join(m.name_zh for m in unread),
            text_en="no requirement for this site reads these facts (are its district and kind right?): "
            + ", ".join(m.name_en for m in unread),
        )
    ]


def measured_parameters(standards: StandardsPack) -> frozenset[str]:
    """The measured parameters the standards packs derive classes from (and the facts naming a water body)."""
    bodies = [d.body_metric for d in standards.derivations if isinstance(d, SingleFactorClass) and d.body_metric]
    return frozenset([*(metric for derivation in standards.derivations for metric in inputs_of(derivation)), *bodies])


def fed_facts(
    pack: RulePack, kind: str, plans: list[str], checks: Callable[[Requirement], Iterable[str]]
) -> frozenset[str]:
    """A site's facts that feed figures its plans read over sites of its kind (a facility's 稳定运行 for the
    district's 稳定运行率; a village's 自然村数量, the weight of the district's 农村生活污水治理率; the facts saying who
    is a member or exempt): read by a batch, though by no rule of the site itself."""
    wanted = {m for r in pack.requirements if pack.plan_of[r.id] in plans for m in checks(r)}
    aggregates = [m.aggregate for m in pack.catalogue.metrics if m.aggregate and m.id in wanted]
    fed = (a for a in aggregates if a.over == kind)
    return frozenset(f for a in fed for f in (a.of, *a.member_facts()))
