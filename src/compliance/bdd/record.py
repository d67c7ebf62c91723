"""Records a run of scenarios step by step, as Cucumber would report it: every step present, an undefined step
`undefined`, the steps after a failure `skipped`, each example row a scenario of its own with its row's line.

pytest-bdd's own report keeps only the steps it reached and marks those after a failure `failed`; this recorder
starts from the whole parsed document instead, so nothing a reporter shows green was never run.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from _pytest.outcomes import OutcomeException
from pytest_bdd.parser import Feature, Scenario, Step

from compliance.bdd.files import is_feature
from compliance.bdd.gherkin import read_document
from compliance.bdd.library import lang_of, unknown_step_message
from compliance.bdd.preflight import matching_step
from compliance.model.scenarios import FeatureRun, ScenarioRun, ScenariosRun, StepRun, StepStatus, Tag, Unreadable

CURRENT = pytest.StashKey[ScenarioRun]()
STARTED = pytest.StashKey[int]()


def relative_to_run(root: Path, filename: str) -> str:
    """A feature's path as people gave it: relative to where the run started, when it lies below."""
    relative = os.path.relpath(filename, root)
    return filename if relative.startswith("..") else relative


def _tags(nodes: list[dict[str, Any]]) -> list[Tag]:
    return [Tag(t["name"].lstrip("@"), t["location"]["line"]) for t in nodes]


def message_of(exception: BaseException) -> str:
    """What a failed step says: pytest.fail's message as written, else the exception's text."""
    if isinstance(exception, OutcomeException):
        return exception.msg or ""
    return f"{type(exception).__name__}: {exception}"


class Recorder:
    """A pytest plugin object: one FeatureRun per feature file, in the order they ran."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or Path.cwd()
        self.features: dict[str, FeatureRun] = {}
        self.by_node: dict[str, ScenarioRun] = {}
        self.errors: list[str] = []
        self.unreadable: list[Unreadable] = []
        self.rootpath = self.root
        self.lang = "zh"
        self.langs: dict[str, str] = {}
        """Each scenario's language (its feature's), by node id."""

    def result(self) -> ScenariosRun:
        return ScenariosRun(list(self.features.values()), list(self.errors), list(self.unreadable))

    def pytest_configure(self, config: pytest.Config) -> None:
        self.rootpath = config.rootpath
        self.lang = str(config.getoption("compliance_lang", "zh") or "zh")

    def _feature(self, feature: Feature, document: dict[str, Any]) -> FeatureRun:
        uri = relative_to_run(self.root, feature.filename)
        if uri not in self.features:
            node = document["feature"]
            self.features[uri] = FeatureRun(
                uri=uri,
                keyword=node["keyword"],
                name=node["name"],
                line=node["location"]["line"],
                language=node["language"],
                description=feature.description,
                tags=_tags(node["tags"]),
            )
        return self.features[uri]

    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_before_scenario(self, request: pytest.FixtureRequest, feature: Feature, scenario: Scenario) -> None:
        document = read_document(Path(feature.filename))
        run = self._feature(feature, document)
        uri = run.uri
        outline = _scenario_node(document["feature"], scenario.line_number)
        scenario_run = ScenarioRun(
            nodeid=request.node.nodeid,
            keyword=outline.get("keyword", scenario.keyword),
            name=scenario.name,
            line=scenario.line_number,
            description=scenario.description,
            tags=_tags(outline.get("tags", [])),
            steps=[_step(step, lang_of(feature.language), uri) for step in scenario.steps],
        )
        callspec = getattr(request.node, "callspec", None)
        if callspec is not None and "_pytest_bdd_example" in callspec.params:
            _place_row(scenario_run, outline, callspec.indices["_pytest_bdd_example"])
            scenario_run.example = dict(callspec.params["_pytest_bdd_example"])
        run.scenarios.append(scenario_run)
        self.by_node[request.node.nodeid] = scenario_run
        self.langs[request.node.nodeid] = lang_of(feature.language)
        request.node.stash[CURRENT] = scenario_run

    def _step(self, request: pytest.FixtureRequest, step: Step) -> StepRun | None:
        scenario_run = request.node.stash.get(CURRENT, None)
        if scenario_run is None:
            return None
        return next((s for s in scenario_run.steps if s.line == step.line_number), None)

    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_before_step(self, request: pytest.FixtureRequest, step: Step) -> None:
        request.node.stash[STARTED] = time.perf_counter_ns()

    def _finish(self, request: pytest.FixtureRequest, step: Step, status: StepStatus, message: str = "") -> None:
        step_run = self._step(request, step)
        if step_run is None:
            return
        step_run.status = status
        step_run.message = message
        started = request.node.stash.get(STARTED, None)
        step_run.duration_ns = time.perf_counter_ns() - started if started is not None else 0

    @pytest.hookimpl(trylast=True)
    def pytest_bdd_after_step(self, request: pytest.FixtureRequest, step: Step) -> None:
        self._finish(request, step, StepStatus.PASSED)

    @pytest.hookimpl(trylast=True)
    def pytest_bdd_step_error(self, request: pytest.FixtureRequest, step: Step, exception: Exception) -> None:
        self._finish(request, step, StepStatus.FAILED, message_of(exception))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_bdd_step_func_lookup_error(
        self, request: pytest.FixtureRequest, step: Step
    ) -> Any:  # the plugin's hook fails the test with the message people read: record that message
        outcome = yield
        request.node.stash[STARTED] = time.perf_counter_ns()
        error = outcome.exception
        self._finish(request, step, StepStatus.UNDEFINED, message_of(error) if error else "")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        scenario_run = self.by_node.get(report.nodeid)
        if scenario_run is None:
            return
        scenario_run.duration_ns += int(report.duration * 1e9)
        if report.failed or (report.when == "call" and scenario_run.outcome != "failed"):
            scenario_run.outcome = report.outcome
        if report.failed and not scenario_run.message:
            scenario_run.message = _failure_text(scenario_run, report)
            _failed_outside_steps(scenario_run, self.langs.get(report.nodeid, self.lang))

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            message = report.longreprtext.strip()
            self.errors.append(message)
            path = report.nodeid.split("::")[0]
            if is_feature(Path(path)):  # a Cucumber report lists it as a failed feature, never leaves it out
                uri = relative_to_run(self.root, str(self.rootpath / path))
                line = re.match(re.escape(uri) + r":(\d+):", message)
                self.unreadable.append(Unreadable(uri, int(line[1]) if line else 1, message, self.lang))


def _failure_text(scenario_run: ScenarioRun, report: pytest.TestReport) -> str:
    """The failed step's own message; the whole report when the failure came from outside any step."""
    for step_run in scenario_run.steps:
        if step_run.status in (StepStatus.FAILED, StepStatus.UNDEFINED) and step_run.message:
            return step_run.message
    return report.longreprtext.strip()


def _failed_outside_steps(scenario_run: ScenarioRun, lang: str) -> None:
    """A scenario refused before its steps ran (no 那么/Then step, a table under a step that takes none) had every
    step `skipped` and no message in the Cucumber JSON, which reporters show as skipped, not failed: the step the
    message names fails with it, or else a last step, the scenario's check, is added failed with the message."""
    if any(s.status in (StepStatus.FAILED, StepStatus.UNDEFINED) for s in scenario_run.steps):
        return
    message = scenario_run.message
    named = re.match(r"\S+?:(\d+): ", message)
    step_run = next((s for s in scenario_run.steps if named and s.line == int(named[1])), None)
    if step_run is None:
        keyword, name = ("那么", "（场景的检查）") if lang == "zh" else ("Then ", "(the scenario is checked)")
        step_run = StepRun(keyword=keyword, name=name, line=scenario_run.line)
        scenario_run.steps.append(step_run)
    step_run.status = StepStatus.FAILED
    step_run.message = message


def _step(step: Step, lang: str, uri: str) -> StepRun:
    """A step not yet run: skipped, or undefined (with the closest steps) when the library has no such step."""
    rows = [[str(cell) for cell in row] for row in step.datatable.raw()] if step.datatable else []
    keyword = step.keyword + " " if step.keyword[-1:].isascii() else step.keyword  # "Given ", as Cucumber writes it
    run = StepRun(keyword=keyword, name=step.name, line=step.line_number, rows=rows)
    if matching_step(step) is None:
        run.status = StepStatus.UNDEFINED
        run.message = unknown_step_message(step.keyword, step.name, lang, f"{uri}:{step.line_number}")
    return run


def _scenario_node(feature: dict[str, Any], line: int) -> dict[str, Any]:
    """The scenario (or outline) of the document at `line`, inside rules too."""
    for child in feature.get("children", []):
        for node in [child.get("scenario")] + [c.get("scenario") for c in child.get("rule", {}).get("children", [])]:
            if node is not None and node["location"]["line"] == line:
                return dict(node)
    return {}


def _place_row(scenario_run: ScenarioRun, outline: dict[str, Any], index: int) -> None:
    """An example row's own line, its Examples' name and tags (pytest-bdd numbers rows across every Examples)."""
    seen = 0
    for examples in outline.get("examples", []):
        rows = examples.get("tableBody", [])
        if index < seen + len(rows):
            scenario_run.line = rows[index - seen]["location"]["line"]
            scenario_run.examples_name = examples.get("name", "")
            scenario_run.example_row = index - seen + 2  # the header is row 1, as Cucumber counts
            scenario_run.tags = scenario_run.tags + _tags(examples.get("tags", []))
            return
        seen += len(rows)
