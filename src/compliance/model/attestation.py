"""An inspector's recorded judgement on a requirement that facts cannot decide."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
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
    source: str = Field(default="", description="file:line (or row) it was read from")

    def in_force(self, as_of: dt.date) -> bool:
        return self.date <= as_of and (self.expires is None or as_of <= self.expires)


class AttestationBook:
    """Attestations by (requirement, site), newest first."""

    def __init__(self, attestations: list[Attestation]) -> None:
        self._by_key: dict[tuple[str, str], list[Attestation]] = defaultdict(list)
        for attestation in attestations:
            self._by_key[(attestation.requirement, attestation.site)].append(attestation)
        for entries in self._by_key.values():
            entries.sort(key=lambda a: a.date, reverse=True)
        self._sites = {site for _, site in self._by_key}

    def lookup(self, requirement: str, site: str) -> list[Attestation]:
        return self._by_key.get((requirement, site), [])

    def covers(self, site: str) -> bool:
        """Whether any attestation names this site."""
        return site in self._sites

    def unused(self, has_site: Callable[[str], bool], has_requirement: Callable[[str], bool]) -> list[str]:
        """Warnings for attestations naming sites or requirements a run did not assess (a wrong file or id?)."""
        sites = sorted(site for site in self._sites if not has_site(site))
        requirements = sorted({r for r, _ in self._by_key if not has_requirement(r)})
        warnings = []
        for what, names in (("sites", sites), ("requirements", requirements)):
            if names:
                shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
                warnings.append(f"attestations name {what} not assessed in this run: {shown}")
        return warnings

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._by_key.values())
