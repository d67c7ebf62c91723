"""Standards packs: how a plan's classes (GB 3838 water class, 黑臭水体 grade) follow from measurements.

A derivation is data, like a rule: which metric it derives, from which measured metrics, against which
limits, each limit citing its standard, table and edition with the date it took effect. The code knows a
small fixed set of derivation kinds (see `DerivationKind`); the numbers live in `rules/standards/*.yaml`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Confidence(StrEnum):
    """How well a figure is sourced (the labels of the reference notes the pack was written from)."""

    CONFIRMED_OFFICIAL = "confirmed_official"
    CONFIRMED_MULTI = "confirmed_multi"
    CONFIRMED_SINGLE = "confirmed_single"
    CONFLICTING = "conflicting"
    UNCONFIRMED = "memory_unconfirmed"


class Citation(BaseModel):
    """Where a limit comes from, and from when it applies."""

    model_config = ConfigDict(extra="forbid")

    standard: str = Field(description="e.g. GB 3838-2002")
    title_zh: str
    table: str = Field(description="Table or clause of the standard, e.g. 表1")
    edition: str = Field(description="Edition (year) of the standard")
    effective: dt.date = Field(description="Date from which the limit applies")
    until: dt.date | None = Field(default=None, description="Last day the limit applies; none while in force")
    confidence: Confidence
    sources: list[str] = Field(default_factory=list, description="Where the figure was read")

    def in_force(self, day: dt.date) -> bool:
        return self.effective <= day and (self.until is None or day <= self.until)


WaterBody = Literal["river", "lake"]
"""GB 3838 gives total phosphorus a river column and a lake/reservoir column."""


class ClassLimit(BaseModel):
    """One parameter's limit per class, in one edition (cite names a citation of the pack)."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    direction: Literal[">=", "<="] = Field(description=">=: the value must reach the limit (溶解氧); <=: not exceed it")
    water_body: WaterBody | None = Field(default=None, description="Only for this kind of water body (none: for all)")
    limits: dict[str, float] = Field(description="Class id -> limit, one per class")
    cite: str
    decides: bool = Field(default=True, description="false: reported beside the class (湖库总氮), does not set it")


class Denial(BaseModel):
    """A stated yes/no fact a derived level contradicts: 属黑臭水体 否 beside readings graded 黑臭, 饮用水水质达标 是
    beside a source measured Ⅳ类. A statement saying so for a time the measurements cover is set aside whole with a
    notice (missing data), never read."""

    model_config = ConfigDict(extra="forbid")

    metric: str = Field(description="The yes/no fact contradicted")
    stated: bool = Field(description="The value of it a level worse than `worse_than` contradicts")
    worse_than: str = Field(description="Level id of the derived metric: a level worse than this contradicts")
    kinds: list[str] | None = Field(default=None, description="Only for these site kinds (default: the derivation's)")
    why_zh: str = ""
    why_en: str = ""


class DerivationHeader(BaseModel):
    """What every derivation of a standards file has: its id and its title in both languages."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title_zh: str
    title_en: str
    denies: list[Denial] = Field(
        default_factory=list, description="Stated yes/no facts a derived level contradicts (an ordinal derivation's)"
    )


class SingleFactorClass(DerivationHeader):
    """GB 3838 单因子评价: each parameter's class is the best class whose limit it meets; the worst decides."""

    kind: Literal["single_factor_class"]
    derives: str = Field(description="The ordinal metric derived, e.g. water_quality_class")
    classes: list[str] = Field(min_length=1, description="Level ids of `derives`, best first")
    worse: str = Field(description="Level id for failing the last class (劣Ⅴ)")
    river_kinds: list[str] = Field(description="Site kinds read with the river column")
    lake_kinds: list[str] = Field(description="Site kinds read with the lake/reservoir column")
    body_kinds: list[str] = Field(
        default_factory=list,
        description="Site kinds that may be either (a drinking-water source), read by the column `body_metric` names",
    )
    body_metric: str | None = Field(
        default=None, description="The category fact naming the water body a site of `body_kinds` is (river, lake)"
    )
    required: list[str] = Field(min_length=1, description="Parameters every period needs for its class to be decided")
    year_statistic: Literal["mean", "worst_period"] = Field(
        description="mean: a year's class from each parameter's mean over its periods; worst_period: its worst period"
    )
    year_statistic_confidence: Confidence
    citations: dict[str, Citation]
    parameters: list[ClassLimit] = Field(min_length=1)

    @property
    def kinds(self) -> list[str]:
        return [*self.river_kinds, *self.lake_kinds, *self.body_kinds]

    def water_body(self, kind: str) -> WaterBody:
        return "lake" if kind in self.lake_kinds else "river"

    @model_validator(mode="after")
    def _consistent(self) -> SingleFactorClass:
        if both := set(self.river_kinds) & set(self.lake_kinds):
            raise ValueError(f"kinds both river and lake: {sorted(both)}")
        if set(self.body_kinds) & {*self.river_kinds, *self.lake_kinds}:
            raise ValueError("a kind of `body_kinds` is not also a river or a lake kind")
        if bool(self.body_kinds) != (self.body_metric is not None):
            raise ValueError("`body_kinds` and `body_metric` are given together")
        for limit in self.parameters:
            if set(limit.limits) != set(self.classes):
                raise ValueError(f"{limit.metric}: limits must give exactly the classes {self.classes}")
            if limit.cite not in self.citations:
                raise ValueError(f"{limit.metric}: cite {limit.cite!r} is not one of {sorted(self.citations)}")
            ordered = [limit.limits[c] for c in self.classes]
            rising = limit.direction == "<="
            if any((b < a) if rising else (b > a) for a, b in pairwise(ordered)):
                raise ValueError(f"{limit.metric}: limits must loosen from the best class to the worst")
        decided = {limit.metric for limit in self.parameters if limit.decides}
        if missing := [m for m in self.required if m not in decided]:
            raise ValueError(f"required parameters without a deciding limit: {missing}")
        return self


class GradeIndicator(BaseModel):
    """One indicator of a graded derivation: the value from which a reading counts at each grade."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    worse_when: Literal["lower", "higher"]
    thresholds: dict[str, float] = Field(
        description="Grade id -> bound: a reading below it (lower) or above it (higher) is at that grade or worse"
    )
    cite: str


class GradedThresholds(DerivationHeader):
    """黑臭水体分级: each reading graded per indicator; the grade of the water body from the shares of readings."""

    kind: Literal["graded_thresholds"]
    derives: str = Field(description="The ordinal metric derived, e.g. black_odorous_grade")
    grades: list[str] = Field(min_length=2, description="Level ids of `derives`, best (none) first")
    kinds: list[str] = Field(min_length=1)
    min_readings: int = Field(ge=1, description="Readings each indicator needs")
    one_indicator_share: float = Field(gt=0, le=100, description="% of one indicator's readings at a grade that set it")
    two_indicators_share: float = Field(gt=0, le=100, description="% of two indicators' readings that set it")
    rule_confidence: Confidence
    citations: dict[str, Citation]
    indicators: list[GradeIndicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> GradedThresholds:
        for indicator in self.indicators:
            if set(indicator.thresholds) != set(self.grades[1:]):
                raise ValueError(f"{indicator.metric}: thresholds must give exactly the grades {self.grades[1:]}")
            if indicator.cite not in self.citations:
                raise ValueError(f"{indicator.metric}: cite {indicator.cite!r} is not one of {sorted(self.citations)}")
        return self


class DailyValidity(BaseModel):
    """How many daily values a year's statistic needs (GB 3095 data validity)."""

    model_config = ConfigDict(extra="forbid")

    per_year: int = Field(ge=1)
    per_month: int = Field(ge=1)
    per_february: int = Field(ge=1)
    confidence: Confidence


class PeriodStatistic(DerivationHeader):
    """A year's statistic of a daily series (HJ 663): the mean, or a percentile by HJ 663's formula."""

    kind: Literal["period_statistic"]
    derives: str = Field(description="The number metric derived per year, e.g. pm25_annual_mean")
    source: str = Field(description="The daily metric it is computed from")
    statistic: Literal["mean", "percentile"]
    percentile: float | None = Field(default=None, gt=0, lt=100)
    kinds: list[str] = Field(min_length=1)
    validity: DailyValidity
    cite: Citation

    @model_validator(mode="after")
    def _percentile_given(self) -> PeriodStatistic:
        if (self.statistic == "percentile") != (self.percentile is not None):
            raise ValueError("`percentile` is given for a percentile statistic, and only for it")
        return self


class GoodLimit(BaseModel):
    """A pollutant's concentration at the good level (its index 100: the HJ 633 breakpoint), in one edition."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    at_most: float
    cite: str


class GoodDaysShare(DerivationHeader):
    """优良天数比例: the share of days whose AQI is at most 100 (HJ 633). The AQI is the worst pollutant's index,
    so a day is good exactly when every pollutant is at or below its index-100 breakpoint: only those
    breakpoints are needed, and only they are read."""

    kind: Literal["good_days_share"]
    derives: str = Field(description="The percent metric derived per year")
    kinds: list[str] = Field(min_length=1)
    validity: DailyValidity
    citations: dict[str, Citation]
    limits: list[GoodLimit] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> GoodDaysShare:
        for limit in self.limits:
            if limit.cite not in self.citations:
                raise ValueError(f"{limit.metric}: cite {limit.cite!r} is not one of {sorted(self.citations)}")
        return self


StandardDerivation = SingleFactorClass | GradedThresholds | PeriodStatistic | GoodDaysShare
Derivation = Annotated[StandardDerivation, Field(discriminator="kind")]


class StandardsFile(BaseModel):
    """One file of `rules/standards/`: the derivations of one standard."""

    model_config = ConfigDict(extra="forbid")

    derivations: list[Derivation] = Field(min_length=1)


class StandardsPack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    derivations: list[Derivation] = Field(default_factory=list)


def inputs_of(derivation: StandardDerivation) -> list[str]:
    """The measured metrics a derivation reads."""
    if isinstance(derivation, SingleFactorClass):
        return [p.metric for p in derivation.parameters]
    if isinstance(derivation, GradedThresholds):
        return [i.metric for i in derivation.indicators]
    if isinstance(derivation, PeriodStatistic):
        return [derivation.source]
    return [limit.metric for limit in derivation.limits]
