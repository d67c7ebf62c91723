"""Time read to the plan's words: a yearly figure of the year still running is not the year's (`assess.running`); a
standing duty is read on the last year ended and, once its plan's period (`Plan.ends`) has ended, on the plan's years
(`assess.planperiod`); a figure observed before a deadline settles only a lasting pass (`assess.stale`); a yearly
duty's finding names its year (`assess.dutyyear`); a base year given only by month asks for the year's figure."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.assess.planperiod import standing_due
from compliance.assess.running import running_year
from compliance.load.facts import load_facts
from compliance.model.periods import last_ended, year_ended
from compliance.model.plan import RulePack
from compliance.model.result import Assessment, Finding, Status

CITY = {"id": "C1", "kind": "city", "name": "厦门市", "admin_code": "350200"}


def _assess(pack: RulePack, tmp_path: Path, facts: dict[str, object], as_of: dt.date) -> Assessment:
    path = tmp_path / "city.yaml"
    path.write_text(yaml.safe_dump({"site": CITY, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return Assessor(pack).assess(load_facts(path, pack.catalogue), as_of)


def _finding(assessment: Assessment, requirement: str) -> Finding:
    return next(f for f in assessment.findings if f.requirement == requirement)


def test_the_running_year_is_set_aside_only_for_figures_of_a_period(pack: RulePack) -> None:
    eqi, cells = pack.catalogue.metric("eqi"), pack.catalogue.metric("beautiful_cell_count")
    assert running_year("2026", eqi, dt.date(2026, 3, 1))
    assert not running_year("2025", eqi, dt.date(2026, 3, 1))  # ended
    assert not running_year("2026-01", eqi, dt.date(2026, 3, 1))  # a month: "A month is not the year" reads it
    assert not running_year("2026", cells, dt.date(2026, 3, 1))  # a count of what stands is what stands now


def test_a_running_year_never_fails_a_standing_duty(pack: RulePack, tmp_path: Path) -> None:
    facts = {"铁路货运占比": {"series": {"2024": 5, "2025": 6, "2026": 4}}}
    march = _assess(pack, tmp_path, facts, dt.date(2026, 3, 1))
    assert _finding(march, "XM-3-7").status == Status.PASS
    assert any("2026 年在评估日期 2026-03-01 尚未结束" in w.text_zh for w in march.warnings)
    assert _finding(_assess(pack, tmp_path, facts, dt.date(2027, 1, 1)), "XM-3-7").status == Status.FAIL


def test_a_year_has_ended_on_its_31_december_for_every_reader(pack: RulePack, tmp_path: Path) -> None:
    """An as-of of 31 December includes the whole year (年度自查截至12月31日, 到2025年底): its yearly figure counts,
    for a standing figure (XM-4-5, EQI) as for a yearly duty (XM-5-4), and the year is the one a duty wants."""
    eqi = pack.catalogue.metric("eqi")
    assert running_year("2026", eqi, dt.date(2026, 12, 30)) and not running_year("2026", eqi, dt.date(2026, 12, 31))
    assert year_ended(dt.date(2026, 12, 31)) == 2026 and year_ended(dt.date(2026, 12, 30)) == 2025
    assert last_ended("2026-05", dt.date(2026, 12, 31)) == "2026-11"  # a month ends the day after, as before
    facts = {"生态质量指数（EQI）": {"series": {"2024": 71.2, "2025": 70.0, "2026": 72.0}}}
    facts["开展“守护蓝天”专项行动"] = {"series": {"2025": "是", "2026": "是"}}
    end = _assess(pack, tmp_path, facts, dt.date(2026, 12, 31))
    assert _finding(end, "XM-4-5").status == Status.PASS and _finding(end, "XM-5-4").status == Status.PASS
    assert not any("尚未结束" in w.text_zh for w in end.warnings)
    before = _assess(pack, tmp_path, facts, dt.date(2026, 12, 30))
    assert _finding(before, "XM-4-5").status == Status.FAIL  # 2026 still running: 2025 against 2024
    assert standing_due(dt.date(2025, 1, 1), dt.date(2026, 12, 31)) == dt.date(2026, 1, 1)


def test_a_standing_duty_wants_the_last_year_ended(pack: RulePack, tmp_path: Path) -> None:
    assert standing_due(dt.date(2025, 6, 14), dt.date(2028, 3, 1)) == dt.date(2027, 1, 1)
    assert standing_due(dt.date(2025, 6, 14), dt.date(2025, 9, 1)) == dt.date(2025, 6, 14)
    facts = {"开展环境风险隐患排查整治": {"series": {"2025": True}}}
    finding = _finding(_assess(pack, tmp_path, facts, dt.date(2027, 3, 1)), "XM-9-13")
    assert finding.status == Status.INSUFFICIENT_DATA
    assert "2026年或以后的数据（给出的最新时期为 2025）" in finding.reason_zh


def test_after_the_plan_period_its_years_decide(pack: RulePack, tmp_path: Path) -> None:
    assert pack.plans["xiamen"].ends == dt.date(2027, 12, 31)
    assert pack.plans["jinan"].ends is None  # its title and text give no period
    facts = {"开展环境风险隐患排查整治": {"series": {"2025": True, "2026": True, "2027": True, "2029": False}}}
    later = _assess(pack, tmp_path, facts, dt.date(2030, 6, 30))
    finding = _finding(later, "XM-9-13")
    assert finding.status == Status.PASS
    assert any("方案期至 2027-12-31 已结束" in w for w in finding.warnings_zh)


def test_after_the_plan_period_a_later_answer_is_outside_it(pack: RulePack, tmp_path: Path) -> None:
    """A 2028 否 of a state (落实水资源刚性约束制度) is outside the plan even on 2028-01-01, the day it is read on, and
    so is a single 否 observed in 2029: neither fails the duty; the 2029 one alone leaves its figure missing."""
    water = {"落实水资源刚性约束制度": {"series": {"2025": "是", "2026": "是", "2027": "是", "2028": "否"}}}
    assert _finding(_assess(pack, tmp_path, water, dt.date(2030, 6, 30)), "XM-9-4").status == Status.PASS
    later = {"落实水资源刚性约束制度": {"value": "否", "observed_on": "2029-05-01"}}
    assert _finding(_assess(pack, tmp_path, later, dt.date(2030, 6, 30)), "XM-9-4").status == Status.INSUFFICIENT_DATA
    within = {"落实水资源刚性约束制度": {"value": "否", "observed_on": "2027-05-01"}}
    assert _finding(_assess(pack, tmp_path, within, dt.date(2030, 6, 30)), "XM-9-4").status == Status.FAIL


def test_a_shortfall_before_the_deadline_is_not_overdue(pack: RulePack, tmp_path: Path) -> None:
    early = _assess(pack, tmp_path, {"建成美丽海湾的海湾比例": {"series": {"2027-03": 80}}}, dt.date(2028, 3, 1))
    assert _finding(early, "XM-0-18").status == Status.INSUFFICIENT_DATA
    met = _assess(pack, tmp_path, {"建成美丽海湾的海湾比例": {"series": {"2027-03": 100}}}, dt.date(2028, 3, 1))
    assert _finding(met, "XM-0-18").status == Status.PASS  # met and lasting: it stands at the deadline
    cells = _assess(pack, tmp_path, {"美丽细胞数量": {"series": {"2027-03": 3}}}, dt.date(2028, 3, 1))
    assert _finding(cells, "XM-0-22").status == Status.INSUFFICIENT_DATA  # met, but a count may change


def test_a_yearly_duty_names_the_year_that_fails(pack: RulePack, tmp_path: Path) -> None:
    facts = {"开展美丽城市建设成效年度评价": {"series": {"2025": True, "2026": False}}}
    finding = _finding(_assess(pack, tmp_path, facts, dt.date(2027, 3, 1)), "XM-0-10")
    assert finding.status == Status.FAIL
    assert finding.target is not None and finding.target.due == dt.date(2026, 12, 31)
    assert "2026年度" in finding.reason_zh and finding.target.gap is not None


def test_a_base_year_given_by_month_asks_for_the_year(pack: RulePack, tmp_path: Path) -> None:
    months = {f"2024-{m:02d}": 5 for m in range(1, 13)} | {f"2025-{m:02d}": 6 for m in range(1, 13)}
    facts = {"铁路货运占比": {"series": months}}
    finding = _finding(_assess(pack, tmp_path, facts, dt.date(2026, 3, 1)), "XM-3-7")
    assert finding.status == Status.INSUFFICIENT_DATA
    assert "2024年的全年数值（给出的是该年的月度或逐日数据" in finding.reason_zh


YEARS = ["2025", "2026", "2027", "2028", "2029"]
CLUES, RISKS, WATER = "生态保护红线遥感监测线索实地核查比例", "开展环境风险隐患排查整治", "落实水资源刚性约束制度"
ROWS = {  # the same 2029 answers, different plan years; a row without its later years; one with a year skipped
    "C1": {CLUES: ["100", "100", "100", "", "50"], RISKS: ["是", "是", "是", "", "否"], WATER: ["是"] * 3 + ["否"] * 2},
    "C2": {
        CLUES: ["100", "100", "40", "", "50"],
        RISKS: ["是", "是", "否", "", "否"],
        WATER: ["是", "否", "否", "", "否"],
    },
    "C3": {CLUES: ["100", "100", "100", "", ""], RISKS: ["是", "是", "是", "", ""], WATER: ["是", "是", "是", "", ""]},
}
EVALUATION = "开展美丽城市建设成效年度评价"


def _batch_and_check(run: Callable[..., Result], tmp_path: Path, rows: dict[str, dict[str, list[str]]], as_of: str):
    """Each row's findings by batch (all findings written) and by `check` of the same row as a facts file."""
    metrics = list(next(iter(rows.values())))
    years = YEARS[: len(next(iter(rows.values()))[metrics[0]])]  # from 2025, as many as the cells
    header = ["编号", "名称", "行政区划代码", *(f"{metric}[{year}]" for metric in metrics for year in years)]
    table = tmp_path / "cities.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        lines = [[site, "厦门市", "350200", *(c for m in metrics for c in cells[m])] for site, cells in rows.items()]
        csv.writer(handle).writerows([header, *lines])
    out = tmp_path / "out"
    result = run(
        "batch", table, "--kind", "city", "--out", out, "--as-of", as_of, "--workers", "1", "--quiet", "--all-findings"
    )
    assert result.exit_code in (0, 1), result.output
    batch: dict[str, dict[str, dict[str, object]]] = {site: {} for site in rows}
    for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines():
        finding = json.loads(line)
        batch[finding["site"]][finding["requirement"]] = finding
    checked: dict[str, dict[str, dict[str, object]]] = {}
    for site, cells in rows.items():
        facts = {m: {"series": {y: c or "暂无" for y, c in zip(years, cells[m], strict=True)}} for m in metrics}
        path = tmp_path / f"{site}.yaml"
        city = {"id": site, "kind": "city", "name": "厦门市", "admin_code": "350200"}
        path.write_text(yaml.safe_dump({"site": city, "facts": facts}, allow_unicode=True), encoding="utf-8")
        document = json.loads(run("check", path, "--as-of", as_of, "--format", "json").output)
        checked[site] = {f["requirement"]: f for f in document["assessments"][0]["findings"]}
    return batch, checked


def test_batch_reads_a_plan_s_years_after_its_end_as_check_does(run: Callable[..., Result], tmp_path: Path) -> None:
    """Rows whose 2029 answers match but whose plan years differ are not given one finding: a row with a series
    a standing duty reads at its plan's end is read in full, as `check` reads it."""
    batch, checked = _batch_and_check(run, tmp_path, ROWS, "2030-06-30")
    for site in ROWS:
        assert {r: f["status"] for r, f in batch[site].items()} == {r: f["status"] for r, f in checked[site].items()}
    assert [batch[site]["XM-4-8"]["status"] for site in ROWS] == ["pass", "fail", "pass"]
    assert [batch[site]["XM-9-13"]["status"] for site in ROWS] == ["pass", "fail", "pass"]
    assert [batch[site]["XM-9-4"]["status"] for site in ROWS] == ["pass", "fail", "pass"]  # 2028's 否 is not the plan's


def test_batch_names_the_year_a_yearly_duty_fails_as_check_does(run: Callable[..., Result], tmp_path: Path) -> None:
    """XM-0-10 (每年组织开展年度评价) names the year that fails and its own due date in a batch too: rows of one class
    of values (否 decides) are not given one year."""
    rows = {"E1": {EVALUATION: ["是", "否"]}, "E2": {EVALUATION: ["否", "是"]}, "E3": {EVALUATION: ["是", "是"]}}
    batch, checked = _batch_and_check(run, tmp_path, rows, "2027-03-01")
    for site in rows:
        assert batch[site]["XM-0-10"]["target"] == checked[site]["XM-0-10"]["target"]
    found = {site: batch[site]["XM-0-10"]["target"] for site in rows}
    assert [(t["due"], t["gap"]["text_zh"]) for t in found.values()] == [
        ("2026-12-31", "未达到，已逾期 60 天"),
        ("2025-12-31", "未达到，已逾期 425 天"),
        ("2026-12-31", "已达到"),
    ]
    assert found["E1"]["text_zh"].startswith("2026年度")
