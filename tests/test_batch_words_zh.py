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
