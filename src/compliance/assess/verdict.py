"""A site's verdict from its findings, and which findings count toward it (the README's verdict table)."""

from __future__ import annotations

from compliance.assess.timing import Timing
from compliance.engine.evaluate import Outcome
from compliance.model.plan import Modality, Requirement, Strength
from compliance.model.result import Finding, Status, Verdict

DECIDED = (Status.PASS, Status.FAIL, Status.AT_RISK)
"""Statuses that say a requirement was checked against the facts (a 力争 target missed included): without one,
"compliant" would be said of nothing checked."""
VERDICT_STRENGTHS = (Strength.BINDING, Strength.BASICALLY)
VERDICT_MODALITIES = (Modality.OBLIGATION, Modality.PROHIBITION, Modality.ENFORCEMENT, Modality.GRADUAL)
AUTHORITY_KINDS = ("city", "district", "township")
"""Sites that are governments: an enforcement duty (加大处罚力度, 严厉打击) is theirs. On the site it is about (a
restaurant, a water source) its shortfall is the regulator's, reported there but not counted in the verdict."""


def bears_on_verdict(requirement: Requirement, kind: str) -> bool:
    """力争 targets and encouraged or exploratory items are reported but never make a site non-compliant; nor does
    an enforcement duty on a site of `kind` that is not a government."""
    if requirement.modality == Modality.ENFORCEMENT and kind not in AUTHORITY_KINDS:
        return False
    return requirement.strength in VERDICT_STRENGTHS and requirement.modality in VERDICT_MODALITIES


def verdict_of(findings: list[Finding]) -> Verdict:
    """The README's verdict table: a failed binding finding, then a binding one lacking data, then whether any
    finding counting toward the verdict was decided at all (pass, fail or at_risk); a site with none is not called
    compliant (a 力争 item at risk decides nothing the site is bound to)."""
    bearing = [f for f in findings if f.bears_on_verdict]
    if any(f.status == Status.FAIL for f in bearing):
        return Verdict.NON_COMPLIANT
    if any(f.status == Status.INSUFFICIENT_DATA for f in bearing):
        return Verdict.INCOMPLETE
    if not any(f.status in DECIDED for f in bearing):
        return Verdict.NO_APPLICABLE_REQUIREMENT
    return Verdict.COMPLIANT


def status_of(requirement: Requirement, outcome: Outcome, when: Timing) -> Status:
    """A requirement's status from the engine's outcome: its target in force violated fails it (a gradual one is at
    risk), a target ahead violated puts it at risk, and so does a duty not yet in force even where met; else it
    passes."""
    violated = outcome.violated
    if when.in_force is not None and (requirement.id, when.in_force) in violated:
        return Status.AT_RISK if requirement.modality == Modality.GRADUAL else Status.FAIL
    if when.ahead is not None and (requirement.id, when.ahead) in violated:
        return Status.AT_RISK
    return Status.AT_RISK if when.not_in_force else Status.PASS  # met before the duty exists: not yet a pass
