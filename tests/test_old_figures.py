"""A dated target (到2025年 …) is judged on a figure of its year: a series that ends in an earlier year (2022 for a
2025 target, assessed in 2026) is missing data naming the year wanted, never a pass, in `check` and in `batch`
alike; a later year's figure does not stand in for it either (`test_deadline_year`). A plain value, a target
without a due date, and a rule over every year that the years given already break keep their reading."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.load.divisions import divisions_of
from compliance.load.facts import load_facts
from compliance.model.plan import RulePack
from compliance.model.result import Finding, Status

RATE = "农村生活污水治理率"
JUDGED = "到期目标按目标年份本年的数据判定"
"""What the missing data of a dated target past due says of the figure wanted: its year's own."""
MID_2026 = dt.date(2026, 6, 30)


def _finding(pack: RulePack, path: Path, requirement: str, as_of: dt.date = MID_2026) -> Finding:
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue, divisions_of(pack.divisions)), as_of)
    return next(f for f in assessment.findings if f.requirement == requirement)


def test_a_figure_of_a_year_before_the_target_is_missing_data(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    for figures in ({"2021": 80, "2022": 82}, {"2021": 60, "2022": 62}):  # would pass, would fail: neither shows 2025
        finding = _finding(pack, facts_file({RATE: {"series": figures}}), "JA-14-7")
        assert finding.status == Status.INSUFFICIENT_DATA
        assert finding.missing == ["rural_domestic_sewage_treatment_rate"]
        assert f"农村生活污水治理率 2025年的数据（{JUDGED}；2025年之前给出的最新时期为 2022）" in finding.reason_zh
        judged_en = "a target past due is judged on its own year's figure"
        assert f"for 2025 ({judged_en}; the latest given before 2025 is 2022)" in finding.reason_en


def test_the_target_year_decides(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    """The target's year decides once ended; a later year does not stand in for it (2026's 70% says nothing of
    2025), the year still running (2026 in mid-2026) is not yet a year's figure (`assess.running`), and a month
    before the deadline (2025-03 for 到2025年) is not what stood at it."""
    assert _finding(pack, facts_file({RATE: {"series": {"2022": 60, "2025": 80}}}), "JA-14-7").status == Status.PASS
    later = facts_file({RATE: {"series": {"2022": 80, "2026": 70}}})
    after = _finding(pack, later, "JA-14-7", dt.date(2027, 1, 1))
    assert after.status == Status.INSUFFICIENT_DATA
    assert f"2025年的数据（{JUDGED}；2025年之前给出的最新时期为 2022；给出的 2026 在2025年之后" in after.reason_zh
    running = _finding(pack, later, "JA-14-7")  # 2026's 70% is half a year: 2022's is all that is left
    assert running.status == Status.INSUFFICIENT_DATA
    assert "农村生活污水治理率 2025年的数据" in running.reason_zh
    monthly = _finding(pack, facts_file({RATE: {"series": {"2025-03": 80}}}), "JA-14-7")
    assert monthly.status == Status.INSUFFICIENT_DATA  # a rate is not lasting: March's 80% may not stand in December
    assert f"2025-12-31（期限）时的数据（{JUDGED}；给出的 2025-03 早于期限" in monthly.reason_zh


def test_a_target_not_yet_due_reads_the_latest_figure(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    """Before 2025 ends the 2022 figure is all there is to say how the site is heading: at risk, as before."""
    finding = _finding(pack, facts_file({RATE: {"series": {"2021": 60, "2022": 62}}}), "JA-14-7", dt.date(2024, 6, 30))
    assert finding.status == Status.AT_RISK


def test_a_plain_value_and_an_undated_target_keep_their_reading(
    pack: RulePack, facts_file: Callable[..., Path]
) -> None:
    assert _finding(pack, facts_file({RATE: 80}), "JA-14-7").status == Status.PASS
    waste = {"生活垃圾产生量": {"series": {"2024": 468, "2025": 412}}}  # 推进生活垃圾减量化 has no due date
    assert _finding(pack, facts_file(waste), "JA-15-3").status == Status.PASS


def test_a_standing_duty_is_not_shown_by_a_figure_from_before_the_plan(
    pack: RulePack, facts_file: Callable[..., Path]
) -> None:
    """A duty without a due date is the plan's own: 晋安's undated plan is assumed in force from 2025 (it
    implements 福州's action plan of autumn 2024), so a series ending in 2024 shows nothing of 推进生活垃圾减量化;
    厦门's was issued in 2025, so a 是 observed in 2021 shows nothing of 深入开展环境风险隐患排查整治 (XM-9-13)."""
    waste = {"生活垃圾产生量": {"series": {"2022": 468, "2024": 412}}}
    finding = _finding(pack, facts_file(waste), "JA-15-3")
    assert (
        finding.status == Status.INSUFFICIENT_DATA
        and "2025年或以后的数据（给出的最新时期为 2024）" in finding.reason_zh
    )
    risks = {"开展环境风险隐患排查整治": {"value": "是", "observed_on": "2021-05-01"}}
    site = {"kind": "district", "name": "同安区", "district": "同安区"}
    old = _finding(pack, facts_file(risks, **site), "XM-9-13", dt.date(2028, 6, 30))
    assert (
        old.status == Status.INSUFFICIENT_DATA
        and "2027年的数据（给出的最新时期为 2021-05-01；之后年份在方案期之外）" in old.reason_zh
    )
    risks = {"开展环境风险隐患排查整治": {"value": "是", "observed_on": "2027-05-01"}}
    assert _finding(pack, facts_file(risks, **site), "XM-9-13", dt.date(2028, 6, 30)).status == Status.PASS


def test_a_single_value_observed_before_the_target_year_is_missing_data(
    pack: RulePack, facts_file: Callable[..., Path]
) -> None:
    """A figure with its date (value and observed_on) is read like a one-year series: a 2023 rate says nothing of
    2025, pass or fail; one observed at the deadline (2025-12-31) decides, one observed earlier in 2025 does not say
    what stood at it (a rate is not lasting), nor does one observed in a later year (`test_deadline_year`)."""
    for value in (80, 60):
        old = facts_file({RATE: {"value": value, "observed_on": "2023-12-31"}})
        finding = _finding(pack, old, "JA-14-7")
        assert finding.status == Status.INSUFFICIENT_DATA
        assert f"2025年的数据（{JUDGED}；2025年之前给出的最新时期为 2023-12-31）" in finding.reason_zh
    assert (
        _finding(pack, facts_file({RATE: {"value": 80, "observed_on": "2025-12-31"}}), "JA-14-7").status == Status.PASS
    )
    november = _finding(pack, facts_file({RATE: {"value": 80, "observed_on": "2025-11-30"}}), "JA-14-7")
    assert november.status == Status.INSUFFICIENT_DATA
    assert f"2025-12-31（期限）时的数据（{JUDGED}；给出的 2025-11-30 早于期限" in november.reason_zh
    early = facts_file({RATE: {"value": 60, "observed_on": "2023-12-31"}})
    assert _finding(pack, early, "JA-14-7", dt.date(2024, 6, 30)).status == Status.AT_RISK  # not yet due: heading


def test_an_achievement_reached_before_the_target_year_stays_reached(
    pack: RulePack, facts_file: Callable[..., Path]
) -> None:
    """到2027年…建成美丽乡村: a village built in 2026 has met it (a lasting achievement, `Metric.lasting`); one not
    built by its latest year given still wants 2027, and a rate (not lasting) always does."""
    village = {"kind": "village", "name": "田头村", "district": "集美区"}
    built = facts_file({"已建成美丽乡村": {"series": {"2025": "否", "2026": "是"}}}, **village)
    late = dt.date(2028, 6, 30)
    assert _finding(pack, built, "XM-0-29", late).status == Status.PASS
    short = facts_file({"已建成美丽乡村": {"series": {"2025": "否", "2026": "否"}}}, **village)
    finding = _finding(pack, short, "XM-0-29", late)
    assert finding.status == Status.INSUFFICIENT_DATA
    assert f"2027年的数据（{JUDGED}；2027年之前给出的最新时期为 2026）" in finding.reason_zh
    bay = {"kind": "bay", "name": "大嶝海域", "district": "翔安区"}
    level = facts_file({"美丽海湾建设等级": {"series": {"2025": "省级", "2026": "国家级"}}}, **bay)
    assert _finding(pack, level, "XM-0-30", late).status == Status.PASS
    assert pack.catalogue.metric("beautiful_village_built").lasting
    assert not pack.catalogue.metric("rural_domestic_sewage_treatment_rate").lasting


def test_on_track_for_a_target_ahead_is_said_only_on_the_last_year_ended(
    pack: RulePack, facts_file: Callable[..., Path]
) -> None:
    """JA-14-9 (≥ 80% by 2027), mid-2026: 2024's 85% does not show the site on track (2025's is wanted), 2025's does;
    a shortfall on an old figure is still a risk to report."""
    stale = _finding(pack, facts_file({RATE: {"series": {"2024": 85}}}), "JA-14-9")
    assert stale.status == Status.INSUFFICIENT_DATA
    assert "农村生活污水治理率 2025年或以后的数据（给出的最新时期为 2024）" in stale.reason_zh
    assert _finding(pack, facts_file({RATE: {"series": {"2025": 85}}}), "JA-14-9").status == Status.PASS
    assert _finding(pack, facts_file({RATE: {"series": {"2024": 70}}}), "JA-14-9").status == Status.AT_RISK


def test_a_target_is_due_the_day_after_its_due_date(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    """到2025年 includes 2025-12-31: short of it that day is at risk (0 days left), a failure from the day after."""
    short = facts_file({RATE: 74.9})
    on_the_day = _finding(pack, short, "JA-14-7", dt.date(2025, 12, 31))
    ahead = on_the_day.next_target
    assert on_the_day.status == Status.AT_RISK and ahead is not None and ahead.gap is not None
    assert ahead.gap.days_left == 0 and "距期限 0 天" in ahead.gap.text_zh
    after = _finding(pack, short, "JA-14-7", dt.date(2026, 1, 1))
    due = after.target
    assert after.status == Status.FAIL and due is not None and due.gap is not None and due.gap.days_overdue == 1


def test_a_yearly_decrease_broken_in_the_years_given_fails(pack: RulePack, facts_file: Callable[..., Path]) -> None:
    district = {"kind": "district", "name": "晋安区"}
    broken = {"单位GDP二氧化碳排放": {"series": {"2020": 0.62, "2021": 0.60, "2022": 0.61, "2023": 0.56}}}
    assert _finding(pack, facts_file(broken, **district), "JA-0-11").status == Status.FAIL
    unbroken = {"单位GDP二氧化碳排放": {"series": {"2020": 0.62, "2021": 0.60, "2022": 0.58, "2023": 0.56}}}
    finding = _finding(pack, facts_file(unbroken, **district), "JA-0-11")
    assert finding.status == Status.INSUFFICIENT_DATA
    assert f"2025年的数据（{JUDGED}；2025年之前给出的最新时期为 2023）" in finding.reason_zh


def _batch(run: Callable[..., Result], tmp_path: Path, years: list[str], rows: list[list[str]]) -> Path:
    """Run a batch of 晋安 villages with a sewage treatment rate column per year; its output folder."""
    table = tmp_path / "villages.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["编号", "名称", "所在区", *(f"{RATE}[{year}]" for year in years)])
        writer.writerows(rows)
    out = tmp_path / "out"
    result = run("batch", table, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--workers", "1")
    assert result.exit_code == 0, result.output
    return out


def _district_row(out: Path, requirement: str) -> dict[str, str]:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return next(row for row in summary["districts"] if row["requirement"] == requirement)


def test_batch_reads_a_table_of_old_years_as_check_does(
    run: Callable[..., Result], pack: RulePack, facts_file: Callable[..., Path], tmp_path: Path
) -> None:
    out = _batch(
        run,
        tmp_path,
        ["2021", "2022"],
        [["V1", "九峰村", "晋安区", "80", "82"], ["V2", "岭头村", "晋安区", "60", "62"]],
    )
    lines = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    batch = {line["site"]: line for line in lines if line["requirement"] == "JA-14-7"}
    assert {site: line["status"] for site, line in batch.items()} == {
        "V1": "insufficient_data",
        "V2": "insufficient_data",
    }
    single = _finding(pack, facts_file({RATE: {"series": {"2021": 80, "2022": 82}}}, id="V1"), "JA-14-7")
    assert batch["V1"]["reason_zh"] == single.reason_zh
    district = _district_row(out, "JA-14-7")
    assert district["status"] == "insufficient_data"  # 71% over 2022's figures says nothing of 2025
    assert f"2025年的数据（{JUDGED}；2025年之前给出的最新时期为 2022）" in district["reason_zh"]


def test_a_district_figure_of_the_target_year_is_decided(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [["V1", "九峰村", "晋安区", "50", "80", ""], ["V2", "岭头村", "晋安区", "50", "90", ""]]
    out = _batch(run, tmp_path, ["2022", "2025", "2027"], rows)
    assert _district_row(out, "JA-14-7")["status"] == "pass"  # 2025's 85%; the 2027 column begins after the as-of date


def test_a_district_figure_over_documents_is_no_newer_than_its_oldest_member(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A JSONL batch whose villages give 2024's rate (a series, or a value observed in 2024) is missing data for the
    2025 district target, as each village is: the figure over them is of 2024; with 2025's figures it is decided."""
    base = {"kind": "village", "district": "晋安区", "attributes": {"township": "寿山乡"}}
    old = [{"series": {"2024": 80}}, {"value": 80, "observed_on": "2024-12-31"}, 80]
    for label, values, status in (("old", old, "insufficient_data"), ("new", [{"series": {"2025": 80}}, 80], "pass")):
        lines = [
            json.dumps({"site": {"id": f"V{n}", "name": f"村{n}", **base}, "facts": {RATE: value}}, ensure_ascii=False)
            for n, value in enumerate(values)
        ]
        source = tmp_path / f"{label}.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = tmp_path / label
        result = run("batch", source, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--quiet")
        assert result.exit_code in (0, 1, 3), result.output
        assert _district_row(out, "JA-14-7")["status"] == status


def test_an_old_single_value_of_a_log_reads_as_its_one_period_series(
    pack: RulePack, facts_file: Callable[..., Path]
) -> None:
    """A log read over the last year (油烟达标排放, 发生蓝藻水华, 每日降尘次数) given as one value observed more than a
    year before the as-of date is read exactly as that one period: missing data naming the months wanted, never a
    pass, and never a duty not applicable on it (JA-7-9 asks for a bloom in the last year)."""
    forms: list[tuple[str, str, dict[str, object], dict[str, object]]] = [
        ("餐饮服务单位", "JA-5-22", {"油烟达标排放": {"value": "是", "observed_on": "2025-01-15"}}, {"位于城区": "是"}),
        ("餐饮服务单位", "JA-5-24", {"露天烧烤": {"value": "否", "observed_on": "2025-01-15"}}, {"位于城区": "是"}),
        ("水库", "JA-7-8", {"发生蓝藻水华": {"value": "否", "observed_on": "2025-01-20"}}, {}),
        (
            "水库",
            "JA-7-9",
            {"发生蓝藻水华": {"value": "否", "observed_on": "2025-01-20"}},
            {"处于水华爆发敏感期": "否"},
        ),
        ("道路", "JA-5-8", {"每日降尘次数": {"value": 2, "observed_on": "2025-03-03"}}, {"属主次干道": "是"}),
    ]
    for kind, requirement, dated, others in forms:
        ((metric, given),) = dated.items()
        assert isinstance(given, dict)
        day = str(given["observed_on"])
        period = day if metric == "每日降尘次数" else day[:7]
        single = _finding(pack, facts_file({**others, **dated}, kind=kind), requirement)
        series = _finding(
            pack, facts_file({**others, metric: {"series": {period: given["value"]}}}, kind=kind), requirement
        )
        assert single.status == series.status == Status.INSUFFICIENT_DATA, (requirement, single.status)
        assert single.reason_zh == series.reason_zh and single.reason_en == series.reason_en
    recent = {"油烟达标排放": {"value": "是", "observed_on": "2026-03-15"}, "位于城区": "是"}
    assert _finding(pack, facts_file(recent, kind="餐饮服务单位"), "JA-5-22").status == Status.PASS
    breach = {"露天烧烤": {"value": "是", "observed_on": "2025-01-15"}, "位于城区": "是"}
    assert _finding(pack, facts_file(breach, kind="餐饮服务单位"), "JA-5-24").status == Status.FAIL
