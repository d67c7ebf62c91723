"""County forms that lost villages from a district figure or counted a township's row as one: 编号 that starts
again in each 乡镇 or sheet, a header row pasted again mid-file, a township's 平均 row named after the township as
clerks write it (宦 溪 镇, 宦溪鎮, 宦溪镇村均, 镇级). JA-14-7 (“到2025年，农村生活污水治理率达到75%以上”) decides each:
never passed on a part of the district, never moved by a township's own row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.batch.areanames import known_areas
from compliance.pack import load_pack
from tests.test_spreadsheets import batch, figure, rejected_of, summary_of, write_table

Run = Callable[..., Result]


# -- a township's own row named as clerks write it ---------------------------------------------------------

RATES = ["编号", "行政村名称", "所在区", "乡镇", "农村生活污水治理率(%)", "自然村数量"]
FOUR = [
    ["1", "岭头村", "晋安区", "宦溪镇", 95, 2],
    ["2", "降虎村", "晋安区", "宦溪镇", 92, 2],
    ["3", "板桥村", "晋安区", "宦溪镇", 60, 12],
    ["4", "宦溪村", "晋安区", "宦溪镇", 90, 2],
]


def _township_row(run: Run, tmp_path: Path, name: str) -> tuple[tuple[str, str], dict[int, dict[str, str]]]:
    """JA-14-7 over the four villages and a last row named `name` holding the township's mean rate and summed
    natural villages (the sums test cannot tell it: one amount column, one rate), and what was rejected."""
    rows = [*FOUR, ["5", name, "晋安区", "宦溪镇", 84.25, 18]]
    batch(run, write_table(tmp_path / "t.csv", [RATES, *rows]), tmp_path / "out", "--overwrite")
    return figure(summary_of(tmp_path / "out")), rejected_of(tmp_path / "out")


@pytest.mark.parametrize(
    "name",
    [
        "宦 溪 镇",
        "宦溪鎮",
        "宦溪镇 4个村",
        "宦溪镇村均",
        "宦溪镇各村平均",
        "镇级",
        "本镇",
        "以上4村",
        "Avg.",
        "宦溪鎮（4村）",
    ],
)
def test_a_townships_row_spaced_traditional_or_with_words_after_is_no_village(
    run: Run, tmp_path: Path, name: str
) -> None:
    """(190+184+720+180)/18 = 70.78% < 75%: 不达标 (was: the township's row counted as a fifth village, 77.5% 通过)."""
    decided, rejected = _township_row(run, tmp_path, name)
    assert decided == ("70.7778%", "fail") and "totals row" in rejected[6]["reason"]


@pytest.mark.parametrize("name", ["宦溪村", "宦溪镇岭头村", "宦 溪 村"])
def test_a_village_named_like_its_township_is_still_a_village(run: Run, tmp_path: Path, name: str) -> None:
    decided, rejected = _township_row(run, tmp_path, name)
    assert decided[1] == "pass" and not rejected


def test_a_name_starting_with_the_township_that_is_neither_counts_as_a_village_missing(
    run: Run, tmp_path: Path
) -> None:
    """宦溪镇新区: the township's row or a village; never assessed as a village, never dropped: 数据不足."""
    decided, rejected = _township_row(run, tmp_path, "宦溪镇新区")
    assert decided[1] == "insufficient_data" and "counts as a village missing its figures" in rejected[6]["reason"]


def test_traditional_forms_of_the_tables_names_are_known() -> None:
    names, _ = known_areas(load_pack().divisions)
    assert {"宦溪鎮", "宦谿鎮", "壽山鄉", "宦溪"} <= names
