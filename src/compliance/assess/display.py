"""How an Assessor puts a site's own values into its findings: the public hook a batch uses to write templates.

`compliance check` shows each site's values as they are (`AsObserved`). A batch assesses a class of sites once
and fills each finding per row, so it shows a slot where every site-specific value goes: the observed values,
the gap to each target and the notes on a dated series. Everything else in a finding depends on the class
alone, which is what makes one assessment serve every row of the class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from compliance.model.plan import Requirement
from compliance.model.result import ObservedValue, TargetView


class ValueDisplay(Protocol):
    """The three places a finding carries a site's own values."""

    def observed(self, value: ObservedValue) -> ObservedValue:
        """An observed value as the finding lists it."""
        ...

    def target(
        self, requirement: Requirement, view: TargetView, ahead: bool, gapped: Callable[[], TargetView]
    ) -> TargetView:
        """A target with the site's gap to it; `gapped` works the gap out from the site's values."""
        ...

    def notes(self, requirement: Requirement, notes: dict[str, list[str]]) -> dict[str, list[str]]:
        """The notes on a trend rule's dated series (breaking periods, change from the baseline)."""
        ...


class AsObserved:
    """Each value as observed: what `compliance check` shows."""

    def observed(self, value: ObservedValue) -> ObservedValue:
        return value

    def target(
        self, requirement: Requirement, view: TargetView, ahead: bool, gapped: Callable[[], TargetView]
    ) -> TargetView:
        return gapped()

    def notes(self, requirement: Requirement, notes: dict[str, list[str]]) -> dict[str, list[str]]:
        return notes
