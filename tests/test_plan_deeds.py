"""已/未 + the plan's own verb for a yes/no fact whose name is the plan's object without it (阶段评估制度: 已建立, the
verb of 建立阶段评估制度), read the same in check, a batch column and a Chinese scenario; another deed refused, listing
the forms the fact takes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.load.deeds import _wanted
from compliance.load.values import ValueProblem, read_value
from compliance.model.metric import MetricType
from compliance.model.plan import RulePack

Run = Callable[..., Result]

PLAN_VERBS = [
    ("phase_evaluation_system", "建立"),  # JA-44-7 建立阶段评估制度
    ("technical_expert_pool", "组建"),  # JA-45-1 组建美丽晋安建设技术专家库
    ("low_voc_material_substitution_plan", "制定"),  # JA-31-2 制定低含量原辅材料替代计划
    ("water_source_emergency_plan", "制定"),  # JA-27-7 按要求制定集中式饮用水水源地突发环境事件应急预案
    ("invasive_aquatic_animal_survey_done", "开展"),  # JA-38-9 开展外来入侵水生动物普查工作
    ("liangshan_practice_innovation_base_title", "获得"),  # JA-ch7-9 力争获得“两山”实践创新基地命名
]


@pytest.mark.parametrize(("metric_id", "verb"), PLAN_VERBS)
def test_the_plans_verb_answers_a_fact_named_by_its_object(pack: RulePack, metric_id: str, verb: str) -> None:
    fact = pack.catalogue.metric(metric_id)
    assert verb in fact.deeds
    assert read_value(f"已{verb}", fact) is True
    for undone in (f"未{verb}", f"尚未{verb}", f"没有{verb}"):
        assert read_value(undone, fact) is False


def test_another_deed_is_refused_listing_the_forms_the_fact_takes(pack: RulePack) -> None:
    """Started is not built: 已开展 for 已建成美丽乡村 or for 阶段评估制度 is refused, saying in both languages
    what it takes."""
    with pytest.raises(ValueProblem) as refused:
        read_value("已开展", pack.catalogue.metric("phase_evaluation_system"))
    assert "已建立 / 未建立" in refused.value.en and "或已建立、未建立；“已开展”说的是另一件事" in refused.value.zh
    with pytest.raises(ValueProblem) as refused:
        read_value("已开展", pack.catalogue.metric("beautiful_village_built"))
    assert "已建成 / 未建成" in refused.value.en and "已建成美丽乡村应填是/否，或已建成、未建成" in refused.value.zh
    with pytest.raises(ValueProblem):
        read_value("已建成", pack.catalogue.metric("invasive_aquatic_animal_survey_done"))


def test_the_facts_own_deed_with_a_note_after_it_is_told_to_put_the_note_aside(pack: RulePack) -> None:
    """已建立，尚未运行 is the fact's own deed with a note: refused, saying to write 已建立 and put the note in source,
    not that it names another deed."""
    with pytest.raises(ValueProblem) as refused:
        read_value("已建立，尚未运行", pack.catalogue.metric("phase_evaluation_system"))
    assert "write 已建立 and put '尚未运行' in source" in refused.value.en
    assert "“尚未运行”是说明" in refused.value.zh and "另一件事" not in refused.value.zh


def test_a_fact_a_rule_wants_no_takes_no_verb_from_a_title(pack: RulePack) -> None:
    """严禁违规占用… must never make 已… read the wrong way round: a fact some rule wants 否 keeps its name's
    own deeds."""
    wanted_no = {metric for requirement in pack.requirements for metric in _wanted(requirement.check, False)}
    assert "encroaches_ecological_protection_red_line" in wanted_no and len(wanted_no) > 10
    for fact in pack.catalogue.metrics:
        if fact.type == MetricType.BOOLEAN and fact.id in wanted_no:
            name = fact.name_zh.removeprefix("已")
            assert all(name.startswith(deed) or name.endswith(deed) for deed in fact.deeds), fact.id


def test_check_batch_and_a_chinese_scenario_read_it_alike(run: Run, tmp_path: Path) -> None:
    site = "site: {id: D1, kind: 区, name: 晋安区, district: 晋安区}\nfacts:\n"
    path = tmp_path / "d.yaml"
    path.write_text(site + "  阶段评估制度: 已建立\n", encoding="utf-8")
    report = json.loads(run("check", path, "--as-of", "2026-06-30", "--format", "json").stdout)
    statuses = {f["requirement"]: f["status"] for f in report["assessments"][0]["findings"]}
    assert statuses["JA-44-7"] == "pass"
    path.write_text(site + "  阶段评估制度: 已开展\n", encoding="utf-8")
    refused = run("check", path, "--as-of", "2026-06-30")
    assert refused.exit_code == 2 and "已建立 / 未建立, got '已开展'" in refused.output

    table = tmp_path / "d.csv"
    table.write_text("站点编号,名称,所在区,阶段评估制度\nD1,晋安区,晋安区,未建立\nD2,某区,晋安区,已开展\n", "utf-8")
    out = tmp_path / "out"
    run("batch", table, "--kind", "district", "--out", out, "--as-of", "2026-06-30", "--quiet", "--all-findings")
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert next(f["status"] for f in written if f["requirement"] == "JA-44-7" and f["site"] == "D1") == "fail"
    rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "D2,阶段评估制度" in rejected and "或已建立、未建立" in rejected

    feature = tmp_path / "zh.feature"
    steps = "    假如 一个位于晋安区的区“晋安区”\n    而且 指标“阶段评估制度”为 {}\n    而且 评估日期为 2026-06-30\n"
    scenario = "  场景: {}\n" + steps + "    当 评估\n    那么 要求 JA-44-7 的状态为 通过\n"
    both = scenario.format("建立", "已建立") + "\n" + scenario.format("开展", "已开展")
    feature.write_text("# language: zh-CN\n功能: 一\n\n" + both, encoding="utf-8")
    zh = run("scenarios", feature).output
    assert "通过 1，失败 1" in zh and "阶段评估制度应填是/否，或已建立、未建立；“已开展”说的是另一件事" in zh, zh


@pytest.mark.parametrize(
    ("written", "answer"), [("已建立。", True), ("已 建立", True), ("已建立.", True), ("未 建立。", False)]
)
def test_a_closing_full_stop_and_inner_spaces_are_the_same_answer(pack: RulePack, written: str, answer: bool) -> None:
    """已建立。 (copied from a sentence) and 已 建立 (an IME's space) are 已建立: neither a note nor another deed."""
    assert read_value(written, pack.catalogue.metric("phase_evaluation_system")) is answer


def test_a_deed_cut_to_its_first_character_is_read_only_when_one_deed_opens_with_it(pack: RulePack) -> None:
    """已建 is 已建立 for a fact only 建立 answers; where 建立 and 建设 both answer it, it is refused, naming both."""
    fact = pack.catalogue.metric("phase_evaluation_system")
    assert read_value("已建", fact) is True and read_value("未建", fact) is False
    both = fact.model_copy(update={"deeds": ("建立", "建设")})
    with pytest.raises(ValueProblem) as refused:
        read_value("已建", both)
    assert "may be 已建立、已建设" in refused.value.en and "“已建”可能是已建立、已建设，请写全" in refused.value.zh
    with pytest.raises(ValueProblem):
        read_value("已建成", fact)  # a whole other deed is still refused


_SWEEP_VERBS_TEXT = (
    "上马修复做好做到健全完善划定列入创建制定编制发现启动完成实施实现实行对接建成建立建设建档开展开工"
    "强化打造排查推动推行推进整改整治更新构建纳入组建统筹腾退获得取得落实覆盖试点达到达标配合配套采取"
    "摸清公布升级提升改造治理监测监管普查核查检查巡查巡检处置加固淘汰关停出台消除评估安装执行分类放流"
    "处罚运行衔接划设命名占用挤占披露上报印发组织牵头列出评定制订"
)
SWEEP_VERBS = frozenset(_SWEEP_VERBS_TEXT[i : i + 2] for i in range(0, len(_SWEEP_VERBS_TEXT), 2))
"""Verbs a yes/no fact's deed may be, listed here apart from the code's own list: 已 + any other word is refused."""


def test_only_a_deed_verb_of_the_facts_name_reads_as_done(pack: RulePack) -> None:
    """已 + each two characters of every yes/no fact's name is a deed verb or refused: 已污染/已系统 (污染源监控系统),
    已园区, 已主要, 已闽江, 已城区, 已工程, 已排污 never read 是."""
    accepted: list[tuple[str, str]] = []
    for fact in pack.catalogue.metrics:
        if fact.type != MetricType.BOOLEAN:
            continue
        name = fact.name_zh
        for start in range(len(name) - 1):
            word = name[start : start + 2]
            try:
                read_value(f"已{word}", fact)
            except ValueProblem:
                continue
            if word not in SWEEP_VERBS:
                accepted.append((name, word))
    assert accepted == []


@pytest.mark.parametrize(
    ("metric_name", "refused", "taken"),
    [
        ("污染源排放情况全面排查", "已污染", "已排查"),
        ("考核结果向社会公布", "已考核", "已公布"),
        ("统一领导、协同推进工作机制", "已统一", "是"),
        ("统筹推进五类园区建设", "已建设", "已统筹"),
        ("完成“污水零直排”建设", "已建设", "已建成"),
        ("完成“清新园区”建设", "已建设", "已完成"),
        ("排污口规范整治", "已排污", "已整治"),
        ("园区污水问题全面摸清", "已园区", "已摸清"),
        ("污染源监控系统", "已系统", "是"),
        ("油烟达标排放", "已排放", "达标"),
        ("突发环境事件及时妥善科学处置", "已处置", "是"),
    ],
)
def test_a_noun_or_half_a_duty_is_refused_naming_the_forms(
    pack: RulePack, metric_name: str, refused: str, taken: str
) -> None:
    fact = next(m for m in pack.catalogue.metrics if m.name_zh == metric_name)
    with pytest.raises(ValueProblem) as problem:
        read_value(refused, fact)
    assert refused in problem.value.en and "是/否" in problem.value.zh
    assert read_value(taken, fact) is True
