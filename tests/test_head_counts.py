"""A head-count of people is a whole number: 0.35 供水人口 is a figure in 万人, refused as 自然村数量 5.5 is. A rank
(位次) is a place, not a count of people; units written in Chinese have English names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
from click.testing import Result

from tests.test_spreadsheets import rejected_of
from tests.test_title_units import water_batch, water_workbook

Run = Callable[..., Result]


def test_a_fractional_head_count_is_refused(run: Run, tmp_path: Path, facts_file: Callable[..., Path]) -> None:
    """0.35 people is 0.35 万人 written without its unit: refused as 自然村数量 5.5 is, in check and in batch."""
    source = water_workbook(tmp_path / "w.xlsx", [])
    book = openpyxl.load_workbook(source)
    sheet = book.active
    assert sheet is not None
    sheet["D2"] = 0.35
    book.save(source)
    water_batch(run, source, tmp_path / "out", 0)
    reason = rejected_of(tmp_path / "out")[2]["reason"]
    assert "is not a whole number: 供水工程供水人口 counts people" in reason and "应填整数" in reason
    path = facts_file({"供水工程供水人口": 0.35}, kind="water_supply_project", name="宦溪水厂")
    checked = run("check", path, "--as-of", "2026-06-30")
    assert checked.exit_code == 2 and "is not a whole number" in checked.output, checked.output


def test_a_count_written_with_a_point_and_zeros_is_refused(
    run: Run, tmp_path: Path, facts_file: Callable[..., Path]
) -> None:
    """1.000 供水人口 is a thousand where a point groups thousands, and 1 elsewhere: 千人以上 turns on which, so it
    is refused (never read as 1 and 不适用), in check and in batch; 1000 and a number cell 1000.0 are read."""
    path = facts_file({"供水工程供水人口": "1.000"}, kind="water_supply_project", name="岭头水厂")
    checked = run("check", path, "--as-of", "2026-06-30")
    assert checked.exit_code == 2 and "若指 1000 请写 1000" in checked.output, checked.output
    source = water_workbook(tmp_path / "w.xlsx", [])
    book = openpyxl.load_workbook(source)
    sheet = book.active
    assert sheet is not None
    sheet["D2"] = "1.000"
    book.save(source)
    water_batch(run, source, tmp_path / "out", 0)
    assert "is ambiguous for a count of people" in rejected_of(tmp_path / "out")[2]["reason"]
    fine = facts_file({"供水工程供水人口": "1000"}, kind="water_supply_project", name="岭头水厂")
    assert run("check", fine, "--as-of", "2026-06-30").exit_code != 2


def test_a_rank_is_a_place_not_a_head_count(run: Run, facts_file: Callable[..., Path]) -> None:
    """森林覆盖率在六城区中的位次 is a rank (第1位 / rank 1), a whole number 1–6: never a number of people."""
    half = facts_file({"森林覆盖率在六城区中的位次": 1.5}, kind="district", name="晋安区")
    refused = run("check", half, "--as-of", "2026-06-30")
    assert refused.exit_code == 2 and "is a rank (1 is first), a whole number 1–6" in refused.output, refused.output
    assert "people" not in refused.output and "人数" not in refused.output
    for written in (2, "第2位", "2位"):
        path = facts_file({"森林覆盖率在六城区中的位次": {"series": {2025: written}}}, kind="district", name="晋安区")
        zh = run("explain", path, "JA-0-20", "--as-of", "2026-06-30")
        assert "位次 2025: 第2位；" in zh.output and "2025年起每期 = 第1位" in zh.output, zh.output
        en = run("explain", path, "JA-0-20", "--as-of", "2026-06-30", "--lang", "en")
        assert "rank 2;" in en.output and "= rank 1 " in en.output and "person" not in en.output, en.output


def test_a_unit_written_in_chinese_has_an_english_name(run: Run, facts_file: Callable[..., Path]) -> None:
    """--lang en names 吨二氧化碳/万元 in English (t CO2 per 10,000 yuan), as it does 个 (units)."""
    path = facts_file({"单位GDP二氧化碳排放": {"series": {2020: 1.0, 2025: 0.8}}}, kind="district", name="晋安区")
    en = run("explain", path, "JA-0-10", "--as-of", "2026-06-30", "--lang", "en")
    assert "2025: 0.8 t CO2 per 10,000 yuan" in en.output and "吨" not in en.output.split("per Beautiful")[0]
