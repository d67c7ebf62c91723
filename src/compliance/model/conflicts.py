"""Facts a site's file cannot give together (`Metric.conflicts`), and the yes/no facts a site's name states
(`NameReading`): models only, read by `model.namewords`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class NameReading(BaseModel):
    """A yes/no fact a site's own name states (风景名胜区 in a 景区's name: 属自然保护地), for sites of some kinds."""

    model_config = ConfigDict(extra="forbid")

    kinds: list[str] = Field(min_length=1, description="Site kinds whose names are read for it")
    words: list[str] = Field(min_length=1, description="Words in a name that make it 是; a name without any is 否")
    only_yes: bool = Field(False, description="A name without the words says nothing; a no beside one is refused")
    no_refused: bool = Field(True, description="With only_yes: a no beside a name with a word is refused, else taken")


class FactIs(BaseModel):
    """Another fact's value in a conflict: equal to `value` (yes/no, a level by id), or a number above it."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    op: Literal["==", ">"] = "=="
    value: bool | float | str


class Conflict(BaseModel):
    """The metric's `value` given together with every one of `facts`, or in a site named with one of `name_words`:
    the file contradicts itself (属既有建筑 是 beside 属新建公共建筑 是; 涉VOCs行业 不涉VOCs for a site named
    …加油站) and is refused naming both sides, never read as a site outside a rule."""

    model_config = ConfigDict(extra="forbid")

    value: bool | float | str = Field(description="This metric's value (yes/no, a level by id) that the rest deny")
    facts: list[FactIs] = Field(default_factory=list, description="Other facts given with it that deny it")
    name_words: list[str] = Field(default_factory=list, description="Words in the site's name that deny it")
    kinds: list[str] = Field(
        min_length=1, description="Site kinds it is checked for: a batch of another kind never compares its rows"
    )
    why_zh: str = Field(min_length=1, description="Why they cannot hold together, quoting the plan where it says")
    why_en: str = Field(min_length=1)
    settles: bool = Field(
        False,
        description=(
            "One fact against one, each side settling the other: where one side is stated and the other, a yes/no,"
            " is not, that one is read as the opposite of the value denied (闽江干流省控断面 是: 小流域断面 否; a"
            " township's rural sewage rate above 0, op >: 辖区内有行政村 是)"
        ),
    )

    @model_validator(mode="after")
    def _denied_by_something(self) -> Conflict:
        if not self.facts and not self.name_words:
            raise ValueError("a conflict needs `facts` or `name_words` (what denies the value)")
        if self.settles and (len(self.facts) != 1 or self.name_words):
            raise ValueError("a conflict that settles is one fact against the value, with no name_words")
        return self
