"""An inspector's recorded judgement on a requirement that facts cannot decide."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from compliance.model.names import site_key


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
    """Attestations by (requirement, site), newest first; a site id matches as ids do (`site_key`: full-width
    forms and case aside), so an inspector's ja-v-0001 is the table's JA-V-0001."""

    def __init__(self, attestations: list[Attestation]) -> None:
        self._by_key: dict[tuple[str, str], list[Attestation]] = defaultdict(list)
        self._sites: dict[str, str] = {}
        """Each site's key and the id as the first attestation wrote it."""
        for attestation in attestations:
            key = site_key(attestation.site)
            self._by_key[(attestation.requirement, key)].append(attestation)
            self._sites.setdefault(key, attestation.site)
        for entries in self._by_key.values():
            entries.sort(key=lambda a: a.date, reverse=True)

    def every(self) -> list[Attestation]:
        """Every attestation, in the order of the files and rows they were read from."""
        return [a for entries in self._by_key.values() for a in entries]

    def lookup(self, requirement: str, site: str) -> list[Attestation]:
        return self._by_key.get((requirement, site_key(site)), [])

    def lapsed_failure(self, requirement: str, site: str, as_of: dt.date) -> Attestation | None:
        """The latest judgement made by `as_of` when it is a 不通过 whose validity ran out before it: the item is
        back to review, no longer failing, and a run says so rather than letting the site turn compliant unremarked."""
        made = [a for a in self.lookup(requirement, site) if a.date <= as_of]
        latest = made[0] if made else None
        if latest is None or latest.outcome != "fail" or latest.expires is None or latest.expires >= as_of:
            return None
        return latest

    def run_warnings(
        self, has_site: Callable[[str], bool], has_requirement: Callable[[str], bool], as_of: dt.date
    ) -> list[str]:
        """A batch's warnings of its attestations: those naming what it did not assess (`unused`), and the lapsed
        不通过 of the sites it did (`lapsed_failures`)."""
        return [*self.unused(has_site, has_requirement), *self.lapsed_failures(has_site, as_of)]

    def lapsed_failures(self, has_site: Callable[[str], bool], as_of: dt.date) -> list[str]:
        """A warning for each item of an assessed site whose latest judgement is a 不通过 that has lapsed
        (`lapsed_failure`): the item is back to review, and the site's verdict no longer counts it."""
        found = [self.lapsed_failure(r, entries[0].site, as_of) for (r, key), entries in self._by_key.items()]
        return [lapsed_warning(a) for a in found if a is not None and has_site(site_key(a.site))]

    def covers(self, site: str) -> bool:
        """Whether any attestation names this site."""
        return site_key(site) in self._sites

    def unused(
        self,
        has_site: Callable[[str], bool],
        has_requirement: Callable[[str], bool],
        has_pair: Callable[[str, str], bool] | None = None,
    ) -> list[str]:
        """Warnings for attestations naming sites or requirements a run did not assess (a wrong file or id?), and,
        given `has_pair`, a requirement not assessed for the site named (a park's id on a village item)."""
        sites = sorted(self._named(shown, key) for key, shown in self._sites.items() if not has_site(key))
        requirements = sorted(self._named(r) for r in {r for r, _ in self._by_key if not has_requirement(r)})
        pairs: list[str] = []
        if has_pair is not None:
            pairs = sorted(
                f"{r} for {self._named(self._sites[key], key, r)}"
                for r, key in self._by_key
                if has_site(key) and has_requirement(r) and not has_pair(r, key)
            )
        warnings = []
        for what, names in (("sites", sites), ("requirements", requirements), ("requirements", pairs)):
            if names:
                shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
                about = "not assessed in this run" if names is not pairs else "not assessed for the site named"
                zh = {"sites": "站点编号不在本次评估中", "requirements": "要求不在本次评估中"}[what]
                zh = zh if names is not pairs else "该站点不评估所列要求"
                warnings.append(f"attestations name {what} {about}: {shown} / 人工核查记录未采用（{zh}）")
        return warnings

    def _named(self, name: str, key: str | None = None, requirement: str | None = None) -> str:
        """An id with the rows that name it (`a.csv:3`): a site's (`key`), a requirement's (`name`), or a site's
        rows on one requirement (both)."""
        wanted = requirement if key is not None else name
        rows = sorted(
            a.source
            for (r, k), entries in self._by_key.items()
            for a in entries
            if (key is None or k == key) and (wanted is None or r == wanted)
        )
        return f"{name} ({', '.join(rows[:3])}{' …' if len(rows) > 3 else ''})" if any(rows) else name

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._by_key.values())


def lapsed_warning(lapsed: Attestation) -> str:
    """What a run says of a 不通过 that has lapsed (`AttestationBook.lapsed_failure`), in English and Chinese."""
    site, recorded = lapsed.site, f"{lapsed.inspector}, {lapsed.date}"
    return (
        f"{lapsed.requirement} ({site}): the latest judgement, a fail ({recorded}), was valid until {lapsed.expires}"
        f" and has lapsed: the item is back to review, not passed; review it again / {lapsed.requirement}（{site}）："
        f"最近一次核查不通过（{lapsed.inspector}，{lapsed.date}），有效期至 {lapsed.expires}，已过期："
        "本项恢复为待核查，不是已通过，请重新核查"
    )
