"""A rule every period must meet (每日两机扫, 评估期内未发生蓝藻水华) reads a whole log, not its last line: a metric
whose catalogue entry sets `series_value` stands, when given as a dated series, for its lowest or highest
period, and a period missing inside the series leaves it unknown (insufficient_data, with a notice naming
the periods). `check`, scenarios and `batch` read a series the same way."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.load.facts import load_facts
from compliance.model.logread import value_of_series
from compliance.model.plan import RulePack
from compliance.model.result import Assessment, Status
from tests.test_monthly_duty import _batch

AS_OF = dt.date(2026, 6, 30)
ROAD = {"属主次干道": "是", "属重点地段、重点区域或城市快速通道": "是"}


def _assess(pack: RulePack, tmp_path: Path, kind: str, facts: dict[str, object], as_of: dt.date = AS_OF) -> Assessment:
    site = {"id": "S1", "kind": kind, "name": "测试站点", "district": "晋安区"}
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return Assessor(pack).assess(load_facts(path, pack.catalogue), as_of)


def _status(assessment: Assessment, requirement: str) -> Status:
    return next(f.status for f in assessment.findings if f.requirement == requirement)


@pytest.mark.parametrize(
    ("log", "expected"),
    [
        ({"2025-01-01": 2, "2025-01-02": 3, "2025-01-03": 2}, Status.PASS),
        ({"2025-01-01": 2, "2025-01-02": 1, "2025-01-03": 2}, Status.FAIL),  # one short day, not the last
        ({"2025-01-01": 2, "2025-01-03": 2}, Status.INSUFFICIENT_DATA),  # 01-02 missing: it may be the short day
        ({"2025-01-01": 1, "2025-01-03": 2}, Status.INSUFFICIENT_DATA),
    ],
)
def test_a_daily_log_is_met_only_when_every_day_is(
    pack: RulePack, tmp_path: Path, log: dict[str, int], expected: Status
) -> None:
    """Read on 2025-01-04, the plan's first days (in force from 2025-01-01) are the whole of the year read."""
    assessment = _assess(pack, tmp_path, "road", {**ROAD, "每日机扫次数": {"series": log}}, dt.date(2025, 1, 4))
    assert _status(assessment, "JA-5-6") == expected
    holes = expected == Status.INSUFFICIENT_DATA
    assert any("2025-01-02" in notice.text_zh for notice in assessment.warnings) == holes


def test_a_single_count_is_read_as_before(pack: RulePack, tmp_path: Path) -> None:
    assert _status(_assess(pack, tmp_path, "road", {**ROAD, "每日机扫次数": 2}), "JA-5-6") == Status.PASS
    assert _status(_assess(pack, tmp_path, "road", {**ROAD, "每日机扫次数": 1}), "JA-5-6") == Status.FAIL


def test_an_occurrence_in_any_month_breaks_a_ban(pack: RulePack, tmp_path: Path) -> None:
    months = {"2026-04": "否", "2026-05": "是", "2026-06": "否"}
    bloom = _assess(pack, tmp_path, "reservoir", {"发生蓝藻水华": {"series": months}})
    assert _status(bloom, "JA-7-8") == Status.FAIL
    secured = {"2026-04": "是", "2026-05": "否", "2026-06": "是"}
    flow = _assess(pack, tmp_path, "river_segment", {"河湖生态流量得到保障": {"series": secured}})
    assert _status(flow, "JA-23-11") == Status.FAIL


@pytest.mark.parametrize(
    ("metric_id", "log", "expected"),
    [
        ("harms_chinese_white_dolphin", {"2026-01": False, "2026-03": True, "2026-05": False}, True),  # 03 decides
        ("harms_chinese_white_dolphin", {"2026-01": False, "2026-03": False, "2026-05": False}, None),  # 02 may
        ("drinking_water_quality_compliant", {"2026-01": True, "2026-02": False, "2026-05": True}, False),
        ("drinking_water_quality_compliant", {"2026-01": True, "2026-05": True}, None),
    ],
)
def test_a_missing_month_does_not_hide_a_breach_already_logged(
    pack: RulePack, metric_id: str, log: dict[str, bool], expected: bool | None
) -> None:
    """A yes/no month at its worst (a 是 of an occurrence, a 否 of 达标) decides the log whatever the months missing
    would say; without one, a missing month may be the breach, and the log stands for nothing."""
    assert value_of_series(log, pack.catalogue.metric(metric_id)) is expected


def test_a_breach_logged_in_any_month_breaks_a_prohibition(pack: RulePack, tmp_path: Path) -> None:
    """XM-8-3 严格保护中华白海豚 (a prohibition): a March breach is not undone by May; XM-9-6 确保饮用水安全: a failed
    February is not hidden by the months after it."""
    dolphin = {"2026-01": "否", "2026-03": "是", "2026-05": "否"}
    site = {"id": "PJ", "kind": "project", "name": "翔安某围填海项目", "district": "翔安区"}
    path = tmp_path / "project.yaml"
    path.write_text(
        yaml.safe_dump({"site": site, "facts": {"损害中华白海豚及其生境": {"series": dolphin}}}, allow_unicode=True),
        encoding="utf-8",
    )
    assert _status(Assessor(pack).assess(load_facts(path, pack.catalogue), AS_OF), "XM-8-3") == Status.FAIL
    water = {"2026-01": "是", "2026-02": "否", "2026-03": "是", "2026-04": "是", "2026-05": "是"}
    source = {"id": "WS", "kind": "water_source", "name": "坂头水库饮用水水源地", "district": "集美区"}
    path.write_text(
        yaml.safe_dump({"site": source, "facts": {"饮用水水质达标": {"series": water}}}, allow_unicode=True),
        encoding="utf-8",
    )
    assert _status(Assessor(pack).assess(load_facts(path, pack.catalogue), AS_OF), "XM-9-6") == Status.FAIL


def test_a_trend_metric_still_stands_for_its_latest_period(pack: RulePack) -> None:
    waste = pack.catalogue.metric("domestic_waste_generation")
    assert waste is not None and waste.series_value == "latest"
    assert value_of_series({"2020": 468.0, "2022": 430.0}, waste) == 430.0  # a hole is for the trend to judge


def test_the_scenario_steps_read_a_log_the_same_way(run: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "daily.feature").write_text(
        "# language: zh-CN\n功能: 每日两机扫\n\n  场景大纲: 台账\n"
        "    假如 一个位于晋安区的道路“某主干道”\n    而且 指标“属主次干道”为 是\n"
        "    而且 逐期数据“每日机扫次数”：<台账>\n    而且 评估日期为 2025-01-04\n    当 评估\n"
        "    那么 要求 JA-5-6 的状态为 <状态>\n\n    例子:\n      | 台账 | 状态 |\n"
        "      | 2025-01-01: 2，2025-01-02: 1，2025-01-03: 2 | 不达标 |\n"
        "      | 2025-01-01: 2，2025-01-03: 2 | 数据不足 |\n",
        encoding="utf-8",
    )
    result = run("scenarios", tmp_path)
    assert "共 2 个场景：通过 2，失败 0" in result.output, result.output


def test_batch_reads_a_log_as_check_does(run: Callable[..., Result], tmp_path: Path) -> None:
    months = ["2025-01", "2025-02", "2025-03"]  # the plan's first months: the whole year read on 2025-04-30
    header = ["编号", "名称", "所在区", *(f"发生蓝藻水华[{month}]" for month in months)]
    rows = [["R1", "甲水库", "晋安区", "否", "否", "否"], ["R2", "乙水库", "晋安区", "否", "是", "否"]]
    rows.append(["R3", "丙水库", "晋安区", "否", "", "否"])
    table = tmp_path / "reservoirs.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    run("batch", table, "--kind", "reservoir", "--out", out, "--as-of", "2025-04-30", "--workers", "1", "--quiet")
    found = {}
    for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines():
        finding = json.loads(line)
        if finding["requirement"] == "JA-7-8":
            found[finding["site"]] = finding["status"]
    assert found == {"R2": "fail", "R3": "insufficient_data"}  # R1 passes, and passes are not written
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        sites = {row["site_id"]: row for row in csv.DictReader(handle)}
    assert "JA-7-8" not in sites["R1"]["failing"] + sites["R1"]["missing_data"]


def test_a_log_is_read_over_the_year_to_its_latest_period(pack: RulePack, tmp_path: Path) -> None:
    """An inspection reads the last year of a log: a breach put right years back does not fail a site for ever,
    one within the year does, and a period missing before the year is not asked for."""
    landfill = {"2020": 52000, "2021": 30000, "2022": 12000, "2023": 0, "2024": 0, "2025": 0}
    district = {"原生生活垃圾填埋量（t）": {"series": landfill}}
    assert _status(_assess(pack, tmp_path, "district", district), "JA-8-20") == Status.PASS  # 零填埋 from 2023
    landfill_now = {**landfill, "2026": 300}
    district = {"原生生活垃圾填埋量（t）": {"series": landfill_now}}
    assert _status(_assess(pack, tmp_path, "district", district), "JA-8-20") == Status.FAIL
    months = {f"{year}-{month:02d}": "是" for year in (2023, 2024, 2025, 2026) for month in range(1, 13)}
    months = {period: value for period, value in months.items() if period <= "2026-06"}
    fumes = {"安装油烟净化装置": "是", "油烟超标排放已受处罚": "是", "位于城区": "是", "露天烧烤": "否"}
    old_breach = {**months, "2023-07": "否"}
    site = {**fumes, "油烟达标排放": {"series": old_breach}}
    assert _status(_assess(pack, tmp_path, "restaurant", site), "JA-5-22") == Status.PASS
    recent_breach = {**months, "2025-09": "否"}
    site = {**fumes, "油烟达标排放": {"series": recent_breach}}
    assert _status(_assess(pack, tmp_path, "restaurant", site), "JA-5-22") == Status.FAIL
    old_hole = {period: value for period, value in months.items() if period != "2024-03"}
    site = {**fumes, "油烟达标排放": {"series": old_hole}}
    assert _status(_assess(pack, tmp_path, "restaurant", site), "JA-5-22") == Status.PASS
    recent_hole = {period: value for period, value in months.items() if period != "2026-02"}
    site = {**fumes, "油烟达标排放": {"series": recent_hole}}
    assert _status(_assess(pack, tmp_path, "restaurant", site), "JA-5-22") == Status.INSUFFICIENT_DATA


@pytest.mark.parametrize(
    ("last", "expected"), [("2026-05", "pass"), ("2026-06", "pass"), ("2025-05", "insufficient_data")]
)
def test_a_log_that_stops_before_the_last_month_ended_is_missing_data_in_check_and_batch(
    run: Callable[..., Result], tmp_path: Path, last: str, expected: str
) -> None:
    """每月达标 (JA-23-5): a station's monthly log that stopped a year back says nothing of the months since; one
    that reaches the last month ended (or the month under way) is read as it is."""
    months = [f"{year}-{month:02d}" for year in (2024, 2025, 2026) for month in range(1, 13)]
    months = [month for month in months if "2024-06" <= month <= last]
    facts = {"水电站整治类别": "完善", "生态下泄流量当月达标": {"series": dict.fromkeys(months, "是")}}
    site = {"id": "H1", "kind": "水电站", "name": "某水电站", "district": "晋安区"}
    path = tmp_path / "station.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    checked = json.loads(run("check", path, "--as-of", "2026-06-30", "--format", "json").output)["assessments"][0]
    assert next(f["status"] for f in checked["findings"] if f["requirement"] == "JA-23-5") == expected
    stopped = [w["text_zh"] for w in checked["warnings"] if "记录止于" in w["text_zh"]]
    assert stopped == (
        [f"生态下泄流量当月达标：记录止于 {last}，缺此后至 2026-05 的记录。逐期记录须记到评估日期前的最近一期"]
        if expected != "pass"
        else []
    )
    assert _batch(run, tmp_path, dict.fromkeys(months, "是"))["status"] == expected  # a batch row reads it alike


MAIN_STEM = {"是否为闽江干流省控断面": "是", "是否为小流域断面": "否", "所属流域": "闽江"}


def test_a_monthly_log_of_a_class_stands_for_the_year_only_when_its_months_agree(
    pack: RulePack, tmp_path: Path
) -> None:
    """A section's class is the year's assessed class: monthly classes on both sides of Ⅱ类 cannot tell it (the
    latest month is not the year), months all within Ⅱ类 can, and a yearly series is read by its latest year."""
    months = {f"2025-{m:02d}": "Ⅱ类" for m in range(1, 13)}  # the deadline year's twelve months
    mixed = _assess(
        pack, tmp_path, "river_segment", {**MAIN_STEM, "水质类别": {"series": {**months, "2025-08": "Ⅳ类"}}}
    )
    assert _status(mixed, "JA-0-14") == Status.INSUFFICIENT_DATA
    assert _status(mixed, "JA-0-54") == Status.INSUFFICIENT_DATA
    reason = next(f.reason_zh for f in mixed.findings if f.requirement == "JA-0-14")
    assert "水质类别全年数值（各期结论不一：2025-01: Ⅱ类，2025-08: Ⅳ类" in reason
    third = _assess(
        pack, tmp_path, "river_segment", {**MAIN_STEM, "水质类别": {"series": {**months, "2025-08": "Ⅲ类"}}}
    )
    assert _status(third, "JA-0-54") == Status.PASS  # every month within Ⅰ-Ⅲ类: the year is too
    assert _status(third, "JA-0-14") == Status.INSUFFICIENT_DATA  # Ⅱ类 and Ⅲ类 months: 全面达到Ⅱ类 unknown
    steady = _assess(pack, tmp_path, "river_segment", {**MAIN_STEM, "水质类别": {"series": months}})
    assert _status(steady, "JA-0-14") == Status.PASS
    mended = {**months, "2025-08": "Ⅰ类"}  # better, but on the same side of every rule's constant
    assert _status(
        _assess(pack, tmp_path, "river_segment", {**MAIN_STEM, "水质类别": {"series": mended}}), "JA-0-14"
    ) == (Status.PASS)
    yearly = {"2024": "Ⅳ类", "2025": "Ⅱ类"}  # a year's class is the year's: the latest year decides
    assert _status(
        _assess(pack, tmp_path, "river_segment", {**MAIN_STEM, "水质类别": {"series": yearly}}), "JA-0-14"
    ) == (Status.PASS)


def test_a_condition_read_from_a_monthly_log_that_straddles_it_is_unknown(pack: RulePack, tmp_path: Path) -> None:
    """进水生化需氧量浓度低于100毫克/升 is the plant's (annual) figure: ten months below 100 and the last above leave
    whom the rule covers unknown, not `not_applicable`; the twelve months to the latest all above 100 leave it not
    covering the plant."""
    low = {"2025-07": 78, "2025-08": 72, "2026-04": 98, "2026-05": 104}
    plant = {"进水生化需氧量浓度（mg/L）": {"series": low}, "“一厂一策”提质增效系统化整治": "否"}
    assert _status(_assess(pack, tmp_path, "wastewater_plant", plant), "JA-25-9") == Status.INSUFFICIENT_DATA
    high = {f"2025-{m:02d}": 118 for m in range(6, 13)} | {f"2026-{m:02d}": 108 for m in range(1, 6)}
    plant = {"进水生化需氧量浓度（mg/L）": {"series": high}, "“一厂一策”提质增效系统化整治": "否"}
    assert _status(_assess(pack, tmp_path, "wastewater_plant", plant), "JA-25-9") == Status.NOT_APPLICABLE


def test_a_monthly_rate_is_judged_on_each_rules_own_targets(pack: RulePack, tmp_path: Path) -> None:
    """Months at 77–82%: every one meets 到2025年 75% (JA-14-7 passes on 2025's months, December's reaching the
    deadline), while 到2027年 80% is met by some and not others (JA-14-9: the year's rate unknown, not a pass on May's
    82)."""
    months = {"2025-07": 77.0, "2025-10": 79.0, "2025-12": 78.0, "2026-01": 80.5, "2026-05": 82.0}
    rates = _assess(pack, tmp_path, "village", {"农村生活污水治理率": {"series": months}})
    assert _status(rates, "JA-14-7") == Status.PASS
    assert _status(rates, "JA-14-9") == Status.INSUFFICIENT_DATA


def test_a_count_of_what_stands_is_read_by_its_latest_month(pack: RulePack) -> None:
    """A count of things built (个) is today's figure: a monthly log that rose past a constant is its latest month."""
    models = pack.catalogue.metric("beautiful_river_model_count")
    assert models.cuts and value_of_series({"2026-01": 0.0, "2026-05": 3.0}, models) == 3.0


def test_batch_reads_monthly_class_columns_as_check_does(run: Callable[..., Result], tmp_path: Path) -> None:
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    header = ["编号", "名称", "所在区", "是否为闽江干流省控断面", "是否为小流域断面", "所属流域"]
    header += [f"水质类别[{month}]" for month in months]
    rows = [["S1", "甲断面", "晋安区", "是", "否", "闽江", *["Ⅱ类"] * 12]]
    rows.append(["S2", "乙断面", "晋安区", "是", "否", "闽江", *["Ⅱ类"] * 10, "Ⅳ类", "Ⅱ类"])
    rows.append(["S3", "丙断面", "晋安区", "是", "否", "闽江", *[""] * 9, "Ⅱ类", "Ⅱ类", "Ⅱ类"])  # three months
    table = tmp_path / "sections.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    run("batch", table, "--kind", "river_segment", "--out", out, "--as-of", "2026-06-30", "--workers", "1", "--quiet")
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        sites = {row["site_id"]: row for row in csv.DictReader(handle)}
    assert "JA-0-14" not in sites["S1"]["failing"] + sites["S1"]["missing_data"]
    assert "JA-0-14" in sites["S2"]["missing_data"]
    assert "JA-0-14" in sites["S3"]["missing_data"]  # three months are not the year, in batch as in check


def test_a_district_figure_counts_a_village_whose_months_disagree_as_missing(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A village at 77–82% month by month has no year's rate a rule can read: the district's mean does not take its
    December figure as the year's, it counts the village as missing (the figure then undecided)."""
    months = ["2025-09", "2025-10", "2025-11", "2025-12"]
    header = ["站点编号", "名称", "所在区", "乡镇", *(f"农村生活污水治理率(%)[{m}]" for m in months)]
    rows = [
        ["V1", "九峰村", "晋安区", "寿山乡", "77", "82", "79", "81"],
        ["V2", "降虎村", "晋安区", "寿山乡", *["70"] * 4],
    ]
    table = tmp_path / "villages.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    run("batch", table, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figure = next(row for row in summary["districts"] if row["requirement"] == "JA-14-7")
    assert (figure["denominator"], figure["missing"], figure["status"]) == (1, 1, "insufficient_data"), figure


def test_a_count_of_each_day_given_by_month_is_set_aside_in_check_and_batch(
    pack: RulePack, run: Callable[..., Result], tmp_path: Path
) -> None:
    """31 sweeps in a June 月报 are about one a day: a 每日 count by month is never read as days (a pass on 31), but set
    aside with a notice, in `check` and in `batch` alike; by day it is read as before."""
    monthly = {"2026-04": 60, "2026-05": 62, "2026-06": 31}
    assessment = _assess(pack, tmp_path, "road", {**ROAD, "每日机扫次数": {"series": monthly}})
    assert _status(assessment, "JA-5-6") == Status.INSUFFICIENT_DATA
    assert any("须按日填报" in notice.text_zh for notice in assessment.warnings)
    table = tmp_path / "roads.csv"
    header = ["编号", "名称", "所在区", "属主次干道", "每日机扫次数[2026-05]", "每日机扫次数[2026-06]"]
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, ["R1", "福新路", "晋安区", "是", "62", "31"]])
    out = tmp_path / "out"
    run("batch", table, "--kind", "road", "--out", out, "--as-of", "2026-07-01", "--workers", "1", "--quiet")
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    found = {f["requirement"]: f["status"] for f in map(json.loads, lines)}
    assert found["JA-5-6"] == "insufficient_data"
    assert "每日的次数" in (out / "summary.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("requirement", "metric", "series", "named"),
    [
        ("JA-8-21", "城区生活垃圾无害化处置率", {2025: 100, 2026: 98}, "2026"),
        ("JA-0-20", "森林覆盖率在六城区中的位次", {2025: 1, 2026: 2}, "2026"),
        ("JA-16-12", "废旧农膜回收率", {2025: 86, 2026: 80}, "2026"),
    ],
)
def test_a_level_held_from_2025_fails_on_any_later_year_short_of_it(
    pack: RulePack, tmp_path: Path, requirement: str, metric: str, series: dict[int, float], named: str
) -> None:
    """保持100% (JA-8-21), 保持六城区首位 (JA-0-20) and 维持在85%以上 (JA-16-12) are levels held every year from 2025:
    a later year short of it fails, naming that year, though 2025 met it."""
    found = _assess(pack, tmp_path, "district", {metric: {"series": series}}, dt.date(2027, 6, 30)).findings
    finding = next(f for f in found if f.requirement == requirement)
    assert finding.status == Status.FAIL and f"不满足要求的时期：{named}" in finding.reason_zh, finding.reason_zh


@pytest.mark.parametrize(
    ("series", "status"),
    [({2024: 80}, Status.AT_RISK), ({2024: 86}, Status.PASS), ({2023: 86}, Status.INSUFFICIENT_DATA)],
)
def test_a_level_held_from_2025_is_read_on_its_latest_figure_before_2025_ends(
    pack: RulePack, tmp_path: Path, series: dict[int, float], status: Status
) -> None:
    """到2025年，废旧农膜回收率维持在85%以上 (JA-16-12) before 2025 has ended, as the same sentence's 畜禽粪污综合利用率
    (JA-16-13, a dated target) is read: on its latest figure, at risk short of it, on track met on a figure of the
    last year ended, never missing data asking for a 2025 figure that cannot exist yet."""
    facts = {
        "废旧农膜回收率": {"series": series},
        "畜禽粪污综合利用率": {"series": {y: v + 8 for y, v in series.items()}},
    }
    found = {f.requirement: f for f in _assess(pack, tmp_path, "district", facts, dt.date(2025, 6, 30)).findings}
    assert found["JA-16-12"].status == found["JA-16-13"].status == status, found["JA-16-12"].reason_zh
    if status == Status.AT_RISK:
        assert "2025年结束前尚未到期" in found["JA-16-12"].reason_zh, found["JA-16-12"].reason_zh


def test_batch_reads_a_level_held_from_2025_as_check_does(run: Callable[..., Result], tmp_path: Path) -> None:
    """A district row with 2024's 废旧农膜回收率 on 2025-06-30 is at risk (80%) or on track (86%) in `batch` too."""
    table, out = tmp_path / "districts.csv", tmp_path / "out"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["编号", "名称", "所在区", "废旧农膜回收率[2024]"], ["D1", "晋安区", "晋安区", "80"]]
        )
    run("batch", table, "--kind", "district", "--out", out, "--as-of", "2025-06-30", "--quiet", "--all-findings")
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert next(f["status"] for f in written if f["requirement"] == "JA-16-12") == "at_risk"
