"""Values as inspectors write them in a facts file: read one way, the same as in a batch, or refused.

YAML 1.1 (what PyYAML reads) turns 075 into 61, 0x55 into 85 and 1:15 into 75; a comma in 8,5 used to be
dropped (85%). Blank markers (—, /, 无数据) are missing data, and dates come in the forms people type.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from compliance.load.values import BLANK_MARKERS, ValueProblem, read_date, read_value
from compliance.model.metric import Metric, MetricType
from compliance.model.plan import RulePack

Run = Callable[..., Result]
SITE = "site: {id: JA-V-0001, kind: village, name: 九峰村, district: 晋安区}\n"
SEWAGE = "rural_domestic_sewage_treatment_rate"
WASTE = "domestic_waste_generation"


def _check(run: Run, tmp_path: Path, facts: str, *extra: str) -> tuple[Result, dict[str, Any]]:
    path = tmp_path / "site.yaml"
    path.write_text(SITE + "facts:\n" + facts, encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30", "--format", "json", *extra)
    assert "Traceback" not in result.output
    return result, json.loads(result.stdout)


def _observed(report: dict[str, Any], metric: str) -> list[Any]:
    findings = report["assessments"][0]["findings"]
    return [o["value"] for f in findings for o in f["observed"] if o["metric"] == metric]


def test_a_leading_zero_is_not_octal(run: Run, tmp_path: Path) -> None:
    result, report = _check(run, tmp_path, f"  {SEWAGE}: 075\n")
    assert result.exit_code in (0, 1, 3) and set(_observed(report, SEWAGE)) == {75.0}


@pytest.mark.parametrize("written", ["0x55", "1:15", "1_000", "8,5", "8，5", "12,34"])
def test_numbers_only_yaml_1_1_or_a_decimal_comma_would_read_are_refused(
    run: Run, tmp_path: Path, written: str
) -> None:
    result, report = _check(run, tmp_path, f"  {SEWAGE}: {written}\n")
    assert result.exit_code == 2 and report["assessments"] == []
    message = report["errors"][0]["message"] if "errors" in report else result.output
    assert repr(written) in message or written in message


def test_thousands_separators_in_place_are_read(pack: RulePack) -> None:
    metric = pack.catalogue.metric(WASTE)
    assert read_value("1,234", metric) == 1234.0
    assert read_value("12,345.5", metric) == 12345.5
    for wrong in ("1,23", "12,3456", ",123", "1,,234"):
        with pytest.raises(ValueProblem, match="thousands separator"):
            read_value(wrong, metric)


@pytest.mark.parametrize("marker", ["—", "/", "无数据", " - ", "N/A", "暂无"])
def test_blank_markers_are_missing_data_in_check(run: Run, tmp_path: Path, marker: str) -> None:
    result, report = _check(run, tmp_path, f'  {SEWAGE}: "{marker}"\n  农村自来水普及率: {{value: "{marker}"}}\n')
    assert result.exit_code == 3, result.output
    missing = {m for f in report["assessments"][0]["findings"] for m in f["missing"]}
    assert {SEWAGE, "rural_tap_water_coverage"} <= missing


def test_no_is_not_a_blank_marker() -> None:
    assert "无" not in BLANK_MARKERS and "0" not in BLANK_MARKERS


@pytest.mark.parametrize("written", ["2025/6/30", "2025-6-30", "2025年6月30日", "2025-06-30", "2025.6.30"])
def test_observed_on_and_as_of_in_the_forms_people_write(run: Run, tmp_path: Path, written: str) -> None:
    facts = f"  {SEWAGE}: {{value: 80, observed_on: {written}}}\n"
    path = tmp_path / "site.yaml"
    path.write_text(SITE + "facts:\n" + facts, encoding="utf-8")
    result = run("check", path, "--as-of", written, "--format", "json")
    assert result.exit_code in (0, 1, 3), result.output
    assessment = json.loads(result.stdout)["assessments"][0]
    assert assessment["as_of"] == "2025-06-30"
    observed = [o for f in assessment["findings"] for o in f["observed"] if o["metric"] == SEWAGE]
    assert observed and {o["observed_on"] for o in observed} == {"2025-06-30"}


@pytest.mark.parametrize(("written", "says"), [("2025-02-30", "has no day 30"), ("2025年13月1日", "no month 13")])
def test_an_impossible_date_says_so(run: Run, tmp_path: Path, written: str, says: str) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(SITE + f"facts:\n  {SEWAGE}: {{value: 80, observed_on: {written}}}\n", encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert result.exit_code == 2 and "not a real date" in result.output and says in result.output
    result = run("check", path, "--as-of", written)
    assert result.exit_code == 2 and "not a real date" in result.output and "Traceback" not in result.output
    with pytest.raises(ValueProblem, match="expected a date"):
        read_date("30/6/2025")


@pytest.mark.parametrize(
    ("metric_id", "written", "read"),
    [
        ("stock_enhancement_release", "已开展", True),
        ("stock_enhancement_release", "未开展", False),
        ("beautiful_village_built", "已建成", True),
        ("beautiful_village_built", "未建成", False),
        ("beautiful_village_built", "√", True),
        ("beautiful_village_built", "×", False),
        ("beautiful_village_built", "没有", False),
    ],
)
def test_yes_and_no_as_a_clerk_answers_them(pack: RulePack, metric_id: str, written: str, read: bool) -> None:
    """已/未 with the deed the fact asks about (已开展 for 开展增殖放流, 未建成 for 已建成美丽乡村); a tick and a
    cross. The 已 of another deed is refused: work started (已开展) is not a village built."""
    metric = pack.catalogue.metric(metric_id)
    assert read_value(written, metric) is read
    for other in ("已停止", "已开展" if metric_id == "beautiful_village_built" else "已建成"):
        with pytest.raises(ValueProblem, match="true or false"):
            read_value(other, metric)


def test_a_count_written_with_its_unit_is_the_count_and_another_unit_is_refused(pack: RulePack) -> None:
    metric = pack.catalogue.metric("beautiful_cell_count")
    assert (read_value("12个", metric), read_value("3 个", metric)) == (12.0, 3.0)
    assert (read_value("1,200根", metric), read_value("3座", metric)) == (1200.0, 3.0)  # the thing's measure word
    for wrong in ("12吨", "个", "12户"):
        with pytest.raises(ValueProblem, match="a number in 个"):
            read_value(wrong, metric)


@pytest.mark.parametrize("written", [2.5, "1.5个", "2.5 处", 0.5])
def test_a_count_is_a_whole_number(pack: RulePack, written: object) -> None:
    """2.5 美丽园区 passed 「一批」 and 1.5 was "还需 0.5 个": a number of things counted is whole; a fraction is a
    slip, a mean or a score, refused naming the metric, unless the catalogue says the count may hold one
    (`fractional`)."""
    parks = pack.catalogue.metric("beautiful_park_count")
    with pytest.raises(ValueProblem, match="is not a whole number: 美丽园区数量 counts things"):
        read_value(written, parks)
    assert read_value(2.0, parks) == read_value("3个", parks) - 1 == 2.0
    assert read_value(2.5, parks.model_copy(update={"fractional": True})) == 2.5
    assert read_value(2.5, pack.catalogue.metric("eqi")) == 2.5  # an index is no count


def test_a_fraction_of_a_count_is_refused_in_a_facts_file_and_a_batch(run: Run, tmp_path: Path) -> None:
    site = 'site: {id: C1, kind: city, name: 厦门市, admin_code: "350200"}\nfacts:\n'
    path = tmp_path / "city.yaml"
    path.write_text(site + "  美丽园区数量: 2.5\n", encoding="utf-8")
    result = run("check", path, "--as-of", "2028-03-01")
    assert result.exit_code == 2 and "facts.美丽园区数量: 2.5 is not a whole number" in result.output
    table = tmp_path / "cities.csv"
    table.write_text("站点编号,名称,美丽细胞数量\nC1,厦门市,2.5\n", encoding="utf-8")
    run("batch", table, "--kind", "city", "--out", tmp_path / "out", "--as-of", "2028-03-01", "--workers", "1")
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "美丽细胞数量,'2.5' is not a whole number" in rejected


def test_a_number_with_its_unit_spelt_another_way_or_in_full_width_is_the_number(pack: RulePack) -> None:
    """The plan's own 微克/立方米, ug/m3 and μg/m3 for μg/m³, m³ for 立方米, and ８６．５ in full-width digits."""
    pm25 = pack.catalogue.metric("pm25_annual_mean")
    readings = [read_value(written, pm25) for written in ("24微克/立方米", "18 ug/m3", "17.6μg/m3", "17.6 µg/m³")]
    assert readings == [24.0, 18.0, 17.6, 17.6]
    with pytest.raises(ValueProblem, match="a number in"):
        read_value("0.018 mg/m3", pm25)
    rate = pack.catalogue.metric("rural_domestic_sewage_treatment_rate")
    assert read_value("８６．５", rate) == 86.5 and read_value("８６．５％", rate) == 86.5


def test_yes_and_no_as_numbers_and_status_words_where_they_answer(pack: RulePack) -> None:
    """1 and 0 are yes and no in a facts file as in a cell; 达标 or 已完成 say how something went, so they answer a
    duty (废弃矿山整治: 已完成) but never a fact deciding what a site is (病险水库: 不达标 is refused, not read as 否,
    which would switch the rule off) or one a rule wants 否 (违规占用生态保护红线: 不达标 would read as none)."""
    built = pack.catalogue.metric("beautiful_village_built")
    assert (read_value(1.0, built), read_value(0, built), read_value("未完成", built)) == (True, False, False)
    named = {m.name_zh: m for m in pack.catalogue.metrics}
    met, done = named["饮用水水质达标"], named["废弃矿山整治"]
    assert (read_value("不达标", met), read_value("已完成", done)) == (False, True)
    fume = named["油烟达标排放"]  # decides whom a penalty covers, and asks in its own words whether it is met
    assert not fume.status_words and read_value("达标", fume) is True and read_value("不达标", fume) is False
    for fact in ("是否为闽江干流省控断面", "病险水库", "纳入排污许可管理名录", "违规占用生态保护红线"):
        assert not named[fact].status_words and read_value("否", named[fact]) is False
        for status in ("不达标", "未完成", "达标", "已完成"):
            with pytest.raises(ValueProblem, match="is not a duty it reports on"):
                read_value(status, named[fact])
    with pytest.raises(ValueProblem):
        read_value(2, built)
    zoning = next(m for m in pack.catalogue.metrics if m.name_zh.startswith("符合“三线一单”"))
    assert (read_value("符合", zoning), read_value("不符合", zoning)) == (True, False)
    with pytest.raises(ValueProblem):
        read_value("符合", built)  # 符合 answers only a fact asking whether something conforms


UNDER_WAY_DUTIES = (
    "eco_clean_small_watershed_construction",
    "abandoned_mine_remediated",
    "buffer_zone_restoration_pilot",
    "reservoir_reinforced",
    "jiangbei_flash_flood_project_underway",
    "water_system_connectivity_works",
)
"""JA-21-7, JA-21-8, JA-24-7, JA-26-2, JA-26-5 and JA-26-9: 推进/开展/继续实施, with no date; 是 is work under way."""


@pytest.mark.parametrize("metric_id", UNDER_WAY_DUTIES)
def test_work_under_way_is_yes_and_not_finished_is_refused(pack: RulePack, metric_id: str) -> None:
    """For a fact whose 是 is work under way (全区正在推进…, 已开展（完成）…), the plan's verbs and 实施中 are 是,
    未开展 is 否, and 未完成, which says only that the work is not finished, is refused asking whether it has begun."""
    fact = pack.catalogue.metric(metric_id)
    assert fact.progress == "under_way"
    for written in ("已开展", "已推进", "正在实施", "实施中", "在建", "已完成"):
        assert read_value(written, fact) is True, written
    for written in ("未开展", "尚未开展", "未实施", "否"):
        assert read_value(written, fact) is False, written
    for written in ("未完成", "尚未完成", "未建成"):
        with pytest.raises(ValueProblem) as problem:
            read_value(written, fact)
        assert "not whether it has begun" in problem.value.en and "不说明是否已开展" in problem.value.zh


def test_a_duty_defined_as_completed_refuses_work_only_begun(pack: RulePack) -> None:
    """排污口规范整治 is defined 园区排污口已完成规范整治: 已开展 (the verb its plan puts before it) and 实施中 say the
    work has begun, not that it is complete, so they are refused; 已完成 and 已整治 are 是, 未完成 否."""
    outfalls = pack.catalogue.metric("outfalls_standardized")
    for written in ("已开展", "实施中", "正在实施"):
        with pytest.raises(ValueProblem) as problem:
            read_value(written, outfalls)
        assert "not that it is complete" in problem.value.en and "不说明已经完成" in problem.value.zh
    assert (read_value("已完成", outfalls), read_value("已整治", outfalls), read_value("未完成", outfalls)) == (
        True,
        True,
        False,
    )


def test_every_fact_defined_as_work_under_way_reads_it_so(pack: RulePack) -> None:
    """A yes/no fact whose definition makes work going on 是 (正在…, 在实施, 在建, 已开展（完成）) carries progress:
    under_way, so that 未完成 is never read as its 否; a fact done once (开展（完成）一次即已做到) is no such fact."""
    under_way = re.compile(r"正在|在实施|在建(?!工程|建筑)|已开展（完成）|已开工")
    for fact in pack.catalogue.metrics:
        defined = fact.definition_zh
        if fact.type == MetricType.BOOLEAN and under_way.search(defined) and "一次完成" not in defined:
            assert fact.progress == "under_way", fact.id
    others = [f.id for f in pack.catalogue.metrics if f.progress is not None and f.type != MetricType.BOOLEAN]
    assert others == []


def test_a_level_in_another_case_or_width_is_the_level_when_only_one_fits(pack: RulePack) -> None:
    """Other, MIN RIVER, ｉｉ: a clerk's capitals or full-width letters name the one level they spell."""
    basin = pack.catalogue.metric("river_basin")
    assert [read_value(written, basin) for written in ("Other", "MIN RIVER", "闽江")] == ["other", "min", "min"]
    water = pack.catalogue.metric("water_quality_class")
    assert read_value("ｉｉ", water) == read_value("II", water)
    with pytest.raises(ValueProblem):
        read_value("Others", basin)


def test_a_grade_as_written_on_its_certificate_is_read_and_a_refusal_lists_the_chinese_names(pack: RulePack) -> None:
    """The words of a 清洁生产审核 report, a 美丽园区 letter and an A级 plaque; half-width brackets are the same name;
    a grade still unknown is refused naming the levels as the template gives them, not only their ids."""
    cleaner = pack.catalogue.metric("cleaner_production_level")
    assert [read_value(w, cleaner) for w in ("国内先进水平", "二级", "国内清洁生产先进水平")] == [
        "domestic_advanced"
    ] * 3
    park = pack.catalogue.metric("beautiful_park_level")
    assert read_value("初级版(节能减排型)", park) == read_value("初级版（节能减排型）", park) == "primary"
    scenic = pack.catalogue.metric("scenic_area_grade")
    assert [read_value(w, scenic) for w in ("AAAA级", "国家4A级旅游景区", "未评级")] == ["4A", "4A", "unrated"]
    with pytest.raises(ValueProblem, match=r"国内清洁生产先进水平 \(domestic_advanced\)"):
        read_value("较好", cleaner)


def test_half_a_deed_is_not_the_deed(pack: RulePack) -> None:
    """已/未 answers a fact with the deed its name opens or ends with; a word from inside the name is half of it (已排查
    for 排查整治, 已建设 for 建设达标), and a thing the name ends with is not a deed (已规划 for 实施…规划)."""

    def metric(name: str) -> Metric:
        return next(m for m in pack.catalogue.metrics if m.name_zh == name)

    greenway = metric("实施绿道近期实施规划")
    assert read_value("已实施", greenway) is True and read_value("未实施", greenway) is False
    risks = metric("开展环境风险隐患排查整治")
    assert read_value("已开展", risks) is True
    source = metric("水源地规范化建设达标")
    assert read_value("已达标", source) is True
    for written, fact in (("已规划", greenway), ("已排查", risks), ("已建设", source), ("已风险", risks)):
        with pytest.raises(ValueProblem):
            read_value(written, fact)


def test_binary_noise_is_not_a_shortfall(pack: RulePack, run: Run, tmp_path: Path) -> None:
    """99.89999999999999 is what Excel saves for a formula it shows as 99.9, and what three villages at 99.8, 99.9 and
    100 of 1,000 people each average to in binary floating point: both are 99.9, which meets 达99.9%以上 (JA-14-20)."""
    water = pack.catalogue.metric("rural_tap_water_coverage")
    assert read_value(99.89999999999999, water) == read_value("99.89999999999999", water) == 99.9
    table = tmp_path / "villages.csv"
    rows = ["站点编号,名称,所在区,乡镇,农村自来水普及率(%),农村人口(人)", "JA-V-0001,岭头村,晋安区,宦溪镇,99.8,1000"]
    rows += ["JA-V-0002,降虎村,晋安区,宦溪镇,99.9,1000", "JA-V-0003,板桥村,晋安区,宦溪镇,100,1000"]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run(
        "batch", table, "--kind", "village", "--out", tmp_path / "out", "--as-of", "2026-06-30", "--workers", "1"
    )
    assert "JA-14-20 农村自来水普及率 = 99.9%（按“农村人口”加权，3个行政村） → 通过" in result.output, result.output


@pytest.mark.parametrize("written", ["0.865", "0.5"])
def test_a_share_in_a_facts_file_is_refused_not_read_as_under_one_percent(
    run: Run, tmp_path: Path, written: str
) -> None:
    """0.865 for 86.5% failed every target as 0.865%: a plain number between 0 and 1 does not say which it is, in a
    facts file or a JSONL line as in a table's column; 0.865% and 86.5 are read as written."""
    result = run("check", _file(tmp_path, f"  {SEWAGE}: {written}\n"), "--as-of", "2026-06-30")
    assert result.exit_code == 2 and "is between 0 and 1: write" in result.output
    for plain in ("0.865%", "86.5"):
        assert run("check", _file(tmp_path, f'  {SEWAGE}: "{plain}"\n'), "--as-of", "2026-06-30").exit_code != 2


@pytest.mark.parametrize("written", ["1", "1.0", "1.00", '"1"'])
def test_one_for_a_percentage_is_refused_as_it_may_be_all_of_them(run: Run, tmp_path: Path, written: str) -> None:
    """1 or 1.0 was read as 1% where a statistician who keeps shares as fractions means all of them (100%), the exact
    threshold of 全域/全覆盖 targets: refused like 0.99, naming the key; "1%" and 100 are read as written."""
    result = run("check", _file(tmp_path, f"  {SEWAGE}: {written}\n"), "--as-of", "2026-06-30")
    assert result.exit_code == 2, result.output
    assert f"{SEWAGE}: " in result.output and 'write 100 if it is a share meaning all of them, or "1%"' in result.output
    assert "'1' may be a share" in result.output and "1.0" not in result.output.replace(written, "")  # as written
    assert "若指全部请写100，若为百分之一请写“1%”" in result.output  # and in Chinese, as every message
    series = run("check", _file(tmp_path, f"  {SEWAGE}: {{series: {{2025: {written}}}}}\n"), "--as-of", "2026-06-30")
    assert series.exit_code == 2 and "2025: " in series.output
    for plain in ('"1%"', "100", "0"):
        assert run("check", _file(tmp_path, f"  {SEWAGE}: {plain}\n"), "--as-of", "2026-06-30").exit_code != 2


def test_a_column_of_ones_for_a_percentage_still_stops_the_batch(run: Run, tmp_path: Path) -> None:
    """The batch judges a percent column as a whole (docs/batch.md): a column of 1s is shares (100%) unless
    --fractions says so, and is then read as 100%."""
    table = tmp_path / "villages.csv"
    rows = ["站点编号,名称,所在区,乡镇,农村自来水普及率(%)", "JA-V-0001,岭头村,晋安区,宦溪镇,1"]
    rows += ["JA-V-0002,降虎村,晋安区,宦溪镇,1"]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ("batch", table, "--kind", "village", "--as-of", "2026-06-30", "--workers", "1")
    refused = run(*args, "--out", tmp_path / "a")
    assert refused.exit_code == 2 and "every number in this percent column is between 0 and 1" in refused.output
    read = run(*args, "--out", tmp_path / "b", "--fractions")
    assert "JA-14-20 农村自来水普及率 = 100%" in read.output, read.output


def test_a_one_among_percentages_is_rejected_giving_both_readings(run: Run, tmp_path: Path) -> None:
    """A 1 in a column of 86.5, 91 and 0 is most plausibly 1% (a village whose sewage treatment has barely begun), or
    100% as a share: the rejection gives both readings, in English and Chinese, as check does, never only "write
    100", which would turn a village at 1% into 100%; 0.92 among them likewise."""
    table = tmp_path / "villages.csv"
    rows = ["站点编号,名称,所在区,农村生活污水治理率(%)", "JA-V-1,九峰村,晋安区,86.5", "JA-V-2,岭头村,晋安区,91"]
    rows += ["JA-V-3,降虎村,晋安区,1", "JA-V-4,前洋村,晋安区,0", "JA-V-5,宦溪村,晋安区,0.92"]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run(
        "batch", table, "--kind", "village", "--as-of", "2026-06-30", "--workers", "1", "--out", tmp_path / "o"
    )
    assert result.exit_code == 0, result.output
    reasons = {
        r["site_id"]: r["reason"] for r in csv.DictReader((tmp_path / "o" / "rejected.csv").open(encoding="utf-8-sig"))
    }
    assert set(reasons) == {"JA-V-3", "JA-V-5"}
    one = reasons["JA-V-3"]
    assert "'1' in a column of percentages may be a share" in one and "write 100 if it is a share meaning all" in one
    assert '"1%" with the sign if it is one percent' in one and "若指全部请写100，若为百分之一请写“1%”" in one
    assert "whole percentages" not in one and "--fractions" not in one  # 86.5 and 91 are no shares
    assert 'write 92 if it is a share (92%), or "0.92%"' in reasons["JA-V-5"] and "“0.92%”" in reasons["JA-V-5"]


def test_a_one_for_a_percentage_is_refused_in_chinese_in_a_chinese_scenario(run: Run, tmp_path: Path) -> None:
    """A zh-CN scenario names the value it cannot read in Chinese, as written (1, not 1.0), giving both readings; an
    English one in English."""
    steps = {
        "zh": "# language: zh-CN\n功能: 一\n\n  场景: 一\n    假如 一个位于晋安区的行政村“九峰村”\n"
        "    而且 指标“农村生活污水治理率”为 1\n    而且 评估日期为 2026-06-30\n    当 评估\n"
        "    那么 要求 JA-14-7 的状态为 通过\n",
        "en": 'Feature: one\n\n  Scenario: one\n    Given a village "Jiufeng" in 晋安区\n'
        '    And the metric "rural domestic sewage treatment rate" is 1\n    And the assessment date is 2026-06-30\n'
        "    When it is assessed\n    Then the status of JA-14-7 is pass\n",
    }
    (tmp_path / "zh.feature").write_text(steps["zh"], encoding="utf-8")
    zh = run("scenarios", tmp_path / "zh.feature").output
    assert "的值“1”无法读取：“1”可能是比例（1即全部，100%），也可能是1%：若指全部请写100" in zh, zh
    assert "may be a share" not in zh and "1.0" not in zh
    (tmp_path / "en.feature").write_text(steps["en"], encoding="utf-8")
    en = run("scenarios", tmp_path / "en.feature", "--lang", "en").output
    assert "cannot read '1': '1' may be a share (1 = all of them, 100%) or 1%" in en, en
    assert "可能是比例" not in en


def _file(tmp_path: Path, facts: str) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(SITE + "facts:\n" + facts, encoding="utf-8")
    return path


def test_a_metric_named_with_half_width_brackets_is_the_metric(pack: RulePack) -> None:
    """The plan writes 生态质量指数(EQI); the catalogue 生态质量指数（EQI）: the width of a bracket is no other name."""
    from compliance.load.facts import MetricIndex

    index = MetricIndex(pack.catalogue)
    assert index.find("生态质量指数(EQI)") is index.find("生态质量指数（EQI）") is not None


def test_english_output_gives_a_count_an_english_word(run: Run, tmp_path: Path) -> None:
    """`--lang en` printed 个 (number of beautiful parks ≥ 2 个): a count's measure word reads in English."""
    path = tmp_path / "city.yaml"
    site = 'site: {id: C1, kind: city, name: 厦门市, admin_code: "350200"}\nfacts:\n'
    counts = "  美丽园区数量: {series: {2027: 1}}\n  美丽细胞数量: {series: {2027: 3}}\n"  # 2028: after the plan
    path.write_text(site + counts, encoding="utf-8")
    english = run("check", path, "--as-of", "2028-03-01", "--lang", "en", "--show", "fail,pass").output
    assert "个" not in english
    assert "1 more needed" in english and "number of beautiful parks ≥ 2 units" in english
    assert "number of beautiful cells 2027: 3 units" in english
    chinese = run("check", path, "--as-of", "2028-03-01", "--show", "fail").output
    assert "还需 1 个" in chinese and "美丽园区数量 ≥ 2 个" in chinese


def test_a_system_once_established_stands_as_a_platform_once_built(pack: RulePack) -> None:
    """「建立…指标体系」(XM-0-9) and 「建立…机制」(XM-0-24) wanted the due year's answer while 「建成…平台」
    (XM-11-8) stood once reached: a mechanism once 建立 is as lasting as a platform once 建成, so the three read
    alike."""
    for metric_id in (
        "beautiful_city_evaluation_indicator_system",
        "synergy_innovation_mechanism_established",
        "southwest_fujian_platform_built",
    ):
        assert pack.catalogue.metric(metric_id).lasting, metric_id
