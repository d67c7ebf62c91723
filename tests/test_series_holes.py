"""A series with a hole is not a pass: a period-by-period trend over a series missing a period inside its
span (first period given to the latest) is insufficient_data naming the periods, unless the periods given
already break the rule. change_from needs only its baseline and the latest period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from compliance.assess.assessor import Assessor
from compliance.assess.series import periods_text
from compliance.engine import derive
from compliance.load.facts import load_facts, read_series
from compliance.load.values import ValueProblem
from compliance.model.plan import RulePack, TrendSpec
from compliance.model.problems import InputError
from compliance.model.problemzh import in_chinese
from compliance.model.result import Finding, Status

AS_OF = dt.date(2026, 6, 30)


def _finding(pack: RulePack, tmp_path: Path, kind: str, requirement: str, facts: dict[str, object]) -> Finding:
    """Write a facts file as an inspector would and check it."""
    site = {"id": "S1", "kind": kind, "name": "测试站点", "district": "晋安区"}
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump({"site": site, "facts": facts}, allow_unicode=True), encoding="utf-8")
    assessment = Assessor(pack).assess(load_facts(path, pack.catalogue), AS_OF)
    return next(f for f in assessment.findings if f.requirement == requirement)


@pytest.mark.parametrize(
    ("periods", "holes"),
    [
        (["2020", "2021", "2023", "2024"], ["2022"]),
        (["2019", "2023"], ["2020", "2021", "2022"]),
        (["2024-11", "2025-02"], ["2024-12", "2025-01"]),
        (["2025-01", "2025-02", "2025-03"], []),
        (["2025"], []),
    ],
)
def test_holes_are_the_periods_missing_between_the_first_and_the_latest(periods: list[str], holes: list[str]) -> None:
    assert derive.holes_of(periods) == holes


def test_missing_periods_read_as_runs() -> None:
    assert periods_text(["2019", "2020", "2021", "2023"], "zh") == "2019年–2021年、2023年"
    assert periods_text(["2024-12", "2025-01", "2025-03"], "en") == "2024-12–2025-01, 2025-03"
    assert periods_text(["2025-03"], "zh") == "2025年3月"


@pytest.mark.parametrize(
    ("series", "status", "phrase"),
    [
        ({"2020": 0.62, "2021": 0.60, "2023": 0.56, "2025": 0.52}, Status.INSUFFICIENT_DATA, "排放 2022年、2024年"),
        ({"2020": 0.62, "2023": 0.56, "2025": 0.52}, Status.INSUFFICIENT_DATA, "排放 2021年–2022年、2024年"),
        ({"2020": 0.62, "2021": 0.60, "2023": 0.61, "2024": 0.54}, Status.FAIL, "不满足要求的时期：2021→2023"),
        ({"2020": 0.62, "2021": 0.63, "2023": 0.56, "2024": 0.54}, Status.FAIL, "不满足要求的时期：2021"),
        ({"2020": 0.62, "2021": 0.60, "2022": 0.58, "2023": 0.56, "2024": 0.54, "2025": 0.52}, Status.PASS, "满足目标"),
        # 较2020年下降19.5%且逐年下降: the yearly fall counts from 2020, so a series that leaves 2020 out is not a pass
        (
            {"2021": 0.60, "2022": 0.58, "2023": 0.56, "2024": 0.54, "2025": 0.52},
            Status.INSUFFICIENT_DATA,
            "排放 2020年",
        ),
        ({"2024": 0.52, "2025": 0.50}, Status.INSUFFICIENT_DATA, "排放 2020年–2023年"),
    ],
)
def test_a_yearly_decrease_over_a_series_with_a_hole(
    pack: RulePack, tmp_path: Path, series: dict[str, float], status: Status, phrase: str
) -> None:
    """JA-0-11 单位GDP二氧化碳排放逐年下降: the plan says 逐年, so every year of the span is read, from 2020, the base
    year the same sentence names."""
    finding = _finding(pack, tmp_path, "district", "JA-0-11", {"单位GDP二氧化碳排放": {"series": series}})
    assert finding.status == status
    assert phrase in finding.reason_zh
    if status == Status.INSUFFICIENT_DATA:
        assert finding.missing == ["carbon_intensity"]
        assert "CO2 emissions per unit of GDP 20" in finding.reason_en


@pytest.mark.parametrize(
    ("series", "status", "phrase"),
    [
        ({"2020": 440, "2024": 520, "2025": 460}, Status.PASS, "较2024年变化 -11.54%"),
        ({"2024": 520, "2025": 460}, Status.PASS, "较2024年变化 -11.54%"),
        ({"2020": 600, "2024": 520, "2025": 525}, Status.FAIL, "较2024年变化 +0.96%"),
        ({"2021": 500, "2023": 480, "2025": 460}, Status.INSUFFICIENT_DATA, "生活垃圾产生量 2024年"),
    ],
)
def test_reduce_without_every_year_reads_the_base_year_not_the_years_between(
    pack: RulePack, tmp_path: Path, series: dict[str, float], status: Status, phrase: str
) -> None:
    """JA-15-3 推进生活垃圾减量化 has no 逐年: holes and a rise between are no matter, 2024 is needed."""
    finding = _finding(pack, tmp_path, "village", "JA-15-3", {"生活垃圾产生量": {"series": series}})
    assert finding.status == status
    assert phrase in finding.reason_zh


def test_a_monthly_rule_names_the_missing_month(pack: RulePack, tmp_path: Path) -> None:
    series = {"2026-01": "是", "2026-02": "是", "2026-04": "是", "2026-05": "是"}
    station = {"水电站整治类别": "整改", "生态下泄流量当月达标": {"series": series}}
    finding = _finding(pack, tmp_path, "hydropower_station", "JA-23-5", station)
    assert finding.status == Status.INSUFFICIENT_DATA
    assert "2026年3月" in finding.reason_zh and "2026-03" in finding.reason_en
    series["2026-04"] = "否"
    finding = _finding(pack, tmp_path, "hydropower_station", "JA-23-5", station)
    assert finding.status == Status.FAIL and "2026-04" in finding.reason_zh


def test_a_change_from_a_baseline_needs_only_the_baseline_and_the_latest_year(pack: RulePack, tmp_path: Path) -> None:
    ends = {"2020": 1.0, "2025": 0.80}
    finding = _finding(pack, tmp_path, "district", "JA-0-10", {"单位GDP二氧化碳排放": {"series": ends}})
    assert finding.status == Status.PASS
    no_base = {"2021": 0.95, "2025": 0.80}
    finding = _finding(pack, tmp_path, "district", "JA-0-10", {"单位GDP二氧化碳排放": {"series": no_base}})
    assert finding.status == Status.INSUFFICIENT_DATA and "2020年" in finding.reason_zh
    spec = TrendSpec(metric="carbon_intensity", rule="change_from", baseline="2020", op="<=", value=-19.5)
    assert derive.wanting(spec, ["2020", "2025"]) == [] and derive.wanting(spec, ["2021", "2025"]) == ["2020"]


def test_a_single_value_where_a_series_is_read_says_a_series_is_needed(pack: RulePack, tmp_path: Path) -> None:
    finding = _finding(pack, tmp_path, "village", "JA-15-3", {"生活垃圾产生量": 480})
    assert finding.status == Status.INSUFFICIENT_DATA
    assert "需逐期数据" in finding.reason_zh and "a dated series" in finding.reason_en


def test_the_benchmark_villages_can_carry_holes() -> None:
    """The generator's longer series (--first-year 2020) leaves blanks inside a village's span."""
    from benchmarks.batch_villages import header, village_rows

    columns = header(2020)
    rows = village_rows(2000, first_year=2020)
    years = [i for i, title in enumerate(columns) if title.startswith("生活垃圾产生量")]
    assert len(years) == 6
    with_hole = [r for r in rows if derive.holes_of([columns[i][-5:-1] for i in years if r[i]])]
    assert 0 < len(with_hole) < len(rows)
    assert header() == header(2024) and len([t for t in header() if t.startswith("生活垃圾产生量")]) == 2


def test_a_latest_period_written_blank_is_the_figure_now_unknown(pack: RulePack, tmp_path: Path) -> None:
    """2025: 暂无 says the figure now is unknown: 2024's does not stand in for it (nor for the 2025 target)."""
    rate = {"series": {"2024": 80, "2025": "暂无"}}
    assert (
        _finding(pack, tmp_path, "village", "JA-14-7", {"农村生活污水治理率": rate}).status == Status.INSUFFICIENT_DATA
    )
    waste = {"series": {"2023": 500, "2024": 400, "2025": "—"}}
    assert _finding(pack, tmp_path, "village", "JA-15-3", {"生活垃圾产生量": waste}).status == Status.INSUFFICIENT_DATA
    filled = {"series": {"2022": 500, "2023": "", "2024": 480, "2025": 450}}  # JA-15-3 needs only 2024 and the latest
    assert _finding(pack, tmp_path, "village", "JA-15-3", {"生活垃圾产生量": filled}).status == Status.PASS


def test_periods_typed_in_full_width_digits_are_the_years_they_show(pack: RulePack, tmp_path: Path) -> None:
    waste = {"series": {"２０２０": 500, "2024": 520, "２０２５": 450}}  # 2025 is the latest, below 2020: a pass
    assert _finding(pack, tmp_path, "village", "JA-15-3", {"生活垃圾产生量": waste}).status == Status.PASS
    twice = {"series": {"2025": 450, "２０２５": 460}}
    with pytest.raises(InputError, match="period 2025 is given twice / 时期 2025 写了两次"):
        _finding(pack, tmp_path, "village", "JA-15-3", {"生活垃圾产生量": twice})


def test_a_period_value_refused_is_said_in_chinese_with_a_hint_for_a_listing_comma(pack: RulePack) -> None:
    """2024: 80、2025: 60 reads 2024 as `80、2025: 60`: the refusal says it in both languages, and that 、 separates
    no periods; a value kept with Excel's leading apostrophe is refused in Chinese too, naming the apostrophe."""
    metric = pack.catalogue.metric("rural_domestic_sewage_treatment_rate")
    with pytest.raises(ValueProblem) as listed:
        read_series({"2024": "80、2025: 60"}, metric)
    message = str(listed.value)
    assert message.startswith("2024: expected a percentage") and "、 does not separate periods" in message
    assert "/ 2024：应为百分数" in message and "顿号“、”不分隔时期，请用“，”或“;”分隔各期" in message
    chinese = in_chinese('expected a percentage such as 75, 75% or "75%" (0–100), got "\'60"')
    assert chinese is not None and "实为“'60”" in chinese and "Excel 标记文本的符号" in chinese


def test_a_step_rule_with_a_start_reads_the_series_from_it_and_needs_it(pack: RulePack) -> None:
    """稳 since 2024: a rise in 2022 does not count, one in 2025 does; 2024 itself must be given (the first step),
    a hole after it is missing data, and 2024 alone breaks nothing."""
    spec = TrendSpec(metric="o3_concentration", rule="non_increasing", baseline="2024")
    metric = pack.catalogue.metric(spec.metric)
    ozone = {"2020": 140.0, "2021": 138.0, "2022": 141.0, "2023": 136.0, "2024": 134.0, "2025": 132.0}
    assert derive.breaks_of_numbers(spec, ozone, metric) == []
    assert derive.breaks_of_numbers(spec, {**ozone, "2025": 135.0}, metric) == ["2025"]
    without_start = {"2020": 140.0, "2023": 136.0, "2025": 132.0}
    assert derive.wanting(spec, list(without_start)) == ["2024"]
    assert derive.breaks_of_numbers(spec, without_start, metric) is None
    assert derive.wanting(spec, ["2020", "2024", "2026"]) == ["2025"]
    assert derive.wanting(spec, ["2025", "2027"]) == ["2024", "2026"]  # the start, and every period since
    assert derive.wanting(spec, ["2025-06", "2025-07"]) == ["2024"]  # months after a yearly start: the start only
    assert derive.breaks_of_numbers(spec, {"2024": 134.0}, metric) == []
    assert derive.derived_key(spec) != derive.derived_key(TrendSpec(metric="o3_concentration", rule="non_increasing"))


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("2025年", "2025"),
        ("２０２５年度", "2025"),
        ("2025 年", "2025"),
        ("2025年3月", "2025-03"),
        ("2025年12月份", "2025-12"),
        ("2025/3", "2025-03"),
        ("2025-3", "2025-03"),
        ("2025年3月1日", "2025-03-01"),
        ("2025/3/1", "2025-03-01"),
    ],
)
def test_a_period_written_as_people_write_it_is_read(pack: RulePack, written: str, period: str) -> None:
    """2025年 and 2025年度 are the year, 2025年3月 its March: a facts file, a JSONL document and a scenario's series
    read them as batch headers do."""
    metric = pack.catalogue.metric("domestic_waste_generation")
    assert read_series({written: "500"}, metric) == {period: 500.0}


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (2025.10, "2025.1"),  # YAML's unquoted 2025.10 is a number: never January
        ("2025年末", "2025年末"),
        ("截至2025年底", "截至2025年底"),
        ("2025年上半年", "2025年上半年"),
        ("2025年13月", "2025年13月"),
        ("2027-02-29", "not a real date"),
        ("2027年2月29日", "not a real date"),
    ],
)
def test_a_period_that_names_no_one_year_month_or_day_is_refused(pack: RulePack, written: object, said: str) -> None:
    metric = pack.catalogue.metric("domestic_waste_generation")
    with pytest.raises(ValueProblem, match=said):
        read_series({written: "500"}, metric)  # type: ignore[dict-item]


def test_a_series_observed_before_a_period_it_reports_began_is_refused(pack: RulePack, tmp_path: Path) -> None:
    """observed_on 2024-06-30 with a figure of 2025: one of the two is wrong, so neither is guessed at."""
    facts = {"生活垃圾产生量": {"series": {"2024": 500, "2025": 480}, "observed_on": "2024-06-30"}}
    with pytest.raises(InputError, match="观测日期 2024-06-30 早于所报时期 2025 的开始"):
        _finding(pack, tmp_path, "village", "JA-15-3", facts)
    facts["生活垃圾产生量"]["observed_on"] = "2026-01-15"
    assert _finding(pack, tmp_path, "village", "JA-15-3", facts).status == Status.PASS
