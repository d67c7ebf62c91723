"""One 12-digit village code is one village: a clerk's table numbered 1, 2, 3 … listing it twice counts it once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from tests.test_spreadsheets import batch, rejected_of, summary_of, write_table

Run = Callable[..., Result]
WASTE_FREE = "已建成“无废乡村”"


def district_row(summary: dict[str, Any], requirement: str, district: str = "晋安区") -> dict[str, Any]:
    return next(d for d in summary["districts"] if d["requirement"] == requirement and d["district"] == district)


# -- one village code, one village ----------------------------------------------------------------------


def test_a_village_code_given_again_under_another_id_is_rejected_naming_the_first_row(run: Run, tmp_path: Path) -> None:
    """编号 1 … 5 with 岭头村 350111103201 three times: one village, so the share is 1/3 (was 3/5 → 通过)."""
    header = ["编号", "村名称", "所在区", "乡镇", "行政区划代码", WASTE_FREE]
    rows = [
        [1, "岭头村", "晋安区", "宦溪镇", "350111103201", "是"],
        [2, "降虎村", "晋安区", "宦溪镇", "350111103203", "否"],
        [3, "板桥村", "晋安区", "宦溪镇", "350111103205", "否"],
        [4, "岭头村", "晋安区", "宦溪镇", "350111103201", "是"],
        [5, "岭 头村", "晋安区", "宦溪镇", "３５０１１１１０３２０１", "是"],
    ]
    batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    summary, rejected = summary_of(tmp_path / "out"), rejected_of(tmp_path / "out")
    assert summary["rejected"] == 2 and set(rejected) == {5, 6}
    assert "行政村 350111103201 岭头村 已由第 2 行给出" in rejected[5]["reason"]
    assert "village 350111103201 岭头村 already given by row 2" in rejected[6]["reason"]
    assert district_row(summary, "JA-15-15")["figure"].startswith("33.3")


def test_one_code_with_two_names_or_no_codes_is_not_rejected_but_a_name_twice_in_a_township_is_noted(
    run: Run, tmp_path: Path
) -> None:
    """Names repeat across townships (岭头村 of 宦溪镇 and of 寿山乡): never rejected on names; twice in one township
    without codes, a note asks whether it is one village."""
    header = ["编号", "村名称", "所在区", "乡镇", WASTE_FREE]
    rows = [[1, "岭头村", "晋安区", "宦溪镇", "是"], [2, "岭头村", "晋安区", "寿山乡", "是"]]
    rows.append([3, "岭头村", "晋安区", "宦溪镇", "否"])
    batch(run, write_table(tmp_path / "v.csv", [header, *rows]), tmp_path / "out")
    summary = summary_of(tmp_path / "out")
    assert summary["rejected"] == 0
    noted = [note for note in summary["notes"] if "岭头村" in note]
    assert len(noted) == 1 and "第 4 行与第 2 行同为宦溪镇的“岭头村”" in noted[0] and "rows 2 and 4" in noted[0]
