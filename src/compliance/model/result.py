"""What an assessment says: one finding per requirement, and the site verdict."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from compliance.model.attestation import Attestation
from compliance.model.facts import Notice, Site


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    AT_RISK = "at_risk"
    INSUFFICIENT_DATA = "insufficient_data"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_REVIEW = "needs_review"


class Verdict(StrEnum):
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    INCOMPLETE = "incomplete"
    NO_APPLICABLE_REQUIREMENT = "no_applicable_requirement"
    """Nothing binding was decided (every finding not applicable, for review, or non-binding): never "compliant"."""


class TargetView(BaseModel):
    """A dated target as shown to people: the expression zh/en and its deadline."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text_zh: str
    text_en: str
    due: dt.date | None


class ObservedValue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    metric: str
    name_zh: str
    name_en: str
    value: float | bool | str
    display_zh: str
    display_en: str
    source: str = ""
    observed_on: dt.date | None = None


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requirement: str
    plan: str
    title_zh: str
    title_en: str
    section: str
    quote: str
    status: Status
    strength: str
    modality: str
    bears_on_verdict: bool = Field(description="Whether this finding can make the site non-compliant")
    observed: list[ObservedValue] = Field(default_factory=list)
    target: TargetView | None = Field(None, description="Target in force at the as-of date")
    next_target: TargetView | None = Field(None, description="Next target ahead of the as-of date")
    missing: list[str] = Field(default_factory=list, description="Metric ids the finding lacks")
    reason_zh: str
    reason_en: str
    attestation: Attestation | None = Field(None, description="The inspector's judgement that decided it")
    warnings_zh: list[str] = Field(default_factory=list, description="Doubts about the data read, e.g. a late date")
    warnings_en: list[str] = Field(default_factory=list)


class Assessment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site: Site
    source: str
    as_of: dt.date
    plans: list[str]
    verdict: Verdict
    counts: dict[str, int]
    findings: list[Finding]
    warnings: list[Notice] = Field(default_factory=list)
