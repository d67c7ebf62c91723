"""Checks that a loaded pack is consistent with its catalogue, so nothing broken reaches the engine."""

from __future__ import annotations

from compliance.engine.compile import CompileError, compile_kind, metrics_of
from compliance.load.errors import Problem, did_you_mean
from compliance.model.plan import Requirement, RequirementKind, RulePack


def requirement_problem(pack: RulePack, requirement: Requirement, field: str, message: str) -> Problem:
    """A problem located where the requirement is declared (its file and line)."""
    file, _, line = pack.source_of[requirement.id].rpartition(":")
    return Problem(file, int(line) if line.isdigit() else None, f"{requirement.id}.{field}", message)


def check_references(pack: RulePack) -> list[Problem]:
    """Unknown kinds and metrics, values a metric cannot take, qualitative items with a check."""
    catalogue = pack.catalogue
    kinds = {k.id for k in catalogue.kinds}
    metrics = {m.id for m in catalogue.metrics}
    problems: list[Problem] = []
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
    if problems:
        return problems
    for requirement in pack.requirements:
        try:
            compile_kind([requirement], catalogue)
        except CompileError as error:
            problems.append(requirement_problem(pack, requirement, "check", str(error)))
    return problems
