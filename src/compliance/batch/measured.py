"""Classes derived from a batch row's measurement columns (氨氮[2025-03] …), by the same standards pack as
`check`: the row gets the derived value (the latest year's) as if stated, so its findings and the class key
of the batch see it; the per-parameter explanation is left to `compliance explain` on one site."""

from __future__ import annotations

from compliance.assess.measured import derive_all
from compliance.model.facts import Facts, Observation, Site
from compliance.model.metric import Metric
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
    ) -> tuple[list[tuple[Metric, float | str]], list[str]]:
        """The derived values of one row (none for a class the measurements do not decide: a stated value then
        stays as it was), and the stated classes the measurements contradict, which the row does not keep (a Ⅱ类
        whose 氨氮 alone is Ⅲ类: missing data, never a pass)."""
        observations = {m: Observation(metric=m, value=v) for m, v in values.items()}
        for metric_id, periods in series.items():
            latest = periods[next(reversed(periods))]
            observations[metric_id] = Observation(metric=metric_id, value=latest, series=periods)
        facts = Facts(site=Site(id="row", kind=self.kind, name="row"), observations=observations)
        catalogue = self.pack.catalogue
        derived = derive_all(facts, self.standards, catalogue)[1]
        found = [
            (catalogue.metric(item.observation.metric), item.observation.value)
            for item in derived
            if item.observation is not None and not isinstance(item.observation.value, bool)
        ]
        return found, [item.result.derivation.derives for item in derived if item.dropped]
