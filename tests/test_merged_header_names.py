"""Header refusals name the cell under a merged heading as written, with its column; 统计用区划代码 is the area code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
from click.testing import Result

from tests.test_spreadsheets import batch, summary_of, write_table
from tests.test_village_repeats import WASTE_FREE

Run = Callable[..., Result]


def _two_row_header(path: Path, bottom: list[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["村编号", "村名称", "所在区", "乡镇", "自然村数量", "农村生活污水治理率（%）", *[None] * (len(bottom) - 1)]
    )
    sheet.append([None] * 5 + bottom)
    sheet.merge_cells(start_row=1, start_column=6, end_row=1, end_column=5 + len(bottom))
    sheet.append(["V1", "岭头村", "晋安区", "宦溪镇", 3, *[80] * len(bottom)])
    book.save(path)
    return path


def test_header_refusals_name_the_cell_under_a_merged_heading(run: Run, tmp_path: Path) -> None:
    """增减 under 农村生活污水治理率（%） beside 2024年 and 2025年, and 乡镇 under it: each named with its column number
    and the cell as written (was: a column '农村生活污水治理率（%）' the sheet does not have, or just '乡镇')."""
    change = batch(run, _two_row_header(tmp_path / "f.xlsx", ["2024年", "2025年", "增减"]), tmp_path / "f", code=2)
    assert "column 8 (农村生活污水治理率（%） / 增减" in change.output and "农村生活污水治理率增减" in change.output
    level = batch(run, _two_row_header(tmp_path / "l.xlsx", ["县级", "乡镇"]), tmp_path / "l", code=2)
    assert "column 7 (农村生活污水治理率（%） / 乡镇" in level.output and "第7列" in level.output


def test_the_nbs_code_tables_header_is_the_area_code(run: Run, tmp_path: Path) -> None:
    header = ["站点编号", "名称", "所在区", "乡镇", "统计用区划代码", WASTE_FREE]
    rows = [["V1", "岭头村", "晋安区", "宦溪镇", "350111103201", "是"]]
    batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    assert "统计用区划代码" not in summary_of(tmp_path / "out")["unknown_columns"]
