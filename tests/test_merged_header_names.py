"""Header refusals name the cell under a merged heading as written, with its column; 统计用区划代码 is the area code;
what the figures are said under a metric (目标值, 上年, 截至2024年底 in a two-row header or a row of units) stops the
batch as the same words over the metrics do, never dropped unread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from tests.test_spreadsheets import batch, figure, summary_of, write_table
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


# -- what the figures are, said under the metric ------------------------------------------------------------


def _said_under(path: Path, word: str, units_row: bool = False) -> Path:
    """The commonest county two-row header: the site fields merged down both rows, 农村生活污水治理率（%） over what
    its figures are (目标值, 上年 …); or, `units_row`, a row of units under a one-row header (目标值 beside 个)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "宦溪镇"
    sheet.append(["站点编号", "名称", "所在区", "乡镇", "农村生活污水治理率（%）", "自然村数量"])
    sheet.append([None, None, None, None, word, "个" if units_row else None])
    if not units_row:
        for column in "ABCDF":
            sheet.merge_cells(f"{column}1:{column}2")
    sheet.append(["V1", "岭头村", "晋安区", "宦溪镇", 80, 5])
    sheet.append(["V2", "降虎村", "晋安区", "宦溪镇", 82, 5])
    book.save(path)
    return path


@pytest.mark.parametrize(
    "word", ["目标值", "2025年目标", "考核要求", "上年", "截至2024年底", "2024年实际", "预计", "（估算）", "核定数"]
)
def test_what_the_figures_are_said_under_the_metric_stops_the_batch(run: Run, tmp_path: Path, word: str) -> None:
    """目标值 (or 上年, 截至2024年底 …) under 农村生活污水治理率（%）: the figures are not 2025's observed rates,
    and the batch stops naming the sheet, the row and column 5 with the cell as written, as the same word over the
    metrics or in the one header cell does (was: the word dropped unread, JA-14-7 = 81% → 通过)."""
    result = batch(run, _said_under(tmp_path / "w.xlsx", word), tmp_path / "out", code=2)
    cell = word.strip("（）")
    assert f"w.xlsx:2: 农村生活污水治理率（%，{cell}）: sheet '宦溪镇'" in result.output
    assert (
        f"column 5 (农村生活污水治理率（%） / {word})" in result.output
        and f"第5列（“农村生活污水治理率（%）”下的“{word}”）" in result.output
    )
    assert not (tmp_path / "out" / "summary.json").exists()


def test_a_units_row_saying_target_beside_a_unit_stops_the_batch(run: Run, tmp_path: Path) -> None:
    """A row of units under a one-row header, 目标值 under the rate beside 个 under 自然村数量 (was: read as 2025's)."""
    result = batch(run, _said_under(tmp_path / "u.xlsx", "目标值", units_row=True), tmp_path / "out", code=2)
    assert "column 5 (农村生活污水治理率（%） / 目标值)" in result.output and "不是当前实际值" in result.output


@pytest.mark.parametrize(("word", "status"), [("2024年", "insufficient_data"), ("实际值", "pass"), ("（%）", "pass")])
def test_a_year_a_unit_or_a_note_that_changes_nothing_under_the_metric_is_read(
    run: Run, tmp_path: Path, word: str, status: str
) -> None:
    """2024年 under the metric is 2024's figure (missing data for the 2025 target), as 2024年农村生活污水治理率 in one
    cell is; 实际值 and （%） change nothing: (80×5+82×5)/10 = 81% ≥ 75%."""
    batch(run, _said_under(tmp_path / "r.xlsx", word), tmp_path / "out")
    assert figure(summary_of(tmp_path / "out")) == ("81%", status)
