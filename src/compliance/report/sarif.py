"""SARIF 2.1.0, so a repository of facts files shows each finding inline, at the fact's line, in an editor or on a
code host.

Each finding that is not a pass is a result located at the line of its fact in the facts file, or at `site:` when
the fact is missing (where it has to be added). Each requirement is a rule whose metadata is its title, clause
and verbatim quote. Level follows status and strength: a binding fail is an `error`; a 力争 shortfall, a binding
requirement at risk and missing data are `warning`s; a 力争 target at risk is a `note`. SARIF allows a level only
on results of kind `fail`, so missing data is of kind `fail` too (status `insufficient_data` in its properties:
never shown as settled), while review items and requirements that do not apply are of kinds `review` and
`notApplicable` with level `none`. Files that could not be read are error notifications of the invocation.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from compliance import __version__
from compliance.model.facts import FactLines
from compliance.model.problems import Problem
from compliance.model.result import Assessment, Finding, Status

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def uri(path: str) -> str:
    """A relative URI reference for a file path: forward slashes, non-ASCII percent-encoded as RFC 3986 asks."""
    return quote(PurePath(path).as_posix())


def kind_and_level(finding: Finding) -> tuple[str, str]:
    binding = finding.strength != "strive"
    if finding.status is Status.FAIL:
        return "fail", "error" if finding.bears_on_verdict else "warning"
    if finding.status is Status.AT_RISK:
        return "fail", "warning" if binding else "note"
    if finding.status is Status.INSUFFICIENT_DATA:
        return "fail", "warning" if finding.bears_on_verdict or binding else "note"
    if finding.status is Status.NEEDS_REVIEW:
        return "review", "none"
    return "notApplicable", "none"


def _rule(finding: Finding, lang: str) -> dict[str, Any]:
    title = finding.title_zh if lang == "zh" else finding.title_en
    clause = f"{finding.section}：“{finding.quote}”" if lang == "zh" else f"{finding.section}: “{finding.quote}”"
    return {
        "id": finding.requirement,
        "shortDescription": {"text": title},
        "fullDescription": {"text": clause},
        "help": {
            "text": f"{clause}\n{'详见' if lang == 'zh' else 'See'} `compliance rules show {finding.requirement}`"
        },
        "defaultConfiguration": {"level": "warning" if finding.strength == "strive" else "error"},
        "properties": {
            "plan": finding.plan,
            "section": finding.section,
            "quote": finding.quote,
            "strength": finding.strength,
            "modality": finding.modality,
            "title_zh": finding.title_zh,
            "title_en": finding.title_en,
        },
    }


def _location(source: str, line: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(source)}}
    if line is not None:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _line(finding: Finding, lines: FactLines) -> int | None:
    """The fact's line; the site's when a fact is missing (that is where it must be written)."""
    if not finding.missing:
        for observed in finding.observed:
            if observed.metric in lines.metrics:
                return lines.metrics[observed.metric]
    return lines.site


def _result(assessment: Assessment, finding: Finding, index: int, lines: FactLines, lang: str) -> dict[str, Any]:
    kind, level = kind_and_level(finding)
    return {
        "ruleId": finding.requirement,
        "ruleIndex": index,
        "kind": kind,
        "level": level,
        "message": {"text": finding.reason_zh if lang == "zh" else finding.reason_en},
        "locations": [_location(assessment.source, _line(finding, lines))],
        "properties": {
            "site": assessment.site.id,
            "status": finding.status.value,
            "strength": finding.strength,
            "bears_on_verdict": finding.bears_on_verdict,
            "missing": finding.missing,
            "as_of": assessment.as_of.isoformat(),
        },
    }


def document(
    assessments: list[Assessment], errors: list[Problem], lines: dict[str, FactLines], lang: str = "zh"
) -> dict[str, Any]:
    """`lines` maps each assessment's source to where its facts are written."""
    rules: dict[str, dict[str, Any]] = {}
    raised = [(a, f) for a in assessments for f in a.findings if f.status is not Status.PASS]
    for _, finding in sorted(raised, key=lambda pair: pair[1].requirement):
        rules.setdefault(finding.requirement, _rule(finding, lang))
    order = {requirement: number for number, requirement in enumerate(rules)}
    results = [_result(a, f, order[f.requirement], lines.get(a.source, FactLines()), lang) for a, f in raised]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{problem.field}: {problem.message}" if problem.field else problem.message},
            "locations": [_location(problem.file, problem.line)],
        }
        for problem in errors
    ]
    driver = {"name": "compliance", "version": __version__, "rules": list(rules.values())}
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(assessments: list[Assessment], errors: list[Problem], lines: dict[str, FactLines], lang: str = "zh") -> str:
    return json.dumps(document(assessments, errors, lines, lang), ensure_ascii=False, indent=2) + "\n"
