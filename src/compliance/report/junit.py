"""JUnit XML, the results format every CI server shows: scenario runs, and assessments one testcase per requirement.

For a check, one testsuite per site and one testcase per requirement: a `fail` that bears on the verdict is a
<failure>, `insufficient_data` an <error> (nothing could be decided, which is not a pass), `not_applicable` and
`needs_review` are <skipped> with the reason; every testcase carries its status as a property and its reason as
system-out, so an at-risk or a 力争 shortfall, shown as passed by JUnit's four outcomes, still says what it is.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from compliance.model.problems import Problem
from compliance.model.result import Assessment, Finding, Status
from compliance.model.scenarios import ScenarioRun, ScenariosRun, StepStatus
from compliance.report.words import STATUS, strength_word


def _counts(cases: Iterable[ET.Element]) -> dict[str, str]:
    cases = list(cases)
    kinds = [child.tag for case in cases for child in case if child.tag in ("failure", "error", "skipped")]
    seconds = sum(float(case.get("time", "0")) for case in cases)
    return {
        "tests": str(len(cases)),
        "failures": str(kinds.count("failure")),
        "errors": str(kinds.count("error")),
        "skipped": str(kinds.count("skipped")),
        "time": f"{seconds:.3f}",
    }


def _suites(name: str, suites: list[ET.Element]) -> str:
    root = ET.Element("testsuites", {"name": name})
    cases = [case for suite in suites for case in suite.iter("testcase")]
    root.attrib.update(_counts(cases))
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(name: str, file: str, cases: list[ET.Element]) -> ET.Element:
    suite = ET.Element("testsuite", {"name": name, "file": file})
    suite.attrib.update(_counts(cases))
    suite.extend(cases)
    return suite


def _outcome(case: ET.Element, tag: str, message: str, kind: str, text: str = "") -> None:
    element = ET.SubElement(case, tag, {"message": message.splitlines()[0] if message else "", "type": kind})
    element.text = text or message


# ── scenarios ─────────────────────────────────────────────────────────────────────────────────────────────────────


def _scenario_case(uri: str, feature: str, scenario: ScenarioRun) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "name": scenario.title,
            "classname": feature or uri,
            "file": uri,
            "line": str(scenario.line),
            "time": f"{scenario.duration_ns / 1e9:.3f}",
        },
    )
    statuses = {step.status for step in scenario.steps}
    if scenario.outcome == "failed" and StepStatus.FAILED not in statuses and StepStatus.UNDEFINED in statuses:
        _outcome(case, "error", scenario.message, "undefined")
    elif scenario.outcome == "failed":
        _outcome(case, "failure", scenario.message, "failed")
    elif scenario.outcome == "skipped":
        ET.SubElement(case, "skipped", {"message": scenario.message.splitlines()[0] if scenario.message else ""})
    steps = "\n".join(f"{s.keyword.strip()} {s.name} … {s.status.value}" for s in scenario.steps)
    ET.SubElement(case, "system-out").text = steps
    return case


def render_scenarios(run: ScenariosRun) -> str:
    """One testsuite per feature file, one testcase per scenario or example row; unreadable files as errors."""
    suites = [
        _suite(f.name or f.uri, f.uri, [_scenario_case(f.uri, f.name, s) for s in f.scenarios]) for f in run.features
    ]
    if run.errors:
        cases = []
        for error in run.errors:
            case = ET.Element("testcase", {"name": error.split(": ", 1)[0], "classname": "gherkin", "time": "0.000"})
            _outcome(case, "error", error, "unreadable")
            cases.append(case)
        suites.append(_suite("unreadable feature files", "", cases))
    return _suites("compliance scenarios", suites)


# ── assessments ───────────────────────────────────────────────────────────────────────────────────────────────────


def _finding_case(assessment: Assessment, finding: Finding, lang: str) -> ET.Element:
    title = finding.title_zh if lang == "zh" else finding.title_en
    reason = finding.reason_zh if lang == "zh" else finding.reason_en
    case = ET.Element(
        "testcase",
        {
            "name": f"{finding.requirement} {title}",
            "classname": f"{finding.plan}.{assessment.site.id}",
            "file": assessment.source,
            "time": "0.000",
        },
    )
    properties = ET.SubElement(case, "properties")
    shown = {
        "status": finding.status.value,
        "strength": finding.strength,
        "section": finding.section,
        "quote": finding.quote,
    }
    for key, value in shown.items():
        ET.SubElement(properties, "property", {"name": key, "value": value})
    word = f"{STATUS[lang][finding.status]}（{strength_word(finding.strength, finding.modality, lang)}）"
    if finding.status is Status.FAIL and finding.bears_on_verdict:
        _outcome(case, "failure", f"{word}: {reason}", finding.status.value)
    elif finding.status is Status.INSUFFICIENT_DATA:
        _outcome(case, "error", f"{word}: {reason}", finding.status.value)
    elif finding.status in (Status.NOT_APPLICABLE, Status.NEEDS_REVIEW):
        ET.SubElement(case, "skipped", {"message": f"{word}: {reason}"})
    ET.SubElement(case, "system-out").text = f"{word}: {reason}"
    return case


def render_assessments(assessments: list[Assessment], errors: list[Problem], lang: str = "zh") -> str:
    """One testsuite per site; files that could not be read are one erroring testcase each."""
    suites = [
        _suite(
            f"{a.site.id} {a.site.name}",
            a.source,
            [_finding_case(a, finding, lang) for finding in a.findings],
        )
        for a in assessments
    ]
    if errors:
        cases = []
        for problem in errors:
            case = ET.Element("testcase", {"name": problem.file, "classname": "input", "time": "0.000"})
            _outcome(case, "error", str(problem), "bad_input")
            cases.append(case)
        suites.append(_suite("input errors", "", cases))
    return _suites("compliance check", suites)
