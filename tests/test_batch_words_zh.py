"""A batch's refusals of a header and a row are said in Chinese as well as English, naming the columns as the sheet
heads them (农村生活污水治理率, EQI指数), never the engine's metric ids."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def _refusal(run: Callable[..., Result], tmp_path: Path, kind: str, header: list[str], row: list[str]) -> str:
    table = tmp_path / "t.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, row])
    result = run("batch", table, "--kind", kind, "--out", tmp_path / "out", "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code == 2, result.output
    return result.output


@pytest.mark.parametrize(
    ("kind", "header", "row", "said"),
    [
        (
            "village",
            ["站点编号", "名称", "所在区", "农村生活污水治理率", "农村生活污水治理率[2025]"],
            ["V1", "九峰村", "晋安区", "80", "80"],
            "列“农村生活污水治理率”与“农村生活污水治理率[2025]”是同一指标，前者未注明时期",
        ),
        (
            "district",
            ["站点编号", "名称", "所在区", "生态质量指数（EQI）[2024]", "生态质量指数（EQI）[2025]", "EQI指数"],
            ["D1", "晋安区", "晋安区", "70", "71", "72"],
            "列“EQI指数”与“生态质量指数（EQI）[2024]”、“生态质量指数（EQI）[2025]”是同一指标",
        ),
        (
            "district",
            ["站点编号", "名称", "所在区", "生态质量指数（EQI）[2025]", "EQI指数[2025]"],
            ["D1", "晋安区", "晋安区", "70", "71"],
            "与第4列“生态质量指数（EQI）[2025]”读作同一项",
        ),
        (
            "village",
            ["名称", "所在区", "农村生活污水治理率"],
            ["九峰村", "晋安区", "80"],
            "没有站点编号列：请把一列的表头写作",
        ),
    ],
)
def test_header_refusals_are_bilingual_and_name_the_columns(
    run: Callable[..., Result], tmp_path: Path, kind: str, header: list[str], row: list[str], said: str
) -> None:
    output = _refusal(run, tmp_path, kind, header, row)
    assert said in output and " / " in output
    assert "rural_domestic_sewage_treatment_rate" not in output and ": eqi" not in output and "eqi " not in output


def test_a_village_batchs_kind_words_are_read_and_refused_in_both_languages(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """社區 is 社区 (the traditional-character fold places use); 村委会 and 村民委员会, the village's own committee, are
    the 行政村; 居委会 and 涉农社区 are communities; a word naming no kind is refused in Chinese too."""
    table = tmp_path / "vt.csv"
    header = ["站点编号", "名称", "所在区", "乡镇", "类型", "农村生活污水治理率(%)[2025]"]
    rows = [
        ["V1", "九峰村", "晋安区", "寿山乡", "行政村", "90"],
        ["V2", "岭头村", "晋安区", "寿山乡", "社區", "10"],
        ["V3", "降虎村", "晋安区", "宦溪镇", "村委会", "90"],
        ["V4", "汶洋村", "晋安区", "日溪乡", "村民委员会", "90"],
        ["V5", "宦溪村", "晋安区", "宦溪镇", "居委会", "10"],
        ["V6", "赤桥村", "晋安区", "日溪乡", "涉农社区", "10"],
        ["V7", "板桥村", "晋安区", "寿山乡", "行政村（涉农社区）", "10"],
    ]
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    run("batch", table, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet")
    with (out / "rejected.csv").open(encoding="utf-8-sig", newline="") as handle:
        reasons = {row["site_id"]: row["reason"] for row in csv.DictReader(handle)}
    assert sorted(reasons) == ["V2", "V5", "V6", "V7"]
    assert reasons["V2"].startswith("类型“社区”不是行政村")
    assert reasons["V5"].startswith("类型“居委会”不是行政村") and reasons["V6"].startswith("类型“涉农社区”不是行政村")
    assert (
        reasons["V7"].startswith("类型“行政村（涉农社区）”不是已知的站点类型，本批评估行政村")
        and " / kind " in reasons["V7"]
    )
