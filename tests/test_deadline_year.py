"""A dated target past due is read on its own year's figure where given (`assess.deadline`): a 2025 miss stays a
miss whatever 2026 shows, a 2025 trend sentence is read on the periods up to 2025, an achievement that lasts counts
where reached by the target's year; a missing target-year figure is missing data naming that year, never stood in
for by a later one (a series {2024: 60, 2026: 81} would otherwise pass where {2024: 60, 2025: 70, 2026: 81} fails).
`check`, `batch` and the simple evaluator agree."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.model.facts import Facts, Observation, Site
from compliance.model.plan import RulePack
from compliance.model.result import Finding, Status
from tests.simple_evaluator import expected_statuses

PM25 = "pm25_annual_mean"
FALLING = {"2020": 0.58, "2021": 0.56, "2022": 0.54, "2023": 0.52, "2024": 0.5}
"""A yearly fall from 2020 to 2024."""


def _facts(pack: RulePack, kind: str, name: str, series: dict[str, dict[str, object]]) -> Facts:
    observations = {}
    for key, periods in series.items():
        observations[key] = Observation(metric=key, value=periods[max(periods)], series=periods)
    site = Site(id="S", kind=kind, name=name, district=name)
    return Facts(site=site, observations=observations, source="test")


def _statuses(pack: RulePack, facts: Facts, as_of: dt.date, wanted: list[str]) -> dict[str, Status]:
    """The engine's statuses of `wanted`, checked against the simple evaluator's."""
    assessor = Assessor(pack)
    assessment = assessor.assess(facts, as_of)
    by_id = {r.id: r for r in assessor.requirements_for(facts.site.kind, list(pack.plans))}
    assessed = [by_id[f.requirement] for f in assessment.findings]
    issued = {r.id: pack.plans[pack.plan_of[r.id]].issued for r in assessed}
    ends = {r.id: pack.plans[pack.plan_of[r.id]].ends for r in assessed}
    districts = frozenset(d.name for city in pack.divisions.cities for d in city.districts)
    expected = expected_statuses(assessed, facts, as_of, pack.catalogue, pack.gazetteer, issued, districts, ends)
    found = {f.requirement: f.status for f in assessment.findings if f.requirement in wanted}
    assert found == {r: expected[r] for r in found}
    return found


def _finding(pack: RulePack, facts: Facts, as_of: dt.date, wanted: str) -> Finding:
    return next(f for f in Assessor(pack).assess(facts, as_of).findings if f.requirement == wanted)


def _district(pack: RulePack, series: dict[str, dict[str, object]]) -> Facts:
    return _facts(pack, "district", "晋安区", series)


@pytest.mark.parametrize("as_of", [dt.date(2026, 6, 30), dt.date(2027, 3, 1), dt.date(2028, 1, 31)])
def test_a_target_missed_in_its_year_stays_missed(pack: RulePack, as_of: dt.date) -> None:
    facts = _district(
        pack,
        {
            PM25: {"2020": 20.3, "2024": 17.0, "2025": 19.0, "2026": 17.0, "2027": 17.0},
            "sponge_city_area_share": {"2024": 48.0, "2025": 49.0, "2026": 58.0, "2027": 63.0},
        },
    )
    found = _statuses(pack, facts, as_of, ["JA-0-19", "JA-5-25", "JA-13-9"])
    assert found == {"JA-0-19": Status.FAIL, "JA-5-25": Status.FAIL, "JA-13-9": Status.FAIL}


def test_no_later_year_stands_in_for_the_target_year(pack: RulePack) -> None:
    facts = _district(pack, {PM25: {"2020": 20.3, "2024": 17.0, "2026": 17.0}})
    assert _statuses(pack, facts, dt.date(2027, 3, 1), ["JA-0-19"]) == {"JA-0-19": Status.INSUFFICIENT_DATA}
    finding = _finding(pack, facts, dt.date(2027, 3, 1), "JA-0-19")
    assert "2025年的数据" in finding.reason_zh and "给出的 2026 在2025年之后，不能代替" in finding.reason_zh
    assert "或以后" not in finding.reason_zh and "for 2025" in finding.reason_en
    bad = _district(pack, {PM25: {"2020": 20.3, "2024": 17.0, "2025": 19.0, "2026": 17.0}})
    assert _statuses(pack, bad, dt.date(2027, 3, 1), ["JA-0-19"]) == {"JA-0-19": Status.FAIL}
    early = _district(pack, {PM25: {"2025-03": 19.0}})  # before the deadline: no figure at it, never 已逾期
    assert _statuses(pack, early, dt.date(2026, 6, 30), ["JA-0-19"])["JA-0-19"] != Status.FAIL


@pytest.mark.parametrize(
    ("metric", "series", "wanted"),
    [
        ("energy_intensity", {"2020": 0.312, "2024": 0.29, "2026": 0.26}, "JA-0-9"),  # the end of a change from 2020
        ("carbon_intensity", {**FALLING, "2026": 0.6}, "JA-0-11"),  # a 2026 rise: no failure of 到2025年逐年下降
        ("o3_concentration", {"2024": 128.0, "2026": 131.0}, "JA-5-26"),  # a 2026 rise is no 2025 failure
    ],
)
def test_a_trend_to_the_target_year_wants_that_year(
    pack: RulePack, metric: str, series: dict[str, object], wanted: str
) -> None:
    """A change from a baseline ends at the target year's figure; a yearly fall to 2025 is read up to 2025: without
    2025's figure neither is decided by 2026's, which belongs to the 2027 sentences."""
    facts = _district(pack, {metric: series})
    assert _statuses(pack, facts, dt.date(2027, 3, 1), [wanted]) == {wanted: Status.INSUFFICIENT_DATA}
    assert "2025年的数据" in _finding(pack, facts, dt.date(2027, 3, 1), wanted).reason_zh


def test_a_single_value_of_a_later_year_does_not_stand_in(pack: RulePack) -> None:
    """A value observed in 2026 says nothing of 2025; an undated one keeps its reading, the state now."""
    village = Site(id="V", kind="village", name="降虎村", district="晋安区", attributes={"township": "宦溪镇"})
    rate = "rural_domestic_sewage_treatment_rate"
    dated = Observation(metric=rate, value=80.0, provenance={"observed_on": dt.date(2026, 3, 1)})
    facts = Facts(site=village, observations={rate: dated}, source="test")
    assert _statuses(pack, facts, dt.date(2027, 3, 1), ["JA-14-7"]) == {"JA-14-7": Status.INSUFFICIENT_DATA}
    assert "2025年的数据" in _finding(pack, facts, dt.date(2027, 3, 1), "JA-14-7").reason_zh
    plain = facts.model_copy(update={"observations": {rate: Observation(metric=rate, value=80.0)}})
    assert _statuses(pack, plain, dt.date(2027, 3, 1), ["JA-14-7"]) == {"JA-14-7": Status.PASS}


def test_a_2025_trend_is_read_on_the_periods_up_to_2025(pack: RulePack) -> None:
    years = {"2020": 0.58, "2021": 0.56, "2022": 0.54, "2023": 0.52, "2024": 0.50, "2025": 0.46, "2026": 0.47}
    facts = _district(
        pack,
        {
            "carbon_intensity": {**years, "2027": 0.45},
            "o3_concentration": {"2020": 134.0, "2024": 128.0, "2025": 126.0, "2026": 130.0, "2027": 125.0},
        },
    )
    found = _statuses(pack, facts, dt.date(2028, 1, 31), ["JA-0-11", "JA-0-34", "JA-5-26", "JA-5-28"])
    assert found == {"JA-0-11": Status.PASS, "JA-0-34": Status.FAIL, "JA-5-26": Status.PASS, "JA-5-28": Status.FAIL}


def test_a_lasting_achievement_counts_where_reached_by_the_target_year(pack: RulePack) -> None:
    late = _facts(pack, "city", "厦门市", {"beautiful_city_evaluation_indicator_system": {"2025": False, "2026": True}})
    assert _statuses(pack, late, dt.date(2027, 3, 1), ["XM-0-9"]) == {"XM-0-9": Status.FAIL}
    system = "beautiful_city_evaluation_indicator_system"
    built = _facts(pack, "city", "厦门市", {system: {"2025": True, "2026": True}})
    assert _statuses(pack, built, dt.date(2027, 3, 1), ["XM-0-9"]) == {"XM-0-9": Status.PASS}
    for unknown in ({"2026": True}, {"2024": False, "2026": True}):  # built by 2025? the 2026 是 cannot tell
        facts = _facts(pack, "city", "厦门市", {system: unknown})
        assert _statuses(pack, facts, dt.date(2027, 3, 1), ["XM-0-9"]) == {"XM-0-9": Status.INSUFFICIENT_DATA}
        assert "2025年的数据" in _finding(pack, facts, dt.date(2027, 3, 1), "XM-0-9").reason_zh


def test_batch_reads_a_target_at_its_year_as_check_does(run: Callable[..., Result], tmp_path: Path) -> None:
    table, out = tmp_path / "districts.csv", tmp_path / "out"
    pm = "城市细颗粒物（PM2.5）年均浓度"
    header = ["站点编号", "名称", "所在区", *(f"{pm}[{y}]" for y in (2020, 2024, 2025, 2026))]
    rows = [["D1", "晋安区", "晋安区", "20.3", "17", "19", "17"], ["D2", "晋安区", "晋安区", "20.3", "17", "", "17"]]
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    run("batch", table, "--kind", "district", "--out", out, "--as-of", "2027-03-01", "--quiet", "--all-findings")
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    found = {(f.get("site_id") or f.get("site"), f["status"]) for f in written if f["requirement"] == "JA-0-19"}
    assert found == {("D1", "fail"), ("D2", "insufficient_data")}  # D2 left its 2025 cell blank: 2026 no stand-in
