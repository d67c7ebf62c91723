"""A district figure the plan asks of the whole district (「集美、同安、翔安整区建成美丽乡村」, XM-0-19/20/21) never
passes on a batch that plainly does not hold the whole district: one with no row in some 镇 or 乡 the division table
lists for it. A failure found in the part stays a failure; a figure of a district's own rate is computed as before."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]
HEADER = "编号,名称,类型,所在区,乡镇,已建成美丽乡村\n"


def _figures(run: Run, tmp_path: Path, rows: str, as_of: str, kind: str = "village") -> dict[tuple[str, str], dict]:
    source = tmp_path / "villages.csv"
    after = as_of > "2027-12-31"  # after the plan's end an undated column is the state then: 2027's is read
    source.write_text((HEADER.replace(",已建成", ",2027年已建成") if after else HEADER) + rows, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", source, "--kind", kind, "--out", out, "--as-of", as_of)
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {(row["district"], row["requirement"]): row for row in summary["districts"]}


SPOT_CHECK = (
    "V1,田头村,行政村,集美区,灌口镇,是\nV2,双岭村,行政村,集美区,灌口镇,是\nV3,李林村,行政村,集美区,灌口镇,否\n"
    "V4,青礁村,行政村,海沧区,海沧街道,否\nV5,军营村,行政村,同安区,莲花镇,是\n"
)


def test_one_village_of_one_town_does_not_pass_the_whole_district(run: Run, tmp_path: Path) -> None:
    figures = _figures(run, tmp_path, SPOT_CHECK, "2028-03-01")
    tongan = figures[("同安区", "XM-0-20")]
    assert tongan["status"] == "insufficient_data", tongan
    assert tongan["figure"] == "100%" and tongan["denominator"] == 1
    assert "本批没有洪塘镇、汀溪镇、五显镇的行政村（共3个镇、乡无任何一行）" in tongan["reason_zh"]
    assert "莲花镇" not in tongan["reason_zh"].split("（仅就本批")[0]
    assert "洪塘镇、汀溪镇、五显镇" in tongan["reason_en"] and "whole district" in tongan["reason_en"]
    jimei = figures[("集美区", "XM-0-19")]  # one village of 灌口镇 not built: the whole district is not built either
    assert jimei["status"] == "fail" and jimei["figure"] == "66.6667%"


def test_before_the_due_date_a_part_with_a_village_not_built_stays_at_risk(run: Run, tmp_path: Path) -> None:
    figures = _figures(run, tmp_path, SPOT_CHECK, "2026-06-30")
    assert figures[("集美区", "XM-0-19")]["status"] == "at_risk"
    assert figures[("同安区", "XM-0-20")]["status"] == "insufficient_data"


def test_a_row_in_every_town_passes_though_streets_have_none(run: Run, tmp_path: Path) -> None:
    """同安区's four towns each have a row: the streets (街道), which may hold no 行政村, decide nothing."""
    rows = "".join(
        f"T{n},{town}某村,行政村,同安区,{town},是\n" for n, town in enumerate(("莲花镇", "洪塘镇", "汀溪镇", "五显镇"))
    )
    assert _figures(run, tmp_path, rows, "2028-03-01")[("同安区", "XM-0-20")]["status"] == "pass"
    rows_short = rows.replace("五显镇某村,行政村,同安区,五显镇,是", "五显镇某村,行政村,同安区,洪塘镇,是")
    held = _figures(run, tmp_path, rows_short, "2028-03-01")[("同安区", "XM-0-20")]
    assert held["status"] == "insufficient_data" and "本批没有五显镇的行政村" in held["reason_zh"]


def test_a_rejected_row_of_a_town_is_a_row_of_it(run: Run, tmp_path: Path) -> None:
    """A village row of 五显镇 whose figure cannot be read is still a row there: the figure is missing it, as before."""
    rows = "".join(f"T{n},{t}某村,行政村,同安区,{t},是\n" for n, t in enumerate(("莲花镇", "洪塘镇", "汀溪镇")))
    figure = _figures(run, tmp_path, rows + "T9,五显某村,行政村,同安区,五显镇,待核实\n", "2028-03-01")
    row = figure[("同安区", "XM-0-20")]
    assert row["status"] == "insufficient_data" and "本批没有" not in row["reason_zh"], row


def test_a_district_rate_is_not_held_to_the_whole_district(run: Run, tmp_path: Path) -> None:
    """农村生活污水治理率 (JA-14-7) is the district's rate, no duty on every village: one town's villages decide it."""
    source = tmp_path / "jinan.csv"
    source.write_text(
        "编号,名称,所在区,乡镇,农村生活污水治理率\nJ1,岭头村,晋安区,宦溪镇,90\nJ2,板桥村,晋安区,宦溪镇,95\n", "utf-8"
    )
    out = tmp_path / "out"
    assert run("batch", source, "--kind", "village", "--out", out, "--as-of", "2026-06-30").exit_code == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert next(r for r in summary["districts"] if r["requirement"] == "JA-14-7")["status"] == "pass"


THREE_TOWNS = "".join(f"T{n},{t}某村,行政村,同安区,{t},是\n" for n, t in enumerate(("莲花镇", "汀溪镇", "五显镇")))


def test_a_totals_row_of_a_town_is_no_village_of_it(run: Run, tmp_path: Path) -> None:
    """洪塘镇小计, 合计 under 洪塘镇, or a row named 洪塘镇: rejected as no site, so 洪塘镇 still has no village row —
    even when the totals row says 是, and the more so when it says 否."""
    for totals in ("T5,洪塘镇小计,,同安区,洪塘镇,否\n", "T5,合计,,同安区,洪塘镇,\n", "T5,洪塘镇,,同安区,洪塘镇,是\n"):
        row = _figures(run, tmp_path, THREE_TOWNS + totals, "2028-06-30")[("同安区", "XM-0-20")]
        assert row["status"] == "insufficient_data", (totals, row)
        assert "本批没有洪塘镇的行政村" in row["reason_zh"], (totals, row)


def test_a_village_row_of_the_town_beside_its_totals_row_covers_it(run: Run, tmp_path: Path) -> None:
    rows = THREE_TOWNS + "T4,后塘村,行政村,同安区,洪塘镇,是\nT5,洪塘镇小计,,同安区,洪塘镇,是\n"
    assert _figures(run, tmp_path, rows, "2028-06-30")[("同安区", "XM-0-20")]["status"] == "pass"


ZERO_WASTE_HEADER = "站点编号,类型,名称,所在区,乡镇,已建成“无废乡村”\n"


def _zero_waste(run: Run, tmp_path: Path, rows: str) -> tuple[dict, str]:
    source = tmp_path / "villages.csv"
    source.write_text(ZERO_WASTE_HEADER + rows, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "village", "--out", out, "--as-of", "2028-03-01")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return next(row for row in summary["districts"] if row["requirement"] == "JA-15-15"), result.output


def test_the_zero_waste_share_of_the_whole_district_does_not_pass_on_two_towns(run: Run, tmp_path: Path) -> None:
    """全区“无废乡村”建设比例 (JA-15-15) is the whole district's: three villages of 寿山乡 and 日溪乡 are not 晋安区."""
    rows = "V1,行政村,九峰村,晋安区,寿山乡,是\nV2,行政村,岭头村,晋安区,寿山乡,是\nV3,行政村,汤院村,晋安区,日溪乡,是\n"
    figure, _ = _zero_waste(run, tmp_path, rows)
    assert figure["status"] == "insufficient_data", figure
    for town in ("鼓山镇", "新店镇", "岳峰镇", "宦溪镇"):
        assert town in figure["reason_zh"], figure["reason_zh"]


def test_a_share_with_a_member_missing_is_printed_as_its_range(run: Run, tmp_path: Path) -> None:
    """2 of 4 known built, one blank: the share lies between 40% and 60%, printed so, never 50% of those known."""
    rows = (
        "V1,行政村,九峰村,晋安区,寿山乡,是\nV2,行政村,岭头村,晋安区,寿山乡,是\nV3,行政村,汤院村,晋安区,日溪乡,否\n"
        "V4,行政村,前洋村,晋安区,新店镇,\nV5,行政村,桂湖村,晋安区,宦溪镇,否\n"
    )
    figure, output = _zero_waste(run, tmp_path, rows)
    assert (figure["figure"], figure["lowest"], figure["highest"]) == ("", "40%", "60%"), figure
    assert "“无废乡村”建设比例 = 40%～60%（2/4，缺1） → 数据不足" in output
