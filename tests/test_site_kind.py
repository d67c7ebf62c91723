"""A condition on the site's kind (`site_kind`): a rule covering one kind outright and others only at the places
the plan names (XM-8-11 加强自然保护地常态化监测: every nature reserve, and 厦门莲花国家森林公园 filed as a scenic
area or forest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.load.facts import MetricIndex
from compliance.model.checks import KIND_METRIC, for_kind, metrics_of
from compliance.model.gazetteer import PLACE_METRIC
from compliance.model.plan import AnyOf, Comparison, Requirement, RulePack
from compliance.model.problems import InputError
from compliance.pack import load_pack
from tests.packs import percent_metric, threshold, write_pack


def _requirement(pack: RulePack, requirement_id: str) -> Requirement:
    return next(r for r in pack.requirements if r.id == requirement_id)


def test_a_kind_the_condition_covers_outright_has_no_condition_left(pack: RulePack) -> None:
    monitoring = _requirement(pack, "XM-8-11")
    own = for_kind(monitoring, "nature_reserve")
    assert own is not None and own.applies.condition is None and own.applies.kinds == ["nature_reserve"]


def test_another_kind_keeps_only_the_named_places_and_whether_it_is_a_protected_area(pack: RulePack) -> None:
    for kind in ("scenic_area", "forest"):
        own = for_kind(_requirement(pack, "XM-8-11"), kind)
        assert own is not None
        assert isinstance(own.applies.condition, AnyOf)
        named, protected = own.applies.condition.any
        assert isinstance(named, Comparison) and isinstance(protected, Comparison)
        assert named.metric == PLACE_METRIC and protected.metric == "protected_area"
        assert "厦门莲花国家森林公园" in (named.value or [])


def test_a_branch_the_kind_rules_out_asks_for_none_of_its_facts(pack: RulePack) -> None:
    """XM-4-9: a nature reserve states whether it is national; a scenic area is asked nothing but its name."""
    verify = _requirement(pack, "XM-4-9")
    reserve = for_kind(verify, "nature_reserve")
    assert reserve is not None and isinstance(reserve.applies.condition, AnyOf)
    assert set(metrics_of(reserve.applies.condition)) == {"national_nature_reserve", PLACE_METRIC}
    forest = for_kind(verify, "forest")
    assert forest is not None and metrics_of(forest.applies.condition) == [PLACE_METRIC]


def test_a_rule_without_a_kind_test_is_the_same_object(pack: RulePack) -> None:
    permit = _requirement(pack, "XM-10-3")
    assert for_kind(permit, "airport") is permit


def test_a_condition_the_kind_makes_false_drops_the_rule_for_that_kind(pack: RulePack) -> None:
    monitoring = _requirement(pack, "XM-8-11")
    only_reserves = monitoring.applies.model_copy(
        update={"condition": Comparison(metric=KIND_METRIC, op="in", value=["nature_reserve"])}
    )
    narrowed = monitoring.model_copy(update={"applies": only_reserves})
    assert for_kind(narrowed, "scenic_area") is None
    assert for_kind(narrowed, "nature_reserve") is not None


def test_the_kind_is_not_a_fact_a_file_states(pack: RulePack) -> None:
    index = MetricIndex(pack.catalogue)
    assert index.find("站点类型") is None and index.find(KIND_METRIC) is None
    assert pack.catalogue.metric(KIND_METRIC).levels  # conditions name the catalogue's kinds


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("check", "only a condition may test it"),
        ("order", "a kind is tested with ==, !=, in or not_in"),
        ("unknown", "'no_such_kind' is not one of its levels"),
    ],
)
def test_a_kind_test_a_condition_cannot_make_is_refused(tmp_path: Path, where: str, message: str) -> None:
    rule = threshold("JA-1-1", "sewage_rate", ">=", 75)
    if where == "check":
        rule["check"] = {"all": [rule["check"], {"metric": KIND_METRIC, "op": "==", "value": "village"}]}
    elif where == "order":
        rule["applies"]["condition"] = {"metric": KIND_METRIC, "op": ">=", "value": "village"}
    else:
        rule["applies"]["condition"] = {"metric": KIND_METRIC, "op": "in", "value": ["no_such_kind"]}
    rules = write_pack(tmp_path / "rules", [percent_metric("sewage_rate", "污水治理率")], [rule])
    with pytest.raises(InputError) as raised:
        load_pack(rules)
    text = "\n".join(problem.message for problem in raised.value.problems)
    assert message in text, text
