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
