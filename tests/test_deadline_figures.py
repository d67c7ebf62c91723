"""A batch's district figure for a dated target past due is of the target's year, as `check` reads a district's own
series (`assess.deadline`): 「到2025年，区内重点河段堤防达标率达76%以上」 (JA-26-10) read on 2027-03-01 over river
sections with [2025] and [2026] columns is decided on the 2025 figure, so a 2025 miss stays a miss whatever 2026
shows, while JA-26-11 (到2027年…80%以上, not yet due) reads the latest year. A section without a 2025 figure is a
member missing its figure, as `check` reads that section (its 2026 figure does not stand in for 2025), and the reason
says how many lacked it; where no member gives 2025 the figure is missing data all the same."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from compliance.batch.tally import Figure, Tally

Run = Callable[..., Result]
LEVEE = "重点河段堤防达标率(%)"
HEADER = ["站点编号", "名称", "类型", "所在区", f"{LEVEE}[2025]", f"{LEVEE}[2026]", "堤防长度(公里)"]


def _rows(
    run: Run, tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER, kind: str = "河段（断面）"
) -> dict:
    source = tmp_path / "batch.csv"
    source.write_text("\n".join(",".join(row) for row in [header, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", source, "--kind", kind, "--out", out, "--as-of", "2027-03-01", "--workers", "1", "--quiet")
    assert result.exit_code in (0, 1), result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {row["requirement"]: row for row in summary["districts"]}


def _sections(first: tuple[str, str], second: tuple[str, str]) -> list[list[str]]:
    return [
        ["R1", "北峰溪", "河段（断面）", "晋安区", *first, "10"],
        ["R2", "新店溪", "河段（断面）", "晋安区", *second, "10"],
    ]


def test_a_2025_miss_stays_a_miss_whatever_2026_shows(run: Run, tmp_path: Path) -> None:
    rows = _rows(run, tmp_path, _sections(("70", "85"), ("72", "90")))
    due_2025, due_2027 = rows["JA-26-10"], rows["JA-26-11"]
    assert (due_2025["figure"], due_2025["status"]) == ("71%", "fail"), due_2025
    assert "2025: 71%" in due_2025["reason_zh"] and "2026" not in due_2025["reason_zh"], due_2025
    assert (due_2027["figure"], due_2027["status"]) == ("87.5%", "pass"), due_2027  # due 2027: the latest year


def test_a_2025_pass_is_not_undone_by_a_lower_2026(run: Run, tmp_path: Path) -> None:
    rows = _rows(run, tmp_path, _sections(("80", "85"), ("78", "70")))
    assert (rows["JA-26-10"]["figure"], rows["JA-26-10"]["status"]) == ("79%", "pass"), rows["JA-26-10"]
    assert rows["JA-26-11"]["figure"] == "77.5%", rows["JA-26-11"]


def test_a_member_without_a_2025_figure_is_missing_and_the_reason_says_so(run: Run, tmp_path: Path) -> None:
    """As `check` reads that section itself: its 2026 figure does not stand in for the 2025 one it lacks, so the
    district figure is not decided on the other section alone."""
    due_2025 = _rows(run, tmp_path, _sections(("70", "85"), ("", "90")))["JA-26-10"]
    assert (due_2025["denominator"], due_2025["missing"], due_2025["status"]) == (1, 1, "insufficient_data"), due_2025
    assert "其中1个未填2025年数值，按缺少数据计，之后年份的数值不代替" in due_2025["reason_zh"], due_2025
    assert "1 of them without a 2025 figure, counted as missing" in due_2025["reason_en"], due_2025


def test_a_rejected_member_is_missing_from_the_2025_figure_too(run: Run, tmp_path: Path) -> None:
    rows = [*_sections(("80", "85"), ("78", "90")), ["R3", "凤坂河", "河段（断面）", "晋安区", "80", "很高", "10"]]
    due_2025 = _rows(run, tmp_path, rows)["JA-26-10"]
    assert (due_2025["denominator"], due_2025["missing"], due_2025["status"]) == (2, 1, "insufficient_data")


def test_without_any_2025_figure_the_later_year_does_not_stand_in(run: Run, tmp_path: Path) -> None:
    for header, rows in (
        (HEADER, _sections(("", "85"), ("", "90"))),  # the 2025 column left blank
        ([*HEADER[:4], f"{LEVEE}[2024]", f"{LEVEE}[2026]", HEADER[6]], _sections(("70", "85"), ("72", "90"))),
    ):
        due_2025 = _rows(run, tmp_path, rows, header)["JA-26-10"]
        assert (due_2025["missing"], due_2025["status"]) == (2, "insufficient_data"), due_2025
        assert "2026: 87.5%" not in due_2025["reason_zh"], due_2025


def test_a_share_of_members_is_of_the_target_year(run: Run, tmp_path: Path) -> None:
    """JA-35-11 「到2025年，晋安区党政机关基本建成节约型机关」: two offices built in 2026 only are 0/2 in 2025."""
    header = ["站点编号", "名称", "类型", "所在区", "属党政机关", "已建成节约型机关[2025]", "已建成节约型机关[2026]"]
    offices = [
        ["G1", "区政府办", "机关单位（组织）", "晋安区", "是", "否", "是"],
        ["G2", "区财政局", "机关单位（组织）", "晋安区", "是", "否", "是"],
    ]
    share = _rows(run, tmp_path, offices, header, "机关单位（组织）")["JA-35-11"]
    assert (share["figure"], share["numerator"], share["denominator"], share["status"]) == ("0%", 0, 2, "fail")


def test_workers_tallies_merge_the_figures_of_each_deadline() -> None:
    first, second = Tally(), Tally()
    for tally, numerator in ((first, 70.0), (second, 72.0)):
        tally.deadlines["2025-12-31"] = Tally(figures={"晋安区": {"m": Figure(numerator=numerator, denominator=1)}})
    first.merge(second)
    merged = first.deadlines["2025-12-31"].figures["晋安区"]["m"]
    assert (merged.numerator, merged.denominator) == (142.0, 2)


def test_jsonl_documents_are_read_at_the_deadline_too(run: Run, tmp_path: Path) -> None:
    """A JSONL line's series is cut at the deadline as a row's columns are; a line without 2025 is missing then (its
    2026 figure does not stand in), while a plain value without a date is the state now, as in `check`."""
    source = tmp_path / "sections.jsonl"
    lines = []
    for number, series in enumerate(({"2025": 70, "2026": 85}, {"2025": 72, "2026": 90}, {"2026": 95})):
        site = {"id": f"R{number}", "kind": "河段（断面）", "name": f"河段{number}", "district": "晋安区"}
        lines.append(json.dumps({"site": site, "facts": {"重点河段堤防达标率": {"series": series}, "堤防长度": 10}}))
    source.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "河段（断面）", "--out", out, "--as-of", "2027-03-01", "--quiet")
    assert result.exit_code in (0, 1), result.output
    rows = {r["requirement"]: r for r in json.loads((out / "summary.json").read_text(encoding="utf-8"))["districts"]}
    assert (rows["JA-26-10"]["figure"], rows["JA-26-10"]["status"]) == ("71%", "fail"), rows["JA-26-10"]
    assert "2025: 71%" in rows["JA-26-10"]["reason_zh"], rows["JA-26-10"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("batch", source, "--kind", "河段（断面）", "--out", out, "--as-of", "2027-03-01", "--quiet")
    rows = {r["requirement"]: r for r in json.loads((out / "summary.json").read_text(encoding="utf-8"))["districts"]}
    assert (rows["JA-26-10"]["denominator"], rows["JA-26-10"]["missing"]) == (2, 1), rows["JA-26-10"]
    assert rows["JA-26-10"]["status"] == "insufficient_data", rows["JA-26-10"]
    assert "其中1个未填2025年数值，按缺少数据计" in rows["JA-26-10"]["reason_zh"], rows["JA-26-10"]  # not 2026's 95
    assert rows["JA-26-11"]["figure"] == "90%", rows["JA-26-11"]  # due 2027: each section's latest


def test_plain_values_without_a_date_are_the_state_now_at_a_deadline_too(run: Run, tmp_path: Path) -> None:
    """A JSONL line's undated value keeps its reading, the state when assessed, as `check` reads it."""
    source, out = tmp_path / "plain.jsonl", tmp_path / "out"
    lines = []
    for number, rate in enumerate((80, 90)):
        site = {"id": f"R{number}", "kind": "河段（断面）", "name": f"河段{number}", "district": "晋安区"}
        lines.append(json.dumps({"site": site, "facts": {"重点河段堤防达标率": rate, "堤防长度": 10}}))
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("batch", source, "--kind", "河段（断面）", "--out", out, "--as-of", "2027-03-01", "--quiet")
    assert result.exit_code in (0, 1), result.output
    rows = {r["requirement"]: r for r in json.loads((out / "summary.json").read_text(encoding="utf-8"))["districts"]}
    assert (rows["JA-26-10"]["figure"], rows["JA-26-10"]["status"]) == ("85%", "pass"), rows["JA-26-10"]
