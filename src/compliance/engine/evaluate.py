"""Evaluating one site's numeric facts against a compiled kind."""

from __future__ import annotations

from dataclasses import dataclass

from compliance.engine.compile import CompiledKind, RuleRef, compile_kind, encode_fact
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
