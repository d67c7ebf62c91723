"""A count of the district's members from a batch of part of it is a lower bound: never fails an at-least target."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.test_spreadsheets import batch, summary_of, write_table
from tests.test_village_repeats import district_row

Run = Callable[..., Result]


RURAL_TOWNS = ["宦溪镇", "寿山乡", "日溪乡", "岳峰镇", "新店镇", "鼓山镇"]


def test_a_count_over_part_of_the_district_never_fails_it(run: Run, tmp_path: Path) -> None:
    """Two 宦溪镇 villages, neither a “一村一品”专业村: the district may still have two elsewhere, so JA-19-1 is
    insufficient_data naming the towns without rows (was: 不达标); with a row in every 镇 and 乡 it fails."""
    header = ["村编号", "村名称", "所在区", "乡镇", "“一村一品”专业村"]
    part = [["V1", "岭头村", "晋安区", "宦溪镇", "否"], ["V2", "降虎村", "晋安区", "宦溪镇", "否"]]
    batch(run, write_table(tmp_path / "part.csv", [header, *part]), tmp_path / "part")
    row = district_row(summary_of(tmp_path / "part"), "JA-19-1")
    assert row["status"] == "insufficient_data" and "本批没有" in row["reason_zh"] and "寿山乡" in row["reason_zh"]
    assert "不能判定为不达标" in row["reason_zh"]
    whole = [[f"V{n}", f"村{n}", "晋安区", town, "否"] for n, town in enumerate(RURAL_TOWNS)]
    batch(run, write_table(tmp_path / "whole.csv", [header, *whole]), tmp_path / "whole")
    assert district_row(summary_of(tmp_path / "whole"), "JA-19-1")["status"] == "fail"
    met = [[f"V{n}", f"村{n}", "晋安区", "宦溪镇", "是"] for n in range(2)]
    batch(run, write_table(tmp_path / "met.csv", [header, *met]), tmp_path / "met")
    assert district_row(summary_of(tmp_path / "met"), "JA-19-1")["status"] == "pass"
