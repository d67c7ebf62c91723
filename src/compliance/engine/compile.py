"""Requirements of one site kind -> durable_rules rulesets that fire on violations.

For every (requirement, target) pair one rule fires when the check fails against that target; for every
condition one rule fires when the condition does not hold. A site that meets everything fires nothing,
which is the engine's fast path. All values are numbers: booleans 1.0/0.0, levels by their position.
Rulesets are sharded so that no fact can match more than the engine's 64 alpha nodes (error 303).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from compliance.engine import derive
from compliance.engine.encode import SID, number
from compliance.model.checks import trends_of
from compliance.model.metric import Catalogue, Metric
from compliance.model.plan import FROM_BASELINE, AllOf, Check, Comparison, Not, Requirement, Scalar, Trend, TrendSpec

LEAVES_PER_SHARD = 40
"""Well under the engine's 64 alpha nodes matched by one fact at once."""

_NEGATED = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "==", "in": "not_in", "not_in": "in"}
_OPERATOR = {">=": "$gte", ">": "$gt", "<=": "$lte", "<": "$lt", "!=": "$neq"}

Expr = dict[str, Any]


class CompileError(ValueError):
    """A requirement that cannot be compiled (the lint reports these before they reach here)."""


def numeric(value: Scalar, metric: Metric) -> float:
    """The engine's number for a value in a rule; a value the metric cannot take is a CompileError."""
    if isinstance(value, float) and not math.isfinite(value):
        raise CompileError(f"{metric.id}: expected a finite number, got {value!r}")
    try:
        return derive.numeric(value, metric)
    except ValueError as error:
        raise CompileError(str(error)) from None


def operand(leaf: Comparison, target: Scalar | list[Scalar] | None) -> Scalar | list[Scalar]:
    """The value a comparison tests against: its own, or the requirement's target."""
    value = leaf.value if leaf.value is not None else target
    if value is None:
        raise CompileError(f"{leaf.metric}: comparison has no value and the requirement no target value")
    return value


@dataclass
class FieldNames:
    """Short ASCII field names for metrics, so no Chinese key or long id reaches the engine."""

    of: dict[str, str] = field(default_factory=dict)

    def __call__(self, metric_id: str) -> str:
        if metric_id not in self.of:
            self.of[metric_id] = f"f{len(self.of)}"
        return self.of[metric_id]


def _leaf(op: str, name: str, values: list[float]) -> Expr:
    if op == "==":
        return {name: values[0]}
    if op in _OPERATOR:
        return {_OPERATOR[op]: {name: values[0]}}
    parts = [_leaf("==" if op == "in" else "!=", name, [v]) for v in values]
    if len(parts) == 1:
        return parts[0]
    return {"$or" if op == "in" else "$and": parts}


def _expression(
    node: Check, negate: bool, target: Scalar | list[Scalar] | None, catalogue: Catalogue, names: FieldNames
) -> Expr:
    if isinstance(node, Comparison):
        metric = catalogue.metric(node.metric)
        raw = operand(node, target)
        values = [numeric(v, metric) for v in (raw if isinstance(raw, list) else [raw])]
        if node.op not in ("in", "not_in") and len(values) != 1:
            raise CompileError(f"{node.metric}: {node.op} takes one value, got {raw!r}")
        op = _NEGATED[node.op] if negate else node.op
        return _leaf(op, names(node.metric), values)
    if isinstance(node, Trend):
        return _trend(node.trend, negate, target, catalogue, names)
    if isinstance(node, Not):
        return _expression(node.not_, not negate, target, catalogue, names)
    children = node.all if isinstance(node, AllOf) else node.any
    conjunction = isinstance(node, AllOf) != negate
    parts = [_expression(child, negate, target, catalogue, names) for child in children]
    if len(parts) == 1:
        return parts[0]
    return {"$and" if conjunction else "$or": parts}


def _trend(
    spec: TrendSpec, negate: bool, target: Scalar | list[Scalar] | None, catalogue: Catalogue, names: FieldNames
) -> Expr:
    """Step and `each` rules hold when no period breaks them; change_from (difference_from) compares the change."""
    catalogue.metric(spec.metric)
    field_name = names(derive.derived_key(spec))
    if spec.rule in FROM_BASELINE:
        if spec.op is None or spec.op in ("in", "not_in") or spec.baseline is None:
            raise CompileError(f"{spec.metric}: {spec.rule} needs a baseline and one of >= > <= < == !=")
        raw = spec.value if spec.value is not None else target
        if isinstance(raw, list | bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            raise CompileError(f"{spec.metric}: {spec.rule} needs a finite value, got {raw!r}")
        op = _NEGATED[spec.op] if negate else spec.op
        return _leaf(op, field_name, [float(raw)])
    if spec.rule == "each":
        if spec.op is None or spec.op in ("in", "not_in") or spec.value is None:
            raise CompileError(f"{spec.metric}: each needs an op (>= > <= < == !=) and a value")
        numeric(spec.value, catalogue.metric(spec.metric))
    return _leaf("!=" if negate else "==", field_name, [0.0])


def violation(check: Check, target: Scalar | list[Scalar] | None, catalogue: Catalogue, names: FieldNames) -> Expr:
    """An engine condition that holds exactly when `check` fails against `target` (all metrics present)."""
    return _expression(check, True, target, catalogue, names)


def leaves(expr: Expr) -> int:
    total = 0
    for key, value in expr.items():
        if key in ("$and", "$or"):
            total += sum(leaves(part) for part in value)
        else:
            total += 1
    return total


@dataclass(frozen=True)
class RuleRef:
    """What a fired rule means: requirement `requirement` violates target `target` (None: condition false)."""

    requirement: str
    target: int | None


@dataclass
class Shard:
    definition: dict[str, Any]
    fields: list[str]
    leaves: int


@dataclass
class CompiledKind:
    field_of: dict[str, str]
    shards: list[Shard]
    meaning: dict[str, RuleRef]
    trends: dict[str, TrendSpec]
    """Derived field -> the trend rule it comes from; derive.derive computes its value per site."""


def _rules(requirement: Requirement, catalogue: Catalogue, names: FieldNames) -> Iterator[tuple[RuleRef, Expr]]:
    condition = requirement.applies.condition
    if condition is not None:
        yield RuleRef(requirement.id, None), violation(condition, None, catalogue, names)
    if requirement.check is None:
        return
    values = [target.value for target in requirement.targets] or [None]
    for index, value in enumerate(values):
        yield RuleRef(requirement.id, index), violation(requirement.check, value, catalogue, names)


def _fields(expr: Expr) -> set[str]:
    found: set[str] = set()
    for key, value in expr.items():
        if key in ("$and", "$or"):
            for part in value:
                found |= _fields(part)
        elif key.startswith("$"):
            found |= set(value)
        else:
            found.add(key)
    return found


def compile_kind(requirements: Iterable[Requirement], catalogue: Catalogue) -> CompiledKind:
    names = FieldNames()
    meaning: dict[str, RuleRef] = {}
    shards: list[Shard] = []
    trends: dict[str, TrendSpec] = {}
    current = Shard({}, [], 0)
    for requirement in requirements:
        for spec in [*trends_of(requirement.check), *trends_of(requirement.applies.condition)]:
            trends[derive.derived_key(spec)] = spec
        for ref, expr in _rules(requirement, catalogue, names):
            size = leaves(expr)
            if size > LEAVES_PER_SHARD:
                raise CompileError(f"{requirement.id}: check has {size} comparisons, more than {LEAVES_PER_SHARD}")
            if current.leaves + size > LEAVES_PER_SHARD:
                shards.append(current)
                current = Shard({}, [], 0)
            rule_name = f"r{len(meaning)}"
            meaning[rule_name] = ref
            current.definition[rule_name] = {"all": [{"m": expr}]}
            current.leaves += size
            current.fields = sorted(set(current.fields) | _fields(expr))
    if current.definition:
        shards.append(current)
    return CompiledKind(field_of=dict(names.of), shards=shards, meaning=meaning, trends=trends)


def encode_fact(values: dict[str, float], fields: list[str]) -> str | None:
    """The fact JSON for one shard, or None when it holds none of the shard's fields."""
    parts = [f'"{name}":{number(values[name])}' for name in fields if name in values]
    if not parts:
        return None
    return f'{{"sid":"{SID}",' + ",".join(parts) + "}"


def cuts(compiled: CompiledKind) -> dict[str, list[float]]:
    """Every constant each field is compared with, sorted: the only points where a rule's answer can change."""
    found: dict[str, set[float]] = {name: set() for name in compiled.field_of.values()}

    def walk(expr: Expr) -> None:
        for key, value in expr.items():
            if key in ("$and", "$or"):
                for part in value:
                    walk(part)
            elif key.startswith("$"):
                for name, constant in value.items():
                    found[name].add(float(constant))
            else:
                found[key].add(float(value))

    for shard in compiled.shards:
        for rule in shard.definition.values():
            for clause in rule["all"]:
                walk(clause["m"])
    return {name: sorted(points) for name, points in found.items()}
