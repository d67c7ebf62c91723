"""Checks that a loaded pack is consistent with its catalogue, so nothing broken reaches the engine."""

from __future__ import annotations

from compliance.load.values import ValueProblem, read_value
from compliance.model.checks import KIND_METRIC, comparisons_of, metrics_of
from compliance.model.gazetteer import NO_PLACE, PLACE_METRIC
from compliance.model.metric import Aggregate, AggregateRule, Catalogue, Metric, MetricType
from compliance.model.plan import Requirement, RequirementKind, RulePack
from compliance.model.problems import Problem, did_you_mean

_AGGREGATE_TYPES = {
    AggregateRule.SHARE: (MetricType.PERCENT,),
    AggregateRule.COUNT: (MetricType.NUMBER,),
    AggregateRule.MEAN: (MetricType.NUMBER, MetricType.PERCENT),
    AggregateRule.ALL: (MetricType.BOOLEAN,),
    AggregateRule.ANY: (MetricType.BOOLEAN,),
}


def requirement_problem(pack: RulePack, requirement: Requirement, field: str, message: str) -> Problem:
    """A problem located where the requirement is declared (its file and line)."""
    file, _, line = pack.source_of[requirement.id].rpartition(":")
    return Problem(file, int(line) if line.isdigit() else None, f"{requirement.id}.{field}", message)


def check_references(pack: RulePack) -> list[Problem]:
    """Unknown kinds and metrics, values a metric cannot take, qualitative items with a check."""
    catalogue = pack.catalogue
    kinds = {k.id for k in catalogue.kinds}
    metrics = {m.id for m in catalogue.metrics}
    problems: list[Problem] = check_aggregates(catalogue)
    for requirement in pack.requirements:
        for kind in requirement.applies.kinds:
            if kind not in kinds:
                problems.append(
                    requirement_problem(
                        pack, requirement, "applies.kinds", f"unknown kind {kind!r}{did_you_mean(kind, kinds)}"
                    )
                )
        for field, check in (("applies.condition", requirement.applies.condition), ("check", requirement.check)):
            for metric in metrics_of(check):
                if metric not in metrics:
                    message = f"unknown metric {metric!r}{did_you_mean(metric, metrics)}"
                    problems.append(requirement_problem(pack, requirement, field, message))
        if requirement.kind == RequirementKind.QUALITATIVE and requirement.check is not None:
            problems.append(requirement_problem(pack, requirement, "check", "a qualitative requirement takes no check"))
        problems += _place_kinds(pack, requirement) + _kind_tests(pack, requirement)
    return problems


def _kind_tests(pack: RulePack, requirement: Requirement) -> list[Problem]:
    """`site_kind` is tested only by a condition, only for being one of some kinds (==, !=, in, not_in)."""
    problems = []
    if KIND_METRIC in metrics_of(requirement.check):
        message = f"{KIND_METRIC} is the site's kind: only a condition may test it"
        problems.append(requirement_problem(pack, requirement, "check", message))
    for comparison in comparisons_of(requirement.applies.condition):
        if comparison.metric == KIND_METRIC and comparison.op not in ("==", "!=", "in", "not_in"):
            message = f"{KIND_METRIC} {comparison.op}: a kind is tested with ==, !=, in or not_in"
            problems.append(requirement_problem(pack, requirement, "applies.condition", message))
    return problems


def _place_kinds(pack: RulePack, requirement: Requirement) -> list[Problem]:
    """A rule limited to named places must name places its kinds can be, or no site's name could ever match."""
    problems = []
    for comparison in comparisons_of(requirement.applies.condition):
        if comparison.metric != PLACE_METRIC:
            continue
        values = comparison.value if isinstance(comparison.value, list) else [comparison.value]
        for value in values:
            place = pack.gazetteer.place(str(value))
            if place is None and value != NO_PLACE:
                message = (
                    f"{value!r} is not a place of gazetteer.yaml{did_you_mean(str(value), pack.gazetteer.names())}"
                )
                problems.append(requirement_problem(pack, requirement, "applies.condition", message))
            elif place is not None and not set(requirement.applies.kinds) <= set(place.kinds):
                kinds = ", ".join(sorted(set(requirement.applies.kinds) - set(place.kinds)))
                message = f"{place.name} is not listed in gazetteer.yaml as a {kinds}, so no such site could match it"
                problems.append(requirement_problem(pack, requirement, "applies.condition", message))
    return problems


def check_aggregates(catalogue: Catalogue) -> list[Problem]:
    """Each declared aggregate reads a known member kind and metric, with a test that metric can take."""
    kinds = {k.id for k in catalogue.kinds}
    metrics = {m.id: m for m in catalogue.metrics}
    problems: list[Problem] = []
    for metric in catalogue.metrics:
        message = _aggregate_problem(metric, kinds, metrics)
        if message:
            problems.append(Problem("catalogue", None, f"metrics.{metric.id}.aggregate", message))
    return problems + _kind_states(catalogue, metrics) + _conflicts(catalogue, metrics, kinds)


def _kind_states(catalogue: Catalogue, metrics: dict[str, Metric]) -> list[Problem]:
    """Each fact a kind word states (`SiteKind.states`) is a known metric, with a value it can take."""
    problems: list[Problem] = []
    for kind in catalogue.kinds:
        for word, facts in kind.states.items():
            for metric_id, value in facts.items():
                where = f"kinds.{kind.id}.states.{word}.{metric_id}"
                metric = metrics.get(metric_id)
                if metric is None:
                    message = f"unknown metric {metric_id!r}{did_you_mean(metric_id, metrics)}"
                    problems.append(Problem("catalogue", None, where, message))
                    continue
                try:
                    read_value(value, metric)
                except ValueProblem as problem:
                    problems.append(Problem("catalogue", None, where, f"value: {problem}"))
    return problems


def _aggregate_problem(metric: Metric, kinds: set[str], metrics: dict[str, Metric]) -> str | None:
    aggregate = metric.aggregate
    if aggregate is None:
        return None
    if aggregate.over not in kinds:
        return f"unknown kind {aggregate.over!r}{did_you_mean(aggregate.over, kinds)}"
    member = metrics.get(aggregate.of)
    if member is None:
        return f"unknown metric {aggregate.of!r}{did_you_mean(aggregate.of, metrics)}"
    for field in ("among", "exempt"):
        if getattr(aggregate, field) is not None and (message := _among_problem(aggregate, metrics, field)):
            return message
    for field in ("exempt_once", "within"):
        name = getattr(aggregate, field)
        yes_no = metrics.get(name) if name is not None else None
        if name is not None and (yes_no is None or yes_no.type != MetricType.BOOLEAN):
            return f"`{field}` must name a yes/no metric, got {name!r}"
    weight = metrics.get(aggregate.weight) if aggregate.weight is not None else None
    if aggregate.weight is not None and (weight is None or weight.type != MetricType.NUMBER):
        return f"`weight` must name a number metric, got {aggregate.weight!r}{did_you_mean(aggregate.weight, metrics)}"
    allowed = _AGGREGATE_TYPES[aggregate.rule]
    if metric.type not in allowed:
        wanted = " or ".join(t.value for t in allowed)
        return f"a {aggregate.rule.value} aggregate gives a {wanted} figure, but {metric.id} is {metric.type.value}"
    if aggregate.rule == AggregateRule.MEAN:
        if member.type not in (MetricType.NUMBER, MetricType.PERCENT):
            return f"a mean needs a number or percent member metric; {member.id} is {member.type.value}"
        return None
    ordered = (MetricType.NUMBER, MetricType.PERCENT, MetricType.ORDINAL)
    if aggregate.op not in ("==", "!=") and member.type not in ordered:
        return f"{aggregate.op} needs an ordered member metric; {member.id} is {member.type.value}"
    try:
        read_value(aggregate.value, member)
    except ValueProblem as problem:
        return f"value: {problem}"
    return None


def _among_problem(aggregate: Aggregate, metrics: dict[str, Metric], field: str) -> str | None:
    """`among` (or `exempt`) names a yes/no metric, or a category or ordinal one with `among_levels` (or
    `exempt_levels`) among its levels."""
    name, levels = getattr(aggregate, field), getattr(aggregate, f"{field}_levels")
    among = metrics.get(name)
    if among is None:
        return f"`{field}`: unknown metric {name!r}{did_you_mean(name, metrics)}"
    if among.type == MetricType.BOOLEAN:
        return None if levels is None else f"`{field}_levels` is for a category or ordinal `{field}`"
    if among.type not in (MetricType.CATEGORY, MetricType.ORDINAL) or not levels:
        return f"`{field}` must name a yes/no metric, or a category or ordinal one with `{field}_levels`: {among.id}"
    unknown = [level for level in levels if among.level_index(level) is None]
    return f"`{field}_levels`: {unknown} are not levels of {among.id}" if unknown else None


def _conflicts(catalogue: Catalogue, metrics: dict[str, Metric], kinds: set[str]) -> list[Problem]:
    """Each conflict (`Metric.conflicts`) names known kinds and metrics, each with a value it takes as stored (a
    level by its id, yes/no as true/false), so that a file giving them all is caught."""
    problems: list[Problem] = []
    for metric in catalogue.metrics:
        for number, conflict in enumerate(metric.conflicts):
            where = f"metrics.{metric.id}.conflicts[{number}]"
            problems += [
                Problem("catalogue", None, where, f"unknown kind {k!r}") for k in conflict.kinds if k not in kinds
            ]
            for metric_id, value in [(metric.id, conflict.value), *((f.metric, f.value) for f in conflict.facts)]:
                known = metrics.get(metric_id)
                try:
                    stored = read_value(value, known) if known is not None else None
                except ValueProblem as problem:
                    stored = str(problem)
                if stored != value or isinstance(stored, bool) != isinstance(value, bool):
                    message = f"{metric_id}: {value!r} is not a known metric's value as stored (level id, true/false)"
                    problems.append(Problem("catalogue", None, where, message))
    return problems
