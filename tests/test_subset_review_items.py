"""Review items whose sentence names a subset of a kind are put only to that subset."""

from __future__ import annotations

import pytest

from compliance.model.plan import RulePack

SUBSET_ITEMS = {
    "JA-10-1": "transport_infrastructure_project",
    "JA-11-1": "existing_building",
    "JA-11-2": "old_municipal_infrastructure",
    "JA-12-1": "new_community",
    "JA-13-12": "key_safety_risk_area",
    "JA-13-13": "biological_firebreak_belt",
    "JA-13-14": "biological_firebreak_belt",
    "JA-13-15": "biological_firebreak_belt",
}


def requirement(pack: RulePack, rid: str):  # type: ignore[no-untyped-def]
    (found,) = [r for r in pack.requirements if r.id == rid]
    return found


@pytest.mark.parametrize(("rid", "metric"), SUBSET_ITEMS.items())
def test_a_subset_review_item_asks_its_deciding_fact(pack: RulePack, rid: str, metric: str) -> None:
    condition = requirement(pack, rid).applies.condition
    assert condition is not None
    assert metric in repr(condition)


def test_guiding_banks_is_asked_of_the_district_not_of_projects(pack: RulePack) -> None:
    assert list(requirement(pack, "JA-43-8").applies.kinds) == ["district"]
