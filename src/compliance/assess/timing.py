"""Which of a requirement's dated targets is in force at the as-of date, and which comes next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compliance.model.plan import Modality, Requirement, Target


@dataclass(frozen=True)
class Timing:
    in_force: int | None
    """Index of the latest target already due (past its due date: 到2027年底 is met on 2027-12-31 itself); an
    undated target is in force throughout (unless gradual)."""
    ahead: int | None
    """Index of the earliest target still ahead; an undated gradual target (逐步实现) is always ahead."""
    as_of: dt.date
    """The date it was read at."""
    not_in_force: bool = False
    """An undated duty before its plan's issue or its `starts`: it does not exist yet, so even met it is no pass."""


def targets_of(requirement: Requirement) -> list[Target]:
    """A requirement with fixed values only has one implicit target, in force throughout."""
    return requirement.targets or [Target()]


def timing(
    requirement: Requirement, as_of: dt.date, issued: dt.date | None = None, first_due: dt.date | None = None
) -> Timing:
    """`issued`: the date the requirement's plan was issued (`Plan.issued`); before it an undated duty is not yet
    in force but ahead, so falling short of it is at risk, not a failure (a plan cannot be broken before it
    exists). An undated target that `starts` later (实施《…(2026-2030)》) is likewise ahead until that day, and so
    is a duty done once a year until its first year ends (`first_due`, `assess.recency.first_due`)."""
    targets = targets_of(requirement)
    gradual = requirement.modality == Modality.GRADUAL
    past = [(t.due, i) for i, t in enumerate(targets) if t.due is not None and t.due < as_of]
    future = [(t.due, i) for i, t in enumerate(targets) if t.due is not None and t.due >= as_of]
    undated = [i for i, t in enumerate(targets) if t.due is None]
    starts = targets[undated[0]].starts if undated else None
    not_yet = any(day is not None and as_of < day for day in (issued, starts))
    pending = not_yet or (first_due is not None and as_of < first_due)
    in_force = max(past)[1] if past else (undated[0] if undated and not gradual and not pending else None)
    ahead = min(future)[1] if future else (undated[0] if undated and (gradual or pending) else None)
    return Timing(in_force, ahead, as_of, not_yet and not past and not future and bool(undated))
