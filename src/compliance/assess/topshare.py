"""A share held to the most it can be (保持100%), logged month by month.

Months that answer a rule differently leave the year's figure unknown (`assess.months`), except for a rule whose
only tests of a share are the most it can be (`>= 100` or `== 100`, its catalogue maximum): the year's share cannot
reach 100% once a month of it is below (what was treated of what was produced falls short that month), so a month
under it already fails the year's figure, whatever the other months, and the finding names that month. A target
below the top (75%) is not decided so: months on both sides of it say nothing of the year's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from compliance.assess import reasons
from compliance.assess.settled import fails_anyway
from compliance.assess.stale import OldFigures
from compliance.assess.timing import Timing
from compliance.model.facts import Facts
from compliance.model.metric import Catalogue, display, rank
from compliance.model.periods import year_to
from compliance.model.plan import Modality, Requirement
from compliance.model.result import Status
from compliance.model.straddles import held_at_top

Tests = Mapping[str, tuple[tuple[str, float], ...]]


def below_top(tests: Tests, split: Mapping[str, tuple[str, str]], facts: Facts, catalogue: Catalogue) -> dict[str, str]:
    """Of the split logs (`split_months`), those of a share every test of which is at the most it can be (`>=` or
    `==` its maximum, 100%), with the first period of the year to the latest below it: the year's figure is below
    it too, whatever the other periods are."""
    found = {}
    for metric_id in split:
        metric, series = catalogue.metric(metric_id), facts.observations[metric_id].series or {}
        if not held_at_top(metric, tests.get(metric_id, ())) or metric.maximum is None:
            continue
        period = next((p for p in year_to(list(series)) if rank(series[p], metric) < metric.maximum), None)
        if period is not None:
            found[metric_id] = period
    return found


def below_top_lines(periods: Mapping[str, str], facts: Facts, catalogue: Catalogue) -> tuple[list[str], list[str]]:
    """What a share's month below the top (`below_top`) shows, in zh and en, for the reasons."""
    zh, en = [], []
    for metric_id, period in periods.items():
        metric = catalogue.metric(metric_id)
        value = (facts.observations[metric_id].series or {})[period]
        top = display(metric.maximum, metric, "zh") if metric.maximum is not None else ""
        zh.append(
            f"{metric.name_zh} {period}: {display(value, metric, 'zh')}，低于{top}（可取的最高值），"
            f"全年数值因此不可能达到{top}"
        )
        en.append(
            f"{metric.name_en} {period}: {display(value, metric, 'en')}, below {top}, the most it can be: the year's"
            f" figure cannot reach {top}"
        )
    return zh, en


def top_failed(
    requirement: Requirement,
    given: tuple[Tests, Facts, Mapping[str, float]],
    read: tuple[Mapping[str, tuple[str, str]], OldFigures],
    context: reasons.Context,
    when: Timing,
    catalogue: Catalogue,
) -> tuple[Status, tuple[str, str], list[str]] | None:
    """A check failed by a month of a share below the most it can be (`below_top`; `given`: the rule's tests, the
    facts and their engine numbers; `read`: the split logs and the old figures, whose months show an old year only):
    the status and reasons naming the month, or None when nothing is so decided."""
    (tests, facts, known), (split, old) = given, read
    topped = {m: p for m, p in below_top(tests, split, facts, catalogue).items() if m not in old.decisive}
    if not topped:
        return None
    worst = {m: rank((facts.observations[m].series or {})[p], catalogue.metric(m)) for m, p in topped.items()}
    unknown = {*old.decisive, *(set(split) - set(topped))}
    failed = fails_anyway(requirement, (when.in_force, when.ahead), {**known, **worst}, unknown, catalogue)
    if failed is None:
        return None
    gradual = requirement.modality == Modality.GRADUAL
    status = Status.FAIL if failed[0] == when.in_force and not gradual else Status.AT_RISK
    zh, en = below_top_lines(topped, facts, catalogue)
    context = replace(context, breaks_zh=[*context.breaks_zh, *zh], breaks_en=[*context.breaks_en, *en])
    return status, reasons.decided(status, context), []
