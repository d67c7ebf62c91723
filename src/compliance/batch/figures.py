"""District figures computed from a batch's own sites (the plans' shares over villages, 无废乡村 ≥ 60% …):
each site adds its member value to its district's running parts as it is assessed, so no site is kept."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

from compliance.batch.tally import Figure, Tally
from compliance.engine import derive
from compliance.load.values import read_value
from compliance.model.metric import Aggregate, Metric
from compliance.model.plan import RulePack

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class FigureSpec:
    """A district figure computed from this batch's sites: `metric` over the member metric `of`."""

    metric: str
    aggregate: Aggregate
    of: Metric
    test: float | None


def figure_specs(pack: RulePack, kind: str) -> list[FigureSpec]:
    specs = []
    for metric in pack.catalogue.metrics:
        aggregate = metric.aggregate
        if aggregate is None or aggregate.over != kind:
            continue
        member = pack.catalogue.metric(aggregate.of)
        test = None
        if aggregate.value is not None:
            test = derive.numeric(read_value(aggregate.value, member), member)
        specs.append(FigureSpec(metric.id, aggregate, member, test))
    return specs


def count_figures(
    specs: list[FigureSpec], tally: Tally, site_fields: dict[str, str], numbers: dict[str, float]
) -> None:
    """Add one site to its district's figures: a member meeting the test (or its value, for a mean), or missing."""
    if not specs:
        return
    district = site_fields["district"] or site_fields.get("admin_code", "")[:6]
    if district not in tally.figures:
        tally.figures[district] = {spec.metric: Figure() for spec in specs}
        code = site_fields.get("district_code") or site_fields.get("admin_code", "")[:6]
        if code:
            tally.district_codes[district] = code
    figures = tally.figures[district]
    for spec in specs:
        figure = figures[spec.metric]
        value = numbers.get(spec.of.id)
        if value is None:
            figure.missing += 1
            continue
        figure.denominator += 1
        if spec.test is None:
            figure.numerator += value
        elif _COMPARE[spec.aggregate.op or "=="](value, spec.test):
            figure.numerator += 1
