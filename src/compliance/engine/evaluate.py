"""Evaluating one site's numeric facts against a compiled kind."""

from __future__ import annotations

from dataclasses import dataclass

from compliance.engine.compile import CompiledKind, RuleRef, compile_kind, cuts, encode_fact
from compliance.engine.runtime import Ruleset
from compliance.model.metric import Catalogue
from compliance.model.plan import Requirement


@dataclass(frozen=True)
class Outcome:
    """Which targets each requirement violates, and which requirements' conditions are false."""

    violated: frozenset[tuple[str, int]]
    condition_false: frozenset[str]


class KindEngine:
    """The rulesets for one site kind, built once and reused for every site of that kind."""

    def __init__(self, requirements: list[Requirement], catalogue: Catalogue) -> None:
        self.compiled: CompiledKind = compile_kind(requirements, catalogue)
        self._rulesets = [Ruleset(shard.definition) for shard in self.compiled.shards]
        points = cuts(self.compiled)
        self._cuts: list[tuple[str, list[float]]] = [
            (metric, points[name]) for metric, name in self.compiled.field_of.items()
        ]

    def positions(self) -> dict[str, int]:
        """Each metric's (or trend key's) place in the tuple `classify` returns."""
        return {metric: index for index, (metric, _) in enumerate(self._cuts)}

    def classify(self, values: dict[str, float]) -> tuple[int, ...]:
        """Which side of every rule constant each value lies (-1: absent); equal classes, equal outcomes.

        Every rule compares one field with constants, so two sites whose values sit in the same gap
        between (or on the same one of) those constants fire the same rules. A batch evaluates each
        class once with `evaluate` and reuses the outcome.
        """
        key: list[int] = []
        for metric, points in self._cuts:
            value = values.get(metric)
            if value is None:
                key.append(-1)
                continue
            position = _position(points, value)
            on_point = position < len(points) and points[position] == value
            key.append(2 * position + 1 if on_point else 2 * position)
        return tuple(key)

    def evaluate(self, values: dict[str, float]) -> Outcome:
        """`values` maps metric id -> engine number; only metrics present are sent."""
        by_field = {self.compiled.field_of[m]: v for m, v in values.items() if m in self.compiled.field_of}
        refs: list[RuleRef] = []
        for shard, ruleset in zip(self.compiled.shards, self._rulesets, strict=True):
            fact = encode_fact(by_field, shard.fields)
            if fact is not None:
                refs.extend(self.compiled.meaning[name] for name in ruleset.fired(fact))
        return Outcome(
            violated=frozenset((r.requirement, r.target) for r in refs if r.target is not None),
            condition_false=frozenset(r.requirement for r in refs if r.target is None),
        )

    def close(self) -> None:
        for ruleset in self._rulesets:
            ruleset.close()


def _position(points: list[float], value: float) -> int:
    """`bisect.bisect_left(points, value)`, written out: compiled, the comparisons are of two floats, where a
    call to `bisect` goes through Python once a value (a site has one a metric)."""
    low, high = 0, len(points)
    while low < high:
        middle = (low + high) // 2
        if points[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low
