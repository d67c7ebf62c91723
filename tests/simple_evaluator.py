"""A deliberately simple evaluator of the rule model, written without the engine, to check it against.

It reads canonical values straight from the facts and walks the check tree with Python operators.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable
from typing import Any

from compliance.model.checks import KIND_METRIC, metrics_of
from compliance.model.facts import Facts, Site
from compliance.model.gazetteer import NO_PLACE, PLACE_METRIC, Gazetteer, Place
from compliance.model.metric import Catalogue, Metric, MetricType
from compliance.model.plan import (
    AllOf,
    AnyOf,
    Check,
    Comparison,
    Modality,
    Not,
    Requirement,
    RequirementKind,
    Trend,
)
from compliance.model.result import Status

OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


def comparable(value: Any, metric_id: str, catalogue: Catalogue) -> Any:
    metric = catalogue.metric(metric_id)
    if metric.type in (MetricType.ORDINAL, MetricType.CATEGORY):
        for position, level in enumerate(metric.levels):
            if value in (level.id, level.name_zh, level.name_en, *level.aliases):
                return position
        raise AssertionError(f"unknown level {value!r}")
    if metric.type == MetricType.BOOLEAN:
        return bool(value)
    return float(value)


def _index(period: str) -> int:
    """A period as a count of years or months since year 0, so that neighbours differ by one."""
    return int(period) if len(period) == 4 else int(period[:4]) * 12 + int(period[5:]) - 1


def _has_hole(periods: list[str]) -> bool:
    """Some period between the first and the last given is absent (the series is assessed over that span)."""
    if len(periods) < 2:
        return False
    indices = sorted(_index(p) for p in periods)
    return indices[-1] - indices[0] + 1 != len(indices)


def trend_holds(check: Trend, target: Any, series: dict[str, Any], catalogue: Catalogue) -> bool | None:
    """None when the series cannot decide it: too short, no baseline, or (for a period-by-period rule) a
    period missing inside its span while the periods given break nothing."""
    spec = check.trend
    points = [(period, comparable(series[period], spec.metric, catalogue)) for period in sorted(series)]
    if spec.rule in ("change_from", "difference_from"):
        base = dict(points).get(spec.baseline)
        later = [value for period, value in points if spec.baseline is not None and period > spec.baseline]
        sign = spec.value == 0 and not isinstance(spec.value, bool)  # only the direction is asked (提高: > 0)
        if base is None or not later or (base == 0 and spec.rule == "change_from" and not sign):
            return None
        if sign and spec.rule == "change_from" and spec.op == "<" and base == 0 == round(later[-1], 10):
            return True  # 减少 from 0 to 0: nothing was left to cut
        relative = spec.rule == "change_from" and base != 0
        change = (later[-1] - base) / abs(base) * 100.0 if relative else later[-1] - base
        change = round(change, 10) if math.isfinite(change) else change
        return OPS[spec.op or "=="](change, float(spec.value if spec.value is not None else target))
    if spec.rule == "each":
        # with a baseline year, read from its first period (2025-01 for months), which must be given too
        start = spec.baseline + {7: "-01", 10: "-01-01"}.get(len(points[-1][0]), "") if spec.baseline and points else ""
        points = [(period, value) for period, value in points if period >= start]
        if not points:
            return None
        wanted = comparable(spec.value, spec.metric, catalogue)
        met = all(OPS[spec.op or "=="](value, wanted) for _, value in points)
        if met and start and points[0][0] != start:
            return None
    else:
        if spec.baseline is not None:  # read from the baseline on, which must be given
            if spec.baseline not in series:
                return None
            points = [(period, value) for period, value in points if period >= spec.baseline]
        if len(points) < 2 and spec.baseline is None:
            return None
        step = {
            "decreasing": operator.lt,
            "non_increasing": operator.le,
            "increasing": operator.gt,
            "non_decreasing": operator.ge,
        }
        # Across a hole the comparison still shows a break: the values given cannot be monotone otherwise.
        met = all(step[spec.rule](points[i][1], points[i - 1][1]) for i in range(1, len(points)))
    if met and _has_hole([period for period, _ in points]):
        return None
    return met


def decidable(check: Check | None, series: dict[str, dict[str, Any]], catalogue: Catalogue) -> bool:
    """Every trend in the check has a series that can decide it."""
    if check is None or isinstance(check, Comparison):
        return True
    if isinstance(check, Trend):
        known = series.get(check.trend.metric)
        return known is not None and trend_holds(check, 0.0, known, catalogue) is not None
    if isinstance(check, Not):
        return decidable(check.not_, series, catalogue)
    children = check.all if isinstance(check, AllOf) else check.any
    return all(decidable(c, series, catalogue) for c in children)


def holds(
    check: Check, target: Any, values: dict[str, Any], catalogue: Catalogue, series: dict[str, Any] | None = None
) -> bool:
    if isinstance(check, Trend):
        result = trend_holds(check, target, (series or {})[check.trend.metric], catalogue)
        assert result is not None
        return result
    if isinstance(check, AllOf):
        return all(holds(c, target, values, catalogue, series) for c in check.all)
    if isinstance(check, AnyOf):
        return any(holds(c, target, values, catalogue, series) for c in check.any)
    if isinstance(check, Not):
        return not holds(check.not_, target, values, catalogue, series)
    assert isinstance(check, Comparison)
    observed = comparable(values[check.metric], check.metric, catalogue)
    wanted = check.value if check.value is not None else target
    if check.op in ("in", "not_in"):
        members = [comparable(v, check.metric, catalogue) for v in wanted]
        return (observed in members) == (check.op == "in")
    return OPS[check.op](observed, comparable(wanted, check.metric, catalogue))


def _kleene(
    check: Check | None,
    target: Any,
    values: dict[str, Any],
    series: dict[str, Any],
    catalogue: Catalogue,
    unknown: set[str],
) -> bool | None:
    """Three-valued: whether `check` holds whatever the missing (or `unknown`) values are; only plain comparisons of
    numbers, percentages and yes/no, memberships in a list of levels, and changes from a baseline, are read;
    anything else is unknown."""
    if check is None:
        return None
    if isinstance(check, AllOf | AnyOf):
        found = [
            _kleene(c, target, values, series, catalogue, unknown)
            for c in (check.all if isinstance(check, AllOf) else check.any)
        ]
        if isinstance(check, AnyOf):
            return True if True in found else (False if found and all(f is False for f in found) else None)
        return False if False in found else (True if all(f is True for f in found) else None)
    if isinstance(check, Comparison):
        wanted = check.value if check.value is not None else target
        kind = catalogue.metric(check.metric).type
        plain = (
            kind in (MetricType.NUMBER, MetricType.PERCENT)
            and isinstance(wanted, int | float)
            and not isinstance(wanted, bool)
        )
        yes_no = kind == MetricType.BOOLEAN and isinstance(wanted, bool)
        listed = check.op in ("in", "not_in") and isinstance(wanted, list)
        if listed and check.metric not in unknown and check.metric in values:
            return holds(check, target, values, catalogue)
        if check.metric in unknown or check.metric not in values or check.op not in OPS or not (plain or yes_no):
            return None
        return holds(check, target, values, catalogue)
    if isinstance(check, Not):  # settled where what it negates is
        inner = _kleene(check.not_, target, values, series, catalogue, unknown)
        return None if inner is None else not inner
    if isinstance(check, Trend) and check.trend.rule == "each" and check.trend.metric not in unknown:
        known = series.get(check.trend.metric)  # a period given breaking it fails it; none yet settles nothing
        return False if known and trend_holds(check, target, known, catalogue) is False else None
    if (
        isinstance(check, Trend)
        and check.trend.rule in ("change_from", "difference_from")
        and check.trend.metric not in unknown
    ):
        known = series.get(check.trend.metric)
        wanted = check.trend.value if check.trend.value is not None else target
        if (
            known is None
            or check.trend.op not in OPS
            or isinstance(wanted, bool)
            or not isinstance(wanted, int | float)
        ):
            return None
        return trend_holds(check, target, known, catalogue)
    return None


def _read_now_and_every(check: Check | None) -> tuple[set[str], set[str]]:
    """The metrics a check reads for their figure now (comparisons, changes from a baseline), and those read
    only for every period (the other trend rules)."""
    if check is None:
        return set(), set()
    if isinstance(check, Comparison):
        return {check.metric}, set()
    if isinstance(check, Trend):
        spec = check.trend
        return ({spec.metric}, set()) if spec.rule in ("change_from", "difference_from") else (set(), {spec.metric})
    if isinstance(check, Not):
        return _read_now_and_every(check.not_)
    now: set[str] = set()
    every: set[str] = set()
    for child in check.all if isinstance(check, AllOf) else check.any:
        child_now, child_every = _read_now_and_every(child)
        now |= child_now
        every |= child_every
    return now, every - now


def metrics(check: Check | None) -> set[str]:
    if check is None:
        return set()
    if isinstance(check, Comparison):
        return {check.metric}
    if isinstance(check, Trend):
        return {check.trend.metric}
    if isinstance(check, Not):
        return metrics(check.not_)
    children = check.all if isinstance(check, AllOf) else check.any
    return set().union(*(metrics(c) for c in children))


def place_of(site: Site, gazetteer: Gazetteer) -> str | None:
    """The named place by exact name (spaces and a leading 福州市/厦门市 ignored); None for a kind without places.

    Near misses are left to their own tests: the strategies here draw names that are a place's or far from all."""
    places = [p for p in gazetteer.places if site.kind in p.kinds]
    if not places:
        return None

    def plain(name: str) -> str:
        name = "".join(name.split())
        for prefix in ("福州市", "厦门市"):
            name = name.removeprefix(prefix)
        return name

    districts: list[Place] = []
    if site.kind in ("township", "village"):  # a named district reaches what lies in it, known by code alone
        districts = [p for p in places if p.admin_code]
        places = [p for p in places if not p.admin_code]
    given = {plain(n) for n in [site.name, *site.aliases, *site.groups]}
    for place in places:
        if given & {plain(n) for n in [place.name, *place.aliases]}:
            return place.name
    inside = [p.name for p in districts if site.admin_code.startswith(p.admin_code)]
    if inside:
        return inside[0]
    city_only = len(site.admin_code) < 6 or site.admin_code[4:6] == "00"
    if city_only and any(site.admin_code[:4] in ("", p.admin_code[:4]) for p in districts):
        return None
    return NO_PLACE


def _running(period: str, metric: Metric, as_of: dt.date) -> bool:
    """A year not ended on `as_of` whose figure, of a period read by its latest one, is not yet the year's."""
    of_the_year = metric.series_value == "latest" and not metric.due_at_period_end and _of_a_period(metric)
    return len(period) == 4 and int(period) > _year_ended(as_of) and int(period) <= as_of.year and of_the_year


def _year_ended(as_of: dt.date) -> int:
    """The last year ended by `as_of`: its own on 31 December (the day includes the whole year), else the one before."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


def _read_on(requirement: Requirement, as_of: dt.date, ends: dt.date | None, catalogue: Catalogue) -> dt.date:
    """The date `requirement` is read on: the day after its plan's period ended, for a standing duty (no dated
    target, or a yes/no due every year from a first one) once that period has ended; else `as_of` (a target dated
    within the plan is then read at `as_of` on the plan's years: `_at_end`)."""
    standing = ends is not None and _at_end(requirement, as_of, ends, catalogue) and not _dated(requirement, catalogue)
    return ends + dt.timedelta(days=1) if ends is not None and standing else as_of


def _dated(requirement: Requirement, catalogue: Catalogue) -> bool:
    """Whether `requirement` has a dated target and is no yes/no due every year from a first one."""
    duties = [catalogue.metric(m) for m in metrics(requirement.check)]
    yearly = bool(duties) and all(m.due_at_period_end and m.due_from is not None for m in duties)
    return any(t.due is not None for t in requirement.targets) and not yearly


def _at_end(requirement: Requirement, as_of: dt.date, ends: dt.date | None, catalogue: Catalogue) -> bool:
    """Whether `requirement` is read on its plan's years alone, its period having ended by `as_of`: a standing duty
    (at the end, `_read_on`), or a target dated within the plan (到2027年底: at `as_of`, a later figure late)."""
    if ends is None or as_of <= ends or requirement.check is None or requirement.kind == RequirementKind.QUALITATIVE:
        return False
    dues = [t.due for t in requirement.targets if t.due is not None]
    return not _dated(requirement, catalogue) or max(dues) <= ends


def expected_statuses(
    requirements: list[Requirement],
    facts: Facts,
    as_of: dt.date,
    catalogue: Catalogue,
    gazetteer: Gazetteer | None = None,
    issued: dict[str, dt.date | None] | None = None,
    districts: frozenset[str] = frozenset(),
    ends: dict[str, dt.date | None] | None = None,
) -> dict[str, Status]:
    """Each requirement's status for the facts, the facts read once for each date read on; `issued`: per
    requirement, the date its plan was issued (before it an undated target is still to come); `districts`: the
    division table's district names (a district site so named is plainly none of the places the plans name,
    whatever is stated); `ends`: per requirement, the last day of its plan's period (after it a standing duty is
    read as it stood the day after)."""
    dates = issued or {}
    worst = {metric.id for metric in catalogue.metrics if metric.series_value != "latest"}
    each = {
        t.trend.metric
        for r in requirements
        if facts.site.kind in r.applies.kinds
        for t in _trends(r.check)
        if t.trend.rule == "each"
    }
    logs = frozenset(worst | each)  # read period by period: a log must reach the last month or day ended
    read: dict[tuple[Any, ...], tuple[dict[str, Any], dict[str, Any]]] = {}
    statuses: dict[str, Status] = {}
    at_end = [r for r in requirements if _at_end(r, as_of, (ends or {}).get(r.id), catalogue)]
    ending = {id(r) for r in at_end}  # by identity: comparing requirements field by field was most of the time
    conditions = {m for r in at_end for m in metrics_of(r.applies.condition)}
    undated = frozenset(m for r in at_end for m in metrics_of(r.check)) - conditions  # the state now: after the end
    cuts: dict[tuple[dt.date, frozenset[str]], Facts] = {}
    for r in requirements:
        end = (ends or {}).get(r.id)
        when = _read_on(r, as_of, end, catalogue)
        reading = (when, end if end is not None and when > end else when)  # at the end: on the plan's years alone
        deadline = _deadline(r, as_of, catalogue)
        cut = _at_deadline(facts, r, deadline, catalogue) if deadline is not None else frozenset()
        key = (*reading, id(r) in ending, deadline if cut else None, cut)  # a target's own year's figure: read at it
        if key not in read:
            given = (
                facts
                if not cut or deadline is None
                else cuts.setdefault((deadline, cut), _cut(facts, cut, deadline, catalogue))
            )
            read[key] = _values(
                given, reading, catalogue, gazetteer, districts, undated if id(r) in ending else frozenset()
            )
        values, series = read[key]
        statuses[r.id] = _status(r, values, series, when, catalogue, dates.get(r.id), logs)
    return statuses


def _deadline(requirement: Requirement, as_of: dt.date, catalogue: Catalogue) -> dt.date | None:
    """A dated target's deadline once it has passed, when no target of the requirement is still ahead and it is no
    yearly duty: its own year's figure decides it (a later year's neither undoes a miss nor stands in for it)."""
    dues = [t.due for t in requirement.targets if t.due is not None]
    if requirement.check is None or not _dated(requirement, catalogue) or any(d >= as_of for d in dues):
        return None
    past = [d for d in dues if d < as_of]
    return max(past) if past else None


def _at_deadline(facts: Facts, requirement: Requirement, deadline: dt.date, catalogue: Catalogue) -> frozenset[str]:
    """The facts the requirement compares with a later period to leave out, or a single value observed after the
    deadline's year (not a prohibition's, an incident log or a yearly duty: read over their own years): no later
    year stands in for the target year's figure."""
    day = deadline.isoformat()
    found = set()
    for metric_id in metrics_of(requirement.check):
        observation, metric = facts.observations.get(metric_id), catalogue.metric(metric_id)
        if observation is None:
            continue
        if metric.forbidden_from or metric.occurred_from or metric.due_at_period_end:
            continue
        if metric.series_value != "latest" and any(p[:4] == day[:4] for p in observation.series or ()):
            continue  # a worst period over the year to the latest, as before; without the year, no stand-in
        observed = observation.provenance.observed_on
        if observation.series is None and observed is not None and observed.year > deadline.year:
            found.add(metric_id)  # a value of a later year: not the target year's figure
        if not observation.series:
            continue
        periods = list(observation.series) + list(observation.blank_periods)
        at = any(p[:4] == day[:4] and _reaches(p, deadline) for p in observation.series)  # the year, or its end
        tests = [(leaf.op, leaf.value) for leaf in _leaves(requirement.check) if leaf.metric == metric_id]
        tests += [
            (leaf.op, t.value)
            for leaf in _leaves(requirement.check)
            for t in requirement.targets
            if leaf.metric == metric_id and leaf.value is None
        ]
        top = metric.type == MetricType.PERCENT and metric.maximum is not None and bool(tests)
        held = top and all(op in (">=", "==") and value == metric.maximum for op, value in tests)
        if held and at and day[:4] not in observation.series:
            continue  # 保持100% month by month: every month counts, as before
        if any(p[: len(day)] > day[: len(p)] for p in periods):  # no later year stands in for the target's
            found.add(metric_id)
    return frozenset(found)


def _reaches(period: str, day: dt.date) -> bool:
    """Whether a year, month or day ends on or after `day` (2025-12 reaches 2025-12-31; 2025-10 does not)."""
    if len(period) == 4:
        return dt.date(int(period), 12, 31) >= day
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:7])
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1) >= day
    return dt.date.fromisoformat(period) >= day


def _cut(facts: Facts, cut: frozenset[str], deadline: dt.date, catalogue: Catalogue) -> Facts:
    """`facts` with the series of `cut` ending at the deadline."""
    day = deadline.isoformat()
    observations = dict(facts.observations)
    for metric_id in cut:
        observation, metric = observations.pop(metric_id), catalogue.metric(metric_id)
        if not observation.series:
            continue  # a single value of a later year: left out
        known = {p: v for p, v in observation.series.items() if p <= day[: len(p)]}
        since = metric.reached_from or ""
        reached = metric.lasting and any(v is True and p[:4] >= since for p, v in known.items())
        value = True if reached else _standing_for(known, metric_id, catalogue) if known else None
        if value is not None:
            blanks = [p for p in observation.blank_periods if p <= day[: len(p)]]
            observations[metric_id] = observation.model_copy(
                update={"series": known, "value": value, "blank_periods": blanks}
            )
    return facts.model_copy(update={"observations": observations})


def _values(
    facts: Facts,
    dates: tuple[dt.date, dt.date],
    catalogue: Catalogue,
    gazetteer: Gazetteer | None,
    districts: frozenset[str],
    undated: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The values and the dated series of the facts as read on `dates[0]`, periods begun after `dates[1]` left out;
    read after a plan's end, a plain value of `undated` without a date is the state now, outside the plan."""
    as_of, until = dates[0], dates[1].isoformat()
    values: dict[str, Any] = {}
    series: dict[str, Any] = {}
    for metric_id, observation in facts.observations.items():
        if (
            as_of > dates[1]
            and metric_id in undated
            and observation.series is None is observation.provenance.observed_on
        ):
            continue
        known = observation.series
        if known and catalogue.metric(metric_id).per_month and any(len(p) != 7 for p in known):
            known = {p: v for p, v in known.items() if len(p) == 4 and v is False}
            if not known:
                continue  # a fact of each month given by year or day: not read, but a year's 否 (some month failed)
        if known is not None:  # what had begun by the as-of date: a period is not after it in ISO text order
            metric = catalogue.metric(metric_id)  # nor the year still running, for a figure of the year
            known = {p: v for p, v in known.items() if p <= until[: len(p)] and not _running(p, metric, as_of)}
        if known is None or known == observation.series:
            values[metric_id] = observation.value
        elif known:
            value = _standing_for(known, metric_id, catalogue)
            if value is not None:
                values[metric_id] = value
        if known and metric_id in values:
            series[metric_id] = known
    if gazetteer is not None:
        place = place_of(facts.site, gazetteer)
        site = facts.site
        known = site.kind == "district" and place == NO_PLACE and bool({site.district, site.name} & districts)
        # a stated place gives way to the site's own name or district, when they match a place exactly (or a district
        # of the table that is none of them)
        sure = place is not None and (place != NO_PLACE or known)
        if place is not None and (PLACE_METRIC not in values or (sure and values[PLACE_METRIC] != place)):
            values[PLACE_METRIC] = place
    for metric in catalogue.metrics:  # a yes/no fact the site's name states when not stated (属自然保护地)
        reading = metric.read_from_name
        if reading is not None and facts.site.kind in reading.kinds and metric.id not in values:
            names = [facts.site.name, facts.site.name_en, *facts.site.aliases, *facts.site.groups]
            said = any(word in name for word in reading.words for name in names)
            if said or not reading.only_yes:  # a name read one way only says nothing without its word
                values[metric.id] = said
    _settle(values, facts.site.kind, catalogue)
    values[KIND_METRIC] = facts.site.kind  # a condition on the site's kind reads the kind itself, never a fact
    return values, series


def _settle(values: dict[str, Any], kind: str, catalogue: Catalogue) -> None:
    """A yes/no fact left blank that a settling conflict's other side, stated, leaves no choice: the opposite of
    the value the conflict denies (闽江干流省控断面 是: no 小流域断面; a rural rate above 0: 辖区内有行政村 是)."""
    settled: dict[str, bool] = {}
    for metric in catalogue.metrics:
        for conflict in metric.conflicts:
            if not conflict.settles or kind not in conflict.kinds:
                continue
            (other,) = conflict.facts
            stated = values.get(other.metric)
            if other.op == ">":
                holds = isinstance(stated, int | float) and not isinstance(stated, bool) and stated > other.value
            else:
                holds = stated is not None and isinstance(stated, bool) == isinstance(other.value, bool)
                holds = holds and stated == other.value
            if holds and metric.id not in values and isinstance(conflict.value, bool):
                settled.setdefault(metric.id, not conflict.value)
            mine = values.get(metric.id)
            own = mine is not None and isinstance(mine, bool) == isinstance(conflict.value, bool)
            boolean = isinstance(other.value, bool) and catalogue.metric(other.metric).type.value == "boolean"
            if own and mine == conflict.value and other.metric not in values and boolean:
                settled.setdefault(other.metric, not other.value)
    values.update(settled)


def _last_year(periods: list[str]) -> list[str]:
    """The periods of the twelve months that end with the latest (sorted) one: one year, twelve months, or the
    days after the same date a year before."""
    latest = periods[-1]
    if len(latest) == 4:
        return [latest]
    if len(latest) == 7:
        return [p for p in periods if _index(p) > _index(latest) - 12]
    end = dt.date.fromisoformat(latest)
    start = dt.date(end.year - 1, end.month, 28 if (end.month, end.day) == (2, 29) else end.day)
    return [p for p in periods if dt.date.fromisoformat(p) > start]


def _standing_for(known: dict[str, Any], metric_id: str, catalogue: Catalogue) -> Any:
    """The value a shortened series stands for: the latest period's, or the worst one's for a metric every
    period of which counts (none when one is missing inside the series, unless a yes/no given is the worst)."""
    metric = catalogue.metric(metric_id)
    reading = metric.series_value
    periods = sorted(known)
    if reading == "latest":
        return known[periods[-1]]
    periods = _last_year(periods)
    if _has_hole(periods):
        worst = reading == "highest"  # a yes/no period at its worst decides whatever is missing
        given = [known[p] for p in periods]
        return worst if metric.type == MetricType.BOOLEAN and worst in given else None
    ranked = sorted((known[p] for p in periods), key=lambda value: comparable(value, metric_id, catalogue))
    return ranked[0] if reading == "lowest" else ranked[-1]


def _split(requirement: Requirement, series: dict[str, Any], catalogue: Catalogue) -> set[str]:
    """Metrics the requirement compares (in its check against each target, or its condition) given month by month,
    whose months of the last year the requirement's own comparisons answer differently: the year is unknown."""
    targets = [t.value for t in requirement.targets] or [None]
    found: set[str] = set()
    for check, values in ((requirement.check, targets), (requirement.applies.condition, [None])):
        for leaf in _leaves(check):
            known = series.get(leaf.metric)
            metric = catalogue.metric(leaf.metric)
            if not known or len(max(known)) == 4 or metric.series_value != "latest" or not _of_a_period(metric):
                continue
            months = [comparable(known[p], leaf.metric, catalogue) for p in _last_year(sorted(known))]
            for value in values:
                constant = leaf.value if leaf.value is not None else value
                constants = constant if isinstance(constant, list) else [constant]
                ranks = [comparable(c, leaf.metric, catalogue) for c in constants if not isinstance(c, bool)]
                op = leaf.op if leaf.op in (">=", ">", "<=", "<") else "=="
                if any(len({_holds(x, op, r) for x in months}) > 1 for r in ranks):
                    found.add(leaf.metric)
                if ranks and not metric.state_rate and _months_short(known):
                    found.add(leaf.metric)  # a month of the year to the latest not given: the year is unknown
    return found


def _months_short(known: dict[str, Any]) -> bool:
    """Some month of the twelve to a log's latest (a month or a day) has no figure (a year given covers its months)."""
    latest = _index(max(known)[:7])
    covered = {_index(p[:7]) for p in known if len(p) > 4}
    covered |= {int(p) * 12 + month for p in known if len(p) == 4 for month in range(12)}
    return any(index not in covered for index in range(latest - 11, latest + 1))


def _leaves(check: Check | None) -> list[Comparison]:
    if isinstance(check, Comparison):
        return [check]
    if isinstance(check, Not):
        return _leaves(check.not_)
    if isinstance(check, AllOf | AnyOf):
        return [leaf for child in (check.all if isinstance(check, AllOf) else check.any) for leaf in _leaves(child)]
    return []


def _holds(value: float, op: str, constant: float) -> bool:
    return {">=": value >= constant, ">": value > constant, "<=": value <= constant, "<": value < constant}.get(
        op, value == constant
    )


def _of_a_period(metric: Metric) -> bool:
    """A rate, a concentration, a class or a period's total (not a yes/no, a count of what stands, a lasting level)."""
    if metric.type in (MetricType.BOOLEAN, MetricType.CATEGORY) or metric.lasting:
        return False
    return metric.type != MetricType.NUMBER or metric.unit not in ("个", "人", "位", "位次", "种", "类", "km")


def _held_year(requirement: Requirement, catalogue: Catalogue) -> str | None:
    """The first year of a level held every year from it (保持, 维持, 巩固: one `each` rule from a yearly baseline
    over a yearly figure, no dated target)."""
    check = requirement.check
    if not isinstance(check, Trend) or any(t.due is not None for t in requirement.targets):
        return None
    spec, metric = check.trend, catalogue.metric(check.trend.metric)
    if spec.rule != "each" or spec.baseline is None or len(spec.baseline) != 4 or metric.per_month or metric.per_day:
        return None
    return spec.baseline


def _trends(check: Check | None) -> list[Trend]:
    if isinstance(check, Trend):
        return [check]
    if isinstance(check, Not):
        return _trends(check.not_)
    if isinstance(check, AllOf | AnyOf):
        return [t for child in (check.all if isinstance(check, AllOf) else check.any) for t in _trends(child)]
    return []


def _stops_early(known: dict[str, Any] | None, as_of: dt.date) -> bool:
    """A log of months or days whose latest period is before the last one ended by `as_of`."""
    if not known:
        return False
    latest = max(known)
    if len(latest) == 7:
        last = f"{as_of.year - 1}-12" if as_of.month == 1 else f"{as_of.year}-{as_of.month - 1:02d}"
    elif len(latest) == 10:
        last = (as_of - dt.timedelta(days=1)).isoformat()
    else:
        return False
    return latest < last


def _early(period: str, deadline: dt.date) -> bool:
    """Whether `period` (a year, a month, a day) is of the deadline's year and ends before it."""
    if len(period) == 4:
        last = dt.date(int(period), 12, 31)
    elif len(period) == 7:
        year, month = int(period[:4]), int(period[5:])
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    else:
        last = dt.date.fromisoformat(period)
    return last.year == deadline.year and last < deadline


def _missed_anyway(
    check: Check | None,
    indexes: tuple[int | None, int | None],
    targets: list[Any],
    given: tuple[dict[str, Any], dict[str, Any], set[str]],
    catalogue: Catalogue,
    gradual: bool,
) -> Status:
    """Missing data: a failure when the target in force is missed whatever the rest would be, a risk when it is
    met so (or there is none) and the next one is missed so; else insufficient data."""
    values, series, unknown = given

    def kleene(index: int) -> bool | None:
        target = targets[index]
        return _kleene(check, None if target is None else target.value, values, series, catalogue, unknown)

    current, upcoming = indexes
    now = None if current is None else kleene(current)
    if now is False:
        return Status.AT_RISK if gradual else Status.FAIL
    if (current is None or now is True) and upcoming is not None and kleene(upcoming) is False:
        return Status.AT_RISK
    return Status.INSUFFICIENT_DATA


def _status(
    requirement: Requirement,
    values: dict[str, Any],
    series: dict[str, Any],
    as_of: dt.date,
    catalogue: Catalogue,
    issued: dt.date | None = None,
    logs: frozenset[str] = frozenset(),
) -> Status:
    condition = requirement.applies.condition
    split = _split(requirement, series, catalogue)  # a month whose answer differs from another's: the year unknown
    if split:
        values = {m: v for m, v in values.items() if m not in split}
    read_now = _read_now_and_every(condition)[0]  # a trend (每月达标 logged before an exit) wants its series to decide
    if not (read_now <= values.keys() and decidable(condition, series, catalogue)):
        applies = _kleene(condition, None, values, series, catalogue, set())
        if applies is False:
            return Status.NOT_APPLICABLE  # a branch given of an all-of fails whatever the others would be
        if applies is not True:
            return Status.INSUFFICIENT_DATA  # unless a branch given holds whatever the others would be
    elif condition is not None and not holds(condition, None, values, catalogue, series):
        return Status.NOT_APPLICABLE
    if requirement.check is None or requirement.kind == RequirementKind.QUALITATIVE:
        return Status.NEEDS_REVIEW
    targets = requirement.targets or [None]
    due = [t.due if t is not None else None for t in targets]
    gradual = requirement.modality == Modality.GRADUAL
    current = None
    for i, d in enumerate(due):
        if d is not None and d < as_of and (current is None or due[current] is None or d >= due[current]):
            current = i
    pending = issued is not None and as_of < issued  # the plan not yet issued: an undated duty is still to come
    starts = next((t.starts for t in targets if t is not None and t.due is None), None)
    pending = pending or (starts is not None and as_of < starts)  # an undated duty that starts later
    # an undated duty not yet in force (no dated target beside it): met, it is still no pass, but at risk
    passed = Status.AT_RISK if pending and all(d is None for d in due) else Status.PASS
    duties = [catalogue.metric(m) for m in metrics(requirement.check)]
    firsts = [m.due_from for m in duties if m.due_at_period_end and m.due_from is not None]
    if duties and len(firsts) == len(duties):  # a duty done once a year: not due before its first year ends
        pending = pending or _year_ended(as_of) < int(max(firsts))
    check = requirement.check
    held = _held_year(requirement, catalogue)  # a level held every year from a year: not due before it ends
    if held is not None and _year_ended(as_of) < int(held) and isinstance(check, Trend):
        pending, spec = True, check.trend
        known = series.get(spec.metric)
        if known and max(known)[:4] < held:  # no period of that year yet: its latest figure, as a target ahead
            check = Comparison(metric=spec.metric, op=spec.op or "==", value=spec.value)
    if current is None and None in due and not gradual and not pending:
        current = due.index(None)
    upcoming = None
    for i, d in enumerate(due):
        if d is not None and d >= as_of and (upcoming is None or d < due[upcoming]):
            upcoming = i
    if upcoming is None and None in due and (gradual or pending):
        upcoming = due.index(None)

    def met(index: int) -> bool:
        target = targets[index]
        return holds(check, None if target is None else target.value, values, catalogue, series)

    in_force_due = due[current] if current is not None else None
    if current is not None and in_force_due is None and (starts or issued) is not None:
        # a standing duty: read on the last year ended, and a figure before the plan (or its start) shows nothing
        in_force_due = max(starts or issued, dt.date(_year_ended(as_of), 1, 1))  # type: ignore[type-var]
    before = set()  # metrics whose series ends before the in-force target's year: they show nothing of it
    if in_force_due is not None:
        before = {m for m, known in series.items() if int(max(known)[:4]) < in_force_due.year}
    if current is not None and due[current] is not None:  # a deadline: a figure of its year ended before it
        deadline = due[current]
        before |= {m for m, known in series.items() if _early(max(known), deadline)}
    now, every = _read_now_and_every(check)
    lasting = {m for m in before & now if catalogue.metric(m).lasting}  # met already stays met; short wants the year
    fresh = {m for m in now if not catalogue.metric(m).lasting} & series.keys()
    # on track for a target ahead only on a figure of the last year ended or later
    stale_ahead = current is None and any(int(max(series[m])[:4]) < _year_ended(as_of) for m in fresh)
    stopped = {m for m in metrics(check) if m in logs and _stops_early(series.get(m), as_of)}
    decisive = (before & now) - lasting
    lacking = not metrics(check) <= values.keys() or not decidable(check, series, catalogue) or bool(decisive)
    if not lacking and current is not None and before & every and met(current):
        lacking = True
    if not lacking and current is not None and lasting and not met(current):
        lacking = True
    if not lacking and stopped and (current is None or met(current)):
        lacking = True  # a log that stopped: unbroken so far, the months since are wanted
    if lacking:  # insufficient, unless what is given meets the check whatever the rest would be
        wanted = [targets[i] for i in (current, upcoming) if i is not None]
        values_wanted = [None if t is None else t.value for t in wanted]
        unknown = decisive | stopped | lasting | split  # a split month log: its trend not read either, as the engine
        if wanted and all(_kleene(check, v, values, series, catalogue, unknown) is True for v in values_wanted):
            return Status.INSUFFICIENT_DATA if stale_ahead else passed
        return _missed_anyway(check, (current, upcoming), targets, (values, series, unknown), catalogue, gradual)
    if current is not None and not met(current):
        return Status.AT_RISK if gradual else Status.FAIL
    if upcoming is not None and not met(upcoming):
        return Status.AT_RISK
    return Status.INSUFFICIENT_DATA if stale_ahead else passed
