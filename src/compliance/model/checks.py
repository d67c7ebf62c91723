"""Walks over a requirement's check: which metrics, trends and comparisons it reads.

Pure functions of the model, so the engine, the loader's reference checks, the assessor, the reports and
the batch all ask the same question the same way without importing one another.
"""

from __future__ import annotations

from compliance.model.metric import Catalogue, Level, Metric, MetricType
from compliance.model.plan import AllOf, AnyOf, Check, Comparison, Not, Requirement, Trend, TrendSpec

KIND_METRIC = "site_kind"
"""The site's kind as a condition tests it (`{metric: site_kind, op: in, value: [nature_reserve]}`): a rule that covers
one kind outright and others only at the places the plan names. Never a fact: `for_kind` decides it for each kind."""


def metrics_of(check: Check | None) -> list[str]:
    """Metric ids a check reads, in first-use order."""
    found: list[str] = []

    def walk(node: Check) -> None:
        if isinstance(node, Comparison | Trend):
            metric = node.metric if isinstance(node, Comparison) else node.trend.metric
            if metric not in found:
                found.append(metric)
        elif isinstance(node, AllOf):
            for child in node.all:
                walk(child)
        elif isinstance(node, AnyOf):
            for child in node.any:
                walk(child)
        else:
            walk(node.not_)

    if check is not None:
        walk(check)
    return found


def trends_of(check: Check | None) -> list[TrendSpec]:
    """The trend rules a check contains, in first-use order."""
    if check is None:
        return []
    if isinstance(check, Trend):
        return [check.trend]
    if isinstance(check, Comparison):
        return []
    if isinstance(check, Not):
        return trends_of(check.not_)
    children = check.all if isinstance(check, AllOf) else check.any
    return [spec for child in children for spec in trends_of(child)]


def comparisons_of(check: Check | None) -> list[Comparison]:
    """The single comparisons a check contains, in first-use order."""
    if check is None or isinstance(check, Trend):
        return []
    if isinstance(check, Comparison):
        return [check]
    if isinstance(check, Not):
        return comparisons_of(check.not_)
    children = check.all if isinstance(check, AllOf) else check.any
    return [comparison for child in children for comparison in comparisons_of(child)]


def kind_metric(catalogue: Catalogue) -> Metric:
    """`site_kind` as a category metric whose levels are the catalogue's kinds, so conditions name kinds the
    catalogue knows; the facts readers do not offer it (the kind is the site's `kind`)."""
    return Metric(
        id=KIND_METRIC,
        name_zh="站点类型",
        name_en="site kind",
        type=MetricType.CATEGORY,
        levels=[Level(id=kind.id, name_zh=kind.name_zh, name_en=kind.name_en) for kind in catalogue.kinds],
        definition_zh="站点的类型（site.kind），不是填报的事实：条件据此只对某些类型成立。",
        definition_en="The site's kind (site.kind), not a fact to give: a condition holding for some kinds only.",
    )


def for_kind(requirement: Requirement, kind: str) -> Requirement | None:
    """`requirement` as it applies to a site of `kind` (one of its kinds): the same object unless its condition
    tests `site_kind`; then a copy for that kind alone, its condition with those tests decided (None when it then
    always holds), or None when the condition can never hold for the kind."""
    condition = requirement.applies.condition
    if condition is None or KIND_METRIC not in metrics_of(condition):
        return requirement
    decided = _decided(condition, kind)
    if decided is False:
        return None
    applies = {"kinds": [kind], "condition": None if decided is True else decided}
    return requirement.model_copy(update={"applies": requirement.applies.model_copy(update=applies)})


def _decided(check: Check, kind: str) -> Check | bool:
    """`check` with each `site_kind` comparison replaced by its answer for `kind`, simplified."""
    if isinstance(check, Trend):
        return check
    if isinstance(check, Comparison):
        if check.metric != KIND_METRIC:
            return check
        listed = check.value if isinstance(check.value, list) else [check.value]
        return (kind in listed) == (check.op in ("in", "=="))
    if isinstance(check, Not):
        inner = _decided(check.not_, kind)
        return (not inner) if isinstance(inner, bool) else Not(not_=inner)
    every = isinstance(check, AllOf)
    parts = [_decided(child, kind) for child in (check.all if isinstance(check, AllOf) else check.any)]
    if (not every) in parts:  # an any-of with a branch that holds, an all-of with one that does not
        return not every
    rest = [part for part in parts if not isinstance(part, bool)]
    if not rest:
        return every
    if len(rest) == 1:
        return rest[0]
    return AllOf(all=rest) if every else AnyOf(any=rest)


def tests_of(requirement: Requirement, catalogue: Catalogue) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per metric, the tests the requirement's check (against each of its targets) and condition make of it: an
    operator (>=, >, <=, <, ==) and a constant as the engine's number (a level by its rank). Two values every test
    answers alike get the same answer from the requirement (`straddles.straddles`)."""
    found: dict[str, set[tuple[str, float]]] = {}
    targets = [target.value for target in requirement.targets]
    for check, values in ((requirement.check, targets), (requirement.applies.condition, [])):
        for leaf in comparisons_of(check):
            try:
                metric: Metric | None = catalogue.metric(leaf.metric)
            except KeyError:  # an unknown id: the pack's reference check names it
                metric = None
            op = leaf.op if leaf.op in (">=", ">", "<=", "<") else "=="  # != in not_in: the same split as ==
            given = [leaf.value] if leaf.value is not None else values
            for value in [v for each in given for v in (each if isinstance(each, list) else [each])]:
                rank = metric.level_index(value) if isinstance(value, str) and metric is not None else None
                if rank is not None:
                    found.setdefault(leaf.metric, set()).add((op, float(rank)))
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    found.setdefault(leaf.metric, set()).add((op, float(value)))
    return {metric_id: tuple(sorted(tests)) for metric_id, tests in found.items()}
