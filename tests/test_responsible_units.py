"""Who must act (责任单位): rule-pack data quoted from the plans, lint-checked like quotes, shown on findings."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from compliance.load.rules import default_rules_dir
from compliance.model.plan import RulePack
from tests.conftest import AS_OF, EXAMPLES

Run = Callable[..., Result]


def test_every_jinan_action_names_its_units_as_the_plan_does(pack: RulePack) -> None:
    """The 晋安 plan ends 46 action paragraphs with 〔责任单位：…〕: each is an entry, keyed by its heading."""
    text = (default_rules_dir() / "jinan" / "text.txt").read_text(encoding="utf-8")
    entries = pack.plans["jinan"].responsible_units
    assert len(entries) == text.count("〔责任单位：") == 46
    low_carbon = entries["（三）碳达峰落实行动"]
    assert low_carbon.text == "〔责任单位：区工信局、区发改局、晋安生态环境局按职责分工〕"
    assert low_carbon.units == ["区工信局", "区发改局", "晋安生态环境局"]
    villages = entries["（十五）强化乡村固废综合治理行动"]
    assert villages.units[-3:] == ["宦溪镇政府", "寿山乡政府", "日溪乡政府"]
    sections = {r.section for r in pack.requirements if pack.plan_of[r.id] == "jinan"}
    assert set(entries) <= sections


def test_xiamen_names_the_district_governments_where_the_plan_assigns_them(pack: RulePack) -> None:
    """厦门's first action says 以下均需各区政府落实,不再单独列出: every action from it on names 各区政府."""
    entries = pack.plans["xiamen"].responsible_units
    assert len(entries) == 12
    for section, entry in entries.items():
        assert re.match(r"^\([一二三四五六七八九十]+\)", section)
        assert entry.units[-1] == "各区政府" and entry.also == "以下均需各区政府落实,不再单独列出"
    assert entries["(二)健全节约集约绿色低碳循环经济体系"].units == ["市发改委", "市工信局", "市科技局", "各区政府"]


def test_findings_carry_who_must_act_in_json(run: Run) -> None:
    result = run("check", EXAMPLES / "park-noncompliant.yaml", "--as-of", AS_OF.isoformat(), "--format", "json")
    findings = {f["requirement"]: f for f in json.loads(result.output)["assessments"][0]["findings"]}
    assert findings["JA-29-2"]["responsible_units"] == [
        "福兴经济开发区管委会",
        "区建设局",
        "晋安生态环境局",
        "鼓山镇政府",
    ]
    assert findings["JA-0-29"]["responsible_units"] == [], "一、总体目标 names no unit: none is made up"


def test_rules_show_quotes_who_must_act(run: Run) -> None:
    shown = run("rules", "show", "JA-14-7").output
    assert (
        "责任单位: 〔责任单位：晋安生态环境局、区农业农村局、区卫健局等按职责分工，各乡镇（街道）政府（办事处）〕"
        in shown
    )
    english = run("rules", "show", "XM-4-8", "--lang", "en").output
    assert "who must act: (市资源规划局、" in english and english.count("以下均需各区政府落实") == 1


def _rules_copy(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules, ignore=shutil.ignore_patterns(".cache*", "__pycache__"))
    plan = rules / "jinan" / "plan.yaml"
    plan.write_text(edit(plan.read_text(encoding="utf-8")), encoding="utf-8")
    return rules


def test_lint_refuses_units_not_in_the_plan_text(run: Run, tmp_path: Path) -> None:
    rules = _rules_copy(
        tmp_path,
        lambda text: text.replace("units: [区工信局, 区发改局, 晋安生态环境局]", "units: [区工信局, 区财政局]"),
    )
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert re.search(
        r"plan\.yaml:\d+: responsible_units\.（三）碳达峰落实行动\.units: unit '区财政局' is not named", result.output
    )


def test_lint_refuses_words_not_verbatim(run: Run, tmp_path: Path) -> None:
    rules = _rules_copy(
        tmp_path,
        lambda text: text.replace(
            "〔责任单位：区工信局、区发改局、晋安生态环境局按职责分工〕", "〔责任单位：区工信局〕"
        ),
    )
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert "responsible_units.（三）碳达峰落实行动.text: text not found verbatim in jinan/text.txt" in result.output
