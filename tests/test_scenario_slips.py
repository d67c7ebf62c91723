"""Slips policy staff make writing scenarios, each refused or read at its line in the file's language: a one-column
table, a key given twice, a first step 而且, a row of a cell too many, a missing Examples column, `--tag @…`, a tag
naming no requirement, a 背景's date given again, a township in the 位于 of a site step; an unreadable file in the
Cucumber report; a place's name one character off."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.test_cucumber import validate

Run = Callable[..., Result]
HEAD = "# language: zh-CN\n功能: 写错\n\n"
VILLAGE = "    假如 一个位于晋安区的行政村“九峰村”\n"
TAIL = "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-7 的状态为 数据不足\n"


def _feature(folder: Path, body: str, name: str = "写错.feature", head: str = HEAD) -> Path:
    path = folder / name
    path.write_text(head + body, encoding="utf-8")
    return path


def test_a_one_column_facts_or_attributes_table_is_refused_saying_how_to_write_it(run: Run, tmp_path: Path) -> None:
    """`| 农村生活污水治理率：70% |` was read past: the scenario asserting 数据不足 passed on a figure it was given."""
    body = (
        f"  场景: 数据一格\n{VILLAGE}    而且 上报数据如下：\n      | 农村生活污水治理率：70% |\n{TAIL}\n"
        "  场景: 属性一格\n    假如 一个位于晋安区的河段“某河段”\n    而且 该场所的属性如下：\n"
        "      | 是否为闽江干流省控断面：是 |\n    而且 评估日期为 2026-06-30\n    当 评估\n"
        "    那么 要求 JA-0-14 的状态为 数据不足\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 1, result.output
    assert "写错.feature:6: 而且 上报数据如下：" in result.output
    assert "表格每行应有 2 列，如 | 农村生活污水治理率 | 75% |；“农村生活污水治理率：70%”只有 1 列" in result.output
    assert "如 | 乡镇 | 宦溪镇 |；“是否为闽江干流省控断面：是”只有 1 列" in result.output
    english = (
        'Feature: one cell\n  Scenario: one cell\n    Given a village "Jiufeng" in 晋安区\n    And the facts are:\n'
        "      | rural domestic sewage treatment rate: 70% |\n    And the assessment date is 2026-06-30\n"
        "    When it is assessed\n    Then the status of JA-14-7 is insufficient data\n"
    )
    result = run("scenarios", _feature(tmp_path, english, "en.feature", head=""), "--lang", "en")
    assert "each row of this table has 2 columns, as in | metric | 75% |" in result.output, result.output


def test_an_attribute_given_twice_in_one_table_is_refused_naming_both_rows(run: Run, tmp_path: Path) -> None:
    """The last 乡镇 quietly won and decided XM-0-29's applicability; a facts file refuses the same."""
    body = (
        "  场景: 乡镇两次\n    假如 一个行政村“某村”\n    而且 该场所的属性如下：\n      | 乡镇 | 灌口镇 |\n"
        "      | 所在乡镇 | 嘉莲街道 |\n    而且 指标“已建成美丽乡村”为 否\n    而且 评估日期为 2028-01-01\n"
        "    当 评估\n    那么 要求 XM-0-29 的状态为 不达标\n\n"
        "  场景: 所在区两次\n    假如 一个行政村“某村”\n    而且 该场所的属性如下：\n      | 所在区 | 集美区 |\n"
        "    而且 该场所的属性如下：\n      | 所在区 | 思明区 |\n    而且 评估日期为 2028-01-01\n"
        "    当 评估\n    那么 要求 XM-0-29 的状态为 不达标\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert "属性“乡镇”给了两次（“灌口镇”、“嘉莲街道”）：只写一处" in result.output, result.output
    assert "属性“所在区”为“思明区”，与前面的属性表给的“集美区”不符" in result.output
    assert "共 2 个场景：通过 0，失败 2" in result.output


def test_an_unreadable_file_is_a_failed_feature_of_the_cucumber_report(run: Run, tmp_path: Path) -> None:
    """The JSON had only the readable file, all passed, for a run that exited 2; English keywords end in a space."""
    good = (
        'Feature: ok\n  Scenario: ok\n    Given a village "Jiufeng" in 晋安区\n'
        '    And the metric "rural domestic sewage treatment rate" is 80%\n    And the assessment date is 2026-06-30\n'
        "    When it is assessed\n    Then the status of JA-14-7 is pass\n"
    )
    _feature(tmp_path, good, "ok.feature", head="")
    table = "    而且 上报数据如下：\n      | 指标 | 值 |\n      | 甲 | 1 ||\n"
    _feature(tmp_path, f"  场景: 表\n{VILLAGE}{table}{TAIL}", "坏.feature")
    report = tmp_path / "c.json"
    result = run("scenarios", tmp_path, "--cucumberjson", report)
    assert result.exit_code == 2, result.output
    features = json.loads(report.read_text(encoding="utf-8"))
    validate(features)
    bad = next(f for f in features if f["uri"].endswith("坏.feature"))
    [element] = bad["elements"]
    [step] = element["steps"]
    assert step["result"]["status"] == "failed" and step["line"] == element["line"] == 8
    assert "这一行有 3 格，而表格第一行（第 7 行）有 2 格" in step["result"]["error_message"]
    ok = next(f for f in features if f["uri"].endswith("ok.feature"))
    assert ok["elements"][0]["steps"][0]["keyword"] == "Given "


@pytest.mark.parametrize(
    ("row", "said"),
    [
        ("| 75% | 通过 ||", "这一行有 3 格，而表格第一行（第 12 行）有 2 格：“||”多了一个“|”"),
        ("| 75% | 通过", "这一行有 1 格，而表格第一行（第 12 行）有 2 格：行尾缺少“|”"),
        ("| 75% ｜ 通过 |", "这一行有 1 格，而表格第一行（第 12 行）有 2 格：全角“｜”请改为半角“|”"),
        ("｜ 75% ｜ 通过 ｜", "实际是“｜ 75% ｜ 通过 ｜”（全角“｜”请改为半角“|”）"),
    ],
)
def test_a_table_row_of_a_cell_too_many_or_too_few_is_named_with_its_cause(
    row: str, said: str, run: Run, tmp_path: Path
) -> None:
    body = (
        "  场景大纲: 一\n    假如 一个位于晋安区的行政村“九峰村”\n    而且 指标“农村生活污水治理率”为 <治理率>\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-7 的状态为 <状态>\n\n    例子:\n"
        f"      | 治理率 | 状态 |\n      {row}\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 2 and "写错.feature:13: " in result.output and said in result.output, result.output
    assert "文件意外结束" not in result.output


@pytest.mark.parametrize("keyword", ["而且", "*"])
def test_a_first_step_continuing_the_background_and_a_missing_examples_column_are_named(
    keyword: str, run: Run, tmp_path: Path
) -> None:
    body = (
        f"  背景:\n{VILLAGE}\n  场景大纲: 一\n    {keyword} 指标“农村生活污水治理率”为 <治理率>\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-7 的状态为 <状态>\n\n    例子:\n"
        "      | 治理率 |\n      | 75% |\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 2
    assert (
        f"写错.feature:8: 第一步不能用“{keyword}”开头（背景的步骤不算场景的第一步）："
        "请写“假如 指标“农村生活污水治理率”为 <治理率>”" in result.output
    ), result.output
    assert "写错.feature:11: 步骤用到 <状态>，但第 14 行的例子表没有“状态”列：请加上这一列" in result.output
    assert "Given" not in result.output


def test_value_refusals_of_a_chinese_scenario_are_in_chinese_only(run: Run, tmp_path: Path) -> None:
    rows = [
        "指标“农村生活污水治理率（毫克）”为 80",
        "指标“农村生活污水治理率”为 八十",
        "指标“农村生活污水治理率”为 120%",
        "逐期数据“生活垃圾产生量”：2024年末: 500，2025年末: 400",
        "指标“违规占用生态保护红线”为 达标",
        "评估日期为 2026年1月1号",
        "指标“水质类别”为 六类",
    ]
    body = f"  场景大纲: 值\n{VILLAGE}    而且 <步骤>\n    当 评估\n    那么 结论为 不合规\n\n"
    body += "    例子:\n      | 步骤 |\n"
    result = run("scenarios", _feature(tmp_path, body + "".join(f"      | {row} |\n" for row in rows)))
    for said in (
        "单位“毫克”与指标单位“%”不同",
        '应为百分数，如 75、75% 或 "75%"（0–100），实为“八十”',
        "“120%”高于有效范围（0–100 %）",
        "时期须写作年份（2021、2021年）、月份（2025-01、2025年1月）或日期（2025-01-31），“2024年末”不是",
        "“达标”说的是事情办得如何",
        "应为日期，如 2025-06-30",
        "应为以下之一：Ⅰ类 (I) / Ⅱ类 (II)",  # the whole list, not cut at its first " / "
    ):
        assert said in result.output, result.output
    assert "expected" not in result.output and "the unit" not in result.output and "periods" not in result.output


def test_tags_as_written_in_the_file_and_tags_naming_no_requirement(run: Run, tmp_path: Path) -> None:
    """`--tag @JA-14-7` reached pytest as an @argument-file; `@JA-14-07` pinned down nothing without a word."""
    body = f"  @JA-14-7\n  场景: 一\n{VILLAGE}{TAIL}\n  @JA-14-07\n  场景: 二\n{VILLAGE}{TAIL}"
    feature = _feature(tmp_path, body)
    chosen = run("scenarios", feature, "--tag", "@JA-14-7")
    assert chosen.exit_code == 0 and "共 1 个场景：通过 1，失败 0" in chosen.output, chosen.output
    every = run("scenarios", feature)
    assert "提醒：标签 @JA-14-07 不是任何要求的编号，不算作哪项要求的场景；最接近的：JA-14-7" in every.output
    two = run("scenarios", feature, "--tag", "JA-14-7,JA-14-9")
    assert two.exit_code == 2 and "--tag 只写一个标签，如 --tag JA-17-6；多个标签请重复 --tag" in two.output
    none = run("scenarios", feature, "--tag", "@JA-99-1")
    assert none.exit_code == 2 and "没有带标签 JA-99-1 的场景" in none.output, none.output
    coverage = run("rules", "coverage", "--features", feature)
    assert "提醒：标签 @JA-14-07 不是任何要求的编号" in coverage.output, coverage.output


def test_a_second_date_names_the_background_and_kinds_are_named_in_chinese(run: Run, tmp_path: Path) -> None:
    body = (
        f"  背景:\n{VILLAGE}    而且 评估日期为 2026-06-30\n\n  场景: 日期\n    假如 评估日期为 2025-06-30\n"
        "    当 评估\n    那么 要求 JA-14-7 的状态为 数据不足\n\n"
        "  场景: 区级要求\n    当 评估\n    那么 要求 JA-0-19 的状态为 不适用\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert "评估日期在背景（第 6 行）已给出：场景里要用别的日期，请把背景里的评估日期移到各场景" in result.output
    assert "要求 JA-0-19 不评估行政村类场所" in result.output and "village" not in result.output, result.output


def test_a_township_after_the_district_in_the_site_step_places_the_site(run: Run, tmp_path: Path) -> None:
    """`位于集美区灌口镇` was refused and the fix offered was 晋安's plan; a district no plan covers but with a plan's
    district in it is offered that plan."""
    body = (
        "  场景: 乡镇\n    假如 一个位于集美区灌口镇的行政村“某村”\n    而且 逐期数据“已建成美丽乡村”：2027: 否\n"
        "    而且 评估日期为 2028-01-01\n    当 评估\n    那么 要求 XM-0-29 的状态为 不达标\n\n"
        "  场景: 不认识的乡镇\n    假如 一个位于集美区某某镇的行政村“某村”\n    而且 评估日期为 2028-01-01\n"
        "    当 评估\n    那么 要求 XM-0-29 的状态为 不达标\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert "共 2 个场景：通过 1，失败 1" in result.output, result.output
    assert "“而且 依据方案《厦门美丽中国样板城市行动方案》”" in result.output
    assert "依据方案《美丽晋安建设行动方案》" not in result.output


@pytest.mark.parametrize(
    ("district", "kind", "name", "requirement"),
    [
        ("同安区", "河段", "汀西", "XM-6-4"),
        ("同安区", "河段", "东西西", "XM-5-16"),
        ("思明区", "海域", "西海城", "XM-6-8"),
        ("思明区", "水体", "筼当湖", "XM-5-17"),
    ],
)
def test_a_short_named_place_one_character_off_is_close_never_another_place(
    district: str, kind: str, name: str, requirement: str, run: Run, tmp_path: Path
) -> None:
    """汀西 for 汀溪 made the plan's duties for 汀溪 不适用: a slip in a name of two or three characters is close too,
    in a scenario and in `check` alike (both read places with PlaceReader)."""
    body = (
        f"  场景: 一字之差\n    假如 一个位于{district}的{kind}“{name}”\n    而且 评估日期为 2026-06-30\n"
        f"    当 评估\n    那么 要求 {requirement} 的状态为 数据不足\n    而且 提醒包含“名称“{name}”与”\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 0, result.output
    facts = tmp_path / "site.yaml"
    facts.write_text(
        f"site: {{id: W1, kind: {kind}, name: {name}, district: {district}}}\nfacts: {{}}\n", encoding="utf-8"
    )
    checked = run("check", facts, "--as-of", "2026-06-30", "--format", "json")
    [finding] = [f for f in json.loads(checked.output)["assessments"][0]["findings"] if f["requirement"] == requirement]
    assert finding["status"] == "insufficient_data", checked.output


def test_a_metric_given_under_two_names_names_both_and_the_first_line(run: Run, tmp_path: Path) -> None:
    """EQI指数 then 生态质量指数（EQI）: the second is not "given twice" alone; both spellings and the first line are
    named, as `check` names a facts file's two keys."""
    body = (
        "  场景: 别名给两次\n    假如 一个位于晋安区的区“晋安区”\n    而且 指标“EQI指数”为 70\n"
        "    而且 指标“生态质量指数（EQI）”为 71\n" + TAIL
    )
    output = run("scenarios", _feature(tmp_path, body)).output
    assert "指标“生态质量指数（EQI）”与第6行的“EQI指数”是同一指标（生态质量指数（EQI）），给了两次" in output, output
    english = (
        'Feature: twice\n\n  Scenario: twice\n    Given a district "Jin\'an" in 晋安区\n'
        '    And the metric "eqi" is 70\n    And the metric "EQI指数" is 71\n'
        "    And the assessment date is 2026-06-30\n    When it is assessed\n    Then the status of JA-14-7 is pass\n"
    )
    output = run("scenarios", _feature(tmp_path, english, "twice.feature", head="")).output
    assert "'EQI指数' and 'eqi' (line 5) both give" in output, output


def test_a_township_two_districts_share_written_alone_asks_for_the_district(run: Run, tmp_path: Path) -> None:
    body = "  场景: 新店\n    假如 一个位于新店的行政村“某村”\n" + TAIL
    said = "".join(run("scenarios", _feature(tmp_path, body)).output.split())
    assert "乡镇“新店”在晋安区（新店镇）和翔安区（新店街道）都有" in said and "不在任何方案的范围内" not in said


@pytest.mark.parametrize("day", ["2026/05/01", "2026-5-1", "2026年5月1日", "2026-05-01"])
def test_an_observation_day_is_written_as_the_assessment_date_is(run: Run, tmp_path: Path, day: str) -> None:
    body = (
        f"  场景: 观测日\n{VILLAGE}    而且 观测于 {day} 的指标“农村生活污水治理率”为 80%\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-9 的状态为 通过\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 0, result.output


def test_an_observation_month_is_refused_asking_for_the_day_not_an_undefined_step(run: Run, tmp_path: Path) -> None:
    body = (
        f"  场景: 观测月\n{VILLAGE}    而且 观测于 2026-05 的指标“农村生活污水治理率”为 80%\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-7 的状态为 通过\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 1 and "未定义的步骤" not in result.output, result.output
    assert "观测日期“2026-05”只写了月份：请写观测的那一天" in result.output


def test_nothing_missing_is_written_wu(run: Run, tmp_path: Path) -> None:
    """`缺少数据：无` pins that a finding lacks nothing, instead of looking up a metric named 无."""
    fine = (
        f"  场景: 不缺\n{VILLAGE}    而且 指标“农村生活污水治理率”为 80%\n    而且 评估日期为 2026-06-30\n    当 评估\n"
    )
    fine += "    那么 要求 JA-14-7 缺少数据：无\n"
    lacking = f"  场景: 缺\n{VILLAGE}{TAIL}    而且 要求 JA-14-7 缺少数据：无\n"
    result = run("scenarios", _feature(tmp_path, fine + "\n" + lacking))
    assert result.exit_code == 1 and "共 2 个场景：通过 1，失败 1" in result.output, result.output
    assert "要求 JA-14-7 应不缺数据，实际缺少 农村生活污水治理率" in result.output and "未知的指标" not in result.output


@pytest.mark.parametrize("where", ["Xiamen", "Xiamen City"])
def test_a_village_in_xiamen_in_english_is_placed_in_the_city_not_in_no_plan(
    run: Run, tmp_path: Path, where: str
) -> None:
    """`in Xiamen` is 厦门市, as `位于厦门市` is: XM-0-29 asks which district, never "in no plan's area"."""
    body = (
        f'  Scenario: Xiamen\n    Given a village "Tiantou" in {where}\n    And the assessment date is 2026-06-30\n'
        "    When it is assessed\n    Then the status of XM-0-29 is insufficient data\n"
    )
    result = run("scenarios", _feature(tmp_path, body, "x.feature", "Feature: x\n\n"), "--lang", "en")
    assert result.exit_code == 0 and "no plan's area" not in result.output, result.output


@pytest.mark.parametrize(
    "first",
    [
        "如果 检查员“林检查员”于 2026-05-20 认定要求 JA-14-1 不通过",
        "假若 检查员“林检查员”于 2026-05-20 认定要求 JA-14-1 不通过",
        "1. 假如 检查员“林检查员”于 2026-05-20 认定要求 JA-14-1 不通过",
        "Given 检查员“林检查员”于 2026-05-20 认定要求 JA-14-1 不通过",
        "检查员“林检查员”于 2026-05-20 认定要求 JA-14-1 不通过",
    ],
)
def test_a_first_step_gherkin_reads_as_description_is_refused_at_its_line(first: str, run: Run, tmp_path: Path) -> None:
    """A misspelt, numbered or other-language keyword on a scenario's first step made it description text: the
    finding was dropped and the scenario expecting 待核查 passed on a site an inspector had found failing."""
    body = (
        f"  背景:\n{VILLAGE}    而且 评估日期为 2026-06-30\n\n"
        f"  场景: 核查不通过\n    {first}\n    当 评估\n    那么 要求 JA-14-1 的状态为 待核查\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 2, result.output
    assert f"写错.feature:9: “{first}”不是步骤，Gherkin 会把它当作说明文字" in result.output, result.output
    assert "共 0 个场景" in result.output


def test_an_english_misspelt_first_step_is_refused_and_a_plain_description_is_kept(run: Run, tmp_path: Path) -> None:
    english = (
        "Feature: review\n  As the inspectors' office\n  I want a finding to decide a review item\n\n"
        "  Background:\n"
        '    Given a village "Jiufeng" in 晋安区\n    And the assessment date is 2026-06-30\n\n'
        "  Scenario: a finding\n    An inspector's finding decides a review item.\n"
        '    Givne inspector "Lin" found JA-14-1 fail on 2026-05-20\n'
        "    When it is assessed\n    Then the status of JA-14-1 is needs review\n"
    )
    result = run("scenarios", _feature(tmp_path, english, "en.feature", head=""), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "en.feature:11: 'Givne inspector \"Lin\" found JA-14-1 fail on 2026-05-20' is not read as a step" in (
        result.output
    )
    assert "en.feature:2" not in result.output and "en.feature:10" not in result.output


@pytest.mark.parametrize("written", ["JA-14-01", "JA-99-1", "ja-14-1"])
def test_an_attestation_of_an_unknown_requirement_is_refused_with_the_closest(
    written: str, run: Run, tmp_path: Path
) -> None:
    """A finding on a misspelt id was recorded for no requirement, and the scenario expecting 待核查 passed."""
    body = (
        f"  场景: 编号写错\n{VILLAGE}    而且 评估日期为 2026-06-30\n"
        f"    而且 检查员“林检查员”于 2026-05-20 认定要求 {written} 通过\n    当 评估\n"
        "    那么 要求 JA-14-1 的状态为 待核查\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 1, result.output
    assert f"写错.feature:7: 而且 检查员“林检查员”于 2026-05-20 认定要求 {written} 通过" in result.output
    assert f"没有编号为 {written} 的要求；最接近的：" in result.output
    english = (
        'Feature: id\n  Scenario: id\n    Given a village "Jiufeng" in 晋安区\n'
        "    And the assessment date is 2026-06-30\n    When it is assessed\n    Then the status of JA-14-07 is pass\n"
    )
    result = run("scenarios", _feature(tmp_path, english, "en.feature", head=""), "--lang", "en")
    assert re.search(r"no requirement JA-14-07; closest: JA-14-\d+, JA-14-\d+", result.output), result.output


def test_a_given_step_after_when_is_said_to_be_misplaced_not_undefined(run: Run, tmp_path: Path) -> None:
    """`而且 指标…` after 当 评估 is a 当 step to pytest-bdd: it was called undefined, offering the same step as the
    closest. So was `而且 搜索结果包含 JA-14-07` given no id: the search results were shown, not the unknown id."""
    body = (
        f"  场景: 评估后再给数据\n{VILLAGE}    而且 评估日期为 2026-06-30\n    当 评估\n"
        "    而且 指标“农村生活污水治理率”为 80%\n    那么 要求 JA-14-7 的状态为 通过\n\n"
        "  场景: 搜索编号写错\n    当 搜索规则“污水”\n    那么 搜索结果包含 JA-14-07\n"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert "步骤写错了位置：而且 指标“农村生活污水治理率”为 80%（" in result.output, result.output
    assert "写错.feature:8）\n      这是“假如”类步骤，应写在“当 评估”之前" in result.output
    assert "未定义的步骤" not in result.output and "还没有场所" not in result.output
    assert "写错.feature:13: 那么 搜索结果包含 JA-14-07\n      没有编号为 JA-14-07 的要求；最接近的：" in result.output


def test_an_outline_with_no_example_rows_and_a_utf16_file_are_named(run: Run, tmp_path: Path) -> None:
    """An 例子 table of only its header, or none, made every step read `<治理率>` as written; a UTF-16 file (Notepad's
    'Unicode') was called a binary file."""
    outline = (
        f"  场景大纲: {{name}}\n{VILLAGE}    而且 指标“农村生活污水治理率”为 <治理率>\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n    那么 要求 JA-14-7 的状态为 <状态>\n\n"
    )
    body = outline.format(name="空例子") + "    例子:\n      | 治理率 | 状态 |\n\n" + outline.format(name="没有例子")
    result = run("scenarios", _feature(tmp_path, body))
    assert result.exit_code == 2, result.output
    assert "写错.feature:11: 例子表没有数据行" in result.output
    assert "写错.feature:14: 场景的步骤用到 <列名>，但没有“例子:”表给出它们的值" in result.output
    (tmp_path / "写错.feature").unlink()
    (tmp_path / "unicode.feature").write_text(HEAD + f"  场景: 一\n{VILLAGE}{TAIL}", encoding="utf-16")
    result = run("scenarios", tmp_path)
    assert result.exit_code == 2 and "unicode.feature: 是 UTF-16 编码的文本（记事本的“Unicode”），请另存为 UTF-8" in (
        result.output
    )


def test_a_header_row_in_the_writers_own_words_is_said_to_be_an_unknown_header(run: Run, tmp_path: Path) -> None:
    """`| 指标名称 | 数值 |` was read as a row, refused as the unknown metric 指标名称; `| 编号 | 结果 |` as the status
    word 结果. An attributes row of header words and more (`| 编号 | 项目1 |`) is still a row."""
    body = (
        f"  场景: 数据表表头\n{VILLAGE}    而且 上报数据如下：\n      | 指标名称 | 数值 |\n"
        f"      | 农村生活污水治理率 | 80% |\n{TAIL}\n"
        f"  场景: 状态表表头\n{VILLAGE}    而且 指标“农村生活污水治理率”为 80%\n    而且 评估日期为 2026-06-30\n"
        "    当 评估\n    那么 各要求的状态如下：\n      | 编号 | 结果 |\n      | JA-14-7 | 通过 |\n\n"
        f"  场景: 名称是数据行\n{VILLAGE}    而且 该场所的属性如下：\n      | 编号 | 项目1 |\n{TAIL}"
    )
    result = run("scenarios", _feature(tmp_path, body))
    assert (
        "写错.feature:6: 而且 上报数据如下：\n      表头“| 指标名称 | 数值 |”不认识：请写 | 指标 | 值 |"
        in result.output
    )
    assert "表头“| 编号 | 结果 |”不认识" in result.output and "共 3 个场景：通过 1，失败 2" in result.output, (
        result.output
    )
