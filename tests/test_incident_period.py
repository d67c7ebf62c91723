"""「评估期内发生突发环境事件」 (JA-41-9) is decided by the log of the period assessed: a 否 of an earlier year is no
answer (missing data naming the fact, never not applicable), and a record that an incident of the plan's time was
not handled properly says one happened, so a 否 beside it never excuses the duty."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]
SITE = "site: {id: D7, kind: 区, name: 晋安区}\nfacts:\n"


def _finding(run: Run, path: Path, facts: str) -> dict[str, object]:
    path.write_text(SITE + facts, encoding="utf-8")
    report = json.loads(run("check", path, "--as-of", "2026-06-30", "--format", "json").stdout)
    findings = report["assessments"][0]["findings"]
    return next(f for f in findings if f["requirement"] == "JA-41-9")


@pytest.mark.parametrize(
    "facts",
    [
        "  发生突发环境事件: {value: 否, observed_on: 2023-12-31, source: 2023年公报}\n",
        "  发生突发环境事件: {series: {2023: 否}}\n",
        "  发生突发环境事件: {series: {2024: 否}}\n",
    ],
)
def test_a_quiet_year_before_the_period_is_no_answer(run: Run, tmp_path: Path, facts: str) -> None:
    finding = _finding(run, tmp_path / "d.yaml", facts)
    assert finding["status"] == "insufficient_data"
    assert "发生突发环境事件" in str(finding["reason_zh"])


def test_a_quiet_year_of_the_period_still_decides(run: Run, tmp_path: Path) -> None:
    finding = _finding(run, tmp_path / "d.yaml", "  发生突发环境事件: {value: 否, observed_on: 2026-03-01}\n")
    assert finding["status"] == "not_applicable"


@pytest.mark.parametrize(
    "log",
    ["{value: 否, observed_on: 2026-03-01}", "{series: {2025: 否}}", "{series: {2024: 否, 2025: 否}}"],
)
def test_a_handling_judged_says_an_incident_happened(run: Run, tmp_path: Path, log: str) -> None:
    facts = f"  发生突发环境事件: {log}\n  突发环境事件及时妥善科学处置: {{series: {{2025: 否}}}}\n"
    assert _finding(run, tmp_path / "d.yaml", facts)["status"] == "fail"
    report = json.loads(run("check", tmp_path / "d.yaml", "--as-of", "2026-06-30", "--format", "json").stdout)
    assert any("两者矛盾" in warning["text_zh"] for warning in report["assessments"][0]["warnings"])
