"""A place a plan names, filed as a kind the plan does not name it as (西海域 or 大嶝海域 as a 水体, 筼筜湖 as a
河流), is refused with the kinds to file it as, in check, batch and scenarios alike: assessed as filed, every duty
the plan sets the place would be dropped as not applicable, with a reason saying it is no named place."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance.assess.applicability import DIVISION_KINDS
from compliance.assess.assessor import Assessor
from compliance.assess.places import PlaceReader
from compliance.model.facts import Facts, Observation, Site
from compliance.model.plan import RulePack
from compliance.model.problems import InputError
from compliance.model.result import Status

Run = Callable[..., Result]
AS_OF = dt.date(2026, 6, 30)
HOME = {"jinan": "晋安区", "xiamen": "同安区"}


def _facts(kind: str, name: str, district: str) -> Facts:
    return Facts(site=Site(id="S", kind=kind, name=name, district=district), observations={}, source="test")


def test_every_named_place_filed_as_another_kind_is_refused_naming_the_kinds(
    pack: RulePack, assessor: Assessor
) -> None:
    """Every gazetteer place but a division, under every kind it is not listed for (a division kind aside), is refused
    naming the place and each kind it is listed for; under each of its own kinds it is assessed."""
    kinds = {kind.id: kind.name_zh for kind in pack.catalogue.kinds}
    places = [p for p in pack.gazetteer.places if not set(p.kinds) <= set(DIVISION_KINDS)]
    assert {"西海域", "大嶝海域", "筼筜湖", "枋洋水利枢纽工程"} <= {p.name for p in places}
    for place in places:
        for kind in kinds:
            facts = _facts(kind, place.name, HOME[place.plan])
            if kind in place.kinds:
                assessor.prepare(facts, AS_OF)
                continue
            if kind in DIVISION_KINDS:
                continue
            with pytest.raises(InputError) as error:
                assessor.prepare(facts, AS_OF)
            message = error.value.problems[0].message
            assert f"{place.name}是《" in message and f"不按{kinds[kind]}" in message, (place.name, kind, message)
            assert all(kinds[k] in message for k in place.kinds), message


@pytest.mark.parametrize(
    ("kind", "name", "district", "told"),
    [
        (
            "水体",
            "西海域",
            "思明区",
            "西海域是《厦门美丽中国样板城市行动方案》点名的地点，方案对它的要求按海湾（海域）提出，不按水体：请按海湾（海域）填报",
        ),
        (
            "水体",
            "大嶝海域",
            "翔安区",
            "大嶝海域是《厦门美丽中国样板城市行动方案》点名的地点，方案对它的要求按海湾（海域）提出，不按水体",
        ),
        (
            "河流",
            "筼筜湖",
            "思明区",
            "筼筜湖是《厦门美丽中国样板城市行动方案》点名的地点，方案对它的要求按水体提出，不按河段（断面）：请按水体填报",
        ),
        ("建设项目", "枋洋水利枢纽工程", "同安区", "请按饮用水水源地/水库/供水工程之一填报"),
        ("水体", "厦门西海域", "思明区", "厦门西海域（西海域）是《厦门美丽中国样板城市行动方案》点名的地点"),
    ],
)
def test_check_refuses_a_named_place_filed_as_another_kind(
    run: Run, tmp_path: Path, kind: str, name: str, district: str, told: str
) -> None:
    path = tmp_path / "site.yaml"
    site = {"id": "K1", "kind": kind, "name": name, "district": district}
    path.write_text(yaml.safe_dump({"site": site, "facts": {}}, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code == 2, result.output
    assert told in result.output, result.output
    assert "非规划点名地点" not in result.output and "不适用" not in result.output


def test_the_same_place_filed_as_its_own_kind_is_assessed(assessor: Assessor) -> None:
    """西海域 as a 海湾 is held to the plan's duties for it; another lake filed as a 水体 is no named place."""
    bay = assessor.assess(_facts("bay", "西海域", "思明区"), AS_OF)
    assert {f.requirement: f.status for f in bay.findings}["XM-5-20"] is Status.INSUFFICIENT_DATA
    other = assessor.assess(_facts("water_body", "某湖", "思明区"), AS_OF)
    assert {f.requirement: f.status for f in other.findings}["XM-5-17"] is Status.NOT_APPLICABLE


def test_a_division_and_a_river_named_like_a_division_are_not_refused(assessor: Assessor) -> None:
    """A township written 汀溪 is 汀溪镇, not the river 汀溪; a river named 日溪 is not the township 日溪乡."""
    assessor.prepare(_facts("township", "汀溪", "同安区"), AS_OF)
    assessor.prepare(_facts("river_segment", "日溪", "晋安区"), AS_OF)


def test_batch_rejects_the_row_and_assesses_the_others(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "water.csv"
    table.write_text(
        "编号,名称,类型,所在区\nW1,西海域,水体,思明区\nW2,筼筜湖,水体,思明区\nW3,某湖,水体,思明区\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run("batch", table, "--kind", "water_body", "--out", out, "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
    assert (
        'W1,类型,"西海域是《厦门美丽中国样板城市行动方案》点名的地点' in rejected and "请按海湾（海域）填报" in rejected
    )
    assert "W2" not in rejected and "W3" not in rejected
    sites = (out / "sites.csv").read_text(encoding="utf-8-sig")
    assert "2,W1,西海域,思明区,,rejected,未评估（数据有误）" in sites
    assert "3,W2,筼筜湖,思明区,,incomplete" in sites and "4,W3,某湖,思明区,,no_applicable_requirement" in sites


def test_batch_of_facts_files_rejects_the_record(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "sites"
    folder.mkdir()
    site = {"id": "K1", "kind": "水体", "name": "大嶝海域", "district": "翔安区"}
    (folder / "k1.yaml").write_text(yaml.safe_dump({"site": site, "facts": {}}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    run("batch", folder, "--kind", "water_body", "--out", out, "--as-of", "2026-06-30")
    rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "大嶝海域是《厦门美丽中国样板城市行动方案》点名的地点" in rejected, rejected
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["rejected"] == 1


def test_a_scenario_is_told_at_its_site_step(run: Run, tmp_path: Path) -> None:
    feature = (
        "# language: zh-CN\n功能: 西海域\n\n  场景: 按水体\n    假如 一个位于思明区的水体“西海域”\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 XM-5-20 的状态为 数据不足\n"
    )
    (tmp_path / "a.feature").write_text(feature, encoding="utf-8")
    output = run("scenarios", tmp_path).output.replace(f"{tmp_path}/", "")
    assert (
        "西海域是《厦门美丽中国样板城市行动方案》点名的地点，方案对它的要求按海湾（海域）提出，不按水体：请按海湾（海域）填报"
        "（a.feature:5）"
    ) in output, output
    (tmp_path / "海湾").mkdir()
    (tmp_path / "海湾" / "b.feature").write_text(feature.replace("水体“", "海湾“"), encoding="utf-8")
    assert "共 1 个场景：通过 1，失败 0" in run("scenarios", tmp_path / "海湾").output


@pytest.mark.parametrize(
    ("name", "district", "place"),
    [
        ("大嶝岛海域", "翔安区", "大嶝海域"),
        ("大嶝岛周边海域", "翔安区", "大嶝海域"),
        ("厦门西部海域", "湖里区", "西海域"),
    ],
)
def test_a_name_close_to_a_place_of_another_kind_leaves_the_named_place_duties_undecided(
    run: Run, tmp_path: Path, name: str, district: str, place: str
) -> None:
    """Close to the 海湾 the plan names, filed as a 水体: whether it is that place is unsure, so the 水体's
    named-place duties are insufficient_data (not 不适用), and the notice names the place and its kind; stating
    named_place: 无 settles it."""
    path = tmp_path / "site.yaml"
    site = {"id": "K1", "kind": "水体", "name": name, "district": district}
    path.write_text(yaml.safe_dump({"site": site, "facts": {"位于城区": "否"}}, allow_unicode=True), "utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert "无可判定要求" not in result.output and "数据不足  XM-5-17" in result.output, result.output
    assert f"与方案按其他类型点名的 {place}（按海湾（海域）） 相近" in result.output.replace("\n    ", "")
    facts = {"位于城区": "否", "规划点名地点": "无"}
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), "utf-8")
    assert "无可判定要求" in run("check", path, "--as-of", "2026-06-30").output


def test_a_name_close_only_by_a_shared_core_of_another_kind_is_read_as_before(pack: RulePack) -> None:
    """A 项目 in 福兴经济开发区, 汀溪水库 by the river 汀溪, a 工业集中区 in 鹅峰片区: not the same kind of place by
    their names' endings, so no named place of their own kind, as before."""
    for kind, name, district in (
        ("water_body", "筼筜湖周边某水体", "思明区"),
        ("reservoir", "汀溪水库", "同安区"),
        ("industrial_park", "晋安区鹅峰工业集中区", "晋安区"),
    ):
        reading = PlaceReader.of(pack).read(_facts(kind, name, district).site)
        assert "按其他类型" not in reading.basis_zh, (name, reading)


def test_batch_holds_a_close_name_of_another_kind_undecided(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "water.csv"
    table.write_text("编号,名称,所在区\nW2,大嶝岛海域,翔安区\nW5,厦门西部海域,湖里区\nW6,某湖,湖里区\n", "utf-8")
    out = tmp_path / "out"
    assert run("batch", table, "--kind", "water_body", "--out", out, "--as-of", "2026-06-30").exit_code == 0
    sites = (out / "sites.csv").read_text(encoding="utf-8-sig")
    assert "2,W2,大嶝岛海域,翔安区,,incomplete" in sites and "3,W5,厦门西部海域,湖里区,,incomplete" in sites
    assert "4,W6,某湖,湖里区,,no_applicable_requirement" in sites


@pytest.mark.parametrize(
    ("district", "name", "stated", "other"),
    [
        ("集美区", "坂头水库", "山仔水库", "美丽晋安建设行动方案"),
        ("晋安区", "某水库", "莲花水库", "厦门美丽中国样板城市行动方案"),
    ],
)
def test_a_stated_place_of_another_plan_is_not_used_and_said(
    assessor: Assessor, district: str, name: str, stated: str, other: str
) -> None:
    """A reservoir of 集美区 stating 山仔水库 (named by 晋安's plan, in 福州) was accepted without a word."""
    site = Site(id="S", kind="reservoir", name=name, district=district)
    facts = Facts(site=site, observations={"named_place": Observation(metric="named_place", value=stated)}, source="t")
    assessment = assessor.assess(facts, AS_OF)
    said = [w.text_zh for w in assessment.warnings if f"规划点名地点填为“{stated}”" in w.text_zh]
    assert said and f"另一方案《{other}》" in said[0], [w.text_zh for w in assessment.warnings]
    named = [o for f in assessment.findings for o in f.observed if o.metric == "named_place"]
    assert all(o.value != stated for o in named)


def test_a_plans_facts_template_offers_only_its_own_named_places(run: Run) -> None:
    xiamen = run("facts", "template", "--kind", "reservoir", "--plan", "xiamen").output
    assert "莲花水库" in xiamen and "山仔水库" not in xiamen
    scenic = run("facts", "template", "--kind", "scenic_area", "--plan", "xiamen").output
    assert "鼓山" not in scenic
    assert "山仔水库" in run("facts", "template", "--kind", "reservoir").output  # every plan's, when none is chosen


def test_facts_only_a_named_places_duties_read_are_named_when_the_site_is_no_such_place(
    run: Run, tmp_path: Path
) -> None:
    """A park under a name the gazetteer does not know, giving 福兴经济开发区's own projects, has every 福兴 duty not
    applicable: a notice names the facts that thereby decided nothing, and asks whether the name is right. Its
    sewage facts, read by duties that apply, are not named; a fact another condition left idle is not either."""
    facts = {
        "启动“工业上楼”战略布局": "是",
        "光电产业园一期建设推进": "是",
        "园区污水管网覆盖率": 100,
    }
    path = tmp_path / "park.yaml"
    site = {"id": "P9", "kind": "园区", "name": "晋安工业集中区", "district": "晋安区"}
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), "utf-8")
    result = run("check", path, "--as-of", AS_OF.isoformat(), "--format", "json")
    warnings = [w["text_zh"] for w in json.loads(result.output)["assessments"][0]["warnings"]]
    idle = [w for w in warnings if w.startswith("以下事实只有不适用于本站点的要求读取")]
    assert len(idle) == 1, warnings
    assert "启动“工业上楼”战略布局" in idle[0] and "光电产业园一期建设推进" in idle[0]
    assert "园区污水管网覆盖率" not in idle[0]
    site["name"] = "福兴经济开发区"  # the named place itself: its duties apply, nothing is idle
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), "utf-8")
    result = run("check", path, "--as-of", AS_OF.isoformat(), "--format", "json")
    warnings = [w["text_zh"] for w in json.loads(result.output)["assessments"][0]["warnings"]]
    assert not any(w.startswith("以下事实只有不适用") for w in warnings), warnings


@pytest.mark.parametrize(("kind", "kind_zh"), [("区", "区（县、市）"), ("city", "市")])
def test_a_named_park_filed_as_a_district_is_refused_naming_its_kind(
    run: Run, tmp_path: Path, kind: str, kind_zh: str
) -> None:
    """福兴经济开发区 filed as a 区 was assessed as the whole of 晋安区 (passing JA-21-11 全区水土保持率 on the park's
    figure) with none of 福兴's own duties asked: refused, naming 园区; a district named as one the division table
    knows (晋安区, 晋安) is read as before, as is a township named like a river (汀溪)."""
    path = tmp_path / "site.yaml"
    site = {"id": "F1", "kind": kind, "name": "福兴经济开发区", "district": "晋安区"}
    facts = {"水土保持率": {"series": {2024: 96, 2025: 97}}}
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code == 2, result.output
    told = f"福兴经济开发区是《美丽晋安建设行动方案》点名的地点，方案对它的要求按园区提出，不按{kind_zh}：请按园区填报"
    assert told in result.output.replace("\n", ""), result.output
    assert "ask of it as an industrial park" in result.output and "file it as a park" in result.output
    for name in ("晋安区", "晋安"):
        site = {"id": "D1", "kind": "区", "name": name, "district": "晋安区"}
        path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
        assert run("check", path, "--as-of", "2026-06-30").exit_code != 2, name


def test_a_district_batch_rejects_a_named_park_row_and_assesses_the_others(run: Run, tmp_path: Path) -> None:
    """In a batch of districts, the row named 福兴经济开发区 is rejected naming 园区 (it stopped nothing before, and
    was assessed as 晋安区); the row of 晋安区 itself is assessed."""
    table = tmp_path / "districts.csv"
    table.write_text(
        "编号,名称,所在区,水土保持率\nD1,福兴经济开发区,晋安区,97\nD2,晋安区,晋安区,97\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run("batch", table, "--kind", "区", "--out", out, "--as-of", "2026-06-30").exit_code != 2
    rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "D1" in rejected and "不按区（县、市）：请按园区填报" in rejected and "D2" not in rejected
    assert "3,D2,晋安区,晋安区,,incomplete" in (out / "sites.csv").read_text(encoding="utf-8-sig")


def test_the_new_airport_under_construction_is_filed_as_a_project_under_its_own_name(
    run: Run, tmp_path: Path, assessor: Assessor
) -> None:
    """（三） lists 厦门翔安国际机场建设指挥部: the airport is still being built, so its works filed as a 建设项目 under
    its name are asked the project prohibitions (XM-9-1, XM-8-3 …) and XM-3-11 推进厦门新机场碳中和绿色机场标杆建设,
    not refused; filed as a 企业 it is still refused, the message's English with its article (an airport)."""
    path = tmp_path / "site.yaml"
    site = {"id": "A1", "kind": "建设项目", "name": "厦门翔安国际机场", "district": "翔安区"}
    facts = {"违规占用生态保护红线": "是", "损害中华白海豚及其生境": "否", "推进碳中和绿色机场标杆建设": "否"}
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30", "--format", "json")
    statuses = {f["requirement"]: f["status"] for f in json.loads(result.output)["assessments"][0]["findings"]}
    assert (statuses["XM-9-1"], statuses["XM-8-3"], statuses["XM-3-11"]) == ("fail", "pass", "fail"), statuses
    with pytest.raises(InputError) as error:
        assessor.prepare(_facts("enterprise", "厦门翔安国际机场", "翔安区"), AS_OF)
    message = error.value.problems[0].message
    assert "ask of it as an airport or project, not as an enterprise" in message, message
    assert " a airport" not in message and " a enterprise" not in message
