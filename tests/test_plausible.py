"""A figure on another scale than its metric's unit is refused, never judged: a value outside the catalogue's plausible
range (`800` for a distance in km, `0.019` for PM2.5 in μg/m³), and a value written in another unit of the same
measure (`1,000m` for km), in `check`, in a batch (the row rejected and still counted) and in a scenario. A figure
merely bad (a PM2.5 of 80) is read as written. PM2.5年均浓度（μg/m³）, as tables head the column, is the annual mean."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from compliance.load.values import ValueProblem, read_value
from compliance.model.plan import RulePack

Run = Callable[..., Result]
PARK = (
    "site: {id: rb2, kind: 小区, name: 象园新村, district: 晋安区, attributes: {township: 象园街道}}\n"
    "facts:\n  位于城区: 是\n"
)
DISTRICT = "site: {id: pm1, kind: 区, name: 晋安区}\nfacts:\n"


def _check(run: Run, path: Path, text: str) -> Result:
    path.write_text(text, encoding="utf-8")
    result = run("check", path, "--as-of", "2026-06-30")
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(
    ("metric", "written", "message"),
    [
        ("distance_to_nearest_main_park", 800, "800 is not a distance in km inside a district (at most 100 km);"),
        ("distance_to_nearest_main_park", 800, "if it is in metres write 0.8 / 800 km不可能是区内的距离"),
        ("distance_to_nearest_main_park", "800", "若单位为米（m），请换算为km，写 0.8"),
        ("distance_to_nearest_main_park", "800 公里", "800 km is not a distance in km inside a district"),
        ("pm25_annual_mean", 0.019, "0.019 is not an annual mean of ambient PM2.5 in μg/m³ (1–1000 μg/m³)"),
        ("pm25_annual_mean", 0.019, "if it is in mg/m³ write 19 / 0.019 μg/m³不可能是环境空气PM2.5年均浓度"),
        ("o3_concentration", 0.138, "if it is in mg/m³ write 138"),
        ("pm25_daily", 0.035, "write 35"),
        ("o3_8h_daily_max", 1200, "(1–1000 μg/m³); check the figure and its unit"),
        ("co_daily", 800, "if it is in μg/m³ write 0.8"),
        ("levee_length", 3500, "if it is in metres write 3.5"),
        ("influent_bod_concentration", 0.12, "if it is in g/L write 120"),
        ("forest_stock_volume", 3500000, "if it is in m³ write 350"),
        ("energy_intensity", 450, "if it is in kgce/万元 write 0.45"),
    ],
)
def test_a_figure_outside_the_plausible_range_is_refused_naming_the_slip(
    pack: RulePack, metric: str, written: object, message: str
) -> None:
    with pytest.raises(ValueProblem) as refused:
        read_value(written, pack.catalogue.metric(metric))
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("metric", "written", "value"),
    [
        ("distance_to_nearest_main_park", 0.8, 0.8),
        ("distance_to_nearest_main_park", 100, 100.0),
        ("distance_to_nearest_main_park", 0, 0.0),
        ("pm25_annual_mean", 80, 80.0),
        ("pm25_annual_mean", 1, 1.0),
        ("pm25_annual_mean", "19 μg/m³", 19.0),
        ("pm10_daily", 3500, 3500.0),
        ("so2_daily", 0.5, 0.5),
        ("total_phosphorus", 20, 20.0),
    ],
)
def test_a_figure_inside_the_range_or_without_one_is_read_as_written(
    pack: RulePack, metric: str, written: object, value: float
) -> None:
    assert read_value(written, pack.catalogue.metric(metric)) == value


@pytest.mark.parametrize(
    ("written", "converted"), [("1,000m", "1,000 m is 1 km, write 1"), ("1000 m", "1000 m is 1 km, write 1")]
)
def test_a_figure_in_another_unit_of_the_measure_is_refused_for_its_unit_not_its_comma(
    pack: RulePack, written: str, converted: str
) -> None:
    with pytest.raises(ValueProblem) as refused:
        read_value(written, pack.catalogue.metric("distance_to_nearest_main_park"))
    message = str(refused.value)
    assert "m is not km, the unit of 距最近主要公园绿地距离" in message and converted in message
    assert "comma" not in message and "请换算为km后只写数字" in message


def test_mg_per_cubic_metre_for_pm25_is_refused_with_the_figure_in_micrograms(pack: RulePack) -> None:
    with pytest.raises(ValueProblem, match=r"0\.018 mg/m³ is 18 μg/m³, write 18"):
        read_value("0.018 mg/m³", pack.catalogue.metric("pm25_annual_mean"))


def test_check_refuses_a_park_distance_in_metres_naming_file_line_and_key(run: Run, tmp_path: Path) -> None:
    """`800` was read as 800 km and failed JA-9-9 (超出 799 km): it is refused, and `0.8` passes."""
    result = _check(run, tmp_path / "rb2.yaml", PARK + "  距最近主要公园绿地距离: 800\n")
    assert result.exit_code == 2
    assert "rb2.yaml:4: facts.距最近主要公园绿地距离: 800 is not a distance in km inside a district" in result.output
    assert "JA-9-9" not in result.output
    result = _check(run, tmp_path / "rb2.yaml", PARK + '  距最近主要公园绿地距离: "1,000m"\n')
    assert result.exit_code == 2 and "1,000 m is 1 km, write 1" in result.output
    assert _check(run, tmp_path / "rb2.yaml", PARK + "  距最近主要公园绿地距离: 0.8\n").exit_code == 0


def test_check_refuses_pm25_in_mg_naming_the_period_of_the_series(run: Run, tmp_path: Path) -> None:
    """0.019 was read as 0.019 μg/m³ and passed JA-0-19 (≤ 18 μg/m³)."""
    text = DISTRICT + "  城市细颗粒物（PM2.5）年均浓度: {series: {2020: 0.026, 2024: 0.019, 2025: 0.019}}\n"
    result = _check(run, tmp_path / "pm1.yaml", text)
    assert result.exit_code == 2 and "JA-0-19" not in result.output
    assert "pm1.yaml:3: facts.城市细颗粒物（PM2.5）年均浓度.series: 2020: 0.026 is not an annual mean" in result.output
    assert "if it is in mg/m³ write 26" in result.output


def test_check_refuses_an_eqi_on_a_0_to_1_scale(run: Run, tmp_path: Path) -> None:
    """0.70 → 0.60 is a 10-point fall of the 0–100 index, which read as written looked stable (XM-4-5)."""
    text = "site: {id: C1, kind: 市, name: 厦门市, district: 厦门市}\nfacts:\n"
    text += "  生态质量指数（EQI）: {series: {2024: 0.70, 2025: 0.60}}\n"
    result = _check(run, tmp_path / "eqi.yaml", text)
    assert result.exit_code == 2 and "XM-4-5" not in result.output
    assert "if it is on a 0–1 scale write 70" in result.output and "若写的是0—1的小数，请换算，写 70" in result.output


def test_pm25_annual_as_tables_head_it_is_the_annual_mean(run: Run, tmp_path: Path) -> None:
    text = DISTRICT + "  PM2.5年均浓度（μg/m³）: {series: {2020: 25, 2024: 17, 2025: 19}}\n"
    path = tmp_path / "pm2.yaml"
    path.write_text(text, encoding="utf-8")
    report = json.loads(run("check", path, "--as-of", "2026-06-30", "--format", "json").stdout)
    finding = next(f for f in report["assessments"][0]["findings"] if f["requirement"] == "JA-0-19")
    assert finding["status"] == "fail"


def test_the_did_you_mean_of_a_name_with_a_unit_compares_the_name_alone(run: Run, tmp_path: Path) -> None:
    """PM2.5年均浓渡（μg/m³）: the brackets pulled the hint to the daily metric alone."""
    result = _check(run, tmp_path / "t.yaml", DISTRICT + "  PM2.5年平均浓渡（μg/m³）: 18\n")
    assert result.exit_code == 2
    hint = result.output.split("did you mean", 1)[1].split("?", 1)[0]
    assert "城市细颗粒物（PM2.5）年均浓度" in hint


def test_a_batch_rejects_the_row_of_a_figure_on_another_scale_and_counts_it(run: Run, tmp_path: Path) -> None:
    rows = [
        ["R1", "象园新村", "晋安区", "象园街道", "是", "0.8"],
        ["R2", "东二环小区", "晋安区", "王庄街道", "是", "800"],
        ["R3", "岳峰小区", "晋安区", "岳峰镇", "是", "1,000m"],
        ["R4", "鼓山小区", "晋安区", "鼓山镇", "是", "1.2"],
    ]
    source = tmp_path / "parks.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["站点编号", "名称", "所在区", "乡镇", "位于城区", "距最近主要公园绿地距离"])
        writer.writerows(rows)
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "小区", "--out", out, "--as-of", "2026-06-30", "--quiet")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rows"], summary["assessed"], summary["rejected"]) == (4, 2, 2)
    rejected = {row["row"]: row for row in csv.DictReader((out / "rejected.csv").open(encoding="utf-8-sig"))}
    assert set(rejected) == {"3", "4"}
    assert rejected["3"]["field"] == "距最近主要公园绿地距离"
    assert rejected["3"]["reason"].startswith("800 is not a distance in km inside a district (at most 100 km)")
    assert "写 0.8" in rejected["3"]["reason"]
    assert "1,000 m is 1 km" in rejected["4"]["reason"] and "comma" not in rejected["4"]["reason"]


def test_a_scenario_refuses_such_a_figure_at_its_step(run: Run, tmp_path: Path) -> None:
    feature = tmp_path / "米.feature"
    feature.write_text(
        "# language: zh-CN\n功能: 写错\n\n  场景: 米写成公里\n    假如 一个位于晋安区的居住区“某小区”\n"
        "    而且 指标“位于城区”为 是\n    而且 指标“距最近主要公园绿地距离”为 800\n    而且 评估日期为 2026-06-30\n"
        "    当 评估\n    那么 要求 JA-9-9 的状态为 通过\n",
        encoding="utf-8",
    )
    result = run("scenarios", feature)
    assert result.exit_code == 1
    assert "米.feature:7: 而且 指标“距最近主要公园绿地距离”为 800" in result.output
    assert "800 km不可能是区内的距离（合理范围：不超过100 km）；若单位为米（m），请换算为km，写 0.8" in result.output


def test_every_plausible_range_names_a_slip_the_catalogue_explains(pack: RulePack) -> None:
    """Each range is declared with what the figure is and, where one is likely, the unit it slipped from."""
    ranged = {m.id for m in pack.catalogue.metrics if m.plausible is not None}
    assert {"distance_to_nearest_main_park", "pm25_annual_mean", "o3_concentration", "pm25_daily"} <= ranged
    for metric in pack.catalogue.metrics:
        if metric.plausible is not None:
            assert metric.plausible.below is not None or metric.plausible.above is not None, metric.id
