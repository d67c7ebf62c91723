"""A unit stated in a title row above the header (（供水人口单位：万人）) is read as a unit in the header is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
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
