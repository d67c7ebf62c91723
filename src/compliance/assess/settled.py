"""Whether a check holds whatever its missing facts turn out to be: 整改率 100% meets "higher than 2024, or already
100%" without the 2024 figure. Missing data makes a finding insufficient_data only when it could change the
answer; a check settled by what is given is decided on it.

A pass is settled this way when one branch of an any-of is met (or every branch of an all-of) whatever the others
hold; a failure when one branch of an all-of fails whatever the others hold (`fails_anyway`). An any-of is failed
only by every branch failing, so one branch missing never passes nor fails it. Leaves are compared exactly as the
engine compares them, on the site's engine numbers, for plain comparisons of numbers, percentages and yes/no,
memberships of a level in a list (named_place in [莲花水库, …]), and changes from a baseline; a level compared by
rank only where it is absent but known to be no better than a rank (`at_least_key`: a class the measurements given
bound, 氨氮 alone at Ⅲ类 already missing Ⅱ类及以上); an `each` trend with a period given that breaks it is failed
whatever the missing periods hold (a 否 month of 每月达标), and a negation is settled where what it negates is; any
other leaf (a level compared by rank, a step trend, an `each` without a break) counts as unknown, so it settles
nothing.

A requirement's condition is settled the same way: an any-of condition one given branch of which holds (the site is
a place the plan names) applies whatever its other branches' missing facts would be (`applies_anyway`), and an
all-of condition one given branch of which does not hold (危险废物产量大 否) does not apply whatever the others
would be (`never_applies`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from compliance.assess.timing import targets_of
from compliance.engine import derive
from compliance.model.metric import Catalogue, Metric, MetricType
from compliance.model.plan import FROM_BASELINE, AllOf, AnyOf, Check, Comparison, Not, Requirement, Scalar, Trend


def settled(
    check: Check | None, target: Scalar | list[Scalar] | None, numbers: Mapping[str, float], catalogue: Catalogue
) -> bool | None:
    """True when `check` holds against `target` on `numbers` (the site's engine numbers, with each trend's under
    its engine field) whatever the numbers absent from them would be; False when it fails so; None when the
    missing numbers, or a leaf not compared here, could decide it."""
    if check is None:
        return None
    if isinstance(check, AllOf | AnyOf):
        children = check.all if isinstance(check, AllOf) else check.any
        found = [settled(child, target, numbers, catalogue) for child in children]
        if isinstance(check, AnyOf):
            return True if True in found else (False if all(f is False for f in found) else None)
        return False if False in found else (True if all(f is True for f in found) else None)
    if isinstance(check, Comparison):
        return _compared(check, target, numbers, catalogue)
    if isinstance(check, Not):
        inner = settled(check.not_, target, numbers, catalogue)
        return None if inner is None else not inner
    if isinstance(check, Trend) and check.trend.rule == "each":  # a period logged breaking it: broken for good
        breaks = numbers.get(derive.derived_key(check.trend))
        return False if breaks is not None and breaks > 0 else None  # none yet: later periods may still break it
    if isinstance(check, Trend) and check.trend.rule in FROM_BASELINE and check.trend.op in derive.COMPARE:
        value = check.trend.value if check.trend.value is not None else target
        change = numbers.get(derive.derived_key(check.trend))
        if change is None or not isinstance(value, int | float) or isinstance(value, bool):
            return None
        return derive.COMPARE[check.trend.op](change, float(value))
    return None


def applies_anyway(requirement: Requirement, numbers: Mapping[str, float], catalogue: Catalogue) -> bool:
    """Whether the requirement's condition holds on `numbers` whatever the facts missing from them would be."""
    return settled(requirement.applies.condition, None, numbers, catalogue) is True


def never_applies(requirement: Requirement, numbers: Mapping[str, float], catalogue: Catalogue) -> bool:
    """Whether the requirement's condition fails on `numbers` whatever the facts missing from them would be."""
    return settled(requirement.applies.condition, None, numbers, catalogue) is False


def deciding(
    check: Check | None, target: Scalar | list[Scalar] | None, numbers: Mapping[str, float], catalogue: Catalogue
) -> list[str]:
    """The metrics whose given figures make `check` fail whatever the missing ones would be: of an all-of, those of
    its branches that fail so; of an any-of (every branch failing), all of them; none when it is not settled False."""
    if settled(check, target, numbers, catalogue) is not False:
        return []
    if isinstance(check, AllOf):
        return list(dict.fromkeys(m for child in check.all for m in deciding(child, target, numbers, catalogue)))
    if isinstance(check, AnyOf):
        return list(dict.fromkeys(m for child in check.any for m in deciding(child, target, numbers, catalogue)))
    if isinstance(check, Comparison):
        return [check.metric]
    return [check.trend.metric] if isinstance(check, Trend) else []


def at_least_key(metric_id: str) -> str:
    """The engine field of a level known only to be no better than a rank (`Facts.undecided`: a class whose given
    parameters already reach it), beside the absent level itself."""
    return f"{metric_id}@at_least"


def _bounded(check: Comparison, value: Scalar | list[Scalar] | None, at_least: float, metric: Metric) -> bool | None:
    """A level compared by rank that is known only to be `at_least` (levels best first): a target better than that
    is missed (Ⅲ类 or worse is not Ⅱ类及以上), a target no better is met by nothing known yet."""
    wanted = metric.level_index(value) if isinstance(value, str) else None
    if wanted is None:
        return None
    if check.op in ("<=", "<"):
        return False if at_least > wanted or (check.op == "<" and at_least == wanted) else None
    if check.op in (">=", ">"):
        return True if at_least > wanted or (check.op == ">=" and at_least == wanted) else None
    return None


def _compared(
    check: Comparison, target: Scalar | list[Scalar] | None, numbers: Mapping[str, float], catalogue: Catalogue
) -> bool | None:
    observed = numbers.get(check.metric)
    value = check.value if check.value is not None else target
    metric = catalogue.metric(check.metric)
    if observed is None and metric.type == MetricType.ORDINAL and (bound := numbers.get(at_least_key(metric.id))):
        return _bounded(check, value, bound, metric)
    if observed is not None and check.op in ("in", "not_in") and isinstance(value, list):
        try:
            levels = {derive.numeric(v, metric) for v in value}
        except ValueError:
            return None
        return (observed in levels) == (check.op == "in")
    if observed is None or check.op not in derive.COMPARE or value is None or isinstance(value, list | str):
        return None
    if metric.type == MetricType.BOOLEAN:
        return derive.COMPARE[check.op](observed, 1.0 if value else 0.0) if isinstance(value, bool) else None
    if metric.type not in (MetricType.NUMBER, MetricType.PERCENT) or isinstance(value, bool):
        return None
    return derive.COMPARE[check.op](observed, float(value))


def passes_anyway(
    requirement: Requirement,
    indexes: tuple[int | None, int | None],
    numbers: Mapping[str, float],
    unknown: Collection[str],
    catalogue: Catalogue,
) -> bool:
    """Whether the requirement's check holds against its target in force and its next one (their `indexes` in
    its targets, None where there is none) whatever the numbers missing from `numbers`, or named `unknown`
    (an old year's figure, see `assess.stale`), would be."""
    targets = targets_of(requirement)
    given = {
        key: number
        for key, number in numbers.items()
        if key not in unknown and key.partition("@")[0] not in unknown  # a trend's field is `metric@rule…`
    }
    wanted = [targets[index].value for index in indexes if index is not None]
    return bool(wanted) and all(settled(requirement.check, value, given, catalogue) is True for value in wanted)


def fails_anyway(
    requirement: Requirement,
    indexes: tuple[int | None, int | None],
    numbers: Mapping[str, float],
    unknown: Collection[str],
    catalogue: Catalogue,
) -> tuple[int, list[str]] | None:
    """The target (its index) the requirement's check misses whatever the numbers missing from `numbers`, or named
    `unknown`, would be, with the metrics that decide it (`deciding`): the one in force, or, the one in force met
    so or none, the next one; None when what is missing could still meet them. The in-force target unknown, a
    miss of the next one could be a failure or a risk, so it settles nothing."""
    targets = targets_of(requirement)
    given = {
        key: number for key, number in numbers.items() if key not in unknown and key.partition("@")[0] not in unknown
    }
    now, ahead = indexes
    if now is not None:
        found = settled(requirement.check, targets[now].value, given, catalogue)
        if found is False:
            return now, deciding(requirement.check, targets[now].value, given, catalogue)
        if found is None:
            return None
    if ahead is not None and settled(requirement.check, targets[ahead].value, given, catalogue) is False:
        return ahead, deciding(requirement.check, targets[ahead].value, given, catalogue)
    return None
