"""A stated water class that the row's own monthly measurements contradict (Ⅱ类 beside 氨氮 0.8 mg/L, over the Ⅱ类
limit every month) is set aside in a batch as in `check`: the class they bound (Ⅲ类或更差) fails a Ⅱ类 target, and
summary.json says the stated class was set aside; dated by month (水质类别[2025-12]) or not, alike."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
SITE = ["站点编号", "名称", "所在区", "是否为闽江干流省控断面", "所属流域", "是否为小流域断面"]


def _batch(run: Callable[..., Result], tmp_path: Path, class_column: str, ammonia: str) -> tuple[dict, dict]:
    table, out = tmp_path / "rivers.csv", tmp_path / "out"
    with table.open("w", encoding="utf-8", newline="") as handle:
        header = [*SITE, class_column, *(f"氨氮[{m}]" for m in MONTHS)]
        row = ["R1", "闽江魁岐断面", "晋安区", "是", "闽江", "否", "二类", *([ammonia] * 12)]
        csv.writer(handle).writerows([header, row])
    args = ["--kind", "river_segment", "--out", out, "--as-of", "2026-06-30", "--quiet", "--all-findings"]
    run("batch", table, *args)
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return next(f for f in written if f["requirement"] == "JA-0-14"), summary


@pytest.mark.parametrize("class_column", ["水质类别", "水质类别[2025-12]"])
def test_a_stated_class_the_rows_measurements_contradict_is_set_aside_and_the_bound_fails(
    run: Callable[..., Result], tmp_path: Path, class_column: str
) -> None:
    finding, summary = _batch(run, tmp_path, class_column, "0.8")
    assert finding["status"] == "fail"
    assert "氨氮 0.8 mg/L 超过 Ⅱ类限值 0.5 mg/L" in finding["reason_zh"]
    assert any("填报的水质类别优于本行监测数据" in note and "填报值不采用" in note for note in summary["notes"])


@pytest.mark.parametrize(("class_column", "status"), [("水质类别", "pass"), ("水质类别[2025-12]", "insufficient_data")])
def test_a_stated_class_the_measurements_allow_stands(
    run: Callable[..., Result], tmp_path: Path, class_column: str, status: str
) -> None:
    """A class stated for December alone is December's, not the year's: the measurements only bound the year's
    (Ⅱ类 or worse), so the year's class is wanted."""
    finding, summary = _batch(run, tmp_path, class_column, "0.4")
    assert finding["status"] == status
    assert not any("填报的水质类别优于" in note for note in summary["notes"])
