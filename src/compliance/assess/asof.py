"""An assessment as of a date reads only what had happened by then: periods of a series that begin after the
as-of date are left out (with a notice naming them), so a figure from a later year never decides a target, and
an assessment of a past date gives the answer it would have given then."""

from __future__ import annotations

import datetime as dt

from compliance.model.attestation import Attestation, AttestationBook
from compliance.model.facts import Facts, Notice, Observation
from compliance.model.metric import Catalogue, value_of_series
from compliance.model.periods import period_start
from compliance.model.result import ObservedValue


def up_to(facts: Facts, as_of: dt.date, catalogue: Catalogue) -> tuple[Facts, list[Notice]]:
    """The facts without the periods that begin after `as_of`; a series left empty (or unreadable for a figure
    every period counts in, see `value_of_series`) is no value at all."""
    later = {
        metric_id: [period for period in observation.series if period_start(period) > as_of]
        for metric_id, observation in facts.observations.items()
        if observation.series is not None
    }
    later = {metric_id: periods for metric_id, periods in later.items() if periods}
    if not later:
        return facts, []
    observations: dict[str, Observation] = {}
    notices: list[Notice] = []
    for metric_id, observation in facts.observations.items():
        if metric_id not in later:
            observations[metric_id] = observation
            continue
        assert observation.series is not None
        metric = catalogue.metric(metric_id)
        kept = {period: value for period, value in observation.series.items() if period not in later[metric_id]}
        notices.append(_later_notice(metric.name_zh, metric.name_en, later[metric_id], as_of))
        value = value_of_series(kept, metric) if kept else None
        if value is not None:
            observations[metric_id] = observation.model_copy(update={"series": kept, "value": value})
    return facts.model_copy(update={"observations": observations}), notices


def _later_notice(name_zh: str, name_en: str, periods: list[str], as_of: dt.date) -> Notice:
    shown = "、".join(periods[:5]) + ("等" if len(periods) > 5 else "")
    shown_en = ", ".join(periods[:5]) + (" …" if len(periods) > 5 else "")
    return Notice(
        text_zh=f"{name_zh}：{shown} 在评估日期 {as_of.isoformat()} 之后开始，未计入本次评估",
        text_en=f"{name_en}: {shown_en} begin after the as-of date {as_of.isoformat()} and are not assessed",
    )


def after_as_of(observed: list[ObservedValue], later: list[Attestation], as_of: dt.date) -> tuple[list[str], list[str]]:
    """A finding's warnings (zh, en): values observed after the as-of date, and attestations made after it (not
    used: an older one, or none, decides)."""
    late = [o for o in observed if o.observed_on is not None and o.observed_on > as_of]
    zh = [f"{o.name_zh}的观测日期{o.observed_on}晚于评估日期{as_of}" for o in late]
    en = [f"{o.name_en} was observed on {o.observed_on}, after the as-of date {as_of}" for o in late]
    zh += [f"核查记录（{a.date}，{a.source or a.inspector}）晚于评估日期{as_of}，未采用" for a in later]
    en += [
        f"the attestation of {a.date} ({a.source or a.inspector}) is after the as-of date {as_of}: not used"
        for a in later
    ]
    return zh, en


def recorded_for(
    book: AttestationBook, requirement: str, site: str, as_of: dt.date
) -> tuple[Attestation | None, list[Attestation], list[Attestation]]:
    """A review item's attestation in force at the as-of date (the newest), those made after it (said, not
    used) and those lapsed by it."""
    recorded = book.lookup(requirement, site)
    in_force = next((a for a in recorded if a.in_force(as_of)), None)
    later = [a for a in recorded if a.date > as_of]
    lapsed = [a for a in recorded if a.expires is not None and a.expires < as_of]
    return in_force, later, lapsed
