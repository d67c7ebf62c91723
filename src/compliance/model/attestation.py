"""An inspector's recorded judgement on a requirement that facts cannot decide."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Attestation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requirement: str
    site: str = Field(description="Site id the judgement is about")
    outcome: Literal["pass", "fail"]
    inspector: str = Field(min_length=1)
    date: dt.date
    evidence: str = ""
    expires: dt.date | None = None
    source: str = Field("", description="file:line (or row) it was read from")

    def in_force(self, as_of: dt.date) -> bool:
        return self.date <= as_of and (self.expires is None or as_of <= self.expires)
