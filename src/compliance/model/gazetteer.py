"""The places the plans name (福兴经济开发区, 山仔水库, 集美区 …), as rules refer to them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from compliance.model.metric import Level, Metric, MetricType


class Place(BaseModel):
    """One named place: the name a rule uses, the other names people write for it, and what it is."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Canonical name, as rules' `site.names` give it")
    name_en: str = ""
    plan: str = Field(description="Plan whose text names it")
    kinds: list[str] = Field(min_length=1, description="Site kinds that can be this place")
    aliases: list[str] = Field(default_factory=list, description="Other names for the same place")
    admin_code: str = Field(default="", description="Division code where the place is a district or township")
    note: str = ""


class Gazetteer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    places: list[Place] = Field(default_factory=list)

    def place(self, name: str) -> Place | None:
        return next((p for p in self.places if p.name == name), None)

    def names(self) -> list[str]:
        return [p.name for p in self.places]


PLACE_METRIC = "named_place"
"""The fact that says which named place a site is: given, or read from the site's names (assess/places.py)."""

NO_PLACE = "none"
"""The level of `named_place` for a site that is none of the places the plans name."""


def place_metric(gazetteer: Gazetteer) -> Metric:
    """`named_place` as a category metric whose levels are the gazetteer's places, plus none."""
    levels = [
        Level(id=place.name, name_zh=place.name, name_en=place.name_en or place.name, aliases=place.aliases)
        for place in gazetteer.places
    ]
    levels.append(
        Level(
            id=NO_PLACE,
            name_zh="无（非规划点名地点）",
            name_en="none of the places named",
            aliases=["无", "否", "都不是", "不是", "none", "no"],
        )
    )
    return Metric(
        id=PLACE_METRIC,
        name_zh="规划点名地点",
        name_en="place named by the plan",
        type=MetricType.CATEGORY,
        levels=levels,
        definition_zh=(
            "本站点是（或属于）方案点名的哪一处地点（如 福兴经济开发区、山仔水库、集美区）；都不是则填“无”。"
            "不填时按站点名称、别名（aliases）和分组（groups）判断，名称相近而不能确认的报告为数据不足。"
        ),
        definition_en=(
            "Which place named by the plan this site is (or belongs to), e.g. 福兴经济开发区; 'none' if none."
            " Left blank, it is read from the site's name, aliases and groups; a close but unconfirmed name is"
            " reported as missing data."
        ),
    )
