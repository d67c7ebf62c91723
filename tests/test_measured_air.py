"""Air figures from daily data: HJ 663's percentile, the data-validity rule, and 优良天数 against the HJ 633
breakpoint in force on each day (HJ 633-2012 until 2026-02-28, HJ 633-2026 for PM from 2026-03-01)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from compliance.assess.air import day_index, derive_good_days, hj663_percentile
from compliance.assess.air_words import day_text
from compliance.assess.assessor import Assessor
from compliance.load.facts import load_facts
from compliance.model.plan import RulePack
from compliance.model.result import Status
from compliance.model.standards import GoodDaysShare


def _good_days(pack: RulePack) -> GoodDaysShare:
    return next(d for d in pack.standards.derivations if isinstance(d, GoodDaysShare))


CLEAN_DAY = {"pm25_daily": 20.0, "pm10_daily": 40.0, "so2_daily": 6.0, "no2_daily": 20.0, "co_daily": 0.6,
             "o3_8h_daily_max": 90.0}  # fmt: skip


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [([3, 4, 8, 2, 5, 4], 90, 6.5), ([10, 20, 30, 40, 50], 50, 30.0), ([7], 90, 7.0), ([1, 2], 95, 1.95)],
)
def test_hj663_percentile(values: list[float], p: float, expected: float) -> None:
    assert hj663_percentile(values, p) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("day", "pm25", "good", "edition"),
    [
        ("2026-02-28", 75.0, True, "HJ 633-2012"),
        ("2026-02-28", 76.0, False, "HJ 633-2012"),
        ("2026-03-01", 60.0, True, "HJ 633-2026"),
        ("2026-03-01", 70.0, False, "HJ 633-2026"),
    ],
)
def test_a_day_is_judged_by_the_breakpoint_in_force_that_day(
    pack: RulePack, day: str, pm25: float, good: bool, edition: str
) -> None:
    derivation = _good_days(pack)
    judged = day_index(derivation, day, {**CLEAN_DAY, "pm25_daily": pm25})
    assert judged.good is good
    assert edition in judged.editions
    if not good:
        result = derive_good_days(derivation, {m: {day: v} for m, v in {**CLEAN_DAY, "pm25_daily": pm25}.items()})
        assert f"PM2.5日均浓度 {pm25:g} μg/m³ >" in day_text(result, day, pack.catalogue, "zh")
        assert edition in day_text(result, day, pack.catalogue, "zh")


def test_a_day_missing_a_pollutant_is_undecided_unless_another_already_spoils_it(pack: RulePack) -> None:
    derivation = _good_days(pack)
    without_o3 = {k: v for k, v in CLEAN_DAY.items() if k != "o3_8h_daily_max"}
    assert day_index(derivation, "2025-07-01", without_o3).good is None
    assert day_index(derivation, "2025-07-01", {**without_o3, "pm25_daily": 90.0}).good is False


def _district(tmp_path: Path, days: int) -> Path:
    first = dt.date(2025, 1, 1)
    series = {(first + dt.timedelta(days=i)).isoformat(): 15.0 + (i % 7) for i in range(days)}
    body = {
        "site": {"id": "D1", "kind": "district", "name": "晋安区", "admin_code": "350111"},
        "facts": {"PM2.5日均浓度": {"source": "区空气质量自动监测站日报", "series": series}},
    }
    path = tmp_path / "district.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path


def test_a_year_of_daily_pm25_gives_the_annual_mean_the_plan_target_reads(pack: RulePack, tmp_path: Path) -> None:
    facts = load_facts(_district(tmp_path, 365), pack.catalogue)
    assessment = Assessor(pack).assess(facts, dt.date(2026, 1, 31))
    finding = next(f for f in assessment.findings if f.requirement == "JA-0-19")
    assert finding.status == Status.PASS
    assert "2025年365天PM2.5日均浓度的均值 17.9918 μg/m³" in finding.reason_zh


def test_a_mean_just_over_the_limit_shows_the_digits_that_fail_it(pack: RulePack, tmp_path: Path) -> None:
    """A mean of 18.0027 failing 不高于18微克/立方米 was shown as 均值 18 μg/m³ beside ≤ 18: the derivation shows the
    figure compared, so an inspector sees why (its rounding to the published precision is not read: GB/T 8170 修约
    for it is not in the reference)."""
    first = dt.date(2025, 1, 1)
    series = {(first + dt.timedelta(days=i)).isoformat(): 19.0 if i == 181 else 18.0 for i in range(365)}
    body = {"site": {"id": "D1", "kind": "district", "name": "晋安区", "admin_code": "350111"},
            "facts": {"PM2.5日均浓度": {"series": series}}}  # fmt: skip
    path = tmp_path / "district.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2026, 1, 31))
    finding = next(f for f in assessment.findings if f.requirement == "JA-0-19")
    assert finding.status == Status.FAIL
    assert "均值 18.0027 μg/m³" in finding.reason_zh
    assert "18.0027 μg/m³" in finding.reason_en.split("mean of 365 days'")[1]


def test_a_year_short_of_daily_values_has_no_annual_mean(pack: RulePack, tmp_path: Path) -> None:
    facts = load_facts(_district(tmp_path, 300), pack.catalogue)
    assessment = Assessor(pack).assess(facts, dt.date(2026, 1, 31))
    finding = next(f for f in assessment.findings if f.requirement == "JA-0-19")
    assert finding.status == Status.INSUFFICIENT_DATA
    notice = next(w.text_zh for w in assessment.warnings if w.text_zh.startswith("城市细颗粒物"))
    assert "共300天，需全年≥324天" in notice and "2025年11月" in notice


def test_the_example_district_derives_its_share_of_good_days(pack: RulePack) -> None:
    from tests.conftest import EXAMPLES

    facts = load_facts(EXAMPLES / "district-air-daily.yaml", pack.catalogue)
    assessment = Assessor(pack).assess(facts, dt.date(2026, 1, 31))
    notice = next(w.text_zh for w in assessment.warnings if w.text_zh.startswith("空气质量优良天数比例"))
    assert "2025年优良天数 352/365 天" in notice and "HJ 633-2012" in notice
    o3 = next(f for f in assessment.findings if f.requirement == "JA-5-26")
    assert "第90百分位数" in o3.reason_zh and "2020: 142 μg/m³" in o3.reason_zh


@pytest.mark.parametrize("periods", [["2025-01", "2025-02"], ["2024", "2025"]])
def test_daily_parameters_given_by_month_or_year_are_set_aside_not_a_traceback(
    pack: RulePack, tmp_path: Path, periods: list[str]
) -> None:
    """Monthly PM2.5 means are what a bureau publishes; the annual mean and good days are computed from days, so
    months or years are set aside with a notice saying what is wanted (once), and the site is still assessed."""
    body = {
        "site": {"id": "D1", "kind": "district", "name": "晋安区", "admin_code": "350111"},
        "facts": {"PM2.5日均浓度": {"series": dict.fromkeys(periods, 20.0)}},
    }
    path = tmp_path / "district.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2026, 6, 30))
    said = [w.text_zh for w in assessment.warnings if "须按日填报" in w.text_zh]
    assert said == ["PM2.5日均浓度须按日填报（如 2025-01-01: 25）；按月或按年的数值不能据以计算，未采用"]
    assert next(f for f in assessment.findings if f.requirement == "JA-0-19").status == Status.INSUFFICIENT_DATA


def test_a_log_running_into_a_new_year_keeps_the_last_full_years_mean(pack: RulePack, tmp_path: Path) -> None:
    """A station's export "from 2025-01-01 to today" taken in January: 2025 is whole and decides the 2025 target,
    2026's twenty days decide nothing yet; a year whose log runs to its end and still falls short is no figure."""
    path = _district(tmp_path, 365 + 20)
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2026, 1, 31))
    finding = next(f for f in assessment.findings if f.requirement == "JA-0-19")
    assert finding.status == Status.PASS and "2025" in finding.reason_zh
    first = dt.date(2025, 1, 1)
    holes = {(first + dt.timedelta(days=i)).isoformat(): 15.0 for i in range(365) if i % 9}  # 2025 to its end, gaps
    body = {"site": {"id": "D1", "kind": "district", "name": "晋安区", "admin_code": "350111"}}
    path.write_text(
        yaml.safe_dump({**body, "facts": {"PM2.5日均浓度": {"series": holes}}}, allow_unicode=True), "utf-8"
    )
    gapped = Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2026, 1, 31))
    assert next(f for f in gapped.findings if f.requirement == "JA-0-19").status == Status.INSUFFICIENT_DATA
