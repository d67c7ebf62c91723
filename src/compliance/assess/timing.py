"""Which of a requirement's dated targets is in force at the as-of date, and which comes next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compliance.model.plan import Modality, Requirement, Target


@dataclass(frozen=True)
class Timing:
    in_force: int | None
    """Index of the latest target already due (or in force throughout); None before the first deadline."""
    ahead: int | None
    """Index of the earliest target still ahead of the as-of date."""


def targets_of(requirement: Requirement) -> list[Target]:
    """A requirement with fixed values only has one implicit target, in force throughout."""
    return requirement.targets or [Target()]


def timing(requirement: Requirement, as_of: dt.date) -> Timing:
    targets = targets_of(requirement)
    gradual = requirement.modality == Modality.GRADUAL
    in_force: int | None = None
    ahead: int | None = None
    for index, target in enumerate(targets):
        if target.due is None:
            # Undated: in force throughout, except a gradual target (逐步实现), which is always ahead.
            if gradual:
                ahead = index if ahead is None else ahead
            elif in_force is None or _due(targets[in_force]) <= dt.date.min:
                in_force = index
        elif target.due <= as_of:
            if in_force is None or _due(targets[in_force]) <= target.due:
                in_force = index
        elif ahead is None or target.due < _due(targets[ahead]):
            ahead = index
    return Timing(in_force, ahead)


def _due(target: Target) -> dt.date:
    return target.due or dt.date.min
