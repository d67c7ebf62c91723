"""Cucumber JSON as Cucumber writes it: checked against a JSON Schema written from the published one, and by hand
for each status (passed, failed then skipped, undefined then skipped, one element per example row)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from compliance.cli import main
from tests.conftest import ROOT
from tests.scenario_samples import NAME, line_of, write

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "cucumber-json.schema.json").read_text(encoding="utf-8"))


def _inlined(node: Any, definitions: dict[str, Any]) -> Any:
    """The schema with each `$ref` to its definitions replaced by the definition itself (none refers to itself):
    the same checks, without a reference look-up at every step of a run's report, which was most of its cost."""
    if isinstance(node, dict):
        if set(node) == {"$ref"}:
            return _inlined(definitions[node["$ref"].removeprefix("#/definitions/")], definitions)
        return {key: _inlined(value, definitions) for key, value in node.items() if key != "definitions"}
    if isinstance(node, list):
        return [_inlined(value, definitions) for value in node]
    return node


jsonschema.Draft7Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft7Validator(_inlined(SCHEMA, SCHEMA["definitions"]))


def validate(document: object) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert errors == []


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("cucumber")
    write(folder)
    out = folder / "cucumber.json"
    result = CliRunner().invoke(main, ["scenarios", str(folder), "--cucumberjson", str(out)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    text = out.read_text(encoding="utf-8")
    return text, json.loads(text)


def _element(features: list[dict[str, Any]], name: str) -> dict[str, Any]:
    [found] = [e for f in features for e in f["elements"] if e["name"].startswith(name)]
    return found


def _statuses(element: dict[str, Any]) -> list[str]:
    return [step["result"]["status"] for step in element["steps"]]


def test_a_run_of_every_outcome_is_valid_cucumber_json(written: tuple[str, list[dict[str, Any]]]) -> None:
    text, features = written
    validate(features)
    assert "\\u" not in text and "九峰村" in text
    [feature] = features
    assert feature["uri"].endswith(NAME) and feature["keyword"] == "功能"
    assert feature["tags"] == [{"name": "@农村污水", "line": line_of("@农村污水")}]
    assert len(feature["elements"]) == 5
    assert len({e["id"] for e in feature["elements"]}) == 5


@pytest.mark.parametrize(
    ("where", "spoil"),
    [
        ("a step's status", lambda f: f[0]["elements"][0]["steps"][0]["result"].update(status="passed-ish")),
        ("a tag without its line", lambda f: f[0]["tags"][0].pop("line")),
        ("an element's steps", lambda f: f[0]["elements"][1].update(steps="none")),
    ],
)
def test_the_inlined_schema_refuses_what_the_published_one_refuses(
    written: tuple[str, list[dict[str, Any]]], where: str, spoil: Callable[[list[dict[str, Any]]], object]
) -> None:
    features = json.loads(written[0])
    spoil(features)
    found = [e.message for e in VALIDATOR.iter_errors(features)]
    assert found and found == [e.message for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(features)], where


def test_a_passing_scenario_has_every_step_passed_with_nanoseconds(written: tuple[str, list[dict[str, Any]]]) -> None:
    element = _element(written[1], "达到目标")
    assert _statuses(element) == ["passed"] * 5
    assert all(isinstance(s["result"]["duration"], int) and s["result"]["duration"] > 0 for s in element["steps"])
    assert element["line"] == line_of("场景: 达到目标")
    assert [t["name"] for t in element["tags"]] == ["@农村污水", "@JA-14-7"]
    assert element["tags"][1]["line"] == line_of("@JA-14-7")


def test_steps_after_a_failed_step_are_skipped(written: tuple[str, list[dict[str, Any]]]) -> None:
    element = _element(written[1], "把不达标写成了通过")
    assert _statuses(element) == ["passed", "passed", "passed", "passed", "failed", "skipped"]
    failed, skipped = element["steps"][4], element["steps"][5]
    assert failed["line"] == line_of("那么 要求 JA-14-7 的状态为 通过", 2)
    message = failed["result"]["error_message"]
    assert message.split("\n")[0].endswith(f"{NAME}:{failed['line']}: 那么 要求 JA-14-7 的状态为 通过")
    assert "要求 JA-14-7 的状态应为 通过，实际为 不达标" in message
    assert skipped["name"] == "要求 JA-14-7 的原因包含“70%”" and skipped["result"] == {"status": "skipped"}


def test_an_undefined_step_is_undefined_and_the_rest_skipped(written: tuple[str, list[dict[str, Any]]]) -> None:
    element = _element(written[1], "步骤写错了")
    assert _statuses(element) == ["undefined", "skipped", "skipped"]
    undefined = element["steps"][0]
    assert undefined["line"] == line_of("一个晋安区的行政村叫九峰村")
    assert "未定义的步骤：假如 一个晋安区的行政村叫九峰村" in undefined["result"]["error_message"]
    assert "最接近的步骤" in undefined["result"]["error_message"]


def test_each_example_row_is_an_element_with_its_own_line_and_name(written: tuple[str, list[dict[str, Any]]]) -> None:
    rows = [e for e in written[1][0]["elements"] if e["name"].startswith("2025年达到75%以上")]
    assert [e["name"] for e in rows] == [
        "2025年达到75%以上 [治理率=74.9%, 状态=不达标]",
        "2025年达到75%以上 [治理率=75%, 状态=通过]",
    ]
    assert [e["line"] for e in rows] == [line_of("| 74.9%  | 不达标 |"), line_of("| 75%    | 通过   |")]
    assert [e["id"].rsplit(";", 2)[1:] for e in rows] == [["目标前后", "2"], ["目标前后", "3"]]
    assert all(e["keyword"] == "场景大纲" and _statuses(e) == ["passed"] * 5 for e in rows)
    assert rows[0]["steps"][1]["rows"] == [{"cells": ["指标", "值"]}, {"cells": ["农村生活污水治理率", "74.9%"]}]
    assert rows[0]["steps"][4]["name"] == "要求 JA-14-7 的状态为 不达标"


def test_plain_pytest_writes_the_same_cucumber_json(tmp_path: Path) -> None:
    write(tmp_path)
    out = tmp_path / "plain.json"
    command = [sys.executable, "-m", "pytest", NAME, "-p", "no:cacheprovider", "-q", f"--cucumberjson={out}"]
    subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    features = json.loads(out.read_text(encoding="utf-8"))
    validate(features)
    assert [_statuses(e) for e in features[0]["elements"]][:3] == [
        ["passed"] * 5,
        ["passed"] * 4 + ["failed", "skipped"],
        ["undefined", "skipped", "skipped"],
    ]


def test_a_scenario_refused_before_its_steps_ran_has_a_failed_step_with_the_message(tmp_path: Path) -> None:
    """A scenario with no 那么 step had every step `skipped` and no message: reporters showed it skipped, not
    failed. The check that refused it is a failed step; a table under a step that takes none fails at that step."""
    (tmp_path / "先于步骤.feature").write_text(
        "# language: zh-CN\n功能: 先于步骤\n\n  场景: 没有那么\n    假如 一个位于晋安区的行政村“九峰村”\n"
        "    而且 评估日期为 2026-06-30\n    当 评估\n\n"
        "  场景: 多余的表格\n    假如 一个位于晋安区的行政村“九峰村”\n    而且 评估日期为 2026-06-30\n"
        "      | 农村生活污水治理率 | 80% |\n    当 评估\n    那么 要求 JA-14-7 的状态为 通过\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["scenarios", str(tmp_path), "--cucumberjson", str(out)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    features = json.loads(out.read_text(encoding="utf-8"))
    validate(features)
    no_then = _element(features, "没有那么")
    assert _statuses(no_then) == ["skipped"] * 3 + ["failed"]
    check = no_then["steps"][3]
    assert (check["keyword"], check["name"], check["line"]) == ("那么", "（场景的检查）", 4)
    assert "场景“没有那么”没有“那么”步骤，什么也没有检查" in check["result"]["error_message"]
    table = _element(features, "多余的表格")
    assert _statuses(table) == ["skipped", "failed", "skipped", "skipped"]
    assert "它下面的表格不会被读取" in table["steps"][1]["result"]["error_message"]
