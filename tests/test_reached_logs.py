"""A yes/no that lasts (`Metric.reached_from`) is read by whether it was reached within the plan's time, not by its
latest year; a log read period by period names the months it lacks and the months that break it. `check` and
`batch` say the same."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result


def _check(
    run: Callable[..., Result], tmp_path: Path, site: dict[str, str], facts: dict[str, object], as_of: str
) -> dict[str, dict[str, Any]]:
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    result = run("check", path, "--as-of", as_of, "--format", "json")
    return {f["requirement"]: f for f in json.loads(result.output)["assessments"][0]["findings"]}


def _batch(
    run: Callable[..., Result], tmp_path: Path, header: list[str], rows: list[list[str]], kind: str, as_of: str
) -> dict[tuple[str, str], dict[str, Any]]:
    table = tmp_path / "rows.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    run("batch", table, "--kind", kind, "--out", out, "--as-of", as_of, "--workers", "1", "--quiet", "--all-findings")
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    return {(f["site"], f["requirement"]): f for f in map(json.loads, lines)}


def test_a_one_off_assessment_done_in_2025_stays_done_in_check_and_batch(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    site = {"id": "T1", "kind": "township", "name": "日溪乡", "district": "晋安区"}
    found = _check(run, tmp_path, site, {"重要水源涵养区评估": {"series": {2025: "是", 2026: "否"}}}, "2027-03-01")
    finding = found["JA-21-3"]
    assert finding["status"] == "pass"
    assert "2026: 否（2025 已做到，一经做到即保持）" in finding["reason_zh"]
    header = ["站点编号", "名称", "乡镇", "2025年重要水源涵养区评估", "2026年重要水源涵养区评估"]
    rows = [["T1", "日溪乡", "日溪乡", "是", "否"], ["T2", "新店镇", "新店镇", "否", "否"]]
    batch = _batch(run, tmp_path, header, rows, "township", "2027-03-01")
    assert batch[("T1", "JA-21-3")]["status"] == "pass"
    assert batch[("T1", "JA-21-3")]["reason_zh"] == finding["reason_zh"]
    assert batch[("T2", "JA-21-3")]["status"] == "fail"


def test_a_monthly_log_names_the_month_it_lacks_and_the_month_it_fails_in_check_and_batch(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    months = [f"2025-{m:02d}" for m in range(7, 13)] + [f"2026-{m:02d}" for m in range(1, 7)]
    site = {"id": "R1", "kind": "river_segment", "name": "北峰溪", "district": "晋安区"}
    holed = {"河湖生态流量得到保障": {"series": {month: "是" for month in months if month != "2026-05"}}}
    lacking = _check(run, tmp_path, site, holed, "2026-07-05")["JA-23-11"]
    assert lacking["status"] == "insufficient_data"
    assert "缺少数据：河湖生态流量得到保障 2026-05；" in lacking["reason_zh"]
    failing_log = {month: "否" if month == "2025-08" else "是" for month in months}
    failing = _check(run, tmp_path, site, {"河湖生态流量得到保障": {"series": failing_log}}, "2026-07-05")["JA-23-11"]
    assert failing["status"] == "fail"
    assert "2026-06: 是（不满足要求的时期：2025-08）" in failing["reason_zh"]
    header = ["编号", "名称", "所在区", *(f"河湖生态流量得到保障[{month}]" for month in months)]
    holed_row = ["R1", "北峰溪", "晋安区", *("" if month == "2026-05" else "是" for month in months)]
    failing_row = ["R1", "北峰溪", "晋安区", *failing_log.values()]
    batch = _batch(run, tmp_path, header, [holed_row], "river_segment", "2026-07-05")
    assert batch[("R1", "JA-23-11")]["reason_zh"] == lacking["reason_zh"]
    batch = _batch(run, tmp_path, header, [failing_row], "river_segment", "2026-07-05")
    assert batch[("R1", "JA-23-11")]["reason_zh"] == failing["reason_zh"]
