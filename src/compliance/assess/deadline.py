"""A dated target read at its deadline. 到2025年…PM2.5年均浓度不高于18微克/立方米 speaks of 2025: once it is due,
and the site gives its figure of 2025, that figure decides it for good. A failing 2025 figure fails the 2025 target
(已逾期) whatever 2026 or 2027 show, as a breach logged stays a breach (`assess.stale.settled_by_past`); a trend
sentence dated to 2025 (到2025年…且逐年下降, 稳中有降, 稳步提高) is read on the periods up to 2025, a 2026 rise
belonging to the 2027 sentences; an achievement that lasts (`Metric.lasting`) counts where reached in or before the
target's year, so {2025: 否, 2026: 是} fails 到2025年底建立. A later year never stands in for the target year's
own figure: facts given by period (a series, a batch's dated columns) without a figure at the deadline are missing
data naming that year (2025年的数据), for every kind of metric — a 2026 annual mean or rate says nothing of 2025's,
and a 2026 是 of 建立…体系 cannot tell whether it was built by 2025 — or else {2024: 60, 2026: 81} would pass
到2025年…75%以上 where {2024: 60, 2025: 70, 2026: 81} fails, leaving out the bad year turning a fail into a pass. So
is a single value observed after the target's year (`observed_on` 2026-03-01); a plain value without a date keeps
its reading, the state when assessed. An earlier figure still shows what it can (`assess.stale`): a lasting
achievement reached by then (2024: 是) meets it, a trend broken in the years given fails, anything else wants the
target's year. A figure of the target's year ending before the deadline (2025-03) is no figure at it: missing data
asking for the figure at the deadline. Months of the target's year are its figure as the year's are
(`{2025-12: 98, 2026-03: 99.95}` is read on 2025-12): whether they tell the year is `assess.months`' question, never
turned by a later month.

The facts the requirement's check reads are cut at the deadline (`cut_at`): periods beginning after it are left
out, and where no figure at it is given the finding names the one wanted (`Facts.wanted`). Before the deadline (the
target year not yet ended) nothing is cut: the latest figure shows how the site is heading. A yearly duty (its date
is its first year's; each year its own), a prohibition's or incident log (read over the plan's whole time), a log
read by its worst period (`Metric.series_value`) and a requirement with a target still ahead (JA-0-55, read on its
latest figure for the next one) are not cut; nor is a share held at its top month by month (保持100%) given by
months reaching the deadline, read over the year to its latest month."""

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
    months of the year stopping earlier (2025-10) are no figure at the deadline, and a later one does not stand in."""
    return period[:4] == str(due.year) and last_day(period) >= due


def cut_at(facts: Facts, requirement: Requirement, due: dt.date, catalogue: Catalogue) -> Facts | None:
    """`facts` with the series `requirement`'s check reads cut at `due`: periods beginning after it left out, and
    a series without a figure at it (`at_deadline`) or a single value observed after its year named as wanting
    the target year's figure (`Facts.wanted`, `target_year_wanted`); None when nothing changes."""
    observations, tests = dict(facts.observations), tests_of(requirement, catalogue)
    wanted = dict(facts.wanted)
    for metric_id in dict.fromkeys(metrics_of(requirement.check)):
        observation, metric = facts.observations.get(metric_id), catalogue.metric(metric_id)
        if observation is None or (not _cut_here(metric) and not _worst_without_year(observation, metric, due)):
            continue
        if not observation.series:
            observed = observation.provenance.observed_on
            if observation.series is None and observed is not None and observed.year > due.year:
                del observations[metric_id]  # 2026's figure says nothing of 2025's
                wanted[metric_id] = target_year_wanted(due, None, [observed.isoformat()])
            elif observation.series is None and observed is not None and observed < due:
                wanted[metric_id] = target_year_wanted(due, observed.isoformat(), [])  # old, if read (`assess.stale`)
            continue
        at = any(at_deadline(p, due) for p in observation.series)
        if at and str(due.year) not in observation.series and held_at_top(metric, tests.get(metric_id, ())):
            continue  # 保持100% month by month: every month counts, read over the year to its latest as before
        cut = _cut(observation, metric, due)
        if not at:  # the target year's own figure not given: no other year's stands in for it
            later = [p for p in observation.series if period_start(p) > due]
            wanted[metric_id] = target_year_wanted(due, next(reversed(cut.series or {}), None) if cut else None, later)
        if cut is None:
            del observations[metric_id]
        else:
            observations[metric_id] = cut
    if all(observations.get(m) is o for m, o in facts.observations.items()) and wanted == facts.wanted:
        return None
    return facts.model_copy(update={"observations": observations, "wanted": wanted})


def target_year_wanted(due: dt.date, latest: str | None, later: list[str]) -> tuple[str, str]:
    """How a finding names a dated target's figure not given (zh, en, after the metric's name): its year's, or
    the one at the deadline where part of that year (2025-10) or a mid-year deadline is given; never a later one's
    (`later`: the periods or the date given after it, set aside), `latest` being the one given before it."""
    year = str(due.year)
    at = (due.month, due.day) != (12, 31) or (latest is not None and latest[:4] == year)
    zh = f" {due}（期限）时的数据" if at else f" {year}年的数据"
    en = f" at {due}, the deadline" if at else f" for {year}"
    why_zh, why_en = ["到期目标按目标年份本年的数据判定"], ["a target past due is judged on its own year's figure"]
    if latest is not None and latest[:4] == year:
        why_zh.append(f"给出的 {latest} 早于期限，不代表期限时的情况")
        why_en.append(f"{latest}, given, is before it: not what stood at the deadline")
    elif latest is not None:
        why_zh.append(f"{year}年之前给出的最新时期为 {latest}")
        why_en.append(f"the latest given before {year} is {latest}")
    if later:
        shown, more = later[:3], len(later) > 3
        why_zh.append(f"给出的 {'、'.join(shown)}{'等' if more else ''} 在{year}年之后，不能代替")
        why_en.append(f"{', '.join(shown)}{' …' if more else ''}, given, after {year}, does not stand in for it")
    return f"{zh}（{'；'.join(why_zh)}）", f"{en} ({'; '.join(why_en)})"


def _cut_here(metric: Metric) -> bool:
    """Whether a metric's series is read at a deadline: not a prohibition's or an incident log (read over the
    plan's whole time) nor a yes/no done once a year (each year its own), nor a log of months or days read by its
    worst period (保持100% month by month: read over the year to its latest period, as before)."""
    if metric.forbidden_from is not None or metric.occurred_from is not None or metric.due_at_period_end:
        return False
    return metric.series_value == "latest"  # a log read by its worst period over the year to its latest: as before


def _worst_without_year(observation: Observation, metric: Metric, due: dt.date) -> bool:
    """Whether a log read by its worst period (`Metric.series_value`: read over the year to its latest period,
    not cut) gives no period of the target's year at all: no later year stands in for it either."""
    if metric.forbidden_from is not None or metric.occurred_from is not None or metric.due_at_period_end:
        return False
    return bool(observation.series) and not any(p[:4] == str(due.year) for p in observation.series or ())


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
