"""District figures after a plan's end: each member's figure of the year the requirement is judged on.

Once a plan's period has ended (厦门's 《…行动方案(2025-2027年)》 on 2027-12-31, `Plan.ends`), `check` reads its
requirements on the plan's years alone (`assess.planperiod.within`): a 2028 column is outside the plan. A batch's
district figures (建成美丽乡村的行政村比例 over a district's villages) read each member the same way: its dated
columns up to the plan's end, so the district figure of a batch with 2027 and 2028 columns assessed on 2028-03-01 is
the figure of 2027; a member without a figure of it (blank in 2027, or given only for 2028) is missing, never read
from a later year, and a member's plain value without a date is the state when assessed, after the end, so it is
missing too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from compliance.assess.applicability import covering_plans
from compliance.assess.asof import up_to
from compliance.assess.planperiod import within
from compliance.batch.figures import figure_specs
from compliance.model.facts import Facts
from compliance.model.periods import period_start
from compliance.model.plan import RulePack
from compliance.model.problems import InputError


@dataclass(frozen=True)
class FigureEnds:
    """The plans whose period ended before the as-of date, and the member facts their district figures read."""

    ends: dict[str, dt.date] = field(default_factory=dict)
    """Plan id -> the last day of its period, for the plans ended before the as-of date."""
    members: frozenset[str] = frozenset()
    """The facts a member's figure is made of: its value, membership, base and exemption (dated columns cut)."""
    values: frozenset[str] = frozenset()
    """The member values themselves (`Aggregate.of`): a plain value of one, without a date, is not read then."""

    def end_of(self, plans: list[str]) -> dt.date | None:
        """The end of the earliest ended plan among `plans` (a row's plans), or None."""
        return min((self.ends[plan] for plan in plans if plan in self.ends), default=None)


def figure_ends(pack: RulePack, kind: str, as_of: dt.date | None) -> FigureEnds:
    """What a batch of `kind` assessed on `as_of` cuts at a plan's end (nothing before any end)."""
    ends = {p.id: p.ends for p in pack.plans.values() if p.ends is not None and as_of is not None and p.ends < as_of}
    specs = figure_specs(pack, kind)
    if not ends or not specs:
        return FigureEnds()
    members: set[str] = set()
    for spec in specs:
        aggregate = spec.aggregate
        read = (aggregate.of, aggregate.among, aggregate.weight, aggregate.exempt, aggregate.exempt_once)
        members.update(m for m in read if m)
    return FigureEnds(ends, frozenset(members), frozenset(spec.of.id for spec in specs))


def at_end(periods: dict[str, str], series: list[tuple[str, str]], end: dt.date | None) -> dict[str, str]:
    """`periods` (per metric, the latest period of its dated columns read) as of a plan ending on `end`: each
    metric's latest column (`series`: metric id, period) up to it, and none where it has none."""
    if end is None:
        return periods
    capped: dict[str, str] = {}
    for metric_id, period in sorted(series, key=lambda column: period_start(column[1])):
        latest = periods.get(metric_id)
        if latest is not None and period_start(period) <= min(end, period_start(latest)):
            capped[metric_id] = period
    return capped


def district_periods(
    pack: RulePack,
    periods: Mapping[str, str] | None,
    series: list[tuple[str, str]] | None,
    plans: list[str],
    as_of: dt.date,
) -> Mapping[str, str] | None:
    """The periods a district's figures are of (`periods`, per member metric), as of the end of its plans (`plans`)
    ended before `as_of`: the latest column of each up to the end (`at_end`)."""
    ended = [p.ends for p in pack.plans.values() if p.id in plans and p.ends is not None and p.ends < as_of]
    if not periods or not series or not ended:
        return periods
    return at_end(dict(periods), series, min(ended))


def document_facts(pack: RulePack, facts: Facts, as_of: dt.date, plans: list[str] | None) -> Facts:
    """A document's facts (JSONL line, facts file) for its district's figures, read as `check` reads them on `as_of`
    (`up_to`); where a plan of the site ended before, on the plan's years alone (`planperiod.within`), a plain member
    value without a date not read (it is the state when assessed, after the end)."""
    if not any(plan.ends is not None and plan.ends < as_of for plan in pack.plans.values()):
        return up_to(facts, as_of, pack.catalogue)[0]  # no plan has ended: as before, without choosing its plans
    try:
        chosen = covering_plans(facts.site, pack.plans, plans, facts.site.name)
    except InputError:  # no plan knows its place: its figures count as no district's (see `batch.districts`)
        chosen = []
    ended = [end for p in chosen if (end := pack.plans[p].ends) is not None and end < as_of]
    if ended:
        values = frozenset(spec.of.id for spec in figure_specs(pack, facts.site.kind))
        facts = within(facts, min(ended), pack.catalogue, values)
    return up_to(facts, as_of, pack.catalogue)[0]
