"""What a log of periods is read over: a log of an obligation read over the last year must cover that year (from its
plan's start at the earliest) to pass or to make a condition false, and a month not yet ended is not its latest; a
prohibition's log from its plan's issue, never a period before it (a 2024 or May 2025 breach of a plan issued on
2025-06-14 fails nothing; one across the date is missing data), a breach it logged standing in an all-of whatever
else is missing; a count of relapses over the plan's years."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.load.facts import load_facts
from compliance.model.plan import RulePack
from compliance.model.result import Finding, Status

PROJECT = {"kind": "project", "name": "某码头项目", "district": "海沧区"}


def _finding(pack: RulePack, path: Path, requirement: str, as_of: dt.date) -> Finding:
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), as_of)
    return next(f for f in assessment.findings if f.requirement == requirement)


@pytest.mark.parametrize("as_of", [dt.date(2025, 6, 30), dt.date(2025, 12, 31), dt.date(2026, 1, 1)])
def test_a_breach_before_the_plan_year_fails_no_prohibition(
    pack: RulePack, facts_file: Callable[..., Path], as_of: dt.date
) -> None:
    """厦门's plan was issued in 2025: 2024's 是 does not count, during 2025 or after it; 2025's 否 decides."""
    log = {"series": {"2024": "是", "2025": "否"}}
    path = facts_file(
        {"损害中华白海豚及其生境": log, "违规占用生态保护红线": log, "违反生态控制线管理规定": log}, **PROJECT
    )
    for requirement in ("XM-8-3", "XM-9-1", "XM-9-2"):
        assert _finding(pack, path, requirement, as_of).status == Status.PASS, requirement


def test_a_log_only_before_the_plan_year_is_missing_data(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    path = facts_file({"损害中华白海豚及其生境": {"series": {"2024": "是"}}}, **PROJECT)
    assert _finding(pack, path, "XM-8-3", dt.date(2025, 6, 30)).status == Status.INSUFFICIENT_DATA


@pytest.mark.parametrize("as_of", [dt.date(2026, 6, 30), dt.date(2028, 3, 1)])
def test_a_breach_logged_by_month_fails_an_all_of_whatever_is_missing(
    pack: RulePack, facts_file: Callable[..., Path], as_of: dt.date
) -> None:
    """XM-1-7 wants all three lines kept: one broken in 2025-03 fails it, the other two unanswered or not."""
    log = {"series": {"2025-07": "是", "2025-08": "否"}}
    path = facts_file({"城镇开发边界外违规开发建设": log}, **PROJECT)
    finding = _finding(pack, path, "XM-1-7", as_of)
    assert finding.status == Status.FAIL
    assert "2025-07" in finding.reason_zh


AFTER = {f"2025-{month:02d}": "否" for month in range(7, 13)} | {f"2026-{month:02d}": "否" for month in range(1, 6)}
"""A clean monthly log from the first whole month after 厦门's issue (2025-06-14) to the last ended on 2026-06-30."""


@pytest.mark.parametrize(
    ("log", "as_of", "expected"),
    [
        ({"2025-05": "是"} | AFTER, "2026-06-30", Status.PASS),  # May: before the plan existed
        ({"2025-06-01": "是", "2025-06-20": "否"}, "2025-06-21", Status.PASS),
        ({"2025-05": "是"}, "2025-07-01", Status.INSUFFICIENT_DATA),  # nothing of the plan's time given
        ({"2025-05": "是", "2025-07": "否", "2025-09": "否"}, "2025-10-01", Status.INSUFFICIENT_DATA),  # 08 missing
        ({"2025-06-14": "是", "2025-06-20": "否"}, "2025-06-21", Status.FAIL),  # the day it was issued counts
        ({"2025-06": "是"} | AFTER, "2026-06-30", Status.INSUFFICIENT_DATA),  # June spans 06-14: which side?
        ({"2025-06": "是", "2025-07": "是"}, "2025-08-01", Status.FAIL),  # July decides whatever June was
        ({"2025-06": "否", "2025-07": "否"}, "2025-08-01", Status.PASS),  # nothing in June at all
        ({"2025": "是"}, "2026-06-30", Status.FAIL),  # the year 2025 is the plan's own first year (2025—2027)
        ({"2025": "否", "2026": "是"}, "2027-03-01", Status.FAIL),
    ],
)
def test_an_act_before_the_plan_was_issued_breaks_none_of_it(
    pack: RulePack, facts_file: Callable[..., Path], log: dict[str, str], as_of: str, expected: Status
) -> None:
    """「现印发给你们」(2025年6月14日): an act logged in a month or on a day before the issue breaks no 厦门
    prohibition (was: any period of 2025 counted, so a May breach failed XM-8-4 and XM-9-1 from 2025-07 on); a 是 of
    a period across the issue date cannot be placed, so it is missing data naming the day wanted, never a failure and
    never a pass."""
    path = facts_file({"损害文昌鱼及其生境": {"series": log}, "违规占用生态保护红线": {"series": log}}, **PROJECT)
    for requirement in ("XM-8-4", "XM-9-1"):
        finding = _finding(pack, path, requirement, dt.date.fromisoformat(as_of))
        assert finding.status == expected, (requirement, finding.reason_zh)
        if expected == Status.INSUFFICIENT_DATA and "2025-06" in log:
            assert "2025-06 的“是”发生的日期" in finding.reason_zh and "2025-06-14" in finding.reason_zh


def test_each_plan_forbids_from_its_own_issue(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    """违规占用生态保护红线 is forbidden by both plans: a 2025-03 breach is one of 晋安's (in force from 2025-01-01, as
    assumed) and none of 厦门's (issued 2025-06-14), which says so in a notice."""
    log = {"series": {"2025-03": "是"} | AFTER}
    jinan = facts_file({"违规占用生态保护红线": log}, kind="project", name="某建设项目", district="晋安区")
    assert _finding(pack, jinan, "JA-17-6", dt.date(2026, 6, 30)).status == Status.FAIL
    xiamen = facts_file({"违规占用生态保护红线": log}, **PROJECT)
    assessment = Assessor(pack).assess(load_facts(xiamen, pack.catalogue), dt.date(2026, 6, 30))
    assert next(f for f in assessment.findings if f.requirement == "XM-9-1").status == Status.PASS
    assert any("2025-03 的“是”在方案印发（2025-06-14）之前" in notice.text_zh for notice in assessment.warnings)


def _months(first: str, count: int, value: str = "否") -> dict[str, str]:
    year, month, found = int(first[:4]), int(first[5:]), {}
    for _ in range(count):
        found[f"{year}-{month:02d}"] = value
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


@pytest.mark.parametrize(
    ("log", "bloom", "season"),
    [
        ({"2026-06": "否"}, Status.INSUFFICIENT_DATA, Status.INSUFFICIENT_DATA),  # June says nothing of the year
        ({"2025-07": "否", "2026-06": "否"}, Status.INSUFFICIENT_DATA, Status.INSUFFICIENT_DATA),
        (_months("2025-07", 12), Status.PASS, Status.NOT_APPLICABLE),  # the whole year to June: no bloom
    ],
)
def test_a_log_read_over_the_last_year_must_cover_it(
    pack: RulePack, facts_file: Callable[..., Path], log: dict[str, str], bloom: Status, season: Status
) -> None:
    facts = {"发生蓝藻水华": {"series": log}, "处于水华爆发敏感期": "否"}
    path = facts_file(facts, kind="reservoir", name="桂湖水库")
    assert _finding(pack, path, "JA-7-8", dt.date(2026, 7, 1)).status == bloom
    assert _finding(pack, path, "JA-7-9", dt.date(2026, 7, 1)).status == season


def test_a_log_is_wanted_from_its_plans_start_only(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    """晋安's plan is in force from 2025-01-01: on 2025-03-10 January and February are the whole year read."""
    restaurant = {"kind": "restaurant", "name": "老李大排档"}
    whole = facts_file({"位于城区": "是", "油烟达标排放": {"series": _months("2025-01", 2, "是")}}, **restaurant)
    assert _finding(pack, whole, "JA-5-22", dt.date(2025, 3, 10)).status == Status.PASS
    late = facts_file({"位于城区": "是", "油烟达标排放": {"series": {"2025-02": "是"}}}, **restaurant)
    finding = _finding(pack, late, "JA-5-22", dt.date(2025, 3, 10))
    assert finding.status == Status.INSUFFICIENT_DATA
    assert "2025-01" in finding.reason_zh


def test_a_short_day_fails_however_little_of_the_year_is_logged(
    pack: RulePack, facts_file: Callable[..., Path]
) -> None:
    road = {"kind": "road", "name": "连江北路"}
    sweeps = {"属主次干道": "是", "每日机扫次数": {"series": {"2026-06-28": 2, "2026-06-29": 2}}}
    assert _finding(pack, facts_file(sweeps, **road), "JA-5-6", dt.date(2026, 6, 30)).status == (
        Status.INSUFFICIENT_DATA
    )
    short = {"属主次干道": "是", "每日机扫次数": {"series": {"2026-06-28": 1, "2026-06-29": 2}}}
    assert _finding(pack, facts_file(short, **road), "JA-5-6", dt.date(2026, 6, 30)).status == Status.FAIL


def test_a_month_not_yet_ended_is_not_the_latest(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    """On 2026-03-15 the year read is 2025-03 … 2026-02: a 是 for March so far does not push 2025-03's 否 out."""
    log = {**_months("2025-01", 15, "是"), "2025-03": "否"}
    path = facts_file({"园区空气质量达标": {"series": log}}, kind="park", name="福兴经济开发区")
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2026, 3, 15))
    assert next(f for f in assessment.findings if f.requirement == "JA-31-6").status == Status.FAIL
    assert any("2026-03 在评估日期 2026-03-15 尚未结束" in notice.text_zh for notice in assessment.warnings)
    assert _finding(pack, path, "JA-31-6", dt.date(2026, 4, 1)).status == Status.PASS


def test_a_relapse_in_any_year_of_the_plan_fails_its_consolidation(
    pack: RulePack, facts_file: Callable[..., Path]
) -> None:
    district = {"kind": "district", "name": "晋安区"}
    relapsed = facts_file({"已消除农村黑臭水体返黑返臭数量": {"series": {"2025": 0, "2026": 2, "2027": 0}}}, **district)
    for requirement in ("JA-14-14", "JA-25-34", "JA-0-39"):
        finding = _finding(pack, relapsed, requirement, dt.date(2028, 3, 1))
        assert finding.status == Status.FAIL, requirement
    stopped = facts_file({"已消除农村黑臭水体返黑返臭数量": {"series": {"2025": 0, "2026": 2}}}, **district)
    assert _finding(pack, stopped, "JA-14-14", dt.date(2028, 3, 1)).status == Status.FAIL
    before = facts_file(
        {"已消除农村黑臭水体返黑返臭数量": {"series": {"2024": 3, "2025": 0, "2026": 0, "2027": 0}}}, **district
    )
    assert _finding(pack, before, "JA-14-14", dt.date(2028, 3, 1)).status == Status.PASS
    assert _finding(
        pack, facts_file({"已消除农村黑臭水体返黑返臭数量": 0}, **district), "JA-14-14", dt.date(2028, 3, 1)
    ).status == (Status.PASS)


def test_a_batch_reads_the_periods_of_an_act_against_the_issue_date(run: Callable[..., Result], tmp_path: Path) -> None:
    """Three rows whose logs all stand for 是 (their worst period) are three different findings of XM-9-1: May's is
    before the issue (passes), June's is across it (missing data), July's after it (fails), as `check` reads them,
    not one class of values."""
    rows = [["P1", "是", "否", "否"], ["P2", "否", "是", "否"], ["P3", "否", "否", "是"]]
    header = ["编号", "名称", "类型", "所在区", *(f"违规占用生态保护红线[2025-0{month}]" for month in (5, 6, 7))]
    table = tmp_path / "projects.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *([row[0], "某项目", "建设项目", "翔安区", *row[1:]] for row in rows)])
    out = tmp_path / "out"
    result = run("batch", table, "--kind", "project", "--out", out, "--as-of", "2025-08-01", "--quiet")
    assert result.exit_code in (0, 1, 3), result.output
    found = {
        finding["site"]: finding["status"]
        for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
        if (finding := json.loads(line))["requirement"] == "XM-9-1"
    }
    assert found == {"P2": "insufficient_data", "P3": "fail"}, found  # P1 passes: no line for it
    sites = (out / "sites.csv").read_text(encoding="utf-8-sig")
    assert "XM-9-1" not in next(line for line in sites.splitlines() if line.split(",")[1] == "P1")
