"""Facts a file cannot give together (`Metric.conflicts`): refused naming each side, in `check`, `batch` and a
scenario alike, never read as a site outside a rule; and the per-site rules that read a stated failure (JA-23-14,
JA-11-10)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.assess.namefacts import read_by_name
from compliance.load.facts import load_facts
from compliance.load.references import check_aggregates
from compliance.model.conflicts import Conflict, FactIs
from compliance.model.facts import Observation
from compliance.model.implied import implied
from compliance.model.metric import Catalogue
from compliance.model.namewords import fact_conflicts
from compliance.model.perkind import per_kind
from compliance.model.plan import RulePack
from compliance.model.problems import InputError

Run = Callable[..., Result]


def _site(tmp_path: Path, site: str, facts: str) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(f"site: {{{site}, district: 晋安区}}\nfacts:\n{facts}", encoding="utf-8")
    return path


def _refused(pack: RulePack, path: Path) -> str:
    with pytest.raises(InputError) as raised:
        load_facts(path, pack.catalogue)
    return str(raised.value)


def _findings(run: Run, path: Path, as_of: str = "2026-06-30") -> dict[str, str]:
    result = run("check", path, "--as-of", as_of, "--format", "json")
    return {f["requirement"]: f["status"] for f in json.loads(result.output)["assessments"][0]["findings"]}


RESTAURANT = "id: R-001, kind: 餐饮服务单位, name: 老王快餐店"
PLASTICS = "  安装油烟净化装置: 是\n  油烟达标排放: 是\n  位于城区: 否\n"


def test_no_plastics_beside_a_year_of_plastics_is_refused(pack: RulePack, tmp_path: Path, run: Run) -> None:
    """经营中使用一次性塑料制品 否 (by its definition: no use in any year since 2020) beside a year of 120 kg is no
    restaurant outside JA-35-5 (减少一次性塑料品使用): the file is refused naming both; any year above 0 denies it, the
    latest or not; 否 with every year 0 stays not_applicable, 是 with the rise fails."""
    for series in ("{2024: 100, 2025: 120}", "{2024: 100, 2025: 0}"):
        facts = f"{PLASTICS}  经营中使用一次性塑料制品: 否\n  一次性塑料制品使用量（千克）: {{series: {series}}}\n"
        message = _refused(pack, _site(tmp_path, RESTAURANT, facts))
        assert "“经营中使用一次性塑料制品：否”、“一次性塑料制品使用量：" in message and "相互矛盾" in message
        assert "uses single-use plastics in its business: no" in message
    facts = (
        f"{PLASTICS}  经营中使用一次性塑料制品: 否\n  一次性塑料制品使用量（千克）: {{series: {{2024: 0, 2025: 0}}}}\n"
    )
    assert _findings(run, _site(tmp_path, RESTAURANT, facts))["JA-35-5"] == "not_applicable"
    facts = f"{PLASTICS}  经营中使用一次性塑料制品: 是\n  一次性塑料制品使用量: {{series: {{2024: 100, 2025: 120}}}}\n"
    assert _findings(run, _site(tmp_path, RESTAURANT, facts))["JA-35-5"] == "fail"


@pytest.mark.parametrize("name", ["中国石化福州新店加油站", "福州鼓山汽车维修厂", "新店汽修店"])
def test_a_filling_station_or_car_repair_name_is_a_vocs_trade(
    pack: RulePack, tmp_path: Path, run: Run, name: str
) -> None:
    """「对加油站、汽车维修、工业涂装、包装印刷等企业开展VOCs综合治理」: an 企业 named …加油站 or …汽车维修… stating
    涉VOCs行业 不涉VOCs contradicts itself, as the kind 加油站 does, and is refused naming the name and the fact."""
    facts = "  涉VOCs行业: 不涉VOCs\n  VOCs综合治理: 否\n  低含量原辅材料替代计划: 否\n"
    message = _refused(pack, _site(tmp_path, f"id: E-1, kind: 企业, name: {name}", facts))
    assert f"名称“{name}”含" in message and "“涉VOCs行业：不涉VOCs”相互矛盾" in message
    stated = _site(tmp_path, f"id: E-1, kind: 企业, name: {name}", facts.replace("不涉VOCs", "加油站"))
    assert _findings(run, stated)["JA-31-1"] == "fail"
    other = _site(tmp_path, "id: E-1, kind: 企业, name: 福州某电子厂", facts)
    assert _findings(run, other)["JA-31-1"] == "not_applicable"  # a name without the words says nothing


def test_batch_rejects_a_row_whose_facts_contradict_each_other(tmp_path: Path, run: Run) -> None:
    """A batch rejects the row as `check` refuses the file, naming the field at fault, and assesses the rest."""
    source = tmp_path / "sites.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "名称", "所在区", "涉VOCs行业", "VOCs综合治理", "低含量原辅材料替代计划"])
        writer.writerow(["A", "中国石化福州新店加油站", "晋安区", "不涉VOCs", "否", "否"])
        writer.writerow(["B", "福州某电子厂", "晋安区", "不涉VOCs", "否", "否"])
    out = tmp_path / "out"
    run("batch", source, "--kind", "企业", "--out", out, "--as-of", "2026-06-30", "--all-findings")
    rejected = list(csv.DictReader((out / "rejected.csv").open(encoding="utf-8-sig")))
    assert [(r["site_id"], r["field"]) for r in rejected] == [("A", "name")]
    assert "相互矛盾" in rejected[0]["reason"]
    restaurants = tmp_path / "r.csv"
    with restaurants.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "站点编号",
                "名称",
                "所在区",
                "经营中使用一次性塑料制品",
                "一次性塑料制品使用量[2024]",
                "一次性塑料制品使用量[2025]",
            ]
        )
        writer.writerow(["R1", "老王快餐店", "晋安区", "否", "100", "0"])
    out = tmp_path / "out-r"
    run("batch", restaurants, "--kind", "餐饮服务单位", "--out", out, "--as-of", "2026-06-30")
    rejected = list(csv.DictReader((out / "rejected.csv").open(encoding="utf-8-sig")))
    assert [(r["site_id"], r["field"]) for r in rejected] == [("R1", "经营中使用一次性塑料制品")]


@pytest.mark.parametrize(
    ("facts", "sides"),
    [
        (
            "  水电站整治类别: 退出\n  水电站退出完成: 是\n  水电站分类整治实施情况: 未开始\n",
            ["水电站退出完成：是", "未开始"],
        ),
        (
            "  水电站整治类别: 退出\n  水电站退出完成: 否\n  水电站分类整治实施情况: 已完成\n",
            ["水电站退出完成：否", "已完成"],
        ),
    ],
)
def test_an_exit_both_done_and_not_is_refused(pack: RulePack, tmp_path: Path, facts: str, sides: list[str]) -> None:
    """An exit completed while its remediation has not started, or a completed exit-class remediation whose exit is
    not completed, contradicts itself (JA-23-2 would pass either): refused naming both."""
    message = _refused(pack, _site(tmp_path, "id: h1, kind: 水电站, name: h1水电站", facts))
    assert all(side in message for side in sides) and "相互矛盾" in message


def test_real_hydropower_combinations_stay_accepted(pack: RulePack, tmp_path: Path) -> None:
    """A rectification completed with no exit (整改, 否, 已完成), an exit under way, an exit done and completed."""
    for category, done, progress in (("整改", "否", "已完成"), ("退出", "否", "实施中"), ("退出", "是", "已完成")):
        facts = f"  水电站整治类别: {category}\n  水电站退出完成: {done}\n  水电站分类整治实施情况: {progress}\n"
        load_facts(_site(tmp_path, "id: h1, kind: 水电站, name: h1水电站", facts), pack.catalogue)


def test_a_building_both_new_and_existing_is_refused(pack: RulePack, tmp_path: Path) -> None:
    """既有建筑 is 已建成投入使用的建筑，而非新建、在建建筑: 是 beside 属新建公共建筑 是 or 属城镇新建建筑 是 is
    refused; a new building stating 属既有建筑 否 is accepted."""
    site = "id: B2, kind: 建筑, name: 晋安区某学校教学楼"
    for other in ("属新建公共建筑", "属城镇新建建筑"):
        message = _refused(pack, _site(tmp_path, site, f"  属既有建筑: 是\n  {other}: 是\n"))
        assert f"“属既有建筑：是”、“{other}：是”相互矛盾" in message
    load_facts(_site(tmp_path, site, "  属既有建筑: 否\n  属新建公共建筑: 是\n  属城镇新建建筑: 是\n"), pack.catalogue)


def test_the_facts_of_a_kind_are_found_once_per_catalogue_and_follow_a_changed_one(pack: RulePack) -> None:
    """What a catalogue holds for a kind (its conflicts, the facts a name states, the facts one settles) is found once
    per catalogue and kind, not by going through every metric for every site; a copy whose conflicts differ, or a
    catalogue given another metric, is read as it is now, and the shipped catalogue is left as it was."""
    built: list[str] = []

    @per_kind
    def counted(catalogue: Catalogue, kind: str) -> tuple[str, ...]:
        built.append(kind)
        return tuple(m.id for m in catalogue.metrics)

    first = counted(pack.catalogue, "building")
    assert counted(pack.catalogue, "building") is first and built == ["building"]
    copy = pack.catalogue.model_copy(deep=True)
    assert counted(copy, "building") == first and built == ["building"] * 2
    copy.metrics.append(copy.metrics[0].model_copy(update={"id": "another_fact"}))
    assert counted(copy, "building")[-1] == "another_fact" and built == ["building"] * 3

    both = {m: Observation(metric=m, value=True) for m in ("existing_building", "new_public_building")}
    assert [f for f, _ in fact_conflicts("building", ["教学楼"], pack.catalogue, both)] == ["属既有建筑"]
    assert "new_public_building" in implied(pack.catalogue, "building", {"existing_building": True})
    unsettled = pack.catalogue.model_copy(deep=True)
    next(m for m in unsettled.metrics if m.id == "existing_building").conflicts = []
    assert fact_conflicts("building", ["教学楼"], unsettled, both) == []
    assert implied(unsettled, "building", {"existing_building": True}) == {}
    assert [f for f, _ in fact_conflicts("building", ["教学楼"], pack.catalogue, both)] == ["属既有建筑"]
    assert [m.id for m in read_by_name(pack.catalogue, "scenic_area")] == ["protected_area"]


def test_a_conflict_naming_an_unknown_value_is_a_lint_error(pack: RulePack) -> None:
    """A conflict whose value is no level id (a Chinese level name) could never match a stored fact: lint says so."""
    catalogue = pack.catalogue.model_copy(deep=True)
    metric = next(m for m in catalogue.metrics if m.id == "vocs_industry")
    metric.conflicts = [Conflict(value="不涉VOCs", name_words=["加油站"], kinds=["enterprise"], why_zh="x", why_en="x")]
    other = next(m for m in catalogue.metrics if m.id == "existing_building")
    other.conflicts = [
        Conflict(
            value=True, facts=[FactIs(metric="no_such_metric", value=True)], kinds=["no_kind"], why_zh="x", why_en="x"
        )
    ]
    where = {p.field for p in check_aggregates(catalogue)}
    problems = {(p.field, p.message.split(":")[0]) for p in check_aggregates(catalogue)}
    assert ("metrics.existing_building.conflicts[0]", "unknown kind 'no_kind'") in problems
    assert {"metrics.vocs_industry.conflicts[0]", "metrics.existing_building.conflicts[0]"} <= where


def test_a_stated_failed_assessment_or_non_green_new_building_is_read(tmp_path: Path, run: Run) -> None:
    """「全部达到考核要求」 asks each station (JA-23-14), 「城镇绿色建筑占新建建筑比例达到100%」 each new urban building
    (JA-11-10): a stated 否 fails (the building's at risk before 2025-12-31), never 合规 with the fact unread."""
    months = ", ".join(f"2025-{m:02d}: 是" for m in range(1, 13))
    station = _site(
        tmp_path,
        "id: h2, kind: 水电站, name: h2水电站",
        f"  水电站整治类别: 整改\n  水电站分类整治实施情况: 实施中\n  生态下泄流量达到考核要求: 否\n"
        f"  生态下泄流量当月达标: {{series: {{{months}}}}}\n",
    )
    assert _findings(run, station, "2026-01-15")["JA-23-14"] == "fail"
    building = _site(
        tmp_path, "id: B1, kind: 建筑, name: 新店镇某商住楼", "  属城镇新建建筑: 是\n  达到绿色建筑标准: 否\n"
    )
    assert _findings(run, building)["JA-11-10"] == "fail"
    assert _findings(run, building, "2025-06-30")["JA-11-10"] == "at_risk"


def _reasons(run: Run, path: Path) -> dict[str, tuple[str, str]]:
    result = run("check", path, "--as-of", "2026-06-30", "--format", "json")
    return {
        f["requirement"]: (f["status"], f["reason_zh"]) for f in json.loads(result.output)["assessments"][0]["findings"]
    }


def test_a_fact_the_other_side_of_a_conflict_settles_is_not_asked_again(tmp_path: Path, run: Run) -> None:
    """Two facts that cannot hold together leave a yes/no side no choice once the other is stated: a 闽江干流省控断面 is
    no 小流域断面 (JA-0-54 decided, JA-0-55 not_applicable), a reach of the 敖江 is not on the Min main stem (JA-0-14
    and JA-0-37 not_applicable), a new urban building is no existing one (JA-11-1) and an existing one no new one
    (JA-11-7, JA-11-10); each finding says what the value was read from. An 敖江 reach may still be a small watershed:
    that stays to be stated."""
    section = _site(
        tmp_path,
        "id: W1, kind: 监测断面, name: 闽江魁岐断面",
        "  是否为闽江干流省控断面: 是\n  所属流域: 闽江\n  水质类别: Ⅲ类\n",
    )
    found = _reasons(run, section)
    assert found["JA-0-54"][0] == "pass" and found["JA-0-55"][0] == "not_applicable"
    assert "是否为小流域断面 否（按“是否为闽江干流省控断面：是”认定（闽江干流是闽江的主河道" in found["JA-0-54"][1]
    reach = _site(tmp_path, "id: W2, kind: 河段, name: 敖江晋安段", "  所属流域: 敖江\n  水质类别: Ⅱ类\n")
    found = _reasons(run, reach)
    assert found["JA-0-14"][0] == found["JA-0-37"][0] == "not_applicable"
    assert "是否为闽江干流省控断面 否（按“所属流域：敖江”认定" in found["JA-0-14"][1]
    assert found["JA-0-55"][0] == "insufficient_data" and "是否为小流域断面" in found["JA-0-55"][1]
    new = _site(
        tmp_path,
        "id: B1, kind: 建筑, name: 某新建住宅楼",
        "  属城镇新建建筑: 是\n  达到绿色建筑标准: 否\n  属新建公共建筑: 否\n",
    )
    found = _reasons(run, new)
    assert found["JA-11-1"][0] == "not_applicable" and "按“属城镇新建建筑：是”认定" in found["JA-11-1"][1]
    old = _site(tmp_path, "id: B2, kind: 建筑, name: 某老旧住宅楼", "  属既有建筑: 是\n")
    found = _reasons(run, old)
    assert found["JA-11-7"][0] == found["JA-11-10"][0] == "not_applicable"
    assert found["JA-11-1"][0] == "needs_review"


def test_a_settled_fact_stated_against_its_other_side_is_still_refused(pack: RulePack, tmp_path: Path) -> None:
    """Settling only fills a side left blank: both sides stated against each other are refused as before."""
    facts = "  是否为闽江干流省控断面: 是\n  所属流域: 敖江\n"
    message = _refused(pack, _site(tmp_path, "id: W3, kind: 河段, name: 某断面", facts))
    assert "“是否为闽江干流省控断面：是”、“所属流域：敖江”相互矛盾" in message
    facts = "  是否为闽江干流省控断面: 是\n  是否为小流域断面: 是\n"
    assert "相互矛盾" in _refused(pack, _site(tmp_path, "id: W4, kind: 河段, name: 某断面", facts))


def test_a_batch_settles_the_other_side_as_check_does(tmp_path: Path, run: Run) -> None:
    """A batch row reads a side its other stated fact settles as `check` reads the file."""
    source = tmp_path / "sections.csv"
    source.write_text(
        "id,name,district,所属流域,是否为闽江干流省控断面,水质类别\n"
        "W1,闽江魁岐断面,晋安区,闽江,是,Ⅲ类\nW2,敖江晋安段,晋安区,敖江,,Ⅱ类\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run("batch", source, "--kind", "河段", "--out", out, "--as-of", "2026-06-30", "--all-findings")
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    found = {(f["site"], f["requirement"]): f["status"] for f in map(json.loads, lines)}
    assert found[("W1", "JA-0-54")] == "pass" and found[("W1", "JA-0-55")] == "not_applicable"
    assert found[("W2", "JA-0-14")] == found[("W2", "JA-0-37")] == "not_applicable"


def test_a_conflict_settles_only_one_fact_against_one() -> None:
    """Only a conflict of one fact against the value can settle the other side: with two facts, neither is settled
    by the other alone."""
    with pytest.raises(ValueError, match="settles is one fact"):
        Conflict(
            value=True,
            facts=[FactIs(metric="a", value=True), FactIs(metric="b", value=True)],
            kinds=["building"],
            why_zh="x",
            why_en="x",
            settles=True,
        )


def test_a_street_stating_a_rural_rate_has_a_rural_part(pack: RulePack, tmp_path: Path, run: Run) -> None:
    """A 街道 whose name says nothing of villages but which states its own rural sewage rate above 0 has a rural part
    to count it over (辖区内有行政村 是, read from the rate): judged on it, 72% failing JA-14-7 as a 镇's would, in
    check and batch alike; 否 beside such a rate is refused; a 0 says nothing, and the fact is still asked."""
    street = _site(tmp_path, "id: T1, kind: 街道, name: 王庄街道", "  农村生活污水治理率: 72\n")
    found = _reasons(run, street)
    assert found["JA-14-7"][0] == "fail" and "辖区内有行政村 是（按“农村生活污水治理率：72%”认定" in found["JA-14-7"][1]
    assert found["JA-14-4"][0] == "insufficient_data"  # the network duty: no rate says it has villages
    zero = _site(tmp_path, "id: T2, kind: 街道, name: 茶园街道", "  农村生活污水治理率: 0\n")
    assert _reasons(run, zero)["JA-14-7"][0] == "insufficient_data"
    contradicting = _site(
        tmp_path, "id: T3, kind: 街道, name: 茶园街道", "  辖区内有行政村: 否\n  农村自来水普及率: 99\n"
    )
    assert "“辖区内有行政村：否”、“农村自来水普及率：99%”相互矛盾" in _refused(pack, contradicting)
    source = tmp_path / "streets.csv"
    source.write_text("id,name,district,农村生活污水治理率\nT1,王庄街道,晋安区,72\nT4,象园街道,晋安区,80\n", "utf-8")
    out = tmp_path / "out"
    run("batch", source, "--kind", "街道", "--out", out, "--as-of", "2026-06-30", "--all-findings")
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    statuses = {(f["site"], f["requirement"]): f["status"] for f in map(json.loads, lines)}
    assert statuses[("T1", "JA-14-7")] == "fail" and statuses[("T4", "JA-14-7")] == "pass"


@pytest.mark.parametrize("name", ["厦门珍稀海洋物种国家级自然保护区", "厦门中华白海豚国家级自然保护区"])
def test_a_national_reserves_name_beside_not_national_is_refused(
    pack: RulePack, tmp_path: Path, run: Run, name: str
) -> None:
    """A site named …国家级自然保护区 (the reserve the plan names) stating 属国家级自然保护区 否 contradicts itself: it
    was accepted silently (XM-4-9 applying by the name); refused naming the name and the fact. 是, or 否 for a
    reserve whose name does not say 国家级, is read."""
    path = tmp_path / "site.yaml"
    facts = "  属国家级自然保护区: 否\n  国家级自然保护区遥感监测线索实地核查比例: 90\n"
    path.write_text(f"site: {{id: N1, kind: 自然保护地, name: {name}, district: 思明区}}\nfacts:\n{facts}", "utf-8")
    message = _refused(pack, path)
    assert f"名称“{name}”含“国家级自然保护区”，与“属国家级自然保护区：否”相互矛盾" in message, message
    assert "is a national nature reserve: no contradict each other" in message
    path.write_text(path.read_text("utf-8").replace(": 否", ": 是"), "utf-8")
    assert _findings(run, path)["XM-4-9"] == "fail"
    other = path.read_text("utf-8").replace(name, "厦门某市级自然保护区").replace(": 是", ": 否")
    path.write_text(other, "utf-8")
    assert _findings(run, path)["XM-4-9"] == "not_applicable"


@pytest.mark.parametrize(
    ("site", "facts", "word"),
    [
        ("kind: 企业, name: 福州福兴经济开发区某某电子有限公司", "  是否位于福兴经济开发区: 否\n", "福兴经济开发区"),
        ("kind: 企业, name: 某某电子, aliases: [福兴开发区某某电子]", "  是否位于福兴经济开发区: 否\n", "福兴开发区"),
        ("kind: 企业, name: 福兴经开区某某光电", "  是否位于福兴经济开发区: 否\n", "福兴经开区"),
        ("kind: 工地, name: 新店镇某某旧厂房拆除工程", "  属拆除工程: 否\n  位于城区: 否\n", "拆除工程"),
        ("kind: 河段, name: 闽江晋安段", "  所属流域: 其他流域\n", "闽江"),
        ("kind: 河段, name: 闽江晋安段", "  所属流域: 敖江\n", "闽江"),
        ("kind: 河段, name: 敖江支流某溪", "  所属流域: 闽江\n", "敖江"),
        ("kind: 林地, name: 闽江北岸沿江防护林", "  是否位于闽江两岸: 否\n", "闽江北岸"),
        ("kind: 林地, name: 鼓山沿江防护林", "  是否位于闽江两岸: 否\n", "沿江"),
    ],
)
def test_a_condition_the_sites_own_name_states_is_not_denied(
    pack: RulePack, tmp_path: Path, site: str, facts: str, word: str
) -> None:
    """「福兴经济开发区力争达到初级版美丽园区」, 「城区在建工程、拆除工程」, 「闽江、敖江流域涉及晋安区河段」,
    「闽江两岸森林生态修复」: a site its own name puts in the zone, calls demolition works, names after a basin or puts
    on the Min's banks, stating the opposite, contradicts itself and is refused naming the name and the fact, never
    not_applicable."""
    message = _refused(pack, _site(tmp_path, f"id: S-1, {site}", facts))
    assert f"含“{word}”" in message and "相互矛盾" in message and "contradict each other" in message


@pytest.mark.parametrize(
    ("site", "facts", "rid", "status"),
    [
        # the words in another sense, or in a kind the rule is not about, say nothing
        ("kind: 企业, name: 福州闽江某某有限公司", "  是否位于福兴经济开发区: 否\n", "JA-30-2", "not_applicable"),
        ("kind: 工地, name: 某某小区拆除后新建工程", "  属拆除工程: 否\n  位于城区: 否\n", "JA-5-2", "not_applicable"),
        ("kind: 河段, name: 闽江晋安段", "  所属流域: 闽江\n", "JA-0-27", "insufficient_data"),
        ("kind: 林地, name: 鼓山林场", "  是否位于闽江两岸: 否\n", "JA-21-4", "not_applicable"),
        # the name does not supply a fact left blank
        ("kind: 企业, name: 福州福兴经济开发区某某电子有限公司", "  涉VOCs行业: 无\n", "JA-30-2", "insufficient_data"),
    ],
)
def test_a_name_without_the_words_or_agreeing_is_read(
    tmp_path: Path, run: Run, site: str, facts: str, rid: str, status: str
) -> None:
    assert _findings(run, _site(tmp_path, f"id: S-1, {site}", facts))[rid] == status


def test_batch_rejects_a_row_whose_name_states_the_condition_it_denies(tmp_path: Path, run: Run) -> None:
    source = tmp_path / "cs.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "名称", "所在区", "位于城区", "属拆除工程", "扬尘源排查建档"])
        writer.writerow(["C04", "新店镇某某旧厂房拆除工程", "晋安区", "否", "否", "是"])
        writer.writerow(["C05", "宦溪镇便民桥工地", "晋安区", "否", "否", "是"])
    out = tmp_path / "out"
    run("batch", source, "--kind", "工地", "--out", out, "--as-of", "2026-06-30")
    rejected = list(csv.DictReader((out / "rejected.csv").open(encoding="utf-8-sig")))
    assert [(r["site_id"], r["field"]) for r in rejected] == [("C04", "name")]
    assert "含“拆除工程”" in rejected[0]["reason"] and "contradict each other" in rejected[0]["reason"]
