"""What a feature file must be for every scenario in it to run and every value in it to be read, checked on the
parsed Gherkin document before any scenario runs.

pytest-bdd keys a feature's scenarios by name, so of two scenarios with one name only the last would run, and
an Examples column no step names would be dropped: a scenario copied without renaming, or a column added and
never written into a step, would pass having checked nothing. Both are refused at their lines instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

PLACEHOLDER = re.compile(r"<([^<>]+)>")


def shape_problems(document: dict[str, Any], shown: str, lang: str) -> list[str]:
    """Every scenario name used twice in the feature, and every Examples column that no step, table or
    scenario name of its outline uses, each said at its line."""
    found: list[str] = []
    first: dict[str, int] = {}
    for scenario in _scenarios(document.get("feature", {})):
        name, line = scenario.get("name", ""), scenario["location"]["line"]
        if name in first:
            found.append(
                f"{shown}:{line}: 场景名称“{name}”与第 {first[name]} 行的场景重复：同名场景只有最后一个会运行，请改名"
                if lang == "zh"
                else f"{shown}:{line}: the scenario name {name!r} is also that of line {first[name]}: of two scenarios"
                " with one name only the last runs; rename one"
            )
        else:
            first[name] = line
        found += _unused_columns(scenario, shown, lang)
    return found


def _scenarios(feature: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for child in feature.get("children", []):
        if "scenario" in child:
            yield child["scenario"]
        elif "rule" in child:
            yield from _scenarios(child["rule"])


def _unused_columns(scenario: dict[str, Any], shown: str, lang: str) -> list[str]:
    texts = [scenario.get("name", "")]
    for step in scenario.get("steps", []):
        texts.append(step.get("text", ""))
        for row in step.get("dataTable", {}).get("rows", []):
            texts += [cell.get("value", "") for cell in row.get("cells", [])]
        texts.append(step.get("docString", {}).get("content", ""))
    used = {name for text in texts for name in PLACEHOLDER.findall(text)}
    found: list[str] = []
    for examples in scenario.get("examples", []):
        header = examples.get("tableHeader")
        if header is None:
            continue
        line = header["location"]["line"]
        names = [cell.get("value", "") for cell in header.get("cells", [])]
        for name in dict.fromkeys(n for n in names if names.count(n) > 1):
            found.append(
                f"{shown}:{line}: 例子表有两列都叫“{name}”"
                if lang == "zh"
                else f"{shown}:{line}: two columns are named {name!r}"
            )
        for name in [n for n in dict.fromkeys(names) if n not in used]:
            found.append(
                f"{shown}:{line}: 例子表的“{name}”列没有被任何步骤用到（步骤中应写 <{name}>），这一列的值不会被检查"
                if lang == "zh"
                else f"{shown}:{line}: no step uses the Examples column {name!r} (write <{name}> in a step): its values"
                " would not be checked"
            )
    return found
