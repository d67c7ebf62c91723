"""The attestations a run set aside, each with why, for every output a person reads (check's notes, the
handover report, a batch's report.html and workbook): a judgement handed in is never dropped without a word.

A judgement is set aside when its site or requirement was not assessed (a mistyped id, another district's
file, a village item under a park's id), when it is dated after the as-of date, when facts left the item other
than a review item (its applicability fact missing, or not applicable), when a newer judgement supersedes it,
when it has lapsed, or when it was made before the goal's date it would have to speak of.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.model.attestation import Attestation, AttestationBook
from compliance.model.names import site_key
from compliance.model.result import Assessment, Finding, Status
from compliance.report.words import STATUS


@dataclass(frozen=True)
class SetAside:
    """An attestation the run did not use, and why (zh, en)."""

    attestation: Attestation
    why_zh: str
    why_en: str

    def why(self, lang: str) -> str:
        return self.why_zh if lang == "zh" else self.why_en


def set_aside(book: AttestationBook | None, assessments: list[Assessment]) -> list[SetAside]:
    """Every attestation of `book` that none of `assessments` used, with why, in the order they were read."""
    if book is None:
        return []
    by_site = {site_key(a.site.id): a for a in assessments}
    assessed = {f.requirement for a in assessments for f in a.findings}
    unused = []
    for attestation in sorted(book.every(), key=lambda a: a.source):
        assessment = by_site.get(site_key(attestation.site))
        if assessment is None:
            unused.append(SetAside(attestation, "站点编号不在本次评估中", "site id not assessed in this run"))
            continue
        finding = next((f for f in assessment.findings if f.requirement == attestation.requirement), None)
        if finding is None:
            why = ("该站点不评估此要求", "not assessed for this site")
            if attestation.requirement not in assessed:
                why = ("此要求不在本次评估中", "requirement not assessed in this run")
            unused.append(SetAside(attestation, *why))
        elif finding.attestation != attestation:
            unused.append(SetAside(attestation, *_why(attestation, finding, book, assessment)))
    return unused


def _why(attestation: Attestation, finding: Finding, book: AttestationBook, assessment: Assessment) -> tuple[str, str]:
    """Why an attestation of an assessed item was not used."""
    as_of = assessment.as_of
    if attestation.date > as_of:
        return f"晚于评估日期 {as_of}", f"dated after the as-of date {as_of}"
    if finding.status != Status.NEEDS_REVIEW and finding.attestation is None:
        status_zh, status_en = STATUS["zh"][finding.status], STATUS["en"][finding.status]
        why_zh, why_en = finding.reason_zh.split("；")[0], finding.reason_en.split("; ")[0]
        return f"本项为{status_zh}，不是待核查项：{why_zh}", f"the item is {status_en}, not for review: {why_en}"
    made = [a for a in book.lookup(attestation.requirement, attestation.site) if a.date <= as_of]
    if made and made[0] != attestation:
        newer = made[0]
        return f"已被较新的核查记录（{newer.date}，{newer.source}）取代", f"superseded by {newer.date} ({newer.source})"
    if attestation.expires is not None and attestation.expires < as_of:
        return f"有效期至 {attestation.expires}，已过期", f"valid until {attestation.expires}, lapsed"
    return "早于目标期限（见该项原因）", "made before the goal's date (see the item's reason)"
