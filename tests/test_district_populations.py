"""District figures read as the plan counts them: a rate of member rates weighted by each member's base, or decided
only where its whole range is; a share the plan sets over a number of members (九家水电站) missing those not given;
and each population's figure over its own members alone (主要流域, 建成区 / 较大面积农村水体, 一级 / 二级廊道,
党政机关)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import Result

Run = Callable[..., Result]


def _figures(run: Run, tmp_path: Path, kind: str, rows: list[list[Any]], xlsx: bool = False) -> dict[str, Any]:
    if xlsx:
        table = tmp_path / "sites.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append(row)
        book.save(table)
    else:
        table = tmp_path / "sites.csv"
        with table.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    out = tmp_path / "out"
    result = run("batch", table, "--kind", kind, "--out", out, "--as-of", "2026-03-01", "--quiet")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {row["requirement"]: row for row in summary["districts"]}


SEWAGE = ["站点编号", "类型", "名称", "所在区", "农村生活污水治理率(%)", "自然村数量(个)"]


@pytest.mark.parametrize("xlsx", [False, True])
def test_a_rate_of_village_rates_is_weighted_by_their_natural_villages(run: Run, tmp_path: Path, xlsx: bool) -> None:
    """甲村 treats 5 of its 10 natural villages, three villages their one: 8 of 13, 61.5%, short of 75%, where the
    villages' plain mean (87.5%) would pass."""
    rows = [SEWAGE, ["V1", "行政村", "甲村", "晋安区", 50, 10]]
    rows += [[f"V{n}", "行政村", f"村{n}", "晋安区", 100, 1] for n in (2, 3, 4)]
    figure = _figures(run, tmp_path, "village", rows, xlsx)["JA-14-7"]
    assert (figure["figure"], figure["status"]) == ("61.5385%", "fail")
    assert "加权" in figure["parts"]


@pytest.mark.parametrize(
    ("rates", "status"),
    [((50, 100, 100, 100), "insufficient_data"), ((76, 80, 100, 90), "pass"), ((50, 60, 74, 70), "fail")],
)
def test_without_the_bases_a_rate_is_decided_only_where_its_whole_range_is(
    run: Run, tmp_path: Path, rates: tuple[int, ...], status: str
) -> None:
    rows = [SEWAGE[:5], *[[f"V{n}", "行政村", f"村{n}", "晋安区", rate] for n, rate in enumerate(rates)]]
    figure = _figures(run, tmp_path, "village", rows)["JA-14-7"]
    assert figure["status"] == status and figure["figure"] == ""
    assert (figure["lowest"], figure["highest"]) == (f"{min(rates)}%", f"{max(rates)}%")
    if status == "insufficient_data":
        assert "自然村数量" in figure["reason_zh"], "the base needed is named"


def test_nine_stations_the_plan_counts_are_all_wanted(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "类型", "名称", "所在区", "生态下泄流量达到考核要求", "水电站整治类别"]
    two = [header, *[[f"H{n}", "水电站", f"电站{n}", "晋安区", "是", "整改"] for n in range(2)]]
    figure = _figures(run, tmp_path, "hydropower_station", two)["JA-23-6"]
    assert (figure["missing"], figure["status"]) == (7, "insufficient_data") and "方案计9个" in figure["reason_zh"]
    assert "未在本批" not in figure["reason_zh"]
    nine = [header, *[[f"H{n}", "水电站", f"电站{n}", "晋安区", "是", "完善"] for n in range(9)]]
    assert _figures(run, tmp_path, "hydropower_station", nine)["JA-23-6"]["status"] == "pass"
    nine[-1][-2] = "否"
    assert _figures(run, tmp_path, "hydropower_station", nine)["JA-23-6"]["status"] == "fail"


def test_stations_classified_for_exit_owe_no_flow_and_leave_the_nine(run: Run, tmp_path: Path) -> None:
    """（二十三） sorts the nine into 退出、整改、完善 in the sentence that asks their flow: a station classified 退出
    owes its exit (JA-23-2) and, as JA-23-5 reads it site by site, no flow; the other seven are the share."""
    header = ["站点编号", "类型", "名称", "所在区", "水电站整治类别", "生态下泄流量达到考核要求", "水电站退出完成"]
    rows = [header, *[[f"H{n}", "水电站", f"电站{n}", "晋安区", "退出", "", "是"] for n in range(2)]]
    rows += [[f"H{n}", "水电站", f"电站{n}", "晋安区", "整改", "是", ""] for n in range(2, 9)]
    figure = _figures(run, tmp_path, "hydropower_station", rows)["JA-23-6"]
    assert (figure["figure"], figure["missing"], figure["status"]) == ("100%", 0, "pass"), figure
    rows[-1][5] = "否"
    assert _figures(run, tmp_path, "hydropower_station", rows)["JA-23-6"]["status"] == "fail"
    del rows[-1]  # six of the seven still running: one wanted, and said so, never "not in the batch" of those in it
    figure = _figures(run, tmp_path, "hydropower_station", rows)["JA-23-6"]
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data"), figure
    assert "本批2个不计入，余7个" in figure["reason_zh"] and "未在本批中" not in figure["reason_zh"]
    rows[3][4] = ""  # a class not stated: it may be an exiting one, a member missing its figure naming the class
    figure = _figures(run, tmp_path, "hydropower_station", rows)["JA-23-6"]
    assert figure["status"] == "insufficient_data" and "未填“水电站整治类别”" in figure["reason_zh"]


def test_the_main_basins_share_counts_their_sections_alone(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "类型", "名称", "所在区", "所属流域", "是否为小流域断面", "水质类别", "是否为考核断面"]
    rows = [
        header,
        ["M1", "监测断面", "闽江断面", "晋安区", "闽江", "否", "Ⅱ类", "是"],
        ["M2", "监测断面", "敖江断面", "晋安区", "敖江", "否", "Ⅲ类", "是"],
        ["M3", "监测断面", "北峰溪断面", "晋安区", "其他流域", "是", "Ⅳ类", "是"],
    ]
    figures = _figures(run, tmp_path, "monitoring_section", rows)
    assert (figures["JA-0-13"]["figure"], figures["JA-0-13"]["status"]) == ("100%", "pass")
    rows[1][6] = "Ⅳ类"
    assert _figures(run, tmp_path, "monitoring_section", rows)["JA-0-13"]["status"] == "fail"
    rows[1][4] = ""  # a section not saying its basin: missing, never counted in either share
    assert _figures(run, tmp_path, "monitoring_section", rows)["JA-0-13"]["status"] == "insufficient_data"


def test_a_small_watershed_section_of_the_min_is_no_main_basin_section(run: Run, tmp_path: Path) -> None:
    """主要流域 and 小流域 are two shares, each over its own sections: a small stream draining to the 闽江 truthfully
    says 所属流域 闽江, and its Ⅳ counts against the small-watershed share alone, as JA-0-54 reads it site by site."""
    header = ["站点编号", "类型", "名称", "所在区", "所属流域", "是否为小流域断面", "水质类别", "是否为考核断面"]
    rows = [
        header,
        ["S1", "监测断面", "闽江魁岐断面", "晋安区", "闽江", "否", "Ⅱ", "是"],
        ["S2", "监测断面", "敖江日溪断面", "晋安区", "敖江", "否", "Ⅲ", "是"],
        ["S3", "监测断面", "北峰溪汇入口断面", "晋安区", "闽江", "是", "Ⅳ", "是"],
        ["S4", "监测断面", "宦溪小流域断面", "晋安区", "敖江", "是", "Ⅲ", "是"],
    ]
    figures = _figures(run, tmp_path, "monitoring_section", rows)
    assert (figures["JA-0-13"]["figure"], figures["JA-0-13"]["status"]) == ("100%", "pass")
    assert (figures["JA-0-15"]["figure"], figures["JA-0-15"]["status"]) == ("50%", "fail")
    rows[1][6] = "Ⅳ"
    assert _figures(run, tmp_path, "monitoring_section", rows)["JA-0-13"]["status"] == "fail"
    rows[1][6], rows[2][5] = "Ⅱ", ""  # not saying whether it is a small watershed: missing, the column named
    figure = _figures(run, tmp_path, "monitoring_section", rows)["JA-0-13"]
    assert figure["status"] == "insufficient_data" and "未填“是否为小流域断面”" in figure["reason_zh"], figure


def test_the_main_basins_share_counts_assessed_sections_only(run: Run, tmp_path: Path) -> None:
    """主要流域Ⅰ-Ⅲ类水质比例 is over 考核断面 (JA-0-54: 不设考核断面的河段……不计入这一比例): a city canal's
    Ⅳ (是否为考核断面 否) leaves the share, a 闽江干流省控断面 is one without saying so, and a section leaving it blank
    is, as JA-0-54 reads it, a member missing its figure, the column named, never counted either way."""
    header = ["站点编号", "类型", "名称", "所在区", "是否为闽江干流省控断面", "是否为考核断面", "是否为小流域断面"]
    header += ["所属流域", "水质类别"]
    rows = [
        header,
        ["S1", "监测断面", "闽江魁岐断面", "晋安区", "是", "", "否", "闽江", "Ⅱ类"],
        ["S2", "监测断面", "北峰溪断面", "晋安区", "否", "是", "否", "闽江", "Ⅲ类"],
        ["S3", "监测断面", "晋安河光明港断面", "晋安区", "否", "否", "否", "闽江", "Ⅳ类"],
    ]
    figures = _figures(run, tmp_path, "monitoring_section", rows)
    for requirement in ("JA-0-13", "JA-25-26"):  # was 66.6667%（2/3） → 不达标
        assert (figures[requirement]["figure"], figures[requirement]["status"]) == ("100%", "pass")
    rows[3][5] = ""  # the canal not saying whether it is assessed
    figure = _figures(run, tmp_path, "monitoring_section", rows)["JA-0-13"]
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data")
    assert "1个监测断面未填“是否为考核断面”" in figure["reason_zh"] and "is an assessed section" in figure["reason_en"]
    rows[3][8] = "Ⅲ类"  # even a blank one meeting Ⅲ is not counted as a member: missing, as JA-0-54 says
    assert _figures(run, tmp_path, "monitoring_section", rows)["JA-0-13"]["status"] == "insufficient_data"


def test_an_urban_black_river_is_no_large_rural_water_body(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "类型", "名称", "所在区", "属黑臭水体", "位于城市建成区", "属较大面积农村水体"]
    rows = [
        header,
        ["W1", "水体", "晋安河（城区段）", "晋安区", "是", "是", "否"],
        ["W2", "水体", "某村山塘", "晋安区", "否", "否", "是"],
    ]
    figures = _figures(run, tmp_path, "water_body", rows)
    assert (figures["JA-25-30"]["status"], figures["JA-0-17"]["status"]) == ("fail", "pass")
    rows[1][4], rows[2][4] = "否", "是"
    figures = _figures(run, tmp_path, "water_body", rows)
    # one left: 基本消除 is then read by the share eliminated of those listed, which these rows do not say
    assert (figures["JA-25-30"]["status"], figures["JA-0-17"]["status"]) == ("pass", "insufficient_data")
    listed = [[*row, on] for row, on in zip(rows, ["列入较大面积农村黑臭水体清单", "否", "是"], strict=True)]
    listed += [[f"W{n}", "水体", f"山塘{n}", "晋安区", "否", "否", "是", "是"] for n in range(3, 11)]
    listed += [["W11", "水体", "未列入的山塘", "晋安区", "否", "否", "是", "否"]]
    figures = _figures(run, tmp_path, "water_body", listed)  # 8 of the 9 listed eliminated: 88.9%
    assert (figures["JA-0-17"]["status"], figures["JA-14-13"]["status"]) == ("fail", "fail"), figures["JA-0-17"]
    listed.append(["W12", "水体", "山塘12", "晋安区", "否", "否", "是", "是"])  # 9 of 10: 90%, 基本消除
    assert _figures(run, tmp_path, "water_body", listed)["JA-0-17"]["status"] == "pass"


def test_each_corridor_level_has_its_own_share(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "类型", "名称", "所在区", "河流廊道生态缓冲带建成", "河流廊道等级"]
    rows = [
        header,
        ["R1", "河段", "一级甲段", "晋安区", "是", "一级"],
        ["R2", "河段", "一级乙段", "晋安区", "否", "一级"],
    ]
    rows += [[f"R{n}", "河段", f"二级{n}", "晋安区", "是", "二级"] for n in range(3, 11)]
    figures = _figures(run, tmp_path, "river_segment", rows)
    assert (figures["JA-24-8"]["figure"], figures["JA-24-8"]["status"]) == ("50%", "fail")
    assert (figures["JA-24-9"]["figure"], figures["JA-24-9"]["status"]) == ("100%", "pass")
    rows[2][4] = "是"
    assert _figures(run, tmp_path, "river_segment", rows)["JA-24-8"]["status"] == "pass"


def test_schools_are_no_party_agencies_and_a_row_typed_jiguan_is_missing(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "类型", "名称", "所在区", "属党政机关", "已建成节约型机关"]
    rows = [header, *[[f"O{n}", "机关单位", f"区局{n}", "晋安区", "是", "是"] for n in range(8)]]
    rows += [["S1", "学校", "某小学", "晋安区", "否", "否"], ["S2", "医院", "卫生院", "晋安区", "否", "否"]]
    assert _figures(run, tmp_path, "organization", rows)["JA-35-11"]["status"] == "pass"
    rows[1][1] = "机关"  # no kind: rejected, and counted as a member missing its figure
    figure = _figures(run, tmp_path, "organization", rows)["JA-35-11"]
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data")


def test_the_reason_names_the_membership_column_missing_and_no_figure_at_an_end(run: Run, tmp_path: Path) -> None:
    """Every row fills 属黑臭水体; none says whether it is on the list: the reason names the list column, shows
    no share nothing computed and words the target neither met nor missed."""
    header = ["站点编号", "类型", "名称", "所在区", "属黑臭水体", "位于城市建成区", "属较大面积农村水体"]
    rows = [header, ["W1", "水体", "水塘1", "晋安区", "是", "否", "是"]]
    rows += [[f"W{n}", "水体", f"水塘{n}", "晋安区", "否", "否", "是"] for n in range(2, 11)]
    figure = _figures(run, tmp_path, "water_body", rows)["JA-14-13"]
    assert figure["status"] == "insufficient_data"
    reason = figure["reason_zh"]
    assert "10个水体未填“列入较大面积农村黑臭水体清单”" in reason and "“属黑臭水体”" not in reason, reason
    assert "消除比例 0%" not in reason and "未达到" not in reason and "满足" not in reason, reason
    assert "None" not in figure["reason_en"] and "列入较大面积农村黑臭水体清单" not in figure["reason_en"]
    listed = [[*row, on] for row, on in zip(rows, ["列入较大面积农村黑臭水体清单", *["是"] * 10], strict=True)]
    figure = _figures(run, tmp_path, "water_body", listed)["JA-14-13"]  # one left, 9 of 10 eliminated
    assert (figure["metric_zh"], figure["figure"], figure["status"]) == ("较大面积农村黑臭水体消除比例", "90%", "pass")


def test_green_building_shares_count_only_new_urban_buildings(run: Run, tmp_path: Path) -> None:
    """「城镇绿色建筑占新建建筑比例」 is over new urban buildings: an existing block and a village house stating
    属城镇新建建筑 否 are no members; a row not saying is a member missing its figure, named by that column."""
    header = ["站点编号", "类型", "名称", "所在区", "属城镇新建建筑", "达到绿色建筑标准", "取得星级绿色建筑标识"]
    rows = [
        header,
        ["B1", "建筑", "文体中心", "晋安区", "是", "是", "是"],
        ["B2", "建筑", "3号楼", "晋安区", "是", "是", "否"],
    ]
    rows += [
        ["B3", "建筑", "老旧小区12号楼", "晋安区", "否", "否", "否"],
        ["B4", "建筑", "村民自建房", "晋安区", "否", "否", "否"],
    ]
    figures = _figures(run, tmp_path, "building", rows)
    assert (figures["JA-11-9"]["figure"], figures["JA-11-9"]["status"]) == ("100%", "pass")
    assert figures["JA-0-25"]["status"] == "insufficient_data"  # a share of floor area: no 建筑面积 given
    rows[3][4] = ""
    figure = _figures(run, tmp_path, "building", rows)["JA-11-9"]
    assert figure["status"] == "insufficient_data" and "1个建筑未填“属城镇新建建筑”" in figure["reason_zh"], figure


def test_the_template_marks_the_membership_fact(run: Run) -> None:
    result = run("facts", "template", "--kind", "建筑", "--plan", "jinan")
    lines = result.output.splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith("new_urban_building:"))
    assert "【决定是否计入全区数值 decides whether it counts in a district figure】" in lines[at - 1]


def test_a_kind_word_party_agency_states_the_membership(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "类型", "名称", "所在区", "已建成节约型机关"]
    rows = [header, *[[f"O{n}", "党政机关", f"区局{n}", "晋安区", "是"] for n in range(4)]]
    assert _figures(run, tmp_path, "organization", rows)["JA-35-11"]["status"] == "pass"
    rows = [[*row[:1], "机关单位", *row[2:]] if n else row for n, row in enumerate(rows)]
    figure = _figures(run, tmp_path, "organization", rows)["JA-35-11"]
    assert figure["status"] == "insufficient_data" and "4个机关单位（组织）未填“属党政机关”" in figure["reason_zh"]
    assert "已建成节约型机关" not in figure["reason_zh"].split("目标")[0], figure["reason_zh"]


@pytest.mark.parametrize("xlsx", [False, True])
def test_with_every_base_stated_a_missing_rate_moves_the_figure_by_its_weight(
    run: Run, tmp_path: Path, xlsx: bool
) -> None:
    """One natural village of 32 without its rate: the district is 2785/32 to 2885/32, both over 75%."""
    rows = [SEWAGE, ["V1", "行政村", "岭头村", "晋安区", 90, 12], ["V2", "行政村", "降虎村", "晋安区", 85, 10]]
    rows += [["V3", "行政村", "板桥村", "晋安区", 95, 9], ["V4", "行政村", "宦溪村", "晋安区", "", 1]]
    figure = _figures(run, tmp_path, "village", rows, xlsx)["JA-14-7"]
    assert (figure["lowest"], figure["highest"], figure["status"]) == ("87.0312%", "90.1562%", "pass"), figure
    rows[4][5] = ""  # its base unknown too: it could weigh anything, the whole range again
    figure = _figures(run, tmp_path, "village", rows, xlsx)["JA-14-7"]
    assert (figure["lowest"], figure["highest"], figure["status"]) == ("0%", "100%", "insufficient_data")


def test_bases_adding_up_to_nothing_weight_nothing(run: Run, tmp_path: Path) -> None:
    rows = [SEWAGE, *[[f"V{n}", "行政村", f"村{n}", "晋安区", rate, 0] for n, rate in enumerate((60, 90))]]
    figure = _figures(run, tmp_path, "village", rows)["JA-14-7"]
    assert figure["figure"] == "" and "合计为0" in figure["parts"] and "合计为0" in figure["reason_zh"]
    rows[2][4] = 60  # every village at one rate: so is the district, and it is not said to be weighted
    figure = _figures(run, tmp_path, "village", rows)["JA-14-7"]
    assert figure["figure"] == "60%" and "加权" not in figure["parts"], figure["parts"]


def test_a_rate_with_a_member_missing_prints_the_known_members_range(run: Run, tmp_path: Path) -> None:
    """A village without its rate could be at any rate: the figure's range is the metric's whole range, and the known
    villages' own range is printed beside it, so the analyst sees how far they are from the target."""
    rows = [SEWAGE, ["V1", "行政村", "甲村", "晋安区", 70, ""], ["V2", "行政村", "乙村", "晋安区", 97, ""]]
    rows.append(["V3", "行政村", "丙村", "晋安区", "", ""])
    figure = _figures(run, tmp_path, "village", rows)["JA-14-7"]
    assert (figure["lowest"], figure["highest"], figure["status"]) == ("0%", "100%", "insufficient_data"), figure
    assert "已填的2个行政村为70%～97%，缺1个，缺少者可为任一值" in figure["parts"], figure["parts"]


def test_a_station_classified_for_exit_counts_with_its_flow_until_it_has_exited(run: Run, tmp_path: Path) -> None:
    """The classification (2024) precedes the exit: a 退出 station not yet exited still generates and owes its release,
    as JA-23-5 asks it site by site; only one whose exit is done (水电站退出完成 是, JA-23-2's) leaves the share."""
    header = ["站点编号", "类型", "名称", "所在区", "水电站整治类别", "生态下泄流量达到考核要求", "水电站退出完成"]
    rows = [header, *[[f"H{n}", "水电站", f"电站{n}", "晋安区", "完善", "是", ""] for n in range(7)]]
    rows += [
        ["H7", "水电站", "电站7", "晋安区", "退出", "是", "是"],
        ["H8", "水电站", "电站8", "晋安区", "退出", "否", "否"],
    ]
    figure = _figures(run, tmp_path, "hydropower_station", rows)["JA-23-6"]
    assert (figure["figure"], figure["status"]) == ("87.5%", "fail"), figure
    rows[-1][5] = "是"
    assert _figures(run, tmp_path, "hydropower_station", rows)["JA-23-6"]["status"] == "pass"
    rows[-1][5:] = ["", ""]  # not exited, flow not stated: a member missing its figure, never left out
    figure = _figures(run, tmp_path, "hydropower_station", rows)["JA-23-6"]
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data"), figure


def test_township_and_district_governments_are_agencies_not_totals_rows(run: Run, tmp_path: Path) -> None:
    """In a batch of organizations a 镇/乡/街道/区 government is a 党政机关 of （三十五）, named after its place: a row
    whose 类型 or 属党政机关 says so is assessed and counted; a 合计 row is not."""
    header = ["站点编号", "类型", "名称", "所在区", "属党政机关", "已建成节约型机关"]
    rows = [
        header,
        ["O1", "党政机关", "晋安区发改局", "晋安区", "", "是"],
        ["O2", "党政机关", "岳峰镇人民政府", "晋安区", "是", "是"],
        ["O3", "党政机关", "宦溪镇政府", "晋安区", "", "否"],
        ["O4", "机关单位", "寿山乡人民政府", "晋安区", "是", "是"],
        ["O5", "机关单位", "茶园街道办事处", "晋安区", "是", "是"],
        ["O6", "党政机关", "晋安区人民政府", "晋安区", "", "是"],
        ["O7", "党政机关", "合计", "晋安区", "", ""],
    ]
    figure = _figures(run, tmp_path, "organization", rows)["JA-35-11"]
    assert (figure["figure"], figure["missing"]) == ("83.3333%", 0), figure
    assert figure["status"] in ("fail", "at_risk"), figure
    assert "合计" in (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8")
    village = [
        ["站点编号", "类型", "名称", "所在区", "农村生活污水治理率(%)"],
        ["V1", "行政村", "寿山乡政府", "晋安区", 90],
    ]
    _figures(run, tmp_path, "village", village)  # in a batch of villages the township's own row is still refused
    assert "寿山乡" in (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8")


def test_a_school_or_hospital_kind_states_it_is_no_party_agency(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "类型", "名称", "所在区", "属党政机关", "已建成节约型机关"]
    rows = [header, *[[f"O{n}", "党政机关", f"区局{n}", "晋安区", "", "是"] for n in range(3)]]
    rows += [["S1", "学校", "新店中学", "晋安区", "", ""], ["S2", "医院", "晋安区医院", "晋安区", "", ""]]
    figure = _figures(run, tmp_path, "organization", rows)["JA-35-11"]
    assert (figure["figure"], figure["missing"], figure["status"]) == ("100%", 0, "pass"), figure


def test_documents_say_what_check_says_of_a_value_after_the_as_of_date(run: Run, tmp_path: Path) -> None:
    """A JSONL batch does not drop a value observed after --as-of, or a running year's figure, without a word."""
    lines = [
        {"site": {"id": "V1", "kind": "village", "name": "甲村", "district": "晋安区"},
         "facts": {"农村生活污水治理率": {"value": 80, "observed_on": "2027-06-30"}}},
        {"site": {"id": "V2", "kind": "village", "name": "乙村", "district": "晋安区"},
         "facts": {"农村生活污水治理率": {"value": 80, "observed_on": "2025-12-31"}}},
    ]  # fmt: skip
    source = tmp_path / "v.jsonl"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    result = run("batch", source, "--kind", "village", "--out", tmp_path / "o1", "--as-of", "2026-06-30", "--quiet")
    summary = json.loads((tmp_path / "o1" / "summary.json").read_text(encoding="utf-8"))
    said = [w for w in summary["warnings"] if "晚于评估日期 2026-06-30" in w]
    assert len(said) == 1 and "v.jsonl:1 (V1)" in said[0] and "1 个记录" in said[0], summary["warnings"]
    assert "晚于评估日期" in result.output
    district = {"id": "D1", "kind": "district", "name": "集美区", "district": "集美区"}
    eqi = {"生态质量指数（EQI）": {"series": {"2024": 71.2, "2025": 71.6, "2026": 66}}}
    source.write_text(json.dumps({"site": district, "facts": eqi}, ensure_ascii=False) + "\n", encoding="utf-8")
    run("batch", source, "--kind", "district", "--out", tmp_path / "o2", "--as-of", "2026-03-01", "--quiet")
    summary = json.loads((tmp_path / "o2" / "summary.json").read_text(encoding="utf-8"))
    assert any("2026 年在评估日期 2026-03-01 尚未结束" in w for w in summary["warnings"]), summary["warnings"]


def test_a_member_missing_its_rate_and_its_base_is_told_to_give_the_base(run: Run, tmp_path: Path) -> None:
    """丁村 gives neither its rate nor its 自然村数量: the figure could be anything, but its 自然村数量 alone would
    bound it by the weights (and here decide it), so the line and the reason name that base too."""
    villages = [[f"V{n}", "行政村", f"村{n}", "晋安区", rate, 10] for n, rate in ((1, 90), (2, 80))]
    rows: list[list[Any]] = [SEWAGE, *villages]
    rows.append(["V4", "行政村", "丁村", "晋安区", "", ""])
    figure = _figures(run, tmp_path, "village", rows)["JA-14-7"]
    assert figure["status"] == "insufficient_data"
    assert "其中1个也未填“自然村数量”" in figure["parts"] and "其中1个也未填“自然村数量”" in figure["reason_zh"]
    rows[-1][5] = 2  # its base given: the weights bound the figure to 75%–91.7%, which meets 75%
    assert _figures(run, tmp_path, "village", rows)["JA-14-7"]["status"] == "pass"


@pytest.mark.parametrize("kind", ["街道", "区"])
def test_the_jurisdiction_template_says_what_a_shared_fact_means_there(run: Run, kind: str) -> None:
    """油烟达标排放 is a restaurant's own fact; a 街道 or 区 answers it for every unit within it, as the
    template says."""
    lines = run("facts", "template", "--kind", kind, "--plan", "jinan").output.splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith("cooking_fume_emission_compliant:"))
    meaning = "\n".join(lines[at - 3 : at])
    assert "辖区内所有餐饮服务单位均达标排放填「是」，有任一超标排放单位填「否」" in meaning, meaning
    assert "meaning: " in meaning
    restaurant = run("facts", "template", "--kind", "餐饮店", "--plan", "jinan").output
    assert "含义：" not in restaurant


RELAPSE = ["站点编号", "类型", "名称", "所在区", "乡镇", "已完成黑臭水体整治", "位于城市建成区", "返黑返臭"]


@pytest.mark.parametrize(
    ("urban", "expected"),
    [("是", (0.0, 2, 0, "pass")), ("", (0.0, 2, 1, "insufficient_data")), ("否", (1.0, 3, 0, "at_risk"))],
)
def test_the_rural_relapse_count_counts_rural_water_bodies_alone(
    run: Run, tmp_path: Path, urban: str, expected: tuple[float, int, int, str]
) -> None:
    """已消除农村黑臭水体返黑返臭数量 (JA-14-14, JA-25-34, JA-0-39): an urban body's relapse (位于城市建成区 是) is no
    rural one and is left out; one not saying whether it is urban may or may not count, so it holds the count back."""
    rows = [
        RELAPSE,
        ["W1", "水体", "凤坂河支流", "晋安区", "岳峰镇", "是", urban, "是"],
        ["W2", "水体", "桂湖村水塘", "晋安区", "宦溪镇", "是", "否", "否"],
        ["W3", "水体", "前洋村水塘", "晋安区", "新店镇", "是", "否", "否"],
    ]
    figures = _figures(run, tmp_path, "water_body", rows)
    for requirement in ("JA-14-14", "JA-25-34", "JA-0-39"):
        figure = figures[requirement]
        assert (figure["numerator"], figure["denominator"], figure["missing"], figure["status"]) == expected, figure


def test_a_count_over_no_member_is_no_zero(run: Run, tmp_path: Path) -> None:
    """基本消除较大面积农村黑臭水体 and 巩固提升消除成效 (（十四）) are not shown by a batch holding no rural water
    body: its count is 0/0, nothing counted, so insufficient_data naming what would settle it (as a share over none
    is), never 0 个 → 通过."""
    header = ["站点编号", "类型", "名称", "所在区", "位于城市建成区", "属较大面积农村水体"]
    header += ["列入较大面积农村黑臭水体清单", "属黑臭水体"]
    rows = [header, ["W1", "水体", "晋安河", "晋安区", "是", "否", "否", "否"]]
    figures = _figures(run, tmp_path, "water_body", rows)
    for requirement in ("JA-0-17", "JA-14-13", "JA-25-31", "JA-0-39", "JA-14-14", "JA-25-34"):
        figure = figures[requirement]
        assert (figure["figure"], figure["status"]) == ("", "insufficient_data"), (requirement, figure)
        assert "0/0 不能说明一个也没有" in figure["reason_zh"] and "shows nothing" in figure["reason_en"]
    assert "较大面积农村黑臭水体数量”为0" in figures["JA-0-17"]["reason_zh"]
    assert figures["JA-25-30"]["status"] == "pass"  # the urban canal is a member there: 0 of 1, none left
    rows.append(["W2", "水体", "某村山塘", "晋安区", "否", "是", "否", "否"])  # one rural body, clean: 0 of 1
    figures = _figures(run, tmp_path, "water_body", rows)
    assert (figures["JA-0-17"]["figure"], figures["JA-0-17"]["status"]) == ("0 个", "pass")


def test_a_built_up_body_stated_clean_but_graded_black_odorous_is_not_counted_clean(run: Run, tmp_path: Path) -> None:
    """建成区无黑臭水体 ((二十五)) is not passed on a 属黑臭水体 否 the body's own readings grade 重度黑臭: in a folder
    batch as in `check`, the 否 is set aside (a notice says so) and the count is no longer 0 for sure."""
    folder = tmp_path / "bodies"
    folder.mkdir()
    severe = {"2026-05-06": 8, "2026-05-13": 7, "2026-05-20": 9, "2026-05-27": 6}
    bodies = {"fengban": ("凤坂河", {"透明度": {"series": severe}}), "canal": ("晋安河", {})}
    for number, (stem, (name, readings)) in enumerate(bodies.items()):
        site = {"id": f"W{number}", "kind": "水体", "name": name, "district": "晋安区"}
        facts = {"位于城市建成区": "是", "属黑臭水体": "否", **readings}
        text = json.dumps({"site": site, "facts": facts}, ensure_ascii=False)
        (folder / f"{stem}.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", folder, "--kind", "water_body", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code in (0, 1), result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figure = next(row for row in summary["districts"] if row["requirement"] == "JA-25-30")
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data"), figure  # was 0 个（0/2） → 通过
    assert "属黑臭水体填报为否" in json.dumps(summary, ensure_ascii=False)


def test_a_folder_of_sections_reads_their_settled_facts_as_check_does(run: Run, tmp_path: Path) -> None:
    """A facts file of a 闽江干流省控断面 need not say it is a 考核断面 (JA-0-54: 不必另填), in a folder batch as in a
    table; an urban canal's file saying 是否为考核断面 否 is no member of the share."""
    folder = tmp_path / "sections"
    folder.mkdir()
    main = {"是否为闽江干流省控断面": "是", "所属流域": "闽江", "水质类别": {"series": {"2025": "Ⅱ类"}}}
    canal: dict[str, object] = {"是否为考核断面": "否", "是否为小流域断面": "否", "所属流域": "闽江"}
    canal["水质类别"] = {"series": {"2025": "Ⅳ类"}}
    for number, (name, facts) in enumerate({"闽江魁岐断面": main, "光明港断面": canal}.items()):
        site = {"id": f"S{number}", "kind": "监测断面", "name": name, "district": "晋安区"}
        text = json.dumps({"site": site, "facts": facts}, ensure_ascii=False)
        (folder / f"s{number}.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", folder, "--kind", "monitoring_section", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code in (0, 1), result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figure = next(row for row in summary["districts"] if row["requirement"] == "JA-0-13")
    assert (figure["figure"], figure["status"]) == ("100%", "pass"), figure


def test_a_table_row_stated_clean_but_graded_black_odorous_is_not_counted_clean(run: Run, tmp_path: Path) -> None:
    """The same in a table: a row's 属黑臭水体 否 its own 透明度 and 溶解氧 columns grade 重度黑臭 is set aside."""
    readings = [f"{name}[2025-{month}]" for name in ("透明度", "溶解氧") for month in (10, 11, 12)]
    header = ["站点编号", "类型", "名称", "所在区", "位于城市建成区", "属黑臭水体", *readings]
    rows = [
        header,
        ["W1", "水体", "凤坂河", "晋安区", "是", "否", 8, 7, 9, 0.1, 0.15, 0.1],
        ["W2", "水体", "晋安河", "晋安区", "是", "否", "", "", "", "", "", ""],
    ]
    figure = _figures(run, tmp_path, "water_body", rows)["JA-25-30"]
    assert (figure["missing"], figure["status"]) == (1, "insufficient_data"), figure
