"""A dated target read at its deadline. 到2025年…PM2.5年均浓度不高于18微克/立方米 speaks of 2025: once it is due,
and the site gives its figure of 2025, that figure decides it for good. A failing 2025 figure fails the 2025 target
(已逾期) whatever 2026 or 2027 show, as a breach logged stays a breach (`assess.stale.settled_by_past`); a trend
sentence dated to 2025 (到2025年…且逐年下降, 稳中有降, 稳步提高) is read on the periods up to 2025, a 2026 rise
belonging to the 2027 sentences; an achievement that lasts (`Metric.lasting`) counts where reached in or before the
target's year, so {2025: 否, 2026: 是} fails 到2025年底建立. A later year stands in only where the target year's own
figure is not given (`assess.stale`: that year or later), and a figure of the target's year ending before the
deadline (2025-03) is no figure at it: it keeps its reading (missing data asking for the figure at the deadline).
Months of the target's year are its figure as the year's are (`{2025-12: 98, 2026-03: 99.95}` is read on 2025-12):
whether they tell the year is `assess.months`' question, never turned by a later month.

The facts of the series the requirement's check reads that give a figure at the deadline are cut there
(`cut_at`): periods beginning after it are left out. A yearly duty (its date is its first year's), a prohibition's
or incident log (read over the plan's whole time), a log read by its worst period (`Metric.series_value`) and a
requirement with a target still ahead (JA-0-55, read on
its latest figure for the next one) are not cut."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from compliance.assess.planperiod import yearly_duty
from compliance.assess.timing import Timing, targets_of, timing
from compliance.model.attestation import AttestationBook
from compliance.model.checks import metrics_of, tests_of
from compliance.model.facts import Facts, Observation
from compliance.model.logread import value_of_series
from compliance.model.metric import Catalogue, Metric
from compliance.model.periods import last_day, period_start
from compliance.model.plan import Requirement
from compliance.model.straddles import held_at_top


def deadline_of(requirement: Requirement, when: Timing, catalogue: Catalogue) -> dt.date | None:
    """The due date of `requirement`'s target in force at `when`, when it is dated and past and no target of it is
    still ahead (a yearly duty's date is its first year's: None)."""
    if when.in_force is None or when.ahead is not None or requirement.check is None:
        return None
    due = targets_of(requirement)[when.in_force].due
    if due is None or due >= when.as_of or yearly_duty(requirement, catalogue):
        return None
    return due


def read_at(requirement: Requirement, as_of: dt.date, catalogue: Catalogue) -> dt.date | None:
    """The deadline `requirement` is read at on `as_of` (`deadline_of`) when every figure its check reads is cut
    there (`_cut_here`): a batch's district figures for it are then of the target's year (`batch.districts`)."""
    due = deadline_of(requirement, timing(requirement, as_of), catalogue)
    if due is None or not all(_cut_here(catalogue.metric(m)) for m in metrics_of(requirement.check)):
        return None
    return due


def at_deadline(period: str, due: dt.date) -> bool:
    """Whether `period` is of the year of `due` and reaches it (2025, or 2025-12, for 2025-12-31): the target year's
    own figure or its last month or day. Months of it are the year's figure only if they tell it
    (`straddles.uncovered`), but a month after the year (2026-03) is no part of the deadline's question either way;
    months of the year stopping earlier (2025-10) are no figure at the deadline, and a later one stands in."""
    return period[:4] == str(due.year) and last_day(period) >= due


def cut_at(facts: Facts, requirement: Requirement, due: dt.date, catalogue: Catalogue) -> Facts | None:
    """`facts` with the series `requirement`'s check reads that give a figure at `due` (`at_deadline`) cut there,
    or None when none is (nothing to cut: the existing reading stands)."""
    observations, tests = dict(facts.observations), tests_of(requirement, catalogue)
    changed = False
    for metric_id in dict.fromkeys(metrics_of(requirement.check)):
        observation, metric = facts.observations.get(metric_id), catalogue.metric(metric_id)
        if observation is None or not observation.series or not _cut_here(metric):
            continue
        if not any(at_deadline(p, due) for p in observation.series):
            continue  # the target year's own figure not given: a later one stands in (`assess.stale`)
        if str(due.year) not in observation.series and held_at_top(metric, tests.get(metric_id, ())):
            continue  # 保持100% month by month: every month counts, read over the year to its latest as before
        cut = _cut(observation, metric, due)
        if cut is not observation:
            changed = True
            if cut is None:
                del observations[metric_id]
            else:
                observations[metric_id] = cut
    return facts.model_copy(update={"observations": observations}) if changed else None


def _cut_here(metric: Metric) -> bool:
    """Whether a metric's series is read at a deadline: not a prohibition's or an incident log (read over the
    plan's whole time) nor a yes/no done once a year (each year its own), nor a log of months or days read by its
    worst period (保持100% month by month: read over the year to its latest period, as before)."""
    if metric.forbidden_from is not None or metric.occurred_from is not None or metric.due_at_period_end:
        return False
    return metric.series_value == "latest"  # a log read by its worst period over the year to its latest: as before


def _cut(observation: Observation, metric: Metric, due: dt.date) -> Observation | None:
    series = observation.series or {}
    if all(period_start(p) <= due for p in [*series, *observation.blank_periods]):
        return observation
    kept = {p: v for p, v in series.items() if period_start(p) <= due}
    value = value_of_series(kept, metric) if kept else None
    if value is None:
        return None
    blanks = [p for p in observation.blank_periods if period_start(p) <= due]
    return observation.model_copy(update={"series": kept, "value": value, "blank_periods": blanks})


class _Prepared(Protocol):
    @property
    def raw(self) -> Facts | None: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def plans(self) -> list[str]: ...
    @property
    def attestations(self) -> AttestationBook | None: ...


P = TypeVar("P", bound=_Prepared)


class DeadlineCuts(Generic[P]):
    """The last site's preparations read at a deadline, per deadline and the metrics cut (`cut_at`)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._held: tuple[P | None, dict[tuple[dt.date, frozenset[str]], P]] = (None, {})

    def read(
        self,
        prepared: P,
        requirement: Requirement,
        when: Timing,
        prepare: Callable[[Facts, dt.date, list[str], AttestationBook | None], P],
    ) -> P:
        """`prepared` as read for `requirement`'s target in force at `when` (`deadline_of`): unchanged unless the
        figure at its deadline is given, else prepared again on the facts cut there, once per cut."""
        due = deadline_of(requirement, when, self.catalogue)
        raw = prepared.raw
        if due is None or raw is None or (cut := cut_at(raw, requirement, due, self.catalogue)) is None:
            return prepared
        key = (due, frozenset(m for m in raw.observations if cut.observations.get(m) is not raw.observations[m]))
        if self._held[0] is not prepared:
            self._held = (prepared, {})
        held = self._held[1]
        if key not in held:
            held[key] = prepare(cut, prepared.as_of, prepared.plans, prepared.attestations)
        return held[key]
