"""A district share the plan counts by floor area (JA-0-25 城镇新建建筑中星级绿色建筑占比, whose
catalogue definition is “取得星级绿色建筑标识的建筑面积占比”) is computed from a batch of buildings
weighted by their 建筑面积, never by their number: two small star-rated buildings among four are 3.8%
of the floor area, not 50%; a member without its floor area leaves the figure unknown,
insufficient_data naming 建筑面积. The green share (JA-11-9, 100%) stays by number: at 100% the two
readings agree."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

HEADER = [
    "站点编号",
    "名称",
    "类型",
    "所在区",
    "属城镇新建建筑",
    "达到绿色建筑标准",
    "取得星级绿色建筑标识",
    "建筑面积（m²）",
]
ROWS = [
    ["B1", "晋安区政务服务中心", "建筑", "晋安区", "是", "是", "是", "5000"],
    ["B2", "鹤林新城安置房一期", "建筑", "晋安区", "是", "是", "否", "120000"],
    ["B3", "新店镇某商品住宅小区", "建筑", "晋安区", "是", "是", "否", "80000"],
    ["B5", "社区卫生服务站", "建筑", "晋安区", "是", "是", "是", "3000"],
]


def _figures(run: Callable[..., Result], tmp_path: Path, rows: list[list[str]]) -> dict[str, dict[str, object]]:
    table = tmp_path / "buildings.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    out = tmp_path / "out"
    result = run("batch", table, "--kind", "building", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code in (0, 1), result.output
    assert "not matched" not in result.output  # the 建筑面积 column is read
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {row["requirement"]: row for row in summary["districts"]}


def test_the_star_rated_share_is_weighted_by_floor_area(run: Callable[..., Result], tmp_path: Path) -> None:
    star = _figures(run, tmp_path, ROWS)["JA-0-25"]
    assert (star["figure"], star["status"]) == ("3.8462%", "fail")  # 8000 of 208000 m², not 2 of 4 buildings
    assert (star["numerator"], star["weight_total"]) == (8000.0, 208000.0)
    assert "按“建筑面积”加权" in str(star["parts"])


def test_a_building_without_its_floor_area_holds_the_share_back(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [*ROWS[:3], [*ROWS[3][:7], ""]]
    figures = _figures(run, tmp_path, rows)
    star = figures["JA-0-25"]
    assert (star["figure"], star["status"]) == ("", "insufficient_data")
    assert "1个建筑未填“建筑面积”" in str(star["reason_zh"]) and "building floor area" in str(star["reason_en"])
    assert figures["JA-11-9"]["status"] == "pass"  # every new building is green: 100% by number and by area


def test_members_lacking_the_fact_bound_the_weighted_share(run: Callable[..., Result], tmp_path: Path) -> None:
    """A building not saying whether it is star-rated, its floor area known, may add all of it or none: 3000 m² of
    208000 (1.4%) to 8000 of 208000 (3.8%), a fail either way."""
    rows = [[*ROWS[0][:6], "", "5000"], *ROWS[1:]]
    star = _figures(run, tmp_path, rows)["JA-0-25"]
    assert (star["lowest"], star["highest"], star["status"]) == ("1.4423%", "3.8462%", "fail")
