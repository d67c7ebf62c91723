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

from gherkin.dialect import Dialect

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
        found += _unused_columns(scenario, shown, lang) + _missing_columns(scenario, shown, lang)
        found += _no_example_rows(scenario, shown, lang)
    for node in _with_steps(document.get("feature", {})):
        found += _first_step(node, shown, lang, document["feature"].get("language", "en"))
    return sorted(found, key=lambda message: int(message[len(shown) + 1 :].split(":")[0]))  # in the file's order


def _with_steps(feature: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every scenario and background, inside rules too."""
    for child in feature.get("children", []):
        for key in ("background", "scenario"):
            if key in child:
                yield child[key]
        if "rule" in child:
            yield from _with_steps(child["rule"])


def _first_step(node: dict[str, Any], shown: str, lang: str, language: str) -> list[str]:
    """A scenario (or background) whose first step is 而且/And or `*`, which pytest-bdd cannot read: the 背景's
    steps do not count as the scenario's first, so its first step says 假如/Given."""
    steps = node.get("steps", [])
    if not steps or steps[0].get("keywordType") not in ("Conjunction", "Unknown"):
        return []
    step = steps[0]
    written, line, text = step["keyword"].strip(), step["location"]["line"], step["text"]
    dialect = Dialect.for_name(language) or Dialect.for_name("en")
    given = next((k.strip() for k in dialect.given_keywords if k.strip() != "*"), "Given") if dialect else "Given"
    if lang == "zh":
        return [f"{shown}:{line}: 第一步不能用“{written}”开头（背景的步骤不算场景的第一步）：请写“{given} {text}”"]
    return [
        f"{shown}:{line}: a first step cannot start with {written!r} (a Background's steps are not the scenario's):"
        f" write '{given} {text}'"
    ]


def _missing_columns(scenario: dict[str, Any], shown: str, lang: str) -> list[str]:
    """A `<列名>` a step of an outline uses that an Examples table lacks: the step would read `<列名>` as written."""
    found: list[str] = []
    for examples in scenario.get("examples", []):
        header = examples.get("tableHeader")
        if header is None:
            continue
        names = {cell.get("value", "") for cell in header.get("cells", [])}
        for step in scenario.get("steps", []):
            texts = [step.get("text", "")] + [
                cell.get("value", "") for row in step.get("dataTable", {}).get("rows", []) for cell in row["cells"]
            ]
            for name in dict.fromkeys(n for text in texts for n in PLACEHOLDER.findall(text) if n not in names):
                line, at = step["location"]["line"], header["location"]["line"]
                found.append(
                    f"{shown}:{line}: 步骤用到 <{name}>，但第 {at} 行的例子表没有“{name}”列：请加上这一列"
                    if lang == "zh"
                    else f"{shown}:{line}: the step uses <{name}>, but the Examples table of line {at} has no"
                    f" {name!r} column: add it"
                )
    return found


_OUTLINE_KEYWORDS = {
    k.strip() for name in ("zh-CN", "en") if (d := Dialect.for_name(name)) for k in d.scenario_outline_keywords
}
"""场景大纲, Scenario Outline …: a plain 场景 may write `<b>` in a name (比率<b>) and has no columns to fill in."""


def _no_example_rows(scenario: dict[str, Any], shown: str, lang: str) -> list[str]:
    """An outline whose steps use `<列名>` with no example row to fill them in: its steps would read `<治理率>` as
    written (值“<治理率>”无法读取), or an Examples table of only a header would run nothing."""
    found = [
        f"{shown}:{examples['location']['line']}: 例子表没有数据行：请在表头下写出各行的值"
        if lang == "zh"
        else f"{shown}:{examples['location']['line']}: the Examples table has no rows under its header"
        for examples in scenario.get("examples", [])
        if examples.get("tableHeader") is not None and not examples.get("tableBody")
    ]
    outline = scenario.get("examples") or scenario.get("keyword", "").strip() in _OUTLINE_KEYWORDS
    used = any(PLACEHOLDER.search(step.get("text", "")) for step in scenario.get("steps", []))
    if outline and used and not found and not any(e.get("tableBody") for e in scenario.get("examples", [])):
        line = scenario["location"]["line"]
        found.append(
            f"{shown}:{line}: 场景的步骤用到 <列名>，但没有“例子:”表给出它们的值：请在场景后加上例子表"
            if lang == "zh"
            else f"{shown}:{line}: the scenario's steps use <column> names, but no Examples table gives their values"
        )
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
