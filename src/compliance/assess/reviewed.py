"""An inspector's judgement of a dated goal kept as a review item (「到2027年底…成效显著」): it speaks of the goal
only if made on or after the goal's date.

A judgement made before the date says how things stood then, not whether the goal was met by it: a 不通过 in a
mid-term review is the goal at risk while it is not yet due (尚未到期), never a breach; once the date has passed, or
for a 通过, it settles nothing (a 通过 of 2025-03, before the plan was issued and the year ran, is no 2025 goal
met), and the item stays for review, saying which judgement was set aside and why.

A standing duty (no goal date: 确保空气质量保持全国前列) is read on the last year ended, as its facts are
(`planperiod.standing_due`; after its plan's period, the plan's last year): a judgement without an expiry made before
that year says how things stood then, so a 2025 通过 or 不通过 decides nothing in 2028 and is set aside likewise,
naming the year whose judgement is wanted. One the inspector gave an expiry (`expires`) holds until it.

A 不通过 of a gradual item (逐步构建, 逐步退还, 逐步恢复) is at risk, never a breach, as any miss of a gradual
target is.
"""

from __future__ import annotations

import datetime as dt

from compliance.assess.asof import recorded_for
from compliance.assess.planperiod import standing_due
from compliance.assess.reasons import Context, attested, review_lapsed, set_aside, stale_judgement
from compliance.assess.timing import Timing, targets_of
from compliance.model.attestation import Attestation, AttestationBook
from compliance.model.plan import Modality, Requirement
from compliance.model.result import Status

_GRADUAL = (
    "逐步实现的要求，核查不通过是风险，不构成违规",
    "a gradual requirement: judged not met is a risk, not a violation",
)
"""Why an inspector's 不通过 of a gradual (逐步) review item is at risk, as any miss of a gradual target is."""


def goal_date(requirement: Requirement, when: Timing) -> dt.date | None:
    """The date of the dated goal in force or next (`targets: [{due: …}]` of a review item), or None."""
    index = when.in_force if when.in_force is not None else when.ahead
    return targets_of(requirement)[index].due if index is not None else None


def standing_year(context: Context, when: Timing) -> dt.date | None:
    """The first day a standing duty's judgement must be of or after: that of the year it is read on, the last
    ended by the as-of date (or by its plan's end, when that came first), or its start if later."""
    plan, as_of = context.plan, when.as_of
    if plan.ends is not None and as_of > plan.ends:
        as_of = plan.ends + dt.timedelta(days=1)
    target = targets_of(context.requirement)[when.in_force] if when.in_force is not None else None
    return standing_due((target.starts if target is not None else None) or plan.issued, as_of)


def judged(
    context: Context, attestation: Attestation, when: Timing
) -> tuple[Status, tuple[str, str], Attestation | None]:
    """The status and reason an attestation in force gives the review item, and the attestation if it is used."""
    due = goal_date(context.requirement, when)
    verdict = Status.PASS if attestation.outcome == "pass" else Status.FAIL
    year = standing_year(context, when) if due is None and attestation.expires is None else None
    if year is not None and attestation.date < year:
        return Status.NEEDS_REVIEW, stale_judgement(context, attestation, year), None
    if due is None or attestation.date >= due:
        if verdict == Status.FAIL and context.requirement.modality == Modality.GRADUAL:  # 逐步: a miss is a risk
            return Status.AT_RISK, attested(context, attestation, *_GRADUAL), attestation
        return verdict, attested(context, attestation), attestation
    if verdict == Status.FAIL and when.as_of <= due:
        note_zh = f"目标 {due} 到期，尚未到期（期限前的核查，不通过表示尚未达到）"
        note_en = f"the goal is due {due}, not yet due (judged before its date: not there yet)"
        return Status.AT_RISK, attested(context, attestation, note_zh, note_en), attestation
    return Status.NEEDS_REVIEW, set_aside(context, attestation, due), None


def reviewed(
    found: tuple[Status, tuple[str, str]],
    context: Context,
    when: Timing,
    attestations: AttestationBook | None,
    of: tuple[str, dt.date],
) -> tuple[Status, tuple[str, str], Attestation | None, list[Attestation]]:
    """A review item's status and reason by its attestation in force for the site (`of`: its id and the as-of
    date), with those made after the as-of date; anything else as found (`idle` says what it leaves unused)."""
    status, reason = found
    if status != Status.NEEDS_REVIEW or attestations is None:
        return status, reason, None, []
    attestation, later, lapsed = recorded_for(attestations, context.requirement.id, *of)
    if attestation is not None:
        status, reason, attestation = judged(context, attestation, when)
    elif lapsed:
        reason = review_lapsed(context, lapsed[0])
    return status, reason, attestation, later


def idle(
    found: tuple[Status, tuple[str, str]],
    requirement: str,
    attestations: AttestationBook | None,
    of: tuple[str, dt.date],
) -> tuple[list[str], list[str]]:
    """Warnings (zh, en) for judgements on an item that facts left other than a review item (its applicability
    fact missing, or the item not applicable): not used, and said so rather than dropped without a word."""
    status, (reason_zh, reason_en) = found
    if status == Status.NEEDS_REVIEW or attestations is None:
        return [], []
    made = [a for a in attestations.lookup(requirement, of[0]) if a.date <= of[1]]
    why_zh, why_en = reason_zh.split("；")[0], reason_en.split("; ")[0]
    zh = [
        f"核查记录（{a.date}，{a.source or a.inspector}）认定{_said(a)}，未采用：本项不是待核查项（{why_zh}）"
        for a in made
    ]
    en = [
        f"the attestation of {a.date} ({a.source or a.inspector}) found it {a.outcome}: not used, the item is not"
        f" for review ({why_en})"
        for a in made
    ]
    return zh, en


def _said(attestation: Attestation) -> str:
    return "通过" if attestation.outcome == "pass" else "不通过"
