"""The year a yearly duty's finding is about. XM-0-10 「组织开展年度评价」 is due every year from 2025 (its target's
date, 2025-12-31, is its first year's end): with `2025: 是，2026: 否` on 2027-03-01 the year that fails is 2026, due
2026-12-31 and 60 days overdue, not the 2025 evaluation, which was made. A finding of such a duty names the year it
decides on (the first year ended answered 否, or else the latest year read) and that year's end as its due date; a pass
likewise names the year it was read on."""

from __future__ import annotations

import datetime as dt

from compliance.assess import recency
from compliance.assess.planperiod import ended, yearly_duty
from compliance.model.checks import comparisons_of, metrics_of
from compliance.model.facts import Facts
from compliance.model.plan import Modality, Requirement, RulePack
from compliance.model.result import TargetView


def year_of(requirement: Requirement, facts: Facts, as_of: dt.date, pack: RulePack) -> str | None:
    """The year a yearly duty (`planperiod.yearly_duty`) given as a yearly series is decided on, or None."""
    catalogue = pack.catalogue
    if not yearly_duty(requirement, catalogue):
        return None
    years: list[str] = []
    for leaf in comparisons_of(requirement.check):
        observation = facts.observations.get(leaf.metric)
        series = observation.series if observation is not None else None
        if not series or any(len(period) != 4 for period in series):
            return None
        missed = recency.missed(series, catalogue.metric(leaf.metric), as_of)
        years.append(missed if missed is not None else next(reversed(series)))
    return min(years) if years else None


def of_year(view: TargetView | None, year: str | None) -> TargetView | None:
    """`view` as the target of `year`: named by it, and (a dated one) due at its end."""
    if view is None or year is None:
        return view
    update: dict[str, object] = {"text_zh": f"{year}年度{view.text_zh}", "text_en": f"{view.text_en} (for {year})"}
    if view.due is not None:
        update["due"] = dt.date(int(year), 12, 31)
    return view.model_copy(update=update)


def read_in_full(pack: RulePack, kind: str, as_of: dt.date) -> frozenset[str]:
    """The metrics (checked, or in a condition) of the requirements for `kind` whose finding on `as_of` depends on
    a site's series beyond the values it stands for: a yearly duty's (the year it names, `year_of`) and one read at
    its plan's end (`planperiod.ended`: the plan's years) or a dated target past due (read at its deadline,
    `assess.deadline`), and a prohibition's (a 是 before its plan's issue date, or across it, is set aside:
    `assess.issued`). A batch row giving a series of one is read in full, as `check` reads a facts file
    (`batch.rowfacts`), not by its class of values."""
    found: set[str] = set()
    for requirement in (r for r in pack.requirements if kind in r.applies.kinds):
        plan = pack.plans[pack.plan_of[requirement.id]]
        past = any(t.due is not None and t.due < as_of for t in requirement.targets)  # read at it (`assess.deadline`)
        if (
            past
            or (requirement.modality == Modality.PROHIBITION and plan.issued is not None)
            or yearly_duty(requirement, pack.catalogue)
            or ended(plan, requirement, as_of, pack.catalogue) is not None
        ):
            found.update([*metrics_of(requirement.check), *metrics_of(requirement.applies.condition)])
    return frozenset(found)
