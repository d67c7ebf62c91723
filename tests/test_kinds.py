"""Kinds are named as people write them: id, Chinese name (with or without its bracket), English name, in
facts files, batch `--kind` and kind columns, `facts template`, `schema facts`, `rules list` and scenarios."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.load.facts import load_facts, resolve_kind
from compliance.load.values import ValueProblem
from compliance.model.metric import Catalogue
from compliance.model.plan import RulePack
from compliance.model.problems import InputError
from compliance.model.problemzh import in_chinese

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("园区", "park"),
        ("河段", "river_segment"),
        ("河段（断面）", "river_segment"),
        ("河段(断面)", "river_segment"),
        ("  River Segment ", "river_segment"),
        ("Industrial Park", "park"),
        ("INDUSTRIAL  PARK", "park"),
        ("畜禽养殖场", "livestock_farm"),
        ("water supply project", "water_supply_project"),
        ("ｖｉｌｌａｇｅ", "village"),
        ("行政村 ", "village"),
        ("区域", "area"),
        ("区", "district"),
        # the plans' own words and a clerk's shortenings (aliases in the catalogue)
        ("镇", "township"),
        ("乡", "township"),
        ("街道", "township"),
        ("村", "village"),
        ("工业园区", "park"),
        ("工业(产业)园区", "park"),
        ("开发区", "park"),
        ("区县", "district"),
        ("自然保护区", "nature_reserve"),
        # the plans' words for what clerks file: 西海域、大嶝海域; rivers; 港口; 小区; 学校…等美丽细胞; 水质净化厂
        ("海域", "bay"),
        ("河流", "river_segment"),
        ("港口", "transport_facility"),
        ("码头", "transport_facility"),
        ("小区", "residential_area"),
        ("污水处理厂", "wastewater_plant"),
        ("水质净化厂", "wastewater_plant"),
        ("学校", "organization"),
        ("医院", "organization"),
        # 片区 is the bracket of 区域（片区）, never the district (区); 餐饮 begins 餐饮服务单位
        ("片区", "area"),
        ("餐饮", "restaurant"),
        ("餐饮店", "restaurant"),
        ("餐饮企业", "restaurant"),
        # 筼筜湖 (XM-5-17) is a 湖; schools are filed by their level
        ("湖泊", "water_body"),
        ("湖", "water_body"),
        ("小学", "organization"),
        ("中学", "organization"),
        # the plans' words for the subjects of JA-5-2/5-3, JA-10-5 and JA-31-1
        ("在建工程", "construction_site"),
        ("拆除工程", "construction_site"),
        ("施工工地", "construction_site"),
        ("停车场", "transport_facility"),
        ("客运站", "transport_facility"),
        ("公交枢纽", "transport_facility"),
        ("加油站", "enterprise"),
        ("汽车维修厂", "enterprise"),
        ("建设裸地", "area"),
    ],
)
def test_a_kind_is_found_by_any_of_its_names(pack: RulePack, written: str, kind: str) -> None:
    assert resolve_kind(written, pack.catalogue) == kind


def test_every_kind_is_found_by_its_id_and_names(pack: RulePack) -> None:
    for kind in pack.catalogue.kinds:
        bare = re.sub(r"（.*?）", "", kind.name_zh)  # 河段（断面） -> 河段, 乡镇（街道） -> 乡镇
        for spelling in (kind.id, kind.name_zh, bare, kind.name_en, kind.id.upper(), f" {kind.name_en.title()} "):
            assert resolve_kind(spelling, pack.catalogue) == kind.id, spelling


def test_a_natural_village_is_not_taken_for_an_administrative_one(pack: RulePack) -> None:
    """The village kind is the 行政村, whose own figures (本村数值, 本村所辖自然村的数值) the rules and a batch's
    district figures read; a 自然村 is part of one, so it is refused, not judged as a 行政村."""
    with pytest.raises(ValueProblem, match=r"unknown site kind '自然村'"):
        resolve_kind("自然村", pack.catalogue)


def test_an_unknown_kind_says_what_was_meant(pack: RulePack) -> None:
    with pytest.raises(ValueProblem, match=r"unknown site kind '园' \(did you mean 园区\?\).*park \(园区\)"):
        resolve_kind("园", pack.catalogue)


def test_a_protected_area_is_never_suggested_for_a_broader_word(pack: RulePack) -> None:
    """公园 has no kind (the urban parks of （三十七） are not 自然保护地): it is refused without steering the site to
    森林公园, an alias of nature_reserve, which only puts a word before what was written; other kinds are still
    suggested so (水源地 -> 饮用水水源地, 断面 -> 监测断面)."""
    with pytest.raises(ValueProblem) as refused:
        resolve_kind("公园", pack.catalogue)
    assert "did you mean" not in str(refused.value) and "森林公园?" not in str(refused.value)
    with pytest.raises(ValueProblem, match=r"did you mean 工业园区\?"):  # a word after it is still suggested
        resolve_kind("工业园", pack.catalogue)
    for written, meant in (("水源地", "饮用水水源地"), ("断面", "监测断面"), ("养殖场", "畜禽养殖场, 水产养殖场")):
        with pytest.raises(ValueProblem, match=f"did you mean {meant}\\?"):
            resolve_kind(written, pack.catalogue)


def test_a_catalogue_whose_names_would_name_two_kinds_is_refused() -> None:
    kinds = [
        {"id": "river_segment", "name_zh": "河段（断面）", "name_en": "river segment"},
        {"id": "reach", "name_zh": "河段", "name_en": "reach"},
    ]
    with pytest.raises(ValueError, match="would name both river_segment and reach"):
        Catalogue.model_validate({"kinds": kinds, "metrics": []})


def _site_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "segment.yaml"
    path.write_text(
        f"site:\n  id: R1\n  kind: {kind}\n  name: 闽江魁岐段\n  district: 晋安区\nfacts:\n  水质类别: Ⅲ类\n",
        encoding="utf-8",
    )
    return path


def test_a_facts_file_may_name_its_kind_in_chinese(pack: RulePack, tmp_path: Path, run: Run) -> None:
    facts = load_facts(_site_file(tmp_path, "河段"), pack.catalogue)
    assert facts.site.kind == "river_segment"
    by_id = run("check", _site_file(tmp_path, "river_segment"), "--as-of", "2026-06-30", "--format", "json")
    by_name = run("check", _site_file(tmp_path, "河段（断面）"), "--as-of", "2026-06-30", "--format", "json")
    assert by_name.exit_code == by_id.exit_code
    assert (
        json.loads(by_name.output)["assessments"][0]["findings"]
        == json.loads(by_id.output)["assessments"][0]["findings"]
    )


def test_a_facts_file_with_an_unknown_kind_is_refused_naming_the_field(
    pack: RulePack, tmp_path: Path, run: Run
) -> None:
    path = _site_file(tmp_path, "河道")
    with pytest.raises(InputError) as raised:
        load_facts(path, pack.catalogue)
    problem = raised.value.problems[0]
    assert (problem.field, problem.line) == ("site.kind", 3)
    assert "unknown site kind '河道'" in problem.message
    result = run("check", path)
    assert result.exit_code == 2 and "site.kind" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("command", "written", "kind"),
    [
        (["facts", "template", "--kind"], "园区", "park"),
        (["facts", "template", "--format", "csv", "--kind"], "Industrial Park", "park"),
        (["schema", "facts", "--kind"], "河段（断面）", "river_segment"),
        (["rules", "list", "--kind"], "行政村", "village"),
    ],
)
def test_commands_take_a_kind_by_any_of_its_names(run: Run, command: list[str], written: str, kind: str) -> None:
    by_name, by_id = run(*command, written), run(*command, kind)
    assert by_name.exit_code == by_id.exit_code == 0, by_name.output
    assert by_name.output == by_id.output


@pytest.mark.parametrize("command", [["facts", "template"], ["schema", "facts"], ["rules", "list"]])
def test_commands_refuse_an_unknown_kind_with_a_suggestion(run: Run, command: list[str]) -> None:
    result = run(*command, "--kind", "园")
    assert result.exit_code == 2
    assert "--kind" in result.output and "did you mean 园区?" in result.output


def test_batch_takes_the_kind_in_chinese_and_checks_kind_columns_by_name(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "villages.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "名称", "所在区", "类型", "农村生活污水治理率(%)"])
        writer.writerow(["V1", "九峰村", "晋安区", "行政村", "80"])
        writer.writerow(["V2", "桂湖村", "晋安区", "Village", "70"])
        writer.writerow(["V3", "福兴经济开发区", "晋安区", "园区", "90"])
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "行政村", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code == 0, result.output
    rejected = list(csv.DictReader((out / "rejected.csv").read_text(encoding="utf-8-sig").splitlines()))
    reasons = [(r["site_id"], r["reason"]) for r in rejected]
    assert [r[0] for r in reasons] == ["V3"]
    assert "kind '园区', but this batch assesses 行政村 (village)" in reasons[0][1]
    assert "类型“园区”不是行政村，本行未按行政村读入：如是行政村，请把类型改为行政村，否则删去该行" in reasons[0][1]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["kind"] == "village" and summary["assessed"] == 2


def test_a_row_of_another_kind_counts_as_a_member_missing_its_figures(run: Run, tmp_path: Path) -> None:
    """A 社区 among 行政村 (村改居) may be a member mistyped: the district figure is not decided without it, and its
    reason says the row was not read rather than that it left 自然村数量 blank."""
    source = tmp_path / "villages.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "名称", "所在区", "类型", "农村生活污水治理率(%)", "自然村数量"])
        writer.writerow(["V1", "甲村", "晋安区", "村", "95", "10"])
        writer.writerow(["V2", "乙村", "晋安区", "行政村", "95", "10"])
        writer.writerow(["V3", "丙村", "晋安区", "社区", "10", "30"])
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "village", "--out", out, "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    assert "JA-14-7 农村生活污水治理率 = 0%～100%" in result.output and "1行未读入" in result.output
    assert "也未填" not in result.output
    summary = (out / "summary.json").read_text(encoding="utf-8")
    assert "类型为“社区”的1行未按行政村读入：如是行政村，请把类型改为行政村，否则删去该行" in summary


def test_batch_refuses_an_unknown_kind(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "villages.csv"
    source.write_text("站点编号,名称\nV1,九峰村\n", encoding="utf-8")
    result = run("batch", source, "--kind", "村委", "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 2 and "unknown site kind '村委'" in result.output


def _demolition(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "cs.yaml"
    path.write_text(
        "site: {id: CS-3, kind: 拆除工程, name: 旧厂房拆除, district: 晋安区}\n"
        f"facts:\n  扬尘源排查建档: 否\n{extra}",
        encoding="utf-8",
    )
    return path


def test_a_kind_word_that_names_the_deciding_fact_states_it(pack: RulePack, tmp_path: Path, run: Run) -> None:
    facts = load_facts(_demolition(tmp_path), pack.catalogue)
    assert facts.site.kind == "construction_site"
    assert facts.observations["demolition_works"].value is True
    assert facts.observations["demolition_works"].derived_zh == "按类型“拆除工程”认定"
    result = run("check", _demolition(tmp_path), "--as-of", "2026-06-30", "--format", "json")
    findings = {f["requirement"]: f for f in json.loads(result.output)["assessments"][0]["findings"]}
    assert findings["JA-5-2"]["status"] == "fail"
    with pytest.raises(InputError) as raised:  # the file says otherwise: it contradicts itself
        load_facts(_demolition(tmp_path, "  属拆除工程: 否\n"), pack.catalogue)
    assert raised.value.problems[0].field == "site.kind" and "属拆除工程" in raised.value.problems[0].message
    assert not pack.catalogue.stated_by_kind("建筑工地")  # a works site alone says neither
    # the plan's 「城区在建工程、拆除工程」 keeps the two apart: a site filed as 在建工程 is not demolition works
    assert pack.catalogue.stated_by_kind("在建工程") == {"demolition_works": False}


def test_batch_reads_the_facts_a_kind_word_states(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "sites.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "名称", "所在区", "类型", "属拆除工程", "扬尘源排查建档"])
        writer.writerow(["A", "旧厂房拆除", "晋安区", "拆除工程", "", "否"])
        writer.writerow(["B", "某工地", "晋安区", "建筑工地", "", "否"])
        writer.writerow(["C", "某拆除", "晋安区", "", "", "否"])
        writer.writerow(["D", "某拆除", "晋安区", "拆除工程", "否", "否"])
    for kind, blank_row in (("建筑工地", "insufficient_data"), ("拆除工程", "fail")):
        out = tmp_path / kind
        result = run("batch", source, "--kind", kind, "--out", out, "--as-of", "2026-06-30", "--all-findings")
        assert result.exit_code == 0, result.output
        lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
        status = {(f["site"], f["requirement"]): f["status"] for f in map(json.loads, lines)}
        assert status[("A", "JA-5-2")] == "fail" and status[("B", "JA-5-2")] == "insufficient_data"
        assert status[("C", "JA-5-2")] == blank_row  # no kind cell: the kind as --kind wrote it
        rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
        assert "kind '拆除工程' states 属拆除工程: 是, but the row gives 否" in rejected
        # said in both languages, with the advice `check` gives
        assert "类型“拆除工程”即属拆除工程：是，与所填不符：请改正类型或该事实" in rejected


def test_batch_says_a_kind_word_contradicting_a_category_in_both_languages(run: Run, tmp_path: Path) -> None:
    """A 加油站 row stating 涉VOCs行业 工业涂装 is rejected in English and Chinese, as `check` refuses the file."""
    source = tmp_path / "stations.csv"
    source.write_text("站点编号,类型,名称,所在区,涉VOCs行业\nA1,加油站,某某站,晋安区,工业涂装\n", encoding="utf-8")
    out = tmp_path / "out"
    run("batch", source, "--kind", "企业", "--out", out, "--as-of", "2026-06-30")
    rejected = list(csv.DictReader((out / "rejected.csv").open(encoding="utf-8-sig")))
    assert [(r["site_id"], r["field"]) for r in rejected] == [("A1", "类型")]
    assert "kind '加油站' states 涉VOCs行业: 加油站, but the row gives 工业涂装" in rejected[0]["reason"]
    assert "类型“加油站”即涉VOCs行业：加油站，与所填不符：请改正类型或该事实" in rejected[0]["reason"]


def _incinerator(tmp_path: Path, kind: str, name: str, stated: str = "") -> Path:
    path = tmp_path / "wf.yaml"
    path.write_text(
        f"site: {{id: W1, kind: {kind}, name: {name}, district: 晋安区}}\nfacts:\n{stated}  制定碳达峰工作方案: 否\n",
        encoding="utf-8",
    )
    return path


def test_a_waste_incinerator_is_in_the_industry_the_plan_names(pack: RulePack, tmp_path: Path, run: Run) -> None:
    """「推动垃圾焚烧等重点用能行业…制定碳达峰工作方案」 names 垃圾焚烧 as a key energy-consuming industry: a waste
    facility whose name or kind word says 垃圾焚烧 is in it (JA-3-1 applies and fails here), one stating 否 beside such
    a name contradicts itself and is refused; a name without the word says nothing (missing data, never 否)."""
    refused = _incinerator(tmp_path, "垃圾处理设施", "福州红庙岭垃圾焚烧发电厂", "  属重点用能行业企业: 否\n")
    with pytest.raises(InputError) as raised:
        load_facts(refused, pack.catalogue)
    problem = raised.value.problems[0]
    assert (
        problem.field == "site.name" and "与所填“否”不符" in problem.message and "correct the name" in problem.message
    )
    for kind, name, status in (
        ("垃圾处理设施", "福州红庙岭垃圾焚烧发电厂", "fail"),
        ("垃圾焚烧厂", "某厂", "fail"),  # the kind word states it, and files it as a waste facility
        ("垃圾处理设施", "某垃圾转运站", "insufficient_data"),
    ):
        result = run("check", _incinerator(tmp_path, kind, name), "--as-of", "2026-06-30", "--format", "json")
        findings = {f["requirement"]: f for f in json.loads(result.output)["assessments"][0]["findings"]}
        assert findings["JA-3-1"]["status"] == status, (kind, name)
    source = tmp_path / "sites.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "名称", "所在区", "属重点用能行业企业", "制定碳达峰工作方案"])
        writer.writerow(["A", "福州红庙岭垃圾焚烧发电厂", "晋安区", "否", "否"])
        writer.writerow(["B", "某垃圾焚烧发电厂", "晋安区", "", "否"])
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "垃圾处理设施", "--out", out, "--as-of", "2026-06-30", "--all-findings")
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    status = {(f["site"], f["requirement"]): f["status"] for f in map(json.loads, lines)}
    assert status[("B", "JA-3-1")] == "fail" and ("A", "JA-3-1") not in status
    assert "与所填“否”不符" in (out / "rejected.csv").read_text(encoding="utf-8-sig")


def _transport(tmp_path: Path, kind: str, stated: str) -> Path:
    path = tmp_path / "tf.yaml"
    path.write_text(
        f"site: {{id: TF-1, kind: {kind}, name: 秀峰路站, district: 晋安区}}\n"
        f"facts:\n  交通设施类型: {stated}\n  建有新能源充电设施: 否\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("word", ["公交首末站", "公交场站"])
def test_a_bus_terminus_or_the_collective_word_is_not_read_as_a_bus_hub(
    pack: RulePack, tmp_path: Path, word: str
) -> None:
    with pytest.raises(InputError) as raised:  # 客运站、公交枢纽、停车场: a terminus is not an interchange hub
        load_facts(_transport(tmp_path, "交通设施", word), pack.catalogue)
    assert raised.value.problems[0].field == "facts.交通设施类型" and "其他交通设施" in raised.value.problems[0].message


def test_a_car_park_stating_another_type_contradicts_itself(pack: RulePack, tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        load_facts(_transport(tmp_path, "停车场", "其他交通设施"), pack.catalogue)
    assert raised.value.problems[0].field == "site.kind" and "交通设施类型" in raised.value.problems[0].message
    facts = load_facts(_transport(tmp_path, "停车场", "停车场"), pack.catalogue)
    assert facts.observations["transport_facility_type"].value == "car_park"
    assert pack.catalogue.stated_by_kind("公交场站") == {}


@pytest.mark.parametrize(
    ("written", "filed"),
    [
        ("夜市", "区域（片区）"),
        ("福新夜市", "区域（片区）"),
        ("地下车库", "建筑"),
        ("立交涵洞", "设施"),
        ("主干道", "道路"),
        ("水源保护区", "饮用水水源地"),  # never 保护区, the nature reserve's word
        ("一级保护区", "饮用水水源地"),
    ],
)
def test_a_plans_word_for_a_place_says_which_kind_to_file_it_as(pack: RulePack, written: str, filed: str) -> None:
    """夜市 (JA-5-24's own example of an area) is never steered to 市 for ending in 市: the message names the kind."""
    with pytest.raises(ValueProblem) as refused:
        resolve_kind(written, pack.catalogue)
    message = str(refused.value)
    assert f"as kind {filed}: kind: {filed}" in message and "did you mean" not in message, message
    assert f"请按站点类型“{filed}”填报" in (in_chinese(message) or ""), message


def test_a_one_character_kind_is_not_suggested_for_a_longer_word(pack: RulePack) -> None:
    with pytest.raises(ValueProblem) as refused:
        resolve_kind("菜市", pack.catalogue)
    assert "did you mean 市" not in str(refused.value)


_SUBSET_ITEMS = {
    "JA-10-1": "transport_infrastructure_project",
    "JA-11-1": "existing_building",
    "JA-11-2": "old_municipal_infrastructure",
    "JA-12-1": "new_community",
    "JA-13-12": "key_safety_risk_area",
    "JA-13-13": "biological_firebreak_belt",
    "JA-13-14": "biological_firebreak_belt",
    "JA-13-15": "biological_firebreak_belt",
}


def _requirement(pack: RulePack, rid: str):  # type: ignore[no-untyped-def]
    (found,) = [r for r in pack.requirements if r.id == rid]
    return found


@pytest.mark.parametrize(("rid", "metric"), _SUBSET_ITEMS.items())
def test_a_subset_review_item_asks_its_deciding_fact(pack: RulePack, rid: str, metric: str) -> None:
    condition = _requirement(pack, rid).applies.condition
    assert condition is not None
    assert metric in repr(condition)


def test_guiding_banks_is_asked_of_the_district_not_of_projects(pack: RulePack) -> None:
    assert list(_requirement(pack, "JA-43-8").applies.kinds) == ["district"]


@pytest.mark.parametrize(("written", "meant"), [("林带", "林地（林带）"), ("生物防火林带", "林地（林带）")])
def test_a_word_a_kinds_name_brackets_suggests_that_kind(pack: RulePack, written: str, meant: str) -> None:
    """林带 is what the forest kind's own name 林地（林带） brackets: suggested, though no spelling is close."""
    with pytest.raises(ValueProblem, match=f"did you mean {meant}\\?"):
        resolve_kind(written, pack.catalogue)


@pytest.mark.parametrize("written", ["现代农业园区", "农业园区", "现代农业产业园"])
def test_an_agricultural_park_is_never_steered_to_the_industrial_park_kind(pack: RulePack, written: str) -> None:
    """培育四类现代农业园区 (（二十）): an agricultural park is no 园区 (industrial park); the error says to file it
    as a 种植养殖主体, whose duties (种植业污染防治) it has, as 夜市 is told to be filed as an area."""
    with pytest.raises(ValueProblem) as refused:
        resolve_kind(written, pack.catalogue)
    message = str(refused.value).split("; expected")[0]
    assert "did you mean" not in message and "工业园区" not in message and "as kind 种植养殖主体" in message


@pytest.mark.parametrize(
    ("written", "kind"),
    [("养牛场", "livestock_farm"), ("养鸭场", "livestock_farm"), ("饭店", "restaurant"), ("酒楼", "restaurant")],
)
def test_a_farm_or_restaurant_in_everyday_words_is_its_kind(pack: RulePack, written: str, kind: str) -> None:
    """养牛场 was steered to 养鱼场 (aquaculture) and 饭店 got no hint at all: both are kinds' everyday names."""
    assert resolve_kind(written, pack.catalogue) == kind
