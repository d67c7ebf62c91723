"""Assessor's public hooks: a figure computed from member sites is known by a typed field, never by its wording,
and a `ValueDisplay` decides how a site's own values go into its findings (what batch rows build on)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from compliance.assess.assessor import Assessor
from compliance.model.facts import Facts, Observation, Provenance, Site
from compliance.model.plan import Requirement, RulePack
from compliance.model.result import ObservedValue, TargetView
from tests.conftest import AS_OF

SHARE = "share_of_villages_built_as_beautiful_villages"
"""A district figure the plan's villages add up to (建成美丽乡村的行政村比例, XM-0-19)."""


def _jimei(observation: Observation) -> Facts:
    site = Site(id="XM-D-0001", kind="district", name="集美区", district="集美区", admin_code="350211")
    return Facts(site=site, observations={SHARE: observation}, source="集美区自查.yaml")


def _shown(assessor: Assessor, observation: Observation) -> ObservedValue:
    assessment = assessor.assess(_jimei(observation), AS_OF)
    finding = next(f for f in assessment.findings if f.requirement == "XM-0-19")
    return next(o for o in finding.observed if o.metric == SHARE)


def test_a_computed_figure_is_known_by_its_count_of_member_sites(assessor: Assessor) -> None:
    shown = _shown(assessor, Observation(metric=SHARE, value=92.0, computed_from=11))
    assert shown.computed_from == 11
    assert shown.display_zh == "92%（由本批11个行政村计算）"
    assert shown.display_en == "92% (computed from 11 member sites in this batch)"


def test_a_source_that_reads_like_a_batch_is_still_a_stated_figure(assessor: Assessor) -> None:
    """What a person wrote as the source never makes a figure computed: only the typed field does."""
    written = Provenance(source="由本批11个行政村计算 / computed from 11 member sites in this batch")
    shown = _shown(assessor, Observation(metric=SHARE, value=92.0, provenance=written))
    assert shown.computed_from is None
    assert shown.display_zh == "92%（填报值，非由各行政村计算）"


class _Marked:
    """Marks each site-specific part, as a batch puts slots there."""

    def observed(self, value: ObservedValue) -> ObservedValue:
        return value.model_copy(update={"display_zh": f"[{value.metric}]"})

    def target(
        self, requirement: Requirement, view: TargetView, ahead: bool, gapped: Callable[[], TargetView]
    ) -> TargetView:
        return view.model_copy(update={"text_zh": f"[{'ahead' if ahead else 'in force'}] {gapped().text_zh}"})

    def notes(self, requirement: Requirement, notes: dict[str, list[str]]) -> dict[str, list[str]]:
        return notes


def test_a_display_puts_its_own_values_in_and_shares_the_engines(assessor: Assessor, pack: RulePack) -> None:
    marked = Assessor(pack, display=_Marked(), engines_of=assessor)
    assert marked.engine("district") is assessor.engine("district"), "one compile serves both"
    assessment = marked.assess(_jimei(Observation(metric=SHARE, value=92.0)), AS_OF)
    finding = next(f for f in assessment.findings if f.requirement == "XM-0-19")
    assert [o.display_zh for o in finding.observed if o.metric == SHARE] == [f"[{SHARE}]"]
    assert finding.next_target is not None and finding.next_target.text_zh.startswith("[ahead] "), "due 2027"
    plain = _shown(assessor, Observation(metric=SHARE, value=92.0))
    assert plain.display_zh == "92%（填报值，非由各行政村计算）", "the shared engines keep their own display"


def test_engines_are_shared_only_within_one_pack(assessor: Assessor, pack: RulePack) -> None:
    other = pack.model_copy()
    with pytest.raises(ValueError, match="same rule pack"):
        Assessor(other, engines_of=assessor)
