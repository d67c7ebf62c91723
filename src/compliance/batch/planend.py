"""District figures after a plan's end: each member's figure of the year the requirement is judged on.

Once a plan's period has ended (厦门's 《…行动方案(2025-2027年)》 on 2027-12-31, `Plan.ends`), `check` reads its
requirements on the plan's years alone (`assess.planperiod.within`): a 2028 column is outside the plan. A batch's
district figures (建成美丽乡村的行政村比例 over a district's villages) read each member the same way: its dated
columns up to the plan's end, so the district figure of a batch with 2027 and 2028 columns assessed on 2028-03-01 is
the figure of 2027; a member without a figure of it (blank in 2027, or given only for 2028) is missing, never read
from a later year, and a member's plain value without a date is the state when assessed, after the end, so it is
missing too.

A dated target past due before then (到2025年…, read in 2027) is read the same way at its deadline: each member's
figure of the target's year, a member given by period without one missing, no later year standing in for it
(`figure_deadlines`, `count_document`, `batch.deadlinefigures`); a plain value without a date, before a plan's end,
is the state when assessed, as `check` reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from compliance.assess.applicability import covering_plans
from compliance.assess.asof import up_to
from compliance.assess.assessor import Assessor
from compliance.assess.deadline import at_deadline, read_at
from compliance.assess.measured import derive_all
from compliance.assess.planperiod import within
from compliance.batch.columns import Columns
from compliance.batch.figures import Counting, FigureCounts, figure_specs
from compliance.batch.tally import Tally
from compliance.engine import derive
from compliance.model.checks import metrics_of
from compliance.model.facts import Facts, Observation
from compliance.model.implied import with_implied
from compliance.model.logread import reached_in
from compliance.model.metric import Metric
from compliance.model.periods import period_start
from compliance.model.plan import RulePack
from compliance.model.problems import InputError

DISTRICT = "district"
"""The kind of a district's requirements (`batch.districts.DISTRICT_KIND`)."""


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
    """What a batch of `kind` assessed on `as_of` cuts at a plan's end (no plan before any end), or at a target's
    deadline (`figure_deadlines`)."""
    ends = {p.id: p.ends for p in pack.plans.values() if p.ends is not None and as_of is not None and p.ends < as_of}
    specs = figure_specs(pack, kind)
    if not specs:
        return FigureEnds()
    members: set[str] = set()
    for spec in specs:
        aggregate = spec.aggregate
        read = (
            aggregate.of,
            aggregate.among,
            aggregate.within,
            aggregate.weight,
            aggregate.exempt,
            aggregate.exempt_once,
        )
        members.update(m for m in read if m)
    return FigureEnds(ends, frozenset(members), frozenset(spec.of.id for spec in specs))


def figure_counting(assessor: Assessor, kind: str, as_of: dt.date, columns: Columns | None) -> Counting:
    """How a batch of `kind` counts its district figures: now, and at each deadline `figure_deadlines` finds."""
    return partial(
        FigureCounts, figure_specs(assessor.pack, kind), dues=figure_deadlines(assessor, kind, as_of, columns)
    )


def figure_deadlines(assessor: Assessor, kind: str, as_of: dt.date, columns: Columns | None) -> list[dt.date]:
    """The deadlines of the dated targets past due on `as_of` (到2025年…达76%以上, read in 2027) of the district
    requirements over figures of `kind` whose members' dated `columns` give the target's year and a later one: a
    district's figure for such a target is of its year, from each member's figure of that year (`cut_at`), as
    `check` reads a district's own series (`assess.deadline`); a member without it is missing. Without a column of
    the target's year, the latest year stands in, as in `check`."""
    specs = figure_specs(assessor.pack, kind)
    figures, values = {spec.metric for spec in specs}, {spec.of.id for spec in specs}
    dues = {
        due
        for requirement in assessor.requirements_for(DISTRICT)
        if figures.intersection(metrics_of(requirement.check))
        and (due := read_at(requirement, as_of, assessor.pack.catalogue)) is not None
    }
    if columns is None:  # documents (JSONL lines, facts files): each says which years it gives
        return sorted(dues)
    dated = [(metric.id, period) for _, metric, period in columns.series]
    return sorted(due for due in dues if any(m in values and due < period_start(p) <= as_of for m, p in dated))


def deadline_periods(
    periods: Mapping[str, str] | None, series: list[tuple[str, str]] | None, due: dt.date, tally: Tally
) -> Mapping[str, str] | None:
    """`periods` (per member metric, the period a district's figure is of) for the figures read at `due`: the
    target's year for the members given by year (`figure_deadlines`); over documents, the oldest period a member's
    figure at `due` is of (`Tally.member_periods` of `tally`'s figures at `due`)."""
    if series is None:
        return tally.deadlines[due.isoformat()].member_periods or None
    return {**(periods or {}), **{metric_id: period for metric_id, period in series if at_deadline(period, due)}}


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


def count_document(
    pack: RulePack, facts: Facts, read: tuple[dt.date, list[str] | None], figures: FigureCounts, site: dict[str, str]
) -> None:
    """Count a document (JSONL line, facts file) into its district's figures (`figures`): as `check` reads it on
    the as-of date (`document_facts`, `read`: that date and --plan), and at each deadline of `figures` on its
    figures of the target's year (`at_deadline_facts`), a member given by period without one missing, a plain value
    without a date read as it is now (as in `check`)."""
    as_of, plans = read
    facts = derive_all(with_implied(facts, pack.catalogue), pack.standards, pack.catalogue)[0]  # as `check` reads it
    read_now = document_facts(pack, facts, as_of, plans)
    now = _numbers(pack, read_now, figures.tally)
    figures.count(site, now)
    plain = {m: now[m] for m, o in read_now.observations.items() if o.series is None is o.provenance.observed_on}
    for due, counts in figures.dues:  # a plain value without a date is the state now, at a deadline too
        at_due = _numbers(pack, at_deadline_facts(pack, facts, due, as_of), counts.tally)
        counts.count_at_due(site, now, {**plain, **at_due})


def _numbers(pack: RulePack, facts: Facts, tally: Tally) -> dict[str, float]:
    """A document's numbers for its district's figures, each figure no newer than its oldest member (`tally`)."""
    for metric_id, observation in facts.observations.items():
        observed = observation.provenance.observed_on
        period = next(reversed(observation.series)) if observation.series else observed and observed.isoformat()
        if period:
            tally.dated(metric_id, period)
    return {m: derive.numeric(o.value, pack.catalogue.metric(m)) for m, o in facts.observations.items()}


def at_deadline_facts(pack: RulePack, facts: Facts, due: dt.date, as_of: dt.date) -> Facts:
    """A document's facts for its district's figures of the year of `due`, as a table row's dated columns are read
    at it (`rowperiods.value_at_end`): periods after it left out (`within`), and a member value kept only where it
    is of that year (its latest period, or its `observed_on`) or a lasting yes/no reached by then; a plain value
    without a date is left to `count_document` (the state when assessed, as read now)."""
    values = frozenset(spec.of.id for spec in figure_specs(pack, facts.site.kind))
    facts = up_to(within(facts, due, pack.catalogue, values), as_of, pack.catalogue)[0]
    kept = {
        m: o for m, o in facts.observations.items() if m not in values or _of_year(o, pack.catalogue.metric(m), due)
    }
    return facts.model_copy(update={"observations": kept})


def _of_year(observation: Observation, metric: Metric, due: dt.date) -> bool:
    """Whether a member's value is of the year of `due` (its latest period, or its `observed_on`), or a lasting
    yes/no reached by then."""
    series, observed = observation.series, observation.provenance.observed_on
    latest = max(series, key=period_start) if series else observed.isoformat() if observed is not None else ""
    return latest[:4] == str(due.year) or (bool(series) and reached_in(series or {}, metric) is not None)
