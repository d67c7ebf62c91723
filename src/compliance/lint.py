"""Checks on a rule pack beyond its schema: quotes verbatim, conflicting targets, undecidable rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from compliance.load.errors import InputError, Problem
from compliance.load.references import requirement_problem
from compliance.load.rules import load_pack, plan_text
from compliance.model.plan import Comparison, Requirement, RequirementKind, RulePack


@dataclass(frozen=True)
class LintReport:
    errors: list[Problem]
    warnings: list[Problem]
    requirements: int


def _quotes(pack: RulePack, rules_dir: Path) -> list[Problem]:
    problems = []
    texts = {plan_id: plan_text(rules_dir, plan) for plan_id, plan in pack.plans.items()}
    for requirement in pack.requirements:
        text = texts[pack.plan_of[requirement.id]]
        cited = [("quote", requirement.quote), ("section", requirement.section)]
        cited += [(f"also_cites.{c.id}.quote", c.quote) for c in requirement.also_cites]
        for field, quoted in cited:
            if quoted not in text:
                plan = pack.plans[pack.plan_of[requirement.id]]
                problems.append(
                    requirement_problem(
                        pack, requirement, field, f"not found verbatim in {plan.id}/{plan.text}: {quoted!r}"
                    )
                )
    return problems


def _conflicts(pack: RulePack) -> list[Problem]:
    """Requirements testing the same metric of the same sites, due the same day, with different targets or
    strengths (e.g. 公园绿地服务半径覆盖率 > 96% vs ≥ 100% by 2025; 福兴 美丽园区 力争 vs binding)."""
    seen: dict[tuple[str, str, str, str, str], list[tuple[Requirement, str, str]]] = defaultdict(list)
    for requirement in pack.requirements:
        check = requirement.check
        if not isinstance(check, Comparison) or requirement.applies.condition is not None:
            continue
        subject = repr(requirement.applies.site.model_dump() if requirement.applies.site else None)
        for target in requirement.targets:
            value = check.value if check.value is not None else target.value
            due = target.due.isoformat() if target.due else "ongoing"
            for kind in requirement.applies.kinds:
                key = (pack.plan_of[requirement.id], check.metric, kind, subject, due)
                seen[key].append((requirement, f"{check.op} {value!r}", requirement.strength.value))
    warnings = []
    for (_, metric, kind, _, due), entries in sorted(seen.items()):
        targets = {expr for _, expr, _ in entries}
        strengths = {strength for _, _, strength in entries}
        if len(targets) > 1:
            listed = "; ".join(f"{r.id}: {expr}" for r, expr, _ in entries)
            message = f"conflicting targets for {metric} of a {kind} due {due}: {listed}"
            warnings.append(requirement_problem(pack, entries[0][0], "targets", message))
        elif len(strengths) > 1:
            listed = "; ".join(f"{r.id}: {strength}" for r, _, strength in entries)
            message = f"conflicting strength for {metric} of a {kind} due {due}: {listed}"
            warnings.append(requirement_problem(pack, entries[0][0], "strength", message))
    return warnings


def _undecidable(pack: RulePack) -> list[Problem]:
    return [
        requirement_problem(
            pack, r, "check", f"{r.kind.value} requirement without a check: shown as needs_review until encoded"
        )
        for r in pack.requirements
        if r.check is None and r.kind != RequirementKind.QUALITATIVE
    ]


def lint(rules_dir: Path) -> LintReport:
    try:
        pack = load_pack(rules_dir)
    except InputError as error:
        return LintReport(errors=error.problems, warnings=[], requirements=0)
    return LintReport(
        errors=_quotes(pack, rules_dir),
        warnings=_conflicts(pack) + _undecidable(pack),
        requirements=len(pack.requirements),
    )
