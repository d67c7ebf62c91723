"""Classes derived from a batch row's measurement columns (氨氮[2025-03] …), by the same standards pack as
`check`: the row gets the derived value (the latest year's) as if stated, so its findings and the class key
of the batch see it; the per-parameter explanation is left to `compliance explain` on one site."""

from __future__ import annotations

from compliance.assess.measured import derive_all
from compliance.model.facts import Facts, Observation, Site, Undecided
from compliance.model.metric import Metric, MetricType
from compliance.model.plan import RulePack
from compliance.model.standards import inputs_of


class RowDerivations:
    """The derivations a batch of one kind can run: those of the kind with an input among the columns."""

    def __init__(self, pack: RulePack, kind: str, columns: set[str]) -> None:
        self.pack = pack
        self.kind = kind
        derivations = [d for d in pack.standards.derivations if kind in d.kinds and set(inputs_of(d)) & columns]
        self.metrics: list[Metric] = [pack.catalogue.metric(d.derives) for d in derivations]
        self.standards = pack.standards.model_copy(update={"derivations": derivations})

    def derive(
        self, values: dict[str, float | bool | str], series: dict[str, dict[str, float | bool | str]]
    ) -> tuple[list[tuple[Metric, float | str]], list[str], dict[str, Undecided]]:
        """The derived values of one row (none for a class the measurements do not decide: a stated value then
        stays as it was), the stated classes (and yes/no facts, `GradedThresholds.denies`) the measurements
        contradict, which the row does not keep (a Ⅱ类
        whose 氨氮 alone is Ⅲ类: never a pass), and what the measurements bound of a class they leave undecided
        (Ⅲ类或更差, which decides a target it misses as in `check`)."""
        observations = {m: Observation(metric=m, value=v) for m, v in values.items()}
        for metric_id, periods in series.items():
            latest = periods[next(reversed(periods))]
            observations[metric_id] = Observation(metric=metric_id, value=latest, series=periods)
        facts = Facts(site=Site(id="row", kind=self.kind, name="row"), observations=observations)
        catalogue = self.pack.catalogue
        read, derived = derive_all(facts, self.standards, catalogue)
        found = [
            (catalogue.metric(item.observation.metric), item.observation.value)
            for item in derived
            if item.observation is not None and not isinstance(item.observation.value, bool)
        ]
        dropped = [item.result.derivation.derives for item in derived if item.dropped]
        denied = [m for m in values if m not in read.observations and catalogue.metric(m).type == MetricType.BOOLEAN]
        return found, dropped + denied, dict(read.undecided)


def contradicted_warning(metric: Metric) -> str:
    """The warning for rows whose stated class (or 属黑臭水体 否) their own measurements contradict: set aside, not
    silently."""
    if metric.type == MetricType.BOOLEAN:
        return (
            f"填报的{metric.name_zh}与本行监测数据判定的结果（黑臭程度为黑臭、饮用水水源水质劣于Ⅲ类）矛盾，填报值不采用，"
            f"按缺少数据计 / a stated {metric.name_en} contradicts what the row's own measurements give (water graded"
            " black-odorous, a drinking-water source worse than class III): it is set aside and the fact is missing"
        )
    return (
        f"填报的{metric.name_zh}优于本行监测数据已能判定的类别（如氨氮超过该类限值），与监测数据不一致，填报值不采用，"
        f"按监测数据判定的类别下限（如“Ⅲ类或更差”）评估 / a stated {metric.name_en} better than the row's own"
        " measurements allow (a parameter over that class's limit) contradicts them and is set aside: the class they"
        " bound (Ⅲ类 or worse) is read"
    )
