"""Readings of the plans' words, revisited: who JA-13-11 covers, undated 创建 as gradual, what an ongoing
target's shortfall is called, XM-0-10 filled as the facts template asks, and whom the park chapter's umbrella and
smart-park duties bind (JA-ch6-1, JA-33-5, JA-33-7)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from compliance.model.checks import trends_of
from compliance.model.plan import Modality, RequirementKind, RulePack

Run = Callable[..., Result]
UNDATED_CREATION = ("创建", "争创", "迈进")
NOT_A_CREATION = {
    "JA-22-6": "助力福州市创建: the district's own tasks, due now",
    "JA-35-9": "巩固…创建成果: keeping a title already won",
}


def _filled_template(run: Run, tmp_path: Path, kind: str, name: str, filled: dict[str, str]) -> Path:
    """`facts template --kind K` filled in as its comments ask: some values given, the rest left blank."""
    result = run("facts", "template", "--kind", kind)
    assert result.exit_code == 0, result.output
    document = yaml.safe_load(result.output)
    document["site"].update({"id": "S1", "name": name, "district": "晋安区" if kind != "city" else "厦门市"})
    if kind == "city":
        document["site"]["admin_code"] = "350200"
    for metric in filled:
        assert metric in document["facts"], f"the template for {kind} does not ask for {metric}"
    document["facts"] = {metric: value for metric, value in filled.items()}
    path = tmp_path / f"{kind}.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def _statuses(run: Run, path: Path) -> dict[str, dict[str, str]]:
    result = run("check", path, "--as-of", "2026-06-30", "--format", "json")
    findings = json.loads(result.output)["assessments"][0]["findings"]
    return {f["requirement"]: f for f in findings}


def test_a_construction_site_is_a_key_area_with_no_flag(run: Run, tmp_path: Path) -> None:
    template = run("facts", "template", "--kind", "construction_site").output
    assert "key_safety_risk_area" not in template  # nothing to say it is a 重点区域: it is one
    filled = {"safety_hazards_investigated_and_rectified": "否", "demolition_works": "否"}
    path = _filled_template(run, tmp_path, "construction_site", "某在建工程", filled)
    assert _statuses(run, path)["JA-13-11"]["status"] == "fail"


def test_a_demolition_site_is_not_judged_as_works_under_construction(run: Run, tmp_path: Path) -> None:
    filled = {"safety_hazards_investigated_and_rectified": "否", "demolition_works": "是"}
    path = _filled_template(run, tmp_path, "construction_site", "某拆除工程", filled)
    assert _statuses(run, path)["JA-13-11"]["status"] == "not_applicable"
    unsaid = _filled_template(
        run, tmp_path, "construction_site", "某工地", {"safety_hazards_investigated_and_rectified": "否"}
    )
    finding = _statuses(run, unsaid)["JA-13-11"]
    assert finding["status"] == "insufficient_data" and finding["missing"] == ["demolition_works"]


def test_another_area_says_whether_it_is_a_key_area(run: Run, tmp_path: Path) -> None:
    path = _filled_template(run, tmp_path, "area", "某地下车库", {"safety_hazards_investigated_and_rectified": "是"})
    finding = _statuses(run, path)["JA-13-16"]
    assert finding["status"] == "insufficient_data" and finding["missing"] == ["key_safety_risk_area"]
    flagged = {"safety_hazards_investigated_and_rectified": "是", "key_safety_risk_area": "是"}
    flagged_path = _filled_template(run, tmp_path, "area", "某地下车库", flagged)
    assert _statuses(run, flagged_path)["JA-13-16"]["status"] == "pass"


def test_an_undated_creation_is_gradual_in_every_sibling(pack: RulePack) -> None:
    checked = []
    for requirement in pack.requirements:
        if requirement.kind == RequirementKind.QUALITATIVE or requirement.id in NOT_A_CREATION:
            continue
        if not any(word in requirement.quote for word in UNDATED_CREATION):
            continue
        if any(target.due is not None for target in requirement.targets):
            continue
        assert requirement.modality == Modality.GRADUAL, requirement.id
        assert "创建/争创/迈进" in requirement.notes, requirement.id
        checked.append(requirement.id)
    assert {"JA-18-14", "JA-18-15", "JA-18-16", "JA-4-3", "XM-6-3"} <= set(checked)


def test_a_missed_undated_4a_is_at_risk_and_never_called_not_yet_due(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "scenic.yaml"
    site = {"id": "S1", "kind": "景区", "name": "福州日溪峡谷瀑布景区", "district": "晋安区"}
    path.write_text(yaml.safe_dump({"site": site, "facts": {"旅游景区质量等级": "3A"}}, allow_unicode=True), "utf-8")
    finding = _statuses(run, path)["JA-18-15"]
    assert finding["status"] == "at_risk"
    assert "尚未到期" not in finding["reason_zh"] and "持续要求" not in finding["reason_zh"]
    assert "逐步实现，无期限" in finding["reason_zh"] and "not yet due" not in finding["reason_en"]
    assert "gradual, no deadline" in finding["reason_en"]


def test_a_dated_next_target_is_still_not_yet_due(facts_file: Callable[..., Path], run: Run) -> None:
    finding = _statuses(run, facts_file({"农村生活污水治理率": "78%"}))["JA-14-9"]
    assert finding["status"] == "at_risk"
    assert "（2027-12-31 到期），尚未到期" in finding["reason_zh"]


def test_the_annual_evaluation_filled_as_the_template_asks_is_decided(run: Run, tmp_path: Path, pack: RulePack) -> None:
    template = run("facts", "template", "--kind", "city").output
    assert "beautiful_city_annual_evaluation" in template
    path = _filled_template(run, tmp_path, "city", "厦门市", {"beautiful_city_annual_evaluation": "是"})
    assert _statuses(run, path)["XM-0-10"]["status"] == "pass"
    xm_0_10 = next(r for r in pack.requirements if r.id == "XM-0-10")
    assert not trends_of(xm_0_10.check)  # a yearly yes/no fact: a series is accepted, its latest year is read
    assert dt.date(2025, 12, 31) in [t.due for t in xm_0_10.targets]


def test_outfall_regularization_reads_as_its_sentence_mates(run: Run, tmp_path: Path) -> None:
    """（二十九）「工业园区持续提升污水集中处理水平，开展排污口规范整治，实现污水全收集全处理。到2025年，福兴经济开发区
    完成“污水零直排”建设」: 福兴 owes it by the end of 2025, as 全收集全处理 (JA-29-7/8); other parks gradually, as
    JA-29-14/15."""

    def statuses(name: str, as_of: str) -> dict[str, str]:
        path = tmp_path / f"{name}.yaml"
        site = {"id": "P1", "kind": "园区", "name": name, "district": "晋安区"}
        path.write_text(yaml.safe_dump({"site": site, "facts": {"排污口规范整治": "否"}}, allow_unicode=True), "utf-8")
        result = run("check", path, "--as-of", as_of, "--format", "json")
        return {f["requirement"]: f["status"] for f in json.loads(result.output)["assessments"][0]["findings"]}

    before, after = statuses("福兴经济开发区", "2025-06-30"), statuses("福兴经济开发区", "2026-06-30")
    assert (before["JA-29-6"], before["JA-29-16"]) == ("at_risk", "not_applicable")
    assert after["JA-29-6"] == "fail"
    for as_of in ("2025-06-30", "2026-06-30", "2027-12-31"):
        other = statuses("晋安区鼓山工业集中区", as_of)
        assert (other["JA-29-6"], other["JA-29-16"]) == ("not_applicable", "at_risk")


OTHER_PARK = "晋安区鼓山工业集中区"


def _park(run: Run, tmp_path: Path, name: str, facts: dict[str, str], as_of: str = "2026-06-30") -> dict[str, str]:
    path = tmp_path / "park.yaml"
    site = {"id": "P1", "kind": "园区", "name": name, "district": "晋安区"}
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", as_of, "--format", "json")
    return {f["requirement"]: f["status"] for f in json.loads(result.output)["assessments"][0]["findings"]}


def test_the_five_park_programmes_together_are_fuxings_only(run: Run, tmp_path: Path, pack: RulePack) -> None:
    """六's 统筹推进“低碳、无废、清新、智慧、污水零直排”园区建设 sums up （二十九）–（三十三）, whose 低碳、清新、无废
    programmes are 福兴经济开发区's alone: another park answering 否 or leaving it blank is not held to running them
    (it failed, or stayed undecided for ever); 福兴 is, and a name close to it stays undecided."""
    for facts in ({"规划点名地点": "无", "统筹推进五类园区建设": "否"}, {"规划点名地点": "无"}):
        assert _park(run, tmp_path, OTHER_PARK, facts)["JA-ch6-1"] == "not_applicable"
    assert _park(run, tmp_path, "福兴经济开发区", {"统筹推进五类园区建设": "否"})["JA-ch6-1"] == "fail"
    assert _park(run, tmp_path, "福兴工业园", {"统筹推进五类园区建设": "否"})["JA-ch6-1"] == "insufficient_data"
    other = _park(run, tmp_path, OTHER_PARK, {"规划点名地点": "无"})
    for programme in ("JA-30-1", "JA-31-7", "JA-32-13"):  # the programmes it would sum up do not apply either
        assert other[programme] == "not_applicable", programme


def test_the_smart_park_rollout_is_gradual_for_every_park(run: Run, tmp_path: Path, pack: RulePack) -> None:
    """（三十三）推广园区智能监控体系…全面排查污染源排放情况 names no park and no date: every park, 福兴 too, is held to
    it as a gradual duty, short of it at_risk (逐步实现，无期限), never fail, after the plan's end as well."""
    rules = {r.id: r for r in pack.requirements}
    assert all(rules[i].modality == Modality.GRADUAL for i in ("JA-33-5", "JA-33-7"))
    facts = {"园区智能监控体系": "否", "污染源排放情况全面排查": "否"}
    for name, as_of in ((OTHER_PARK, "2026-06-30"), ("福兴经济开发区", "2026-06-30"), (OTHER_PARK, "2030-01-01")):
        statuses = _park(run, tmp_path, name, {**facts, "规划点名地点": "无"} if name == OTHER_PARK else facts, as_of)
        assert (statuses["JA-33-5"], statuses["JA-33-7"]) == ("at_risk", "at_risk"), (name, as_of)
    done = _park(
        run, tmp_path, OTHER_PARK, {"规划点名地点": "无", "园区智能监控体系": "是", "污染源排放情况全面排查": "是"}
    )
    assert (done["JA-33-5"], done["JA-33-7"]) == ("pass", "pass")


def _site_findings(
    run: Run, tmp_path: Path, site: dict[str, str], facts: dict[str, object], as_of: str = "2026-06-30"
) -> dict[str, dict[str, str]]:
    """Check one site (晋安区 unless it says otherwise) and return its findings by requirement."""
    path = tmp_path / f"{site['id']}.yaml"
    document = {"site": {"district": "晋安区", **site}, "facts": facts}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", as_of, "--format", "json")
    return {f["requirement"]: f for f in json.loads(result.output)["assessments"][0]["findings"]}


def test_a_filling_station_has_no_material_to_substitute(run: Run, tmp_path: Path) -> None:
    """（三十一）「…等企业开展VOCs综合治理，制定低含量原辅材料替代计划」: the substitution is of coatings, inks and
    solvents; a filling station's VOCs are fuel vapour (JA-31-1), so JA-31-2 does not cover it."""
    facts = {"VOCs综合治理": "否", "低含量原辅材料替代计划": "否"}
    station = _site_findings(run, tmp_path, {"id": "E1", "kind": "加油站", "name": "中石化岳峰加油站"}, facts)
    assert (station["JA-31-1"]["status"], station["JA-31-2"]["status"]) == ("fail", "not_applicable")
    for industry in ("汽车维修", "工业涂装", "包装印刷", "其他涉VOCs行业"):
        stated = {**facts, "涉VOCs行业": industry}
        enterprise = _site_findings(run, tmp_path, {"id": "E2", "kind": "企业", "name": "某企业"}, stated)
        assert enterprise["JA-31-2"]["status"] == "fail", industry


def test_waste_sorting_is_asked_of_a_xiamen_village_too(run: Run, tmp_path: Path) -> None:
    """(十二)「持续推进垃圾分类“厦门模式”」is city-wide: sorting runs by village in the countryside (XM-12-7)."""
    village = {"id": "V1", "kind": "行政村", "name": "军营村", "district": "同安区"}
    assert _site_findings(run, tmp_path, village, {"推行生活垃圾分类": "否"})["XM-12-7"]["status"] == "fail"
    unsaid = _site_findings(run, tmp_path, village, {"已建成美丽乡村": "是"})["XM-12-7"]
    assert unsaid["status"] == "insufficient_data" and unsaid["missing"] == ["waste_sorting_implemented"]


def test_an_open_issue_within_its_rectification_deadline_is_no_breach(run: Run, tmp_path: Path) -> None:
    """（四）「确保第三轮督察反馈问题得到全面整改」: the deadlines are the rectification plan's, so only an overdue
    issue fails JA-4-12, and a rate below 100% alone is missing data asking for the overdue count."""
    district = {"id": "D1", "kind": "区", "name": "晋安区"}
    rate = {"第三轮中央环保督察反馈问题整改率": 85}
    alone = _site_findings(run, tmp_path, district, rate)["JA-4-12"]
    assert alone["status"] == "insufficient_data"
    assert alone["missing"] == ["third_round_central_inspection_overdue_issues"]
    on_time = {**rate, "第三轮中央环保督察反馈问题逾期未完成整改数": 0}
    assert _site_findings(run, tmp_path, district, on_time)["JA-4-12"]["status"] == "pass"
    overdue = {**rate, "第三轮中央环保督察反馈问题逾期未完成整改数": 2}
    assert _site_findings(run, tmp_path, district, overdue)["JA-4-12"]["status"] == "fail"


def test_the_major_basin_share_holds_assessed_sections_only(run: Run, tmp_path: Path) -> None:
    """「主要流域Ⅰ-Ⅲ类水质比例达到100%」is a share over assessed sections (the catalogue's definition), so an urban
    inland river of the Min basin without one (晋安河) is not held to class III by JA-0-54; unsaid is missing data."""
    river = {"id": "W3", "kind": "河段", "name": "晋安河"}
    facts: dict[str, object] = {
        "所属流域": "闽江",
        "是否为小流域断面": "否",
        "是否为闽江干流省控断面": "否",
        "水质类别": "Ⅳ类",
    }
    unsaid = _site_findings(run, tmp_path, river, facts)["JA-0-54"]
    assert unsaid["status"] == "insufficient_data" and unsaid["missing"] == ["assessed_section"]
    inland = _site_findings(run, tmp_path, river, {**facts, "是否为考核断面": "否"})["JA-0-54"]
    assert inland["status"] == "not_applicable"
    assessed = _site_findings(run, tmp_path, river, {**facts, "是否为考核断面": "是"})["JA-0-54"]
    assert assessed["status"] == "fail"
    main_stem = {**facts, "是否为闽江干流省控断面": "是", "水质类别": "Ⅲ类"}
    section = {"id": "W1", "kind": "监测断面", "name": "闽江魁岐断面"}
    assert _site_findings(run, tmp_path, section, main_stem)["JA-0-54"]["status"] == "pass"
