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


class Gap(BaseModel):
    """How far a site is from one target, so an inspector can say what is left to do: the amount short of a
    floor or over a ceiling in the target's unit (percentage points for a percent), the periods of a series
    that break the rule, and the days past the deadline (or left before it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    met: bool
    amount: float | None = Field(default=None, description="Short of a floor / over a ceiling, in `unit`; 0 when met")
    unit: str = Field(default="", description="`pp` (percentage points) for a percent, else the metric's unit")
    periods: list[str] = Field(default_factory=list, description="Periods of a series that break the rule")
    days_overdue: int | None = Field(default=None, description="Days since the deadline passed, when not met")
    days_left: int | None = Field(default=None, description="Days until the deadline, when still ahead")
    text_zh: str
    text_en: str


class TargetView(BaseModel):
    """A dated target as shown to people: the expression zh/en and its deadline; for a single comparison also
    its operator, value and unit, and (per site) the gap to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text_zh: str
    text_en: str
    due: dt.date | None
    starts: dt.date | None = Field(
        default=None, exclude=True, description="An undated target's first day in force, when later than the plan's"
    )
    op: str | None = Field(default=None, description="The comparison, when the check is one comparison or trend test")
    value: float | bool | str | list[float | bool | str] | None = None
    unit: str = ""
    gap: Gap | None = Field(default=None, description="None when the check is not numeric or a value is missing")


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
    evidence: str = ""
    """The facts file's `evidence:` note beside the figure (why it is what it is), shown beside its source."""
    computed_from: int | None = None
    """The number of member sites a batch computed this figure from, or None when it was stated."""


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
    target: TargetView | None = Field(default=None, description="Target in force at the as-of date")
    next_target: TargetView | None = Field(default=None, description="Next target ahead of the as-of date")
    missing: list[str] = Field(default_factory=list, description="Metric ids the finding lacks")
    reason_zh: str
    reason_en: str
    attestation: Attestation | None = Field(default=None, description="The inspector's judgement that decided it")
    responsible_units: list[str] = Field(
        default_factory=list, description="Who must act (责任单位): the units the plan names for the clause's section"
    )
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
