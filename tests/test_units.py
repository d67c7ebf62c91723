"""A unit written after a metric's name is read, never ignored: the catalogue's unit (in any of its spellings)
names the metric, as a spreadsheet header or a facts key writes it; another unit (万吨 for 吨, mg/m³ for
μg/m³) is refused with the file, the line or header row, the key or column, and what to write instead, so
a figure is never read on the wrong scale."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance.load.facts import load_facts
from compliance.load.units import bracket_problem, unit_agrees
from compliance.load.values import read_value
from compliance.model.plan import RulePack
from compliance.model.problems import InputError

VILLAGE = {"id": "V1", "kind": "行政村", "name": "甲村", "district": "晋安区"}


def _facts_file(tmp_path: Path, facts: dict[str, object]) -> Path:
    path = tmp_path / "village.yaml"
    path.write_text(yaml.safe_dump({"site": VILLAGE, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("key", "metric_id"),
    [
        ("农村生活污水治理率(%)", "rural_domestic_sewage_treatment_rate"),
        ("农村生活污水治理率（％）", "rural_domestic_sewage_treatment_rate"),
        ("农村自来水普及率 (百分比)", "rural_tap_water_coverage"),
        ("生活垃圾产生量（吨）", "domestic_waste_generation"),
        ("生活垃圾产生量(t)", "domestic_waste_generation"),
        ("“一村一品”专业村数量（个）", "one_village_one_product_village_count"),
        ("距最近主要公园绿地距离（公里）", "distance_to_nearest_main_park"),
    ],
)
def test_a_key_with_the_metrics_unit_names_the_metric(pack: RulePack, tmp_path: Path, key: str, metric_id: str) -> None:
    facts = load_facts(_facts_file(tmp_path, {key: 12}), pack.catalogue)
    assert list(facts.observations) == [metric_id]
    assert facts.observations[metric_id].value == 12


@pytest.mark.parametrize(
    ("key", "unit"),
    [
        ("生活垃圾产生量（万吨）", "万吨"),
        ("农村生活污水治理率(‰)", "‰"),
        ("生活垃圾产生量(kg)", "kg"),
        ("生活垃圾产生量（公斤）", "公斤"),
    ],
)
def test_a_key_with_another_unit_is_refused_naming_it(pack: RulePack, tmp_path: Path, key: str, unit: str) -> None:
    path = _facts_file(tmp_path, {key: 0.05})
    with pytest.raises(InputError) as raised:
        load_facts(path, pack.catalogue)
    (problem,) = raised.value.problems
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if key in text)
    assert (problem.file, problem.line, problem.field) == (str(path), line, f"facts.{key}")
    assert f"the unit {unit!r} is not the unit of" in problem.message and "请换算为" in problem.message


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("农村生活污水治理率（上年）", "says the figures are not"),
        ("农村自来水普及率（目标值）", "says the figures are not"),
        ("农村生活垃圾无害化处理率（预计）", "says the figures are not"),
        ("“一村一品”专业村数量（含在建）", "says the figures are not"),
        ("已建成美丽乡村（2027年计划）", "says the figures are not"),  # a yes/no too: a plan is not a village built
        ("农村生活污水治理率（截至2025年底）", "holds a date"),
        ("农村生活污水治理率（12月）", "holds a date"),
        ("农村生活污水治理率（指标值）", "says the figures are not"),  # a target
        ("农村自来水普及率（设计）", "says the figures are not"),
        ("农村自来水普及率（约）", "is neither"),
        ("供水工程供水人口（户）", "the unit '户' is not the unit of"),  # households are not people
    ],
)
def test_a_bracket_saying_the_figure_is_not_the_observed_one_now_is_refused(
    pack: RulePack, tmp_path: Path, key: str, says: str
) -> None:
    """（上年） （目标值） （预计） （含在建） （计划）: the column holds last year's figure, a target, an estimate or
    works not finished, never read as the site's figure now; a date in brackets asks for a period instead."""
    path = _facts_file(tmp_path, {key: "是" if "美丽乡村" in key else 80})
    with pytest.raises(InputError) as raised:
        load_facts(path, pack.catalogue)
    (problem,) = raised.value.problems
    assert problem.field == f"facts.{key}" and says in problem.message


def test_a_unit_with_a_note_that_changes_nothing_is_the_unit(pack: RulePack) -> None:
    rate = pack.catalogue.metric("rural_domestic_sewage_treatment_rate")
    built = pack.catalogue.metric("beautiful_village_built")
    assert bracket_problem("%，必填", rate) == bracket_problem("实际值", rate) == ""
    assert all(bracket_problem(note, built) == "" for note in ("请填写是/否", "必填", "有/无"))
    for harmless in ("单位：%", "本期", "实测", "实际完成值", "当前"):
        assert bracket_problem(harmless, rate) == "", harmless
    assert "are not" in bracket_problem("%，设计", rate) and "is neither" in bracket_problem("预", built)


def test_people_are_counted_in_people(pack: RulePack) -> None:
    served = pack.catalogue.metric("water_supply_served_population")
    assert unit_agrees("人", served) and unit_agrees("位", served)
    assert not unit_agrees("户", served) and not unit_agrees("个", served)


def test_a_yes_no_or_a_level_takes_any_bracket(pack: RulePack) -> None:
    built = pack.catalogue.metric("beautiful_village_built")
    assert unit_agrees("是/否", built) and unit_agrees("填是或否", built)
    pm25 = pack.catalogue.metric("pm25_annual_mean")
    assert unit_agrees("μg/m³", pm25) and unit_agrees("ug/m3", pm25) and unit_agrees("微克/立方米", pm25)
    assert not unit_agrees("mg/m³", pm25)


def test_batch_refuses_a_column_on_another_scale(run: Callable[..., Result], tmp_path: Path) -> None:
    table = tmp_path / "villages.csv"
    header = [
        "村编号",
        "村名称",
        "所在区",
        "农村生活污水治理率(%)",
        "生活垃圾产生量(万吨)[2020]",
        "生活垃圾产生量(万吨)[2025]",
    ]
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, ["V1", "甲村", "晋安区", "80", "0.05", "0.04"]])
    result = run("batch", table, "--kind", "village", "--out", tmp_path / "out", "--as-of", "2026-06-30")
    assert result.exit_code == 2
    assert (
        f"{table}:1: 生活垃圾产生量(万吨)[2020]: the unit '万吨' is not the unit of 生活垃圾产生量 (吨)"
        in result.output
    )
    assert "农村生活污水治理率(%)" not in result.output  # its unit is the rate's own
    assert "Traceback" not in result.output


def test_an_index_without_a_unit_takes_no_unit(pack: RulePack, run: Callable[..., Result], tmp_path: Path) -> None:
    """生态质量指数（EQI） has no unit: a header or key naming one (（μg/m³）, （个）, （%）) is a column of
    something else (a neighbouring PM2.5 column renamed, a count of graded units) and is refused as a foreign unit
    is, in a facts key and a batch header alike; the index's own name and harmless notes are read."""
    eqi = pack.catalogue.metric("eqi")
    for unit in ("μg/m³", "个", "%"):
        assert not unit_agrees(unit, eqi)
        assert f"the unit {unit!r} is not the unit of 生态质量指数（EQI） (none" in bracket_problem(unit, eqi)
    assert bracket_problem("必填", eqi) == ""
    city = {"id": "C1", "kind": "city", "name": "厦门市", "admin_code": "350200"}
    path = tmp_path / "city.yaml"
    for key, refused in (("生态质量指数（EQI）（μg/m³）", True), ("生态质量指数(EQI)", False)):
        facts = {key: {"series": {2024: 70, 2025: 70}}}
        path.write_text(yaml.safe_dump({"site": city, "facts": facts}, allow_unicode=True), encoding="utf-8")
        if refused:
            with pytest.raises(InputError, match="is not the unit of"):
                load_facts(path, pack.catalogue)
        else:
            assert list(load_facts(path, pack.catalogue).observations) == ["eqi"]
    table = tmp_path / "cities.csv"
    table.write_text("站点编号,名称,生态质量指数（EQI）（个）\nC1,厦门市,70\n", encoding="utf-8")
    result = run("batch", table, "--kind", "city", "--out", tmp_path / "out", "--as-of", "2028-03-01")
    assert result.exit_code == 2 and "the unit '个' is not the unit of 生态质量指数（EQI）" in result.output


def test_a_ratio_unit_per_ten_thousand_yuan_is_the_metrics_own(pack: RulePack) -> None:
    """万元GDP用水量 is in 立方米/万元, however spelt, and in 立方米 alone after a name that says 万元 itself;
    单位GDP能耗's tce/万元 is 吨标准煤/万元. Another numerator or another denominator is still refused."""
    water = pack.catalogue.metric("water_use_per_10k_gdp")
    for spelt in ("立方米/万元", "m³/万元", "m3/万元", "方/万元", "立方米每万元", "立方米", "m³"):
        assert unit_agrees(spelt, water), spelt
    assert not unit_agrees("万立方米/万元", water) and not unit_agrees("立方米/亿元", water)
    energy = pack.catalogue.metric("energy_intensity")
    assert unit_agrees("tce/万元", energy) and unit_agrees("吨标煤/万元", energy)
    assert not unit_agrees("吨标准煤", energy) and not unit_agrees("千克标准煤/万元", energy)
    assert read_value("18.7 方/万元", water) == 18.7 and read_value("19 立方米", water) == 19.0


def test_a_ratio_per_ten_thousand_yuan_of_gdp_is_the_same_unit(pack: RulePack, tmp_path: Path) -> None:
    """吨标准煤/万元GDP and 立方米/万元GDP are how statistical bulletins and 水资源公报 head the columns: the 万元 are
    of GDP, which the name says already, so the unit is the catalogue's and the value is read unconverted (in a
    key, a header and after a number alike). Another amount of money (亿元GDP) is still refused."""
    water = pack.catalogue.metric("water_use_per_10k_gdp")
    energy = pack.catalogue.metric("energy_intensity")
    for spelt in ("立方米/万元GDP", "m³/万元GDP", "立方米每万元GDP", "立方米/每万元GDP", "立方米/万元地区生产总值"):
        assert unit_agrees(spelt, water) and bracket_problem(spelt, water) == "", spelt
    assert unit_agrees("吨标准煤/万元GDP", energy) and unit_agrees("tce/万元ＧＤＰ", energy)
    assert not unit_agrees("立方米/亿元GDP", water) and not unit_agrees("吨标准煤/GDP", energy)
    assert read_value("0.3吨标准煤/万元GDP", energy) == 0.3 and read_value("15 m³/万元GDP", water) == 15.0
    district = {"id": "JA-D", "kind": "district", "name": "晋安区", "district": "晋安区"}
    path = tmp_path / "district.yaml"
    facts = {"单位GDP能耗（吨标准煤/万元GDP）": 0.3, "万元GDP用水量（m³/万元GDP）": 15}
    path.write_text(yaml.safe_dump({"site": district, "facts": facts}, allow_unicode=True), encoding="utf-8")
    observations = load_facts(path, pack.catalogue).observations
    assert (observations["energy_intensity"].value, observations["water_use_per_10k_gdp"].value) == (0.3, 15)


def test_an_index_said_to_have_no_unit_is_read(pack: RulePack, run: Callable[..., Result], tmp_path: Path) -> None:
    """（无量纲）, （无单位） or （指数） after 生态质量指数（EQI） says what the catalogue says, that it has no
    unit: read as its name, alone or with a harmless note, in a key and a batch header; a unit is still refused
    after it, and （无量纲） after a metric with a unit is refused naming that unit."""
    eqi = pack.catalogue.metric("eqi")
    for written in ("无量纲", "无单位", "指数", "无量纲，必填"):
        assert bracket_problem(written, eqi) == "", written
    assert "is not the unit of 生态质量指数（EQI）" in bracket_problem("μg/m³", eqi)
    energy = pack.catalogue.metric("energy_intensity")
    said = bracket_problem("无量纲", energy)
    assert "says 单位GDP能耗 has no unit, but its unit is 吨标准煤/万元" in said and "表示无单位" in said
    city = {"id": "C1", "kind": "city", "name": "厦门市", "admin_code": "350200"}
    path = tmp_path / "city.yaml"
    facts = {"生态质量指数（EQI）（无量纲）": {"series": {2024: 70, 2025: 70}}}
    path.write_text(yaml.safe_dump({"site": city, "facts": facts}, allow_unicode=True), encoding="utf-8")
    assert list(load_facts(path, pack.catalogue).observations) == ["eqi"]
    table = tmp_path / "cities.csv"
    table.write_text("站点编号,名称,生态质量指数（EQI）（无量纲）\nC1,厦门市,70\n", encoding="utf-8")
    result = run("batch", table, "--kind", "city", "--out", tmp_path / "out", "--as-of", "2028-03-01")
    assert result.exit_code == 0, result.output


def test_a_per_gdp_ratio_takes_its_comparable_price_basis_and_refuses_current_prices(pack: RulePack) -> None:
    """Bulletins head 单位GDP能耗 (吨标准煤/万元GDP，2020年价) or (…，可比价): the price basis the ratio is defined
    at, not a date or a target; a figure at current prices (现价) is another figure, refused naming the basis
    wanted."""
    energy = pack.catalogue.metric("energy_intensity")
    for written in ("吨标准煤/万元GDP，2020年价", "吨标准煤/万元，可比价", "按2020年不变价计算", "2020年价"):
        assert bracket_problem(written, energy) == "", written
    assert "可比价" in bracket_problem("吨标准煤/万元，现价", energy)
    assert "date" in bracket_problem("2020年", energy)  # a year alone is still the figures' period
    rate = pack.catalogue.metric("rural_domestic_sewage_treatment_rate")
    assert bracket_problem("%，可比价", rate) != ""  # a price basis says nothing of a rate


def test_gdp_as_bulletins_name_it_is_the_plans_gdp(pack: RulePack) -> None:
    """单位地区生产总值能耗 and 万元地区生产总值用水量, the statistical bulletins' own row names, are 单位GDP能耗 and
    万元GDP用水量 (in a facts key, a batch header and a scenario alike: one index finds them)."""
    from compliance.load.facts import MetricIndex

    index = MetricIndex(pack.catalogue)
    for bulletin, plan in (("单位地区生产总值能耗", "单位GDP能耗"), ("万元地区生产总值用水量", "万元GDP用水量")):
        found, wanted = index.find(bulletin), index.find(plan)
        assert found is not None and found is wanted, bulletin
    assert index.find("单位国内生产总值二氧化碳排放") is index.find("单位GDP二氧化碳排放") is not None
