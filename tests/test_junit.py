"""JUnit XML for CI servers, read back with junitparser: scenario runs (one testcase per scenario or example row)
and checks (one testcase per requirement per site, the outcome by status)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from junitparser import Error, Failure, JUnitXml, Properties, Skipped, TestCase, TestSuite

from tests.conftest import ROOT
from tests.scenario_samples import NAME, line_of, write


def _suites(path: Path) -> list[TestSuite]:
    xml = JUnitXml.fromfile(str(path))
    return list(xml) if isinstance(xml, JUnitXml) else [xml]


def _outcome(case: TestCase) -> str:
    kinds = {Failure: "failure", Error: "error", Skipped: "skipped"}
    return next((kinds[type(r)] for r in case.result if type(r) in kinds), "passed")


def _property(case: TestCase, name: str) -> str:
    properties = case.child(Properties)
    return next(p.value for p in properties if p.name == name)


def test_scenarios_junitxml_has_a_testcase_per_scenario_and_row(tmp_path: Path, run: Callable[..., Result]) -> None:
    write(tmp_path)
    out = tmp_path / "junit.xml"
    result = run("scenarios", tmp_path, "--junitxml", out)
    assert result.exit_code == 1
    [suite] = _suites(out)
    assert suite.name == "农村生活污水治理率的四种结果"
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (5, 1, 1, 0)
    cases = {case.name: case for case in suite}
    assert [_outcome(c) for c in cases.values()] == ["passed", "failure", "error", "passed", "passed"]
    failed = cases["把不达标写成了通过"]
    assert "要求 JA-14-7 的状态应为 通过，实际为 不达标" in failed.result[0].text
    assert failed.result[0].message.endswith(
        f"{NAME}:{line_of('那么 要求 JA-14-7 的状态为 通过', 2)}: 那么 要求 JA-14-7 的状态为 通过"
    )
    undefined = cases["步骤写错了"]
    assert undefined.result[0].type == "undefined" and "未定义的步骤" in undefined.result[0].text
    row = cases["2025年达到75%以上 [治理率=74.9%, 状态=不达标]"]
    assert _outcome(row) == "passed" and row.classname == "农村生活污水治理率的四种结果"
    lines = {case.get("name"): case.get("line") for case in ET.parse(out).iter("testcase")}
    assert lines[row.name] == str(line_of("| 74.9%  | 不达标 |"))
    assert "九峰村" in out.read_text(encoding="utf-8") and "&#" not in out.read_text(encoding="utf-8")


def test_scenarios_junitxml_lists_an_unreadable_file_as_an_error(tmp_path: Path, run: Callable[..., Result]) -> None:
    (tmp_path / "空的.feature").write_text("# language: zh-CN\n", encoding="utf-8")
    out = tmp_path / "junit.xml"
    result = run("scenarios", tmp_path, "--junitxml", out)
    assert result.exit_code == 2
    [suite] = _suites(out)
    [case] = list(suite)
    assert _outcome(case) == "error" and "空的.feature:1: 文件是空的" in case.result[0].text


def test_check_junit_has_one_testcase_per_requirement_per_site(
    facts_file: Callable[..., Path], run: Callable[..., Result]
) -> None:
    village = facts_file({"农村生活污水治理率": "70%"})
    district = facts_file({"发现露天焚烧行为数": 0}, kind="district", name="晋安区")
    result = run("check", village, district, "--format", "junit", "--as-of", "2026-06-30")
    assert result.exit_code == 1
    out = village.parent / "check.xml"
    out.write_text(result.stdout, encoding="utf-8")
    suites = _suites(out)
    assert [s.name for s in suites] == ["S1 九峰村", "S1 晋安区"]
    cases = {(suite.name, case.name.split()[0]): case for suite in suites for case in suite}
    expected = {
        ("S1 九峰村", "JA-14-7"): ("failure", "fail"),  # binding, due 2025-12-31, missed
        ("S1 九峰村", "JA-14-20"): ("error", "insufficient_data"),  # 农村自来水普及率 not reported
        ("S1 九峰村", "JA-14-1"): ("skipped", "needs_review"),
        ("S1 晋安区", "JA-5-18"): ("skipped", "not_applicable"),  # no open burning found: nothing to punish
        ("S1 九峰村", "JA-14-9"): ("passed", "at_risk"),  # 80% by 2027: not due, said by its status property
    }
    for key, (outcome, status) in expected.items():
        assert (_outcome(cases[key]), _property(cases[key], "status")) == (outcome, status), key
    assert "到2025年，农村生活污水治理率达到75%以上" in cases[("S1 九峰村", "JA-14-7")].result[0].text
    findings = sum(len(list(suite)) for suite in suites)
    assert sum(suite.tests for suite in suites) == findings
    assert sum(suite.failures for suite in suites) == sum(_outcome(c) == "failure" for c in cases.values())


def test_check_junit_names_a_file_it_cannot_read(run: Callable[..., Result], tmp_path: Path) -> None:
    broken = tmp_path / "坏的.yaml"
    broken.write_text("site: [\n", encoding="utf-8")
    result = run("check", broken, ROOT / "examples" / "village-compliant.yaml", "--format", "junit")
    assert result.exit_code == 2
    out = tmp_path / "check.xml"
    out.write_text(result.stdout, encoding="utf-8")
    suites = _suites(out)
    [errors] = [s for s in suites if s.name == "input errors"]
    [case] = list(errors)
    assert _outcome(case) == "error" and "坏的.yaml" in case.result[0].text
