"""A third plan added as data alone: a copy of the shipped rules plus a small plan for 鼓楼区 (350102), run
through `rules lint`, `check`, `batch` and a Chinese scenario with `--rules`, with no code changed."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result

from tests.conftest import ROOT

PLAN_TEXT = """美丽鼓楼建设行动方案（示例）

一、总体目标
到2025年，全区单位GDP能耗较2020年下降14%，生态环境质量持续改善。

二、重点任务
（一）园区治水行动
全区各类园区污水收集率达到95%以上。福州软件园率先完成“污水零直排”建设。
"""

PLAN_HEADER = """# 福州市鼓楼区《美丽鼓楼建设行动方案》（示例）
id: gulou
prefixes: [GL]
base_year: "2020"
title_zh: 美丽鼓楼建设行动方案
title_en: Beautiful Gulou Action Plan
short_zh: 美丽鼓楼行动方案
short_en: Beautiful Gulou Action Plan
issuer_zh: 福州市鼓楼区
jurisdiction:
  admin_codes: ["350102"]
  names: [鼓楼区, 福州市鼓楼区]
text: 方案原文.txt
"""

RULES = """plan: gulou
requirements:
  - id: GL-0-1
    title_zh: 单位GDP能耗较2020年下降14%（2025年）
    title_en: Energy use per unit of GDP 14% below 2020 (2025)
    section: 一、总体目标
    quote: 全区单位GDP能耗较2020年下降14%
    kind: quantitative
    applies:
      kinds: [district]
    check:
      trend: {metric: energy_intensity, rule: change_from, op: "<="}
    targets:
      - {value: -14, due: 2025-12-31}
    notes_zh: 下降14%读作降幅不少于14%；基准年取方案的 base_year（2020年）。
    notes: A fall of at least 14% from the plan's base year (2020).

  - id: GL-1-1
    title_zh: 园区污水收集率达到95%
    title_en: Park wastewater collection rate at least 95%
    section: （一）园区治水行动
    quote: 全区各类园区污水收集率达到95%以上
    kind: quantitative
    applies:
      kinds: [park]
    check: {metric: park_wastewater_collection_rate, op: ">="}
    targets:
      - {value: 95}

  - id: GL-1-2
    title_zh: 福州软件园完成“污水零直排”建设
    title_en: Fuzhou Software Park completes zero direct discharge
    section: （一）园区治水行动
    quote: 福州软件园率先完成“污水零直排”建设
    kind: boolean
    applies:
      kinds: [park]
      condition: {metric: named_place, op: in, value: [福州软件园]}
      condition_zh: 本站点为福州软件园
      condition_en: the site is Fuzhou Software Park
    check: {metric: zero_direct_discharge_completed, op: "==", value: true}
"""

PLACE = """
  - name: 福州软件园
    name_en: Fuzhou Software Park
    plan: gulou
    kinds: [park]
    aliases: [福州软件园区]
"""

SCENARIO = """# language: zh-CN
功能: 鼓楼区的园区按《美丽鼓楼建设行动方案》评估

  场景: 福州软件园污水收集达标、尚未完成“污水零直排”
    假如 一个位于鼓楼区的园区“福州软件园”
    而且 上报数据如下：
      | 指标 | 值 |
      | 园区污水收集率 | 96% |
      | 完成“污水零直排”建设 | 否 |
    而且 评估日期为 2026-06-30
    当 评估
    那么 各要求的状态如下：
      | 要求 | 状态 |
      | GL-1-1 | 通过 |
      | GL-1-2 | 不达标 |
    而且 结论为 不合规
"""


def gulou_rules(
    folder: Path, header: str = PLAN_HEADER, text: str = PLAN_TEXT, rules: str = RULES, place: str = PLACE
) -> Path:
    """The shipped rules copied, plus the 鼓楼区 plan folder and its one named place: files only."""
    copied = folder / "rules"
    shutil.copytree(ROOT / "rules", copied)
    plan = copied / "gulou"
    plan.mkdir()
    (plan / "plan.yaml").write_text(header, encoding="utf-8")
    (plan / "方案原文.txt").write_text(text, encoding="utf-8")
    (plan / "01-园区治水.yaml").write_text(rules, encoding="utf-8")
    with (copied / "gazetteer.yaml").open("a", encoding="utf-8") as gazetteer:
        gazetteer.write("\n" + place)
    return copied


def _site(folder: Path, name: str, facts: dict[str, object], **site: str) -> Path:
    path = folder / f"{name}.yaml"
    body = {"site": {"id": name, "kind": "park", "name": name, **site}, "facts": facts}
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path


def _assessment(result: Result) -> dict[str, Any]:
    """The one assessment of a `check --format json` run."""
    (assessment,) = json.loads(result.output)["assessments"]
    return dict(assessment)


def test_a_plan_for_gulou_is_linted_checked_batched_and_scenario_run_from_data_alone(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    rules = gulou_rules(tmp_path)
    linted = run("rules", "lint", rules)
    assert linted.exit_code == 0, linted.output
    assert " 0 errors" in linted.output

    park = _site(
        tmp_path, "鼓楼区福州软件园", {"园区污水收集率": "96%", "完成“污水零直排”建设": "否"}, district="福州市鼓楼区"
    )
    checked = run("check", park, "--rules", rules, "--as-of", "2026-06-30", "--format", "json")
    assert checked.exit_code == 1, checked.output
    findings = {f["requirement"]: f for f in _assessment(checked)["findings"]}
    assert set(findings) == {"GL-1-1", "GL-1-2"}
    assert findings["GL-1-1"]["status"] == "pass" and findings["GL-1-2"]["status"] == "fail"
    assert _assessment(checked)["warnings"] == [], "鼓楼区, the plan's district, is dropped before the place's name"

    district = _site(tmp_path, "鼓楼区", {"单位GDP能耗": {"series": {2020: 0.30, 2025: 0.25}}}, admin_code="350102")
    district.write_text(district.read_text(encoding="utf-8").replace("kind: park", "kind: district"), encoding="utf-8")
    result = _assessment(run("check", district, "--rules", rules, "--as-of", "2026-06-30", "--format", "json"))
    assert [(f["requirement"], f["status"]) for f in result["findings"]] == [("GL-0-1", "pass")]

    table = tmp_path / "鼓楼区园区.csv"
    with table.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["站点编号", "名称", "所在区", "行政区划代码", "园区污水收集率", "完成“污水零直排”建设"])
        writer.writerow(["GL-P-1", "福州软件园", "鼓楼区", "350102", "96%", "是"])
        writer.writerow(["GL-P-2", "洪山科技园", "鼓楼区", "350102", "91%", ""])
    batched = run(
        "batch", table, "--kind", "park", "--out", tmp_path / "out", "--rules", rules, "--as-of", "2026-06-30"
    )
    assert batched.exit_code == 0, batched.output
    with (tmp_path / "out" / "sites.csv").open(encoding="utf-8-sig") as sites:
        verdicts = {row["site_id"]: row for row in csv.DictReader(sites)}
    assert set(verdicts) == {"GL-P-1", "GL-P-2"}
    findings_out = (tmp_path / "out" / "findings.jsonl").read_text(encoding="utf-8")
    assert "GL-1-1" in findings_out and "JA-" not in findings_out and "XM-" not in findings_out

    (tmp_path / "鼓楼区.feature").write_text(SCENARIO, encoding="utf-8")
    scenario = run("scenarios", tmp_path / "鼓楼区.feature", "--rules", rules)
    assert scenario.exit_code == 0, scenario.output


def test_a_gulou_site_is_not_assessed_under_jinan_or_xiamen(tmp_path: Path, run: Callable[..., Result]) -> None:
    park = _site(tmp_path, "洪山科技园", {"园区污水收集率": "91%"}, admin_code="350102")
    shipped = run("check", park, "--as-of", "2026-06-30")
    assert shipped.exit_code == 2 and "no plan covers 350102" in shipped.output
    result = run("check", park, "--rules", gulou_rules(tmp_path), "--as-of", "2026-06-30", "--format", "json")
    body = _assessment(result)
    assert body["plans"] == ["gulou"]
    assert {f["requirement"] for f in body["findings"]} == {"GL-1-1", "GL-1-2"}


def test_an_id_whose_prefix_is_not_its_plans_is_a_load_error(tmp_path: Path, run: Callable[..., Result]) -> None:
    rules = gulou_rules(tmp_path)
    rule_file = rules / "gulou" / "01-园区治水.yaml"
    rule_file.write_text(RULES.replace("id: GL-1-2", "id: JA-1-2"), encoding="utf-8")
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert "01-园区治水.yaml:" in result.output
    assert "id prefix 'JA' is not one of plan gulou's (GL; plan.yaml prefixes)" in result.output


def test_a_change_from_without_a_baseline_needs_the_plans_base_year(tmp_path: Path, run: Callable[..., Result]) -> None:
    rules = gulou_rules(tmp_path)
    header = rules / "gulou" / "plan.yaml"
    header.write_text(PLAN_HEADER.replace('base_year: "2020"\n', ""), encoding="utf-8")
    result = run("rules", "lint", rules)
    assert result.exit_code == 1
    assert "change_from of energy_intensity names no baseline and plan gulou has no base_year" in result.output


def test_the_example_in_docs_rules_md_is_a_working_plan(tmp_path: Path, run: Callable[..., Result]) -> None:
    """What docs/rules.md tells policy staff to write (plan.yaml, text, rule file, place, scenario) works as written."""
    blocks = re.findall(r"```(\w+)\n(.*?)```", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), re.S)
    header, rules_block, place = [body for lang, body in blocks if lang == "yaml"][:3]
    text = next(body for lang, body in blocks if lang == "text")
    feature = next(body for lang, body in blocks if lang == "gherkin")
    rules = gulou_rules(tmp_path, header, text, rules_block, place)
    linted = run("rules", "lint", rules)
    assert linted.exit_code == 0 and " 0 errors" in linted.output, linted.output
    (tmp_path / "鼓楼区.feature").write_text(feature, encoding="utf-8")
    scenario = run("scenarios", tmp_path / "鼓楼区.feature", "--rules", rules)
    assert scenario.exit_code == 0, scenario.output
    found = run("rules", "search", "污水", "--plan", "gulou", "--rules", rules)
    assert [line.split()[0] for line in found.output.splitlines() if line.startswith("GL-")] == ["GL-1-1", "GL-1-2"]
