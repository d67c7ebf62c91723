"""An assessment as of a date reads only the periods that had begun by then: a figure for a later year never
decides a target (the 2025 PM2.5 target is not failed in mid-2026 by a 2027 figure), an assessment of a past
date answers as it would have then, and what was left out is said (a notice in `check`, a warning in
`batch`)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from compliance.assess.assessor import Assessor
from compliance.load.facts import load_facts
from compliance.model.plan import RulePack
from compliance.model.result import Assessment, Finding, Status

DISTRICT = {"id": "D1", "kind": "district", "name": "晋安区", "district": "晋安区"}


def _assess(pack: RulePack, tmp_path: Path, facts: dict[str, object], as_of: dt.date) -> Assessment:
    path = tmp_path / "district.yaml"
    path.write_text(yaml.safe_dump({"site": DISTRICT, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return Assessor(pack).assess(load_facts(path, pack.catalogue), as_of)


def _status(assessment: Assessment, requirement: str) -> Status:
    return next(f.status for f in assessment.findings if f.requirement == requirement)


def test_a_later_year_does_not_decide_an_earlier_assessment(pack: RulePack, tmp_path: Path) -> None:
    pm25 = {"城市细颗粒物（PM2.5）年均浓度": {"series": {"2020": 25, "2025": 17, "2027": 25}}}
    mid_2026 = _assess(pack, tmp_path, pm25, dt.date(2026, 6, 30))
    assert _status(mid_2026, "JA-0-19") == Status.PASS  # 2025's 17 μg/m³, not 2027's 25
    assert [w.text_zh for w in mid_2026.warnings if "2027" in w.text_zh] == [
        "城市细颗粒物（PM2.5）年均浓度：2027 在评估日期 2026-06-30 之后开始，未计入本次评估"
    ]
    # once 2027 is read, the 2025 target still stands on 2025's own figure (`assess.deadline`); 2027's 25 is late
    assert _status(_assess(pack, tmp_path, pm25, dt.date(2028, 1, 31)), "JA-0-19") == Status.PASS
    late = {"城市细颗粒物（PM2.5）年均浓度": {"series": {"2020": 25, "2025": 19, "2027": 17}}}
    assert _status(_assess(pack, tmp_path, late, dt.date(2026, 6, 30)), "JA-0-19") == Status.FAIL
    assert _status(_assess(pack, tmp_path, late, dt.date(2028, 1, 31)), "JA-0-19") == Status.FAIL


def test_a_year_under_way_is_set_aside_and_a_series_wholly_later_is_missing(pack: RulePack, tmp_path: Path) -> None:
    """An annual mean labelled with the year still running is half a year's (`assess.running`): 2025's decides, with
    a notice, until 2026 has ended; then 2025's own figure still decides the 2025 target (`assess.deadline`)."""
    current = {"城市细颗粒物（PM2.5）年均浓度": {"series": {"2025": 17, "2026": 19}}}
    mid_2026 = _assess(pack, tmp_path, current, dt.date(2026, 6, 30))
    assert _status(mid_2026, "JA-0-19") == Status.PASS
    assert any("2026 年在评估日期 2026-06-30 尚未结束" in w.text_zh for w in mid_2026.warnings)
    assert _status(_assess(pack, tmp_path, current, dt.date(2027, 1, 1)), "JA-0-19") == Status.PASS
    later = {"城市细颗粒物（PM2.5）年均浓度": {"series": {"2027": 17}}}
    assert _status(_assess(pack, tmp_path, later, dt.date(2026, 6, 30)), "JA-0-19") == Status.INSUFFICIENT_DATA


def test_a_trend_is_read_to_the_as_of_date(pack: RulePack, tmp_path: Path) -> None:
    """逐年下降 to 2025: the years after a past as-of date neither break nor mend it, nor does the year still running
    (2026 on 2026-12-31); once 2026 has ended its rise breaks the 2027 sentence, not this 2025 one."""
    years = {"2020": 0.62, "2021": 0.58, "2022": 0.55, "2023": 0.52, "2024": 0.50, "2025": 0.48, "2026": 0.60}
    carbon = {"单位GDP二氧化碳排放": {"series": years}}  # from 2020, the base year 较2020年…且逐年下降 names
    assert _status(_assess(pack, tmp_path, carbon, dt.date(2025, 12, 31)), "JA-0-11") == Status.PASS
    assert _status(_assess(pack, tmp_path, carbon, dt.date(2026, 12, 31)), "JA-0-11") == Status.PASS
    # once 2026 has ended its rise breaks the 2027 sentence (JA-0-34), not the 2025 one (`assess.deadline`)
    assert _status(_assess(pack, tmp_path, carbon, dt.date(2027, 1, 1)), "JA-0-11") == Status.PASS
    assert _status(_assess(pack, tmp_path, carbon, dt.date(2027, 1, 1)), "JA-0-34") == Status.AT_RISK


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        (dt.date(2025, 6, 30), "单位GDP能耗 2025年或以后的数据（2024年之后尚无已结束的年度，2025年结束后才能判定）"),
        (dt.date(2026, 6, 30), "单位GDP能耗 2025年或以后的数据（给出的最新时期为 2024）"),
    ],
)
def test_a_change_from_2024_given_no_later_year_names_the_year_wanted(
    pack: RulePack, tmp_path: Path, as_of: dt.date, said: str
) -> None:
    """逐步下降 (JA-0-33, 较2024年) with a series ending in 2024 is missing data naming a figure of 2025 or later, and
    says when none can be given yet (no year after 2024 has ended), not the bare name of a fact that was given."""
    energy = {"单位GDP能耗": {"series": {"2020": 0.5, "2022": 0.48, "2023": 0.47, "2024": 0.45}}}
    found = next(f for f in _assess(pack, tmp_path, energy, as_of).findings if f.requirement == "JA-0-33")
    assert found.status == Status.INSUFFICIENT_DATA and said in found.reason_zh, found.reason_zh
    assert "2025 or later" in found.reason_en, found.reason_en


def test_batch_leaves_later_columns_unread_and_says_so(run: Callable[..., Result], tmp_path: Path) -> None:
    header = ["编号", "名称", "所在区", "农村生活污水治理率[2025]", "农村生活污水治理率[2027]"]
    table = tmp_path / "villages.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, ["V1", "甲村", "晋安区", "80%", "50%"]])
    out = tmp_path / "out"
    run("batch", table, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--workers", "1", "--quiet")
    warnings = json.loads((out / "summary.json").read_text(encoding="utf-8"))["warnings"]
    assert [w for w in warnings if "农村生活污水治理率[2027]" in w and "2026-06-30" in w] != []
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        (site,) = list(csv.DictReader(handle))
    assert "JA-14-7" not in site["failing"] + site["missing_data"]  # 2025's 80% meets 75%; 2027's 50% is unread
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    rate = "rural_domestic_sewage_treatment_rate"
    shown = {o["value"] for f in written for o in f["observed"] if o["metric"] == rate}
    assert shown == {80.0}  # the 2027 figure, 50%, never shows


def test_a_blank_period_counts_only_once_it_has_begun(pack: RulePack, tmp_path: Path) -> None:
    """2027: 暂无 written ahead says nothing in 2026 (2025's figure decides); from 2027 the figure now is unknown, for
    the 2027 target (JA-0-40), while the 2025 target still stands on 2025's own figure (`assess.deadline`)."""
    pm25 = {"城市细颗粒物（PM2.5）年均浓度": {"series": {"2024": 19, "2025": 17, "2027": "暂无"}}}
    mid_2026 = _assess(pack, tmp_path, pm25, dt.date(2026, 6, 30))
    assert _status(mid_2026, "JA-0-19") == Status.PASS
    in_2028 = _assess(pack, tmp_path, pm25, dt.date(2028, 1, 31))
    assert _status(in_2028, "JA-0-19") == Status.PASS
    assert _status(in_2028, "JA-0-40") == Status.INSUFFICIENT_DATA
    assert any("最近一期 2027 填为空" in w.text_zh for w in in_2028.warnings)


def test_batch_district_figures_of_facts_documents_read_to_the_as_of_date(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """A JSONL line's later year (2027, after the as-of date) does not feed its district's figure, as it does not
    decide the line's own findings."""
    lines = [
        {
            "site": {"id": f"V{n}", "kind": "village", "name": f"{n}村", "district": "晋安区"},
            "facts": {"农村生活污水治理率": {"series": {"2025": 80, "2027": 10}}},
        }
        for n in range(3)
    ]
    table = tmp_path / "villages.jsonl"
    table.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run("batch", table, "--kind", "village", "--out", out, "--as-of", "2026-06-30", "--workers", "1", "--quiet")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figure = next(row for row in summary["districts"] if row["requirement"] == "JA-14-7")
    assert (figure["figure"], figure["status"]) == ("80%", "pass")


@pytest.mark.parametrize(
    ("series", "as_of", "status", "set_aside"),
    [
        ({"2025": "是", "2026": "否"}, "2026-06-30", "pass", True),  # 2026's evaluation is due by the year's end
        ({"2025": "否", "2026": "否"}, "2026-06-30", "fail", True),  # 2025's was not done
        ({"2025": "是", "2026": "否"}, "2027-01-15", "fail", False),  # 2026 has ended
        ({"2025": "是", "2026": "是"}, "2026-06-30", "pass", False),
        ({"2025": "否"}, "2025-06-30", "at_risk", False),  # the first year, read as it is: not yet due
        ({"2026": "否"}, "2026-06-30", "insufficient_data", True),  # 2026's not yet due; 2025's, due, not given
        ({"2026": "是"}, "2027-03-01", "insufficient_data", False),  # 2025 not given: it may be the year not done
        ({"2024": "是"}, "2028-06-30", "insufficient_data", False),  # 2027 decides; 2024's 是 says nothing of it
        ({"2025": "是", "2027": "否"}, "2027-06-30", "insufficient_data", True),  # 2026 decides, not 2025
        ({"2025": "否", "2026": "是"}, "2027-06-30", "fail", False),  # 2025 was missed: 2026's 是 does not make it up
        ({"2025": "否"}, "2027-03-01", "fail", False),  # missed in 2025 already, whatever 2026 was
        ({"2024": "否", "2025": "是", "2026": "是"}, "2027-06-30", "pass", False),  # 2024 is before it was due
    ],
)
def test_a_yearly_duty_answered_no_in_a_year_still_running_is_not_yet_due_in_check_and_batch(
    run: Callable[..., Result], tmp_path: Path, series: dict[str, str], as_of: str, status: str, set_aside: bool
) -> None:
    """开展美丽城市建设成效年度评价 (当年已开展) is done once a year: a 否 for the running year is the year before's
    answer that decides, with a notice; the year that decides is the last one ended, so an older 是 is missing data;
    a batch of cities reads its yearly columns the same way."""
    metric = "开展美丽城市建设成效年度评价"
    city = {"id": "C1", "kind": "city", "name": "厦门市", "district": "厦门市"}
    path = tmp_path / "city.yaml"
    document = {"site": city, "facts": {metric: {"series": series}}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    checked = json.loads(run("check", path, "--as-of", as_of, "--format", "json").output)["assessments"][0]
    assert next(f["status"] for f in checked["findings"] if f["requirement"] == "XM-0-10") == status
    noticed = [w["text_zh"] for w in checked["warnings"] if "尚未结束" in w["text_zh"]]
    said = f"{metric}：{as_of[:4]} 尚未结束，当期填“否”尚未到期，按此前一期评估"
    assert noticed == ([said] if set_aside else [])
    table = tmp_path / "cities.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        header = ["站点编号", "名称", "所在区", *(f"{metric}[{year}]" for year in series)]
        csv.writer(handle).writerows([header, ["C1", "厦门市", "厦门市", *series.values()]])
    out = tmp_path / "out"
    run("batch", table, "--kind", "city", "--out", out, "--as-of", as_of, "--quiet", "--all-findings")
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert next(f["status"] for f in written if f["requirement"] == "XM-0-10") == status


def test_a_year_in_brackets_is_a_period_not_a_unit(run: Callable[..., Result], tmp_path: Path) -> None:
    """开展增殖放流（2024年） is 2024's answer: a batch column reads it as that year's (so on 2028-06-30 an older 是 is
    missing data, not a pass), and a facts key is refused, asking for a series."""
    table = tmp_path / "districts.csv"
    table.write_text(
        "站点编号,名称,所在区,开展增殖放流（2024年）,开展增殖放流（2025年度）\nD1,集美区,集美区,是,是\n", "utf-8"
    )
    out = tmp_path / "out"
    run("batch", table, "--kind", "district", "--out", out, "--as-of", "2028-06-30", "--quiet", "--all-findings")
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert next(f["status"] for f in written if f["requirement"] == "XM-8-7") == "insufficient_data"
    path = tmp_path / "district.yaml"
    document = {"site": {"id": "D1", "kind": "district", "name": "集美区"}, "facts": {"开展增殖放流（2024年）": "是"}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    refused = run("check", path, "--as-of", "2028-06-30")
    assert refused.exit_code == 2 and "括号中是时期" in refused.output and "{series: {2024: …}}" in refused.output


@pytest.mark.parametrize(
    ("cells", "as_of", "status"),
    [
        (["是"], "2026-03-01", "pass"),  # before 04-01 the year ended decides
        (["是"], "2026-05-01", "insufficient_data"),  # no 2026 column: 2026 is wanted from 04-01
        (["是", ""], "2026-05-01", "insufficient_data"),  # a blank 2026 column alike
        (["是", ""], "2026-03-31", "pass"),  # a blank 2026 column before 04-01: not yet due, 2025 decides
        (["是", "否"], "2026-05-01", "fail"),
        (["是", "是"], "2026-05-01", "pass"),
        (["否", "否"], "2026-03-31", "fail"),  # 2026's 否 not yet due; 2025's decides
    ],
)
def test_a_duty_due_within_the_year_wants_the_running_year_from_its_day_in_check_and_batch(
    run: Callable[..., Result], tmp_path: Path, cells: list[str], as_of: str, status: str
) -> None:
    """汛前排查 (JA-25-15, `due_in_year: "04-01"`): from 1 April the running year decides, so 2025's 是 alone no longer
    passes; missing, the reason names the year and the day. A batch of districts reads its yearly columns alike."""
    metric = "开展汛前超标隐患排查整治"
    years = ["2025", "2026"][: len(cells)]
    series = {year: cell for year, cell in zip(years, cells, strict=True) if cell}
    path = tmp_path / "district.yaml"
    document = {"site": DISTRICT, "facts": {metric: {"series": series}}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    checked = json.loads(run("check", path, "--as-of", as_of, "--format", "json").output)["assessments"][0]
    finding = next(f for f in checked["findings"] if f["requirement"] == "JA-25-15")
    assert finding["status"] == status
    if status == "insufficient_data":
        assert f"{metric} 2026年的情况（4月1日起到期）" in finding["reason_zh"]
    table = tmp_path / "districts.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        header = ["站点编号", "名称", "所在区", *(f"{metric}[{year}]" for year in years)]
        csv.writer(handle).writerows([header, ["D1", "晋安区", "晋安区", *cells]])
    out = tmp_path / "out"
    run("batch", table, "--kind", "district", "--out", out, "--as-of", as_of, "--quiet", "--all-findings")
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    found = next(f for f in written if f["requirement"] == "JA-25-15")
    assert (found["status"], found["reason_zh"]) == (status, finding["reason_zh"])


def test_a_value_observed_before_the_running_year_is_missing_from_its_due_day(pack: RulePack, tmp_path: Path) -> None:
    """A plain 是 observed in 2025 is 2025's: from 2026-04-01 it no longer shows 汛前排查 done; one without a date is
    the answer when reported and is read as it is."""
    dated = {"开展汛前超标隐患排查整治": {"value": "是", "observed_on": "2025-03-20"}}
    assert _status(_assess(pack, tmp_path, dated, dt.date(2026, 3, 1)), "JA-25-15") == Status.PASS
    assert _status(_assess(pack, tmp_path, dated, dt.date(2026, 5, 1)), "JA-25-15") == Status.INSUFFICIENT_DATA
    undated = {"开展汛前超标隐患排查整治": "是"}
    assert _status(_assess(pack, tmp_path, undated, dt.date(2026, 5, 1)), "JA-25-15") == Status.PASS


@pytest.mark.parametrize(
    ("observed", "wanted"),
    [("2027-06-01", "2025年–2026年"), ("2026-06-01", "2025年"), ("2025-12-20", "2026年")],
)
def test_one_dated_yes_of_a_yearly_duty_shows_its_own_year_at_most(
    pack: RulePack, tmp_path: Path, observed: str, wanted: str
) -> None:
    """XM-0-10 组织开展年度评价, every year from 2025, as of 2027-06-30: a 是 observed on 2027-06-01 shows 2027's
    evaluation at most, not 2025's or 2026's, so they are wanted, as a series {2027: 是} wants them; an undated 是
    keeps its reading, the state now."""
    city, metric = {"id": "XM", "kind": "city", "name": "厦门市", "district": "厦门市"}, "开展美丽城市建设成效年度评价"
    path = tmp_path / "city.yaml"

    def xm_0_10(given: object) -> Finding:
        path.write_text(yaml.safe_dump({"site": city, "facts": {metric: given}}, allow_unicode=True), encoding="utf-8")
        assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), dt.date(2027, 6, 30))
        return next(f for f in assessment.findings if f.requirement == "XM-0-10")

    dated = xm_0_10({"value": "是", "observed_on": observed})
    assert dated.status == Status.INSUFFICIENT_DATA, dated.reason_zh
    assert f"{metric} {wanted}的情况（每年一次，各年都须做到）" in dated.reason_zh
    assert xm_0_10("是").status == Status.PASS


@pytest.mark.parametrize(("as_of", "status"), [("2026-03-31", "pass"), ("2026-05-01", "insufficient_data")])
def test_a_yearly_duty_written_blank_for_a_year_not_yet_due_is_set_aside(
    run: Callable[..., Result], tmp_path: Path, as_of: str, status: str
) -> None:
    """2026: 暂无 for 汛前排查 before 1 April is a year not yet due, set aside as its 否 would be (2025 decides); from
    1 April it is the year wanted, unknown."""
    path = tmp_path / "district.yaml"
    document = {"site": DISTRICT, "facts": {"开展汛前超标隐患排查整治": {"series": {"2025": "是", "2026": "暂无"}}}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    checked = json.loads(run("check", path, "--as-of", as_of, "--format", "json").output)["assessments"][0]
    assert next(f["status"] for f in checked["findings"] if f["requirement"] == "JA-25-15") == status


@pytest.mark.parametrize(("as_of", "status"), [("2026-03-31", "insufficient_data"), ("2026-05-01", "fail")])
def test_a_lone_no_for_a_year_not_yet_due_is_no_answer_yet_in_check_and_batch(
    run: Callable[..., Result], tmp_path: Path, as_of: str, status: str
) -> None:
    """汛前排查 answered only for 2026, 否: before 1 April that 否 is no answer yet (2025 is wanted); then a fail."""
    metric = "开展汛前超标隐患排查整治"
    path = tmp_path / "district.yaml"
    document = {"site": DISTRICT, "facts": {metric: {"series": {"2026": "否"}}}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    checked = json.loads(run("check", path, "--as-of", as_of, "--format", "json").output)["assessments"][0]
    assert next(f["status"] for f in checked["findings"] if f["requirement"] == "JA-25-15") == status
    table = tmp_path / "districts.csv"
    table.write_text(f"站点编号,名称,所在区,{metric}[2026]\nD1,晋安区,晋安区,否\n", encoding="utf-8")
    out = tmp_path / "out"
    run("batch", table, "--kind", "district", "--out", out, "--as-of", as_of, "--quiet", "--all-findings")
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert next(f["status"] for f in written if f["requirement"] == "JA-25-15") == status


def _site(
    pack: RulePack, tmp_path: Path, site: dict[str, object], facts: dict[str, object], as_of: dt.date
) -> Assessment:
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    return Assessor(pack).assess(load_facts(path, pack.catalogue), as_of)


@pytest.mark.parametrize(
    ("given", "status"),
    [
        ({"series": {"2026": "否", "2027": "否", "2028": "是"}}, Status.FAIL),  # reached after the deadline: late
        ({"series": {"2028": "是"}}, Status.INSUFFICIENT_DATA),  # outside the plan alone
        ("是", Status.INSUFFICIENT_DATA),  # undated, read after the end: the state now
        ({"value": "是", "observed_on": "2028-02-15"}, Status.INSUFFICIENT_DATA),
        ({"series": {"2026": "是"}}, Status.PASS),  # built within the plan: it lasts
    ],
)
def test_a_dated_target_after_the_plans_end_is_read_on_the_plans_years(
    pack: RulePack, tmp_path: Path, given: object, status: Status
) -> None:
    """XM-0-29 「到2027年底…整区建成美丽乡村」 passed on 2028-03-01 on a 2028 是 after a 2027 否, though the tool said
    2028 data was outside the plan; the missing data asks for the deadline's figure, not a later one."""
    village = {"id": "V2", "kind": "village", "name": "古宅村", "admin_code": "350213103202"}
    found = _site(pack, tmp_path, village, {"已建成美丽乡村": given}, dt.date(2028, 3, 1))
    finding = next(f for f in found.findings if f.requirement == "XM-0-29")
    assert finding.status == status, finding.reason_zh
    if status == Status.INSUFFICIENT_DATA:
        assert "2027-12-31（期限）时的情况" in finding.reason_zh and "或以后" not in finding.reason_zh


def test_a_count_due_by_the_plans_end_is_not_met_by_a_later_year(pack: RulePack, tmp_path: Path) -> None:
    city = {"id": "C1", "kind": "city", "name": "厦门市", "admin_code": "350200"}
    facts = {
        "美丽细胞数量": {"series": {"2026": 1, "2027": 1, "2028": 3}},
        "美丽园区数量": {"series": {"2027": 1, "2028": 2}},
    }
    found = _site(pack, tmp_path, city, facts, dt.date(2028, 3, 1))
    for requirement in ("XM-0-22", "XM-6-2", "XM-6-14"):
        assert _status(found, requirement) == Status.FAIL, requirement
    early = _site(pack, tmp_path, city, {"美丽细胞数量": {"series": {"2027-03": 1}}}, dt.date(2028, 3, 1))
    reason = next(f.reason_zh for f in early.findings if f.requirement == "XM-0-22")
    assert "2027-12-31（期限）时的数据" in reason and "或以后" not in reason, reason


def test_batch_does_not_pass_a_dated_target_on_a_year_after_the_plans_end(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """翔安区 villages 是/否/否/是 in 2027 and all 是 in 2028 were every one 合规 on 2028-03-01, and the district's
    XM-0-21 passed at 100%, though 2027's share was 50%."""
    header = ["编号", "村名", "所在区", "乡镇", "2027年已建成美丽乡村", "2028年已建成美丽乡村"]
    rows = [
        ["XA-1", "新圩村", "翔安区", "新圩镇", "是", "是"],
        ["XA-2", "古宅村", "翔安区", "新圩镇", "否", "是"],
        ["XA-3", "内厝村", "翔安区", "内厝镇", "否", "是"],
        ["XA-4", "大帽山社区", "翔安区", "大帽山农场", "是", "是"],
    ]
    table = tmp_path / "xa.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    run("batch", table, "--kind", "行政村", "--out", out, "--as-of", "2028-03-01", "--workers", "1", "--quiet")
    with (out / "sites.csv").open(encoding="utf-8-sig") as handle:
        failing = {site["site_id"]: "XM-0-29" in site["failing"] for site in csv.DictReader(handle)}
    assert failing == {"XA-1": False, "XA-2": True, "XA-3": True, "XA-4": False}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    (district,) = [row for row in summary["districts"] if row["requirement"] == "XM-0-21"]
    assert district["status"] != "pass", district


def test_a_series_observed_after_the_as_of_date_is_not_assessed_as_a_value_is_not(
    pack: RulePack, tmp_path: Path
) -> None:
    """A series whose observed_on is after --as-of was not known then: set aside with the notice a value gets,
    so the requirement wants a figure of its time (it passed on the later report before)."""
    reported = {"城市细颗粒物（PM2.5）年均浓度": {"series": {"2024": 20, "2025": 17}, "observed_on": "2026-12-31"}}
    assessment = _assess(pack, tmp_path, reported, dt.date(2026, 6, 30))
    assert _status(assessment, "JA-0-19") == Status.INSUFFICIENT_DATA
    assert any("观测日期 2026-12-31 晚于评估日期 2026-06-30，未计入本次评估" in w.text_zh for w in assessment.warnings)
    assert _status(_assess(pack, tmp_path, reported, dt.date(2027, 1, 31)), "JA-0-19") == Status.PASS
