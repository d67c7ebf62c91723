"""A scenario's site that no plan's places hold is told, in the scenario's language, what its writer must add: the
district in the site step (at that step's file and line) or the plan step, never the command line's --plan.

The features are written as policy staff write them: a village named as in a ledger, its district left to context.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]
ZH = """# language: zh-CN
功能: 地点写法
  场景: 只写乡镇“新店”
    假如 一个行政村“某村”
    而且 该场所的属性如下：
      | 乡镇 | 新店 |
    而且 指标“农村生活污水治理率”为 70%
    而且 评估日期为 2026-06-30
    当 评估
    那么 要求 JA-14-7 的状态为 不达标

  场景: 没有所在区
    假如 一个行政村“九峰村”
    而且 指标“农村生活污水治理率”为 70%
    而且 评估日期为 2026-06-30
    当 评估
    那么 要求 JA-14-7 的状态为 不达标

  场景: 所在区不在任何方案的范围内
    假如 一个位于鼓楼区的行政村“某村”
    而且 指标“农村生活污水治理率”为 70%
    而且 评估日期为 2026-06-30
    当 评估
    那么 要求 JA-14-7 的状态为 不达标

  场景: 只写乡镇“宦溪镇”：只在晋安区
    假如 一个行政村“板桥村”
    而且 该场所的属性如下：
      | 乡镇 | 宦溪镇 |
    而且 指标“农村生活污水治理率”为 70%
    而且 评估日期为 2026-06-30
    当 评估
    那么 要求 JA-14-7 的状态为 不达标
"""
EN = """Feature: places
  Background:
    Given a village "Jiufeng"

  Scenario: no district
    Given the metric "rural domestic sewage treatment rate" is 70%
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-14-7 is fail
"""


def test_a_site_with_no_district_is_told_in_scenario_words_what_to_add(run: Run, tmp_path: Path) -> None:
    (tmp_path / "地点.feature").write_text(ZH, encoding="utf-8")
    result = run("scenarios", tmp_path)
    output = result.output.replace(f"{tmp_path}/", "")
    assert result.exit_code == 1 and "共 4 个场景：通过 1，失败 3" in output, output
    assert "--plan" not in output and "admin_code" not in output
    assert (
        "乡镇“新店”在晋安区（新店镇）和翔安区（新店街道）都有，无法据此选择方案：请在场所步骤（地点.feature:4）写明所在区，"
        "如“假如 一个位于晋安区的行政村“某村””，或在“当 评估”之前加一步“而且 依据方案《美丽晋安建设行动方案》”"
    ) in output
    assert "场所“九峰村”没有所在区，无法选择方案：请在场所步骤（地点.feature:13）写明所在区" in output
    assert "“假如 一个位于晋安区的行政村“九峰村””" in output
    assert "所在区“鼓楼区”不在任何方案的范围内" in output and "请改正所在区（地点.feature:20）" in output
    fixed = ZH.replace("一个行政村“某村”", "一个位于晋安区的行政村“某村”").replace(
        "    假如 一个行政村“九峰村”\n", "    假如 一个行政村“九峰村”\n    而且 依据方案《美丽晋安建设行动方案》\n"
    )
    (tmp_path / "fixed").mkdir()
    (tmp_path / "fixed" / "改正.feature").write_text(fixed.replace("鼓楼区", "晋安区"), encoding="utf-8")
    assert "共 4 个场景：通过 4，失败 0" in run("scenarios", tmp_path / "fixed").output


def test_an_english_scenario_is_told_in_english_at_its_background_site_step(run: Run, tmp_path: Path) -> None:
    (tmp_path / "place.feature").write_text(EN, encoding="utf-8")
    output = run("scenarios", tmp_path, "--lang", "en").output.replace(f"{tmp_path}/", "")
    assert (
        "the site 'Jiufeng' has no district, so no plan can be chosen: name it in the site step (place.feature:3),"
        " as in 'Given a village \"Jiufeng\" in 晋安区', or add 'And the plan is \"jinan\"'"
    ) in output, output


def test_a_place_a_plan_names_written_as_another_kind_is_told_the_kinds(run: Run, tmp_path: Path) -> None:
    """枋洋水利枢纽工程 written as a 建设项目 in 长泰区: the scenario is told that 厦门's plan names it and the kinds to
    write it as, at the site step, in the scenario's language (features/xiamen/05 writes it as each of them)."""
    feature = (
        "# language: zh-CN\n功能: 枋洋\n\n  场景: 按建设项目\n    假如 一个位于长泰区的建设项目“枋洋水利枢纽工程”\n"
        "    而且 指标“推进水源地环境综合整治”为 是\n    而且 评估日期为 2026-06-30\n    当 评估\n"
        "    那么 要求 XM-5-14 的状态为 通过\n"
    )
    (tmp_path / "枋洋.feature").write_text(feature, encoding="utf-8")
    output = run("scenarios", tmp_path).output.replace(f"{tmp_path}/", "")
    assert (
        "所在区“长泰区”不在任何方案的范围内，但枋洋水利枢纽工程是《厦门美丽中国样板城市行动方案》点名的地点，方案对它的要求按"
        "饮用水水源地/水库/供水工程提出，不按建设项目：请按饮用水水源地/水库/供水工程之一填报（枋洋.feature:5）"
    ) in output, output
    (tmp_path / "水库").mkdir()
    (tmp_path / "水库" / "枋洋水库.feature").write_text(feature.replace("建设项目“", "水库“"), encoding="utf-8")
    assert "共 1 个场景：通过 1，失败 0" in run("scenarios", tmp_path / "水库").output


def test_a_township_of_the_other_plans_city_is_refused_as_one_of_another_district(run: Run, tmp_path: Path) -> None:
    """集美区 with 宦溪镇 (晋安区's) passed XM-0-29 as a 集美区 village, and `check` only warned: the table lists every
    township of its districts, so a township it holds elsewhere is a place in conflict, as 思明区 with 灌口镇 is."""
    path = tmp_path / "跨市.feature"
    path.write_text(
        "# language: zh-CN\n功能: 跨市\n  场景: 集美区宦溪镇\n    假如 一个位于集美区的行政村“某村”\n"
        "    而且 该场所的属性如下：\n      | 乡镇 | 宦溪镇 |\n    而且 指标“已建成美丽乡村”为 是\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 XM-0-29 的状态为 通过\n",
        encoding="utf-8",
    )
    result = run("scenarios", path)
    assert result.exit_code == 1, result.output
    assert "跨市.feature:9: 当 评估" in result.output
    assert "乡镇“宦溪镇”在2022年区划表中属福州市晋安区，与所在区集美区不符" in result.output
