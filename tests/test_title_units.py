"""A unit stated in a title row above the header (（供水人口单位：万人）) is read as a unit in the header is."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

Run = Callable[..., Result]


WATER = ["编号", "名称", "所在区", "供水工程供水人口", "配套净化设施设备", "配套消毒设施设备", "是否为农村集中供水工程"]


def water_workbook(path: Path, titles: list[list[str]], header: list[str] = WATER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [*titles, header, ["W1", "宦溪水厂", "晋安区", 3500, "否", "否", "是"]]:
        sheet.append(row)
    book.save(path)
    return path


def water_batch(run: Run, source: Path, out: Path, code: int) -> Result:
    result = run("batch", source, "--kind", "water_supply_project", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code == code and "Traceback" not in result.output, result.output
    return result


def test_a_unit_in_a_title_row_is_read_as_the_headers_unit(run: Run, tmp_path: Path) -> None:
    """（供水人口单位：万人） above 供水工程供水人口: the figures are 万人, not 人, so the batch stops as it does for
    供水工程供水人口（万人） (was: 0.35 人 read and 千人以上 found not to apply)."""
    title = ["晋安区农村供水工程基本情况表"]
    refused = water_batch(
        run, water_workbook(tmp_path / "a.xlsx", [title, ["（供水人口单位：万人）"]]), tmp_path / "a", 2
    )
    assert "the unit '万人' is not the unit of 供水工程供水人口" in refused.output
    assert "（供水人口单位：万人）" in refused.output
    header = [*WATER[:3], "供水工程供水人口", "自然村数量", *WATER[4:]]
    unclear = water_batch(run, water_workbook(tmp_path / "b.xlsx", [["单位：吨"]], header), tmp_path / "b", 2)
    assert "标题行“单位：吨”" in unclear.output and "请把单位写进各列表头" in unclear.output
    for fine in (["（供水人口单位：人）"], ["填报单位：宦溪镇人民政府"]):
        water_batch(run, water_workbook(tmp_path / "c.xlsx", [fine]), tmp_path / f"c{len(fine[0])}", 0)


def _under_the_header(path: Path, units: list[str], header: list[str] = WATER, people: int = 2) -> Path:
    """A form with a row of units under its header (not merged), then a project with no purification nor
    disinfection: 2 万人 = 20,000 people, so 晋安's 「千人以上供水工程配套净化、消毒设施设备」 applies to it."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["晋安区农村供水工程情况表"], header, units, ["W1", "宦溪水厂", "晋安区", people, "否", "否", "是"]]:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "units",
    [
        ["", "", "", "万人", "", "", ""],
        ["单位", "", "", "万人", "", "", ""],
        ["", "", "", "万人", "是/否", "是/否", "是/否"],
        ["—", "—", "—", "（万人）", "—", "—", "—"],
        ["", "", "", "单位：万人", "", "", ""],
    ],
)
def test_a_row_of_units_under_the_header_is_the_columns_unit(run: Run, tmp_path: Path, units: list[str]) -> None:
    """The row was dropped as a heading row and 2 万人 read as 2 人: 千人以上 duties not_applicable, 合规."""
    refused = water_batch(run, _under_the_header(tmp_path / "w.xlsx", units), tmp_path / "out", 2).output
    assert "the unit '万人' is not the unit of 供水工程供水人口 (人)" in refused


def test_a_row_of_units_with_a_percentage_never_drops_another_unit(run: Run, tmp_path: Path) -> None:
    """生活垃圾产生量 over 万吨 beside 农村自来水普及率 over %: 0.05 万吨 was read as 0.05 吨."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [
        ["站点编号", "名称", "所在区", "乡镇", "农村自来水普及率", "生活垃圾产生量", "自然村数量"],
        ["", "", "", "", "%", "万吨", "个"],
        ["V1", "岭头村", "晋安区", "宦溪镇", 100, 0.05, 5],
    ]:
        sheet.append(row)
    book.save(tmp_path / "v.xlsx")
    result = run("batch", tmp_path / "v.xlsx", "--kind", "village", "--out", tmp_path / "out", "--as-of", "2026-06-30")
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "the unit '万吨' is not the unit of 生活垃圾产生量 (吨)" in result.output


def test_a_row_of_the_catalogue_units_under_the_header_is_read_as_the_header(run: Run, tmp_path: Path) -> None:
    """人 and 是/否 under the header: the figures are read (20,000 people: 千人以上 duties apply); no site."""
    units = ["单位", "—", "—", "人", "是/否", "是/否", "是/否"]
    source = _under_the_header(tmp_path / "w.xlsx", units, people=20000)
    water_batch(run, source, tmp_path / "out", 0)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows"] == 1 and summary["rejected"] == 0
    findings = [json.loads(line) for line in (tmp_path / "out" / "findings.jsonl").read_text("utf-8").splitlines()]
    assert {f["requirement"]: f["status"] for f in findings if f["requirement"] in ("JA-14-17", "JA-14-18")} == {
        "JA-14-17": "fail",
        "JA-14-18": "fail",
    }


def test_a_row_without_id_or_name_in_a_batch_of_projects_is_said_to_count_as_a_project(
    run: Run, tmp_path: Path
) -> None:
    """The reason said it "counts as a village missing its figures" in a batch of 供水工程."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [WATER, ["W1", "宦溪水厂", "晋安区", 3500, "是", "是", "是"], ["", "", "晋安区", 800, "是", "是", "是"]]:
        sheet.append(row)
    book.save(tmp_path / "w.xlsx")
    water_batch(run, tmp_path / "w.xlsx", tmp_path / "out", 0)
    rejected = (tmp_path / "out" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "counts as a water supply project missing its figures" in rejected and "village" not in rejected


def test_a_row_of_units_under_dated_columns_or_columns_with_their_own_unit_is_read(run: Run, tmp_path: Path) -> None:
    """万吨 under 生活垃圾产生量[2025] (or under 生活垃圾产生量(吨), contradicting it) was dropped: 0.05 吨 read."""
    for number, heading in enumerate(["生活垃圾产生量[2025]", "生活垃圾产生量(吨)", "生活垃圾产生量（2025年）"]):
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in [
            ["站点编号", "名称", "所在区", "乡镇", heading, "农村生活污水治理率[2025]"],
            ["", "", "", "", "万吨", "%"],
            ["V1", "岭头村", "晋安区", "宦溪镇", 0.05, 80],
        ]:
            sheet.append(row)
        book.save(tmp_path / f"v{number}.xlsx")
        out = tmp_path / f"out{number}"
        result = run("batch", tmp_path / f"v{number}.xlsx", "--kind", "village", "--out", out, "--as-of", "2026-06-30")
        assert result.exit_code == 2 and "the unit '万吨' is not the unit of 生活垃圾产生量 (吨)" in result.output


def test_another_sheets_unit_is_checked_too(run: Run, tmp_path: Path) -> None:
    """With --sheet all, 万人 under the second sheet's 供水工程供水人口 was read in the first sheet's 人 (合规)."""
    book = openpyxl.Workbook()
    for number, (name, unit) in enumerate([("宦溪镇", "人"), ("寿山乡", "万人")]):
        sheet = book.active if number == 0 else book.create_sheet(name)
        assert sheet is not None
        sheet.title = name
        for row in [WATER, ["", "", "", unit, "", "", ""], [f"W{number}", "水厂", "晋安区", 2, "否", "否", "是"]]:
            sheet.append(row)
    book.save(tmp_path / "w.xlsx")
    out = tmp_path / "out"
    result = run("batch", tmp_path / "w.xlsx", "--kind", "water_supply_project", "--sheet", "all", "--out", out)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "sheet '寿山乡': the unit '万人' is not the unit of 供水工程供水人口 (人)" in result.output
