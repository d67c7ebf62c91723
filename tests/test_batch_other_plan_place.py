"""A batch's 规划点名地点 column stating a place that only another plan names (山仔水库, named by 晋安's plan, for a
reservoir of 集美区) is not used, as `check` leaves it (`applicability.placed_in_plans`): the row's own names are
read instead, and the run's notes say so."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]


def _batch(run: Run, tmp_path: Path, rows: str) -> tuple[list[str], list[dict]]:
    source = tmp_path / "reservoirs.csv"
    source.write_text("编号,名称,所在区,规划点名地点\n" + rows, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", source, "--kind", "reservoir", "--out", out, "--as-of", "2026-06-30", "--workers", "1")
    assert result.exit_code in (0, 1), result.output
    notes = json.loads((out / "summary.json").read_text(encoding="utf-8"))["notes"]
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    return notes, findings


def _places(findings: list[dict], site: str) -> set[str]:
    return {o["value"] for f in findings if f["site"] == site for o in f["observed"] if o["metric"] == "named_place"}


def test_a_stated_place_of_another_plan_is_not_used_and_said(run: Run, tmp_path: Path) -> None:
    notes, findings = _batch(run, tmp_path, "R1,坂头水库,集美区,山仔水库\nR2,某水库,晋安区,莲花水库\n")
    said = [note for note in notes if "规划点名地点填为“山仔水库”" in note]
    assert said and "另一方案《美丽晋安建设行动方案》" in said[0] and said[0].startswith("1 行 rows"), notes
    assert any("规划点名地点填为“莲花水库”" in note and "《厦门美丽中国样板城市行动方案》" in note for note in notes)
    assert _places(findings, "R1") == {"none"} and _places(findings, "R2") <= {"none"}


def test_a_place_of_the_rows_own_plan_stands(run: Run, tmp_path: Path) -> None:
    notes, findings = _batch(run, tmp_path, "R1,某水库,晋安区,山仔水库\n")
    assert not any("另一方案" in note for note in notes), notes
    assert _places(findings, "R1") == {"山仔水库"}
