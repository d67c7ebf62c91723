"""A head-count of people is a whole number: 0.35 供水人口 is a figure in 万人, refused as 自然村数量 5.5 is."""

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
