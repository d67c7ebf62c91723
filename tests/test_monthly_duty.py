"""A duty read month by month (每月达标, JA-23-5, on a fact of each month: `Metric.per_month`) is read on every
month from the plan's first (2025-01) to the last month ended before the as-of date: a yearly verdict is set aside
and one month does not stand for the others, and the month still running is not yet required (its blank is set
aside). `check` and `batch` read it alike."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 7)]
ALL = dict.fromkeys(MONTHS, "是")


def _check(run: Callable[..., Result], tmp_path: Path, series: dict[str, str]) -> dict[str, object]:
    site = {"id": "H1", "kind": "水电站", "name": "某水电站", "district": "晋安区"}
    facts = {"水电站整治类别": "完善", "生态下泄流量当月达标": {"series": series}}
    path = tmp_path / "station.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    checked = json.loads(run("check", path, "--as-of", "2026-06-30", "--format", "json").output)["assessments"][0]
    return next(f for f in checked["findings"] if f["requirement"] == "JA-23-5")


def _batch(run: Callable[..., Result], tmp_path: Path, series: dict[str, str]) -> dict[str, object]:
    table, out = tmp_path / "stations.csv", tmp_path / "out"
    with table.open("w", encoding="utf-8", newline="") as handle:
        header = ["编号", "名称", "所在区", "水电站整治类别", *(f"生态下泄流量当月达标[{p}]" for p in series)]
        csv.writer(handle).writerows([header, ["H1", "某水电站", "晋安区", "完善", *series.values()]])
    run(
        "batch",
        table,
        "--kind",
        "hydropower_station",
        "--out",
        out,
        "--as-of",
        "2026-06-30",
        "--quiet",
        "--all-findings",
    )
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    return next(f for f in written if f["requirement"] == "JA-23-5")


@pytest.mark.parametrize(
    ("series", "status", "named"),
    [
        ({**ALL, "2026-06": ""}, "pass", ""),
        ({**ALL, "2026-05": "", "2026-06": ""}, "insufficient_data", "生态下泄流量当月达标 至 2026-05 的记录"),
        ({**ALL, "2025-06": "", "2026-05": "", "2026-06": ""}, "insufficient_data", "至 2026-05 的记录"),
        ({**ALL, "2025-08": "否", "2026-05": "", "2026-06": ""}, "fail", "2025-08"),
        ({**ALL, "2025-08": "否", "2026-06": ""}, "fail", "2025-08"),
        ({**dict.fromkeys(MONTHS, ""), "2026-05": "是"}, "insufficient_data", "2025年1月–2026年4月"),
        ({"2025": "是"}, "insufficient_data", "2025年1月–2026年5月各月的记录（按月填报）"),
        ({"2025": "是", "2026": "是"}, "insufficient_data", "2025年1月–2026年5月各月的记录（按月填报）"),
        ({"2025": "否"}, "fail", "不满足要求的时期：2025"),
        ({"2025": "否", "2026": "是"}, "fail", "不满足要求的时期：2025"),
        ({"2024": "否"}, "insufficient_data", "2025年1月–2026年5月各月的记录（按月填报）"),
    ],
)
def test_a_monthly_duty_reads_every_month_from_the_plan_in_check_and_batch(
    run: Callable[..., Result], tmp_path: Path, series: dict[str, str], status: str, named: str
) -> None:
    given = {period: value if value else "暂无" for period, value in series.items() if value or period >= "2026-05"}
    checked = _check(run, tmp_path, given)
    assert checked["status"] == status and named in str(checked["reason_zh"])
    assert "或以后" not in str(checked["reason_zh"])
    batched = _batch(run, tmp_path, series)
    assert batched["status"] == status and named in str(batched.get("reason_zh", ""))


def _exit_check(run: Callable[..., Result], tmp_path: Path, exit_done: str | None, as_of: str) -> dict[str, object]:
    site = {"id": "HS-03", "kind": "水电站", "name": "日溪乡某退出电站", "district": "晋安区"}
    months = {f"2025-{m:02d}": "否" if m == 3 else "是" for m in range(1, 10)}
    facts: dict[str, object] = {"水电站整治类别": "退出类", "生态下泄流量当月达标": {"series": months}}
    if exit_done is not None:
        facts["水电站退出完成"] = {"value": exit_done, "observed_on": "2025-10-15"}
    path = tmp_path / "station.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    checked = json.loads(run("check", path, "--as-of", as_of, "--format", "json").output)["assessments"][0]
    return next(f for f in checked["findings"] if f["requirement"] == "JA-23-5")


@pytest.mark.parametrize(("exit_done", "as_of"), [("是", "2026-06-30"), (None, "2026-06-30"), ("是", "2025-10-01")])
def test_a_month_breached_before_the_exit_still_fails(
    run: Callable[..., Result], tmp_path: Path, exit_done: str | None, as_of: str
) -> None:
    """The exit ends the monthly duty for the months after it, not the months already breached: a 否 logged fails
    whether the exit is done, not stated, or not yet observed on the as-of date, and the exit is then not asked."""
    finding = _exit_check(run, tmp_path, exit_done, as_of)
    assert finding["status"] == "fail", finding
    assert "2025-03" in str(finding["reason_zh"]) + str(finding.get("target"))
    assert "水电站退出完成" not in str(finding.get("missing"))


def test_an_exited_station_with_every_month_met_is_not_asked_the_rest(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    site = {"id": "HS-04", "kind": "水电站", "name": "某退出电站", "district": "晋安区"}
    months = {f"2025-{m:02d}": "是" for m in range(1, 10)}
    facts = {"水电站整治类别": "退出", "水电站退出完成": "是", "生态下泄流量当月达标": {"series": months}}
    path = tmp_path / "station.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    checked = json.loads(run("check", path, "--as-of", "2026-06-30", "--format", "json").output)["assessments"][0]
    assert next(f for f in checked["findings"] if f["requirement"] == "JA-23-5")["status"] == "not_applicable"
