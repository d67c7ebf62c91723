"""The administrative division code table (统计用区划代码): cities, their districts and townships.

Rules name places by name (集美区, 日溪乡); statistics tables give them by code (350211, 350111202). The
table is data shipped with the rule packs (`rules/divisions.yaml`), so a code and a name are the same place.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

DISTRICT_LEVELS = ("区", "县", "市")
TOWNSHIP_LEVELS = ("街道", "镇", "乡")
"""The level words that end a district's or a township's name."""


def name_forms(name: str, levels: tuple[str, ...]) -> list[str]:
    """A division's name and its short form without the level word (集美区 -> 集美, 灌口镇 -> 灌口), when two
    characters remain."""
    short = [name[: -len(s)] for s in levels if name.endswith(s) and len(name) - len(s) >= 2]
    return [name, *short]


class Township(BaseModel):
    """A 乡级 unit: a street (街道, 0xx), town (镇, 1xx), township (乡, 2xx) or farm, zone … (4xx)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^\d{9}$", description="9-digit code, e.g. 350111202")
    name: str = Field(min_length=1, description="e.g. 日溪乡")


class District(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^\d{6}$", description="6-digit code, e.g. 350211")
    name: str = Field(min_length=1, description="e.g. 集美区")
    name_en: str = ""
    townships: list[Township] = Field(default_factory=list)


class City(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^\d{4}00$", description="6-digit code ending 00, e.g. 350200")
    name: str = Field(min_length=1, description="e.g. 厦门市")
    name_en: str = Field(default="", description="e.g. Xiamen: an English step may name the city so")
    complete: bool = Field(
        description="Whether every district of the city is listed (then an unlisted code in it is unknown)"
    )
    districts: list[District]


class DivisionTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=1, description="The official list the codes come from")
    year: int
    as_of: dt.date = Field(description="The date the list describes")
    cities: list[City]
    traditional: dict[str, str] = Field(
        default_factory=dict,
        description="Traditional and variant forms of the characters of place names, each to the simplified"
        " character the names use (壽: 寿, 谿: 溪): a name written in them is the same place",
    )

    def folding(self) -> dict[int, str]:
        """`traditional` as a `str.translate` table."""
        return {ord(form): simple for form, simple in self.traditional.items() if len(form) == 1}
