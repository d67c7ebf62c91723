"""Plans and their requirements, as declared in the rule packs."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from compliance.model.division import DivisionTable
from compliance.model.gazetteer import Gazetteer
from compliance.model.metric import Catalogue
from compliance.model.standards import StandardsPack

Scalar = float | bool | str
"""A value in a rule: a number, a boolean, or a level id of an ordinal/category metric."""

REQUIREMENT_ID = r"^[A-Z][A-Z0-9]*-[0-9a-z]+-[0-9]+$"
"""A requirement id: its plan's prefix (JA, XM, GL …), the action, the number within it."""

ComparisonOp = Literal[">=", ">", "<=", "<", "==", "!=", "in", "not_in"]


class Comparison(BaseModel):
    """`metric op value`; without `value` the requirement's dated target is used."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    op: ComparisonOp
    value: Scalar | list[Scalar] | None = None


class AllOf(BaseModel):
    model_config = ConfigDict(extra="forbid")

    all: list[Check] = Field(min_length=1)


class AnyOf(BaseModel):
    model_config = ConfigDict(extra="forbid")

    any: list[Check] = Field(min_length=1)


class Not(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    not_: Check = Field(alias="not")


TrendRule = Literal[
    "decreasing", "non_increasing", "increasing", "non_decreasing", "each", "change_from", "difference_from"
]

FROM_BASELINE = ("change_from", "difference_from")
"""Rules that compare the latest period with a baseline: the change in percent, or the difference in units."""


class TrendSpec(BaseModel):
    """A rule over a dated series (year → value or month → value) of one metric.

    decreasing / increasing: every period strictly below / above the one before (逐年下降 / 逐年提高);
    non_increasing / non_decreasing: never above / below the one before;
    each: every period meets `op value` (每月达标);
    change_from: the latest period's change from `baseline`, in percent, meets `op value`
    (较2020年下降14% is `op: "<=", value: -14`); without `value` the requirement's target is used.
    difference_from: the same in the metric's own unit, the latest period minus the baseline's (an index that may
    fall by at most 1 point is `op: ">=", value: -1`).
    A step rule (decreasing … non_decreasing) with a `baseline` is read from that period on (no rise since 2024);
    an `each` with a `baseline` year is read from that year's first period on, every one of which it wants.
    """

    model_config = ConfigDict(extra="forbid")

    metric: str
    rule: TrendRule
    op: ComparisonOp | None = None
    value: Scalar | None = None
    baseline: str | None = Field(
        None,
        description=(
            "Period the change is measured from, e.g. '2020'; omitted, the plan's base_year (plan.yaml). For a step"
            " rule, the period it is read from (omitted: the whole series); for each, the year from whose first"
            " period every period is read and wanted"
        ),
    )


class Trend(BaseModel):
    model_config = ConfigDict(extra="forbid")

    trend: TrendSpec


def _check_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("metric", "all", "any", "not", "trend"):
            if key in value:
                return key
        return None
    if isinstance(value, Comparison):
        return "metric"
    if isinstance(value, AllOf):
        return "all"
    if isinstance(value, AnyOf):
        return "any"
    if isinstance(value, Not):
        return "not"
    if isinstance(value, Trend):
        return "trend"
    return None


Check = Annotated[
    Annotated[Comparison, Tag("metric")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Trend, Tag("trend")],
    Discriminator(_check_tag),
]


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: Scalar | list[Scalar] | None = Field(
        None, description="Substituted into every comparison of the check that has no value of its own"
    )
    due: dt.date | None = Field(default=None, description="Deadline; omitted = in force throughout the plan")
    starts: dt.date | None = Field(
        default=None,
        description=(
            "For a target without a deadline: the first day it is in force, when the plan's words put it after the"
            " plan's issue (an instrument of its own period, such as a 2026-2030 plan to carry out); before it, falling"
            " short is at risk, not a failure"
        ),
    )

    @model_validator(mode="after")
    def _starts_undated(self) -> Target:
        if self.starts is not None and self.due is not None:
            raise ValueError("'starts' is for a target without a deadline ('due'): a dated target is in force once due")
        return self


class Strength(StrEnum):
    BINDING = "binding"
    STRIVE = "strive"
    """力争 / 争创: a miss is a shortfall, not a violation."""
    BASICALLY = "basically"
    """基本: counted as binding; the reason says 基本."""


class Modality(StrEnum):
    OBLIGATION = "obligation"
    PROHIBITION = "prohibition"
    ENCOURAGED = "encouraged"
    EXPLORATORY = "exploratory"
    GRADUAL = "gradual"
    """逐步实现: no deadline; a miss is reported as at_risk, never as fail."""
    ENFORCEMENT = "enforcement"


class RequirementKind(StrEnum):
    QUANTITATIVE = "quantitative"
    BOOLEAN = "boolean"
    QUALITATIVE = "qualitative"


class Citation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Inventory id of the clause that states it again")
    section: str
    quote: str


class Applicability(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kinds: list[str] = Field(min_length=1)
    condition: Check | None = Field(
        None,
        description=(
            "The requirement applies only where this holds on the site's facts; named places are the fact"
            " named_place (rules/gazetteer.yaml), so who a rule covers is always a declared fact"
        ),
    )
    condition_zh: str = ""
    condition_en: str = ""


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        pattern=REQUIREMENT_ID,
        description="PREFIX-action-number, e.g. JA-14-7; the prefix is one its plan declares (plan.yaml prefixes)",
    )
    title_zh: str
    title_en: str
    section: str
    quote: str
    also_cites: list[Citation] = Field(default_factory=list)
    kind: RequirementKind
    applies: Applicability
    check: Check | None = Field(default=None, description="Omitted only for qualitative requirements")
    targets: list[Target] = Field(default_factory=list)
    strength: Strength = Strength.BINDING
    modality: Modality = Modality.OBLIGATION
    notes_zh: str = ""
    notes: str = ""


class RuleFile(BaseModel):
    """One YAML file of a rule pack: the requirements of one chapter or action of a plan."""

    model_config = ConfigDict(extra="forbid")

    plan: str
    requirements: list[Requirement] = Field(min_length=1)


class Jurisdiction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    admin_codes: list[str] = Field(description="A site whose admin_code starts with one of these is covered")
    names: list[str] = Field(description="District or city names covered, e.g. 晋安区")


class ResponsibleUnits(BaseModel):
    """Who must act on one section's actions (责任单位), in the plan's own words and as a list of units.

    `also` holds words elsewhere in the plan that assign more units to the section: 厦门's first action ends
    "以下均需各区政府落实,不再单独列出", so every later section names 各区政府 too though its own words do not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(description="The plan's words naming the units, verbatim")
    units: list[str] = Field(min_length=1, description="Each unit, as named in `text` or `also`")
    also: str = Field(
        default="", description="Verbatim words elsewhere in the plan assigning more units to this section"
    )


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title_zh: str
    title_en: str
    short_zh: str
    short_en: str
    issuer_zh: str
    issued_assumed: bool = Field(
        False,
        description=(
            "The text gives no date: `issued` is the date assumed from its clues (the plans it cites), and a finding"
            " not yet in force before it says the date is assumed"
        ),
    )
    issued: dt.date | None = None
    ends: dt.date | None = Field(
        None,
        description=(
            "The last day of the plan's own period, where its title or text gives one ((2025-2027年): 2027-12-31)."
            " After it an undated duty is read on the plan's years, not on later ones; leave it out for a plan"
            " that gives no period"
        ),
    )
    prefixes: list[Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*$")]] = Field(
        min_length=1,
        description="Requirement id prefixes of this plan (JA for JA-14-7); an id with another is an error",
    )
    base_year: str | None = Field(
        None,
        pattern=r"^[0-9]{4}$",
        description="Year the plan's trend words count from (较2020年下降): a change_from rule's default baseline",
    )
    jurisdiction: Jurisdiction
    text: str = Field(description="File beside plan.yaml holding the plan's text, which quotes must match")
    responsible_units: dict[str, ResponsibleUnits] = Field(
        default_factory=dict, description="Who must act (责任单位), by the rules' `section`"
    )


class RulePack(BaseModel):
    """Every plan and requirement loaded from a rules directory, with the metric catalogue."""

    model_config = ConfigDict(extra="forbid")

    catalogue: Catalogue
    gazetteer: Gazetteer = Field(default_factory=Gazetteer)
    plans: dict[str, Plan]
    requirements: list[Requirement]
    plan_of: dict[str, str] = Field(description="requirement id -> plan id")
    source_of: dict[str, str] = Field(description="requirement id -> 'file:line' where it is declared")
    digest: str = Field(description="sha256 over every file of the pack, for manifests")
    divisions: DivisionTable = Field(description="Division codes and names of the plans' places")
    standards: StandardsPack = Field(
        default_factory=StandardsPack, description="Derivations of classes from measurements (rules/standards/)"
    )


AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()
Applicability.model_rebuild()
Requirement.model_rebuild()
RuleFile.model_rebuild()
