"""Cucumber JSON, written as Cucumber itself writes it, so living-documentation reporters read a run truthfully.

A top-level array of features; each scenario, and each example row of an outline, is one element with its own
line and a name that carries the row; every step is present with `passed`, `failed` (with its message),
`undefined` or `skipped`; durations are in nanoseconds; tags carry their lines; text stays UTF-8, never `\\u`
escaped.
"""

from __future__ import annotations

import json
import re
from typing import Any

from compliance.model.scenarios import FeatureRun, ScenarioRun, ScenariosRun, StepRun, StepStatus, Tag, Unreadable

_SPACES = re.compile(r"\s+")


def slug(text: str) -> str:
    """Cucumber's id of a name: lower case, spaces as `-` (Chinese kept as written)."""
    return _SPACES.sub("-", text.strip().lower())


def _tags(tags: list[Tag]) -> list[dict[str, Any]]:
    return [{"name": f"@{t.name}", "line": t.line} for t in tags]


def _step(step: StepRun) -> dict[str, Any]:
    result: dict[str, Any] = {"status": step.status.value}
    if step.status in (StepStatus.PASSED, StepStatus.FAILED):
        result["duration"] = step.duration_ns
    if step.message and step.status in (StepStatus.FAILED, StepStatus.UNDEFINED):
        result["error_message"] = step.message
    entry: dict[str, Any] = {"keyword": step.keyword, "name": step.name, "line": step.line, "result": result}
    if step.rows:
        entry["rows"] = [{"cells": row} for row in step.rows]
    return entry


def _element(feature: FeatureRun, scenario: ScenarioRun) -> dict[str, Any]:
    parts = [slug(feature.name or feature.uri), slug(scenario.name)]
    if scenario.example_row:
        parts += [slug(scenario.examples_name), str(scenario.example_row)]
    inherited = [t for t in feature.tags if t.name not in {own.name for own in scenario.tags}]
    return {
        "id": ";".join(parts),
        "keyword": scenario.keyword,
        "name": scenario.title,
        "line": scenario.line,
        "description": scenario.description,
        "type": "scenario",
        "tags": _tags(inherited + scenario.tags),
        "steps": [_step(step) for step in scenario.steps],
    }


def document(run: ScenariosRun) -> list[dict[str, Any]]:
    return [
        {
            "uri": feature.uri,
            "id": slug(feature.name or feature.uri),
            "keyword": feature.keyword,
            "name": feature.name,
            "line": feature.line,
            "description": feature.description,
            "tags": _tags(feature.tags),
            "elements": [_element(feature, scenario) for scenario in feature.scenarios],
        }
        for feature in run.features
    ] + [_unreadable(file) for file in run.unreadable]


def _unreadable(file: Unreadable) -> dict[str, Any]:
    """A file that could not be read, as a feature of one failed scenario whose one step, reading the file, failed
    with the reason: a reporter shows the run failed, where leaving the file out would show it clean."""
    zh = file.lang == "zh"
    keywords = ("功能", "场景", "假如") if zh else ("Feature", "Scenario", "Given ")
    title = f"无法读取：{file.uri}" if zh else f"could not read: {file.uri}"
    step = {
        "keyword": keywords[2],
        "name": "读取文件" if zh else "the file is read",
        "line": file.line,
        "result": {"status": StepStatus.FAILED.value, "duration": 0, "error_message": file.message},
    }
    element = {
        "id": f"{slug(file.uri)};{slug(title)}",
        "keyword": keywords[1],
        "name": title,
        "line": file.line,
        "description": "",
        "type": "scenario",
        "tags": [],
        "steps": [step],
    }
    return {
        "uri": file.uri,
        "id": slug(file.uri),
        "keyword": keywords[0],
        "name": title,
        "line": 1,
        "description": "",
        "tags": [],
        "elements": [element],
    }


def render(run: ScenariosRun) -> str:
    return json.dumps(document(run), ensure_ascii=False, indent=2) + "\n"
