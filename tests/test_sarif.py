"""SARIF 2.1.0 from `check`: valid against a schema written from the published one (every property emitted is
constrained there), each non-pass finding at its fact's line (the site's line when the fact is missing), rules
carrying clause and quote, levels by status and strength."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
from click.testing import Result

from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))

VILLAGE = """# 九峰村 2026年自查（测试用）
site:
  id: JA-V-9001
  kind: 行政村
  name: 九峰村
  district: 晋安区
facts:
  农村生活污水治理率:
    value: 70%
    source: 2025年农村生活污水治理台账
    observed_on: 2025-12-31
  # 农村自来水普及率 没有上报
"""

DISTRICT = """site:
  id: JA-D-9001
  kind: 区
  name: 晋安区
  district: 晋安区
facts:
  发现露天焚烧行为数: 0
  城市生活污水集中收集率: 50%
"""


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def _sarif(run: Callable[..., Result], *paths: Path) -> dict[str, Any]:
    result = run("check", *paths, "--format", "sarif", "--as-of", "2026-06-30")
    assert "\\u" not in result.stdout
    document: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(document)]
    assert errors == []
    return document


def _results(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["properties"]["site"], r["ruleId"]): r for r in document["runs"][0]["results"]}


def _where(result: dict[str, Any]) -> tuple[str, int]:
    physical = result["locations"][0]["physicalLocation"]
    return unquote(physical["artifactLocation"]["uri"]), physical["region"]["startLine"]


def test_findings_sit_at_their_facts_lines_with_levels_by_status_and_strength(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    village, district = tmp_path / "九峰村.yaml", tmp_path / "晋安区.yaml"
    village.write_text(VILLAGE, encoding="utf-8")
    district.write_text(DISTRICT, encoding="utf-8")
    document = _sarif(run, village, district)
    assert document["version"] == "2.1.0"
    results = _results(document)
    expected = {
        # (site, requirement): (kind, level, file, line, status)
        ("JA-V-9001", "JA-14-7"): ("fail", "error", village, _line(VILLAGE, "农村生活污水治理率:"), "fail"),
        ("JA-V-9001", "JA-14-9"): ("fail", "warning", village, _line(VILLAGE, "农村生活污水治理率:"), "at_risk"),
        ("JA-V-9001", "JA-14-20"): ("fail", "warning", village, _line(VILLAGE, "site:"), "insufficient_data"),
        ("JA-V-9001", "JA-14-1"): ("review", "none", village, _line(VILLAGE, "site:"), "needs_review"),
        ("JA-D-9001", "JA-5-18"): (
            "notApplicable",
            "none",
            district,
            _line(DISTRICT, "发现露天焚烧行为数"),
            "not_applicable",
        ),
        ("JA-D-9001", "JA-25-29"): ("fail", "warning", district, _line(DISTRICT, "城市生活污水集中收集率"), "fail"),
    }
    for key, (kind, level, path, line, status) in expected.items():
        result = results[key]
        assert (result["kind"], result["level"], result["properties"]["status"]) == (kind, level, status), key
        assert _where(result) == (str(path), line), key
    assert results[("JA-D-9001", "JA-25-29")]["properties"]["strength"] == "strive"  # 力争: a shortfall, a warning
    assert all(r["properties"]["status"] != "pass" for r in results.values())
    assert all(r["kind"] == "fail" for r in results.values() if r["level"] != "none")  # SARIF 3.27.9


def test_rules_carry_the_clause_and_quote(tmp_path: Path, run: Callable[..., Result]) -> None:
    village = tmp_path / "九峰村.yaml"
    village.write_text(VILLAGE, encoding="utf-8")
    document = _sarif(run, village)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({r["ruleId"] for r in document["runs"][0]["results"]})
    [rule] = [r for r in rules if r["id"] == "JA-14-7"]
    assert rule["properties"]["quote"] == "到2025年，农村生活污水治理率达到75%以上"
    assert (
        rule["fullDescription"]["text"]
        == "（十四）推进农村水环境综合整治行动：“到2025年，农村生活污水治理率达到75%以上”"
    )
    assert rule["defaultConfiguration"]["level"] == "error"
    for result in document["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_an_unreadable_file_is_an_error_notification(tmp_path: Path, run: Callable[..., Result]) -> None:
    broken = tmp_path / "坏的.yaml"
    broken.write_text("site:\n  id: [\n", encoding="utf-8")
    result = run("check", broken, "--format", "sarif")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(document)
    [invocation] = document["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [notice] = invocation["toolExecutionNotifications"]
    assert notice["level"] == "error" and unquote(
        notice["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    ) == str(broken)
