"""A site and the facts submitted for it, after validation against the catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from compliance.model.logread import log_holes
from compliance.model.metric import Metric

AttributeValue = str | float | bool | list[str]


class Site(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    kind: str
    name: str = Field(min_length=1)
    name_en: str = ""
    admin_code: str = Field(default="", description="Administrative division code, e.g. 350111 for 晋安区")
    district: str = Field(default="", description="District or city name, e.g. 晋安区, 厦门市")
    groups: list[str] = Field(default_factory=list, description="Named groups, e.g. 闽江干流省控断面")
    aliases: list[str] = Field(default_factory=list)
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)


class Provenance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str = ""
    observed_on: dt.date | None = None
    evidence: str = ""


class Observation(BaseModel):
    """One metric value: numbers as float (percent in 0–100), booleans as bool, levels by level id.

    With a dated `series` (period → value, periods `2021` or `2025-01`, in order), `value` is the
    latest period's value.
    """

    model_config = ConfigDict(extra="forbid")

    metric: str
    value: float | bool | str
    series: dict[str, float | bool | str] | None = None
    provenance: Provenance = Field(default_factory=Provenance)
    derived_zh: str = Field(default="", description="How the value was derived (from measurements, or its kind word)")
    derived_en: str = ""
    computed_from: int | None = None
    """How many member sites a batch computed this figure from (a district's from its villages); None when the
    value was stated. Typed, so that whether a figure was computed is never read back out of its wording."""
    blank_periods: list[str] = Field(default_factory=list)
    """Periods of the series written blank (2025: 暂无) beside filled ones, left out of `series`: when the latest
    period begun by the as-of date is one of them, the figure now is unknown (see `assess.asof.up_to`)."""


class Notice(BaseModel):
    """Something the inspector should look at that is not a finding, e.g. a name close to a named place."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text_zh: str
    text_en: str


class Undecided(BaseModel):
    """A class the measurements given do not decide but bound: no better than `at_least` (a missing parameter can
    only make a single-factor class worse), with why (`why_*`, the parameters at that class) and what would decide
    it (`needs_*`: the parameters missing, or the kind of water body)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: str
    at_least: str
    """A level id of `metric`; its best level when the parameters given say nothing of it."""
    period: str
    """The year the bound is of."""
    why_zh: str
    why_en: str
    needs_zh: str
    needs_en: str


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site: Site
    observations: dict[str, Observation]
    source: str = Field(default="", description="File (and row) the facts came from")
    notices: list[Notice] = Field(default_factory=list, description="What reading the facts noticed")
    holes: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per log left without a value for a period missing inside the year read, those periods",
    )
    held: dict[str, dict[str, float | bool | str]] = Field(
        default_factory=dict,
        description="Per log left without a value on load (`holes`), its series: the as-of date names what it misses",
    )
    wanted: dict[str, tuple[str, str]] = Field(
        default_factory=dict,
        description=(
            "Per fact set aside for what it lacks (an act logged across its plan's issue date, `assess.issued`), how a"
            " finding names it as missing, after its name (zh, en)"
        ),
    )
    undecided: dict[str, Undecided] = Field(
        default_factory=dict,
        description="Per class the measurements do not decide (and no stated value stands for), what they bound",
    )


@dataclass(frozen=True)
class FactLines:
    site: int | None = None
    """The line of `site:`, where a missing fact belongs."""
    metrics: dict[str, int] = field(default_factory=dict)
    """Metric id -> line of its key, under `facts` or under `site.attributes`."""


def series_notice(metric: Metric, series: dict[str, float | bool | str], as_of: dt.date | None = None) -> Notice:
    """Why a dated series stands for no value (`value_of_series`): a period missing inside the year it is read over."""
    holes = series_holes(metric, series, as_of)
    return _holes_notice(metric, holes, bool(holes) and holes[0] < next(iter(series)))


def series_holes(metric: Metric, series: dict[str, float | bool | str], as_of: dt.date | None = None) -> list[str]:
    """The periods missing inside the year a series is read over (`value_of_series`), which leave it no value."""
    return log_holes(list(series), metric, as_of)


def _holes_notice(metric: Metric, holes: list[str], opening: bool = False) -> Notice:
    shown = "、".join(holes[:5]) + ("等" if len(holes) > 5 else "")
    shown_en = ", ".join(holes[:5]) + (" …" if len(holes) > 5 else "")
    if opening:  # the log begins after the first period of the year it is read over
        return Notice(
            text_zh=f"{metric.name_zh}：逐期数据未覆盖所读的一年（自方案施行起算），缺 {shown}；每一期都须达到要求，"
            "缺期无法判定，按数据不足处理",
            text_en=f"{metric.name_en}: the log does not cover the year it is read over (from the plan's start at the"
            f" earliest): {shown_en} missing; every period must meet the rule, so it is undecided (insufficient data)",
        )
    return Notice(
        text_zh=f"{metric.name_zh}：逐期数据中间缺 {shown}；每一期都须达到要求，缺期无法判定，按数据不足处理",
        text_en=(
            f"{metric.name_en}: the series lacks {shown_en}; every period must meet the rule, so a missing one"
            " leaves it undecided (insufficient data)"
        ),
    )
