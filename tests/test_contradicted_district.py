"""A row whose 所在区 contradicts its code is missing in every district it may be of (集美区's 整区 figure too)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.test_spreadsheets import batch, rejected_of, summary_of, write_table
from tests.test_village_repeats import district_row

Run = Callable[..., Result]


def test_a_row_whose_district_contradicts_its_code_is_missing_in_each_district_it_may_be_of(
    run: Run, tmp_path: Path
) -> None:
    """坂头村 under 晋安区 with 灌口镇 and a code of 集美区, recorded 否: rejected, and 集美区's 整区建成美丽乡村
    figure lacks it (insufficient_data), as 晋安区's does (was: 集美区 100%（4/4） → 通过)."""
    header = ["站点编号", "名称", "所在区", "乡镇", "行政区划代码", "已建成美丽乡村"]
    rows = [
        ["XM-V-0001", "田头村", "集美区", "灌口镇", "350211102201", "是"],
        ["XM-V-0002", "双岭村", "集美区", "灌口镇", "350211102202", "是"],
        ["XM-V-0003", "后溪村", "集美区", "后溪镇", "350211103201", "是"],
        ["XM-V-0004", "城内村", "集美区", "后溪镇", "350211103202", "是"],
        ["XM-V-0005", "坂头村", "晋安区", "灌口镇", "350211102209", "否"],
    ]
    batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["rejected"] == 1 and "name different places" in rejected_of(tmp_path / "out")[6]["reason"]
    jimei = district_row(summary, "XM-0-19", "集美区")
    assert jimei["status"] == "insufficient_data", jimei
