"""`compliance scenarios`: run feature files through pytest-bdd in-process and summarize them for people."""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd.parser import Feature, Scenario

MARKS = {"passed": "✓", "failed": "✗", "skipped": "-"}


@dataclass
class ScenarioResult:
    nodeid: str
    feature: str = ""
    path: str = ""
    name: str = ""
    line: int = 0
    example: dict[str, str] = field(default_factory=dict)
    outcome: str = "passed"
    message: str = ""


@dataclass
class RunResult:
    scenarios: list[ScenarioResult]
    errors: list[str]
    exit_code: int

    @property
    def failed(self) -> list[ScenarioResult]:
        return [s for s in self.scenarios if s.outcome == "failed"]


class Recorder:
    """A pytest plugin object that keeps, per scenario, its feature, example row, outcome and failure message."""

    def __init__(self) -> None:
        self.results: dict[str, ScenarioResult] = {}
        self.errors: list[str] = []

    def _result(self, nodeid: str) -> ScenarioResult:
        return self.results.setdefault(nodeid, ScenarioResult(nodeid=nodeid, name=nodeid))

    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_before_scenario(self, request: pytest.FixtureRequest, feature: Feature, scenario: Scenario) -> None:
        result = self._result(request.node.nodeid)
        result.feature = feature.name
        result.path = feature.rel_filename
        result.name = scenario.name
        result.line = scenario.line_number
        callspec = getattr(request.node, "callspec", None)
        if callspec is not None:
            result.example = dict(callspec.params.get("_pytest_bdd_example", {}))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or report.outcome != "passed":
            result = self._result(report.nodeid)
            if result.outcome != "failed":
                result.outcome = report.outcome
            if report.failed:
                result.message = report.longreprtext.strip()

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.errors.append(report.longreprtext.strip())


def run_scenarios(
    paths: list[Path], rules_dir: Path | None = None, tags: tuple[str, ...] = (), cucumberjson: Path | None = None
) -> RunResult:
    """Run the scenarios quietly; pytest's own output is kept only to explain a run that could not start."""
    args = [*map(str, paths), "-p", "no:cacheprovider", "-q", "-o", "python_files=*.feature"]
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        args += ["-p", "pytest_bdd.plugin", "-p", "compliance.bdd.plugin"]
    if rules_dir is not None:
        args += ["--compliance-rules", str(rules_dir)]
    if tags:
        args += ["-m", " or ".join(tags)]
    if cucumberjson is not None:
        args += [f"--cucumberjson={cucumberjson}"]
    recorder = Recorder()
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        exit_code = int(pytest.main(args, plugins=[recorder]))
    errors = recorder.errors
    if exit_code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR) and not errors:
        errors = [output.getvalue().strip()]
    return RunResult(list(recorder.results.values()), errors, exit_code)


def _example(result: ScenarioResult, lang: str) -> str:
    if not result.example:
        return ""
    sep = "，" if lang == "zh" else ", "
    return " [" + sep.join(f"{k}={v}" for k, v in result.example.items()) + "]"


def render(result: RunResult, lang: str = "zh", verbose: bool = False) -> str:
    """Per feature: counts, then each failed scenario (every scenario with `verbose`) with its message."""
    lines: list[str] = []
    by_feature: dict[str, list[ScenarioResult]] = {}
    for scenario in result.scenarios:
        by_feature.setdefault(scenario.path or scenario.nodeid.split("::")[0], []).append(scenario)
    for path, scenarios in by_feature.items():
        passed = sum(s.outcome == "passed" for s in scenarios)
        failed = sum(s.outcome == "failed" for s in scenarios)
        title = scenarios[0].feature or path
        if lang == "zh":
            lines.append(f"功能：{title}（{path}）  通过 {passed}，失败 {failed}")
        else:
            lines.append(f"feature: {title} ({path})  {passed} passed, {failed} failed")
        for scenario in scenarios:
            if scenario.outcome == "failed" or verbose:
                where = f"（{path}:{scenario.line}）" if lang == "zh" else f" ({path}:{scenario.line})"
                lines.append(f"  {MARKS.get(scenario.outcome, '?')} {scenario.name}{_example(scenario, lang)}{where}")
                lines.extend(f"      {text}" for text in scenario.message.splitlines())
    for error in result.errors:
        lines.append(("无法读取：" if lang == "zh" else "could not read: ") + error)
    total = len(result.scenarios)
    passed = sum(s.outcome == "passed" for s in result.scenarios)
    failed = len(result.failed)
    skipped = total - passed - failed
    if lang == "zh":
        tail = f"，跳过 {skipped}" if skipped else ""
        lines.append(f"共 {total} 个场景：通过 {passed}，失败 {failed}{tail}")
    else:
        tail = f", {skipped} skipped" if skipped else ""
        lines.append(f"{total} scenarios: {passed} passed, {failed} failed{tail}")
    return "\n".join(lines) + "\n"
