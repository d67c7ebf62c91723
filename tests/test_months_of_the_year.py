"""A year's figure of a period (PM2.5 年均浓度, a section's class for the year) given by month tells the year only
when every month of the year to the latest is given: {2025-12: 17} is December's PM2.5, not 2025's, and is missing
data naming the months missing, in `check` and `batch` alike. A rate of what stands (农村自来水普及率) is read at
its latest month's end; a dated target past due is read on its own year's months, a later month left out. A year's
class from measurements wants samples at least every half-year."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.load.facts import load_facts
from compliance.model.plan import RulePack
from compliance.model.result import Finding, Status
from compliance.model.straddles import months_missing, uncovered

AS_OF = dt.date(2026, 6, 30)
YEAR = {f"2025-{m:02d}": 17.0 for m in range(1, 13)}
MAIN_STEM = {"是否为闽江干流省控断面": "是", "是否为小流域断面": "否", "所属流域": "闽江"}
MEASURED = {"溶解氧": 8.0, "高锰酸盐指数": 2.2, "氨氮": 0.3, "总磷": 0.05, "化学需氧量": 9, "五日生化需氧量": 1.3}


def _finding(pack: RulePack, tmp_path: Path, kind: str, facts: dict[str, object], requirement: str) -> Finding:
    site = {"id": "S1", "kind": kind, "name": "晋安区" if kind == "区" else "测试断面", "district": "晋安区"}
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), AS_OF)
    return next(f for f in assessment.findings if f.requirement == requirement)


def test_the_months_missing_are_those_of_the_twelve_to_the_latest(pack: RulePack) -> None:
    pm25 = pack.catalogue.metric("pm25_annual_mean")
    assert months_missing({"2025-12": 17.0}) == [f"2025-{m:02d}" for m in range(1, 12)]
    assert months_missing({"2025-01": 17.0, "2025-12": 17.0}) == [f"2025-{m:02d}" for m in range(2, 12)]
    assert months_missing({"2025-12-01": 15.0}) == [f"2025-{m:02d}" for m in range(1, 12)]
    assert months_missing(YEAR) == []
    assert uncovered({"2025-12": 17.0}, pm25) == ("2025-01", "2025-11")
    assert uncovered(YEAR, pm25) is None
    tap = pack.catalogue.metric("rural_tap_water_coverage")
    assert tap.state_rate and uncovered({"2025-12": 98.0}, tap) is None  # a state at the month's end


def test_one_month_of_an_annual_mean_does_not_pass_the_years_target(pack: RulePack, tmp_path: Path) -> None:
    for series in ({"2025-12": 17}, {"2025-01": 17, "2025-12": 17}, {"2025-10": 16, "2025-11": 17, "2025-12": 17}):
        facts = {"城市细颗粒物（PM2.5）年均浓度": {"series": series}}
        for requirement in ("JA-0-19", "JA-5-25"):
            finding = _finding(pack, tmp_path, "区", facts, requirement)
            assert finding.status == Status.INSUFFICIENT_DATA, (series, requirement)
            assert "2025年的全年数值（只给出了部分月份，缺2025年" in finding.reason_zh
    full = {"城市细颗粒物（PM2.5）年均浓度": {"series": YEAR}}
    assert _finding(pack, tmp_path, "区", full, "JA-0-19").status == Status.PASS


def test_a_month_after_the_deadline_year_is_not_mixed_into_it(pack: RulePack, tmp_path: Path) -> None:
    later = {"城市细颗粒物（PM2.5）年均浓度": {"series": {**YEAR, "2026-03": 25}}}
    assert _finding(pack, tmp_path, "区", later, "JA-0-19").status == Status.PASS
    for series, status in (
        ({"2025-12": 98.0}, Status.FAIL),
        ({"2025-12": 98.0, "2026-03": 99.95}, Status.FAIL),
        ({"2025-12": 99.95, "2026-03": 98.0}, Status.PASS),
    ):
        facts = {"农村自来水普及率": {"series": series}}
        assert _finding(pack, tmp_path, "区", facts, "JA-14-20").status == status, series


def test_a_sections_class_for_december_alone_is_not_the_years(pack: RulePack, tmp_path: Path) -> None:
    facts = {"是否为小流域断面": "是", "是否为闽江干流省控断面": "否", "水质类别": {"series": {"2025-12": "Ⅲ类"}}}
    assert _finding(pack, tmp_path, "监测断面", facts, "JA-0-55").status == Status.INSUFFICIENT_DATA


def test_a_years_measured_class_wants_samples_every_half_year(pack: RulePack, tmp_path: Path) -> None:
    for months, status in ((("2025-11", "2025-12"), Status.INSUFFICIENT_DATA), (("2025-06", "2025-12"), Status.PASS)):
        facts: dict[str, object] = {**MAIN_STEM}
        facts.update({name: {"series": dict.fromkeys(months, value)} for name, value in MEASURED.items()})
        for requirement in ("JA-0-14", "JA-0-54"):
            assert _finding(pack, tmp_path, "河段", facts, requirement).status == status, (months, requirement)


def test_batch_reads_a_december_figure_as_check_does(run: Callable[..., Result], tmp_path: Path) -> None:
    table, out = tmp_path / "districts.csv", tmp_path / "out"
    with table.open("w", encoding="utf-8", newline="") as handle:
        header = ["编号", "名称", "类型", "所在区", "城市细颗粒物（PM2.5）年均浓度[2025-12]"]
        csv.writer(handle).writerows([header, ["JA-D-9", "晋安区", "区", "晋安区", "17"]])
    args = ["--kind", "district", "--out", out, "--as-of", "2026-06-30", "--plan", "jinan", "--all-findings", "--quiet"]
    run("batch", table, *args)
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    statuses = {f["requirement"]: f["status"] for f in written if f["requirement"] in ("JA-0-19", "JA-5-25")}
    assert statuses == {"JA-0-19": "insufficient_data", "JA-5-25": "insufficient_data"}
